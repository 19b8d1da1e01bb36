"""Favors and life events below the CLI: the input models (models/support.py), the
writers (writes/support.py) on a temporary database, and the read records
(store/favors.py, store/life_events.py) beside the table models."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import typing

import pytest

from supportnet import db
from supportnet.errors import Conflict, InvalidInput
from supportnet.models import validate
from supportnet.models.support import (
    KIND_TONES,
    Favor,
    FavorCreate,
    LifeEvent,
    LifeEventCreate,
    LifeEventUpdate,
    tone_from_flags,
)
from supportnet.store import favors as read_favors
from supportnet.store import life_events as read_events
from supportnet.writes import support as writes

T = dt.date(2026, 6, 10)
NOW = dt.datetime(2026, 6, 10, 9, 15, tzinfo=dt.timezone.utc)
SOUP = {"what": "brought  soup", "kind": "meal", "direction": "given", "on_date": T,
        "people": [2, 1]}  # fmt: skip
SURGERY = {"person_id": 1, "what": "surgery", "kind": "illness", "on_date": dt.date(2026, 12, 1)}


@pytest.fixture
def conn(run, db_path):
    run("add", "Sam Carter")
    run("add", "Ana Okafor")
    connection = db.open_database(db_path)
    yield connection
    connection.close()


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def add_favor(conn, data=SOUP, *, at=NOW, today=T, again=False) -> int:
    with db.write_session(conn) as session:
        return writes.add_favor(session, validate(FavorCreate, data), today, at, again=again)


def add_event(conn, data=SURGERY, *, at=NOW, again=False) -> int:
    with db.write_session(conn) as session:
        return writes.add_event(session, validate(LifeEventCreate, data), at, again=again)


# --- the input models -----------------------------------------------------------------


@pytest.mark.parametrize(
    "model, data, message",
    [
        (FavorCreate, {**SOUP, "what": " \n "}, "Say what the favor was: it cannot be empty."),
        (FavorCreate, {**SOUP, "kind": "  "}, "A kind of favor cannot be empty."),
        (FavorCreate, {**SOUP, "people": []}, "A favor is for or from someone: say who."),
        (FavorCreate, {**SOUP, "direction": "lent"},
         "The direction is not valid: input should be 'given' or 'received'."),
        (FavorCreate, {**SOUP, "on_date": "2026-02-30"},
         "The on date is not valid: input should be a valid date or datetime, day value is "
         "outside expected range."),
        (LifeEventCreate, {**SURGERY, "what": ""}, "Say what the event was: it cannot be empty."),
        (LifeEventCreate, {**SURGERY, "tone": "sad"},
         "The tone is not valid: input should be 'hard', 'happy' or 'neutral'."),
        (LifeEventUpdate, {"what": "   "}, "Say what the event was: it cannot be empty."),
        (LifeEventUpdate, {"kind": ""}, "A kind of event cannot be empty."),
        (LifeEventUpdate, {"tone": None}, "A life event's tone and yearly flag cannot be cleared."),
        (LifeEventUpdate, {"yearly": None},
         "A life event's tone and yearly flag cannot be cleared."),
    ],
)  # fmt: skip
def test_refused_values(model, data, message):
    with pytest.raises(InvalidInput) as refused:
        validate(model, data)
    assert refused.value.message == message
    assert refused.value.exit_code == 5


def test_a_favor_is_cleaned():
    favor = validate(FavorCreate, {**SOUP, "people": [2, 1, 2], "note": "  "})
    assert (favor.what, favor.people, favor.note) == ("brought soup", [2, 1], None)
    assert validate(FavorCreate, {**SOUP, "note": " a\nlong day "}).note == "a\nlong day"


def _settled(data: dict) -> LifeEventCreate:
    """The event as its writer records it: its kind (known already) settles the rest."""
    return validate(LifeEventCreate, data).with_kind(data["kind"])


@pytest.mark.parametrize("kind, tone", sorted(KIND_TONES.items()))
def test_the_kinds_that_say_their_tone(kind, tone):
    assert _settled({**SURGERY, "kind": kind}).tone == tone
    other = "happy" if tone == "hard" else "hard"
    assert _settled({**SURGERY, "kind": kind, "tone": other}).tone == other


def test_a_kind_without_a_tone_needs_one_said():
    with pytest.raises(InvalidInput) as refused:
        _settled({**SURGERY, "kind": "move"})
    assert refused.value.message == (
        "Say whether it is --hard (you'll be reminded to check in) or --happy (to celebrate)."
    )
    assert refused.value.exit_code == 5


def test_anniversaries_come_round_every_year_unless_once():
    assert _settled({**SURGERY, "kind": "anniversary"}).yearly is True
    once = {**SURGERY, "kind": "anniversary", "yearly": False}
    assert _settled(once).yearly is False
    assert _settled(SURGERY).yearly is False
    assert _settled({**SURGERY, "yearly": True}).yearly is True
    assert _settled({**SURGERY, "kind": "move", "tone": "neutral"}).tone == (
        "neutral"
    )  # an import's tone: kept, with no window


def test_an_update_names_only_what_changes():
    change = validate(LifeEventUpdate, {"note": "", "what": " new  job "})
    assert change.model_fields_set == {"note", "what"}
    assert (change.note, change.what) == (None, "new job")
    assert validate(LifeEventUpdate, {}).is_empty()


def test_tone_from_flags():
    flags = ((True, False), (False, True), (False, False))
    assert [tone_from_flags(hard, happy) for hard, happy in flags] == ["hard", "happy", None]
    with pytest.raises(InvalidInput, match="either --hard or --happy, not both"):
        tone_from_flags(True, True)


# --- the writers ----------------------------------------------------------------------


def test_add_favor_writes_the_favor_and_its_people(conn):
    fid = add_favor(conn)
    assert _rows(conn, "SELECT * FROM favor") == [
        (fid, "brought soup", "meal", "given", "2026-06-10", None, "2026-06-10T09:15:00+00:00")
    ]
    assert _rows(conn, "SELECT * FROM favor_person ORDER BY person_id") == [
        (1, 1, "given", "2026-06-10"), (1, 2, "given", "2026-06-10")]  # fmt: skip
    favor = read_favors.get_favor(conn, fid)
    assert favor.people == ((1, "Sam Carter"), (2, "Ana Okafor"))


def test_a_favor_still_to_come_is_refused_by_every_writer(conn):
    with pytest.raises(Conflict) as refused:
        add_favor(conn, {**SOUP, "on_date": dt.date(2026, 6, 11)})
    assert refused.value.message == (
        "11 June 2026 hasn't come yet: record the favor once it has happened (for something "
        "coming up, `supportnet event` keeps it in view)."
    )
    assert refused.value.exit_code == 6
    assert _rows(conn, "SELECT count(*) FROM favor") == [(0,)]
    add_favor(conn, {**SOUP, "on_date": dt.date(2026, 6, 11)}, today=dt.date(2026, 6, 11))


def test_the_writers_match_kinds_to_the_known_ones(conn):
    """Every writer of a favor or an event, not only the commands: a kind is a known one
    (as typed, in any case), a new one only when asked for, lower-cased, a word or two."""
    fid = add_favor(conn, {**SOUP, "kind": "Help-At-Home"})
    assert read_favors.get_favor(conn, fid).kind == "help at home"
    with pytest.raises(InvalidInput) as refused:
        add_favor(conn, {**SOUP, "kind": "lend"})
    assert refused.value.message.endswith("To add a new kind, repeat the command with --new-kind.")
    fid = add_favor(conn, {**SOUP, "kind": "Lend  Money", "new_kind": True})
    assert read_favors.get_favor(conn, fid).kind == "lend money"
    with pytest.raises(InvalidInput, match=r"^A kind of favor is a word or two \(at most 40"):
        add_favor(conn, {**SOUP, "kind": "x" * 41, "new_kind": True})
    eid = add_event(conn, {**SURGERY, "kind": "ILLNESS"})  # the kind gives the tone
    assert (read_events.get_event(conn, eid).kind, read_events.get_event(conn, eid).tone) == (
        "illness", "hard")  # fmt: skip
    with pytest.raises(InvalidInput, match=r"^Unknown kind of event 'ilness'\. Did you mean"):
        add_event(conn, {**SURGERY, "kind": "ilness"})
    with db.write_session(conn) as session:
        writes.update_event(session, eid, validate(LifeEventUpdate, {"kind": "Loss"}))
    assert read_events.get_event(conn, eid).kind == "loss"
    assert _rows(conn, "SELECT count(*) FROM favor") == [(2,)]


def test_the_same_favor_within_a_minute_is_a_slip(conn):
    add_favor(conn)
    with pytest.raises(Conflict, match=r"That favor was just recorded \(#1\)"):
        add_favor(conn, {**SOUP, "what": "Brought soup", "people": [1, 2]},
                  at=NOW + dt.timedelta(seconds=60))  # fmt: skip
    # Not the same: other people, another kind, another day, or more than a minute later.
    add_favor(conn, {**SOUP, "people": [1]})
    add_favor(conn, {**SOUP, "kind": "other"})
    add_favor(conn, {**SOUP, "on_date": dt.date(2026, 6, 9)})
    add_favor(conn, at=NOW + dt.timedelta(seconds=61))
    add_favor(conn, again=True)
    assert _rows(conn, "SELECT count(*) FROM favor") == [(6,)]


def test_remove_favor_takes_its_people_too(conn):
    fid = add_favor(conn)
    with db.write_session(conn) as session:
        writes.remove_favor(session, fid)
    assert _rows(conn, "SELECT count(*) FROM favor_person") == [(0,)]


def test_add_edit_and_remove_an_event(conn):
    eid = add_event(conn, {**SURGERY, "note": " knee "})
    assert _rows(conn, "SELECT * FROM life_event") == [
        (eid, 1, "surgery", "illness", "hard", "2026-12-01", 0, "knee",
         "2026-06-10T09:15:00+00:00")]  # fmt: skip
    with pytest.raises(Conflict, match=r"That event was just noted \(#1\)"):
        add_event(conn, {**SURGERY, "what": "SURGERY", "kind": "other", "tone": "happy"})
    add_event(conn, again=True)
    add_event(conn, {**SURGERY, "person_id": 2})
    with db.write_session(conn) as session:
        writes.update_event(session, eid, validate(LifeEventUpdate, {"tone": "happy", "note": ""}))
    event = read_events.get_event(conn, eid)
    assert (event.what, event.tone, event.note, event.on_date) == (
        "surgery", "happy", None, dt.date(2026, 12, 1))  # fmt: skip
    with db.write_session(conn) as session:
        writes.update_event(session, eid, validate(LifeEventUpdate, {"on_date": None}))
        writes.remove_event(session, 2)
    assert read_events.get_event(conn, eid).on_date is None  # not known any more
    assert [e.id for e in read_events.list_events(conn)] == [3, 1]


# --- read records and table models ----------------------------------------------------


@pytest.mark.parametrize(
    "record, model, extras, left_out",
    [
        (read_favors.Favor, Favor, {"people"}, {"logged_at"}),
        (read_events.LifeEvent, LifeEvent, {"person_name"}, {"logged_at"}),
    ],
)
def test_read_records_agree_with_the_table_models(record, model, extras, left_out):
    """A read record's fields are the model's columns of the same name and type, but
    for the extras it joins (a favor's people, the person's name) and the columns
    no listing shows (when it was recorded).  ``id`` is never None once read."""
    fields = set(getattr(record, "_fields", ())) or {f.name for f in dataclasses.fields(record)}
    assert fields - extras == set(model.model_fields) - left_out
    hints = typing.get_type_hints(record)
    for name in fields - extras - {"id"}:
        assert hints[name] == model.model_fields[name].annotation, name
    assert hints["id"] is int and model.model_fields["id"].annotation == int | None


def test_a_calendar_event_is_a_life_event_with_the_day_its_person_was_archived():
    """``CalendarEvent`` repeats ``LifeEvent``'s fields (a NamedTuple has no subclass
    with more fields): the same names and types, then ``person_archived_on``."""
    life, calendar = read_events.LifeEvent, read_events.CalendarEvent
    assert calendar._fields == (*life._fields, "person_archived_on")
    hints = typing.get_type_hints(calendar)
    assert {name: hints[name] for name in life._fields} == typing.get_type_hints(life)
