"""store.progress.counts_by_period against the same counts worked out in Python."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from supportnet import db
from supportnet.store.progress import counts_by_period

BASE = dt.date(2025, 12, 20)  # weeks and months across a year's end


def _start_of(period: str, day: dt.date) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1) if period == "month" else day


meeting = st.tuples(st.integers(0, 80), st.booleans(), st.sets(st.integers(1, 3), min_size=1))


@settings(max_examples=30, deadline=None)
@given(
    meetings=st.lists(meeting, max_size=15),
    favors=st.lists(st.tuples(st.integers(0, 80), st.booleans()), max_size=8),
    first=st.integers(0, 60),
    length=st.integers(0, 40),
    period=st.sampled_from(["day", "week", "month"]),
)
def test_counts_by_period(tmp_path_factory, meetings, favors, first, length, period):
    start = BASE + dt.timedelta(days=first)
    end = start + dt.timedelta(days=length)
    conn = db.open_database(tmp_path_factory.mktemp("p") / "s.db")
    try:
        with db.transaction(conn):
            conn.executemany(
                "INSERT INTO person (id, name, circle, added_on) VALUES (?, ?, 'friend', ?)",
                [(i, f"P{i}", "2025-01-01") for i in (1, 2, 3)],
            )
            for days, in_person, people in meetings:
                day = (BASE + dt.timedelta(days=days)).isoformat()
                gid = conn.execute(
                    "INSERT INTO gettogether (kind, on_date, in_person, logged_at)"
                    " VALUES ('walk', ?, ?, '2026-01-01T00:00:00+00:00')",
                    (day, int(in_person)),
                ).lastrowid
                conn.executemany(
                    "INSERT INTO attendance VALUES (?, ?, ?, ?)",
                    [(gid, pid, day, int(in_person)) for pid in people],
                )
            for days, given_ in favors:
                on = (BASE + dt.timedelta(days=days)).isoformat()
                conn.execute(
                    "INSERT INTO favor (what, kind, direction, on_date, logged_at)"
                    " VALUES ('soup', 'meal', ?, ?, '2026-01-01T00:00:00+00:00')",
                    ("given" if given_ else "received", on),
                )
        inside = [
            (BASE + dt.timedelta(days=d), p, people)
            for d, p, people in meetings
            if start <= BASE + dt.timedelta(days=d) <= end
        ]
        expected: dict[str, Counter] = defaultdict(Counter)
        met: dict[dt.date, set[int]] = defaultdict(set)
        for day, in_person, people in inside:
            key = _start_of(period, day)
            expected["gettogethers"][key] += 1
            expected["in_person"][key] += in_person
            met[key] |= people
        expected["reach_out"] = Counter({key: len(people) for key, people in met.items()})
        for d, given_ in favors:
            day = BASE + dt.timedelta(days=d)
            if start <= day <= end:
                expected["favors" if given_ else "favors_received"][_start_of(period, day)] += 1
        for kind in ("gettogethers", "in_person", "reach_out", "favors", "favors_received"):
            want = {key: n for key, n in expected[kind].items() if n}
            assert counts_by_period(conn, kind, period, start, end) == want, kind
    finally:
        conn.close()
