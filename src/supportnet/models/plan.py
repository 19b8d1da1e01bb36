"""Regular plans, who is in them, and their done or skipped dates (migration 0002)."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator, model_validator
from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.errors import InvalidInput, UsageProblem
from supportnet.models.fields import Note, OneLine
from supportnet.models.gettogether import check_minutes, check_time
from supportnet.models.types import Flag, IsoDate
from supportnet.recurrence import Recurrence
from supportnet.text import choose_kind, required_line

PLAN_STATUSES = ("active", "paused", "ended")


class Plan(SQLModel, table=True):
    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0"),
        CheckConstraint("in_person IN (0, 1)"),
        CheckConstraint("status IN ('active', 'paused', 'ended')"),
        CheckConstraint("paused_by_archive IN (0, 1)"),
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
    #: Paused by archiving the last of its people: restoring one resumes it (0014).
    paused_by_archive: bool = Field(
        default=False, sa_type=Flag, sa_column_kwargs={"server_default": text("0")}
    )


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


# --- what may be given to make a plan, change its status, or mark its dates ----------


def _unique(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


class PlanCreate(SQLModel):
    """What `supportnet plan` gives to make a plan.

    The recurrence is parsed before (recurrence/: a phrase, or a raw RRULE
    with ``align_interval`` off); the writer (``writes.plans.add_plan``) stores
    its first date on or after ``start`` and refuses the same plan twice.
    """

    title: str
    people: list[int] = Field(default_factory=list)
    recurrence: Recurrence
    start: dt.date  # the first day it can happen
    until: dt.date | None = None  # the last (an UNTIL inside the rule says the same)
    kind: str | None = None  # None: from the title ("lunch" is a meal), else other
    new_kind: bool = False
    in_person: bool | None = None  # None: from the kind
    place: OneLine = None
    note: Note = None
    duration_minutes: int | None = None
    align_interval: bool = True  # a phrase: "every 2 weeks on tue" starts on the first Tuesday

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return required_line(value, "A plan needs a title: supportnet plan coffee --with Maya ...")

    @field_validator("people")
    @classmethod
    def _people(cls, ids: list[int]) -> list[int]:
        if not ids:
            raise UsageProblem("A plan needs someone: add --with NAME.")  # exit 2, as `log`
        return _unique(ids)

    @field_validator("recurrence")
    @classmethod
    def _recurrence(cls, value: Recurrence) -> Recurrence:
        check_time(value.time)
        return value

    @field_validator("duration_minutes")
    @classmethod
    def _minutes(cls, value: int | None) -> int | None:
        return check_minutes(value)

    @model_validator(mode="after")
    def _until(self) -> PlanCreate:
        inside = self.recurrence.until
        if inside is not None:
            if self.until is not None and self.until != inside:
                raise InvalidInput("The RRULE has an UNTIL and --until says otherwise; give one.")
            self.until = inside
        if self.until is not None and self.until < self.start:
            raise InvalidInput(
                f"--until {self.until.isoformat()} is before the plan starts "
                f"({self.start.isoformat()})."
            )
        return self


class PlanStatusChange(SQLModel):
    """`plan pause`, `plan resume` (``active``) or `plan end`."""

    status: str

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        return choose_kind(value, list(PLAN_STATUSES), "plan status")


class PlanDone(SQLModel):
    """What `supportnet done` gives: the day it happened, and what differs from the plan."""

    on_date: dt.date
    place: OneLine = None  # None: the plan's
    note: Note = None
    duration_minutes: int | None = None  # None (or 0): the plan's
    felt: int | None = None  # how it felt, 1 to 5 (``checkins.Feeling`` checks it)

    @field_validator("duration_minutes")
    @classmethod
    def _minutes(cls, value: int | None) -> int | None:
        return check_minutes(value or None)


class PlanSkip(SQLModel):
    """What `supportnet skip` gives: the plan's date to skip (None: the next open one)."""

    on_date: dt.date | None = None
