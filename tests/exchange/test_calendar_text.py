"""The calendar export writes its events' text itself (``ics._EventText``): byte for byte
what icalendar writes for the same events (``_series_event``, ``_window_events``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from icalendar.parser.string import _foldline

from supportnet.dates import YearlyDate
from supportnet.exchange import ics
from supportnet.exchange.folding import folded

STAMP = dt.datetime(2026, 6, 10, 9, 30, 5, tzinfo=dt.timezone.utc)
IDENTITY = uuid.UUID("12345678-1234-5678-1234-567812345678")

#: Text as people write it: accents, emoji, the characters iCalendar escapes, a
#: byte order mark, the ^ and \ a fold keeps with what they escape.
_TEXT = st.text(
    alphabet=st.sampled_from([*'ab yzÅéŁ😀,;:\\^"\n\r\t\ufeff-', "\u2028", "ω"]),
    max_size=120,
)
_DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


#: The strategies of an entry's fields that do not depend on its first day, made once
#: (Hypothesis checks each new strategy on its first draw).
_RULES = st.sampled_from([None, "FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=1FR",
                          "FREQ=WEEKLY;COUNT=5", "FREQ=YEARLY"])  # fmt: skip
_KINDS = st.sampled_from(["plan", "community", "birthday", "event"])
_TIMES = st.none() | st.sampled_from(["", "00:00", "09:05", "23:59"])
_MINUTES = st.none() | st.integers(1, 100_000)
_MAYBE_TEXT = st.none() | _TEXT
_CATEGORIES = st.none() | st.sampled_from(["coffee", "a,b;c", "walk\\", ""])


@st.composite
def entries(draw) -> ics.Entry:
    first = draw(_DAYS)
    rule = draw(_RULES)
    until = draw(st.none() | st.dates(first, first + dt.timedelta(days=900)))
    skipped = draw(st.lists(st.dates(first, first + dt.timedelta(days=400)), max_size=12))
    return ics.Entry(
        kind=draw(_KINDS),
        source_id=draw(st.integers(1, 10**9)),
        summary=draw(_TEXT),
        first=first,
        time=draw(_TIMES),
        minutes=draw(_MINUTES),
        rule=rule,
        until=until if rule else None,
        skipped=tuple(sorted(set(skipped))) if rule else (),
        yearly=YearlyDate(first.month, first.day, first.year) if rule == "FREQ=YEARLY" else None,
        cancelled=draw(st.booleans()),
        place=draw(_MAYBE_TEXT),
        description=draw(_MAYBE_TEXT),
        category=draw(_CATEGORIES),
        transparent=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(entry=entries())
def test_a_series_is_written_as_icalendar_writes_it(entry: ics.Entry) -> None:
    text = ics._EventText(STAMP).series(entry, IDENTITY)
    event = ics._series_event(entry, IDENTITY, STAMP)
    assert text.encode("utf-8") == event.to_ical()


@settings(max_examples=60, deadline=None)
@given(found=st.lists(entries(), max_size=4), start=_DAYS, days=st.integers(0, 60))
def test_a_window_is_written_as_icalendar_writes_it(found, start, days) -> None:
    end = start + dt.timedelta(days=days)
    texts = ics._EventText(STAMP).window(found, IDENTITY, start, end)
    events = ics._window_events(found, IDENTITY, STAMP, start, end)
    assert [t.encode("utf-8") for t in texts] == [event.to_ical() for event in events]


@settings(max_examples=500, deadline=None)
@given(line=st.text(alphabet=st.sampled_from([*"a\\^é😀ŁZ ", "\u0800"]), max_size=400))
def test_lines_are_folded_as_icalendar_folds_them(line: str) -> None:
    assert folded(line) == _foldline(line) + "\r\n"


def _as_icalendar_writes_it(conn, today: dt.date, days: int | None) -> bytes:
    """The calendar file as icalendar writes the whole of it (``build_calendar`` before
    it wrote the events' text itself)."""
    from supportnet import __version__
    from supportnet.store.identity import database_identity

    calendar = Calendar()
    calendar.add("prodid", f"-//supportnet//supportnet {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "supportnet")
    identity = database_identity(conn)
    found = ics.calendar_entries(conn, today)
    if days is None:
        events = [ics._series_event(entry, identity, STAMP) for entry in found]
    else:
        events = ics._window_events(found, identity, STAMP, today, today + dt.timedelta(days))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def test_the_whole_file_is_icalendar_s(run, db_path) -> None:
    """Plans (with a skip, a pause, a place and a note), a group, birthdays and events."""
    run("add", "Maya López", "--birthday", "02-29")
    run("add", "Sam, Carter", "--birthday", "1980-07-04")
    run(
        "plan",
        "coffee; then a walk",
        "--with",
        "Maya López",
        "--every",
        "week",
        "--on",
        "tue",
        "--at",
        "09:30",
        "--starting",
        "2026-05-05",
        "--place",
        "Café Ω, Main St",
        "--note",
        "bring the book, and a scarf; a long note that goes on past one line " * 2,
    )
    run("skip", "coffee", "--on", "2026-05-19")
    run("plan", "call", "--with", "Sam, Carter", "--on", "2026-06-20")
    run("group", "add", "Chorus", "--meets", "every wed 19:00")
    run("event", "Sam, Carter", "moving house", "--on", "2026-07-01", "--hard")
    from supportnet import db

    conn = db.open_database(db_path)
    try:
        for days in (None, 0, 45):
            written = ics.build_calendar(conn, dt.date(2026, 6, 10), STAMP, days)
            assert written == _as_icalendar_writes_it(conn, dt.date(2026, 6, 10), days)
            assert written.count(b"BEGIN:VEVENT") >= (3 if days is None else 0)
    finally:
        conn.close()
