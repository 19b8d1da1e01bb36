"""Communities: groups you belong to, their meetings, members and your attendance."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from supportnet import recurrence
from supportnet.errors import Ambiguous, Conflict, InvalidInput, NotFound
from supportnet.recurrence import Recurrence
from supportnet.text import choose_kind, closest, first_match, fold, id_key, join_words, parse_id

KINDS = (
    "political",
    "volunteering",
    "faith",
    "sports",
    "chorus",
    "support group",
    "meetup",
    "class",
    "other",
)
#: `groups` shows attendance over this many of the latest meetings.
RECENT_MEETINGS = 8


@dataclass
class Group:
    id: int
    name: str
    kind: str
    rule: str | None
    starts_on: dt.date | None
    at_time: str | None
    place: str | None
    note: str | None
    i_am_member: bool
    added_on: dt.date
    archived_on: dt.date | None
    members: list[tuple[int, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} (#{self.id})"

    @property
    def schedule(self) -> str | None:
        return recurrence.describe(self.rule, self.at_time) if self.rule else None

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        if not self.rule or self.starts_on is None:
            return []
        return recurrence.occurrences(self.rule, self.starts_on, start, end)


def check_kind(value: str) -> str:
    return choose_kind(value, list(KINDS), "kind of group")


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("A group needs a name.")
    return cleaned


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def add_group(
    conn: sqlite3.Connection,
    name: str,
    kind: str,
    meets: Recurrence | None,
    today: dt.date,
    *,
    place: str | None = None,
    note: str | None = None,
) -> int:
    """Insert a group you belong to (inside the caller's transaction); return its id."""
    name = clean_name(name)
    kind = check_kind(kind)
    for gid, other in conn.execute("SELECT id, name FROM community"):
        if fold(other) == fold(name):
            raise Conflict(f"{other} (#{gid}) is already here.")
    rule = starts = None
    if meets is not None:
        if meets.until is not None:
            raise InvalidInput("A group's meetings have no end date; leave UNTIL out.")
        rule = meets.rule
        starts = recurrence.first_occurrence(rule, today).isoformat()
    cur = conn.execute(
        "INSERT INTO community (name, kind, rrule, starts_on, at_time, place, note, added_on)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (name, kind, rule, starts, meets.time if meets else None, _clean(place), _clean(note),
         today.isoformat()),
    )  # fmt: skip
    gid = cur.lastrowid
    assert gid is not None
    return gid


def change_schedule(
    conn: sqlite3.Connection, group_id: int, meets: Recurrence | None, start: dt.date
) -> None:
    """Give a group a new meeting schedule from ``start`` (None: no schedule)."""
    if meets is None:
        conn.execute(
            "UPDATE community SET rrule = NULL, starts_on = NULL, at_time = NULL WHERE id = ?",
            (group_id,),
        )
        return
    if meets.until is not None:
        raise InvalidInput("A group's meetings have no end date; leave UNTIL out.")
    first = recurrence.first_occurrence(meets.rule, start)
    conn.execute(
        "UPDATE community SET rrule = ?, starts_on = ?, at_time = ? WHERE id = ?",
        (meets.rule, first.isoformat(), meets.time, group_id),
    )


def edit_group(
    conn: sqlite3.Connection,
    group_id: int,
    *,
    kind: str | None = None,
    place: str | None = None,
    note: str | None = None,
) -> None:
    if kind is not None:
        conn.execute("UPDATE community SET kind = ? WHERE id = ?", (check_kind(kind), group_id))
    if place is not None:
        conn.execute("UPDATE community SET place = ? WHERE id = ?", (_clean(place), group_id))
    if note is not None:
        conn.execute("UPDATE community SET note = ? WHERE id = ?", (_clean(note), group_id))


_GROUP_SELECT = (
    "SELECT c.id, c.name, c.kind, c.rrule, c.starts_on, c.at_time, c.place, c.note,"
    " c.i_am_member, c.added_on, c.archived_on,"
    " (SELECT group_concat(m.person_id || char(30) || p.name, char(31))"
    "  FROM community_member m JOIN person p ON p.id = m.person_id"
    "  WHERE m.community_id = c.id) FROM community c "
)


