"""Data in and out: import, export, backup, restore-backup."""

from __future__ import annotations

from pathlib import Path

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import confirm, json_option, yes_option


def _now():  # -> datetime, local time, for file names
    from supportnet import clock

    return clock.now_utc().astimezone()


def _holds(info) -> str:  # BackupInfo
    from supportnet.text import count_of

    people = count_of(info.people, "person", "people")
    return f"{people} and {count_of(info.gettogethers, 'get-together')}"


@app.command()
def backup(
    file: Path | None = typer.Argument(
        None,
        help="Where to write the copy. Default: beside the database, named after it "
        "(supportnet.backup.YYYYMMDDTHHMMSS.db for supportnet.db).",
        show_default=False,
    ),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it already exists."),
    to: Path | None = typer.Option(
        None, "--to",
        help="Write the copy into this folder (made if missing), named after the database "
        "(supportnet.backup.YYYYMMDDTHHMMSS.db): safe to keep in a synced folder.",
    ),
) -> None:  # fmt: skip
    """Make a consistent copy of your whole database.

    Uses SQLite's online backup API, so it is safe while another supportnet
    command writes. The copy is one self-contained file (no -wal beside it),
    readable only by you (mode 0600), that appears complete or not at all: the
    form to put in Dropbox, Syncthing or iCloud Drive (the database itself
    should never be there). Bring it back with `supportnet restore-backup FILE`.

    Examples:

      supportnet backup

      supportnet backup ~/Sync/supportnet-2026-06-10.db

      supportnet backup --to ~/Dropbox/supportnet-backups
    """
    from supportnet.errors import UsageProblem
    from supportnet.exchange.backup import default_backup_path, make_backup
    from supportnet.render import line

    db_path = state.db_path()
    target = file.expanduser() if file else None
    if to is not None and target is not None:
        raise UsageProblem("Give a FILE or --to FOLDER, not both.")
    new_name = to is not None
    if to is not None:
        target = to.expanduser() / default_backup_path(db_path, _now()).name
    with state.database() as conn:
        info = make_backup(conn, db_path, target, overwrite=force, now=_now(), new_name=new_name)
    line(f"Backed up {_holds(info)} to {info.path}.")


@app.command("restore-backup", no_args_is_help=True)
def restore_backup(
    file: Path = typer.Argument(..., help="A backup made by `supportnet backup`."),
    yes: bool = yes_option(),
) -> None:
    """Replace your database with a backup (the current one is kept as a dated copy).

    The backup is checked first: it must be a sound supportnet database from
    this version or an older one. If anything is wrong with it, nothing
    changes. The current database is kept beside it, named after it
    (supportnet.before-restore.YYYYMMDDTHHMMSS.db for supportnet.db).

    Examples:

      supportnet restore-backup ~/Sync/supportnet-2026-06-10.db

      supportnet restore-backup supportnet.backup.20260610T090000.db --yes
    """
    from supportnet.exchange.backup import (
        describe_database,
        inspect_backup,
        keeps_current,
        restore_backup,
    )
    from supportnet.migrations import all_migrations
    from supportnet.render import line

    db_path = state.db_path()
    file = file.expanduser()
    info = inspect_backup(file, [m.label for m in all_migrations()], db_path)
    current = describe_database(db_path)
    if current:
        now_holds = f" (now {_holds(current)})"
    elif keeps_current(db_path):
        now_holds = " (it cannot be read as a database; it will be kept as it is, beside it)"
    else:
        now_holds = ""
    confirm(f"Replace the database {db_path}{now_holds} with {file} ({_holds(info)})?", yes)
    kept = restore_backup(file, db_path, _now())
    line(f"Restored {_holds(info)} from {file}.")
    if kept:
        line(f"The database as it was before is kept in {kept}.")


