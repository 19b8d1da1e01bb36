"""Human dates and birthdays, in one place, on python-dateutil.

Dates are ``datetime.date``. Birthdays without a year are month and day, never a
fake year.  Cadences and lengths of time ("every 2 weeks", "2w") are ``spans``.
Nothing here reads the clock: callers pass ``today``.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import isleap
from typing import Literal, NamedTuple

from supportnet.errors import InvalidInput
from supportnet.spans import UNIT_ALIASES, how_many, parse_days, parse_span, shift
from supportnet.text import typo_hint

Prefer = Literal["past", "future"] | None

DATE_FORMS = "2026-03-14, 14 March, March 14, today, yesterday, 3 days ago or last friday"
#: The forms named for a day still to come (a plan, its --until, a skip, a snooze).
FUTURE_DATE_FORMS = "tomorrow, in 3 days, next friday, 24 December or 2026-12-24"
ANY_DATE_FORMS = "2026-03-14, 14 March, yesterday, 3 days ago, in 2 weeks or next friday"

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip


def weekday_number(word: str) -> int | None:
    """0 for Monday ... 6 for Sunday, from a day name or abbreviation."""
    return _WEEKDAYS.get(word.strip().lower().rstrip("."))


# The years supportnet keeps: far enough for a grandparent's birthday and a
# plan's end, near enough that every window and span around them stays a date.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199


def check_year(day: dt.date, raw: str) -> dt.date:
    """``day`` itself, or InvalidInput when it lies outside the years supportnet keeps."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise InvalidInput(_too_far(raw))
    return day


def _too_far(raw: str) -> str:
    keeps = f"supportnet keeps dates from {EARLIEST_YEAR} to {LATEST_YEAR}"
    return f"{raw.strip()!r} is too far away: {keeps}."


def parse_date(text: str, today: dt.date, prefer: Prefer = None) -> dt.date:
    """Understand a date as people write it.

    ``prefer`` settles dates written without a year or as a bare weekday:
    ``"past"`` picks the most recent such day (for things that happened),
    ``"future"`` the next one (for plans and events), ``None`` this year / the
    coming weekday.  Dates outside 1900-2199 are refused.
    """
    return check_year(_parse_date(text, today, prefer), text)


def check_since(day: dt.date, today: dt.date) -> dt.date:
    """``day`` itself, or InvalidInput when a ``--since`` lies after today: every
    listing and look-back (history, favors, check-in list, review, report) counts
    from a day that has come."""
    if day > today:
        raise InvalidInput(f"--since {day.isoformat()} is after today; give an earlier date.")
    return day


def parse_since(text: str | None, today: dt.date) -> dt.date | None:
    """A ``--since DATE`` as every command reads it: None when not given, else a
    day in the past (``prefer="past"``) up to today (``check_since``).  A period
    means its first day (``period_start``): ``--since 2025``, ``--since March``."""
    if text is None:
        return None
    day = period_start(text, today)
    if day is None:
        day = parse_date(text, today, prefer="past")
    return check_since(check_year(day, text), today)


def period_start(text: str, today: dt.date) -> dt.date | None:
    """The first day of the period ``text`` names, for the start of a look-back:
    a year (2025), a month of a year (2025-03, March 2025), a month alone (its most
    recent 1st up to ``today``: "march" in June is 1 March this year, in February
    last year's), or this week (its Monday), this month, this year.  None for
    anything else (a day, which ``parse_date`` reads)."""
    text = " ".join(text.strip().lower().replace(",", " ").split())
    if text == "this week":
        return today - dt.timedelta(days=today.weekday())
    if text == "this month":
        return today.replace(day=1)
    if text == "this year":
        return today.replace(month=1, day=1)
    if re.fullmatch(r"\d{4}", text):
        return _first_of(int(text), 1, text)
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})", text)
    if m:
        return _first_of(int(m.group(1)), int(m.group(2)), text)
    m = re.fullmatch(r"(?P<name>[a-z]+)\.?(?: (?P<year>\d{4}))?", text) or re.fullmatch(
        r"(?P<year>\d{4}) (?P<name>[a-z]+)", text
    )
    if not m:
        return None
    name, year = m.group("name"), m.group("year")
    from dateutil import parser

    month = parser.parserinfo().month(name)
    if month is None:
        return None
    if year is not None:
        return _first_of(int(year), month, text)
    first = today.replace(month=month, day=1)
    return first if first <= today else first.replace(year=today.year - 1)


