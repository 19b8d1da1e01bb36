"""The map's facts: active people with their last contact, and your communities.
Reads only; never prints.  The map itself is built by ``supportnet.netmap``."""

from __future__ import annotations

import datetime as dt
import sqlite3

from supportnet.netmap import MapFacts, MapGroup, MapPerson
from supportnet.store.records import fetch


def map_facts(conn: sqlite3.Connection, today: dt.date) -> MapFacts:
    """Everyone not archived (with their last contact and last in-person contact up to
    ``today``), and the communities you belong to that are not archived."""
    from supportnet.store.groups import list_groups

    day = today.isoformat()
    people = fetch(
        conn,
        MapPerson,
        "SELECT p.id, p.name, p.circle,"
        "  (SELECT max(a.on_date) FROM attendance a"
        "   WHERE a.person_id = p.id AND a.on_date <= ?) AS last_contact,"
        "  (SELECT max(a.on_date) FROM attendance a"
        "   WHERE a.person_id = p.id AND a.in_person = 1 AND a.on_date <= ?) AS last_in_person"
        " FROM person p WHERE p.archived_on IS NULL ORDER BY p.id",
        (day, day),
    )
    groups = [
        MapGroup(
            id=row.group.id,
            name=row.group.name,
            kind=row.group.kind,
            matters=row.group.matters,
            members=tuple(name for _, name in row.group.members),
            recent_meetings=row.recent_meetings,
            recent_attended=row.recent_attended,
            last_attended=row.last_attended,
        )
        for row in list_groups(conn, today)
        if row.group.i_am_member
    ]
    return MapFacts(people=people, groups=groups)
