"""Check-ins, pure: measure definitions, scoring, answers, trajectories and cadence.

A measure is a short questionnaire: items, each with answer options and their
values, scored as the sum or the mean of the values (reverse-scored items turned
around), with optional subscales and bands.  supportnet's own check-in is one
(``BUILT_IN``, in supportnet's own words: a tracking aid, not a diagnosis or a
validated scale); others are loaded from TOML files a therapist or the user
supplies (docs/check-ins.md).  Everything here works on plain values and a given
``today``: no database, no printing, no clock.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from supportnet.errors import InvalidInput

#: The name of supportnet's own check-in (`check-in --measure connection`).
BUILT_IN_NAME = "connection"

#: supportnet's own check-in, in the format of every measure file.  Its questions are
#: supportnet's own; it tracks how connected you feel over time and is not a
#: diagnosis or a validated scale.  Higher is more connected (the second item is
#: reverse-scored).
BUILT_IN = """
name = "connection"
title = "How connected I felt this week"
citation = "supportnet's own check-in: a tracking aid, not a diagnosis or a validated scale."
scoring = "mean"

[[items]]
text = "This past week, how connected did you feel to the people in your life?"
options = [["Not at all", 1], ["A little", 2], ["Somewhat", 3], ["Quite", 4], ["Very", 5]]

[[items]]
text = "How much of this past week did you feel on the outside of things, not part of them?"
options = [
    ["None of it", 1], ["A little of it", 2], ["Some of it", 3], ["Much of it", 4],
    ["Nearly all of it", 5],
]
reverse = true

[[items]]
text = "Had you needed a hand or someone to talk to this week, how sure were you of someone to ask?"
options = [
    ["Not sure at all", 1], ["A little sure", 2], ["Fairly sure", 3], ["Quite sure", 4],
    ["Completely sure", 5],
]

