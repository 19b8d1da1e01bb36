"""Is a file inside a folder that a sync service copies (Dropbox, Syncthing, iCloud
Drive, OneDrive, Nextcloud)?  `supportnet where` warns when the database is.

A sync service copies a file while it changes: an SQLite database caught between
its main file and its ``-wal`` file on another device is a corrupt database (or a
"conflicted copy" that loses the writes of one side).  A backup (`supportnet backup
--to DIR`) is one self-contained file, written whole and renamed into place: that
is what to put in a synced folder (docs/sync.md).

Recognised by the marks each service leaves, looking from the file's folder up to
the root: only the standard library, only names and ``stat`` (no file is opened).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: Folder names that are a service's own folder (compared case-insensitively).
_NAMED = [
    (re.compile(r"dropbox( \(.+\))?$", re.I), "Dropbox"),
    (re.compile(r"onedrive( - .+)?$", re.I), "OneDrive"),
    (re.compile(r"(icloud ?drive|mobile documents)$", re.I), "iCloud Drive"),
    (re.compile(r"nextcloud$", re.I), "Nextcloud"),
]
#: Files or folders a service keeps at the top of what it syncs.
_MARKS = [(".stfolder", "Syncthing"), (".dropbox", "Dropbox"), (".dropbox.cache", "Dropbox")]
#: The desktop client of Nextcloud (and ownCloud) keeps its journal beside what it syncs.
_JOURNAL = re.compile(r"^\.?_?sync_[0-9a-f]+\.db$")


def synced_folder(path: Path) -> tuple[str, Path] | None:
    """(the service, its folder) when ``path`` is inside a synced folder, else None."""
    try:
        folder = Path(os.path.abspath(path)).parent
    except (OSError, ValueError):
        return None
    for current in [folder, *folder.parents]:
        for pattern, service in _NAMED:
            if pattern.match(current.name):
                return service, current
        for mark, service in _MARKS:
            if os.path.lexists(current / mark):
                return service, current
        try:
            names = os.listdir(current) if current != Path(current.anchor) else []
        except OSError:
            continue
        if any(_JOURNAL.match(name) for name in names):
            return "Nextcloud", current
    return None
