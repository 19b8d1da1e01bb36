"""`upcoming`, the calendar export, and the whole get-together story end to end."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from supportnet.db import open_database
from supportnet.store.people import list_people

EXPORTED = ("plan", "community", "birthday")


def read_events(path: Path) -> dict[str, object]:
    """The VEVENTs of an .ics file by UID, read back with icalendar."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def expand(path: Path, start: dt.date, end: dt.date) -> list[tuple[str, str, int, str | None]]:
    """(date, kind, source id, time) of every occurrence in the window, with
    dateutil expanding each RRULE from its DTSTART, minus its EXDATEs."""
    found = []
    for uid, event in read_events(path).items():
        if str(event.get("STATUS", "")) == "CANCELLED":
            continue
        kind, source = uid.split("@")[0].split("-")[:2]  # plan-12 or plan-12-20260616
        begin = event["DTSTART"].dt
        timed = isinstance(begin, dt.datetime)
        first = begin if timed else dt.datetime.combine(begin, dt.time())
        excluded = set()
        exdate = event.get("EXDATE")
        for group in exdate if isinstance(exdate, list) else [exdate] if exdate else []:
            excluded.update(d.dt for d in group.dts)
        window = (dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time.max))
        if event.get("RRULE"):
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
            dates = rule.between(*window, inc=True)
        else:
            dates = [first] if window[0] <= first <= window[1] else []
        for when in dates:
            if (when if timed else when.date()) in excluded:
                continue
            found.append((when.date().isoformat(), kind, int(source),
                          f"{when:%H:%M}" if timed else None))  # fmt: skip
    return sorted(found)


def upcoming(run, *args: str) -> list[dict]:
    return json.loads(run(*args, "upcoming", "--json").stdout) if args and args[0] == "--today" \
        else json.loads(run("upcoming", *args, "--json").stdout)  # fmt: skip


def agenda_tuples(items: list[dict]) -> list[tuple[str, str, int, str | None]]:
    return sorted(
        (i["date"], i["kind"], i["source_id"], i["time"] if i["kind"] != "birthday" else None)
        for i in items
        if i["kind"] in EXPORTED
    )


