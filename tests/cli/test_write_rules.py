"""The writers' rules seen through the commands: refused input is one plain line and
changes nothing; what a writer keeps is what the commands show."""

from __future__ import annotations

from tests.progress_data import opened, person


def test_refused_input_through_the_cli_changes_nothing(run, unchanged, db_path):
    with opened(db_path) as conn:
        person(conn, "Maya López")
    run("goal", "add", "give 1 favor")
    cases = [
        (("goal", "add", "give 1 favor", "--target", "1001"), 5,
         "A goal of more than 1000 in one period is not a gentle goal."),
        (("resources", "add", " ", "--phone", "1"), 5, "A resource needs a name."),
        (("resources", "add", "Line", "--url", "nowhere"), 5,
         "'nowhere' does not look like a web address."),
        (("resources", "add", "Line", "--phone", " ", "--note", " "), 5,
         "Say how to reach it: --phone, --url, or at least a --note (for example where it is)."),
        (("lean-on", "--place", "\n", "--takes-mind-off"), 5, "A place cannot be empty."),
    ]  # fmt: skip
    for args, code, message in cases:
        with unchanged():
            result = run(*args, expect=code)
        assert result.stderr.strip().endswith(message), (args, result.stderr)
        assert "Traceback" not in result.stderr and "validation error" not in result.stderr


def test_lean_on_note_replaced_kept_or_cleared(run, db_path):
    import json

    with opened(db_path) as conn:
        person(conn, "Ana Ruiz")

    def note() -> str | None:
        return json.loads(run("help-now", "--json").stdout)["ask_for_help"][0]["note"]

    run("lean-on", "Ana", "--ask-for-help", "--note", "call, \r\ndon't text")
    assert note() == "call,\ndon't text"  # a note keeps its lines, as every note does
    assert "  Ana Ruiz  (call, / don't text)" in run("help-now").stdout.splitlines()
    run("lean-on", "Ana", "--ask-for-help")
    assert note() == "call,\ndon't text"
    run("lean-on", "Ana", "--ask-for-help", "--note", "evenings")
    assert note() == "evenings"
    run("lean-on", "Ana", "--ask-for-help", "--note", "")
    assert note() is None


def test_a_slip_changes_nothing_through_the_cli(run, unchanged):
    run("add", "Sam")
    run("event", "Sam", "surgery", "--kind", "illness", "--on", "2026-12-01")
    with unchanged():
        result = run("event", "Sam", "Surgery", "--on", "December 1", "--happy", expect=6)
    assert result.stderr == (
        "That event was just noted (#1). To note a second one, add --again; to take it back, "
        "use `supportnet event undo 1`.\n"
    )
    with unchanged():
        assert run("event", "edit", "1", "--what", " ", expect=5).stderr == (
            "Say what the event was: it cannot be empty.\n"
        )


def test_the_rules_hold_through_the_cli(run, unchanged):
    run("add", "Maya")
    run("group", "add", "Community chorus", "--kind", "chorus", "--meets", "every wed 19:00")
    with unchanged():
        assert run("snooze", "Maya", "--until", "today", expect=5).stderr == (
            "--until must be after today (2026-06-10).\n"
        )
        assert run("dismiss", "chorus", "--group", "--kind", "celebrate", expect=5).stderr == (
            "A group's only suggestion is go-back.\n"
        )
