"""The report to bring to a session: Markdown, or one self-contained HTML page.

Both are made from the review (``review.build_review``) as plain data.  The HTML
page has inline CSS and inline SVG charts, no scripts and no reference to
anything outside itself, so it opens anywhere, sends nothing, and prints well.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any

from supportnet import charts, trajectories
from supportnet.goals import MARKS, unit
from supportnet.render import with_breaks
from supportnet.review import describe_range, summary_lines

SECTIONS = ("goals", "check-ins", "review", "people", "safety-plan")
#: The sections a report has when --include is not given: the safety plan only on request.
DEFAULT_SECTIONS = ("goals", "check-ins", "review", "people")
FORMATS = ("md", "html")

_STATUS_WORDS = {
    "met": "met",
    "not_met": "not this time",
    "in_progress": "under way",
    "paused": "paused (a rest)",
}


def parse_include(text: str | None) -> list[str]:
    """'goals,people' -> ['goals', 'people'] in report order; None -> the default
    sections (the safety plan is in a report only when asked for by name)."""
    from supportnet.text import choose_kind

    if text is None:
        return list(DEFAULT_SECTIONS)
    parts = [part for part in text.split(",") if part.strip()]
    chosen = {choose_kind(part, list(SECTIONS), "section") for part in parts}
    if not chosen:
        from supportnet.errors import InvalidInput

        raise InvalidInput(f"--include needs one or more of {', '.join(SECTIONS)}.")
    return [s for s in SECTIONS if s in chosen]


def _dates(review: dict[str, Any]) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(review["start"]), dt.date.fromisoformat(review["end"])


def _goal_rows(review: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(goal, period, done, how it went) for each goal period in the report's dates."""
    rows = []
    for goal in review["goals"]:
        things = unit(goal["kind"], goal["target"])
        name = f"{goal['title']} ({goal['target']} a {goal['period']})"
        for p in goal["periods"]:
            if p["status"] in _STATUS_WORDS:
                done = f"{p['count']} of {goal['target']} {things}"
                rows.append((name, p["label"], done, _STATUS_WORDS[p["status"]]))
    return rows


def _heat(review: dict[str, Any]) -> tuple[dict[dt.date, int], dt.date, dt.date]:
    heat = review["charts"]["heat_map"]
    days = {dt.date.fromisoformat(k): v for k, v in heat["days"].items()}
    return days, dt.date.fromisoformat(heat["start"]), dt.date.fromisoformat(heat["end"])


def _spread(review: dict[str, Any]) -> tuple[list[tuple[str, int]], dt.date | None]:
    spread = review["charts"]["spread"]
    people = [(p["id"], p["name"], p["gettogethers"]) for p in spread["people"]]
    start = dt.date.fromisoformat(spread["start"]) if spread["start"] else None
    return charts.spread_items(people), start


def _made(today: dt.date) -> str:
    return (
        f"Made with supportnet on {today.day} {today:%B %Y}. It holds private details: "
        "share it only with people you choose."
    )


# --- Markdown -------------------------------------------------------------------------


def _md(text: str) -> str:
    """User text made safe inside Markdown: shown as typed, never run or linked.

    Every character CommonMark could read as markup is escaped: ``<`` (so no
    ``<script>`` or ``<img onerror>`` reaches a renderer as HTML, and no
    ``<javascript:...>`` autolink), ``[`` and ``]`` (no ``[text](url)`` link or
    ``![image](url)``), emphasis, code, table pipes and headings; an ``&`` that
    would start an entity ("&lt;") stays an ampersand; a line break (a record
    written before the cleaning rules) is a space, so nothing starts a new block.
    """
    if not _MD_WORK.search(text):  # as most names: nothing to escape or join
        return text
    text = " ".join(text.splitlines()).translate(_MD_ESCAPES)
    return _ENTITY.sub(r"\\&", text) if "&" in text else text


