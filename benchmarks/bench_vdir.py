"""Exporting 2,000 people to an address-book vdir: `supportnet export --format vdir DIR`, cold.

    python benchmarks/bench_vdir.py

Targets (issue 15): under 2 s the first time (2,000 cards and the group cards
written into an empty folder) and under 0.5 s when nothing changed (every file
checked, none written), set when this machine's floor (``python -c "import
sqlite3"``) took 16 ms: as every benchmark here, they are judged as ratios to the
floor of the same run, at most 125x and 31x (the seconds are printed too).  A third
figure: one person edited, so one card is written.

Each first-time run is a fresh process on its own copy of the scaled database (2,000
people, benchmarks/scaled.py) and an empty folder; the unchanged runs repeat the
export on one folder.  Median of several runs, wall clock and CPU time of the child
(user + system); on a busy machine the CPU figure is the one to compare.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, floor_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)
PEOPLE = 2000
RUNS = 5
TARGET_FIRST_RATIO = 125  # 2 s when the floor took 16 ms
TARGET_UNCHANGED_RATIO = 31  # 0.5 s


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _export(db_path: Path, folder: Path) -> tuple[float, float]:
    env = {**os.environ, "SUPPORTNET_DB": str(db_path), "SUPPORTNET_TODAY": TODAY.isoformat()}
    started, cpu_before = time.perf_counter(), _cpu()
    done = subprocess.run([*SUPPORTNET, "export", "--format", "vdir", str(folder)], env=env,
                          capture_output=True, text=True)  # fmt: skip
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu_before
    if done.returncode != 0:
        raise SystemExit(f"export failed: {done.stderr[-500:]}")
    return elapsed, cpu


def _median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> None:
    source = scaled_database("vdir-2000", TODAY, people=PEOPLE, gettogethers=4000, communities=20)
    floor = floor_seconds()
    first, unchanged, one = [], [], []
    with tempfile.TemporaryDirectory() as work:
        for run in range(RUNS + 1):  # the first run only warms the OS file cache
            db_path = Path(work) / f"run{run}" / "supportnet.db"
            db_path.parent.mkdir()
            shutil.copyfile(source, db_path)
            folder = Path(work) / f"run{run}" / "people"
            timing = _export(db_path, folder)
            if run:
                first.append(timing)
        files = len(list(folder.glob("*.vcf")))
        for _ in range(RUNS + 1):
            unchanged.append(_export(db_path, folder))
        unchanged = unchanged[1:]
        for n in range(RUNS):
            conn = sqlite3.connect(db_path)
            with conn:
                conn.execute("UPDATE person SET note = ? WHERE id = 7", (f"edited {n}",))
            conn.close()
            one.append(_export(db_path, folder))
    print(f"floor (python -c 'import sqlite3'): {floor * 1000:.1f} ms; load: {os.getloadavg()}")
    print(f"{files} files ({PEOPLE} people and their group cards)")
    for label, pairs, target in (
        ("export --format vdir, first time", first, TARGET_FIRST_RATIO),
        ("export --format vdir, nothing changed", unchanged, TARGET_UNCHANGED_RATIO),
        ("export --format vdir, one person changed", one, None),
    ):
        wall, cpu = _median(pairs)
        print(report(label, wall, floor, target) + f"   cpu {cpu * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
