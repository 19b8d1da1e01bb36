"""Goals as stored, and the counts behind goals, the review and the report.

The review's other facts are gathered in ``store.review``.

Every count is an SQL aggregate over get-togethers, attendance, favors and
people, grouped by period in SQLite: nothing loads every get-together into
Python.  Reads only (changes are in ``writes.progress``); rows become read
records by column name (store/records.py).  Store functions never print.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from supportnet.errors import Ambiguous, InvalidInput, NotFound
from supportnet.goals import Goal, GoalProgress, last_periods, period_end, progress
from supportnet.store.records import fetch
from supportnet.text import first_match, fold, id_key, join_words, parse_id, similar, some_of

#: For each period kind: the SQL of the start of the period holding the date ``?``,
#: the step to the next start, and the last day of the period starting on ``p.start``.
_PERIODS = {
    "week": ("date(?, '-6 days', 'weekday 1')", "'+7 days'", "date(p.start, '+6 days')"),
    "month": ("date(?, 'start of month')", "'+1 month'", "date(p.start, '+1 month', '-1 day')"),
}


def _by_period(
    period: str,
    count: str,
    source: str,
    day: str,
    span: tuple[str, str],
    inner: tuple = (),
    extra: str = "",
    extra_params: tuple = (),
) -> tuple[str, tuple]:
    """SQL and parameters counting ``count`` over ``source`` per period of its date
    column ``day``, within ``span`` (first and last ISO day); ``inner``: parameters of
    a sub-query in ``source``; ``extra``: more conditions, with ``extra_params``.

    Days map to periods through a small table of the periods themselves (a
    recursive CTE of week or month starts), joined on a date range: the index on
    the date answers each period, and no SQL function runs on every row.
    """
    where = f"{day} BETWEEN ? AND ?{extra}"
    if period == "day":
        sql = f"SELECT {day} AS start, {count} AS n FROM {source} WHERE {where} GROUP BY start"
        return sql, (*inner, *span, *extra_params)
    first, step, last = _PERIODS[period]
    sql = (
        f"WITH RECURSIVE periods(start) AS (SELECT {first}"
        f" UNION ALL SELECT date(start, {step}) FROM periods"
        f" WHERE date(start, {step}) <= ?)"
        f" SELECT p.start, {count} AS n FROM periods p, {source}"
        f" WHERE {day} BETWEEN p.start AND {last} AND {where} GROUP BY p.start"
    )
    return sql, (*span, *inner, *span, *extra_params)


# --- goals ----------------------------------------------------------------------------


class GoalRow(NamedTuple):
    """A goal as stored (a read record of ``models.Goal``), with its group's name."""

    id: int
    title: str
    kind: str
    target: int
    period: str
    community_id: int | None
    status: str
    created_on: dt.date
    paused_on: dt.date | None
    removed_on: dt.date | None
    community_name: str | None  # joined: the name of the goal's group


class PauseRow(NamedTuple):
    """One pause of a goal (a read record of ``models.GoalPause``)."""

    goal_id: int
    paused_on: dt.date
    resumed_on: dt.date | None


_GOALS_SQL = (
    "SELECT g.id, g.title, g.kind, g.target, g.period, g.community_id, g.status,"
    " g.created_on, g.paused_on, g.removed_on, c.name AS community_name"
    " FROM goal g LEFT JOIN community c ON c.id = g.community_id"
)


def _goals(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Goal]:
    rows = fetch(conn, GoalRow, f"{_GOALS_SQL} {where} ORDER BY g.id", params)
    pauses: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for pause in fetch(
        conn,
        PauseRow,
        "SELECT goal_id, paused_on, resumed_on FROM goal_pause ORDER BY goal_id, paused_on",
    ):
        pauses.setdefault(pause.goal_id, []).append((pause.paused_on, pause.resumed_on))
    return [
        Goal(
            id=r.id,
            title=r.title,
            kind=r.kind,
            target=r.target,
            period=r.period,
            status=r.status,
            created_on=r.created_on,
            paused_on=r.paused_on,
            removed_on=r.removed_on,
            community=(r.community_id, r.community_name or "")
            if r.community_id is not None
            else None,
            pauses=tuple(pauses.get(r.id, ())),
        )
        for r in rows
    ]


