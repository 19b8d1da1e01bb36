"""People: finding, listing and reading them (changes are in ``writes.people``)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from typing import Any, NamedTuple

from supportnet.config import CIRCLES, DEFAULT_CADENCE_DAYS
from supportnet.dates import YearlyDate
from supportnet.errors import Ambiguous, NotFound, UsageProblem
from supportnet.occasions import month_days_between
from supportnet.spans import describe_days
from supportnet.store.records import fetch, fetch_one, iterate, last_contact_sql
from supportnet.text import (
    choose_kind,
    clean_tag,
    first_match,
    fold,
    id_key,
    join_words,
    parse_id,
    similar,
    some_of,
)

ARCHIVED_CHOICES = ("no", "only", "all")
SORT_CHOICES = ("name", "last-contact", "circle", "added")


class Person(NamedTuple):
    """Everything recorded about one person (a read record of ``models.Person``).

    Never changed once read (so the default empty lists may be shared)."""

    id: int
    name: str
    circle: str
    cadence_days: int | None  # the person's own; None follows the circle
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    how_met: str | None
    note: str | None
    added_on: dt.date
    archived_on: dt.date | None
    nicknames: list[str] = []  # noqa: RUF012
    tags: list[str] = []  # noqa: RUF012
    phones: list[str] = []  # noqa: RUF012
    emails: list[str] = []  # noqa: RUF012

    @property
    def birthday(self) -> YearlyDate | None:
        return _birthday(self.birthday_month, self.birthday_day, self.birthday_year)

    @property
    def ref(self) -> str:
        return f"#{self.id}"

    @property
    def label(self) -> str:
        """'Maya Lopez (#3)': how messages name a person."""
        return f"{self.name} (#{self.id})"

    def to_json(self, cadence_days: int) -> dict[str, Any]:
        """The person as `show --json` gives them (docs/json.md), with the cadence in force."""
        return {
            **_json_fields(self, cadence_days, self.cadence_days is not None),
            "phones": self.phones,
            "emails": self.emails,
            "how_met": self.how_met,
            "note": self.note,
        }


def _birthday(month: int | None, day: int | None, year: int | None) -> YearlyDate | None:
    return YearlyDate(month, day, year) if month and day else None


def _json_fields(person: Any, cadence_days: int, cadence_is_own: bool) -> dict[str, Any]:
    """What every JSON shape of a person holds (docs/json.md, "People")."""
    b = person.birthday
    return {
        "id": person.id,
        "name": person.name,
        "circle": person.circle,
        "cadence_days": cadence_days,
        "cadence": describe_days(cadence_days),
        "cadence_is_own": cadence_is_own,
        "tags": person.tags,
        "nicknames": person.nicknames,
        "birthday": {"month": b.month, "day": b.day, "year": b.year} if b else None,
        "added_on": person.added_on.isoformat(),
        "archived_on": person.archived_on.isoformat() if person.archived_on else None,
    }


def check_circle(value: str) -> str:
    return choose_kind(value, list(CIRCLES), "circle")


# --- finding people -----------------------------------------------------------------


class _Candidate(NamedTuple):
    id: int
    name: str
    archived: bool
    nicknames: list[str]
    circle: str

    def label(self, namesake: bool) -> str:
        """'Sam Carter (#2)'; with the circle beside a namesake: 'Sam Carter (#7, friend)'."""
        more = f", {self.circle}" if namesake else ""
        return f"{self.name} (#{self.id}{more}{', archived' if self.archived else ''})"


def _candidates(conn: sqlite3.Connection) -> list[_Candidate]:
    return fetch(
        conn,
        _Candidate,
        "SELECT p.id, p.name, p.archived_on IS NOT NULL AS archived,"
        " (SELECT group_concat(nickname, char(31)) FROM person_nickname n"
        "  WHERE n.person_id = p.id) AS nicknames, p.circle"
        " FROM person p ORDER BY p.id",
    )


def resolve_person(conn: sqlite3.Connection, ref: str, *, archived_first: bool = False) -> int:
    """The id of the one person ``ref`` names.

    ``ref`` is ``#12``, a full name, a nickname, whole words of a name ("Sam" is
    Sam Carter even beside Samuel Okoro), or a unique beginning of a name or of one
    of its words; case and accents do not matter.  Active people are
    preferred over archived ones (archived ones over active ones with
    ``archived_first``: `restore`), but a whole name in the other pool is not passed
    over for a beginning in the preferred one (both are named).  Raises
    ``NotFound`` (with the closest names) or ``Ambiguous`` (listing the candidates).
    """
    text = ref.strip()
    pid = parse_id(text, hash_required=True)
    if pid is not None:
        if conn.execute("SELECT 1 FROM person WHERE id = ?", (id_key(pid),)).fetchone():
            return pid
        raise NotFound(f"No one has the id #{pid}. `supportnet people` lists everyone.")
    key = fold(text)
    if not key:
        raise UsageProblem("A person's name is needed.")
    everyone = _candidates(conn)
    preferred = [c for c in everyone if c.archived == archived_first]
    found = first_match(
        (preferred, everyone),
        [lambda c, rule=rule: rule(c, key) for rule in _RULES],
        loose_from=len(_WHOLE),  # an archived Sam beside an active Samantha
    )
    if len(found) == 1:
        return found[0].id
    if found:
        names = Counter(fold(c.name) for c in found)  # two Sam Carters: their circles too
        shown = some_of([c.label(names[fold(c.name)] > 1) for c in found])
        raise Ambiguous(f"{text!r} could be {shown}; use more of the name or the #id.")
    labels = similar(text, [(c.name, [c.name, *c.nicknames]) for c in everyone])
    hint = f" Did you mean {join_words(labels, 'or')}?" if labels else ""
    bare = parse_id(f"#{text}", hash_required=True) if text.isdigit() else None
    if bare is not None and any(c.id == bare for c in everyone):  # `show 2`
        hint = f" (for the person with id {text}, write #{text}).{hint}"
        raise NotFound(f"No one called {text!r} is here{hint}")
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


#: How ``resolve_person`` finds someone, tightest first; the first ones (``_WHOLE``)
#: take the reference whole: what a person is called.
_RULES = (_exact_name, _exact_nickname, _whole_words, _name_prefix, _word_prefix)
_WHOLE = _RULES[: _RULES.index(_name_prefix)]


def resolve_people(conn: sqlite3.Connection, refs: list[str]) -> list[int]:
    """Resolve several references, keeping order and dropping repeats."""
    ids: list[int] = []
    for ref in refs:
        pid = resolve_person(conn, ref)
        if pid not in ids:
            ids.append(pid)
    return ids


#: What stands for you among the people of a group (`--person me`).
ME = ("me", "myself")


class Members(NamedTuple):
    """People named for a group, and whether you were (``members_named``)."""

    me: bool
    people: list[int]


def members_named(conn: sqlite3.Connection, refs: list[str]) -> Members:
    """The people ``refs`` name (``resolve_people``), "me" or "myself" being you:
    `group add`, `group join` and `group leave` read ``--person`` here."""
    mine = [fold(ref) in ME for ref in refs]
    return Members(any(mine), resolve_people(conn, [r for r, me in zip(refs, mine) if not me]))


class CalledSo(NamedTuple):
    """Someone who already goes by a name (``called``)."""

    id: int
    name: str
    label: str  # 'Sam Carter (#1)', 'Sam (#2, archived)'
    same_name: bool  # it is their very name (case and accents aside)


def called(
    conn: sqlite3.Connection, text: str, *, but: int | None = None, words: bool = True
) -> list[CalledSo]:
    """Everyone but ``but`` whom ``text`` names whole, as ``resolve_person`` reads it:
    their name, a nickname of theirs, or (with ``words``) whole words of their name
    ("Sam" is what Sam Carter is called); archived people too.  A new nickname that is
    one of these would take the reference from them, or make it ambiguous; so would a
    new name (a person added as "Sam" beside Sam Carter: typed whole, "Sam" is theirs).
    ``words=False``: names and nicknames only."""
    key = fold(text)
    rules = _WHOLE if words else (_exact_name, _exact_nickname)
    return [
        CalledSo(c.id, c.name, c.label(False), _exact_name(c, key))
        for c in _candidates(conn)
        if c.id != but and any(rule(c, key) for rule in rules)
    ]


# --- reading ------------------------------------------------------------------------


class Birthday(NamedTuple):
    """Someone's birthday, for the agenda and the calendar export."""

    person_id: int
    name: str
    birthday_month: int
    birthday_day: int
    birthday_year: int | None
    added_on: dt.date
    archived_on: dt.date | None

    @property
    def birthday(self) -> YearlyDate:
        return YearlyDate(self.birthday_month, self.birthday_day, self.birthday_year)


