"""The JSON export: everything, in a documented, versioned format that re-imports exactly.

The dump is generic: every user table of the database (all of ``sqlite_master``
except ``schema_migration`` and SQLite's own), in creation order, each with its
column names and its rows ordered by primary key, plus the AUTOINCREMENT
counters, the config file's text and the list of schema migrations.  Tables
added by later migrations are covered without changes here.  The layout is
described in docs/exchange.md.

Importing a dump into an empty database (or with ``replace``) writes the rows
back verbatim, ids included, in one transaction through a ``db.write_session``;
every row is checked by the validators the table models give (``models.rows``).
A file in the export's own layout is read as it is written, a batch of rows at a
time (``exchange.dumplayout``); any other file is read whole.  Exporting again
gives the same bytes.

The export is a read command: nothing here imports SQLModel or pydantic at the top;
the import loads them when it runs.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from supportnet import __version__
from supportnet.errors import Conflict, FileProblem, SupportnetError
from supportnet.text import SQLITE_MAX_INT, SQLITE_MIN_INT

if TYPE_CHECKING:
    from supportnet.exchange import ExportRequest
    from supportnet.exchange.dumplayout import LayoutReader
    from supportnet.models.rows import RowRules

FORMAT = "supportnet-export"
#: Raise when the layout changes in a way an older supportnet could misread.
FORMAT_VERSION = 1


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _base64(value: Any) -> dict[str, str]:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"{type(value).__name__} is not a value SQLite returns")


#: Many rows at once, exactly as ``_dumps`` writes each (bytes as {"$base64": ...}).
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=_base64).encode
#: Rows read and written at a time.
_BATCH = 5000
_ROW_START = "\n        "


def user_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table holding the user's data, in the order the migrations created them."""
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'schema_migration'"
            " ORDER BY rowid"
        )
    ]


