"""Get-togethers: log (add, edit, undo), history, know."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import (
    GETTOGETHER_KIND_HELP,
    NEW_KIND_HELP,
    PERSON_HELP,
    DefaultCommandGroup,
    complete_person,
    confirm,
    json_option,
    yes_option,
)
from supportnet.dates import describe_day

DATE_HELP = "When: today (default), yesterday, 3 days ago, last friday, 2026-03-14, 14 March."


log_app = typer.Typer(
    cls=DefaultCommandGroup,
    no_args_is_help=True,
    help="""Log a get-together that happened: who, when, what, in person or online.

`supportnet log WHAT ...` is short for `supportnet log add WHAT ...`. Logging
restarts each person's clock ("last seen 3 days ago"). For something still to
come, make a plan instead (`supportnet plan`).

Examples:

  supportnet log coffee --with Maya --on yesterday

  supportnet log "dinner at Sam's" --with Sam --with Ana --place "Sam's" --minutes 120

  supportnet log --group "Community chorus" --with Ana

  supportnet log edit 12 --on "last friday"

  supportnet log undo
""",
)
app.add_typer(log_app, name="log")


def _people_option(help_text: str, flag: str = "--with") -> Any:
    return typer.Option([], flag, help=help_text, autocompletion=complete_person)


@log_app.command("add")
def log_add(
    what: str | None = typer.Argument(
        None, help='What you did: coffee, "dinner at Sam\'s", a walk (optional).'
    ),
    with_people: list[str] = typer.Option(
        [], "--with", "-w", help=PERSON_HELP + " Repeat for more.", autocompletion=complete_person
    ),
    on: str = typer.Option("today", "--on", help=DATE_HELP),
    kind: str | None = typer.Option(None, "--kind", "-k", help=GETTOGETHER_KIND_HELP),
    new_kind: bool = typer.Option(False, "--new-kind", help=NEW_KIND_HELP),
    in_person: bool | None = typer.Option(
        None,
        "--in-person/--online",
        help="How you met. Default: from the kind (calls, video and texts are online).",
        show_default=False,
    ),
    place: str | None = typer.Option(None, "--place", help="Where."),
    note: str | None = typer.Option(None, "--note", help="A note about it."),
    minutes: int | None = typer.Option(None, "--minutes", help="How long, in minutes."),
    at: str | None = typer.Option(None, "--at", help="The time it started: 19:00, 7pm."),
    group: str | None = typer.Option(
        None, "--group", "-g", help="A group's meeting you went to (people then optional)."
    ),
    again: bool = typer.Option(
        False,
        "--again",
        help="Log it even if the same was logged a moment ago (or, for a group, that day).",
    ),
    felt: int | None = typer.Option(
        None,
        "--felt",
        metavar="1-5",
        help="How it felt, from 1 (not much) to 5 (very much); optional.",
    ),
) -> None:
    """Log a get-together that happened.

    WHAT is free text; a kind's name (coffee, walk...) also sets the kind.
    A date still to come is refused: that is a plan (`supportnet plan`).

    Examples:

      supportnet log add coffee --with Maya --on yesterday

      supportnet log add call --with Sam --minutes 45

      supportnet log add "board games" --with Ana --with Leo --kind "game night" --new-kind

      supportnet log add --group "Community chorus" --with Ana
    """
    from supportnet import clock
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.gettogether import GettogetherCreate, check_not_future
    from supportnet.recurrence import parse_time
    from supportnet.render import line
    from supportnet.store import gettogethers as store
    from supportnet.store.groups import resolve_group
    from supportnet.store.people import resolve_people
    from supportnet.writes import gettogethers as writes
    from supportnet.writes.checkins import record_feeling

    today = state.today()
    day = parse_date(on, today, prefer="past")
    check_not_future(day, today, what, with_people)
    time = parse_time(at) if at else None
    with state.writing() as session:
        conn = connection_of(session)
        new = validate(GettogetherCreate, {
            "people": resolve_people(conn, with_people),
            "community_id": resolve_group(conn, group) if group else None,
            "on_date": day, "kind": kind, "new_kind": new_kind, "in_person": in_person,
            "what": what, "at_time": time, "place": place, "note": note,
            "duration_minutes": minutes,
        })  # fmt: skip
        gid = writes.log_gettogether(session, new, today, clock.now_utc(), again=again)
        record_feeling(session, gid, felt=felt)
        entry = store.get_entry(connection_of(session), gid)
    how = "in person" if entry.in_person else "online"
    line(f"Logged {_describe(entry, today)} ({how}) as #{gid}.")


def _describe(entry: Any, today: Any) -> str:
    """'coffee with Maya López yesterday', 'rehearsal at Community chorus today'."""
    from supportnet.text import join_words

    who = f" with {join_words(entry.names)}" if entry.people else ""
    return f"{entry.title_at_group}{who} {describe_day(entry.on_date, today, weekday=True)}"


@log_app.command("edit", no_args_is_help=True)
def log_edit(
    entry_id: str = typer.Argument(..., help="The get-together's id (#12 or 12; see history)."),
    what: str | None = typer.Option(None, "--what", help="New description ('' to clear)."),
    on: str | None = typer.Option(None, "--on", help="New date (yesterday, 2026-03-14...)."),
    kind: str | None = typer.Option(None, "--kind", "-k", help=GETTOGETHER_KIND_HELP),
    new_kind: bool = typer.Option(False, "--new-kind", help=NEW_KIND_HELP),
    in_person: bool | None = typer.Option(
        None, "--in-person/--online", help="Change how you met.", show_default=False
    ),
    place: str | None = typer.Option(None, "--place", help="New place ('' to clear)."),
    note: str | None = typer.Option(None, "--note", help="New note ('' to clear)."),
    minutes: int | None = typer.Option(None, "--minutes", help="New length (0 to clear)."),
    with_people: list[str] = _people_option("Replace everyone with these people (repeatable)."),
    add_people: list[str] = _people_option("Add someone who was there (repeatable).", "--add"),
    drop_people: list[str] = _people_option("Remove someone (repeatable).", "--drop"),
    felt: int | None = typer.Option(
        None,
        "--felt",
        metavar="1-5",
        help="How it felt, from 1 (not much) to 5 (very much).",
    ),
) -> None:
    """Change a logged get-together.

    Examples:

      supportnet log edit 12 --on "last friday" --kind walk

      supportnet log edit 12 --add Sam --drop Leo --note "lovely afternoon"
    """
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.errors import UsageProblem
    from supportnet.models import validate
    from supportnet.models.gettogether import GettogetherUpdate
    from supportnet.render import line
    from supportnet.store import gettogethers as store
    from supportnet.store.checkins import feeling
    from supportnet.store.people import get_person, resolve_people
    from supportnet.text import join_words, plural
    from supportnet.writes import gettogethers as writes
    from supportnet.writes.checkins import record_feeling

    gid = store.parse_entry_id(entry_id)
    today = state.today()
    given = {"what": what, "kind": kind, "in_person": in_person, "place": place, "note": note,
             "duration_minutes": minutes}  # fmt: skip
    changes: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    if on is not None:
        changes["on_date"] = parse_date(on, today, prefer="past")
    with state.writing() as session:
        conn = connection_of(session)
        before = store.get_entry(conn, gid), feeling(conn, gid)
        if with_people:
            changes["people"] = resolve_people(conn, with_people)
        for key, refs in (("add_people", add_people), ("remove_people", drop_people)):
            if refs:
                changes[key] = resolve_people(conn, refs)
        if not changes and felt is None:
            raise UsageProblem("Nothing to change: give at least one option (see --help).")
        if changes:
            change = validate(GettogetherUpdate, {**changes, "new_kind": new_kind})
            writes.update_gettogether(session, gid, change, today)
        record_feeling(session, gid, felt=felt)
        entry = store.get_entry(connection_of(session), gid)
        after = entry, feeling(connection_of(session), gid)
        there = {pid for pid, _ in before[0].people}
        absent = [get_person(conn, pid).name for pid in changes.get("remove_people", ())
                  if pid not in there]  # fmt: skip
    # `--drop Maya` when Maya was not there: said, not passed over.
    note = (
        f" ({join_words(absent)} {plural(len(absent), 'was', 'were')} not there)" if absent else ""
    )
    if after == before:
        line(f"Nothing changed: #{gid} is already {_describe(entry, today)}{note}.")
        return
    line(f"Updated #{gid}: {_describe(entry, today)}{note}.")


@log_app.command("undo")
def log_undo(
    entry_id: str | None = typer.Argument(
        None, help="The get-together's id (#12 or 12); default: the one logged last."
    ),
    yes: bool = yes_option(),
) -> None:
    """Remove a logged get-together (asks first).

    A plan date it marked done becomes open again.

    Examples:

      supportnet log undo

      supportnet log undo 12 --yes
    """
    from supportnet.db import write_session
    from supportnet.render import line
    from supportnet.store import gettogethers as store

    today = state.today()
    with state.database() as conn:
        gid = store.parse_entry_id(entry_id) if entry_id else store.last_entry_id(conn)
        entry = store.get_entry(conn, gid)
        confirm(f"Remove get-together #{gid} ({_describe(entry, today)})?", yes)
        from supportnet.writes import gettogethers as writes

        with write_session(conn) as session:
            writes.remove_gettogether(session, gid)
    line(f"Removed #{gid} ({_describe(entry, today)}).")


@app.command()
def history(
    person: str | None = typer.Argument(
        None, help="Only get-togethers with this person.", autocompletion=complete_person
    ),
    since: str | None = typer.Option(
        None, "--since", help="Only from this date on (2026-03-14, 3 months ago...)."
    ),
    group: str | None = typer.Option(None, "--group", "-g", help="Only this group's meetings."),
    limit: int = typer.Option(50, "--limit", "-n", help="At most this many (0: all)."),
    as_json: bool = json_option(),
) -> None:
    """List logged get-togethers, newest first, with their ids.

    Examples:

      supportnet history

      supportnet history Maya --since "3 months ago"

      supportnet history --group "Community chorus" --json
    """
    import contextlib
    import itertools
    import sys

    from supportnet.dates import long_date, parse_since
    from supportnet.errors import InvalidInput
    from supportnet.render import emit_json, line, paged, table
    from supportnet.store import gettogethers as store
    from supportnet.store.groups import get_group, resolve_group
    from supportnet.store.people import get_person, resolve_person
    from supportnet.text import join_words

    if limit < 0:
        raise InvalidInput("--limit must be 0 (all) or more.")
    start = parse_since(since, state.today())
    with state.database() as conn:
        pid = resolve_person(conn, person) if person else None
        cid = resolve_group(conn, group) if group else None
        # One more than shown, to say when there are more (counting them all would cost).
        # Read as they are shown: `--limit 0` of 200,000 never holds them all.
        found = store.history(
            conn, person_id=pid, community_id=cid, since=start, limit=limit + 1 if limit else None
        )
        entries = itertools.islice(found, min(limit, sys.maxsize) or None)
        if as_json:
            emit_json(e.to_json() for e in entries)
            return
        # What the list was narrowed to, for the line shown when nothing matches.
        narrowed = []
        if pid is not None:
            narrowed.append(f"with {get_person(conn, pid).name}")
        if cid is not None:
            narrowed.append(f"at {get_group(conn, cid).name}")
        if start is not None:
            narrowed.append(f"since {long_date(start)}")
        empty = "Nothing logged yet. After you meet someone: supportnet log coffee --with NAME"
        if narrowed:
            empty = f"Nothing logged yet {' '.join(narrowed)}."
        rows = (
            [
                f"#{e.id}",
                e.on_date.isoformat(),
                e.title_at_group,
                join_words(e.names),
                "in person" if e.in_person else "online",
                e.note or "",
            ]
            for e in entries
        )
        # The table and the line after it as one screen; all of them (--limit 0) have no
        # line after, and go to the pager as they are drawn, not held for it.
        with paged() if limit else contextlib.nullcontext():
            table(["id", "date", "what", "with", "how", "note"], rows, empty=empty)
            if next(found, None) is not None:
                from supportnet.text import plural

                # "one is", not "1 are"
                newest = f"{'one' if limit == 1 else limit} {plural(limit, 'is', 'are')}"
                more = "there are more (--limit 0 for all, or --since DATE)"
                line(f"The newest {newest} shown; {more}.")


@app.command(no_args_is_help=True)
def know(
    people: list[str] = typer.Argument(
        ..., help="Two or more people who know each other.", autocompletion=complete_person
    ),
    forget: bool = typer.Option(
        False, "--forget", help="Remove what was recorded with `know` (not shared get-togethers)."
    ),
) -> None:
    """Record that people know each other.

    People who were at the same get-together are counted as knowing each other
    anyway; this is for the ones you have not logged together.

    Examples:

      supportnet know Maya Sam

      supportnet know Maya Sam Ana

      supportnet know Maya Sam --forget
    """
    if len(people) < 2:  # a name left out: the command line, as a missing argument is
        from supportnet.errors import UsageProblem

        tail = " --forget" if forget else ""
        raise UsageProblem(f"Name two different people: supportnet know Maya Sam{tail}.")
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.gettogether import AcquaintanceChange
    from supportnet.render import line
    from supportnet.store import gettogethers as store
    from supportnet.store.people import get_person, resolve_people
    from supportnet.text import join_words
    from supportnet.writes import gettogethers as writes

    today = state.today()
    with state.writing() as session:
        conn = connection_of(session)
        ids = resolve_people(conn, people)
        names = [get_person(conn, pid).name for pid in ids]
        change = validate(AcquaintanceChange, {"people": ids, "forget": forget})
        if forget:
            removed = writes.forget_acquaintances(session, change)
            conn = connection_of(session)
            shared = [pair for pair in change.pairs() if store.shared_count(conn, *pair)]
        else:
            writes.record_acquaintances(session, change, today)
    who = join_words(names)
    if not forget:
        line(f"Noted: {who} know each other.")
        return
    line(f"Forgot that {who} know each other." if removed else f"Nothing recorded for {who}.")
    if shared:
        line("They still count as knowing each other: they were at a get-together together.")


#: How many plans, and people known, `show NAME` names before "and N more".
SHOWN = 12


def person_section_fields(profile: dict[str, Any], today: Any) -> list[tuple[str, str]]:
    """The end of `show NAME`'s fields: contact, plans, groups, who they know."""
    import datetime as dt

    from supportnet.dates import describe_ago
    from supportnet.text import some_of

    section = profile.get("gettogethers")
    if not section:
        return []

    def ago(value: str | None) -> str:
        return describe_ago(dt.date.fromisoformat(value), today) if value else ""

    knows = []
    for k in section["knows"]:
        how = f"{k['together']} together" if k["together"] else "you noted it"
        knows.append(f"{k['name']} ({how})")
    return [
        ("last seen", ago(section["last_contact"])),
        ("in person", ago(section["last_in_person"])),
        # The first of a long list and how many more (`show --json` has them all): a
        # profile line of 1,770 names is 580 rows of a terminal, read by no one.
        (
            "plans",
            some_of(
                [f"{p['title']} (#{p['id']}, {p['status']})" for p in section["plans"]],
                "and",
                shown=SHOWN,
            ),
        ),
        ("groups", ", ".join(g["name"] for g in section["groups"])),
        ("knows", some_of(knows, "and", shown=SHOWN, in_all=section.get("knows_in_all"))),
    ]


def render_recent(profile: dict[str, Any]) -> None:
    """The last lines of `show NAME`: their latest get-togethers."""
    from supportnet.render import line
    from supportnet.text import join_words

    section = profile.get("gettogethers")
    if section and section["recent"]:
        line(f"  recent ({section['count']} in all):")
        for e in section["recent"]:
            others = [p["name"] for p in e["people"] if p["id"] != profile["person"]["id"]]
            with_ = f" with {join_words(others)}" if others else ""
            how = "in person" if e["in_person"] else "online"
            line(f"    #{e['id']} {e['date']} {e['title']}{with_} ({how})")
