"""The agenda's plans without archived people (store/agenda.py), with plain values."""

from __future__ import annotations

import datetime as dt

from supportnet.agenda import AgendaItem
from supportnet.store.agenda import without_archived

DAY = dt.date(2026, 6, 13)


def plan(*people: tuple[int, str]) -> AgendaItem:
    return AgendaItem(date=DAY, kind="plan", title="walk", people=people, source_id=1)


def test_archived_people_are_left_out_of_a_plans_names():
    ana, sam = (2, "Ana"), (1, "Sam")
    assert without_archived([plan(ana, sam)], {1}) == [plan(ana)]
    assert without_archived([plan(ana, sam)], set()) == [plan(ana, sam)]
    # A plan only with archived people (resumed by hand) still says who it is with.
    assert without_archived([plan(sam)], {1}) == [plan(sam)]
