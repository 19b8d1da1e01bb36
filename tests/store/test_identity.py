"""Every database has a random identity of its own, from which exported UIDs come."""

from __future__ import annotations

import uuid
from pathlib import Path

from supportnet import db
from supportnet.store.identity import database_identity, make_uid


def _identity(path: Path) -> uuid.UUID:
    conn = db.open_database(path)
    try:
        return database_identity(conn)
    finally:
        conn.close()


def test_each_database_gets_its_own_random_identity(tmp_path: Path) -> None:
    first, second = _identity(tmp_path / "a.db"), _identity(tmp_path / "b.db")
    assert first.version == 4 and second.version == 4
    assert first != second
    assert _identity(tmp_path / "a.db") == first  # made once, kept


def test_uids_are_stable_per_database_and_record() -> None:
    one, two = uuid.uuid4(), uuid.uuid4()
    assert make_uid(one, "person", 3) == make_uid(one, "person", 3)
    assert make_uid(one, "person", 3) != make_uid(two, "person", 3)
    assert make_uid(one, "person", 3) != make_uid(one, "plan", 3)
    assert uuid.UUID(make_uid(one, "person", 3)).version == 5
