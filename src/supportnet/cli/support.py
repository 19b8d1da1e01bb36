"""Support: favor, favors, event, events (favors given and received, life events)."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import (
    NEW_KIND_HELP,
    PERSON_HELP,
    DefaultCommandGroup,
    PersonFirstGroup,
    complete_person,
    confirm,
    json_option,
    yes_option,
)
from supportnet.dates import describe_day, long_date

FAVOR_KIND_HELP = (
    "meal, listening, ride, errand, help at home, celebration, gift, advice, money or other "
    "(default), or a kind you added before."
)
EVENT_KIND_HELP = (
    "illness, loss, breakup, job change, move, new baby, graduation, anniversary or other "
    "(default), or a kind you added before."
)


favor_app = typer.Typer(
    cls=DefaultCommandGroup,
    no_args_is_help=True,
    subcommand_metavar="[add] WHAT (--for | --from) NAME [OPTIONS] | undo [ID]",
    help="""Record a favor you did for someone, or one they did for you.

`supportnet favor WHAT ...` is short for `supportnet favor add WHAT ...`.

Examples:

  supportnet favor "brought soup" --for Sam --kind meal

  supportnet favor "drove me to the clinic" --from Ana --on yesterday --kind ride

  supportnet favor undo
""",
)
event_app = typer.Typer(
    cls=PersonFirstGroup,
    no_args_is_help=True,
    subcommand_metavar="[add] NAME WHAT (--hard | --happy) [OPTIONS] | edit ID | undo [ID]",
    help="""Note a life event of someone in your network, hard or happy.

`supportnet event NAME WHAT ...` is short for `supportnet event add NAME WHAT ...`.
A hard event keeps a check-in in view for a while around its date, a happy
one a celebration (lengths: [windows] in `supportnet config`).

Examples:

  supportnet event Sam "surgery" --on 2026-12-01 --kind illness --hard

  supportnet event Ana "new job" --kind "job change" --happy

  supportnet event edit 3 --on "December 8"
