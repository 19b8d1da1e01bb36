"""The JSON export: everything, in a documented, versioned format that re-imports exactly.

The dump is generic: every user table of the database (all of ``sqlite_master``
except ``schema_migration`` and SQLite's own), in creation order, each with its
column names and its rows ordered by primary key, plus the AUTOINCREMENT
counters, the config file's text and the list of schema migrations.  Tables
added by later migrations are covered without changes here.  The layout is
described in docs/exchange.md; exporting again gives the same bytes.

Reading it back is done by its neighbours: ``dumpcheck`` checks a document,
``dumplayout`` reads the layout written here a batch of rows at a time,
``dumpimport`` writes the rows into a database and ``dumpconfig`` puts the config
file it carries in place.

The export is a read command: nothing here imports SQLModel or pydantic.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from typing import TYPE_CHECKING, Any, TextIO

from supportnet import __version__
from supportnet.db import DERIVED_TABLES

if TYPE_CHECKING:
    from supportnet.exchange import ExportRequest

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
#: Rows read and written at a time (by the import too).
BATCH = 5000
_ROW_START = "\n        "


def user_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table holding the user's data, in the order the migrations created them
    (not the tables derived from them: ``db.DERIVED_TABLES``)."""
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'schema_migration'"
            " ORDER BY rowid"
        )
        if name not in DERIVED_TABLES
    ]


def _columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """(all column names in order, primary-key columns in key order)."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = [row[1] for row in info]
    key = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    return columns, key


def quoted(names: list[str]) -> str:
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
        order = quoted(key) if key else "rowid"
        out.write("," if t_index else "")
        out.write(f'\n    {_dumps(table)}: {{\n      "columns": {_dumps(columns)},\n')
        out.write('      "rows": [')
        count = 0
        cursor = conn.execute(f'SELECT {quoted(columns)} FROM "{table}" ORDER BY {order}')
        while batch := cursor.fetchmany(BATCH):
            out.write(("," if count else "") + _rows_text(batch))
            count += len(batch)
        out.write("\n      ]\n    }" if count else "]\n    }")
        counts[table] = count
    out.write("\n  }\n}\n" if tables else "}\n}\n")
    return counts


def export(conn: sqlite3.Connection, out: TextIO, request: ExportRequest) -> None:
    """`export --format json`: the whole database and its config file."""
    from supportnet.paths import config_path

    config = config_path(request.database)
    write_dump(conn, out, config.read_text(encoding="utf-8") if config.exists() else None)
