"""The sample network and its scaled-up cousin: counts, dates, determinism."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.scaled import build_scaled
from supportnet import db
from supportnet.sample import (
    ANA_SURGERY_IN_DAYS,
    SAM_BIRTHDAY_IN_DAYS,
    SAMPLE_PEOPLE,
    SAMPLE_SAFETY_PLAN,
    SAMPLE_SAFETY_PLAN_DAYS_AGO,
    build_sample,
)
from tests.conftest import TODAY, dump


def _fresh(path: Path) -> sqlite3.Connection:
    return db.open_database(path)


def _sample_db(path: Path, today: dt.date = TODAY) -> sqlite3.Connection:
    conn = _fresh(path)
    with db.write_session(conn) as session:
        build_sample(session, today)
    return conn


def _count(conn: sqlite3.Connection, table: str, where: str = "1") -> int:
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def _consistent(conn: sqlite3.Connection) -> None:
    """The copied columns agree with their parents; every reference resolves."""
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert (
        _count(
            conn,
            "attendance a JOIN gettogether g ON g.id = a.gettogether_id",
            "a.on_date != g.on_date OR a.in_person != g.in_person",
        )
        == 0
    )
    assert (
        _count(
            conn,
            "favor_person p JOIN favor f ON f.id = p.favor_id",
            "p.on_date != f.on_date OR p.direction != f.direction",
        )
        == 0
    )
    assert _count(conn, "gettogether g", "NOT EXISTS (SELECT 1 FROM attendance a"
                  " WHERE a.gettogether_id = g.id)") == 0  # fmt: skip


def test_sample_has_matters_people_to_lean_on_and_a_safety_plan(tmp_path: Path) -> None:
    conn = _sample_db(tmp_path / "s.db")
    matters = conn.execute("SELECT name, matters FROM community ORDER BY id").fetchall()
    assert matters == [("Riverside Community Chorus", 5), ("Northside Food Bank", 3)]
    sections = dict(
        conn.execute("SELECT section, count(*) FROM safety_plan_entry GROUP BY section")
    )
    assert sections == {section: len(lines) for section, lines in SAMPLE_SAFETY_PLAN.items()}
    reviewed = TODAY - dt.timedelta(days=SAMPLE_SAFETY_PLAN_DAYS_AGO)
    assert conn.execute("SELECT max(reviewed_on) FROM safety_plan_review").fetchone() == (
        reviewed.isoformat(),
    )
    roles = conn.execute("SELECT role, count(*) FROM safety_role GROUP BY role ORDER BY role")
    assert roles.fetchall() == [("ask_for_help", 2), ("takes_mind_off", 3)]
    assert _count(conn, "resource") == 1
    _consistent(conn)


def test_sample_has_every_part_of_a_network(tmp_path: Path) -> None:
    conn = _sample_db(tmp_path / "s.db")
    counts = {t: _count(conn, t) for t in (
        "person", "plan", "plan_member", "community", "community_member", "favor",
        "life_event", "acquaintance", "person_contact")}  # fmt: skip
    assert counts == {
        "person": 12,
        "plan": 3,
        "plan_member": 4,
        "community": 2,
        "community_member": 3,
        "favor": 7,
        "life_event": 3,
        "acquaintance": 3,
        "person_contact": 10,
    }
    assert _count(conn, "gettogether") >= 50
    assert _count(conn, "gettogether", "in_person = 0") >= 10
    assert _count(conn, "gettogether", "community_id IS NOT NULL") >= 8
    assert _count(conn, "plan_occurrence", "status = 'skipped'") == 3
    assert _count(conn, "plan_occurrence", "status = 'done' AND gettogether_id IS NULL") == 0
    assert _count(conn, "favor", "direction = 'given'") == 4
    assert _count(conn, "favor", "direction = 'received'") == 3
    assert {row[0] for row in conn.execute("SELECT circle FROM person")} == {
        "inner", "close", "friend", "acquaintance", "prospect", "professional"}  # fmt: skip
    _consistent(conn)


def test_sample_is_dated_relative_to_today(tmp_path: Path) -> None:
    conn = _sample_db(tmp_path / "s.db")
    today = TODAY.isoformat()
    assert _count(conn, "gettogether", f"on_date >= '{today}'") == 0
    latest = conn.execute("SELECT max(on_date) FROM gettogether").fetchone()[0]
    assert dt.date.fromisoformat(latest) >= TODAY - dt.timedelta(days=7)
    sam = conn.execute(
        "SELECT birthday_month, birthday_day, birthday_year FROM person WHERE name = 'Sam Carter'"
    ).fetchone()
    soon = TODAY + dt.timedelta(days=SAM_BIRTHDAY_IN_DAYS)
    assert sam == (soon.month, soon.day, 1990)
    surgery = conn.execute(
        "SELECT e.on_date, e.tone FROM life_event e JOIN person p ON p.id = e.person_id"
        " WHERE p.name = 'Ana Okafor'"
    ).fetchone()
    assert surgery == ((TODAY + dt.timedelta(days=ANA_SURGERY_IN_DAYS)).isoformat(), "hard")
    assert _count(conn, "life_event", "tone = 'happy'") == 1
    # Sam has not been seen for about five weeks: something for the nudge to say.
    last_sam = conn.execute(
        "SELECT max(a.on_date) FROM attendance a JOIN person p ON p.id = a.person_id"
        " WHERE p.name = 'Sam Carter'"
    ).fetchone()[0]
    assert 30 <= (TODAY - dt.date.fromisoformat(last_sam)).days <= 42


def test_sample_returns_ids_by_name_and_is_deterministic(tmp_path: Path) -> None:
    one = _fresh(tmp_path / "a.db")
    with db.write_session(one) as session:
        ids = build_sample(session, TODAY)
    assert list(ids) == [row[0] for row in SAMPLE_PEOPLE]
    assert ids["Maya López"] == 1
    one.close()
    _sample_db(tmp_path / "b.db").close()
    assert _without_migration_stamps(dump(tmp_path / "a.db")) == _without_migration_stamps(
        dump(tmp_path / "b.db")
    )


def _without_migration_stamps(text: str) -> str:
    """The dump without what differs between any two databases: when each migration
    ran, and each database's random identity."""
    return "\n".join(
        line
        for line in text.splitlines()
        if "schema_migration" not in line and 'database_identity" VALUES' not in line
    )


