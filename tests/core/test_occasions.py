"""Occasions, pure: windows around life events, birthdays in view, balance wording."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportnet.dates import YearlyDate
from supportnet.occasions import (
    Windows,
    balance_words,
    birthday_in_view,
    describe_window,
    event_window,
    month_days_between,
    open_window,
    times,
    turning,
    window_sentence,
)
from supportnet.text import ordinal

D = dt.date
TODAY = D(2026, 6, 10)
DEFAULT = Windows()  # hard 3 before / 14 after, happy 7 / 7, birthdays 14 ahead


# --- wording --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, words", [(0, "no times"), (1, "once"), (2, "twice"), (3, "3 times"), (12, "12 times")]
)
def test_times(count, words):
    assert times(count) == words


@pytest.mark.parametrize(
    "given_, received, words",
    [
        (4, 2, "You've helped Sam 4 times this past year; Sam helped you twice."),
        (1, 1, "You've helped Sam once this past year; Sam helped you once."),
        (2, 3, "You've helped Sam twice this past year; Sam helped you 3 times."),
        (1, 0, "You've helped Sam once this past year."),
        (0, 2, "Sam helped you twice this past year."),
        (0, 0, "No favors recorded either way with Sam this past year."),
    ],
)
def test_balance_words(given_, received, words):
    assert balance_words("Sam", given_, received) == words


def test_balance_words_never_speak_of_debt():
    for g in range(4):
        for r in range(4):
            text = balance_words("Sam", g, r).lower()
            assert not any(w in text for w in ("owe", "debt", "back", "overdue", "should"))


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                     (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
                                     (22, "22nd"), (111, "111th")])  # fmt: skip
def test_ordinal(n, text):
    assert ordinal(n) == text


# --- one-off events -------------------------------------------------------------------


def test_hard_event_window_opens_before_and_stays_after():
    w = event_window(D(2026, 6, 20), "hard", False, TODAY, DEFAULT)
    assert (w.occurs_on, w.opens_on, w.closes_on) == (D(2026, 6, 20), D(2026, 6, 17), D(2026, 7, 4))
    assert w.action == "check in" and w.years is None
    assert w.state(D(2026, 6, 16)) == "ahead"
    assert w.state(D(2026, 6, 17)) == "open"  # both ends included
    assert w.state(D(2026, 7, 4)) == "open"
    assert w.state(D(2026, 7, 5)) == "past"


def test_happy_event_window():
    w = event_window(D(2026, 6, 1), "happy", False, TODAY, DEFAULT)
    assert (w.opens_on, w.closes_on, w.action) == (D(2026, 5, 25), D(2026, 6, 8), "celebrate")
    assert open_window(D(2026, 6, 1), "happy", False, TODAY, DEFAULT) is None  # closed 2 days ago
    assert open_window(D(2026, 6, 3), "happy", False, TODAY, DEFAULT) is not None


def test_neutral_or_undated_events_open_no_window():
    assert event_window(D(2026, 6, 10), "neutral", False, TODAY, DEFAULT) is None
    assert event_window(None, "hard", False, TODAY, DEFAULT) is None


def test_windows_come_from_settings():
    w = Windows.from_settings({"hard_before_days": 1, "hard_after_days": 2, "other_key": 9})
    assert w.around("hard") == (1, 2)
    assert w.around("happy") == (7, 7)
    assert Windows.from_settings(w) is w
    assert open_window(D(2026, 6, 7), "hard", False, TODAY, w) is None
    assert open_window(D(2026, 6, 8), "hard", False, TODAY, w) is not None


# --- yearly events --------------------------------------------------------------------


def test_yearly_event_comes_round_each_year():
    w = event_window(D(2019, 6, 14), "happy", True, TODAY, DEFAULT)
    assert (w.occurs_on, w.years, w.state(TODAY)) == (D(2026, 6, 14), 7, "open")


def test_yearly_event_already_past_this_year_points_to_next_year():
    w = event_window(D(2019, 3, 1), "hard", True, TODAY, DEFAULT)
    assert (w.occurs_on, w.years, w.state(TODAY)) == (D(2027, 3, 1), 8, "ahead")


def test_yearly_event_just_past_keeps_its_window_open():
    w = event_window(D(2020, 6, 1), "hard", True, TODAY, DEFAULT)
    assert (w.occurs_on, w.state(TODAY)) == (D(2026, 6, 1), "open")


def test_yearly_window_across_new_year():
    origin = D(2020, 1, 2)
    w = event_window(origin, "hard", True, D(2026, 12, 31), DEFAULT)
    assert (w.occurs_on, w.state(D(2026, 12, 31))) == (D(2027, 1, 2), "open")
    w = event_window(origin, "hard", True, D(2027, 1, 10), DEFAULT)
    assert (w.occurs_on, w.state(D(2027, 1, 10))) == (D(2027, 1, 2), "open")


def test_yearly_event_in_the_future_starts_on_its_own_date():
    w = event_window(D(2027, 9, 1), "happy", True, TODAY, DEFAULT)
    assert (w.occurs_on, w.years, w.state(TODAY)) == (D(2027, 9, 1), 0, "ahead")


def test_feb_29_yearly_event_in_common_and_leap_years():
    origin = D(2024, 2, 29)
    common = event_window(origin, "happy", True, D(2026, 2, 27), DEFAULT)
    assert common.occurs_on == D(2026, 2, 28)
    leap = event_window(origin, "happy", True, D(2028, 2, 27), DEFAULT)
    assert leap.occurs_on == D(2028, 2, 29)


# --- birthdays ------------------------------------------------------------------------


def test_birthday_in_view_within_lead():
    bday = YearlyDate(6, 24, 1990)
    assert birthday_in_view(bday, TODAY, 14) == D(2026, 6, 24)
    assert birthday_in_view(bday, TODAY, 13) is None
    assert birthday_in_view(YearlyDate(6, 10), TODAY, 0) == TODAY
    assert birthday_in_view(YearlyDate(6, 9), TODAY, 14) is None  # yesterday: next year's


def test_feb_29_birthday_in_common_and_leap_years():
    bday = YearlyDate(2, 29, 1992)
    assert birthday_in_view(bday, D(2027, 2, 20), 14) == D(2027, 2, 28)
    assert turning(bday, D(2027, 2, 28)) == 35
    assert turning(YearlyDate(2, 29), D(2027, 2, 28)) is None
    assert birthday_in_view(bday, D(2028, 2, 20), 14) == D(2028, 2, 29)
    assert birthday_in_view(bday, D(2028, 2, 28), 0) is None  # the 29th exists in 2028


def test_month_days_between_adds_feb_29_only_in_common_years():
    assert (2, 29) in month_days_between(D(2027, 2, 27), D(2027, 3, 1))
    assert (2, 29) not in month_days_between(D(2028, 2, 27), D(2028, 2, 28))
    assert month_days_between(D(2026, 12, 31), D(2027, 1, 1)) == [(1, 1), (12, 31)]


# --- words for windows ----------------------------------------------------------------


def test_window_words():
    w = event_window(D(2026, 12, 1), "hard", False, TODAY, DEFAULT)
    assert describe_window(w, TODAY) == "check in from 28 November"
    assert window_sentence(w, TODAY) == "Time to check in: from 28 November to 15 December."
    w = event_window(D(2026, 6, 12), "happy", False, TODAY, DEFAULT)
    assert describe_window(w, TODAY) == "celebrate now (until 19 June)"
    assert window_sentence(w, TODAY) == "Time to celebrate: now until 19 June."
    w = event_window(D(2026, 3, 1), "hard", False, TODAY, DEFAULT)
    assert describe_window(w, TODAY) == "ended 15 March"
    assert window_sentence(w, TODAY) == "The time to check in ended on 15 March."
    w = event_window(D(2027, 1, 5), "hard", False, TODAY, DEFAULT)
    assert describe_window(w, TODAY) == "check in from 2 January 2027"


# --- properties -----------------------------------------------------------------------

days = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
spans = st.integers(min_value=0, max_value=60)


@given(on=days, today=days, before=spans, after=spans, tone=st.sampled_from(["hard", "happy"]))
def test_one_off_window_is_the_days_around_the_date(on, today, before, after, tone):
    windows = Windows(before, after, before, after, 14)
    opened = open_window(on, tone, False, today, windows) is not None
    assert (
        opened
        == (-after <= (on - today).days <= before)
        == (on - dt.timedelta(days=before) <= today <= on + dt.timedelta(days=after))
    )


@given(on=days, today=days, before=spans, after=spans, tone=st.sampled_from(["hard", "happy"]))
def test_yearly_window_matches_the_month_day_prefilter(on, today, before, after, tone):
    """support_facts asks SQL for yearly events by month and day: it must miss none."""
    windows = Windows(before, after, before, after, 14)
    window = event_window(on, tone, True, today, windows)
    assert window is not None
    assert window.occurs_on >= on
    if (on.month, on.day) == (2, 29) and window.occurs_on.day != 29:
        assert (window.occurs_on.month, window.occurs_on.day) == (2, 28)  # a common year
    else:
        assert (window.occurs_on.month, window.occurs_on.day) == (on.month, on.day)
    if window.contains(today):
        start = today - dt.timedelta(days=after)
        end = today + dt.timedelta(days=before)
        assert (on.month, on.day) in month_days_between(start, end)
    elif today >= on:
        # Not open today: then no anniversary at all lies within the window's reach.
        reach = YearlyDate(on.month, on.day, on.year).occurrences(
            today - dt.timedelta(days=after), today + dt.timedelta(days=before)
        )
        assert reach == []
