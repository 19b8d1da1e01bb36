"""What the nudge takes: plain, immutable facts about each person and the
network, and the settings.  ``store/nudge_facts.py`` fills them in from the
database; tests write them by hand.

The facts and the settings are ``NamedTuple`` records: a network holds thousands of
them, and a named tuple is made in a fifth of the time of a frozen dataclass (and its
class in a tenth: about 0.25 ms against 3 ms for ``Settings``), which every cold
`supportnet nudge` feels.
"""

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from supportnet.config import DEFAULTS

#: The weight of each term and how the nudge reads the data: the ``[weights]``
#: and ``[nudge]`` sections of the config (``supportnet config`` shows them).
DEFAULT_WEIGHTS: dict[str, float] = DEFAULTS["weights"]
DEFAULT_NUDGE: dict[str, Any] = DEFAULTS["nudge"]


class LifeEvent(NamedTuple):
    """A hard or happy moment in a person's life (other tones are ignored).

    ``on_date`` is the day of the occurrence in view: for a yearly event, the
    anniversary whose window the store found open (``occasions.open_window``).
    """

    id: int
    what: str
    kind: str
    tone: str  # "hard" or "happy"
    on_date: dt.date
    yearly: bool = False


class Favor(NamedTuple):
    what: str
    kind: str
    on_date: dt.date


class PlanOccurrence(NamedTuple):
    """A coming occurrence of a regular plan, not yet marked done or skipped."""

    plan_id: int
    title: str
    on_date: dt.date
    at_time: str | None = None
    people: tuple[int, ...] = ()


#: The newest (get-together, favor, life event) ids: what "something new" is
#: measured by.  Ids only grow, so a higher one was logged later.
Marks = tuple[int, int, int]


class Dismissal(NamedTuple):
    """``dismiss``: this kind (and subject, if given) is left out until something
    new is logged about the person or community: a get-together, favor or life
    event newer than the ``marks`` taken when it was dismissed."""

    kind: str
    marks: Marks = (0, 0, 0)
    subject: str = ""  # "" for every suggestion of the kind


class PersonFacts(NamedTuple):
    """What the nudge knows about one active person."""

    id: int
    name: str
    circle: str
    cadence_days: int  # the person's own, or their circle's
    added_on: dt.date
    last_contact: dt.date | None = None  # any get-together, in person or online
    last_in_person: dt.date | None = None  # None: never met in person
    recent_contacts: int = 0  # get-togethers in the last ``recent_days``
    next_birthday: dt.date | None = None  # the coming birthday (today counts)
    birthday_turns: int | None = None  # the age then, when the year of birth is known
    events: tuple[LifeEvent, ...] = ()  # hard and happy events near today
    last_favor_received: Favor | None = None
    last_favor_given: dt.date | None = None
    plans_soon: tuple[PlanOccurrence, ...] = ()
    snoozed_until: dt.date | None = None
    dismissals: tuple[Dismissal, ...] = ()
    newest: Marks = (0, 0, 0)  # their newest get-together, favor and event ids


class GroupFacts(NamedTuple):
    """A community you belong to, with its meetings since you last went."""

    id: int
    name: str
    missed_in_a_row: int  # meetings held since you last went (or since joining)
    last_attended: dt.date | None = None
    next_meeting: dt.date | None = None
    at_time: str | None = None
    members: tuple[int, ...] = ()  # who its line may name (the store gives the closest)
    snoozed_until: dt.date | None = None
    dismissals: tuple[Dismissal, ...] = ()
    newest: Marks = (0, 0, 0)  # its newest get-together id (then 0, 0)


class PairFacts(NamedTuple):
    """Two people who might enjoy meeting each other."""

    a: int
    b: int
    shared_tags: tuple[str, ...] = ()
    shared_communities: tuple[str, ...] = ()
    together: bool = False  # ever at one of your get-togethers together
    known: bool = False  # recorded as knowing each other (`supportnet know`)


