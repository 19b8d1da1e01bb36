"""What `edit` changed, in words (``profile.changes``): plain records in, words out."""

from __future__ import annotations

import datetime as dt

from supportnet.profile import changes
from supportnet.store.people import Person

SAM = Person(1, "Sam Carter", "friend", None, 3, 14, None, None, None, dt.date(2026, 1, 5),
             None, tags=["work"], phones=["555 0100"])  # fmt: skip


def test_each_change_is_said_in_the_order_show_lists_it():
    after = SAM._replace(circle="close", cadence_days=21, birthday_month=None,
                         birthday_day=None, tags=["choir"], emails=["sam@example.org"],
                         note="met at the chorus")  # fmt: skip
    assert changes(SAM, after) == [
        "circle close",
        "hoped for every 3 weeks",
        "birthday removed",
        "tag 'choir' added",
        "tag 'work' removed",
        "email 'sam@example.org' added",
        "note added",
    ]


def test_back_to_the_circles_cadence_a_new_birthday_and_texts_changed_or_removed():
    before = SAM._replace(cadence_days=7, how_met="work", note="old")
    after = before._replace(cadence_days=None, birthday_year=1990, how_met=None, note="new",
                            phones=["555 0100", "555 0101", "555 0102"])  # fmt: skip
    assert changes(before, after) == [
        "hoped for as their circle",
        "birthday 14 March 1990",
        "phones '555 0101' and '555 0102' added",
        "how you met removed",
        "note changed",
    ]
    assert changes(SAM, SAM) == []
