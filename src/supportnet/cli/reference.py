"""The command reference (docs/commands.md), generated from the CLI's own help.

    python -m supportnet.cli.reference > docs/commands.md

A test fails when the file is stale, and another when a command or option has
no help text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

HEADER = """# Command reference

Generated from `supportnet --help` by `python -m supportnet.cli.reference > docs/commands.md`;
do not edit by hand (a test checks it is current).
"""


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command below ``command`` (itself first), depth first, in help order."""
    yield path, command
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command, info_name=" ".join(("supportnet", *path)))
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                yield from walk(sub, (*path, name))


def help_text(path: tuple[str, ...]) -> str:
    """Exactly what ``supportnet PATH --help`` prints, at a fixed width."""
    from typer.testing import CliRunner

    from supportnet.cli import app

    result = CliRunner().invoke(
        app, [*path, "--help"], prog_name="supportnet", env={"COLUMNS": "88", "NO_COLOR": "1"}
    )
    return result.stdout.rstrip() + "\n"


def _root() -> Any:
    from supportnet.cli import app

    return typer.main.get_command(app)


def render() -> str:
    root = _root()
    parts = [HEADER]
    for path, _command in walk(root):
        title = " ".join(("supportnet", *path))
        parts.append(f"\n## `{title}`\n\n```text\n{help_text(path)}```\n")
    return "".join(parts)


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
