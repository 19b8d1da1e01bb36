"""What supportnet last wrote to or read from each vdir, one row per item file (migration 0009).

Written only by ``writes.vdir``; read with SQL by ``store.vdir``.  See docs/sync.md.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from supportnet.models.types import IsoTimestamp

#: The kinds of item a vdir holds: address books (person, circle, group), calendars.
KINDS = ("person", "circle", "group", "plan", "community", "birthday", "event")


class VdirItem(SQLModel, table=True):
    """One item file of a vdir, as it was when supportnet last wrote or read it."""

    __tablename__ = "vdir_item"
    __table_args__ = (
        CheckConstraint(f"kind IN ({', '.join(repr(k) for k in KINDS)})"),
        UniqueConstraint("folder", "href"),
        UniqueConstraint("folder", "kind", "source"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    folder: str = Field(sa_type=Text)
    href: str = Field(sa_type=Text)
    uid: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    source: str = Field(sa_type=Text)
    fingerprint: str | None = Field(default=None, sa_type=Text)
    content_hash: str = Field(sa_type=Text)
    size: int
    mtime_ns: int
    base: str | None = Field(default=None, sa_type=Text)
    synced_at: dt.datetime = Field(sa_type=IsoTimestamp)
