"""The only module that reads the real clock.

Everything else is handed "today". A user (``--today`` / ``SUPPORTNET_TODAY``) or
a test can fix it to see what supportnet would say on another day.
"""

from __future__ import annotations

import datetime as dt
import os

from supportnet.errors import InvalidInput

TODAY_ENV = "SUPPORTNET_TODAY"


def today(override: str | None = None) -> dt.date:
    """Return the date supportnet treats as today.

    ``override`` (the ``--today`` option) wins over the ``SUPPORTNET_TODAY``
    environment variable, which wins over the system clock.  Both take an ISO
    date (``2026-03-14``).
    """
    text = (override if override else os.environ.get(TODAY_ENV, "")).strip()
    if text or override:
        source = "--today" if override else TODAY_ENV
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise InvalidInput(f"{source} must be a date like 2026-03-14, not {text!r}.") from None
        from supportnet.dates import EARLIEST_YEAR, LATEST_YEAR

        # A year of room each side keeps every window around today a real date.
        if not EARLIEST_YEAR < day.year < LATEST_YEAR:
            raise InvalidInput(
                f"{source} must be a date between {EARLIEST_YEAR + 1} and {LATEST_YEAR - 1}, "
                f"not {text!r}."
            )
        return day
    return dt.date.today()


def now_utc() -> dt.datetime:
    """The current moment, timezone-aware, for record-keeping timestamps."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def now_local() -> dt.datetime:
    """The current local wall-clock time (naive), for a schedule's next run."""
    return dt.datetime.now().replace(microsecond=0)
