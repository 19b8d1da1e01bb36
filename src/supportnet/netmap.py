"""The map of your network, pure: people as rings around you, communities beside.

``build_map`` takes plain facts (``MapFacts``, gathered by ``store.netmap``) and a
given ``today`` and returns one JSON-ready dict, the same for `map --json`, the
terminal drawing (``map_lines``) and the report's SVG.  Rings go from the inner
circle outwards; each person is marked by how recently you were in touch and
whether that was in person; each community by how much it matters to you.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

#: The rings, from you outwards, and the circles each holds.
RINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("inner", ("inner",)),
    ("close", ("close",)),
    ("friend", ("friend",)),
    ("acquaintance", ("acquaintance", "prospect")),
    ("professional", ("professional",)),
)
RING_TITLES = {
    "inner": "inner circle",
    "close": "close",
    "friend": "friends",
    "acquaintance": "acquaintances and prospects",
    "professional": "professionals",
}

#: How recently you were in touch: (band, up to this many days ago), nearest first.
RECENCY: tuple[tuple[str, int], ...] = (("recent", 14), ("while", 60), ("long", 10**6))
RECENCY_WORDS = {
    "recent": "in the last 2 weeks",
    "while": "in the last 2 months",
    "long": "longer ago",
    "never": "not yet",
}
#: Marks on a terminal, and where the output is plain (piped, NO_COLOR or not).
MARKS = {"recent": "●", "while": "◐", "long": "○", "never": "·"}
PLAIN_MARKS = {"recent": "*", "while": "+", "long": "o", "never": "-"}


@dataclass(frozen=True)
class MapPerson:
    id: int
    name: str
    circle: str
    last_contact: dt.date | None = None
    last_in_person: dt.date | None = None


@dataclass(frozen=True)
class MapGroup:
    id: int
    name: str
    kind: str
    matters: int | None = None
    members: tuple[str, ...] = ()
    recent_meetings: int | None = None  # of the latest (up to 8) meetings...
    recent_attended: int | None = None  # ...on how many you went
    last_attended: dt.date | None = None


@dataclass
class MapFacts:
    people: list[MapPerson] = field(default_factory=list)
    groups: list[MapGroup] = field(default_factory=list)


def recency(last: dt.date | None, today: dt.date) -> str:
    """'recent', 'while', 'long' or 'never'."""
    if last is None:
        return "never"
    days = (today - last).days
    for band, most in RECENCY:
        if days <= most:
            return band
    return "long"


def _person(p: MapPerson, today: dt.date) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "circle": p.circle,
        "last_contact": p.last_contact.isoformat() if p.last_contact else None,
        "days_since": (today - p.last_contact).days if p.last_contact else None,
        "recency": recency(p.last_contact, today),
        "in_person": p.last_contact is not None and p.last_in_person == p.last_contact,
        "last_in_person": p.last_in_person.isoformat() if p.last_in_person else None,
    }


def _group(g: MapGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "name": g.name,
        "kind": g.kind,
        "matters": g.matters,
        "members": len(g.members),
        "member_names": list(g.members),
        "recent_meetings": g.recent_meetings,
        "recent_attended": g.recent_attended,
        "last_attended": g.last_attended.isoformat() if g.last_attended else None,
    }


#: How many of a ring's people the therapist's map draws, those in touch most recently
#: first; the rest are counted.  150 is about as many stable relationships as people
#: keep (Dunbar's number): a ring beyond it is a crowd, better said as a number.
MAP_MOST = 150


def _nearest_first(p: MapPerson, today: dt.date) -> tuple:
    days = (today - p.last_contact).days if p.last_contact else None
    return (days is None, days if days is not None else 0, p.name.casefold(), p.id)


def build_map(facts: MapFacts, today: dt.date, most: int | None = None) -> dict[str, Any]:
    """The map as one dict: ``rings`` (each with its people, most recent contact
    first, and how many there are), ``communities`` (most important first), and counts.
    With ``most``, each ring keeps only its first ``most`` people (``count`` still
    counts them all, and ``most`` is said): a map to draw, not to list."""
    key = partial(_nearest_first, today=today)
    rings = []
    for ring, circles in RINGS:
        inside = [p for p in facts.people if p.circle in circles]
        first = sorted(inside, key=key) if most is None else heapq.nsmallest(most, inside, key)
        rings.append({
            "ring": ring, "title": RING_TITLES[ring], "circles": list(circles),
            "count": len(inside), "people": [_person(p, today) for p in first],
        })  # fmt: skip
    bands = dict.fromkeys(RECENCY_WORDS, 0)
    for p in facts.people:
        bands[recency(p.last_contact, today)] += 1
    groups = sorted(
        (_group(g) for g in facts.groups),
        key=lambda g: (-(g["matters"] or 0), g["name"].casefold(), g["id"]),
    )
    return {
        "today": today.isoformat(),
        "people": len(facts.people),
        "in_touch": bands,
        "rings": rings,
        "communities": groups,
        "meaningful_communities": sum(1 for g in groups if (g["matters"] or 0) >= 3),
        **({} if most is None else {"most": most}),
    }


def with_initials(
    facts: MapFacts,
    names: list[str] = (),  # type: ignore[assignment]
    redact: Any = None,
) -> MapFacts:
    """The same facts, every person's name reduced to initials; a known name inside a
    group's name ("Walks with Maya") is reduced too (by ``redact`` when given)."""
    from supportnet.initials import name_redactor

    if redact is None:
        redact = name_redactor(sorted({p.name for p in facts.people} | set(names)))
    return replace(
        facts,
        people=[replace(p, name=redact.initials(p.name)) for p in facts.people],
        groups=[replace(g, name=redact(g.name),
                        members=tuple(redact.initials(m) for m in g.members))
                for g in facts.groups],
    )  # fmt: skip