@app.command("import", no_args_is_help=True)
def import_(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, help="A vCard file (.vcf) or a JSON export made by `supportnet export` (-: "
        "read it from standard input).",
        show_default=False,
    ),
    vdir: Path | None = typer.Option(
        None, "--vdir",
        help="Read an address-book vdir instead (a folder of .vcf files: khard's, or one "
        "vdirsyncer keeps in step with a phone); edits there come back as updates.",
    ),
    circle: str = typer.Option(
        "acquaintance", "--circle", "-c",
        help="The circle of people added from vCards (their cards can say otherwise "
        "with X-SUPPORTNET-CIRCLE).",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="Show what would happen; write nothing."
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Import nothing if any vCard cannot be read."
    ),
    replace: bool = typer.Option(
        False, "--replace",
        help="JSON only: replace everything in a database that already holds data "
        "(a copy of it is kept beside it).",
    ),
    as_json: bool = json_option(),
) -> None:  # fmt: skip
    """Bring in contacts from a vCard file, or everything from a JSON export.

    vCard 2.1, 3.0 and 4.0 files from phones and address books are read (names,
    nicknames, phones, emails, birthdays, notes, categories as tags). No one is
    added twice and no two people are merged: a card is someone already here
    when it has their email or phone and their names agree, or the same name
    and no other email or phone; it then only fills in what is missing. A JSON
    export is imported into an empty database, exactly as it was. Either way it
    is all or nothing: one transaction.

    Examples:

      supportnet import contacts.vcf --dry-run

      supportnet import contacts.vcf --circle friend

      supportnet --db new.db import supportnet-export.json

      supportnet import --vdir ~/.contacts/supportnet --dry-run

    With --vdir, a card supportnet wrote or read before is matched by its file,
    and what was changed in it since (on a phone, in khard) is taken; a field
    changed on both sides keeps supportnet's version and is named. docs/sync.md.
    """
    from supportnet.errors import UsageProblem
    from supportnet.exchange.importing import apply_import, database_for, prepare_import
    from supportnet.paths import config_path
    from supportnet.render import emit_json
    from supportnet.store.people import check_circle

    source = ctx.get_parameter_source("circle")
    given_circle, circle = source is not None and source.name != "DEFAULT", check_circle(circle)
    if (file is None) == (vdir is None):
        raise UsageProblem("Give a file to import, or --vdir FOLDER (not both).")
    if vdir is not None:
        if replace or strict:
            given = [o for o, on in (("--replace", replace), ("--strict", strict)) if on]
            verb = "are" if len(given) > 1 else "is"
            raise UsageProblem(f"{' and '.join(given)} {verb} for a file; --vdir reads a folder.")
        _import_vdir(vdir, circle, dry_run, as_json)
        return
    assert file is not None
    prepared = prepare_import(file.expanduser(), strict=strict)
    # An option that cannot apply to this kind of file is said, not silently ignored.
    if replace and prepared.kind == "vcard":
        raise UsageProblem(
            "--replace is for JSON exports; a vCard import only adds people and fills in "
            "what is missing."
        )
    if strict and prepared.kind != "vcard":
        raise UsageProblem("--strict is for vCard files; a JSON export is always all or nothing.")
    if given_circle and prepared.kind != "vcard":
        raise UsageProblem(
            "--circle is for vCard files; a JSON export brings everyone in with the circle "
            "they had."
        )
    db_path = state.db_path()
    notes: list[str] = []  # said once the import landed (a refused one removes a new file)
    with database_for(db_path, dry_run=dry_run, notes=notes) as conn:  # a dry run: no file
        result = apply_import(
            conn, prepared, db_path=db_path, config_path=config_path(db_path),
            today=state.today(), now=_now(), circle=circle, dry_run=dry_run, replace=replace,
        )  # fmt: skip
    state.say(notes)
    if as_json:
        emit_json(result.to_json())
        return
    if prepared.kind == "vcard":
        _render_vcard_import(result)
    else:
        _render_dump_import(result)


MAX_DETAIL_LINES = 25


def _import_vdir(folder: Path, circle: str, dry_run: bool, as_json: bool) -> None:
    from supportnet.exchange.importing import database_for
    from supportnet.exchange.vdir_cards import import_address_book
    from supportnet.render import emit_json, error_line, line
    from supportnet.text import count_of

    notes: list[str] = []
    with database_for(state.db_path(), dry_run=dry_run, notes=notes) as conn:
        result = import_address_book(conn, folder, today=state.today(), now=_now(),
                                     circle=circle, dry_run=dry_run)  # fmt: skip
    state.say(notes)
    if as_json:
        emit_json(result.to_json())
        return
    line(f"Read {result.folder}: {count_of(result.files, 'card')}, {result.unchanged} unchanged "
         "since the last sync.")  # fmt: skip
    line(
        f"{result.count('added')} added, {result.count('updated')} updated, "
        f"{result.count('skipped')} skipped."
    )
    details = []
    for c in result.changes:
        if c.action != "skipped" or c.reason not in ("nothing new",):
            who = f"{c.name} (#{c.person_id})" if c.person_id else c.name or c.href
            details.append(f"  {c.action} {who}: {c.reason}")
        card = f"{c.href}, {c.name}" if c.name else c.href  # a card with no name: its file
        details.extend(f"  {card}: {warning}" for warning in c.warnings)
    for text in details[:MAX_DETAIL_LINES]:
        line(text)
    if len(details) > MAX_DETAIL_LINES:
        line(f"  ... and {len(details) - MAX_DETAIL_LINES} more; --json lists every card.")
    for conflict in result.conflicts:
        name, _, what = conflict.rpartition(": ")
        line(f"Changed both here and in the folder: {name}'s {what}; kept supportnet's.")
    for who in result.gone:
        line(
            f"{who}: the card is no longer in the folder; they are still here (the next "
            "export writes it again; to let them go, use `supportnet archive` or `remove`)."
        )
    for problem in result.problems:
        error_line(f"{result.folder}/{problem}")
    if result.dry_run:
        line("Dry run: nothing was written.")


