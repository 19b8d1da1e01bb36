"""Spans of time as people write them: cadences ("every 2 weeks", "2w", "monthly")
and lengths ("a month", "3d"), in whole days, weeks, months or years; and the one
wording every screen says a cadence in.  A cadence is a hope, not a calendar rule:
its months are 30 days (``dates.after_span`` counts a length from a day by the
calendar).  Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re

from supportnet.errors import InvalidInput
from supportnet.text import typo_hint, whole_number

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
UNIT_ALIASES = {
    "d": "day", "day": "day", "days": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "m": "month", "mo": "month", "mos": "month", "mon": "month", "month": "month",
    "months": "month",
    "y": "year", "yr": "year", "yrs": "year", "year": "year", "years": "year",
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "other": 2, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
}  # fmt: skip


def how_many(word: str) -> int | None:
    """A count as a word or digits ("3", "three", "a"), or None."""
    number = whole_number(word)
    return number if number is not None else NUMBER_WORDS.get(word)


def shift(today: dt.date, amount: int, unit: str) -> dt.date:
    """``today`` moved by ``amount`` units, months and years by the calendar (a month
    after 31 January is 28 February); beyond the years Python has, its first or last day."""
    from dateutil.relativedelta import relativedelta

    try:
        if unit == "day":
            return today + dt.timedelta(days=amount)
        if unit == "week":
            return today + dt.timedelta(weeks=amount)
        if unit == "month":
            return today + relativedelta(months=amount)
        return today + relativedelta(years=amount)
    except (OverflowError, ValueError):
        # Beyond year 1 or 9999: report it as out of range, like any far date.
        return dt.date.max if amount > 0 else dt.date.min


CADENCE_FORMS = "weekly, every 2 weeks, 2w, monthly, every 3 months or 10d"
#: The forms of a length of time (a snooze's), as its error offers them.
SPAN_FORMS = "3d, 10 days, 2 weeks, 2w, a month or 3 months"

_NAMED_CADENCES = {
    "daily": (1, "day"), "every day": (1, "day"), "weekly": (1, "week"),
    "every week": (1, "week"), "monthly": (1, "month"), "every month": (1, "month"),
    "quarterly": (3, "month"), "every quarter": (3, "month"), "yearly": (1, "year"),
    "annually": (1, "year"), "every year": (1, "year"),
    **dict.fromkeys(("fortnightly", "biweekly", "bi-weekly", "every other week", "fortnight",
                     "every fortnight", "every two weeks", "a fortnight",
                     "once a fortnight"), (2, "week")),
}  # fmt: skip

# The longest cadence or span: a hundred years.
MAX_DAYS = 100 * 365


def parse_days(text: str, what: str = "cadence") -> int:
    """A span in whole days from ``weekly``, ``every 2 weeks``, ``2w``, ``10d``...

    Months count as 30 days and years as 365: a cadence is a hope, not a
    calendar rule.
    """
    amount, unit = parse_span(text, what)
    days = amount * UNIT_DAYS[unit]
    if days > MAX_DAYS:
        longest = describe_days(MAX_DAYS)  # "every 100 years"; a snooze: "100 years"
        longest = longest if "cadence" in what else longest.removeprefix("every ")
        raise InvalidInput(
            f"{text.strip()!r} is longer than supportnet looks ahead: at most {longest}."
        )
    return days


def parse_span(text: str, what: str) -> tuple[int, str]:  # (how many, which unit)
    raw = text
    text = " ".join(text.strip().lower().split())
    if text in _NAMED_CADENCES:
        return _NAMED_CADENCES[text]
    m = re.fullmatch(r"(?:every |once every |once a |once an )?(?:(\w+) )?([a-z]+)", text)
    if m:
        amount = how_many(m.group(1)) if m.group(1) else 1
        unit = UNIT_ALIASES.get(m.group(2))
        if amount and unit:
            return amount, unit
    m = re.fullmatch(r"(?:every )?(\d+) ?([a-z]+)", text)
    if m and m.group(2) in UNIT_ALIASES and (amount := whole_number(m.group(1))):
        return amount, UNIT_ALIASES[m.group(2)]
    forms = CADENCE_FORMS if "cadence" in what else SPAN_FORMS  # a snooze is no cadence
    raise InvalidInput(
        f"Could not understand the {what} {raw.strip()!r}{typo_hint(text, _CADENCE_WORDS)}. "
        f"Try {forms}."
    )


#: The words a cadence is made of, written out (``text.typo_hint`` judges typos of them).
_CADENCE_WORDS = frozenset(
    word
    for word in (
        *UNIT_ALIASES, *NUMBER_WORDS, "every", "once",
        *(word for name in _NAMED_CADENCES for word in name.split()),
    )
    if len(word) >= 4
)  # fmt: skip


def describe_days(days: int) -> str:
    """A cadence in words, the one way every screen says it: 'every day', 'every week',
    'every 2 weeks', 'every month', 'every 3 months', 'every year', 'every 10 days'
    (the largest unit that divides it; months are 30 days, years 365)."""
    for unit in ("year", "month", "week", "day"):
        count, rest = divmod(days, UNIT_DAYS[unit])
        if count and not rest:
            return describe_every(count, unit)
    return f"every {days} days"  # not a cadence (0 or less): said as it is


def describe_every(count: int, unit: str) -> str:
    """How often, in the one wording for cadences and schedules: 'every week' (never
    'weekly'), 'every 2 weeks', 'every month'."""
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"
