"""When reminders run: a time of day, the days of the daily digest, the weekly day;
and noticing, kindly, when nothing ran for longer than that.

Pure: words in, a ``Schedule`` out, and the days it runs on.  Days are the
three-letter names ``mon`` .. ``sun`` in week order (Monday first, as ISO weeks).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from supportnet.dates import weekday_number
from supportnet.errors import InvalidInput
from supportnet.text import join_words

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAILY, WEEKLY = "daily", "weekly"
#: Scheduled days missed in a row before `nudge` and `today` mention it.
MISSED_BEFORE_A_WORD = 2

DAYS_FORMS = '"mon-fri", "mon,wed,fri", "every day", "weekdays", "weekends" or "none"'
_NAMED_DAYS = {
    "daily": WEEKDAYS, "every day": WEEKDAYS, "everyday": WEEKDAYS, "all": WEEKDAYS,
    "weekdays": WEEKDAYS[:5], "workdays": WEEKDAYS[:5], "weekends": WEEKDAYS[5:],
    "weekend": WEEKDAYS[5:], "none": (), "never": (), "no": (),
}  # fmt: skip


class Schedule(NamedTuple):
    """At ``at`` (HH:MM, local time): the daily digest on ``days``, the weekly digest
    on ``weekly`` (None: no weekly digest)."""

    at: str = "09:00"
    days: tuple[str, ...] = WEEKDAYS[:5]
    weekly: str | None = None

    @property
    def hour(self) -> int:
        return int(self.at[:2])

    @property
    def minute(self) -> int:
        return int(self.at[3:])

    @property
    def digests(self) -> tuple[str, ...]:
        """The digests this schedule delivers: daily, weekly or both."""
        return ((DAILY,) if self.days else ()) + ((WEEKLY,) if self.weekly else ())

    def days_of(self, digest: str) -> tuple[str, ...]:
        return self.days if digest == DAILY else (self.weekly,) if self.weekly else ()

    def runs_on(self, day: dt.date) -> bool:
        name = WEEKDAYS[day.weekday()]
        return name in self.days or name == self.weekly

    def words(self) -> str:
        """'the morning digest at 09:00, Monday to Friday; the weekly digest on Sundays
        at 09:00'."""
        parts = []
        if self.days:
            parts.append(f"the morning digest at {self.at}, {days_words(self.days)}")
        if self.weekly:
            parts.append(f"the weekly digest on {day_name(self.weekly)}s at {self.at}")
        return "; ".join(parts)

    def to_json(self) -> dict[str, object]:
        return {"at": self.at, "days": list(self.days), "weekly": self.weekly}


def day_name(day: str) -> str:
    return DAY_NAMES[WEEKDAYS.index(day)]


def parse_time(text: str) -> str:
    """'09:00' from '9', '9:00', '09:00', '9am', '7:30pm', '21:30', '9.30'."""
    raw = text
    text = text.strip().lower().replace(".", ":").replace(" ", "")
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm)?", text)
    if m:
        hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
        if half:
            hour = hour % 12 + (12 if half == "pm" else 0) if 1 <= hour <= 12 else 99
        if hour <= 23 and minute <= 59:
            return f"{hour:02d}:{minute:02d}"
    raise InvalidInput(f"--at must be a time of day like 09:00, 9am or 7:30pm, not {raw!r}.")


def _day(word: str, raw: str) -> int:
    number = weekday_number(word) if word else None
    if number is None:
        raise InvalidInput(f"Could not understand the days {raw!r}. Try {DAYS_FORMS}.")
    return number


def parse_days(text: str) -> tuple[str, ...]:
    """The days of ``text`` in week order: 'mon-fri', 'Monday to Friday', 'fri-mon'
    (over the weekend), 'mon,wed,fri', 'mon and thu', 'every day', 'weekdays',
    'weekends', 'none'."""
    raw = text
    text = " ".join(text.strip().lower().split())
    if text in _NAMED_DAYS:
        return _NAMED_DAYS[text]
    text = re.sub(r"\s*(?:\.\.|–|-|\bto\b|\bthrough\b)\s*", "-", text)
    chosen: set[int] = set()
    for part in re.split(r"\s*,\s*|\s+and\s+|\s+", text):
        if not part:
            continue
        ends = part.split("-")
        if len(ends) == 1:
            chosen.add(_day(ends[0], raw))
        elif len(ends) == 2:
            first, last = _day(ends[0], raw), _day(ends[1], raw)
            chosen.update((first + i) % 7 for i in range((last - first) % 7 + 1))
        else:
            raise InvalidInput(f"Could not understand the days {raw!r}. Try {DAYS_FORMS}.")
    if not chosen:
        raise InvalidInput(f"Could not understand the days {raw!r}. Try {DAYS_FORMS}.")
    return tuple(WEEKDAYS[i] for i in sorted(chosen))


