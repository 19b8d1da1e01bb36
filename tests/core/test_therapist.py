"""The report for the next session, from plain data (supportnet.therapist)."""

from __future__ import annotations

import datetime as dt
import re

from supportnet.netmap import MapFacts, MapGroup, MapPerson, build_map
from supportnet.therapist import goal_matrix, html, map_svg, markdown, measures, summary

TODAY = dt.date(2026, 6, 10)


def _goal(gid: int, title: str, period: str, statuses: list[tuple[str, str, str]]) -> dict:
    return {"id": gid, "title": title, "kind": "reach_out", "target": 2, "period": period,
            "periods": [{"start": s, "label": label, "status": st, "count": 1}
                        for s, label, st in statuses]}  # fmt: skip


def _review() -> dict:
    people = [{"id": 1, "name": "M. L.", "gettogethers": 3, "in_person": 2}]
    return {
        "start": "2026-05-14", "end": "2026-06-10", "days": 28,
        "happened": {"gettogethers": 3, "in_person": 2, "online": 1, "people_seen": 1,
                     "people": people, "new_people": [], "favors_given": 0,
                     "favors_received": 0, "community_meetings": 1,
                     "communities": [{"id": 1, "name": "Chorus", "meetings": 1}],
                     "previous_gettogethers": 0},
        "network": {"at_start": 2, "from": 2, "from_day": "2026-05-13", "now": 3,
                    "by_circle": [{"circle": "inner", "people": 1}]},
        "goals": [
            _goal(1, "reach out", "week", [("2026-05-11", "11–17 May", "met"),
                                           ("2026-05-18", "18–24 May", "not_met"),
                                           ("2026-06-08", "8–14 June", "in_progress")]),
            _goal(2, "see friends", "week", [("2026-05-18", "18–24 May", "paused"),
                                             ("2026-06-08", "8–14 June", "in_progress")]),
            _goal(3, "a group", "month", [("2026-06-01", "June 2026", "met")]),
        ],
        "streaks": [], "milestones": [], "setbacks": [],
        "charts": {"heat_map": {"start": "2026-05-11", "end": "2026-06-10", "days": {}},
                   "spread": {"start": None, "people": []}},
        "map": build_map(MapFacts(
            people=[MapPerson(1, "M. L.", "inner", dt.date(2026, 6, 7), dt.date(2026, 6, 7)),
                    MapPerson(2, "S. C.", "friend", dt.date(2026, 3, 1), None),
                    MapPerson(3, "N.", "prospect")],
            groups=[MapGroup(1, "Chorus", "chorus", 4, ("M. L.",), 8, 5, dt.date(2026, 6, 4))],
        ), TODAY),
        "support_roles": {"roles": [{"role": "ask_for_help", "title": "Someone to ask for help",
                                     "source": "", "count": 1, "note": "Only M. L. ...",
                                     "covered_by": [{"type": "person", "id": 1,
                                                     "name": "M. L."}]}],
                          "notes": ["Only M. L. ..."]},
        "safety_plan": {"currency": "last looked over 3 weeks ago (2026-05-20).",
                        "plan": {"warning_signs": ["sleeping badly"], "on_my_own": [],
                                 "safer_surroundings": [], "reasons": ["my nephew"]},
                        "takes_mind_off": [], "ask_for_help": [{"type": "person", "id": 1,
                                                                "name": "M. L."}],
                        "resources": [], "warnings": []},
    }  # fmt: skip


def test_three_line_summary() -> None:
    assert summary(_review()) == [
        "3 get-togethers (2 in person) with 1 person; 1 community meeting.",
        "3 goals: met in 2 of 3 periods.",
        "Network: 3 people (from 2); 1 community (1 meaningful to you, 3+ of 5); "
        "1 to ask for help.",
    ]


