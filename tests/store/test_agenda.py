"""A plan's people without the archived (store/plans.py ``_CURRENT_MEMBER``): every
reader of plans (plans, upcoming, the calendar, `done`) has them from one query."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportnet import db
from supportnet.models.person import PersonCreate
from supportnet.models.plan import PlanCreate
from supportnet.recurrence import parse_recurrence
from supportnet.store import plans
from supportnet.store.agenda import agenda
from supportnet.writes import people as people_writes
from supportnet.writes import plans as plan_writes

TODAY = dt.date(2026, 6, 10)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Sam (#1, archived), Ana (#2); a walk with both (#1), tea with Sam alone (#2)."""
    connection = db.open_database(tmp_path / "supportnet.db")
    weekly = parse_recurrence("every sat")
    with db.write_session(connection) as session:
        people_writes.add_people(session, [PersonCreate(name="Sam"), PersonCreate(name="Ana")],
                                 TODAY)  # fmt: skip
        for title, who in (("walk", [1, 2]), ("tea", [1])):
            plan_writes.add_plan(session, PlanCreate(title=title, people=who, recurrence=weekly,
                                                     start=TODAY), TODAY)  # fmt: skip
        people_writes.set_archived(session, 1, TODAY, archive=True)
    try:
        yield connection
    finally:
        connection.close()


def test_a_plan_goes_on_without_someone_archived(conn) -> None:
    # `done walk` logged Sam, archived, at the walk; `plans` and the calendar named him.
    assert plans.get_plan(conn, 1).people == [(2, "Ana")]
    # Only with archived people (resumed by hand): it still says who it is with.
    assert plans.get_plan(conn, 2).people == [(1, "Sam")]
    saturday = dt.date(2026, 6, 13)
    walk = [item for item in agenda(conn, saturday, saturday) if item.title == "walk"]
    assert [item.people for item in walk] == [((2, "Ana"),)]
