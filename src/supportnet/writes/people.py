"""Adding, changing and removing people: every writer of a person comes here.

`supportnet add`, `edit`, `rename`, `archive`, `restore`, `remove` and the vCard
import give validated input models (``PersonCreate``, ``PersonUpdate``) and a
``Session`` from ``db.write_session``.  Rows are written with the models' tables,
many at a time (``executemany``): an import of thousands of people costs a few
statements, not thousands of ORM flushes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session

from supportnet.errors import Conflict, NotFound
from supportnet.models.person import (
    Person,
    PersonContact,
    PersonCreate,
    PersonNickname,
    PersonTag,
    PersonUpdate,
)
from supportnet.text import fold, phone_key, unseen

_PERSON = Person.__table__  # type: ignore[attr-defined]
_NICKNAME = PersonNickname.__table__  # type: ignore[attr-defined]
_TAG = PersonTag.__table__  # type: ignore[attr-defined]
_CONTACT = PersonContact.__table__  # type: ignore[attr-defined]


def next_person_id(session: Session) -> int:
    """The id the next person added will have (inside the write transaction).

    AUTOINCREMENT never hands out an id again, even after a removal: the higher
    of the counter and the largest id, plus one.
    """
    counter = session.connection().exec_driver_sql(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'person'), 0),"
        " coalesce((SELECT max(id) FROM person), 0))"
    )
    return int(counter.scalar_one()) + 1


def _columns(new: PersonCreate | PersonUpdate, fields: Iterable[str]) -> dict[str, Any]:
    """The person columns for the given fields of an input model (birthday: three)."""
    values: dict[str, Any] = {}
    for name in fields:
        if name == "birthday":
            b = new.birthday
            values.update(birthday_month=b.month if b else None, birthday_day=b.day if b else None,
                          birthday_year=b.year if b else None)  # fmt: skip
        elif name in _PERSON.c:
            values[name] = getattr(new, name)
    return values


def add_people(
    session: Session, people: list[PersonCreate], today: dt.date, first_id: int | None = None
) -> list[int]:
    """Insert people with their nicknames, tags, phones and emails; their ids, in order.

    ``first_id`` is what ``next_person_id`` said (a caller that numbered the
    people already); the ids follow on from it.
    """
    if not people:
        return []
    first = first_id if first_id is not None else next_person_id(session)
    ids = list(range(first, first + len(people)))
    fields = list(PersonCreate.model_fields)
    rows = [{"id": i, "added_on": today, **_columns(new, fields)} for i, new in zip(ids, people)]
    conn = session.connection()
    conn.execute(insert(_PERSON), rows)
    _insert(
        session,
        _NICKNAME,
        [{"person_id": pid, "nickname": n} for pid, new in zip(ids, people) for n in new.nicknames],
    )
    _insert(
        session,
        _TAG,
        [{"person_id": pid, "tag": t} for pid, new in zip(ids, people) for t in new.tags],
    )
    _insert(session, _CONTACT, [
        {"person_id": pid, "kind": kind, "value": value}
        for pid, new in zip(ids, people)
        for kind, values in (("phone", unseen(new.phones, set(), phone_key)),
                             ("email", dict.fromkeys(new.emails)))
        for value in values
    ])  # fmt: skip
    return ids


def _contacts_there(conn: Any, kind: str, people: list[int]) -> dict[int, set[str]]:
    """Each person's emails lower-cased (one differing only in case is the same one),
    or phones as their ``phone_key`` (one differing only in spaces is the same one)."""
    key = phone_key if kind == "phone" else str.lower
    found: dict[int, set[str]] = {}
    if people:
        for pid, value in conn.execute(
            select(_CONTACT.c.person_id, _CONTACT.c.value).where(
                _CONTACT.c.kind == kind, _CONTACT.c.person_id.in_(people)
            )
        ):
            found.setdefault(pid, set()).add(key(value))
    return found


def _insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows, leaving out any already there (the same tag twice, say)."""
    if rows:
        session.connection().execute(insert(table).prefix_with("OR IGNORE"), rows)


def add_person(session: Session, new: PersonCreate, today: dt.date, *, force: bool = False) -> int:
    """Add one person; a name or nickname someone already goes by needs ``force``
    (``check_names``)."""
    if not force:
        check_names(session, None, new.name, new.nicknames)
    return add_people(session, [new], today)[0]


