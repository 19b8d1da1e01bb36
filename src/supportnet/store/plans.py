"""Regular plans: recurring get-togethers, their dates, done and skipped (reads;
changes are in ``writes.plans``)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from supportnet import recurrence
from supportnet.errors import Ambiguous, InvalidInput, NotFound
from supportnet.store.owners import people_by_owner, people_json
from supportnet.store.records import fetch, fetch_one
from supportnet.text import first_match, fold, id_key, join_words, parse_id, similar, some_of

STATUSES = ("active", "paused", "ended")
#: `done` on a day that is not one of the plan's dates counts for the latest open
#: date up to this many days before, else the first one up to a week after.
DONE_LATE_DAYS = 31
DONE_EARLY_DAYS = 7


class Plan(NamedTuple):
    """One plan (a read record of ``models.Plan``, with who is in it)."""

    id: int
    title: str
    kind: str
    rule: str
    starts_on: dt.date
    at_time: str | None
    until: dt.date | None
    duration_minutes: int | None
    in_person: bool
    place: str | None
    note: str | None
    status: str
    ended_on: dt.date | None
    added_on: dt.date
    #: The day it was paused: while paused, and after an end that came during a pause.
    paused_on: dt.date | None = None
    #: Who is in it, as (id, name), by name.
    people: Sequence[tuple[int, str]] = ()

    @property
    def with_names(self) -> str:
        return join_words([name for _, name in self.people])

    @property
    def label(self) -> str:
        """'coffee with Maya (#1)'."""
        names = self.with_names
        return f"{self.title}{' with ' + names if names else ''} (#{self.id})"

    @property
    def schedule(self) -> str:
        return recurrence.describe(self.rule, self.at_time)

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        return recurrence.occurrences(self.rule, self.starts_on, start, end, self.until)


_PLAN_SELECT = (
    "SELECT p.id, p.title, p.kind, p.rrule AS rule, p.starts_on, p.at_time,"
    " p.until_on AS until, p.duration_minutes, p.in_person, p.place, p.note, p.status,"
    " p.ended_on, p.added_on, p.paused_on FROM plan p "
)


#: Who a plan is with (``x``: the member ``m``'s person): a plan goes on without someone
#: archived, so they are left out of its people, as of every list; a plan only with
#: archived people (one resumed by hand after archiving them paused it) keeps them all,
#: so it still says who it is with.
_CURRENT_MEMBER = (
    "x.archived_on IS NULL OR NOT EXISTS (SELECT 1 FROM plan_member n JOIN person y"
    " ON y.id = n.person_id WHERE n.plan_id = m.plan_id AND y.archived_on IS NULL)"
)


def _plans(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Plan]:
    plans = fetch(conn, Plan, _PLAN_SELECT + where + " ORDER BY p.id", params)
    if plans:
        people = people_by_owner(
            conn,
            "SELECT m.plan_id AS owner_id, m.person_id AS id, x.name FROM plan_member m"
            " JOIN person x ON x.id = m.person_id"
            f" WHERE m.plan_id IN (SELECT p.id FROM plan p {where}) AND ({_CURRENT_MEMBER})",
            params,
        )
        plans = [p._replace(people=people.get(p.id, [])) for p in plans]
    return plans


def get_plan(conn: sqlite3.Connection, plan_id: int) -> Plan:
    found = _plans(conn, "WHERE p.id = ?", (id_key(plan_id),))
    if not found:
        raise NotFound(f"No plan has the id #{plan_id}. `supportnet plans --all` lists them.")
    return found[0]


def resolve_plan(conn: sqlite3.Connection, ref: str) -> int:
    """The id of the one plan ``ref`` names: ``#3``, its title (or a beginning of
    it), or "title with name".  Plans that have not ended are preferred, but the whole
    title of an ended one is not passed over for the beginning of another's."""
    text = ref.strip()
    number = parse_id(text)
    if number is not None:
        return get_plan(conn, number).id
    key = fold(text)
    if not key:
        raise InvalidInput("Which plan? Give its title or #id (`supportnet plans`).")
    everyone = _plans(conn)
    current = [p for p in everyone if p.status != "ended"]

    def names(p: Plan) -> list[str]:
        return [fold(p.title), fold(f"{p.title} with {p.with_names}")]

    found = first_match(
        (current, everyone),
        [lambda p: key in names(p), lambda p: any(n.startswith(key) for n in names(p))],
        loose_from=1,
    )
    if len(found) == 1:
        return found[0].id
    if found:
        shown = some_of([p.label[:-1] + ", ended)" if p.status == "ended" else p.label
                         for p in found])  # fmt: skip
        raise Ambiguous(f"{text!r} could be {shown}; use the #id or more of the title.")
    near = similar(text, [(p.title, [p.title]) for p in everyone])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No plan called {text!r}.{hint} `supportnet plans` lists them.")


