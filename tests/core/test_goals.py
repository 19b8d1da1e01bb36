"""Homework goals with plain values: reading them from words, periods, status, streaks,
progress and its bar."""

from __future__ import annotations

import datetime as dt

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

D = dt.date


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
        ("call someone every single week", GoalSpec("reach_out", 1, "week")),
        ("see 2 friends every weekend", GoalSpec("reach_out", 2, "week")),
        ("reach out to 1,000 people a month", GoalSpec("reach_out", 1000, "month")),
        # Another period's words beside a week or a month are the goal's own.
        ("see 2 friends each month for a year", GoalSpec("reach_out", 2, "month")),
        ("log 3 get-togethers weekly on a day off", GoalSpec("in_person", 3, "week")),
        ("meet 1 new person per week for a year", GoalSpec("new_people", 1, "week")),
        ("see 3 friends every 1 week", GoalSpec("reach_out", 3, "week")),
        # "twice" says how many, not the "a" or "someone" before it.
        ("give a favor twice a month", GoalSpec("favors", 2, "month")),
        ("reach out to a couple of people a week", GoalSpec("reach_out", 2, "week")),
        ("reach out to a dozen people a month", GoalSpec("reach_out", 12, "month")),
        ("log something on 7 days a week", GoalSpec("log_days", 7, "week")),
        ("meet someone new twice a month", GoalSpec("new_people", 2, "month")),
        ("attend a class three times a week", GoalSpec("community", 3, "week")),
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
    # --per answers for words that name another period.
    assert parse_goal("see 3 friends a year", period="month") == GoalSpec("reach_out", 3, "month")


@pytest.mark.parametrize(
    "words, kind, message",
    [
        ("blah 2", None, "Could not tell what kind of goal 'blah 2' is."),
        ("call mom", None, "How many? Put a number in the goal"),
        ("give 0 favors", None, "How many?"),
        ("see people", "hugs", "Unknown kind of goal 'hugs'."),
        ("give 5000 favors", None, "more than 1000"),
        ("reach out to -5 people", None, "How many?"),
        ("reach out to 2.5 people", None, "2.5 is not a whole number"),
        # A period a goal cannot count by is refused, not read as a week.
        ("reach out to 3 people a year", None, "not 'a year'"),
        ("give 1 favor every 2 weeks", None, "not 'every 2 weeks'"),
        ("see a friend every other week", None, "not 'every other week'"),
        ("meet someone new every fortnight", None, "not 'every fortnight'"),
        ("go to 1 group meeting daily", None, "not 'daily'"),
        ("see 3 friends per 2 weeks", None, "not 'per 2 weeks'"),
        ("see 4 friends each two months", None, "not 'each two months'"),
        ("see 2 friends every weekday", None, "not 'every weekday'"),
        ("call 2 people nightly", None, "not 'nightly'"),
        ("meet a few new people a month", None, "How many?"),
        ("log something on 10 days a week", None, "A week has at most 7 days"),
        # How often with one person: two calls or two people? (It became 2 people.)
        ("call someone twice a week", None, "is that reaching out to 2 people"),
        ("see somebody 3 times a month", None, "or being in touch on 3 days"),
    ],
)
def test_goal_words_not_understood(words, kind, message):
    with pytest.raises(InvalidInput) as error:
        parse_goal(words, kind=kind)
    assert message in error.value.message


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
