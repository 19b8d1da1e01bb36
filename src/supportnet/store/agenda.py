"""What is coming up, read from every area and merged in date order (``upcoming``,
the calendar export's checks and the nudge all read the same ``AgendaItem``s)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from supportnet.agenda import AgendaItem
from supportnet.dates import YearlyDate
from supportnet.store.groups import group_items_between
from supportnet.store.life_events import life_events_between
from supportnet.store.plans import plan_items_between


def birthdays_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Birthdays of active people between ``start`` and ``end``.

    A February 29 birthday falls on February 28 in common years.  The age is
    given only when the year of birth is known.
    """
    items = []
    sql = (
        "SELECT id, name, birthday_month, birthday_day, birthday_year FROM person"
        " WHERE archived_on IS NULL AND birthday_month IS NOT NULL"
    )
    params: tuple = ()
    if (end - start).days < 365:  # only the days of the window (a digest's two, say)
        from supportnet.occasions import month_days_between

        days = [month * 100 + day for month, day in month_days_between(start, end)]
        sql += f" AND birthday_month * 100 + birthday_day IN ({', '.join('?' * len(days))})"
        params = tuple(days)
    rows = conn.execute(sql, params)
    for pid, name, month, day, year in rows:
        birthday = YearlyDate(month, day, year)
        for when in birthday.occurrences(start, end):
            # On its day (Feb 28 for Feb 29 in common years) they turn a year older.
            age = when.year - year if year is not None else None
            items.append(
                AgendaItem(
                    date=when,
                    kind="birthday",
                    title=f"{name}'s birthday",
                    people=((pid, name),),
                    detail=f"turns {age}" if age is not None else None,
                    source_id=pid,
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
