"""The facts the nudge weighs, gathered from the database.  Never prints.

One pass over the people answers "last contact", "last in person" and "contacts
lately" by index seeks on ``attendance (person_id, on_date, in_person)``, and
SQL leaves out, there and then, everyone who has nothing to suggest: met in
person within their hoped-for cadence, with no life event, birthday, favor,
plan, snooze or dismissal (online contact only restarts part of the clock, so
their time term cannot have come round).  Those are summed up in
``NetworkFacts.left_out``; the nudge scores the rest, by its own rules.  Favors,
life events and birthdays come from ``store.support.support_facts``; plans and
communities are few and their dates come from ``recurrence``.  Introductions
look only at a small pool of the people you see most, and at their most recent
get-togethers.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from supportnet.nudge import (
    CommunityFacts,
    Favor,
    LeftOut,
    LifeEvent,
    NetworkFacts,
    PairFacts,
    PersonFacts,
    PlanOccurrence,
    Settings,
)
from supportnet.nudge.score import CIRCLE_ORDER
from supportnet.nudge.words import first_word_key
from supportnet.store import nudge_state

#: How many people the introduction search considers (the ones you see most).
INTRODUCTION_POOL = 24
#: How many of each pool member's latest get-togethers show who they have met.
INTRODUCTION_LOOKBACK = 200
#: How far back the count of missed community meetings looks.
MISSED_LOOKBACK_DAYS = 365
#: How far ahead the next community meeting is looked for in the shared dates
#: (beyond that, each rule is asked on its own).
NEXT_MEETING_DAYS = 62


def gather(
    conn: sqlite3.Connection,
    today: dt.date,
    settings: Settings,
    cadence_defaults: Mapping[str, int],
    *,
    detail_for: int | None = None,
    everyone: bool = False,
) -> NetworkFacts:
    """Everything ``nudge.rank`` needs about the active people on ``today``.

    Favors are read only within ``reciprocity_days``: an older favor received
    cannot raise a nudge, nor can an older favor given return a newer one.
    ``detail_for`` (the person `why` explains) gets their whole history.
    ``everyone``: read every active person in full, leaving no one out (the
    nudge is the same either way; a test checks it).
    """
    from supportnet.store.support_facts import latest_favors, support_facts

    state = nudge_state.load(conn, today)
    favors_from = today - dt.timedelta(days=settings.reciprocity_days)
    support = support_facts(conn, today, settings.windows, favors_since=favors_from)
    plans_soon, has_active_plans = _plans_soon(conn, today, settings)

    # The people with more to weigh than time and circle: their extra facts.
    extra: dict[int, dict] = {}
    for pid, facts in support.items():
        more: dict = {}
        if facts.birthday is not None:
            more["next_birthday"] = facts.birthday
            more["birthday_turns"] = facts.birthday_turns
        if facts.hard_events or facts.happy_events:
            # e.date is the occurrence whose window is open (a yearly event's anniversary).
            more["events"] = tuple(
                LifeEvent(e.event_id, e.what, e.kind, e.tone, e.date, e.yearly)
                for e in (*facts.hard_events, *facts.happy_events)
            )
        received = facts.last_received
        if received is not None:
            more["last_favor_received"] = Favor(received.what, received.kind, received.date)
            if facts.last_given is not None:
                more["last_favor_given"] = facts.last_given.date
        if more:
            extra[pid] = more
    if detail_for is not None:
        # `why` shows this person's last favor even when it is too old to count.
        given, received = latest_favors(conn, detail_for, today)
        more = extra.setdefault(detail_for, {})
        more.pop("last_favor_given", None)
        if received is not None:
            more["last_favor_received"] = Favor(received.what, received.kind, received.date)
            if given is not None:
                more["last_favor_given"] = given.date
    for pid, occurrences in plans_soon.items():
        extra.setdefault(pid, {})["plans_soon"] = occurrences
    for pid, until in state.person_snoozes.items():
        extra.setdefault(pid, {})["snoozed_until"] = until
    for pid, dismissals in state.person_dismissals.items():
        extra.setdefault(pid, {})["dismissals"] = dismissals
        extra[pid]["newest"] = nudge_state.person_newest(conn, pid)

    communities = _communities(conn, today, state)
    # Online contact counting for more than in person would leave no bound on the time term.
    everyone = everyone or not 0 <= settings.online_counts_as <= 1
    needed = set(extra).union(*(c.members for c in communities))
    people, left_out = _people(conn, today, settings, cadence_defaults, extra, needed, everyone)
    has_gettogethers = bool(conn.execute("SELECT EXISTS (SELECT 1 FROM gettogether)").fetchone()[0])
    return NetworkFacts(
        people=people,
        communities=communities,
        pairs=_pairs(conn, people, today, settings),
        has_gettogethers=has_gettogethers,
        has_active_plans=has_active_plans,
        left_out=left_out,
    )


#: Every active person on :today with their contact: the last get-together, the
#: last in person and the number since :recent_from (index seeks per person), and
#: their cadence (their own, or their circle's from :cadences).  ``quiet``: they
#: have nothing to suggest (not in :needed, and met in person within the cadence).
#: Of the quiet, SQL keeps those the network needs: the most recent contact
#: (concentration), each circle's first 24 by recent contact among those seen
#: since :pool_from (introductions), and the ones the cadence may come round for
#: soonest (the "next up" of a caught-up list: by the in-person clock, no later
#: than the earliest anyone is due by the last contact of any kind).  Every row
#: carries the totals over everyone, so the ones left out can be summed up.
_PEOPLE_SQL = """
WITH contact AS (
    SELECT p.id, p.name, p.circle, coalesce(p.cadence_days, d.value) AS cadence, p.added_on,
        (SELECT a.on_date FROM attendance a WHERE a.person_id = p.id AND a.on_date <= :today
            ORDER BY a.on_date DESC LIMIT 1) AS last_contact,
        (SELECT a.on_date FROM attendance a WHERE a.person_id = p.id AND a.on_date <= :today
            AND a.in_person = 1 ORDER BY a.on_date DESC LIMIT 1) AS last_in_person,
        (SELECT count(*) FROM attendance a WHERE a.person_id = p.id
            AND a.on_date BETWEEN :recent_from AND :today) AS recent,
        p.id IN (SELECT value FROM json_each(:needed)) AS needed
    FROM person p LEFT JOIN json_each(:cadences) d ON d.key = p.circle
    WHERE p.archived_on IS NULL AND p.added_on <= :today
), days AS (
    SELECT *,
        julianday(:today) - julianday(last_in_person) AS days_in_person,
        julianday(:today) - julianday(last_contact) AS days_any,
        NOT needed AND last_in_person IS NOT NULL
            AND julianday(:today) - julianday(last_in_person) < cadence AS quiet
    FROM contact
), whole AS (
    SELECT *,
        sum(recent) OVER () AS all_recent,
        count(*) FILTER (WHERE circle != 'professional') OVER () AS all_social,
        max(recent) OVER () AS most_recent,
        row_number() OVER (PARTITION BY circle, last_contact >= :pool_from
                           ORDER BY recent DESC, id) AS place_in_circle,
        min(cadence - days_any) FILTER (WHERE quiet) OVER () AS soonest_due
    FROM days
)
SELECT id, name, circle, cadence, added_on, last_contact, last_in_person, recent,
    all_recent, all_social
