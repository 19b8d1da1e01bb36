"""A database's identity travels with its backups and JSON exports; an export without one
gets a new one."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from supportnet import db
from supportnet.store.identity import database_identity


def _identity(path: Path) -> uuid.UUID:
    conn = db.open_database(path)
    try:
        return database_identity(conn)
    finally:
        conn.close()


def test_backup_and_json_export_keep_the_identity(run, db_path: Path, tmp_path: Path) -> None:
    run("add", "Maya López")
    mine = _identity(db_path)
    run("backup", str(tmp_path / "copy.db"))
    assert _identity(tmp_path / "copy.db") == mine
    export = tmp_path / "export.json"
    run("export", "--format", "json", "-o", str(export))
    fresh = tmp_path / "fresh.db"
    run("--db", str(fresh), "import", str(export))
    assert _identity(fresh) == mine


def test_an_export_without_an_identity_gets_a_new_one(run, tmp_path: Path) -> None:
    run("add", "Maya López")
    export = tmp_path / "export.json"
    run("export", "--format", "json", "-o", str(export))
    data = json.loads(export.read_text(encoding="utf-8"))
    del data["tables"]["database_identity"]
    data["migrations"] = [m for m in data["migrations"] if not m.endswith("_identity")]
    export.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    run("--db", str(fresh), "import", str(export))
    assert _identity(fresh).version == 4
    conn = db.open_database(fresh)
    assert conn.execute("SELECT count(*) FROM database_identity").fetchone()[0] == 1
    conn.close()
