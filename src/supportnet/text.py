"""Text as people type it: comparing it with what is recorded (case, accents, typos),
and the cleaning rules every writer applies to names, tags, phones and emails."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
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


#: More digits than any number supportnet keeps needs. A longer number is beyond
#: every limit, so it is read as ``BEYOND`` (Python refuses to convert more than
#: 4,300 digits at all, and a message should say "too large", not crash).
MAX_DIGITS = 100
BEYOND = 10**MAX_DIGITS


def whole_number(digits: str) -> int | None:
    """The value of a typed whole number ("12", "007", "٣"), or None when ``digits``
    is not one ("²", "1.5", "", "-3").

    The one reader of numbers in what people type (dates, recurrences, goals):
    superscripts and other characters Unicode counts as digits but ``int`` does not
    take are not numbers, and a number of more than ``MAX_DIGITS`` digits is
    ``BEYOND`` every limit, so the caller's own range check says what is allowed.
    """
    if not digits.isdecimal():
        return None
    significant = "".join(str(unicodedata.decimal(ch)) for ch in digits).lstrip("0")
    if len(significant) > MAX_DIGITS:
        return BEYOND
    return int(significant or "0")


#: Letters with no accent to take off that people type without their mark all the
#: same (Ødegaard as Odegaard, Łukasz as Lukasz, Æsa as Aesa), folded: lower case.
_PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
     "ħ": "h", "ŧ": "t", "ŋ": "n"}
)  # fmt: skip


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form: 'José  LÓPEZ' -> 'jose lopez',
    'Ødegaard' -> 'odegaard'."""
    if text.isascii():  # nothing to decompose: the same result, many times faster
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_PLAIN_LETTERS).split())


#: Words before a name that are not the person's own name ("Dr. Anna Schmidt" is Anna
#: Schmidt; "Aunt Rosa" is not called "Aunt"), folded.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr"})
#: Words for family that stand before a name ("Aunt Rosa", "Grandma Lee"), folded.
KIN_TITLES = frozenset(
    {"aunt", "auntie", "aunty", "uncle", "grandma", "grandpa", "granny", "grandad",
     "granddad", "grandmother", "grandfather", "nana", "nan", "cousin", "tante", "tia",
     "tio", "oma", "opa"}
)  # fmt: skip

#: Text ``fold_spans`` can fold as ASCII: no whitespace but single spaces.
_ODD_SPACE = re.compile(r"[^\S ]| {2}")


def fold_spans(text: str) -> tuple[str, Sequence[int]]:
    """``text`` folded as ``fold`` folds it, but with its ends unstripped (``fold(text)``
    is the first part's ``strip()``), and for each character of the folded text the
    index in ``text`` it comes from: what is found in the folded text can be replaced
    in the original ('Zoë  X' -> ('zoe x', [0, 1, 2, 3, 5])).  A combining accent
    comes from no folded character: it stays with the letter before it."""
    if text.isascii() and not _ODD_SPACE.search(text):
        return text.casefold(), range(len(text))
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if not ch.isascii():
            decomposed = unicodedata.normalize("NFKD", ch)
            ch = "".join(c for c in decomposed if not unicodedata.combining(c))
        for c in ch.casefold().translate(_PLAIN_LETTERS):
            if c.isspace():
                if space:
                    continue
                c, space = " ", True
            else:
                space = False
            out.append(c)
            where.append(i)
    return "".join(out), where


def closest(word: str, choices: list[str], n: int = 3) -> list[str]:
    """The choices nearest to ``word`` (compared folded), best first."""
    folded = {}
    for choice in choices:
        folded.setdefault(fold(choice), choice)
    keys = difflib.get_close_matches(fold(word), list(folded), n=n, cutoff=0.6)
    return [folded[k] for k in keys]


