"""A person, their nicknames, tags and contact details (migration 0001)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from pydantic import field_validator
from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from supportnet.config import CIRCLES
from supportnet.dates import EARLIEST_YEAR, LATEST_YEAR, YearlyDate
from supportnet.errors import InvalidInput
from supportnet.models.fields import Note, OneLine
from supportnet.models.types import IsoDate
from supportnet.text import (
    choose_kind,
    clean_email,
    clean_name,
    clean_nickname,
    clean_phone,
    clean_tag,
    email_address,
    fold,
    one_line,
)

CIRCLE_CHECK = "circle IN ('inner', 'close', 'friend', 'acquaintance', 'prospect', 'professional')"


class Person(SQLModel, table=True):
    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0"),
        CheckConstraint(CIRCLE_CHECK),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0"),
        CheckConstraint("birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12"),
        CheckConstraint("birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31"),
        Index("person_circle", "circle"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    circle: str = Field(sa_type=Text)
    cadence_days: int | None = None  # None: the circle's
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None  # None when unknown
    how_met: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)
    added_on: dt.date = Field(sa_type=IsoDate)
    archived_on: dt.date | None = Field(default=None, sa_type=IsoDate)  # None while active


class PersonNickname(SQLModel, table=True):
    __tablename__ = "person_nickname"
    __table_args__ = ({"sqlite_with_rowid": False},)

    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    nickname: str = Field(sa_type=Text, primary_key=True)


class PersonTag(SQLModel, table=True):
    __tablename__ = "person_tag"
    __table_args__ = (Index("person_tag_tag", "tag"), {"sqlite_with_rowid": False})

    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
    tag: str = Field(sa_type=Text, primary_key=True)


class PersonContact(SQLModel, table=True):
    __tablename__ = "person_contact"
    __table_args__ = (
        CheckConstraint("kind IN ('phone', 'email')"),
        UniqueConstraint("person_id", "kind", "value"),
        Index("person_contact_value", "kind", "value"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")
    kind: str = Field(sa_type=Text)
    value: str = Field(sa_type=Text)


# --- what may be given to make or change a person ------------------------------------


def _unique(values: list[str], clean: Callable[[str], str]) -> list[str]:
    """Each value cleaned, once: "Climbing" and "climbing" are one (the first stays)."""
    seen: set[str] = set()
    kept = []
    for value in values:
        value = clean(value)
        if fold(value) not in seen:
            seen.add(fold(value))
            kept.append(value)
    return kept


def _check_birthday(birthday: YearlyDate | None) -> YearlyDate | None:
    if birthday is not None:
        try:
            dt.date(birthday.year or 2000, birthday.month, birthday.day)
        except ValueError:
            raise InvalidInput(f"{birthday} is not a day of the calendar.") from None
        if birthday.year is not None and not EARLIEST_YEAR <= birthday.year <= LATEST_YEAR:
            raise InvalidInput(f"A birthday's year must be from {EARLIEST_YEAR} on, not "
                               f"{birthday.year}.")  # fmt: skip
    return birthday


def _one_each(emails: Iterable[str]) -> list[str]:
    """Emails in order, each address once whatever its case (mail ignores it)."""
    kept: dict[str, str] = {}
    for email in emails:
        kept.setdefault(email.lower(), email)
    return list(kept.values())


class PersonCreate(SQLModel):
    """What `supportnet add` and every import may give to make a person.

    Human phrases ("March 14", "every 2 weeks") are parsed before (dates.py);
    this checks the parsed values with the same rules for every writer.
    """

    name: str
    circle: str = "friend"
    cadence_days: int | None = Field(default=None, gt=0)
    birthday: YearlyDate | None = None
    how_met: OneLine = None
    note: Note = None
    archived_on: dt.date | None = None
    nicknames: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value)

    @field_validator("circle")
    @classmethod
    def _circle(cls, value: str) -> str:
        return choose_kind(value, list(CIRCLES), "circle")

    @field_validator("birthday")
    @classmethod
    def _birthday(cls, value: YearlyDate | None) -> YearlyDate | None:
        return _check_birthday(value)

    @field_validator("nicknames")
    @classmethod
    def _nicknames(cls, values: list[str]) -> list[str]:
        return _unique(values, clean_nickname)

    @field_validator("tags")
    @classmethod
    def _tags(cls, values: list[str]) -> list[str]:
        return _unique(values, clean_tag)

    @field_validator("phones")
    @classmethod
    def _phones(cls, values: list[str]) -> list[str]:
        return [clean_phone(v) for v in values]

    @field_validator("emails")
    @classmethod
    def _emails(cls, values: list[str]) -> list[str]:
        return _one_each(map(clean_email, values))


class PersonUpdate(SQLModel):
    """What `supportnet edit` (and an import filling in what is missing) may change.

    A field left out stays as it is; a field given as None is cleared (the
    cadence goes back to the circle's, the birthday is forgotten, an archived
    person is active again).  A name or circle given must be a real one.
    """

    name: str | None = None
    circle: str | None = None
    cadence_days: int | None = Field(default=None, gt=0)
    birthday: YearlyDate | None = None
    how_met: OneLine = None
    note: Note = None
    archived_on: dt.date | None = None  # None: active again
    add_tags: list[str] = Field(default_factory=list)
    remove_tags: list[str] = Field(default_factory=list)
    add_nicknames: list[str] = Field(default_factory=list)
    remove_nicknames: list[str] = Field(default_factory=list)
    add_phones: list[str] = Field(default_factory=list)
    remove_phones: list[str] = Field(default_factory=list)
    add_emails: list[str] = Field(default_factory=list)
    remove_emails: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str:
        return clean_name(value or "")

    @field_validator("circle")
    @classmethod
    def _circle(cls, value: str | None) -> str:
        return choose_kind(value or "", list(CIRCLES), "circle")

    @field_validator("birthday")
    @classmethod
    def _birthday(cls, value: YearlyDate | None) -> YearlyDate | None:
        return _check_birthday(value)

    @field_validator("add_nicknames", "remove_nicknames")
    @classmethod
    def _nicknames(cls, values: list[str]) -> list[str]:
        return _unique(values, clean_nickname)

    @field_validator("add_tags", "remove_tags")
    @classmethod
    def _tags(cls, values: list[str]) -> list[str]:
        return _unique(values, clean_tag)

    @field_validator("add_phones")
    @classmethod
    def _phones(cls, values: list[str]) -> list[str]:
        return [clean_phone(v) for v in values]

    @field_validator("add_emails")
    @classmethod
    def _emails(cls, values: list[str]) -> list[str]:
        return _one_each(map(clean_email, values))

    @field_validator("remove_phones")
    @classmethod
    def _gone(cls, values: list[str]) -> list[str]:
        return [one_line(v) for v in values]  # as they were kept, to match them

    @field_validator("remove_emails")
    @classmethod
    def _gone_emails(cls, values: list[str]) -> list[str]:
        return [email_address(v) for v in values]  # as --email keeps them; not checked

    def is_empty(self) -> bool:
        return not self.model_fields_set
