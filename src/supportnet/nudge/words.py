"""The nudge's words: what a sentence calls each person, the reason and the
action of a person's suggestion, and the fact behind every term.

Plain and kind; "overdue" and "should" never appear.  How long ago something
was is ``dates.describe_ago`` / ``describe_span``, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from supportnet.dates import describe_ago, describe_span, describe_until, when_words
from supportnet.nudge.facts import LifeEvent, PersonFacts
from supportnet.nudge.results import Term
from supportnet.nudge.score import Context, Score, birthday_today
from supportnet.spans import describe_days
from supportnet.text import KIN_TITLES, TITLES, fold, join_words

_MEAL_WORDS = ("surgery", "operation", "hospital", "sick", "ill", "flu", "covid", "injur", "broke")
_LISTEN_WORDS = ("died", "death", "passed", "funeral", "grief", "breakup", "break-up", "divorce")
#: Words the nudge never calls someone by alone: "Dr." or "Aunt" for Aunt Rosa.
_TITLES = TITLES | KIN_TITLES

#: What a person's suggestion says: (reason, action, kind to log, in person).
Words = tuple[str, str, str | None, bool]


# --- days and cadences ---------------------------------------------------------------


def plan_every(days: int) -> str:
    """The --every of a `supportnet plan` command for a cadence: '2 weeks', 'week'."""
    return describe_days(days).removeprefix("every ")


def whose_day(day: dt.date, today: dt.date) -> str:
    """'today's', 'tomorrow's', 'Tuesday's', 'the 16 June'."""
    days = (day - today).days
    if days == 0:
        return "today's"
    if days == 1:
        return "tomorrow's"
    if 1 < days < 7:
        return f"{day:%A}'s"
    return f"the {day.day} {day:%B}"


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "never"


# --- names ----------------------------------------------------------------------------


def has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


def first_word(name: str) -> str:
    """What a name's first name may be, as written: its first word with a letter in
    it ('Élodie' for 'Élodie Roy', 'Rocco' for '🎸 Rocco'), or the whole name when
    no word has one (a card named after its phone number: '+1 555 010 9999')."""
    return next((word for word in name.split() if has_letter(word)), name)


def first_word_key(word: str) -> str:
    """A first word folded for comparing: 'Élodie' -> 'elodie'."""
    return word.casefold() if word.isascii() else fold(word)


def first_word_counts(names: Iterable[str] | Mapping[str, int]) -> Counter:
    """How many of ``names`` have each folded first word; ``names`` may come
    counted already (a name, or the name's first word when that word has a letter,
    to how many: the store groups by the word before the first space, and counts the
    names whose word has no letter whole).  Each distinct first word is folded once."""
    if isinstance(names, Mapping):
        words: Counter = Counter()
        for name, count in names.items():
            words[first_word(name)] += count
    else:
        words = Counter(map(first_word, names))
    counts: Counter = Counter()
    for word, count in words.items():
        counts[first_word_key(word)] += count
    return counts


def short_name(name: str, first_words: Mapping[str, int]) -> str:
    """The first name when no one else in the network shares it (and it is not a
    title like 'Dr.'), else the full name."""
    word = first_word(name)
    key = first_word_key(word)
    title = word.endswith(".") or key in _TITLES
    return word if first_words.get(key) == 1 and not title else name


def called(ctx: Context, pid: int) -> str:
    """What a sentence calls the person ``pid``."""
    return short_name(ctx.people[pid].name, ctx.first_words)


# --- a person's suggestion ------------------------------------------------------------


def person_words(sc: Score, ctx: Context, merged: tuple[Score, ...] = ()) -> Words:
    """(reason, action, kind to log, in person) for a person's suggestion, and the
    others' whose lines were ``merged`` into it (a plan's people).  A birthday today
    is always said: when another kind comes first, the reason ends with it."""
    reason, action, log_kind, in_person = _kind_words(sc, ctx)
    for one in (sc, *merged):
        if one.kind != "celebrate" and birthday_today(one, ctx):
            turns = one.person.birthday_turns
            turning = f" (turning {turns})" if turns is not None else ""
            reason += f" It's also {called(ctx, one.person.id)}'s birthday today{turning}!"
    return reason, action, log_kind, in_person


