"""Regular plans: creating them, listing them, done and skip, pause, resume and end."""

from __future__ import annotations

import json
import sqlite3

import pytest


@pytest.fixture
def people(run):
    run("add", "Maya López", "--circle", "close")
    run("add", "Sam Carter")
    run("add", "Ana Okafor")


def plans(run, *args) -> list[dict]:
    return json.loads(run("plans", *args, "--json").stdout)


def rows(db_path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_plan_every_two_weeks_on_tuesday(run, people, db_path):
    out = run("plan", "coffee", "--with", "Maya", "--every", "2 weeks", "--on", "tue",
              "--at", "10:00", "--place", "Café Luna").stdout  # fmt: skip
    assert out == (
        "Planned coffee with Maya López, every other Tuesday at 10:00 (#1).\n"
        "First: Tue 16 June 2026.\n"
    )
    assert rows(db_path, "SELECT title, kind, rrule, starts_on, at_time, until_on, in_person,"
                " place, status, added_on FROM plan") == [
        ("coffee", "coffee", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-06-16", "10:00", None, 1,
         "Café Luna", "active", "2026-06-10"),
    ]  # fmt: skip
    assert rows(db_path, "SELECT * FROM plan_member") == [(1, 1)]
    (listed,) = plans(run)
    assert listed == {
        "id": 1, "title": "coffee", "kind": "coffee",
        "people": [{"id": 1, "name": "Maya López"}],
        "schedule": "every other Tuesday at 10:00", "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "time": "10:00", "starts_on": "2026-06-16", "until": None, "status": "active",
        "ended_on": None, "next": "2026-06-16", "last_done": None, "done": 0, "skipped": 0,
        "in_person": True, "place": "Café Luna", "note": None, "minutes": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    "args, rule, first, time",
    [
        (["--every", "monthly on the first sunday"], "FREQ=MONTHLY;BYDAY=1SU", "2026-07-05", None),
        (["--every", "weekday"], "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-06-10", None),
        (["--every", "wed 19:00"], "FREQ=WEEKLY;BYDAY=WE", "2026-06-10", "19:00"),
        (["--every", "week"], "FREQ=WEEKLY", "2026-06-10", None),
        (["--every", "month", "--on", "15th"], "FREQ=MONTHLY;BYMONTHDAY=15", "2026-06-15", None),
        (["--every", "2 weeks", "--starting", "2026-07-01"], "FREQ=WEEKLY;INTERVAL=2",
         "2026-07-01", None),
        (["--rrule", "FREQ=MONTHLY;BYDAY=-1FR", "--at", "6pm"], "FREQ=MONTHLY;BYDAY=-1FR",
         "2026-06-26", "18:00"),
        # A raw rule counts weeks from its start, as RFC 5545 does.
        (["--rrule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"], "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
         "2026-06-23", None),
        (["--on", "next friday", "--at", "19:30"], "FREQ=DAILY;COUNT=1", "2026-06-12", "19:30"),
    ],
)  # fmt: skip
def test_plan_forms(run, people, args, rule, first, time):
    run("plan", "lunch", "--with", "Sam", *args)
    (listed,) = plans(run)
    assert (listed["rrule"], listed["starts_on"], listed["time"]) == (rule, first, time)
    assert listed["kind"] == "meal" and listed["next"] == first


def test_until_is_kept_and_ends_the_series(run, people):
    run("plan", "walk", "--with", "Sam", "--every", "week", "--until", "2026-06-20")
    (listed,) = plans(run)
    assert (listed["until"], listed["next"]) == ("2026-06-20", "2026-06-10")
    items = json.loads(run("upcoming", "--days", "30", "--json").stdout)
    assert [i["date"] for i in items if i["kind"] == "plan"] == ["2026-06-10", "2026-06-17"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["walk", "--with", "Sam", "--every", "blue moon"], 5,
         "Could not understand the recurrence 'every blue moon'. Try every 2 weeks"),
        (["walk", "--with", "Sam", "--rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"], 5,
         "The rule FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=2, from 10 June 2026, never produces a "
         "date: none of the months it reaches has that day. Choose another day, or another "
         "start.\n"),
        (["walk", "--with", "Sam", "--every", "week", "--starting", "2026-07-01", "--until",
          "2026-06-20"], 5, "--until 2026-06-20 is before the plan starts (2026-07-01).\n"),
        (["walk", "--with", "Sam", "--every", "first monday", "--until", "2026-06-30"], 5,
         "The plan has no date between 2026-06-10 and --until 2026-06-30 (its first is "
         "2026-07-06).\n"),
        (["walk", "--every", "week"], 2, "A plan needs someone: add --with NAME.\n"),
        (["walk", "--with", "Nobody", "--every", "week"], 3, "No one called 'Nobody' is here."),
        (["walk", "--with", "Sam"], 2, "Say when: --every"),
        (["walk", "--with", "Sam", "--every", "week", "--rrule", "FREQ=DAILY"], 2,
         "Give --every or --rrule, not both.\n"),
        (["walk", "--with", "Sam", "--rrule", "every week"], 5,
         "'every week' is not an RRULE; it starts with FREQ=.\n"),
        (["walk", "--with", "Sam", "--on", "2026-06-01"], 5,
         "2026-06-01 has passed; to record it, use `supportnet log`.\n"),
        (["walk", "--with", "Sam", "--every", "week", "--at", "26:00"], 5,
         "'26:00' is not a time of day.\n"),
        (["walk", "--with", "Sam", "--every", "week", "--kind", "hike"], 5,
         "Unknown kind 'hike'."),
    ],
)  # fmt: skip
def test_bad_plans_change_nothing(run, people, unchanged, args, code, message):
    with unchanged():
        result = run("plan", *args, expect=code)
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_plan_references(run, people, unchanged):
    run("plan", "coffee", "--with", "Maya", "--every", "week")
    run("plan", "coffee", "--with", "Sam", "--every", "week")
    run("plan", "Sunday lunch", "--with", "Ana", "--every", "monthly on the first sunday")
    with unchanged():
        assert run("skip", "coffee", expect=4).stderr == (
            "'coffee' could be coffee with Maya López (#1) or coffee with Sam Carter (#2); "
            "use the #id or more of the title.\n"
        )
        assert run("skip", "lnuch", expect=3).stderr == (
            "No plan called 'lnuch'. Did you mean Sunday lunch? `supportnet plans` lists them.\n"
        )
        assert run("skip", "#9", expect=3).stderr == (
            "No plan has the id #9. `supportnet plans --all` lists them.\n"
        )
    assert "coffee with Sam Carter (#2)" in run("skip", "coffee with sam").stdout
    assert "Sunday lunch" in run("skip", "sun").stdout
    assert "(#1)" in run("skip", "#1").stdout


