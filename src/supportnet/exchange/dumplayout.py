"""The JSON export's own layout, read back a few thousand rows at a time.

``write_dump`` lays an export out in a fixed way: the top level one key a line, then
each table as a line with its name, a line with its columns and one line per row::

    {
      "format": "supportnet-export",
      ...
      "sequences": {"person": 12},
      "tables": {
        "person": {
          "columns": ["id", "name", ...],
          "rows": [
            [1, "Maya López", ...],
            [2, "Sam Carter", ...]
          ]
        },
        "person_tag": {
          "columns": ["person_id", "tag"],
          "rows": []
        }
      }
    }

A file in that layout is imported while it is read: the rows of a table are handed
on in batches (the batch's lines between ``[`` and ``]``, as bytes, which pydantic
parses and checks in one go), so memory stays flat however large the export.  The
reader needs no JSON parser of its own: it only recognises the lines of the layout,
and every piece of JSON it hands on is parsed by a real one.  Anything else — a file
reformatted by an editor or ``jq``, written on one line, with keys in another
order, a table twice, or JSON that is broken somewhere — raises ``NotInLayout``, and
the import reads the file whole instead (``json.loads``, with exactly the same
checks), as it always did.

Between those two readings nothing may differ but memory, and the tests prove it;
in particular the problem a refused file is refused for is the same.  ``rest_problem``
serves that: when a file in the layout is refused for one of its rows, the rest of
it is read too (parsed, not checked), because a file that is not valid JSON further
down, or names an unknown table, has always been refused for that instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from supportnet.errors import FileProblem

#: About this many bytes of rows are handed on at once (some 3,000 rows).
BATCH_BYTES = 1 << 18
#: The file is read this much at a time.
CHUNK = 1 << 18
#: The top level before "tables" is a handful of lines; more is not an export's.
HEAD_LINES = 1000

_TABLE = re.compile(rb'    ("(?:[^"\\]|\\.)*"): \{')
_COLUMNS = re.compile(rb"      \"columns\": (.*),")
_CLOSE = b"\n      ]"  # a table's rows end at a line of exactly "      ]"


class NotInLayout(Exception):
    """Not laid out as ``export`` writes it: read the file whole instead."""


def loads(text: str | bytes, what: str) -> Any:
    """``json.loads`` with the import's words for what Python's parser stops at.

    ``FileProblem`` for NaN and Infinity (not JSON, though Python reads them) and for
    integers beyond Python's digit limit; ``json.JSONDecodeError`` and
    ``RecursionError`` are left to the caller, who knows where the text came from.
    """
    import sys

    def no_constant(name: str) -> None:
        raise FileProblem(
            f"{what} holds {name}, which is not a number JSON allows; nothing was imported."
        )

    try:
        return json.loads(text, parse_constant=no_constant)
    except (json.JSONDecodeError, RecursionError):
        raise
    except ValueError:  # the one other: an integer beyond what Python converts
        raise FileProblem(
            f"{what} holds a number of more than {sys.get_int_max_str_digits()} digits, "
            "which no supportnet export has; nothing was imported."
        ) from None


class LayoutReader:
    """An export being read in its own layout, line by line (see the module notes).

    ``head()`` first, then ``next_table()`` and ``batches()`` for each table in turn,
    until ``next_table()`` returns None (the end of the file, checked).
    """

    def __init__(self, handle: BinaryIO, what: str) -> None:
        self.handle = handle
        self.what = what
        #: The database's tables in order, once known: the tables of the file must come
        #: in that order, each once (json.loads would keep the last of two; the import
        #: goes by the database's order).  Otherwise: the whole-file reading.
        self.order: list[str] | None = None
        self._last = -1
        self._more_tables = False  # a table ended with "}," : another one follows
        self._in_rows = False  # between a table's "rows": [ and its ]
        self._buf = b""
        self._pos = 0
        self._eof = False

    # --- bytes and lines -----------------------------------------------------------

    def _fill(self) -> None:
        """Read on: the unread part of the buffer, then the next piece of the file."""
        data = self.handle.read(CHUNK)
        self._buf = self._buf[self._pos :] + data
        self._pos = 0
        self._eof = not data

    def _line(self) -> bytes:
        """The next line, without its end (LF or CR LF)."""
        while True:
            end = self._buf.find(b"\n", self._pos)
            if end >= 0:
                line = self._buf[self._pos : end]
                self._pos = end + 1
                break
            if self._eof:
                if self._pos == len(self._buf):
                    raise NotInLayout  # the file ended before the layout did
                line = self._buf[self._pos :]
                self._pos = len(self._buf)
                break
            self._fill()
        line = line.removesuffix(b"\r")
        if b"\x00" in line:
            raise NotInLayout  # never JSON; the whole-file reading says what it is
        return line

    def _at_end(self) -> bool:
        if self._pos == len(self._buf) and not self._eof:
            self._fill()
        return self._pos == len(self._buf)

    def _text(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise NotInLayout from None  # the whole-file reading decodes it as best it can

    def _json(self, raw: bytes) -> Any:
        """A piece of the layout, parsed; any problem there is for the whole-file reading."""
        try:
            return loads(self._text(raw), self.what)
        except (FileProblem, ValueError, RecursionError):
            raise NotInLayout from None

    # --- the parts -----------------------------------------------------------------

    def head(self) -> dict[str, Any]:
        """The top level of the export, everything but its "tables"."""
        self._fill()
        start = self._buf.removeprefix(b"\xef\xbb\xbf")
        if not start.startswith((b"{\n", b"{\r\n")):
            raise NotInLayout  # (a file on one line is not read through to find out)
        self._pos = len(self._buf) - len(start) + start.index(b"\n") + 1
        lines = []
        while True:
            line = self._line()
            if line in (b'  "tables": {', b'  "tables": {}'):
                break
            lines.append(line)
            if len(lines) > HEAD_LINES:
                raise NotInLayout
        if lines and not lines[-1].endswith(b","):
            raise NotInLayout
        if lines:
            lines[-1] = lines[-1][:-1]
        head = self._json(b"{" + b"\n".join(lines) + b"}")
        head.pop("tables", None)  # a "tables" above is replaced by the one below, as in JSON
        if line == b'  "tables": {}':
            self._finish(b"}")
        else:
            self._more_tables = True
        return head

    def next_table(self) -> tuple[Any, Any, bool] | None:
        """(name, columns, has rows) of the next table; None after the last one.

        ``has rows`` is False for ``"rows": []``; otherwise ``batches()`` gives them.
        """
        if self._in_rows:
            for _ in self.batches():
                pass
        if not self._more_tables:
            return None
        match = _TABLE.fullmatch(self._line())
        if not match:
            raise NotInLayout
        name = self._json(match.group(1))
        if self.order is not None and name in self.order:
            if self.order.index(name) <= self._last:
                raise NotInLayout
            self._last = self.order.index(name)
        match = _COLUMNS.fullmatch(self._line())
        if not match:
            raise NotInLayout
        columns = self._json(match.group(1))
        rows = self._line()
        if rows == b'      "rows": []':
            self._close_table()
            return name, columns, False
        if rows != b'      "rows": [':
            raise NotInLayout
        self._in_rows = True
        return name, columns, True

    def batches(self) -> Iterator[bytes]:
        """The rest of the current table's rows, as JSON arrays of about BATCH_BYTES.

        A batch is the file's own lines of rows, up to a line that ends with a comma
        (left out), between ``[`` and ``]``: split at a line break, the text is still
        exactly the file's, so whatever a parser reads in it, it reads in the file.
        """
        searched = self._pos  # where the search for the closing line goes on from
        while self._in_rows:
            close = self._closing_line(searched)
            if close >= 0:
                yield from self._batch(close, close)
                self._line()  # the "      ]" itself
                self._in_rows = False
                self._close_table()
                return
            searched = max(self._pos, len(self._buf) - len(_CLOSE) - 1)
            if len(self._buf) - self._pos >= BATCH_BYTES:
                cut = self._cut(self._pos + BATCH_BYTES)
                if cut < 0:  # a row longer than a batch: it goes whole
                    cut = self._cut(len(self._buf))
                if cut >= 0:
                    yield from self._batch(cut, cut + 1)
                    continue
            if self._eof:
                raise NotInLayout  # no "      ]": the whole-file reading says what is wrong
            searched -= self._pos
            self._fill()

    def _cut(self, limit: int) -> int:
        """The last comma ending a line before ``limit`` (the end of a row), or -1."""
        buf, start = self._buf, self._pos
        return max(buf.rfind(b",\n", start, limit + 1), buf.rfind(b",\r\n", start, limit + 2))

    def _closing_line(self, start: int) -> int:
        """Where the line ``      ]`` begins in the buffer (at or after ``start``), or -1."""
        buf = self._buf
        if start == self._pos and buf.startswith(b"      ]", start):
            line = start  # no rows (left) at all
        else:
            found = buf.find(_CLOSE, max(start - 1, self._pos))
            line = found + 1 if found >= 0 else -1
        while line >= 0:
            after = buf[line + 7 : line + 8]
            if after in (b"\n", b"\r") or (not after and self._eof):
                return line
            if not after:
                return -1  # what follows is not read yet
            found = buf.find(_CLOSE, line)
            line = found + 1 if found >= 0 else -1
        return -1

    def _batch(self, end: int, resume: int) -> Iterator[bytes]:
        """The rows from the read position up to ``end``, as a batch; read on at ``resume``."""
        rows = self._buf[self._pos : end]
        self._pos = resume
        if b"\x00" in rows:
            raise NotInLayout
        if rows.strip():
            yield b"[" + rows + b"]"

    def parse_batch(self, batch: bytes) -> list[Any]:
        """A batch as Python values, read as the whole file would be.

        ``FileProblem`` for NaN or a number of too many digits (the file is refused
        for that, wherever else it is wrong); ``NotInLayout`` for JSON that does
        not parse (the whole-file reading says where).
        """
        try:
            rows = loads(self._text(batch), self.what)
        except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
            raise NotInLayout from None
        if _deep(rows):
            raise NotInLayout  # the whole-file reading may find it too deep to read
        return rows

    def rest_problem(self, tables: bool) -> FileProblem | None:
        """Read the rest of the file: why it is refused if not for the problem at hand.

        A NaN or an overlong number further down (the file has always been refused
        for those first, as ``FileProblem``); with ``tables``, the first table the
        database does not have (``order``).  ``NotInLayout`` if the rest is not in
        the layout or not valid JSON: then the whole-file reading decides.
        """
        unknown = None
        while True:
            for batch in self.batches():
                self.parse_batch(batch)
            table = self.next_table()
            if table is None:
                return unknown
            if tables and unknown is None and table[0] not in (self.order or ()):
                unknown = FileProblem(
                    f"{self.what} has a table this version does not know ({table[0]!r}); "
                    "nothing was imported."
                )

    # --- the end of a table and of the file ------------------------------------------

    def _close_table(self) -> None:
        end = self._line()
        if end == b"    },":
            self._more_tables = True
        elif end == b"    }":
            self._more_tables = False
            self._finish(b"  }")
            self._finish(b"}")
        else:
            raise NotInLayout

    def _finish(self, expected: bytes) -> None:
        if self._line() != expected:
            raise NotInLayout
        if expected == b"}" and not self._at_end():
            raise NotInLayout  # anything after the end is for json.loads to refuse


def _deep(rows: Any) -> bool:
    """Whether a batch holds a value nested deeper than any export (a cell that is a
    list or object at all is refused; this is only about who says why)."""
    if not isinstance(rows, list):
        return True
    for row in rows:
        if isinstance(row, list):
            for value in row:
                if isinstance(value, (list, dict)) and _depth(value) > 50:
                    return True
        elif isinstance(row, dict) and _depth(row) > 50:
            return True
    return False


def _depth(value: Any, limit: int = 51) -> int:
    depth = 0
    level = [value]
    while level and depth < limit:
        depth += 1
        nested = []
        for item in level:
            if isinstance(item, list):
                nested.extend(item)
            elif isinstance(item, dict):
                nested.extend(item.values())
        level = [v for v in nested if isinstance(v, (list, dict))]
    return depth
