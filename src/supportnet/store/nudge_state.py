"""Snoozes and dismissals: what the nudge leaves out for now.  Reads only.

A snooze hides a person (or a community) until a date.  A dismissal hides one
kind of suggestion about them until something new is logged about them: it
records the newest get-together, favor and life-event ids at that moment, and
any newer one about the person ends it (see ``nudge.Dismissal``).  They are
made and ended by ``writes.nudge``; read records are filled by column name.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from supportnet.nudge import Dismissal, Marks
from supportnet.store.records import fetch, fetch_one

#: ("person", id) or ("community", id)
Target = tuple[str, int]


class Snooze(NamedTuple):
    """One snooze (a read record of ``models.NudgeSnooze``, with the target's name)."""

    person_id: int | None
    community_id: int | None
    until_on: dt.date
    snoozed_on: dt.date
    name: str = ""  # the person's or community's


class DismissalRow(NamedTuple):
    """One dismissal (a read record of ``models.NudgeDismissal``, with the target's name)."""

    person_id: int | None
    community_id: int | None
    kind: str
    subject: str
    dismissed_on: dt.date
    gettogether_mark: int
    favor_mark: int
    event_mark: int
    name: str = ""  # the person's or community's

    @property
    def marks(self) -> Marks:
        return (self.gettogether_mark, self.favor_mark, self.event_mark)


class _Newest(NamedTuple):
    gettogether: int | None
    favor: int | None
    event: int | None

    @property
    def marks(self) -> Marks:
        return (self.gettogether or 0, self.favor or 0, self.event or 0)


def current_marks(conn: sqlite3.Connection) -> Marks:
    """The newest get-together, favor and life-event ids in the whole database."""
    newest = fetch_one(
        conn,
        _Newest,
        "SELECT (SELECT max(id) FROM gettogether) AS gettogether,"
        " (SELECT max(id) FROM favor) AS favor, (SELECT max(id) FROM life_event) AS event",
    )
    assert newest is not None
    return newest.marks


class State(NamedTuple):
    """Snoozes in force and every recorded dismissal, by person and by community."""

    person_snoozes: dict[int, dt.date]
    community_snoozes: dict[int, dt.date]
    person_dismissals: dict[int, tuple[Dismissal, ...]]
    community_dismissals: dict[int, tuple[Dismissal, ...]]


_SNOOZE_COLUMNS = "s.person_id, s.community_id, s.until_on, s.snoozed_on"
_DISMISSAL_COLUMNS = (
    "d.person_id, d.community_id, d.kind, d.subject, d.dismissed_on, d.gettogether_mark,"
    " d.favor_mark, d.event_mark"
)


def load(conn: sqlite3.Connection, today: dt.date) -> State:
    """Snoozes that still hold on ``today``, and all dismissals (the nudge decides
    which still hold)."""
    person_snoozes, community_snoozes = {}, {}
    for snooze in fetch(
        conn,
        Snooze,
        f"SELECT {_SNOOZE_COLUMNS} FROM nudge_snooze s WHERE s.until_on > ?",
        (today.isoformat(),),
    ):
        if snooze.person_id is not None:
            person_snoozes[snooze.person_id] = snooze.until_on
        elif snooze.community_id is not None:
            community_snoozes[snooze.community_id] = snooze.until_on
    people: dict[int, list[Dismissal]] = {}
    communities: dict[int, list[Dismissal]] = {}
    for row in fetch(
        conn, DismissalRow, f"SELECT {_DISMISSAL_COLUMNS} FROM nudge_dismissal d ORDER BY d.id"
    ):
        dismissal = Dismissal(row.kind, row.marks, row.subject)
        if row.person_id is not None:
            people.setdefault(row.person_id, []).append(dismissal)
        elif row.community_id is not None:
            communities.setdefault(row.community_id, []).append(dismissal)
    return State(
        person_snoozes,
        community_snoozes,
        {k: tuple(v) for k, v in people.items()},
        {k: tuple(v) for k, v in communities.items()},
    )


def person_newest(conn: sqlite3.Connection, person_id: int) -> Marks:
    """The newest get-together, favor and life-event ids about one person."""
    newest = fetch_one(
        conn,
        _Newest,
        "SELECT (SELECT max(gettogether_id) FROM attendance WHERE person_id = ?) AS gettogether,"
        " (SELECT max(favor_id) FROM favor_person WHERE person_id = ?) AS favor,"
        " (SELECT max(id) FROM life_event WHERE person_id = ?) AS event",
        (person_id, person_id, person_id),
    )
    assert newest is not None
    return newest.marks


def community_newest(conn: sqlite3.Connection, community_id: int) -> Marks:
    """The newest get-together id of one community (favors and events are a person's)."""
    newest = fetch_one(
        conn,
        _Newest,
        "SELECT max(id) AS gettogether, NULL AS favor, NULL AS event FROM gettogether"
        " WHERE community_id = ?",
        (community_id,),
    )
    assert newest is not None
    return newest.marks


class HeldBack(NamedTuple):
    """One line of `supportnet snoozed`."""

    what: str  # "snooze" or "dismissal"
    target: str  # "person" or "community"
    id: int
    name: str
    until: dt.date | None  # snoozes
    kind: str | None  # dismissals
    subject: str
    since: dt.date
    in_force: bool

    def to_json(self) -> dict:
        """The shape of `supportnet snoozed --json` (docs/nudge.md)."""
        return {
            "what": self.what,
            "target": self.target,
            "id": self.id,
            "name": self.name,
            "until": self.until.isoformat() if self.until else None,
            "kind": self.kind,
            "subject": self.subject,
            "since": self.since.isoformat(),
            "in_force": self.in_force,
        }


def _target(person_id: int | None, community_id: int | None) -> Target:
    if person_id is not None:
        return ("person", person_id)
    assert community_id is not None
    return ("community", community_id)


def held_back(conn: sqlite3.Connection, today: dt.date) -> list[HeldBack]:
    """Every snooze and dismissal, with whether it still holds, in a stable order."""
    named = (
        " LEFT JOIN person p ON p.id = {0}.person_id"
        " LEFT JOIN community c ON c.id = {0}.community_id"
    )
    rows = []
    for s in fetch(
        conn,
        Snooze,
        f"SELECT {_SNOOZE_COLUMNS}, coalesce(p.name, c.name) AS name FROM nudge_snooze s"
        + named.format("s"),
    ):
        kind, tid = _target(s.person_id, s.community_id)
        rows.append(HeldBack("snooze", kind, tid, s.name, s.until_on, None, "", s.snoozed_on,
                             s.until_on > today))  # fmt: skip
    for d in fetch(
        conn,
        DismissalRow,
        f"SELECT {_DISMISSAL_COLUMNS}, coalesce(p.name, c.name) AS name FROM nudge_dismissal d"
        + named.format("d"),
    ):
        kind, tid = _target(d.person_id, d.community_id)
        newest = person_newest(conn, tid) if kind == "person" else community_newest(conn, tid)
        in_force = all(now <= then for now, then in zip(newest, d.marks))
        rows.append(HeldBack("dismissal", kind, tid, d.name, None, d.kind, d.subject,
                             d.dismissed_on, in_force))  # fmt: skip
    rows.sort(key=lambda r: (r.name.casefold(), r.id, r.what, r.kind or "", r.subject))
    return rows
