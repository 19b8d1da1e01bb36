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
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from supportnet.db import APPLICATION_ID, BUSY_TIMEOUT_MS, SQLITE_HEADER
from supportnet.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    FileProblem,
    NotSupportnetDatabase,
    SupportnetError,
)
from supportnet.safe_files import (
    SIDE_FILES,
    copy_database,
    copy_file,
    disk_error,
    disk_full,
    is_disk_error,
    is_disk_full,
    problem,
)
from supportnet.safety_copies import backup_file


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
    conn: sqlite3.Connection,
    db_path: Path,
    target: Path | None = None,
    *,
    overwrite: bool = False,
    now: dt.datetime | None = None,
    new_name: bool = False,
) -> BackupInfo:
    """Copy the open database to ``target`` (mode 0600) and describe the copy.

    An existing ``target`` is refused unless ``overwrite``; the database itself
    and its side files are always refused.  Without ``target`` the copy is
    named from ``now`` beside the database (``…-2.db`` if two are made in one
    second); ``new_name`` takes the next free name beside ``target`` the same way.
    The copy is made by ``safe_files.copy_database``: complete at its
    place, or nothing there.
    """
    damage = _damage(conn, "integrity_check")  # what restore-backup checks (indexes too)
    if damage:  # before a copy is made: an earlier backup is never replaced by a damaged one
        raise DatabaseDamaged(
            f"The database {db_path} is damaged ({damage}); no backup was made, as "
            "restore-backup would refuse it. Keep your earlier backups; `sqlite3 "
            f"{db_path} .recover` can save what is still readable."
        )
    if target is None:
        assert now is not None
        placed = copy_database(conn, default_backup_path(db_path, now), if_exists="new-name")
    else:
        if_exists = "new-name" if new_name else "replace" if overwrite else "refuse"
        placed = copy_database(
            conn, target, if_exists=if_exists, database=db_path, purpose="for the backup",
            new_folder=new_name,  # `--to DIR` makes its folder; a FILE's must be there
        )  # fmt: skip
    copy = sqlite3.connect(f"{placed.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _summary(copy, placed)
    finally:
        copy.close()


def _damage(conn: sqlite3.Connection, check: str) -> str | None:
    """SQLite's first complaint about a database (``PRAGMA quick_check`` or
    ``integrity_check``) on one line, or None when it is sound."""
    try:
        first = conn.execute(f"PRAGMA {check}").fetchone()[0]
    except sqlite3.DatabaseError as error:
        first = str(error)
    if first == "ok":
        return None
    return " ".join(first.replace("*** in database main ***", "").split())


def inspect_backup(
    path: Path, known_migrations: list[str], db_path: Path | None = None
) -> BackupInfo:
    """Check that ``path`` is a sound supportnet database this version can read.

    Checked in order: the file exists and is SQLite, it is supportnet's
    (``application_id``), ``PRAGMA integrity_check`` passes, and it records no
    migration newer than ``known_migrations``.  Opened read-only: the file is
    never changed.  Raises ``FileProblem`` or ``DatabaseTooNew``.
    """
    try:
        if path.is_dir():
            raise FileProblem(f"{path} is a folder, not a backup file.")
        if db_path is not None and _same_file(path, db_path):
            raise FileProblem(f"{path} is the database in use; give a backup file instead.")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise FileProblem(f"There is no file {path}.") from None
    except OSError as error:
        raise problem(error, path, "read") from None
    if not header:
        raise FileProblem(f"{path} is empty, not a supportnet backup; nothing was changed.")
    if header != SQLITE_HEADER:
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
            damage = _damage(conn, "integrity_check")
        except sqlite3.DatabaseError as error:
            damage = " ".join(str(error).split())
        if damage:
            raise FileProblem(
                f"{path} is damaged ({damage}); nothing was changed. Try an older backup."
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
    """What the current database holds, or None when it is missing or unreadable;
    ``NotSupportnetDatabase`` for a file a restore would not replace."""
    _check_replaceable(db_path)
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
    SQLite's backup API, in one transaction.  If the current file is so damaged
    that SQLite cannot write into it, a checked copy replaces the file instead
    (written whole beside it, then renamed).  If the restore is refused (a full
    disk, say), the kept copy is removed again: the database is as it was.
    """
    if _same_file(candidate, db_path):
        raise FileProblem(f"{candidate} is the database in use; give a backup file instead.")
    _check_replaceable(db_path)
    kept = _keep_current(db_path, now) if keeps_current(db_path) else None
    try:
        source = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if kept is None or not _copy_into_live(source, db_path):
                # The real file, if the database path is a link to it.
                copy_database(source, Path(os.path.realpath(db_path)), if_exists="replace")
        finally:
            source.close()
    except SupportnetError:
        # Raised only before anything replaced the database (a full disk, say):
        # the kept copy is not needed, and the space may be. On anything else
        # (Ctrl-C) it stays, to be safe.
        if kept is not None:
            for name in [str(kept)] + [f"{kept}{suffix}" for suffix in SIDE_FILES]:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(name)
        raise
    return kept


def _check_replaceable(db_path: Path) -> None:
    """Another program's SQLite file at the database's path (given with --db by
    mistake) is refused and left as it is.  A file that is not SQLite at all may
    be the user's database damaged past reading: a restore is how it is mended
    (and the file is kept as it was)."""
    try:
        with db_path.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return  # missing, or unreadable: kept as it is and replaced (see below)
    foreign = len(head) == 100 and int.from_bytes(head[68:72], "big") not in (0, APPLICATION_ID)
    if head.startswith(SQLITE_HEADER) and foreign:
        raise NotSupportnetDatabase(
            f"{db_path} is an SQLite database of another program, not supportnet's; it was "
            "left untouched. Give your database with --db, or move this file aside to "
            "restore the backup in its place."
        )


def keeps_current(db_path: Path) -> bool:
    """Does a restore keep a copy of the file at ``db_path``?  (Any file with bytes in
    it, readable as a database or not.)"""
    return db_path.exists() and db_path.stat().st_size > 0


def _keep_current(db_path: Path, now: dt.datetime) -> Path:
    """The database as it is, kept as a safety copy beside it (the oldest pruned)."""
    from supportnet.safety_copies import prune_safety_copies

    kept = _copy_current(db_path, now)
    prune_safety_copies(db_path)
    return kept


def _copy_current(db_path: Path, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.before-restore.{stamp}{db_path.suffix or '.db'}")
    try:
        live = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            live.execute("PRAGMA schema_version").fetchone()
            return backup_file(live, target)
        finally:
            live.close()
    except sqlite3.DatabaseError as error:
        if is_disk_full(error) or is_disk_error(error):
            raise
        # damaged or not SQLite at all: keep its bytes as they are
    target = copy_file(db_path, target, if_exists="new-name")
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        try:
            copy_file(wal, Path(f"{target}-wal"), if_exists="replace")
        except BaseException:
            os.remove(target)
            raise
    return target


def _copy_into_live(source: sqlite3.Connection, db_path: Path) -> bool:
    """Copy ``source`` over the live database; False if the live file is unusable.

    A full disk or a locked database is raised: the copy is one transaction, so
    nothing changed.
    """
    try:
        live = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        live.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        live.execute("PRAGMA schema_version").fetchone()
        source.backup(live)
        return True
    except sqlite3.Error as error:
        if is_disk_full(error):
            raise disk_full(db_path) from None
        if is_disk_error(error):
            raise disk_error(db_path) from None
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise
        return False  # damaged: the checked copy replaces the file instead
    finally:
        live.close()
