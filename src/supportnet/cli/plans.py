"""Regular plans: plan (add, pause, resume, end), plans, done, skip."""

from __future__ import annotations

from typing import Any, ClassVar

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import GETTOGETHER_KIND_HELP as KIND_HELP
from supportnet.cli.options import (
    NEW_KIND_HELP,
    PERSON_HELP,
    DefaultCommandGroup,
    complete_person,
    json_option,
)
from supportnet.dates import long_date

PLAN_HELP = "Which plan: its title (or the start of it), 'coffee with Maya', or #id."


class PlanGroup(DefaultCommandGroup):
    """`supportnet plan TITLE ...` is `plan add`; `plan skip`, `plan done` and `plan
    edit` say what to use instead of making a plan called "skip"."""

    elsewhere: ClassVar[dict[str, str]] = {
        "done": "`done` is its own command: supportnet done {rest}",
        "skip": "`skip` is its own command: supportnet skip {rest}",
        "edit": "A plan's day, time or people cannot be changed in place yet: end it "
        "(supportnet plan end {first}) and plan it again; its history stays.",
    }


plan_app = typer.Typer(
    cls=PlanGroup,
    no_args_is_help=True,
    help="""Plan a regular get-together, and pause, resume or end one.

`supportnet plan TITLE ...` is short for `supportnet plan add TITLE ...`.
`supportnet plans` lists them; `done` and `skip` mark a date.

Examples:

  supportnet plan coffee --with Maya --every "2 weeks" --on tue --at 10:00

  supportnet plan "Sunday lunch" --with Ana --every "monthly on the first sunday"

  supportnet plan pause coffee
""",
)
app.add_typer(plan_app, name="plan")


def plan_argument() -> Any:
    return typer.Argument(..., help=PLAN_HELP)


@plan_app.command("add", no_args_is_help=True)
def plan_add(
    title: str = typer.Argument(..., help='What you plan: coffee, "Sunday lunch", a walk.'),
    with_people: list[str] = typer.Option(
        [], "--with", "-w", help=PERSON_HELP + " Repeat for more.", autocompletion=complete_person
    ),
    every: str | None = typer.Option(
        None,
        "--every",
        "-e",
        help='How often: week, "2 weeks", "other tuesday", "monthly on the first sunday", '
        'weekday, "wed 19:00".',
    ),
    on: str | None = typer.Option(
        None,
        "--on",
        help='With --every: the day(s), tue or tue,thu or "first sunday" or 15th. '
        "Without --every: the date of a one-off plan.",
    ),
    at: str | None = typer.Option(None, "--at", help="The time: 10:00, 7pm."),
    rrule: str | None = typer.Option(
        None, "--rrule", help="A raw RFC 5545 rule instead of --every: FREQ=WEEKLY;BYDAY=TU."
    ),
    starting: str | None = typer.Option(
        None, "--starting", help="The first day it can happen (default: today)."
    ),
    until: str | None = typer.Option(None, "--until", help="The last day it can happen."),
    kind: str | None = typer.Option(None, "--kind", "-k", help=KIND_HELP),
    new_kind: bool = typer.Option(False, "--new-kind", help=NEW_KIND_HELP),
    in_person: bool | None = typer.Option(
        None,
        "--in-person/--online",
        help="How you meet. Default: from the kind.",
        show_default=False,
    ),
    place: str | None = typer.Option(None, "--place", help="Where."),
    minutes: int | None = typer.Option(
        None, "--minutes", help="How long, in minutes (calendar events default to an hour)."
    ),
    note: str | None = typer.Option(None, "--note", help="A note about it."),
    expect: int | None = typer.Option(
        None,
        "--expect",
        metavar="1-5",
        help="How much you expect to enjoy it, from 1 (not much) to 5 (very much); optional.",
    ),
) -> None:
    """Plan a regular get-together with one or more people.

    Examples:

      supportnet plan add coffee --with Maya --every "2 weeks" --on tue --at 10:00

      supportnet plan add "Sunday lunch" --with Ana --every "monthly on the first sunday"

      supportnet plan add walk --with Sam --every "wed 19:00" --until 2026-12-31

      supportnet plan add call --with Maya --rrule "FREQ=MONTHLY;BYDAY=-1FR" --at 18:00

      supportnet plan add dinner --with Leo --on "next friday" --at 19:30
    """
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.errors import InvalidInput, UsageProblem
    from supportnet.models import validate
    from supportnet.models.plan import PlanCreate
    from supportnet.recurrence import (
        ONCE,
        Recurrence,
        parse_recurrence,
        parse_time,
        recurrence_from_options,
    )
    from supportnet.recurrence.series import skipped_months_note
    from supportnet.render import line
    from supportnet.store import plans
    from supportnet.store.people import resolve_people
    from supportnet.writes import plans as writes

    today = state.today()
    start = parse_date(starting, today, prefer="future") if starting else today
    end = parse_date(until, today, prefer="future") if until else None
    phrase = True
    if rrule:
        if every:
            raise UsageProblem("Give --every or --rrule, not both.")
        if on:
            raise UsageProblem("With --rrule, put the days inside the rule (BYDAY=TU).")
        if not rrule.strip().upper().startswith(("FREQ=", "RRULE:")):
            raise InvalidInput(f"{rrule!r} is not an RRULE; it starts with FREQ=.")
        found = parse_recurrence(rrule)
        recurrence = Recurrence(found.rule, parse_time(at) if at else None, found.until)
        phrase = False
    elif every:
        recurrence = recurrence_from_options(every, on, at)
    elif on:
        if starting:
            raise UsageProblem("A one-off plan has one date: give --on, not --starting.")
        if until:
            raise UsageProblem(
                "A one-off plan has one date: --until is the last day of a plan that repeats "
                "(with --every)."
            )
        start = parse_date(on, today, prefer="future")
        if start < today:
            raise InvalidInput(
                f"{start.isoformat()} has passed; to record it, use `supportnet log`."
            )
        recurrence = Recurrence(ONCE, parse_time(at) if at else None)
        phrase = False
    else:
        raise UsageProblem(
            'Say when: --every "2 weeks" --on tue, --rrule FREQ=..., or --on DATE for a one-off.'
        )
    with state.writing() as session:
        conn = connection_of(session)
        new = validate(PlanCreate, {
            "title": title, "people": resolve_people(conn, with_people),
            "recurrence": recurrence, "start": start, "until": end, "kind": kind,
            "new_kind": new_kind, "in_person": in_person, "place": place, "note": note,
            "duration_minutes": minutes, "align_interval": phrase,
        })  # fmt: skip
        pid = writes.add_plan(session, new, today)
        if expect is not None:
            _expect(session, pid, expect)
        plan = plans.get_plan(connection_of(session), pid)
    line(f"Planned {plan.title} with {plan.with_names}, {plan.schedule} (#{pid}).")
    line(f"First: {long_date(plan.starts_on, weekday=True)}.")
    note = skipped_months_note(plan.rule, plan.starts_on, plan.until)
    if note:
        line(note)


