"""Output: tables and text for people, JSON for scripts, one line on stderr for errors.

On a terminal, tables are drawn with box characters and a bold header (``NO_COLOR``
is honoured), and a table longer than the screen goes through the pager.  When the
output is piped, it is plain aligned text.  Either way no
control character is printed raw (a name holding ``ESC[2J`` cannot clear the screen),
and a listing's long text (a note of pages) is shortened to the width with an
ellipsis; ``show``, ``--json`` and exports keep it whole.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from supportnet.text import on_one_line, printable


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON: UTF-8 as is, two-space indent, keys in given order.

    A list, or an iterator of items (written as a list), goes out a piece at a time.
    Where the output is not UTF-8, non-ASCII text is written as \\u escapes, which
    read back the same.
    """
    import json

    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    as_is = encoding == "utf8"
    if not isinstance(data, (list, Iterator)):
        write_out(json.dumps(data, ensure_ascii=not as_is, indent=2, default=str) + "\n")
        return
    # A list (200,000 get-togethers with `history --limit 0`) a piece at a time, the same
    # bytes as json.dumps of it whole (an item's own lines indented two more).
    pieces, size, number = ["[\n  "], 0, -1
    for number, item in enumerate(data):
        text = json.dumps(item, ensure_ascii=not as_is, indent=2, default=str)
        pieces.append(("" if not number else ",\n  ") + text.replace("\n", "\n  "))
        size += len(text)
        if size > 1 << 20:
            write_out("".join(pieces))
            pieces, size = [], 0
    if number < 0:  # nothing at all
        write_out("[]\n")
        return
    write_out("".join(pieces) + "\n]\n")


def line(text: str = "") -> None:
    write_out(printable(text) + "\n")


#: While a screen of several parts is made (``paged``): what it has written so far.
_screen: list[str] | None = None


@contextlib.contextmanager
def paged() -> Iterator[None]:
    """Show all that is written in the block as one screen: on a terminal, through the
    pager when longer than the screen (``_show``), not a table of it alone, halfway."""
    global _screen
    if not is_terminal() or _screen is not None:
        yield
        return
    _screen = []
    try:
        yield
    except BaseException:  # what was drawn before the failure is shown, then the error
        text, _screen = "".join(_screen), None
        write_out(text)
        raise
    pieces, _screen = _screen, None
    _show(pieces, sum(piece.count("\n") for piece in pieces))


def write_out(text: str | bytes) -> None:
    """Write all of ``text`` to standard output, or raise ``BrokenPipeError``.

    A large write to a pipe whose reader leaves (``| head``) or that a signal
    interrupts can be partial, and Python's buffered writer then returns the short
    count without an error: the rest would be lost silently with exit code 0.
    """
    if _screen is not None and isinstance(text, str):
        _screen.append(text)
        return
    if isinstance(text, str):
        text = text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
    sys.stdout.flush()
    out = sys.stdout.buffer
    view = memoryview(text)
    while view:
        view = view[out.write(view) or 0 :]
    out.flush()


def error_line(text: str) -> None:
    """The one line a user mistake gets, on stderr.

    A value it quotes that is far longer than any name or path (five thousand
    digits, a pasted page) is shown by its beginning and end, so the line stays
    one that can be read.
    """
    text = _LONG_WORD.sub(lambda m: f"{m.group()[:60]}…{m.group()[-20:]}", text.rstrip())
    sys.stderr.write(printable(text) + "\n")
    sys.stderr.flush()


def note_line(text: str) -> None:
    """A line on stderr about what happened besides the command's own work (a new
    database, an upgrade), so that standard output stays the command's."""
    sys.stderr.write(printable(text.rstrip()) + "\n")
    sys.stderr.flush()


