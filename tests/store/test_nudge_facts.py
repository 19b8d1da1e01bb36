"""Gathering the nudge's facts from the database (and leaving out the people who
have nothing to suggest), and the shared series dates."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportnet import db, recurrence
from supportnet.config import DEFAULTS
from supportnet.nudge import Favor, LeftOut, LifeEvent, Settings, explain, rank
from supportnet.store.nudge_facts import dates_between, gather

T = dt.date(2026, 6, 10)


@pytest.fixture
def conn(run, db_path):
    run("where")
    connection = db.open_database(db_path)
    yield connection
    connection.close()


def facts(conn: sqlite3.Connection, **kw):
    return gather(conn, T, Settings(), DEFAULTS["cadence"], **kw)


def person(network, name: str):
    return next(p for p in network.people if p.name == name)


def test_people_facts_from_the_commands(run, conn):
    run("--today", "2026-01-05", "add", "Maya López", "--circle", "inner")
    run("--today", "2026-01-05", "add", "Sam Carter", "--cadence", "3 weeks",
        "--birthday", "1990-06-16")  # fmt: skip
    run("add", "Leo Martins", "--circle", "prospect")
    run("log", "coffee", "--with", "Maya", "--with", "Sam", "--on", "2026-05-01")
    run("log", "call", "--with", "Maya", "--on", "2026-06-01")
    run("log", "call", "--with", "Maya", "--on", "2026-03-01")
    run("favor", "add", "drove me home", "--from", "Sam", "--on", "2026-06-05")
    run("favor", "add", "soup", "--for", "Sam", "--on", "2026-06-02")
    run("favor", "add", "an old favor", "--from", "Maya", "--on", "2026-01-10")
    run("event", "add", "Sam", "new job", "--on", "2026-06-08", "--kind", "job change", "--happy")
    network = facts(conn)
    maya, sam, leo = (person(network, n) for n in ("Maya López", "Sam Carter", "Leo Martins"))
    assert (maya.last_contact, maya.last_in_person) == (dt.date(2026, 6, 1), dt.date(2026, 5, 1))
    assert maya.recent_contacts == 2  # 1 May and 1 June; 1 March is outside the 60 days
    assert maya.cadence_days == 7 and sam.cadence_days == 21 and leo.cadence_days == 30
    assert maya.last_favor_received is None  # older than reciprocity_days: cannot matter
    assert facts(conn, detail_for=maya.id).people[0].last_favor_received == Favor(
        "an old favor", "other", dt.date(2026, 1, 10)
    )
    assert sam.last_favor_received == Favor("drove me home", "other", dt.date(2026, 6, 5))
    assert sam.last_favor_given == dt.date(2026, 6, 2)
    assert (sam.next_birthday, sam.birthday_turns) == (dt.date(2026, 6, 16), 36)
    assert sam.events == (LifeEvent(1, "new job", "job change", "happy", dt.date(2026, 6, 8)),)
    assert leo.last_contact is None and leo.added_on == T
    assert network.has_gettogethers and not network.has_active_plans
    # Someone added after "today" is not in that day's nudge.
    assert [p.name for p in gather(conn, dt.date(2026, 1, 1), Settings(), DEFAULTS["cadence"])
            .people] == []  # fmt: skip


def test_plans_groups_and_pairs(run, conn):
    for name, tag in (("Jonas", "climbing"), ("Ella", "climbing"), ("Ana", "chorus")):
        run("--today", "2026-01-05", "add", name, "--tag", tag)
    run("--today", "2026-06-01", "plan", "walk", "--with", "Jonas", "--with", "Ella",
        "--every", "week", "--on", "fri", "--at", "18:00")  # fmt: skip
    run("--today", "2026-01-05", "group", "add", "Chorus", "--kind", "chorus",
        "--meets", "every wed 19:00")  # fmt: skip
    run("group", "join", "Chorus", "--person", "me", "--person", "Ana")
    run("log", "--group", "Chorus", "--on", "2026-05-20")
    run("log", "walk", "--with", "Jonas", "--on", "2026-06-05")
    run("log", "walk", "--with", "Ella", "--on", "2026-06-06")
    run("log", "walk", "--with", "Ana", "--on", "2026-06-06")
    run("done", "walk", "--on", "2026-06-05")
    network = facts(conn)
    jonas = person(network, "Jonas")
    assert [(o.title, o.on_date, o.at_time, o.people) for o in jonas.plans_soon] == [
        ("walk", dt.date(2026, 6, 12), "18:00", (1, 2)),  # 19 June is beyond the 7 days
    ]
    assert network.has_active_plans
    (chorus,) = network.communities
    assert (chorus.name, chorus.last_attended, chorus.missed_in_a_row) == (
        "Chorus",
        dt.date(2026, 5, 20),
        2,  # 27 May and 3 June; today's is still to come
    )
    assert (chorus.next_meeting, chorus.at_time, chorus.members) == (T, "19:00", (3,))
    pairs = {(p.a, p.b): p for p in network.pairs}
    # The done walk logged a get-together with both: they are no longer strangers.
    assert pairs[(1, 2)].shared_tags == ("climbing",) and pairs[(1, 2)].together
    assert (1, 3) not in pairs  # nothing in common
    run("know", "Jonas", "Ana")
    run("edit", "Ana", "--tag", "climbing")
    assert {(p.a, p.b): p.known for p in facts(conn).pairs}[(1, 3)] is True


def test_favors_are_read_within_the_reciprocity_window_except_for_why(run, conn):
    run("--today", "2026-01-05", "add", "Ana Okafor")
    run("add", "Leo Martins")
    run("favor", "add", "lent a book", "--for", "Ana", "--on", "2026-01-02")
    run("favor", "add", "fed the cat", "--from", "Ana", "--on", "2026-06-01")
    run("favor", "add", "an old favor", "--from", "Leo", "--on", "2026-02-01")
    run("favor", "add", "helped back", "--for", "Leo", "--on", "2026-03-01")
    ana, leo = facts(conn).people
    assert ana.last_favor_received == Favor("fed the cat", "other", dt.date(2026, 6, 1))
    # A favor you did before the window cannot return one received within it.
    assert ana.last_favor_given is None
    assert leo.last_favor_received is None and leo.last_favor_given is None
    # `why` shows the whole history of the person it explains.
    ana = facts(conn, detail_for=1).people[0]
    assert ana.last_favor_given == dt.date(2026, 1, 2)
    leo = facts(conn, detail_for=2).people[1]
    assert leo.last_favor_received == Favor("an old favor", "other", dt.date(2026, 2, 1))
    assert leo.last_favor_given == dt.date(2026, 3, 1)
    assert facts(conn, detail_for=2).people[0] == facts(conn).people[0]


def _contact_scenario(run):
    run("--today", "2026-01-05", "add", "Maya López", "--circle", "inner")
    run("--today", "2026-01-05", "add", "Sam Carter")
    run("add", "Leo Martins", "--circle", "prospect")
    run("--today", "2026-01-05", "add", "Ana Okafor")
    run("archive", "Ana")
    run("log", "coffee", "--with", "Maya", "--with", "Sam", "--on", "2026-05-01")
    run("log", "call", "--with", "Maya", "--on", "2026-06-01")
    run("log", "call", "--with", "Sam", "--on", "2026-01-20")
    run("log", "walk", "--with", "Ana", "--on", "2026-06-02")


def test_contact_of_every_active_person(run, conn):
    _contact_scenario(run)
    everyone = facts(conn, everyone=True)  # every active person in full, by id
    assert [(p.id, p.name, p.circle, p.cadence_days, p.added_on.isoformat(),
             p.last_contact and p.last_contact.isoformat(),
             p.last_in_person and p.last_in_person.isoformat(), p.recent_contacts)
            for p in everyone.people] == [
        (1, "Maya López", "inner", 7, "2026-01-05", "2026-06-01", "2026-05-01", 2),
        (2, "Sam Carter", "friend", 30, "2026-01-05", "2026-05-01", "2026-05-01", 1),
        (3, "Leo Martins", "prospect", 30, "2026-06-10", None, None, 0),
    ]  # fmt: skip
    assert [(p.name, p.last_contact, p.last_in_person, p.recent_contacts)
            for p in everyone.people] == [
        ("Maya López", dt.date(2026, 6, 1), dt.date(2026, 5, 1), 2),
        ("Sam Carter", dt.date(2026, 5, 1), dt.date(2026, 5, 1), 1),
        ("Leo Martins", None, None, 0),
    ]  # fmt: skip
    assert rank(facts(conn), T) == rank(everyone, T)
    assert facts(conn, detail_for=2).people[1] == everyone.people[1]


def test_people_with_nothing_to_suggest_are_left_out_and_summed_up(run, conn):
    run("--today", "2025-01-05", "add", "Maya López", "--circle", "inner")
    run("--today", "2025-01-05", "add", "Sam Carter", "--cadence", "1 year")
    run("--today", "2025-01-05", "add", "Omar Said", "--cadence", "1 year")
    run("log", "coffee", "--with", "Maya", "--on", "2026-06-01")
    run("log", "coffee", "--with", "Sam", "--on", "200 days ago")
    run("log", "coffee", "--with", "Omar", "--on", "300 days ago")
    network = facts(conn)
    # Sam and Omar were met in person within the year they hope for: nothing to
    # suggest.  Omar stays (the next one due, for "you're caught up"), Sam does
    # not (not seen in the 180 days introductions look at either).
    assert [p.name for p in network.people] == ["Maya López", "Omar Said"]
    assert network.left_out == LeftOut(social=1, recent_contacts=0, first_words={"sam": 1})
    assert rank(network, T) == rank(facts(conn, everyone=True), T)
    assert [p.name for p in facts(conn, detail_for=2).people] == [
        "Maya López", "Sam Carter", "Omar Said"]  # fmt: skip


def test_first_words_without_a_letter_are_counted_by_the_whole_name(run, conn):
    """The left-out people's first names follow ``words.first_word``: the first word
    with a letter, else the whole name (SQL cuts the word before the first space)."""
    names = ["🎸 Rocco", "Rocco Two", "+1 555 010 9999", "+1 555 010 8888", "★ Ωμέγα", "Maya"]
    for name in [*names, "Omar Said"]:
        run("--today", "2025-01-05", "add", name, "--cadence", "1 year")
    for pid in range(1, len(names) + 1):
        run("log", "coffee", "--with", f"#{pid}", "--on", "200 days ago")
    run("log", "coffee", "--with", "Omar", "--on", "300 days ago")  # the next up stays
    network = facts(conn)
    assert [p.name for p in network.people] == ["Omar Said"]
    assert network.left_out.first_words == {
        "rocco": 2, "+1 555 010 9999": 1, "+1 555 010 8888": 1, "ωμεγα": 1, "maya": 1,
    }  # fmt: skip
    assert rank(network, T) == rank(facts(conn, everyone=True), T)


def test_people_never_met_in_person_are_never_left_out(run, conn):
    """No in-person date means no in-person clock to be within: such a person
    (met online only, or not at all) is read and scored, never summed up."""
    run("--today", "2025-01-05", "add", "Maya López", "--cadence", "1 year")
    run("--today", "2025-01-05", "add", "Noor Haddad", "--cadence", "1 year")
    run("--today", "2025-01-05", "add", "Sam Carter", "--cadence", "1 year")
    run("log", "call", "--with", "Noor", "--on", "2026-06-01")
    run("log", "coffee", "--with", "Sam", "--on", "2026-05-01")
    network = facts(conn)
    assert [p.name for p in network.people] == ["Maya López", "Noor Haddad", "Sam Carter"]
    assert network.left_out == LeftOut()
    assert rank(network, T) == rank(facts(conn, everyone=True), T)


def test_contact_read_here_inside_a_transaction(run, conn):
    _contact_scenario(run)
    # Inside a transaction, its own changes count (another connection would miss them).
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO gettogether (kind, on_date, in_person, logged_at)"
        " VALUES ('coffee', '2026-06-09', 1, '2026-06-09T10:00:00')"
    )
    conn.execute(
        "INSERT INTO attendance (gettogether_id, person_id, on_date, in_person)"
        " VALUES (last_insert_rowid(), 3, '2026-06-09', 1)"
    )
    leo = facts(conn).people[2]
    conn.execute("ROLLBACK")
    assert (leo.name, leo.last_contact, leo.recent_contacts) == (
        "Leo Martins", dt.date(2026, 6, 9), 1)  # fmt: skip


def test_nudge_state_migration_keeps_one_target_per_row(conn):
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO nudge_snooze (person_id, community_id, until_on, snoozed_on)"
            " VALUES (NULL, NULL, '2026-06-20', '2026-06-10')"
        )


# --- dates shared between series ----------------------------------------------------

RULES = [
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=-1",
    "FREQ=MONTHLY", "FREQ=MONTHLY;BYDAY=1FR", "FREQ=MONTHLY;BYDAY=-1SU",
    "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE",
    "FREQ=YEARLY", "FREQ=WEEKLY;BYDAY=SA;COUNT=20", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,WE;WKST=SU", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,-1",
    "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;INTERVAL=2",
]  # fmt: skip
days = st.integers(-2000, 60).map(lambda n: T + dt.timedelta(days=n))


@settings(max_examples=300, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    starts_on=days,
    start_back=st.integers(0, 400),
    length=st.integers(0, 70),
    until=st.none() | days,
)
def test_shared_dates_are_the_dates_of_each_series(rule, starts_on, start_back, length, until):
    start = T - dt.timedelta(days=start_back)
    end = start + dt.timedelta(days=length)
    memo: dict = {}
    # Warm the memo with other series of the same rule, as other plans would.
    for back in (3000, 2999, 2998, 2990, 2000, 1000):
        dates_between(rule, T - dt.timedelta(days=back), start, end, None, memo)
    got = dates_between(rule, starts_on, start, end, until, memo)
    assert got == recurrence.occurrences(rule, starts_on, start, end, until)


# --- leaving people out changes nothing -------------------------------------------

CIRCLES = ["inner", "close", "friend", "acquaintance", "prospect", "professional"]
days_ago = st.integers(0, 400) | st.integers(0, 40)  # often within the recent 60 days
someone = st.fixed_dictionaries({
    "circle": st.sampled_from(CIRCLES),
    "cadence": st.none() | st.integers(1, 400),
    "added": st.integers(0, 900),
    "contact": st.lists(st.tuples(days_ago, st.booleans()), max_size=6),
    "tag": st.sampled_from([None, "climbing", "chorus"]),
    "birthday_in": st.none() | st.none() | st.integers(0, 30),
    "member": st.integers(0, 2).map(lambda n: n == 0),
    "snoozed": st.integers(0, 9).map(lambda n: n == 0),
    "name": st.sampled_from(["Maya", "Sam", "Ana", "Zoë", "zoe", "Élodie", "Dr. Ruth",
                             "🎸 Sam", "+1 555", "★ Ωμέγα", "Ωμέγα"]),
})  # fmt: skip


def _write_network(conn: sqlite3.Connection, people: list[dict]) -> None:
    conn.execute(
        "INSERT INTO community (id, name, kind, rrule, starts_on, added_on)"
        " VALUES (1, 'Chorus', 'chorus', 'FREQ=WEEKLY;BYDAY=WE', '2025-01-01', '2025-01-01')"
    )
    for pid, p in enumerate(people, start=1):
        birthday = T + dt.timedelta(days=p["birthday_in"]) if p["birthday_in"] is not None else None
        conn.execute(
            "INSERT INTO person (id, name, circle, cadence_days, birthday_month, birthday_day,"
            " added_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (pid, f"{p['name']} {pid}" if pid % 2 else p["name"], p["circle"], p["cadence"],
             birthday and birthday.month, birthday and birthday.day,
             (T - dt.timedelta(days=p["added"])).isoformat()),
        )  # fmt: skip
        for back, in_person in p["contact"]:
            day = (T - dt.timedelta(days=min(back, p["added"]))).isoformat()
            gid = conn.execute(
                "INSERT INTO gettogether (kind, on_date, in_person, logged_at)"
                " VALUES ('coffee', ?, ?, '2026-01-01T00:00:00')",
                (day, int(in_person)),
            ).lastrowid
            conn.execute(
                "INSERT INTO attendance (gettogether_id, person_id, on_date, in_person)"
                " VALUES (?, ?, ?, ?)",
                (gid, pid, day, int(in_person)),
            )
        if p["tag"]:
            conn.execute("INSERT INTO person_tag VALUES (?, ?)", (pid, p["tag"]))
        if p["member"]:
            conn.execute("INSERT INTO community_member VALUES (1, ?)", (pid,))
        if p["snoozed"]:
            conn.execute(
                "INSERT INTO nudge_snooze (person_id, until_on, snoozed_on) VALUES (?, ?, ?)",
                (pid, (T + dt.timedelta(days=3)).isoformat(), T.isoformat()),
            )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    people=st.lists(someone, max_size=14),
    online_counts_as=st.sampled_from([0.0, 0.25, 0.3, 0.5, 1.0, 2.0]),
    time_cap=st.sampled_from([0.5, 1.0, 3.0]),
    circle_weight=st.sampled_from([0.0, 1.0, 2.5]),
    min_contacts=st.sampled_from([1, 6]),  # 1: the most seen person is often due too
    lines=st.integers(1, 4),
)
def test_leaving_quiet_people_out_changes_nothing(
    conn, monkeypatch, people, online_counts_as, time_cap, circle_weight, min_contacts, lines
):
    """The store leaves out people with nothing to suggest, and the due ones
    below the lines shown; the nudge, every person's explanation and every
    "next up" stay what they are with everyone."""
    from supportnet.store import nudge_facts

    monkeypatch.setattr(nudge_facts, "INTRODUCTION_POOL", 2)  # small networks leave some out
    weights = {**DEFAULTS["weights"], "circle": circle_weight}
    ours = Settings(
        weights,
        online_counts_as=online_counts_as,
        time_cap=time_cap,
        concentration_min_contacts=min_contacts,
    )
    conn.execute("BEGIN")
    try:
        _write_network(conn, people)
        network = gather(conn, T, ours, DEFAULTS["cadence"])
        everyone = gather(conn, T, ours, DEFAULTS["cadence"], everyone=True)
        assert len(everyone.people) == len(people)
        assert rank(network, T, ours) == rank(everyone, T, ours)
        shown = gather(conn, T, ours, DEFAULTS["cadence"], lines=lines)
        assert rank(shown, T, ours, limit=lines) == rank(everyone, T, ours, limit=lines)
        for pid in range(1, len(people) + 1):
            detail = gather(conn, T, ours, DEFAULTS["cadence"], detail_for=pid)
            assert explain(detail, pid, T, ours) == explain(everyone, pid, T, ours)
    finally:
        conn.execute("ROLLBACK")


def test_the_due_below_the_lines_shown_are_counted_not_read(conn, monkeypatch):
    """Ten people due a plain 'catch up': for a nudge of three lines the store
    reads the three it shows and counts the rest; the list is the same."""
    from supportnet.store import nudge_facts

    monkeypatch.setattr(nudge_facts, "INTRODUCTION_POOL", 0)  # no one read for introductions
    people = [
        {"circle": "friend", "cadence": 30, "added": 900, "contact": [(61 + 3 * n, True)],
         "tag": None, "birthday_in": None, "member": False, "snoozed": False,
         "name": f"Friend{n}"}
        for n in range(10)
    ]  # fmt: skip
    ours = Settings()
    conn.execute("BEGIN")
    try:
        _write_network(conn, people)
        shown = gather(conn, T, ours, DEFAULTS["cadence"], lines=3)
        everyone = gather(conn, T, ours, DEFAULTS["cadence"], everyone=True)
        assert len(shown.people) < len(everyone.people) == 10
        assert shown.left_out.catch_ups == 10 - len(shown.people)
        assert shown.left_out.lines == 3
        assert rank(shown, T, ours, limit=3) == rank(everyone, T, ours, limit=3)
        with pytest.raises(ValueError):
            rank(shown, T, ours, limit=4)
        endless = gather(conn, T, ours, DEFAULTS["cadence"], lines=10**20)  # was an overflow
        assert rank(endless, T, ours, limit=10**20) == rank(everyone, T, ours)
        with pytest.raises(ValueError):
            explain(shown, shown.people[0].id, T, ours)
    finally:
        conn.execute("ROLLBACK")


def test_the_most_seen_person_due_does_not_take_a_line_from_the_count(conn):
    """Alice has most of the recent contact (so no concentration term of her own)
    and is due; Bob, due too, ranks above her with his.  A nudge of one line
    shows Bob, whether or not the others were read."""
    people = [
        {"circle": "inner", "cadence": 7, "added": 900, "contact": [(21, True), (22, True),
         (23, True), (24, True)], "name": "Alice"},
        {"circle": "inner", "cadence": 70, "added": 900, "contact": [(195, True)],
         "name": "Bob"},
        {"circle": "friend", "cadence": 399, "added": 900, "contact": [(11, True), (12, True)],
         "name": "Cleo"},
    ]  # fmt: skip
    for p in people:
        p.update(tag=None, birthday_in=None, member=False, snoozed=False)
    ours = Settings()
    conn.execute("BEGIN")
    try:
        _write_network(conn, people)
        everyone = rank(gather(conn, T, ours, DEFAULTS["cadence"], everyone=True), T, ours, limit=1)
        assert everyone.suggestions[0].people[0][1] == "Bob"
        shown = gather(conn, T, ours, DEFAULTS["cadence"], lines=1)
        assert rank(shown, T, ours, limit=1) == everyone
    finally:
        conn.execute("ROLLBACK")


def test_a_missed_community_brings_only_the_member_its_line_names(run, conn):
    run("--today", "2026-01-05", "group", "add", "Chorus", "--kind", "chorus",
        "--meets", "every wed 19:00")  # fmt: skip
    members = ("Eric", "Emma", "Élodie", "Zoe")  # by folded name: Élodie, Emma, Eric, Zoe
    for name in members:
        run("--today", "2026-01-05", "add", name, "--circle", "close")
    run("--today", "2026-01-05", "add", "Ada", "--circle", "friend")  # further out
    run("group", "join", "Chorus", "--person", "me", *(a for n in (*members, "Ada")
                                                      for a in ("--person", n)))  # fmt: skip
    run("log", "--group", "Chorus", "--on", "2026-05-13")  # 3 meetings since: go back
    network = facts(conn)
    (chorus,) = network.communities
    elodie = person(network, "Élodie")
    # One member, not the four of the closest circle: the one its line names, by the
    # name without accents (the others are read only when something else brings them).
    assert chorus.members == (elodie.id,)
    everyone = facts(conn, everyone=True)
    assert everyone.communities == network.communities
    assert rank(network, T, Settings()) == rank(everyone, T, Settings())
    go_back = next(s for s in rank(network, T, Settings()).suggestions if s.kind == "go_back")
    assert "maybe with Élodie, who's a member" in go_back.action
