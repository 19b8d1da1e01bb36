"""People at the store layer: who already goes by a name (store/people.py), the
writers' refusal of a name or nickname someone else goes by (writes/people.py), and
finding people among the archived first."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportnet import db
from supportnet.errors import Ambiguous, Conflict
from supportnet.models import validate
from supportnet.models.person import PersonCreate, PersonUpdate
from supportnet.store import people
from supportnet.writes import people as writes

TODAY = dt.date(2026, 6, 10)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Sam Carter (#1), Ana Okafor (#2, "Annie"), Maya López (#3), Ann (#4, archived)."""
    connection = db.open_database(tmp_path / "data" / "supportnet.db")
    with db.write_session(connection) as session:
        writes.add_people(session, [
            PersonCreate(name="Sam Carter"),
            PersonCreate(name="Ana Okafor", nicknames=["Annie"]),
            PersonCreate(name="Maya López"),
            PersonCreate(name="Ann", archived_on=TODAY),
        ], TODAY)  # fmt: skip
    try:
        yield connection
    finally:
        connection.close()


def nicknames(conn: sqlite3.Connection, pid: int) -> list[str]:
    return people.get_person(conn, pid).nicknames


def test_who_already_goes_by_a_name(conn) -> None:
    def who(text: str, **given: object) -> list[tuple[int, str, bool]]:
        return [(c.id, c.label, c.same_name) for c in people.called(conn, text, **given)]

    assert who("sam") == [(1, "Sam Carter (#1)", False)]  # a whole word of the name
    assert who("CARTER") == [(1, "Sam Carter (#1)", False)]
    assert who("sam carter") == [(1, "Sam Carter (#1)", True)]
    assert who("annie") == [(2, "Ana Okafor (#2)", False)]  # a nickname
    assert who("ann") == [(4, "Ann (#4, archived)", True)]  # archived people too
    assert who("Sa") == who("Car") == who("Maya Lo") == []  # beginnings name no one whole
    assert who("Sam", but=1) == []
    assert who("Sam", words=False) == []  # a name may be a word of another's
    assert who("Annie", words=False) == [(2, "Ana Okafor (#2)", False)]


@pytest.mark.parametrize(
    "nickname, message",
    [
        ("Sam", "'Sam' is already what Sam Carter (#1) is called; give another nickname or use "
         "--force."),
        ("annie", "'annie' is already what Ana Okafor (#2) is called; give another nickname or "
         "use --force."),
        ("Ann", "'Ann' is already what Ann (#4, archived) is called; give another nickname or "
         "use --force."),
    ],
)  # fmt: skip
def test_a_nickname_someone_else_goes_by_needs_force(conn, nickname, message) -> None:
    change = validate(PersonUpdate, {"add_nicknames": ["Mimi", nickname]})
    with pytest.raises(Conflict) as caught, db.write_session(conn) as session:
        writes.update_person(session, 3, change)
    assert str(caught.value) == message and caught.value.exit_code == 6
    assert nicknames(conn, 3) == []  # nothing half-written, not even Mimi
    with db.write_session(conn) as session:
        writes.update_person(session, 3, change, force=True)
    assert sorted(nicknames(conn, 3)) == sorted(["Mimi", nickname])


