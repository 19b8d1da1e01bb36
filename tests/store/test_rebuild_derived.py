"""``db.rebuild_derived`` (after the JSON import's bulk load) fills last_contact,
first_contact and pair_contact with what GROUP BY over attendance gives (the first two
by a look-up of each person in the index instead of reading all of it): people with
many, one or no get-togethers, in person or not, ids of any sign, several on one day."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from supportnet import db

_BY_GROUP = {
    "last_contact": "SELECT person_id, max(on_date), max(CASE WHEN in_person = 1 THEN on_date"
    " END) FROM attendance GROUP BY person_id ORDER BY person_id",
    "first_contact": "SELECT person_id, min(on_date) FROM attendance GROUP BY person_id"
    " ORDER BY person_id",
    "pair_contact": "SELECT a.person_id, b.person_id, count(*), max(a.on_date) FROM attendance a"
    " JOIN attendance b ON b.gettogether_id = a.gettogether_id AND b.person_id > a.person_id"
    " GROUP BY 1, 2 ORDER BY 1, 2",
}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rebuilt_tables_are_what_group_by_gives(tmp_path: Path, seed: int) -> None:
    pick = random.Random(seed)
    conn = db.open_database(tmp_path / "folder" / "supportnet.db")
    try:
        people = pick.sample(range(-50, 400), 60)
        with conn:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("DROP TRIGGER IF EXISTS attendance_keeps_last_contact_on_insert")
            conn.execute("DROP TRIGGER IF EXISTS attendance_keeps_first_contact_on_insert")
            conn.execute("DROP TRIGGER IF EXISTS attendance_keeps_pair_contact_on_insert")
            for person in people:
                conn.execute(
                    "INSERT INTO person (id, name, circle, added_on) VALUES (?, ?, 'friend',"
                    " '2020-01-01')",
                    (person, f"P{person}"),
                )
            for gettogether in range(1, 300):
                day = f"2025-{pick.randint(1, 12):02d}-{pick.randint(1, 28):02d}"
                seen = pick.randint(0, 1)
                conn.execute(
                    "INSERT INTO gettogether (id, kind, on_date, in_person, logged_at)"
                    " VALUES (?, 'coffee', ?, ?, '2025-01-01T00:00:00+00:00')",
                    (gettogether, day, seen),
                )
                # the first people far more often than the rest; some never
                for person in {people[min(int(pick.expovariate(0.15)), 49)] for _ in range(3)}:
                    conn.execute(
                        "INSERT INTO attendance (gettogether_id, person_id, on_date, in_person)"
                        " VALUES (?, ?, ?, ?)",
                        (gettogether, person, day, seen),
                    )
            db.rebuild_derived(conn)
        for table, query in _BY_GROUP.items():
            expected = conn.execute(query).fetchall()
            assert expected, "nothing to compare"
            assert conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() == expected
        assert conn.execute("SELECT count(*) FROM last_contact").fetchone()[0] < len(people)
        assert (
            conn.execute("SELECT count(*) FROM last_contact WHERE in_person_on IS NULL").fetchone()[
                0
            ]
            < conn.execute("SELECT count(*) FROM last_contact").fetchone()[0]
        )
    finally:
        conn.close()
