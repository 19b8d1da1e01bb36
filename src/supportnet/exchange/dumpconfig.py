"""The config file a JSON export carries: put in place beside the user's own, or instead of it.

Every file is written whole or not at all (``supportnet.safe_files``); the import
puts it in place inside its transaction and takes it back if the commit fails.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from supportnet.errors import SupportnetError


@dataclass
class PlacedConfig:
    """What putting an export's config in place did, in words, and how to take it back."""

    message: str | None
    undo: Callable[[], None] = lambda: None


def place_config(
    config_path: Path, text: str | None, *, replace: bool, stamp: dt.datetime
) -> str | None:
    """Put an export's config text in place; say what happened (None: nothing to do).

    A missing config file is written.  An identical one is left alone.  A
    different one is kept and the export's text is written beside it as
    ``config.imported.toml`` — or, with ``replace``, the old one is kept as
    ``config.before-import.<time>.toml`` and the export's takes its place.
    Every file is written whole or not at all (``supportnet.safe_files``), and
    the old config is copied before the new one replaces it, so there is always one.
    """
    return stage_config(config_path, text, replace=replace, stamp=stamp).message


def stage_config(
    config_path: Path, text: str | None, *, replace: bool, stamp: dt.datetime
) -> PlacedConfig:
    """``place_config``, and a way to take it back: every file as it was before.

    Taking it back is as careful as putting it in place: the previous config is
    written back before its copy is removed.  It does its best and never raises
    (the import is failing already; the copy stays if it cannot be restored).
    """
    if text is None:
        return PlacedConfig(None)
    if config_path.exists():
        current = config_path.read_text(encoding="utf-8")
        if current == text:
            return PlacedConfig(None)
        if not replace:
            beside = config_path.with_name("config.imported.toml")
            before = beside.read_text(encoding="utf-8") if beside.is_file() else None
            _write_private(beside, text)
            return PlacedConfig(
                f"Your config file {config_path} was kept; the exported settings are in {beside}.",
                _taking_back(beside, before),
            )
        old = config_path.with_name(f"config.before-import.{stamp:%Y%m%dT%H%M%S}.toml")
        from supportnet import safe_files

        old = safe_files.write_file(old, current, if_exists="new-name")
        try:
            _write_private(config_path, text)
        except BaseException:
            # It may have been replaced before the failure (while the folder was synced):
            # the old text goes back first, and its copy only once it has.
            _taking_back(config_path, current, copy=old)()
            raise
        return PlacedConfig(
            f"The config file was replaced; the previous one is kept in {old}.",
            _taking_back(config_path, current, copy=old),
        )
    _write_private(config_path, text)
    return PlacedConfig(
        f"The config file {config_path} was written from the export.",
        _taking_back(config_path, None),
    )


def _taking_back(path: Path, before: str | None, copy: Path | None = None) -> Callable[[], None]:
    def undo() -> None:
        try:
            if before is None:
                Path(os.path.realpath(path)).unlink(missing_ok=True)
            else:
                _write_private(path, before)
            if copy is not None:
                copy.unlink(missing_ok=True)
        except (OSError, SupportnetError):
            pass

    return undo


def _write_private(path: Path, text: str) -> None:
    """Write a config file whole (mode 0600); a config kept as a link to a file
    elsewhere (dotfiles) stays a link: the file it points to is replaced."""
    from supportnet import safe_files

    safe_files.write_file(Path(os.path.realpath(path)), text, if_exists="replace")
