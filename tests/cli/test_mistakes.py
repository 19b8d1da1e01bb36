"""Every mistake gets a kind, consistent answer (issue 11): one rule per mechanism."""

from __future__ import annotations

from pathlib import Path


def _on_a_terminal(args: list[str], keys: bytes, env: dict[str, str]) -> tuple[int, str]:
    """Run supportnet on a pseudo-terminal, type ``keys`` at its first question;
    (exit code, everything the terminal showed)."""
    import fcntl
    import os
    import pty
    import select
    import subprocess
    import sys
    import termios
    import time

    def own_terminal() -> None:  # the pty is the child's terminal: ^C is SIGINT there
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "supportnet", *args], stdin=follower, stdout=follower,
        stderr=follower, env={**os.environ, **env}, preexec_fn=own_terminal,
    )  # fmt: skip
    os.close(follower)
    shown, typed = b"", False
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.1)
            chunk = b""
            if ready:
                try:
                    chunk = os.read(leader, 1024)
                except OSError:  # EIO: the command has ended and closed the terminal
                    chunk = b""
                shown += chunk
            if not typed and b"[y/N]: " in shown:
                # As a person would: a moment after the question, not in the instant
                # between Python printing it and reading the answer (a signal landing
                # there waits for the next key: CPython's input() checks none before).
                time.sleep(0.3)
                os.write(leader, keys)
                typed = True
            if not chunk and proc.poll() is not None:
                break
        return proc.wait(timeout=10), shown.decode("utf-8", "replace").replace("\r\n", "\n")
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()


def test_ctrl_c_at_a_question_is_an_interruption_on_its_own_line(run, db_path: Path, unchanged):
    run("add", "Maya")
    with unchanged():
        code, shown = _on_a_terminal(["remove", "Maya"], b"\x03", {"SUPPORTNET_DB": str(db_path)})
    assert code == 130
    assert shown.endswith(
        "Remove Maya (#1)? [y/N]: ^C\nInterrupted; anything half-done was not saved.\n"
    ), shown


def test_no_at_a_question_stays_exit_13(run, db_path: Path, unchanged):
    run("add", "Maya")
    with unchanged():
        result = run("remove", "Maya", input="n\n", expect=13)
    assert result.stderr == "Nothing was changed.\n"


# --- what a name may do to a terminal -----------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;owned\x07"


def test_control_characters_never_reach_the_database_from_what_is_typed(run, db_path: Path):
    run("add", f"Maya{ESCAPES} López", "--tag", "\x1b[31mred", "--nickname", "M\x07")
    person = __import__("json").loads(run("show", "Maya", "--json").stdout)["person"]
    assert (person["name"], person["tags"], person["nicknames"]) == ("Maya López", ["red"], ["M"])


def test_control_characters_from_a_vcard_are_left_out(run, db_path: Path, tmp_path: Path):
    card = tmp_path / "c.vcf"
    card.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam{ESCAPES} Lee\r\nEND:VCARD\r\n", encoding="utf-8"
    )
    run("import", str(card))
    assert run("people").stdout.splitlines()[1].split()[1:3] == ["Sam", "Lee"]