def test_done_means_scenario(run, tmp_path, db_path):
    """Issue 3's scenario on the fixed today, Wednesday 10 June 2026."""
    run("add", "Maya López", "--circle", "close", "--birthday", "March 14")
    run("add", "Sam Carter", "--birthday", "1990-06-20")
    run("add", "Ana Okafor", "--circle", "close")
    run("group", "add", "Community chorus", "--kind", "chorus", "--meets", "every wed 19:00",
        "--place", "St Mary's hall")  # fmt: skip
    run("group", "join", "chorus", "--person", "Ana", "--person", "me")

    run("log", "walk", "--with", "Sam", "--on", "3 days ago")
    run("log", "--group", "chorus", "--with", "Ana", "--on", "last wednesday")
    run("plan", "coffee", "--with", "Maya", "--every", "2 weeks", "--on", "tue", "--at", "10:00",
        "--starting", "2026-05-26")  # fmt: skip
    run("plan", "Sunday lunch", "--with", "Sam", "--with", "Ana", "--every",
        "monthly on the first sunday")  # fmt: skip
    assert run("done", "coffee", "--on", "yesterday").stdout == (
        "Logged coffee with Maya López on Tue 9 June 2026 (#3).\n"
    )
    assert run("skip", "coffee").stdout == (
        "Skipped coffee with Maya López (#1) on Tue 23 June 2026. Next: Tue 7 July 2026.\n"
    )

    items = upcoming(run, "--days", "30")
    assert [(i["date"], i["kind"], i["title"], i["time"], i["detail"]) for i in items] == [
        ("2026-06-10", "community", "Community chorus", "19:00", "St Mary's hall"),
        ("2026-06-17", "community", "Community chorus", "19:00", "St Mary's hall"),
        ("2026-06-20", "birthday", "Sam Carter's birthday", None, "turns 36"),
        ("2026-06-24", "community", "Community chorus", "19:00", "St Mary's hall"),
        ("2026-07-01", "community", "Community chorus", "19:00", "St Mary's hall"),
        ("2026-07-05", "plan", "Sunday lunch", None, "monthly on the first Sunday"),
        ("2026-07-07", "plan", "coffee", "10:00", "every other Tuesday at 10:00"),
        ("2026-07-08", "community", "Community chorus", "19:00", "St Mary's hall"),
    ]
    assert items[5]["people"] == [{"id": 3, "name": "Ana Okafor"}, {"id": 2, "name": "Sam Carter"}]
    assert items[2]["days_away"] == 10

    history = json.loads(run("history", "--json").stdout)
    entries = [(e["id"], e["date"], e["title"], [p["name"] for p in e["people"]]) for e in history]
    assert entries == [
        (3, "2026-06-09", "coffee", ["Maya López"]),
        (1, "2026-06-07", "walk", ["Sam Carter"]),
        (2, "2026-06-03", "Community chorus", ["Ana Okafor"]),
    ]  # fmt: skip
    assert history[0]["plan"] == {"id": 1, "title": "coffee"}

    people = json.loads(run("people", "--json").stdout)
    assert [(p["name"], p["last_contact"]) for p in people] == [
        ("Ana Okafor", "2026-06-03"), ("Maya López", "2026-06-09"), ("Sam Carter", "2026-06-07"),
    ]  # fmt: skip
    # `people --sort last-contact` (longest ago first).  Called through the store:
    # choose_kind in text.py does not yet accept "last-contact" from the command line.
    conn = open_database(db_path)
    try:
        ordered = list_people(conn, sort="last-contact")
    finally:
        conn.close()
    assert [p.name for p in ordered] == ["Ana Okafor", "Sam Carter", "Maya López"]

    target = tmp_path / "supportnet.ics"
    assert run("calendar", "export", str(target)).stdout == f"Wrote 5 events to {target}.\n"
    events = read_events(target)
    assert sorted(events) == [
        "birthday-1@supportnet", "birthday-2@supportnet", "community-1@supportnet",
        "plan-1@supportnet", "plan-2@supportnet",
    ]  # fmt: skip
    coffee = events["plan-1@supportnet"]
    assert coffee["SUMMARY"] == "coffee with Maya López"
    assert coffee["DTSTART"].dt == dt.datetime(2026, 5, 26, 10, 0)
    assert coffee["DURATION"].dt == dt.timedelta(hours=1)
    assert coffee["RRULE"].to_ical() == b"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert [d.dt for d in coffee["EXDATE"].dts] == [dt.datetime(2026, 6, 23, 10, 0)]
    lunch = events["plan-2@supportnet"]
    assert lunch["DTSTART"].dt == dt.date(2026, 7, 5)
    chorus = events["community-1@supportnet"]
    assert (chorus["SUMMARY"], chorus["LOCATION"]) == ("Community chorus", "St Mary's hall")
    birthday = events["birthday-2@supportnet"]
    assert (birthday["DTSTART"].dt, birthday["RRULE"].to_ical()) == (
        dt.date(1990, 6, 20), b"FREQ=YEARLY",
    )  # fmt: skip
    # The file and `upcoming` agree on every date of the next 90 days.
    today = dt.date(2026, 6, 10)
    assert expand(target, today, today + dt.timedelta(days=90)) == agenda_tuples(
        upcoming(run, "--days", "90")
    )


