"""The database file below the CLI: SQLite settings, migrations, disk errors."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from supportnet import db
from supportnet.errors import DiskFull
from supportnet.migrations import Migration, all_migrations
from tests.conftest import dump

#: These tests are of the migrating itself: every new database runs the real steps.
pytestmark = pytest.mark.migrations


def test_sqlite_settings(db_path: Path):
    conn = db.open_database(db_path)
    try:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS
        assert conn.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
        recorded = [r[0] for r in conn.execute("SELECT name FROM schema_migration ORDER BY 1")]
        assert recorded == sorted(m.name for m in all_migrations())
    finally:
        conn.close()


def test_migrations_are_numbered_once_and_in_order():
    numbers = [m.number for m in all_migrations()]
    assert numbers == sorted(set(numbers))
    assert numbers[0] == 1
    for m in all_migrations():
        lowered = m.sql.lower()
        assert "drop table" not in lowered, f"{m.label} drops a table"
        # Its own BEGIN, COMMIT or SAVEPOINT (a trigger's BEGIN ... END is its body).
        outside = re.sub(r"create trigger.*?\bend\s*;", "", re.sub(r"--[^\n]*", "", lowered),
                         flags=re.DOTALL)  # fmt: skip
        assert not re.search(r"\b(begin|commit|rollback|savepoint|release)\b", outside), (
            f"{m.label} manages its own transaction"
        )


def _first_schema_database(path: Path) -> None:
    """A database exactly as the first release made it: migration 0001 only, with rows."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    db.migrate(conn, None, all_migrations()[:1])
    conn.executescript(
        """
        INSERT INTO person (name, circle, cadence_days, birthday_month, birthday_day,
                            birthday_year, how_met, note, added_on)
        VALUES ('Maya López', 'close', 14, 2, 29, NULL, 'school', 'likes tea', '2025-01-02'),
               ('Sam 🌻', 'prospect', NULL, NULL, NULL, NULL, NULL, NULL, '2025-03-04');
        INSERT INTO person_nickname VALUES (1, 'Mayita');
        INSERT INTO person_tag VALUES (1, 'family'), (2, 'climbing');
        INSERT INTO person_contact (person_id, kind, value) VALUES (1, 'email', 'm@example.org');
        """
    )
    conn.close()


