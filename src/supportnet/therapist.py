"""The report made for the next session (`report --for-therapist`): Markdown or HTML.

One page first — the period, a three-line summary, the measures' trajectories, goals
as a matrix (goals x weeks), the map, support roles and how current the safety plan
is — then the details of the ordinary report.  Pure: it takes the review (with the
``map``, ``support_roles`` and ``safety_plan`` the command adds) and returns text.
Names are initials unless the person asks for them (the command decides).  The HTML
stays self-contained: inline CSS and SVG, no script, nothing fetched.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from typing import Any

from supportnet.goals import MET, NOT_MET, PAUSED
from supportnet.render import with_breaks
from supportnet.report import (
    _CHAR,
    _e,
    _md,
    roles_html,
    roles_markdown,
    roles_notes_html,
    safety_plan_html,
    safety_plan_markdown,
)
from supportnet.review import describe_range
from supportnet.text import count_of, join_words

#: A goal period's cell in the matrix: (mark, word).
CELLS = {
    MET: ("✓", "met"),
    NOT_MET: ("·", "not this time"),
    PAUSED: ("‖", "paused"),
    "in_progress": ("…", "under way"),
}


def made_by(today: dt.date) -> str:
    """Who made it, and that it is private."""
    return (
        f"Made by the person it is about, from their own records, with supportnet on "
        f"{today.day} {today:%B %Y}. It holds private details: share it only with people "
        "they choose."
    )


# --- the first page's parts, as plain data ------------------------------------------


def summary(review: dict[str, Any]) -> list[str]:
    """Three lines: contact, goals, the network and its support."""
    h = review["happened"]
    people = len(h["people"])
    first = (
        f"{count_of(h['gettogethers'], 'get-together')} ({h['in_person']} in person) with "
        f"{count_of(people, 'person', 'people')}"
        if h["gettogethers"]
        else "No get-togethers logged"
    )
    if h["community_meetings"]:
        first += f"; {count_of(h['community_meetings'], 'community meeting')}"
    goals = [g for g in review["goals"] if _periods(g)]
    if goals:
        done = [p for g in goals for p in _periods(g) if p["status"] in (MET, NOT_MET)]
        met = sum(1 for p in done if p["status"] == MET)
        second = f"{count_of(len(goals), 'goal')}: met in {met} of {len(done)} periods"
        if not done:
            second = f"{count_of(len(goals), 'goal')}, the first period under way"
    else:
        second = "No goals set for these dates"
    net = review["network"]
    third = f"Network: {count_of(net['now'], 'person', 'people')}"
    if net["now"] != net["from"]:
        third += f" (from {net['from']})"
    netmap = review.get("map")
    if netmap is not None:
        third += f"; {count_of(len(netmap['communities']), 'community', 'communities')}"
        if netmap["meaningful_communities"]:
            third += f" ({netmap['meaningful_communities']} meaningful to you, 3+ of 5)"
    roles = review.get("support_roles")
    if roles:
        ask = next(r for r in roles["roles"] if r["role"] == "ask_for_help")
        third += f"; {ask['count']} to ask for help"
    return [first + ".", second + ".", third + "."]


def _periods(goal: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in goal["periods"] if p["status"] in CELLS]


def goal_matrix(review: dict[str, Any], period: str) -> tuple[list[str], list[list[str]]]:
    """(column labels, rows): each goal of ``period`` ('week' or 'month') against the
    periods of the report, a cell per period: 'met', 'not this time', 'paused', 'under
    way' or '' (before the goal began)."""
    goals = [g for g in review["goals"] if g["period"] == period and _periods(g)]
    starts = sorted({p["start"] for g in goals for p in _periods(g)})
    labels = {p["start"]: p["label"] for g in goals for p in g["periods"]}
    rows = []
    for g in goals:
        by_start = {p["start"]: CELLS[p["status"]][1] for p in _periods(g)}
        rows.append([f"{g['title']} ({g['target']} a {period})"]
                    + [by_start.get(s, "") for s in starts])  # fmt: skip
    return [labels[s] for s in starts], rows


