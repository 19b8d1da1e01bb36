"""Get-togethers: logging, editing and undoing them, history, and who knows whom."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from supportnet.errors import Conflict, InvalidInput, NotFound
from supportnet.text import SQLITE_MAX_INT, choose_kind, fold, id_key, join_words, parse_id

#: The kinds of get-together, each with whether it is usually in person.
KINDS: dict[str, bool] = {
    "coffee": True,
    "meal": True,
    "call": False,
    "video": False,
    "text": False,
    "walk": True,
    "visit": True,
    "group meeting": True,
    "other": True,
}

#: Words in a free-text description that tell the kind ("dinner at Sam's" -> meal).
KIND_WORDS: dict[str, str] = {
    "coffee": "coffee", "tea": "coffee", "cafe": "coffee",
    "meal": "meal", "lunch": "meal", "dinner": "meal", "breakfast": "meal", "brunch": "meal",
    "supper": "meal", "picnic": "meal",
    "call": "call", "phone": "call", "rang": "call",
    "video": "video", "zoom": "video", "facetime": "video", "videocall": "video",
    "text": "text", "texts": "text", "texted": "text", "message": "text", "messages": "text",
    "chat": "text", "dm": "text",
    "walk": "walk", "hike": "walk", "stroll": "walk",
    "visit": "visit", "visited": "visit",
    "meeting": "group meeting", "rehearsal": "group meeting", "practice": "group meeting",
}  # fmt: skip

MAX_MINUTES = 24 * 60


@dataclass
class NewGettogether:
    people: list[int]
    on_date: dt.date
    kind: str
    in_person: bool
    what: str | None = None
    at_time: str | None = None
    place: str | None = None
    note: str | None = None
    duration_minutes: int | None = None
    community_id: int | None = None
    plan_id: int | None = None


@dataclass
class Entry:
    """One get-together as history shows it."""

    id: int
    what: str | None
    kind: str
    on_date: dt.date
    at_time: str | None
    in_person: bool
    place: str | None
    note: str | None
    duration_minutes: int | None
    group: tuple[int, str] | None
    plan: tuple[int, str] | None
    logged_at: str
    people: list[tuple[int, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.what:
            return self.what
        if self.group:
            return self.group[1]
        return self.kind if self.kind != "other" else "get-together"

    def describe(self) -> str:
        """'coffee with Maya and Sam on 2026-06-09' (no id)."""
        names = [name for _, name in self.people]
        with_ = f" with {join_words(names)}" if names else ""
        at = f" at {self.group[1]}" if self.group and self.what else ""
        return f"{self.title}{at}{with_} on {self.on_date.isoformat()}"


# --- kinds ------------------------------------------------------------------------


def known_kinds(conn: sqlite3.Connection) -> list[str]:
    """The built-in kinds, then any kind added with --new-kind (already in use)."""
    used = [
        row[0]
        for row in conn.execute(
            "SELECT kind FROM gettogether UNION SELECT kind FROM plan ORDER BY 1"
        )
    ]
    return list(KINDS) + [k for k in used if k not in KINDS]


def check_kind(conn: sqlite3.Connection, value: str, *, new: bool = False) -> str:
    """A known kind (typos get "Did you mean"), or a new one when ``new`` is set."""
    kinds = known_kinds(conn)
    try:
        return choose_kind(value, kinds, "kind")
    except InvalidInput as error:
        cleaned = " ".join(value.split()).lower()
        if new and cleaned:
            if len(cleaned) > 40:
                raise InvalidInput("A kind is a word or two (at most 40 characters).") from None
            return cleaned
        raise InvalidInput(
            error.message + " To add a new kind, repeat the command with --new-kind."
        ) from None


def guess_kind(what: str | None) -> str | None:
    """The kind a description names: 'coffee' -> coffee, 'dinner at Sam's' -> meal."""
    if not what:
        return None
    key = fold(what)
    if key in KINDS:
        return key
    for word in re.findall(r"[a-z]+", key):
        if word in KIND_WORDS:
            return KIND_WORDS[word]
    return None


