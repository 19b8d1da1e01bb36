"""Where the data lives, and the settings in force."""

from __future__ import annotations

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import json_option


@app.command()
def where(as_json: bool = json_option()) -> None:
    """Show the database file and config file in use, and the safety copies kept.

    Says so when the database is inside a folder that Dropbox, Syncthing, iCloud
    Drive, OneDrive or Nextcloud syncs (a live database there can be damaged).

    Choose another database with --db PATH or the SUPPORTNET_DB variable. Before a
    schema upgrade, an import with --replace or a restore, supportnet keeps a dated
    copy of the database beside it (supportnet.before-*.db); the newest few are
    kept ([backups] keep_safety_copies in the config).

    Example:

      supportnet where
    """
    from supportnet.paths import config_path
    from supportnet.render import emit_json, line
    from supportnet.safety_copies import safety_copies
    from supportnet.synced_folders import synced_folder

    path = state.db_path()
    copies = safety_copies(path) if path.parent.is_dir() else []
    synced = synced_folder(path)
    info = {
        "database": str(path),
        "database_exists": path.exists(),
        "config": str(config_path(path)),
        "config_exists": config_path(path).exists(),
        "safety_copies": [str(copy) for copy in copies],
        "synced_folder": {"service": synced[0], "folder": str(synced[1])} if synced else None,
    }
    if as_json:
        emit_json(info)
        return
    line(f"database: {path}" + ("" if path.exists() else " (created on first use)"))
    line(
        f"config:   {info['config']}" + ("" if info["config_exists"] else " (optional; not there)")
    )
    if copies:
        keep = state.config().section("backups")["keep_safety_copies"]
        line(f"safety copies: {len(copies)} in {path.parent} (the newest {keep} are kept)")
    if synced:
        service, folder = synced
        line(
            f"\nNote: the database is inside a {service} folder ({folder}). A sync service can "
            "copy a database while it is being written and damage it. Keep it outside "
            "(--db or SUPPORTNET_DB), and put copies made with `supportnet backup --to DIR` "
            "in the synced folder instead (docs/sync.md)."
        )


@app.command("config")
def show_config(
    as_json: bool = json_option(),
    defaults: bool = typer.Option(
        False, "--defaults", help="Print the default settings as a config file to start from."
    ),
) -> None:
    """Show the config file and every setting in force.

    The file is TOML, next to the database, and holds only what you change.

    Examples:

      supportnet config

      supportnet config --defaults > my-settings.toml
    """
    from supportnet.config import DEFAULTS, render_toml
    from supportnet.render import emit_json, line

    if defaults:
        line(render_toml(DEFAULTS).rstrip())
        return
    config = state.config()
    if as_json:
        emit_json({"path": str(config.path), "exists": config.exists, "values": config.values})
        return
    status = "" if config.exists else " (not there: the defaults below are in force)"
    line(f"# config file: {config.path}{status}")
    line(render_toml(config.values).rstrip())
