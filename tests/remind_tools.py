"""Stand-ins for the programs reminders use, put in the folder supportnet looks in
(``SUPPORTNET_REMIND_TOOLS``, set for every test by conftest): each records the
arguments it got, in ``NAME.log`` beside it (each run ended by a NUL: arguments may
hold line breaks)."""

from __future__ import annotations

import os
import shlex
from pathlib import Path


def tools() -> Path:
    folder = Path(os.environ["SUPPORTNET_REMIND_TOOLS"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stub(name: str, body: str = "exit 0") -> Path:
    """A shell script ``name`` that logs its arguments and then runs ``body``."""
    folder = tools()
    log = shlex.quote(str(folder / f"{name}.log"))
    path = folder / name
    path.write_text(
        "#!/bin/sh\n"
        f'for a in "$@"; do printf "%s " "$a"; done >> {log}; printf "\\000" >> {log}\n'
        f"{body}\n",
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def calls(name: str) -> list[str]:
    """The argument lines ``name`` was run with, in order."""
    log = tools() / f"{name}.log"
    if not log.exists():
        return []
    return [call.rstrip(" ") for call in log.read_text().split("\0")[:-1]]


def systemctl(no_manager: bool = False) -> Path:
    """systemctl: `show` tells of a timer waiting; without a manager (``no_manager``)
    everything that needs one fails as systemd says it."""
    if no_manager:
        return stub("systemctl", 'case "$2" in enable|disable) exit 0;; esac\n'
                    'echo "Failed to connect to bus: No medium found" >&2; exit 1')  # fmt: skip
    return stub(
        "systemctl",
        'if [ "$2" = show ]; then\n'
        "  echo ActiveState=active\n"
        "  echo 'NextElapseUSecRealtime=Thu 2026-06-11 09:00:00 CEST'\n"
        "  echo LastTriggerUSec=n/a\n"
        "fi",
    )


def crontab(initial: str | None = None) -> Path:
    """crontab on a file of its own, ``crontab.txt`` (``initial``: what it holds)."""
    text = tools() / "crontab.txt"
    if initial is not None:
        text.write_text(initial, encoding="utf-8")
    quoted = shlex.quote(str(text))
    return stub(
        "crontab",
        f'if [ "$1" = -l ]; then\n'
        f"  if [ -f {quoted} ]; then cat {quoted}; else echo 'no crontab for ana' >&2; exit 1; fi\n"
        f'elif [ "$1" = - ]; then cat > {quoted}\n'
        "fi",
    )


def crontab_text() -> str:
    return (tools() / "crontab.txt").read_text(encoding="utf-8")
