"""Get-togethers, plans and groups at the store layer: the input models (what they
accept and refuse, with the exact message) and the writers (writes/gettogethers.py,
writes/plans.py, writes/groups.py) on a temporary database."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportnet import db
from supportnet.errors import Conflict, InvalidInput, NotFound
from supportnet.models import validate
from supportnet.models.gettogether import AcquaintanceChange, GettogetherCreate, GettogetherUpdate
from supportnet.models.group import GroupCreate, GroupMembership, GroupUpdate
from supportnet.models.person import PersonCreate
from supportnet.models.plan import PlanCreate, PlanDone, PlanSkip, PlanStatusChange
from supportnet.recurrence import Recurrence
from supportnet.store import gettogethers as read_gettogethers
from supportnet.store import groups as read_groups
from supportnet.store import plans as read_plans
from supportnet.writes import gettogethers, groups, plans
from supportnet.writes.people import add_people

TODAY = dt.date(2026, 6, 10)  # a Wednesday
NOW = dt.datetime(2026, 6, 10, 9, 15, tzinfo=dt.timezone.utc)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A fresh database with Maya (#1), Sam (#2) and Ana (#3)."""
    connection = db.open_database(tmp_path / "data" / "supportnet.db")
    with db.write_session(connection) as session:
        add_people(session, [PersonCreate(name=n) for n in ("Maya", "Sam", "Ana")], TODAY)
    try:
        yield connection
    finally:
        connection.close()


def rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def log(conn: sqlite3.Connection, **given: object) -> int:
    new = validate(GettogetherCreate, {"on_date": TODAY, "people": [1], **given})
    with db.write_session(conn) as session:
        return gettogethers.log_gettogether(session, new, TODAY, NOW)


def refused(model: type, data: dict, message: str, code: int = 5) -> None:
    """``model`` refuses ``data`` with exactly ``message`` (exit ``code``, one line)."""
    with pytest.raises(InvalidInput) as caught:
        validate(model, data)
    assert str(caught.value) == message
    assert caught.value.exit_code == code


# --- input models ------------------------------------------------------------------


def test_gettogether_create_cleans_and_checks() -> None:
    new = validate(GettogetherCreate, {
        "on_date": TODAY, "people": [2, 1, 2], "what": "  dinner   at  Sam's ",
        "note": "  line one\nline two  ", "place": "   ", "at_time": "7pm",
        "duration_minutes": 90,
    })  # fmt: skip
    assert new.people == [2, 1]
    assert (new.what, new.note, new.place) == ("dinner at Sam's", "line one\nline two", None)
    assert (new.at_time, new.duration_minutes) == ("19:00", 90)
    assert validate(GettogetherCreate, {"on_date": TODAY, "community_id": 1}).people == []
    refused(
        GettogetherCreate,
        {"on_date": TODAY},
        "Say who was there with --with NAME (or the group with --group).",
        code=2,  # a required option left out
    )
    refused(
        GettogetherCreate,
        {"on_date": TODAY, "people": [1], "duration_minutes": 0},
        "--minutes must be between 1 and 1440, not 0.",
    )
    refused(
        GettogetherCreate,
        {"on_date": TODAY, "people": [1], "duration_minutes": 1441},
        "--minutes must be between 1 and 1440, not 1441.",
    )
    refused(
        GettogetherCreate,
        {"on_date": TODAY, "people": [1], "at_time": "25:00"},
        "'25:00' is not a time of day.",
    )
    refused(GettogetherCreate, {"on_date": "someday", "people": [1]},
            "The on date is not valid: input should be a valid date or datetime, input is too "
            "short.")  # fmt: skip


def test_gettogether_update_knows_what_was_given() -> None:
    change = validate(GettogetherUpdate, {"note": "", "duration_minutes": 0})
    assert change.model_fields_set == {"note", "duration_minutes"}
    assert (change.note, change.duration_minutes) == (None, None)  # both cleared
    assert validate(GettogetherUpdate, {"new_kind": True}).is_empty()
    assert not validate(GettogetherUpdate, {"add_people": [1]}).is_empty()
    refused(
        GettogetherUpdate,
        {"on_date": None},
        "A get-together always has a date; it cannot be cleared.",
    )
    refused(
        GettogetherUpdate, {"duration_minutes": -5}, "--minutes must be between 1 and 1440, not -5."
    )


