"""Ids typed on the command line: one parser, and ids beyond SQLite's range match nothing."""

from __future__ import annotations

import pytest

from supportnet.text import SQLITE_MAX_INT

TOO_BIG = str(SQLITE_MAX_INT + 1)  # 9223372036854775808
HUGE = "9" * 20


@pytest.fixture
def network(run, built_once) -> None:
    """One of everything that has an id."""
    built_once(lambda: _network(run))


def _network(run) -> None:
    run("add", "Maya")
    run("plan", "add", "walk", "--with", "Maya", "--every", "week")
    run("group", "add", "Chorus", "--kind", "chorus")
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    run("favor", "add", "brought soup", "--for", "Maya", "--on", "yesterday")
    run("event", "Maya", "new job", "--on", "2026-06-01", "--happy")
    run("goal", "add", "reach out to 2 people a week")
    run("resources", "add", "Crisis line", "--phone", "988", "--kind", "hotline")


PERSON = "No one has the id #{n}. `supportnet people` lists everyone."
PLAN = "No plan has the id #{n}. `supportnet plans --all` lists them."
GROUP = "No group has the id #{n}. `supportnet groups` lists them."
ENTRY = "No get-together has the id #{n}. `supportnet history` lists them with their ids."
FAVOR = "No favor has the id #{n}. `supportnet favors` lists them."
EVENT = "No life event has the id #{n}. `supportnet events` lists them."
GOAL = "No goal has the number #{n}. `supportnet goals` lists them."
RESOURCE = "No resource has the id #{n}. `supportnet resources` lists them."
CHECK_IN = "No check-in has the number #{n}. `supportnet check-in list` lists them."

CASES = [
    (("plan", "pause", "{n}"), PLAN),
    (("plan", "resume", "{n}"), PLAN),
    (("plan", "end", "{n}"), PLAN),
    (("skip", "{n}"), PLAN),
    (("skip", "{n}", "--on", "today"), PLAN),
    (("done", "#{n}"), PLAN),
    (("log", "edit", "{n}", "--what", "tea"), ENTRY),
    (("log", "undo", "{n}", "--yes"), ENTRY),
    (("show", "#{n}"), PERSON),
    (("edit", "#{n}", "--circle", "close"), PERSON),
    (("archive", "#{n}"), PERSON),
    (("remove", "#{n}", "--yes"), PERSON),
    (("log", "coffee", "--with", "#{n}"), PERSON),
    (("snooze", "#{n}"), PERSON),
    (("favors", "#{n}"), PERSON),
    (("group", "edit", "#{n}", "--note", "x"), GROUP),
    (("history", "--group", "#{n}"), GROUP),
    (("favor", "undo", "{n}", "--yes"), FAVOR),
    (("event", "edit", "{n}", "--what", "x"), EVENT),
    (("event", "undo", "#{n}", "--yes"), EVENT),
    (("goal", "pause", "{n}"), GOAL),
    (("resources", "remove", "#{n}", "--yes"), RESOURCE),
    (("check-in", "remove", "{n}", "--yes"), CHECK_IN),  # was an internal error
]


@pytest.mark.parametrize("number", [TOO_BIG, HUGE, "18446744073709551616"])
@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_an_id_beyond_the_databases_range_is_simply_unknown(
    run, network, unchanged, args: tuple[str, ...], message: str, number: str
) -> None:
    with unchanged():
        result = run(*(a.format(n=number) for a in args), expect=3)
    assert result.stderr == message.format(n=number) + "\n"


def test_the_largest_id_is_looked_up_as_any_other(run, network, unchanged) -> None:
    with unchanged():
        result = run("plan", "pause", str(SQLITE_MAX_INT), expect=3)
    assert result.stderr == PLAN.format(n=SQLITE_MAX_INT) + "\n"


def test_known_ids_still_work(run, network) -> None:
    assert run("plan", "pause", "1").stdout.startswith("Paused walk")
    assert run("show", "#1").stdout.startswith("Maya")
    assert run("favor", "undo", "#1", "--yes").stdout.startswith("Removed favor #1 ")


def test_a_favor_id_that_is_not_a_number(run, network, unchanged) -> None:
    with unchanged():
        result = run("favor", "undo", "²", "--yes", expect=5)
    assert result.stderr == "'²' is not a favor id; `supportnet favors` shows them.\n"


def test_a_history_limit_beyond_sqlites_range_means_all(run, network) -> None:
    for limit in (HUGE, str(SQLITE_MAX_INT)):
        out = run("history", "--limit", limit).stdout
        assert "coffee" in out