#: The characters ``_md`` escapes with a backslash.
_MD_MARKUP = "\\`*_[]<>|#"
#: Each of them with its backslash (one pass over the text).
_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in _MD_MARKUP})
#: What ends a line for ``str.splitlines`` (Python's documented list).
_LINE_ENDS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: Any character ``_md`` may change: text without one comes back as it is, found by one
#: scan (``str.translate`` with a table of strings looks up every character).
_MD_WORK = re.compile(f"[{re.escape(_MD_MARKUP + '&' + _LINE_ENDS)}]")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def title_of(review: dict[str, Any]) -> str:
    start, end = _dates(review)
    return f"Progress report: {describe_range(start, end)}"


def markdown(
    review: dict[str, Any], include: list[str], today: dt.date, *, roles: bool = True
) -> str:
    """The report as Markdown; ``roles=False`` leaves the support roles out (the
    therapist's report shows them on its first page)."""
    return "".join(with_breaks(markdown_lines(review, include, today, roles=roles)))


def markdown_lines(
    review: dict[str, Any],
    include: list[str],
    today: dt.date,
    *,
    roles: bool = True,
    whole: bool = True,
) -> Iterator[str]:
    """``markdown`` a line at a time (without line breaks), as it is written: a year
    of a large network is megabytes of text, never held whole.  ``whole=False``:
    without the title and the closing line (the therapist's report holds it)."""
    start, end = _dates(review)
    if whole:
        yield from (f"# {title_of(review)}", "")
    if "goals" in include:
        yield from ("## Goals", "")
        rows = _goal_rows(review)
        if rows:
            yield from ("| Goal | Period | Done | How it went |", "| --- | --- | --- | --- |")
            yield from (f"| {_md(g)} | {p} | {d} | {s} |" for g, p, d, s in rows)
        else:
            yield "No goals were set for these dates."
        yield ""
    if "check-ins" in include:
        yield from trajectories.markdown(review, _md)
    if "review" in include:
        yield from ("## What happened", "")
        yield from (f"- {_md(line)}" for line in summary_lines(review))
        cheers = review["streaks"] + review["milestones"]
        if cheers:
            yield from ("", "### Worth celebrating", "")
            yield from (f"- {_md(c['text'])}" for c in cheers)
        if review["setbacks"]:
            yield from ("", "### Gently", "")
            yield from (f"- {_md(s['text'])}" for s in review["setbacks"])
        days, heat_start, heat_end = _heat(review)
        yield from ("", f"### Contact, {describe_range(heat_start, heat_end)}", "", "```text")
        yield from (*charts.heat_map(days, heat_start, heat_end, plain=True), "```", "")
    if "people" in include:
        yield from ("## People", "")
        circles = [(c["circle"], c["people"]) for c in review["network"]["by_circle"]]
        yield from ("### Your network by circle", "", "```text")
        yield from (*charts.bars(circles, width=20, plain=True), "```", "")
        items, spread_start = _spread(review)
        if items and spread_start:
            yield from (f"### Who your contact went to, {describe_range(spread_start, end)}", "")
            yield from ("```text", *charts.bars(items, width=20, plain=True, share=True), "```")
            yield ""
        seen = review["happened"]["people"]
        if seen:
            yield from (f"### Seen {describe_range(start, end)}", "")
            yield from ("| Person | Get-togethers | In person |", "| --- | ---: | ---: |")
            yield from (
                f"| {_md(p['name'])} | {p['gettogethers']} | {p['in_person']} |" for p in seen
            )
            yield ""
        if roles:
            yield from roles_markdown(review)
    if "safety-plan" in include and review.get("safety_plan"):
        yield from safety_plan_markdown(review["safety_plan"])
    if whole:
        yield from ("---", "", f"_{_made(today)}_")


