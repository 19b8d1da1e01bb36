"""Logging get-togethers, editing and undoing them, history, who knows whom."""

from __future__ import annotations

import json
import sqlite3

import pytest


@pytest.fixture
def three(run):
    run("add", "Maya López", "--circle", "close")
    run("add", "Sam Carter")
    run("add", "Ana Okafor")


def rows(db_path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def history(run, *args) -> list[dict]:
    return json.loads(run("history", *args, "--json").stdout)


def test_log_records_people_date_kind_and_restarts_their_clock(run, three, db_path):
    out = run("log", "coffee", "--with", "Maya", "--on", "yesterday").stdout
    assert out == "Logged coffee with Maya López yesterday (in person) as #1.\n"
    out = run("log", "call", "--with", "Sam", "--with", "ana", "--on", "2026-06-01",
              "--minutes", "45").stdout  # fmt: skip
    assert out == (
        "Logged call with Ana Okafor and Sam Carter on Mon 1 June 2026 (online) as #2.\n"
    )
    assert rows(db_path, "SELECT id, what, kind, on_date, in_person, duration_minutes"
                " FROM gettogether ORDER BY id") == [
        (1, None, "coffee", "2026-06-09", 1, None),
        (2, None, "call", "2026-06-01", 0, 45),
    ]  # fmt: skip
    assert rows(db_path, "SELECT * FROM attendance ORDER BY 1, 2") == [
        (1, 1, "2026-06-09", 1), (2, 2, "2026-06-01", 0), (2, 3, "2026-06-01", 0),
    ]  # fmt: skip
    people = {p["name"]: p for p in json.loads(run("people", "--json").stdout)}
    assert people["Maya López"]["last_contact"] == "2026-06-09"
    assert people["Sam Carter"]["last_in_person"] is None
    assert "yesterday (in person)" in run("people").stdout
    assert "9 days ago (online)" in run("people").stdout


@pytest.mark.parametrize(
    "what, args, kind, in_person, stored",
    [
        ("dinner at Sam's", [], "meal", 1, "dinner at Sam's"),
        ("Video", [], "video", 0, None),
        ("a long walk", ["--online"], "walk", 0, "a long walk"),
        ("catch-up", ["--kind", "text"], "text", 0, "catch-up"),
        ("catch-up", [], "other", 1, "catch-up"),
        ("call", ["--in-person"], "call", 1, None),
    ],
)
def test_kind_and_in_person_defaults(run, three, db_path, what, args, kind, in_person, stored):
    run("log", what, "--with", "Maya", *args)
    assert rows(db_path, "SELECT kind, in_person, what FROM gettogether") == [
        (kind, in_person, stored)
    ]


def test_a_new_kind_needs_to_be_asked_for(run, three, unchanged, db_path):
    with unchanged():
        result = run("log", "--with", "Maya", "--kind", "board games", expect=5)
    assert result.stderr == (
        "Unknown kind 'board games'. Known: coffee, meal, call, video, text, walk, visit, "
        "group meeting, other. To add a new kind, repeat the command with --new-kind.\n"
    )
    assert "Did you mean coffee?" in run("log", "--with", "Maya", "--kind", "cofee",
                                         expect=5).stderr  # fmt: skip
    run("log", "--with", "Maya", "--kind", "Board Games", "--new-kind")
    run("log", "--with", "Sam", "--kind", "board games", "--on", "yesterday")
    assert rows(db_path, "SELECT kind, in_person FROM gettogether") == [
        ("board games", 1), ("board games", 1),
    ]  # fmt: skip


def test_the_future_is_a_plan(run, three, unchanged):
    with unchanged():
        result = run("log", "coffee", "--with", "Maya", "--with", "Sam Carter", "--on",
                     "tomorrow", expect=6)  # fmt: skip
    assert result.stderr == (  # the plan it suggests is with the people given
        "2026-06-11 is still to come: that is a plan, not a log. "
        "Try: supportnet plan \"coffee\" --with Maya --with 'Sam Carter' --on 2026-06-11\n"
    )


def test_duplicate_within_the_minute_is_refused(run, three, unchanged):
    run("log", "coffee", "--with", "Maya", "--with", "Sam", "--on", "yesterday")
    with unchanged():
        result = run("log", "coffee", "--with", "sam", "--with", "maya", "--on", "2026-06-09",
                     expect=6)  # fmt: skip
    assert result.stderr == (
        "That get-together was just logged (#1). To log a second one, add --again; "
        "to change it, use `supportnet log edit 1`.\n"
    )
    # Different people, date or kind are not duplicates; --again logs anyway.
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    run("log", "walk", "--with", "Maya", "--with", "Sam", "--on", "yesterday")
    run("log", "coffee", "--with", "Maya", "--with", "Sam", "--on", "yesterday", "--again")
    assert len(history(run)) == 4


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["coffee"], 2, "Say who was there with --with NAME (or the group with --group).\n"),
        (["coffee", "--with", "Nobody"], 3, "No one called 'Nobody' is here.\n"),
        (["coffee", "--with", "Mya Lopez"], 3, "No one called 'Mya Lopez' is here. Did you mean"),
        (["coffee", "--with", "Maya", "--on", "someday"], 5, "Could not understand the date"),
        (["coffee", "--with", "Maya", "--minutes", "0"], 5, "--minutes must be between 1 and"),
        (["coffee", "--with", "Maya", "--at", "25:00"], 5, "'25:00' is not a time of day.\n"),
        (["coffee", "--with", "Maya", "--group", "Chorus"], 3, "No group called 'Chorus'."),
    ],
)
def test_bad_logs_change_nothing(run, three, unchanged, args, code, message):
    with unchanged():
        result = run("log", *args, expect=code)
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_ambiguous_person(run, three, unchanged):
    run("add", "Sam Lee")
    with unchanged():
        result = run("log", "coffee", "--with", "Sam", expect=4)
    assert result.stderr == (
        "'Sam' could be Sam Carter (#2) or Sam Lee (#4); use more of the name or the #id.\n"
    )


