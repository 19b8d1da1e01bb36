"""The SQLModel models describe exactly the schema the SQL migrations build.

Like Django's `makemigrations --check`: a model changed without its migration
(or a migration without its model) fails here.  Both schemas are read back
through SQLite's own PRAGMAs (tests/schema.py), which see CHECKs, partial
indexes, collations and triggers that Alembic's compare_metadata misses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, create_engine
from sqlmodel import SQLModel

from supportnet import db
from supportnet.models import load_all
from tests.schema import describe, drift


def _models_database(path: Path, metadata: MetaData) -> sqlite3.Connection:
    engine = create_engine(f"sqlite:///{path}")
    metadata.create_all(engine)  # a test file only: never on a user's database
    engine.dispose()
    return sqlite3.connect(path)


@pytest.fixture
def migrated(tmp_path: Path) -> dict:
    conn = db.open_database(tmp_path / "migrated.db")
    try:
        return describe(conn)
    finally:
        conn.close()


def test_models_match_the_migrations(migrated: dict, tmp_path: Path) -> None:
    models = _models_database(tmp_path / "models.db", load_all())
    assert drift(migrated, describe(models)) == []
    assert sorted(migrated["tables"]) == sorted(SQLModel.metadata.tables)


def _extra_column(md: MetaData) -> str:
    md.tables["person"].append_column(Column("pronouns", Integer))
    return "table person: columns"


def _wrong_on_delete(md: MetaData) -> str:
    (fk,) = md.tables["person_tag"].foreign_keys
    fk.constraint.ondelete = "SET NULL"
    return "table person_tag: foreign_keys"


def _missing_index(md: MetaData) -> str:
    table = md.tables["goal"]
    table.indexes.discard(next(i for i in table.indexes if i.name == "goal_status"))
    return "table goal: indexes"


def _loose_check(md: MetaData) -> str:
    table = md.tables["favor"]
    table.constraints.discard(next(c for c in table.constraints
                                   if "direction" in str(getattr(c, "sqltext", ""))))  # fmt: skip
    return "table favor: checks"


@pytest.mark.parametrize(
    "change", [_extra_column, _wrong_on_delete, _missing_index, _loose_check],
    ids=["column-too-many", "wrong-on-delete", "missing-index", "missing-check"],
)  # fmt: skip
def test_drift_is_caught(migrated: dict, tmp_path: Path, change: Callable[[MetaData], str]):
    md = MetaData()
    for table in load_all().sorted_tables:
        table.to_metadata(md)
    expected = change(md)
    models = _models_database(tmp_path / "drifted.db", md)
    # A copy of the metadata does not carry the models' trigger DDL: those are left aside.
    problems = [p for p in drift(migrated, describe(models)) if not p.startswith("trigger ")]
    assert len(problems) == 1 and problems[0].startswith(expected), problems
