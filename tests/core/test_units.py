"""What each scheduler is given (remind.units and remind.schedule), as golden text."""

from __future__ import annotations

import datetime as dt
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supportnet.errors import InvalidInput
from supportnet.remind import schedule as sch
from supportnet.remind import units

WEEKDAYS_9 = sch.schedule_from(None, None, None)  # 09:00, Monday to Friday
COMMAND = ["/opt/sn/bin/supportnet", "--db", "/home/ana/My Data/100% sn.db", "remind", "run",
           "--digest", "daily", "--scheduled"]  # fmt: skip
WEEKLY_COMMAND = units.run_command(["/opt/sn/bin/supportnet"], "/home/ana/sn.db", "weekly")


def test_the_schedule_from_words() -> None:
    assert sch.Schedule("09:00", ("mon", "tue", "wed", "thu", "fri"), None) == WEEKDAYS_9
    assert sch.parse_time("7:30pm") == "19:30" and sch.parse_time("9") == "09:00"
    assert sch.parse_time("12am") == "00:00" and sch.parse_time("21.05") == "21:05"
    for days, expected in [
        ("mon-fri", ("mon", "tue", "wed", "thu", "fri")),
        ("Monday to Wednesday", ("mon", "tue", "wed")),
        ("fri-mon", ("mon", "fri", "sat", "sun")),
        ("mon, wed and fri", ("mon", "wed", "fri")),
        ("every day", sch.WEEKDAYS),
        ("weekends", ("sat", "sun")),
    ]:
        assert sch.parse_days(days) == expected, days
    assert sch.days_option(("mon", "tue", "wed", "fri")) == "mon-wed,fri"
    assert sch.days_words(("mon", "tue", "wed", "fri")) == "Monday to Wednesday and Friday"
    assert sch.schedule_from("8am", "none", "Sunday").digests == ("weekly",)


@pytest.mark.parametrize(
    ("at", "days", "weekly", "message"),
    [
        ("25:00", None, None, "--at must be a time of day like 09:00, 9am or 7:30pm, not '25:00'."),
        (None, "mon-funday", None, "Could not understand the days 'mon-funday'. Try "
                                   f"{sch.DAYS_FORMS}."),
        (None, None, "someday", "--weekly must be a day of the week like sun or Sunday, not "
                                "'someday'."),
        (None, "none", None, "With --days none, give --weekly DAY: otherwise nothing would run."),
    ],
)  # fmt: skip
def test_schedule_mistakes(at, days, weekly, message) -> None:
    with pytest.raises(InvalidInput) as caught:
        sch.schedule_from(at, days, weekly)
    assert caught.value.message == message


def test_next_run_and_silence() -> None:
    wed_10 = dt.datetime(2026, 6, 10, 10, 0)  # after Wednesday's 09:00
    assert sch.next_run(WEEKDAYS_9, wed_10) == dt.datetime(2026, 6, 11, 9, 0)
    friday_noon = dt.datetime(2026, 6, 12, 12, 0)
    assert sch.next_run(WEEKDAYS_9, friday_noon) == dt.datetime(2026, 6, 15, 9, 0)
    installed = dt.date(2026, 6, 1)
    # Ran on Friday 5 June; Monday 8 was missed, and it is Tuesday: one missed day is
    # not a silence yet (the computer may have been off that day).
    assert sch.silence_note(WEEKDAYS_9, installed, dt.date(2026, 6, 5), dt.date(2026, 6, 9)) is None
    note = sch.silence_note(WEEKDAYS_9, installed, dt.date(2026, 6, 5), dt.date(2026, 6, 10))
    assert note == (
        "Your reminders have not run since Friday 5 June (the morning digest at 09:00, Monday "
        "to Friday) — maybe the computer was asleep or off. `supportnet remind status` shows "
        "what the scheduler says."
    )
    never = sch.silence_note(WEEKDAYS_9, dt.date(2026, 6, 5), None, dt.date(2026, 6, 10))
    assert never is not None and never.startswith(
        "Your reminders have not run since they were set up on Friday 5 June ("
    )


