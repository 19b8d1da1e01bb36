"""Mistakes on the command line itself: one line, exit 2 (README's table)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "args, missing",
    [
        (["why"], "PERSON"),
        (["add"], "NAME"),
        (["plan", "add"], "TITLE"),
        (["log", "edit"], "ENTRY_ID"),
        (["group", "join"], "GROUP"),
    ],
)
def test_a_command_given_nothing_is_one_line_not_its_help(run, args, missing):
    # `supportnet why` printed its whole help (21 lines) on stderr; `plan add` 48.
    result = run(*args, expect=2)
    path = " ".join(["supportnet", *args])
    assert result.stderr == f"Error: Missing argument '{missing}'. Try '{path} -h' for help.\n"
    assert result.stdout == ""


@pytest.mark.parametrize("args", [[], ["plan"], ["group"], ["log"]])
def test_a_group_given_no_command_still_shows_its_help(run, args):
    result = run(*args, expect=2)
    assert (result.stdout + result.stderr).startswith(
        f"Usage: {' '.join(['supportnet', *args])} [OPTIONS] COMMAND [ARGS]..."
    )


def test_a_command_whose_arguments_are_all_optional_says_what_it_needs(run):
    result = run("calendar", "export", expect=2)
    assert result.stderr == "Give the .ics file to write, or --vdir FOLDER (not both).\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["log", "udno", "-w", "Maya"],
         "No such command 'udno'. Did you mean 'undo'? If you meant 'udno' itself, write: "
         "supportnet log add udno ..."),
        (["favor", "udno", "--for", "Maya"],
         "No such command 'udno'. Did you mean 'undo'? If you meant 'udno' itself, write: "
         "supportnet favor add udno ..."),
        (["event", "eddit", "3", "--on", "friday"],
         "No such command 'eddit'. Did you mean 'edit'? If you meant 'eddit' itself, write: "
         "supportnet event add eddit ..."),
        (["check-in", "tkae"], "No such command 'tkae'. Did you mean 'take'?"),
    ],
)  # fmt: skip
def test_a_typo_of_a_sub_command_is_not_taken_as_data(run, unchanged, args, message):
    # `log udno -w maya` logged a get-together "udno"; `favor udno` a favor "udno";
    # `event eddit 3` said "No one called 'eddit'"; `check-in tkae` "unexpected extra argument".
    run("add", "Maya")
    with unchanged():
        result = run(*args, expect=2)
    assert result.stderr == f"Error: {message} Try 'supportnet {args[0]} -h' for help.\n"


def test_a_word_near_a_sub_command_is_taken_when_it_means_something(run):
    run("add", "Maya")
    run("add", "edith")  # a person of that name, written in lower case
    run("log", "add", "udno", "-w", "Maya")  # the way to mean the word itself
    assert run("event", "edith", "new job", "--happy").stdout.startswith("Noted")


def test_one_typo_is_a_letter_added_left_out_changed_or_two_swapped():
    from supportnet.cli.options import _near_command

    commands = ["add", "edit", "undo", "take"]
    assert [_near_command(w, commands) for w in ("udno", "eddit", "edt", "tkae", "undoo")] == [
        "undo", "edit", "edit", "take", "undo",
    ]  # fmt: skip
    # too short, capitalised, several words, or nothing near: what the user means
    assert [_near_command(w, commands) for w in ("aid", "Edith", "un do", "coffee")] == [None] * 4
