"""Setting, pausing, resuming and retiring homework goals.

`supportnet goal add`, `goal pause`, `goal resume` and `goal remove` give
validated input models (``GoalCreate``, ``GoalUpdate``) and a ``Session`` from
``db.write_session``; rows are written with the models' tables.  Progress is
never stored: it is counted from what is logged (store.progress).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, update
from sqlalchemy.dialects.sqlite import insert as upsert
from sqlmodel import Session

from supportnet.errors import Conflict
from supportnet.models.progress import Goal, GoalCreate, GoalPause, GoalUpdate

_GOAL = Goal.__table__  # type: ignore[attr-defined]
_PAUSE = GoalPause.__table__  # type: ignore[attr-defined]


def add_goal(session: Session, new: GoalCreate, today: dt.date) -> int:
    """Set a goal; its number.  A goal asking for the same as one already set (the same
    kind, number, period and group) is refused: one goal is enough."""
    from supportnet.db import connection_of
    from supportnet.store.progress import list_goals

    asked = (new.kind, new.target, new.period, new.community_id)
    for goal in list_goals(connection_of(session)):
        if (goal.kind, goal.target, goal.period, goal.community_id) == asked:
            raise Conflict(f"Goal {goal.label} already asks for that.")
    result = session.connection().execute(
        insert(_GOAL).values(created_on=today, **new.model_dump())
    )
    return int(result.inserted_primary_key[0])


def set_goal_status(session: Session, goal_id: int, change: GoalUpdate, today: dt.date) -> bool:
    """Pause, resume or retire a goal; False when it was in that state already
    (nothing changes).

    Every pause is kept in ``goal_pause`` with the day it ended, so the periods it
    covered show as a rest; a goal retired while paused has its pause ended that day.
    A retired goal stays retired (its history stays in reviews).
    """
    from supportnet.db import connection_of
    from supportnet.store.progress import get_goal

    goal = get_goal(connection_of(session), goal_id)
    if goal.status == change.status:
        return False
    if goal.status == "removed":
        raise Conflict(f"Goal {goal.label} was retired on {goal.removed_on}; to take it up "
                       "again, set it with `supportnet goal add`.")  # fmt: skip
    conn = session.connection()
    if goal.status == "paused":
        conn.execute(update(_GOAL).where(_GOAL.c.id == goal_id).values(
            status="active", paused_on=None))  # fmt: skip
        conn.execute(
            update(_PAUSE)
            .where(_PAUSE.c.goal_id == goal_id, _PAUSE.c.resumed_on.is_(None))
            .values(resumed_on=today)
        )
    if change.status == "paused":
        conn.execute(update(_GOAL).where(_GOAL.c.id == goal_id).values(
            status="paused", paused_on=today))  # fmt: skip
        # Paused again on the day it was resumed: that pause simply goes on.
        conn.execute(
            upsert(_PAUSE)
            .values(goal_id=goal_id, paused_on=today)
            .on_conflict_do_update(
                index_elements=["goal_id", "paused_on"], set_={"resumed_on": None}
            )
        )
    elif change.status == "removed":
        conn.execute(update(_GOAL).where(_GOAL.c.id == goal_id).values(
            status="removed", removed_on=today))  # fmt: skip
    return True
