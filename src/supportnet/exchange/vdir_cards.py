"""The address book as a vdir: one vCard per person, out and back (docs/sync.md).

Out (`supportnet export --format vdir DIR`): every person as ``UID.vcf`` (the
card of ``vcard_export.person_card``: vCard 4.0, or 3.0), archived people too
with ``X-SUPPORTNET-ARCHIVED``; the circles and communities as group cards
(``KIND:group`` with a ``MEMBER`` per person, or Apple's ``X-ADDRESSBOOKSERVER-``
form in 3.0), or, with ``groups="categories"``, as CATEGORIES of each person's
card.  A card first read from the folder keeps its file, its UID, its version
and every property supportnet does not write itself (a photo, an address, an
organisation): the phone's contact is updated, never replaced by a poorer one.

Back (`supportnet import --vdir DIR`): each card the folder holds that changed
since supportnet last wrote or read it is

* a person known from an earlier sync (by its file) or by supportnet's own UID:
  the fields changed on the phone since then are taken (a name, a note, a
  birthday; phones, emails, nicknames and tags added or removed); a field
  changed on both sides keeps supportnet's version, and the summary names the
  person and the field.  With no earlier sync to compare with, only what is
  missing here is filled in (the vCard import's rule);
* otherwise new to supportnet: the vCard import's rule (``merging``) finds who
  it is or adds them, and the file is remembered as theirs.

Circles and archiving are supportnet's own and are never read back; group
cards are passed over.  A card removed from the folder removes no one: the
person stays, and the next export writes their card again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supportnet.config import CIRCLES
from supportnet.errors import FileProblem
from supportnet.exchange.vcard import READ_PROPERTIES, Card
from supportnet.exchange.vdir import (
    NOT_OURS,
    FolderChange,
    Item,
    content_hash,
    fingerprint,
    folder_key,
    is_item_file,
    refuse_the_other_kind,
)
from supportnet.exchange.vdir_changes import (
    keep_a_name_someone_has,
    leave_out_nicknames_others_have,
    three_way,
)
from supportnet.text import count_of, fold, join_words, phone_key, some_of

if TYPE_CHECKING:
    from supportnet.store.people import Person
    from supportnet.store.vdir import ItemState

KINDS = ("person", "circle", "group")
GROUPINGS = ("cards", "categories")
#: How a phone shows each circle's group.
CIRCLE_LABELS = {
    "inner": "Inner circle",
    "close": "Close friends",
    "friend": "Friends",
    "acquaintance": "Acquaintances",
    "prospect": "People to know better",
    "professional": "Professionals",
}
#: Changed when what a card holds changes: every fingerprint then differs.
_LAYOUT = 1
#: Properties supportnet writes (or reads) itself; a card's others are carried over.
_OWN = READ_PROPERTIES | {"BEGIN", "END", "PRODID", "REV", "MEMBER", "X-ADDRESSBOOKSERVER-MEMBER"}
_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")


# --- out ----------------------------------------------------------------------------


def export_address_book(
    conn: sqlite3.Connection,
    folder: Path,
    *,
    version: str = "4.0",
    groups: str = "cards",
    now: dt.datetime,
    database: Path,
) -> FolderChange:
    """Bring the address-book vdir ``folder`` in step with everyone here."""
    from supportnet.exchange.vdir import write_folder
    from supportnet.store.groups import current_groups
    from supportnet.store.identity import database_identity, make_uid
    from supportnet.store.people import every_person

    refuse_the_other_kind(
        folder,
        ".ics",
        f"{folder} holds calendar files (.ics); the address book goes in a "
        "folder of its own (export --format vdir ~/.contacts/supportnet). Nothing was written.",
    )
    identity = database_identity(conn)
    people = list(every_person(conn))
    communities = current_groups(conn)

    def build(states: dict[tuple[str, str], ItemState]) -> list[Item]:
        items: list[Item] = []
        uids: dict[int, str] = {}
        joined: dict[int, list[str]] = {}
        for group in communities:
            for pid, _ in group.members:
                joined.setdefault(pid, []).append(group.name)
        for person in people:
            state = states.get(("person", str(person.id)))
            own = make_uid(identity, "person", person.id)
            uid = state.uid if state else f"urn:uuid:{own}"
            href = state.href if state else f"{own}.vcf"
            uids[person.id] = uid
            categories = []
            if groups == "categories" and person.archived_on is None:
                have = {fold(tag) for tag in person.tags}
                for name in [CIRCLE_LABELS[person.circle], *joined.get(person.id, [])]:
                    if fold(name) not in have:  # a tag "chorus" and the group Chorus: one
                        have.add(fold(name))
                        categories.append(name)
            base = state.base if state else None
            items.append(Item(
                "person", str(person.id), uid, href,
                fingerprint(_LAYOUT, version, uid, repr(person), categories),
                functools.partial(_person_text, person, uid, version, categories, base),
            ))  # fmt: skip
        if groups != "cards":
            return items
        active = {p.id for p in people if p.archived_on is None}
        named = [
            ("circle", circle, CIRCLE_LABELS[circle],
             [uids[p.id] for p in people if p.circle == circle and p.id in active])
            for circle in CIRCLES
        ] + [
            ("group", str(g.id), g.name, [uids[pid] for pid, _ in g.members if pid in active])
            for g in communities
        ]  # fmt: skip
        for kind, source, name, members in named:
            if not members:
                continue
            own = make_uid(identity, kind, source)
            uid = f"urn:uuid:{own}"
            items.append(Item(
                kind, source, uid, f"{own}.vcf", fingerprint(_LAYOUT, version, uid, name, members),
                functools.partial(_group_text, uid, name, members, version),
            ))  # fmt: skip
        return items

    return write_folder(conn, folder, KINDS, build, now=now, database=database, keep_base=True)


def _group_text(uid: str, name: str, members: list[str], version: str) -> str:
    from supportnet.exchange.vcard_export import group_card

    return group_card(uid, name, members, version)


def _person_text(
    person: Person, uid: str, version: str, categories: list[str], base: str | None
) -> str:
    """The person's card; a card the phone made keeps its version, the properties
    supportnet does not write, and its own line for each phone and email still here
    (its ``TYPE=CELL``, or Apple's ``item1.`` group and its label).  A card supportnet
    wrote (nothing but what it would write again) takes the version asked for."""
    from supportnet.exchange.vcard_export import person_card

    theirs, carried, lines = _foreign(base) if base else (None, [], {})
    if lines and not carried and theirs in ("3.0", "4.0") and theirs != version:
        ours = _foreign(person_card(person, uid, theirs, categories))[2]
        if all(ours.get(key, line) == line for key, line in lines.items()):
            lines = {}  # its lines are supportnet's own: nothing of the phone's to keep
    if (carried or lines) and theirs in ("3.0", "4.0"):
        version = theirs
    else:
        lines = {}  # (a 2.1 card's own lines are not written into a 3.0 or 4.0 one)
    text = person_card(person, uid, version, categories)
    if lines:
        text = "".join(_theirs_if_same(prop, lines) for prop in _properties(text))
    if carried:
        text = text.replace("END:VCARD\r\n", "\r\n".join([*carried, "END:VCARD\r\n"]))
    return text


#: supportnet's own properties whose line on the phone's card is kept while the value is.
_KEYS = {"TEL": phone_key, "EMAIL": str.lower}


def _properties(text: str) -> list[str]:
    """A card's text cut into its properties, each with its folded lines and line ends."""
    properties: list[str] = []
    for raw in text.splitlines(keepends=True):
        if raw[0] in " \t" and properties:
            properties[-1] += raw
        else:
            properties.append(raw)
    return properties


def _value(prop: str) -> str:
    """A property's value: after the first colon outside double quotes, unfolded."""
    unfolded = re.sub(r"\r?\n[ \t]", "", prop).rstrip("\r\n")
    quoted = False
    for i, char in enumerate(unfolded):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return unfolded[i + 1 :]
    return ""


def _key(name: str | None, prop: str) -> tuple[str, str] | None:
    if name not in _KEYS:
        return None
    value = _value(prop).strip()
    if name == "TEL" and value.lower().startswith("tel:"):
        value = value[4:]
    key = _KEYS[name](value)
    return (name, key) if key else None


def _theirs_if_same(prop: str, lines: dict[tuple[str, str], str]) -> str:
    """The phone's own line for a phone or email supportnet writes, if it had one."""
    m = _NAME.match(prop)
    key = _key(m.group(1).upper(), prop) if m else None
    return lines.pop(key, prop) if key else prop  # (once: two of a number stay two)


def _foreign(text: str) -> tuple[str | None, list[str], dict[tuple[str, str], str]]:
    """A card's version, the raw lines of the properties supportnet does not keep,
    and its own phone and email lines by (property, value's key).  A grouped
    property (``item1.X-ABLabel``) goes with its group's phone or email: carried
    while that is, left out with it."""
    version = None
    properties: list[tuple[str | None, str | None, list[str]]] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if raw[0] in " \t" and properties:
            properties[-1][2].append(raw)
            continue
        m = _NAME.match(raw)
        group = raw.partition(".")[0].upper() if m and "." in raw[: m.end(1)] else None
        properties.append((m.group(1).upper() if m else None, group, [raw]))
    own_groups = {group for name, group, _ in properties if group and name in _OWN}
    labels: dict[str, list[str]] = {}
    for name, group, lines in properties:
        if group in own_groups and name not in _OWN:
            labels.setdefault(group, []).extend(lines)  # type: ignore[arg-type]
    own: dict[tuple[str, str], str] = {}
    for name, group, lines in properties:
        key = _key(name, "\r\n".join(lines))
        if key and key not in own:
            own[key] = "\r\n".join([*lines, *labels.pop(group, [])]) + "\r\n"  # type: ignore[arg-type]
    carried: list[str] = []
    for name, group, lines in properties:
        if name == "VERSION":
            version = lines[0].partition(":")[2].strip()
        elif group in own_groups and name not in _OWN:
            continue  # a label of a phone or email: written with it (or not at all)
        elif name == "X-ANDROID-CUSTOM":
            if "vnd.android.cursor.item/nickname" not in lines[0]:
                carried.extend(lines)
        elif name is not None and name not in _OWN:
            carried.extend(lines)
    return version, carried, own


# --- back ---------------------------------------------------------------------------


@dataclass
class CardChange:
    """What an import did with one card of the folder."""

    href: str
    name: str
    action: str  # added, updated, skipped
    reason: str
    person_id: int | None = None
    conflicts: list[str] = field(default_factory=list)  # fields kept as supportnet had them
    warnings: list[str] = field(default_factory=list)  # what of the card was not taken

    def to_json(self) -> dict[str, Any]:
        return {"file": self.href, "name": self.name, "action": self.action,
                "reason": self.reason, "person_id": self.person_id,
                "conflicts": self.conflicts, "warnings": self.warnings}  # fmt: skip


@dataclass
class VdirImport:
    """The result of `supportnet import --vdir`."""

    folder: str
    dry_run: bool
    files: int = 0
    unchanged: int = 0
    changes: list[CardChange] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # people whose card left the folder
    problems: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def conflicts(self) -> list[str]:
        """'Maya Lopez (#3): note' for each field changed on both sides."""
        return [f"{c.name} (#{c.person_id}): {f}" for c in self.changes for f in c.conflicts]

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder, "format": "vdir", "dry_run": self.dry_run,
            "counts": {"files": self.files, "unchanged": self.unchanged,
                       "added": self.count("added"), "updated": self.count("updated"),
                       "skipped": self.count("skipped"), "conflicts": len(self.conflicts),
                       "gone": len(self.gone), "unreadable": len(self.problems)},
            "cards": [c.to_json() for c in self.changes],
            "conflicts": self.conflicts, "gone": self.gone, "problems": self.problems,
        }  # fmt: skip


