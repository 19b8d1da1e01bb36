"""A recurrence as stored: the ``Recurrence`` record, and raw RRULEs checked and
spelled one way (upper case, parts in a fixed order, no DTSTART)."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from supportnet.errors import InvalidInput
from supportnet.text import whole_number

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_RULE_PARTS = (
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYYEARDAY",
    "BYWEEKNO", "BYSETPOS", "WKST",
)  # fmt: skip
_CLOCK_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip

#: The rule of a plan with a single date.
ONCE = "FREQ=DAILY;COUNT=1"


class Recurrence(NamedTuple):
    """An RFC 5545 RRULE (without DTSTART and UNTIL) and an optional "HH:MM"."""

    rule: str
    time: str | None = None
    until: dt.date | None = None  # from an UNTIL inside a raw rule


def ordinal_order(n: int | None) -> int:
    """The order of the days of a BYDAY such as ``1SU,3SU,-1SU``: first to fifth, then
    last, then second-to-last."""
    assert n is not None
    return n if n > 0 else 100 - n


#: The largest INTERVAL and COUNT a rule may have: a signed 32-bit integer, the most
#: calendar apps (and their RRULE libraries) read.
MAX_RULE_NUMBER = 2**31 - 1


def clean_rule(text: str) -> str:
    """Check an RRULE and return it in a standard spelling (upper case, no RRULE:).

    Refuses DTSTART (supportnet keeps the start itself), frequencies finer than
    a day, and anything dateutil cannot read.
    """
    raw = text.strip()
    body = re.sub(r"(?i)^rrule:\s*", "", raw).strip().rstrip(";")
    if "\n" in body or re.search(r"(?i)dtstart", body):
        raise InvalidInput("Give the RRULE alone (FREQ=...); the start comes from --starting.")
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        if "=" not in piece:
            raise InvalidInput(f"{raw!r} is not an RRULE: each part is NAME=VALUE.")
        name, value = (s.strip().upper() for s in piece.split("=", 1))
        if name in _CLOCK_PARTS:
            raise InvalidInput(
                f"{name} is not used: a plan happens on days; give its time with --at."
            )
        if name not in _RULE_PARTS:
            raise InvalidInput(f"{name} is not part of an RRULE (RFC 5545).")
        if name in parts:
            raise InvalidInput(f"{name} appears twice in {raw!r}.")
        parts[name] = value
    if "FREQ" not in parts:
        raise InvalidInput(f"{raw!r} has no FREQ: start with FREQ=DAILY, WEEKLY, MONTHLY...")
    if parts["FREQ"] not in FREQUENCIES:
        raise InvalidInput(
            f"FREQ={parts['FREQ']} is not used: plans repeat daily, weekly, monthly or yearly."
        )
    if "UNTIL" in parts and not re.fullmatch(r"\d{8}(T\d{6}Z?)?", parts["UNTIL"]):
        shown = parts["UNTIL"][:24]
        raise InvalidInput(
            f"UNTIL={shown} is not a date as RFC 5545 writes it: 20261231 (or 20261231T235959Z)."
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise InvalidInput("An RRULE has COUNT or UNTIL, not both.")
    for name in ("INTERVAL", "COUNT"):
        value = parts.get(name)
        number = whole_number(value) if value is not None else 1
        if number is None or not 1 <= number <= MAX_RULE_NUMBER:
            shown = value if value is None or len(value) <= 24 else value[:20] + "…"
            raise InvalidInput(
                f"{name}={shown} is not used: {name} is a whole number from 1 to "
                f"{MAX_RULE_NUMBER} (what calendar apps read)."
            )
    ordered = [f"{name}={parts[name]}" for name in _RULE_PARTS if name in parts]
    rule = ";".join(ordered)
    from dateutil.rrule import rrulestr

    # An UNTIL in UTC (Google Calendar writes 20261231T225959Z) is read against a start
    # in UTC: dateutil refuses it beside a start without a zone.
    utc = parts.get("UNTIL", "").endswith("Z")
    try:
        rrulestr(rule, dtstart=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc if utc else None))
    except (ValueError, TypeError, IndexError, KeyError) as error:
        raise InvalidInput(f"{raw!r} is not a valid RRULE ({error}).") from None
    return rule


def split_until(rule: str) -> tuple[str, dt.date | None]:
    """Take UNTIL out of a rule: (the rule without it, its date)."""
    parts = rule.split(";")
    until = None
    kept = []
    for part in parts:
        if part.startswith("UNTIL="):
            value = part[6:]
            m = re.match(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z$)?", value)
            if not m:
                raise InvalidInput(f"UNTIL={value} is not a date.")
            until = dt.date(*(int(g) for g in m.groups()[:3]))
            if m.group(4) is not None:  # in UTC: the day it is here then
                moment = dt.datetime(*(int(g) for g in m.groups()), tzinfo=dt.timezone.utc)
                until = _local_day(moment)
        else:
            kept.append(part)
    return ";".join(kept), until


def _local_day(moment: dt.datetime) -> dt.date:
    try:
        return moment.astimezone().date()
    except (OverflowError, ValueError, OSError):  # beyond what the system's zones know
        return moment.date()


def rule_parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";") if part)


class Skip(NamedTuple):
    """What a monthly or yearly rule is on that some month (or year) lacks, so that
    RFC 5545 skips it rather than moving the date (``periods_skipped``)."""

    unit: str  # "month" or "year"
    #: The day of the month it is on: 29, 30 or 31 (a yearly rule: 29, of ``month``) ...
    monthday: int | None = None
    #: ... or the weekday (0 is Monday) it is on the fifth (or fifth-to-last) of.
    weekday: int | None = None
    month: int | None = None


def periods_skipped(rule: str, dates: list[dt.date]) -> Skip | None:
    """What the rule is on, when a month (a year, for a yearly rule) it comes round in
    between the first and the last of ``dates`` (its coming dates, in order) has no such
    day: a monthly 29th, 30th or 31st, a monthly fifth (or fifth-to-last) weekday, a
    yearly 29 February.  A rule that names no day is on its first date's (RFC 5545:
    "every month" from 31 January is on each 31st).  None for any other rule, or when
    nothing is skipped."""
    parts = rule_parts(rule)
    if dates and not {"BYMONTHDAY", "BYDAY", "BYMONTH", "BYYEARDAY", "BYWEEKNO"} & set(parts):
        if parts.get("FREQ") == "MONTHLY":
            parts["BYMONTHDAY"] = str(dates[0].day)
        elif parts.get("FREQ") == "YEARLY":
            parts.update(BYMONTHDAY=str(dates[0].day), BYMONTH=str(dates[0].month))
    freq, day = parts.get("FREQ"), parts.get("BYMONTHDAY", "")
    fifth = re.fullmatch(r"[+-]?5([A-Z]{2})", parts.get("BYDAY", ""))
    chosen = {int(m) for m in parts.get("BYMONTH", "").split(",") if m.isdigit()}
    if freq == "MONTHLY" and day.isdigit() and int(day) >= 29:
        skip = Skip("month", monthday=int(day))
    elif freq == "MONTHLY" and fifth and fifth.group(1) in DAY_CODES and not day:
        skip = Skip("month", weekday=DAY_CODES.index(fifth.group(1)))
    elif freq == "YEARLY" and day == "29" and chosen == {2} and "BYDAY" not in parts:
        skip = Skip("year", monthday=29, month=2)
    else:
        return None
    if not dates:
        return None
    every = int(parts.get("INTERVAL", "1"))
    if skip.unit == "year":
        periods = [(year, 2) for year in range(dates[0].year, dates[-1].year + 1, every)]
    else:
        first, last = (d.year * 12 + d.month - 1 for d in (dates[0], dates[-1]))
        periods = [(m // 12, m % 12 + 1) for m in range(first, last + 1, every)]
        periods = [(y, m) for y, m in periods if not chosen or m in chosen]
    return skip if any(_lacks(skip, year, month) for year, month in periods) else None


def _lacks(skip: Skip, year: int, month: int) -> bool:
    """Whether that month has no day ``skip`` is on."""
    from calendar import monthrange

    first_weekday, length = monthrange(year, month)
    if skip.weekday is None:
        return length < (skip.monthday or 0)
    return len(range((skip.weekday - first_weekday) % 7 + 1, length + 1, 7)) < 5
