"""Get-togethers, plans and groups as read: the read records agree with the table
models field by field."""

from __future__ import annotations

import dataclasses
import types
import typing

from sqlmodel import SQLModel

from supportnet.models.gettogether import Gettogether
from supportnet.models.group import Group as GroupModel
from supportnet.models.plan import Plan, PlanOccurrence
from supportnet.store import gettogethers, groups, plans


def _plain(hint: object) -> object:
    """``X | None`` as ``X`` (a model's id is None until it is written)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = [h for h in typing.get_args(hint) if h is not type(None)]
        return kinds[0] if len(kinds) == 1 else hint
    return hint


def _field_names(record: type) -> list[str]:
    """The fields of a read record: a NamedTuple's or a dataclass's."""
    if hasattr(record, "_fields"):
        return list(record._fields)
    return [f.name for f in dataclasses.fields(record)]


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
    for name in _field_names(record):
        if name in extra:
            assert name not in columns, f"{name} is a column of {model.__name__}"
            continue
        column = renamed.get(name, name)
        assert column in columns, f"{record.__name__}.{name} is no column of {model.__name__}"
        read.add(column)
        if name in typed:
            assert hints[name] == typed[name] and columns[column] != hints[name]
            continue
        assert _plain(hints[name]) == _plain(columns[column]), (record.__name__, name)
        # What may be NULL in the table may be None in the record.
        if typing.get_args(columns[column]) and column != "id":
            assert hints[name] == columns[column], (record.__name__, name)
    assert set(columns) - read == set(unread), f"{model.__name__} columns left unread"


def test_an_entry_is_a_gettogether_with_its_group_plan_and_people() -> None:
    _agree(gettogethers.Entry, Gettogether,
           extra={"community_name", "plan_title", "people"},
           typed={"logged_at": str})  # fmt: skip  # the timestamp is only ever shown as stored


def test_a_plan_record_is_a_plan_with_its_people() -> None:
    _agree(plans.Plan, Plan, renamed={"rule": "rrule", "until": "until_on"}, extra={"people"},
           unread={"timezone", "paused_by_archive"})  # fmt: skip
    _agree(plans._Mark, PlanOccurrence, unread={"plan_id"})
    _agree(gettogethers.PersonPlan, Plan, unread=set(Plan.model_fields) - {"id", "title",
                                                                            "status"})  # fmt: skip


def test_a_group_record_is_a_community_with_its_members() -> None:
    _agree(groups.Group, GroupModel, renamed={"rule": "rrule"}, extra={"members"},
           unread={"timezone"})  # fmt: skip
    _agree(gettogethers.PersonGroup, GroupModel,
           unread=set(GroupModel.model_fields) - {"id", "name"})  # fmt: skip
