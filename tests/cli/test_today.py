"""`supportnet today` end to end, on a hand-made network and the fixed Wednesday
10 June 2026."""

from __future__ import annotations

import json

import pytest


def _scenario(run) -> None:
    run("add", "Ana Okafor", "--circle", "close")
    run("event", "Ana", "knee surgery", "--on", "tomorrow", "--hard")
    run("add", "Sam Carter", "--circle", "friend", "--birthday", "June 12")
    run("add", "Maya López", "--circle", "close")
    run("log", "coffee", "--with", "Maya", "--on", "today")
    run("log", "call", "--with", "Sam", "--on", "monday")
    run("plan", "climbing", "--with", "Maya", "--every", "week", "--on", "thu", "--at", "18:30",
        "--starting", "2026-06-01")  # fmt: skip
    run("group", "add", "Chorus", "--kind", "chorus", "--meets", "every wed 19:00")
    run("goal", "add", "reach out to 3 people", "--per", "week")


@pytest.fixture
def scenario(run, built_once) -> None:
    built_once(lambda: _scenario(run))


def test_the_digest_is_the_nudge_first_then_today_and_tomorrow_then_a_goal(run, scenario):
    nudge = json.loads(run("nudge", "--json").stdout)["suggestions"]
    lines = run("today").stdout.splitlines()
    assert lines[:2] == ["Today, Wednesday 10 June", ""]
    shown = []
    for s in nudge[:3]:
        names = " and ".join(p["name"] for p in s["people"])
        shown += [f"{s['number']}. {names}", f"   {s['reason']}", f"   {s['action']}"]
    assert lines[2:11] == shown
    assert [s["kind"] for s in nudge] == ["check_in", "celebrate", "confirm_plan"]
    assert lines[11:] == [
        "",
        "Today and tomorrow",
        "  Today at 19:00 — Chorus (every Wednesday at 19:00)",
        "  Tomorrow — Ana Okafor: knee surgery (other; check in)",
        "  Tomorrow at 18:30 — climbing with Maya López (every Thursday at 18:30)",
        "",
        "This week",
        "  “reach out to 3 people”: 2 of 3 so far this week — one more person by Sunday would "
        "do it.",
    ]


def test_short_and_private_forms(run, scenario):
    assert run("today", "--short").stdout == (
        "Check in with Ana (knee surgery tomorrow); it's Sam's birthday on Friday; confirm the "
        "plan tomorrow with Maya; Chorus today at 19:00; and 1 more\n"
    )
    private = run("today", "--private").stdout
    assert private == (
        "3 people to reach out to, 1 group meeting today or tomorrow and a goal within reach\n"
    )
    for word in ("Ana", "Sam", "Maya", "Chorus", "surgery", "climbing"):
        assert word not in private


def test_limit_and_json(run, scenario):
    data = json.loads(run("today", "--json", "--limit", "1").stdout)
    nudge = json.loads(run("nudge", "--json").stdout)
    assert list(data) == ["today", "worth_saying", "suggestions", "more", "agenda", "goal",
                          "short", "private", "notes"]  # fmt: skip
    assert data["suggestions"] == nudge["suggestions"][:1]
    assert data["more"] == nudge["count"] - 1
    assert [(i["date"], i["kind"], i["title"]) for i in data["agenda"]] == [
        ("2026-06-10", "community", "Chorus"),
        ("2026-06-11", "event", "Ana Okafor: knee surgery"),
        ("2026-06-11", "plan", "climbing"),
    ]
    assert data["goal"] == {"id": 1, "title": "reach out to 3 people", "kind": "reach_out",
                            "target": 3, "period": "week", "count": 2, "remaining": 1,
                            "ends_on": "2026-06-14"}  # fmt: skip
    assert data["short"].startswith("Check in with Ana (knee surgery tomorrow); Chorus today")
    lines = run("today", "-n", "0").stdout.splitlines()
    assert lines[2] == f"{nudge['count']} more: supportnet nudge"


