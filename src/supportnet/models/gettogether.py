"""Get-togethers, who was there, and who knows whom (migration 0002)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DDL, CheckConstraint, Index, Text, event
from sqlmodel import Field, SQLModel

from supportnet.models.types import Flag, IsoDate, IsoTimestamp


class Gettogether(SQLModel, table=True):
    __tablename__ = "gettogether"
    __table_args__ = (
        CheckConstraint("in_person IN (0, 1)"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0"),
        Index("gettogether_date", "on_date"),
        Index("gettogether_community", "community_id", "on_date"),
        Index("gettogether_plan", "plan_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    what: str | None = Field(default=None, sa_type=Text)
    kind: str = Field(sa_type=Text)
    on_date: dt.date = Field(sa_type=IsoDate)
    at_time: str | None = Field(default=None, sa_type=Text)  # HH:MM, optional
    in_person: bool = Field(sa_type=Flag)
    place: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)
    duration_minutes: int | None = None
    community_id: int | None = Field(default=None, foreign_key="community.id", ondelete="SET NULL")
    plan_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="SET NULL")
    logged_at: dt.datetime = Field(sa_type=IsoTimestamp)  # UTC, when it was logged


class Attendance(SQLModel, table=True):
    """One row per person at a get-together; ``on_date`` and ``in_person`` copy the
    get-together's (a trigger keeps them in step) for index look-ups by person."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint("in_person IN (0, 1)"),
        Index("attendance_person_date", "person_id", "on_date", "in_person"),
        {"sqlite_with_rowid": False},
    )

    gettogether_id: int = Field(foreign_key="gettogether.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    on_date: dt.date = Field(sa_type=IsoDate)
    in_person: bool = Field(sa_type=Flag)


event.listen(
    Attendance.__table__,  # type: ignore[attr-defined]
    "after_create",
    DDL(
        "CREATE TRIGGER gettogether_keeps_attendance_in_step\n"
        "AFTER UPDATE OF on_date, in_person ON gettogether\n"
        "BEGIN\n"
        "    UPDATE attendance SET on_date = NEW.on_date, in_person = NEW.in_person\n"
        "    WHERE gettogether_id = NEW.id;\n"
        "END"
    ),
)


class Acquaintance(SQLModel, table=True):
    """Two people who know each other, recorded with `supportnet know A B`."""

    __tablename__ = "acquaintance"
    __table_args__ = (
        CheckConstraint("person_a < person_b"),
        Index("acquaintance_b", "person_b"),
        {"sqlite_with_rowid": False},
    )

    person_a: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    person_b: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    added_on: dt.date = Field(sa_type=IsoDate)