def default_in_person(kind: str) -> bool:
    return KINDS.get(kind, True)


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    return value or None


def check_minutes(minutes: int | None) -> int | None:
    if minutes is None:
        return None
    if not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"--minutes must be between 1 and {MAX_MINUTES}, not {minutes}.")
    return minutes


# --- logging ----------------------------------------------------------------------


def future_message(day: dt.date, what: str | None) -> str:
    title = what or "coffee"
    return (
        f"{day.isoformat()} is still to come: that is a plan, not a log. "
        f'Try: supportnet plan "{title}" --with NAME --on {day.isoformat()}'
    )


def log_gettogether(
    conn: sqlite3.Connection,
    new: NewGettogether,
    today: dt.date,
    logged_at: dt.datetime,
    *,
    again: bool = False,
) -> int:
    """Record a get-together (inside the caller's transaction); return its id.

    Refuses a date after ``today`` (that is a plan), a get-together with nobody
    and no group, and the same people, date and kind logged again within a
    minute (unless ``again``).
    """
    if new.on_date > today:
        raise Conflict(future_message(new.on_date, new.what))
    if not new.people and new.community_id is None:
        raise InvalidInput("Say who was there with --with NAME (or the group with --group).")
    check_minutes(new.duration_minutes)
    if not again:
        duplicate = find_duplicate(conn, new, logged_at)
        if duplicate is not None:
            raise Conflict(
                f"That get-together was just logged (#{duplicate}). To log a second one, "
                "add --again; to change it, use `supportnet log edit "
                f"{duplicate}`."
            )
    cur = conn.execute(
        "INSERT INTO gettogether (what, kind, on_date, at_time, in_person, place, note,"
        " duration_minutes, community_id, plan_id, logged_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _clean_text(new.what),
            new.kind,
            new.on_date.isoformat(),
            new.at_time,
            int(new.in_person),
            _clean_text(new.place),
            _clean_text(new.note),
            new.duration_minutes,
            new.community_id,
            new.plan_id,
            logged_at.isoformat(timespec="seconds"),
        ),
    )
    gid = cur.lastrowid
    assert gid is not None
    _add_attendance(conn, gid, new.people, new.on_date, new.in_person)
    return gid


def _add_attendance(
    conn: sqlite3.Connection, gid: int, people: list[int], on: dt.date, in_person: bool
) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO attendance (gettogether_id, person_id, on_date, in_person)"
        " VALUES (?, ?, ?, ?)",
        [(gid, pid, on.isoformat(), int(in_person)) for pid in people],
    )


def find_duplicate(
    conn: sqlite3.Connection, new: NewGettogether, logged_at: dt.datetime
) -> int | None:
    """A get-together with the same people, date, kind and group logged in the last minute."""
    since = (logged_at - dt.timedelta(seconds=60)).isoformat(timespec="seconds")
    rows = conn.execute(
        "SELECT id FROM gettogether WHERE on_date = ? AND kind = ? AND community_id IS ?"
        " AND logged_at >= ?",
        (new.on_date.isoformat(), new.kind, new.community_id, since),
    ).fetchall()
    wanted = sorted(set(new.people))
    for (gid,) in rows:
        people = [
            row[0]
            for row in conn.execute(
                "SELECT person_id FROM attendance WHERE gettogether_id = ? ORDER BY 1", (gid,)
            )
        ]
        if people == wanted:
            return gid
    return None


# --- finding, editing, undoing ----------------------------------------------------


def parse_entry_id(ref: str) -> int:
    number = parse_id(ref)
    if number is None:
        raise InvalidInput(
            f"{ref.strip()!r} is not a get-together id; `supportnet history` shows them (#12)."
        )
    return number


