"""Long content lines folded, for the calendar and the address book alike.

RFC 5545 3.1 and RFC 6350 3.2: a line SHOULD be no longer than 75 octets, and is
folded by a line break and a space, never inside a multi-byte UTF-8 character.
The one folding function of every export (``ics``, ``vcard_export``, the vdirs).
"""

from __future__ import annotations

#: Each piece of a folded line holds at most this many octets (the space in front of
#: a piece after the first makes 75): icalendar folds a line before it reaches 75.
WIDTH = 74


def folded(line: str) -> str:
    """``line`` folded as icalendar's ``_foldline`` folds it, with its line end.

    Each piece is as many whole characters as fit in 74 bytes of UTF-8, except that a
    piece does not end with the ``\\`` or ``^`` of an escape (of two characters or
    more, it gives that one to the next piece).
    """
    if len(line) <= WIDTH and line.isascii():
        return line + "\r\n"
    data = line.encode("utf-8")
    pieces = []
    start = 0
    while len(data) - start > WIDTH:
        end = start + WIDTH
        while data[end] & 0xC0 == 0x80:  # inside a character: it goes whole to the next
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8") + "\r\n"
