"""Check-ins in the review and the report, pure: each measure's line over time, the
records beside each point, and expected against felt.

The data comes from ``store.checkins.review_part`` as JSON-ready dicts (the review's
``check_ins`` and ``expected_felt``); this module turns them into lines of text, a
chart for the terminal, Markdown, and an inline SVG line chart for the HTML page.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from supportnet.checkins import number_text
from supportnet.text import count_of

#: Rows of the terminal chart, highest score at the top.
CHART_ROWS = 7
#: Points listed with their records under the terminal chart.
LISTED = 6


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _short(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


def records_words(records: dict[str, Any]) -> str:
    """'in touch with 4 (2 in person) · 2 to lean on · 1 group · favors 1 given, 0 received'."""
    parts = [f"in touch with {records['people']} ({records['in_person']} in person)"]
    parts.append(f"{records['lean_on']} to lean on")
    parts.append(count_of(records["communities"], "group"))
    parts.append(f"favors {records['favors_given']} given, {records['favors_received']} received")
    return " · ".join(parts)


def with_initials(part: dict[str, Any], redact: Any) -> dict[str, Any]:
    """The review's ``check_ins`` with known names reduced (``redact``, a
    ``initials.name_redactor``) in what a measure's file wrote: its title, citation and
    band labels ("Weekly contact (Dr. Weiss)")."""

    def short(measure: dict[str, Any]) -> dict[str, Any]:
        points = [{**p, "band": p["band"] and redact(p["band"])} for p in measure["points"]]
        return {**measure, "title": redact(measure["title"]),
                "citation": redact(measure["citation"]), "points": points}  # fmt: skip

    return {**part, "measures": [short(m) for m in part["measures"]]}


def _scale(measure: dict[str, Any]) -> str:
    low, high = measure["range"]
    return f"{number_text(low)} to {number_text(high)}"


def headline(measure: dict[str, Any], titled: bool = True) -> str:
    """'How connected I felt this week (1 to 5, mean): 3.75 on 10 June, up 0.5 since 3 June';
    without the title: 'Scored 1 to 5 (mean): 3.75 on 10 June, ...'."""
    last = measure["points"][-1]
    change = f", {measure['last_change']}" if measure["last_change"] else ""
    band = f" ({last['band']})" if last["band"] else ""
    scale = f"{measure['title']} ({_scale(measure)}, {measure['scoring']})"
    if not titled:
        scale = f"Scored {_scale(measure)} ({measure['scoring']})"
    return f"{scale}: {number_text(last['total'])}{band} on {_long(_day(last['date']))}{change}"


def chart(measure: dict[str, Any], plain: bool = False) -> list[str]:
    """The totals as a small dot chart: one column per check-in, the scale at the left,
    the first and last dates below."""
    low, high = measure["range"]
    points = measure["points"]
    span = (high - low) or 1
    dot = "*" if plain else "●"
    rows = [[" "] * len(points) for _ in range(CHART_ROWS)]
    for x, p in enumerate(points):
        level = round((p["total"] - low) / span * (CHART_ROWS - 1))
        rows[CHART_ROWS - 1 - max(0, min(CHART_ROWS - 1, level))][x] = dot
    labels = [""] * CHART_ROWS
    labels[0], labels[CHART_ROWS // 2], labels[-1] = (
        number_text(high),
        number_text((low + high) / 2),
        number_text(low),
    )
    width = max(len(label) for label in labels)
    out = [f"{label:>{width}} |" + " ".join(row).rstrip() for label, row in zip(labels, rows)]
    first, last = _short(_day(points[0]["date"])), _short(_day(points[-1]["date"]))
    axis = " " * (width + 2) + first
    end = width + 2 + 2 * len(points) - 1  # just after the last column
    if len(points) > 1:
        axis += " " * max(2, end - len(axis) - len(last)) + last
    out.append(axis)
    return out


def review_lines(review: dict[str, Any], plain: bool) -> list[str]:
    """The review's check-ins: each measure's headline, chart and last check-ins with
    what the records say for their weeks; then expected against felt."""
    out: list[str] = []
    part = review.get("check_ins")
    if part and part["measures"]:
        out += ["", "Check-ins"]
        for measure in part["measures"]:
            out.append(f"  {headline(measure)}")
            since = _long(_day(measure["points"][0]["date"]))
            out.append(f"    {count_of(len(measure['points']), 'check-in')} since {since}")
            if len(measure["points"]) > 1:
                out += ["    " + row for row in chart(measure, plain)]
            out.append("    What your records say for the week up to each check-in:")
            for p in measure["points"][-LISTED:]:
                out.append(f"    {_short(_day(p['date'])):>6}  {number_text(p['total']):>5}  "
                           f"{records_words(p['records'])}")  # fmt: skip
            hidden = len(measure["points"]) - LISTED
            if hidden > 0:
                out.append(f"    ({hidden} earlier: supportnet check-in list)")
    words = expected_felt_words(review.get("expected_felt"))
    if words:
        out += ["", "Expected and felt", f"  {words}"]
    return out


def expected_felt_words(data: dict[str, Any] | None) -> str | None:
    """'You expected 2 on average and felt 4 (3 get-togethers) — often it is better than
    we expect.'; None when nothing was rated."""
    if not data or not (data["pairs"] or data["felt_count"]):
        return None
    if data["pairs"]:
        expected, felt = data["expected"], data["felt_of_pairs"]
        text = (
            f"You expected {number_text(expected)} on average and felt {number_text(felt)} "
            f"({count_of(data['pairs'], 'get-together')} with both)"
        )
        if felt > expected:
            return text + " — time with others is often better than we expect."
        if felt == expected:
            return text + " — just as you thought."
        return text + " — some times are like that; it still counts."
    return (
        f"Your get-togethers felt {number_text(data['felt'])} on average, from 1 to 5 "
        f"({count_of(data['felt_count'], 'get-together')} rated)."
    )


