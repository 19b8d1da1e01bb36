"""The calendar as a vdir: one ``UID.ics`` per plan, community meeting series,
birthday and dated life event (docs/sync.md).

Each file holds the one event the whole-file calendar export writes for the same
entry (``ics.entry_calendar``: same UID, same properties), so an event moves
between the two without being duplicated.  Ended and cancelled series stay, with
``STATUS:CANCELLED`` or their ``UNTIL``; a removed plan's file is removed.  The
folder is written by ``vdir.write_folder``: only changed files, never one changed
in the folder since (the calendar is not read back).

Optional reminders: ``VALARM`` a given time before all-day events (birthdays, life
events: ``1d``) and before timed ones (plans and meetings with a time: ``1h``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from supportnet.errors import InvalidInput
from supportnet.exchange.vdir import FolderChange, Item, fingerprint, refuse_the_other_kind

KINDS = ("plan", "community", "birthday", "event")
_LAYOUT = 1
_ALARM = re.compile(r"\s*(\d{1,4})\s*(d|h|m|days?|hours?|minutes?)\s*", re.I)


@dataclass(frozen=True)
class Alarms:
    """How long before an event its reminder goes off: all-day ones, timed ones."""

    all_day: dt.timedelta | None = None
    timed: dt.timedelta | None = None


def parse_alarms(values: list[str]) -> Alarms:
    """``["1d", "1h"]``: days are for all-day events, hours and minutes for timed ones."""
    all_day = timed = None
    for value in values:
        m = _ALARM.fullmatch(value)
        if not m or int(m.group(1)) == 0:
            raise InvalidInput(
                f"--alarm {value!r} is not understood: give a time before the event like 1d "
                "(birthdays and other all-day events) or 1h, 30m (plans with a time)."
            )
        amount, unit = int(m.group(1)), m.group(2)[0].lower()
        if (all_day if unit == "d" else timed) is not None:
            raise InvalidInput(
                "Give at most one --alarm in days (for all-day events) and one in hours or "
                f"minutes (for timed ones); {value!r} is a second one."
            )
        if unit == "d":
            all_day = dt.timedelta(days=amount)
        else:
            timed = dt.timedelta(hours=amount) if unit == "h" else dt.timedelta(minutes=amount)
    return Alarms(all_day, timed)


def export_calendar(
    conn: sqlite3.Connection,
    folder: Path,
    *,
    today: dt.date,
    now: dt.datetime,
    database: Path,
    alarms: Alarms = Alarms(),
) -> FolderChange:
    """Bring the calendar vdir ``folder`` in step with every entry of the calendar."""
    from supportnet.exchange.ics import calendar_entries, entry_calendar, entry_uid
    from supportnet.exchange.vdir import write_folder
    from supportnet.store.identity import database_identity

    refuse_the_other_kind(  # as import --vdir refuses a calendar's folder
        folder,
        ".vcf",
        f"{folder} holds address-book cards (.vcf); the calendar goes in a "
        "folder of its own (calendar export --vdir ~/.calendars/supportnet). Nothing was written.",
    )
    identity = database_identity(conn)
    entries = calendar_entries(conn, today)
    stamp = now.astimezone(dt.timezone.utc).replace(microsecond=0)

    def build(_states: object) -> list[Item]:
        items = []
        for entry in entries:
            alarm = alarms.timed if entry.time else alarms.all_day
            uid = entry_uid(entry, identity)
            render = functools.partial(_text, entry_calendar, entry, identity, stamp, alarm)
            items.append(Item(entry.kind, str(entry.source_id), uid, f"{uid}.ics",
                              fingerprint(_LAYOUT, entry, alarm), render))  # fmt: skip
        return items

    return write_folder(conn, folder, KINDS, build, now=now, database=database)


def _text(make: Callable[..., bytes], *args: object) -> str:
    return make(*args).decode("utf-8")
