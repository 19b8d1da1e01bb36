"""Goals as stored, and the counts behind goals, the review and the report.

Every count is an SQL aggregate over get-togethers, attendance, favors and
people, grouped by period in SQLite: nothing loads every get-together into
Python.  Store functions never print.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from supportnet.errors import Ambiguous, Conflict, InvalidInput, NotFound
from supportnet.goals import Goal, GoalProgress, GoalSpec, last_periods, period_end, progress
from supportnet.text import closest, first_match, fold, join_words, parse_id

#: SQL turning an ISO date column into the ISO date its period starts on.
_PERIOD_KEY = {
    "week": "date({col}, '-6 days', 'weekday 1')",  # the Monday of its ISO week
    "month": "substr({col}, 1, 8) || '01'",
    "day": "{col}",
}


def _key(period: str, col: str) -> str:
    return _PERIOD_KEY[period].format(col=col)


# --- goals ----------------------------------------------------------------------------


def add_goal(
    conn: sqlite3.Connection,
    title: str,
    spec: GoalSpec,
    today: dt.date,
    community_id: int | None = None,
) -> int:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("A goal needs a few words to name it.")
    if community_id is not None and spec.kind != "community":
        raise InvalidInput("--group only fits a goal of going to a community (--kind community).")
    for goal in list_goals(conn):
        if (goal.kind, goal.target, goal.period) == (spec.kind, spec.target, spec.period) and (
            goal.community[0] if goal.community else None
        ) == community_id:
            raise Conflict(f"Goal {goal.label} already asks for that.")
    cursor = conn.execute(
        "INSERT INTO goal (title, kind, target, period, community_id, created_on)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (title, spec.kind, spec.target, spec.period, community_id, today.isoformat()),
    )
    return int(cursor.lastrowid)


def list_goals(conn: sqlite3.Connection, include_removed: bool = False) -> list[Goal]:
    """Goals in the order they were set; removed ones only when asked."""
    where = "" if include_removed else "WHERE g.status != 'removed'"
    rows = conn.execute(
        "SELECT g.id, g.title, g.kind, g.target, g.period, g.status, g.created_on,"
        " g.paused_on, g.removed_on, c.id, c.name FROM goal g"
        f" LEFT JOIN community c ON c.id = g.community_id {where} ORDER BY g.id"
    ).fetchall()
    pauses: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for gid, paused, resumed in conn.execute(
        "SELECT goal_id, paused_on, resumed_on FROM goal_pause ORDER BY goal_id, paused_on"
    ):
        pauses.setdefault(gid, []).append((_date(paused), _date(resumed) if resumed else None))
    return [
        Goal(
            id=gid,
            title=title,
            kind=kind,
            target=target,
            period=period,
            status=status,
            created_on=_date(created),
            paused_on=_date(paused) if paused else None,
            removed_on=_date(removed) if removed else None,
            community=(cid, cname) if cid is not None else None,
            pauses=tuple(pauses.get(gid, ())),
        )
        for gid, title, kind, target, period, status, created, paused, removed, cid, cname in rows
    ]


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def resolve_goal(conn: sqlite3.Connection, ref: str, include_removed: bool = False) -> Goal:
    """The goal ``ref`` names: its number (``3`` or ``#3``) or words of its title."""
    goals = list_goals(conn, include_removed=True)
    text = ref.strip()
    number = parse_id(text)
    if number is not None:
        for goal in goals:
            if goal.id == number and (include_removed or goal.status != "removed"):
                return goal
        raise NotFound(f"No goal has the number #{number}. `supportnet goals` lists them.")
    key = fold(text)
    if not key:
        raise InvalidInput("Say which goal: its number (see `supportnet goals`) or its words.")
    pool = [g for g in goals if include_removed or g.status != "removed"]
    found = first_match([pool], [lambda g: fold(g.title) == key,
                                 lambda g: fold(g.title).startswith(key),
                                 lambda g: key in fold(g.title)])  # fmt: skip
    if len(found) == 1:
        return found[0]
    if found:
        shown = [g.label for g in found[:8]]
        raise Ambiguous(f"{text!r} could be goal {join_words(shown, 'or')}; use the number.")
    near = closest(text, [g.title for g in pool])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No goal called {text!r}.{hint} `supportnet goals` lists them.")


def pause_goal(conn: sqlite3.Connection, goal: Goal, today: dt.date) -> None:
    if goal.status == "paused":
        raise Conflict(f"Goal {goal.label} is already paused (since {goal.paused_on}).")
    conn.execute(
        "UPDATE goal SET status = 'paused', paused_on = ? WHERE id = ?",
        (today.isoformat(), goal.id),
    )
    # Paused again on the day it was resumed: that pause simply goes on.
    conn.execute(
        "INSERT INTO goal_pause (goal_id, paused_on) VALUES (?, ?)"
        " ON CONFLICT (goal_id, paused_on) DO UPDATE SET resumed_on = NULL",
        (goal.id, today.isoformat()),
    )


def resume_goal(conn: sqlite3.Connection, goal: Goal, today: dt.date) -> None:
    if goal.status != "paused":
        raise Conflict(f"Goal {goal.label} is not paused.")
    conn.execute("UPDATE goal SET status = 'active', paused_on = NULL WHERE id = ?", (goal.id,))
    conn.execute(
        "UPDATE goal_pause SET resumed_on = ? WHERE goal_id = ? AND resumed_on IS NULL",
        (today.isoformat(), goal.id),
    )


def remove_goal(conn: sqlite3.Connection, goal: Goal, today: dt.date) -> None:
    """Retire a goal: it leaves `goals`, and stays in past reviews and `goals --all`."""
    if goal.status == "paused":
        resume_goal(conn, goal, today)
    conn.execute(
        "UPDATE goal SET status = 'removed', removed_on = ? WHERE id = ?",
        (today.isoformat(), goal.id),
    )


# --- counting -------------------------------------------------------------------------


def counts_by_period(
    conn: sqlite3.Connection,
    kind: str,
    period: str,
    start: dt.date,
    end: dt.date,
    community_id: int | None = None,
) -> dict[dt.date, int]:
    """How much of ``kind`` happened in each period between ``start`` and ``end``.

    Keys are period starts (the Monday of an ISO week, the first of a month, or
    the day itself for ``period="day"``).  Periods with nothing are left out.
    """
    s, e = start.isoformat(), end.isoformat()
    if kind == "reach_out":
        sql = (
            f"SELECT {_key(period, 'g.on_date')} AS k, count(DISTINCT a.person_id)"
            " FROM gettogether g JOIN attendance a ON a.gettogether_id = g.id"
            " WHERE g.on_date BETWEEN ? AND ? GROUP BY k"
        )
        params: tuple = (s, e)
    elif kind in ("in_person", "community", "gettogethers"):
        extra = {"in_person": " AND in_person = 1", "gettogethers": "",
                 "community": " AND community_id IS NOT NULL"}[kind]  # fmt: skip
        params = (s, e)
        if kind == "community" and community_id is not None:
            extra = " AND community_id = ?"
            params = (s, e, community_id)
        sql = (
            f"SELECT {_key(period, 'on_date')} AS k, count(*) FROM gettogether"
            f" WHERE on_date BETWEEN ? AND ?{extra} GROUP BY k"
        )
    elif kind in ("favors", "favors_received"):
        direction = "given" if kind == "favors" else "received"
        sql = (
            f"SELECT {_key(period, 'on_date')} AS k, count(*) FROM favor"
            " WHERE on_date BETWEEN ? AND ? AND direction = ? GROUP BY k"
        )
        params = (s, e, direction)
    elif kind == "log_days":
        sql = (
            f"SELECT {_key(period, 'd')} AS k, count(*) FROM ("
            " SELECT on_date AS d FROM gettogether WHERE on_date BETWEEN ? AND ?"
            " UNION SELECT on_date FROM favor WHERE on_date BETWEEN ? AND ?) GROUP BY k"
        )
        params = (s, e, s, e)
    elif kind == "new_people":
        sql = (
            f"SELECT {_key(period, 'd')} AS k, count(DISTINCT pid) FROM ({_NEW_PEOPLE_SQL})"
            " GROUP BY k"
        )
        params = (s, e, s, e)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return {_date(k): n for k, n in conn.execute(sql, params)}


#: (person id, day) for each person met for the first time between two dates: the
#: day of their first get-together, or the day they were added when nothing with
#: them had been logged by then.  Parameters: start, end, start, end.
_NEW_PEOPLE_SQL = """
    SELECT pid, d, 'first_gettogether' AS how FROM (
        SELECT p.id AS pid,
               (SELECT min(a.on_date) FROM attendance a WHERE a.person_id = p.id) AS d
        FROM person p)
    WHERE d BETWEEN ? AND ?
    UNION ALL
    SELECT p.id, p.added_on, 'added' FROM person p WHERE p.added_on BETWEEN ? AND ?
    AND NOT EXISTS (SELECT 1 FROM attendance a3
                    WHERE a3.person_id = p.id AND a3.on_date <= p.added_on)
"""


def new_people(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[dict]:
    """People met for the first time between ``start`` and ``end``, by day then name.

    ``how`` is ``"first_gettogether"`` or ``"added"``.
    """
    s, e = start.isoformat(), end.isoformat()
    rows = conn.execute(
        "SELECT n.pid, p.name, min(n.d), max(n.how)"
        f" FROM ({_NEW_PEOPLE_SQL}) n JOIN person p ON p.id = n.pid"
        " GROUP BY n.pid ORDER BY min(n.d), p.name",
        (s, e, s, e),
    ).fetchall()
    return [{"id": pid, "name": name, "date": day, "how": how} for pid, name, day, how in rows]


def goals_progress(
    conn: sqlite3.Connection, today: dt.date, include_removed: bool = False, periods: int = 8
) -> list[GoalProgress]:
    """Every goal with its current period and its last ``periods`` periods."""
    result = []
    cache: dict[tuple, dict[dt.date, int]] = {}
    for goal in list_goals(conn, include_removed=include_removed):
        starts = last_periods(today, goal.period, periods)
        community_id = goal.community[0] if goal.community else None
        key = (goal.kind, goal.period, community_id)
        if key not in cache:
            cache[key] = counts_by_period(
                conn, goal.kind, goal.period, starts[0], period_end(starts[-1], goal.period),
                community_id,
            )  # fmt: skip
        result.append(progress(goal, cache[key], today, periods))
    return result


def goals_in_range(
    conn: sqlite3.Connection, start: dt.date, end: dt.date, today: dt.date
) -> list[tuple[Goal, list]]:
    """Each goal that existed between ``start`` and ``end`` with the periods that
    overlap the range (``PeriodResult``s, oldest first)."""
    from supportnet.goals import PeriodResult, period_start, period_status

    found = []
    for goal in list_goals(conn, include_removed=True):
        if goal.created_on > end or (goal.removed_on and goal.removed_on < start):
            continue
        first = period_start(start, goal.period)
        last = period_start(end, goal.period)
        community_id = goal.community[0] if goal.community else None
        counts = counts_by_period(
            conn, goal.kind, goal.period, first, period_end(last, goal.period), community_id
        )
        periods = []
        day = first
        while day <= last:
            count = counts.get(day, 0)
            status = period_status(goal, day, count, today)
            periods.append(PeriodResult(day, period_end(day, goal.period), count, status))
            day = period_end(day, goal.period) + dt.timedelta(days=1)
        found.append((goal, periods))
    return found


def active_periods(
    conn: sqlite3.Connection, kind: str, period: str, start: dt.date, end: dt.date
) -> set[dt.date]:
    """Starts of the periods between ``start`` and ``end`` in which ``kind`` happened."""
    return {k for k, n in counts_by_period(conn, kind, period, start, end).items() if n > 0}


# --- the review ----------------------------------------------------------------------


def network_size(conn: sqlite3.Connection, day: dt.date) -> int:
    """People in the network on ``day``: added by then and not archived by then."""
    d = day.isoformat()
    return conn.execute(
        "SELECT count(*) FROM person"
        " WHERE added_on <= ? AND (archived_on IS NULL OR archived_on > ?)",
        (d, d),
    ).fetchone()[0]


def _first(conn: sqlite3.Connection, sql: str) -> dt.date | None:
    row = conn.execute(sql).fetchone()
    return _date(row[0]) if row and row[0] else None


def person_names(conn: sqlite3.Connection) -> list[str]:
    """Every name and nickname recorded, for reducing names to initials."""
    names = [n for (n,) in conn.execute("SELECT name FROM person")]
    return names + [n for (n,) in conn.execute("SELECT nickname FROM person_nickname")]


def review_facts(conn: sqlite3.Connection, start: dt.date, end: dt.date, today: dt.date):
    """Everything the review says about ``start``..``end``, as ``ReviewFacts``.

    A fixed number of aggregate queries, whatever the size of the history.
    """
    from supportnet.goals import period_start
    from supportnet.review import ReviewFacts

    s, e = start.isoformat(), end.isoformat()
    facts = ReviewFacts(start=start, end=end)
    total, in_person = conn.execute(
        "SELECT count(*), coalesce(sum(in_person), 0) FROM gettogether"
        " WHERE on_date BETWEEN ? AND ?",
        (s, e),
    ).fetchone()
    facts.gettogethers, facts.in_person, facts.online = total, in_person, total - in_person
    facts.people_seen = [
        tuple(row)
        for row in conn.execute(
            "SELECT p.id, p.name, count(*) AS n, sum(g.in_person) FROM gettogether g"
            " JOIN attendance a ON a.gettogether_id = g.id JOIN person p ON p.id = a.person_id"
            " WHERE g.on_date BETWEEN ? AND ? GROUP BY p.id ORDER BY n DESC, p.name, p.id",
            (s, e),
        )
    ]
    facts.new_people = new_people(conn, start, end)
    for direction, n in conn.execute(
        "SELECT direction, count(*) FROM favor WHERE on_date BETWEEN ? AND ? GROUP BY direction",
        (s, e),
    ):
        if direction == "given":
            facts.favors_given = n
        else:
            facts.favors_received = n
    facts.communities = [
        tuple(row)
        for row in conn.execute(
            "SELECT c.id, c.name, count(*) AS n FROM gettogether g"
            " JOIN community c ON c.id = g.community_id WHERE g.on_date BETWEEN ? AND ?"
            " GROUP BY c.id ORDER BY n DESC, c.name",
            (s, e),
        )
    ]
    before_start = start - dt.timedelta(days=1)
    previous_start = start - dt.timedelta(days=(end - start).days + 1)
    facts.previous_gettogethers = conn.execute(
        "SELECT count(*) FROM gettogether WHERE on_date BETWEEN ? AND ?",
        (previous_start.isoformat(), before_start.isoformat()),
    ).fetchone()[0]
    facts.network_at_start = network_size(conn, before_start)
    facts.network_now = network_size(conn, end)
    long_since = start.replace(day=1)
    for _ in range(3):
        long_since = (long_since - dt.timedelta(days=1)).replace(day=1)
    facts.long_since = long_since
    facts.network_long_ago = network_size(conn, long_since - dt.timedelta(days=1))

    year_ago = period_start(today - dt.timedelta(days=371), "week")
    for attr, kind in (("weeks_contact", "gettogethers"), ("weeks_in_person", "in_person"),
                       ("weeks_community", "community"), ("weeks_favor", "favors")):  # fmt: skip
        setattr(facts, attr, active_periods(conn, kind, "week", year_ago, today))
    facts.firsts = {
        "gettogether": _first(conn, "SELECT min(on_date) FROM gettogether"),
        "in_person": _first(conn, "SELECT min(on_date) FROM gettogether WHERE in_person = 1"),
        "favor_given": _first(conn, "SELECT min(on_date) FROM favor WHERE direction = 'given'"),
        "community": _first(
            conn, "SELECT min(on_date) FROM gettogether WHERE community_id IS NOT NULL"
        ),
    }
    # Counted from the recent end: the whole table's count is a quick b-tree count.
    everything = conn.execute("SELECT count(*) FROM gettogether").fetchone()[0]
    from_start, after_end = conn.execute(
        "SELECT count(*), coalesce(sum(on_date > ?), 0) FROM gettogether WHERE on_date >= ?",
        (e, s),
    ).fetchone()
    facts.total_before = everything - from_start
    facts.total_by_end = everything - after_end
    facts.goals = goals_in_range(conn, start, end, today)
    facts.goal_streaks = {
        p.goal.id: p.streak for p in goals_progress(conn, today, periods=26) if p.streak
    }

    # Charts: half a year of contact (more when the review reaches further back),
    # the network by circle, and contact spread over at least twelve weeks.
    heat_start = min(start, period_start(end, "week") - dt.timedelta(weeks=25))
    heat_start = max(heat_start, period_start(end, "week") - dt.timedelta(weeks=52))
    facts.heat_start = heat_start
    facts.heat_days = counts_by_period(conn, "gettogethers", "day", heat_start, end)
    from supportnet.store.people import CIRCLES

    counts = dict(
        conn.execute(
            "SELECT circle, count(*) FROM person WHERE archived_on IS NULL GROUP BY circle"
        )
    )
    facts.by_circle = [(c, counts.get(c, 0)) for c in CIRCLES]
    spread_start = min(start, end - dt.timedelta(weeks=12) + dt.timedelta(days=1))
    facts.spread_start = spread_start
    facts.spread = [
        tuple(row)
        for row in conn.execute(
            "SELECT p.id, p.name, count(*) AS n FROM gettogether g"
            " JOIN attendance a ON a.gettogether_id = g.id JOIN person p ON p.id = a.person_id"
            " WHERE g.on_date BETWEEN ? AND ? GROUP BY p.id ORDER BY n DESC, p.name, p.id",
            (spread_start.isoformat(), e),
        )
    ]
    return facts