def test_acquaintances_are_every_pair_of_two_or_more() -> None:
    assert validate(AcquaintanceChange, {"people": [3, 1, 2]}).pairs() == [(1, 3), (2, 3), (1, 2)]
    refused(
        AcquaintanceChange,
        {"people": [1, 1]},
        "Name two different people: supportnet know Maya Sam.",
    )
    refused(
        AcquaintanceChange,
        {"people": [1], "forget": True},
        "Name two different people: supportnet know Maya Sam --forget.",
    )


def _plan(**given: object) -> dict:
    return {"title": "coffee", "people": [1], "recurrence": Recurrence("FREQ=WEEKLY"),
            "start": TODAY, **given}  # fmt: skip


def test_plan_create_checks_title_people_and_until() -> None:
    new = validate(PlanCreate, _plan(title="  Sunday   lunch ", place="  the park ", people=[1, 1]))
    assert (new.title, new.place, new.people) == ("Sunday lunch", "the park", [1])
    inside = Recurrence("FREQ=WEEKLY", None, dt.date(2026, 7, 1))
    assert validate(PlanCreate, _plan(recurrence=inside)).until == dt.date(2026, 7, 1)
    refused(
        PlanCreate,
        _plan(title="  "),
        "A plan needs a title: supportnet plan coffee --with Maya ...",
    )
    refused(PlanCreate, _plan(people=[]), "A plan needs someone: add --with NAME.", code=2)
    refused(
        PlanCreate,
        _plan(recurrence=inside, until=dt.date(2026, 8, 1)),
        "The RRULE has an UNTIL and --until says otherwise; give one.",
    )
    refused(
        PlanCreate,
        _plan(until=dt.date(2026, 6, 1)),
        "--until 2026-06-01 is before the plan starts (2026-06-10).",
    )
    refused(PlanCreate, _plan(duration_minutes=0), "--minutes must be between 1 and 1440, not 0.")


def test_plan_status_done_and_skip_inputs() -> None:
    assert validate(PlanStatusChange, {"status": "Paused"}).status == "paused"
    refused(
        PlanStatusChange,
        {"status": "asleep"},
        "Unknown plan status 'asleep'. Known: active, paused, ended.",
    )
    done = validate(PlanDone, {"on_date": TODAY, "place": " ", "duration_minutes": 0})
    assert (done.place, done.duration_minutes) == (None, None)  # 0 too: the plan's own
    refused(
        PlanDone,
        {"on_date": TODAY, "duration_minutes": 2000},
        "--minutes must be between 1 and 1440, not 2000.",
    )
    assert validate(PlanSkip, {}).on_date is None


def test_community_inputs() -> None:
    new = validate(GroupCreate, {"name": "  Community   chorus ", "kind": "Chorus",
                                     "members": [2, 2], "note": "  "})  # fmt: skip
    assert (new.name, new.kind, new.members, new.note) == ("Community chorus", "chorus", [2], None)
    refused(GroupCreate, {"name": " "}, "A group needs a name.")
    refused(GroupCreate, {"name": "Chess", "kind": "gaming"},
            "Unknown kind of group 'gaming'. Known: political, volunteering, faith, sports, "
            "chorus, support group, meetup, class, other.")  # fmt: skip
    refused(
        GroupCreate,
        {"name": "Runners", "meets": Recurrence("FREQ=WEEKLY", None, TODAY)},
        "A group's meetings have no end date; leave UNTIL out.",
    )
    change = validate(GroupUpdate, {"meets": None, "place": ""})
    assert change.model_fields_set == {"meets", "place"} and change.place is None
    assert validate(GroupUpdate, {}).is_empty()
    assert validate(GroupMembership, {"me": True}).people == []
    refused(GroupMembership, {}, "Say who with --person NAME (or --person me).")


