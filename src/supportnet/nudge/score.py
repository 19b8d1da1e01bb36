"""Scoring one person: every term is ``value x weight = contribution``.

Terms: ``time`` (days since contact against the hoped-for cadence; online
contact restarts only part of the clock), ``circle``, ``hard_event``,
``celebration`` (birthdays and happy events), ``reciprocity``, ``new_person``,
``plan_soon`` and ``concentration``.  The kind of suggestion comes from the most
pressing fact, in this order: a hard time (check in), a plan coming up (confirm
it; something to celebrate on an earlier day comes first), something to celebrate,
a favor to return (thank), a first in-person
meeting, then time (catch up, once the hoped-for time has passed); a birthday
on the day itself is said on whichever line comes first.  A person
with none of these is not suggested: circle and concentration only raise
people who are.

These are the only place the rules are written: ``words`` puts a score into
sentences, ``rank`` orders the scores, and the store only chooses whom to read.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import namedtuple
from collections.abc import Iterable, Iterator, Mapping

from supportnet.nudge.facts import (
    DEFAULT_WEIGHTS,
    Dismissal,
    LeftOut,
    LifeEvent,
    Marks,
    PersonFacts,
    Settings,
)
from supportnet.occasions import Windows, open_window
from supportnet.text import fold

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


def circle_rank(circle: str) -> int:
    """0 for the inner circle, 1 for close, ... (unknown circles last)."""
    return CIRCLE_ORDER.index(circle) if circle in CIRCLE_ORDER else len(CIRCLE_ORDER)


def person_order(p: PersonFacts) -> tuple:
    """Closest circle first, then the name (ignoring case and accents), then the id."""
    return (circle_rank(p.circle), fold(p.name), p.id)


class Context:
    """What every term and sentence needs: today, the settings, the people by id,
    the network's concentration, and which first names are taken."""

    def __init__(self, today: dt.date, settings: Settings, people: dict[int, PersonFacts],
                 concentration: Concentration, first_words: Mapping[str, int]) -> None:  # fmt: skip
        self.today, self.settings, self.people = today, settings, people
        self.weights = {name: settings.weight(name) for name in DEFAULT_WEIGHTS}
        self.windows = Windows.from_settings(settings.windows)
        self.concentration = concentration
        self.first_words = first_words  # folded first word -> how many people have it


class Concentration:
    """How your recent contact is shared, and who has too much of it (``top``)."""

    def __init__(self, people: Iterable[PersonFacts], left_out: LeftOut, s: Settings) -> None:
        people = list(people)
        self.total = sum(p.recent_contacts for p in people) + left_out.recent_contacts
        self.top: PersonFacts | None = None  # the person with too much of it, if anyone
        self.share = 0.0  # the most anyone had (or ``top`` had), as a share of the total
        if self.total > 0 and people:
            most = max(p.recent_contacts for p in people)
            first = min((p for p in people if p.recent_contacts == most), key=person_order)
            self.share = most / self.total
            if self.total >= s.concentration_min_contacts and self.share >= s.concentration_share:
                self.top = first

    def value_for(self, p: PersonFacts) -> float:
        """The ``concentration`` value: the share, for everyone but the top person."""
        return self.share if self.top is not None and p.id != self.top.id else 0.0


# --- snoozes and dismissals ----------------------------------------------------------


def dismissed_now(dismissals: Iterable[Dismissal], newest: Marks) -> frozenset:
    """(kind, subject) pairs still in force: nothing new was logged since."""
    if not dismissals:
        return frozenset()
    return frozenset(
        (d.kind, d.subject)
        for d in dismissals
        if all(now <= then for now, then in zip(newest, d.marks))
    )


def is_dismissed(active: frozenset, kind: str, subject: str = "") -> bool:
    return bool(active) and ((kind, "") in active or (kind, subject) in active)


def is_snoozed(snoozed_until: dt.date | None, today: dt.date) -> bool:
    return snoozed_until is not None and snoozed_until > today


# --- time -----------------------------------------------------------------------------


def time_numbers(p: PersonFacts, today: dt.date, s: Settings) -> tuple[float, float, int, int]:
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


def due_days(p: PersonFacts, today: dt.date, s: Settings) -> int:
    """Days until the hoped-for cadence comes round (0: already)."""
    return max(0, math.ceil(p.cadence_days - time_numbers(p, today, s)[1]))


# --- one person -----------------------------------------------------------------------

#: The fact that gives a term its value: ``event`` is the life event, the plan
#: occurrence, or None for a birthday; ``on_date`` is its day.
Pick = namedtuple("Pick", "value subject event on_date")


