"""Get-togethers: history, kinds, and who knows whom (reads; changes are in
``writes.gettogethers``)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from supportnet.errors import InvalidInput, NotFound
from supportnet.store.owners import people_by_owner, people_json
from supportnet.store.records import fetch, fetch_one, iterate, last_contact_sql
from supportnet.text import (
    SQLITE_MAX_INT,
    choose_kind,
    choose_open_kind,
    fold,
    id_key,
    join_words,
    one_edit_apart,
    parse_id,
)

#: The kinds of get-together, each with whether it is usually in person.
KINDS: dict[str, bool] = {
    "coffee": True,
    "meal": True,
    "call": False,
    "video": False,
    "text": False,
    "walk": True,
    "visit": True,
    "group meeting": True,
    "other": True,
}

#: Words in a free-text description that tell the kind ("dinner at Sam's" -> meal).
KIND_WORDS: dict[str, str] = {
    "coffee": "coffee", "tea": "coffee", "cafe": "coffee",
    "meal": "meal", "lunch": "meal", "dinner": "meal", "breakfast": "meal", "brunch": "meal",
    "supper": "meal", "picnic": "meal",
    "call": "call", "phone": "call", "rang": "call",
    "video": "video", "zoom": "video", "facetime": "video", "videocall": "video",
    "text": "text", "texts": "text", "texted": "text", "message": "text", "messages": "text",
    "chat": "text", "dm": "text",
    "walk": "walk", "hike": "walk", "stroll": "walk",
    "visit": "visit", "visited": "visit",
    "meeting": "group meeting", "rehearsal": "group meeting", "practice": "group meeting",
}  # fmt: skip


@dataclass
class _Value:
    """One value a query computes (``SELECT count(*) AS value``)."""

    value: Any


def _value(conn: sqlite3.Connection, sql: str, params: Iterable[Any] = ()) -> Any:
    found = fetch_one(conn, _Value, sql, tuple(params))
    return found.value if found else None


# --- kinds ------------------------------------------------------------------------


@dataclass
class _Kind:
    kind: str


def known_kinds(conn: sqlite3.Connection) -> list[str]:
    """The built-in kinds, then any kind added with --new-kind (already in use)."""
    used = [
        k.kind
        for k in fetch(
            conn, _Kind, "SELECT kind FROM gettogether UNION SELECT kind FROM plan ORDER BY 1"
        )
    ]
    return list(KINDS) + [k for k in used if k not in KINDS]


def check_kind(conn: sqlite3.Connection, value: str, *, new: bool = False) -> str:
    """The kind of a get-together or plan: a known one (typos get "Did you mean"), or a
    new one when ``new`` is set (``text.choose_open_kind``).

    A built-in kind is known without reading every get-together's kind (the
    built-in ones come first in ``known_kinds``, so the answer is the same).
    """
    try:
        return choose_kind(value, list(KINDS), "kind")
    except InvalidInput:
        return choose_open_kind(value, known_kinds(conn), "kind", new=new)


def guess_kind(what: str | None) -> str | None:
    """The kind a description names: 'coffee' -> coffee, 'dinner at Sam's' -> meal."""
    if not what:
        return None
    key = fold(what)
    if key in KINDS:
        return key
    for word in re.findall(r"[a-z]+", key):
        if word in KIND_WORDS:
            return KIND_WORDS[word]
    return None


def kind_typo(what: str | None) -> str | None:
    """The kind word a one-word description is most likely a typo of ("coffe" ->
    coffee, "dinnr" -> dinner), or None.

    Only a word of four letters or more, one edit away from a word of ``KIND_WORDS``
    with the same first letter, and not its plural: "talk" is not a typo of walk,
    nor "walks" of walk.
    """
    if not what or guess_kind(what) is not None:
        return None
    word = fold(what)
    if len(word) < 4 or not word.isalpha():
        return None
    for known in KIND_WORDS:
        if known[0] == word[0] and word != known + "s" and one_edit_apart(word, known):
            return known
    return None


def default_in_person(kind: str) -> bool:
    return KINDS.get(kind, True)


# --- the same one twice -----------------------------------------------------------


@dataclass
class _Logged:
    id: int
    what: str | None
    people: list[str]  # their ids, as text


