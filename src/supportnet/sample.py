"""The built-in sample network: a realistic dozen people, dated relative to today.

Used by `supportnet demo` (in a throw-away database) and, scaled up, by the
benchmarks.  Deterministic: the same ``today`` gives the same network.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from supportnet.dates import YearlyDate
from supportnet.store.people import NewPerson, add_person

# name, circle, cadence days (None: the circle's), tags, how met, nickname
SAMPLE_PEOPLE: list[tuple[str, str, int | None, list[str], str, str | None]] = [
    ("Maya López", "inner", None, ["family"], "my sister", None),
    ("Sam Carter", "close", 14, ["climbing", "work"], "old job, 2019", "Sammy"),
    ("Ana Okafor", "close", None, ["chorus"], "community chorus", None),
    ("Jonas Weber", "friend", None, ["climbing"], "climbing gym", None),
    ("Priya Nair", "friend", 21, ["book club"], "book club", None),
    ("Leo Martins", "friend", None, ["neighbours"], "lives upstairs", None),
    ("Grace Kim", "acquaintance", None, ["chorus"], "chorus, alto section", None),
    ("Tomás Ruiz", "acquaintance", None, ["work"], "conference 2024", "Tom"),
    ("Noor Haddad", "prospect", None, ["book club"], "met at the library talk", None),
    ("Ella Schmidt", "prospect", None, ["climbing"], "friend of Jonas", None),
    ("Dr. Ruth Alder", "professional", None, ["health"], "my therapist", None),
    ("Omar Said", "friend", None, ["volunteering"], "food bank shifts", None),
]


def add_sample_people(conn: sqlite3.Connection, today: dt.date) -> dict[str, int]:
    """Insert the sample people; return their ids by name.

    Sam's birthday falls next week and Maya's a few weeks on, so `upcoming`
    always has something to show.
    """
    ids = {}
    for index, (name, circle, cadence, tags, met, nick) in enumerate(SAMPLE_PEOPLE):
        birthday = None
        if name == "Sam Carter":
            soon = today + dt.timedelta(days=6)
            birthday = YearlyDate(soon.month, soon.day, 1990 if soon.day != 29 else 1992)
        elif name == "Maya López":
            later = today + dt.timedelta(days=40)
            birthday = YearlyDate(later.month, later.day, None)
        ids[name] = add_person(
            conn,
            NewPerson(
                name=name,
                circle=circle,
                cadence_days=cadence,
                birthday=birthday,
                how_met=met,
                tags=tags,
                nicknames=[nick] if nick else [],
            ),
            today - dt.timedelta(days=400 - 20 * index),
        )
    return ids


def build_sample(conn: sqlite3.Connection, today: dt.date) -> dict[str, int]:
    """The whole sample network, inside the caller's transaction."""
    return add_sample_people(conn, today)
