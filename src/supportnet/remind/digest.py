"""The digests, pure: what `supportnet today` says and what a reminder delivers.

Plain facts and today go in (the nudge's suggestions, agenda items, goals' progress,
the review); text and JSON come out.  One digest has four forms: the full text (a
terminal, a command's stdin), the short one (one or two lines: a notification), the
private one (counts without names: a lock screen) and JSON.  Every sentence is kind:
a goal is "within reach", never "behind".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from supportnet.dates import when_words
from supportnet.nudge import Suggestion
from supportnet.text import join_words, title_with

if TYPE_CHECKING:
    from supportnet.agenda import AgendaItem
    from supportnet.goals import GoalProgress

#: How many agenda lines the full form shows (the rest: `supportnet upcoming --days 1`).
AGENDA_LINES = 6
#: About how long the short form may grow before the rest is counted ("and 2 more").
SHORT_LIMIT = 150
#: What the private form calls each kind of agenda item (one, many).
AGENDA_WORDS: dict[str, tuple[str, str]] = {
    "birthday": ("birthday", "birthdays"),
    "plan": ("plan", "plans"),
    "community": ("group meeting", "group meetings"),
    "event": ("life event", "life events"),
    "anniversary": ("anniversary", "anniversaries"),
}
_MORE = {1: "one more", 2: "two more", 3: "three more"}


# --- a goal within reach --------------------------------------------------------------


class GoalInReach(NamedTuple):
    """A goal whose period ends by Sunday and that can still be met in it."""

    id: int
    title: str
    kind: str
    target: int
    period: str
    count: int
    ends_on: dt.date

    @property
    def remaining(self) -> int:
        return self.target - self.count

    def unit(self, n: int) -> str:
        from supportnet.goals import unit

        return unit(self.kind, n)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "target": self.target,
            "period": self.period,
            "count": self.count,
            "remaining": self.remaining,
            "ends_on": self.ends_on.isoformat(),
        }


def goal_in_reach(progress: Sequence[GoalProgress], today: dt.date) -> GoalInReach | None:
    """The goal closest to being met among those whose period (a week, or a month
    ending this week) is under way and can still be met by its end: the fewest
    still to do, then the period ending first, then the goal set first.

    "Log something on 3 days" with 2 days left and 3 to go cannot be met any more, so
    it is not offered; every other kind can be done more than once a day.
    """
    from supportnet.goals import IN_PROGRESS

    sunday = today + dt.timedelta(days=6 - today.weekday())
    found = []
    for p in progress:
        goal, current = p.goal, p.current
        if goal.status != "active" or current.status != IN_PROGRESS or current.end > sunday:
            continue
        remaining = goal.target - current.count
        days_left = (current.end - today).days + 1
        if remaining <= 0 or (goal.kind == "log_days" and remaining > days_left):
            continue
        found.append((remaining, current.end, goal.id, p))
    if not found:
        return None
    _, _, _, best = min(found, key=lambda f: f[:3])
    g = best.goal
    return GoalInReach(g.id, g.title, g.kind, g.target, g.period, best.current.count,
                       best.current.end)  # fmt: skip


# --- the daily digest -----------------------------------------------------------------


NO_NAMES: Mapping[int, str] = MappingProxyType({})


class Daily(NamedTuple):
    """What this morning's digest is made of."""

    today: dt.date
    suggestions: tuple[Suggestion, ...] = ()  # the nudge's first, best first (not caught_up)
    more: int = 0  # suggestions beyond those
    caught_up: Suggestion | None = None  # the nudge's "all caught up" line, if that is all
    agenda: tuple[AgendaItem, ...] = ()  # today and tomorrow, in date order
    goal: GoalInReach | None = None
    called: Mapping[int, str] = NO_NAMES  # person id -> name in a sentence
    notes: tuple[str, ...] = ()  # a word about the reminders themselves

    @property
    def worth_saying(self) -> bool:
        """Anything to do or to know today: a suggestion, a date, a goal within reach."""
        return bool(self.suggestions or self.agenda or self.goal)

    def name(self, pid: int, full: str) -> str:
        return self.called.get(pid, full)


def _names(d: Daily, people: Sequence[tuple[int, str]]) -> str:
    return join_words([d.name(pid, name) for pid, name in people])


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("'") else f"{name}'s"