def _first_of(year: int, month: int, raw: str) -> dt.date:
    """The 1st of ``month`` in ``year``, or InvalidInput (2025-13, the year 0000)."""
    if not 1 <= month <= 12:
        raise InvalidInput(f"{raw!r} is not a month of the calendar.")
    return check_year(dt.date(max(year, dt.MINYEAR), month, 1), raw)


def _forms(prefer: Prefer) -> str:
    """The forms a date's error names: past, still to come, or both (a life event's)."""
    return {"past": DATE_FORMS, "future": FUTURE_DATE_FORMS}.get(prefer or "", ANY_DATE_FORMS)


def _not_understood(raw: str, text: str, prefer: Prefer) -> str:
    """The one message for a date not understood, with "did you mean" for a typo of a
    word of dates ("tomorow", "fridy", "decmber")."""
    hint = typo_hint(text, _DATE_WORDS)
    return f"Could not understand the date {raw.strip()!r}{hint}. Try {_forms(prefer)}."


#: The words dates are written with (``text.typo_hint`` judges typos of them).
_DATE_WORDS = frozenset(
    word
    for word in (
        "today", "tomorrow", "yesterday", "next", "last", "days", "weeks", "months", "years",
        *_WEEKDAYS, "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december",
    )
    if len(word) >= 4
)  # fmt: skip


def _parse_date(text: str, today: dt.date, prefer: Prefer) -> dt.date:
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise InvalidInput(f"A date is needed. Try {_forms(prefer)}.")
    if text in ("today", "now", "this morning", "this afternoon", "this evening", "tonight",
                "earlier today"):  # fmt: skip
        return today
    if text in ("yesterday", "last night", "yesterday evening", "yesterday morning",
                "yesterday afternoon"):  # fmt: skip
        return today - dt.timedelta(days=1)
    # "a couple of days ago", "a fortnight ago", "this past friday": the plain forms.
    text = re.sub(r"^(in )?(?:a )?couple (?:of )?", r"\g<1>2 ", text)
    text = re.sub(r"^(in )?(?:a|one) fortnight\b", r"\g<1>2 weeks", text)
    text = re.sub(r"^this past ", "last ", text)
    if text in ("the day before yesterday", "day before yesterday"):
        return today - dt.timedelta(days=2)
    if text == "tomorrow":
        return today + dt.timedelta(days=1)

    m = re.fullmatch(r"(\d+|[a-z]+) ?([a-z]+) ago", text)
    if m and how_many(m.group(1)) is not None and m.group(2) in UNIT_ALIASES:
        return shift(today, -how_many(m.group(1)), UNIT_ALIASES[m.group(2)])  # type: ignore[operator]
    m = re.fullmatch(r"in (\d+|[a-z]+) ?([a-z]+)", text)
    if m and how_many(m.group(1)) is not None and m.group(2) in UNIT_ALIASES:
        return shift(today, how_many(m.group(1)), UNIT_ALIASES[m.group(2)])  # type: ignore[arg-type]
    if text in ("last week", "next week", "last month", "next month", "last year", "next year"):
        sign = -1 if text.startswith("last") else 1
        return shift(today, sign, text.split()[1])

    m = re.fullmatch(r"(last|next|this)? ?([a-z]+)\.?", text)
    if m and weekday_number(m.group(2)) is not None:
        target = weekday_number(m.group(2))
        back = (today.weekday() - target) % 7  # type: ignore[operator]
        ahead = (target - today.weekday()) % 7  # type: ignore[operator]
        if m.group(1) == "last":
            return today - dt.timedelta(days=back or 7)
        if m.group(1) == "next":
            return today + dt.timedelta(days=ahead or 7)
        if prefer == "past" and not m.group(1):
            return today - dt.timedelta(days=back)
        return today + dt.timedelta(days=ahead)

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    return _parse_calendar_date(raw, text, today, prefer)


def _parse_calendar_date(raw: str, text: str, today: dt.date, prefer: Prefer) -> dt.date:
    problem = _not_understood(raw, text, prefer)
    if not re.search(r"\d", text) or not re.fullmatch(r"[\w\s,./-]+", text):
        raise InvalidInput(problem)
    _refuse_short_year(raw, text)
    numeric = _numeric_date(raw, text)
    impossible = _impossible_day(raw, text)
    if impossible:
        raise InvalidInput(impossible)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if numeric is None and iso:  # 2026-13-01: the same precise answer as for a birthday
        numeric = _checked(raw, *(int(part) for part in iso.groups()))
    if numeric is None and not re.search(r"\d{4}", text):
        try:
            numeric = _yearly_tuple(parse_yearly_date(text))
        except InvalidInput:
            raise InvalidInput(problem) from None
    if numeric is not None:
        year, month, day = numeric
        if year is not None:
            return dt.date(year, month, day)
        if (month, day) == (2, 29):
            return _leap_day_without_year(raw, today, prefer)
        parsed = _same_day_in_year(month, day, today.year)
        if prefer == "past" and parsed > today:
            parsed = _same_day_in_year(month, day, today.year - 1)
        elif prefer == "future" and parsed < today:
            parsed = _same_day_in_year(month, day, today.year + 1)
        return parsed
    if not re.search(r"[a-z]", text) and not re.fullmatch(r"\d{4}[\s./-].*|\d{8}", text):
        # Numbers alone, not year first: only the forms above say which is the day;
        # dateutil would guess, month first (070626 as 6 July 2026).
        raise InvalidInput(problem)
    parsed = _dateutil_day(text)
    if parsed is None:
        raise InvalidInput(problem)
    return parsed


