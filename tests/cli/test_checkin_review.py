"""Check-ins in `review` and `report`: each measure's trajectory, the records beside it,
the inline SVG line chart, and the --include part."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from tests.cli.test_report import _check_html
from tests.cli.test_report import network as report_network

network = report_network  # the report tests' network: get-togethers, a group, a favor

#: (day, answers to supportnet's own four items): totals 2.5, 3.25, 4.
CHECK_INS = [
    ("2026-05-20", ["1=2", "2=3", "3=3", "4=2"]),
    ("2026-06-03", ["1=3", "2=2", "3=3", "4=3"]),
    ("2026-06-10", ["1=4", "2=1", "3=4", "4=3"]),
]


@pytest.fixture
def checked_in(run, network) -> None:
    run("lean-on", "Maya", "--ask-for-help")
    for day, answers in CHECK_INS:
        args = [part for a in answers for part in ("-a", a)]
        run("check-in", *args, "--on", day)


def test_the_review_shows_the_trajectory_and_the_records_beside_it(run, checked_in) -> None:
    out = run("review").stdout
    assert "Check-ins\n  How connected I felt this week (1 to 5, mean): 4 on 10 June, up 0.75 " \
           "since 3 June\n    3 check-ins since 20 May\n" in out  # fmt: skip
    # The week up to 10 June: Ana (9 June) and Sam at the choir (10 June), Sam online on
    # 5 June; the choir; Sam's favor on 7 June; Maya to lean on.
    assert ("10 Jun      4  in touch with 3 (2 in person) · 1 to lean on · 1 group · "
            "favors 1 given, 0 received") in out  # fmt: skip
    assert "20 May    2.5  in touch with 1 (1 in person)" in out
    assert "●" not in out  # piped: plain characters
    assert " |    *" in out or " |  *" in out


def test_the_review_json_has_each_point_and_its_records(run, checked_in) -> None:
    data = json.loads(run("review", "--json").stdout)
    (measure,) = data["check_ins"]["measures"]
    assert measure["measure"] == "connection" and measure["range"] == [1, 5]
    assert measure["last_change"] == "up 0.75 since 3 June"
    assert [(p["date"], p["total"]) for p in measure["points"]] == [
        ("2026-05-20", 2.5), ("2026-06-03", 3.25), ("2026-06-10", 4.0)]  # fmt: skip
    assert measure["points"][-1]["records"] == {
        "date": "2026-06-10", "people": 3, "in_person": 2, "lean_on": 1, "communities": 1,
        "favors_given": 1, "favors_received": 0}  # fmt: skip


def test_the_report_has_a_line_chart_with_dates_and_the_last_change(run, checked_in) -> None:
    text = run("report", "--format", "html").stdout
    _check_html(text)
    root = ET.fromstring(text)
    section = next(s for s in root.iter("section") if s.get("id") == "check-ins")
    svg = section.find("svg")
    assert svg is not None and "up 0.75 since 3 June" in svg.get("aria-label")
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    circles = svg.findall("circle")
    assert [c.find("title").text for c in circles] == ["2026-05-20: 2.5", "2026-06-03: 3.25",
                                                       "2026-06-10: 4"]  # fmt: skip
    for c in circles:  # every point inside the chart
        assert 0 < float(c.get("cx")) < width and 0 < float(c.get("cy")) < height
    labels = ["".join(t.itertext()) for t in svg.findall("text")]
    assert "20 May" in labels and "10 Jun" in labels
    assert "Last: 4 on 10 Jun, up 0.75 since 3 June" in labels
    rows = section.findall(".//tbody/tr")
    assert ["".join(td.itertext()) for td in rows[-1]] == ["2026-06-10", "4", "3 (2)", "1",
                                                           "1", "1 / 0"]  # fmt: skip


def test_the_markdown_report_and_its_part(run, checked_in) -> None:
    text = run("report").stdout
    assert "## Check-ins" in text
    assert "| 2026-06-10 | 4 | 3 (2) | 1 | 1 | 1 / 0 |" in text
    assert "_supportnet's own check-in: a tracking aid, not a diagnosis" in text
    only = run("report", "--include", "check-ins").stdout
    assert "## Check-ins" in only and "## Goals" not in only
    without = run("report", "--include", "goals,review").stdout
    assert "Check-ins" not in without


def test_without_check_ins_the_review_says_nothing_of_them(run, network) -> None:
    assert "Check-ins" not in run("review").stdout
    assert "No check-ins for these dates." in run("report").stdout
