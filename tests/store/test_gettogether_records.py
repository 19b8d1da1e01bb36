"""Get-togethers, plans and groups as read: the read records agree with the table
models field by field, their JSON is what docs/gettogethers.md lists, the reads
never load SQLModel while the writes do, and the CLI keeps its order of checks."""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from supportnet.models.community import Community
from supportnet.models.gettogether import Gettogether
from supportnet.models.plan import Plan, PlanOccurrence
from supportnet.store import gettogethers, groups, plans

ROOT = Path(__file__).resolve().parents[2]


def _plain(hint: object) -> object:
    """``X | None`` as ``X`` (a model's id is None until it is written)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = [h for h in typing.get_args(hint) if h is not type(None)]
        return kinds[0] if len(kinds) == 1 else hint
    return hint


def _agree(
    record: type,
    model: type[SQLModel],
    *,
    renamed: dict[str, str] | None = None,
    extra: set[str] = frozenset(),  # type: ignore[assignment]
    typed: dict[str, object] | None = None,
    unread: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Every field of ``record`` is a column of ``model`` with the same type (``renamed``
    maps a field to its column), except the documented ``extra`` fields (joined
    names, lists) and ``typed`` ones; every column is read unless ``unread``."""
    renamed, typed = renamed or {}, typed or {}
    hints = typing.get_type_hints(record)
    columns = {name: info.annotation for name, info in model.model_fields.items()}
    read = set()
    for f in dataclasses.fields(record):
        if f.name in extra:
            assert f.name not in columns, f"{f.name} is a column of {model.__name__}"
            continue
        column = renamed.get(f.name, f.name)
        assert column in columns, f"{record.__name__}.{f.name} is no column of {model.__name__}"
        read.add(column)
        if f.name in typed:
            assert hints[f.name] == typed[f.name] and columns[column] != hints[f.name]
            continue
        assert _plain(hints[f.name]) == _plain(columns[column]), (record.__name__, f.name)
        # What may be NULL in the table may be None in the record.
        if typing.get_args(columns[column]) and column != "id":
            assert hints[f.name] == columns[column], (record.__name__, f.name)
    assert set(columns) - read == set(unread), f"{model.__name__} columns left unread"


def test_an_entry_is_a_gettogether_with_its_group_plan_and_people() -> None:
    _agree(gettogethers.Entry, Gettogether,
           extra={"community_name", "plan_title", "people"},
           typed={"logged_at": str})  # fmt: skip  # the timestamp is only ever shown as stored


def test_a_plan_record_is_a_plan_with_its_people() -> None:
    _agree(plans.Plan, Plan, renamed={"rule": "rrule", "until": "until_on"}, extra={"people"},
           unread={"timezone"})  # fmt: skip
    _agree(plans._Mark, PlanOccurrence, unread={"plan_id"})
    _agree(gettogethers.PersonPlan, Plan, unread=set(Plan.model_fields) - {"id", "title",
                                                                            "status"})  # fmt: skip


def test_a_group_record_is_a_community_with_its_members() -> None:
    _agree(groups.Group, Community, renamed={"rule": "rrule"}, extra={"members"},
           unread={"timezone"})  # fmt: skip
    _agree(gettogethers.PersonGroup, Community,
           unread=set(Community.model_fields) - {"id", "name"})  # fmt: skip


def _documented(title: str) -> list[str]:
    """The field names of the table after ``title`` in docs/gettogethers.md."""
    text = (ROOT / "docs" / "gettogethers.md").read_text(encoding="utf-8")
    table = text.split(title, 1)[1].split("\n\n", 2)[1]
    names = []
    for row in table.splitlines()[2:]:
        names += re.findall(r"`([a-z_]+)`", row.split("|")[1])
    return names


def test_json_is_what_the_docs_list(run) -> None:
    run("add", "Maya")
    run("group", "add", "Chorus", "--meets", "every wed")
    run("log", "coffee", "--with", "Maya", "--group", "Chorus")
    run("plan", "walk", "--with", "Maya", "--every", "week")
    for command, title in (
        ("history", "`supportnet history --json`"),
        ("plans", "`supportnet plans --json`"),
        ("groups", "`supportnet groups --json`"),
    ):
        (item,) = json.loads(run(command, "--json").stdout)
        assert list(item) == _documented(title), command


# --- the CLI keeps its behaviour -------------------------------------------------------


@pytest.fixture
def maya(run):
    run("add", "Maya López")


def test_a_future_log_is_refused_before_the_database_is_made(run, db_path) -> None:
    assert run("log", "coffee", "--with", "Maya", "--on", "tomorrow", expect=6).stderr.startswith(
        "2026-06-11 is still to come: that is a plan"
    )
    assert run("done", "coffee", "--on", "tomorrow", expect=6).stderr.startswith(
        "2026-06-11 is still to come; mark it done once it has happened"
    )
    assert not db_path.exists()


def test_a_future_log_without_anyone_is_still_a_plan(run, maya, unchanged) -> None:
    with unchanged():
        assert run("log", "coffee", "--on", "tomorrow", expect=6).stderr.startswith(
            "2026-06-11 is still to come"
        )


def test_done_keeps_the_plans_title_and_its_length(run, maya) -> None:
    """`done` logs the plan's title as it is, and `--minutes 0` means the plan's own."""
    run("plan", "Coffee", "--with", "Maya", "--every", "week", "--minutes", "30")
    run("done", "Coffee", "--minutes", "0")
    (entry,) = json.loads(run("history", "--json").stdout)
    assert (entry["what"], entry["kind"], entry["minutes"]) == ("Coffee", "coffee", 30)
    # `log` does not keep a description that only names the kind.
    run("log", "Coffee", "--with", "Maya", "--on", "yesterday")
    assert json.loads(run("history", "--json").stdout)[1]["what"] is None


def test_nudge_log_writes_through_the_same_writer(run, maya, db_path) -> None:
    run("log", "coffee", "--with", "Maya", "--on", "2026-03-01")
    out = run("nudge", "--log", "1", "--yes").stdout
    (latest, _) = json.loads(run("history", "--json").stdout)
    assert out == f"Logged a {latest['kind']} with Maya López today as #2 (suggestion 1).\n"
    assert (latest["id"], latest["date"], latest["people"]) == (
        2, "2026-06-10", [{"id": 1, "name": "Maya López"}]
    )  # fmt: skip
