"""The digests' facts, read from the database: the nudge, the agenda, goals, the review.

Reads only, plain SQL through the stores (no SQLModel: `today` is a read command).
The ranking is the nudge's own (``supportnet.nudge.rank``), so the digest's first
suggestion is always the nudge's first.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from supportnet.store.records import no_gc_pauses

if TYPE_CHECKING:  # imported when used: `nudge` asks only for ``silence``
    from supportnet.remind.digest import Daily
    from supportnet.remind.weekly import Weekly


def _ranked(conn: sqlite3.Connection, today: dt.date, config: Any, limit: int) -> tuple:
    """(the nudge for today with its first ``limit`` suggestions in words, a
    function naming a person as the nudge's sentences do)."""
    from supportnet.nudge import Settings, rank
    from supportnet.nudge.words import first_word_counts, short_name
    from supportnet.store.nudge_facts import gather

    settings = Settings.from_config(config.values)
    lines = max(limit, 1)
    network = gather(conn, today, settings, config.cadence_days, lines=lines)
    result = rank(network, today, settings, limit=lines)
    words = first_word_counts(p.name for p in network.people)
    words += Counter(network.left_out.first_words)
    return result, lambda name: short_name(name, words)


def _called(people: Iterable[tuple[int, str]], name_of: Any) -> dict[int, str]:
    return {pid: name_of(name) for pid, name in people}


def daily(conn: sqlite3.Connection, today: dt.date, config: Any, limit: int) -> Daily:
    """This morning's digest: the nudge's first ``limit`` suggestions, what is on today
    and tomorrow (plans, group meetings, birthdays, life events), and a goal within
    reach this week."""
    from supportnet.remind.digest import Daily, goal_in_reach
    from supportnet.store.agenda import agenda
    from supportnet.store.reminders import has_active_goals

    with no_gc_pauses():
        result, name_of = _ranked(conn, today, config, limit)
        items = agenda(conn, today, today + dt.timedelta(days=1))
        goal = None
        if has_active_goals(conn):  # else the goal modules are not even loaded
            from supportnet.store.progress import goals_progress

            goal = goal_in_reach(goals_progress(conn, today, periods=1), today)
        said = notes(conn, today, config)
    caught_up = next((s for s in result.suggestions if s.kind == "caught_up"), None)
    shown = tuple(s for s in result.suggestions if s.kind != "caught_up")[:limit]
    more = result.count - len(shown) - (caught_up is not None)
    items = tuple(i for i in items if i.extra.get("status") != "done")
    people = [p for s in shown for p in s.people] + [p for i in items for p in i.people]
    return Daily(today, shown, more, caught_up, items, goal, _called(people, name_of), said)


def weekly(conn: sqlite3.Connection, today: dt.date, config: Any) -> Weekly:
    """The review of the last 7 days, and the nudge's first suggestion for the next."""
    from supportnet.remind.weekly import Weekly
    from supportnet.review import build_review, review_range
    from supportnet.store.review import review_facts

    start, end = review_range(today)
    with no_gc_pauses():
        review = build_review(review_facts(conn, start, end, today), today)
        result, name_of = _ranked(conn, today, config, 1)
    first = result.suggestions[0] if result.suggestions else None
    step = first if first is not None and first.kind != "caught_up" else None
    return Weekly(today, review, step, _called(step.people if step else (), name_of))


def notes(conn: sqlite3.Connection, today: dt.date, config: Any) -> tuple[str, ...]:
    """The words `nudge`, `today` and the reminders add, each only when it applies: a
    check-in is due (docs/check-ins.md), the reminders went quiet, the safety plan is
    due a calm look (docs/homework.md).  Each one's modules load only when there is
    something for it: a check-in cadence, reminders set up, a safety plan begun."""
    check_in = plan = None
    if _any(conn, "check_in_cadence"):
        from supportnet.store.checkins import due_note

        check_in = due_note(conn, today)
    if _any(conn, "safety_role", "resource", "safety_plan_review"):
        from supportnet.store.safety_plan import nudge_note

        plan = nudge_note(conn, today, config)
    found = (check_in, silence(conn, today), plan)
    return tuple(note for note in found if note)


def _any(conn: sqlite3.Connection, *tables: str) -> bool:
    """Whether any of ``tables`` holds a row."""
    union = " UNION ALL ".join(f"SELECT 1 FROM {table}" for table in tables)
    return conn.execute(f"SELECT EXISTS ({union})").fetchone()[0] == 1


def silence(conn: sqlite3.Connection, today: dt.date) -> str | None:
    """A kind word when the reminders set up for this database have not run for longer
    than their schedule expects; None otherwise (and when none are set up)."""
    if not _any(conn, "reminder_setup"):
        return None
    from supportnet.store.reminders import last_scheduled_day, setup_in_force

    setup = setup_in_force(conn)
    if setup is None:
        return None
    from supportnet.remind.schedule import Schedule, silence_note

    schedule = Schedule(setup.at_time, setup.day_names, setup.weekly_day)
    return silence_note(schedule, setup.installed_on, last_scheduled_day(conn), today)