def _columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """(all column names in order, primary-key columns in key order)."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = [row[1] for row in info]
    key = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    return columns, key


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _migrations(conn: sqlite3.Connection) -> list[str]:
    return [
        f"{number:04d}_{name}"
        for number, name in conn.execute(
            "SELECT number, name FROM schema_migration ORDER BY number"
        )
    ]


def _sequences(conn: sqlite3.Connection) -> dict[str, int]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
    ).fetchone()
    if not exists:
        return {}
    # In SQLite's own order, so that a re-imported database is the same row for row.
    return dict(conn.execute("SELECT name, seq FROM sqlite_sequence ORDER BY rowid"))


def _rows_text(rows: list[tuple]) -> str:
    """``rows`` as the layout has them: each on its own line, after a comma but the first.

    One call of the JSON encoder for all of them; the rows are told apart where one
    ends and the next begins (``], [``), unless some text holds those characters:
    then each row is encoded by itself.
    """
    inner = _encode(rows)[1:-1]
    if inner.count("], [") == len(rows) - 1:
        return _ROW_START + inner.replace("], [", "]," + _ROW_START + "[")
    return _ROW_START + ("," + _ROW_START).join(_encode(row) for row in rows)


def write_dump(conn: sqlite3.Connection, out: TextIO, config_text: str | None) -> dict[str, int]:
    """Write the whole database as JSON to ``out``, one row per line; rows per table.

    Rows are streamed from SQLite a batch at a time, so memory stays flat however
    large the database is.  Run inside one read transaction for a consistent picture.
    """
    counts: dict[str, int] = {}
    out.write("{\n")
    out.write(f'  "format": {_dumps(FORMAT)},\n')
    out.write(f'  "format_version": {FORMAT_VERSION},\n')
    out.write(f'  "supportnet_version": {_dumps(__version__)},\n')
    out.write(f'  "migrations": {_dumps(_migrations(conn))},\n')
    out.write(f'  "config": {_dumps(config_text)},\n')
    out.write(f'  "sequences": {_dumps(_sequences(conn))},\n')
    out.write('  "tables": {')
    tables = user_tables(conn)
    for t_index, table in enumerate(tables):
        columns, key = _columns(conn, table)
        order = _quoted(key) if key else "rowid"
        out.write("," if t_index else "")
        out.write(f'\n    {_dumps(table)}: {{\n      "columns": {_dumps(columns)},\n')
        out.write('      "rows": [')
        count = 0
        cursor = conn.execute(f'SELECT {_quoted(columns)} FROM "{table}" ORDER BY {order}')
        while batch := cursor.fetchmany(_BATCH):
            out.write(("," if count else "") + _rows_text(batch))
            count += len(batch)
        out.write("\n      ]\n    }" if count else "]\n    }")
        counts[table] = count
    out.write("\n  }\n}\n" if tables else "}\n}\n")
    return counts


# --- importing ----------------------------------------------------------------------


@dataclass
class DumpImport:
    """What importing a JSON export did (or would do, on a dry run)."""

    file: str
    counts: dict[str, int]
    dry_run: bool
    kept_copy: Path | None = None
    config: str | None = None  # what happened to the config file, in words

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": "json",
            "dry_run": self.dry_run,
            "counts": self.counts,
            "kept_copy": str(self.kept_copy) if self.kept_copy else None,
            "config": self.config,
        }


#: How deep an export nests: the document, "tables", one table, "rows", one row,
#: and a {"$base64": ...} value.
EXPORT_DEPTH = 6

#: The largest id (and AUTOINCREMENT counter) an import accepts.  SQLite goes to
#: 2**63 - 1, but a table whose counter stands there takes no new row ("database
#: or disk is full"), and readers of --json that hold numbers as doubles
#: (JavaScript, older jq) read ids beyond 2**53 wrong.  supportnet never comes near.
MAX_ID = 2**53


def parse_dump(text: str, what: str) -> dict[str, Any]:
    """The checked top level of a JSON export read whole; ``FileProblem`` for anything else.

    The config text it carries is checked here too, with the config file's own
    rules, so a bad one is refused before the database is even opened.
    """
    from supportnet.exchange.dumplayout import loads

    try:
        dump = loads(text, what)
    except json.JSONDecodeError as error:
        raise FileProblem(
            f"{what} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "nothing was imported."
        ) from None
    except RecursionError:
        # Python's parser recurses once per level and gives up near a thousand.
        raise FileProblem(
            f"{what} is nested too deeply to be a supportnet export (an export nests "
            f"{EXPORT_DEPTH} levels); nothing was imported."
        ) from None
    check_head(dump, what)
    return dump


def check_head(dump: Any, what: str, *, streamed: bool = False) -> None:
    """Check the top level of an export (``streamed``: all of it but its tables, which
    the layout has as an object); ``FileProblem`` for the first thing wrong."""
    if not isinstance(dump, dict) or dump.get("format") != FORMAT:
        raise FileProblem(
            f'{what} is JSON but not a supportnet export (no "format": "{FORMAT}"); '
            "nothing was imported."
        )
    version = dump.get("format_version")
    if not _whole(version) or not 1 <= version <= SQLITE_MAX_INT:
        raise FileProblem(f"{what} has no valid format_version; nothing was imported.")
    if version > FORMAT_VERSION:
        raise FileProblem(
            f"{what} was written by a newer supportnet (export format {version}; this version "
            f"reads up to {FORMAT_VERSION}). Install the newer version to import it; "
            "nothing was imported."
        )
    tables_ok = streamed or isinstance(dump.get("tables"), dict)
    if not tables_ok or not isinstance(dump.get("migrations", []), list):
        raise FileProblem(f'{what} has no "tables" object; nothing was imported.')
    if not all(isinstance(m, str) for m in dump.get("migrations", [])):
        raise FileProblem(f'{what}: "migrations" must be a list of names; nothing was imported.')
    config = dump.get("config")
    if config is not None and not isinstance(config, str):
        raise FileProblem(f'{what}: "config" must be the config file\'s text or null.')
    if config is not None:
        from supportnet.config import check_settings

        try:
            check_settings(config, f'the "config" of {what}')
        except FileProblem as error:
            raise FileProblem(f"{error.message} Nothing was imported.") from None


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_problem(value: str) -> str | None:
    """What keeps ``value`` from being stored as text: a lone surrogate (JSON's
    ``\\ud800`` escape allows one; no encoding does)."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"a lone surrogate, {value[error.start]!r}"
    return None


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
        from supportnet.exchange.vcard import decode_text

        self.handle.seek(0)
        self.reader = None
        self.head = parse_dump(decode_text(self.handle.read(), self.what), self.what)
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
                columns, rows = _rows_of(self.what, table, entries[table], _known(table))
                batches = (rows[start : start + _BATCH] for start in range(0, len(rows), _BATCH))
                yield table, columns, batches

    def check(self, rules: RowRules, batch: list[Any]) -> list[tuple]:
        return rules.validate(batch, _cell)


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
                columns, _ = _rows_of(self.what, name, entry, _known(name))
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
        rules.validate(self.reader.parse_batch(batch), _cell)
        raise NotInLayout  # JSON pydantic reads differently from Python: read it whole


