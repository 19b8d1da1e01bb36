"""Read records: rows matched to typed fields by column name (store/records.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import KW_ONLY, InitVar, dataclass
from typing import NamedTuple

import pytest

from supportnet.store.records import fetch, fetch_one


@dataclass
class _Row:
    id: int
    day: dt.date | None
    done: bool
    tags: list[str]
    note: str | None = None


def _conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        "CREATE TABLE t (id INTEGER, on_date TEXT, done INTEGER, note TEXT);"
        "INSERT INTO t VALUES (1, '2026-06-10', 1, 'x'), (2, NULL, 0, NULL);"
        "CREATE TABLE tag (t_id INTEGER, tag TEXT);"
        "INSERT INTO tag VALUES (1, 'b'), (1, 'a');"
    )
    return conn


SQL = (
    "SELECT id, on_date AS day, done, note,"
    " (SELECT group_concat(tag, char(31)) FROM tag WHERE t_id = t.id) AS tags"
    " FROM t ORDER BY id"
)


def test_columns_fill_fields_by_name_with_their_types() -> None:
    rows = fetch(_conn(), _Row, SQL)
    assert rows == [
        _Row(1, dt.date(2026, 6, 10), True, ["b", "a"], "x"),
        _Row(2, None, False, [], None),
    ]
    assert fetch_one(_conn(), _Row, SQL + " LIMIT 0") is None


def test_a_column_without_a_field_is_a_bug_said_plainly() -> None:
    with pytest.raises(TypeError, match="_Row has no field 'on_date'"):
        fetch(_conn(), _Row, "SELECT id, on_date FROM t")


class _InOrder(NamedTuple):
    id: int
    day: dt.date | None
    done: bool
    note: str | None
    tags: list[str]


@pytest.mark.parametrize("record", [_Row, _InOrder])
def test_columns_in_the_fields_order_or_not_give_the_same_records(record) -> None:
    """Columns in the record's own order are passed by position, others by name: the
    records are the same (dates, booleans, lists and NULLs turned alike)."""
    in_order = (
        "SELECT id, on_date AS day, done, note,"
        " (SELECT group_concat(tag, char(31)) FROM tag WHERE t_id = t.id) AS tags FROM t"
        if record is _InOrder
        else "SELECT id, on_date AS day, done,"
        " (SELECT group_concat(tag, char(31)) FROM tag WHERE t_id = t.id) AS tags, note FROM t"
    )
    shuffled = (
        "SELECT note, (SELECT group_concat(tag, char(31)) FROM tag WHERE t_id = t.id) AS tags,"
        " done, on_date AS day, id FROM t"
    )
    expected = [
        record(id=1, day=dt.date(2026, 6, 10), done=True, tags=["b", "a"], note="x"),
        record(id=2, day=None, done=False, tags=[], note=None),
    ]
    assert fetch(_conn(), record, in_order + " ORDER BY id") == expected
    assert fetch(_conn(), record, shuffled + " ORDER BY id") == expected


@dataclass
class _WithInitVar:
    id: int
    seed: InitVar[int] = 0
    note: str | None = None

    def __post_init__(self, seed: int) -> None:
        self.seeded = seed


@dataclass
class _KeywordOnly:
    id: int
    _: KW_ONLY
    note: str | None = None


@pytest.mark.parametrize("record", [_WithInitVar, _KeywordOnly])
def test_a_column_is_never_passed_into_another_parameter(record) -> None:
    """An InitVar or a keyword-only field is no place for a column: by name, not by
    position, whatever the order of the fields."""
    assert fetch(_conn(), record, "SELECT id, note FROM t ORDER BY id") == [
        record(id=1, note="x"),
        record(id=2, note=None),
    ]
