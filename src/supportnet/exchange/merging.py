"""Which person a contact card is: the rule against duplicates and against wrong merges.

A card is matched to someone already here (or to an earlier card of the same
file) in this order (a card of this database's own export, with the UID it gives
each person, is that person first of all):

1. **Contact details, confirmed by the name.**  People who have one of the
   card's email addresses (case ignored) or phone numbers (digits compared)
   are candidates, but a candidate is the card only when the names agree
   (``names_agree``).  A family landline or a shared email never merges two
   different people: Peter Schmidt sharing Anna Schmidt's home phone is added
   as himself, and the summary says "shares a phone with Anna Schmidt (#1)".
2. **The same name** (case, accents and spacing ignored), when no contact
   detail confirmed anyone, unless the person has another email (or phone) where the
   card has one: a namesake, added as someone else.
3. Otherwise the card is a new person.

Cards earlier in the same file count as people here, except that two cards with
different UIDs are two contacts (an export's namesakes stay two).  A card that
matches several people is skipped with the reason.  A card without
a name (only an email or a phone) is named after that detail and matched by it
alone; a person so named takes the name of the first named card that is them.
A matched card only fills in what is missing; nothing recorded is overwritten.
The whole rule is in docs/exchange.md.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from supportnet.dates import YearlyDate
from supportnet.errors import InvalidInput
from supportnet.exchange.card_names import adds_words, names_agree, same_name
from supportnet.exchange.vcard import FN_AND_N, Card, number_key, same_phone
from supportnet.text import (
    clean_name,
    count_of,
    fold,
    join_words,
    lines_of,
    plural,
    some_of,
    what_called,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from supportnet.models.person import PersonCreate

NOTHING_NEW = "already here, nothing new"
#: A phone number needs this many digits to identify anyone (not "112", not "5").
MIN_PHONE_DIGITS = 5


@dataclass(slots=True)
class Outcome:
    """What happened to one card."""

    card: Card
    action: str  # added, updated, skipped
    reason: str
    person_id: int | None = None
    person_name: str | None = None  # the name recorded here (may differ from the card's)


# --- everyone already here ----------------------------------------------------------


@dataclass(slots=True)
class _Known:
    """One person as far as the rule needs them; details are read on first merge."""

    id: int
    name: str
    nicknames: list[str] = field(default_factory=list)
    phones: set[str] = field(default_factory=set)  # number_key() of each
    emails: set[str] = field(default_factory=set)  # lower-cased
    loaded: bool = False
    tags: set[str] = field(default_factory=set)  # folded
    birthday: YearlyDate | None = None
    note: str | None = None

    def names(self) -> list[str]:
        return [self.name, *self.nicknames]

    def named_by_contact(self) -> bool:
        """Named after their email or phone (a card that had no name)."""
        return self.name.lower() in self.emails or (
            not re.search(r"[^\W\d_]", self.name) and number_key(self.name) in self.phones
        )


class _Index:
    """Everyone already here, keyed by folded name, email and phone digits."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.people: dict[int, _Known] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_email: dict[str, set[int]] = {}
        self.by_phone: dict[str, set[int]] = {}  # by a number's last digits (_phone_slot)
        #: Folded nicknames, and each folded word of a name: what someone is called
        #: (``others_called``).
        self.by_nickname: dict[str, set[int]] = {}
        self.by_word: dict[str, set[int]] = {}
        #: The UID and number of the card of this file that each person is (added from
        #: it, or matched): another card with another UID is another contact of the
        #: address book, however alike.
        self.uids: dict[int, tuple[str, int]] = {}
        for pid, name in conn.execute("SELECT id, name FROM person ORDER BY id"):
            self.add(_Known(pid, name))
        for pid, nick in conn.execute("SELECT person_id, nickname FROM person_nickname"):
            self.people[pid].nicknames.append(nick)
            self.by_nickname.setdefault(fold(nick), set()).add(pid)
        for pid, kind, value in conn.execute("SELECT person_id, kind, value FROM person_contact"):
            self.add_contacts(pid, [value] if kind == "phone" else [], [value] if
                              kind == "email" else [])  # fmt: skip
        self.stored = list(self.people)  # (not those this import adds)
        self._own_uids: dict[str, int] | None = None

    def own(self, uid: str | None) -> int | None:
        """The person here whose UID this database's exports give them, if it is ``uid``."""
        key = _uid_key(uid)
        if key is None:
            return None
        if self._own_uids is None:
            from supportnet.store.identity import database_identity, make_uid

            identity = database_identity(self.conn)
            self._own_uids = {make_uid(identity, "person", pid): pid for pid in self.stored}
        return self._own_uids.get(key)

    def add(self, person: _Known) -> None:
        self.people[person.id] = person
        key = fold(person.name)
        self.by_name.setdefault(key, []).append(person.id)
        for word in set(key.split()):
            self.by_word.setdefault(word, set()).add(person.id)
        self.add_nicknames(person.id, [])

    def rename(self, pid: int, name: str) -> None:
        """``pid`` is now called ``name`` (a person named after a detail takes a card's)."""
        person = self.people[pid]
        old = fold(person.name)
        self.by_name[old].remove(pid)
        for word in set(old.split()):
            self.by_word[word].discard(pid)
        person.name = name
        key = fold(name)
        self.by_name.setdefault(key, []).append(pid)
        for word in set(key.split()):
            self.by_word.setdefault(word, set()).add(pid)

    def add_nicknames(self, pid: int, nicknames: list[str]) -> None:
        person = self.people[pid]
        person.nicknames.extend(nicknames)
        for nick in person.nicknames:
            self.by_nickname.setdefault(fold(nick), set()).add(pid)

    def others_called(self, text: str, pid: int | None) -> list[int]:
        """Everyone but ``pid`` whom ``text`` names whole: their name, a nickname, or
        whole words of their name (``store.people.called``'s rule, over this index)."""
        key = fold(text)
        found = set(self.by_name.get(key, ())) | self.by_nickname.get(key, set())
        words = key.split()
        for other in self.by_word.get(words[0], ()) if words else ():
            if f" {key} " in f" {fold(self.people[other].name)} ":
                found.add(other)
        found.discard(pid)  # type: ignore[arg-type]
        return sorted(found)

    def going_by(self, text: str, pid: int | None) -> list[int]:
        """Everyone but ``pid`` whose name or a nickname is ``text`` (not the words of
        their names): a name taken from a card may not be one of these."""
        key = fold(text)
        found = set(self.by_name.get(key, ())) | self.by_nickname.get(key, set())
        found.discard(pid)  # type: ignore[arg-type]
        return sorted(found)

    def keep_free_nicknames(self, card: Card, pid: int | None) -> None:
        """Leave out a card's nickname that is already what someone else here is called:
        `show Sam` would quietly come to mean them (writes.people.check_names)."""
        kept = []
        for nick in card.nicknames:
            others = self.others_called(nick, pid)
            if others:
                labels = [self.label(o) for o in others]
                card.warnings.append(f"nickname {nick!r} left out: it is {what_called(labels)}")
            else:
                kept.append(nick)
        card.nicknames = kept

    def add_contacts(self, pid: int, phones: list[str], emails: list[str]) -> None:
        person = self.people[pid]
        for phone in phones:
            key = number_key(phone)
            person.phones.add(key)
            if len(key.lstrip("+")) >= MIN_PHONE_DIGITS:
                self.by_phone.setdefault(_phone_slot(key), set()).add(pid)
        for email in emails:
            person.emails.add(email.lower())
            self.by_email.setdefault(email.lower(), set()).add(pid)

    def details(self, pid: int) -> _Known:
        person = self.people[pid]
        if not person.loaded:
            month, day, year, note = self.conn.execute(
                "SELECT birthday_month, birthday_day, birthday_year, note FROM person WHERE id = ?",
                (pid,),
            ).fetchone()
            person.birthday = YearlyDate(month, day, year) if month and day else None
            person.note = note or None
            person.tags = {fold(t) for (t,) in self.conn.execute(
                "SELECT tag FROM person_tag WHERE person_id = ?", (pid,))}  # fmt: skip
            person.loaded = True
        return person

    def label(self, pid: int) -> str:
        return f"{self.people[pid].name} (#{pid})"

    def sharing(self, card: Card) -> dict[int, list[str]]:
        """Everyone who has one of the card's emails or phones, with which ("email")."""
        shared: dict[int, list[str]] = {}
        for email in card.emails:
            for pid in self.by_email.get(email.lower(), ()):
                shared.setdefault(pid, []).append("email")
        for phone in card.phones:
            key = number_key(phone)
            for pid in self.by_phone.get(_phone_slot(key), ()):
                if any(same_phone(key, known) for known in self.people[pid].phones):
                    shared.setdefault(pid, []).append("phone")
        return shared

    def agrees(self, card: Card, pid: int) -> bool:
        """Is ``pid`` the card's person by a detail they share?  When the names agree,
        or one of the two is named after a detail (it has no other name)."""
        return (
            card.named_by_contact
            or self.people[pid].named_by_contact()
            or names_agree([card.name, *card.nicknames], self.people[pid].names())
        )

    def other_details(self, card: Card, pid: int) -> str:
        """'another email', 'another phone', 'another email and phone': the kinds of
        contact detail both the card and ``pid`` have (none the same), or ''."""
        person = self.people[pid]
        kinds = [kind for kind, mine, theirs in (("email", card.emails, person.emails),
                                                 ("phone", card.phones, person.phones))
                 if mine and theirs]  # fmt: skip
        return f"another {' and '.join(kinds)}" if kinds else ""

    def claim(self, pid: int, card: Card) -> None:
        """``pid`` is this card of the file: another card with another UID is not them."""
        if uid := _uid_key(card.uid):
            self.uids.setdefault(pid, (uid, card.number))

    def reserve(self, cards: list[Card]) -> None:
        """Before a file is read in order: each person here whom exactly one card's UID
        confirms by a detail (and the name) is that card's.  A card of another UID that
        has only their name, even earlier in the file, is then someone else."""
        claims: dict[int, dict[str, int]] = {}
        for card in cards:
            uid = _uid_key(card.uid)
            if uid is None or not card.name or card.not_a_person or self.own(uid) is not None:
                continue
            for pid in self.sharing(card):
                if self.agrees(card, pid):
                    claims.setdefault(pid, {}).setdefault(uid, card.number)
        for pid, by_uid in claims.items():
            if len(by_uid) == 1:
                self.uids[pid] = next(iter(by_uid.items()))

    def match(self, card: Card) -> tuple[int | None, str | None, list[str]]:
        """(the one person this card is, or None; why it is unclear; notes on shared details)."""
        own = self.own(card.uid)
        if own is not None:  # a card of this database's own export: renamed since, say
            return own, None, []
        uid = _uid_key(card.uid)

        def other_contact(pid: int) -> bool:  # another card of the file, another UID
            return uid is not None and self.uids.get(pid, (uid,))[0] != uid

        shared = self.sharing(card)
        agreeing = [pid for pid in sorted(shared)
                    if not other_contact(pid) and self.agrees(card, pid)]  # fmt: skip
        notes = [
            f"shares {_details(shared[pid])} with {self.label(pid)}"
            for pid in sorted(shared)
            if pid not in agreeing
        ]
        if len(agreeing) > 1:
            who = ", ".join(self.label(pid) for pid in agreeing)
            return None, f"its email or phone belongs to several people here ({who})", notes
        if agreeing:
            return agreeing[0], None, notes
        if card.named_by_contact:
            return None, None, notes
        named = self.by_name.get(fold(card.name), [])
        same = [pid for pid in named if not other_contact(pid)]
        # A namesake with another email or phone (none shared, or rule 1 had matched) is
        # someone else, unless this contact's own card (its UID): two people merged are
        # not easy to take apart, a duplicate is (`merge`).
        namesakes = [pid for pid in same if self.other_details(card, pid)
                     and (uid is None or self.uids.get(pid, ("",))[0] != uid)]  # fmt: skip
        if namesakes:
            same = [pid for pid in same if pid not in namesakes]
            details = {self.other_details(card, pid) for pid in namesakes}
            notes.append(
                f"not {some_of([self.label(pid) for pid in namesakes], 'and', shown=3)}, who "
                f"{plural(len(namesakes), 'has', 'have')} the same name but "
                f"{details.pop() if len(details) == 1 else 'other emails or phones'}"
            )
        if len(same) > 1:
            return None, f"several people here are called {card.name}", notes
        apart = [pid for pid in named if other_contact(pid) and pid not in shared]
        if apart and not same:  # namesakes: two contacts of the address book
            cards = [self.uids[pid][1] for pid in apart]
            notes.append(
                f"not {join_words([self.label(pid) for pid in apart])}, who "
                f"{plural(len(apart), 'has', 'have')} the same name but "
                f"{plural(len(apart), 'is card', 'are cards')} {join_words(map(str, cards))} "
                f"of this file ({plural(len(apart), 'another UID', 'other UIDs')})"
            )
        return (same[0] if same else None), None, notes


