"""Favors and life events at scale: `support_facts` (what the nudge reads) and the
support commands, on 2,000 and 20,000 people.

    python benchmarks/bench_support.py            # both sizes
    python benchmarks/bench_support.py --small    # only 2,000 people

Each network has a quarter of a life event per person and either one favor per
person (the nudge benchmark's shape) or ten (a very generous life), built once
with `build_scaled` (benchmarks/scaled.py) and cached under benchmarks/.data/.
`support_facts` is timed in-process on an open connection (median of 15 calls,
wall clock and CPU time: CPU time holds still on a busy machine); the commands
as cold processes, as a ratio to `python -c "import sqlite3"` from the same
virtual environment in the same run.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, floor_seconds, median_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)
#: (people, favors per person)
SIZES = ((2_000, 1), (2_000, 10), (20_000, 1), (20_000, 10))


def build(people: int, favors_each: int) -> Path:
    return scaled_database(
        f"support-{people}-{favors_each}", TODAY, people=people, gettogethers=people * 10,
        favors=people * favors_each, events=people // 4,
    )  # fmt: skip


def facts_seconds(path: Path) -> tuple[float, float, int]:
    from supportnet import db
    from supportnet.config import DEFAULTS
    from supportnet.store.support_facts import support_facts

    conn = db.open_database(path)
    try:
        wall, cpu = [], []
        for _ in range(15):
            start, start_cpu = time.perf_counter(), time.process_time()
            facts = support_facts(conn, TODAY, DEFAULTS["windows"])
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    finally:
        conn.close()
    return statistics.median(wall), statistics.median(cpu), len(facts)


def main(argv: list[str]) -> None:
    sizes = SIZES[:2] if "--small" in argv else SIZES
    floor = floor_seconds()
    print(f"{'floor: python -c import sqlite3':<44} {floor * 1000:8.1f} ms")
    for people, favors_each in sizes:
        path = build(people, favors_each)
        seconds, cpu, count = facts_seconds(path)
        print(f"support_facts, {people:,} people, {people * favors_each:,} favors "
              f"({count:,} people with facts): {seconds * 1000:.1f} ms wall, "
              f"{cpu * 1000:.1f} ms CPU, in-process")  # fmt: skip
        env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
        for args in (["events", "--open"], ["favors", "#1"], ["show", "#1"],
                     ["upcoming", "--days", "30"]):  # fmt: skip
            label = f"{people:,}/{favors_each}: supportnet {' '.join(args)}"
            try:
                print(report(label, median_seconds([*SUPPORTNET, *args], env=env), floor))
            except SystemExit as error:  # a command another area has not shipped yet
                print(f"{label:<44} skipped ({str(error)[:60]})")


if __name__ == "__main__":
    main(sys.argv[1:])
