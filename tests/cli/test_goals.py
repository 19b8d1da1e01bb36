"""Homework goals through the commands: counting progress, listing, pause and removal."""

from __future__ import annotations

import json

import pytest

from tests.progress_data import community, favor, meet, opened, person

# --- the commands ---------------------------------------------------------------------


@pytest.fixture
def network(db_path):
    """Three people, a choir, and a few weeks of contact up to Wednesday 10 June 2026."""
    with opened(db_path) as conn:
        maya = person(conn, "Maya López")
        sam = person(conn, "Sam Carter")
        ana = person(conn, "Ana Ruiz", added="2026-06-09")
        choir = community(conn, "Community chorus")
        meet(conn, "2026-06-09", [maya, sam])  # in person
        meet(conn, "2026-06-10", [maya], in_person=False, kind="call")
        meet(conn, "2026-06-09", [ana], in_person=False, kind="video")
        meet(conn, "2026-06-03", [sam], community_id=choir, kind="group meeting")
        favor(conn, "2026-06-02", [sam])
        favor(conn, "2026-06-04", [maya], direction="received")
        meet(conn, "2026-05-27", [maya], kind="walk")
    return {"maya": maya, "sam": sam, "ana": ana, "choir": choir}


def _goals(run, *args):
    return json.loads(run("goals", "--json", *args).stdout)


@pytest.mark.parametrize(
    "words, this_week, last_week",
    [
        ("reach out to 2 people", 3, 1),  # Maya, Sam, Ana; then Sam
        ("2 in-person get-togethers", 1, 1),
        ("go to 1 group meeting", 0, 1),
        ("meet 1 new person", 1, 1),  # Ana (added and first seen); Sam's first get-together
        ("give 1 favor", 0, 1),  # the favor received does not count
        ("log something on 3 days", 2, 3),
    ],
)
def test_each_goal_kind_counts(run, network, words, this_week, last_week):
    run("--today", "2026-05-01", "goal", "add", words)
    (goal,) = _goals(run)
    assert goal["current"]["count"] == this_week
    assert goal["history"][-2]["count"] == last_week
    assert goal["history"][-2]["start"] == "2026-06-01"
    assert len(goal["history"]) == 8


def test_monthly_goal_and_group_goal(run, network, db_path):
    with opened(db_path) as conn:
        other = community(conn, "Climbing club")
        meet(conn, "2026-06-06", [], community_id=other, kind="group meeting")
    run("--today", "2026-03-01", "goal", "add", "go to choir twice", "--per", "month",
        "--group", "chorus")  # fmt: skip
    run("--today", "2026-03-01", "goal", "add", "see people in person", "--kind", "in person",
        "--target", "3", "--per", "month")  # fmt: skip
    choir_goal, in_person = _goals(run)
    assert choir_goal["community"] == {"id": network["choir"], "name": "Community chorus"}
    assert choir_goal["current"] == {
        "start": "2026-06-01", "end": "2026-06-30", "count": 1, "status": "in_progress",
        "target": 2, "met": False,
    }  # fmt: skip
    assert in_person["current"]["count"] == 3  # choir, climbing club, coffee
    assert in_person["current"]["met"] is True
    assert [h["start"] for h in in_person["history"][-3:]] == ["2026-04-01", "2026-05-01",
                                                              "2026-06-01"]  # fmt: skip
    assert [h["status"] for h in in_person["history"]] == [
        "before_start", "before_start", "before_start", "before_start", "not_met", "not_met",
        "not_met", "met",
    ]  # fmt: skip


def test_add_says_what_it_understood(run):
    out = run("goal", "add", "reach out to 2 people", "--per", "week").stdout
    assert out == (
        "Goal #1: reach out to 2 people — 2 people a week. `supportnet goals` shows how it goes.\n"
    )
    out = run("goal", "add", "go to a group meeting", "--per", "month").stdout
    assert out.startswith("Goal #2: go to a group meeting — 1 meeting a month.")


def test_goals_listing_plain(run, network):
    run("--today", "2026-05-18", "goal", "add", "reach out to 2 people")
    out = run("goals").stdout
    assert out == (
        "#1 reach out to 2 people (2 a week)\n"
        "   this week (8–14 June): [############] 3 of 2 people — done, well done!\n"
        "   last 8 weeks: . . . . o o o #\n"
        "\n"
        "# met  o not this time  ~ under way  = paused\n"
    )


def test_someone_added_one_week_and_met_the_next_is_one_new_person(run):
    """Counted in the week of the first coffee, and the milestone dated that day."""
    run("--today", "2026-06-01", "add", "Ana Ruiz")  # the first day: the network's start
    run("--today", "2026-06-01", "add", "Priya Shah")
    run("--today", "2026-06-01", "goal", "add", "meet 1 new person a week")
    assert "0 of 1 new person" in run("--today", "2026-06-01", "goals").stdout
    run("log", "coffee", "--with", "Priya", "--on", "2026-06-09")
    (goal,) = _goals(run)
    assert [(h["start"], h["count"]) for h in goal["history"][-2:]] == [
        ("2026-06-01", 0), ("2026-06-08", 1)
    ]  # fmt: skip
    data = json.loads(run("review", "--since", "2026-06-01", "--json").stdout)
    assert [(m["date"], m["text"]) for m in data["milestones"] if m["kind"] == "new_person"] == [
        ("2026-06-09", "First get-together with Priya Shah — welcome to your network.")
    ]


def test_empty_goals_say_how_to_start(run):
    assert run("goals").stdout.startswith("No goals yet. Set one in your own words")
    assert _goals(run) == []


