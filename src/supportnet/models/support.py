"""Favors given and received, and the life events of your people (migration 0003)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DDL, CheckConstraint, Index, Text, event, text
from sqlmodel import Field, SQLModel

from supportnet.models.types import Flag, IsoDate, IsoTimestamp

DIRECTIONS = ("given", "received")
TONES = ("hard", "happy", "neutral")


class Favor(SQLModel, table=True):
    __tablename__ = "favor"
    __table_args__ = (
        CheckConstraint("length(trim(what)) > 0"),
        CheckConstraint("direction IN ('given', 'received')"),
        Index("favor_date", "on_date"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    what: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    direction: str = Field(sa_type=Text)
    on_date: dt.date = Field(sa_type=IsoDate)
    note: str | None = Field(default=None, sa_type=Text)
    logged_at: dt.datetime = Field(sa_type=IsoTimestamp)


class FavorPerson(SQLModel, table=True):
    """Who a favor was for or from; ``direction`` and ``on_date`` copy the favor's."""

    __tablename__ = "favor_person"
    __table_args__ = (
        CheckConstraint("direction IN ('given', 'received')"),
        Index("favor_person_person", "person_id", "direction", "on_date"),
        {"sqlite_with_rowid": False},
    )

    favor_id: int = Field(foreign_key="favor.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    direction: str = Field(sa_type=Text)
    on_date: dt.date = Field(sa_type=IsoDate)


event.listen(
    FavorPerson.__table__,  # type: ignore[attr-defined]
    "after_create",
    DDL(
        "CREATE TRIGGER favor_keeps_favor_person_in_step\n"
        "AFTER UPDATE OF on_date, direction ON favor\n"
        "BEGIN\n"
        "    UPDATE favor_person SET on_date = NEW.on_date, direction = NEW.direction\n"
        "    WHERE favor_id = NEW.id;\n"
        "END"
    ),
)


class LifeEvent(SQLModel, table=True):
    __tablename__ = "life_event"
    __table_args__ = (
        CheckConstraint("length(trim(what)) > 0"),
        CheckConstraint("tone IN ('hard', 'happy', 'neutral')"),
        CheckConstraint("yearly IN (0, 1)"),
        Index("life_event_person", "person_id", "on_date"),
        Index("life_event_date", "on_date"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")
    what: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    tone: str = Field(sa_type=Text)
    on_date: dt.date | None = Field(default=None, sa_type=IsoDate)  # None when not known
    yearly: bool = Field(
        default=False, sa_type=Flag, sa_column_kwargs={"server_default": text("0")}
    )
    note: str | None = Field(default=None, sa_type=Text)
    logged_at: dt.datetime = Field(sa_type=IsoTimestamp)
