"""The review command: its JSON and plain text from a small network, and its mistakes."""

from __future__ import annotations

import json

import pytest

from tests.progress_data import community, favor, meet, opened, person


@pytest.fixture
def network(db_path):
    """A small network with a few months of contact up to Wednesday 10 June 2026."""
    with opened(db_path) as conn:
        maya = person(conn, "Maya López", added="2026-02-10", circle="close")
        sam = person(conn, "Sam Carter", added="2026-03-02")
        ana = person(conn, "Ana Ruiz", added="2026-06-09", circle="prospect")
        choir = community(conn, "Community chorus")
        for day in ("2026-05-12", "2026-05-19", "2026-05-26", "2026-06-02"):
            meet(conn, day, [maya])  # in person, four weeks in a row
        meet(conn, "2026-06-05", [maya, sam], in_person=False, kind="video")
        meet(conn, "2026-06-09", [ana], kind="coffee")
        meet(conn, "2026-06-10", [sam], community_id=choir, kind="group meeting")
        favor(conn, "2026-06-07", [sam])
        favor(conn, "2026-06-08", [maya], direction="received")
    return {"maya": maya, "sam": sam, "ana": ana}


def test_review_json(run, network):
    run("--today", "2026-05-01", "goal", "add", "reach out to 2 people")
    data = json.loads(run("review", "--json").stdout)
    assert (data["start"], data["end"], data["days"]) == ("2026-06-04", "2026-06-10", 7)
    assert data["happened"] == {
        "gettogethers": 3, "in_person": 2, "online": 1, "people_seen": 3,
        "people": [
            {"id": 2, "name": "Sam Carter", "gettogethers": 2, "in_person": 1},
            {"id": 3, "name": "Ana Ruiz", "gettogethers": 1, "in_person": 1},
            {"id": 1, "name": "Maya López", "gettogethers": 1, "in_person": 0},
        ],
        "new_people": [
            {"id": 2, "name": "Sam Carter", "date": "2026-06-05", "how": "first_gettogether"},
            {"id": 3, "name": "Ana Ruiz", "date": "2026-06-09", "how": "first_gettogether"},
        ],
        "favors_given": 1, "favors_received": 1, "community_meetings": 1,
        "communities": [{"id": 1, "name": "Community chorus", "meetings": 1}],
        "previous_gettogethers": 1,
    }  # fmt: skip
    assert data["network"]["at_start"] == 2 and data["network"]["now"] == 3
    assert data["network"]["by_circle"][:3] == [
        {"circle": "inner", "people": 0}, {"circle": "close", "people": 1},
        {"circle": "friend", "people": 1},
    ]  # fmt: skip
    (goal,) = data["goals"]
    assert [(p["start"], p["count"], p["status"]) for p in goal["periods"]] == [
        ("2026-06-01", 2, "met"), ("2026-06-08", 2, "met")
    ]  # fmt: skip
    assert [m["kind"] for m in data["milestones"]] == [
        "new_person", "first_favor_given", "new_person", "first_community", "network_grew",
        "network_grew_long",
    ]  # fmt: skip
    assert data["setbacks"] == []
    heat = data["charts"]["heat_map"]
    assert heat["start"] == "2026-02-09"  # the week Maya, the first one, was added
    assert heat["days"]["2026-06-10"] == 1 and "2026-06-11" not in heat["days"]
    assert data["charts"]["spread"]["start"] == "2026-03-19"
    assert data["charts"]["spread"]["people"][0] == {"id": 1, "name": "Maya López",
                                                     "gettogethers": 5}  # fmt: skip


def test_review_streaks_from_the_data(run, network):
    data = json.loads(run("review", "--json").stdout)
    assert [s["text"] for s in data["streaks"]] == [
        "5 weeks in a row you saw someone in person.",
    ]


