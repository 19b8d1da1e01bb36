"""The facts the nudge weighs, gathered from the database.  Never prints.

The cost grows with the number of people, not of get-togethers: per person,
"last contact", "last in person" and "contacts lately" are index look-ups on
``attendance (person_id, on_date, in_person)`` (on a second connection, in a
thread, while the rest is read: see ``_Contact``); favors, life events and
birthdays come from ``store.support.support_facts``; plans and communities are
few and their dates come from ``recurrence``.  Introductions look only at a
small pool of the people you see most, and at their most recent get-togethers.
"""

from __future__ import annotations

import datetime as dt
import heapq
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter

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
) -> NetworkFacts:
    """Everything ``nudge.rank`` needs about the active people on ``today``.

    Favors are read only within ``reciprocity_days``: an older favor received
    cannot raise a nudge, nor can an older favor given return a newer one.
    ``detail_for`` (the person `why` explains) gets their whole history.
    """
    from supportnet.store.support_facts import latest_favors, support_facts

    recent_from = (today - dt.timedelta(days=settings.recent_days - 1)).isoformat()
    contact = _Contact(conn, today.isoformat(), recent_from)
    state = nudge_state.load(conn, today)
    windows = {
        "hard_before_days": settings.hard_before_days,
        "hard_after_days": settings.hard_after_days,
        "happy_before_days": settings.happy_before_days,
        "happy_after_days": settings.happy_after_days,
        "birthday_lead_days": settings.birthday_lead_days,
    }
    favors_from = today - dt.timedelta(days=settings.reciprocity_days)
    support = support_facts(conn, today, windows, favors_since=favors_from)
    plans_soon, has_active_plans = _plans_soon(conn, today, settings)

    # The few people with more to weigh than time and circle: their extra facts.
    extra: dict[int, dict] = {}
    for pid, facts in support.items():
        more: dict = {}
        if facts.birthday is not None:
            more["next_birthday"] = facts.birthday
            more["birthday_turns"] = facts.birthday_turns
        if facts.hard_events or facts.happy_events:
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

    communities = _communities(conn, today, state)
    has_gettogethers = bool(conn.execute("SELECT EXISTS (SELECT 1 FROM gettogether)").fetchone()[0])
    fromiso = dt.date.fromisoformat
    days: dict[str | None, dt.date | None] = {None: None}  # each ISO date parsed once
    people = []
    append = people.append
    for pid, name, circle, cadence, added, last, last_ip, recent in contact.rows():
        try:
            added_on = days[added]
        except KeyError:
            added_on = days[added] = fromiso(added)
        try:
            last_contact = days[last]
        except KeyError:
            last_contact = days[last] = fromiso(last)
        try:
            last_in_person = days[last_ip]
        except KeyError:
            last_in_person = days[last_ip] = fromiso(last_ip)
        more = extra.get(pid)
        if more is None:
            append(PersonFacts(pid, name, circle, cadence or cadence_defaults[circle],
                               added_on, last_contact, last_in_person, recent))  # fmt: skip
            continue
        if "dismissals" in more:
            more["newest"] = nudge_state.person_newest(conn, pid)
        append(PersonFacts(pid, name, circle, cadence or cadence_defaults[circle],
                           added_on, last_contact, last_in_person, recent, **more))  # fmt: skip
    return NetworkFacts(
        people=tuple(people),
        communities=communities,
        pairs=_pairs(conn, people, today, settings),
        has_gettogethers=has_gettogethers,
        has_active_plans=has_active_plans,
    )


#: Per person p: the last contact, the last in person and the number of
#: contacts since the start of the recent window (?2) up to today (?1).
_CONTACT_COLUMNS = (
    "p.id, p.name, p.circle, p.cadence_days, p.added_on,"
    " (SELECT a.on_date FROM attendance a WHERE a.person_id = p.id AND a.on_date <= ?1"
    "  ORDER BY a.on_date DESC LIMIT 1),"
    " (SELECT a.on_date FROM attendance a WHERE a.person_id = p.id AND a.on_date <= ?1"
    "  AND a.in_person = 1 ORDER BY a.on_date DESC LIMIT 1),"
    " (SELECT count(*) FROM attendance a WHERE a.person_id = p.id"
    "  AND a.on_date BETWEEN ?2 AND ?1)"
)
#: Every active person on ?1, by id (the scan of the person table's rowids).
_ACTIVE = " FROM person p WHERE p.archived_on IS NULL AND p.added_on <= ?1"
_CONTACT_SQL = f"SELECT {_CONTACT_COLUMNS}{_ACTIVE} ORDER BY p.id"
#: The same as one row of JSON text: [[id, name, ..., recent], ...].
_CONTACT_JSON_SQL = f"SELECT json_group_array(json_array({_CONTACT_COLUMNS})){_ACTIVE}"


class _Contact:
    """Every active person, with their last contact, last in person and recent
    contacts: the rows of ``_CONTACT_SQL``.

    The index look-ups are most of the nudge's database time, and SQLite runs
    them without holding Python's lock.  On a database file they run on a
    second connection in a thread, as one row of JSON text, while the rest of
    the facts are read on this one.
    """

    def __init__(self, conn: sqlite3.Connection, today: str, recent_from: str) -> None:
        self.conn, self.params = conn, (today, recent_from)
        self.text: str | None = None
        self.thread = None
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        # Not inside a transaction: the other connection would not see its changes.
        if path and not conn.in_transaction:
            import threading

            self.thread = threading.Thread(target=self._read, args=(path,), daemon=True)
            self.thread.start()

    def _read(self, path: str) -> None:
        try:
            other = sqlite3.connect(path, timeout=10, check_same_thread=False)
            try:
                self.text = other.execute(_CONTACT_JSON_SQL, self.params).fetchone()[0]
            finally:
                other.close()
        except sqlite3.Error:
            self.text = None  # rows() reads them on this connection instead

    def rows(self) -> Iterable[Sequence]:
        """(id, name, circle, cadence, added, last, last in person, recent) of
        every active person, by id."""
        if self.thread is not None:
            self.thread.join()
            if self.text is not None:
                import json

                try:
                    rows = json.loads(self.text)
                except ValueError:
                    rows = None  # not JSON after all: read them here
                if rows is not None:
                    rows.sort(key=itemgetter(0))  # by id (already so: the table's order)
                    return rows
        return self.conn.execute(_CONTACT_SQL, self.params)


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
