"""Reminders that arrive: remind install, remove, status, run."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import json_option

remind_app = typer.Typer(
    no_args_is_help=True,
    help="""Deliver the digest every morning with your computer's own scheduler.

No server and no account: a systemd user timer on Linux (else a line in your
crontab), a launchd agent on macOS, a scheduled task on Windows. Each morning
it runs `supportnet remind run`, which shows the digest as a desktop
notification or hands it to a command of yours. docs/reminders.md tells more.

Examples:

  supportnet remind install --at 08:30 --days mon-fri --weekly sun

  supportnet remind status

  supportnet remind remove
""",
)
app.add_typer(remind_app, name="remind")

SCHEDULER_HELP = (
    "systemd, cron, launchd or windows. Default: the platform's own (systemd where it "
    "runs, else cron; launchd on macOS; schtasks commands to run on Windows)."
)


def _dry_run_option() -> Any:
    return typer.Option(
        False, "--dry-run", help="Print exactly what would be written and run; change nothing."
    )


def _place() -> tuple[Any, Any]:
    """(the machine's scheduler places, where a copy of the crontab is kept)."""
    from supportnet.remind.machine import Machine

    return Machine.current(), state.db_path().parent / "crontab.before-supportnet.txt"


@remind_app.command("install")
def remind_install(
    at: str | None = typer.Option(
        None, "--at", metavar="TIME", help="When: 09:00 (the default), 8am, 7:30pm."
    ),
    days: str | None = typer.Option(
        None,
        "--days",
        metavar="DAYS",
        help="The morning digest's days: mon-fri (the default), every day, mon,wed,fri, "
        "weekends, none.",
    ),
    weekly: str | None = typer.Option(
        None,
        "--weekly",
        metavar="DAY",
        help="Also a weekly digest on this day (sun): the week in three lines and one "
        "suggestion for the next.",
    ),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="NAME", help=SCHEDULER_HELP),
    dry_run: bool = _dry_run_option(),
) -> None:
    """Set up the morning digest with the system's scheduler (installing twice is harmless).

    The scheduler runs the absolute path of this supportnet, on the database in
    use (--db or SUPPORTNET_DB count), at the time given, local time. A run
    missed while the computer slept comes as soon as it wakes (systemd,
    launchd). Installing again with other times replaces the schedule; with
    another --scheduler, the earlier scheduler's reminders are taken out.

    Examples:

      supportnet remind install

      supportnet remind install --at 8:30 --days "every day" --weekly sun

      supportnet remind install --dry-run
    """
    from supportnet.remind import platforms
    from supportnet.remind.schedule import schedule_from
    from supportnet.render import line

    chosen_schedule = schedule_from(at, days, weekly)
    machine, keep_copy = _place()
    chosen = platforms.choose(scheduler, machine)
    path = state.db_path()
    commands = platforms.commands_for(chosen_schedule, path, platforms.installed_program())
    if dry_run:
        done = platforms.install(chosen, chosen_schedule, commands, machine, keep_copy, True)
        taken = platforms.take_out_others(chosen, machine, keep_copy, True)
        for text in [*done.lines, *done.notes, *taken.lines]:
            line(text)
        line("Nothing was written (--dry-run).")
        return
    with state.database() as conn:  # a database that cannot be used stops here, first
        done = platforms.install(chosen, chosen_schedule, commands, machine, keep_copy)
        recorded = False
        if chosen != "windows":
            recorded = _record_setup(conn, chosen, chosen_schedule)
        for text in [*done.lines, *done.notes]:
            line(text)
        # One schedule per user account; what is left if it fails is said (exit 14).
        taken = platforms.take_out_others(chosen, machine, keep_copy)
        if chosen == "windows" and taken.changed:
            _end_setups(conn)
    for text in [*taken.lines, *taken.notes]:
        line(text)
    if chosen == "windows":
        line("`supportnet remind status` then shows the next run.")
        return
    if not (done.changed or recorded or taken.changed):
        line(f"Nothing changed: reminders were already set up like this ({chosen}).")
        return
    line(f"Reminders are set up with {chosen}: {chosen_schedule.words()}.")
    line("`supportnet remind status` shows the next run; `supportnet remind remove` stops them.")


