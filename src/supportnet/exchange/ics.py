"""Calendar export: plans, community meetings, birthdays and life events as an RFC 5545 file.

Built with the ``icalendar`` library.  Every event's UID is a UUID derived from
the database's own random identity and the record (``make_uid(identity,
"plan", 12)``, see store/identity.py): the same for every export of one
database, so importing the file again updates the events instead of
duplicating them, and different in every other database, so two people's
exports never overwrite each other in one calendar.

Everything to write is first gathered as ``Entry`` records (one per plan,
group, birthday and dated life event), then written in one of two shapes,
which carry the same properties for the same entry (``_event``):

* series (the default): one event per entry.  A plan or group recurs with its
  RRULE, an EXDATE per skipped date and ``UNTIL`` from the plan's own end.  A
  plan that was paused or ended keeps its past: its series stops with ``UNTIL``
  the day before the pause or the end (that day too when it was marked done),
  so no date after it is shown; one resumed simply continues.  A plan with one
  date (a one-off) is a single event without RRULE.  Birthdays are yearly
  all-day events; a February 29 birthday is written as
  ``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1`` (the last day of February): on
  the 29th in leap years and the 28th otherwise, as `upcoming` shows it.  Life
  events with a date are all-day events; yearly ones (anniversaries) recur the
  same way.  A group that was archived or that you left, and the birthday and
  life events of an archived person, are written with ``STATUS:CANCELLED``
  (same UID), so that a calendar which imported them drops them on re-import.
* a window (``days``): each date of the next N days of those same series as its
  own event, with a UID per date (``make_uid(identity, "plan", "12/20260616")``),
  for calendars that handle recurrence poorly.

Times are floating local wall-clock times (no time zone), as supportnet
stores them.  Timed events last ``minutes`` (a plan's own) or an hour.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supportnet import recurrence
from supportnet.exchange.folding import folded

if TYPE_CHECKING:
    from supportnet.dates import YearlyDate
    from supportnet.store.plans import Plan

DEFAULT_MINUTES = 60


@dataclass(frozen=True)
class Entry:
    """One thing in the calendar, before it is written as a series or date by date."""

    kind: str  # plan, community, birthday or event: part of its UID
    source_id: int
    summary: str
    first: dt.date  # DTSTART's day: the first date
    time: str | None = None  # "HH:MM"; None: all day
    minutes: int | None = None
    rule: str | None = None  # None: a single date
    until: dt.date | None = None  # the last day the rule may give, included
    skipped: tuple[dt.date, ...] = ()
    yearly: YearlyDate | None = None  # birthdays and yearly events (with ``rule``)
    cancelled: bool = False
    place: str | None = None
    description: str | None = None
    category: str | None = None
    transparent: bool = False  # all-day reminders that do not make you busy

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The entry's dates between ``start`` and ``end`` (both included), as the
        series written for it gives them."""
        if self.yearly is not None:
            found = self.yearly.occurrences(start, end)  # as `upcoming`; much faster than dateutil
        elif self.rule is None:
            found = [self.first] if start <= self.first <= end else []
        else:
            found = recurrence.occurrences(self.rule, self.first, start, end, self.until)
        return [day for day in found if day not in self.skipped]


