"""The command line: one module per area, each registering its commands on the root app.

Modules are imported only when one of their commands runs (see ``SupportnetGroup``);
``cli/commands.py`` maps each command to its module, in the order of `--help`.
"""

from __future__ import annotations

import importlib

from supportnet.cli.app import AREAS, app

__all__ = ["AREAS", "app", "load_all", "main"]


def load_all() -> None:
    """Import every command module (for the reference docs and their tests)."""
    for area in AREAS:
        importlib.import_module(f"supportnet.cli.{area}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="supportnet")
