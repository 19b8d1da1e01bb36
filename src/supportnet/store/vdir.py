"""What supportnet remembers of each vdir it wrote or read (migration 0009).  Reads only.

Rows become read records by column name (store/records.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from supportnet.store.records import fetch


@dataclass
class ItemState:
    """One item file as supportnet last wrote or read it (``models.VdirItem``)."""

    id: int
    href: str
    uid: str
    kind: str
    source: str
    fingerprint: str | None
    content_hash: str
    size: int
    mtime_ns: int
    base: str | None


def item_states(conn: sqlite3.Connection, folder: str, kinds: tuple[str, ...]) -> list[ItemState]:
    """Every item of ``kinds`` recorded for ``folder`` (an absolute path), by href."""
    marks = ", ".join("?" for _ in kinds)
    return fetch(
        conn,
        ItemState,
        "SELECT id, href, uid, kind, source, fingerprint, content_hash, size, mtime_ns, base"
        f" FROM vdir_item WHERE folder = ? AND kind IN ({marks}) ORDER BY href",
        (folder, *kinds),
    )
