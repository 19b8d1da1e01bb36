"""The review, pure: streaks, milestones and gentle words, from plain facts.

The store gathers ``ReviewFacts`` with SQL aggregates; everything here works on
those plain values and a given ``today``, so it is tested without a database.
Recovery is not linear: streaks and milestones are celebrated, and a quieter
stretch is named gently, never as a failure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any, NamedTuple

from supportnet.goals import (
    IN_PROGRESS,
    MET,
    NOT_MET,
    PAUSED,
    Goal,
    PeriodResult,
    describe_period,
    period_start,
    previous_period,
    unit,
)
from supportnet.initials import name_redactor
from supportnet.text import count_of, join_words, ordinal

#: Get-togethers counts worth a word when the total passes them.
ROUND_NUMBERS = (10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)


@dataclass
class ReviewFacts:
    """What happened, as plain values (gathered by ``store.review.review_facts``)."""

    start: dt.date
    end: dt.date
    gettogethers: int = 0
    in_person: int = 0
    online: int = 0
    #: (id, name, get-togethers, of which in person), most contact first.
    people_seen: list[tuple[int, str, int, int]] = field(default_factory=list)
    #: {"id", "name", "date", "how": "first_gettogether" | "added"}
    new_people: list[dict[str, Any]] = field(default_factory=list)
    favors_given: int = 0
    favors_received: int = 0
    #: (id, name, meetings)
    communities: list[tuple[int, str, int]] = field(default_factory=list)
    previous_gettogethers: int = 0
    network_at_start: int = 0
    network_now: int = 0
    long_since: dt.date | None = None  # an earlier baseline for network growth
    network_long_ago: int = 0
    #: The first day anyone was added (None: no one yet), and the network at its end:
    #: the people entered that first day are where the network starts, not growth.
    first_added: dt.date | None = None
    network_first_day: int = 0
    #: Mondays of the weeks (up to a year back) with: any contact, in-person
    #: contact, a community meeting, a favor given.
    weeks_contact: set[dt.date] = field(default_factory=set)
    weeks_in_person: set[dt.date] = field(default_factory=set)
    weeks_community: set[dt.date] = field(default_factory=set)
    weeks_favor: set[dt.date] = field(default_factory=set)
    #: First ever: gettogether, in_person, favor_given, community -> date or None.
    firsts: dict[str, dt.date | None] = field(default_factory=dict)
    total_before: int = 0  # get-togethers before ``start``
    total_by_end: int = 0  # get-togethers up to ``end``
    #: The day of the n-th get-together, for each of ``ROUND_NUMBERS`` reached in the dates.
    round_days: dict[int, dt.date] = field(default_factory=dict)
    goals: list[tuple[Goal, list[PeriodResult]]] = field(default_factory=list)
    goal_streaks: dict[int, int] = field(default_factory=dict)  # goal id -> periods met in a row
    #: Charts: get-togethers per day; active people per circle; contact per person.
    heat_start: dt.date | None = None
    heat_days: dict[dt.date, int] = field(default_factory=dict)
    by_circle: list[tuple[str, int]] = field(default_factory=list)
    spread_start: dt.date | None = None
    spread: list[tuple[int, str, int]] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# --- streaks --------------------------------------------------------------------------


def streak(active: set[dt.date], today: dt.date, period: str = "week") -> int:
    """Periods in a row with something in them, counting back from today's.

    The period under way does not break a streak: if nothing happened in it
    yet, counting starts from the one before.
    """
    current = period_start(today, period)
    if current not in active:
        current = previous_period(current, period)
    count = 0
    while current in active:
        count += 1
        current = previous_period(current, period)
    return count


def _weeks(n: int) -> str:
    return f"{n} weeks in a row"


def streaks(facts: ReviewFacts, today: dt.date) -> list[dict[str, Any]]:
    """Streaks of two periods or more, in warm words."""
    found = []
    in_person = streak(facts.weeks_in_person, today)
    contact = streak(facts.weeks_contact, today)
    if in_person >= 2:
        found.append(("in_person", in_person, f"{_weeks(in_person)} you saw someone in person."))
    if contact >= 2 and contact > in_person:
        found.append(("contact", contact, f"{_weeks(contact)} you were in touch with someone."))
    community = streak(facts.weeks_community, today)
    if community >= 2:
        found.append(("community", community, f"{_weeks(community)} at a community meeting."))
    kind = streak(facts.weeks_favor, today)
    if kind >= 2:
        found.append(("favors", kind, f"{_weeks(kind)} you did something kind for someone."))
    for goal, _ in facts.goals:
        run = facts.goal_streaks.get(goal.id, 0)
        if run >= 2:
            found.append(
                (f"goal:{goal.id}", run,
                 f"“{goal.title}”: met {run} {goal.period}s in a row.")
            )  # fmt: skip
    return [{"kind": k, "length": n, "text": text} for k, n, text in found]


# --- milestones -----------------------------------------------------------------------


def since_words(day: dt.date, today: dt.date) -> str:
    """'since March', 'since March 2025', 'since 3 June'."""
    if day.day == 1:
        return f"since {day:%B}" + (f" {day.year}" if day.year != today.year else "")
    return f"since {day.day} {day:%B}" + (f" {day.year}" if day.year != today.year else "")


class Baseline(NamedTuple):
    """Where network growth is counted from: the ``people`` in the network at the end
    of ``day``, and 'since ...' in words."""

    day: dt.date
    people: int
    words: str


def network_baseline(facts: ReviewFacts, day: dt.date, people: int, today: dt.date) -> Baseline:
    """Where network growth is measured from, given the network (``people``) just before
    ``day``.  Never before anyone was added: from then on, the baseline is the end of
    the first day, so the contacts entered on it are the start of the network, not
    growth.  The one rule for every screen: the review's summary, its milestones, its
    JSON and the report for a therapist."""
    first = facts.first_added
    if first is None or day > first:
        return Baseline(day - dt.timedelta(days=1), people, since_words(day, today))
    year = f" {first.year}" if first.year != today.year else ""
    return Baseline(
        first,
        facts.network_first_day,
        f"since your first day here, {first.day} {first:%B}{year}",
    )


def review_baseline(facts: ReviewFacts, today: dt.date) -> Baseline:
    """Where the review's network growth is counted from (``network_baseline`` of its
    start)."""
    return network_baseline(facts, facts.start, facts.network_at_start, today)


def milestones(facts: ReviewFacts, today: dt.date) -> list[dict[str, Any]]:
    """Firsts and growth inside the review's dates, oldest first."""

    def inside(day: dt.date | None) -> bool:
        return day is not None and facts.start <= day <= facts.end

    found: list[dict[str, str]] = []

    def add(day: dt.date | str | None, kind: str, text: str) -> None:
        """``day``: a date, or one in ISO already (a new person's: the string is shared)."""
        if day is not None:
            found.append({"kind": kind, "date": day if isinstance(day, str) else day.isoformat(),
                          "text": text})  # fmt: skip

    first = facts.firsts.get("gettogether")
    first_in_person = facts.firsts.get("in_person")
    if inside(first):
        what = "in-person get-together" if first_in_person == first else "get-together"
        add(first, "first_gettogether", f"Your first {what} logged here — a beginning.")
    if inside(first_in_person) and first_in_person != first:
        add(
            first_in_person,
            "first_in_person",
            "Your first in-person get-together — e-hugs are nice, real ones are better.",
        )
    for new in facts.new_people:
        day = new["date"]
        if new["how"] == "first_gettogether":
            add(
                day,
                "new_person",
                f"First get-together with {new['name']} — welcome to your network.",
            )
        else:
            add(day, "new_person", f"You added {new['name']} to your network.")
    given = facts.firsts.get("favor_given")
    if inside(given):
        add(given, "first_favor_given", "Your first favor given — kindness counts.")
    group = facts.firsts.get("community")
    if inside(group):
        add(group, "first_community", "Your first community meeting — that took courage.")
    for n in ROUND_NUMBERS:
        if facts.total_before < n <= facts.total_by_end:
            day = facts.round_days.get(n, facts.end)
            add(day, "round_number", f"Your {ordinal(n)} get-together logged.")
    now = facts.network_now
    day, then, words = review_baseline(facts, today)
    if now > then:
        add(
            facts.end,
            "network_grew",
            f"Your network grew from {then} to {count_of(now, 'person', 'people')} {words}.",
        )
    if facts.long_since is not None and facts.long_since < facts.start:
        long_day, long_ago, long_words = network_baseline(
            facts, facts.long_since, facts.network_long_ago, today
        )
        if long_day < day and now > long_ago and long_ago < then:
            add(
                facts.end,
                "network_grew_long",
                f"Your network grew from {long_ago} to {count_of(now, 'person', 'people')} "
                f"{long_words}.",
            )
    found.sort(key=itemgetter("date"))  # ISO dates sort as the days do
    return found


