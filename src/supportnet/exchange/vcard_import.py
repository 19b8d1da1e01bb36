"""One vCard file, imported as one transaction: refused when no card can be read
(or, with ``--strict``, when any card or line cannot), else every card read is
added or merged by ``merging``'s rule and the result summed up (``VCardImport``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from supportnet.errors import FileProblem
from supportnet.exchange.merging import Outcome
from supportnet.exchange.vcard import Card, CardProblem
from supportnet.text import count_of


def note_guessed(cards: list[Card], problems: list[CardProblem], guessed: list[int]) -> None:
    """Note on each card the first of its lines read as Windows-1252 (not UTF-8): a
    Russian or Greek name so read is garbled, and should be seen.  A line is the card's
    that begins last before it (a card that could not be read takes its own)."""
    import bisect

    starts = sorted([(c.line, c) for c in cards] + [(p.line, None) for p in problems],
                    key=lambda start: start[0])  # fmt: skip
    lines = [line for line, _ in starts]
    noted: set[int] = set()
    for number in guessed:
        at = bisect.bisect_right(lines, number) - 1
        card = starts[at][1] if at >= 0 else None
        if card is not None and card.number not in noted:
            noted.add(card.number)
            card.warnings.append(
                f"line {number} is not UTF-8, so it was read as Windows-1252 (Western "
                "European); if its text looks wrong, save the file as UTF-8 and import it "
                "again"
            )


def check_readable(
    cards: list[Card], problems: list[CardProblem], what: str, *, strict: bool
) -> None:
    """Refuse a file with no card at all; with ``strict``, any card or line not read.

    Otherwise unreadable cards and lines are only reported and the rest imported.
    """
    if not cards and not problems:
        raise FileProblem(f"{what} has no vCard in it (no BEGIN:VCARD line); nothing was imported.")
    lines = [p for card in cards for p in card.unreadable[:1]] if strict else []
    if strict:
        problems = sorted([*problems, *lines], key=lambda p: (p.number, p.line))
    if problems and (strict or not cards):
        rest = problems[1:]
        if not rest:
            also = ""
        elif any(p in lines for p in rest):  # lines of cards read, not whole cards
            also = f" ({count_of(len(rest), 'more problem')} too)"
        else:
            also = f" ({count_of(len(rest), 'more card')} could not be read either)"
        why = " (--strict)" if cards else ""
        raise FileProblem(f"{what}: {problems[0].describe()}{also}; nothing was imported{why}.")


@dataclass(slots=True)
class VCardImport:
    """The result of importing one vCard file."""

    file: str
    outcomes: list[Outcome]
    problems: list[CardProblem]
    dry_run: bool

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": "vcard",
            "dry_run": self.dry_run,
            "counts": {
                "cards": len(self.outcomes) + len(self.problems),
                "added": self.count("added"),
                "updated": self.count("updated"),
                "skipped": self.count("skipped"),
                "unreadable": len(self.problems),
            },
            "cards": [
                {
                    "card": o.card.number,
                    "line": o.card.line,
                    "name": o.card.name,
                    "action": o.action,
                    "reason": o.reason,
                    "person_id": o.person_id,
                    "person_name": o.person_name,
                    "warnings": o.card.warnings,
                }
                for o in self.outcomes
            ],
            "problems": [
                {"card": p.number, "line": p.line, "message": p.message} for p in self.problems
            ],
        }


def import_vcards(
    conn: sqlite3.Connection,
    cards: list[Card],
    problems: list[CardProblem],
    what: str,
    today: dt.date,
    circle: str,
    *,
    dry_run: bool = False,
) -> VCardImport:
    """Import read cards in one transaction (rolled back on a dry run)."""
    from supportnet.db import write_session
    from supportnet.exchange.merging import import_cards

    with write_session(conn, dry_run=dry_run) as session:
        outcomes = import_cards(session, cards, today, circle)
    return VCardImport(what, outcomes, problems, dry_run)
