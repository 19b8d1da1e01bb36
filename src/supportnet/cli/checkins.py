"""Check-ins: check-in (asked, or given by flags), its list, measures, cadence, snooze."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import (
    DefaultCommandGroup,
    confirm,
    json_option,
    snooze_end,
    snooze_for_option,
    snooze_until_option,
    yes_option,
)

MEASURE_HELP = "Which measure: a name from `check-in measures` (default: supportnet's own)."


class CheckInGroup(DefaultCommandGroup):
    """`supportnet check-in` alone asks the questions (the first sub-command)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args:
            args = [next(iter(self.commands))]
        return super().parse_args(ctx, args)


check_in_app = typer.Typer(
    cls=CheckInGroup,
    no_args_is_help=False,
    rich_markup_mode=None,
    help="""A short check-in on how connected you feel, to see it change over time.

`supportnet check-in` asks supportnet's own four questions, one a screen; a
measure your therapist gave you as a TOML file is loaded with `check-in
add-measure` and asked with `--measure`. `review` and `report` show how the
answers move, beside what your records say for the same weeks. supportnet's own
check-in is a tracking aid, not a diagnosis or a validated scale
(docs/check-ins.md).

`supportnet check-in take --help` lists the options of the check-in itself.

Examples:

  supportnet check-in

  supportnet check-in --answer 1=4 --answer 2=2 --answer 3=4 --answer 4=3

  supportnet check-in --every week

  supportnet check-in list
""",
)
app.add_typer(check_in_app, name="check-in")


def _cadence_days(text: str) -> int | None:
    """`--every week` -> 7; never, off or none -> None (no cadence)."""
    from supportnet.errors import InvalidInput
    from supportnet.spans import parse_days

    if text.strip().lower() in ("never", "off", "none", "no"):
        return None
    try:
        return parse_days(text, "check-in cadence")
    except InvalidInput as problem:
        try:
            return parse_days(f"every {text}", "check-in cadence")  # as in `--every week`
        except InvalidInput:
            raise problem from None  # about what was typed, not "every" + it


@check_in_app.command("take")
def take(
    measure: str | None = typer.Option(None, "--measure", "-m", help=MEASURE_HELP),
    answer: list[str] = typer.Option(
        [],
        "--answer",
        "-a",
        metavar="N=V",
        help="Answer item N (counting from 1) with the option whose value is V, instead of "
        "being asked; give every item. Repeatable.",
    ),
    on: str | None = typer.Option(
        None, "--on", metavar="DATE", help="The day it is about (default: today; for catching up)."
    ),
    every: str | None = typer.Option(
        None,
        "--every",
        help="Hope for a check-in this often (week, 2 weeks, month; never stops it): the "
        "nudge and `today` say when one is due. Asks nothing unless --answer is given.",
    ),
) -> None:
    """Take a check-in: a few questions, one a screen (Ctrl-C saves nothing).

    On a terminal: the arrow keys and Enter, or the number of an option; b goes back.

    Examples:

      supportnet check-in

      supportnet check-in --measure my-weekly

      supportnet check-in --answer 1=4 --answer 2=2 --answer 3=4 --answer 4=3 --on yesterday

      supportnet check-in --every "2 weeks"
    """
    from supportnet import checkins
    from supportnet.dates import parse_date
    from supportnet.errors import Conflict
    from supportnet.render import line
    from supportnet.spans import describe_days
    from supportnet.store import checkins as store

    if every is not None and on is not None and not answer:
        from supportnet.errors import UsageProblem

        raise UsageProblem(
            "--every alone asks nothing, so --on has no check-in to date: give the answers "
            "too (--answer), or check in with --on by itself."
        )
    today = state.today()
    day = parse_date(on, today, prefer="past") if on is not None else today
    if day > today:
        raise Conflict(
            f"{day.isoformat()} is still to come; a check-in is about a day that has been."
        )
    with state.database() as conn:
        found = store.get_measure(conn, measure)
        definition = found.measure()
        earlier = store.check_in_on(conn, found, day) if every is None or answer else None
    days = _cadence_days(every) if every is not None else None
    if earlier is not None:  # every mistake is found before anything is written
        raise Conflict(
            f"There is a check-in for {day.isoformat()} already (#{earlier}); "
            f"`supportnet check-in remove {earlier}` and check in again to change "
            "it."
        )
    if answer:
        answers = checkins.answers_from_flags(definition, answer)
    if every is not None:
        _set_cadence(found.name, days, today)
        if days is None:
            line(f"No cadence for {definition.title!r} any more; check in whenever you like.")
        else:
            line(
                f"Check-ins {describe_days(days)} for {definition.title!r}: the nudge and "
                "`today` will say when one is due (`check-in snooze` for later)."
            )
        if not answer:
            return
    if not answer:
        from supportnet.cli.asking import ask

        answers = ask(definition)
    cid = _record(found, day, answers)
    _saved(conn_day=day, cid=cid, found=found, definition=definition, answers=answers)


