"""JSON export and import of the scaled network, cold, with peak memory.

    python benchmarks/bench_import_json.py            # 2,000 people / 200,000 get-togethers
    python benchmarks/bench_import_json.py --large    # and 20,000 / 2,000,000
    python benchmarks/bench_import_json.py --runs 3   # fewer runs (default 5)

The databases are the ones `bench_nudge.py` uses (`harness.scaled_database`, cached
under benchmarks/.data/).  For each size:

- `export --format json -o FILE --force`: median of cold runs, ratio to the floor;
- `import FILE` into a new database (each run its own copy of an empty one), median
  wall and CPU seconds of the child (on a busy machine the CPU figure is the one to
  compare) and the peak memory of one run;
- at 2,000 people, the same export written on one line (as `json.dumps` or a
  program re-saving it would) and re-indented (as `jq .` or an editor would): not
  in the export's layout, so they are read whole (the same checks, more memory).

Targets (issue 17): export at 2,000 people under 1 s; import streams its rows (peak
under 80 MB at 2,000 and 150 MB at 20,000) and is 3x faster than before: before,
8.7 s at 2,000 people, 183x the floor of its run, so the target is 61x the floor
(figures before and after in benchmarks/README.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import DATA, SUPPORTNET, floor_seconds, median_seconds, peak_memory_mb, report

TODAY = dt.date(2026, 6, 10)
SIZES = ((2_000, 200_000), (20_000, 2_000_000))
EXPORT_TARGET_S = 1.0
MEMORY_TARGET_MB = {2_000: 80, 20_000: 150}
#: The import at 2,000 people before issue 17 (183x the floor), made 3x faster.
IMPORT_TARGET_RATIO = 183 / 3


def database(people: int, gettogethers: int) -> Path:
    from harness import scaled_database

    return scaled_database(
        f"nudge-{people}-{gettogethers}", TODAY, people=people, gettogethers=gettogethers,
        plans=people // 10, communities=max(5, people // 100), favors=people, events=people // 4,
    )  # fmt: skip


def _env(db_path: Path) -> dict[str, str]:
    return {**os.environ, "SUPPORTNET_DB": str(db_path), "SUPPORTNET_TODAY": TODAY.isoformat(),
            "PYTHONDONTWRITEBYTECODE": ""}  # fmt: skip


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_import(export: Path, empty: Path, runs: int) -> tuple[float, float, float]:
    """Median wall and CPU seconds of cold imports of ``export``, each into a fresh copy
    of ``empty``, and the peak memory of one more."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        for run in range(runs + 2):  # the first only warms the OS file cache; the last: memory
            target = Path(folder) / f"run{run}" / "supportnet.db"
            target.parent.mkdir(mode=0o700)
            shutil.copyfile(empty, target)
            argv = [*SUPPORTNET, "import", str(export)]
            if run == runs + 1:
                peak = peak_memory_mb(argv, _env(target))
                break
            started, cpu_before = time.perf_counter(), _cpu()
            done = subprocess.run(argv, env=_env(target), capture_output=True, text=True)
            wall, cpu = time.perf_counter() - started, _cpu() - cpu_before
            if done.returncode != 0:
                raise SystemExit(f"import failed: {done.stderr[-500:]}")
            if run:
                walls.append(wall)
                cpus.append(cpu)
            shutil.rmtree(target.parent)
    return statistics.median(walls), statistics.median(cpus), peak


def main(argv: list[str]) -> None:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    sizes = SIZES if "--large" in argv else SIZES[:1]
    paths = [(database(people, count), people, count) for people, count in sizes]
    floor = floor_seconds()
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        empty = Path(folder) / "empty" / "supportnet.db"
        subprocess.run([*SUPPORTNET, "people"], env=_env(empty), check=True, capture_output=True)
        for db_path, people, count in paths:
            export = Path(folder) / f"export-{people}.json"
            argv_export = [*SUPPORTNET, "export", "--format", "json", "-o", str(export), "--force"]
            cpu_before = _cpu()
            seconds = median_seconds(argv_export, runs=runs, env=_env(db_path))
            cpu = (_cpu() - cpu_before) / (runs + 1)  # (median_seconds warms up once)
            verdict = f"  about {cpu:.2f} s CPU"
            if people == 2_000:
                verdict += f"  (target < {EXPORT_TARGET_S:g} s: "
                verdict += "met)" if seconds < EXPORT_TARGET_S else "MISSED)"
            print(report(f"export json: {people:,} people, {count:,}", seconds, floor) + verdict)
            memory = peak_memory_mb(argv_export, _env(db_path))
            print(f"  peak memory {memory:.1f} MB; {export.stat().st_size / 1e6:.1f} MB written")
            wall, cpu, peak = time_import(export, empty, runs)
            target = MEMORY_TARGET_MB[people]
            target_ratio = IMPORT_TARGET_RATIO if people == 2_000 else None
            print(report(f"import json: {people:,} people, {count:,}", wall, floor, target_ratio)
                  + f"  {cpu:.2f} s CPU")  # fmt: skip
            print(f"  peak memory {peak:.1f} MB (target < {target} MB: "
                  f"{'met' if peak < target else 'MISSED'})")  # fmt: skip
            if people == 2_000:
                document = json.loads(export.read_text(encoding="utf-8"))
                for label, indent in (("on one line", None), ("re-indented", 2)):
                    other = Path(folder) / "other.json"
                    other.write_text(json.dumps(document, ensure_ascii=False, indent=indent),
                                     encoding="utf-8")  # fmt: skip
                    wall, cpu, peak = time_import(other, empty, max(1, runs // 2))
                    print(report(f"import json {label} (read whole)", wall, floor)
                          + f"  {cpu:.2f} s CPU")  # fmt: skip
                    print(f"  peak memory {peak:.1f} MB")
                del document


if __name__ == "__main__":
    main(sys.argv[1:])
