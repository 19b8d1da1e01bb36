"""The nudge: who to reach out to next, what to do, and why.

Pure: plain facts about each person and the network, plus ``today`` and the
settings, go in; a ranked list of suggestions comes out, each with every term
of its score.  No database, no printing, no clock, no randomness.

How a person is scored (docs/nudge.md has the full story):

* Every term is ``value x weight = contribution``; the total is their sum.
  Terms: ``time`` (days since contact against the hoped-for cadence; online
  contact restarts only part of the clock), ``circle``, ``hard_event``,
  ``celebration`` (birthdays and happy events), ``reciprocity``,
  ``new_person``, ``plan_soon`` and ``concentration``.
* The kind of suggestion comes from the most pressing fact, in this order: a
  hard time (check in), a plan coming up (confirm it), something to celebrate,
  a favor to return (thank), a first in-person meeting, then time (catch up,
  once the hoped-for time has passed).  A person with none of these is not
  suggested: circle and concentration only raise people who are.
* Communities you have missed several times in a row, introductions between
  two people who share a tag or a community, and the first steps of a small
  network are suggestions of their own.

Ties break by a fixed rule, never at random: higher total first, then the
closer circle, then the longer time since contact, then the name (ignoring
case and accents), then the id.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import Field, FrozenInstanceError, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from supportnet.config import DEFAULTS
from supportnet.dates import YearlyDate
from supportnet.text import fold, join_words

#: The weight of each term and how the nudge reads the data: the ``[weights]``
#: and ``[nudge]`` sections of the config (``supportnet config`` shows them).
DEFAULT_WEIGHTS: dict[str, float] = DEFAULTS["weights"]
DEFAULT_NUDGE: dict[str, Any] = DEFAULTS["nudge"]

#: The value of each circle in the ``circle`` term, closest first.
CLOSENESS: dict[str, float] = {
    "inner": 1.0,
    "close": 0.75,
    "friend": 0.5,
    "acquaintance": 0.25,
    "prospect": 0.25,
    "professional": 0.0,
}
CIRCLE_ORDER = tuple(CLOSENESS)

#: Every kind of suggestion, as it appears in --json and `dismiss --kind`.
KINDS = (
    "check_in",
    "confirm_plan",
    "celebrate",
    "thank",
    "meet_in_person",
    "catch_up",
    "introduce",
    "go_back",
    "schedule",
    "grow",
    "add_person",
    "caught_up",
)
#: The kinds `dismiss` can leave out, and the term each one stands on.
KIND_TERM: dict[str, str] = {
    "check_in": "hard_event",
    "confirm_plan": "plan_soon",
    "celebrate": "celebration",
    "thank": "reciprocity",
    "meet_in_person": "new_person",
    "catch_up": "time",
    "introduce": "introduction",
    "go_back": "community",
    "schedule": "small_network",
}
DISMISSABLE = tuple(KIND_TERM)

_MEAL_WORDS = ("surgery", "operation", "hospital", "sick", "ill", "flu", "covid", "injur", "broke")
_LISTEN_WORDS = ("died", "death", "passed", "funeral", "grief", "breakup", "break-up", "divorce")
_TITLES = ("dr", "mr", "mrs", "ms", "mx", "prof", "rev", "sir")


# --- the facts ----------------------------------------------------------------------


class _Record:
    """What ``@dataclass(frozen=True)`` adds to a class, once for every class
    here: equality and hash by the fields in order, ``Name(field=value, ...)``,
    and no assigning or deleting (``FrozenInstanceError``).  See ``_frozen``."""

    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def _frozen(cls: type) -> type:
    """``@dataclass(frozen=True)``, lighter to build: the methods come from
    ``_Record`` and only ``__init__`` is written for the class (unless it has
    its own).  A dataclass compiles six methods per class, which made
    importing this module cost ~10 ms of every `supportnet nudge`; a test
    checks both behave alike."""
    names = tuple(cls.__annotations__)  # this class's own (3.10+), in order
    cls._fields = names  # type: ignore[attr-defined]
    cls.__match_args__ = names  # type: ignore[attr-defined]
    if "__init__" in cls.__dict__:
        return cls
    params, lines, env = [], [], {"_set": object.__setattr__, "_missing": object()}
    for name in names:
        default = cls.__dict__.get(name, env["_missing"])
        if isinstance(default, Field):  # field(default_factory=...), the only kind used
            env[f"_make_{name}"] = default.default_factory
            delattr(cls, name)
            params.append(f"{name}=_missing")
            lines.append(f" if {name} is _missing: {name} = _make_{name}()")
        elif default is not env["_missing"]:
            env[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
        lines.append(f" _set(self, {name!r}, {name})")
    source = f"def __init__(self, {', '.join(params)}) -> None:\n" + "\n".join(lines or [" pass"])
    exec(source, env)  # our own field names, as dataclasses does
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


if TYPE_CHECKING:  # checkers know what a frozen dataclass is
    from dataclasses import dataclass

    _frozen = dataclass(frozen=True)  # type: ignore[assignment]


@_frozen
class LifeEvent(_Record):
    """A hard or happy moment in a person's life (other tones are ignored)."""

    id: int
    what: str
    kind: str
    tone: str  # "hard" or "happy"
    on_date: dt.date  # when it happens or happened (the first time, if yearly)
    yearly: bool = False


@_frozen
class Favor(_Record):
    what: str
    kind: str
    on_date: dt.date


@_frozen
class PlanOccurrence(_Record):
    """A coming occurrence of a regular plan, not yet marked done or skipped."""

    plan_id: int
    title: str
    on_date: dt.date
    at_time: str | None = None
    people: tuple[int, ...] = ()


#: The newest (get-together, favor, life event) ids: what "something new" is
#: measured by.  Ids only grow, so a higher one was logged later.
Marks = tuple[int, int, int]


@_frozen
class Dismissal(_Record):
    """``dismiss``: this kind (and subject, if given) is left out until something
    new is logged about the person or community: a get-together, favor or life
    event newer than the ``marks`` taken when it was dismissed."""

    kind: str
    marks: Marks = (0, 0, 0)
    subject: str = ""  # "" for every suggestion of the kind


@_frozen
class PersonFacts(_Record):
    """What the nudge knows about one active person.

    Frozen like every fact; its constructor stores only the values it is given
    (the others read the defaults below), which makes building the facts of
    20,000 people four times faster than a generated frozen ``__init__``.
    """

    id: int
    name: str
    circle: str
    cadence_days: int  # the person's own, or their circle's
    added_on: dt.date
    last_contact: dt.date | None = None  # any get-together, in person or online
    last_in_person: dt.date | None = None  # None: never met in person
    recent_contacts: int = 0  # get-togethers in the last ``recent_days``
    next_birthday: dt.date | None = None  # the coming birthday (today counts)
    birthday_turns: int | None = None  # the age then, when the year of birth is known
    events: tuple[LifeEvent, ...] = ()  # hard and happy events near today
    last_favor_received: Favor | None = None
    last_favor_given: dt.date | None = None
    plans_soon: tuple[PlanOccurrence, ...] = ()
    snoozed_until: dt.date | None = None
    dismissals: tuple[Dismissal, ...] = ()
    newest: Marks = (0, 0, 0)  # their newest get-together, favor and event ids

    def __init__(
        self,
        id: int,
        name: str,
        circle: str,
        cadence_days: int,
        added_on: dt.date,
        last_contact: dt.date | None = None,
        last_in_person: dt.date | None = None,
        recent_contacts: int = 0,
        **more: Any,
    ) -> None:
        values = self.__dict__
        values["id"], values["name"], values["circle"] = id, name, circle
        values["cadence_days"], values["added_on"] = cadence_days, added_on
        values["last_contact"], values["last_in_person"] = last_contact, last_in_person
        values["recent_contacts"] = recent_contacts
        if more:
            unknown = more.keys() - _PERSON_OPTIONAL
            if unknown:
                raise TypeError(f"PersonFacts has no field {sorted(unknown)[0]!r}")
            values.update(more)

    @property
    def ever_met_in_person(self) -> bool:
        return self.last_in_person is not None


