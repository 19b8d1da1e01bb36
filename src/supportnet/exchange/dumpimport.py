"""Importing a JSON export: into an empty database (or with ``replace``), in one transaction.

The rows are written back verbatim, ids included, through a ``db.write_session``;
every row is checked by the validators the table models give (``models.rows``),
the rest of the document by ``dumpcheck``.  A file in the export's own layout is
read as it is written, a batch of rows at a time (``dumplayout``); any other file
is read whole.  While the rows go in, the indexes and triggers are set aside and
made again at the end (``_set_aside_schema``), inside the same transaction, and the
rows go in a few hundred a statement (``_Insert``).  The import loads SQLModel and
pydantic only when it runs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from supportnet.errors import Conflict, FileProblem, SupportnetError
from supportnet.exchange.dumpcheck import (
    MAX_ID,
    cell_value,
    check_head,
    check_references,
    decode_dump,
    is_whole,
    known_columns,
    parse_dump,
    repeated_key,
    rows_of,
    text_problem,
)
from supportnet.exchange.jsondump import BATCH, quoted, user_tables
from supportnet.text import SQLITE_MAX_INT, SQLITE_MIN_INT, count_of

if TYPE_CHECKING:
    from supportnet.exchange.dumpconfig import PlacedConfig
    from supportnet.exchange.dumplayout import LayoutReader
    from supportnet.models.rows import RowRules


@dataclass
class DumpImport:
    """What importing a JSON export did (or would do, on a dry run)."""

    file: str
    counts: dict[str, int]
    dry_run: bool
    kept_copy: Path | None = None
    config: str | None = None  # what happened to the config file, in words
    replaced: dict[str, int] = field(default_factory=dict)  # with --replace: what was there

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": "json",
            "dry_run": self.dry_run,
            "counts": self.counts,
            "kept_copy": str(self.kept_copy) if self.kept_copy else None,
            "config": self.config,
            "replaced": self.replaced,
        }


# --- a file prepared for import ---------------------------------------------------


@dataclass
class PreparedDump:
    """A JSON export whose top level is read and checked, ready to import.

    ``reader`` is set when the file is in the export's own layout: its rows are read
    while they are written.  Otherwise ``head`` is the whole document, read at once.
    """

    handle: BinaryIO
    what: str
    head: dict[str, Any]
    reader: LayoutReader | None = None

    def read_whole(self) -> dict[str, Any]:
        """The whole document, read and checked at once (``parse_dump``)."""
        self.handle.seek(0)
        self.reader = None
        self.head = parse_dump(decode_dump(self.handle.read(), self.what), self.what)
        return self.head

    def close(self) -> None:
        self.handle.close()


def prepare_dump(handle: BinaryIO, what: str) -> PreparedDump:
    """Read and check the top level of the export open in ``handle`` (``FileProblem``)."""
    from supportnet.exchange.dumplayout import LayoutReader, NotInLayout

    prepared = PreparedDump(handle, what, {}, LayoutReader(handle, what))
    try:
        assert prepared.reader is not None
        prepared.head = prepared.reader.head()
        try:
            check_head(prepared.head, what, streamed=True)
        except FileProblem as problem:
            # A file that is not even JSON further down is refused for that, first.
            raise prepared.reader.rest_problem(tables=False) or problem from None
    except NotInLayout:
        prepared.read_whole()
    return prepared


# --- where the rows come from: the layout, a batch at a time, or the whole document ---


class _Whole:
    """The rows of a document read whole: tables in the database's order."""

    def __init__(self, dump: dict[str, Any], what: str) -> None:
        self.head = dump
        self.what = what
        self.order: list[str] = []

    def begin(self, tables: list[str]) -> None:
        self.order = tables
        for table in self.head["tables"]:
            if table not in tables:
                raise FileProblem(
                    f"{self.what} has a table this version does not know ({table!r}); "
                    "nothing was imported."
                )

    def refuse(self, problem: SupportnetError, *, tables: bool) -> None:
        raise problem

    def tables(self) -> Iterator[tuple[str, list[str], Iterator[Any]]]:
        entries = self.head["tables"]
        for table in self.order:
            if table in entries:
                columns, rows = rows_of(self.what, table, entries[table], known_columns(table))
                batches = (rows[start : start + BATCH] for start in range(0, len(rows), BATCH))
                yield table, columns, batches

    def check(self, rules: RowRules, batch: list[Any]) -> list[tuple]:
        return rules.validate(batch, cell_value)