def parse_weekday(text: str, what: str = "--weekly") -> str:
    """'sun' from 'sun', 'Sunday', 'sunday'."""
    number = weekday_number(text)
    if number is None:
        raise InvalidInput(f"{what} must be a day of the week like sun or Sunday, not {text!r}.")
    return WEEKDAYS[number]


def runs_of(days: tuple[str, ...]) -> list[tuple[int, int]]:
    """Consecutive days, as (first, last) indexes in week order."""
    runs: list[tuple[int, int]] = []
    for n in (WEEKDAYS.index(d) for d in days):
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def days_option(days: tuple[str, ...]) -> str:
    """The shortest ``--days`` for ``days``: 'mon-fri', 'mon,wed,fri', 'none'."""
    if not days:
        return "none"
    return ",".join(
        WEEKDAYS[a] if a == b else f"{WEEKDAYS[a]}-{WEEKDAYS[b]}" for a, b in runs_of(days)
    )


def days_words(days: tuple[str, ...]) -> str:
    """'every day', 'Monday to Friday', 'Monday, Wednesday and Friday', 'on no day'."""
    if days == WEEKDAYS:
        return "every day"
    if not days:
        return "on no day"
    parts = [
        DAY_NAMES[a] if a == b
        else f"{DAY_NAMES[a]} and {DAY_NAMES[b]}" if b == a + 1
        else f"{DAY_NAMES[a]} to {DAY_NAMES[b]}"
        for a, b in runs_of(days)
    ]  # fmt: skip
    return join_words(parts)


def schedule_from(at: str | None, days: str | None, weekly: str | None) -> Schedule:
    """The schedule of ``--at``, ``--days`` and ``--weekly`` (each optional: 09:00,
    Monday to Friday, no weekly digest)."""
    chosen = Schedule(
        at=parse_time(at) if at is not None else Schedule().at,
        days=parse_days(days) if days is not None else Schedule().days,
        weekly=parse_weekday(weekly) if weekly is not None else None,
    )
    if not chosen.digests:
        raise InvalidInput("With --days none, give --weekly DAY: otherwise nothing would run.")
    return chosen


def next_run(schedule: Schedule, now: dt.datetime) -> dt.datetime | None:
    """The next moment the schedule runs after ``now`` (naive local time)."""
    for ahead in range(8):
        day = now.date() + dt.timedelta(days=ahead)
        moment = dt.datetime.combine(day, dt.time(schedule.hour, schedule.minute))
        if schedule.runs_on(day) and moment > now:
            return moment
    return None


# --- noticing a silence -------------------------------------------------------------


def missed_days(schedule: Schedule, since: dt.date, today: dt.date) -> list[dt.date]:
    """The days the schedule should have run on after ``since`` and before ``today``
    (today's run may still be to come)."""
    found = []
    day = since + dt.timedelta(days=1)
    while day < today and len(found) < 366:
        if schedule.runs_on(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return found


def silence_note(
    schedule: Schedule, installed_on: dt.date, last_run: dt.date | None, today: dt.date
) -> str | None:
    """One kind sentence when no run was recorded on the last scheduled days
    (``MISSED_BEFORE_A_WORD`` of them or more); None while reminders arrive."""
    since = max(installed_on, last_run) if last_run is not None else installed_on
    if len(missed_days(schedule, since, today)) < MISSED_BEFORE_A_WORD:
        return None
    if last_run is None:
        began = f"since they were set up on {since:%A} {since.day} {since:%B}"
    else:
        began = f"since {since:%A} {since.day} {since:%B}"
    return (
        f"Your reminders have not run {began} ({schedule.words()}) — maybe the computer "
        "was asleep or off. `supportnet remind status` shows what the scheduler says."
    )
