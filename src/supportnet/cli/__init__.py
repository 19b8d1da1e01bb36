"""The command line: one module per area, all registering on the root app.

The import order below is the order of commands in `supportnet --help`.
"""

# isort: skip_file
from __future__ import annotations

from supportnet.cli import people  # noqa: F401  (each import registers its commands)
from supportnet.cli import gettogethers, plans, groups, calendar  # noqa: F401
from supportnet.cli import database  # noqa: F401
from supportnet.cli import demo  # noqa: F401
from supportnet.cli import exchange  # noqa: F401
from supportnet.cli import support  # noqa: F401
from supportnet.cli import nudge  # noqa: F401
from supportnet.cli import progress  # noqa: F401
from supportnet.cli import helpnow  # noqa: F401
from supportnet.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="supportnet")