def test_the_whole_title_of_an_ended_plan_is_never_quietly_another_plan(run, people, unchanged):
    """Ending "walk" again (shell history), or `done walk`, once "walk" has ended beside
    an active "walking club": the reference names either, so nothing is done."""
    run("plan", "walk", "--with", "Ana", "--every", "week")
    run("plan", "walking club", "--with", "Ana", "--every", "saturday")
    run("plan", "end", "walk")
    for command in (["plan", "end", "walk"], ["done", "walk"], ["skip", "walk"]):
        with unchanged():
            assert run(*command, expect=4).stderr == (
                "'walk' could be walking club with Ana Okafor (#2) or walk with Ana Okafor"
                " (#1, ended); use the #id or more of the title.\n"
            )
    assert "walking club" in run("skip", "walking").stdout  # a beginning of it alone


def test_many_plans_a_reference_could_be_are_counted_beyond_the_first_eight(run, people):
    for n in range(1, 12):
        run("plan", f"p{n}", "--with", "Ana", "--every", "week")
    message = run("skip", "p", expect=4).stderr
    assert message.startswith("'p' could be p1 with Ana Okafor (#1), p2 with Ana Okafor (#2)")
    assert ", p8 with Ana Okafor (#8) or 3 more; use the #id" in message


def test_done_logs_with_the_plans_people_and_marks_the_date(run, people, db_path, unchanged):
    run("plan", "coffee", "--with", "Maya", "--with", "Sam", "--every", "week", "--on", "tue",
        "--at", "10:00", "--starting", "2026-05-01", "--place", "Café Luna")  # fmt: skip
    # Yesterday (Tuesday 9 June) was one of its dates.
    assert run("done", "coffee", "--on", "yesterday", "--note", "lovely").stdout == (
        "Logged coffee with Maya López and Sam Carter on Tue 9 June 2026 (#1).\n"
    )
    sql = "SELECT kind, on_date, at_time, place, note, plan_id FROM gettogether"
    assert rows(db_path, sql) == [
        ("coffee", "2026-06-09", "10:00", "Café Luna", "lovely", 1)
    ]  # fmt: skip
    assert rows(db_path, "SELECT * FROM plan_occurrence") == [(1, "2026-06-09", "done", 1)]
    # Today is a Wednesday: it counts for yesterday's date... which is done, so for
    # the latest open one before it.
    assert run("done", "coffee").stdout == (
        "Logged coffee with Maya López and Sam Carter today (#2).\n"
        "It counts for the plan's date of Tue 2 June 2026.\n"
    )
    with unchanged():
        assert run("done", "coffee", "--on", "2026-06-09", expect=6).stderr == (
            "coffee with Maya López and Sam Carter (#1) was already marked done on 2026-06-09 "
            "(get-together #1). To change that, use `supportnet log undo 1`.\n"
        )
        assert run("done", "coffee", "--on", "tomorrow", expect=6).stderr.startswith(
            "2026-06-11 is still to come; mark it done once it has happened"
        )
    listed = plans(run)[0]
    assert (listed["last_done"], listed["done"], listed["next"]) == ("2026-06-09", 2, "2026-06-16")
    # Undoing the log opens the date again.
    run("log", "undo", "1", "--yes")
    assert rows(db_path, "SELECT on_date FROM plan_occurrence") == [("2026-06-02",)]
    history = json.loads(run("history", "--json").stdout)
    assert history[0]["plan"] == {"id": 1, "title": "coffee"}


