"""The map's structure, from plain facts (supportnet.netmap)."""

from __future__ import annotations

import datetime as dt

from supportnet.netmap import (
    MapFacts,
    MapGroup,
    MapPerson,
    build_map,
    community_rows,
    map_lines,
    recency,
    with_initials,
)

TODAY = dt.date(2026, 6, 10)


def _days(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _facts() -> MapFacts:
    return MapFacts(
        people=[
            MapPerson(1, "Maya López", "inner", _days(3), _days(3)),
            MapPerson(2, "Sam Carter", "close", _days(40), _days(90)),
            MapPerson(3, "Ana Ruiz", "close", _days(1), None),
            MapPerson(4, "Noor", "prospect"),
            MapPerson(5, "Grace Kim", "acquaintance", _days(200), _days(200)),
            MapPerson(6, "Dr. Lee", "professional", _days(14), _days(14)),
        ],
        groups=[
            MapGroup(1, "Book club", "other", None, ("Ana Ruiz",), None, None, None),
            MapGroup(2, "Chorus", "chorus", 5, ("Maya López", "Sam Carter"), 8, 6, _days(6)),
            MapGroup(3, "Food bank", "volunteering", 3, (), 4, 1, _days(20)),
        ],
    )


def test_recency_bands() -> None:
    assert [recency(d, TODAY) for d in (None, _days(0), _days(14), _days(15), _days(60),
                                        _days(61))] == [
        "never", "recent", "recent", "while", "while", "long"
    ]  # fmt: skip


def test_people_are_rings_from_the_inner_circle_out() -> None:
    data = build_map(_facts(), TODAY)
    assert [r["ring"] for r in data["rings"]] == [
        "inner", "close", "friend", "acquaintance", "professional"
    ]  # fmt: skip
    by_ring = {r["ring"]: [p["name"] for p in r["people"]] for r in data["rings"]}
    # Most recent contact first; not yet in touch last; prospects share a ring with
    # acquaintances.
    assert by_ring == {
        "inner": ["Maya López"],
        "close": ["Ana Ruiz", "Sam Carter"],
        "friend": [],
        "acquaintance": ["Grace Kim", "Noor"],
        "professional": ["Dr. Lee"],
    }
    close = data["rings"][1]["people"]
    assert close[0] == {
        "id": 3, "name": "Ana Ruiz", "circle": "close", "last_contact": "2026-06-09",
        "days_since": 1, "recency": "recent", "in_person": False, "last_in_person": None,
    }  # fmt: skip
    # Sam's last contact (40 days ago) was online; in person was earlier.
    assert (close[1]["recency"], close[1]["in_person"]) == ("while", False)
    assert data["rings"][0]["people"][0]["in_person"] is True
    assert data["people"] == 6
    assert data["in_touch"] == {"recent": 3, "while": 1, "long": 1, "never": 1}


def test_communities_most_important_first() -> None:
    data = build_map(_facts(), TODAY)
    assert [(g["name"], g["matters"], g["members"]) for g in data["communities"]] == [
        ("Chorus", 5, 2), ("Food bank", 3, 0), ("Book club", None, 1)
    ]  # fmt: skip
    assert data["meaningful_communities"] == 2
    rows = community_rows(data, plain=True)
    assert rows[0] == ["Chorus", "*****", "2", "6 of last 8", "2026-06-04"]
    assert rows[2][1:4] == ["-", "1", "no schedule"]


def test_a_schedule_not_yet_met_is_not_no_schedule() -> None:
    facts = _facts()
    facts.groups = [MapGroup(4, "Choir", "chorus", 4, (), 0, 0, None)]
    rows = community_rows(build_map(facts, TODAY), plain=True)
    assert rows[0][3] == "no meetings yet"


def test_initials_reach_people_and_members_but_not_groups() -> None:
    data = build_map(with_initials(_facts()), TODAY)
    names = [p["name"] for r in data["rings"] for p in r["people"]]
    assert "Maya López" not in names and "M. L." in names
    chorus = data["communities"][0]
    assert (chorus["name"], chorus["member_names"]) == ("Chorus", ["M. L.", "S. C."])


def test_terminal_drawing_is_a_tree_with_marks() -> None:
    lines = map_lines(build_map(_facts(), TODAY), plain=True, width=60)
    assert lines[0] == "* in the last 2 weeks  + in the last 2 months  o longer ago  - not yet"
    assert lines[2] == "you"
    assert lines[3] == "|-- inner circle (1)"
    assert lines[4] == "|     * Maya López (in person 3d ago)"
    # As many people to a line as fit the width.
    assert "|     * Ana Ruiz (online 1d ago)" in lines
    assert "|     + Sam Carter (online 5w ago)" in lines
    assert all(len(line) <= 60 for line in lines[1:])
    wide = map_lines(build_map(_facts(), TODAY), plain=True, width=100)
    assert "|     * Ana Ruiz (online 1d ago)   + Sam Carter (online 5w ago)" in wide
    assert "`-- professionals (1)" in lines
    # An empty ring is left out of the drawing (it stays in the JSON).
    assert not any("friends" in line for line in lines)
    fancy = map_lines(build_map(_facts(), TODAY), plain=False)
    assert fancy[3] == "├── inner circle (1)" and "│     ● Maya López (in person 3d ago)" in fancy


def test_an_empty_map_says_where_to_start() -> None:
    lines = map_lines(build_map(MapFacts(), TODAY), plain=True)
    assert lines[-1] == "No one is on the map yet. Start with one person: supportnet add NAME"


def test_a_map_to_draw_keeps_each_rings_nearest_and_counts_them_all() -> None:
    many = [MapPerson(10 + i, f"Friend {i:03}", "friend", _days(i) if i % 3 else None)
            for i in range(40)]  # fmt: skip
    facts = MapFacts(people=[*_facts().people, *many])
    whole = build_map(facts, TODAY)
    drawn = build_map(facts, TODAY, most=5)
    friends = {r["ring"]: r for r in drawn["rings"]}["friend"]
    assert friends["count"] == 40 and len(friends["people"]) == 5
    everyone = {r["ring"]: r for r in whole["rings"]}["friend"]["people"]
    assert friends["people"] == everyone[:5]  # the same order, cut: the most recent first
    assert [p["days_since"] for p in friends["people"]] == [1, 2, 4, 5, 7]
    # What is counted does not depend on what is drawn.
    assert drawn["in_touch"] == whole["in_touch"] and drawn["people"] == whole["people"] == 46
    assert [r["count"] for r in drawn["rings"]] == [len(r["people"]) for r in whole["rings"]]
    close = {r["ring"]: r for r in drawn["rings"]}["close"]
    assert close["count"] == len(close["people"]) == 2  # a ring under the cap is whole
