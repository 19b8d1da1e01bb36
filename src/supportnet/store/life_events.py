"""The life events of your people: reading them (changes are in ``writes.support``).

Read records are filled by column name (``store.records``); nothing here
writes or prints.  ``life_events_between`` gives the agenda's items.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from supportnet.dates import YearlyDate
from supportnet.errors import NotFound
from supportnet.occasions import Window, Windows, event_window, month_days_between, open_window
from supportnet.store.records import fetch, fetch_one
from supportnet.text import fold, id_key

if TYPE_CHECKING:
    from supportnet.agenda import AgendaItem


class LifeEvent(NamedTuple):
    """One life event as listed (a read record of ``models.LifeEvent``, with the
    person's name)."""

    id: int
    person_id: int
    person_name: str
    what: str
    kind: str
    tone: str  # "hard" or "happy" ("neutral" may come from an import)
    on_date: dt.date | None
    yearly: bool
    note: str | None

    def window(self, today: dt.date, windows: Windows) -> Window | None:
        """The check-in or celebrate window that matters on ``today`` (see occasions)."""
        return event_window(self.on_date, self.tone, self.yearly, today, windows)

    def to_json(self, today: dt.date, windows: Windows) -> dict:
        """The shape of `supportnet events --json` (docs/support.md)."""
        window = self.window(today, windows)
        return {
            "id": self.id,
            "person": {"id": self.person_id, "name": self.person_name},
            "what": self.what,
            "kind": self.kind,
            "tone": self.tone,
            "date": self.on_date.isoformat() if self.on_date else None,
            "yearly": self.yearly,
            "note": self.note,
            "window": None
            if window is None
            else {
                "action": window.action,
                "occurs_on": window.occurs_on.isoformat(),
                "days_away": (window.occurs_on - today).days,
                "opens_on": window.opens_on.isoformat(),
                "closes_on": window.closes_on.isoformat(),
                "state": window.state(today),
                "years": window.years,
            },
        }


_EVENT_FIELDS = (
    "e.id, e.person_id, p.name AS person_name, e.what, e.kind, e.tone, e.on_date, e.yearly, e.note"
)
_EVENT_FROM = " FROM life_event e JOIN person p ON p.id = e.person_id"
#: ``SELECT {EVENT_COLUMNS} WHERE ...``: every field of ``LifeEvent``, by name.
EVENT_COLUMNS = _EVENT_FIELDS + _EVENT_FROM


def get_event(conn: sqlite3.Connection, event_id: int | None) -> LifeEvent:
    """One life event by id, or the one recorded last when ``event_id`` is None."""
    if event_id is None:
        last = fetch_one(conn, LifeEvent, f"SELECT {EVENT_COLUMNS} ORDER BY e.id DESC LIMIT 1")
        if last is None:
            raise NotFound("No life events are recorded yet.")
        return last
    found = fetch_one(
        conn, LifeEvent, f"SELECT {EVENT_COLUMNS} WHERE e.id = ?", (id_key(event_id),)
    )
    if found is None:
        raise NotFound(f"No life event has the id #{event_id}. `supportnet events` lists them.")
    return found


def list_events(
    conn: sqlite3.Connection,
    *,
    person_id: int | None = None,
    open_on: dt.date | None = None,
    windows: Windows | None = None,
) -> list[LifeEvent]:
    """Life events, newest date first (undated ones last).

    With ``open_on`` (and ``windows``), only those whose check-in or celebrate
    window is open on that day.
    """
    where, params = [], []
    if person_id is not None:
        where.append("e.person_id = ?")
        params.append(person_id)
    if open_on is not None:
        wins = windows or Windows()
        near, near_params = near_clause(open_on, wins)
        where.append(near)
        params.extend(near_params)
    sql = f"SELECT {EVENT_COLUMNS}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.on_date IS NULL, e.on_date DESC, e.id DESC"
    events = fetch(conn, LifeEvent, sql, params)
    if open_on is not None:
        events = [e for e in events if open_window(e.on_date, e.tone, e.yearly, open_on, wins)]
    return events


class CalendarEvent(NamedTuple):
    """A life event in the calendar export, which cancels an archived person's: the
    fields of ``LifeEvent`` and the day the person was archived."""

    id: int
    person_id: int
    person_name: str
    what: str
    kind: str
    tone: str
    on_date: dt.date | None
    yearly: bool
    note: str | None
    person_archived_on: dt.date | None = None


def dated_events(conn: sqlite3.Connection) -> list[CalendarEvent]:
    """Every life event with a date, by id, archived people's too (for the calendar)."""
    return fetch(
        conn,
        CalendarEvent,
        f"SELECT {_EVENT_FIELDS}, p.archived_on AS person_archived_on{_EVENT_FROM}"
        " WHERE e.on_date IS NOT NULL ORDER BY e.id",
    )


def near_clause(today: dt.date, wins: Windows) -> tuple[str, list[object]]:
    """SQL that keeps the hard and happy events whose window may be open on ``today``.

    One-off events: a range on the date index.  Yearly ones: their month and day
    among the days the widest window reaches (Feb 29 kept on Feb 28 in common
    years).  A superset: ``occasions.open_window`` has the last word.
    """
    start = today - dt.timedelta(days=wins.widest_after)
    end = today + dt.timedelta(days=wins.widest_before)
    keys = [f"{m:02d}-{d:02d}" for m, d in month_days_between(start, end)]
    marks = ", ".join("?" * len(keys))
    clause = (
        "e.tone IN ('hard', 'happy') AND ((e.yearly = 0 AND e.on_date BETWEEN ? AND ?)"
        f" OR (e.yearly = 1 AND e.on_date <= ? AND substr(e.on_date, 6) IN ({marks})))"
    )
    return clause, [start.isoformat(), end.isoformat(), end.isoformat(), *keys]


class _Recent(NamedTuple):
    id: int
    what: str


def just_noted(
    conn: sqlite3.Connection,
    *,
    person_id: int,
    what: str,
    on_date: dt.date | None,
    since: dt.datetime,
) -> int | None:
    """The id of the same event (person, what, date) noted at or after ``since``, if
    there is one: the slip rule of ``writes.support.add_event``."""
    for event in fetch(
        conn,
        _Recent,
        "SELECT id, what FROM life_event WHERE person_id = ? AND on_date IS ? AND logged_at >= ?",
        (person_id, on_date.isoformat() if on_date else None, since.isoformat()),
    ):
        if fold(event.what) == fold(what):
            return event.id
    return None


def life_events_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Agenda items for the life events of active people between two dates.

    One-off events on their date (kind ``event``); yearly ones on every
    anniversary (kind ``anniversary``; the first time, the day itself, is an
    ``event``).  February 29 falls on February 28 in common years.
    """
    from supportnet.agenda import AgendaItem
    from supportnet.occasions import ACTIONS
    from supportnet.text import ordinal

    active = " AND p.archived_on IS NULL"
    events = fetch(
        conn,
        LifeEvent,
        f"SELECT {EVENT_COLUMNS} WHERE e.yearly = 0 AND e.on_date BETWEEN ? AND ?{active}",
        (start.isoformat(), end.isoformat()),
    )
    if (end - start).days >= 365:
        events += fetch(
            conn,
            LifeEvent,
            f"SELECT {EVENT_COLUMNS} WHERE e.yearly = 1 AND e.on_date <= ?{active}",
            (end.isoformat(),),
        )
    else:
        keys = [f"{m:02d}-{d:02d}" for m, d in month_days_between(start, end)]
        marks = ", ".join("?" * len(keys))
        events += fetch(
            conn,
            LifeEvent,
            f"SELECT {EVENT_COLUMNS} WHERE e.yearly = 1 AND substr(e.on_date, 6) IN ({marks})"
            f" AND e.on_date <= ?{active}",
            (*keys, end.isoformat()),
        )
    items = []
    for event in events:
        assert event.on_date is not None
        if event.yearly:
            origin = event.on_date
            days = YearlyDate(origin.month, origin.day, origin.year).occurrences(start, end)
        else:
            days = [event.on_date]
        for day in days:
            years = day.year - event.on_date.year if event.yearly else 0
            action = ACTIONS.get(event.tone)
            detail = f"{ordinal(years)} anniversary" if years else event.kind
            items.append(
                AgendaItem(
                    date=day,
                    kind="anniversary" if years else "event",
                    title=f"{event.person_name}: {event.what}",
                    people=((event.person_id, event.person_name),),
                    detail=f"{detail}; {action}" if action else detail,
                    source_id=event.id,
                    extra={"tone": event.tone, "event_kind": event.kind, "yearly": event.yearly},
                )
            )
    return items
