"""The safety plan in your own words (`help-now edit`, `help-now reviewed`), its
warnings, and its review asked for by `nudge` and `today`."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
from pathlib import Path

from tests.progress_data import meet, opened, person


def _plan(run) -> dict:
    return json.loads(run("help-now", "--json").stdout)


def test_edit_by_flags_keeps_the_order_and_cleans_lines(run, db_path) -> None:
    out = run("help-now", "edit", "--section", "warning-signs",
              "--line", "I stop answering  messages", "--line", " ", "--line", "sleeping badly",
              ).stdout  # fmt: skip
    assert out == (
        "Saved “Warning signs that a hard time may be starting”: 2 lines. "
        "`supportnet help-now` shows it.\n"
    )
    run("help-now", "edit", "-s", "reasons", "-l", "my nephew")
    run("help-now", "edit", "-s", "safer surroundings", "-l", "give the spare keys to Ana")
    run("help-now", "edit", "-s", "on-my-own", "-l", "a hot shower")
    # A --line with a line break is two entries, as in the editor (it was "a b").
    run("help-now", "edit", "-s", "reasons", "-l", "my nephew\nmy garden\n")
    assert _plan(run)["plan"]["reasons"] == ["my nephew", "my garden"]
    run("help-now", "edit", "-s", "reasons", "-l", "my nephew")
    data = _plan(run)
    assert data["plan"] == {
        "warning_signs": ["I stop answering messages", "sleeping badly"],
        "on_my_own": ["a hot shower"],
        "safer_surroundings": ["give the spare keys to Ana"],
        "reasons": ["my nephew"],
    }
    assert data["review"]["last_reviewed"] == "2026-06-10"
    screen = run("help-now").stdout
    titles = [row for row in screen.splitlines() if row[:1].isdigit()]
    assert titles == [
        "1. Warning signs that a hard time may be starting",
        "2. Things I can do on my own",
        "3. People and places that take your mind off things",
        "4. People you can ask for help",
        "5. Professionals and crisis lines",
        "6. Making my surroundings safer",
        "7. Reasons that matter to me",
    ]
    assert "  my nephew\n" in screen
    assert run("help-now", "edit", "-s", "reasons", "-l", "my nephew").stdout == (
        "“Reasons that matter to me” already said just that; noted that you looked it over today.\n"
    )
    assert run("help-now", "edit", "-s", "reasons", "--clear").stdout == (
        "Emptied “Reasons that matter to me”.\n"
    )
    assert run("help-now", "edit", "-s", "reasons", "--clear").stdout == (
        "“Reasons that matter to me” was already empty; noted that you looked it over today.\n"
    )
    assert _plan(run)["plan"]["reasons"] == []


def _editor(tmp_path: Path, body: str) -> str:
    """A stand-in editor: a script that replaces the file with ``body`` (or, for
    'KEEP', leaves it alone) and keeps a copy of what it was shown."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[-1])\n"
        f"pathlib.Path({str(tmp_path / 'shown.txt')!r}).write_text(p.read_text())\n"
        f"body = {body!r}\n"
        "if body != 'KEEP':\n"
        "    p.write_text(body)\n"
    )
    return f"{sys.executable} {script}"


def test_edit_in_the_editor_through_a_private_file(run, db_path, tmp_path, monkeypatch) -> None:
    run("help-now", "edit", "-s", "on-my-own", "-l", "music")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "# a comment\nmusic\n\na walk\n"))
    out = run("help-now", "edit", "--section", "on-my-own").stdout
    assert out == "Saved “Things I can do on my own”: 2 lines. `supportnet help-now` shows it.\n"
    shown = (tmp_path / "shown.txt").read_text()
    assert shown.startswith("# Things I can do on my own\n# One entry a line")
    assert shown.endswith("\nmusic\n")
    assert _plan(run)["plan"]["on_my_own"] == ["music", "a walk"]
    # The temporary file was beside the database and is gone.
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".help-now")] == []


