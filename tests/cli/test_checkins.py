"""`supportnet check-in`: asked or given by flags, measures from TOML files, the list,
removing, the cadence and its snooze."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

#: A small measure of the test's own: two items on 0-2, the second reverse-scored.
MINE = """name = "mine"
title = "A measure of mine"
citation = "Written for supportnet's tests."
scoring = "sum"

[[items]]
text = "How much of the first thing?"
options = [["none", 0], ["some", 1], ["lots", 2]]

[[items]]
text = "How much of the second thing?"
options = [["none", 0], ["some", 1], ["lots", 2]]
reverse = true

[[bands]]
from = 0
to = 1
label = "a little"

[[bands]]
from = 2
to = 4
label = "more"
"""

OWN = ["-a", "1=4", "-a", "2=2", "-a", "3=4", "-a", "4=3"]


def _rows(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    return path


def test_flags_record_a_check_in_with_its_date(run, db_path: Path) -> None:
    result = run("check-in", *OWN, "--on", "2026-06-03")
    assert result.stdout.startswith("Saved check-in #1 for 3 June 2026: 3.75 on a scale of 1 to 5")
    result = run("check-in", "-a", "1=5", "-a", "2=1", "-a", "3=5", "-a", "4=5")
    assert "5 on a scale of 1 to 5, up 1.25 since 3 June." in result.stdout
    assert _rows(db_path, "SELECT measure_id, on_date FROM check_in ORDER BY id") == [
        (None, "2026-06-03"),
        (None, "2026-06-10"),
    ]
    assert _rows(db_path, "SELECT item, value FROM check_in_answer WHERE check_in_id = 1") == [
        (1, 4.0),
        (2, 2.0),
        (3, 4.0),
        (4, 3.0),
    ]


def test_the_questions_are_asked_one_a_screen(run, db_path: Path) -> None:
    # 4, then 5 by mistake, back, 2; a word that is no answer is asked again.
    result = run("check-in", input="4\n5\nb\n2\nmaybe\n4\n3\n")
    out = result.stdout
    assert out.count("question 1 of 4") == 1 and out.count("question 2 of 4") == 2
    assert "2. A little of it   (your answer)" not in out  # 5 was chosen, then changed
    assert "5. Nearly all of it   (your answer)" in out
    assert "Type a number from 1 to 5." in out
    assert "Saved check-in #1 for 10 June 2026: 3.75" in out
    assert _rows(db_path, "SELECT value FROM check_in_answer ORDER BY item") == [
        (4.0,),
        (2.0,),
        (4.0,),
        (3.0,),
    ]


def test_questions_left_unanswered_save_nothing(run, db_path: Path) -> None:
    run("check-in", "--every", "week")
    before = _rows(db_path, "SELECT count(*) FROM check_in")
    result = run("check-in", input="4\n2\n", expect=13)
    assert "nothing was saved" in result.stderr
    assert _rows(db_path, "SELECT count(*) FROM check_in") == before == [(0,)]


def test_questions_with_the_input_closed_are_exit_13_as_documented(run, db_path: Path) -> None:
    # `supportnet check-in </dev/null` ended with 13, which the table gave only as
    # "you answered no to a question": the table says so now, and docs/check-ins.md.
    from supportnet.errors import EXIT_CODES

    result = run("check-in", input="", expect=13)
    assert result.stderr.endswith(
        "The questions ended before every one was answered; nothing was saved.\n"
    )
    assert _rows(db_path, "SELECT count(*) FROM check_in") == [(0,)]
    assert "the questions ended unanswered (input closed)" in EXIT_CODES[13]
    docs = (Path(__file__).parents[2] / "docs" / "check-ins.md").read_text(encoding="utf-8")
    assert "exit code 13" in docs


def test_ctrl_c_saves_nothing(run, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportnet.cli import asking

    answers = iter(["4\n", "2\n"])

    def typed() -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    run("check-in", "--every", "week")
    monkeypatch.setattr(asking, "_typed", typed)
    result = run("check-in", expect=130)
    assert "not saved" in result.stderr
    assert _rows(db_path, "SELECT count(*) FROM check_in") == [(0,)]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["-a", "1=4", "-a", "2=2", "-a", "3=4", "-a", "4=9"], 5, "Item 4 has no option 9"),
        (["-a", "1=4"], 5, "2, 3 and 4 are missing"),
        ([*OWN, "--on", "2026-06-12"], 6, "still to come"),
        ([*OWN, "--measure", "nope"], 3, "No measure called 'nope'"),
    ],
)
def test_mistaken_answers_change_nothing(run, unchanged, args, code, words) -> None:
    run("check-in", "--every", "week")
    with unchanged():
        result = run("check-in", *args, expect=code)
    assert words in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["-a", "1=4"], 5, "2, 3 and 4 are missing"),
        (["-a", "1=4", "-a", "2=2", "-a", "3=4", "-a", "4=9"], 5, "Item 4 has no option 9"),
        ([*OWN, "--on", "2026-06-12"], 6, "still to come"),
        # --every alone asks nothing: an --on beside it was dropped without a word.
        (["--on", "yesterday"], 2, "--every alone asks nothing, so --on has no check-in"),
    ],
)
def test_a_cadence_given_with_mistaken_answers_is_not_set(
    run, unchanged, args, code, words
) -> None:
    # --every with --answer is one step: a mistake in the answers leaves the cadence unset.
    run("check-in", "list")
    with unchanged():
        result = run("check-in", "--every", "2 weeks", *args, expect=code)
    assert words in result.stderr
    assert "Check-ins every" not in result.stdout


def test_a_cadence_given_with_a_second_check_in_of_the_day_is_not_set(run, unchanged) -> None:
    run("check-in", *OWN)
    with unchanged():
        result = run("check-in", "--every", "2 weeks", *OWN, expect=6)
    assert "There is a check-in for 2026-06-10 already (#1)" in result.stderr


def test_one_check_in_a_day_for_each_measure(run, unchanged, mine: Path) -> None:
    run("check-in", *OWN)
    run("check-in", "add-measure", str(mine))
    run("check-in", "--measure", "mine", "-a", "1=2", "-a", "2=0")  # another measure: fine
    with unchanged():
        result = run("check-in", *OWN, expect=6)
    assert "There is a check-in for 2026-06-10 already (#1)" in result.stderr
    assert "check-in remove 1" in result.stderr


def test_a_loaded_measure_is_asked_and_scored(run, mine: Path) -> None:
    result = run("check-in", "add-measure", str(mine))
    assert "Loaded 'mine': A measure of mine, 2 items, scored as the sum (0 to 4)." in result.stdout
    result = run("check-in", "--measure", "mine", input="3\n3\n")
    assert "question 1 of 2" in result.stdout
    # 2 + (2 - 2) = 2: in the band "more".
    assert "Saved check-in #1 for 10 June 2026: 2 on a scale of 0 to 4 (more)." in result.stdout
    listed = json.loads(run("check-in", "list", "--json").stdout)
    assert listed == [
        {
            "id": 1,
            "measure": "mine",
            "date": "2026-06-10",
            "answers": {"1": 2.0, "2": 2.0},
            "total": 2.0,
            "band": "more",
            "subscales": {},
        }
    ]


def test_a_measure_with_a_mistake_is_not_loaded(run, unchanged, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(MINE.replace("reverse = true", "reverse = true\nscore = 2"), "utf-8")
    with unchanged():
        result = run("check-in", "add-measure", str(path), expect=5)
    assert result.stderr.strip() == (
        "broken.toml, line 14: item 2 has an unknown key 'score' (it may have text, options, "
        "reverse)."
    )
    with unchanged():
        missing = run("check-in", "add-measure", str(tmp_path / "none.toml"), expect=7)
    assert "There is no file" in missing.stderr


def test_a_measure_saved_with_a_byte_order_mark_loads(run, tmp_path: Path) -> None:
    # Notepad on Windows saves UTF-8 with a BOM; the file is still the measure.
    path = tmp_path / "mine.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINE.encode("utf-8"))
    result = run("check-in", "add-measure", str(path))
    assert "Loaded 'mine'" in result.stdout
    assert run("check-in", "show-measure", "mine").stdout.startswith('name = "mine"')


def test_replacing_a_measure_keeps_its_past_check_ins_as_answered(run, mine: Path) -> None:
    run("check-in", "add-measure", str(mine))
    run("check-in", "--measure", "mine", "-a", "1=2", "-a", "2=0", "--on", "2026-06-01")
    again = run("check-in", "add-measure", str(mine))
    assert "nothing changed" in again.stdout
    mine.write_text(MINE.replace("reverse = true\n", ""), "utf-8")
    refused = run("check-in", "add-measure", str(mine), expect=6)
    assert "--replace" in refused.stderr
    run("check-in", "add-measure", str(mine), "--replace")
    run("check-in", "--measure", "mine", "-a", "1=2", "-a", "2=0")
    totals = [c["total"] for c in json.loads(run("check-in", "list", "--json").stdout)]
    assert totals == [4.0, 2.0]  # the first answered the version with a reverse item
    measures = json.loads(run("check-in", "measures", "--all", "--json").stdout)
    assert [(m["name"], m["removed_on"]) for m in measures] == [
        ("connection", None),
        ("mine", "2026-06-10"),
        ("mine", None),
    ]


def test_removing_a_measure_keeps_its_check_ins(run, mine: Path) -> None:
    run("check-in", "add-measure", str(mine))
    run("check-in", "--measure", "mine", "-a", "1=1", "-a", "2=1")
    result = run("check-in", "remove-measure", "mine", "--yes")
    assert "'mine' is out of use. Its 1 check-ins stay in reviews." in result.stdout
    assert [m["name"] for m in json.loads(run("check-in", "measures", "--json").stdout)] == [
        "connection"
    ]
    assert len(json.loads(run("check-in", "list", "--json").stdout)) == 1
    run("check-in", "--measure", "mine", "-a", "1=1", "-a", "2=1", expect=3)
    refused = run("check-in", "remove-measure", "connection", "--yes", expect=5)
    assert "cannot be removed" in refused.stderr


def test_removing_a_check_in_asks_first(run, db_path: Path) -> None:
    run("check-in", *OWN)
    no = run("check-in", "remove", "1", input="n\n", expect=13)
    assert "Remove check-in #1 (connection, 2026-06-10)?" in no.stdout
    run("check-in", "remove", "#1", "--yes")
    assert _rows(db_path, "SELECT count(*) FROM check_in_answer") == [(0,)]
    run("check-in", "remove", "1", "--yes", expect=3)


def test_the_list_and_its_measure(run) -> None:
    assert "No check-ins yet." in run("check-in", "list").stdout
    run("check-in", *OWN, "--on", "2026-05-01")
    run("check-in", *OWN)
    listed = run("check-in", "list", "--since", "2026-06-01").stdout
    assert "2026-06-10" in listed and "2026-05-01" not in listed
    shown = run("check-in", "show-measure", "connection").stdout
    assert shown.startswith('name = "connection"')


def test_a_cadence_and_its_snooze(run) -> None:
    result = run("check-in", "--every", "week")
    assert "Check-ins every week" in result.stdout
    assert json.loads(run("check-in", "measures", "--json").stdout)[0]["due"] is True
    snoozed = run("check-in", "snooze", "--for", "3d")
    assert "back in the nudge on Sat 13 June 2026" in snoozed.stdout
    assert json.loads(run("check-in", "measures", "--json").stdout)[0]["due"] is False
    run("check-in", "--every", "never")
    assert json.loads(run("check-in", "measures", "--json").stdout)[0]["every_days"] is None
    nothing = run("check-in", "snooze")
    assert "No cadence is set" in nothing.stdout


def test_a_snooze_ending_before_the_next_check_in_puts_nothing_off(run, unchanged) -> None:
    """It said "back in the nudge on Sat 13 June" of a check-in not due until July."""
    run("check-in", "--every", "month", *OWN)
    with unchanged():
        out = run("check-in", "snooze", "--for", "3d").stdout
    assert out == (
        "Nothing to put off until Sat 13 June 2026: the next check-in is hoped for on"
        " Fri 10 July 2026.\n"
    )


def test_a_cadence_not_understood_is_quoted_as_typed(run) -> None:
    result = run("check-in", "--every", "evry week", expect=5)
    assert "'evry week'" in result.stderr and "every evry" not in result.stderr
    assert "did you mean 'every'?" in result.stderr


def test_a_due_check_in_is_one_line_in_the_nudge_and_today(run) -> None:
    run("add", "Maya")
    assert "check-in" not in run("nudge").stdout  # no cadence: never a word
    assert "check-in" not in run("today").stdout
    run("check-in", "--every", "week")
    note = "Time for your check-in (every week), when you're ready: `supportnet check-in`"
    assert run("nudge").stdout.count(note) == 1
    assert run("today").stdout.count(note) == 1
    assert note in json.loads(run("nudge", "--json").stdout)["notes"][0]
    assert note in json.loads(run("today", "--json").stdout)["notes"][0]
    run("check-in", *OWN)
    assert note not in run("nudge").stdout  # taken: quiet for a week
    assert note in run("--today", "2026-06-17", "nudge").stdout
    run("check-in", "snooze", "--until", "2026-06-20")
    assert note not in run("--today", "2026-06-17", "nudge").stdout
    assert note not in run("--today", "2026-06-17", "today").stdout
    assert note in run("--today", "2026-06-20", "nudge").stdout  # back that day


def test_the_due_note_closes_the_digest(run) -> None:
    run("check-in", "--every", "2 weeks")
    out = run("today").stdout.splitlines()
    assert out[-1].startswith("Time for your check-in (every 2 weeks)")


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_arrow_keys_on_a_terminal(db_path: Path, run) -> None:
    """On a real terminal: ↓ ↓ Enter picks the third option, a number and Enter picks
    that one (a number alone only moves the mark: "4" Enter is one answer, not two),
    ← goes back (to the answer given), and the terminal is left as it was."""
    import os
    import select
    import subprocess
    import sys
    import termios
    import time

    run("check-in", "--every", "week")  # creates the database
    main, side = os.openpty()
    before = termios.tcgetattr(side)
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "supportnet", "check-in"], stdin=side,
                            stdout=side, stderr=side, env=env)  # fmt: skip
    screen = b""

    def read_until(needle: bytes) -> None:
        nonlocal screen
        deadline = time.monotonic() + 20
        while needle not in screen and time.monotonic() < deadline:
            if select.select([main], [], [], 0.2)[0]:
                screen += os.read(main, 65536)
        assert needle in screen, screen[-400:]

    try:
        read_until(b"question 1 of 4")
        os.write(main, b"\x1b[B\x1b[B\r")  # down, down, Enter: 3
        read_until(b"question 2 of 4")
        os.write(main, b"\x1b[D")  # back to the first, its answer marked
        read_until(b"3. Somewhat   (your answer)")
        os.write(main, b"4")  # the mark moves to 4; nothing answered yet
        read_until(b"\xe2\x80\xba 4. ")
        assert b"question 2 of 4" not in screen.rsplit(b"question 1 of 4", 1)[1]
        os.write(main, b"\r")  # 4, then the rest by number and Enter
        read_until(b"question 2 of 4")
        for key in (b"2\r", b"4\r", b"3\r"):
            os.write(main, key)
            time.sleep(0.3)
        read_until(b"Saved check-in #1")
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        after = termios.tcgetattr(side)
        os.close(main)
        os.close(side)
    assert after == before
    listed = json.loads(run("check-in", "list", "--json").stdout)
    assert listed[0]["answers"] == {"1": 4, "2": 2, "3": 4, "4": 3}


def test_a_check_in_on_the_29th_of_february(run) -> None:
    result = run("--today", "2028-02-29", "check-in", *OWN)
    assert "Saved check-in #1 for 29 February 2028" in result.stdout


@pytest.mark.parametrize(
    "keys, count, number",
    [
        ("4", 5, "4"),
        ("10", 11, "10"),  # a 0-10 scale: "1" then "0" is the eleventh option, not the first
        ("11", 11, "11"),
        ("12", 11, "2"),  # no twelfth: a number begun again
        ("45", 5, "5"),
        ("0", 5, "0"),  # no option yet; "05" is 5
        ("05", 5, "05"),
    ],
)
def test_digits_typed_one_by_one_make_one_number(keys: str, count: int, number: str) -> None:
    from supportnet.cli.asking import typed_number

    digits = ""
    for key in keys:
        digits = typed_number(digits, key, count)
    assert digits == number
