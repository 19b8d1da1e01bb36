"""`upcoming`, the calendar export, and the whole get-together story end to end.

The exported files are read back with icalendar, and their series are expanded
with recurring-ical-events (as calendar apps expand RRULE, EXDATE and UNTIL) to
compare every date with `upcoming --json`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import uuid
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from supportnet import db
from supportnet.db import open_database
from supportnet.migrations import all_migrations
from supportnet.store.identity import database_identity, make_uid
from tests.conftest import TODAY, dump, without_column

#: The kinds of record a calendar UID is made for, and the agenda kinds they show as.
UID_KINDS = ("plan", "community", "birthday", "event")
AGENDA_KIND = {"anniversary": "event"}


def read_events(path: Path) -> dict[str, object]:
    """The VEVENTs of an .ics file by UID, read back with icalendar."""
    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(events) == len(calendar.walk("VEVENT")), "two events share a UID"
    return events


def identity_of(db_path: Path) -> uuid.UUID:
    conn = open_database(db_path)
    try:
        return database_identity(conn)
    finally:
        conn.close()


def uid(db_path: Path, kind: str, key: object) -> str:
    """The UID the export must give record ``key`` of ``kind`` in that database."""
    return make_uid(identity_of(db_path), kind, key)


def source_of(identity: uuid.UUID, event) -> tuple[str, int]:
    """(kind, id) of the record an exported event was made for, found from its UID:
    a series' ``make_uid(identity, kind, id)`` or a window's ``kind, "id/YYYYMMDD"``."""
    day = event["DTSTART"].dt
    keys = [lambda n: n, lambda n: f"{n}/{day:%Y%m%d}"]
    for kind in UID_KINDS:
        for number in range(1, 60):
            if any(make_uid(identity, kind, key(number)) == str(event["UID"]) for key in keys):
                return kind, number
    raise AssertionError(f"{event['UID']} is no UID of this database")


def expand(path: Path, start: dt.date, end: dt.date, db_path: Path) -> list[tuple]:
    """(date, kind, source id, time) of every date in the file from ``start`` to ``end``
    (both included) that is not cancelled, as recurring-ical-events expands it."""
    identity = identity_of(db_path)
    calendar = Calendar.from_ical(path.read_bytes())
    found = []
    for event in recurring_ical_events.of(calendar).between(start, end + dt.timedelta(days=1)):
        if str(event.get("STATUS")) == "CANCELLED":
            continue
        when = event["DTSTART"].dt
        timed = isinstance(when, dt.datetime)
        day = when.date() if timed else when
        found.append((day.isoformat(), *source_of(identity, event),
                      f"{when:%H:%M}" if timed else None))  # fmt: skip
    return sorted(found)


def series_dates(path: Path, db_path: Path, kind: str, source: int) -> list[dt.date]:
    """Every date of one series in the file (from 2000 to 2040), cancelled or not."""
    identity = identity_of(db_path)
    calendar = Calendar.from_ical(path.read_bytes())
    found = []
    for event in recurring_ical_events.of(calendar).between(dt.date(2000, 1, 1),
                                                            dt.date(2040, 1, 1)):  # fmt: skip
        if source_of(identity, event) == (kind, source):
            when = event["DTSTART"].dt
            found.append(when.date() if isinstance(when, dt.datetime) else when)
    return sorted(found)


def _globals(today: str | None, db: Path | None) -> list[str]:
    return [*(("--today", today) if today else ()), *(("--db", str(db)) if db else ())]


def upcoming(run, *options: str, today: str | None = None) -> list[dict]:
    return json.loads(run(*_globals(today, None), "upcoming", *options, "--json").stdout)


def agenda_tuples(items: list[dict]) -> list[tuple[str, str, int, str | None]]:
    return sorted(
        (i["date"], AGENDA_KIND.get(i["kind"], i["kind"]), i["source_id"], i["time"]) for i in items
    )


def export(
    run, path: Path, *options: str, today: str | None = None, db: Path | None = None
) -> dict[str, object]:
    """``calendar export PATH OPTIONS`` (on ``today``, of ``db`` if given), read back;
    ``PATH`` is replaced if an earlier call wrote it."""
    run(*_globals(today, db), "calendar", "export", str(path), "--force", *options)
    return read_events(path)


def test_february_29_birthdays(run, tmp_path, db_path):
    run("add", "Leap Year", "--birthday", "1992-02-29")
    run("add", "Leap Noyear", "--birthday", "Feb 29")
    target = tmp_path / "b.ics"
    events = export(run, target, today="2027-01-15")
    known = events[uid(db_path, "birthday", 1)]
    assert known["DTSTART"].dt == dt.date(1992, 2, 29)
    assert known["RRULE"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"
    assert events[uid(db_path, "birthday", 2)]["DTSTART"].dt == dt.date(2026, 2, 28)
    start = dt.date(2027, 1, 15)
    end = start + dt.timedelta(days=800)
    dates = [d for d, kind, source, _ in expand(target, start, end, db_path) if source == 1]
    assert dates == ["2027-02-28", "2028-02-29", "2029-02-28"]
    agreed = agenda_tuples(upcoming(run, "--days", "800", today="2027-01-15"))
    assert expand(target, start, end, db_path) == agreed
    export(run, target, "--days", "800", today="2027-01-15")
    assert expand(target, start, end, db_path) == agreed


def test_window_export_writes_each_date(run, tmp_path, db_path):
    run("add", "Maya", "--birthday", "June 20")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "tue", "--at", "10:00",
        "--minutes", "90")  # fmt: skip
    run("skip", "coffee", "--on", "2026-06-23")
    target = tmp_path / "next.ics"
    assert run("calendar", "export", str(target), "--days", "21").stdout == (
        f"Wrote 3 events to {target}.\n"
    )
    events = read_events(target)
    dated = [("birthday", "1/20260620"), ("plan", "1/20260616"), ("plan", "1/20260630")]
    assert sorted(events) == sorted(uid(db_path, kind, key) for kind, key in dated)
    first = events[uid(db_path, "plan", "1/20260616")]
    assert first["DURATION"].dt == dt.timedelta(minutes=90)
    assert "RRULE" not in first
    assert expand(target, TODAY, TODAY + dt.timedelta(days=21), db_path) == agenda_tuples(
        upcoming(run, "--days", "21")
    )


def _small_network(run, *db: str) -> None:
    """The same few records, in the database given with --db (or the default one)."""
    run(*db, "add", "Maya", "--birthday", "March 14")
    run(*db, "plan", "coffee", "--with", "Maya", "--every", "week", "--on", "tue")
    run(*db, "group", "add", "Chorus", "--meets", "every wed 19:00")
    run(*db, "event", "Maya", "new job", "--on", "2026-06-15", "--kind", "job change", "--happy")


def test_uids_are_the_same_every_time_and_unique_to_the_database(run, tmp_path, db_path):
    other = tmp_path / "other" / "supportnet.db"
    _small_network(run)
    _small_network(run, "--db", str(other))
    for shape in ((), ("--days", "30")):
        mine = set(export(run, tmp_path / "1.ics", *shape))
        again = set(export(run, tmp_path / "2.ics", *shape))
        theirs = set(export(run, tmp_path / "3.ics", *shape, db=other))
        assert len(mine) == (4 if not shape else 10)  # 4 Tuesdays, 5 Wednesdays, 1 day
        assert mine == again
        assert not mine & theirs, "two databases wrote the same UID"
        assert all(str(uuid.UUID(u)) == u for u in mine | theirs)  # plain UUIDs
    series = set(export(run, tmp_path / "1.ics"))
    kinds = [("birthday", 1), ("plan", 1), ("community", 1), ("event", 1)]
    assert series == {uid(db_path, kind, n) for kind, n in kinds}
    assert series != {uid(other, kind, n) for kind, n in kinds}


def test_json_export_and_import_keep_the_calendar(run, tmp_path, db_path):
    """The identity and a pause's day travel in a JSON export: the imported database
    writes the same calendar, and exporting it again gives the same bytes."""
    _small_network(run)
    run("--today", "2026-06-03", "plan", "pause", "coffee")
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    run("export", "--format", "json", "-o", str(first))
    plan = json.loads(first.read_text(encoding="utf-8"))["tables"]["plan"]
    assert plan["rows"][0][plan["columns"].index("paused_on")] == "2026-06-03"
    fresh = tmp_path / "fresh" / "supportnet.db"
    run("--db", str(fresh), "import", str(first))
    run("--db", str(fresh), "export", "--format", "json", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()

    def without_stamps(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if not line.startswith(b"DTSTAMP")]

    mine = run("calendar", "export", "-").stdout_bytes
    theirs = run("--db", str(fresh), "calendar", "export", "-").stdout_bytes
    assert without_stamps(mine) == without_stamps(theirs)


def test_a_pause_from_an_older_export_counts_from_today(run, tmp_path, db_path):
    """A JSON export from before 0007 has no pause day: the calendar stops before today."""
    _weekly_coffee(run)
    run("--today", "2026-06-03", "plan", "pause", "coffee")
    data = json.loads(run("export", "--format", "json").stdout)
    without_column(data, "plan", "paused_on")
    data["migrations"] = [m for m in data["migrations"] if not m.startswith("0007_")]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh" / "supportnet.db"
    run("--db", str(fresh), "import", str(old))
    target = tmp_path / "cal.ics"
    coffee = export(run, target, db=fresh)[uid(fresh, "plan", 1)]
    assert coffee["RRULE"]["UNTIL"] == [dt.datetime(2026, 6, 9, 23, 59, 59)]
    assert series_dates(target, fresh, "plan", 1) == _tuesdays("2026-05-05", "2026-06-09")


def test_export_to_standard_output(run, db_path):
    run("add", "Maya", "--birthday", "March 14")
    out = run("calendar", "export", "-").stdout_bytes
    assert out.startswith(b"BEGIN:VCALENDAR\r\n")
    assert f"UID:{uid(db_path, 'birthday', 1)}".encode() in out


def _weekly_coffee(run, *options: str) -> None:
    """Coffee with Maya every Tuesday at 10:00 since 5 May 2026; 19 May skipped."""
    run("add", "Maya")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "tue", "--at", "10:00",
        "--starting", "2026-05-05", "--place", "Café Lume", *options)  # fmt: skip
    run("skip", "coffee", "--on", "2026-05-19")


def _tuesdays(first: str, last: str, *, but: tuple[str, ...] = ("2026-05-19",)) -> list[dt.date]:
    day, end, found = dt.date.fromisoformat(first), dt.date.fromisoformat(last), []
    while day <= end:
        if day.isoformat() not in but:
            found.append(day)
        day += dt.timedelta(weeks=1)
    return found


@pytest.mark.parametrize(
    ("ended_on", "done", "until", "last"),
    [
        # A Wednesday: up to the day before, so the Tuesday before is the last date.
        ("2026-06-24", False, "2026-06-23", "2026-06-23"),
        # On a plan day not done: up to the day before.
        ("2026-06-23", False, "2026-06-22", "2026-06-16"),
        # On a plan day marked done: that day too.
        ("2026-06-23", True, "2026-06-23", "2026-06-23"),
    ],
)
def test_an_ended_plan_keeps_its_past(run, tmp_path, db_path, ended_on, done, until, last):
    _weekly_coffee(run)
    if done:
        run("--today", ended_on, "done", "coffee")
    run("--today", ended_on, "plan", "end", "coffee")
    events = export(run, tmp_path / "cal.ics", today="2026-07-01")
    coffee = events[uid(db_path, "plan", 1)]
    assert coffee["STATUS"] == "CONFIRMED"
    assert coffee["RRULE"]["UNTIL"] == [dt.datetime.fromisoformat(f"{until}T23:59:59")]
    assert [d.dt for d in coffee["EXDATE"].dts] == [dt.datetime(2026, 5, 19, 10, 0)]
    assert coffee["LOCATION"] == "Café Lume"
    assert series_dates(tmp_path / "cal.ics", db_path, "plan", 1) == _tuesdays("2026-05-05", last)


def test_a_paused_plan_keeps_its_past_and_continues_when_resumed(run, tmp_path, db_path):
    _weekly_coffee(run)
    run("--today", "2026-06-03", "plan", "pause", "coffee")
    target = tmp_path / "cal.ics"
    coffee = export(run, target)[uid(db_path, "plan", 1)]
    assert coffee["STATUS"] == "CONFIRMED"
    assert coffee["RRULE"]["UNTIL"] == [dt.datetime(2026, 6, 2, 23, 59, 59)]
    # Every date before the pause, none from it on: what `upcoming` says (nothing).
    assert series_dates(target, db_path, "plan", 1) == _tuesdays("2026-05-05", "2026-06-02")
    assert expand(target, TODAY, TODAY + dt.timedelta(days=60), db_path) == []
    assert upcoming(run, "--days", "60") == []
    assert export(run, tmp_path / "w.ics", "--days", "60") == {}

    run("plan", "resume", "coffee")
    coffee = export(run, target)[uid(db_path, "plan", 1)]
    assert coffee["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"  # simply continues
    assert coffee["STATUS"] == "CONFIRMED"
    agreed = agenda_tuples(upcoming(run, "--days", "60"))
    assert len(agreed) == 8  # the Tuesdays from 16 June to 4 August
    assert expand(target, TODAY, TODAY + dt.timedelta(days=60), db_path) == agreed


def test_a_pause_records_its_day(run, db_path):
    _weekly_coffee(run)

    def paused_on() -> tuple[str, str | None, str | None]:
        conn = sqlite3.connect(db_path)
        try:
            return conn.execute("SELECT status, paused_on, ended_on FROM plan").fetchone()
        finally:
            conn.close()

    run("--today", "2026-06-03", "plan", "pause", "coffee")
    assert paused_on() == ("paused", "2026-06-03", None)
    run("--today", "2026-06-05", "plan", "pause", "coffee")  # already paused: kept
    assert paused_on() == ("paused", "2026-06-03", None)
    run("plan", "resume", "coffee")
    assert paused_on() == ("active", None, None)
    run("plan", "end", "coffee")
    assert paused_on() == ("ended", None, "2026-06-10")
    run("plan", "resume", "coffee")
    assert paused_on() == ("active", None, None)
    # Ended during a pause, it stopped on the day of the pause.
    run("--today", "2026-06-03", "plan", "pause", "coffee")
    run("plan", "end", "coffee")
    assert paused_on() == ("ended", "2026-06-03", "2026-06-10")


def test_a_plan_ended_while_paused_stops_at_the_pause(run, tmp_path, db_path):
    _weekly_coffee(run)
    run("--today", "2026-06-03", "plan", "pause", "coffee")
    run("--today", "2026-06-24", "plan", "end", "coffee")
    target = tmp_path / "cal.ics"
    coffee = export(run, target, today="2026-07-01")[uid(db_path, "plan", 1)]
    assert coffee["RRULE"]["UNTIL"] == [dt.datetime(2026, 6, 2, 23, 59, 59)]
    assert series_dates(target, db_path, "plan", 1) == _tuesdays("2026-05-05", "2026-06-02")


def test_a_stopped_rule_with_count_ends_on_until_alone(run, tmp_path, db_path):
    """RFC 5545 allows COUNT or UNTIL in a rule, not both."""
    run("add", "Maya")
    run("plan", "class", "--with", "Maya", "--rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
        "--starting", "2026-05-05")  # fmt: skip
    run("--today", "2026-06-03", "plan", "pause", "class")
    target = tmp_path / "cal.ics"
    rule = export(run, target)[uid(db_path, "plan", 1)]["RRULE"]
    assert rule.to_ical() == b"FREQ=WEEKLY;UNTIL=20260602;BYDAY=TU"
    assert series_dates(target, db_path, "plan", 1) == _tuesdays("2026-05-05", "2026-06-02",
                                                                 but=())  # fmt: skip
    run("plan", "resume", "class")  # its ten dates again, ending by COUNT
    rule = export(run, target)[uid(db_path, "plan", 1)]["RRULE"]
    assert rule.to_ical() == b"FREQ=WEEKLY;COUNT=10;BYDAY=TU"
    assert series_dates(target, db_path, "plan", 1) == _tuesdays("2026-05-05", "2026-07-07",
                                                                 but=())  # fmt: skip


def test_a_plan_paused_before_its_first_date_is_cancelled(run, tmp_path, db_path):
    run("add", "Maya")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "tue",
        "--starting", "2026-07-01")  # fmt: skip
    target = tmp_path / "cal.ics"
    assert export(run, target)[uid(db_path, "plan", 1)]["STATUS"] == "CONFIRMED"
    run("plan", "pause", "coffee")
    coffee = export(run, target)[uid(db_path, "plan", 1)]
    # Nothing of it has happened: the calendar that imported it drops it.
    assert (coffee["STATUS"], coffee["DTSTART"].dt) == ("CANCELLED", dt.date(2026, 7, 7))
    assert "RRULE" not in coffee


def test_a_one_off_plan_is_a_single_event(run, tmp_path, db_path):
    run("add", "Leo")
    run("plan", "dinner", "--with", "Leo", "--on", "next friday", "--at", "19:30",
        "--place", "Leo's")  # fmt: skip
    target = tmp_path / "cal.ics"
    dinner = export(run, target)[uid(db_path, "plan", 1)]
    assert "RRULE" not in dinner and "EXDATE" not in dinner
    assert dinner["DTSTART"].dt == dt.datetime(2026, 6, 12, 19, 30)
    assert (dinner["STATUS"], dinner["LOCATION"]) == ("CONFIRMED", "Leo's")
    agreed = agenda_tuples(upcoming(run, "--days", "30"))
    assert agreed == [("2026-06-12", "plan", 1, "19:30")]
    assert expand(target, TODAY, TODAY + dt.timedelta(days=30), db_path) == agreed
    run("skip", "dinner")
    assert export(run, target)[uid(db_path, "plan", 1)]["STATUS"] == "CANCELLED"
    assert upcoming(run, "--days", "30") == []


@pytest.mark.parametrize(
    ("stop", "again"),
    [
        (("group", "archive", "chorus"), ("group", "restore", "chorus")),
        (("group", "leave", "chorus", "--person", "me"),
         ("group", "join", "chorus", "--person", "me")),
    ],
)  # fmt: skip
def test_an_archived_or_left_group_is_cancelled(run, tmp_path, db_path, stop, again):
    run("group", "add", "Chorus", "--meets", "every wed 19:00", "--place", "St Mary's")
    target, window = tmp_path / "cal.ics", tmp_path / "w.ics"
    before = export(run, target)
    before_window = export(run, window, "--days", "14")
    assert list(before) == [uid(db_path, "community", 1)]
    run(*stop)
    after = export(run, target)
    assert list(after) == list(before)  # the same UID, to replace what the calendar has
    chorus = after[uid(db_path, "community", 1)]
    assert chorus["STATUS"] == "CANCELLED"
    assert chorus["RRULE"] == before[uid(db_path, "community", 1)]["RRULE"]
    assert chorus["LOCATION"] == "St Mary's"
    after_window = export(run, window, "--days", "14")
    assert list(after_window) == list(before_window) and len(after_window) == 3
    assert {str(e["STATUS"]) for e in after_window.values()} == {"CANCELLED"}
    assert expand(target, TODAY, TODAY + dt.timedelta(days=14), db_path) == []
    assert upcoming(run, "--days", "14") == []
    run(*again)
    assert export(run, target)[uid(db_path, "community", 1)]["STATUS"] == "CONFIRMED"


def test_both_shapes_say_the_same_about_each_event(run, tmp_path, db_path):
    """Only the date, the recurrence and the UID differ between a series and a window."""
    run("add", "Sam", "--birthday", "1990-06-20")
    run("plan", "walk", "--with", "Sam", "--every", "week", "--on", "fri", "--at", "18:00",
        "--place", "the park", "--note", "bring water", "--kind", "walk",
        "--minutes", "45")  # fmt: skip
    run("group", "add", "Chorus", "--kind", "chorus", "--meets", "every wed 19:00",
        "--place", "St Mary's", "--note", "sopranos")  # fmt: skip
    run("event", "Sam", "surgery", "--on", "2026-06-15", "--kind", "illness", "--hard")
    identity = identity_of(db_path)
    series = {source_of(identity, e): e for e in export(run, tmp_path / "s.ics").values()}
    window = export(run, tmp_path / "w.ics", "--days", "14")
    assert len(series) == 4 and len(window) == 7

    def said(event) -> dict[str, bytes]:
        dated = ("UID", "DTSTAMP", "DTSTART", "RRULE", "EXDATE")
        return {name: value.to_ical() for name, value in event.property_items()[1:-1]
                if name not in dated}  # fmt: skip

    shown = set()
    for event in window.values():
        whole = series[source_of(identity, event)]
        assert said(event) == said(whole)
        shown.add(frozenset(said(event)))
    assert {"SUMMARY", "DURATION", "LOCATION", "DESCRIPTION", "CATEGORIES", "STATUS"} in shown
    walk = series[("plan", 1)]
    assert (walk["LOCATION"], walk["DESCRIPTION"], walk["STATUS"]) == (
        "the park", "bring water", "CONFIRMED",
    )  # fmt: skip


def test_paused_plans_of_an_older_database_get_a_pause_day(db_path, run, tmp_path):
    """Migration 0007: a plan paused before its day was kept counts from the upgrade."""
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    db.migrate(conn, None, [m for m in all_migrations() if m.number < 7])
    conn.executescript(
        """
        INSERT INTO person (name, circle, added_on) VALUES ('Maya', 'friend', '2026-01-01');
        INSERT INTO plan (title, kind, rrule, starts_on, status, added_on)
        VALUES ('coffee', 'coffee', 'FREQ=WEEKLY;BYDAY=TU', '2026-05-05', 'paused', '2026-05-01'),
               ('walk', 'walk', 'FREQ=WEEKLY;BYDAY=FR', '2026-05-08', 'active', '2026-05-01');
        INSERT INTO plan_member VALUES (1, 1), (2, 1);
        """
    )
    before = dump(db_path)
    (today,) = conn.execute("SELECT date('now')").fetchone()
    conn.close()
    conn = open_database(db_path)
    try:
        rows = conn.execute("SELECT id, status, paused_on FROM plan ORDER BY id").fetchall()
    finally:
        conn.close()
    assert rows == [(1, "paused", today), (2, "active", None)]
    kept = [line for line in before.splitlines() if 'INSERT INTO "person"' in line]
    assert kept and all(line in dump(db_path) for line in kept)
    coffee = export(run, tmp_path / "cal.ics", today="2026-06-10")[uid(db_path, "plan", 1)]
    assert coffee["RRULE"]["UNTIL"] == [dt.date.fromisoformat(today) - dt.timedelta(days=1)]


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
