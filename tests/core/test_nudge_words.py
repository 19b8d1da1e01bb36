"""The nudge's word rules with plain values: what a sentence calls a person, how
long a stretch of days is (the one rule in dates.py), how often a cadence is."""

from __future__ import annotations

import datetime as dt

import pytest

from supportnet.dates import describe_ago, describe_days, describe_span
from supportnet.nudge import PersonFacts
from supportnet.nudge.words import short_names

T = dt.date(2026, 6, 10)


def person(pid: int, name: str) -> PersonFacts:
    return PersonFacts(pid, name, "close", 14, dt.date(2025, 1, 1))


def test_short_names():
    people = [person(1, "Maya López"), person(2, "Maya Other"), person(3, "Dr. Ruth Alder"),
              person(4, "Sam Carter"), person(5, "Élodie"), person(6, "elodie x")]  # fmt: skip
    assert short_names(people) == {
        1: "Maya López", 2: "Maya Other", 3: "Dr. Ruth Alder", 4: "Sam",
        5: "Élodie", 6: "elodie x",
    }  # fmt: skip


def test_short_names_fold_first_words_shared_in_other_spellings():
    people = [person(1, "Zoë Adams"), person(2, "zoe Baker"), person(3, "Ana  Ito"),
              person(4, "\tLeo Park"), person(5, "Mx. Rowe"), person(6, "Ana")]  # fmt: skip
    assert short_names(people) == {
        1: "Zoë Adams", 2: "zoe Baker", 3: "Ana  Ito", 4: "Leo", 5: "Mx. Rowe", 6: "Ana",
    }  # fmt: skip


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
    """The nudge says a cadence as every screen does (dates.describe_days)."""
    assert describe_days(days) == words
