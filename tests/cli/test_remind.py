"""`supportnet remind install`, `remove` and `status` with stand-ins for systemctl,
crontab and launchctl (tests/remind_tools.py), in the test's own home folder."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from supportnet.remind import units
from supportnet.remind.machine import Machine, Result
from supportnet.remind.platforms import installed_program
from tests import remind_tools as tools


@pytest.fixture
def home() -> Path:
    return Path(os.environ["HOME"])


def _units(home: Path) -> Path:
    return home / ".config" / "systemd" / "user"


def _program() -> str:
    return " ".join(installed_program())


def _setups(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT scheduler, at_time, days, weekly_day, installed_on, removed_on"
            " FROM reminder_setup ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_a_dry_run_prints_the_timer_and_writes_nothing(run, home, db_path) -> None:
    tools.systemctl()
    out = run("remind", "install", "--scheduler", "systemd", "--dry-run").stdout
    folder = _units(home)
    assert out == (
        f"Would write {folder}/supportnet-remind.service:\n"
        "    # Written by `supportnet remind install`; `supportnet remind remove` takes it away.\n"
        "    [Unit]\n"
        "    Description=supportnet: the morning digest (supportnet remind run)\n"
        "\n"
        "    [Service]\n"
        "    Type=oneshot\n"
        f"    ExecStart={_program()} --db {db_path} remind run --digest daily --scheduled\n"
        f"Would write {folder}/supportnet-remind.timer:\n"
        "    # Written by `supportnet remind install`; `supportnet remind remove` takes it away.\n"
        "    [Unit]\n"
        "    Description=supportnet: the morning digest at 09:00, Monday to Friday\n"
        "\n"
        "    [Timer]\n"
        "    OnCalendar=Mon..Fri *-*-* 09:00:00\n"
        "    Persistent=true\n"
        "    Unit=supportnet-remind.service\n"
        "\n"
        "    [Install]\n"
        "    WantedBy=timers.target\n"
        "Would run: systemctl --user daemon-reload\n"
        "Would run: systemctl --user enable supportnet-remind.timer\n"
        "Would run: systemctl --user restart supportnet-remind.timer\n"
        "Nothing was written (--dry-run).\n"
    )
    assert not home.exists() and not db_path.exists()
    assert tools.calls("systemctl") == []


def test_install_writes_the_units_and_starts_the_timer_once(run, home, db_path, unchanged):
    tools.systemctl()
    out = run("remind", "install", "--scheduler", "systemd", "--at", "8:30", "--weekly", "sun")
    folder = _units(home)
    names = ["supportnet-remind.service", "supportnet-remind.timer",
             "supportnet-remind-weekly.service", "supportnet-remind-weekly.timer"]  # fmt: skip
    assert out.stdout == "".join(f"Wrote {folder / n}.\n" for n in names) + (
        "Reminders are set up with systemd: the morning digest at 08:30, Monday to Friday; the "
        "weekly digest on Sundays at 08:30.\n"
        "`supportnet remind status` shows the next run; `supportnet remind remove` stops them.\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    timer = (folder / "supportnet-remind-weekly.timer").read_text()
    assert "OnCalendar=Sun *-*-* 08:30:00\nPersistent=true\n" in timer
    service = (folder / "supportnet-remind.service").read_text()
    assert f"ExecStart={_program()} --db {db_path} remind run --digest daily --scheduled\n" in (
        service
    )
    both = "supportnet-remind.timer supportnet-remind-weekly.timer"
    assert tools.calls("systemctl") == [
        "--user daemon-reload", f"--user enable {both}", f"--user restart {both}"]  # fmt: skip
    assert _setups(db_path) == [("systemd", "08:30", "mon,tue,wed,thu,fri", "sun", "2026-06-10",
                                 None)]  # fmt: skip
    # Twice: no file written, nothing recorded, systemd asked only to keep it going.
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    with unchanged():
        again = run("remind", "install", "--scheduler", "systemd", "--at", "08:30", "--weekly",
                    "Sunday").stdout  # fmt: skip
    assert again.endswith("Nothing changed: reminders were already set up like this (systemd).\n")
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps
    assert tools.calls("systemctl")[3:] == [f"--user enable {both}", f"--user start {both}"]


def test_the_database_given_is_the_one_the_units_run_on(run, home, tmp_path) -> None:
    tools.systemctl()
    other = tmp_path / "other place" / "mine.db"
    run("--db", str(other), "remind", "install", "--scheduler", "systemd")
    service = (_units(home) / "supportnet-remind.service").read_text()
    assert f'--db "{other}" remind run --digest daily --scheduled' in service
    assert _setups(other)[0][0] == "systemd"


def test_a_new_schedule_replaces_the_old_one(run, home, db_path) -> None:
    tools.systemctl()
    run("remind", "install", "--scheduler", "systemd", "--weekly", "sun")
    run("--today", "2026-06-12", "remind", "install", "--scheduler", "systemd", "--days",
        "every day")  # fmt: skip
    folder = _units(home)
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
        "supportnet-remind.service", "supportnet-remind.timer"]  # fmt: skip
    assert "OnCalendar=*-*-* 09:00:00\n" in (folder / "supportnet-remind.timer").read_text()
    assert tools.calls("systemctl")[3:] == [
        "--user disable --now supportnet-remind-weekly.timer",
        "--user daemon-reload",
        "--user enable supportnet-remind.timer",
        "--user restart supportnet-remind.timer",
    ]
    assert [s[2:] for s in _setups(db_path)] == [
        ("mon,tue,wed,thu,fri", "sun", "2026-06-10", "2026-06-12"),
        ("mon,tue,wed,thu,fri,sat,sun", None, "2026-06-12", None),
    ]


def test_without_a_running_systemd_the_timer_is_enabled_for_later(run, home, db_path) -> None:
    tools.systemctl(no_manager=True)
    out = run("remind", "install", "--scheduler", "systemd").stdout
    assert "systemd is not running for you right now, so the timer is enabled and starts " in out
    assert _setups(db_path)[0][0] == "systemd"


@pytest.mark.usefixtures("existing_database")
def test_when_systemd_refuses_it_says_why(run, home, db_path) -> None:
    tools.stub("systemctl", 'if [ "$2" = enable ]; then echo "Unit is masked." >&2; exit 1; fi')
    result = run("remind", "install", "--scheduler", "systemd", expect=14)
    assert result.stderr == (
        f"The timer is written in {_units(home)}, but systemd did not take it (systemctl said: "
        "Unit is masked.). `supportnet remind remove` takes the files away.\n"
    )
    assert _setups(db_path) == []


def test_remove_takes_everything_away(run, home, db_path) -> None:
    tools.systemctl()
    run("remind", "install", "--scheduler", "systemd", "--weekly", "sun")
    out = run("--today", "2026-06-20", "remind", "remove").stdout
    folder = _units(home)
    assert [p for p in folder.iterdir() if p.is_file()] == []
    assert out.splitlines()[-1] == (
        "Reminders are stopped. `supportnet remind install` sets them up again."
    )
    assert tools.calls("systemctl")[-2:] == [
        "--user disable --now supportnet-remind.timer supportnet-remind-weekly.timer",
        "--user daemon-reload",
    ]
    assert _setups(db_path)[0][-1] == "2026-06-20"
    assert run("remind", "remove").stdout == "No reminders were set up; nothing to remove.\n"


def test_cron_gets_a_marked_block_and_keeps_every_other_line(run, db_path, unchanged) -> None:
    mine = "MAILTO=ana@example.org\n30 2 * * * /usr/bin/backup --all\n"
    tools.crontab(mine)
    out = run("remind", "install", "--scheduler", "cron", "--at", "7am").stdout
    copy = db_path.parent / "crontab.before-supportnet.txt"
    assert out.splitlines()[:2] == [
        "Put supportnet's lines in your crontab.",
        f"Your crontab as it was is kept in {copy}.",
    ]
    assert copy.read_text() == mine and oct(copy.stat().st_mode & 0o777) == "0o600"
    block = (
        "# BEGIN supportnet reminders (`supportnet remind remove` takes this block out)\n"
        "# the morning digest at 07:00, Monday to Friday\n"
        f"0 7 * * 1-5 {_program()} --db {db_path} remind run --digest daily --scheduled\n"
        "# END supportnet reminders\n"
    )
    assert tools.crontab_text() == mine + block
    with unchanged():
        again = run("remind", "install", "--scheduler", "cron", "--at", "07:00").stdout
    assert again.startswith("Your crontab already holds these lines; nothing changed.\n")
    assert tools.calls("crontab") == ["-l", "-", "-l"]
    run("remind", "remove")
    assert tools.crontab_text() == mine


def test_cron_without_a_crontab_yet(run, db_path) -> None:
    tools.crontab()
    run("remind", "install", "--scheduler", "cron")
    assert tools.crontab_text().startswith("# BEGIN supportnet reminders")
    assert not (db_path.parent / "crontab.before-supportnet.txt").exists()


@pytest.mark.usefixtures("existing_database")
def test_launchd_on_another_system_is_a_dry_run_only(run, home) -> None:
    out = run("remind", "install", "--scheduler", "launchd", "--dry-run").stdout
    agents = home / "Library" / "LaunchAgents"
    assert out.startswith(f"Would write {agents}/org.supportnet.remind.daily.plist:\n")
    assert "    \t<string>org.supportnet.remind.daily</string>\n" in out
    assert "Would run: launchctl bootstrap gui/" in out
    result = run("remind", "install", "--scheduler", "launchd", expect=5)
    assert result.stderr.startswith("launchd is macOS's scheduler")


def test_windows_gets_the_schtasks_commands_to_run(run, db_path) -> None:
    out = run("remind", "install", "--scheduler", "windows", "--weekly", "sun").stdout
    lines = out.splitlines()
    assert lines[0] == "Run this in Command Prompt (cmd.exe) to set the reminders up:"
    assert lines[1].startswith(
        '    schtasks /Create /F /TN "supportnet\\remind daily" /SC WEEKLY /D MON,TUE,WED,THU,FRI '
        '/ST 09:00 /TR "'
    )
    assert lines[2].startswith('    schtasks /Create /F /TN "supportnet\\remind weekly" /SC WEEKLY '
                               "/D SUN /ST 09:00 ")  # fmt: skip


def test_no_scheduler_here(run, db_path) -> None:
    result = run("remind", "install", expect=14)
    assert result.stderr == (
        "No scheduler was found here: neither systemd's systemctl nor crontab. `supportnet "
        "today` still works by hand; docs/reminders.md shows other ways.\n"
    )
    assert not db_path.exists()


def test_status_shows_what_is_set_up_and_what_the_scheduler_says(run, home, db_path) -> None:
    tools.systemctl()
    assert "Not set up for this database" in run("remind", "status").stdout
    run("remind", "install", "--scheduler", "systemd")
    lines = run("remind", "status").stdout.splitlines()
    folder = _units(home)
    assert lines[:2] == [
        f"Reminders for {db_path}",
        "  Set up with systemd on 10 June 2026: the morning digest at 09:00, Monday to Friday.",
    ]
    assert lines[2].startswith("  By that schedule the next run is ")
    assert lines[3:] == [
        "",
        "What the scheduler says",
        f"  {folder / 'supportnet-remind.timer'}",
        "  supportnet-remind.timer (systemd): active; next run Thu 2026-06-11 09:00:00 CEST; "
        "last run n/a",
        f"  {folder / 'supportnet-remind.service'}",
        "",
        "Last runs",
        "  None yet: `supportnet remind run` tries one now.",
    ]
    data = json.loads(run("remind", "status", "--json").stdout)
    assert data["setup"] == {"scheduler": "systemd", "at": "09:00",
                             "days": ["mon", "tue", "wed", "thu", "fri"], "weekly": None,
                             "installed_on": "2026-06-10"}  # fmt: skip
    assert data["scheduler"][1]["says"].startswith("active; next run Thu 2026-06-11")
    assert data["runs"] == [] and data["note"] is None


# --- launchd and schtasks, through a stand-in runner -------------------------------


def _machine(home: Path, said: dict[str, Result], platform: str = "darwin"):
    """A Mac (or Windows machine) whose programs answer from ``said`` (by their first
    words), and a list of what they were asked."""
    asked: list[str] = []

    def runner(name: str, args: list[str], stdin: str | None) -> Result:
        asked.append(" ".join([name, *args]))
        for start, result in said.items():
            if " ".join([name, *args]).startswith(start):
                return result
        return Result(True, 0)

    return Machine(home, home / ".config", 501, runner, platform), asked


def test_launchd_agents_are_loaded_once_and_unloaded(home: Path) -> None:
    from supportnet.remind import platforms
    from supportnet.remind.schedule import schedule_from

    not_loaded = {"launchctl print": Result(True, 113, "", "Could not find service")}
    machine, asked = _machine(home, not_loaded)
    schedule = schedule_from("8:30", None, "sun")
    commands = platforms.commands_for(schedule, home / "sn.db", ["/opt/bin/supportnet"])
    platforms.install("launchd", schedule, commands, machine, None)
    agents = home / "Library" / "LaunchAgents"
    daily = agents / "org.supportnet.remind.daily.plist"
    weekly = agents / "org.supportnet.remind.weekly.plist"
    assert daily.read_text() == units.launchd_plist(schedule, commands["daily"], "daily")
    assert asked == [
        "launchctl print gui/501/org.supportnet.remind.daily",
        f"launchctl bootstrap gui/501 {daily}",
        "launchctl print gui/501/org.supportnet.remind.weekly",
        f"launchctl bootstrap gui/501 {weekly}",
    ]
    # Again, loaded and unchanged: launchd is only asked.
    loaded, asked_again = _machine(home, {})
    done = platforms.install("launchd", schedule, commands, loaded, None)
    assert not done.changed
    assert asked_again == [
        "launchctl print gui/501/org.supportnet.remind.daily",
        "launchctl print gui/501/org.supportnet.remind.weekly",
    ]
    assert platforms.in_use(loaded) == ["launchd"]
    platforms.remove("launchd", loaded, None)
    assert list(agents.iterdir()) == []
    assert asked_again[-2:] == [
        "launchctl bootout gui/501/org.supportnet.remind.daily",
        "launchctl bootout gui/501/org.supportnet.remind.weekly",
    ]


def test_what_schtasks_says(home: Path) -> None:
    from supportnet.remind import platforms

    listing = (
        "Folder: \\supportnet\nHostName: PC\nTaskName: \\supportnet\\remind daily\n"
        "Next Run Time:      11/06/2026 09:00:00\nStatus:   Ready\n"
        "Last Run Time:      10/06/2026 09:00:01\nLast Result:        0\n"
    )
    missing = Result(True, 1, "", "ERROR: The system cannot find the file specified.")
    said = {"schtasks /Query /TN supportnet\\remind daily": Result(True, 0, listing),
            "schtasks /Query": missing}  # fmt: skip
    machine, _ = _machine(home, said, platform="win32")
    assert platforms.status("windows", machine) == [
        (
            "supportnet\\remind daily",
            "Next Run Time: 11/06/2026 09:00:00; Status: Ready; "
            "Last Run Time: 10/06/2026 09:00:01; Last Result: 0",
        )
    ]
