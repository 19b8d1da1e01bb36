"""Ordered, named schema migrations.

Each step is a file ``NNNN_name.sql`` in this package, applied in order inside
one transaction and recorded in the ``schema_migration`` table.  Steps only ever
add: never drop or rebuild a user's table.  Number new steps after the last one;
never renumber or edit a step that has shipped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple


class Migration(NamedTuple):
    number: int
    name: str
    sql: str

    @property
    def label(self) -> str:
        return f"{self.number:04d}_{self.name}"


def all_migrations() -> list[Migration]:
    """Every shipped migration, in order."""
    found = []
    for entry in Path(__file__).parent.glob("*.sql"):
        m = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda mig: mig.number)
    numbers = [mig.number for mig in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"Two migrations share a number: {numbers}")
    return found


#: The steps whose UPDATE statements also fill in the rows of an export made before
#: them, when it is imported, as they did for the rows of a database they upgraded:
#: each with the column it fills (an export without that column is older).  Not 0007:
#: it dated a pause by the clock of the upgrade, where an import counts an undated
#: pause from today.
REPLAYED_ON_IMPORT = {"0014_plan_paused_by_archive": ("plan", "paused_by_archive")}


def replayed_on_import(columns: dict[str, list[str]]) -> list[str]:
    """The UPDATE statements of the ``REPLAYED_ON_IMPORT`` steps whose column the
    export's rows did not have (``columns``: each table's in the file), in order."""
    found = []
    for step in all_migrations():
        table, column = REPLAYED_ON_IMPORT.get(step.label, ("", ""))
        if table in columns and column not in columns[table]:
            found += [s for s in statements(step.sql) if s.upper().startswith("UPDATE")]
    return found


def statements(sql: str) -> list[str]:
    """The statements of a migration's text, one by one (comments between them left out)."""
    import sqlite3

    found, statement = [], ""
    for line in sql.splitlines(keepends=True):
        if not statement and (not line.strip() or line.lstrip().startswith("--")):
            continue  # what comes between statements
        statement += line
        if sqlite3.complete_statement(statement):
            found.append(statement.strip())
            statement = ""
    return found


def triggers(label: str) -> list[str]:
    """The ``CREATE TRIGGER`` statements of the migration ``label`` ("0012_last_contact"),
    for a model whose table a trigger keeps (``models.gettogether.LastContact``): the
    migration stays their one text."""
    (step,) = (m for m in all_migrations() if m.label == label)
    return [
        statement.removesuffix(";")
        for statement in statements(step.sql)
        if statement.upper().startswith("CREATE TRIGGER")
    ]
