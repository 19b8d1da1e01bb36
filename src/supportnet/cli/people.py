"""People: add, people, show, edit, rename, archive, restore, remove."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import (
    PERSON_HELP,
    complete_archived_person,
    confirm,
    json_option,
    person_argument,
    yes_option,
)
from supportnet.dates import long_date


@app.command(no_args_is_help=True)
def add(
    name: str = typer.Argument(..., help="The person's name (any script, quotes and emoji work)."),
    circle: str = typer.Option(
        "friend",
        "--circle",
        "-c",
        help="inner, close, friend, acquaintance, prospect (someone you'd like to know "
        "better) or professional.",
    ),
    cadence: str | None = typer.Option(
        None,
        "--cadence",
        help="How often you hope to be in touch: weekly, every 2 weeks, 2w, monthly, "
        "every 3 months, 10d. Default: from the circle.",
    ),
    birthday: str | None = typer.Option(
        None, "--birthday", "-b", help="1990-03-14, 03-14 or March 14 (year optional)."
    ),
    tags: list[str] = typer.Option([], "--tag", "-t", help="A tag (repeat for more)."),
    met: str | None = typer.Option(None, "--met", help="How you met."),
    phones: list[str] = typer.Option([], "--phone", help="A phone number (repeatable)."),
    emails: list[str] = typer.Option([], "--email", help="An email address (repeatable)."),
    nicknames: list[str] = typer.Option(
        [], "--nickname", "-n", help="Another name you call them (repeatable)."
    ),
    note: str | None = typer.Option(None, "--note", help="A note about them."),
    force: bool = typer.Option(
        False,
        "--force",
        help="Add even if someone already goes by that name or a nickname given.",
    ),
) -> None:
    """Add a person to your network.

    Examples:

      supportnet add "Maya Lopez" --circle close --cadence "every 2 weeks"

      supportnet add Sam --birthday "March 14" --tag climbing --met "work, 2019"
    """
    from supportnet.dates import parse_yearly_date
    from supportnet.models import validate
    from supportnet.models.person import PersonCreate
    from supportnet.render import line
    from supportnet.spans import parse_days
    from supportnet.writes import people as writes

    new = validate(PersonCreate, {
        "name": name,
        "circle": circle,
        "cadence_days": parse_days(cadence) if cadence else None,
        "birthday": parse_yearly_date(birthday, state.today()) if birthday else None,
        "how_met": met,
        "note": note,
        "tags": tags,
        "nicknames": nicknames,
        "phones": phones,
        "emails": emails,
    })  # fmt: skip
    with state.writing() as session:
        pid = writes.add_person(session, new, state.today(), force=force)
    line(f"Added {new.name} (#{pid}).")


@app.command("people")
def list_people(
    circle: str | None = typer.Option(None, "--circle", "-c", help="Only this circle."),
    tag: str | None = typer.Option(None, "--tag", "-t", help="Only people with this tag."),
    archived: bool = typer.Option(False, "--archived", help="Only archived people."),
    everyone: bool = typer.Option(False, "--all", help="Active and archived people."),
    sort: str = typer.Option(
        "name", "--sort", "-s", help="name, last-contact (longest ago first), circle or added."
    ),
    as_json: bool = json_option(),
) -> None:
    """List the people in your network.

    Examples:

      supportnet people --circle close --sort last-contact

      supportnet people --tag climbing --json
    """
    from supportnet.dates import describe_ago
    from supportnet.render import emit_json, table
    from supportnet.spans import describe_days
    from supportnet.store import people
    from supportnet.text import choose_kind

    if archived and everyone:
        from supportnet.errors import UsageProblem

        raise UsageProblem("Choose --archived or --all, not both.")
    sort = choose_kind(sort, list(people.SORT_CHOICES), "sort order")
    which = "all" if everyone else "only" if archived else "no"
    today = state.today()
    config = state.config()
    with state.database() as conn:
        rows = people.list_people(
            conn, circle=circle, tag=tag, archived=which, sort=sort,
            cadence_defaults=config.cadence_days, as_of=today,
        )  # fmt: skip
    if as_json:
        emit_json([r.to_json() for r in rows])
        return

    def seen(r: people.PersonRow) -> str:
        if r.last_contact is None:
            return "not yet"
        how = " (in person)" if r.last_in_person == r.last_contact else " (online)"
        return describe_ago(r.last_contact, today) + how

    table(
        ["id", "name", "circle", "hoped for", "last seen", "tags"],
        [
            [
                f"#{r.id}",
                r.name + (" (archived)" if r.archived_on else ""),
                r.circle,
                describe_days(r.cadence_days),
                seen(r),
                ", ".join(r.tags),
            ]
            for r in rows
        ],
        empty=_empty_listing(circle, tag, which),
    )


def _empty_listing(circle: str | None, tag: str | None, which: str) -> str:
    """What an empty `people` says: nobody yet, or nobody matching the filters."""
    from supportnet.store.people import check_circle
    from supportnet.text import clean_tag, join_words

    narrowed = []
    if circle:
        narrowed.append(f"in the {check_circle(circle)} circle")
    if tag:
        narrowed.append(f"with the tag {clean_tag(tag)!r}")
    if which == "only":
        return f"No one {join_words(narrowed)} is archived." if narrowed else "No one is archived."
    if narrowed:
        return f"No one {join_words(narrowed)}. `supportnet people` lists everyone."
    return 'No one here yet. Add someone: supportnet add "Name" --circle friend'


@app.command(no_args_is_help=True)
def show(person: str = person_argument(), as_json: bool = json_option()) -> None:
    """Show one person's profile.

    Examples:

      supportnet show Maya

      supportnet show "#12" --json
    """
    from supportnet.cli.gettogethers import SHOWN
    from supportnet.profile import build_profile
    from supportnet.render import emit_json
    from supportnet.store.people import resolve_person

    today = state.today()
    config = state.config()
    with state.database() as conn:
        # The screen names the first few people they know; --json names them all.
        profile = build_profile(conn, resolve_person(conn, person), today, config.cadence_days,
                                windows=config.section("windows"),
                                known=None if as_json else SHOWN)  # fmt: skip
    if as_json:
        emit_json(profile)
        return
    from supportnet.render import paged

    with paged():  # a long history of events: one screen through the pager
        _render_profile(profile, today)


def _render_profile(profile: dict[str, Any], today: Any) -> None:
    import datetime as dt

    from supportnet.cli.gettogethers import person_section_fields, render_recent
    from supportnet.cli.support import profile_fields
    from supportnet.dates import YearlyDate, describe_until
    from supportnet.render import fields, heading

    p = profile["person"]
    title = f"{p['name']} (#{p['id']})"
    if p["archived_on"]:
        title += f", archived on {p['archived_on']}"
    heading(title)
    birthday = ""
    if p["birthday"]:
        b = YearlyDate(**p["birthday"])
        nb = profile["next_birthday"]
        birthday = b.describe()
        when = describe_until(dt.date.fromisoformat(nb["date"]), today)  # tomorrow, in 3 days
        turns = f", turning {nb['turns']}" if nb["turns"] is not None else ""
        birthday += f" (next: {when}{turns})"
    fields(
        [
            ("circle", p["circle"]),
            ("hoped for", p["cadence"] + ("" if p["cadence_is_own"] else " (from the circle)")),
            ("also called", ", ".join(p["nicknames"])),
            ("birthday", birthday),
            ("tags", ", ".join(p["tags"])),
            ("phone", ", ".join(p["phones"])),
            ("email", ", ".join(p["emails"])),
            ("how you met", p["how_met"] or ""),
            ("note", p["note"] or ""),
            ("in a hard moment", _hard_moment(profile)),
            ("added", long_date(dt.date.fromisoformat(p["added_on"]))),
            *profile_fields(profile, today),
            *person_section_fields(profile, today),
        ]
    )
    render_recent(profile)


def _hard_moment(profile: dict[str, Any]) -> str:
    return _role_words(profile.get("safety_roles", []))


def _role_words(roles: list[str]) -> str:
    """A person's places in the safety plan, in its order: 'takes your mind off
    things; someone you can ask for help'."""
    from supportnet.store.resources import ROLE_WORDS

    return "; ".join(ROLE_WORDS[role] for role in roles)