def test_a_new_person_is_refused_a_nickname_or_name_someone_goes_by(conn) -> None:
    with pytest.raises(Conflict, match=r"^'Sam' is already what Sam Carter \(#1\) is called; "
                       r"give another nickname or use --force\.$"), \
            db.write_session(conn) as session:  # fmt: skip
        writes.add_person(session, PersonCreate(name="Xavier", nicknames=["Sam"]), TODAY)
    with pytest.raises(Conflict, match=r"^'ANNIE' is already what Ana Okafor \(#2\) is called; "
                       r"give another name or use --force\.$"), \
            db.write_session(conn) as session:  # fmt: skip
        writes.add_person(session, PersonCreate(name="ANNIE"), TODAY)
    with pytest.raises(Conflict, match=r"^Sam Carter \(#1\) is already here\. To add a second"), \
            db.write_session(conn) as session:  # fmt: skip
        writes.add_person(session, PersonCreate(name="sam carter"), TODAY)
    # A word of Sam Carter's name: "Sam" would quietly come to mean the new Sam.
    with pytest.raises(Conflict, match=r"^'Sam' is already what Sam Carter \(#1\) is called; "
                       r"give another name or use --force\.$"), \
            db.write_session(conn) as session:  # fmt: skip
        writes.add_person(session, PersonCreate(name="Sam"), TODAY)
    assert [p.id for p in people.every_person(conn)] == [1, 2, 3, 4]
    with db.write_session(conn) as session:
        sam = writes.add_person(session, PersonCreate(name="Sam"), TODAY, force=True)
        writes.add_person(session, PersonCreate(name="Xavier", nicknames=["Sam"]), TODAY,
                          force=True)  # fmt: skip
    assert people.resolve_person(conn, "Sam") == sam  # the whole name still wins


def test_a_rename_is_checked_like_a_new_name_but_not_against_themselves(conn) -> None:
    def rename(pid: int, name: str) -> None:
        with db.write_session(conn) as session:
            writes.update_person(session, pid, validate(PersonUpdate, {"name": name}))

    with pytest.raises(Conflict, match=r"^Sam Carter \(#1\) already has that name; use --force"):
        rename(3, "Sam Carter")
    with pytest.raises(Conflict, match=r"^'Annie' is already what Ana Okafor \(#2\) is called"):
        rename(3, "Annie")
    rename(2, "Annie")  # her own nickname
    rename(1, "SAM CARTER")  # their own name
    assert [p.name for p in people.every_person(conn)][:3] == ["SAM CARTER", "Annie", "Maya López"]


def test_archived_people_first(conn) -> None:
    # "Ann" begins Ana's nickname among the active, and is the archived Ann's whole name.
    with pytest.raises(Ambiguous, match=r"^'Ann' could be Ana Okafor \(#2\) or Ann \(#4, arch"):
        people.resolve_person(conn, "Ann")
    assert people.resolve_person(conn, "Ann", archived_first=True) == 4
    # Nobody archived is called so: the active are looked among next.
    assert people.resolve_person(conn, "Maya", archived_first=True) == 3
    with db.write_session(conn) as session:
        writes.add_people(session, [PersonCreate(name="Annabel", archived_on=TODAY),
                                    PersonCreate(name="Anna")], TODAY)  # fmt: skip
    # Only the beginning of an archived name: the active one's whole name is named too.
    with pytest.raises(Ambiguous, match=r"^'Anna' could be Annabel \(#5, archived\) or Anna "
                       r"\(#6\);"):  # fmt: skip
        people.resolve_person(conn, "Anna", archived_first=True)


def test_the_removal_takes_exactly_what_its_question_counts(conn) -> None:
    """The question before `remove` counted a group meeting only with them that the
    removal (rightly) keeps: both now read ``only_theirs``."""
    from supportnet.models.gettogether import GettogetherCreate
    from supportnet.models.group import GroupCreate
    from supportnet.writes import gettogethers, groups

    now = dt.datetime(2026, 6, 10, 9, tzinfo=dt.timezone.utc)
    with db.write_session(conn) as session:
        chorus = groups.add_group(session, validate(GroupCreate, {"name": "Chorus"}), TODAY)
    logged = []
    for day, who, group in ((3, [1], chorus), (4, [1, 2], chorus), (5, [1, 2], None),
                            (6, [1], None), (7, [2], None)):  # fmt: skip
        new = validate(GettogetherCreate, {"on_date": dt.date(2026, 6, day), "people": who,
                                           "community_id": group})  # fmt: skip
        with db.write_session(conn) as session:
            logged.append(gettogethers.log_gettogether(session, new, TODAY, now))
    assert people.removal_impact(conn, 1) == people.RemovalImpact(
        gettogethers_only_with_them=1, gettogethers_shared=1, favors_only_with_them=0,
        life_events=0, plans_only_with_them=0, group_meetings=2,
    )  # fmt: skip
    assert people.only_theirs(conn, 1)["gettogethers"] == [logged[3]]
    with db.write_session(conn) as session:
        writes.remove_person(session, 1)
    kept = [row[0] for row in conn.execute("SELECT id FROM gettogether ORDER BY id")]
    assert kept == [logged[0], logged[1], logged[2], logged[4]]  # the one only with Sam went