# --- HTML -----------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       background: #fff; line-height: 1.45; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
.range { color: #555; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e3e3e3; }
td.n, th.n { text-align: right; }
.met { color: #1d6b2f; font-weight: 600; }
ul { padding-left: 1.2rem; }
ul.cheers li::marker { content: "★ "; color: #b8860b; }
svg { display: block; max-width: 100%; height: auto; margin: 0.4rem 0; }
svg text { font-family: inherit; font-size: 13px; fill: #333; }
footer { margin-top: 2.5rem; font-size: 0.85rem; color: #666; }
@media print {
  @page { margin: 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.2rem; }
  /* A chart or a table row is never cut in two; a section flows on (a section kept
     whole would be pushed onto a page of its own, leaving the page before empty). */
  figure, svg, tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""

#: The width of a character of chart text (13 px, readable on paper: about 10 pt), in px.
_CHAR = 8

_HEAT_COLOURS = ("#ebedf0", "#b7e1b0", "#6cc16b", "#1f7a35")
_BAR_COLOUR = "#4a7fb5"


#: The characters ``html.escape`` changes (with ``quote=True``).
_HTML_SPECIAL = re.compile("[&<>\"']")


def _e(text: Any) -> str:
    """``html.escape`` (quotes too); text with nothing to escape comes back as it is."""
    text = str(text)
    return escape(text, quote=True) if _HTML_SPECIAL.search(text) else text


def heat_svg(days: dict[dt.date, int], start: dt.date, end: dt.date) -> str:
    """A calendar of contact as inline SVG: one column per week, one row per weekday."""
    first = start - dt.timedelta(days=start.weekday())
    weeks = (end - first).days // 7 + 1
    # A year of weeks still fits the width of a printed page (about 700 px).
    cell, gap, left, top = (11 if weeks <= 48 else 10), 2, 34, 18
    labels = ("none", "1", "2", "3 or more")
    legend = sum(12 + _CHAR * len(label) + 12 for label in labels)
    legend += _CHAR * len("get-togethers a day")
    width = max(left + weeks * (cell + gap) + 4, left + legend + 4)
    height = top + 7 * (cell + gap) + 26
    parts = [
        f'<svg role="img" aria-label="Contact per day, {_e(describe_range(start, end))}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for row, name in enumerate(charts.WEEKDAYS):
        if row % 2 == 0:
            y = top + row * (cell + gap) + cell - 2
            parts.append(f'<text x="0" y="{y}">{name}</text>')
    months = dict(charts.month_labels(start, end))
    last_x = -100
    for w in range(weeks):
        monday = first + dt.timedelta(weeks=w)
        x = left + w * (cell + gap)
        month = months.get(w)
        if month and w < weeks - 1 and x - last_x >= 4 * _CHAR:  # labels never touch
            parts.append(f'<text x="{x}" y="{top - 5}">{month}</text>')
            last_x = x
        for row in range(7):
            day = monday + dt.timedelta(days=row)
            if day < start or day > end:
                continue
            n = days.get(day, 0)
            colour = _HEAT_COLOURS[min(n, 3)]
            y = top + row * (cell + gap)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" rx="2" fill="{colour}">'
                f"<title>{day.isoformat()}: {n}</title></rect>"
            )
    y = height - 6
    x = left
    for level, label in enumerate(labels):
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="9" height="9" rx="2" fill="{_HEAT_COLOURS[level]}"/>'
        )
        parts.append(f'<text x="{x + 12}" y="{y}">{label}</text>')
        x += 12 + _CHAR * len(label) + 12
    parts.append(f'<text x="{x}" y="{y}">get-togethers a day</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(items: list[tuple[str, int]], label: str, share: bool = False) -> str:
    """Horizontal bars as inline SVG."""
    row, bar_width = 22, 260
    label_width = min(200, max([_CHAR * len(name) + 10 for name, _ in items] + [90]))
    total = sum(n for _, n in items) or 1
    top = max((n for _, n in items), default=0) or 1
    height = row * len(items) + 4
    width = label_width + bar_width + 80
    parts = [
        f'<svg role="img" aria-label="{_e(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    ]
    for i, (name, n) in enumerate(items):
        y = i * row + 2
        length = round(bar_width * n / top)
        if n and length < 2:
            length = 2
        value = f"{n} ({round(100 * n / total)}%)" if share else str(n)
        parts.append(f'<text x="0" y="{y + 14}">{_e(name)}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="14" rx="2" '
            f'fill="{_BAR_COLOUR}"/>'
        )
        parts.append(f'<text x="{label_width + length + 6}" y="{y + 14}">{_e(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def html(review: dict[str, Any], include: list[str], today: dt.date, *, roles: bool = True) -> str:
    """The report as one self-contained HTML page (``roles`` as for ``markdown``)."""
    return "".join(with_breaks(html_pieces(review, include, today, roles=roles)))


def html_pieces(
    review: dict[str, Any],
    include: list[str],
    today: dt.date,
    *,
    roles: bool = True,
    whole: bool = True,
) -> Iterator[str]:
    """``html`` in pieces (a line break between each), as it is written;
    ``whole=False``: the sections only, for a page that holds them."""
    start, end = _dates(review)
    title = title_of(review)
    if whole:
        yield page_head(title, CSS)
        yield f"<h1>{_e(title)}</h1>"
    if "goals" in include:
        yield '<section id="goals"><h2>Goals</h2>'
        rows = _goal_rows(review)
        if rows:
            yield (
                "<table><thead><tr><th>Goal</th><th>Period</th><th>Done</th>"
                "<th>How it went</th></tr></thead><tbody>"
            )
            for goal, period, done, status in rows:
                css = ' class="met"' if status == "met" else ""
                mark = {"met": MARKS["met"][0], "not this time": MARKS["not_met"][0]}.get(
                    status, ""
                )
                yield (
                    f"<tr><td>{_e(goal)}</td><td>{_e(period)}</td><td>{_e(done)}</td>"
                    f"<td{css}>{_e((mark + ' ' + status).strip())}</td></tr>"
                )
            yield "</tbody></table>"
        else:
            yield "<p>No goals were set for these dates.</p>"
        yield "</section>"
    if "check-ins" in include:
        yield from trajectories.html(review)
    if "review" in include:
        yield '<section id="review"><h2>What happened</h2><ul>'
        yield from (f"<li>{_e(line)}</li>" for line in summary_lines(review))
        yield "</ul>"
        cheers = review["streaks"] + review["milestones"]
        if cheers:
            yield '<h3>Worth celebrating</h3><ul class="cheers">'
            yield from (f"<li>{_e(c['text'])}</li>" for c in cheers)
            yield "</ul>"
        if review["setbacks"]:
            yield "<h3>Gently</h3><ul>"
            yield from (f"<li>{_e(s['text'])}</li>" for s in review["setbacks"])
            yield "</ul>"
        days, heat_start, heat_end = _heat(review)
        yield f"<h3>Contact, {_e(describe_range(heat_start, heat_end))}</h3>"
        yield heat_svg(days, heat_start, heat_end)
        yield "</section>"
    if "people" in include:
        yield '<section id="people"><h2>People</h2><h3>Your network by circle</h3>'
        circles = [(c["circle"], c["people"]) for c in review["network"]["by_circle"]]
        yield bars_svg(circles, "People in your network by circle")
        items, spread_start = _spread(review)
        if items and spread_start:
            span = describe_range(spread_start, end)
            yield f"<h3>Who your contact went to, {_e(span)}</h3>"
            yield bars_svg(items, f"Get-togethers per person, {span}", share=True)
        seen = review["happened"]["people"]
        if seen:
            yield (
                f"<h3>Seen {_e(describe_range(start, end))}</h3><table><thead><tr>"
                '<th>Person</th><th class="n">Get-togethers</th><th class="n">In person</th>'
                "</tr></thead><tbody>"
            )
            yield from (
                f'<tr><td>{_e(p["name"])}</td><td class="n">{p["gettogethers"]}</td>'
                f'<td class="n">{p["in_person"]}</td></tr>'
                for p in seen
            )
            yield "</tbody></table>"
        if roles:
            yield roles_html(review)
        yield "</section>"
    if "safety-plan" in include and review.get("safety_plan"):
        yield safety_plan_html(review["safety_plan"])
    if whole:
        yield f"<footer><p>{_e(_made(today))}</p></footer>"
        yield "</main></body>\n</html>"


def page_head(title: str, css: str) -> str:
    """The start of a self-contained page, up to ``<main>``."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n"
        "<body><main>"
    )


# --- support roles (added to the review by `report`) ---------------------------------


def roles_markdown(review: dict[str, Any], level: str = "###") -> list[str]:
    """The support roles as a Markdown table and notes; nothing when not gathered."""
    roles = review.get("support_roles")
    if not roles:
        return []
    out = [f"{level} Support roles", "", "| Role | How many | Who |", "| --- | ---: | --- |"]
    for r in roles["roles"]:
        who = ", ".join(c["name"] for c in r["covered_by"]) or "no one yet"
        out.append(f"| {r['title']} | {r['count']} | {_md(who)} |")
    out.append("")
    if roles["notes"]:
        out += [f"- {_md(note)}" for note in roles["notes"]] + [""]
    return out


def roles_notes_html(review: dict[str, Any]) -> str:
    """The support roles' gentle words as an HTML list; '' when there are none."""
    roles = review.get("support_roles")
    if not roles or not roles["notes"]:
        return ""
    return '<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in roles["notes"]) + "</ul>"


def roles_html(review: dict[str, Any], level: str = "h3", notes: bool = True) -> str:
    """The support roles as an HTML table and (with ``notes``) their gentle words; ''
    when not gathered."""
    roles = review.get("support_roles")
    if not roles:
        return ""
    parts = [
        f'<{level}>Support roles</{level}><table class="roles"><thead><tr><th>Role</th>'
        '<th class="n">How many</th><th>Who</th></tr></thead><tbody>'
    ]
    for r in roles["roles"]:
        who = ", ".join(c["name"] for c in r["covered_by"]) or "no one yet"
        parts.append(
            f'<tr><td>{_e(r["title"])}</td><td class="n">{r["count"]}</td><td>{_e(who)}</td></tr>'
        )
    parts.append("</tbody></table>")
    if notes:
        parts.append(roles_notes_html(review))
    return "".join(parts)


# --- the safety plan (only with --include safety-plan) ------------------------------


def safety_plan_markdown(plan: dict[str, Any]) -> list[str]:
    """The safety plan in full (only with `--include safety-plan`)."""
    from supportnet.safety_plan import steps_of

    out = ["## Safety plan", "", f"_Safety plan: {_md(plan['currency'])}_", ""]
    steps = steps_of(plan)
    for number, (title, rows) in enumerate(steps, start=1):
        out += [f"{number}. {title}"]
        out += [f"   - {_md(row)}" for row in rows] or ["   - (nothing written yet)"]
    out.append("")
    if plan["warnings"]:
        out += [f"- {_md(w['text'])}" for w in plan["warnings"]] + [""]
    return out


def safety_plan_html(plan: dict[str, Any]) -> str:
    """The safety plan in full (only with `--include safety-plan`)."""
    from supportnet.safety_plan import steps_of

    steps = steps_of(plan)
    parts = ['<section id="safety-plan"><h2>Safety plan</h2>',
             f'<p class="made">Safety plan: {_e(plan["currency"])}</p><ol>']  # fmt: skip
    for title, rows in steps:
        inner = "".join(f"<li>{_e(r)}</li>" for r in rows) or "<li>(nothing written yet)</li>"
        parts.append(f"<li>{_e(title)}<ul>{inner}</ul></li>")
    parts.append("</ol>")
    if plan["warnings"]:
        parts.append("<ul>" + "".join(f"<li>{_e(w['text'])}</li>" for w in plan["warnings"])
                     + "</ul>")  # fmt: skip
    parts.append("</section>")
    return "".join(parts)


# --- writing --------------------------------------------------------------------------


def write_private_file(
    path: Path, lines: Iterable[str], *, force: bool = False, database: Path | None = None
) -> None:
    """Write ``lines`` (``markdown_lines``, ``html_pieces``: each given its line break)
    to ``path`` (mode 0600) whole or not at all, by the rules of
    ``supportnet.safe_files`` (an existing file only with ``force``); problems raise
    ``FileProblem``."""
    from supportnet import safe_files

    with safe_files.replacing(Path(path), **_output_rules(force, database)) as handle:
        for piece in with_breaks(lines):
            handle.write(piece)


def check_output(path: Path, *, force: bool = False, database: Path | None = None) -> None:
    """Refuse ``path`` as ``write_private_file`` would, before the report is made (a
    year of a large network takes a second to make, for nothing)."""
    from supportnet import safe_files

    safe_files.check_target(Path(path), **_output_rules(force, database))


def _output_rules(force: bool, database: Path | None) -> dict[str, Any]:
    return {"if_exists": "replace" if force else "refuse", "database": database,
            "purpose": "for the report", "new_folder": False}  # fmt: skip
