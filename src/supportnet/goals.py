"""Homework goals, pure: reading a goal from words, periods, and how each period went.

Nothing here touches the database or the clock: counts and ``today`` come in
as plain values.  Weeks are ISO weeks (Monday to Sunday); months are calendar
months.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from supportnet.errors import InvalidInput
from supportnet.text import plural, whole_number

#: Goal kinds: the stored key and the words a user types for it.
KINDS: dict[str, str] = {
    "reach_out": "reach out",
    "in_person": "in person",
    "community": "community",
    "new_people": "new people",
    "favors": "favors",
    "log_days": "log days",
}

#: What one unit of each kind is called, for "1 of 2 people".
UNITS: dict[str, tuple[str, str]] = {
    "reach_out": ("person", "people"),
    "in_person": ("in-person get-together", "in-person get-togethers"),
    "community": ("meeting", "meetings"),
    "new_people": ("new person", "new people"),
    "favors": ("favor", "favors"),
    "log_days": ("day", "days"),
}


def unit(kind: str, count: int) -> str:
    """What ``count`` units of a goal of ``kind`` are called: 'person', '2 ... people'."""
    return plural(count, *UNITS[kind])


PERIODS = ("week", "month")

#: Period statuses, oldest to newest in a goal's history.
MET, NOT_MET, IN_PROGRESS, PAUSED, BEFORE_START, ENDED = (
    "met", "not_met", "in_progress", "paused", "before_start", "ended"
)  # fmt: skip

#: Marks for the row of past periods: (on a terminal, plain text).
MARKS: dict[str, tuple[str, str]] = {
    MET: ("●", "#"),
    NOT_MET: ("○", "o"),
    IN_PROGRESS: ("◌", "~"),
    PAUSED: ("‖", "="),
    BEFORE_START: ("·", "."),
    ENDED: ("·", "."),
}

GOAL_FORMS = (
    '"reach out to 2 people", "2 in-person get-togethers", "go to 1 group meeting", '
    '"meet 1 new person", "give 1 favor" or "log something on 3 days"'
)

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "once": 1, "single": 1, "two": 2, "twice": 2, "couple": 2,
    "three": 3, "thrice": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20,
    "someone": 1, "somebody": 1, "something": 1,
}  # fmt: skip
#: How often, said of one person ("someone twice", "somebody 3 times"): not how many.
_TIMES_SOMEONE = re.compile(
    r"\bsome(?:one|body)\b.*\b(?:twice|thrice|\w+ times)\b"
    r"|\b(?:twice|thrice|\w+ times)\b.*\bsome(?:one|body)\b"
)
#: Words that say how many beside the "a" before them: "a couple of people" is 2.
_COUNT_WORDS = ("couple", "dozen")

# Checked in order: the first kind whose pattern matches wins.
_KIND_PATTERNS: list[tuple[str, str]] = [
    ("new_people", r"\bnew (people|persons?|friends?|faces?|someone|contacts?)\b"
                   r"|\bmeet (someone|somebody|\w+ )?new\b|\bsomeone new\b"),
    ("favors", r"\bfavou?rs?\b|\bhelp (someone|somebody|out|a friend|others?)\b"),
    ("community", r"\b(group|community|communities|club|meeting|meetings|meetup|class|"
                  r"chorus|choir|team|congregation|attend)\b"),
    ("in_person", r"\bin[- ]person\b|\bface[- ]to[- ]face\b|\bget[- ]togethers?\b|\bhang ?outs?\b"
                  r"|\bmeet ?ups?\b"),
    ("log_days", r"\blog\b|\bdays?\b"),
    ("reach_out", r"\breach(ing)? out\b|\bcontact\b|\bcall\b|\btext\b|\bmessage\b|\btalk\b"
                  r"|\bpeople\b|\bpersons?\b|\bfriends?\b|\bsee\b|\bsomeone\b"),
]  # fmt: skip


class GoalSpec(NamedTuple):
    """What a goal asks for, read from the user's words and options."""

    kind: str
    target: int
    period: str


