"""Options and small interactions shared by several commands."""

from __future__ import annotations

import sqlite3
from typing import Any

import typer
from typer.core import TyperGroup

from supportnet.errors import Cancelled

NEW_KIND_HELP = "Accept a --kind that is not on the list yet; later entries can use it too."
GETTOGETHER_KIND_HELP = (
    "coffee, meal, call, video, text, walk, visit, group meeting or other, or a kind you "
    "added before. Default: from WHAT (dinner -> meal), else other."
)


class DefaultCommandGroup(TyperGroup):
    """A group whose first sub-command runs when no sub-command is named.

    ``supportnet log coffee --with Maya`` runs ``log add``, while ``supportnet log
    edit 12`` runs ``log edit`` (``supportnet log add edit`` logs an "edit").
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)


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
