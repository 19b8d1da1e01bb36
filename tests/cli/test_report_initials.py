"""`report --initials` and `--for-therapist`: no recorded name survives, in any spelling."""

from __future__ import annotations

import re
from html import unescape

import pytest

from supportnet.text import fold

#: Who is recorded (names and a nickname); the network below writes them in every free
#: text a report shows, spelled with and without accents, in any case.
PEOPLE = {"Maya López": ["Mayita"], "Zoë Chen": [], "Hélène Weiss": [], "Søren Ångström": []}
ALL = ("goals,check-ins,review,people,safety-plan",)

MEASURE = """\
name = "weekly-contact"
title = "Weekly contact (Dr. WEISS)"
citation = "Written by Helene Weiss for soren, 2026; not a validated scale."
scoring = "sum"

[[items]]
text = "This week I had people I could turn to."
options = [["hardly ever", 1], ["often", 2]]

[[bands]]
from = 1
to = 1
label = "a week without mayita"

[[bands]]
from = 2
to = 2
label = "a MAYA and Zoe week"
"""


def _recorded() -> list[str]:
    """Every recorded name and nickname, and each word of them three letters or longer,
    also as typed without a stroke ("Soren")."""
    names = [n for name, nicks in PEOPLE.items() for n in (name, *nicks)]
    names += [w for n in names for w in n.split() if len(w) >= 3]
    return names + [n.replace("ø", "o") for n in names if "ø" in n]


def _left(output: str) -> list[str]:
    """The recorded names (folded, as whole words) still in ``output`` (HTML read as text)."""
    folded = fold(unescape(output))
    return [n for n in _recorded() if re.search(rf"(?<!\w){re.escape(fold(n))}(?!\w)", folded)]


@pytest.fixture
def spelled(run, tmp_path):
    """A network whose groups, places, goals, plan, resources and measure name people."""
    for name, nicks in PEOPLE.items():
        run("add", name, *(a for n in nicks for a in ("--nickname", n)))
    run("edit", "Maya", "--circle", "close")
    for group in ("Lopez family dinners", "ZOE'S book club", "Walks with soren"):
        run("group", "add", group, "--kind", "other")
    run("log", "--group", "Lopez family dinners", "--with", "Maya", "--on", "2026-06-01")
    run("log", "--group", "ZOE'S book club", "--with", "Zoë", "--on", "2026-06-03")
    run("log", "--group", "Walks with soren", "--on", "2026-06-05")
    run("log", "tea at Mayita's", "--with", "Søren", "--place", "Ångstrom's", "--on", "2026-06-08")
    run("lean-on", "Maya", "--ask-for-help", "--note", "call Mayita, not HELENE")
    run("lean-on", "--place", "Zoe's sofa", "--takes-mind-off")
    run("lean-on", "--place", "a walk with mayita", "--takes-mind-off")
    run("lean-on", "--group", "ZOE'S book club", "--takes-mind-off")
    run("resources", "add", "Dr. Weiss", "--kind", "therapist", "--phone", "555 0199")
    run("resources", "add", "Maya's sister", "--kind", "other", "--phone", "555 0123")
    run("resources", "add", "HÉLÈNE WEISS (clinic)", "--kind", "other", "--phone", "555 0145")
    run("help-now", "edit", "-s", "warning-signs", "-l", "I stop calling MAYA LOPEZ back",
        "-l", "soren's worry")  # fmt: skip
    run("help-now", "edit", "-s", "reasons", "-l", "zoë and helene", "-l", "Ångström")
    run("--today", "2026-05-01", "goal", "add", "call Mayita and ZOË", "--kind", "reach out",
        "--target", "2")  # fmt: skip
    run("--today", "2026-05-01", "goal", "add", "go to 1 group meeting a week",
        "--group", "Lopez family dinners")  # fmt: skip
    measure = tmp_path / "weekly.toml"
    measure.write_text(MEASURE, encoding="utf-8")
    run("check-in", "add-measure", str(measure))
    run("--today", "2026-06-03", "check-in", "--measure", "weekly-contact", "--answer", "1=1")
    run("check-in", "--measure", "weekly-contact", "--answer", "1=2")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("mode", ["--initials", "--for-therapist"])
def test_no_recorded_name_is_left_in_any_spelling(run, spelled, mode, fmt) -> None:
    text = run("report", mode, "--format", fmt, "--include", *ALL).stdout
    assert _left(text) == []
    words = fold(unescape(text))
    # The rest of the words stay, and every part was there to be reduced.
    for part in (
        "l. family dinners",
        "z.'s book club",
        "walks with s.",
        "z.'s sofa",
        "dr. w.",
        "weekly contact (dr. w.)",
        "written by h. w. for s.",
        "a m. and z. week",
        "i stop calling m. l. back",
        "z. and h.",
        "call m. and z.",
        "m.'s sister",
    ):
        assert part in words, part  # fmt: skip


def test_names_stay_when_asked_for(run, spelled) -> None:
    """The same network with --names: every name is there (so the test above reads
    text that held them)."""
    for fmt in ("md", "html"):
        text = run("report", "--for-therapist", "--names", "-f", fmt, "--include", *ALL).stdout
        assert set(_left(text)) >= {"Maya López", "Zoë Chen", "Weiss", "Mayita", "Søren"}
