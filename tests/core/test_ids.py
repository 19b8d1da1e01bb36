"""Ids typed on the command line, read by one parser; ids beyond SQLite's range are null."""

from __future__ import annotations

import pytest

from supportnet.text import SQLITE_MAX_INT, SQLITE_MIN_INT, id_key, parse_id

HUGE = "9" * 20


@pytest.mark.parametrize(
    ("ref", "hash_required", "number"),
    [
        ("#12", False, 12),
        ("12", False, 12),
        ("  # 12 ", False, 12),
        ("#12", True, 12),
        ("12", True, None),
        ("#007", True, 7),
        (f"#{HUGE}", True, int(HUGE)),
        ("#12a", False, None),
        ("##12", False, None),
        ("#-3", False, None),
        ("²", False, None),  # a digit to str.isdigit, but not to int()
        ("Maya", False, None),
        ("", False, None),
        ("9" * 100, False, int("9" * 100)),
        ("9" * 101, False, None),  # far beyond any id: not read as a number at all
        ("9" * 5000, False, None),  # beyond what int() reads without complaint
    ],
)
def test_parse_id(ref: str, hash_required: bool, number: int | None) -> None:
    assert parse_id(ref, hash_required=hash_required) == number


def test_id_key_is_null_beyond_sqlites_range() -> None:
    assert id_key(SQLITE_MAX_INT) == SQLITE_MAX_INT
    assert id_key(SQLITE_MIN_INT) == SQLITE_MIN_INT
    assert id_key(7) == 7
    assert id_key(SQLITE_MAX_INT + 1) is None
    assert id_key(SQLITE_MIN_INT - 1) is None
