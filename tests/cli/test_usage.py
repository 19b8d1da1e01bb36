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
