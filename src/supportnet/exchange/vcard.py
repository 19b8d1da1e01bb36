"""vCard files in (2.1, 3.0 and 4.0) and out (3.0), with vobject.

Reading, step by step:

1. and 2. The file's bytes are decoded line by line and its lines split into
   cards, each with its number and first line (``supportnet.exchange.vcard_file``).
3. Each card's lines are grouped into properties (folded lines, vCard 2.1
   quoted-printable soft line breaks and 2.1 base64 blocks belong to the line
   above) and only the properties supportnet keeps (``READ_PROPERTIES``) are
   handed to vobject: a photo, an organisation or a vendor's own property
   supportnet does not use can never cost the person.  A line that is not a
   property at all is left out with a note in the summary.
4. Each kept property is unfolded into one logical line as vobject's
   ``getLogicalLines`` does (a folded line loses its leading space; a 2.1
   quoted-printable soft line break is kept for the decoder) and split into
   name, parameters and value by vobject's own line grammar (``parseLine``).
   A line that grammar refuses is left out with a note; a card with no
   readable property but VERSION is not read.
5. Values are decoded as vobject's vCard behaviours decode them:
   quoted-printable with its ``CHARSET`` (Windows-1252 when it names none and
   the bytes are not UTF-8), base64, and backslash escapes (``\\n`` is a line
   break).  ``N`` is five ``;``-separated parts of ``,``-separated lists;
   ``NICKNAME`` and ``CATEGORIES`` are ``,``-separated lists (RFC 6350);
   every other value is one text, kept whole even with an unescaped comma
   (Gmail writes ``FN:Mr. John Richter, James Doe Sr.``).  Building vobject's
   component objects for every card took two thirds of a 5,000-card import,
   so only its grammar is used here.

Limits (docs/exchange.md): a property supportnet keeps may hold up to
``MAX_FIELD_CHARS`` characters (a longer one is left out with a note) and a
card up to ``MAX_CARD_CHARS`` (a longer card is not read).

Birthdays: ``1990-03-14``, ``19900314``, ``1990-03-14T00:00:00Z``, ``--03-14``,
``--0314``; year 1604 (Apple's ``X-APPLE-OMIT-YEAR``) and year 0000 mean "no
year".

The duplicate rule lives in ``supportnet.exchange.merging``; writing vCards in
``supportnet.exchange.vcard_export``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from supportnet.config import CIRCLES
from supportnet.dates import YearlyDate
from supportnet.errors import InvalidInput
from supportnet.exchange.vcard_file import MAX_CARD_CHARS, NO_BEGIN, split_cards
from supportnet.text import (
    clean_email,
    clean_phone,
    email_address,
    fold,
    one_line,
    phone_key,
    whole_number,
)

#: Groups that address books add on their own and that are not the user's tags
#: (compared folded, without spaces: Android's "My Contacts", Google's "myContacts").
IGNORED_CATEGORIES = {"mycontacts", "starred"}
CIRCLE_PROPERTY = "X-SUPPORTNET-CIRCLE"
ARCHIVED_PROPERTY = "X-SUPPORTNET-ARCHIVED"
#: Every property supportnet reads; all others are passed over unread.
READ_PROPERTIES = frozenset(
    {"VERSION", "FN", "N", "NICKNAME", "TEL", "EMAIL", "BDAY", "NOTE", "CATEGORIES", "KIND",
     "UID", "X-ANDROID-CUSTOM", "X-ADDRESSBOOKSERVER-KIND", "X-ABSHOWAS", CIRCLE_PROPERTY,
     ARCHIVED_PROPERTY}
)  # fmt: skip
#: Read too, but not kept: an organization's card (ORG and no name) is told by it.
_READ_NOT_KEPT = frozenset({"ORG"})
MAX_FIELD_CHARS = 1_000_000
_NO_YEAR = {0, 1604}


@dataclass(slots=True)
class CardProblem:
    """A card, or one line of it, that could not be read."""

    number: int
    line: int
    message: str

    def describe(self) -> str:
        return f"card {self.number} (line {self.line}): {self.message}"


@dataclass(slots=True)
class Card:
    """What one vCard says about a person."""

    number: int  # 1 for the first card in the file
    line: int  # the line of its BEGIN:VCARD
    name: str
    named_by_contact: bool = False  # no FN or N: the name is its email or phone
    nicknames: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    birthday: YearlyDate | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    circle: str | None = None
    archived_on: dt.date | None = None
    warnings: list[str] = field(default_factory=list)
    unreadable: list[CardProblem] = field(default_factory=list)  # lines left out
    not_a_person: str | None = None  # why a card (KIND:group) is no one to add
    uid: str | None = None  # its UID, as written (a vdir import remembers it)
    #: The name its N gives, when FN names other words (FN is the card's name).
    name_from_n: str | None = None

    def identified(self) -> None:
        """It is someone already here: a card without a name is no longer named
        after its email or phone, so the note saying so goes."""
        if self.named_by_contact:
            self.warnings = [w for w in self.warnings if not w.startswith(NAMED_AFTER)]


#: The note on a card without a name, named after its first email or phone.
NAMED_AFTER = "it has no name (FN or N); named after its"
#: The start of the note on a card whose FN and N differ (``fn_and_n_differ``): a card
#: that is someone recorded with another name says that name instead (``merging``).
FN_AND_N = "its FN"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)([;:])")
_BASE64 = re.compile(r"ENCODING=(B|BASE64)\b|;BASE64\b", re.I)


@dataclass(slots=True)
class _Property:
    line: int
    name: str | None  # None: the line is no property at all
    raw: list[str]
    params: bool = False  # NAME;PARAM...: rather than NAME:value
    quoted_printable: bool = False
    base64: bool = False

    def size(self) -> int:
        return sum(len(r) for r in self.raw)

    def continues(self, raw: str, after_blank: bool = False) -> bool:
        """Is ``raw`` part of this property although it does not start with a space?

        A 2.1 soft line break (``=`` at the end) joins the next line, but not
        across a blank line to one that starts a property: Android ends a value
        whose length is a multiple of its line width with ``=`` and a blank line.
        """
        if self.quoted_printable and self.raw[-1].rstrip().endswith("="):
            return not (after_blank and _NAME.match(raw))
        # vCard 2.1 base64 (PHOTO;ENCODING=BASE64) may run on in lines of its own.
        return self.base64 and not _NAME.match(raw)


def _properties(lines: list[tuple[int, str]]) -> list[_Property]:
    props: list[_Property] = []
    after_blank = False
    for number, raw in lines:
        if not raw or raw.isspace():
            after_blank = True
            continue  # blank lines (CR CR LF files have one after every line)
        if props and (raw[0] in " \t" or props[-1].continues(raw, after_blank)):
            props[-1].raw.append(raw)
            after_blank = False
            continue
        after_blank = False
        m = _NAME.match(raw)
        prop = _Property(number, m.group(1).upper() if m else None, [raw])
        if m and m.group(2) == ";":  # parameters: an encoding?
            prop.params = True
            header = raw.split(":", 1)[0]
            prop.quoted_printable = "QUOTED-PRINTABLE" in header.upper()
            prop.base64 = bool(_BASE64.search(header))
        props.append(prop)
    return props


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _size(chars: int) -> str:
    return f"{chars / 1_000_000:.1f} MB" if chars >= 100_000 else f"{chars:,} characters"


class _Unreadable(Exception):
    pass


def read_vcards(source: str | Iterable[str | None]) -> tuple[list[Card], list[CardProblem]]:
    """Every card of a vCard file's text (or lines), and the cards that could not be read."""
    cards: list[Card] = []
    problems: list[CardProblem] = []
    lines = _LINE_BREAK.split(source) if isinstance(source, str) else source
    for number, line, card_lines, size in split_cards(lines):
        if card_lines is None:
            missing = "BEGIN:VCARD" if size == NO_BEGIN else "END:VCARD"
            problems.append(CardProblem(number, line, f"it has no {missing} line"))
            continue
        if size > MAX_CARD_CHARS:
            problems.append(CardProblem(
                number, line, f"it is longer than supportnet reads in one card "
                f"({_size(MAX_CARD_CHARS)})"))  # fmt: skip
            continue
        try:
            cards.append(_read_card(number, line, card_lines))
        except _Unreadable as error:
            problems.append(CardProblem(number, line, str(error)))
    return cards, problems


