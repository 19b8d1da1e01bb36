"""Communities: groups you belong to, their meetings, members and your attendance
(reads; changes are in ``writes.groups``)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from supportnet import recurrence
from supportnet.errors import Ambiguous, InvalidInput, NotFound
from supportnet.store.owners import people_by_owner, people_json
from supportnet.store.records import Day, fetch
from supportnet.text import first_match, fold, id_key, join_words, parse_id, similar, some_of

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


class Group(NamedTuple):
    """One group (a read record of ``models.Group``, with its members)."""

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
    matters: int | None = None  # 1-5: how much it matters to you (`group edit --matters`)
    #: People you know there, as (id, name), by name.
    members: Sequence[tuple[int, str]] = ()

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


_GROUP_SELECT = (
    "SELECT c.id, c.name, c.kind, c.rrule AS rule, c.starts_on, c.at_time, c.place, c.note,"
    " c.i_am_member, c.added_on, c.archived_on, c.matters FROM community c "
)


def _groups(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Group]:
    groups = fetch(conn, Group, _GROUP_SELECT + where + " ORDER BY c.id", params)
    if groups:
        members = people_by_owner(
            conn,
            "SELECT m.community_id AS owner_id, m.person_id AS id, p.name"
            " FROM community_member m JOIN person p ON p.id = m.person_id"
            f" WHERE m.community_id IN (SELECT c.id FROM community c {where})",
            params,
        )
        groups = [g._replace(members=members.get(g.id, [])) for g in groups]
    return groups


def get_group(conn: sqlite3.Connection, group_id: int) -> Group:
    found = _groups(conn, "WHERE c.id = ?", (id_key(group_id),))
    if not found:
        raise NotFound(f"No group has the id #{group_id}. `supportnet groups` lists them.")
    return found[0]


def resolve_group(conn: sqlite3.Connection, ref: str, *, archived_first: bool = False) -> int:
    """The id of the one group ``ref`` names: ``#2``, its name, or a beginning of
    the name or of one of its words (case and accents do not matter).  Current
    groups are looked among first (archived ones with ``archived_first``: `group
    restore`), but a whole name in the other pool is named beside a beginning."""
    text = ref.strip()
    number = parse_id(text, hash_required=True)
    if number is not None:
        return get_group(conn, number).id
    key = fold(text)
    if not key:
        raise InvalidInput("Which group? Give its name or #id (`supportnet groups`).")
    everyone = _groups(conn)
    preferred = [g for g in everyone if (g.archived_on is not None) == archived_first]
    found = first_match(
        (preferred, everyone),
        [
            lambda g: fold(g.name) == key,
            lambda g: fold(g.name).startswith(key),
            lambda g: any(w.startswith(key) for w in fold(g.name).split()[1:]),
        ],
        loose_from=1,
    )
    if len(found) == 1:
        return found[0].id
    if found:
        shown = some_of([g.label[:-1] + ", archived)" if g.archived_on else g.label
                         for g in found])  # fmt: skip
        raise Ambiguous(f"{text!r} could be {shown}; use more of the name or the #id.")
    near = similar(text, [(g.name, [g.name]) for g in everyone])
    hint = f" Did you mean {join_words(near, 'or')}?" if near else ""
    raise NotFound(f"No group called {text!r}.{hint} `supportnet groups` lists them.")


def same_name(conn: sqlite3.Connection, name: str) -> Group | None:
    """The group whose name is ``name`` once case, accents and spacing are ignored."""
    key = fold(name)
    return next((g for g in _groups(conn) if fold(g.name) == key), None)


class GroupRow(NamedTuple):
    """A group as `groups` lists it."""

    group: Group
    next_meeting: dt.date | None
    last_attended: dt.date | None
    recent_meetings: int | None  # how many of the latest meetings are counted (<= 8)
    recent_attended: int | None  # on how many of those days you went

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form of a group (docs/gettogethers.md)."""
        g = self.group
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
            "matters": g.matters,
            "members": people_json(g.members),
            "next_meeting": self.next_meeting.isoformat() if self.next_meeting else None,
            "last_attended": self.last_attended.isoformat() if self.last_attended else None,
            "recent_meetings": self.recent_meetings,
            "recent_attended": self.recent_attended,
            "archived_on": g.archived_on.isoformat() if g.archived_on else None,
        }


class _Attended(NamedTuple):
    community_id: int
    last_attended: dt.date


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