def test_done_after_log_marks_the_date_with_that_get_together(run, people, db_path):
    """`log` then `done` on a plan's day: one get-together, the date done, and the
    nudge and `upcoming` agree (they asked to confirm it, and listed it open)."""
    run("plan", "coffee", "--with", "Sam", "--every", "week", "--on", "wed")
    run("log", "coffee", "--with", "Sam")
    assert "Confirm today's plan" in run("nudge").stdout
    assert run("done", "coffee").stdout == (
        "coffee with Sam Carter was already logged today (#1); "
        "the plan's date is marked done with it.\n"
    )
    assert rows(db_path, "SELECT id, plan_id FROM gettogether") == [(1, 1)]
    assert rows(db_path, "SELECT * FROM plan_occurrence") == [(1, "2026-06-10", "done", 1)]
    assert "Confirm today's plan" not in run("nudge").stdout
    first = run("upcoming").stdout.splitlines()[1].split()
    assert (first[:4], first[-1]) == (["Wed", "10", "Jun", "today"], "done")


def test_done_without_a_near_date(run, people, unchanged):
    run("plan", "lunch", "--with", "Sam", "--every", "monthly on the first sunday")
    assert run("done", "lunch").stdout == (
        "Logged lunch with Sam Carter today (#1).\n"
        "No date of the plan is near it, so none was marked done.\n"
    )
    # A one-off plan done weeks before its day logged a get-together that counted for
    # nothing, and its day, still open, was logged again when done: it logs nothing.
    run("plan", "dinner", "--with", "Sam", "--on", "2026-06-29")
    with unchanged():
        assert run("done", "dinner", expect=6).stderr == (
            "dinner with Sam Carter (#2) is on Mon 29 June 2026, too far from 10 June 2026 to "
            "count for it, so nothing was logged. For another get-together with them: "
            "supportnet log dinner --kind meal --on 2026-06-10 --with '#2'\n"
        )
    # The same get-together logged already is not counted for nothing either.
    run("log", "dinner", "--with", "Sam", "--kind", "meal")
    with unchanged():
        assert run("done", "dinner", expect=6).stderr.startswith(
            "dinner with Sam Carter (#2) is on Mon 29 June 2026, too far from 10 June 2026"
        )
    assert run("--today", "2026-06-23", "done", "dinner").stdout == (
        "Logged dinner with Sam Carter today (#3).\n"
        "It counts for the plan's date of Mon 29 June 2026.\n"
    )


