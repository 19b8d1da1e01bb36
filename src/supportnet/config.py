"""Settings from ``config.toml`` next to the database, over defaults in code.

The file is optional and holds only what the user wants to change, e.g.::

    [cadence]          # days hoped for between contacts, per circle
    friend = 21

    [windows]          # days around life events and birthdays
    hard_after_days = 21

Unknown sections or keys and values of the wrong type are reported with the
file name, so a typo never silently does nothing.
"""

from __future__ import annotations

import copy
import math
import sys
from pathlib import Path
from typing import Any, NamedTuple

from supportnet.errors import FileProblem
from supportnet.text import closest

CIRCLES = ("inner", "close", "friend", "acquaintance", "prospect", "professional")

#: Hoped-for days between contacts when a person has no cadence of their own.
#: Overridable per circle in config.toml (``[cadence]``).
DEFAULT_CADENCE_DAYS = {
    "inner": 7,
    "close": 14,
    "friend": 30,
    "acquaintance": 90,
    "prospect": 30,
    "professional": 180,
}

#: Every setting, with its default and a one-line explanation.  Other areas add
#: their own section here (the nudge adds ``weights``).
DEFAULTS: dict[str, dict[str, Any]] = {
    "cadence": dict(DEFAULT_CADENCE_DAYS),
    "windows": {
        "hard_before_days": 3,
        "hard_after_days": 14,
        "happy_before_days": 7,
        "happy_after_days": 7,
        "birthday_lead_days": 14,
    },
    # The nudge (docs/nudge.md): the weight of each term, value x weight = contribution,
    "weights": {
        "time": 1.0,
        "circle": 1.0,
        "hard_event": 4.0,
        "celebration": 2.0,
        "reciprocity": 1.5,
        "new_person": 1.5,
        "plan_soon": 1.5,
        "concentration": 1.0,
        "community": 1.0,
        "introduction": 0.75,
        "small_network": 2.0,
    },
    # and how it reads the data: shares, caps and windows in days.
    "nudge": {
        "online_counts_as": 0.5,
        "time_cap": 3.0,
        "recent_days": 60,
        "concentration_share": 0.5,
        "concentration_min_contacts": 6,
        "reciprocity_days": 60,
        "new_person_days": 90,
        "plan_lead_days": 7,
        "missed_meetings": 3,
        "introduction_days": 180,
        "max_introductions": 3,
    },
    # The safety plan (docs/help-now.md): ask for a calm look at it again after this
    # many days (0: never), and say so when someone to ask for help has not been in
    # touch for this many.
    "safety_plan": {
        "review_every_days": 91,
        "quiet_after_days": 90,
    },
    # The safety copies supportnet takes before a schema upgrade, an import with
    # --replace or a restore (supportnet.before-*.db beside the database).
    "backups": {
        "keep_safety_copies": 5,
    },
    # Reminders that arrive (docs/reminders.md): `supportnet today` and `remind run`.
    "remind": {
        "suggestions": 3,
        "command": "",
        "private": False,
    },
}

MAX_WHOLE = 36500
MAX_NUMBER = 1_000_000

EXPLANATIONS: dict[str, str] = {
    "cadence": "days you hope to go between contacts, by circle (a person's own cadence wins)",
    "windows": "how many days before and after a life event or birthday it stays in view",
    "weights": "how much each term of the nudge counts: value x weight = contribution",
    "nudge": "how the nudge reads your data: shares, caps and windows in days (docs/nudge.md)",
    "safety_plan": "after how many days the safety plan asks for a calm look again (0: "
    "never), and when someone to ask for help counts as not in touch for a long while",
    "backups": "how many safety copies (supportnet.before-*.db) to keep beside the database",
    "remind": "the morning digest: how many suggestions it shows, a command to hand it to "
    "(its text on stdin; '' shows a desktop notification), and private = true to leave "
    "names out of what is delivered (docs/reminders.md)",
}

#: The longest text a setting takes (a command line).
MAX_TEXT = 1000


class Config(NamedTuple):
    path: Path
    exists: bool
    values: dict[str, dict[str, Any]]

    def section(self, name: str) -> dict[str, Any]:
        return self.values[name]

    @property
    def cadence_days(self) -> dict[str, int]:
        return self.values["cadence"]