@app.command(no_args_is_help=True)
def edit(
    person: str = person_argument(),
    circle: str | None = typer.Option(None, "--circle", "-c", help="Move to this circle."),
    cadence: str | None = typer.Option(
        None, "--cadence", help="New hoped-for cadence (weekly, 2w, ...), or 'default'."
    ),
    birthday: str | None = typer.Option(
        None, "--birthday", "-b", help="New birthday (1990-03-14, March 14), or 'none'."
    ),
    tags: list[str] = typer.Option([], "--tag", "-t", help="Add a tag (repeatable)."),
    untags: list[str] = typer.Option([], "--untag", help="Remove a tag (repeatable)."),
    nicknames: list[str] = typer.Option([], "--nickname", "-n", help="Add a nickname."),
    drop_nicknames: list[str] = typer.Option([], "--drop-nickname", help="Remove a nickname."),
    phones: list[str] = typer.Option([], "--phone", help="Add a phone number."),
    drop_phones: list[str] = typer.Option([], "--drop-phone", help="Remove a phone number."),
    emails: list[str] = typer.Option([], "--email", help="Add an email address."),
    drop_emails: list[str] = typer.Option([], "--drop-email", help="Remove an email address."),
    met: str | None = typer.Option(None, "--met", help="How you met ('' to clear)."),
    note: str | None = typer.Option(None, "--note", help="Replace the note ('' to clear)."),
    force: bool = typer.Option(
        False, "--force", help="Allow a nickname that is already what someone else is called."
    ),
) -> None:
    """Change what is recorded about a person.

    Examples:

      supportnet edit Maya --circle inner --cadence weekly

      supportnet edit Sam --tag choir --untag work --birthday none
    """
    from supportnet.dates import parse_yearly_date
    from supportnet.db import connection_of
    from supportnet.errors import UsageProblem
    from supportnet.models import validate
    from supportnet.models.person import PersonUpdate
    from supportnet.render import line
    from supportnet.spans import parse_days
    from supportnet.store import people
    from supportnet.text import join_words
    from supportnet.writes import people as writes

    given = {"circle": circle, "how_met": met, "note": note}
    changes: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    lists = {
        "add_tags": tags, "remove_tags": untags, "add_nicknames": nicknames,
        "remove_nicknames": drop_nicknames, "add_phones": phones, "remove_phones": drop_phones,
        "add_emails": emails, "remove_emails": drop_emails,
    }  # fmt: skip
    changes.update((key, values) for key, values in lists.items() if values)
    if cadence is not None:
        default = cadence.strip().lower() in ("default", "circle", "none")
        changes["cadence_days"] = None if default else parse_days(cadence)
    if birthday is not None:
        unknown = birthday.strip().lower() in ("none", "unknown", "")
        changes["birthday"] = None if unknown else parse_yearly_date(birthday, state.today())
    if not changes:
        raise UsageProblem("Nothing to change: give at least one option (see --help).")
    update = validate(PersonUpdate, changes)
    with state.writing() as session:
        pid = people.resolve_person(connection_of(session), person)
        before = people.get_person(connection_of(session), pid)
        missing = writes.update_person(session, pid, update, force=force)
        after = people.get_person(connection_of(session), pid)
    from supportnet.profile import changes

    name, had_no = after.name, join_words(missing, "or")
    if after == before:
        line(f"{name} (#{pid}) has no {had_no}; nothing changed." if missing
             else f"Nothing changed: {name} (#{pid}) already has that.")  # fmt: skip
        return
    changed = changes(before, after)
    said = f"Updated {name} (#{pid})" + (f": {'; '.join(changed)}" if changed else "")
    line(f"{said}; they had no {had_no}." if missing else f"{said}.")


