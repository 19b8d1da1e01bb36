"""Checking a JSON export: its top level, its tables' columns and its values.

The same checks whichever way the file is read (whole, or as laid out a batch at a
time: ``dumplayout``); every problem is a ``FileProblem`` that says nothing was
imported.  Rows themselves are checked by the table models' validators
(``models.rows``), which ``dumpimport`` calls; what the schema refuses once they
are written (a key twice, a reference to nothing) is named here too.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
from typing import Any

from supportnet.errors import FileProblem
from supportnet.exchange.jsondump import FORMAT, FORMAT_VERSION, quoted
from supportnet.text import SQLITE_MAX_INT

#: How deep an export nests: the document, "tables", one table, "rows", one row,
#: and a {"$base64": ...} value.
EXPORT_DEPTH = 6

#: The largest id (and AUTOINCREMENT counter) an import accepts.  SQLite goes to
#: 2**63 - 1, but a table whose counter stands there takes no new row ("database
#: or disk is full"), and readers of --json that hold numbers as doubles
#: (JavaScript, older jq) read ids beyond 2**53 wrong.  supportnet never comes near.
MAX_ID = 2**53


def decode_dump(data: bytes, what: str) -> str:
    """The text of an export read whole: UTF-8 (with or without a byte-order mark), as
    ``export`` writes it, or UTF-16 with a mark (an editor's "Unicode").  Anything
    else is refused (``FileProblem``): guessing another encoding could change a name."""
    if not data.strip():
        raise FileProblem(f"{what} is empty; nothing was imported.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise FileProblem(
                f"{what} is not UTF-8 text (line {line} holds a byte UTF-8 does not have); "
                "supportnet's exports are UTF-8: save it as UTF-8 and import it again. "
                "Nothing was imported."
            ) from None
    raise FileProblem(f"{what} is not a text file (it looks binary); nothing was imported.")


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
    if not is_whole(version) or not 1 <= version <= SQLITE_MAX_INT:
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


def is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text_problem(value: str) -> str | None:
    """What keeps ``value`` from being stored as text: a lone surrogate (JSON's
    ``\\ud800`` escape allows one; no encoding does)."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"a lone surrogate, {value[error.start]!r}"
    return None


def cell_value(value: Any) -> Any:
    """The value a cell of the export stands for: bytes for {"$base64": ...}."""
    if type(value) is dict and set(value) == {"$base64"} and isinstance(value["$base64"], str):
        try:
            return base64.b64decode(value["$base64"], validate=True)
        except (binascii.Error, ValueError):
            pass
    return value


def known_columns(table: str) -> list[str]:
    from supportnet.models.rows import table_model

    return list(table_model(table).columns.keys())


def rows_of(what: str, table: str, entry: Any, known: list[str]) -> tuple[list[str], list]:
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


# --- why the rows written were refused, named -------------------------------------


def repeated_key(
    reason: str,
    table: str,
    rows: tuple[list[str], list[Any]] | None,
    index: tuple[sqlite3.Connection, str] | None,
) -> str | None:
    """The key a UNIQUE ``reason`` is about and a value it has twice ("id (7)"), found in
    ``rows`` (columns, rows) or over the table by the ``index`` (connection, the CREATE
    INDEX of our own migrations: its columns and any WHERE); None if not found."""
    prefix = "UNIQUE constraint failed: "
    if not reason.startswith(prefix) or "index '" in reason:  # (an expression's index)
        return None
    keys = [name.split(".", 1)[-1] for name in reason.removeprefix(prefix).split(", ")]
    found = None
    if rows is not None and all(key in rows[0] for key in keys):
        at = [rows[0].index(key) for key in keys]
        seen: set[tuple] = set()
        for row in rows[1]:
            key = tuple(row[i] for i in at)
            if key in seen and None not in key:  # (NULLs never clash)
                found = key
                break
            seen.add(key)
    elif index is not None:
        conn, sql = index
        head, *where = re.split(r"\sWHERE\s", sql, maxsplit=1, flags=re.I)
        columns = head[head.index("(") + 1 : head.rindex(")")]  # place COLLATE NOCASE, role
        kept = [*(f"({w})" for w in where), *(f'"{key}" IS NOT NULL' for key in keys)]
        found = _first_row(
            conn,
            f'SELECT {quoted(keys)} FROM "{table}" WHERE {" AND ".join(kept)}'
            f" GROUP BY {columns} HAVING count(*) > 1 LIMIT 1",
        )
    if found is None:
        return None
    return f"{' and '.join(keys)} ({', '.join(map(repr, found))})"


def check_references(conn: sqlite3.Connection, what: str) -> None:
    """Refuse the file for a row that refers to a row it does not have, naming the
    reference ("a row of 'safety_role' (person_id 7) refers to a missing row of
    'person'"), checked for every table at once (``PRAGMA foreign_key_check``)."""
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is None:
        return
    table, _, parent, key = broken
    pairs = [(row[3], row[4]) for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')
             if row[0] == key]  # fmt: skip
    which = ""
    if pairs and all(to is not None for _, to in pairs):  # (our tables name the key)
        picked = ", ".join(f't."{column}"' for column, _ in pairs)
        given = " AND ".join(f't."{column}" IS NOT NULL' for column, _ in pairs)
        same = " AND ".join(f'p."{to}" = t."{column}"' for column, to in pairs)
        found = _first_row(
            conn,
            f'SELECT {picked} FROM "{table}" t WHERE {given}'
            f' AND NOT EXISTS (SELECT 1 FROM "{parent}" p WHERE {same}) LIMIT 1',
        )
        if found is not None:
            which = " (" + ", ".join(f"{c} {v!r}" for (c, _), v in zip(pairs, found)) + ")"
    raise FileProblem(
        f"{what}: a row of {table!r}{which} refers to a missing row of {parent!r}; "
        "nothing was imported."
    )


def _first_row(conn: sqlite3.Connection, sql: str) -> tuple | None:
    """The first row of a query that names what a refusal is about, or None when it
    finds nothing or cannot run: naming it is a courtesy, the refusal stands without it."""
    try:
        return conn.execute(sql).fetchone()
    except sqlite3.Error:
        return None
