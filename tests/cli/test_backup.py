"""backup and restore-backup: consistent copies, checked before anything changes."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from supportnet import db
from supportnet.migrations import all_migrations
from tests.conftest import dump


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _backup(run, db_path: Path, name: str = "copy.db") -> Path:
    target = db_path.parent / name
    run("backup", str(target))
    return target


def test_backup_default_name_beside_the_database(run, db_path: Path) -> None:
    run("add", "Maya")
    run("add", "Sam")
    result = run("backup")
    made = sorted(db_path.parent.glob("supportnet.backup.*.db"))
    assert len(made) == 1
    assert result.stdout == f"Backed up 2 people and 0 get-togethers to {made[0]}.\n"
    assert _mode(made[0]) == 0o600
    assert _names(made[0]) == ["Maya", "Sam"]
    # One self-contained file: nothing beside it, not in WAL mode.
    assert not Path(f"{made[0]}-wal").exists()
    assert made[0].read_bytes()[18:20] == b"\x01\x01"


def test_backup_to_a_named_file_and_singular_wording(run, db_path: Path) -> None:
    run("add", "Maya")
    target = db_path.parent / "elsewhere" / "mine.db"
    target.parent.mkdir()  # (a FILE's folder must be there: a typo is not made a folder)
    result = run("backup", str(target))
    assert result.stdout == f"Backed up 1 person and 0 get-togethers to {target}.\n"
    assert _names(target) == ["Maya"]


def test_backup_refuses_to_overwrite_without_force(run, db_path: Path) -> None:
    run("add", "Maya")
    target = _backup(run, db_path)
    run("add", "Sam")
    result = run("backup", str(target), expect=6)
    assert result.stderr == (
        f"{target} already exists; choose another name or use --force to replace it.\n"
    )
    assert _names(target) == ["Maya"]
    run("backup", str(target), "--force")
    assert _names(target) == ["Maya", "Sam"]


def test_backup_refuses_the_database_itself(run, db_path: Path) -> None:
    run("add", "Maya")
    before = dump(db_path)
    result = run("backup", str(db_path), "--force", expect=7)
    assert result.stderr == (
        f"{db_path} is the database itself; choose another file for the backup.\n"
    )
    assert dump(db_path) == before


def test_backup_is_consistent_while_another_connection_writes(run, db_path: Path) -> None:
    run("add", "Maya")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO person (name, circle, added_on)"
        " VALUES ('Half-written', 'friend', '2026-06-10')"
    )
    try:
        target = _backup(run, db_path)
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert _names(target) == ["Maya"]
    assert _names(db_path) == ["Maya", "Half-written"]


def test_restore_brings_back_the_backup_and_keeps_the_current_database(run, db_path: Path) -> None:
    run("add", "Maya")
    target = _backup(run, db_path)
    run("add", "Sam")
    result = run("restore-backup", str(target), "--yes")
    kept = sorted(db_path.parent.glob("supportnet.before-restore.*.db"))
    assert len(kept) == 1
    assert result.stdout == (
        f"Restored 1 person and 0 get-togethers from {target}.\n"
        f"The database as it was before is kept in {kept[0]}.\n"
    )
    assert _names(db_path) == ["Maya"]
    assert _names(kept[0]) == ["Maya", "Sam"]
    assert _mode(kept[0]) == 0o600
    assert run("people").stdout.splitlines()[1].split()[:2] == ["#1", "Maya"]
    assert _names(target) == ["Maya"], "the backup file itself is never changed"


def test_restore_asks_first_and_no_changes_nothing(run, db_path: Path, unchanged) -> None:
    run("add", "Maya")
    target = _backup(run, db_path)
    run("add", "Sam")
    with unchanged():
        result = run("restore-backup", str(target), input="n\n", expect=13)
    assert result.stdout.startswith(
        f"Replace the database {db_path} (now 2 people and 0 get-togethers) with {target} "
        "(1 person and 0 get-togethers)? [y/N]"
    )
    assert result.stderr == "Nothing was changed.\n"
    assert not list(db_path.parent.glob("*.before-restore.*"))


def _other_program_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    return path


def _damaged_backup(run, db_path: Path) -> Path:
    run("add", "Person 0", "--note", "x" * 200)
    conn = sqlite3.connect(db_path)  # 199 more, as plain rows: a file of many pages
    with conn:
        conn.executemany(
            "INSERT INTO person (name, circle, added_on, note) VALUES (?, 'friend', ?, ?)",
            [(f"Person {n}", "2026-06-10", "x" * 200) for n in range(1, 200)],
        )
    conn.close()
    target = _backup(run, db_path, "damaged.db")
    data = bytearray(target.read_bytes())
    page = 4096
    # Scribble over the middle of every page after the first: the b-trees break.
    for start in range(page, len(data), page):
        data[start + 8 : start + 40] = b"\xff" * 32
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda run, d: d.parent / "missing.db", 7, "There is no file {path}."),
        (
            lambda run, d: _write(d.parent / "empty.db", b""),
            7,
            "{path} is empty, not a supportnet backup; nothing was changed.",
        ),
        (
            lambda run, d: _write(d.parent / "notes.txt", b"shopping list\n"),
            7,
            "{path} is not a supportnet backup (it is not an SQLite file); nothing was changed.",
        ),
        (
            lambda run, d: _write(d.parent / "binary.db", bytes(range(256)) * 40),
            7,
            "{path} is not a supportnet backup (it is not an SQLite file); nothing was changed.",
        ),
        (
            lambda run, d: _other_program_db(d.parent / "other.db"),
            7,
            "{path} is an SQLite database of another program, not a supportnet backup; "
            "nothing was changed.",
        ),
    ],
    ids=["missing", "empty", "text", "binary", "other-program"],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    run, db_path: Path, unchanged, make, code, message
) -> None:
    run("add", "Maya")
    path = make(run, db_path)
    files = sorted(p.name for p in db_path.parent.iterdir())
    with unchanged():
        result = run("restore-backup", str(path), "--yes", expect=code)
    assert result.stderr == message.format(path=path) + "\n"
    assert sorted(p.name for p in db_path.parent.iterdir()) == files


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_restore_refuses_a_damaged_backup(run, db_path: Path, unchanged) -> None:
    target = _damaged_backup(run, db_path)
    run("add", "Someone after")
    with unchanged():
        result = run("restore-backup", str(target), "--yes", expect=7)
    assert result.stderr.startswith(f"{target} is damaged (")
    assert result.stderr.endswith("); nothing was changed. Try an older backup.\n")
    assert not list(db_path.parent.glob("*.before-restore.*"))


def test_restore_refuses_a_backup_from_a_newer_version(run, db_path: Path, unchanged) -> None:
    run("add", "Maya")
    target = _backup(run, db_path)
    conn = sqlite3.connect(target)
    conn.execute("INSERT INTO schema_migration VALUES (9999, 'from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with unchanged():
        result = run("restore-backup", str(target), "--yes", expect=11)
    assert result.stderr == (
        f"{target} was made by a newer version of supportnet (it has 9999_from_the_future); "
        "install the newer version to restore it. Nothing was changed.\n"
    )


def test_restore_an_older_backup_is_upgraded_on_next_use(run, db_path: Path) -> None:
    old = db_path.parent.parent / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    db.migrate(conn, None, all_migrations()[:1])
    conn.execute(
        "INSERT INTO person (name, circle, added_on) VALUES ('Old Friend', 'friend', '2020-01-01')"
    )
    conn.close()
    run("add", "Maya")
    run("restore-backup", str(old), "--yes")
    assert "Old Friend" in run("people").stdout
    labels = [label for _, label in sqlite3.connect(db_path).execute(
        "SELECT number, name FROM schema_migration")]  # fmt: skip
    assert len(labels) == len(all_migrations())


def test_restore_replaces_a_damaged_database(run, db_path: Path) -> None:
    run("add", "Maya")
    target = _backup(run, db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"this is not a database any more" * 10)
    run("people", expect=8)
    result = run("restore-backup", str(target), "--yes")
    assert result.stdout.startswith("Restored 1 person")
    kept = sorted(db_path.parent.glob("supportnet.before-restore.*.db"))
    assert kept[0].read_bytes() == b"this is not a database any more" * 10
    assert "Maya" in run("people").stdout


def test_restore_into_a_missing_database(run, db_path: Path, tmp_path: Path) -> None:
    run("add", "Maya")
    target = _backup(run, db_path)
    fresh = tmp_path / "new-place" / "supportnet.db"
    result = run("--db", str(fresh), "restore-backup", str(target), "--yes")
    assert result.stdout == f"Restored 1 person and 0 get-togethers from {target}.\n"
    assert _names(fresh) == ["Maya"]
    assert _mode(fresh) == 0o600


def test_restore_refuses_the_database_itself(run, db_path: Path, unchanged) -> None:
    run("add", "Maya")
    with unchanged():
        result = run("restore-backup", str(db_path), "--yes", expect=7)
    assert result.stderr == f"{db_path} is the database in use; give a backup file instead.\n"


def test_restore_refuses_another_programs_database(run, db_path: Path, tmp_path: Path) -> None:
    # `--db` pointing at another program's SQLite file by mistake: it was turned into
    # supportnet's after a prompt calling it "the database".
    run("add", "Maya")
    target = _backup(run, db_path)
    other = tmp_path / "photos.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA application_id = 42")
    conn.execute("CREATE TABLE album (name TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    result = run("--db", str(other), "restore-backup", str(target), "--yes", expect=8)
    assert result.stderr.startswith(f"{other} is an SQLite database of another program")
    assert other.read_bytes() == before
    assert not list(tmp_path.glob("photos.before-restore.*"))


def test_restore_over_an_unreadable_file_says_it_is_kept(run, db_path: Path) -> None:
    run("add", "Maya")
    target = _backup(run, db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"my shopping list\n")
    result = run("restore-backup", str(target), input="n\n", expect=13)
    assert "(it cannot be read as a database; it will be kept as it is, beside it)" in (
        result.stdout
    )
    assert db_path.read_bytes() == b"my shopping list\n"


def _damage_a_page(db_path: Path) -> None:
    """Garbage in the middle of the get-togethers' page: the file still opens."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'gettogether'")
    (root,) = page.fetchone()
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db_path.open("r+b") as handle:
        handle.seek((root - 1) * size + 8)  # its cell pointers
        handle.write(b"\xff" * 32)