def test_later_migrations_keep_every_row_and_back_up_first(db_path: Path):
    db_path.parent.mkdir(parents=True)
    _first_schema_database(db_path)
    tables = ["person", "person_nickname", "person_tag", "person_contact"]
    conn = sqlite3.connect(db_path)
    before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    conn.close()

    upgraded = db.open_database(db_path)
    try:
        after = {t: upgraded.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
        applied = [r[0] for r in upgraded.execute("SELECT number FROM schema_migration")]
    finally:
        upgraded.close()
    assert after == before
    assert applied == [m.number for m in all_migrations()]
    backups = list(db_path.parent.glob("supportnet.before-0002_*.db"))
    assert len(backups) == 1
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT max(number) FROM schema_migration").fetchone()[0] == 1
    assert copy.execute("SELECT count(*) FROM person").fetchone()[0] == 2
    copy.close()


def test_a_failing_migration_changes_nothing(db_path: Path):
    db_path.parent.mkdir(parents=True)
    _first_schema_database(db_path)
    before = dump(db_path)
    broken = [
        *all_migrations()[:1],
        Migration(2, "broken", "CREATE TABLE half_done (x); INSERT INTO nowhere VALUES (1);"),
    ]
    conn = sqlite3.connect(db_path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        db.migrate(conn, None, broken)
    conn.close()
    assert dump(db_path) == before


def test_durable_and_private_sqlite_settings(db_path: Path):
    conn = db.open_database(db_path)
    try:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        conn.close()


def test_a_step_applied_by_another_command_meanwhile_is_passed_over(tmp_path, monkeypatch):
    """Two commands started at once on a new database both find every step pending;
    the one that gets the lock second must not fail on 'table person already exists'."""
    import sqlite3

    from supportnet import db
    from supportnet.migrations import all_migrations

    path = tmp_path / "s.db"
    db.open_database(path).close()  # the other command, done first
    real = db.applied_migrations
    calls = []

    def stale_then_real(conn):
        calls.append(1)
        return [] if len(calls) == 1 else real(conn)

    monkeypatch.setattr(db, "applied_migrations", stale_then_real)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert db.migrate(conn, None, all_migrations()) == []
        assert not conn.in_transaction
    finally:
        conn.close()


def _no_space(path: Path | str) -> str:
    return (
        f"There is not enough space on the disk ({path}): nothing was changed. "
        "Free some space, then try again.\n"
    )


def test_sqlite_disk_errors_are_translated_in_one_place(tmp_path: Path):
    full = db.translate_sqlite_error(sqlite3.OperationalError("database or disk is full"), "x.db")
    assert isinstance(full, DiskFull) and full.exit_code == 7
    assert full.message == _no_space("x.db").rstrip("\n")
    failing = db.translate_sqlite_error(sqlite3.OperationalError("disk I/O error"), "x.db")
    assert isinstance(failing, DiskFull)
    assert failing.message == (
        "The disk (x.db) could not be written; it may be full. Nothing was changed: "
        "free some space (or check the disk), then try again."
    )


def test_a_database_made_in_an_empty_file_of_the_users_is_private(tmp_path: Path):
    # `touch s.db` (0644 under the usual umask), then supportnet makes its database there.
    path = tmp_path / "s.db"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    db.open_database(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o644)  # a database already: the user's choice is theirs to keep
    db.open_database(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_a_database_made_in_an_empty_sqlite_file_is_private(tmp_path: Path):
    # `sqlite3 s.db "create table t(x); drop table t;"`: an SQLite file with no tables,
    # 0644; supportnet made its database there and left it readable by everyone.
    path = tmp_path / "s.db"
    made = sqlite3.connect(path)
    made.execute("CREATE TABLE t (x)")
    made.execute("DROP TABLE t")
    made.close()
    os.chmod(path, 0o644)
    db.open_database(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_database_made_through_a_link_to_no_file_yet_is_private(tmp_path: Path):
    # O_EXCL refuses the link, and SQLite made the file it points to 0644.
    (tmp_path / "private").mkdir()
    link = tmp_path / "s.db"
    link.symlink_to(tmp_path / "private" / "supportnet.db")
    old = os.umask(0o022)
    try:
        db.open_database(link).close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "private" / "supportnet.db").st_mode) == 0o600
    assert link.is_symlink()


def test_a_database_still_empty_gets_no_safety_copy_before_a_migration(db_path: Path):
    # Commands started together on a new file: one finds the first migrations done by
    # another, and kept copies of an empty database that pushed out real ones.
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    db.migrate(conn, None, all_migrations()[:1])
    conn.close()
    db.open_database(db_path).close()
    assert not list(db_path.parent.glob("supportnet.before-*"))


def test_plans_an_archive_paused_before_0014_still_resume(db_path: Path):
    # 0014 records that an archive paused a plan; those paused before it are found as
    # they were then: paused on the day the last of their people was archived.
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    migrations = all_migrations()
    db.migrate(conn, None, [m for m in migrations if m.number < 14])
    conn.executescript(
        """
        INSERT INTO person (id, name, circle, added_on, archived_on) VALUES
            (1, 'Ana', 'friend', '2026-01-01', '2026-06-01'),
            (2, 'Ben', 'friend', '2026-01-01', NULL);
        INSERT INTO plan (id, title, kind, rrule, starts_on, added_on, status, paused_on) VALUES
            (1, 'tea', 'coffee', 'FREQ=WEEKLY', '2026-01-01', '2026-01-01', 'paused', '2026-06-01'),
            (2, 'walk', 'walk', 'FREQ=WEEKLY', '2026-01-01', '2026-01-01', 'paused', '2026-05-01'),
            (3, 'lunch', 'meal', 'FREQ=WEEKLY', '2026-01-01', '2026-01-01', 'paused', '2026-06-01');
        INSERT INTO plan_member VALUES (1, 1), (2, 1), (3, 1), (3, 2);
        """
    )
    conn.close()
    upgraded = db.open_database(db_path)
    try:
        flags = upgraded.execute("SELECT id, paused_by_archive FROM plan ORDER BY id").fetchall()
    finally:
        upgraded.close()
    assert flags == [(1, 1), (2, 0), (3, 0)]  # by hand before; Ben is not archived


def test_a_database_on_a_read_only_file_system_is_not_told_to_chmod(tmp_path: Path, monkeypatch):
    # On a read-only mount, "Make it writable (chmod u+w)" cannot help.
    path = tmp_path / "s.db"
    assert db._make_writable(path) == "Make it writable (chmod u+w)"

    class ReadOnlyDisk:
        f_flag = os.ST_RDONLY

    # A read-only folder (SQLite writes beside the file) is named as what to change.
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: p != path.parent and real_access(p, mode))
    path.write_bytes(b"")
    assert db._make_writable(path) == (
        f"Its folder is read-only: make the folder writable (chmod u+w {path.parent})"
    )
    path.chmod(0o400)
    assert db._make_writable(path, once=True) == (
        f"Make it and its folder writable (chmod u+w {path} {path.parent}) once"
    )
    spaced = tmp_path / "Application Support" / "s.db"  # macOS's folder: quoted to paste
    spaced.parent.mkdir()
    spaced.write_bytes(b"")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: p != spaced.parent and real(p, mode))
    assert db._make_writable(spaced).endswith(f"(chmod u+w '{spaced.parent}')")
    monkeypatch.setattr(os, "statvfs", lambda _: ReadOnlyDisk())
    assert db._make_writable(path, once=True) == (
        "It is on a read-only file system: copy it to a writable place and use the copy"
    )
