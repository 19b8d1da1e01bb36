"""vCard files in (2.1, 3.0 and 4.0) and out (3.0), with vobject.

Reading, step by step:

1. The file's bytes are decoded as UTF-8 (a byte-order mark is allowed; UTF-16
   with a mark too); failing that as Windows-1252, which old Outlook exports use.
   A file with NUL bytes and no UTF-16 mark is binary and refused.
2. The text is split into cards at ``BEGIN:VCARD`` / ``END:VCARD`` lines, keeping
   each card's number and first line, so that one malformed card is reported
   with its position while the others are still read.  This split is the only
   pre-processing done by hand.
3. vobject reads each card with ``allowQP=True``: that joins vCard 2.1
   quoted-printable soft line breaks (a line ending in ``=``), which vobject's
   default reader rejects, and decodes the value with its ``CHARSET``.
   Folded lines (3.0/4.0) and backslash escapes are vobject's.
4. vobject keeps only the first of a comma-separated ``NICKNAME`` list
   (``NICKNAME:Sam,Sammy``); ``_teach_vobject`` registers NICKNAME as the text
   list it is in RFC 2426/6350, as vobject already does for CATEGORIES.

Birthdays: ``1990-03-14``, ``19900314``, ``1990-03-14T00:00:00Z``, ``--03-14``,
``--0314``; year 1604 (Apple's ``X-APPLE-OMIT-YEAR``) and year 0000 mean "no
year".

The duplicate rule lives in ``import_cards``.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from supportnet.dates import YearlyDate
from supportnet.errors import FileProblem, InvalidInput
from supportnet.store.people import CIRCLES, clean_email, clean_name, clean_phone
from supportnet.text import fold

#: Groups that address books add on their own and that are not the user's tags.
IGNORED_CATEGORIES = {"mycontacts", "starred"}
CIRCLE_PROPERTY = "X-SUPPORTNET-CIRCLE"
NOTHING_NEW = "already here, nothing new"
_NO_YEAR = {0, 1604}


@dataclass
class Card:
    """What one vCard says about a person."""

    number: int  # 1 for the first card in the file
    line: int  # the line of its BEGIN:VCARD
    name: str
    nicknames: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    birthday: YearlyDate | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    circle: str | None = None
    warnings: list[str] = field(default_factory=list)
    not_a_person: str | None = None  # why a card (KIND:group) is no one to add


@dataclass
class CardProblem:
    """A card that could not be read at all."""

    number: int
    line: int
    message: str

    def describe(self) -> str:
        return f"card {self.number} (line {self.line}): {self.message}"


@dataclass
class Outcome:
    """What happened to one card."""

    card: Card
    action: str  # added, updated, skipped
    reason: str
    person_id: int | None = None
    person_name: str | None = None  # the name recorded here (may differ from the card's)


# --- reading the file ---------------------------------------------------------------


def decode_text(data: bytes, what: str) -> str:
    """The text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252."""
    if not data.strip():
        raise FileProblem(f"{what} is empty; nothing was imported.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            if "\ufffd" not in text:
                return text
    raise FileProblem(f"{what} is not a text file (it looks binary); nothing was imported.")


def split_cards(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(card number, first line, card text or None if unterminated) per card."""
    number = 0
    start = 0
    lines: list[str] = []
    inside = False
    for index, raw in enumerate(text.splitlines(), start=1):
        word = raw.strip().upper()
        if word == "BEGIN:VCARD":
            if inside:  # the previous card never ended
                yield number, start, None
            number += 1
            start, lines, inside = index, [raw], True
        elif inside:
            lines.append(raw)
            if word == "END:VCARD":
                yield number, start, "\r\n".join(lines) + "\r\n"
                inside = False
    if inside:
        yield number, start, None


_taught = False


def _teach_vobject() -> None:
    """Read and write NICKNAME as a comma-separated list (see the module notes)."""
    global _taught
    if _taught:
        return
    from vobject.base import registerBehavior
    from vobject.icalendar import MultiTextBehavior
    from vobject.vcard import VCard3_0

    VCard3_0.knownChildren.setdefault("NICKNAME", (0, None, None))
    registerBehavior(MultiTextBehavior, "NICKNAME")
    _taught = True


