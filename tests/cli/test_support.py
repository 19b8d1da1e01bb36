"""Support from the command line: favor, favors, event, events, and `show NAME`.

Today is fixed at 2026-06-10 (a Wednesday) by conftest.
"""

from __future__ import annotations

import json
import sqlite3

import pytest


@pytest.fixture
def people(run):
    run("add", "Sam Carter", "--birthday", "1990-06-16")
    run("add", "Ana Okafor")
    run("add", "Leo Martins")


def _rows(db_path, sql):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _fields(out, label):
    """The values of the ``label:`` lines of `show NAME`."""
    prefix = f"  {label}:"
    return [ln[len(prefix) :].strip() for ln in out.splitlines() if ln.startswith(prefix)]


def _favors(run, *args):
    return json.loads(run("favors", *args, "--json").stdout)


# --- favor ----------------------------------------------------------------------------


def test_favor_given(run, people, db_path):
    out = run("favor", "brought soup", "--for", "Sam", "--kind", "meal").stdout
    assert out == "Recorded favor #1: you helped Sam Carter (brought soup; meal) today.\n"
    assert _favors(run) == [
        {
            "id": 1,
            "date": "2026-06-10",
            "direction": "given",
            "what": "brought soup",
            "kind": "meal",
            "note": None,
            "people": [{"id": 1, "name": "Sam Carter"}],
        }
    ]
    # The per-person copy the nudge reads is filled in too.
    assert _rows(db_path, "SELECT * FROM favor_person") == [(1, 1, "given", "2026-06-10")]


def test_favor_received_from_several_people(run, people, db_path):
    out = run("favor", "helped me move", "--from", "Ana", "--from", "Leo", "--on", "last saturday",
              "--kind", "help at home", "--note", "a long day").stdout  # fmt: skip
    assert out == (
        "Recorded favor #1: Ana Okafor and Leo Martins helped you (helped me move; help at home) "
        "on 6 June 2026.\n"
    )
    (favor,) = _favors(run)
    assert favor["direction"] == "received" and favor["date"] == "2026-06-06"
    assert favor["note"] == "a long day"
    assert [p["name"] for p in favor["people"]] == ["Ana Okafor", "Leo Martins"]
    assert _rows(db_path, "SELECT person_id, direction FROM favor_person ORDER BY 1") == [
        (2, "received"), (3, "received")]  # fmt: skip


def test_favor_forms(run, people):
    run("favor", "--for", "Sam", "listened", "--kind", "listening", "--on", "yesterday")
    run("favor", "add", "lent a book", "--for", "Ana")
    assert [(f["what"], f["kind"], f["date"]) for f in _favors(run)] == [
        ("lent a book", "other", "2026-06-10"),
        ("listened", "listening", "2026-06-09"),
    ]


