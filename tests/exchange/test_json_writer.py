"""The JSON export's rows as SQLite writes them (``json_array``) are the bytes Python's
encoder writes (jsondump: ``_write_rows``), whatever the values: text with commas,
quotes, line breaks and every kind of character, 64-bit integers, and the values
SQLite would write otherwise (reals, BLOBs), where Python takes over from that row on."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportnet.exchange import jsondump

_TABLES = (
    "CREATE TABLE schema_migration (number INTEGER PRIMARY KEY, name TEXT)",
    "CREATE TABLE keyed (id INTEGER PRIMARY KEY, a, b TEXT, c INTEGER)",
    "CREATE TABLE pairs (k TEXT, n INTEGER, v, PRIMARY KEY (k, n)) WITHOUT ROWID",
    'CREATE TABLE "no key" (x, y)',
    "CREATE TABLE one (v)",
)


@contextmanager
def _database(rows: dict[str, list[tuple]]) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    try:
        for sql in _TABLES:
            conn.execute(sql)
        conn.execute("INSERT INTO schema_migration VALUES (1, 'people')")
        for table, values in rows.items():
            if values:
                marks = ", ".join("?" * len(values[0]))
                conn.executemany(f'INSERT OR IGNORE INTO "{table}" VALUES ({marks})', values)
        yield conn
    finally:
        conn.close()


def _both(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(the export as SQLite writes the rows, the export as Python's encoder does)."""
    assert jsondump._sqlite_writes_json(conn), "this SQLite writes no rows: nothing tested"
    by_sqlite = io.StringIO()
    jsondump.write_dump(conn, by_sqlite, "[cadence]\n")
    with monkeypatch.context() as patch:
        patch.setattr(jsondump, "_sqlite_writes_json", lambda conn: False)
        by_python = io.StringIO()
        jsondump.write_dump(conn, by_python, "[cadence]\n")
    return by_sqlite.getvalue(), by_python.getvalue()


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["a, b", "], [", '"', "\\", "\n", "\x00", "\x7f", "\u2028", "1.5", "Inf", ",", ", ", "é😀"]
)
_INT = st.integers(min_value=-(2**63), max_value=2**63 - 1)
_PLAIN = st.none() | _INT | _TEXT
_ANY = _PLAIN | st.floats(allow_nan=False) | st.binary(max_size=6)


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    keyed=st.lists(st.tuples(_INT, _ANY, _PLAIN, _PLAIN), max_size=12),
    pairs=st.lists(st.tuples(_TEXT, _INT, _ANY), max_size=8),
    no_key=st.lists(st.tuples(_ANY, _TEXT), max_size=8),
    one=st.lists(st.tuples(_ANY), max_size=5),
)
def test_sqlite_writes_the_bytes_python_writes(monkeypatch, keyed, pairs, no_key, one) -> None:
    rows = {"keyed": keyed, "pairs": pairs, "no key": no_key, "one": one}
    with _database(rows) as conn:
        by_sqlite, by_python = _both(conn, monkeypatch)
    assert by_sqlite == by_python


@pytest.mark.parametrize("odd", [1.5, 0.1 + 0.2, float("inf"), -0.0, 1e20, b"\x00", b"{}"])
def test_a_real_or_blob_after_many_rows_is_written_by_python(monkeypatch, odd: Any) -> None:
    """Past a batch: the rows before it come from SQLite, the rest from Python."""
    count = jsondump.BATCH * 2 + 11
    keyed = [(i, f"row {i}, with a comma" if i % 3 else i, "x", i) for i in range(1, count)]
    keyed[jsondump.BATCH + 7] = (jsondump.BATCH + 8, odd, "y", None)
    with _database({"keyed": keyed, "one": [(odd,), ("after",)]}) as conn:
        by_sqlite, by_python = _both(conn, monkeypatch)
    assert by_sqlite == by_python
    assert f"[{jsondump.BATCH + 8}, " in by_sqlite and f"[{count - 1}, " in by_sqlite


def test_rows_sqlite_writes_are_the_rows_python_writes() -> None:
    rows = ['[1,"a, b",null]', '[2,"x",3]', '[3,"ok.",-4]']
    text, done = jsondump._sqlite_rows_text(rows, 3)
    assert done == 3
    assert text == jsondump._rows_text([(1, "a, b", None), (2, "x", 3), (3, "ok.", -4)])
    assert jsondump._sqlite_rows_text(['[1,"a",2]', "[2,1.5,3]", '[3,"b",4]'], 3) == (
        jsondump._rows_text([(1, "a", 2)]),
        1,
    )


# --- the import's INSERT: many rows a statement (dumpimport._Insert) -------------------


@pytest.mark.parametrize("count", [0, 1, 332, 333, 334, 1000])
def test_many_rows_a_statement_go_in_as_one_a_statement(count: int) -> None:
    """Whole statements of ``per_statement`` rows and the rest one by one: the same rows,
    nulls and all, in the same order (a table without a key keeps them in rowid order)."""
    from supportnet.exchange.dumpimport import _Insert

    rows = [(i, None if i % 2 else f"t{i}", None if i % 3 else i * 2**40) for i in range(count)]
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE plain (a, b, c)")
        insert = _Insert("plain", ["a", "b", "c"])
        assert insert.per_statement == 333
        insert.rows(conn, rows)
        assert conn.execute("SELECT a, b, c FROM plain ORDER BY rowid").fetchall() == rows
        assert conn.execute("SELECT count(*) FROM plain WHERE b IS NULL").fetchone() == (
            sum(1 for row in rows if row[1] is None),
        )
    finally:
        conn.close()


def test_a_row_the_schema_refuses_in_a_statement_of_many_is_refused() -> None:
    from supportnet.exchange.dumpimport import _Insert

    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE keyed (id INTEGER PRIMARY KEY, v CHECK (v > 0))")
        rows = [(i, 1) for i in range(1, 800)] + [(5, 1)]
        with pytest.raises(sqlite3.IntegrityError, match=r"UNIQUE constraint failed: keyed\.id"):
            _Insert("keyed", ["id", "v"]).rows(conn, rows)
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            _Insert("keyed", ["id", "v"]).rows(conn, [(1000 + i, 1 - (i == 7)) for i in range(600)])
    finally:
        conn.close()


def test_text_that_is_not_utf8_stops_both_writers_alike(monkeypatch) -> None:
    """Such text (written past supportnet) cannot be read as text: SQLite's rows stop
    where Python's reading of the values always stopped, with the same error."""
    with _database({"keyed": [(1, "fine", "b", 2)]}) as conn:
        conn.execute("INSERT INTO keyed VALUES (2, CAST(x'80ff' AS TEXT), 'b', 3)")
        errors = []
        for by_sqlite in (True, False):
            with monkeypatch.context() as patch:
                patch.setattr(
                    jsondump, "_sqlite_writes_json", lambda conn, answer=by_sqlite: answer
                )
                with pytest.raises(sqlite3.OperationalError) as error:
                    jsondump.write_dump(conn, io.StringIO(), None)
            errors.append(str(error.value))
    assert errors[0] == errors[1]