def _set_cadence(name: str, days: int | None, today: Any) -> None:
    from supportnet.models import validate
    from supportnet.models.checkin import CadenceChange
    from supportnet.writes import checkins as writes

    change = validate(CadenceChange, {"measure": name, "every_days": days, "set_on": today})
    with state.writing() as session:
        writes.set_cadence(session, change)


def _record(found: Any, day: Any, answers: dict[int, int]) -> int:
    from supportnet import clock
    from supportnet.db import connection_of
    from supportnet.errors import Conflict
    from supportnet.models import validate
    from supportnet.models.checkin import CheckInCreate
    from supportnet.store import checkins as store
    from supportnet.writes import checkins as writes

    new = validate(CheckInCreate, {"measure_id": found.id, "on_date": day, "answers": answers})
    with state.writing() as session:
        earlier = store.check_in_on(connection_of(session), found, day)
        if earlier is not None:  # recorded meanwhile, by another command
            raise Conflict(f"There is a check-in for {day.isoformat()} already (#{earlier}).")
        return writes.add_check_in(session, new, clock.now_utc())


def _saved(conn_day: Any, cid: int, found: Any, definition: Any, answers: dict) -> None:
    import datetime as dt

    from supportnet import checkins
    from supportnet.dates import long_date
    from supportnet.render import line
    from supportnet.store import checkins as store

    result = checkins.score(definition, answers)
    low, high = definition.score_range()
    with state.database() as conn:
        line_of = store.trajectories(conn, conn_day - dt.timedelta(days=366), conn_day)
    change = next((t.last_change() for t in line_of if t.measure.name == found.name), None)
    scale = f"{checkins.number_text(low)} to {checkins.number_text(high)}"
    band = f" ({result.band})" if result.band else ""
    line(
        f"Saved check-in #{cid} for {long_date(conn_day)}: {checkins.number_text(result.total)}"
        f" on a scale of {scale}{band}" + (f", {change}." if change else ".")
    )
    for name, value in result.subscales:
        line(f"  {name}: {checkins.number_text(value)}")
    line("`supportnet review` shows how it moves, beside what your records say.")


@check_in_app.command("list")
def list_check_ins(
    measure: str | None = typer.Option(
        None, "--measure", "-m", help="Only this measure (default: every measure)."
    ),
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="From this day on."),
    as_json: bool = json_option(),
) -> None:
    """List past check-ins, oldest first, with their scores.

    Examples:

      supportnet check-in list

      supportnet check-in list --measure connection --since "3 months ago" --json
    """
    from supportnet.checkins import number_text
    from supportnet.dates import parse_since
    from supportnet.render import emit_json, table
    from supportnet.store import checkins as store

    start = parse_since(since, state.today())
    with state.database() as conn:
        which = store.get_measure(conn, measure) if measure is not None else None
        found = store.check_ins(conn, start, None, which)
    if as_json:
        emit_json([c.to_json() for c in found])
        return
    rows = []
    for c in found:
        s = c.score
        parts = [f"{name} {number_text(v)}" for name, v in s.subscales]
        rows.append(
            [
                f"#{c.id}",
                c.on_date.isoformat(),
                c.measure.name,
                number_text(s.total),
                s.band or "",
                ", ".join(parts),
            ]
        )
    columns = ["#", "date", "measure", "score", "band", "subscales"]
    keep = [i for i in range(len(columns)) if i < 4 or any(row[i] for row in rows)]
    table(
        [columns[i] for i in keep],
        [[row[i] for i in keep] for row in rows],
        empty="No check-ins yet. `supportnet check-in` takes one: four questions.",
    )


