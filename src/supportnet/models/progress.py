"""Homework goals, the resources list, and who helps in a hard moment (migration 0005)."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator, model_validator
from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field, SQLModel

from supportnet.errors import InvalidInput
from supportnet.models.fields import Note, OneLine
from supportnet.models.types import IsoDate
from supportnet.text import required_line

GOAL_KINDS = ("reach_out", "in_person", "community", "new_people", "favors", "log_days")
RESOURCE_KINDS = (
    "hotline", "therapist", "clinic", "support group", "peer line", "website", "other",
)  # fmt: skip
SAFETY_ROLES = ("ask_for_help", "takes_mind_off")
GOAL_STATUSES = ("active", "paused", "removed")


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


# --- what may be given to set a goal, a resource or a role ------------------------------


class GoalCreate(SQLModel):
    """What `supportnet goal add` may give to set a goal.

    The words ("reach out to 2 people a week") are read before (goals.parse_goal);
    this checks the values read, with the same rules for every writer.
    """

    title: str
    kind: str
    target: int
    period: str = "week"
    community_id: int | None = None  # a community goal about one group only

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return required_line(value, "A goal needs a few words to name it.")

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        from supportnet.goals import check_goal_kind

        return check_goal_kind(value)

    @field_validator("target")
    @classmethod
    def _target(cls, value: int) -> int:
        from supportnet.goals import check_target

        return check_target(value)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        from supportnet.goals import check_period

        return check_period(value)

    @model_validator(mode="after")
    def _group_goal(self) -> GoalCreate:
        if self.community_id is not None and self.kind != "community":
            raise InvalidInput(
                "--group only fits a goal of going to a community (--kind community)."
            )
        return self


class GoalUpdate(SQLModel):
    """A goal's new status: `goal pause` (paused), `goal resume` (active), `goal remove`
    (removed: retired, kept for its history)."""

    status: str

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        from supportnet.text import choose_kind

        return choose_kind(value, list(GOAL_STATUSES), "goal status")


class ResourceCreate(SQLModel):
    """What `supportnet resources add` may give: a name, a kind, and a way to reach it."""

    name: str
    kind: str = "other"
    phone: OneLine = None
    url: OneLine = None
    note: Note = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return required_line(value, "A resource needs a name.")

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        from supportnet.store.resources import check_resource_kind

        return check_resource_kind(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        from supportnet.text import clean_phone

        return clean_phone(value) if value is not None else None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and (" " in value or ("." not in value and ":" not in value)):
            raise InvalidInput(f"{value!r} does not look like a web address.")
        return value

    @model_validator(mode="after")
    def _reachable(self) -> ResourceCreate:
        if self.phone is None and self.url is None and self.note is None:
            raise InvalidInput(
                "Say how to reach it: --phone, --url, or at least a --note "
                "(for example where it is)."
            )
        return self


class SafetyRoleChange(SQLModel):
    """Roles to give (`supportnet lean-on`) or take away (`lean-on --remove`).

    The roles are for a person or a community (their ids given beside this,
    once resolved) or for a place named here.  A note left out leaves a
    recorded note as it is; a note given (even empty) replaces it.
    """

    roles: list[str]
    place: str | None = None
    note: Note = None

    @field_validator("roles")
    @classmethod
    def _roles(cls, values: list[str]) -> list[str]:
        from supportnet.text import choose_kind

        roles = list(dict.fromkeys(choose_kind(v, list(SAFETY_ROLES), "role") for v in values))
        if not roles:
            raise InvalidInput(f"Give at least one role: {' or '.join(SAFETY_ROLES)}.")
        return roles

    @field_validator("place")
    @classmethod
    def _place(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return required_line(value, "A place cannot be empty.")