def test_february_29_birthdays(run, tmp_path):
    run("add", "Leap Year", "--birthday", "1992-02-29")
    run("add", "Leap Noyear", "--birthday", "Feb 29")
    target = tmp_path / "b.ics"
    run("--today", "2027-01-15", "calendar", "export", str(target))
    events = read_events(target)
    known = events["birthday-1@supportnet"]
    assert known["DTSTART"].dt == dt.date(1992, 2, 29)
    assert known["RRULE"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"
    start = dt.date(2027, 1, 15)
    end = start + dt.timedelta(days=800)
    dates = [d for d, kind, source, _ in expand(target, start, end) if source == 1]
    assert dates == ["2027-02-28", "2028-02-29", "2029-02-28"]
    assert expand(target, start, end) == agenda_tuples(
        json.loads(run("--today", "2027-01-15", "upcoming", "--days", "800", "--json").stdout)
    )


def test_window_export_writes_each_date(run, tmp_path):
    run("add", "Maya", "--birthday", "June 20")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "tue", "--at", "10:00",
        "--minutes", "90")  # fmt: skip
    run("skip", "coffee", "--on", "2026-06-23")
    target = tmp_path / "next.ics"
    assert run("calendar", "export", str(target), "--days", "21").stdout == (
        f"Wrote 3 events to {target}.\n"
    )
    events = read_events(target)
    assert sorted(events) == [
        "birthday-1-20260620@supportnet", "plan-1-20260616@supportnet",
        "plan-1-20260630@supportnet",
    ]  # fmt: skip
    assert events["plan-1-20260616@supportnet"]["DURATION"].dt == dt.timedelta(minutes=90)
    assert "RRULE" not in events["plan-1-20260616@supportnet"]
    today = dt.date(2026, 6, 10)
    assert expand(target, today, today + dt.timedelta(days=21)) == agenda_tuples(
        upcoming(run, "--days", "21")
    )


def test_uids_are_stable_and_paused_plans_are_cancelled(run, tmp_path):
    run("add", "Maya")
    run("plan", "coffee", "--with", "Maya", "--every", "week")
    first, second = tmp_path / "1.ics", tmp_path / "2.ics"
    run("calendar", "export", str(first))
    run("plan", "pause", "coffee")
    run("calendar", "export", str(second))
    one, two = read_events(first), read_events(second)
    assert sorted(one) == sorted(two) == ["plan-1@supportnet"]
    assert one["plan-1@supportnet"]["STATUS"] == "CONFIRMED"
    assert two["plan-1@supportnet"]["STATUS"] == "CANCELLED"


def test_export_to_standard_output(run):
    run("add", "Maya", "--birthday", "March 14")
    out = run("calendar", "export", "-").stdout_bytes
    assert out.startswith(b"BEGIN:VCALENDAR\r\n") and b"UID:birthday-1@supportnet" in out


def test_export_file_problems(run, tmp_path):
    run("add", "Maya", "--birthday", "March 14")
    result = run("calendar", "export", str(tmp_path), expect=7)
    assert result.stderr == (
        f"{tmp_path} is a folder; give a file name such as {tmp_path / 'plans.ics'}.\n"
    )
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            result = run("calendar", "export", str(locked / "x.ics"), expect=7)
            assert result.stderr == f"Could not write {locked / 'x.ics'}: Permission denied.\n"
        finally:
            locked.chmod(0o700)


def test_a_failed_write_leaves_the_old_file_whole(run, tmp_path, monkeypatch):
    run("add", "Maya", "--birthday", "March 14")
    target = tmp_path / "cal.ics"
    target.write_bytes(b"the old calendar")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = run("calendar", "export", str(target), "--force", expect=7)
    assert result.stderr == (
        f"There is not enough space on the disk ({target}): nothing was changed. "
        "Free some space, then try again.\n"
    )
    assert target.read_bytes() == b"the old calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.ics", "data"]


def test_upcoming_plain_and_empty(run):
    assert run("upcoming").stdout == (
        "Nothing in the next 14 days. A regular plan helps: "
        'supportnet plan coffee --with NAME --every "2 weeks"\n'
    )
    run("add", "Maya López")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "fri", "--at", "10:00")
    run("done", "coffee", "--on", "today")
    lines = run("upcoming", "--days", "9").stdout.splitlines()
    assert lines[0].split() == ["date", "when", "time", "what", "detail"]
    assert lines[1].split() == ["Fri", "12", "Jun", "in", "2", "days", "10:00", "coffee", "with",
                                "Maya", "López", "done"]  # fmt: skip
    assert lines[2].split()[:6] == ["Fri", "19", "Jun", "in", "9", "days"]
    assert "--days must be between 0 and 3660." in run("upcoming", "--days", "-1", expect=5).stderr


@pytest.mark.parametrize("days", ["0", "1"])
def test_upcoming_includes_today(run, days):
    run("add", "Maya", "--birthday", "June 10")
    assert [i["days_away"] for i in upcoming(run, "--days", days)] == [0]