def check_names(
    session: Session, person_id: int | None, name: str | None, nicknames: Iterable[str] = ()
) -> None:
    """Refuse a new name or nickname (of ``person_id``, or of someone new) that someone
    else already goes by (``store.people.called``): `log --with Sam` would quietly
    mean someone else than Sam Carter, or no one.  Two people may share a name, but
    not by accident; ``--force`` allows it.  Raises ``Conflict``.

    A name or nickname is checked against the others' names, nicknames and the whole
    words of their names: a person added as "Leo" beside Leo Park would take "Leo"
    from him.
    """
    from supportnet.db import connection_of
    from supportnet.store.people import called

    conn = connection_of(session)
    if name is not None:
        for other in called(conn, name, but=person_id):
            if not other.same_name:
                raise Conflict(_called_so(name, [other], "name"))
            if person_id is None:
                raise Conflict(
                    f"{other.name} (#{other.id}) is already here. To add a second person with "
                    "that name, use --force; to change them, use `supportnet edit`."
                )
            raise Conflict(f"{other.label} already has that name; use --force to allow it.")
    for nickname in nicknames:
        others = called(conn, nickname, but=person_id)
        if others:
            raise Conflict(_called_so(nickname, others, "nickname"))


def _called_so(text: str, others: list[Any], what: str) -> str:
    """'Sam' is already what Sam Carter (#1) is called; give another nickname or use --force."""
    from supportnet.text import what_called

    return (
        f"{text!r} is already {what_called([o.label for o in others])}; "
        f"give another {what} or use --force."
    )


def update_people(session: Session, updates: Mapping[int, PersonUpdate]) -> dict[int, list[str]]:
    """Apply each person's changes: only the fields given are changed.

    Tags and nicknames already there (case and accents ignored) are not added
    again, and are removed whatever their case and accents; phones and emails
    already there (an email in any case, a phone with the same digits) are not added
    again, and are removed so too.  Returns, by person, what was to be removed that
    they did not have, in words ("tag 'work'").
    """
    conn = session.connection()
    missing = set(updates) - set(conn.execute(
        select(_PERSON.c.id).where(_PERSON.c.id.in_(list(updates)))).scalars())  # fmt: skip
    if missing:
        raise NotFound(f"No one has the id #{min(missing)}.")
    by_fields: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for pid, change in updates.items():
        values = _columns(change, change.model_fields_set)
        if values:
            by_fields.setdefault(tuple(sorted(values)), []).append(
                {"person": pid, **{f"new_{k}": v for k, v in values.items()}})  # fmt: skip
    for columns, rows in by_fields.items():
        conn.execute(
            update(_PERSON)
            .where(_PERSON.c.id == bindparam("person"))
            .values({c: bindparam(f"new_{c}") for c in columns}),
            rows,
        )
    absent: dict[int, list[str]] = {}  # what was to go that they did not have, in words
    for removal in _REMOVALS:  # tags, nicknames, phones, emails: those they have
        asked = {pid: getattr(u, removal.field) for pid, u in updates.items()
                 if getattr(u, removal.field)}  # fmt: skip
        found, missing = _stored(conn, removal, asked) if asked else ([], [])
        for pid, value in missing:
            absent.setdefault(pid, []).append(f"{removal.word} {value!r}")
        if found:
            table, column = removal.table, removal.column
            where = [table.c.person_id == bindparam("person"), table.c[column] == bindparam("old")]
            if removal.kind is not None:
                where.append(table.c.kind == removal.kind)
            conn.execute(delete(table).where(*where),
                         [{"person": pid, "old": value} for pid, value in found])  # fmt: skip
    for table, column, added in ((_TAG, "tag", "add_tags"),
                                 (_NICKNAME, "nickname", "add_nicknames")):  # fmt: skip
        _add_names(
            session,
            table,
            column,
            {pid: getattr(u, added) for pid, u in updates.items() if getattr(u, added)},
        )
    emails_there = _contacts_there(conn, "email", [p for p, u in updates.items() if u.add_emails])
    phones_there = _contacts_there(conn, "phone", [p for p, u in updates.items() if u.add_phones])
    _insert(session, _CONTACT, [
        {"person_id": pid, "kind": kind, "value": value}
        for pid, change in updates.items()
        for kind, values in (
            ("phone", unseen(change.add_phones, phones_there.get(pid, set()), phone_key)),
            ("email", [e for e in change.add_emails if e.lower() not in emails_there.get(pid, ())]),
        )
        for value in values
    ])  # fmt: skip
    return absent


def _add_names(session: Session, table: Any, column: str, added: dict[int, list[str]]) -> None:
    """Add tags or nicknames; one spelling per word ("Climbing" is "climbing")."""
    conn = session.connection()
    if not added:
        return
    have: dict[int, set[str]] = {}
    for chunk in _chunks(list(added)):
        for pid, name in conn.execute(
            select(table.c.person_id, table.c[column]).where(table.c.person_id.in_(chunk))
        ):
            have.setdefault(pid, set()).add(fold(name))
    rows = []
    for pid, names in added.items():
        seen = have.setdefault(pid, set())
        for name in names:
            if fold(name) not in seen:
                seen.add(fold(name))
                rows.append({"person_id": pid, column: name})
    _insert(session, table, rows)


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class _Removal(NamedTuple):
    """What a field of ``PersonUpdate`` removes: from which table and column (and kind
    of contact), its word, and the form two values are the same in."""

    field: str
    table: Any
    column: str
    kind: str | None
    word: str
    same: Callable[[str], str]


