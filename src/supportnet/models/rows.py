"""Row validators derived from the table models, for writing many rows at once.

Building a table model per row costs about 170 µs (some 6,000 rows a second), and
table models do not even validate in ``__init__``.  A bulk writer (the JSON import)
instead takes the rows of one table as tuples of plain values, in the order of the
columns it was given, and checks them all with one pydantic ``TypeAdapter`` built
once per table from its SQLModel table (``models.load_all()``, looked up by name):
each column's type, whether it may be null, and what the models' column types
mean.  Almost every check runs inside pydantic-core (which also parses the JSON of a
batch of rows), so a row costs a few microseconds, about what ``json.loads`` alone
takes; the rows that pass come back as tuples ready for ``executemany``.

What a column holds, from the model:

- ``Integer`` and ``Flag``: a whole number SQLite holds (64-bit); the table's own
  integer primary key (its rowid) at most ``max_id``; a length the writers bound
  (``INTEGER_LIMITS``: minutes, a cadence) within their bound.  A flag's 0 or 1 is the
  schema's CHECK, as every other CHECK is.
- ``Text``: text that is valid Unicode (no lone surrogate, which no file or database
  can store).
- ``IsoDate``: a real day ``YYYY-MM-DD`` in the years supportnet keeps (dates.py).
- ``IsoTimestamp``: text ``datetime.fromisoformat`` reads.
- null only where the column may be (the rowid may be left out: SQLite gives one).

What the models cannot say, because the column is plain text there, is kept here by
column name (``TEXT_FORMATS``: times, RRULEs, UUIDs), with the one rule that spans
columns (a birthday must be a day of the calendar).

Given the day of the import (``row_rules(..., today=)``), the
rules of the writers that need today hold for these rows too (``HAPPENED``): a
favor or a get-together dated after today is refused, by the model's own check.

Each refusal is explained in the words the JSON import has always used
(``RowRules.explain``): ``has on_date '2026-02-30', which is not a date (YYYY-MM-DD)``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from typing import Annotated, Any

from pydantic import AfterValidator, Field, Strict, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError
from sqlalchemy import Column, Integer, String, Table

from supportnet.dates import EARLIEST_YEAR, LATEST_YEAR
from supportnet.errors import SupportnetError
from supportnet.models import load_all
from supportnet.models.gettogether import MAX_MINUTES, check_not_future
from supportnet.models.support import check_favor_day
from supportnet.models.types import Flag, IsoDate, IsoTimestamp
from supportnet.spans import MAX_DAYS
from supportnet.text import SQLITE_MAX_INT, SQLITE_MIN_INT

#: SQLite's own limit on one text value (SQLITE_MAX_LENGTH).  Giving pydantic a length
#: to check makes it read the text as Unicode, so a lone surrogate is refused there.
MAX_TEXT = 1_000_000_000


# --- the patterns pydantic-core checks by itself -----------------------------------

_YEARS = "|".join(str(year) for year in range(EARLIEST_YEAR, LATEST_YEAR + 1))
_LEAP_YEARS = "|".join(
    str(year) for year in range(EARLIEST_YEAR, LATEST_YEAR + 1) if calendar.isleap(year)
)
#: Every real day from EARLIEST_YEAR to LATEST_YEAR, and nothing else.
_DAY = (
    f"(?:(?:{_YEARS})-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    f"|(?:{_LEAP_YEARS})-02-29)"
)
DATE_PATTERN = f"^{_DAY}$"
TIME_PATTERN = "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
#: How supportnet writes a timestamp (UTC, to the second); others are read by Python.
_CANONICAL_MOMENT = f"^{_DAY}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\+00:00$"


# --- what each kind of value must be, and why one is not ------------------------------


def _date_problem(column: str, value: Any) -> str | None:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                return (
                    f"has {column} {value!r}, outside the years supportnet keeps "
                    f"({EARLIEST_YEAR} to {LATEST_YEAR})"
                )
            return None
    return f"has {column} {value!r}, which is not a date (YYYY-MM-DD)"


def _moment(value: str) -> str:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("moment", "not a date and time") from None
    return value


def _moment_problem(column: str, value: Any) -> str | None:
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return None
    return f"has {column} {value!r}, which is not a date and time"


def _time_problem(column: str, value: Any) -> str | None:
    if re.fullmatch(TIME_PATTERN, value):
        return None
    return f"has {column} {value!r}, which is not a time (HH:MM)"


_GOOD_RULES: set[str] = set()


def _rule(value: str) -> str:
    if value not in _GOOD_RULES:
        from supportnet.errors import InvalidInput
        from supportnet.recurrence import clean_rule

        try:
            clean_rule(value)
        except InvalidInput:
            raise PydanticCustomError("rule", "not a rule supportnet can follow") from None
        _GOOD_RULES.add(value)
    return value


def _rule_problem(column: str, value: Any) -> str | None:
    try:
        _rule(value)
    except PydanticCustomError:
        return f"has {column} {value!r}, which is not a rule supportnet can follow"
    return None


def _uuid(value: str) -> str:
    try:
        uuid.UUID(value)
    except ValueError:
        raise PydanticCustomError("uuid", "not a UUID") from None
    return value


def _uuid_problem(column: str, value: Any) -> str | None:
    try:
        _uuid(value)
    except PydanticCustomError:
        return f"has {column} {value!r}, which is not a UUID"
    return None


Text = Annotated[str, Strict(), Field(max_length=MAX_TEXT)]


# --- the writers' rules that need today ---------------------------------------------


@dataclass(frozen=True)
class Happened:
    """A date column of a record of what happened: ``check`` (the writers' own rule,
    given the date and today) refuses a date still to come, for ``reason``."""

    column: str
    check: Callable[[dt.date, dt.date], None]
    reason: str


#: The records that are kept once they have happened, by table.
HAPPENED: dict[str, Happened] = {
    "favor": Happened("on_date", check_favor_day, "a favor is recorded once it has happened"),
    "gettogether": Happened(
        "on_date", check_not_future, "a get-together is logged once it has happened"
    ),
}


def _still_to_come(happened: Happened, today: dt.date, value: str) -> bool:
    try:
        happened.check(dt.date.fromisoformat(value), today)
    except SupportnetError:
        return True
    return False


def _happened(happened: Happened, today: dt.date) -> Callable[[str], str]:
    def check(value: str) -> str:
        if _still_to_come(happened, today, value):
            raise PydanticCustomError("to_come", "a day still to come")
        return value

    return check


@dataclass(frozen=True)
class TextFormat:
    """A format the models leave to plain text: its pydantic type and its explanation."""

    annotation: Any
    problem: Callable[[str, Any], str | None]


#: Text columns with a format of their own, by column name, in every table.
TEXT_FORMATS: dict[str, TextFormat] = {
    "at_time": TextFormat(Annotated[str, Strict(), Field(pattern=TIME_PATTERN)], _time_problem),
    "rrule": TextFormat(Annotated[Text, AfterValidator(_rule)], _rule_problem),
    "uuid": TextFormat(Annotated[Text, AfterValidator(_uuid)], _uuid_problem),
}


#: Whole numbers the writers keep within bounds (as `--minutes`, `--cadence` and
#: `check-in --every` do), by column name, in every table: the largest a row may hold,
#: and in words.
INTEGER_LIMITS: dict[str, tuple[int, str]] = {
    "duration_minutes": (MAX_MINUTES, "a day"),
    "every_days": (MAX_DAYS, "a hundred years"),
    "cadence_days": (MAX_DAYS, "a hundred years"),
}


def _surrogate(value: str) -> str | None:
    """The lone surrogate in ``value`` (JSON's ``\\ud800`` escape makes one), or None."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return value[error.start]
    return None


def value_problem(column: str, value: Any) -> str | None:
    """What keeps ``value`` out of any SQLite column, whatever its type, or None.

    Text with a lone surrogate, an integer beyond 64 bits, and anything but text,
    numbers, bytes and null.  ``NOT_A_VALUE`` is the words for the last.
    """
    kind = type(value)
    if kind is str:
        lone = _surrogate(value)
        if lone is None:
            return None
        return f"has {column} text that is not valid Unicode (a lone surrogate, {lone!r})"
    if kind is int:
        if SQLITE_MIN_INT <= value <= SQLITE_MAX_INT:
            return None
        digits = str(value)
        shown = digits if len(digits) <= 40 else f"of {len(digits.lstrip('-'))} digits"
        return (
            f"has {column} {shown}, a number beyond what the database holds "
            f"({SQLITE_MIN_INT} to {SQLITE_MAX_INT})"
        )
    if value is None or kind is bytes or (kind is float and math.isfinite(value)):
        return None
    return NOT_A_VALUE


NOT_A_VALUE = "holds a value that is not text, a number or null"


# --- one column, one table ---------------------------------------------------------


@dataclass(frozen=True)
class ColumnRule:
    """What one column of a table model accepts, as a pydantic type and in words."""

    name: str
    kind: str  # integer, text, date or moment
    nullable: bool
    required: bool  # a row cannot leave it out (not null, no default, not the rowid)
    max_int: int | None  # integers only: the largest accepted (max_id for the rowid)
    text_format: TextFormat | None
    happened: Happened | None = None  # dates only: not after ``today`` (``HAPPENED``)
    today: dt.date | None = None
    min_int: int = SQLITE_MIN_INT  # integers only: the smallest accepted (1 for the rowid)

    @property
    def annotation(self) -> Any:
        if self.kind == "integer":
            assert self.max_int is not None
            value: Any = Annotated[int, Strict(), Field(ge=self.min_int, le=self.max_int)]
        elif self.kind == "date":
            value = Annotated[str, Strict(), Field(pattern=DATE_PATTERN)]
            if self.happened is not None and self.today is not None:
                value = Annotated[value, AfterValidator(_happened(self.happened, self.today))]
        elif self.kind == "moment":
            canonical = Annotated[str, Strict(), Field(pattern=_CANONICAL_MOMENT)]
            value = Annotated[
                canonical | Annotated[Text, AfterValidator(_moment)],
                Field(union_mode="left_to_right"),
            ]
        else:
            value = self.text_format.annotation if self.text_format else Text
        return value | None if self.nullable else value

    def _to_come(self, value: str) -> str | None:
        """Why a real day is refused in a column of ``HAPPENED``: it is still to come."""
        assert self.happened is not None and self.today is not None
        if not _still_to_come(self.happened, self.today, value):
            return None
        return f"has {self.name} {value!r}, after today ({self.today}): {self.happened.reason}"

    def problem(self, value: Any) -> str | None:
        """Why ``value`` (one SQLite can store: see ``value_problem``) does not belong
        in this column, in the import's words; None when it does."""
        column = self.name
        if value is None:
            return None if self.nullable else f"has no {column} (null), which it must have"
        if self.kind == "integer":
            if type(value) is not int:
                return f"has {column} {value!r}, which is not a whole number"
            if self.max_int is not None and value > self.max_int:
                if column in INTEGER_LIMITS:
                    return f"has {column} {value}, more than {INTEGER_LIMITS[column][1]} " \
                           f"({self.max_int})"  # fmt: skip
                return f"has {column} {value}, beyond the largest id supportnet accepts " \
                       f"({self.max_int})"  # fmt: skip
            if value < self.min_int:  # the rowid: `#0` and `#-5` reach no one
                return f"has {column} {value}; an id is a whole number from 1"
            return None
        if self.kind == "date":
            problem = _date_problem(column, value)
            if problem is None and self.happened and self.today:
                return self._to_come(value)
            return problem
        if self.kind == "moment":
            return _moment_problem(column, value)
        if type(value) is not str:
            return f"has {column} {value!r}, which is not text"
        return self.text_format.problem(column, value) if self.text_format else None


def _kind(column: Column) -> str:
    kind = column.type
    if isinstance(kind, IsoDate):
        return "date"
    if isinstance(kind, IsoTimestamp):
        return "moment"
    if isinstance(kind, (Flag, Integer)):
        return "integer"
    if isinstance(kind, String):
        return "text"
    raise TypeError(f"rows.py has no rule for {column.table.name}.{column.name} ({kind!r})")


def table_model(name: str) -> Table:
    """The table model's ``Table`` for the table called ``name`` (``KeyError`` if none)."""
    return load_all().tables[name]


def rowid_column(table: Table) -> str | None:
    """The table's own integer primary key (SQLite's rowid alias), if it has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and _kind(keys[0]) == "integer" and not isinstance(keys[0].type, Flag):
        return keys[0].name
    return None


def _largest(column: str, is_rowid: bool, max_id: int) -> int:
    """The largest whole number a column accepts (``INTEGER_LIMITS``; ``max_id`` for
    the rowid)."""
    if is_rowid:
        return max_id
    return INTEGER_LIMITS.get(column, (SQLITE_MAX_INT, ""))[0]


def column_rules(
    table: Table, max_id: int = SQLITE_MAX_INT, today: dt.date | None = None
) -> dict[str, ColumnRule]:
    """A rule for every column of ``table``, by name, in the table's order; with
    ``today``, the writers' rules that need it too (``HAPPENED``)."""
    rowid = rowid_column(table)
    happened = HAPPENED.get(table.name)
    rules = {}
    for column in table.columns:
        kind = _kind(column)
        is_rowid = column.name == rowid
        rules[column.name] = ColumnRule(
            name=column.name,
            kind=kind,
            nullable=bool(column.nullable) or is_rowid,
            required=not column.nullable and column.server_default is None and not is_rowid,
            max_int=_largest(column.name, is_rowid, max_id) if kind == "integer" else None,
            text_format=TEXT_FORMATS.get(column.name) if kind == "text" else None,
            happened=happened if happened and happened.column == column.name else None,
            today=today,
            min_int=1 if is_rowid else SQLITE_MIN_INT,
        )
    return rules


# --- the one rule across columns ---------------------------------------------------

BIRTHDAY = ("birthday_month", "birthday_day", "birthday_year")
BIRTHDAY_PROBLEM = "has a birthday that is not a day of the calendar"


def _birthday_problem(month: Any, day: Any, year: Any) -> str | None:
    if month is None and day is None:
        return None
    try:
        dt.date(int(year or 2000), int(month), int(day))
    except (TypeError, ValueError, OverflowError):
        return BIRTHDAY_PROBLEM
    return None


def _birthday_check(places: tuple[int, int, int | None]) -> Callable[[tuple], tuple]:
    month, day, year = places

    def check(row: tuple) -> tuple:
        if row[month] is not None or row[day] is not None:
            given = row[year] if year is not None else None
            if _birthday_problem(row[month], row[day], given):
                raise PydanticCustomError("birthday", BIRTHDAY_PROBLEM)
        return row

    return check


# --- the validator of one table's rows -------------------------------------------


@dataclass
class RowRefused(Exception):
    """Row ``index`` (0-based, in the rows given) is refused: ``problem`` says why,
    in words that follow "row N of 'table' " (``has on_date '2026-02-30', which ...``).
    ``rows`` are the rows given (the caller may want those before it)."""

    index: int
    problem: str
    rows: list[Any] = field(default_factory=list)


class RowRules:
    """The rows of one table, given as values in the order of ``columns``."""

    def __init__(
        self, table: Table, columns: Sequence[str], max_id: int, today: dt.date | None = None
    ) -> None:
        everything = column_rules(table, max_id, today)
        self.table = table
        self.columns = tuple(columns)
        self.rules = [everything[c] for c in self.columns]  # KeyError: not a column
        self.width = len(self.columns)
        #: The columns of ``HAPPENED`` (with today): checked after pydantic, once for
        #: each different day in a batch rather than once a row (``_first_to_come``).
        self.happened = [
            (place, rule)
            for place, rule in enumerate(self.rules)
            if rule.happened is not None and rule.today is not None
        ]
        annotations = [replace(rule, today=None).annotation for rule in self.rules]
        row: Any = tuple[tuple(annotations)]  # type: ignore[misc]
        self.birthday = _places(self.columns)
        if self.birthday:
            row = Annotated[row, AfterValidator(_birthday_check(self.birthday))]
        self.adapter: TypeAdapter[list[tuple]] = TypeAdapter(list[row])  # type: ignore[valid-type]

    def validate_json(self, data: bytes | str) -> list[tuple]:
        """The rows of a JSON array of rows, checked (``ValidationError`` if any is not)."""
        rows = self.adapter.validate_json(data)
        first = self._first_to_come(rows)
        if first is not None:
            index, column = first
            raise ValidationError.from_exception_data(
                "rows",
                [{"type": PydanticCustomError("to_come", "a day still to come"),
                  "loc": (index, column), "input": rows[index][column]}],
            )  # fmt: skip
        return rows

    def _first_to_come(self, rows: Sequence[Sequence[Any]]) -> tuple[int, int] | None:
        """(row, column) of the first date still to come in a column of ``HAPPENED``.

        ``rows`` hold only real days there (pydantic checked them).  The writers' rule
        (``Happened.check``) is asked once for each different day, not once a row.
        """
        first = None
        for place, rule in self.happened:
            days = set(map(itemgetter(place), rows))  # (in C: a set comprehension is a
            # Python step a row, a third of what pydantic takes for the whole row)
            days.discard(None)
            assert rule.happened is not None and rule.today is not None
            to_come = {d for d in days if _still_to_come(rule.happened, rule.today, d)}
            if to_come:
                index = next(i for i, row in enumerate(rows) if row[place] in to_come)
                if first is None or index < first[0]:
                    first = (index, place)
        return first

    def validate(self, rows: list[Any], cell: Callable[[Any], Any] | None = None) -> list[tuple]:
        """``rows`` (lists of values) checked; ``RowRefused`` for the first that is not.

        ``cell`` turns a value of the file into the value it stands for (the JSON
        export writes bytes as {"$base64": ...}), to say why a row is refused.
        """
        try:
            checked = self.adapter.validate_python(rows)
        except ValidationError as error:
            errors = error.errors(include_url=False, include_context=False, include_input=False)
            first = min(int(e["loc"][0]) if e["loc"] else 0 for e in errors)
            coming = self._first_to_come(rows[:first])  # those before it are checked
        else:
            coming = self._first_to_come(checked)
            if coming is None:
                return checked
            first = len(rows)
        if coming is not None:
            first = min(first, coming[0])
        row = rows[first] if first < len(rows) else None
        if cell is not None and isinstance(row, list):
            row = [cell(value) for value in row]
        problem = self.explain(row)
        if problem is None:  # pydantic and the words disagree: a bug here, not in the file
            raise AssertionError(f"{self.table.name}: row {first} refused without a reason")
        raise RowRefused(first, problem, rows)

    def explain(self, row: Any) -> str | None:
        """Why ``row`` is refused (the first reason, in the import's order), or None.

        The order: a row of the wrong length; then any value no column could hold,
        in column order; then any value this column cannot hold; then the birthday.
        """
        if not isinstance(row, (list, tuple)) or len(row) != self.width:
            return f"does not have {self.width} values"
        for column, value in zip(self.columns, row):
            problem = value_problem(column, value)
            if problem:
                return problem
        for rule, value in zip(self.rules, row):
            problem = rule.problem(value)
            if problem:
                return problem
        if self.birthday:
            month, day, year = self.birthday
            return _birthday_problem(row[month], row[day], row[year] if year is not None else None)
        return None

    def missing(self) -> list[str]:
        """The columns every row needs that are not among ``columns``."""
        rules = column_rules(self.table).values()
        return [c.name for c in rules if c.required and c.name not in self.columns]


def _places(columns: tuple[str, ...]) -> tuple[int, int, int | None] | None:
    month, day, year = BIRTHDAY
    if month not in columns or day not in columns:
        return None
    return (
        columns.index(month),
        columns.index(day),
        (columns.index(year) if year in columns else None),
    )


def row_rules(
    table: str,
    columns: tuple[str, ...],
    max_id: int = SQLITE_MAX_INT,
    today: dt.date | None = None,
) -> RowRules:
    """The validator of ``table``'s rows given as ``columns`` (built once, then reused);
    rows are checked against ``today`` too (``HAPPENED``) when it is given."""
    return _row_rules(table, columns, max_id, today)


@lru_cache(maxsize=64)
def _row_rules(
    table: str, columns: tuple[str, ...], max_id: int, today: dt.date | None
) -> RowRules:
    return RowRules(table_model(table), columns, max_id, today)