def build_calendar(
    conn: sqlite3.Connection, today: dt.date, stamp: dt.datetime, days: int | None = None
) -> bytes:
    """The calendar file's bytes: series, or the next ``days`` days one by one."""
    from icalendar import Calendar

    from supportnet import __version__
    from supportnet.store.identity import database_identity

    calendar = Calendar()
    calendar.add("prodid", f"-//supportnet//supportnet {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "supportnet")
    identity = database_identity(conn)
    entries = calendar_entries(conn, today)
    writer = _EventText(stamp)
    if days is None:
        events = [writer.series(entry, identity) for entry in entries]
    else:
        events = writer.window(entries, identity, today, today + dt.timedelta(days=days))
    # The events are written as ``calendar.add_component(_series_event(...))`` then
    # ``to_ical()`` would write them (``_EventText``), between the calendar's own lines.
    head, end = calendar.to_ical(), b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return b"".join([head[: -len(end)], "".join(events).encode("utf-8"), end])


# --- what goes in -------------------------------------------------------------------


def calendar_entries(conn: sqlite3.Connection, today: dt.date) -> list[Entry]:
    """Every plan, group, birthday and dated life event the calendar holds."""
    return [*_plan_entries(conn, today), *_group_entries(conn), *_person_entries(conn)]


def last_plan_day(plan: Plan, done: set[dt.date], today: dt.date) -> dt.date | None:
    """The last day a plan's series may have a date: its own ``until``, or for a
    paused or ended plan the day before it stopped (that day itself when its date
    was marked done: it happened).  None: no end.

    A pause recorded before supportnet kept its day (an older JSON export) counts
    from ``today``, the latest it can have been.
    """
    if plan.status == "active":
        return plan.until
    stopped = plan.paused_on or plan.ended_on or today
    last = stopped if stopped in done else stopped - dt.timedelta(days=1)
    return min(last, plan.until) if plan.until else last


def _plan_entries(conn: sqlite3.Connection, today: dt.date) -> list[Entry]:
    from supportnet.store import plans
    from supportnet.text import title_with

    entries = []
    for plan in plans.all_plans(conn):
        marks = plans.marks(conn, plan.id)
        done = {day for day, (status, _) in marks.items() if status == "done"}
        until = last_plan_day(plan, done, today)
        start, rule = plan.starts_on, plan.rule
        dates = recurrence.dates_from(rule, start, start, until, 2)  # one: a single event
        # No date: it stopped before its first, and is written once, cancelled, on that.
        first = dates[0] if dates else recurrence.next_occurrence(rule, start, start, plan.until)
        if first is None:
            continue  # a rule without a single date: nothing to show, nothing ever shown
        skipped = tuple(
            sorted(
                day
                for day, (status, _) in marks.items()
                if status == "skipped" and first <= day and (until is None or day <= until)
            )
        )
        single = len(dates) < 2
        entries.append(
            Entry(
                kind="plan",
                source_id=plan.id,
                summary=title_with(plan.title, [name for _, name in plan.people]),
                first=first,
                time=plan.at_time,
                minutes=plan.duration_minutes,
                rule=None if single else plan.rule,
                until=until,
                skipped=() if single else skipped,
                # Stopped before its first date, or a one-off that was skipped: no date left.
                cancelled=not dates or (single and dates[0] in skipped),
                place=plan.place,
                description=plan.note,
                category=plan.kind,
            )
        )
    return entries


def _group_entries(conn: sqlite3.Connection) -> list[Entry]:
    """Groups with a schedule: cancelled once archived or left (they were in the
    calendar while you belonged to them)."""
    from supportnet.store.groups import scheduled_groups

    entries = []
    for group in scheduled_groups(conn):
        assert group.rule is not None and group.starts_on is not None
        first = recurrence.next_occurrence(group.rule, group.starts_on, group.starts_on)
        if first is None:
            continue
        entries.append(
            Entry(
                kind="community",
                source_id=group.id,
                summary=group.name,
                first=first,
                time=group.at_time,
                rule=group.rule,
                cancelled=group.archived_on is not None or not group.i_am_member,
                place=group.place,
                description=group.note,
                category=group.kind,
            )
        )
    return entries


def _yearly_rule(month: int, day: int) -> str:
    if (month, day) == (2, 29):
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    return "FREQ=YEARLY"


def _person_entries(conn: sqlite3.Connection) -> list[Entry]:
    """Birthdays, then dated life events; an archived person's cancelled."""
    import calendar

    from supportnet.dates import YearlyDate
    from supportnet.occasions import ACTIONS
    from supportnet.store.life_events import dated_events
    from supportnet.store.people import birthdays

    entries = []
    for person in birthdays(conn, archived=True):
        month, day = person.birthday_month, person.birthday_day
        # Without a year: from the year they were added.
        first_year = person.birthday_year or person.added_on.year
        leap_day_moved = (month, day) == (2, 29) and not calendar.isleap(first_year)
        entries.append(
            Entry(
                kind="birthday",
                source_id=person.person_id,
                summary=f"{person.name}'s birthday",
                first=dt.date(first_year, month, 28 if leap_day_moved else day),
                yearly=YearlyDate(month, day, first_year),
                rule=_yearly_rule(month, day),
                cancelled=person.archived_on is not None,
                transparent=True,
            )
        )
    for event in dated_events(conn):
        on = event.on_date
        assert on is not None
        tone = event.tone
        entries.append(
            Entry(
                kind="event",
                source_id=event.id,
                summary=f"{event.person_name}: {event.what}",
                first=on,
                rule=_yearly_rule(on.month, on.day) if event.yearly else None,
                yearly=YearlyDate(on.month, on.day, on.year) if event.yearly else None,
                cancelled=event.person_archived_on is not None,
                description=f"A {tone} time: {ACTIONS[tone]}." if tone in ACTIONS else None,
                category=event.kind,
                transparent=True,
            )
        )
    return entries


# --- how it is written ---------------------------------------------------------------


def _start(day: dt.date, at_time: str | None) -> dt.date | dt.datetime:
    if not at_time:
        return day
    hour, minute = (int(part) for part in at_time.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def _event(entry: Entry, uid: str, day: dt.date, stamp: dt.datetime):  # -> icalendar.Event
    """One VEVENT for ``entry`` starting on ``day``, with everything said about it:
    the same properties in both shapes."""
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", entry.summary)
    start = _start(day, entry.time)
    event.add("dtstart", start)
    if isinstance(start, dt.datetime):
        event.add("duration", dt.timedelta(minutes=entry.minutes or DEFAULT_MINUTES))
    if entry.place:
        event.add("location", entry.place)
    if entry.description:
        event.add("description", entry.description)
    if entry.category:
        event.add("categories", [entry.category])
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    if entry.transparent:
        event.add("transp", "TRANSPARENT")
    return event


def _series_event(entry: Entry, identity: uuid.UUID, stamp: dt.datetime):
    from supportnet.store.identity import make_uid

    event = _event(entry, make_uid(identity, entry.kind, entry.source_id), entry.first, stamp)
    if entry.rule is not None:
        event.add("rrule", _rrule(entry.rule, entry.first, entry.until, bool(entry.time)))
        if entry.skipped:
            event.add("exdate", [_start(day, entry.time) for day in entry.skipped])
    return event


def _rrule(rule: str, first: dt.date, until: dt.date | None, timed: bool):  # -> vRecur
    """The RRULE property: ``rule`` ending on ``until`` (RFC 5545 allows COUNT or
    UNTIL, not both: a COUNT that would go past ``until`` gives way to it)."""
    from icalendar import vRecur

    if until is not None:
        parts = recurrence.rule_parts(rule)
        if "COUNT" in parts:
            dates = recurrence.dates_from(rule, first, first, until, int(parts["COUNT"]))
            until = dates[-1]
            rule = ";".join(part for part in rule.split(";") if not part.startswith("COUNT="))
        rule += f";UNTIL={until:%Y%m%d}" + ("T235959" if timed else "")
    return vRecur.from_ical(rule)


def _window_events(entries: list[Entry], identity: uuid.UUID, stamp: dt.datetime,
                   start: dt.date, end: dt.date) -> list:  # fmt: skip
    """Each date of every entry between ``start`` and ``end`` as its own event, in
    date order."""
    from supportnet.store.identity import make_uid

    events = []
    for day, entry in _window_dates(entries, start, end):
        uid = make_uid(identity, entry.kind, f"{entry.source_id}/{day:%Y%m%d}")
        events.append(_event(entry, uid, day, stamp))
    return events


def _window_dates(
    entries: list[Entry], start: dt.date, end: dt.date
) -> list[tuple[dt.date, Entry]]:
    """Each date of every entry between ``start`` and ``end``, in date (then time) order."""
    dated = sorted(
        ((day, entry.time or "", index) for index, entry in enumerate(entries)
         for day in entry.dates(start, end)),
    )  # fmt: skip
    return [(day, entries[index]) for day, _, index in dated]


class _EventText:
    """The text of the VEVENTs ``_series_event`` and ``_window_events`` make, as
    icalendar's ``to_ical`` writes them, some fifty times faster.

    icalendar builds an object for every property and parameter and folds every
    line character by character: at 20,000 people, 20,000 events took seconds.  Here
    the lines are put together directly, in icalendar's order (``Event``'s canonical
    properties, then the others by name).  Plain text and dates are written here;
    every other value (the stamp, durations, RRULEs, EXDATEs, categories) and any
    text with a character to escape is written by icalendar itself, one property
    at a time (``_by_icalendar``), and long lines are folded as it folds them.
    tests/exchange/test_calendar.py checks the two ways give the same bytes.
    """

    def __init__(self, stamp: dt.datetime) -> None:
        self.stamp = _by_icalendar("dtstamp", stamp)
        self.cache: dict[tuple, str] = {}

    def _once(self, name: str, key: object, make) -> str:  # make: () -> value
        found = self.cache.get((name, key))
        if found is None:
            found = self.cache[(name, key)] = _by_icalendar(name, make())
        return found

    def series(self, entry: Entry, identity: uuid.UUID) -> str:
        """``_series_event(entry, identity, stamp).to_ical()``, as text."""
        from supportnet.store.identity import make_uid

        uid = make_uid(identity, entry.kind, entry.source_id)
        rrule = exdate = ""
        if entry.rule is not None:
            timed = bool(entry.time)
            key = (entry.rule, entry.first, entry.until, timed)
            if entry.until is None:
                key = (entry.rule, None, None, timed)  # ``first`` does not change it
            rrule = self._once(
                "rrule", key, lambda: _rrule(entry.rule, entry.first, entry.until, timed)
            )
            if entry.skipped:
                exdate = _by_icalendar("exdate", [_start(d, entry.time) for d in entry.skipped])
        return self._event(entry, uid, entry.first, rrule + exdate)

    def window(
        self, entries: list[Entry], identity: uuid.UUID, start: dt.date, end: dt.date
    ) -> list[str]:
        """``_window_events(...)``, each event's ``to_ical()`` as text."""
        from supportnet.store.identity import make_uid

        events = []
        for day, entry in _window_dates(entries, start, end):
            uid = make_uid(identity, entry.kind, f"{entry.source_id}/{day:%Y%m%d}")
            events.append(self._event(entry, uid, day, ""))
        return events

    def _event(self, entry: Entry, uid: str, day: dt.date, recurrence: str) -> str:
        """``_event(entry, uid, day, stamp)`` (with ``recurrence``'s lines), as text."""
        lines = ["BEGIN:VEVENT\r\n", _text_line("SUMMARY", entry.summary, "summary")]
        if entry.time:
            start = _start(day, entry.time)
            assert isinstance(start, dt.datetime)
            lines.append(f"DTSTART:{_day(start)}T{start:%H%M}00\r\n")
            minutes = entry.minutes or DEFAULT_MINUTES
            lines.append(self._once("duration", minutes, lambda: dt.timedelta(minutes=minutes)))
        else:
            lines.append(f"DTSTART;VALUE=DATE:{_day(day)}\r\n")
        lines.append(self.stamp)
        lines.append(_text_line("UID", uid, "uid"))
        lines.append(recurrence)
        if entry.category:
            category = entry.category
            lines.append(self._once("categories", category, lambda: [category]))
        if entry.description:
            lines.append(_text_line("DESCRIPTION", entry.description, "description"))
        if entry.place:
            lines.append(_text_line("LOCATION", entry.place, "location"))
        lines.append("STATUS:CANCELLED\r\n" if entry.cancelled else "STATUS:CONFIRMED\r\n")
        if entry.transparent:
            lines.append("TRANSP:TRANSPARENT\r\n")
        lines.append("END:VEVENT\r\n")
        return "".join(lines)


def _day(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


#: What icalendar's TEXT escaping changes (``\\ ; , CR LF``), and what its reading of a
#: value back as UTF-8 drops (a byte order mark in front): text with any of them is
#: written by icalendar itself.
_SPECIAL = re.compile(r"[\\;,\r\n]|^\ufeff")


def _text_line(name: str, value: str, key: str) -> str:
    """``NAME:value`` for a TEXT property, as icalendar writes it."""
    if _SPECIAL.search(value):
        return _by_icalendar(key, value)
    return folded(f"{name}:{value}")


def _by_icalendar(name: str, value: object) -> str:
    """The lines of one property ``name`` as icalendar writes it in an event."""
    from icalendar import Event

    event = Event()
    event.add(name, value)
    text = event.to_ical().decode("utf-8")
    begin, end = "BEGIN:VEVENT\r\n", "END:VEVENT\r\n"
    assert text.startswith(begin) and text.endswith(end)
    return text[len(begin) : -len(end)]


def write_file(
    path: Path, data: bytes, *, force: bool = False, database: Path | None = None
) -> None:
    """Write ``data`` to ``path`` whole or not at all (``-``: standard output).

    By the rules of ``supportnet.safe_files``: an existing file is replaced only
    with ``force``, never through a link, never the ``database`` or its side files.
    """
    if str(path) == "-":
        from supportnet.render import write_out

        write_out(data)
        return
    from supportnet import safe_files

    safe_files.write_file(path, data, **_file_rules(force, database))


def check_file(path: Path, *, force: bool = False, database: Path | None = None) -> None:
    """Refuse ``path`` as ``write_file`` would, before the calendar is made."""
    from supportnet import safe_files

    if str(path) != "-":
        safe_files.check_target(path, **_file_rules(force, database))


def _file_rules(force: bool, database: Path | None) -> dict[str, Any]:
    return {"if_exists": "replace" if force else "refuse", "database": database,
            "purpose": "for the calendar", "folder_example": "plans.ics",
            "new_folder": False}  # fmt: skip


# --- one entry a file (a calendar vdir: exchange/vdir_calendar.py) ------------------


def entry_uid(entry: Entry, identity: uuid.UUID) -> str:
    """The UID of an entry's series: the same as in the whole-file export."""
    from supportnet.store.identity import make_uid

    return make_uid(identity, entry.kind, entry.source_id)


def entry_calendar(
    entry: Entry, identity: uuid.UUID, stamp: dt.datetime, alarm: dt.timedelta | None = None
) -> bytes:
    """One entry as a calendar of its own (one VEVENT, as the series export writes it),
    with a display ``VALARM`` that long before it when ``alarm`` is given (not on a
    cancelled one: some apps ring for it all the same)."""
    from icalendar import Alarm, Calendar

    from supportnet import __version__

    calendar = Calendar()
    calendar.add("prodid", f"-//supportnet//supportnet {__version__}//EN")
    calendar.add("version", "2.0")
    event = _series_event(entry, identity, stamp)
    if alarm is not None and not entry.cancelled:
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", entry.summary)
        reminder.add("trigger", -alarm)
        event.add_component(reminder)
    calendar.add_component(event)
    return calendar.to_ical()
