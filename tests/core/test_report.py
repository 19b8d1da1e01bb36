"""The report's parts, read from --include, with plain values."""

from __future__ import annotations

from supportnet.report import parse_include


def test_parse_include():
    assert parse_include(None) == ["goals", "check-ins", "review", "people"]
    assert parse_include("people, Goals") == ["goals", "people"]


def test_the_report_written_line_by_line_is_the_report_text():
    """`report` writes ``markdown_lines``/``html_pieces`` as they come (a year of a
    large network is megabytes): with their line breaks, they are the text exactly."""
    import datetime as dt

    from supportnet import report
    from supportnet.render import with_breaks
    from supportnet.review import ReviewFacts, build_review

    today = dt.date(2026, 6, 10)
    seen = [(i, f"Person {i} <&>", 3, i % 3) for i in range(1, 4500)]  # more than a piece
    facts = ReviewFacts(start=dt.date(2026, 5, 14), end=today, gettogethers=9, in_person=4,
                        online=5, people_seen=seen, network_now=4500,
                        heat_start=dt.date(2025, 6, 9), heat_days={dt.date(2026, 6, 1): 2},
                        )  # fmt: skip
    review = {**build_review(facts, today), "support_roles": {}}
    for whole, lines in ((report.markdown, report.markdown_lines),
                         (report.html, report.html_pieces)):  # fmt: skip
        text = whole(review, report.parse_include(None), today)
        assert "Person 4499" in text and text.endswith("\n")
        pieces = list(with_breaks(lines(review, report.parse_include(None), today)))
        assert len(pieces) > 1
        assert "".join(pieces) == text
