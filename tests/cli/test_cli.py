"""The command line as a whole: start-up, help, docs, errors, global options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from supportnet import __version__
from supportnet.cli import app
from supportnet.cli.reference import command_table, render, walk

ROOT = Path(__file__).resolve().parents[2]


def _python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version(run):
    assert run("--version").stdout == f"supportnet {__version__}\n"
    done = _python("-m", "supportnet", "--version")
    assert done.returncode == 0 and done.stdout == f"supportnet {__version__}\n"


def test_help_never_loads_the_database_layer_or_rich():
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['supportnet', '--help']\n"
        "try:\n"
        "    runpy.run_module('supportnet', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'rich', 'dateutil', 'icalendar', 'vobject'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = _python("-c", probe)
    assert "Usage: supportnet" in done.stdout
    assert "HEAVY []" in done.stderr, done.stderr


def test_command_reference_is_current():
    """docs/commands.md is generated: python -m supportnet.cli.reference > docs/commands.md"""
    assert (ROOT / "docs" / "commands.md").read_text(encoding="utf-8") == render()


def test_command_table_is_current():
    """Regenerate: python -m supportnet.cli.reference --table > src/supportnet/cli/commands.py"""
    path = ROOT / "src" / "supportnet" / "cli" / "commands.py"
    assert path.read_text(encoding="utf-8") == command_table()


def test_running_a_command_loads_only_its_module():
    probe = (
        "import sys\n"
        "from supportnet.cli import main\n"
        "sys.argv = ['supportnet', 'where']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('supportnet.cli.')))\n"
    )
    done = _python("-c", probe)
    loaded = done.stdout.strip().splitlines()[-1]
    assert "supportnet.cli.database" in loaded
    assert "supportnet.cli.nudge" not in loaded and "supportnet.cli.people" not in loaded


def test_every_command_and_option_has_help():
    root = typer.main.get_command(app)
    missing = []
    for path, command in walk(root):
        name = " ".join(("supportnet", *path))
        if not (command.help or "").strip():
            missing.append(name)
        if path and "Example" not in (command.help or ""):
            missing.append(f"{name} (no examples)")
        for param in command.params:
            if param.name in ("help", "install_completion", "show_completion"):
                continue
            if getattr(param, "param_type_name", "") == "argument":
                if not (getattr(param, "help", None) or "").strip():
                    missing.append(f"{name} argument {param.name}")
            elif not (param.help or "").strip():
                missing.append(f"{name} {param.opts[0]}")
    assert missing == []


def test_no_arguments_shows_help(run):
    result = run(expect=None)
    assert "Usage: supportnet" in result.stdout + result.stderr


def test_unknown_command_suggests(run):
    result = run("peple", expect=2)
    assert "Did you mean 'people'?" in result.stderr


def test_bad_today(run, unchanged):
    with unchanged():
        result = run("--today", "someday", "people", expect=5)
    assert result.stderr == (
        "--today: could not understand the date 'someday'. Try 2026-03-14, 14 March, "
        "yesterday, 3 days ago, in 2 weeks or next friday.\n"
    )


def test_today_reads_dates_as_every_date_option_does(run, unchanged):
    # --today took only 2026-03-14, and 2026-02-30 got "must be a date like 2026-03-14".
    result = run("--today", "14 March 2026", "nudge", "--json")
    assert '"today": "2026-03-14"' in result.stdout
    with unchanged():
        result = run("--today", "2026-02-30", "people", expect=5)
    assert result.stderr == (
        "--today: '2026-02-30' is not a day of the calendar (February has 28 days).\n"
    )
    import datetime as dt

    tomorrow = dt.date.today() + dt.timedelta(days=1)  # from the real clock, as the option is
    assert f'"today": "{tomorrow.isoformat()}"' in run("--today", "tomorrow", "nudge",
                                                       "--json").stdout  # fmt: skip


@pytest.mark.parametrize(
    "args, moved",
    [
        (["nudge", "--today", "2026-12-10"], "supportnet --today 2026-12-10 nudge"),
        (["people", "--db", "/tmp/x.db", "--json"], "supportnet --db /tmp/x.db people --json"),
        (["nudge", "--debug"], "supportnet --debug nudge"),
        (["show", "Maya", "--no-pager"], "supportnet --no-pager show Maya"),
        (["plan", "pause", "coffee", "--today=2026-06-01"],
         "supportnet --today=2026-06-01 plan pause coffee"),
    ],
)  # fmt: skip
def test_a_global_option_after_the_command_says_where_it_goes(run, args, moved):
    result = run(*args, expect=2)
    option = next(a for a in args if a.startswith("--")).split("=")[0]
    assert result.stderr == f"Error: {option} goes before the command: {moved}.\n"


def test_a_global_option_after_the_command_without_its_value(run):
    assert run("nudge", "--today", expect=2).stderr == (
        "Error: --today goes before the command, with its value.\n"
    )


def test_today_with_spaces_around_it(run):
    """A date pasted with a space each side is the date (SUPPORTNET_TODAY was already)."""
    result = run("--today", " 2026-06-07 ", "nudge", "--json")
    assert '"today": "2026-06-07"' in result.stdout
    blank = run("--today", "  ", "people", expect=5)
    assert blank.stderr == "--today must be a date like 2026-03-14, not ''.\n"
    # 31/01/2025 is read as every date option reads it: it was refused
    run("--today", "31/01/2025", "add", "Ana")
    assert json.loads(run("show", "Ana", "--json").stdout)["person"]["added_on"] == "2025-01-31"


def test_today_from_environment_and_option(run, monkeypatch):
    run("add", "Maya")
    assert json.loads(run("people", "--json").stdout)[0]["added_on"] == "2026-06-10"
    run("--today", "2025-01-31", "add", "Sam")
    assert json.loads(run("show", "Sam", "--json").stdout)["person"]["added_on"] == "2025-01-31"
    monkeypatch.setenv("SUPPORTNET_TODAY", "someday")
    assert "SUPPORTNET_TODAY: could not understand the date" in run("people", expect=5).stderr


@pytest.mark.usefixtures("existing_database")
def test_unexpected_errors_hide_the_traceback_unless_debug(run, monkeypatch):
    from supportnet.store import people

    def broken(*args, **kwargs):
        secret_note = "private words about Maya"  # noqa: F841 - must never be shown
        raise RuntimeError("boom")

    monkeypatch.setattr(people, "list_people", broken)
    result = run("people", expect=1)
    assert result.stderr == (
        "Something went wrong inside supportnet (RuntimeError); your data was not changed by "
        "the failed step. Run again with --debug to see the details.\n"
    )
    debug = run("--debug", "people", expect=1)
    assert "Traceback (most recent call last)" in debug.stderr
    assert "RuntimeError: boom" in debug.stderr
    assert "private words" not in debug.stderr + debug.stdout


def test_user_errors_show_a_traceback_only_with_debug(run):
    assert "Traceback" not in run("show", "Nobody", expect=3).stderr
    assert "Traceback" in run("--debug", "show", "Nobody", expect=3).stderr


def test_where_and_config(run, db_path: Path):
    info = json.loads(run("where", "--json").stdout)
    assert info == {
        "database": str(db_path),
        "database_exists": False,
        "config": str(db_path.parent / "config.toml"),
        "config_exists": False,
        "safety_copies": [],
        "synced_folder": None,
    }
    config = json.loads(run("config", "--json").stdout)
    assert config["values"]["cadence"]["friend"] == 30
    db_path.parent.mkdir(parents=True, exist_ok=True)
    (db_path.parent / "config.toml").write_text("[cadence]\nfriend = 21\n")
    run("add", "Sam")
    assert json.loads(run("people", "--json").stdout)[0]["cadence_days"] == 21
    assert "friend = 21" in run("config").stdout


@pytest.mark.parametrize(
    "text, message",
    [
        ("[cadense]\nfriend = 3\n", "unknown section 'cadense'. Did you mean 'cadence'?"),
        ("[cadence]\nfriends = 3\n", "unknown setting in [cadence] 'friends'. Did you mean"),
        ("[cadence]\nfriend = 'often'\n", "cadence.friend must be a number"),
        ("[cadence]\nfriend = 0\n", "cadence.friend must be above zero"),
        ("[cadence\n", "is not valid TOML"),
    ],
)
def test_bad_config_is_named(run, db_path: Path, text: str, message: str):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    (db_path.parent / "config.toml").write_text(text)
    result = run("config", expect=7)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_completion_of_names(run, db_path: Path):
    run("add", "Maya López")
    run("add", "Sam")
    done = _python(
        "-m", "supportnet", "show", "",
        env={"_SUPPORTNET_COMPLETE": "complete_bash", "COMP_WORDS": "supportnet show Ma",
             "COMP_CWORD": "2", "SUPPORTNET_DB": str(db_path)},
    )  # fmt: skip
    assert "Maya López" in done.stdout


def test_restore_completes_archived_names(run, db_path: Path):
    run("add", "Maya López")
    run("add", "Mark")
    run("archive", "Mark")

    def completed(command: str) -> list[str]:
        return _python(
            "-m", "supportnet", command, "",
            env={"_SUPPORTNET_COMPLETE": "complete_bash", "COMP_WORDS": f"supportnet {command} Ma",
                 "COMP_CWORD": "2", "SUPPORTNET_DB": str(db_path)},
        ).stdout.splitlines()  # fmt: skip

    assert (completed("restore"), completed("archive")) == (["Mark"], ["Maya López"])


def test_demo_never_touches_the_users_database(run, db_path: Path):
    out = run("demo").stdout
    assert "Maya López" in out
    assert not db_path.exists()


def test_readme_lists_every_exit_code():
    from supportnet.errors import EXIT_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"| {code} | {meaning} |" in readme


def test_show_says_when_the_next_birthday_is_in_words(run):
    # "next in 1 days" was the wording for tomorrow's birthday (today is 10 June 2026).
    run("add", "Maya", "--birthday", "1990-06-11")
    run("add", "Sam", "--birthday", "June 10")
    run("add", "Ana", "--birthday", "June 20")
    assert "11 June 1990 (next: tomorrow, turning 36)" in run("show", "Maya").stdout
    assert "10 June (next: today)" in run("show", "Sam").stdout
    assert "20 June (next: in 10 days)" in run("show", "Ana").stdout


def test_a_snooze_of_a_month_ends_on_the_same_day_of_next_month_or_its_last(run):
    run("add", "Maya")
    out = run("--today", "2026-01-31", "snooze", "Maya", "--for", "a month").stdout
    assert out.startswith("Snoozed Maya until Saturday 28 February 2026:")
    out = run("snooze", "Maya", "--for", "1y").stdout
    assert out.startswith("Snoozed Maya until Thursday 10 June 2027:")


def test_a_mistake_on_the_command_line_is_one_line(run):
    # Click printed the usage, a hint, a blank line and the error: four lines.
    assert run("add", "Bo", "--circel", "close", expect=2).stderr == (
        "Error: No such option: --circel (Possible options: --circle, --force). "
        "Try 'supportnet add -h' for help.\n"
    )
    assert run("peple", expect=2).stderr == (
        "Error: No such command 'peple'. Did you mean 'people'? Try 'supportnet -h' for help.\n"
    )
    # A value not understood is exit 5 (README), as --felt 9 is, in words, not Click's.
    assert run("nudge", "--count", "abc", expect=5).stderr == (
        "Invalid value for '--count' / '-n': 'abc' is not a whole number.\n"
    )
    assert run("nudge", "--count", "0", expect=5).stderr == (
        "Invalid value for '--count' / '-n': 0 is not 1 or more.\n"
    )
    assert run("today", "--limit", "51", expect=5).stderr.endswith(": 51 is not from 0 to 50.\n")
    assert run("--debgu", "people", expect=2).stderr == (
        "Error: No such option: --debgu (Possible options: --db, --debug). "
        "Try 'supportnet -h' for help.\n"
    )
    # A command given alone is one line too (it showed its whole help); a group alone
    # (`supportnet plan`) still shows its help, as git does.
    assert run("add", expect=2).stderr == (
        "Error: Missing argument 'NAME'. Try 'supportnet add -h' for help.\n"
    )
    assert "Usage: supportnet plan" in run("plan", expect=2).stdout + run("plan", expect=2).stderr


def test_ctrl_c_while_starting_is_one_line():
    # Ctrl-C in the first tens of milliseconds (Typer still loading) printed a traceback.
    probe = (
        "import builtins\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'supportnet.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "from supportnet.start import main\n"
        "main()\n"
    )
    done = _python("-c", probe)
    assert (done.returncode, done.stderr) == (
        130,
        "Interrupted; anything half-done was not saved.\n",
    )


def test_a_config_saved_by_notepad_or_not_as_utf8(run, db_path: Path):
    # A byte-order mark gave "not valid TOML (at line 1, column 1)"; a Latin-1 file
    # gave Python's "'utf-8' codec can't decode byte 0xff in position 0".
    db_path.parent.mkdir(parents=True, exist_ok=True)
    config = db_path.parent / "config.toml"
    config.write_bytes(b"\xef\xbb\xbf[cadence]\nfriend = 21\n")
    assert "friend = 21" in run("config").stdout
    config.write_bytes(b"\xff[cadence]\n")
    assert run("config", expect=7).stderr == (
        f"The config file {config} is not UTF-8 text; save it as UTF-8 (or move it away).\n"
    )
