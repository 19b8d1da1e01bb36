"""Where the console script starts: before anything else is loaded."""

from __future__ import annotations


def main() -> None:
    """The console script (and ``python -m supportnet``): ``supportnet.cli.main``, with
    Ctrl-C while Python and Typer are still loading answered on one line as any
    other interruption is, not with a traceback."""
    try:
        from supportnet.cli import main as run

        run()
    except KeyboardInterrupt:
        import sys

        from supportnet.errors import INTERRUPTED

        sys.stderr.write(INTERRUPTED + "\n")
        sys.exit(130)