class _Streamed:
    """The rows of a file in the export's layout, a batch at a time, in file order."""

    def __init__(self, reader: LayoutReader, head: dict[str, Any], what: str) -> None:
        self.reader = reader
        self.head = head
        self.what = what

    def begin(self, tables: list[str]) -> None:
        self.reader.order = tables  # (unknown tables are met, and refused, on the way)

    def refuse(self, problem: SupportnetError, *, tables: bool) -> None:
        """Refuse the file for ``problem``, unless the rest of it is refused for a
        problem that has always come first (see ``LayoutReader.rest_problem``)."""
        raise self.reader.rest_problem(tables) or problem

    def tables(self) -> Iterator[tuple[str, list[str], Iterator[Any]]]:
        from supportnet.exchange.dumplayout import NotInLayout

        order = self.reader.order or []
        while (table := self.reader.next_table()) is not None:
            name, columns, has_rows = table
            if name not in order:
                self.refuse(
                    FileProblem(
                        f"{self.what} has a table this version does not know ({name!r}); "
                        "nothing was imported."
                    ),
                    tables=False,
                )
            if has_rows and columns == []:
                raise NotInLayout  # (whether the rows are empty: the whole reading says)
            entry = {"columns": columns, "rows": [None] if has_rows else []}
            try:
                columns, _ = rows_of(self.what, name, entry, known_columns(name))
            except FileProblem as problem:
                self.refuse(problem, tables=True)
            yield name, columns, self.reader.batches() if has_rows else iter(())

    def check(self, rules: RowRules, batch: bytes) -> list[tuple]:
        from pydantic import ValidationError

        from supportnet.exchange.dumplayout import NotInLayout

        try:
            return rules.validate_json(batch)
        except ValidationError:
            pass
        # Refused: read the batch as the whole file would be, to say why (RowRefused).
        rules.validate(self.reader.parse_batch(batch), cell_value)
        raise NotInLayout  # JSON pydantic reads differently from Python: read it whole


def what_is_held(present: dict[str, int]) -> str:
    """What a database holds, in words: its people, else the first table that holds
    rows ("1 row of 'resource'"), never "0 people"."""
    table = "person" if "person" in present else next(iter(present))
    if table == "person":
        return count_of(present[table], "person", "people")
    return count_of(present[table], f"row of {table!r}", f"rows of {table!r}")