def test_history_newest_first_with_filters(run, three):
    run("log", "coffee", "--with", "Maya", "--on", "2026-05-01")
    run("log", "walk", "--with", "Sam", "--with", "Maya", "--on", "2026-06-01",
        "--place", "the park", "--note", "sunny")  # fmt: skip
    run("log", "text", "--with", "Ana")
    assert [(e["id"], e["date"]) for e in history(run)] == [
        (3, "2026-06-10"), (2, "2026-06-01"), (1, "2026-05-01"),
    ]  # fmt: skip
    assert [e["id"] for e in history(run, "Maya")] == [2, 1]
    assert [e["id"] for e in history(run, "Maya", "--since", "2026-05-15")] == [2]
    assert [e["id"] for e in history(run, "--limit", "1")] == [3]
    walk = history(run)[1]
    assert walk == {
        "id": 2, "date": "2026-06-01", "time": None, "title": "walk", "what": None,
        "kind": "walk", "in_person": True,
        "people": [{"id": 1, "name": "Maya López"}, {"id": 2, "name": "Sam Carter"}],
        "group": None, "plan": None, "place": "the park", "note": "sunny", "minutes": None,
        "logged_at": walk["logged_at"],
    }  # fmt: skip
    assert walk["logged_at"].endswith("+00:00")
    plain = run("history").stdout.splitlines()
    assert plain[0].split() == ["id", "date", "what", "with", "how", "note"]
    assert plain[2].split() == ["#2", "2026-06-01", "walk", "Maya", "López", "and", "Sam",
                                "Carter", "in", "person", "sunny"]  # fmt: skip
    assert "Nothing logged yet" in run("history", "Sam", "--since", "2026-06-02").stdout
    refused = run("history", "Ana", "--since", "2026-06-11", expect=5)  # once it came
    assert refused.stderr == "--since 2026-06-11 is after today; give an earlier date.\n"


def test_edit(run, three, db_path, unchanged):
    run("log", "coffee", "--with", "Maya", "--with", "Sam", "--on", "yesterday")
    out = run("log", "edit", "1", "--on", "2026-06-05", "--kind", "walk", "--drop", "Sam",
              "--add", "Ana", "--online", "--note", "rainy").stdout  # fmt: skip
    assert out == "Updated #1: walk with Ana Okafor and Maya López on Fri 5 June 2026.\n"
    assert rows(db_path, "SELECT kind, on_date, in_person, note FROM gettogether") == [
        ("walk", "2026-06-05", 0, "rainy")
    ]
    # The attendance copies follow the get-together.
    assert rows(db_path, "SELECT person_id, on_date, in_person FROM attendance ORDER BY 1") == [
        (1, "2026-06-05", 0), (3, "2026-06-05", 0),
    ]  # fmt: skip
    run("log", "edit", "#1", "--with", "Sam", "--note", "")
    assert rows(db_path, "SELECT person_id FROM attendance") == [(2,)]
    assert rows(db_path, "SELECT note FROM gettogether") == [(None,)]
    with unchanged():
        assert run("log", "edit", "1", "--on", "tomorrow", expect=6).stderr.startswith(
            "2026-06-11 is still to come"
        )
        assert run("log", "edit", "1", "--drop", "Sam", expect=5).stderr == (
            "A get-together needs someone: keep at least one person (or a group).\n"
        )
        assert run("log", "edit", "1", expect=2).stderr.startswith("Nothing to change")
        # The same again, or someone dropped who was not there: said, not "Updated".
        assert run("log", "edit", "1", "--kind", "walk", "--drop", "Ana").stdout == (
            "Nothing changed: #1 is already walk with Sam Carter on Fri 5 June 2026 "
            "(Ana Okafor was not there).\n"
        )
        assert run("log", "edit", "9", "--note", "x", expect=3).stderr == (
            "No get-together has the id #9. `supportnet history` lists them with their ids.\n"
        )
        assert run("log", "edit", "abc", "--note", "x", expect=5).stderr.startswith(
            "'abc' is not a get-together id"
        )


