"""What a brand-new user typed on a fresh machine: odd dates, typos, odd files."""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import dump

# --- dates ---------------------------------------------------------------------


def test_far_dates_are_refused_by_commands(run, unchanged):
    run("add", "Bob")
    with unchanged():
        result = run("log", "coffee", "--with", "Bob", "--on", "0001-01-01", expect=5)
        assert "too far away" in result.stderr
        run("log", "coffee", "--with", "Bob", "--on", "2026", expect=5)
        run("review", "--since", "0001-01-01", expect=5)
        run("add", "Huge", "--cadence", "9999999999d", expect=5)
        result = run("--today", "9999-12-31", "upcoming", expect=5)
    # the message every date option gives (--today read only 2026-03-14 and said its own)
    assert result.stderr == (
        "--today: '9999-12-31' is too far away: supportnet keeps dates from 1900 to 2199.\n"
    )
    result = run("--today", "1900-06-01", "upcoming", expect=5)  # a year of room each side
    assert result.stderr == "--today must be a date between 1901 and 2198, not '1900-06-01'.\n"


def test_leap_day_birthday_written_the_american_way(run):
    run("add", "Chris", "--birthday", "2/29")
    person = json.loads(run("show", "Chris", "--json").stdout)["person"]
    assert person["birthday"] == {"month": 2, "day": 29, "year": None}


# --- names ---------------------------------------------------------------------


def test_a_whole_first_name_wins_over_a_longer_one(run):
    run("add", "Sam Carter")
    run("add", "Samuel Okoro")
    run("add", "Maya López")
    run("add", "Maya Schmidt")
    assert run("show", "Sam", "--json").stdout.count('"Sam Carter"') >= 1
    out = run("log", "call", "--with", "sam", "--with", "okoro", "--on", "yesterday").stdout
    assert out.startswith("Logged call with Sam Carter and Samuel Okoro yesterday")
    result = run("show", "Maya", expect=4)
    assert result.stderr == (
        "'Maya' could be Maya López (#3) or Maya Schmidt (#4); use more of the name or the #id.\n"
    )
    assert run("show", "Samu", "--json").stdout.count('"Samuel Okoro"') >= 1


# --- plans ---------------------------------------------------------------------


def test_a_bare_hour_in_a_plan_asks_morning_or_evening(run, unchanged):
    run("add", "Maya")
    with unchanged():
        result = run("plan", "run", "--with", "Maya", "--every", "every weekday at 8", expect=5)
        assert result.stderr == (
            "'at 8' could be morning or evening: write 8:00 or 20:00 (8am or 8pm).\n"
        )
        result = run("plan", "run", "--with", "Maya", "--every", "weekly", "--at", "7", expect=5)
        assert result.stderr == (
            "'7' could be morning or evening: write 7:00 or 19:00 (7am or 7pm).\n"
        )
        result = run("log", "run", "--with", "Maya", "--at", "20", expect=5)
        assert result.stderr == "Could not understand the time '20'. Write it as 20:00.\n"
    out = run("plan", "run", "--with", "Maya", "--every", "every weekday at 8am").stdout
    assert out.startswith("Planned run with Maya, every weekday at 08:00 (#1).")


# --- support -------------------------------------------------------------------


def test_an_event_kind_that_says_hard_or_happy_needs_no_flag(run, unchanged):
    run("add", "Zoe")
    out = run("event", "Zoe", "baby", "--kind", "New-Baby", "--on", "in 3 weeks").stdout
    assert out.startswith("Noted event #1 for Zoe (#1): baby on 1 July 2026 (new baby, happy).")
    out = run("event", "Zoe", "grandmother died", "--kind", "loss", "--on", "2 days ago").stdout
    assert "(loss, hard)" in out
    out = run("event", "Zoe", "divorce", "--kind", "loss", "--happy").stdout
    assert "(loss, happy)" in out
    with unchanged():
        result = run("event", "Zoe", "moving", "--kind", "move", expect=5)
    assert result.stderr == (
        "Say whether it is --hard (you'll be reminded to check in) or --happy (to celebrate).\n"
    )


# --- files ---------------------------------------------------------------------

ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zt=C3=BCrk;Ay=C5=9Fe;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ay=C5=9Fe =C3=96zt=C3=BCrk\r\n"
    "TEL;CELL:+90 555 000 1122\r\nTEL;HOME:\r\nEMAIL;HOME:\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =\r\nline\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Chorus friends\r\nKIND:group\r\n"
    "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\nEND:VCARD\r\n"
)