class LeftOut(NamedTuple):
    """The active people not in ``NetworkFacts.people``, summed up.

    They have no life event, birthday, favor, plan, snooze or dismissal, and
    have been met in person.  Most have nothing to suggest: the hoped-for
    cadence has not come round.  The others (``catch_ups``) are due a plain
    'catch up' line that ranks below the first ``lines`` of the list, which
    are then all the list can show.  Only the rules about the whole network
    count them: how many people you have, how your recent contact is shared,
    which first names are taken, and how long the list is.
    """

    social: int = 0  # how many are not professionals
    recent_contacts: int = 0  # their get-togethers in the last ``recent_days``
    first_words: Mapping[str, int] = MappingProxyType({})  # see words.first_word_key
    catch_ups: int = 0  # how many are due a 'catch up' line below the first ``lines``
    lines: int | None = None  # how many first lines are whole (None: the whole list)


class NetworkFacts(NamedTuple):
    """Every active person and community, and the network as a whole.

    ``people`` may leave out people who have nothing to suggest, or only a
    'catch up' line below the first lines shown (``left_out`` sums them up), as
    long as it holds everyone a suggestion can name: the people with most
    recent contact, the introduction candidates, the ``members`` of
    ``communities``, and whoever the hoped-for cadence comes round for soonest.
    Tests give everyone and leave ``left_out`` empty.
    """

    people: tuple[PersonFacts, ...] = ()
    communities: tuple[GroupFacts, ...] = ()
    pairs: tuple[PairFacts, ...] = ()
    has_gettogethers: bool = False
    has_active_plans: bool = False
    left_out: LeftOut = LeftOut()


class _SettingsFields(NamedTuple):
    """The fields of ``Settings``, below."""

    weights: Mapping[str, float]
    online_counts_as: float = DEFAULT_NUDGE["online_counts_as"]
    time_cap: float = DEFAULT_NUDGE["time_cap"]
    recent_days: int = DEFAULT_NUDGE["recent_days"]
    concentration_share: float = DEFAULT_NUDGE["concentration_share"]
    concentration_min_contacts: int = DEFAULT_NUDGE["concentration_min_contacts"]
    reciprocity_days: int = DEFAULT_NUDGE["reciprocity_days"]
    new_person_days: int = DEFAULT_NUDGE["new_person_days"]
    plan_lead_days: int = DEFAULT_NUDGE["plan_lead_days"]
    missed_meetings: int = DEFAULT_NUDGE["missed_meetings"]
    introduction_days: int = DEFAULT_NUDGE["introduction_days"]
    max_introductions: int = DEFAULT_NUDGE["max_introductions"]
    hard_before_days: int = DEFAULTS["windows"]["hard_before_days"]
    hard_after_days: int = DEFAULTS["windows"]["hard_after_days"]
    happy_before_days: int = DEFAULTS["windows"]["happy_before_days"]
    happy_after_days: int = DEFAULTS["windows"]["happy_after_days"]
    birthday_lead_days: int = DEFAULTS["windows"]["birthday_lead_days"]


class Settings(_SettingsFields):
    """Weights and windows, from config.toml over the defaults.  Each one made
    without ``weights`` gets a fresh copy of the default weights."""

    __slots__ = ()

    def __new__(
        cls, weights: Mapping[str, float] | None = None, *args: Any, **options: Any
    ) -> "Settings":
        fresh = dict(DEFAULT_WEIGHTS) if weights is None else weights
        return super().__new__(cls, fresh, *args, **options)

    @classmethod
    def from_config(cls, values: Mapping[str, Mapping[str, Any]]) -> "Settings":
        """From the config's sections ``weights``, ``nudge`` and ``windows``."""
        weights = dict(DEFAULT_WEIGHTS)
        weights.update(values.get("weights", {}))
        known = set(cls._fields) - {"weights"}
        options = {}
        for section in ("nudge", "windows"):
            for key, value in values.get(section, {}).items():
                if key in known:
                    options[key] = value
        return cls(weights=weights, **options)

    def weight(self, term: str) -> float:
        return float(self.weights.get(term, DEFAULT_WEIGHTS.get(term, 0.0)))

    @property
    def windows(self) -> dict[str, int]:
        """The ``[windows]`` lengths, as ``occasions.Windows`` and the store take them."""
        return {name: getattr(self, name) for name in DEFAULTS["windows"]}
