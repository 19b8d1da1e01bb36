"""Recurring dates: human phrases to RFC 5545 RRULEs, their occurrences, and words for them.

"every 2 weeks on tue", "monthly on the first sunday", "every weekday",
"every wed 19:00" or a raw ``FREQ=WEEKLY;BYDAY=TU`` become a ``Recurrence``: the
RRULE text (without DTSTART or UNTIL) and an optional wall-clock time.  The
occurrences themselves always come from ``dateutil.rrule``: no recurrence
arithmetic is done by hand here.

Recurrences are about whole days: the rule picks the dates, the time is the same
on every one of them.  Hourly rules and BYHOUR/BYMINUTE/BYSECOND are refused.
Nothing here reads the clock or the database.  The modules, in the order they
build on each other:

- ``rules``: the ``Recurrence`` record and raw RRULEs (checked, spelled one way);
- ``phrases``: reading what people write ("every other tuesday at 7pm") and times of day;
- ``words``: a rule in words, which ``phrases`` reads back to the same rule;
- ``series``: the dates a rule gives (through dateutil), and what to say of them.
"""

from supportnet.recurrence.phrases import (
    MAX_PHRASE_COUNT,
    RECURRENCE_FORMS,
    parse_recurrence,
    parse_time,
    recurrence_from_options,
)
from supportnet.recurrence.rules import (
    DAY_CODES,
    DAY_NAMES,
    FREQUENCIES,
    MAX_RULE_NUMBER,
    ONCE,
    Recurrence,
    clean_rule,
    rule_parts,
    split_until,
)
from supportnet.recurrence.series import (
    dates_from,
    ensure_produces,
    first_occurrence,
    next_occurrence,
    occurrences,
)
from supportnet.recurrence.words import describe

__all__ = [
    "DAY_CODES",
    "DAY_NAMES",
    "FREQUENCIES",
    "MAX_PHRASE_COUNT",
    "MAX_RULE_NUMBER",
    "ONCE",
    "RECURRENCE_FORMS",
    "Recurrence",
    "clean_rule",
    "dates_from",
    "describe",
    "ensure_produces",
    "first_occurrence",
    "next_occurrence",
    "occurrences",
    "parse_recurrence",
    "parse_time",
    "recurrence_from_options",
    "rule_parts",
    "split_until",
]