[[items]]
text = "How content were you with how much you got together with people this week?"
options = [["Not at all", 1], ["A little", 2], ["Somewhat", 3], ["Quite", 4], ["Very", 5]]
"""

SCORINGS = ("sum", "mean")
_TOP_KEYS = ("name", "title", "citation", "scoring", "items", "subscales", "bands")
_ITEM_KEYS = ("text", "options", "reverse")
_SUBSCALE_KEYS = ("name", "items")
_BAND_KEYS = ("from", "to", "label")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
MAX_ITEMS = 100
MAX_OPTIONS = 20
MAX_VALUE = 1000  # an option's value is a whole number from -MAX_VALUE to MAX_VALUE


# --- the definition ---------------------------------------------------------------------


class Item(NamedTuple):
    text: str
    options: tuple[tuple[str, int], ...]  # (label, value: a whole number), in order
    reverse: bool = False

    @property
    def low(self) -> float:
        return min(v for _, v in self.options)

    @property
    def high(self) -> float:
        return max(v for _, v in self.options)

    def scored(self, value: float) -> float:
        """The value as it counts: turned around on a reverse-scored item."""
        return self.low + self.high - value if self.reverse else value

    def label_of(self, value: float) -> str | None:
        return next((label for label, v in self.options if v == value), None)


class Subscale(NamedTuple):
    name: str
    items: tuple[int, ...]  # item numbers, counting from 1


class Band(NamedTuple):
    low: float
    high: float
    label: str

    def holds(self, score: float) -> bool:
        return self.low <= score <= self.high


class Measure(NamedTuple):
    name: str
    title: str
    citation: str
    scoring: str
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...] = ()
    bands: tuple[Band, ...] = ()

    @property
    def built_in(self) -> bool:
        return self.name == BUILT_IN_NAME

    def combine(self, values: Sequence[float]) -> float:
        total = math.fsum(values)
        return round(total / len(values), 2) if self.scoring == "mean" else total

    def score_range(self) -> tuple[float, float]:
        """The lowest and highest total the measure can give."""
        lows = [min(i.scored(v) for _, v in i.options) for i in self.items]
        highs = [max(i.scored(v) for _, v in i.options) for i in self.items]
        return self.combine(lows), self.combine(highs)


def number_text(value: float) -> str:
    """2.0 -> '2', 2.5 -> '2.5', 2.333 -> '2.33'."""
    value = round(value, 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


class _Lines:
    """Where each key of a TOML file is written: ``(table, index, key) -> line``, the
    table '' at the top and 'items', 'subscales', 'bands' counted from 1."""

    def __init__(self, text: str) -> None:
        self.found: dict[tuple[str, int, str], int] = {}
        self.headers: dict[tuple[str, int], int] = {}
        table, counts = "", {}
        for number, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            header = re.fullmatch(r"\[\[\s*([A-Za-z0-9_-]+)\s*\]\](\s*#.*)?", stripped)
            if header:
                table = header.group(1)
                counts[table] = counts.get(table, 0) + 1
                self.headers[(table, counts[table])] = number
                continue
            if re.fullmatch(r"\[[^\[].*\](\s*#.*)?", stripped):
                table = stripped
                continue
            key = re.match(r'["\']?([A-Za-z0-9_-]+)["\']?\s*=', stripped)
            if key:
                where = (table, counts.get(table, 0), key.group(1))
                self.found.setdefault(where, number)

    def at(self, table: str = "", index: int = 0, key: str | None = None) -> int | None:
        if key is not None and (table, index, key) in self.found:
            return self.found[(table, index, key)]
        return self.headers.get((table, index))


def _load(text: str, source: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        where = re.search(r"\(at line (\d+), column \d+\)", reason)
        what = reason[: where.start()].strip() if where else reason
        line = f", line {where.group(1)}" if where else ""
        raise InvalidInput(
            f"{source}{line}: this is not valid TOML ({what[:1].lower()}{what[1:]})."
        ) from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def parse_measure(text: str, source: str = "the measure file", *, loaded: bool = True) -> Measure:
    """A measure from the text of its TOML file, validated; every problem is one
    ``InvalidInput`` (exit 5) naming the line, or else the item, it is about.  A
    ``loaded`` file cannot take the name of supportnet's own check-in."""
    data = _load(text, source)
    lines = _Lines(text)

    def fail(message: str, table: str = "", index: int = 0, key: str | None = None) -> None:
        line = lines.at(table, index, key)
        where = f", line {line}" if line else ""
        raise InvalidInput(f"{source}{where}: {message}")

    def unknown(
        keys: Mapping[str, Any],
        allowed: tuple[str, ...],
        what: str,
        table: str = "",
        index: int = 0,
    ) -> None:
        for key in keys:
            if key not in allowed:
                fail(
                    f"{what} has an unknown key {key!r} (it may have {', '.join(allowed)}).",
                    table,
                    index,
                    key,
                )

    def line_text(
        value: Any, what: str, table: str = "", index: int = 0, key: str | None = None
    ) -> str:
        if not isinstance(value, str) or not value.strip():
            fail(f"{what} must be some words in quotes.", table, index, key)
        return " ".join(value.split())

    if not data:
        fail(
            "the file is empty; a measure needs name, title, citation, scoring and its "
            "[[items]] (see docs/check-ins.md)."
        )
    unknown(data, _TOP_KEYS, "the measure")
    for key in ("name", "title", "citation", "scoring", "items"):
        if key not in data:
            fail(f"the measure needs {key!r} (see docs/check-ins.md).")
    name = data["name"]
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        fail(
            "'name' is what --measure calls it: lower-case letters, digits and '-', "
            'up to 40 (for example "my-weekly").',
            key="name",
        )
    if loaded and name == BUILT_IN_NAME:
        fail(
            f"{BUILT_IN_NAME!r} is supportnet's own check-in; give the measure another name.",
            key="name",
        )
    title = line_text(data["title"], "'title'", key="title")
    citation = line_text(data["citation"], "'citation'", key="citation")
    scoring = data["scoring"]
    if scoring not in SCORINGS:
        fail(f'\'scoring\' is "sum" or "mean", not {scoring!r}.', key="scoring")
    raw_items = data["items"]
    if not isinstance(raw_items, list) or not raw_items:
        fail("'items' must be one or more [[items]] tables.", key="items")
    if len(raw_items) > MAX_ITEMS:
        fail(f"a measure has at most {MAX_ITEMS} items.", key="items")
    items = []
    for n, raw in enumerate(raw_items, start=1):
        if not isinstance(raw, dict):
            fail(f"item {n} must be a table ([[items]]).", key="items")
        unknown(raw, _ITEM_KEYS, f"item {n}", "items", n)
        if "text" not in raw:
            fail(f"item {n} needs its 'text'.", "items", n)
        text_ = line_text(raw["text"], f"the text of item {n}", "items", n, "text")
        options = raw.get("options")
        if options is None:
            fail(f"item {n} needs its 'options' = [[\"label\", value], ...].", "items", n)
        if not isinstance(options, list) or len(options) < 2:
            fail(
                f'item {n} needs two or more options, each ["label", value].', "items", n, "options"
            )
        if len(options) > MAX_OPTIONS:
            fail(f"item {n} has more than {MAX_OPTIONS} options.", "items", n, "options")
        pairs = []
        for k, option in enumerate(options, start=1):
            if (
                not isinstance(option, list)
                or len(option) != 2
                or not isinstance(option[0], str)
                or not option[0].strip()
                or not _is_number(option[1])
                or option[1] != int(option[1])
                or abs(option[1]) > MAX_VALUE
            ):
                fail(
                    f'option {k} of item {n} must be ["label", value], the value a whole number '
                    f"from -{MAX_VALUE} to {MAX_VALUE}.",
                    "items",
                    n,
                    "options",
                )
            pairs.append((" ".join(option[0].split()), int(option[1])))
        values = [v for _, v in pairs]
        if len(set(values)) != len(values):
            fail(
                f"two options of item {n} have the same value; each needs its own.",
                "items",
                n,
                "options",
            )
        reverse = raw.get("reverse", False)
        if not isinstance(reverse, bool):
            fail(f"'reverse' of item {n} is true or false.", "items", n, "reverse")
        items.append(Item(text_, tuple(pairs), reverse))

    subscales = []
    raw_subscales = data.get("subscales", [])
    if not isinstance(raw_subscales, list):
        fail("'subscales' must be [[subscales]] tables.", key="subscales")
    for n, raw in enumerate(raw_subscales, start=1):
        if not isinstance(raw, dict):
            fail(f"subscale {n} must be a table ([[subscales]]).", key="subscales")
        unknown(raw, _SUBSCALE_KEYS, f"subscale {n}", "subscales", n)
        if "name" not in raw or "items" not in raw:
            fail(f"subscale {n} needs a 'name' and its 'items' = [1, 2, ...].", "subscales", n)
        sub_name = line_text(raw["name"], f"the name of subscale {n}", "subscales", n, "name")
        numbers = raw["items"]
        if (
            not isinstance(numbers, list)
            or not numbers
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in numbers)
        ):
            fail(
                f"the items of subscale {n} are one or more item numbers, counting from 1 "
                "(for example items = [1, 2]).",
                "subscales",
                n,
                "items",
            )
        for i in numbers:
            if not 1 <= i <= len(items):
                fail(
                    f"subscale {sub_name!r} names item {i}, but the measure has "
                    f"{len(items)} items.",
                    "subscales",
                    n,
                    "items",
                )
        if len(set(numbers)) != len(numbers):
            fail(f"subscale {sub_name!r} names an item twice.", "subscales", n, "items")
        if any(s.name == sub_name for s in subscales):
            fail(f"two subscales are called {sub_name!r}.", "subscales", n, "name")
        subscales.append(Subscale(sub_name, tuple(numbers)))

    measure = Measure(name, title, citation, scoring, tuple(items), tuple(subscales))
    bands = []
    raw_bands = data.get("bands", [])
    if not isinstance(raw_bands, list):
        fail("'bands' must be [[bands]] tables.", key="bands")
    low, high = measure.score_range()
    for n, raw in enumerate(raw_bands, start=1):
        if not isinstance(raw, dict):
            fail(f"band {n} must be a table ([[bands]]).", key="bands")
        unknown(raw, _BAND_KEYS, f"band {n}", "bands", n)
        for key in _BAND_KEYS:
            if key not in raw:
                fail(f"band {n} needs 'from', 'to' and 'label'.", "bands", n)
        if not _is_number(raw["from"]) or not _is_number(raw["to"]):
            fail(f"'from' and 'to' of band {n} are numbers.", "bands", n, "from")
        label = line_text(raw["label"], f"the label of band {n}", "bands", n, "label")
        band = Band(float(raw["from"]), float(raw["to"]), label)
        if band.low > band.high:
            fail(
                f"band {n} goes from {number_text(band.low)} down to "
                f"{number_text(band.high)}; 'from' is the lower end.",
                "bands",
                n,
                "from",
            )
        if band.high < low or band.low > high:
            fail(
                f"band {label!r} lies outside the scores this measure can give "
                f"({number_text(low)} to {number_text(high)}).",
                "bands",
                n,
                "from",
            )
        for other in bands:
            if band.low <= other.high and other.low <= band.high:
                fail(f"bands {other.label!r} and {label!r} overlap.", "bands", n, "from")
        bands.append(band)
    return Measure(
        name,
        title,
        citation,
        scoring,
        tuple(items),
        tuple(subscales),
        tuple(sorted(bands, key=lambda b: b.low)),
    )


