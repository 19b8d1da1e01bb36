"""demo: the sample network on the screen, never the user's database."""

from __future__ import annotations

from pathlib import Path


def test_demo_shows_people_nudge_and_upcoming_without_a_database(run, db_path: Path) -> None:
    out = run("demo").stdout
    assert out.startswith(
        "A sample network, as of 2026-06-10 (your own data is not touched)\n\n"
        "$ supportnet people --sort circle\n"
    )
    people = out.split("$ supportnet people --sort circle\n")[1].split("\n\n")[0].splitlines()
    assert len(people) == 13 and people[1].split()[:3] == ["#1", "Maya", "López"]
    assert "$ supportnet nudge\n1. " in out
    assert "Knee surgery, in 3 days." in out
    upcoming = out.split("$ supportnet upcoming\n")[1]
    assert "Sam Carter's birthday" in upcoming and "turns 36" in upcoming
    review = out.split("$ supportnet review\n")[1]
    assert "Check-ins\n  How connected I felt this week (1 to 5, mean): 4 on 7 June" in review
    assert "Expected and felt" in review
    shown_map = out.split("$ supportnet map\n")[1].split("$ supportnet help-now\n")[0]
    assert "Riverside Community Chorus  *****" in shown_map
    assert "Someone to ask for help: 2 — Ana Okafor, Maya López" in shown_map
    plan = out.split("$ supportnet help-now\n")[1]
    assert "1. Warning signs that a hard time may be starting\n  I stop answering messages" in plan
    assert "Ana Okafor is going through something hard too" in plan
    assert "contact your local emergency services now." in plan
    assert out.endswith('Start your own: supportnet add "Name" --circle close\n')
    assert not db_path.exists()
    assert not db_path.parent.exists()
