"""The report on paper: printed by headless Chromium to PDF, its pages counted, and
every chart measured against the width of a printed page.

Skipped, with a message, where Chromium is not installed (`apt-get install chromium`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.progress_data import community, favor, meet, opened, person

CHROMIUM = next(
    (found for found in ("/usr/bin/chromium", *(shutil.which(n) for n in (
        "chromium", "chromium-browser", "google-chrome"))) if found and Path(found).exists()),
    None,
)  # fmt: skip
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found (apt-get install chromium): the print test is skipped",
)

#: The width of a printed A4 page inside the report's 12 mm margins, in CSS px.
PRINTED_WIDTH = round((210 - 2 * 12) / 25.4 * 96)  # 703
#: 9 pt, the smallest chart text readable on paper, in CSS px.
READABLE = 9 / 72 * 96  # 12

#: Run inside a copy of the page (never in the report itself, which has no script):
#: apply the page's print rules, then measure every chart.
MEASURE = """<script>
addEventListener("load", () => {
  for (const sheet of document.styleSheets) {
    for (const rule of [...sheet.cssRules]) {
      if (rule.media && rule.media.mediaText.includes("print")) {
        for (const inner of rule.cssRules) {
          if (inner instanceof CSSPageRule) continue;
          sheet.insertRule(inner.cssText, sheet.cssRules.length);
        }
      }
    }
  }
  const found = [];
  for (const svg of document.querySelectorAll("svg")) {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    let smallest = 1e9, outside = 0;
    for (const text of svg.querySelectorAll("text")) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
      const t = text.getBoundingClientRect();
      outside = Math.max(outside, t.right - box.right, box.left - t.left);
    }
    found.push({chart: svg.getAttribute("aria-label"), left: box.left, right: box.right,
                smallest: smallest, outside: outside});
  }
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
});
</script>"""


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def _pdf_pages(tmp_path: Path, page: Path) -> list[str]:
    """The text of each page Chromium prints of ``page``."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (a test dependency) is not installed")
    pdf = tmp_path / f"{page.stem}.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), "Chromium printed nothing"
    pages = [p.extract_text() or "" for p in pypdf.PdfReader(pdf).pages]
    # The same count from the file itself, without pypdf's reading of it.
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) == len(pages)
    return pages


def _measured(tmp_path: Path, page: Path) -> list[dict]:
    copy = tmp_path / f"{page.stem}-measured.html"
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"))
    done = _chromium(tmp_path, f"--window-size={PRINTED_WIDTH},1000", "--virtual-time-budget=5000",
                     "--dump-dom", copy.as_uri())  # fmt: skip
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found, f"the page was not measured: {done.stderr[-500:]}"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def _network(run, db_path) -> None:
    with opened(db_path) as conn:
        maya = person(conn, "Maya López", circle="inner")
        sam = person(conn, "Sam Carter", circle="close")
        ana = person(conn, "Ana Ruiz", circle="friend")
        chorus = community(conn, "Community chorus")
        for day in ("2026-05-20", "2026-05-27", "2026-06-03", "2026-06-07"):
            meet(conn, day, [maya])
        meet(conn, "2026-06-02", [sam, ana], community_id=chorus, kind="group meeting")
        meet(conn, "2025-07-01", [ana], in_person=False)  # a year of the heat map
        favor(conn, "2026-05-30", [sam], direction="received")
    run("goal", "add", "reach out to 2 people", "--per", "week")
    run("lean-on", "Maya", "--ask-for-help")


def test_a_small_report_flows_across_pages(run, db_path, tmp_path) -> None:
    _network(run, db_path)
    with opened(db_path) as conn:  # two more goals, set in March: a long table of goals
        conn.executemany(
            "INSERT INTO goal (title, kind, target, period, created_on)"
            " VALUES (?, ?, 1, 'week', '2026-03-02')",
            [("see 1 person in person", "in_person"), ("go to 1 group meeting", "community")],
        )
    page = tmp_path / "report.html"
    run("report", "--since", "2026-04-13", "--format", "html", "-o", str(page))
    pages = _pdf_pages(tmp_path, page)
    # The goals fill the first page and more; "What happened" goes on right below them
    # rather than being pushed whole onto a page of its own, which left pages part
    # empty (a small report printed on three pages).
    where = next(i for i, text in enumerate(pages) if "What happened" in text)
    assert pages[where].split("What happened")[0].strip(), "a section started a new page"
    # The same page with every section kept whole takes more paper.
    whole = tmp_path / "whole.html"
    whole.write_text(
        page.read_text(encoding="utf-8").replace(
            "</style>", "section { break-inside: avoid; page-break-inside: avoid; }</style>"
        )
    )
    assert len(pages) < len(_pdf_pages(tmp_path, whole))


def test_every_chart_fits_the_page_and_reads_on_paper(run, db_path, tmp_path) -> None:
    _network(run, db_path)
    page = tmp_path / "year.html"
    run("report", "--since", "2025-06-10", "--format", "html", "-o", str(page))  # the widest
    charts = _measured(tmp_path, page)
    assert [c["chart"].split(",")[0] for c in charts] == [
        "Contact per day",
        "People in your network by circle",
        "Get-togethers per person",
    ]
    for c in charts:
        assert c["left"] >= 0 and c["right"] <= PRINTED_WIDTH + 0.5, c  # inside the page
        assert c["smallest"] >= READABLE - 0.01, c  # 9 pt or more on paper
        assert c["outside"] <= 1, c  # no label runs out of its chart


def test_the_report_for_the_next_session_has_its_first_page_first(run, db_path, tmp_path):
    _network(run, db_path)
    page = tmp_path / "session.html"
    run("report", "--for-therapist", "--format", "html", "-o", str(page))
    pages = _pdf_pages(tmp_path, page)
    first = pages[0]
    for part in (
        "For the next session",
        "Safety plan:",
        "Goals, week by week",
        "The network and its support",
        "Someone to ask for help",
    ):
        assert part in first, part  # fmt: skip
    assert "Details" not in first
    assert pages[1].lstrip().startswith("Details")
    assert len(pages) <= 3
    for c in _measured(tmp_path, page):
        assert c["left"] >= 0 and c["right"] <= PRINTED_WIDTH + 0.5, c
        assert c["smallest"] >= READABLE - 0.01, c
        assert c["outside"] <= 1, c