def test_a_control_character_already_recorded_is_never_printed_raw(run, db_path: Path):
    import sqlite3

    run("add", "Old Name")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE person SET name = ?, note = ?", (f"Old{ESCAPES}", "a\x1b[2Jb\nc"))
    conn.close()
    for args in (["people"], ["show", "#1"], ["people", "--all"]):
        out = run(*args).stdout
        assert "\x1b" not in out and "\x07" not in out, (args, out)
    assert "Old␛[2J␛]0;owned␇" in run("people").stdout


def test_a_long_note_is_shortened_in_listings_and_kept_whole_elsewhere(run, db_path: Path):
    note = "word " * 1200  # 6,000 characters
    run("add", "Maya")
    run("log", "coffee", "--with", "Maya", "--note", note)
    history = run("history").stdout.splitlines()
    assert len(history) == 2 and max(len(row) for row in history) < 250  # not 6,000
    assert history[1].endswith("…")
    import json

    logged = json.loads(run("history", "--json").stdout)[0]
    assert logged["note"] == note.strip()


# --- "Did you mean" for any typo of a name ------------------------------------------


def test_did_you_mean_compares_each_name_word_and_nickname(run, db_path: Path, unchanged):
    for name in ("Maya López", "Samuel Okafor", "Sam Lee"):
        run("add", name)
    run("edit", "Sam Lee", "--nickname", "Sunny")
    with unchanged():
        for typed, hint in (
            ("Mya", "Did you mean Maya López?"),
            ("Mayaa", "Did you mean Maya López?"),
            ("Lopes", "Did you mean Maya López?"),
            ("Samule", "Did you mean Samuel Okafor or Sam Lee?"),
            ("Suny", "Did you mean Sam Lee?"),
        ):
            result = run("show", typed, expect=3)
            assert result.stderr == f"No one called {typed!r} is here. {hint}\n", typed
        assert run("show", "Xavier", expect=3).stderr == "No one called 'Xavier' is here.\n"


def test_the_same_bad_date_gets_the_same_precise_message_everywhere(run, db_path, unchanged):
    run("add", "Maya")
    with unchanged():
        for args in (["log", "coffee", "--with", "Maya", "--on", "2026-13-01"],
                     ["add", "Sam", "--birthday", "2026-13-01"],
                     ["event", "Maya", "party", "--on", "2026-13-01"]):  # fmt: skip
            result = run(*args, expect=5)
            assert result.stderr == "'2026-13-01' is not a day of the calendar.\n", args


# --- found by the fuzz (tests/cli/test_fuzz.py) -----------------------------------------

TOO_FAR = "is too far away: supportnet keeps dates from 1900 to 2199.\n"


def test_a_superscript_is_not_a_number_of_days(run, db_path: Path, unchanged):
    """'²'.isdigit() is true but int('²') fails: it was exit 1."""
    run("add", "Maya")
    with unchanged():
        for args in (["log", "coffee", "--with", "Maya", "--on", "² days ago"],
                     ["plan", "tea", "--with", "Maya", "--every", "every ² weeks"],
                     ["add", "Sam", "--cadence", "² weeks"]):  # fmt: skip
            result = run(*args, expect=5)
            assert result.stderr.startswith("Could not understand the "), args
            assert "'" + args[-1] + "'" in result.stderr, args
    # Digits of another script are digits: three days ago.
    run("log", "coffee", "--with", "Maya", "--on", "٣ days ago")
    import json

    assert [e["date"] for e in json.loads(run("history", "--json").stdout)] == ["2026-06-07"]


def test_the_year_0000_is_too_far_away_not_a_crash(run, db_path: Path, unchanged):
    """dt.date(0, 1, 1) raised ValueError (exit 1); dateutil read 'march 3 0000' as 2000."""
    run("add", "Maya")
    with unchanged():
        for day in ("0000-01-01", "1.1.0000", "1/1/0000", "march 3 0000"):
            for args in (["log", "coffee", "--with", "Maya", "--on", day],
                         ["favor", "add", "soup", "--for", "Maya", "--on", day],
                         ["add", "Sam", "--birthday", day]):  # fmt: skip
                result = run(*args, expect=5)
                assert result.stderr == f"{day!r} {TOO_FAR}", args


def test_a_number_of_thousands_of_digits_is_too_far_not_a_crash(run, db_path: Path, unchanged):
    """Python converts at most 4,300 digits to an int: it was exit 1. The message
    shows the beginning and the end of such a value, not all of it."""
    huge = "9" * 5000
    run("add", "Maya")
    with unchanged():
        result = run("log", "coffee", "--with", "Maya", "--on", f"{huge} days ago", expect=5)
        assert result.stderr == f"'{'9' * 59}…{'9' * 20} days ago' {TOO_FAR}"
        result = run("goal", "add", f"reach out to {huge} people a week", expect=5)
        assert result.stderr == "A goal of more than 1000 in one period is not a gentle goal.\n"
        result = run("plan", "tea", "--with", "Maya", "--every", f"FREQ=DAILY;COUNT={huge}",
                     expect=5)  # fmt: skip
        assert result.stderr.startswith(f"COUNT={'9' * 20}… is not used: COUNT is a whole")


def test_did_you_mean_for_plans_groups_goals_and_resources(run, db_path: Path, unchanged):
    """The same rule as for people (text.similar): each word of a title or name counts."""
    run("add", "Priya")
    run("plan", "Lunch with Priya", "--with", "Priya", "--every", "month")
    run("plan", "Climbing at the boulder gym", "--with", "Priya", "--every", "week")
    run("group", "add", "Riverside Community Chorus", "--kind", "chorus")
    run("goal", "add", "reach out to 2 people a week")
    run("resources", "add", "Crisis line", "--kind", "hotline", "--phone", "988")
    lists = {"plan": "`supportnet plans`", "group": "`supportnet groups`",
             "goal": "`supportnet goals`"}  # fmt: skip
    with unchanged():
        for args, what, hint in (
            (["done", "Climing"], "plan", "Climbing at the boulder gym"),
            (["done", "Lnuch"], "plan", "Lunch with Priya"),
            (["group", "archive", "Rivrside"], "group", "Riverside Community Chorus"),
            (["group", "archive", "Chorsu"], "group", "Riverside Community Chorus"),
            (["goal", "pause", "peple"], "goal", "reach out to 2 people a week"),
            (["resources", "remove", "Crsis"], "resource", "Crisis line"),
        ):
            result = run(*args, expect=3)
            typed = args[-1]
            if what == "resource":
                expected = f"No resource called {typed!r} is here. Did you mean {hint}?\n"
            else:
                expected = (f"No {what} called {typed!r}. Did you mean {hint}? "
                            f"{lists[what]} lists them.\n")  # fmt: skip
            assert result.stderr == expected, args
        assert run("done", "xyzzy", expect=3).stderr == (
            "No plan called 'xyzzy'. `supportnet plans` lists them.\n"
        )


def test_a_file_name_with_nul_is_a_file_problem_not_a_crash(run, db_path: Path, unchanged):
    """os.stat('\\x00') raises ValueError (it was exit 1). A shell cannot pass NUL in an
    argument, but the Python API and a config file can."""
    run("add", "Maya")
    with unchanged():
        for args in (["calendar", "export", "a\x00b"], ["export", "-o", "\x00"],
                     ["backup", "a\x00"], ["import", "\x00.vcf"]):  # fmt: skip
            result = run(*args, expect=7)
            assert result.stderr == "A file name cannot hold the character NUL (\\0).\n", args


# --- huge numbers in phrases ----------------------------------------------------------


def test_huge_numbers_in_phrases_get_one_clear_line(run, db_path: Path, unchanged):
    run("add", "Maya")
    apart = "is further apart than a plan goes: at most every 999 days, weeks, months or years.\n"
    with unchanged():
        for every, expected in (
            ("every 9999999999 weeks", f"Every 9999999999 {apart}"),
            ("every 1000 days", f"Every 1000 {apart}"),  # was read as "every day at 10:00"
            (f"every {'9' * 5000} weeks", f"Every {'9' * 20}… {apart}"),
        ):
            result = run("plan", "tea", "--with", "Maya", "--every", every, expect=5)
            assert result.stderr == expected, every
        result = run("plan", "tea", "--with", "Maya", "--on", "in 99999999999 days", expect=5)
        assert result.stderr == f"'in 99999999999 days' {TOO_FAR}"
        result = run("goal", "add", "reach out to 99999999999 people a week", expect=5)
        assert result.stderr == "A goal of more than 1000 in one period is not a gentle goal.\n"


def test_rrule_interval_and_count_beyond_32_bits_are_refused_kindly(run, db_path, unchanged):
    """dateutil takes any INTERVAL or COUNT; a calendar app reading the export does not."""
    run("add", "Maya")
    with unchanged():
        for part, value in (("INTERVAL", "99999999999"), ("COUNT", "2147483648"),
                            ("COUNT", "0"), ("INTERVAL", "²"), ("COUNT", "9" * 5000)):  # fmt: skip
            rule = f"FREQ=WEEKLY;{part}={value}"
            result = run("plan", "tea", "--with", "Maya", "--every", rule, expect=5)
            shown = value if len(value) <= 24 else value[:20] + "…"
            assert result.stderr == (
                f"{part}={shown} is not used: {part} is a whole number from 1 to 2147483647 "
                "(what calendar apps read).\n"
            ), rule
    run("plan", "tea", "--with", "Maya", "--every", "FREQ=WEEKLY;INTERVAL=2147483647")
    assert "every 2147483647 weeks" in run("plans").stdout


# --- typos in what was done -----------------------------------------------------------


def test_a_typo_of_a_kind_in_what_was_done_gets_did_you_mean(run, db_path: Path, unchanged):
    """'coffe' became kind "other" without a word; now it is asked about, as --kind is."""
    run("add", "Maya")
    run("group", "add", "Community chorus", "--kind", "chorus")
    with unchanged():
        for what, typo in (("coffe", "coffee"), ("dinnr", "dinner"), ("lnuch", "lunch")):
            result = run("log", what, "--with", "Maya", expect=5)
            assert result.stderr == (
                f"Did you mean {typo}? To log {what!r} as it is, add --kind other.\n"
            )
        result = run("log", "rehersal", "--group", "chorus", expect=5)
        assert result.stderr == (
            "Did you mean rehearsal? To log 'rehersal' as it is, add --kind \"group meeting\".\n"
        )
    # Words that are words, a plural, and the way out are logged as they are.
    for what in ("talk", "bike", "walks"):
        run("log", what, "--with", "Maya", "--on", "yesterday")
    run("log", "coffe", "--with", "Maya", "--kind", "other")
    import json

    logged = {e["what"]: e["kind"] for e in json.loads(run("history", "--json").stdout)}
    assert logged == {"talk": "other", "bike": "other", "walks": "other", "coffe": "other"}


def test_just_logged_compares_what_was_done_too(run, db_path: Path, unchanged):
    """Two different get-togethers of kind "other" a moment apart are both kept."""
    run("add", "Maya")
    run("log", "board games", "--with", "Maya")
    run("log", "bowling", "--with", "Maya")
    with unchanged():
        result = run("log", "Board  Games", "--with", "Maya", expect=6)
        assert result.stderr == (
            "That get-together was just logged (#1). To log a second one, add --again; "
            "to change it, use `supportnet log edit 1`.\n"
        )


# --- empty text ---------------------------------------------------------------------


def test_empty_titles_and_names_are_refused_everywhere_notes_may_be_empty(run, db_path, unchanged):
    """One rule (text.required_line): `log ''` was accepted while `favor ''` was refused."""
    run("add", "Maya")
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    for blank in ("", "   ", "\t\n"):
        with unchanged():
            for args, message in (
                (["log", blank, "--with", "Maya"],
                 "Say what you did, or leave it out: it cannot be empty."),
                (["plan", blank, "--with", "Maya", "--every", "week"],
                 "A plan needs a title: supportnet plan coffee --with Maya ..."),
                (["group", "add", blank, "--kind", "chorus"], "A group needs a name."),
                (["favor", "add", blank, "--for", "Maya"],
                 "Say what the favor was: it cannot be empty."),
                (["event", "add", "Maya", blank, "--hard"],
                 "Say what the event was: it cannot be empty."),
                (["resources", "add", blank, "--kind", "hotline", "--phone", "988"],
                 "A resource needs a name."),
                (["add", blank], "A name cannot be empty."),
            ):  # fmt: skip
                result = run(*args, expect=5)
                assert result.stderr == message + "\n", (args, blank)
            assert run("goal", "add", blank, expect=5).stderr.startswith("A goal needs words")
    # Leaving WHAT out is fine (the kind names it), and so is an empty note.
    run("log", "--with", "Maya", "--kind", "walk", "--note", "")
    run("plan", "tea", "--with", "Maya", "--every", "week", "--note", " ")
    import json

    walk = json.loads(run("history", "--json").stdout)[0]
    assert (walk["title"], walk["what"], walk["note"]) == ("walk", None, None)


def test_bytes_that_are_not_utf8_are_stored_and_shown_as_a_replacement(run, db_path, unchanged):
    """A non-UTF-8 argument reaches Python as a lone surrogate ('\\udcff'): SQLite and a
    UTF-8 stdout refused it (UnicodeEncodeError, exit 1; found by the fuzz)."""
    run("add", "Zed\udcff")
    run("group", "add", "Kn\udcffit", "--kind", "other")
    import json

    assert json.loads(run("show", "Zed", "--json").stdout)["person"]["name"] == "Zed\ufffd"
    assert "Kn\ufffdit" in run("groups").stdout
    out = db_path.parent / "out\udcff.ics"
    assert run("calendar", "export", str(out)).stdout.endswith("out\ufffd.ics.\n")


def test_control_characters_are_stripped_from_every_title(run, db_path: Path):
    run("add", "Maya")
    run("log", "a\x1b[2Jb", "--with", "Maya")
    run("group", "add", "Kn\x1b]0;owned\x07it", "--kind", "other")
    run("plan", "te\x07a", "--with", "Maya", "--every", "week", "--place", "x\x1b[1my")
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        stored = [row[0] for table, column in (("gettogether", "what"), ("community", "name"),
                                               ("plan", "title"), ("plan", "place"))
                  for row in conn.execute(f"SELECT {column} FROM {table}")]  # fmt: skip
    finally:
        conn.close()
    assert stored == ["ab", "Knit", "te a", "xy"]


def test_a_name_typed_without_quotes_is_shown_quoted(run, db_path: Path, unchanged):
    """`supportnet add Ada Lovelace` reads Lovelace as one word too many: the line says
    how it was meant, quoted, when the words before were a name or text (an argument,
    a person option), and only then (a word after `--circle close` was not its value)."""
    run("add", "Ada")
    hint = "Put a name or text with spaces in quotes: "
    cases = {
        ("add", "Ada", "Lovelace", "Byron"): f'{hint}"Ada Lovelace Byron". Try \'supportnet add',
        ("show", "Ada", "Lovelace"): f"{hint}\"Ada Lovelace\". Try 'supportnet show -h'",
        ("log", "coffee", "--with", "Ada", "Lovelace"): f'{hint}"Ada Lovelace". Try',
        ("log", "coffee", "-w", "Ada", "Lovelace"): f'{hint}"Ada Lovelace". Try',
        # The first word after `log` or `plan` may be meant as one of their commands.
        ("log", "dinner", "at", "Sam's"): f'{hint}"dinner at Sam\'s", or use one of '
        "supportnet log's commands: add, edit or undo. Try",
        ("plan", "stop", "coffee"): f'{hint}"stop coffee", or use one of supportnet '
        "plan's commands: add, pause, resume or end. Try 'supportnet plan add -h'",
        ("plan", "add", "stop", "coffee"): f'{hint}"stop coffee". Try',
        ("show", "Ada", 'O"Brien'): f"{hint}'Ada O\"Brien'. Try",
    }
    with unchanged():
        for args, said in cases.items():
            error = run(*args, expect=2).stderr
            assert said in error, args
            assert error.startswith("Error: Got unexpected extra argument(s) ("), args
            assert error.count("\n") == 1, args
        for args in (("add", "Ada", "--circle", "close", "Lovelace"), ("nudge", "extra"),
                     ("show", "Ada", "--json", "Lovelace")):  # fmt: skip
            error = run(*args, expect=2).stderr
            assert hint not in error and error.count("\n") == 1, args


def test_a_file_given_where_a_command_was_expected_gets_the_command(run, unchanged):
    # `supportnet calendar week.ics` said only "No such command 'week.ics'".
    with unchanged():
        assert run("calendar", "week.ics", expect=2).stderr == (
            "Error: No such command 'week.ics'. To give it a file: supportnet calendar "
            "export week.ics. Try 'supportnet calendar -h' for help.\n"
        )
        assert "To give it a file" not in run("calendar", "weekly", expect=2).stderr