def test_empty_phone_lines_and_group_cards(run, tmp_path):
    path = tmp_path / "phone.vcf"
    path.write_text(ANDROID, encoding="utf-8", newline="")
    out = run("import", str(path)).stdout
    assert out == (
        f"Read 2 cards from {path}.\n"
        "1 added, 0 updated, 1 skipped.\n"
        "  skipped Chorus friends: it is a group card (KIND:group), not a person "
        "[card 2 (line 11)]\n"
    )
    shown = run("show", "Ayse").stdout
    assert "  phone:     +90 555 000 1122\n" in shown
    # A note of several lines stays under its label.
    assert "  note:      first line\n             second line\n" in shown


def test_a_note_of_several_lines_is_one_row_in_a_piped_table(run):
    run("add", "Zoe")
    run("log", "walk", "--with", "Zoe", "--note", "first\nsecond", "--on", "yesterday")
    assert "first / second" in run("history").stdout


def test_birth_years_before_1900_or_still_to_come(run, tmp_path, unchanged):
    path = tmp_path / "years.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Zero\nBDAY:0001-01-01\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Later\nBDAY:2099-03-14\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Real\nBDAY:1950-03-14\nEND:VCARD\n",
        encoding="utf-8",
    )
    out = run("import", str(path)).stdout
    assert "  card 1 (line 1), Zero: birthday year 1 left out (kept 1 January)\n" in out
    assert "  card 2 (line 6), Later: birthday year 2099 left out (kept 14 March)\n" in out
    people = {p["name"]: p["birthday"] for p in json.loads(run("people", "--json").stdout)}
    assert people == {
        "Zero": {"month": 1, "day": 1, "year": None},
        "Later": {"month": 3, "day": 14, "year": None},
        "Real": {"month": 3, "day": 14, "year": 1950},
    }
    with unchanged():
        result = run("add", "Baby", "--birthday", "2026-12-25", expect=5)
        assert result.stderr == (
            "'2026-12-25' is still to come; a birthday's year is the year of birth "
            "(or leave the year out).\n"
        )
        run("edit", "Real", "--birthday", "2027-01-01", expect=5)


@pytest.mark.parametrize(
    "args, message",
    [
        (["backup", "{dir}"], "{dir} is a folder; give a file name for the backup.\n"),
        (["restore-backup", "{dir}", "--yes"], "{dir} is a folder, not a backup file.\n"),
        (["import", "{dir}"], "{dir} is a folder; give a file to import (a folder of cards, "
                              "one a file: --vdir {dir}).\n"),
        (["export", "--format", "json", "-o", "{dir}"],
         "{dir} is a folder; give a file name to export to.\n"),
        (["calendar", "export", "{dir}"],
         "{dir} is a folder; give a file name such as {dir}/plans.ics.\n"),
    ],
)  # fmt: skip
def test_a_folder_where_a_file_is_wanted_gets_exit_7(run, tmp_path, args, message):
    run("add", "Maya")
    folder = tmp_path / "somewhere"
    folder.mkdir()
    result = run(*[a.format(dir=folder) for a in args], expect=7)
    assert result.stderr == message.format(dir=folder)


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("gettogether", "on_date", "2026-02-30",
         "row 1 of 'gettogether' has on_date '2026-02-30', which is not a date (YYYY-MM-DD)"),
        ("person", "added_on", "yesterday",
         "row 1 of 'person' has added_on 'yesterday', which is not a date (YYYY-MM-DD)"),
        ("person", "birthday_day", 31,
         "row 1 of 'person' has a birthday that is not a day of the calendar"),
        ("plan", "rrule", "FREQ=BLUEMOON",
         "row 1 of 'plan' has rrule 'FREQ=BLUEMOON', which is not a rule supportnet can follow"),
        ("plan", "at_time", "25:00",
         "row 1 of 'plan' has at_time '25:00', which is not a time (HH:MM)"),
        ("gettogether", "logged_at", "noon",
         "row 1 of 'gettogether' has logged_at 'noon', which is not a date and time"),
    ],
)  # fmt: skip
def test_a_hand_edited_export_with_a_bad_value_imports_nothing(
    run, tmp_path, monkeypatch, table, column, value, message
):
    run("add", "Maya", "--birthday", "Feb 14")
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    run("plan", "walk", "--with", "Maya", "--every", "week", "--at", "18:00")
    dump = json.loads(run("export", "--format", "json").stdout)
    entry = dump["tables"][table]
    entry["rows"][0][entry["columns"].index(column)] = value
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    monkeypatch.setenv("SUPPORTNET_DB", str(fresh))
    result = run("import", str(path), expect=7)
    assert result.stderr == f"{path}: {message}; nothing was imported.\n"
    assert json.loads(run("people", "--json").stdout) == []


