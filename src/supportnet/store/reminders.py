"""What the digests and reminders read: whether goals are set, the reminder schedule
in force and the runs recorded (migration 0008).  Reads only; never prints.

Rows become read records by column name (store/records.py).
"""

from __future__ import annotations

import sqlite3


def has_active_goals(conn: sqlite3.Connection) -> bool:
    """Whether any goal is set and not paused (the digest looks for one within reach)."""
    return conn.execute("SELECT 1 FROM goal WHERE status = 'active' LIMIT 1").fetchone() is not None