def _record_setup(conn: Any, scheduler: str, schedule: Any) -> bool:
    from supportnet.db import write_session
    from supportnet.models import validate
    from supportnet.models.reminder import SetupCreate
    from supportnet.writes import reminders as writes

    new = validate(SetupCreate, {"scheduler": scheduler, "at_time": schedule.at,
                                 "days": schedule.days, "weekly_day": schedule.weekly,
                                 "installed_on": state.today()})  # fmt: skip
    with write_session(conn) as session:
        return writes.record_setup(session, new)


@remind_app.command("remove")
def remind_remove(dry_run: bool = _dry_run_option()) -> None:
    """Stop the reminders: undo everything `remind install` set up.

    The units, agents or crontab lines supportnet wrote are taken away (nothing
    else of yours is touched); the record of past runs stays.

    Examples:

      supportnet remind remove

      supportnet remind remove --dry-run
    """
    from supportnet.remind import platforms
    from supportnet.render import line

    machine, keep_copy = _place()
    found = platforms.in_use(machine)
    if dry_run:
        for scheduler in found:
            for text in platforms.remove(scheduler, machine, keep_copy, True).lines:
                line(text)
        line("Nothing was changed (--dry-run)." if found else "Nothing to remove.")
        return
    from supportnet.errors import NotDelivered

    done, failed = [], []
    with state.database() as conn:
        for scheduler in found:  # each one, whatever another one says
            try:
                done.append(platforms.remove(scheduler, machine, keep_copy))
            except NotDelivered as error:
                failed.append(error)
        ended = 0 if failed else _end_setups(conn)
    for text in [t for d in done for t in (*d.lines, *d.notes)]:
        line(text)
    if failed:
        raise NotDelivered(" ".join(error.message for error in failed))
    if any(d.changed for d in done) or ended:
        line("Reminders are stopped. `supportnet remind install` sets them up again.")
    elif not found:
        line("No reminders were set up; nothing to remove.")


def _end_setups(conn: Any) -> int:
    from supportnet.db import write_session
    from supportnet.store.reminders import setup_in_force
    from supportnet.writes import reminders as writes

    if setup_in_force(conn) is None:
        return 0
    with write_session(conn) as session:
        return writes.end_setups(session, state.today())


@remind_app.command("run")
def remind_run(
    digest: str = typer.Option(
        "daily", "--digest", metavar="WHICH", help="daily (the morning digest) or weekly."
    ),
    command: str | None = typer.Option(
        None,
        "--run",
        metavar="CMD",
        help="Hand the digest to this command on its standard input instead ('mail -s "
        "Today me@example.org', a script; also: [remind] command in the config).",
    ),
    private: bool = typer.Option(
        False,
        "--private",
        help="Counts without names, for a lock screen (also: [remind] private = true).",
    ),
    scheduled: bool = typer.Option(
        False,
        "--scheduled",
        help="How the scheduler runs it: nothing is printed unless the digest could not "
        "be delivered.",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would be delivered, and how; deliver nothing."
    ),
) -> None:
    """Deliver today's digest once: what the scheduler runs each morning.

    Shown as a desktop notification (notify-send, osascript, a PowerShell toast),
    or handed to a command of yours. However often it runs in a day (two timers,
    a catch-up after sleep, by hand), the digest is delivered once; each run is
    recorded, without names, for `supportnet remind status`. A day with nothing
    worth saying shows nothing.

    Examples:

      supportnet remind run

      supportnet remind run --run "mail -s Today me@example.org"

      supportnet remind run --digest weekly --dry-run
    """
    from supportnet import clock
    from supportnet.errors import NotDelivered
    from supportnet.remind import runs
    from supportnet.remind.delivery import command_words
    from supportnet.render import line
    from supportnet.text import choose_kind

    which = choose_kind(digest, ["daily", "weekly"], "digest")
    config = state.config()
    settings = config.section("remind")
    chosen = command if command is not None else settings["command"] or None
    words = command_words(chosen) if chosen else None
    with state.database(quiet=scheduled) as conn:  # a scheduled run says nothing
        done = runs.run(conn, state.today(), config, which, command=words,
                        private=private or settings["private"], scheduled=scheduled,
                        now=clock.now_utc, dry_run=dry_run)  # fmt: skip
    if done.outcome == "failed":
        raise NotDelivered(f"{done.line} `supportnet remind status` lists the runs.")
    if not scheduled:
        line(done.line)


