"""Cold write commands of get-togethers, plans and groups on 2,000 people / 200,000.

    python benchmarks/bench_gettogether_writes.py [--runs 7]

Each command runs as a fresh process on a copy of the scaled database (the copy
is changed: every run writes), with arguments that differ from run to run where
the same command twice would be refused (a duplicate plan, a group already
there).  Target (issue 12): every write at most 40x the floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, _run_once, floor_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)
TARGET = 40


def build() -> Path:
    return scaled_database(
        "writes-2000", TODAY, people=2000, gettogethers=200_000, plans=200, communities=20
    )


def _days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def median_of(argv_for: Callable[[int], list[str]], env: dict[str, str], runs: int) -> float:
    """Median of ``runs`` cold runs (after one warm-up), run ``i`` with ``argv_for(i)``."""
    full = {**os.environ, **env}
    _run_once([*SUPPORTNET, *argv_for(0)], full)
    return statistics.median(
        _run_once([*SUPPORTNET, *argv_for(i)], full) for i in range(1, runs + 1)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    source = build()
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o700)
        path = Path(folder) / "writes.db"
        shutil.copyfile(source, path)
        os.chmod(path, 0o600)
        env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
        commands: list[tuple[str, Callable[[int], list[str]]]] = [
            ("log coffee --with #1 --with #2", lambda i: [
                "log", "coffee", "--with", "#1", "--with", "#2", "--on", "yesterday", "--again"]),
            ("log --group #1 --with #3", lambda i: [
                "log", "--group", "#1", "--with", "#3", "--again"]),
            ("log edit LAST --note", lambda i: ["log", "edit", "200001", "--note", f"n{i}"]),
            ("log undo --yes", lambda i: ["log", "undo", "--yes"]),
            ("know #4 #5 #6", lambda i: ["know", f"#{4 + i}", f"#{5 + i}", f"#{6 + i}"]),
            ("plan add (weekly)", lambda i: [
                "plan", f"walk {i}", "--with", "#7", "--every", "week", "--on", "tue"]),
            ("plan pause #1", lambda i: ["plan", "pause" if i % 2 else "resume", "#1"]),
            ("done #2", lambda i: ["done", "#2", "--on", _days_ago(40 * i)]),
            ("skip #3", lambda i: ["skip", "#3"]),
            ("group add", lambda i: ["group", "add", f"Club {i}", "--meets", "every wed"]),
            ("group join #1 --person #8", lambda i: [
                "group", "join" if i % 2 else "leave", "#1", "--person", f"#{8 + i}"]),
            ("group edit #2 --place", lambda i: ["group", "edit", "#2", "--place", f"p{i}"]),
        ]  # fmt: skip
        floor = floor_seconds(runs)
        print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
        for label, argv_for in commands:
            print(report(label, median_of(argv_for, env, runs), floor, TARGET))


if __name__ == "__main__":
    main()
