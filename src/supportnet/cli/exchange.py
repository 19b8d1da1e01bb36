"""Data in and out: import, export, backup, restore-backup."""

from __future__ import annotations

from pathlib import Path

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import confirm, yes_option


def _now():  # -> datetime, local time, for file names
    from supportnet import clock

    return clock.now_utc().astimezone()


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _holds(info) -> str:  # BackupInfo
    people = _count(info.people, "person", "people")
    return f"{people} and {_count(info.gettogethers, 'get-together', 'get-togethers')}"


@app.command()
def backup(
    file: Path | None = typer.Argument(
        None,
        help="Where to write the copy. Default: beside the database, named "
        "supportnet.backup.YYYYMMDDTHHMMSS.db.",
        dir_okay=False,
        show_default=False,
    ),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it already exists."),
) -> None:
    """Make a consistent copy of your whole database.

    Uses SQLite's online backup API, so it is safe while another supportnet
    command writes. The copy is one file, readable only by you (mode 0600).
    Bring it back with `supportnet restore-backup FILE`.

    Examples:

      supportnet backup

      supportnet backup ~/Sync/supportnet-2026-06-10.db
    """
    from supportnet.exchange.backup import default_backup_path, make_backup
    from supportnet.render import line

    db_path = state.db_path()
    target = file.expanduser() if file else default_backup_path(db_path, _now())
    with state.database() as conn:
        info = make_backup(conn, db_path, target, overwrite=force)
    line(f"Backed up {_holds(info)} to {info.path}.")


@app.command("restore-backup", no_args_is_help=True)
def restore_backup(
    file: Path = typer.Argument(..., help="A backup made by `supportnet backup`.", dir_okay=False),
    yes: bool = yes_option(),
) -> None:
    """Replace your database with a backup (the current one is kept as a dated copy).

    The backup is checked first: it must be a sound supportnet database from
    this version or an older one. If anything is wrong with it, nothing
    changes. The current database is kept beside it as
    supportnet.before-restore.YYYYMMDDTHHMMSS.db.

    Examples:

      supportnet restore-backup ~/Sync/supportnet-2026-06-10.db

      supportnet restore-backup supportnet.backup.20260610T090000.db --yes
    """
    from supportnet.exchange.backup import describe_database, inspect_backup, restore_backup
    from supportnet.migrations import all_migrations
    from supportnet.render import line

    db_path = state.db_path()
    file = file.expanduser()
    info = inspect_backup(file, [m.label for m in all_migrations()], db_path)
    current = describe_database(db_path)
    now_holds = f" (now {_holds(current)})" if current else ""
    confirm(f"Replace the database {db_path}{now_holds} with {file} ({_holds(info)})?", yes)
    kept = restore_backup(file, db_path, _now())
    line(f"Restored {_holds(info)} from {file}.")
    if kept:
        line(f"The database as it was before is kept in {kept}.")
