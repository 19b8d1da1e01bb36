"""Communities: group (add, join, leave, edit, archive, restore), groups."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import complete_person, json_option
from supportnet.dates import long_date

GROUP_HELP = "Which group: its name (or the start of it), or #id."
GROUP_KIND_HELP = (
    "political, volunteering, faith, sports, chorus, support group, meetup, class or other."
)
MEETS_HELP = (
    'When it meets: "every wed 19:00", "monthly on the first sunday", "every other '
    'saturday at 10am", or a raw RRULE (FREQ=WEEKLY;BYDAY=WE).'
)
STARTING_HELP = (
    "The day its meetings start from (default: today); the first meeting is the first "
    'date of --meets on or after it. For "every other saturday", a Saturday it meets: '
    '2026-11-07, "last saturday".'
)
MEMBER_HELP = 'A member: a person\'s name or #id, or "me" (repeatable).'

group_app = typer.Typer(
    no_args_is_help=True,
    help="""Keep the communities you belong to: meetings, members, attendance.

Log going to a meeting with `supportnet log --group NAME`; `supportnet groups`
lists them with your recent attendance.

Examples:

  supportnet group add "Community chorus" --kind chorus --meets "every wed 19:00"

  supportnet group join "Community chorus" --person Ana --person me

  supportnet groups
