"""The digests' words, pure: plain suggestions, agenda items and goals in, text out."""

from __future__ import annotations

import datetime as dt

from supportnet.agenda import AgendaItem
from supportnet.dates import when_words
from supportnet.goals import Goal, GoalProgress, PeriodResult, period_status
from supportnet.nudge import Suggestion
from supportnet.remind import digest, weekly
from supportnet.remind.digest import Daily

WED = dt.date(2026, 6, 10)  # a Wednesday; Sunday is 14 June
SUNDAY = dt.date(2026, 6, 14)


def _goal(gid: int, kind: str, target: int, count: int, *, period: str = "week",
          status: str = "active", today: dt.date = WED) -> GoalProgress:  # fmt: skip
    goal = Goal(gid, f"goal {gid}", kind, target, period, status, dt.date(2026, 1, 5))
    if period == "week":
        start = today - dt.timedelta(days=today.weekday())
        end = start + dt.timedelta(days=6)
    else:
        start = today.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    current = PeriodResult(start, end, count, period_status(goal, start, count, today))
    return GoalProgress(goal, current, [current])


def test_the_goal_closest_to_done_is_within_reach() -> None:
    found = digest.goal_in_reach(
        [_goal(1, "reach_out", 3, 0), _goal(2, "in_person", 2, 1), _goal(3, "favors", 1, 1)],
        WED,
    )
    assert found is not None
    assert (found.id, found.remaining, found.ends_on) == (2, 1, SUNDAY)
    assert digest.goal_line(found, WED) == (
        "“goal 2”: 1 of 2 so far this week — one more in-person get-together by Sunday would do it."
    )
    assert digest.goal_phrase(found, SUNDAY) == (
        "one more in-person get-together for “goal 2” today"
    )


def test_goals_that_are_met_paused_out_of_reach_or_later_are_not_offered() -> None:
    met = _goal(1, "reach_out", 2, 2)
    paused = _goal(2, "reach_out", 2, 0, status="paused")
    # Three days with something logged, and only Saturday and Sunday left.
    too_late = _goal(3, "log_days", 3, 0, today=dt.date(2026, 6, 13))
    june = _goal(4, "community", 1, 0, period="month")  # June goes on past this Sunday
    assert digest.goal_in_reach([met, paused, june], WED) is None
    assert digest.goal_in_reach([too_late], dt.date(2026, 6, 13)) is None
    # A month that ends this week is within reach: Tuesday 30 June.
    last_week = dt.date(2026, 6, 29)
    end_of_june = _goal(5, "community", 1, 0, period="month", today=last_week)
    found = digest.goal_in_reach([end_of_june], last_week)
    assert found is not None and found.ends_on == dt.date(2026, 6, 30)
    assert digest.goal_line(found, last_week).endswith(
        "this month — one more meeting by Tuesday would do it."
    )


def _suggestion(kind: str, people=(), subject: str = "", community=None) -> Suggestion:
    return Suggestion(kind=kind, reason=f"Because {kind}.", action=f"Do {kind}.", terms=(),
                      people=tuple(people), community=community, subject=subject)  # fmt: skip


ANA, SAM, MAYA = (1, "Ana Okafor"), (2, "Sam Carter"), (3, "Maya López")
CALLED = {1: "Ana", 2: "Sam", 3: "Maya"}
SURGERY = AgendaItem(WED + dt.timedelta(days=1), "event", "Ana Okafor: knee surgery",
                     people=(ANA,), detail="illness; check in", source_id=7)  # fmt: skip
CHORUS = AgendaItem(WED, "community", "Chorus", time="19:00", detail="St. Mark's", source_id=1)
CLIMBING = AgendaItem(WED + dt.timedelta(days=1), "plan", "climbing", time="18:30",
                      people=(MAYA,), source_id=4)  # fmt: skip


def _daily(**kw) -> Daily:
    return Daily(WED, called=CALLED, **kw)


def test_short_form_says_each_thing_once_in_a_few_words() -> None:
    d = _daily(
        suggestions=(
            _suggestion("check_in", [ANA], "event:7"),
            _suggestion("celebrate", [SAM], "birthday:2026-06-12"),
            _suggestion("confirm_plan", [MAYA], "plan:4:2026-06-11"),
        ),
        agenda=(CHORUS, SURGERY, CLIMBING),
    )
    # The surgery and the climbing plan are what the suggestions are about.
    assert digest.uncovered(d) == [CHORUS]
    assert digest.short_text(d) == (
        "Check in with Ana (knee surgery tomorrow); it's Sam's birthday on Friday; "
        "confirm the plan tomorrow with Maya; Chorus today at 19:00"
    )
    assert digest.private_text(d) == (
        "3 people to reach out to and 1 group meeting today or tomorrow"
    )


def test_a_long_short_form_counts_the_rest() -> None:
    people = [(i, f"Person Number{i}") for i in range(10, 20)]
    d = Daily(WED, suggestions=tuple(_suggestion("catch_up", [p]) for p in people))
    text = digest.short_text(d)
    assert len(text) <= digest.SHORT_LIMIT + len("; and 10 more")
    shown = text.lower().count("say hello to")
    assert shown >= 2 and text.endswith(f"; and {10 - shown} more")