#: Tags and nicknames are one whatever their case and accents ("Café" is "cafe"), as
#: when they are added; an email whatever its case, a phone whatever its spaces.
_REMOVALS = (
    _Removal("remove_tags", _TAG, "tag", None, "tag", fold),
    _Removal("remove_nicknames", _NICKNAME, "nickname", None, "nickname", fold),
    _Removal("remove_phones", _CONTACT, "value", "phone", "phone", phone_key),
    _Removal("remove_emails", _CONTACT, "value", "email", "email", str.casefold),
)


def _stored(
    conn: Any, removal: _Removal, asked: dict[int, list[str]]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(each (person, value as stored) that a value asked names; each (person, value
    asked) that names nothing of theirs, once whatever its case)."""
    query = select(removal.table.c.person_id, removal.table.c[removal.column]).where(
        removal.table.c.person_id.in_(list(asked)))  # fmt: skip
    if removal.kind is not None:
        query = query.where(removal.table.c.kind == removal.kind)
    stored: dict[int, list[str]] = {}
    for pid, value in conn.execute(query):
        stored.setdefault(pid, []).append(value)
    found: list[tuple[int, str]] = []
    missing: dict[tuple[int, str], tuple[int, str]] = {}
    for pid, values in asked.items():
        for value in values:
            hits = [s for s in stored.get(pid, []) if removal.same(s) == removal.same(value)]
            found += [(pid, s) for s in hits if (pid, s) not in found]
            if not hits:
                missing.setdefault((pid, removal.same(value)), (pid, value))
    return found, list(missing.values())


def update_person(
    session: Session, person_id: int, change: PersonUpdate, *, force: bool = False
) -> list[str]:
    """Apply one person's changes (see ``update_people``); what was to be removed that
    they did not have, in words ("tag 'work'").  A new name or nickname someone else
    goes by needs ``force`` (``check_names``)."""
    if not force:
        name = change.name if "name" in change.model_fields_set else None
        check_names(session, person_id, name, change.add_nicknames)
    return update_people(session, {person_id: change}).get(person_id, [])


def remove_person(session: Session, person_id: int) -> None:
    """Delete a person.

    Get-togethers, favors and plans shared with others stay, without this person;
    the ones that were only with this person go with them (a plan with nobody
    left would be a plan no one is in): ``store.people.only_theirs``, which the
    question before says too.  A group's meetings stay even when nobody else is
    recorded: you were there.
    """
    from supportnet.db import connection_of
    from supportnet.models.gettogether import Gettogether
    from supportnet.models.plan import Plan
    from supportnet.models.support import Favor
    from supportnet.store.people import only_theirs

    theirs = only_theirs(connection_of(session), person_id)
    session.execute(delete(Plan).where(Plan.id.in_(theirs["plans"])))  # type: ignore[union-attr]
    session.execute(delete(Gettogether).where(
        Gettogether.id.in_(theirs["gettogethers"])))  # type: ignore[union-attr]  # fmt: skip
    session.execute(delete(Favor).where(Favor.id.in_(theirs["favors"])))  # type: ignore[union-attr]
    session.execute(delete(Person).where(Person.id == person_id))  # type: ignore[arg-type]


class Archived(NamedTuple):
    """What archiving or restoring a person did to their plans (as read before)."""

    paused: list[Any]  # store.plans.Plan: only with archived people now, paused
    resumed: list[Any]  # store.plans.Plan: paused by an archive, resumed by the restore
    shared: list[Any]  # store.plans.Plan: with someone current too; they go on


def set_archived(session: Session, person_id: int, today: dt.date, *, archive: bool) -> Archived:
    """Archive a person (``archive``) or restore one, with their plans.

    A plan that would be only with archived people is paused with the archive (its
    calendar series ends there, `upcoming` leaves it out), and resumed by restoring
    any of them (``store.people.plans_paused_by_archive``), as it was; a plan
    paused, ended or resumed by hand is left as it is.  Plans with someone current
    too go on.
    """
    from supportnet.db import connection_of
    from supportnet.models.plan import PlanStatusChange
    from supportnet.store import people, plans
    from supportnet.writes.plans import change_status

    conn = connection_of(session)
    if archive:
        changing = people.plans_only_with_archived(conn, person_id)
    else:
        changing = people.plans_paused_by_archive(conn, person_id)
    shared = [plans.get_plan(conn, pid) for pid in people.shared_plans(conn, person_id)
              if archive]  # fmt: skip
    change = PlanStatusChange(status="paused" if archive else "active")
    changed = []
    for plan_id in changing:
        plan = plans.get_plan(conn, plan_id)
        change_status(session, plan, change, today, by_archive=archive)
        changed.append(plan)
    update_person(session, person_id, PersonUpdate(archived_on=today if archive else None))
    return Archived(changed if archive else [], [] if archive else changed, shared)