def _kind_words(sc: Score, ctx: Context) -> Words:
    p, today = sc.person, ctx.today
    name = called(ctx, p.id)
    if sc.kind == "check_in":
        return _hard_words(sc.hard.event, name, today)
    if sc.kind == "confirm_plan":
        o = sc.plan.event
        others = [called(ctx, i) for i in o.people if i in ctx.people] or [name]
        names = join_words(others)
        at = f" at {o.at_time}" if o.at_time else ""
        # "Sunday call with Maya" already says with whom.
        said = all(fold(n) in fold(o.title) for n in others)
        with_whom = "" if said else f" with {names}"
        reason = f'Your plan "{o.title}"{with_whom} is {when_words(o.on_date, today)}{at}.'
        return reason, f"Confirm {whose_day(o.on_date, today)} plan with {names}.", None, True
    if sc.kind == "celebrate":
        if sc.celebration.event is None:
            return _birthday_words(p, sc.celebration.on_date, name, today)
        return _happy_words(sc.celebration.event, name, today)
    if sc.kind == "thank":
        favor = p.last_favor_received
        reason = (
            f"{name} helped you {describe_ago(favor.on_date, today)} ({favor.what}), "
            "and you haven't been in touch since."
        )
        return reason, f"Thank {name} — or return the favor when you can.", "call", False
    if sc.kind == "meet_in_person":
        if p.last_contact is not None:
            reason = f"You've been in touch with {name} online, but haven't met in person yet."
        elif p.circle == "prospect":
            reason = f"You'd like to know {name} better, and haven't met in person yet."
        else:
            added = describe_ago(p.added_on, today)
            reason = f"You added {name} {added} and haven't met in person yet."
        action = f"Invite {name} to get together in person — a coffee or a walk?"
        return reason, action, "coffee", True
    return _catch_up_words(sc, name)


def _catch_up_words(sc: Score, name: str) -> Words:
    p = sc.person
    every = describe_days(p.cadence_days)
    if p.last_contact is None:
        reason = (
            f"You haven't logged any time with {name} since adding them, "
            f"{describe_span(sc.since_ip)} ago."
        )
    elif p.last_in_person == p.last_contact:
        reason = (
            f"It's been {describe_span(sc.since_ip)} since you saw {name} — you hoped for {every}."
        )
    elif p.last_in_person is not None:
        reason = (
            f"You've been in touch online, but it's been {describe_span(sc.since_ip)} since "
            f"you saw {name} in person — you hoped for {every}."
        )
    else:
        reason = (
            f"It's been {describe_span(sc.since_any)} since you were in touch with {name} "
            f"(online) — you hoped for {every}."
        )
    if p.circle == "acquaintance":
        return reason, "A message or a call to say hello?", "call", False
    if p.circle == "professional":
        return reason, f"Book a time with {name}, if it still helps.", "other", True
    if p.last_contact is not None and p.last_in_person != p.last_contact:
        return reason, "Meet in person this time — coffee or a walk?", "coffee", True
    return reason, "Coffee or a walk this week?", "coffee", True


def _hard_words(e: LifeEvent, name: str, today: dt.date) -> Words:
    days = (e.on_date - today).days
    if e.yearly:
        if days == 0:
            moment = "is today"
        elif days > 0:
            moment = f"is {describe_until(e.on_date, today)}"
        else:
            moment = f"was {describe_ago(e.on_date, today)}"
        reason = f"A hard date for {name} {moment}: {e.what}."
        return reason, f"Check in — let {name} know you remember.", "call", False
    if days > 0:
        reason = f"A hard time is coming for {name}: {e.what}, {describe_until(e.on_date, today)}."
    elif days == 0:
        reason = f"Today is a hard day for {name}: {e.what}."
    else:
        reason = f"{name} is going through a hard time: {e.what}, {describe_ago(e.on_date, today)}."
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