# --- writing get-togethers ------------------------------------------------------------


def test_log_writes_the_row_and_who_was_there(conn) -> None:
    gid = log(conn, people=[2, 1], what="Coffee", place="Café Luna")
    assert rows(conn, "SELECT id, what, kind, on_date, in_person, place, logged_at"
                " FROM gettogether") == [
        (gid, None, "coffee", "2026-06-10", 1, "Café Luna", "2026-06-10T09:15:00+00:00"),
    ]  # fmt: skip
    assert rows(conn, "SELECT * FROM attendance ORDER BY person_id") == [
        (gid, 1, "2026-06-10", 1), (gid, 2, "2026-06-10", 1),
    ]  # fmt: skip
    # The kind from what was said, online by default for a call.
    call = log(conn, what="phone catch-up", people=[3])
    assert rows(conn, f"SELECT what, kind, in_person FROM gettogether WHERE id = {call}") == [
        ("phone catch-up", "call", 0)
    ]


def test_log_refuses_the_future_a_slip_and_an_unknown_kind(conn) -> None:
    with pytest.raises(Conflict, match=r"^2026-06-11 is still to come: that is a plan"):
        log(conn, on_date=TODAY + dt.timedelta(days=1))
    first = log(conn)
    with pytest.raises(Conflict, match=rf"^That get-together was just logged \(#{first}\)"):
        log(conn)
    again = validate(GettogetherCreate, {"on_date": TODAY, "people": [1]})
    with db.write_session(conn) as session:
        assert gettogethers.log_gettogether(session, again, TODAY, NOW, again=True) == first + 1
    with pytest.raises(InvalidInput, match="To add a new kind, repeat the command with --new"):
        log(conn, kind="board games")
    new_kind = log(conn, kind="Board  Games", new_kind=True)
    assert rows(conn, f"SELECT kind FROM gettogether WHERE id = {new_kind}") == [("board games",)]
    assert rows(conn, "SELECT count(*) FROM gettogether") == [(3,)]


