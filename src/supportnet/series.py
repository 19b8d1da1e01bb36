"""Many series' dates over one window, each worked out once.

A plan or a group meets by an RRULE (``recurrence``); the nudge, the agenda and the
digest ask many of them for their dates in the same window.  Most of them give
the same dates there whatever day they began (every Monday, the first Friday of
the month, every other Tuesday in the same weeks): those dates are computed once
and shared through a ``memo`` the caller keeps for one window.  Pure: no database,
no clock.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def dates_between(
    rule: str,
    starts_on: dt.date,
    start: dt.date,
    end: dt.date,
    until: dt.date | None,
    memo: dict,
) -> list[dt.date]:
    """``recurrence.occurrences`` for many plans or groups over one window.

    Many series give the same dates in a window whatever day they began: every
    Monday, the first Friday of the month, every other Tuesday in the same
    weeks.  Those are worked out once and shared (``memo``); the others once
    per rule and start.  A property test checks the result against
    ``recurrence.occurrences`` itself.
    """
    begin = _shared_start(rule, starts_on, start) if starts_on <= start else None
    key = (rule, begin or starts_on)
    found = memo.get(key)
    if found is None:
        from supportnet import recurrence

        found = memo[key] = recurrence.occurrences(rule, begin or starts_on, start, end)
    if until is not None:
        return [day for day in found if day <= until]
    return found


_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@lru_cache(maxsize=256)
def _rule_shape(rule: str) -> tuple[str, int, int] | None:
    """(FREQ, INTERVAL, week start) of a rule whose dates are set by its own
    BY-parts (not by the day it began), or None."""
    from supportnet.recurrence import rule_parts

    parts = rule_parts(rule)
    if {"COUNT", "BYWEEKNO", "BYYEARDAY"} & parts.keys():
        return None
    freq = parts.get("FREQ", "")
    explicit = {
        "DAILY": True,
        "WEEKLY": "BYDAY" in parts,
        "MONTHLY": "BYDAY" in parts or "BYMONTHDAY" in parts,
    }.get(freq, False)
    if not explicit:
        return None
    return freq, int(parts.get("INTERVAL", "1")), _DAY_CODES.index(parts.get("WKST", "MO"))


def _shared_start(rule: str, starts_on: dt.date, start: dt.date) -> dt.date | None:
    """The first day of the latest period of the series (a day, a week from its
    WKST, a month) on or before ``start``: every series of this rule in the same
    phase gives the same dates from ``start`` on when begun there."""
    shape = _rule_shape(rule)
    if shape is None:
        return None
    freq, interval, week_start = shape
    if freq == "DAILY":
        return start - dt.timedelta(days=(start - starts_on).days % interval)
    if freq == "WEEKLY":
        first = starts_on - dt.timedelta(days=(starts_on.weekday() - week_start) % 7)
        this = start - dt.timedelta(days=(start.weekday() - week_start) % 7)
        return this - dt.timedelta(weeks=((this - first).days // 7) % interval)
    months = (start.year - starts_on.year) * 12 + start.month - starts_on.month
    index = start.year * 12 + start.month - 1 - months % interval
    return dt.date(index // 12, index % 12 + 1, 1)
