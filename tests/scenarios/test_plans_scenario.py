"""Plans end to end with the real commands (issue 3): people, a group, logs, plans done
and skipped; upcoming, history, people and the calendar file agree, on the fixed
Wednesday 10 June 2026."""

from __future__ import annotations

import datetime as dt
import json

from supportnet.db import open_database
from supportnet.store.people import list_people
from tests.conftest import TODAY
from tests.exchange.test_calendar import (
    agenda_tuples,
    expand,
    read_events,
    series_dates,
    uid,
    upcoming,
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
        ("2026-07-05", "plan", "Sunday lunch", None, "every month on the first Sunday"),
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
    mine = [("birthday", 1), ("birthday", 2), ("community", 1), ("plan", 1), ("plan", 2)]
    assert sorted(events) == sorted(uid(db_path, kind, n) for kind, n in mine)
    coffee = events[uid(db_path, "plan", 1)]
    assert coffee["SUMMARY"] == "coffee with Maya López"
    assert coffee["DTSTART"].dt == dt.datetime(2026, 5, 26, 10, 0)
    assert coffee["DURATION"].dt == dt.timedelta(hours=1)
    assert coffee["RRULE"].to_ical() == b"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert [d.dt for d in coffee["EXDATE"].dts] == [dt.datetime(2026, 6, 23, 10, 0)]
    assert coffee["STATUS"] == "CONFIRMED"
    lunch = events[uid(db_path, "plan", 2)]
    assert lunch["DTSTART"].dt == dt.date(2026, 7, 5)
    chorus = events[uid(db_path, "community", 1)]
    assert (chorus["SUMMARY"], chorus["LOCATION"]) == ("Community chorus", "St Mary's hall")
    birthday = events[uid(db_path, "birthday", 2)]
    assert (birthday["DTSTART"].dt, birthday["RRULE"].to_ical()) == (
        dt.date(1990, 6, 20), b"FREQ=YEARLY",
    )  # fmt: skip
    # The file and `upcoming` agree on every date of the next 90 days, and so does the
    # window export of those days.
    end = TODAY + dt.timedelta(days=90)
    agreed = agenda_tuples(upcoming(run, "--days", "90"))
    assert len(agreed) > 20
    assert expand(target, TODAY, end, db_path) == agreed
    window = tmp_path / "window.ics"
    run("calendar", "export", str(window), "--days", "90")
    assert expand(window, TODAY, end, db_path) == agreed
    # The past stays as it was: the coffee done yesterday is still in the file.
    assert series_dates(target, db_path, "plan", 1)[:2] == [dt.date(2026, 5, 26),
                                                            dt.date(2026, 6, 9)]  # fmt: skip