def check_goal_kind(value: str) -> str:
    """A goal kind from what the user typed ('reach-out', 'new people', ...)."""
    from supportnet.text import choose_kind

    words = choose_kind(value, list(KINDS.values()), "kind of goal")
    return next(key for key, text in KINDS.items() if text == words)


def check_period(value: str) -> str:
    text = value.strip().lower()
    aliases = {"week": "week", "weekly": "week", "w": "week", "weeks": "week",
               "month": "month", "monthly": "month", "m": "month", "months": "month"}  # fmt: skip
    if text not in aliases:
        raise InvalidInput(f"A goal is per week or per month, not {value!r}.")
    return aliases[text]


def parse_goal(
    title: str, *, kind: str | None = None, target: int | None = None, period: str | None = None
) -> GoalSpec:
    """Read the kind, the number and the period from the goal's words.

    Explicit ``kind``, ``target`` and ``period`` win over what the words say.
    The period defaults to a week.

    >>> parse_goal("reach out to 2 people a week")
    GoalSpec(kind='reach_out', target=2, period='week')
    """
    text = " ".join(title.lower().replace("’", "'").split())
    if not text:
        raise InvalidInput(f"A goal needs words, like {GOAL_FORMS}.")
    if kind is None:
        for key, pattern in _KIND_PATTERNS:
            if re.search(pattern, text):
                kind = key
                break
        else:
            raise InvalidInput(
                f"Could not tell what kind of goal {title.strip()!r} is. Try words like "
                f"{GOAL_FORMS}, or give --kind ({', '.join(KINDS.values())}) and --target N."
            )
    else:
        kind = check_goal_kind(kind)
    period = _period_in(text) or "week" if period is None else check_period(period)
    if target is None and kind == "reach_out" and _TIMES_SOMEONE.search(text):
        # "call someone twice a week": two calls, or two people? Asked, not guessed.
        n = _number_in(text) or 2
        raise InvalidInput(
            f'{title.strip()!r}: is that reaching out to {n} people ("reach out to {n} '
            f'people a {period}"), or being in touch on {n} days ("log something on {n} '
            f'days a {period}")? Write it one way, or give --kind and --target.'
        )
    target = check_target(_number_in(text) if target is None else target)
    most = {"week": 7, "month": 31}[period]
    if kind == "log_days" and target > most:  # a goal missed every time is no gentle goal
        raise InvalidInput(f"A {period} has at most {most} days: a goal of {target} days a "
                           f"{period} can never be met. Give {most} or fewer.")  # fmt: skip
    return GoalSpec(kind, target, period)


def check_target(target: int | None) -> int:
    """How many per period: from 1 to 1000 (more is not a gentle goal)."""
    if target is None or target < 1:
        raise InvalidInput(
            f"How many? Put a number in the goal ({GOAL_FORMS}) or give --target N (1 or more)."
        )
    if target > 1000:
        raise InvalidInput("A goal of more than 1000 in one period is not a gentle goal.")
    return target


def _number_in(text: str) -> int | None:
    text = re.sub(r"\b(per|a|an|each|every) (week|month)\b", " ", text)
    text = re.sub(r"\b(weekly|monthly)\b", " ", text)
    m = re.search(r"(?<![\w.])(-?)(\d+)([.,]\d+)?\b", text)
    if m:
        sign, digits, fraction = m.groups()
        if fraction and not re.fullmatch(r",\d{3}", fraction):
            raise InvalidInput(f"A goal counts whole times: {m.group(0)} is not a whole number.")
        number = whole_number(digits + (fraction or "").lstrip(","))
        return -number if sign and number else number
    # How often, said so, before any other number word: "give a favor twice a month"
    # is 2, not the 1 of "a".
    m = re.search(r"\b(\w+) times?\b", text)
    if m and m.group(1) in _NUMBER_WORDS:
        return _NUMBER_WORDS[m.group(1)]
    m = re.search(rf"\b(once|twice|thrice|{'|'.join(_COUNT_WORDS)})\b", text)
    if m:
        return _NUMBER_WORDS[m.group(1)]
    if re.search(r"\ba few\b", text):  # how many is for the user to say
        return None
    for word in re.findall(r"[a-z]+", text):
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
    return None


