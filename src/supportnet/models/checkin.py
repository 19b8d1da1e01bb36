"""Check-ins, the measures they answer, their cadence, and expected against felt
(migration 0010; docs/check-ins.md)."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator, model_validator
from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.errors import InvalidInput
from supportnet.models.types import IsoDate, IsoTimestamp

#: The scale of expected and felt (`--expect`, `--felt`).
FEELING_SCALE = (1, 5)


class Measure(SQLModel, table=True):
    """A measure loaded from a TOML file; its definition is the file's text."""

    __tablename__ = "measure"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0"),
        CheckConstraint("length(trim(title)) > 0"),
        Index("measure_name", "name", unique=True, sqlite_where=text("removed_on IS NULL")),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    title: str = Field(sa_type=Text)
    definition: str = Field(sa_type=Text)
    added_on: dt.date = Field(sa_type=IsoDate)
    removed_on: dt.date | None = Field(default=None, sa_type=IsoDate)


class CheckIn(SQLModel, table=True):
    """One check-in; ``measure_id`` None is supportnet's own."""

    __tablename__ = "check_in"
    __table_args__ = (
        Index("check_in_date", "on_date"),
        Index("check_in_measure", "measure_id", "on_date"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int | None = Field(default=None, foreign_key="measure.id", ondelete="CASCADE")
    on_date: dt.date = Field(sa_type=IsoDate)
    logged_at: dt.datetime = Field(sa_type=IsoTimestamp)


class CheckInAnswer(SQLModel, table=True):
    """The value of the option chosen for one item (counting from 1)."""

    __tablename__ = "check_in_answer"
    __table_args__ = (CheckConstraint("item > 0"), {"sqlite_with_rowid": False})

    check_in_id: int = Field(foreign_key="check_in.id", ondelete="CASCADE", primary_key=True)
    item: int = Field(primary_key=True)
    value: int


class CheckInCadence(SQLModel, table=True):
    """How often a measure's check-in is hoped for, and a snooze of its note."""

    __tablename__ = "check_in_cadence"
    __table_args__ = (CheckConstraint("every_days > 0"), {"sqlite_with_rowid": False})

    measure: str = Field(sa_type=Text, primary_key=True)
    every_days: int
    set_on: dt.date = Field(sa_type=IsoDate)
    back_on: dt.date | None = Field(default=None, sa_type=IsoDate)


class PlanExpectation(SQLModel, table=True):
    """How much a plan's get-togethers are expected to be enjoyed, 1 to 5."""

    __tablename__ = "plan_expectation"
    __table_args__ = (
        CheckConstraint("expected BETWEEN 1 AND 5"),
        {"sqlite_with_rowid": False},
    )

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", primary_key=True)
    expected: int


class GettogetherFeeling(SQLModel, table=True):
    """How a get-together felt, and what was expected of it, 1 to 5."""

    __tablename__ = "gettogether_feeling"
    __table_args__ = (
        CheckConstraint("expected BETWEEN 1 AND 5"),
        CheckConstraint("felt BETWEEN 1 AND 5"),
        CheckConstraint("expected IS NOT NULL OR felt IS NOT NULL"),
        {"sqlite_with_rowid": False},
    )

    gettogether_id: int = Field(foreign_key="gettogether.id", ondelete="CASCADE", primary_key=True)
    expected: int | None = None
    felt: int | None = None


# --- what may be given -----------------------------------------------------------------


def check_feeling(value: int | None, option: str) -> int | None:
    """1 to 5 (``--expect``, ``--felt``), or None when not given."""
    low, high = FEELING_SCALE
    if value is not None and not low <= value <= high:
        raise InvalidInput(f"{option} is from {low} (not much) to {high} (very much), not {value}.")
    return value


class CheckInCreate(SQLModel):
    """A check-in to record: the measure (None: supportnet's own), the day, and the
    value of each item's chosen option (checked against the definition before, by
    ``checkins.answers_from_flags`` or the questions)."""

    measure_id: int | None = None
    on_date: dt.date
    answers: dict[int, int]

    @field_validator("answers")
    @classmethod
    def _answers(cls, value: dict[int, int]) -> dict[int, int]:
        if not value or any(item < 1 for item in value):
            raise InvalidInput("A check-in needs an answer for every item (counting from 1).")
        return value


class MeasureCreate(SQLModel):
    """A measure's definition, already validated (``checkins.parse_measure``)."""

    name: str
    title: str
    definition: str


class CadenceChange(SQLModel):
    """`check-in --every`: a measure's cadence in days (None: no cadence any more)."""

    measure: str
    every_days: int | None
    set_on: dt.date

    @field_validator("every_days")
    @classmethod
    def _days(cls, value: int | None) -> int | None:
        if value is not None and value < 1:
            raise InvalidInput("A check-in cadence is at least a day.")
        return value


class CadenceSnooze(SQLModel):
    """`check-in snooze`: the due note waits until ``until`` (back that day)."""

    measure: str
    until: dt.date
    today: dt.date

    @model_validator(mode="after")
    def _later(self) -> CadenceSnooze:
        if self.until <= self.today:
            raise InvalidInput(f"--until must be after today ({self.today.isoformat()}).")
        return self


class Feeling(SQLModel):
    """Expected and felt for a get-together, 1 to 5; a field left out stays as it is."""

    expected: int | None = None
    felt: int | None = None

    @field_validator("expected")
    @classmethod
    def _expected(cls, value: int | None) -> int | None:
        return check_feeling(value, "--expect")

    @field_validator("felt")
    @classmethod
    def _felt(cls, value: int | None) -> int | None:
        return check_feeling(value, "--felt")
