"""The dates of a recurrence, always from ``dateutil.rrule`` (no date arithmetic by
hand), the checks that a rule gives a date at all, and a word for the months (or
years) a rule skips."""

from __future__ import annotations

import datetime as dt

from supportnet.errors import InvalidInput
from supportnet.recurrence.rules import DAY_NAMES, MONTH_NAMES, periods_skipped, rule_parts
from supportnet.recurrence.words import describe
from supportnet.text import ordinal


def _rrule(rule: str, start: dt.date):  # -> dateutil.rrule.rrule
    from dateutil.rrule import rrulestr

    return rrulestr(rule, dtstart=dt.datetime(start.year, start.month, start.day))


def _series(rule: str, starts_on: dt.date, looking_from: dt.date):  # -> dateutil rrule
    """The rule from ``starts_on``, ready to be asked about dates from ``looking_from`` on.

    dateutil walks a series from its DTSTART, period by period, so a weekly plan
    begun five years ago costs 260 steps before the first date asked for.  When
    nothing depends on where the series began (no COUNT), the walk can begin at
    a later period of the same series instead: DTSTART moved by whole INTERVALs
    of the frequency, one interval short of ``looking_from``.  Every date from
    there on is still computed by dateutil, and a property test checks that
    the dates are the same as from the real start.
    """
    return _rrule(rule, _later_start(rule, starts_on, looking_from))


def _later_start(rule: str, starts_on: dt.date, looking_from: dt.date) -> dt.date:
    """A DTSTART for the same dates from ``looking_from`` on (``starts_on`` if unsure)."""
    if looking_from <= starts_on:
        return starts_on
    parts = rule_parts(rule)
    if {"COUNT", "BYWEEKNO", "BYYEARDAY"} & parts.keys():
        return starts_on
    freq = parts.get("FREQ")
    interval = int(parts.get("INTERVAL", "1"))
    # Whether the rule names its days itself (else dateutil takes them from DTSTART).
    explicit = "BYDAY" in parts or "BYMONTHDAY" in parts
    if freq == "DAILY":
        steps = (looking_from - starts_on).days // interval - 1
        return starts_on + dt.timedelta(days=interval * steps) if steps > 0 else starts_on
    if freq == "WEEKLY":
        steps = (looking_from - starts_on).days // (7 * interval) - 1
        return starts_on + dt.timedelta(weeks=interval * steps) if steps > 0 else starts_on
    if freq == "MONTHLY":
        months = (looking_from.year - starts_on.year) * 12 + looking_from.month - starts_on.month
        steps = months // interval - 1
        if steps <= 0 or (not explicit and starts_on.day > 28):
            return starts_on
        total = starts_on.month - 1 + interval * steps
        year, month = starts_on.year + total // 12, total % 12 + 1
        return dt.date(year, month, starts_on.day if not explicit else 1)
    if freq == "YEARLY":
        steps = (looking_from.year - starts_on.year) // interval - 1
        by_date = "BYMONTH" in parts and explicit
        if steps <= 0 or (not by_date and "BYMONTH" in parts):
            return starts_on
        year = starts_on.year + interval * steps
        if by_date:
            return dt.date(year, 1, 1)
        if (starts_on.month, starts_on.day) == (2, 29):
            return starts_on
        return starts_on.replace(year=year)
    return starts_on


def occurrences(
    rule: str, starts_on: dt.date, start: dt.date, end: dt.date, until: dt.date | None = None
) -> list[dt.date]:
    """The dates of the rule (from ``starts_on``) between ``start`` and ``end``, both
    included, stopping at ``until`` (included)."""
    if until is not None:
        end = min(end, until)
    if end < start or end < starts_on:
        return []
    found = _series(rule, starts_on, start).between(
        dt.datetime.combine(max(start, starts_on), dt.time()),
        dt.datetime.combine(end, dt.time()),
        inc=True,
    )
    return [when.date() for when in found]


def next_occurrence(
    rule: str, starts_on: dt.date, on_or_after: dt.date, until: dt.date | None = None
) -> dt.date | None:
    """The first date of the rule on or after ``on_or_after`` (None when it has ended)."""
    if until is not None and on_or_after > until:
        return None
    when = _series(rule, starts_on, on_or_after).after(
        dt.datetime.combine(max(on_or_after, starts_on), dt.time()), inc=True
    )
    if when is None or (until is not None and when.date() > until):
        return None
    return when.date()


