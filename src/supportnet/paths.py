"""Where the database and its config file live.

Order: ``--db PATH``, then ``SUPPORTNET_DB``, then the platform's user data
directory (``typer.get_app_dir("supportnet")``: ``~/.config/supportnet`` on Linux,
``~/Library/Application Support/supportnet`` on macOS, ``%APPDATA%\\supportnet`` on
Windows).  The config file sits next to the database.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "SUPPORTNET_DB"
DB_FILENAME = "supportnet.db"
CONFIG_FILENAME = "config.toml"


def database_path(option: Path | str | None = None) -> Path:
    """The database file in use."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from typer import get_app_dir

    folder = Path(get_app_dir("supportnet"))
    if not folder.is_absolute():
        # XDG_CONFIG_HOME set but empty or relative: the XDG spec says to ignore it.
        # Taken as is, the database would be a different file in every folder.
        folder = Path.home() / ".config" / "supportnet"
    return folder / DB_FILENAME


def config_path(db_path: Path) -> Path:
    """The TOML config file that goes with a database: same folder, ``config.toml``."""
    return db_path.parent / CONFIG_FILENAME