def test_a_built_in_kind_does_not_read_every_kind(conn) -> None:
    """`log --kind walk` on a large database: no scan of every get-together's kind."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        assert read_gettogethers.check_kind(conn, "Walk") == "walk"
    finally:
        conn.set_trace_callback(None)
    assert seen == []


def test_update_and_remove(conn) -> None:
    gid = log(conn, people=[1, 2], note="sunny")
    change = validate(GettogetherUpdate, {"on_date": dt.date(2026, 6, 5), "in_person": False,
                                          "remove_people": [2], "add_people": [3],
                                          "note": ""})  # fmt: skip
    with db.write_session(conn) as session:
        gettogethers.update_gettogether(session, gid, change, TODAY)
    assert rows(conn, "SELECT on_date, in_person, note FROM gettogether") == [
        ("2026-06-05", 0, None)
    ]
    assert rows(conn, "SELECT person_id, on_date, in_person FROM attendance ORDER BY 1") == [
        (1, "2026-06-05", 0), (3, "2026-06-05", 0),
    ]  # fmt: skip
    nobody = validate(GettogetherUpdate, {"people": [1], "remove_people": [1]})
    with (
        pytest.raises(InvalidInput, match="A get-together needs someone"),
        db.write_session(conn) as session,
    ):
        gettogethers.update_gettogether(session, gid, nobody, TODAY)
    with pytest.raises(NotFound), db.write_session(conn) as session:
        gettogethers.update_gettogether(session, 99, nobody, TODAY)
    with db.write_session(conn) as session:
        gettogethers.remove_gettogether(session, gid)
    assert rows(conn, "SELECT count(*) FROM gettogether") == [(0,)]
    assert rows(conn, "SELECT count(*) FROM attendance") == [(0,)]


def test_acquaintances_recorded_once_and_forgotten(conn) -> None:
    three = validate(AcquaintanceChange, {"people": [3, 1, 2]})
    with db.write_session(conn) as session:
        assert gettogethers.record_acquaintances(session, three, TODAY) == 3
    with db.write_session(conn) as session:
        assert gettogethers.record_acquaintances(session, three, TODAY) == 0
    assert rows(conn, "SELECT person_a, person_b, added_on FROM acquaintance ORDER BY 1, 2") == [
        (1, 2, "2026-06-10"), (1, 3, "2026-06-10"), (2, 3, "2026-06-10"),
    ]  # fmt: skip
    with db.write_session(conn) as session:
        pair = validate(AcquaintanceChange, {"people": [2, 1]})
        assert gettogethers.forget_acquaintances(session, pair) == 1
        assert gettogethers.forget_acquaintances(session, pair) == 0
    assert rows(conn, "SELECT count(*) FROM acquaintance") == [(2,)]


# --- writing plans ------------------------------------------------------------------


def _add_plan(conn, **given: object) -> int:
    with db.write_session(conn) as session:
        return plans.add_plan(session, validate(PlanCreate, _plan(**given)), TODAY)


def test_add_plan_stores_its_first_date_and_refuses_it_twice(conn) -> None:
    tuesdays = Recurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "10:00")
    pid = _add_plan(conn, recurrence=tuesdays, people=[1, 2])
    assert rows(conn, "SELECT title, kind, rrule, starts_on, at_time, in_person, status,"
                " added_on FROM plan") == [
        ("coffee", "coffee", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-06-16", "10:00", 1,
         "active", "2026-06-10"),
    ]  # fmt: skip
    assert rows(conn, "SELECT * FROM plan_member ORDER BY 2") == [(pid, 1), (pid, 2)]
    with pytest.raises(Conflict, match=rf"^That plan is already here \(#{pid}\)"):
        _add_plan(conn, recurrence=tuesdays, people=[2, 1])
    with pytest.raises(InvalidInput, match="The plan has no date between 2026-06-10 and --until"):
        _add_plan(conn, title="walk", recurrence=Recurrence("FREQ=MONTHLY;BYDAY=1MO"),
                  until=dt.date(2026, 6, 30))  # fmt: skip
    assert rows(conn, "SELECT count(*) FROM plan") == [(1,)]


def test_status_changes_keep_the_day_of_the_pause(conn) -> None:
    pid = _add_plan(conn)

    def change(status: str, day: dt.date) -> bool:
        with db.write_session(conn) as session:
            plan = read_plans.get_plan(db.connection_of(session), pid)
            return plans.change_status(
                session, plan, validate(PlanStatusChange, {"status": status}), day
            )

    assert change("paused", dt.date(2026, 6, 12))
    assert not change("paused", dt.date(2026, 6, 13))
    assert change("ended", dt.date(2026, 6, 20))
    assert rows(conn, "SELECT status, ended_on, paused_on FROM plan") == [
        ("ended", "2026-06-20", "2026-06-12")
    ]
    with pytest.raises(Conflict, match="has ended; resume it first to pause it"):
        change("paused", TODAY)
    assert change("active", TODAY)
    assert rows(conn, "SELECT status, ended_on, paused_on FROM plan") == [("active", None, None)]


def test_done_logs_and_marks_in_one_transaction(conn, monkeypatch) -> None:
    pid = _add_plan(conn, recurrence=Recurrence("FREQ=WEEKLY;BYDAY=TU", "10:00"),
                    start=dt.date(2026, 5, 1), place="Café Luna")  # fmt: skip

    def done(day: dt.date, **given: object) -> plans.DateDone:
        with db.write_session(conn) as session:
            plan = read_plans.get_plan(db.connection_of(session), pid)
            return plans.record_done(
                session, plan, validate(PlanDone, {"on_date": day, **given}), TODAY, NOW
            )

    gid, day, _ = done(dt.date(2026, 6, 9), note="lovely")
    assert day == dt.date(2026, 6, 9)
    assert rows(conn, "SELECT what, kind, on_date, at_time, place, note, plan_id"
                " FROM gettogether") == [
        (None, "coffee", "2026-06-09", "10:00", "Café Luna", "lovely", pid),
    ]  # fmt: skip
    assert rows(conn, "SELECT * FROM plan_occurrence") == [(pid, "2026-06-09", "done", gid)]
    with pytest.raises(Conflict, match="was already marked done on 2026-06-09"):
        done(dt.date(2026, 6, 9))
    with pytest.raises(Conflict, match=r"^2026-06-11 is still to come; mark it done once"):
        done(dt.date(2026, 6, 11))
    # A failure while marking the date leaves no get-together behind.
    monkeypatch.setattr(read_plans, "date_done_on", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        done(dt.date(2026, 6, 2))
    assert rows(conn, "SELECT count(*) FROM gettogether") == [(1,)]
    assert rows(conn, "SELECT count(*) FROM plan_occurrence") == [(1,)]


def test_done_counts_the_get_together_already_logged_instead_of_logging_it_twice(conn) -> None:
    """`log coffee --with Maya` then `done coffee`: the date is marked with that one."""
    pid = _add_plan(conn, recurrence=Recurrence("FREQ=WEEKLY;BYDAY=WE"), people=[1, 2],
                    start=dt.date(2026, 5, 1))  # fmt: skip

    def done(**given: object) -> plans.DateDone:
        with db.write_session(conn) as session:
            plan = read_plans.get_plan(db.connection_of(session), pid)
            return plans.record_done(
                session, plan, validate(PlanDone, {"on_date": TODAY, **given}), TODAY, NOW
            )

    # Not the same people, or not the same kind: not it.
    log(conn, people=[1], kind="coffee")
    log(conn, people=[1, 2, 3], kind="coffee")
    log(conn, people=[1, 2], kind="walk")
    logged = log(conn, people=[2, 1], what="coffee at Luna")
    with pytest.raises(Conflict) as caught:
        done(note="lovely", duration_minutes=30)
    assert str(caught.value) == (
        f"coffee with Maya and Sam (#{pid}) was already logged on 2026-06-10 (get-together "
        f"#{logged}). Without --note or --minutes, `supportnet done` counts it for the plan; "
        f"to change it, use `supportnet log edit {logged}`."
    )
    assert rows(conn, "SELECT count(*) FROM plan_occurrence") == [(0,)]
    assert done() == (logged, TODAY, True)
    assert rows(conn, "SELECT count(*) FROM gettogether") == [(4,)]
    assert rows(conn, f"SELECT plan_id FROM gettogether WHERE id = {logged}") == [(pid,)]
    assert rows(conn, "SELECT * FROM plan_occurrence") == [(pid, "2026-06-10", "done", logged)]
    # Counted once: then it is not one to count again; a get-together `done` logged for
    # an earlier date is not either, and the same logged twice in a minute is a slip
    # (with no --again to offer).
    with db.write_session(conn) as session:
        plan = read_plans.get_plan(db.connection_of(session), pid)
        assert read_plans.logged_for(db.connection_of(session), plan, TODAY) is None
    monday = validate(PlanDone, {"on_date": dt.date(2026, 6, 8)})
    with db.write_session(conn) as session:
        plan = read_plans.get_plan(db.connection_of(session), pid)
        first = plans.record_done(session, plan, monday, TODAY, NOW)
    assert first == (logged + 1, dt.date(2026, 6, 3), False)
    with pytest.raises(Conflict) as caught, db.write_session(conn) as session:
        plans.record_done(session, plan, monday, TODAY, NOW)
    assert str(caught.value) == (
        f"That get-together was just logged (#{logged + 1}). To change it, use "
        f"`supportnet log edit {logged + 1}`."
    )


def test_done_on_a_logged_get_together_keeps_the_feeling_recorded(conn) -> None:
    """`log walk --felt 4` then `done walk --felt 2` overwrote the 4 without a word."""
    from supportnet.writes.checkins import record_feeling

    pid = _add_plan(conn, recurrence=Recurrence("FREQ=WEEKLY;BYDAY=WE"), people=[1, 2],
                    start=dt.date(2026, 5, 1))  # fmt: skip
    logged = log(conn, people=[1, 2], kind="coffee")
    with db.write_session(conn) as session:
        record_feeling(session, logged, expected=3, felt=4)

    def done(**given: object) -> plans.DateDone:
        with db.write_session(conn) as session:
            plan = read_plans.get_plan(db.connection_of(session), pid)
            return plans.record_done(
                session, plan, validate(PlanDone, {"on_date": TODAY, **given}), TODAY, NOW
            )

    with pytest.raises(Conflict, match=r"Without --felt, `supportnet done` counts it"):
        done(felt=2)
    assert done(felt=4) == (logged, TODAY, True)  # the same feeling: nothing to refuse
    assert rows(conn, "SELECT expected, felt FROM gettogether_feeling") == [(3, 4)]


def test_skip(conn) -> None:
    pid = _add_plan(conn, recurrence=Recurrence("FREQ=WEEKLY;BYDAY=TU"))

    def skip(day: dt.date | None) -> tuple[dt.date, bool]:
        with db.write_session(conn) as session:
            plan = read_plans.get_plan(db.connection_of(session), pid)
            return plans.skip(session, plan, validate(PlanSkip, {"on_date": day}), TODAY)

    assert skip(None) == (dt.date(2026, 6, 16), True)
    assert skip(dt.date(2026, 6, 16)) == (dt.date(2026, 6, 16), False)
    with pytest.raises(InvalidInput, match=r"has no date on 2026-06-17\. The nearest are"):
        skip(dt.date(2026, 6, 17))
    assert rows(conn, "SELECT on_date, status FROM plan_occurrence") == [("2026-06-16", "skipped")]


# --- writing groups -------------------------------------------------------------------


def test_groups_added_changed_joined_and_left(conn) -> None:
    new = validate(GroupCreate, {"name": "Community chorus", "kind": "chorus",
                                     "meets": Recurrence("FREQ=WEEKLY;BYDAY=WE", "19:00"),
                                     "members": [1]})  # fmt: skip
    with db.write_session(conn) as session:
        gid = groups.add_group(session, new, TODAY)
    assert rows(conn, "SELECT name, kind, rrule, starts_on, at_time, i_am_member, added_on"
                " FROM community") == [
        ("Community chorus", "chorus", "FREQ=WEEKLY;BYDAY=WE", "2026-06-10", "19:00", 1,
         "2026-06-10"),
    ]  # fmt: skip
    twice = validate(GroupCreate, {"name": "community CHORUS"})
    with pytest.raises(Conflict, match=r"^Community chorus \(#1\) is already here\.$"),\
            db.write_session(conn) as session:  # fmt: skip
        groups.add_group(session, twice, TODAY)
    with db.write_session(conn) as session:
        both = validate(GroupMembership, {"people": [1, 2], "me": True})
        # Who changed, not only how many: Sam; Maya and you were members.
        assert groups.join(session, gid, both) == groups.Changed(me=False, people=[2])
        assert groups.leave(session, gid, both) == groups.Changed(me=True, people=[1, 2])
        assert groups.leave(session, gid, both) == groups.Changed(me=False, people=[])
    with db.write_session(conn) as session:
        change = validate(
            GroupUpdate,
            {
                "meets": Recurrence("FREQ=WEEKLY;BYDAY=TH"),
                "place": "St Mary's",
                "archived_on": TODAY,
            },
        )
        groups.update_group(session, gid, change, TODAY)  # fmt: skip
    assert rows(conn, "SELECT rrule, starts_on, at_time, place, archived_on, i_am_member"
                " FROM community") == [
        ("FREQ=WEEKLY;BYDAY=TH", "2026-06-11", None, "St Mary's", "2026-06-10", 0),
    ]  # fmt: skip
    with db.write_session(conn) as session:
        groups.update_group(
            session, gid, validate(GroupUpdate, {"meets": None, "archived_on": None}), TODAY
        )
    group = read_groups.get_group(conn, gid)
    assert (group.rule, group.starts_on, group.archived_on, group.members) == (None, None, None, [])
