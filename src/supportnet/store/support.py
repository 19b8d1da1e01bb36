"""Support given and received (favors) and the life events of your people.

Writes happen inside the caller's transaction; nothing here prints.  The one
function the nudge needs is ``support_facts``: everything about favors, life
events and birthdays per person, gathered with a handful of aggregate queries.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supportnet.dates import YearlyDate
from supportnet.errors import Conflict, InvalidInput, NotFound
from supportnet.occasions import (
    EVENT_KINDS,
    FAVOR_KINDS,
    Window,
    Windows,
    birthday_in_view,
    event_window,
    month_days_between,
    open_window,
    turning,
)
from supportnet.text import choose_kind, fold, id_key

if TYPE_CHECKING:
    from supportnet.agenda import AgendaItem

DIRECTIONS = ("given", "received")
TONES = ("hard", "happy")

#: "This past year" for the balance and the counts: the last 365 days, today included.
YEAR_DAYS = 365

People = tuple[tuple[int, str], ...]


def _clean_text(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise InvalidInput(f"Say what the {what} was: it cannot be empty.")
    return cleaned


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def _people(text: str | None) -> People:
    """Decode ``id<RS>name<US>id<RS>name`` from the group_concat queries below."""
    if not text:
        return ()
    pairs = (item.split("\x1e", 1) for item in text.split("\x1f"))
    return tuple(sorted(((int(pid), name) for pid, name in pairs), key=lambda p: p[0]))


_PEOPLE_OF_FAVOR = (
    "(SELECT group_concat(pid || char(30) || name, char(31)) FROM"
    " (SELECT p.id AS pid, p.name AS name FROM favor_person x JOIN person p ON p.id = x.person_id"
    "  WHERE x.favor_id = f.id ORDER BY p.id))"
)


def check_kind(conn: sqlite3.Connection, value: str, table: str, *, new: bool = False) -> str:
    """The kind of a favor (``table="favor"``) or life event (``"life_event"``).

    Known kinds are the built-in ones plus every kind already used.  With
    ``new`` any non-empty kind is accepted (that is how the list grows); without
    it an unknown kind raises ``InvalidInput`` naming the close ones.
    """
    builtin = FAVOR_KINDS if table == "favor" else EVENT_KINDS
    what = "kind of favor" if table == "favor" else "kind of event"
    used = [row[0] for row in conn.execute(f"SELECT DISTINCT kind FROM {table} ORDER BY kind")]
    known = builtin + [k for k in used if fold(k) not in {fold(b) for b in builtin}]
    if new:
        cleaned = " ".join(value.split())
        if not cleaned:
            raise InvalidInput(f"A {what} cannot be empty.")
        key = fold(cleaned.replace("_", " ").replace("-", " "))
        for kind in known:
            if fold(kind) == key:
                return kind
        return cleaned
    try:
        return choose_kind(value, known, what)
    except InvalidInput as error:
        raise InvalidInput(f"{error.message} To add a new one, use --new-kind.") from None


# --- favors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Favor:
    id: int
    what: str
    kind: str
    direction: str  # "given" (you helped them) or "received" (they helped you)
    on_date: dt.date
    note: str | None
    people: People

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "date": self.on_date.isoformat(),
            "direction": self.direction,
            "what": self.what,
            "kind": self.kind,
            "note": self.note,
            "people": [{"id": pid, "name": name} for pid, name in self.people],
        }


def add_favor(
    conn: sqlite3.Connection,
    *,
    what: str,
    kind: str,
    direction: str,
    on_date: dt.date,
    people: list[int],
    note: str | None,
    logged_at: dt.datetime,
    again: bool = False,
) -> int:
    """Record one favor with its people (inside the caller's transaction).

    The same favor (way, what, kind, date and people) recorded again within a
    minute is refused as a slip of the keyboard, unless ``again``.
    """
    assert direction in DIRECTIONS and people
    if not again:
        since = (logged_at - dt.timedelta(seconds=60)).isoformat()
        for fid, same_what, ids in conn.execute(
            "SELECT f.id, f.what, (SELECT group_concat(person_id) FROM"
            "  (SELECT person_id FROM favor_person WHERE favor_id = f.id ORDER BY person_id))"
            " FROM favor f WHERE f.direction = ? AND f.kind = ? AND f.on_date = ?"
            " AND f.logged_at >= ?",
            (direction, kind, on_date.isoformat(), since),
        ):
            if fold(same_what) == fold(what) and ids == ",".join(map(str, sorted(set(people)))):
                raise Conflict(
                    f"That favor was just recorded (#{fid}). To record a second one, add "
                    f"--again; to take it back, use `supportnet favor undo {fid}`."
                )
    cur = conn.execute(
        "INSERT INTO favor (what, kind, direction, on_date, note, logged_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (_clean_text(what, "favor"), kind, direction, on_date.isoformat(),
         _blank_to_none(note), logged_at.isoformat()),
    )  # fmt: skip
    fid = cur.lastrowid
    assert fid is not None
    conn.executemany(
        "INSERT INTO favor_person (favor_id, person_id, direction, on_date) VALUES (?, ?, ?, ?)",
        [(fid, pid, direction, on_date.isoformat()) for pid in people],
    )
    return fid


def _favor_from_row(row: tuple) -> Favor:
    fid, what, kind, direction, on_date, note, people = row
    return Favor(fid, what, kind, direction, dt.date.fromisoformat(on_date), note, _people(people))


_FAVOR_COLUMNS = f"f.id, f.what, f.kind, f.direction, f.on_date, f.note, {_PEOPLE_OF_FAVOR}"


def get_favor(conn: sqlite3.Connection, favor_id: int | None) -> Favor:
    """One favor by id, or the one recorded last when ``favor_id`` is None."""
    if favor_id is None:
        row = conn.execute(
            f"SELECT {_FAVOR_COLUMNS} FROM favor f ORDER BY f.id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            raise NotFound("No favors are recorded yet.")
        return _favor_from_row(row)
    row = conn.execute(f"SELECT {_FAVOR_COLUMNS} FROM favor f WHERE f.id = ?", (id_key(favor_id),))
    found = row.fetchone()
    if found is None:
        raise NotFound(f"No favor has the id #{favor_id}. `supportnet favors` lists them.")
    return _favor_from_row(found)


def remove_favor(conn: sqlite3.Connection, favor_id: int) -> None:
    conn.execute("DELETE FROM favor WHERE id = ?", (favor_id,))


def list_favors(
    conn: sqlite3.Connection,
    *,
    person_id: int | None = None,
    direction: str | None = None,
    since: dt.date | None = None,
) -> list[Favor]:
    """Favors, newest first (by date, then the later recorded first)."""
    where, params = [], []
    if person_id is not None:
        source = "favor_person fp JOIN favor f ON f.id = fp.favor_id"
        where.append("fp.person_id = ?")
        params.append(person_id)
        prefix = "fp"
    else:
        source = "favor f"
        prefix = "f"
    if direction is not None:
        where.append(f"{prefix}.direction = ?")
        params.append(direction)
    if since is not None:
        where.append(f"{prefix}.on_date >= ?")
        params.append(since.isoformat())
    sql = f"SELECT {_FAVOR_COLUMNS} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {prefix}.on_date DESC, f.id DESC"
    return [_favor_from_row(row) for row in conn.execute(sql, params)]


@dataclass(frozen=True)
class Balance:
    """Favors each way with one person over the past year (``YEAR_DAYS``)."""

    since: dt.date  # the first day counted
    given: int
    received: int


def favor_balance(conn: sqlite3.Connection, person_id: int, today: dt.date) -> Balance:
    """How often you helped them and they helped you in the last 365 days."""
    since = today - dt.timedelta(days=YEAR_DAYS - 1)
    counts = dict(
        conn.execute(
            "SELECT direction, count(*) FROM favor_person"
            " WHERE person_id = ? AND on_date BETWEEN ? AND ? GROUP BY direction",
            (person_id, since.isoformat(), today.isoformat()),
        ).fetchall()
    )
    return Balance(since, counts.get("given", 0), counts.get("received", 0))


# --- life events ----------------------------------------------------------------------


@dataclass(frozen=True)
class LifeEvent:
    id: int
    person_id: int
    person_name: str
    what: str
    kind: str
    tone: str  # "hard" or "happy" ("neutral" may come from an import)
    on_date: dt.date | None
    yearly: bool
    note: str | None

    def window(self, today: dt.date, windows: Windows) -> Window | None:
        """The check-in or celebrate window that matters on ``today`` (see occasions)."""
        return event_window(self.on_date, self.tone, self.yearly, today, windows)

    def to_json(self, today: dt.date, windows: Windows) -> dict:
        window = self.window(today, windows)
        return {
            "id": self.id,
            "person": {"id": self.person_id, "name": self.person_name},
            "what": self.what,
            "kind": self.kind,
            "tone": self.tone,
            "date": self.on_date.isoformat() if self.on_date else None,
            "yearly": self.yearly,
            "note": self.note,
            "window": None
            if window is None
            else {
                "action": window.action,
                "occurs_on": window.occurs_on.isoformat(),
                "days_away": (window.occurs_on - today).days,
                "opens_on": window.opens_on.isoformat(),
                "closes_on": window.closes_on.isoformat(),
                "state": window.state(today),
                "years": window.years,
            },
        }


_EVENT_COLUMNS = (
    "e.id, e.person_id, p.name, e.what, e.kind, e.tone, e.on_date, e.yearly, e.note"
    " FROM life_event e JOIN person p ON p.id = e.person_id"
)


def _event_from_row(row: tuple) -> LifeEvent:
    eid, pid, name, what, kind, tone, on_date, yearly, note = row
    return LifeEvent(
        eid, pid, name, what, kind, tone,
        dt.date.fromisoformat(on_date) if on_date else None, bool(yearly), note,
    )  # fmt: skip


def add_event(
    conn: sqlite3.Connection,
    *,
    person_id: int,
    what: str,
    kind: str,
    tone: str,
    on_date: dt.date | None,
    yearly: bool,
    note: str | None,
    logged_at: dt.datetime,
    again: bool = False,
) -> int:
    """Record a life event (inside the caller's transaction).

    The same event (person, what, date) noted again within a minute is refused
    as a slip of the keyboard, unless ``again``.
    """
    assert tone in TONES
    if not again:
        since = (logged_at - dt.timedelta(seconds=60)).isoformat()
        for eid, same_what in conn.execute(
            "SELECT id, what FROM life_event WHERE person_id = ? AND on_date IS ?"
            " AND logged_at >= ?",
            (person_id, on_date.isoformat() if on_date else None, since),
        ):
            if fold(same_what) == fold(what):
                raise Conflict(
                    f"That event was just noted (#{eid}). To note a second one, add "
                    f"--again; to take it back, use `supportnet event undo {eid}`."
                )
    cur = conn.execute(
        "INSERT INTO life_event (person_id, what, kind, tone, on_date, yearly, note, logged_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (person_id, _clean_text(what, "event"), kind, tone,
         on_date.isoformat() if on_date else None, int(yearly), _blank_to_none(note),
         logged_at.isoformat()),
    )  # fmt: skip
    assert cur.lastrowid is not None
    return cur.lastrowid


def get_event(conn: sqlite3.Connection, event_id: int | None) -> LifeEvent:
    """One life event by id, or the one recorded last when ``event_id`` is None."""
    if event_id is None:
        row = conn.execute(f"SELECT {_EVENT_COLUMNS} ORDER BY e.id DESC LIMIT 1").fetchone()
        if row is None:
            raise NotFound("No life events are recorded yet.")
        return _event_from_row(row)
    row = conn.execute(f"SELECT {_EVENT_COLUMNS} WHERE e.id = ?", (id_key(event_id),)).fetchone()
    if row is None:
        raise NotFound(f"No life event has the id #{event_id}. `supportnet events` lists them.")
    return _event_from_row(row)


@dataclass
class EventChanges:
    """Fields to change on a life event; ``None`` leaves a field as it is."""

    what: str | None = None
    kind: str | None = None
    tone: str | None = None
    on_date: dt.date | None = None
    yearly: bool | None = None
    note: str | None = None  # "" clears it


def edit_event(conn: sqlite3.Connection, event_id: int, changes: EventChanges) -> None:
    """Apply ``changes`` (inside the caller's transaction)."""
    sets: dict[str, object] = {}
    if changes.what is not None:
        sets["what"] = _clean_text(changes.what, "event")
    if changes.kind is not None:
        sets["kind"] = changes.kind
    if changes.tone is not None:
        assert changes.tone in TONES
        sets["tone"] = changes.tone
    if changes.on_date is not None:
        sets["on_date"] = changes.on_date.isoformat()
    if changes.yearly is not None:
        sets["yearly"] = int(changes.yearly)
    if changes.note is not None:
        sets["note"] = _blank_to_none(changes.note)
    if sets:
        assignments = ", ".join(f"{column} = ?" for column in sets)
        conn.execute(
            f"UPDATE life_event SET {assignments} WHERE id = ?", [*sets.values(), event_id]
        )


def remove_event(conn: sqlite3.Connection, event_id: int) -> None:
    conn.execute("DELETE FROM life_event WHERE id = ?", (event_id,))


def list_events(
    conn: sqlite3.Connection,
    *,
    person_id: int | None = None,
    open_on: dt.date | None = None,
    windows: Windows | None = None,
) -> list[LifeEvent]:
    """Life events, newest date first (undated ones last).

    With ``open_on`` (and ``windows``), only those whose check-in or celebrate
    window is open on that day.
    """
    where, params = [], []
    if person_id is not None:
        where.append("e.person_id = ?")
        params.append(person_id)
    if open_on is not None:
        wins = windows or Windows()
        near, near_params = _near_clause(open_on, wins)
        where.append(near)
        params.extend(near_params)
    sql = f"SELECT {_EVENT_COLUMNS}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.on_date IS NULL, e.on_date DESC, e.id DESC"
    events = [_event_from_row(row) for row in conn.execute(sql, params)]
    if open_on is not None:
        events = [e for e in events if open_window(e.on_date, e.tone, e.yearly, open_on, wins)]
    return events


def _near_clause(today: dt.date, wins: Windows) -> tuple[str, list[object]]:
    """SQL that keeps the hard and happy events whose window may be open on ``today``.

    One-off events: a range on the date index.  Yearly ones: their month and day
    among the days the widest window reaches (Feb 29 kept on Feb 28 in common
    years).  A superset: ``occasions.open_window`` has the last word.
    """
    start = today - dt.timedelta(days=wins.widest_after)
    end = today + dt.timedelta(days=wins.widest_before)
    keys = [f"{m:02d}-{d:02d}" for m, d in month_days_between(start, end)]
    marks = ", ".join("?" * len(keys))
    clause = (
        "e.tone IN ('hard', 'happy') AND ((e.yearly = 0 AND e.on_date BETWEEN ? AND ?)"
        f" OR (e.yearly = 1 AND e.on_date <= ? AND substr(e.on_date, 6) IN ({marks})))"
    )
    return clause, [start.isoformat(), end.isoformat(), end.isoformat(), *keys]


def life_events_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Agenda items for the life events of active people between two dates.

    One-off events on their date (kind ``event``); yearly ones on every
    anniversary (kind ``anniversary``; the first time, the day itself, is an
    ``event``).  February 29 falls on February 28 in common years.
    """
    from supportnet.agenda import AgendaItem
    from supportnet.occasions import ACTIONS, ordinal

    active = " AND p.archived_on IS NULL"
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} WHERE e.yearly = 0 AND e.on_date BETWEEN ? AND ?{active}",
        (start.isoformat(), end.isoformat()),
    ).fetchall()
    if (end - start).days >= 365:
        rows += conn.execute(
            f"SELECT {_EVENT_COLUMNS} WHERE e.yearly = 1 AND e.on_date <= ?{active}",
            (end.isoformat(),),
        ).fetchall()
    else:
        keys = [f"{m:02d}-{d:02d}" for m, d in month_days_between(start, end)]
        marks = ", ".join("?" * len(keys))
        rows += conn.execute(
            f"SELECT {_EVENT_COLUMNS} WHERE e.yearly = 1 AND substr(e.on_date, 6) IN ({marks})"
            f" AND e.on_date <= ?{active}",
            (*keys, end.isoformat()),
        ).fetchall()
    items = []
    for event in map(_event_from_row, rows):
        assert event.on_date is not None
        if event.yearly:
            origin = event.on_date
            days = YearlyDate(origin.month, origin.day, origin.year).occurrences(start, end)
        else:
            days = [event.on_date]
        for day in days:
            years = day.year - event.on_date.year if event.yearly else 0
            action = ACTIONS.get(event.tone)
            detail = f"{ordinal(years)} anniversary" if years else event.kind
            items.append(
                AgendaItem(
                    date=day,
                    kind="anniversary" if years else "event",
                    title=f"{event.person_name}: {event.what}",
                    people=((event.person_id, event.person_name),),
                    detail=f"{detail}; {action}" if action else detail,
                    source_id=event.id,
                    extra={"tone": event.tone, "event_kind": event.kind, "yearly": event.yearly},
                )
            )
    return items


# --- what the nudge needs -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventFact:
    """A life event whose window is open today."""

    event_id: int
    what: str
    kind: str
    tone: str  # "hard" (check in) or "happy" (celebrate)
    date: dt.date  # this occurrence's day (this year's anniversary for a yearly event)
    days: int  # date - today: negative once it has passed, 0 today, positive ahead
    yearly: bool
    years: int | None  # for a yearly event, which anniversary (0 = the day itself)
    opens_on: dt.date
    closes_on: dt.date


@dataclass(frozen=True, slots=True)
class FavorFact:
    """The most recent favor one way with one person."""

    favor_id: int
    date: dt.date
    what: str
    kind: str


@dataclass(frozen=True, slots=True)
class SupportFacts:
    """What favors, life events and birthdays say about one active person today."""

    person_id: int
    hard_events: tuple[EventFact, ...] = ()  # open check-in windows, nearest date first
    happy_events: tuple[EventFact, ...] = ()  # open celebrate windows, nearest date first
    birthday: dt.date | None = None  # the coming birthday, if within birthday_lead_days
    birthday_days: int | None = None  # days until it (0 = today)
    birthday_turns: int | None = None  # the age then, only when the year is known
    last_given: FavorFact | None = None  # the last favor you did for them (on or before today)
    last_received: FavorFact | None = None  # the last favor they did for you
    given_last_year: int = 0  # favors you did for them in the last 365 days, today included
    received_last_year: int = 0  # favors they did for you in the same days


def support_facts(
    conn: sqlite3.Connection,
    today: dt.date,
    windows: Windows | Mapping[str, int],
    *,
    favors_since: dt.date | None = None,
) -> dict[int, SupportFacts]:
    """Per active person id, what support and occasions say on ``today``.

    ``windows`` is the ``[windows]`` config section (``state.config().section(
    "windows")``) or an ``occasions.Windows``.  Only people with at least one
    fact are in the result: ``facts.get(person_id)`` is None for the others.
    Archived people are left out.  Favors dated after ``today`` are ignored.

    - ``hard_events`` / ``happy_events``: life events whose check-in / celebrate
      window contains ``today`` (yearly ones around their anniversary), each
      with its date and ``days`` relative to today, nearest first.
    - ``birthday`` / ``birthday_days`` / ``birthday_turns``: the next birthday
      when it is at most ``birthday_lead_days`` away (Feb 29 -> Feb 28 in
      common years; the age only when the year of birth is known).
    - ``last_given`` / ``last_received``: the latest favor each way (date, what,
      kind, id; the later recorded wins a tie on the date).
    - ``given_last_year`` / ``received_last_year``: counts over the last 365 days.

    ``favors_since``: read only the favors dated on or after that day (the
    nudge, whose reciprocity window is short).  ``last_given`` /
    ``last_received`` are then the latest favor each way since that day, the
    counts cover only those days of the past year, and someone whose only
    facts are older favors is left out.  ``latest_favors`` reads one person's
    whole history.

    Cost: a range scan of the life-event date index, one pass over the person
    table for birthdays, and one grouped pass over the ``favor_person``
    covering index (with ``favors_since``: a range of the favor date index);
    nothing is loaded row by row per get-together.
    """
    wins = Windows.from_settings(windows)

    # Life events: one-off ones dated near today, yearly ones by month and day.
    near, params = _near_clause(today, wins)
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} WHERE p.archived_on IS NULL AND {near}", params
    ).fetchall()
    events: dict[int, tuple[list[EventFact], list[EventFact]]] = {}
    for event in map(_event_from_row, rows):
        window = open_window(event.on_date, event.tone, event.yearly, today, wins)
        if window is None:
            continue
        fact = EventFact(
            event_id=event.id,
            what=event.what,
            kind=event.kind,
            tone=event.tone,
            date=window.occurs_on,
            days=(window.occurs_on - today).days,
            yearly=event.yearly,
            years=window.years,
            opens_on=window.opens_on,
            closes_on=window.closes_on,
        )
        pair = events.setdefault(event.person_id, ([], []))
        pair[0 if event.tone == "hard" else 1].append(fact)

    # Birthdays within the lead time.
    lead_end = today + dt.timedelta(days=wins.birthday_lead_days)
    codes = [m * 100 + d for m, d in month_days_between(today, lead_end)]
    birthdays: dict[int, tuple[dt.date, int, int | None]] = {}
    for pid, month, day, year in conn.execute(
        "SELECT id, birthday_month, birthday_day, birthday_year FROM person"
        " WHERE archived_on IS NULL AND birthday_month IS NOT NULL"
        f" AND birthday_month * 100 + birthday_day IN ({', '.join('?' * len(codes))})",
        codes,
    ):
        birthday = YearlyDate(month, day, year)
        when = birthday_in_view(birthday, today, wins.birthday_lead_days)
        if when is not None:
            birthdays[pid] = (when, (when - today).days, turning(birthday, when))

    # Favors: the latest each way and the counts over the past year, per person.
    since = today - dt.timedelta(days=YEAR_DAYS - 1)
    given: dict[int, tuple[FavorFact, int]] = {}
    received: dict[int, tuple[FavorFact, int]] = {}
    if favors_since is not None:
        _favors_since(conn, today, since, favors_since, given, received)
    else:
        _all_favors(conn, today, since, given, received)

    no_events: tuple[list[EventFact], list[EventFact]] = ([], [])
    no_birthday = (None, None, None)
    no_favor = (None, 0)
    result = {}
    for pid in sorted(events.keys() | birthdays.keys() | given.keys() | received.keys()):
        hard, happy = events.get(pid, no_events)
        last_given, given_count = given.get(pid, no_favor)
        last_received, received_count = received.get(pid, no_favor)
        result[pid] = SupportFacts(
            pid, _nearest(hard), _nearest(happy), *birthdays.get(pid, no_birthday),
            last_given, last_received, given_count, received_count,
        )  # fmt: skip
    return result


def _all_favors(
    conn: sqlite3.Connection,
    today: dt.date,
    since: dt.date,
    given: dict[int, tuple[FavorFact, int]],
    received: dict[int, tuple[FavorFact, int]],
) -> None:
    """The latest favor each way and the count since ``since``, per active person."""
    for pid, direction, recent, fid, on_date, what, kind in conn.execute(
        "SELECT g.person_id, g.direction, g.recent, f.id, f.on_date, f.what, f.kind FROM"
        " (SELECT person_id, direction, max(on_date) AS last_on, sum(on_date >= ?) AS recent"
        "  FROM favor_person WHERE on_date <= ? GROUP BY person_id, direction) g"
        " JOIN person p ON p.id = g.person_id AND p.archived_on IS NULL"
        " JOIN favor f ON f.id = (SELECT max(x.favor_id) FROM favor_person x"
        "  WHERE x.person_id = g.person_id AND x.direction = g.direction"
        "  AND x.on_date = g.last_on)",
        (since.isoformat(), today.isoformat()),
    ):
        way = given if direction == "given" else received
        way[pid] = (FavorFact(fid, dt.date.fromisoformat(on_date), what, kind), recent)


def _favors_since(
    conn: sqlite3.Connection,
    today: dt.date,
    since: dt.date,
    start: dt.date,
    given: dict[int, tuple[FavorFact, int]],
    received: dict[int, tuple[FavorFact, int]],
) -> None:
    """``_all_favors`` over the favors dated from ``start`` to ``today`` only: a
    range of the favor date index, oldest first, so the last one seen each way
    is the latest (the later recorded on the same day)."""
    since_iso = since.isoformat()
    fromiso = dt.date.fromisoformat
    counts: dict[tuple[int, str], int] = {}
    for pid, direction, fid, on_date, what, kind in conn.execute(
        "SELECT fp.person_id, fp.direction, f.id, f.on_date, f.what, f.kind FROM favor f"
        " JOIN favor_person fp ON fp.favor_id = f.id"
        " JOIN person p ON p.id = fp.person_id AND p.archived_on IS NULL"
        " WHERE f.on_date BETWEEN ? AND ? ORDER BY f.on_date, f.id",
        (start.isoformat(), today.isoformat()),
    ):
        key = (pid, direction)
        recent = counts[key] = counts.get(key, 0) + (on_date >= since_iso)
        way = given if direction == "given" else received
        way[pid] = (FavorFact(fid, fromiso(on_date), what, kind), recent)


def latest_favors(
    conn: sqlite3.Connection, person_id: int, today: dt.date
) -> tuple[FavorFact | None, FavorFact | None]:
    """(the last favor you did for one person, the last they did for you), on or
    before ``today``, as in ``support_facts`` without ``favors_since``."""
    found: dict[str, FavorFact] = {}
    for direction in DIRECTIONS:
        row = conn.execute(
            "SELECT f.id, f.on_date, f.what, f.kind FROM favor_person fp"
            " JOIN favor f ON f.id = fp.favor_id WHERE fp.person_id = ? AND fp.direction = ?"
            " AND fp.on_date <= ? ORDER BY fp.on_date DESC, fp.favor_id DESC LIMIT 1",
            (person_id, direction, today.isoformat()),
        ).fetchone()
        if row is not None:
            found[direction] = FavorFact(row[0], dt.date.fromisoformat(row[1]), row[2], row[3])
    return found.get("given"), found.get("received")


def _nearest(facts: list[EventFact]) -> tuple[EventFact, ...]:
    """Open events, nearest date first (then the earlier date, then the id)."""
    if len(facts) < 2:
        return tuple(facts)
    return tuple(sorted(facts, key=lambda f: (abs(f.days), f.date, f.event_id)))


def profile_part(
    conn: sqlite3.Connection,
    person_id: int,
    name: str,
    today: dt.date,
    windows: Windows | Mapping[str, int] | None = None,
) -> dict[str, object]:
    """The keys ``support`` and ``life_events`` of ``show NAME``'s profile.

    ``support``: the favor balance over the last 365 days (``since``, ``given``,
    ``received``, and ``balance`` in words, never as a debt).  ``life_events``:
    the person's events as in ``supportnet events --json``.
    """
    from supportnet.occasions import balance_words

    wins = Windows.from_settings(windows or {})
    balance = favor_balance(conn, person_id, today)
    return {
        "support": {
            "since": balance.since.isoformat(),
            "given": balance.given,
            "received": balance.received,
            "balance": balance_words(name, balance.given, balance.received),
        },
        "life_events": [
            e.to_json(today, wins) for e in list_events(conn, person_id=person_id, windows=wins)
        ],
    }
