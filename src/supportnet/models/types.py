"""Column types: Python values in the models, the schema's own SQLite values on disk.

The migrations store dates as ISO text (``2026-06-10``), timestamps as ISO text
with their UTC offset (``2026-06-10T09:15:00+00:00``) and flags as 0 or 1; these
types let a model hold a ``datetime.date``, a ``datetime.datetime`` and a
``bool`` while the file keeps exactly what it held before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, Text
from sqlalchemy.types import TypeDecorator


class IsoDate(TypeDecorator[dt.date]):
    """A ``datetime.date`` stored as ``YYYY-MM-DD`` text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return value.isoformat()

    def process_result_value(self, value: Any, dialect: Any) -> dt.date | None:
        return dt.date.fromisoformat(value) if value is not None else None


class IsoTimestamp(TypeDecorator[dt.datetime]):
    """An aware ``datetime.datetime`` stored as ISO text to the second."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return value.isoformat(timespec="seconds")

    def process_result_value(self, value: Any, dialect: Any) -> dt.datetime | None:
        return dt.datetime.fromisoformat(value) if value is not None else None


class Flag(TypeDecorator[bool]):
    """A ``bool`` stored as the INTEGER 0 or 1 the schema's CHECKs allow."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        return None if value is None else int(bool(value))

    def process_result_value(self, value: Any, dialect: Any) -> bool | None:
        return None if value is None else bool(value)