def test_undo_asks_and_defaults_to_the_last(run, three, unchanged):
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    run("log", "walk", "--with", "Sam")
    with unchanged():
        result = run("log", "undo", input="n\n", expect=13)
    assert "Remove get-together #2 (walk with Sam Carter today)?" in result.stdout
    assert result.stderr == "Nothing was changed.\n"
    assert run("log", "undo", input="y\n").stdout.endswith(
        "Removed #2 (walk with Sam Carter today).\n"
    )
    assert run("log", "undo", "1", "--yes").stdout == (
        "Removed #1 (coffee with Maya López yesterday).\n"
    )
    assert history(run) == []
    assert run("log", "undo", "--yes", expect=3).stderr == (
        "Nothing has been logged yet, so there is nothing to undo.\n"
    )


def test_log_group_and_subcommand_names(run, three):
    """`log edit 12` edits, `log coffee` logs, and `log add edit` logs an 'edit'."""
    run("log", "add", "edit", "--with", "Maya")
    assert history(run)[0]["what"] == "edit"
    assert "Usage: supportnet log [OPTIONS] COMMAND" in run("log", "--help").stdout
    assert "Log a get-together that happened." in run("log", "add", "--help").stdout


def test_know_explicit_and_inferred(run, three):
    run("add", "Leo Martins")
    run("log", "dinner", "--with", "Maya", "--with", "Sam", "--on", "2026-06-01")
    run("log", "walk", "--with", "Maya", "--with", "Sam", "--on", "2026-06-05")
    assert run("know", "Maya", "Ana", "Leo").stdout == (
        "Noted: Maya López, Ana Okafor and Leo Martins know each other.\n"
    )
    knows = json.loads(run("show", "Maya", "--json").stdout)["gettogethers"]["knows"]
    # Most shared get-togethers first, then by name.
    assert knows == [
        {"id": 2, "name": "Sam Carter", "recorded": False, "together": 2,
         "last_together": "2026-06-05"},
        {"id": 3, "name": "Ana Okafor", "recorded": True, "together": 0, "last_together": None},
        {"id": 4, "name": "Leo Martins", "recorded": True, "together": 0, "last_together": None},
    ]  # fmt: skip
    assert run("know", "Maya", "Sam", "--forget").stdout == (
        "Nothing recorded for Maya López and Sam Carter.\n"
        "They still count as knowing each other: they were at a get-together together.\n"
    )
    assert run("know", "Ana", "Leo", "--forget").stdout == (
        "Forgot that Ana Okafor and Leo Martins know each other.\n"
    )
    assert run("know", "Maya", "maya", expect=5).stderr == (
        "Name two different people: supportnet know Maya Sam.\n"
    )
    # One name is a name left out: the command line is wrong, as with a missing argument.
    assert run("know", "Maya", expect=2).stderr == (
        "Name two different people: supportnet know Maya Sam.\n"
    )
    assert run("know", "Maya", "--forget", expect=2).stderr == (
        "Name two different people: supportnet know Maya Sam --forget.\n"
    )


