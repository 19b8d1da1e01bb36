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
    text = override if override else os.environ.get(TODAY_ENV, "").strip()
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            source = "--today" if override else TODAY_ENV
            raise InvalidInput(f"{source} must be a date like 2026-03-14, not {text!r}.") from None
    return dt.date.today()


def now_utc() -> dt.datetime:
    """The current moment, timezone-aware, for record-keeping timestamps."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
