"""Favors given and received, and the life events of your people (migration 0003)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import field_validator
from sqlalchemy import DDL, CheckConstraint, Index, Text, event, text
from sqlmodel import Field, SQLModel

from supportnet.dates import long_date
from supportnet.errors import Conflict, InvalidInput, UsageProblem
from supportnet.models.fields import Note
from supportnet.models.types import Flag, IsoDate, IsoTimestamp
from supportnet.text import required_line

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


# --- what may be given to record or change a favor or life event ----------------------

#: Kinds whose tone goes without saying; the others (job change, move...) need one.
KIND_TONES = {
    "illness": "hard", "loss": "hard", "breakup": "hard",
    "new baby": "happy", "graduation": "happy", "anniversary": "happy",
}  # fmt: skip

TONE_NEEDED = "Say whether it is --hard (you'll be reminded to check in) or --happy (to celebrate)."


#: What an empty description of a favor or an event is told (``text.required_line``).
WHAT_NEEDED = "Say what the {} was: it cannot be empty."
KIND_NEEDED = "A kind of {} cannot be empty."


def check_favor_day(on_date: dt.date, today: dt.date) -> None:
    """A favor is recorded once it has happened: a date after ``today`` is refused
    (a life event keeps something coming up in view).  Every writer of a favor
    obeys it: `favor` (``writes.support.add_favor``) and the JSON import
    (``models.rows``)."""
    if on_date > today:
        raise Conflict(
            f"{long_date(on_date)} hasn't come yet: record the favor once it has happened "
            "(for something coming up, `supportnet event` keeps it in view)."
        )


def tone_from_flags(hard: bool, happy: bool) -> str | None:
    """The tone that ``--hard`` or ``--happy`` asks for; None when neither is given."""
    if hard and happy:
        raise UsageProblem("An event is either --hard or --happy, not both.")
    return "hard" if hard else "happy" if happy else None


class FavorCreate(SQLModel):
    """What `supportnet favor` (and any other writer of a favor) may give.

    The rules that need the database or today are the writer's
    (``writes.support.add_favor``): the kind is matched against the known kinds
    (a new one is welcome with ``new_kind``), and a favor is recorded once it
    has happened.
    """

    what: str
    kind: str = "other"
    new_kind: bool = False  # a kind not used before is welcome
    direction: Literal["given", "received"]
    on_date: dt.date
    people: list[int]  # person ids, each once
    note: Note = None

    @field_validator("what")
    @classmethod
    def _what(cls, value: str) -> str:
        return required_line(value, WHAT_NEEDED.format("favor"))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return required_line(value, KIND_NEEDED.format("favor"))

    @field_validator("people")
    @classmethod
    def _people(cls, values: list[int]) -> list[int]:
        if not values:
            raise InvalidInput("A favor is for or from someone: say who.")
        return list(dict.fromkeys(values))


class LifeEventCreate(SQLModel):
    """What `supportnet event` (and any other writer of a life event) may give.

    The writer (``writes.support.add_event``) matches the kind against the known
    ones (a new one is welcome with ``new_kind``) and then settles what the kind
    says (``with_kind``): without a tone, the kind's goes without saying
    (``KIND_TONES``: illness is hard, a graduation happy), and for the other
    kinds a tone is required; without ``yearly``, anniversaries come round every
    year and the rest happen once.
    """

    person_id: int
    what: str
    kind: str = "other"
    new_kind: bool = False
    tone: Literal["hard", "happy", "neutral"] | None = None  # None: the kind's
    on_date: dt.date | None = None  # None when not known
    yearly: bool | None = None  # None: yearly for an anniversary
    note: Note = None

    @field_validator("what")
    @classmethod
    def _what(cls, value: str) -> str:
        return required_line(value, WHAT_NEEDED.format("event"))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return required_line(value, KIND_NEEDED.format("event"))

    def with_kind(self, kind: str) -> LifeEventCreate:
        """This event of ``kind`` (a known kind, as ``store.support.check_kind`` matched
        it), with the tone and yearly flag the kind gives when they were left out."""
        tone = self.tone or KIND_TONES.get(kind)
        if tone is None:
            raise InvalidInput(TONE_NEEDED)
        yearly = self.yearly if self.yearly is not None else kind == "anniversary"
        return self.model_copy(update={"kind": kind, "tone": tone, "yearly": yearly})


class LifeEventUpdate(SQLModel):
    """What `supportnet event edit` may change: only the fields given change.

    A note given as None or "" is cleared; the other fields, when given, must
    hold a value (the writer matches ``kind`` against the known kinds; a new one
    is welcome with ``new_kind``).
    """

    what: str | None = None
    kind: str | None = None
    new_kind: bool = False
    tone: Literal["hard", "happy", "neutral"] | None = None
    on_date: dt.date | None = None  # None: the date is not known
    yearly: bool | None = None
    note: Note = None

    @field_validator("what")
    @classmethod
    def _what(cls, value: str | None) -> str:
        return required_line(value, WHAT_NEEDED.format("event"))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str | None) -> str:
        return required_line(value, KIND_NEEDED.format("event"))

    @field_validator("tone", "yearly")
    @classmethod
    def _given(cls, value: object) -> object:
        if value is None:
            raise InvalidInput("A life event's tone and yearly flag cannot be cleared.")
        return value

    def is_empty(self) -> bool:
        """Nothing to change (``new_kind`` alone changes nothing)."""
        return not (self.model_fields_set - {"new_kind"})