def read_vcards(text: str) -> tuple[list[Card], list[CardProblem]]:
    """Every card of a vCard file's text, and the cards that could not be read."""
    import vobject

    _teach_vobject()
    cards: list[Card] = []
    problems: list[CardProblem] = []
    for number, line, chunk in split_cards(text):
        if chunk is None:
            problems.append(CardProblem(number, line, "it has no END:VCARD line"))
            continue
        try:
            try:
                component = vobject.readOne(chunk, allowQP=True)
            except UnicodeDecodeError:
                # Quoted-printable bytes without a CHARSET that are not UTF-8:
                # old Outlook and phones wrote Windows-1252 there.
                component = vobject.readOne(_with_charset(chunk), allowQP=True)
            cards.append(_card_from(component, number, line))
        except vobject.base.ParseError as error:
            at = getattr(error, "lineNumber", None)
            where = line + int(at) - 1 if isinstance(at, int) and at > 0 else line
            problems.append(CardProblem(number, where, _parse_message(error)))
        except (UnicodeDecodeError, LookupError, ValueError) as error:
            problems.append(CardProblem(number, line, f"it could not be decoded ({error})"))
    return cards, problems


_QP_LINE = re.compile(r"^([A-Za-z0-9.-]+(?:;[^:\r\n]*)?)(:)", re.M)


def _with_charset(chunk: str, charset: str = "windows-1252") -> str:
    """Add ``CHARSET`` to quoted-printable properties that lack one."""

    def fix(m: re.Match[str]) -> str:
        params = m.group(1).upper()
        if "QUOTED-PRINTABLE" in params and "CHARSET" not in params:
            return f"{m.group(1)};CHARSET={charset}:"
        return m.group(0)

    return _QP_LINE.sub(fix, chunk)


def _parse_message(error: Exception) -> str:
    text = str(error)
    m = re.search(r"Failed to parse line: (.*)", text, re.S)
    if m:
        bad = " ".join(m.group(1).split())
        bad = bad if len(bad) <= 40 else bad[:37] + "..."
        return f"a line could not be read ({bad!r})"
    return f"it could not be read ({' '.join(text.split())})"


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if v)
    return " ".join(str(value).split()) if value is not None else ""


def _values(component: Any, key: str) -> list[Any]:
    return [child.value for child in component.contents.get(key, [])]


def _card_from(component: Any, number: int, line: int) -> Card:
    warnings: list[str] = []
    name = next((n for n in (_text(v) for v in _values(component, "fn")) if n), "")
    if not name:
        for n in _values(component, "n"):
            parts = [getattr(n, part, "") for part in ("prefix", "given", "additional",
                                                        "family", "suffix")]  # fmt: skip
            name = _text([_text(p) for p in parts])
            if name:
                break
    card = Card(number=number, line=line, name=name, warnings=warnings)
    kinds = [_text(v).lower() for v in _values(component, "kind")]
    if kinds and kinds[0] in ("group", "location"):
        card.not_a_person = f"it is a {kinds[0]} card (KIND:{kinds[0]}), not a person"
    for value in _values(component, "nickname"):
        for nick in value if isinstance(value, list) else [value]:
            nick = _text(nick)
            if nick and nick not in card.nicknames and fold(nick) != fold(name):
                card.nicknames.append(nick)
    for value in _values(component, "x-android-custom"):
        # Android keeps nicknames as "vnd.android.cursor.item/nickname;NICK;1;;;..."
        kind, _, rest = str(value).partition(";")
        nick = _text(rest.split(";")[0])
        if kind == "vnd.android.cursor.item/nickname" and nick and nick not in card.nicknames:
            card.nicknames.append(nick)
    for value in _values(component, "tel"):
        phone = _text(value)
        phone = re.sub(r"^tel:", "", phone, flags=re.I)
        if not phone:  # an empty TEL line (phones write them) is no phone, not a problem
            continue
        try:
            phone = clean_phone(phone)
        except InvalidInput:
            warnings.append(f"phone {phone!r} left out (no digits)")
            continue
        if phone not in card.phones:
            card.phones.append(phone)
    for value in _values(component, "email"):
        email = re.sub(r"^mailto:", "", _text(value), flags=re.I)
        if not email:
            continue
        try:
            email = clean_email(email)
        except InvalidInput:
            warnings.append(f"email {email!r} left out (not an address)")
            continue
        if email.lower() not in (e.lower() for e in card.emails):
            card.emails.append(email)
    for child in component.contents.get("bday", []):
        try:
            card.birthday = parse_birthday(str(child.value), child.params)
        except ValueError:
            warnings.append(f"birthday {_text(child.value)!r} not understood")
        break
    notes = [str(v).strip() for v in _values(component, "note") if str(v).strip()]
    if notes:
        card.note = "\n".join(n.replace("\r\n", "\n") for n in notes)
    for value in _values(component, "categories"):
        for tag in value if isinstance(value, list) else [value]:
            tag = _text(tag).lstrip("#")
            if tag and fold(tag) not in IGNORED_CATEGORIES and tag not in card.tags:
                card.tags.append(tag)
    for value in _values(component, CIRCLE_PROPERTY.lower().replace("-", "_")) + _values(
        component, CIRCLE_PROPERTY.lower()
    ):
        circle = _text(value).lower()
        if circle in CIRCLES:
            card.circle = circle
    return card


