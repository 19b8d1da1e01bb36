"""Check-ins, pure: reading a measure's definition, scoring it, answers, trajectories
and the cadence's note.  Every definition is written here, in the test's own words."""

from __future__ import annotations

import datetime as dt

import pytest

from supportnet import checkins
from supportnet.checkins import (
    Cadence,
    Point,
    Score,
    Trajectory,
    answers_from_flags,
    parse_measure,
    score,
)
from supportnet.errors import InvalidInput

TODAY = dt.date(2026, 6, 10)

#: Three items on a 1-4 scale, the second reverse-scored; two subscales and bands.
SUMMED = """
name = "three-things"
title = "Three things"
citation = "Written for supportnet's tests."
scoring = "sum"

[[items]]
text = "The first thing"
options = [["rarely", 1], ["sometimes", 2], ["often", 3], ["always", 4]]

[[items]]
text = "The second thing"
options = [["rarely", 1], ["sometimes", 2], ["often", 3], ["always", 4]]
reverse = true

[[items]]
text = "The third thing"
options = [["rarely", 1], ["sometimes", 2], ["often", 3], ["always", 4]]

[[subscales]]
name = "first two"
items = [1, 2]

[[subscales]]
name = "last"
items = [3]

[[bands]]
from = 3
to = 6
label = "lower"

[[bands]]
from = 7
to = 12
label = "higher"
"""

MEAN = """
name = "two-means"
title = "Two means"
citation = "Written for supportnet's tests."
scoring = "mean"

[[items]]
text = "A"
options = [["none", 0], ["some", 1], ["lots", 2]]

[[items]]
text = "B"
options = [["none", 0], ["some", 1], ["lots", 2]]

[[items]]
text = "C"
options = [["none", 0], ["some", 1], ["lots", 2]]
reverse = true

[[subscales]]
name = "a and c"
items = [1, 3]
"""


def test_a_definition_is_read_whole() -> None:
    m = parse_measure(SUMMED)
    assert (m.name, m.title, m.scoring) == ("three-things", "Three things", "sum")
    assert [i.reverse for i in m.items] == [False, True, False]
    assert m.items[0].options[0] == ("rarely", 1.0)
    assert [(s.name, s.items) for s in m.subscales] == [("first two", (1, 2)), ("last", (3,))]
    assert [(b.low, b.high, b.label) for b in m.bands] == [(3, 6, "lower"), (7, 12, "higher")]
    assert m.score_range() == (3, 12)


def test_sum_with_a_reverse_item_subscales_and_a_band() -> None:
    m = parse_measure(SUMMED)
    # 4 + (5 - 1) + 2: the reverse item's 1 counts as 4.
    result = score(m, {1: 4, 2: 1, 3: 2})
    assert result == Score(10, (("first two", 8), ("last", 2)), "higher")
    assert score(m, {1: 1, 2: 4, 3: 1}) == Score(3, (("first two", 2), ("last", 1)), "lower")


def test_mean_and_its_subscale() -> None:
    m = parse_measure(MEAN)
    # (2 + 1 + (2 - 0)) / 3; the subscale (2 + 2) / 2.
    result = score(m, {1: 2, 2: 1, 3: 0})
    assert result.total == pytest.approx(1.67)
    assert result.subscales == (("a and c", 2.0),)
    assert result.band is None
    assert m.score_range() == (0, 2)


def test_a_score_between_bands_has_none() -> None:
    text = SUMMED.replace("from = 7", "from = 8")
    assert score(parse_measure(text), {1: 4, 2: 3, 3: 1}).band is None  # 4 + 2 + 1 = 7


def test_the_built_in_check_in_is_supportnets_own() -> None:
    own = checkins.built_in()
    assert own.built_in and own.name == checkins.BUILT_IN_NAME
    assert 4 <= len(own.items) <= 5
    assert "not a diagnosis" in own.citation
    assert [len(i.options) for i in own.items] == [5] * len(own.items)
    assert own.score_range() == (1, 5)
    # Higher is more connected: feeling on the outside is turned around.
    best = {n: (i.low if i.reverse else i.high) for n, i in enumerate(own.items, start=1)}
    assert score(own, best).total == 5


def test_answers_from_flags() -> None:
    m = parse_measure(SUMMED)
    assert answers_from_flags(m, ["1=4", "2 = 1", "3=2"]) == {1: 4.0, 2: 1.0, 3: 2.0}


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (
            ["1=4", "2=1", "3=7"],
            "Item 3 has no option 7; its options are 1 (rarely), 2 (sometimes)",
        ),
        (["1=4", "2=1", "4=1"], "There is no item 4: three-things has 3 items."),
        (["1=4", "2=1"], "Give an answer for every item: 3 is missing (--answer 3=VALUE)."),
        (["1=4", "1=2", "3=1"], "Item 1 is answered twice"),
        (["one=4"], "write it as ITEM=VALUE"),
    ],
)
def test_answers_outside_the_options_are_refused(flags: list[str], words: str) -> None:
    with pytest.raises(InvalidInput, match=words.replace("(", r"\(").replace(")", r"\)")):
        answers_from_flags(parse_measure(SUMMED), flags)