def measures(review: dict[str, Any]) -> list[dict[str, Any]]:
    """The measures' trajectories that have check-ins (``review["check_ins"]``, from
    ``store.checkins.review_part``; docs/check-ins.md)."""
    part = review.get("check_ins") or {}
    return [m for m in part.get("measures", ()) if m.get("points")]


# --- Markdown ---------------------------------------------------------------------


def measures_markdown(review: dict[str, Any]) -> list[str]:
    """The measures' trajectories in Markdown; nothing when there are no check-ins."""
    from supportnet.trajectories import chart, headline

    found = measures(review)
    if not found:
        return []
    out = ["## Check-ins over time", ""]
    for m in found:
        out += [f"- {_md(headline(m))}", "", "```text", *chart(m, plain=True), "```", ""]
    return out


def _matrix_md(review: dict[str, Any]) -> list[str]:
    out = []
    for period in ("week", "month"):
        columns, rows = goal_matrix(review, period)
        if not rows:
            continue
        out += [f"| Goal | {' | '.join(columns)} |", "| --- |" + " :---: |" * len(columns)]
        out += [f"| {_md(r[0])} | " + " | ".join(r[1:]) + " |" for r in rows]
        out.append("")
    return out or ["No goals were set for these dates.", ""]


def map_markdown(netmap: dict[str, Any]) -> list[str]:
    """The map as text: each ring with its people and when last in touch."""
    from supportnet.netmap import PLAIN_MARKS, RECENCY_WORDS

    out = ["```text"]
    out += ["  ".join(f"{PLAIN_MARKS[b]} {RECENCY_WORDS[b]}" for b in RECENCY_WORDS)]
    for ring in netmap["rings"]:
        if ring["people"]:
            names = [f"{PLAIN_MARKS[p['recency']]} {p['name']}" for p in ring["people"]]
            more = _left_out(ring)
            out += _wrapped(f"{ring['title']}:", names + ([f"and {more:,} more"] if more else []))
    out.append("```")
    left_out = not_drawn(netmap)
    if left_out:
        out += ["", _md(left_out)]
    if netmap["communities"]:
        out += ["", "| Community | Matters (1-5) | People known there | Went |",
                "| --- | ---: | ---: | --- |"]  # fmt: skip
        for g in netmap["communities"]:
            went = (f"{g['recent_attended']} of last {g['recent_meetings']}"
                    if g["recent_meetings"] else "")  # fmt: skip
            out.append(f"| {_md(g['name'])} | {g['matters'] or ''} | {g['members']} | {went} |")
    return [*out, ""]


def _wrapped(head: str, items: list[str], width: int = 100) -> list[str]:
    """``head`` and ``items`` joined by commas, in lines of at most ``width`` (an item
    is never split; the lines after the first indented): a code block's line does not
    wrap on a screen or on paper."""
    lines, line = [], head
    for k, item in enumerate(items):
        piece = item + ("," if k < len(items) - 1 else "")
        if line.strip() and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = "  " + piece
        else:
            line = f"{line} {piece}"
    return [*lines, line]


def _left_out(ring: dict[str, Any]) -> int:
    """How many of a ring's people a map cut to its first few (``build_map(most=)``)
    does not show."""
    return ring["count"] - len(ring["people"])


def not_drawn(netmap: dict[str, Any]) -> str:
    """What a map cut to its first people per ring leaves out, in a sentence; '' when it
    shows everyone."""
    more = [f"{r['title']} ({_left_out(r):,} more)" for r in netmap["rings"] if _left_out(r)]
    if not more:
        return ""
    most = count_of(netmap["most"], "person", "people")
    return (f"The map shows up to {most} a ring, the most recently in touch first; "
            f"not shown: {join_words(more)}.")  # fmt: skip


def markdown(review: dict[str, Any], include: list[str], today: dt.date) -> str:
    """The whole report for the next session, as Markdown."""
    return "".join(with_breaks(markdown_lines(review, include, today)))


