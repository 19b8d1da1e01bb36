"""Text as people type it: comparing it with what is recorded (case, accents, typos),
and the cleaning rules every writer applies to names, tags, phones and emails."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from supportnet.errors import InvalidInput

T = TypeVar("T")

#: The range of an integer SQLite can store, so of every id (a signed 64-bit integer).
SQLITE_MIN_INT = -(2**63)
SQLITE_MAX_INT = 2**63 - 1

# "#12" or "12" (the "#" optional or required), spaces allowed after the "#".  More
# than 100 digits is not read as a number at all: far beyond any id, and beyond what
# Python converts to an int (or prints) without complaint.
_ID = re.compile(r"#\s*(\d{1,100})")
_ID_OR_NUMBER = re.compile(r"#?\s*(\d{1,100})")


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form: 'José  LÓPEZ' -> 'jose lopez'."""
    if text.isascii():  # nothing to decompose: the same result, many times faster
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def closest(word: str, choices: list[str], n: int = 3) -> list[str]:
    """The choices nearest to ``word`` (compared folded), best first."""
    folded = {}
    for choice in choices:
        folded.setdefault(fold(choice), choice)
    keys = difflib.get_close_matches(fold(word), list(folded), n=n, cutoff=0.6)
    return [folded[k] for k in keys]


def choose_kind(value: str, kinds: list[str], what: str) -> str:
    """Match ``value`` to one of ``kinds`` (folded; ``_``/``-`` read as spaces).

    An unknown kind raises ``InvalidInput`` naming the close ones.
    """

    def loose(text: str) -> str:
        return fold(text.replace("_", " ").replace("-", " "))

    key = loose(value)
    for kind in kinds:
        if loose(kind) == key:
            return kind
    near = closest(key, kinds)
    hint = f" Did you mean {' or '.join(near)}?" if near else ""
    raise InvalidInput(f"Unknown {what} {value!r}.{hint} Known: {', '.join(kinds)}.")


def first_match(pools: Sequence[Sequence[T]], rules: Sequence[Callable[[T], bool]]) -> list[T]:
    """What the first rule that matches anything finds, trying each pool in turn
    (active records before archived ones, say): one item, several (the reference
    is ambiguous), or none (unknown)."""
    for pool in pools:
        for rule in rules:
            found = [item for item in pool if rule(item)]
            if found:
                return found
    return []


def parse_id(ref: str, *, hash_required: bool = False) -> int | None:
    """The number of an id reference: ``#12`` (or ``12`` unless ``hash_required``),
    surrounding spaces ignored; None when ``ref`` is not one.

    Every ``resolve_*`` reads ids here.  The number may be beyond what the
    database holds ("#99999999999999999999"): such an id simply matches nothing,
    so look it up with ``id_key``, never bind it to SQL as it is.
    """
    m = (_ID if hash_required else _ID_OR_NUMBER).fullmatch(ref.strip())
    return int(m.group(1)) if m else None


def id_key(number: int) -> int | None:
    """``number`` as a value to bind for an id in SQL: None (which equals no row)
    when it is beyond SQLite's integer range, where binding it would fail."""
    return number if SQLITE_MIN_INT <= number <= SQLITE_MAX_INT else None


def join_words(items: list[str], last: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def title_with(title: str, names: list[str]) -> str:
    """'climbing with Sam Carter'; the title alone when it already names everyone.

    "Sunday call with Maya" planned with Maya López stays as it is, rather than
    "Sunday call with Maya with Maya López": each person counts as named when the
    title holds their first word (or whole name) as a word.
    """
    if not names:
        return title
    words = f" {fold(title)} "
    mentioned = all(
        f" {fold(name)} " in words or f" {fold(name).split(' ')[0]} " in words
        for name in names
        if fold(name)
    )
    return title if mentioned else f"{title} with {join_words(names)}"


# --- cleaning what is typed (or imported) -------------------------------------------


def clean_name(name: str) -> str:
    """A person's name with its spacing made single; not empty, not an id ("#12")."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("A name cannot be empty.")
    if cleaned.startswith("#") and cleaned[1:].isdigit():
        raise InvalidInput(f"{cleaned!r} looks like a person's id; give a name instead.")
    return cleaned


def clean_email(value: str) -> str:
    """An email address, trimmed: something@something."""
    value = value.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", value):
        raise InvalidInput(f"{value!r} does not look like an email address.")
    return value


def clean_phone(value: str) -> str:
    """A phone number with single spaces; it must hold a digit."""
    value = " ".join(value.split())
    if not re.search(r"\d", value):
        raise InvalidInput(f"{value!r} does not look like a phone number.")
    return value


def clean_tag(tag: str) -> str:
    """A tag with single spaces and no leading '#'; not empty."""
    tag = " ".join(tag.split()).lstrip("#")
    if not tag:
        raise InvalidInput("A tag cannot be empty.")
    return tag
