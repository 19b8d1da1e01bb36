"""A vCard file's text: its bytes decoded line by line, and its lines split into cards.

1. The file's bytes are decoded as UTF-8 (a byte-order mark is allowed; UTF-16
   with a mark too).  A file that is not UTF-8 throughout is decoded a property
   at a time (a line with the lines folded under it, joined as bytes, so a
   character a writer's fold cut in two is whole again): UTF-8 where it is
   UTF-8, else in the ``CHARSET`` the property names (Outlook in Russian writes
   ``FN;CHARSET=Windows-1251:``), else Windows-1252 (old Outlook exports), so
   one stray byte never garbles the other names.  A file with NUL bytes and no
   UTF-16 mark is binary and refused.
2. The text is split into cards at ``BEGIN:VCARD`` / ``END:VCARD`` lines (case,
   spaces around them and CR CR LF line ends do not matter), keeping each card's
   number and first line, so that one broken card is reported with its position
   while the others are still read.  A byte-order mark before ``BEGIN:VCARD``
   (files joined into one, each with its own) does not matter either.

Reading a card's lines is ``supportnet.exchange.vcard``'s.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from supportnet.errors import FileProblem

#: The most a card may hold, in characters (docs/exchange.md); a longer card is not read.
MAX_CARD_CHARS = 16_000_000
#: The size ``split_cards`` gives a card that has no ``BEGIN:VCARD`` line.
NO_BEGIN = -1


def _decode(raw: bytes) -> str:
    """A line as UTF-8 where it is UTF-8, else as Windows-1252."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


#: Read this much of a file at a time; a line may be longer (up to ``MAX_CARD_CHARS``).
_CHUNK = 1 << 20
_BREAK = re.compile(rb"\r\n|\r|\n")


def decoded_lines(
    handle: BinaryIO, what: str, guessed: list[int] | None = None
) -> Iterator[str | None]:
    """The lines of a file read as vCard text, without their line ends.

    Read a piece at a time, so memory stays bounded however large the file: a
    line longer than ``MAX_CARD_CHARS`` is given as ``None`` (its text is not
    kept).  Only CR, LF and CR LF end a line, not the other characters
    ``str.splitlines`` breaks at, which a note may hold.  Each line is UTF-8
    where it is UTF-8, else Windows-1252 (see the module notes); a file with a
    UTF-16 byte-order mark is UTF-16, and so is one that looks it (``_utf16_unmarked``).
    ``FileProblem`` for an empty or binary file.  ``guessed`` gets the number of each
    line read as Windows-1252 for want of a ``CHARSET``.
    """
    head = handle.read(_CHUNK)
    utf16 = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_unmarked(head)
    if utf16:
        try:
            head = (head + handle.read()).decode(utf16).encode("utf-8")
        except UnicodeDecodeError:
            raise FileProblem(f"{what} is not a text file (it looks binary); nothing was "
                              "imported.") from None  # fmt: skip
        handle = io.BytesIO(b"")
    elif b"\x00" in head:
        raise FileProblem(f"{what} is not a text file (it looks binary); nothing was imported.")
    head = head.removeprefix(b"\xef\xbb\xbf")
    empty = True
    number = 1  # the line the group starts on
    for group in _properties(_byte_lines(head, handle)):
        if group is None:
            yield None
            number += 1
            continue
        if empty and any(raw.strip() for raw in group):
            empty = False
        lines, western = _decoded_property(group)
        if western and guessed is not None:
            guessed.append(number)
        yield from lines
        number += len(group)
    if empty:
        raise FileProblem(f"{what} is empty; nothing was imported.")


