"""Recording what was written to or read from a vdir (``models.VdirItem``, migration 0009).

Rows are written many at a time (``executemany``): an export of thousands of
cards costs a few statements.  The rows are bookkeeping made by supportnet itself
(hashes, sizes, times of files it just wrote or read), not user input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, delete, insert
from sqlmodel import Session

from supportnet.models.vdir import VdirItem

_ITEM = VdirItem.__table__  # type: ignore[attr-defined]


def forget_items(session: Session, ids: Iterable[int]) -> None:
    """Forget items by id (their files were removed, or they are written anew)."""
    rows = [{"gone": i} for i in ids]
    if rows:
        session.connection().execute(delete(_ITEM).where(_ITEM.c.id == bindparam("gone")), rows)


def record_items(session: Session, rows: list[dict[str, Any]]) -> None:
    """Record items as written or read now: each replaces any row for its file or
    its source (``folder``, ``href``, ``uid``, ``kind``, ``source``,
    ``fingerprint``, ``content_hash``, ``size``, ``mtime_ns``, ``base``,
    ``synced_at``)."""
    if rows:
        session.connection().execute(insert(_ITEM).prefix_with("OR REPLACE"), rows)