SERVICE = """\
# Written by `supportnet remind install`; `supportnet remind remove` takes it away.
[Unit]
Description=supportnet: the morning digest (supportnet remind run)

[Service]
Type=oneshot
ExecStart=/opt/sn/bin/supportnet --db "/home/ana/My Data/100%% sn.db" remind run --digest daily --scheduled
"""  # noqa: E501
TIMER = """\
# Written by `supportnet remind install`; `supportnet remind remove` takes it away.
[Unit]
Description=supportnet: the morning digest at 09:00, Monday to Friday

[Timer]
OnCalendar=Mon..Fri *-*-* 09:00:00
Persistent=true
Unit=supportnet-remind.service

[Install]
WantedBy=timers.target
"""


def test_systemd_units() -> None:
    assert units.systemd_service(COMMAND, "daily") == SERVICE
    assert units.systemd_timer(WEEKDAYS_9, "daily") == TIMER
    both = sch.schedule_from("7:05", "mon,wed-fri,sun", "sat")
    assert units.on_calendar(both, "daily") == "Mon,Wed..Fri,Sun *-*-* 07:05:00"
    assert units.on_calendar(both, "weekly") == "Sat *-*-* 07:05:00"
    assert units.on_calendar(sch.schedule_from(None, "every day", None), "daily") == (
        "*-*-* 09:00:00"
    )
    files = units.systemd_units(both, {"daily": COMMAND, "weekly": WEEKLY_COMMAND})
    assert list(files) == [
        "supportnet-remind.service",
        "supportnet-remind.timer",
        "supportnet-remind-weekly.service",
        "supportnet-remind-weekly.timer",
    ]
    assert (
        "ExecStart=/opt/sn/bin/supportnet --db /home/ana/sn.db remind run --digest weekly"
        in (files["supportnet-remind-weekly.service"])
    )


def test_a_path_with_quotes_and_variables_is_one_word_to_systemd() -> None:
    line = units.systemd_service(["/x/supportnet", "--db", 'a "b" $HOME\\c'], "daily")
    assert 'ExecStart=/x/supportnet --db "a \\"b\\" $$HOME\\\\c"\n' in line