def built_in() -> Measure:
    """supportnet's own check-in."""
    return parse_measure(BUILT_IN, "supportnet's own check-in", loaded=False)


# --- answers and scores -----------------------------------------------------------------


def _options_text(item: Item) -> str:
    return ", ".join(f"{number_text(v)} ({label})" for label, v in item.options)


def check_answers(measure: Measure, answers: Mapping[int, int]) -> dict[int, int]:
    """The answers, each an option of its item, every item answered (else exit 5)."""
    for n, value in answers.items():
        if not 1 <= n <= len(measure.items):
            raise InvalidInput(
                f"There is no item {n}: {measure.name} has {len(measure.items)} items."
            )
        item = measure.items[n - 1]
        if item.label_of(value) is None:
            raise InvalidInput(
                f"Item {n} has no option {number_text(value)}; its options are "
                f"{_options_text(item)}."
            )
    missing = [n for n in range(1, len(measure.items) + 1) if n not in answers]
    if missing:
        from supportnet.text import join_words

        raise InvalidInput(
            f"Give an answer for every item: {join_words([str(n) for n in missing])} "
            f"{'is' if len(missing) == 1 else 'are'} missing (--answer {missing[0]}=VALUE)."
        )
    return {n: int(answers[n]) for n in sorted(answers)}