def _phone_slot(key: str) -> str:
    """Where a number is found in ``_Index.by_phone``: its last seven digits, which
    the same number written with or without its country code shares (``same_phone``
    tells them apart)."""
    return key.lstrip("+")[-7:]


def _uid_key(uid: str | None) -> str | None:
    """A card's UID as compared: ``urn:uuid:`` and case do not matter."""
    if not uid:
        return None
    uid = uid.strip().lower()
    return uid.removeprefix("urn:uuid:") or None


def _details(kinds: list[str]) -> str:
    """'a phone', 'an email', 'a phone and an email', '2 phones'."""
    words = []
    for kind, article in (("phone", "a"), ("email", "an")):
        n = kinds.count(kind)
        if n:
            words.append(f"{article} {kind}" if n == 1 else count_of(n, kind))
    return join_words(words)


# --- importing ----------------------------------------------------------------------


def import_cards(session: Session, cards: list[Card], today: dt.date, circle: str) -> list[Outcome]:
    """Add or merge each card, inside the session's transaction (see the module notes).

    A new person goes in ``circle`` unless the card says ``X-SUPPORTNET-CIRCLE``,
    and is archived when the card says ``X-SUPPORTNET-ARCHIVED`` (a supportnet
    export).  People are validated and written by ``writes.people``, with the
    same models and rules as ``supportnet add`` and ``edit``; all of a file's
    new people and changes are written at the end, a few statements in all.
    """
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.person import PersonUpdate
    from supportnet.writes import people as writes

    index = _Index(connection_of(session))
    index.reserve(cards)
    first_id = writes.next_person_id(session)
    new_people: list[PersonCreate] = []
    changes: dict[int, dict[str, Any]] = {}
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
        pid, unclear, notes = index.match(card)
        if not unclear:
            index.keep_free_nicknames(card, pid)
        if unclear:
            outcomes.append(Outcome(card, "skipped", "; ".join([unclear, *notes])))
        elif pid is None:
            new = _add(card, card.circle or circle)
            _say_name_taken(index, None, new.name, card)
            pid = first_id + len(new_people)
            new_people.append(new)
            index.add(_Known(pid, new.name, list(new.nicknames), loaded=True,
                             tags={fold(t) for t in new.tags}, birthday=new.birthday,
                             note=new.note or None))  # fmt: skip
            index.add_contacts(pid, new.phones, new.emails)
            index.claim(pid, card)
            outcomes.append(Outcome(card, "added", "; ".join(["new", *notes]), pid, new.name))
        else:
            index.claim(pid, card)
            done = _merge(index, pid, card, changes.setdefault(pid, {}))
            name = index.people[pid].name
            if done:
                outcomes.append(Outcome(card, "updated", "; ".join([*done, *notes]), pid, name))
            else:
                outcomes.append(Outcome(card, "skipped", "; ".join([NOTHING_NEW, *notes]), pid,
                                        name))  # fmt: skip
    writes.add_people(session, new_people, today, first_id)
    writes.update_people(
        session, {pid: validate(PersonUpdate, change) for pid, change in changes.items() if change}
    )
    return outcomes


