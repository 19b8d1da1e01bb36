"""What favors, life events and birthdays tell the nudge: ``support_facts``.

Everything about favors, life events and birthdays per active person on one
day, gathered with a handful of aggregate queries (``store.nudge_facts`` calls
it; issue 13 restructures the nudge's fact gathering).  Nothing here writes or
prints.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from supportnet.dates import YearlyDate
from supportnet.occasions import Windows, birthday_in_view, month_days_between, open_window, turning
from supportnet.store.favors import DIRECTIONS, YEAR_DAYS
from supportnet.store.life_events import EVENT_COLUMNS, LifeEvent, near_clause
from supportnet.store.records import fetch, fetch_one, iterate


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
    near, params = near_clause(today, wins)
    events: dict[int, tuple[list[EventFact], list[EventFact]]] = {}
    for event in fetch(
        conn, LifeEvent, f"SELECT {EVENT_COLUMNS} WHERE p.archived_on IS NULL AND {near}", params
    ):
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
    for person in iterate(
        conn,
        _Birthday,
        "SELECT id, birthday_month AS month, birthday_day AS day, birthday_year AS year"
        " FROM person WHERE archived_on IS NULL AND birthday_month IS NOT NULL"
        f" AND birthday_month * 100 + birthday_day IN ({', '.join('?' * len(codes))})",
        codes,
    ):
        birthday = YearlyDate(person.month, person.day, person.year)
        when = birthday_in_view(birthday, today, wins.birthday_lead_days)
        if when is not None:
            birthdays[person.id] = (when, (when - today).days, turning(birthday, when))

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


@dataclass(slots=True)
class _Birthday:
    id: int
    month: int
    day: int
    year: int | None


@dataclass(slots=True)
class _LatestFavor:
    """The latest favor one way with one person, and how many that way this past year."""

    person_id: int
    direction: str
    recent: int
    id: int
    on_date: dt.date
    what: str
    kind: str


@dataclass(slots=True)
class _DatedFavor:
    person_id: int
    direction: str
    id: int
    on_date: dt.date
    what: str
    kind: str


def _all_favors(
    conn: sqlite3.Connection,
    today: dt.date,
    since: dt.date,
    given: dict[int, tuple[FavorFact, int]],
    received: dict[int, tuple[FavorFact, int]],
) -> None:
    """The latest favor each way and the count since ``since``, per active person."""
    for row in iterate(
        conn,
        _LatestFavor,
        "SELECT g.person_id, g.direction, g.recent, f.id, f.on_date, f.what, f.kind FROM"
        " (SELECT person_id, direction, max(on_date) AS last_on, sum(on_date >= ?) AS recent"
        "  FROM favor_person WHERE on_date <= ? GROUP BY person_id, direction) g"
        " JOIN person p ON p.id = g.person_id AND p.archived_on IS NULL"
        " JOIN favor f ON f.id = (SELECT max(x.favor_id) FROM favor_person x"
        "  WHERE x.person_id = g.person_id AND x.direction = g.direction"
        "  AND x.on_date = g.last_on)",
        (since.isoformat(), today.isoformat()),
    ):
        way = given if row.direction == "given" else received
        way[row.person_id] = (FavorFact(row.id, row.on_date, row.what, row.kind), row.recent)


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
    counts: dict[tuple[int, str], int] = {}
    for row in iterate(
        conn,
        _DatedFavor,
        "SELECT fp.person_id, fp.direction, f.id, f.on_date, f.what, f.kind FROM favor f"
        " JOIN favor_person fp ON fp.favor_id = f.id"
        " JOIN person p ON p.id = fp.person_id AND p.archived_on IS NULL"
        " WHERE f.on_date BETWEEN ? AND ? ORDER BY f.on_date, f.id",
        (start.isoformat(), today.isoformat()),
    ):
        key = (row.person_id, row.direction)
        recent = counts[key] = counts.get(key, 0) + (row.on_date >= since)
        way = given if row.direction == "given" else received
        way[row.person_id] = (FavorFact(row.id, row.on_date, row.what, row.kind), recent)


def latest_favors(
    conn: sqlite3.Connection, person_id: int, today: dt.date
) -> tuple[FavorFact | None, FavorFact | None]:
    """(the last favor you did for one person, the last they did for you), on or
    before ``today``, as in ``support_facts`` without ``favors_since``."""
    found: dict[str, FavorFact] = {}
    for direction in DIRECTIONS:
        latest = fetch_one(
            conn,
            FavorFact,
            "SELECT f.id AS favor_id, f.on_date AS date, f.what, f.kind FROM favor_person fp"
            " JOIN favor f ON f.id = fp.favor_id WHERE fp.person_id = ? AND fp.direction = ?"
            " AND fp.on_date <= ? ORDER BY fp.on_date DESC, fp.favor_id DESC LIMIT 1",
            (person_id, direction, today.isoformat()),
        )
        if latest is not None:
            found[direction] = latest
    return found.get("given"), found.get("received")


def _nearest(facts: list[EventFact]) -> tuple[EventFact, ...]:
    """Open events, nearest date first (then the earlier date, then the id)."""
    if len(facts) < 2:
        return tuple(facts)
    return tuple(sorted(facts, key=lambda f: (abs(f.days), f.date, f.event_id)))
