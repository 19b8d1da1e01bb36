"""The safety plan, pure: its sections, whether it is due a look, and gentle warnings.

A safety plan (Stanley & Brown) works best when it is current.  The person writes
some steps in their own words (``SECTIONS``); `help-now` shows them in the plan's
order around the people, places and professionals recorded elsewhere.  Here, from
plain facts and a given ``today``: when the plan asks for a calm look again, and a
kind word when someone listed to ask for help may not be there just now (in a hard
time themselves, archived, or not in touch for a long while).  Nothing here reads
a database, the clock or prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from supportnet.dates import describe_ago
from supportnet.text import choose_kind

#: The steps written in one's own words, in the order they are stored and offered.
SECTIONS = ("warning_signs", "on_my_own", "safer_surroundings", "reasons")

#: Each step's heading on the help-now screen and in the report.
SECTION_TITLES = {
    "warning_signs": "Warning signs that a hard time may be starting",
    "on_my_own": "Things I can do on my own",
    "safer_surroundings": "Making my surroundings safer",
    "reasons": "Reasons that matter to me",
}

#: Defaults of the ``[safety_plan]`` settings (config.py).
REVIEW_EVERY_DAYS = 91  # about three months
QUIET_AFTER_DAYS = 90


def section_flag(section: str) -> str:
    """'warning_signs' -> 'warning-signs', as `--section` takes it."""
    return section.replace("_", "-")


def choose_section(value: str) -> str:
    """The section ``value`` names ('warning-signs', 'on my own'...), or ``InvalidInput``."""
    # offered and suggested as --section spells them (warning-signs, not warning_signs)
    flag = choose_kind(value, [section_flag(s) for s in SECTIONS], "section of the safety plan")
    return flag.replace("-", "_")


def has_own_words(plan: dict[str, list[str]]) -> bool:
    return any(plan.get(s) for s in SECTIONS)


# --- currency -----------------------------------------------------------------------


class ReviewState(NamedTuple):
    """When the plan was last looked over, and when it asks for a look again."""

    last_reviewed: dt.date | None
    due_on: dt.date | None  # None: nothing written yet, nothing to review
    due: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "last_reviewed": self.last_reviewed.isoformat() if self.last_reviewed else None,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "due": self.due,
        }


def review_state(
    last_reviewed: dt.date | None, started_on: dt.date | None, today: dt.date, every_days: int
) -> ReviewState:
    """A plan is due a look ``every_days`` after it was last looked over, or, never
    looked over (made before reviews were recorded), after it was begun
    (``started_on``: the first person, place or resource listed).  No plan, nothing
    due; ``every_days`` of 0 turns the asking off."""
    since = last_reviewed or started_on
    if since is None or every_days <= 0:
        return ReviewState(last_reviewed, None, False)
    due_on = since + dt.timedelta(days=every_days)
    return ReviewState(last_reviewed, due_on, today >= due_on)


def ago_words(day: dt.date, today: dt.date) -> str:
    """``dates.describe_ago`` for a calm look: 'today' for any day not yet past, and
    'over a year ago' from a year on (no one needs the years counted)."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days >= 365:
        return "over a year ago"
    return describe_ago(day, today)


def review_note(state: ReviewState, today: dt.date) -> str | None:
    """The nudge's and `today`'s word when the plan is due a look; None otherwise."""
    if not state.due:
        return None
    if state.last_reviewed is None:
        when = "has not been looked over here yet"
    else:
        when = f"was last looked over {ago_words(state.last_reviewed, today)}"
    return (
        f"Your safety plan {when}. In a calm moment, reading it again keeps it "
        "yours: supportnet help-now, then supportnet help-now reviewed."
    )


def currency_line(state: ReviewState, today: dt.date) -> str:
    """How current the plan is, for the report (after "Safety plan: ")."""
    if state.due_on is None and state.last_reviewed is None:
        return "none written here yet."
    if state.last_reviewed is None:
        return "not looked over yet; a look together may help."
    line = f"last looked over {ago_words(state.last_reviewed, today)}"
    line += f" ({state.last_reviewed.isoformat()})"
    if state.due:
        return line + "; a look together may help."
    if state.due_on is not None:
        return line + f"; next look around {state.due_on.isoformat()}."
    return line + "."


# --- the people listed to ask for help ------------------------------------------------


class Helper(NamedTuple):
    """Someone listed as a person to ask for help, as plain facts."""

    id: int
    name: str
    archived: bool = False
    last_contact: dt.date | None = None
    added_on: dt.date | None = None
    hard_time: str | None = None  # what: a hard life event whose window is open today


