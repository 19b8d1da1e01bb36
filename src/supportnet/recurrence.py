"""Recurring dates: human phrases to RFC 5545 RRULEs, and their occurrences.

"every 2 weeks on tue", "monthly on the first sunday", "every weekday",
"every wed 19:00" or a raw ``FREQ=WEEKLY;BYDAY=TU`` become a ``Recurrence``: the
RRULE text (without DTSTART or UNTIL) and an optional wall-clock time.  The
occurrences themselves always come from ``dateutil.rrule``: no recurrence
arithmetic is done by hand here.

Recurrences are about whole days: the rule picks the dates, the time is the same
on every one of them.  Hourly rules and BYHOUR/BYMINUTE/BYSECOND are refused.
Nothing here reads the clock or the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from supportnet.errors import InvalidInput
from supportnet.text import whole_number

RECURRENCE_FORMS = (
    "every 2 weeks, every wed 19:00, every other tuesday, monthly on the first sunday, "
    "every weekday, every month on the 15th, or a raw RRULE such as FREQ=WEEKLY;BYDAY=TU"
)

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_RULE_PARTS = (
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYYEARDAY",
    "BYWEEKNO", "BYSETPOS", "WKST",
)  # fmt: skip
_CLOCK_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_WORDS = {
    "monday": 0, "mon": 0, "mondays": 0, "tuesday": 1, "tue": 1, "tues": 1, "tuesdays": 1,
    "wednesday": 2, "wed": 2, "wednesdays": 2, "thursday": 3, "thu": 3, "thur": 3,
    "thurs": 3, "thursdays": 3, "friday": 4, "fri": 4, "fridays": 4, "saturday": 5,
    "sat": 5, "saturdays": 5, "sunday": 6, "sun": 6, "sundays": 6,
    "mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "5th": 5, "last": -1, "second-to-last": -2, "second last": -2,
}  # fmt: skip
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last",
                  -2: "second-to-last"}  # fmt: skip
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "other": 2,
}  # fmt: skip
_UNITS = {
    "day": "DAILY", "days": "DAILY", "d": "DAILY", "week": "WEEKLY", "weeks": "WEEKLY",
    "w": "WEEKLY", "month": "MONTHLY", "months": "MONTHLY", "m": "MONTHLY",
    "year": "YEARLY", "years": "YEARLY", "y": "YEARLY",
}  # fmt: skip
_ADVERBS = {
    "daily": ("DAILY", 1), "weekly": ("WEEKLY", 1), "monthly": ("MONTHLY", 1),
    "yearly": ("YEARLY", 1), "annually": ("YEARLY", 1), "fortnightly": ("WEEKLY", 2),
    "biweekly": ("WEEKLY", 2), "quarterly": ("MONTHLY", 3),
}  # fmt: skip
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Recurrence:
    """An RFC 5545 RRULE (without DTSTART and UNTIL) and an optional "HH:MM"."""

    rule: str
    time: str | None = None
    until: dt.date | None = None  # from an UNTIL inside a raw rule


# --- reading a phrase ---------------------------------------------------------------


def parse_recurrence(text: str) -> Recurrence:
    """Understand a recurrence as people write it, or a raw RRULE.

    Raises ``InvalidInput`` naming the accepted forms when it cannot.
    """
    raw = text.strip()
    if re.match(r"(?i)(rrule:)?\s*freq\s*=", raw):
        rule, until = split_until(clean_rule(raw))
        return Recurrence(rule, None, until)
    words = " ".join(raw.lower().replace(",", " ").replace(";", " ").split())
    time, words = _take_time(words, raw)
    rule = _parse_phrase(words, raw)
    return Recurrence(clean_rule(rule), time)


def recurrence_from_options(
    every: str | None, on: str | None = None, at: str | None = None
) -> Recurrence:
    """Combine ``--every "2 weeks" --on tue --at 10:00`` into one recurrence."""
    if not every:
        raise InvalidInput("Say how often with --every (for example --every week).")
    phrase = every.strip()
    if re.match(r"(?i)(rrule:)?\s*freq\s*=", phrase):
        if on:
            raise InvalidInput("With a raw RRULE, put the days inside it (BYDAY=TU), not in --on.")
        found = parse_recurrence(phrase)
        return Recurrence(found.rule, parse_time(at) if at else None, found.until)
    lowered = phrase.lower()
    if not re.match(r"(every|each|daily|weekly|monthly|yearly|annually|fortnightly|biweekly"
                    r"|the |first|second|third|fourth|fifth|last|\d+(st|nd|rd|th))",
                    lowered):  # fmt: skip
        phrase = "every " + phrase
    if on:
        phrase += " on " + on
    found = parse_recurrence(phrase)
    if at:
        if found.time:
            raise InvalidInput("Give the time once: in --every or in --at, not both.")
        return Recurrence(found.rule, parse_time(at))
    return found


_TIME = re.compile(
    r"(?:^|\s)(?:at\s+)?(?P<time>(?P<h>\d{1,2})(?::|h|\.)?(?P<m>\d{2})?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
    r"|noon|midday)(?=\s|$)"
)


def parse_time(text: str) -> str:
    """'19:00', '7pm', '7:30 pm', '0930', 'noon' -> 'HH:MM'."""
    value = text.strip().lower()
    if value in ("noon", "midday"):
        return "12:00"
    m = re.fullmatch(r"(\d{1,2})(?:[:h.]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", value)
    if not m:
        raise InvalidInput(f"Could not understand the time {text.strip()!r}. Try 19:00 or 7pm.")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    ampm = (m.group(3) or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise InvalidInput(f"{text.strip()!r} is not a time of day.")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif m.group(2) is None:
        raise InvalidInput(_bare_hour_message(text.strip(), hour))
    if hour > 23 or minute > 59:
        raise InvalidInput(f"{text.strip()!r} is not a time of day.")
    return f"{hour:02d}:{minute:02d}"


def _bare_hour_message(text: str, hour: int) -> str:
    if hour > 23:
        return f"{text!r} is not a time of day."
    if hour > 12 or hour == 0:
        return f"Could not understand the time {text!r}. Write it as {hour}:00."
    evening = hour + 12 if hour < 12 else 12
    return (
        f"{text!r} could be morning or evening: write {hour}:00 or {evening}:00 "
        f"({hour}am or {hour}pm)."
    )


def _take_time(words: str, raw: str) -> tuple[str | None, str]:
    """Find the one time of day in a phrase; return it and the phrase without it."""
    found = []
    for m in _TIME.finditer(words):
        piece = m.group("time")
        following = words[m.end() :].split()[:1]
        if following and following[0] in _UNITS and not m.group(0).strip().startswith("at "):
            continue  # "every 1000 days" counts days: it is not 10:00
        # A bare number is a day of the month or a count, not a time...
        if piece not in ("noon", "midday") and m.group("m") is None and m.group("ampm") is None:
            # ... unless "at" says it is one ("every weekday at 8").
            if m.group(0).strip().startswith("at "):
                raise InvalidInput(_bare_hour_message(f"at {piece}", int(m.group("h"))))
            continue
        found.append(m)
    if not found:
        return None, words
    if len(found) > 1:
        raise InvalidInput(f"{raw.strip()!r} has more than one time of day; give one.")
    m = found[0]
    rest = (words[: m.start()] + " " + words[m.end() :]).split()
    if rest and rest[-1] == "at":
        rest.pop()
    return parse_time(m.group("time")), " ".join(rest)


def _parse_phrase(words: str, raw: str) -> str:
    def fail() -> InvalidInput:
        return InvalidInput(
            f"Could not understand the recurrence {raw.strip()!r}. Try {RECURRENCE_FORMS}."
        )

    if words == "once":
        return ONCE
    words = re.sub(r"\bof (every|each) month\b", "of the month", words)
    tokens = words.split()
    if not tokens:
        raise fail()
    head, tail = _split_on(tokens)

    freq: str | None = None
    interval = 1
    byday: list[str] = []
    monthday: list[int] = []
    month: int | None = None

    h = list(head)
    if h and h[0] in ("every", "each"):
        h = h[1:]
        if not h:
            raise fail()
    elif h and h[0] == "on":
        h = h[1:]
    text = " ".join(h)
    if text in _ADVERBS:
        freq, interval = _ADVERBS[text]
    elif text in ("weekday", "weekdays"):
        freq, byday = "WEEKLY", list(DAY_CODES[:5])
    elif text in ("weekend", "weekends"):
        freq, byday = "WEEKLY", ["SA", "SU"]
    elif m := re.fullmatch(r"(?:(\w+) )?(days?|weeks?|months?|years?|d|w|m|y)", text):
        count = _count(m.group(1)) if m.group(1) else 1
        if count is None:
            raise fail()
        freq, interval = _UNITS[m.group(2)], count
    # "every 2nd tuesday", like "every second tuesday" and "every last thursday", is a
    # day of the month (how groups announce their meetings); "every 2 tuesdays" and
    # "every other tuesday" count weeks.
    elif m := re.fullmatch(r"(?:(other|\d+|two|three) )?([a-z0-9 ]+?)", text):
        days = _weekdays(m.group(2))
        if days is not None:
            freq, byday = "WEEKLY", days
            if m.group(1):
                amount = _count(m.group(1))
                if amount is None:
                    raise fail()
                interval = amount
        else:
            monthly = _monthly_days(text)
            if monthly is None:
                raise fail()
            freq, byday = "MONTHLY", monthly
    else:
        raise fail()

    if tail:
        text = " ".join(tail)
        if freq == "WEEKLY" and not byday and (days := _weekdays(text)) is not None:
            byday = days
        elif freq in ("MONTHLY", "YEARLY") and not byday and (nth := _monthly_days(text)):
            byday = nth
        elif freq == "MONTHLY" and not byday and (dom := _month_days(text)) is not None:
            monthday = dom
        elif freq == "YEARLY" and not byday and (md := _month_and_day(text)) is not None:
            month, monthday = md[0], [md[1]]
        else:
            raise fail()
    parts = [f"FREQ={freq}"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    if month is not None:
        parts.append(f"BYMONTH={month}")
    if monthday:
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in monthday))
    if byday:
        parts.append("BYDAY=" + ",".join(byday))
    return ";".join(parts)


def _split_on(tokens: list[str]) -> tuple[list[str], list[str]]:
    """'every 2 weeks on tue' -> (['every', '2', 'weeks'], ['tue'])."""
    if "on" in tokens[1:]:
        at = tokens.index("on", 1)
        tail = tokens[at + 1 :]
        if tail and tail[0] == "the":
            tail = tail[1:]
        return tokens[:at], tail
    return tokens, []


#: The most periods a phrase may put between two dates ("every 999 weeks").
MAX_PHRASE_COUNT = 999


def _count(word: str) -> int | None:
    value = whole_number(word)
    if value is not None and value > MAX_PHRASE_COUNT:
        shown = word if len(word) <= 24 else word[:20] + "…"
        raise InvalidInput(
            f"Every {shown} is further apart than a plan goes: at most every "
            f"{MAX_PHRASE_COUNT} days, weeks, months or years."
        )
    if value is not None:
        return value if value > 0 else None
    return _NUMBERS.get(word)


def _weekdays(text: str) -> list[str] | None:
    """'tue', 'tuesdays and thursdays', 'mon wed fri' -> day codes in week order."""
    words = [w for w in text.replace("/", " ").replace("+", " ").split() if w != "and"]
    if not words:
        return None
    numbers = []
    for word in words:
        if word in ("weekday", "weekdays"):
            numbers.extend(range(5))
            continue
        number = _WEEKDAY_WORDS.get(word.rstrip("."))
        if number is None:
            return None
        numbers.append(number)
    return [DAY_CODES[n] for n in sorted(set(numbers))]


def _monthly_days(text: str) -> list[str] | None:
    """'first sunday', 'first and third monday of the month', 'last friday' -> ['1SU']."""
    text = re.sub(r"\s*of the month$", "", text).replace("second to last", "second-to-last")
    text = text.replace("second last", "second-to-last")
    words = [w for w in text.split() if w not in ("and", "the")]
    if len(words) < 2:
        return None
    day = _WEEKDAY_WORDS.get(words[-1])
    if day is None:
        return None
    ordinals = [_ORDINALS.get(w) for w in words[:-1]]
    if not ordinals or any(o is None for o in ordinals):
        return None
    return [f"{o}{DAY_CODES[day]}" for o in sorted(set(ordinals), key=_ordinal_order)]


def _ordinal_order(n: int | None) -> int:
    assert n is not None
    return n if n > 0 else 100 - n


def _month_days(text: str) -> list[int] | None:
    """'15th', '1st and 15th', 'last day', 'day 3' -> BYMONTHDAY values."""
    text = re.sub(r"\s*of the month$", "", text)
    if text in ("last day", "last"):
        return [-1]
    text = re.sub(r"^day ", "", text)
    values = []
    for word in text.split():
        if word == "and":
            continue
        m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", word)
        if not m or not 1 <= int(m.group(1)) <= 31:
            return None
        values.append(int(m.group(1)))
    return sorted(set(values)) or None


def _month_and_day(text: str) -> tuple[int, int] | None:
    """'march 14', '14 march' -> (3, 14), checked against a leap year."""
    words = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text).split()
    if len(words) != 2:
        return None
    a, b = words
    if a in _MONTHS and (number := whole_number(b)) is not None:
        month, day = _MONTHS[a], number
    elif b in _MONTHS and (number := whole_number(a)) is not None:
        month, day = _MONTHS[b], number
    else:
        return None
    try:
        dt.date(2000, month, day)
    except ValueError:
        return None
    return month, day


# --- raw rules --------------------------------------------------------------------

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

    try:
        rrulestr(rule, dtstart=dt.datetime(2026, 1, 1))
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
            m = re.match(r"(\d{4})(\d{2})(\d{2})", value)
            if not m:
                raise InvalidInput(f"UNTIL={value} is not a date.")
            until = dt.date(*(int(g) for g in m.groups()))
        else:
            kept.append(part)
    return ";".join(kept), until


def rule_parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";") if part)


# --- occurrences ------------------------------------------------------------------


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
        raise InvalidInput(f"The rule {rule} never produces a date.")


# --- words ------------------------------------------------------------------------


def describe(rule: str, time: str | None = None) -> str:
    """Words for a rule, which ``parse_recurrence`` reads back to the same rule.

    Rules outside the phrase forms are shown as they are ("FREQ=...").
    """
    words = _describe_rule(rule)
    if words is None:
        words = rule
    return f"{words} at {time}" if time else words


ONCE = "FREQ=DAILY;COUNT=1"


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
    every = f"every {unit}" if interval == 1 else f"every {interval} {unit}s"
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
        names = _join([DAY_NAMES[DAY_CODES.index(c)] for c in codes])
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
            return f"{'monthly' if interval == 1 else every} on the {nth}"
        if monthday and not byday:
            days = [int(d) for d in monthday.split(",")]
            if days == [-1]:
                return f"{every} on the last day"
            if any(not 1 <= d <= 31 for d in days) or days != sorted(set(days)):
                return None
            return f"{every} on the {_join([_nth_day(d) for d in days])}"
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
        return f"{every} on {d} {_MONTH_NAMES[m - 1]}"
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
    if items != sorted(set(items), key=_ordinal_order) or day is None:
        return None
    return f"{_join([_ORDINAL_WORDS[n] for n in items])} {DAY_NAMES[DAY_CODES.index(day)]}"


def _nth_day(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