def _groups(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Group]:
    result = []
    for row in conn.execute(_GROUP_SELECT + where + " ORDER BY c.id", params):
        (gid, name, kind, rule, starts, at, place, note, member, added, archived, people) = row
        pairs = []
        if people:
            for item in people.split("\x1f"):
                pid, pname = item.split("\x1e", 1)
                pairs.append((int(pid), pname))
        pairs.sort(key=lambda p: (fold(p[1]), p[0]))
        result.append(
            Group(
                id=gid,
                name=name,
                kind=kind,
                rule=rule,
                starts_on=dt.date.fromisoformat(starts) if starts else None,
                at_time=at,
                place=place,
                note=note,
                i_am_member=bool(member),
                added_on=dt.date.fromisoformat(added),
                archived_on=dt.date.fromisoformat(archived) if archived else None,
                members=pairs,
            )
        )
    return result


def get_group(conn: sqlite3.Connection, group_id: int) -> Group:
    found = _groups(conn, "WHERE c.id = ?", (id_key(group_id),))
    if not found:
        raise NotFound(f"No group has the id #{group_id}. `supportnet groups` lists them.")
    return found[0]


def resolve_group(conn: sqlite3.Connection, ref: str) -> int:
    """The id of the one group ``ref`` names: ``#2``, its name, or a beginning of
    the name or of one of its words (case and accents do not matter)."""
    text = ref.strip()
    number = parse_id(text, hash_required=True)
    if number is not None:
        return get_group(conn, number).id
    key = fold(text)
    if not key:
        raise InvalidInput("Which group? Give its name or #id (`supportnet groups`).")
    everyone = _groups(conn)
    current = [g for g in everyone if g.archived_on is None]
    found = first_match(
        (current, everyone),
        [
            lambda g: fold(g.name) == key,
            lambda g: fold(g.name).startswith(key),
            lambda g: any(w.startswith(key) for w in fold(g.name).split()[1:]),
        ],
    )
    if len(found) == 1:
        return found[0].id
    if found:
        shown = [g.label for g in found[:8]]
        raise Ambiguous(
            f"{text!r} could be {join_words(shown, 'or')}; use more of the name or the #id."
        )
    near = closest(text, [g.name for g in everyone])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No group called {text!r}.{hint} `supportnet groups` lists them.")


def join(conn: sqlite3.Connection, group_id: int, people: list[int], me: bool) -> int:
    """Add members (and you, with ``me``); return how many were new."""
    added = 0
    if me:
        added += conn.execute(
            "UPDATE community SET i_am_member = 1 WHERE id = ? AND i_am_member = 0", (group_id,)
        ).rowcount
    for pid in people:
        added += conn.execute(
            "INSERT OR IGNORE INTO community_member (community_id, person_id) VALUES (?, ?)",
            (group_id, pid),
        ).rowcount
    return added


def leave(conn: sqlite3.Connection, group_id: int, people: list[int], me: bool) -> int:
    """Remove members (and you, with ``me``); return how many left."""
    removed = 0
    if me:
        removed += conn.execute(
            "UPDATE community SET i_am_member = 0 WHERE id = ? AND i_am_member = 1", (group_id,)
        ).rowcount
    for pid in people:
        removed += conn.execute(
            "DELETE FROM community_member WHERE community_id = ? AND person_id = ?",
            (group_id, pid),
        ).rowcount
    return removed


def set_archived(conn: sqlite3.Connection, group_id: int, on: dt.date | None) -> None:
    conn.execute(
        "UPDATE community SET archived_on = ? WHERE id = ?",
        (on.isoformat() if on else None, group_id),
    )


@dataclass
class GroupRow:
    group: Group
    next_meeting: dt.date | None
    last_attended: dt.date | None
    recent_meetings: int | None  # how many of the latest meetings are counted (<= 8)
    recent_attended: int | None  # on how many of those days you went


