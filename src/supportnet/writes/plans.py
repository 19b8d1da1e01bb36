"""Making plans, pausing, resuming and ending them, and marking their dates done or
skipped: every writer of a plan comes here.

`supportnet plan`, `plan pause`/`resume`/`end`, `done` and `skip` give validated
input models (``PlanCreate``, ``PlanStatusChange``, ``PlanDone``, ``PlanSkip``)
and a ``Session`` from ``db.write_session``.  The rules that need the database or
today live here: a plan is stored from its first date, the same plan is not made
twice, an ended plan has nothing to mark, a date is done once, and `done` logs
the get-together (``writes.gettogethers``), or counts the one already logged, and
marks the date in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import insert, update
from sqlmodel import Session

from supportnet import recurrence
from supportnet.db import connection_of
from supportnet.errors import Conflict, InvalidInput
from supportnet.models import validate
from supportnet.models.gettogether import Gettogether, GettogetherCreate
from supportnet.models.plan import (
    Plan,
    PlanCreate,
    PlanDone,
    PlanMember,
    PlanOccurrence,
    PlanSkip,
    PlanStatusChange,
)
from supportnet.store import gettogethers as kinds
from supportnet.store import plans as store
from supportnet.store.checkins import feeling
from supportnet.text import join_words
from supportnet.writes import gettogethers

_GETTOGETHER = Gettogether.__table__  # type: ignore[attr-defined]
_PLAN = Plan.__table__  # type: ignore[attr-defined]
_MEMBER = PlanMember.__table__  # type: ignore[attr-defined]
_OCCURRENCE = PlanOccurrence.__table__  # type: ignore[attr-defined]


def add_plan(session: Session, new: PlanCreate, today: dt.date) -> int:
    """Insert a plan and its people; return its id.

    The stored start is the first date of the rule on or after ``new.start``, so
    the series and its DTSTART agree.  The kind is the one given (known, or new
    when asked for), else the one the title names, else ``other``.
    """
    conn = connection_of(session)
    if new.kind:
        kind = kinds.check_kind(conn, new.kind, new=new.new_kind)
    else:
        kind = kinds.guess_kind(new.title) or "other"
    rule, until = new.recurrence.rule, new.until
    first = recurrence.first_occurrence(rule, new.start, align_interval=new.align_interval)
    if until is not None and first > until:
        raise InvalidInput(
            f"The plan has no date between {new.start.isoformat()} and --until "
            f"{until.isoformat()} (its first is {first.isoformat()})."
        )
    same = store.same_plan(conn, new.title, rule, new.recurrence.time, new.people, first)
    if same is not None:
        raise Conflict(
            f"That plan is already here (#{same}); `supportnet plans` lists it. To plan the "
            "same again, give it another title."
        )
    result = session.connection().execute(
        insert(_PLAN).values(
            title=new.title,
            kind=kind,
            rrule=rule,
            starts_on=first,
            at_time=new.recurrence.time,
            until_on=until,
            duration_minutes=new.duration_minutes,
            in_person=kinds.default_in_person(kind) if new.in_person is None else new.in_person,
            place=new.place,
            note=new.note,
            added_on=today,
        )
    )
    pid = int(result.inserted_primary_key[0])
    session.connection().execute(
        insert(_MEMBER), [{"plan_id": pid, "person_id": person} for person in new.people]
    )
    return pid


def change_status(
    session: Session,
    plan: store.Plan,
    change: PlanStatusChange,
    today: dt.date,
    *,
    by_archive: bool = False,
) -> bool:
    """Pause, resume (``active``) or end a plan; False when it already was so.

    A pause records its day (``paused_on``), which resuming clears; ending a
    paused plan keeps it, since the plan stopped then (the calendar export ends
    its series there).  ``by_archive``: the pause comes with archiving the last of
    its people (``paused_by_archive``, which any other change clears).
    """
    status = change.status
    if plan.status == status:
        return False
    if status == "paused" and plan.status == "ended":
        raise Conflict(f"{plan.label} has ended; resume it first to pause it.")
    session.connection().execute(
        update(_PLAN)
        .where(_PLAN.c.id == plan.id)
        .values(
            status=status,
            ended_on=today if status == "ended" else None,
            paused_on={"paused": today, "ended": plan.paused_on}.get(status),
            paused_by_archive=by_archive and status == "paused",
        )
    )
    return True


def check_done_not_future(day: dt.date, today: dt.date) -> None:
    """A plan's date is marked done once it has happened (exit 6).

    ``record_done`` checks it; a command may too, before opening the database.
    """
    if day > today:
        raise Conflict(
            f"{day.isoformat()} is still to come; mark it done once it has happened "
            "(or `supportnet skip` it)."
        )


class DateDone(NamedTuple):
    """What ``record_done`` did."""

    #: The get-together: logged now, or the one already logged (``already_logged``).
    gettogether_id: int
    #: The plan's date marked done (None: no date of the plan is near).
    marked: dt.date | None
    already_logged: bool = False


def record_done(
    session: Session,
    plan: store.Plan,
    done: PlanDone,
    today: dt.date,
    logged_at: dt.datetime,
) -> DateDone:
    """Log the get-together of a plan's date, with the plan's people, kind, time and
    place, and mark the date it fulfils (``store.plans.occurrence_for_done``).

    When that get-together is already logged (``store.plans.logged_for``: that day,
    the plan's kind and people, counting for no date yet) it is counted for the
    plan instead of being logged twice; a place, note or length given then is
    refused, since they belong to `log edit`.  A skipped date that happened after
    all becomes done.
    """
    day = done.on_date
    check_done_not_future(day, today)
    if plan.status == "ended":
        raise Conflict(f"{plan.label} has ended; `supportnet plan resume` brings it back.")
    conn = connection_of(session)
    mark = store.marks(conn, plan.id).get(day)
    if mark and mark[0] == "done":
        raise Conflict(
            f"{plan.label} was already marked done on {day.isoformat()} (get-together "
            f"#{mark[1]}). To change that, use `supportnet log undo {mark[1]}`."
        )
    if plan.rule == recurrence.ONCE:
        _check_near_its_day(conn, plan, day)
    gid = store.logged_for(conn, plan, day)
    already_logged = gid is not None
    recorded: tuple[int | None, int | None] = (None, None)  # its expected and felt
    if gid is not None:
        recorded = feeling(conn, gid)
        other_felt = done.felt if recorded[1] not in (None, done.felt) else None
        given = [option for option, value in (("--place", done.place), ("--note", done.note),
                 ("--minutes", done.duration_minutes), ("--felt", other_felt))
                 if value is not None]  # fmt: skip
        if given:
            raise Conflict(
                f"{plan.label} was already logged on {day.isoformat()} (get-together "
                f"#{gid}). Without {join_words(given, 'or')}, `supportnet done` counts it "
                f"for the plan; to change it, use `supportnet log edit {gid}`."
            )
        session.connection().execute(
            update(_GETTOGETHER).where(_GETTOGETHER.c.id == gid).values(plan_id=plan.id)
        )
    else:
        new = validate(GettogetherCreate, {
            "people": [pid for pid, _ in plan.people], "on_date": day, "kind": plan.kind,
            "what": plan.title if plan.title != plan.kind else None, "at_time": plan.at_time,
            "in_person": plan.in_person, "place": done.place or plan.place, "note": done.note,
            "duration_minutes": done.duration_minutes or plan.duration_minutes,
            "plan_id": plan.id,
        })  # fmt: skip
        gid = gettogethers.log_plan_date(session, new, today, logged_at)
    from supportnet.store.checkins import plan_expectation
    from supportnet.writes.checkins import record_feeling

    # The plan's expectation goes with its get-together, unless one is recorded there.
    expected = None if recorded[0] is not None else plan_expectation(conn, plan.id)
    record_feeling(session, gid, expected=expected, felt=done.felt)
    occurrence = store.date_done_on(connection_of(session), plan, day)
    if occurrence is not None:
        session.connection().execute(
            insert(_OCCURRENCE)
            .prefix_with("OR REPLACE")
            .values(plan_id=plan.id, on_date=occurrence, status="done", gettogether_id=gid)
        )
    return DateDone(gid, occurrence, already_logged)


def _check_near_its_day(conn: object, plan: store.Plan, day: dt.date) -> None:
    """A one-off plan done far from its day logs nothing: the get-together would count
    for no date, and the plan's own would stay open, to be logged a second time (exit 6,
    naming `log` for another get-together)."""
    if store.date_done_on(conn, plan, day) is not None:  # type: ignore[arg-type]
        return
    import shlex

    from supportnet.dates import long_date

    its_day = long_date(plan.starts_on, weekday=True)
    mark = store.marks(conn, plan.id).get(plan.starts_on)  # type: ignore[arg-type]
    if mark is not None:  # (done, or skipped: no longer open)
        why = f"{plan.label} was for {its_day}, marked {mark[0]} already"
    else:
        why = f"{plan.label} is on {its_day}, too far from {long_date(day)} to count for it"
    command = ["supportnet", "log", plan.title, "--kind", plan.kind, "--on", day.isoformat()]
    for pid, _ in plan.people:
        command += ["--with", f"#{pid}"]
    raise Conflict(
        f"{why}, so nothing was logged. For another get-together with them: {shlex.join(command)}"
    )


def skip(
    session: Session, plan: store.Plan, change: PlanSkip, today: dt.date
) -> tuple[dt.date, bool]:
    """Mark a plan's date as skipped: ``change.on_date``, or the next open one from today.

    Returns the date and whether it was newly skipped (False: it already was).
    """
    if plan.status == "ended":
        raise Conflict(f"{plan.label} has ended; there is nothing to skip.")
    plan_marks = store.marks(connection_of(session), plan.id)
    day = change.on_date
    if day is None:
        day = store.next_open(plan, plan_marks, today)
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
    session.connection().execute(
        insert(_OCCURRENCE).values(plan_id=plan.id, on_date=day, status="skipped")
    )
    return day, True
