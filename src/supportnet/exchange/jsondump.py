"""The JSON export: everything, in a documented, versioned format that re-imports exactly.

The dump is generic: every user table of the database (all of ``sqlite_master``
except ``schema_migration`` and SQLite's own), in creation order, each with its
column names and its rows ordered by primary key, plus the AUTOINCREMENT
counters, the config file's text and the list of schema migrations.  Tables
added by later migrations are covered without changes here.  The layout is
described in docs/exchange.md.

Importing a dump into an empty database (or with ``replace``) writes the rows
back verbatim, ids included, in one transaction; exporting again gives the same
bytes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from supportnet import __version__
from supportnet.errors import Conflict, FileProblem
from supportnet.text import SQLITE_MAX_INT, SQLITE_MIN_INT

FORMAT = "supportnet-export"
#: Raise when the layout changes in a way an older supportnet could misread.
FORMAT_VERSION = 1


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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


def _cell(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    return value


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


def write_dump(conn: sqlite3.Connection, out: TextIO, config_text: str | None) -> dict[str, int]:
    """Write the whole database as JSON to ``out``, one row per line; rows per table.

    Rows are streamed from SQLite, so memory stays flat however large the
    database is.  Run inside one read transaction for a consistent picture.
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
        while True:
            batch = cursor.fetchmany(5000)
            if not batch:
                break
            for row in batch:
                out.write("," if count else "")
                out.write("\n        " + _dumps([_cell(v) for v in row]))
                count += 1
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


def parse_dump(text: str, what: str) -> dict[str, Any]:
    """The checked top level of a JSON export; ``FileProblem`` for anything else.

    The config text it carries is checked here too, with the config file's own
    rules, so a bad one is refused before the database is even opened.
    """

    def no_constant(name: str) -> None:
        raise FileProblem(
            f"{what} holds {name}, which is not a number JSON allows; nothing was imported."
        )

    try:
        dump = json.loads(text, parse_constant=no_constant)
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
    except ValueError:  # the one other: an integer beyond what Python converts
        raise FileProblem(
            f"{what} holds a number of more than {sys.get_int_max_str_digits()} digits, "
            "which no supportnet export has; nothing was imported."
        ) from None
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
    tables = dump.get("tables")
    if not isinstance(tables, dict) or not isinstance(dump.get("migrations", []), list):
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
    return dump


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


def _value(what: str, table: str, number: int, column: str, value: Any) -> Any:
    """``value`` as SQLite will store it, or ``FileProblem``: only text, numbers
    that SQLite holds (64-bit integers, finite reals), null and base64 bytes."""
    kind = type(value)
    if kind is str:
        problem = _text_problem(value)
        if problem is None:
            return value
        raise FileProblem(
            f"{what}: row {number} of {table!r} has {column} text that is not valid Unicode "
            f"({problem}); nothing was imported."
        )
    if kind is int:
        if SQLITE_MIN_INT <= value <= SQLITE_MAX_INT:
            return value
        digits = str(value)
        shown = digits if len(digits) <= 40 else f"of {len(digits.lstrip('-'))} digits"
        raise FileProblem(
            f"{what}: row {number} of {table!r} has {column} {shown}, a number beyond what "
            f"the database holds ({SQLITE_MIN_INT} to {SQLITE_MAX_INT}); nothing was imported."
        )
    if value is None or (kind is float and math.isfinite(value)):
        return value
    if kind is dict and set(value) == {"$base64"} and isinstance(value["$base64"], str):
        try:
            return base64.b64decode(value["$base64"], validate=True)
        except (binascii.Error, ValueError):
            pass
    raise FileProblem(
        f"{what}: row {number} of {table!r} holds a value that is not text, a number or null; "
        "nothing was imported."
    )


def _row_values(
    what: str, table: str, number: int, row: Any, columns: list[str], checks: list
) -> list:
    width = len(columns)
    if not isinstance(row, list) or len(row) != width:
        raise FileProblem(
            f"{what}: row {number} of {table!r} does not have {width} values; nothing was imported."
        )
    values = [_value(what, table, number, c, v) for c, v in zip(columns, row)]
    for index, check in checks:
        value = values[index]
        problem = check(columns[index], value) if value is not None else None
        if problem:
            raise FileProblem(f"{what}: row {number} of {table!r} {problem}; nothing was imported.")
    birthday = _birthday_columns(columns)
    if birthday and (values[birthday[0]] is not None or values[birthday[1]] is not None):
        month, day, year = (values[i] if i is not None else None for i in birthday)
        try:
            dt.date(int(year or 2000), int(month), int(day))  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            raise FileProblem(
                f"{what}: row {number} of {table!r} has a birthday that is not a day of the "
                "calendar; nothing was imported."
            ) from None
    return values