def test_pause_resume_keeps_history(run, network, db_path):
    with opened(db_path) as conn:
        for day in ("2026-05-05", "2026-05-12", "2026-05-26"):
            meet(conn, day, [network["maya"], network["sam"]])
    run("--today", "2026-05-01", "goal", "add", "reach out to 2 people")
    out = run("--today", "2026-05-14", "goal", "pause", "1").stdout
    assert out.startswith("Paused goal #1 reach out to 2 people. Its history stays;")
    (goal,) = _goals(run)
    assert goal["status"] == "paused" and goal["paused_on"] == "2026-05-14"
    out = run("--today", "2026-05-20", "goal", "resume", "reach").stdout
    assert out == "Welcome back to goal #1 reach out to 2 people.\n"
    (goal,) = _goals(run)
    assert goal["status"] == "active" and goal["paused_on"] is None
    statuses = [(h["start"], h["status"]) for h in goal["history"]]
    assert statuses == [
        ("2026-04-20", "before_start"), ("2026-04-27", "not_met"), ("2026-05-04", "met"),
        ("2026-05-11", "met"), ("2026-05-18", "paused"), ("2026-05-25", "met"),
        ("2026-06-01", "not_met"), ("2026-06-08", "met"),
    ]  # fmt: skip
    assert goal["streak"] == 1


def test_pause_again_on_the_day_it_was_resumed(run):
    run("goal", "add", "give 1 favor")
    run("goal", "pause", "1")
    run("goal", "resume", "1")
    run("goal", "pause", "1")
    (goal,) = _goals(run)
    assert goal["status"] == "paused"
    assert goal["current"]["status"] == "paused"


def test_remove_keeps_the_goal_for_history(run, network):
    run("goal", "add", "reach out to 2 people")
    run("goal", "add", "give 1 favor")
    out = run("goal", "remove", "favor", "--yes").stdout
    assert out == "Retired goal #2 give 1 favor. What you did toward it still shows in reviews.\n"
    assert [g["id"] for g in _goals(run)] == [1]
    retired = _goals(run, "--all")[1]
    assert retired["status"] == "removed" and retired["removed_on"] == "2026-06-10"
    assert "retired on 2026-06-10" in run("goals", "--all").stdout


def test_goal_mistakes_change_nothing(run, unchanged, network):
    run("goal", "add", "reach out to 2 people")
    run("goal", "pause", "1")
    cases = [
        (("goal", "add", "blah"), 5, "Could not tell what kind of goal 'blah' is."),
        (("goal", "add", "call mom"), 5, "How many? Put a number in the goal"),
        (("goal", "add", "x", "--kind", "hug", "--target", "1"), 5,
         "Unknown kind of goal 'hug'."),
        (("goal", "add", "see 2 people", "--per", "day"), 5,
         "A goal is per week or per month, not 'day'."),
        (("goal", "add", "reach out to 2 people"), 6,
         "Goal #1 reach out to 2 people already asks for that."),
        (("goal", "add", "give 1 favor", "--group", "chorus"), 5,
         "--group only fits a goal of going to a community (--kind community)."),
        (("goal", "add", "go to 1 meeting", "--group", "knitting"), 3,
         "No group called 'knitting'."),
        (("goal", "resume", "7"), 3, "No goal has the number #7."),
        (("goal", "pause", "hugs"), 3, "No goal called 'hugs'."),
        (("goal", "remove", "1"), 13, "Nothing was changed."),
    ]  # fmt: skip
    for args, code, message in cases:
        with unchanged():
            result = run(*args, expect=code, input="n\n")
        assert message in result.stderr, (args, result.stderr)


def test_already_so_is_a_friendly_note(run, unchanged, network):
    """Issue 11: pause, resume or retire a goal already so: exit 0, a note, nothing changed
    (as for plans, groups and people)."""
    run("--today", "2026-06-01", "goal", "add", "reach out to 2 people")
    run("goal", "add", "give 1 favor")
    run("--today", "2026-06-03", "goal", "pause", "1")
    run("goal", "remove", "2", "--yes")
    cases = [
        (("goal", "pause", "1"),
         "Goal #1 reach out to 2 people is already paused (since 2026-06-03); nothing changed.\n"),
        (("goal", "resume", "1"), None),
        (("goal", "resume", "1"),
         "Goal #1 reach out to 2 people is not paused; nothing changed.\n"),
        (("goal", "remove", "2"),
         "Goal #2 give 1 favor was already retired on 2026-06-10; nothing changed.\n"),
        (("goal", "remove", "favor"),
         "Goal #2 give 1 favor was already retired on 2026-06-10; nothing changed.\n"),
    ]  # fmt: skip
    for args, note in cases:
        if note is None:
            run(*args)
            continue
        with unchanged():
            result = run(*args, expect=0)  # no question asked: nothing to do
        assert (result.stdout, result.stderr) == (note, ""), args
    # Pause and resume still only know goals that are set, and say so of a retired one
    # ("No goal has the number #2" beside `goals --all` listing it).
    for verb, ref in (("pause", "2"), ("resume", "2"), ("pause", "give 1 favor")):
        result = run("goal", verb, ref, expect=3)
        assert result.stderr == (
            "Goal #2 give 1 favor was retired on 2026-06-10; `supportnet goals --all` lists it."
            " To work on it again: supportnet goal add.\n"
        )


def test_remove_prefers_a_goal_still_set_over_a_retired_one(run):
    run("goal", "add", "give 1 favor")
    run("goal", "remove", "1", "--yes")
    run("goal", "add", "give 2 favors")
    out = run("goal", "remove", "favor", "--yes").stdout
    assert out.startswith("Retired goal #2 give 2 favors.")
