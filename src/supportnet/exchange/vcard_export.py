"""vCard export: every person as a vCard 3.0 (or 4.0) that address books and khard read.

See docs/exchange.md ("vCard export") for what each property holds.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from supportnet.exchange.vcard import ARCHIVED_PROPERTY, CIRCLE_PROPERTY
from supportnet.text import fold

if TYPE_CHECKING:
    from supportnet.exchange import ExportRequest
    from supportnet.store.people import Person

_taught = False


def _teach_vobject() -> None:
    """Write NICKNAME as the text list it is (RFC 2426/6350; vobject keeps only its
    first item) and single text values whole, escaping a comma in them."""
    global _taught
    if _taught:
        return
    from vobject.base import registerBehavior
    from vobject.icalendar import MultiTextBehavior, stringToTextValues
    from vobject.vcard import FN, VCard3_0, VCardTextBehavior

    class WholeText(VCardTextBehavior):
        """Backslash escapes undone, but no cut at an unescaped comma."""

        @classmethod
        def decode(cls, line: Any) -> None:
            encoding = (getattr(line, "encoding_param", None) or "").upper()
            if (
                line.encoded
                and encoding not in ("B", "BASE64")
                and ("BASE64" not in line.singletonparams)
            ):
                if "\\" in line.value:
                    line.value = stringToTextValues(line.value, listSeparator=None)[0]
                line.encoded = False
            else:
                super().decode(line)

    class WholeFN(WholeText):
        name = "FN"
        description = FN.description

    VCard3_0.defaultBehavior = WholeText
    registerBehavior(WholeFN, "FN", default=True)
    VCard3_0.knownChildren.setdefault("NICKNAME", (0, None, None))
    registerBehavior(MultiTextBehavior, "NICKNAME")
    _taught = True


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
    """A card vobject wrote (as 3.0) in ``version``: in 4.0, ``VERSION:4.0``, no
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
    vdir's circles and communities, docs/sync.md)."""
    import vobject

    _teach_vobject()
    card = vobject.vCard()
    card.add("uid").value = uid
    card.add("fn").value = person.name
    card.add("n").value = vobject.vcard.Name(**name_parts(person.name))
    if person.nicknames:
        card.add("nickname").value = person.nicknames
    # (A card lists its EMAIL lines before its TEL lines, each kind in the order given.)
    for phone in person.phones:
        card.add("tel").value = phone
    for email in person.emails:
        line = card.add("email")
        line.value = email
        line.type_param = "INTERNET"
    month, day, year = person.birthday_month, person.birthday_day, person.birthday_year
    if month and day:
        card.add("bday").value = (
            f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        )
    if person.note:
        card.add("note").value = person.note
    if person.tags or categories:
        card.add("categories").value = [*person.tags, *categories]
    card.add(CIRCLE_PROPERTY.lower()).value = person.circle
    if person.archived_on:
        card.add(ARCHIVED_PROPERTY.lower()).value = person.archived_on.isoformat()
    return _as_version(card.serialize(), version)


def group_card(uid: str, name: str, members: Sequence[str], version: str = "4.0") -> str:
    """A group of people as a vCard: ``KIND:group`` with a ``MEMBER`` for each member's
    UID (vCard 4.0), or Apple's ``X-ADDRESSBOOKSERVER-KIND`` and ``-MEMBER`` (3.0: what
    iCloud and macOS read)."""
    import vobject

    _teach_vobject()
    card = vobject.vCard()
    card.add("uid").value = uid
    card.add("fn").value = name
    card.add("n").value = vobject.vcard.Name(family=name)
    prefix = "" if version == "4.0" else "x-addressbookserver-"
    card.add(f"{prefix}kind").value = "group"
    for member in members:
        card.add(f"{prefix}member").value = member
    return _as_version(card.serialize(), version)


def export(conn: sqlite3.Connection, out: TextIO, request: ExportRequest) -> None:
    """`export --format vcf`: every person, one card after another."""
    for card in export_vcards(conn):
        out.write(card)
