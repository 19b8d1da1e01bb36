"""`supportnet import`: read and check a file first, then write it in one transaction.

The file is read, recognised (vCard or supportnet's JSON export) and parsed
before the database is opened, so a bad file never creates or changes one.  A JSON
export in its own layout is the exception that keeps memory flat: its top level is
checked first, and its rows are checked while they are written, in the transaction
that any problem rolls back (dumpimport, dumplayout).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supportnet.exchange import files


@dataclass
class PreparedImport:
    """A file read and checked, ready to write."""

    path: Path
    kind: str  # vcard or json
    cards: list[Any] = field(default_factory=list)
    problems: list[Any] = field(default_factory=list)
    dump: Any = None  # dumpimport.PreparedDump: the file stays open until it is imported

    @property
    def what(self) -> str:
        """The file as messages name it."""
        return _named(self.path)


def _named(path: Path) -> str:
    return "standard input" if str(path) == files.STDIN else str(path)


def prepare_import(path: Path, *, strict: bool = False) -> PreparedImport:
    """Read, recognise and parse ``path``; ``FileProblem`` when it cannot be imported.

    A JSON export has its top level read and checked here; its rows are read while
    they are imported, if the file is in the export's own layout (dumplayout).
    """
    from supportnet.exchange.vcard import read_vcards
    from supportnet.exchange.vcard_file import decoded_lines
    from supportnet.exchange.vcard_import import check_readable, note_guessed

    what = _named(path)
    handle = files.open_input(path)
    try:
        kind = files.detect_format(path, handle.read(65536), what)
        handle.seek(0)
        if kind == "json":
            from supportnet.exchange.dumpimport import prepare_dump

            return PreparedImport(path, kind, dump=prepare_dump(handle, what))
        guessed: list[int] = []
        cards, problems = read_vcards(decoded_lines(handle, what, guessed))
        note_guessed(cards, problems, guessed)
    except BaseException:
        handle.close()
        raise
    handle.close()
    check_readable(cards, problems, what, strict=strict)
    return PreparedImport(path, kind, cards=cards, problems=problems)


@contextlib.contextmanager
def database_for(
    db_path: Path, *, dry_run: bool, notes: list[str] | None = None
) -> Iterator[sqlite3.Connection]:
    """The open database an import writes to, closed afterwards (``notes``: as
    ``db.open_database`` gives them).  A dry run against a database that does not exist
    yet runs on a new one in a temporary folder, removed afterwards: "write nothing"
    creates no file (nor a folder for it) either.  An import refused after it made a
    new database (a JSON export's rows are checked while they are written) removes the
    file again, if it is still empty."""
    import tempfile

    from supportnet.db import open_database
    from supportnet.safe_files import SIDE_FILES

    is_new = not db_path.exists() and not db_path.is_symlink()
    with contextlib.ExitStack() as stack:
        if dry_run and is_new:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="supportnet-dry-"))
            db_path = Path(folder) / db_path.name
        conn = open_database(db_path, None if dry_run and is_new else notes)
        stack.callback(conn.close)
        try:
            yield conn
        except BaseException:
            if is_new and not dry_run and _still_empty(conn):
                conn.close()
                for path in (db_path, *(Path(f"{db_path}{side}") for side in SIDE_FILES)):
                    path.unlink(missing_ok=True)
            raise


def _still_empty(conn: sqlite3.Connection) -> bool:
    """Whether the database holds no row of the user's and no other connection is
    writing to it (an exclusive lock taken at once): a file only this import made."""
    from supportnet.db import holds_rows

    try:
        conn.execute("PRAGMA busy_timeout = 0")
        conn.execute("BEGIN EXCLUSIVE")
        try:
            return not holds_rows(conn)
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.Error:  # busy, or unreadable: keep the file, say the first problem
        return False


def apply_import(
    conn: sqlite3.Connection,
    prepared: PreparedImport,
    *,
    db_path: Path,
    config_path: Path,
    today: dt.date,
    now: dt.datetime,
    circle: str = "acquaintance",
    dry_run: bool = False,
    replace: bool = False,
) -> Any:  # VCardImport | DumpImport
    """Write a prepared import; all of it lands, or (on any failure) none of it."""
    what = prepared.what
    if prepared.kind == "vcard":
        from supportnet.exchange.vcard_import import import_vcards

        return import_vcards(
            conn, prepared.cards, prepared.problems, what, today, circle, dry_run=dry_run
        )
    from supportnet import safety_copies
    from supportnet.exchange.dumpconfig import stage_config
    from supportnet.exchange.dumpimport import import_dump
    from supportnet.migrations import all_migrations

    dump = prepared.dump
    assert dump is not None
    keep = db_path.with_name(
        f"{db_path.stem}.before-import.{now:%Y%m%dT%H%M%S}{db_path.suffix or '.db'}"
    )
    try:
        result = import_dump(
            conn,
            dump,
            known_migrations=[m.label for m in all_migrations()],
            today=today,
            replace=replace,
            dry_run=dry_run,
            keep_copy=keep,
            # Put in place inside the import's transaction (and taken back if it fails).
            config=lambda: stage_config(
                config_path, dump.head.get("config"), replace=replace, stamp=now
            ),
        )
    finally:
        dump.close()
    if result.kept_copy:  # the oldest copies beyond [backups] keep_safety_copies go
        safety_copies.prune_safety_copies(db_path)
    return result
