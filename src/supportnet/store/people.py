"""People: adding, finding, listing, changing and removing them."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field

from supportnet.config import CIRCLES, DEFAULT_CADENCE_DAYS
from supportnet.dates import YearlyDate
from supportnet.errors import Ambiguous, Conflict, InvalidInput, NotFound
from supportnet.text import choose_kind, closest, first_match, fold, id_key, join_words, parse_id

ARCHIVED_CHOICES = ("no", "only", "all")
SORT_CHOICES = ("name", "last-contact", "circle", "added")


@dataclass
class Person:
    id: int
    name: str
    circle: str
    cadence_days: int | None  # the person's own; None follows the circle
    birthday: YearlyDate | None
    how_met: str | None
    note: str | None
    added_on: dt.date
    archived_on: dt.date | None
    nicknames: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"#{self.id}"

    @property
    def label(self) -> str:
        """'Maya Lopez (#3)': how messages name a person."""
        return f"{self.name} (#{self.id})"


@dataclass
class PersonChanges:
    """Fields to set on a person; ``None`` leaves a field as it is."""

    circle: str | None = None
    cadence_days: int | None = None
    clear_cadence: bool = False
    birthday: YearlyDate | None = None
    clear_birthday: bool = False
    how_met: str | None = None
    note: str | None = None
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    add_nicknames: list[str] = field(default_factory=list)
    remove_nicknames: list[str] = field(default_factory=list)
    add_phones: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    add_emails: list[str] = field(default_factory=list)
    remove_emails: list[str] = field(default_factory=list)


def check_circle(value: str) -> str:
    return choose_kind(value, list(CIRCLES), "circle")


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("A name cannot be empty.")
    if cleaned.startswith("#") and cleaned[1:].isdigit():
        raise InvalidInput(f"{cleaned!r} looks like a person's id; give a name instead.")
    return cleaned


def clean_email(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", value):
        raise InvalidInput(f"{value!r} does not look like an email address.")
    return value


def clean_phone(value: str) -> str:
    value = " ".join(value.split())
    if not re.search(r"\d", value):
        raise InvalidInput(f"{value!r} does not look like a phone number.")
    return value


def _clean_tag(tag: str) -> str:
    tag = " ".join(tag.split()).lstrip("#")
    if not tag:
        raise InvalidInput("A tag cannot be empty.")
    return tag


# --- finding people -----------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    id: int
    name: str
    archived: bool
    nicknames: tuple[str, ...]


def _candidates(conn: sqlite3.Connection) -> list[_Candidate]:
    rows = conn.execute(
        "SELECT p.id, p.name, p.archived_on IS NOT NULL,"
        " (SELECT group_concat(nickname, char(31)) FROM person_nickname n"
        "  WHERE n.person_id = p.id)"
        " FROM person p ORDER BY p.id"
    )
    return [
        _Candidate(pid, name, bool(archived), tuple(nicks.split("\x1f")) if nicks else ())
        for pid, name, archived, nicks in rows
    ]


def resolve_person(conn: sqlite3.Connection, ref: str) -> int:
    """The id of the one person ``ref`` names.

    ``ref`` is ``#12``, a full name, a nickname, whole words of a name ("Sam" is
    Sam Carter even beside Samuel Okoro), or a unique beginning of a name or of one
    of its words; case and accents do not matter.  Active people are
    preferred over archived ones.  Raises ``NotFound`` (with the closest names)
    or ``Ambiguous`` (listing the candidates).
    """
    text = ref.strip()
    pid = parse_id(text, hash_required=True)
    if pid is not None:
        if conn.execute("SELECT 1 FROM person WHERE id = ?", (id_key(pid),)).fetchone():
            return pid
        raise NotFound(f"No one has the id #{pid}. `supportnet people` lists everyone.")
    key = fold(text)
    if not key:
        raise InvalidInput("A person's name is needed.")
    everyone = _candidates(conn)
    rules = (_exact_name, _exact_nickname, _whole_words, _name_prefix, _word_prefix)
    found = first_match(
        ([c for c in everyone if not c.archived], everyone),
        [lambda c, rule=rule: rule(c, key) for rule in rules],
    )
    if len(found) == 1:
        return found[0].id
    if found:
        shown = [f"{c.name} (#{c.id})" for c in found[:8]]
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise Ambiguous(
            f"{text!r} could be {join_words(shown, 'or')}{more}; use more of the name or the #id."
        )
    names = [c.name for c in everyone] + [n for c in everyone for n in c.nicknames]
    near = closest(text, names)
    by_name = {c.name: c for c in everyone}
    by_nick = {n: c for c in everyone for n in c.nicknames}
    labels = []
    for choice in near:
        person = by_name.get(choice) or by_nick[choice]
        if person.name not in labels:
            labels.append(person.name)
    hint = f" Did you mean {join_words(labels, 'or')}?" if labels else ""
    raise NotFound(f"No one called {text!r} is here.{hint}")


def _exact_name(c: _Candidate, key: str) -> bool:
    return fold(c.name) == key


def _exact_nickname(c: _Candidate, key: str) -> bool:
    return any(fold(n) == key for n in c.nicknames)


def _whole_words(c: _Candidate, key: str) -> bool:
    """``key`` is one or more whole words of the name: "Sam" is Sam Carter, not Samuel."""
    return f" {key} " in f" {fold(c.name)} "


def _name_prefix(c: _Candidate, key: str) -> bool:
    return fold(c.name).startswith(key) or any(fold(n).startswith(key) for n in c.nicknames)


def _word_prefix(c: _Candidate, key: str) -> bool:
    words = fold(c.name).split()
    return any(" ".join(words[i:]).startswith(key) for i in range(1, len(words)))


def resolve_people(conn: sqlite3.Connection, refs: list[str]) -> list[int]:
    """Resolve several references, keeping order and dropping repeats."""
    ids: list[int] = []
    for ref in refs:
        pid = resolve_person(conn, ref)
        if pid not in ids:
            ids.append(pid)
    return ids


def same_name(conn: sqlite3.Connection, name: str) -> list[tuple[int, str]]:
    """People whose name is the same as ``name`` once case and accents are ignored."""
    key = fold(name)
    return [(c.id, c.name) for c in _candidates(conn) if fold(c.name) == key]


# --- reading ------------------------------------------------------------------------


def get_person(conn: sqlite3.Connection, person_id: int) -> Person:
    row = conn.execute(
        "SELECT id, name, circle, cadence_days, birthday_month, birthday_day, birthday_year,"
        " how_met, note, added_on, archived_on FROM person WHERE id = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"No one has the id #{person_id}.")
    person = _person_from_row(row)
    person.nicknames = _strings(conn, "SELECT nickname FROM person_nickname", person_id)
    person.tags = _strings(conn, "SELECT tag FROM person_tag", person_id)
    contacts = conn.execute(
        "SELECT kind, value FROM person_contact WHERE person_id = ? ORDER BY id", (person_id,)
    ).fetchall()
    person.phones = [v for k, v in contacts if k == "phone"]
    person.emails = [v for k, v in contacts if k == "email"]
    return person


def _strings(conn: sqlite3.Connection, select: str, person_id: int) -> list[str]:
    rows = conn.execute(f"{select} WHERE person_id = ? ORDER BY 1", (person_id,))
    return [r[0] for r in rows]


def _person_from_row(row: tuple) -> Person:
    (pid, name, circle, cadence, b_month, b_day, b_year, how_met, note, added, archived) = row
    birthday = YearlyDate(b_month, b_day, b_year) if b_month and b_day else None
    return Person(
        id=pid,
        name=name,
        circle=circle,
        cadence_days=cadence,
        birthday=birthday,
        how_met=how_met,
        note=note,
        added_on=dt.date.fromisoformat(added),
        archived_on=dt.date.fromisoformat(archived) if archived else None,
    )


@dataclass
class PersonRow:
    """One line of the people list."""

    id: int
    name: str
    circle: str
    cadence_days: int
    cadence_is_own: bool
    tags: list[str]
    nicknames: list[str]
    birthday: YearlyDate | None
    archived_on: dt.date | None
    added_on: dt.date
    last_contact: dt.date | None
    last_in_person: dt.date | None


def list_people(
    conn: sqlite3.Connection,
    *,
    circle: str | None = None,
    tag: str | None = None,
    archived: str = "no",
    sort: str = "name",
    cadence_defaults: dict[str, int] | None = None,
    as_of: dt.date | None = None,
) -> list[PersonRow]:
    """People matching the filters, with their last contact, in a stable order.

    With ``as_of``, contact after that day does not count (``--today`` in the past).
    """
    defaults = cadence_defaults or DEFAULT_CADENCE_DAYS
    until = (as_of or dt.date.max).isoformat()
    where, params = [], [until, until]
    if circle:
        where.append("p.circle = ?")
        params.append(check_circle(circle))
    if tag:
        where.append(
            "EXISTS (SELECT 1 FROM person_tag t"
            " WHERE t.person_id = p.id AND t.tag = ? COLLATE NOCASE)"
        )
        params.append(_clean_tag(tag))
    if archived == "no":
        where.append("p.archived_on IS NULL")
    elif archived == "only":
        where.append("p.archived_on IS NOT NULL")
    sql = (
        "SELECT p.id, p.name, p.circle, p.cadence_days, p.birthday_month, p.birthday_day,"
        " p.birthday_year, p.archived_on, p.added_on,"
        " (SELECT group_concat(tag, char(31)) FROM person_tag t WHERE t.person_id = p.id),"
        " (SELECT group_concat(nickname, char(31)) FROM person_nickname n"
        "   WHERE n.person_id = p.id),"
        " (SELECT max(on_date) FROM attendance a WHERE a.person_id = p.id AND a.on_date <= ?),"
        " (SELECT max(on_date) FROM attendance a WHERE a.person_id = p.id AND a.on_date <= ?"
        "   AND a.in_person = 1)"
        " FROM person p" + (" WHERE " + " AND ".join(where) if where else "")
    )
    result = []
    for row in conn.execute(sql, params):
        (pid, name, circ, cadence, bm, bd, by, archived_on, added, tags, nicks, last, last_ip) = row
        result.append(
            PersonRow(
                id=pid,
                name=name,
                circle=circ,
                cadence_days=cadence or defaults[circ],
                cadence_is_own=cadence is not None,
                tags=sorted(tags.split("\x1f"), key=fold) if tags else [],
                nicknames=sorted(nicks.split("\x1f"), key=fold) if nicks else [],
                birthday=YearlyDate(bm, bd, by) if bm and bd else None,
                archived_on=dt.date.fromisoformat(archived_on) if archived_on else None,
                added_on=dt.date.fromisoformat(added),
                last_contact=dt.date.fromisoformat(last) if last else None,
                last_in_person=dt.date.fromisoformat(last_ip) if last_ip else None,
            )
        )
    return sort_people(result, sort)


def sort_people(rows: list[PersonRow], sort: str) -> list[PersonRow]:
    """Order the list: by name; by last contact (longest ago first, never-seen
    first of all); by circle (closest first); or by date added.  Ties by name, id."""

    def by_name(r: PersonRow) -> tuple:
        return (fold(r.name), r.id)

    if sort == "last-contact":
        return sorted(
            rows, key=lambda r: (r.last_contact is not None, r.last_contact or dt.date.min,
                                 *by_name(r))
        )  # fmt: skip
    if sort == "circle":
        return sorted(rows, key=lambda r: (CIRCLES.index(r.circle), *by_name(r)))
    if sort == "added":
        return sorted(rows, key=lambda r: (r.added_on, r.id))
    return sorted(rows, key=by_name)


# --- writing ------------------------------------------------------------------------


@dataclass
class NewPerson:
    name: str
    circle: str = "friend"
    cadence_days: int | None = None
    birthday: YearlyDate | None = None
    how_met: str | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    nicknames: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


def add_person(
    conn: sqlite3.Connection, new: NewPerson, today: dt.date, *, force: bool = False
) -> int:
    """Insert a person (inside the caller's transaction) and return the id.

    A name already present (ignoring case and accents) is refused unless
    ``force``: two people may share a name, but not by accident.
    """
    name = clean_name(new.name)
    circle = check_circle(new.circle)
    if not force:
        existing = same_name(conn, name)
        if existing:
            pid, other = existing[0]
            raise Conflict(
                f"{other} (#{pid}) is already here. To add a second person with that name, "
                "use --force; to change them, use `supportnet edit`."
            )
    bday = new.birthday
    cur = conn.execute(
        "INSERT INTO person (name, circle, cadence_days, birthday_month, birthday_day,"
        " birthday_year, how_met, note, added_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            circle,
            new.cadence_days,
            bday.month if bday else None,
            bday.day if bday else None,
            bday.year if bday else None,
            _blank_to_none(new.how_met),
            _blank_to_none(new.note),
            today.isoformat(),
        ),
    )
    pid = cur.lastrowid
    assert pid is not None
    _apply_lists(
        conn,
        pid,
        PersonChanges(
            add_tags=new.tags,
            add_nicknames=new.nicknames,
            add_phones=new.phones,
            add_emails=new.emails,
        ),
    )
    return pid


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def edit_person(conn: sqlite3.Connection, person_id: int, changes: PersonChanges) -> None:
    """Apply ``changes`` to a person (inside the caller's transaction)."""
    sets: dict[str, object] = {}
    if changes.circle is not None:
        sets["circle"] = check_circle(changes.circle)
    if changes.clear_cadence:
        sets["cadence_days"] = None
    elif changes.cadence_days is not None:
        sets["cadence_days"] = changes.cadence_days
    if changes.clear_birthday:
        sets.update(birthday_month=None, birthday_day=None, birthday_year=None)
    elif changes.birthday is not None:
        b = changes.birthday
        sets.update(birthday_month=b.month, birthday_day=b.day, birthday_year=b.year)
    if changes.how_met is not None:
        sets["how_met"] = _blank_to_none(changes.how_met)
    if changes.note is not None:
        sets["note"] = _blank_to_none(changes.note)
    if sets:
        assignments = ", ".join(f"{column} = ?" for column in sets)
        conn.execute(f"UPDATE person SET {assignments} WHERE id = ?", [*sets.values(), person_id])
    _apply_lists(conn, person_id, changes)


def _apply_lists(conn: sqlite3.Connection, pid: int, changes: PersonChanges) -> None:
    # "Climbing" and "climbing" are one tag (filters and --untag ignore case): the
    # first spelling stays.  The same goes for nicknames.
    have = {fold(t) for (t,) in conn.execute("SELECT tag FROM person_tag WHERE person_id = ?",
                                             (pid,))}  # fmt: skip
    for tag in changes.add_tags:
        tag = _clean_tag(tag)
        if fold(tag) not in have:
            have.add(fold(tag))
            conn.execute("INSERT OR IGNORE INTO person_tag VALUES (?, ?)", (pid, tag))
    for tag in changes.remove_tags:
        conn.execute(
            "DELETE FROM person_tag WHERE person_id = ? AND tag = ? COLLATE NOCASE",
            (pid, _clean_tag(tag)),
        )
    nicks = {fold(n) for (n,) in conn.execute(
        "SELECT nickname FROM person_nickname WHERE person_id = ?", (pid,))}  # fmt: skip
    for nick in changes.add_nicknames:
        nick = " ".join(nick.split())
        if not nick:
            raise InvalidInput("A nickname cannot be empty.")
        if fold(nick) not in nicks:
            nicks.add(fold(nick))
            conn.execute("INSERT OR IGNORE INTO person_nickname VALUES (?, ?)", (pid, nick))
    for nick in changes.remove_nicknames:
        conn.execute(
            "DELETE FROM person_nickname WHERE person_id = ? AND nickname = ? COLLATE NOCASE",
            (pid, " ".join(nick.split())),
        )
    for kind, values, clean in (
        ("phone", changes.add_phones, clean_phone),
        ("email", changes.add_emails, clean_email),
    ):
        for value in values:
            conn.execute(
                "INSERT OR IGNORE INTO person_contact (person_id, kind, value) VALUES (?, ?, ?)",
                (pid, kind, clean(value)),
            )
    for kind, values in (("phone", changes.remove_phones), ("email", changes.remove_emails)):
        for value in values:
            conn.execute(
                "DELETE FROM person_contact WHERE person_id = ? AND kind = ? AND value = ?",
                (pid, kind, value.strip()),
            )


def rename_person(conn: sqlite3.Connection, person_id: int, new_name: str) -> None:
    conn.execute("UPDATE person SET name = ? WHERE id = ?", (clean_name(new_name), person_id))


def set_archived(conn: sqlite3.Connection, person_id: int, on: dt.date | None) -> None:
    """Archive a person (on a date) or restore them (``None``)."""
    conn.execute(
        "UPDATE person SET archived_on = ? WHERE id = ?",
        (on.isoformat() if on else None, person_id),
    )


@dataclass
class RemovalImpact:
    """What removing a person takes with them, to say before asking."""

    gettogethers_only_with_them: int
    gettogethers_shared: int
    favors_only_with_them: int
    life_events: int
    plans_only_with_them: int = 0


_PLANS_ONLY_WITH = (
    "SELECT m.plan_id FROM plan_member m WHERE m.person_id = ? AND NOT EXISTS"
    " (SELECT 1 FROM plan_member n WHERE n.plan_id = m.plan_id AND n.person_id != m.person_id)"
)


def removal_impact(conn: sqlite3.Connection, person_id: int) -> RemovalImpact:
    only = conn.execute(
        "SELECT count(*) FROM attendance a WHERE a.person_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM attendance b WHERE b.gettogether_id = a.gettogether_id"
        "  AND b.person_id != a.person_id)",
        (person_id,),
    ).fetchone()[0]
    total = conn.execute(
        "SELECT count(*) FROM attendance WHERE person_id = ?", (person_id,)
    ).fetchone()[0]
    favors_only = conn.execute(
        "SELECT count(*) FROM favor_person f WHERE f.person_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM favor_person g WHERE g.favor_id = f.favor_id"
        "  AND g.person_id != f.person_id)",
        (person_id,),
    ).fetchone()[0]
    events = conn.execute(
        "SELECT count(*) FROM life_event WHERE person_id = ?", (person_id,)
    ).fetchone()[0]
    plans = conn.execute(f"SELECT count(*) FROM ({_PLANS_ONLY_WITH})", (person_id,)).fetchone()[0]
    return RemovalImpact(only, total - only, favors_only, events, plans)


def remove_person(conn: sqlite3.Connection, person_id: int) -> None:
    """Delete a person (inside the caller's transaction).

    Get-togethers, favors and plans shared with others stay, without this person;
    the ones that were only with this person go with them (a plan with nobody
    left would be a plan no one is in).  Community get-togethers stay even when
    nobody else is recorded: you were there.
    """
    conn.execute(f"DELETE FROM plan WHERE id IN ({_PLANS_ONLY_WITH})", (person_id,))
    conn.execute(
        "DELETE FROM gettogether WHERE community_id IS NULL AND id IN"
        " (SELECT a.gettogether_id FROM attendance a WHERE a.person_id = ? AND NOT EXISTS"
        "  (SELECT 1 FROM attendance b WHERE b.gettogether_id = a.gettogether_id"
        "   AND b.person_id != a.person_id))",
        (person_id,),
    )
    conn.execute(
        "DELETE FROM favor WHERE id IN"
        " (SELECT f.favor_id FROM favor_person f WHERE f.person_id = ? AND NOT EXISTS"
        "  (SELECT 1 FROM favor_person g WHERE g.favor_id = f.favor_id"
        "   AND g.person_id != f.person_id))",
        (person_id,),
    )
    conn.execute("DELETE FROM person WHERE id = ?", (person_id,))
