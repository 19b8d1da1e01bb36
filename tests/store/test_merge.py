"""Merging two people who are one (writes/merge.py, store/merge.py): every table that
names a person, each with a plain setup written straight into its rows; what the
kept person's own fields take; the question asked before."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportnet import db
from supportnet.dates import YearlyDate
from supportnet.errors import UsageProblem
from supportnet.models.person import PersonCreate
from supportnet.store import people
from supportnet.store.merge import merge_impact
from supportnet.writes import people as writes
from supportnet.writes.merge import merge_people

TODAY = dt.date(2026, 6, 10)
KEEP, OTHER, MAYA, LEO = 1, 2, 3, 4


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Sam Carter (#1), Sam Carter-Jones (#2, the same person), Maya (#3), Leo (#4)."""
    connection = db.open_database(tmp_path / "data" / "supportnet.db")
    with db.write_session(connection) as session:
        writes.add_people(session, [
            PersonCreate(name="Sam Carter", tags=["climbing"], nicknames=["Sammy"],
                         phones=["555 0100"], emails=["sam@example.org"], note="old job"),
            PersonCreate(name="Sam Carter-Jones", tags=["Clímbing", "choir"],
                         nicknames=["sammy", "SCJ"], phones=["555 0100", "555 0199"],
                         emails=["SAM@example.org", "scj@example.org"], note="from the phone",
                         birthday=YearlyDate(3, 14, 1990), how_met="work", cadence_days=14),
            PersonCreate(name="Maya"),
            PersonCreate(name="Leo"),
        ], TODAY)  # fmt: skip
    try:
        yield connection
    finally:
        connection.close()


def rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def merge(conn: sqlite3.Connection) -> None:
    with db.write_session(conn) as session:
        merge_people(session, KEEP, OTHER)


def gettogether(conn: sqlite3.Connection, gid: int, day: str, who: list[int]) -> None:
    with conn:
        conn.execute("INSERT INTO gettogether (id, kind, on_date, in_person, logged_at)"
                     " VALUES (?, 'coffee', ?, ?, '2026-01-01T00:00:00+00:00')",
                     (gid, day, gid % 2))  # fmt: skip
        conn.executemany("INSERT INTO attendance VALUES (?, ?, ?, ?)",
                         [(gid, p, day, gid % 2) for p in who])  # fmt: skip


def test_attendance_moves_and_a_shared_gettogether_is_kept_once(conn) -> None:
    gettogether(conn, 1, "2026-01-05", [KEEP, OTHER])  # both were there
    gettogether(conn, 2, "2025-11-01", [OTHER])  # earlier than any of KEEP's
    gettogether(conn, 3, "2026-05-20", [OTHER, MAYA])  # later, in person
    gettogether(conn, 4, "2026-03-01", [KEEP])
    assert merge_impact(conn, KEEP, OTHER)[3:5] == (3, 1)  # 3 get-togethers, 1 shared
    merge(conn)
    assert rows(conn, "SELECT gettogether_id, person_id FROM attendance ORDER BY 1, 2") == [
        (1, KEEP), (2, KEEP), (3, KEEP), (3, MAYA), (4, KEEP),
    ]  # fmt: skip
    assert rows(conn, "SELECT count(*) FROM gettogether") == [(4,)]
    # What the triggers kept is what a recount gives.
    derived = {t: rows(conn, f"SELECT * FROM {t} ORDER BY 1") for t in db.DERIVED_TABLES}
    assert rows(conn, "SELECT * FROM last_contact") == [
        (KEEP, "2026-05-20", "2026-05-20"),
        (MAYA, "2026-05-20", "2026-05-20"),
    ]
    assert rows(conn, "SELECT * FROM first_contact ORDER BY 1") == [
        (KEEP, "2025-11-01"),
        (MAYA, "2026-05-20"),
    ]
    with conn:
        db.rebuild_derived(conn)
    assert {t: rows(conn, f"SELECT * FROM {t} ORDER BY 1") for t in db.DERIVED_TABLES} == derived


