"""Recording, changing and removing favors and life events.

`supportnet favor`, `favor undo`, `event`, `event edit` and `event undo` give
validated input models (``FavorCreate``, ``LifeEventCreate``,
``LifeEventUpdate``) and the ``Session`` of ``db.write_session``.  The rules
that need the database or today are kept here, for every writer: a kind is a
known one unless a new one is asked for (``store.support.check_kind``), and an
event's kind gives its tone when none is said; a favor is recorded once it has
happened (``models.support.check_favor_day``); and the same favor or event entered twice
within a minute is taken as a slip of the keyboard (``again`` records it anyway).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, update
from sqlmodel import Session

from supportnet.db import connection_of
from supportnet.errors import Conflict
from supportnet.models.support import (
    Favor,
    FavorCreate,
    FavorPerson,
    LifeEvent,
    LifeEventCreate,
    LifeEventUpdate,
    check_favor_day,
)
from supportnet.store import favors as read_favors
from supportnet.store import life_events as read_events
from supportnet.store.support import check_kind

_FAVOR = Favor.__table__  # type: ignore[attr-defined]
_FAVOR_PERSON = FavorPerson.__table__  # type: ignore[attr-defined]
_EVENT = LifeEvent.__table__  # type: ignore[attr-defined]

#: How close together the same favor or event counts as entered twice by mistake.
SLIP = dt.timedelta(seconds=60)


def add_favor(
    session: Session,
    new: FavorCreate,
    today: dt.date,
    logged_at: dt.datetime,
    *,
    again: bool = False,
) -> int:
    """Record one favor with its people; its id.

    Refuses an unknown kind (unless ``new.new_kind``), a date after ``today``
    (``models.support.check_favor_day``), and the same favor (way, what, kind, date and people)
    recorded within a minute before, unless ``again``.
    """
    kind = check_kind(connection_of(session), new.kind, "favor", new=new.new_kind)
    check_favor_day(new.on_date, today)
    if not again:
        same = read_favors.just_recorded(
            connection_of(session),
            direction=new.direction,
            kind=kind,
            on_date=new.on_date,
            what=new.what,
            people=new.people,
            since=logged_at - SLIP,
        )
        if same is not None:
            raise Conflict(
                f"That favor was just recorded (#{same}). To record a second one, add "
                f"--again; to take it back, use `supportnet favor undo {same}`."
            )
    conn = session.connection()
    added = conn.execute(
        insert(_FAVOR).values(
            what=new.what,
            kind=kind,
            direction=new.direction,
            on_date=new.on_date,
            note=new.note,
            logged_at=logged_at,
        )
    )
    fid = int(added.inserted_primary_key[0])
    conn.execute(
        insert(_FAVOR_PERSON),
        [
            {"favor_id": fid, "person_id": pid, "direction": new.direction, "on_date": new.on_date}
            for pid in new.people
        ],
    )
    return fid


def remove_favor(session: Session, favor_id: int) -> None:
    """Delete a favor (its people's copies go with it: ON DELETE CASCADE)."""
    session.connection().execute(delete(_FAVOR).where(_FAVOR.c.id == favor_id))


def add_event(
    session: Session, new: LifeEventCreate, logged_at: dt.datetime, *, again: bool = False
) -> int:
    """Record one life event; its id.

    Refuses an unknown kind (unless ``new.new_kind``), no tone for a kind that
    does not give one (``LifeEventCreate.with_kind``), and the same event
    (person, what, date) noted within a minute before, unless ``again``.
    """
    new = new.with_kind(check_kind(connection_of(session), new.kind, "life_event",
                                   new=new.new_kind))  # fmt: skip
    if not again:
        same = read_events.just_noted(
            connection_of(session),
            person_id=new.person_id,
            what=new.what,
            on_date=new.on_date,
            since=logged_at - SLIP,
        )
        if same is not None:
            raise Conflict(
                f"That event was just noted (#{same}). To note a second one, add "
                f"--again; to take it back, use `supportnet event undo {same}`."
            )
    added = session.connection().execute(
        insert(_EVENT).values(
            person_id=new.person_id,
            what=new.what,
            kind=new.kind,
            tone=new.tone,
            on_date=new.on_date,
            yearly=new.yearly,
            note=new.note,
            logged_at=logged_at,
        )
    )
    return int(added.inserted_primary_key[0])


def update_event(session: Session, event_id: int, change: LifeEventUpdate) -> None:
    """Apply the fields given in ``change`` to one life event (a kind matched against
    the known ones, as ``add_event`` does)."""
    values = {name: getattr(change, name) for name in change.model_fields_set - {"new_kind"}}
    if change.kind is not None and "kind" in values:
        values["kind"] = check_kind(connection_of(session), change.kind, "life_event",
                                    new=change.new_kind)  # fmt: skip
    if values:
        session.connection().execute(update(_EVENT).where(_EVENT.c.id == event_id).values(values))


def remove_event(session: Session, event_id: int) -> None:
    """Delete a life event."""
    session.connection().execute(delete(_EVENT).where(_EVENT.c.id == event_id))