def helper_warnings(
    helpers: list[Helper], today: dt.date, quiet_after_days: int = QUIET_AFTER_DAYS
) -> list[dict[str, Any]]:
    """Gentle words about the people listed to ask for help, by name order of the list:
    each ``{"kind": "hard_time" | "archived" | "quiet" | "no_one", "person": {...} |
    None, "text": ...}``.  When no one is left who is free of a warning, one more
    line suggests adding someone."""
    out: list[dict[str, Any]] = []
    clear = 0
    for h in helpers:
        who = {"id": h.id, "name": h.name}
        if h.archived:
            out.append({"kind": "archived", "person": who, "text": (
                f"{h.name} is listed as someone to ask for help, but is archived. If that "
                f'has changed, supportnet lean-on "{h.name}" --ask-for-help --remove.'
            )})  # fmt: skip
            continue
        flagged = False
        if h.hard_time:
            out.append({"kind": "hard_time", "person": who, "text": (
                f"{h.name} is going through something hard too ({h.hard_time}). They may "
                "have less room just now — checking in on them is a kindness, and one more "
                "person to ask could help you both."
            )})  # fmt: skip
            flagged = True
        since = h.last_contact or h.added_on
        if quiet_after_days > 0 and since is not None:
            days = (today - since).days
            if days >= quiet_after_days:
                if h.last_contact is None:
                    text = (f"No contact with {h.name} is logged yet. Reaching out in a "
                            "calm moment keeps the door open for a hard one.")  # fmt: skip
                else:
                    text = (f"You were last in touch with {h.name} "
                            f"{ago_words(h.last_contact, today)}. Reaching out in a calm "
                            "moment keeps the door open for a hard one.")  # fmt: skip
                out.append({"kind": "quiet", "person": who, "text": text})
                flagged = True
        clear += not flagged
    if clear == 0:
        if helpers:
            text = ("Who else might you ask for help? Adding one more person makes the "
                    "plan sturdier: supportnet lean-on NAME --ask-for-help.")  # fmt: skip
        else:
            text = ("No one is listed yet as someone you can ask for help. When you think "
                    "of someone: supportnet lean-on NAME --ask-for-help.")  # fmt: skip
        out.append({"kind": "no_one", "person": None, "text": text})
    return out


def steps_of(plan: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The safety plan's steps in their order, each (title, entries), from the
    report's ``safety_plan`` part (the help-now screen's own order)."""
    return [
        (SECTION_TITLES["warning_signs"], plan["plan"]["warning_signs"]),
        (SECTION_TITLES["on_my_own"], plan["plan"]["on_my_own"]),
        ("People and places that take the mind off things",
         [e["name"] for e in plan["takes_mind_off"]]),
        ("People to ask for help", [e["name"] for e in plan["ask_for_help"]]),
        ("Professionals and crisis lines", [r["name"] for r in plan["resources"]]),
        (SECTION_TITLES["safer_surroundings"], plan["plan"]["safer_surroundings"]),
        (SECTION_TITLES["reasons"], plan["plan"]["reasons"]),
    ]  # fmt: skip


def with_initials(plan: dict[str, Any], redact: Any) -> dict[str, Any]:
    """The report's ``safety_plan`` part with people's names as initials and known
    names reduced (``redact``, an ``initials.name_redactor``) in everything written: the
    plan's own lines, places, groups, resources and the warnings; people's phones
    left out."""

    def entry(e: dict[str, Any]) -> dict[str, Any]:
        name = redact.initials(e["name"]) if e["type"] == "person" else redact(e["name"])
        return {**e, "name": name, "phones": [], "note": note(e)}

    def note(e: dict[str, Any]) -> str | None:
        return e["note"] and redact(e["note"])

    def warning(w: dict[str, Any]) -> dict[str, Any]:
        person = w["person"] and {**w["person"], "name": redact.initials(w["person"]["name"])}
        return {**w, "person": person, "text": redact(w["text"])}

    return {
        **plan,
        "plan": {k: [redact(t) for t in v] for k, v in plan["plan"].items()},
        "takes_mind_off": [entry(e) for e in plan["takes_mind_off"]],
        "ask_for_help": [entry(e) for e in plan["ask_for_help"]],
        "resources": [{**r, "name": redact(r["name"]), "note": note(r)} for r in plan["resources"]],
        "warnings": [warning(w) for w in plan["warnings"]],
    }
