"""The report's parts, read from --include, with plain values."""

from __future__ import annotations

from supportnet.report import parse_include


def test_parse_include():
    assert parse_include(None) == ["goals", "check-ins", "review", "people"]
    assert parse_include("people, Goals") == ["goals", "people"]
