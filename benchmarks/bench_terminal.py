"""The everyday listings as a person sees them: on a terminal, beside piped.

    python benchmarks/bench_terminal.py            # 2,000 people / 200,000 get-togethers
    python benchmarks/bench_terminal.py --large    # also 20,000 / 2,000,000

Each command runs cold, several times, on a pseudo-terminal of 120 x 40
(``harness.median_seconds(tty=True)``; the pager is left out with ``--no-pager``,
as its wait for a key is not the command's time) and piped; both are printed as
ratios to ``python -c "import sqlite3"`` measured in the same run.

Targets (issue 17), on a terminal: `people` at 2,000 <= 12x and at 20,000 <= 40x;
`upcoming --days 30` <= 12x; every other listing at 2,000 <= 12x.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, floor_seconds, median_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)

#: (people, get-togethers, the target for `people` on a terminal)
SIZES = ((2_000, 200_000, 12), (20_000, 2_000_000, 40))


def _busiest_person(path: Path) -> str:
    """``#id`` of the person with the most get-togethers: `show` at its worst."""
    conn = sqlite3.connect(path)
    try:
        pid = conn.execute(
            "SELECT person_id FROM attendance GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        conn.close()
    return f"#{pid}"


def commands(path: Path, people_target: float) -> list[tuple[str, list[str], float]]:
    """(label, arguments, target on a terminal) for one database."""
    return [
        ("people", ["people"], people_target),
        ("upcoming --days 30", ["upcoming", "--days", "30"], 12),
        ("history", ["history"], 12),
        ("show (the busiest person)", ["show", _busiest_person(path)], 12),
        ("nudge", ["nudge"], 12),
        ("review --week", ["review", "--week"], 12),
    ]


def main(argv: list[str]) -> None:
    sizes = SIZES if "--large" in argv else SIZES[:1]
    floor = floor_seconds()
    print(f"floor: python -c 'import sqlite3'        {floor * 1000:8.1f} ms")
    for people, count, people_target in sizes:
        path = scaled_database(
            f"terminal-{people}-{count}", TODAY, people=people, gettogethers=count,
            plans=people // 10, communities=max(5, people // 100), favors=people,
            events=people // 4,
        )  # fmt: skip
        env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
        print(f"-- {people:,} people, {count:,} get-togethers")
        for label, args, target in commands(path, people_target):
            argv_ = [*SUPPORTNET, "--no-pager", *args]
            tty = median_seconds(argv_, runs=5, env=env, tty=True)
            piped = median_seconds(argv_, runs=5, env=env)
            print(report(f"{label}, on a terminal", tty, floor, target))
            print(report(f"{label}, piped", piped, floor))


if __name__ == "__main__":
    main(sys.argv[1:])