def _holds_data(conn: sqlite3.Connection, tables: list[str]) -> dict[str, int]:
    found = {}
    for table in tables:
        if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
            found[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return found


# --- the import ------------------------------------------------------------------


def import_dump(
    conn: sqlite3.Connection,
    prepared: PreparedDump,
    *,
    known_migrations: list[str],
    today: dt.date | None = None,
    replace: bool = False,
    dry_run: bool = False,
    keep_copy: Path | None = None,
    config: Callable[[], PlacedConfig] | None = None,
) -> DumpImport:
    """Write a prepared export into the database, in one transaction.

    The database must hold no rows, unless ``replace``: then every row is
    deleted first, and (when ``keep_copy`` is given and something is there) a
    copy of the database is written to ``keep_copy`` before anything changes.
    ``config`` puts the export's config file in place (``stage_config``): inside
    the transaction, once every row is in, and taken back if the commit fails, so
    the data and the config land together or neither does.  Given ``today``, the
    writers' rules that need it hold for the rows too: a favor or a get-together
    still to come is refused (``models.rows.HAPPENED``).  On a dry run everything
    is checked and nothing is kept.
    """
    from supportnet.exchange.dumplayout import NotInLayout

    job = _Job(conn, prepared.what, known_migrations, today, replace, dry_run, keep_copy, config)
    try:
        if prepared.reader is not None:
            try:
                return job.run(_Streamed(prepared.reader, prepared.head, prepared.what))
            except NotInLayout:
                prepared.read_whole()  # not as export lays it out after all: read it whole
        return job.run(_Whole(prepared.head, prepared.what))
    except BaseException:
        # Failed before its commit, the database is as the copy has it: nothing to
        # keep.  Stopped after it (Ctrl-C just then), the copy is the only old data.
        if job.kept is not None and not job.committed:
            job.kept.unlink(missing_ok=True)
        raise


@dataclass
class _Job:
    conn: sqlite3.Connection
    what: str
    known_migrations: list[str]
    today: dt.date | None
    replace: bool
    dry_run: bool
    keep_copy: Path | None
    config: Callable[[], PlacedConfig] | None
    kept: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    committed: bool = False  # the rows (and the config) have landed

    def run(self, source: _Whole | _Streamed) -> DumpImport:
        from sqlalchemy import delete

        from supportnet import db, safety_copies
        from supportnet.migrations import replayed_on_import
        from supportnet.models.rows import table_model
        from supportnet.store import identity

        what, conn = self.what, self.conn
        newer = [m for m in source.head.get("migrations", []) if m not in self.known_migrations]
        if newer:
            source.refuse(
                FileProblem(
                    f"{what} was written by a newer supportnet (its database had {newer[-1]}); "
                    "install the newer version to import it. Nothing was imported."
                ),
                tables=False,
            )
        tables = user_tables(conn)
        source.begin(tables)
        # The identity row is the database's own, not user data: an empty database has one.
        mine = [t for t in tables if t != identity.TABLE]
        present = _holds_data(conn, mine)
        if present and not self.replace:
            self._refuse_data(source, present)
        if present and self.keep_copy is not None and not self.dry_run and self.kept is None:
            self.kept = safety_copies.backup_file(conn, self.keep_copy)
        self.counts = {}
        placed: PlacedConfig | None = None
        # Every reference is checked once, at the end (PRAGMA foreign_key_check), rather
        # than row by row; the setting only changes outside a transaction.
        conn.execute("PRAGMA foreign_keys = OFF")
        session_info: dict[str, Any] = {}
        try:
            with db.write_session(conn, dry_run=self.dry_run) as session:
                session_info = session.info
                rows = db.connection_of(session)
                if not present and (now := _holds_data(rows, mine)):
                    # Another import came first: refused even with --replace, as no
                    # copy of its data was taken.
                    self._refuse_data(source, now)
                schema = _set_aside_schema(rows)
                if present:
                    for table in reversed(tables):
                        session.connection().execute(delete(table_model(table)))
                given: dict[str, list[str]] = {}  # each table's columns in the file
                for table, columns, batches in source.tables():
                    if table == identity.TABLE and not present:
                        session.connection().execute(delete(table_model(table)))
                    given[table] = columns
                    self.counts[table] = self._write(rows, source, table, columns, batches)
                self._restore_schema(rows, source, schema)
                for statement in replayed_on_import(given):  # worked out from older rows
                    rows.execute(statement)
                db.rebuild_derived(rows)  # their triggers were set aside with the rest
                _restore_sequences(rows, what, source.head.get("sequences") or {})
                identity.ensure_identity(rows)  # an export from before identities: a new one
                check_references(rows, what)
                if self.config is not None and not self.dry_run:
                    placed = self.config()
        except BaseException as error:
            self.committed = session_info.get("committed", False)
            if not self.committed:
                if placed is not None:  # the config goes back as it was
                    placed.undo()
                raise
            if isinstance(error, Exception):
                raise
            # Ctrl-C or SIGTERM held off while the import landed: it is done, and
            # saying so (with the copy kept) is the truth.
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        counts = {table: self.counts.get(table, 0) for table in tables}
        said = placed.message if placed else None
        return DumpImport(what, counts, self.dry_run, self.kept, said, present)

    def _refuse_data(self, source: _Whole | _Streamed, present: dict[str, int]) -> None:
        held = what_is_held(present)
        source.refuse(
            Conflict(
                f"The database already holds data ({held}); a JSON export is "
                "imported only into an empty database. Use --replace to replace everything "
                "in it (a copy of the current database is kept), or --db to choose a new file."
            ),
            tables=True,
        )

    def _restore_schema(
        self, conn: sqlite3.Connection, source: _Whole | _Streamed, schema: list[tuple]
    ) -> None:
        """Make the indexes and triggers ``_set_aside_schema`` dropped again, in order; a
        UNIQUE index the rows break refuses the file as the row would have on its way in."""
        for table, sql in schema:
            try:
                conn.execute(sql)
            except sqlite3.IntegrityError as error:
                self._refuse_invalid(source, table, error, index=(conn, sql))

    def _write(
        self,
        conn: sqlite3.Connection,
        source: _Whole | _Streamed,
        table: str,
        columns: list[str],
        batches: Iterator[Any],
    ) -> int:
        """Check and insert every row of ``table``; how many there were."""
        from supportnet.models.rows import RowRefused, row_rules

        sql = _Insert(table, columns)
        rules = None
        count = 0
        for batch in batches:
            if rules is None:
                rules = row_rules(table, tuple(columns), MAX_ID, self.today)
                missing = rules.missing()
                if missing:
                    source.refuse(
                        FileProblem(
                            f"{self.what}: table {table!r} has no column {missing[0]!r}, which "
                            "its rows need; nothing was imported."
                        ),
                        tables=True,
                    )
            try:
                values = source.check(rules, batch)
            except RowRefused as refused:
                # The rows before it go in first: a clash among them has always come first.
                self._insert(conn, source, table, sql, refused.rows[: refused.index])
                source.refuse(
                    FileProblem(
                        f"{self.what}: row {count + refused.index + 1} of {table!r} "
                        f"{refused.problem}; nothing was imported."
                    ),
                    tables=True,
                )
            self._insert(conn, source, table, sql, values)
            count += len(values)
        return count

    def _insert(
        self,
        conn: sqlite3.Connection,
        source: _Whole | _Streamed,
        table: str,
        sql: _Insert,
        rows: list[Any],
    ) -> None:
        try:
            sql.rows(conn, rows)
        except sqlite3.IntegrityError as error:
            self._refuse_invalid(source, table, error, rows=(sql.columns, rows))

    def _refuse_invalid(
        self,
        source: _Whole | _Streamed,
        table: str,
        error: sqlite3.IntegrityError,
        *,
        rows: tuple[list[str], list[Any]] | None = None,
        index: tuple[sqlite3.Connection, str] | None = None,
    ) -> None:
        """A row the schema refuses (a UNIQUE or CHECK it breaks), on insert or when the
        indexes set aside are made again: the file is refused, nothing imported.  A key
        found twice is named when it can be: among the ``rows`` (columns, rows) of the
        statement refused, or by the ``index`` (connection, CREATE INDEX) made again."""
        reason = " ".join(str(error).split())  # a CHECK is quoted as written, over lines
        twice = repeated_key(reason, table, rows, index)
        source.refuse(
            FileProblem(
                f"{self.what}: two rows of {table!r} have the same {twice}; nothing was imported."
                if twice
                else f"{self.what}: a row of {table!r} is not valid here ({reason}); "
                "nothing was imported."
            ),
            tables=True,
        )


#: The most values one statement binds: the limit of SQLite before 3.32 (since, 32,766).
MAX_VALUES = 999


class _Insert:
    """The INSERT of one table's rows, many rows a statement.

    A row a statement costs Python's sqlite3 a step of SQLite (and a hand-over of the
    GIL) for each row; a statement of many rows (``VALUES (...), (...)``) does the same
    work a few hundred times less often.  The rows go in in their order, as one row a
    statement would put them.
    """

    def __init__(self, table: str, columns: list[str]) -> None:
        row = f"({', '.join('?' * len(columns))})"
        head = f'INSERT INTO "{table}" ({quoted(columns)}) VALUES '
        self.columns = columns
        self.width = len(columns)
        self.per_statement = max(1, MAX_VALUES // max(1, self.width))
        self.one = head + row
        self.many = head + ", ".join([row] * self.per_statement)

    def rows(self, conn: sqlite3.Connection, rows: list[Any]) -> None:
        """Insert ``rows`` (sequences of values in the order of the columns)."""
        _bind_null_quickly()
        whole = len(rows) - len(rows) % self.per_statement if self.per_statement > 1 else 0
        if whole:
            values = tuple(itertools.chain.from_iterable(rows[:whole]))
            if len(values) != whole * self.width:  # (checked rows are never short or long)
                raise ValueError(f"{self.one}: a row of another length")
            size = self.per_statement * self.width
            conn.executemany(self.many, (values[i : i + size] for i in range(0, len(values), size)))
        if whole < len(rows):
            conn.executemany(self.one, rows[whole:])


def _bind_null_quickly() -> None:
    """Bind None without Python 3.11's sqlite3 looking for an adapter the slow way.

    It binds a value that is not an int, float, str or bytearray through an adapter,
    and for None it finds none only after raising (and dropping) an AttributeError:
    thousands of instructions a value, more than the rest of a row costs it.  An adapter
    registered for None that gives None back makes it one dictionary look-up; None is
    bound as NULL either way (process-wide, so once, and it changes no result).
    """
    key = (type(None), sqlite3.PrepareProtocol)
    if key not in sqlite3.adapters:
        sqlite3.register_adapter(type(None), _NONE_FOR_NONE)


#: A function of one value that gives None for None, without a Python call (``dict.get``
#: of an empty dictionary).
_NONE_FOR_NONE: Callable[[None], None] = {}.get


def _set_aside_schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Drop every index, trigger and view (not the tables); (table, SQL) to make each
    again, in the order the migrations made them.

    Inside the import's transaction.  Kept up to date row by row, the indexes cost
    about as much as the rows themselves (each row lands somewhere else in each);
    made once at the end (``_Job._restore_schema``) they cost a fraction.  All of
    them go and come back in their order, so that the schema reads exactly as before
    (an index made again is listed after the others); a rollback brings them back
    with everything else.
    """
    schema = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    for kind, name, _, _ in reversed(schema):
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return [(table, sql) for _, _, table, sql in schema]


def _restore_sequences(conn: sqlite3.Connection, what: str, sequences: Any) -> None:
    if not isinstance(sequences, dict):
        raise FileProblem(f'{what}: "sequences" must be an object; nothing was imported.')
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
    ).fetchone()
    if not exists:
        return
    conn.execute("DELETE FROM sqlite_sequence")
    rows = []
    for name, seq in sequences.items():
        if not is_whole(seq) or not SQLITE_MIN_INT <= seq <= SQLITE_MAX_INT:
            raise FileProblem(f"{what}: the counter of {name!r} is not a number.")
        if seq > MAX_ID:
            raise FileProblem(
                f"{what}: the counter of {name!r} is beyond the largest id supportnet accepts "
                f"({MAX_ID}); nothing was imported."
            )
        if text_problem(name):
            raise FileProblem(
                f"{what}: a counter's name is not valid Unicode text ({text_problem(name)}); "
                "nothing was imported."
            )
        rows.append((name, seq))
    conn.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", rows)