def test_the_network_grows_from_the_reviews_baseline() -> None:
    """The people entered on the first day are where the network starts (review.py's
    ``network_baseline``), not '(from 0)'."""
    review = _review()
    review["network"] = {**review["network"], "at_start": 0, "from": 3, "now": 4}
    assert summary(review)[2].startswith("Network: 4 people (from 3); ")
    review["network"]["from"] = 4
    assert summary(review)[2].startswith("Network: 4 people; ")


def test_goals_as_a_matrix_of_weeks() -> None:
    columns, rows = goal_matrix(_review(), "week")
    assert columns == ["11–17 May", "18–24 May", "8–14 June"]
    assert rows == [
        ["reach out (2 a week)", "met", "not this time", "under way"],
        ["see friends (2 a week)", "", "paused", "under way"],
    ]
    assert goal_matrix(_review(), "month") == (["June 2026"], [["a group (2 a month)", "met"]])


def test_measures_hook_renders_nothing_without_check_ins() -> None:
    review = _review()
    assert measures(review) == []
    assert "Check-ins over time" not in markdown(review, ["goals"], TODAY)
    assert 'id="measures"' not in html(review, ["goals"], TODAY)
    points = [
        {"id": 1, "date": "2026-05-25", "total": 2.5, "band": None, "subscales": {}},
        {"id": 2, "date": "2026-06-01", "total": 3.5, "band": None, "subscales": {}},
    ]
    review["check_ins"] = {"measures": [{  # as store.checkins.review_part gives them
        "measure": "connection", "title": "Connected", "scoring": "mean", "range": [1, 5],
        "last_change": "up 1 since 25 May", "points": points,
    }]}  # fmt: skip
    md = markdown(review, ["goals"], TODAY)
    assert "- Connected (1 to 5, mean): 3.5 on 1 June, up 1 since 25 May" in md
    page = html(review, ["goals"], TODAY)
    assert 'id="measures"' in page and page.count("<svg") >= 1


def test_the_first_page_comes_first_then_details() -> None:
    md = markdown(_review(), ["goals", "review", "people"], TODAY)
    order = ["# For the next session: 14 May – 10 June 2026", "Made by the person it is about",
             "## At a glance", "- **Safety plan:** last looked over 3 weeks ago",
             "### Goals, week by week",
             "| reach out (2 a week) | met | not this time | under way |",
             "### The network", "inner circle: * M. L.", "### Support roles", "## Details",
             "## What happened"]  # fmt: skip
    positions = [md.index(part) for part in order]
    assert positions == sorted(positions)
    assert "sleeping badly" not in md  # the plan itself only with --include safety-plan
    assert "sleeping badly" in markdown(_review(), ["goals", "safety-plan"], TODAY)