def test_favors_plans_groups_and_life_events_move(conn) -> None:
    with conn:
        conn.executescript(f"""
            INSERT INTO favor (id, what, kind, direction, on_date, logged_at) VALUES
                (1, 'soup', 'meal', 'given', '2026-05-01', '2026-05-01T00:00:00+00:00'),
                (2, 'a lift', 'ride', 'received', '2026-05-02', '2026-05-02T00:00:00+00:00');
            INSERT INTO favor_person VALUES (1, {OTHER}, 'given', '2026-05-01'),
                (2, {OTHER}, 'received', '2026-05-02'), (2, {KEEP}, 'received', '2026-05-02');
            INSERT INTO plan (id, title, kind, rrule, starts_on, added_on) VALUES
                (1, 'climbing', 'climbing', 'FREQ=WEEKLY', '2026-01-06', '2026-01-01'),
                (2, 'lunch', 'meal', 'FREQ=MONTHLY', '2026-01-06', '2026-01-01');
            INSERT INTO plan_member VALUES (1, {OTHER}), (2, {OTHER}), (2, {KEEP}), (2, {MAYA});
            INSERT INTO community (id, name, kind, added_on) VALUES
                (1, 'Chorus', 'chorus', '2026-01-01'), (2, 'Gym', 'sport', '2026-01-01');
            INSERT INTO community_member VALUES (1, {OTHER}), (2, {OTHER}), (2, {KEEP});
            INSERT INTO life_event (person_id, what, kind, tone, on_date, logged_at) VALUES
                ({OTHER}, 'new job', 'work', 'happy', '2026-05-03', '2026-05-03T00:00:00+00:00');
        """)  # fmt: skip
    impact = merge_impact(conn, KEEP, OTHER)
    assert (impact.favors, impact.life_events, impact.plans, impact.groups) == (1, 1, 1, 1)
    merge(conn)
    assert rows(conn, "SELECT favor_id, person_id, direction FROM favor_person ORDER BY 1") == [
        (1, KEEP, "given"), (2, KEEP, "received")]  # fmt: skip
    assert rows(conn, "SELECT * FROM plan_member ORDER BY 1, 2") == [
        (1, KEEP), (2, KEEP), (2, MAYA)]  # fmt: skip
    assert rows(conn, "SELECT * FROM community_member ORDER BY 1") == [(1, KEEP), (2, KEEP)]
    assert rows(conn, "SELECT person_id, what FROM life_event") == [(KEEP, "new job")]
    assert rows(conn, "SELECT count(*) FROM favor UNION ALL SELECT count(*) FROM plan") == [
        (2,), (2,)]  # fmt: skip


def test_a_pair_known_to_both_is_kept_once_and_their_own_pair_goes(conn) -> None:
    with conn:
        conn.executescript(f"""
            INSERT INTO acquaintance VALUES ({KEEP}, {OTHER}, '2026-01-01'),
                ({OTHER}, {MAYA}, '2026-02-01'), ({KEEP}, {MAYA}, '2026-01-15'),
                ({OTHER}, {LEO}, '2026-03-01');
        """)  # fmt: skip
    assert merge_impact(conn, KEEP, OTHER).known == 1  # Leo only: Maya is known already
    merge(conn)
    assert rows(conn, "SELECT * FROM acquaintance ORDER BY 1, 2") == [
        (KEEP, MAYA, "2026-01-15"), (KEEP, LEO, "2026-03-01")]  # fmt: skip


def test_a_pair_keeps_the_smaller_id_first_when_the_kept_one_has_the_larger(conn) -> None:
    with conn:
        conn.execute(f"INSERT INTO acquaintance VALUES ({KEEP}, {MAYA}, '2026-02-01')")
    with db.write_session(conn) as session:
        merge_people(session, MAYA, KEEP)  # Maya (#3) "is" Sam: their pair goes
    with conn:
        conn.execute(f"INSERT INTO acquaintance VALUES ({OTHER}, {LEO}, '2026-02-01')")
    with db.write_session(conn) as session:
        merge_people(session, LEO, MAYA)
    assert rows(conn, "SELECT * FROM acquaintance") == [(OTHER, LEO, "2026-02-01")]


