"""People's names reduced to initials, pure: 'Maya López' -> 'M. L.', and every
recorded name found in free text ("Lopez family dinners" -> "L. family dinners").

The report's --initials and --for-therapist, and `map --initials`, make one
``name_redactor`` of every name and nickname recorded and pass it to each part's
``with_initials`` (review, support roles, map, safety plan, check-ins).  Privacy
comes first: when a word may be a name, it is taken as one (docs/progress.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from supportnet.text import KIN_TITLES, TITLES, fold, fold_spans

#: A letter or digit (``str.isalnum``): a word character but the underscore.
_ALNUM = re.compile(r"[^\W_]")


def initials(name: str) -> str:
    """'Maya López' -> 'M. L.', 'Sam' -> 'S.', 'Jean-Luc Picard' -> 'J. P.': the first
    letter or digit of each word, '?' when there is none."""
    letters = [m.group().upper() + "." for word in name.split() if (m := _ALNUM.search(word))]
    return " ".join(letters) or "?"


#: Words of names that are also everyday words: alone, one of these is a name (and
#: reduced) only when capitalised in the text ("Will" yes, "I will go" no).
_EVERYDAY = """
    will may can mark bill rose hope grace joy faith frank art pat sue rob bob guy ray
    max drew chase miles penny page dawn eve summer june april august sunny sky rain
    storm river brook dale heath ash sage basil clay cliff sandy rusty ivy holly hazel
    olive ruby pearl amber jade lily daisy iris honey ginger candy crystal melody
    harmony jack nick jay kit bud buddy don dean gene norm grant lance wade chip duke
    prince king bishop young long little short small strong wise rich best good love
    hardy sharp sweet moon star sun man van brown white black green gray grey park
    hill stone wood woods lane field fields ford reed rush price cash bank banks bell
    hall church marsh cook baker butler mason potter fisher hunter walker miller porter
    carter turner weaver archer gardener shepherd parsons
"""
EVERYDAY_WORDS = frozenset(_EVERYDAY.split())

#: The scripts whose every letter is a syllable (Han, kana, Hangul): a name's beginning
#: or end in them is a name part.
_SYLLABIC = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff"
#: Letters of the scripts written without spaces between words: those, Hangul's jamo
#: (folded, its syllables are jamo; its particles join the name: "민수랑"), and Thai, Lao,
#: Myanmar and Khmer (where a name's beginning or end is a piece of a letter).  A name
#: in them is found inside a longer word.
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff" + _SYLLABIC


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a word of a spaced script: "和Maya一起" holds the word "Maya", "maya_lopez" two;
    a letter of an unspaced one; a syllable), made when first needed: their ranges take
    milliseconds to compile, which a command without initials need not pay."""
    return (
        re.compile(f"(?:(?![{_UNSPACED}_])\\w)+"),
        re.compile(f"[{_UNSPACED}]"),
        re.compile(f"[{_SYLLABIC}]"),
    )


_ENDS = re.compile(r"^\W+|\W+$")
#: Letters ``text.fold`` keeps (Unicode does not see an accent in them) that people
#: often type without their stroke: for names, "Soren" is Søren.
_STROKES = str.maketrans("øłđħıŧð", "oldhitd")


class Redactor:
    """What ``name_redactor`` makes.  Called on free text, it reduces every name it
    knows; ``initials(name)`` is a known name's initials, worked out once for all the
    parts of a report (``initials`` for any other)."""

    def __init__(self, redact: Callable[[str], str], known: dict[str, str]) -> None:
        self._redact, self._known = redact, known

    def __call__(self, text: str) -> str:
        return self._redact(text)

    def initials(self, name: str) -> str:
        short = self._known.get(name)
        return initials(name) if short is None else short


def _ends_of(name: str) -> list[str]:
    """The parts a name written without spaces may be called by: its beginnings and
    endings of two letters or more (王小明: 小明, the given name; 山田花子: 山田 and 花子;
    김민수: 민수).  Which letters are the family name cannot be told, so each is taken."""
    ends = []
    for word in name.split():
        if len(word) >= 3 and all(map(_patterns()[2].match, word)):
            ends += [word[:i] for i in range(2, len(word))]
            ends += [word[i:] for i in range(1, len(word) - 1)]
    return ends


