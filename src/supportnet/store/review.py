"""The facts behind `review` and `report`: what happened between two dates.

A fixed number of aggregate queries, whatever the size of the history; rows
become read records by column name (store/records.py), and the numbers fill
``review.ReviewFacts`` itself, each column named as the field it fills.
Reads only; store functions never print.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from supportnet.store.progress import (
    FIRST_ADDED_SQL,
    NEW_PEOPLE_SQL,
    active_periods,
    counts_by_period,
    goals_in_range,
    goals_progress,
)
from supportnet.store.records import Day, fetch, fetch_one, iterate

if TYPE_CHECKING:
    from supportnet.review import ReviewFacts


class NewPerson(NamedTuple):
    """Someone met for the first time, on ``date``: ``how`` is ``first_gettogether`` or
    ``added`` (see ``store.progress.NEW_PEOPLE_SQL``: one row a person)."""

    id: int
    name: str
    date: dt.date
    how: str


class PersonSeen(NamedTuple):
    """A person and the get-togethers with them in the dates (of which in person)."""

    id: int
    name: str
    gettogethers: int
    in_person: int


class GroupMeetings(NamedTuple):
    id: int
    name: str
    meetings: int


class _Firsts(NamedTuple):
    """The first day ever of each kind of step (None: not yet)."""

    gettogether: dt.date | None
    in_person: dt.date | None
    favor_given: dt.date | None
    community: dt.date | None


class _Circle(NamedTuple):
    circle: str
    people: int


class _Name(NamedTuple):
    name: str


def new_people(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[dict]:
    """People met for the first time between ``start`` and ``end``, by day then name:
    ``{"id", "name", "date" (ISO), "how"}`` (see ``NewPerson``)."""
    s, e = start.isoformat(), end.isoformat()
    found = iterate(  # (one at a time: a review of years has 20,000 of them)
        conn,
        NewPerson,
        "SELECT n.pid AS id, p.name, n.d AS date, n.how"
        f" FROM ({NEW_PEOPLE_SQL}) n JOIN person p ON p.id = n.pid ORDER BY n.d, p.name",
        (s, e, s, e),
    )
    return [{"id": n.id, "name": n.name, "date": n.date.isoformat(), "how": n.how} for n in found]


def person_names(conn: sqlite3.Connection) -> list[str]:
    """Every name and nickname recorded, for reducing names to initials."""
    found = fetch(
        conn, _Name, "SELECT name FROM person UNION ALL SELECT nickname FROM person_nickname"
    )
    return [n.name for n in found]


#: People in the network on a day: added by then and not archived by then (day, day).
_NETWORK_SQL = (
    "SELECT count(*) FROM person WHERE added_on <= ? AND (archived_on IS NULL OR archived_on > ?)"
)
#: The people in the network at the end of the first day anyone was added.
_NETWORK_FIRST_DAY_SQL = _NETWORK_SQL.replace("?", f"({FIRST_ADDED_SQL})")


def _people_seen(
    conn: sqlite3.Connection, spread_start: dt.date, start: dt.date, end: dt.date
) -> tuple[list[tuple[int, str, int, int]], list[tuple[int, str, int]]]:
    """Who was seen from ``start`` to ``end`` (id, name, get-togethers, in person) and
    from ``spread_start`` to ``end`` (id, name, get-togethers), most seen first, then
    by name and id, in one query (the spread's dates hold the review's)."""
    assert spread_start <= start
    # Each person's get-togethers counted in the index on (person, date): one range
    # look-up per person (CROSS JOIN: from last_contact, in person order, so the rows
    # come grouped), and no sort of every attendance in the dates.  Only people whose
    # last contact (migration 0012) is in the dates can have any.
    # (id, name, spread, get-togethers, in person): plain rows, as many as people seen.
    rows = conn.execute(
        "SELECT p.id, p.name, s.spread, s.gettogethers, s.in_person FROM ("
        " SELECT c.person_id, count(*) AS spread,"
        "  count(*) FILTER (WHERE a.on_date >= ?2) AS gettogethers,"
        "  count(*) FILTER (WHERE a.on_date >= ?2 AND a.in_person = 1) AS in_person"
        " FROM last_contact c CROSS JOIN attendance a"
        "  ON a.person_id = c.person_id AND a.on_date BETWEEN ?1 AND ?3"
        " WHERE c.on_date >= ?1 GROUP BY c.person_id) s"
        " JOIN person p ON p.id = s.person_id ORDER BY spread DESC, name, id",
        (spread_start.isoformat(), start.isoformat(), end.isoformat()),
    ).fetchall()
    # Names sort here as SQLite sorts them (code points, as UTF-8 bytes do).
    seen = sorted(
        ((pid, name, n, ip) for pid, name, _, n, ip in rows if n),
        key=lambda r: (-r[2], r[1], r[0]),
    )
    return seen, [(pid, name, spread) for pid, name, spread, _, _ in rows]


#: How many get-togethers the days kept in ``gettogether_day`` hold (add a WHERE).
_DAYS = "SELECT coalesce(sum(gettogethers), 0) FROM gettogether_day"


def _numbers(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> ReviewFacts:
    """The review's dates and counts in one query: each a column named as its field."""
    from supportnet.review import ReviewFacts

    s, e = start.isoformat(), end.isoformat()
    before_start = start - dt.timedelta(days=1)
    previous_start = start - dt.timedelta(days=(end - start).days + 1)
    long_since = start.replace(day=1)
    for _ in range(3):
        long_since = (long_since - dt.timedelta(days=1)).replace(day=1)
    long_ago = (long_since - dt.timedelta(days=1)).isoformat()
    b = before_start.isoformat()
    # (field, scalar SQL, its parameters), in the order of the query.
    parts: list[tuple[str, str, tuple]] = [
        ("start", "?", (s,)),
        ("end", "?", (e,)),
        ("long_since", "?", (long_since.isoformat(),)),
        ("gettogethers", f"{_DAYS} WHERE on_date BETWEEN ? AND ?", (s, e)),
        ("in_person", "SELECT coalesce(sum(in_person), 0) FROM gettogether_day"
                      " WHERE on_date BETWEEN ? AND ?", (s, e)),
        ("favors_given", "SELECT count(*) FROM favor WHERE on_date BETWEEN ? AND ?"
                         " AND direction = 'given'", (s, e)),
        ("favors_received", "SELECT count(*) FROM favor WHERE on_date BETWEEN ? AND ?"
                            " AND direction = 'received'", (s, e)),
        ("previous_gettogethers", f"{_DAYS} WHERE on_date BETWEEN ? AND ?",
         (previous_start.isoformat(), b)),
        ("network_at_start", _NETWORK_SQL, (b, b)),
        ("network_now", _NETWORK_SQL, (e, e)),
        ("network_long_ago", _NETWORK_SQL, (long_ago, long_ago)),
        ("first_added", FIRST_ADDED_SQL, ()),
        ("network_first_day", _NETWORK_FIRST_DAY_SQL, ()),
        ("total_before", f"{_DAYS} WHERE on_date < ?", (s,)),
        ("total_by_end", f"{_DAYS} WHERE on_date <= ?", (e,)),
    ]  # fmt: skip
    sql = "SELECT " + ", ".join(f'({query}) AS "{field}"' for field, query, _ in parts)
    facts = fetch_one(conn, ReviewFacts, sql, [p for _, _, params in parts for p in params])
    assert facts is not None  # one row, always
    facts.online = facts.gettogethers - facts.in_person
    return facts