def typo_hint(text: str, known: Collection[str]) -> str:
    """`` ('wekly': did you mean 'weekly'?)`` for the first word of ``text`` that is a
    near miss of one of ``known`` ("evry", "tusday"), else ``""``.  Words under four
    letters are not judged: too short to be told from a typo."""
    for word in text.split():
        if len(word) < 4 or not word.isalpha() or word in known:
            continue
        near = difflib.get_close_matches(word, known, n=1, cutoff=0.8)
        if near:
            which = "" if word == text.strip() else f"{word!r}: "
            return f" ({which}did you mean {near[0]!r}?)"
    return ""


def similar(typed: str, candidates: Sequence[tuple[str, Sequence[str]]], n: int = 3) -> list[str]:
    """The labels of the candidates ``typed`` is most likely a typo of, best first.

    Each candidate is ``(label, names)``: a person with their name and nicknames,
    a plan with its title.  ``typed`` is compared (folded) with each name whole
    and with each of its words, so "Mya" finds Maya López, "Lopes" finds her too,
    and "Samule" finds Samuel Okafor before Sam Lee.  The one rule for every
    "Did you mean ...?" about a record (people, plans, groups, goals, resources).
    """
    key = fold(typed)
    if not key:
        return []
    scored: list[tuple[float, str]] = []
    for label, names in candidates:
        forms = {fold(name) for name in names}
        forms |= {word for form in list(forms) for word in form.split()}
        best = max((_likeness(key, form) for form in forms), default=0.0)
        if best >= _CUTOFF:
            scored.append((best, label))
    scored.sort(key=lambda pair: (-pair[0], fold(pair[1])))
    labels: list[str] = []
    for _, label in scored:
        if label not in labels:
            labels.append(label)
    return labels[:n]


_CUTOFF = 0.6


def _likeness(key: str, form: str) -> float:
    """difflib's ratio of the two, or 0 when its cheap upper bounds are below the cutoff
    (as ``difflib.get_close_matches`` does): a pasted page is not compared letter by
    letter with every name."""
    matcher = difflib.SequenceMatcher(None, key, form)
    if matcher.real_quick_ratio() < _CUTOFF or matcher.quick_ratio() < _CUTOFF:
        return 0.0
    return matcher.ratio()


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter left out, added, changed, or two
    neighbours swapped ("coffe", "cofee", "dinnr", "lnuch")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


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


#: The longest kind one may add (of a get-together or plan, a favor, a life event).
MAX_KIND_LENGTH = 40


def choose_open_kind(value: str, known: list[str], what: str, *, new: bool = False) -> str:
    """A kind from a list that grows as it is used (``--new-kind``): one of ``known`` as
    ``choose_kind`` matches it, or, when ``new`` is set, a kind not used before, on one
    line and lower-cased like the built-in ones, of at most ``MAX_KIND_LENGTH``
    characters ("a word or two").  Empty is refused.

    The one rule for every open list of kinds: get-togethers and plans, favors, life
    events.  (Closed lists, like circles or kinds of goal, use ``choose_kind``.)
    """
    typed = one_line(value)
    if not typed:
        raise InvalidInput(f"A {what} cannot be empty.")
    try:
        return choose_kind(typed, known, what)
    except InvalidInput as error:
        if not new:
            raise InvalidInput(
                f"{error.message} To add a new kind, repeat the command with --new-kind."
            ) from None
    if len(typed) > MAX_KIND_LENGTH:
        raise InvalidInput(f"A {what} is a word or two (at most {MAX_KIND_LENGTH} characters).")
    return typed.lower()


def first_match(
    pools: Sequence[Sequence[T]],
    rules: Sequence[Callable[[T], bool]],
    loose_from: int | None = None,
) -> list[T]:
    """What the first rule that matches anything finds, trying each pool in turn
    (active records before archived ones, say): one item, several (the reference
    is ambiguous), or none (unknown).

    ``loose_from``: the first of the rules that match only a beginning.  What such a
    rule finds in a pool comes with what the first rule (the whole name) finds in
    the later pools: "walk", the whole title of an ended plan, beside the beginning
    of an active "walking club", names either, never quietly the other one."""
    for place, pool in enumerate(pools):
        for tightness, rule in enumerate(rules):
            found = [item for item in pool if rule(item)]
            if found:
                if loose_from is not None and tightness >= loose_from:
                    later = (x for rest in pools[place + 1 :] for x in rest)
                    found += [x for x in later if rules[0](x) and x not in found]
                return found
    return []