def test_members_are_people_and_perhaps_you(conn) -> None:
    """One reading of --person for `group add`, `group join` and `group leave`."""
    assert people.members_named(conn, ["Maya", "me", "sam", "#3"]) == people.Members(
        me=True, people=[3, 1])  # fmt: skip
    assert people.members_named(conn, [" MYSELF "]) == people.Members(me=True, people=[])
    assert people.members_named(conn, ["Annie"]) == people.Members(me=False, people=[2])


def test_archiving_pauses_the_plans_only_with_archived_people(conn) -> None:
    from supportnet.models.plan import PlanCreate, PlanStatusChange
    from supportnet.recurrence import parse_recurrence
    from supportnet.store import plans
    from supportnet.writes import plans as plan_writes

    weekly = parse_recurrence("every sat")
    with db.write_session(conn) as session:
        for title, who in (("coffee", [1]), ("walk", [1, 2]), ("tea", [1, 4]), ("call", [1])):
            plan_writes.add_plan(session, PlanCreate(title=title, people=who, recurrence=weekly,
                                                     start=TODAY), TODAY)  # fmt: skip
        # A plan you paused yourself stays paused whoever is archived or restored.
        plan_writes.change_status(session, plans.get_plan(conn, 4),
                                  PlanStatusChange(status="paused"), TODAY)  # fmt: skip

    def status() -> dict[str, tuple[str, dt.date | None]]:
        return {p.title: (p.status, p.paused_on) for p in plans.all_plans(conn)}

    later = TODAY + dt.timedelta(days=3)
    with db.write_session(conn) as session:
        done = writes.set_archived(session, 1, later, archive=True)
    # Coffee was only with Sam, tea with Sam and Ann (archived already): both pause.
    assert [p.title for p in done.paused] == ["coffee", "tea"]
    assert [p.title for p in done.shared] == ["walk"]  # with Ana too: it goes on
    assert status() == {"coffee": ("paused", later), "walk": ("active", None),
                        "tea": ("paused", later), "call": ("paused", TODAY)}  # fmt: skip
    assert people.get_person(conn, 1).archived_on == later
    # Restoring Ann, with whom tea was too, resumes it; Sam is still archived.
    with db.write_session(conn) as session:
        assert [p.title for p in writes.set_archived(session, 4, later, archive=False).resumed] == [
            "tea"
        ]
    with db.write_session(conn) as session:
        done = writes.set_archived(session, 1, later, archive=False)
    assert [p.title for p in done.resumed] == ["coffee"]
    assert status() == {"coffee": ("active", None), "walk": ("active", None),
                        "tea": ("active", None), "call": ("paused", TODAY)}  # fmt: skip


def test_a_phone_is_one_whatever_its_spaces(conn) -> None:
    """A number already there, written with other spaces or signs ("+49 30 123456" for
    "+4930123456"), is not added again (by `add` or `edit`), and `--drop-phone` in
    either spelling removes it: a phone is its digits (``text.phone_key``)."""
    with db.write_session(conn) as session:
        (pid,) = writes.add_people(
            session, [PersonCreate(name="Kai", phones=["+4930123456", "+49 30 123456"])], TODAY
        )
        writes.update_person(
            session, pid, validate(PersonUpdate, {"add_phones": ["+49 (30) 123-456", "555 0100"]})
        )
    assert people.get_person(conn, pid).phones == ["+4930123456", "555 0100"]
    with db.write_session(conn) as session:
        absent = writes.update_person(
            session, pid, validate(PersonUpdate, {"remove_phones": ["+49 30 123456", "999"]})
        )
    assert absent == ["phone '999'"]
    assert people.get_person(conn, pid).phones == ["555 0100"]
