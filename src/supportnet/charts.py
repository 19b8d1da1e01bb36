"""Charts as lines of text, pure: a calendar heat map and horizontal bars.

On a terminal they use block characters; ``plain=True`` (output piped, or the
Markdown report) keeps to ASCII so they read anywhere.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from supportnet.text import count_of

#: Heat map cells by level (0: nothing, 1, 2, 3+ get-togethers): (terminal, plain).
HEAT = (("·", "."), ("░", "-"), ("▒", "+"), ("█", "#"))
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _level(count: int) -> int:
    return min(count, 3)


def month_labels(start: dt.date, end: dt.date) -> list[tuple[int, str]]:
    """(column, month name) for a heat map's axis, one column per week (Monday first).

    A column belongs to the month its week starts in: its Monday, or in the first
    column the chart's first day (the days before it are not shown).  A month's name
    goes over the first column that belongs to it, so the week of Monday 30 November
    is November's whatever December days it holds, and December's name goes over the
    week of Monday 7 December.  (Labelling a week by its Sunday put 30 November, the
    last day shown, under "Dec".)  The text and the SVG heat maps both use this.
    """
    first = start - dt.timedelta(days=start.weekday())
    weeks = (end - first).days // 7 + 1
    labels = []
    last_month = None
    for w in range(weeks):
        day = max(first + dt.timedelta(weeks=w), start)
        if (day.year, day.month) != last_month:
            labels.append((w, f"{day:%b}"))
            last_month = (day.year, day.month)
    return labels


def heat_map(
    days: dict[dt.date, int], start: dt.date, end: dt.date, plain: bool = False
) -> list[str]:
    """A calendar of contact: one column per week (Monday first), one row per weekday.

    Days after ``end`` are left blank; month names mark the week a month begins
    (``month_labels``).
    """
    first = start - dt.timedelta(days=start.weekday())
    weeks = (end - first).days // 7 + 1
    columns = [first + dt.timedelta(weeks=w) for w in range(weeks)]
    header = [" "] * (weeks * 2 + 6)
    labels = [(4 + w * 2, name) for w, name in month_labels(start, end)]
    # Later months win a clash, so a partial first month gives way to the next.
    for at, label in reversed(labels):
        if all(c == " " for c in header[max(0, at - 1) : at + len(label) + 1]):
            header[at : at + len(label)] = list(label)
    out = ["".join(header).rstrip()]
    which = 1 if plain else 0
    for weekday in range(7):
        cells = []
        for monday in columns:
            day = monday + dt.timedelta(days=weekday)
            if day < start or day > end:
                cells.append(" ")
            else:
                cells.append(HEAT[_level(days.get(day, 0))][which])
        out.append(f"{WEEKDAYS[weekday]} " + " ".join(cells).rstrip())
    out.append(
        "    "
        + "  ".join(
            f"{HEAT[i][which]} {text}" for i, text in enumerate(("none", "1", "2", "3 or more"))
        )
        + " get-togethers a day"
    )
    return out


def _width(text: str) -> int:
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
        for ch in text
    )


def bars(
    items: list[tuple[str, int]],
    width: int = 24,
    plain: bool = False,
    total: int | None = None,
    share: bool = False,
) -> list[str]:
    """Horizontal bars, the longest filling ``width``; ``share`` adds a percentage."""
    if not items:
        return []
    top = max(n for _, n in items) or 1
    total = total if total is not None else sum(n for _, n in items)
    label_width = max(_width(label) for label, _ in items)
    block = "#" if plain else "█"
    out = []
    for label, n in items:
        length = round(width * n / top)
        if n and not length:
            length = 1
        pad = " " * (label_width - _width(label))
        text = f"{label}{pad}  {block * length}{' ' * (width - length)}  {n}"
        if share and total:
            text += f" ({round(100 * n / total)}%)"
        out.append(text.rstrip())
    return out


def spread_items(spread: list[tuple[int, str, int]], keep: int = 7) -> list[tuple[str, int]]:
    """The people with the most contact, then everyone else in one bar."""
    items = [(name, n) for _, name, n in spread[:keep]]
    rest = sum(n for _, _, n in spread[keep:])
    if rest:
        others = len(spread) - keep
        items.append((count_of(others, "other"), rest))
    return items
