"""Communities (groups) with their meeting schedule, and their members (migration 0002)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.models.types import Flag, IsoDate


class Community(SQLModel, table=True):
    __tablename__ = "community"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0"),
        CheckConstraint("i_am_member IN (0, 1)"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    rrule: str | None = Field(default=None, sa_type=Text)  # RFC 5545 RRULE, without DTSTART
    starts_on: dt.date | None = Field(default=None, sa_type=IsoDate)  # DTSTART of the schedule
    at_time: str | None = Field(default=None, sa_type=Text)  # HH:MM, local wall-clock time
    timezone: str | None = Field(default=None, sa_type=Text)  # IANA name; None: floating
    place: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)
    i_am_member: bool = Field(
        default=True, sa_type=Flag, sa_column_kwargs={"server_default": text("1")}
    )
    added_on: dt.date = Field(sa_type=IsoDate)
    archived_on: dt.date | None = Field(default=None, sa_type=IsoDate)


class CommunityMember(SQLModel, table=True):
    __tablename__ = "community_member"
    __table_args__ = (
        Index("community_member_person", "person_id"),
        {"sqlite_with_rowid": False},
    )

    community_id: int = Field(foreign_key="community.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
