"""What is coming up, read from every area and merged in date order (``upcoming``,
the calendar export's checks and the nudge all read the same ``AgendaItem``s)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from supportnet.agenda import AgendaItem
from supportnet.store.groups import group_items_between
from supportnet.store.life_events import life_events_between
from supportnet.store.people import birthdays
from supportnet.store.plans import PlanRow, list_plans, plan_items_between


def birthdays_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Birthdays of active people between ``start`` and ``end``.

    A February 29 birthday falls on February 28 in common years.  The age is
    given only when the year of birth is known.
    """
    items = []
    for person in birthdays(conn, between=(start, end)):
        year = person.birthday_year
        for when in person.birthday.occurrences(start, end):
            # On its day (Feb 28 for Feb 29 in common years) they turn a year older.
            age = when.year - year if year is not None else None
            items.append(
                AgendaItem(
                    date=when,
                    kind="birthday",
                    title=f"{person.name}'s birthday",
                    people=((person.person_id, person.name),),
                    detail=f"turns {age}" if age is not None else None,
                    source_id=person.person_id,
                )
            )
    return items


def agenda(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Everything between ``start`` and ``end`` (both included), in date order."""
    items = birthdays_between(conn, start, end)
    items += life_events_between(conn, start, end)
    items += plan_items_between(conn, start, end)
    items += group_items_between(conn, start, end)
    return sorted(items, key=AgendaItem.sort_key)


def next_plan(conn: sqlite3.Connection, today: dt.date) -> PlanRow | None:
    """The active plan whose next open date (not done or skipped) comes first, from
    ``today`` on; None when no plan has a date to come (`upcoming`'s hint)."""
    rows = [row for row in list_plans(conn, today) if row.next_on is not None]
    return min(rows, key=lambda row: (row.next_on, row.plan.id), default=None)