def _birthday_words(p: PersonFacts, when: dt.date, name: str, today: dt.date) -> Words:
    days = (when - today).days
    turning = f" (turning {p.birthday_turns})" if p.birthday_turns is not None else ""
    if days == 0:
        reason = f"It's {name}'s birthday today{turning}!"
        return reason, f"Send a message or call to wish {name} a happy birthday.", "call", False
    if days == 1:
        reason = f"{name}'s birthday is tomorrow{turning}."
        return reason, "Plan a call or a small treat for tomorrow.", "call", False
    reason = f"{name}'s birthday is {when_words(when, today)}{turning}."
    if days >= 5 and p.circle in ("inner", "close", "friend"):
        action = "There's time to organize something: a dinner, a cake, or a card from friends?"
        return reason, action, "meal", True
    return reason, "Plan a message, a call or a card for the day.", "call", False


def _happy_words(e: LifeEvent, name: str, today: dt.date) -> Words:
    days = (e.on_date - today).days
    if days > 0:
        when = describe_until(e.on_date, today)
        reason = f"Something to celebrate is coming for {name}: {e.what}, {when}."
        return reason, f"Plan how to celebrate with {name}.", "coffee", True
    if days == 0:
        reason = f"Today is a happy day for {name}: {e.what}!"
        return reason, f"Congratulate {name} — a call, or a celebration together.", "call", False
    reason = f"{name} has something to celebrate: {e.what}, {describe_ago(e.on_date, today)}."
    if e.kind == "new baby" or "baby" in fold(e.what):
        return reason, "Congratulate them, and offer a meal for the first weeks.", "visit", True
    return reason, f"Congratulate {name} — maybe a celebratory coffee?", "coffee", True


# --- the fact behind each term -------------------------------------------------------


def dismissed_fact(kind: str) -> str:
    return f"dismissed ({kind.replace('_', ' ')}) until something new happens"


def terms(sc: Score, ctx: Context) -> tuple[Term, ...]:
    """Every term of a person's score, each with the fact behind it."""
    w = ctx.weights
    hard = sc.hard.value if sc.hard else 0.0
    celebration = sc.celebration.value if sc.celebration else 0.0
    plan = sc.plan.value if sc.plan else 0.0
    return (
        Term("time", sc.time, w["time"], _time_fact(sc, ctx)),
        Term("circle", sc.closeness, w["circle"], f"{sc.person.circle} circle"),
        Term("hard_event", hard, w["hard_event"], _hard_fact(sc, ctx)),
        Term("celebration", celebration, w["celebration"], _celebration_fact(sc, ctx)),
        Term("reciprocity", sc.reciprocity, w["reciprocity"], _reciprocity_fact(sc, ctx)),
        Term("new_person", sc.new_person, w["new_person"], _new_person_fact(sc, ctx)),
        Term("plan_soon", plan, w["plan_soon"], _plan_fact(sc, ctx)),
        Term("concentration", sc.concentration, w["concentration"], _concentration_fact(sc, ctx)),
    )


def _time_fact(sc: Score, ctx: Context) -> str:
    p, s, today = sc.person, ctx.settings, ctx.today
    if p.last_contact is None:
        fact = f"no contact logged since you added them on {iso(p.added_on)}"
    elif p.last_in_person == p.last_contact:
        seen = describe_ago(p.last_in_person, today)
        fact = f"last seen in person {iso(p.last_in_person)} ({seen})"
    else:
        fact = (
            f"last in person {iso(p.last_in_person)}, last online {iso(p.last_contact)}"
            f" (online counts {s.online_counts_as:g})"
        )
    every = describe_days(p.cadence_days)
    fact += f": {sc.effective:g} of {p.cadence_days} days hoped for ({every})"
    if sc.time >= s.time_cap:
        fact += f", capped at {s.time_cap:g}"
    if "catch_up" in sc.dismissed_kinds:
        fact = dismissed_fact("catch_up") + f"; {fact}"
    return fact


