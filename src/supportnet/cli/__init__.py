"""The command line: one module per area, each registering its commands on the root app.

Modules are imported only when one of their commands runs (see ``SupportnetGroup``);
``cli/commands.py`` maps each command to its module, in the order of `--help`.
"""

from __future__ import annotations

import gc
import importlib

from supportnet.cli.app import AREAS, app

__all__ = ["AREAS", "app", "load_all", "main"]


def load_all() -> None:
    """Import every command module (for the reference docs and their tests)."""
    for area in AREAS:
        importlib.import_module(f"supportnet.cli.{area}")


def main() -> None:
    """Console-script entry point."""
    # What is loaded so far (Python, Typer, the root command) lives until exit: the
    # cycle collector need not walk it again each time the command's own objects set
    # it off (4% of a cold `supportnet nudge`).
    gc.freeze()
    app(prog_name="supportnet")
