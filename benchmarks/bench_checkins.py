"""Cold `review` and `report` with a year of check-ins, on 2,000 people / 200,000
get-togethers: supportnet's own check-in every week and a loaded 12-item measure with
three subscales every other week, a weekly cadence, lean-on people, rated get-togethers.

    python benchmarks/bench_checkins.py

Target (issue 16): `review` and `report` within 15x the floor.  Each figure is the
median of several cold runs of a fresh process, as a ratio to `python -c "import
sqlite3"` measured in the same run (harness.py).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import DATA, SUPPORTNET, floor_seconds, median_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)
TARGET = 15

#: A made-up measure shaped like a 12-item support scale: 1-7, mean, three subscales.
TWELVE = "\n".join(
    [
        'name = "twelve"',
        'title = "Twelve made-up items"',
        'citation = "Written for the benchmark."',
        'scoring = "mean"',
    ]
    + [
        f'[[items]]\ntext = "Made-up item {n}"\n'
        'options = [["1", 1], ["2", 2], ["3", 3], ["4", 4], ["5", 5], ["6", 6], ["7", 7]]'
        for n in range(1, 13)
    ]
    + [
        f'[[subscales]]\nname = "part {k}"\nitems = [{", ".join(str(i) for i in items)}]'
        for k, items in enumerate(([1, 2, 5, 10], [3, 4, 8, 11], [6, 7, 9, 12]), start=1)
    ]
)


def prepared() -> Path:
    """The scaled network with a year of check-ins, built once."""
    path = DATA / "checkins-2000-200000.db"
    if path.exists():
        return path
    source = scaled_database(
        "checkins-base-2000-200000", TODAY, people=2_000, gettogethers=200_000, plans=200,
        communities=20, favors=5_000, events=500,
    )  # fmt: skip
    import shutil

    from supportnet import db

    partial = path.with_suffix(".partial.db")
    shutil.copyfile(source, partial)
    rng = random.Random(16)
    conn = db.open_database(partial)
    try:
        with db.transaction(conn):
            conn.execute(
                "INSERT INTO measure (name, title, definition, added_on) VALUES (?, ?, ?, ?)",
                ("twelve", "Twelve made-up items", TWELVE, "2025-06-01"),
            )
            mid = conn.execute("SELECT id FROM measure").fetchone()[0]
            for week in range(53):
                day = (TODAY - dt.timedelta(weeks=week, days=1)).isoformat()
                for measure, items, high in ((None, 4, 5), (mid, 12, 7)):
                    if measure is not None and week % 2:
                        continue
                    cid = conn.execute(
                        "INSERT INTO check_in (measure_id, on_date, logged_at) VALUES (?, ?, ?)",
                        (measure, day, f"{day}T20:00:00+00:00"),
                    ).lastrowid
                    conn.executemany(
                        "INSERT INTO check_in_answer VALUES (?, ?, ?)",
                        [(cid, n, rng.randint(1, high)) for n in range(1, items + 1)],
                    )
            conn.execute(
                "INSERT INTO check_in_cadence VALUES ('connection', 7, '2025-06-01', NULL)"
            )
            conn.executemany(
                "INSERT OR IGNORE INTO safety_role (role, person_id, added_on)"
                " VALUES ('ask_for_help', ?, '2026-01-01')",
                [(pid,) for pid in range(1, 40)],
            )
            recent = conn.execute(
                "SELECT id FROM gettogether WHERE on_date >= '2025-06-10' ORDER BY id"
            ).fetchall()
            conn.executemany(
                "INSERT INTO gettogether_feeling VALUES (?, ?, ?)",
                [(gid, rng.randint(1, 5), rng.randint(1, 5)) for (gid,) in recent[::20]],
            )
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    partial.rename(path)
    return path


def main() -> None:
    path = prepared()
    base = DATA / "checkins-base-2000-200000.db"  # the same network without check-ins
    env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
    without = {**env, "SUPPORTNET_DB": str(base)}
    floor = floor_seconds()
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    print("2,000 people, 200,000 get-togethers; with a year of check-ins, then without")
    for args in (
        ["review"],
        ["review", "--since", "2025-06-10"],
        ["review", "--json"],
        ["report"],
        ["report", "--since", "2026-01-01", "--format", "html", "--initials"],
        ["check-in", "list"],
        ["nudge"],
    ):
        seconds = median_seconds([*SUPPORTNET, *args], env=env, runs=5)
        target = TARGET if args[0] in ("review", "report") else None
        print(report(" ".join(args), seconds, floor, target))
        if args[0] in ("review", "report"):
            alone = median_seconds([*SUPPORTNET, *args], env=without, runs=5)
            print(report("  without check-ins", alone, floor))


if __name__ == "__main__":
    main()