# --- gentle words ---------------------------------------------------------------------


def stretch_word(days: int) -> str:
    if days == 7:
        return "week"
    if 28 <= days <= 31:
        return "month"
    return "stretch"


#: How a line about a goal not met ends (said once, by the last such line).
_STILL_COUNTS = " — every bit still counts"


def goal_setback(goal: Goal, periods: list[PeriodResult], *, last: bool = True) -> str | None:
    """One gentle line for a goal not met in some of the review's periods, or None.

    A single period is named with its count; several are summed up in one line (a
    quiet month is not a list of missed weeks), and when most were missed the line
    says how to make the goal lighter: rest it, or set a smaller one.  Only the
    ``last`` of several such lines says that every bit still counts.
    """
    missed = [p for p in periods if p.status == NOT_MET]
    if not missed:
        return None
    counts = _STILL_COUNTS if last else ""
    if len(missed) == 1:
        (p,) = missed
        return (
            f"Not this time for “{goal.title}” ({describe_period(p.start, goal.period)}: "
            f"{p.count} of {goal.target} {unit(goal.kind, goal.target)}){counts}."
        )
    done = sum(1 for p in periods if p.status in (MET, NOT_MET))
    periods_done = count_of(done, goal.period)
    how_often = (
        f"these {periods_done}" if len(missed) == done else f"in {len(missed)} of {periods_done}"
    )
    text = f"Not this time for “{goal.title}” {how_often}{counts}."
    if 2 * len(missed) > done and goal.status == "active":
        text += (
            f" If it feels too big for now, let it rest (supportnet goal pause {goal.id})"
            " or set a smaller one (supportnet goal add)."
        )
    return text


