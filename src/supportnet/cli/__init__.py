"""The command line: one module per area, all registering on the root app.

The import order below is the order of commands in `supportnet --help`.
"""

from __future__ import annotations

from supportnet.cli import (  # noqa: F401
    database,
    demo,
    people,
)
from supportnet.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="supportnet")