def _read_card(number: int, line: int, lines: list[tuple[int, str]]) -> Card:
    unreadable: list[CardProblem] = []
    warnings: list[str] = []
    kept: list[_Property] = []
    for prop in _properties(lines):
        if prop.name is None:
            message = f"a line could not be read ({_preview(prop.raw[0])!r})"
            unreadable.append(CardProblem(number, prop.line, message))
        elif prop.name in READ_PROPERTIES or prop.name in _READ_NOT_KEPT:
            if prop.size() > MAX_FIELD_CHARS:
                warnings.append(
                    f"{prop.name} on line {prop.line} left out: it is {_size(prop.size())} long, "
                    f"more than supportnet keeps in one field ({_size(MAX_FIELD_CHARS)})"
                )
            else:
                kept.append(prop)
    card = _card_from(_parse(kept, number, unreadable), number, line)
    card.unreadable = unreadable
    card.warnings[:0] = warnings + [
        p.message.replace("a line", f"line {p.line}", 1) + "; it was left out" for p in unreadable
    ]
    return card


@dataclass(slots=True)
class _Value:
    """One property as read: its value (text; a list for the list properties and
    N) and its parameters (upper-case names; bare ones like ``HOME`` under "")."""

    value: Any
    params: dict[str, list[str]]


#: A card's properties as read, by upper-case name.
_Read = dict[str, list[_Value]]


