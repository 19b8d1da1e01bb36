"""Everything `supportnet show NAME` says about one person, as plain data.

Each area contributes one key; the CLI renders the result or prints it as JSON.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from supportnet import occasions
from supportnet.dates import describe_days
from supportnet.store.gettogethers import person_summary
from supportnet.store.people import Person, get_person
from supportnet.store.resources import roles_of_person
from supportnet.store.support import profile_part


def person_json(person: Person, cadence_days: int) -> dict[str, Any]:
    """The stable JSON form of a person (see docs/json.md)."""
    b = person.birthday
    return {
        "id": person.id,
        "name": person.name,
        "circle": person.circle,
        "cadence_days": cadence_days,
        "cadence": describe_days(cadence_days),
        "cadence_is_own": person.cadence_days is not None,
        "birthday": {"month": b.month, "day": b.day, "year": b.year} if b else None,
        "nicknames": person.nicknames,
        "tags": person.tags,
        "phones": person.phones,
        "emails": person.emails,
        "how_met": person.how_met,
        "note": person.note,
        "added_on": person.added_on.isoformat(),
        "archived_on": person.archived_on.isoformat() if person.archived_on else None,
    }


def build_profile(
    conn: sqlite3.Connection,
    person_id: int,
    today: dt.date,
    cadence_defaults: dict[str, int],
    windows: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The profile of one person: their details, then what each area knows.

    ``windows`` is the ``[windows]`` config section (defaults when None).
    """
    person = get_person(conn, person_id)
    cadence = person.cadence_days or cadence_defaults[person.circle]
    profile: dict[str, Any] = {"person": person_json(person, cadence)}
    if person.birthday:
        upcoming = person.birthday.next_on_or_after(today)
        profile["next_birthday"] = {
            "date": upcoming.isoformat(),
            "days_away": (upcoming - today).days,
            "turns": occasions.turning(person.birthday, upcoming),
        }
    else:
        profile["next_birthday"] = None
    profile.update(profile_part(conn, person_id, person.name, today, windows))
    profile["gettogethers"] = person_summary(conn, person_id)
    profile["safety_roles"] = roles_of_person(conn, person_id)
    return profile
