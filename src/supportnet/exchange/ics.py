"""Calendar export: plans, community meetings, birthdays and life events as an RFC 5545 file.

Built with the ``icalendar`` library.  Every event has a stable UID
(``plan-12@supportnet``, ``community-3@supportnet``, ``birthday-7@supportnet``,
``event-4@supportnet``)
so importing the file again updates the events instead of duplicating them.

Two shapes:

* series (the default): one recurring event per plan and per group, with its
  RRULE (UNTIL from the plan's end date) and an EXDATE per skipped date; a
  plan that is paused or ended stays in the file as STATUS:CANCELLED so a
  calendar that imported it before drops it on re-import.  Birthdays are yearly
  all-day events.  A February 29 birthday is written as
  ``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1`` (the last day of February): on
  the 29th in leap years and the 28th otherwise, as `upcoming` shows it.  Life
  events with a date are all-day events; yearly ones (anniversaries) recur with
  ``RRULE:FREQ=YEARLY`` the same way.
* a window (``days``): each date of the next N days as its own event, with a
  UID per date (``plan-12-20260616@supportnet``), for calendars that handle
  recurrence poorly.

Times are floating local wall-clock times (no time zone), as supportnet
stores them.  Timed events last ``minutes`` (a plan's own) or an hour.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

from supportnet import recurrence

UID_DOMAIN = "supportnet"
DEFAULT_MINUTES = 60
#: Agenda kinds written to the calendar.
EXPORTED_KINDS = ("plan", "community", "birthday", "event", "anniversary")


def _start(day: dt.date, at_time: str | None) -> dt.date | dt.datetime:
    if not at_time:
        return day
    hour, minute = (int(part) for part in at_time.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def _event(uid: str, summary: str, start: dt.date | dt.datetime, stamp: dt.datetime,
           minutes: int | None = None):  # fmt: skip
    from icalendar import Event

    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    if isinstance(start, dt.datetime):
        event.add("duration", dt.timedelta(minutes=minutes or DEFAULT_MINUTES))
    return event


def _until_part(until: dt.date | None, timed: bool) -> str:
    if until is None:
        return ""
    return f";UNTIL={until:%Y%m%d}" + ("T235959" if timed else "")


def _rrule(text: str):
    from icalendar import vRecur

    return vRecur.from_ical(text)


def _birthday_rule(month: int, day: int) -> str:
    if (month, day) == (2, 29):
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    return "FREQ=YEARLY"


def build_calendar(
    conn: sqlite3.Connection, today: dt.date, stamp: dt.datetime, days: int | None = None
) -> bytes:
    """The calendar file's bytes: series, or the next ``days`` days one by one."""
    from icalendar import Calendar

    from supportnet import __version__

    calendar = Calendar()
    calendar.add("prodid", f"-//supportnet//supportnet {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "supportnet")
    events = _window_events(conn, today, stamp, days) if days is not None else _series(conn, stamp)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _series(conn: sqlite3.Connection, stamp: dt.datetime) -> list:
    from supportnet.store import plans
    from supportnet.store.groups import calendar_groups
    from supportnet.text import title_with

    events = []
    for plan in plans.all_plans(conn):
        first = recurrence.next_occurrence(plan.rule, plan.starts_on, plan.starts_on, plan.until)
        if first is None:
            continue
        summary = title_with(plan.title, [name for _, name in plan.people])
        event = _event(f"plan-{plan.id}", summary, _start(first, plan.at_time), stamp,
                       plan.duration_minutes)  # fmt: skip
        event.add("rrule", _rrule(plan.rule + _until_part(plan.until, bool(plan.at_time))))
        skipped = [d for d in plans.skipped_dates(conn, plan.id) if d >= first]
        if skipped:
            event.add("exdate", [_start(d, plan.at_time) for d in skipped])
        event.add("status", "CONFIRMED" if plan.status == "active" else "CANCELLED")
        _describe(event, plan.place, plan.note, plan.kind)
        events.append(event)
    for group in calendar_groups(conn):
        assert group.rule is not None and group.starts_on is not None
        first = recurrence.next_occurrence(group.rule, group.starts_on, group.starts_on)
        if first is None:
            continue
        event = _event(f"community-{group.id}", group.name, _start(first, group.at_time), stamp)
        event.add("rrule", _rrule(group.rule))
        _describe(event, group.place, group.note, group.kind)
        events.append(event)
    for pid, name, month, day, year, added in conn.execute(
        "SELECT id, name, birthday_month, birthday_day, birthday_year, added_on FROM person"
        " WHERE archived_on IS NULL AND birthday_month IS NOT NULL ORDER BY id"
    ):
        first_year = year or int(added[:4])
        if (month, day) == (2, 29) and not _is_leap(first_year):
            start = dt.date(first_year, 2, 28)
        else:
            start = dt.date(first_year, month, day)
        event = _event(f"birthday-{pid}", f"{name}'s birthday", start, stamp)
        event.add("rrule", _rrule(_birthday_rule(month, day)))
        event.add("transp", "TRANSPARENT")
        events.append(event)
    events.extend(_life_events(conn, stamp))
    return events


def _life_events(conn: sqlite3.Connection, stamp: dt.datetime) -> list:
    """Dated life events of active people: all-day, yearly ones with an RRULE."""
    from supportnet.occasions import ACTIONS

    events = []
    for eid, name, what, kind, tone, on_date, yearly in conn.execute(
        "SELECT e.id, p.name, e.what, e.kind, e.tone, e.on_date, e.yearly FROM life_event e"
        " JOIN person p ON p.id = e.person_id"
        " WHERE p.archived_on IS NULL AND e.on_date IS NOT NULL ORDER BY e.id"
    ):
        day = dt.date.fromisoformat(on_date)
        event = _event(f"event-{eid}", f"{name}: {what}", day, stamp)
        if yearly:
            event.add("rrule", _rrule(_birthday_rule(day.month, day.day)))
        if tone in ACTIONS:
            event.add("description", f"A {tone} time: {ACTIONS[tone]}.")
        event.add("categories", [kind])
        event.add("transp", "TRANSPARENT")
        events.append(event)
    return events


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _describe(event, place: str | None, note: str | None, kind: str) -> None:
    if place:
        event.add("location", place)
    if note:
        event.add("description", note)
    event.add("categories", [kind])


def _window_events(conn: sqlite3.Connection, today: dt.date, stamp: dt.datetime, days: int) -> list:
    from supportnet.agenda import agenda
    from supportnet.store.plans import get_plan
    from supportnet.text import title_with

    minutes: dict[int, int | None] = {}
    events = []
    for item in agenda(conn, today, today + dt.timedelta(days=days)):
        if item.kind not in EXPORTED_KINDS:
            continue
        summary = item.title
        length = None
        if item.kind == "plan":
            summary = title_with(item.title, [name for _, name in item.people])
            if item.source_id not in minutes:
                minutes[item.source_id] = get_plan(conn, item.source_id).duration_minutes
            length = minutes[item.source_id]
        prefix = "event" if item.kind == "anniversary" else item.kind
        uid = f"{prefix}-{item.source_id}-{item.date:%Y%m%d}"
        start = _start(item.date, item.time if item.kind in ("plan", "community") else None)
        event = _event(uid, summary, start, stamp, length)
        if item.kind in ("birthday", "event", "anniversary"):
            event.add("transp", "TRANSPARENT")
        events.append(event)
    return events


def write_file(
    path: Path, data: bytes, *, force: bool = False, database: Path | None = None
) -> None:
    """Write ``data`` to ``path`` whole or not at all (``-``: standard output).

    By the rules of ``supportnet.safe_files``: an existing file is replaced only
    with ``force``, never through a link, never the ``database`` or its side files.
    """
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from supportnet import safe_files

    safe_files.write_file(
        path, data, if_exists="replace" if force else "refuse", database=database,
        purpose="for the calendar", folder_example="plans.ics",
    )  # fmt: skip