def _refuse_short_year(raw: str, text: str) -> None:
    """A day written with a year of two digits (01.11.26, 14/3/90): which century, and
    which part is the year, are for the user to say."""
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2}", text):
        raise InvalidInput(f"{raw.strip()!r}: write the year with all four digits.")


def _leap_day_without_year(raw: str, today: dt.date, prefer: Prefer) -> dt.date:
    """February 29 written without a year.

    Something that happened (``past``) was on the most recent February 29, as any
    date without a year is the most recent one. Otherwise this year's is this
    year's (for something to come, while it is still ahead); else the year is
    asked for rather than the day quietly moved to February 28 (a yearly event
    kept from that day would lose its 29th for good, a plan would be a day early).
    """
    # Leap years are at most eight years apart (1896, 1904).
    leap_years = range(max(today.year - 8, dt.MINYEAR), min(today.year + 8, dt.MAXYEAR) + 1)
    if prefer == "past":
        latest = max(
            (year for year in leap_years if isleap(year) and dt.date(year, 2, 29) <= today),
            default=None,
        )
        if latest is None:
            raise InvalidInput(_too_far(raw))
        return dt.date(latest, 2, 29)
    if isleap(today.year) and (prefer != "future" or dt.date(today.year, 2, 29) >= today):
        return dt.date(today.year, 2, 29)
    before = max((year for year in leap_years if isleap(year) and year < today.year), default=0)
    after = min((year for year in leap_years if isleap(year) and year > today.year), default=0)
    if prefer == "future":
        why = f"{today.year} has no February 29" if not isleap(today.year) else "it has passed"
        raise InvalidInput(f"{raw.strip()!r} needs a year: {why}. Write {after}-02-29.")
    raise InvalidInput(
        f"{raw.strip()!r} needs a year: {today.year} has no February 29. "
        f"Write {before}-02-29 or {after}-02-29."
    )


def _yearly_tuple(yearly: YearlyDate) -> tuple[int | None, int, int]:
    return yearly.year, yearly.month, yearly.day


def _dateutil_day(text: str) -> dt.date | None:
    """dateutil's reading of ``text``, or None when it misses a day or a month.

    Parsing twice with different defaults shows what the text itself gave:
    "june 2026" or a bare "2026" is not a day.
    """
    from dateutil import parser

    try:
        first = parser.parse(text, default=dt.datetime(2000, 1, 1))
        second = parser.parse(text, default=dt.datetime(2000, 3, 2))
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if (first.month, first.day) != (second.month, second.day):
        return None
    years = [int(year) for year in re.findall(r"\b\d{4}\b", text)]
    if years and years[-1] != first.year:
        # dateutil reads the year 0000 as 2000 ("march 3 0000").
        if years[-1] < dt.MINYEAR:
            raise InvalidInput(_too_far(text))
        return None
    return first.date()


def _day_month_words(a: int, b: int) -> str:
    return f"{a} {dt.date(2000, b, 1):%B}"