""",
)
app.add_typer(group_app, name="group")


def group_argument() -> Any:
    return typer.Argument(..., help=GROUP_HELP)


@group_app.command("add", no_args_is_help=True)
def group_add(
    name: str = typer.Argument(..., help="The group's name."),
    kind: str = typer.Option("other", "--kind", "-k", help=GROUP_KIND_HELP),
    meets: str | None = typer.Option(None, "--meets", "-m", help=MEETS_HELP),
    starting: str | None = typer.Option(None, "--starting", metavar="DATE", help=STARTING_HELP),
    place: str | None = typer.Option(None, "--place", help="Where it meets."),
    note: str | None = typer.Option(None, "--note", help="A note about it."),
    members: list[str] = typer.Option(
        [],
        "--person",
        "-p",
        help='Someone you know there (repeatable); "me" is welcome: you belong to a group you add.',
        autocompletion=complete_person,
    ),
) -> None:
    """Add a community you belong to, with when it meets.

    Examples:

      supportnet group add "Community chorus" --kind chorus --meets "every wed 19:00"

      supportnet group add "Food bank" --kind volunteering --meets "every other saturday 9am"

      supportnet group add "Food bank" --meets "every other sat 9am" --starting 2026-11-07
    """
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.group import GroupCreate
    from supportnet.recurrence import next_occurrence, parse_recurrence
    from supportnet.recurrence.series import skipped_months_note
    from supportnet.render import line
    from supportnet.store import groups
    from supportnet.store.people import members_named
    from supportnet.writes import groups as writes

    today = state.today()
    recurrence = parse_recurrence(meets) if meets else None
    start = parse_date(starting, today, prefer="future") if starting else None
    with state.writing() as session:
        conn = connection_of(session)
        new = validate(GroupCreate, {
            "name": name, "kind": kind, "meets": recurrence, "starting": start,
            "place": place, "note": note,
            "members": members_named(conn, members).people,  # you belong to it anyway
        })  # fmt: skip
        gid = writes.add_group(session, new, today)
        group = groups.get_group(connection_of(session), gid)
    what = {"other": "group", "support group": "support group"}.get(
        group.kind, f"{group.kind} group"
    )  # not "a other group" nor "a support group group"
    line(f"Added {group.label}, {'an' if what[0] in 'aeiou' else 'a'} {what}.")
    if group.schedule and group.starts_on:
        upcoming = next_occurrence(group.rule, group.starts_on, today)  # --starting may be past
        line(f"It meets {group.schedule}; next: {long_date(upcoming, weekday=True)}.")
        note = skipped_months_note(group.rule, group.starts_on)
        if note:
            line(note)


def _membership(ref: str, people: list[str], join: bool) -> None:
    from supportnet.errors import UsageProblem

    if not people:  # a missing option, said before SQLModel loads
        raise UsageProblem("Say who with --person NAME (or --person me).")
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.group import GroupMembership
    from supportnet.render import line
    from supportnet.store import groups
    from supportnet.store.people import get_person, members_named
    from supportnet.text import join_words
    from supportnet.writes import groups as writes

    with state.writing() as session:
        conn = connection_of(session)
        gid = groups.resolve_group(conn, ref)
        members = validate(GroupMembership, members_named(conn, people)._asdict())
        changed = (writes.join if join else writes.leave)(session, gid, members)
        group = groups.get_group(connection_of(session), gid)

        def who(me: bool, people: list[int]) -> str:
            return join_words((["you"] if me else []) + [get_person(conn, p).name for p in people])

        done = who(changed.me, changed.people)
        same = who(members.me and not changed.me,
                   [p for p in members.people if p not in changed.people])  # fmt: skip
    was = "already belonged" if join else "did not belong"
    if not done:
        line(f"Nothing changed: {same} {was} to {group.label}.")
        return
    said = f"Added {done} to" if join else f"Removed {done} from"
    line(f"{said} {group.label}" + (f"; {same} {was}." if same else "."))


@group_app.command("join", no_args_is_help=True)
def group_join(
    group: str = group_argument(),
    people: list[str] = typer.Option(
        [], "--person", "-p", help=MEMBER_HELP, autocompletion=complete_person
    ),
) -> None:
    """Add members to a group (you: --person me).

    Examples:

      supportnet group join "Community chorus" --person Ana --person Grace

      supportnet group join chorus --person me
    """
    _membership(group, people, join=True)


@group_app.command("leave", no_args_is_help=True)
def group_leave(
    group: str = group_argument(),
    people: list[str] = typer.Option(
        [], "--person", "-p", help=MEMBER_HELP, autocompletion=complete_person
    ),
) -> None:
    """Remove members from a group (you: --person me; its meetings leave `upcoming`).

    Examples:

      supportnet group leave chorus --person Grace

      supportnet group leave chorus --person me
    """
    _membership(group, people, join=False)


@group_app.command("edit", no_args_is_help=True)
def group_edit(
    group: str = group_argument(),
    kind: str | None = typer.Option(None, "--kind", "-k", help=GROUP_KIND_HELP),
    meets: str | None = typer.Option(
        None, "--meets", "-m", help="A new schedule (from today or --starting), or 'none'."
    ),
    starting: str | None = typer.Option(
        None,
        "--starting",
        metavar="DATE",
        help="The day its meetings start from: with --meets, or alone to move the start "
        'of its schedule (the weeks an "every other" group meets in): 2026-11-07.',
    ),
    place: str | None = typer.Option(None, "--place", help="New place ('' to clear)."),
    note: str | None = typer.Option(None, "--note", help="New note ('' to clear)."),
    matters: int | None = typer.Option(
        None,
        "--matters",
        metavar="N",
        help="How much it matters to you: 1 (a little) to 5 (very much); 0 clears it. "
        "`supportnet map` shows it.",
    ),
) -> None:
    """Change a group's kind, schedule, place, note, or how much it matters to you.

    Examples:

      supportnet group edit chorus --meets "every thu 19:30"

      supportnet group edit "Food bank" --starting "last saturday"

      supportnet group edit chorus --matters 5

      supportnet group edit "Food bank" --place "Northside community centre"
    """
    from supportnet import recurrence
    from supportnet.dates import parse_date
    from supportnet.db import connection_of
    from supportnet.errors import UsageProblem
    from supportnet.models import validate
    from supportnet.models.group import GroupUpdate
    from supportnet.recurrence import parse_recurrence
    from supportnet.recurrence.series import skipped_months_note
    from supportnet.render import line
    from supportnet.store import groups
    from supportnet.writes import groups as writes

    given = {"kind": kind, "place": place, "note": note}
    changes: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    if meets is not None:
        clear = meets.strip().lower() in ("none", "")
        changes["meets"] = None if clear else parse_recurrence(meets)
    if matters is not None:
        changes["matters"] = matters or None
    today = state.today()
    if starting is not None:
        changes["starting"] = parse_date(starting, today, prefer="future")
    if not changes:
        raise UsageProblem("Nothing to change: give at least one option (see --help).")
    change = validate(GroupUpdate, changes)
    with state.writing() as session:
        conn = connection_of(session)
        gid = groups.resolve_group(conn, group)
        writes.update_group(session, gid, change, today)
        updated = groups.get_group(connection_of(session), gid)
    said = ""
    if matters is not None:  # 0 clears it: say so, as a cleared place is said
        said = (
            f" It matters to you: {matters} of 5." if matters else " How much it matters: removed."
        )
    meeting = ""
    if starting is not None and updated.rule and updated.starts_on:
        upcoming = recurrence.next_occurrence(updated.rule, updated.starts_on, today)
        meeting = f"; next: {long_date(upcoming, weekday=True)}" if upcoming else ""
    told = [f"meets {updated.schedule}{meeting}"] if updated.schedule else []
    if meets is not None and not updated.schedule:
        told.append("no regular meetings now")
    if kind is not None:
        told.append(f"kind {updated.kind}")
    for word, given_text, now in (("place", place, updated.place), ("note", note, updated.note)):
        if given_text is not None:  # "" clears it: say so, as `edit` does for a person
            told.append(f"{word} {'removed' if not now else 'set'}")
    line(f"Updated {updated.label}" + (f": {'; '.join(told)}." if told else ".") + said)
    if (meets is not None or starting is not None) and updated.rule and updated.starts_on:
        note = skipped_months_note(updated.rule, updated.starts_on)
        if note:
            line(note)


@group_app.command("archive", no_args_is_help=True)
def group_archive(group: str = group_argument()) -> None:
    """Archive a group: kept with its history, left out of lists and `upcoming`.

    Example:

      supportnet group archive "Book club"
    """
    _set_archived(group, archive=True)


@group_app.command("restore", no_args_is_help=True)
def group_restore(group: str = group_argument()) -> None:
    """Bring an archived group back.

    Example:

      supportnet group restore "Book club"
    """
    _set_archived(group, archive=False)


def _set_archived(ref: str, *, archive: bool) -> None:
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.group import GroupUpdate
    from supportnet.render import line
    from supportnet.store import groups
    from supportnet.writes import groups as writes

    change = validate(GroupUpdate, {"archived_on": state.today() if archive else None})
    with state.writing() as session:
        conn = connection_of(session)
        group = groups.get_group(conn, groups.resolve_group(conn, ref, archived_first=not archive))
        if archive == (group.archived_on is not None):
            line(f"{group.label} is {'already' if archive else 'not'} archived.")
            return
        writes.update_group(session, group.id, change, state.today())
    line(f"{'Archived' if archive else 'Restored'} {group.label}.")


@app.command("groups")
def list_groups(
    archived: bool = typer.Option(False, "--archived", help="Only archived groups."),
    as_json: bool = json_option(),
) -> None:
    """List your groups with the next meeting, last attended and recent attendance.

    "3 of 8" counts the days you logged going (`log --group`) since the eighth
    latest meeting; while it has had fewer, the days you went before its first
    meeting count as meetings too.

    Examples:

      supportnet groups

      supportnet groups --json
    """
    from supportnet.dates import describe_ago, describe_until
    from supportnet.render import emit_json, table
    from supportnet.store import groups

    today = state.today()
    with state.database() as conn:
        rows = groups.list_groups(conn, today, archived=archived)
    if as_json:
        emit_json([r.to_json() for r in rows])
        return

    def attendance(r: Any) -> str:
        if r.recent_meetings is None:
            return ""
        if r.recent_meetings == 0:
            return "no meetings yet"
        return f"{r.recent_attended} of {r.recent_meetings}"

    table(
        ["id", "group", "kind", "meets", "next", "last went", "went", "members"],
        [
            [
                f"#{r.group.id}",
                r.group.name + ("" if r.group.i_am_member else " (not a member)"),
                r.group.kind,
                r.group.schedule or "",
                describe_until(r.next_meeting, today) if r.next_meeting else "",
                describe_ago(r.last_attended, today) if r.last_attended else "not yet",
                attendance(r),
                str(len(r.group.members)),
            ]
            for r in rows
        ],
        empty='No groups yet. Try: supportnet group add "Community chorus" --kind chorus '
        '--meets "every wed 19:00"'
        if not archived
        else "No group is archived.",
    )