def test_html_is_self_contained_with_the_map_inline() -> None:
    page = html(_review(), ["goals", "review", "people", "safety-plan"], TODAY)
    assert page.index('class="glance"') < page.index("<h1>Details</h1>")
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)\s*=|url\(|@import|https?:", page, re.I)
    assert "sleeping badly" in page and "my nephew" in page
    assert page.count("<footer>") == 1


def test_map_svg_puts_everyone_on_their_ring() -> None:
    svg = map_svg(_review()["map"])
    assert svg.startswith('<svg role="img" aria-label="Your network as rings around you"')
    # Five rings, three people (one dot each) and the key's five dots.
    assert svg.count("<circle") == 5 + 3 + 5
    assert "<title>N.: not yet</title>" in svg and ">you</text>" in svg
    assert [k in svg for k in (">not yet</text>", ">in person</text>")] == [True, True]


def test_the_details_lose_only_their_blank_lines_at_either_end() -> None:
    from supportnet.therapist import _without_blank_ends

    lines = ["", "", "## Goals", "", "a", "", "", "b", "", ""]
    assert list(_without_blank_ends(iter(lines))) == ["## Goals", "", "a", "", "", "b"]
    assert list(_without_blank_ends(["", ""])) == []


def test_a_large_network_is_drawn_in_part_and_says_what_it_leaves_out() -> None:
    from supportnet.therapist import not_drawn

    people = [MapPerson(1, "M. L.", "inner", dt.date(2026, 6, 7), dt.date(2026, 6, 7))]
    people += [MapPerson(10 + i, f"F{i}.", "friend", dt.date(2026, 5, 1) - dt.timedelta(days=i))
               for i in range(1203)]  # fmt: skip
    people += [MapPerson(2000 + i, f"P{i}.", "prospect") for i in range(4)]
    review = {**_review(), "map": build_map(MapFacts(people=people), TODAY, most=3)}
    sentence = (
        "The map shows up to 3 people a ring, the most recently in touch first; "
        "not shown: friends (1,200 more) and acquaintances and prospects (1 more)."
    )
    assert not_drawn(review["map"]) == sentence
    assert not_drawn(_review()["map"]) == ""  # everyone drawn: nothing to say
    md = markdown(review, ["goals"], TODAY)
    assert "friends: + F0., + F1., + F2., and 1,200 more" in md
    assert sentence in md
    page = html(review, ["goals"], TODAY)
    assert f"<p>{sentence}</p>" in page
    # Three dots on each cut ring, one on the inner: 5 rings, 7 dots, 5 in the key.
    assert map_svg(review["map"]).count("<circle") == 5 + 7 + 5
    # Beside the drawing, every ring's people by name.
    assert "<li>friends: F0., F1., F2., and 1,200 more</li>" in page


def test_the_drawing_labels_only_each_rings_nearest() -> None:
    from supportnet.therapist import LABELLED

    people = [MapPerson(i, f"F{i}.", "friend", dt.date(2026, 6, 1) - dt.timedelta(days=i))
              for i in range(LABELLED + 5)]  # fmt: skip
    svg = map_svg(build_map(MapFacts(people=people), TODAY))
    labels = re.findall(r"<text [^>]*>(F\d+\.)</text>", svg)
    assert labels == [f"F{i}." for i in range(LABELLED)]  # the nearest, in ring order
    assert svg.count("<title>F") == LABELLED + 5  # every dot keeps its name as a tooltip


def test_the_drawing_is_valid_svg_and_shortens_long_labels() -> None:
    import xml.etree.ElementTree as ET

    long_name = 'Maximiliana <Wolfeschlegel> & "Co"'
    people = [MapPerson(1, long_name, "inner", dt.date(2026, 6, 7))]
    people += [MapPerson(10 + i, f"F{i}.", "friend", dt.date(2026, 6, 1)) for i in range(200)]
    svg = map_svg(build_map(MapFacts(people=people), TODAY, most=150))
    root = ET.fromstring(svg)  # escaped throughout
    texts = [t.text for t in root.iter("text")]
    assert "Maximiliana <…" in texts  # the label cut; the tooltip whole
    assert f"{long_name}: in the last 2 weeks" in [t.text for t in root.iter("title")]
    friends = [c for c in root.iter("circle") if (c.findtext("title") or "").startswith("F")]
    assert len(friends) == 150 and {float(c.get("r")) for c in friends} == {1.5}  # crowded
    assert {float(c.get("stroke-width")) for c in friends} == {0.27}  # the colour shows


def test_the_markdown_map_wraps_a_long_ring() -> None:
    people = [MapPerson(i, f"Friend Number {i:02}", "friend", dt.date(2026, 6, 1))
              for i in range(40)]  # fmt: skip
    md = markdown({**_review(), "map": build_map(MapFacts(people=people), TODAY)}, [], TODAY)
    block = md[md.index("```text") : md.index("```", md.index("```text") + 3)]
    friends = block[block.index("friends:") :].splitlines()
    assert len(friends) > 1 and all(len(line) <= 100 for line in friends)
    assert all(line.startswith("  ") for line in friends[1:])  # each ring's lines indented
    assert sum(line.count("Friend Number") for line in friends) == 40
