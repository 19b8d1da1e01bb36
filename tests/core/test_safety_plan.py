"""The safety plan's currency and its gentle warnings, from plain facts."""

from __future__ import annotations

import datetime as dt

import pytest

from supportnet.errors import InvalidInput
from supportnet.safety_plan import (
    Helper,
    choose_section,
    currency_line,
    helper_warnings,
    review_note,
    review_state,
)

TODAY = dt.date(2026, 6, 10)


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_a_plan_is_due_a_look_after_the_set_time() -> None:
    fresh = review_state(_ago(30), _ago(400), TODAY, 91)
    assert (fresh.due, fresh.due_on) == (False, dt.date(2026, 8, 10))
    assert review_note(fresh, TODAY) is None
    old = review_state(_ago(120), _ago(400), TODAY, 91)
    assert old.due
    assert review_note(old, TODAY) == (
        "Your safety plan was last looked over 4 months ago. In a calm moment, reading it "
        "again keeps it yours: supportnet help-now, then supportnet help-now reviewed."
    )
    # Never looked over: counted from when it was begun.
    assert not review_state(None, _ago(10), TODAY, 91).due
    begun = review_state(None, _ago(100), TODAY, 91)
    assert begun.due and "has not been looked over here yet" in review_note(begun, TODAY)
    # No plan at all, or the asking turned off: nothing is due.
    assert review_state(None, None, TODAY, 91).to_json() == {
        "last_reviewed": None, "due_on": None, "due": False}  # fmt: skip
    assert not review_state(_ago(500), _ago(900), TODAY, 0).due


def test_currency_line_for_the_report() -> None:
    assert currency_line(review_state(None, None, TODAY, 91), TODAY) == ("none written here yet.")
    assert currency_line(review_state(_ago(21), None, TODAY, 91), TODAY) == (
        "last looked over 3 weeks ago (2026-05-20); next look around 2026-08-19."
    )
    assert currency_line(review_state(_ago(200), None, TODAY, 91), TODAY).endswith(
        "; a look together may help."
    )


def test_sections_are_named_as_typed() -> None:
    assert choose_section("warning-signs") == "warning_signs"
    assert choose_section("On my own") == "on_my_own"
    assert choose_section("safer_surroundings") == "safer_surroundings"
    with pytest.raises(InvalidInput, match="Did you mean warning-signs\\?"):
        choose_section("warning-sign")


def test_warnings_about_people_to_ask_for_help() -> None:
    helpers = [
        Helper(1, "Ana", hard_time="surgery", last_contact=_ago(3)),
        Helper(2, "Maya", last_contact=_ago(5)),
        Helper(3, "Old Friend", archived=True),
        Helper(4, "Sam", last_contact=_ago(150)),
        Helper(5, "Noor", added_on=_ago(100)),
        Helper(6, "Lee", added_on=_ago(10)),  # new: no contact yet, but not long
    ]
    found = helper_warnings(helpers, TODAY, quiet_after_days=90)
    assert [(w["kind"], w["person"]["name"]) for w in found] == [
        ("hard_time", "Ana"), ("archived", "Old Friend"), ("quiet", "Sam"), ("quiet", "Noor"),
    ]  # fmt: skip
    assert found[0]["text"].startswith("Ana is going through something hard too (surgery).")
    assert "checking in on them is a kindness" in found[0]["text"]
    assert found[2]["text"].startswith("You were last in touch with Sam 5 months ago.")
    assert found[3]["text"].startswith("No contact with Noor is logged yet.")


def test_when_no_one_is_free_of_a_warning_adding_someone_is_suggested() -> None:
    found = helper_warnings([Helper(1, "Ana", hard_time="a loss", last_contact=_ago(1))], TODAY)
    assert found[-1]["kind"] == "no_one"
    assert found[-1]["text"].startswith("Who else might you ask for help?")
    assert helper_warnings([], TODAY)[0]["text"].startswith("No one is listed yet")
    assert helper_warnings([Helper(1, "Ana", last_contact=_ago(1))], TODAY) == []
