"""The database never in a synced folder: `where` says so; `backup --to` is what to sync."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from supportnet.synced_folders import synced_folder


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("Dropbox/notes", "Dropbox"),
        ("Dropbox (Personal)", "Dropbox"),
        ("OneDrive - Example Org/a", "OneDrive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
        ("iCloudDrive", "iCloud Drive"),
        ("Nextcloud/x", "Nextcloud"),
    ],
)
def test_named_folders(tmp_path: Path, folder: str, service: str):
    assert synced_folder(tmp_path / folder / "supportnet.db")[0] == service


@pytest.mark.parametrize(
    ("mark", "service", "is_dir"),
    [(".stfolder", "Syncthing", True), (".dropbox", "Dropbox", False),
     (".sync_0123abcd.db", "Nextcloud", False), ("._sync_9f00.db", "Nextcloud", False)],
)  # fmt: skip
def test_marks_left_by_the_services(tmp_path: Path, mark: str, service: str, is_dir: bool):
    root = tmp_path / "shared"
    (root / "deep" / "er").mkdir(parents=True)
    (root / mark).mkdir() if is_dir else (root / mark).write_text("")
    assert synced_folder(root / "deep" / "er" / "supportnet.db") == (service, root)


def test_an_ordinary_folder(tmp_path: Path):
    assert synced_folder(tmp_path / "data" / "supportnet.db") is None


def test_where_warns_kindly(run, tmp_path: Path, monkeypatch):
    folder = tmp_path / "Sync"
    (folder / ".stfolder").mkdir(parents=True)
    monkeypatch.setenv("SUPPORTNET_DB", str(folder / "supportnet.db"))
    result = run("where")
    assert f"the database is inside a Syncthing folder ({folder})" in result.stdout
    assert "supportnet backup --to DIR" in result.stdout
    info = json.loads(run("where", "--json").stdout)
    assert info["synced_folder"] == {"service": "Syncthing", "folder": str(folder)}


def test_backup_to_a_folder_is_one_self_contained_file(run, db_path: Path, tmp_path: Path):
    run("add", "Maya")
    target = tmp_path / "Dropbox" / "backups"
    run("backup", "--to", str(target))
    run("backup", "--to", str(target))  # the same second: the next free name
    made = sorted(target.iterdir())
    assert [p.suffix for p in made] == [".db", ".db"]
    assert all(p.name.startswith("supportnet.backup.") for p in made)
    assert (target.stat().st_mode & 0o777) == 0o700
    for path in made:
        assert (path.stat().st_mode & 0o777) == 0o600
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            assert conn.execute("SELECT name FROM person").fetchall() == [("Maya",)]
        finally:
            conn.close()
    assert "not both" in run("backup", "x.db", "--to", str(target), expect=2).stderr
