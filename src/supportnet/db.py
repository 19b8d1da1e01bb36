"""Opening the database: checks, SQLite settings, migrations, transactions.

The file is opened with the standard library's ``sqlite3``, checked and migrated
here, and reads go straight to that connection (importing SQLAlchemy costs more
than most read commands take in total).  Changes go through SQLModel: a
``write_session`` runs over that very same connection (never a second one that
SQLAlchemy would open itself), in one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from supportnet.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    FileProblem,
    NotSupportnetDatabase,
    SupportnetError,
)
from supportnet.safety_copies import is_safety_copy, keep_safety_copy

if TYPE_CHECKING:
    from sqlmodel import Session

#: Tables that triggers keep from the others (migrations 0012, 0013 and 0015): not the user's
#: data as such, so exports leave them out and imports rebuild them as rows arrive.
DERIVED_TABLES = frozenset({"last_contact", "first_contact", "gettogether_day", "pair_contact"})
#: Each derived table made again from what it is derived from (``rebuild_derived``).
#: last_contact and first_contact hold what ``SELECT person_id, max(on_date),
#: max(CASE WHEN in_person = 1 THEN on_date END) FROM attendance GROUP BY person_id``
#: and ``min(on_date)`` give, found by a look-up of attendance_person_date for each
#: person (GROUP BY reads and sorts all of attendance: the whole rebuild took 0.23 s of
#: CPU that way, 0.07 s this way, for 358,000 attendances).  Every person_id of
#: attendance is a person (a foreign key).
_REBUILD_DERIVED = (
    "DELETE FROM last_contact",
    "INSERT INTO last_contact (person_id, on_date, in_person_on) SELECT * FROM ("
    " SELECT p.id,"
    "  (SELECT max(on_date) FROM attendance a WHERE a.person_id = p.id) AS on_date,"
    "  (SELECT on_date FROM attendance a WHERE a.person_id = p.id AND in_person = 1"
    "   ORDER BY on_date DESC LIMIT 1)"
    " FROM person p) WHERE on_date IS NOT NULL",
    "DELETE FROM first_contact",
    "INSERT INTO first_contact (person_id, on_date) SELECT * FROM ("
    " SELECT p.id, (SELECT min(on_date) FROM attendance a WHERE a.person_id = p.id) AS on_date"
    " FROM person p) WHERE on_date IS NOT NULL",
    "DELETE FROM gettogether_day",
    "INSERT INTO gettogether_day (on_date, gettogethers, in_person)"
    " SELECT on_date, count(*), sum(in_person) FROM gettogether GROUP BY on_date",
    "DELETE FROM pair_contact",
    # A get-together at a time, in the order attendance is stored: each one's people are
    # side by side (0.52 -> 0.39 s for 358,000 attendances; left to itself, SQLite walks
    # attendance by person and looks up each get-together's other people far away).
    "INSERT INTO pair_contact (person_a, person_b, together, last_on)"
    " SELECT a.person_id, b.person_id, count(*), max(a.on_date) FROM gettogether g NOT INDEXED"
    " CROSS JOIN attendance a ON a.gettogether_id = g.id"
    " CROSS JOIN attendance b ON b.gettogether_id = g.id AND b.person_id > a.person_id"
    " GROUP BY a.person_id, b.person_id",
)


def rebuild_derived(conn: sqlite3.Connection) -> None:
    """Fill ``DERIVED_TABLES`` afresh: after writes made while their triggers were set
    aside (the JSON import's bulk load), once the indexes are there."""
    for statement in _REBUILD_DERIVED:
        conn.execute(statement)


#: ``PRAGMA application_id`` of every supportnet database ("SpNt").
APPLICATION_ID = 0x53704E74
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


class ReadOnlyConnection(sqlite3.Connection):
    """A connection to a database file that cannot be written: reads only.

    Read commands work on it; a write is refused before it starts
    (``write_session``), or by SQLite itself, as ``DatabaseReadOnly``.
    """

    path: Path | None = None  # the file, for the refusal's advice


def _make_writable(path: Path | None, *, once: bool = False) -> str:
    """How to make the database writable: chmod, unless its file system is read-only
    (a mounted disk image, a read-only share), where no chmod helps."""
    try:
        read_only_disk = path is not None and bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        read_only_disk = False
    if read_only_disk:
        return "It is on a read-only file system: copy it to a writable place and use the copy"
    then = " once" if once else ""
    if path is not None and not os.access(path.parent, os.W_OK | os.X_OK):
        file, folder = shlex.quote(str(path)), shlex.quote(str(path.parent))  # macOS: spaces
        if _writable(path):  # SQLite keeps its -wal and -shm files beside the database
            return f"Its folder is read-only: make the folder writable (chmod u+w {folder}){then}"
        return f"Make it and its folder writable (chmod u+w {file} {folder}){then}"
    return f"Make it writable (chmod u+w){then}"


def _writable(path: Path) -> bool:
    """Whether the file ``path`` may be written (by its mode, and for this user)."""
    return bool(path.stat().st_mode & stat.S_IWUSR) and os.access(path, os.W_OK)


def open_database(path: Path, notes: list[str] | None = None) -> sqlite3.Connection:
    """Open (creating on first use) and upgrade the supportnet database at ``path``;
    what a person should hear of it (a new database, an upgrade and its safety copy)
    is added to ``notes``.

    The file is checked before anything is written to it: a file that is not a
    supportnet database, a damaged one or one from a newer supportnet raises a
    ``SupportnetError`` and is left exactly as it was.  A read-only file (or
    folder) is opened read-only: reading works, and a write is refused.

    Durability and privacy: ``synchronous = FULL`` (in WAL mode, NORMAL may lose
    a change already reported as done to a power cut) and ``secure_delete`` (a
    removed note is overwritten with zeros, not left in the file).
    """
    path = Path(path)
    is_new, read_only = _prepare_file(path)
    if read_only:
        return _open_read_only(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise FileProblem(f"Could not open the database {path}: {error}.") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_identity(conn, path, is_new)
        conn.execute("PRAGMA foreign_keys = ON")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        from supportnet.migrations import all_migrations

        migrations = all_migrations()
        migrate(conn, path, migrations, notes)
        check_tables(conn, path, migrations)
        if is_new and notes is not None:
            notes.append(f"Started a new database at {path}.")
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode (once, on the first open).

    SQLite answers "database is locked" at once, without waiting the busy timeout,
    when several commands switch a new database at the same moment; so wait here.
    """
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """The database opened for reading only; refused when it needs an upgrade first."""
    from supportnet.migrations import all_migrations

    uri = path.resolve().as_uri()
    conn: sqlite3.Connection | None = None
    # Without a -wal file beside it (a database closed cleanly), the file alone holds
    # everything: read it as unchanging (immutable), which leaves no -wal or -shm
    # files behind.  With one, read-only WAL mode reads what it holds too.
    wal = Path(f"{path}-wal").exists()
    for query in ("mode=ro", "immutable=1") if wal else ("immutable=1",):
        try:
            conn = sqlite3.connect(
                f"{uri}?{query}", uri=True, isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000, factory=ReadOnlyConnection,
            )  # fmt: skip
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.path = path
            break
        except sqlite3.OperationalError:
            if conn is not None:
                conn.close()
            conn = None
        except sqlite3.DatabaseError as error:
            raise translate_sqlite_error(error, path) from None
    if conn is None:
        raise DatabaseReadOnly(
            f"The database {path} is read-only and could not be opened for reading either; "
            "nothing was changed."
        )
    try:
        _check_identity(conn, path, is_new=False)
        migrations = all_migrations()
        done = dict(applied_migrations(conn))
        if done and max(done) > max(m.number for m in migrations):
            raise DatabaseTooNew(
                f"The database {path} was upgraded by a newer version of supportnet; "
                "install the newer version to use it. It was left untouched."
            )
        if any(m.number not in done for m in migrations):
            raise DatabaseReadOnly(
                f"The database {path} needs an upgrade for this version of supportnet, but "
                f"it is read-only; nothing was changed. {_make_writable(path, once=True)}."
            )
        check_tables(conn, path, migrations)
    except BaseException:
        conn.close()
        raise
    return conn


def check_tables(conn: sqlite3.Connection, path: Path | None, migrations: list) -> None:
    """Refuse (as damaged) a database missing a table its recorded migrations made.

    Cheap: one look at ``sqlite_master``.  A database whose goal tables were
    dropped by hand would otherwise open, then fail in `goals`, and its JSON
    export would silently leave them out.
    """
    import re

    done = {number for number, _ in applied_migrations(conn)}
    promised = {
        name.lower()
        for m in migrations
        if m.number in done
        for name in re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", m.sql, re.I)
    }
    present = {
        name.lower()
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    missing = sorted(promised - present)
    if missing:
        where = f" {path}" if path else ""
        raise DatabaseDamaged(
            f"The database{where} is damaged: its table {missing[0]!r} is missing; it was left "
            "untouched. `supportnet restore-backup FILE` brings back a backup."
        )


def _prepare_file(path: Path) -> tuple[bool, bool]:
    """Check the file can be used; create it (mode 0600) if missing.

    (True if new, True if it can only be read.)
    """
    if path.is_dir():
        raise FileProblem(f"The database path {path} is a folder; give a file name instead.")
    if path.exists() and is_safety_copy(path):
        # Opened as the database, it would be upgraded and written to: kept as it was.
        raise FileProblem(
            f"{path} is a safety copy supportnet made before a change, kept as it was; "
            f"it was left untouched. To go back to it: supportnet restore-backup {path}"
        )
    if path.exists() and not path.is_file():  # a pipe or a device: opening it could hang
        raise FileProblem(
            f"The database path {path} is not a regular file; give the name of a database "
            "file instead. It was left untouched."
        )
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise FileProblem(f"Could not read the database {path}: {error.strerror}.") from None
        if header and header != SQLITE_HEADER:
            # An export given as the database: say how it is meant to be used.
            export = header.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
            hint = f" To bring an export in, use `supportnet import {path}`." if export else ""
            raise NotSupportnetDatabase(
                f"{path} is not a supportnet database (it is not an SQLite file); "
                f"it was left untouched.{hint}"
            )
        writable = _writable(path)
        # SQLite writes its journal beside the file: a read-only folder reads only too.
        folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
        if header == b"" and not (writable and folder_writable):
            raise DatabaseReadOnly(
                f"The database {path} is empty and read-only; nothing was changed. "
                f"{_make_writable(path)}, or use --db with another file."
            )
        if header == b"":  # a database is made in it: private, as ours are
            _private(path)
        return header == b"", not (writable and folder_writable)
    try:
        from supportnet.safe_files import make_folders

        # A link to a file not made yet: the file is made where it points (O_EXCL
        # refuses a link), 0600 like any other.
        target = Path(os.path.realpath(path))
        make_folders(target.parent)  # 0700, each folder made, whatever the umask
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.chmod(target, 0o600)
    except FileExistsError:
        return False, False
    except OSError as error:
        raise FileProblem(
            f"Could not create the database {path}: {error.strerror}. "
            "Use --db or SUPPORTNET_DB to choose another place."
        ) from None
    return True, False


def _private(path: Path) -> None:
    """Make the file a database is made in readable by its owner only (someone
    else's file, which cannot be changed, is left as it is)."""
    if path.stat().st_mode & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def _check_identity(conn: sqlite3.Connection, path: Path, is_new: bool) -> None:
    try:
        # One statement, one snapshot: a command creating the same new database at
        # this moment has either stamped it and made its tables, or neither.
        app_id, tables = conn.execute(
            "SELECT (SELECT application_id FROM pragma_application_id),"
            " (SELECT count(*) FROM sqlite_master)"
        ).fetchone()
    except sqlite3.DatabaseError as error:
        raise translate_sqlite_error(error, path) from None
    if app_id == APPLICATION_ID:
        return
    if app_id == 0 and tables == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _private(path)  # an empty SQLite file (from `sqlite3`, 0644) becomes ours
        return
    raise NotSupportnetDatabase(
        f"{path} is an SQLite database of another program, not supportnet's; it was left untouched."
    )


def translate_sqlite_error(error: sqlite3.Error, path: Path | None = None) -> SupportnetError:
    """The user-facing error for an SQLite failure, or a re-raise for a bug."""
    from supportnet import safe_files

    if _is_failed_rollback(error) and isinstance(error.__context__, sqlite3.Error):
        # SQLite had already rolled back by itself (it does on a full disk): the
        # error that made it do so is the one to report.
        return translate_sqlite_error(error.__context__, path)
    text = str(error).lower()
    where = f" {path}" if path else ""
    if safe_files.is_disk_full(error):
        return safe_files.disk_full(path)
    if safe_files.is_disk_error(error):
        return safe_files.disk_error(path)
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"The database{where} is in use by another supportnet command (or another "
            "program); nothing was changed. Try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(f"The database{where} is read-only; nothing was changed.")
    if isinstance(error, sqlite3.IntegrityError):
        from supportnet.errors import Conflict

        return Conflict(f"That clashes with what is recorded ({error}); nothing was changed.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"The database{where} is damaged ({error}); it was left untouched. "
            "`supportnet restore-backup FILE` brings back a backup."
        )
    raise error


def _is_failed_rollback(error: sqlite3.Error) -> bool:
    return "cannot rollback - no transaction is active" in str(error).lower()


def applied_migrations(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(number, name) of every migration recorded in the database."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'"
    ).fetchone()
    if not exists:
        return []
    return [tuple(row) for row in conn.execute("SELECT number, name FROM schema_migration")]


def holds_rows(conn: sqlite3.Connection) -> bool:
    """Does any table hold a row of the user's?  (Not the migrations' own record,
    nor the identity row every database is made with: a database another command
    is making at the same moment is still empty, and needs no copy.)"""
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        " AND name NOT IN ('schema_migration', 'database_identity')"
    ).fetchall()
    return any(conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() for (name,) in tables)


def migrate(
    conn: sqlite3.Connection, path: Path | None, migrations: list, notes: list[str] | None = None
) -> list[str]:
    """Apply the pending ``migrations`` in order; return the labels applied.

    Each step runs in its own transaction together with the row that records
    it.  Before upgrading a database that already holds data, a copy of the file
    is taken next to it (and said in ``notes``).
    """
    done = dict(applied_migrations(conn))
    known = {m.number for m in migrations}
    if done and max(done) > max(known):
        raise DatabaseTooNew(
            f"The database{' ' + str(path) if path else ''} was upgraded by a newer version "
            "of supportnet; install the newer version to use it. It was left untouched."
        )
    pending = [m for m in migrations if m.number not in done]
    if not pending:
        return []
    if done and path is not None and holds_rows(conn):
        copy = keep_safety_copy(conn, path, f"before-{pending[0].label}")
        if notes is not None:
            notes.append(
                f"Upgraded {path} for this version of supportnet; a copy of it as it was "
                f"is at {copy}."
            )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migration ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    applied = []
    for step in pending:
        stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        # The step's record first: a step another command applied meanwhile stops there,
        # on its number, before any of its work is done again.
        script = (
            "BEGIN IMMEDIATE;\n"
            f"INSERT INTO schema_migration (number, name, applied_at) "
            f"VALUES ({step.number}, '{step.name}', '{stamp}');\n"
            f"{step.sql}\n;"
            "COMMIT;"
        )
        try:
            conn.executescript(script)
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            # Two commands started at once on a new or older database: the other one
            # applied this step while this one waited for the lock. Nothing to do.
            if isinstance(error, sqlite3.IntegrityError) and step.number in dict(
                applied_migrations(conn)
            ):
                continue
            raise
        applied.append(step.label)
    return applied


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything inside lands, or nothing does.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a second terminal
    waits (up to the busy timeout) instead of failing half-way.
    """
    if isinstance(conn, ReadOnlyConnection):
        raise DatabaseReadOnly("The database is read-only; nothing was changed.")
    begin_writing(conn)
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # SQLite rolls back by itself on some errors (a full disk)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def write_session(conn: sqlite3.Connection, *, dry_run: bool = False) -> Iterator[Session]:
    """One write transaction through a SQLModel ``Session`` on ``conn``.

    The engine's only connection is ``conn`` itself (``creator``, ``StaticPool``,
    no reset on return), so SQLAlchemy never opens the file (it would create it
    0644 without supportnet's checks) and the pool is never disposed (that would
    close the caller's connection).  The transaction is ``BEGIN IMMEDIATE``,
    issued from the engine's ``begin`` event (SQLAlchemy's recipe for pysqlite),
    and is begun at once: raw SQL read on ``conn`` inside the block is part of
    it.  Everything inside lands on leaving the block, or (on any failure, or
    on a ``dry_run``) nothing does.  ``create_all`` is never called on a user's file.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool
    from sqlmodel import Session

    if isinstance(conn, ReadOnlyConnection):
        where = f" {conn.path}" if conn.path else ""
        raise DatabaseReadOnly(
            f"The database{where} is read-only; nothing was changed. "
            f"{_make_writable(conn.path)} to change it, or use --db with another file."
        )
    engine = create_engine(
        "sqlite://", creator=lambda: conn, poolclass=StaticPool, pool_reset_on_return=None
    )
    event.listen(engine, "begin", lambda _: begin_writing(conn))
    with Session(engine, expire_on_commit=False) as session:
        session.connection()  # BEGIN IMMEDIATE now: the write lock before any read
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        with signals_held():
            if dry_run:
                session.rollback()
            else:
                session.commit()
                session.info["committed"] = True
                if interrupt_pending():
                    landed.append(True)
            session.close()


#: An entry for each commit that a Ctrl-C waited for: it is answered with "the change
#: is kept" (``cli/app.py``, which empties this as each command starts).
landed: list[bool] = []
#: Called once when a write has to wait for another one to finish (the CLI says so):
#: the busy timeout is long, and a silent pause of seconds looks like a hang.
on_wait: Callable[[], None] | None = None
#: How long a write waits for the lock before ``on_wait`` is told.
_QUIET_WAIT_MS = 300


def begin_writing(conn: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE`` (the write lock, up front), telling ``on_wait`` when another
    writer holds it past a moment; then waiting the rest of the busy timeout."""
    conn.execute(f"PRAGMA busy_timeout = {_QUIET_WAIT_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
        if on_wait is not None:
            on_wait()
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS - _QUIET_WAIT_MS}")
        conn.execute("BEGIN IMMEDIATE")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def interrupt_pending() -> bool:
    """Is a Ctrl-C held off (``signals_held``) waiting?"""
    import signal

    try:
        return signal.SIGINT in signal.sigpending()
    except (AttributeError, OSError):  # Windows
        return False


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done: a transaction's end is not
    torn in two, and what follows knows whether it landed (``session.info``)."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # Windows: no signal mask
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def connection_of(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a ``write_session``, for plain SQL reads in it.

    Pending changes are flushed first, so the read sees them.
    """
    session.flush()
    return session.connection().connection.dbapi_connection  # type: ignore[return-value]
