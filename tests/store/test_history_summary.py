"""``first_contact`` and ``gettogether_day`` (migration 0013): each person's first
get-together and each day's count of get-togethers (and of them in person); and
``pair_contact`` (0015): how many get-togethers each two people shared, and the
latest; kept by triggers whatever writes the history, equal at every step to a count
made afresh."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from pathlib import Path

from supportnet import db
from supportnet.migrations import all_migrations
from tests.attendance_by_hand import add_gettogether, add_people, random_walk

#: What each table must hold: the same answer, counted afresh.
RECOUNT = {
    "first_contact": "SELECT person_id, min(on_date) FROM attendance GROUP BY person_id"
    " ORDER BY person_id",
    "gettogether_day": "SELECT on_date, count(*), sum(in_person) FROM gettogether"
    " GROUP BY on_date ORDER BY on_date",
    "pair_contact": "SELECT a.person_id, b.person_id, count(*), max(a.on_date) FROM attendance a"
    " JOIN attendance b ON b.gettogether_id = a.gettogether_id AND b.person_id > a.person_id"
    " GROUP BY 1, 2 ORDER BY 1, 2",
}


def _kept(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def _assert_equal_to_a_recount(conn: sqlite3.Connection) -> None:
    for table, recount in RECOUNT.items():
        assert _kept(conn, table) == conn.execute(recount).fetchall(), table


def test_every_kind_of_write_keeps_them_equal_to_a_recount(tmp_path: Path) -> None:
    """Logging, editing a date or the way of meeting, moving attendance to another
    person (a merge), removing a get-together, someone from one, or a person."""
    conn = db.open_database(tmp_path / "t.db")
    # Few days, so that days hold several get-togethers and lose them again.
    random_walk(
        conn,
        random.Random(13),
        700,
        lambda rnd: dt.date(2026, rnd.randint(1, 3), rnd.randint(1, 6)),
        _assert_equal_to_a_recount,
    )
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # The walk left people with get-togethers and days with several to compare.
    assert len(_kept(conn, "first_contact")) > 3
    assert any(n > 1 for _, n, _ in _kept(conn, "gettogether_day"))
    assert any(n > 1 for _, _, n, _ in _kept(conn, "pair_contact"))


def test_the_migration_fills_them_from_the_history_already_there(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    db.migrate(conn, None, [m for m in all_migrations() if m.label < "0013_history_summary"])
    add_people(conn, range(1, 4))
    add_gettogether(conn, 1, "2026-03-01", 1, [1, 2])
    add_gettogether(conn, 2, "2026-04-01", 0, [1])
    add_gettogether(conn, 3, "2026-04-01", 1, [3])
    conn.commit()
    db.migrate(conn, None, all_migrations())
    assert _kept(conn, "first_contact") == [(1, "2026-03-01"), (2, "2026-03-01"), (3, "2026-04-01")]
    assert _kept(conn, "gettogether_day") == [("2026-03-01", 1, 1), ("2026-04-01", 2, 1)]
    assert _kept(conn, "pair_contact") == [(1, 2, 1, "2026-03-01")]


def _log(run, db_path: Path, *args: str) -> None:
    run("--db", str(db_path), "log", *args)


def test_log_edit_undo_and_removal_through_the_commands(run, tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    for name in ("Maya", "Sam", "Leo"):
        run("--db", str(path), "add", name)
    _log(run, path, "coffee", "--with", "Maya", "--with", "Sam", "--on", "2026-05-01")
    _log(run, path, "call", "--with", "Maya", "--on", "2026-05-01")
    _log(run, path, "walk", "--with", "Leo", "--on", "2026-04-20")
    run("--db", str(path), "log", "edit", "#3", "--on", "2026-05-03", "--online")
    _log(run, path, "visit", "--with", "Sam", "--on", "2026-03-02")
    conn = db.open_database(path)
    assert _kept(conn, "first_contact") == [(1, "2026-05-01"), (2, "2026-03-02"), (3, "2026-05-03")]
    _assert_equal_to_a_recount(conn)
    run("--db", str(path), "log", "undo", "--yes")
    assert _kept(conn, "first_contact")[1] == (2, "2026-05-01")
    assert _kept(conn, "gettogether_day") == [("2026-05-01", 2, 1), ("2026-05-03", 1, 0)]
    _assert_equal_to_a_recount(conn)
    # Sam's only get-together left was #1: no first any more; Leo's is earlier now.
    run("--db", str(path), "log", "edit", "#1", "--add", "Leo", "--drop", "Sam")
    assert _kept(conn, "first_contact") == [(1, "2026-05-01"), (3, "2026-05-01")]
    run("--db", str(path), "remove", "Maya", "--yes")
    _assert_equal_to_a_recount(conn)
    assert _kept(conn, "first_contact") == [(3, "2026-05-01")]


def test_a_json_import_fills_them_though_they_are_not_in_the_export(run, tmp_path: Path) -> None:
    """The export leaves the derived tables out; the import (which sets triggers
    aside while it loads) makes them again, also when it replaces a database."""
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    run("--db", str(source), "add", "Maya")
    run("--db", str(source), "add", "Sam")
    _log(run, source, "coffee", "--with", "Maya", "--with", "Sam", "--on", "2026-05-01")
    _log(run, source, "call", "--with", "Maya", "--on", "2026-06-01")
    _log(run, source, "walk", "--with", "Sam", "--on", "2026-06-01")
    export = tmp_path / "e.json"
    run("--db", str(source), "export", "--format", "json", "-o", str(export))
    tables = json.loads(export.read_text(encoding="utf-8"))["tables"]
    assert not {"first_contact", "gettogether_day", "pair_contact"} & set(tables)
    run("--db", str(target), "add", "Leo")
    _log(run, target, "walk", "--with", "Leo", "--on", "2026-06-05")
    run("--db", str(target), "import", str(export), "--replace")
    conn = db.open_database(target)
    assert _kept(conn, "first_contact") == [(1, "2026-05-01"), (2, "2026-05-01")]
    assert _kept(conn, "gettogether_day") == [("2026-05-01", 1, 1), ("2026-06-01", 2, 1)]
    _assert_equal_to_a_recount(conn)


def test_a_row_given_to_another_get_together_and_person_at_once(tmp_path: Path) -> None:
    """No command does it, but the trigger watches both columns: the row's old partners
    lose it (the new person among them), its new ones gain it."""
    conn = db.open_database(tmp_path / "t.db")
    with db.transaction(conn):
        add_people(conn, range(1, 5))
        add_gettogether(conn, 1, "2026-01-05", 1, [1, 2])
        add_gettogether(conn, 2, "2026-02-02", 0, [3])
        add_gettogether(conn, 3, "2026-03-01", 1, [1, 2, 4])
    with db.transaction(conn):
        conn.execute(
            "UPDATE attendance SET gettogether_id = 2, person_id = 2, on_date = '2026-02-02',"
            " in_person = 0 WHERE gettogether_id = 1 AND person_id = 1"
        )
    _assert_equal_to_a_recount(conn)
    assert conn.execute(
        "SELECT last_on, together FROM pair_contact WHERE person_a = 1 AND person_b = 2"
    ).fetchone() == ("2026-03-01", 1)
    with db.transaction(conn):  # the way of meeting alone: the pairs stay as they are
        conn.execute("UPDATE gettogether SET in_person = 0 WHERE id = 3")
    _assert_equal_to_a_recount(conn)
