"""Homework goals: reading them from words, counting progress, pause and removal."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from supportnet.errors import InvalidInput
from supportnet.goals import (
    BEFORE_START,
    IN_PROGRESS,
    MET,
    NOT_MET,
    PAUSED,
    Goal,
    GoalSpec,
    bar,
    describe_period,
    last_periods,
    met_streak,
    parse_goal,
    period_start,
    period_status,
    progress,
)
from tests.progress_data import community, favor, meet, opened, person

D = dt.date


# --- reading a goal from words ----------------------------------------------------------


@pytest.mark.parametrize(
    "words, expected",
    [
        ("reach out to 2 people", GoalSpec("reach_out", 2, "week")),
        ("Reach out to two people a month", GoalSpec("reach_out", 2, "month")),
        ("call someone every week", GoalSpec("reach_out", 1, "week")),
        ("2 in-person get-togethers", GoalSpec("in_person", 2, "week")),
        ("see a friend in person once a week", GoalSpec("in_person", 1, "week")),
        ("go to 1 group meeting a week", GoalSpec("community", 1, "week")),
        ("attend choir twice a month", GoalSpec("community", 2, "month")),
        ("attend a community 3 times", GoalSpec("community", 3, "week")),
        ("meet 1 new person", GoalSpec("new_people", 1, "week")),
        ("meet someone new each month", GoalSpec("new_people", 1, "month")),
        ("meet 2 new people monthly", GoalSpec("new_people", 2, "month")),
        ("give 1 favor", GoalSpec("favors", 1, "week")),
        ("do a favour for someone", GoalSpec("favors", 1, "week")),
        ("help someone once a week", GoalSpec("favors", 1, "week")),
        ("log something on 3 days", GoalSpec("log_days", 3, "week")),
        ("log 10 days a month", GoalSpec("log_days", 10, "month")),
    ],
)
def test_goal_words(words, expected):
    assert parse_goal(words) == expected


def test_explicit_options_win_over_words():
    assert parse_goal("see friends", kind="in-person", target=4, period="monthly") == GoalSpec(
        "in_person", 4, "month"
    )
    assert parse_goal("reach out to 2 people", target=3, period="month") == GoalSpec(
        "reach_out", 3, "month"
    )


@pytest.mark.parametrize(
    "words, kind, message",
    [
        ("blah 2", None, "Could not tell what kind of goal 'blah 2' is."),
        ("call mom", None, "How many? Put a number in the goal"),
        ("give 0 favors", None, "How many?"),
        ("see people", "hugs", "Unknown kind of goal 'hugs'."),
        ("give 5000 favors", None, "more than 1000"),
    ],
)
def test_goal_words_not_understood(words, kind, message):
    with pytest.raises(InvalidInput) as error:
        parse_goal(words, kind=kind)
    assert message in error.value.message


# --- periods --------------------------------------------------------------------------


def test_periods_are_iso_weeks_and_calendar_months():
    assert period_start(D(2026, 6, 10), "week") == D(2026, 6, 8)  # a Wednesday -> Monday
    assert period_start(D(2026, 6, 14), "week") == D(2026, 6, 8)  # Sunday ends the week
    assert period_start(D(2026, 6, 15), "week") == D(2026, 6, 15)
    assert period_start(D(2026, 6, 10), "month") == D(2026, 6, 1)
    assert last_periods(D(2026, 1, 7), "week", 3) == [D(2025, 12, 22), D(2025, 12, 29),
                                                      D(2026, 1, 5)]  # fmt: skip
    assert last_periods(D(2026, 2, 28), "month", 3) == [D(2025, 12, 1), D(2026, 1, 1),
                                                        D(2026, 2, 1)]  # fmt: skip
    assert describe_period(D(2026, 6, 8), "week") == "8–14 June"
    assert describe_period(D(2026, 6, 29), "week") == "29 June – 5 July"
    assert describe_period(D(2025, 12, 29), "week") == "29 December 2025 – 4 January 2026"
    assert describe_period(D(2026, 6, 1), "month") == "June 2026"


def _goal(**changes) -> Goal:
    values = dict(id=1, title="reach out to 2 people", kind="reach_out", target=2,
                  period="week", status="active", created_on=D(2026, 5, 1))  # fmt: skip
    values.update(changes)
    return Goal(**values)


def test_period_status():
    today = D(2026, 6, 10)
    goal = _goal()
    assert period_status(goal, D(2026, 6, 8), 2, today) == MET
    assert period_status(goal, D(2026, 6, 8), 1, today) == IN_PROGRESS
    assert period_status(goal, D(2026, 6, 1), 1, today) == NOT_MET
    assert period_status(goal, D(2026, 4, 20), 0, today) == BEFORE_START
    # Created on a Friday: that whole week counts.
    assert period_status(goal, D(2026, 4, 27), 2, today) == MET
    paused = _goal(pauses=((D(2026, 5, 20), D(2026, 6, 2)),))
    assert period_status(paused, D(2026, 5, 18), 0, today) == PAUSED
    assert period_status(paused, D(2026, 5, 25), 0, today) == PAUSED
    assert period_status(paused, D(2026, 6, 1), 0, today) == PAUSED  # resumed on the Tuesday
    assert period_status(paused, D(2026, 5, 25), 5, today) == MET  # met while paused: met
    assert period_status(paused, D(2026, 5, 11), 0, today) == NOT_MET
    # Resumed on a Monday: that week is not paused.
    monday = _goal(pauses=((D(2026, 5, 20), D(2026, 6, 1)),))
    assert period_status(monday, D(2026, 6, 1), 0, today) == NOT_MET


def test_met_streak():
    assert met_streak([MET, MET, MET]) == 3
    assert met_streak([MET, MET, IN_PROGRESS]) == 2  # the week under way does not break it
    assert met_streak([MET, PAUSED, MET, IN_PROGRESS]) == 2  # a rest neither breaks nor adds
    assert met_streak([MET, NOT_MET, MET]) == 1
    assert met_streak([MET, MET, NOT_MET]) == 0
    assert met_streak([BEFORE_START, MET]) == 1
    assert met_streak([IN_PROGRESS, IN_PROGRESS]) == 0
    assert met_streak([]) == 0


def test_progress_from_counts():
    goal = _goal()
    counts = {D(2026, 6, 8): 1, D(2026, 6, 1): 2, D(2026, 5, 25): 3, D(2026, 5, 18): 1}
    p = progress(goal, counts, D(2026, 6, 10), periods=5)
    assert [h.status for h in p.history] == [NOT_MET, NOT_MET, MET, MET, IN_PROGRESS]
    assert p.history[0].start == D(2026, 5, 11) and p.history[0].count == 0
    assert p.current.count == 1 and p.streak == 2


def test_bar():
    assert bar(1, 2, width=8) == "████░░░░"
    assert bar(5, 2, width=8) == "████████"
    assert bar(0, 3, width=6, plain=True) == "[......]"
    assert bar(2, 3, width=6, plain=True) == "[####..]"


# --- the commands ---------------------------------------------------------------------


@pytest.fixture
def network(db_path):
    """Three people, a choir, and a few weeks of contact up to Wednesday 10 June 2026."""
    with opened(db_path) as conn:
        maya = person(conn, "Maya López")
        sam = person(conn, "Sam Carter")
        ana = person(conn, "Ana Ruiz", added="2026-06-09")
        choir = community(conn, "Community chorus")
        meet(conn, "2026-06-09", [maya, sam])  # in person
        meet(conn, "2026-06-10", [maya], in_person=False, kind="call")
        meet(conn, "2026-06-09", [ana], in_person=False, kind="video")
        meet(conn, "2026-06-03", [sam], community_id=choir, kind="group meeting")
        favor(conn, "2026-06-02", [sam])
        favor(conn, "2026-06-04", [maya], direction="received")
        meet(conn, "2026-05-27", [maya], kind="walk")
    return {"maya": maya, "sam": sam, "ana": ana, "choir": choir}


def _goals(run, *args):
    return json.loads(run("goals", "--json", *args).stdout)


@pytest.mark.parametrize(
    "words, this_week, last_week",
    [
        ("reach out to 2 people", 3, 1),  # Maya, Sam, Ana; then Sam
        ("2 in-person get-togethers", 1, 1),
        ("go to 1 group meeting", 0, 1),
        ("meet 1 new person", 1, 1),  # Ana (added and first seen); Sam's first get-together
        ("give 1 favor", 0, 1),  # the favor received does not count
        ("log something on 3 days", 2, 3),
    ],
)
def test_each_goal_kind_counts(run, network, words, this_week, last_week):
    run("--today", "2026-05-01", "goal", "add", words)
    (goal,) = _goals(run)
    assert goal["current"]["count"] == this_week
    assert goal["history"][-2]["count"] == last_week
    assert goal["history"][-2]["start"] == "2026-06-01"
    assert len(goal["history"]) == 8


def test_monthly_goal_and_group_goal(run, network, db_path):
    with opened(db_path) as conn:
        other = community(conn, "Climbing club")
        meet(conn, "2026-06-06", [], community_id=other, kind="group meeting")
    run("--today", "2026-03-01", "goal", "add", "go to choir twice", "--per", "month",
        "--group", "chorus")  # fmt: skip
    run("--today", "2026-03-01", "goal", "add", "see people in person", "--kind", "in person",
        "--target", "3", "--per", "month")  # fmt: skip
    choir_goal, in_person = _goals(run)
    assert choir_goal["community"] == {"id": network["choir"], "name": "Community chorus"}
    assert choir_goal["current"] == {
        "start": "2026-06-01", "end": "2026-06-30", "count": 1, "status": "in_progress",
        "target": 2, "met": False,
    }  # fmt: skip
    assert in_person["current"]["count"] == 3  # choir, climbing club, coffee
    assert in_person["current"]["met"] is True
    assert [h["start"] for h in in_person["history"][-3:]] == ["2026-04-01", "2026-05-01",
                                                              "2026-06-01"]  # fmt: skip
    assert [h["status"] for h in in_person["history"]] == [
        "before_start", "before_start", "before_start", "before_start", "not_met", "not_met",
        "not_met", "met",
    ]  # fmt: skip


def test_add_says_what_it_understood(run):
    out = run("goal", "add", "reach out to 2 people", "--per", "week").stdout
    assert out == (
        "Goal #1: reach out to 2 people — 2 people a week. `supportnet goals` shows how it goes.\n"
    )
    out = run("goal", "add", "go to a group meeting", "--per", "month").stdout
    assert out.startswith("Goal #2: go to a group meeting — 1 meeting a month.")


def test_goals_listing_plain(run, network):
    run("--today", "2026-05-18", "goal", "add", "reach out to 2 people")
    out = run("goals").stdout
    assert out == (
        "#1 reach out to 2 people (2 a week)\n"
        "   this week (8–14 June): [############] 3 of 2 people — done, well done!\n"
        "   last 8 weeks: . . . . o o o #\n"
        "\n"
        "# met  o not this time  ~ under way  = paused\n"
    )


def test_empty_goals_say_how_to_start(run):
    assert run("goals").stdout.startswith("No goals yet. Set one in your own words")
    assert _goals(run) == []


def test_pause_resume_keeps_history(run, network, db_path):
    with opened(db_path) as conn:
        for day in ("2026-05-05", "2026-05-12", "2026-05-26"):
            meet(conn, day, [network["maya"], network["sam"]])
    run("--today", "2026-05-01", "goal", "add", "reach out to 2 people")
    out = run("--today", "2026-05-14", "goal", "pause", "1").stdout
    assert out.startswith("Paused goal #1 reach out to 2 people. Its history stays;")
    (goal,) = _goals(run)
    assert goal["status"] == "paused" and goal["paused_on"] == "2026-05-14"
    out = run("--today", "2026-05-20", "goal", "resume", "reach").stdout
    assert out == "Welcome back to goal #1 reach out to 2 people.\n"
    (goal,) = _goals(run)
    assert goal["status"] == "active" and goal["paused_on"] is None
    statuses = [(h["start"], h["status"]) for h in goal["history"]]
    assert statuses == [
        ("2026-04-20", "before_start"), ("2026-04-27", "not_met"), ("2026-05-04", "met"),
        ("2026-05-11", "met"), ("2026-05-18", "paused"), ("2026-05-25", "met"),
        ("2026-06-01", "not_met"), ("2026-06-08", "met"),
    ]  # fmt: skip
    assert goal["streak"] == 1


def test_pause_again_on_the_day_it_was_resumed(run):
    run("goal", "add", "give 1 favor")
    run("goal", "pause", "1")
    run("goal", "resume", "1")
    run("goal", "pause", "1")
    (goal,) = _goals(run)
    assert goal["status"] == "paused"
    assert goal["current"]["status"] == "paused"


def test_remove_keeps_the_goal_for_history(run, network):
    run("goal", "add", "reach out to 2 people")
    run("goal", "add", "give 1 favor")
    out = run("goal", "remove", "favor", "--yes").stdout
    assert out == "Retired goal #2 give 1 favor. What you did toward it still shows in reviews.\n"
    assert [g["id"] for g in _goals(run)] == [1]
    retired = _goals(run, "--all")[1]
    assert retired["status"] == "removed" and retired["removed_on"] == "2026-06-10"
    assert "retired on 2026-06-10" in run("goals", "--all").stdout


def test_goal_mistakes_change_nothing(run, unchanged, network):
    run("goal", "add", "reach out to 2 people")
    run("goal", "pause", "1")
    cases = [
        (("goal", "add", "blah"), 5, "Could not tell what kind of goal 'blah' is."),
        (("goal", "add", "call mom"), 5, "How many? Put a number in the goal"),
        (("goal", "add", "x", "--kind", "hug", "--target", "1"), 5,
         "Unknown kind of goal 'hug'."),
        (("goal", "add", "see 2 people", "--per", "day"), 5,
         "A goal is per week or per month, not 'day'."),
        (("goal", "add", "reach out to 2 people"), 6,
         "Goal #1 reach out to 2 people already asks for that."),
        (("goal", "add", "give 1 favor", "--group", "chorus"), 5,
         "--group only fits a goal of going to a community (--kind community)."),
        (("goal", "add", "go to 1 meeting", "--group", "knitting"), 3,
         "No group called 'knitting'."),
        (("goal", "resume", "7"), 3, "No goal has the number #7."),
        (("goal", "pause", "hugs"), 3, "No goal called 'hugs'."),
        (("goal", "remove", "1"), 13, "Nothing was changed."),
    ]  # fmt: skip
    for args, code, message in cases:
        with unchanged():
            result = run(*args, expect=code, input="n\n")
        assert message in result.stderr, (args, result.stderr)


def test_already_so_is_a_friendly_note(run, unchanged, network):
    """Issue 11: pause, resume or retire a goal already so: exit 0, a note, nothing changed
    (as for plans, groups and people)."""
    run("--today", "2026-06-01", "goal", "add", "reach out to 2 people")
    run("goal", "add", "give 1 favor")
    run("--today", "2026-06-03", "goal", "pause", "1")
    run("goal", "remove", "2", "--yes")
    cases = [
        (("goal", "pause", "1"),
         "Goal #1 reach out to 2 people is already paused (since 2026-06-03); nothing changed.\n"),
        (("goal", "resume", "1"), None),
        (("goal", "resume", "1"),
         "Goal #1 reach out to 2 people is not paused; nothing changed.\n"),
        (("goal", "remove", "2"),
         "Goal #2 give 1 favor was already retired on 2026-06-10; nothing changed.\n"),
        (("goal", "remove", "favor"),
         "Goal #2 give 1 favor was already retired on 2026-06-10; nothing changed.\n"),
    ]  # fmt: skip
    for args, note in cases:
        if note is None:
            run(*args)
            continue
        with unchanged():
            result = run(*args, expect=0)  # no question asked: nothing to do
        assert (result.stdout, result.stderr) == (note, ""), args
    # Pause and resume still only know goals that are set.
    for verb in ("pause", "resume"):
        result = run("goal", verb, "2", expect=3)
        assert "No goal has the number #2." in result.stderr


def test_remove_prefers_a_goal_still_set_over_a_retired_one(run):
    run("goal", "add", "give 1 favor")
    run("goal", "remove", "1", "--yes")
    run("goal", "add", "give 2 favors")
    out = run("goal", "remove", "favor", "--yes").stdout
    assert out.startswith("Retired goal #2 give 2 favors.")
