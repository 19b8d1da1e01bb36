"""What the digests and reminders read: whether goals are set, the reminder schedule
in force and the runs recorded (migration 0008).  Reads only; never prints.

Rows become read records by column name (store/records.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any, NamedTuple

from supportnet.store.records import fetch, fetch_one


def has_active_goals(conn: sqlite3.Connection) -> bool:
    """Whether any goal is set and not paused (the digest looks for one within reach)."""
    return conn.execute("SELECT 1 FROM goal WHERE status = 'active' LIMIT 1").fetchone() is not None


class SetupRow(NamedTuple):
    """A schedule `remind install` set up (a read record of ``models.ReminderSetup``)."""

    id: int
    scheduler: str
    at_time: str
    days: str  # 'mon,tue,wed'; '' for none
    weekly_day: str | None
    installed_on: dt.date
    removed_on: dt.date | None

    @property
    def day_names(self) -> tuple[str, ...]:
        return tuple(self.days.split(",")) if self.days else ()

    def to_json(self) -> dict[str, Any]:
        return {
            "scheduler": self.scheduler,
            "at": self.at_time,
            "days": list(self.day_names),
            "weekly": self.weekly_day,
            "installed_on": self.installed_on.isoformat(),
        }


class RunRow(NamedTuple):
    """One `remind run` (a read record of ``models.ReminderRun``)."""

    id: int
    digest: str
    digest_on: dt.date
    started_at: dt.datetime
    finished_at: dt.datetime | None
    scheduled: bool
    outcome: str
    channel: str | None
    summary: str | None
    reason: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "digest": self.digest,
            "digest_on": self.digest_on.isoformat(),
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "scheduled": self.scheduled,
            "outcome": self.outcome,
            "channel": self.channel,
            "summary": self.summary,
            "reason": self.reason,
        }


def setup_in_force(conn: sqlite3.Connection) -> SetupRow | None:
    """The schedule set up for this database, or None."""
    return fetch_one(
        conn,
        SetupRow,
        "SELECT id, scheduler, at_time, days, weekly_day, installed_on, removed_on"
        " FROM reminder_setup WHERE removed_on IS NULL ORDER BY id DESC LIMIT 1",
    )


def last_runs(conn: sqlite3.Connection, limit: int = 10) -> list[RunRow]:
    """The latest runs, newest first."""
    return fetch(
        conn,
        RunRow,
        "SELECT id, digest, digest_on, started_at, finished_at, scheduled, outcome, channel,"
        " summary, reason FROM reminder_run ORDER BY id DESC LIMIT ?",
        (limit,),
    )


def last_scheduled_day(conn: sqlite3.Connection) -> dt.date | None:
    """The latest day the scheduler started a run for (whatever came of it)."""
    (day,) = conn.execute("SELECT max(digest_on) FROM reminder_run WHERE scheduled = 1").fetchone()
    return dt.date.fromisoformat(day) if day else None
