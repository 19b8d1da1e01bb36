"""The facts the nudge weighs, gathered from the database.  Never prints.

One pass over the people answers "last contact" and "last in person" from
``last_contact`` (kept by triggers) and "contacts lately" by index seeks on
``attendance (person_id, on_date, in_person)`` for those in touch lately, and
SQL leaves out, there and then, everyone who has nothing to suggest: met in
person within their hoped-for cadence, with no life event, birthday, favor,
plan, snooze or dismissal (online contact only restarts part of the clock, so
their time term cannot have come round).  Those are summed up in
``NetworkFacts.left_out``; the nudge scores the rest, by its own rules.  Favors,
life events and birthdays come from ``store.support_facts``; plans and
communities are few and their dates come from ``recurrence``.  Introductions
look only at a small pool of the people you see most, and at their most recent
get-togethers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from supportnet.config import CIRCLES
from supportnet.dates import YearlyDate
from supportnet.nudge import (
    Favor,
    GroupFacts,
    LeftOut,
    LifeEvent,
    NetworkFacts,
    PairFacts,
    PersonFacts,
    PlanOccurrence,
    Settings,
)
from supportnet.nudge.score import CIRCLE_ORDER, CLOSENESS, person_order
from supportnet.nudge.words import first_word_counts, has_letter
from supportnet.occasions import (
    Windows,
    birthday_in_view,
    month_days_between,
    open_window,
    turning,
)
from supportnet.series import dates_between
from supportnet.store import nudge_state
from supportnet.store.records import last_contact_sql
from supportnet.text import SQLITE_MAX_INT

#: How many people the introduction search considers (the ones you see most).
INTRODUCTION_POOL = 24
#: How far back the count of missed community meetings looks.
MISSED_LOOKBACK_DAYS = 365
#: How far ahead the next community meeting is looked for in the shared dates
#: (beyond that, each rule is asked on its own).
NEXT_MEETING_DAYS = 62
#: A name's word before the first space (names are stored with single spaces).
_FIRST_WORD = "substr(name, 1, instr(name || ' ', ' ') - 1)"


def _json_ids(ids: Iterable[int]) -> str:
    """Ids as the JSON array ``json_each`` reads (without loading the json module,
    which the nudge needs for nothing else)."""
    return f"[{','.join(map(str, ids))}]"


def gather(
    conn: sqlite3.Connection,
    today: dt.date,
    settings: Settings,
    cadence_defaults: Mapping[str, int],
    *,
    detail_for: int | None = None,
    everyone: bool = False,
    lines: int | None = None,
) -> NetworkFacts:
    """Everything ``nudge.rank`` needs about the active people on ``today``.

    Favors are read only within ``reciprocity_days``: an older favor received
    cannot raise a nudge, nor can an older favor given return a newer one.
    ``detail_for`` (the person `why` explains) gets their whole history.
    ``everyone``: read every active person in full, leaving no one out (the
    nudge is the same either way; a test checks it).  ``lines``: the nudge
    will show no more than its first ``lines`` (None: all of it, or `why`).
    """
    state = nudge_state.load(conn, today)
    plans_soon, has_active_plans = _plans_soon(conn, today, settings)

    # The people with more to weigh than time and circle: their extra facts.
    extra: dict[int, dict] = {}
    _events_in_view(conn, today, settings, extra)
    _birthdays_in_view(conn, today, settings, extra)
    favors_from = today - dt.timedelta(days=settings.reciprocity_days)
    latest = _latest_favors(conn, today, favors_from)
    if detail_for is not None:
        # `why` shows this person's last favor even when it is too old to count.
        latest.update(_latest_favors(conn, today, None, detail_for))
        extra.setdefault(detail_for, {})  # read in full, whatever it holds
    for (pid, direction), favor in latest.items():
        if direction == "received" and favor is not None:
            extra.setdefault(pid, {})["last_favor_received"] = favor
            given = latest.get((pid, "given"))
            if given is not None:  # only a favor received can be returned
                extra[pid]["last_favor_given"] = given.on_date
    for pid, occurrences in plans_soon.items():
        extra.setdefault(pid, {})["plans_soon"] = occurrences
    for pid, until in state.person_snoozes.items():
        extra.setdefault(pid, {})["snoozed_until"] = until
    for pid, dismissals in state.person_dismissals.items():
        extra.setdefault(pid, {})["dismissals"] = dismissals
        extra[pid]["newest"] = nudge_state.person_newest(conn, pid)

    communities = _communities(conn, today, state)
    needed = set(extra).union(*(c.members for c in communities))
    people, pool, left_out = _people(
        conn, today, settings, cadence_defaults, extra, needed, everyone, lines
    )
    has_gettogethers = bool(conn.execute("SELECT EXISTS (SELECT 1 FROM gettogether)").fetchone()[0])
    return NetworkFacts(
        people=people,
        communities=communities,
        pairs=_pairs(conn, pool),
        has_gettogethers=has_gettogethers,
        has_active_plans=has_active_plans,
        left_out=left_out,
    )


def _events_in_view(
    conn: sqlite3.Connection, today: dt.date, settings: Settings, extra: dict[int, dict]
) -> None:
    """Per active person, their hard and happy life events whose window is open
    today (``occasions.open_window``), each dated on the occurrence in view.

    SQL keeps a superset: one-off events dated within the widest window of
    today, yearly ones by their month and day among the days it reaches."""
    windows = Windows.from_settings(settings.windows)
    start = today - dt.timedelta(days=windows.widest_after)
    end = today + dt.timedelta(days=windows.widest_before)
    days = [f"{m:02d}-{d:02d}" for m, d in month_days_between(start, end)]
    for eid, pid, what, kind, tone, on, yearly in conn.execute(
        "SELECT e.id, e.person_id, e.what, e.kind, e.tone, e.on_date, e.yearly"
        " FROM life_event e JOIN person p ON p.id = e.person_id"
        " WHERE p.archived_on IS NULL AND e.tone IN ('hard', 'happy')"
        " AND ((e.yearly = 0 AND e.on_date BETWEEN ? AND ?) OR (e.yearly = 1"
        f" AND e.on_date <= ? AND substr(e.on_date, 6) IN ({', '.join('?' * len(days))})))"
        " ORDER BY e.id",
        (start.isoformat(), end.isoformat(), end.isoformat(), *days),
    ):
        window = open_window(dt.date.fromisoformat(on), tone, bool(yearly), today, windows)
        if window is not None:
            event = LifeEvent(eid, what, kind, tone, window.occurs_on, bool(yearly))
            more = extra.setdefault(pid, {})
            more["events"] = (*more.get("events", ()), event)


def _birthdays_in_view(
    conn: sqlite3.Connection, today: dt.date, settings: Settings, extra: dict[int, dict]
) -> None:
    """Per active person, their coming birthday if it is at most
    ``birthday_lead_days`` away (``occasions.birthday_in_view``), and the age then."""
    lead = settings.birthday_lead_days
    codes = [m * 100 + d for m, d in month_days_between(today, today + dt.timedelta(days=lead))]
    for pid, month, day, year in conn.execute(
        "SELECT id, birthday_month, birthday_day, birthday_year FROM person"
        " WHERE archived_on IS NULL AND birthday_month IS NOT NULL"
        f" AND birthday_month * 100 + birthday_day IN ({', '.join('?' * len(codes))})",
        codes,
    ):
        birthday = YearlyDate(month, day, year)
        when = birthday_in_view(birthday, today, lead)
        if when is not None:
            more = extra.setdefault(pid, {})
            more["next_birthday"], more["birthday_turns"] = when, turning(birthday, when)


def _latest_favors(
    conn: sqlite3.Connection, today: dt.date, since: dt.date | None, person: int | None = None
) -> dict[tuple[int, str], Favor | None]:
    """The latest favor each way (given or received) per active person, dated
    from ``since`` (None: ever) to ``today``; the later recorded wins a tie on
    the day.  With ``person``: only theirs."""
    where = "f.on_date <= :today"
    if since is not None:
        where += " AND f.on_date >= :since"  # the favor date index
    if person is not None:
        where += " AND fp.person_id = :person"
    latest: dict[tuple[int, str], Favor | None] = {}
    for pid, direction, on, what, kind in conn.execute(
        "SELECT fp.person_id, fp.direction, f.on_date, f.what, f.kind FROM favor f"
        " JOIN favor_person fp ON fp.favor_id = f.id"
        f" JOIN person p ON p.id = fp.person_id AND p.archived_on IS NULL WHERE {where}"
        " ORDER BY f.on_date, f.id",
        {"today": today.isoformat(), "since": since and since.isoformat(), "person": person},
    ):
        latest[pid, direction] = Favor(what, kind, dt.date.fromisoformat(on))
    return latest


#: Every active person on :today, by id, with their contact: the last get-together
#: and the last in person (from ``last_contact``, which triggers keep: an index seek
#: only for a date after :today), the number since :recent_from (index seeks, for
#: those in touch since), their cadence (their own, or their circle's: :cadence_inner,
#: ...), and ``needed``: in :needed, with more to weigh than time and circle.  Then
#: ``days_left``: the days until the hoped-for cadence comes round by the nudge's
#: clock (``score.time_numbers``: the days since in person, less :online_counts_as of
#: the days since then; :today_day is today's ``julianday``); NULL when never met in
#: person.
#: The rows go to a temporary table (in memory, dropped when read) that the queries
#: below read: most people never come to Python, one value at a time being the
#: dearest part of a read.
_CIRCLE_CADENCE = " ".join(f"WHEN '{c}' THEN :cadence_{c}" for c in CIRCLES)
_PEOPLE_SQL = f"""
CREATE TEMP TABLE nudge_person AS
SELECT id, name, circle, cadence, added_on, last_contact, last_in_person, recent, needed,
    cadence - (:today_day - julianday(last_in_person))
        + :online_counts_as * (julianday(last_contact) - julianday(last_in_person)) AS days_left
