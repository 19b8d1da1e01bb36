"""People and get-togethers written straight into the tables (no commands, no
models), for the tests of what the triggers keep (``last_contact``, migration 0013's
summaries): the triggers are the one thing under test."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Callable, Iterable


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


def random_walk(
    conn: sqlite3.Connection,
    rnd: random.Random,
    steps: int,
    day_of: Callable[[random.Random], dt.date],
    check: Callable[[sqlite3.Connection], None],
) -> None:
    """``steps`` writes of every kind at random, ``check`` after each: logging (with
    none to three of six people), removing a get-together, editing its date and the
    way of meeting or only the way, moving attendance to another person (a merge),
    removing a person (added again, without history), or someone from a get-together.
    ``day_of`` gives the dates (few days, so that a day holds several and loses them)."""
    add_people(conn, range(1, 7))
    gid = 0
    for _ in range(steps):
        roll = rnd.random()
        day = day_of(rnd).isoformat()
        if roll < 0.45 or gid == 0:
            gid += 1
            add_gettogether(
                conn, gid, day, rnd.randint(0, 1), rnd.sample(range(1, 7), rnd.randint(0, 3))
            )
        elif roll < 0.6:
            conn.execute("DELETE FROM gettogether WHERE id = ?", (rnd.randint(1, gid),))
        elif roll < 0.7:
            conn.execute(
                "UPDATE gettogether SET on_date = ?, in_person = ? WHERE id = ?",
                (day, rnd.randint(0, 1), rnd.randint(1, gid)),
            )
        elif roll < 0.75:
            conn.execute(
                "UPDATE gettogether SET in_person = 1 - in_person WHERE id = ?",
                (rnd.randint(1, gid),),
            )
        elif roll < 0.87:
            a, b = rnd.sample(range(1, 7), 2)
            conn.execute(
                "UPDATE OR IGNORE attendance SET person_id = ? WHERE person_id = ?"
                " AND gettogether_id = ?",
                (b, a, rnd.randint(1, gid)),
            )
        elif roll < 0.9:
            pid = rnd.randint(1, 6)
            conn.execute("DELETE FROM person WHERE id = ?", (pid,))
            add_people(conn, range(pid, pid + 1))
        else:
            conn.execute(
                "DELETE FROM attendance WHERE gettogether_id = ? AND person_id = ?",
                (rnd.randint(1, gid), rnd.randint(1, 6)),
            )
        check(conn)