def markdown_lines(review: dict[str, Any], include: list[str], today: dt.date) -> Iterator[str]:
    """``markdown`` a line at a time (without line breaks), as it is written."""
    from supportnet import report

    start, end = dt.date.fromisoformat(review["start"]), dt.date.fromisoformat(review["end"])
    yield from (f"# For the next session: {describe_range(start, end)}", "",
                f"_{_md(made_by(today))}_", "", "## At a glance", "")  # fmt: skip
    yield from (f"- {_md(line)}" for line in summary(review))
    plan = review.get("safety_plan")
    if plan:
        yield f"- **Safety plan:** {_md(plan['currency'])}"
    yield ""
    yield from measures_markdown(review)
    yield from ("### Goals, week by week", "", *_matrix_md(review))
    if review.get("map"):
        yield from ("### The network", "", *map_markdown(review["map"]))
    yield from roles_markdown(review)
    yield from ("---", "", "## Details", "")
    detail = report.markdown_lines(review, [s for s in include if s != "safety-plan"], today,
                                   roles=False, whole=False)  # fmt: skip
    said = False
    for line in _without_blank_ends(detail):
        said = True
        yield line
    if said:
        yield ""
    if plan and "safety-plan" in include:
        yield from ("", *safety_plan_markdown(plan))
    yield from ("---", "", f"_{_md(made_by(today))}_")


