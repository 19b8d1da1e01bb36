"""Writing the safety plan's own-words sections and its reviews (`help-now edit`,
`help-now reviewed`): validated input models and a ``Session`` from
``db.write_session``; rows through the models' tables."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from supportnet.models.safety_plan import SafetyPlanEntry, SafetyPlanReview, SafetyPlanSection

_ENTRY = SafetyPlanEntry.__table__  # type: ignore[attr-defined]
_REVIEW = SafetyPlanReview.__table__  # type: ignore[attr-defined]


def set_section(session: Session, change: SafetyPlanSection, today: dt.date) -> list[str]:
    """Replace a section's lines with ``change.lines``; an edit is also a review.

    Returns the lines there before (the review is recorded either way, changed or
    not: the person looked at the section)."""
    conn = session.connection()
    before = list(
        conn.execute(
            select(_ENTRY.c.text)
            .where(_ENTRY.c.section == change.section)
            .order_by(_ENTRY.c.position)
        ).scalars()
    )
    changed = before != change.lines
    if changed:
        conn.execute(delete(_ENTRY).where(_ENTRY.c.section == change.section))
        if change.lines:
            conn.execute(
                insert(_ENTRY),
                [
                    {"section": change.section, "position": i, "text": text}
                    for i, text in enumerate(change.lines, start=1)
                ],
            )
    mark_reviewed(session, today)
    return before


def mark_reviewed(session: Session, today: dt.date) -> None:
    """Record that the plan was looked over ``today`` (once a day is enough)."""
    conn = session.connection()
    seen = conn.execute(select(_REVIEW.c.id).where(_REVIEW.c.reviewed_on == today)).first()
    if seen is None:
        conn.execute(insert(_REVIEW).values(reviewed_on=today))