def _expect(session: Any, plan_id: int, expect: int) -> None:
    """Record how much a plan is expected to be enjoyed (docs/check-ins.md)."""
    from supportnet.writes.checkins import set_plan_expectation

    set_plan_expectation(session, plan_id, expect)


def _status_command(ref: str, status: str) -> None:
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.plan import PlanStatusChange
    from supportnet.render import line
    from supportnet.store import plans
    from supportnet.writes import plans as writes

    change = validate(PlanStatusChange, {"status": status})
    today = state.today()
    with state.writing() as session:
        conn = connection_of(session)
        plan = plans.get_plan(conn, plans.resolve_plan(conn, ref))
        changed = writes.change_status(session, plan, change, today)
    word = {"paused": "Paused", "active": "Resumed", "ended": "Ended"}[status]
    if not changed:
        state_word = {"paused": "paused", "active": "active", "ended": "ended"}[status]
        line(f"{plan.label} is already {state_word}.")
        return
    tail = {
        "paused": " Its history stays; `supportnet plan resume` picks it up again.",
        "active": "",
        "ended": " Its history stays; `supportnet plans --all` still lists it.",
    }[status]
    line(f"{word} {plan.label}.{tail}")


@plan_app.command("pause", no_args_is_help=True)
def plan_pause(plan: str = plan_argument()) -> None:
    """Pause a plan: it leaves `upcoming` and the calendar until resumed.

    Example:

      supportnet plan pause coffee
    """
    _status_command(plan, "paused")


@plan_app.command("resume", no_args_is_help=True)
def plan_resume(plan: str = plan_argument()) -> None:
    """Resume a paused or ended plan.

    Example:

      supportnet plan resume coffee
    """
    _status_command(plan, "active")


@plan_app.command("end", no_args_is_help=True)
def plan_end(plan: str = plan_argument()) -> None:
    """End a plan, keeping its history.

    Example:

      supportnet plan end "Sunday lunch"
    """
    _status_command(plan, "ended")