# 20 drawn days, not 40, each a quarter second: the days that could go wrong (a leap
# day, the day after a short February, the turn of a year) are named as examples.
@settings(max_examples=20, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
@example(dt.date(2024, 2, 29))
@example(dt.date(2025, 3, 1))
@example(dt.date(2027, 1, 1))
@example(dt.date(2026, 12, 31))
def test_sample_builds_on_any_day(tmp_path_factory: pytest.TempPathFactory, today: dt.date):
    conn = _sample_db(tmp_path_factory.mktemp("any") / "s.db", today)
    assert _count(conn, "gettogether", f"on_date >= '{today.isoformat()}'") == 0
    assert _count(conn, "gettogether") >= 50
    _consistent(conn)
    conn.close()


def test_scaled_counts_and_consistency(tmp_path: Path) -> None:
    conn = _fresh(tmp_path / "big.db")
    with db.transaction(conn):
        counts = build_scaled(conn, TODAY, people=300, gettogethers=5000, plans=5,
                              communities=3, favors=200, events=20, seed=7)  # fmt: skip
    assert counts == {"person": 300, "gettogether": 5000, "plan": 5, "community": 3,
                      "favor": 200, "life_event": 20}  # fmt: skip
    for table, expected in counts.items():
        assert _count(conn, table) == expected
    assert _count(conn, "gettogether", f"on_date > '{TODAY.isoformat()}'") == 0
    first = conn.execute("SELECT min(on_date) FROM gettogether").fetchone()[0]
    assert dt.date.fromisoformat(first) >= TODAY - dt.timedelta(days=5 * 365)
    assert _count(conn, "gettogether", "community_id IS NOT NULL") > 0
    assert _count(conn, "gettogether", "plan_id IS NOT NULL") > 0
    assert _count(conn, "gettogether", "in_person = 0") > 0
    _consistent(conn)


def test_scaled_has_a_few_close_people_seen_often(tmp_path: Path) -> None:
    conn = _fresh(tmp_path / "big.db")
    with db.transaction(conn):
        build_scaled(conn, TODAY, people=1000, gettogethers=20000)
    per_person = dict(
        conn.execute(
            "SELECT p.circle, 1.0 * count(a.person_id) / count(DISTINCT p.id)"
            " FROM person p LEFT JOIN attendance a ON a.person_id = p.id GROUP BY p.circle"
        ).fetchall()
    )
    circles = dict(conn.execute("SELECT circle, count(*) FROM person GROUP BY circle"))
    assert circles["inner"] <= 4 and circles["close"] <= 30
    assert circles["acquaintance"] > 0.8 * 1000
    assert per_person["inner"] > 5 * per_person["friend"] > 5 * per_person["acquaintance"]


def test_scaled_is_deterministic_by_seed(tmp_path: Path) -> None:
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        conn = _fresh(tmp_path / f"{name}.db")
        with db.transaction(conn):
            build_scaled(conn, TODAY, people=50, gettogethers=500, plans=2, communities=1,
                         favors=20, events=5, seed=seed)  # fmt: skip
        conn.close()
    a, b, c = (_without_migration_stamps(dump(tmp_path / f"{n}.db")) for n in "abc")
    assert a == b
    assert a != c


def test_scaled_adds_to_an_existing_network(tmp_path: Path) -> None:
    conn = _sample_db(tmp_path / "s.db")
    with db.transaction(conn):
        build_scaled(conn, TODAY, people=20, gettogethers=100, favors=5, plans=1,
                     communities=1)  # fmt: skip
    assert _count(conn, "person") == 32
    _consistent(conn)


def test_scaled_needs_people(tmp_path: Path) -> None:
    conn = _fresh(tmp_path / "s.db")
    with pytest.raises(ValueError, match="at least one person"):
        build_scaled(conn, TODAY, people=0, gettogethers=10)
