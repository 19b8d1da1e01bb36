"""``last_contact`` (migration 0012): each person's latest get-together and latest
in person, kept by triggers from attendance whatever writes it, and read by the
nudge with an index seek only for a date after "today"."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from pathlib import Path

from supportnet import db
from supportnet.config import DEFAULTS
from supportnet.migrations import all_migrations
from supportnet.nudge import Settings
from supportnet.store.nudge_facts import gather
from tests.attendance_by_hand import add_gettogether, add_people, random_walk

#: What the table must hold: the same answer, straight from attendance.
FROM_ATTENDANCE = (
    "SELECT person_id, max(on_date), max(CASE WHEN in_person = 1 THEN on_date END)"
    " FROM attendance GROUP BY person_id ORDER BY person_id"
)


def _kept(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("SELECT * FROM last_contact ORDER BY person_id").fetchall()


def test_every_kind_of_write_keeps_it_equal_to_attendance(tmp_path: Path) -> None:
    """Logging, editing a date or the way of meeting, moving attendance to another
    person (a merge), removing a get-together, someone from one, or a person."""
    conn = db.open_database(tmp_path / "t.db")
    conn.isolation_level = None

    def equal_to_attendance(conn: sqlite3.Connection) -> None:
        assert _kept(conn) == conn.execute(FROM_ATTENDANCE).fetchall()

    random_walk(
        conn,
        random.Random(12),
        600,
        lambda rnd: dt.date(2026, rnd.randint(1, 12), rnd.randint(1, 28)),
        equal_to_attendance,
    )
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert len(_kept(conn)) > 3  # the walk left people with get-togethers to compare


def test_the_migration_fills_it_from_the_get_togethers_already_there(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    before = [m for m in all_migrations() if m.label < "0012_last_contact"]
    db.migrate(conn, None, before)
    add_people(conn, range(1, 4))
    add_gettogether(conn, 1, "2026-03-01", 1, [1, 2])
    add_gettogether(conn, 2, "2026-04-01", 0, [1])
    conn.commit()
    db.migrate(conn, None, all_migrations())
    assert _kept(conn) == [(1, "2026-04-01", "2026-03-01"), (2, "2026-03-01", "2026-03-01")]


def test_a_day_before_the_latest_get_together_reads_the_history(tmp_path: Path) -> None:
    """With "today" set before someone's latest get-together (`--today`, or a clock
    put back), their contact is what had happened by then."""
    conn = db.open_database(tmp_path / "t.db")
    add_people(conn, range(1, 2))
    add_gettogether(conn, 1, "2026-03-01", 1, [1])
    add_gettogether(conn, 2, "2026-05-01", 0, [1])
    add_gettogether(conn, 3, "2026-06-01", 1, [1])
    conn.commit()

    def contact(today: dt.date) -> tuple:
        (p,) = gather(conn, today, Settings(), DEFAULTS["cadence"], everyone=True).people
        return p.last_contact, p.last_in_person, p.recent_contacts

    assert contact(dt.date(2026, 6, 10)) == (dt.date(2026, 6, 1), dt.date(2026, 6, 1), 2)
    assert contact(dt.date(2026, 5, 20)) == (dt.date(2026, 5, 1), dt.date(2026, 3, 1), 1)
    assert contact(dt.date(2026, 4, 1)) == (dt.date(2026, 3, 1), dt.date(2026, 3, 1), 1)


def test_a_json_import_fills_it_though_it_is_not_in_the_export(run, tmp_path: Path) -> None:
    """The export leaves the derived table out; the import (which sets triggers
    aside while it loads) makes it again, also when it replaces a database."""
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    run("--db", str(source), "add", "Maya")
    run("--db", str(source), "add", "Sam")
    run(
        "--db",
        str(source),
        "log",
        "coffee",
        "--with",
        "Maya",
        "--with",
        "Sam",
        "--on",
        "2026-05-01",
    )
    run("--db", str(source), "log", "call", "--with", "Maya", "--on", "2026-06-01")
    export = tmp_path / "e.json"
    run("--db", str(source), "export", "--format", "json", "-o", str(export))
    assert "last_contact" not in json.loads(export.read_text(encoding="utf-8"))["tables"]
    run("--db", str(target), "add", "Leo")
    run("--db", str(target), "log", "walk", "--with", "Leo", "--on", "2026-06-05")
    run("--db", str(target), "import", str(export), "--replace")
    conn = db.open_database(target)
    assert _kept(conn) == [(1, "2026-06-01", "2026-05-01"), (2, "2026-05-01", "2026-05-01")]
    assert _kept(conn) == conn.execute(FROM_ATTENDANCE).fetchall()
