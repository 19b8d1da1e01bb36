"""Queries rewritten for speed at scale give what the old ones gave, on a small
generated network (benchmarks/scaled.py) with recorded pairs and archived people."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.scaled import build_scaled
from supportnet import db
from supportnet.store.gettogethers import Acquaintance, known_by
from supportnet.store.records import fetch
from supportnet.text import fold
from tests.conftest import TODAY

#: `known_by` as it was before issue 17 (a join of everyone known to the grouped
#: shared get-togethers), kept here as the reference.
_OLD_KNOWN_BY = (
    "WITH shared AS ("
    "  SELECT b.person_id AS id, count(*) AS together, max(b.on_date) AS last_together"
    "  FROM attendance a JOIN attendance b"
    "   ON b.gettogether_id = a.gettogether_id AND b.person_id != a.person_id"
    "  WHERE a.person_id = ? GROUP BY b.person_id),"
    " noted AS (SELECT person_b AS id FROM acquaintance WHERE person_a = ?"
    "  UNION SELECT person_a FROM acquaintance WHERE person_b = ?)"
    " SELECT p.id, p.name, k.id IN (SELECT id FROM noted) AS recorded,"
    "  coalesce(s.together, 0) AS together, s.last_together"
    " FROM (SELECT id FROM shared UNION SELECT id FROM noted) k"
    " JOIN person p ON p.id = k.id LEFT JOIN shared s ON s.id = k.id"
    " WHERE p.archived_on IS NULL"
)


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path: Path = tmp_path_factory.mktemp("scaled") / "s.db"
    conn = db.open_database(path)
    chance = random.Random(17)
    with db.transaction(conn):
        build_scaled(conn, TODAY, people=120, gettogethers=3000, plans=6, communities=4,
                     favors=150, events=20, seed=17)  # fmt: skip
        pairs = {tuple(sorted(chance.sample(range(1, 121), 2))) for _ in range(300)}
        conn.executemany(
            "INSERT INTO acquaintance (person_a, person_b, added_on) VALUES (?, ?, '2026-01-01')",
            sorted(pairs),
        )
        conn.executemany(
            "UPDATE person SET archived_on = '2026-05-01' WHERE id = ?",
            [(pid,) for pid in chance.sample(range(1, 121), 12)],
        )
        # Someone met only online: no day in person.
        online = conn.execute(
            "INSERT INTO person (name, circle, added_on) VALUES ('Online Only', 'friend', ?)",
            ("2026-01-01",),
        ).lastrowid
        gid = conn.execute(
            "INSERT INTO gettogether (kind, on_date, in_person, logged_at)"
            " VALUES ('call', '2026-02-02', 0, '2026-02-02T10:00:00+00:00')"
        ).lastrowid
        conn.execute("INSERT INTO attendance VALUES (?, ?, '2026-02-02', 0)", (gid, online))
    yield conn
    conn.close()


def test_known_by_gives_what_the_old_query_gave(network: sqlite3.Connection) -> None:
    busiest = network.execute(
        "SELECT person_id FROM attendance GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    checked = 0
    for pid in [busiest, *range(1, 121)]:
        old = fetch(network, Acquaintance, _OLD_KNOWN_BY, (pid, pid, pid))
        old.sort(key=lambda a: (-a.together, fold(a.name), a.id))
        new, in_all = known_by(network, pid)
        assert (new, in_all) == (old, len(old)), pid
        # The first few, as the screen names them (ties at the cut ordered by name).
        for first in (0, 1, 5, 12, len(old), len(old) + 3):
            assert known_by(network, pid, first) == (old[:first], len(old)), (pid, first)
        checked += bool(new)
    # The sample has people known only by a recorded pair, only by meeting, and both.
    assert checked > 100
    everyone = [a for pid in range(1, 121) for a in known_by(network, pid)[0]]
    assert any(a.recorded and not a.together for a in everyone)
    assert any(a.together and not a.recorded for a in everyone)
    assert any(a.together and a.recorded for a in everyone)
    assert all(isinstance(a.last_together, dt.date) for a in everyone if a.together)


def test_show_contact_gives_what_the_old_query_gave(network: sqlite3.Connection) -> None:
    from supportnet.store.gettogethers import person_summary

    never_in_person = network.execute(
        "SELECT id FROM person WHERE name = 'Online Only'"
    ).fetchone()[0]
    # Today, and a day in the past (``--today``): the contact after it does not count.
    for day in (TODAY, TODAY - dt.timedelta(days=200)):
        for pid in [*range(1, 121), never_in_person]:
            count, last, in_person = network.execute(
                "SELECT count(*), max(on_date), max(CASE WHEN in_person = 1 THEN on_date END)"
                " FROM attendance WHERE person_id = :pid AND on_date <= :day",
                {"pid": pid, "day": day.isoformat()},
            ).fetchone()
            summary = person_summary(network, pid, day)
            assert (summary["count"], summary["last_contact"], summary["last_in_person"]) == (
                count, last, in_person,
            ), (pid, day)  # fmt: skip
    assert person_summary(network, never_in_person, TODAY)["last_in_person"] is None


#: Who was seen between two dates, as the review asked before issue 17.
_OLD_PEOPLE_SEEN = (
    "SELECT p.id, p.name, count(*) AS gettogethers, sum(g.in_person) AS in_person"
    " FROM gettogether g"
    " JOIN attendance a ON a.gettogether_id = g.id JOIN person p ON p.id = a.person_id"
    " WHERE g.on_date BETWEEN ? AND ? GROUP BY p.id ORDER BY gettogethers DESC, p.name, p.id"
)


def _spans() -> list[tuple[dt.date, dt.date]]:
    chance = random.Random(3)
    spans = [(TODAY - dt.timedelta(days=6), TODAY), (TODAY - dt.timedelta(days=371), TODAY)]
    for _ in range(25):
        start = TODAY - dt.timedelta(days=chance.randint(0, 5 * 365))
        spans.append((start, start + dt.timedelta(days=chance.choice([0, 1, 6, 13, 40, 200]))))
    return spans


def test_review_queries_give_what_the_old_ones_gave(network: sqlite3.Connection) -> None:
    from supportnet.store.progress import active_periods, counts_by_period
    from supportnet.store.review import PersonSeen, _people_seen

    kinds = ("gettogethers", "in_person", "community", "favors", "favors_received")
    found = 0
    for start, end in _spans():
        s, e = start.isoformat(), end.isoformat()
        spread_start = min(start, end - dt.timedelta(weeks=12) + dt.timedelta(days=1))
        seen = fetch(network, PersonSeen, _OLD_PEOPLE_SEEN, (s, e))
        spread = fetch(network, PersonSeen, _OLD_PEOPLE_SEEN, (spread_start.isoformat(), e))
        assert _people_seen(network, spread_start, start, end) == (
            [(p.id, p.name, p.gettogethers, p.in_person) for p in seen],
            [(p.id, p.name, p.gettogethers) for p in spread],
        )
        for kind in kinds:
            for period in ("week", "month"):
                counted = counts_by_period(network, kind, period, start, end)
                active = active_periods(network, kind, period, start, end)
                assert active == {k for k, n in counted.items() if n > 0}, (kind, period, s, e)
                found += len(active)
    assert found > 100  # the spans hold weeks with and without each kind


#: Who was met for the first time between two dates, asked as before migration 0013
#: (everyone's first get-together looked up in attendance), under today's rule: each
#: person once, added only while nothing is logged with them, and never on the first
#: day anyone was added.
_OLD_NEW_PEOPLE = """
    SELECT pid, d, 'first_gettogether' AS how FROM (
        SELECT p.id AS pid,
               (SELECT min(a.on_date) FROM attendance a WHERE a.person_id = p.id) AS d
        FROM person p)
    WHERE d BETWEEN ? AND ?
    UNION ALL
    SELECT p.id, p.added_on, 'added' FROM person p WHERE p.added_on BETWEEN ? AND ?
    AND NOT EXISTS (SELECT 1 FROM attendance a3 WHERE a3.person_id = p.id)
    AND p.added_on > (SELECT min(added_on) FROM person)
