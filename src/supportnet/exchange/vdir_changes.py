"""What a phone changed on a card since the last sync: a three-way comparison of
the card as it is, the card as supportnet last wrote or read it (the base), and the
person as they are here.  A field changed only on the phone is taken; one changed on
both sides is a conflict, and supportnet's stays (``vdir_cards.import_address_book``).
A name or nickname the phone gives that someone else here goes by is not taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from supportnet.exchange.vcard import Card
from supportnet.text import count_of, fold, phone_key, what_called

if TYPE_CHECKING:
    from sqlmodel import Session

    from supportnet.store.people import Person


def three_way(
    person: Person, base: Card, card: Card, *, groups: set[str]
) -> tuple[dict[str, Any], list[str], list[str]]:
    """What the card changed since ``base`` that supportnet did not: (the
    ``PersonUpdate`` fields, what that is in words, the fields changed on both sides)."""
    from supportnet.dates import YearlyDate

    update: dict[str, Any] = {}
    words: list[str] = []
    conflicts: list[str] = []
    mine_birthday = (
        YearlyDate(person.birthday_month, person.birthday_day, person.birthday_year)
        if person.birthday_month and person.birthday_day
        else None
    )
    if card.named_by_contact and card.name != person.name:  # its name was emptied
        card.warnings.append(f"it has no name (FN or N); kept {person.name!r}")
    for name, theirs, before, mine in (
        # A card with no name is named after its email or phone: that names no one.
        ("name", "" if card.named_by_contact else card.name, base.name, person.name),
        ("note", card.note, base.note, person.note),
        ("birthday", card.birthday, base.birthday, mine_birthday),
    ):
        if theirs in (before, mine):
            continue
        if mine != before:
            conflicts.append(name)
        elif name == "name" and not theirs:
            continue  # a card without a name names no one
        else:
            update[name] = theirs
            if name == "name":
                words.append(f"the name {theirs!r}")
            else:
                words.append(f"the {name}" if theirs is not None else f"the {name}'s removal")
    for what, key, theirs, before, mine in (
        ("phone", phone_key, card.phones, base.phones, person.phones),
        ("email", str.lower, card.emails, base.emails, person.emails),
        ("nickname", fold, card.nicknames, base.nicknames, person.nicknames),
        ("tag", fold, [t for t in card.tags if fold(t) not in groups],
         [t for t in base.tags if fold(t) not in groups], person.tags),
    ):  # fmt: skip
        have = {key(v): v for v in mine}
        was = {key(v) for v in before}
        added = [v for v in theirs if key(v) not in was and key(v) not in have]
        now = {key(v) for v in theirs}
        removed = [have[k] for k in was - now if k in have]
        if added:
            update[f"add_{what}s"] = added
            words.append(count_of(len(added), f"new {what}"))
        if removed:
            update[f"remove_{what}s"] = removed
            words.append(f"{count_of(len(removed), what)} removed")
    return update, words, conflicts


def leave_out_nicknames_others_have(session: Session, person: Person, card: Card) -> None:
    """A nickname added on the phone that is what someone else here is called is left
    out, with a note, as a file import leaves it out (``merging._Index``)."""
    from supportnet.db import connection_of
    from supportnet.store.people import called

    mine = {fold(n) for n in person.nicknames}
    kept = []
    for nick in card.nicknames:
        others = [] if fold(nick) in mine else called(connection_of(session), nick, but=person.id)
        if others:
            labels = [o.label for o in others]
            card.warnings.append(f"nickname {nick!r} left out: it is {what_called(labels)}")
        else:
            kept.append(nick)
    card.nicknames = kept


def keep_a_name_someone_has(
    session: Session, person: Person, update: dict[str, Any], words: list[str], card: Card
) -> bool:
    """A card renamed on the phone to what someone else here is called would make two
    of them (`show Sam` then asks which): the name is not taken, and the card says so
    (True), every import until the card is renamed again."""
    from supportnet.db import connection_of
    from supportnet.store.people import called

    name = update.get("name")
    if not name:
        return False
    others = called(connection_of(session), name, but=person.id, words=False)
    if others:
        card.warnings.append(
            f"its name {name!r} is already {what_called([o.label for o in others])}; kept "
            f"{person.name!r} (`supportnet rename` with --force gives it anyway)"
        )
        del update["name"]
        words.remove(f"the name {name!r}")
    return bool(others)