def _subject_day(subject: str, index: int) -> dt.date | None:
    try:
        return dt.date.fromisoformat(subject.split(":")[index])
    except (IndexError, ValueError):
        return None


def _covers(s: Suggestion, item: AgendaItem) -> bool:
    """Whether the suggestion is about the agenda item (said once, not twice)."""
    if item.kind == "birthday":
        return s.subject == f"birthday:{item.date.isoformat()}" and any(
            pid == item.source_id for pid, _ in s.people
        )
    if item.kind == "plan":
        return s.subject == f"plan:{item.source_id}:{item.date.isoformat()}"
    if item.kind in ("event", "anniversary"):
        return s.subject == f"event:{item.source_id}" or s.subject.startswith(
            f"event:{item.source_id}:"
        )
    if item.kind == "community":
        return s.kind == "go_back" and s.community is not None and s.community[0] == item.source_id
    return False


def uncovered(d: Daily) -> list[AgendaItem]:
    """The agenda items no suggestion of the digest is about already."""
    return [i for i in d.agenda if not any(_covers(s, i) for s in d.suggestions)]


def _event_what(item: AgendaItem) -> str:
    """'Knee surgery' from the item 'Ana Okafor: Knee surgery'."""
    if item.people:
        prefix = f"{item.people[0][1]}: "
        if item.title.startswith(prefix):
            return item.title[len(prefix) :]
    return item.title


def suggestion_phrase(s: Suggestion, d: Daily) -> str:
    """A suggestion in a few words: 'check in with Ana (Knee surgery tomorrow)'."""
    who = _names(d, s.people)
    if s.kind == "check_in":
        items = [i for i in d.agenda if _covers(s, i)]
        if items:
            first = items[0]
            return f"check in with {who} ({_event_what(first)} {when_words(first.date, d.today)})"
        return f"check in with {who}"
    if s.kind == "celebrate":
        day = _subject_day(s.subject, 1) if s.subject.startswith("birthday:") else None
        if day is not None:
            return f"it's {_possessive(who)} birthday {when_words(day, d.today)}"
        return f"celebrate with {who}"
    if s.kind == "confirm_plan":
        day = _subject_day(s.subject, 2)
        return (
            f"confirm the plan {when_words(day, d.today)} with {who}"
            if day
            else f"confirm a plan with {who}"
        )
    community = s.community[1] if s.community else "the group"
    phrases = {
        "thank": f"thank {who} for their help",
        "meet_in_person": f"meet {who} in person",
        "catch_up": f"say hello to {who}",
        "introduce": f"introduce {who}",
        "go_back": f"go back to {community}",
        "schedule": f"set up a regular time with {who}",
        "grow": "think of one more person for your network",
        "add_person": "add someone you'd like to see more often",
    }
    return phrases.get(s.kind, s.action.rstrip(".").lower())


def agenda_phrase(item: AgendaItem, d: Daily) -> str:
    """An agenda item in a few words: 'Riverside Community Chorus tomorrow at 19:00'."""
    day = when_words(item.date, d.today)
    at = f" at {item.time}" if item.time else ""
    if item.kind == "birthday" and item.people:
        return f"it's {_possessive(_names(d, item.people))} birthday {day}"
    if item.kind == "plan":
        return f"{title_with(item.title, [d.name(p, n) for p, n in item.people])} {day}{at}"
    if item.kind in ("event", "anniversary") and item.people:
        what = _event_what(item)
        if item.kind == "anniversary":
            return f"an anniversary for {_names(d, item.people)} {day} ({what})"
        return f"{what} for {_names(d, item.people)} {day}"
    return f"{item.title} {day}{at}"


