"""Adding groups, changing, archiving and restoring them, and who belongs: every
writer of a community comes here.

`supportnet group add`, `group edit`, `group archive`, `group restore`, `group
join` and `group leave` give validated input models (``GroupCreate``,
``GroupUpdate``, ``GroupMembership``) and a ``Session`` from
``db.write_session``.  The rules that need the database or today live here: a
name is not used twice, and a schedule starts on its first meeting on or after
the day it is given (or its ``starting`` day: `--starting`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from supportnet import recurrence
from supportnet.db import connection_of
from supportnet.errors import Conflict, InvalidInput
from supportnet.models.group import (
    Group,
    GroupCreate,
    GroupMember,
    GroupMembership,
    GroupUpdate,
)
from supportnet.recurrence import Recurrence
from supportnet.store import groups as store

_GROUP = Group.__table__  # type: ignore[attr-defined]
_MEMBER = GroupMember.__table__  # type: ignore[attr-defined]


def _schedule(meets: Recurrence | None, start: dt.date) -> dict[str, Any]:
    """The schedule columns: the rule, its first meeting on or after ``start``, the time."""
    if meets is None:
        return {"rrule": None, "starts_on": None, "at_time": None}
    first = recurrence.first_occurrence(meets.rule, start)
    return {"rrule": meets.rule, "starts_on": first, "at_time": meets.time}


def add_group(session: Session, new: GroupCreate, today: dt.date) -> int:
    """Insert a group you belong to, with the people you know there; return its id."""
    same = store.same_name(connection_of(session), new.name)
    if same is not None:
        raise Conflict(f"{same.name} (#{same.id}) is already here.")
    result = session.connection().execute(
        insert(_GROUP).values(
            name=new.name,
            kind=new.kind,
            place=new.place,
            note=new.note,
            added_on=today,
            **_schedule(new.meets, new.starting or today),
        )
    )
    gid = int(result.inserted_primary_key[0])
    _add_members(session, gid, new.members)
    return gid


def update_group(session: Session, group_id: int, change: GroupUpdate, today: dt.date) -> None:
    """Apply ``change``: only the fields given are changed.  A new schedule starts
    from ``change.starting`` (else ``today``); ``starting`` alone moves the start
    of the schedule the group has, keeping its rule and time."""
    given = change.model_fields_set
    values: dict[str, Any] = {
        name: getattr(change, name) for name in ("kind", "place", "note", "archived_on", "matters")
        if name in given
    }  # fmt: skip
    if "meets" in given:
        values.update(_schedule(change.meets, change.starting or today))
    elif change.starting is not None:
        group = store.get_group(connection_of(session), group_id)
        if group.rule is None:
            raise InvalidInput(
                f"{group.label} has no schedule to start; give --meets with --starting."
            )
        values["starts_on"] = recurrence.first_occurrence(group.rule, change.starting)
    if values:
        session.connection().execute(update(_GROUP).where(_GROUP.c.id == group_id).values(values))


class Changed(NamedTuple):
    """Whom a join or a leave changed: you (or not), and which people, in the order given."""

    me: bool
    people: list[int]


def join(session: Session, group_id: int, members: GroupMembership) -> Changed:
    """Add members (and you, with ``members.me``); who was not a member before."""
    me = members.me and _set_me(session, group_id, True)
    return Changed(me, _add_members(session, group_id, members.people))


def _set_me(session: Session, group_id: int, member: bool) -> bool:
    """Make you a member, or not; whether that changed anything."""
    return bool(session.connection().execute(
        update(_GROUP)
        .where(_GROUP.c.id == group_id, _GROUP.c.i_am_member == (not member))
        .values(i_am_member=member)
    ).rowcount)  # fmt: skip


def _members_among(session: Session, group_id: int, people: list[int]) -> set[int]:
    """Which of ``people`` are members of the group."""
    if not people:
        return set()
    return set(session.connection().execute(
        select(_MEMBER.c.person_id).where(
            _MEMBER.c.community_id == group_id, _MEMBER.c.person_id.in_(people))
    ).scalars())  # fmt: skip


def _add_members(session: Session, group_id: int, people: list[int]) -> list[int]:
    """Add the people not members yet; who they were."""
    have = _members_among(session, group_id, people)
    new = [pid for pid in people if pid not in have]
    if new:
        session.connection().execute(
            insert(_MEMBER), [{"community_id": group_id, "person_id": pid} for pid in new]
        )
    return new


def leave(session: Session, group_id: int, members: GroupMembership) -> Changed:
    """Remove members (and you, with ``members.me``); who was a member before."""
    me = members.me and _set_me(session, group_id, False)
    have = _members_among(session, group_id, members.people)
    if have:
        session.connection().execute(delete(_MEMBER).where(
            _MEMBER.c.community_id == group_id, _MEMBER.c.person_id.in_(have)))  # fmt: skip
    return Changed(me, [pid for pid in members.people if pid in have])