def _cell(value: Any) -> Any:
    """The value a cell of the export stands for: bytes for {"$base64": ...}."""
    if type(value) is dict and set(value) == {"$base64"} and isinstance(value["$base64"], str):
        try:
            return base64.b64decode(value["$base64"], validate=True)
        except (binascii.Error, ValueError):
            pass
    return value


def _known(table: str) -> list[str]:
    from supportnet.models.rows import table_model

    return list(table_model(table).columns.keys())


def _rows_of(what: str, table: str, entry: Any, known: list[str]) -> tuple[list[str], list]:
    if not isinstance(entry, dict):
        raise FileProblem(f"{what}: table {table!r} is not an object; nothing was imported.")
    columns, rows = entry.get("columns"), entry.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise FileProblem(f"{what}: table {table!r} needs \"columns\" and \"rows\" lists; "
                          "nothing was imported.")  # fmt: skip
    if not all(isinstance(c, str) for c in columns) or (rows and not columns):
        raise FileProblem(
            f"{what}: table {table!r} needs its column names as text; nothing was imported."
        )
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            raise FileProblem(
                f"{what}: table {table!r} names the column {column!r} twice; nothing was imported."
            )
        seen.add(column)
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise FileProblem(
            f"{what}: table {table!r} has a column this version does not know ({unknown[0]!r}); "
            "nothing was imported."
        )
    return columns, rows


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
    the data and the config land together or neither does.  On a dry run
    everything is checked and nothing is kept.
    """
    from supportnet.exchange.dumplayout import NotInLayout

    job = _Job(conn, prepared.what, known_migrations, replace, dry_run, keep_copy, config)
    try:
        if prepared.reader is not None:
            try:
                return job.run(_Streamed(prepared.reader, prepared.head, prepared.what))
            except NotInLayout:
                prepared.read_whole()  # not as export lays it out after all: read it whole
        return job.run(_Whole(prepared.head, prepared.what))
    except BaseException:
        if job.kept is not None:  # the database is as the copy has it: nothing to keep
            job.kept.unlink(missing_ok=True)
        raise


@dataclass
class _Job:
    conn: sqlite3.Connection
    what: str
    known_migrations: list[str]
    replace: bool
    dry_run: bool
    keep_copy: Path | None
    config: Callable[[], PlacedConfig] | None
    kept: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def run(self, source: _Whole | _Streamed) -> DumpImport:
        from sqlalchemy import delete

        from supportnet import db
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
        present = _holds_data(conn, [t for t in tables if t != identity.TABLE])
        if present and not self.replace:
            people = present.get("person", 0)
            source.refuse(
                Conflict(
                    f"The database already holds data ({people} people); a JSON export is "
                    "imported only into an empty database. Use --replace to replace everything "
                    "in it (a copy of the current database is kept), or --db to choose a new file."
                ),
                tables=True,
            )
        if present and self.keep_copy is not None and not self.dry_run and self.kept is None:
            self.kept = db.backup_file(conn, self.keep_copy)
        self.counts = {}
        placed: PlacedConfig | None = None
        # Every reference is checked once, at the end (PRAGMA foreign_key_check), rather
        # than row by row; the setting only changes outside a transaction.
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with db.write_session(conn, dry_run=self.dry_run) as session:
                if present:
                    for table in reversed(tables):
                        session.connection().execute(delete(table_model(table)))
                rows = db.connection_of(session)
                for table, columns, batches in source.tables():
                    if table == identity.TABLE and not present:
                        session.connection().execute(delete(table_model(table)))
                    self.counts[table] = self._write(rows, source, table, columns, batches)
                _restore_sequences(rows, what, source.head.get("sequences") or {})
                identity.ensure_identity(rows)  # an export from before identities: a new one
                broken = rows.execute("PRAGMA foreign_key_check").fetchone()
                if broken:
                    raise FileProblem(
                        f"{what}: a row of {broken[0]!r} refers to a missing row of "
                        f"{broken[2]!r}; nothing was imported."
                    )
                if self.config is not None and not self.dry_run:
                    placed = self.config()
        except BaseException:
            if placed is not None:  # the commit failed: the config goes back as it was
                placed.undo()
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        counts = {table: self.counts.get(table, 0) for table in tables}
        said = placed.message if placed else None
        return DumpImport(what, counts, self.dry_run, self.kept, said)

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

        sql = f'INSERT INTO "{table}" ({_quoted(columns)}) VALUES ({", ".join("?" * len(columns))})'
        rules = None
        count = 0
        for batch in batches:
            if rules is None:
                rules = row_rules(table, tuple(columns), MAX_ID)
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
        sql: str,
        rows: list[Any],
    ) -> None:
        try:
            conn.executemany(sql, rows)
        except sqlite3.IntegrityError as error:
            source.refuse(
                FileProblem(
                    f"{self.what}: a row of {table!r} is not valid here ({error}); "
                    "nothing was imported."
                ),
                tables=True,
            )


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
        if not _whole(seq) or not SQLITE_MIN_INT <= seq <= SQLITE_MAX_INT:
            raise FileProblem(f"{what}: the counter of {name!r} is not a number.")
        if seq > MAX_ID:
            raise FileProblem(
                f"{what}: the counter of {name!r} is beyond the largest id supportnet accepts "
                f"({MAX_ID}); nothing was imported."
            )
        if _text_problem(name):
            raise FileProblem(
                f"{what}: a counter's name is not valid Unicode text ({_text_problem(name)}); "
                "nothing was imported."
            )
        rows.append((name, seq))
    conn.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", rows)


# --- the config file an export carries ---------------------------------------------


@dataclass
class PlacedConfig:
    """What putting an export's config in place did, in words, and how to take it back."""

    message: str | None
    undo: Callable[[], None] = lambda: None


