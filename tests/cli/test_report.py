"""The shareable report: Markdown and one self-contained HTML page, with initials."""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from html import escape
from html.parser import HTMLParser

import pytest

from tests.progress_data import community, favor, meet, opened, person

NAMES = ("Maya", "López", "Sam", "Carter", "Ana", "Ruiz", "Lopez")
VOID = {"meta", "br", "img", "hr", "link", "input"}


@pytest.fixture
def network(db_path, run):
    with opened(db_path) as conn:
        maya = person(conn, "Maya López", added="2026-02-10", circle="close")
        sam = person(conn, "Sam Carter", added="2026-03-02")
        ana = person(conn, "Ana Ruiz", added="2026-05-20", circle="prospect")
        choir = community(conn, "Sam's <choir> & friends")
        for day in ("2026-05-12", "2026-05-19", "2026-05-26", "2026-06-02"):
            meet(conn, day, [maya])
        meet(conn, "2026-06-05", [maya, sam], in_person=False, kind="video")
        meet(conn, "2026-06-09", [ana])
        meet(conn, "2026-06-10", [sam], community_id=choir, kind="group meeting")
        favor(conn, "2026-06-07", [sam])
    run("--today", "2026-05-01", "goal", "add", "see Maya in person weekly", "--target", "1")
    run("--today", "2026-05-01", "goal", "add", "reach out to 2 people")


