"""supportnet writes a person's vCard itself: the same text vobject serialises.

The card was built with vobject per person, which was most of the time of a
2,000-person vdir export; the text written now must be line for line what
vobject writes for the same card (so every address book that read it still
does).  Only the folding differs: at 75 octets, never inside a character, as
RFC 6350 3.2 asks and the calendar export folds (vobject leaves a line of fewer
than 75 characters whole, however many octets: a 59-character Japanese note was
one line of 177).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from supportnet.exchange.vcard import ARCHIVED_PROPERTY, CIRCLE_PROPERTY
from supportnet.exchange.vcard_export import (
    _as_version,
    group_card,
    name_parts,
    person_card,
)
from supportnet.store.people import Person

_TAUGHT = False


def _teach_vobject() -> None:
    """Write NICKNAME as the text list it is (RFC 2426/6350; vobject keeps only its
    first item) and single text values whole, escaping a comma in them."""
    global _TAUGHT
    if _TAUGHT:
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
    _TAUGHT = True


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=120
)
_NAMES = _TEXT.filter(str.strip)
_WORDS = st.lists(_NAMES, max_size=4)


def _vobject_card(person: Person, uid: str, version: str, categories: list[str]) -> str:
    """The card as vobject builds and serialises it (how supportnet wrote it before)."""
    import vobject

    _teach_vobject()
    card = vobject.vCard()
    card.add("uid").value = uid
    card.add("fn").value = person.name
    card.add("n").value = vobject.vcard.Name(**name_parts(person.name))
    if person.nicknames:
        card.add("nickname").value = person.nicknames
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


#: The strategies of a person's fields, made once (Hypothesis checks each new strategy on
#: its first draw, which cost more than drawing from it).
_MONTHS = st.none() | st.integers(1, 12)
_CIRCLES = st.sampled_from(["inner", "close", "friend", "acquaintance"])
_YEARS = st.none() | st.integers(1900, 2020)
_NOTES = st.none() | _TEXT | st.text("é🌻a,;\\\n\r ", min_size=60, max_size=300)
_ARCHIVED = st.none() | st.just(dt.date(2026, 5, 1))
_PHONES = st.lists(st.from_regex(r"\+?[0-9 ()-]{3,20}", fullmatch=True), max_size=3)
_EMAILS = st.lists(st.emails(), max_size=3)


@st.composite
def _people(draw: st.DrawFn) -> Person:
    month = draw(_MONTHS)
    return Person(
        id=draw(st.integers(1, 10_000)),
        name=draw(_NAMES),
        circle=draw(_CIRCLES),
        cadence_days=None,
        birthday_month=month,
        birthday_day=draw(st.integers(1, 28)) if month else None,
        birthday_year=draw(_YEARS),
        how_met=None,
        note=draw(_NOTES),
        added_on=dt.date(2026, 1, 1),
        archived_on=draw(_ARCHIVED),
        nicknames=draw(_WORDS),
        tags=draw(_WORDS),
        phones=draw(_PHONES),
        emails=draw(_EMAILS),
    )


def _unfolded(text: str) -> str:
    return text.replace("\r\n ", "")


def _octets_at_most_75(text: str) -> bool:
    return all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


@settings(max_examples=300, deadline=None)
@given(person=_people(), version=st.sampled_from(["3.0", "4.0"]), categories=_WORDS)
def test_the_card_is_what_vobject_writes(person: Person, version: str, categories: list[str]):
    # What vobject writes, line for line; folded at 75 octets where vobject folds a line
    # of fewer than 75 characters not at all, however many octets they take.
    uid = "urn:uuid:0b6e4b1c-5f0e-5e44-9a57-1f2d3c4b5a69"
    text = person_card(person, uid, version, categories)
    assert _unfolded(text) == _unfolded(_vobject_card(person, uid, version, categories))
    assert _octets_at_most_75(text)


def test_a_long_line_of_wide_letters_is_folded_at_75_octets_never_inside_a_letter():
    person = Person(1, "Zoë " + "é" * 80 + " 🌻" * 30, "friend", None, None, None, None,
                    None, "日本語のメモ" * 9 + "です。", dt.date(2026, 1, 1), None)  # fmt: skip
    text = person_card(person, "urn:uuid:x", "4.0")
    assert _unfolded(text) == _unfolded(_vobject_card(person, "urn:uuid:x", "4.0", []))
    assert _octets_at_most_75(text)  # the 59-character note was one line of 177 octets
    (note,) = [line for line in text.split("\r\n") if line.startswith("NOTE:")]
    assert len(note.encode("utf-8")) == 74  # 23 whole characters, not 24 and a third


def _vobject_group(uid: str, name: str, members: list[str], version: str) -> str:
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


@settings(max_examples=200, deadline=None)
@given(name=_TEXT.filter(str.strip), members=st.lists(st.uuids().map(lambda u: f"urn:uuid:{u}")),
       version=st.sampled_from(["3.0", "4.0"]))  # fmt: skip
def test_the_group_card_is_what_vobject_writes(name: str, members: list[str], version: str):
    uid = "urn:uuid:5d1b6c3e-1111-4aaa-bbbb-1234567890ab"
    text = group_card(uid, name, members, version)
    assert _unfolded(text) == _unfolded(_vobject_group(uid, name, members, version))
    assert _octets_at_most_75(text)