def name_redactor(names: list[str]) -> Redactor:
    """Replaces every given name in free text with its initials.

    Matched as whole words, whatever the case and accents (``text.fold``: "lopez"
    and "ZOE" are López and Zoë; "Soren" is Søren too).  A whole name or nickname is
    always replaced; so is a word of a longer name, or a part of a joined one ("Maya"
    of Maya López, "Garcia" of Lopez-Garcia), except that a word of two letters ("Li"
    of Wei Li) or one of the ``EVERYDAY_WORDS`` ("will" of Will Young) is replaced
    only when it is capitalised in the text, as a name is ("Will", "WILL").  A name in
    a script written without spaces (Chinese, Japanese, Korean, Thai ...), its
    beginnings and endings of two letters or more (the given name: 小明 of 王小明), and a
    name with no letter or digit, are replaced wherever they appear, inside a longer
    word too.
    Fast for thousands of names: a dictionary look-up for each word of the text (and,
    in a text beyond ASCII, for each of its letters and each length of such a name)."""
    spaced_word, unspaced_letter, _ = _patterns()
    known = {name: initials(name) for name in names}
    found: dict[str, tuple[str, bool]] = {}  # folded -> (initials, only when capitalised)
    for name in names:
        found[fold(_ENDS.sub("", name)).translate(_STROKES)] = (known[name], False)
    for name in names:
        # The words of the name, and the parts of a joined one: "Lopez" and "Garcia" of
        # Lopez-Garcia, "Neill" of O'Neill.
        parts = spaced_word.findall(name)
        words = {_ENDS.sub("", w) for w in name.split()} | set(parts)
        if len(parts) > 1:  # written joined, as an email or a handle has it
            # "mayalopez@" is Maya López: her initials, "M. L.@".
            found.setdefault(fold("".join(parts)).translate(_STROKES), (known[name], False))
            words |= {"".join(spaced_word.findall(w)) for w in name.split() if not w.isalnum()}
        for word in words if len(words) > 1 else ():
            key = fold(word).translate(_STROKES)
            if key in TITLES or key in KIN_TITLES:  # "Dr" of Dr. Weiss is no one's name
                continue
            if len(word) >= 2 and key not in found:
                # Short words (Li, Ng, Jo) and everyday ones (will) only as names are
                # written: capitalised.
                found[key] = (initials(word), len(word) < 3 or key in EVERYDAY_WORDS)
    by_word: dict[str, list[tuple[str, str, bool]]] = {}  # by the first word, longest first
    for key in sorted(found, key=len, reverse=True):
        if first := spaced_word.match(key):
            by_word.setdefault(first.group(), []).append((key, *found[key]))
    # Found anywhere, not only as a whole word: a name in a script written without
    # spaces ("王小明家", Wang Xiaoming's home), and one with no letter or digit ("🎸").
    anywhere: dict[str, str] = {}
    for name in names:
        if name.isascii():  # its words are found as words
            continue
        for part in {name, *name.split(), *_ends_of(name)}:
            key = fold(part).translate(_STROKES)
            loose = not spaced_word.search(key) or unspaced_letter.search(key)
            # (Beyond ASCII: a "name" of ASCII marks alone, "?", is no one to look for.)
            if loose and not key.isascii() and (part == name or len(part) >= 2):
                anywhere.setdefault(key, known.get(part) or initials(part))
    lengths = sorted({len(key) for key in anywhere}, reverse=True)  # the longest first
    if not by_word and not anywhere:
        return Redactor(lambda text: text, known)

    def redact(text: str) -> str:
        folded, where = fold_spans(text)
        if not text.isascii():
            folded = folded.translate(_STROKES)  # a letter for a letter: ``where`` holds

        def span(start: int, end: int, short: str) -> tuple[int, int, str]:
            return where[start], where[end] if end < len(folded) else len(text), short

        cuts: list[tuple[int, int, str]] = []  # (start, end) in ``text``, initials
        pos = 0
        while match := spaced_word.search(folded, pos):
            pos = match.end()
            for key, short, capitalised in by_word.get(match.group(), ()):
                end = match.start() + len(key)
                if not folded.startswith(key, match.start()) or spaced_word.match(folded, end):
                    continue
                if capitalised and not text[where[match.start()]].isupper():
                    continue
                cuts.append(span(match.start(), end, short))
                pos = end
                break
        if anywhere and not text.isascii():  # each such name has a letter beyond ASCII
            at = 0
            while at < len(folded):
                for end in (at + length for length in lengths if at + length <= len(folded)):
                    short = anywhere.get(folded[at:end])
                    # Whole characters of the text: "미" is not the start of "민".
                    if short and (end == len(folded) or where[end] != where[end - 1]):
                        cuts.append(span(at, end, short))
                        at = end - 1
                        break
                at += 1
            cuts.sort(key=lambda cut: (cut[0], -cut[1]))  # the first, then the longest
        out: list[str] = []
        done = 0
        for begin, end, short in cuts:
            if begin >= done:
                out += [text[done:begin], short]
                done = end
        return "".join(out) + text[done:] if out else text

    return Redactor(redact, known)
