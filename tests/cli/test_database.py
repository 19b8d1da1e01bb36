"""The database file: creation, SQLite settings, migrations, and files it must refuse."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from supportnet import db, safety_copies
from tests.store.test_database import _first_schema_database

#: These tests are of the migrating itself: every new database runs the real steps.
pytestmark = pytest.mark.migrations


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


def test_upgraded_database_works_from_the_cli(run, db_path: Path):
    db_path.parent.mkdir(parents=True)
    _first_schema_database(db_path)
    result = run("show", "mayita")
    assert "Maya López (#1)" in result.stdout and "29 February" in result.stdout
    # Said once, on stderr, with where the copy of the database as it was is.
    (copy,) = safety_copies.safety_copies(db_path)
    assert result.stderr == (
        f"Upgraded {db_path} for this version of supportnet; a copy of it as it was is at {copy}.\n"
    )
    assert run("show", "mayita").stderr == ""


def test_a_new_database_is_said_once_where_it_is(run, tmp_path: Path):
    """A mistyped --db (or a synced folder not there) shows as a new database, not as
    a network that is silently empty."""
    path = tmp_path / "typo" / "supportnet.db"
    result = run("--db", str(path), "people")
    assert "No one here yet" in result.stdout
    assert result.stderr == f"Started a new database at {path}.\n"
    assert run("--db", str(path), "people").stderr == ""
    # Said first, also when the command then fails: the likeliest cause of its mistake.
    other = tmp_path / "other.db"
    failed = run("--db", str(other), "log", "coffee", "--with", "Maya", expect=3)
    assert failed.stderr == (f"Started a new database at {other}.\nNo one called 'Maya' is here.\n")


def test_a_safety_copy_is_not_opened_as_the_database(run, db_path: Path):
    """Opened as the database it would be upgraded and written to; it is kept as it was."""
    db_path.parent.mkdir(parents=True)
    _first_schema_database(db_path)
    run("people")
    (copy,) = safety_copies.safety_copies(db_path)
    _refused(run, copy, 7, f"{copy} is a safety copy supportnet made before a change")
    assert safety_copies.safety_copies(db_path) == [copy]
    assert "restore-backup" in run("--db", str(copy), "people", expect=7).stderr


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


def test_an_export_given_as_the_database_is_pointed_to_import(run, tmp_path: Path):
    path = tmp_path / "export.json"
    path.write_text('\ufeff{"format": "supportnet"}\n', encoding="utf-8")
    _refused(run, path, 8, f"To bring an export in, use `supportnet import {path}`.")


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
        f"The database {path} is read-only; nothing was changed. Make it writable (chmod u+w) "
        "to change it, or use --db with another file.\n"
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
    assert result.stderr == (
        f"Started a new database at {config.parent / 's.db'}.\n"
        f"The config file {config} is not a regular file; move it away.\n"
    )


def test_only_the_newest_safety_copies_are_kept(run, tmp_path: Path):
    path = tmp_path / "s.db"
    run("--db", str(path), "add", "Maya")
    (tmp_path / "config.toml").write_text("[backups]\nkeep_safety_copies = 2\n")
    conn = db.open_database(path)
    made = []
    for n in range(4):
        made.append(safety_copies.keep_safety_copy(conn, path, f"before-step{n}"))
        os.utime(made[-1], (1_000_000 + n, 1_000_000 + n))  # each newer than the last
    conn.close()
    safety_copies.prune_safety_copies(path)
    assert safety_copies.safety_copies(path) == [made[3], made[2]]
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
        old = safety_copies.keep_safety_copy(conn, path, f"before-step{n}")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))  # older than the import's copy
    conn.close()
    result = run("--db", str(path), "import", str(export), "--replace")
    kept = safety_copies.safety_copies(path)
    assert len(kept) == 2
    assert ".before-import." in kept[0].name
    assert f"kept in {kept[0]}" in result.stdout


def test_a_write_that_waits_for_another_says_so_then_goes_on(run, db_path: Path):
    """Another writer holds the database for a moment (a second terminal, a sync tool):
    the command says it is waiting rather than pausing silently, then does its work."""
    import threading

    run("add", "Maya")
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    done = threading.Timer(1.0, lambda: other.execute("COMMIT"))
    done.start()
    try:
        result = run("add", "Sam")
    finally:
        done.join()
        other.close()
    assert result.stdout == "Added Sam (#2).\n"
    assert result.stderr == "Waiting for another command to finish with the database…\n"
    assert run("add", "Ana").stderr == ""  # no wait, no word


def test_a_scheduled_run_upgrades_without_a_word(run, db_path: Path, tmp_path: Path):
    """`remind run --scheduled` prints nothing unless the digest fails (cron mails any
    output): the upgrade is not said there; its safety copy is made all the same."""
    db_path.parent.mkdir(parents=True)
    _first_schema_database(db_path)
    script = tmp_path / "deliver.sh"
    script.write_text("#!/bin/sh\ncat > /dev/null\n")
    script.chmod(0o755)
    result = run("remind", "run", "--scheduled", "--run", str(script))
    assert (result.stdout, result.stderr) == ("", "")
    assert len(safety_copies.safety_copies(db_path)) == 1