def test_the_config_sets_how_many_suggestions(run, scenario, db_path):
    (db_path.parent / "config.toml").write_text("[remind]\nsuggestions = 2\n", encoding="utf-8")
    assert len(json.loads(run("today", "--json").stdout)["suggestions"]) == 2
    assert len(json.loads(run("today", "--json", "--limit", "3").stdout)["suggestions"]) == 3


def test_a_day_with_nothing_worth_saying_prints_nothing(run):
    for name in ("Lee Wong", "Jo Park", "Kim Ito"):
        run("add", name, "--circle", "friend")
    run("log", "walk", "--with", "Lee", "--with", "Jo", "--with", "Kim", "--on", "today")
    assert run("today").stdout == ""
    assert run("today", "--short").stdout == ""
    assert run("today", "--always").stdout == (
        "Today, Wednesday 10 June\n\nEveryone has been seen lately — well done.\n"
        "Next up: Jo, in 30 days.\n"
    )
    assert run("today", "--short", "--always").stdout == (
        "Nothing needs you today. Enjoy your day.\n"
    )
    data = json.loads(run("today", "--json").stdout)
    assert data["worth_saying"] is False and data["suggestions"] == [] and data["short"] == ""


def test_a_new_network_is_guided_to_its_first_person(run):
    out = run("today", "--short").stdout
    assert out == "Add someone you'd like to see more often\n"


def test_today_changes_nothing(run, scenario, unchanged):
    with unchanged():
        for args in (["today"], ["today", "--json"], ["today", "--week"], ["today", "--short"]):
            run(*args)


def test_the_weekly_digest(run, scenario):
    out = run("today", "--week").stdout.splitlines()
    assert out == [
        "This week: 2 get-togethers with 2 people (1 in person and 1 online).",
        "Goals: “reach out to 3 people” 2 of 3.",
        out[2],
        "For the week ahead: check in with Ana.",
    ]
    review = json.loads(run("review", "--json").stdout)
    cheers = review["streaks"] + review["milestones"] + review["setbacks"]
    assert out[2] == (cheers[0]["text"] if cheers else "Every bit counts.")
    data = json.loads(run("today", "--week", "--json").stdout)
    assert data["lines"] == out
    assert data["next"]["kind"] == "check_in"
    assert run("today", "--week", "--private").stdout == (
        "2 get-togethers with 2 people; 0 of 1 goal met; one suggestion for the week ahead\n"
    )
    # --short was taken and dropped: it is the week's first line and the week ahead.
    assert run("today", "--week", "--short").stdout.splitlines() == [out[0], out[3]]


# --- the [remind] settings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ("private = 'yes'", "remind.private must be true or false, not 'yes'."),
        ("command = 5", "remind.command must be text in quotes, not 5."),
        ("command = '" + "x" * 1001 + "'", "remind.command must be at most 1000 characters."),
        ("suggestions = true", "remind.suggestions must be a number, not true."),
    ],
)
def test_remind_settings_are_checked(run, db_path, setting: str, problem: str) -> None:
    config = db_path.parent / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[remind]\n{setting}\n", encoding="utf-8")
    assert run("today", expect=7).stderr == f"In {config}, {problem}\n"


def test_the_defaults_print_as_toml_that_reads_back(run, db_path) -> None:
    from supportnet.config import DEFAULTS, check_settings

    text = run("config", "--defaults").stdout
    assert '[remind]\nsuggestions = 3\ncommand = ""\nprivate = false\n' in text
    assert check_settings(text, "the defaults") == DEFAULTS
    config = db_path.parent / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[remind]\ncommand = "mail -s \\"Today\\" me"\nprivate = true\n',
                      encoding="utf-8")  # fmt: skip
    shown = run("config").stdout
    assert 'command = "mail -s \\"Today\\" me"\nprivate = true\n' in shown
