"""Groups at the store layer: how `groups` counts your recent attendance
(store/groups.py), and a schedule's start given with --starting (writes/groups.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportnet import db
from supportnet.errors import InvalidInput
from supportnet.models import validate
from supportnet.models.group import GroupCreate, GroupUpdate
from supportnet.recurrence import parse_recurrence
from supportnet.store import groups
from supportnet.store.groups import meetings_went, recent_attendance
from supportnet.writes import groups as writes

TODAY = dt.date(2026, 11, 10)  # a Tuesday
SATURDAY = dt.date(2026, 11, 7)


@pytest.mark.parametrize(
    "meetings, went, went_before, counted",
    [
        (8, 4, 0, (8, 4)),  # the eighth-latest meeting on: 4 of 8
        (8, 4, 3, (8, 4)),  # days before the eighth-latest meeting are not counted
        (2, 3, 0, (2, 2)),  # at most one day counts per meeting
        (0, 0, 0, (0, 0)),  # no meetings yet, and none went to
        (0, 0, 1, (1, 1)),  # went before the schedule started: that was a meeting
        (2, 1, 1, (3, 2)),
        (6, 6, 5, (8, 8)),  # up to 8 meetings in all
    ],
)
def test_recent_attendance(meetings, went, went_before, counted):
    assert recent_attendance(meetings, went, went_before) == counted


def _nov(*days: int) -> list[dt.date]:
    return [dt.date(2026, 11, d) for d in days]


@pytest.mark.parametrize(
    "logged, went",
    [
        (_nov(21, 22), 1),  # the day after a meeting is that meeting, not the one missed
        (_nov(7, 21), 2),
        (_nov(8), 1),  # a meeting moved by a day still counts
        (_nov(14), 1),  # as near to both: the earlier
        (_nov(7, 8, 9), 1),
        (_nov(25), 1),  # after the latest meeting: that one
        ([], 0),
    ],
)
def test_each_day_logged_counts_for_the_nearest_meeting_once(logged, went) -> None:
    assert meetings_went(_nov(7, 21), logged) == went


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = db.open_database(tmp_path / "data" / "supportnet.db")
    try:
        yield connection
    finally:
        connection.close()


def add(conn: sqlite3.Connection, **given) -> groups.Group:
    with db.write_session(conn) as session:
        gid = writes.add_group(session, validate(GroupCreate, {"name": "Food bank", **given}),
                               TODAY)  # fmt: skip
    return groups.get_group(conn, gid)


def edit(conn: sqlite3.Connection, group: groups.Group, **given) -> groups.Group:
    with db.write_session(conn) as session:
        writes.update_group(session, group.id, validate(GroupUpdate, given), TODAY)
    return groups.get_group(conn, group.id)


def test_a_schedule_starts_on_its_first_date_from_starting(conn):
    fortnightly = parse_recurrence("every other saturday 9am")
    # Without a start, the weeks are counted from the day it is added.
    assert add(conn, meets=fortnightly).starts_on == dt.date(2026, 11, 14)
    group = edit(conn, groups.get_group(conn, 1), starting=SATURDAY)
    assert (group.rule, group.at_time, group.starts_on) == (fortnightly.rule, "09:00", SATURDAY)
    assert group.dates(TODAY, dt.date(2026, 11, 30)) == [dt.date(2026, 11, 21)]
    # A day that is not a Saturday starts on the next one.
    assert edit(conn, group, starting=dt.date(2026, 11, 12)).starts_on == dt.date(2026, 11, 14)
    # A new schedule starts from --starting, not from today.
    weekly = parse_recurrence("every thu")
    assert edit(conn, group, meets=weekly, starting=dt.date(2026, 10, 1)).starts_on == (
        dt.date(2026, 10, 1)
    )


def test_starting_needs_a_schedule(conn):
    message = "--starting is the day a schedule starts from; give --meets with it."
    with pytest.raises(InvalidInput, match=message):
        validate(GroupCreate, {"name": "Walk", "starting": SATURDAY})
    with pytest.raises(InvalidInput, match=message):
        validate(GroupUpdate, {"meets": None, "starting": SATURDAY})
    group = add(conn)
    with pytest.raises(InvalidInput, match=r"Food bank \(#1\) has no schedule to start"):
        edit(conn, group, starting=SATURDAY)
    assert groups.get_group(conn, 1).starts_on is None
