"""The check-ins' part of the review and report, with plain values."""

from __future__ import annotations

from supportnet import trajectories


def _measure(*totals: float) -> dict:
    days = ["2026-05-06", "2026-05-13", "2026-05-20", "2026-05-27", "2026-06-03", "2026-06-10"]
    return {
        "measure": "connection", "title": "How connected I felt this week", "scoring": "mean",
        "range": [1, 5], "last_change": "up 1 since 3 June", "citation": "ours",
        "points": [{"id": i, "date": d, "total": t, "band": None, "subscales": {}}
                   for i, (d, t) in enumerate(zip(days, totals))],
    }  # fmt: skip


def test_the_chart_puts_each_check_in_at_its_height() -> None:
    rows = trajectories.chart(_measure(1, 3, 5), plain=True)
    assert rows == [
        "5 |    *",
        "  |",
        "  |",
        "3 |  *",
        "  |",
        "  |",
        "1 |*",
        "   6 May  20 May",
    ]


def test_expected_against_felt_in_gentle_words() -> None:
    words = trajectories.expected_felt_words
    assert words(None) is None
    assert words({"pairs": 0, "expected": None, "felt_of_pairs": None, "felt_count": 0,
                  "felt": None}) is None  # fmt: skip
    better = words({"pairs": 3, "expected": 2.0, "felt_of_pairs": 4.0, "felt_count": 4,
                    "felt": 4.2})  # fmt: skip
    assert better == ("You expected 2 on average and felt 4 (3 get-togethers with both) — "
                      "time with others is often better than we expect.")  # fmt: skip
    worse = words({"pairs": 1, "expected": 4.0, "felt_of_pairs": 3.0, "felt_count": 1,
                   "felt": 3.0})  # fmt: skip
    assert worse is not None and "it still counts" in worse
    felt_only = words({"pairs": 0, "expected": None, "felt_of_pairs": None, "felt_count": 2,
                       "felt": 3.5})  # fmt: skip
    assert (
        felt_only == "Your get-togethers felt 3.5 on average, from 1 to 5 (2 get-togethers rated)."
    )


def test_the_svg_keeps_every_point_and_date_inside() -> None:
    import xml.etree.ElementTree as ET

    svg = ET.fromstring(trajectories.line_svg(_measure(1, 2, 3, 4, 5, 5)))
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    for c in svg.findall("{*}circle") + svg.findall("circle"):
        assert 0 < float(c.get("cx")) < width and 0 < float(c.get("cy")) < height
    dates = [
        t.text for t in svg.findall("text") if t.text and t.text[0].isdigit() and " " in t.text
    ]
    assert dates[0] == "6 May" and dates[-1] == "10 Jun"
    assert len(dates) == len(set(dates))