def fill_in(session: Session, known: list[tuple[int, Card]], today: dt.date) -> list[Outcome]:
    """Merge each card into the person it is already known to be (a vdir's card whose
    UID is theirs), by the rule of ``import_cards``: only what is missing is filled in."""
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.person import PersonUpdate
    from supportnet.writes import people as writes

    index = _Index(connection_of(session))
    changes: dict[int, dict[str, Any]] = {}
    outcomes = []
    for pid, card in known:
        _drop_unlikely_birth_year(card, today)
        done = _merge(index, pid, card, changes.setdefault(pid, {}))
        name = index.people[pid].name
        if done:
            outcomes.append(Outcome(card, "updated", "; ".join(done), pid, name))
        else:
            outcomes.append(Outcome(card, "skipped", NOTHING_NEW, pid, name))
    writes.update_people(
        session, {pid: validate(PersonUpdate, change) for pid, change in changes.items() if change}
    )
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


def _add(card: Card, circle: str) -> PersonCreate:
    """The new person a card describes, checked as `supportnet add` checks one."""
    from supportnet.models import validate
    from supportnet.models.person import PersonCreate

    return validate(PersonCreate, {
        "name": card.name, "circle": circle, "birthday": card.birthday, "note": card.note,
        "archived_on": card.archived_on, "tags": card.tags, "nicknames": card.nicknames,
        "phones": card.phones, "emails": card.emails,
    })  # fmt: skip


