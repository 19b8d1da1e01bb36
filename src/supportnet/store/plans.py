"""Regular plans: recurring get-togethers, their occurrences, done and skipped."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from supportnet import recurrence
from supportnet.errors import Ambiguous, Conflict, InvalidInput, NotFound
from supportnet.recurrence import Recurrence
from supportnet.text import closest, first_match, fold, id_key, join_words, parse_id

STATUSES = ("active", "paused", "ended")
#: `done` on a day that is not one of the plan's dates counts for the latest open
#: date up to this many days before, else the first one up to a week after.
DONE_LATE_DAYS = 31
DONE_EARLY_DAYS = 7


@dataclass
class Plan:
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
    people: list[tuple[int, str]] = field(default_factory=list)
    #: The day it was paused: while paused, and after an end that came during a pause.
    paused_on: dt.date | None = None

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


@dataclass
class NewPlan:
    title: str
    kind: str
    recurrence: Recurrence
    people: list[int]
    start: dt.date
    until: dt.date | None = None
    in_person: bool = True
    place: str | None = None
    note: str | None = None
    duration_minutes: int | None = None
    from_phrase: bool = True  # a human phrase (not a raw RRULE): align the interval


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def add_plan(conn: sqlite3.Connection, new: NewPlan, today: dt.date) -> int:
    """Insert a plan and its people (inside the caller's transaction); return its id.

    The stored start is the first date of the rule on or after ``new.start``, so
    the series and its DTSTART agree.
    """
    title = " ".join(new.title.split())
    if not title:
        raise InvalidInput("A plan needs a title: supportnet plan coffee --with Maya ...")
    if not new.people:
        raise InvalidInput("A plan needs someone: add --with NAME.")
    until = new.until
    if new.recurrence.until is not None:
        if until is not None and until != new.recurrence.until:
            raise InvalidInput("The RRULE has an UNTIL and --until says otherwise; give one.")
        until = new.recurrence.until
    if until is not None and until < new.start:
        raise InvalidInput(
            f"--until {until.isoformat()} is before the plan starts ({new.start.isoformat()})."
        )
    rule = new.recurrence.rule
    first = recurrence.first_occurrence(rule, new.start, align_interval=new.from_phrase)
    if until is not None and first > until:
        raise InvalidInput(
            f"The plan has no date between {new.start.isoformat()} and --until "
            f"{until.isoformat()} (its first is {first.isoformat()})."
        )
    same = _same_plan(conn, title, rule, new.recurrence.time, new.people, first)
    if same is not None:
        raise Conflict(
            f"That plan is already here (#{same}); `supportnet plans` lists it. To plan the "
            "same again, give it another title."
        )
    cur = conn.execute(
        "INSERT INTO plan (title, kind, rrule, starts_on, at_time, until_on, duration_minutes,"
        " in_person, place, note, added_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            title,
            new.kind,
            rule,
            first.isoformat(),
            new.recurrence.time,
            until.isoformat() if until else None,
            new.duration_minutes,
            int(new.in_person),
            _clean(new.place),
            _clean(new.note),
            today.isoformat(),
        ),
    )
    pid = cur.lastrowid
    assert pid is not None
    conn.executemany(
        "INSERT OR IGNORE INTO plan_member (plan_id, person_id) VALUES (?, ?)",
        [(pid, person) for person in new.people],
    )
    return pid


def _same_plan(
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
    rows = conn.execute(
        "SELECT p.id, p.title, p.starts_on, p.until_on, (SELECT group_concat(m.person_id)"
        " FROM plan_member m WHERE m.plan_id = p.id) FROM plan p"
        " WHERE p.rrule = ? AND p.at_time IS ? AND p.status != 'ended'",
        (rule, time),
    ).fetchall()
    wanted = set(people)
    for pid, other, starts_on, until_on, members in rows:
        if fold(other) != fold(title):
            continue
        if {int(m) for m in (members or "").split(",") if m} != wanted:
            continue
        start = dt.date.fromisoformat(starts_on)
        until = dt.date.fromisoformat(until_on) if until_on else None
        if recurrence.next_occurrence(rule, start, max(first, start), until) == max(first, start):
            return pid
    return None


# --- reading ----------------------------------------------------------------------

_PLAN_SELECT = (
    "SELECT p.id, p.title, p.kind, p.rrule, p.starts_on, p.at_time, p.until_on,"
    " p.duration_minutes, p.in_person, p.place, p.note, p.status, p.ended_on, p.added_on,"
    " p.paused_on,"
    " (SELECT group_concat(m.person_id || char(30) || x.name, char(31))"
    "  FROM plan_member m JOIN person x ON x.id = m.person_id WHERE m.plan_id = p.id)"
    " FROM plan p "
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _plans(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Plan]:
    result = []
    for row in conn.execute(_PLAN_SELECT + where + " ORDER BY p.id", params):
        (pid, title, kind, rule, starts, at, until, minutes, in_person, place, note, status,
         ended, added, paused, people) = row  # fmt: skip
        pairs = []
        if people:
            for item in people.split("\x1f"):
                person, name = item.split("\x1e", 1)
                pairs.append((int(person), name))
        pairs.sort(key=lambda p: (fold(p[1]), p[0]))
        result.append(
            Plan(
                id=pid,
                title=title,
                kind=kind,
                rule=rule,
                starts_on=dt.date.fromisoformat(starts),
                at_time=at,
                until=_date(until),
                duration_minutes=minutes,
                in_person=bool(in_person),
                place=place,
                note=note,
                status=status,
                ended_on=_date(ended),
                added_on=dt.date.fromisoformat(added),
                people=pairs,
                paused_on=_date(paused),
            )
        )
    return result


def get_plan(conn: sqlite3.Connection, plan_id: int) -> Plan:
    found = _plans(conn, "WHERE p.id = ?", (id_key(plan_id),))
    if not found:
        raise NotFound(f"No plan has the id #{plan_id}. `supportnet plans --all` lists them.")
    return found[0]


def resolve_plan(conn: sqlite3.Connection, ref: str) -> int:
    """The id of the one plan ``ref`` names: ``#3``, its title (or a beginning of
    it), or "title with name".  Plans that have not ended are preferred."""
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
    )
    if len(found) == 1:
        return found[0].id
    if found:
        shown = [p.label for p in found[:8]]
        raise Ambiguous(
            f"{text!r} could be {join_words(shown, 'or')}; use the #id or more of the title."
        )
    near = closest(text, [p.title for p in everyone])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No plan called {text!r}.{hint} `supportnet plans` lists them.")


def marks(conn: sqlite3.Connection, plan_id: int) -> dict[dt.date, tuple[str, int | None]]:
    """Occurrence date -> (done or skipped, the get-together id)."""
    return {
        dt.date.fromisoformat(on): (status, gid)
        for on, status, gid in conn.execute(
            "SELECT on_date, status, gettogether_id FROM plan_occurrence WHERE plan_id = ?",
            (plan_id,),
        )
    }


@dataclass
class PlanRow:
    plan: Plan
    next_on: dt.date | None
    last_done: dt.date | None
    done_count: int
    skipped_count: int


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
    stats = {
        pid: (last, done, skipped)
        for pid, last, done, skipped in conn.execute(
            "SELECT plan_id, max(CASE WHEN status = 'done' THEN on_date END),"
            " sum(status = 'done'), sum(status = 'skipped') FROM plan_occurrence GROUP BY plan_id"
        )
    }
    rows = []
    for plan in plans:
        last, done, skipped = stats.get(plan.id, (None, 0, 0))
        upcoming = None
        if plan.status == "active":
            upcoming = next_open(plan, marks(conn, plan.id), today)
        rows.append(PlanRow(plan, upcoming, _date(last), done or 0, skipped or 0))
    return rows


def plan_json(row: PlanRow) -> dict[str, Any]:
    """The stable JSON form of a plan (see docs/gettogethers.md)."""
    p = row.plan
    return {
        "id": p.id,
        "title": p.title,
        "kind": p.kind,
        "people": [{"id": pid, "name": name} for pid, name in p.people],
        "schedule": p.schedule,
        "rrule": p.rule,
        "time": p.at_time,
        "starts_on": p.starts_on.isoformat(),
        "until": p.until.isoformat() if p.until else None,
        "status": p.status,
        "ended_on": p.ended_on.isoformat() if p.ended_on else None,
        "next": row.next_on.isoformat() if row.next_on else None,
        "last_done": row.last_done.isoformat() if row.last_done else None,
        "done": row.done_count,
        "skipped": row.skipped_count,
        "in_person": p.in_person,
        "place": p.place,
        "note": p.note,
        "minutes": p.duration_minutes,
    }


# --- done, skip, pause, resume, end -----------------------------------------------


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


def mark_done(
    conn: sqlite3.Connection, plan: Plan, day: dt.date, gettogether_id: int
) -> dt.date | None:
    """Record the date of the plan a get-together on ``day`` fulfils; return it.

    A skipped date that happened after all becomes done.
    """
    dates = plan.dates(
        day - dt.timedelta(days=DONE_LATE_DAYS), day + dt.timedelta(days=DONE_EARLY_DAYS)
    )
    occurrence = occurrence_for_done(sorted(dates), marks(conn, plan.id), day)
    if occurrence is None:
        return None
    conn.execute(
        "INSERT OR REPLACE INTO plan_occurrence (plan_id, on_date, status, gettogether_id)"
        " VALUES (?, ?, 'done', ?)",
        (plan.id, occurrence.isoformat(), gettogether_id),
    )
    return occurrence


def check_done_allowed(conn: sqlite3.Connection, plan: Plan, day: dt.date) -> None:
    if plan.status == "ended":
        raise Conflict(f"{plan.label} has ended; `supportnet plan resume` brings it back.")
    done = marks(conn, plan.id).get(day)
    if done and done[0] == "done":
        raise Conflict(
            f"{plan.label} was already marked done on {day.isoformat()} (get-together "
            f"#{done[1]}). To change that, use `supportnet log undo {done[1]}`."
        )


def skip(
    conn: sqlite3.Connection, plan: Plan, day: dt.date | None, today: dt.date
) -> tuple[dt.date, bool]:
    """Mark an occurrence as skipped: ``day``, or the next open one from today.

    Returns the date and whether it was newly skipped (False: it already was).
    """
    if plan.status == "ended":
        raise Conflict(f"{plan.label} has ended; there is nothing to skip.")
    plan_marks = marks(conn, plan.id)
    if day is None:
        day = next_open(plan, plan_marks, today)
        if day is None:
            raise Conflict(f"{plan.label} has no date left to skip.")
    elif day not in plan.dates(day, day):
        window = plan.dates(day - dt.timedelta(days=62), day + dt.timedelta(days=62))
        near = sorted(window, key=lambda d: (abs((d - day).days), d))[:2]
        hint = (
            f" The nearest are {join_words(sorted(d.isoformat() for d in near))}." if near else ""
        )
        raise InvalidInput(f"{plan.label} has no date on {day.isoformat()}.{hint}")
    mark = plan_marks.get(day)
    if mark and mark[0] == "done":
        raise Conflict(
            f"{plan.label} was marked done on {day.isoformat()} (get-together #{mark[1]}); "
            f"to skip it instead, first `supportnet log undo {mark[1]}`."
        )
    if mark:
        return day, False
    conn.execute(
        "INSERT INTO plan_occurrence (plan_id, on_date, status) VALUES (?, ?, 'skipped')",
        (plan.id, day.isoformat()),
    )
    return day, True


def set_status(conn: sqlite3.Connection, plan: Plan, status: str, today: dt.date) -> bool:
    """Pause, resume (``active``) or end a plan; False when it already was so.

    A pause records its day (``paused_on``), which resuming clears; ending a
    paused plan keeps it, since the plan stopped then (the calendar export ends
    its series there).
    """
    if plan.status == status:
        return False
    if status == "paused" and plan.status == "ended":
        raise Conflict(f"{plan.label} has ended; resume it first to pause it.")
    paused_on = {"paused": today, "ended": plan.paused_on}.get(status)
    conn.execute(
        "UPDATE plan SET status = ?, ended_on = ?, paused_on = ? WHERE id = ?",
        (
            status,
            today.isoformat() if status == "ended" else None,
            paused_on.isoformat() if paused_on else None,
            plan.id,
        ),
    )
    return True


# --- for the agenda ---------------------------------------------------------------


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
        (pid, dt.date.fromisoformat(on)): status
        for pid, on, status in conn.execute(
            "SELECT o.plan_id, o.on_date, o.status FROM plan_occurrence o"
            " JOIN plan p ON p.id = o.plan_id"
            " WHERE p.status = 'active' AND o.on_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )
    }
    items = []
    for plan in plans:
        detail = plan.schedule
        for day in plan.dates(start, end):
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