# --- the database ----------------------------------------------------------------


def test_many_first_commands_at_once(tmp_path):
    import os
    import subprocess

    env = dict(os.environ, SUPPORTNET_DB=str(tmp_path / "s.db"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "supportnet", "add", f"P{i}"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i in range(6)
    ]  # fmt: skip
    results = [(*p.communicate(timeout=60), p.returncode) for p in procs]
    assert [r[2] for r in results] == [0] * 6, results


def test_tags_and_nicknames_differing_only_in_case_are_one(run):
    run("add", "Ana", "--tag", "Climbing", "--tag", "climbing", "--nickname", "Bo",
        "--nickname", "bo")  # fmt: skip
    run("edit", "Ana", "--tag", "CLIMBING", "--tag", "Chorus", "--nickname", "BO")
    person = json.loads(run("show", "Ana", "--json").stdout)["person"]
    assert person["tags"] == ["Chorus", "Climbing"]
    assert person["nicknames"] == ["Bo"]


def test_a_plan_title_that_names_everyone_is_not_repeated(run):
    from supportnet.text import title_with

    assert title_with("Sunday call with Maya", ["Maya López"]) == "Sunday call with Maya"
    assert title_with("climbing", ["Sam Carter"]) == "climbing with Sam Carter"
    assert title_with("climbing with Sam", ["Jonas Weber", "Sam Carter"]) == (
        "climbing with Sam with Jonas Weber and Sam Carter"
    )
    assert title_with("Mayan food", ["Maya López"]) == "Mayan food with Maya López"
    run("add", "Maya López")
    run("plan", "Sunday call with Maya", "--with", "Maya", "--every", "sunday", "--at", "18:00")
    assert "  Sunday call with Maya  " in run("upcoming", "--days", "7").stdout
    assert "SUMMARY:Sunday call with Maya\n" in run("calendar", "export", "-").stdout


def test_an_empty_agenda_for_zero_or_one_day(run):
    assert run("upcoming", "--days", "0").stdout.startswith("Nothing today. ")
    assert run("upcoming", "--days", "1").stdout.startswith("Nothing today or tomorrow. ")


def test_restore_of_a_missing_backup_file_names_the_file(run, tmp_path, unchanged):
    run("add", "Maya")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    with unchanged():
        result = run("restore", str(tmp_path / "supportnet.backup.db"), expect=7)
        assert result.stderr == f"There is no file {tmp_path / 'supportnet.backup.db'}.\n"
        result = run("restore", str(notes), expect=7)
        assert result.stderr == (
            f"{notes} is not a supportnet backup (it is not an SQLite file); nothing was changed.\n"
        )
        result = run("restore", "Nobody", expect=3)
        assert result.stderr == "No one called 'Nobody' is here.\n"


def test_the_same_plan_twice_is_refused(run, unchanged):
    run("add", "Maya")
    args = [
        "plan",
        "coffee",
        "--with",
        "Maya",
        "--every",
        "2 weeks",
        "--on",
        "tue",
        "--at",
        "10:00",
    ]
    run(*args)
    with unchanged():
        result = run(*args, expect=6)
    assert result.stderr == (
        "That plan is already here (#1); `supportnet plans` lists it. To plan the same again, "
        "give it another title.\n"
    )
    run(*args[:-1], "11:00")  # another time is another plan
    run("plan", "end", "1")
    run(*args)  # the ended one does not count
    assert len(json.loads(run("plans", "--json").stdout)) == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ("[windows]\nhard_before_days = 100000000\n",
         "windows.hard_before_days must be at most 36500."),
        ("[weights]\ntime = nan\n", "weights.time must be a number, not nan."),
        ("[weights]\ntime = inf\n", "weights.time must be a number, not inf."),
        ("[weights]\ntime = -1\n", "weights.time must be zero or more."),
        ("[weights]\ntime = 1e308\n", "weights.time must be at most 1000000."),
    ],
)  # fmt: skip
def test_config_values_that_would_break_the_nudge(run, db_path, text, message):
    run("add", "Maya")
    (db_path.parent / "config.toml").write_text(text, encoding="utf-8")
    result = run("nudge", expect=7)
    assert result.stderr == f"In {db_path.parent / 'config.toml'}, {message}\n"