@dataclass
class _Read:
    href: str
    text: str
    data: bytes
    stat: os.stat_result
    card: Card
    state: ItemState | None
    several: bool = False  # the file holds more cards (``_person_row``)


def import_address_book(
    conn: sqlite3.Connection,
    folder: Path,
    *,
    today: dt.date,
    now: dt.datetime,
    circle: str = "acquaintance",
    dry_run: bool = False,
) -> VdirImport:
    """Read the address-book vdir ``folder`` (see the module notes), in one transaction."""
    from supportnet.db import connection_of, write_session
    from supportnet.exchange import merging
    from supportnet.exchange.vcard import read_vcards
    from supportnet.exchange.vcard_import import note_guessed
    from supportnet.exchange.vdir import record
    from supportnet.store.identity import database_identity, make_uid
    from supportnet.store.people import every_person
    from supportnet.store.vdir import item_states
    from supportnet.writes.vdir import forget_items, record_items

    folder = folder_key(folder)
    if not folder.is_dir():
        raise FileProblem(f"There is no folder {folder}.")
    result = VdirImport(str(folder), dry_run)
    states = {s.href: s for s in item_states(conn, str(folder), KINDS)}
    identity = database_identity(conn)
    try:
        names = sorted(n for n in os.listdir(folder) if is_item_file(n, ".vcf"))
    except OSError as error:
        from supportnet.safe_files import problem

        raise problem(error, folder, "read") from None
    if not names and any(is_item_file(n, ".ics") for n in os.listdir(folder)):
        raise FileProblem(
            f"{folder} holds calendar files (.ics), not cards; import --vdir "
            "reads an address book (.vcf files). The calendar is not read back."
        )
    if not names and not states:
        _refuse_a_folder_of_address_books(folder)
    result.files = len(names)
    touched: list[dict[str, Any]] = []  # same content, new time: only the row changes
    changed: list[_Read] = []
    for href in names:
        path = folder / href
        try:
            stat = os.stat(path)
            state = states.get(href)
            if state and (stat.st_size, stat.st_mtime_ns) == (state.size, state.mtime_ns):
                result.unchanged += 1
                continue
            data = path.read_bytes()
        except OSError as error:
            result.problems.append(f"{href}: could not be read ({error.strerror or error})")
            continue
        if state and content_hash(data) == state.content_hash:
            result.unchanged += 1
            touched.append(record(folder, state.kind, state.source, href, state.uid, data, stat,
                                  now, fingerprint=state.fingerprint, base=state.base))  # fmt: skip
            continue
        guessed: list[int] = []
        lines = _card_lines(data, guessed)
        text = None if lines is None else "\n".join(line or "" for line in lines)
        cards, problems = read_vcards(lines) if lines is not None else ([], [])
        note_guessed(cards, problems, guessed)
        if not cards:
            why = (problems[0].message if problems else
                   "it is empty" if not data.strip() else
                   "it is not a text file (it looks binary)" if text is None else
                   "it holds a calendar (iCalendar), not a vCard"
                   if "BEGIN:VCALENDAR" in text.upper() else "it holds no vCard")  # fmt: skip
            if state is not None:  # the export leaves a changed file as it is: the way out
                why += ("; it was left out (it held a card supportnet wrote: mend it, or "
                        "delete it and the next export writes it again)")  # fmt: skip
            else:
                why += "; it was left out"
            result.problems.append(f"{href}: {why}")
            continue
        several = len(cards) + len(problems) > 1  # one card a file: the others are not read
        if several:
            cards[0].warnings.append(
                f"the file holds {len(cards) + len(problems)} cards; only the first was read, "
                "and an export leaves the file as it is (a vdir holds one card a file: move "
                f"the file out of the folder and bring it in with `supportnet import {href}`)"
            )
        changed.append(_Read(href, text, data, stat, cards[0], state, several))
    seen = set(names)
    gone = [s for s in states.values() if s.href not in seen]
    with write_session(conn, dry_run=dry_run) as session:
        people = {p.id: p for p in every_person(connection_of(session))}
        ours = {f"urn:uuid:{make_uid(identity, 'person', pid)}": pid for pid in people}
        known: list[tuple[_Read, int]] = []
        fresh: list[_Read] = []
        rows = list(touched)
        # Each person's one file in the folder (a file still there): a second card
        # for them (a copy, the same UID twice) is left alone, never made theirs,
        # or the two files would take turns at each sync.
        files_of = {s.source: s.href for s in states.values() if s.kind == "person"
                    and s.href in seen}  # fmt: skip
        for read in changed:
            card, state = read.card, read.state
            if card.not_a_person:
                if state is None or state.kind == "person":
                    result.changes.append(CardChange(read.href, card.name, "skipped",
                                                     card.not_a_person))  # fmt: skip
                else:  # supportnet's own group card: not read back, written again
                    rows.append(record(folder, state.kind, state.source, read.href, state.uid,
                                       read.data, read.stat, now, fingerprint=None,
                                       base=read.text))  # fmt: skip
                continue
            pid = int(state.source) if state and state.kind == "person" else None
            pid = pid if pid is not None else ours.get(_bare(card.uid))
            if pid is not None and pid not in people:
                result.changes.append(CardChange(read.href, card.name, "skipped",
                    "removed here; the next export removes this card too", pid))  # fmt: skip
            elif pid is not None and files_of.setdefault(str(pid), read.href) != read.href:
                result.changes.append(CardChange(read.href, card.name, "skipped",
                    f"another card for {people[pid].label}, whose card in the folder is "
                    f"{files_of[str(pid)]}; this one is left as it is", pid))  # fmt: skip
            elif pid is not None:
                known.append((read, pid))
            else:
                fresh.append(read)
        # Circles and communities are in CATEGORIES only when the export put them
        # there (``--groups categories``, which writes no group cards); otherwise a
        # category called "Friends" is the person's own tag.
        as_cards = any(state.kind != "person" for state in states.values())
        groups = set() if as_cards else _group_words(connection_of(session))
        updates: dict[int, dict[str, Any]] = {}
        blind: list[tuple[int, Card]] = []
        blind_reads: list[_Read] = []
        unsettled: set[str] = set()
        for read, pid in known:
            read.card.identified()
            base = read.state.base if read.state else None
            base_cards = read_vcards(base)[0] if base else []
            if not base_cards:
                blind.append((pid, read.card))
                blind_reads.append(read)
                continue
            leave_out_nicknames_others_have(session, people[pid], read.card)
            update, words, conflicts = three_way(people[pid], base_cards[0], read.card,
                                                  groups=groups)  # fmt: skip
            if keep_a_name_someone_has(session, people[pid], update, words, read.card):
                unsettled.add(read.href)  # asked again: the base stays as it was
            if update:
                updates[pid] = update
            action = "updated" if update else "skipped"
            reason = ("took " + join_words(words) + " from the card") if words else "nothing new"
            result.changes.append(CardChange(read.href, people[pid].name, action, reason, pid,
                                             conflicts, read.card.warnings))  # fmt: skip
        if updates:
            from supportnet.models import validate
            from supportnet.models.person import PersonUpdate
            from supportnet.writes.people import update_people

            update_people(session, {pid: validate(PersonUpdate, u) for pid, u in updates.items()})
        for outcome, read in zip(merging.fill_in(session, blind, today), blind_reads):
            result.changes.append(CardChange(read.href, outcome.person_name or read.card.name,
                outcome.action, outcome.reason, outcome.person_id,
                warnings=read.card.warnings))  # fmt: skip
        outcomes = merging.import_cards(session, [r.card for r in fresh], today, circle)
        for outcome, read in zip(outcomes, fresh):
            reason = outcome.reason
            pid = outcome.person_id
            if pid is not None and files_of.setdefault(str(pid), read.href) != read.href:
                reason += "; this person already has another card in the folder"
                pid = None  # not remembered: one file per person
            result.changes.append(CardChange(read.href, outcome.person_name or read.card.name,
                outcome.action, reason, outcome.person_id,
                warnings=read.card.warnings))  # fmt: skip
            if pid is not None:
                rows.append(_person_row(folder, read, pid, now))
        rows += [_person_row(folder, read, pid, now) for read, pid in known
                 if read.href not in unsettled]  # fmt: skip
        for state in gone:  # (a new card in the folder may be theirs now: not gone)
            if (
                state.kind == "person"
                and int(state.source) in people
                and (files_of.get(state.source) is None)
            ):
                result.gone.append(f"{people[int(state.source)].name} (#{state.source})")
        forget_items(session, [s.id for s in gone])
        record_items(session, rows)
    return result


