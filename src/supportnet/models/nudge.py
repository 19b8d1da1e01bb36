"""What the nudge was asked to leave out for now: snoozes and dismissals (migration 0004).

Each row is about one person or one community (exactly one of the two).
"""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator, model_validator
from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.errors import InvalidInput
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


# --- what may be given to leave someone out of the nudge, or bring them back ---------


class NudgeTarget(SQLModel):
    """Whom a snooze or dismissal is about: one person or one community (`--group`)."""

    person_id: int | None = None
    community_id: int | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> NudgeTarget:
        if (self.person_id is None) == (self.community_id is None):
            raise InvalidInput("A snooze or dismissal is about one person or one group.")
        return self

    @property
    def key(self) -> tuple[str, int]:
        """``("person", id)`` or ``("community", id)``, as the nudge names a target."""
        if self.person_id is not None:
            return ("person", self.person_id)
        assert self.community_id is not None
        return ("community", self.community_id)


def target_fields(key: tuple[str, int]) -> dict[str, int]:
    """The ``NudgeTarget`` fields for ``("person", id)`` or ``("community", id)``."""
    return {"person_id" if key[0] == "person" else "community_id": key[1]}


class SnoozeCreate(NudgeTarget):
    """A snooze: left out of the nudge from ``snoozed_on`` until ``until_on`` (back
    that day), which must come after it.  It replaces an earlier snooze."""

    until_on: dt.date
    snoozed_on: dt.date

    @model_validator(mode="after")
    def _ends_later(self) -> SnoozeCreate:
        if self.until_on <= self.snoozed_on:
            raise InvalidInput(f"--until must be after today ({self.snoozed_on.isoformat()}).")
        return self


class DismissalCreate(NudgeTarget):
    """A dismissal: one kind of suggestion (about ``subject``, or any when '') left
    out until something new happens with the target.  A group's only
    suggestion is go-back.  The writer records the newest ids (the marks)."""

    kind: str
    subject: str = ""
    dismissed_on: dt.date

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        from supportnet.nudge import DISMISSABLE
        from supportnet.text import choose_kind

        return choose_kind(value, list(DISMISSABLE), "kind of suggestion")

    @model_validator(mode="after")
    def _group_goes_back(self) -> DismissalCreate:
        if self.community_id is not None and self.kind != "go_back":
            raise InvalidInput("A group's only suggestion is go-back.")
        return self