def test_skip(run, people, db_path, unchanged):
    run("plan", "coffee", "--with", "Maya", "--every", "2 weeks", "--on", "tue")
    assert run("skip", "coffee").stdout == (
        "Skipped coffee with Maya López (#1) on Tue 16 June 2026. Next: Tue 30 June 2026.\n"
    )
    assert run("skip", "coffee", "--on", "2026-07-14").stdout == (
        "Skipped coffee with Maya López (#1) on Tue 14 July 2026. Next: Tue 30 June 2026.\n"
    )
    assert run("skip", "coffee", "--on", "2026-07-14").stdout == (
        "coffee with Maya López (#1) was already skipped on Tue 14 July 2026.\n"
    )
    with unchanged():
        assert run("skip", "coffee", "--on", "2026-07-15", expect=5).stderr == (
            "coffee with Maya López (#1) has no date on 2026-07-15. "
            "The nearest are 2026-07-14 and 2026-07-28.\n"
        )
    assert rows(db_path, "SELECT on_date, status FROM plan_occurrence ORDER BY 1") == [
        ("2026-06-16", "skipped"), ("2026-07-14", "skipped"),
    ]  # fmt: skip
    listed = plans(run)[0]
    assert (listed["next"], listed["skipped"]) == ("2026-06-30", 2)
    items = json.loads(run("upcoming", "--days", "40", "--json").stdout)
    assert [i["date"] for i in items if i["kind"] == "plan"] == ["2026-06-30"]


def test_a_skipped_date_that_happened_after_all(run, people, db_path):
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--starting", "2026-06-02")
    run("skip", "coffee", "--on", "2026-06-09")
    run("done", "coffee", "--on", "2026-06-09")
    assert rows(db_path, "SELECT on_date, status, gettogether_id FROM plan_occurrence") == [
        ("2026-06-09", "done", 1)
    ]
    with_done = run("skip", "coffee", "--on", "2026-06-09", expect=6).stderr
    assert with_done == (
        "coffee with Maya López (#1) was marked done on 2026-06-09 (get-together #1); "
        "to skip it instead, first `supportnet log undo 1`.\n"
    )


def test_pause_resume_end_keep_history(run, people, db_path):
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--starting", "2026-06-02")
    run("done", "coffee", "--on", "2026-06-09")
    assert run("plan", "pause", "coffee").stdout == (
        "Paused coffee with Maya López (#1). Its history stays; `supportnet plan resume` "
        "picks it up again.\n"
    )
    assert (
        run("plan", "pause", "coffee").stdout == "coffee with Maya López (#1) is already paused.\n"
    )
    listed = plans(run)[0]
    assert (listed["status"], listed["next"]) == ("paused", None)
    assert "paused" in run("plans").stdout
    assert not [i for i in json.loads(run("upcoming", "--json").stdout) if i["kind"] == "plan"]
    assert run("plan", "resume", "coffee").stdout == "Resumed coffee with Maya López (#1).\n"
    assert plans(run)[0]["next"] == "2026-06-16"
    run("plan", "end", "coffee")
    assert plans(run) == []
    (ended,) = plans(run, "--all")
    assert (ended["status"], ended["ended_on"], ended["done"]) == ("ended", "2026-06-10", 1)
    assert rows(db_path, "SELECT count(*) FROM gettogether WHERE plan_id = 1") == [(1,)]
    assert run("done", "coffee", expect=6).stderr == (
        "coffee with Maya López (#1) has ended; `supportnet plan resume` brings it back.\n"
    )
    assert run("skip", "coffee", expect=6).stderr == (
        "coffee with Maya López (#1) has ended; there is nothing to skip.\n"
    )
    # An ended plan's title is free again, and still reachable.
    run("plan", "coffee", "--with", "Sam", "--every", "week")
    assert "(#2)" in run("skip", "coffee").stdout
    run("plan", "resume", "#1")
    assert [p["status"] for p in plans(run)] == ["active", "active"]