def meetings_went(meetings: list[dt.date], days: list[dt.date]) -> int:
    """At how many of ``meetings`` (sorted) you went, going by ``days`` you logged
    going: each day counts for the meeting nearest it (the earlier of two as near),
    and a meeting once however many days do (a meeting moved by a day still counts;
    the day after one you went to does not make another)."""
    import bisect

    went = set()
    for day in days:
        at = bisect.bisect_left(meetings, day)
        if at == len(meetings) or (at and day - meetings[at - 1] <= meetings[at] - day):
            at -= 1
        if at >= 0:
            went.add(at)
    return len(went)


def recent_attendance(meetings: int, went: int, went_before: int) -> tuple[int, int]:
    """How many of the latest meetings count, and on how many of them you went.

    ``meetings`` is how many meetings the schedule has had (the latest, up to 8),
    ``went`` at how many of them you went (``meetings_went``), and
    ``went_before`` on how many days you logged going before it.  While the
    schedule has had fewer than 8 meetings, the days you went before it started
    (a start given late, a schedule changed) are meetings too, so `groups` never
    says "no meetings yet" beside a day you went.
    """
    extra = min(went_before, RECENT_MEETINGS - meetings) if meetings < RECENT_MEETINGS else 0
    return meetings + extra, min(went, meetings) + extra


def list_groups(
    conn: sqlite3.Connection, today: dt.date, *, archived: bool = False
) -> list[GroupRow]:
    """Groups by name, with the next meeting, last attended and recent attendance
    (``recent_attendance``: of the latest eight meetings, those gone to by the days a
    get-together was logged for the group, ``meetings_went``)."""
    where = "WHERE c.archived_on IS NOT NULL" if archived else "WHERE c.archived_on IS NULL"
    groups = sorted(_groups(conn, where), key=lambda g: (fold(g.name), g.id))
    last = {
        a.community_id: a.last_attended
        for a in fetch(
            conn,
            _Attended,
            "SELECT community_id, max(on_date) AS last_attended FROM gettogether"
            " WHERE community_id IS NOT NULL GROUP BY community_id",
        )
    }
    rows = []
    for group in groups:
        attendance: tuple[int | None, int | None] = (None, None)
        if group.rule and group.starts_on:
            meetings = recent_meeting_dates(group, today)
            went = (
                meetings_went(meetings, _days(conn, group.id, meetings[0], today))
                if meetings
                else 0
            )
            before = 0
            if last.get(group.id) is not None and len(meetings) < RECENT_MEETINGS:
                end = meetings[0] - dt.timedelta(days=1) if meetings else today
                before = len(_days(conn, group.id, dt.date.min, end))
            attendance = recent_attendance(len(meetings), went, before)
        upcoming = None
        if group.rule and group.starts_on:
            upcoming = recurrence.next_occurrence(group.rule, group.starts_on, today)
        rows.append(
            GroupRow(
                group=group,
                next_meeting=upcoming,
                last_attended=last.get(group.id),
                recent_meetings=attendance[0],
                recent_attended=attendance[1],
            )
        )
    return rows


def _days(conn: sqlite3.Connection, group_id: int, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days from ``start`` to ``end`` you logged going, in order."""
    found = fetch(
        conn,
        Day,
        "SELECT DISTINCT on_date AS day FROM gettogether"
        " WHERE community_id = ? AND on_date BETWEEN ? AND ? ORDER BY on_date",
        (group_id, start.isoformat(), end.isoformat()),
    )
    return [d.day for d in found]


# --- for the agenda ---------------------------------------------------------------


def calendar_groups(conn: sqlite3.Connection) -> list[Group]:
    """Groups you belong to, not archived, with a meeting schedule."""
    return _groups(
        conn, "WHERE c.archived_on IS NULL AND c.i_am_member = 1 AND c.rrule IS NOT NULL"
    )


def current_groups(conn: sqlite3.Connection) -> list[Group]:
    """Every group not archived, by id, with its members (a vdir's group cards)."""
    return _groups(conn, "WHERE c.archived_on IS NULL")


def scheduled_groups(conn: sqlite3.Connection) -> list[Group]:
    """Every group with a meeting schedule, by id, archived and left ones too (the
    calendar export writes those as cancelled)."""
    return _groups(conn, "WHERE c.rrule IS NOT NULL AND c.starts_on IS NOT NULL")


def group_items_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list:
    """Meetings of the groups you belong to between ``start`` and ``end``."""
    from supportnet.agenda import AgendaItem
    from supportnet.series import dates_between

    items = []
    memo: dict = {}  # groups of one rule share their dates in the window
    for group in calendar_groups(conn):
        if not group.rule or group.starts_on is None:
            continue
        for day in dates_between(group.rule, group.starts_on, start, end, None, memo):
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
