"""Before merging two people who are one (`supportnet merge KEEP OTHER`): what the
one kept gains from the other, and what moves.  Reads only; the merge itself is
``writes.merge``.

``gains`` is the one rule of what a person's own fields take from the other's (the
question before the merge counts it, the merge writes it): the kept person's values
win; what they lack is filled in; both notes are kept; the other's name becomes a
nickname; tags and nicknames are one whatever their case and accents, emails
whatever their case, phones as written (the rules of `edit`).
"""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple

from supportnet.store.people import Person
from supportnet.text import count_of, fold, join_words, phone_key, plural, unseen


class Gains(NamedTuple):
    """What the person kept takes from the other one's own fields."""

    fields: dict[str, Any]  # PersonUpdate fields: birthday, how_met, note, cadence_days
    nicknames: list[str]  # the other's name first (unless it is the kept one's)
    tags: list[str]
    phones: list[str]
    emails: list[str]
    notes_joined: bool  # both had a note: the two are kept, one after the other


def gains(keep: Person, other: Person) -> Gains:
    """What ``keep`` takes from ``other`` (see the module notes)."""
    from supportnet.dates import YearlyDate

    fields: dict[str, Any] = {}
    if keep.birthday is None and other.birthday is not None:
        fields["birthday"] = other.birthday
    elif (keep.birthday and other.birthday and keep.birthday.year is None
          and (keep.birthday.month, keep.birthday.day) == (other.birthday.month,
                                                           other.birthday.day)):  # fmt: skip
        fields["birthday"] = YearlyDate(keep.birthday.month, keep.birthday.day,
                                        other.birthday.year)  # fmt: skip
    if not keep.how_met and other.how_met:
        fields["how_met"] = other.how_met
    if keep.cadence_days is None and other.cadence_days is not None:
        fields["cadence_days"] = other.cadence_days
    joined = bool(keep.note and other.note and fold(keep.note) != fold(other.note))
    if joined:
        fields["note"] = f"{keep.note}\n\n{other.note}"
    elif not keep.note and other.note:
        fields["note"] = other.note
    names = {fold(keep.name), *map(fold, keep.nicknames)}
    nicknames = unseen([other.name, *other.nicknames], names, fold)
    tags = unseen(other.tags, set(map(fold, keep.tags)), fold)
    phones = unseen(other.phones, set(map(phone_key, keep.phones)), phone_key)
    emails = unseen(other.emails, {e.lower() for e in keep.emails}, str.lower)
    return Gains(fields, nicknames, tags, phones, emails, joined)


