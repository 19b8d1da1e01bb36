"""Resources (professionals, crisis lines...), who helps in a hard moment, and help-now.

Store functions never print; they return plain data for the CLI to render.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from supportnet.errors import Ambiguous, Conflict, InvalidInput, NotFound
from supportnet.text import choose_kind, closest, first_match, fold, join_words, parse_id

#: Kinds of resource, in the order help-now lists them: the professionals you
#: know first, then lines and places anyone can turn to.
RESOURCE_KINDS = (
    "therapist",
    "clinic",
    "support group",
    "peer line",
    "hotline",
    "website",
    "other",
)

#: Roles in a hard moment, in the order of a safety plan.
ROLES = ("takes_mind_off", "ask_for_help")
ROLE_WORDS = {
    "takes_mind_off": "takes your mind off things",
    "ask_for_help": "someone you can ask for help",
}


@dataclass(frozen=True)
class Resource:
    id: int
    name: str
    kind: str
    phone: str | None
    url: str | None
    note: str | None
    added_on: dt.date

    @property
    def label(self) -> str:
        return f"{self.name} (#{self.id})"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "phone": self.phone,
            "url": self.url,
            "note": self.note,
            "added_on": self.added_on.isoformat(),
        }


# --- resources ----------------------------------------------------------------------


def check_resource_kind(value: str) -> str:
    return choose_kind(value, list(RESOURCE_KINDS), "kind of resource")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def add_resource(
    conn: sqlite3.Connection,
    name: str,
    kind: str,
    today: dt.date,
    *,
    phone: str | None = None,
    url: str | None = None,
    note: str | None = None,
) -> int:
    """Record a resource; returns its id.  Needs at least a phone number or an address."""
    clean_name = _clean(name)
    if not clean_name:
        raise InvalidInput("A resource needs a name.")
    kind = check_resource_kind(kind)
    phone, url = _clean(phone), _clean(url)
    if phone is not None and not re.search(r"\d", phone):
        raise InvalidInput(f"{phone!r} does not look like a phone number.")
    if url is not None and (" " in url or ("." not in url and ":" not in url)):
        raise InvalidInput(f"{url!r} does not look like a web address.")
    if phone is None and url is None and not _clean(note):
        raise InvalidInput(
            "Say how to reach it: --phone, --url, or at least a --note (for example where it is)."
        )
    same = [r for r in list_resources(conn) if fold(r.name) == fold(clean_name)]
    if same:
        raise Conflict(f"{same[0].label} is already in your resources.")
    cursor = conn.execute(
        "INSERT INTO resource (name, kind, phone, url, note, added_on) VALUES (?, ?, ?, ?, ?, ?)",
        (clean_name, kind, phone, url, _clean(note), today.isoformat()),
    )
    return int(cursor.lastrowid)


_KIND_ORDER_SQL = (
    "CASE kind "
    + " ".join(f"WHEN '{kind}' THEN {i}" for i, kind in enumerate(RESOURCE_KINDS))
    + " END"
)


def list_resources(conn: sqlite3.Connection) -> list[Resource]:
    """Every resource, professionals first, then lines and websites; by name within a kind."""
    rows = conn.execute(
        "SELECT id, name, kind, phone, url, note, added_on FROM resource"
        f" ORDER BY {_KIND_ORDER_SQL}, name COLLATE NOCASE, id"
    )
    return [
        Resource(rid, name, kind, phone, url, note, dt.date.fromisoformat(added))
        for rid, name, kind, phone, url, note, added in rows
    ]


def resolve_resource(conn: sqlite3.Connection, ref: str) -> Resource:
    """The one resource ``ref`` (a name, its beginning, or #id) names."""
    everyone = list_resources(conn)
    text = ref.strip()
    number = parse_id(text)
    if number is not None:
        for r in everyone:
            if r.id == number:
                return r
        raise NotFound(f"No resource has the id #{number}. `supportnet resources` lists them.")
    key = fold(text)
    if not key:
        raise InvalidInput("A resource's name is needed.")
    found = first_match(
        [everyone], [lambda r: fold(r.name) == key, lambda r: fold(r.name).startswith(key)]
    )
    if len(found) == 1:
        return found[0]
    if found:
        shown = [r.label for r in found[:8]]
        raise Ambiguous(f"{text!r} could be {join_words(shown, 'or')}; use the #id.")
    near = closest(text, [r.name for r in everyone])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No resource called {text!r} is here.{hint}")


def remove_resource(conn: sqlite3.Connection, resource_id: int) -> None:
    conn.execute("DELETE FROM resource WHERE id = ?", (resource_id,))


def resolve_community(conn: sqlite3.Connection, ref: str) -> tuple[int, str]:
    """(id, name) of the one community ``ref`` (a name, its beginning, or #id) names."""
    from supportnet.store.groups import resolve_group

    gid = resolve_group(conn, ref)
    return gid, conn.execute("SELECT name FROM community WHERE id = ?", (gid,)).fetchone()[0]


# --- who helps in a hard moment -------------------------------------------------------


@dataclass(frozen=True)
class Supporter:
    """A person, community or place with one role in a hard moment."""

    type: str  # person, community, place
    id: int | None  # the person's or community's id; None for a place
    name: str
    role: str
    phones: tuple[str, ...] = ()
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "phones": list(self.phones),
            "note": self.note,
        }