def test_a_backup_of_a_damaged_database_is_refused(run, db_path: Path, tmp_path: Path) -> None:
    # It said "Backed up ..." (exit 0), and restore-backup then refused the copy.
    run("add", "Maya")
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    earlier = tmp_path / "earlier.db"
    run("backup", str(earlier))
    before = earlier.read_bytes()
    _damage_a_page(db_path)
    result = run("backup", str(earlier), "--force", expect=9)
    assert result.stderr.startswith(f"The database {db_path} is damaged (")
    assert "no backup was made" in result.stderr and len(result.stderr.splitlines()) == 1
    assert earlier.read_bytes() == before  # the good one is not replaced
    run("backup", str(tmp_path / "new.db"), expect=9)
    assert not (tmp_path / "new.db").exists()


def test_a_backup_is_checked_as_restore_checks_it(run, db_path: Path, tmp_path: Path) -> None:
    # quick_check passed a broken index that restore-backup's integrity_check refuses.
    run("add", "Maya")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX person_circle ON person (name)'"
                 " WHERE name = 'person_circle'")  # fmt: skip
    conn.commit()
    conn.close()
    result = run("backup", str(tmp_path / "b.db"), expect=9)
    assert "missing from index person_circle" in result.stderr
    assert not (tmp_path / "b.db").exists()