def get_entry(conn: sqlite3.Connection, gid: int) -> Entry:
    found = _entries(conn, "WHERE g.id = ?", [id_key(gid)], None)
    if not found:
        raise NotFound(
            f"No get-together has the id #{gid}. `supportnet history` lists them with their ids."
        )
    return found[0]


def last_entry_id(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(id) FROM gettogether").fetchone()
    if row[0] is None:
        raise NotFound("Nothing has been logged yet, so there is nothing to undo.")
    return row[0]


@dataclass
class EntryChanges:
    """Fields to change on a get-together; ``None`` leaves a field as it is."""

    what: str | None = None  # "" clears
    on_date: dt.date | None = None
    kind: str | None = None
    in_person: bool | None = None
    place: str | None = None  # "" clears
    note: str | None = None  # "" clears
    duration_minutes: int | None = None  # 0 clears
    people: list[int] | None = None  # replaces everyone
    add_people: list[int] = field(default_factory=list)
    remove_people: list[int] = field(default_factory=list)


def edit_entry(conn: sqlite3.Connection, gid: int, changes: EntryChanges, today: dt.date) -> None:
    """Apply ``changes`` to a get-together (inside the caller's transaction)."""
    entry = get_entry(conn, gid)
    sets: dict[str, Any] = {}
    if changes.on_date is not None:
        if changes.on_date > today:
            raise Conflict(future_message(changes.on_date, entry.what))
        sets["on_date"] = changes.on_date.isoformat()
    if changes.what is not None:
        sets["what"] = _clean_text(changes.what)
    if changes.kind is not None:
        sets["kind"] = changes.kind
    if changes.in_person is not None:
        sets["in_person"] = int(changes.in_person)
    if changes.place is not None:
        sets["place"] = _clean_text(changes.place)
    if changes.note is not None:
        sets["note"] = _clean_text(changes.note)
    if changes.duration_minutes is not None:
        sets["duration_minutes"] = check_minutes(changes.duration_minutes or None)
    if sets:
        assignments = ", ".join(f"{name} = ?" for name in sets)
        conn.execute(f"UPDATE gettogether SET {assignments} WHERE id = ?", [*sets.values(), gid])
    people = [pid for pid, _ in entry.people]
    if changes.people is not None:
        people = list(changes.people)
    people = [p for p in people if p not in changes.remove_people]
    people += [p for p in changes.add_people if p not in people]
    if not people and entry.group is None:
        raise InvalidInput("A get-together needs someone: keep at least one person (or a group).")
    if sorted(people) != sorted(pid for pid, _ in entry.people):
        conn.execute("DELETE FROM attendance WHERE gettogether_id = ?", (gid,))
        on, in_person = conn.execute(
            "SELECT on_date, in_person FROM gettogether WHERE id = ?", (gid,)
        ).fetchone()
        _add_attendance(conn, gid, people, dt.date.fromisoformat(on), bool(in_person))


def delete_entry(conn: sqlite3.Connection, gid: int) -> None:
    """Remove a get-together; a plan occurrence it marked done is unmarked."""
    conn.execute("DELETE FROM plan_occurrence WHERE gettogether_id = ? AND status = 'done'", (gid,))
    conn.execute("DELETE FROM gettogether WHERE id = ?", (gid,))


# --- history ----------------------------------------------------------------------

_ENTRY_SELECT = (
    "SELECT g.id, g.what, g.kind, g.on_date, g.at_time, g.in_person, g.place, g.note,"
    " g.duration_minutes, g.community_id, c.name, g.plan_id, pl.title, g.logged_at,"
    " (SELECT group_concat(a.person_id || char(30) || p.name, char(31))"
    "  FROM attendance a JOIN person p ON p.id = a.person_id WHERE a.gettogether_id = g.id)"
    " FROM gettogether g LEFT JOIN community c ON c.id = g.community_id"
    " LEFT JOIN plan pl ON pl.id = g.plan_id "
)


def _entries(
    conn: sqlite3.Connection, where: str, params: list[Any], limit: int | None
) -> list[Entry]:
    sql = _ENTRY_SELECT + where + " ORDER BY g.on_date DESC, g.id DESC"
    if limit:
        # A limit beyond what SQLite can read means no limit at all.
        sql += f" LIMIT {min(int(limit), SQLITE_MAX_INT)}"
    result = []
    for row in conn.execute(sql, params):
        (gid, what, kind, on, at, in_person, place, note, minutes, cid, cname, plid, ptitle,
         logged, people) = row  # fmt: skip
        pairs = []
        if people:
            for item in people.split("\x1f"):
                pid, name = item.split("\x1e", 1)
                pairs.append((int(pid), name))
        pairs.sort(key=lambda p: (fold(p[1]), p[0]))
        result.append(
            Entry(
                id=gid,
                what=what,
                kind=kind,
                on_date=dt.date.fromisoformat(on),
                at_time=at,
                in_person=bool(in_person),
                place=place,
                note=note,
                duration_minutes=minutes,
                group=(cid, cname) if cid is not None else None,
                plan=(plid, ptitle) if plid is not None else None,
                logged_at=logged,
                people=pairs,
            )
        )
    return result


def history(
    conn: sqlite3.Connection,
    *,
    person_id: int | None = None,
    community_id: int | None = None,
    since: dt.date | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """Get-togethers, newest first (then by id, newest first)."""
    where, params = [], []
    if person_id is not None:
        where.append("g.id IN (SELECT gettogether_id FROM attendance WHERE person_id = ?)")
        params.append(person_id)
    if community_id is not None:
        where.append("g.community_id = ?")
        params.append(community_id)
    if since is not None:
        where.append("g.on_date >= ?")
        params.append(since.isoformat())
    clause = "WHERE " + " AND ".join(where) if where else ""
    return _entries(conn, clause, params, limit)


def entry_json(entry: Entry) -> dict[str, Any]:
    """The stable JSON form of a get-together (see docs/gettogethers.md)."""
    return {
        "id": entry.id,
        "date": entry.on_date.isoformat(),
        "time": entry.at_time,
        "title": entry.title,
        "what": entry.what,
        "kind": entry.kind,
        "in_person": entry.in_person,
        "people": [{"id": pid, "name": name} for pid, name in entry.people],
        "group": {"id": entry.group[0], "name": entry.group[1]} if entry.group else None,
        "plan": {"id": entry.plan[0], "title": entry.plan[1]} if entry.plan else None,
        "place": entry.place,
        "note": entry.note,
        "minutes": entry.duration_minutes,
        "logged_at": entry.logged_at,
    }


# --- who knows whom ---------------------------------------------------------------


@dataclass
class Acquaintance:
    id: int
    name: str
    explicit: bool  # recorded with `supportnet know`
    together: int  # get-togethers shared
    last_together: dt.date | None


def known_by(conn: sqlite3.Connection, person_id: int) -> list[Acquaintance]:
    """The active people ``person_id`` knows: recorded, or met at a get-together.

    Most shared get-togethers first, then by name.
    """
    found: dict[int, list[Any]] = {}
    for other, count, last in conn.execute(
        "SELECT b.person_id, count(*), max(b.on_date) FROM attendance a"
        " JOIN attendance b ON b.gettogether_id = a.gettogether_id AND b.person_id != a.person_id"
        " WHERE a.person_id = ? GROUP BY b.person_id",
        (person_id,),
    ):
        found[other] = [False, count, dt.date.fromisoformat(last)]
    for (other,) in conn.execute(
        "SELECT person_b FROM acquaintance WHERE person_a = ?"
        " UNION SELECT person_a FROM acquaintance WHERE person_b = ?",
        (person_id, person_id),
    ):
        found.setdefault(other, [False, 0, None])[0] = True
    if not found:
        return []
    marks = ",".join("?" * len(found))
    names = dict(
        conn.execute(
            f"SELECT id, name FROM person WHERE id IN ({marks}) AND archived_on IS NULL",
            list(found),
        ).fetchall()
    )
    result = [Acquaintance(pid, names[pid], *found[pid]) for pid in found if pid in names]
    result.sort(key=lambda a: (-a.together, fold(a.name), a.id))
    return result


def known_pairs(conn: sqlite3.Connection) -> set[tuple[int, int]]:
    """Every pair (smaller id first) who know each other, recorded or inferred."""
    pairs = set(conn.execute("SELECT person_a, person_b FROM acquaintance").fetchall())
    pairs.update(
        conn.execute(
            "SELECT DISTINCT a.person_id, b.person_id FROM attendance a"
            " JOIN attendance b ON b.gettogether_id = a.gettogether_id"
            " AND a.person_id < b.person_id"
        ).fetchall()
    )
    return pairs


def shared_count(conn: sqlite3.Connection, a: int, b: int) -> int:
    return conn.execute(
        "SELECT count(*) FROM attendance x JOIN attendance y"
        " ON y.gettogether_id = x.gettogether_id WHERE x.person_id = ? AND y.person_id = ?",
        (a, b),
    ).fetchone()[0]


def record_acquaintance(conn: sqlite3.Connection, ids: list[int], today: dt.date) -> int:
    """Record that everyone in ``ids`` knows everyone else; return the new pairs."""
    if len(ids) < 2:
        raise InvalidInput("Name two different people: supportnet know Maya Sam.")
    added = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            cur = conn.execute(
                "INSERT OR IGNORE INTO acquaintance (person_a, person_b, added_on)"
                " VALUES (?, ?, ?)",
                (min(a, b), max(a, b), today.isoformat()),
            )
            added += cur.rowcount
    return added


def forget_acquaintance(conn: sqlite3.Connection, ids: list[int]) -> int:
    """Remove recorded acquaintances between everyone in ``ids``; return how many."""
    if len(ids) < 2:
        raise InvalidInput("Name two different people: supportnet know Maya Sam --forget.")
    removed = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            cur = conn.execute(
                "DELETE FROM acquaintance WHERE person_a = ? AND person_b = ?",
                (min(a, b), max(a, b)),
            )
            removed += cur.rowcount
    return removed


# --- for `show NAME` --------------------------------------------------------------


def person_summary(conn: sqlite3.Connection, person_id: int, recent: int = 5) -> dict[str, Any]:
    """What `show NAME` says about get-togethers, plans, groups and who they know."""
    count, last, last_in_person = conn.execute(
        "SELECT count(*), max(on_date), max(CASE WHEN in_person = 1 THEN on_date END)"
        " FROM attendance WHERE person_id = ?",
        (person_id,),
    ).fetchone()
    plans = conn.execute(
        "SELECT p.id, p.title, p.status FROM plan p JOIN plan_member m ON m.plan_id = p.id"
        " WHERE m.person_id = ? ORDER BY p.status = 'ended', p.id",
        (person_id,),
    ).fetchall()
    groups = conn.execute(
        "SELECT c.id, c.name FROM community c JOIN community_member m ON m.community_id = c.id"
        " WHERE m.person_id = ? AND c.archived_on IS NULL ORDER BY c.name, c.id",
        (person_id,),
    ).fetchall()
    return {
        "count": count,
        "last_contact": last,
        "last_in_person": last_in_person,
        "recent": [entry_json(e) for e in history(conn, person_id=person_id, limit=recent)],
        "knows": [
            {
                "id": a.id,
                "name": a.name,
                "recorded": a.explicit,
                "together": a.together,
                "last_together": a.last_together.isoformat() if a.last_together else None,
            }
            for a in known_by(conn, person_id)
        ],
        "plans": [{"id": i, "title": t, "status": s} for i, t, s in plans],
        "groups": [{"id": i, "name": n} for i, n in groups],
    }
