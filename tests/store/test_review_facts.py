"""The review's facts from a temporary database: where network growth starts."""

from __future__ import annotations

import datetime as dt

from supportnet import db
from supportnet.store.review import review_facts
from tests.progress_data import opened, person

D = dt.date


def test_the_first_day_anyone_was_added_and_the_network_at_its_end(db_path):
    with opened(db_path) as conn:
        person(conn, "Maya López", added="2026-11-01")
        person(conn, "Sam Carter", added="2026-11-01")
        gone = person(conn, "Jo Kim", added="2026-11-01")
        person(conn, "Ana Okafor", added="2026-11-20")
        # Archived the day they were added: not in the network at the end of that day.
        conn.execute("UPDATE person SET archived_on = '2026-11-01' WHERE id = ?", (gone,))
    conn = db.open_database(db_path)
    try:
        facts = review_facts(conn, D(2026, 11, 24), D(2026, 11, 30), D(2026, 11, 30))
    finally:
        conn.close()
    assert (facts.first_added, facts.network_first_day) == (D(2026, 11, 1), 2)
    assert (facts.long_since, facts.network_long_ago) == (D(2026, 8, 1), 0)
    assert (facts.network_at_start, facts.network_now) == (3, 3)


def test_no_one_added_yet(db_path):
    conn = db.open_database(db_path)
    try:
        facts = review_facts(conn, D(2026, 6, 4), D(2026, 6, 10), D(2026, 6, 10))
    finally:
        conn.close()
    assert (facts.first_added, facts.network_first_day) == (None, 0)


def test_each_new_person_counts_once_on_the_day_of_what_made_them_new(db_path):
    """First get-together when there is one, else the day added; the people entered on
    the first day anyone was added are where the network starts, not people met."""
    from supportnet.store.progress import counts_by_period
    from supportnet.store.review import new_people
    from tests.progress_data import meet

    with opened(db_path) as conn:
        person(conn, "Ana Ruiz", added="2026-11-02")  # first day, never seen: not new
        maya = person(conn, "Maya López", added="2026-11-02")  # first day, seen later
        priya = person(conn, "Priya Shah", added="2026-11-04")  # added, seen a week later
        person(conn, "Jo Kim", added="2026-11-12")  # added, nothing logged yet
        kim = person(conn, "Kim Ito", added="2026-11-20")  # met before being entered
        meet(conn, "2026-11-10", [priya])
        meet(conn, "2026-11-17", [maya])
        meet(conn, "2026-10-20", [kim])
    conn = db.open_database(db_path)
    try:
        weeks = counts_by_period(conn, "new_people", "week", D(2026, 10, 19), D(2026, 11, 29))
        found = new_people(conn, D(2026, 11, 1), D(2026, 11, 30))
        first_day = counts_by_period(conn, "new_people", "day", D(2026, 11, 2), D(2026, 11, 2))
    finally:
        conn.close()
    assert weeks == {D(2026, 10, 19): 1, D(2026, 11, 9): 2, D(2026, 11, 16): 1}
    assert [(n["name"], n["date"], n["how"]) for n in found] == [
        ("Priya Shah", "2026-11-10", "first_gettogether"),
        ("Jo Kim", "2026-11-12", "added"),
        ("Maya López", "2026-11-17", "first_gettogether"),
    ]
    assert first_day == {}  # the first day's entries are not five new people met


def test_the_day_each_round_number_of_get_togethers_was_reached(db_path):
    """Counted by date, as the totals are: two on one day can cross 10 together."""
    from tests.progress_data import meet

    with opened(db_path) as conn:
        ana = person(conn, "Ana Ruiz", added="2026-10-01")
        for day in range(1, 9):  # 8 get-togethers before the review
            meet(conn, D(2026, 10, day), (ana,))
        for day in (3, 5, 5, 9):  # the 9th, then the 10th and 11th on one day, the 12th
            meet(conn, D(2026, 11, day), (ana,))
    conn = db.open_database(db_path)
    try:
        facts = review_facts(conn, D(2026, 11, 1), D(2026, 11, 30), D(2026, 11, 30))
    finally:
        conn.close()
    assert (facts.total_before, facts.total_by_end) == (8, 12)
    assert facts.round_days == {10: D(2026, 11, 5)}


def test_the_charts_start_no_earlier_than_the_network(db_path):
    """Half a year of contact, twelve weeks of who it went to, unless the network is
    younger: a new one is not shown months of nothing it never recorded; a get-together
    logged back dates it back."""
    from tests.attendance_by_hand import add_gettogether

    with opened(db_path) as conn:
        person(conn, "Maya López", added="2026-11-25")  # a Wednesday
    conn = db.open_database(db_path)
    try:
        facts = review_facts(conn, D(2026, 11, 24), D(2026, 11, 30), D(2026, 11, 30))
        assert facts.heat_start == D(2026, 11, 23)  # that week's Monday
        assert facts.spread_start == D(2026, 11, 24)  # the review's own days, not 12 weeks
        with db.transaction(conn):
            add_gettogether(conn, 1, "2026-10-01", 1, [1])
        facts = review_facts(conn, D(2026, 11, 24), D(2026, 11, 30), D(2026, 11, 30))
        assert (facts.heat_start, facts.spread_start) == (D(2026, 9, 28), D(2026, 10, 1))
    finally:
        conn.close()
