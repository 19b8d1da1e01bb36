"""Which date of a plan 'done' marks, with plain values."""

from __future__ import annotations

import datetime as dt

from supportnet.store.plans import occurrence_for_done


def test_occurrence_for_done_rules():
    d = dt.date
    dates = [d(2026, 6, 2), d(2026, 6, 9), d(2026, 6, 16)]
    assert occurrence_for_done(dates, {}, d(2026, 6, 9)) == d(2026, 6, 9)
    assert occurrence_for_done(dates, {}, d(2026, 6, 10)) == d(2026, 6, 9)
    assert occurrence_for_done(dates, {d(2026, 6, 9): ("done", 1)}, d(2026, 6, 10)) == d(2026, 6, 2)
    assert occurrence_for_done(dates, {d(2026, 6, 9): ("skipped", None)}, d(2026, 6, 9)) == d(
        2026, 6, 9
    )
    marks = {day: ("done", 1) for day in dates[:2]}
    assert occurrence_for_done(dates, marks, d(2026, 6, 10)) == d(2026, 6, 16)
    # A week early at most.
    assert occurrence_for_done(dates, marks, d(2026, 6, 8)) is None
    assert occurrence_for_done([d(2026, 7, 5)], {}, d(2026, 6, 10)) is None