def test_favor_kinds_can_be_extended(run, people, unchanged):
    with unchanged():
        result = run("favor", "lent a book", "--for", "Ana", "--kind", "lend", expect=5)
    assert result.stderr.startswith("Unknown kind of favor 'lend'.")
    assert result.stderr.rstrip().endswith("To add a new kind, repeat the command with --new-kind.")
    run("favor", "lent a book", "--for", "Ana", "--kind", "lend", "--new-kind")
    run("favor", "lent a pan", "--for", "Ana", "--kind", "LEND")  # now known
    result = run("favor", "x", "--for", "Ana", "--kind", "lent", expect=5)
    assert "Did you mean lend?" in result.stderr
    assert [f["kind"] for f in _favors(run)] == ["lend", "lend"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["soup"],
            2,
            "Say who the favor was for (--for NAME: you helped them) or from "
            "(--from NAME: they helped you).\n",
        ),
        (
            ["soup", "--for", "Sam", "--from", "Ana"],
            2,
            "A favor goes one way: use --for (you helped them) or --from (they helped you), and "
            "record the other one separately.\n",
        ),
        (
            ["soup", "--for", "Sam", "--kind", "meel"],
            5,
            "Unknown kind of favor 'meel'. Did you mean meal? Known: meal, listening, ride, "
            "errand, help at home, celebration, gift, advice, money, other. To add a new kind, "
            "repeat the command with --new-kind.\n",
        ),
        (
            ["soup", "--for", "Sam", "--on", "the other day"],
            5,
            "Could not understand the date 'the other day'. Try 2026-03-14, 14 March, March 14, "
            "today, yesterday, 3 days ago or last friday.\n",
        ),
        (
            ["soup", "--for", "Sam", "--on", "tomorrow"],
            6,
            "11 June 2026 hasn't come yet: record the favor once it has happened (for something "
            "coming up, `supportnet event` keeps it in view).\n",
        ),
        (
            ["soup", "--for", "Sam Cartr"],
            3,
            "No one called 'Sam Cartr' is here. Did you mean Sam Carter?\n",
        ),
        (["soup", "--for", "Sam", "--for", "Nobody"], 3, "No one called 'Nobody' is here.\n"),
        (["   ", "--for", "Sam"], 5, "Say what the favor was: it cannot be empty.\n"),
    ],
)
def test_favor_bad_input(run, people, unchanged, args, code, message):
    with unchanged():
        result = run("favor", *args, expect=code)
    assert result.stderr == message
    assert result.stdout == ""


def test_favor_ambiguous_person(run, people, unchanged):
    run("add", "Sam Lee")
    with unchanged():
        result = run("favor", "soup", "--for", "sam", expect=4)
    assert result.stderr.startswith("'sam' could be Sam Carter (#1) or Sam Lee (#4)")


def test_favor_undo_asks_and_removes(run, people, unchanged, db_path):
    run("favor", "brought soup", "--for", "Sam", "--on", "2026-06-01")
    run("favor", "drove me", "--from", "Ana")
    with unchanged():
        result = run("favor", "undo", input="n\n", expect=13)
    assert "Remove favor #2 (drove me, from Ana Okafor, 10 June 2026)?" in result.stdout
    assert result.stderr == "Nothing was changed.\n"
    result = run("favor", "undo", input="y\n")
    assert result.stdout.endswith("Removed favor #2 (drove me, from Ana Okafor, 10 June 2026).\n")
    out = run("favor", "undo", "#1", "--yes").stdout
    assert out == "Removed favor #1 (brought soup, for Sam Carter, 1 June 2026).\n"
    assert _rows(db_path, "SELECT count(*) FROM favor_person") == [(0,)]
    assert run("favor", "undo", "--yes", expect=3).stderr == "No favors are recorded yet.\n"


@pytest.mark.parametrize(
    "ref, code, message",
    [
        ("99", 3, "No favor has the id #99. `supportnet favors` lists them.\n"),
        ("soup", 5, "'soup' is not a favor id; `supportnet favors` shows them.\n"),
    ],
)
def test_favor_undo_bad_id(run, people, unchanged, ref, code, message):
    run("favor", "brought soup", "--for", "Sam")
    with unchanged():
        assert run("favor", "undo", ref, "--yes", expect=code).stderr == message


def test_favor_without_arguments_shows_help(run):
    result = run("favor", expect=None)
    assert "Record a favor you did for someone" in result.stdout + result.stderr


# --- favors ---------------------------------------------------------------------------


@pytest.fixture
def favors(run, people):
    run("favor", "brought soup", "--for", "Sam", "--on", "2026-06-01", "--kind", "meal")
    run("favor", "listened", "--for", "Sam", "--for", "Ana", "--on", "2026-05-01")
    run("favor", "drove me", "--from", "Sam", "--on", "2026-06-08", "--kind", "ride")
    run("favor", "old help", "--from", "Leo", "--on", "2025-01-01")


def test_favors_filters(run, favors):
    whats = lambda *a: [f["what"] for f in _favors(run, *a)]  # noqa: E731
    assert whats() == ["drove me", "brought soup", "listened", "old help"]
    assert whats("Sam") == ["drove me", "brought soup", "listened"]
    assert whats("Ana") == ["listened"]
    assert whats("--given") == ["brought soup", "listened"]
    assert whats("Sam", "--received") == ["drove me"]
    assert whats("--since", "2026-05-15") == ["drove me", "brought soup"]
    assert whats("Leo", "--since", "2 months ago") == []