def test_show_has_contact_plans_groups_and_recent(run, three):
    run("log", "coffee", "--with", "Maya", "--on", "2026-06-01", "--online")
    run("log", "walk", "--with", "Maya", "--with", "Sam", "--on", "2026-05-20")
    run("plan", "coffee", "--with", "Maya", "--every", "2 weeks", "--on", "tue")
    run("group", "add", "Chorus", "--kind", "chorus", "--person", "Maya")
    section = json.loads(run("show", "Maya", "--json").stdout)["gettogethers"]
    assert section["count"] == 2
    assert (section["last_contact"], section["last_in_person"]) == ("2026-06-01", "2026-05-20")
    assert [e["id"] for e in section["recent"]] == [1, 2]
    assert section["plans"] == [{"id": 1, "title": "coffee", "status": "active"}]
    assert section["groups"] == [{"id": 1, "name": "Chorus"}]
    out = run("show", "Maya").stdout
    assert "  last seen: 9 days ago\n" in out
    assert "  in person: 3 weeks ago\n" in out
    assert "  plans:     coffee (#1, active)\n" in out
    assert "  knows:     Sam Carter (1 together)\n" in out
    assert out.endswith(
        "  recent (2 in all):\n"
        "    #1 2026-06-01 coffee (online)\n"
        "    #2 2026-05-20 walk with Sam Carter (in person)\n"
    )
    # One column for every label of the profile, the contact lines' too.
    run("edit", "Maya", "--met", "at school")
    out = run("show", "Maya").stdout
    assert "  how you met: at school\n" in out
    assert "  knows:       Sam Carter (1 together)\n" in out


def test_removing_a_person_keeps_shared_get_togethers(run, three):
    run("log", "dinner", "--with", "Maya", "--with", "Sam")
    run("log", "coffee", "--with", "Sam", "--on", "yesterday")
    run("remove", "Sam", "--yes")
    assert [(e["id"], [p["name"] for p in e["people"]]) for e in history(run)] == [
        (1, ["Maya López"])
    ]


def test_a_get_together_with_no_description(run, three):
    assert run("log", "--with", "Ana", "--on", "2 days ago").stdout == (
        "Logged get-together with Ana Okafor on Mon 8 June 2026 (in person) as #1.\n"
    )
    (entry,) = history(run)
    assert (entry["title"], entry["what"], entry["kind"]) == ("get-together", None, "other")


def test_history_says_when_it_shows_only_the_newest(run):
    # 50 of 55 shown, and not a word that there were more.
    run("add", "Sam")
    for day in range(1, 6):
        run("log", "coffee", "--with", "Sam", "--on", f"2026-06-0{day}")
    out = run("history", "--limit", "3").stdout
    assert out.count("coffee") == 3
    assert out.endswith(
        "The newest 3 are shown; there are more (--limit 0 for all, or --since DATE).\n"
    )
    assert "there are more" not in run("history", "--limit", "5").stdout
    assert "there are more" not in run("history", "--limit", "0").stdout
    assert len(json.loads(run("history", "--limit", "3", "--json").stdout)) == 3


def test_history_and_why_go_to_the_pager_whole(run, monkeypatch, tmp_path):
    # On a terminal only the table went to the pager: history's "there are more" line
    # and why's opening lines were printed outside it (hidden by a pager that clears).
    import sys

    from supportnet import render

    run("add", "Sam")
    for day in range(1, 6):
        run("log", "coffee", "--with", "Sam", "--on", f"2026-06-0{day}")
    paged = tmp_path / "paged.txt"
    monkeypatch.setattr(render, "is_terminal", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LINES", "4")
    monkeypatch.setenv("PAGER", f"{sys.executable} -c \"import sys; open(r'{paged}', 'w')"
                                ".write(sys.stdin.read())\"")  # fmt: skip
    assert run("history", "--limit", "3").stdout == ""
    text = paged.read_text(encoding="utf-8")
    assert text.count("coffee") == 3 and text.endswith("(--limit 0 for all, or --since DATE).\n")
    assert run("why", "Sam").stdout == ""
    text = paged.read_text(encoding="utf-8")
    assert text.startswith("Sam (#1): ") and "│ total" in text


def test_show_names_the_first_of_many_people_known_and_how_many_more(run):
    # `show` printed one line of 1,770 names (580 rows of a terminal).
    run("add", "Maya")
    for n in range(1, 16):
        run("add", f"Friend {n:02d}")
    run("log", "coffee", "--with", "Maya", "--with", "Friend 01", "--with", "Friend 02")
    run("know", "Maya", *[f"Friend {n:02d}" for n in range(3, 16)])
    knows = next(ln for ln in run("show", "Maya").stdout.splitlines() if "knows:" in ln)
    assert (
        knows.startswith("  knows:") and "Friend 01 (1 together), Friend 02 (1 together), " in knows
    )
    assert knows.endswith(" and 3 more")
    assert len(json.loads(run("show", "Maya", "--json").stdout)["gettogethers"]["knows"]) == 15