def test_review_text_plain(run, network):
    run("--today", "2026-05-01", "goal", "add", "reach out to 2 people")
    out = run("review").stdout
    assert out.startswith(
        "Your review: 4–10 June 2026\n"
        "\n"
        "What happened\n"
        "  3 get-togethers: 2 in person and 1 online\n"
        "  3 people seen: Sam Carter (2), Ana Ruiz (1), Maya López (1)\n"
        "  First time together: Sam Carter, Ana Ruiz\n"
        "  Favors: 1 given, 1 received\n"
        "  1 community meeting: Community chorus (1)\n"
        "  Your network: 2 → 3 people\n"
        "\n"
        "Goals\n"
        "  # #  reach out to 2 people (2 a week): met in 2 of 2 weeks\n"
        "\n"
        "Worth celebrating\n"
        "  * 5 weeks in a row you saw someone in person.\n"
        "  * “reach out to 2 people”: met 2 weeks in a row.\n"
        "  * First get-together with Sam Carter — welcome to your network.\n"
    )
    assert "  * First get-together with Ana Ruiz — welcome to your network.\n" in out
    assert "\nContact, 9 February – 10 June 2026\n" in out  # from the network's first week
    assert "  Wed . . " in out and "█" not in out
    assert "\nYour network by circle\n  inner         " in out
    assert "\nWho your contact went to, 19 March – 10 June 2026\n" in out
    assert "  Maya López  ####################  5 (62%)\n" in out


def test_quiet_review(run):
    out = run("review", "--since", "2026-05-01").stdout
    assert "No get-togethers logged" in out
    assert "A quiet stretch — that's part of it." in out
    assert "Your network: 0 people" in out


def test_review_month_and_since(run, network):
    assert json.loads(run("review", "--month", "--json").stdout)["start"] == "2026-05-11"
    data = json.loads(run("review", "--since", "last monday", "--json").stdout)
    assert (data["start"], data["days"]) == ("2026-06-08", 3)


def test_review_mistakes(run, unchanged, network):
    with unchanged():
        result = run("review", "--week", "--month", expect=2)
    assert result.stderr == "Choose one of --week, --month and --since.\n"
    with unchanged():
        result = run("review", "--since", "2026-07-01", expect=5)
    assert result.stderr == "--since 2026-07-01 is after today; give an earlier date.\n"
    with unchanged():
        result = run("review", "--since", "the other day", expect=5)
    assert result.stderr.startswith("Could not understand the date 'the other day'.")


def test_a_quiet_month_names_each_goal_once(run):
    """The new user's quiet month: one gentle line per goal in the review and the
    report, not one per goal per week."""
    run("--today", "2026-11-01", "add", "Maya López")
    run("--today", "2026-11-01", "log", "coffee", "--with", "Maya")
    run("--today", "2026-11-01", "goal", "add", "reach out to 2 people", "--per", "week")
    run("--today", "2026-11-01", "goal", "add", "go to 1 group meeting a week")
    out = run("--today", "2026-12-07", "review", "--month").stdout
    assert "\n  Your network: 1 person\n" in out  # it said '1 people'
    assert "grew" not in out  # Maya, entered on the first day, is not growth
    gently = out.split("\nGently\n")[1].split("\n\n")[0].splitlines()
    assert gently == [
        "  A quiet month — that's part of it. When you feel ready, one small step is enough: "
        "a message to someone you like.",
        "  Not this time for “reach out to 2 people” these 5 weeks. "
        "If it feels too big for now, let it rest (supportnet goal pause 1) or set a smaller "
        "one (supportnet goal add).",
        "  Not this time for “go to 1 group meeting a week” these 5 weeks — every bit still "
        "counts. If it feels too big for now, let it rest (supportnet goal pause 2) or set a "
        "smaller one (supportnet goal add).",
    ]
    report = run("--today", "2026-12-07", "report").stdout
    assert report.count("Not this time for") == 2
    assert "“reach out to 2 people” these 4 weeks" in report


def test_contacts_entered_on_the_first_day_are_not_growth(run):
    """A new user entered three people on 1 November: the review, the report and the
    week's digest said 'Your network grew from 0 to 3 people since August'."""
    for name in ("Maya López", "Sam Carter", "Ana Okafor"):
        run("--today", "2026-11-01", "add", name)
    run("--today", "2026-11-03", "log", "coffee", "--with", "Maya")
    since = ("--since", "2026-11-02")
    assert "grew" not in run("--today", "2026-11-30", "review", *since).stdout
    assert "grew" not in run("--today", "2026-11-30", "report", *since).stdout
    assert "grew" not in run("--today", "2026-11-30", "today", "--week").stdout
    run("--today", "2026-11-20", "add", "Leo Park")
    out = run("--today", "2026-11-30", "review").stdout
    assert (
        "  * Your network grew from 3 to 4 people since your first day here, 1 November.\n" in out
    )
