"""The facts the nudge weighs, gathered from the database.  Never prints.

The cost grows with the number of people, not of get-togethers: per person,
"last contact", "last in person" and "contacts lately" are index look-ups on
``attendance (person_id, on_date, in_person)``; favors, life events and
birthdays come from ``store.support.support_facts``; plans and communities are
few and their dates come from ``recurrence``.  Introductions look only at a
small pool of the people you see most, and at their most recent get-togethers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping

from supportnet.nudge import (
    CIRCLE_ORDER,
    CommunityFacts,
    Favor,
    LifeEvent,
    NetworkFacts,
    PairFacts,
    PersonFacts,
    PlanOccurrence,
    Settings,
)
from supportnet.store import nudge_state

#: How many people the introduction search considers (the ones you see most).
INTRODUCTION_POOL = 24
#: How many of each pool member's latest get-togethers show who they have met.
INTRODUCTION_LOOKBACK = 400
#: How far back the count of missed community meetings looks.
MISSED_LOOKBACK_DAYS = 365


def gather(
    conn: sqlite3.Connection,
    today: dt.date,
    settings: Settings,
    cadence_defaults: Mapping[str, int],
) -> NetworkFacts:
    """Everything ``nudge.rank`` needs about the active people on ``today``."""
    from supportnet.store.support import support_facts

    state = nudge_state.load(conn, today)
    windows = {
        "hard_before_days": settings.hard_before_days,
        "hard_after_days": settings.hard_after_days,
        "happy_before_days": settings.happy_before_days,
        "happy_after_days": settings.happy_after_days,
        "birthday_lead_days": settings.birthday_lead_days,
    }
    support = support_facts(conn, today, windows)
    plans_soon, has_active_plans = _plans_soon(conn, today, settings)
    recent_from = (today - dt.timedelta(days=settings.recent_days - 1)).isoformat()
    iso_today = today.isoformat()
    people = []
    rows = conn.execute(
        "SELECT p.id, p.name, p.circle, p.cadence_days, p.added_on,"
        " (SELECT a.on_date FROM attendance a WHERE a.person_id = p.id AND a.on_date <= ?1"
        "  ORDER BY a.on_date DESC LIMIT 1),"
        " (SELECT a.on_date FROM attendance a WHERE a.person_id = p.id AND a.on_date <= ?1"
        "  AND a.in_person = 1 ORDER BY a.on_date DESC LIMIT 1),"
        " (SELECT count(*) FROM attendance a WHERE a.person_id = p.id"
        "  AND a.on_date BETWEEN ?2 AND ?1)"
        " FROM person p WHERE p.archived_on IS NULL AND p.added_on <= ?1",
        (iso_today, recent_from),
    )
    fromiso = dt.date.fromisoformat
    empty: tuple = ()
    for pid, name, circle, cadence, added, last, last_ip, recent in rows:
        facts = support.get(pid)
        dismissals = state.person_dismissals.get(pid, empty)
        extra = {}
        if facts is not None:
            extra = {
                "next_birthday": facts.birthday,
                "birthday_turns": facts.birthday_turns,
                "events": tuple(
                    LifeEvent(e.event_id, e.what, e.kind, e.tone, e.date, e.yearly)
                    for e in (*facts.hard_events, *facts.happy_events)
                ),
                "last_favor_received": Favor(
                    facts.last_received.what, facts.last_received.kind, facts.last_received.date
                )
                if facts.last_received
                else None,
                "last_favor_given": facts.last_given.date if facts.last_given else None,
            }
        people.append(
            PersonFacts(
                id=pid,
                name=name,
                circle=circle,
                cadence_days=cadence or cadence_defaults[circle],
                added_on=fromiso(added),
                last_contact=fromiso(last) if last else None,
                last_in_person=fromiso(last_ip) if last_ip else None,
                recent_contacts=recent,
                plans_soon=plans_soon.get(pid, empty),
                snoozed_until=state.person_snoozes.get(pid),
                dismissals=dismissals,
                newest=nudge_state.person_newest(conn, pid) if dismissals else (0, 0, 0),
                **extra,
            )
        )
    has_gettogethers = bool(conn.execute("SELECT EXISTS (SELECT 1 FROM gettogether)").fetchone()[0])
    return NetworkFacts(
        people=tuple(people),
        communities=_communities(conn, today, state),
        pairs=_pairs(conn, people, today, settings),
        has_gettogethers=has_gettogethers,
        has_active_plans=has_active_plans,
    )


def _plans_soon(
    conn: sqlite3.Connection, today: dt.date, settings: Settings
) -> tuple[dict[int, tuple[PlanOccurrence, ...]], bool]:
    """Per person, the occurrences of active plans in the next ``plan_lead_days``
    that are not done or skipped yet; and whether any plan is active."""
    from supportnet import recurrence

    end = today + dt.timedelta(days=settings.plan_lead_days)
    rows = conn.execute(
        "SELECT p.id, p.title, p.rrule, p.starts_on, p.at_time, p.until_on,"
        " (SELECT group_concat(m.person_id) FROM plan_member m JOIN person x"
        "  ON x.id = m.person_id AND x.archived_on IS NULL WHERE m.plan_id = p.id)"
        " FROM plan p WHERE p.status = 'active' ORDER BY p.id"
    ).fetchall()
    found: dict[int, list[PlanOccurrence]] = {}
    for plan_id, title, rule, starts, at_time, until, members in rows:
        starts_on = dt.date.fromisoformat(starts)
        if not members or starts_on > end or (until and until < today.isoformat()):
            continue
        dates = recurrence.occurrences(
            rule,
            _fast_start(rule, starts_on, today),
            today,
            end,
            dt.date.fromisoformat(until) if until else None,
        )
        if not dates:
            continue
        marked = {
            on
            for (on,) in conn.execute(
                "SELECT on_date FROM plan_occurrence WHERE plan_id = ? AND on_date BETWEEN ? AND ?",
                (plan_id, today.isoformat(), end.isoformat()),
            )
        }
        people = tuple(sorted(int(pid) for pid in members.split(",")))
        for day in dates:
            if day.isoformat() in marked:
                continue
            occurrence = PlanOccurrence(plan_id, title, day, at_time, people)
            for pid in people:
                found.setdefault(pid, []).append(occurrence)
    return {pid: tuple(items) for pid, items in found.items()}, bool(rows)


def _fast_start(rule: str, starts_on: dt.date, start: dt.date) -> dt.date:
    """A later DTSTART with the same dates from ``start`` on, so that dateutil need
    not walk through years of past occurrences.

    Only for rules without COUNT.  DAILY and WEEKLY: moving the start by a whole
    number of periods (INTERVAL days or weeks) keeps every later date, since the
    weekday and the phase of the interval stay the same.  MONTHLY: by a whole
    number of INTERVALs of months, to the first of the month when the rule names
    its days (BYDAY, BYMONTHDAY), else to the same day when every month has it.
    Other rules keep their start.  Checked against dateutil by the tests.
    """
    from supportnet.recurrence import rule_parts

    parts = rule_parts(rule)
    if "COUNT" in parts or start <= starts_on:
        return starts_on
    interval = int(parts.get("INTERVAL", "1"))
    freq = parts.get("FREQ", "")
    if freq in ("DAILY", "WEEKLY"):
        step = interval * (7 if freq == "WEEKLY" else 1)
        return starts_on + dt.timedelta(days=(start - starts_on).days // step * step)
    if freq == "MONTHLY":
        months = (start.year - starts_on.year) * 12 + start.month - starts_on.month
        months = months // interval * interval
        year, month = divmod(starts_on.month - 1 + months, 12)
        if "BYDAY" in parts or "BYMONTHDAY" in parts:
            # The days come from the rule: any day of that month starts the same series.
            return dt.date(starts_on.year + year, month + 1, 1)
        if starts_on.day <= 28:
            return dt.date(starts_on.year + year, month + 1, starts_on.day)
    return starts_on


def _communities(
    conn: sqlite3.Connection, today: dt.date, state: nudge_state.State
) -> tuple[CommunityFacts, ...]:
    """Communities you belong to, with the meetings held since you last went."""
    from supportnet import recurrence

    yesterday = today - dt.timedelta(days=1)
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
            since = max(since, today - dt.timedelta(days=MISSED_LOOKBACK_DAYS))
            fast = _fast_start(rule, starts_on, since)
            missed = len(recurrence.occurrences(rule, fast, since, yesterday))
            next_meeting = recurrence.next_occurrence(rule, fast, today)
        dismissals = state.community_dismissals.get(cid, ())
        members = tuple(
            pid
            for (pid,) in conn.execute(
                "SELECT m.person_id FROM community_member m JOIN person p ON p.id = m.person_id"
                " WHERE m.community_id = ? AND p.archived_on IS NULL ORDER BY m.person_id",
                (cid,),
            )
        ) if missed else ()  # fmt: skip
        found.append(
            CommunityFacts(
                id=cid,
                name=name,
                missed_in_a_row=missed,
                last_attended=last_attended,
                next_meeting=next_meeting,
                at_time=at_time,
                members=members,
                snoozed_until=state.community_snoozes.get(cid),
                dismissals=dismissals,
                newest=nudge_state.community_newest(conn, cid) if dismissals else (0, 0, 0),
            )
        )
    return tuple(found)


def _pairs(
    conn: sqlite3.Connection, people: list[PersonFacts], today: dt.date, settings: Settings
) -> tuple[PairFacts, ...]:
    """Candidate introductions among the people you see most.

    The pool: people (not professionals) seen in the last ``introduction_days``,
    closest circle and most contact first, at most ``INTRODUCTION_POOL``.  Two of
    them are a candidate when they share a tag or a community; ``together`` is
    read from each one's latest ``INTRODUCTION_LOOKBACK`` get-togethers.
    """
    since = today - dt.timedelta(days=settings.introduction_days)
    seen = [
        p
        for p in people
        if p.circle != "professional" and p.last_contact is not None and p.last_contact >= since
    ]
    if len(seen) < 2 or settings.weight("introduction") <= 0:
        return ()
    seen.sort(key=lambda p: (CIRCLE_ORDER.index(p.circle), -p.recent_contacts, p.id))
    pool = [p.id for p in seen[:INTRODUCTION_POOL]]
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
    members = set(pool)
    for pid in pool:
        for (other,) in conn.execute(
            "SELECT DISTINCT b.person_id FROM"
            " (SELECT gettogether_id FROM attendance WHERE person_id = ?"
            "  ORDER BY on_date DESC LIMIT ?) a"
            " JOIN attendance b ON b.gettogether_id = a.gettogether_id AND b.person_id != ?",
            (pid, INTRODUCTION_LOOKBACK, pid),
        ):
            if other in members:
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
