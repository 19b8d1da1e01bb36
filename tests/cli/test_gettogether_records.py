"""Get-together, plan and group records through the commands: their --json is what the
docs list, and every writer (log, plan done, nudge log) goes through the same models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _documented(title: str) -> list[str]:
    """The field names of the table after ``title`` in docs/gettogethers.md."""
    text = (ROOT / "docs" / "gettogethers.md").read_text(encoding="utf-8")
    table = text.split(title, 1)[1].split("\n\n", 2)[1]
    names = []
    for row in table.splitlines()[2:]:
        names += re.findall(r"`([a-z_]+)`", row.split("|")[1])
    return names


def test_json_is_what_the_docs_list(run) -> None:
    run("add", "Maya")
    run("group", "add", "Chorus", "--meets", "every wed")
    run("log", "coffee", "--with", "Maya", "--group", "Chorus")
    run("plan", "walk", "--with", "Maya", "--every", "week")
    for command, title in (
        ("history", "`supportnet history --json`"),
        ("plans", "`supportnet plans --json`"),
        ("groups", "`supportnet groups --json`"),
    ):
        (item,) = json.loads(run(command, "--json").stdout)
        assert list(item) == _documented(title), command


@pytest.fixture
def maya(run):
    run("add", "Maya López")


def test_a_future_log_is_refused_before_the_database_is_made(run, db_path) -> None:
    assert run("log", "coffee", "--with", "Maya", "--on", "tomorrow", expect=6).stderr.startswith(
        "2026-06-11 is still to come: that is a plan"
    )
    assert run("done", "coffee", "--on", "tomorrow", expect=6).stderr.startswith(
        "2026-06-11 is still to come; mark it done once it has happened"
    )
    assert not db_path.exists()


def test_a_future_log_without_anyone_is_still_a_plan(run, maya, unchanged) -> None:
    with unchanged():
        assert run("log", "coffee", "--on", "tomorrow", expect=6).stderr.startswith(
            "2026-06-11 is still to come"
        )


def test_done_keeps_the_plans_title_and_its_length(run, maya) -> None:
    """`done` logs the plan's title as it is, and `--minutes 0` means the plan's own."""
    run("plan", "Coffee", "--with", "Maya", "--every", "week", "--minutes", "30")
    run("done", "Coffee", "--minutes", "0")
    (entry,) = json.loads(run("history", "--json").stdout)
    assert (entry["what"], entry["kind"], entry["minutes"]) == ("Coffee", "coffee", 30)
    # `log` does not keep a description that only names the kind.
    run("log", "Coffee", "--with", "Maya", "--on", "yesterday")
    assert json.loads(run("history", "--json").stdout)[1]["what"] is None


def test_nudge_log_writes_through_the_same_writer(run, maya, db_path) -> None:
    run("log", "coffee", "--with", "Maya", "--on", "2026-03-01")
    out = run("nudge", "--log", "1", "--yes").stdout
    (latest, _) = json.loads(run("history", "--json").stdout)
    assert out == f"Logged a {latest['kind']} with Maya López today as #2 (suggestion 1).\n"
    assert (latest["id"], latest["date"], latest["people"]) == (
        2, "2026-06-10", [{"id": 1, "name": "Maya López"}]
    )  # fmt: skip


def test_moving_a_call_to_tomorrow_suggests_a_plan_of_a_call(run, maya, unchanged) -> None:
    # The hint named "coffee" for every get-together logged without its own words.
    run("log", "call", "--with", "Maya", "--on", "yesterday")
    with unchanged():
        assert run("log", "edit", "1", "--on", "tomorrow", expect=6).stderr == (
            "2026-06-11 is still to come: that is a plan, not a log. "
            'Try: supportnet plan "call" --with NAME --on 2026-06-11\n'
        )