def birthdays(
    conn: sqlite3.Connection,
    *,
    archived: bool = False,
    between: tuple[dt.date, dt.date] | None = None,
) -> list[Birthday]:
    """Everyone whose birthday is known, by id; archived people too with ``archived``.

    With ``between`` (both days included), only those whose month and day fall in it
    (a February 29 birthday when February 28 of a common year does): a superset of
    those with an occurrence there, which ``YearlyDate.occurrences`` says.
    """
    where, params = ["birthday_month IS NOT NULL"], []
    if not archived:
        where.append("archived_on IS NULL")
    if between is not None and (between[1] - between[0]).days < 365:
        keys = [100 * month + day for month, day in month_days_between(*between)]
        where.append(f"100 * birthday_month + birthday_day IN ({', '.join('?' * len(keys))})")
        params += keys
    return fetch(
        conn,
        Birthday,
        "SELECT id AS person_id, name, birthday_month, birthday_day, birthday_year, added_on,"
        f" archived_on FROM person WHERE {' AND '.join(where)} ORDER BY id",
        params,
    )


def _listed(column: str, table: str, order: str, kind: str | None = None) -> str:
    """SQL for one person's values of ``column`` as a list field (``records.fetch``)."""
    where = f" AND kind = '{kind}'" if kind else ""
    return (
        f"(SELECT group_concat({column}, char(31)) FROM (SELECT {column} FROM {table}"
        f" WHERE person_id = p.id{where} ORDER BY {order}))"
    )