def _person_row(folder: Path, read: _Read, pid: int, now: dt.datetime) -> dict[str, Any]:
    """The record of ``read``'s file as ``pid``'s card.  A file of several cards is
    recorded as holding what it cannot hold: the export then finds it changed and
    leaves it as it is (their one card written over it would lose the others), and
    each import reads it again."""
    from supportnet.exchange.vdir import record

    row = record(folder, "person", str(pid), read.href, read.card.uid or read.href,
                 b"" if read.several else read.data, read.stat, now, fingerprint=None,
                 base=read.text)  # fmt: skip
    if read.several:
        row["size"] = NOT_OURS  # never the file's: read again, and its note given again
    return row


def _refuse_a_folder_of_address_books(folder: Path) -> None:
    """vdirsyncer's ``path = "~/.contacts/"`` holds one folder for each address book:
    given that folder, name the address books inside it rather than read no card."""
    books = []
    with contextlib.suppress(OSError):
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            cards = sum(1 for n in os.listdir(sub) if is_item_file(n, ".vcf"))
            if cards:
                books.append((sub, cards))
    if not books:
        return
    inside = some_of([f"{sub.name}/ ({count_of(n, 'card')})" for sub, n in books], "and")
    raise FileProblem(
        f"{folder} holds no cards itself, but address books do inside it: {inside}; "
        f"import one with supportnet import --vdir {books[0][0]}."
    )


def _card_lines(data: bytes, guessed: list[int]) -> list[str | None] | None:
    """A card file's lines, decoded as `supportnet import FILE.vcf` decodes one
    (``vcard_file.decoded_lines``: UTF-8, UTF-16 with a mark, else a property's
    CHARSET or Windows-1252: an old phone's "Zoë" stays "Zoë", the line said in
    ``guessed``); None for an empty or binary file."""
    from supportnet.exchange.vcard_file import decoded_lines

    try:
        return list(decoded_lines(io.BytesIO(data), "the card", guessed))
    except FileProblem:
        return None


def _bare(uid: str | None) -> str | None:
    """A UID as supportnet writes its own: ``urn:uuid:`` and the UUID."""
    if uid is None:
        return None
    return uid if uid.lower().startswith("urn:uuid:") else f"urn:uuid:{uid}"


def _group_words(conn: sqlite3.Connection) -> set[str]:
    """The categories a vdir export may add for circles and communities (not tags)."""
    names = {fold(label) for label in CIRCLE_LABELS.values()}
    names.update(fold(n) for (n,) in conn.execute("SELECT name FROM community"))
    return names
