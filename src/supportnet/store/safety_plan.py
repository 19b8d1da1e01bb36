"""The safety plan's reads: its own-words sections, its reviews, and the facts behind
its gentle warnings.  Reads only (changes are in ``writes.safety_plan``); never prints."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any, NamedTuple

from supportnet.safety_plan import (
    SECTIONS,
    Helper,
    ReviewState,
    currency_line,
    helper_warnings,
    review_note,
    review_state,
)
from supportnet.store.records import fetch, fetch_one, last_contact_sql


class _Line(NamedTuple):
    section: str
    text: str


class _Reviewed(NamedTuple):
    reviewed_on: dt.date | None


def plan_sections(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every section with its lines in order (empty lists for sections not written)."""
    plan: dict[str, list[str]] = {s: [] for s in SECTIONS}
    for row in fetch(
        conn, _Line, "SELECT section, text FROM safety_plan_entry ORDER BY section, position"
    ):
        plan.setdefault(row.section, []).append(row.text)
    return plan


def last_reviewed(conn: sqlite3.Connection) -> dt.date | None:
    row = fetch_one(
        conn, _Reviewed, "SELECT max(reviewed_on) AS reviewed_on FROM safety_plan_review"
    )
    return row.reviewed_on if row else None


class _Started(NamedTuple):
    started_on: dt.date | None


def started_on(conn: sqlite3.Connection) -> dt.date | None:
    """When the plan was begun: the first person, group, place or resource listed
    (own words are only written by `help-now edit`, which records a review)."""
    row = fetch_one(
        conn,
        _Started,
        "SELECT min(d) AS started_on FROM (SELECT min(added_on) AS d FROM safety_role"
        " UNION ALL SELECT min(added_on) FROM resource)",
    )
    return row.started_on if row else None


def settings(config: Any) -> tuple[int, int]:
    """(review_every_days, quiet_after_days) from the ``[safety_plan]`` settings."""
    section = config.section("safety_plan")
    return int(section["review_every_days"]), int(section["quiet_after_days"])


def currency(conn: sqlite3.Connection, today: dt.date, every_days: int) -> ReviewState:
    return review_state(last_reviewed(conn), started_on(conn), today, every_days)


class _Helper(NamedTuple):
    id: int
    name: str
    archived_on: dt.date | None
    added_on: dt.date | None
    last_contact: dt.date | None


def helpers(conn: sqlite3.Connection, today: dt.date, windows: Any) -> list[Helper]:
    """The people listed to ask for help (archived ones too), by name, with their last
    contact and a hard life event whose window is open today."""
    from supportnet.store.life_events import list_events
    from supportnet.text import fold

    rows = fetch(
        conn,
        _Helper,
        f"SELECT p.id, p.name, p.archived_on, s.added_on, {last_contact_sql(':today')}"
        " AS last_contact FROM safety_role s JOIN person p ON p.id = s.person_id"
        " LEFT JOIN last_contact c ON c.person_id = p.id WHERE s.role = 'ask_for_help'",
        {"today": today.isoformat()},
    )
    hard: dict[int, str] = {}
    if rows:
        for event in list_events(conn, open_on=today, windows=windows):
            if event.tone == "hard":
                hard.setdefault(event.person_id, event.what)
    found = [
        Helper(r.id, r.name, r.archived_on is not None, r.last_contact, r.added_on,
               hard.get(r.id))
        for r in rows
    ]  # fmt: skip
    found.sort(key=lambda h: (fold(h.name), h.id))
    return found


def plan_facts(conn: sqlite3.Connection, today: dt.date, config: Any) -> dict[str, Any]:
    """The plan as plain data: sections, currency, and the warnings about helpers."""
    from supportnet.occasions import Windows

    every, quiet = settings(config)
    state = currency(conn, today, every)
    windows = Windows.from_settings(config.section("windows"))
    return {
        "plan": plan_sections(conn),
        "review": state.to_json(),
        "review_note": review_note(state, today),
        "currency": currency_line(state, today),
        "warnings": helper_warnings(helpers(conn, today, windows), today, quiet),
    }


def nudge_note(conn: sqlite3.Connection, today: dt.date, config: Any) -> str | None:
    """The word `nudge` and `today` add when the plan is due a calm look; None otherwise.

    Cheap: a max() and two min() (no SQLModel)."""
    every, _ = settings(config)
    return review_note(currency(conn, today, every), today)
