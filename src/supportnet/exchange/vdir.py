"""vdirs: a folder of one file per item, kept in step with a CardDAV or CalDAV server.

A vdir (https://vdirsyncer.pimutils.org/en/stable/vdir.html) is what vdirsyncer,
khard and khal read and write: one ``.vcf`` (or ``.ics``) file per contact (or
event), named by its href, holding one item with a UID.  vdirsyncer notices a
changed item by its file's modification time, so an export writes a file only
when its content changed, and never touches one that did not.

``write_folder`` is the one writer of every vdir supportnet exports (address
books: ``vdir_cards``; calendars: ``vdir_calendar``).  What it wrote last is
remembered in ``vdir_item`` (migration 0009) for each item: its href and UID, a
fingerprint of the data it was written from, and the file's hash, size and
modification time.  An export then

* skips an item whose data has the same fingerprint and whose file has the same
  size and time, without building it again (the common case: nothing changed);
* otherwise builds the item and writes it (to a temporary file in the folder,
  renamed into place) unless the file already holds exactly that;
* never overwrites a file changed in the folder since supportnet wrote or read it
  (an edit on the phone not imported yet): it is left as it is and named in the
  summary, until `supportnet import --vdir` has read it;
* removes the file of an item that is gone (a person removed), and only files it
  wrote itself: a card first made on a phone and not imported is left alone.

Temporary files start with a dot and end in ``.part``: vdirsyncer, khard and khal
pass over them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supportnet import safe_files
from supportnet.errors import FileProblem
from supportnet.store.vdir import ItemState, item_states


def is_item_file(name: str, extension: str) -> bool:
    """Whether a file in a vdir is an item with ``extension`` (".vcf", ".ics"): in
    any case, as some phones and exports write ".VCF"; never a hidden file."""
    return name.lower().endswith(extension) and not name.startswith(".")


def refuse_the_other_kind(folder: Path, other: str, message: str) -> None:
    """``FileProblem(message)`` when ``folder`` holds items of the ``other`` kind (".vcf"
    or ".ics"): an address book and a calendar each keep a folder of their own."""
    from supportnet.errors import FileProblem

    try:
        names = os.listdir(folder)
    except OSError:  # missing (it is made) or unreadable (write_folder says so)
        return
    if any(is_item_file(name, other) for name in names):
        raise FileProblem(message)


@dataclass
class Item:
    """One item to be in a vdir: its file name, UID, and how to build its text."""

    kind: str  # vdir_item.kind
    source: str  # what it is written from: an id, or a circle
    uid: str
    href: str
    fingerprint: str  # of everything its text is built from
    render: Callable[[], str]


@dataclass
class FolderChange:
    """What an export did to a vdir."""

    folder: Path
    items: int = 0
    written: list[str] = field(default_factory=list)  # hrefs, new or changed
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed in the folder; not overwritten
    several: list[str] = field(default_factory=list)  # files of several items (NOT_OURS)

    @property
    def unchanged(self) -> int:
        return self.items - len(self.written) - len(self.kept) - len(self.several)

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder), "items": self.items, "written": self.written,
            "unchanged": self.unchanged, "removed": self.removed, "kept": self.kept,
            "several": self.several,
        }  # fmt: skip


#: The size recorded for a file that holds several items (a whole address book
#: dropped into the folder): no file has it, so it is read at every import and never
#: written over (``vdir_cards``).
NOT_OURS = -1


def fingerprint(*parts: object) -> str:
    """A short stable digest of ``parts`` (their ``repr``)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_key(folder: Path) -> Path:
    """The vdir as an absolute path, checked: a folder (made 0700 if missing), not a file."""
    folder = Path(os.path.abspath(folder.expanduser()))
    if folder.exists() and not folder.is_dir():
        raise FileProblem(f"{folder} is a file; give a folder for the vdir (one file per item).")
    return folder


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise safe_files.problem(error, path, "read") from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise safe_files.problem(error, path, "read") from None