def test_the_private_form_names_no_one() -> None:
    birthday = AgendaItem(WED, "birthday", "Lee Wong's birthday", people=((9, "Lee Wong"),),
                          source_id=9)  # fmt: skip
    d = _daily(
        suggestions=(
            _suggestion("introduce", [ANA, SAM], "pair:1:2"),
            _suggestion("go_back", community=(1, "Chorus")),
            _suggestion("grow"),
        ),
        agenda=(birthday, SURGERY),
    )
    text = digest.private_text(d)
    assert text == (
        "2 people to reach out to, 1 group to go back to, 1 step to grow your network, "
        "1 birthday today or tomorrow and 1 life event today or tomorrow"
    )
    for name in ("Ana", "Sam", "Lee", "Chorus", "surgery"):
        assert name not in text


def test_nothing_worth_saying() -> None:
    caught_up = _suggestion("caught_up")
    d = Daily(WED, caught_up=caught_up)
    assert not d.worth_saying
    assert digest.daily_lines(d) == []
    assert digest.short_text(d) == digest.private_text(d) == ""
    assert digest.daily_lines(d, always=True) == [
        "Today, Wednesday 10 June", "", "Because caught_up.", "Do caught_up."]  # fmt: skip
    assert digest.daily_lines(Daily(WED), always=True)[-1] == (
        "Nothing needs you today. Enjoy your day."
    )


def test_when_words() -> None:
    assert [when_words(WED + dt.timedelta(days=n), WED) for n in (0, 1, 2, 6, 7)] == [
        "today", "tomorrow", "on Friday", "on Tuesday", "on 17 June"]  # fmt: skip


def _review(gettogethers: int = 0, **happened) -> dict:
    base = {"gettogethers": gettogethers, "in_person": 0, "online": 0, "people": [],
            "new_people": [], "favors_given": 0, "favors_received": 0,
            "community_meetings": 0}  # fmt: skip
    return {"start": "2026-06-08", "end": "2026-06-14", "happened": {**base, **happened},
            "network": {"now": 4}, "goals": [], "streaks": [], "milestones": [],
            "setbacks": []}  # fmt: skip


def test_a_quiet_week_is_named_gently() -> None:
    w = weekly.Weekly(SUNDAY, _review())
    assert weekly.weekly_lines(w) == [
        "A quiet week — that's part of it.",
        "Your network: 4 people.",
        "Every bit counts.",
    ]
    assert weekly.weekly_private(w) == "0 get-togethers"


def test_a_quiet_week_is_said_once() -> None:
    """The review names the quiet week among its setbacks; the digest's first line
    said it, and its third line said it again."""
    from supportnet.review import ReviewFacts, build_review

    facts = ReviewFacts(
        start=SUNDAY - dt.timedelta(days=6), end=SUNDAY, network_at_start=1, network_now=1
    )
    review = build_review(facts, SUNDAY)
    assert [s["kind"] for s in review["setbacks"]] == ["quiet"]
    lines = weekly.weekly_lines(weekly.Weekly(SUNDAY, review))
    assert lines == ["A quiet week — that's part of it.", "Your network: 1 person.",
                     "Every bit counts."]  # fmt: skip


def test_the_week_in_three_lines_and_one_step() -> None:
    review = _review(3, in_person=2, online=1, people=[{"name": "Maya"}, {"name": "Sam"}],
                     favors_given=1)  # fmt: skip
    review["goals"] = [{"title": "reach out to 2 people", "status": "active", "target": 2,
                        "periods": [{"status": "met", "count": 2}]}]  # fmt: skip
    review["streaks"] = [{"text": "3 weeks in a row you saw someone in person."}]
    w = weekly.Weekly(SUNDAY, review, _suggestion("catch_up", [SAM]), {2: "Sam"})
    assert weekly.weekly_lines(w) == [
        "This week: 3 get-togethers with 2 people (2 in person and 1 online).",
        "Goals: “reach out to 2 people” met.",
        "3 weeks in a row you saw someone in person.",
        "For the week ahead: say hello to Sam.",
    ]
    assert weekly.weekly_private(w) == (
        "3 get-togethers with 2 people; 1 of 1 goal met; one suggestion for the week ahead"
    )


def test_a_long_agenda_is_shortened_in_the_text_not_in_json() -> None:
    items = tuple(
        AgendaItem(WED, "community", f"Group {n}", time="19:00", source_id=n) for n in range(9)
    )
    lines = digest.daily_lines(Daily(WED, agenda=items))
    assert lines[-digest.AGENDA_LINES - 1 :] == [
        *(f"  Today at 19:00 — Group {n}" for n in range(digest.AGENDA_LINES)),
        f"  {9 - digest.AGENDA_LINES} more: supportnet upcoming --days 1",
    ]
    assert len(digest.daily_json(Daily(WED, agenda=items))["agenda"]) == 9