def list_goals(conn: sqlite3.Connection, include_removed: bool = False) -> list[Goal]:
    """Goals in the order they were set; removed ones only when asked."""
    return _goals(conn, "" if include_removed else "WHERE g.status != 'removed'")


def get_goal(conn: sqlite3.Connection, goal_id: int) -> Goal:
    """The goal with this number, retired or not (``NotFound`` when there is none)."""
    found = _goals(conn, "WHERE g.id = ?", (id_key(goal_id),))
    if not found:
        raise NotFound(f"No goal has the number #{goal_id}. `supportnet goals` lists them.")
    return found[0]


def _if_retired(found: list[Goal]) -> None:
    """Refuse a retired goal asked for where only goals still set will do, by name."""
    for goal in found[:1]:
        when = f" on {goal.removed_on.isoformat()}" if goal.removed_on else ""
        raise NotFound(
            f"Goal {goal.label} was retired{when}; `supportnet goals --all` lists it."
            " To work on it again: supportnet goal add."
        )


def resolve_goal(conn: sqlite3.Connection, ref: str, include_removed: bool = False) -> int:
    """The number of the goal ``ref`` names: its number (``3`` or ``#3``) or words of
    its title.

    Retired goals are left out unless ``include_removed``; then goals still set
    are preferred over retired ones.
    """
    goals = list_goals(conn, include_removed=True)
    live = [g for g in goals if g.status != "removed"]
    pools = [live, [g for g in goals if g.status == "removed"]] if include_removed else [live]
    text = ref.strip()
    number = parse_id(text)
    if number is not None:
        for goal in (g for pool in pools for g in pool):
            if goal.id == number:
                return goal.id
        _if_retired([g for g in goals if g.id == number])
        raise NotFound(f"No goal has the number #{number}. `supportnet goals` lists them.")
    key = fold(text)
    if not key:
        raise InvalidInput("Say which goal: its number (see `supportnet goals`) or its words.")
    found = first_match(pools, [lambda g: fold(g.title) == key,
                                lambda g: fold(g.title).startswith(key),
                                lambda g: key in fold(g.title)], loose_from=1)  # fmt: skip
    if len(found) == 1:
        return found[0].id
    if found:
        shown = some_of([g.label for g in found])
        raise Ambiguous(f"{text!r} could be goal {shown}; use the number.")
    if not include_removed:  # a retired goal's words: say so, not "no goal called"
        _if_retired([g for g in goals if g.status == "removed" and fold(g.title) == key])
    near = similar(text, [(g.title, [g.title]) for pool in pools for g in pool])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No goal called {text!r}.{hint} `supportnet goals` lists them.")


# --- counting -------------------------------------------------------------------------


class PeriodCount(NamedTuple):
    """How much happened in the period that starts on ``start``."""

    start: dt.date
    n: int


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
    span = (start.isoformat(), end.isoformat())
    inner: tuple = ()  # parameters of a sub-query in the FROM clause
    extra, extra_params = "", ()
    # A unary + on a flag keeps SQLite from building an index on it to search by,
    # instead of reading each period's date range.
    if kind == "reach_out":
        count, day = "count(DISTINCT a.person_id)", "g.on_date"
        source = "gettogether g JOIN attendance a ON a.gettogether_id = g.id"
    elif kind in ("in_person", "gettogethers"):
        # Added up from the day counts kept by triggers (migration 0013): a row a day.
        count, day, source = f"sum(d.{kind})", "d.on_date", "gettogether_day d"
        extra = f" AND d.{kind} > 0"  # a period with nothing is left out
    elif kind == "community":
        count, day, source = "count(*)", "g.on_date", "gettogether g"
        extra = " AND +g.community_id IS NOT NULL"
        if community_id is not None:
            extra, extra_params = " AND g.community_id = ?", (community_id,)
    elif kind in ("favors", "favors_received"):
        count, day, source = "count(*)", "f.on_date", "favor f"
        extra = " AND +f.direction = ?"
        extra_params = ("given" if kind == "favors" else "received",)
    elif kind == "log_days":
        count, day, inner = "count(*)", "x.d", (*span, *span)
        source = (
            "(SELECT on_date AS d FROM gettogether WHERE on_date BETWEEN ? AND ?"
            " UNION SELECT on_date FROM favor WHERE on_date BETWEEN ? AND ?) x"
        )
    elif kind == "new_people":
        count, day, inner = "count(DISTINCT x.pid)", "x.d", (*span, *span)
        source = f"({NEW_PEOPLE_SQL}) x"
    else:
        raise ValueError(f"unknown kind {kind!r}")
    sql, params = _by_period(period, count, source, day, span, inner, extra, extra_params)
    return {c.start: c.n for c in fetch(conn, PeriodCount, sql, params)}


