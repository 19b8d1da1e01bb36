"""The everyday listings as a person sees them: on a terminal, beside piped.

    python benchmarks/bench_terminal.py            # 2,000 people / 200,000 get-togethers
    python benchmarks/bench_terminal.py --large    # also 20,000 / 2,000,000
    python benchmarks/bench_terminal.py --large-only --only show,review   # some, at 20,000

Each command runs cold, several times, on a pseudo-terminal of 120 x 40
(``harness.median_seconds(tty=True)``, ``COLUMNS`` fixed; the pager is left out
with ``--no-pager``, as its wait for a key is not the command's time, except in the
one row that pages `people` through ``PAGER='cat -u'``) and piped; both are printed as
ratios to ``python -c "import sqlite3"``, each run of a command beside two runs
of that floor (``harness.paired_ratio``): on a machine shared with other work the
floor moves several times over during one benchmark.

The 20,000-person database takes some minutes to build; `bench_nudge.py` builds
the same one as ``nudge-20000-2000000.db``, which may be copied to
``terminal-20000-2000000.db`` under benchmarks/.data/.

Targets (issue 17), on a terminal: `people` at 2,000 <= 12x and at 20,000 <= 40x;
`upcoming --days 30` <= 12x; every other listing at 2,000 <= 12x; `show NAME` <= 12x
whatever the person's history; `review --week` and `report` at 20,000 <= 15x.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, floor_seconds, paired_ratio, report, scaled_database

TODAY = dt.date(2026, 6, 10)

#: (people, get-togethers, the target for `people` on a terminal)
SIZES = ((2_000, 200_000, 12), (20_000, 2_000_000, 40))


def _person_by_history(path: Path, which: str) -> str:
    """``#id`` of the person with the most get-togethers (``busiest``: `show` at its
    worst) or of the median person among those with any (``median``)."""
    conn = sqlite3.connect(path)
    try:
        counts = conn.execute(
            "SELECT person_id FROM attendance GROUP BY person_id ORDER BY count(*) DESC"
        ).fetchall()
    finally:
        conn.close()
    return f"#{counts[0 if which == 'busiest' else len(counts) // 2][0]}"


def commands(path: Path, people: int, people_target: float) -> list[tuple[str, list[str], Any]]:
    """(label, arguments, target on a terminal) for one database."""
    large = people >= 20_000
    return [
        ("people", ["people"], people_target),
        ("upcoming --days 30", ["upcoming", "--days", "30"], None if large else 12),
        ("history", ["history"], None if large else 12),
        ("show (the busiest person)", ["show", _person_by_history(path, "busiest")], 12),
        ("show (the median person)", ["show", _person_by_history(path, "median")], 12),
        ("nudge", ["nudge"], None if large else 12),
        ("review --week", ["review", "--week"], 15 if large else 12),
        ("report", ["report"], 15 if large else None),
        ("report --format html", ["report", "--format", "html"], 15 if large else None),
    ]


def main(argv: list[str]) -> None:
    sizes = SIZES[1:] if "--large-only" in argv else SIZES if "--large" in argv else SIZES[:1]
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
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
        for label, args, target in commands(path, people, people_target):
            if only and not any(label.startswith(word) for word in only):
                continue
            argv_ = [*SUPPORTNET, "--no-pager", *args]
            tty, tty_ratio = paired_ratio(argv_, env=env, tty=True)
            piped, piped_ratio = paired_ratio(argv_, env=env)
            print(report(f"{label}, on a terminal", tty, floor, target, ratio=tty_ratio))
            print(report(f"{label}, piped", piped, floor, ratio=piped_ratio))
            if label == "people":
                paged, ratio = paired_ratio([*SUPPORTNET, *args], env=env, tty=True)
                print(report("people, on a terminal, paged (cat -u)", paged, floor, ratio=ratio))
    print(f"floor again: python -c 'import sqlite3'  {floor_seconds() * 1000:8.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
