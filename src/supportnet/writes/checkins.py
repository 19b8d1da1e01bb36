"""Recording check-ins, loading and retiring measures, cadences and their snoozes, and
expected against felt (docs/check-ins.md).

Every function takes validated input models (``models.checkin``) and a ``Session``
from ``db.write_session``; a check-in and its answers are written in the one
transaction of the command, so an interrupted check-in leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, update
from sqlalchemy.dialects.sqlite import insert as upsert
from sqlmodel import Session

from supportnet.errors import Conflict
from supportnet.models.checkin import (
    CadenceChange,
    CadenceSnooze,
    CheckIn,
    CheckInAnswer,
    CheckInCadence,
    CheckInCreate,
    Feeling,
    GettogetherFeeling,
    Measure,
    MeasureCreate,
    PlanExpectation,
)

_CHECK_IN = CheckIn.__table__  # type: ignore[attr-defined]
_ANSWER = CheckInAnswer.__table__  # type: ignore[attr-defined]
_MEASURE = Measure.__table__  # type: ignore[attr-defined]
_CADENCE = CheckInCadence.__table__  # type: ignore[attr-defined]
_EXPECTATION = PlanExpectation.__table__  # type: ignore[attr-defined]
_FEELING = GettogetherFeeling.__table__  # type: ignore[attr-defined]


def add_check_in(session: Session, new: CheckInCreate, logged_at: dt.datetime) -> int:
    """Record a check-in and its answers; its number."""
    conn = session.connection()
    result = conn.execute(
        insert(_CHECK_IN).values(
            measure_id=new.measure_id, on_date=new.on_date, logged_at=logged_at
        )
    )
    cid = int(result.inserted_primary_key[0])
    conn.execute(
        insert(_ANSWER),
        [{"check_in_id": cid, "item": n, "value": v} for n, v in sorted(new.answers.items())],
    )
    return cid


def remove_check_in(session: Session, cid: int) -> None:
    session.connection().execute(delete(_CHECK_IN).where(_CHECK_IN.c.id == cid))


def add_measure(session: Session, new: MeasureCreate, today: dt.date, replace: bool) -> str:
    """Load a measure: 'added', or 'replaced' (the version in use is retired: its
    check-ins stay, scored as they were answered).  The same name again without
    ``replace`` is refused (exit 6)."""
    from supportnet.db import connection_of

    conn = connection_of(session)
    old = conn.execute(
        "SELECT id, definition FROM measure WHERE name = ? AND removed_on IS NULL", (new.name,)
    ).fetchone()
    if old is not None and old[1] == new.definition:
        return "unchanged"
    if old is not None and not replace:
        raise Conflict(
            f"A measure called {new.name!r} is loaded already; add --replace to "
            "load this version instead (its past check-ins stay)."
        )
    if old is not None:
        _retire(session, old[0], today)
    session.connection().execute(insert(_MEASURE).values(added_on=today, **new.model_dump()))
    return "replaced" if old is not None else "added"


def _retire(session: Session, mid: int, today: dt.date) -> bool:
    """Retire a measure with check-ins (True), delete one without (False)."""
    from supportnet.db import connection_of

    used = (
        connection_of(session)
        .execute("SELECT 1 FROM check_in WHERE measure_id = ? LIMIT 1", (mid,))
        .fetchone()
    )
    conn = session.connection()
    if used:
        conn.execute(update(_MEASURE).where(_MEASURE.c.id == mid).values(removed_on=today))
        return True
    conn.execute(delete(_MEASURE).where(_MEASURE.c.id == mid))
    return False


def remove_measure(session: Session, mid: int, name: str, today: dt.date) -> bool:
    """Take a measure out of use, and its cadence; True when it is kept (retired) for
    its check-ins, False when it had none and is gone."""
    kept = _retire(session, mid, today)
    session.connection().execute(delete(_CADENCE).where(_CADENCE.c.measure == name))
    return kept


def set_cadence(session: Session, change: CadenceChange) -> None:
    """Set (or, with ``every_days`` None, clear) how often a measure's check-in is
    hoped for; a new cadence ends a snooze."""
    conn = session.connection()
    if change.every_days is None:
        conn.execute(delete(_CADENCE).where(_CADENCE.c.measure == change.measure))
        return
    conn.execute(
        upsert(_CADENCE)
        .values(measure=change.measure, every_days=change.every_days, set_on=change.set_on)
        .on_conflict_do_update(
            index_elements=["measure"],
            set_={"every_days": change.every_days, "set_on": change.set_on, "back_on": None},
        )
    )


def snooze_cadence(session: Session, snooze: CadenceSnooze) -> bool:
    """Hold a measure's due note back until ``snooze.until``; False when no cadence is set."""
    result = session.connection().execute(
        update(_CADENCE).where(_CADENCE.c.measure == snooze.measure).values(back_on=snooze.until)
    )
    return bool(result.rowcount)


def set_plan_expectation(session: Session, plan_id: int, expected: int) -> None:
    """How much a plan's get-togethers are expected to be enjoyed, 1 to 5."""
    from supportnet.models import validate

    feeling = validate(Feeling, {"expected": expected})
    expected = int(feeling.expected or expected)
    session.connection().execute(
        upsert(_EXPECTATION)
        .values(plan_id=plan_id, expected=expected)
        .on_conflict_do_update(index_elements=["plan_id"], set_={"expected": expected})
    )


def set_feeling(session: Session, gid: int, feeling: Feeling) -> None:
    """Record expected and felt for a get-together; only the fields given change."""
    given = {
        k: getattr(feeling, k)
        for k in ("expected", "felt")
        if k in feeling.model_fields_set and getattr(feeling, k) is not None
    }
    if not given:
        return
    session.connection().execute(
        upsert(_FEELING)
        .values(gettogether_id=gid, **given)
        .on_conflict_do_update(index_elements=["gettogether_id"], set_=given)
    )


def record_feeling(
    session: Session, gid: int, *, expected: int | None = None, felt: int | None = None
) -> None:
    """Expected and felt for a get-together, 1 to 5, each when given."""
    from supportnet.models import validate

    given = {k: v for k, v in (("expected", expected), ("felt", felt)) if v is not None}
    if given:
        set_feeling(session, gid, validate(Feeling, given))