def _utf16_unmarked(head: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` for text in UTF-16 without a byte-order mark (some
    Windows programs write it): its Latin letters each a byte and a NUL."""
    sample = head[:4096]
    if len(sample) < 16 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    for nuls, letters, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) >= 0.9 * len(nuls) and letters.count(0) <= 0.1 * len(letters):
            return name
    return None


def _properties(lines: Iterable[bytes | None]) -> Iterator[list[bytes] | None]:
    """The lines in groups: a line and the lines folded under it (they start with
    a space or a tab); None for a line too long to keep."""
    group: list[bytes] = []
    for raw in lines:
        if raw is not None and group and raw[:1] in (b" ", b"\t"):
            group.append(raw)
            continue
        if group:
            yield group
        if raw is None:
            yield None
            group = []
        else:
            group = [raw]
    if group:
        yield group


#: The ``CHARSET`` parameter of a property, in the part before its value.
_CHARSET = re.compile(rb';\s*CHARSET="?([A-Za-z0-9_.:-]+)', re.I)


def _decoded_property(group: list[bytes]) -> tuple[list[str], bool]:
    """A property's lines decoded (see the module notes), and whether some were read
    as Windows-1252 for want of a CHARSET.  When they are not all UTF-8, the folded
    lines are joined as bytes and the property is given as one line, followed by as
    many empty lines, so that line numbers stay true."""
    try:
        return [raw.decode("utf-8") for raw in group], False
    except UnicodeDecodeError:
        pass
    data = group[0] + b"".join(raw[1:] for raw in group[1:])
    text, western = _in_its_charset(data)
    return [text] + [""] * (len(group) - 1), western


def _in_its_charset(data: bytes) -> tuple[str, bool]:
    """A property's bytes as UTF-8, else in the CHARSET it names, else Windows-1252
    (then True)."""
    header = data.split(b":", 1)[0]
    charset = _CHARSET.search(header)
    # A quoted-printable value is ASCII: its CHARSET is for the decoded bytes.
    if charset and b"QUOTED-PRINTABLE" not in header.upper():
        try:
            return data.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
        try:
            return data.decode(charset.group(1).decode("ascii"), errors="replace"), False
        except LookupError:  # a charset Python does not know
            pass
    return _decode(data), True


def _byte_lines(chunk: bytes, handle: BinaryIO) -> Iterator[bytes | None]:
    pending: list[bytes] = []  # the pieces of the line being read
    size, skipping = 0, False  # skipping: the rest of a line too long to keep
    while chunk:
        while chunk.endswith(b"\r"):  # keep CR LF together
            more = handle.read(1)
            if not more:
                break
            chunk += more
        start = 0
        for m in _BREAK.finditer(chunk):
            piece = chunk[start : m.start()]
            start = m.end()
            if skipping:
                skipping = False
            elif size + len(piece) > MAX_CARD_CHARS:
                yield None
            else:
                yield b"".join([*pending, piece])
            pending, size = [], 0
        rest = chunk[start:]
        if not skipping and size + len(rest) > MAX_CARD_CHARS:
            yield None
            pending, size, skipping = [], 0, True
        elif not skipping and rest:
            pending.append(rest)
            size += len(rest)
        chunk = handle.read(_CHUNK)
    if size:
        yield b"".join(pending)


def split_cards(
    lines: Iterable[str | None],
) -> Iterator[tuple[int, int, list[tuple[int, str]] | None, int]]:
    """(card number, first line, its (line, text) pairs or None if unterminated, size).

    The pairs are the lines between ``BEGIN:VCARD`` and ``END:VCARD``; the
    size counts their characters, and the lines are no longer kept once a
    card is larger than ``MAX_CARD_CHARS`` (a line given as None is).  An
    ``END:VCARD`` outside a card ends a card whose ``BEGIN:VCARD`` line is
    missing: it is given as unterminated with the size ``NO_BEGIN``, from its
    first line after the card before.
    """
    number = start = size = 0
    card: list[tuple[int, str]] = []
    inside = False
    loose = 0  # outside a card: the first line that is not blank
    for index, raw in enumerate(lines, start=1):
        if raw is None:
            size, card = MAX_CARD_CHARS + 1, []
            continue
        if not inside and not loose and raw.strip():
            loose = index
        # (a byte-order mark too: files joined with cat or copy /b keep each one's)
        word = raw.strip().lstrip("\ufeff").upper() if len(raw) < 20 else ""
        if word == "BEGIN:VCARD":
            if inside:  # the previous card never ended
                yield number, start, None, size
            number += 1
            start, card, inside, size, loose = index, [], True, 0, 0
        elif not inside and word == "END:VCARD":
            if loose != index:  # lines, then END:VCARD: a card whose BEGIN:VCARD was lost
                number += 1
                yield number, loose, None, NO_BEGIN
            loose = 0
        elif inside:
            if word == "END:VCARD":
                yield number, start, card, size
                inside = False
            elif size <= MAX_CARD_CHARS:
                size += len(raw)
                card.append((index, raw))
                if size > MAX_CARD_CHARS:
                    card = []
    if inside:
        yield number, start, None, size
