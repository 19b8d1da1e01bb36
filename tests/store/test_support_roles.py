"""Who covers each support role, read from the records (store.support_roles)."""

from __future__ import annotations

import datetime as dt

from supportnet.store.support_roles import role_facts
from tests.progress_data import community, favor, opened, person

TODAY = dt.date(2026, 6, 10)


def test_roles_come_from_lean_on_happy_events_and_favors_received(db_path) -> None:
    with opened(db_path) as conn:
        maya, ana, old, sam = (person(conn, n) for n in ("Maya", "Ana", "Old", "Sam"))
        chorus = community(conn, "Chorus")
        conn.executemany(
            "INSERT INTO safety_role (role, person_id, community_id, place, added_on)"
            " VALUES (?, ?, ?, ?, '2026-01-05')",
            [("ask_for_help", maya, None, None), ("ask_for_help", old, None, None),
             ("takes_mind_off", ana, None, None), ("takes_mind_off", None, chorus, None),
             ("takes_mind_off", None, None, "a walk")],
        )  # fmt: skip
        conn.execute("UPDATE person SET archived_on = '2026-02-01' WHERE id = ?", (old,))
        conn.executemany(
            "INSERT INTO life_event (person_id, what, kind, tone, on_date, logged_at)"
            " VALUES (?, ?, 'other', ?, '2026-05-01', '2026-05-01T00:00:00+00:00')",
            [(ana, "new job", "happy"), (ana, "baby", "happy"), (sam, "loss", "hard")],
        )
        favor(conn, "2026-03-01", [sam], direction="received")
        favor(conn, "2025-06-01", [maya], direction="received")  # more than a year ago
        favor(conn, "2026-03-02", [ana], direction="given")
        facts = role_facts(conn, TODAY)
    names = {role: [c.name for c in facts.of(role)]
             for role in ("ask_for_help", "company", "celebrate", "practical")}  # fmt: skip
    assert names == {
        "ask_for_help": ["Maya"],  # archived Old is left out
        "company": ["Ana", "Chorus", "a walk"],
        "celebrate": ["Ana"],  # once, for two happy events; the hard one does not count
        "practical": ["Sam"],
    }
