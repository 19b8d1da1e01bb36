"""The bulk commands (exports, calendar, backup, report): cold wall time, CPU and peak memory.

    python benchmarks/bench_export.py            # 2,000 people / 200,000 get-togethers
    python benchmarks/bench_export.py --large    # and 20,000 / 2,000,000
    python benchmarks/bench_export.py --runs 3   # fewer runs (default 5)
    python benchmarks/bench_export.py --only calendar   # the commands whose name has it

The databases are the ones `bench_nudge.py` and `bench_import_json.py` use
(`harness.scaled_database`, cached under benchmarks/.data/).  For each command: the
median of cold runs (ratio to the floor, and the CPU seconds of the child, the figure
to compare on a busy machine), the peak memory of one more run, and the size of what
it wrote (memory may grow with the output, never with the history behind it).

Targets (issue 17): `export --format json` at 2,000 people under 1 s; `calendar export`
at 20,000 under 2 s and 80 MB; every command here under 60 MB whatever the history,
except where what it writes is that large.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import_json import _cpu, _env, database  # the same network, env and CPU clock
from harness import DATA, SUPPORTNET, floor_seconds, peak_memory_mb, report

TODAY = dt.date(2026, 6, 10)
SIZES = ((2_000, 200_000), (20_000, 2_000_000))
MEMORY_MB = 60

#: (label, arguments; OUT is the file written), as a person runs them.
COMMANDS = (
    ("export json", ["export", "--format", "json", "-o", "OUT", "--force"]),
    ("export csv people", ["export", "--format", "csv", "--what", "people", "-o", "OUT",
                           "--force"]),
    ("export csv gettogethers", ["export", "--format", "csv", "--what", "gettogethers", "-o",
                                 "OUT", "--force"]),
    ("export csv favors", ["export", "--format", "csv", "--what", "favors", "-o", "OUT",
                           "--force"]),
    ("export vcf", ["export", "--format", "vcf", "-o", "OUT", "--force"]),
    ("calendar export", ["calendar", "export", "OUT", "--force"]),
    ("calendar export --days 30", ["calendar", "export", "OUT", "--days", "30", "--force"]),
    ("backup", ["backup", "OUT"]),
    ("report (4 weeks, md)", ["report", "-o", "OUT", "--force"]),
    ("report (4 weeks, html)", ["report", "-f", "html", "-o", "OUT", "--force"]),
    ("report --since 2020-01-01", ["report", "--since", "2020-01-01", "-o", "OUT", "--force"]),
    ("report --since 2020-01-01, html", ["report", "--since", "2020-01-01", "-f", "html", "-o",
                                         "OUT", "--force"]),
    ("report --for-therapist (4 weeks, html)", ["report", "--for-therapist", "-f", "html",
                                                "-o", "OUT", "--force"]),
    ("report --for-therapist --since 2020-01-01", ["report", "--for-therapist", "--since",
                                                   "2020-01-01", "-o", "OUT", "--force"]),
    # Listings of the whole history, their output sent to OUT.
    ("history --limit 0", ["history", "--limit", "0"]),
    ("history --limit 0 --json", ["history", "--limit", "0", "--json"]),
)  # fmt: skip

#: Seconds, by (label, people).
TIME_TARGETS = {("export json", 2_000): 1.0, ("calendar export", 20_000): 2.0}
#: Peak memory in MB, by (label, people), where it is not MEMORY_MB.
MEMORY_TARGETS = {("calendar export", 20_000): 80}


def time_command(argv: list[str], env: dict[str, str], out: Path, runs: int):
    """Median wall and CPU seconds of ``runs`` cold runs (after one to warm the file
    cache), the peak memory of one more, and the size of the file written (the
    standard output, for a command not told to write ``out``)."""
    walls, cpus = [], []
    for run in range(runs + 1):
        out.unlink(missing_ok=True)  # (backup refuses to replace a file)
        started, cpu_before = time.perf_counter(), _cpu()
        with open(out, "wb") if str(out) not in argv else open(os.devnull, "wb") as stdout:
            done = subprocess.run(argv, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
        wall, cpu = time.perf_counter() - started, _cpu() - cpu_before
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {done.stderr[-500:]}")
        if run:
            walls.append(wall)
            cpus.append(cpu)
    size = out.stat().st_size
    out.unlink(missing_ok=True)
    peak = peak_memory_mb(argv, env)
    return statistics.median(walls), statistics.median(cpus), peak, size


def main(argv: list[str]) -> None:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    sizes = SIZES if "--large" in argv else SIZES[:1]
    paths = [(database(people, count), people, count) for people, count in sizes]
    floor = floor_seconds()
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    print(f"load: {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        os.chmod(folder, 0o700)
        for db_path, people, count in paths:
            print(f"-- {people:,} people, {count:,} get-togethers")
            for label, args in COMMANDS:
                if only not in label:
                    continue
                out = Path(folder) / "out"
                command = [*SUPPORTNET, *(str(out) if a == "OUT" else a for a in args)]
                wall, cpu, peak, size = time_command(command, _env(db_path), out, runs)
                verdict = ""
                target = TIME_TARGETS.get((label, people))
                if target is not None:
                    verdict = f"  (target < {target:g} s: {'met' if wall < target else 'MISSED'})"
                print(report(label, wall, floor) + f"  {cpu:.2f} s CPU" + verdict)
                memory = MEMORY_TARGETS.get((label, people), MEMORY_MB)
                said = "met" if peak < memory else "MISSED"
                print(f"  peak memory {peak:.1f} MB (target < {memory} MB: {said}); "
                      f"{size / 1e6:.1f} MB written")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