def _round_days(conn: sqlite3.Connection, before: int, by_end: int) -> dict[int, dt.date]:
    """The day of the n-th get-together (by date) for each round number n after
    ``before`` and up to ``by_end`` (the days' running totals, a row a day)."""
    from supportnet.review import ROUND_NUMBERS

    days = {}
    for n in (n for n in ROUND_NUMBERS if before < n <= by_end):
        found = fetch_one(
            conn,
            Day,
            "SELECT on_date AS day FROM (SELECT on_date,"
            " sum(gettogethers) OVER (ORDER BY on_date) AS so_far FROM gettogether_day)"
            " WHERE so_far >= ? ORDER BY on_date LIMIT 1",
            (n,),
        )
        if found is not None:
            days[n] = found.day
    return days


def review_facts(
    conn: sqlite3.Connection, start: dt.date, end: dt.date, today: dt.date
) -> ReviewFacts:
    """Everything the review says about ``start``..``end``, as ``ReviewFacts``."""
    from supportnet.goals import period_start
    from supportnet.store.people import CIRCLES

    s, e = start.isoformat(), end.isoformat()
    facts = _numbers(conn, start, end)
    facts.round_days = _round_days(conn, facts.total_before, facts.total_by_end)
    firsts = fetch_one(
        conn,
        _Firsts,
        "SELECT (SELECT min(on_date) FROM gettogether) AS gettogether,"
        " (SELECT min(on_date) FROM gettogether WHERE in_person = 1) AS in_person,"
        " (SELECT min(on_date) FROM favor WHERE direction = 'given') AS favor_given,"
        " (SELECT min(on_date) FROM gettogether WHERE community_id IS NOT NULL) AS community",
    )
    assert firsts is not None  # one row, always
    facts.firsts = {
        "gettogether": firsts.gettogether,
        "in_person": firsts.in_person,
        "favor_given": firsts.favor_given,
        "community": firsts.community,
    }
    # The network began with the first person added or the first get-together logged:
    # no chart goes further back (a new one is not shown months of nothing recorded).
    began = min(filter(None, (facts.first_added, firsts.gettogether)), default=None)
    # Contact spread over at least twelve weeks (a chart), and who was seen in the dates.
    spread_start = min(start, end - dt.timedelta(weeks=12) + dt.timedelta(days=1))
    if began is not None:
        spread_start = min(start, max(spread_start, began))
    facts.spread_start = spread_start
    facts.people_seen, facts.spread = _people_seen(conn, spread_start, start, end)
    facts.new_people = new_people(conn, start, end)
    meetings = fetch(
        conn,
        GroupMeetings,
        "SELECT c.id, c.name, count(*) AS meetings FROM gettogether g"
        " JOIN community c ON c.id = g.community_id WHERE g.on_date BETWEEN ? AND ?"
        " GROUP BY c.id ORDER BY meetings DESC, c.name",
        (s, e),
    )
    facts.communities = [(c.id, c.name, c.meetings) for c in meetings]

    year_ago = period_start(today - dt.timedelta(days=371), "week")
    for attr, kind in (("weeks_contact", "gettogethers"), ("weeks_in_person", "in_person"),
                       ("weeks_community", "community"), ("weeks_favor", "favors")):  # fmt: skip
        setattr(facts, attr, active_periods(conn, kind, "week", year_ago, today))
    facts.goals = goals_in_range(conn, start, end, today)
    facts.goal_streaks = {
        p.goal.id: p.streak for p in goals_progress(conn, today, periods=26) if p.streak
    }

    # Charts: half a year of contact (more when the review reaches further back),
    # and the network by circle.
    heat_start = min(start, period_start(end, "week") - dt.timedelta(weeks=25))
    heat_start = max(heat_start, period_start(end, "week") - dt.timedelta(weeks=52))
    if began is not None:
        heat_start = max(heat_start, period_start(began, "week"))
    facts.heat_start = heat_start
    facts.heat_days = counts_by_period(conn, "gettogethers", "day", heat_start, end)
    counts = {c.circle: c.people for c in fetch(
        conn, _Circle,
        "SELECT circle, count(*) AS people FROM person WHERE archived_on IS NULL GROUP BY circle",
    )}  # fmt: skip
    facts.by_circle = [(c, counts.get(c, 0)) for c in CIRCLES]
    return facts
