"""What the reminders' programs and files go through: finding and running a program,
and placing a scheduler's files.

Every program (``systemctl``, ``crontab``, ``launchctl``, ``schtasks``, the notifiers)
is found on PATH, or only in the folder ``SUPPORTNET_REMIND_TOOLS`` names (how the
tests put stand-ins there, and how anyone can try reminders without touching the
real scheduler), and run through a ``Machine``'s runner.  Every file is written
whole or not at all (``safe_files``); a file already as it should be is not
touched, so installing twice changes nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

TOOLS_ENV = "SUPPORTNET_REMIND_TOOLS"


class Result(NamedTuple):
    """How a program ran: ``found`` False when it is not there at all."""

    found: bool
    code: int | None
    out: str = ""
    err: str = ""

    @property
    def ok(self) -> bool:
        return self.found and self.code == 0

    def reason(self, name: str) -> str:
        """Why it failed, in one line."""
        if not self.found:
            return f"{name} was not found"
        first = next((line.strip() for line in self.err.splitlines() if line.strip()), "")
        return f"{name} said: {first}" if first else f"{name} ended with exit code {self.code}"


def find_tool(name: str) -> str | None:
    """The program ``name`` on PATH, or only in ``SUPPORTNET_REMIND_TOOLS`` when set."""
    folder = os.environ.get(TOOLS_ENV, "")
    return shutil.which(name, path=folder) if folder else shutil.which(name)


def run_tool(name: str, args: list[str], stdin: str | None = None) -> Result:
    path = find_tool(name)
    if path is None:
        return Result(False, None)
    try:
        done = subprocess.run(
            [path, *args], input=stdin, capture_output=True, text=True, timeout=60, errors="replace"
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Result(True, None, "", str(error))
    return Result(True, done.returncode, done.stdout, done.stderr)


Runner = Callable[[str, list[str], "str | None"], Result]


@dataclass
class Machine:
    """Where a user's scheduler files live, and how its programs are run."""

    home: Path
    config_home: Path
    uid: int = 0
    run: Runner = run_tool
    platform: str = sys.platform

    @classmethod
    def current(cls) -> Machine:
        home = Path(os.path.expanduser("~"))
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        config_home = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".config"
        return cls(home, config_home, os.getuid() if hasattr(os, "getuid") else 0)

    @property
    def systemd_folder(self) -> Path:
        return self.config_home / "systemd" / "user"

    @property
    def launchd_folder(self) -> Path:
        return self.home / "Library" / "LaunchAgents"


@dataclass
class Done:
    """What an install or removal did (or would do), in lines for the user."""

    lines: list[str] = field(default_factory=list)
    changed: bool = False
    notes: list[str] = field(default_factory=list)


# --- files --------------------------------------------------------------------------


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def place_files(
    folder: Path, wanted: dict[str, str], ours: list[str], dry_run: bool, done: Done
) -> tuple[list[str], list[str]]:
    """Write the ``wanted`` files that differ, remove our others; (written, removed)."""
    from supportnet import safe_files

    written = [name for name, text in wanted.items() if read_text(folder / name) != text]
    removed = [name for name in ours if name not in wanted and (folder / name).exists()]
    for name, text in wanted.items():
        path = folder / name
        if name not in written:
            done.lines.append(f"{path} is already as it should be.")
        elif dry_run:
            done.lines += [
                f"Would write {path}:",
                *(f"    {line}".rstrip() for line in text.splitlines()),
            ]
        else:
            safe_files.write_file(path, text, if_exists="replace", purpose="for the reminder")
            done.lines.append(f"Wrote {path}.")
    for name in removed:
        path = folder / name
        if dry_run:
            done.lines.append(f"Would remove {path}.")
        else:
            try:
                path.unlink()
            except OSError as error:
                raise safe_files.problem(error, path, "remove") from None
            done.lines.append(f"Removed {path}.")
    done.changed = bool(written or removed)
    return written, removed


def call(
    machine: Machine,
    tool: str,
    args: list[str],
    dry_run: bool,
    done: Done,
    stdin: str | None = None,
) -> Result:
    if dry_run:
        done.lines.append(f"Would run: {' '.join([tool, *args])}")
        return Result(True, 0)
    return machine.run(tool, args, stdin)