def _merge(index: _Index, pid: int, card: Card, change: dict[str, Any]) -> list[str]:
    """Note in ``change`` what the person lacks; return what that is, in words
    ("took the name ...", "added 1 phone and a note"), or nothing."""
    card.identified()
    person = index.details(pid)
    took = _take_name(index, pid, card, change)
    if not took:
        _say_name_kept(index, pid, card)
    known_nicks = {fold(n) for n in person.names()}
    new = {
        "add_phones": list(dict.fromkeys(
            p for p in card.phones
            if not any(same_phone(number_key(p), known) for known in person.phones))),
        "add_emails": [e for e in card.emails if e.lower() not in person.emails],
        "add_nicknames": [n for n in card.nicknames if fold(n) not in known_nicks],
        "add_tags": [t for t in card.tags if fold(t) not in person.tags],
    }  # fmt: skip
    added = [
        count_of(len(new[key]), what)
        for key, what in (("add_phones", "phone"), ("add_emails", "email"),
                          ("add_nicknames", "nickname"), ("add_tags", "tag"))
        if new[key]
    ]  # fmt: skip
    for key, values in new.items():
        if values:
            change.setdefault(key, []).extend(values)
    b, mine = card.birthday, person.birthday
    if b and mine is None:
        change["birthday"] = person.birthday = b
        added.append("the birthday")
    elif b and b.year and mine and mine.year is None and (b.month, b.day) == (mine.month, mine.day):
        change["birthday"] = person.birthday = b  # a later card knows the year
        added.append("the birthday's year")
    elif b and mine and (b.month, b.day, b.year or mine.year) != (mine.month, mine.day, mine.year):
        card.warnings.append(f"birthday {b} differs from the one recorded ({mine}); kept {mine}")
    if card.note and not person.note:
        change["note"] = person.note = card.note
        added.append("a note")
    elif card.note and lines_of(card.note).split() != person.note.split():  # type: ignore[union-attr]
        card.warnings.append("its note differs from the one recorded; kept the one recorded")
    index.add_contacts(pid, new["add_phones"], new["add_emails"])
    index.add_nicknames(pid, new["add_nicknames"])
    person.tags.update(fold(t) for t in new["add_tags"])
    return [*took, *(["added " + join_words(added)] if added else [])]


