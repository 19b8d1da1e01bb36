"""The support area's shared pieces: the kinds of favors and life events, and the
support section of `show NAME`.

Favors are read in ``store.favors``, life events in ``store.life_events``, what
the nudge needs in ``store.support_facts``; changes are in ``writes.support``.
Nothing here writes or prints.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from supportnet.occasions import EVENT_KINDS, FAVOR_KINDS, Windows
from supportnet.store.favors import favor_balance
from supportnet.store.life_events import list_events
from supportnet.store.records import fetch
from supportnet.text import choose_open_kind, fold


@dataclass(frozen=True)
class _Kind:
    kind: str


def check_kind(conn: sqlite3.Connection, value: str, table: str, *, new: bool = False) -> str:
    """The kind of a favor (``table="favor"``) or life event (``"life_event"``): a known
    one, or a new one when ``new`` is set (``text.choose_open_kind``).

    Known kinds are the built-in ones plus every kind already used.
    """
    assert table in ("favor", "life_event")
    builtin = FAVOR_KINDS if table == "favor" else EVENT_KINDS
    what = "kind of favor" if table == "favor" else "kind of event"
    used = [k.kind for k in fetch(conn, _Kind, f"SELECT DISTINCT kind FROM {table} ORDER BY kind")]
    known = builtin + [k for k in used if fold(k) not in {fold(b) for b in builtin}]
    return choose_open_kind(value, known, what, new=new)


def profile_part(
    conn: sqlite3.Connection,
    person_id: int,
    name: str,
    today: dt.date,
    windows: Windows | Mapping[str, int] | None = None,
) -> dict[str, object]:
    """The keys ``support`` and ``life_events`` of ``show NAME``'s profile.

    ``support``: the favor balance over the last 365 days (``since``, ``given``,
    ``received``, and ``balance`` in words, never as a debt).  ``life_events``:
    the person's events as in ``supportnet events --json``.
    """
    wins = Windows.from_settings(windows or {})
    return {
        "support": favor_balance(conn, person_id, today).to_json(name),
        "life_events": [
            e.to_json(today, wins) for e in list_events(conn, person_id=person_id, windows=wins)
        ],
    }
