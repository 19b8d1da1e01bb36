"""The map's facts: active people with their last contact, and your communities.
Reads only; never prints.  The map itself is built by ``supportnet.netmap``."""

from __future__ import annotations

import datetime as dt
import sqlite3

from supportnet.netmap import MapFacts, MapGroup, MapPerson
from supportnet.store.records import fetch, last_contact_sql


def map_facts(conn: sqlite3.Connection, today: dt.date) -> MapFacts:
    """Everyone not archived and added by ``today`` (with their last contact and last
    in-person contact up to then), and the communities you belong to that are not
    archived."""
    from supportnet.store.groups import list_groups

    people = fetch(
        conn,
        MapPerson,
        f"SELECT p.id, p.name, p.circle, {last_contact_sql(':today')} AS last_contact,"
        f" {last_contact_sql(':today', in_person=True)} AS last_in_person"
        " FROM person p LEFT JOIN last_contact c ON c.person_id = p.id"
        " WHERE p.archived_on IS NULL AND p.added_on <= :today ORDER BY p.id",
        {"today": today.isoformat()},
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
