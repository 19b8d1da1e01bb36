"""What the nudge was asked to leave out for now: snoozes and dismissals (migration 0004).

Each row is about one person or one community (exactly one of the two).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.models.types import IsoDate

_ONE_SUBJECT = "(person_id IS NULL) != (community_id IS NULL)"


class NudgeSnooze(SQLModel, table=True):
    """Left out of the nudge until ``until_on`` (back on that day)."""

    __tablename__ = "nudge_snooze"
    __table_args__ = (
        CheckConstraint(_ONE_SUBJECT),
        Index("nudge_snooze_person", "person_id", unique=True,
              sqlite_where=text("person_id IS NOT NULL")),
        Index("nudge_snooze_community", "community_id", unique=True,
              sqlite_where=text("community_id IS NOT NULL")),
        {"sqlite_autoincrement": True},
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE")
    community_id: int | None = Field(default=None, foreign_key="community.id", ondelete="CASCADE")
    until_on: dt.date = Field(sa_type=IsoDate)
    snoozed_on: dt.date = Field(sa_type=IsoDate)


class NudgeDismissal(SQLModel, table=True):
    """A kind of suggestion left out until something new is logged (docs/nudge.md)."""

    __tablename__ = "nudge_dismissal"
    __table_args__ = (
        CheckConstraint(_ONE_SUBJECT),
        Index("nudge_dismissal_person", "person_id", "kind", "subject", unique=True,
              sqlite_where=text("person_id IS NOT NULL")),
        Index("nudge_dismissal_community", "community_id", "kind", "subject", unique=True,
              sqlite_where=text("community_id IS NOT NULL")),
        {"sqlite_autoincrement": True},
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE")
    community_id: int | None = Field(default=None, foreign_key="community.id", ondelete="CASCADE")
    kind: str = Field(sa_type=Text)  # catch_up, check_in, celebrate...
    subject: str = Field(default="", sa_type=Text, sa_column_kwargs={"server_default": ""})
    dismissed_on: dt.date = Field(sa_type=IsoDate)
    gettogether_mark: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    favor_mark: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    event_mark: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