@check_in_app.command("measures")
def measures(
    everything: bool = typer.Option(False, "--all", help="Also measures taken out of use."),
    as_json: bool = json_option(),
) -> None:
    """List the measures you can check in with: supportnet's own, and those loaded.

    Examples:

      supportnet check-in measures

      supportnet check-in measures --json
    """
    from supportnet.render import emit_json, table
    from supportnet.spans import describe_days
    from supportnet.store import checkins as store

    today = state.today()
    with state.database() as conn:
        found = store.list_measures(conn, include_removed=everything)
        cadences = {c.measure: c for c in store.cadences(conn)}
    out = []
    for m in found:
        definition = m.measure()
        cadence = cadences.get(m.name) if m.removed_on is None else None
        out.append(
            {
                "name": m.name,
                "title": m.title,
                "built_in": m.id is None,
                "items": len(definition.items),
                "scoring": definition.scoring,
                "citation": definition.citation,
                "check_ins": m.check_ins,
                "last": m.last.isoformat() if m.last else None,
                "every_days": cadence.every_days if cadence else None,
                "due": cadence.is_due(today) if cadence else False,
                "removed_on": m.removed_on.isoformat() if m.removed_on else None,
            }
        )
    if as_json:
        emit_json(out)
        return
    rows = []
    for m in out:
        every = describe_days(m["every_days"]) if m["every_days"] else ""
        if m["due"]:
            every += " (due)"
        name = m["name"] + (" (retired)" if m["removed_on"] else "")
        rows.append(
            [
                name,
                m["title"],
                str(m["items"]),
                m["scoring"],
                str(m["check_ins"]),
                m["last"] or "",
                every,
            ]
        )
    table(["name", "title", "items", "scoring", "check-ins", "last", "cadence"], rows)


@check_in_app.command("add-measure", no_args_is_help=True)
def add_measure(
    file: Path = typer.Argument(..., help="The measure's TOML file (docs/check-ins.md)."),
    replace: bool = typer.Option(
        False, "--replace", help="Load it in place of the measure of the same name."
    ),
) -> None:
    """Load a measure from a TOML file a therapist or you wrote (docs/check-ins.md).

    The file is checked first; a problem is named with its line or item and nothing
    is loaded. Past check-ins of a replaced measure keep the version they answered.

    Examples:

      supportnet check-in add-measure my-weekly.toml

      supportnet check-in add-measure my-weekly.toml --replace
    """
    from supportnet import checkins
    from supportnet.models import validate
    from supportnet.models.checkin import MeasureCreate
    from supportnet.render import line
    from supportnet.writes import checkins as writes

    text = _read_definition(file)
    definition = checkins.parse_measure(text, file.name)
    new = validate(
        MeasureCreate, {"name": definition.name, "title": definition.title, "definition": text}
    )
    with state.writing() as session:
        what = writes.add_measure(session, new, state.today(), replace)
    low, high = definition.score_range()
    if what == "unchanged":
        line(f"{definition.name!r} is loaded already, exactly as in {file.name}; nothing changed.")
        return
    verb = "Loaded" if what == "added" else "Replaced"
    line(
        f"{verb} {definition.name!r}: {definition.title}, {len(definition.items)} items, "
        f"scored as the {definition.scoring} ({checkins.number_text(low)} to "
        f"{checkins.number_text(high)})."
    )
    line(f"Check in with: supportnet check-in --measure {definition.name}")


def _read_definition(file: Path) -> str:
    from supportnet.errors import FileProblem

    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise FileProblem(f"There is no file {str(file)!r}.") from None
    except IsADirectoryError:
        raise FileProblem(f"{str(file)!r} is a folder; give the measure's .toml file.") from None
    except OSError as error:
        raise FileProblem(f"Could not read {str(file)!r}: {error.strerror}.") from None
    if len(data) > 1_000_000:
        raise FileProblem(f"{str(file)!r} is too large to be a measure's definition.")
    try:
        return data.decode("utf-8-sig")  # Windows editors may start the file with a BOM
    except UnicodeDecodeError:
        raise FileProblem(f"{str(file)!r} is not UTF-8 text; save it as UTF-8.") from None


