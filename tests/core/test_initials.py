"""Names reduced to initials in free text (initials.name_redactor), with plain values."""

from __future__ import annotations

import re
import time
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from supportnet import safety_plan, trajectories
from supportnet.initials import EVERYDAY_WORDS, name_redactor
from supportnet.text import fold, fold_spans

#: Recorded names (and a nickname) with accents of several kinds; none of their words
#: is an everyday word.
NAMES = ["Maya López", "Zoë Chen", "Hélène Weiss", "Søren Ångström", "Straße Kowalczyk",
         "Mayita", "Al"]  # fmt: skip


def _in(name: str, folded: str) -> bool:
    """Whether ``name`` (folded) is in ``folded`` as a whole word."""
    return re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded) is not None


def _spellings(word: str) -> list[str]:
    """The ways a name is typed that ``text.fold`` takes as that name."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return [word, word.lower(), word.upper(), bare, bare.lower(), bare.upper(),
            unicodedata.normalize("NFD", word), word.swapcase()]  # fmt: skip


def test_names_are_found_whatever_their_accents_and_case() -> None:
    redact = name_redactor(NAMES)
    assert redact("Lopez family dinners") == "L. family dinners"
    assert redact("Zoe's sofa") == "Z.'s sofa"
    assert redact("ZOË'S SOFA and zoe\u0308") == "Z.'S SOFA and Z."  # composed or not
    assert redact("with MAYA  LOPEZ\nand hélène") == "with M. L.\nand H."
    assert redact("STRASSE") == "S."  # ß folds to ss
    assert redact("soren, Angstrom") == "S., Å."  # as typed without the stroke too
    assert redact("Dr. Weiss (Helene)") == "Dr. W. (H.)"
    assert redact("Mayan ruins, Chenille, Alice") == "Mayan ruins, Chenille, Alice"


@given(
    picks=st.lists(
        st.tuples(st.sampled_from([w for n in NAMES for w in n.split()] + NAMES),
                  st.integers(0, 7), st.sampled_from([" ", "'s ", ", ", "-", " and ", "\n"])),
        max_size=12,
    ),
    filler=st.lists(st.sampled_from(["coffee", "with", "Mayan", "chenille", "sofa", "Dr."]),
                    max_size=4),
)  # fmt: skip
def test_no_recorded_name_survives_in_any_spelling(picks, filler) -> None:
    """Whatever the spelling of a name (or a word of it) and whatever is around it,
    the text comes back with no recorded name in it, folded, and the other words kept."""
    redact = name_redactor(NAMES)
    text = " ".join(filler) + " " + "".join(_spellings(w)[i] + sep for w, i, sep in picks)
    folded = fold(redact(text))
    for name in NAMES:
        assert not _in(name, folded), (name, text)
        for word in name.split():
            assert len(word) < 3 or not _in(word, folded), (word, text)
    for word in filler:
        assert _in(word, folded)


def test_an_everyday_word_of_a_name_is_a_name_only_when_capitalised() -> None:
    redact = name_redactor(["Will Young", "Rose", "Mark Kowalski"])
    # The everyday word in lower case is left alone...
    assert redact("I will go to 2 group meetings a week") == "I will go to 2 group meetings a week"
    assert redact("a young carers group, looking for a mark") == (
        "a young carers group, looking for a mark"
    )
    # ...but capitalised (as a name is), it is taken as the name: privacy first.
    assert redact("Will said so") == "W. said so"
    assert redact("Young carers") == "Y. carers"
    assert redact("coffee with WILL") == "coffee with W."
    # A whole name, or a name of one word, is always a name, whatever the case.
    assert redact("will young came") == "W. Y. came"
    assert redact("a rose for rose") == "a R. for R."
    # A word of a name that is not an everyday word is a name in lower case too.
    assert redact("call kowalski") == "call K."
    assert "will" in EVERYDAY_WORDS and "maya" not in EVERYDAY_WORDS


def test_fold_spans_is_fold_with_the_way_back() -> None:
    assert fold_spans("Zoë  X") == ("zoe x", [0, 1, 2, 3, 5])
    assert fold_spans("plain text") == ("plain text", range(10))


@given(st.text())
def test_fold_spans_folds_as_fold_does(text) -> None:
    folded, where = fold_spans(text)
    assert folded.strip() == fold(text)
    assert len(where) == len(folded)
    assert list(where) == sorted(where) and all(0 <= i < len(text) for i in where)


def test_many_names_are_quick() -> None:
    """20,000 people and their nicknames: the redactor is made in well under a second
    (a regular expression of every name took longer, and longer again for each text)."""
    names = [f"Person{i} Family{i % 997}" for i in range(20000)] + [f"Nick{i}" for i in range(5000)]
    start = time.perf_counter()
    redact = name_redactor(names)
    texts = [redact(f"Walks with person{i} and the FAMILY{i % 997} crowd") for i in range(2000)]
    assert time.perf_counter() - start < 2
    assert texts[5] == "Walks with P. and the F. crowd"


def test_check_ins_from_a_measure_file_are_reduced() -> None:
    redact = name_redactor(["Hélène Weiss"])
    part = {"start": "2026-05-01", "end": "2026-06-10", "measures": [{
        "measure": "weekly", "title": "Weekly contact (Dr. Weiss)", "scoring": "sum",
        "range": [3, 12], "last_change": None, "citation": "Written by H. Weiss, 2026",
        "points": [{"id": 1, "date": "2026-06-10", "total": 11, "band": "a Helene week",
                    "subscales": {}},
                   {"id": 2, "date": "2026-06-03", "total": 3, "band": None, "subscales": {}}],
    }]}  # fmt: skip
    (short,) = trajectories.with_initials(part, redact)["measures"]
    assert short["title"] == "Weekly contact (Dr. W.)"
    assert short["citation"] == "Written by H. W., 2026"
    assert [p["band"] for p in short["points"]] == ["a H. week", None]
    assert part["measures"][0]["title"] == "Weekly contact (Dr. Weiss)"  # untouched


def test_the_safety_plan_s_names_are_reduced_everywhere() -> None:
    redact = name_redactor(["Maya López", "Zoë Chen", "Hélène Weiss"])
    plan = {
        "plan": {"warning_signs": ["I stop calling maya back"], "on_my_own": [],
                 "safer_surroundings": [], "reasons": ["Zoe"]},
        "currency": "last looked over today",
        "takes_mind_off": [{"type": "place", "id": 1, "name": "Zoe's sofa",
                            "role": "takes_mind_off", "phones": [], "note": "with ZOË"}],
        "ask_for_help": [{"type": "person", "id": 1, "name": "Maya López",
                          "role": "ask_for_help", "phones": ["555 0100"], "note": None}],
        "resources": [{"id": 1, "name": "Dr. Weiss", "kind": "therapist", "phone": "555 0199",
                       "url": None, "note": "Helene's office", "added_on": "2026-06-01"}],
        "warnings": [{"kind": "quiet", "person": {"id": 1, "name": "Maya López"},
                      "text": "Maya López has been quiet"}],
    }  # fmt: skip
    short = safety_plan.with_initials(plan, redact)
    assert short["plan"]["warning_signs"] == ["I stop calling M. back"]
    assert short["plan"]["reasons"] == ["Z."]
    assert short["takes_mind_off"][0]["name"] == "Z.'s sofa"
    assert short["takes_mind_off"][0]["note"] == "with Z."
    assert short["ask_for_help"][0]["name"] == "M. L."
    assert short["ask_for_help"][0]["phones"] == []  # a person's phone stays out
    assert short["resources"][0]["name"] == "Dr. W."
    assert short["resources"][0]["note"] == "H.'s office"
    assert short["resources"][0]["phone"] == "555 0199"  # a professional's line stays
    assert short["warnings"][0]["person"]["name"] == "M. L."
    assert short["warnings"][0]["text"] == "M. L. has been quiet"
    assert [r for _, rows in safety_plan.steps_of(short) for r in rows] == [
        "I stop calling M. back", "Z.'s sofa", "M. L.", "Dr. W.", "Z."]  # fmt: skip


def test_parts_of_joined_names_and_short_names_are_reduced_too():
    # "Lopez" of Lopez-Garcia, "Neill" of O'Neill and "Li" of Wei Li went out as written.
    from supportnet.initials import name_redactor

    redact = name_redactor(["Maya Lopez-Garcia", "Anne-Marie Dubois", "Mary O'Neill", "Wei Li"])
    assert redact("Lopez said, then Garcia") == "L. said, then G."
    assert redact("Marie and Anne, with Neill") == "M. and A., with N."
    assert redact("Lunch with Li") == "Lunch with L."
    assert redact("a li of rice, an O here") == "a li of rice, an O here"  # as names are written


def test_a_redactor_knows_the_initials_of_its_names() -> None:
    from supportnet.initials import initials, name_redactor

    redact = name_redactor(["Maya López", "Jean-Luc Picard"])
    assert redact.initials("Maya López") == initials("Maya López") == "M. L."
    assert redact.initials("Sam Carter") == "S. C."  # not recorded: worked out
    assert redact("coffee with maya") == "coffee with M."
    empty = name_redactor([])
    assert empty("coffee with Maya") == "coffee with Maya" and empty.initials("Ana") == "A."


def test_names_in_a_script_without_spaces_are_found_inside_words() -> None:
    """Chinese, Japanese and Korean join a name to what follows it ("王小明家": Wang
    Xiaoming's home; "김민수랑": with Kim Minsu): whole-word matching let them through."""
    from supportnet.initials import name_redactor

    redact = name_redactor(["王小明", "김민수", "さくら", "🎸", "Maya López"])
    assert redact("王小明家") == "王.家"
    assert redact("和王小明一起吃饭") == "和王.一起吃饭"
    assert redact("김민수랑 커피") == "김.랑 커피"
    assert redact("さくらさんと散歩") == "さ.さんと散歩"
    # A name with no letter or digit is '?' everywhere, in free text too.
    assert redact("play the 🎸 with maya") == "play the ? with M."
    # Words of other scripts still need to be whole words.
    assert redact("Mayan ruins, 王小明家, Maya") == "Mayan ruins, 王.家, M."
    assert redact("no one here") == "no one here"


def test_a_spaced_name_beside_an_unspaced_script_is_found() -> None:
    """ "和Maya一起吃饭" (eating with Maya): the Chinese letters around the name are no
    part of its word; nor are a Korean particle's."""
    from supportnet.initials import name_redactor

    redact = name_redactor(["Maya López", "Zoë", "Sam"])
    assert redact("和Maya一起吃饭") == "和M.一起吃饭"
    assert redact("Maya랑 커피") == "M.랑 커피"
    assert redact("Zoë와 산책") == "Z.와 산책"
    assert redact("昨天和Sam") == "昨天和S."


def test_overlapping_names_and_letters_that_fold_apart() -> None:
    from supportnet.initials import name_redactor

    redact = name_redactor(["王小明", "小明", "미", "平"])
    assert redact("小明和王小明") == "小.和王."  # the longest at each place
    # Folded, a Korean syllable is its letters: "미" is not the start of "민" ...
    assert redact("민아") == "민아" and redact("미아") == "미.아"
    # ... nor is 平 the start of ㍻ (平成, one character).
    assert redact("㍻") == "㍻"


def test_a_name_without_spaces_is_found_by_its_given_name_too() -> None:
    """Which letters of 王小明 are the family name cannot be told: every beginning and
    ending of two letters or more is taken as a name (privacy first)."""
    from supportnet.initials import name_redactor

    redact = name_redactor(["王小明", "김민수", "山田花子"])
    assert redact("小明来了") == "小.来了"
    assert redact("민수랑 커피") == "민.랑 커피"
    assert redact("山田さんと花子") == "山.さんと花."
    assert redact("王小明家") == "王.家"  # the whole name first
    assert redact("明天") == "明天"  # one letter is no part to look for


def test_names_written_joined_and_titles() -> None:
    """As an email or a handle writes them ("oneill", "mayalopez@", "maya_lopez"); and a
    title is no one's name ("Dr" of Dr. Weiss made every "Dr. Kumar" "D.. Kumar")."""
    from supportnet.initials import name_redactor

    redact = name_redactor(["Siobhán O'Neill", "Maya López", "Dr. Weiss"])
    assert redact("ONeill's place, or oneill") == "O.'s place, or O."
    assert redact("mayalopez@example.com") == "M. L.@example.com"
    assert redact("maya_lopez on the forum") == "M._L. on the forum"
    assert redact("Dr. Kumar and Weiss") == "Dr. Kumar and W."
    assert redact("snake_case stays") == "snake_case stays"


def test_thai_names_are_not_looked_for_in_pieces() -> None:
    """A Thai name's beginnings and endings are pieces of letters ("ิง" of สมหญิง), and
    "ดี" of ใจดี is in every other word: only whole names are looked for."""
    from supportnet.initials import name_redactor

    redact = name_redactor(["สมชาย ใจดี", "สมหญิง"])
    for text in ("รู้สึกดีขึ้น", "หายใจลึกๆ", "วิ่งตอนเช้า", "ฟังเพลงสบายๆ"):
        assert redact(text) == text
    assert redact("สมชาย มา") == "ส. มา" and redact("กับสมหญิงนะ") == "กับส.นะ"
