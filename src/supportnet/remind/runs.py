"""One `supportnet remind run`: the digest, delivered once a day however often the run
is started, and recorded.

1. The digest is read (plain SQL, ``gather``).  A day with nothing worth saying
   is recorded as quiet, and nothing is shown.
2. The run claims the day in one short transaction (``writes.reminders.claim_day``):
   if another run delivered it, or is delivering it right now, this one is
   recorded as skipped.  Two timers, a catch-up run after sleep and a manual run
   deliver once.
3. Outside any transaction (a slow notifier never holds the database), the
   digest is delivered (``delivery``), and the run's record is finished:
   delivered, or failed with the reason in plain words.

The record keeps no name: its summary is the digest's private form.  Nothing else
is written.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any, NamedTuple

from supportnet.remind import digest as words
from supportnet.remind import gather, weekly
from supportnet.remind.delivery import CHANNEL_WORDS, Delivery, Message, deliver

TITLES = {"daily": "supportnet: today", "weekly": "supportnet: your week"}
WHAT = {"daily": "the morning digest", "weekly": "the weekly digest"}


class Outcome(NamedTuple):
    """How a run went, with one line for the person (or the scheduler's log)."""

    outcome: str  # delivered, quiet, skipped, failed; 'dry-run' for --dry-run
    line: str
    channel: str | None = None
    reason: str | None = None


def message(conn: sqlite3.Connection, today: dt.date, config: Any, digest: str,
            private: bool) -> tuple[Message, str, bool]:  # fmt: skip
    """(what to deliver, its summary without names, whether it is worth saying)."""
    title = TITLES[digest]
    if digest == "weekly":
        week = gather.weekly(conn, today, config)
        summary = weekly.weekly_private(week)
        text = summary if private else "\n".join(weekly.weekly_lines(week))
        return Message(title, text, text, digest), summary, True
    day = gather.daily(conn, today, config, config.section("remind")["suggestions"])
    summary = words.private_text(day)
    if private:
        return Message(title, summary, summary, digest), summary, day.worth_saying
    full = "\n".join(words.daily_lines(day))
    return Message(title, words.short_text(day), full, digest), summary, day.worth_saying


def _held_words(held: dict, digest: str) -> str:
    when = held["started_at"].astimezone()
    if held["outcome"] == "delivering":
        return f"another run began delivering {WHAT[digest]} at {when:%H:%M} and is not done yet"
    channel = held.get("channel")
    through = f" through {CHANNEL_WORDS.get(channel, channel)}" if channel else ""
    return f"{WHAT[digest]} for today was already delivered at {when:%H:%M}{through}"


def run(conn: sqlite3.Connection, today: dt.date, config: Any, digest: str, *,
        command: list[str] | None, private: bool, scheduled: bool,
        now: Callable[[], dt.datetime], dry_run: bool = False,
        send: Callable[..., Delivery] = deliver) -> Outcome:  # fmt: skip
    """Deliver today's ``digest`` once, and record how it went."""
    from supportnet.db import write_session
    from supportnet.models import validate
    from supportnet.models.reminder import RunEnd, RunStart
    from supportnet.writes import reminders as writes

    said, summary, worth = message(conn, today, config, digest, private)
    if dry_run:
        from supportnet.remind.delivery import would_use

        if not worth:
            return Outcome("dry-run", "Nothing worth saying today: nothing would be shown.")
        return Outcome("dry-run", f"Would deliver through {would_use(said, command)}:\n{said.full}")
    start = validate(RunStart, {"digest": digest, "digest_on": today, "started_at": now(),
                                "scheduled": scheduled})  # fmt: skip

    def end(outcome: str, **fields: Any) -> Any:
        return validate(RunEnd, {"outcome": outcome, "finished_at": now(), **fields})

    if not worth:
        with write_session(conn) as session:
            writes.record_run(session, start, end("quiet", reason="nothing worth saying"))
        return Outcome("quiet", "Nothing worth saying today, so nothing was shown "
                                "(`supportnet today --always` says so).")  # fmt: skip
    with write_session(conn) as session:
        run_id, held = writes.claim_day(session, start)
        if held is not None:
            why = _held_words(held, digest)
            writes.record_run(session, start, end("skipped", reason=why))
    if held is not None:
        return Outcome("skipped", f"Not delivered again: {why}. It comes once a day; "
                                  "`supportnet today` shows it now.", reason=why)  # fmt: skip
    assert run_id is not None
    try:
        result = send(said, command, quiet=scheduled)
    except BaseException:
        with write_session(conn) as session:
            writes.finish_run(session, run_id, end("failed", reason="it was stopped"))
        raise
    outcome = "delivered" if result.delivered else "failed"
    with write_session(conn) as session:
        writes.finish_run(session, run_id, end(outcome, channel=result.channel, summary=summary,
                                               reason=result.reason))  # fmt: skip
    if not result.delivered:
        return Outcome("failed", f"{WHAT[digest].capitalize()} could not be delivered: "
                                 f"{result.reason}.", reason=result.reason)  # fmt: skip
    note = f" ({result.reason}, so it came this way)" if result.reason else ""
    through = CHANNEL_WORDS.get(result.channel or "", result.channel)
    return Outcome("delivered", f"Delivered {WHAT[digest]} through {through}{note}.",
                   channel=result.channel)  # fmt: skip
