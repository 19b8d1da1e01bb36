"""Regular plans, who is in them, and their done or skipped dates (migration 0002)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.models.types import Flag, IsoDate

PLAN_STATUSES = ("active", "paused", "ended")


class Plan(SQLModel, table=True):
    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0"),
        CheckConstraint("in_person IN (0, 1)"),
        CheckConstraint("status IN ('active', 'paused', 'ended')"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    rrule: str = Field(sa_type=Text)  # RFC 5545 RRULE, without DTSTART
    starts_on: dt.date = Field(sa_type=IsoDate)  # DTSTART
    at_time: str | None = Field(default=None, sa_type=Text)  # HH:MM, local wall-clock time
    timezone: str | None = Field(default=None, sa_type=Text)  # IANA name; None: floating
    until_on: dt.date | None = Field(default=None, sa_type=IsoDate)  # inclusive
    duration_minutes: int | None = None
    in_person: bool = Field(
        default=True, sa_type=Flag, sa_column_kwargs={"server_default": text("1")}
    )
    place: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)
    status: str = Field(
        default="active", sa_type=Text, sa_column_kwargs={"server_default": "active"}
    )
    ended_on: dt.date | None = Field(default=None, sa_type=IsoDate)
    added_on: dt.date = Field(sa_type=IsoDate)
    paused_on: dt.date | None = Field(default=None, sa_type=IsoDate)  # migration 0007


class PlanMember(SQLModel, table=True):
    __tablename__ = "plan_member"
    __table_args__ = (Index("plan_member_person", "person_id"), {"sqlite_with_rowid": False})

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)


class PlanOccurrence(SQLModel, table=True):
    __tablename__ = "plan_occurrence"
    __table_args__ = (
        CheckConstraint("status IN ('done', 'skipped')"),
        {"sqlite_with_rowid": False},
    )

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", primary_key=True)
    on_date: dt.date = Field(sa_type=IsoDate, primary_key=True)  # the occurrence's date
    status: str = Field(sa_type=Text)
    gettogether_id: int | None = Field(
        default=None, foreign_key="gettogether.id", ondelete="SET NULL"
    )
