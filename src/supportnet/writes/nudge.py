"""The nudge's memory: snoozing, dismissing and bringing people back.

`supportnet snooze`, `dismiss` and `unsnooze` give validated input models
(``SnoozeCreate``, ``DismissalCreate``, ``NudgeTarget``) and the ``Session`` of
``db.write_session``.  A dismissal records the newest get-together, favor and
life-event ids at that moment; anything newer about the target ends it (see
``nudge.Dismissal``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from supportnet.db import connection_of
from supportnet.models.nudge import (
    DismissalCreate,
    NudgeDismissal,
    NudgeSnooze,
    NudgeTarget,
    SnoozeCreate,
)
from supportnet.store.nudge_state import current_marks

_SNOOZE = NudgeSnooze.__table__  # type: ignore[attr-defined]
_DISMISSAL = NudgeDismissal.__table__  # type: ignore[attr-defined]


def _about(table: Any, target: NudgeTarget) -> Any:
    """The rows of ``table`` about ``target``."""
    if target.person_id is not None:
        return table.c.person_id == target.person_id
    return table.c.community_id == target.community_id


def snooze(session: Session, new: SnoozeCreate) -> dt.date | None:
    """Leave the target out of the nudge until ``new.until_on`` (replaces an earlier
    snooze); the day the one it replaced ended, if there was one."""
    conn = session.connection()
    before = conn.execute(select(_SNOOZE.c.until_on).where(_about(_SNOOZE, new))).scalar()
    conn.execute(delete(_SNOOZE).where(_about(_SNOOZE, new)))
    conn.execute(
        insert(_SNOOZE).values(
            person_id=new.person_id,
            community_id=new.community_id,
            until_on=new.until_on,
            snoozed_on=new.snoozed_on,
        )
    )
    return before


def dismiss(session: Session, new: DismissalCreate) -> None:
    """Leave ``new.kind`` (about ``new.subject``, or any when '') out until something
    new happens with the target (replaces the same dismissal made before)."""
    gettogether, favor, event = current_marks(connection_of(session))
    conn = session.connection()
    conn.execute(
        delete(_DISMISSAL).where(
            _about(_DISMISSAL, new),
            _DISMISSAL.c.kind == new.kind,
            _DISMISSAL.c.subject == new.subject,
        )
    )
    conn.execute(
        insert(_DISMISSAL).values(
            person_id=new.person_id,
            community_id=new.community_id,
            kind=new.kind,
            subject=new.subject,
            dismissed_on=new.dismissed_on,
            gettogether_mark=gettogether,
            favor_mark=favor,
            event_mark=event,
        )
    )


def unsnooze(session: Session, target: NudgeTarget) -> tuple[int, int]:
    """End the snooze and every dismissal of ``target``: (snoozes, dismissals) removed."""
    conn = session.connection()
    snoozes = conn.execute(delete(_SNOOZE).where(_about(_SNOOZE, target))).rowcount
    dismissals = conn.execute(delete(_DISMISSAL).where(_about(_DISMISSAL, target))).rowcount
    return snoozes, dismissals