def test_plans_listing(run, people):
    assert "No plans yet" in run("plans").stdout
    run("plan", "coffee", "--with", "Maya", "--every", "2 weeks", "--on", "tue", "--at", "10:00")
    out = run("plans").stdout.splitlines()
    assert out[0].split() == ["id", "plan", "with", "when", "next"]
    assert out[1].split() == [
        "#1", "coffee", "Maya", "López", "every", "other", "Tuesday", "at", "10:00",
        "Tue", "16", "June", "2026", "(in", "6", "days)",
    ]  # fmt: skip


def test_log_help_and_plan_help_name_the_subcommands(run):
    out = run("plan", "--help").stdout
    assert "`supportnet plan TITLE ...` is short for `supportnet plan add TITLE ...`." in out
    for name in ("add", "pause", "resume", "end"):
        assert f"  {name} " in out


def test_plan_skip_done_and_edit_say_what_to_use(run, people, unchanged):
    """Read as `plan add`, they failed with "unexpected extra argument(s)"."""
    with unchanged():
        for args, message in (
            (["skip", "walk"], "`skip` is its own command: supportnet skip walk"),
            (["done", "Sunday lunch", "--on", "yesterday"],
             "`done` is its own command: supportnet done 'Sunday lunch' --on yesterday"),
            (["skip"], "`skip` is its own command: supportnet skip PLAN"),
            (["edit", "coffee", "--at", "11:00"],
             "A plan's day, time or people cannot be changed in place yet: end it "
             "(supportnet plan end coffee) and plan it again; its history stays."),
        ):  # fmt: skip
            assert run("plan", *args, expect=2).stderr == f"Error: {message}\n"
    # A title is still a plan, and `plan add` makes a plan called "skip" if asked.
    run("plan", "walk", "--with", "Sam", "--every", "week")
    run("plan", "add", "skip", "--with", "Sam", "--every", "week")
    assert [p["title"] for p in plans(run)] == ["walk", "skip"]


def test_a_plan_date_not_understood_names_dates_to_come(run, people, unchanged):
    with unchanged():
        assert run("plan", "walk", "--with", "Sam", "--on", "tomorow", expect=5).stderr == (
            "Could not understand the date 'tomorow' (did you mean 'tomorrow'?). "
            "Try tomorrow, in 3 days, next friday, 24 December or 2026-12-24.\n"
        )


def test_a_plan_on_the_30th_says_the_short_months_are_skipped(run, people):
    out = run("plan", "rent talk", "--with", "Maya", "--every", "monthly on the 30th").stdout
    assert out == (
        "Planned rent talk with Maya López, every month on the 30th (#1).\n"
        "First: Tue 30 June 2026.\n"
        "Months without a 30th are skipped, as calendars do; for the end of every month, "
        'say "monthly on the last day".\n'
    )


def test_a_fifth_friday_and_a_29_february_say_they_come_only_some_months_or_years(run, people):
    out = run("plan", "games", "--with", "Maya", "--every", "every fifth friday").stdout
    assert out.splitlines()[2] == (
        "Months with only four Fridays are skipped, as calendars do; for one every month, "
        'say "monthly on the last friday".'
    )
    out = run("plan", "leap", "--with", "Maya", "--every", "year on 29 February").stdout
    assert out == (
        "Planned leap with Maya López, every year on 29 February (#2).\n"
        "First: Tue 29 February 2028.\n"
        "Years without a 29 February are skipped, as calendars do; for every year, "
        'say "year on 28 February".\n'
    )


def test_no_word_of_skipped_months_when_the_dates_skip_none(run, people):
    out = run("plan", "year end", "--with", "Maya", "--every", "monthly on the 31st",
              "--starting", "2026-12-01", "--until", "2027-01-31").stdout  # fmt: skip
    assert "First: Thu 31 December 2026." in out and "skipped" not in out


def test_a_one_off_plan_takes_no_starting_or_until(run, people, unchanged):
    # `--until` with a one-off plan was taken without a word, and meant nothing.
    with unchanged():
        assert run("plan", "x", "--with", "Sam", "--on", "friday", "--until", "2026-12-01",
                   expect=2).stderr == (
            "A one-off plan has one date: --until is the last day of a plan that repeats "
            "(with --every).\n"
        )  # fmt: skip
        assert run("plan", "x", "--with", "Sam", "--on", "friday", "--starting", "monday",
                   expect=2).stderr == (
            "A one-off plan has one date: give --on, not --starting.\n"
        )  # fmt: skip
