"""Everything `supportnet show NAME` says about one person, as plain data.

Each area contributes one key; the CLI renders the result or prints it as JSON.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from supportnet import occasions
from supportnet.store.gettogethers import person_summary
from supportnet.store.people import get_person
from supportnet.store.resources import roles_of_person
from supportnet.store.support import profile_part


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
    profile: dict[str, Any] = {"person": person.to_json(cadence)}
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