def answers_from_flags(measure: Measure, flags: Sequence[str]) -> dict[int, int]:
    """``["1=2", "2=3", ...]`` (`--answer N=V`: item N, counting from 1, gets the option
    whose value is V), checked against the measure."""
    answers: dict[int, int] = {}
    for flag in flags:
        m = re.fullmatch(r"\s*(\d+)\s*=\s*(-?\d+)\s*", flag)
        if not m:
            raise InvalidInput(
                f"--answer {flag!r}: write it as ITEM=VALUE, for example --answer 1=3."
            )
        n, value = int(m.group(1)), int(m.group(2))
        if n in answers:
            raise InvalidInput(f"Item {n} is answered twice; give one --answer {n}=VALUE.")
        answers[n] = value
    return check_answers(measure, answers)


class Score(NamedTuple):
    total: float
    subscales: tuple[tuple[str, float], ...] = ()
    band: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "band": self.band,
            "subscales": {name: value for name, value in self.subscales},
        }


def score(measure: Measure, answers: Mapping[int, int]) -> Score:
    """The total (sum or mean of the items as they count), each subscale the same way
    over its items, and the band the total falls in (None: none does)."""
    counted = {n: measure.items[n - 1].scored(v) for n, v in answers.items()}
    total = measure.combine([counted[n] for n in sorted(counted)])
    subscales = tuple(
        (s.name, measure.combine([counted[i] for i in s.items])) for s in measure.subscales
    )
    band = next((b.label for b in measure.bands if b.holds(total)), None)
    return Score(total, subscales, band)


# --- over time --------------------------------------------------------------------------


class Point(NamedTuple):
    """One check-in on a measure's line."""

    id: int
    on_date: dt.date
    score: Score


@dataclass
class Trajectory:
    """A measure's check-ins over time, oldest first."""

    measure: Measure
    points: list[Point] = field(default_factory=list)

    def last_change(self) -> str | None:
        """'up 0.5 since 3 June', 'down 2 since ...', 'the same as on ...'; None with
        fewer than two check-ins."""
        if len(self.points) < 2:
            return None
        before, last = self.points[-2], self.points[-1]
        change = round(last.score.total - before.score.total, 2)
        when = f"{before.on_date.day} {before.on_date:%B}"
        if change > 0:
            return f"up {number_text(change)} since {when}"
        if change < 0:
            return f"down {number_text(-change)} since {when}"
        return f"the same as on {when}"

    def to_json(self) -> dict[str, Any]:
        low, high = self.measure.score_range()
        return {
            "measure": self.measure.name,
            "title": self.measure.title,
            "scoring": self.measure.scoring,
            "range": [low, high],
            "last_change": self.last_change(),
            "points": [
                {"id": p.id, "date": p.on_date.isoformat(), **p.score.to_json()}
                for p in self.points
            ],
        }


# --- cadence --------------------------------------------------------------------------


class Cadence(NamedTuple):
    measure: str
    every_days: int
    set_on: dt.date
    back_on: dt.date | None = None
    last: dt.date | None = None  # the latest check-in of the measure
    title: str | None = None

    def due_on(self) -> dt.date:
        """The day the next check-in is hoped for."""
        if self.last is None:
            return self.set_on
        return self.last + dt.timedelta(days=self.every_days)

    def is_due(self, today: dt.date) -> bool:
        if self.back_on is not None and self.back_on > today:
            return False
        return self.due_on() <= today


def due_note(cadences: Sequence[Cadence], today: dt.date) -> str | None:
    """One kind line when a check-in is due (None: none is); never more than one line,
    however many are due, and nothing while snoozed."""
    from supportnet.spans import describe_days

    due = [c for c in cadences if c.is_due(today)]
    if not due:
        return None
    first = due[0]
    which = "" if first.measure == BUILT_IN_NAME else f" --measure {first.measure}"
    what = "your check-in" if first.measure == BUILT_IN_NAME else f"your {first.measure} check-in"
    more = f" ({len(due) - 1} more due: supportnet check-in measures)" if len(due) > 1 else ""
    return (
        f"Time for {what} ({describe_days(first.every_days)}), when you're ready: "
        f"`supportnet check-in{which}` takes a minute{more}; "
        f"`supportnet check-in snooze{which}` leaves it for later."
    )
