"""vCard export: every person as a vCard 3.0 (or 4.0) that address books and khard read.

See docs/exchange.md ("vCard export") for what each property holds.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from supportnet.exchange.folding import folded
from supportnet.exchange.vcard import ARCHIVED_PROPERTY, CIRCLE_PROPERTY
from supportnet.text import fold

if TYPE_CHECKING:
    from supportnet.exchange import ExportRequest
    from supportnet.store.people import Person

# --- exporting ----------------------------------------------------------------------

#: Words of a name that vCard's N keeps apart from the given and family names.
_PREFIXES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"}


def name_parts(name: str) -> dict[str, str]:
    """vCard N from a full name, dropping no word.

    The last word is the family name and the first the given name; words in
    between are additional names; titles before them (Dr., Mrs.) are the
    prefix and after them (Jr., Sr., PhD) the suffix, and so are words without
    a letter at either end ("Sam O'Hara 🌻").  A one-word name is the family name.
    """
    words = name.split()

    def bare(word: str) -> str:
        return fold(word).strip(".,")

    def no_letter(word: str) -> bool:
        return not any(ch.isalpha() for ch in word)

    prefix: list[str] = []
    suffix: list[str] = []
    while len(words) > 1 and (bare(words[0]) in _PREFIXES or no_letter(words[0])):
        prefix.append(words.pop(0))
    while len(words) > 1 and (bare(words[-1]) in _SUFFIXES or no_letter(words[-1])):
        suffix.insert(0, words.pop())
    if words and words[-1].endswith(",") and suffix:  # "John Doe, Jr."
        words[-1] = words[-1][:-1]
    given = additional = ""
    if len(words) == 1:
        family = words[0]
    else:
        given, family = words[0], words[-1]
        additional = " ".join(words[1:-1])
    return {"prefix": " ".join(prefix), "given": given, "additional": additional,
            "family": family, "suffix": " ".join(suffix)}  # fmt: skip


def export_vcards(conn: sqlite3.Connection) -> Iterator[str]:
    """Every person as a vCard 3.0, in id order (archived people too).

    The UID comes from the database's identity (``store.identity``): the same
    for a person in every export of this database, different in any other.
    """
    from supportnet.store.identity import database_identity, make_uid
    from supportnet.store.people import every_person

    identity = database_identity(conn)
    for person in every_person(conn):
        yield person_card(person, f"urn:uuid:{make_uid(identity, 'person', person.id)}")


#: The vCard versions supportnet writes: 3.0 (RFC 2426), 4.0 (RFC 6350).
VERSIONS = ("3.0", "4.0")
_TYPE_INTERNET = re.compile(r"^EMAIL;TYPE=INTERNET:", re.M)
_BDAY = re.compile(r"^BDAY:(\d{4}|-)-?(\d{2})-(\d{2})\r$", re.M)


def _as_version(text: str, version: str) -> str:
    """A card written as 3.0 in ``version``: in 4.0, ``VERSION:4.0``, no
    3.0-only ``TYPE=INTERNET`` on emails and the birthday in RFC 6350's basic form
    (``19900314``, ``--0314``); everything else supportnet writes is the same in both."""
    if version == "3.0":
        return text
    text = text.replace("VERSION:3.0\r\n", f"VERSION:{version}\r\n", 1)
    text = _BDAY.sub(lambda m: f"BDAY:{m.group(1).rstrip('-') or '--'}{m.group(2)}{m.group(3)}\r",
                     text)  # fmt: skip
    return _TYPE_INTERNET.sub("EMAIL:", text)


def person_card(
    person: Person, uid: str, version: str = "3.0", categories: Sequence[str] = ()
) -> str:
    """One person as a vCard: ``uid`` as its UID, ``categories`` after their tags (a
    vdir's circles and communities, docs/sync.md).

    Written here, line by line, exactly as vobject serialises the same card (its
    property order: VERSION, UID, then by name; its backslash escapes; but folded at
    75 octets, as the calendar is: ``folding``; tests/exchange/test_vcard_writer.py
    holds the two equal):
    building a vobject card per person was most of the time of a 2,000-person
    vdir export.
    """
    lines = [f"UID:{_escape(uid)}"]
    month, day, year = person.birthday_month, person.birthday_day, person.birthday_year
    if month and day:
        lines.append(f"BDAY:{year:04d}-{month:02d}-{day:02d}" if year
                     else f"BDAY:--{month:02d}-{day:02d}")  # fmt: skip
    if person.tags or categories:
        lines.append("CATEGORIES:" + ",".join(_escape(v) for v in [*person.tags, *categories]))
    lines.extend(f"EMAIL;TYPE=INTERNET:{_escape(email)}" for email in person.emails)
    lines.append(f"FN:{_escape(person.name)}")
    parts = name_parts(person.name)
    lines.append("N:" + ";".join(_escape(parts[k]) for k in _N_ORDER))
    if person.nicknames:
        lines.append("NICKNAME:" + ",".join(_escape(n) for n in person.nicknames))
    if person.note:
        lines.append(f"NOTE:{_escape(person.note)}")
    lines.extend(f"TEL:{_escape(phone)}" for phone in person.phones)
    if person.archived_on:
        lines.append(f"{ARCHIVED_PROPERTY}:{_escape(person.archived_on.isoformat())}")
    lines.append(f"{CIRCLE_PROPERTY}:{_escape(person.circle)}")
    body = "".join(folded(line) for line in lines)
    return _as_version(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n", version)


#: vCard's N, in order (RFC 2426 3.1.2).
_N_ORDER = ("family", "given", "additional", "prefix", "suffix")


def _escape(value: str) -> str:
    """A text value's backslash escapes (RFC 2426 5; vobject's ``backslashEscape``)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def group_card(uid: str, name: str, members: Sequence[str], version: str = "4.0") -> str:
    """A group of people as a vCard: ``KIND:group`` with a ``MEMBER`` for each member's
    UID (vCard 4.0), or Apple's ``X-ADDRESSBOOKSERVER-KIND`` and ``-MEMBER`` (3.0: what
    iCloud and macOS read).  Written as ``person_card`` is, in vobject's order."""
    prefix = "" if version == "4.0" else "X-ADDRESSBOOKSERVER-"
    kind = [f"{prefix}KIND:group", *(f"{prefix}MEMBER:{_escape(m)}" for m in members)]
    n = f"N:{_escape(name)};;;;"
    lines = [f"UID:{_escape(uid)}", f"FN:{_escape(name)}",
             *([*kind, n] if version == "4.0" else [n, *kind])]  # fmt: skip
    body = "".join(folded(line) for line in lines)
    return _as_version(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n", version)


def export(conn: sqlite3.Connection, out: TextIO, request: ExportRequest) -> None:
    """`export --format vcf`: every person, one card after another."""
    for card in export_vcards(conn):
        out.write(card)
