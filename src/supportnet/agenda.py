"""What is coming up: one agenda merged from every area, in date order.

Each source returns ``AgendaItem``s between two dates (both included); `upcoming`,
the calendar export's checks and the nudge all read the same items.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from supportnet.dates import YearlyDate


@dataclass(frozen=True)
class AgendaItem:
    date: dt.date
    kind: str  # birthday, plan, community, event, anniversary
    title: str
    time: str | None = None  # "HH:MM" local wall-clock time
    people: tuple[tuple[int, str], ...] = ()  # (id, name)
    detail: str | None = None  # "turns 36", "every 2 weeks"...
    source_id: int | None = None  # the plan, community, event or person id
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (self.date, self.time or "", self.kind, self.title, self.source_id or 0)

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "days_away": (self.date - today).days,
            "time": self.time,
            "kind": self.kind,
            "title": self.title,
            "people": [{"id": pid, "name": name} for pid, name in self.people],
            "detail": self.detail,
            "source_id": self.source_id,
        }


def birthdays_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Birthdays of active people between ``start`` and ``end``.

    A February 29 birthday falls on February 28 in common years.  The age is
    given only when the year of birth is known.
    """
    items = []
    rows = conn.execute(
        "SELECT id, name, birthday_month, birthday_day, birthday_year FROM person"
        " WHERE archived_on IS NULL AND birthday_month IS NOT NULL"
    )
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
    from supportnet.store.groups import group_items_between
    from supportnet.store.life_events import life_events_between
    from supportnet.store.plans import plan_items_between

    items = birthdays_between(conn, start, end)
    items += life_events_between(conn, start, end)
    items += plan_items_between(conn, start, end)
    items += group_items_between(conn, start, end)
    return sorted(items, key=AgendaItem.sort_key)