def record(folder: Path, item_kind: str, source: str, href: str, uid: str, data: bytes,
           stat: os.stat_result, now: dt.datetime, *, fingerprint: str | None,
           base: str | None) -> dict[str, Any]:  # fmt: skip
    """A ``vdir_item`` row for a file as it is now."""
    return {"folder": str(folder), "href": href, "uid": uid, "kind": item_kind, "source": source,
            "fingerprint": fingerprint, "content_hash": content_hash(data), "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns, "base": base, "synced_at": now}  # fmt: skip


#: What a program stamps on a card it writes, which says nothing about the person.
_STAMPS = (b"PRODID:", b"REV:", b"PRODID;", b"REV;")


def _same_but_stamps(a: bytes, b: bytes) -> bool:
    """Whether two cards hold the same properties, whatever their order, their folding
    and their line ends, but for PRODID and REV."""

    def properties(data: bytes) -> list[bytes]:
        unfolded = re.sub(rb"\r?\n[ \t]", b"", data.replace(b"\r\n", b"\n"))
        return sorted(line for line in unfolded.split(b"\n")
                      if line and not line.upper().startswith(_STAMPS))  # fmt: skip

    return properties(a) == properties(b)


def _database_files(database: Path, folder: Path) -> set[str]:
    """The names the database and its side files have in ``folder``, if it is there."""
    if os.path.realpath(database.parent) != os.path.realpath(folder):
        return set()
    return {database.name, *(database.name + s for s in safe_files.SIDE_FILES)}


def _sync_files(paths: list[Path]) -> None:
    """Make files written without their own fsync durable, in one step: ``os.sync``
    (one flush of everything pending, much faster than thousands of fsyncs), else
    each file, then the folder."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # pragma: no cover - Windows
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_folder(
    conn: sqlite3.Connection,
    folder: Path,
    kinds: tuple[str, ...],
    build: Callable[[dict[tuple[str, str], ItemState]], list[Item]],
    *,
    now: dt.datetime,
    database: Path,
    keep_base: bool = False,
) -> FolderChange:
    """Bring ``folder`` in step with the items ``build`` gives (it is handed what was
    recorded, by (kind, source), to keep each item's href and UID); see the module notes.

    Files are written first, then what was written is recorded in one transaction;
    a failure between the two leaves files that the next export recognises as its
    own (same content).  ``keep_base``: remember each file's text (address books:
    the common ancestor of the next import).
    """
    folder = folder_key(folder)
    states = item_states(conn, str(folder), kinds)
    by_source = {(s.kind, s.source): s for s in states}
    items = build(by_source)
    change = FolderChange(folder, len(items))
    rows: list[dict[str, Any]] = []
    forget: list[int] = []
    durable_files: list[Path] = []
    safe_files.make_folders(folder)
    protected = _database_files(database, folder)
    for item in items:
        state = by_source.pop((item.kind, item.source), None)
        path = folder / item.href
        stat = _stat(path)
        same_file = state is not None and state.href == item.href
        if (
            same_file
            and state.fingerprint == item.fingerprint  # type: ignore[union-attr]
            and stat is not None
            and (stat.st_size, stat.st_mtime_ns) == (state.size, state.mtime_ns)  # type: ignore[union-attr]
        ):
            continue
        data = item.render().encode("utf-8")
        if stat is not None:
            current = _read(path)
            if current != data and not (
                same_file and content_hash(current) == state.content_hash  # type: ignore[union-attr]
            ):
                several = same_file and state.size == NOT_OURS  # type: ignore[union-attr]
                (change.several if several else change.kept).append(item.href)
                continue
            if current == data or _same_but_stamps(current, data):
                # (a phone's card just read back: written again, it would differ only
                # in the phone's own stamps, and sync as a change the phone did not make)
                base = current.decode("utf-8", errors="replace") if keep_base else None
                rows.append(record(folder, item.kind, item.source, item.href, item.uid, current,
                                   stat, now, fingerprint=item.fingerprint, base=base))  # fmt: skip
                continue
        if state is not None and not same_file:
            forget.append(state.id)
        if item.href in protected:
            raise FileProblem(f"{path} is the database or a file SQLite keeps beside it; "
                              "keep the vdir in a folder of its own.")  # fmt: skip
        safe_files.write_file(path, data, if_exists="replace", durable=False)
        durable_files.append(path)
        change.written.append(item.href)
        rows.append(record(folder, item.kind, item.source, item.href, item.uid, data,
                           os.lstat(path), now, fingerprint=item.fingerprint,
                           base=data.decode("utf-8") if keep_base else None))  # fmt: skip
    for state in by_source.values():  # recorded, and no longer to be there: removed
        path = folder / state.href
        try:
            os.remove(path)
            change.removed.append(state.href)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise safe_files.problem(error, path, "remove") from None
        forget.append(state.id)
    if durable_files:  # every new file on disk before it is recorded as written
        _sync_files(durable_files)
    if rows or forget:  # (SQLModel is loaded only when there is something to record)
        from supportnet.db import write_session
        from supportnet.writes.vdir import forget_items, record_items

        with write_session(conn) as session:
            forget_items(session, forget)
            record_items(session, rows)
    return change
