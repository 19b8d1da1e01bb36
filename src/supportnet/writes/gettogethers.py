"""Logging, changing and undoing get-togethers, and who knows whom: every writer of
them comes here.

`supportnet log`, `log edit`, `log undo`, `done` (through ``writes.plans``),
`nudge --log` and `know` give validated input models (``GettogetherCreate``,
``GettogetherUpdate``, ``AcquaintanceChange``) and a ``Session`` from
``db.write_session``.  The rules that need the database or today live here, so
every writer obeys them: a date still to come is a plan, not a log; the same
people, date, kind, description and group logged again within a minute is a slip (unless
asked for again); a kind must be known, or asked for as new.

Rows are written with Core statements on the models' tables (`log` is the most
used write: a few statements, no ORM flush).  The attendance rows copy the
get-together's date and way of meeting; a trigger keeps them in step when the
get-together changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select, tuple_, update
from sqlmodel import Session

from supportnet.db import connection_of
from supportnet.errors import Conflict, InvalidInput
from supportnet.models.gettogether import (
    Acquaintance,
    AcquaintanceChange,
    Attendance,
    Gettogether,
    GettogetherCreate,
    GettogetherUpdate,
    check_not_future,
)
from supportnet.models.plan import PlanOccurrence
from supportnet.store import gettogethers as store
from supportnet.text import fold

_GETTOGETHER = Gettogether.__table__  # type: ignore[attr-defined]
_ATTENDANCE = Attendance.__table__  # type: ignore[attr-defined]
_ACQUAINTANCE = Acquaintance.__table__  # type: ignore[attr-defined]
_OCCURRENCE = PlanOccurrence.__table__  # type: ignore[attr-defined]

#: The same get-together logged again within this many seconds is taken as a slip.
DUPLICATE_SECONDS = 60


def _kind(session: Session, kind: str | None, *, new: bool, what: str | None,
          community_id: int | None) -> str:  # fmt: skip
    """The kind given (known, or new when asked for), else the one ``what`` names
    ("dinner" is a meal), else ``group meeting`` at a group, else ``other``.

    A one-word description one typo away from a kind's word ("coffe", "dinnr") is
    refused with "Did you mean", as a mistyped --kind is: it would become ``other``
    without a word."""
    if kind:
        return store.check_kind(connection_of(session), kind, new=new)
    otherwise = "group meeting" if community_id is not None else "other"
    typo = store.kind_typo(what)
    if typo is not None:
        kind_option = f'--kind "{otherwise}"' if " " in otherwise else f"--kind {otherwise}"
        raise InvalidInput(f"Did you mean {typo}? To log {what!r} as it is, add {kind_option}.")
    return store.guess_kind(what) or otherwise


def log_gettogether(
    session: Session,
    new: GettogetherCreate,
    today: dt.date,
    logged_at: dt.datetime,
    *,
    again: bool = False,
    offer_again: bool = True,
) -> int:
    """Record a get-together and who was there; return its id.

    Refuses a date after ``today`` (a plan), an unknown kind (unless
    ``new.new_kind``), a description that is a typo of a kind, and the same
    people, date, kind, description and group logged in the last minute (unless
    ``again``; the refusal names --again when the command has it: ``offer_again``).
    A description that only names the kind ("coffee") is not kept beside it.
    """
    check_not_future(new.on_date, today, new.what)
    kind = _kind(session, new.kind, new=new.new_kind, what=new.what,
                 community_id=new.community_id)  # fmt: skip
    what = new.what if new.what and fold(new.what) != kind else None
    return _record(session, new, kind, what, logged_at, again=again, offer_again=offer_again)


def log_plan_date(
    session: Session, new: GettogetherCreate, today: dt.date, logged_at: dt.datetime
) -> int:
    """Record the get-together of a plan's date (`done`); return its id.

    Its kind is the plan's (known already) and its description the plan's
    title as it is; otherwise the rules of ``log_gettogether`` hold.
    """
    check_not_future(new.on_date, today, new.what)
    if not new.kind:
        raise InvalidInput("A plan's get-together has the plan's kind.")
    return _record(session, new, new.kind, new.what, logged_at, again=False, offer_again=False)


def _record(session: Session, new: GettogetherCreate, kind: str, what: str | None,
            logged_at: dt.datetime, *, again: bool,
            offer_again: bool = True) -> int:  # fmt: skip
    """Insert the get-together and who was there, unless it was just logged (the
    refusal offers --again only where the command has it: not `done`)."""
    in_person = store.default_in_person(kind) if new.in_person is None else new.in_person
    if not again:
        duplicate = store.find_duplicate(
            connection_of(session),
            people=new.people,
            on_date=new.on_date,
            kind=kind,
            community_id=new.community_id,
            since=logged_at - dt.timedelta(seconds=DUPLICATE_SECONDS),
            what=what,
        )
        if duplicate is not None:
            second = "To log a second one, add --again; to" if offer_again else "To"
            raise Conflict(
                f"That get-together was just logged (#{duplicate}). {second} change it, "
                f"use `supportnet log edit {duplicate}`."
            )
        if new.community_id is not None:
            _check_meeting_once(session, new.community_id, new.on_date, what,
                                offer_again=offer_again)  # fmt: skip
    result = session.connection().execute(
        insert(_GETTOGETHER).values(
            what=what,
            kind=kind,
            on_date=new.on_date,
            at_time=new.at_time,
            in_person=in_person,
            place=new.place,
            note=new.note,
            duration_minutes=new.duration_minutes,
            community_id=new.community_id,
            plan_id=new.plan_id,
            logged_at=logged_at,
        )
    )
    gid = int(result.inserted_primary_key[0])
    _attend(session, gid, new.people, new.on_date, in_person)
    return gid


def _attend(session: Session, gid: int, people: list[int], on: dt.date, in_person: bool) -> None:
    if people:
        session.connection().execute(
            insert(_ATTENDANCE).prefix_with("OR IGNORE"),
            [{"gettogether_id": gid, "person_id": pid, "on_date": on, "in_person": in_person}
             for pid in people],
        )  # fmt: skip


def _check_meeting_once(session: Session, community_id: int, on_date: dt.date,
                        what: str | None, *, offer_again: bool,
                        but: int | None = None) -> None:  # fmt: skip
    """A group meets once a day: its meeting logged again that day (the same
    description, or none) is more people at it, and refused (``Conflict``); an
    "after-party" at the group, with its own description, is another thing."""
    meeting = store.meeting_logged(connection_of(session), community_id, on_date, what, but)
    if meeting is not None:
        second = "; to log a second meeting that day, add --again" if offer_again else ""
        raise Conflict(
            f"That group's meeting on {on_date.isoformat()} is already logged "
            f"(#{meeting}). To add who was there, use `supportnet log edit {meeting} "
            f"--add NAME`{second}."
        )


def update_gettogether(
    session: Session, gid: int, change: GettogetherUpdate, today: dt.date
) -> None:
    """Apply ``change`` to a get-together: only the fields given are changed.

    Refuses a date after ``today`` and a get-together left with nobody (and no
    group).  Who was there follows a new date or way of meeting (the trigger).
    """
    conn = connection_of(session)
    entry = store.get_entry(conn, gid)
    given = change.model_fields_set
    values: dict[str, Any] = {}
    if "on_date" in given and change.on_date is not None:
        check_not_future(change.on_date, today, entry.what or entry.kind)
        values["on_date"] = change.on_date
    for name in ("what", "in_person", "place", "note", "duration_minutes"):
        if name in given:
            values[name] = getattr(change, name)
    if "kind" in given and change.kind is not None:
        values["kind"] = store.check_kind(conn, change.kind, new=change.new_kind)
    if entry.community_id is not None and ("on_date" in values or "what" in values):
        _check_meeting_once(session, entry.community_id, values.get("on_date", entry.on_date),
                            values.get("what", entry.what), offer_again=False,
                            but=gid)  # fmt: skip
    if values:
        session.connection().execute(
            update(_GETTOGETHER).where(_GETTOGETHER.c.id == gid).values(values)
        )
    before = [pid for pid, _ in entry.people]
    people = list(change.people) if change.people is not None else list(before)
    people = [p for p in people if p not in change.remove_people]
    people += [p for p in change.add_people if p not in people]
    if not people and entry.community_id is None:
        raise InvalidInput("A get-together needs someone: keep at least one person (or a group).")
    if sorted(people) != sorted(before):
        session.connection().execute(delete(_ATTENDANCE).where(_ATTENDANCE.c.gettogether_id == gid))
        _attend(session, gid, people, values.get("on_date", entry.on_date),
                values.get("in_person", entry.in_person))  # fmt: skip


def remove_gettogether(session: Session, gid: int) -> None:
    """Remove a get-together (who was there goes with it); a plan date it marked
    done is open again."""
    conn = session.connection()
    conn.execute(
        delete(_OCCURRENCE).where(
            _OCCURRENCE.c.gettogether_id == gid, _OCCURRENCE.c.status == "done"
        )
    )
    conn.execute(delete(_GETTOGETHER).where(_GETTOGETHER.c.id == gid))


def record_acquaintances(session: Session, change: AcquaintanceChange, today: dt.date) -> int:
    """Record that everyone in ``change.people`` knows everyone else; the new pairs."""
    pairs = change.pairs()
    have = _recorded(session, pairs)
    rows = [{"person_a": a, "person_b": b, "added_on": today}
            for a, b in pairs if (a, b) not in have]  # fmt: skip
    if rows:
        session.connection().execute(insert(_ACQUAINTANCE), rows)
    return len(rows)


def forget_acquaintances(session: Session, change: AcquaintanceChange) -> int:
    """Remove what `know` recorded between everyone in ``change.people``; how many pairs."""
    result = session.connection().execute(
        delete(_ACQUAINTANCE).where(
            tuple_(_ACQUAINTANCE.c.person_a, _ACQUAINTANCE.c.person_b).in_(change.pairs())
        )
    )
    return int(result.rowcount)


def _recorded(session: Session, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    found = session.connection().execute(
        select(_ACQUAINTANCE.c.person_a, _ACQUAINTANCE.c.person_b).where(
            tuple_(_ACQUAINTANCE.c.person_a, _ACQUAINTANCE.c.person_b).in_(pairs)
        )
    )
    return {(row.person_a, row.person_b) for row in found}
