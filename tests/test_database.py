"""The database file: creation, SQLite settings, migrations, and files it must refuse."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from supportnet import db
from supportnet.migrations import Migration, all_migrations
from tests.conftest import dump


def test_created_private_with_parents(run, db_path: Path):
    assert not db_path.parent.exists()
    run("people")
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(db_path.parent).st_mode) == 0o700


def test_every_folder_made_for_the_database_is_private(run, tmp_path: Path):
    os.umask(0o000)
    try:
        run("--db", str(tmp_path / "a" / "b" / "supportnet.db"), "people")
    finally:
        os.umask(0o022)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder


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
        assert "begin" not in lowered.replace("begin\n    update", ""), (
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


def test_upgraded_database_works_from_the_cli(run, db_path: Path):
    db_path.parent.mkdir(parents=True)
    _first_schema_database(db_path)
    out = run("show", "mayita").stdout
    assert "Maya López (#1)" in out and "29 February" in out


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


# --- files supportnet must refuse, leaving them untouched ----------------------------


def _refused(run, path: Path, code: int, message: str) -> None:
    before = path.read_bytes()
    mode = os.stat(path).st_mode
    result = run("--db", str(path), "people", expect=code)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert path.read_bytes() == before
    assert os.stat(path).st_mode == mode
    assert not Path(f"{path}-wal").exists()


def test_refuses_a_file_that_is_not_sqlite(run, tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n")
    _refused(run, path, 8, "is not a supportnet database (it is not an SQLite file)")


def test_refuses_another_programs_sqlite_database(run, tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    _refused(run, path, 8, "is an SQLite database of another program")


def test_refuses_a_damaged_database(run, tmp_path: Path):
    path = tmp_path / "damaged.db"
    run("--db", str(path), "add", "Maya")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page after the header
    path.write_bytes(bytes(data))
    _refused(run, path, 9, "is damaged")


def test_refuses_a_read_only_database(run, tmp_path: Path):
    path = tmp_path / "ro.db"
    run("--db", str(path), "add", "Maya")
    os.chmod(path, 0o400)
    _refused(run, path, 10, "is read-only; nothing was changed")


def test_refuses_a_database_from_a_newer_version(run, tmp_path: Path):
    path = tmp_path / "new.db"
    run("--db", str(path), "add", "Maya")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migration VALUES (9999, 'from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    _refused(run, path, 11, "was upgraded by a newer version of supportnet")


def test_a_folder_is_not_a_database(run, tmp_path: Path):
    result = run("--db", str(tmp_path), "people", expect=7)
    assert "is a folder" in result.stderr


def test_env_and_option_choose_the_database(run, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SUPPORTNET_DB", str(tmp_path / "env.db"))
    assert run("where").stdout.startswith(f"database: {tmp_path / 'env.db'}")
    other = tmp_path / "opt.db"
    assert run("--db", str(other), "where").stdout.startswith(f"database: {other}")
    run("--db", str(other), "add", "Maya")
    assert other.exists() and not (tmp_path / "env.db").exists()


def test_two_writers_wait_instead_of_failing(db_path: Path):
    import threading

    first = db.open_database(db_path)
    done = threading.Event()

    def write() -> None:
        second = db.open_database(db_path)
        try:
            with db.transaction(second):
                second.execute(
                    "INSERT INTO person (name, circle, added_on)"
                    " VALUES ('B', 'friend', '2026-01-01')"
                )
            done.set()
        finally:
            second.close()

    try:
        with db.transaction(first):
            first.execute(
                "INSERT INTO person (name, circle, added_on) VALUES ('A', 'friend', '2026-01-01')"
            )
            worker = threading.Thread(target=write)
            worker.start()
            assert not done.wait(0.5)  # waiting on the lock, not failing
        worker.join(10)
        assert done.is_set()
        assert first.execute("SELECT count(*) FROM person").fetchone()[0] == 2
    finally:
        first.close()