def test_the_kept_persons_fields_win_and_what_they_lack_is_filled_in(conn) -> None:
    merge(conn)
    sam = people.get_person(conn, KEEP)
    assert (sam.name, sam.birthday, sam.how_met, sam.cadence_days) == (
        "Sam Carter", YearlyDate(3, 14, 1990), "work", 14)  # fmt: skip
    assert sam.note == "old job\n\nfrom the phone"
    # The same tag in two spellings is one; nicknames as `edit --nickname` adds them;
    # phones as written, emails whatever their case.
    assert sam.tags == ["choir", "climbing"]
    assert sam.nicknames == ["SCJ", "Sam Carter-Jones", "Sammy"]
    assert sam.phones == ["555 0100", "555 0199"]
    assert sam.emails == ["sam@example.org", "scj@example.org"]
    assert rows(conn, f"SELECT count(*) FROM person WHERE id = {OTHER}") == [(0,)]
    # Their other name now finds the one kept, and edit takes new nicknames as before.
    assert people.resolve_person(conn, "Sam Carter-Jones") == KEEP
    assert people.resolve_person(conn, "scj") == KEEP


def test_a_name_that_is_the_kept_ones_is_no_nickname(conn) -> None:
    with conn:
        conn.execute(f"UPDATE person SET name = 'SAM CÁRTER' WHERE id = {OTHER}")
    merge(conn)
    assert people.get_person(conn, KEEP).nicknames == ["SCJ", "Sammy"]


def test_a_birthday_without_a_year_takes_the_others_year(conn) -> None:
    with conn:
        conn.execute(f"UPDATE person SET birthday_month = 3, birthday_day = 14 WHERE id = {KEEP}")
    merge(conn)
    assert people.get_person(conn, KEEP).birthday == YearlyDate(3, 14, 1990)


def test_safety_roles_snoozes_and_dismissals_move_where_the_kept_one_has_none(conn) -> None:
    with conn:
        conn.executescript(f"""
            INSERT INTO safety_role (role, person_id, note, added_on) VALUES
                ('ask_for_help', {OTHER}, 'call first', '2026-01-01'),
                ('takes_mind_off', {OTHER}, NULL, '2026-01-01'),
                ('takes_mind_off', {KEEP}, 'walks', '2026-01-02');
            INSERT INTO nudge_snooze (person_id, until_on, snoozed_on)
                VALUES ({OTHER}, '2026-07-01', '2026-06-01');
            INSERT INTO nudge_dismissal (person_id, kind, subject, dismissed_on) VALUES
                ({OTHER}, 'catch_up', '', '2026-06-01'), ({OTHER}, 'check_in', '', '2026-06-01'),
                ({KEEP}, 'catch_up', '', '2026-06-02');
        """)  # fmt: skip
    assert merge_impact(conn, KEEP, OTHER).roles == 1
    merge(conn)
    assert rows(conn, "SELECT role, person_id, note FROM safety_role ORDER BY 1") == [
        ("ask_for_help", KEEP, "call first"), ("takes_mind_off", KEEP, "walks")]  # fmt: skip
    assert rows(conn, "SELECT person_id, until_on FROM nudge_snooze") == [(KEEP, "2026-07-01")]
    assert rows(conn, "SELECT person_id, kind, dismissed_on FROM nudge_dismissal ORDER BY 2") == [
        (KEEP, "catch_up", "2026-06-02"), (KEEP, "check_in", "2026-06-01")]  # fmt: skip


