"""When two names are one person: the names half of the vCard import's rule
against duplicates and wrong merges (``merging``; docs/exchange.md).

"Ella S." is Ella Schmidt, "J. Smith" John Smith, "Sammy C" Sam Carter (nicknamed
Sammy); Anna Schmidt is not Peter Schmidt.  Pure: names in, an answer out.
"""

from __future__ import annotations

import re

from supportnet.text import TITLES, fold

#: How many of a card's nicknames are tried as forms of its name.
MAX_NAME_FORMS = 20
#: Words that say nothing about who someone is: "Dr. Anna Schmidt" is Anna Schmidt.
_TITLES = TITLES | {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}


def _words(name: str) -> list[str]:
    words = re.findall(r"\w+", fold(name))
    return [w for w in words if w not in _TITLES] or words


def _word_agrees(a: str, b: str) -> bool:
    """The same word (an umlaut written out too: "mueller" is "muller", as ``fold``
    makes Müller), or one is the other's initial ("J" and "John")."""
    return (
        a == b
        or (len(a) == 1 and b.startswith(a))
        or (len(b) == 1 and a.startswith(b))
        or _UMLAUT_SPELLED.sub(r"\1", a) == _UMLAUT_SPELLED.sub(r"\1", b)
    )


#: How German writes an umlaut without one: ae, oe, ue (Mueller for Müller).
_UMLAUT_SPELLED = re.compile(r"([aou])e")


def _forms_agree(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    if a == b or sorted(a) == sorted(b):  # "Schmidt, Anna" is Anna Schmidt
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not _word_agrees(short[0], long[0]):  # the first names must agree
        return False
    at = 1
    for word in short[1:]:  # every other word, in order, possibly with words between
        while at < len(long) and not _word_agrees(word, long[at]):
            at += 1
        if at == len(long):
            return False
        at += 1
    return True


def names_agree(names: list[str], others: list[str]) -> bool:
    """Could these be one person?  Each list is a name, then its nicknames.

    Two names agree when they are the same (titles, case, accents and
    punctuation ignored; word order too), or when one is a shorter or initial
    form of the other with the same first name: "Ella S." and "Ella Schmidt",
    "J. Smith" and "John Smith", "John Smith" and "John P. Smith", "Leo" and "Leo
    Martins".  A nickname stands for the first name: Sam Carter, nicknamed
    Sammy, agrees with "Sammy C".  Anna Schmidt and Peter Schmidt do not agree.
    """
    mine = [_words(n) for n in names[: MAX_NAME_FORMS + 1]]
    theirs = [_words(n) for n in others[: MAX_NAME_FORMS + 1]]
    for forms in (mine, theirs):  # a nickname with the family name: "Sammy Carter"
        full = forms[0]
        forms.extend([*nick, *full[1:]] for nick in forms[1:] if len(full) > 1)
    return any(_forms_agree(a, b) for a in mine for b in theirs)


def same_name(a: str, b: str) -> bool:
    """The same words, titles, case, accents, punctuation and order aside."""
    return sorted(_words(a)) == sorted(_words(b))


def adds_words(name: str, known: list[str]) -> bool:
    """Does ``name`` hold a word that none of ``known`` (a name and its nicknames)
    has, nor is that word's initial?  "Zoe Adams-Nunez" beside Zoe Adams does
    ("nunez"); "Priya S." and "pri sharma" beside Priya Sharma, nicknamed Pri, do not."""
    have = {word for other in known for word in _words(other)}
    return any(not any(_word_agrees(word, h) for h in have) for word in _words(name))