def recent_meeting_dates(group: Group, today: dt.date) -> list[dt.date]:
    """The latest (up to 8) meeting dates on or before ``today``."""
    if not group.rule or group.starts_on is None:
        return []
    found: list[dt.date] = []
    span = 62
    while True:
        start = max(group.starts_on, today - dt.timedelta(days=span))
        found = group.dates(start, today)
        if len(found) >= RECENT_MEETINGS or start == group.starts_on or span > 3000:
            return found[-RECENT_MEETINGS:]
        span *= 4


def list_groups(
    conn: sqlite3.Connection, today: dt.date, *, archived: bool = False
) -> list[GroupRow]:
    """Groups by name, with the next meeting, last attended and recent attendance.

    Attendance counts the days with a get-together logged for the group between
    the eighth-latest meeting and today, at most one per meeting, so a meeting
    moved by a day still counts.
    """
    where = "WHERE c.archived_on IS NOT NULL" if archived else "WHERE c.archived_on IS NULL"
    groups = sorted(_groups(conn, where), key=lambda g: (fold(g.name), g.id))
    last = dict(
        conn.execute(
            "SELECT community_id, max(on_date) FROM gettogether"
            " WHERE community_id IS NOT NULL GROUP BY community_id"
        ).fetchall()
    )
    rows = []
    for group in groups:
        meetings = recent_meeting_dates(group, today)
        attended = None
        if meetings:
            days = conn.execute(
                "SELECT count(DISTINCT on_date) FROM gettogether"
                " WHERE community_id = ? AND on_date BETWEEN ? AND ?",
                (group.id, meetings[0].isoformat(), today.isoformat()),
            ).fetchone()[0]
            attended = min(days, len(meetings))
        upcoming = None
        if group.rule and group.starts_on:
            upcoming = recurrence.next_occurrence(group.rule, group.starts_on, today)
        rows.append(
            GroupRow(
                group=group,
                next_meeting=upcoming,
                last_attended=dt.date.fromisoformat(last[group.id]) if group.id in last else None,
                recent_meetings=len(meetings) if group.rule else None,
                recent_attended=attended if group.rule else None,
            )
        )
    return rows


def group_json(row: GroupRow) -> dict[str, Any]:
    """The stable JSON form of a group (see docs/gettogethers.md)."""
    g = row.group
    return {
        "id": g.id,
        "name": g.name,
        "kind": g.kind,
        "schedule": g.schedule,
        "rrule": g.rule,
        "time": g.at_time,
        "starts_on": g.starts_on.isoformat() if g.starts_on else None,
        "place": g.place,
        "note": g.note,
        "i_am_member": g.i_am_member,
        "members": [{"id": pid, "name": name} for pid, name in g.members],
        "next_meeting": row.next_meeting.isoformat() if row.next_meeting else None,
        "last_attended": row.last_attended.isoformat() if row.last_attended else None,
        "recent_meetings": row.recent_meetings,
        "recent_attended": row.recent_attended,
        "archived_on": g.archived_on.isoformat() if g.archived_on else None,
    }


# --- for the agenda ---------------------------------------------------------------


def calendar_groups(conn: sqlite3.Connection) -> list[Group]:
    """Groups you belong to, not archived, with a meeting schedule."""
    return _groups(
        conn, "WHERE c.archived_on IS NULL AND c.i_am_member = 1 AND c.rrule IS NOT NULL"
    )


def group_items_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list:
    """Meetings of the groups you belong to between ``start`` and ``end``."""
    from supportnet.agenda import AgendaItem

    items = []
    for group in calendar_groups(conn):
        for day in group.dates(start, end):
            items.append(
                AgendaItem(
                    date=day,
                    kind="community",
                    title=group.name,
                    time=group.at_time,
                    detail=group.place or group.schedule,
                    source_id=group.id,
                )
            )
    return items
