"""Life events in `upcoming` and in the calendar export (read back with icalendar)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

TODAY = dt.date(2026, 6, 10)


def read_events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def life_event_dates(path: Path, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    """(date, event id) of every life-event occurrence in the file between two dates."""
    found = []
    for uid, event in read_events(path).items():
        if not uid.startswith("event-"):
            continue
        source = int(uid.split("@")[0].split("-")[1])
        first = dt.datetime.combine(event["DTSTART"].dt, dt.time())
        window = (dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()))
        if event.get("RRULE"):
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
            dates = rule.between(*window, inc=True)
        else:
            dates = [first] if window[0] <= first <= window[1] else []
        found += [(d.date().isoformat(), source) for d in dates]
    return sorted(found)


def upcoming_events(run, *args: str) -> list[tuple[str, int]]:
    items = json.loads(run(*args, "--json").stdout)
    return sorted((i["date"], i["source_id"]) for i in items
                  if i["kind"] in ("event", "anniversary"))  # fmt: skip


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


def test_upcoming_lists_life_events(run, events):
    items = json.loads(run("upcoming", "--days", "30", "--json").stdout)
    wedding = [i for i in items if i["kind"] == "anniversary"]
    assert wedding == [
        {
            "date": "2026-06-14",
            "days_away": 4,
            "time": None,
            "kind": "anniversary",
            "title": "Ana Okafor: wedding",
            "people": [{"id": 2, "name": "Ana Okafor"}],
            "detail": "7th anniversary; celebrate",
            "source_id": 2,
        }
    ]
    assert all("moved away" not in i["title"] for i in items)  # archived


def test_calendar_export_has_dated_life_events(run, events, tmp_path):
    target = tmp_path / "all.ics"
    run("calendar", "export", str(target))
    found = {uid: e for uid, e in read_events(target).items() if uid.startswith("event-")}
    assert sorted(found) == ["event-1@supportnet", "event-2@supportnet", "event-3@supportnet"]
    surgery = found["event-1@supportnet"]
    assert surgery["SUMMARY"] == "Sam Carter: surgery"
    assert surgery["DTSTART"].dt == dt.date(2026, 12, 1)
    assert "RRULE" not in surgery
    assert surgery["DESCRIPTION"] == "A hard time: check in."
    wedding = found["event-2@supportnet"]
    assert wedding["DTSTART"].dt == dt.date(2019, 6, 14)
    assert wedding["RRULE"].to_ical() == b"FREQ=YEARLY"
    assert wedding["DESCRIPTION"] == "A happy time: celebrate."
    leap = found["event-3@supportnet"]
    assert leap["RRULE"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"
    # Every date in the file is a date `upcoming` shows, over more than two years.
    end = TODAY + dt.timedelta(days=800)
    assert life_event_dates(target, TODAY, end) == upcoming_events(run, "upcoming", "--days", "800")
    leap_dates = [d for d, source in life_event_dates(target, TODAY, end) if source == 3]
    assert leap_dates == ["2027-02-28", "2028-02-29"]


def test_calendar_window_export_has_life_events(run, events, tmp_path):
    target = tmp_path / "soon.ics"
    run("calendar", "export", str(target), "--days", "30")
    found = [uid for uid in read_events(target) if uid.startswith("event-")]
    assert found == ["event-2-20260614@supportnet"]
    assert life_event_dates(target, TODAY, TODAY + dt.timedelta(days=30)) == upcoming_events(
        run, "upcoming", "--days", "30"
    )
