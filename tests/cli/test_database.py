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


def test_a_read_only_database_reads_and_refuses_writes(run, tmp_path: Path):
    path = tmp_path / "ro.db"
    run("--db", str(path), "add", "Maya")
    run("--db", str(path), "log", "coffee", "--with", "Maya")
    os.chmod(path, 0o400)
    before = path.read_bytes()
    people = run("--db", str(path), "people")
    assert "Maya" in people.stdout and people.stderr == ""
    run("--db", str(path), "nudge")
    run("--db", str(path), "export", "--format", "json")
    refused = run("--db", str(path), "add", "Sam", expect=10)
    assert refused.stderr == (
        "The database is read-only; nothing was changed. Make it writable (chmod u+w) to "
        "change it, or use --db with another file.\n"
    )
    run("--db", str(path), "log", "walk", "--with", "Maya", expect=10)
    assert path.read_bytes() == before
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o400


def test_a_read_only_database_that_needs_an_upgrade_is_refused(run, tmp_path: Path):
    path = tmp_path / "old.db"
    conn = db.open_database(path)
    conn.execute("DELETE FROM schema_migration WHERE number = (SELECT max(number) FROM"
                 " schema_migration)")  # fmt: skip
    conn.close()
    os.chmod(path, 0o400)
    _refused(run, path, 10, "needs an upgrade for this version of supportnet, but it is read-only")


def test_a_database_missing_a_table_is_damaged(run, tmp_path: Path):
    path = tmp_path / "partial.db"
    run("--db", str(path), "add", "Maya")
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE goal_pause; DROP TABLE goal;")
    conn.close()
    _refused(run, path, 9, "is damaged: its table 'goal' is missing; it was left untouched")


def test_a_pipe_at_the_database_path_is_refused_at_once(run, tmp_path: Path):
    path = tmp_path / "fifo.db"
    os.mkfifo(path)
    result = run("--db", str(path), "people", expect=7)
    assert result.stderr == (
        f"The database path {path} is not a regular file; give the name of a database file "
        "instead. It was left untouched.\n"
    )
    config = tmp_path / "cfg" / "config.toml"
    config.parent.mkdir()
    os.mkfifo(config)
    result = run("--db", str(config.parent / "s.db"), "nudge", expect=7)
    assert result.stderr == f"The config file {config} is not a regular file; move it away.\n"


def test_durable_and_private_sqlite_settings(db_path: Path):
    conn = db.open_database(db_path)
    try:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        conn.close()


def test_only_the_newest_safety_copies_are_kept(run, tmp_path: Path):
    path = tmp_path / "s.db"
    run("--db", str(path), "add", "Maya")
    (tmp_path / "config.toml").write_text("[backups]\nkeep_safety_copies = 2\n")
    conn = db.open_database(path)
    made = []
    for n in range(4):
        made.append(db.keep_safety_copy(conn, path, f"before-step{n}"))
        os.utime(made[-1], (1_000_000 + n, 1_000_000 + n))  # each newer than the last
    conn.close()
    db.prune_safety_copies(path)
    assert db.safety_copies(path) == [made[3], made[2]]
    where = run("--db", str(path), "where").stdout
    assert f"safety copies: 2 in {tmp_path} (the newest 2 are kept)" in where


def test_a_replacing_import_prunes_the_safety_copies_too(run, tmp_path: Path):
    path = tmp_path / "s.db"
    run("--db", str(path), "add", "Maya")
    export = tmp_path / "e.json"
    run("--db", str(path), "export", "--format", "json", "-o", str(export))
    (tmp_path / "config.toml").write_text("[backups]\nkeep_safety_copies = 2\n")
    conn = db.open_database(path)
    for n in range(3):
        old = db.keep_safety_copy(conn, path, f"before-step{n}")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))  # older than the import's copy
    conn.close()
    result = run("--db", str(path), "import", str(export), "--replace")
    kept = db.safety_copies(path)
    assert len(kept) == 2
    assert ".before-import." in kept[0].name
    assert f"kept in {kept[0]}" in result.stdout
