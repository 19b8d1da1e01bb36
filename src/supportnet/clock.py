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
    environment variable, which wins over the system clock.  Both take a date as
    every date option does (``2026-03-14``, ``14 March 2026``, ``next friday``: a
    phrase counts from the system clock's today).
    """
    text = (override if override else os.environ.get(TODAY_ENV, "")).strip()
    if text or override:
        source = "--today" if override else TODAY_ENV
        if not text:
            raise InvalidInput(f"{source} must be a date like 2026-03-14, not ''.")
        from supportnet.dates import EARLIEST_YEAR, LATEST_YEAR, parse_date

        try:  # as every date option reads a date, from the real clock's today
            day = parse_date(text, dt.date.today())
        except InvalidInput as error:
            message = error.message
            raise InvalidInput(f"{source}: {message[:1].lower()}{message[1:]}") from None

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
