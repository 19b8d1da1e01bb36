"""Snoozes and dismissals: what the nudge leaves out for now.  Never prints.

A snooze hides a person (or a community) until a date.  A dismissal hides one
kind of suggestion about them until something new is logged about them: it
records the newest get-together, favor and life-event ids at that moment, and
any newer one about the person ends it (see ``nudge.Dismissal``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from supportnet.nudge import Dismissal, Marks

#: ("person", id) or ("community", id)
Target = tuple[str, int]


def _column(target: Target) -> str:
    return "person_id" if target[0] == "person" else "community_id"


def snooze(conn: sqlite3.Connection, target: Target, until: dt.date, today: dt.date) -> None:
    """Leave ``target`` out of the nudge until ``until`` (replaces an earlier snooze)."""
    column = _column(target)
    conn.execute(f"DELETE FROM nudge_snooze WHERE {column} = ?", (target[1],))
    conn.execute(
        f"INSERT INTO nudge_snooze ({column}, until_on, snoozed_on) VALUES (?, ?, ?)",
        (target[1], until.isoformat(), today.isoformat()),
    )


def current_marks(conn: sqlite3.Connection) -> Marks:
    """The newest get-together, favor and life-event ids in the whole database."""
    row = conn.execute(
        "SELECT (SELECT max(id) FROM gettogether), (SELECT max(id) FROM favor),"
        " (SELECT max(id) FROM life_event)"
    ).fetchone()
    return (row[0] or 0, row[1] or 0, row[2] or 0)


def dismiss(
    conn: sqlite3.Connection, target: Target, kind: str, subject: str, today: dt.date
) -> None:
    """Leave ``kind`` (about ``subject``, or any when '') out until something new."""
    column = _column(target)
    g, f, e = current_marks(conn)
    conn.execute(
        f"DELETE FROM nudge_dismissal WHERE {column} = ? AND kind = ? AND subject = ?",
        (target[1], kind, subject),
    )
    conn.execute(
        f"INSERT INTO nudge_dismissal ({column}, kind, subject, dismissed_on,"
        " gettogether_mark, favor_mark, event_mark) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (target[1], kind, subject, today.isoformat(), g, f, e),
    )


def clear(conn: sqlite3.Connection, target: Target) -> tuple[int, int]:
    """End the snooze and every dismissal of ``target``: (snoozes, dismissals) removed."""
    column = _column(target)
    snoozes = conn.execute(f"DELETE FROM nudge_snooze WHERE {column} = ?", (target[1],)).rowcount
    dismissals = conn.execute(
        f"DELETE FROM nudge_dismissal WHERE {column} = ?", (target[1],)
    ).rowcount
    return snoozes, dismissals


@dataclass(frozen=True)
class State:
    """Snoozes in force and every recorded dismissal, by person and by community."""

    person_snoozes: dict[int, dt.date]
    community_snoozes: dict[int, dt.date]
    person_dismissals: dict[int, tuple[Dismissal, ...]]
    community_dismissals: dict[int, tuple[Dismissal, ...]]


def load(conn: sqlite3.Connection, today: dt.date) -> State:
    """Snoozes that still hold on ``today``, and all dismissals (the nudge decides
    which still hold)."""
    person_snoozes, community_snoozes = {}, {}
    for pid, cid, until in conn.execute(
        "SELECT person_id, community_id, until_on FROM nudge_snooze WHERE until_on > ?",
        (today.isoformat(),),
    ):
        if pid is not None:
            person_snoozes[pid] = dt.date.fromisoformat(until)
        else:
            community_snoozes[cid] = dt.date.fromisoformat(until)
    people: dict[int, list[Dismissal]] = {}
    communities: dict[int, list[Dismissal]] = {}
    for pid, cid, kind, subject, g, f, e in conn.execute(
        "SELECT person_id, community_id, kind, subject, gettogether_mark, favor_mark,"
        " event_mark FROM nudge_dismissal ORDER BY id"
    ):
        dismissal = Dismissal(kind, (g, f, e), subject)
        if pid is not None:
            people.setdefault(pid, []).append(dismissal)
        else:
            communities.setdefault(cid, []).append(dismissal)
    return State(
        person_snoozes,
        community_snoozes,
        {k: tuple(v) for k, v in people.items()},
        {k: tuple(v) for k, v in communities.items()},
    )


def person_newest(conn: sqlite3.Connection, person_id: int) -> Marks:
    """The newest get-together, favor and life-event ids about one person."""
    row = conn.execute(
        "SELECT (SELECT max(gettogether_id) FROM attendance WHERE person_id = ?),"
        " (SELECT max(favor_id) FROM favor_person WHERE person_id = ?),"
        " (SELECT max(id) FROM life_event WHERE person_id = ?)",
        (person_id, person_id, person_id),
    ).fetchone()
    return (row[0] or 0, row[1] or 0, row[2] or 0)


def community_newest(conn: sqlite3.Connection, community_id: int) -> Marks:
    row = conn.execute(
        "SELECT max(id) FROM gettogether WHERE community_id = ?", (community_id,)
    ).fetchone()
    return (row[0] or 0, 0, 0)


@dataclass(frozen=True)
class HeldBack:
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


def held_back(conn: sqlite3.Connection, today: dt.date) -> list[HeldBack]:
    """Every snooze and dismissal, with whether it still holds, in a stable order."""
    rows = []
    for pid, cid, until, since, name in conn.execute(
        "SELECT s.person_id, s.community_id, s.until_on, s.snoozed_on,"
        " coalesce(p.name, c.name) FROM nudge_snooze s"
        " LEFT JOIN person p ON p.id = s.person_id"
        " LEFT JOIN community c ON c.id = s.community_id"
    ):
        until_on = dt.date.fromisoformat(until)
        target = ("person", pid) if pid is not None else ("community", cid)
        rows.append(HeldBack("snooze", target[0], target[1], name, until_on, None, "",
                             dt.date.fromisoformat(since), until_on > today))  # fmt: skip
    for pid, cid, kind, subject, since, g, f, e, name in conn.execute(
        "SELECT d.person_id, d.community_id, d.kind, d.subject, d.dismissed_on,"
        " d.gettogether_mark, d.favor_mark, d.event_mark, coalesce(p.name, c.name)"
        " FROM nudge_dismissal d LEFT JOIN person p ON p.id = d.person_id"
        " LEFT JOIN community c ON c.id = d.community_id"
    ):
        if pid is not None:
            target, newest = ("person", pid), person_newest(conn, pid)
        else:
            target, newest = ("community", cid), community_newest(conn, cid)
        in_force = all(now <= then for now, then in zip(newest, (g, f, e)))
        rows.append(HeldBack("dismissal", target[0], target[1], name, None, kind, subject,
                             dt.date.fromisoformat(since), in_force))  # fmt: skip
    rows.sort(key=lambda r: (r.name.casefold(), r.id, r.what, r.kind or "", r.subject))
    return rows
