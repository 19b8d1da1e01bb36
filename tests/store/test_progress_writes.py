"""Goals, resources and who helps in a hard moment: input models, writers, read records.

The input models (models/progress.py) are tested with plain values (and through the
CLI in cli/test_write_rules.py); the writers (writes/progress.py,
writes/helpnow.py) on a temporary database through ``db.write_session``; and the
read records of store/progress.py and store/resources.py against the table models.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from pathlib import Path

import pytest

from supportnet import db
from supportnet.errors import Conflict, InvalidInput, NotFound
from supportnet.models import validate
from supportnet.models.progress import (
    GoalCreate,
    GoalUpdate,
    ResourceCreate,
    SafetyRoleChange,
)
from tests.conftest import TODAY
from tests.progress_data import community, person

D = dt.date


# --- input models, with plain values ----------------------------------------------------


def test_goal_create_cleans_and_checks():
    goal = validate(GoalCreate, {"title": "  reach out\n to 2   people ", "kind": "reach out",
                                 "target": 2, "period": "weekly"})  # fmt: skip
    assert (goal.title, goal.kind, goal.target, goal.period) == (
        "reach out to 2 people", "reach_out", 2, "week"
    )  # fmt: skip
    group = validate(GoalCreate, {"title": "choir", "kind": "community", "target": 1,
                                  "community_id": 4})  # fmt: skip
    assert (group.period, group.community_id) == ("week", 4)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": " \n "}, "A goal needs a few words to name it."),
        ({"kind": "hugs"}, "Unknown kind of goal 'hugs'."),
        ({"target": 0}, "How many? Put a number in the goal"),
        ({"target": 1001}, "A goal of more than 1000 in one period is not a gentle goal."),
        ({"period": "day"}, "A goal is per week or per month, not 'day'."),
        ({"community_id": 3}, "--group only fits a goal of going to a community"),
        ({"target": "many"}, "The target is not valid: input should be a valid integer"),
    ],
)  # fmt: skip
def test_goal_create_refuses(changes, message):
    given = {"title": "give 1 favor", "kind": "favors", "target": 1, **changes}
    with pytest.raises(InvalidInput) as error:
        validate(GoalCreate, given)
    assert error.value.message.startswith(message)


def test_goal_update():
    assert validate(GoalUpdate, {"status": "Paused"}).status == "paused"
    with pytest.raises(InvalidInput) as error:
        validate(GoalUpdate, {"status": "asleep"})
    assert error.value.message.startswith("Unknown goal status 'asleep'.")


def test_resource_create_cleans_and_checks():
    given = {"name": " Crisis \t line ", "kind": "Hotline", "phone": " 988 ", "url": "",
             "note": " day\nand night "}  # fmt: skip
    r = validate(ResourceCreate, given)
    assert r.model_dump() == {"name": "Crisis line", "kind": "hotline", "phone": "988",
                              "url": None, "note": "day\nand night"}  # fmt: skip
    assert validate(ResourceCreate, {"name": "Library", "note": "Main street"}).kind == "other"


@pytest.mark.parametrize(
    "given, message",
    [
        ({"name": "  ", "phone": "1"}, "A resource needs a name."),
        ({"name": "Line", "kind": "hotlne", "phone": "1"},
         "Unknown kind of resource 'hotlne'. Did you mean hotline?"),
        ({"name": "Line", "phone": "call  me"}, "'call me' does not look like a phone number."),
        ({"name": "Line", "url": "not an address"},
         "'not an address' does not look like a web address."),
        ({"name": "Line", "url": "nowhere"}, "'nowhere' does not look like a web address."),
        ({"name": "Line", "phone": " ", "note": "\n"}, "Say how to reach it: --phone, --url"),
    ],
)  # fmt: skip
def test_resource_create_refuses(given, message):
    with pytest.raises(InvalidInput) as error:
        validate(ResourceCreate, given)
    assert error.value.message.startswith(message)


def test_safety_role_change():
    change = validate(SafetyRoleChange, {"roles": ["takes mind off", "ask_for_help",
                                                   "takes_mind_off"],
                                         "place": " a walk  by the river "})  # fmt: skip
    assert (change.roles, change.place) == (["takes_mind_off", "ask_for_help"],
                                            "a walk by the river")  # fmt: skip
    assert "note" not in change.model_fields_set  # a recorded note stays as it is
    cleared = validate(SafetyRoleChange, {"roles": ["ask_for_help"], "note": "  "})
    assert "note" in cleared.model_fields_set and cleared.note is None
    for given, message in (
        ({"roles": []}, "Give at least one role: ask_for_help or takes_mind_off."),
        ({"roles": ["hug"]}, "Unknown role 'hug'."),
        ({"roles": ["ask_for_help"], "place": " \t"}, "A place cannot be empty."),
    ):
        with pytest.raises(InvalidInput) as error:
            validate(SafetyRoleChange, given)
        assert error.value.message.startswith(message)


# --- writers, at the store layer ----------------------------------------------------------


@pytest.fixture
def conn(tmp_path: Path):
    connection = db.open_database(tmp_path / "writes.db")
    yield connection
    connection.close()


def _rows(conn, sql: str) -> list[tuple]:
    return [tuple(row) for row in conn.execute(sql)]


def _goal(**values) -> GoalCreate:
    return validate(GoalCreate, {"title": "give 1 favor", "kind": "favors", "target": 1,
                                 **values})  # fmt: skip


def test_add_goal_writes_one_row_and_refuses_the_same_goal_twice(conn):
    from supportnet.writes.progress import add_goal

    with db.transaction(conn):
        choir = community(conn, "Community chorus")
    with db.write_session(conn) as session:
        first = add_goal(session, _goal(), TODAY)
        group = add_goal(session, _goal(title="choir", kind="community", community_id=choir),
                         TODAY)  # fmt: skip
    assert _rows(conn, "SELECT id, title, kind, target, period, community_id, status,"
                       " created_on, paused_on, removed_on FROM goal ORDER BY id") == [
        (first, "give 1 favor", "favors", 1, "week", None, "active", "2026-06-10", None, None),
        (group, "choir", "community", 1, "week", choir, "active", "2026-06-10", None, None),
    ]  # fmt: skip
    before = _rows(conn, "SELECT * FROM goal")
    with (
        pytest.raises(Conflict, match=r"Goal #1 give 1 favor already asks for that\."),
        db.write_session(conn) as session,
    ):
        add_goal(session, _goal(title="do a favor"), TODAY)
    # Another group, another number or another period is another goal.
    with db.write_session(conn, dry_run=True) as session:
        add_goal(session, _goal(target=2), TODAY)
        add_goal(session, _goal(period="month"), TODAY)
        add_goal(session, _goal(title="any group", kind="community"), TODAY)
    assert _rows(conn, "SELECT * FROM goal") == before


def test_goal_status_writer_keeps_every_pause(conn):
    from supportnet.writes.progress import add_goal, set_goal_status

    def status(value: str, day: dt.date) -> bool:
        with db.write_session(conn) as session:
            return set_goal_status(session, gid, validate(GoalUpdate, {"status": value}), day)

    def goal() -> tuple:
        return _rows(conn, "SELECT status, paused_on, removed_on FROM goal")[0]

    def pauses() -> list[tuple]:
        return _rows(conn, "SELECT paused_on, resumed_on FROM goal_pause ORDER BY paused_on")

    with db.write_session(conn) as session:
        gid = add_goal(session, _goal(), D(2026, 5, 1))
    assert status("active", D(2026, 5, 2)) is False  # already active: nothing changes
    assert status("paused", D(2026, 5, 10)) is True
    assert goal() == ("paused", "2026-05-10", None)
    assert status("paused", D(2026, 5, 11)) is False
    assert pauses() == [("2026-05-10", None)]
    assert status("active", D(2026, 5, 20)) is True
    assert goal() == ("active", None, None) and pauses() == [("2026-05-10", "2026-05-20")]
    # Paused again on the day it was resumed: that pause simply goes on.
    assert status("paused", D(2026, 5, 20)) is True
    assert status("active", D(2026, 5, 20)) is True
    assert status("paused", D(2026, 5, 20)) is True
    assert pauses() == [("2026-05-10", "2026-05-20"), ("2026-05-20", None)]
    # Retired while paused: the pause ends that day.
    assert status("removed", D(2026, 6, 1)) is True
    assert goal() == ("removed", None, "2026-06-01")
    assert pauses() == [("2026-05-10", "2026-05-20"), ("2026-05-20", "2026-06-01")]
    assert status("removed", D(2026, 6, 2)) is False
    with pytest.raises(Conflict, match="was retired on 2026-06-01"):
        status("active", D(2026, 6, 3))
    with (
        pytest.raises(NotFound, match=r"No goal has the number #9\."),
        db.write_session(conn) as session,
    ):
        set_goal_status(session, 9, validate(GoalUpdate, {"status": "paused"}), TODAY)


def test_resource_writers(conn):
    from supportnet.writes.helpnow import add_resource, remove_resource

    line = validate(ResourceCreate, {"name": "Crisis line", "kind": "hotline", "phone": "988"})
    with db.write_session(conn) as session:
        rid = add_resource(session, line, TODAY)
    assert _rows(conn, "SELECT id, name, kind, phone, url, note, added_on FROM resource") == [
        (rid, "Crisis line", "hotline", "988", None, None, "2026-06-10")
    ]
    same = validate(ResourceCreate, {"name": "CRISIS  líne", "url": "example.org"})
    with (
        pytest.raises(Conflict, match=r"Crisis line \(#1\) is already in your resources\."),
        db.write_session(conn) as session,
    ):
        add_resource(session, same, TODAY)
    with db.write_session(conn) as session:
        remove_resource(session, rid)
    assert _rows(conn, "SELECT * FROM resource") == []


def test_role_writers(conn):
    from supportnet.writes.helpnow import drop_roles, set_roles

    with db.transaction(conn):
        maya = person(conn, "Maya López")
        choir = community(conn, "Community chorus")

    def change(*roles: str, **values) -> SafetyRoleChange:
        return validate(SafetyRoleChange, {"roles": list(roles), **values})

    with db.write_session(conn) as session:
        assert set_roles(session, change("ask_for_help", note="evenings"), TODAY,
                         person_id=maya) == ["ask_for_help"]  # fmt: skip
        assert set_roles(session, change("takes_mind_off", "ask_for_help"), TODAY,
                         person_id=maya) == ["takes_mind_off"]  # fmt: skip
        assert set_roles(session, change("takes_mind_off"), TODAY, community_id=choir) == [
            "takes_mind_off"
        ]
        assert set_roles(session, change("takes_mind_off", place="A walk"), TODAY) == [
            "takes_mind_off"
        ]
        # A place is one place whatever its case.
        assert set_roles(session, change("takes_mind_off", place="a WALK"), TODAY) == []
    assert _rows(conn, "SELECT role, person_id, community_id, place, note, added_on"
                       " FROM safety_role ORDER BY id") == [
        ("ask_for_help", maya, None, None, "evenings", "2026-06-10"),
        ("takes_mind_off", maya, None, None, None, "2026-06-10"),
        ("takes_mind_off", None, choir, None, None, "2026-06-10"),
        ("takes_mind_off", None, None, "A walk", None, "2026-06-10"),
    ]  # fmt: skip
    for targets in ({}, {"person_id": maya, "community_id": choir}):
        with (
            pytest.raises(InvalidInput, match="belongs to one person, one group or one place"),
            db.write_session(conn) as session,
        ):
            set_roles(session, change("ask_for_help"), TODAY, **targets)
    with (
        pytest.raises(InvalidInput, match="belongs to one person"),
        db.write_session(conn) as session,
    ):
        drop_roles(session, change("ask_for_help", place="a walk"), person_id=maya)
    with db.write_session(conn) as session:
        assert drop_roles(session, change("ask_for_help", "takes_mind_off"), person_id=maya) == [
            "ask_for_help", "takes_mind_off"
        ]  # fmt: skip
        assert drop_roles(session, change("takes_mind_off", place="a walk")) == ["takes_mind_off"]
        assert drop_roles(session, change("ask_for_help"), community_id=choir) == []
    assert _rows(conn, "SELECT role, community_id FROM safety_role") == [("takes_mind_off", choir)]


# --- read records agree with the table models --------------------------------------------


def _hints(record: type) -> dict[str, object]:
    hints = typing.get_type_hints(record)
    names = getattr(record, "_fields", None) or [f.name for f in dataclasses.fields(record)]
    return {name: hints[name] for name in names}


def _model_hints(model: type) -> dict[str, object]:
    out = {}
    for name, info in model.model_fields.items():
        hint = info.annotation
        # An id the database gives is optional only before the row is written.
        if getattr(info, "primary_key", False) is True and name == "id":
            hint = next(h for h in typing.get_args(hint) if h is not type(None))
        out[name] = hint
    return out


@pytest.mark.parametrize(
    "record, model, extras",
    [
        ("supportnet.store.resources:Resource", "Resource", set()),
        ("supportnet.store.progress:GoalRow", "Goal", {"community_name"}),  # joined
        ("supportnet.store.progress:PauseRow", "GoalPause", set()),
    ],
)
def test_read_records_match_the_table_models(record, model, extras):
    import importlib

    import supportnet.models.progress as models

    module, name = record.split(":")
    read = _hints(getattr(importlib.import_module(module), name))
    table = _model_hints(getattr(models, model))
    assert set(read) - set(table) == extras
    assert set(table) - set(read) == set()
    for field in table:
        assert read[field] == table[field], (model, field, read[field], table[field])


def test_a_supporter_is_a_safety_role_seen_with_its_person_group_or_place():
    from supportnet.models.progress import SafetyRole
    from supportnet.store.resources import Supporter

    read, table = _hints(Supporter), _model_hints(SafetyRole)
    for field in ("role", "note"):
        assert read[field] == table[field]
    # Joined from the person, group or place it belongs to: what it is, its name, the
    # person's phones; and ``id`` is the person's or group's id (None for a place).
    assert set(read) - set(table) == {"type", "name", "phones"}
    assert (read["id"], read["phones"]) == (int | None, list[str])


def test_the_kinds_are_the_same_in_the_store_the_models_and_the_rules():
    from supportnet.goals import KINDS
    from supportnet.models.progress import GOAL_KINDS, RESOURCE_KINDS, SAFETY_ROLES
    from supportnet.store import resources

    assert set(resources.RESOURCE_KINDS) == set(RESOURCE_KINDS)
    assert set(resources.ROLES) == set(SAFETY_ROLES) == set(resources.ROLE_WORDS)
    assert set(KINDS) == set(GOAL_KINDS)
