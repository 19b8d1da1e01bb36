"""Resources (professionals, crisis lines...), who helps in a hard moment, and help-now.

Reads only (changes are in ``writes.helpnow``).  Store functions never print;
they return plain data for the CLI to render.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from supportnet.errors import Ambiguous, InvalidInput, NotFound
from supportnet.store.records import fetch
from supportnet.text import choose_kind, first_match, fold, join_words, parse_id, similar, some_of

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


def says_kind(name: str, kind: str) -> bool:
    """Whether a resource's name already says its kind, as a word: "Dr. Weiss
    (therapist)", "City support groups", "Crisis hotline" (not "My brother" for other)."""
    words = " ".join(re.split(r"[^\w]+", fold(name)))
    return re.search(rf"(?<!\w){re.escape(fold(kind))}s?(?!\w)", words) is not None


def kind_suffix(name: str, kind: str) -> str:
    """What follows a resource's name: its kind in brackets (" (hotline)"), or
    nothing when the name says it already."""
    return "" if says_kind(name, kind) else f" ({kind})"


_KIND_ORDER_SQL = (
    "CASE kind "
    + " ".join(f"WHEN '{kind}' THEN {i}" for i, kind in enumerate(RESOURCE_KINDS))
    + " END"
)


def list_resources(conn: sqlite3.Connection) -> list[Resource]:
    """Every resource, professionals first, then lines and websites; by name within a kind."""
    return fetch(
        conn,
        Resource,
        "SELECT id, name, kind, phone, url, note, added_on FROM resource"
        f" ORDER BY {_KIND_ORDER_SQL}, name COLLATE NOCASE, id",
    )


def get_resource(conn: sqlite3.Connection, resource_id: int) -> Resource:
    """The resource with this id (``NotFound`` when there is none)."""
    for r in list_resources(conn):
        if r.id == resource_id:
            return r
    raise NotFound(f"No resource has the id #{resource_id}. `supportnet resources` lists them.")


def resolve_resource(conn: sqlite3.Connection, ref: str) -> int:
    """The id of the one resource ``ref`` (a name, its beginning, or #id) names."""
    text = ref.strip()
    number = parse_id(text)
    if number is not None:
        return get_resource(conn, number).id
    everyone = list_resources(conn)
    key = fold(text)
    if not key:
        raise InvalidInput("A resource's name is needed.")
    found = first_match(
        [everyone], [lambda r: fold(r.name) == key, lambda r: fold(r.name).startswith(key)]
    )
    if len(found) == 1:
        return found[0].id
    if found:
        shown = some_of([r.label for r in found])
        raise Ambiguous(f"{text!r} could be {shown}; use the #id.")
    near = similar(text, [(r.name, [r.name]) for r in everyone])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No resource called {text!r} is here.{hint}")


# --- who helps in a hard moment -------------------------------------------------------


@dataclass(frozen=True)
class Supporter:
    """A person, community or place with one role in a hard moment."""

    type: str  # person, community, place
    id: int | None  # the person's or community's id; None for a place
    name: str
    role: str
    phones: list[str] = field(default_factory=list)
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


@dataclass(frozen=True)
class _Role:
    role: str


def roles_of_person(conn: sqlite3.Connection, person_id: int) -> list[str]:
    """The roles a person has, in safety-plan order."""
    found = {r.role for r in fetch(
        conn, _Role, "SELECT role FROM safety_role WHERE person_id = ?", (person_id,))}  # fmt: skip
    return [role for role in ROLES if role in found]


_TYPE_ORDER = {"person": 0, "community": 1, "place": 2}


def supporters(conn: sqlite3.Connection) -> list[Supporter]:
    """Everyone and everywhere with a role (active people and groups only), in
    safety-plan order: role, then people, groups, places, each by name."""
    found = fetch(
        conn,
        Supporter,
        "SELECT s.role, 'person' AS type, p.id, p.name, s.note,"
        "  (SELECT group_concat(c.value, char(31)) FROM"
        "    (SELECT value FROM person_contact WHERE person_id = p.id AND kind = 'phone'"
        "     ORDER BY id) c) AS phones"
        " FROM safety_role s JOIN person p ON p.id = s.person_id"
        " WHERE p.archived_on IS NULL"
        " UNION ALL"
        " SELECT s.role, 'community', g.id, g.name, s.note, NULL"
        " FROM safety_role s JOIN community g ON g.id = s.community_id"
        " WHERE g.archived_on IS NULL"
        " UNION ALL"
        " SELECT s.role, 'place', NULL, s.place, s.note, NULL"
        " FROM safety_role s WHERE s.place IS NOT NULL",
    )
    order = {role: i for i, role in enumerate(ROLES)}
    found.sort(key=lambda s: (order[s.role], _TYPE_ORDER[s.type], fold(s.name), s.id or 0))
    return found


def help_now(conn: sqlite3.Connection) -> dict[str, Any]:
    """Everything `help-now` shows, as plain data in safety-plan order."""
    everyone = supporters(conn)
    resources = list_resources(conn)
    return {
        "takes_mind_off": [s.to_json() for s in everyone if s.role == "takes_mind_off"],
        "ask_for_help": [s.to_json() for s in everyone if s.role == "ask_for_help"],
        "resources": [r.to_json() for r in resources],
    }
