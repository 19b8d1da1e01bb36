"""The command reference (docs/commands.md), generated from the CLI's own help.

    python -m supportnet.cli.reference > docs/commands.md

A test fails when the file is stale, and another when a command or option has
no help text.
"""

from __future__ import annotations

import json
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


def command_table() -> str:
    """The source of ``cli/commands.py``: each command's module and summary."""
    from supportnet.cli import AREAS, app, load_all

    load_all()
    owners: dict[str, str] = {}
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        callback = getattr(command, "callback", None)
        origin = getattr(callback, "__module__", "") or ""
        if not origin.startswith("supportnet.cli."):
            sub = next(iter(getattr(command, "commands", {}).values()), None)
            origin = getattr(getattr(sub, "callback", None), "__module__", "") or ""
        owners[name] = origin.rsplit(".", 1)[-1]
    ordered = sorted(group.commands, key=lambda n: AREAS.index(owners[n]))
    lines = [
        '"""Which module defines each command, and its summary, in `--help` order.',
        "",
        "Generated: python -m supportnet.cli.reference --table > src/supportnet/cli/commands.py",
        "(a test checks it is current). The root command reads it so that `--help` and",
        'every command load only what they need."""',
        "",
        "# fmt: off",
        "COMMANDS: dict[str, tuple[str, str]] = {",
    ]
    for name in ordered:
        summary = (group.commands[name].help or "").split("\n\n")[0].strip()
        summary = " ".join(summary.split())
        entry = ", ".join(json.dumps(text, ensure_ascii=False) for text in (owners[name], summary))
        lines.append(f"    {json.dumps(name)}: ({entry}),")
    lines += ["}", "# fmt: on"]
    return "\n".join(lines) + "\n"


def render() -> str:
    root = _root()
    parts = [HEADER]
    for path, _command in walk(root):
        title = " ".join(("supportnet", *path))
        parts.append(f"\n## `{title}`\n\n```text\n{help_text(path)}```\n")
    return "".join(parts)


if __name__ == "__main__":
    import sys

    sys.stdout.write(command_table() if "--table" in sys.argv else render())
