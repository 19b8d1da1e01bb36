"""Adding and removing resources, and who helps in a hard moment (`lean-on`).

`supportnet resources add`, `resources remove` and `lean-on` (and its
``--remove``) give validated input models (``ResourceCreate``,
``SafetyRoleChange``) and a ``Session`` from ``db.write_session``; rows are
written with the models' tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from supportnet.errors import Conflict, InvalidInput
from supportnet.models.progress import Resource, ResourceCreate, SafetyRole, SafetyRoleChange
from supportnet.text import fold

_RESOURCE = Resource.__table__  # type: ignore[attr-defined]
_ROLE = SafetyRole.__table__  # type: ignore[attr-defined]


# --- resources ----------------------------------------------------------------------


def add_resource(session: Session, new: ResourceCreate, today: dt.date) -> int:
    """Record a resource; its id.  A name already in the list (case and accents
    ignored) is refused: one entry per resource."""
    from supportnet.db import connection_of
    from supportnet.store.resources import list_resources

    for known in list_resources(connection_of(session)):
        if fold(known.name) == fold(new.name):
            raise Conflict(f"{known.label} is already in your resources.")
    result = session.connection().execute(
        insert(_RESOURCE).values(added_on=today, **new.model_dump())
    )
    return int(result.inserted_primary_key[0])


def remove_resource(session: Session, resource_id: int) -> None:
    session.connection().execute(delete(_RESOURCE).where(_RESOURCE.c.id == resource_id))


# --- who helps in a hard moment -------------------------------------------------------


def _target(change: SafetyRoleChange, person_id: int | None, community_id: int | None) -> Any:
    """The rows' target as a condition: one person, one community or one place."""
    given = [x for x in (person_id, community_id, change.place) if x is not None]
    if len(given) != 1:
        raise InvalidInput("A role in a hard moment belongs to one person, one group or one place.")
    if person_id is not None:
        return _ROLE.c.person_id == person_id
    if community_id is not None:
        return _ROLE.c.community_id == community_id
    return _ROLE.c.place.collate("NOCASE") == change.place


def set_roles(
    session: Session,
    change: SafetyRoleChange,
    today: dt.date,
    *,
    person_id: int | None = None,
    community_id: int | None = None,
) -> list[str]:
    """Give a person, community or place (``change.place``) these roles; the roles
    newly given.  A role already there keeps its row; a note given replaces its note."""
    target = _target(change, person_id, community_id)
    conn = session.connection()
    added = []
    for role in change.roles:
        existing = conn.execute(
            select(_ROLE.c.id).where(target, _ROLE.c.role == role)
        ).scalar_one_or_none()
        if existing is not None:
            if "note" in change.model_fields_set:
                conn.execute(update(_ROLE).where(_ROLE.c.id == existing).values(note=change.note))
            continue
        conn.execute(insert(_ROLE).values(
            role=role, person_id=person_id, community_id=community_id, place=change.place,
            note=change.note, added_on=today,
        ))  # fmt: skip
        added.append(role)
    return added


def drop_roles(
    session: Session,
    change: SafetyRoleChange,
    *,
    person_id: int | None = None,
    community_id: int | None = None,
) -> list[str]:
    """Take these roles away from a person, community or place; the roles that were there."""
    target = _target(change, person_id, community_id)
    conn = session.connection()
    dropped = []
    for role in change.roles:
        if conn.execute(delete(_ROLE).where(target, _ROLE.c.role == role)).rowcount:
            dropped.append(role)
    return dropped