# The database's CHECKs cover kinds and flags; dates, times and rules are text to
# SQLite, and a hand-edited export must not leave one that every later command
# trips over.  Each check returns what is wrong with a value, or None.
_GOOD: set[tuple[str, Any]] = set()


def _check_date(column: str, value: Any) -> str | None:
    from supportnet.dates import EARLIEST_YEAR, LATEST_YEAR

    if ("date", value) in _GOOD:
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                return (
                    f"has {column} {value!r}, outside the years supportnet keeps "
                    f"({EARLIEST_YEAR} to {LATEST_YEAR})"
                )
            _GOOD.add(("date", value))
            return None
    return f"has {column} {value!r}, which is not a date (YYYY-MM-DD)"


def _check_time(column: str, value: Any) -> str | None:
    m = re.fullmatch(r"(\d{2}):(\d{2})", str(value))
    if m and int(m.group(1)) <= 23 and int(m.group(2)) <= 59:
        return None
    return f"has {column} {value!r}, which is not a time (HH:MM)"


def _check_moment(column: str, value: Any) -> str | None:
    try:
        dt.datetime.fromisoformat(str(value))
    except ValueError:
        return f"has {column} {value!r}, which is not a date and time"
    return None


def _check_rule(column: str, value: Any) -> str | None:
    if ("rule", value) in _GOOD:
        return None
    from supportnet.errors import InvalidInput
    from supportnet.recurrence import clean_rule

    try:
        clean_rule(str(value))
    except InvalidInput:
        return f"has {column} {value!r}, which is not a rule supportnet can follow"
    _GOOD.add(("rule", value))
    return None


