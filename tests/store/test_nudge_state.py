"""The nudge's memory: the input models and writers of snooze, dismiss and unsnooze
(models/nudge.py, writes/nudge.py) and the reads of store/nudge_state.py."""

from __future__ import annotations

import datetime as dt
import sqlite3
import typing

import pytest

from supportnet import db
from supportnet.config import DEFAULTS
from supportnet.errors import InvalidInput
from supportnet.models import validate
from supportnet.models.nudge import (
    DismissalCreate,
    NudgeDismissal,
    NudgeSnooze,
    NudgeTarget,
    SnoozeCreate,
    target_fields,
)
from supportnet.nudge import Settings
from supportnet.store import nudge_state
from supportnet.store.nudge_facts import gather
from supportnet.writes import nudge as writes

T = dt.date(2026, 6, 10)
MAYA = {"person_id": 1}


@pytest.fixture
def conn(run, db_path):
    run("add", "Maya", "--circle", "inner")
    run("--today", "2026-01-05", "group", "add", "Community chorus", "--kind", "chorus",
        "--meets", "every wed 19:00")  # fmt: skip
    connection = db.open_database(db_path)
    yield connection
    connection.close()


def facts(conn: sqlite3.Connection):
    return gather(conn, T, Settings(), DEFAULTS["cadence"])


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def snooze(conn: sqlite3.Connection, target: dict, until: dt.date, today: dt.date = T) -> None:
    with db.write_session(conn) as session:
        writes.snooze(
            session, validate(SnoozeCreate, {**target, "until_on": until, "snoozed_on": today})
        )


def dismiss(conn: sqlite3.Connection, target: dict, kind: str, subject: str = "") -> None:
    with db.write_session(conn) as session:
        writes.dismiss(session, validate(DismissalCreate, {
            **target, "kind": kind, "subject": subject, "dismissed_on": T}))  # fmt: skip


def unsnooze(conn: sqlite3.Connection, target: dict) -> tuple[int, int]:
    with db.write_session(conn) as session:
        return writes.unsnooze(session, validate(NudgeTarget, target))


# --- the writers, on a temporary database ---------------------------------------------


def test_snoozes_and_dismissals_are_read_back(run, conn):
    snooze(conn, MAYA, dt.date(2026, 6, 20))
    dismiss(conn, MAYA, "catch_up")
    maya = facts(conn).people[0]
    assert maya.snoozed_until == dt.date(2026, 6, 20)
    assert [(d.kind, d.subject, d.marks) for d in maya.dismissals] == [("catch_up", "", (0, 0, 0))]
    assert maya.newest == (0, 0, 0)
    run("log", "call", "--with", "Maya")
    assert facts(conn).people[0].newest == (1, 0, 0)
    assert unsnooze(conn, MAYA) == (1, 1)
    assert facts(conn).people[0].snoozed_until is None


def test_a_new_snooze_replaces_the_earlier_one(conn):
    snooze(conn, MAYA, dt.date(2026, 6, 20))
    snooze(conn, MAYA, dt.date(2026, 7, 1), today=dt.date(2026, 6, 11))
    snooze(conn, {"community_id": 1}, dt.date(2026, 6, 17))
    assert [row[1:] for row in _rows(conn, "nudge_snooze")] == [
        (1, None, "2026-07-01", "2026-06-11"),
        (None, 1, "2026-06-17", "2026-06-10"),
    ]
    state = nudge_state.load(conn, T)
    assert state.person_snoozes == {1: dt.date(2026, 7, 1)}
    assert state.community_snoozes == {1: dt.date(2026, 6, 17)}
    assert nudge_state.load(conn, dt.date(2026, 6, 17)).community_snoozes == {}  # back that day


def test_a_dismissal_records_the_newest_ids_and_replaces_the_same_one(run, conn):
    run("log", "call", "--with", "Maya", "--on", "2026-06-01")
    run("favor", "soup", "--for", "Maya")
    dismiss(conn, MAYA, "catch_up")
    dismiss(conn, MAYA, "celebrate", "birthday:2026-06-16")
    run("event", "Maya", "new job", "--happy")
    dismiss(conn, MAYA, "catch_up")  # the same again: one row, with the marks of now
    assert [row[1:] for row in _rows(conn, "nudge_dismissal")] == [
        (1, None, "celebrate", "birthday:2026-06-16", "2026-06-10", 1, 1, 0),
        (1, None, "catch_up", "", "2026-06-10", 1, 1, 1),
    ]
    dismiss(conn, {"community_id": 1}, "go_back")
    assert nudge_state.load(conn, T).community_dismissals[1][0].kind == "go_back"
    assert unsnooze(conn, MAYA) == (0, 2)
    assert unsnooze(conn, MAYA) == (0, 0)
    assert unsnooze(conn, {"community_id": 1}) == (0, 1)


