"""Cold write commands of the support area: favor, event and the nudge's memory.

    python benchmarks/bench_support_writes.py

On a copy of a scaled network (2,000 people, 20,000 get-togethers, 2,000 favors,
500 life events; built once with `build_scaled` (benchmarks/scaled.py) and cached under
benchmarks/.data/), each command is run cold: the median of 7 runs after one
warm-up, as a ratio to `python -c "import sqlite3"` from the same virtual
environment in the same run.  `supportnet add` (people) is timed beside them as
the reference write.  Target (issue 12): every write at most 40x the floor.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import SUPPORTNET, floor_seconds, median_seconds, report, scaled_database

TODAY = dt.date(2026, 6, 10)
TARGET = 40

#: (label, arguments); `--again` and `--force` let the same command run several times.
COMMANDS = [
    ("add (reference)", ["add", "Zed Example", "--force"]),
    ("favor", ["favor", "brought soup", "--for", "#1", "--kind", "meal", "--again"]),
    ("favor undo --yes", ["favor", "undo", "--yes"]),
    ("event", ["event", "#1", "new job", "--happy", "--again"]),
    ("event edit", ["event", "edit", "1", "--what", "surgery"]),
    ("event undo --yes", ["event", "undo", "--yes"]),
    ("snooze", ["snooze", "#1", "--for", "2w"]),
    ("dismiss --kind", ["dismiss", "#2", "--kind", "catch-up"]),
    ("unsnooze", ["unsnooze", "#1"]),
]


def main() -> None:
    source = scaled_database(
        "support-writes-2000", TODAY, people=2000, gettogethers=20_000, plans=200,
        communities=20, favors=2000, events=500,
    )  # fmt: skip
    floor = floor_seconds()
    print(report("floor: python -c 'import sqlite3'", floor, floor))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir(mode=0o700)
        db = folder / "supportnet.db"
        shutil.copy2(source, db)
        os.chmod(db, 0o600)
        env = {"SUPPORTNET_DB": str(db), "SUPPORTNET_TODAY": TODAY.isoformat()}
        for label, args in COMMANDS:
            seconds = median_seconds([*SUPPORTNET, *args], env=env)
            print(report(f"supportnet {label}", seconds, floor, TARGET))


if __name__ == "__main__":
    main()
