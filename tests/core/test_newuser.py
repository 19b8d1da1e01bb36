"""What a brand-new user typed, read by the pure rules: odd dates, cadences, recurrences,
the data folder."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from supportnet.dates import YearlyDate, parse_date, parse_yearly_date
from supportnet.errors import InvalidInput
from supportnet.spans import parse_days

WED = dt.date(2026, 6, 10)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2/29", YearlyDate(2, 29)),
        ("29/2", YearlyDate(2, 29)),
        ("29 feb", YearlyDate(2, 29)),
        ("--0229", YearlyDate(2, 29)),
        ("12/31", YearlyDate(12, 31)),
        ("3/14/1990", YearlyDate(3, 14, 1990)),
        ("14.03.1990", YearlyDate(3, 14, 1990)),
        ("14.3.", YearlyDate(3, 14)),
        ("1990-3-14", YearlyDate(3, 14, 1990)),
    ],
)
def test_birthdays_with_slashes_and_dots(text, expected):
    assert parse_yearly_date(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("3/4", "'3/4' could be 4 March or 3 April. Write the month as a word (4 March) "
                "or as year-month-day."),
        ("Feb 30", "'Feb 30' is not a day of the calendar (February has at most 29 days)."),
        ("31 April", "'31 April' is not a day of the calendar (April has 30 days)."),
        ("1990-02-29", "'1990-02-29' is not a day of the calendar (1990 is not a leap year)."),
        ("march", "Could not understand the date 'march'."),
        ("march 1990", "Could not understand the date 'march 1990'."),
        ("0001-01-01", "'0001-01-01' is too far away: supportnet keeps dates from 1900 to 2199."),
    ],
)  # fmt: skip
def test_birthdays_refused_with_the_reason(text, message):
    with pytest.raises(InvalidInput) as error:
        parse_yearly_date(text)
    assert error.value.message.startswith(message)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3/14", dt.date(2026, 3, 14)),
        ("14/3", dt.date(2026, 3, 14)),
        ("14.3.", dt.date(2026, 3, 14)),
        ("03/14/2026", dt.date(2026, 3, 14)),
        ("14/03/2025", dt.date(2025, 3, 14)),
        ("1 March", dt.date(2026, 3, 1)),
        ("1 Jan 1900", dt.date(1900, 1, 1)),
    ],
)
def test_dates_with_slashes_and_dots(text, expected):
    assert parse_date(text, WED, "past") == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("2026-02-30", "'2026-02-30' is not a day of the calendar (February has 28 days)."),
        ("31 june 2026", "'31 june 2026' is not a day of the calendar (June has 30 days)."),
        ("03/04/2026", "'03/04/2026' could be 4 March or 3 April."),
        ("2026", "Could not understand the date '2026'."),
        ("june 2026", "Could not understand the date 'june 2026'."),
        ("0001-01-01", "'0001-01-01' is too far away: supportnet keeps dates from 1900 to 2199."),
        ("9999-12-31", "'9999-12-31' is too far away"),
        ("99999999999 days ago", "'99999999999 days ago' is too far away"),
    ],
)  # fmt: skip
def test_dates_refused_with_the_reason(text, message):
    with pytest.raises(InvalidInput) as error:
        parse_date(text, WED, "past")
    assert error.value.message.startswith(message)


def test_cadences_have_a_ceiling_and_know_fortnights():
    assert parse_days("every fortnight") == 14 == parse_days("fortnight")
    assert parse_days("every 100 years") == 36500
    with pytest.raises(InvalidInput, match="longer than supportnet looks ahead"):
        parse_days("9999999999d")


def test_no_negative_age():
    assert YearlyDate(1, 1, 2099).age_on(dt.date(2026, 6, 10)) is None


@pytest.mark.parametrize(
    "phrase, rule",
    [
        ("every 2nd tuesday", "FREQ=MONTHLY;BYDAY=2TU"),
        ("every second tuesday", "FREQ=MONTHLY;BYDAY=2TU"),
        ("every 3rd thursday", "FREQ=MONTHLY;BYDAY=3TH"),
        ("every 2 tuesdays", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("every other tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3"),
    ],
)
def test_ordinal_weekdays_read_alike_with_digits_or_words(phrase, rule):
    from supportnet.recurrence import recurrence_from_options

    assert recurrence_from_options(phrase).rule == rule


@pytest.mark.parametrize(
    "text, expected",
    [("this morning", WED), ("tonight", WED), ("last night", dt.date(2026, 6, 9)),
     ("day before yesterday", dt.date(2026, 6, 8))],
)  # fmt: skip
def test_everyday_words_for_today_and_yesterday(text, expected):
    assert parse_date(text, WED, "past") == expected


@pytest.mark.parametrize("xdg", ["", "relative/folder"])
def test_an_empty_or_relative_xdg_config_home_is_ignored(monkeypatch, tmp_path, xdg):
    """Else the database would be a different file in every working folder."""
    from supportnet.paths import database_path

    monkeypatch.delenv("SUPPORTNET_DB")
    monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    monkeypatch.setenv("HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert database_path() == tmp_path / ".config" / "supportnet" / "supportnet.db"
    assert database_path().is_absolute()