def goal_phrase(goal: GoalInReach, today: dt.date) -> str:
    """'one more person for “reach out to 2 people” by Sunday'."""
    more = _MORE.get(goal.remaining, f"{goal.remaining} more")
    by = "today" if goal.ends_on == today else f"by {goal.ends_on:%A}"
    return f"{more} {goal.unit(goal.remaining)} for “{goal.title}” {by}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def short_text(d: Daily) -> str:
    """One or two lines for a notification: 'Check in with Ana (Knee surgery
    tomorrow); it's Sam's birthday on Friday'; '' when nothing is worth saying."""
    phrases = [suggestion_phrase(s, d) for s in d.suggestions]
    phrases += [agenda_phrase(i, d) for i in uncovered(d)]
    if d.goal is not None:
        phrases.append(goal_phrase(d.goal, d.today))
    shown: list[str] = []
    for phrase in phrases:
        if shown and len("; ".join([*shown, phrase])) > SHORT_LIMIT:
            break
        shown.append(phrase)
    rest = len(phrases) - len(shown)
    text = "; ".join(shown)
    if text and rest:
        text += f"; and {rest} more"
    return capital(text)


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def private_text(d: Daily) -> str:
    """The digest without a name: '2 people to reach out to, 1 birthday and a goal
    within reach'; '' when nothing is worth saying."""
    people = {pid for s in d.suggestions for pid, _ in s.people}
    groups = sum(1 for s in d.suggestions if s.kind == "go_back")
    steps = sum(1 for s in d.suggestions if not s.people and s.kind != "go_back")
    parts = []
    if people:
        parts.append(count(len(people), "person", "people") + " to reach out to")
    if groups:
        parts.append(count(groups, "group", "groups") + " to go back to")
    if steps:
        parts.append(count(steps, "step", "steps") + " to grow your network")
    kinds: dict[str, int] = {}
    for item in uncovered(d):
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    for kind, (one, many) in AGENDA_WORDS.items():
        if kinds.get(kind):
            parts.append(count(kinds[kind], one, many) + " today or tomorrow")
    if d.goal is not None:
        parts.append("a goal within reach")
    return capital(join_words(parts))


def agenda_line(item: AgendaItem, today: dt.date) -> str:
    """'Tomorrow at 19:00 — Riverside Community Chorus (St. Mark's hall)'."""
    day = capital(when_words(item.date, today))
    at = f" at {item.time}" if item.time else ""
    what = item.title
    if item.kind == "plan" and item.people:
        what = title_with(item.title, [name for _, name in item.people])
    detail = f" ({item.detail})" if item.detail else ""
    return f"{day}{at} — {what}{detail}"


def goal_line(goal: GoalInReach, today: dt.date) -> str:
    """'“reach out to 2 people”: 1 of 2 so far this week — one more person by Sunday
    would do it.'"""
    more = _MORE.get(goal.remaining, f"{goal.remaining} more")
    by = "today" if goal.ends_on == today else f"by {goal.ends_on:%A}"
    return (
        f"“{goal.title}”: {goal.count} of {goal.target} so far this {goal.period} — "
        f"{more} {goal.unit(goal.remaining)} {by} would do it."
    )


def daily_lines(d: Daily, always: bool = False) -> list[str]:
    """The whole digest as lines of text; none when nothing is worth saying, unless
    ``always`` (then a kind word that the day is free)."""
    if not d.worth_saying and not always:
        return list(d.notes)
    out = [f"Today, {d.today:%A} {d.today.day} {d.today:%B}", ""]
    if not d.worth_saying:
        if d.caught_up is not None:
            out += [d.caught_up.reason, d.caught_up.action]
        else:
            out.append("Nothing needs you today. Enjoy your day.")
    for number, s in enumerate(d.suggestions, start=1):
        out += [f"{number}. {s.who}", f"   {s.reason}", f"   {s.action}"]
    if d.more:
        out.append(f"{d.more} more: supportnet nudge")
    if d.agenda:
        out += ["", "Today and tomorrow"]
        out += [f"  {agenda_line(i, d.today)}" for i in d.agenda[:AGENDA_LINES]]
        if len(d.agenda) > AGENDA_LINES:
            out.append(f"  {len(d.agenda) - AGENDA_LINES} more: supportnet upcoming --days 1")
    if d.goal is not None:
        out += ["", f"This {d.goal.period}", f"  {goal_line(d.goal, d.today)}"]
    if d.notes:
        out += ["", *d.notes]
    return out


def daily_json(d: Daily) -> dict[str, Any]:
    """The digest's stable JSON fields (docs/json.md, "today")."""
    return {
        "today": d.today.isoformat(),
        "worth_saying": d.worth_saying,
        "suggestions": [s.to_json(n) for n, s in enumerate(d.suggestions, start=1)],
        "more": d.more,
        "agenda": [item.to_json(d.today) for item in d.agenda],
        "goal": d.goal.to_json() if d.goal else None,
        "short": short_text(d),
        "private": private_text(d),
        "notes": list(d.notes),
    }
