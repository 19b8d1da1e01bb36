"""Writing a few lines in the user's own editor ($VISUAL, $EDITOR), through a private
temporary file beside the database (its folder is 0700, the file 0600), removed after.

Nothing is kept when the editor fails or the text comes back empty: the caller
keeps what was there.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from supportnet.errors import FileProblem


def edit_text(text: str, folder: Path) -> str | None:
    """Open ``text`` in the editor; the text saved, or None when the editor was left
    without saving.  ``FileProblem`` when no editor could be run."""
    import sys

    import click

    from supportnet.safe_files import make_folders

    if not (os.environ.get("VISUAL") or os.environ.get("EDITOR")) and not (
        sys.stdin.isatty() and sys.stdout.isatty()
    ):
        # click would fall back to vi, which cannot work without a terminal
        raise FileProblem(
            "There is no terminal here to open an editor in; nothing was changed. "
            "Give the lines with --line, or set EDITOR."
        )
    make_folders(folder)
    fd, name = tempfile.mkstemp(prefix=".help-now.", suffix=".txt", dir=folder)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        before = path.stat().st_mtime_ns
        try:
            click.edit(filename=str(path))
        except click.ClickException as error:
            if error.format_message().endswith(": Editing failed"):
                # It ran and ended with an error: left on purpose (vim's :cq), not missing.
                from supportnet.errors import Cancelled

                raise Cancelled(
                    "The editor ended with an error (as when it is left without saving); "
                    "nothing was changed."
                ) from None
            raise FileProblem(
                f"Could not run your editor ({error.format_message()}); nothing was changed. "
                "Set EDITOR, or give the lines with --line."
            ) from None
        if path.stat().st_mtime_ns == before:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        with contextlib.suppress(OSError):
            os.remove(path)


def editable(rows: list[str]) -> str:
    """Entries as lines to edit: one that starts with '#' (given with --line, "#1
    reason: my daughter") is written '\\#...', so that it is not taken for a comment
    and dropped when the file comes back (``lines_of``)."""
    return "".join(f"\\{row}\n" if row.lstrip().startswith(("#", "\\#")) else f"{row}\n"
                   for row in rows)  # fmt: skip


def lines_of(text: str) -> list[str]:
    """The entries of an edited text: one a line, '#' comment lines and blanks left out,
    and a line written '\\#...' (``editable``) kept as '#...'."""
    return [
        row[1:] if row.startswith("\\") and row[1:].lstrip().startswith(("#", "\\#")) else row
        for row in text.splitlines()
        if row.strip() and not row.lstrip().startswith("#")
    ]
