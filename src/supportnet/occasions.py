"""Occasions: when a life event or a birthday is in view, and the give/receive words.

Pure: plain values and ``today`` in, plain values out.  No database, no clock.

- A *hard* event (illness, loss...) opens a **check-in** window from
  ``hard_before_days`` before its date to ``hard_after_days`` after it.
- A *happy* event (new job, new baby...) opens a **celebrate** window from
  ``happy_before_days`` before to ``happy_after_days`` after.
- A *yearly* event (an anniversary) opens the same window around every
  anniversary of its date, and a February 29 date falls on February 28 in
  common years, exactly like birthdays (``dates.YearlyDate``).
- A birthday comes into view ``birthday_lead_days`` ahead and stays in view
  until the day itself.

All windows include both ends.  The lengths come from ``[windows]`` in the
config file (``config.DEFAULTS["windows"]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from supportnet.dates import YearlyDate

#: What a window invites you to do, by the tone of the event.
ACTIONS = {"hard": "check in", "happy": "celebrate"}

#: Kinds of life event; others can be added with ``--new-kind``.
EVENT_KINDS = [
    "illness",
    "loss",
    "breakup",
    "job change",
    "move",
    "new baby",
    "graduation",
    "anniversary",
    "other",
]

#: Kinds of favor; others can be added with ``--new-kind``.
FAVOR_KINDS = [
    "meal",
    "listening",
    "ride",
    "errand",
    "help at home",
    "celebration",
    "gift",
    "advice",
    "money",
    "other",
]


class Windows(NamedTuple):
    """How many days before and after an occasion it stays in view."""

    hard_before_days: int = 3
    hard_after_days: int = 14
    happy_before_days: int = 7
    happy_after_days: int = 7
    birthday_lead_days: int = 14

    @classmethod
    def from_settings(cls, values: Windows | Mapping[str, int]) -> Windows:
        """From the ``[windows]`` config section (unknown keys are ignored)."""
        if isinstance(values, Windows):
            return values
        return cls(**{k: int(v) for k, v in values.items() if k in cls._fields})

    def around(self, tone: str) -> tuple[int, int] | None:
        """(days before, days after) for a tone; None when it opens no window."""
        if tone == "hard":
            return self.hard_before_days, self.hard_after_days
        if tone == "happy":
            return self.happy_before_days, self.happy_after_days
        return None

    @property
    def widest_before(self) -> int:
        return max(self.hard_before_days, self.happy_before_days)

    @property
    def widest_after(self) -> int:
        return max(self.hard_after_days, self.happy_after_days)


class Window(NamedTuple):
    """The stretch of days around one occurrence of an event."""

    occurs_on: dt.date  # the event's day (this year's anniversary for a yearly one)
    opens_on: dt.date
    closes_on: dt.date
    action: str  # "check in" or "celebrate"
    years: int | None = None  # for a yearly event: which anniversary (0: the day itself)

    def contains(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.closes_on

    def state(self, today: dt.date) -> str:
        """'ahead' (not open yet), 'open' or 'past'."""
        if today < self.opens_on:
            return "ahead"
        if today > self.closes_on:
            return "past"
        return "open"


def _window(day: dt.date, before: int, after: int, action: str, years: int | None) -> Window:
    return Window(
        occurs_on=day,
        opens_on=day - dt.timedelta(days=before),
        closes_on=day + dt.timedelta(days=after),
        action=action,
        years=years,
    )


def event_window(
    on_date: dt.date | None, tone: str, yearly: bool, today: dt.date, windows: Windows
) -> Window | None:
    """The window of an event that matters on ``today``.

    A one-off event has one window.  For a yearly event it is the window that
    contains ``today``, or else the next one to open (the nearest occurrence if
    two windows overlap).  None for an undated event or one whose tone opens no
    window.
    """
    span = windows.around(tone)
    if on_date is None or span is None:
        return None
    before, after = span
    action = ACTIONS[tone]
    if not yearly:
        return _window(on_date, before, after, action, None)
    origin = YearlyDate(on_date.month, on_date.day, on_date.year)
    # Occurrences whose window could contain today, then the next one after.
    near = origin.occurrences(today - dt.timedelta(days=after), today + dt.timedelta(days=before))
    if near:
        day = min(near, key=lambda d: (abs((d - today).days), d))
    else:
        day = origin.next_on_or_after(max(today + dt.timedelta(days=before + 1), on_date))
    return _window(day, before, after, action, day.year - on_date.year)


def open_window(
    on_date: dt.date | None, tone: str, yearly: bool, today: dt.date, windows: Windows
) -> Window | None:
    """The event's window if it is open on ``today``, else None."""
    window = event_window(on_date, tone, yearly, today, windows)
    return window if window is not None and window.contains(today) else None


def birthday_in_view(birthday: YearlyDate, today: dt.date, lead_days: int) -> dt.date | None:
    """The coming birthday if it is at most ``lead_days`` away (today counts), else None.

    February 29 falls on February 28 in common years.
    """
    upcoming = birthday.next_on_or_after(today)
    return upcoming if (upcoming - today).days <= lead_days else None


def turning(birthday: YearlyDate, occurrence: dt.date) -> int | None:
    """The age reached on ``occurrence`` of the birthday (None when the year is unknown).

    On February 28 of a common year a February 29 baby turns a year older: that
    is the day their birthday is kept.
    """
    return None if birthday.year is None else occurrence.year - birthday.year


def month_days_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """Every (month, day) from ``start`` to ``end`` (both included, at most a year).

    When February 28 of a common year is included, (2, 29) is too: that is the
    day a February 29 birthday or anniversary is kept then.
    """
    found: list[tuple[int, int]] = []
    day = start
    while day <= end and len(found) < 366:
        found.append((day.month, day.day))
        if (day.month, day.day) == (2, 28) and (day + dt.timedelta(days=1)).month == 3:
            found.append((2, 29))
        day += dt.timedelta(days=1)
    return sorted(set(found))


# --- words ---------------------------------------------------------------------------


def times(count: int) -> str:
    """'once', 'twice', '3 times' (and 'no times' for zero)."""
    if count == 1:
        return "once"
    if count == 2:
        return "twice"
    if count == 0:
        return "no times"
    return f"{count} times"


def balance_words(name: str, given: int, received: int) -> str:
    """The give/receive balance with one person over the past year, as words.

    Never a debt: it says what happened each way and nothing about what is owed.
    """
    if given and received:
        return (
            f"You've helped {name} {times(given)} this past year; "
            f"{name} helped you {times(received)}."
        )
    if given:
        return f"You've helped {name} {times(given)} this past year."
    if received:
        return f"{name} helped you {times(received)} this past year."
    return f"No favors recorded either way with {name} this past year."


def describe_window(window: Window, today: dt.date) -> str:
    """'check in now (until 24 June)', 'celebrate from 3 July', 'check-in time ended 2 May'."""
    state = window.state(today)
    if state == "open":
        return f"{window.action} now (until {_short(window.closes_on, today)})"
    if state == "ahead":
        return f"{window.action} from {_short(window.opens_on, today)}"
    return f"ended {_short(window.closes_on, today)}"


def window_sentence(window: Window, today: dt.date) -> str:
    """One sentence about the window, for after an event is noted."""
    state = window.state(today)
    opens, closes = _short(window.opens_on, today), _short(window.closes_on, today)
    if state == "open":
        return f"Time to {window.action}: now until {closes}."
    if state == "ahead":
        return f"Time to {window.action}: from {opens} to {closes}."
    return f"The time to {window.action} ended on {closes}."


def _short(day: dt.date, today: dt.date) -> str:
    text = f"{day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"