def _without_blank_ends(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` without the empty ones at the start and at the end."""
    blank = 0
    started = False
    for line in lines:
        if not line:
            blank += started
            continue
        yield from [""] * blank
        blank, started = 0, True
        yield line


# --- HTML -------------------------------------------------------------------------

_CSS = """
.glance { break-after: page; page-break-after: always; }
.glance h2 { font-size: 1.05rem; margin: 0.9rem 0 0.3rem; }
.summary { list-style: none; padding: 0; margin: 0.3rem 0; font-size: 1.02rem; }
.summary li { margin: 0.1rem 0; }
table.matrix { margin-bottom: 0.3rem; }
table.matrix th, table.matrix td { padding: 0.15rem 0.35rem; }
table.matrix td.c, table.matrix th.c { text-align: center; }
table.matrix td.met { color: #1d6b2f; font-weight: 600; }
table.matrix td.paused { color: #777; }
.made { color: #555; font-size: 0.9rem; margin: 0.2rem 0 0.6rem; }
.mapbox { display: grid; grid-template-columns: auto 1fr; gap: 1rem; align-items: start; }
.mapbox svg { margin: 0; }
.mapbox ul { margin: 0.2rem 0 0; padding-left: 1rem; font-size: 0.9rem; }
.glance table.roles td, .glance table.roles th { padding: 0.15rem 0.5rem; }
.glance ul.notes { font-size: 0.92rem; margin: 0.3rem 0; }
"""

_RING_COLOURS = {"recent": "#1f7a35", "while": "#6cc16b", "long": "#b7b7b7", "never": "#ffffff"}
#: How many of a ring's people the drawing labels (the nearest; every dot has its name
#: as a tooltip, and the list beside the map names them all): more labels overlap.
LABELLED = 8
#: Room either side of the rings for the labels of the outer ones.
_MARGIN = 100


def map_svg(netmap: dict[str, Any], size: int = 270) -> str:
    """The rings around you as inline SVG: a dot per person on their ring, filled by
    how recently you were in touch (a darker ring round it: in person), the nearest
    ``LABELLED`` of each ring labelled, and a key."""
    from supportnet.netmap import RECENCY_WORDS

    rings = netmap["rings"]
    width, centre_x, centre_y = size + 2 * _MARGIN, size / 2 + _MARGIN, size / 2
    step = (size / 2 - 18) / len(rings)
    key_h = 36
    height = size + key_h
    parts = [
        f'<svg role="img" aria-label="Your network as rings around you" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for i, ring in enumerate(rings):
        r = step * (i + 1)
        parts.append(f'<circle cx="{centre_x}" cy="{centre_y}" r="{r:.1f}" fill="none" '
                     'stroke="#d0d0d0" stroke-width="1"/>')  # fmt: skip
        people = ring["people"]
        # A crowded ring's dots shrink to fit it, down to a point.
        radius = max(1.5, min(4.5, 0.45 * 2 * math.pi * r / max(len(people), 1)))
        for k, (slot, p) in enumerate(zip(_slots(len(people)), people)):
            angle = 2 * math.pi * slot / max(len(people), 1) - math.pi / 2 + i * 0.35
            x, y = centre_x + r * math.cos(angle), centre_y + r * math.sin(angle)
            parts.append(
                f"<circle {_dot(x, y, p['recency'], p['in_person'], radius)}>"
                f"<title>{_e(p['name'])}: {RECENCY_WORDS[p['recency']]}</title></circle>"
            )
            if k < LABELLED:
                anchor = "start" if x >= centre_x else "end"
                dx = 6 if x >= centre_x else -6
                parts.append(f'<text x="{x + dx:.1f}" y="{y + 3:.1f}" text-anchor="{anchor}">'
                             f"{_e(_label(p['name']))}</text>")  # fmt: skip
    parts.append(f'<text x="{centre_x}" y="{centre_y + 4}" text-anchor="middle" '
                 'font-weight="600">you</text>')  # fmt: skip
    key = [
        (band, False, words.replace("in the last ", "")) for band, words in RECENCY_WORDS.items()
    ]
    key.append(("long", True, "in person"))
    x, y = 4.0, size + 8
    for band, in_person, label in key:
        if x + 11 + _CHAR * len(label) > width:
            x, y = 4.0, y + 16
        parts += [f"<circle {_dot(x + 4, y, band, in_person, 4)}/>",
                  f'<text x="{x + 11:.1f}" y="{y + 4:.1f}">{_e(label)}</text>']  # fmt: skip
        x += 11 + _CHAR * len(label) + 10
    parts.append("</svg>")
    return "".join(parts)


def _label(name: str, most: int = 14) -> str:
    """A name short enough to fit beside the rings (the tooltip and the list beside the
    drawing have it whole)."""
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


def _slots(n: int) -> list[int]:
    """Where on a ring of ``n`` each of its people goes, in their order: the labelled
    first ``LABELLED`` spread evenly round it, the others in the places between."""
    if n <= LABELLED:
        return list(range(n))
    labelled = [j * n // LABELLED for j in range(LABELLED)]
    taken = set(labelled)
    return labelled + [slot for slot in range(n) if slot not in taken]


def _dot(x: float, y: float, band: str, in_person: bool, radius: float = 4.5) -> str:
    """The attributes of a person's dot (or the key's): filled by how recently, a darker
    ring round it when in person."""
    stroke, thick = ("#222", 1.6) if in_person else ("#888", 0.8)
    thick = round(thick * min(1.0, radius / 4.5), 2)  # a small dot keeps its colour
    return (f'cx="{x:.1f}" cy="{y:.1f}" r="{radius:g}" fill="{_RING_COLOURS[band]}" '
            f'stroke="{stroke}" stroke-width="{thick}"')  # fmt: skip


def _rings_html(netmap: dict[str, Any]) -> str:
    """Each ring's people, by name, beside the drawing (which labels only a few)."""
    items = []
    for ring in netmap["rings"]:
        if ring["people"]:
            names = ", ".join(p["name"] for p in ring["people"])
            more = _left_out(ring)
            items.append(f"<li>{_e(ring['title'])}: {_e(names)}"
                         f"{f', and {more:,} more' if more else ''}</li>")  # fmt: skip
    return (
        "<div><strong>Who is where</strong><ul>" + "".join(items) + "</ul></div>" if items else ""
    )


def measures_html(review: dict[str, Any]) -> str:
    """The measures' trajectories in HTML, each a line chart; '' when there are no check-ins."""
    from supportnet.trajectories import headline, line_svg

    found = measures(review)
    if not found:
        return ""
    parts = ['<section id="measures"><h2>Check-ins over time</h2>']
    for m in found:
        parts.append(f"<p>{_e(headline(m))}</p>{line_svg(m)}")
    parts.append("</section>")
    return "".join(parts)


def _matrix_html(review: dict[str, Any]) -> str:
    parts = []
    for period in ("week", "month"):
        columns, rows = goal_matrix(review, period)
        if not rows:
            continue
        head = "".join(f'<th class="c">{_e(c)}</th>' for c in columns)
        parts.append(f'<table class="matrix"><thead><tr><th>Goal</th>{head}</tr></thead><tbody>')
        for row in rows:
            cells = "".join(
                f'<td class="c {w.replace(" ", "-")}">'
                f"{_e(next((m for m, word in CELLS.values() if word == w), ''))} {_e(w)}</td>"
                if w else '<td class="c"></td>'
                for w in row[1:]
            )  # fmt: skip
            parts.append(f"<tr><td>{_e(row[0])}</td>{cells}</tr>")
        parts.append("</tbody></table>")
    return "".join(parts) or "<p>No goals were set for these dates.</p>"


def _not_drawn_html(netmap: dict[str, Any]) -> str:
    left_out = not_drawn(netmap)
    return f"<p>{_e(left_out)}</p>" if left_out else ""


def _communities_html(netmap: dict[str, Any]) -> str:
    if not netmap["communities"]:
        return "<p>No communities yet.</p>"
    items = []
    for g in netmap["communities"]:
        bits = [f"{g['members']} known there"]
        if g["matters"]:
            bits.insert(0, f"matters {g['matters']} of 5")
        if g["recent_meetings"]:
            bits.append(f"went {g['recent_attended']} of last {g['recent_meetings']}")
        items.append(f"<li>{_e(g['name'])} ({_e(', '.join(bits))})</li>")
    return "<div><strong>Communities</strong><ul>" + "".join(items) + "</ul></div>"


def html(review: dict[str, Any], include: list[str], today: dt.date) -> str:
    """The whole report for the next session, as one self-contained HTML page."""
    return "".join(with_breaks(html_pieces(review, include, today)))


def html_pieces(review: dict[str, Any], include: list[str], today: dt.date) -> Iterator[str]:
    """``html`` in pieces (a line break between each), as it is written."""
    from supportnet import report

    start, end = dt.date.fromisoformat(review["start"]), dt.date.fromisoformat(review["end"])
    title = f"For the next session: {describe_range(start, end)}"
    yield report.page_head(title, report.CSS + _CSS)
    yield from (f'<section class="glance" id="glance"><h1>{_e(title)}</h1>',
                f'<p class="made">{_e(made_by(today))}</p>', '<ul class="summary">')  # fmt: skip
    yield from (f"<li>{_e(line)}</li>" for line in summary(review))
    plan = review.get("safety_plan")
    if plan:
        yield f"<li><strong>Safety plan:</strong> {_e(plan['currency'])}</li>"
    yield "</ul>"
    yield measures_html(review)
    yield f"<h2>Goals, week by week</h2>{_matrix_html(review)}"
    if review.get("map"):
        yield (
            '<h2>The network and its support</h2><div class="mapbox">'
            f"{map_svg(review['map'])}<div>{_rings_html(review['map'])}"
            f"{_not_drawn_html(review['map'])}{_communities_html(review['map'])}"
            f"{roles_html(review, level='strong', notes=False)}</div></div>"
            f"{roles_notes_html(review)}"
        )
    else:
        yield roles_html(review, level="h2")
    yield "</section>"
    yield "<h1>Details</h1>"
    yield from report.html_pieces(review, [s for s in include if s != "safety-plan"], today,
                                  roles=False, whole=False)  # fmt: skip
    extra = safety_plan_html(plan) if plan and "safety-plan" in include else ""
    yield f"{extra}\n<footer><p>{_e(made_by(today))}</p></footer>\n</main></body>\n</html>"
