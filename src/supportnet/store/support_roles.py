"""Who covers each support role (``supportnet.support_roles``), read from the records:
lean-on roles, happy life events, favors received.  Reads only; never prints."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from supportnet.store.records import fetch
from supportnet.support_roles import Covering, RoleFacts
from supportnet.text import fold

#: Favors received this many days back count as practical help.
PRACTICAL_DAYS = 365


class _Row(NamedTuple):
    role: str
    type: str
    id: int | None
    name: str


def role_facts(conn: sqlite3.Connection, today: dt.date) -> RoleFacts:
    """Active people, groups and places covering each role, by name."""
    since = (today - dt.timedelta(days=PRACTICAL_DAYS - 1)).isoformat()
    # CROSS JOIN: from the roles and favors to the people they name (a few rows, each
    # a look-up by key), never a look-up of roles and favors for each of 20,000 people.
    rows = fetch(
        conn,
        _Row,
        "SELECT CASE s.role WHEN 'ask_for_help' THEN 'ask_for_help' ELSE 'company' END AS role,"
        "  'person' AS type, p.id, p.name"
        " FROM safety_role s CROSS JOIN person p ON p.id = s.person_id WHERE p.archived_on IS NULL"
        " UNION ALL"
        " SELECT 'company', 'community', g.id, g.name"
        " FROM safety_role s CROSS JOIN community g ON g.id = s.community_id"
        " WHERE s.role = 'takes_mind_off' AND g.archived_on IS NULL"
        " UNION ALL"
        " SELECT 'company', 'place', NULL, s.place FROM safety_role s"
        " WHERE s.role = 'takes_mind_off' AND s.place IS NOT NULL"
        " UNION ALL"
        " SELECT DISTINCT 'celebrate', 'person', p.id, p.name"
        " FROM life_event e JOIN person p ON p.id = e.person_id"
        " WHERE e.tone = 'happy' AND p.archived_on IS NULL"
        " UNION ALL"
        " SELECT DISTINCT 'practical', 'person', p.id, p.name"
        " FROM favor_person f CROSS JOIN person p ON p.id = f.person_id"
        " WHERE f.direction = 'received' AND f.on_date BETWEEN ? AND ?"
        "  AND p.archived_on IS NULL",
        (since, today.isoformat()),
    )
    order = {"person": 0, "community": 1, "place": 2}
    rows.sort(key=lambda r: (order[r.type], fold(r.name), r.id or 0))
    facts = RoleFacts()
    for r in rows:
        facts.of(r.role).append(Covering(r.type, r.id, r.name))
    return facts
