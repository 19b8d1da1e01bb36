"""Cold start of `supportnet demo`: build the sample network in a throw-away database
through the models and writers, then show people, nudge and upcoming.

    python benchmarks/bench_demo.py

The floor is run in turn with the command, each round, so both see the same load.
`demo` is a write (it imports SQLModel and the models it writes); no target is set.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import PYTHON, SUPPORTNET, median_seconds, report

TODAY = "2026-06-10"


def main(rounds: int = 3, runs: int = 5) -> None:
    env = {"SUPPORTNET_TODAY": TODAY}
    floors, demos = [], []
    for _ in range(rounds):
        floors.append(median_seconds([PYTHON, "-c", "import sqlite3"], runs))
        demos.append(median_seconds([*SUPPORTNET, "demo"], runs, env))
    floor = statistics.median(floors)
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    print(report("supportnet demo", statistics.median(demos), floor))


if __name__ == "__main__":
    main()
