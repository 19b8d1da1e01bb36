"""Everything `supportnet show NAME` says about one person, as plain data.

Each area contributes one key; the CLI renders the result or prints it as JSON.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from supportnet import occasions
from supportnet.store.gettogethers import person_summary
from supportnet.store.people import Person, get_person
from supportnet.store.resources import roles_of_person
from supportnet.store.support import profile_part


def build_profile(
    conn: sqlite3.Connection,
    person_id: int,
    today: dt.date,
    cadence_defaults: dict[str, int],
    windows: dict[str, int] | None = None,
    known: int | None = None,
) -> dict[str, Any]:
    """The profile of one person: their details, then what each area knows.

    ``windows`` is the ``[windows]`` config section (defaults when None); ``known``:
    name only the first so many of the people they know (``person_summary``).
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
    profile["gettogethers"] = person_summary(conn, person_id, today, known=known)
    profile["safety_roles"] = roles_of_person(conn, person_id)
    return profile


def changes(before: Person, after: Person) -> list[str]:
    """What `edit` changed about a person, in words, in the order `show` lists it:
    "circle friend", "birthday removed", "tag 'choir' added", "note changed"."""
    from supportnet.spans import describe_days
    from supportnet.text import join_words

    said: list[str] = []
    if after.circle != before.circle:
        said.append(f"circle {after.circle}")
    if after.cadence_days != before.cadence_days:
        own = after.cadence_days
        said.append(f"hoped for {describe_days(own)}" if own else "hoped for as their circle")
    if after.birthday != before.birthday:
        said.append(
            f"birthday {after.birthday.describe()}" if after.birthday else "birthday removed"
        )
    for word, old, new in (("tag", before.tags, after.tags),
                           ("nickname", before.nicknames, after.nicknames),
                           ("phone", before.phones, after.phones),
                           ("email", before.emails, after.emails)):  # fmt: skip
        for what, values in (("added", [v for v in new if v not in old]),
                             ("removed", [v for v in old if v not in new])):  # fmt: skip
            if values:
                words = word if len(values) == 1 else f"{word}s"
                said.append(f"{words} {join_words([repr(v) for v in values])} {what}")
    for word, old_text, new_text in (("how you met", before.how_met, after.how_met),
                                     ("note", before.note, after.note)):  # fmt: skip
        if old_text != new_text:
            said.append(
                f"{word} {'removed' if not new_text else 'changed' if old_text else 'added'}"
            )
    return said