@remind_app.command("status")
def remind_status(
    count: int = typer.Option(
        10, "--runs", "-n", min=0, max=1000, metavar="N", help="How many past runs to show."
    ),
    as_json: bool = json_option(),
) -> None:
    """Show whether reminders work: what is set up, the next run, the last runs.

    What the scheduler itself reports (the timer's next run, the crontab line,
    the agent's last exit code), and the runs recorded in the database: when,
    through which channel, delivered or why not.

    Examples:

      supportnet remind status

      supportnet remind status --json
    """
    from supportnet.remind import gather, platforms
    from supportnet.render import emit_json
    from supportnet.store import reminders as store

    machine, _ = _place()
    today = state.today()
    with state.database() as conn:
        setup = store.setup_in_force(conn)
        runs = store.last_runs(conn, count)
        note = gather.silence(conn, today)
    said = [(s, what, words) for s in platforms.in_use(machine)
            for what, words in platforms.status(s, machine)]  # fmt: skip
    if as_json:
        emit_json({
            "database": str(state.db_path()),
            "setup": setup.to_json() if setup else None,
            "scheduler": [{"scheduler": s, "what": w, "says": t} for s, w, t in said],
            "runs": [r.to_json() for r in runs],
            "note": note,
        })  # fmt: skip
        return
    _print_status(setup, said, runs, note)


def _print_status(setup: Any, said: list, runs: list, note: str | None) -> None:
    from supportnet import clock
    from supportnet.remind.schedule import Schedule, next_run
    from supportnet.render import line

    line(f"Reminders for {state.db_path()}")
    if setup is None:
        line("  Not set up for this database: `supportnet remind install` sets them up.")
    else:
        schedule = Schedule(setup.at_time, setup.day_names, setup.weekly_day)
        since = setup.installed_on
        line(f"  Set up with {setup.scheduler} on {since.day} {since:%B %Y}: {schedule.words()}.")
        coming = next_run(schedule, clock.now_local())
        if coming is not None:
            line(f"  By that schedule the next run is {coming:%a} {coming.day} {coming:%B %H:%M}.")
    line()
    line("What the scheduler says")
    if not said:
        line("  Nothing of supportnet's is set up with a scheduler here.")
    for scheduler, what, words in said:
        line(f"  {words}" if what == "file" else f"  {what} ({scheduler}): {words}")
    line()
    line("Last runs")
    if not runs:
        line("  None yet: `supportnet remind run` tries one now.")
    for run in runs:
        line(f"  {_run_line(run)}")
    if note:
        line()
        line(note)


_OUTCOMES = {
    "delivered": "delivered",
    "quiet": "nothing worth saying, so nothing was shown",
    "skipped": "not delivered again",
    "failed": "not delivered",
    "delivering": "being delivered",
}


def _run_line(run: Any) -> str:
    """'Wed 10 June 09:00, by the scheduler: the morning digest, delivered through
    notify-send: 3 people to reach out to.'"""
    from supportnet.remind.delivery import CHANNEL_WORDS

    day, at = run.digest_on, run.started_at.astimezone()
    by = "by the scheduler" if run.scheduled else "by hand"
    what = "the morning digest" if run.digest == "daily" else "the weekly digest"
    how = _OUTCOMES.get(run.outcome, run.outcome)
    if run.channel and run.outcome == "delivered":
        how += f" through {CHANNEL_WORDS.get(run.channel, run.channel)}"
    detail = run.reason if run.outcome in ("failed", "skipped") else run.summary
    text = f"{day:%a} {day.day} {day:%B} {at:%H:%M}, {by}: {what}, {how}"
    return f"{text}: {detail}." if detail and run.outcome != "quiet" else f"{text}."
