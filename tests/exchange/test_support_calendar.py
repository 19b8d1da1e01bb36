"""Life events in `upcoming` and in the calendar export (read back with icalendar)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import TODAY
from tests.exchange.test_calendar import agenda_tuples, expand, export, identity_of, source_of, uid


def life_event_dates(path, start: dt.date, end: dt.date, db_path) -> list[tuple[str, int]]:
    """(date, event id) of every life-event date in the file between two dates that
    is not cancelled."""
    return [(day, n) for day, kind, n, _ in expand(path, start, end, db_path) if kind == "event"]


def upcoming_events(run, *args: str) -> list[tuple[str, int]]:
    items = json.loads(run(*args, "--json").stdout)
    return [(day, n) for day, kind, n, _ in agenda_tuples(items) if kind == "event"]


@pytest.fixture
def events(run):
    run("add", "Sam Carter")
    run("add", "Ana Okafor")
    run("add", "Leo Martins")
    run("add", "Old Friend")
    run("event", "Sam", "surgery", "--on", "2026-12-01", "--kind", "illness", "--hard")
    run("event", "Ana", "wedding", "--on", "2019-06-14", "--kind", "anniversary", "--happy")
    run("event", "Leo", "leap day wedding", "--on", "2024-02-29", "--kind", "anniversary",
        "--happy")  # fmt: skip
    run("event", "Old Friend", "moved away", "--on", "2026-06-20", "--kind", "move", "--hard")
    run("archive", "Old Friend")


def test_calendar_export_has_dated_life_events(run, events, tmp_path, db_path):
    target = tmp_path / "all.ics"
    found = export(run, target)
    surgery = found[uid(db_path, "event", 1)]
    assert surgery["SUMMARY"] == "Sam Carter: surgery"
    assert surgery["DTSTART"].dt == dt.date(2026, 12, 1)
    assert "RRULE" not in surgery
    assert surgery["DESCRIPTION"] == "A hard time: check in."
    assert surgery["STATUS"] == "CONFIRMED"
    wedding = found[uid(db_path, "event", 2)]
    assert wedding["DTSTART"].dt == dt.date(2019, 6, 14)
    assert wedding["RRULE"].to_ical() == b"FREQ=YEARLY"
    assert wedding["DESCRIPTION"] == "A happy time: celebrate."
    leap = found[uid(db_path, "event", 3)]
    assert leap["RRULE"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"
    # Every date in the file is a date `upcoming` shows, over more than two years.
    end = TODAY + dt.timedelta(days=800)
    dates = life_event_dates(target, TODAY, end, db_path)
    assert dates == upcoming_events(run, "upcoming", "--days", "800")
    leap_dates = [d for d, source in dates if source == 3]
    assert leap_dates == ["2027-02-28", "2028-02-29"]


def test_an_archived_persons_birthday_and_events_are_cancelled(run, events, tmp_path, db_path):
    """Old Friend (archived) is in the file as cancelled, with the UIDs a calendar that
    imported them before knows, so that it drops them; restored, they come back."""
    run("edit", "Old Friend", "--birthday", "June 25")
    target = tmp_path / "all.ics"
    run("restore", "Old Friend")
    before = export(run, target)
    run("archive", "Old Friend")
    after = export(run, target)
    assert sorted(after) == sorted(before)
    for kind, number in (("birthday", 4), ("event", 4)):
        was, now = before[uid(db_path, kind, number)], after[uid(db_path, kind, number)]
        assert (was["STATUS"], now["STATUS"]) == ("CONFIRMED", "CANCELLED")
        assert now["SUMMARY"] == was["SUMMARY"] and now["DTSTART"] == was["DTSTART"]
    identity = identity_of(db_path)
    cancelled = {source_of(identity, e) for e in after.values() if e["STATUS"] == "CANCELLED"}
    assert cancelled == {("birthday", 4), ("event", 4)}
    window = export(run, tmp_path / "soon.ics", "--days", "30")
    cancelled = {source_of(identity, e) for e in window.values() if e["STATUS"] == "CANCELLED"}
    assert cancelled == {("birthday", 4), ("event", 4)}
    # Removed, nothing of them can be written.
    run("remove", "Old Friend", "--yes")
    assert len(export(run, target)) == len(after) - 2


def test_calendar_window_export_has_life_events(run, events, tmp_path, db_path):
    target = tmp_path / "soon.ics"
    found = export(run, target, "--days", "30")
    identity = identity_of(db_path)
    assert sorted(source_of(identity, e) for e in found.values()) == [("event", 2), ("event", 4)]
    assert found[uid(db_path, "event", "2/20260614")]["STATUS"] == "CONFIRMED"
    assert found[uid(db_path, "event", "4/20260620")]["STATUS"] == "CANCELLED"  # archived
    assert life_event_dates(target, TODAY, TODAY + dt.timedelta(days=30), db_path) == (
        upcoming_events(run, "upcoming", "--days", "30")
    )
