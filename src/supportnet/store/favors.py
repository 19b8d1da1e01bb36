"""Favors given and received: reading them (changes are in ``writes.support``).

Read records are filled by column name (``store.records``); nothing here
writes or prints.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from supportnet.errors import NotFound
from supportnet.store.records import fetch, fetch_one
from supportnet.text import fold, id_key

DIRECTIONS = ("given", "received")

#: "This past year" for the balance and the counts: the last 365 days, today included.
YEAR_DAYS = 365

#: (person id, name) of each person a favor was for or from, sorted by id.
People = tuple[tuple[int, str], ...]


def decode_people(text: str | None) -> People:
    """``id<RS>name<US>id<RS>name`` (``_PEOPLE_OF_FAVOR``) as (id, name) pairs, by id."""
    if not text:
        return ()
    pairs = (item.split("\x1e", 1) for item in text.split("\x1f"))
    return tuple(sorted(((int(pid), name) for pid, name in pairs), key=lambda p: p[0]))


@dataclass(frozen=True)
class Favor:
    """One favor as listed (a read record of ``models.Favor``, with its people)."""

    id: int
    what: str
    kind: str
    direction: str  # "given" (you helped them) or "received" (they helped you)
    on_date: dt.date
    note: str | None
    people: People  # the query gives the encoded text; __post_init__ decodes it

    def __post_init__(self) -> None:
        if not isinstance(self.people, tuple):
            object.__setattr__(self, "people", decode_people(self.people))

    def to_json(self) -> dict:
        """The shape of `supportnet favors --json` (docs/support.md)."""
        return {
            "id": self.id,
            "date": self.on_date.isoformat(),
            "direction": self.direction,
            "what": self.what,
            "kind": self.kind,
            "note": self.note,
            "people": [{"id": pid, "name": name} for pid, name in self.people],
        }


_PEOPLE_OF_FAVOR = (
    "(SELECT group_concat(pid || char(30) || name, char(31)) FROM"
    " (SELECT p.id AS pid, p.name AS name FROM favor_person x JOIN person p ON p.id = x.person_id"
    "  WHERE x.favor_id = f.id ORDER BY p.id))"
)
_FAVOR_COLUMNS = (
    f"f.id, f.what, f.kind, f.direction, f.on_date, f.note, {_PEOPLE_OF_FAVOR} AS people"
)


def get_favor(conn: sqlite3.Connection, favor_id: int | None) -> Favor:
    """One favor by id, or the one recorded last when ``favor_id`` is None."""
    if favor_id is None:
        last = fetch_one(
            conn, Favor, f"SELECT {_FAVOR_COLUMNS} FROM favor f ORDER BY f.id DESC LIMIT 1"
        )
        if last is None:
            raise NotFound("No favors are recorded yet.")
        return last
    found = fetch_one(
        conn, Favor, f"SELECT {_FAVOR_COLUMNS} FROM favor f WHERE f.id = ?", (id_key(favor_id),)
    )
    if found is None:
        raise NotFound(f"No favor has the id #{favor_id}. `supportnet favors` lists them.")
    return found


def list_favors(
    conn: sqlite3.Connection,
    *,
    person_id: int | None = None,
    direction: str | None = None,
    since: dt.date | None = None,
) -> list[Favor]:
    """Favors, newest first (by date, then the later recorded first)."""
    where, params = [], []
    if person_id is not None:
        source = "favor_person fp JOIN favor f ON f.id = fp.favor_id"
        where.append("fp.person_id = ?")
        params.append(person_id)
        prefix = "fp"
    else:
        source = "favor f"
        prefix = "f"
    if direction is not None:
        where.append(f"{prefix}.direction = ?")
        params.append(direction)
    if since is not None:
        where.append(f"{prefix}.on_date >= ?")
        params.append(since.isoformat())
    sql = f"SELECT {_FAVOR_COLUMNS} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {prefix}.on_date DESC, f.id DESC"
    return fetch(conn, Favor, sql, params)


@dataclass(frozen=True)
class _Recent:
    id: int
    what: str
    people: str | None  # the person ids, "1,3", ascending


def just_recorded(
    conn: sqlite3.Connection,
    *,
    direction: str,
    kind: str,
    on_date: dt.date,
    what: str,
    people: list[int],
    since: dt.datetime,
) -> int | None:
    """The id of the same favor (way, what, kind, date and people) recorded at or
    after ``since``, if there is one: the slip rule of ``writes.support.add_favor``."""
    wanted = ",".join(map(str, sorted(set(people))))
    for favor in fetch(
        conn,
        _Recent,
        "SELECT f.id, f.what, (SELECT group_concat(person_id) FROM"
        "  (SELECT person_id FROM favor_person WHERE favor_id = f.id ORDER BY person_id))"
        " AS people FROM favor f WHERE f.direction = ? AND f.kind = ? AND f.on_date = ?"
        " AND f.logged_at >= ?",
        (direction, kind, on_date.isoformat(), since.isoformat()),
    ):
        if fold(favor.what) == fold(what) and favor.people == wanted:
            return favor.id
    return None


@dataclass(frozen=True)
class Balance:
    """Favors each way with one person over the past year (``YEAR_DAYS``)."""

    since: dt.date  # the first day counted
    given: int
    received: int

    def to_json(self, name: str) -> dict:
        """The ``support`` key of `show NAME --json`, with the balance in words."""
        from supportnet.occasions import balance_words

        return {
            "since": self.since.isoformat(),
            "given": self.given,
            "received": self.received,
            "balance": balance_words(name, self.given, self.received),
        }


@dataclass(frozen=True)
class _Counts:
    given: int
    received: int


def favor_balance(conn: sqlite3.Connection, person_id: int, today: dt.date) -> Balance:
    """How often you helped them and they helped you in the last 365 days."""
    since = today - dt.timedelta(days=YEAR_DAYS - 1)
    counts = fetch_one(
        conn,
        _Counts,
        "SELECT coalesce(sum(direction = 'given'), 0) AS given,"
        " coalesce(sum(direction = 'received'), 0) AS received FROM favor_person"
        " WHERE person_id = ? AND on_date BETWEEN ? AND ?",
        (person_id, since.isoformat(), today.isoformat()),
    )
    assert counts is not None
    return Balance(since, counts.given, counts.received)
