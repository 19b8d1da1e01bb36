"""Merging two people who are one (`supportnet merge KEEP OTHER`): everything recorded
about the other moves to the one kept, and the other is removed, in the caller's one
write transaction (all or nothing).

Every table that names a person is handled here, each on purpose:

* who was at a get-together (``attendance``), who a favor was with
  (``favor_person``), who is in a plan (``plan_member``) and in a group
  (``community_member``): the other's rows become the kept one's; a get-together,
  favor, plan or group both were in keeps the kept one's row alone (no one is
  counted twice).  The triggers of ``attendance`` keep ``last_contact`` and
  ``first_contact`` right as the rows move (migrations 0012, 0013);
* life events move;
* who knows whom (``acquaintance``, the smaller id first): the other's pairs become
  the kept one's, the pair of the two themselves goes, and a pair the kept one has
  already stays as it was;
* the safety plan (``safety_role``, `lean-on`), snoozes and dismissals of the nudge:
  the other's move where the kept one has none of the same (the kept one's win);
* the person's own fields: ``store.merge.gains`` (the kept one's values win, what
  they lack is filled in, both notes kept, the other's name becomes a nickname), then
  ``writes.people.update_people`` with a ``PersonUpdate``: the rules of `edit`; the
  earlier of the two days they were added is kept;
* address-book vdirs (``vdir_item``, docs/sync.md): in a folder where the kept one
  has no card, the other's card becomes theirs (the phone's contact is kept, and the
  next export writes the merged person into it); where both have one, the other's
  record stays as a removal leaves it, naming no one: the next export removes that
  card, and an import meanwhile passes it over ("removed here") instead of taking it
  for someone new.  Calendar items need nothing: the next calendar export writes
  each person's birthday afresh.

Nothing else names a person (goals, check-ins, resources and reminders do not).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, insert, select, update
from sqlmodel import Session

from supportnet.errors import UsageProblem
from supportnet.models.gettogether import Acquaintance, Attendance
from supportnet.models.group import GroupMember
from supportnet.models.nudge import NudgeDismissal, NudgeSnooze
from supportnet.models.person import Person
from supportnet.models.plan import PlanMember
from supportnet.models.progress import SafetyRole
from supportnet.models.support import FavorPerson, LifeEvent
from supportnet.models.vdir import VdirItem

#: Each table of (something, person) and what makes two of its rows the same for one
#: person: the other's row is dropped when the kept one has the same, else moved.
_ONCE_EACH: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (Attendance, ("gettogether_id",)),
    (FavorPerson, ("favor_id",)),
    (PlanMember, ("plan_id",)),
    (GroupMember, ("community_id",)),
    (SafetyRole, ("role",)),
    (NudgeSnooze, ()),  # one snooze a person
    (NudgeDismissal, ("kind", "subject")),
)


def merge_people(session: Session, keep_id: int, other_id: int) -> None:
    """Fold ``other_id`` into ``keep_id`` and remove ``other_id`` (see the module notes)."""
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.person import PersonUpdate
    from supportnet.store.merge import gains
    from supportnet.store.people import get_person
    from supportnet.writes.people import update_people

    conn = connection_of(session)
    keep, other = get_person(conn, keep_id), get_person(conn, other_id)
    if keep_id == other_id:
        raise UsageProblem(f"{keep.label} was named twice: give two different people to merge.")
    for model, same in _ONCE_EACH:
        _move(session, model.__table__, same, keep_id, other_id)
    session.execute(update(LifeEvent).where(LifeEvent.person_id == other_id)  # type: ignore[arg-type]
                    .values(person_id=keep_id))  # fmt: skip
    _move_acquaintances(session, keep_id, other_id)
    _move_cards(session, keep_id, other_id)
    gained = gains(keep, other)
    change = validate(PersonUpdate, {
        **gained.fields, "add_nicknames": gained.nicknames, "add_tags": gained.tags,
        "add_phones": gained.phones, "add_emails": gained.emails,
    })  # fmt: skip
    update_people(session, {keep_id: change})
    if other.added_on < keep.added_on:  # known since the earlier day
        session.execute(update(Person).where(Person.id == keep_id)  # type: ignore[arg-type]
                        .values(added_on=other.added_on))  # fmt: skip
    session.execute(delete(Person).where(Person.id == other_id))  # type: ignore[arg-type]


def _move(session: Session, table: Any, same: tuple[str, ...], keep: int, other: int) -> None:
    """The other's rows of ``table`` become the kept one's, but for those the kept one
    has the same of (by the columns ``same``): those go."""
    mine = table.alias("kept")
    theirs_too = exists(
        select(1).select_from(mine)
        .where(mine.c.person_id == keep, *(mine.c[c] == table.c[c] for c in same))
    )  # fmt: skip
    session.execute(delete(table).where(table.c.person_id == other, theirs_too))
    session.execute(update(table).where(table.c.person_id == other).values(person_id=keep))


def _move_acquaintances(session: Session, keep: int, other: int) -> None:
    """The other's pairs of who knows whom become the kept one's (the smaller id first,
    as the table keeps them); the pair of the two goes, and one already known stays."""
    table = Acquaintance.__table__  # type: ignore[attr-defined]
    theirs = (table.c.person_a == other) | (table.c.person_b == other)
    rows = []
    for a, b, added_on in session.execute(
        select(table.c.person_a, table.c.person_b, table.c.added_on).where(theirs)
    ):
        them = b if a == other else a
        if them != keep:
            rows.append({"person_a": min(them, keep), "person_b": max(them, keep),
                         "added_on": added_on})  # fmt: skip
    session.execute(delete(table).where(theirs))
    if rows:
        session.execute(insert(table).prefix_with("OR IGNORE"), rows)


def _move_cards(session: Session, keep: int, other: int) -> None:
    """In each address-book vdir where the kept one has no card, the other's becomes
    theirs; elsewhere the other's record is left to the next export to remove."""
    table = VdirItem.__table__  # type: ignore[attr-defined]
    mine = table.alias("kept")
    has_a_card = exists(
        select(1).select_from(mine)
        .where(mine.c.folder == table.c.folder, mine.c.kind == "person",
               mine.c.source == str(keep))
    )  # fmt: skip
    session.execute(
        update(table)
        .where(table.c.kind == "person", table.c.source == str(other), ~has_a_card)
        .values(source=str(keep))
    )