def find_duplicate(
    conn: sqlite3.Connection,
    *,
    people: list[int],
    on_date: dt.date,
    kind: str,
    community_id: int | None,
    since: dt.datetime,
    what: str | None = None,
) -> int | None:
    """A get-together with the same people, date, kind, description and group logged
    since ``since`` (descriptions compared as ``fold`` does)."""
    # "= ?" for a group, so that the index of the group's get-togethers (only theirs:
    # migration 0016) finds them; without one, the day's are few.
    group = "IS NULL" if community_id is None else "= :group"
    logged = fetch(
        conn,
        _Logged,
        "SELECT g.id, g.what, (SELECT group_concat(a.person_id, char(31)) FROM attendance a"
        "  WHERE a.gettogether_id = g.id) AS people"
        f" FROM gettogether g WHERE g.on_date = :day AND g.kind = :kind"
        f" AND g.community_id {group} AND g.logged_at >= :since ORDER BY g.id",
        {"day": on_date.isoformat(), "kind": kind, "group": community_id,
         "since": since.isoformat(timespec="seconds")},
    )  # fmt: skip
    wanted = sorted(set(people))
    for candidate in logged:
        if fold(candidate.what or "") != fold(what or ""):
            continue
        if sorted(int(pid) for pid in candidate.people) == wanted:
            return candidate.id
    return None


def meeting_logged(
    conn: sqlite3.Connection,
    community_id: int,
    on_date: dt.date,
    what: str | None,
    but: int | None = None,
) -> int | None:
    """The first get-together but ``but`` logged at ``community_id`` on ``on_date``
    with the same description (``what``, compared as ``fold`` does; None: the meeting
    itself)."""
    for gid, logged in conn.execute(
        "SELECT id, what FROM gettogether WHERE community_id = ? AND on_date = ?"
        " AND id IS NOT ? ORDER BY id",
        (community_id, on_date.isoformat(), but),
    ):
        if fold(logged or "") == fold(what or ""):
            return gid
    return None


# --- finding ----------------------------------------------------------------------


