"""`upcoming --days 30` and the other get-together commands at issue 3's scale:
2,000 people, 200 plans, 20 groups and 50,000 logged get-togethers.

    python benchmarks/bench_upcoming.py

The network is built once with benchmarks/scaled.py's `build_scaled` (plans and
groups get realistic RRULEs, started up to years ago) and cached under
benchmarks/.data/.  `agenda()` is timed in-process on an open connection
(median of 15 calls); the commands as cold processes (median of 7), as a ratio
to `python -c "import sqlite3"` from the same virtual environment in the same
run.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, floor_seconds, median_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)
PEOPLE, PLANS, GROUPS, GETTOGETHERS = 2_000, 200, 20, 50_000


def build() -> Path:
    return scaled_database(
        f"upcoming-{PEOPLE}-{PLANS}-{GETTOGETHERS}", TODAY, people=PEOPLE,
        gettogethers=GETTOGETHERS, plans=PLANS, communities=GROUPS,
    )  # fmt: skip


def agenda_seconds(path: Path, days: int) -> tuple[float, int]:
    from supportnet import db
    from supportnet.store.agenda import agenda

    conn = db.open_database(path)
    try:
        times = []
        for _ in range(15):
            start = time.perf_counter()
            items = agenda(conn, TODAY, TODAY + dt.timedelta(days=days))
            times.append(time.perf_counter() - start)
    finally:
        conn.close()
    return statistics.median(times), len(items)


def main() -> None:
    path = build()
    env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
    conn = sqlite3.connect(path)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("person", "plan", "community", "gettogether")}  # fmt: skip
    conn.close()
    print("network: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    seconds, items = agenda_seconds(path, 30)
    print(f"{'agenda() in-process, 30 days (' + str(items) + ' items)':<44} "
          f"{seconds * 1000:8.1f} ms")  # fmt: skip
    floor = floor_seconds()
    print(f"{'floor: python -c import sqlite3':<44} {floor * 1000:8.1f} ms")
    for label, argv in (
        ("supportnet where (start-up, no query)", ["where"]),
        ("supportnet upcoming --days 30", ["upcoming", "--days", "30"]),
        ("supportnet upcoming --days 30 --json", ["upcoming", "--days", "30", "--json"]),
        ("supportnet plans", ["plans"]),
        ("supportnet groups", ["groups"]),
        ("supportnet history (latest 50)", ["history"]),
        ("supportnet calendar export - (series)", ["calendar", "export", "-"]),
    ):
        print(report(label, median_seconds([*SUPPORTNET, *argv], env=env), floor))


if __name__ == "__main__":
    main()
