"""Safety copies: a dated copy of the database beside it, made before a big change
(an upgrade, a replacing import, a restore), the oldest pruned by the config."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from pathlib import Path

#: The name of a safety copy (``backup_path_for``; ``-2`` when that name was taken).
_NAME = re.compile(r"\.before-[\w-]+\.\d{8}T\d{6}(-\d+)?(\.[^.]*)?$")


def is_safety_copy(path: Path) -> bool:
    """Whether ``path`` is named as a safety copy is (``backup_path_for``)."""
    return bool(_NAME.search(path.name))


def backup_path_for(path: Path, reason: str) -> Path:
    """``supportnet.db`` -> ``supportnet.before-0002_x.20261121T101500.db`` beside it."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.stem}.{reason}.{stamp}{path.suffix or '.db'}")


def backup_file(conn: sqlite3.Connection, target: Path) -> Path:
    """A safety copy of the open database at ``target`` (or, if that name is taken,
    the next free one: ``…-2.db``); return where it landed.

    Written by ``safe_files.copy_database`` (SQLite's online backup API into a
    private temporary file, renamed into place when complete), so it is
    consistent while another command writes and never left half-made.
    """
    from supportnet.safe_files import copy_database

    return copy_database(conn, target, if_exists="new-name")


def keep_safety_copy(conn: sqlite3.Connection, path: Path, reason: str) -> Path:
    """A dated copy of the database beside it before a big change (``reason``:
    ``before-0002_x``, ``before-import``, ``before-restore``); the oldest ones
    beyond ``[backups] keep_safety_copies`` are removed.  Returns the copy."""
    copy = backup_file(conn, backup_path_for(path, reason))
    prune_safety_copies(path)
    return copy


def safety_copies(path: Path) -> list[Path]:
    """The safety copies beside the database at ``path``, newest first."""
    dated = []
    for found in path.parent.glob(f"{path.stem}.before-*{path.suffix or '.db'}"):
        with contextlib.suppress(FileNotFoundError):  # another command pruned it just now
            dated.append((found.stat().st_mtime, found.name, found))
    return [found for *_, found in sorted(dated, reverse=True)]


def prune_safety_copies(path: Path) -> list[Path]:
    """Remove all but the newest safety copies (how many: the config); return the removed.

    They hold people the user may have removed since, so they are not kept for ever.
    """
    from supportnet.config import DEFAULTS, load_config
    from supportnet.errors import FileProblem
    from supportnet.paths import config_path

    try:
        keep = load_config(config_path(path)).section("backups")["keep_safety_copies"]
    except FileProblem:  # a broken config file is reported by the command itself
        keep = DEFAULTS["backups"]["keep_safety_copies"]
    removed = []
    for old in safety_copies(path)[keep:]:
        for victim in (old, Path(f"{old}-wal"), Path(f"{old}-shm")):
            with contextlib.suppress(FileNotFoundError):
                victim.unlink()
        removed.append(old)
    return removed