# --- the terminal drawing --------------------------------------------------------------


def _when(p: dict[str, Any]) -> str:
    days = p["days_since"]
    if days is None:
        return "not yet"
    how = "in person" if p["in_person"] else "online"
    if days == 0:
        return f"{how} today"
    if days < 14:
        return f"{how} {days}d ago"
    if days < 120:
        return f"{how} {days // 7}w ago"
    return f"{how} {days // 30}mo ago"


def matters_text(n: int | None, plain: bool) -> str:
    if n is None:
        return "—" if not plain else "-"
    return ("*" * n + "." * (5 - n)) if plain else ("★" * n + "☆" * (5 - n))


def _wrap(items: list[str], width: int, indent: int) -> list[str]:
    lines, current = [], ""
    for item in items:
        piece = item if not current else "   " + item
        if current and len(current) + len(piece) > width - indent:
            lines.append(current)
            current = item
        else:
            current += piece
    if current:
        lines.append(current)
    return lines


def map_lines(data: dict[str, Any], *, plain: bool, width: int = 100) -> list[str]:
    """The rings as a tree from you outwards: a legend, then each ring with its people,
    most recent contact first, as many to a line as fit ``width``."""
    marks = PLAIN_MARKS if plain else MARKS
    out = [
        "  ".join(f"{marks[b]} {RECENCY_WORDS[b]}" for b in RECENCY_WORDS),
        "",
        "you",
    ]
    if not data["people"]:
        return [*out, "", "No one is on the map yet. Start with one person: supportnet add NAME"]
    shown = [r for r in data["rings"] if r["people"]]
    for i, r in enumerate(shown):
        last = i == len(shown) - 1
        branch = ("`-- " if last else "|-- ") if plain else ("└── " if last else "├── ")
        stem = "    " if last else ("|   " if plain else "│   ")
        out.append(f"{branch}{r['title']} ({r['count']})")
        items = [f"{marks[p['recency']]} {p['name']} ({_when(p)})" for p in r["people"]]
        out += [f"{stem}  {row}" for row in _wrap(items, width, len(stem) + 2)]
    return out


def went_text(group: dict[str, Any]) -> str:
    """How often you went of the group's latest meetings: '6 of last 8', 'no meetings yet'
    (a schedule whose first meeting is still to come) or 'no schedule'."""
    if group["recent_meetings"] is None:
        return "no schedule"
    if group["recent_meetings"] == 0:
        return "no meetings yet"
    return f"{group['recent_attended']} of last {group['recent_meetings']}"


def community_rows(data: dict[str, Any], *, plain: bool) -> list[list[str]]:
    """The communities as table rows: name, matters, members, attendance, last went."""
    rows = []
    for g in data["communities"]:
        rows.append([
            g["name"], matters_text(g["matters"], plain), str(g["members"]), went_text(g),
            g["last_attended"] or "not yet",
        ])  # fmt: skip
    return rows
