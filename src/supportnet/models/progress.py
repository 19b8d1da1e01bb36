"""Homework goals, the resources list, and who helps in a hard moment (migration 0005)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.models.types import IsoDate

GOAL_KINDS = ("reach_out", "in_person", "community", "new_people", "favors", "log_days")
RESOURCE_KINDS = (
    "hotline", "therapist", "clinic", "support group", "peer line", "website", "other",
)  # fmt: skip
SAFETY_ROLES = ("ask_for_help", "takes_mind_off")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Goal(SQLModel, table=True):
    """ "Reach out to 2 people a week"; progress is counted, never stored."""

    __tablename__ = "goal"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0"),
        CheckConstraint(_in("kind", GOAL_KINDS)),
        CheckConstraint("target > 0"),
        CheckConstraint("period IN ('week', 'month')"),
        CheckConstraint("status IN ('active', 'paused', 'removed')"),
        Index("goal_status", "status"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    target: int
    period: str = Field(sa_type=Text)
    community_id: int | None = Field(default=None, foreign_key="community.id", ondelete="SET NULL")
    status: str = Field(
        default="active", sa_type=Text, sa_column_kwargs={"server_default": "active"}
    )
    created_on: dt.date = Field(sa_type=IsoDate)
    paused_on: dt.date | None = Field(default=None, sa_type=IsoDate)
    removed_on: dt.date | None = Field(default=None, sa_type=IsoDate)


class GoalPause(SQLModel, table=True):
    """Every pause a goal has had: paused periods are shown as a rest, not a miss."""

    __tablename__ = "goal_pause"
    __table_args__ = ({"sqlite_with_rowid": False},)

    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE", primary_key=True)
    paused_on: dt.date = Field(sa_type=IsoDate, primary_key=True)
    resumed_on: dt.date | None = Field(default=None, sa_type=IsoDate)  # None while paused


class Resource(SQLModel, table=True):
    """A professional, crisis line or other place to turn to."""

    __tablename__ = "resource"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0"),
        CheckConstraint(_in("kind", RESOURCE_KINDS)),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    phone: str | None = Field(default=None, sa_type=Text)
    url: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)
    added_on: dt.date = Field(sa_type=IsoDate)


class SafetyRole(SQLModel, table=True):
    """How a person, a community or a place supports you in a hard moment."""

    __tablename__ = "safety_role"
    __table_args__ = (
        CheckConstraint(_in("role", SAFETY_ROLES)),
        CheckConstraint("place IS NULL OR length(trim(place)) > 0"),
        CheckConstraint(
            "(person_id IS NOT NULL) + (community_id IS NOT NULL) + (place IS NOT NULL) = 1"
        ),
        Index("safety_role_person", "person_id", "role", unique=True,
              sqlite_where=text("person_id IS NOT NULL")),
        Index("safety_role_community", "community_id", "role", unique=True,
              sqlite_where=text("community_id IS NOT NULL")),
        Index("safety_role_place", text("place COLLATE NOCASE"), "role", unique=True,
              sqlite_where=text("place IS NOT NULL")),
        {"sqlite_autoincrement": True},
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    role: str = Field(sa_type=Text)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE")
    community_id: int | None = Field(default=None, foreign_key="community.id", ondelete="CASCADE")
    place: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)
    added_on: dt.date = Field(sa_type=IsoDate)
