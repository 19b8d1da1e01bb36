"""Cold `goals`, `review`, `report`, `help-now` and `map` on 2,000 people / 200,000
get-togethers (the nudge benchmark's database, copied, with one goal of each kind).

    python benchmarks/bench_progress.py

Each figure is the median of several cold runs of a fresh process, as a ratio to
`python -c "import sqlite3"` (see harness.py).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_nudge import TODAY, build
from harness import DATA, SUPPORTNET, floor_seconds, median_seconds, report

GOALS = (
    ("reach out to 2 people", "reach_out", 2, "week"),
    ("2 in-person get-togethers", "in_person", 2, "week"),
    ("go to 1 group meeting", "community", 1, "week"),
    ("meet 1 new person", "new_people", 1, "month"),
    ("give 1 favor", "favors", 1, "week"),
    ("log something on 3 days", "log_days", 3, "week"),
)


def prepared() -> Path:
    source = build(2_000, 200_000)
    path = DATA / "progress-2000-200000.db"
    if not path.exists():
        shutil.copyfile(source, path)
        conn = sqlite3.connect(path)
        from supportnet import db

        conn.close()
        conn = db.open_database(path)
        with db.transaction(conn):
            for title, kind, target, period in GOALS:
                conn.execute(
                    "INSERT INTO goal (title, kind, target, period, created_on)"
                    " VALUES (?, ?, ?, ?, '2026-01-05')",
                    (title, kind, target, period),
                )
        conn.close()
    return path


def main() -> None:
    path = prepared()
    env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
    floor = floor_seconds()
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    for args in (
        ["help-now"],
        ["goals"],
        ["review"],
        ["review", "--since", "2025-06-10"],
        ["report", "--since", "2026-01-01", "--format", "html", "--initials"],
        ["map"],
        ["map", "--json"],
        ["report", "--for-therapist", "--format", "html"],
    ):
        seconds = median_seconds([*SUPPORTNET, *args], env=env, runs=5)
        print(report(" ".join(args) + ": 2,000 people, 200,000 get-togethers", seconds, floor))


if __name__ == "__main__":
    main()
