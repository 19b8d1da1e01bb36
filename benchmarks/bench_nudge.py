"""Cold `supportnet nudge` on 2,000 people / 200,000 get-togethers and on
20,000 people / 2,000,000 get-togethers.

    python benchmarks/bench_nudge.py            # both sizes
    python benchmarks/bench_nudge.py --small    # only 2,000 people
    python benchmarks/bench_nudge.py --build    # only build the databases

The databases are built once with `build_scaled` (benchmarks/scaled.py) and cached
under benchmarks/.data/ (git-ignored).  Each figure is the median of several
cold runs of a fresh process, as a ratio to `python -c "import sqlite3"` from
the same virtual environment in the same run; peak memory is the child's
maximum resident set size.

Targets: at most 7x the floor at 2,000 people and at most 10x at 20,000 (issue 13;
issue 5 asked 12x and 20x), and under 60 MB of memory at both.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    DATA,
    SUPPORTNET,
    floor_seconds,
    median_seconds,
    paired_ratio,
    peak_memory_mb,
    report,
)

TODAY = dt.date(2026, 6, 10)

#: (people, get-togethers, target ratio to the floor)
SIZES = ((2_000, 200_000, 7), (20_000, 2_000_000, 10))
MEMORY_TARGET_MB = 60


def build(people: int, gettogethers: int) -> Path:
    """The scaled sample network, built once and cached."""
    from scaled import build_scaled

    from supportnet import db

    path = DATA / f"nudge-{people}-{gettogethers}.db"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = db.open_database(partial)
    try:
        with db.transaction(conn):
            build_scaled(
                conn,
                TODAY,
                people=people,
                gettogethers=gettogethers,
                plans=people // 10,
                communities=max(5, people // 100),
                favors=people,
                events=people // 4,
            )
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    partial.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s")
    return path


def main(argv: list[str]) -> None:
    sizes = SIZES[:1] if "--small" in argv else SIZES
    paths = [(build(people, count), people, count, target) for people, count, target in sizes]
    if "--build" in argv:
        return
    floor = floor_seconds()
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    for path, people, count, target in paths:
        env = {
            "SUPPORTNET_DB": str(path),
            "SUPPORTNET_TODAY": TODAY.isoformat(),
            # Let the warm-up run cache bytecode, as an installed package has it.
            "PYTHONDONTWRITEBYTECODE": "",
        }
        rows = sqlite3.connect(path).execute("SELECT count(*) FROM attendance").fetchone()[0]
        label = f"nudge: {people:,} people, {count:,} get-togethers"
        for how, tty in (("piped", False), ("terminal", True)):
            seconds, ratio = paired_ratio([*SUPPORTNET, "nudge"], runs=7, env=env, tty=tty)
            print(report(f"{label}, {how}", seconds, floor, target, ratio=ratio))
        memory = peak_memory_mb([*SUPPORTNET, "nudge"], env=env)
        verdict = "met" if memory < MEMORY_TARGET_MB else "MISSED"
        print(f"  peak memory {memory:.1f} MB (target < {MEMORY_TARGET_MB} MB: {verdict});"
              f" {rows:,} attendance rows")  # fmt: skip
        why = median_seconds([*SUPPORTNET, "why", "#1"], env=env, runs=3)
        print(report(f"why #1: {people:,} people", why, floor))


if __name__ == "__main__":
    main(sys.argv[1:])
