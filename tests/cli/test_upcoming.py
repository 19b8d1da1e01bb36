"""upcoming: the agenda of the next days on the screen."""

from __future__ import annotations

import json

import pytest

from tests.exchange.test_calendar import upcoming


def test_upcoming_plain_and_empty(run):
    assert run("upcoming").stdout == (
        "Nothing in the next 14 days. A regular plan helps: "
        'supportnet plan coffee --with NAME --every "2 weeks"\n'
    )
    run("add", "Maya López")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "fri", "--at", "10:00")
    run("done", "coffee", "--on", "today")
    lines = run("upcoming", "--days", "9").stdout.splitlines()
    assert lines[0].split() == ["date", "when", "time", "what", "detail"]
    assert lines[1].split() == ["Fri", "12", "Jun", "in", "2", "days", "10:00", "coffee", "with",
                                "Maya", "López", "done"]  # fmt: skip
    assert lines[2].split()[:6] == ["Fri", "19", "Jun", "in", "9", "days"]
    assert "--days must be between 0 and 3660." in run("upcoming", "--days", "-1", expect=5).stderr


@pytest.mark.parametrize("days", ["0", "1"])
def test_upcoming_includes_today(run, days):
    run("add", "Maya", "--birthday", "June 10")
    assert [i["days_away"] for i in upcoming(run, "--days", days)] == [0]


@pytest.fixture
def events(run):
    run("add", "Sam Carter")
    run("add", "Ana Okafor")
    run("add", "Leo Martins")
    run("add", "Old Friend")
    run("event", "Sam", "surgery", "--on", "2026-12-01", "--kind", "illness", "--hard")
    run("event", "Ana", "wedding", "--on", "2019-06-14", "--kind", "anniversary", "--happy")
    run("event", "Leo", "leap day wedding", "--on", "2024-02-29", "--kind", "anniversary",
        "--happy")  # fmt: skip
    run("event", "Old Friend", "moved away", "--on", "2026-06-20", "--kind", "move", "--hard")
    run("archive", "Old Friend")


def test_upcoming_lists_life_events(run, events):
    items = json.loads(run("upcoming", "--days", "30", "--json").stdout)
    wedding = [i for i in items if i["kind"] == "anniversary"]
    assert wedding == [
        {
            "date": "2026-06-14",
            "days_away": 4,
            "time": None,
            "kind": "anniversary",
            "title": "Ana Okafor: wedding",
            "people": [{"id": 2, "name": "Ana Okafor"}],
            "detail": "7th anniversary; celebrate",
            "source_id": 2,
        }
    ]
    assert all("moved away" not in i["title"] for i in items)  # archived


def test_upcoming_suggests_a_plan_only_without_one(run):
    # "A regular plan helps: supportnet plan coffee ..." came while a weekly plan was there.
    run("add", "Maya López")
    run("plan", "coffee", "--with", "Maya", "--every", "week", "--on", "sat")
    run("plan", "call", "--with", "Maya", "--every", "month", "--on", "19th")
    assert run("upcoming", "--days", "2").stdout == (
        "Nothing in the next 2 days. Next: coffee with Maya López (#1) on Sat 13 June 2026.\n"
    )
    run("skip", "coffee")  # the next open date is a week later, and the call comes first
    assert run("upcoming", "--days", "2").stdout == (
        "Nothing in the next 2 days. Next: call with Maya López (#2) on Fri 19 June 2026.\n"
    )
    run("plan", "pause", "coffee")
    run("plan", "end", "call")
    assert run("upcoming", "--days", "2").stdout == (
        "Nothing in the next 2 days. A regular plan helps: "
        'supportnet plan coffee --with NAME --every "2 weeks"\n'
    )


def test_upcoming_names_the_next_plan_without_the_archived(run):
    # "Next: lunch with Ana and Ben" while the listing itself left archived Ben out.
    run("add", "Ana Okafor")
    run("add", "Ben Ross")
    run("plan", "lunch", "--with", "Ana", "--with", "Ben", "--every", "week", "--on", "sat")
    run("archive", "Ben")
    assert run("upcoming", "--days", "2").stdout == (
        "Nothing in the next 2 days. Next: lunch with Ana Okafor (#1) on Sat 13 June 2026.\n"
    )