def some_of(
    labels: Sequence[str], last: str = "or", shown: int = 8, in_all: int | None = None
) -> str:
    """The labels in a sentence, the first ``shown`` of them and how many more there
    are: 'A, B or C', 'A, B, C, D, E, F, G, H or 14 more' (``join_words``).
    ``in_all``: how many there are, of which ``labels`` are the first."""
    total = len(labels) if in_all is None else in_all
    if total <= shown:
        return join_words(labels, last)
    return f"{', '.join(labels[:shown])} {last} {total - shown} more"


def what_called(labels: Sequence[str]) -> str:
    """'what Sam Carter (#1) is called', 'what A and B are called': the one wording of a
    name someone else already goes by (``store.people.called``)."""
    return f"what {some_of(labels, 'and')} {plural(len(labels), 'is', 'are')} called"


def parse_id(ref: str, *, hash_required: bool = False) -> int | None:
    """The number of an id reference: ``#12`` (or ``12`` unless ``hash_required``),
    surrounding spaces ignored; None when ``ref`` is not one.

    Every ``resolve_*`` reads ids here (and gives an id: ``get_*`` reads its
    record).  The number may be beyond what the database holds
    ("#99999999999999999999"): such an id simply matches nothing, so look it up
    with ``id_key``, never bind it to SQL as it is.
    """
    m = (_ID if hash_required else _ID_OR_NUMBER).fullmatch(ref.strip())
    return int(m.group(1)) if m else None


def id_key(number: int) -> int | None:
    """``number`` as a value to bind for an id in SQL: None (which equals no row)
    when it is beyond SQLite's integer range, where binding it would fail."""
    return number if SQLITE_MIN_INT <= number <= SQLITE_MAX_INT else None


# --- words for numbers and lists: the one rule for each ------------------------------


