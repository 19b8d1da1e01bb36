"""Output: tables and text for people, JSON for scripts, one line on stderr for errors.

On a terminal, tables are drawn with Rich (which honours ``NO_COLOR``).  When the
output is piped, it is plain aligned text and Rich is never imported.  Either way no
control character is printed raw (a name holding ``ESC[2J`` cannot clear the screen),
and a listing's long text (a note of pages) is shortened to the width with an
ellipsis; ``show``, ``--json`` and exports keep it whole.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from supportnet.text import printable


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON: UTF-8 as is, two-space indent, keys in given order.

    Where the output is not UTF-8, non-ASCII text is written as \\u escapes, which
    read back the same.
    """
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    as_is = encoding == "utf8"
    sys.stdout.write(json.dumps(data, ensure_ascii=not as_is, indent=2, default=str) + "\n")


def line(text: str = "") -> None:
    sys.stdout.write(printable(text) + "\n")


def error_line(text: str) -> None:
    """The one line a user mistake gets, on stderr."""
    sys.stderr.write(printable(text.rstrip()) + "\n")
    sys.stderr.flush()


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK, emoji) count 2, accents 0."""
    if text.isascii():
        return len(text)
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
        for ch in text
    )


def table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    empty: str = "Nothing to show.",
) -> None:
    """A table: Rich on a terminal, aligned plain text otherwise."""
    if not rows:
        line(empty)
        return
    # One row is one line: a cell's line breaks (a note of several lines) become " / ",
    # and a cell longer than half the width is shortened with an ellipsis.
    limit = max(40, _columns() // 2)
    rows = [[_shortened(_one_line(printable(str(c))), limit) for c in row] for row in rows]
    if is_terminal():
        from rich.console import Console
        from rich.table import Table

        rich_table = Table(title=title, title_justify="left", header_style="bold")
        for column in columns:
            rich_table.add_column(column, overflow="fold")
        for row in rows:
            rich_table.add_row(*[_escape(cell) for cell in row])
        Console().print(rich_table)
        return
    if title:
        line(title)
    widths = [max(_width(str(c)) for c in col) for col in zip(columns, *rows)]
    for row in (columns, *rows):
        cells = [str(c) + " " * (w - _width(str(c))) for c, w in zip(row, widths)]
        line("  ".join(cells).rstrip())


def _columns() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` columns, the last of them an ellipsis."""
    if len(text) * 2 <= limit or _width(text) <= limit:
        return text
    kept, used = [], 0
    for char in text:
        used += _width(char)
        if used > limit - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def _one_line(cell: Any) -> str:
    text = str(cell)
    if "\n" not in text and "\r" not in text:
        return text
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(str(text))


def heading(text: str) -> None:
    """A section heading: bold on a terminal, plain otherwise."""
    if is_terminal():
        from rich.console import Console

        Console().print(f"[bold]{_escape(printable(text))}[/bold]")
    else:
        line(text)


def fields(pairs: Sequence[tuple[str, str]]) -> None:
    """Label: value lines, labels aligned, empty values left out."""
    shown = [(label, value) for label, value in pairs if value]
    if not shown:
        return
    width = max(len(label) for label, _ in shown)
    for label, value in shown:
        # A note of several lines keeps its lines under the value, not at the margin.
        value = str(value).replace("\r\n", "\n").replace("\r", "\n")
        line(f"  {label + ':':<{width + 1}} " + value.replace("\n", "\n" + " " * (width + 4)))