def test_a_failed_write_leaves_nothing_behind(conn):
    """The earlier snooze is deleted first; when the new one cannot be written, it stays."""
    from sqlalchemy.exc import IntegrityError

    snooze(conn, {"person_id": 1}, dt.date(2026, 6, 20))
    before = _rows(conn, "nudge_snooze")
    with pytest.raises(IntegrityError), db.write_session(conn) as session:
        writes.snooze(session, validate(SnoozeCreate, {
            "person_id": 1, "until_on": dt.date(2026, 7, 1), "snoozed_on": T}))  # fmt: skip
        session.connection().exec_driver_sql(
            "INSERT INTO nudge_snooze (person_id, until_on,"
            " snoozed_on) VALUES (1, '2026-07-02', '2026-06-10')"
        )
    assert _rows(conn, "nudge_snooze") == before
    with pytest.raises(IntegrityError), db.write_session(conn) as session:
        writes.snooze(session, validate(SnoozeCreate, {
            "person_id": 99, "until_on": dt.date(2026, 7, 1), "snoozed_on": T}))  # fmt: skip
    assert _rows(conn, "nudge_snooze") == before


# --- the input models -----------------------------------------------------------------


@pytest.mark.parametrize(
    "model, data, message",
    [
        (NudgeTarget, {}, "A snooze or dismissal is about one person or one group."),
        (NudgeTarget, {"person_id": 1, "community_id": 1},
         "A snooze or dismissal is about one person or one group."),
        (SnoozeCreate, {**MAYA, "until_on": T, "snoozed_on": T},
         "--until must be after today (2026-06-10)."),
        (SnoozeCreate, {**MAYA, "until_on": dt.date(2026, 6, 9), "snoozed_on": T},
         "--until must be after today (2026-06-10)."),
        (SnoozeCreate, {**MAYA, "until_on": "someday", "snoozed_on": T},
         "The until on is not valid: input should be a valid date or datetime, input is too "
         "short."),
        (DismissalCreate, {"community_id": 1, "kind": "celebrate", "dismissed_on": T},
         "A group's only suggestion is go-back."),
        (DismissalCreate, {**MAYA, "kind": "celebrat", "dismissed_on": T},
         "Unknown kind of suggestion 'celebrat'. Did you mean celebrate?"),
    ],
)  # fmt: skip
def test_refused_values(model, data, message):
    with pytest.raises(InvalidInput) as refused:
        validate(model, data)
    assert refused.value.message.startswith(message)
    assert refused.value.exit_code == 5


def test_accepted_values():
    new = validate(DismissalCreate, {"community_id": 2, "kind": "go-back", "dismissed_on": T})
    assert (new.key, new.kind, new.subject) == (("community", 2), "go_back", "")
    until = dt.date(2026, 6, 11)
    snooze = validate(SnoozeCreate, {**target_fields(("person", 3)), "until_on": until,
                                     "snoozed_on": T})  # fmt: skip
    assert (snooze.key, snooze.until_on) == (("person", 3), dt.date(2026, 6, 11))


# --- read records and table models ----------------------------------------------------


def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


@pytest.mark.parametrize(
    "record, model, extras",
    [
        (nudge_state.Snooze, NudgeSnooze, {"name"}),
        (nudge_state.DismissalRow, NudgeDismissal, {"name"}),
    ],
)
def test_read_records_agree_with_the_table_models(record, model, extras):
    """Every field of a read record is the model's column of the same name and type
    (``id`` is left out of the records; ``name`` is joined from the person or group)."""
    fields = set(record._fields)
    assert fields - extras == set(model.model_fields) - {"id"}
    hints = _hints(record)
    for name in fields - extras:
        assert hints[name] == model.model_fields[name].annotation, name
