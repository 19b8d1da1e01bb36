"""Favors given and received, and the life events of your people (migration 0003)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import field_validator, model_validator
from sqlalchemy import DDL, CheckConstraint, Index, Text, event, text
from sqlmodel import Field, SQLModel

from supportnet.errors import InvalidInput
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


def tone_from_flags(hard: bool, happy: bool) -> str | None:
    """The tone that ``--hard`` or ``--happy`` asks for; None when neither is given."""
    if hard and happy:
        raise InvalidInput("An event is either --hard or --happy, not both.")
    return "hard" if hard else "happy" if happy else None


class FavorCreate(SQLModel):
    """What `supportnet favor` (and any other writer of a favor) may give.

    ``kind`` is one already matched against the known kinds
    (``store.support.check_kind``).  The date is checked against today by the
    writer (``writes.support.add_favor``: a favor is recorded once it has happened).
    """

    what: str
    kind: str = "other"
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

    ``kind`` is one already matched against the known kinds.  Without a tone,
    the kind's goes without saying (``KIND_TONES``: illness is hard, a
    graduation happy); for the other kinds a tone is required.  Without
    ``yearly``, anniversaries come round every year and the rest happen once.
    """

    person_id: int
    what: str
    kind: str = "other"
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

    @model_validator(mode="after")
    def _tone_and_yearly(self) -> LifeEventCreate:
        if self.tone is None:
            tone = KIND_TONES.get(self.kind)
            if tone is None:
                raise InvalidInput(TONE_NEEDED)
            self.tone = tone  # type: ignore[assignment]
        if self.yearly is None:
            self.yearly = self.kind == "anniversary"
        return self


class LifeEventUpdate(SQLModel):
    """What `supportnet event edit` may change: only the fields given change.

    A note given as None or "" is cleared; the other fields, when given, must
    hold a value (``kind`` one already matched against the known kinds).
    """

    what: str | None = None
    kind: str | None = None
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
        return not self.model_fields_set
