"""Describe an SQLite schema through SQLite's own PRAGMAs, to compare two databases.

Used to prove that the SQLModel models (``SQLModel.metadata``) describe exactly the
schema that the SQL migrations build, the way Django's ``makemigrations --check``
proves models and migrations agree.  Alembic's ``compare_metadata`` misses CHECKs,
partial indexes and triggers, so this compares what SQLite itself reports.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any


def _norm(sql: str | None) -> str:
    """SQL text without the spacing, quoting and case differences of two writers."""
    text = " ".join((sql or "").split())
    text = text.replace('"', "")
    text = re.sub(r"\s*([(),=<>!+])\s*", r"\1", text)
    return text.lower()


def _checks(table_sql: str) -> list[str]:
    """Every CHECK (...) expression of a CREATE TABLE, wherever it was written."""
    found = []
    for m in re.finditer(r"\bCHECK\s*\(", table_sql, re.I):
        depth, start = 1, m.end()
        at = start
        while depth:
            depth += {"(": 1, ")": -1}.get(table_sql[at], 0)
            at += 1
        found.append(_norm(table_sql[start : at - 1]))
    return sorted(found)


def describe(conn: sqlite3.Connection) -> dict[str, Any]:
    """Tables (columns, keys, foreign keys, CHECKs, rowid, autoincrement), indexes
    (columns, collations, unique, partial WHERE) and triggers, as plain values."""
    schema: dict[str, Any] = {"tables": {}, "triggers": {}}
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for name, sql in tables:
        columns = [
            {
                "name": col[1],
                "type": col[2].upper(),
                # NOT NULL means nothing on an INTEGER PRIMARY KEY (the rowid): SQLite
                # gives a NULL the next id.  SQLAlchemy writes it, the migrations don't.
                "notnull": bool(col[3]) and not (col[5] and col[2].upper() == "INTEGER"
                                                 and "without rowid" not in _norm(sql)),
                "default": _norm(col[4]) if col[4] is not None else None,
                "pk": col[5],
            }
            for col in conn.execute(f'PRAGMA table_xinfo("{name}")')
        ]  # fmt: skip
        foreign = sorted(
            (row[3], row[2], row[4], row[5], row[6])  # from, table, to, on update, on delete
            for row in conn.execute(f'PRAGMA foreign_key_list("{name}")')
        )
        indexes = {}
        for _, index, unique, origin, partial in conn.execute(f'PRAGMA index_list("{name}")'):
            keys = [
                (row[2], row[4], row[3])  # column (None: an expression), collation, descending
                for row in conn.execute(f'PRAGMA index_xinfo("{index}")')
                if row[5]  # key columns only, not the rowid or primary key carried along
            ]
            row = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)
            ).fetchone()  # none for the primary key of a WITHOUT ROWID table
            where = re.search(r"\bWHERE\b(.*)$", (row and row[0]) or "", re.I | re.S)
            # SQLite names the indexes behind UNIQUE and PRIMARY KEY itself, by position.
            label = index if origin == "c" else f"({origin}: {', '.join(str(k[0]) for k in keys)})"
            indexes[label] = {
                "unique": bool(unique),
                "keys": keys,
                "partial": bool(partial),
                "where": _norm(where.group(1)) if where else None,
            }
        schema["tables"][name] = {
            "columns": columns,
            "foreign_keys": foreign,
            "checks": _checks(sql),
            "without_rowid": _norm(sql).endswith("without rowid"),
            "autoincrement": "autoincrement" in _norm(sql),
            "indexes": indexes,
        }
    for name, table, sql in conn.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
    ):
        schema["triggers"][name] = {"table": table, "sql": _norm(sql)}
    return schema


def drift(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Each difference between two ``describe`` results, in words (empty: the same)."""
    problems = []
    for kind in ("tables", "triggers"):
        for name in sorted(set(expected[kind]) | set(actual[kind])):
            if name not in actual[kind]:
                problems.append(f"{kind[:-1]} {name}: missing")
            elif name not in expected[kind]:
                problems.append(f"{kind[:-1]} {name}: not in the migrations")
            else:
                mine, theirs = expected[kind][name], actual[kind][name]
                for key in mine:
                    if mine[key] != theirs[key]:
                        problems.append(f"{kind[:-1]} {name}: {key} {theirs[key]!r}, "
                                        f"migrations say {mine[key]!r}")  # fmt: skip
    return problems
