"""Reading a recurrence as people write it ("every other tuesday at 7pm"), or a raw
RRULE, and a time of day ("19:00", "7pm", "noon")."""

from __future__ import annotations

import datetime as dt
import re

from supportnet.errors import InvalidInput
from supportnet.recurrence.rules import (
    DAY_CODES,
    MONTH_NAMES,
    ONCE,
    Recurrence,
    clean_rule,
    ordinal_order,
    split_until,
)
from supportnet.spans import UNIT_ALIASES
from supportnet.text import typo_hint, whole_number

RECURRENCE_FORMS = (
    "every 2 weeks, every wed 19:00, every other tuesday, monthly on the first sunday, "
    "every weekday, every month on the 15th, or a raw RRULE such as FREQ=WEEKLY;BYDAY=TU"
)

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
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "other": 2,
}  # fmt: skip
#: The words of a unit, as a cadence takes them (``spans.UNIT_ALIASES``: "3 wks", "2 yrs"),
#: but those that in a recurrence are a day ("mon", "mo": Monday).
_UNITS = {
    word: {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}[unit]
    for word, unit in UNIT_ALIASES.items()
    if word not in _WEEKDAY_WORDS
}
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_ADVERBS = {
    "daily": ("DAILY", 1), "weekly": ("WEEKLY", 1), "monthly": ("MONTHLY", 1),
    "yearly": ("YEARLY", 1), "annually": ("YEARLY", 1), "fortnightly": ("WEEKLY", 2),
    "biweekly": ("WEEKLY", 2), "bi-weekly": ("WEEKLY", 2), "fortnight": ("WEEKLY", 2),
    "quarterly": ("MONTHLY", 3), "quarter": ("MONTHLY", 3),
}  # fmt: skip
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


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
    try:
        found = parse_recurrence(phrase)
    except InvalidInput:
        if on and _looks_like_a_date(on):
            raise InvalidInput(  # a date given to --on, as for a one-off plan
                f"With --every, --on names the days of the plan (tue, 15th, first monday); "
                f"for its first date, use --starting {on.strip()!r}."
            ) from None
        raise
    if at:
        if found.time:
            raise InvalidInput("Give the time once: in --every or in --at, not both.")
        return Recurrence(found.rule, parse_time(at))
    return found


def _looks_like_a_date(text: str) -> bool:
    """2026-06-16, 16/6, 16 june: a date, not days of a plan (tue, 15th)."""
    words = re.split(r"[\s.,]+", text.lower())
    if re.search(r"\d{4}|\d[/.-]\d", text):
        return True
    return any(word in _MONTHS for word in words) and bool(re.search(r"\d", text))


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
            f"Could not understand the recurrence {raw.strip()!r}{typo_hint(words, _KNOWN_WORDS)}. "
            f"Try {RECURRENCE_FORMS}."
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
    elif m := re.fullmatch(rf"(?:(\w+) )?({_UNIT})", text):
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


_OTHER_WORDS = (
    "every", "each", "weekday", "weekdays", "weekend", "weekends", "other", "once",
)  # fmt: skip
#: The words a phrase is made of, written out (abbreviations are too short to be
#: told from a typo).
_KNOWN_WORDS = frozenset(
    word
    for words in (_WEEKDAY_WORDS, _ORDINALS, _NUMBERS, _UNITS, _ADVERBS, _MONTHS, _OTHER_WORDS)
    for word in words
    if len(word) >= 4
)


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
    return [f"{o}{DAY_CODES[day]}" for o in sorted(set(ordinals), key=ordinal_order)]


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
        if not m:
            return None
        if not 1 <= int(m.group(1)) <= 31:
            raise InvalidInput(
                f"A month has no day {int(m.group(1))}: its days go from 1 to 31 (or say "
                '"last day").'
            )
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
    except (ValueError, OverflowError):
        from calendar import monthrange

        last = monthrange(2000, month)[1]  # a leap year, as the check above
        raise InvalidInput(
            f"{MONTH_NAMES[month - 1]} has no day {day}; its days go from 1 to {last}."
        ) from None
    return month, day
