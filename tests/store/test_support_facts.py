"""support_facts (what the nudge reads) and life events in the agenda."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from supportnet.db import open_database
from supportnet.store.agenda import agenda
from supportnet.store.support_facts import (
    EventFact,
    FavorFact,
    SupportFacts,
    latest_favors,
    support_facts,
)

D = dt.date
TODAY = D(2026, 6, 10)
WINDOWS = {"hard_before_days": 3, "hard_after_days": 14, "happy_before_days": 7,
           "happy_after_days": 7, "birthday_lead_days": 14}  # fmt: skip


@pytest.fixture
def network(run, db_path, built_once):
    built_once(lambda: _network(run))
    conn = open_database(db_path)
    yield conn
    conn.close()


def _network(run) -> None:
    run("add", "Sam Carter", "--birthday", "1990-06-16")  # 1
    run("add", "Ana Okafor", "--birthday", "1992-02-29")  # 2
    run("add", "Leo Martins", "--birthday", "06-12")  # 3, archived below
    run("add", "Maya López")  # 4, nothing to say
    run("add", "Omar Said", "--birthday", "06-24")  # 5: exactly 14 days ahead
    run("favor", "brought soup", "--for", "Sam", "--on", "2026-06-01", "--kind", "meal")  # 1
    run("favor", "listened", "--for", "Sam", "--on", "2026-06-01", "--kind", "listening")  # 2
    run("favor", "drove me", "--from", "Sam", "--on", "2026-05-01", "--kind", "ride")  # 3
    run("favor", "old help", "--for", "Sam", "--on", "2025-01-01")  # 4
    run("favor", "helped me move", "--from", "Sam", "--from", "Ana", "--on", "2026-04-01")  # 5
    run("favor", "watered plants", "--for", "Leo", "--on", "2026-06-09")  # 6
    run("event", "Sam", "surgery", "--on", "2026-06-12", "--kind", "illness", "--hard")  # 1
    run("event", "Sam", "flu", "--on", "2026-03-01", "--kind", "illness", "--hard")  # 2: over
    run("event", "Sam", "wedding", "--on", "2019-06-14", "--kind", "anniversary", "--happy")  # 3
    run("event", "Ana", "leap wedding", "--on", "2024-02-29", "--kind", "anniversary", "--happy")
    run("event", "Leo", "breakup", "--on", "2026-06-08", "--kind", "breakup", "--hard")  # 5
    run("event", "Omar", "new job", "--on", "2026-06-17", "--happy")  # 6: opens today
    run("event", "Omar", "move", "--on", "2026-06-18", "--hard")  # 7: opens in 5 days
    run("archive", "Leo")


def test_facts_on_a_fixed_today(network):
    facts = support_facts(network, TODAY, WINDOWS)
    assert sorted(facts) == [1, 2, 5]  # Leo is archived, Maya has nothing
    sam = facts[1]
    assert sam == SupportFacts(
        person_id=1,
        hard_events=(
            EventFact(event_id=1, what="surgery", kind="illness", tone="hard",
                      date=D(2026, 6, 12), days=2, yearly=False, years=None,
                      opens_on=D(2026, 6, 9), closes_on=D(2026, 6, 26)),
        ),
        happy_events=(
            EventFact(event_id=3, what="wedding", kind="anniversary", tone="happy",
                      date=D(2026, 6, 14), days=4, yearly=True, years=7,
                      opens_on=D(2026, 6, 7), closes_on=D(2026, 6, 21)),
        ),
        birthday=D(2026, 6, 16),
        birthday_days=6,
        birthday_turns=36,
        last_given=FavorFact(favor_id=2, date=D(2026, 6, 1), what="listened", kind="listening"),
        last_received=FavorFact(favor_id=3, date=D(2026, 5, 1), what="drove me", kind="ride"),
        given_last_year=2,
        received_last_year=2,
    )  # fmt: skip
    ana = facts[2]
    assert ana.hard_events == ana.happy_events == ()
    assert ana.birthday is None
    assert ana.last_given is None and ana.given_last_year == 0
    assert ana.last_received == FavorFact(5, D(2026, 4, 1), "helped me move", "other")
    omar = facts[5]
    assert (omar.birthday, omar.birthday_days, omar.birthday_turns) == (D(2026, 6, 24), 14, None)
    assert [e.what for e in omar.happy_events] == ["new job"]
    assert omar.hard_events == ()


def test_facts_are_frozen(network):
    sam = support_facts(network, TODAY, WINDOWS)[1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sam.given_last_year = 9  # type: ignore[misc]


def test_facts_follow_the_windows_given(network):
    narrow = {**WINDOWS, "hard_before_days": 1, "happy_before_days": 3, "birthday_lead_days": 5}
    facts = support_facts(network, TODAY, narrow)
    sam = facts[1]
    assert sam.hard_events == ()  # surgery in 2 days: opens tomorrow
    assert sam.happy_events == ()  # wedding anniversary in 4 days: opens tomorrow too
    assert sam.birthday is None  # 6 days away
    assert 5 not in facts  # Omar: birthday 14 days away, new job 7 days away


def test_facts_ignore_favors_after_today(network):
    earlier = support_facts(network, D(2026, 5, 15), WINDOWS)[1]
    assert earlier.last_given == FavorFact(4, D(2025, 1, 1), "old help", "other")
    assert earlier.last_received == FavorFact(3, D(2026, 5, 1), "drove me", "ride")
    assert (earlier.given_last_year, earlier.received_last_year) == (0, 2)
    later = support_facts(network, D(2027, 6, 2), WINDOWS)[1]
    assert (later.given_last_year, later.received_last_year) == (0, 0)
    assert later.last_given is not None and later.last_given.favor_id == 2


def test_favors_since_reads_only_the_favors_from_that_day(network):
    full = support_facts(network, TODAY, WINDOWS)
    facts = support_facts(network, TODAY, WINDOWS, favors_since=D(2026, 4, 2))
    assert sorted(facts) == [1, 5]  # Ana's only fact is a favor of 1 April
    sam = facts[1]
    assert sam.last_given == FavorFact(2, D(2026, 6, 1), "listened", "listening")  # later recorded
    assert sam.last_received == FavorFact(3, D(2026, 5, 1), "drove me", "ride")
    assert (sam.given_last_year, sam.received_last_year) == (2, 1)  # not 1 April's
    # Everything but the favors is as without favors_since.
    assert (sam.hard_events, sam.happy_events, sam.birthday) == (
        full[1].hard_events, full[1].happy_events, full[1].birthday)  # fmt: skip
    assert facts[5] == full[5]
    # The first day counts; favors after today do not.
    earlier = support_facts(network, D(2026, 5, 15), WINDOWS, favors_since=D(2026, 4, 1))[1]
    assert earlier.last_given is None  # 1 June is after today, 2025 before the start
    assert earlier.last_received == FavorFact(3, D(2026, 5, 1), "drove me", "ride")
    assert (earlier.given_last_year, earlier.received_last_year) == (0, 2)
    assert support_facts(network, TODAY, WINDOWS, favors_since=D(2026, 4, 1))[2].last_received == (
        FavorFact(5, D(2026, 4, 1), "helped me move", "other"))  # fmt: skip


def test_latest_favors_of_one_person(network):
    assert latest_favors(network, 1, TODAY) == (
        FavorFact(2, D(2026, 6, 1), "listened", "listening"),
        FavorFact(3, D(2026, 5, 1), "drove me", "ride"),
    )
    assert latest_favors(network, 1, D(2026, 5, 15))[0] == FavorFact(
        4, D(2025, 1, 1), "old help", "other")  # fmt: skip
    assert latest_favors(network, 2, TODAY) == (
        None, FavorFact(5, D(2026, 4, 1), "helped me move", "other"))  # fmt: skip
    assert latest_favors(network, 4, TODAY) == (None, None)
    full = support_facts(network, TODAY, WINDOWS)
    for pid in full:
        assert latest_favors(network, pid, TODAY) == (full[pid].last_given, full[pid].last_received)


@pytest.mark.parametrize(
    "today, birthday, turns, anniversary, days",
    [
        (D(2027, 2, 22), D(2027, 2, 28), 35, D(2027, 2, 28), 6),  # common year: Feb 28
        (D(2028, 2, 25), D(2028, 2, 29), 36, D(2028, 2, 29), 4),  # leap year: Feb 29
    ],
)
def test_feb_29_birthday_and_anniversary(network, today, birthday, turns, anniversary, days):
    ana = support_facts(network, today, WINDOWS)[2]
    assert (ana.birthday, ana.birthday_turns) == (birthday, turns)
    (event,) = ana.happy_events
    assert (event.what, event.date, event.days) == ("leap wedding", anniversary, days)


def test_events_in_the_agenda(network):
    items = agenda(network, TODAY, D(2026, 6, 30))
    events = [(i.date, i.kind, i.title, i.detail) for i in items if i.kind != "birthday"]
    assert events == [
        (D(2026, 6, 12), "event", "Sam Carter: surgery", "illness; check in"),
        (D(2026, 6, 14), "anniversary", "Sam Carter: wedding", "7th anniversary; celebrate"),
        (D(2026, 6, 17), "event", "Omar Said: new job", "other; celebrate"),
        (D(2026, 6, 18), "event", "Omar Said: move", "other; check in"),
    ]  # Leo's breakup is left out: Leo is archived
    assert [i.source_id for i in items if i.kind != "birthday"] == [1, 3, 6, 7]
    assert items[0].people == ((1, "Sam Carter"),)


def test_yearly_events_over_a_long_agenda(network):
    items = agenda(network, D(2026, 1, 1), D(2028, 12, 31))
    leap = [(i.date, i.detail) for i in items if "leap wedding" in i.title]
    assert leap == [
        (D(2026, 2, 28), "2nd anniversary; celebrate"),
        (D(2027, 2, 28), "3rd anniversary; celebrate"),
        (D(2028, 2, 29), "4th anniversary; celebrate"),
    ]


def test_agenda_range_with_feb_28_of_a_common_year(network):
    items = agenda(network, D(2027, 2, 28), D(2027, 2, 28))
    assert [(i.kind, i.title) for i in items] == [
        ("anniversary", "Ana Okafor: leap wedding"),
        ("birthday", "Ana Okafor's birthday"),
    ]


def test_a_feb_29_baby_turns_a_year_older_on_feb_28_in_common_years(network, run):
    (item,) = [i for i in agenda(network, D(2027, 2, 28), D(2027, 2, 28)) if i.kind == "birthday"]
    assert item.detail == "turns 35"
    (item,) = [i for i in agenda(network, D(2028, 2, 28), D(2028, 3, 1)) if i.kind == "birthday"]
    assert (item.date, item.detail) == (D(2028, 2, 29), "turns 36")
    import json

    shown = json.loads(run("--today", "2027-02-20", "show", "Ana", "--json").stdout)
    assert shown["next_birthday"] == {"date": "2027-02-28", "days_away": 8, "turns": 35}
