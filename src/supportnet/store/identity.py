"""The database's own identity, and the UIDs derived from it.

Migration 0006 gives every database a random UUID once.  A UID written into a
vCard or calendar file is a name-based UUID (RFC 4122 version 5) of that
identity and the record: the same record of the same database always gets the
same UID, and two databases never share one.
"""

from __future__ import annotations

import sqlite3
import uuid

#: The table that holds the identity (one row): it travels with backups and JSON
#: exports, but it is not user data (an otherwise empty database still has it).
TABLE = "database_identity"


def database_identity(conn: sqlite3.Connection) -> uuid.UUID:
    """The random UUID this database was given when it was created (or upgraded)."""
    (text,) = conn.execute(f"SELECT uuid FROM {TABLE} WHERE id = 1").fetchone()
    return uuid.UUID(text)


def make_uid(identity: uuid.UUID, kind: str, key: object) -> str:
    """``make_uid(identity, "person", 3)``: a UUID, stable for this database and record."""
    return str(uuid.uuid5(identity, f"{kind}/{key}"))


def ensure_identity(conn: sqlite3.Connection) -> None:
    """Give the database a new random identity if it has none (an older export)."""
    conn.execute(
        f"INSERT OR IGNORE INTO {TABLE} (id, uuid, created_on) VALUES (1, ?, date('now'))",
        (str(uuid.uuid4()),),
    )