def dates_from(
    rule: str, starts_on: dt.date, on_or_after: dt.date, until: dt.date | None, count: int
) -> list[dt.date]:
    """Up to ``count`` dates of the rule from ``on_or_after`` on (and up to ``until``)."""
    if until is not None and on_or_after > until:
        return []
    found = _series(rule, starts_on, on_or_after).xafter(
        dt.datetime.combine(max(on_or_after, starts_on), dt.time()), count=count, inc=True
    )
    return [when.date() for when in found if until is None or when.date() <= until]


def first_occurrence(rule: str, start: dt.date, *, align_interval: bool = True) -> dt.date:
    """The date a series should start on: its first occurrence on or after ``start``.

    Storing that date as DTSTART keeps dateutil and calendar apps in agreement
    (RFC 5545 leaves a DTSTART that is not an occurrence undefined).  With
    ``align_interval`` (for phrases), "every 2 weeks on tue" starts on the first
    Tuesday, not on the Tuesday of the week after next.  Raises ``InvalidInput``
    for a rule that never produces a date.
    """
    ensure_produces(rule, start)
    probe = rule
    if align_interval:
        probe = ";".join(p for p in rule.split(";") if not p.startswith(("INTERVAL=", "COUNT=")))
    when = _rrule(probe, start).after(dt.datetime.combine(start, dt.time()), inc=True)
    if when is None:
        raise InvalidInput(f"The rule {rule} has no date on or after {start.isoformat()}.")
    if align_interval and probe != rule:
        # Re-check with the real rule from that start: the first date must be in it.
        real = _rrule(rule, when.date()).after(when, inc=True)
        if real is None:
            raise InvalidInput(f"The rule {rule} has no date on or after {start.isoformat()}.")
        return real.date()
    return when.date()


def ensure_produces(rule: str, start: dt.date) -> None:
    """Refuse a rule that never produces a date (``FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30``).

    The Gregorian calendar repeats every 400 years (146,097 days: whole weeks,
    months and years), so moving the start by whole 400-year cycles moves every
    date of the rule by the same amount.  A rule (without COUNT or UNTIL) with no
    date in the 400 years after such a start near the end of the calendar has
    none at all.  Looking there bounds dateutil's search, which would otherwise
    run on to the year 9999 before giving up.
    """
    unbounded = ";".join(p for p in rule.split(";") if not p.startswith(("COUNT=", "UNTIL=")))
    parts = rule_parts(unbounded)
    years = 400 * (int(parts.get("INTERVAL", "1")) if parts.get("FREQ") == "YEARLY" else 1)
    cycles = (9999 - years - 1 - start.year) // 400
    year = start.year + 400 * cycles
    if year < 1:
        raise InvalidInput(f"The INTERVAL of {rule} is too large.")
    shifted = start.replace(year=year)
    probe = _rrule(unbounded, shifted)
    if probe.after(dt.datetime.combine(shifted, dt.time()), inc=True) is None:
        from supportnet.dates import long_date

        words = describe(rule)  # the rule as it is when it has no words
        what = f"The rule {rule}" if words.startswith("FREQ=") else words[0].upper() + words[1:]
        raise InvalidInput(
            f"{what}, from {long_date(start)}, never produces a date: "
            "none of the months it reaches has that day. Choose another day, or another start."
        )


def skipped_months_note(rule: str, starts_on: dt.date, until: dt.date | None = None) -> str | None:
    """A word for a rule whose next 24 dates skip a month (or a year) without the day it
    is on (``rules.periods_skipped``: a monthly 31st, a monthly fifth Friday, a yearly
    29 February), which people rarely expect."""
    skip = periods_skipped(rule, dates_from(rule, starts_on, starts_on, until, 24))
    if skip is None:
        return None
    if skip.weekday is not None:
        day = DAY_NAMES[skip.weekday]
        return (
            f"Months with only four {day}s are skipped, as calendars do; for one every "
            f'month, say "monthly on the last {day.lower()}".'
        )
    if skip.unit == "year":
        month = MONTH_NAMES[(skip.month or 2) - 1]
        return (
            f"Years without a {skip.monthday} {month} are skipped, as calendars do; for "
            f'every year, say "year on {(skip.monthday or 29) - 1} {month}".'
        )
    return (
        f"Months without a {ordinal(skip.monthday or 31)} are skipped, as calendars do; for "
        'the end of every month, say "monthly on the last day".'
    )
