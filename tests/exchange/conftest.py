"""Fixtures the JSON import tests share (test_hostile_json, test_json_import_models)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

#: The small export, made through the commands by the first test of a process that asks.
_SMALL_EXPORT: dict[str, Any] = {}


@pytest.fixture
def export(run, tmp_path: Path) -> dict[str, Any]:
    """A small export (a person, a plan, a get-together, a config) as a dict.

    Made through the commands the first time in a process; every test gets its own
    deep copy to change (four commands on a new database cost more than many a test).
    """
    if not _SMALL_EXPORT:
        source = tmp_path / "source" / "supportnet.db"
        run("--db", str(source), "add", "Maya López", "--birthday", "March 14")
        run("--db", str(source), "plan", "add", "walk", "--with", "Maya", "--every", "week")
        run("--db", str(source), "log", "coffee", "--with", "Maya", "--on", "yesterday")
        (source.parent / "config.toml").write_text("[cadence]\nfriend = 21\n", encoding="utf-8")
        _SMALL_EXPORT.update(
            json.loads(run("--db", str(source), "export", "--format", "json").stdout)
        )
    return copy.deepcopy(_SMALL_EXPORT)


@pytest.fixture
def empty(run, tmp_path: Path) -> Path:
    """An empty database, made once and copied for each example (quicker than migrating)."""
    template = tmp_path / "template" / "supportnet.db"
    run("--db", str(template), "people")
    return template