def _render_vcard_import(result) -> None:  # VCardImport
    from supportnet.exchange.merging import NOTHING_NEW
    from supportnet.render import error_line, line
    from supportnet.text import count_of

    read = len(result.outcomes) + len(result.problems)
    nothing_new = sum(1 for o in result.outcomes if o.reason.startswith(NOTHING_NEW))
    because = f" ({nothing_new} already here with nothing new)" if nothing_new else ""
    line(f"Read {count_of(read, 'card')} from {result.file}.")
    line(
        f"{result.count('added')} added, {result.count('updated')} updated, "
        f"{result.count('skipped')} skipped{because}"
        + (f", {len(result.problems)} could not be read" if result.problems else "")
        + "."
    )
    details = []
    for o in result.outcomes:
        card = f"card {o.card.number} (line {o.card.line})"
        if o.reason not in ("new", NOTHING_NEW):
            who = f"{o.person_name} (#{o.person_id})" if o.person_id else o.card.name or card
            details.append(
                f"  {o.action} {who}: {o.reason}" + (f" [{card}]" if who != card else "")
            )
        which = f"{card}, {o.card.name}" if o.card.name else card
        details.extend(f"  {which}: {warning}" for warning in o.card.warnings)
    # A whole address book can update hundreds of cards: the first lines, then a count.
    for text in details[:MAX_DETAIL_LINES]:
        line(text)
    if len(details) > MAX_DETAIL_LINES:
        line(f"  ... and {len(details) - MAX_DETAIL_LINES} more; --json lists every card.")
    for problem in result.problems[:MAX_DETAIL_LINES]:
        error_line(f"{result.file}: {problem.describe()}; this card was left out.")
    if len(result.problems) > MAX_DETAIL_LINES:
        error_line(
            f"{result.file}: {len(result.problems) - MAX_DETAIL_LINES} more cards could not be "
            "read either; --json lists them all."
        )
    if result.dry_run:
        line("Dry run: nothing was written.")


def _render_dump_import(result) -> None:  # DumpImport
    from supportnet.render import line
    from supportnet.text import count_of

    people = result.counts.get("person", 0)
    rows = sum(result.counts.values())
    if result.dry_run:
        line(f"{result.file} is a valid export: {count_of(people, 'person', 'people')}, "
             f"{count_of(rows, 'row')} in all. Dry run: nothing was written.")  # fmt: skip
        if result.replaced:
            from supportnet.exchange.dumpimport import what_is_held

            held = what_is_held(result.replaced)
            line(f"Without --dry-run it would replace everything the database holds now "
                 f"({held}, {count_of(sum(result.replaced.values()), 'row')} in all); a "
                 "copy of it would be kept beside it.")  # fmt: skip
        return
    line(f"Imported {count_of(people, 'person', 'people')} ({count_of(rows, 'row')} in all) "
         f"from {result.file}.")  # fmt: skip
    if result.kept_copy:
        line(f"The database as it was before is kept in {result.kept_copy}.")
    if result.config:
        line(result.config)
        command = state.config().section("remind")["command"]
        if command:  # an export's config can name a program that reminders would run
            line(f"Its [remind] command is {command!r}: reminders hand your digest to that "
                 "program. Check it with `supportnet config` before relying on it.")  # fmt: skip


