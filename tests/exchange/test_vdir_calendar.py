"""The calendar as a vdir: one .ics per plan, meeting series, birthday and life event."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from tests.exchange.test_calendar import read_events


@pytest.fixture
def calendar(run, tmp_path: Path) -> Path:
    run("add", "Maya Lopez", "--birthday", "1990-03-14")
    run("add", "Sam Carter", "--birthday", "02-29")
    run("plan", "add", "coffee", "--with", "Maya", "--every", "week", "--on", "fri",
        "--at", "10:00", "--starting", "2026-05-01")  # fmt: skip
    run("plan", "add", "climbing", "--with", "Sam", "--every", "2 weeks", "--on", "tue",
        "--starting", "2026-05-05")  # fmt: skip
    run("group", "add", "Chorus", "--kind", "chorus", "--meets", "every wed 19:00")
    return tmp_path / "calendar"


def _export(run, folder: Path, *options: str) -> str:
    return run("calendar", "export", "--vdir", str(folder), *options).stdout


def _events(folder: Path) -> dict[str, object]:
    found = {}
    for path in folder.glob("*.ics"):
        (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert path.name == f"{event['UID']}.ics"
        found[str(event["UID"])] = event
    return found


def test_one_file_per_series_with_the_uids_of_the_whole_calendar(run, calendar, tmp_path):
    assert "5 events; 5 written" in _export(run, calendar)
    run("calendar", "export", str(tmp_path / "all.ics"))
    whole = read_events(tmp_path / "all.ics")
    mine = _events(calendar)
    assert set(mine) == set(whole)
    for uid, event in mine.items():
        for key in ("SUMMARY", "DTSTART", "RRULE", "STATUS"):
            assert event.get(key) == whole[uid].get(key), key


def test_running_twice_changes_nothing_and_a_skip_rewrites_one_file(run, calendar):
    _export(run, calendar)
    times = {p.name: p.stat().st_mtime_ns for p in calendar.iterdir()}
    assert "0 written, 5 unchanged, 0 removed" in _export(run, calendar)
    assert {p.name: p.stat().st_mtime_ns for p in calendar.iterdir()} == times
    run("skip", "coffee", "--on", "2026-06-12")
    assert "1 written, 4 unchanged" in _export(run, calendar)
    (coffee,) = [e for e in _events(calendar).values() if e["SUMMARY"] == "coffee with Maya Lopez"]
    assert [d.dt.date().isoformat() for d in coffee["EXDATE"].dts] == ["2026-06-12"]


def test_ended_cancelled_and_removed(run, calendar):
    _export(run, calendar)
    run("plan", "end", "coffee")
    run("group", "archive", "Chorus")
    run("remove", "Sam", "--yes")  # his birthday and the plan only he was in
    assert "5 events" not in (out := _export(run, calendar)) and "2 removed" in out
    events = {str(e["SUMMARY"]): e for e in _events(calendar).values()}
    assert set(events) == {"coffee with Maya Lopez", "Chorus", "Maya Lopez's birthday"}
    assert events["Chorus"]["STATUS"] == "CANCELLED"
    assert "UNTIL" in events["coffee with Maya Lopez"]["RRULE"]


def test_alarms_before_all_day_and_timed_events(run, calendar):
    _export(run, calendar, "--alarm", "1d", "--alarm", "1h")
    for event in _events(calendar).values():
        (alarm,) = event.walk("VALARM")
        expected = "-PT1H" if "T" in event["DTSTART"].to_ical().decode() else "-P1D"
        assert alarm["TRIGGER"].to_ical().decode() == expected
        assert alarm["ACTION"] == "DISPLAY"
    # Without --alarm again, the reminders go (each file is written once more).
    assert "5 written" in _export(run, calendar)
    assert all(not e.walk("VALARM") for e in _events(calendar).values())


def test_a_cancelled_event_has_no_alarm(run, calendar):
    # A group archived (its meetings cancelled) kept its VALARM: some apps ring for it.
    run("group", "archive", "Chorus")
    _export(run, calendar, "--alarm", "1d", "--alarm", "1h")
    events = {str(e["SUMMARY"]): e for e in _events(calendar).values()}
    assert events["Chorus"]["STATUS"] == "CANCELLED" and not events["Chorus"].walk("VALARM")
    assert events["coffee with Maya Lopez"].walk("VALARM")


@pytest.mark.parametrize("value", ["0d", "soon", "1w", "-1h"])
def test_an_alarm_not_understood(run, calendar, value):
    result = run("calendar", "export", "--vdir", str(calendar), "--alarm", value, expect=5)
    assert "is not understood" in result.stderr


@pytest.mark.parametrize("values", [["1d", "2d"], ["1h", "30m"]])
def test_two_alarms_for_the_same_events_are_not_taken_silently(run, calendar, values):
    options = [x for v in values for x in ("--alarm", v)]
    result = run("calendar", "export", "--vdir", str(calendar), *options, expect=5)
    assert f"{values[1]!r} is a second one" in result.stderr and not calendar.exists()


def test_a_file_or_a_folder(run, calendar, tmp_path):
    assert "not both" in run("calendar", "export", "x.ics", "--vdir", "d", expect=2).stderr
    assert "--alarm is for --vdir" in run("calendar", "export", "-", "--alarm", "1d",
                                          expect=2).stderr  # fmt: skip


def test_an_event_edited_in_the_folder_is_kept_and_the_way_out_is_one_that_exists(run, calendar):
    # The calendar is not read back: "import it first" would lead nowhere.
    _export(run, calendar)
    (edited,) = [p for p in calendar.glob("*.ics") if b"SUMMARY:coffee" in p.read_bytes()]
    edited.write_bytes(edited.read_bytes().replace(b"SUMMARY:coffee", b"SUMMARY:tea"))
    said = _export(run, calendar)
    assert "1 file changed in the folder since the last sync was left as it is" in said
    assert "import --vdir" not in said and "delete that file and export again" in said
    edited.unlink()
    assert "1 written" in _export(run, calendar) and b"SUMMARY:coffee" in edited.read_bytes()


def test_importing_a_calendar_folder_as_an_address_book_says_so(run, calendar):
    _export(run, calendar)
    result = run("import", "--vdir", str(calendar), expect=7)
    assert "holds calendar files (.ics), not cards" in result.stderr
    assert result.stderr.count("\n") == 1
