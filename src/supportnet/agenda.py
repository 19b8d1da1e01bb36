"""One thing coming up on the agenda: a birthday, a plan's or a group's next date,
a life event or its anniversary.

Each area's store returns ``AgendaItem``s between two dates (both included);
``store.agenda`` merges them in date order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

#: No extra facts (read-only, so one empty mapping serves every item).
_NOTHING: Mapping[str, Any] = MappingProxyType({})


class AgendaItem(NamedTuple):
    date: dt.date
    kind: str  # birthday, plan, community, event, anniversary
    title: str
    time: str | None = None  # "HH:MM" local wall-clock time
    people: tuple[tuple[int, str], ...] = ()  # (id, name)
    detail: str | None = None  # "turns 36", "every 2 weeks"...
    source_id: int | None = None  # the plan, community, event or person id
    extra: Mapping[str, Any] = _NOTHING  # what one kind adds: a plan's status, an event's tone

    def sort_key(self) -> tuple:
        return (self.date, self.time or "", self.kind, self.title, self.source_id or 0)

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "days_away": (self.date - today).days,
            "time": self.time,
            "kind": self.kind,
            "title": self.title,
            "people": [{"id": pid, "name": name} for pid, name in self.people],
            "detail": self.detail,
            "source_id": self.source_id,
        }