#: Ways of saying a period other than one week or one month.
_OTHER_PERIOD = re.compile(
    r"\b(?:a|per|each|every|this|once a) (?:day|weekday|night|hour|year|fortnight|quarter)\b"
    r"|\b(?:daily|nightly|hourly|yearly|annually|fortnightly|quarterly|biweekly|bimonthly)\b"
    r"|\b(?:every|per|each) (?:other|second|third|fourth|alternate|few|couple of|[2-9]|\d{2,}"
    r"|two|three|four|five|six) (?:days?|weeks?|months?|years?)\b"
)


def _period_in(text: str) -> str | None:
    """'month' or 'week' as the words say, None when they say neither.  A goal
    cannot count by another period: words that ask only for one ("a year", "every
    2 weeks") are refused, not read as a week; beside a week or a month they are
    the goal's own words ("spend a day outdoors with 2 friends each month")."""
    for period in ("month", "week"):
        if re.search(
            rf"\b(a|per|each|every|this|once a)( 1| one)? {period}\b|\b{period}ly\b", text
        ):
            return period
    other = _OTHER_PERIOD.search(text)
    if other:
        raise InvalidInput(
            f"A goal counts by the week or by the month, not {other.group(0)!r}: say how "
            'many in one week or one month ("reach out to 1 person a month"), or give --per.'
        )
    return None


# --- periods --------------------------------------------------------------------------


def period_start(day: dt.date, period: str) -> dt.date:
    """The Monday of ``day``'s ISO week, or the first of its month."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def period_end(start: dt.date, period: str) -> dt.date:
    """The last day (inclusive) of the period that begins on ``start``."""
    return next_period(start, period) - dt.timedelta(days=1)


def next_period(start: dt.date, period: str) -> dt.date:
    if period == "week":
        return start + dt.timedelta(days=7)
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return dt.date(year, month, 1)


def previous_period(start: dt.date, period: str) -> dt.date:
    if period == "week":
        return start - dt.timedelta(days=7)
    year, month = (start.year - 1, 12) if start.month == 1 else (start.year, start.month - 1)
    return dt.date(year, month, 1)


def last_periods(today: dt.date, period: str, count: int) -> list[dt.date]:
    """Starts of the last ``count`` periods, oldest first, ending with today's."""
    starts = [period_start(today, period)]
    while len(starts) < count:
        starts.append(previous_period(starts[-1], period))
    return starts[::-1]


def describe_period(start: dt.date, period: str) -> str:
    """'8–14 June', '29 June – 5 July 2026' (year only when it differs)... or 'June 2026'."""
    if period == "month":
        return f"{start:%B %Y}"
    end = period_end(start, period)
    if start.month == end.month:
        return f"{start.day}–{end.day} {end:%B}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


# --- how a period went ----------------------------------------------------------------