@app.command(no_args_is_help=True)
def rename(
    person: str = person_argument(),
    new_name: str = typer.Argument(..., help="The new name."),
    force: bool = typer.Option(
        False, "--force", help="Allow a name that is already what someone else is called."
    ),
) -> None:
    """Give a person a new name (their history stays with them).

    Example:

      supportnet rename "Maya" "Maya Lopez-Garcia"
    """
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.person import PersonUpdate
    from supportnet.render import line
    from supportnet.store import people
    from supportnet.writes import people as writes

    update = validate(PersonUpdate, {"name": new_name})
    with state.writing() as session:
        conn = connection_of(session)
        pid = people.resolve_person(conn, person)
        old = people.get_person(conn, pid).name
        if old == update.name:
            line(f"{old} (#{pid}) is already called that; nothing changed.")
            return
        writes.update_person(session, pid, update, force=force)
    line(f"Renamed {old} to {update.name} (#{pid}).")


@app.command(no_args_is_help=True)
def archive(person: str = person_argument()) -> None:
    """Archive a person: kept with their history, left out of lists and nudges.

    Plans only with them (or with people archived already) are paused, and
    `restore` resumes them; plans with others go on without them.

    Example:

      supportnet archive "Old Colleague"
    """
    _set_archived(person, archive=True)


