"""Resources, who helps in a hard moment (lean-on), and the help-now screen."""

from __future__ import annotations

import json
import re
import time

from tests.progress_data import community, opened, person

EMERGENCY = (
    "In an emergency, or if you might not stay safe, contact your local emergency services now.\n"
)


def test_help_now_with_nothing_recorded(run, db_path):
    out = run("help-now").stdout
    assert out.startswith("When things are hard\n\nNothing is recorded here yet.")
    assert 'supportnet lean-on "Maya" --takes-mind-off' in out
    assert 'supportnet lean-on "Ana" --ask-for-help' in out
    assert "supportnet resources add" in out
    # every section a person writes in their own words is offered, not only the first two
    for section in ("warning-signs", "on-my-own", "safer-surroundings", "reasons"):
        assert f"supportnet help-now edit --section {section}\n" in out
    assert out.endswith(EMERGENCY)
    # No national number is hard-coded in the screen.
    assert not re.search(r"\d", out)
    assert "supportnet help-now edit --section warning-signs" in out
    data = json.loads(run("help-now", "--json").stdout)
    plan = {"warning_signs": [], "on_my_own": [], "safer_surroundings": [], "reasons": []}
    assert data == {"takes_mind_off": [], "ask_for_help": [], "resources": [], "plan": plan,
                    "review": {"last_reviewed": None, "due_on": None, "due": False},
                    "review_note": None, "currency": "none written here yet.",
                    "warnings": [{"kind": "no_one", "person": None, "text": (
                        "No one is listed yet as someone you can ask for help. When you "
                        "think of someone: supportnet lean-on NAME --ask-for-help.")}],
                    "emergency": EMERGENCY.strip()}  # fmt: skip


def test_help_now_is_fast_on_a_new_database(run):
    start = time.perf_counter()
    run("help-now")
    assert time.perf_counter() - start < 2


