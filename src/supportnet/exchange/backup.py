"""Whole-database backups: a consistent copy out, a checked copy back in.

A backup is one self-contained SQLite file (no ``-wal`` beside it), made with
SQLite's online backup API, so it is consistent even while another command
writes.  A restore checks the file completely before anything changes, keeps
the current database as a dated copy, then copies the backup into place with
the same API: other connections see either the old data or the new, never a
mix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from supportnet.db import APPLICATION_ID, BUSY_TIMEOUT_MS, backup_file
from supportnet.errors import Conflict, DatabaseTooNew, FileProblem

_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class BackupInfo:
    """What a backup (or the database) holds, to say before and after."""

    path: Path
    people: int
    gettogethers: int
    migrations: list[str] = field(default_factory=list)


def default_backup_path(db_path: Path, now: dt.datetime) -> Path:
    """``supportnet.db`` -> ``supportnet.backup.20261121T101500.db`` beside it."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    return db_path.with_name(f"{db_path.stem}.backup.{stamp}{db_path.suffix or '.db'}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _summary(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    def count(table: str) -> int:
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:  # a table from a later migration
            return 0

    try:
        labels = [
            f"{number:04d}_{name}"
            for number, name in conn.execute(
                "SELECT number, name FROM schema_migration ORDER BY number"
            )
        ]
    except sqlite3.OperationalError:
        labels = []
    return BackupInfo(path, count("person"), count("gettogether"), labels)


def make_backup(
    conn: sqlite3.Connection, db_path: Path, target: Path, *, overwrite: bool = False
) -> BackupInfo:
    """Copy the open database to ``target`` (mode 0600) and describe the copy.

    An existing ``target`` is refused unless ``overwrite``; the database itself
    is always refused.
    """
    if target.is_dir():
        raise FileProblem(f"{target} is a folder; give a file name for the backup.")
    if _same_file(target, db_path):
        raise FileProblem(f"{target} is the database itself; choose another file for the backup.")
    if target.exists() and not overwrite:
        raise Conflict(
            f"{target} already exists; choose another name or use --force to replace it."
        )
    if target.exists():
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{target}{suffix}")
    try:
        backup_file(conn, target)
    except OSError as error:
        raise FileProblem(f"Could not write the backup {target}: {error.strerror}.") from None
    copy = sqlite3.connect(target)
    try:
        # A backup is one self-contained file: no -wal or -shm beside it.
        copy.execute("PRAGMA journal_mode = DELETE")
        return _summary(copy, target)
    finally:
        copy.close()


def inspect_backup(
    path: Path, known_migrations: list[str], db_path: Path | None = None
) -> BackupInfo:
    """Check that ``path`` is a sound supportnet database this version can read.

    Checked in order: the file exists and is SQLite, it is supportnet's
    (``application_id``), ``PRAGMA integrity_check`` passes, and it records no
    migration newer than ``known_migrations``.  Opened read-only: the file is
    never changed.  Raises ``FileProblem`` or ``DatabaseTooNew``.
    """
    if not path.exists():
        raise FileProblem(f"There is no file {path}.")
    if path.is_dir():
        raise FileProblem(f"{path} is a folder, not a backup file.")
    if db_path is not None and _same_file(path, db_path):
        raise FileProblem(f"{path} is the database in use; give a backup file instead.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise FileProblem(f"Could not read {path}: {error.strerror}.") from None
    if not header:
        raise FileProblem(f"{path} is empty, not a supportnet backup; nothing was changed.")
    if header != _SQLITE_HEADER:
        raise FileProblem(
            f"{path} is not a supportnet backup (it is not an SQLite file); nothing was changed."
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise FileProblem(f"Could not open {path}: {error}; nothing was changed.") from None
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise FileProblem(
                    f"{path} is an SQLite database of another program, not a supportnet "
                    "backup; nothing was changed."
                )
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as error:
            raise FileProblem(
                f"{path} is damaged ({error}); nothing was changed. Try an older backup."
            ) from None
        if problems != ["ok"]:
            raise FileProblem(
                f"{path} is damaged ({problems[0]}); nothing was changed. Try an older backup."
            )
        info = _summary(conn, path)
    finally:
        conn.close()
    newer = sorted(set(info.migrations) - set(known_migrations))
    if newer:
        raise DatabaseTooNew(
            f"{path} was made by a newer version of supportnet (it has {newer[-1]}); "
            "install the newer version to restore it. Nothing was changed."
        )
    return info


def describe_database(db_path: Path) -> BackupInfo | None:
    """What the current database holds, or None when it is missing or unreadable."""
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return _summary(conn, db_path)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def restore_backup(candidate: Path, db_path: Path, now: dt.datetime) -> Path | None:
    """Replace the database at ``db_path`` with ``candidate`` (already inspected).

    The current database is first kept as a dated copy beside it (returned;
    ``None`` when there was no database yet).  The backup is then copied in with
    SQLite's backup API, in one step.  If the current file is so damaged that
    SQLite cannot write into it, the checked copy replaces the file instead.
    """
    if _same_file(candidate, db_path):
        raise FileProblem(f"{candidate} is the database in use; give a backup file instead.")
    kept = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = _keep_current(db_path, now)
    source = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if kept is not None and _copy_into_live(source, db_path):
            return kept
        _replace_file(source, db_path)
    finally:
        source.close()
    return kept


def _keep_current(db_path: Path, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.before-restore.{stamp}{db_path.suffix or '.db'}")
    try:
        live = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            live.execute("PRAGMA schema_version").fetchone()
            backup_file(live, target)
        finally:
            live.close()
        return target
    except sqlite3.DatabaseError:
        pass  # damaged or not SQLite at all: keep its bytes as they are
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    shutil.copyfile(db_path, target)
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}-wal"))
        os.chmod(f"{target}-wal", 0o600)
    os.chmod(target, 0o600)
    return target


def _copy_into_live(source: sqlite3.Connection, db_path: Path) -> bool:
    """Copy ``source`` over the live database; False if the live file is unusable."""
    try:
        live = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        live.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        live.execute("PRAGMA schema_version").fetchone()
        source.backup(live)
        return True
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise
        return False
    except sqlite3.DatabaseError:
        return False
    finally:
        live.close()


def _replace_file(source: sqlite3.Connection, db_path: Path) -> None:
    """Write ``source`` to a new file beside ``db_path`` and move it into place."""
    temp = db_path.with_name(f".{db_path.name}.restoring")
    with contextlib.suppress(FileNotFoundError):
        os.remove(temp)
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    target = sqlite3.connect(temp)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    os.replace(temp, db_path)
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{db_path}{suffix}")