def place_config(
    config_path: Path, text: str | None, *, replace: bool, stamp: dt.datetime
) -> str | None:
    """Put an export's config text in place; say what happened (None: nothing to do).

    A missing config file is written.  An identical one is left alone.  A
    different one is kept and the export's text is written beside it as
    ``config.imported.toml`` — or, with ``replace``, the old one is kept as
    ``config.before-import.<time>.toml`` and the export's takes its place.
    Every file is written whole or not at all (``supportnet.safe_files``), and
    the old config is copied before the new one replaces it, so there is always one.
    """
    return stage_config(config_path, text, replace=replace, stamp=stamp).message


def stage_config(
    config_path: Path, text: str | None, *, replace: bool, stamp: dt.datetime
) -> PlacedConfig:
    """``place_config``, and a way to take it back: every file as it was before.

    Taking it back is as careful as putting it in place: the previous config is
    written back before its copy is removed.  It does its best and never raises
    (the import is failing already; the copy stays if it cannot be restored).
    """
    if text is None:
        return PlacedConfig(None)
    if config_path.exists():
        current = config_path.read_text(encoding="utf-8")
        if current == text:
            return PlacedConfig(None)
        if not replace:
            beside = config_path.with_name("config.imported.toml")
            before = beside.read_text(encoding="utf-8") if beside.is_file() else None
            _write_private(beside, text)
            return PlacedConfig(
                f"Your config file {config_path} was kept; the exported settings are in {beside}.",
                _taking_back(beside, before),
            )
        old = config_path.with_name(f"config.before-import.{stamp:%Y%m%dT%H%M%S}.toml")
        from supportnet import safe_files

        old = safe_files.write_file(old, current, if_exists="new-name")
        try:
            _write_private(config_path, text)
        except BaseException:
            old.unlink(missing_ok=True)  # the config is as it was: its copy is not needed
            raise
        return PlacedConfig(
            f"The config file was replaced; the previous one is kept in {old}.",
            _taking_back(config_path, current, copy=old),
        )
    _write_private(config_path, text)
    return PlacedConfig(
        f"The config file {config_path} was written from the export.",
        _taking_back(config_path, None),
    )


def _taking_back(path: Path, before: str | None, copy: Path | None = None) -> Callable[[], None]:
    def undo() -> None:
        try:
            if before is None:
                Path(os.path.realpath(path)).unlink(missing_ok=True)
            else:
                _write_private(path, before)
            if copy is not None:
                copy.unlink(missing_ok=True)
        except (OSError, SupportnetError):
            pass

    return undo


def _write_private(path: Path, text: str) -> None:
    """Write a config file whole (mode 0600); a config kept as a link to a file
    elsewhere (dotfiles) stays a link: the file it points to is replaced."""
    from supportnet import safe_files

    safe_files.write_file(Path(os.path.realpath(path)), text, if_exists="replace")


def export(conn: sqlite3.Connection, out: TextIO, request: ExportRequest) -> None:
    """`export --format json`: the whole database and its config file."""
    from supportnet.paths import config_path

    config = config_path(request.database)
    write_dump(conn, out, config.read_text(encoding="utf-8") if config.exists() else None)
