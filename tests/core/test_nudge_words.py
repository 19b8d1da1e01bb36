"""The nudge's word rules with plain values: what a sentence calls a person, how
long a stretch of days is (the one rule in dates.py), how often a cadence is.

Through the nudge's public face: what ``explain`` calls each person in its status
line, and the cadence words of its time term's fact."""

from __future__ import annotations

import datetime as dt

import pytest

from supportnet.dates import describe_ago, describe_span
from supportnet.nudge import NetworkFacts, PersonFacts, explain
from supportnet.spans import describe_days

T = dt.date(2026, 6, 10)


def person(pid: int, name: str, cadence: int = 14) -> PersonFacts:
    return PersonFacts(pid, name, "close", cadence, dt.date(2025, 1, 1))


def short_names(people: list[PersonFacts]) -> dict[int, str]:
    """What the nudge calls each of ``people``: the start of ``explain``'s status line
    ("Sam is number 2 in the nudge (catch up)."; never seen, each one is in it)."""
    network = NetworkFacts(people=tuple(people), has_gettogethers=True)
    called = {}
    for p in people:
        status = explain(network, p.id, T).status
        assert " is number " in status, status
        called[p.id] = status.split(" is number ")[0]
    return called


def every_words(days: int) -> str:
    """The cadence words of ``explain``'s time fact: "...: 526 of 14 days hoped for
    (every 2 weeks), capped at 3"."""
    network = NetworkFacts(people=(person(1, "Maya López", days),), has_gettogethers=True)
    time = next(t for t in explain(network, 1, T).terms if t.name == "time")
    hoped = f" of {days} days hoped for ("
    assert hoped in time.fact, time.fact
    return time.fact.split(hoped)[1].split(")")[0]


def test_short_names():
    people = [person(1, "Maya López"), person(2, "Maya Other"), person(3, "Dr. Ruth Alder"),
              person(4, "Sam Carter"), person(5, "Élodie"), person(6, "elodie x")]  # fmt: skip
    assert short_names(people) == {
        1: "Maya López", 2: "Maya Other", 3: "Dr. Ruth Alder", 4: "Sam",
        5: "Élodie", 6: "elodie x",
    }  # fmt: skip


def test_a_family_title_is_not_a_first_name():
    # The nudge said "It's been 6 weeks since you saw Aunt".
    people = [person(1, "Aunt Rosa"), person(2, "Grandma Lee"), person(3, "Uncle")]
    assert short_names(people) == {1: "Aunt Rosa", 2: "Grandma Lee", 3: "Uncle"}


def test_short_names_fold_first_words_shared_in_other_spellings():
    people = [person(1, "Zoë Adams"), person(2, "zoe Baker"), person(3, "Ana  Ito"),
              person(4, "\tLeo Park"), person(5, "Mx. Rowe"), person(6, "Ana")]  # fmt: skip
    assert short_names(people) == {
        1: "Zoë Adams", 2: "zoe Baker", 3: "Ana  Ito", 4: "Leo", 5: "Mx. Rowe", 6: "Ana",
    }  # fmt: skip


def test_a_first_name_is_the_first_word_with_a_letter():
    people = [person(1, "🎸 Rocco"), person(2, "+1 555 010 9999"), person(3, "☕ 🎸"),
              person(4, "★ Ωμέγα Ito"), person(5, "🌷 Ana Ito"), person(6, "ana")]  # fmt: skip
    assert short_names(people) == {
        1: "Rocco", 2: "+1 555 010 9999", 3: "☕ 🎸", 4: "Ωμέγα", 5: "🌷 Ana Ito", 6: "ana",
    }  # fmt: skip
    # A name of no letters is its own first word: two such cards are told apart whole.
    twins = [person(1, "+1 555 010 9999"), person(2, "+1 555 010 8888")]
    assert short_names(twins) == {1: "+1 555 010 9999", 2: "+1 555 010 8888"}


@pytest.mark.parametrize(
    "days, words",
    [(1, "a day"), (9, "9 days"), (14, "2 weeks"), (59, "8 weeks"), (60, "2 months"),
     (400, "13 months"), (800, "2 years")],
)  # fmt: skip
def test_span_words(days, words):
    assert describe_span(days) == words


@pytest.mark.parametrize(
    "days, words",
    [(2, "2 days ago"), (13, "13 days ago"), (14, "2 weeks ago"), (20, "2 weeks ago"),
     (21, "3 weeks ago"), (59, "8 weeks ago"), (60, "2 months ago")],
)  # fmt: skip
def test_ago_switches_from_days_to_weeks_at_two_weeks_everywhere(days, words):
    # One rule for the nudge's "2 weeks" and `people`/`history`'s "... ago" (it was 21 there).
    assert describe_ago(T - dt.timedelta(days=days), T) == words


@pytest.mark.parametrize(
    "days, words",
    [(1, "every day"), (7, "every week"), (14, "every 2 weeks"), (30, "every month"),
     (90, "every 3 months"), (10, "every 10 days"), (365, "every year")],
)  # fmt: skip
def test_every_words(days, words):
    """The nudge says a cadence as every screen does (spans.describe_days)."""
    assert describe_days(days) == words