#: A run of text without a space longer than any name, or any path but the rarest.
_LONG_WORD = re.compile(r"\S{1001,}")


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK, emoji) count 2; marks on the
    character before (accents, a skin tone after an emoji), invisible format
    characters (the joiner inside a family emoji, the right-to-left marks names
    pasted from phones carry) and a Hangul syllable's written-apart vowel and final
    count 0; the emoji variation selector makes a narrow character as wide as an
    emoji (a red heart)."""
    if text.isascii() or max(text) < "\u0300":  # nothing wide or zero before U+0300
        return len(text)
    return sum(_char_width(ch, text[i - 1] if i else "") for i, ch in enumerate(text))


def _char_width(ch: str, before: str) -> int:
    if ch == "\ufe0f":  # the emoji variation selector: ❤️ is as wide as any emoji
        return 1 if before and _char_width(before, "") == 1 else 0
    if "\u1160" <= ch <= "\u11ff" or (
        "\U0001f3fb" <= ch <= "\U0001f3ff" and before and _char_width(before, "") == 2
    ):
        return 0
    kind = unicodedata.category(ch)
    if kind in ("Mn", "Me") or (kind == "Cf" and ch != "\u00ad"):  # (a soft hyphen shows)
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def colour() -> bool:
    """Whether to style text: on a terminal, unless ``NO_COLOR`` is set and not empty
    (no-color.org)."""
    return is_terminal() and not os.environ.get("NO_COLOR")


def _bold(text: str) -> str:
    return f"\x1b[1m{text}\x1b[0m" if colour() else text


#: The widest a cell is in a table piped to another program or a file, unless
#: ``COLUMNS`` says wider (it is 80 when nothing says otherwise: too narrow for `why`).
PIPED_CELL = 200

#: Whether a long table on a terminal goes through the pager (``--no-pager`` turns it off).
pager_wanted = True


def table(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    title: str | None = None,
    empty: str = "Nothing to show.",
) -> None:
    """A table: boxed (bold header) on a terminal, aligned plain text otherwise.

    On a terminal a table longer than the screen goes through the pager (``PAGER``,
    else ``less``), as ``git log`` does; never when piped or with ``--no-pager``.
    ``rows`` is read once and may be a generator: the cells are kept as text, not the
    records they came from (``history --limit 0`` of 200,000 get-togethers).
    """
    # One row is one line: a cell's line breaks (a note of several lines) become " / ",
    # and a cell wider than the screen is shortened with an ellipsis; piped, only a cell
    # longer than ``PIPED_CELL`` (a sentence of `why` is whole, a page-long note is not).
    terminal = is_terminal()
    width = _columns() if terminal else 0
    limit = max(60, width) if terminal else max(PIPED_CELL, _columns())
    head = [_cell(c, limit) for c in columns]
    cells = _Cells(head)
    for row in rows:
        cells.add([_cell(c, limit) for c in row])
    if not cells.count:
        line(empty)
        return
    if terminal:
        titled = [_bold(printable(title))] if title else []
        boxed = _boxed(head, cells, width)
        if boxed is not None:
            _show(with_breaks(itertools.chain(titled, boxed)), len(titled) + cells.count + 4)
        else:  # each row a block of lines, a blank line between them
            count = len(titled) + cells.filled + cells.count - 1
            _show(with_breaks(itertools.chain(titled, _records(head, cells, width))), count)
        return
    if title:
        line(title)
    widths = cells.widths
    aligned = (
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip()
        for row in itertools.chain([head], cells.rows())
    )
    for piece in with_breaks(aligned):
        write_out(piece)


def _cell(value: object, limit: int) -> str:
    """A cell's text on one line, safe to print, at most ``limit`` columns wide."""
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():  # printable text has no control character nor line break
        text = on_one_line(printable(text))
    return _shortened(text, limit)


class _Cells:
    """A table's cells as they come: measured for the columns' widths, and kept as
    text a few thousand cells a string (a cell holds no control character, so the
    unit separator between them is never in one)."""

    def __init__(self, head: list[str]) -> None:
        self.widths = [_width(c) for c in head]  # the widest cell of each column
        self.count = 0  # rows
        self.filled = 0  # cells that are not empty
        self._kept: list[str] = []
        self._pending: list[str] = []

    def add(self, row: list[str]) -> None:
        widths = self.widths
        if len(row) != len(widths):  # a cell for each column, no more, no fewer
            row = (row + [""] * len(widths))[: len(widths)]
        for i, cell in enumerate(row):
            if cell:
                self.filled += 1
                size = _width(cell)
                if size > widths[i]:
                    widths[i] = size
        self.count += 1
        self._pending += row
        if len(self._pending) >= 4096:
            self._kept.append("\x1f".join(self._pending))
            self._pending = []

    def rows(self) -> Iterator[list[str]]:
        step = len(self.widths)
        for chunk in itertools.chain((k.split("\x1f") for k in self._kept), [self._pending]):
            for start in range(0, len(chunk), step):
                yield chunk[start : start + step]


