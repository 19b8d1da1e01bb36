"""Progress end to end with the real commands: add, group, log, favor, goal, review,
report and help-now, on the fixed Wednesday 10 June 2026."""

from __future__ import annotations

import json


def _setup(run):
    run("--today", "2026-03-02", "add", "Maya López", "--circle", "close", "--phone", "555 0101")
    run("--today", "2026-03-02", "add", "Sam Carter")
    run("add", "Ana Ruiz", "--circle", "prospect")
    run("--today", "2026-03-02", "group", "add", "Community chorus", "--kind", "chorus",
        "--meets", "every wed 19:00")  # fmt: skip
    run("log", "coffee", "--with", "Maya", "--on", "2026-05-26")
    run("log", "walk", "--with", "Maya", "--on", "2026-06-02")
    run("log", "coffee", "--with", "Maya", "--with", "Sam", "--on", "yesterday")
    run("log", "--group", "chorus", "--with", "Sam")
    run("log", "video", "--with", "Ana")
    run("favor", "brought soup", "--for", "Sam", "--on", "2026-06-07")
    run("favor", "drove me to the clinic", "--from", "Maya")
    run("--today", "2026-05-01", "goal", "add", "reach out to 2 people")
    run("--today", "2026-05-01", "goal", "add", "go to 1 group meeting", "--group", "chorus")
    run("--today", "2026-05-01", "goal", "add", "meet 1 new person")


def test_goals_count_what_the_commands_logged(run):
    _setup(run)
    reach, group, new = json.loads(run("goals", "--json").stdout)
    assert reach["current"]["count"] == 3 and reach["current"]["met"] is True
    assert [h["count"] for h in reach["history"][-3:]] == [1, 1, 3]
    assert group["community"]["name"] == "Community chorus"
    assert group["current"]["count"] == 1 and group["history"][-2]["status"] == "not_met"
    # Ana: added today, first seen today.  Sam: first seen yesterday (added in March).
    assert new["current"]["count"] == 2


def test_review_of_the_week(run):
    _setup(run)
    data = json.loads(run("review", "--json").stdout)
    happened = data["happened"]
    assert (happened["gettogethers"], happened["in_person"], happened["online"]) == (3, 2, 1)
    assert (happened["favors_given"], happened["favors_received"]) == (1, 1)
    assert happened["communities"] == [{"id": 1, "name": "Community chorus", "meetings": 1}]
    assert [n["name"] for n in happened["new_people"]] == ["Sam Carter", "Ana Ruiz"]
    assert [s["text"] for s in data["streaks"]] == ["3 weeks in a row you saw someone in person."]
    kinds = [m["kind"] for m in data["milestones"]]
    assert kinds.count("new_person") == 2
    assert "first_favor_given" in kinds and "first_community" in kinds
    out = run("review").stdout
    assert "  * First get-together with Ana Ruiz — welcome to your network.\n" in out
    assert "  * Your first community meeting — that took courage.\n" in out


def test_report_and_help_now(run):
    _setup(run)
    text = run("report", "--since", "2026-05-11", "--format", "html", "--initials").stdout
    assert "Maya" not in text and "M. L." in text
    run("lean-on", "Maya", "--ask-for-help")
    run("lean-on", "--group", "chorus", "--takes-mind-off")
    out = run("help-now").stdout
    assert "  Community chorus (group)\n" in out
    assert "  Maya López  555 0101\n" in out
