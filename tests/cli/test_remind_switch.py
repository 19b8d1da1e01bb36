"""One schedule per user account: `remind install` with another scheduler takes out
what supportnet set up with the earlier one, as `remind remove` would (stand-ins
for systemctl and crontab from tests/remind_tools.py; launchd and schtasks through
a stand-in runner)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from supportnet.errors import NotDelivered
from supportnet.remind import platforms
from supportnet.remind.machine import Machine, Result
from supportnet.remind.platforms import installed_program
from supportnet.remind.schedule import schedule_from
from tests import remind_tools as tools

#: supportnet's unit files, in the order they are written, removed and named.
UNITS = ["supportnet-remind.timer", "supportnet-remind.service",
         "supportnet-remind-weekly.timer", "supportnet-remind-weekly.service"]  # fmt: skip
BOTH_TIMERS = "supportnet-remind.timer supportnet-remind-weekly.timer"
MINE = "MAILTO=ana@example.org\n30 2 * * * /usr/bin/backup --all\n"


@pytest.fixture
def home() -> Path:
    return Path(os.environ["HOME"])


def _units(home: Path) -> Path:
    return home / ".config" / "systemd" / "user"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def _setups(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT scheduler, installed_on, removed_on FROM reminder_setup ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def _cron_block(db_path: Path) -> str:
    program = " ".join(installed_program())
    return (
        "# BEGIN supportnet reminders (`supportnet remind remove` takes this block out)\n"
        "# the morning digest at 19:30, Monday, Wednesday and Friday\n"
        f"30 19 * * 1,3,5 {program} --db {db_path} remind run --digest daily --scheduled\n"
        "# END supportnet reminders\n"
    )


def test_cron_after_systemd_takes_the_timers_out(run, home, db_path) -> None:
    tools.systemctl()
    tools.crontab(MINE)
    run("remind", "install", "--at", "8:30", "--weekly", "sun", "--scheduler", "systemd")
    out = run("--today", "2026-06-12", "remind", "install", "--scheduler", "cron", "--at",
              "7:30pm", "--days", "mon,wed,fri").stdout  # fmt: skip
    copy = db_path.parent / "crontab.before-supportnet.txt"
    assert out == (
        "Put supportnet's lines in your crontab.\n"
        f"Your crontab as it was is kept in {copy}.\n"
        "Took out the earlier systemd schedule.\n"
        "Reminders are set up with cron: the morning digest at 19:30, Monday, Wednesday and "
        "Friday.\n"
        "`supportnet remind status` shows the next run; `supportnet remind remove` stops them.\n"
    )
    assert _files(_units(home)) == []
    assert tools.calls("systemctl")[3:] == [
        f"--user disable --now {BOTH_TIMERS}",
        "--user daemon-reload",
    ]
    assert tools.crontab_text() == MINE + _cron_block(db_path)
    assert _setups(db_path) == [("systemd", "2026-06-10", "2026-06-12"),
                                ("cron", "2026-06-12", None)]  # fmt: skip
    said = run("remind", "status").stdout.split("What the scheduler says\n")[1]
    assert said.split("\n\n")[0].splitlines() == [
        f"  crontab (cron): 30 19 * * 1,3,5 {' '.join(installed_program())} --db {db_path} "
        "remind run --digest daily --scheduled",
    ]


def test_systemd_after_cron_takes_the_crontab_lines_out(run, home, db_path) -> None:
    tools.systemctl()
    tools.crontab(MINE)
    run("remind", "install", "--scheduler", "cron", "--at", "7:30pm", "--days", "mon,wed,fri")
    out = run("remind", "install", "--scheduler", "systemd").stdout
    assert tools.crontab_text() == MINE
    assert out.splitlines()[-4:-2] == [
        "Took out the earlier cron schedule.",
        f"Your crontab as it was is kept in {db_path.parent / 'crontab.before-supportnet.txt'}.",
    ]
    assert out.splitlines()[-2].startswith("Reminders are set up with systemd: ")
    assert _files(_units(home)) == sorted(UNITS[:2])
    assert [s[0] for s in _setups(db_path)] == ["cron", "systemd"]


def test_a_dry_run_shows_what_would_be_taken_out(run, home, db_path, unchanged) -> None:
    tools.systemctl()
    tools.crontab(MINE)
    run("remind", "install", "--scheduler", "systemd", "--weekly", "sun")
    with unchanged():
        out = run("remind", "install", "--scheduler", "cron", "--dry-run").stdout
    folder = _units(home)
    assert (
        out.splitlines()[-8:]
        == [
            "Would take out the earlier systemd schedule:",
            f"Would run: systemctl --user disable --now {BOTH_TIMERS}",
            *(f"Would remove {folder / name}." for name in UNITS),
            "Would run: systemctl --user daemon-reload",
            "Nothing was written (--dry-run).",
        ][-8:]
    )
    assert _files(folder) == sorted(UNITS)
    assert tools.crontab_text() == MINE


def test_installing_again_mends_both_schedulers_left_set_up(run, home, db_path) -> None:
    """Both set up (as an earlier supportnet left them): installing the same schedule
    again takes the other out, and says so."""
    tools.systemctl()
    tools.crontab(MINE)
    run("remind", "install", "--scheduler", "systemd")
    Path(tools.tools() / "crontab.txt").write_text(MINE + _cron_block(db_path))
    out = run("remind", "install", "--scheduler", "systemd").stdout
    assert "Took out the earlier cron schedule.\n" in out
    assert "Nothing changed" not in out
    assert tools.crontab_text() == MINE


def test_when_systemd_will_not_let_go_it_says_what_is_left(run, home, db_path) -> None:
    tools.systemctl()
    tools.crontab(MINE)
    run("remind", "install", "--scheduler", "systemd", "--weekly", "sun")
    tools.stub("systemctl", 'if [ "$2" = disable ]; then echo "Access denied" >&2; exit 1; fi')
    result = run("remind", "install", "--scheduler", "cron", "--at", "7:30pm", "--days",
                 "mon,wed,fri", expect=14)  # fmt: skip
    folder = _units(home)
    assert result.stderr == (
        "Reminders are set up with cron now, but the earlier systemd schedule could not be "
        "taken out: systemd did not disable the timers (systemctl said: Access denied); "
        "nothing of them was taken away. Still there: "
        + ", ".join(str(folder / name) for name in UNITS)
        + ". `supportnet remind remove` takes out both.\n"
    )
    assert result.stdout.startswith("Put supportnet's lines in your crontab.\n")
    assert _files(folder) == sorted(UNITS)
    assert tools.crontab_text() == MINE + _cron_block(db_path)
    assert [s[0] for s in _setups(db_path)] == ["systemd", "cron"]
    # `remind remove` then takes out both, once systemd lets go.
    tools.systemctl()
    run("remind", "remove")
    assert _files(folder) == [] and tools.crontab_text() == MINE


def test_when_the_crontab_cannot_be_written_it_says_what_is_left(run, home, db_path) -> None:
    tools.systemctl()
    tools.crontab(MINE)
    run("remind", "install", "--scheduler", "cron", "--at", "7:30pm", "--days", "mon,wed,fri")
    text = tools.tools() / "crontab.txt"
    tools.stub("crontab", f'if [ "$1" = -l ]; then cat "{text}"; else echo "crontab: '
               'permission denied" >&2; exit 1; fi')  # fmt: skip
    result = run("remind", "install", "--scheduler", "systemd", expect=14)
    assert result.stderr == (
        "Reminders are set up with systemd now, but the earlier cron schedule could not be "
        "taken out: Your crontab was not changed (crontab said: crontab: permission denied). "
        "Still there: supportnet's lines in your crontab. `supportnet remind remove` takes "
        "out both.\n"
    )
    assert _files(_units(home)) == sorted(UNITS[:2])
    assert tools.crontab_text() == MINE + _cron_block(db_path)
    assert [s[0] for s in _setups(db_path)] == ["cron", "systemd"]


def test_remove_stops_when_systemd_will_not_disable_the_timers(run, home, db_path) -> None:
    tools.systemctl()
    run("remind", "install", "--scheduler", "systemd")
    tools.stub("systemctl", 'if [ "$2" = disable ]; then echo "Access denied" >&2; exit 1; fi')
    result = run("remind", "remove", expect=14)
    assert result.stderr == (
        "systemd did not disable the timers (systemctl said: Access denied); nothing of them "
        "was taken away.\n"
    )
    assert _files(_units(home)) == sorted(UNITS[:2])
    assert _setups(db_path)[0][-1] is None


def test_remove_takes_out_the_others_when_one_will_not_let_go(run, home, db_path) -> None:
    # systemd refusing stopped `remove` before it looked at the crontab.
    tools.systemctl()
    tools.crontab(MINE)
    run("remind", "install", "--scheduler", "systemd")
    Path(tools.tools() / "crontab.txt").write_text(MINE + _cron_block(db_path))
    tools.stub("systemctl", 'if [ "$2" = disable ]; then echo "Access denied" >&2; exit 1; fi')
    result = run("remind", "remove", expect=14)
    assert tools.crontab_text() == MINE  # cron's block is out all the same
    assert result.stderr.startswith("systemd did not disable the timers")
    assert _files(_units(home)) == sorted(UNITS[:2])


# --- launchd and schtasks, through a stand-in runner -------------------------------


def _machine(home: Path, said: dict[str, Result], platform: str = "darwin"):
    asked: list[str] = []

    def runner(name: str, args: list[str], stdin: str | None) -> Result:
        asked.append(" ".join([name, *args]))
        for start, result in said.items():
            if " ".join([name, *args]).startswith(start):
                return result
        return Result(True, 0)

    return Machine(home, home / ".config", 501, runner, platform), asked


def test_another_scheduler_on_a_mac_takes_the_agents_out(home: Path) -> None:
    machine, asked = _machine(home, {})
    schedule = schedule_from("8:30", None, "sun")
    commands = platforms.commands_for(schedule, home / "sn.db", ["/opt/bin/supportnet"])
    platforms.install("launchd", schedule, commands, machine, None)
    agents = home / "Library" / "LaunchAgents"
    assert len(list(agents.iterdir())) == 2
    asked.clear()
    done = platforms.take_out_others("cron", machine, None)
    assert done.lines == ["Took out the earlier launchd schedule."] and done.changed
    assert list(agents.iterdir()) == []
    assert asked == [
        "launchctl bootout gui/501/org.supportnet.remind.daily",
        "launchctl bootout gui/501/org.supportnet.remind.weekly",
    ]
    assert platforms.take_out_others("cron", machine, None).lines == []


def test_the_scheduler_chosen_is_left_alone(home: Path) -> None:
    machine, asked = _machine(home, {})
    schedule = schedule_from(None, None, None)
    commands = platforms.commands_for(schedule, home / "sn.db", ["/opt/bin/supportnet"])
    platforms.install("launchd", schedule, commands, machine, None)
    asked.clear()
    assert platforms.take_out_others("launchd", machine, None).lines == []
    assert asked == []


def test_tasks_of_windows_are_named_for_the_user_to_delete(home: Path) -> None:
    """supportnet gives schtasks commands to run and never runs them itself: it names
    the ones that take the earlier tasks out, only when there are some."""
    missing = Result(True, 1, "", "ERROR: The system cannot find the file specified.")
    found = {"schtasks /Query /TN supportnet\\remind daily": Result(True, 0, "Status: Ready"),
             "schtasks /Query": missing}  # fmt: skip
    machine, _ = _machine(home, found, platform="win32")
    done = platforms.take_out_others("cron", machine, None)
    assert done.lines == [
        "supportnet does not change Windows' Task Scheduler itself; to take out the earlier "
        "schedule there, run this in Command Prompt (cmd.exe):",
        '    schtasks /Delete /F /TN "supportnet\\remind daily"',
    ]
    assert not done.changed
    none, _ = _machine(home, {"schtasks /Query": missing}, platform="win32")
    assert platforms.take_out_others("cron", none, None).lines == []


def test_a_dry_run_says_when_the_crontab_block_cannot_be_taken_out(home: Path) -> None:
    tools.crontab(
        "# BEGIN supportnet reminders (`supportnet remind remove` takes this block out)\n"
        "0 9 * * 1-5 supportnet remind run --digest daily --scheduled\n"
    )
    machine = Machine(home, home / ".config")
    with pytest.raises(NotDelivered) as error:
        platforms.take_out_others("systemd", machine, None, dry_run=True)
    assert error.value.message.startswith(
        "The earlier cron schedule could not be taken out: Your crontab has a line "
    )


@pytest.mark.usefixtures("existing_database")
def test_a_dry_run_on_a_machine_without_crontab_still_shows_its_lines(run, unchanged) -> None:
    """It stopped at reading the crontab (exit 14) instead of showing what it would do."""
    with unchanged():
        out = run("remind", "install", "--scheduler", "cron", "--dry-run").stdout
    lines = out.splitlines()
    assert lines[0] == "Would put these lines in your crontab (`crontab -l` shows it):"
    assert any("remind run --digest daily --scheduled" in text for text in lines)
    assert lines[-2:] == [
        "Your crontab could not be read (crontab was not found). Without --dry-run it would"
        " stop there.",
        "Nothing was written (--dry-run).",
    ]
    assert run("remind", "install", "--scheduler", "cron", expect=14).stderr == (
        "Your crontab could not be read (crontab was not found).\n"
    )
