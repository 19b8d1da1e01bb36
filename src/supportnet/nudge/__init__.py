"""The nudge: who to reach out to next, what to do, and why.

Pure: plain facts about each person and the network, plus ``today`` and the
settings, go in; a ranked list of suggestions comes out, each with every term
of its score.  No database, no printing, no clock, no randomness.
docs/nudge.md tells the whole story; the modules, in the order they build on
each other:

- ``facts``: what the nudge takes (``NetworkFacts`` and the records in it, ``Settings``);
- ``results``: what it gives back (``Nudge``, ``Suggestion``, ``Term``, ``Explanation``);
- ``score``: the terms of one person's score and the kind of their suggestion;
- ``words``: the sentences, and the fact behind every term;
- ``rank``: the whole list, in order.
"""

from supportnet.nudge.facts import (
    Dismissal,
    Favor,
    GroupFacts,
    LeftOut,
    LifeEvent,
    Marks,
    NetworkFacts,
    PairFacts,
    PersonFacts,
    PlanOccurrence,
    Settings,
)
from supportnet.nudge.rank import about, explain, explain_group, rank
from supportnet.nudge.results import (
    DISMISSABLE,
    KINDS,
    Explanation,
    GroupExplanation,
    Nudge,
    Suggestion,
    Term,
)

__all__ = [
    "DISMISSABLE",
    "KINDS",
    "Dismissal",
    "Explanation",
    "Favor",
    "GroupExplanation",
    "GroupFacts",
    "LeftOut",
    "LifeEvent",
    "Marks",
    "NetworkFacts",
    "Nudge",
    "PairFacts",
    "PersonFacts",
    "PlanOccurrence",
    "Settings",
    "Suggestion",
    "Term",
    "about",
    "explain",
    "explain_group",
    "rank",
]
