"""Get-togethers, who was there, and who knows whom (migration 0002)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import ValidationInfo, field_validator, model_validator
from sqlalchemy import DDL, CheckConstraint, Index, Text, event, text
from sqlmodel import Field, SQLModel

from supportnet.errors import Conflict, InvalidInput, UsageProblem
from supportnet.migrations import triggers
from supportnet.models.fields import Note, OneLine
from supportnet.models.types import Flag, IsoDate, IsoTimestamp
from supportnet.recurrence import parse_time
from supportnet.text import required_line


class Gettogether(SQLModel, table=True):
    __tablename__ = "gettogether"
    __table_args__ = (
        CheckConstraint("in_person IN (0, 1)"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0"),
        Index("gettogether_date", "on_date"),
        Index(
            "gettogether_community",
            "community_id",
            "on_date",
            sqlite_where=text("community_id IS NOT NULL"),
        ),
        Index("gettogether_plan", "plan_id", sqlite_where=text("plan_id IS NOT NULL")),
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


class LastContact(SQLModel, table=True):
    """A person's latest get-together and latest in person (migration 0012): derived
    from attendance by triggers, never written by hand, left out of exports."""

    __tablename__ = "last_contact"

    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    on_date: dt.date = Field(sa_type=IsoDate)
    in_person_on: dt.date | None = Field(default=None, sa_type=IsoDate)


for _trigger in triggers("0012_last_contact"):
    # On attendance, the table they watch (a trigger body is only read when it runs).
    event.listen(Attendance.__table__, "after_create", DDL(_trigger))  # type: ignore[attr-defined]


class FirstContact(SQLModel, table=True):
    """A person's earliest get-together (migration 0013): derived from attendance by
    triggers, never written by hand, left out of exports."""

    __tablename__ = "first_contact"
    __table_args__ = (Index("first_contact_date", "on_date"),)

    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    on_date: dt.date = Field(sa_type=IsoDate)


class GettogetherDay(SQLModel, table=True):
    """How many get-togethers a day holds, and of them in person (migration 0013):
    derived from get-togethers by triggers, never written by hand, left out of exports."""

    __tablename__ = "gettogether_day"
    __table_args__ = (
        CheckConstraint("gettogethers > 0"),
        CheckConstraint("in_person >= 0"),
        {"sqlite_with_rowid": False},
    )

    on_date: dt.date = Field(sa_type=IsoDate, primary_key=True)
    gettogethers: int
    in_person: int


for _trigger in triggers("0013_history_summary"):
    # On attendance and on gettogether: made with attendance, which comes after
    # gettogether (a trigger body is only read when it runs).
    event.listen(Attendance.__table__, "after_create", DDL(_trigger))  # type: ignore[attr-defined]


class PairContact(SQLModel, table=True):
    """How many get-togethers two people were both at, and the latest (migration 0015):
    derived from attendance by triggers, never written by hand, left out of exports."""

    __tablename__ = "pair_contact"
    __table_args__ = (
        CheckConstraint("together > 0"),
        CheckConstraint("person_a < person_b"),
        Index("pair_contact_b", "person_b", "person_a"),
        {"sqlite_with_rowid": False},
    )

    person_a: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    person_b: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    together: int
    last_on: dt.date = Field(sa_type=IsoDate)


for _trigger in triggers("0015_pair_contact"):
    event.listen(Attendance.__table__, "after_create", DDL(_trigger))  # type: ignore[attr-defined]


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


# --- what may be given to log, change or connect -------------------------------------

#: The longest get-together (or plan date) in minutes: a day.
MAX_MINUTES = 24 * 60


def check_not_future(
    day: dt.date, today: dt.date, what: str | None = None, people: Sequence[str] = ()
) -> None:
    """A get-together has happened: a date after ``today`` is a plan (exit 6).

    Every writer of a get-together obeys it: ``writes.gettogethers`` (`log`,
    `log edit`, `done`, `nudge --log`) and the JSON import (``models.rows``); a
    command may call it early too, to say so before opening the database (with the
    ``people`` as typed, for the plan it suggests).
    """
    if day > today:
        import shlex

        title = what or "coffee"
        who = " ".join(f"--with {shlex.quote(name)}" for name in people) or "--with NAME"
        raise Conflict(
            f"{day.isoformat()} is still to come: that is a plan, not a log. "
            f'Try: supportnet plan "{title}" {who} --on {day.isoformat()}'
        )


def check_minutes(minutes: int | None) -> int | None:
    """How long, in minutes: from 1 to a day."""
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"--minutes must be between 1 and {MAX_MINUTES}, not {minutes}.")
    return minutes


def check_time(value: str | None) -> str | None:
    """A time of day as ``HH:MM`` (``7pm`` and ``19:00`` are read as recurrence/ reads them)."""
    return parse_time(value) if value is not None else None


def _unique(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


class GettogetherCreate(SQLModel):
    """What `log`, `done` and `nudge --log` give to record a get-together.

    Dates and times are parsed before (dates.py, recurrence/); names are
    resolved to ids.  The rules that need the database or today (a known kind,
    no date still to come, not the same one twice within a minute) are the
    writer's (``writes.gettogethers.log_gettogether``).
    """

    people: list[int] = Field(default_factory=list)
    on_date: dt.date
    kind: str | None = None  # None: from ``what`` ("dinner" is a meal), else other
    new_kind: bool = False  # a kind not used before is welcome
    in_person: bool | None = None  # None: from the kind (calls and texts are online)
    what: str | None = None
    at_time: str | None = None
    place: OneLine = None
    note: Note = None
    duration_minutes: int | None = None
    community_id: int | None = None
    plan_id: int | None = None

    @field_validator("people")
    @classmethod
    def _people(cls, ids: list[int]) -> list[int]:
        return _unique(ids)

    @field_validator("what")
    @classmethod
    def _what(cls, value: str | None) -> str | None:
        if value is None:  # left out: the kind (or the group) names it
            return None
        return required_line(value, "Say what you did, or leave it out: it cannot be empty.")

    @field_validator("at_time")
    @classmethod
    def _time(cls, value: str | None) -> str | None:
        return check_time(value)

    @field_validator("duration_minutes")
    @classmethod
    def _minutes(cls, value: int | None) -> int | None:
        return check_minutes(value)

    @model_validator(mode="after")
    def _someone(self) -> GettogetherCreate:
        if not self.people and self.community_id is None:
            # A required option left out: the command line's mistake (exit 2).
            raise UsageProblem("Say who was there with --with NAME (or the group with --group).")
        return self


class GettogetherUpdate(SQLModel):
    """What `log edit` may change.  A field left out stays as it is; ``what``,
    ``place``, ``note`` and ``duration_minutes`` given as None (or blank, or 0
    minutes) are cleared.  ``people`` replaces everyone; ``add_people`` and
    ``remove_people`` change who was there."""

    what: OneLine = None  # blank: cleared, as place and note are
    on_date: dt.date | None = None
    kind: str | None = None
    new_kind: bool = False
    in_person: bool | None = None
    place: OneLine = None
    note: Note = None
    duration_minutes: int | None = None
    people: list[int] | None = None
    add_people: list[int] = Field(default_factory=list)
    remove_people: list[int] = Field(default_factory=list)

    @field_validator("on_date", "kind", "in_person")
    @classmethod
    def _kept(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            word = {"on_date": "date", "kind": "kind", "in_person": "way of meeting"}
            raise InvalidInput(f"A get-together always has a {word[str(info.field_name)]}; "
                               "it cannot be cleared.")  # fmt: skip
        return value

    @field_validator("duration_minutes")
    @classmethod
    def _minutes(cls, value: int | None) -> int | None:
        return check_minutes(value or None)  # 0 clears

    @field_validator("people", "add_people", "remove_people")
    @classmethod
    def _people(cls, ids: list[int] | None) -> list[int] | None:
        return None if ids is None else _unique(ids)

    def is_empty(self) -> bool:
        """Nothing to change (``new_kind`` alone changes nothing)."""
        return not (self.model_fields_set - {"new_kind"})


class AcquaintanceChange(SQLModel):
    """What `know` is given: people who know each other (every pair of them), to
    record or, with ``forget``, to forget."""

    people: list[int]
    forget: bool = False

    @field_validator("people")
    @classmethod
    def _people(cls, ids: list[int]) -> list[int]:
        return _unique(ids)

    @model_validator(mode="after")
    def _two(self) -> AcquaintanceChange:
        if len(self.people) < 2:
            tail = " --forget" if self.forget else ""
            raise InvalidInput(f"Name two different people: supportnet know Maya Sam{tail}.")
        return self

    def pairs(self) -> list[tuple[int, int]]:
        """Every pair among the people, the smaller id first (as the table keeps them)."""
        ids = self.people
        return [(min(a, b), max(a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :]]
