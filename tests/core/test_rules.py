"""The user-visible rules written once (text.py, dates.py, models/fields.py), with plain
values: how typed text is cleaned, how an open list of kinds grows, and the words for
numbers, lists and cadences that every screen shares."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from supportnet.errors import InvalidInput
from supportnet.models import validate
from supportnet.models.fields import Note, OneLine
from supportnet.spans import describe_days, parse_days
from supportnet.text import (
    MAX_KIND_LENGTH,
    choose_open_kind,
    count_of,
    join_words,
    on_one_line,
    ordinal,
    plural,
)

# --- cleaning: one rule for a one-line field, one for a note ---------------------------


class _Typed(SQLModel):
    place: OneLine = None
    note: Note = None


@pytest.mark.parametrize(
    "typed, line, note",
    [
        ("  Corner   café ", "Corner café", "Corner   café"),
        ("first\r\nsecond  \rthird", "first second third", "first\nsecond\nthird"),
        ("\n\n  a\tb  \n\n", "a b", "a b"),
        ("red\x1b[31m alert\x07", "red alert", "red alert"),
        ("bad byte \udcff", "bad byte \ufffd", "bad byte \ufffd"),
        (" \n\t ", None, None),
    ],
)  # fmt: skip
def test_a_line_and_a_note_are_cleaned_by_their_one_rule(typed, line, note):
    cleaned = validate(_Typed, {"place": typed, "note": typed})
    assert (cleaned.place, cleaned.note) == (line, note)


def test_a_field_left_out_stays_left_out_and_one_given_blank_is_cleared():
    assert validate(_Typed, {}).model_fields_set == set()
    cleared = validate(_Typed, {"note": "  ", "place": None})
    assert cleared.model_fields_set == {"note", "place"}
    assert (cleared.note, cleared.place) == (None, None)


def test_a_note_where_one_line_fits_joins_its_lines():
    assert on_one_line("call first\n\n  not after 10pm \r\nthanks") == (
        "call first / not after 10pm / thanks"
    )
    assert on_one_line("one line  as it is") == "one line  as it is"


# --- kinds: one rule for every list that grows with --new-kind ---------------------------

KNOWN = ["meal", "help at home", "other"]


@pytest.mark.parametrize(
    "typed, new, kind",
    [
        ("Meal", False, "meal"),
        (" help-at_home ", False, "help at home"),
        ("HELP  AT HOME", True, "help at home"),  # a known kind is never added twice
        ("Board  Games", True, "board games"),  # new: on one line, lower-cased
        ("x" * MAX_KIND_LENGTH, True, "x" * MAX_KIND_LENGTH),
    ],
)  # fmt: skip
def test_an_open_kind_is_a_known_one_or_a_new_one_asked_for(typed, new, kind):
    assert choose_open_kind(typed, KNOWN, "kind of favor", new=new) == kind


@pytest.mark.parametrize(
    "typed, new, message",
    [
        ("mael", False, "Unknown kind of favor 'mael'. Did you mean meal? Known: meal, help at "
                        "home, other. To add a new kind, repeat the command with --new-kind."),
        (" \n ", True, "A kind of favor cannot be empty."),
        (" \n ", False, "A kind of favor cannot be empty."),
        ("x" * (MAX_KIND_LENGTH + 1), True,
         "A kind of favor is a word or two (at most 40 characters)."),
    ],
)  # fmt: skip
def test_an_open_kind_refused(typed, new, message):
    with pytest.raises(InvalidInput) as refused:
        choose_open_kind(typed, KNOWN, "kind of favor", new=new)
    assert refused.value.message == message


# --- words for numbers, lists and cadences -----------------------------------------------


@pytest.mark.parametrize(
    "n, text",
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (100, "100th"), (101, "101st"), (111, "111th"), (112, "112th")],
)  # fmt: skip
def test_ordinal(n, text):
    assert ordinal(n) == text


def test_counting_things():
    assert [count_of(n, "favor") for n in (0, 1, 2)] == ["0 favors", "1 favor", "2 favors"]
    assert [count_of(n, "person", "people") for n in (1, 5)] == ["1 person", "5 people"]
    assert count_of(1, "shared get-together") == "1 shared get-together"
    assert [plural(n, "stays", "stay") for n in (1, 2)] == ["stays", "stay"]


def test_lists_in_sentences():
    assert join_words([]) == ""
    assert join_words(["Maya"]) == "Maya"
    assert join_words(("Maya", "Sam")) == "Maya and Sam"
    assert join_words(["Maya", "Sam", "Ana"], "or") == "Maya, Sam or Ana"


@pytest.mark.parametrize(
    "days, words",
    [(1, "every day"), (7, "every week"), (14, "every 2 weeks"), (21, "every 3 weeks"),
     (30, "every month"), (60, "every 2 months"), (90, "every 3 months"), (10, "every 10 days"),
     (365, "every year"), (730, "every 2 years"), (360, "every 12 months")],
)  # fmt: skip
def test_a_cadence_is_said_one_way_everywhere(days, words):
    assert describe_days(days) == words
    assert parse_days(words) == days


# --- one shape for what a reference names --------------------------------------------


def test_every_resolve_function_gives_ids():
    """``resolve_*`` turns what was typed into the id of the one record it names (or
    the ids, for several); ``get_*`` reads the record of an id."""
    import importlib
    import inspect
    import pkgutil

    import supportnet.store

    found = {}
    for info in pkgutil.iter_modules(supportnet.store.__path__):
        module = importlib.import_module(f"supportnet.store.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("resolve_") and function.__module__ == module.__name__:
                found[name] = function.__annotations__["return"]
    assert {"resolve_person", "resolve_group", "resolve_goal", "resolve_resource"} <= set(found)
    assert {name: shape for name, shape in found.items() if shape not in ("int", "list[int]")} == {}