def test_favors_plain_table(run, favors):
    out = run("favors", "Sam").stdout.splitlines()
    assert out[0].split() == ["id", "date", "who", "what", "kind"]
    assert out[1].split() == ["#3", "2026-06-08", "Sam", "Carter", "->", "you", "drove", "me",
                              "ride"]  # fmt: skip
    assert out[3].split()[:7] == ["#2", "2026-05-01", "you", "->", "Sam", "Carter", "and"]


def test_favors_empty(run, people):
    assert run("favors").stdout == (
        'No favors recorded yet. Record one: supportnet favor "brought soup" --for Sam\n'
    )
    assert run("favors", "Sam").stdout == "No favors match.\n"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["--given", "--received"],
            2,
            "Use --given or --received, not both (without either, you get both).\n",
        ),
        (["--since", "someday"], 5, "Could not understand the date 'someday'."),
        (["Nobody"], 3, "No one called 'Nobody' is here."),
    ],
)
def test_favors_bad_input(run, favors, args, code, message):
    assert run("favors", *args, expect=code).stderr.startswith(message)


# --- the balance in show --------------------------------------------------------------


def test_show_gives_the_balance_in_words(run, people):
    for day in ("2026-06-01", "2026-05-01", "2026-01-01", "2025-06-11"):
        run("favor", "helped", "--for", "Sam", "--on", day)
    run("favor", "too long ago", "--for", "Sam", "--on", "2025-06-10")  # 366 days ago
    run("favor", "drove me", "--from", "Sam", "--on", "2026-06-08")
    run("favor", "cooked", "--from", "Sam", "--on", "2026-02-02")
    assert _fields(run("show", "Sam").stdout, "support") == [
        "You've helped Sam Carter 4 times this past year; Sam Carter helped you twice."
    ]
    support = json.loads(run("show", "Sam", "--json").stdout)["support"]
    assert support == {
        "since": "2025-06-11",
        "given": 4,
        "received": 2,
        "balance": "You've helped Sam Carter 4 times this past year; Sam Carter helped you twice.",
    }
    ana = json.loads(run("show", "Ana", "--json").stdout)
    assert (
        ana["support"]["balance"] == "No favors recorded either way with Ana Okafor this past year."
    )
    assert ana["life_events"] == []


# --- event ----------------------------------------------------------------------------


def _events(run, *args):
    return json.loads(run("events", *args, "--json").stdout)


def test_event_hard_in_the_future(run, people):
    out = run("event", "Sam", "surgery", "--on", "2026-12-01", "--kind", "illness", "--hard",
              "--note", "knee").stdout  # fmt: skip
    assert out == (
        "Noted event #1 for Sam Carter (#1): surgery on 1 December 2026 (illness, hard).\n"
        "Time to check in: from 28 November to 15 December.\n"
    )
    assert _events(run) == [
        {
            "id": 1,
            "person": {"id": 1, "name": "Sam Carter"},
            "what": "surgery",
            "kind": "illness",
            "tone": "hard",
            "date": "2026-12-01",
            "yearly": False,
            "note": "knee",
            "window": {
                "action": "check in",
                "occurs_on": "2026-12-01",
                "days_away": 174,
                "opens_on": "2026-11-28",
                "closes_on": "2026-12-15",
                "state": "ahead",
                "years": None,
            },
        }
    ]


def test_event_happy_today_by_default(run, people):
    out = run("event", "add", "Ana", "new job", "--kind", "job-change", "--happy").stdout
    assert out == (
        "Noted event #1 for Ana Okafor (#2): new job on 10 June 2026 (job change, happy).\n"
        "Time to celebrate: now until 17 June.\n"
    )


