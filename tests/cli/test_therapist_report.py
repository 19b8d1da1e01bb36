"""`report --for-therapist`, through the real CLI."""

from __future__ import annotations

import json
import re

from tests.progress_data import community, meet, opened, person


def _network(run, db_path) -> None:
    with opened(db_path) as conn:
        maya = person(conn, "Maya López", circle="inner")
        sam = person(conn, "Sam Carter", circle="close")
        chorus = community(conn, "Chorus with Maya")
        meet(conn, "2026-06-07", [maya])
        meet(conn, "2026-06-02", [maya, sam], community_id=chorus, kind="group meeting")
        meet(conn, "2026-05-20", [sam], in_person=False)
    run("goal", "add", "reach out to 2 people", "--per", "week")
    run("lean-on", "Maya", "--ask-for-help")
    run("help-now", "edit", "-s", "warning-signs", "-l", "I stop calling Maya back")


def test_for_therapist_markdown_uses_initials_by_default(run, db_path) -> None:
    _network(run, db_path)
    md = run("report", "--for-therapist").stdout
    assert md.startswith("# For the next session: 14 May – 10 June 2026\n")
    assert "Made by the person it is about, from their own records" in md
    assert "It holds private details" in md
    for part in (
        "## At a glance",
        "### Goals, week by week",
        "### The network",
        "### Support roles",
        "- **Safety plan:** last looked over today",
        "## Details",
    ):
        assert part in md, part  # fmt: skip
    assert "Maya" not in md and "López" not in md
    assert "M. L." in md
    # The group's name keeps its words but not the person's name in it.
    assert "Chorus with M." in md
    # The plan's own words stay out unless asked for, and then initials hold there too.
    assert "I stop calling" not in md
    with_plan = run("report", "--for-therapist", "--include",
                    "goals,review,people,safety-plan").stdout  # fmt: skip
    assert "## Safety plan" in with_plan and "I stop calling M. back" in with_plan
    # With only the safety plan asked for, the page still closes once, in its own words.
    only_plan = run("report", "--for-therapist", "--include", "safety-plan").stdout
    assert "## Safety plan" in only_plan and "I stop calling M. back" in only_plan
    assert only_plan.count("It holds private details") == 2  # the opening and closing lines
    assert "share it only with people you choose" not in only_plan
    for report in (md, with_plan, only_plan):
        assert report.count("share it only with people they choose") == 2
    named = run("report", "--for-therapist", "--names").stdout
    assert "Maya López" in named


def test_for_therapist_html_is_one_self_contained_page(run, db_path) -> None:
    _network(run, db_path)
    page = run("report", "--for-therapist", "--format", "html").stdout
    assert '<section class="glance" id="glance">' in page
    assert '<svg role="img" aria-label="Your network as rings around you"' in page
    assert '<table class="matrix">' in page
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)\s*=|url\(|@import|https?:", page, re.I)
    assert "Maya" not in page


def test_for_therapist_option_mistakes(run, db_path, unchanged) -> None:
    _network(run, db_path)
    with unchanged():
        result = run("report", "--names", expect=2)
    assert "--names goes with --for-therapist" in result.stderr
    with unchanged():
        result = run("report", "--for-therapist", "--names", "--initials", expect=2)
    assert "Choose --names or --initials, not both." in result.stderr


def test_the_map_of_a_large_network_draws_each_rings_nearest(run, db_path, monkeypatch) -> None:
    from supportnet import netmap

    monkeypatch.setattr(netmap, "MAP_MOST", 1)  # one a ring, as 150 would be for a crowd
    with opened(db_path) as conn:
        maya = person(conn, "Maya López", circle="inner")
        ana = person(conn, "Ana Ruiz", circle="friend")
        bo = person(conn, "Bo Lind", circle="friend")
        meet(conn, "2026-06-07", [maya, bo])
        meet(conn, "2026-05-01", [ana])
    md = run("report", "--for-therapist").stdout
    network = md[md.index("### The network") : md.index("### Support roles")]
    assert "inner circle: * M. L.\n" in network
    assert "friends: * B. L., and 1 more\n" in network  # Bo, seen 3 days ago, not Ana
    assert "A. R." not in network and "Bo" not in network
    sentence = ("The map shows up to 1 person a ring, the most recently in touch first; "
                "not shown: friends (1 more).")  # fmt: skip
    assert sentence in md
    page = run("report", "--for-therapist", "--format", "html").stdout
    assert f"<p>{sentence}</p>" in page and "<title>A. R.:" not in page
    whole = json.loads(run("map", "--json").stdout)
    friends = next(r for r in whole["rings"] if r["ring"] == "friend")
    assert friends["count"] == 2 and len(friends["people"]) == 2  # `map` lists everyone