def test_the_kept_ones_snooze_wins(conn) -> None:
    with conn:
        conn.executescript(f"""
            INSERT INTO nudge_snooze (person_id, until_on, snoozed_on)
                VALUES ({OTHER}, '2026-07-01', '2026-06-01'), ({KEEP}, '2026-06-20', '2026-06-05');
        """)  # fmt: skip
    merge(conn)
    assert rows(conn, "SELECT person_id, until_on FROM nudge_snooze") == [(KEEP, "2026-06-20")]


def _card(conn: sqlite3.Connection, folder: str, href: str, source: int) -> None:
    conn.execute(
        "INSERT INTO vdir_item (folder, href, uid, kind, source, content_hash, size, mtime_ns,"
        " synced_at) VALUES (?, ?, ?, 'person', ?, 'x', 1, 1, '2026-06-01T00:00:00+00:00')",
        (folder, href, href, str(source)),
    )


def test_a_card_of_the_other_becomes_the_kept_ones_where_they_have_none(conn) -> None:
    with conn:
        _card(conn, "/phone", "other.vcf", OTHER)  # only the other has a card here
        _card(conn, "/both", "keep.vcf", KEEP)
        _card(conn, "/both", "other.vcf", OTHER)  # both do: the next export removes it
    merge(conn)
    assert rows(conn, "SELECT folder, href, source FROM vdir_item ORDER BY 1, 2") == [
        ("/both", "keep.vcf", str(KEEP)), ("/both", "other.vcf", str(OTHER)),
        ("/phone", "other.vcf", str(KEEP)),
    ]  # fmt: skip


def test_merging_someone_with_themselves_is_refused(conn) -> None:
    before = rows(conn, "SELECT * FROM person")
    with pytest.raises(UsageProblem) as caught, db.write_session(conn) as session:
        merge_people(session, KEEP, KEEP)
    assert str(caught.value) == (
        "Sam Carter (#1) was named twice: give two different people to merge."
    )
    assert caught.value.exit_code == 2
    assert rows(conn, "SELECT * FROM person") == before


def test_a_failure_half_way_leaves_everything_as_it_was(conn, monkeypatch) -> None:
    from supportnet.writes import merge as merging

    gettogether(conn, 1, "2026-01-05", [OTHER])

    def broken(*args: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(merging, "_move_cards", broken)
    with pytest.raises(RuntimeError), db.write_session(conn) as session:
        merge_people(session, KEEP, OTHER)
    assert rows(conn, "SELECT person_id FROM attendance") == [(OTHER,)]
    assert rows(conn, "SELECT count(*) FROM person") == [(4,)]


def test_the_question_says_what_moves_and_what_is_added(conn) -> None:
    gettogether(conn, 1, "2026-01-05", [KEEP, OTHER])
    gettogether(conn, 2, "2026-02-05", [OTHER])
    assert merge_impact(conn, KEEP, OTHER).question() == (
        "Merge Sam Carter-Jones (#2) into Sam Carter (#1)? 2 get-togethers (1 shared with "
        "both: kept once) move to Sam Carter; Sam Carter is also called 'Sam Carter-Jones'; "
        "Sam Carter-Jones's nickname, tag, phone and email are added to theirs; Sam Carter "
        "takes Sam Carter-Jones's birthday, how you met and hoped-for cadence. Both notes "
        "are kept."
    )
    with conn:
        conn.execute(f"UPDATE person SET archived_on = '2026-01-01' WHERE id = {MAYA}")
    assert merge_impact(conn, MAYA, LEO).question() == (
        "Merge Leo (#4) into Maya (#3)? Maya is also called 'Leo'. Maya is archived "
        "and stays so: merging restores no one (`supportnet restore` does)."
    )


def test_the_kept_one_is_known_since_the_earlier_day(conn) -> None:
    with conn:
        conn.execute(f"UPDATE person SET added_on = '2024-02-01' WHERE id = {OTHER}")
    merge(conn)
    assert people.get_person(conn, KEEP).added_on == dt.date(2024, 2, 1)