class Goal(NamedTuple):
    """A goal as stored, with its pauses as (paused_on, resumed_on or None)."""

    id: int
    title: str
    kind: str
    target: int
    period: str
    status: str
    created_on: dt.date
    paused_on: dt.date | None = None
    removed_on: dt.date | None = None
    community: tuple[int, str] | None = None
    pauses: tuple[tuple[dt.date, dt.date | None], ...] = ()

    @property
    def label(self) -> str:
        return f"#{self.id} {self.title}"

    @property
    def community_id(self) -> int | None:
        """The id of the group a community goal is about, or None (any group)."""
        return self.community[0] if self.community else None

    @property
    def community_name(self) -> str | None:
        return self.community[1] if self.community else None

    def unit(self, count: int) -> str:
        return unit(self.kind, count)

    def to_json(self) -> dict[str, Any]:
        """The goal's stable JSON fields (docs/progress.md), in `goals` and `review`."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "target": self.target,
            "period": self.period,
            "status": self.status,
            "community": (
                {"id": self.community_id, "name": self.community_name} if self.community else None
            ),
            "created_on": self.created_on.isoformat(),
            "paused_on": self.paused_on.isoformat() if self.paused_on else None,
            "removed_on": self.removed_on.isoformat() if self.removed_on else None,
        }


class PeriodResult(NamedTuple):
    start: dt.date
    end: dt.date
    count: int
    status: str

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "count": self.count,
            "status": self.status,
        }


class GoalProgress(NamedTuple):
    goal: Goal
    current: PeriodResult
    history: Sequence[PeriodResult] = ()  # oldest first, ends with current
    streak: int = 0  # periods in a row met (a pause neither breaks nor extends it)

    def to_json(self) -> dict[str, Any]:
        """A goal with its progress, as `goals --json` prints it (docs/progress.md)."""
        return {
            **self.goal.to_json(),
            "current": {
                **self.current.to_json(),
                "target": self.goal.target,
                "met": self.current.count >= self.goal.target,
            },
            "streak": self.streak,
            "history": [h.to_json() for h in self.history],
        }


def was_paused(goal: Goal, start: dt.date, end: dt.date) -> bool:
    """Whether the goal was paused on any day from ``start`` to ``end``."""
    for paused_on, resumed_on in goal.pauses:
        # A pause covers paused_on up to the day before resumed_on.
        last_paused = resumed_on - dt.timedelta(days=1) if resumed_on else dt.date.max
        if paused_on <= end and last_paused >= start and paused_on <= last_paused:
            return True
    return False


def period_status(goal: Goal, start: dt.date, count: int, today: dt.date) -> str:
    """How one period went for a goal: met, in progress, paused, not met..."""
    end = period_end(start, goal.period)
    if goal.created_on > end:
        return BEFORE_START
    if goal.removed_on is not None and goal.removed_on < start:
        return ENDED
    if count >= goal.target:
        return MET
    if was_paused(goal, start, min(end, today)):
        return PAUSED
    if end >= today:
        return IN_PROGRESS
    return NOT_MET


def met_streak(statuses: list[str]) -> int:
    """Periods in a row met, counting back from the newest.

    The period under way does not break a streak while it is still going, and
    a paused period is a rest: it neither breaks nor extends it.
    """
    streak = 0
    for i, status in enumerate(reversed(statuses)):
        if status == MET:
            streak += 1
        elif status == PAUSED or (status == IN_PROGRESS and i == 0):
            continue
        else:
            break
    return streak


def progress(
    goal: Goal, counts: dict[dt.date, int], today: dt.date, periods: int = 8
) -> GoalProgress:
    """A goal's current period and its last ``periods`` periods, from counts by period start."""
    history = []
    for start in last_periods(today, goal.period, periods):
        count = counts.get(start, 0)
        end = period_end(start, goal.period)
        history.append(PeriodResult(start, end, count, period_status(goal, start, count, today)))
    return GoalProgress(goal, history[-1], history, met_streak([h.status for h in history]))


def bar(count: int, target: int, width: int = 12, plain: bool = False) -> str:
    """A progress bar, full at the target: '████████░░░░' or '[########....]'."""
    filled = min(width, round(width * count / target)) if target else width
    if plain:
        return "[" + "#" * filled + "." * (width - filled) + "]"
    return "█" * filled + "░" * (width - filled)


def marks(history: list[PeriodResult], plain: bool = False) -> str:
    """The row of marks for past periods, oldest first."""
    return " ".join(MARKS[h.status][1 if plain else 0] for h in history)


def legend(plain: bool = False) -> str:
    i = 1 if plain else 0
    return (
        f"{MARKS[MET][i]} met  {MARKS[NOT_MET][i]} not this time  "
        f"{MARKS[IN_PROGRESS][i]} under way  {MARKS[PAUSED][i]} paused"
    )
