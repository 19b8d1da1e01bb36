"""The weekly digest, pure: the review's short form, the last 7 days in three lines
and one suggestion for the week ahead (``review.build_review`` and the nudge's first
suggestion in; text and JSON out).  A quiet week is named gently, never as a
failure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from supportnet.nudge import Suggestion
from supportnet.remind.digest import NO_NAMES, Daily, capital, count, suggestion_phrase
from supportnet.review import quiet_words
from supportnet.text import join_words

# --- the weekly digest ----------------------------------------------------------------


class Weekly(NamedTuple):
    """The review's short form: the last 7 days and one suggestion for the next."""

    today: dt.date
    review: Mapping[str, Any]  # ``review.build_review`` of the last 7 days
    next_step: Suggestion | None = None
    called: Mapping[int, str] = NO_NAMES

    def daily(self) -> Daily:
        """A daily digest holding only the next step (for its words)."""
        steps = (self.next_step,) if self.next_step else ()
        return Daily(self.today, suggestions=steps, called=self.called)


def _happened(review: Mapping[str, Any]) -> str:
    h = review["happened"]
    if not h["gettogethers"]:
        return quiet_words("week")
    people = len(h["people"])
    ways = [f"{h['in_person']} in person"] if h["in_person"] else []
    ways += [f"{h['online']} online"] if h["online"] else []
    with_whom = f" with {count(people, 'person', 'people')}" if people else ""
    return (
        f"This week: {count(h['gettogethers'], 'get-together', 'get-togethers')}{with_whom} "
        f"({' and '.join(ways)})."
    )


def _goals_words(review: Mapping[str, Any]) -> str | None:
    words = []
    for goal in review["goals"]:
        periods = [p for p in goal["periods"] if p["status"] not in ("before_start", "ended")]
        if not periods or goal["status"] != "active":
            continue
        last = periods[-1]
        if last["status"] == "met":
            words.append(f"“{goal['title']}” met")
        else:
            words.append(f"“{goal['title']}” {last['count']} of {goal['target']}")
    return ("Goals: " + "; ".join(words) + ".") if words else None


def _other_words(review: Mapping[str, Any]) -> str:
    h = review["happened"]
    parts = []
    if h["favors_given"] or h["favors_received"]:
        parts.append(f"favors {h['favors_given']} given, {h['favors_received']} received")
    if h["community_meetings"]:
        parts.append(count(h["community_meetings"], "community meeting", "community meetings"))
    if h["new_people"]:
        parts.append(count(len(h["new_people"]), "new person", "new people"))
    if parts:
        return capital(join_words(parts)) + "."
    return f"Your network: {count(review['network']['now'], 'person', 'people')}."


def _cheer(review: Mapping[str, Any]) -> str:
    # A quiet week is the first line already (``_happened``): not said twice.
    setbacks = [s for s in review["setbacks"] if s["kind"] != "quiet"]
    for item in [*review["streaks"], *review["milestones"], *setbacks]:
        return str(item["text"])
    return "Every bit counts."


def _ahead(w: Weekly) -> str | None:
    if w.next_step is None:
        return None
    return f"For the week ahead: {suggestion_phrase(w.next_step, w.daily())}."


def weekly_lines(w: Weekly) -> list[str]:
    """The week in three lines, and one suggestion for the next."""
    out = [
        _happened(w.review),
        _goals_words(w.review) or _other_words(w.review),
        _cheer(w.review),
    ]
    ahead = _ahead(w)
    return [*out, ahead] if ahead else out


def weekly_short(w: Weekly) -> list[str]:
    """The week in two lines, as a notification shows it: what happened, and the
    suggestion for the week ahead (or the goals, when there is none)."""
    return [_happened(w.review), _ahead(w) or _goals_words(w.review) or _other_words(w.review)]


def weekly_private(w: Weekly) -> str:
    """The week without a name: '3 get-togethers with 2 people; 1 goal met'."""
    h = w.review["happened"]
    seen = f" with {count(len(h['people']), 'person', 'people')}" if h["people"] else ""
    parts = [count(h["gettogethers"], "get-together", "get-togethers") + seen]
    goals = [g for g in w.review["goals"] if g["status"] == "active"]
    met = sum(1 for g in goals if g["periods"] and g["periods"][-1]["status"] == "met")
    if goals:
        parts.append(f"{met} of {count(len(goals), 'goal', 'goals')} met")
    if w.next_step is not None:
        parts.append("one suggestion for the week ahead")
    return capital("; ".join(parts))


def weekly_json(w: Weekly) -> dict[str, Any]:
    return {
        "today": w.today.isoformat(),
        "start": w.review["start"],
        "end": w.review["end"],
        "lines": weekly_lines(w),
        "next": w.next_step.to_json(1) if w.next_step else None,
        "private": weekly_private(w),
    }