class _Series(NamedTuple):
    """A plan not ended, to compare with a new one (``same_plan``)."""

    id: int
    title: str
    starts_on: dt.date
    until: dt.date | None
    people: list[str]  # their ids, as text


def same_plan(
    conn: sqlite3.Connection,
    title: str,
    rule: str,
    time: str | None,
    people: list[int],
    first: dt.date,
) -> int | None:
    """The id of a plan not ended with the same title, rule, time and people whose
    dates include ``first`` (the same series), if any.

    Running `supportnet plan ...` twice (shell history) would otherwise put every
    date twice in `upcoming`, the calendar and the nudge.  Every other week on the
    other weeks is a different series, and allowed.
    """
    series = fetch(
        conn,
        _Series,
        "SELECT p.id, p.title, p.starts_on, p.until_on AS until,"
        " (SELECT group_concat(m.person_id, char(31)) FROM plan_member m"
        "  WHERE m.plan_id = p.id) AS people"
        " FROM plan p WHERE p.rrule = ? AND p.at_time IS ? AND p.status != 'ended'"
        " ORDER BY p.id",
        (rule, time),
    )
    wanted = set(people)
    for other in series:
        if fold(other.title) != fold(title) or {int(m) for m in other.people} != wanted:
            continue
        start = max(first, other.starts_on)
        if recurrence.next_occurrence(rule, other.starts_on, start, other.until) == start:
            return other.id
    return None


class _Mark(NamedTuple):
    on_date: dt.date
    status: str
    gettogether_id: int | None


def marks(conn: sqlite3.Connection, plan_id: int) -> dict[dt.date, tuple[str, int | None]]:
    """Occurrence date -> (done or skipped, the get-together id)."""
    return {
        m.on_date: (m.status, m.gettogether_id)
        for m in fetch(
            conn,
            _Mark,
            "SELECT on_date, status, gettogether_id FROM plan_occurrence WHERE plan_id = ?",
            (plan_id,),
        )
    }


class _Tally(NamedTuple):
    plan_id: int
    last_done: dt.date | None
    done: int
    skipped: int


class PlanRow(NamedTuple):
    """A plan as `plans` lists it."""

    plan: Plan
    next_on: dt.date | None
    last_done: dt.date | None
    done_count: int
    skipped_count: int

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form of a plan (docs/gettogethers.md)."""
        p = self.plan
        return {
            "id": p.id,
            "title": p.title,
            "kind": p.kind,
            "people": people_json(p.people),
            "schedule": p.schedule,
            "rrule": p.rule,
            "time": p.at_time,
            "starts_on": p.starts_on.isoformat(),
            "until": p.until.isoformat() if p.until else None,
            "status": p.status,
            "ended_on": p.ended_on.isoformat() if p.ended_on else None,
            "next": self.next_on.isoformat() if self.next_on else None,
            "last_done": self.last_done.isoformat() if self.last_done else None,
            "done": self.done_count,
            "skipped": self.skipped_count,
            "in_person": p.in_person,
            "place": p.place,
            "note": p.note,
            "minutes": p.duration_minutes,
        }


def next_open(plan: Plan, plan_marks: dict[dt.date, tuple[str, int | None]],
              on_or_after: dt.date) -> dt.date | None:  # fmt: skip
    """The first date from ``on_or_after`` that is not done or skipped yet."""
    start = on_or_after
    for batch in (4, 16, 64, 256, 1024):  # usually the first date is the answer
        dates = recurrence.dates_from(plan.rule, plan.starts_on, start, plan.until, batch)
        for day in dates:
            if day not in plan_marks:
                return day
        if len(dates) < batch:
            return None
        start = dates[-1] + dt.timedelta(days=1)
    return None


def list_plans(
    conn: sqlite3.Connection, today: dt.date, *, everything: bool = False
) -> list[PlanRow]:
    """Plans (ended ones only with ``everything``), with their next open date."""
    plans = _plans(conn, "" if everything else "WHERE p.status != 'ended'")
    tallies = {
        t.plan_id: t
        for t in fetch(
            conn,
            _Tally,
            "SELECT plan_id, max(CASE WHEN status = 'done' THEN on_date END) AS last_done,"
            " sum(status = 'done') AS done, sum(status = 'skipped') AS skipped"
            " FROM plan_occurrence GROUP BY plan_id",
        )
    }
    rows = []
    for plan in plans:
        tally = tallies.get(plan.id, _Tally(plan.id, None, 0, 0))
        upcoming = None
        if plan.status == "active":
            upcoming = next_open(plan, marks(conn, plan.id), today)
        rows.append(PlanRow(plan, upcoming, tally.last_done, tally.done, tally.skipped))
    return rows


# --- which date `done` fulfils ----------------------------------------------------


def occurrence_for_done(
    dates: list[dt.date], plan_marks: dict[dt.date, tuple[str, int | None]], day: dt.date
) -> dt.date | None:
    """Which of the plan's dates a get-together on ``day`` fulfils.

    ``day`` itself when it is one of them (a skipped date that happened after
    all included); otherwise the latest open date (not done or skipped) up to
    ``DONE_LATE_DAYS`` before it; otherwise the first open date up to
    ``DONE_EARLY_DAYS`` after it.  None when no date is that close.
    """
    if day in dates and plan_marks.get(day, ("",))[0] != "done":
        return day
    open_dates = [d for d in dates if d not in plan_marks]
    before = [d for d in open_dates if day - dt.timedelta(days=DONE_LATE_DAYS) <= d < day]
    if before:
        return before[-1]
    after = [d for d in open_dates if day < d <= day + dt.timedelta(days=DONE_EARLY_DAYS)]
    return after[0] if after else None


def date_done_on(conn: sqlite3.Connection, plan: Plan, day: dt.date) -> dt.date | None:
    """The plan's date a get-together on ``day`` would fulfil (``occurrence_for_done``)."""
    dates = plan.dates(
        day - dt.timedelta(days=DONE_LATE_DAYS), day + dt.timedelta(days=DONE_EARLY_DAYS)
    )
    return occurrence_for_done(sorted(dates), marks(conn, plan.id), day)


