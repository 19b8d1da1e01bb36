"""Click's tree of the commands, built once per set of loaded command modules.

Typer builds the tree of every loaded command on each invocation, twice (for
``CliRunner`` and for the lazy root's ``get_command``).  A real run loads one
module and builds that once; a test process soon has every module loaded, and
rebuilding all of them was four fifths of each command's time in the suite.  The
tree is rebuilt whenever another command module has been imported, so lazy
loading still decides which commands exist; Click's commands keep no state
between invocations.  The one command the root builds for each run (``cli/app.py``
``get_command``, from Typer's record of the command) is kept the same way: building
it read every parameter of its function again, a sixth of a command's time.

No pytest here: a fresh process that checks which modules a command loads uses
it too (tests/cli/test_lazy_imports.py).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def one_command_tree(app: Any) -> Iterator[None]:
    """Inside, Typer gives every invocation of ``app`` the same tree of commands."""
    import typer.main
    import typer.testing

    real_get_group, real_get_command = typer.main.get_group, typer.main.get_command
    real_from_info = typer.main.get_command_from_info
    built: dict[str, Any] = {}
    commands: dict[tuple[Any, ...], Any] = {}
    modules = _command_modules()

    def tree() -> Any:
        key = tuple(m for m in modules if m in sys.modules)
        if built.get("key") != key:
            built["building"] = True
            try:
                built["root"] = real_get_command(app)
            finally:
                built["building"] = False
            built["key"] = key
        return built["root"]

    def get_group(typer_instance: Any) -> Any:
        if typer_instance is app and not built.get("building"):
            return tree()
        return real_get_group(typer_instance)

    def get_command(typer_instance: Any) -> Any:
        if typer_instance is app and not built.get("building"):
            return tree()
        return real_get_command(typer_instance)

    def get_command_from_info(command_info: Any, **options: Any) -> Any:
        key = (command_info, *sorted(options.items()))
        if key not in commands:
            commands[key] = real_from_info(command_info, **options)
        return commands[key]

    saved = (
        typer.main.get_group,
        typer.main.get_command,
        typer.testing._get_command,
        typer.main.get_command_from_info,
    )
    typer.main.get_group, typer.main.get_command = get_group, get_command
    typer.testing._get_command = get_command
    typer.main.get_command_from_info = get_command_from_info
    try:
        yield
    finally:
        (
            typer.main.get_group,
            typer.main.get_command,
            typer.testing._get_command,
            typer.main.get_command_from_info,
        ) = saved


def _command_modules() -> tuple[str, ...]:
    """Every module of the ``supportnet.cli`` package, by name, found once: which of
    them are loaded decides the tree (looking through all of ``sys.modules`` at every
    invocation cost more than some commands)."""
    import pkgutil

    import supportnet.cli

    found = pkgutil.walk_packages(supportnet.cli.__path__, "supportnet.cli.")
    return tuple(sorted(info.name for info in found))