#: ``{_PERSON_SELECT} WHERE ...``: every field of ``Person``, by name.
_PERSON_SELECT = (
    f"SELECT p.*, {_listed('nickname', 'person_nickname', 'nickname')} AS nicknames,"
    f" {_listed('tag', 'person_tag', 'tag')} AS tags,"
    f" {_listed('value', 'person_contact', 'id', 'phone')} AS phones,"
    f" {_listed('value', 'person_contact', 'id', 'email')} AS emails"
    " FROM person p"
)


def get_person(conn: sqlite3.Connection, person_id: int) -> Person:
    person = fetch_one(conn, Person, f"{_PERSON_SELECT} WHERE p.id = ?", (person_id,))
    if person is None:
        raise NotFound(f"No one has the id #{person_id}.")
    return person


def every_person(conn: sqlite3.Connection) -> Iterator[Person]:
    """Everyone, archived people too, by id, one at a time (for the exports)."""
    return iterate(conn, Person, f"{_PERSON_SELECT} ORDER BY p.id")


class PersonRow(NamedTuple):
    """One line of the people list."""

    id: int
    name: str
    circle: str
    cadence_days: int  # in force: the person's own, else their circle's
    cadence_is_own: bool
    tags: list[str]
    nicknames: list[str]
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    archived_on: dt.date | None
    added_on: dt.date
    last_contact: dt.date | None
    last_in_person: dt.date | None

    @property
    def birthday(self) -> YearlyDate | None:
        return _birthday(self.birthday_month, self.birthday_day, self.birthday_year)

    def to_json(self) -> dict[str, Any]:
        """A line of `people --json` (docs/json.md)."""
        return {
            **_json_fields(self, self.cadence_days, self.cadence_is_own),
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "last_in_person": self.last_in_person.isoformat() if self.last_in_person else None,
        }


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
    # The cadence in force: the person's own, else their circle's.
    whens = "".join(f" WHEN :circle{i} THEN :cadence{i}" for i in range(len(defaults)))
    circle_cadence = f"CASE p.circle{whens} END"
    params: dict[str, Any] = {"until": (as_of or dt.date.max).isoformat()}
    for i, (name, days) in enumerate(defaults.items()):
        params[f"circle{i}"], params[f"cadence{i}"] = name, days
    where = []
    if circle:
        where.append("p.circle = :circle")
        params["circle"] = check_circle(circle)
    if tag:
        where.append(
            "EXISTS (SELECT 1 FROM person_tag t"
            " WHERE t.person_id = p.id AND t.tag = :tag COLLATE NOCASE)"
        )
        params["tag"] = clean_tag(tag)
    if archived == "no":
        where.append("p.archived_on IS NULL")
    elif archived == "only":
        where.append("p.archived_on IS NOT NULL")
    sql = (
        f"SELECT p.id, p.name, p.circle, coalesce(p.cadence_days, {circle_cadence})"
        " AS cadence_days, p.cadence_days IS NOT NULL AS cadence_is_own, p.birthday_month,"
        " p.birthday_day, p.birthday_year, p.archived_on, p.added_on,"
        f" {_listed('tag', 'person_tag', 'tag')} AS tags,"
        f" {_listed('nickname', 'person_nickname', 'nickname')} AS nicknames,"
        f" {last_contact_sql(':until')} AS last_contact,"
        f" {last_contact_sql(':until', in_person=True)} AS last_in_person"
        " FROM person p LEFT JOIN last_contact c ON c.person_id = p.id"
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    rows = fetch(conn, PersonRow, sql, params)
    for row in rows:
        row.tags.sort(key=fold)
        row.nicknames.sort(key=fold)
    return sort_people(rows, sort)


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


# --- before removing someone -------------------------------------------------------


class RemovalImpact(NamedTuple):
    """What removing a person takes with them (``only_theirs``), and what stays
    without them, to say before asking."""

    gettogethers_only_with_them: int
    gettogethers_shared: int  # not group meetings: those are ``group_meetings``
    favors_only_with_them: int
    life_events: int
    plans_only_with_them: int = 0
    group_meetings: int = 0  # they were at; these stay (you were there), even if only them


#: What is only theirs: plans with no one else in them, get-togethers no one else
#: was at (not a group's meeting: you were there, it stays), favors with no one
#: else.  Removing them takes exactly these along (``writes.people.remove_person``).
_ONLY_THEIRS = {
    "plans": "SELECT m.plan_id FROM plan_member m WHERE m.person_id = ? AND NOT EXISTS"
    " (SELECT 1 FROM plan_member n WHERE n.plan_id = m.plan_id AND n.person_id != m.person_id)",
    "gettogethers": "SELECT a.gettogether_id FROM attendance a"
    " JOIN gettogether g ON g.id = a.gettogether_id"
    " WHERE a.person_id = ? AND g.community_id IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM attendance b WHERE b.gettogether_id = a.gettogether_id"
    " AND b.person_id != a.person_id)",
    "favors": "SELECT f.favor_id FROM favor_person f WHERE f.person_id = ? AND NOT EXISTS"
    " (SELECT 1 FROM favor_person g WHERE g.favor_id = f.favor_id AND g.person_id != f.person_id)",
}


def only_theirs(conn: sqlite3.Connection, person_id: int) -> dict[str, list[int]]:
    """The ids of the plans, get-togethers and favors that concern only this person."""
    return {
        what: [row[0] for row in conn.execute(sql, (person_id,))]
        for what, sql in _ONLY_THEIRS.items()
    }


def removal_impact(conn: sqlite3.Connection, person_id: int) -> RemovalImpact:
    theirs = only_theirs(conn, person_id)
    total, groups = conn.execute(
        "SELECT count(*), coalesce(sum(g.community_id IS NOT NULL), 0) FROM attendance a"
        " JOIN gettogether g ON g.id = a.gettogether_id WHERE a.person_id = ?",
        (person_id,),
    ).fetchone()
    events = conn.execute(
        "SELECT count(*) FROM life_event WHERE person_id = ?", (person_id,)
    ).fetchone()[0]
    only = len(theirs["gettogethers"])
    return RemovalImpact(only, total - groups - only, len(theirs["favors"]), events,
                         len(theirs["plans"]), groups)  # fmt: skip


# --- archiving: the plans that go with a person into the archive and back -------------

#: A plan with someone in it who is not archived.
_SOMEONE_CURRENT = (
    "EXISTS (SELECT 1 FROM plan_member o JOIN person q ON q.id = o.person_id"
    " WHERE o.plan_id = p.id AND q.archived_on IS NULL{other})"
)


def _plans_with(conn: sqlite3.Connection, person_id: int, where: str, *params: Any) -> list[int]:
    """The ids of the plans with this person that ``where`` (on plan ``p``) keeps."""
    return [row[0] for row in conn.execute(
        "SELECT p.id FROM plan p JOIN plan_member m ON m.plan_id = p.id AND m.person_id = ?"
        f" WHERE {where} ORDER BY p.id",
        (person_id, *params),
    )]  # fmt: skip


def plans_only_with_archived(conn: sqlite3.Connection, person_id: int) -> list[int]:
    """The active plans with this person whose other people are all archived, by id:
    archiving them pauses these (no one in them would be coming)."""
    others = _SOMEONE_CURRENT.format(other=" AND q.id != ?")
    return _plans_with(conn, person_id, f"p.status = 'active' AND NOT {others}", person_id)


def plans_paused_by_archive(conn: sqlite3.Connection, person_id: int) -> list[int]:
    """The paused plans with this archived person that an archive paused, by id
    (``paused_by_archive``; everyone in them is archived still).  Restoring the person
    resumes these; a plan paused by hand stays paused."""
    return _plans_with(
        conn, person_id,
        f"p.status = 'paused' AND p.paused_by_archive AND NOT {_SOMEONE_CURRENT.format(other='')}",
    )  # fmt: skip


def shared_plans(conn: sqlite3.Connection, person_id: int) -> list[int]:
    """The active plans with this person and someone not archived, by id: they go on
    without an archived person (`upcoming` leaves the archived out of their names)."""
    others = _SOMEONE_CURRENT.format(other=" AND q.id != ?")
    return _plans_with(conn, person_id, f"p.status = 'active' AND {others}", person_id)