_PERSON_OPTIONAL = frozenset(
    ("next_birthday", "birthday_turns", "events", "last_favor_received", "last_favor_given",
     "plans_soon", "snoozed_until", "dismissals", "newest")
)  # fmt: skip
#: How many values PersonFacts holds when given only the leading ones (every
#: optional fact at its default): such facts are plain (``_is_plain``).
_LEADING_ONLY = len(PersonFacts(0, "", "", 1, dt.date.min).__dict__)


@_frozen
class CommunityFacts(_Record):
    """A community you belong to, with its meetings since you last went."""

    id: int
    name: str
    missed_in_a_row: int  # meetings held since you last went (or since joining)
    last_attended: dt.date | None = None
    next_meeting: dt.date | None = None
    at_time: str | None = None
    members: tuple[int, ...] = ()  # people of yours who belong to it
    snoozed_until: dt.date | None = None
    dismissals: tuple[Dismissal, ...] = ()
    newest: Marks = (0, 0, 0)  # its newest get-together id (then 0, 0)


@_frozen
class PairFacts(_Record):
    """Two people who might enjoy meeting each other."""

    a: int
    b: int
    shared_tags: tuple[str, ...] = ()
    shared_communities: tuple[str, ...] = ()
    together: bool = False  # ever at one of your get-togethers together
    known: bool = False  # recorded as knowing each other (`supportnet know`)


@_frozen
class NetworkFacts(_Record):
    people: tuple[PersonFacts, ...] = ()
    communities: tuple[CommunityFacts, ...] = ()
    pairs: tuple[PairFacts, ...] = ()
    has_gettogethers: bool = False
    has_active_plans: bool = False


@_frozen
class Settings(_Record):
    """Weights and windows, from config.toml over the defaults."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    online_counts_as: float = DEFAULT_NUDGE["online_counts_as"]
    time_cap: float = DEFAULT_NUDGE["time_cap"]
    recent_days: int = DEFAULT_NUDGE["recent_days"]
    concentration_share: float = DEFAULT_NUDGE["concentration_share"]
    concentration_min_contacts: int = DEFAULT_NUDGE["concentration_min_contacts"]
    reciprocity_days: int = DEFAULT_NUDGE["reciprocity_days"]
    new_person_days: int = DEFAULT_NUDGE["new_person_days"]
    plan_lead_days: int = DEFAULT_NUDGE["plan_lead_days"]
    missed_meetings: int = DEFAULT_NUDGE["missed_meetings"]
    introduction_days: int = DEFAULT_NUDGE["introduction_days"]
    max_introductions: int = DEFAULT_NUDGE["max_introductions"]
    hard_before_days: int = DEFAULTS["windows"]["hard_before_days"]
    hard_after_days: int = DEFAULTS["windows"]["hard_after_days"]
    happy_before_days: int = DEFAULTS["windows"]["happy_before_days"]
    happy_after_days: int = DEFAULTS["windows"]["happy_after_days"]
    birthday_lead_days: int = DEFAULTS["windows"]["birthday_lead_days"]

    @classmethod
    def from_config(cls, values: Mapping[str, Mapping[str, Any]]) -> Settings:
        """From the config's sections ``weights``, ``nudge`` and ``windows``."""
        weights = dict(DEFAULT_WEIGHTS)
        weights.update(values.get("weights", {}))
        known = {f for f in cls._fields if f != "weights"}
        options = {}
        for section in ("nudge", "windows"):
            for key, value in values.get(section, {}).items():
                if key in known:
                    options[key] = value
        return cls(weights=weights, **options)

    def weight(self, term: str) -> float:
        return float(self.weights.get(term, DEFAULT_WEIGHTS.get(term, 0.0)))


# --- the results --------------------------------------------------------------------


@_frozen
class Term(_Record):
    """One part of a score: ``value x weight = contribution``, and the fact behind it."""

    name: str
    value: float
    weight: float
    fact: str

    @property
    def contribution(self) -> float:
        return self.value * self.weight

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "weight": round(self.weight, 3),
            "contribution": round(self.contribution, 3),
            "fact": self.fact,
        }


@_frozen
class Suggestion(_Record):
    kind: str
    reason: str  # one kind sentence: why
    action: str  # what to do
    terms: tuple[Term, ...]
    people: tuple[tuple[int, str], ...] = ()  # (id, name)
    community: tuple[int, str] | None = None
    subject: str = ""  # what exactly it is about: "birthday:2026-06-16", "plan:3:..."
    log_kind: str | None = None  # what `nudge --log N` records; None: nothing to log
    log_in_person: bool = True

    @property
    def total(self) -> float:
        return sum(t.contribution for t in self.terms)

    def top_terms(self, n: int = 3) -> list[Term]:
        """The terms that count most (for --explain), largest contribution first."""
        shown = [t for t in self.terms if t.contribution > 0]
        return sorted(shown, key=lambda t: -t.contribution)[:n]

    def to_json(self, number: int) -> dict[str, Any]:
        return {
            "number": number,
            "kind": self.kind,
            "people": [{"id": pid, "name": name} for pid, name in self.people],
            "community": (
                {"id": self.community[0], "name": self.community[1]} if self.community else None
            ),
            "reason": self.reason,
            "action": self.action,
            "total": round(self.total, 3),
            "terms": [t.to_json() for t in self.terms],
            "subject": self.subject,
            "log": {"kind": self.log_kind, "in_person": self.log_in_person}
            if self.log_kind
            else None,
        }


@_frozen
class Nudge(_Record):
    """The ranked list: ``suggestions`` are the first ``limit`` of all ``count``
    suggestions (every one without a limit); number N is ``suggestions[N - 1]``."""

    suggestions: tuple[Suggestion, ...]
    count: int
    notes: tuple[str, ...] = ()
    hidden: int = 0  # suggestions left out because they are snoozed or dismissed


@_frozen
class Explanation(_Record):
    """Everything `why NAME` shows about one person."""

    person: PersonFacts
    terms: tuple[Term, ...]
    kind: str | None  # the kind of their own suggestion, if any
    status: str  # one sentence: where they stand in the nudge
    suggestions: tuple[tuple[int, Suggestion], ...]  # (number, suggestion) naming them

    @property
    def total(self) -> float:
        return sum(t.contribution for t in self.terms)


# --- words --------------------------------------------------------------------------


def span_words(days: float) -> str:
    """'a day', '9 days', '5 weeks', '3 months', '2 years'."""
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


def every_words(days: int) -> str:
    """'every day', 'every week', 'every 2 weeks', 'every month', 'every 10 days'."""
    for length, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        if days % length == 0:
            count = days // length
            return f"every {unit}" if count == 1 else f"every {count} {unit}s"
    return f"every {days} days"  # pragma: no cover - every whole number divides by 1


def _plan_every(days: int) -> str:
    """The --every of a `supportnet plan` command for a cadence: '2 weeks', 'week'."""
    return every_words(days).removeprefix("every ")


def _ago(day: dt.date, today: dt.date) -> str:
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{span_words(days)} ago"