def quiet_words(word: str) -> str:
    """A stretch (``stretch_word``) with no get-togethers, named gently: the review's
    ``quiet`` setback begins with it, and the weekly digest's first line is it."""
    return f"A quiet {word} — that's part of it."


def setbacks(facts: ReviewFacts, today: dt.date) -> list[dict[str, Any]]:
    """Quieter times and goals not met this time, named gently."""
    word = stretch_word(facts.days)
    found = []
    if facts.gettogethers == 0:
        found.append((
            "quiet",
            f"{quiet_words(word)} When you feel ready, one small step is "
            "enough: a message to someone you like.",
        ))  # fmt: skip
    elif facts.gettogethers < facts.previous_gettogethers:
        found.append(("quieter", f"A quieter {word} than the one before — that's part of it."))
    missed = [(goal, periods) for goal, periods in facts.goals
              if any(p.status == NOT_MET for p in periods)]  # fmt: skip
    for n, (goal, periods) in enumerate(missed, start=1):
        found.append((f"goal:{goal.id}", goal_setback(goal, periods, last=n == len(missed))))
    with_people = sum(n for _, _, n, _ in facts.people_seen)
    if facts.people_seen and with_people >= 4:
        _, name, top, _ = facts.people_seen[0]
        if top / with_people > 0.6:
            found.append((
                "one_person",
                f"Most of your contact went to {name} — one person can't give all the "
                "support we need. Who else might you see?",
            ))  # fmt: skip
    return [{"kind": kind, "text": text} for kind, text in found]


# --- the whole review -----------------------------------------------------------------


def goal_lines(facts: ReviewFacts, today: dt.date) -> list[dict[str, Any]]:
    """Each goal with the periods of the review, as plain data."""
    out = []
    for goal, periods in facts.goals:
        out.append({
            **goal.to_json(),
            "periods": [
                {**p.to_json(), "label": describe_period(p.start, goal.period)} for p in periods
            ],
            "met": sum(1 for p in periods if p.status == MET),
        })  # fmt: skip
    return out