class Score:
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
        "in_touch",
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
        "total",
    )  # fmt: skip


def score(p: PersonFacts, ctx: Context) -> Score:
    s, w, today = ctx.settings, ctx.weights, ctx.today
    active = dismissed_now(p.dismissals, p.newest)
    sc = Score()
    sc.person = p
    sc.dismissed_kinds = set()
    sc.in_touch = {}
    sc.closeness = CLOSENESS.get(p.circle, 0.0)

    value, sc.effective, sc.since_ip, sc.since_any = time_numbers(p, today, s)
    if value >= 1.0 and is_dismissed(active, "catch_up"):
        sc.dismissed_kinds.add("catch_up")
        value = 0.0
    sc.time = value
    sc.due_days = max(0, math.ceil(p.cadence_days - sc.effective))

    sc.hard = _hard_pick(p, ctx, active, sc)
    sc.celebration = _celebration_pick(p, ctx, active, sc)
    sc.reciprocity, sc.reciprocity_state = _reciprocity_pick(p, ctx, active)
    if sc.reciprocity_state == "dismissed":
        sc.dismissed_kinds.add("thank")
    sc.new_person, sc.new_state = _new_person_pick(p, ctx, active)
    if sc.new_state == "dismissed":
        sc.dismissed_kinds.add("meet_in_person")
    sc.plan = _plan_pick(p, ctx, active, sc.dismissed_kinds)
    sc.concentration = ctx.concentration.value_for(p)

    hard = sc.hard.value if sc.hard else 0.0
    celebration = sc.celebration.value if sc.celebration else 0.0
    plan = sc.plan.value if sc.plan else 0.0
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
    # The most pressing reason decides the kind of suggestion; a celebration whose day
    # comes before the plan's is more pressing than the plan.
    sc.kind, sc.subject = None, ""
    celebrate_first = celebration * w["celebration"] > 0 and (
        sc.plan is None or sc.celebration.on_date < sc.plan.on_date
    )
    if hard * w["hard_event"] > 0:
        sc.kind, sc.subject = "check_in", sc.hard.subject
    elif plan * w["plan_soon"] > 0 and not celebrate_first:
        sc.kind, sc.subject = "confirm_plan", sc.plan.subject
    elif celebration * w["celebration"] > 0:
        sc.kind, sc.subject = "celebrate", sc.celebration.subject
    elif sc.reciprocity * w["reciprocity"] > 0:
        sc.kind = "thank"
    elif sc.new_person * w["new_person"] > 0:
        sc.kind = "meet_in_person"
    elif sc.time >= 1.0 and w["time"] > 0:
        sc.kind = "catch_up"
    sc.dismissed = sc.kind is None and bool(sc.dismissed_kinds)
    return sc


def birthday_today(sc: Score, ctx: Context) -> bool:
    """Whether ``sc`` counts a birthday on the day itself (not dismissed, weight above 0).
    It is always said: by its own line, or by the line of the kind that comes first."""
    c = sc.celebration
    return (
        c is not None
        and c.event is None
        and c.on_date == ctx.today
        and ctx.weights["celebration"] > 0
    )


def _event_subject(e: LifeEvent) -> str:
    return f"event:{e.id}:{e.on_date.year}" if e.yearly else f"event:{e.id}"


def _is_open(e: LifeEvent, ctx: Context) -> bool:
    """Whether the event's window is open today (``e.on_date`` is the occurrence
    in view: see ``LifeEvent``)."""
    return open_window(e.on_date, e.tone, False, ctx.today, ctx.windows) is not None


def _open_events(
    p: PersonFacts, ctx: Context, tone: str, kind: str, active: frozenset, sc: Score
) -> Iterator[tuple[LifeEvent, str]]:
    """``p``'s open events of ``tone`` with their subjects, less those dismissed as
    ``kind`` (which then goes into ``sc.dismissed_kinds``) and those already answered
    by contact (``answered_on``: into ``sc.in_touch``)."""
    for e in p.events:
        if e.tone != tone or not _is_open(e, ctx):
            continue
        subject = _event_subject(e)
        if is_dismissed(active, kind, subject):
            sc.dismissed_kinds.add(kind)
            continue
        if answered_on(p, e.on_date, ctx, hard=tone == "hard") is not None:
            sc.in_touch.setdefault(kind, e.on_date)
            continue
        yield e, subject