FROM (
    SELECT p.id, p.name, p.circle, p.added_on,
        coalesce(p.cadence_days, CASE p.circle {_CIRCLE_CADENCE} END) AS cadence,
        {last_contact_sql(":today")} AS last_contact,
        {last_contact_sql(":today", in_person=True)} AS last_in_person,
        CASE WHEN c.on_date >= :recent_from THEN
            (SELECT count(*) FROM attendance a WHERE a.person_id = p.id
                AND a.on_date BETWEEN :recent_from AND :today)
            ELSE 0
        END AS recent,
        p.id IN (SELECT value FROM json_each(:needed)) AS needed
    FROM person p
    LEFT JOIN last_contact c ON c.person_id = p.id
    WHERE p.archived_on IS NULL AND p.added_on <= :today
)
"""

#: ``julianday`` of a day is its ``date.toordinal()`` plus this.
_JULIAN_DAY_OF_ORDINAL_0 = 1_721_424.5

#: Far more than rounding can blur ``days_left`` by: within it of the day the cadence
#: comes round, a person is read and the nudge decides.
_BLUR = 1e-6
#: Nothing to suggest: not ``needed``, met in person, and the cadence not come round
#: (the time term under 1).
_QUIET = f"(NOT needed AND days_left > {_BLUR})"
#: A plain 'catch up' line and nothing else: not ``needed``, met in person, and the
#: cadence come round.
_DUE = f"(NOT needed AND days_left < -{_BLUR})"
#: ``score.CLOSENESS`` in SQL, of ``circle``.
_CLOSENESS = (
    "CASE circle "
    + " ".join(f"WHEN '{c}' THEN {v!r}" for c, v in CLOSENESS.items())
    + " ELSE 0 END"
)
#: The part of a due person's total that differs between them (``score.score``:
#: their time term and their circle's).  The concentration term is the same for all
#: of them but the person with the most recent contact, who has none: they are always
#: read, and never one of the best ``_people`` counts on to rank above the others.
_DUE_ORDER = (
    "min((cadence - days_left) / cadence, :time_cap) * :time_weight"
    f" + {_CLOSENESS} * :circle_weight"
)

#: ``score.circle_rank`` in SQL, of ``circle``: 0 for the inner circle, ... unknown last.
_CIRCLE_RANK = (
    "CASE circle "
    + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(CIRCLE_ORDER))
    + f" ELSE {len(CIRCLE_ORDER)} END"
)

#: The introduction pool from one circle (``_introduction_pool``): the most contact
#: lately first, then the id.
_POOL_SQL = """
SELECT id FROM temp.nudge_person WHERE circle = :circle AND last_contact >= :since
ORDER BY recent DESC, id LIMIT :size
"""

#: Who the nudge reads (see ``_people``): the ``needed``; the never met in person;
#: the ones the cadence comes round for about now, or soonest of the quiet ones (on
#: the day :soonest_quiet is in); the due ones ranked with the first lines (no lower
#: than :lowest_due; NULL: every due one); the most in touch lately (:most_recent
#: contacts); and the introduction pool (:pool).  The clauses test the days left
#: for ``_QUIET`` and ``_DUE`` once ``needed`` is out of the way.
_CHOSEN = f"""(:everyone OR needed OR days_left IS NULL
    OR days_left BETWEEN -{_BLUR} AND :soonest_quiet + 1
    OR (days_left < -{_BLUR} AND (:lowest_due IS NULL OR {_DUE_ORDER} >= :lowest_due))
    OR (recent > 0 AND recent = :most_recent)
    OR id IN (SELECT value FROM json_each(:pool)))"""


def _people(
    conn: sqlite3.Connection,
    today: dt.date,
    settings: Settings,
    cadence_defaults: Mapping[str, int],
    extra: dict[int, dict],
    needed: Iterable[int],
    everyone: bool,
    lines: int | None,
) -> tuple[tuple[PersonFacts, ...], list[int], LeftOut]:
    """(the active people the nudge may name, with their extra facts; the
    introduction pool; the others, summed up).

    Of the quiet people (``_QUIET``), the nudge still needs those with the most
    recent contact (for the concentration), the introduction pool, and the ones
    the cadence comes round for soonest (the "next up" of a caught-up list:
    ``rank`` counts whole days, so everyone due within a day of the soonest).
    Of the due ones (``_DUE``), when the nudge shows only its first ``lines``,
    it needs only those whose time and circle could rank them there: the
    ``lines`` best by ``_DUE_ORDER`` (of those with the same concentration term:
    not the most seen lately), and any as good.  The rest are counted in
    SQL: how many are not professionals, their recent contacts, their first
    words (``words.first_word_counts``, on the word before the first space: a
    name is stored on one line with single spaces, ``text.one_line``; the few
    names whose word has no letter, whole), and the due ones.
    """
    recent_from = today - dt.timedelta(days=settings.recent_days - 1)
    conn.execute("PRAGMA temp_store = MEMORY")  # names never go to a temporary file
    conn.execute("DROP TABLE IF EXISTS temp.nudge_person")
    conn.execute(
        _PEOPLE_SQL,
        {
            "today": today.isoformat(),
            "today_day": today.toordinal() + _JULIAN_DAY_OF_ORDINAL_0,
            "online_counts_as": settings.online_counts_as,
            "recent_from": recent_from.isoformat(),
            **{f"cadence_{circle}": cadence_defaults[circle] for circle in CIRCLES},
            "needed": _json_ids(sorted(needed)),
        },
    )
    pool = _introduction_pool(conn, today, settings)
    most_recent, soonest_quiet = conn.execute(
        f"SELECT max(recent), coalesce(min(days_left) FILTER (WHERE {_QUIET}), 0)"
        " FROM temp.nudge_person"
    ).fetchone()
    order = {
        "time_cap": settings.time_cap,
        "time_weight": settings.weight("time"),
        "circle_weight": settings.weight("circle"),
    }
    lowest_due = None
    # Each due person is one 'catch up' line only when the time term can reach 1; more
    # lines than SQLite's integers hold are every line.
    cut = lines is not None and lines <= SQLITE_MAX_INT and not everyone
    if cut and order["time_weight"] > 0 and order["time_cap"] >= 1:
        nth = conn.execute(
            f"SELECT {_DUE_ORDER} AS o FROM temp.nudge_person WHERE {_DUE}"
            " AND NOT (recent > 0 AND recent = :most_recent)"
            " ORDER BY o DESC LIMIT 1 OFFSET :skip",
            {**order, "most_recent": most_recent, "skip": max(lines, 1) - 1},
        ).fetchone()
        if nth is not None:  # the N-th best, less what rounding can blur at its size
            lowest_due = nth[0] - _BLUR * max(1.0, abs(nth[0]))
    chosen = {
        **order,
        "everyone": everyone,
        "pool": _json_ids(pool),
        "most_recent": most_recent,
        "soonest_quiet": soonest_quiet,
        "lowest_due": lowest_due,
    }
    day = dt.date.fromisoformat
    people = tuple(
        PersonFacts(pid, name, circle, cadence, day(added), last and day(last),
                    last_ip and day(last_ip), recent, **extra.get(pid, {}))
        for pid, name, circle, cadence, added, last, last_ip, recent in conn.execute(
            "SELECT id, name, circle, cadence, added_on, last_contact, last_in_person, recent"
            f" FROM temp.nudge_person WHERE {_CHOSEN} ORDER BY id",
            chosen,
        )
    )  # fmt: skip
    social = recent_contacts = catch_ups = 0
    words: dict[str, int] = {}
    for word, count, not_professional, recent, due in conn.execute(
        f"SELECT {_FIRST_WORD} AS word, count(*),"
        " count(*) FILTER (WHERE circle != 'professional'), sum(recent),"
        f" count(*) FILTER (WHERE {_DUE})"
        f" FROM temp.nudge_person WHERE NOT {_CHOSEN} GROUP BY word",
        chosen,
    ):
        words[word] = count
        social += not_professional
        recent_contacts += recent
        catch_ups += due
    # A word without a letter ('+1', '🎸') is nobody's first name: those few names are
    # counted whole (SQL, which cannot tell a letter, reads the words with no a-z).
    if bare := {word for word in words if not has_letter(word)}:
        words = {word: count for word, count in words.items() if word not in bare}
        for word, name, count in conn.execute(
            f"SELECT {_FIRST_WORD}, name, count(*) FROM temp.nudge_person"
            f" WHERE NOT {_CHOSEN} AND {_FIRST_WORD} NOT GLOB '*[A-Za-z]*' GROUP BY name",
            chosen,
        ):
            if word in bare:
                words[name] = count
    conn.execute("DROP TABLE temp.nudge_person")
    left_out = LeftOut(social, recent_contacts, first_word_counts(words), catch_ups,
                       lines if catch_ups else None)  # fmt: skip
    return people, pool, left_out


def _introduction_pool(conn: sqlite3.Connection, today: dt.date, settings: Settings) -> list[int]:
    """The people introductions look at: not professionals, seen in the last
    ``introduction_days``, closest circle and most recent contact first, at most
    ``INTRODUCTION_POOL`` (none when introductions weigh nothing).  A circle at a
    time: most often the closest fills the pool, and the rest are never sorted."""
    pool: list[int] = []
    if settings.weight("introduction") <= 0:
        return pool
    since = (today - dt.timedelta(days=settings.introduction_days)).isoformat()
    for circle in CIRCLE_ORDER[:-1]:  # professionals are not introduced
        if len(pool) >= INTRODUCTION_POOL:
            break
        found = {"circle": circle, "since": since, "size": INTRODUCTION_POOL - len(pool)}
        pool += [pid for (pid,) in conn.execute(_POOL_SQL, found)]
    return pool


def _plans_soon(
    conn: sqlite3.Connection, today: dt.date, settings: Settings
) -> tuple[dict[int, tuple[PlanOccurrence, ...]], bool]:
    """Per person (never an archived one, as the nudge never names them), the dates of
    active plans in the next ``plan_lead_days`` not done or skipped; whether any is."""
    end = today + dt.timedelta(days=settings.plan_lead_days)
    rows = conn.execute(
        "SELECT p.id, p.title, p.rrule, p.starts_on, p.at_time, p.until_on,"
        " (SELECT group_concat(m.person_id) FROM plan_member m JOIN person x"
        "  ON x.id = m.person_id AND x.archived_on IS NULL WHERE m.plan_id = p.id)"
        " FROM plan p WHERE p.status = 'active' ORDER BY p.id"
    ).fetchall()
    marked = set(
        conn.execute(
            "SELECT plan_id, on_date FROM plan_occurrence WHERE on_date BETWEEN ? AND ?",
            (today.isoformat(), end.isoformat()),
        ).fetchall()
    )
    memo: dict = {}
    found: dict[int, list[PlanOccurrence]] = {}
    today_iso = today.isoformat()
    for plan_id, title, rule, starts, at_time, until, members in rows:
        starts_on = dt.date.fromisoformat(starts)
        if not members or starts_on > end or (until and until < today_iso):
            continue
        until_on = dt.date.fromisoformat(until) if until else None
        dates = dates_between(rule, starts_on, today, end, until_on, memo)
        if not dates:
            continue
        people = tuple(sorted(int(pid) for pid in members.split(",")))
        for day in dates:
            if (plan_id, day.isoformat()) in marked:
                continue
            occurrence = PlanOccurrence(plan_id, title, day, at_time, people)
            for pid in people:
                found.setdefault(pid, []).append(occurrence)
    return {pid: tuple(items) for pid, items in found.items()}, bool(rows)


def _communities(
    conn: sqlite3.Connection, today: dt.date, state: nudge_state.State
) -> tuple[GroupFacts, ...]:
    """Communities you belong to, with the meetings held since you last went."""
    from bisect import bisect_left

    from supportnet import recurrence

    window = (
        today - dt.timedelta(days=MISSED_LOOKBACK_DAYS),
        today + dt.timedelta(days=NEXT_MEETING_DAYS),
    )
    memo: dict = {}
    found = []
    rows = conn.execute(
        "SELECT c.id, c.name, c.rrule, c.starts_on, c.at_time, c.added_on,"
        " (SELECT max(g.on_date) FROM gettogether g WHERE g.community_id = c.id"
        "  AND g.on_date <= ?)"
        " FROM community c WHERE c.i_am_member = 1 AND c.archived_on IS NULL ORDER BY c.id",
        (today.isoformat(),),
    ).fetchall()
    for cid, name, rule, starts, at_time, added, last in rows:
        last_attended = dt.date.fromisoformat(last) if last else None
        missed, next_meeting = 0, None
        if rule and starts:
            starts_on = dt.date.fromisoformat(starts)
            if last_attended is not None:
                since = last_attended + dt.timedelta(days=1)
            else:
                since = dt.date.fromisoformat(added)
            dates = dates_between(rule, starts_on, *window, None, memo)
            upcoming = bisect_left(dates, today)
            missed = upcoming - bisect_left(dates, max(since, window[0]))
            if upcoming < len(dates):
                next_meeting = dates[upcoming]
            else:
                next_meeting = recurrence.next_occurrence(rule, starts_on, today)
        dismissals = state.community_dismissals.get(cid, ())
        found.append(
            GroupFacts(
                id=cid,
                name=name,
                missed_in_a_row=missed,
                last_attended=last_attended,
                next_meeting=next_meeting,
                at_time=at_time,
                snoozed_until=state.community_snoozes.get(cid),
                dismissals=dismissals,
                newest=nudge_state.community_newest(conn, cid) if dismissals else (0, 0, 0),
            )
        )
    missed = [c.id for c in found if c.missed_in_a_row]
    members = _closest_members(conn, today, missed, state.person_snoozes) if missed else {}
    return tuple(c._replace(members=members.get(c.id, ())) for c in found)


class _Member(NamedTuple):
    id: int
    name: str
    circle: str


def _closest_members(
    conn: sqlite3.Connection, today: dt.date, community_ids: list[int], snoozed: Iterable[int]
) -> dict[int, tuple[int, ...]]:
    """Per community, the member its "go back" line names: of the members not snoozed,
    the first by ``score.person_order`` (SQL keeps the closest circle among them, Python
    orders their names, folding accents).  Only they are read in full: a community's
    other members would be weighed for nothing."""
    tied: dict[int, list[_Member]] = {}
    for cid, pid, name, circle in conn.execute(
        "SELECT community_id, person_id, name, circle FROM ("
        " SELECT m.community_id, m.person_id, p.name, p.circle,"
        f"  rank() OVER (PARTITION BY m.community_id ORDER BY {_CIRCLE_RANK}) AS place"
        " FROM community_member m JOIN person p ON p.id = m.person_id"
        " WHERE m.community_id IN (SELECT value FROM json_each(:communities))"
        "  AND p.archived_on IS NULL AND p.added_on <= :today"
        "  AND m.person_id NOT IN (SELECT value FROM json_each(:snoozed)))"
        " WHERE place = 1",
        {
            "communities": _json_ids(community_ids),
            "snoozed": _json_ids(sorted(snoozed)),
            "today": today.isoformat(),
        },
    ):
        tied.setdefault(cid, []).append(_Member(pid, name, circle))
    return {cid: (min(members, key=person_order).id,) for cid, members in tied.items()}


def _pairs(conn: sqlite3.Connection, pool: list[int]) -> tuple[PairFacts, ...]:
    """Candidate introductions among the ``pool`` (``_introduction_pool``): two of
    them are a candidate when they share a tag or a community; ``together``: they
    were ever at one get-together together (``pair_contact``, kept by triggers)."""
    if len(pool) < 2:
        return ()
    marks = ", ".join("?" * len(pool))
    tags: dict[int, set[str]] = {pid: set() for pid in pool}
    for pid, tag in conn.execute(
        f"SELECT person_id, tag FROM person_tag WHERE person_id IN ({marks})", pool
    ):
        tags[pid].add(tag.casefold())
    groups: dict[int, set[str]] = {pid: set() for pid in pool}
    for pid, name in conn.execute(
        "SELECT m.person_id, c.name FROM community_member m JOIN community c"
        f" ON c.id = m.community_id WHERE m.person_id IN ({marks}) AND c.archived_on IS NULL",
        pool,
    ):
        groups[pid].add(name)
    candidates = []
    for i, a in enumerate(sorted(pool)):
        for b in sorted(pool)[i + 1 :]:
            shared_tags = tuple(sorted(tags[a] & tags[b]))
            shared_groups = tuple(sorted(groups[a] & groups[b], key=str.casefold))
            if shared_tags or shared_groups:
                candidates.append((a, b, shared_tags, shared_groups))
    if not candidates:
        return ()
    known, together = (
        set(conn.execute(
            f"SELECT person_a, person_b FROM {table} WHERE person_a IN ({marks})"
            f" AND person_b IN ({marks})",
            pool + pool,
        ).fetchall())
        for table in ("acquaintance", "pair_contact")  # recorded; met at a get-together
    )  # fmt: skip
    return tuple(
        PairFacts(a, b, shared_tags, shared_groups, (a, b) in together, (a, b) in known)
        for a, b, shared_tags, shared_groups in candidates
    )