@app.command(no_args_is_help=True)
def export(
    folder: Path | None = typer.Argument(
        None, help="--format vdir: the folder to keep in step (one .vcf file per person).",
        show_default=False,
    ),
    format: str = typer.Option(..., "--format", "-f", help="vcf, json, csv or vdir."),
    what: str | None = typer.Option(
        None, "--what", "-w", help="CSV only: people, gettogethers or favors."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o",
        help="Write to this file (readable only by you) instead of the screen; - for the screen.",
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
    vcard_version: str = typer.Option(
        "4.0", "--vcard-version", help="--format vdir: 4.0, or 3.0 for older servers.",
    ),
    groups: str = typer.Option(
        "cards", "--groups",
        help="--format vdir: circles and communities as group cards (cards) or as each "
        "card's CATEGORIES (categories).",
    ),
    as_json: bool = json_option(),
) -> None:  # fmt: skip
    """Write your data out: vCard for address books, JSON for everything, CSV for spreadsheets.

    The JSON export holds everything (people, get-togethers, plans,
    communities, favors, life events, goals, resources, snoozes and the
    config) and re-imports exactly with `supportnet import`. Its layout is in
    docs/exchange.md.

    Examples:

      supportnet export --format json -o supportnet-export.json

      supportnet export --format vcf -o contacts.vcf

      supportnet export --format csv --what gettogethers -o gettogethers.csv

      supportnet export --format vdir ~/.contacts/supportnet

    --format vdir keeps a folder of one vCard per person (and per circle and
    community) in step for vdirsyncer, khard and phones: only changed cards are
    written, removed people's cards are removed; docs/sync.md.
    """
    from supportnet import exchange
    from supportnet.errors import UsageProblem
    from supportnet.exchange import files
    from supportnet.text import choose_kind

    if format.strip().lower() in ("vcard", "vcards"):  # what the file holds: vCards
        format = "vcf"
    format = choose_kind(format, [*exchange.EXPORTERS, "vdir"], "format")
    if format == "vdir" or folder is not None:
        if format != "vdir":
            raise UsageProblem(f"A folder is for --format vdir; --format {format} writes "
                               "one file (--output FILE).")  # fmt: skip
        if folder is not None and output is not None:
            raise UsageProblem("Give the folder once: supportnet export --format vdir DIR "
                               "(not also --output).")  # fmt: skip
        _export_vdir(folder or output, what, vcard_version, groups, as_json)
        return
    if as_json:
        raise UsageProblem("--json is for --format vdir (it says what was written).")
    tables = getattr(exchange.get_exporter(format), "WHAT", None)
    if tables and what is None:
        raise UsageProblem(f"Say what to export as {format.upper()}: --what {', '.join(tables)}.")
    if tables:
        what = choose_kind(what, list(tables), f"{format.upper()} table")
    elif what is not None:
        raise UsageProblem("--what is for CSV only; JSON and vCard exports hold everything.")
    db_path = state.db_path()
    target = output.expanduser() if output else None
    with state.database() as conn, files.output(target, db_path, force=force) as out:
        conn.execute("BEGIN")  # one consistent picture, even while another command writes
        try:
            exchange.export(conn, out, format, exchange.ExportRequest(db_path, what))
        finally:
            conn.execute("ROLLBACK")
    if target is not None and str(target) != "-":
        from supportnet.render import line

        line(f"Exported to {target}.")


def _export_vdir(folder: Path | None, what: str | None, version: str, groups: str,
                 as_json: bool) -> None:  # fmt: skip
    from supportnet.errors import InvalidInput, UsageProblem
    from supportnet.exchange.vcard_export import VERSIONS
    from supportnet.exchange.vdir_cards import GROUPINGS, export_address_book
    from supportnet.render import emit_json
    from supportnet.text import choose_kind

    if folder is None or str(folder) == "-":
        raise UsageProblem("Give the folder to write: supportnet export --format vdir DIR.")
    if what is not None:
        raise UsageProblem("--what is for CSV only; a vdir holds everyone.")
    if version not in VERSIONS:
        raise InvalidInput(f"--vcard-version must be 4.0 or 3.0, not {version!r}.")
    groups = choose_kind(groups, list(GROUPINGS), "--groups")
    with state.database() as conn:
        change = export_address_book(conn, folder, version=version, groups=groups,
                                     now=_now(), database=state.db_path())  # fmt: skip
    if as_json:
        emit_json(change.to_json())
        return
    _render_folder_change(change, "card")


def _render_folder_change(change, one: str) -> None:  # vdir.FolderChange
    from supportnet.render import line
    from supportnet.text import count_of

    line(f"{change.folder}: {count_of(change.items, one)}; {len(change.written)} written, "
         f"{change.unchanged} unchanged, {len(change.removed)} removed.")  # fmt: skip
    if change.kept:
        one_file = len(change.kept) == 1
        if one == "event":  # the calendar is not read back: nothing to import it with
            then = ("supportnet does not read the calendar back; to write its own version "
                    f"again, delete {'that file' if one_file else 'those files'} and export "
                    "again")  # fmt: skip
        else:
            then = f"import {'it' if one_file else 'them'} first: supportnet import --vdir "
            then += str(change.folder)
        line(
            f"{count_of(len(change.kept), 'file')} changed in the folder since the last sync "
            f"{'was left as it is' if one_file else 'were left as they are'} ({then}):"
        )
        for href in change.kept[:MAX_DETAIL_LINES]:
            line(f"  {href}")
    if change.several:
        one_file = len(change.several) == 1
        line(
            f"{count_of(len(change.several), 'file')} holding several cards "
            f"{'was left as it is' if one_file else 'were left as they are'} (a vdir holds one "
            "card a file: move it out of the folder and bring it in with `supportnet import "
            "FILE`):"
        )
        for href in change.several[:MAX_DETAIL_LINES]:
            line(f"  {href}")
