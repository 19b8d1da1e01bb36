"""The pure nudge through its public face: every term, every wording, the tie rule,
small networks.

Plain values in, plain values out: no database, no clock.  Today is the suite's
fixed Wednesday, 2026-06-10.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportnet.nudge import (
    KINDS,
    Dismissal,
    Favor,
    GroupFacts,
    LifeEvent,
    NetworkFacts,
    PairFacts,
    PersonFacts,
    PlanOccurrence,
    Settings,
    explain,
    explain_group,
    rank,
)

T = dt.date(2026, 6, 10)  # a Wednesday


def ago(days: int) -> dt.date:
    return T - dt.timedelta(days=days)


def ahead(days: int) -> dt.date:
    return T + dt.timedelta(days=days)


def person(pid: int = 1, name: str = "Maya López", circle: str = "close", cadence: int = 14,
           added: dt.date = dt.date(2025, 1, 1), seen: int | None = None,
           online: int | None = None, **facts) -> PersonFacts:  # fmt: skip
    """A person last seen in person ``seen`` days ago, online ``online`` days ago."""
    last_ip = ago(seen) if seen is not None else None
    last = last_ip
    if online is not None and (last is None or ago(online) > last):
        last = ago(online)
    return PersonFacts(pid, name, circle, cadence, added, last, last_ip, **facts)


#: Two friends seen yesterday: a network of three or more, so that the small-network
#: suggestions stay out of the tests of single terms.  Nothing is suggested about them.
FILLERS = (
    PersonFacts(90, "Quinn Filler", "friend", 30, dt.date(2025, 1, 1), ago(1), ago(1)),
    PersonFacts(91, "Robin Filler", "friend", 30, dt.date(2025, 1, 1), ago(1), ago(1)),
)


def net(*people: PersonFacts, small: bool = False, **kw) -> NetworkFacts:
    kw.setdefault("has_gettogethers", True)
    return NetworkFacts(people=tuple(people) + (() if small else FILLERS), **kw)


def only(network: NetworkFacts, **kw):
    """The one suggestion of the list."""
    found = rank(network, T, **kw).suggestions
    assert len(found) == 1, [(s.kind, s.reason) for s in found]
    return found[0]


def term(suggestion, name: str):
    return next(t for t in suggestion.terms if t.name == name)


# --- time and circle -------------------------------------------------------------------


def test_time_since_seen_against_the_cadence():
    s = only(net(person(seen=35)))
    assert s.kind == "catch_up"
    assert s.reason == "It's been 5 weeks since you saw Maya — you hoped for every 2 weeks."
    assert s.action == "Coffee or a walk this week?"
    assert s.log_kind == "coffee" and s.log_in_person
    time = term(s, "time")
    assert time.value == pytest.approx(35 / 14)
    assert time.contribution == pytest.approx(35 / 14 * 1.0)
    assert time.fact == (
        "last seen in person 2026-05-06 (5 weeks ago): 35 of 14 days hoped for (every 2 weeks)"
    )
    assert term(s, "circle").value == 0.75
    assert s.total == pytest.approx(35 / 14 + 0.75)


def test_online_contact_restarts_only_part_of_the_clock():
    s = only(net(person(seen=40, online=10)))
    # 40 days since in person, 10 since online: online counts half -> 40 - 0.5 * 30 = 25.
    assert term(s, "time").value == pytest.approx(25 / 14)
    assert s.reason == (
        "You've been in touch online, but it's been 5 weeks since you saw Maya in person "
        "— you hoped for every 2 weeks."
    )
    assert s.action == "Meet in person this time — coffee or a walk?"
    full = Settings(online_counts_as=1.0)
    ex = explain(net(person(seen=40, online=10)), 1, T, full)
    assert ex.terms[0].value == pytest.approx(10 / 14) and ex.kind is None


def test_time_is_capped():
    s = only(net(person(seen=300)))
    assert term(s, "time").value == 3.0
    assert term(s, "time").fact.endswith(", capped at 3")


def test_never_contacted_counts_from_the_day_they_were_added():
    s = only(net(person(name="Leo Martins", circle="friend", cadence=30, added=ago(200))))
    assert s.reason == "You haven't logged any time with Leo since adding them, 6 months ago."
    assert term(s, "time").fact.startswith("no contact logged since you added them on 2025-11-22")


def test_online_only_contact():
    s = only(net(person(name="Leo Martins", circle="friend", cadence=30, added=ago(400),
                        online=20)))  # fmt: skip
    assert s.reason == (
        "It's been 2 weeks since you were in touch with Leo (online) — you hoped for every month."
    )
    assert s.action == "Meet in person this time — coffee or a walk?"


@pytest.mark.parametrize(
    "circle, action, log_kind",
    [
        ("acquaintance", "A message or a call to say hello?", "call"),
        ("professional", "Book a time with Ruth, if it still helps.", "other"),
        ("inner", "Coffee or a walk this week?", "coffee"),
    ],
)
def test_catch_up_action_by_circle(circle, action, log_kind):
    ex = explain(net(person(name="Ruth Alder", circle=circle, cadence=30, seen=45)), 1, T)
    s = ex.suggestions[0][1]
    assert (s.action, s.log_kind) == (action, log_kind)


def test_not_yet_due_is_not_suggested():
    result = rank(net(person(seen=10), person(2, "Sam Carter", seen=3)), T)
    assert [s.kind for s in result.suggestions] == ["caught_up"]
    assert result.suggestions[0].reason == "Everyone has been seen lately — well done."
    assert result.suggestions[0].action == "Next up: Maya, in 4 days."


def test_closer_circle_ranks_higher_at_equal_time():
    inner = person(1, "Ana", "inner", 14, seen=28)
    friend = person(2, "Bea", "friend", 14, seen=28)
    ranked = rank(net(friend, inner), T).suggestions
    assert [s.people[0][1] for s in ranked] == ["Ana", "Bea"]
    assert term(ranked[0], "circle").value == 1.0 and term(ranked[1], "circle").value == 0.5


# --- hard times --------------------------------------------------------------------------


#: Last seen before any occasion of these tests comes into view (and within a long
#: cadence): an occasion not answered yet by contact (``score.answered_on``).
UNANSWERED = {"seen": 20, "cadence": 60}


def hard(what: str, kind: str, on: dt.date, eid: int = 1, yearly: bool = False) -> LifeEvent:
    return LifeEvent(eid, what, kind, "hard", on, yearly)


@pytest.mark.parametrize(
    "what, kind, on, reason, action, log_kind",
    [
        ("surgery", "illness", ago(2), "Sam is going through a hard time: surgery, 2 days ago.",
         "Check in, and bring a meal if it would help.", "visit"),
        ("surgery", "illness", ahead(3), "A hard time is coming for Sam: surgery, in 3 days.",
         "Check in before, and offer to bring a meal afterwards.", "visit"),
        ("surgery", "other", T, "Today is a hard day for Sam: surgery.",
         "Check in, and bring a meal if it would help.", "visit"),
        ("lost her father", "loss", ago(5), "Sam is going through a hard time: lost her father, "
         "5 days ago.", "Offer to listen — a call or a walk together.", "call"),
        ("the breakup", "breakup", ago(1), "Sam is going through a hard time: the breakup, "
         "yesterday.", "Offer to listen — a call or a walk together.", "call"),
        ("moving out", "move", ago(3), "Sam is going through a hard time: moving out, "
         "3 days ago.", "Check in, and offer a hand with the move.", "visit"),
        ("lost the job", "job change", ago(3), "Sam is going through a hard time: lost the job, "
         "3 days ago.", "Check in — a call or a message to say you're thinking of them.", "call"),
    ],
)  # fmt: skip
def test_hard_event_check_in(what, kind, on, reason, action, log_kind):
    sam = person(2, "Sam Carter", **UNANSWERED, events=(hard(what, kind, on),))
    s = only(net(sam))
    assert (s.kind, s.reason, s.action, s.log_kind) == ("check_in", reason, action, log_kind)
    assert s.subject == "event:1"


def test_hard_event_window_and_fading_value():
    def value(on: dt.date) -> float | None:
        sam = person(2, "Sam Carter", **UNANSWERED, events=(hard("surgery", "illness", on),))
        found = [s for s in rank(net(sam), T).suggestions if s.kind == "check_in"]
        return term(found[0], "hard_event").value if found else None

    assert value(ahead(3)) == 1.0  # hard_before_days = 3
    assert value(ahead(4)) is None
    assert value(T) == 1.0
    assert value(ago(7)) == pytest.approx(0.75)
    assert value(ago(14)) == pytest.approx(0.5)  # hard_after_days = 14
    assert value(ago(15)) is None


def test_yearly_hard_date():
    # Died 12 June 2019: the store gives the anniversary in view (occasions.open_window).
    death = hard("her mother's death", "loss", dt.date(2026, 6, 12), yearly=True)
    sam = person(2, "Sam Carter", **UNANSWERED, events=(death,))
    s = only(net(sam))
    assert s.reason == "A hard date for Sam is in 2 days: her mother's death."
    assert s.action == "Check in — let Sam know you remember."
    assert s.subject == "event:1:2026"


def test_hard_event_outranks_long_silence():
    sam = person(2, "Sam Carter", **UNANSWERED, events=(hard("surgery", "illness", ago(2)),))
    maya = person(1, "Maya López", "inner", 7, seen=60)
    assert [s.kind for s in rank(net(maya, sam), T).suggestions] == ["check_in", "catch_up"]


def _fact(network: NetworkFacts, pid: int, name: str) -> str:
    return next(t.fact for t in explain(network, pid, T).terms if t.name == name)


def test_contact_answers_a_hard_time_for_its_phase():
    # A visit logged from the nudge left "check in" at number 1 for the whole window,
    # and a dismissal made before that visit came undone with it.
    def kinds(on: dt.date, seen: int) -> list[str]:
        sam = person(
            2, "Sam Carter", cadence=60, seen=seen, events=(hard("surgery", "illness", on),)
        )
        return [s.kind for s in rank(net(sam), T).suggestions]

    assert kinds(ago(2), seen=0) == ["caught_up"]  # checked in today, after the surgery
    assert kinds(ago(2), seen=1) == ["caught_up"]  # the day after counts
    assert kinds(ago(2), seen=2) == ["check_in"]  # the day itself is its own part
    assert kinds(T, seen=0) == ["caught_up"]  # ...answered on it
    assert kinds(ahead(2), seen=1) == ["caught_up"]  # since its window opened (3 days before)
    assert kinds(ahead(2), seen=2) == ["check_in"]  # before the window opened
    assert kinds(T, seen=1) == ["check_in"]  # the day itself: a check-in before is not enough
    sam = person(2, "Sam Carter", cadence=60, seen=0, events=(hard("surgery", "illness", ago(2)),))
    assert _fact(net(sam), 2, "hard_event") == (
        f"checked in: in touch {T} (today), for the hard time on {ago(2)}"
    )


def test_contact_answers_a_celebration_from_its_day_on():
    def kinds(seen: int, **facts) -> list[str]:
        ana = person(3, "Ana Okafor", cadence=60, seen=seen, **facts)
        return [s.kind for s in rank(net(ana), T).suggestions]

    assert kinds(0, next_birthday=T) == ["caught_up"]  # the birthday call
    assert kinds(1, next_birthday=T) == ["celebrate"]  # the day before is not the wish
    assert kinds(0, next_birthday=ahead(3)) == ["celebrate"]  # still to come
    wedding = LifeEvent(7, "wedding", "other", "happy", ago(2))
    assert kinds(1, events=(wedding,)) == ["caught_up"]
    assert kinds(3, events=(wedding,)) == ["celebrate"]
    ana = person(3, "Ana Okafor", cadence=60, seen=0, next_birthday=T)
    assert _fact(net(ana), 3, "celebration") == (
        f"celebrated: in touch {T} (today), for the day on {T}"
    )


# --- celebrations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "days, circle, reason, action",
    [
        (0, "close", "It's Sam's birthday today (turning 36)!",
         "Send a message or call to wish Sam a happy birthday."),
        (1, "close", "Sam's birthday is tomorrow (turning 36).",
         "Plan a call or a small treat for tomorrow."),
        (3, "acquaintance", "Sam's birthday is on Saturday (turning 36).",
         "Plan a message, a call or a card for the day."),
        (6, "close", "Sam's birthday is on Tuesday (turning 36).",
         "There's time to organize something: a dinner, a cake, or a card from friends?"),
        (12, "close", "Sam's birthday is on 22 June (turning 36).",
         "There's time to organize something: a dinner, a cake, or a card from friends?"),
    ],
)  # fmt: skip
def test_birthday_with_lead_time(days, circle, reason, action):
    sam = person(2, "Sam Carter", circle, seen=1, next_birthday=ahead(days), birthday_turns=36)
    s = only(net(sam))
    assert (s.kind, s.reason, s.action) == ("celebrate", reason, action)
    assert term(s, "celebration").value == pytest.approx(1 - 0.5 * days / 14)
    assert s.subject == f"birthday:{ahead(days).isoformat()}"


def test_birthday_without_a_year_and_beyond_the_lead():
    sam = person(2, "Sam Carter", seen=1, next_birthday=ahead(2))
    assert only(net(sam)).reason == "Sam's birthday is on Friday."
    far = person(2, "Sam Carter", seen=1, next_birthday=ahead(15))
    assert rank(net(far), T).suggestions[0].kind == "caught_up"


def test_a_birthday_today_is_said_whatever_comes_first():
    bday = {"next_birthday": T, "birthday_turns": 40}
    knee = LifeEvent(5, "knee surgery", "illness", "hard", ago(12))
    sam = person(2, "Sam Carter", **UNANSWERED, events=(knee,), **bday)
    s = only(net(sam))
    assert (s.kind, s.subject) == ("check_in", "event:5")
    assert s.reason == (
        "Sam is going through a hard time: knee surgery, 12 days ago. "
        "It's also Sam's birthday today (turning 40)!"
    )
    assert term(s, "celebration").value == 1.0
    # A plan that day: its line says the birthday of everyone merged into it.
    coffee = PlanOccurrence(3, "coffee", T, "10:00", (1, 2))
    ana = person(1, "Ana Okafor", "inner", 7, seen=2, plans_soon=(coffee,))
    leo = person(2, "Leo Martins", seen=2, plans_soon=(coffee,), next_birthday=T)
    s = only(net(ana, leo))
    assert s.kind == "confirm_plan"
    assert s.reason == (
        "Your plan \"coffee\" with Ana and Leo is today at 10:00. It's also Leo's birthday today!"
    )
    # A plan later that week: the birthday, sooner, is Leo's line; the plan stays Ana's.
    saturday = coffee._replace(on_date=ahead(3))
    later = net(ana._replace(plans_soon=(saturday,)), leo._replace(plans_soon=(saturday,)))
    assert [(s.kind, s.reason) for s in rank(later, T).suggestions] == [
        ("celebrate", "It's Leo's birthday today!"),
        ("confirm_plan", 'Your plan "coffee" with Ana and Leo is on Saturday at 10:00.'),
    ]
    # Said once on its own line; not at all once dismissed or weighed 0; not ahead of the day.
    assert only(net(person(2, "Sam Carter", seen=1, **bday))).reason == (
        "It's Sam's birthday today (turning 40)!"
    )
    dismissed = sam._replace(dismissals=(Dismissal("celebrate", subject=f"birthday:{T}"),))
    assert (
        only(net(dismissed)).reason
        == "Sam is going through a hard time: knee surgery, 12 days ago."
    )
    off = Settings.from_config({"weights": {"celebration": 0}})
    assert only(net(sam), settings=off).reason.endswith("12 days ago.")
    soon = sam._replace(next_birthday=ahead(1))
    assert only(net(soon)).reason.endswith("12 days ago.")


@pytest.mark.parametrize(
    "what, kind, on, reason, action",
    [
        ("new job", "job change", ago(2), "Ana has something to celebrate: new job, 2 days ago.",
         "Congratulate Ana — maybe a celebratory coffee?"),
        ("a baby girl", "new baby", ago(4), "Ana has something to celebrate: a baby girl, "
         "4 days ago.", "Congratulate them, and offer a meal for the first weeks."),
        ("graduation", "graduation", ahead(5), "Something to celebrate is coming for Ana: "
         "graduation, in 5 days.", "Plan how to celebrate with Ana."),
        ("wedding", "other", T, "Today is a happy day for Ana: wedding!",
         "Congratulate Ana — a call, or a celebration together."),
    ],
)  # fmt: skip
def test_happy_event_celebrate(what, kind, on, reason, action):
    ana = person(3, "Ana Okafor", **UNANSWERED, events=(LifeEvent(7, what, kind, "happy", on),))
    s = only(net(ana))
    assert (s.kind, s.reason, s.action) == ("celebrate", reason, action)


# --- favors ------------------------------------------------------------------------------


def test_they_helped_you_and_you_have_not_been_in_touch_since():
    ana = person(3, "Ana Okafor", seen=20,
                 last_favor_received=Favor("drove me to the clinic", "ride", ago(12)))  # fmt: skip
    s = only(net(ana))
    assert s.kind == "thank"
    assert s.reason == (
        "Ana helped you 12 days ago (drove me to the clinic), and you haven't been in touch since."
    )
    assert s.action == "Thank Ana — or return the favor when you can."
    assert term(s, "reciprocity").value == pytest.approx(1 - 0.5 * 12 / 60)


@pytest.mark.parametrize(
    "seen, given, received, fact_end",
    [
        (5, None, 12, "; in touch since, on 2026-06-05"),
        (20, 3, 12, "; you helped them on 2026-06-07"),
        (20, None, 61, ", more than 60 days ago"),
    ],
)
def test_no_thanks_needed(seen, given, received, fact_end):
    ana = person(3, "Ana Okafor", seen=seen, last_favor_received=Favor("soup", "meal",
                 ago(received)), last_favor_given=ago(given) if given else None)  # fmt: skip
    ex = explain(net(ana), 3, T)
    reciprocity = next(t for t in ex.terms if t.name == "reciprocity")
    assert reciprocity.value == 0 and reciprocity.fact.endswith(fact_end)
    assert ex.kind != "thank"


# --- new people --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "circle, added, online, reason",
    [
        ("prospect", ago(400), None,
         "You'd like to know Noor better, and haven't met in person yet."),
        ("prospect", ago(400), 9,
         "You've been in touch with Noor online, but haven't met in person yet."),
        ("friend", ago(21), None, "You added Noor 3 weeks ago and haven't met in person yet."),
    ],
)  # fmt: skip
def test_invite_new_people_to_meet_in_person(circle, added, online, reason):
    noor = person(4, "Noor Haddad", circle, 30, added=added, online=online)
    s = only(net(noor))
    assert (s.kind, s.reason) == ("meet_in_person", reason)
    assert s.action == "Invite Noor to get together in person — a coffee or a walk?"
    assert (s.log_kind, s.log_in_person) == ("coffee", True)


def test_old_friends_and_professionals_are_not_new():
    old = person(4, "Noor Haddad", "friend", 30, added=ago(91))
    pro = person(5, "Ruth Alder", "professional", 180, added=ago(10))
    assert explain(net(old), 4, T).kind == "catch_up"
    assert explain(net(old), 4, T).terms[5].fact == "added more than 90 days ago"
    assert explain(net(pro), 5, T).kind is None
    assert explain(net(pro), 5, T).terms[5].fact == "a professional: no need to meet socially"


# --- plans -------------------------------------------------------------------------------


def test_confirm_a_plan_coming_up():
    coffee = PlanOccurrence(3, "coffee", ahead(6), "10:00", (1, 2))
    maya = person(1, "Maya López", "inner", 7, seen=40, plans_soon=(coffee,))
    sam = person(2, "Sam Carter", seen=2, plans_soon=(coffee,))
    ranked = rank(net(maya, sam), T).suggestions
    assert len(ranked) == 1  # one line per plan, naming everyone in it
    s = ranked[0]
    assert s.kind == "confirm_plan"
    assert s.reason == 'Your plan "coffee" with Maya and Sam is on Tuesday at 10:00.'
    assert s.action == "Confirm Tuesday's plan with Maya and Sam."
    assert s.people == ((1, "Maya López"), (2, "Sam Carter"))

    assert s.log_kind is None
    assert term(s, "plan_soon").value == pytest.approx(1 - 0.5 * 6 / 7)


def test_a_plan_title_that_names_its_people_is_not_repeated():
    call = PlanOccurrence(4, "Sunday call with Maya", ahead(1), "18:00", (1,))
    maya = person(1, "Maya López", "inner", 7, seen=3, plans_soon=(call,))
    s = rank(net(maya), T).suggestions[0]
    assert s.reason == 'Your plan "Sunday call with Maya" is tomorrow at 18:00.'
    assert s.action == "Confirm tomorrow's plan with Maya."


def test_plan_today_tomorrow_and_too_far():
    def words(days: int):
        o = PlanOccurrence(3, "walk", ahead(days), None, (1,))
        found = [s for s in rank(net(person(seen=2, plans_soon=(o,))), T).suggestions
                 if s.kind == "confirm_plan"]  # fmt: skip
        return (found[0].reason, found[0].action) if found else None

    assert words(0) == ('Your plan "walk" with Maya is today.', "Confirm today's plan with Maya.")
    assert words(1) == (
        'Your plan "walk" with Maya is tomorrow.',
        "Confirm tomorrow's plan with Maya.",
    )
    assert words(7) == (
        'Your plan "walk" with Maya is on 17 June.',
        "Confirm the 17 June plan with Maya.",
    )
    assert words(8) is None


# --- communities -------------------------------------------------------------------------


def chorus(missed: int, last: dt.date | None = ago(28), members=(3,)) -> GroupFacts:
    return GroupFacts(1, "Community chorus", missed, last, ahead(1), "19:00", members)


def test_go_back_to_a_group_with_a_friend_who_is_a_member():
    ana = person(3, "Ana Okafor", seen=2)
    result = rank(net(ana, communities=(chorus(4),)), T)
    s = result.suggestions[0]
    assert s.kind == "go_back" and s.community == (1, "Community chorus")
    assert s.reason == "It's been 4 meetings since you were last at Community chorus."
    assert s.action == "Go back tomorrow at 19:00 — maybe with Ana, who's a member."
    assert term(s, "community").value == pytest.approx(4 / 3)
    assert (s.log_kind, s.people) == ("group meeting", ())


def test_group_never_attended_and_no_member_friend():
    s = rank(net(person(seen=2), communities=(chorus(3, None, ()),)), T).suggestions[0]
    assert s.reason == "You haven't been to Community chorus since joining — 3 meetings so far."
    assert s.action == "Go back tomorrow at 19:00; you'll be welcome."


def test_two_missed_meetings_are_not_a_nudge_yet():
    assert rank(net(person(seen=2), communities=(chorus(2),)), T).suggestions[0].kind == (
        "caught_up"
    )


def test_why_a_group_is_its_community_term_and_its_place():
    ana = person(3, "Ana Okafor", seen=2)
    ex = explain_group(net(ana, communities=(chorus(4),)), 1, T)
    assert (ex.kind, ex.status) == (
        "go_back",
        "Community chorus is number 1 in the nudge (go back).",
    )
    assert [(t.name, round(t.value, 2), t.fact) for t in ex.terms] == [
        ("community", 1.33, "last went 2026-05-13; 4 meetings since; next meeting 2026-06-11")
    ]
    assert [n for n, _ in ex.suggestions] == [1] and ex.total == pytest.approx(4 / 3)
    quiet = explain_group(net(ana, communities=(chorus(1),)), 1, T)
    assert (quiet.kind, quiet.suggestions) == (None, ())
    assert quiet.status == (
        "Nothing to suggest for Community chorus right now: going back is suggested once "
        "3 meetings in a row have passed without you (1 so far)."
    )
    assert quiet.terms[0].fact.startswith("last went 2026-05-13; 1 meeting since")
    snoozed = chorus(4)._replace(snoozed_until=ahead(3))
    assert explain_group(net(ana, communities=(snoozed,)), 1, T).status == (
        "Community chorus is snoozed until 2026-06-13."
    )
    off = explain_group(
        net(ana, communities=(chorus(5),)), 1, T, Settings(weights={"community": 0})
    )
    assert off.status == (
        "Nothing to suggest for Community chorus: the community weight is 0 in your config, "
        "so no group is suggested."
    )
    gone = chorus(4)._replace(dismissals=(Dismissal("go_back"),))
    assert explain_group(net(ana, communities=(gone,)), 1, T).status == (
        "Community chorus's suggestion is dismissed until something new happens."
    )


# --- introductions -----------------------------------------------------------------------


def climbers(**pair):
    jonas = person(5, "Jonas Weber", "friend", 30, seen=5)
    ella = person(6, "Ella Schmidt", "friend", 30, seen=9)
    return net(jonas, ella, pairs=(PairFacts(5, 6, ("climbing",), (), **pair),))


def test_introduce_two_people_who_share_something():
    s = only(climbers())
    assert s.kind == "introduce"
    assert s.reason == (
        "Ella and Jonas have climbing in common, but have never been at one of your "
        "get-togethers together."
    )
    assert s.action == "Introduce them: invite both next time you meet one of them."
    assert s.people == ((6, "Ella Schmidt"), (5, "Jonas Weber"))
    assert term(s, "introduction").value == 1.0 and term(s, "circle").value == 0.5


@pytest.mark.parametrize("pair", [{"together": True}, {"known": True}])
def test_no_introduction_for_people_who_know_each_other(pair):
    assert rank(climbers(**pair), T).suggestions[0].kind == "caught_up"


def test_introductions_need_both_seen_lately_and_each_person_once():
    far = person(7, "Omar Said", "friend", 30, seen=200)
    n = climbers()
    pairs = (*n.pairs, PairFacts(5, 7, ("climbing",)), PairFacts(6, 8, ("climbing",)),
             PairFacts(5, 8, ("climbing",), ("Climbing club",)))  # fmt: skip
    leo = person(8, "Leo Martins", "friend", 30, seen=3)
    result = rank(net(*n.people, far, leo, pairs=pairs), T)
    intros = [s for s in result.suggestions if s.kind == "introduce"]
    # Jonas & Leo share two things (1.25); then Ella is free, but Ella & Jonas
    # would reuse Jonas, and Ella & Leo reuse Leo: one introduction each.
    assert [[n for _, n in s.people] for s in intros] == [["Jonas Weber", "Leo Martins"]]
    assert intros[0].reason.startswith("Jonas and Leo have climbing and Climbing club in common")


# --- concentration -----------------------------------------------------------------------


def test_when_one_person_has_most_of_your_time_others_rise():
    maya = person(1, "Maya López", "inner", 7, seen=1, recent_contacts=7)
    sam = person(2, "Sam Carter", seen=20, recent_contacts=2)
    ana = person(3, "Ana Okafor", seen=30, recent_contacts=1)
    result = rank(net(maya, sam, ana), T)
    assert result.notes == (
        "Most of your contact in the last 60 days was with Maya (7 of 10). One person can't "
        "give all the support you need, so others are nudged up a little.",
    )
    s = result.suggestions[0]
    assert term(s, "concentration").value == pytest.approx(0.7)
    assert term(s, "concentration").fact == (
        "Maya López had 7 of your 10 contacts in the last 60 days (70%)"
    )
    maya_terms = explain(net(maya, sam, ana), 1, T).terms
    assert next(t for t in maya_terms if t.name == "concentration").value == 0


def test_no_concentration_with_little_or_spread_contact():
    few = net(person(1, seen=1, recent_contacts=4), person(2, "Sam", seen=20, recent_contacts=1))
    assert rank(few, T).notes == ()
    spread = net(person(1, seen=1, recent_contacts=4), person(2, "Sam", seen=20,
                 recent_contacts=4), person(3, "Ana", seen=20, recent_contacts=4))  # fmt: skip
    assert rank(spread, T).notes == ()


# --- precedence, snooze, dismiss -----------------------------------------------------


def test_the_most_pressing_reason_decides_the_kind():
    plan = PlanOccurrence(3, "coffee", ahead(2), None, (1,))
    facts = [
        ("check_in", {"events": (hard("surgery", "illness", ago(1)),)}),
        ("confirm_plan", {"plans_soon": (plan,)}),
        ("celebrate", {"next_birthday": ahead(3)}),
        ("thank", {"last_favor_received": Favor("soup", "meal", ago(3))}),
        ("meet_in_person", {}),  # a prospect never met in person, added 40 days ago
    ]
    for i, (kind, _) in enumerate(facts):
        given = {k: v for _, more in facts[i:] for k, v in more.items()}
        p = person(1, added=ago(40), circle="prospect", cadence=20, **given)
        assert explain(net(p), 1, T).kind == kind
    met = person(1, added=ago(40), circle="prospect", cadence=20, seen=25)
    assert explain(net(met), 1, T).kind == "catch_up"


def test_snooze_hides_until_the_day_it_ends():
    maya = person(seen=35, snoozed_until=ahead(7))
    result = rank(net(maya), T)
    assert [s.kind for s in result.suggestions] == ["caught_up"]
    assert result.hidden == 1
    assert result.suggestions[0].reason == (
        "Nothing else needs you right now — the rest is snoozed or dismissed."
    )
    assert rank(net(maya), ahead(7)).suggestions[0].kind == "catch_up"


def test_dismissal_lasts_until_something_new_happens():
    gone = Dismissal("catch_up", (10, 4, 2))
    maya = person(seen=35, dismissals=(gone,), newest=(10, 3, 2))
    result = rank(net(maya), T)
    assert result.suggestions[0].kind == "caught_up" and result.hidden == 1
    ex = explain(net(maya), 1, T)
    assert ex.status == "Maya's suggestion is dismissed until something new happens."
    assert ex.terms[0].value == 0 and ex.terms[0].fact.startswith("dismissed (catch up)")
    newer = person(seen=35, dismissals=(gone,), newest=(11, 3, 2))  # a new get-together
    assert rank(net(newer), T).suggestions[0].kind == "catch_up"


def test_dismissing_one_birthday_keeps_the_next_kind_of_suggestion():
    sam = person(2, "Sam Carter", seen=40, next_birthday=ahead(6),
                 dismissals=(Dismissal("celebrate", subject=f"birthday:{ahead(6)}"),))  # fmt: skip
    assert only(net(sam)).kind == "catch_up"
    last_year = Dismissal("celebrate", subject="birthday:2025-06-16")
    next_year = person(2, "Sam Carter", seen=1, next_birthday=ahead(6), dismissals=(last_year,))
    assert only(net(next_year)).kind == "celebrate"


# --- the tie rule ------------------------------------------------------------------------


def test_ties_break_by_circle_then_time_then_name_then_id():
    # Same total (time 2 + circle): Ana's inner 1.0 needs time 2.0, Bea's close 0.75 time 2.25.
    a = person(1, "Ana", "inner", 10, seen=20)
    b = person(2, "Bea", "close", 8, seen=18)
    assert [s.people[0][1] for s in rank(net(b, a), T).suggestions] == ["Ana", "Bea"]
    # Same circle and total, different days since contact: the longer wait first.
    c = person(3, "Cy", "friend", 10, seen=20)
    d = person(4, "Di", "friend", 5, seen=10)
    assert [s.people[0][1] for s in rank(net(d, c), T).suggestions] == ["Cy", "Di"]
    # Everything equal but the name (accents ignored), then the id.
    e = person(7, "Zoë", "friend", 10, seen=20)
    f = person(6, "Élodie", "friend", 10, seen=20)
    g = person(5, "Élodie", "friend", 10, seen=20)
    ids = [s.people[0][0] for s in rank(net(e, f, g), T).suggestions]
    assert ids == [5, 6, 7]


def test_same_facts_in_any_order_give_the_same_numbered_list():
    people = [
        person(i, f"Person {i}", circle, cadence, seen=seen)
        for i, (circle, cadence, seen) in enumerate(
            [("inner", 7, 30), ("close", 14, 30), ("friend", 30, 60), ("close", 14, 28),
             ("friend", 30, 90), ("acquaintance", 90, 200), ("prospect", 30, 45)], start=1)
    ]  # fmt: skip
    expected = rank(net(*people), T).suggestions
    for seed in range(5):
        shuffled = people[:]
        random.Random(seed).shuffle(shuffled)
        assert rank(net(*shuffled), T).suggestions == expected


def test_a_limit_shows_the_same_first_lines():
    people = [person(i, f"P{i}", "friend", 10, seen=10 + i) for i in range(1, 9)]
    full = rank(net(*people), T)
    short = rank(net(*people), T, limit=3)
    assert short.suggestions == full.suggestions[:3]
    assert short.count == full.count == 8


# --- small networks ----------------------------------------------------------------------


def test_no_one_yet_says_how_to_add_someone():
    result = rank(NetworkFacts(), T)
    assert [(s.kind, s.reason, s.action) for s in result.suggestions] == [
        ("add_person", "Start with one friend: add someone you'd like to see more often.",
         'Add them: supportnet add "Name" --circle close'),
    ]  # fmt: skip


def test_people_but_no_get_togethers_schedule_with_the_closest():
    maya = person(1, "Maya López", "close", 14, added=ago(30))
    sam = person(2, "Sam Carter", "inner", 7, added=ago(30))
    leo = person(3, "Leo Martins", "friend", 30, added=ago(30))
    result = rank(NetworkFacts(people=(maya, sam, leo)), T)
    first = result.suggestions[0]
    assert first.kind == "schedule" and first.people == ((2, "Sam Carter"),)
    assert first.reason == (
        "Start with one friend and build from there: a regular time with Sam makes it easy."
    )
    assert first.action == 'Set one up: supportnet plan "coffee" --with "Sam Carter" --every "week"'
    assert "catch_up" not in [s.kind for s in result.suggestions if s.people == first.people]
    assert "grow" not in [s.kind for s in result.suggestions]  # three people already
    planned = NetworkFacts(people=(maya, sam, leo), has_active_plans=True)
    assert "schedule" not in [s.kind for s in rank(planned, T).suggestions]


def test_a_hard_time_counts_on_the_check_in_not_on_the_regular_time():
    # The day of Kim's mum's surgery, in a new network: check in first.
    kim = person(1, "Kim Lee", "close", 14, added=T,
                 events=(LifeEvent(1, "mum's surgery", "illness", "hard", T),))  # fmt: skip
    check_in, schedule, grow = rank(NetworkFacts(people=(kim,)), T).suggestions
    assert check_in.kind == "check_in" and check_in.reason == (
        "Today is a hard day for Kim: mum's surgery."
    )
    assert term(check_in, "hard_event").contribution == 4.0
    assert check_in.total == 4.0 + 1.5 + 0.75  # hard event, new person, circle
    assert schedule.kind == "schedule" and schedule.people == ((1, "Kim Lee"),)
    assert [t.name for t in schedule.terms if t.contribution] == [
        "circle", "new_person", "small_network"
    ]  # fmt: skip
    assert schedule.total == 0.75 + 1.5 + 2.0
    assert grow.kind == "grow"
    # Without the hard time the regular time takes the place of her meet-in-person line.
    calm = rank(NetworkFacts(people=(kim._replace(events=()),)), T).suggestions
    assert [s.kind for s in calm] == ["schedule", "grow"]
    assert calm[0].total == schedule.total


def test_one_or_two_people_suggest_adding_another_as_well():
    maya = person(1, "Maya López", "close", 14, seen=20)
    result = rank(net(maya, communities=(chorus(0),), small=True), T)
    assert [s.kind for s in result.suggestions] == ["catch_up", "grow"]
    grow = result.suggestions[1]
    assert grow.reason == (
        "You have one person in your network so far — a good start; one more spreads the support."
    )
    assert grow.action == (
        "Think of someone from Community chorus, or an acquaintance you'd like to know better: "
        'supportnet add "Name" --circle prospect'
    )
    two = rank(net(maya, person(2, "Sam", seen=1), small=True), T).suggestions
    assert two[-1].reason.startswith("You have two people in your network so far")


def test_never_an_empty_screen():
    pro = person(9, "Ruth Alder", "professional", 180, seen=10)
    assert [s.kind for s in rank(net(pro, small=True), T).suggestions] == ["add_person"]


# --- weights and words ---------------------------------------------------------------


def test_weights_come_from_the_config_and_zero_turns_a_term_off():
    config = {"weights": {"celebration": 0, "time": 2.5}, "nudge": {"time_cap": 2},
              "windows": {"birthday_lead_days": 20}, "cadence": {"inner": 7}}  # fmt: skip
    s = Settings.from_config(config)
    assert s.weight("time") == 2.5 and s.time_cap == 2 and s.birthday_lead_days == 20
    sam = person(2, "Sam Carter", seen=40, next_birthday=ahead(6))
    assert only(net(sam), settings=s).kind == "catch_up"
    assert term(only(net(sam), settings=s), "time").contribution == pytest.approx(2 * 2.5)


def test_explain_matches_the_nudge_line():
    maya = person(1, "Maya López", "inner", 7, seen=40)
    sam = person(2, "Sam Carter", seen=30)
    ex = explain(net(maya, sam), 2, T)
    assert [t.name for t in ex.terms] == [
        "time", "circle", "hard_event", "celebration", "reciprocity", "new_person",
        "plan_soon", "concentration",
    ]  # fmt: skip
    number, line = ex.suggestions[0]
    assert number == 2 and ex.status == "Sam is number 2 in the nudge (catch up)."
    assert ex.total == pytest.approx(line.total)
    quiet = explain(net(person(1, seen=3)), 1, T)
    assert quiet.status == (
        "Nothing to suggest for Maya right now; by the hoped-for cadence, "
        "the next contact would be in 11 days."
    )


# --- properties --------------------------------------------------------------------------

circles = st.sampled_from(["inner", "close", "friend", "acquaintance", "prospect", "professional"])


#: The parts of a person's facts, built once (a strategy built inside ``people_facts``
#: is built again for every person drawn: that was most of these properties' time).
_contact_days = st.none() | st.integers(0, 400)
_events = st.lists(st.builds(
    LifeEvent, id=st.integers(1, 5), what=st.sampled_from(["surgery", "new job", "loss"]),
    kind=st.sampled_from(["illness", "loss", "other", "new baby"]),
    tone=st.sampled_from(["hard", "happy"]),
    on_date=st.integers(-20, 20).map(lambda d: T + dt.timedelta(days=d)),
    yearly=st.booleans()), max_size=2)  # fmt: skip
_first_names = st.sampled_from(["Maya", "Sam", "Ana", "Zoë", "Élodie"])
_cadences = st.integers(1, 120)
_added = st.integers(0, 800).map(ago)
_recent = st.integers(0, 6)
_birthdays = st.none() | st.integers(0, 20).map(ahead)
_favors = st.none() | st.integers(0, 90).map(lambda d: Favor("help", "other", ago(d)))
_snoozes = st.none() | st.integers(-3, 3).map(ahead)


@st.composite
def people_facts(draw, pid: int) -> PersonFacts:
    seen = draw(_contact_days)
    online = draw(_contact_days)
    events = draw(_events)
    return person(
        pid, draw(_first_names) + f" {pid}",
        draw(circles), draw(_cadences), added=draw(_added),
        seen=seen, online=online, recent_contacts=draw(_recent),
        events=tuple(events),
        next_birthday=draw(_birthdays),
        last_favor_received=draw(_favors),
        snoozed_until=draw(_snoozes),
    )  # fmt: skip


@st.composite
def networks(draw) -> NetworkFacts:
    count = draw(st.integers(0, 6))
    people = [draw(people_facts(i)) for i in range(1, count + 1)]
    pairs = tuple(
        PairFacts(a.id, b.id, ("x",), (), draw(st.booleans()), draw(st.booleans()))
        for a in people for b in people if a.id < b.id
    )  # fmt: skip
    return NetworkFacts(tuple(people), (), pairs, draw(st.booleans()), draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(networks())
def test_any_network_gets_a_kind_ordered_explained_list(network):
    result = rank(network, T)
    assert result.suggestions, "never an empty screen"
    assert result.count == len(result.suggestions)
    # Totals equal to 9 places are a tie (rank.py's tie rule), broken by circle and name:
    # 5.166666666666666 may come before 5.166666666666667.
    totals = [round(s.total, 9) for s in result.suggestions]
    assert totals == sorted(totals, reverse=True)
    for s in result.suggestions:
        assert s.kind in KINDS
        assert s.total == pytest.approx(sum(t.value * t.weight for t in s.terms))
        for text in (s.reason, s.action):
            assert text and "overdue" not in text.lower() and "should" not in text.lower()
        assert s.reason[-1] in ".!"
    reversed_network = NetworkFacts(tuple(reversed(network.people)), (), network.pairs,
                                    network.has_gettogethers, network.has_active_plans)  # fmt: skip
    assert rank(reversed_network, T) == result


@settings(max_examples=150, deadline=None)
@given(networks(), st.integers(0, 8))
def test_any_limit_shows_the_first_lines_of_the_whole_list(network, limit):
    full = rank(network, T)
    short = rank(network, T, limit=limit)
    assert short.suggestions == full.suggestions[:limit]
    assert (short.count, short.hidden, short.notes) == (full.count, full.hidden, full.notes)


def test_a_limit_breaks_ties_like_the_whole_list():
    # Twelve people tie on every number; only names (accents and case aside) and ids differ.
    names = ["Zoë", "zoe", "Élodie", "elodie", "Ana", "ana", "Bea", "Béa", "Cy", "cy", "Di", "Dì"]
    people = [person(i, name, "friend", 10, seen=20) for i, name in enumerate(names, start=1)]
    full = [s.people for s in rank(net(*people), T).suggestions]
    assert full[:4] == [((5, "Ana"),), ((6, "ana"),), ((7, "Bea"),), ((8, "Béa"),)]
    for limit in range(13):
        shuffled = people[:]
        random.Random(limit).shuffle(shuffled)
        assert [s.people for s in rank(net(*shuffled), T, limit=limit).suggestions] == full[:limit]


def test_plain_facts_rank_alike_however_they_were_built():
    shapes = [("close", 30), ("prospect", None), ("friend", 3), ("inner", 20)]
    defaults = dict(events=(), plans_soon=(), next_birthday=None, last_favor_received=None,
                    dismissals=(), snoozed_until=None)  # fmt: skip
    bare = [person(i, f"P{i}", circle, 14, seen=seen, recent_contacts=i % 3)
            for i, (circle, seen) in enumerate(shapes, start=1)]  # fmt: skip
    spelled = [person(i, f"P{i}", circle, 14, seen=seen, recent_contacts=i % 3, **defaults)
               for i, (circle, seen) in enumerate(shapes, start=1)]  # fmt: skip
    assert bare == spelled
    assert rank(net(*spelled), T) == rank(net(*bare), T)
    assert rank(net(*bare), T).count == 3
    # Snoozed facts are never taken for plain ones.
    snoozed = person(1, "P1", "close", 14, seen=30, snoozed_until=ahead(2))
    assert rank(net(snoozed, *bare[1:]), T).hidden == 1


def test_the_fact_records_are_immutable_values():
    # Facts and results are named tuples; they read and compare like frozen dataclasses.
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class LifeEvent_:  # the reference for LifeEvent
        id: int
        what: str
        kind: str
        tone: str
        on_date: dt.date
        yearly: bool = False

    ours = LifeEvent(1, "surgery", "illness", "hard", T)
    ref = LifeEvent_(1, "surgery", "illness", "hard", T)
    assert repr(ours) == repr(ref).split("<locals>.")[-1].replace("LifeEvent_", "LifeEvent")
    assert ours == LifeEvent(id=1, what="surgery", kind="illness", tone="hard", on_date=T)
    assert ours != LifeEvent(1, "surgery", "illness", "hard", T, yearly=True)
    assert ours != ref and ours != LifeEvent(2, "surgery", "illness", "hard", T)
    assert hash(ours) == hash(ref) == hash(LifeEvent(1, "surgery", "illness", "hard", T))
    assert {ours, LifeEvent(1, "surgery", "illness", "hard", T)} == {ours}
    for change in (lambda: setattr(ours, "what", "x"), lambda: setattr(ours, "new", 1),
                   lambda: delattr(ours, "what")):  # fmt: skip
        with pytest.raises(AttributeError):  # what FrozenInstanceError derives from
            change()
    with pytest.raises(TypeError):
        LifeEvent(1, "surgery", "illness", "hard")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        LifeEvent(1, "surgery", "illness", "hard", T, colour="red")  # type: ignore[call-arg]
    assert LifeEvent.__match_args__ == ("id", "what", "kind", "tone", "on_date", "yearly")
    # Defaults made fresh for each instance, as field(default_factory=...).
    a, b = Settings(), Settings()
    assert a == b and a.weights == b.weights and a.weights is not b.weights
    assert Settings(time_cap=2.0) != a and Settings(time_cap=2.0).time_cap == 2.0
    # PersonFacts compares by every field.
    p = PersonFacts(1, "Maya", "close", 14, T)
    assert p == PersonFacts(1, "Maya", "close", 14, T, events=())
    assert p != PersonFacts(1, "Maya", "close", 14, T, recent_contacts=1)
    assert repr(p).startswith("PersonFacts(id=1, name='Maya', circle='close', cadence_days=14,")


def test_people_counted_below_the_lines_shown_lengthen_the_list_and_bound_it():
    """The store may count due people below the first lines instead of giving
    them (``LeftOut.catch_ups``): the list is that much longer, and numbering
    past the lines it holds whole is refused rather than guessed."""
    from supportnet.nudge import LeftOut

    due = [person(pid, f"Friend {pid}", "friend", 14, seen=20 + pid) for pid in (1, 2, 3)]
    counted = net(*due)._replace(left_out=LeftOut(social=4, catch_ups=4, lines=2))
    shown = rank(counted, T, limit=2)
    assert [s.people[0][0] for s in shown.suggestions] == [3, 2]
    assert shown.count == 3 + 4
    for limit in (3, None):
        with pytest.raises(ValueError):
            rank(counted, T, limit=limit)
    with pytest.raises(ValueError):
        explain(counted, 1, T)