class MergeImpact(NamedTuple):
    """What merging ``other`` into ``keep`` moves, to say before asking."""

    keep: Person
    other: Person
    gains: Gains
    gettogethers: int  # the other's, all of them
    shared: int  # of those, the ones both were at: kept once
    favors: int  # the other's that the kept one is not in already
    life_events: int
    plans: int  # the other's that the kept one is not in already
    groups: int  # the same
    known: int  # people the other knows (`know`) and the kept one does not yet
    roles: int  # places in the safety plan (`lean-on`) the kept one does not have

    def question(self) -> str:
        """'Merge Sam Carter-Jones (#30) into Sam Carter (#2)? 14 get-togethers (3
        shared with both: kept once), 2 favors, 1 life event, 1 plan and 2 groups move
        to Sam Carter; Sam Carter-Jones's nickname, tags, phones and emails are added
        to theirs.'  Then what is filled in, and that an archived person stays so."""
        keep, other, gains = self.keep, self.other, self.gains
        moves = []
        if self.gettogethers:
            shared = f" ({self.shared} shared with both: kept once)" if self.shared else ""
            moves.append(count_of(self.gettogethers, "get-together") + shared)
        counts = [self.gettogethers] if self.gettogethers else []
        for n, one, many in (
            (self.favors, "favor", None), (self.life_events, "life event", None),
            (self.plans, "plan", None), (self.groups, "group", None),
            (self.known, "person they know", "people they know"),
            (self.roles, "place in your safety plan", "places in your safety plan"),
        ):  # fmt: skip
            if n:
                moves.append(count_of(n, one, many))
                counts.append(n)
        # The other's name, kept as a nickname, is said as such, not as "their nickname".
        named = bool(gains.nicknames) and gains.nicknames[0] == other.name
        nicknames = gains.nicknames[1:] if named else gains.nicknames
        lists = [(values, word) for values, word in (
            (nicknames, "nickname"), (gains.tags, "tag"), (gains.phones, "phone"),
            (gains.emails, "email"),
        ) if values]  # fmt: skip
        added = [plural(len(values), word) for values, word in lists]
        said = []
        if moves:
            verb = "moves" if counts == [1] else "move"
            said.append(f"{join_words(moves)} {verb} to {keep.name}")
        if named:
            said.append(f"{keep.name} is also called {other.name!r}")
        if added:
            verb = "is" if [len(values) for values, _ in lists] == [1] else "are"
            said.append(f"{other.name}'s {join_words(added)} {verb} added to theirs")
        text = f"Merge {other.label} into {keep.label}? "
        text += "; ".join(said) if said else f"Nothing else is recorded about {other.name}"
        filled = [_FIELD_WORDS[f] for f in gains.fields
                  if not (f == "note" and gains.notes_joined)]  # fmt: skip
        if filled:
            text += f"; {keep.name} takes {other.name}'s {join_words(filled)}"
        text += ". Both notes are kept." if gains.notes_joined else "."
        if keep.archived_on and not other.archived_on:
            text += (f" {keep.name} is archived and stays so: merging restores no one "
                     "(`supportnet restore` does).")  # fmt: skip
        return text


#: How the question names each field the kept person takes from the other.
_FIELD_WORDS = {"birthday": "birthday", "how_met": "how you met",
                "cadence_days": "hoped-for cadence", "note": "note"}  # fmt: skip


#: The other's rows of a table of (record, person) that the kept one is not in.
_NOT_SHARED = (
    "SELECT count(*) FROM {table} o WHERE o.person_id = :other AND NOT EXISTS"
    " (SELECT 1 FROM {table} k WHERE k.person_id = :keep AND k.{key} = o.{key})"
)


def merge_impact(conn: sqlite3.Connection, keep_id: int, other_id: int) -> MergeImpact:
    """What ``writes.merge.merge_people(keep_id, other_id)`` would move."""
    from supportnet.store.people import get_person

    keep, other = get_person(conn, keep_id), get_person(conn, other_id)
    ids = {"keep": keep_id, "other": other_id}

    def count(sql: str) -> int:
        return int(conn.execute(sql, ids).fetchone()[0])

    def not_shared(table: str, key: str) -> int:
        return count(_NOT_SHARED.format(table=table, key=key))

    total = count("SELECT count(*) FROM attendance WHERE person_id = :other")
    return MergeImpact(
        keep, other, gains(keep, other),
        gettogethers=total,
        shared=total - not_shared("attendance", "gettogether_id"),
        favors=not_shared("favor_person", "favor_id"),
        life_events=count("SELECT count(*) FROM life_event WHERE person_id = :other"),
        plans=not_shared("plan_member", "plan_id"),
        groups=not_shared("community_member", "community_id"),
        known=count(
            "SELECT count(*) FROM (SELECT CASE WHEN person_a = :other THEN person_b"
            " ELSE person_a END AS them FROM acquaintance"
            " WHERE :other IN (person_a, person_b)) WHERE them != :keep AND NOT EXISTS"
            " (SELECT 1 FROM acquaintance"
            "  WHERE person_a = min(them, :keep) AND person_b = max(them, :keep))"
        ),
        roles=not_shared("safety_role", "role"),
    )  # fmt: skip
