"""Communities (groups) with their meeting schedule, and their members (migration 0002)."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator, model_validator
from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.errors import InvalidInput
from supportnet.models.fields import Note, OneLine
from supportnet.models.gettogether import check_time
from supportnet.models.types import Flag, IsoDate
from supportnet.recurrence import Recurrence
from supportnet.store.groups import KINDS
from supportnet.text import choose_kind, required_line


class Group(SQLModel, table=True):
    __tablename__ = "community"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0"),
        CheckConstraint("i_am_member IN (0, 1)"),
        CheckConstraint("matters IS NULL OR matters BETWEEN 1 AND 5"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    kind: str = Field(sa_type=Text)
    rrule: str | None = Field(default=None, sa_type=Text)  # RFC 5545 RRULE, without DTSTART
    starts_on: dt.date | None = Field(default=None, sa_type=IsoDate)  # DTSTART of the schedule
    at_time: str | None = Field(default=None, sa_type=Text)  # HH:MM, local wall-clock time
    timezone: str | None = Field(default=None, sa_type=Text)  # IANA name; None: floating
    place: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)
    i_am_member: bool = Field(
        default=True, sa_type=Flag, sa_column_kwargs={"server_default": text("1")}
    )
    added_on: dt.date = Field(sa_type=IsoDate)
    archived_on: dt.date | None = Field(default=None, sa_type=IsoDate)
    matters: int | None = None  # 1-5, how much it matters to you (migration 0011)


class GroupMember(SQLModel, table=True):
    __tablename__ = "community_member"
    __table_args__ = (
        Index("community_member_person", "person_id"),
        {"sqlite_with_rowid": False},
    )

    community_id: int = Field(foreign_key="community.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)


# --- what may be given to make or change a group ----------------------------------------


def check_group_kind(value: str) -> str:
    return choose_kind(value, list(KINDS), "kind of group")


def _check_meets(value: Recurrence | None) -> Recurrence | None:
    if value is not None:
        if value.until is not None:
            raise InvalidInput("A group's meetings have no end date; leave UNTIL out.")
        check_time(value.time)
    return value


def _check_starting(
    starting: dt.date | None, meets: Recurrence | None, *, meets_given: bool
) -> None:
    """A start belongs to a schedule: refused beside none, or beside ``--meets none``."""
    if starting is not None and meets_given and meets is None:
        raise InvalidInput("--starting is the day a schedule starts from; give --meets with it.")


def _unique(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


class GroupCreate(SQLModel):
    """What `supportnet group add` gives to make a group you belong to.

    Its schedule (``meets``) is parsed before (recurrence/); the writer stores
    its first meeting on or after ``starting`` (the day it is added when not
    given: `group add --starting`), and refuses a name already here.
    """

    name: str
    kind: str = "other"
    meets: Recurrence | None = None
    starting: dt.date | None = None  # the day its schedule starts from (default: today)
    place: OneLine = None
    note: Note = None
    members: list[int] = Field(default_factory=list)  # people you know there

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return required_line(value, "A group needs a name.")

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return check_group_kind(value)

    @field_validator("meets")
    @classmethod
    def _meets(cls, value: Recurrence | None) -> Recurrence | None:
        return _check_meets(value)

    @field_validator("members")
    @classmethod
    def _members(cls, ids: list[int]) -> list[int]:
        return _unique(ids)

    @model_validator(mode="after")
    def _starting(self) -> GroupCreate:
        _check_starting(self.starting, self.meets, meets_given=True)
        return self


class GroupUpdate(SQLModel):
    """What `group edit`, `group archive` and `group restore` may change.

    A field left out stays as it is; ``meets`` given as None clears the
    schedule, ``place`` or ``note`` as None (or blank) clears them,
    ``archived_on`` as None restores the group.  ``starting`` is the day a new
    schedule starts from (instead of the day it is changed), or given alone the
    new start of the schedule the group has (`group edit --starting`).
    """

    kind: str | None = None
    meets: Recurrence | None = None  # a new schedule, from the day it is changed
    starting: dt.date | None = None
    place: OneLine = None
    note: Note = None
    archived_on: dt.date | None = None
    matters: int | None = None  # 1 (a little) to 5 (very much); None clears it

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str | None) -> str:
        return check_group_kind(value or "")

    @field_validator("meets")
    @classmethod
    def _meets(cls, value: Recurrence | None) -> Recurrence | None:
        return _check_meets(value)

    @field_validator("matters")
    @classmethod
    def _matters(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 5:
            raise InvalidInput(
                f"--matters takes 1 (a little) to 5 (very much), not {value}; 0 clears it."
            )
        return value

    @model_validator(mode="after")
    def _starting(self) -> GroupUpdate:
        _check_starting(self.starting, self.meets, meets_given="meets" in self.model_fields_set)
        return self

    def is_empty(self) -> bool:
        return not self.model_fields_set


class GroupMembership(SQLModel):
    """Who `group join` adds to a group (or `group leave` takes out): people, and you."""

    people: list[int] = Field(default_factory=list)
    me: bool = False

    @field_validator("people")
    @classmethod
    def _people(cls, ids: list[int]) -> list[int]:
        return _unique(ids)

    @model_validator(mode="after")
    def _someone(self) -> GroupMembership:
        if not self.people and not self.me:
            raise InvalidInput("Say who with --person NAME (or --person me).")
        return self