""",
)
app.add_typer(favor_app, name="favor")


def _parse_id(text: str | None, what: str) -> int | None:
    from supportnet.errors import InvalidInput
    from supportnet.text import parse_id

    if text is None:
        return None
    number = parse_id(text)
    if number is None:
        raise InvalidInput(
            f"{text!r} is not {what} id; `supportnet {what.split()[-1]}s` shows them."
        )
    return number


def _names(people: Any) -> list[str]:
    return [name for _, name in people]


# --- favors ---------------------------------------------------------------------------


@favor_app.command("add", no_args_is_help=True)
def favor_add(
    what: str = typer.Argument(..., help='What was done: "brought soup", "listened".'),
    for_people: list[str] = typer.Option(
        [], "--for", help="Someone you helped (repeat for more).", autocompletion=complete_person
    ),
    from_people: list[str] = typer.Option(
        [],
        "--from",
        help="Someone who helped you (repeat for more).",
        autocompletion=complete_person,
    ),
    on: str = typer.Option(
        "today", "--on", help="When: today, yesterday, 3 days ago, last friday, 2026-03-14."
    ),
    kind: str = typer.Option("other", "--kind", "-k", help=FAVOR_KIND_HELP),
    new_kind: bool = typer.Option(False, "--new-kind", help=NEW_KIND_HELP),
    again: bool = typer.Option(
        False,
        "--again",
        help="Record it even if the same favor was just recorded (within a minute).",
    ),
    note: str | None = typer.Option(None, "--note", help="A note about it."),
) -> None:
    """Record a favor: one you did (--for) or one you received (--from).

    Examples:

      supportnet favor add "brought soup" --for Sam --kind meal

      supportnet favor add "helped me move" --from Ana --from Leo --on "last saturday"
    """
    from supportnet import clock
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.errors import UsageProblem
    from supportnet.models import validate
    from supportnet.models.support import FavorCreate
    from supportnet.render import line
    from supportnet.store.favors import get_favor
    from supportnet.store.people import resolve_people
    from supportnet.text import join_words
    from supportnet.writes import support as writes

    if not for_people and not from_people:
        raise UsageProblem(
            "Say who the favor was for (--for NAME: you helped them) "
            "or from (--from NAME: they helped you)."
        )
    if for_people and from_people:
        raise UsageProblem(
            "A favor goes one way: use --for (you helped them) or --from (they helped you), "
            "and record the other one separately."
        )
    today = state.today()
    day = parse_date(on, today, prefer="past")
    direction = "given" if for_people else "received"
    with state.writing() as session:
        conn = connection_of(session)
        people = resolve_people(conn, for_people or from_people)
        new = validate(FavorCreate, {
            "what": what, "kind": kind, "new_kind": new_kind, "direction": direction,
            "on_date": day, "note": note, "people": people,
        })  # fmt: skip
        fid = writes.add_favor(session, new, today, clock.now_utc(), again=again)
        favor = get_favor(connection_of(session), fid)
    who = join_words(_names(favor.people))
    done = f"you helped {who}" if direction == "given" else f"{who} helped you"
    line(f"Recorded favor #{fid}: {done} ({favor.what}; {favor.kind}) {describe_day(day, today)}.")


@favor_app.command("undo")
def favor_undo(
    favor_id: str | None = typer.Argument(
        None, help="The favor's id (#3 or 3); default: the one recorded last."
    ),
    yes: bool = yes_option(),
) -> None:
    """Remove a favor entered by mistake (asks first).

    Examples:

      supportnet favor undo

      supportnet favor undo 12 --yes
    """
    from supportnet.db import write_session
    from supportnet.render import line
    from supportnet.store.favors import get_favor

    fid = _parse_id(favor_id, "a favor")
    with state.database() as conn:
        favor = get_favor(conn, fid)
        confirm(f"Remove favor #{favor.id} ({_describe_favor(favor)})?", yes)
        from supportnet.writes import support as writes

        with write_session(conn) as session:
            writes.remove_favor(session, favor.id)
    line(f"Removed favor #{favor.id} ({_describe_favor(favor)}).")


def _describe_favor(favor: Any) -> str:
    from supportnet.text import join_words

    who = join_words(_names(favor.people)) or "no one now"
    way = "for" if favor.direction == "given" else "from"
    return f"{favor.what}, {way} {who}, {long_date(favor.on_date)}"


@app.command("favors")
def list_favors(
    person: str | None = typer.Argument(
        None, help=PERSON_HELP + " Default: everyone.", autocompletion=complete_person
    ),
    given: bool = typer.Option(False, "--given", help="Only favors you did for others."),
    received: bool = typer.Option(False, "--received", help="Only favors others did for you."),
    since: str | None = typer.Option(
        None, "--since", help="Only from this day on: 2026-01-01, 3 months ago, last monday."
    ),
    as_json: bool = json_option(),
) -> None:
    """List favors given and received, newest first.

    Examples:

      supportnet favors Sam

      supportnet favors --received --since "3 months ago" --json
    """
    from supportnet.dates import parse_since
    from supportnet.errors import UsageProblem
    from supportnet.render import emit_json, table
    from supportnet.store.favors import list_favors
    from supportnet.store.people import resolve_person

    if given and received:
        raise UsageProblem("Use --given or --received, not both (without either, you get both).")
    start = parse_since(since, state.today())
    direction = "given" if given else "received" if received else None
    with state.database() as conn:
        pid = resolve_person(conn, person) if person else None
        favors = list_favors(conn, person_id=pid, direction=direction, since=start)
    if as_json:
        emit_json([f.to_json() for f in favors])
        return
    filtered = pid is not None or direction or start
    table(
        ["id", "date", "who", "what", "kind"],
        [
            [
                f"#{f.id}",
                f.on_date.isoformat(),
                _arrow(f),
                f.what,
                f.kind,
            ]
            for f in favors
        ],
        empty="No favors match."
        if filtered
        else 'No favors recorded yet. Record one: supportnet favor "brought soup" --for Sam',
    )


def _arrow(favor: Any) -> str:
    from supportnet.text import join_words

    who = join_words(_names(favor.people)) or "(removed)"
    return f"you -> {who}" if favor.direction == "given" else f"{who} -> you"


# --- life events ----------------------------------------------------------------------


app.add_typer(event_app, name="event")


def _windows() -> Any:
    from supportnet.occasions import Windows

    return Windows.from_settings(state.config().section("windows"))


@event_app.command("add", no_args_is_help=True)
def event_add(
    person: str = typer.Argument(..., help=PERSON_HELP, autocompletion=complete_person),
    what: str = typer.Argument(..., help='What is happening: "surgery", "new job".'),
    on: str = typer.Option(
        "today", "--on", help="When: 2026-12-01, December 1, in 3 weeks, last friday."
    ),
    kind: str = typer.Option("other", "--kind", "-k", help=EVENT_KIND_HELP),
    hard: bool = typer.Option(
        False,
        "--hard",
        help="A hard time: check in around it (the default for illness, loss, breakup).",
    ),
    happy: bool = typer.Option(
        False,
        "--happy",
        help="Good news: celebrate around it (the default for new baby, graduation, anniversary).",
    ),
    yearly: bool | None = typer.Option(
        None,
        "--yearly/--once",
        help="Comes round every year, like a birthday (anniversaries do unless --once).",
    ),
    new_kind: bool = typer.Option(False, "--new-kind", help=NEW_KIND_HELP),
    again: bool = typer.Option(
        False, "--again", help="Note it even if the same event was just noted (within a minute)."
    ),
    note: str | None = typer.Option(None, "--note", help="A note about it."),
) -> None:
    """Note a life event, past or coming, hard or happy.

    Examples:

      supportnet event add Sam "surgery" --on 2026-12-01 --kind illness --hard

      supportnet event add Maya "wedding anniversary" --on 2019-08-03 --kind anniversary --happy
    """
    from supportnet import clock
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.support import LifeEventCreate, tone_from_flags
    from supportnet.render import line
    from supportnet.store.life_events import get_event
    from supportnet.store.people import get_person, resolve_person
    from supportnet.writes import support as writes

    tone = tone_from_flags(hard, happy)
    today = state.today()
    day = parse_date(on, today)
    windows = _windows()
    with state.writing() as session:
        conn = connection_of(session)
        pid = resolve_person(conn, person)
        new = validate(LifeEventCreate, {
            "person_id": pid, "what": what, "tone": tone, "on_date": day, "yearly": yearly,
            "note": note, "kind": kind, "new_kind": new_kind,
        })  # fmt: skip
        eid = writes.add_event(session, new, clock.now_utc(), again=again)
        event = get_event(connection_of(session), eid)
        label = get_person(connection_of(session), pid).label
    line(f"Noted event #{eid} for {label}: {_describe_event(event)}.")
    _say_window(event, today, windows)


def _describe_event(event: Any) -> str:
    date = long_date(event.on_date) if event.on_date else "date unknown"
    yearly = ", every year" if event.yearly else ""
    return f"{event.what} on {date} ({event.kind}, {event.tone}{yearly})"


def _say_window(event: Any, today: Any, windows: Any) -> None:
    from supportnet.occasions import window_sentence
    from supportnet.render import line

    window = event.window(today, windows)
    if window is not None:
        line(window_sentence(window, today))


@event_app.command("edit", no_args_is_help=True)
def event_edit(
    event_id: str = typer.Argument(..., help="The event's id (#3 or 3)."),
    what: str | None = typer.Option(None, "--what", help="New description."),
    on: str | None = typer.Option(None, "--on", help="New date (2026-12-08, December 8...)."),
    kind: str | None = typer.Option(None, "--kind", "-k", help="New kind. " + EVENT_KIND_HELP),
    hard: bool = typer.Option(False, "--hard", help="It is a hard time (check in)."),
    happy: bool = typer.Option(False, "--happy", help="It is good news (celebrate)."),
    yearly: bool | None = typer.Option(
        None, "--yearly/--once", help="Make it come round every year, or happen once."
    ),
    new_kind: bool = typer.Option(False, "--new-kind", help=NEW_KIND_HELP),
    note: str | None = typer.Option(None, "--note", help="Replace the note ('' to clear)."),
) -> None:
    """Change a life event: its date, description, kind or tone.

    Examples:

      supportnet event edit 3 --on "December 8"

      supportnet event edit 5 --happy --kind graduation
    """
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.errors import UsageProblem
    from supportnet.models import validate
    from supportnet.models.support import LifeEventUpdate, tone_from_flags
    from supportnet.render import line
    from supportnet.store.life_events import get_event
    from supportnet.writes import support as writes

    eid = _parse_id(event_id, "an event")
    assert eid is not None
    today = state.today()
    given = {"what": what, "tone": tone_from_flags(hard, happy), "yearly": yearly, "note": note,
             "on_date": parse_date(on, today) if on is not None else None}  # fmt: skip
    changes: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    if not changes and kind is None:
        raise UsageProblem("Nothing to change: give at least one option (see --help).")
    windows = _windows()
    with state.writing() as session:
        conn = connection_of(session)
        get_event(conn, eid)
        if kind is not None:
            changes.update(kind=kind, new_kind=new_kind)
        writes.update_event(session, eid, validate(LifeEventUpdate, changes))
        event = get_event(connection_of(session), eid)
    line(f"Updated event #{eid} for {event.person_name}: {_describe_event(event)}.")
    _say_window(event, today, windows)


@event_app.command("undo")
def event_undo(
    event_id: str | None = typer.Argument(
        None, help="The event's id (#3 or 3); default: the one recorded last."
    ),
    yes: bool = yes_option(),
) -> None:
    """Remove a life event entered by mistake (asks first).

    Examples:

      supportnet event undo

      supportnet event undo 4 --yes
    """
    from supportnet.db import write_session
    from supportnet.render import line
    from supportnet.store.life_events import get_event

    eid = _parse_id(event_id, "an event")
    with state.database() as conn:
        event = get_event(conn, eid)
        what = f"{event.person_name}: {_describe_event(event)}"
        confirm(f"Remove event #{event.id} ({what})?", yes)
        from supportnet.writes import support as writes

        with write_session(conn) as session:
            writes.remove_event(session, event.id)
    line(f"Removed event #{event.id} ({what}).")


@app.command("events")
def list_events(
    person: str | None = typer.Argument(
        None, help=PERSON_HELP + " Default: everyone.", autocompletion=complete_person
    ),
    only_open: bool = typer.Option(
        False, "--open", help="Only events whose check-in or celebrate time is now."
    ),
    as_json: bool = json_option(),
) -> None:
    """List life events, newest date first, with their check-in or celebrate time.

    Examples:

      supportnet events --open

      supportnet events Sam --json
    """
    from supportnet.occasions import describe_window
    from supportnet.render import emit_json, table
    from supportnet.store.life_events import list_events
    from supportnet.store.people import resolve_person

    today = state.today()
    windows = _windows()
    with state.database() as conn:
        pid = resolve_person(conn, person) if person else None
        events = list_events(
            conn, person_id=pid, open_on=today if only_open else None, windows=windows
        )
    if as_json:
        emit_json([e.to_json(today, windows) for e in events])
        return

    def when(event: Any) -> str:
        window = event.window(today, windows)
        return describe_window(window, today) if window else ""

    def date(event: Any) -> str:
        if event.on_date is None:
            return "unknown"
        return event.on_date.isoformat() + (", yearly" if event.yearly else "")

    if only_open:
        empty = "No check-in or celebrate time is open today."
    elif pid is not None:
        empty = "No life events recorded for them."
    else:
        empty = 'No life events recorded yet. Note one: supportnet event Sam "surgery" --hard'
    table(
        ["id", "date", "person", "what", "kind", "tone", "when"],
        [[f"#{e.id}", date(e), e.person_name, e.what, e.kind, e.tone, when(e)] for e in events],
        empty=empty,
    )


def profile_fields(profile: dict[str, Any], today: Any) -> list[tuple[str, str]]:
    """The support lines of `show NAME`: the favor balance, then each life event."""
    import datetime as dt

    from supportnet.occasions import Window, describe_window

    rows: list[tuple[str, str]] = []
    if profile.get("support"):
        rows.append(("support", profile["support"]["balance"]))
    for event in profile.get("life_events", []):
        date = long_date(dt.date.fromisoformat(event["date"])) if event["date"] else "undated"
        every = ", every year" if event["yearly"] else ""
        text = f"{event['what']}, {date} ({event['kind']}, {event['tone']}{every})"
        w = event["window"]
        if w:
            window = Window(
                occurs_on=dt.date.fromisoformat(w["occurs_on"]),
                opens_on=dt.date.fromisoformat(w["opens_on"]),
                closes_on=dt.date.fromisoformat(w["closes_on"]),
                action=w["action"],
                years=w["years"],
            )
            text += f": {describe_window(window, today)}"
        rows.append(("life event", text))
    return rows
