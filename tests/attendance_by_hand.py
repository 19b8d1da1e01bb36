"""People and get-togethers written straight into the tables (no commands, no
models), for the tests of what the triggers keep (``last_contact``, migration 0013's
summaries): the triggers are the one thing under test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def add_people(conn: sqlite3.Connection, ids: range) -> None:
    conn.executemany(
        "INSERT INTO person (id, name, circle, added_on) VALUES (?, ?, 'friend', '2026-01-01')",
        [(i, f"Person {i}") for i in ids],
    )


def add_gettogether(
    conn: sqlite3.Connection, gid: int, day: str, in_person: int, people: Iterable[int]
) -> None:
    conn.execute(
        "INSERT INTO gettogether (id, kind, on_date, in_person, logged_at)"
        " VALUES (?, 'coffee', ?, ?, '2026-01-01T00:00:00+00:00')",
        (gid, day, in_person),
    )
    conn.executemany(
        "INSERT INTO attendance VALUES (?, ?, ?, ?)", [(gid, p, day, in_person) for p in people]
    )
