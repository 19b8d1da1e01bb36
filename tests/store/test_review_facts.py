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