def test_an_entry_starting_with_a_hash_survives_the_editor(run, tmp_path, monkeypatch) -> None:
    # "--line '#1 reason: my daughter'" was shown as a plain line and dropped as a
    # comment when the editor saved: a line of the safety plan lost without a word.
    run("help-now", "edit", "-s", "reasons", "-l", "#1 reason: my daughter", "-l", "my cat")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "KEEP"))
    script = tmp_path / "editor.py"
    script.write_text(script.read_text() + "p.write_text(p.read_text() + 'the sea\\n')\n")
    run("help-now", "edit", "--section", "reasons")
    assert "\n\\#1 reason: my daughter\n" in (tmp_path / "shown.txt").read_text()
    assert _plan(run)["plan"]["reasons"] == ["#1 reason: my daughter", "my cat", "the sea"]


def test_no_editor_and_no_terminal_changes_nothing(run, db_path, monkeypatch, unchanged) -> None:
    import click

    run("help-now", "edit", "-s", "on-my-own", "-l", "music")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)

    def no_vi(*args, **kwargs):  # click's fallback (vi) would draw on a pipe
        raise AssertionError("an editor was started without a terminal")

    monkeypatch.setattr(click, "edit", no_vi)
    with unchanged():
        result = run("help-now", "edit", "-s", "on-my-own", expect=7)
    assert result.stderr == (
        "There is no terminal here to open an editor in; nothing was changed. "
        "Give the lines with --line, or set EDITOR.\n"
    )


def test_an_editor_left_unsaved_or_empty_changes_nothing(
    run, db_path, tmp_path, monkeypatch, unchanged
) -> None:
    run("help-now", "edit", "-s", "on-my-own", "-l", "music")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "KEEP"))
    with unchanged():
        out = run("help-now", "edit", "-s", "on-my-own").stdout
    assert out == "Nothing changed: the editor was left without saving.\n"
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "# only comments\n\n"))
    with unchanged():
        out = run("help-now", "edit", "-s", "on-my-own").stdout
    assert out.startswith("Nothing changed: the text came back empty.")
    # An editor that ran and ended with an error was left on purpose (vim's :cq): it was
    # "Could not run your editor ... Set EDITOR" (exit 7).
    monkeypatch.setenv("EDITOR", "false")
    with unchanged():
        result = run("help-now", "edit", "-s", "on-my-own", expect=13)
    assert result.stderr == (
        "The editor ended with an error (as when it is left without saving); nothing was changed.\n"
    )
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    with unchanged():
        result = run("help-now", "edit", "-s", "on-my-own", expect=7)
    assert "Could not run your editor" in result.stderr and "nothing was changed" in result.stderr


def test_edit_mistakes_change_nothing(run, db_path, unchanged) -> None:
    run("help-now", "edit", "-s", "reasons", "-l", "my nephew")
    cases = [
        (("help-now", "edit", "-l", "x"), 2, "Say which part with --section: warning-signs"),
        (("help-now", "edit", "-s", "warning", "-l", "x"), 5,
         "Unknown section of the safety plan 'warning'."),
        (("help-now", "edit", "-s", "reasons", "-l", "x", "--clear"), 2, "not both"),
        (("help-now", "edit", "-s", "reasons", "-l", "x" * 501), 5, "up to 500 characters"),
        # blank entries never empty a section (only --clear does)
        (("help-now", "edit", "-s", "reasons", "-l", "  ", "-l", ""), 5,
         "The --line entries are empty, so nothing changed. To empty the section: "
         "supportnet help-now edit --section reasons --clear"),
        # suggested and listed as --section spells them
        (("help-now", "edit", "-s", "warning-sign", "-l", "x"), 5,
         "Did you mean warning-signs? Known: warning-signs, on-my-own, safer-surroundings, "
         "reasons."),
    ]  # fmt: skip
    for args, code, message in cases:
        with unchanged():
            result = run(*args, expect=code)
        assert message in result.stderr, (args, result.stderr)