def test_an_empty_filtered_history_does_not_say_nothing_was_ever_logged(run):
    run("add", "Maya")
    run("add", "Ana")
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    assert run("history", "Ana").stdout == "Nothing logged yet with Ana.\n"
    assert run("history", "--since", "today").stdout == "Nothing logged yet since 10 June 2026.\n"


def test_output_piped_to_head_ends_quietly(run, tmp_path):
    """`supportnet history | head -1`: no 'Something went wrong (BrokenPipeError)'."""
    import os
    import sqlite3
    import subprocess

    db = tmp_path / "s.db"
    env = dict(os.environ, SUPPORTNET_DB=str(db))
    cli = [sys.executable, "-m", "supportnet"]
    run("--db", str(db), "add", "Maya")  # the data (the pipe needs a real process)
    conn = sqlite3.connect(db)
    with conn:
        for i in range(3000):
            gid = conn.execute(
                "INSERT INTO gettogether (what, kind, on_date, in_person, logged_at)"
                " VALUES (?, 'walk', '2026-06-01', 1, '2026-06-01T10:00:00+00:00')",
                (f"walk {i}",),
            ).lastrowid
            conn.execute("INSERT INTO attendance VALUES (?, 1, '2026-06-01', 1)", (gid,))
    conn.close()
    proc = subprocess.Popen(
        [*cli, "history", "--limit", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert err == b""
    assert proc.returncode == 141


def test_a_closed_standard_output_is_one_line_and_nothing_is_done(run, tmp_path):
    # `supportnet add "Z W" >&-` added Z W, then said it was a bug and that the data
    # was not changed.
    import os
    import subprocess

    db = tmp_path / "s.db"
    run("--db", str(db), "add", "Maya")
    before = dump(db)
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" -m supportnet --db "$1" add "Z W" >&-', sys.executable, str(db)],
        env=dict(os.environ), stderr=subprocess.PIPE, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 7
    assert proc.stderr.strip().splitlines() == [
        "Standard output is closed, so nothing was done. To keep the output out of sight, "
        "send it to /dev/null (> /dev/null)."
    ]
    assert dump(db) == before


def test_a_terminal_that_is_not_utf8_gets_question_marks_not_a_crash(tmp_path):
    import os
    import subprocess

    env = dict(os.environ, SUPPORTNET_DB=str(tmp_path / "s.db"), PYTHONIOENCODING="ascii")
    cli = [sys.executable, "-m", "supportnet"]
    subprocess.run([*cli, "add", "Zoë 🌻"], env=env, check=True, capture_output=True)
    listing = subprocess.run([*cli, "people"], env=env, capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    assert "Zo? ?" in listing.stdout
    shown = subprocess.run([*cli, "people", "--json"], env=env, capture_output=True, text=True)
    assert json.loads(shown.stdout)[0]["name"] == "Zoë 🌻"


def test_import_options_for_the_other_kind_of_file_are_refused(run, tmp_path, unchanged):
    run("add", "Maya")
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\n", encoding="utf-8")
    dump = tmp_path / "d.json"
    dump.write_text(run("export", "--format", "json").stdout, encoding="utf-8")
    with unchanged():
        result = run("import", str(card), "--replace", expect=2)
        assert result.stderr.startswith("--replace is for JSON exports;")
        result = run("import", str(dump), "--strict", expect=2)
        assert result.stderr.startswith("--strict is for vCard files;")
        for given in (["--circle", "friend"], ["-c", "acquaintance"]):  # even the default
            result = run("import", str(dump), "--replace", *given, expect=2)
            assert result.stderr == (
                "--circle is for vCard files; a JSON export brings everyone in with the "
                "circle they had.\n"
            )


def test_removing_the_only_person_of_a_plan_takes_the_plan(run):
    run("add", "Ana")
    run("add", "Ben")
    run("log", "walk", "--with", "Ana", "--with", "Ben", "--on", "yesterday")
    run("plan", "coffee", "--with", "Ana", "--with", "Ben", "--every", "week")
    run("plan", "tea", "--with", "Ana", "--every", "week")
    result = run("remove", "Ana", input="y\n")
    assert result.stdout.startswith(
        "Remove Ana (#1)? This also removes 1 plan only with them. "
        "1 shared get-together stays with the others. [y/N]: "
    )
    plans = json.loads(run("plans", "--all", "--json").stdout)
    assert [(p["title"], [m["name"] for m in p["people"]]) for p in plans] == [("coffee", ["Ben"])]


@pytest.mark.parametrize(
    "said, expected",
    [("today", (6, 10)), ("tomorrow", (6, 11)), ("last friday", (6, 5)), ("in 3 weeks", (7, 1))],
)
def test_a_birthday_said_relative_to_today(run, said, expected):
    run("add", "Ana", "--birthday", said)
    birthday = json.loads(run("show", "Ana", "--json").stdout)["person"]["birthday"]
    assert (birthday["month"], birthday["day"], birthday["year"]) == (*expected, None)


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("person", "cadence_days", "hard",
         "row 1 of 'person' has cadence_days 'hard', which is not a whole number"),
        ("person", "name", 7, "row 1 of 'person' has name 7, which is not text"),
        ("person", "birthday_year", 99999999999,
         "row 1 of 'person' has a birthday that is not a day of the calendar"),
        ("gettogether", "on_date", "9999-12-31",
         "row 1 of 'gettogether' has on_date '9999-12-31', outside the years supportnet keeps "
         "(1900 to 2199)"),
    ],
)  # fmt: skip
def test_an_export_with_a_value_of_the_wrong_type_imports_nothing(
    run, tmp_path, monkeypatch, table, column, value, message
):
    run("add", "Maya", "--birthday", "Feb 14")
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    dump = json.loads(run("export", "--format", "json").stdout)
    entry = dump["tables"][table]
    entry["rows"][0][entry["columns"].index(column)] = value
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    monkeypatch.setenv("SUPPORTNET_DB", str(tmp_path / "fresh.db"))
    result = run("import", str(path), expect=7)
    assert result.stderr == f"{path}: {message}; nothing was imported.\n"


def test_a_mistyped_command_gets_did_you_mean_in_a_fresh_process(tmp_path):
    """Typer suggests among loaded commands only; a real run loads one module."""
    import os
    import subprocess

    env = dict(os.environ, SUPPORTNET_DB=str(tmp_path / "s.db"))
    result = subprocess.run([sys.executable, "-m", "supportnet", "nudg"], env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 2
    assert "Error: No such command 'nudg'. Did you mean 'nudge'?" in result.stderr


def test_a_mistyped_command_gets_did_you_mean(run):
    result = run("help", expect=2)
    assert "For help: supportnet --help, or supportnet COMMAND --help." in result.stderr
    result = run("xyzzy", expect=2)
    assert result.stderr == "Error: No such command 'xyzzy'. Try 'supportnet -h' for help.\n"


def test_a_mistyped_sub_command_is_not_taken_as_a_title(run, unchanged):
    run("add", "Edith")
    run("plan", "brunch", "--with", "Edith", "--every", "month")
    with unchanged():
        result = run("plan", "pase", "brunch", expect=2)
        assert (
            "Error: No such command 'pase'. Did you mean 'pause'? If you meant 'pase' itself, "
            "write: supportnet plan add pase ..."
        ) in result.stderr
        run("log", "undoo", "--with", "Edith", expect=2)
    # A person's name, a capitalised word or several words are what they say.
    run("event", "edith", "surgery", "--hard")
    run("log", "Edited", "--with", "Edith")
    run("plan", "rescue dog walk", "--with", "Edith", "--every", "week")


def test_people_filtered_to_nobody_says_so(run):
    run("add", "Maya", "--circle", "close")
    assert run("people", "--circle", "Inner").stdout == (
        "No one in the inner circle. `supportnet people` lists everyone.\n"
    )
    assert run("people", "--tag", "#climbing").stdout == (
        "No one with the tag 'climbing'. `supportnet people` lists everyone.\n"
    )
    assert run("people", "--archived").stdout == "No one is archived.\n"
    # --archived beside --all was taken as --all, without a word
    assert run("people", "--archived", "--all", expect=2).stderr == (
        "Choose --archived or --all, not both.\n"
    )


def test_a_long_import_summary_is_cut_short(run, tmp_path):
    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Maya\nTEL:+1 555 010 {n:04d}\nEND:VCARD\n" for n in range(40)
    )
    path = tmp_path / "many.vcf"
    path.write_text(cards, encoding="utf-8")
    lines = run("import", str(path)).stdout.splitlines()
    assert lines[1] == "40 added, 0 updated, 0 skipped."  # forty Mayas, each her own phone
    assert len(lines) == 2 + 25 + 1
    assert lines[-1] == "  ... and 14 more; --json lists every card."