def _hard_fact(sc: Score, ctx: Context) -> str:
    if sc.hard:
        e = sc.hard.event
        return (
            f"{e.what} ({e.kind}, hard) on {iso(e.on_date)}, {describe_until(e.on_date, ctx.today)}"
        )
    if "check_in" in sc.dismissed_kinds:
        return dismissed_fact("check_in")
    if "check_in" in sc.in_touch:
        day = iso(sc.in_touch["check_in"])
        return "checked in: " + _answered(sc, ctx, f"the hard time on {day}")
    return "no hard time in view"


def _answered(sc: Score, ctx: Context, occasion: str) -> str:
    """The contact that answered an occasion (``score.answered_on``)."""
    last = sc.person.last_contact
    return f"in touch {iso(last)} ({describe_ago(last, ctx.today)}), for {occasion}"


def _celebration_fact(sc: Score, ctx: Context) -> str:
    if sc.celebration:
        e, when = sc.celebration.event, sc.celebration.on_date
        if e is None:
            turns = sc.person.birthday_turns
            turning = f" (turning {turns})" if turns is not None else ""
            return f"birthday on {iso(when)}, {describe_until(when, ctx.today)}{turning}"
        return f"{e.what} ({e.kind}, happy) on {iso(when)}, {describe_until(when, ctx.today)}"
    if "celebrate" in sc.dismissed_kinds:
        return dismissed_fact("celebrate")
    if "celebrate" in sc.in_touch:
        day = iso(sc.in_touch["celebrate"])
        return "celebrated: " + _answered(sc, ctx, f"the day on {day}")
    return "nothing to celebrate in view"


def _reciprocity_fact(sc: Score, ctx: Context) -> str:
    p = sc.person
    favor = p.last_favor_received
    if favor is None:
        return "no favor from them recorded"
    return (
        f"they helped you on {iso(favor.on_date)} ({favor.what})"
        + {
            "old": f", more than {ctx.settings.reciprocity_days} days ago",
            "in_touch": f"; in touch since, on {iso(p.last_contact)}",
            "returned": f"; you helped them on {iso(p.last_favor_given)}",
            "dismissed": "; " + dismissed_fact("thank"),
            "open": "; not in touch since",
        }[sc.reciprocity_state]
    )


def _new_person_fact(sc: Score, ctx: Context) -> str:
    p, state = sc.person, sc.new_state
    if state == "met":
        return f"met in person (last {iso(p.last_in_person)})"
    if state == "professional":
        return "a professional: no need to meet socially"
    if state == "not_new":
        return f"added more than {ctx.settings.new_person_days} days ago"
    who = "a prospect" if p.circle == "prospect" else f"added {describe_ago(p.added_on, ctx.today)}"
    fact = f"{who}; never met in person"
    if p.last_contact is not None:
        fact += f"; online contact, last {iso(p.last_contact)}"
    if state == "dismissed":
        fact = dismissed_fact("meet_in_person") + f"; {fact}"
    return fact


def _plan_fact(sc: Score, ctx: Context) -> str:
    if sc.plan:
        o = sc.plan.event
        at = f" at {o.at_time}" if o.at_time else ""
        return f'plan "{o.title}" on {iso(o.on_date)}{at}, {describe_until(o.on_date, ctx.today)}'
    if "confirm_plan" in sc.dismissed_kinds:
        return dismissed_fact("confirm_plan")
    return f"no plan in the next {ctx.settings.plan_lead_days} days"


def _concentration_fact(sc: Score, ctx: Context) -> str:
    s, c = ctx.settings, ctx.concentration
    if c.top is None:
        if c.total < s.concentration_min_contacts:
            fewer = f"fewer than {s.concentration_min_contacts} contacts"
            return f"{fewer} in the last {s.recent_days} days"
        return f"your recent contact is spread out (at most {c.share:.0%} with one person)"
    if sc.person.id == c.top.id:
        return f"most of your recent contact was with them ({c.top.recent_contacts} of {c.total})"
    return (
        f"{c.top.name} had {c.top.recent_contacts} of your {c.total} "
        f"contacts in the last {s.recent_days} days ({c.share:.0%})"
    )