class _Logged(NamedTuple):
    id: int


def logged_for(conn: sqlite3.Connection, plan: Plan, day: dt.date) -> int | None:
    """A get-together on ``day`` of the plan's kind with exactly its people that
    counts for no plan's date yet (the latest, if several): `done` counts it for the
    plan instead of logging the same get-together twice."""
    found = fetch_one(
        conn,
        _Logged,
        "SELECT g.id FROM gettogether g"
        " WHERE g.on_date = ? AND g.kind = ? AND (g.plan_id IS NULL OR g.plan_id = ?)"
        " AND NOT EXISTS (SELECT 1 FROM plan_occurrence o WHERE o.gettogether_id = g.id)"
        " AND (SELECT count(*) FROM attendance a WHERE a.gettogether_id = g.id) = ?"
        " AND (SELECT count(*) FROM attendance a JOIN plan_member m"
        "  ON m.person_id = a.person_id AND m.plan_id = ? WHERE a.gettogether_id = g.id) = ?"
        " ORDER BY g.id DESC LIMIT 1",
        (day.isoformat(), plan.kind, plan.id, len(plan.people), plan.id, len(plan.people)),
    )
    return found.id if found else None


# --- for the agenda ---------------------------------------------------------------


class _Marked(NamedTuple):
    plan_id: int
    on_date: dt.date
    status: str


def plan_items_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list:
    """Occurrences of active plans between ``start`` and ``end`` (both included),
    leaving out skipped ones; ones already done carry ``extra["status"] = "done"``."""
    from supportnet.agenda import AgendaItem

    plans = _plans(
        conn,
        "WHERE p.status = 'active' AND p.starts_on <= ?"
        " AND (p.until_on IS NULL OR p.until_on >= ?)",
        (end.isoformat(), start.isoformat()),
    )
    marked: dict[tuple[int, dt.date], str] = {
        (m.plan_id, m.on_date): m.status
        for m in fetch(
            conn,
            _Marked,
            "SELECT o.plan_id, o.on_date, o.status FROM plan_occurrence o"
            " JOIN plan p ON p.id = o.plan_id"
            " WHERE p.status = 'active' AND o.on_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )
    }
    from supportnet.series import dates_between

    items = []
    memo: dict = {}  # plans of one rule share their dates in the window
    for plan in plans:
        days = dates_between(plan.rule, plan.starts_on, start, end, plan.until, memo)
        detail = plan.schedule if days else None
        for day in days:
            status = marked.get((plan.id, day))
            if status == "skipped":
                continue
            items.append(
                AgendaItem(
                    date=day,
                    kind="plan",
                    title=plan.title,
                    time=plan.at_time,
                    people=tuple(plan.people),
                    detail=detail,
                    source_id=plan.id,
                    extra={"status": status} if status else {},
                )
            )
    return items


def all_plans(conn: sqlite3.Connection) -> list[Plan]:
    """Every plan, whatever its status, by id (for the calendar export)."""
    return _plans(conn)


def skipped_dates(conn: sqlite3.Connection, plan_id: int) -> list[dt.date]:
    return sorted(day for day, (status, _) in marks(conn, plan_id).items() if status == "skipped")