def test_anniversaries_are_yearly_unless_once(run, people):
    out = run("event", "Ana", "wedding", "--on", "2019-06-14", "--kind", "anniversary",
              "--happy").stdout  # fmt: skip
    assert out == (
        "Noted event #1 for Ana Okafor (#2): wedding on 14 June 2019 (anniversary, happy, "
        "every year).\nTime to celebrate: now until 21 June.\n"
    )
    run("event", "Leo", "first date", "--on", "2025-06-12", "--kind", "anniversary", "--happy",
        "--once")  # fmt: skip
    run("event", "Sam", "lost his father", "--on", "2020-06-20", "--kind", "loss", "--hard",
        "--yearly")  # fmt: skip
    events = {e["what"]: e for e in _events(run)}
    assert events["wedding"]["yearly"] is True
    assert events["wedding"]["window"]["occurs_on"] == "2026-06-14"
    assert events["wedding"]["window"]["years"] == 7
    assert events["first date"]["yearly"] is False
    assert events["first date"]["window"]["state"] == "past"
    assert events["lost his father"]["window"] == {
        "action": "check in", "occurs_on": "2026-06-20", "days_away": 10,
        "opens_on": "2026-06-17", "closes_on": "2026-07-04", "state": "ahead", "years": 6,
    }  # fmt: skip


def test_events_open_and_by_person(run, people):
    run("event", "Sam", "surgery", "--on", "2026-06-12", "--hard")  # open: 9 June .. 26 June
    run("event", "Sam", "promotion", "--on", "2026-05-01", "--happy")  # closed 8 May
    run("event", "Ana", "graduation", "--on", "2026-06-15", "--kind", "graduation", "--happy")
    run("event", "Leo", "moving", "--on", "2026-09-01", "--kind", "move", "--hard")  # ahead
    whats = lambda *a: [e["what"] for e in _events(run, *a)]  # noqa: E731
    assert whats() == ["moving", "graduation", "surgery", "promotion"]
    assert whats("--open") == ["graduation", "surgery"]
    assert whats("Sam") == ["surgery", "promotion"]
    assert whats("Sam", "--open") == ["surgery"]
    out = run("events", "--open").stdout.splitlines()
    assert out[0].split() == ["id", "date", "person", "what", "kind", "tone", "when"]
    assert "celebrate now (until 22 June)" in out[1]
    assert "check in now (until 26 June)" in out[2]


def test_events_windows_follow_the_config(run, people, db_path):
    run("event", "Sam", "surgery", "--on", "2026-06-05", "--hard")
    assert len(_events(run, "--open")) == 1
    (db_path.parent / "config.toml").write_text("[windows]\nhard_after_days = 2\n")
    assert _events(run, "--open") == []
    assert _events(run)[0]["window"]["closes_on"] == "2026-06-07"


def test_events_empty(run, people):
    assert run("events").stdout.startswith("No life events recorded yet.")
    assert run("events", "--open").stdout == "No check-in or celebrate time is open today.\n"
    assert run("events", "Sam").stdout == "No life events recorded for them.\n"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["Sam", "surgery"],
            5,
            "Say whether it is --hard (you'll be reminded to check in) or "
            "--happy (to celebrate).\n",
        ),
        (
            ["Sam", "surgery", "--hard", "--happy"],
            2,
            "An event is either --hard or --happy, not both.\n",
        ),
        (
            ["Sam", "surgery", "--hard", "--kind", "ilness"],
            5,
            "Unknown kind of event 'ilness'. Did you mean illness or loss? Known: illness, loss, "
            "breakup, job change, move, new baby, graduation, anniversary, other. To add a new "
            "kind, repeat the command with --new-kind.\n",
        ),
        (
            ["Sam", "surgery", "--hard", "--on", "soon"],
            5,
            # A life event may be either way: both forms are offered.
            "Could not understand the date 'soon'. Try 2026-03-14, 14 March, yesterday, "
            "3 days ago, in 2 weeks or next friday.\n",
        ),
        (["Nobody", "surgery", "--hard"], 3, "No one called 'Nobody' is here.\n"),
        (["Sam", " ", "--hard"], 5, "Say what the event was: it cannot be empty.\n"),
    ],
)
def test_event_bad_input(run, people, unchanged, args, code, message):
    with unchanged():
        result = run("event", *args, expect=code)
    assert result.stderr == message
    assert result.stdout == ""


