"""Support roles coverage, pure: for each kind of support the network records, who
covers it, and a kind word when only one person (or no one) does.

One person cannot give all the support another needs: the nudge notices when most
*contact* goes to one person (its concentration note); this notices when a *role*
rests on one person.  Facts in, plain data out; no database, clock or printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

#: The roles, in the order they are shown.
ROLES = ("ask_for_help", "company", "celebrate", "practical")

ROLE_TITLES = {
    "ask_for_help": "Someone to ask for help",
    "company": "People and places for company",
    "celebrate": "People to celebrate with",
    "practical": "Practical help",
}

#: Where each role comes from, in words (shown in `map` and the report).
ROLE_SOURCES = {
    "ask_for_help": "lean-on --ask-for-help",
    "company": "lean-on --takes-mind-off (people, groups, places)",
    "celebrate": "happy news you recorded (event ... --happy)",
    "practical": "favors you received in the last year",
}

_ONLY = {
    "ask_for_help": "Only {name} is someone you've said you can ask for help — who else might be?",
    "company": "Only {name} is listed as taking your mind off things — who or what else might?",
    "celebrate": "Only {name} has happy news recorded here — who else do you celebrate with?",
    "practical": "Only {name} has done you a favor this past year — who else might you ask "
    "for a hand?",
}

_NONE = {
    "ask_for_help": "No one is listed yet as someone you can ask for help. When you think of "
    "someone: supportnet lean-on NAME --ask-for-help.",
    "company": "Nothing is listed yet as taking your mind off things: supportnet lean-on "
    "NAME --takes-mind-off (or --group, --place).",
    "celebrate": "No happy news is recorded yet. When someone has some: supportnet event "
    'NAME "new job" --happy.',
    "practical": "No favor received is recorded this past year. Asking for a small hand is "
    "one way to grow closer.",
}


class Covering(NamedTuple):
    """Someone or somewhere that covers a role."""

    type: str  # person, community, place
    id: int | None
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "name": self.name}


@dataclass
class RoleFacts:
    """Who covers each role (``store.support_roles.role_facts`` gathers them)."""

    ask_for_help: list[Covering] = field(default_factory=list)
    company: list[Covering] = field(default_factory=list)
    celebrate: list[Covering] = field(default_factory=list)
    practical: list[Covering] = field(default_factory=list)

    def of(self, role: str) -> list[Covering]:
        return getattr(self, role)


def coverage(facts: RoleFacts) -> list[dict[str, Any]]:
    """Each role: ``{"role", "title", "source", "count", "covered_by": [...], "note"}``.

    ``count`` counts people, groups and places alike (each once); the note is None
    when two or more cover the role."""
    out = []
    for role in ROLES:
        seen: dict[tuple[str, int | str | None], Covering] = {}
        for c in facts.of(role):
            seen.setdefault((c.type, c.id if c.id is not None else c.name), c)
        who = list(seen.values())
        note = None
        if not who:
            note = _NONE[role]
        elif len(who) == 1:
            note = _ONLY[role].format(name=who[0].name)
        out.append({
            "role": role,
            "title": ROLE_TITLES[role],
            "source": ROLE_SOURCES[role],
            "count": len(who),
            "covered_by": [c.to_json() for c in who],
            "note": note,
        })  # fmt: skip
    return out


def leaning_on_one(roles: list[dict[str, Any]]) -> str | None:
    """A kind word when one person covers three roles or more while others cover few:
    the concentration warning, by role instead of by contact."""
    counts: dict[int, tuple[str, int]] = {}
    for r in roles:
        for c in r["covered_by"]:
            if c["type"] == "person":
                name, n = counts.get(c["id"], (c["name"], 0))
                counts[c["id"]] = (name, n + 1)
    if not counts:
        return None
    name, most = max(counts.values(), key=lambda v: v[1])
    covered = sum(1 for r in roles if r["count"])
    if most >= 3 and most == covered:
        return (
            f"{name} covers {most} of the {len(roles)} kinds of support here. One person "
            "can't give all the support we need — who else might share some of it?"
        )
    return None


def notes(roles: list[dict[str, Any]]) -> list[str]:
    """The gentle words of the coverage: roles resting on one, one person's load, then
    roles no one covers yet."""
    out = [r["note"] for r in roles if r["note"] and r["count"] == 1]
    one = leaning_on_one(roles)
    if one:
        out.append(one)
    return out + [r["note"] for r in roles if r["note"] and r["count"] == 0]


def coverage_lines(roles: list[dict[str, Any]]) -> list[str]:
    """Plain lines: a role, how many cover it, and who (for the terminal and Markdown)."""
    out = []
    for r in roles:
        names = ", ".join(c["name"] for c in r["covered_by"][:6])
        more = len(r["covered_by"]) - 6
        if more > 0:
            names += f" and {more} more"
        out.append(f"{r['title']}: {r['count']}" + (f" — {names}" if names else ""))
    return out


def with_initials(
    facts: RoleFacts,
    names: list[str] = (),  # type: ignore[assignment]
    redact: Any = None,
) -> RoleFacts:
    """The same facts with every person's name reduced to initials; a known name inside
    a group's or a place's name ("coffee with Maya") is reduced too (by ``redact``, a
    ``initials.name_redactor`` made for every name, when given)."""
    from supportnet.initials import name_redactor

    if redact is None:
        everyone = {c.name for role in ROLES for c in facts.of(role) if c.type == "person"}
        redact = name_redactor(sorted(everyone | set(names)))

    def short(items: list[Covering]) -> list[Covering]:
        return [Covering(c.type, c.id, redact.initials(c.name) if c.type == "person"
                         else redact(c.name)) for c in items]  # fmt: skip

    return RoleFacts(*(short(facts.of(role)) for role in ROLES))


def for_review(facts: RoleFacts) -> dict[str, Any]:
    """What `review` and `report` add as ``support_roles``: the roles and their notes."""
    roles = coverage(facts)
    return {"roles": roles, "notes": notes(roles)}


def roles_text(review: dict[str, Any]) -> list[str]:
    """The review's support roles (``support_roles``, when the command added them):
    how many cover each, then the gentle words."""
    roles = review.get("support_roles")
    if not roles:
        return []
    out = ["", "Support roles"] + [f"  {row}" for row in coverage_lines(roles["roles"])]
    return out + [f"  {note}" for note in roles["notes"]]
