"""Reminders: the schedule set up (`remind install`, `remind remove`) and the record
of each `remind run` (migration 0008).

Each function takes validated input models (``models.reminder``) and the ``Session``
of ``db.write_session``; one run at a time can hold a day (``claim_day``), so two
runs started together deliver once.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update
from sqlmodel import Session

from supportnet.models.reminder import (
    HOLDING,
    ReminderRun,
    ReminderSetup,
    RunEnd,
    RunStart,
    SetupCreate,
)

_SETUP = ReminderSetup.__table__  # type: ignore[attr-defined]
_RUN = ReminderRun.__table__  # type: ignore[attr-defined]
#: A run still 'delivering' after this long was stopped before it could finish.
STALE_AFTER = dt.timedelta(minutes=10)


def record_setup(session: Session, new: SetupCreate) -> bool:
    """Record ``new`` as the schedule in force; False when it already was (nothing
    is written then)."""
    conn = session.connection()
    days = ",".join(new.days)
    current = conn.execute(
        select(_SETUP.c.scheduler, _SETUP.c.at_time, _SETUP.c.days, _SETUP.c.weekly_day)
        .where(_SETUP.c.removed_on.is_(None))
        .order_by(_SETUP.c.id.desc())
        .limit(1)
    ).first()
    if current is not None and tuple(current) == (new.scheduler, new.at_time, days, new.weekly_day):
        return False
    end_setups(session, new.installed_on)
    conn.execute(
        insert(_SETUP).values(
            scheduler=new.scheduler,
            at_time=new.at_time,
            days=days,
            weekly_day=new.weekly_day,
            installed_on=new.installed_on,
        )
    )
    return True


def end_setups(session: Session, on: dt.date) -> int:
    """Mark every schedule in force as removed ``on`` that day; how many there were."""
    result = session.connection().execute(
        update(_SETUP).where(_SETUP.c.removed_on.is_(None)).values(removed_on=on)
    )
    return result.rowcount


def claim_day(session: Session, start: RunStart) -> tuple[int | None, dict | None]:
    """Hold the day's digest for this run: (the new run's id, None); or (None, the run
    that holds it) when another run delivered it already or is delivering it now.

    A run still delivering after ``STALE_AFTER`` was stopped on the way (the computer
    slept, a kill): it is recorded as failed, and this run takes the day over.
    """
    conn = session.connection()
    held = conn.execute(
        select(
            _RUN.c.id, _RUN.c.outcome, _RUN.c.started_at, _RUN.c.finished_at, _RUN.c.channel
        ).where(
            _RUN.c.digest == start.digest,
            _RUN.c.digest_on == start.digest_on,
            _RUN.c.outcome.in_(HOLDING),
        )
    ).first()
    if held is not None:
        stale = held.outcome == "delivering" and start.started_at - held.started_at > STALE_AFTER
        if not stale:
            return None, dict(held._mapping)
        conn.execute(
            update(_RUN)
            .where(_RUN.c.id == held.id)
            .values(
                outcome="failed",
                finished_at=start.started_at,
                reason="it stopped before it could finish (the computer may have slept, or "
                "the run was stopped)",
            )
        )
    result = conn.execute(insert(_RUN).values(**start.model_dump(), outcome="delivering"))
    return result.inserted_primary_key[0], None


def finish_run(session: Session, run_id: int, end: RunEnd) -> None:
    """How the run ``run_id`` (holding its day) ended."""
    session.connection().execute(update(_RUN).where(_RUN.c.id == run_id).values(**end.model_dump()))


def record_run(session: Session, start: RunStart, end: RunEnd) -> int:
    """A run that ended without holding its day: quiet, skipped, or failed before it
    could deliver."""
    values = {**start.model_dump(), **end.model_dump()}
    return session.connection().execute(insert(_RUN).values(**values)).inserted_primary_key[0]