def _numeric_date(raw: str, text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from ``14.3.``, ``14.03.1990``, ``2/29``, ``3/14/1990``,
    ``14-3-1990``.

    Dots are day first (as in most of Europe).  With slashes the day is the part
    above 12 (2/29 and 29/2 are both February 29); when both parts could be a
    month (3/4) the date is refused rather than guessed.
    """
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.?(?:(\d{4}))?", text)
    if m:
        day, month = int(m.group(1)), int(m.group(2))
        return _checked(raw, int(m.group(3)) if m.group(3) else None, month, day)
    # 7-6-2026 and 7 6 2026 are as open to both readings as 7/6/2026 (dateutil would
    # take the month first); without a year, 03-14 stays the month and day of a birthday.
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", text) or re.fullmatch(
        r"(\d{1,2})[- ](\d{1,2})[- ](\d{4})", text
    )
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    year = int(m.group(3)) if m.group(3) else None
    if a > 12 >= b:
        return _checked(raw, year, b, a)
    if b > 12 >= a or a == b:
        return _checked(raw, year, a, b)
    if a > 12 and b > 12:
        raise InvalidInput(f"{raw.strip()!r} is not a day of the calendar.")
    raise InvalidInput(
        f"{raw.strip()!r} could be {_day_month_words(b, a)} or {_day_month_words(a, b)}. "
        f"Write the month as a word ({_day_month_words(b, a)}) or as year-month-day."
    )


def _checked(raw: str, year: int | None, month: int, day: int) -> tuple[int | None, int, int]:
    if year is not None and not dt.MINYEAR <= year <= dt.MAXYEAR:  # the year 0000
        raise InvalidInput(_too_far(raw))
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        raise InvalidInput(_not_a_day(raw, year, month, day)) from None
    return year, month, day


def _not_a_day(raw: str, year: int | None, month: int, day: int) -> str:
    message = f"{raw.strip()!r} is not a day of the calendar"
    if 1 <= month <= 12 and day >= 1:
        name = dt.date(2000, month, 1).strftime("%B")
        if month == 2 and day == 29 and year:
            message += f" ({year} is not a leap year)"
        else:
            import calendar

            length = calendar.monthrange(year or 2000, month)[1]
            at_most = "at most " if year is None and month == 2 else ""
            message += f" ({name} has {at_most}{length} days)"
    return message + "."


#: A date year first, its parts apart by one sign: 1990-03-14, 1990/03/14, 1990.3.14.
_YEAR_FIRST = r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"


def _impossible_day(raw: str, text: str) -> str | None:
    """A message when ``text`` names a month and a day it does not have (Feb 30)."""
    text = text.replace(",", " ")
    m = re.fullmatch(_YEAR_FIRST, text)
    if m:
        year, month, day = (int(g) for g in m.group(1, 3, 4))
    else:
        from dateutil import parser

        words = r"(?P<name>[a-z]+)\.?"
        number = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        year_part = r"(?: (?P<year>\d{4}))?"
        m = re.fullmatch(rf"{words} {number}{year_part}", " ".join(text.split())) or re.fullmatch(
            rf"{number} (?:of )?{words}{year_part}", " ".join(text.split())
        )
        if not m or not parser.parserinfo().month(m.group("name")):
            return None
        month = parser.parserinfo().month(m.group("name"))
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        if 1 <= month <= 12 and day >= 1:
            return _not_a_day(raw, year, month, day)
    return None


def _same_day_in_year(month: int, day: int, year: int) -> dt.date:
    """The given month and day in ``year``; February 29 becomes February 28."""
    if month == 2 and day == 29 and not isleap(year):
        day = 28
    return dt.date(year, month, day)


# --- birthdays and other yearly dates ---------------------------------------------

BIRTHDAY_FORMS = "1990-03-14, 03-14, March 14 or 14 March (the year is optional)"


class YearlyDate(NamedTuple):
    """A day of the year, with the year it started when known (a birthday)."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        if self.year:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"--{self.month:02d}-{self.day:02d}"

    def describe(self) -> str:
        """'14 March 1990' or '14 March'."""
        name = dt.date(2000, self.month, self.day).strftime("%B")
        return f"{self.day} {name}" + (f" {self.year}" if self.year else "")

    def next_on_or_after(self, day: dt.date) -> dt.date:
        """The next time this date comes round, counting ``day`` itself.

        February 29 falls on February 28 in common years: the last day of
        February, which keeps the celebration inside the birthday month.
        """
        this_year = _same_day_in_year(self.month, self.day, day.year)
        if this_year >= day:
            return this_year
        return _same_day_in_year(self.month, self.day, day.year + 1)

    def occurrences(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every occurrence between ``start`` and ``end``, both included."""
        found = []
        for year in range(start.year, end.year + 1):
            when = _same_day_in_year(self.month, self.day, year)
            if start <= when <= end and (self.year is None or year >= self.year):
                found.append(when)
        return found

    def age_on(self, day: dt.date) -> int | None:
        """Completed years on ``day`` (the birthday itself counts), or None."""
        if self.year is None or day.year < self.year:
            return None
        return day.year - self.year - ((day.month, day.day) < (self.month, self.day))


def parse_yearly_date(text: str, today: dt.date | None = None) -> YearlyDate:
    """Parse a birthday: ``1990-03-14``, ``03-14``, ``--0314``, ``March 14``...

    With ``today``, a date with a year still to come is refused (a birthday's
    year is the year of birth), and a day said relative to today ("today",
    "tomorrow", "last friday", "in 5 days") gives its month and day.
    """
    try:
        yearly = _parse_yearly_date(text)
    except InvalidInput as error:
        if today is None or not re.search(r"[a-z]", text.lower()):
            raise
        try:
            day = parse_date(text, today)
        except InvalidInput:
            raise error from None
        # A year written out (14-Mar-1990) is the year of birth, not to be dropped.
        written = re.search(r"\d{4}", text) is not None
        yearly = YearlyDate(day.month, day.day, day.year if written else None)
    year = yearly.year
    if today is not None and year is not None and dt.date(year, yearly.month, yearly.day) > today:
        raise InvalidInput(
            f"{text.strip()!r} is still to come; a birthday's year is the year of birth "
            "(or leave the year out)."
        )
    return yearly


def _parse_yearly_date(text: str) -> YearlyDate:
    raw = text
    text = text.strip().lower().replace(",", " ")
    text = " ".join(text.split())
    year: int | None = None
    month = day = None
    numeric = _numeric_date(raw, text)
    impossible = _impossible_day(raw, text)
    m = re.fullmatch(_YEAR_FIRST, text) or re.fullmatch(r"(\d{4})()(\d{2})(\d{2})", text)
    if impossible:
        raise InvalidInput(impossible)
    if numeric is not None:
        year, month, day = numeric
    elif m:
        year, month, day = (int(g) for g in m.group(1, 3, 4))
    elif m := re.fullmatch(r"(?:--)?(\d{1,2})-(\d{1,2})|--(\d{2})(\d{2})", text):
        groups = [g for g in m.groups() if g is not None]
        month, day = int(groups[0]), int(groups[1])
    elif (
        re.search(r"[a-z]", text) and re.search(r"\d", text) and re.fullmatch(r"[a-z0-9 .]+", text)
    ):
        # 2000 is a leap year, so "February 29" without a year parses.
        parsed = _dateutil_day(text)
        has_year = bool(re.search(r"\d{4}", text))
        # A stray number read as the year ("32 march") is not a date.
        if parsed is not None and (has_year or parsed.year == 2000):
            month, day = parsed.month, parsed.day
            year = parsed.year if has_year else None
    if month is None or day is None:
        _refuse_short_year(raw, text)
        raise InvalidInput(f"Could not understand the date {raw.strip()!r}. Try {BIRTHDAY_FORMS}.")
    _checked(raw, year, month, day)
    if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
        check_year(dt.date(year, month, day), raw)
    return YearlyDate(month=month, day=day, year=year)


# --- spans from a day --------------------------------------------------------------


def after_span(text: str, start: dt.date, what: str = "length of time") -> dt.date:
    """The day ``parse_days``'s words ("a month", "2w") after ``start``, by the calendar:
    a month after 31 January is 28 February, as "a month ago" counts back."""
    parse_days(text, what)  # the same words and the same longest span
    return check_year(shift(start, *parse_span(text, what)), text)


def when_words(day: dt.date, today: dt.date) -> str:
    """When something is, in a sentence: 'today', 'tomorrow', 'on Tuesday' (within a
    week), 'on 16 June'."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if 1 < days < 7:
        return f"on {day:%A}"
    return f"on {day.day} {day:%B}"


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """'14 March 2026', or with ``weekday`` 'Sat 14 March 2026'."""
    text = f"{day.day} {day:%B %Y}"
    return f"{day:%a} {text}" if weekday else text


def describe_day(day: dt.date, today: dt.date, *, weekday: bool = False) -> str:
    """'today', 'yesterday', or 'on 14 March 2026' (for something that happened)."""
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    return f"on {long_date(day, weekday=weekday)}"


def describe_span(days: float) -> str:
    """How long a stretch of days is, in words: 'a day', '9 days', '2 weeks' (from 14
    days), '5 weeks', '3 months' (from 60), '2 years' (from 730)."""
    days = int(days)
    if days <= 1:
        return "a day"
    if days < 14:
        return f"{days} days"
    if days < 60:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"


def describe_ago(day: dt.date, today: dt.date) -> str:
    """'today', 'yesterday', '12 days ago', '2 weeks ago', '3 months ago'
    (``describe_span`` of the days since)."""
    days = (today - day).days
    if days < 0:
        return describe_until(day, today)
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{describe_span(days)} ago"


def describe_until(day: dt.date, today: dt.date) -> str:
    """'today', 'tomorrow', 'in 3 days'."""
    days = (day - today).days
    if days < 0:
        return describe_ago(day, today)
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"