def load_config(path: Path) -> Config:
    """Defaults overlaid with ``path`` (if it exists), checked."""
    if not path.exists():
        return Config(path, False, copy.deepcopy(DEFAULTS))
    if not path.is_file():  # a folder, a pipe: reading it would fail or never end
        raise FileProblem(f"The config file {path} is not a regular file; move it away.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileProblem(f"Could not read the config file {path}: {error.strerror}.") from None
    try:  # a byte-order mark, as Windows Notepad writes, is fine
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(
            f"The config file {path} is not UTF-8 text; save it as UTF-8 (or move it away)."
        ) from None
    return Config(path, True, check_settings(raw, str(path)))


def _written(value: Any) -> str:
    """A value as the file has it: ``true`` and ``false`` as TOML writes them, not as
    Python does (``True``); the rest as Python shows it ('often', 5, nan)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def check_settings(text: str, where: str) -> dict[str, dict[str, Any]]:
    """The defaults overlaid with the settings in ``text`` (a config file's TOML).

    The one set of rules for settings: the config file is read with it, and a
    JSON export's config is checked with it before an import writes anything.
    Anything wrong raises ``FileProblem`` with one sentence about ``where``
    ("In /home/me/.../config.toml, cadence.friend must be above zero.").
    """
    values = copy.deepcopy(DEFAULTS)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not text any file can hold
        raise FileProblem(f"In {where}, the text is not valid Unicode.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileProblem(f"In {where}, the text is not valid TOML: {error}.") from None
    except ValueError:  # an integer beyond what Python converts (4300 digits)
        raise FileProblem(f"In {where}, a number is too long to read.") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise FileProblem(f"In {where}, the settings are nested too deeply to read.") from None
    for section, entries in data.items():
        if section not in values:
            raise FileProblem(_unknown(where, "section", section, list(values)))
        if not isinstance(entries, dict):
            raise FileProblem(f"In {where}, [{section}] must be a table of settings.")
        for key, value in entries.items():
            if key not in values[section]:
                raise FileProblem(_unknown(where, f"setting in [{section}]", key,
                                           list(values[section])))  # fmt: skip
            default = values[section][key]
            if isinstance(default, (bool, str)):
                values[section][key] = _checked_choice(where, f"{section}.{key}", default, value)
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise FileProblem(
                    f"In {where}, {section}.{key} must be a number, not {_written(value)}."
                )
            if isinstance(default, int) and not isinstance(value, int):
                raise FileProblem(f"In {where}, {section}.{key} must be a whole number.")
            if isinstance(value, float) and not math.isfinite(value):
                raise FileProblem(
                    f"In {where}, {section}.{key} must be a number, not {_written(value)}."
                )
            if section == "cadence" and value <= 0:
                raise FileProblem(f"In {where}, {section}.{key} must be above zero.")
            if value < 0:
                raise FileProblem(f"In {where}, {section}.{key} must be zero or more.")
            # Days and counts up to a hundred years; weights and shares up to a million:
            # beyond that no date or sum stays meaningful (or even representable).
            limit = MAX_WHOLE if isinstance(default, int) else MAX_NUMBER
            if value > limit:
                raise FileProblem(f"In {where}, {section}.{key} must be at most {limit}.")
            values[section][key] = value
    return values


def _checked_choice(where: str, name: str, default: bool | str, value: Any) -> bool | str:
    """A flag (true or false) or a line of text, as its default is."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise FileProblem(f"In {where}, {name} must be true or false, not {_written(value)}.")
        return value
    if not isinstance(value, str):
        raise FileProblem(f"In {where}, {name} must be text in quotes, not {_written(value)}.")
    if len(value) > MAX_TEXT:
        raise FileProblem(f"In {where}, {name} must be at most {MAX_TEXT} characters.")
    if "\x00" in value:
        raise FileProblem(f"In {where}, {name} must not hold a NUL character.")
    return value


def _unknown(where: str, what: str, name: str, known: list[str]) -> str:
    near = closest(name, known)
    hint = f" Did you mean {near[0]!r}?" if near else ""
    return f"In {where}, unknown {what} {name!r}.{hint}"


def render_toml(values: dict[str, dict[str, Any]]) -> str:
    """The settings as TOML text, sections in order, each with its explanation."""
    lines = []
    for section, entries in values.items():
        if EXPLANATIONS.get(section):
            lines.append(f"# {EXPLANATIONS[section]}")
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in entries.items())
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    """``value`` as TOML writes it: true/false, a number, or a quoted string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        import json

        # A JSON string is a TOML basic string, but for DEL, which TOML wants escaped.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return repr(value)