def build_review(facts: ReviewFacts, today: dt.date) -> dict[str, Any]:
    """The review as one JSON-ready dict (the fields are listed in docs/progress.md)."""
    baseline = review_baseline(facts, today)
    return {
        "start": facts.start.isoformat(),
        "end": facts.end.isoformat(),
        "days": facts.days,
        "happened": {
            "gettogethers": facts.gettogethers,
            "in_person": facts.in_person,
            "online": facts.online,
            "people_seen": len(facts.people_seen),
            "people": [
                {"id": pid, "name": name, "gettogethers": n, "in_person": ip}
                for pid, name, n, ip in facts.people_seen
            ],
            "new_people": [  # the store's own dicts when their dates are ISO already
                n if isinstance(n["date"], str) else {**n, "date": n["date"].isoformat()}
                for n in facts.new_people
            ],
            "favors_given": facts.favors_given,
            "favors_received": facts.favors_received,
            "community_meetings": sum(n for _, _, n in facts.communities),
            "communities": [
                {"id": cid, "name": name, "meetings": n} for cid, name, n in facts.communities
            ],
            "previous_gettogethers": facts.previous_gettogethers,
        },
        "network": {
            "at_start": facts.network_at_start,
            "from": baseline.people,  # where growth is counted from, on every screen
            "from_day": baseline.day.isoformat(),
            "now": facts.network_now,
            "by_circle": [{"circle": c, "people": n} for c, n in facts.by_circle],
        },
        "goals": goal_lines(facts, today),
        "streaks": streaks(facts, today),
        "milestones": milestones(facts, today),
        "setbacks": setbacks(facts, today),
        "charts": {
            "heat_map": {
                "start": facts.heat_start.isoformat() if facts.heat_start else None,
                "end": facts.end.isoformat(),
                "days": {d.isoformat(): n for d, n in sorted(facts.heat_days.items())},
            },
            "spread": {
                "start": facts.spread_start.isoformat() if facts.spread_start else None,
                "people": [
                    {"id": pid, "name": name, "gettogethers": n} for pid, name, n in facts.spread
                ],
            },
        },
    }


def summary_lines(review: dict[str, Any]) -> list[str]:
    """'What happened' in words."""
    h = review["happened"]
    out = []
    if h["gettogethers"]:
        parts = []
        if h["in_person"]:
            parts.append(f"{h['in_person']} in person")
        if h["online"]:
            parts.append(f"{h['online']} online")
        out.append(f"{count_of(h['gettogethers'], 'get-together')}: {join_words(parts)}")
    else:
        out.append("No get-togethers logged")
    if h["people"]:
        shown = ", ".join(f"{p['name']} ({p['gettogethers']})" for p in h["people"][:6])
        more = f" and {len(h['people']) - 6} more" if len(h["people"]) > 6 else ""
        out.append(f"{count_of(len(h['people']), 'person', 'people')} seen: {shown}{more}")
    met = [n["name"] for n in h["new_people"] if n["how"] == "first_gettogether"]
    added = [n["name"] for n in h["new_people"] if n["how"] != "first_gettogether"]
    if met:
        out.append("First time together: " + ", ".join(met))
    if added:
        out.append("Added to your network: " + ", ".join(added))
    if h["favors_given"] or h["favors_received"]:
        out.append(f"Favors: {h['favors_given']} given, {h['favors_received']} received")
    if h["communities"]:
        groups = ", ".join(f"{c['name']} ({c['meetings']})" for c in h["communities"])
        out.append(f"{count_of(h['community_meetings'], 'community meeting')}: {groups}")
    net = review["network"]
    people = count_of(net["now"], "person", "people")
    if net["now"] != net["from"]:
        out.append(f"Your network: {net['from']} → {people}")
    else:
        out.append(f"Your network: {people}")
    return out


def goal_text(goal: dict[str, Any], plain: bool) -> str | None:
    """One line for a goal in the review: a mark per period, then in words."""
    from supportnet.goals import MARKS

    periods = [p for p in goal["periods"] if p["status"] not in ("before_start", "ended")]
    if not periods:
        return None
    things = unit(goal["kind"], goal["target"])
    marks = " ".join(MARKS[p["status"]][1 if plain else 0] for p in periods)
    done = [p for p in periods if p["status"] in (MET, NOT_MET)]
    now = periods[-1] if periods[-1]["status"] in (IN_PROGRESS, PAUSED) else None
    words = []
    if done:
        met = sum(1 for p in done if p["status"] == MET)
        words.append(f"met in {met} of {count_of(len(done), goal['period'])}")
    if now is not None and now["status"] == IN_PROGRESS:
        words.append(f"this {goal['period']} so far {now['count']} of {goal['target']} {things}")
    elif now is not None:
        words.append(f"paused this {goal['period']}")
    if len(done) == 1 and done[0] is periods[-1]:
        words = [f"{done[0]['count']} of {goal['target']} {things}"]
    return f"{marks}  {goal['title']} ({goal['target']} a {goal['period']}): {'; '.join(words)}"


