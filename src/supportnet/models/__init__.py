"""SQLModel table models: the one definition of every stored record.

One module per kind of record.  Each table class matches the schema the SQL
migrations build, exactly (a test compares them through SQLite's PRAGMAs);
the migrations stay the only thing that changes a schema.  Importing this
package costs about as much as the rest of supportnet together, so only write
commands do (read commands use plain SQL; docs/architecture.md), and each imports
only the model modules it writes (``load_all`` imports them all).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import MetaData
from sqlmodel import SQLModel


def load_all() -> MetaData:
    """Import every model module; the metadata they register their tables on.

    A write command imports only the modules it writes (``models.person`` for
    `add`): the table definitions are a third of what loading all of SQLModel
    costs.  The schema test and the JSON import need them all.
    """
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name not in ("types", "rows"):
            importlib.import_module(f"{__name__}.{module.name}")
    return SQLModel.metadata


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
