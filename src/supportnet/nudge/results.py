"""What the nudge gives back: suggestions with every term of their score
(``NamedTuple`` records, like the facts)."""

from typing import Any, NamedTuple

from supportnet.nudge.facts import GroupFacts, PersonFacts
from supportnet.text import join_words

#: The kinds of a person's own line, the most pressing first (``score`` decides).
PERSON_KINDS = (
    "check_in",
    "confirm_plan",
    "celebrate",
    "thank",
    "meet_in_person",
    "catch_up",
)
#: Every kind of suggestion, as it appears in --json and `dismiss --kind`.
KINDS = (
    *PERSON_KINDS,
    "introduce",
    "go_back",
    "schedule",
    "grow",
    "add_person",
    "caught_up",
)
#: The kinds `dismiss` can leave out, and the term each one stands on.
KIND_TERM: dict[str, str] = {
    "check_in": "hard_event",
    "confirm_plan": "plan_soon",
    "celebrate": "celebration",
    "thank": "reciprocity",
    "meet_in_person": "new_person",
    "catch_up": "time",
    "introduce": "introduction",
    "go_back": "community",
    "schedule": "small_network",
}
DISMISSABLE = tuple(KIND_TERM)


class Term(NamedTuple):
    """One part of a score: ``value x weight = contribution``, and the fact behind it."""

    name: str
    value: float
    weight: float
    fact: str

    @property
    def contribution(self) -> float:
        return self.value * self.weight

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "weight": round(self.weight, 3),
            "contribution": round(self.contribution, 3),
            "fact": self.fact,
        }


class Suggestion(NamedTuple):
    kind: str
    reason: str  # one kind sentence: why
    action: str  # what to do
    terms: tuple[Term, ...]
    people: tuple[tuple[int, str], ...] = ()  # (id, name)
    community: tuple[int, str] | None = None
    subject: str = ""  # what exactly it is about: "birthday:2026-06-16", "plan:3:..."
    log_kind: str | None = None  # what `nudge --log N` records; None: nothing to log
    log_in_person: bool = True

    @property
    def total(self) -> float:
        return sum(t.contribution for t in self.terms)

    @property
    def who(self) -> str:
        """Who it is about, as its heading names them: 'Ana and Sam', a group, or
        'Your network'."""
        if self.people:
            return join_words([name for _, name in self.people])
        return self.community[1] if self.community else "Your network"

    def top_terms(self, n: int = 3) -> list[Term]:
        """The terms that count most (for --explain), largest contribution first."""
        shown = [t for t in self.terms if t.contribution > 0]
        return sorted(shown, key=lambda t: -t.contribution)[:n]

    def to_json(self, number: int) -> dict[str, Any]:
        return {
            "number": number,
            "kind": self.kind,
            "people": [{"id": pid, "name": name} for pid, name in self.people],
            "community": (
                {"id": self.community[0], "name": self.community[1]} if self.community else None
            ),
            "reason": self.reason,
            "action": self.action,
            "total": round(self.total, 3),
            "terms": [t.to_json() for t in self.terms],
            "subject": self.subject,
            "log": {"kind": self.log_kind, "in_person": self.log_in_person}
            if self.log_kind
            else None,
        }


class Nudge(NamedTuple):
    """The ranked list: ``suggestions`` are the first ``limit`` of all ``count``
    suggestions (every one without a limit); number N is ``suggestions[N - 1]``."""

    suggestions: tuple[Suggestion, ...]
    count: int
    notes: tuple[str, ...] = ()
    hidden: int = 0  # suggestions left out because they are snoozed or dismissed


class Explanation(NamedTuple):
    """Everything `why NAME` shows about one person."""

    person: PersonFacts
    terms: tuple[Term, ...]
    kind: str | None  # the kind of their own suggestion, if any
    status: str  # one sentence: where they stand in the nudge
    suggestions: tuple[tuple[int, Suggestion], ...]  # (number, suggestion) naming them

    @property
    def total(self) -> float:
        return sum(t.contribution for t in self.terms)


class GroupExplanation(NamedTuple):
    """Everything `why --group NAME` shows about one of your groups."""

    group: GroupFacts
    terms: tuple[Term, ...]
    kind: str | None  # "go_back" when it is in the nudge
    status: str  # one sentence: where it stands in the nudge
    suggestions: tuple[tuple[int, Suggestion], ...]  # (number, suggestion) naming it

    @property
    def total(self) -> float:
        return sum(t.contribution for t in self.terms)