@app.command(no_args_is_help=True)
def restore(
    person: str = typer.Argument(
        ...,
        help=f"{PERSON_HELP} Archived people are looked among first. Or a backup file "
        "made by `supportnet backup`.",
        autocompletion=complete_archived_person,
    ),
    yes: bool = yes_option(),
) -> None:
    """Bring an archived person back into lists and nudges (or restore a backup file).

    Given the path of a backup made by `supportnet backup`, it does what
    `supportnet restore-backup FILE` does: checks the file, keeps the current
    database as a dated copy, and puts the backup in its place (asks first).

    Examples:

      supportnet restore "Old Colleague"

      supportnet restore ~/Sync/supportnet.backup.20260610T090000.db
    """
    from pathlib import Path

    from supportnet.errors import FileProblem, NotFound

    candidate = Path(person).expanduser()
    if candidate.is_file() and _is_sqlite_file(candidate):
        from supportnet.cli.exchange import restore_backup

        restore_backup(candidate, yes)
        return
    try:
        _set_archived(person, archive=False)
    except NotFound:
        # No one by that name, and it reads like a path: the file is what went wrong.
        if not _looks_like_path(person):
            raise
        if not candidate.exists():
            raise FileProblem(f"There is no file {candidate}.") from None
        if candidate.is_dir():
            raise FileProblem(f"{candidate} is a folder, not a backup file.") from None
        raise FileProblem(
            f"{candidate} is not a supportnet backup (it is not an SQLite file); "
            "nothing was changed."
        ) from None


def _looks_like_path(text: str) -> bool:
    import os

    return (
        "/" in text
        or os.sep in text
        or text.startswith("~")
        or text.lower().endswith((".db", ".sqlite", ".sqlite3", ".bak"))
    )


def _is_sqlite_file(path: Any) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _set_archived(ref: str, *, archive: bool) -> None:
    from supportnet.db import connection_of
    from supportnet.render import line
    from supportnet.store import people
    from supportnet.text import join_words, plural
    from supportnet.writes import people as writes

    with state.writing() as session:
        conn = connection_of(session)
        pid = people.resolve_person(conn, ref, archived_first=not archive)
        person = people.get_person(conn, pid)
        if archive and person.archived_on:
            line(f"{person.label} was already archived on {person.archived_on}.")
            return
        if not archive and not person.archived_on:
            line(f"{person.label} is not archived.")
            return
        done = writes.set_archived(session, pid, state.today(), archive=archive)

    def labels(plans: list[Any]) -> str:
        return join_words([plan.label for plan in plans])

    if archive:
        line(f"Archived {person.label}. `supportnet restore` brings them back.")
        if done.paused:
            alone = all(len(plan.people) == 1 for plan in done.paused)
            only = "only with them" if alone else "with no one left who is not archived"
            line(f"Paused {labels(done.paused)}, {only}: "
                 f"restoring them resumes {plural(len(done.paused), 'it', 'them')}.")  # fmt: skip
        if done.shared:
            line(f"The {plural(len(done.shared), 'plan')} {labels(done.shared)} "
                 f"{plural(len(done.shared), 'goes', 'go')} on without them.")  # fmt: skip
    else:
        line(f"Welcome back, {person.name}: restored {person.label}.")
        if done.resumed:
            line(f"Resumed {labels(done.resumed)}, paused when they were archived.")


