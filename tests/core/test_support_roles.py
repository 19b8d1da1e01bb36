"""Support roles coverage, from plain facts (supportnet.support_roles)."""

from __future__ import annotations

from supportnet.support_roles import Covering, RoleFacts, coverage, leaning_on_one, notes

MAYA = Covering("person", 1, "Maya")
ANA = Covering("person", 2, "Ana")
CHORUS = Covering("community", 1, "Chorus")
WALK = Covering("place", None, "a walk by the river")


def _by_role(facts: RoleFacts) -> dict:
    return {r["role"]: r for r in coverage(facts)}


def test_counts_and_who_covers_each_role() -> None:
    roles = _by_role(RoleFacts(
        ask_for_help=[MAYA, ANA], company=[MAYA, CHORUS, WALK, MAYA], celebrate=[ANA],
    ))  # fmt: skip
    assert list(roles) == ["ask_for_help", "company", "celebrate", "practical"]
    assert roles["ask_for_help"]["count"] == 2 and roles["ask_for_help"]["note"] is None
    # Maya is counted once, beside a group and a place.
    assert roles["company"]["count"] == 3
    assert [c["type"] for c in roles["company"]["covered_by"]] == ["person", "community", "place"]
    assert roles["celebrate"]["note"] == (
        "Only Ana has happy news recorded here — who else do you celebrate with?"
    )
    assert roles["practical"]["count"] == 0
    assert roles["practical"]["note"].startswith("No favor received is recorded this past year.")


def test_the_kind_note_when_only_one_person_can_be_asked() -> None:
    roles = coverage(RoleFacts(ask_for_help=[MAYA], company=[ANA, WALK]))
    assert notes(roles)[0] == (
        "Only Maya is someone you've said you can ask for help — who else might be?"
    )
    # Roles no one covers come after those resting on one.
    assert notes(roles)[-1].startswith("No favor received")


def test_one_person_covering_every_role_is_named_gently() -> None:
    roles = coverage(RoleFacts(ask_for_help=[MAYA], company=[MAYA], celebrate=[MAYA],
                               practical=[MAYA]))  # fmt: skip
    assert leaning_on_one(roles) == (
        "Maya covers 4 of the 4 kinds of support here. One person can't give all the "
        "support we need — who else might share some of it?"
    )
    shared = coverage(RoleFacts(ask_for_help=[MAYA], company=[MAYA], celebrate=[ANA],
                                practical=[MAYA]))  # fmt: skip
    assert leaning_on_one(shared) is None
    assert leaning_on_one(coverage(RoleFacts())) is None