def parse_birthday(value: str, params: dict[str, list[str]] | None = None) -> YearlyDate:
    """A vCard BDAY: full date, basic or extended form, or month and day only.

    Raises ``ValueError`` for anything else (text birthdays like "circa 1800").
    """
    text = value.strip().split("T")[0]
    omit = {int(y) for y in (params or {}).get("X-APPLE-OMIT-YEAR", []) if y.strip().isdigit()}
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


# --- importing ----------------------------------------------------------------------


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


class _Index:
    """Everyone already here, keyed by folded name, email and phone digits."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.by_name: dict[str, set[int]] = {}
        self.by_email: dict[str, set[int]] = {}
        self.by_phone: dict[str, set[int]] = {}
        self.names: dict[int, str] = {}
        for pid, name in conn.execute("SELECT id, name FROM person"):
            self.add_name(pid, name)
        for pid, kind, value in conn.execute("SELECT person_id, kind, value FROM person_contact"):
            self.add_contact(pid, kind, value)

    def add_name(self, pid: int, name: str) -> None:
        self.names[pid] = name
        self.by_name.setdefault(fold(name), set()).add(pid)

    def add_contact(self, pid: int, kind: str, value: str) -> None:
        if kind == "email":
            self.by_email.setdefault(value.strip().lower(), set()).add(pid)
        elif len(_digits(value)) >= 5:
            self.by_phone.setdefault(_digits(value), set()).add(pid)

    def match(self, card: Card) -> tuple[int | None, str | None]:
        """(the one person this card is, or None; a reason when it is unclear)."""
        found: set[int] = set()
        for email in card.emails:
            found |= self.by_email.get(email.lower(), set())
        for phone in card.phones:
            found |= self.by_phone.get(_digits(phone), set()) if len(_digits(phone)) >= 5 else set()
        if not found:
            found = set(self.by_name.get(fold(card.name), set()))
            if len(found) > 1:
                return None, f"several people here are called {card.name}"
        if len(found) > 1:
            who = ", ".join(f"{self.names[p]} (#{p})" for p in sorted(found))
            return None, f"its email or phone belongs to several people here ({who})"
        return (found.pop() if found else None), None


def import_cards(
    conn: sqlite3.Connection, cards: list[Card], today: dt.date, circle: str
) -> list[Outcome]:
    """Add or merge each card, inside the caller's transaction.

    The rule against duplicates: a card is the person already here who has one
    of its email addresses (ignoring case) or phone numbers (comparing digits
    only); failing that, the person with the same name (ignoring case, accents
    and spacing).  Such a card fills in only what is missing — phones, emails,
    nicknames and tags not yet recorded, the birthday and note if there are
    none — and counts as "updated", or as "skipped" when it adds nothing.
    Nothing recorded is ever overwritten or removed, and the circle of someone
    already here is kept.  Other cards add a new person in ``circle`` (or the
    card's X-SUPPORTNET-CIRCLE).  A card matching several people is skipped.
    """
    index = _Index(conn)
    outcomes = []
    for card in cards:
        if not card.name:
            outcomes.append(Outcome(card, "skipped", "it has no name (FN or N)"))
            continue
        if card.not_a_person:
            outcomes.append(Outcome(card, "skipped", card.not_a_person))
            continue
        try:
            card.name = clean_name(card.name)
        except InvalidInput as error:
            outcomes.append(Outcome(card, "skipped", error.message))
            continue
        _drop_unlikely_birth_year(card, today)
        pid, unclear = index.match(card)
        if unclear:
            outcomes.append(Outcome(card, "skipped", unclear))
        elif pid is None:
            pid = _add(conn, card, card.circle or circle, today)
            index.add_name(pid, card.name)
            for kind, values in (("phone", card.phones), ("email", card.emails)):
                for value in values:
                    index.add_contact(pid, kind, value)
            outcomes.append(Outcome(card, "added", "new", pid, card.name))
        else:
            added = _merge(conn, pid, card)
            for kind, values in (("phone", card.phones), ("email", card.emails)):
                for value in values:
                    index.add_contact(pid, kind, value)
            name = index.names[pid]
            if added:
                outcomes.append(Outcome(card, "updated", "added " + _join(added), pid, name))
            else:
                outcomes.append(Outcome(card, "skipped", NOTHING_NEW, pid, name))
    return outcomes


def _drop_unlikely_birth_year(card: Card, today: dt.date) -> None:
    """Keep month and day of a birthday whose year is before 1900 or still to come.

    Address books write placeholder years (0001, 1900 is kept); a birth "year"
    like 2099 would make someone turn -72.
    """
    from supportnet.dates import EARLIEST_YEAR

    b = card.birthday
    if b is None or b.year is None:
        return
    if b.year < EARLIEST_YEAR or dt.date(b.year, b.month, b.day) > today:
        card.warnings.append(
            f"birthday year {b.year} left out (kept {YearlyDate(b.month, b.day).describe()})"
        )
        card.birthday = YearlyDate(b.month, b.day)


def _join(items: list[str]) -> str:
    from supportnet.text import join_words

    return join_words(items)


def _add(conn: sqlite3.Connection, card: Card, circle: str, today: dt.date) -> int:
    b = card.birthday
    cur = conn.execute(
        "INSERT INTO person (name, circle, birthday_month, birthday_day, birthday_year, note,"
        " added_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (card.name, circle, b.month if b else None, b.day if b else None, b.year if b else None,
         card.note, today.isoformat()),
    )  # fmt: skip
    pid = cur.lastrowid
    assert pid is not None
    conn.executemany(
        "INSERT OR IGNORE INTO person_nickname VALUES (?, ?)", [(pid, n) for n in card.nicknames]
    )
    _add_tags(conn, pid, card.tags)
    conn.executemany(
        "INSERT OR IGNORE INTO person_contact (person_id, kind, value) VALUES (?, ?, ?)",
        [(pid, "phone", p) for p in card.phones] + [(pid, "email", e) for e in card.emails],
    )
    return pid


def _add_tags(conn: sqlite3.Connection, pid: int, tags: list[str]) -> int:
    have = {fold(t) for (t,) in conn.execute("SELECT tag FROM person_tag WHERE person_id = ?",
                                             (pid,))}  # fmt: skip
    new = [t for t in tags if fold(t) not in have]
    conn.executemany("INSERT OR IGNORE INTO person_tag VALUES (?, ?)", [(pid, t) for t in new])
    return len(new)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _merge(conn: sqlite3.Connection, pid: int, card: Card) -> list[str]:
    """Fill in what the person lacks; return what was added, in words."""
    added = []
    row = conn.execute("SELECT birthday_month, note FROM person WHERE id = ?", (pid,)).fetchone()
    contacts = conn.execute(
        "SELECT kind, value FROM person_contact WHERE person_id = ?", (pid,)
    ).fetchall()
    phones = {_digits(v) for k, v in contacts if k == "phone"}
    emails = {v.lower() for k, v in contacts if k == "email"}
    new_phones = [p for p in card.phones if _digits(p) not in phones]
    new_emails = [e for e in card.emails if e.lower() not in emails]
    conn.executemany(
        "INSERT OR IGNORE INTO person_contact (person_id, kind, value) VALUES (?, ?, ?)",
        [(pid, "phone", p) for p in new_phones] + [(pid, "email", e) for e in new_emails],
    )
    if new_phones:
        added.append(_count(len(new_phones), "phone"))
    if new_emails:
        added.append(_count(len(new_emails), "email"))
    nicks = {fold(n) for (n,) in conn.execute(
        "SELECT nickname FROM person_nickname WHERE person_id = ?", (pid,))}  # fmt: skip
    name = conn.execute("SELECT name FROM person WHERE id = ?", (pid,)).fetchone()[0]
    new_nicks = [n for n in card.nicknames if fold(n) not in nicks and fold(n) != fold(name)]
    conn.executemany(
        "INSERT OR IGNORE INTO person_nickname VALUES (?, ?)", [(pid, n) for n in new_nicks]
    )
    if new_nicks:
        added.append(_count(len(new_nicks), "nickname"))
    tags = _add_tags(conn, pid, card.tags)
    if tags:
        added.append(_count(tags, "tag"))
    if card.birthday and row[0] is None:
        b = card.birthday
        conn.execute(
            "UPDATE person SET birthday_month = ?, birthday_day = ?, birthday_year = ?"
            " WHERE id = ?",
            (b.month, b.day, b.year, pid),
        )
        added.append("the birthday")
    if card.note and not row[1]:
        conn.execute("UPDATE person SET note = ? WHERE id = ?", (card.note, pid))
        added.append("a note")
    return added


# --- exporting ----------------------------------------------------------------------


def export_vcards(conn: sqlite3.Connection) -> Iterator[str]:
    """Every person as a vCard 3.0, in id order (archived people too)."""
    import vobject

    _teach_vobject()
    people = conn.execute(
        "SELECT id, name, circle, birthday_month, birthday_day, birthday_year, note, added_on"
        " FROM person ORDER BY id"
    )
    for pid, name, circle, month, day, year, note, added in people.fetchall():
        card = vobject.vCard()
        card.add(
            "uid"
        ).value = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'supportnet:{pid}:{added}')}"
        card.add("fn").value = name
        # N from FN: the last word is the family name; emoji and symbols are no name.
        words = [w for w in name.split() if any(ch.isalpha() for ch in w)] or [name]
        card.add("n").value = vobject.vcard.Name(
            family=words[-1] if len(words) > 1 else name,
            given=" ".join(words[:-1]) if len(words) > 1 else "",
        )
        nicks = [n for (n,) in conn.execute(
            "SELECT nickname FROM person_nickname WHERE person_id = ? ORDER BY nickname",
            (pid,))]  # fmt: skip
        if nicks:
            card.add("nickname").value = nicks
        for kind, value in conn.execute(
            "SELECT kind, value FROM person_contact WHERE person_id = ? ORDER BY id", (pid,)
        ):
            line = card.add("tel" if kind == "phone" else "email")
            line.value = value
            if kind == "email":
                line.type_param = "INTERNET"
        if month and day:
            card.add("bday").value = (
                f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            )
        if note:
            card.add("note").value = note
        tags = [t for (t,) in conn.execute(
            "SELECT tag FROM person_tag WHERE person_id = ? ORDER BY tag", (pid,))]  # fmt: skip
        if tags:
            card.add("categories").value = tags
        card.add(CIRCLE_PROPERTY.lower()).value = circle
        yield card.serialize()


# --- one import, as one transaction -------------------------------------------------


@dataclass
class VCardImport:
    """The result of importing one vCard file."""

    file: str
    outcomes: list[Outcome]
    problems: list[CardProblem]
    dry_run: bool

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": "vcard",
            "dry_run": self.dry_run,
            "counts": {
                "cards": len(self.outcomes) + len(self.problems),
                "added": self.count("added"),
                "updated": self.count("updated"),
                "skipped": self.count("skipped"),
                "unreadable": len(self.problems),
            },
            "cards": [
                {
                    "card": o.card.number,
                    "line": o.card.line,
                    "name": o.card.name,
                    "action": o.action,
                    "reason": o.reason,
                    "person_id": o.person_id,
                    "person_name": o.person_name,
                    "warnings": o.card.warnings,
                }
                for o in self.outcomes
            ],
            "problems": [
                {"card": p.number, "line": p.line, "message": p.message} for p in self.problems
            ],
        }


def check_readable(
    cards: list[Card], problems: list[CardProblem], what: str, *, strict: bool
) -> None:
    """Refuse a file with no card at all, or any unreadable card with ``strict``.

    Otherwise unreadable cards are only reported and the rest imported.
    """
    if not cards and not problems:
        raise FileProblem(f"{what} has no vCard in it (no BEGIN:VCARD line); nothing was imported.")
    if problems and (strict or not cards):
        more = len(problems) - 1
        also = f" ({_count(more, 'more card')} could not be read either)" if more else ""
        why = " (--strict)" if cards else ""
        raise FileProblem(f"{what}: {problems[0].describe()}{also}; nothing was imported{why}.")


def import_vcards(
    conn: sqlite3.Connection,
    cards: list[Card],
    problems: list[CardProblem],
    what: str,
    today: dt.date,
    circle: str,
    *,
    dry_run: bool = False,
) -> VCardImport:
    """Import read cards in one transaction (rolled back on a dry run)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        outcomes = import_cards(conn, cards, today, circle)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("ROLLBACK" if dry_run else "COMMIT")
    return VCardImport(what, outcomes, problems, dry_run)
