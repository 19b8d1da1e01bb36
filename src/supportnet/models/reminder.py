"""Reminders that arrive: the schedule set up and every run (migration 0008).

Nothing here names a person: a run's ``summary`` is the digest's private form.
"""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator
from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.models.types import Flag, IsoDate, IsoTimestamp

SCHEDULERS = ("systemd", "cron", "launchd", "schtasks")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DIGESTS = ("daily", "weekly")
OUTCOMES = ("delivering", "delivered", "quiet", "skipped", "failed")
#: The outcomes that hold a day: one run at a time delivers it.
HOLDING = ("delivering", "delivered")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ReminderSetup(SQLModel, table=True):
    """A schedule `remind install` set up; the newest without ``removed_on`` is in force."""

    __tablename__ = "reminder_setup"
    __table_args__ = (
        CheckConstraint(_in("scheduler", SCHEDULERS)),
        CheckConstraint(_in("weekly_day", WEEKDAYS)),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    scheduler: str = Field(sa_type=Text)
    at_time: str = Field(sa_type=Text)  # HH:MM, local wall-clock time
    days: str = Field(default="", sa_type=Text, sa_column_kwargs={"server_default": ""})
    weekly_day: str | None = Field(default=None, sa_type=Text)
    installed_on: dt.date = Field(sa_type=IsoDate)
    removed_on: dt.date | None = Field(default=None, sa_type=IsoDate)


class ReminderRun(SQLModel, table=True):
    """One `remind run`: for which day, when, through which channel, how it went."""

    __tablename__ = "reminder_run"
    __table_args__ = (
        CheckConstraint(_in("digest", DIGESTS)),
        CheckConstraint("scheduled IN (0, 1)"),
        CheckConstraint(_in("outcome", OUTCOMES)),
        Index(
            "reminder_run_once",
            "digest",
            "digest_on",
            unique=True,
            sqlite_where=text(_in("outcome", HOLDING)),
        ),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(sa_type=Text)
    digest_on: dt.date = Field(sa_type=IsoDate)
    started_at: dt.datetime = Field(sa_type=IsoTimestamp)
    finished_at: dt.datetime | None = Field(default=None, sa_type=IsoTimestamp)
    scheduled: bool = Field(
        default=False, sa_type=Flag, sa_column_kwargs={"server_default": text("0")}
    )
    outcome: str = Field(sa_type=Text)
    channel: str | None = Field(default=None, sa_type=Text)
    summary: str | None = Field(default=None, sa_type=Text)
    reason: str | None = Field(default=None, sa_type=Text)


# --- what may be given ------------------------------------------------------------


class SetupCreate(SQLModel):
    """A schedule to record: which scheduler, at what time, on which days."""

    scheduler: str
    at_time: str
    days: tuple[str, ...] = ()
    weekly_day: str | None = None
    installed_on: dt.date

    @field_validator("scheduler")
    @classmethod
    def _scheduler(cls, value: str) -> str:
        if value not in SCHEDULERS:
            raise ValueError(f"must be one of {', '.join(SCHEDULERS)}")
        return value

    @field_validator("at_time")
    @classmethod
    def _time(cls, value: str) -> str:
        hour, _, minute = value.partition(":")
        if not (
            len(value) == 5
            and hour.isdigit()
            and minute.isdigit()
            and int(hour) < 24
            and int(minute) < 60
        ):
            raise ValueError("must be a time of day like 09:00")
        return value

    @field_validator("days")
    @classmethod
    def _days(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(day not in WEEKDAYS for day in value) or len(set(value)) != len(value):
            raise ValueError("must be days of the week (mon ... sun), each once")
        return tuple(sorted(value, key=WEEKDAYS.index))

    @field_validator("weekly_day")
    @classmethod
    def _weekly(cls, value: str | None) -> str | None:
        if value is not None and value not in WEEKDAYS:
            raise ValueError("must be a day of the week (mon ... sun)")
        return value


class RunStart(SQLModel):
    """A run about to deliver (or find nothing to deliver): its day and digest."""

    digest: str
    digest_on: dt.date
    started_at: dt.datetime
    scheduled: bool = False

    @field_validator("digest")
    @classmethod
    def _digest(cls, value: str) -> str:
        if value not in DIGESTS:
            raise ValueError("must be daily or weekly")
        return value


class RunEnd(SQLModel):
    """How a run ended: delivered (through ``channel``), quiet, skipped or failed."""

    outcome: str
    finished_at: dt.datetime
    channel: str | None = None
    summary: str | None = None
    reason: str | None = None

    @field_validator("outcome")
    @classmethod
    def _outcome(cls, value: str) -> str:
        if value not in OUTCOMES or value == "delivering":
            raise ValueError("must be delivered, quiet, skipped or failed")
        return value
