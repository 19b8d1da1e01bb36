"""SQLModel table models: the one definition of every stored record.

One module per kind of record.  Each table class matches the schema the SQL
migrations build, exactly (a test compares them through SQLite's PRAGMAs);
the migrations stay the only thing that changes a schema.  Importing this
package costs about as much as the rest of supportnet together, so only write
commands do (read commands use plain SQL; docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlmodel import SQLModel

from supportnet.models.community import Community, CommunityMember
from supportnet.models.gettogether import Acquaintance, Attendance, Gettogether
from supportnet.models.meta import DatabaseIdentity, SchemaMigration
from supportnet.models.nudge import NudgeDismissal, NudgeSnooze
from supportnet.models.person import Person, PersonContact, PersonNickname, PersonTag
from supportnet.models.plan import Plan, PlanMember, PlanOccurrence
from supportnet.models.progress import Goal, GoalPause, Resource, SafetyRole
from supportnet.models.support import Favor, FavorPerson, LifeEvent

__all__ = [
    "Acquaintance", "Attendance", "Community", "CommunityMember", "DatabaseIdentity", "Favor",
    "FavorPerson", "Gettogether", "Goal", "GoalPause", "LifeEvent", "NudgeDismissal",
    "NudgeSnooze", "Person", "PersonContact", "PersonNickname", "PersonTag", "Plan",
    "PlanMember", "PlanOccurrence", "Resource", "SafetyRole", "SchemaMigration", "validate",
]  # fmt: skip


M = TypeVar("M", bound=SQLModel)


def validate(model: type[M], data: Mapping[str, Any]) -> M:
    """``model.model_validate(data)``, with a ``ValidationError`` as one plain line (exit 5).

    Table models skip validation when constructed, so every input goes through
    an input model (``PersonCreate``...) this way.
    """
    from pydantic import ValidationError

    from supportnet.errors import from_validation_error

    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise from_validation_error(error) from None