@dataclass
class Entry:
    """One get-together as history shows it (a read record of ``models.Gettogether``,
    with its group's name, its plan's title and who was there)."""

    id: int
    what: str | None
    kind: str
    on_date: dt.date
    at_time: str | None
    in_person: bool
    place: str | None
    note: str | None
    duration_minutes: int | None
    community_id: int | None
    plan_id: int | None
    logged_at: str  # the UTC timestamp as stored; only ever shown
    community_name: str | None = None
    plan_title: str | None = None
    #: Who was there, as (id, name), by name.
    people: list[tuple[int, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.what:
            return self.what
        if self.community_name is not None:
            return self.community_name
        return self.kind if self.kind != "other" else "get-together"

    @property
    def title_at_group(self) -> str:
        """'rehearsal at Community chorus' (a group's meeting with its own title)."""
        if self.community_name is not None and self.what:
            return f"{self.title} at {self.community_name}"
        return self.title

    @property
    def names(self) -> list[str]:
        return [name for _, name in self.people]

    def describe(self) -> str:
        """'coffee with Maya and Sam on 2026-06-09' (no id)."""
        with_ = f" with {join_words(self.names)}" if self.people else ""
        return f"{self.title_at_group}{with_} on {self.on_date.isoformat()}"

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form of a get-together (docs/gettogethers.md)."""
        group = self.community_id
        return {
            "id": self.id,
            "date": self.on_date.isoformat(),
            "time": self.at_time,
            "title": self.title,
            "what": self.what,
            "kind": self.kind,
            "in_person": self.in_person,
            "people": people_json(self.people),
            "group": {"id": group, "name": self.community_name} if group is not None else None,
            "plan": {"id": self.plan_id, "title": self.plan_title}
            if self.plan_id is not None
            else None,
            "place": self.place,
            "note": self.note,
            "minutes": self.duration_minutes,
            "logged_at": self.logged_at,
        }


_ENTRY_SELECT = (
    "SELECT g.id, g.what, g.kind, g.on_date, g.at_time, g.in_person, g.place, g.note,"
    " g.duration_minutes, g.community_id, g.plan_id, g.logged_at,"
    " c.name AS community_name, pl.title AS plan_title"
    " FROM gettogether g LEFT JOIN community c ON c.id = g.community_id"
    " LEFT JOIN plan pl ON pl.id = g.plan_id "
)
#: Ids per look-up of who was there (well under SQLite's limit of bound values).
_CHUNK = 500


def _entries(
    conn: sqlite3.Connection, where: str, params: list[Any], limit: int | None
) -> Iterator[Entry]:
    """The get-togethers of ``where``, newest first, read a few hundred at a time with
    who was there (a history of 200,000 is never held whole)."""
    sql = _ENTRY_SELECT + where + " ORDER BY g.on_date DESC, g.id DESC"
    if limit:
        # A limit beyond what SQLite can read means no limit at all.
        sql += f" LIMIT {min(int(limit), SQLITE_MAX_INT)}"
    found = iterate(conn, Entry, sql, params)
    while chunk := list(itertools.islice(found, _CHUNK)):
        people = people_by_owner(
            conn,
            "SELECT a.gettogether_id AS owner_id, a.person_id AS id, p.name FROM attendance a"
            " JOIN person p ON p.id = a.person_id"
            f" WHERE a.gettogether_id IN ({','.join('?' * len(chunk))})",
            tuple(entry.id for entry in chunk),
        )
        for entry in chunk:
            entry.people = people.get(entry.id, [])
        yield from chunk


def parse_entry_id(ref: str) -> int:
    number = parse_id(ref)
    if number is None:
        raise InvalidInput(
            f"{ref.strip()!r} is not a get-together id; `supportnet history` shows them (#12)."
        )
    return number


def get_entry(conn: sqlite3.Connection, gid: int) -> Entry:
    found = next(_entries(conn, "WHERE g.id = ?", [id_key(gid)], None), None)
    if found is None:
        raise NotFound(
            f"No get-together has the id #{gid}. `supportnet history` lists them with their ids."
        )
    return found


def last_entry_id(conn: sqlite3.Connection) -> int:
    last = _value(conn, "SELECT max(id) AS value FROM gettogether")
    if last is None:
        raise NotFound("Nothing has been logged yet, so there is nothing to undo.")
    return last


def history(
    conn: sqlite3.Connection,
    *,
    person_id: int | None = None,
    community_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> Iterator[Entry]:
    """Get-togethers, newest first (then by id, newest first), read as they are used:
    the connection must stay open until the last is read."""
    where, params = [], []
    if until is not None:
        where.append("g.on_date <= ?")
        params.append(until.isoformat())
    if person_id is not None:
        theirs = "SELECT gettogether_id FROM attendance WHERE person_id = ?"
        params.append(person_id)
        if until is not None:
            theirs += " AND on_date <= ?"
            params.append(until.isoformat())
        if limit and community_id is None and since is None:
            # Their newest straight from the index (attendance keeps each get-together's
            # date): `show` of someone with 30,000 get-togethers reads five, not all.
            theirs += (
                " ORDER BY on_date DESC, gettogether_id DESC"
                f" LIMIT {min(int(limit), SQLITE_MAX_INT)}"
            )
        where.append(f"g.id IN ({theirs})")
    if community_id is not None:
        where.append("g.community_id = ?")
        params.append(community_id)
    if since is not None:
        where.append("g.on_date >= ?")
        params.append(since.isoformat())
    clause = "WHERE " + " AND ".join(where) if where else ""
    return _entries(conn, clause, params, limit)


# --- who knows whom ---------------------------------------------------------------


@dataclass
class Acquaintance:
    """Someone a person knows, as `show NAME` lists them."""

    id: int
    name: str
    recorded: bool  # recorded with `supportnet know`
    together: int  # get-togethers shared
    last_together: dt.date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "recorded": self.recorded,
            "together": self.together,
            "last_together": self.last_together.isoformat() if self.last_together else None,
        }


#: Everyone the active person :person knows, with the get-togethers they shared
#: (``pair_contact``: a row per pair, kept by triggers, so someone with 160,000
#: get-togethers is read in the few thousand people they met, not in all of those).
_KNOWN = (
    "SELECT p.id, p.name, k.recorded, k.together, k.last_together, count(*) OVER () AS in_all"
    " FROM ("
    "  SELECT id, max(recorded) AS recorded, sum(together) AS together,"
    "   max(last_together) AS last_together FROM ("
    "   SELECT person_b AS id, 0 AS recorded, together, last_on AS last_together"
    "   FROM pair_contact WHERE person_a = :person"
    "   UNION ALL SELECT person_a, 0, together, last_on FROM pair_contact WHERE person_b = :person"
    "   UNION ALL SELECT person_b, 1, 0, NULL FROM acquaintance WHERE person_a = :person"
    "   UNION ALL SELECT person_a, 1, 0, NULL FROM acquaintance WHERE person_b = :person)"
    "  GROUP BY id) k"
    " JOIN person p ON p.id = k.id WHERE p.archived_on IS NULL"
)


@dataclass
class _Known(Acquaintance):
    in_all: int  # how many the person knows, of whom this is one

    def known(self) -> Acquaintance:
        return Acquaintance(self.id, self.name, self.recorded, self.together, self.last_together)


def known_by(
    conn: sqlite3.Connection, person_id: int, first: int | None = None
) -> tuple[list[Acquaintance], int]:
    """The active people ``person_id`` knows (recorded, or met at a get-together), and
    how many they are.

    Most shared get-togethers first, then by name; ``first``: only the first so many
    (SQL orders by the count; the names are compared only among those that tie with
    the last one kept).
    """
    rows = iterate(conn, _Known, _KNOWN + " ORDER BY k.together DESC", {"person": person_id})
    if first is None:
        found = list(rows)
    else:  # (at least one, for how many in all)
        found = list(itertools.islice(rows, max(first, 1)))
        if found:
            least = found[-1].together
            found += itertools.takewhile(lambda a: a.together == least, rows)
    in_all = found[0].in_all if found else 0
    found.sort(key=lambda a: (-a.together, fold(a.name), a.id))
    kept = found if first is None else found[: max(first, 0)]
    return [a.known() for a in kept], in_all


def shared_count(conn: sqlite3.Connection, a: int, b: int) -> int:
    """How many get-togethers ``a`` and ``b`` were both at."""
    found = _value(
        conn,
        "SELECT together AS value FROM pair_contact WHERE person_a = ? AND person_b = ?",
        (min(a, b), max(a, b)),
    )
    return found or 0


# --- for `show NAME` --------------------------------------------------------------


@dataclass
class _Contact:
    count: int
    last_contact: dt.date | None
    last_in_person: dt.date | None


@dataclass
class PersonPlan:
    """A plan someone is in, as `show NAME` names it."""

    id: int
    title: str
    status: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "status": self.status}


@dataclass
class PersonGroup:
    """A group someone belongs to, as `show NAME` names it."""

    id: int
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


def person_summary(
    conn: sqlite3.Connection,
    person_id: int,
    today: dt.date,
    recent: int = 5,
    known: int | None = None,
) -> dict[str, Any]:
    """What `show NAME` says about get-togethers (up to ``today``: how many, the last
    contact, the latest ``recent``), plans, groups and who they know: everyone
    (``knows``), or with ``known`` the first so many, and ``knows_in_all``."""
    contact = fetch_one(
        conn,
        _Contact,
        "SELECT (SELECT count(*) FROM attendance WHERE person_id = p.id"
        "  AND on_date <= :today) AS count,"
        f" {last_contact_sql(':today')} AS last_contact,"
        f" {last_contact_sql(':today', in_person=True)} AS last_in_person"
        " FROM person p LEFT JOIN last_contact c ON c.person_id = p.id WHERE p.id = :person",
        {"person": person_id, "today": today.isoformat()},
    )
    assert contact is not None  # the person was found by the caller
    plans = fetch(
        conn,
        PersonPlan,
        "SELECT p.id, p.title, p.status FROM plan p JOIN plan_member m ON m.plan_id = p.id"
        " WHERE m.person_id = ? ORDER BY p.status = 'ended', p.id",
        (person_id,),
    )
    groups = fetch(
        conn,
        PersonGroup,
        "SELECT c.id, c.name FROM community c JOIN community_member m ON m.community_id = c.id"
        " WHERE m.person_id = ? AND c.archived_on IS NULL ORDER BY c.name, c.id",
        (person_id,),
    )
    last, in_person = contact.last_contact, contact.last_in_person
    knows, knows_in_all = known_by(conn, person_id, known)
    summary = {
        "count": contact.count,
        "last_contact": last.isoformat() if last else None,
        "last_in_person": in_person.isoformat() if in_person else None,
        "recent": [
            e.to_json() for e in history(conn, person_id=person_id, until=today, limit=recent)
        ],
        "knows": [a.to_json() for a in knows],
        "plans": [p.to_json() for p in plans],
        "groups": [g.to_json() for g in groups],
    }
    if known is not None:
        summary["knows_in_all"] = knows_in_all
    return summary