#: Properties whose value is a comma-separated list (RFC 6350 6.2.3 and 6.7.1).
_LIST_PROPERTIES = frozenset({"NICKNAME", "CATEGORIES"})
#: ``\:`` is not an escape of RFC 6350, but Google Contacts writes every colon so
#: (``NOTE:Hours: M-F\:9A-8P``, ``URL:https\://...``): it is a colon.
_ESCAPES = {"\\": "\\", ";": ";", ",": ",", ":": ":", "n": "\n", "N": "\n", '"': '"'}
_ESCAPED = re.compile(r"\\(.?)", re.S)
_SPLIT = {sep: re.compile(r"\\.|" + sep, re.S) for sep in ",;"}


def _unescape(text: str) -> str:
    """Backslash escapes undone as vobject undoes them (``\\n`` is a line break; an
    unknown escape is kept as written), and Google's ``\\:`` as a colon."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def _split(text: str, separator: str) -> list[str]:
    """``text`` cut at each ``separator`` that is not escaped (escapes are kept)."""
    if separator not in text:
        return [text]
    parts, start = [], 0
    for m in _SPLIT[separator].finditer(text):
        if m.group() == separator:
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


def _parse(kept: list[_Property], number: int, unreadable: list[CardProblem]) -> _Read:
    """The kept properties by name, read with vobject's line grammar; the lines it
    refuses are left out with a note (and if none is left, the card is unreadable)."""
    from vobject.base import parseLine

    read: _Read = {}
    first: Exception | None = None
    for prop in kept:
        try:
            line = _logical_line(prop)
            if prop.params:
                name, raw_params, value, _group = parseLine(line)
                params, value = _decoded(raw_params, value)
            else:  # NAME:value, the usual line: nothing for the grammar to take apart
                name, params, value = prop.name, {}, line.partition(":")[2]
            name = name.upper()
            read.setdefault(name, []).append(_Value(_split_value(name, value), params))
        except Exception as error:  # any error reading one property is that line's problem
            first = first or error
            unreadable.append(CardProblem(number, prop.line, _message(error, prop)))
    if first is not None and not read.keys() - {"VERSION"}:
        raise _Unreadable(_message(first))
    return read


def _logical_line(prop: _Property) -> str:
    """A property's lines as one: a folded line loses its leading space or tab, and a
    2.1 quoted-printable soft line break keeps its ``=`` and a line end (as vobject's
    ``getLogicalLines`` joins them)."""
    if len(prop.raw) == 1:
        return prop.raw[0]
    line = prop.raw[0]
    for raw in prop.raw[1:]:
        if prop.quoted_printable and line.endswith("="):
            line += "\n" + raw
        elif raw[0] in " \t":
            line += raw[1:]
        else:  # a 2.1 base64 block runs on without a space
            line += raw
    return line


def _decoded(raw_params: list[list[str]], value: str) -> tuple[dict[str, list[str]], str]:
    """The parameters by upper-case name (bare ones like ``HOME`` under ""), and the
    value with its quoted-printable or base64 encoding undone."""
    params: dict[str, list[str]] = {}
    for param in raw_params:
        key = param[0].upper() if len(param) > 1 else ""
        params.setdefault(key, []).extend(param[1:] if key else param)
    singletons = {p.upper() for p in params.get("", [])}
    encodings = {e.upper() for e in params.get("ENCODING", [])}
    if "QUOTED-PRINTABLE" in encodings or "QUOTED-PRINTABLE" in singletons:
        value = _quoted_printable(value, params.get("CHARSET", [None])[0])
    elif encodings & {"B", "BASE64"} or "BASE64" in singletons:
        value = codecs.decode(value.encode("ascii"), "base64").decode("utf-8")
    return params, value


def _split_value(name: str, value: str) -> Any:
    """N as five parts of lists, NICKNAME and CATEGORIES as lists, the rest as one
    text; backslash escapes undone."""
    if name == "N":
        return [[_unescape(v) for v in _split(part, ",")] for part in _split(value, ";")]
    if name in _LIST_PROPERTIES:
        return [_unescape(v) for v in _split(value, ",")]
    return _unescape(value)


def _quoted_printable(value: str, charset: str | None) -> str:
    """A 2.1 quoted-printable value; bytes that are not UTF-8 and name no ``CHARSET``
    are Windows-1252 (old Outlook and phones wrote that)."""
    data = codecs.decode(value.encode("utf-8"), "quoted-printable")
    if charset:
        return data.decode(charset)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252")


def _message(error: Exception, prop: _Property | None = None) -> str:
    text = " ".join(str(error).split())
    if prop is not None:
        return f"a line could not be read ({_preview(prop.raw[0])!r}: {_preview(text)})"
    m = re.search(r"Failed to parse line: (.*)", text)
    if m:
        return f"a line could not be read ({_preview(m.group(1))!r})"
    return f"it could not be read ({type(error).__name__}: {_preview(text)})"


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if v)
    return one_line(str(value)) if value is not None else ""


def _values(card: _Read, key: str) -> list[Any]:
    return [read.value for read in card.get(key.upper(), [])]


def _list_values(component: Any, key: str) -> Iterator[str]:
    for value in _values(component, key):
        for item in value if isinstance(value, list) else [value]:
            text = _text(item)
            if text:
                yield text


def _names_agree(fn: str, from_n: str) -> bool:
    """FN and N name the same words, in any order; or the same letters, as a name
    written without spaces does (``FN:李小龍`` is ``N:李;小龍``, family then given)."""
    a, b = fold(fn), fold(from_n)
    if set(re.findall(r"\w+", a)) == set(re.findall(r"\w+", b)):
        return True
    return sorted(re.findall(r"\w", a)) == sorted(re.findall(r"\w", b))


def fn_and_n_differ(fn: str, from_n: str) -> str:
    """The note on a card whose FN and N name different words (``FN_AND_N``)."""
    return f"{FN_AND_N} {fn!r} and N {from_n!r} differ; kept {fn!r}"


def _organization(component: _Read) -> str:
    """The organization's name of a card's ORG (its first part: not the unit)."""
    for value in _values(component, "org"):
        first = value[0] if isinstance(value, (list, tuple)) and value else value
        name = _text(first).split(";")[0].strip()
        if name:
            return name
    return ""


def _family_first(family: str, given: str) -> bool:
    """Whether a name is written family name first, with no space: both parts in
    Chinese, Japanese or Korean script (王 + 小明 is 王小明)."""
    return bool(family and given) and all(_EAST_ASIAN.fullmatch(part) for part in (family, given))


#: Han, Hiragana, Katakana and Hangul, whole names of which are written family first.
_EAST_ASIAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


#: The kinds of card (RFC 6350 6.1.4) that are no one to add, as a note names them.
_NOT_PEOPLE = {"group": "a group", "location": "a location", "org": "an organization"}


def _card_from(component: _Read, number: int, line: int) -> Card:
    warnings: list[str] = []
    name = next((n for n in (_text(v) for v in _values(component, "fn")) if n), "")
    from_n = ""
    for n in _values(component, "n"):
        family, given, additional, prefix, suffix = [*n, [], [], [], []][:5]  # RFC 6350 6.2.2
        if _family_first(_text(family), _text(given)):  # N:王;小明 is 王小明, as FN writes it
            from_n = _text(family) + _text(given)
        else:
            from_n = _text([_text(p) for p in (prefix, given, additional, family, suffix)])
        if from_n:
            break
    differs = bool(name and from_n and not _names_agree(name, from_n))
    if differs:
        warnings.append(fn_and_n_differ(name, from_n))
    card = Card(number=number, line=line, name=name or from_n, warnings=warnings,
                name_from_n=from_n if differs else None)  # fmt: skip
    # Apple's 3.0 cards (iCloud, macOS) say KIND as X-ADDRESSBOOKSERVER-KIND.
    kinds = [_text(v).lower() for v in _values(component, "kind")] or [
        _text(v).lower() for v in _values(component, "x-addressbookserver-kind")
    ]
    if kinds and kinds[0] in _NOT_PEOPLE:
        card.not_a_person = f"it is {_NOT_PEOPLE[kinds[0]]} card (KIND:{kinds[0]}), not a person"
    elif any(_text(v).upper() == "COMPANY" for v in _values(component, "x-abshowas")):
        card.not_a_person = "it is a company card (X-ABShowAs:COMPANY), not a person"
    elif not card.name and not _values(component, "nickname") and (org := _organization(component)):
        # Android and Outlook show a card with only ORG by its organization's name.
        card.name = org
        card.not_a_person = "it is an organization's card (ORG, and no name), not a person"
    card.uid = next((u for u in (_text(v) for v in _values(component, "uid")) if u), None)
    nicks = {fold(card.name)}
    custom = (_android_nickname(v) for v in _values(component, "x-android-custom"))
    for nick in [*_list_values(component, "nickname"), *(n for n in custom if n)]:
        if fold(nick) not in nicks:
            nicks.add(fold(nick))
            card.nicknames.append(nick)
    digits: set[str] = set()
    for value in _values(component, "tel"):
        phone = _tel_text(_text(value))
        if not phone:  # an empty TEL line (phones write them) is no phone, not a problem
            continue
        try:
            phone = clean_phone(phone)
        except InvalidInput:
            warnings.append(f"phone {phone!r} left out (no digits)")
            continue
        if phone_key(phone) not in digits:
            digits.add(phone_key(phone))
            card.phones.append(phone)
    emails: set[str] = set()
    for value in _values(component, "email"):
        email = _text(value)
        if not email_address(email):  # an empty EMAIL line (or a bare "mailto:") says nothing
            continue
        try:
            email = clean_email(email)
        except InvalidInput:
            warnings.append(f"email {email!r} left out (not an address)")
            continue
        if email.lower() not in emails:
            emails.add(email.lower())
            card.emails.append(email)
    for child in component.get("BDAY", []):
        if not _text(child.value):  # an empty BDAY line (as empty TEL lines) says nothing
            continue
        try:
            card.birthday = parse_birthday(str(child.value), child.params)
        except ValueError:
            warnings.append(f"birthday {_text(child.value)!r} not understood")
        break
    notes = [str(v).strip() for v in _values(component, "note") if str(v).strip()]
    if notes:
        card.note = "\n".join(n.replace("\r\n", "\n") for n in notes)
    tags: set[str] = set()
    for tag in _list_values(component, "categories"):
        tag = tag.lstrip("#")
        key = fold(tag)
        if tag and key.replace(" ", "") not in IGNORED_CATEGORIES and key not in tags:
            tags.add(key)
            card.tags.append(tag)
    for value in _values(component, CIRCLE_PROPERTY):
        if _text(value).lower() in CIRCLES:
            card.circle = _text(value).lower()
        elif _text(value):
            warnings.append(f"{CIRCLE_PROPERTY} {_text(value)!r} is not a circle; left out")
    for value in _values(component, ARCHIVED_PROPERTY):
        try:
            card.archived_on = dt.date.fromisoformat(_text(value))
        except ValueError:
            warnings.append(f"{ARCHIVED_PROPERTY} {_text(value)!r} is not a date; left out")
    if not card.name and (card.emails or card.phones):
        card.name = card.emails[0] if card.emails else card.phones[0]
        card.named_by_contact = True
        what = "email" if card.emails else "phone number"
        warnings.append(f"{NAMED_AFTER} {what}")
    return card


def _android_nickname(value: Any) -> str:
    """Android keeps nicknames as "vnd.android.cursor.item/nickname;NICK;1;;;..."."""
    kind, _, rest = str(value).partition(";")
    return _text(rest.split(";")[0]) if kind == "vnd.android.cursor.item/nickname" else ""


def _tel_text(value: str) -> str:
    """A phone as people read it: ``tel:+1-418-656-9254;ext=102`` -> ``+1-418-656-9254 ext. 102``.

    RFC 3966 parameters other than the extension (``phone-context``...) are left out.
    """
    if not value.lower().startswith("tel:"):
        return value
    number, *params = value[4:].split(";")
    for param in params:
        key, _, ext = param.partition("=")
        if key.strip().lower() == "ext" and ext.strip():
            return f"{number.strip()} ext. {ext.strip()}"
    return number.strip()


def number_key(phone: str) -> str:
    """A phone number as ``same_phone`` compares it: its digits, after a "+" when it
    is written with its country code (``+44 ...`` or ``0044 ...``)."""
    digits = phone_key(phone)
    written = phone.strip()
    if written.startswith("+"):
        return "+" + digits
    if written.startswith("00") and digits.startswith("00"):
        return "+" + digits[2:]
    return digits


def same_phone(a: str, b: str) -> bool:
    """Are two ``number_key``s the same number?  Equal; or one written with its country
    code and one without, where the national one, less its trunk 0 (``020 ...``), ends
    the other after at most three digits (+44 20 7946 0958 and 020 7946 0958; +1 555 010
    4444 and (555) 010-4444).  Two national numbers are the same only when equal:
    Berlin's 030 1234 5678 is not Oranienburg's 03301 234 5678."""
    if a == b:
        return True
    if a.startswith("+") == b.startswith("+"):
        return False
    international, national = (a[1:], b) if a.startswith("+") else (b[1:], a)
    national = national.removeprefix("0")
    return (len(national) >= 7 and international.endswith(national)
            and len(international) - len(national) <= 3)  # fmt: skip


def parse_birthday(value: str, params: dict[str, list[str]] | None = None) -> YearlyDate:
    """A vCard BDAY: full date, basic or extended form, or month and day only.

    Raises ``ValueError`` for anything else (text birthdays like "circa 1800").
    """
    text = value.strip().split("T")[0]
    omit = {whole_number(y.strip()) for y in (params or {}).get("X-APPLE-OMIT-YEAR", [])} - {None}
    year: int | None
    m = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
    if m:
        year, month, day = None, int(m.group(1)), int(m.group(2))
    else:
        m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", text)
        if not m:
            raise ValueError(value)
        year, month, day = (int(g) for g in m.groups())
        if year in _NO_YEAR or year in omit:
            year = None
    dt.date(year or 2000, month, day)  # raises ValueError when not a calendar day
    return YearlyDate(month, day, year)