def _say_name_kept(index: _Index, pid: int, card: Card) -> None:
    """A card that is someone recorded under another name leaves that name as it is:
    the summary says so when the card's name (FN, or N) says more than the one recorded,
    and how to take it.  Its note on FN and N ("kept FN") would say the wrong name."""
    person = index.people[pid]
    if same_name(card.name, person.name) or person.named_by_contact():  # (``_take_name``)
        return
    card.warnings = [w for w in card.warnings if not w.startswith(FN_AND_N)]
    names = [card.name, *([card.name_from_n] if card.name_from_n else [])]
    if not any(adds_words(name, person.names()) for name in names):
        return  # a shorter form of the name recorded ("Priya S.")
    import shlex

    n = f" (N {card.name_from_n!r})" if card.name_from_n else ""
    rename = f"supportnet rename {shlex.quote(f'#{pid}')} {shlex.quote(card.name)}"
    card.warnings.append(f"its name {card.name!r}{n} differs from the one recorded; kept "
                         f"{person.name!r} (to take the card's: {rename})")  # fmt: skip


def _say_name_taken(index: _Index, pid: int | None, name: str, card: Card) -> None:
    """A new name that is what someone else is called (a nickname of theirs, a word of
    their name: "Sam" beside Sam Carter) names its person exactly from now on: `show
    Sam` then means them.  An import gives it (``add`` asks for --force), and says so;
    a namesake is said apart (``_Index.match``)."""
    others = [o for o in index.others_called(name, pid)
              if fold(index.people[o].name) != fold(name)]  # fmt: skip
    if not others:
        return
    labels = [index.label(o) for o in others]
    names = [index.people[o].name for o in others]
    goes_by = (f"{names[0]} goes by {names[0]!r}" if len(names) == 1 else
               f"they go by their whole names ({', '.join(map(repr, names))})")  # fmt: skip
    card.warnings.append(
        f"{name!r} was {what_called(labels)}: it now names this person exactly, and {goes_by}"
    )


def _take_name(index: _Index, pid: int, card: Card, change: dict[str, Any]) -> list[str]:
    """A person named after their email or phone (added from a card without a name)
    takes the name of the first named card that is them: the one thing they lacked.
    Not a name someone else here goes by (``show NAME`` would then ask which)."""
    person = index.people[pid]
    if card.named_by_contact or not person.named_by_contact():
        return []
    others = index.going_by(card.name, pid)
    if others:
        card.warnings.append(
            f"its name {card.name!r} is already {what_called([index.label(o) for o in others])}; "
            f"kept {person.name!r} (`supportnet rename` with --force gives it anyway)"
        )
        return []
    _say_name_taken(index, pid, card.name, card)
    after = "email" if person.name.lower() in person.emails else "phone number"
    was = person.name
    change["name"] = card.name
    index.rename(pid, card.name)
    return [f"took the name {card.name!r} (it was named after its {after}, {was!r})"]
