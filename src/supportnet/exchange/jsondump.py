"""The JSON export: everything, in a documented, versioned format that re-imports exactly.

The dump is generic: every user table of the database (all of ``sqlite_master``
except ``schema_migration`` and SQLite's own), in creation order, each with its
column names and its rows ordered by primary key, plus the AUTOINCREMENT
counters, the config file's text and the list of schema migrations.  Tables
added by later migrations are covered without changes here.  The layout is
described in docs/exchange.md; exporting again gives the same bytes.  SQLite writes
the JSON of the rows itself where it writes what Python's encoder would
(``_write_rows``), which is twice as quick as handing Python every value.

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


# --- rows SQLite writes as JSON itself ------------------------------------------------
#
# Handing Python every value of 200,000 rows and encoding them costs about twice what
# SQLite's own ``json_array`` costs for the same rows.  Its text is Python's but for the
# spaces after commas, reals (SQLite rounds them to 15 digits) and BLOBs (it refuses
# them): ``_sqlite_rows_text`` puts the spaces in where every comma of a row is one
# between values, re-encodes a row whose text holds a comma (or might hold a real) from
# its parsed values, and stops at a row with a real; from there on, and for a table with
# a BLOB, Python reads the values as before.  ``_sqlite_writes_json`` checks first that
# this SQLite escapes text exactly as Python does and writes every real recognisably;
# if not, Python writes every row.

#: Every character that is escaped or could be, and some of each UTF-8 length.
_PROBE_TEXT = "".join(map(chr, range(0x100))) + "\u07ff\u0800\u2028\u2029\ud7ff\ue000\ufeff" \
    "\ufffd\uffff\U00010000\U0001f600\U0010ffff"  # fmt: skip
_PROBE_REALS = (1e20, 1.5, 0.1, -0.0, float("inf"), float("-inf"), 1.0, 5e-324, 1e16, -2.5e-7)


def _might_hold_a_real(text: str) -> bool:
    """Whether SQLite's JSON ``text`` could hold a real: it writes each with a "." or
    as "Inf" (``_sqlite_writes_json`` checks this of the SQLite at hand)."""
    return "." in text or "Inf" in text


def _sqlite_writes_json(conn: sqlite3.Connection) -> bool:
    """Whether ``json_array`` of this SQLite writes text and whole numbers exactly as
    Python's encoder, every real recognisably (``_might_hold_a_real``), and refuses a
    BLOB (rather than reading it as JSONB) and text that is not UTF-8, as reading the
    values would (rather than making it into other text)."""
    ints = (-(2**63), 2**63 - 1, 0, -1, None)
    marks = ", ".join("?" * len(_PROBE_REALS))
    try:
        text = conn.execute("SELECT json_array(?, ?, ?, ?, ?, ?)", (_PROBE_TEXT, *ints))
        text = text.fetchone()[0]
        reals = conn.execute(f"SELECT json_array({marks})", _PROBE_REALS).fetchone()[0]
    except sqlite3.Error:  # no JSON functions
        return False
    if text != _encode([_PROBE_TEXT, *ints]).replace(", ", ","):
        return False
    if not all(_might_hold_a_real(real) for real in reals[1:-1].split(",")):
        return False
    for other in ("x'00'", "CAST(x'80' AS TEXT)"):
        try:
            conn.execute(f"SELECT json_array({other})").fetchone()
        except sqlite3.Error:
            continue  # as Python: it refuses a BLOB, and it cannot read text that is not UTF-8
        return False  # a BLOB read as JSONB, or text not UTF-8 made into some text
    return True


def _plain_values(row_text: str) -> list[Any] | None:
    """The values of one row of SQLite's JSON when they are only whole numbers, text and
    nulls (exactly as stored); None when a real (rounded) may be among them."""
    try:
        values = json.loads(row_text)
    except ValueError:  # SQLite's "Inf" is not JSON
        return None
    if all(value is None or type(value) is int or type(value) is str for value in values):
        return values
    return None


def _sqlite_rows_text(rows: list[str], width: int) -> tuple[str, int]:
    """``_rows_text`` of the leading rows of ``rows`` (each SQLite's ``json_array`` of a
    row of ``width`` values) and how many they are: all of them, unless one holds a real.
    """
    text = "\n".join(rows)  # (a line break in text is escaped)
    if text.count(",") == len(rows) * (width - 1) and not _might_hold_a_real(text):
        return _ROW_START + text.replace(",", ", ").replace("\n", "," + _ROW_START), len(rows)
    written = []
    for row in rows:
        if row.count(",") == width - 1 and not _might_hold_a_real(row):
            written.append(row.replace(",", ", "))
            continue
        values = _plain_values(row)
        if values is None:
            break
        written.append(_encode(values))
    return _ROW_START + ("," + _ROW_START).join(written), len(written)


def _write_rows(
    conn: sqlite3.Connection,
    out: TextIO,
    table: str,
    names: tuple[list[str], list[str]],
    by_sqlite: bool,
) -> int:
    """Write the rows of ``table`` (its ``_columns``), in key order; how many there were."""
    columns, key = names
    order = quoted(key) if key else "rowid"
    rows_of = f'FROM "{table}" ORDER BY {order}'
    count = 0
    if by_sqlite:
        try:
            cursor = conn.execute(f"SELECT json_array({quoted(columns)}) {rows_of}")
            while batch := cursor.fetchmany(BATCH):
                text, done = _sqlite_rows_text([row for (row,) in batch], len(columns))
                if done:
                    out.write(("," if count else "") + text)
                    count += done
                if done < len(batch):
                    break  # a real: Python reads the rest
            else:
                return count
        except sqlite3.Error:
            pass  # a BLOB (or what Python says more about): Python reads the rest
    cursor = conn.execute(f"SELECT {quoted(columns)} {rows_of} LIMIT -1 OFFSET ?", (count,))
    while batch := cursor.fetchmany(BATCH):
        out.write(("," if count else "") + _rows_text(batch))
        count += len(batch)
    return count


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
    by_sqlite = _sqlite_writes_json(conn)
    for t_index, table in enumerate(tables):
        names = _columns(conn, table)
        columns = names[0]
        out.write("," if t_index else "")
        out.write(f'\n    {_dumps(table)}: {{\n      "columns": {_dumps(columns)},\n')
        out.write('      "rows": [')
        count = _write_rows(conn, out, table, names, by_sqlite)
        out.write("\n      ]\n    }" if count else "]\n    }")
        counts[table] = count
    out.write("\n  }\n}\n" if tables else "}\n}\n")
    return counts


def export(conn: sqlite3.Connection, out: TextIO, request: ExportRequest) -> None:
    """`export --format json`: the whole database and its config file."""
    from supportnet.config import load_config
    from supportnet.paths import config_path

    config = config_path(request.database)
    # A config no command can read is refused here, not carried into an export that
    # every import would refuse.
    found = load_config(config).exists
    write_dump(conn, out, config.read_bytes().decode("utf-8-sig") if found else None)
