"""The people of a plan, a group or a get-together: read once for many owners, and
named the one way every listing names them.  (Small on purpose: the agenda reads
plans' and groups' people without loading the rest of the get-together reads.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from supportnet.store.records import fetch
from supportnet.text import fold


def people_json(people: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """``[{"id", "name"}]``: how every listing names its people (docs/json.md)."""
    return [{"id": pid, "name": name} for pid, name in people]


def _by_name(people: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """People as (id, name) by name (case and accents ignored), then id."""
    return sorted(people, key=lambda p: (fold(p[1]), p[0]))


class _Member(NamedTuple):
    """Someone in a plan (or a group): ``owner_id`` is the plan's (or group's) id."""

    owner_id: int
    id: int
    name: str


def people_by_owner(
    conn: sqlite3.Connection, sql: str, params: tuple = ()
) -> dict[int, list[tuple[int, str]]]:
    """``SELECT ... AS owner_id, ... AS id, ... AS name`` as each owner's people,
    (id, name) by name (case and accents ignored), then id."""
    found: dict[int, list[tuple[int, str]]] = {}
    for m in fetch(conn, _Member, sql, params):
        found.setdefault(m.owner_id, []).append((m.id, m.name))
    return {owner: _by_name(people) for owner, people in found.items()}