def test_no_scheduler_file_can_hold_a_line_break() -> None:
    with pytest.raises(InvalidInput):
        units.run_command(["/x/supportnet"], "/tmp/a\nb.db", "daily")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    """systemd's own checker reads the units (the program must exist for it)."""
    both = sch.schedule_from("7:05", "mon-fri", "sun")
    program = [sys.executable, "-m", "supportnet"]
    commands = {d: units.run_command(program, str(tmp_path / "my sn.db"), d) for d in both.digests}
    paths = []
    for name, text in units.systemd_units(both, commands).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    done = subprocess.run(["systemd-analyze", "verify", *paths], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ours = [line for line in done.stderr.splitlines() if str(tmp_path) in line]
    assert ours == [], ours


CRON_BLOCK = """\
# BEGIN supportnet reminders (`supportnet remind remove` takes this block out)
# the morning digest at 09:00, Monday to Friday
0 9 * * 1-5 /opt/sn/bin/supportnet --db '/home/ana/My Data/100\\% sn.db' remind run --digest daily --scheduled
# the weekly digest at 09:00, Sunday
0 9 * * 0 /opt/sn/bin/supportnet --db /home/ana/sn.db remind run --digest weekly --scheduled
# END supportnet reminders
"""  # noqa: E501


def test_the_crontab_block() -> None:
    weekly = sch.schedule_from(None, None, "sun")
    block = units.cron_block(weekly, {"daily": COMMAND, "weekly": WEEKLY_COMMAND})
    assert block == CRON_BLOCK
    weekend = sch.schedule_from("18:30", "fri-sun", None)
    assert units.cron_line(weekend, ["/x"], "daily") == "30 18 * * 5-6,0 /x"
    assert units.cron_line(sch.schedule_from(None, "daily", None), ["/x"], "daily") == (
        "0 9 * * * /x"
    )


def test_the_crontab_edit_keeps_every_other_line() -> None:
    mine = "MAILTO=ana@example.org\n# backups\n30 2 * * * /usr/bin/backup --all\n"
    added = units.crontab_with(mine, CRON_BLOCK)
    assert added == mine + CRON_BLOCK
    assert units.crontab_with(added, CRON_BLOCK) == added  # twice: the same
    other = units.cron_block(WEEKDAYS_9, {"daily": ["/y"]})
    replaced = units.crontab_with(added + "15 * * * * /usr/bin/later\n", other)
    assert replaced == mine + "15 * * * * /usr/bin/later\n" + other
    assert units.crontab_with(replaced, None) == mine + "15 * * * * /usr/bin/later\n"
    assert units.crontab_with("", None) == ""
    assert units.crontab_with("no newline at the end", other) == "no newline at the end\n" + other
    assert units.cron_block_of(added)[1].startswith("0 9 * * 1-5 /opt/sn/bin/supportnet")


def test_a_crontab_block_without_its_end_is_left_alone() -> None:
    broken = f"{units.CRON_BEGIN}\n0 9 * * * /x\n1 2 * * * /mine\n"
    with pytest.raises(InvalidInput) as caught:
        units.crontab_with(broken, CRON_BLOCK)
    assert "without its end line" in caught.value.message


PLIST = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>org.supportnet.remind.weekly</string>
	<key>ProgramArguments</key>
	<array>
		<string>/opt/sn/bin/supportnet</string>
		<string>--db</string>
		<string>/home/ana/sn.db</string>
		<string>remind</string>
		<string>run</string>
		<string>--digest</string>
		<string>weekly</string>
		<string>--scheduled</string>
	</array>
	<key>StartCalendarInterval</key>
	<array>
		<dict>
			<key>Hour</key>
			<integer>8</integer>
			<key>Minute</key>
			<integer>30</integer>
			<key>Weekday</key>
			<integer>0</integer>
		</dict>
	</array>
	<key>ProcessType</key>
	<string>Background</string>
</dict>
</plist>
"""


def test_the_launchd_agent() -> None:
    weekly = sch.schedule_from("8:30", "every day", "sun")
    text = units.launchd_plist(weekly, WEEKLY_COMMAND, "weekly")
    assert text == PLIST
    daily = plistlib.loads(units.launchd_plist(weekly, COMMAND, "daily").encode())
    assert daily["StartCalendarInterval"] == {"Hour": 8, "Minute": 30}  # every day
    assert daily["ProgramArguments"] == COMMAND
    weekdays = plistlib.loads(units.launchd_plist(WEEKDAYS_9, COMMAND, "daily").encode())
    assert [i["Weekday"] for i in weekdays["StartCalendarInterval"]] == [1, 2, 3, 4, 5]


def test_the_schtasks_commands() -> None:
    windows = ["C:\\Users\\Ana\\sn\\Scripts\\supportnet.exe", "--db",
               "C:\\Users\\Ana\\My Data\\sn.db", "remind", "run", "--digest", "daily",
               "--scheduled"]  # fmt: skip
    assert units.schtasks_create(WEEKDAYS_9, windows, "daily") == (
        'schtasks /Create /F /TN "supportnet\\remind daily" /SC WEEKLY /D MON,TUE,WED,THU,FRI '
        '/ST 09:00 /TR "C:\\Users\\Ana\\sn\\Scripts\\supportnet.exe --db '
        '\\"C:\\Users\\Ana\\My Data\\sn.db\\" remind run --digest daily --scheduled"'
    )
    every = sch.schedule_from("7pm", "every day", None)
    assert " /SC DAILY /ST 19:00 " in units.schtasks_create(every, windows, "daily")
    assert units.schtasks_delete("weekly") == 'schtasks /Delete /F /TN "supportnet\\remind weekly"'
