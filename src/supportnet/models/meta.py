"""The database's own records: its migrations (db.migrate) and identity (migration 0006)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Text
from sqlmodel import Field, SQLModel

from supportnet.models.types import IsoDate


class SchemaMigration(SQLModel, table=True):
    """One applied migration; written by ``db.migrate`` in the step's own transaction."""

    __tablename__ = "schema_migration"

    number: int = Field(primary_key=True)
    name: str = Field(sa_type=Text)
    applied_at: str = Field(sa_type=Text)


class DatabaseIdentity(SQLModel, table=True):
    """The random UUID every exported UID is derived from (``store.identity``)."""

    __tablename__ = "database_identity"
    __table_args__ = (CheckConstraint("id = 1"), CheckConstraint("length(uuid) = 36"))

    id: int = Field(default=1, primary_key=True)
    uuid: str = Field(sa_type=Text)
    created_on: dt.date = Field(sa_type=IsoDate)