def join_words(items: Sequence[str], last: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (or 'A, B or C'): every list in a sentence."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """The word for ``count`` things: ``one`` for exactly 1, else ``many`` (by default
    ``one`` + "s"): 'person'/'people', 'favor'/'favors'; 0 things are plural."""
    return one if count == 1 else many if many is not None else f"{one}s"


def count_of(count: int, one: str, many: str | None = None) -> str:
    """'1 person', '3 people', '0 favors', '1 shared get-together' (``plural``)."""
    return f"{count} {plural(count, one, many)}"


def ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '101st', '111th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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


#: Terminal escape sequences: CSI (``ESC[2J`` clears the screen), OSC (``ESC]0;...BEL``
#: sets the window title), the 8-bit CSI, and two-character ones; then any other
#: control character (C0, DEL, C1).
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b.?"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Lone surrogates: bytes of an argument that were not UTF-8 (Python keeps them as
#: U+DC80-U+DCFF), which SQLite and a UTF-8 terminal cannot take.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def one_line(text: str) -> str:
    """Text for a one-line field (a name, a title, a place): terminal escape sequences
    and control characters gone, line breaks and runs of spaces made one space, bytes
    that were not UTF-8 shown as U+FFFD."""
    if text.isprintable():  # no escape, control character or stray byte: spaces only
        return " ".join(text.split())
    text = _SURROGATE.sub("\ufffd", _ESCAPE_SEQUENCE.sub("", text))
    return " ".join(_CONTROL.sub(" ", text).split())


def lines_of(text: str) -> str:
    """Text for a note: as one-line text, but its line breaks kept (CR LF and CR as LF),
    and the spaces at the end of each line left out."""
    if text.isprintable():  # one line, nothing to take out
        return text.strip()
    text = _ESCAPE_SEQUENCE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SURROGATE.sub("\ufffd", text)
    text = re.sub(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", " ", text)
    return "\n".join(part.rstrip() for part in text.split("\n")).strip()


def on_one_line(text: str) -> str:
    """A note shown where only one line fits (a table cell, a line of help-now): its
    lines joined by " / ", blank ones left out."""
    if "\n" not in text and "\r" not in text:
        return text
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


def printable(text: str) -> str:
    """Text safe to print on a terminal: a control character that reached here (from
    a database written before these rules, say) is shown as its symbol (``␛``), never
    sent raw; line breaks and tabs stay.  A byte that was not UTF-8 (in a file name
    typed, say) is shown as U+FFFD: a UTF-8 terminal could not be sent it."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _symbol(m.group()), text)


def _symbol(char: str) -> str:
    if char in "\n\t":
        return char
    if char < " ":
        return chr(0x2400 + ord(char))  # the Control Pictures: ␀ ... ␛ ... ␟
    return "\u2421" if char == "\x7f" else "\ufffd"  # ␡, and C1 as �


def required_line(value: str | None, message: str) -> str:
    """A title or a name (of a plan, a group, a favor, an event, a goal, a resource,
    what a get-together was): one line as ``one_line`` makes it; empty or only
    spaces is refused with ``message``.  The one rule for every title; notes and
    other optional fields may be empty (``optional_line``, ``optional_note``)."""
    cleaned = one_line(value or "")
    if not cleaned:
        raise InvalidInput(message)
    return cleaned


def clean_name(name: str) -> str:
    """A person's name with its spacing made single; not empty, not an id ("#12")."""
    cleaned = required_line(name, "A name cannot be empty.")
    if cleaned.startswith("#") and cleaned[1:].isdigit():
        raise InvalidInput(f"{cleaned!r} looks like a person's id; give a name instead.")
    return cleaned


def email_address(value: str) -> str:
    """The address in an email as people paste it, on one line: from ``Name <address>``
    (as mail programs copy it and some address books write it) or ``mailto:address``,
    the address."""
    value = one_line(value)
    named = re.fullmatch(r"[^<>]*<([^<>]*)>", value)
    address = named.group(1).strip() if named else value
    return re.sub(r"^mailto:", "", address, flags=re.IGNORECASE)


def clean_email(value: str) -> str:
    """An email address (``email_address``): something@something."""
    address = email_address(value)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", address):
        raise InvalidInput(f"{one_line(value)!r} does not look like an email address.")
    return address


def clean_phone(value: str) -> str:
    """A phone number with single spaces; it must hold a digit."""
    value = one_line(value)
    if not re.search(r"\d", value):
        raise InvalidInput(f"{value!r} does not look like a phone number.")
    return value


def phone_key(phone: str) -> str:
    """What makes two phone numbers the same: their digits (an extension included), so
    "+49 30 123456" is "+4930123456" written another way."""
    return re.sub(r"\D", "", phone)


def unseen(values: Iterable[str], seen: set[str], same: Callable[[str], str]) -> list[str]:
    """The ``values`` not among ``seen`` (compared as ``same`` makes them: ``fold``,
    ``phone_key``), each once; ``seen`` takes in each one kept."""
    kept = []
    for value in values:
        if same(value) not in seen:
            seen.add(same(value))
            kept.append(value)
    return kept


def clean_tag(tag: str) -> str:
    """A tag with single spaces and no leading '#'; not empty."""
    tag = one_line(tag).lstrip("#")
    if not tag:
        raise InvalidInput("A tag cannot be empty.")
    return tag


def clean_nickname(value: str) -> str:
    """A nickname with single spaces; not empty."""
    nick = one_line(value)
    if not nick:
        raise InvalidInput("A nickname cannot be empty.")
    return nick


def optional_line(value: str | None) -> str | None:
    """An optional one-line field (how you met, a place): cleaned, or None when blank."""
    if value is None:
        return None
    return one_line(value) or None


def optional_note(value: str | None) -> str | None:
    """An optional note: its lines kept, cleaned; None when blank."""
    if value is None:
        return None
    return lines_of(value) or None