@check_in_app.command("show-measure", no_args_is_help=True)
def show_measure(
    name: str = typer.Argument(..., help="The measure's name (connection: supportnet's own)."),
) -> None:
    """Print a measure's definition as TOML, to read or share (`> file.toml`).

    Example:

      supportnet check-in show-measure connection > my-version.toml
    """
    from supportnet.checkins import BUILT_IN
    from supportnet.render import write_out
    from supportnet.store import checkins as store

    with state.database() as conn:
        found = store.get_measure(conn, name)
    write_out((BUILT_IN.lstrip() if found.id is None else found.definition).rstrip() + "\n")


@check_in_app.command("remove-measure", no_args_is_help=True)
def remove_measure(
    name: str = typer.Argument(..., help="The measure's name (`check-in measures`)."),
    yes: bool = yes_option(),
) -> None:
    """Take a loaded measure out of use (asks first); its check-ins stay in reviews.

    Example:

      supportnet check-in remove-measure my-weekly --yes
    """
    from supportnet.db import write_session
    from supportnet.errors import InvalidInput
    from supportnet.render import line
    from supportnet.store import checkins as store
    from supportnet.writes import checkins as writes

    with state.database() as conn:
        found = store.get_measure(conn, name)
        if found.id is None:
            raise InvalidInput(
                "supportnet's own check-in cannot be removed; `check-in --every "
                "never` stops its reminders."
            )
        kept = f" Its {found.check_ins} check-ins stay in reviews." if found.check_ins else ""
        confirm(f"Take {found.name!r} out of use?{kept}", yes)
        with write_session(conn) as session:
            writes.remove_measure(session, found.id, found.name, state.today())
    line(f"{found.name!r} is out of use.{kept}")


@check_in_app.command("remove", no_args_is_help=True)
def remove(
    check_in: str = typer.Argument(..., help="The check-in's number (`check-in list`)."),
    yes: bool = yes_option(),
) -> None:
    """Remove a check-in entered by mistake (asks first).

    Example:

      supportnet check-in remove 12
    """
    from supportnet.db import write_session
    from supportnet.render import line
    from supportnet.store import checkins as store
    from supportnet.writes import checkins as writes

    with state.database() as conn:
        found = store.get_check_in(conn, check_in)
        confirm(
            f"Remove check-in #{found.id} ({found.measure.name}, {found.on_date.isoformat()})?", yes
        )
        with write_session(conn) as session:
            writes.remove_check_in(session, found.id)
    line(f"Removed check-in #{found.id}.")


@check_in_app.command("snooze")
def snooze(
    measure: str | None = typer.Option(None, "--measure", "-m", help=MEASURE_HELP),
    for_: str | None = snooze_for_option(),
    until: str | None = snooze_until_option(),
) -> None:
    """Leave a due check-in out of the nudge and `today` for a while.

    Examples:

      supportnet check-in snooze

      supportnet check-in snooze --for 3d
    """

    from supportnet.dates import long_date
    from supportnet.models import validate
    from supportnet.models.checkin import CadenceSnooze
    from supportnet.render import line
    from supportnet.store import checkins as store
    from supportnet.writes import checkins as writes

    today = state.today()
    end = snooze_end(for_, until, today)
    with state.database() as conn:
        found = store.get_measure(conn, measure)
        cadence = next((c for c in store.cadences(conn) if c.measure == found.name), None)
    if cadence is not None and cadence.due_on() >= end:  # nothing due before then
        line(
            f"Nothing to put off until {long_date(end, weekday=True)}: the next check-in "
            f"is hoped for on {long_date(cadence.due_on(), weekday=True)}."
        )
        return
    snooze = validate(CadenceSnooze, {"measure": found.name, "until": end, "today": today})
    with state.writing() as session:
        held = writes.snooze_cadence(session, snooze)
    if not held:
        line(
            f"No cadence is set for {found.name!r}, so nothing reminds you of it; "
            "`supportnet check-in --every week` sets one."
        )
        return
    line(f"The check-in can wait: back in the nudge on {long_date(end, weekday=True)}.")
