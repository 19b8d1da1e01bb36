"""Check-ins read back: measures, past check-ins, trajectories, what the records say
beside them, cadences, and expected against felt.  Reads only; never prints.

A fixed number of queries whatever the length of the history: check-ins and their
answers in two, the records of every check-in's week in one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from supportnet.checkins import (
    BUILT_IN_NAME,
    Cadence,
    Measure,
    Point,
    Trajectory,
    built_in,
    parse_measure,
    score,
)
from supportnet.errors import NotFound
from supportnet.store.records import fetch, fetch_one


class MeasureRow(NamedTuple):
    """A loaded measure (``id`` None: supportnet's own), with its check-ins so far."""

    id: int | None
    name: str
    title: str
    definition: str
    added_on: dt.date | None
    removed_on: dt.date | None
    check_ins: int
    last: dt.date | None

    def measure(self) -> Measure:
        if self.id is None:
            return built_in()
        return parse_measure(self.definition, f"measure {self.name!r}")


_MEASURES_SQL = (
    "SELECT m.id, m.name, m.title, m.definition, m.added_on, m.removed_on,"
    " count(c.id) AS check_ins, max(c.on_date) AS last"
    " FROM measure m LEFT JOIN check_in c ON c.measure_id = m.id"
)


class _Count(NamedTuple):
    check_ins: int
    last: dt.date | None


def _built_in_row(conn: sqlite3.Connection) -> MeasureRow:
    found = fetch_one(
        conn,
        _Count,
        "SELECT count(*) AS check_ins, max(on_date) AS last FROM check_in WHERE measure_id IS NULL",
    )
    assert found is not None
    own = built_in()
    return MeasureRow(None, own.name, own.title, "", None, None, found.check_ins, found.last)


def list_measures(conn: sqlite3.Connection, include_removed: bool = False) -> list[MeasureRow]:
    """supportnet's own check-in first, then the loaded measures by name."""
    where = "" if include_removed else " WHERE m.removed_on IS NULL"
    rows = fetch(conn, MeasureRow, f"{_MEASURES_SQL}{where} GROUP BY m.id ORDER BY m.name, m.id")
    return [_built_in_row(conn), *rows]


def get_measure(conn: sqlite3.Connection, name: str | None) -> MeasureRow:
    """The measure in use called ``name`` (None or 'connection': supportnet's own)."""
    if name is None or name.strip().lower() == BUILT_IN_NAME:
        return _built_in_row(conn)
    key = name.strip().lower()
    found = fetch(
        conn,
        MeasureRow,
        f"{_MEASURES_SQL} WHERE m.removed_on IS NULL AND m.name = ? GROUP BY m.id",
        (key,),
    )
    if found:
        return found[0]
    from supportnet.text import closest, join_words

    names = [m.name for m in list_measures(conn)]
    near = closest(key, names)
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(
        f"No measure called {name!r}.{hint} `supportnet check-in measures` lists "
        "them; `supportnet check-in add-measure FILE.toml` loads one."
    )


def measure_definitions(conn: sqlite3.Connection) -> dict[int | None, Measure]:
    """Every measure ever loaded, by id (None: supportnet's own), parsed."""
    rows = fetch(conn, MeasureRow, f"{_MEASURES_SQL} GROUP BY m.id")
    found: dict[int | None, Measure] = {None: built_in()}
    for row in rows:
        found[row.id] = row.measure()
    return found


class CheckInRow(NamedTuple):
    id: int
    measure_id: int | None
    on_date: dt.date


class _Answer(NamedTuple):
    check_in_id: int
    item: int
    value: int


class PastCheckIn(NamedTuple):
    """One check-in with its measure, answers and score."""

    id: int
    measure: Measure
    on_date: dt.date
    answers: dict[int, int]

    @property
    def score(self) -> Any:
        return score(self.measure, self.answers)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "measure": self.measure.name,
            "date": self.on_date.isoformat(),
            "answers": {str(n): v for n, v in self.answers.items()},
            **self.score.to_json(),
        }


