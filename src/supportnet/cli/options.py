"""Options and small interactions shared by several commands."""

from __future__ import annotations

import sqlite3
from typing import Any

import typer

from supportnet.errors import Cancelled


def json_option() -> Any:
    return typer.Option(False, "--json", help="Print JSON (fields listed in docs/json.md).")


def yes_option() -> Any:
    return typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")


def confirm(question: str, assume_yes: bool) -> None:
    """Ask a yes/no question; a no (or no way to ask) changes nothing."""
    if assume_yes:
        return
    try:
        agreed = typer.confirm(question, default=False)
    except typer.Abort:
        agreed = False
    if not agreed:
        raise Cancelled("Nothing was changed.")


def complete_person(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for a person's name: reads names straight from SQLite."""
    from supportnet.paths import database_path
    from supportnet.text import fold

    root = ctx.find_root()
    path = database_path(root.params.get("db") if root and root.params else None)
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = [row[0] for row in conn.execute(
                "SELECT name FROM person WHERE archived_on IS NULL ORDER BY name")]  # fmt: skip
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    key = fold(incomplete)
    return [name for name in names if fold(name).startswith(key)]
