"""The store queries the exports read through (the calendar, vCard), on a small database:
everyone in id order, archived people and groups included where the export needs them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportnet import db
from supportnet.dates import YearlyDate
from supportnet.store.groups import scheduled_groups
from supportnet.store.life_events import dated_events
from supportnet.store.people import birthdays, every_person


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = db.open_database(tmp_path / "s.db")
    with db.transaction(conn):
        conn.executemany(
            "INSERT INTO person (id, name, circle, birthday_month, birthday_day, birthday_year,"
            " added_on, archived_on) VALUES (?, ?, 'friend', ?, ?, ?, ?, ?)",
            [
                (3, "Sam", 2, 29, None, "2023-05-01", None),
                (1, "Maya", 3, 14, 1990, "2024-01-01", None),
                (2, "Ana", None, None, None, "2024-02-01", None),
                (4, "Leo", 7, 1, None, "2025-03-01", "2026-01-05"),
            ],
        )
        conn.executemany(
            "INSERT INTO person_contact (id, person_id, kind, value) VALUES (?, ?, ?, ?)",
            [(1, 1, "email", "m@example.org"), (2, 1, "phone", "+1 2"), (3, 1, "phone", "+1 1")],
        )
        conn.executemany(
            "INSERT INTO person_nickname (person_id, nickname) VALUES (1, ?)", [("Mo",), ("Em",)]
        )
        conn.executemany(
            "INSERT INTO life_event (id, person_id, what, kind, tone, on_date, yearly, logged_at)"
            " VALUES (?, ?, ?, 'other', 'happy', ?, ?, '2026-06-01T08:00:00+00:00')",
            [(2, 4, "moved", "2026-04-01", 0), (1, 1, "wedding", "2020-06-20", 1),
             (3, 1, "someday", None, 0)],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO community (id, name, kind, rrule, starts_on, i_am_member, added_on,"
            " archived_on) VALUES (?, ?, 'chorus', ?, ?, ?, '2026-01-01', ?)",
            [
                (1, "Chorus", "FREQ=WEEKLY;BYDAY=TH", "2026-01-01", 1, None),
                (2, "Old club", "FREQ=MONTHLY;BYDAY=1SU", "2026-01-04", 1, "2026-03-01"),
                (3, "Left team", "FREQ=WEEKLY;BYDAY=MO", "2026-01-05", 0, None),
                (4, "No schedule", None, None, 1, None),
            ],
        )
    return conn


def test_birthdays_of_active_people_or_of_everyone(conn: sqlite3.Connection) -> None:
    assert [b.person_id for b in birthdays(conn)] == [1, 3]
    everyone = birthdays(conn, archived=True)
    assert [(b.person_id, b.name, b.archived_on) for b in everyone] == [
        (1, "Maya", None),
        (3, "Sam", None),
        (4, "Leo", dt.date(2026, 1, 5)),
    ]
    assert [b.birthday for b in everyone] == [
        YearlyDate(3, 14, 1990),
        YearlyDate(2, 29),
        YearlyDate(7, 1),
    ]
    assert everyone[1].added_on == dt.date(2023, 5, 1)


def test_every_person_in_id_order_with_their_lists(conn: sqlite3.Connection) -> None:
    people = list(every_person(conn))
    assert [(p.id, p.archived_on) for p in people] == [
        (1, None),
        (2, None),
        (3, None),
        (4, dt.date(2026, 1, 5)),
    ]
    maya = people[0]
    assert maya.nicknames == ["Em", "Mo"]  # by nickname
    assert maya.phones == ["+1 2", "+1 1"]  # in the order they were given
    assert maya.emails == ["m@example.org"]
    assert people[1].nicknames == people[1].phones == people[1].tags == []


def test_dated_events_with_whether_their_person_is_archived(conn: sqlite3.Connection) -> None:
    events = dated_events(conn)
    assert [(e.id, e.person_name, e.on_date, e.yearly) for e in events] == [
        (1, "Maya", dt.date(2020, 6, 20), True),
        (2, "Leo", dt.date(2026, 4, 1), False),
    ]
    assert [e.person_archived_on for e in events] == [None, dt.date(2026, 1, 5)]


def test_scheduled_groups_include_archived_and_left_ones(conn: sqlite3.Connection) -> None:
    groups = scheduled_groups(conn)
    assert [(g.id, g.archived_on, g.i_am_member) for g in groups] == [
        (1, None, True),
        (2, dt.date(2026, 3, 1), True),
        (3, None, False),
    ]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2029, 12, 31)),
    days=st.one_of(st.integers(0, 40), st.integers(300, 400)),
)
def test_birthdays_in_a_window_are_those_with_a_day_in_it(
    conn: sqlite3.Connection, start: dt.date, days: int
) -> None:
    end = start + dt.timedelta(days=days)
    window = birthdays(conn, between=(start, end))
    expected = [b for b in birthdays(conn) if b.birthday.occurrences(start, end)]
    assert [b for b in window if b.birthday.occurrences(start, end)] == expected


def test_a_february_29_birthday_is_on_the_28th_in_common_years(conn: sqlite3.Connection) -> None:
    def on(day: dt.date) -> list[int]:
        return [b.person_id for b in birthdays(conn, between=(day, day))]

    assert on(dt.date(2027, 2, 28)) == [3]
    assert on(dt.date(2028, 2, 28)) == []
    assert on(dt.date(2028, 2, 29)) == [3]
    assert on(dt.date(2027, 3, 14)) == [1]