def test_review_is_asked_for_after_three_months(run, db_path, monkeypatch) -> None:
    with opened(db_path) as conn:
        maya = person(conn, "Maya López")
        meet(conn, "2026-06-01", [maya])
    run("lean-on", "Maya", "--ask-for-help")
    run("help-now", "reviewed")
    later = "2026-09-10"  # 92 days on
    monkeypatch.setenv("SUPPORTNET_TODAY", later)
    note = (
        "Your safety plan was last looked over 3 months ago. In a calm moment, reading it "
        "again keeps it yours: supportnet help-now, then supportnet help-now reviewed."
    )
    assert note in json.loads(run("nudge", "--json").stdout)["notes"]
    assert note in run("today").stdout
    assert f"  {note}\n" in run("help-now").stdout
    assert run("help-now", "reviewed").stdout == (
        "Noted: you looked over your safety plan today. It will ask again around 2026-12-10.\n"
    )
    assert note not in run("today").stdout
    assert json.loads(run("nudge", "--json").stdout)["notes"] == []
    # How long between looks is a setting.
    config = db_path.parent / "config.toml"
    config.write_text("[safety_plan]\nreview_every_days = 0\n")
    monkeypatch.setenv("SUPPORTNET_TODAY", "2027-09-10")
    assert "safety plan" not in run("today").stdout


def test_warnings_about_people_to_ask_for_help(run, db_path) -> None:
    with opened(db_path) as conn:
        ana = person(conn, "Ana Ruiz")
        sam = person(conn, "Sam Carter")
        meet(conn, "2026-06-08", [ana])
        meet(conn, "2026-01-02", [sam])
        conn.execute(
            "INSERT INTO life_event (person_id, what, kind, tone, on_date, logged_at)"
            " VALUES (?, 'surgery', 'illness', 'hard', '2026-06-09', '2026-06-09T00:00:00+00:00')",
            (ana,),
        )
    run("lean-on", "Ana", "--ask-for-help")
    run("lean-on", "Sam", "--ask-for-help")
    data = _plan(run)
    assert [(w["kind"], w["person"]["name"] if w["person"] else None)
            for w in data["warnings"]] == [
        ("hard_time", "Ana Ruiz"), ("quiet", "Sam Carter"), ("no_one", None)
    ]  # fmt: skip
    screen = run("help-now").stdout
    assert "  Ana Ruiz is going through something hard too (surgery)." in screen
    assert "You were last in touch with Sam Carter 5 months ago." in screen
    assert screen.index("For a calm moment") < screen.index("In an emergency")


def test_the_plan_stays_private(run, db_path) -> None:
    run("help-now", "edit", "-s", "reasons", "-l", "my nephew")
    mode = stat.S_IMODE(os.stat(db_path.parent).st_mode)
    assert mode == 0o700
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT text FROM safety_plan_entry").fetchall() == [("my nephew",)]
    conn.close()
    # Not in the report unless asked for.
    assert "my nephew" not in run("report").stdout
    assert "my nephew" in run("report", "--include", "safety-plan").stdout


def test_a_mistake_in_the_config_never_hides_help_now(run, db_path) -> None:
    run("help-now", "edit", "-s", "reasons", "-l", "my nephew")
    (db_path.parent / "config.toml").write_text("[safety_plan]\nreview_every_dayz = 3\n")
    out = run("help-now").stdout
    assert "  my nephew\n" in out and out.endswith("local emergency services now.\n")


def test_edit_by_flags_says_when_it_replaced_what_was_there(run) -> None:
    # --line replaces the section: someone adding one more sign lost the first unwarned.
    run("help-now", "edit", "-s", "warning-signs", "-l", "I stop answering")
    out = run("help-now", "edit", "-s", "warning-signs", "-l", "I skip meals").stdout
    assert out == (
        "Saved “Warning signs that a hard time may be starting”: 1 line, in place of"
        " “I stop answering” (--line gives the whole section: repeat it for each line to"
        " keep).\n"
    )
    out = run("help-now", "edit", "-s", "warning-signs", "-l", "I skip meals", "-l", "naps").stdout
    assert out.startswith("Saved “Warning signs that a hard time may be starting”: 2 lines.")
    assert _plan(run)["plan"]["warning_signs"] == ["I skip meals", "naps"]