# --- the report -----------------------------------------------------------------------


def markdown(review: dict[str, Any], escape_md: Any) -> list[str]:
    """The report's check-ins section in Markdown (``escape_md`` makes text safe)."""
    part = review.get("check_ins")
    out = ["## Check-ins", ""]
    if not part or not part["measures"]:
        out += ["No check-ins for these dates.", ""]
    else:
        for measure in part["measures"]:
            out += [
                f"### {escape_md(measure['title'])}",
                "",
                f"{escape_md(headline(measure, False))}.",
            ]
            out += ["", f"_{escape_md(measure['citation'])}_", "", "```text"]
            out += [*chart(measure, plain=True), "```", ""]
            out += [
                "| Date | Score | In touch (in person) | To lean on | Groups "
                "| Favors given / received |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
            ]
            for p in measure["points"]:
                r = p["records"]
                band = f" ({escape_md(p['band'])})" if p["band"] else ""
                out.append(
                    f"| {p['date']} | {number_text(p['total'])}{band} | {r['people']} "
                    f"({r['in_person']}) | {r['lean_on']} | {r['communities']} | "
                    f"{r['favors_given']} / {r['favors_received']} |"
                )
            out.append("")
    words = expected_felt_words(review.get("expected_felt"))
    if words:
        out += ["### Expected and felt", "", escape_md(words), ""]
    return out


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def line_svg(measure: dict[str, Any]) -> str:
    """A measure's totals as an inline SVG line chart: the scale at the left, dates
    below, each point with its date and score, and the last change written under it."""
    low, high = measure["range"]
    points = measure["points"]
    width, height = 520, 190
    left, right, top, bottom = 40, 16, 14, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    span = (high - low) or 1
    first, last = _day(points[0]["date"]), _day(points[-1]["date"])
    days = max((last - first).days, 1)

    def x_of(day: dt.date) -> float:
        if len(points) == 1:
            return left + plot_w / 2
        return left + plot_w * (day - first).days / days

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / span)

    label = f"{measure['title']}: {headline(measure)}"
    parts = [
        f'<svg role="img" aria-label="{_e(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    ]
    for value in (low, (low + high) / 2, high):
        y = y_of(value)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                     'stroke="#ddd" stroke-width="1"/>')  # fmt: skip
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f"{_e(number_text(value))}</text>")  # fmt: skip
    xy = [(x_of(_day(p["date"])), y_of(p["total"])) for p in points]
    if len(xy) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#4a7fb5" stroke-width="2"/>')
    for (x, y), p in zip(xy, points):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#4a7fb5">'
            f"<title>{_e(p['date'])}: {_e(number_text(p['total']))}</title></circle>"
        )
    # Dates: the first, the last, and those between with room around them.
    base = top + plot_h + 16
    chosen = [0]
    for i in range(1, len(xy) - 1):
        if xy[i][0] - xy[chosen[-1]][0] >= 64 and xy[-1][0] - xy[i][0] >= 64:
            chosen.append(i)
    if len(xy) > 1:
        chosen.append(len(xy) - 1)
    for i in chosen:
        x = xy[i][0]
        anchor = "end" if x > width - right - 30 else "start" if x < left + 30 else "middle"
        parts.append(f'<text x="{x:.1f}" y="{base}" text-anchor="{anchor}">'
                     f"{_e(_short(_day(points[i]['date'])))}</text>")  # fmt: skip
    words = measure["last_change"] or "one check-in so far"
    parts.append(f'<text x="{left}" y="{height - 12}">Last: '
                 f"{_e(number_text(points[-1]['total']))} on {_e(_short(last))}, "
                 f"{_e(words)}</text>")  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def html(review: dict[str, Any]) -> list[str]:
    """The report's check-ins section as HTML: a line chart per measure, the records
    beside each check-in, and expected against felt."""
    part = review.get("check_ins")
    body = ['<section id="check-ins"><h2>Check-ins</h2>']
    if not part or not part["measures"]:
        body.append("<p>No check-ins for these dates.</p>")
    for measure in part["measures"] if part else []:
        body.append(f"<h3>{_e(measure['title'])}</h3>")
        body.append(f"<p>{_e(headline(measure, False))}.</p>")
        body.append(line_svg(measure))
        body.append(f'<p class="range">{_e(measure["citation"])}</p>')
        body.append(
            '<table><thead><tr><th>Date</th><th class="n">Score</th>'
            '<th class="n">In touch (in person)</th><th class="n">To lean on</th>'
            '<th class="n">Groups</th><th class="n">Favors given / received</th>'
            "</tr></thead><tbody>"
        )
        for p in measure["points"]:
            r = p["records"]
            band = f" ({_e(p['band'])})" if p["band"] else ""
            body.append(
                f'<tr><td>{_e(p["date"])}</td><td class="n">{_e(number_text(p["total"]))}'
                f'{band}</td><td class="n">{r["people"]} ({r["in_person"]})</td>'
                f'<td class="n">{r["lean_on"]}</td><td class="n">{r["communities"]}</td>'
                f'<td class="n">{r["favors_given"]} / {r["favors_received"]}</td></tr>'
            )
        body.append("</tbody></table>")
    words = expected_felt_words(review.get("expected_felt"))
    if words:
        body.append(f"<h3>Expected and felt</h3><p>{_e(words)}</p>")
    body.append("</section>")
    return body