def _check_whole(column: str, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    return f"has {column} {value!r}, which is not a whole number"


def _check_uuid(column: str, value: Any) -> str | None:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return f"has {column} {value!r}, which is not a UUID"
    return None


#: The largest id (and AUTOINCREMENT counter) an import accepts.  SQLite goes to
#: 2**63 - 1, but a table whose counter stands there takes no new row ("database
#: or disk is full"), and readers of --json that hold numbers as doubles
#: (JavaScript, older jq) read ids beyond 2**53 wrong.  supportnet never comes near.
MAX_ID = 2**53


def _check_id(column: str, value: Any) -> str | None:
    if _whole(value) and value > MAX_ID:
        return f"has {column} {value}, beyond the largest id supportnet accepts ({MAX_ID})"
    return None


def _check_text(column: str, value: Any) -> str | None:
    if isinstance(value, str):
        return None
    return f"has {column} {value!r}, which is not text"


def _column_checks(
    columns: list[str], types: dict[str, str] | None = None, rowid: str | None = None
) -> list:
    """(index, check) for each column whose values need checking.

    Besides dates, times and rules, a value must be of its column's declared
    type: SQLite would store "hard" in an INTEGER column, and every later
    command would trip over it.
    """
    types = types or {}
    checks = []
    for index, column in enumerate(columns):
        if column == rowid:
            checks.append((index, _check_id))
        declared = types.get(column, "").upper()
        if declared == "INTEGER":
            checks.append((index, _check_whole))
        elif declared == "TEXT" and not (column == "on_date" or column.endswith(("_on", "_at"))):
            checks.append((index, _check_text))
        if column == "on_date" or column.endswith("_on"):
            checks.append((index, _check_date))
        elif column == "at_time":
            checks.append((index, _check_time))
        elif column.endswith("_at"):
            checks.append((index, _check_moment))
        elif column == "rrule":
            checks.append((index, _check_rule))
        elif column == "uuid":
            checks.append((index, _check_uuid))
    return checks


def _birthday_columns(columns: list[str]) -> tuple[int, int, int | None] | None:
    if "birthday_month" not in columns or "birthday_day" not in columns:
        return None
    year = columns.index("birthday_year") if "birthday_year" in columns else None
    return columns.index("birthday_month"), columns.index("birthday_day"), year


def _holds_data(conn: sqlite3.Connection, tables: list[str]) -> dict[str, int]:
    found = {}
    for table in tables:
        if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
            found[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return found


def import_dump(
    conn: sqlite3.Connection,
    dump: dict[str, Any],
    what: str,
    *,
    known_migrations: list[str],
    replace: bool = False,
    dry_run: bool = False,
    keep_copy: Path | None = None,
) -> DumpImport:
    """Write a parsed export into the database, in one transaction.

    The database must hold no rows, unless ``replace``: then every row is
    deleted first, and (when ``keep_copy`` is given and something is there) a
    copy of the database is written to ``keep_copy`` before anything changes.
    On a dry run everything is checked and nothing is kept.
    """
    newer = [m for m in dump.get("migrations", []) if m not in known_migrations]
    if newer:
        raise FileProblem(
            f"{what} was written by a newer supportnet (its database had {newer[-1]}); "
            "install the newer version to import it. Nothing was imported."
        )
    tables = user_tables(conn)
    for table in dump["tables"]:
        if table not in tables:
            raise FileProblem(
                f"{what} has a table this version does not know ({table!r}); nothing was imported."
            )
    from supportnet.store import identity

    # The identity row is the database's own, not user data: an empty database has one.
    present = _holds_data(conn, [t for t in tables if t != identity.TABLE])
    if present and not replace:
        people = present.get("person", 0)
        raise Conflict(
            f"The database already holds data ({people} people); a JSON export is imported "
            "only into an empty database. Use --replace to replace everything in it (a copy "
            "of the current database is kept), or --db to choose a new file."
        )
    kept = None
    if present and keep_copy is not None and not dry_run:
        from supportnet.db import backup_file

        kept = backup_file(conn, keep_copy)
    counts: dict[str, int] = {}
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in reversed(tables):
            if present or (table == identity.TABLE and table in dump["tables"]):
                conn.execute(f'DELETE FROM "{table}"')
        for table in tables:
            if table not in dump["tables"]:
                counts[table] = 0
                continue
            known = _columns(conn, table)[0]
            columns, rows = _rows_of(what, table, dump["tables"][table], known)
            if not rows:
                counts[table] = 0
                continue
            sql = (
                f'INSERT INTO "{table}" ({_quoted(columns)}) '
                f"VALUES ({', '.join('?' for _ in columns)})"
            )
            info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            types = {row[1]: row[2] for row in info}
            keys = [row[1] for row in info if row[5]]
            rowid = keys[0] if len(keys) == 1 and types[keys[0]].upper() == "INTEGER" else None
            checks = _column_checks(columns, types, rowid)
            values = (
                _row_values(what, table, n, row, columns, checks) for n, row in enumerate(rows, 1)
            )
            try:
                conn.executemany(sql, values)
            except sqlite3.IntegrityError as error:
                raise FileProblem(
                    f"{what}: a row of {table!r} is not valid here ({error}); nothing was imported."
                ) from None
            counts[table] = len(rows)
        _restore_sequences(conn, what, dump.get("sequences") or {})
        identity.ensure_identity(conn)  # an export from before identities: a new one
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise FileProblem(
                f"{what}: a row of {broken[0]!r} refers to a missing row of {broken[2]!r}; "
                "nothing was imported."
            )
    except BaseException:
        conn.execute("ROLLBACK")
        if kept is not None:  # the database is as the copy has it: nothing to keep
            kept.unlink(missing_ok=True)
        raise
    conn.execute("ROLLBACK" if dry_run else "COMMIT")
    return DumpImport(what, counts, dry_run, kept)


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
    if text is None:
        return None
    if config_path.exists():
        current = config_path.read_text(encoding="utf-8")
        if current == text:
            return None
        if not replace:
            beside = config_path.with_name("config.imported.toml")
            _write_private(beside, text)
            return (
                f"Your config file {config_path} was kept; the exported settings are in {beside}."
            )
        old = config_path.with_name(f"config.before-import.{stamp:%Y%m%dT%H%M%S}.toml")
        from supportnet import safe_files

        old = safe_files.write_file(old, current, if_exists="new-name")
        _write_private(config_path, text)
        return f"The config file was replaced; the previous one is kept in {old}."
    _write_private(config_path, text)
    return f"The config file {config_path} was written from the export."


def _write_private(path: Path, text: str) -> None:
    """Write a config file whole (mode 0600); a config kept as a link to a file
    elsewhere (dotfiles) stays a link: the file it points to is replaced."""
    from supportnet import safe_files

    safe_files.write_file(Path(os.path.realpath(path)), text, if_exists="replace")
