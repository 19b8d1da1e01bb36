"""`supportnet merge KEEP OTHER`: one person added twice becomes one again, with the
history of both (the question, --yes, a no, the refusals, a JSON round trip after)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import dump


@pytest.fixture
def twice(run) -> None:
    """Sam Carter (#1) and Sam Carter-Jones (#2), the same friend; Maya (#3); Leo (#4)."""
    run("add", "Sam Carter", "--tag", "climbing", "--note", "old job")
    run("add", "Sam Carter-Jones", "--force", "--tag", "Climbing", "--tag", "choir",
        "--phone", "555 0100", "--email", "sam@example.org", "--birthday", "March 14")  # fmt: skip
    run("add", "Maya")
    run("add", "Leo")
    run("log", "coffee", "--with", "#1", "--with", "#2", "--on", "2026-05-01")
    run("log", "walk", "--with", "#2", "--with", "Maya", "--on", "2026-06-01")
    run("log", "call", "--with", "#2", "--online", "--on", "2026-04-01")
    run("log", "climbing", "--with", "#1", "--on", "2026-03-01")
    run("favor", "soup", "--for", "#2", "--on", "2026-05-05")
    run("event", "#2", "new job", "--on", "2026-05-03", "--happy")
    run("plan", "lunch", "--with", "#2", "--every", "month", "--starting", "2026-06-20")
    run("group", "add", "Chorus", "--kind", "chorus")
    run("group", "join", "Chorus", "--person", "#2")
    run("know", "#2", "Leo")


QUESTION = (
    "Merge Sam Carter-Jones (#2) into Sam Carter (#1)? 3 get-togethers (1 shared with both: "
    "kept once), 1 favor, 1 life event, 1 plan, 1 group and 1 person they know move to Sam "
    "Carter; Sam Carter is also called 'Sam Carter-Jones'; Sam Carter-Jones's tag, phone and "
    "email are added to theirs; Sam Carter takes Sam Carter-Jones's birthday."
)


def test_merge_asks_then_folds_the_other_into_the_one_kept(run, twice, unchanged) -> None:
    before = json.loads(run("history", "--json").stdout)
    with unchanged():
        result = run("merge", "Sam Carter", "Sam Carter-Jones", input="n\n", expect=13)
    assert result.stdout == QUESTION + " [y/N]: n\n"  # (the runner echoes the answer)
    assert result.stderr == "Nothing was changed.\n"
    result = run("merge", "Sam Carter", "Sam Carter-Jones", "--yes")
    assert result.stdout == "Merged Sam Carter-Jones (#2) into Sam Carter (#1).\n"
    # Every get-together is still there, with Sam Carter where either of them was.
    after = json.loads(run("history", "--json").stdout)
    assert [g["id"] for g in after] == [g["id"] for g in before] == [2, 1, 3, 4]
    assert [[p["name"] for p in g["people"]] for g in after] == [
        ["Maya", "Sam Carter"], ["Sam Carter"], ["Sam Carter"], ["Sam Carter"]]  # fmt: skip
    assert [g["id"] for g in json.loads(run("history", "Sam Carter", "--json").stdout)] == [
        2, 1, 3, 4]  # fmt: skip
    shown = json.loads(run("show", "Sam Carter", "--json").stdout)
    person = shown["person"]
    assert person["nicknames"] == ["Sam Carter-Jones"] and person["tags"] == ["choir", "climbing"]
    assert person["birthday"] == {"month": 3, "day": 14, "year": None}
    assert (person["phones"], person["emails"]) == (["555 0100"], ["sam@example.org"])
    seen = shown["gettogethers"]
    assert (seen["count"], seen["last_contact"], seen["last_in_person"]) == (
        4, "2026-06-01", "2026-06-01")  # fmt: skip
    assert [k["name"] for k in seen["knows"]] == ["Maya", "Leo"]
    assert [p["title"] for p in seen["plans"]] == ["lunch"]
    assert [g["name"] for g in seen["groups"]] == ["Chorus"]
    assert [e["what"] for e in shown["life_events"]] == ["new job"]
    assert shown["support"]["given"] == 1
    assert [p["name"] for p in json.loads(run("people", "--json").stdout)] == [
        "Leo", "Maya", "Sam Carter"]  # fmt: skip
    # The other name now means the one kept.
    assert json.loads(run("show", "Sam Carter-Jones", "--json").stdout)["person"]["id"] == 1


def test_an_archived_keep_is_said_and_stays_archived(run, twice) -> None:
    run("archive", "Sam Carter")
    result = run("merge", "#1", "#2", input="n\n", expect=13)
    assert result.stdout.endswith(
        "Sam Carter is archived and stays so: merging restores no one (`supportnet restore` "
        "does). [y/N]: n\n"
    )
    run("merge", "#1", "#2", "--yes")
    assert json.loads(run("show", "#1", "--json").stdout)["person"]["archived_on"] == "2026-06-10"


@pytest.mark.parametrize(
    "keep, other, code, message",
    [
        ("Sam Carter", "#1", 2,
         "Sam Carter (#1) was named twice: give two different people to merge."),
        ("Sam Carter", "Nobody", 3, "No one called 'Nobody' is here."),
        ("Sam", "Leo", 4, "'Sam' could be Sam Carter (#1) or Sam Carter-Jones (#2); use more "
         "of the name or the #id."),
    ],
)  # fmt: skip
def test_merge_refuses_what_names_no_two_people(run, twice, unchanged, keep, other, code,
                                                message) -> None:  # fmt: skip
    with unchanged():
        result = run("merge", keep, other, "--yes", expect=code)
    assert result.stderr == message + "\n"


def test_the_merged_database_goes_through_a_json_round_trip(run, twice, db_path, tmp_path):
    run("merge", "#1", "#2", "--yes")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    run("export", "--format", "json", "-o", str(first))
    fresh = tmp_path / "fresh" / "supportnet.db"
    assert run("--db", str(fresh), "import", str(first)).stdout.startswith("Imported 3 people")
    run("--db", str(fresh), "export", "--format", "json", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()

    def rows(path: Path) -> list[str]:
        return [line for line in dump(path).splitlines() if "schema_migration" not in line]

    assert rows(fresh) == rows(db_path)
