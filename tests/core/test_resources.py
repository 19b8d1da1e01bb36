"""A resource's kind with plain values: said by its name or added in brackets."""

from __future__ import annotations


def test_says_kind_rule():
    from supportnet.store.resources import kind_suffix, says_kind

    assert says_kind("Dr. Weiss (therapist)", "therapist")
    assert says_kind("Crisis HOTLINE", "hotline")
    assert says_kind("Peer-line of the city", "peer line")
    assert not says_kind("Clínica del Sol", "clinic")  # another language: said
    assert not says_kind("Dr. Lee, psychotherapist", "therapist")
    assert not says_kind("Another place", "other")
    assert kind_suffix("Crisis line", "hotline") == " (hotline)"
    assert kind_suffix("Dr. Weiss (therapist)", "therapist") == ""
