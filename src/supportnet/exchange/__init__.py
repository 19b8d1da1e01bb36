"""Bringing data in and out: vCard, JSON and CSV, and whole-database backups.

Each module returns data or writes inside the caller's transaction; none prints.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from typing import TextIO


@dataclass(frozen=True)
class ExportRequest:
    """What an exporter is given besides the connection and the output."""

    database: Path  # the database file (the JSON export carries its config file too)
    what: str | None = None  # the table, for formats that write one table (CSV)


#: `supportnet export --format NAME`: the module that writes NAME (imported only when
#: chosen).  Each has ``export(conn, out, request)``, and ``WHAT`` (the tables --what
#: picks from) if it writes one table at a time.
EXPORTERS = {
    "vcf": "supportnet.exchange.vcard_export",
    "json": "supportnet.exchange.jsondump",
    "csv": "supportnet.exchange.csvout",
}


def get_exporter(name: str) -> ModuleType:
    """The exporter module of the format ``name`` (one of ``EXPORTERS``)."""
    return importlib.import_module(EXPORTERS[name])


def export(conn: sqlite3.Connection, out: TextIO, name: str, request: ExportRequest) -> None:
    """Write the format ``name`` to ``out`` (run inside one read transaction)."""
    get_exporter(name).export(conn, out, request)
