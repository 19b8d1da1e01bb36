"""Human dates, birthdays and cadences: examples and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportnet.dates import (
    YearlyDate,
    after_span,
    check_since,
    describe_ago,
    parse_date,
    parse_since,
    parse_yearly_date,
)
from supportnet.errors import InvalidInput
from supportnet.spans import describe_days, parse_days

WED = dt.date(2026, 6, 10)
days = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))


@pytest.mark.parametrize(
    "text, prefer, expected",
    [
        ("today", None, WED),
        ("Yesterday", None, dt.date(2026, 6, 9)),
        ("tomorrow", None, dt.date(2026, 6, 11)),
        ("3 days ago", None, dt.date(2026, 6, 7)),
        ("a week ago", None, dt.date(2026, 6, 3)),
        ("2 months ago", None, dt.date(2026, 4, 10)),
        ("in 2 weeks", None, dt.date(2026, 6, 24)),
        ("last friday", None, dt.date(2026, 6, 5)),
        ("last wednesday", None, dt.date(2026, 6, 3)),
        ("next wed", None, dt.date(2026, 6, 17)),
        ("friday", "past", dt.date(2026, 6, 5)),
        ("a couple of days ago", None, dt.date(2026, 6, 8)),
        ("couple days ago", None, dt.date(2026, 6, 8)),
        ("a fortnight ago", None, dt.date(2026, 5, 27)),
        ("in a fortnight", None, dt.date(2026, 6, 24)),
        ("in a couple of days", None, dt.date(2026, 6, 12)),
        ("this past friday", None, dt.date(2026, 6, 5)),
        ("yesterday morning", None, dt.date(2026, 6, 9)),
        ("friday", "future", dt.date(2026, 6, 12)),
        ("2026-03-14", None, dt.date(2026, 3, 14)),
        ("14 March", None, dt.date(2026, 3, 14)),
        ("March 14", "future", dt.date(2027, 3, 14)),
        ("December 28", "past", dt.date(2025, 12, 28)),
        ("14 March 2025", "future", dt.date(2025, 3, 14)),
    ],
)
def test_parse_date_examples(text, prefer, expected):
    assert parse_date(text, WED, prefer) == expected


@pytest.mark.parametrize("text", ["", "banana", "last blurday", "🎂"])  # "32 march": below
def test_parse_date_refuses_nonsense(text):
    with pytest.raises(InvalidInput, match="Try 2026-03-14, 14 March"):
        parse_date(text, WED)


def test_a_date_in_the_right_form_but_not_on_the_calendar_says_so():
    """As a birthday would (issue 11: one message for one mistake)."""
    with pytest.raises(InvalidInput, match=r"^'2026-13-01' is not a day of the calendar\.$"):
        parse_date("2026-13-01", WED)


@given(days, days)
def test_iso_dates_round_trip(day, today):
    assert parse_date(day.isoformat(), today) == day


@given(st.integers(min_value=0, max_value=3000), days)
def test_days_ago(n, today):
    if n <= (today - dt.date(1900, 1, 1)).days:
        assert parse_date(f"{n} days ago", today) == today - dt.timedelta(days=n)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("in 2 wks", dt.date(2026, 6, 24)),
        ("2 wks ago", dt.date(2026, 5, 27)),
        ("in a wk", dt.date(2026, 6, 17)),
        ("in 3 mos", dt.date(2026, 9, 10)),
        ("2 yrs ago", dt.date(2024, 6, 10)),
        ("3d ago", dt.date(2026, 6, 7)),
        ("3days ago", dt.date(2026, 6, 7)),
        ("in 3days", dt.date(2026, 6, 13)),
        ("2weeks ago", dt.date(2026, 5, 27)),
    ],
)
def test_dates_take_the_unit_words_cadences_take(text, expected):
    """ "every 2 wks" was a cadence while "in 2 wks" was not a date: one list of units."""
    assert parse_date(text, WED) == expected


@given(st.sampled_from(["monday", "tue", "Wednesday", "thu", "fri", "sat", "sunday"]), days)
def test_last_weekday_is_within_the_past_week(word, today):
    found = parse_date(f"last {word}", today)
    assert 1 <= (today - found).days <= 7
    upcoming = parse_date(word, today, "future")
    assert 0 <= (upcoming - today).days <= 6


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1990-03-14", YearlyDate(3, 14, 1990)),
        ("19900314", YearlyDate(3, 14, 1990)),
        ("03-14", YearlyDate(3, 14)),
        ("--0314", YearlyDate(3, 14)),
        ("--03-14", YearlyDate(3, 14)),
        ("March 14", YearlyDate(3, 14)),
        ("14 march 1990", YearlyDate(3, 14, 1990)),
        ("Feb 29", YearlyDate(2, 29)),
        ("1992-02-29", YearlyDate(2, 29, 1992)),
        ("1990/03/14", YearlyDate(3, 14, 1990)),  # year first: one order only
        ("1990.3.4", YearlyDate(3, 4, 1990)),
    ],
)
def test_birthday_forms(text, expected):
    assert parse_yearly_date(text) == expected


@pytest.mark.parametrize("text", ["1991-02-29", "02-30", "13-01", "someday", ""])
def test_birthday_refuses_impossible_days(text):
    with pytest.raises(InvalidInput):
        parse_yearly_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [("May 32", "'May 32' is not a day of the calendar (May has 31 days)."),
     ("32 may", "'32 may' is not a day of the calendar (May has 31 days)."),
     ("1990/02/30", "'1990/02/30' is not a day of the calendar (February has 28 days).")],
)  # fmt: skip
def test_a_day_beyond_the_month_says_how_long_the_month_is(text, message):
    with pytest.raises(InvalidInput) as refused:
        parse_yearly_date(text)
    assert refused.value.message == message
    with pytest.raises(InvalidInput) as refused:
        parse_date(text, dt.date(2026, 6, 10))
    assert refused.value.message == message


def test_february_29_falls_on_february_28_in_common_years():
    leapling = YearlyDate(2, 29, 1992)
    assert leapling.next_on_or_after(dt.date(2027, 1, 1)) == dt.date(2027, 2, 28)
    assert leapling.next_on_or_after(dt.date(2028, 1, 1)) == dt.date(2028, 2, 29)
    assert leapling.age_on(dt.date(2027, 2, 28)) == 34
    assert leapling.age_on(dt.date(2028, 2, 29)) == 36
    assert YearlyDate(2, 29).age_on(dt.date(2028, 2, 29)) is None


@given(st.integers(1, 12), st.integers(1, 31), days)
def test_next_birthday_is_within_a_year(month, day, today):
    try:
        dt.date(2000, month, day)
    except ValueError:
        return
    upcoming = YearlyDate(month, day).next_on_or_after(today)
    assert 0 <= (upcoming - today).days <= 366
    assert upcoming.month == month
    assert upcoming.day == day or (month, day, upcoming.day) == (2, 29, 28)


@pytest.mark.parametrize(
    "text, n",
    [
        ("weekly", 7),
        ("every 2 weeks", 14),
        ("2w", 14),
        ("monthly", 30),
        ("every 3 months", 90),
        ("10d", 10),
        ("every other week", 14),
        ("Every Week", 7),
        ("fortnightly", 14),
        ("bi-weekly", 14),
        ("3 mos", 90),
        ("yearly", 365),
    ],
)
def test_cadences(text, n):
    assert parse_days(text) == n


@pytest.mark.parametrize("text", ["every blue moon", "0d", "sometimes", "-3 weeks", ""])
def test_bad_cadences(text):
    with pytest.raises(InvalidInput, match="Try weekly, every 2 weeks"):
        parse_days(text)


@given(st.integers(min_value=1, max_value=5000))
def test_cadence_words_round_trip(n):
    assert parse_days(describe_days(n)) == n


def test_describe_ago():
    assert describe_ago(WED, WED) == "today"
    assert describe_ago(dt.date(2026, 6, 9), WED) == "yesterday"
    assert describe_ago(dt.date(2026, 5, 29), WED) == "12 days ago"
    assert describe_ago(dt.date(2026, 5, 6), WED) == "5 weeks ago"
    assert describe_ago(dt.date(2025, 12, 10), WED) == "6 months ago"


@pytest.mark.parametrize(
    ("span", "start", "end"),
    [
        ("a month", dt.date(2026, 3, 10), dt.date(2026, 4, 10)),
        ("a month", dt.date(2026, 1, 31), dt.date(2026, 2, 28)),  # not 2 March
        ("1 month", dt.date(2028, 1, 31), dt.date(2028, 2, 29)),
        ("12m", dt.date(2026, 3, 10), dt.date(2027, 3, 10)),  # not 5 March
        ("1y", dt.date(2027, 3, 10), dt.date(2028, 3, 10)),  # not 9 March, in a leap year
        ("100y", dt.date(2026, 3, 10), dt.date(2126, 3, 10)),
        ("quarterly", dt.date(2026, 11, 30), dt.date(2027, 2, 28)),
        ("2w", dt.date(2026, 12, 25), dt.date(2027, 1, 8)),
        ("3d", dt.date(2026, 12, 30), dt.date(2027, 1, 2)),
        ("a fortnight", dt.date(2026, 3, 10), dt.date(2026, 3, 24)),
    ],
)
def test_a_span_after_a_day_counts_months_and_years_by_the_calendar(span, start, end):
    assert after_span(span, start) == end


def test_a_span_after_a_day_is_held_to_the_longest_span_and_the_years_kept():
    with pytest.raises(InvalidInput, match=r"^'200y' is longer than .* at most 100 years\.$"):
        after_span("200y", dt.date(2026, 3, 10))
    with pytest.raises(InvalidInput, match="too far away: supportnet keeps dates from 1900"):
        after_span("100y", dt.date(2126, 3, 10))
    # A length of time is offered lengths, not cadences ("Try weekly, monthly" for a snooze).
    with pytest.raises(InvalidInput, match=r"^Could not understand the length of time 'soon'\. "
                       r"Try 3d, 10 days, 2 weeks, 2w, a month or 3 months\.$"):  # fmt: skip
        after_span("soon", dt.date(2026, 3, 10))


def test_since_is_a_day_up_to_today():
    """Every --since reads the same way: None when not given, the past for words
    without a year, today itself allowed, a later day refused."""
    today = dt.date(2026, 6, 10)
    assert parse_since(None, today) is None
    assert parse_since("today", today) == today
    assert parse_since("14 march", today) == dt.date(2026, 3, 14)
    assert parse_since("friday", today) == dt.date(2026, 6, 5)  # the last one, not the next
    assert check_since(today, today) == today
    for text in ("tomorrow", "2026-06-11", "in 2 weeks"):
        day = parse_date(text, today)
        with pytest.raises(InvalidInput) as refused:
            parse_since(text, today)
        assert (
            str(refused.value) == f"--since {day.isoformat()} is after today; give an earlier date."
        )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020", dt.date(2020, 1, 1)),
        ("2026", dt.date(2026, 1, 1)),
        ("2026-03", dt.date(2026, 3, 1)),
        ("2025/11", dt.date(2025, 11, 1)),
        ("March", dt.date(2026, 3, 1)),  # the most recent 1 March
        ("june", dt.date(2026, 6, 1)),  # this month's 1st
        ("December", dt.date(2025, 12, 1)),  # not yet this year: last year's
        ("Sept.", dt.date(2025, 9, 1)),
        ("march 2025", dt.date(2025, 3, 1)),
        ("Jan, 2020", dt.date(2020, 1, 1)),
        ("2025 march", dt.date(2025, 3, 1)),
        ("this week", dt.date(2026, 6, 8)),  # its Monday
        ("this month", dt.date(2026, 6, 1)),
        ("This Year", dt.date(2026, 1, 1)),
        ("last year", dt.date(2025, 6, 10)),  # a year ago, as "last month" is a month ago
        ("mon", dt.date(2026, 6, 8)),  # a weekday, not a month
        ("may 3", dt.date(2026, 5, 3)),  # a day
    ],
)
def test_since_reads_a_period_from_its_first_day(text, expected):
    # `review --since 2020` and `--since March` were "Could not understand the date".
    assert parse_since(text, dt.date(2026, 6, 10)) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("2027", "--since 2027-01-01 is after today; give an earlier date."),
        ("2026-07", "--since 2026-07-01 is after today; give an earlier date."),
        ("2025-13", "'2025-13' is not a month of the calendar."),
        ("1850", "'1850' is too far away: supportnet keeps dates from 1900 to 2199."),
        ("0000", "'0000' is too far away: supportnet keeps dates from 1900 to 2199."),
    ],
)
def test_since_refuses_a_period_after_today_or_off_the_calendar(text, message):
    with pytest.raises(InvalidInput) as refused:
        parse_since(text, dt.date(2026, 6, 10))
    assert str(refused.value) == message


def test_a_year_of_two_digits_is_asked_in_full():
    for text in ("01.11.26", "7/8/26", "26-11-01"):
        with pytest.raises(InvalidInput) as refused:
            parse_date(text, WED)
        assert str(refused.value) == f"{text!r}: write the year with all four digits."
    with pytest.raises(InvalidInput) as refused:  # a birthday too (14.03.90)
        parse_yearly_date("14.03.90")
    assert str(refused.value) == "'14.03.90': write the year with all four digits."


def test_last_and_next_year_are_a_year_away():
    assert parse_date("last year", WED) == dt.date(2025, 6, 10)
    assert parse_date("next year", WED) == dt.date(2027, 6, 10)


def test_february_29_to_come_without_a_year_asks_for_one():
    # A plan "on 29 Feb" was quietly put on 28 February 2027, while `event` asked.
    with pytest.raises(InvalidInput) as error:
        parse_date("Feb 29", dt.date(2026, 6, 10), prefer="future")
    assert error.value.message == (
        "'Feb 29' needs a year: 2026 has no February 29. Write 2028-02-29."
    )
    assert parse_date("Feb 29", dt.date(2028, 1, 5), prefer="future") == dt.date(2028, 2, 29)
    with pytest.raises(InvalidInput) as error:
        parse_date("Feb 29", dt.date(2028, 3, 1), prefer="future")
    assert error.value.message == "'Feb 29' needs a year: it has passed. Write 2032-02-29."


@pytest.mark.parametrize(
    "text, prefer, message",
    [
        # Something still to come is not offered "yesterday" or "3 days ago".
        ("soon", "future", "Could not understand the date 'soon'. "
         "Try tomorrow, in 3 days, next friday, 24 December or 2026-12-24."),
        ("   ", "future", "A date is needed. "
         "Try tomorrow, in 3 days, next friday, 24 December or 2026-12-24."),
        ("soon", "past", "Could not understand the date 'soon'. Try 2026-03-14, 14 March, "
         "March 14, today, yesterday, 3 days ago or last friday."),
        # A typo of a word of dates is named, whichever the command.
        ("tomorow", "future", "Could not understand the date 'tomorow' (did you mean "
         "'tomorrow'?). Try tomorrow, in 3 days, next friday, 24 December or 2026-12-24."),
        ("yesterdy", "past", "Could not understand the date 'yesterdy' (did you mean "
         "'yesterday'?). Try 2026-03-14, 14 March, March 14, today, yesterday, 3 days ago or "
         "last friday."),
        # A date that may be either way (a life event) is offered both ways.
        ("next fridy", None, "Could not understand the date 'next fridy' ('fridy': did you "
         "mean 'friday'?). Try 2026-03-14, 14 March, yesterday, 3 days ago, in 2 weeks or "
         "next friday."),
        ("decmber 24", "future", "Could not understand the date 'decmber 24' ('decmber': did "
         "you mean 'december'?). Try tomorrow, in 3 days, next friday, 24 December or "
         "2026-12-24."),
        ("the other day", "past", "Could not understand the date 'the other day'. Try "
         "2026-03-14, 14 March, March 14, today, yesterday, 3 days ago or last friday."),
    ],
)  # fmt: skip
def test_a_date_not_understood_names_forms_that_fit_and_a_typo(text, prefer, message):
    with pytest.raises(InvalidInput) as error:
        parse_date(text, WED, prefer=prefer)
    assert error.value.message == message


def test_every_form_named_for_a_day_to_come_is_one():
    from supportnet.dates import FUTURE_DATE_FORMS

    forms = FUTURE_DATE_FORMS.replace(" or ", ", ").split(", ")
    assert [parse_date(form, WED, prefer="future") > WED for form in forms] == [True] * 5
