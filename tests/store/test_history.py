"""store.gettogethers.history: a person's newest first, however it is limited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from supportnet import db
from supportnet.store.gettogethers import history

DAYS = [f"2026-0{m}-{d:02d}" for m in (3, 4) for d in (1, 2, 15)]


def _network(path: Path, meetings: list[tuple[str, bool]]) -> sqlite3.Connection:
    conn = db.open_database(path)
    with db.transaction(conn):
        conn.execute("DELETE FROM attendance")
        conn.execute("DELETE FROM gettogether")
        conn.execute("DELETE FROM person")
        conn.executemany(
            "INSERT INTO person (id, name, circle, added_on) VALUES (?, ?, 'friend', '2026-01-01')",
            [(1, "Maya"), (2, "Sam")],
        )
        for day, with_maya in meetings:
            gid = conn.execute(
                "INSERT INTO gettogether (kind, on_date, in_person, logged_at)"
                " VALUES ('coffee', ?, 1, '2026-05-01T10:00:00+00:00')",
                (day,),
            ).lastrowid
            for pid in (1, 2) if with_maya else (2,):
                conn.execute(
                    "INSERT INTO attendance (gettogether_id, person_id, on_date, in_person)"
                    " VALUES (?, ?, ?, 1)",
                    (gid, pid, day),
                )
    return conn


@settings(max_examples=40, deadline=None)
@given(
    meetings=st.lists(st.tuples(st.sampled_from(DAYS), st.booleans()), max_size=12),
    limit=st.integers(1, 6),
)
def test_a_limited_history_is_the_start_of_the_whole(tmp_path_factory, meetings, limit):
    conn = _network(tmp_path_factory.mktemp("h") / "s.db", meetings)
    try:
        whole = [e.id for e in history(conn, person_id=1)]
        assert [e.id for e in history(conn, person_id=1, limit=limit)] == whole[:limit]
        dates = [e.on_date for e in history(conn, person_id=1)]
        assert dates == sorted(dates, reverse=True)
    finally:
        conn.close()


def test_a_long_history_is_read_a_chunk_at_a_time_each_with_its_people(tmp_path) -> None:
    """More get-togethers than one look-up of who was there takes (500): read as they
    are used, and each still has its own people, across the chunks' edges."""
    count = 1_207
    meetings = [(DAYS[i % len(DAYS)], i % 3 == 0) for i in range(count)]
    conn = _network(tmp_path / "s.db", meetings)
    try:
        entries = list(history(conn))
        assert len(entries) == count
        # Ids were given in the order of `meetings`: Maya was at every third.
        for entry in entries:
            with_maya = meetings[entry.id - 1][1]
            assert entry.names == (["Maya", "Sam"] if with_maya else ["Sam"]), entry.id
    finally:
        conn.close()
