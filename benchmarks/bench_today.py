"""Cold `supportnet today` (and its forms) on 2,000 people / 200,000 get-togethers,
beside `nudge` on the same database.

    python benchmarks/bench_today.py

The database is a copy of bench_nudge.py's with two goals added (built once, cached
under benchmarks/.data/).
Each figure is the median of several cold runs of a fresh process, as a ratio to
`python -c "import sqlite3"` from the same virtual environment in the same run;
beside it, the median CPU time of those runs (user + system), which moves less
than wall time when the machine is busy.

Target (issue 14): `today` within 10x the floor at 2,000 people (it is a read
command: no SQLModel import).
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_nudge import build
from harness import DATA, PYTHON, SUPPORTNET, report

TODAY = dt.date(2026, 6, 10)
TARGET = 10


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str], runs: int = 9) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of ``runs`` cold runs, after a warm-up."""
    import time

    full = {**os.environ, **env}
    subprocess.run(argv, env=full, stdout=subprocess.DEVNULL, check=True)
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = _children_cpu(), time.perf_counter()
        subprocess.run(argv, env=full, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def with_goals() -> Path:
    """bench_nudge.py's 2,000 people, with a weekly and a monthly goal."""
    import shutil
    import sqlite3

    path = DATA / "today-2000-200000.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial.db")
    shutil.copyfile(build(2_000, 200_000), partial)
    conn = sqlite3.connect(partial)
    with conn:
        conn.executemany(
            "INSERT INTO goal (title, kind, target, period, created_on) VALUES (?, ?, ?, ?, ?)",
            [("reach out to 40 people", "reach_out", 40, "week", "2026-01-05"),
             ("go to 2 group meetings", "community", 2, "month", "2026-01-05")],
        )  # fmt: skip
    conn.close()
    partial.rename(path)
    return path


def main() -> None:
    path = with_goals()
    env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat(),
           "PYTHONDONTWRITEBYTECODE": ""}  # fmt: skip
    floor, floor_cpu = timed([PYTHON, "-c", "import sqlite3"], env)
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms"
          f"  (CPU {floor_cpu * 1000:.1f} ms)")  # fmt: skip
    for args, target in (
        (["nudge"], 12),
        (["today"], TARGET),
        (["today", "--short"], TARGET),
        (["today", "--json"], None),
        (["today", "--week"], None),
    ):
        wall, cpu = timed([*SUPPORTNET, *args], env)
        label = f"{' '.join(args)}: 2,000 people"
        print(f"{report(label, wall, floor, target)}  (CPU {cpu / floor_cpu:.1f}x)")


if __name__ == "__main__":
    main()
