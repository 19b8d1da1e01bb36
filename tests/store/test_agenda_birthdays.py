"""Birthdays on the agenda: a short window is read by its days in SQL, and gives
exactly what reading every birthday gives (February 29 included)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportnet import db
from supportnet.dates import YearlyDate
from supportnet.store.agenda import birthdays_between

BIRTHDAYS = [(2, 29, 1992), (2, 29, None), (2, 28, None), (3, 1, 1980), (12, 31, None),
             (1, 1, 2001), (6, 10, None), (6, 11, 1970)]  # fmt: skip


def _database(path: Path):
    conn = db.open_database(path)
    with db.transaction(conn):
        for n, (month, day, year) in enumerate(BIRTHDAYS):
            conn.execute(
                "INSERT INTO person (name, circle, birthday_month, birthday_day, birthday_year,"
                " added_on) VALUES (?, 'friend', ?, ?, ?, '2020-01-01')",
                (f"Person {n}", month, day, year),
            )
    return conn


def _every_birthday(start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    found = []
    for n, (month, day, year) in enumerate(BIRTHDAYS, start=1):
        found += [(when, n) for when in YearlyDate(month, day, year).occurrences(start, end)]
    return sorted(found)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=st.dates(dt.date(2023, 1, 1), dt.date(2029, 12, 31)), length=st.integers(0, 400))
def test_a_window_gives_the_birthdays_in_it(tmp_path_factory, start: dt.date, length: int) -> None:
    path = tmp_path_factory.getbasetemp() / "birthdays.db"
    conn = _database(path) if not path.exists() else db.open_database(path)
    try:
        end = start + dt.timedelta(days=length)
        got = sorted((item.date, item.source_id) for item in birthdays_between(conn, start, end))
        assert got == _every_birthday(start, end)
    finally:
        conn.close()


def test_february_29_in_a_common_year(tmp_path: Path) -> None:
    conn = _database(tmp_path / "b.db")
    try:
        items = birthdays_between(conn, dt.date(2027, 2, 28), dt.date(2027, 2, 28))
        assert [(i.source_id, i.detail) for i in items] == [(1, "turns 35"), (2, None), (3, None)]
    finally:
        conn.close()
