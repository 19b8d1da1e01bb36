"""Plain-SQL helpers that fill the tables progress reads (get-togethers, favors...).

The progress tests use these so they only depend on the schema, not on the
commands of other areas.  Each helper fills the copied columns
(``attendance.on_date/in_person``, ``favor_person.direction/on_date``) itself.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supportnet import db


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    conn = db.open_database(path)
    try:
        with db.transaction(conn):
            yield conn
    finally:
        conn.close()


def _day(value: dt.date | str) -> str:
    return value if isinstance(value, str) else value.isoformat()


def person(
    conn: sqlite3.Connection,
    name: str,
    added: dt.date | str = "2026-01-05",
    circle: str = "friend",
    phone: str | None = None,
) -> int:
    pid = conn.execute(
        "INSERT INTO person (name, circle, added_on) VALUES (?, ?, ?)",
        (name, circle, _day(added)),
    ).lastrowid
    if phone:
        conn.execute(
            "INSERT INTO person_contact (person_id, kind, value) VALUES (?, 'phone', ?)",
            (pid, phone),
        )
    return int(pid)


def community(conn: sqlite3.Connection, name: str, added: dt.date | str = "2026-01-05") -> int:
    return int(
        conn.execute(
            "INSERT INTO community (name, kind, added_on) VALUES (?, 'chorus', ?)",
            (name, _day(added)),
        ).lastrowid
    )


def meet(
    conn: sqlite3.Connection,
    on: dt.date | str,
    people: tuple[int, ...] | list[int] = (),
    in_person: bool = True,
    community_id: int | None = None,
    kind: str = "coffee",
) -> int:
    gid = conn.execute(
        "INSERT INTO gettogether (kind, on_date, in_person, community_id, logged_at)"
        " VALUES (?, ?, ?, ?, '2026-01-01T00:00:00+00:00')",
        (kind, _day(on), int(in_person), community_id),
    ).lastrowid
    for pid in people:
        conn.execute(
            "INSERT INTO attendance (gettogether_id, person_id, on_date, in_person)"
            " VALUES (?, ?, ?, ?)",
            (gid, pid, _day(on), int(in_person)),
        )
    return int(gid)


def favor(
    conn: sqlite3.Connection,
    on: dt.date | str,
    people: tuple[int, ...] | list[int],
    direction: str = "given",
    what: str = "brought soup",
) -> int:
    fid = conn.execute(
        "INSERT INTO favor (what, kind, direction, on_date, logged_at)"
        " VALUES (?, 'meal', ?, ?, '2026-01-01T00:00:00+00:00')",
        (what, direction, _day(on)),
    ).lastrowid
    for pid in people:
        conn.execute(
            "INSERT INTO favor_person (favor_id, person_id, direction, on_date)"
            " VALUES (?, ?, ?, ?)",
            (fid, pid, direction, _day(on)),
        )
    return int(fid)