#: The first day anyone was added: the people entered that day are where the network
#: starts (``review.network_baseline``), not people met.
FIRST_ADDED_SQL = "SELECT min(added_on) FROM person"

#: (person id, day, how) for each person met for the first time between two dates,
#: each person once: the day of their first get-together (``first_gettogether``),
#: or, while nothing with them is logged, the day they were added (``added``) -
#: unless that was the first day anyone was added, whose people were already there.
#: Parameters: start, end, start, end.  Each person's first get-together is kept in
#: ``first_contact`` (migration 0013): a range of its date index, and one look-up
#: for each person added in the dates.
NEW_PEOPLE_SQL = f"""
    SELECT person_id AS pid, on_date AS d, 'first_gettogether' AS how FROM first_contact
    WHERE on_date BETWEEN ? AND ?
    UNION ALL
    SELECT p.id, p.added_on, 'added' FROM person p
    LEFT JOIN first_contact f ON f.person_id = p.id
    WHERE p.added_on BETWEEN ? AND ? AND f.person_id IS NULL
    AND p.added_on > ({FIRST_ADDED_SQL})
"""


def goals_progress(
    conn: sqlite3.Connection, today: dt.date, include_removed: bool = False, periods: int = 8
) -> list[GoalProgress]:
    """Every goal with its current period and its last ``periods`` periods."""
    result = []
    cache: dict[tuple, dict[dt.date, int]] = {}
    for goal in list_goals(conn, include_removed=include_removed):
        starts = last_periods(today, goal.period, periods)
        key = (goal.kind, goal.period, goal.community_id)
        if key not in cache:
            cache[key] = counts_by_period(
                conn, goal.kind, goal.period, starts[0], period_end(starts[-1], goal.period),
                goal.community_id,
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
        counts = counts_by_period(
            conn, goal.kind, goal.period, first, period_end(last, goal.period), goal.community_id
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


#: For ``active_periods``: the rows of each kind it answers by a look-up in a
#: period, ``{span}`` being the period's date range (a unary + keeps the date index
#: in use; a group's get-togethers are found through the index on (group, date), one
#: group at a time, as a group's id always names a group).
_ACTIVE = {
    "gettogethers": "gettogether WHERE on_date {span}",
    "in_person": "gettogether WHERE on_date {span} AND +in_person = 1",
    "community": "gettogether WHERE community_id IN (SELECT id FROM community) AND on_date {span}",
    "favors": "favor WHERE on_date {span} AND +direction = 'given'",
    "favors_received": "favor WHERE on_date {span} AND +direction = 'received'",
}


class _PeriodStart(NamedTuple):
    start: dt.date


def active_periods(
    conn: sqlite3.Connection, kind: str, period: str, start: dt.date, end: dt.date
) -> set[dt.date]:
    """Starts of the periods between ``start`` and ``end`` in which ``kind`` happened.

    Each period asks the date index whether there is one such row (``EXISTS``),
    rather than counting them all: a year of weeks is some fifty look-ups however
    long the history.
    """
    if kind not in _ACTIVE or period not in _PERIODS:
        return {k for k, n in counts_by_period(conn, kind, period, start, end).items() if n > 0}
    first, step, last = _PERIODS[period]
    rows = _ACTIVE[kind].format(span=f"BETWEEN max(p.start, ?) AND min({last}, ?)")
    s, e = start.isoformat(), end.isoformat()
    sql = (
        f"WITH RECURSIVE periods(start) AS (SELECT {first}"
        f" UNION ALL SELECT date(start, {step}) FROM periods"
        f" WHERE date(start, {step}) <= ?)"
        f" SELECT p.start FROM periods p WHERE EXISTS (SELECT 1 FROM {rows})"
    )
    return {p.start for p in fetch(conn, _PeriodStart, sql, (s, e, s, e))}
