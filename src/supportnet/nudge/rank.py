"""Choosing and ordering the suggestions: people, introductions, communities and
the first steps of a small network, in one ranked list.

Ties break by a fixed rule, never at random: higher total first, then the
closer circle, then the longer time since contact, then the name (ignoring
case and accents), then the ids.  Number N is always the same suggestion for
the same facts and today, whatever the limit: the whole list is ranked, and
only the lines shown are put into words.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import groupby
from operator import attrgetter

from supportnet.dates import describe_until, when_words
from supportnet.nudge.facts import GroupFacts, NetworkFacts, PersonFacts, Settings
from supportnet.nudge.results import (
    KIND_TERM,
    KINDS,
    PERSON_KINDS,
    Explanation,
    GroupExplanation,
    Nudge,
    Suggestion,
    Term,
)
from supportnet.nudge.score import (
    CIRCLE_ORDER,
    CLOSENESS,
    Concentration,
    Context,
    Score,
    circle_rank,
    dismissed_now,
    due_days,
    is_dismissed,
    is_snoozed,
    person_order,
    score,
    time_numbers,
)
from supportnet.nudge.words import (
    called,
    first_word_counts,
    iso,
    person_words,
    plan_every,
    terms,
)
from supportnet.text import count_of, fold, join_words, plural

#: The circle rank of suggestions that are not about a person (they come after).
NO_CIRCLE = len(CIRCLE_ORDER)

#: The person's own lines a regular time stands in for: it takes their place and
#: their terms.  The terms that make any other line of theirs (a hard time, a plan,
#: a celebration, a favor) count on that line, which stays.
SCHEDULE_REPLACES = ("catch_up", "meet_in_person")
_OWN_LINE_TERMS = frozenset(KIND_TERM[k] for k in PERSON_KINDS if k not in SCHEDULE_REPLACES)


class _Entry:
    """One line of the list, before a person's line is put into words: ``build``
    is their Score, or the Suggestion itself for the other lines."""

    __slots__ = ("build", "ids", "kind", "merged", "name", "numbers", "people")

    def __init__(self, total: float, circle: int, days: float, name: str, ids: tuple,
                 kind: str, build: Score | Suggestion, people: tuple = ()) -> None:  # fmt: skip
        # The tie rule, part one: higher total, closer circle, longer since contact.
        self.numbers = (-round(total, 9), circle, -round(days, 9))
        self.name, self.ids, self.kind, self.build, self.people = name, ids, kind, build, people
        self.merged: tuple[Score, ...] = ()  # the scores of lines merged into this one

    def names(self) -> tuple:
        """The tie rule, part two: the name (ignoring case and accents), ids, kind."""
        return (fold(self.name), self.ids, KINDS.index(self.kind))

    def suggestion(self, ctx: Context) -> Suggestion:
        if isinstance(self.build, Suggestion):
            return self.build
        sc = self.build
        reason, action, log_kind, in_person = person_words(sc, ctx, self.merged)
        return Suggestion(kind=sc.kind, reason=reason, action=action, terms=terms(sc, ctx),
                          people=self.people, subject=sc.subject, log_kind=log_kind,
                          log_in_person=in_person)  # fmt: skip


def _in_order(entries: list[_Entry]) -> list[_Entry]:
    """The entries by the tie rule (names are folded only where the numbers tie)."""
    entries.sort(key=attrgetter("numbers"))
    ordered = []
    for _, tied in groupby(entries, key=attrgetter("numbers")):
        tied = list(tied)
        if len(tied) > 1:
            tied.sort(key=_Entry.names)
        ordered += tied
    return ordered


def _person_entry(sc: Score) -> _Entry:
    p = sc.person
    return _Entry(sc.total, circle_rank(p.circle), sc.effective, p.name, (p.id,), sc.kind, sc,
                  ((p.id, p.name),))  # fmt: skip


def _suggestion_entry(suggestion: Suggestion, circle: int = NO_CIRCLE, days: float = 0,
                      name: str = "", ids: tuple = ()) -> _Entry:  # fmt: skip
    return _Entry(suggestion.total, circle, days, name, ids, suggestion.kind, suggestion,
                  suggestion.people)  # fmt: skip


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
        first, second = _in_order([best, entry])
        first.people = first.people + second.people
        first.merged = (*first.merged, second.build, *second.merged)
        merged[subject] = first
    return rest + list(merged.values())


def _introductions(network: NetworkFacts, ctx: Context, hidden_ids: set[int]) -> list[_Entry]:
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
        subject = f"pair:{min(a.id, b.id)}:{max(a.id, b.id)}"
        if any(is_dismissed(dismissed_now(p.dismissals, p.newest), "introduce", subject)
               for p in (a, b)):  # fmt: skip
            continue
        if person_order(b) < person_order(a):
            a, b = b, a
        value = min(1.0 + 0.25 * (len(shared) - 1), 1.5)
        things = join_words(shared)
        fact = (
            f"{a.name} and {b.name} share {things}; both seen in the last {s.introduction_days} "
            "days, never at one get-together together"
        )
        closeness = (CLOSENESS.get(a.circle, 0.0) + CLOSENESS.get(b.circle, 0.0)) / 2
        circles = f"{a.circle} and {b.circle} circles (the mean)"
        suggestion = Suggestion(
            kind="introduce",
            reason=(
                f"{called(ctx, a.id)} and {called(ctx, b.id)} have {things} in common, but have "
                "never been at one of your get-togethers together."
            ),
            action="Introduce them: invite both next time you meet one of them.",
            terms=(
                Term("introduction", value, weight, fact),
                Term("circle", closeness, ctx.weights["circle"], circles),
            ),
            people=((a.id, a.name), (b.id, b.name)),
            subject=subject,
            log_kind="coffee",
        )
        days = max(time_numbers(p, today, s)[1] for p in (a, b))
        closest = min(circle_rank(a.circle), circle_rank(b.circle))
        candidates.append(
            _suggestion_entry(suggestion, closest, days, f"{a.name} {b.name}", (a.id, b.id))
        )
    chosen: list[_Entry] = []
    used: set[int] = set()
    for entry in _in_order(candidates):
        if len(chosen) >= s.max_introductions:
            break
        if used.isdisjoint(entry.ids):
            used.update(entry.ids)
            chosen.append(entry)
    return chosen


def _communities(
    network: NetworkFacts, ctx: Context, hidden_ids: set[int]
) -> tuple[list[_Entry], int]:
    """'Go back' lines for the communities missed several times; and how many are
    snoozed or dismissed."""
    today, s = ctx.today, ctx.settings
    weight = ctx.weights["community"]
    threshold = max(s.missed_meetings, 1)
    found, hidden = [], 0
    for c in network.communities:
        if c.missed_in_a_row < threshold or weight <= 0:
            continue
        if is_snoozed(c.snoozed_until, today) or is_dismissed(
            dismissed_now(c.dismissals, c.newest), "go_back"
        ):
            hidden += 1
            continue
        term = _community_term(c, ctx)
        members = [ctx.people[i] for i in c.members if i in ctx.people and i not in hidden_ids]
        friend = min(members, key=person_order) if members else None
        if c.last_attended is None:
            reason = (
                f"You haven't been to {c.name} since joining — {c.missed_in_a_row} meetings so far."
            )
        else:
            reason = f"It's been {c.missed_in_a_row} meetings since you were last at {c.name}."
        when = when_words(c.next_meeting, today) if c.next_meeting else "next time"
        at = f" at {c.at_time}" if c.at_time and c.next_meeting else ""
        if friend is not None:
            action = f"Go back {when}{at} — maybe with {called(ctx, friend.id)}, who's a member."
        else:
            action = f"Go back {when}{at}; you'll be welcome."
        suggestion = Suggestion(kind="go_back", reason=reason, action=action, terms=(term,),
                                community=(c.id, c.name), log_kind="group meeting")  # fmt: skip
        found.append(_suggestion_entry(suggestion, name=c.name, ids=(c.id,)))
    return found, hidden


def _community_term(c: GroupFacts, ctx: Context) -> Term:
    """The ``community`` term of a group: meetings missed in a row against
    ``missed_meetings`` (value at most 2), with when you last went."""
    value = min(c.missed_in_a_row / max(ctx.settings.missed_meetings, 1), 2.0)
    since = f"last went {iso(c.last_attended)}" if c.last_attended else "not been since joining"
    nxt = f"; next meeting {iso(c.next_meeting)}" if c.next_meeting else ""
    fact = f"{since}; {count_of(c.missed_in_a_row, 'meeting')} since{nxt}"
    return Term("community", value, ctx.weights["community"], fact)


def _network_entry(kind: str, reason: str, action: str, fact: str, ctx: Context) -> _Entry:
    term = Term("small_network", 1.0, ctx.weights["small_network"], fact)
    return _suggestion_entry(Suggestion(kind=kind, reason=reason, action=action, terms=(term,)))


def _small_network(
    network: NetworkFacts, ctx: Context, hidden_ids: set[int], entries: list[_Entry]
) -> list[_Entry]:
    """The first steps: add someone; set a regular time; add one more."""
    found = []
    social = [p for p in network.people if p.circle != "professional"]
    size = len(social) + network.left_out.social
    if not size:
        return [_network_entry(
            "add_person",
            "Start with one friend: add someone you'd like to see more often.",
            'Add them: supportnet add "Name" --circle close',
            "no one in your network yet (professionals aside)",
            ctx,
        )]  # fmt: skip
    if not network.has_gettogethers and not network.has_active_plans:
        candidates = [
            p
            for p in social
            if p.id not in hidden_ids
            and not is_dismissed(dismissed_now(p.dismissals, p.newest), "schedule")
        ]
        if candidates:
            p = min(candidates, key=person_order)
            sc = score(p, ctx)
            entries[:] = [
                e for e in entries if not (e.ids == (p.id,) and e.kind in SCHEDULE_REPLACES)
            ]  # fmt: skip
            fact = "no get-togethers or regular plans yet; the closest person comes first"
            term = Term("small_network", 1.0, ctx.weights["small_network"], fact)
            own = tuple(t for t in terms(sc, ctx) if t.name not in _OWN_LINE_TERMS)
            suggestion = Suggestion(
                kind="schedule",
                reason=(
                    "Start with one friend and build from there: "
                    f"a regular time with {called(ctx, p.id)} makes it easy."
                ),
                action=(
                    f'Set one up: supportnet plan "coffee" --with "{p.name}" '
                    f'--every "{plan_every(p.cadence_days)}"'
                ),
                terms=(*own, term),
                people=((p.id, p.name),),
            )
            found.append(
                _suggestion_entry(suggestion, circle_rank(p.circle), sc.effective, p.name, (p.id,))
            )
    if size <= 2:
        groups = [c.name for c in network.communities]
        count = "one person" if size == 1 else "two people"
        where = f"someone from {join_words(groups, 'or')}, or " if groups else ""
        found.append(
            _network_entry(
                "grow",
                f"You have {count} in your network so far — a good start; "
                "one more spreads the support.",
                f"Think of {where}an acquaintance you'd like to know better: "
                'supportnet add "Name" --circle prospect',
                f"{count_of(size, 'person', 'people')} in your network",
                ctx,
            )
        )
    return found


def _caught_up(network: NetworkFacts, ctx: Context, hidden_ids: set[int], hidden: int) -> _Entry:
    waiting = [p for p in network.people if p.id not in hidden_ids]
    if hidden:
        reason = "Nothing else needs you right now — the rest is snoozed or dismissed."
    else:
        reason = "Everyone has been seen lately — well done."
    if waiting:
        due = {p.id: due_days(p, ctx.today, ctx.settings) for p in waiting}
        soonest = min(due.values())
        p = min((p for p in waiting if due[p.id] == soonest), key=person_order)
        when = ctx.today + dt.timedelta(days=max(soonest, 1))
        action = f"Next up: {called(ctx, p.id)}, {describe_until(when, ctx.today)}."
        fact = f"the next hoped-for contact is with {p.name} on {iso(when)}"
    else:
        action, fact = "Enjoy your week.", "no one is waiting"
    term = Term("small_network", 0.0, ctx.weights["small_network"], fact)
    return _suggestion_entry(Suggestion(kind="caught_up", reason=reason, action=action,
                                        terms=(term,)))  # fmt: skip


class _Ranking:
    """Every line of the list in order, put into words one by one when asked."""

    def __init__(self, network: NetworkFacts, today: dt.date, settings: Settings) -> None:
        people = network.people
        self.ctx = ctx = Context(
            today,
            settings,
            {p.id: p for p in people},
            Concentration(people, network.left_out, settings),
            first_word_counts(p.name for p in people) + Counter(network.left_out.first_words),
        )
        hidden_ids = {p.id for p in people if is_snoozed(p.snoozed_until, today)}
        entries: list[_Entry] = []
        self.hidden = 0
        for p in people:
            sc = score(p, ctx)
            if p.id in hidden_ids:
                self.hidden += sc.kind is not None
            elif sc.kind is not None:
                entries.append(_person_entry(sc))
            elif sc.dismissed:
                self.hidden += 1
        entries = _merge_plans(entries)
        entries += _introductions(network, ctx, hidden_ids)
        groups, hidden_groups = _communities(network, ctx, hidden_ids)
        entries += groups
        self.hidden += hidden_groups
        entries += _small_network(network, ctx, hidden_ids, entries)
        if not entries:
            entries.append(_caught_up(network, ctx, hidden_ids, self.hidden))
        self.entries = _in_order(entries)
        self.notes: tuple[str, ...] = ()
        top = ctx.concentration.top
        if top is not None:
            self.notes = (
                f"Most of your contact in the last {settings.recent_days} days was with "
                f"{called(ctx, top.id)} ({top.recent_contacts} of {ctx.concentration.total}). "
                "One person can't give all the support you need, so others are nudged up a "
                "little.",
            )

    def suggestion(self, index: int) -> Suggestion:
        return self.entries[index].suggestion(self.ctx)

    def about(self, target: tuple[str, int]) -> tuple[tuple[int, Suggestion], ...]:
        found = []
        for number, entry in enumerate(self.entries, start=1):
            if target[0] == "person":
                hit = any(pid == target[1] for pid, _ in entry.people)
            else:
                hit = entry.kind == "go_back" and entry.ids == (target[1],)
            if hit:
                found.append((number, self.suggestion(number - 1)))
        return tuple(found)


def _whole(network: NetworkFacts, limit: int | None) -> None:
    """Refuse to number more lines than ``network`` holds whole."""
    lines = network.left_out.lines
    if lines is not None and (limit is None or limit > lines):
        raise ValueError(f"these facts hold only the first {lines} lines of the nudge whole")


def rank(
    network: NetworkFacts,
    today: dt.date,
    settings: Settings | None = None,
    *,
    limit: int | None = None,
) -> Nudge:
    """The suggestions for ``today``, best first: all of them, or the first ``limit``
    (no more than the network's facts hold whole: ``LeftOut.lines``)."""
    _whole(network, limit)
    ranking = _Ranking(network, today, settings or Settings())
    count = len(ranking.entries) + network.left_out.catch_ups
    shown = len(ranking.entries) if limit is None else min(max(limit, 0), len(ranking.entries))
    suggestions = tuple(ranking.suggestion(i) for i in range(shown))
    return Nudge(suggestions, count, ranking.notes, ranking.hidden)


def about(
    network: NetworkFacts, today: dt.date, settings: Settings | None, target: tuple[str, int]
) -> tuple[tuple[int, Suggestion], ...]:
    """(number, suggestion) of every suggestion about ``("person", id)`` or
    ``("community", id)``, in ranked order."""
    _whole(network, None)
    return _Ranking(network, today, settings or Settings()).about(target)


def explain(
    network: NetworkFacts, person_id: int, today: dt.date, settings: Settings | None = None
) -> Explanation:
    """Every term of one person's score, their place in the nudge, and why."""
    _whole(network, None)
    ranking = _Ranking(network, today, settings or Settings())
    ctx = ranking.ctx
    person: PersonFacts = ctx.people[person_id]
    sc = score(person, ctx)
    mine = ranking.about(("person", person_id))
    name = called(ctx, person_id)
    if is_snoozed(person.snoozed_until, today):
        status = f"{name} is snoozed until {iso(person.snoozed_until)}."
    elif mine:
        number, suggestion = mine[0]
        status = f"{name} is number {number} in the nudge ({suggestion.kind.replace('_', ' ')})."
    elif sc.dismissed:
        status = f"{name}'s suggestion is dismissed until something new happens."
    else:
        when = today + dt.timedelta(days=max(sc.due_days, 1))
        status = (
            f"Nothing to suggest for {name} right now; by the hoped-for cadence, "
            f"the next contact would be {describe_until(when, today)}."
        )
    return Explanation(person, terms(sc, ctx), sc.kind, status, mine)


def explain_group(
    network: NetworkFacts, community_id: int, today: dt.date, settings: Settings | None = None
) -> GroupExplanation:
    """The ``community`` term of one of your groups (``network.communities``), its place
    in the nudge, and why."""
    _whole(network, None)
    ranking = _Ranking(network, today, settings or Settings())
    group = next(c for c in network.communities if c.id == community_id)
    mine = ranking.about(("community", community_id))
    missed, threshold = group.missed_in_a_row, max(ranking.ctx.settings.missed_meetings, 1)
    if is_snoozed(group.snoozed_until, today):
        status = f"{group.name} is snoozed until {iso(group.snoozed_until)}."
    elif mine:
        status = f"{group.name} is number {mine[0][0]} in the nudge (go back)."
    elif ranking.ctx.weights["community"] <= 0:
        status = (
            f"Nothing to suggest for {group.name}: the community weight is 0 in your "
            "config, so no group is suggested."
        )
    elif missed >= threshold:
        status = f"{group.name}'s suggestion is dismissed until something new happens."
    else:
        status = (
            f"Nothing to suggest for {group.name} right now: going back is suggested once "
            f"{count_of(threshold, 'meeting')} in a row {plural(threshold, 'has', 'have')} "
            f"passed without you ({missed} so far)."
        )
    kind = "go_back" if mine else None
    return GroupExplanation(group, (_community_term(group, ranking.ctx),), kind, status, mine)
