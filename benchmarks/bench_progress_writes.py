"""Cold write commands of goals, resources and lean-on, on a small database.

    python benchmarks/bench_progress_writes.py

Each figure is the median of 7 cold runs of the console script, as a ratio to the
median of `python -c "import sqlite3"` run in turn with it (see harness.py); a write
should stay <= 40x.
Every run changes something different (goal N, resource N), so each run is a
real write, not a refusal; pause and resume (and lean-on and its removal)
alternate.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import PYTHON, SUPPORTNET, floor_seconds, report

RUNS = 7
TARGET = 40


def _prepare(folder: Path) -> dict[str, str]:
    from supportnet import db

    path = folder / "supportnet.db"
    conn = db.open_database(path)
    with db.transaction(conn):
        conn.execute(
            "INSERT INTO person (name, circle, added_on)"
            " VALUES ('Maya López', 'close', '2026-01-05')"
        )
        conn.execute(
            "INSERT INTO community (name, kind, added_on)"
            " VALUES ('Community chorus', 'chorus', '2026-01-05')"
        )
        conn.execute(
            "INSERT INTO goal (title, kind, target, period, created_on)"
            " VALUES ('give 1 favor', 'favors', 1, 'week', '2026-01-05')"
        )
    conn.close()
    return {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": "2026-06-10"}


def _once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[-500:]}")
    return elapsed


def _timed(argv_for: Callable[[int], list[str]], env: dict[str, str]) -> tuple[float, float]:
    """Median seconds of the command and of the floor, run in turn (so that a busy
    machine slows both alike)."""
    full = {**os.environ, **env}
    times, floors = [], []
    for i in range(RUNS + 1):  # the first run warms the OS cache
        floor = _once([PYTHON, "-c", "import sqlite3"], full)
        elapsed = _once([*SUPPORTNET, *argv_for(i)], full)
        if i:
            times.append(elapsed)
            floors.append(floor)
    return statistics.median(times), statistics.median(floors)


def _removal(i: int) -> list[str]:
    return ["--remove"] if i % 2 else []


def main() -> None:
    print(f"floor: python -c 'import sqlite3'        {floor_seconds() * 1000:8.1f} ms")
    cases: list[tuple[str, Callable[[int], list[str]]]] = [
        ("goal add", lambda i: ["goal", "add", f"reach out to {i + 1} people"]),
        ("goal pause / resume", lambda i: ["goal", "pause" if i % 2 == 0 else "resume", "1"]),
        ("resources add", lambda i: ["resources", "add", f"Line {i}", "--phone", "988"]),
        ("resources remove", lambda i: ["resources", "remove", f"#{i + 1}", "--yes"]),
        ("lean-on / --remove", lambda i: ["lean-on", "Maya", "--ask-for-help", *_removal(i)]),
    ]
    with tempfile.TemporaryDirectory() as folder:
        env = _prepare(Path(folder))
        for label, argv_for in cases:
            seconds, floor = _timed(argv_for, env)
            print(report(label, seconds, floor, TARGET) + f"  (floor {floor * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