def _boxed(head: list[str], cells: _Cells, width: int) -> Iterator[str] | None:
    """The table drawn with box characters, as Rich draws one (heavy head), fitted to
    ``width`` columns: the widest columns give way first, their cells cut with "…";
    None when even then it is wider (``_records`` shows it then)."""
    widths = list(cells.widths)
    while sum(widths) + 3 * len(widths) + 1 > width and max(widths) > 6:
        widths[widths.index(max(widths))] -= 1
    if sum(widths) + 3 * len(widths) + 1 > width:
        return None

    def cells_of(row: list[str], style: Any = None) -> list[str]:
        out = []
        for cell, w in zip(row, widths):
            size = _width(cell)
            if size > w:
                cell = _shortened(cell, w)
                size = _width(cell)
            padded = cell + " " * (w - size)
            out.append(f" {style(padded) if style else padded} ")
        return out

    def rule(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right

    return itertools.chain(
        [rule("┏", "━", "┳", "┓"), "┃" + "┃".join(cells_of(head, _bold)) + "┃"],
        [rule("┡", "━", "╇", "┩")],
        ("│" + "│".join(cells_of(row)) + "│" for row in cells.rows()),
        [rule("└", "─", "┴", "┘")],
    )


def _records(head: list[str], cells: _Cells, width: int) -> Iterator[str]:
    """A table too wide for the screen (a phone's), read down instead of across: each
    row a block of lines, its column's name (bold) and its value, cut to ``width``
    with "…"; empty values left out, a blank line between rows."""
    sizes = [_width(name) for name in head]
    label = max(sizes)
    room = max(1, width - label - 2)
    names = [_bold(name) + " " * (label - size) for name, size in zip(head, sizes)]
    shown = False
    for row in cells.rows():
        if shown and any(row):
            yield ""
        for name, cell in zip(names, row):
            if cell:
                shown = True
                yield f"{name}  {cell if _width(cell) <= room else _shortened(cell, room)}"


def with_breaks(lines: Iterable[str]) -> Iterator[str]:
    """Lines joined, each with its line break, into pieces of a few thousand lines
    (a write each, and never the whole of a long output at once)."""
    lines = iter(lines)
    batch = list(itertools.islice(lines, 2000))
    while batch:
        yield "\n".join(batch) + "\n"
        batch = list(itertools.islice(lines, 2000))


def _show(pieces: Iterable[str], count: int) -> None:
    """Text of ``count`` lines, in pieces, for a person at a terminal: through the
    pager when longer than the screen."""
    import shutil

    pieces = iter(pieces)
    long = count >= shutil.get_terminal_size().lines
    if _screen is None and pager_wanted and long and _page(pieces):
        return
    for piece in pieces:
        write_out(piece)


def _page(pieces: Iterable[str]) -> bool:
    """Show ``pieces`` of text through ``PAGER`` (else ``less -FRX``); False when there
    is none (and nothing of ``pieces`` was read).

    As git does, a ``PAGER`` set empty or to ``cat`` means no pager at all.
    """
    import shlex
    import shutil
    import subprocess

    chosen = os.environ.get("PAGER")
    if chosen is not None and chosen.strip() in ("", "cat"):
        return False
    try:
        command = shlex.split(chosen or "") or (["less"] if shutil.which("less") else [])
    except ValueError:  # PAGER="less '": not a command line; shown without a pager
        return False
    if not command or not shutil.which(command[0]):
        return False
    sys.stdout.flush()
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}  # as git does
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert pager.stdin is not None
    import signal

    # Ctrl-C belongs to the pager while it runs, the writing to it included (as in
    # git): supportnet exiting then would leave the pager on the terminal, reading
    # the shell's keys.  Set after the pager started, so that it still has its own.
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        previous = None
    encoding = sys.stdout.encoding or "utf-8"
    try:
        try:
            for piece in pieces:
                pager.stdin.write(piece.encode(encoding, errors="replace"))
            pager.stdin.close()
        except BrokenPipeError:  # the pager was left before the end: that is fine
            pass
        pager.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return True


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


def heading(text: str) -> None:
    """A section heading: bold on a terminal, plain otherwise."""
    write_out(_bold(printable(text)) + "\n")


def fields(pairs: Sequence[tuple[str, str]]) -> None:
    """Label: value lines, labels aligned, empty values left out; on a terminal, a
    line longer than the screen is wrapped under its value (piped, it stays whole)."""
    shown = [(label, value) for label, value in pairs if value]
    if not shown:
        return
    width = max(len(label) for label, _ in shown)
    room = _columns() - width - 4 if is_terminal() else 0
    for label, value in shown:
        # A note of several lines keeps its lines under the value, not at the margin.
        lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if room >= 20:
            lines = [part for text in lines for part in _wrapped(text, room)]
        line(f"  {label + ':':<{width + 1}} " + ("\n" + " " * (width + 4)).join(lines))


def _wrapped(text: str, room: int) -> list[str]:
    """``text`` in rows of at most ``room`` columns of a terminal (``_width``: a wide
    character is two), broken at spaces only; a text that fits is left as it is."""
    if _width(text) <= room:
        return [text]
    rows, row = [], ""
    for word in text.split(" "):
        joined = f"{row} {word}" if row else word
        if row and _width(joined) > room:
            rows.append(row)
            row = word
        else:
            row = joined
    return [*rows, row]