class _Checker(HTMLParser):
    """Checks that every element is closed in order, and collects what refers outside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "srcset", "background"):
                self.problems.append(f"{tag} {name}={value}")
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def _check_html(text: str) -> None:
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    root = ET.fromstring(text)  # well-formed XML as well as HTML
    assert root.tag == "html"
    assert root.find("head/meta").get("charset") == "utf-8"
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert "script" not in checker.tags and "iframe" not in checker.tags
    lowered = text.lower()
    for needle in ("http:", "https:", "//", "<script", "@import", "url(", "src=", "href=",
                   "javascript:", "data:"):  # fmt: skip
        assert needle not in lowered, needle


def _no_names(text: str) -> None:
    for name in NAMES:
        assert not re.search(rf"(?<!\w){name}(?!\w)", text, re.IGNORECASE), name


@pytest.mark.parametrize("initials", [False, True])
def test_html_report(run, network, initials):
    args = ["report", "--since", "2026-05-11", "--format", "html"]
    text = run(*args, *(["--initials"] if initials else [])).stdout
    _check_html(text)
    assert "<title>Progress report: 11 May – 10 June 2026</title>" in text
    assert text.count("<svg ") == 3  # heat map, circles, spread
    assert '<rect x="34" y="' in text and "<title>2026-06-09: 1</title>" in text
    assert "Sam&#x27;s &lt;choir&gt; &amp; friends" in text or "S.&#x27;s" in text
    if initials:
        _no_names(text)
        assert "<td>M. L.</td>" in text
        assert ">M. L.</text>" in text  # the spread chart too
        assert "see M. in person weekly" in text
        assert "First get-together with A. R. — welcome to your network." in text
    else:
        assert "<td>Maya López</td>" in text and ">Maya López</text>" in text
        assert "First get-together with Ana Ruiz — welcome to your network." in text


@pytest.mark.parametrize("initials", [False, True])
def test_markdown_report(run, network, initials):
    args = ["report", "--since", "2026-05-11"]
    text = run(*args, *(["--initials"] if initials else [])).stdout
    assert text.startswith("# Progress report: 11 May – 10 June 2026\n\n## Goals\n\n")
    assert "| Goal | Period | Done | How it went |\n| --- | --- | --- | --- |\n" in text
    assert "## What happened\n\n- 7 get-togethers: 6 in person and 1 online\n" in text
    assert "### Worth celebrating\n\n- 5 weeks in a row you saw someone in person.\n" in text
    assert "```text\n    May" in text or "```text\n" in text
    assert "### Your network by circle\n\n```text\ninner         " in text
    assert text.endswith(
        "---\n\n_Made with supportnet on 10 June 2026. It holds private details: share it only "
        "with people you choose._\n"
    )
    if initials:
        _no_names(text)
        assert "| see M. in person weekly (1 a week) | 1–7 June | 1 of 1 in-person " in text
        assert "| M. L. | 5 | 4 |" in text
        assert "M. L.  ####################  5 (62%)" in text
        assert "- 1 community meeting: S.'s \\<choir\\> & friends (1)" in text
    else:
        assert "| Maya López | 5 | 4 |" in text
        assert "- 1 community meeting: Sam's \\<choir\\> & friends (1)" in text


def test_include_chooses_the_parts(run, network):
    text = run("report", "--since", "2026-05-11", "--include", "goals").stdout
    assert "## Goals" in text and "## What happened" not in text and "## People" not in text
    text = run("report", "--include", "people,review", "--format", "html").stdout
    _check_html(text)
    assert 'id="goals"' not in text and 'id="review"' in text and 'id="people"' in text
    assert text.index('id="review"') < text.index('id="people"')


def test_report_default_is_the_last_four_weeks(run, network):
    text = run("report").stdout
    assert text.startswith("# Progress report: 14 May – 10 June 2026\n")


def test_empty_report_is_still_a_page(run):
    text = run("report", "--format", "html").stdout
    _check_html(text)
    assert "No goals were set for these dates." in text
    assert "No get-togethers logged" in text


def test_report_to_a_file(run, network, tmp_path):
    target = tmp_path / "out" / "progress.html"
    target.parent.mkdir()
    out = run("report", "--since", "2026-05-11", "-o", str(target), "--initials").stdout
    assert out == f"Wrote the report (html) to {target}.\n"
    _check_html(target.read_text(encoding="utf-8"))
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert os.listdir(target.parent) == ["progress.html"]  # no temporary file left
    md = tmp_path / "out" / "progress.md"
    run("report", "-o", str(md))
    assert md.read_text(encoding="utf-8").startswith("# Progress report:")
    # Writing again is refused; with --force it replaces the file whole.
    run("report", "--include", "goals", "-o", str(md), expect=6)
    run("report", "--include", "goals", "-o", str(md), "--force")
    assert "## People" not in md.read_text(encoding="utf-8")


def test_report_mistakes(run, unchanged, network, tmp_path):
    cases = [
        (("--format", "pdf"), 5, "Unknown format 'pdf'. Known: md, html."),
        (("--include", "goals,feelings"), 5,
         "Unknown section 'feelings'. Known: goals, check-ins, review, people, safety-plan."),
        (("--include", ","), 5,
         "--include needs one or more of goals, check-ins, review, people, safety-plan."),
        (("--since", "2027-01-01"), 5, "--since 2027-01-01 is after today; give an earlier date."),
        (("-o", str(tmp_path)), 7, f"{tmp_path} is a folder; give a file name for the report."),
    ]  # fmt: skip
    for args, code, message in cases:
        with unchanged():
            result = run("report", *args, expect=code)
        assert result.stderr == message + "\n", (args, result.stderr)


def test_report_into_a_read_only_folder(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("report", "-o", str(folder / "r.md"), expect=7)
    finally:
        folder.chmod(0o700)
    assert result.stderr.startswith(f"Could not write {folder / 'r.md'}:")


def test_markdown_report_never_runs_or_links_what_names_hold(run):
    """Rendered by a CommonMark renderer (raw HTML allowed, as most are), names and
    titles stay text: no <script>, no <img onerror>, no link; an '&lt;' stays as typed."""
    markdown_it = pytest.importorskip("markdown_it")
    names = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
             "[click](javascript:alert(1))", "![i](https://example.com/x.png)",
             "<javascript:alert(1)>", "Amp &lt;b&gt; &#60;i&#62;"]  # fmt: skip
    for name in names:
        run("add", name)
    run("log", "coffee", *[f"--with=#{n}" for n in range(1, len(names) + 1)], "--on", "yesterday")
    run("goal", "add", "<b>bold</b> 1 favor a week", "--kind", "favors")
    text = run("report", "--format", "md").stdout
    rendered = markdown_it.MarkdownIt("commonmark").render(text)
    for tag in ("<script", "<img", "<a ", "<b>", "<i>"):
        assert tag not in rendered, tag
    # As typed in the text itself, not only in the charts' code blocks.
    prose = re.sub(r"<pre>.*?</pre>", "", rendered, flags=re.DOTALL)
    for name in names:
        assert f"First get-together with {escape(name, quote=False)} " in prose, name


def test_a_report_named_pdf_is_refused_with_the_way_to_a_pdf(run, tmp_path, unchanged):
    # Markdown written into r.pdf opened as a broken PDF, without a word.
    target = tmp_path / "r.pdf"
    with unchanged():
        assert run("report", "-o", str(target), expect=5).stderr == (
            f"{target}: the report is Markdown or HTML, not PDF. For a PDF, write it as .html"
            " and print it to PDF from a browser.\n"
        )
    assert not target.exists()


def test_a_quoted_tilde_in_the_report_or_calendar_file_is_the_home_folder(run, tmp_path):
    # `-o "~/r.md"` made a folder named "~" beside the user's files.
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    run("report", "-o", "~/r.md")
    run("calendar", "export", "~/plans.ics")
    assert (home / "r.md").exists() and (home / "plans.ics").exists()
    assert not os.path.exists("~")