FROM whole
WHERE :everyone OR NOT quiet OR (recent = most_recent AND recent > 0)
    OR (circle != 'professional' AND last_contact >= :pool_from AND place_in_circle <= :pool)
    OR cadence - days_in_person <= soonest_due
ORDER BY id
"""


def _people(
    conn: sqlite3.Connection,
    today: dt.date,
    settings: Settings,
    cadence_defaults: Mapping[str, int],
    extra: dict[int, dict],
    needed: Iterable[int],
    everyone: bool,
) -> tuple[tuple[PersonFacts, ...], LeftOut]:
    """The active people the nudge may name (``_PEOPLE_SQL``), with their extra
    facts; and the others, summed up."""
    recent_from = today - dt.timedelta(days=settings.recent_days - 1)
    pool_from = today - dt.timedelta(days=settings.introduction_days)
    rows = conn.execute(
        _PEOPLE_SQL,
        {
            "today": today.isoformat(),
            "recent_from": recent_from.isoformat(),
            "pool_from": pool_from.isoformat(),
            "pool": INTRODUCTION_POOL,
            "cadences": json.dumps(dict(cadence_defaults)),
            "needed": json.dumps(sorted(needed)),
            "everyone": everyone,
        },
    ).fetchall()
    day = dt.date.fromisoformat
    people = [
        PersonFacts(pid, name, circle, cadence, day(added), last and day(last),
                    last_ip and day(last_ip), recent, **extra.get(pid, {}))
        for pid, name, circle, cadence, added, last, last_ip, recent, _, _ in rows
    ]  # fmt: skip
    # The totals over everyone (the same on every row), less the people read.
    all_recent, all_social = rows[0][-2:] if rows else (0, 0)
    first_words = _first_words(conn, today)
    first_words.subtract(first_word_key(p.name) for p in people)
    left_out = LeftOut(
        social=all_social - sum(p.circle != "professional" for p in people),
        recent_contacts=all_recent - sum(p.recent_contacts for p in people),
        first_words={word: n for word, n in first_words.items() if n},
    )
    return tuple(people), left_out


def _first_words(conn: sqlite3.Connection, today: dt.date) -> Counter:
    """How many active people have each first word (``words.first_word_key``).

    SQL groups the names by what comes before their first space (names are
    stored with single spaces, ``text.clean_name``); the few distinct words are
    folded here."""
    counts: Counter = Counter()
    for word, count in conn.execute(
        "SELECT substr(name, 1, instr(name || ' ', ' ') - 1), count(*) FROM person"
        " WHERE archived_on IS NULL AND added_on <= ? GROUP BY 1",
        (today.isoformat(),),
    ):
        counts[first_word_key(word)] += count
    return counts


def dates_between(
    rule: str,
    starts_on: dt.date,
    start: dt.date,
    end: dt.date,
    until: dt.date | None,
    memo: dict,
) -> list[dt.date]:
    """``recurrence.occurrences`` for many plans or groups over one window.

    Many series give the same dates in a window whatever day they began: every
    Monday, the first Friday of the month, every other Tuesday in the same
    weeks.  Those are worked out once and shared (``memo``); the others once
    per rule and start.  A property test checks the result against
    ``recurrence.occurrences`` itself.
    """
    begin = _shared_start(rule, starts_on, start) if starts_on <= start else None
    key = (rule, begin or starts_on)
    found = memo.get(key)
    if found is None:
        from supportnet import recurrence

        found = memo[key] = recurrence.occurrences(rule, begin or starts_on, start, end)
    if until is not None:
        return [day for day in found if day <= until]
    return found


_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@lru_cache(maxsize=256)
def _rule_shape(rule: str) -> tuple[str, int, int] | None:
    """(FREQ, INTERVAL, week start) of a rule whose dates are set by its own
    BY-parts (not by the day it began), or None."""
    from supportnet.recurrence import rule_parts

    parts = rule_parts(rule)
    if {"COUNT", "BYWEEKNO", "BYYEARDAY"} & parts.keys():
        return None
    freq = parts.get("FREQ", "")
    explicit = {
        "DAILY": True,
        "WEEKLY": "BYDAY" in parts,
        "MONTHLY": "BYDAY" in parts or "BYMONTHDAY" in parts,
    }.get(freq, False)
    if not explicit:
        return None
    return freq, int(parts.get("INTERVAL", "1")), _DAY_CODES.index(parts.get("WKST", "MO"))


def _shared_start(rule: str, starts_on: dt.date, start: dt.date) -> dt.date | None:
    """The first day of the latest period of the series (a day, a week from its
    WKST, a month) on or before ``start``: every series of this rule in the same
    phase gives the same dates from ``start`` on when begun there."""
    shape = _rule_shape(rule)
    if shape is None:
        return None
    freq, interval, week_start = shape
    if freq == "DAILY":
        return start - dt.timedelta(days=(start - starts_on).days % interval)
    if freq == "WEEKLY":
        first = starts_on - dt.timedelta(days=(starts_on.weekday() - week_start) % 7)
        this = start - dt.timedelta(days=(start.weekday() - week_start) % 7)
        return this - dt.timedelta(weeks=((this - first).days // 7) % interval)
    months = (start.year - starts_on.year) * 12 + start.month - starts_on.month
    index = start.year * 12 + start.month - 1 - months % interval
    return dt.date(index // 12, index % 12 + 1, 1)


def _plans_soon(
    conn: sqlite3.Connection, today: dt.date, settings: Settings
) -> tuple[dict[int, tuple[PlanOccurrence, ...]], bool]:
    """Per person, the occurrences of active plans in the next ``plan_lead_days``
    that are not done or skipped yet; and whether any plan is active."""
    end = today + dt.timedelta(days=settings.plan_lead_days)
    rows = conn.execute(
        "SELECT p.id, p.title, p.rrule, p.starts_on, p.at_time, p.until_on,"
        " (SELECT group_concat(m.person_id) FROM plan_member m JOIN person x"
        "  ON x.id = m.person_id AND x.archived_on IS NULL WHERE m.plan_id = p.id)"
        " FROM plan p WHERE p.status = 'active' ORDER BY p.id"
    ).fetchall()
    marked = set(
        conn.execute(
            "SELECT plan_id, on_date FROM plan_occurrence WHERE on_date BETWEEN ? AND ?",
            (today.isoformat(), end.isoformat()),
        ).fetchall()
    )
    memo: dict = {}
    found: dict[int, list[PlanOccurrence]] = {}
    today_iso = today.isoformat()
    for plan_id, title, rule, starts, at_time, until, members in rows:
        starts_on = dt.date.fromisoformat(starts)
        if not members or starts_on > end or (until and until < today_iso):
            continue
        until_on = dt.date.fromisoformat(until) if until else None
        dates = dates_between(rule, starts_on, today, end, until_on, memo)
        if not dates:
            continue
        people = tuple(sorted(int(pid) for pid in members.split(",")))
        for day in dates:
            if (plan_id, day.isoformat()) in marked:
                continue
            occurrence = PlanOccurrence(plan_id, title, day, at_time, people)
            for pid in people:
                found.setdefault(pid, []).append(occurrence)
    return {pid: tuple(items) for pid, items in found.items()}, bool(rows)


def _communities(
    conn: sqlite3.Connection, today: dt.date, state: nudge_state.State
) -> tuple[CommunityFacts, ...]:
    """Communities you belong to, with the meetings held since you last went."""
    from bisect import bisect_left

    from supportnet import recurrence

    window = (
        today - dt.timedelta(days=MISSED_LOOKBACK_DAYS),
        today + dt.timedelta(days=NEXT_MEETING_DAYS),
    )
    memo: dict = {}
    found = []
    rows = conn.execute(
        "SELECT c.id, c.name, c.rrule, c.starts_on, c.at_time, c.added_on,"
        " (SELECT max(g.on_date) FROM gettogether g WHERE g.community_id = c.id"
        "  AND g.on_date <= ?)"
        " FROM community c WHERE c.i_am_member = 1 AND c.archived_on IS NULL ORDER BY c.id",
        (today.isoformat(),),
    ).fetchall()
    for cid, name, rule, starts, at_time, added, last in rows:
        last_attended = dt.date.fromisoformat(last) if last else None
        missed, next_meeting = 0, None
        if rule and starts:
            starts_on = dt.date.fromisoformat(starts)
            if last_attended is not None:
                since = last_attended + dt.timedelta(days=1)
            else:
                since = dt.date.fromisoformat(added)
            dates = dates_between(rule, starts_on, *window, None, memo)
            upcoming = bisect_left(dates, today)
            missed = upcoming - bisect_left(dates, max(since, window[0]))
            if upcoming < len(dates):
                next_meeting = dates[upcoming]
            else:
                next_meeting = recurrence.next_occurrence(rule, starts_on, today)
        dismissals = state.community_dismissals.get(cid, ())
        found.append(
            CommunityFacts(
                id=cid,
                name=name,
                missed_in_a_row=missed,
                last_attended=last_attended,
                next_meeting=next_meeting,
                at_time=at_time,
                snoozed_until=state.community_snoozes.get(cid),
                dismissals=dismissals,
                newest=nudge_state.community_newest(conn, cid) if dismissals else (0, 0, 0),
            )
        )
    missed = [c.id for c in found if c.missed_in_a_row]
    members = _closest_members(conn, today, missed, state.person_snoozes) if missed else {}
    return tuple(replace(c, members=members.get(c.id, ())) for c in found)


def _closest_members(
    conn: sqlite3.Connection, today: dt.date, community_ids: list[int], snoozed: Iterable[int]
) -> dict[int, tuple[int, ...]]:
    """Per community, the members its "go back" line may name: the ones not
    snoozed in the closest circle among them (the nudge picks one by name)."""
    found: dict[int, list[int]] = {}
    for cid, pid in conn.execute(
        "SELECT community_id, person_id FROM ("
        " SELECT m.community_id, m.person_id,"
        "  rank() OVER (PARTITION BY m.community_id ORDER BY coalesce(r.value, :last)) AS place"
        " FROM community_member m JOIN person p ON p.id = m.person_id"
        " LEFT JOIN json_each(:circles) r ON r.key = p.circle"
        " WHERE m.community_id IN (SELECT value FROM json_each(:communities))"
        "  AND p.archived_on IS NULL AND p.added_on <= :today"
        "  AND m.person_id NOT IN (SELECT value FROM json_each(:snoozed)))"
        " WHERE place = 1 ORDER BY community_id, person_id",
        {
            "circles": json.dumps({circle: i for i, circle in enumerate(CIRCLE_ORDER)}),
            "last": len(CIRCLE_ORDER),
            "communities": json.dumps(community_ids),
            "snoozed": json.dumps(sorted(snoozed)),
            "today": today.isoformat(),
        },
    ):
        found.setdefault(cid, []).append(pid)
    return {cid: tuple(pids) for cid, pids in found.items()}


def _pairs(
    conn: sqlite3.Connection, people: list[PersonFacts], today: dt.date, settings: Settings
) -> tuple[PairFacts, ...]:
    """Candidate introductions among the people you see most.

    The pool: people (not professionals) seen in the last ``introduction_days``,
    closest circle and most contact first, at most ``INTRODUCTION_POOL``.  Two of
    them are a candidate when they share a tag or a community; ``together`` is
    read from each one's latest ``INTRODUCTION_LOOKBACK`` get-togethers.
    """
    if settings.weight("introduction") <= 0:
        return ()
    since = today - dt.timedelta(days=settings.introduction_days)
    by_circle: dict[str, list[PersonFacts]] = {}
    for p in people:
        if p.last_contact is not None and p.last_contact >= since:
            by_circle.setdefault(p.circle, []).append(p)
    pool: list[int] = []
    for circle in CIRCLE_ORDER[:-1]:  # professionals are not introduced
        room = INTRODUCTION_POOL - len(pool)
        if room > 0:
            seen = by_circle.get(circle, [])
            best = heapq.nsmallest(room, seen, key=lambda p: (-p.recent_contacts, p.id))
            pool += [p.id for p in best]
    if len(pool) < 2:
        return ()
    marks = ", ".join("?" * len(pool))
    tags: dict[int, set[str]] = {pid: set() for pid in pool}
    for pid, tag in conn.execute(
        f"SELECT person_id, tag FROM person_tag WHERE person_id IN ({marks})", pool
    ):
        tags[pid].add(tag.casefold())
    groups: dict[int, set[str]] = {pid: set() for pid in pool}
    for pid, name in conn.execute(
        "SELECT m.person_id, c.name FROM community_member m JOIN community c"
        f" ON c.id = m.community_id WHERE m.person_id IN ({marks}) AND c.archived_on IS NULL",
        pool,
    ):
        groups[pid].add(name)
    known = set(
        conn.execute(
            f"SELECT person_a, person_b FROM acquaintance WHERE person_a IN ({marks})"
            f" AND person_b IN ({marks})",
            pool + pool,
        ).fetchall()
    )
    together: set[tuple[int, int]] = set()
    for pid in pool:
        # "+b.person_id": read each get-together's few people, rather than look
        # every pool member up in every get-together.
        for (other,) in conn.execute(
            "SELECT DISTINCT b.person_id FROM"
            " (SELECT gettogether_id FROM attendance WHERE person_id = ?"
            "  ORDER BY on_date DESC LIMIT ?) a"
            " JOIN attendance b ON b.gettogether_id = a.gettogether_id AND b.person_id != ?"
            f" WHERE +b.person_id IN ({marks})",
            (pid, INTRODUCTION_LOOKBACK, pid, *pool),
        ):
            together.add((min(pid, other), max(pid, other)))
    pairs = []
    for i, a in enumerate(sorted(pool)):
        for b in sorted(pool)[i + 1 :]:
            shared_tags = tuple(sorted(tags[a] & tags[b]))
            shared_groups = tuple(sorted(groups[a] & groups[b], key=str.casefold))
            if not shared_tags and not shared_groups:
                continue
            pairs.append(
                PairFacts(a, b, shared_tags, shared_groups, (a, b) in together, (a, b) in known)
            )
    return tuple(pairs)