def answered_on(p: PersonFacts, on_date: dt.date, ctx: Context, *, hard: bool) -> dt.date | None:
    """The contact that already answers an occasion on ``on_date`` (its day, or None).

    A hard time has three parts, each answered by contact within it: before the day
    (since its window opened: the check-in before), the day itself, and the days
    after (the check-in after the surgery: a call on the morning of it does not
    answer the fortnight that follows).  A celebration is answered by any contact
    from its day on (the birthday call), and is still to come before it."""
    if p.last_contact is None:
        return None
    today = ctx.today
    if today < on_date:
        if not hard:
            return None
        since = on_date - dt.timedelta(days=ctx.windows.hard_before_days)
    elif today > on_date and hard:
        since = on_date + dt.timedelta(days=1)
    else:
        since = on_date
    return p.last_contact if p.last_contact >= since else None


def _hard_pick(p: PersonFacts, ctx: Context, active: frozenset, sc: Score) -> Pick | None:
    """The hard event that matters most: the highest value, then the nearest."""
    if not p.events:
        return None
    best, best_key = None, None
    for e, subject in _open_events(p, ctx, "hard", "check_in", active, sc):
        days_after = (ctx.today - e.on_date).days
        after = ctx.settings.hard_after_days
        value = 1.0 if days_after <= 0 else 1.0 - 0.5 * days_after / max(after, 1)
        key = (-value, abs(days_after), e.id)
        if best_key is None or key < best_key:
            best, best_key = Pick(value, subject, e, e.on_date), key
    return best


def _celebration_pick(p: PersonFacts, ctx: Context, active: frozenset, sc: Score) -> Pick | None:
    """The strongest of a birthday within ``birthday_lead_days`` and the happy events."""
    s, today = ctx.settings, ctx.today
    if p.next_birthday is None and not p.events:
        return None
    options = []
    if p.next_birthday is not None:
        days = (p.next_birthday - today).days
        subject = f"birthday:{p.next_birthday.isoformat()}"
        if 0 <= days <= s.birthday_lead_days:
            if is_dismissed(active, "celebrate", subject):
                sc.dismissed_kinds.add("celebrate")
            elif answered_on(p, p.next_birthday, ctx, hard=False) is not None:
                sc.in_touch.setdefault("celebrate", p.next_birthday)
            else:
                value = 1.0 - 0.5 * days / max(s.birthday_lead_days, 1)
                options.append(((-value, days, 0, 0), Pick(value, subject, None, p.next_birthday)))
    for e, subject in _open_events(p, ctx, "happy", "celebrate", active, sc):
        days = (e.on_date - today).days
        span = s.happy_before_days if days > 0 else s.happy_after_days
        value = 1.0 - 0.5 * abs(days) / max(span, 1)
        options.append(((-value, abs(days), 1, e.id), Pick(value, subject, e, e.on_date)))
    return min(options, key=lambda o: o[0])[1] if options else None


def _reciprocity_pick(p: PersonFacts, ctx: Context, active: frozenset) -> tuple[float, str]:
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
    if is_dismissed(active, "thank"):
        return 0.0, "dismissed"
    return 1.0 - 0.5 * days / max(ctx.settings.reciprocity_days, 1), "open"


def _new_person_pick(p: PersonFacts, ctx: Context, active: frozenset) -> tuple[float, str]:
    """(value, state): state is met, professional, not_new, dismissed or open."""
    if p.last_in_person is not None:
        return 0.0, "met"
    if p.circle == "professional":
        return 0.0, "professional"
    if p.circle != "prospect" and (ctx.today - p.added_on).days > ctx.settings.new_person_days:
        return 0.0, "not_new"
    if is_dismissed(active, "meet_in_person"):
        return 0.0, "dismissed"
    return 1.0, "open"


def _plan_pick(p: PersonFacts, ctx: Context, active: frozenset, dismissed: set) -> Pick | None:
    """The first plan occurrence coming up within ``plan_lead_days``."""
    s, today = ctx.settings, ctx.today
    if not p.plans_soon:
        return None
    for o in sorted(p.plans_soon, key=lambda o: (o.on_date, o.at_time or "", o.plan_id)):
        days = (o.on_date - today).days
        if not 0 <= days <= s.plan_lead_days:
            continue
        subject = f"plan:{o.plan_id}:{o.on_date.isoformat()}"
        if is_dismissed(active, "confirm_plan", subject):
            dismissed.add("confirm_plan")
            continue
        return Pick(1.0 - 0.5 * days / max(s.plan_lead_days, 1), subject, o, o.on_date)
    return None
