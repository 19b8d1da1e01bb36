"""Text as people type it (text.py): numbers and likeness, with plain values."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportnet.errors import InvalidInput
from supportnet.text import (
    BEYOND,
    clean_email,
    first_match,
    fold,
    fold_spans,
    similar,
    some_of,
    whole_number,
)


def test_whole_numbers_are_decimal_digits_of_any_script_and_any_length():
    assert whole_number("12") == 12
    assert whole_number("007") == 7
    assert whole_number("٣") == 3  # Arabic-Indic three
    assert whole_number("9" * 5000) == BEYOND  # int() refuses more than 4,300 digits
    assert whole_number("0" * 5000 + "5") == 5
    for not_one in ("²", "1.5", "", "-3", " 7", "1e3", "½"):
        assert whole_number(not_one) is None, not_one


def test_a_pasted_page_is_not_compared_letter_by_letter_with_every_name():
    """difflib's ratio is quadratic: 5,000 characters against a dozen names took 0.4 s
    per command (the fuzz found it); the cheap upper bounds rule them out first."""
    people = [(f"Person {i}", [f"Person {i}", f"Nick{i}"]) for i in range(200)]
    start = time.perf_counter()
    assert similar("x" * 20000, people) == []
    assert time.perf_counter() - start < 1.0
    assert similar("Persn 7", people)[0] == "Person 7"


def test_one_edit_apart():
    from supportnet.text import one_edit_apart

    for a, b in (("coffee", "coffe"), ("coffee", "cofee"), ("dinner", "dinnr"),
                 ("lunch", "lnuch"), ("walk", "walks"), ("call", "cell")):  # fmt: skip
        assert one_edit_apart(a, b) and one_edit_apart(b, a), (a, b)
    for a, b in (("coffee", "coffee"), ("coffee", "cofe"), ("lunch", "nlchu"), ("ab", "ba c")):
        assert not one_edit_apart(a, b), (a, b)


_PRINTABLE = st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp",
                                                       "Zs")) | st.just(" "))  # fmt: skip


@given(_PRINTABLE)
def test_printable_text_takes_the_short_way_to_the_same_result(value: str) -> None:
    """one_line and lines_of skip their regular expressions for printable text; a NUL at
    the end (a space, then trimmed) sends the same text the long way."""
    from supportnet.text import lines_of, one_line

    assert value.isprintable()
    assert one_line(value) == one_line(value + "\x00")
    assert lines_of(value) == lines_of(value + "\x00")


def test_an_email_copied_with_its_name_keeps_the_address():
    assert clean_email("  rosa@example.org ") == "rosa@example.org"
    assert clean_email("Rosa Diaz <rosa@example.org>") == "rosa@example.org"
    assert clean_email('"Diaz, Rosa" < rosa@example.org >') == "rosa@example.org"
    assert clean_email("mailto:rosa@example.org") == "rosa@example.org"
    assert clean_email("Rosa <MAILTO:Rosa@Example.org>") == "Rosa@Example.org"
    for not_one in ("Rosa Diaz", "Rosa <>", "Rosa <rosa>", "a@b c@d", "<a@b> <c@d>"):
        with pytest.raises(InvalidInput) as refused:
            clean_email(not_one)
        assert repr(not_one) in str(refused.value)


def test_first_match_prefers_the_first_pool_but_not_over_a_whole_name_in_a_later_one():
    active, ended = ["walking club", "coffee"], ["walk", "walkabout"]
    rules = [lambda t, k="walk": t == k, lambda t, k="walk": t.startswith(k)]
    # "walk" is the whole of an ended title and the beginning of an active one: both.
    assert first_match([active, active + ended], rules, loose_from=1) == ["walking club", "walk"]
    # Unless every rule is as tight as the others: the first pool alone.
    assert first_match([active, active + ended], rules) == ["walking club"]
    # Only the whole name counts from a later pool, not its beginning ("walkabout").
    assert "walkabout" not in first_match([active, active + ended], rules, loose_from=1)
    exact_coffee = [lambda t: t == "coffee", lambda t: t.startswith("coffee")]
    assert first_match([active, active + ended], exact_coffee, loose_from=1) == ["coffee"]
    assert first_match([active, active + ended], [lambda t: t == "tea"]) == []


def test_some_of_names_the_first_eight_and_counts_the_rest():
    assert some_of(["A"]) == "A"
    assert some_of(["A", "B", "C"]) == "A, B or C"
    assert some_of([str(n) for n in range(1, 9)]) == "1, 2, 3, 4, 5, 6, 7 or 8"
    assert some_of([str(n) for n in range(1, 23)]) == "1, 2, 3, 4, 5, 6, 7, 8 or 14 more"
    assert some_of(["A", "B", "C"], "and", shown=2) == "A, B and 1 more"


def test_fold_takes_letters_people_type_plainly_as_plain():
    # "ingrid odegaard" found no one: Ø is a letter of its own, with no accent to drop.
    assert fold("Ingrid Ødegaard") == fold("ingrid odegaard") == "ingrid odegaard"
    assert fold("Łukasz Żółw") == "lukasz zolw"
    assert fold("Æsa Strauß") == "aesa strauss"
    assert fold_spans("Ødegaard")[0] == "odegaard"
