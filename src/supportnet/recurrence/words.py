"""A recurrence in words ("every other Tuesday", "every month on the first Sunday"),
which ``phrases`` reads back to the same rule."""

from __future__ import annotations

import datetime as dt
import re

from supportnet.recurrence.rules import (
    DAY_CODES,
    DAY_NAMES,
    FREQUENCIES,
    MONTH_NAMES,
    ONCE,
    ordinal_order,
    rule_parts,
)
from supportnet.spans import describe_every
from supportnet.text import join_words, ordinal

_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last",
                  -2: "second-to-last"}  # fmt: skip


def describe(rule: str, time: str | None = None) -> str:
    """Words for a rule, which ``parse_recurrence`` reads back to the same rule.

    Rules outside the phrase forms are shown as they are ("FREQ=...").
    """
    words = _describe_rule(rule)
    if words is None:
        words = rule
    return f"{words} at {time}" if time else words


def _describe_rule(rule: str) -> str | None:
    if rule == ONCE:
        return "once"
    parts = rule_parts(rule)
    freq = parts.pop("FREQ", None)
    interval = int(parts.pop("INTERVAL", "1"))
    byday = parts.pop("BYDAY", None)
    monthday = parts.pop("BYMONTHDAY", None)
    month = parts.pop("BYMONTH", None)
    if parts or freq not in FREQUENCIES:
        return None
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[freq]
    every = describe_every(interval, unit)
    if freq == "DAILY":
        return every if not (byday or monthday or month) else None
    if freq == "WEEKLY":
        if monthday or month:
            return None
        if not byday:
            return every
        codes = byday.split(",")
        if any(c not in DAY_CODES for c in codes) or codes != sorted(codes, key=DAY_CODES.index):
            return None
        if codes == list(DAY_CODES[:5]):
            return "every weekday" if interval == 1 else f"{every} on weekdays"
        names = join_words([DAY_NAMES[DAY_CODES.index(c)] for c in codes])
        if interval == 1:
            return f"every {names}"
        return f"every other {names}" if interval == 2 else f"{every} on {names}"
    if freq == "MONTHLY":
        if month:
            return None
        if byday and not monthday:
            nth = _describe_nth(byday)
            if nth is None:
                return None
            return f"{every} on the {nth}"
        if monthday and not byday:
            days = [int(d) for d in monthday.split(",")]
            if days == [-1]:
                return f"{every} on the last day"
            if any(not 1 <= d <= 31 for d in days) or days != sorted(set(days)):
                return None
            return f"{every} on the {join_words([ordinal(d) for d in days])}"
        return every if not (byday or monthday) else None
    # YEARLY
    if byday:
        return None
    if month and monthday and "," not in month + monthday:
        m, d = int(month), int(monthday)
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        try:
            dt.date(2000, m, d)
        except ValueError:
            return None
        return f"{every} on {d} {MONTH_NAMES[m - 1]}"
    return every if not (month or monthday) else None


def _describe_nth(byday: str) -> str | None:
    items = []
    day = None
    for code in byday.split(","):
        m = re.fullmatch(r"([+-]?\d)([A-Z]{2})", code)
        if not m or m.group(2) not in DAY_CODES or int(m.group(1)) not in _ORDINAL_WORDS:
            return None
        if day not in (None, m.group(2)):
            return None
        day = m.group(2)
        items.append(int(m.group(1)))
    if items != sorted(set(items), key=ordinal_order) or day is None:
        return None
    return f"{join_words([_ORDINAL_WORDS[n] for n in items])} {DAY_NAMES[DAY_CODES.index(day)]}"