def test_help_now_on_a_damaged_database_still_reminds(run, db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database")
    result = run("help-now", expect=8)
    assert result.stdout == EMERGENCY
    assert "is not a supportnet database" in result.stderr


def _fill(run, db_path):
    with opened(db_path) as conn:
        person(conn, "Maya López", phone="555 0101")
        person(conn, "Ana Ruiz", phone="555-0102")
        conn.execute(
            "INSERT INTO person_contact (person_id, kind, value) VALUES (2, 'phone', '555-0103')"
        )
        person(conn, "Old Friend", phone="555 0000")
        community(conn, "Community chorus")
    run("lean-on", "Maya", "--takes-mind-off", "--ask-for-help")
    run("lean-on", "Ana", "--ask-for-help", "--note", "call, don't text")
    run("lean-on", "Old", "--ask-for-help")
    run("archive", "Old Friend")
    run("lean-on", "--group", "chorus", "--takes-mind-off")
    run("lean-on", "--place", "a walk by the river", "--takes-mind-off")
    run("resources", "add", "Crisis line", "--phone", "988", "--kind", "hotline")
    run("resources", "add", "Dr. Lee", "--kind", "therapist", "--phone", "555 0199",
        "--note", "Tuesdays")  # fmt: skip
    run("resources", "add", "Peer support", "--kind", "website", "--url", "peers.example.org")


def test_help_now_in_safety_plan_order(run, db_path):
    _fill(run, db_path)
    assert run("help-now").stdout == (
        "When things are hard\n"
        "\n"
        "1. People and places that take your mind off things\n"
        "  Maya López\n"
        "  Community chorus (group)\n"
        "  a walk by the river\n"
        "\n"
        "2. People you can ask for help\n"
        "  Ana Ruiz  555-0102, 555-0103  (call, don't text)\n"
        "  Maya López  555 0101\n"
        "\n"
        "3. Professionals and crisis lines\n"
        "  Dr. Lee (therapist)  555 0199  (Tuesdays)\n"
        "  Crisis line (hotline)  988\n"
        "  Peer support (website)  peers.example.org\n"
        "\n"
        "For a calm moment\n"
        "  Old Friend is listed as someone to ask for help, but is archived. If that has "
        'changed, supportnet lean-on "Old Friend" --ask-for-help --remove.\n'
        "  You can add your own words too — warning signs, things you can do on your own, "
        "making your surroundings safer, reasons that matter to you: "
        "supportnet help-now edit --section warning-signs\n"
        "\n" + EMERGENCY
    )
    data = json.loads(run("help-now", "--json").stdout)
    assert [(e["type"], e["name"]) for e in data["takes_mind_off"]] == [
        ("person", "Maya López"), ("community", "Community chorus"),
        ("place", "a walk by the river"),
    ]  # fmt: skip
    assert data["ask_for_help"][0] == {
        "type": "person", "id": 2, "name": "Ana Ruiz", "role": "ask_for_help",
        "phones": ["555-0102", "555-0103"], "note": "call, don't text",
    }  # fmt: skip
    assert [r["name"] for r in data["resources"]] == ["Dr. Lee", "Crisis line", "Peer support"]


def test_partly_filled_help_now_says_what_is_missing(run, db_path):
    with opened(db_path) as conn:
        person(conn, "Ana Ruiz", phone="555-0102")
    run("lean-on", "Ana", "--ask-for-help")
    out = run("help-now").stdout
    assert "  None yet: supportnet lean-on NAME --takes-mind-off\n" in out
    assert "  Ana Ruiz  555-0102\n" in out
    assert "  None yet: supportnet resources add NAME --kind hotline --phone NUMBER\n" in out
    assert out.endswith(EMERGENCY)


def test_lean_on_messages_and_removal(run, db_path):
    with opened(db_path) as conn:
        person(conn, "Maya López")
    assert run("lean-on", "maya", "--ask-for-help").stdout == (
        "Noted: Maya López — someone you can ask for help. `supportnet help-now` shows it.\n"
    )
    assert run("lean-on", "maya", "--ask-for-help").stdout == (
        "Maya López was already listed as someone you can ask for help.\n"
    )
    # A new note is said to be taken ("already listed" alone read as if nothing changed).
    assert run("lean-on", "maya", "--ask-for-help", "--note", "text first").stdout == (
        "Maya López was already listed as someone you can ask for help;"
        " the note is now “text first”.\n"
    )
    assert "(text first)" in run("help-now").stdout
    assert run("lean-on", "maya", "--ask-for-help", "--note", "").stdout == (
        "Maya López was already listed as someone you can ask for help; the note is removed.\n"
    )
    assert run("lean-on", "Maya", "--ask-for-help", "--takes-mind-off", "--remove").stdout == (
        "Maya López is no longer listed as someone you can ask for help.\n"
    )
    assert run("lean-on", "Maya", "--ask-for-help", "--remove").stdout == (
        "Maya López was not listed as someone you can ask for help; nothing changed.\n"
    )
    assert json.loads(run("help-now", "--json").stdout)["ask_for_help"] == []
    # Said as someone who does it ("listed as takes your mind off things" was not English).
    run("lean-on", "Maya", "--takes-mind-off")
    assert run("lean-on", "Maya", "--takes-mind-off").stdout == (
        "Maya López was already listed as someone who takes your mind off things.\n"
    )
    assert run("lean-on", "Maya", "--takes-mind-off", "--remove").stdout == (
        "Maya López is no longer listed as someone who takes your mind off things.\n"
    )
    # A place or a group is not "someone"; a place starts its sentence with a capital.
    run("lean-on", "--place", "a walk by the river", "--takes-mind-off")
    assert run("lean-on", "--place", "A walk by the river", "--takes-mind-off").stdout == (
        "A walk by the river was already listed as a place that takes your mind off things.\n"
    )


def test_lean_on_an_archived_person_says_help_now_shows_them_once_restored(run, db_path):
    with opened(db_path) as conn:
        person(conn, "Jo Kim")
    run("archive", "Jo")
    assert run("lean-on", "Jo", "--ask-for-help").stdout == (
        "Noted: Jo Kim — someone you can ask for help. Jo Kim is archived: `supportnet"
        ' help-now` shows it once restored (supportnet restore "Jo Kim").\n'
    )
    assert run("lean-on", "Jo", "--ask-for-help", "--note", "evenings").stdout.endswith(
        "; the note is now “evenings”. Jo Kim is archived: `supportnet help-now` shows it once"
        ' restored (supportnet restore "Jo Kim").\n'
    )
    run("group", "add", "Knit")
    run("group", "archive", "Knit")
    assert run("lean-on", "--group", "Knit", "--takes-mind-off").stdout.endswith(
        "Knit is archived: `supportnet help-now` shows it once restored"
        ' (supportnet group restore "Knit").\n'
    )
    assert "Jo Kim" not in run("help-now").stdout.split("For a calm moment")[0]


def test_a_removed_person_leaves_help_now(run, db_path):
    with opened(db_path) as conn:
        person(conn, "Maya López")
    run("lean-on", "Maya", "--takes-mind-off")
    run("lean-on", "Maya", "--ask-for-help")
    # The question says so before anything goes (no answer here: nothing changes).
    asked = run("remove", "Maya", expect=13).stdout
    assert asked.startswith(
        "Remove Maya López (#1)? They are taken out of your safety plan too (takes your"
        " mind off things; someone you can ask for help)."
    )
    run("remove", "Maya", "--yes")
    assert json.loads(run("help-now", "--json").stdout)["takes_mind_off"] == []


def test_resources_listing_and_removal(run):
    assert run("resources").stdout.startswith("No resources yet. Add one:")
    out = run("resources", "add", "Crisis line", "--phone", "988", "--kind", "hotline").stdout
    assert out == "Added Crisis line (hotline) to your resources as #1.\n"
    run("resources", "add", "Dr. Lee", "--kind", "therapist", "--phone", "555 0199")
    assert run("resources").stdout == (
        "id  name         kind       phone     web  note\n"
        "#2  Dr. Lee      therapist  555 0199\n"
        "#1  Crisis line  hotline    988\n"
    )
    listed = json.loads(run("resources", "--json").stdout)
    assert listed[1] == {"id": 1, "name": "Crisis line", "kind": "hotline", "phone": "988",
                         "url": None, "note": None, "added_on": "2026-06-10"}  # fmt: skip
    assert run("resources", "remove", "crisis", "--yes").stdout == (
        "Removed Crisis line (#1) from your resources.\n"
    )
    assert [r["name"] for r in json.loads(run("resources", "--json").stdout)] == ["Dr. Lee"]


def test_help_now_mistakes_change_nothing(run, unchanged, db_path):
    with opened(db_path) as conn:
        person(conn, "Maya López")
    run("resources", "add", "Crisis line", "--phone", "988", "--kind", "hotline")
    cases = [
        (("lean-on", "Maya"), 2, "Say how they help: --ask-for-help, --takes-mind-off, or both."),
        (("lean-on", "--ask-for-help"), 2, "Give one person, or --group NAME, or --place TEXT."),
        (("lean-on", "Maya", "--place", "x", "--ask-for-help"), 2, "Give one person"),
        (("lean-on", "Mia", "--ask-for-help"), 3, "No one called 'Mia' is here."),
        (("lean-on", "--group", "choir", "--ask-for-help"), 3, "No group called 'choir'"),
        (("lean-on", "--place", " ", "--ask-for-help"), 5, "A place cannot be empty."),
        (("resources", "add", "Line", "--kind", "hotlne", "--phone", "1"), 5,
         "Unknown kind of resource 'hotlne'. Did you mean hotline?"),
        (("resources", "add", "Line", "--phone", "call me"), 5,
         "'call me' does not look like a phone number."),
        (("resources", "add", "Line"), 5, "Say how to reach it: --phone, --url"),
        (("resources", "add", "crisis LINE", "--phone", "1"), 6,
         "Crisis line (#1) is already in your resources."),
        (("resources", "remove", "nothing", "--yes"), 3, "No resource called 'nothing'"),
        (("resources", "remove", "crisis"), 13, "Nothing was changed."),
    ]  # fmt: skip
    for args, code, message in cases:
        with unchanged():
            result = run(*args, expect=code, input="n\n")
        assert message in result.stderr, (args, result.stderr)


def test_show_tells_how_someone_helps(run, db_path):
    with opened(db_path) as conn:
        person(conn, "Maya López")
        person(conn, "Sam Carter")
    run("lean-on", "Maya", "--takes-mind-off", "--ask-for-help")
    assert "  in a hard moment: takes your mind off things; someone you can ask for help\n" in (
        run("show", "Maya").stdout
    )
    assert json.loads(run("show", "Maya", "--json").stdout)["safety_roles"] == [
        "takes_mind_off", "ask_for_help"
    ]  # fmt: skip
    assert "in a hard moment" not in run("show", "Sam").stdout
    assert json.loads(run("show", "Sam", "--json").stdout)["safety_roles"] == []


def test_a_kind_the_name_says_is_not_said_twice(run):
    """Issue 11: "Dr. Weiss (therapist)" of kind therapist is not "... (therapist) (therapist)"."""
    out = run("resources", "add", "Dr. Weiss (therapist)", "--kind", "therapist",
              "--phone", "555 0142").stdout  # fmt: skip
    assert out == "Added Dr. Weiss (therapist) to your resources as #1.\n"
    out = run("resources", "add", "City support groups", "--kind", "support group",
              "--url", "groups.example.org").stdout  # fmt: skip
    assert out == "Added City support groups to your resources as #2.\n"
    # A kind only inside another word is still said: "brother" does not say "other".
    out = run("resources", "add", "My brother", "--phone", "555 0143").stdout
    assert out == "Added My brother (other) to your resources as #3.\n"
    screen = run("help-now").stdout
    assert "  Dr. Weiss (therapist)  555 0142\n" in screen
    assert "  City support groups  groups.example.org\n" in screen
    assert "  My brother (other)  555 0143\n" in screen
    # The listing and the JSON keep the kind in its own field, as before.
    assert [r["kind"] for r in json.loads(run("resources", "--json").stdout)] == [
        "therapist", "support group", "other"
    ]  # fmt: skip