@pytest.mark.parametrize("text", ["", "\n\n# only a comment\n"])
def test_an_empty_file_is_named_as_empty(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_measure(text, "three.toml")
    assert caught.value.message == (
        "three.toml: the file is empty; a measure needs name, title, citation, scoring "
        "and its [[items]] (see docs/check-ins.md)."
    )


def test_a_subscale_without_items_gives_an_example_that_fits() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_measure(SUMMED.replace("items = [3]", "items = []", 1), "three.toml")
    assert "are one or more item numbers, counting from 1 (for example items = [1, 2])." in (
        caught.value.message
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            ('scoring = "sum"', 'scoring = "sum"\nauthor = "me"'),
            "line 6: the measure has an unknown key 'author'",
        ),
        (
            ("reverse = true", "reverse = true\nweight = 2"),
            "line 15: item 2 has an unknown key 'weight'",
        ),
        (
            (
                'options = [["rarely", 1], ["sometimes", 2], ["often", 3], ["always", 4]]\n\n'
                "[[subscales]]",
                "\n[[subscales]]",
            ),
            "line 16: item 3 needs its 'options'",
        ),
        (
            ('["always", 4]]\nreverse', '["always", "4"]]\nreverse'),
            "line 13: option 4 of item 2 must be",
        ),
        (
            ('["always", 4]]\nreverse', '["always", 99999999999999999999]]\nreverse'),
            'line 13: option 4 of item 2 must be ["label", value], the value a whole number '
            "from -1000 to 1000.",
        ),
        (('["often", 3]', '["often", 2]'), "line 9: two options of item 1 have the same value"),
        (("items = [3]", "items = [4]"), "line 26: subscale 'last' names item 4"),
        (('scoring = "sum"', 'scoring = "median"'), 'line 5: \'scoring\' is "sum" or "mean"'),
        (("from = 7", "from = 6"), "line 34: bands 'lower' and 'higher' overlap"),
        (
            ('label = "higher"', 'label = "higher"\n[[bands]]\nfrom = 20\nto = 30\nlabel = "x"'),
            "line 38: band 'x' lies outside the scores this measure can give (3 to 12)",
        ),
        (('name = "three-things"', 'name = "Three Things"'), "line 2: 'name' is what"),
        (('name = "three-things"', 'name = "connection"'), "line 2: 'connection' is supportnet"),
        (('citation = "Written for supportnet\'s tests."\n', ""), "the measure needs 'citation'"),
        (('title = "Three things"', 'title = "Three things'), "line 3: this is not valid TOML"),
    ],
)
def test_mistakes_in_a_definition_name_the_line_or_item(
    change: tuple[str, str], words: str
) -> None:
    old, new = change
    assert old in SUMMED
    with pytest.raises(InvalidInput) as caught:
        parse_measure(SUMMED.replace(old, new, 1), "three.toml")
    assert caught.value.exit_code == 5
    assert caught.value.message.startswith("three.toml")
    assert words in caught.value.message


def _trajectory(*totals: float) -> Trajectory:
    m = parse_measure(SUMMED)
    days = [TODAY - dt.timedelta(weeks=len(totals) - 1 - i) for i in range(len(totals))]
    return Trajectory(m, [Point(i, d, Score(t)) for i, (d, t) in enumerate(zip(days, totals))])


def test_the_last_change() -> None:
    assert _trajectory(5).last_change() is None
    assert _trajectory(5, 7).last_change() == "up 2 since 3 June"
    assert _trajectory(7, 4.5).last_change() == "down 2.5 since 3 June"
    assert _trajectory(6, 6).last_change() == "the same as on 3 June"
    data = _trajectory(5, 7).to_json()
    assert data["range"] == [3, 12]
    assert [p["total"] for p in data["points"]] == [5, 7]


def test_a_cadence_is_due_after_its_days_and_waits_while_snoozed() -> None:
    weekly = Cadence("connection", 7, set_on=dt.date(2026, 5, 1), last=dt.date(2026, 6, 3))
    assert weekly.due_on() == TODAY and weekly.is_due(TODAY)
    assert not weekly.is_due(TODAY - dt.timedelta(days=1))
    fresh = Cadence("connection", 7, set_on=TODAY)
    assert fresh.is_due(TODAY)  # set, never taken: due from the day it was set
    snoozed = Cadence("connection", 7, TODAY, back_on=TODAY + dt.timedelta(days=2))
    assert not snoozed.is_due(TODAY)
    assert snoozed.is_due(TODAY + dt.timedelta(days=2))


def test_the_due_note_is_one_kind_line() -> None:
    own = Cadence("connection", 7, TODAY)
    other = Cadence("three-things", 28, TODAY)
    assert checkins.due_note([], TODAY) is None
    note = checkins.due_note([own, other], TODAY)
    assert note is not None and "\n" not in note
    assert note.startswith("Time for your check-in (every week), when you're ready:")
    assert "`supportnet check-in`" in note and "1 more due" in note
    assert "check-in snooze" in note
    assert "`supportnet check-in snooze` leaves it for later" in note
    only_other = checkins.due_note([other], TODAY)
    assert only_other is not None and "--measure three-things" in only_other
    # Its own snooze: a bare `check-in snooze` snoozed the built-in one, and the line stayed.
    assert "`supportnet check-in snooze --measure three-things` leaves it" in only_other
    assert "overdue" not in note.lower()


def test_the_example_in_the_docs_loads() -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "check-ins.md"
    text = docs.read_text("utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    m = parse_measure(text, "check-ins.md")
    assert m.score_range() == (0, 6)
    assert score(m, {1: 2, 2: 2, 3: 1}) == Score(3, (("people", 2),), "a week in company")