# --- initials -------------------------------------------------------------------------


def _redacted_goal(goal: Goal, redact: Any) -> Goal:
    """A goal with known names replaced in its title and its group's name."""
    group = (goal.community_id, redact(goal.community_name)) if goal.community else None
    return goal._replace(title=redact(goal.title), community=group)


def with_initials(
    facts: ReviewFacts,
    other_names: list[str] = (),  # type: ignore[assignment]
    redact: Any = None,
) -> ReviewFacts:
    """The same facts with every person's name reduced to initials, also inside goal
    titles and group names (free text) where a known name appears.  ``redact``: an
    ``initials.name_redactor`` already made for every name (the report makes one for
    all its parts)."""
    if redact is None:
        names = [n for _, n, _, _ in facts.people_seen] + [n["name"] for n in facts.new_people]
        names += [n for _, n, _ in facts.spread] + list(other_names)
        redact = name_redactor(sorted(set(names)))
    return replace(
        facts,
        people_seen=[(i, redact.initials(n), c, ip) for i, n, c, ip in facts.people_seen],
        new_people=[{**n, "name": redact.initials(n["name"])} for n in facts.new_people],
        spread=[(i, redact.initials(n), c) for i, n, c in facts.spread],
        goals=[(_redacted_goal(g, redact), ps) for g, ps in facts.goals],
        communities=[(i, redact(n), c) for i, n, c in facts.communities],
    )


# --- the review's dates and text ------------------------------------------------------


def review_range(
    today: dt.date, *, week: bool = False, month: bool = False, since: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The review's first and last day: the last 7 days (default), the last month,
    or from ``since`` to today."""
    from supportnet.dates import check_since
    from supportnet.errors import UsageProblem

    if week + month + (since is not None) > 1:
        raise UsageProblem("Choose one of --week, --month and --since.")
    if since is not None:
        return check_since(since, today), today
    if month:
        from dateutil.relativedelta import relativedelta

        return today - relativedelta(months=1) + dt.timedelta(days=1), today
    return today - dt.timedelta(days=6), today


def describe_range(start: dt.date, end: dt.date) -> str:
    """'4–10 June 2026', '28 May – 10 June 2026', '20 December 2025 – 10 June 2026'."""
    if start == end:
        return f"{end.day} {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _dates(data: dict[str, int]) -> dict[dt.date, int]:
    return {dt.date.fromisoformat(k): v for k, v in data.items()}


def review_text(review: dict[str, Any], plain: bool, more: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """The review as lines of text: words first (then ``more``, sections the command
    adds, such as the support roles), then the charts."""
    from supportnet import charts, trajectories

    start, end = dt.date.fromisoformat(review["start"]), dt.date.fromisoformat(review["end"])
    star = "*" if plain else "★"
    out = [f"Your review: {describe_range(start, end)}", "", "What happened"]
    out += [f"  {text}" for text in summary_lines(review)]
    goal_rows = [row for row in (goal_text(g, plain) for g in review["goals"]) if row]
    if goal_rows:
        out += ["", "Goals"] + [f"  {row}" for row in goal_rows]
    cheers = review["streaks"] + review["milestones"]
    if cheers:
        out += ["", "Worth celebrating"] + [f"  {star} {c['text']}" for c in cheers]
    if review["setbacks"]:
        out += ["", "Gently"] + [f"  {s['text']}" for s in review["setbacks"]]
    out += trajectories.review_lines(review, plain)  # check-ins, expected and felt
    out += list(more)
    heat = review["charts"]["heat_map"]
    heat_start = dt.date.fromisoformat(heat["start"])
    out += ["", f"Contact, {describe_range(heat_start, end)}"]
    out += ["  " + row for row in charts.heat_map(_dates(heat["days"]), heat_start, end, plain)]
    circles = [(c["circle"], c["people"]) for c in review["network"]["by_circle"]]
    if any(n for _, n in circles):
        out += ["", "Your network by circle"]
        out += ["  " + row for row in charts.bars(circles, width=20, plain=plain)]
    spread = review["charts"]["spread"]
    people = [(p["id"], p["name"], p["gettogethers"]) for p in spread["people"]]
    if people:
        spread_start = dt.date.fromisoformat(spread["start"])
        out += ["", f"Who your contact went to, {describe_range(spread_start, end)}"]
        items = charts.spread_items(people)
        out += ["  " + row for row in charts.bars(items, width=20, plain=plain, share=True)]
    return out