def _when(day: dt.date, today: dt.date) -> str:
    """'today', 'tomorrow', 'on Tuesday' (within a week), 'on 16 June'."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if 1 < days < 7:
        return f"on {day:%A}"
    return f"on {day.day} {day:%B}"


def _whose_day(day: dt.date, today: dt.date) -> str:
    """'today's', 'tomorrow's', 'Tuesday's', 'the 16 June'."""
    days = (day - today).days
    if days == 0:
        return "today's"
    if days == 1:
        return "tomorrow's"
    if 1 < days < 7:
        return f"{day:%A}'s"
    return f"the {day.day} {day:%B}"


def _in_days(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    return _ago(day, today)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "never"


def short_names(people: Iterable[PersonFacts]) -> dict[int, str]:
    """What a sentence calls each person: the first name when no one else in the
    network shares it (and it is not a title like 'Dr.'), else the full name."""
    names = _ShortNames({p.id: p for p in people})
    return {pid: names[pid] for pid in names.people}


def _first_word(name: str) -> tuple[str, str]:
    """(the first word of a name, folded for comparing)."""
    word = name.split(None, 1)[0] if name.strip() else name
    return word, word.casefold() if word.isascii() else fold(word)


class _ShortNames:
    """``short_names`` worked out only for the people a sentence names."""

    def __init__(self, people: dict[int, PersonFacts]) -> None:
        self.people = people
        self._counts: Counter | None = None
        self._found: dict[int, str] = {}

    def __contains__(self, pid: object) -> bool:
        return pid in self.people

    def __getitem__(self, pid: int) -> str:
        found = self._found.get(pid)
        if found is None:
            if self._counts is None:
                self._counts = self._count()
            name = self.people[pid].name
            word, key = _first_word(name)
            title = word.endswith(".") or key in _TITLES
            found = self._found[pid] = word if self._counts[key] == 1 and not title else name
        return found

    def _count(self) -> Counter:
        """How many people have each folded first word.  The words are split off
        every name, but folded once per distinct word (a network has far fewer
        first words than people)."""
        words = Counter(
            [name.split(None, 1)[0] if name.strip() else name
             for name in [p.name for p in self.people.values()]]
        )  # fmt: skip
        counts: Counter = Counter()
        for word, count in words.items():
            counts[word.casefold() if word.isascii() else fold(word)] += count
        return counts


# --- scoring one person -------------------------------------------------------------
#
# Scoring happens in two steps that share every rule: ``_score`` finds the values
# (cheap: numbers only, for every person), and ``_terms`` / ``_words`` turn a
# score into the facts and sentences (only for the suggestions shown).

_NO_DISMISSALS: frozenset = frozenset()


class _Context:
    """What every term needs: today, the settings, names, and the concentration."""

    def __init__(self, today: dt.date, settings: Settings, names: _ShortNames,
                 people: dict[int, PersonFacts], weights: dict[str, float]) -> None:  # fmt: skip
        self.today, self.settings, self.names = today, settings, names
        self.people, self.weights = people, weights
        self.top_id: int | None = None  # the person with most of the recent contact, if too much
        self.top_count = 0
        self.recent_total = 0
        self.top_share = 0.0


def _context(network: NetworkFacts, today: dt.date, settings: Settings) -> _Context:
    weights = {name: settings.weight(name) for name in DEFAULT_WEIGHTS}
    everyone = network.people
    people = dict(zip(map(attrgetter("id"), everyone), everyone))
    ctx = _Context(today, settings, _ShortNames(people), people, weights)
    counts = list(map(attrgetter("recent_contacts"), everyone))
    total = sum(counts)
    ctx.recent_total = total
    if total > 0:
        most = max(counts)
        top = min((p for p, n in zip(everyone, counts) if n == most), key=_person_order)
        ctx.top_share = top.recent_contacts / total
        if (
            total >= settings.concentration_min_contacts
            and ctx.top_share >= settings.concentration_share
        ):
            ctx.top_id, ctx.top_count = top.id, top.recent_contacts
    return ctx


def _dismissed_set(dismissals: Iterable[Dismissal], newest: Marks) -> frozenset:
    """(kind, subject) pairs still in force: nothing new was logged since."""
    return frozenset(
        (d.kind, d.subject)
        for d in dismissals
        if all(now <= then for now, then in zip(newest, d.marks))
    )


def _is_dismissed(active: frozenset, kind: str, subject: str = "") -> bool:
    return bool(active) and ((kind, "") in active or (kind, subject) in active)


def _event_date(e: LifeEvent, today: dt.date, before: int, after: int) -> dt.date | None:
    """The occurrence of ``e`` whose window (``before``/``after`` days) holds today."""
    when = e.on_date
    if e.yearly:
        start = max(today - dt.timedelta(days=after), e.on_date)
        when = YearlyDate(e.on_date.month, e.on_date.day).next_on_or_after(start)
    if -after <= (when - today).days <= before:
        return when
    return None


def _event_subject(e: LifeEvent, when: dt.date) -> str:
    return f"event:{e.id}:{when.year}" if e.yearly else f"event:{e.id}"


class _Score:
    """The numbers behind one person's terms, and the kind of their suggestion."""

    __slots__ = (
        "celebration",
        "closeness",
        "concentration",
        "dismissed",
        "dismissed_kinds",
        "due_days",
        "effective",
        "hard",
        "kind",
        "new_person",
        "new_state",
        "person",
        "plan",
        "reciprocity",
        "reciprocity_state",
        "since_any",
        "since_ip",
        "subject",
        "time",
        "time_dismissed",
        "total",
    )  # fmt: skip


def _time_numbers(p: PersonFacts, today: dt.date, s: Settings) -> tuple[float, float, int, int]:
    """(value, effective days, days since in person, days since any contact).

    Days count from the last contact, or from the day they were added.  Online
    contact restarts only ``online_counts_as`` of the clock: effective days are
    the days since in person, less that share of the days since then.
    """
    start = p.added_on if p.last_contact is None else min(p.added_on, p.last_contact)
    since_ip = max(0, (today - (p.last_in_person or start)).days)
    since_any = max(0, min(since_ip, (today - (p.last_contact or p.added_on)).days))
    effective = since_ip - s.online_counts_as * (since_ip - since_any)
    return min(effective / p.cadence_days, s.time_cap), effective, since_ip, since_any


def _is_plain(p: PersonFacts) -> bool:
    """Nothing but time, circle, newness and concentration to weigh (most people)."""
    return not (
        p.events or p.plans_soon or p.next_birthday or p.last_favor_received or p.dismissals
    )


def _quick(p: PersonFacts, ctx: _Context) -> tuple[float, str | None, float]:
    """(total, kind, effective days) of a plain person, by the rules of ``_score``
    without building its terms: the fast path through a large network.  A test
    checks that both always agree."""
    return _quick_all((p,), ctx)[0]


def _quick_all(
    people: Iterable[PersonFacts], ctx: _Context
) -> list[tuple[float, str | None, float]]:
    """``_quick`` for many plain people at once (the settings read once)."""
    w, s, today = ctx.weights, ctx.settings, ctx.today
    online_counts_as, time_cap, new_person_days = (
        s.online_counts_as, s.time_cap, s.new_person_days)  # fmt: skip
    w_time, w_circle, w_new, w_concentration = (
        w["time"], w["circle"], w["new_person"], w["concentration"])  # fmt: skip
    top_id, top_share = ctx.top_id, ctx.top_share
    closeness = CLOSENESS.get
    found = []
    append = found.append
    for p in people:
        # _time_numbers, inline
        last, last_ip, added = p.last_contact, p.last_in_person, p.added_on
        start = added if last is None or added <= last else last
        since_ip = (today - (last_ip or start)).days
        if since_ip < 0:
            since_ip = 0
        since_any = (today - (last or added)).days
        since_any = 0 if since_any < 0 else since_ip if since_any > since_ip else since_any
        effective = since_ip - online_counts_as * (since_ip - since_any)
        value = effective / p.cadence_days
        if value > time_cap:
            value = time_cap
        # _new_person_pick, without dismissals (a plain person has none)
        circle = p.circle
        new_person = 0.0
        if (
            last_ip is None
            and circle != "professional"
            and (circle == "prospect" or (today - added).days <= new_person_days)
        ):
            new_person = 1.0
        total = value * w_time + closeness(circle, 0.0) * w_circle
        if new_person:
            total += new_person * w_new
        if top_id is not None and p.id != top_id:
            total += top_share * w_concentration
        if new_person * w_new > 0:
            append((total, "meet_in_person", effective))
        elif value >= 1.0 and w_time > 0:
            append((total, "catch_up", effective))
        else:
            append((total, None, effective))
    return found


def _score(p: PersonFacts, ctx: _Context) -> _Score:
    s, w, today = ctx.settings, ctx.weights, ctx.today
    active = _dismissed_set(p.dismissals, p.newest) if p.dismissals else _NO_DISMISSALS
    sc = _Score()
    sc.person = p
    sc.dismissed_kinds = set()
    sc.closeness = CLOSENESS.get(p.circle, 0.0)

    value, effective, since_ip, since_any = _time_numbers(p, today, s)
    sc.effective, sc.since_ip, sc.since_any = effective, since_ip, since_any
    sc.time_dismissed = value >= 1.0 and bool(active) and _is_dismissed(active, "catch_up")
    if sc.time_dismissed:
        sc.dismissed_kinds.add("catch_up")
    sc.time = 0.0 if sc.time_dismissed else value
    sc.due_days = max(0, math.ceil(p.cadence_days - effective))

    sc.hard = _hard_pick(p, ctx, active, sc) if p.events else None
    sc.celebration = _celebration_pick(p, ctx, active, sc) if p.events or p.next_birthday else None
    if p.last_favor_received is None:  # _reciprocity_pick's first case, inline
        sc.reciprocity, sc.reciprocity_state = 0.0, "none"
    else:
        sc.reciprocity, sc.reciprocity_state = _reciprocity_pick(p, ctx, active)
    if sc.reciprocity_state == "dismissed":
        sc.dismissed_kinds.add("thank")
    if p.last_in_person is not None:  # _new_person_pick's first case, inline
        sc.new_person, sc.new_state = 0.0, "met"
    else:
        sc.new_person, sc.new_state = _new_person_pick(p, ctx, active)
    if sc.new_state == "dismissed":
        sc.dismissed_kinds.add("meet_in_person")
    sc.plan = _plan_pick(p, ctx, active, sc) if p.plans_soon else None
    sc.concentration = ctx.top_share if ctx.top_id is not None and p.id != ctx.top_id else 0.0

    hard = sc.hard[1] if sc.hard else 0.0
    celebration = sc.celebration[1] if sc.celebration else 0.0
    plan = sc.plan[1] if sc.plan else 0.0
    sc.total = (
        sc.time * w["time"]
        + sc.closeness * w["circle"]
        + hard * w["hard_event"]
        + celebration * w["celebration"]
        + sc.reciprocity * w["reciprocity"]
        + sc.new_person * w["new_person"]
        + plan * w["plan_soon"]
        + sc.concentration * w["concentration"]
    )
    # The most pressing reason decides the kind of suggestion.
    sc.kind, sc.subject = None, ""
    if hard * w["hard_event"] > 0:
        sc.kind, sc.subject = "check_in", sc.hard[2]
    elif plan * w["plan_soon"] > 0:
        sc.kind, sc.subject = "confirm_plan", sc.plan[2]
    elif celebration * w["celebration"] > 0:
        sc.kind, sc.subject = "celebrate", sc.celebration[2]
    elif sc.reciprocity * w["reciprocity"] > 0:
        sc.kind = "thank"
    elif sc.new_person * w["new_person"] > 0:
        sc.kind = "meet_in_person"
    elif sc.time >= 1.0 and w["time"] > 0:
        sc.kind = "catch_up"
    sc.dismissed = sc.kind is None and bool(sc.dismissed_kinds)
    return sc


def _hard_pick(p: PersonFacts, ctx: _Context, active: frozenset, sc: _Score) -> tuple | None:
    """(key, value, subject, event, date) of the hard event that matters most."""
    s, today = ctx.settings, ctx.today
    best = None
    for e in p.events:
        if e.tone != "hard":
            continue
        when = _event_date(e, today, s.hard_before_days, s.hard_after_days)
        if when is None:
            continue
        subject = _event_subject(e, when)
        if _is_dismissed(active, "check_in", subject):
            sc.dismissed_kinds.add("check_in")
            continue
        days_after = (today - when).days
        value = 1.0 if days_after <= 0 else 1.0 - 0.5 * days_after / max(s.hard_after_days, 1)
        key = (-value, abs(days_after), e.id)
        if best is None or key < best[0]:
            best = (key, value, subject, e, when)
    return best


def _celebration_pick(p: PersonFacts, ctx: _Context, active: frozenset, sc: _Score) -> tuple | None:
    """(key, value, subject, event or None for the birthday, date), the strongest."""
    s, today = ctx.settings, ctx.today
    options = []
    if p.next_birthday is not None:
        days = (p.next_birthday - today).days
        subject = f"birthday:{p.next_birthday.isoformat()}"
        if 0 <= days <= s.birthday_lead_days:
            if _is_dismissed(active, "celebrate", subject):
                sc.dismissed_kinds.add("celebrate")
            else:
                value = 1.0 - 0.5 * days / max(s.birthday_lead_days, 1)
                options.append(((-value, days, 0, 0), value, subject, None, p.next_birthday))
    for e in p.events:
        if e.tone != "happy":
            continue
        when = _event_date(e, today, s.happy_before_days, s.happy_after_days)
        if when is None:
            continue
        subject = _event_subject(e, when)
        if _is_dismissed(active, "celebrate", subject):
            sc.dismissed_kinds.add("celebrate")
            continue
        days = (when - today).days
        span = s.happy_before_days if days > 0 else s.happy_after_days
        value = 1.0 - 0.5 * abs(days) / max(span, 1)
        options.append(((-value, abs(days), 1, e.id), value, subject, e, when))
    return min(options, key=lambda o: o[0]) if options else None


def _reciprocity_pick(p: PersonFacts, ctx: _Context, active: frozenset) -> tuple[float, str]:
    """(value, state): state is none, old, in_touch, returned, dismissed or open."""
    favor = p.last_favor_received
    if favor is None:
        return 0.0, "none"
    days = (ctx.today - favor.on_date).days
    if days < 0 or days > ctx.settings.reciprocity_days:
        return 0.0, "old"
    if p.last_contact is not None and p.last_contact > favor.on_date:
        return 0.0, "in_touch"
    if p.last_favor_given is not None and p.last_favor_given >= favor.on_date:
        return 0.0, "returned"
    if _is_dismissed(active, "thank"):
        return 0.0, "dismissed"
    return 1.0 - 0.5 * days / max(ctx.settings.reciprocity_days, 1), "open"


def _new_person_pick(p: PersonFacts, ctx: _Context, active: frozenset) -> tuple[float, str]:
    """(value, state): state is met, professional, not_new, dismissed or open."""
    if p.last_in_person is not None:
        return 0.0, "met"
    if p.circle == "professional":
        return 0.0, "professional"
    if p.circle != "prospect" and (ctx.today - p.added_on).days > ctx.settings.new_person_days:
        return 0.0, "not_new"
    if _is_dismissed(active, "meet_in_person"):
        return 0.0, "dismissed"
    return 1.0, "open"


def _plan_pick(p: PersonFacts, ctx: _Context, active: frozenset, sc: _Score) -> tuple | None:
    """(key, value, subject, occurrence) of the first plan coming up."""
    s, today = ctx.settings, ctx.today
    plans = p.plans_soon
    if len(plans) > 1:
        plans = sorted(plans, key=lambda o: (o.on_date, o.at_time or "", o.plan_id))
    for o in plans:
        days = (o.on_date - today).days
        if not 0 <= days <= s.plan_lead_days:
            continue
        subject = f"plan:{o.plan_id}:{o.on_date.isoformat()}"
        if active and _is_dismissed(active, "confirm_plan", subject):
            sc.dismissed_kinds.add("confirm_plan")
            continue
        return ((days,), 1.0 - 0.5 * days / max(s.plan_lead_days, 1), subject, o)
    return None


# --- from numbers to words ------------------------------------------------------------


def _dismissed_fact(kind: str) -> str:
    return f"dismissed ({kind.replace('_', ' ')}) until something new happens"


def _terms(sc: _Score, ctx: _Context) -> list[Term]:
    """Every term of a person's score, each with the fact behind it."""
    p, s, w, today = sc.person, ctx.settings, ctx.weights, ctx.today
    every = every_words(p.cadence_days)
    if p.last_contact is None:
        fact = f"no contact logged since you added them on {_iso(p.added_on)}"
    elif p.last_in_person == p.last_contact:
        fact = f"last seen in person {_iso(p.last_in_person)} ({_ago(p.last_in_person, today)})"
    else:
        fact = (
            f"last in person {_iso(p.last_in_person)}, last online {_iso(p.last_contact)}"
            f" (online counts {s.online_counts_as:g})"
        )
    fact += f": {sc.effective:g} of {p.cadence_days} days hoped for ({every})"
    if sc.time >= s.time_cap:
        fact += f", capped at {s.time_cap:g}"
    if sc.time_dismissed:
        fact = _dismissed_fact("catch_up") + f"; {fact}"
    terms = [
        Term("time", sc.time, w["time"], fact),
        Term("circle", sc.closeness, w["circle"], f"{p.circle} circle"),
    ]

    if sc.hard:
        _, value, _, e, when = sc.hard
        fact = f"{e.what} ({e.kind}, hard) on {_iso(when)}, {_in_days(when, today)}"
        terms.append(Term("hard_event", value, w["hard_event"], fact))
    else:
        fact = _dismissed_fact("check_in") if "check_in" in sc.dismissed_kinds else (
            "no hard time in view")  # fmt: skip
        terms.append(Term("hard_event", 0.0, w["hard_event"], fact))

    if sc.celebration:
        _, value, _, e, when = sc.celebration
        if e is None:
            turning = f" (turning {p.birthday_turns})" if p.birthday_turns is not None else ""
            fact = f"birthday on {_iso(when)}, {_in_days(when, today)}{turning}"
        else:
            fact = f"{e.what} ({e.kind}, happy) on {_iso(when)}, {_in_days(when, today)}"
        terms.append(Term("celebration", value, w["celebration"], fact))
    else:
        fact = _dismissed_fact("celebrate") if "celebrate" in sc.dismissed_kinds else (
            "nothing to celebrate in view")  # fmt: skip
        terms.append(Term("celebration", 0.0, w["celebration"], fact))

    favor = p.last_favor_received
    state = sc.reciprocity_state
    if favor is None:
        fact = "no favor from them recorded"
    else:
        fact = f"they helped you on {_iso(favor.on_date)} ({favor.what})"
        fact += {
            "old": f", more than {s.reciprocity_days} days ago",
            "in_touch": f"; in touch since, on {_iso(p.last_contact)}",
            "returned": f"; you helped them on {_iso(p.last_favor_given)}",
            "dismissed": "; " + _dismissed_fact("thank"),
            "open": "; not in touch since",
        }[state]
    terms.append(Term("reciprocity", sc.reciprocity, w["reciprocity"], fact))

    state = sc.new_state
    if state == "met":
        fact = f"met in person (last {_iso(p.last_in_person)})"
    elif state == "professional":
        fact = "a professional: no need to meet socially"
    elif state == "not_new":
        fact = f"added more than {s.new_person_days} days ago"
    else:
        who = "a prospect" if p.circle == "prospect" else f"added {_ago(p.added_on, today)}"
        fact = f"{who}; never met in person"
        if p.last_contact is not None:
            fact += f"; online contact, last {_iso(p.last_contact)}"
        if state == "dismissed":
            fact = _dismissed_fact("meet_in_person") + f"; {fact}"
    terms.append(Term("new_person", sc.new_person, w["new_person"], fact))

    if sc.plan:
        _, value, _, o = sc.plan
        at = f" at {o.at_time}" if o.at_time else ""
        fact = f'plan "{o.title}" on {_iso(o.on_date)}{at}, {_in_days(o.on_date, today)}'
        terms.append(Term("plan_soon", value, w["plan_soon"], fact))
    else:
        fact = _dismissed_fact("confirm_plan") if "confirm_plan" in sc.dismissed_kinds else (
            f"no plan in the next {s.plan_lead_days} days")  # fmt: skip
        terms.append(Term("plan_soon", 0.0, w["plan_soon"], fact))

    if ctx.top_id is None:
        if ctx.recent_total < s.concentration_min_contacts:
            fact = (
                f"fewer than {s.concentration_min_contacts} contacts "
                f"in the last {s.recent_days} days"
            )
        else:
            fact = (
                f"your recent contact is spread out (at most {ctx.top_share:.0%} with one person)"
            )
    elif p.id == ctx.top_id:
        fact = f"most of your recent contact was with them ({ctx.top_count} of {ctx.recent_total})"
    else:
        fact = (
            f"{ctx.people[ctx.top_id].name} had {ctx.top_count} of your {ctx.recent_total} "
            f"contacts in the last {s.recent_days} days ({ctx.top_share:.0%})"
        )
    terms.append(Term("concentration", sc.concentration, w["concentration"], fact))
    return terms


def _words(sc: _Score, ctx: _Context) -> tuple[str, str, str | None, bool]:
    """(reason, action, kind to log, in person) for a person's suggestion."""
    p, today = sc.person, ctx.today
    name = ctx.names[p.id]
    if sc.kind == "check_in":
        return _hard_words(sc.hard[3], sc.hard[4], name, today)
    if sc.kind == "confirm_plan":
        o = sc.plan[3]
        others = [ctx.names[i] for i in o.people if i in ctx.names] or [name]
        names = join_words(others)
        at = f" at {o.at_time}" if o.at_time else ""
        # "Sunday call with Maya" already says with whom.
        said = all(fold(n) in fold(o.title) for n in others)
        with_whom = "" if said else f" with {names}"
        reason = f'Your plan "{o.title}"{with_whom} is {_when(o.on_date, today)}{at}.'
        return reason, f"Confirm {_whose_day(o.on_date, today)} plan with {names}.", None, True
    if sc.kind == "celebrate":
        _, _, _, e, when = sc.celebration
        if e is None:
            return _birthday_words(p, when, name, today)
        return _happy_words(e, when, name, today)
    if sc.kind == "thank":
        favor = p.last_favor_received
        reason = (
            f"{name} helped you {_ago(favor.on_date, today)} ({favor.what}), "
            "and you haven't been in touch since."
        )
        return reason, f"Thank {name} — or return the favor when you can.", "call", False
    if sc.kind == "meet_in_person":
        if p.last_contact is not None:
            reason = f"You've been in touch with {name} online, but haven't met in person yet."
        elif p.circle == "prospect":
            reason = f"You'd like to know {name} better, and haven't met in person yet."
        else:
            reason = f"You added {name} {_ago(p.added_on, today)} and haven't met in person yet."
        action = f"Invite {name} to get together in person — a coffee or a walk?"
        return reason, action, "coffee", True
    return _catch_up_words(sc, ctx, name)


def _catch_up_words(sc: _Score, ctx: _Context, name: str) -> tuple[str, str, str | None, bool]:
    p = sc.person
    every = every_words(p.cadence_days)
    if p.last_contact is None:
        reason = (
            f"You haven't logged any time with {name} since adding them, "
            f"{span_words(sc.since_ip)} ago."
        )
    elif p.last_in_person == p.last_contact:
        reason = (
            f"It's been {span_words(sc.since_ip)} since you saw {name} — you hoped for {every}."
        )
    elif p.last_in_person is not None:
        reason = (
            f"You've been in touch online, but it's been {span_words(sc.since_ip)} since you "
            f"saw {name} in person — you hoped for {every}."
        )
    else:
        reason = (
            f"It's been {span_words(sc.since_any)} since you were in touch with {name} "
            f"(online) — you hoped for {every}."
        )
    if p.circle == "acquaintance":
        return reason, "A message or a call to say hello?", "call", False
    if p.circle == "professional":
        return reason, f"Book a time with {name}, if it still helps.", "other", True
    if p.last_contact is not None and p.last_in_person != p.last_contact:
        return reason, "Meet in person this time — coffee or a walk?", "coffee", True
    return reason, "Coffee or a walk this week?", "coffee", True


def _hard_words(
    e: LifeEvent, when: dt.date, name: str, today: dt.date
) -> tuple[str, str, str | None, bool]:
    days = (when - today).days
    if e.yearly:
        if days == 0:
            moment = "is today"
        elif days > 0:
            moment = f"is {_in_days(when, today)}"
        else:
            moment = f"was {_ago(when, today)}"
        reason = f"A hard date for {name} {moment}: {e.what}."
        return reason, f"Check in — let {name} know you remember.", "call", False
    if days > 0:
        reason = f"A hard time is coming for {name}: {e.what}, {_in_days(when, today)}."
    elif days == 0:
        reason = f"Today is a hard day for {name}: {e.what}."
    else:
        reason = f"{name} is going through a hard time: {e.what}, {_ago(when, today)}."
    text = fold(f"{e.kind} {e.what}")
    if e.kind == "illness" or any(word in text for word in _MEAL_WORDS):
        if days > 0:
            return reason, "Check in before, and offer to bring a meal afterwards.", "visit", True
        return reason, "Check in, and bring a meal if it would help.", "visit", True
    if e.kind in ("loss", "breakup") or any(word in text for word in _LISTEN_WORDS):
        return reason, "Offer to listen — a call or a walk together.", "call", False
    if e.kind == "move":
        return reason, "Check in, and offer a hand with the move.", "visit", True
    return reason, "Check in — a call or a message to say you're thinking of them.", "call", False


def _birthday_words(
    p: PersonFacts, when: dt.date, name: str, today: dt.date
) -> tuple[str, str, str | None, bool]:
    days = (when - today).days
    turning = f" (turning {p.birthday_turns})" if p.birthday_turns is not None else ""
    if days == 0:
        reason = f"It's {name}'s birthday today{turning}!"
        return reason, f"Send a message or call to wish {name} a happy birthday.", "call", False
    if days == 1:
        reason = f"{name}'s birthday is tomorrow{turning}."
        return reason, "Plan a call or a small treat for tomorrow.", "call", False
    reason = f"{name}'s birthday is {_when(when, today)}{turning}."
    if days >= 5 and p.circle in ("inner", "close", "friend"):
        action = "There's time to organize something: a dinner, a cake, or a card from friends?"
        return reason, action, "meal", True
    return reason, "Plan a message, a call or a card for the day.", "call", False


def _happy_words(
    e: LifeEvent, when: dt.date, name: str, today: dt.date
) -> tuple[str, str, str | None, bool]:
    days = (when - today).days
    if days > 0:
        reason = f"Something to celebrate is coming for {name}: {e.what}, {_in_days(when, today)}."
        return reason, f"Plan how to celebrate with {name}.", "coffee", True
    if days == 0:
        reason = f"Today is a happy day for {name}: {e.what}!"
        return reason, f"Congratulate {name} — a call, or a celebration together.", "call", False
    reason = f"{name} has something to celebrate: {e.what}, {_ago(when, today)}."
    if e.kind == "new baby" or "baby" in fold(e.what):
        return reason, "Congratulate them, and offer a meal for the first weeks.", "visit", True
    return reason, f"Congratulate {name} — maybe a celebratory coffee?", "coffee", True


# --- the whole list -------------------------------------------------------------------


def _person_order(p: PersonFacts) -> tuple:
    return (_circle_rank(p.circle), fold(p.name), p.id)


def _circle_rank(circle: str) -> int:
    return CIRCLE_ORDER.index(circle) if circle in CIRCLE_ORDER else len(CIRCLE_ORDER)


class _Entry:
    """One line of the list before it is put into words."""

    __slots__ = ("build", "ids", "key", "kind", "name", "people")

    def __init__(self, total: float, circle_rank: int, days: float, name: str,
                 ids: tuple, kind: str, build: Any, people: tuple = ()) -> None:  # fmt: skip
        # The tie rule, part one (numbers); part two (name, ids, kind) in _sorted.
        # round(x, 9) is slow and the same few values come back again and again.
        rounded = _ROUNDED.get(total)
        if rounded is None:
            rounded = _ROUNDED[total] = round(total, 9)
        days_rounded = _ROUNDED.get(days)
        if days_rounded is None:
            days_rounded = _ROUNDED[days] = round(days, 9)
        self.key = (-rounded, circle_rank, -days_rounded)
        self.name, self.ids, self.kind, self.build, self.people = name, ids, kind, build, people


#: round(x, 9) of the totals and days seen so far (emptied when it grows large).
_ROUNDED: dict[float, float] = {}


def _sorted(entries: list[_Entry], limit: int | None = None) -> list[_Entry]:
    """The documented order: total, closer circle, longer since contact, then the
    name ignoring case and accents, the ids, and the kind.  Names are folded only
    where the numbers tie, which keeps large networks fast.

    With ``limit``, only the first ``limit`` entries are sure to be in that
    order (ties are broken up to there); the rest are only ordered by numbers.
    """
    entries.sort(key=lambda e: e.key)
    count = len(entries)
    end = count if limit is None else min(max(limit, 0), count)
    result: list[_Entry] = []
    i = 0
    while i < end:
        key = entries[i].key
        j = i + 1
        while j < count and entries[j].key == key:
            j += 1
        group = entries[i:j]
        if len(group) > 1:
            group.sort(key=lambda e: (fold(e.name), e.ids, KINDS.index(e.kind)))
        result.extend(group)
        i = j
    result.extend(entries[i:])
    return result


def _person_entry(sc: _Score, ctx: _Context) -> _Entry:
    p = sc.person
    return _Entry(sc.total, _circle_rank(p.circle), sc.effective, p.name, (p.id,), sc.kind,
                  sc, ((p.id, p.name),))  # fmt: skip


def _build_person(entry: _Entry, ctx: _Context) -> Suggestion:
    sc = entry.build if isinstance(entry.build, _Score) else _score(entry.build, ctx)
    reason, action, log_kind, in_person = _words(sc, ctx)
    return Suggestion(
        kind=sc.kind,
        reason=reason,
        action=action,
        terms=tuple(_terms(sc, ctx)),
        people=entry.people,
        subject=sc.subject,
        log_kind=log_kind,
        log_in_person=in_person,
    )


def _merge_plans(entries: list[_Entry]) -> list[_Entry]:
    """One 'confirm the plan' line per plan occurrence, naming all its people."""
    merged: dict[str, _Entry] = {}
    rest = []
    for entry in entries:
        if entry.kind != "confirm_plan":
            rest.append(entry)
            continue
        subject = entry.build.subject
        best = merged.get(subject)
        if best is None:
            merged[subject] = entry
            continue
        first, second = sorted((best, entry), key=lambda e: (e.key, fold(e.name), e.ids))
        first.people = first.people + second.people
        merged[subject] = first
    return rest + list(merged.values())


def _introductions(network: NetworkFacts, ctx: _Context, hidden_ids: set[int]) -> list[_Entry]:
    today, s = ctx.today, ctx.settings
    weight = ctx.weights["introduction"]
    if weight <= 0:
        return []
    candidates = []
    for pair in network.pairs:
        if pair.together or pair.known or pair.a == pair.b:
            continue
        a, b = ctx.people.get(pair.a), ctx.people.get(pair.b)
        if a is None or b is None or a.id in hidden_ids or b.id in hidden_ids:
            continue
        if any(
            p.last_contact is None or (today - p.last_contact).days > s.introduction_days
            for p in (a, b)
        ):
            continue
        shared = list(pair.shared_tags) + list(pair.shared_communities)
        if not shared:
            continue
        if any(
            _is_dismissed(
                _dismissed_set(p.dismissals, p.newest) if p.dismissals else _NO_DISMISSALS,
                "introduce",
                f"pair:{min(a.id, b.id)}:{max(a.id, b.id)}",
            )
            for p in (a, b)
        ):
            continue
        if _person_order(b) < _person_order(a):
            a, b = b, a
        value = min(1.0 + 0.25 * (len(shared) - 1), 1.5)
        things = join_words(shared)
        fact = (
            f"{a.name} and {b.name} share {things}; both seen in the last {s.introduction_days} "
            "days, never at one get-together together"
        )
        closeness = (CLOSENESS.get(a.circle, 0.0) + CLOSENESS.get(b.circle, 0.0)) / 2
        terms = (
            Term("introduction", value, weight, fact),
            Term("circle", closeness, ctx.weights["circle"],
                 f"{a.circle} and {b.circle} circles (the mean)"),
        )  # fmt: skip
        na, nb = ctx.names[a.id], ctx.names[b.id]
        suggestion = Suggestion(
            kind="introduce",
            reason=(
                f"{na} and {nb} have {things} in common, but have never been "
                "at one of your get-togethers together."
            ),
            action="Introduce them: invite both next time you meet one of them.",
            terms=terms,
            people=((a.id, a.name), (b.id, b.name)),
            subject=f"pair:{min(a.id, b.id)}:{max(a.id, b.id)}",
            log_kind="coffee",
        )
        days = max(_time_numbers(p, today, s)[1] for p in (a, b))
        rank_ = min(_circle_rank(a.circle), _circle_rank(b.circle))
        candidates.append(
            _Entry(
                suggestion.total,
                rank_,
                days,
                f"{a.name} {b.name}",
                (a.id, b.id),
                "introduce",
                suggestion,
                suggestion.people,
            )
        )
    chosen, used = [], set()
    for entry in _sorted(candidates):
        if len(chosen) >= s.max_introductions:
            break
        if set(entry.ids) & used:
            continue
        used.update(entry.ids)
        chosen.append(entry)
    return chosen


def _communities(
    network: NetworkFacts, ctx: _Context, hidden_ids: set[int]
) -> tuple[list[_Entry], int]:
    today, s = ctx.today, ctx.settings
    weight = ctx.weights["community"]
    threshold = max(s.missed_meetings, 1)
    found, hidden = [], 0
    for c in network.communities:
        if c.missed_in_a_row < threshold or weight <= 0:
            continue
        active = _dismissed_set(c.dismissals, c.newest) if c.dismissals else _NO_DISMISSALS
        if (c.snoozed_until and c.snoozed_until > today) or _is_dismissed(active, "go_back"):
            hidden += 1
            continue
        value = min(c.missed_in_a_row / threshold, 2.0)
        since = (
            f"last went {_iso(c.last_attended)}" if c.last_attended else "not been since joining"
        )
        nxt = f"; next meeting {_iso(c.next_meeting)}" if c.next_meeting else ""
        term = Term("community", value, weight, f"{since}; {c.missed_in_a_row} meetings since{nxt}")
        members = [ctx.people[i] for i in c.members if i in ctx.people and i not in hidden_ids]
        friend = min(members, key=_person_order) if members else None
        if c.last_attended is None:
            reason = (
                f"You haven't been to {c.name} since joining — {c.missed_in_a_row} meetings so far."
            )
        else:
            reason = f"It's been {c.missed_in_a_row} meetings since you were last at {c.name}."
        when = _when(c.next_meeting, today) if c.next_meeting else "next time"
        at = f" at {c.at_time}" if c.at_time and c.next_meeting else ""
        if friend is not None:
            action = f"Go back {when}{at} — maybe with {ctx.names[friend.id]}, who's a member."
        else:
            action = f"Go back {when}{at}; you'll be welcome."
        suggestion = Suggestion(
            kind="go_back",
            reason=reason,
            action=action,
            terms=(term,),
            community=(c.id, c.name),
            log_kind="group meeting",
        )
        found.append(
            _Entry(term.contribution, len(CIRCLE_ORDER), 0, c.name, (c.id,), "go_back", suggestion)
        )
    return found, hidden


def _network_entry(kind: str, reason: str, action: str, fact: str, ctx: _Context) -> _Entry:
    term = Term("small_network", 1.0, ctx.weights["small_network"], fact)
    suggestion = Suggestion(kind=kind, reason=reason, action=action, terms=(term,))
    return _Entry(term.contribution, len(CIRCLE_ORDER), 0, "", (), kind, suggestion)


def _small_network(
    network: NetworkFacts, ctx: _Context, hidden_ids: set[int], entries: list[_Entry]
) -> list[_Entry]:
    """The first steps: add someone; set a regular time; add one more."""
    found = []
    social = [p for p in network.people if p.circle != "professional"]
    if not social:
        fact = "no one in your network yet (professionals aside)"
        found.append(
            _network_entry(
                "add_person",
                "Start with one friend: add someone you'd like to see more often.",
                'Add them: supportnet add "Name" --circle close',
                fact,
                ctx,
            )
        )
        return found
    if not network.has_gettogethers and not network.has_active_plans:
        candidates = [
            p
            for p in social
            if p.id not in hidden_ids
            and not _is_dismissed(_dismissed_set(p.dismissals, p.newest), "schedule")
        ]
        if candidates:
            p = min(candidates, key=_person_order)
            sc = _score(p, ctx)
            # The regular time replaces a plain 'catch up' or 'meet in person' line.
            entries[:] = [
                e for e in entries
                if not (e.ids == (p.id,) and e.kind in ("catch_up", "meet_in_person"))
            ]  # fmt: skip
            term = Term(
                "small_network",
                1.0,
                ctx.weights["small_network"],
                "no get-togethers or regular plans yet; the closest person comes first",
            )
            terms = (*_terms(sc, ctx), term)
            suggestion = Suggestion(
                kind="schedule",
                reason=(
                    "Start with one friend and build from there: "
                    f"a regular time with {ctx.names[p.id]} makes it easy."
                ),
                action=(
                    f'Set one up: supportnet plan "coffee" --with "{p.name}" '
                    f'--every "{_plan_every(p.cadence_days)}"'
                ),
                terms=terms,
                people=((p.id, p.name),),
            )
            found.append(
                _Entry(
                    suggestion.total,
                    _circle_rank(p.circle),
                    sc.effective,
                    p.name,
                    (p.id,),
                    "schedule",
                    suggestion,
                    suggestion.people,
                )
            )
    if len(social) <= 2:
        groups = [c.name for c in network.communities]
        count = "one person" if len(social) == 1 else "two people"
        where = f"someone from {join_words(groups, 'or')}, or " if groups else ""
        found.append(
            _network_entry(
                "grow",
                f"You have {count} in your network so far — a good start; "
                "one more spreads the support.",
                f"Think of {where}an acquaintance you'd like to know better: "
                'supportnet add "Name" --circle prospect',
                f"{len(social)} {'person' if len(social) == 1 else 'people'} in your network",
                ctx,
            )
        )
    return found


def _caught_up(network: NetworkFacts, ctx: _Context, hidden_ids: set[int], hidden: int) -> _Entry:
    waiting = [p for p in network.people if p.id not in hidden_ids]
    if hidden:
        reason = "Nothing else needs you right now — the rest is snoozed or dismissed."
    else:
        reason = "Everyone has been seen lately — well done."
    if waiting:
        due = {p.id: _due_days(p, ctx) for p in waiting}
        soonest = min(due.values())
        p = min((p for p in waiting if due[p.id] == soonest), key=_person_order)
        when = ctx.today + dt.timedelta(days=max(soonest, 1))
        action = f"Next up: {ctx.names[p.id]}, {_in_days(when, ctx.today)}."
        fact = f"the next hoped-for contact is with {p.name} on {_iso(when)}"
    else:
        action, fact = "Enjoy your week.", "no one is waiting"
    term = Term("small_network", 0.0, ctx.weights["small_network"], fact)
    suggestion = Suggestion(kind="caught_up", reason=reason, action=action, terms=(term,))
    return _Entry(0.0, len(CIRCLE_ORDER), 0, "", (), "caught_up", suggestion)


def _due_days(p: PersonFacts, ctx: _Context) -> int:
    """Days until the hoped-for cadence comes round (0: already)."""
    return max(0, math.ceil(p.cadence_days - _time_numbers(p, ctx.today, ctx.settings)[1]))


class _Ranking:
    def __init__(self, ctx: _Context, entries: list[_Entry], notes: tuple[str, ...],
                 hidden: int) -> None:  # fmt: skip
        self.ctx, self.entries, self.notes, self.hidden = ctx, entries, notes, hidden

    def suggestion(self, index: int) -> Suggestion:
        entry = self.entries[index]
        if isinstance(entry.build, Suggestion):
            return entry.build
        return _build_person(entry, self.ctx)


def _rank(
    network: NetworkFacts, today: dt.date, settings: Settings, limit: int | None = None
) -> _Ranking:
    """Every entry, ranked; with ``limit``, only the first ``limit`` for sure."""
    ctx = _context(network, today, settings)
    if len(_ROUNDED) > 100_000:
        _ROUNDED.clear()
    hidden_ids = {p.id for p in network.people if p.snoozed_until and p.snoozed_until > today}
    entries: list[_Entry] = []
    hidden = 0
    # Most people are plain (_is_plain, inline): the fast path scores them at once.
    # Facts given nothing but the leading values are plain and not snoozed.
    plain, others = [], []
    for p in network.people:
        if len(p.__dict__) == _LEADING_ONLY or not (
            p.events or p.plans_soon or p.next_birthday or p.last_favor_received
            or p.dismissals or p.id in hidden_ids
        ):  # fmt: skip
            plain.append(p)
        else:
            others.append(p)
    ranks = {circle: i for i, circle in enumerate(CIRCLE_ORDER)}
    last_rank = len(CIRCLE_ORDER)
    for p, (total, kind, effective) in zip(plain, _quick_all(plain, ctx)):
        if kind is not None:
            entries.append(_Entry(total, ranks.get(p.circle, last_rank), effective, p.name,
                                  (p.id,), kind, p, ((p.id, p.name),)))  # fmt: skip
    # The others in their order (plan lines merge their people in this order).
    for p in others:
        sc = _score(p, ctx)
        if p.id in hidden_ids:
            hidden += sc.kind is not None
        elif sc.kind is not None:
            entries.append(_person_entry(sc, ctx))
        elif sc.dismissed:
            hidden += 1
    entries = _merge_plans(entries)
    entries += _introductions(network, ctx, hidden_ids)
    groups, hidden_groups = _communities(network, ctx, hidden_ids)
    entries += groups
    hidden += hidden_groups
    entries += _small_network(network, ctx, hidden_ids, entries)
    if not entries:
        entries.append(_caught_up(network, ctx, hidden_ids, hidden))
    notes = []
    if ctx.top_id is not None:
        notes.append(
            f"Most of your contact in the last {settings.recent_days} days was with "
            f"{ctx.names[ctx.top_id]} ({ctx.top_count} of {ctx.recent_total}). One person "
            "can't give all the support you need, so others are nudged up a little."
        )
    return _Ranking(ctx, _sorted(entries, limit), tuple(notes), hidden)


def rank(
    network: NetworkFacts,
    today: dt.date,
    settings: Settings | None = None,
    *,
    limit: int | None = None,
) -> Nudge:
    """The suggestions for ``today``, best first: all of them, or the first ``limit``.

    Number N is always the same suggestion for the same facts and today,
    whatever the limit: the whole list is ranked, only the words are left out.
    """
    ranking = _rank(network, today, settings or Settings(), limit)
    count = len(ranking.entries)
    shown = count if limit is None else min(max(limit, 0), count)
    suggestions = tuple(ranking.suggestion(i) for i in range(shown))
    return Nudge(suggestions, count, ranking.notes, ranking.hidden)


def _about(ranking: _Ranking, target: tuple[str, int]) -> tuple[tuple[int, Suggestion], ...]:
    found = []
    for number, entry in enumerate(ranking.entries, start=1):
        if target[0] == "person":
            hit = any(pid == target[1] for pid, _ in entry.people)
        else:
            hit = entry.kind == "go_back" and entry.ids == (target[1],)
        if hit:
            found.append((number, ranking.suggestion(number - 1)))
    return tuple(found)


def about(
    network: NetworkFacts, today: dt.date, settings: Settings | None, target: tuple[str, int]
) -> tuple[tuple[int, Suggestion], ...]:
    """(number, suggestion) of every suggestion about ``("person", id)`` or
    ``("community", id)``, in ranked order."""
    return _about(_rank(network, today, settings or Settings()), target)


def explain(
    network: NetworkFacts, person_id: int, today: dt.date, settings: Settings | None = None
) -> Explanation:
    """Every term of one person's score, their place in the nudge, and why."""
    ranking = _rank(network, today, settings or Settings())
    ctx = ranking.ctx
    sc = _score(ctx.people[person_id], ctx)
    person = sc.person
    mine = _about(ranking, ("person", person_id))
    name = ctx.names[person_id]
    if person.snoozed_until and person.snoozed_until > today:
        status = f"{name} is snoozed until {_iso(person.snoozed_until)}."
    elif mine:
        number, suggestion = mine[0]
        status = f"{name} is number {number} in the nudge ({suggestion.kind.replace('_', ' ')})."
    elif sc.dismissed:
        status = f"{name}'s suggestion is dismissed until something new happens."
    else:
        when = today + dt.timedelta(days=max(sc.due_days, 1))
        status = (
            f"Nothing to suggest for {name} right now; by the hoped-for cadence, "
            f"the next contact would be {_in_days(when, today)}."
        )
    return Explanation(person, tuple(_terms(sc, ctx)), sc.kind, status, mine)
