"""The review with plain values: streaks, milestones and gentle words, and charts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportnet import charts
from supportnet.errors import InvalidInput
from supportnet.goals import IN_PROGRESS, MET, NOT_MET, PAUSED, Goal, PeriodResult
from supportnet.initials import initials, name_redactor
from supportnet.review import (
    ReviewFacts,
    build_review,
    describe_range,
    goal_setback,
    milestones,
    review_range,
    setbacks,
    streak,
    streaks,
    summary_lines,
    with_initials,
)

D = dt.date
TODAY = D(2026, 6, 10)  # a Wednesday; its week starts on Monday 8 June


def mondays(*days: str) -> set[dt.date]:
    return {D.fromisoformat(d) for d in days}


# --- streaks --------------------------------------------------------------------------


def test_streak_counts_back_from_this_week():
    weeks = mondays("2026-06-08", "2026-06-01", "2026-05-25", "2026-05-11")
    assert streak(weeks, TODAY) == 3  # a gap in the week of 18 May ends it


def test_the_week_under_way_does_not_break_a_streak():
    assert streak(mondays("2026-06-01", "2026-05-25"), TODAY) == 2
    assert streak(mondays("2026-05-25", "2026-05-18"), TODAY) == 0  # last week was empty
    assert streak(set(), TODAY) == 0


def test_monthly_streak():
    months = mondays("2026-06-01", "2026-05-01", "2026-04-01", "2026-02-01")
    assert streak(months, TODAY, "month") == 3
    assert streak(mondays("2026-05-01", "2026-04-01"), TODAY, "month") == 2


def _facts(**values) -> ReviewFacts:
    return ReviewFacts(start=D(2026, 6, 4), end=TODAY, **values)


def _goal(gid=1, title="reach out to 2 people", kind="reach_out", target=2) -> Goal:
    return Goal(gid, title, kind, target, "week", "active", D(2026, 1, 1))


def test_streaks_in_warm_words():
    facts = _facts(
        weeks_in_person=mondays("2026-06-01", "2026-05-25", "2026-05-18"),
        weeks_contact=mondays("2026-06-08", "2026-06-01", "2026-05-25", "2026-05-18", "2026-05-11"),
        weeks_community=mondays("2026-06-08", "2026-06-01"),
        weeks_favor=mondays("2026-06-01"),
        goals=[(_goal(), [])],
        goal_streaks={1: 4},
    )
    assert [s["text"] for s in streaks(facts, TODAY)] == [
        "3 weeks in a row you saw someone in person.",
        "5 weeks in a row you were in touch with someone.",
        "2 weeks in a row at a community meeting.",
        "“reach out to 2 people”: met 4 weeks in a row.",
    ]
    assert [s["kind"] for s in streaks(facts, TODAY)] == ["in_person", "contact", "community",
                                                         "goal:1"]  # fmt: skip


def test_contact_streak_only_when_longer_than_in_person():
    weeks = mondays("2026-06-01", "2026-05-25")
    facts = _facts(weeks_in_person=weeks, weeks_contact=weeks, weeks_favor=weeks)
    assert [s["kind"] for s in streaks(facts, TODAY)] == ["in_person", "favors"]
    assert (
        streaks(facts, TODAY)[1]["text"] == "2 weeks in a row you did something kind for someone."
    )
    assert streaks(_facts(weeks_in_person=mondays("2026-06-01")), TODAY) == []


# --- milestones -----------------------------------------------------------------------


def test_every_milestone():
    facts = _facts(
        firsts={
            "gettogether": D(2026, 6, 4),
            "in_person": D(2026, 6, 6),
            "favor_given": D(2026, 6, 7),
            "community": D(2026, 6, 9),
        },
        new_people=[
            {"id": 2, "name": "Ana Ruiz", "date": "2026-06-05", "how": "first_gettogether"},
            {"id": 3, "name": "Jo Kim", "date": "2026-06-08", "how": "added"},
        ],
        total_before=8,
        total_by_end=12,
        network_at_start=4,
        network_now=6,
        long_since=D(2026, 3, 1),
        network_long_ago=2,
    )
    assert [(m["date"], m["kind"], m["text"]) for m in milestones(facts, TODAY)] == [
        ("2026-06-04", "first_gettogether", "Your first get-together logged here — a beginning."),
        ("2026-06-05", "new_person", "First get-together with Ana Ruiz — welcome to your network."),
        ("2026-06-06", "first_in_person",
         "Your first in-person get-together — e-hugs are nice, real ones are better."),
        ("2026-06-07", "first_favor_given", "Your first favor given — kindness counts."),
        ("2026-06-08", "new_person", "You added Jo Kim to your network."),
        ("2026-06-09", "first_community", "Your first community meeting — that took courage."),
        ("2026-06-10", "round_number", "Your 10th get-together logged."),
        ("2026-06-10", "network_grew", "Your network grew from 4 to 6 people since 4 June."),
        ("2026-06-10", "network_grew_long", "Your network grew from 2 to 6 people since March."),
    ]  # fmt: skip


def test_first_get_together_in_person_is_one_milestone():
    first = D(2026, 6, 5)
    facts = _facts(firsts={"gettogether": first, "in_person": first})
    assert [m["text"] for m in milestones(facts, TODAY)] == [
        "Your first in-person get-together logged here — a beginning."
    ]


def test_milestones_outside_the_review_are_not_repeated():
    facts = _facts(
        firsts={
            "gettogether": D(2026, 1, 4),
            "in_person": D(2026, 1, 4),
            "favor_given": D(2026, 2, 1),
            "community": D(2026, 6, 3),
        },
        total_before=10,
        total_by_end=24,
        network_at_start=5,
        network_now=5,
        long_since=D(2026, 3, 1),
        network_long_ago=5,
    )
    assert milestones(facts, TODAY) == []


ROUNDS = [(0, 1, []), (9, 10, ["10th"]), (24, 51, ["25th", "50th"]), (99, 101, ["100th"])]


@pytest.mark.parametrize("before, after, expected", [*ROUNDS, (100, 120, [])])
def test_round_numbers(before, after, expected):
    found = milestones(_facts(total_before=before, total_by_end=after), TODAY)
    assert [m["text"].split()[1] for m in found if m["kind"] == "round_number"] == expected


def test_a_round_number_is_on_the_day_of_that_get_together():
    facts = _facts(total_before=8, total_by_end=12, round_days={10: D(2026, 6, 6)})
    found = [m for m in milestones(facts, TODAY) if m["kind"] == "round_number"]
    assert found == [
        {"kind": "round_number", "date": "2026-06-06", "text": "Your 10th get-together logged."}
    ]


def test_long_growth_only_when_it_says_more():
    facts = _facts(network_at_start=2, network_now=6, long_since=D(2026, 3, 1),
                   network_long_ago=2)  # fmt: skip
    assert [m["kind"] for m in milestones(facts, TODAY)] == ["network_grew"]


def _grew(facts: ReviewFacts) -> list[tuple[str, str]]:
    return [(m["kind"], m["text"]) for m in milestones(facts, TODAY) if "grew" in m["kind"]]


def test_the_first_days_contacts_are_where_the_network_starts_not_growth():
    """Three people entered on 1 June, the day before the review: it used to say
    'grew from 0 to 3 people since March', months before anything was recorded."""
    first_day = {"first_added": D(2026, 6, 1), "network_first_day": 3}
    assert _grew(_facts(network_at_start=3, network_now=3, long_since=D(2026, 3, 1),
                        network_long_ago=0, **first_day)) == []  # fmt: skip
    # The review's dates hold the first day: the same, the first day is the baseline.
    whole = ReviewFacts(start=D(2026, 5, 11), end=TODAY, network_at_start=0, network_now=3,
                        long_since=D(2026, 2, 1), network_long_ago=0, **first_day)  # fmt: skip
    assert _grew(whole) == []


def test_growth_after_the_first_day_counts_from_its_end():
    first_day = {"first_added": D(2026, 5, 20), "network_first_day": 3}
    # The review starts after the first day; the longer view would start before it.
    facts = _facts(network_at_start=4, network_now=6, long_since=D(2026, 3, 1),
                   network_long_ago=0, **first_day)  # fmt: skip
    assert _grew(facts) == [
        ("network_grew", "Your network grew from 4 to 6 people since 4 June."),
        ("network_grew_long",
         "Your network grew from 3 to 6 people since your first day here, 20 May."),
    ]  # fmt: skip
    # The review holds the first day: one line, from its end.
    whole = ReviewFacts(start=D(2026, 5, 11), end=TODAY, network_at_start=0, network_now=4,
                        long_since=D(2026, 2, 1), network_long_ago=0, **first_day)  # fmt: skip
    assert _grew(whole) == [
        ("network_grew", "Your network grew from 3 to 4 people since your first day here, 20 May.")
    ]
    # A first day long before the longer view changes nothing.
    early = _facts(network_at_start=4, network_now=6, long_since=D(2026, 3, 1),
                   network_long_ago=2, first_added=D(2025, 1, 5), network_first_day=1)  # fmt: skip
    assert [kind for kind, _ in _grew(early)] == ["network_grew", "network_grew_long"]


def test_every_screen_counts_growth_from_the_same_baseline():
    """A review holding the first day: its summary line, its JSON and the milestone
    all count from the end of that day (it used to say '0 → 4 people' beside 'grew
    from 3 to 4 people since your first day here')."""
    facts = ReviewFacts(start=D(2026, 5, 11), end=TODAY, network_at_start=0, network_now=4,
                        first_added=D(2026, 5, 20), network_first_day=3)  # fmt: skip
    review = build_review(facts, TODAY)
    network = {k: v for k, v in review["network"].items() if k != "by_circle"}
    assert network == {"at_start": 0, "from": 3, "from_day": "2026-05-20", "now": 4}
    assert summary_lines(review)[-1] == "Your network: 3 → 4 people"
    assert [m["text"] for m in review["milestones"]] == [
        "Your network grew from 3 to 4 people since your first day here, 20 May."
    ]
    # After the first day, from the end of the day before the review.
    later = build_review(_facts(network_at_start=4, network_now=4, **{
        "first_added": D(2026, 5, 20), "network_first_day": 3}), TODAY)  # fmt: skip
    assert (later["network"]["from"], later["network"]["from_day"]) == (4, "2026-06-03")
    assert summary_lines(later)[-1] == "Your network: 4 people"


# --- gentle words ---------------------------------------------------------------------


def test_a_quiet_week_is_named_gently():
    (quiet,) = setbacks(_facts(), TODAY)
    assert quiet == {
        "kind": "quiet",
        "text": "A quiet week — that's part of it. When you feel ready, one small step is "
        "enough: a message to someone you like.",
    }
    month = ReviewFacts(start=D(2026, 5, 11), end=TODAY)
    assert setbacks(month, TODAY)[0]["text"].startswith("A quiet month — that's part of it.")


def test_quieter_than_before_and_goals_not_met():
    goal = _goal()
    periods = [
        PeriodResult(D(2026, 6, 1), D(2026, 6, 7), 1, NOT_MET),
        PeriodResult(D(2026, 6, 8), D(2026, 6, 14), 2, MET),
    ]
    facts = _facts(gettogethers=2, previous_gettogethers=5, goals=[(goal, periods)])
    assert [s["text"] for s in setbacks(facts, TODAY)] == [
        "A quieter week than the one before — that's part of it.",
        "Not this time for “reach out to 2 people” (1–7 June: 1 of 2 people) — every bit "
        "still counts.",
    ]


def _weeks_of(goal: Goal, *statuses: str) -> list[PeriodResult]:
    """Weeks from Monday 4 May 2026 with these statuses (a count of 0 when not met)."""
    monday = D(2026, 5, 4)
    return [
        PeriodResult(monday + dt.timedelta(weeks=i), monday + dt.timedelta(weeks=i, days=6),
                     goal.target if status == MET else 0, status)
        for i, status in enumerate(statuses)
    ]  # fmt: skip


def test_a_goal_missed_in_several_periods_is_one_gentle_line():
    """A quiet month used to list every missed week of every goal, a ledger of
    'Not this time' lines; now each goal has at most one, summing the weeks up."""
    reach, group = _goal(), _goal(2, "go to 1 group meeting a week", "community", 1)
    facts = _facts(gettogethers=1, previous_gettogethers=1, goals=[
        (reach, _weeks_of(reach, NOT_MET, NOT_MET, NOT_MET, NOT_MET, NOT_MET, IN_PROGRESS)),
        (group, _weeks_of(group, MET, NOT_MET, NOT_MET, NOT_MET, MET)),
    ])  # fmt: skip
    assert setbacks(facts, TODAY) == [
        {"kind": "goal:1",
         "text": "Not this time for “reach out to 2 people” these 5 weeks. If it feels too "
                 "big for now, let it rest (supportnet goal pause 1) or set a smaller one "
                 "(supportnet goal add)."},  # "every bit still counts" is said once, last
        {"kind": "goal:2",
         "text": "Not this time for “go to 1 group meeting a week” in 3 of 5 weeks — every "
                 "bit still counts. If it feels too big for now, let it rest (supportnet goal "
                 "pause 2) or set a smaller one (supportnet goal add)."},
    ]  # fmt: skip


def test_a_goal_mostly_met_or_resting_gets_no_advice():
    goal = _goal()
    half = goal_setback(goal, _weeks_of(goal, MET, NOT_MET, PAUSED, MET, NOT_MET))
    assert (
        half
        == "Not this time for “reach out to 2 people” in 2 of 4 weeks — every bit still counts."
    )
    paused = goal._replace(status="paused")
    assert goal_setback(paused, _weeks_of(goal, NOT_MET, NOT_MET, PAUSED)) == (
        "Not this time for “reach out to 2 people” these 2 weeks — every bit still counts."
    )
    monthly = goal._replace(period="month", status="removed")
    assert goal_setback(monthly, _weeks_of(goal, NOT_MET, NOT_MET, MET)) == (
        "Not this time for “reach out to 2 people” in 2 of 3 months — every bit still counts."
    )  # a retired goal: nothing to rest or make smaller
    assert goal_setback(goal, _weeks_of(goal, MET, IN_PROGRESS)) is None


def test_most_contact_with_one_person():
    facts = _facts(gettogethers=5, people_seen=[(1, "Maya", 5, 5), (2, "Sam", 1, 1)])
    (only,) = setbacks(facts, TODAY)
    assert only["text"] == (
        "Most of your contact went to Maya — one person can't give all the support we need. "
        "Who else might you see?"
    )
    spread = _facts(gettogethers=5, people_seen=[(1, "Maya", 3, 3), (2, "Sam", 2, 1)])
    assert setbacks(spread, TODAY) == []


# --- ranges, initials -----------------------------------------------------------------


def test_review_range():
    assert review_range(TODAY) == (D(2026, 6, 4), TODAY)
    assert review_range(TODAY, week=True) == (D(2026, 6, 4), TODAY)
    assert review_range(TODAY, month=True) == (D(2026, 5, 11), TODAY)
    assert review_range(D(2026, 3, 31), month=True) == (D(2026, 3, 1), D(2026, 3, 31))
    assert review_range(TODAY, since=D(2026, 3, 14)) == (D(2026, 3, 14), TODAY)
    with pytest.raises(InvalidInput, match="Choose one of --week, --month and --since"):
        review_range(TODAY, week=True, month=True)
    with pytest.raises(InvalidInput, match="is after today"):
        review_range(TODAY, since=D(2026, 6, 11))


def test_describe_range():
    assert describe_range(D(2026, 6, 4), TODAY) == "4–10 June 2026"
    assert describe_range(D(2026, 5, 28), TODAY) == "28 May – 10 June 2026"
    assert describe_range(D(2025, 12, 20), TODAY) == "20 December 2025 – 10 June 2026"
    assert describe_range(TODAY, TODAY) == "10 June 2026"


@pytest.mark.parametrize("name, expected", [("Maya López", "M. L."), ("Sam", "S."),
    ("  jo  kim ", "J. K."), ("Jean-Luc Picard", "J. P."), ("Ólafur", "Ó."), ("李 小龙", "李. 小."),
    ("(Dr.) Lee", "D. L.")])  # fmt: skip
def test_initials(name, expected):
    assert initials(name) == expected


def test_redactor_replaces_names_in_free_text():
    redact = name_redactor(["Maya López", "Sam Carter", "Al"])
    assert redact("see Maya López weekly") == "see M. L. weekly"
    assert redact("call maya and Sam") == "call M. and S."
    assert redact("Samantha and Carterville") == "Samantha and Carterville"
    assert redact("Al and Alice") == "A. and Alice"  # a short name only as a whole name
    assert name_redactor([])("anything") == "anything"


def test_with_initials_reduces_every_name():
    facts = _facts(
        people_seen=[(1, "Maya López", 2, 1)],
        new_people=[{"id": 2, "name": "Ana Ruiz", "date": "2026-06-05", "how": "added"}],
        spread=[(1, "Maya López", 5)],
        goals=[(_goal(title="see Maya twice"), [])],
    )
    short = with_initials(facts)
    assert short.people_seen == [(1, "M. L.", 2, 1)]
    assert short.new_people[0]["name"] == "A. R."
    assert short.spread == [(1, "M. L.", 5)]
    assert short.goals[0][0].title == "see M. twice"
    assert facts.people_seen[0][1] == "Maya López"  # the original is untouched


# --- charts ---------------------------------------------------------------------------


def test_heat_map_plain():
    days = {D(2026, 6, 1): 1, D(2026, 6, 3): 2, D(2026, 6, 9): 5}
    assert charts.heat_map(days, D(2026, 5, 25), TODAY, plain=True) == [
        "      Jun",
        "Mon . - .",
        "Tue . . #",
        "Wed . + .",
        "Thu . .",
        "Fri . .",
        "Sat . .",
        "Sun . .",
        "    . none  - 1  + 2  # 3 or more get-togethers a day",
    ]
    fancy = charts.heat_map(days, D(2026, 5, 25), TODAY)
    assert fancy[2] == "Tue · · █"


def test_a_month_is_named_over_the_first_week_that_starts_in_it():
    """The week of Monday 30 November is November's: the last day shown sat under
    'Dec' when a week was labelled by its Sunday."""
    assert charts.month_labels(D(2026, 11, 2), D(2026, 11, 30)) == [(0, "Nov")]
    # 29 June – 5 July is June's; July begins over Monday 6 July.
    assert charts.month_labels(D(2026, 6, 8), D(2026, 7, 12)) == [(0, "Jun"), (4, "Jul")]
    # A first column that shows only Sunday 1 March is March's.
    assert charts.month_labels(D(2026, 3, 1), D(2026, 3, 10)) == [(0, "Mar")]
    # A year's end: the same month name a year apart is two months.
    labels = charts.month_labels(D(2025, 12, 1), D(2026, 12, 14))
    assert labels[0] == (0, "Dec") and labels[-1] == (53, "Dec") and len(labels) == 13
    header = charts.heat_map({}, D(2026, 6, 8), D(2026, 11, 30), plain=True)[0]
    assert header.split() == ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    assert header.index("Jul") == 4 + 4 * 2  # over 6 July's column
    assert header.rstrip().endswith("Nov")


def test_the_svg_heat_map_names_months_by_the_same_rule():
    from supportnet.report import heat_svg

    svg = heat_svg({D(2026, 11, 30): 1}, D(2026, 6, 8), D(2026, 11, 30))
    assert ">Dec<" not in svg
    assert '<text x="86" y="13">Jul</text>' in svg  # 34 + 4 columns of 13: 6 July


def test_bars():
    assert charts.bars([("inner", 1), ("friend", 4), ("prospect", 0)], width=8, plain=True) == [
        "inner     ##        1",
        "friend    ########  4",
        "prospect            0",
    ]
    assert charts.bars([("Maya", 3), ("Sam", 1)], width=4, share=True) == [
        "Maya  ████  3 (75%)",
        "Sam   █     1 (25%)",
    ]
    assert charts.bars([]) == []
    spread = [(i, f"P{i}", 10 - i) for i in range(9)]
    assert charts.spread_items(spread, keep=7)[-1] == ("2 others", 5)


# --- properties -----------------------------------------------------------------------


@given(
    today=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    length=st.integers(min_value=0, max_value=60),
    this_week=st.booleans(),
    gap_before=st.booleans(),
)
def test_streak_property(today, length, this_week, gap_before):
    """n weeks in a row before this one (and maybe this one) are a streak of n (or n+1),
    whatever lies beyond the gap before them."""
    from supportnet.goals import period_start

    monday = period_start(today, "week")
    weeks = {monday - dt.timedelta(weeks=i) for i in range(1, length + 1)}
    if this_week:
        weeks.add(monday)
    if gap_before:
        weeks.add(monday - dt.timedelta(weeks=length + 2))
    expected = length + this_week if length or this_week else 0
    assert streak(weeks, today) == expected


def test_initials_reach_a_goal_s_group_too():
    goal = Goal(1, "see Maya at choir", "community", 1, "week", "active", D(2026, 1, 1),
                community=(4, "Maya's choir"))  # fmt: skip
    facts = _facts(people_seen=[(1, "Maya López", 1, 1)], goals=[(goal, [])])
    ((short, _),) = with_initials(facts).goals
    assert "Maya" not in short.title and "Maya" not in short.community[1]
    assert short.community[0] == 4
    assert facts.goals[0][0].community == (4, "Maya's choir")  # the original is untouched