@app.command("plans")
def list_plans(
    everything: bool = typer.Option(False, "--all", help="Include plans that have ended."),
    as_json: bool = json_option(),
) -> None:
    """List your regular plans with their next date.

    Examples:

      supportnet plans

      supportnet plans --all --json
    """
    from supportnet.dates import describe_until
    from supportnet.render import emit_json, table
    from supportnet.store import plans

    today = state.today()
    with state.database() as conn:
        rows = plans.list_plans(conn, today, everything=everything)
    if as_json:
        emit_json([r.to_json() for r in rows])
        return

    def upcoming(r: Any) -> str:
        if r.plan.status != "active":
            return r.plan.status
        if r.next_on is None:
            return "no more dates"
        return f"{long_date(r.next_on, weekday=True)} ({describe_until(r.next_on, today)})"

    table(
        ["id", "plan", "with", "when", "next"],
        [
            [f"#{r.plan.id}", r.plan.title, r.plan.with_names, r.plan.schedule, upcoming(r)]
            for r in rows
        ],
        empty='No plans yet. Try: supportnet plan coffee --with NAME --every "2 weeks"',
    )


@app.command(no_args_is_help=True)
def done(
    plan: str = plan_argument(),
    on: str = typer.Option(
        "today", "--on", help="When it happened: today (default), yesterday, 2026-03-14."
    ),
    place: str | None = typer.Option(None, "--place", help="Where (default: the plan's)."),
    note: str | None = typer.Option(None, "--note", help="A note about it."),
    minutes: int | None = typer.Option(None, "--minutes", help="How long, in minutes."),
    felt: int | None = typer.Option(
        None,
        "--felt",
        metavar="1-5",
        help="How it felt, from 1 (not much) to 5 (very much); optional.",
    ),
) -> None:
    """Mark a plan's date as done: logs the get-together with the plan's people.

    It counts for the plan's date that day, or else the latest one not yet
    done or skipped in the month before, or else the first in the week after.
    A get-together already logged that day (`supportnet log`) with the plan's
    people and kind is counted for it rather than logged twice.

    Examples:

      supportnet done coffee

      supportnet done "Sunday lunch" --on yesterday --note "Ana cooked"
    """
    from supportnet import clock
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.plan import PlanDone
    from supportnet.render import line
    from supportnet.store import plans
    from supportnet.writes import plans as writes

    today = state.today()
    day = parse_date(on, today, prefer="past")
    writes.check_done_not_future(day, today)
    done = validate(PlanDone, {"on_date": day, "place": place, "note": note,
                               "duration_minutes": minutes, "felt": felt})  # fmt: skip
    with state.writing() as session:
        conn = connection_of(session)
        p = plans.get_plan(conn, plans.resolve_plan(conn, plan))
        marked = writes.record_done(session, p, done, today, clock.now_utc())
        gid, occurrence = marked.gettogether_id, marked.marked
    when = "today" if day == today else f"on {long_date(day, weekday=True)}"
    if not marked.already_logged:
        line(f"Logged {p.title} with {p.with_names} {when} (#{gid}).")
    elif occurrence == day:
        line(f"{p.title} with {p.with_names} was already logged {when} (#{gid}); "
             "the plan's date is marked done with it.")  # fmt: skip
    else:
        line(f"{p.title} with {p.with_names} was already logged {when} (#{gid}).")
    if occurrence is None:
        line("No date of the plan is near it, so none was marked done.")
    elif occurrence != day:
        line(f"It counts for the plan's date of {long_date(occurrence, weekday=True)}.")


@app.command(no_args_is_help=True)
def skip(
    plan: str = plan_argument(),
    on: str | None = typer.Option(
        None, "--on", help="The plan's date to skip (default: the next one not yet marked)."
    ),
) -> None:
    """Mark a plan's date as skipped: it didn't (or won't) happen.

    Examples:

      supportnet skip coffee

      supportnet skip coffee --on 2026-06-23
    """
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.plan import PlanSkip
    from supportnet.render import line
    from supportnet.store import plans
    from supportnet.writes import plans as writes

    today = state.today()
    change = validate(PlanSkip, {"on_date": parse_date(on, today, prefer="future") if on else None})
    with state.writing() as session:
        conn = connection_of(session)
        p = plans.get_plan(conn, plans.resolve_plan(conn, plan))
        skipped, new = writes.skip(session, p, change, today)
        after = plans.next_open(p, plans.marks(connection_of(session), p.id), today)
    if not new:
        line(f"{p.label} was already skipped on {long_date(skipped, weekday=True)}.")
        return
    following = (
        f" Next: {long_date(after, weekday=True)}." if after and p.status == "active" else ""
    )
    line(f"Skipped {p.label} on {long_date(skipped, weekday=True)}.{following}")