@app.command(no_args_is_help=True)
def remove(person: str = person_argument(), yes: bool = yes_option()) -> None:
    """Remove a person and what only concerned them (asks first).

    Get-togethers and favors shared with other people stay, without this person,
    and so do the meetings of your groups they were at. To keep their history
    instead, use `supportnet archive`.

    Example:

      supportnet remove "Old Colleague" --yes
    """
    from supportnet.db import write_session
    from supportnet.render import line
    from supportnet.store import people
    from supportnet.text import count_of, join_words, plural

    with state.database() as conn:
        pid = people.resolve_person(conn, person)
        target = people.get_person(conn, pid)
        impact = people.removal_impact(conn, pid)
        details = []
        if impact.gettogethers_only_with_them:
            details.append(count_of(impact.gettogethers_only_with_them, "get-together")
                           + " only with them")  # fmt: skip
        if impact.favors_only_with_them:
            details.append(count_of(impact.favors_only_with_them, "favor") + " only with them")
        if impact.plans_only_with_them:
            details.append(count_of(impact.plans_only_with_them, "plan") + " only with them")
        if impact.life_events:
            details.append(count_of(impact.life_events, "life event"))
        also = f" This also removes {join_words(details)}." if details else ""
        from supportnet.store.resources import roles_of_person

        roles = roles_of_person(conn, pid)
        if roles:
            also += f" They are taken out of your safety plan too ({_role_words(roles)})."
        shared, meetings = impact.gettogethers_shared, impact.group_meetings
        kept = (
            f" {count_of(shared, 'shared get-together')} {plural(shared, 'stays', 'stay')} "
            "with the others."
            if shared
            else ""
        )
        if meetings:
            kept += (f" {count_of(meetings, 'group meeting')} they were at "
                     f"{plural(meetings, 'stays', 'stay')}.")  # fmt: skip
        confirm(f"Remove {target.label}?{also}{kept}", yes)
        from supportnet.writes import people as writes

        with write_session(conn) as session:
            writes.remove_person(session, pid)
    # With --yes the question was not shown: what went with them is said all the same.
    gone = f", with {join_words(details)}" if details else ""
    line(f"Removed {target.label}{gone}.")


@app.command(no_args_is_help=True)
def merge(
    keep: str = typer.Argument(
        ..., help=f"The person to keep. {PERSON_HELP}", autocompletion=complete_archived_person
    ),
    other: str = typer.Argument(
        ...,
        help="The one who is the same person: folded into KEEP, then removed.",
        autocompletion=complete_archived_person,
    ),
    yes: bool = yes_option(),
) -> None:
    """Merge two people who are one: OTHER's history moves to KEEP (asks first).

    Get-togethers, favors, life events, plans, groups, who they know and their
    place in your safety plan move to KEEP (a get-together both were at is kept
    once); OTHER's name becomes a nickname, and their nicknames, tags, phones and
    emails are added. KEEP's own birthday, note, how you met and cadence win;
    what KEEP lacks is taken from OTHER, and both notes are kept. Nothing is lost.

    Examples:

      supportnet merge "Sam Carter" "Sam Carter-Jones"

      supportnet merge "#2" "#30" --yes
    """
    from supportnet.db import write_session
    from supportnet.errors import UsageProblem
    from supportnet.render import line
    from supportnet.store.merge import merge_impact
    from supportnet.store.people import resolve_person
    from supportnet.writes.merge import merge_people

    with state.database() as conn:
        keep_id, other_id = resolve_person(conn, keep), resolve_person(conn, other)
        impact = merge_impact(conn, keep_id, other_id)
        if keep_id == other_id:
            raise UsageProblem(f"{impact.keep.label} was named twice: give two different "
                               "people to merge.")  # fmt: skip
        confirm(impact.question(), yes)
        with write_session(conn) as session:
            merge_people(session, keep_id, other_id)
    line(f"Merged {impact.other.label} into {impact.keep.label}.")
