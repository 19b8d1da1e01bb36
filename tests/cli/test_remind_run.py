"""`supportnet remind run`: delivered once a day through a stand-in notify-send or a
command of the user's, recorded without names, and nothing else written."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from supportnet import db
from supportnet.models.reminder import RunStart
from supportnet.writes import reminders as writes
from tests import remind_tools as tools
from tests.conftest import dump

NAMES = ("Ana", "Okafor", "Sam", "Carter")


def _network(run) -> None:
    run("add", "Ana Okafor", "--circle", "close")
    run("event", "Ana", "knee surgery", "--on", "tomorrow", "--hard")
    run("add", "Sam Carter", "--circle", "friend", "--birthday", "June 12")


@pytest.fixture
def network(run, built_once) -> None:
    built_once(lambda: _network(run))


def _runs(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT digest, digest_on, scheduled, outcome, channel, summary, reason"
            " FROM reminder_run ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def _without_runs(path: Path) -> str:
    return "\n".join(line for line in dump(path).splitlines() if "reminder_run" not in line)


SUMMARY = "2 people to reach out to"  # the surgery is what Ana's suggestion is about


def test_delivered_through_notify_send_once_a_day(run, network, db_path) -> None:
    tools.stub("notify-send")
    before = _without_runs(db_path)
    assert run("remind", "run").stdout == "Delivered the morning digest through notify-send.\n"
    short = run("today", "--short").stdout.rstrip("\n")
    assert tools.calls("notify-send") == [f"--app-name=supportnet -- supportnet: today {short}"]
    assert _runs(db_path) == [("daily", "2026-06-10", 0, "delivered", "notify-send", SUMMARY,
                               None)]  # fmt: skip
    # Again the same day (a catch-up, a second timer, by hand): not shown twice.
    again = run("remind", "run", "--scheduled")
    assert again.stdout == ""
    assert len(tools.calls("notify-send")) == 1
    assert _runs(db_path)[1][2:4] == (1, "skipped")
    assert _runs(db_path)[1][6].startswith("the morning digest for today was already delivered at ")
    # The next day it comes again.
    run("--today", "2026-06-11", "remind", "run", "--scheduled")
    assert len(tools.calls("notify-send")) == 2
    # Nothing but the record was written, and the record names no one.
    assert _without_runs(db_path) == before
    for row in _runs(db_path):
        for name in NAMES:
            assert name not in " ".join(str(v) for v in row)


def test_private_shows_no_name_on_the_lock_screen(run, network, db_path) -> None:
    tools.stub("notify-send")
    (db_path.parent / "config.toml").write_text("[remind]\nprivate = true\n", encoding="utf-8")
    run("remind", "run")
    assert tools.calls("notify-send") == [f"--app-name=supportnet -- supportnet: today {SUMMARY}"]


def test_a_command_gets_the_whole_digest_on_its_input(run, network, db_path, tmp_path) -> None:
    got = tmp_path / "got.txt"
    script = tmp_path / "my reminder.sh"
    script.write_text(f'#!/bin/sh\necho "$SUPPORTNET_TITLE" > "{got}"\ncat >> "{got}"\n')
    script.chmod(0o755)
    tools.stub("notify-send")
    out = run("remind", "run", "--run", f"'{script}'").stdout
    assert out == "Delivered the morning digest through your command.\n"
    assert got.read_text() == "supportnet: today\n" + run("today").stdout
    assert tools.calls("notify-send") == []
    assert _runs(db_path)[0][3:5] == ("delivered", "command")


def test_the_command_in_the_config(run, network, db_path, tmp_path) -> None:
    got = tmp_path / "got.txt"
    config = f'[remind]\ncommand = "{shutil.which("tee")} {got}"\nprivate = true\n'
    (db_path.parent / "config.toml").write_text(config, encoding="utf-8")
    run("remind", "run", "--scheduled")
    assert got.read_text() == SUMMARY + "\n"


def test_a_failing_command_falls_back_to_the_notification(run, network, db_path) -> None:
    tools.stub("notify-send")
    tools.stub("false", "exit 1")  # a bare name is looked for where the tools are
    out = run("remind", "run", "--run", "false").stdout
    assert out == (
        "Delivered the morning digest through notify-send (the command 'false' ended with exit "
        "code 1, so it came this way).\n"
    )
    assert _runs(db_path)[0][3:] == ("delivered", "notify-send", SUMMARY,
                                     "the command 'false' ended with exit code 1")  # fmt: skip


def test_with_no_way_to_show_it_the_run_says_why(run, network, db_path) -> None:
    result = run("remind", "run", "--scheduled", expect=14)
    reason = (
        "notify-send was not found (install it, e.g. the libnotify-bin package, or give a "
        "command: --run CMD or [remind] command in the config)"
    )
    assert result.stdout == ""
    assert result.stderr == (
        f"The morning digest could not be delivered: {reason}. `supportnet remind status` lists "
        "the runs.\n"
    )
    assert _runs(db_path) == [("daily", "2026-06-10", 1, "failed", None, SUMMARY, reason)]
    assert (
        f"by the scheduler: the morning digest, not delivered: {reason}."
        in run("remind", "status").stdout
    )
    # A failed day is not held: a later run that can show it does.
    tools.stub("notify-send")
    run("remind", "run")
    assert _runs(db_path)[1][3] == "delivered"


def test_a_notifier_that_fails_says_so(run, network, db_path) -> None:
    tools.stub("notify-send", 'echo "Cannot autolaunch D-Bus without X11 $DISPLAY" >&2; exit 1')
    result = run("remind", "run", expect=14)
    assert "could not be delivered: notify-send said: Cannot autolaunch D-Bus" in result.stderr


def test_a_quiet_day_shows_nothing(run, db_path) -> None:
    for name in ("Lee Wong", "Jo Park", "Kim Ito"):
        run("add", name, "--circle", "friend")
    run("log", "walk", "--with", "Lee", "--with", "Jo", "--with", "Kim", "--on", "today")
    tools.stub("notify-send")
    assert run("remind", "run").stdout.startswith("Nothing worth saying today")
    assert tools.calls("notify-send") == []
    assert _runs(db_path) == [("daily", "2026-06-10", 0, "quiet", None, None,
                               "nothing worth saying")]  # fmt: skip


def test_the_weekly_digest_and_a_dry_run(run, network, db_path) -> None:
    tools.stub("notify-send")
    dry = run("remind", "run", "--digest", "weekly", "--dry-run").stdout
    week = run("today", "--week").stdout
    assert dry == f"Would deliver through notify-send:\n{week}"
    assert _runs(db_path) == [] and tools.calls("notify-send") == []
    run("remind", "run", "--digest", "weekly")
    (call,) = tools.calls("notify-send")
    assert call.startswith("--app-name=supportnet -- supportnet: your week A quiet week")


def test_two_runs_at_once_deliver_once(network, db_path, tmp_path) -> None:
    """Three runs started together, with a notifier slow enough for them to meet."""
    tools.stub("notify-send", "sleep 1")
    env = {**os.environ}
    argv = [sys.executable, "-m", "supportnet", "remind", "run", "--scheduled"]
    procs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(3)]  # fmt: skip
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    assert len(tools.calls("notify-send")) == 1
    assert sorted(r[3] for r in _runs(db_path)) == ["delivered", "skipped", "skipped"]


def test_a_run_stopped_half_way_does_not_hold_the_day(network, db_path) -> None:
    conn = db.open_database(db_path)
    now = dt.datetime(2026, 6, 10, 9, 0, tzinfo=dt.timezone.utc)
    start = RunStart(digest="daily", digest_on=dt.date(2026, 6, 10), started_at=now)
    try:
        with db.write_session(conn) as session:
            first, held = writes.claim_day(session, start)
        assert first is not None and held is None
        soon = start.model_copy(update={"started_at": now + dt.timedelta(minutes=2)})
        with db.write_session(conn) as session:
            _, held = writes.claim_day(session, soon)
        assert held is not None and held["outcome"] == "delivering"
        later = start.model_copy(update={"started_at": now + dt.timedelta(minutes=30)})
        with db.write_session(conn) as session:
            second, held = writes.claim_day(session, later)
        assert second is not None and held is None
    finally:
        conn.close()
    rows = _runs(db_path)
    assert [r[3] for r in rows] == ["failed", "delivering"]
    assert rows[0][6].startswith("it stopped before it could finish")


# --- a silence is mentioned, once, kindly --------------------------------------------

QUIET_SINCE_FRIDAY = (
    "Your reminders have not run since Friday 5 June (the morning digest at 09:00, Monday to "
    "Friday) — maybe the computer was asleep or off. `supportnet remind status` shows what the "
    "scheduler says."
)


def test_nudge_and_today_mention_reminders_that_stopped(run, network, db_path) -> None:
    tools.systemctl()
    tools.stub("notify-send")
    run("--today", "2026-06-01", "remind", "install", "--scheduler", "systemd")
    run("--today", "2026-06-05", "remind", "run", "--scheduled")
    # Monday 8 June was missed: one day is not a silence (the laptop may have been shut).
    assert "Your reminders" not in run("--today", "2026-06-09", "nudge").stdout
    run("--today", "2026-06-09", "remind", "run")  # by hand: not the scheduler working
    nudge = run("nudge").stdout.splitlines()
    assert nudge.count(QUIET_SINCE_FRIDAY) == 1 and nudge[-2] == QUIET_SINCE_FRIDAY
    assert json.loads(run("nudge", "--json").stdout)["notes"] == [QUIET_SINCE_FRIDAY]
    assert run("today").stdout.splitlines()[-1] == QUIET_SINCE_FRIDAY
    assert json.loads(run("today", "--json").stdout)["notes"] == [QUIET_SINCE_FRIDAY]
    assert QUIET_SINCE_FRIDAY not in run("today", "--short").stdout
    assert run("remind", "status").stdout.splitlines()[-1] == QUIET_SINCE_FRIDAY
    # Once the scheduler runs again, or the reminders are removed, nothing more is said.
    run("remind", "run", "--scheduled")
    assert "Your reminders" not in run("--today", "2026-06-11", "nudge").stdout
    run("remind", "remove")
    assert "Your reminders" not in run("--today", "2026-06-30", "today").stdout


def test_a_schedule_that_never_ran(run, db_path) -> None:
    for name in ("Lee Wong", "Jo Park", "Kim Ito"):
        run("add", name, "--circle", "friend")
    run("log", "walk", "--with", "Lee", "--with", "Jo", "--with", "Kim", "--on", "today")
    tools.systemctl()
    run("--today", "2026-06-05", "remind", "install", "--scheduler", "systemd")
    # Nothing else worth saying today: the word about the reminders is still said.
    assert run("today").stdout == (
        "Your reminders have not run since they were set up on Friday 5 June (the morning "
        "digest at 09:00, Monday to Friday) — maybe the computer was asleep or off. "
        "`supportnet remind status` shows what the scheduler says.\n"
    )


def test_an_imported_config_that_names_a_command_is_pointed_out(run, db_path, tmp_path) -> None:
    source = tmp_path / "source" / "supportnet.db"
    run("--db", str(source), "add", "Lee Wong")
    (source.parent / "config.toml").write_text(
        '[remind]\ncommand = "/usr/bin/something --all"\n', encoding="utf-8"
    )
    export = tmp_path / "e.json"
    run("--db", str(source), "export", "--format", "json", "-o", str(export))
    out = run("import", str(export)).stdout
    assert out.splitlines()[-1] == (
        "Its [remind] command is '/usr/bin/something --all': reminders hand your digest to "
        "that program. Check it with `supportnet config` before relying on it."
    )