"""


def test_counts_from_the_summaries_give_what_counting_the_history_gave(
    network: sqlite3.Connection,
) -> None:
    """New people, get-togethers (and in person) per day, week and month, and the
    review's totals, read from first_contact and gettogether_day (migration 0013)."""
    from supportnet.goals import period_start
    from supportnet.store.progress import NEW_PEOPLE_SQL, counts_by_period
    from supportnet.store.review import _numbers

    def recount(kind: str, period: str, s: str, e: str) -> dict[dt.date, int]:
        counted: dict[dt.date, int] = {}
        flag = " AND in_person = 1" if kind == "in_person" else ""
        for (day,) in network.execute(
            f"SELECT on_date FROM gettogether WHERE on_date BETWEEN ? AND ?{flag}", (s, e)
        ):
            day = dt.date.fromisoformat(day)
            key = day if period == "day" else period_start(day, period)
            counted[key] = counted.get(key, 0) + 1
        return counted

    new_found = 0
    for start, end in _spans():
        s, e = start.isoformat(), end.isoformat()
        old = sorted(network.execute(_OLD_NEW_PEOPLE, (s, e, s, e)).fetchall())
        assert sorted(network.execute(NEW_PEOPLE_SQL, (s, e, s, e)).fetchall()) == old
        new_found += len(old)
        for kind in ("gettogethers", "in_person"):
            for period in ("day", "week", "month"):
                got = counts_by_period(network, kind, period, start, end)
                assert got == recount(kind, period, s, e), (kind, period, s, e)
        facts = _numbers(network, start, end)
        (total,) = network.execute("SELECT count(*) FROM gettogether").fetchone()
        (before,) = network.execute(
            "SELECT count(*) FROM gettogether WHERE on_date < ?", (s,)
        ).fetchone()
        (after,) = network.execute(
            "SELECT count(*) FROM gettogether WHERE on_date > ?", (e,)
        ).fetchone()
        assert (facts.total_before, facts.total_by_end) == (before, total - after)
        assert facts.gettogethers == sum(recount("gettogethers", "day", s, e).values())
        assert facts.in_person == sum(recount("in_person", "day", s, e).values())
    assert new_found > 20  # the spans hold people met and people added