def check_ins(
    conn: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    measure: MeasureRow | None = None,
) -> list[PastCheckIn]:
    """The check-ins between ``start`` and ``end`` (either open), of one measure or all,
    oldest first."""
    where, params = ["1"], []
    if start is not None:
        where.append("on_date >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("on_date <= ?")
        params.append(end.isoformat())
    if measure is not None and measure.id is None:
        where.append("measure_id IS NULL")
    elif measure is not None:
        # Every version of the measure: loading a new one retires the old.
        where.append("measure_id IN (SELECT id FROM measure WHERE name = ?)")
        params.append(measure.name)
    condition = " AND ".join(where)
    rows = fetch(
        conn,
        CheckInRow,
        f"SELECT id, measure_id, on_date FROM check_in WHERE {condition} ORDER BY on_date, id",
        params,
    )
    if not rows:
        return []
    answers: dict[int, dict[int, int]] = defaultdict(dict)
    for a in fetch(
        conn,
        _Answer,
        "SELECT check_in_id, item, value FROM check_in_answer"
        f" WHERE check_in_id IN (SELECT id FROM check_in WHERE {condition})",
        params,
    ):
        answers[a.check_in_id][a.item] = a.value
    definitions = measure_definitions(conn)
    return [
        PastCheckIn(r.id, definitions[r.measure_id], r.on_date, dict(sorted(answers[r.id].items())))
        for r in rows
    ]


def get_check_in(conn: sqlite3.Connection, ref: str) -> PastCheckIn:
    """The check-in numbered ``ref`` (``3`` or ``#3``)."""
    from supportnet.errors import InvalidInput
    from supportnet.text import id_key, parse_id

    number = parse_id(ref.strip())
    if number is None:
        raise InvalidInput(
            f"Say which check-in by its number (`supportnet check-in list`), not {ref!r}."
        )
    row = fetch_one(
        conn,
        CheckInRow,
        "SELECT id, measure_id, on_date FROM check_in WHERE id = ?",
        (id_key(number),),
    )
    if row is None:
        raise NotFound(
            f"No check-in has the number #{number}. `supportnet check-in list` lists them."
        )
    found = check_ins(conn, row.on_date, row.on_date)
    return next(c for c in found if c.id == number)


def check_in_on(conn: sqlite3.Connection, measure: MeasureRow, day: dt.date) -> int | None:
    """The check-in of ``measure`` on ``day``, if there is one."""
    same = (
        "measure_id IS NULL"
        if measure.id is None
        else ("measure_id IN (SELECT id FROM measure WHERE name = ?)")
    )
    params = [day.isoformat()] + ([] if measure.id is None else [measure.name])
    found = conn.execute(f"SELECT id FROM check_in WHERE on_date = ? AND {same}", params).fetchone()
    return found[0] if found else None


# --- over time, and what the records say beside it -----------------------------------


def trajectories(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[Trajectory]:
    """Each measure's check-ins between ``start`` and ``end``: supportnet's own first,
    then by name; measures without a check-in there are left out."""
    lines: dict[str, Trajectory] = {}
    for c in check_ins(conn, start, end):
        line = lines.get(c.measure.name)
        if line is None:
            line = lines[c.measure.name] = Trajectory(c.measure)
        line.measure = c.measure  # the newest version names it
        line.points.append(Point(c.id, c.on_date, c.score))
    return sorted(lines.values(), key=lambda t: (not t.measure.built_in, t.measure.name))


@dataclass
class WeekRecords:
    """What the records say for the 7 days up to and including ``on_date``."""

    on_date: dt.date
    people: int = 0  # people in touch with
    in_person: int = 0  # of whom seen in person
    lean_on: int = 0  # people you have said you can ask for help, by then
    communities: int = 0  # communities attended
    favors_given: int = 0
    favors_received: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.on_date.isoformat(),
            "people": self.people,
            "in_person": self.in_person,
            "lean_on": self.lean_on,
            "communities": self.communities,
            "favors_given": self.favors_given,
            "favors_received": self.favors_received,
        }


_WEEK = "BETWEEN date(d.day, '-6 days') AND d.day"


class _Contact(NamedTuple):
    on_date: dt.date
    people: int
    in_person: int
    communities: int


def records_beside(conn: sqlite3.Connection, days: list[dt.date]) -> dict[dt.date, WeekRecords]:
    """For each day, the records of the week it ends: two queries for all of them (one
    pass over each week's get-togethers and who was there, one for favors and lean-on)."""
    if not days:
        return {}
    unique = sorted(set(days))
    values = ", ".join("(?)" for _ in unique)
    params = [d.isoformat() for d in unique]
    counts = fetch(
        conn,
        WeekRecords,
        f"WITH d(day) AS (VALUES {values}) SELECT d.day AS on_date,"
        " (SELECT count(*) FROM safety_role r JOIN person p ON p.id = r.person_id"
        "   WHERE r.role = 'ask_for_help' AND r.added_on <= d.day AND p.added_on <= d.day"
        "   AND (p.archived_on IS NULL OR p.archived_on > d.day)) AS lean_on,"
        f" (SELECT count(*) FROM favor f WHERE f.direction = 'given' AND f.on_date {_WEEK})"
        "   AS favors_given,"
        f" (SELECT count(*) FROM favor f WHERE f.direction = 'received' AND f.on_date {_WEEK})"
        "   AS favors_received"
        " FROM d",
        params,
    )
    found = {r.on_date: r for r in counts}
    for c in fetch(
        conn,
        _Contact,
        f"WITH d(day) AS (VALUES {values}) SELECT d.day AS on_date,"
        " count(DISTINCT a.person_id) AS people,"
        " count(DISTINCT CASE WHEN g.in_person = 1 THEN a.person_id END) AS in_person,"
        " count(DISTINCT g.community_id) AS communities"
        f" FROM d JOIN gettogether g ON g.on_date {_WEEK}"
        " LEFT JOIN attendance a ON a.gettogether_id = g.id GROUP BY d.day",
        params,
    ):
        record = found[c.on_date]
        record.people, record.in_person, record.communities = c.people, c.in_person, c.communities
    return found


# --- cadence --------------------------------------------------------------------------


def cadences(conn: sqlite3.Connection) -> list[Cadence]:
    """Every cadence set, with the latest check-in of its measure, supportnet's own
    first.  (A cadence of a measure since removed is left out.)"""
    sql = (
        "SELECT k.measure, k.every_days, k.set_on, k.back_on,"
        " (SELECT max(c.on_date) FROM check_in c WHERE CASE WHEN k.measure = ?"
        "   THEN c.measure_id IS NULL"
        "   ELSE c.measure_id IN (SELECT id FROM measure WHERE name = k.measure) END) AS last"
        " FROM check_in_cadence k"
        " WHERE k.measure = ? OR EXISTS (SELECT 1 FROM measure m WHERE m.name = k.measure"
        "   AND m.removed_on IS NULL)"
        " ORDER BY k.measure != ?, k.measure"
    )
    return fetch(conn, Cadence, sql, (BUILT_IN_NAME,) * 3)


def due_note(conn: sqlite3.Connection, today: dt.date) -> str | None:
    """The nudge's and `today`'s line when a check-in is due (None: none is)."""
    from supportnet import checkins

    return checkins.due_note(cadences(conn), today)


# --- expected and felt ----------------------------------------------------------------


class Feelings(NamedTuple):
    """Expected against felt for the get-togethers between two dates."""

    pairs: int = 0  # get-togethers with both
    expected: float | None = None  # the mean expected, over the pairs
    felt_of_pairs: float | None = None  # the mean felt, over the pairs
    felt_count: int = 0  # get-togethers with a felt
    felt: float | None = None  # the mean felt, over all of them

    def to_json(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "expected": self.expected,
            "felt_of_pairs": self.felt_of_pairs,
            "felt_count": self.felt_count,
            "felt": self.felt,
        }


def feelings(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> Feelings:
    found = fetch_one(
        conn,
        Feelings,
        "SELECT count(f.expected * f.felt) AS pairs,"
        " round(avg(CASE WHEN f.felt IS NOT NULL THEN f.expected END), 1) AS expected,"
        " round(avg(CASE WHEN f.expected IS NOT NULL THEN f.felt END), 1) AS felt_of_pairs,"
        " count(f.felt) AS felt_count, round(avg(f.felt), 1) AS felt"
        " FROM gettogether_feeling f JOIN gettogether g ON g.id = f.gettogether_id"
        " WHERE g.on_date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    )
    assert found is not None
    return found


def plan_expectation(conn: sqlite3.Connection, plan_id: int) -> int | None:
    found = conn.execute(
        "SELECT expected FROM plan_expectation WHERE plan_id = ?", (plan_id,)
    ).fetchone()
    return found[0] if found else None


def feeling(conn: sqlite3.Connection, gettogether_id: int) -> tuple[int | None, int | None]:
    """(expected, felt) of a get-together, 1-5 each when recorded."""
    found = conn.execute(
        "SELECT expected, felt FROM gettogether_feeling WHERE gettogether_id = ?",
        (gettogether_id,),
    ).fetchone()
    return found or (None, None)


# --- the review's part ----------------------------------------------------------------

#: How far back the review's and report's trajectories reach, at least.
TRAJECTORY_WEEKS = 26


def review_part(
    conn: sqlite3.Connection, start: dt.date, end: dt.date, today: dt.date
) -> dict[str, Any]:
    """The review's ``check_ins`` (each measure's trajectory over at least the last
    half year, with the records of each check-in's week) and ``expected_felt`` (for
    the review's own dates), JSON-ready (docs/check-ins.md)."""
    reach = min(start, end - dt.timedelta(weeks=TRAJECTORY_WEEKS) + dt.timedelta(days=1))
    lines = trajectories(conn, reach, end)
    beside = records_beside(conn, [p.on_date for t in lines for p in t.points])
    measures = []
    for t in lines:
        data = t.to_json()
        data["citation"] = t.measure.citation
        for point, p in zip(data["points"], t.points):
            point["records"] = beside[p.on_date].to_json()
        measures.append(data)
    return {
        "check_ins": {"start": reach.isoformat(), "end": end.isoformat(), "measures": measures},
        "expected_felt": feelings(conn, start, end).to_json(),
    }
