"""Rows of a query as typed read records, matched by column name.

A read record is a small ``NamedTuple`` defined beside its query (a dataclass
works too, but its class costs several times as much to make, and a cold
command pays that for every record class it imports); the query names
each column as the field it fills (``SELECT p.id, p.name, max(on_date) AS
last_contact ...``), and ``fetch`` builds one record per row.  Values are
turned into the field's type on the way: ISO text into ``datetime.date`` (or
``datetime.datetime``), 0/1 into ``bool``, and ``group_concat(x, char(31))``
text into ``list[str]``.  No caller unpacks a row by position (the columns are
matched by name), and no date is converted by hand.  (Read records are not SQLModel
models: reads never import SQLAlchemy or pydantic.)
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import sqlite3
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple, TypeVar

R = TypeVar("R")


class Day(NamedTuple):
    """A row of one date (``SELECT ... AS day``): the days a group was gone to, the day
    a round number of get-togethers was reached."""

    day: dt.date


def last_contact_sql(day: str, *, in_person: bool = False) -> str:
    """An SQL expression: the latest get-together of the person ``p`` up to the day
    ``day`` (a placeholder, ``:today``), or with ``in_person`` the latest in person; NULL
    when there is none.  For a query that joins ``LEFT JOIN last_contact c ON
    c.person_id = p.id``: it reads that row (kept by triggers, migration 0012), and
    searches attendance only when the row holds a later day (a get-together logged ahead,
    or ``--today`` in the past)."""
    kept = "c.in_person_on" if in_person else "c.on_date"
    only = " AND a.in_person = 1" if in_person else ""
    return (
        f"CASE WHEN {kept} IS NULL OR {kept} <= {day} THEN {kept}"
        f" ELSE (SELECT a.on_date FROM attendance a WHERE a.person_id = p.id"
        f" AND a.on_date <= {day}{only} ORDER BY a.on_date DESC LIMIT 1) END"
    )


#: The separator of lists that SQL builds with ``group_concat(value, char(31))``.
LIST_SEPARATOR = "\x1f"


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Pause the cycle collector while many records are read and ranked (the nudge's
    facts, the digest's): tens of thousands of small acyclic objects, freed by
    reference counting anyway, would otherwise set off repeated collections that
    find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def fetch(
    conn: sqlite3.Connection, record: type[R], sql: str, params: Sequence[Any] = ()
) -> list[R]:
    """Every row of ``sql`` as a ``record``."""
    return list(iterate(conn, record, sql, params))


def fetch_one(
    conn: sqlite3.Connection, record: type[R], sql: str, params: Sequence[Any] = ()
) -> R | None:
    """The first row of ``sql`` as a ``record``, or None when there is none."""
    return next(iterate(conn, record, sql, params), None)


def iterate(
    conn: sqlite3.Connection, record: type[R], sql: str, params: Sequence[Any] = ()
) -> Iterator[R]:
    """The rows of ``sql`` as ``record``s, one at a time (for long results)."""
    cursor = conn.execute(sql, params)
    make = _maker(record, tuple(column[0] for column in cursor.description))
    for row in cursor:
        yield make(row)


def _split(text: str) -> list[str]:
    return text.split(LIST_SEPARATOR)


_CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    dt.date: dt.date.fromisoformat,
    dt.datetime: dt.datetime.fromisoformat,
    bool: bool,
    list[str]: _split,
}


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """How to turn a stored value into ``hint`` (``X | None`` as ``X``), or None: as is."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = [h for h in typing.get_args(hint) if h is not type(None)]
        hint = kinds[0] if len(kinds) == 1 else hint
    return _CONVERTERS.get(hint)


@functools.cache
def _maker(record: type[R], names: tuple[str, ...]) -> Callable[[tuple], R]:
    fields = tuple(getattr(record, "_fields", ()))  # a NamedTuple
    if not fields:  # a dataclass
        import dataclasses

        fields = tuple(f.name for f in dataclasses.fields(record) if f.init)  # type: ignore[arg-type]
    unknown = [n for n in names if n not in fields]
    if unknown:
        raise TypeError(f"{record.__name__} has no field {unknown[0]!r} (the query's column)")
    hints = typing.get_type_hints(record)
    convert = [_converter(hints[name]) for name in names]
    if names == getattr(record, "_fields", None) and not any(convert):
        # A NamedTuple whose columns are its fields, in order, each as stored: the row
        # itself is the record (a fifth of the time of a call by keyword, a row).
        return record._make  # type: ignore[attr-defined]
    # An empty list from SQL is NULL: give the field [] rather than None.
    fixes = [(i, fix) for i, fix in enumerate(convert) if fix]
    lists = [i for i, name in enumerate(names) if hints[name] == list[str]]
    # Passed by position when the columns are the first parameters of the record's
    # __init__ (a dataclass's InitVar or keyword-only field is not one of its fields).
    if hasattr(record, "_fields"):
        positional = fields
    else:
        code = record.__init__.__code__  # type: ignore[misc]
        positional = code.co_varnames[1 : code.co_argcount]
    in_order = names == positional[: len(names)]

    def make(row: tuple) -> R:
        values = list(row)
        for i, fix in fixes:
            if values[i] is not None:
                values[i] = fix(values[i])
        for i in lists:
            if values[i] is None:
                values[i] = []
        return record(*values) if in_order else record(**dict(zip(names, values)))

    return make
