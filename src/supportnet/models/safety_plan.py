"""The safety plan in a person's own words, and when it was reviewed (migration 0011)."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator
from sqlalchemy import CheckConstraint, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from supportnet.errors import InvalidInput
from supportnet.models.types import IsoDate
from supportnet.safety_plan import SECTIONS
from supportnet.text import one_line

#: The most lines a section keeps, and the longest line: a plan is read in a hard moment.
MAX_LINES = 50
MAX_LINE = 500


class SafetyPlanEntry(SQLModel, table=True):
    """One line of a section of the safety plan, in the order written."""

    __tablename__ = "safety_plan_entry"
    __table_args__ = (
        CheckConstraint(
            "section IN ('warning_signs', 'on_my_own', 'safer_surroundings', 'reasons')"
        ),
        CheckConstraint("position > 0"),
        CheckConstraint("length(trim(text)) > 0"),
        UniqueConstraint("section", "position"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    section: str = Field(sa_type=Text)
    position: int
    text: str = Field(sa_type=Text)


class SafetyPlanReview(SQLModel, table=True):
    """A day the plan was looked over."""

    __tablename__ = "safety_plan_review"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    reviewed_on: dt.date = Field(sa_type=IsoDate)


class SafetyPlanSection(SQLModel):
    """What `help-now edit --section NAME` gives: the section's lines, in order.

    Each line is made one line (spacing single, control characters gone); blank
    lines are left out, so an empty list clears the section.
    """

    section: str
    lines: list[str] = Field(default_factory=list)

    @field_validator("section")
    @classmethod
    def _section(cls, value: str) -> str:
        from supportnet.safety_plan import choose_section

        return choose_section(value)

    @field_validator("lines")
    @classmethod
    def _lines(cls, values: list[str]) -> list[str]:
        kept = [one_line(v) for v in values]
        kept = [v for v in kept if v]
        if len(kept) > MAX_LINES:
            raise InvalidInput(f"A section of the plan keeps up to {MAX_LINES} lines.")
        for v in kept:
            if len(v) > MAX_LINE:
                raise InvalidInput(
                    f"A line of the plan is up to {MAX_LINE} characters; one has {len(v)}."
                )
        return kept


__all__ = ["SECTIONS", "SafetyPlanEntry", "SafetyPlanReview", "SafetyPlanSection"]
