"""Cold start: `supportnet --help` and `supportnet people` on 1,000 people.

    python benchmarks/bench_startup.py

Targets (issue 2): --help at most 5x the floor, `people` at most 12x.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, floor_seconds, median_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)


def build(people: int = 1000) -> Path:
    """1,000 people with tags, nicknames and some get-togethers, built once."""
    return scaled_database(f"people-{people}", TODAY, people=people, gettogethers=people * 20)


def main() -> None:
    path = build()
    env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
    count = sqlite3.connect(path).execute("SELECT count(*) FROM person").fetchone()[0]
    floor = floor_seconds()
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    print(report("supportnet --help", median_seconds([*SUPPORTNET, "--help"], env=env), floor, 5))
    print(
        report(
            f"supportnet people ({count} people, piped)",
            median_seconds([*SUPPORTNET, "people"], env=env),
            floor,
            12,
        )
    )
    print(
        report(
            "supportnet people --json",
            median_seconds([*SUPPORTNET, "people", "--json"], env=env),
            floor,
        )
    )


if __name__ == "__main__":
    main()
