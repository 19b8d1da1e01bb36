"""What is coming up: upcoming, calendar export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import json_option

calendar_app = typer.Typer(
    no_args_is_help=True,
    help="""Put your plans, group meetings, birthdays and life events in any calendar app.

Examples:

  supportnet calendar export ~/supportnet.ics

  supportnet calendar export next-month.ics --days 30
""",
)
app.add_typer(calendar_app, name="calendar")


@app.command()
def upcoming(
    days: int = typer.Option(14, "--days", "-d", help="How many days ahead to look."),
    as_json: bool = json_option(),
) -> None:
    """Show what is coming up: plans, group meetings, birthdays and life events.

    Today is included; skipped plan dates are left out.

    Examples:

      supportnet upcoming

      supportnet upcoming --days 30 --json
    """
    import datetime as dt

    from supportnet.dates import describe_until, long_date
    from supportnet.errors import InvalidInput
    from supportnet.render import emit_json, table
    from supportnet.store.agenda import agenda, next_plan
    from supportnet.text import title_with

    if not 0 <= days <= 3660:
        raise InvalidInput("--days must be between 0 and 3660.")
    today = state.today()
    with state.database() as conn:
        items = agenda(conn, today, today + dt.timedelta(days=days))
        later = next_plan(conn, today) if not items and not as_json else None
    if as_json:
        emit_json([item.to_json(today) for item in items])
        return

    def what(item: Any) -> str:
        if item.kind == "plan" and item.people:
            return title_with(item.title, [name for _, name in item.people])
        return item.title

    def detail(item: Any) -> str:
        if item.extra.get("status") == "done":
            return "done"
        return item.detail or ""

    table(
        ["date", "when", "time", "what", "detail"],
        [
            [
                f"{item.date:%a} {item.date.day} {item.date:%b}",
                describe_until(item.date, today),
                item.time or "",
                what(item),
                detail(item),
            ]
            for item in items
        ],
        empty=f"Nothing {_span(days)}. "
        + (
            f"Next: {later.plan.label} on {long_date(later.next_on, weekday=True)}."
            if later is not None and later.next_on is not None
            else 'A regular plan helps: supportnet plan coffee --with NAME --every "2 weeks"'
        ),
    )


@calendar_app.command("export", no_args_is_help=True)
def calendar_export(
    file: Path | None = typer.Argument(
        None,
        help="The .ics file to write (readable only by you); - for standard output.",
        show_default=False,
    ),
    vdir: Path | None = typer.Option(
        None,
        "--vdir",
        help="Keep a calendar vdir in step instead: a folder of one .ics file per plan, "
        "meeting series, birthday and life event, for vdirsyncer and khal (docs/sync.md).",
    ),
    alarm: list[str] = typer.Option(
        [],
        "--alarm",
        help="--vdir: a reminder before each event: 1d before all-day ones (birthdays), "
        "1h or 30m before timed ones (plans). May be given twice.",
    ),
    days: int | None = typer.Option(
        None,
        "--days",
        "-d",
        help="Write each date of the next N days as its own event instead of recurring series.",
    ),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
) -> None:
    """Write plans, group meetings, birthdays and life events to an .ics file.

    Plans and groups become recurring events (skipped dates left out),
    birthdays and life events all-day ones. Each event keeps the same UID from one
    export to the next, so importing the file again updates your calendar
    rather than duplicating it. Times are local, without a time zone.

    Examples:

      supportnet calendar export ~/supportnet.ics

      supportnet calendar export next-month.ics --days 30

      supportnet calendar export --vdir ~/.calendars/supportnet --alarm 1d --alarm 1h
    """
    from supportnet import clock
    from supportnet.errors import InvalidInput, UsageProblem
    from supportnet.exchange.ics import build_calendar, check_file, write_file
    from supportnet.render import line
    from supportnet.text import count_of

    if (file is None) == (vdir is None):
        raise UsageProblem("Give the .ics file to write, or --vdir FOLDER (not both).")
    if vdir is not None:
        if days is not None or force:
            raise UsageProblem("--days and --force are for one .ics file, not --vdir.")
        _export_vdir(vdir, alarm)
        return
    if alarm:
        raise UsageProblem("--alarm is for --vdir.")
    assert file is not None
    if days is not None and not 0 <= days <= 3660:
        raise InvalidInput("--days must be between 0 and 3660.")
    today = state.today()
    file = file.expanduser()  # "~/plans.ics", quoted: as the shell would
    check_file(file, force=force, database=state.db_path())  # before the work, not after
    with state.database() as conn:
        data = build_calendar(conn, today, clock.now_utc(), days)
    write_file(file, data, force=force, database=state.db_path())
    if str(file) != "-":
        count = data.count(b"BEGIN:VEVENT")
        line(f"Wrote {count_of(count, 'event')} to {file}.")


def _export_vdir(folder: Path, alarms: list[str]) -> None:
    from supportnet import clock
    from supportnet.cli.exchange import _render_folder_change
    from supportnet.exchange.vdir_calendar import export_calendar, parse_alarms

    chosen = parse_alarms(alarms)
    with state.database() as conn:
        change = export_calendar(conn, folder, today=state.today(), now=clock.now_utc(),
                                 database=state.db_path(), alarms=chosen)  # fmt: skip
    _render_folder_change(change, "event")


def _span(days: int) -> str:
    """'today', 'today or tomorrow', 'in the next 14 days'."""
    if days == 0:
        return "today"
    if days == 1:
        return "today or tomorrow"
    return f"in the next {days} days"