def _target_clause(person_id: int | None, community_id: int | None, place: str | None):
    if person_id is not None:
        return "person_id = ?", person_id
    if community_id is not None:
        return "community_id = ?", community_id
    return "place = ? COLLATE NOCASE", place


def set_roles(
    conn: sqlite3.Connection,
    roles: list[str],
    today: dt.date,
    *,
    person_id: int | None = None,
    community_id: int | None = None,
    place: str | None = None,
    note: str | None = None,
) -> list[str]:
    """Give a person, community or place these roles; returns the roles newly added."""
    place = _clean(place)
    clause, value = _target_clause(person_id, community_id, place)
    added = []
    for role in roles:
        exists = conn.execute(
            f"SELECT id FROM safety_role WHERE {clause} AND role = ?", (value, role)
        ).fetchone()
        if exists:
            if note is not None:
                conn.execute(
                    "UPDATE safety_role SET note = ? WHERE id = ?", (_clean(note), exists[0])
                )
            continue
        conn.execute(
            "INSERT INTO safety_role (role, person_id, community_id, place, note, added_on)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (role, person_id, community_id, place, _clean(note), today.isoformat()),
        )
        added.append(role)
    return added


def drop_roles(
    conn: sqlite3.Connection,
    roles: list[str],
    *,
    person_id: int | None = None,
    community_id: int | None = None,
    place: str | None = None,
) -> list[str]:
    """Take these roles away; returns the roles that were there."""
    clause, value = _target_clause(person_id, community_id, _clean(place))
    dropped = []
    for role in roles:
        cursor = conn.execute(f"DELETE FROM safety_role WHERE {clause} AND role = ?", (value, role))
        if cursor.rowcount:
            dropped.append(role)
    return dropped


def roles_of_person(conn: sqlite3.Connection, person_id: int) -> list[str]:
    """The roles a person has, in safety-plan order."""
    found = {r for (r,) in conn.execute(
        "SELECT role FROM safety_role WHERE person_id = ?", (person_id,))}  # fmt: skip
    return [role for role in ROLES if role in found]


def supporters(conn: sqlite3.Connection) -> list[Supporter]:
    """Everyone and everywhere with a role (active people and groups only), in
    safety-plan order: role, then people, groups, places, each by name."""
    rows = conn.execute(
        "SELECT s.role, 'person', p.id, p.name, s.note,"
        "  (SELECT group_concat(c.value, char(31)) FROM"
        "    (SELECT value FROM person_contact WHERE person_id = p.id AND kind = 'phone'"
        "     ORDER BY id) c), 0"
        " FROM safety_role s JOIN person p ON p.id = s.person_id"
        " WHERE p.archived_on IS NULL"
        " UNION ALL"
        " SELECT s.role, 'community', g.id, g.name, s.note, NULL, 1"
        " FROM safety_role s JOIN community g ON g.id = s.community_id"
        " WHERE g.archived_on IS NULL"
        " UNION ALL"
        " SELECT s.role, 'place', NULL, s.place, s.note, NULL, 2"
        " FROM safety_role s WHERE s.place IS NOT NULL"
    ).fetchall()
    order = {role: i for i, role in enumerate(ROLES)}
    rows.sort(key=lambda r: (order[r[0]], r[6], fold(r[3]), r[2] or 0))
    return [
        Supporter(kind, sid, name, role, tuple(phones.split("\x1f")) if phones else (), note)
        for role, kind, sid, name, note, phones, _ in rows
    ]


def help_now(conn: sqlite3.Connection) -> dict[str, Any]:
    """Everything `help-now` shows, as plain data in safety-plan order."""
    everyone = supporters(conn)
    resources = list_resources(conn)
    return {
        "takes_mind_off": [s.to_json() for s in everyone if s.role == "takes_mind_off"],
        "ask_for_help": [s.to_json() for s in everyone if s.role == "ask_for_help"],
        "resources": [r.to_json() for r in resources],
    }
