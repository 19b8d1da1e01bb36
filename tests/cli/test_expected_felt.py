"""Expecting and feeling: `plan --expect`, `done --felt`, `log --felt`, `log edit --felt`,
and expected against felt in the review and report; all of it survives a JSON round trip."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def _rows(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _network(run) -> None:
    run("add", "Maya")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "mon",
        "--starting", "2026-05-01", "--expect", "2")  # fmt: skip
    run("done", "coffee", "--on", "2026-06-08", "--felt", "4")
    run("done", "coffee", "--on", "2026-06-01")  # no felt yet: the expectation is kept
    run("log", "walk", "--with", "Maya", "--on", "yesterday", "--felt", "5")


def test_expected_and_felt_are_kept_with_the_get_together(run, db_path: Path) -> None:
    _network(run)
    assert _rows(db_path, "SELECT plan_id, expected FROM plan_expectation") == [(1, 2)]
    assert _rows(db_path, "SELECT gettogether_id, expected, felt FROM gettogether_feeling"
                 " ORDER BY gettogether_id") == [(1, 2, 4), (2, 2, None), (3, None, 5)]  # fmt: skip
    run("log", "edit", "2", "--felt", "3")
    assert _rows(db_path, "SELECT expected, felt FROM gettogether_feeling"
                 " WHERE gettogether_id = 2") == [(2, 3)]  # fmt: skip


def test_a_feeling_outside_1_to_5_changes_nothing(run, unchanged) -> None:
    run("add", "Maya")
    with unchanged():
        result = run("log", "walk", "--with", "Maya", "--felt", "6", expect=5)
    assert result.stderr.strip() == "--felt is from 1 (not much) to 5 (very much), not 6."
    with unchanged():
        run("plan", "tea", "--with", "Maya", "--every", "week", "--expect", "0", expect=5)


def test_the_review_says_expected_against_felt_gently(run) -> None:
    _network(run)
    data = json.loads(run("review", "--json").stdout)["expected_felt"]
    assert data == {"pairs": 1, "expected": 2.0, "felt_of_pairs": 4.0, "felt_count": 2,
                    "felt": 4.5}  # fmt: skip
    words = ("You expected 2 on average and felt 4 (1 get-together with both) — time with "
             "others is often better than we expect.")  # fmt: skip
    assert f"Expected and felt\n  {words}" in run("review").stdout
    assert words in run("report").stdout
    assert words in run("report", "--format", "html").stdout


def test_check_ins_and_feelings_survive_a_json_round_trip(run, db_path: Path, tmp_path) -> None:
    _network(run)
    measure = tmp_path / "mine.toml"
    text = 'name = "mine"\ntitle = "Mine"\ncitation = "ours"\nscoring = "sum"\n'
    text += '[[items]]\ntext = "One"\noptions = [["no", 0], ["yes", 1]]\n'
    measure.write_text(text, "utf-8")
    run("check-in", "add-measure", str(measure))
    run("check-in", "--measure", "mine", "-a", "1=1")
    run("check-in", "-a", "1=4", "-a", "2=2", "-a", "3=4", "-a", "4=3", "--every", "week")
    run("check-in", "snooze", "--for", "3d")
    out = tmp_path / "all.json"
    run("export", "--format", "json", "-o", str(out))
    other = tmp_path / "other" / "supportnet.db"
    run("--db", str(other), "import", str(out))
    tables = ("measure", "check_in", "check_in_answer", "check_in_cadence", "plan_expectation",
              "gettogether_feeling")  # fmt: skip
    for table in tables:
        rows = _rows(db_path, f"SELECT * FROM {table} ORDER BY 1")
        assert rows and rows == _rows(other, f"SELECT * FROM {table} ORDER BY 1"), table