def test_event_new_kind(run, people):
    run("event", "Ana", "got engaged", "--kind", "engagement", "--new-kind", "--happy")
    run("event", "Leo", "engaged too", "--kind", "Engagement", "--happy")
    run("event", "Sam", "new role", "--kind", "job-change", "--new-kind", "--happy")
    assert [e["kind"] for e in _events(run)] == ["job change", "engagement", "engagement"]


def test_event_edit(run, people, unchanged):
    run("event", "Sam", "surgery", "--on", "2026-12-01", "--hard")
    out = run("event", "edit", "1", "--on", "December 8", "--kind", "illness").stdout
    assert out == (
        "Updated event #1 for Sam Carter: surgery on 8 December 2026 (illness, hard).\n"
        "Time to check in: from 5 December to 22 December.\n"
    )
    run("event", "edit", "#1", "--happy", "--what", "surgery went well", "--yearly",
        "--note", "")  # fmt: skip
    (event,) = _events(run)
    assert (event["what"], event["tone"], event["yearly"]) == ("surgery went well", "happy", True)
    with unchanged():
        assert run("event", "edit", "1", expect=2).stderr == (
            "Nothing to change: give at least one option (see --help).\n"
        )
        assert run("event", "edit", "1", "--hard", "--happy", expect=2).stderr == (
            "An event is either --hard or --happy, not both.\n"
        )
        assert run("event", "edit", "7", "--hard", expect=3).stderr == (
            "No life event has the id #7. `supportnet events` lists them.\n"
        )
        assert run("event", "edit", "1", "--kind", "party", expect=5).stderr.startswith(
            "Unknown kind of event 'party'."
        )


def test_event_undo(run, people, unchanged):
    run("event", "Sam", "surgery", "--on", "2026-12-01", "--hard")
    run("event", "Ana", "new job", "--happy")
    with unchanged():
        result = run("event", "undo", input="n\n", expect=13)
    assert "Remove event #2 (Ana Okafor: new job on 10 June 2026 (other, happy))?" in result.stdout
    out = run("event", "undo", "1", "--yes").stdout
    assert out == "Removed event #1 (Sam Carter: surgery on 1 December 2026 (other, hard)).\n"
    assert [e["id"] for e in _events(run)] == [2]


def test_show_lists_life_events(run, people):
    run("event", "Sam", "surgery", "--on", "2026-12-01", "--kind", "illness", "--hard")
    run("event", "Sam", "wedding", "--on", "2019-06-14", "--kind", "anniversary", "--happy")
    assert _fields(run("show", "Sam").stdout, "life event") == [
        "surgery, 1 December 2026 (illness, hard): check in from 28 November",
        "wedding, 14 June 2019 (anniversary, happy, every year): celebrate now (until 21 June)",
    ]
    events = json.loads(run("show", "Sam", "--json").stdout)["life_events"]
    assert [e["what"] for e in events] == ["surgery", "wedding"]


def test_the_same_favor_or_event_twice_within_a_minute_is_a_slip(run, unchanged):
    run("add", "Sam")
    run("favor", "brought soup", "--for", "Sam", "--kind", "meal")
    with unchanged():
        result = run("favor", "Brought soup", "--for", "Sam", "--kind", "meal", expect=6)
    assert result.stderr == (
        "That favor was just recorded (#1). To record a second one, add --again; "
        "to take it back, use `supportnet favor undo 1`.\n"
    )
    run("favor", "brought soup", "--for", "Sam", "--kind", "meal", "--again")
    run("event", "Sam", "new job", "--happy")
    with unchanged():
        result = run("event", "Sam", "new job", "--happy", expect=6)
    assert result.stderr.startswith("That event was just noted (#1).")
    run("event", "Sam", "new job", "--happy", "--again")
