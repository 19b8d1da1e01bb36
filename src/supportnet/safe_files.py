"""Every file supportnet writes is written whole or not at all.

One way for all of them (backups, the safety copies taken before a migration,
a restore or an import, exports, reports, calendars, an imported config):

- the content goes to a new file with a random name in the target's folder,
  created exclusively (``O_EXCL``, never through a symbolic link, mode 0600:
  ``tempfile.mkstemp``);
- it is flushed and fsynced, and only then renamed into place (an SQLite copy
  is first set to ``journal_mode = DELETE`` and closed);
- on any failure the temporary file is removed and the target is as it was.

The same rules say what may be a target at all (``check_target``): never the
database or its ``-wal``, ``-shm`` or ``-journal`` files, never a folder or a
symbolic link, and an existing file only when told to replace it.  Folders made
for a target are 0700.  A full disk becomes ``DiskFull``; another failure a
``FileProblem`` naming the target, never a temporary name.

Only the standard library and ``errors`` are imported, so ``db`` can use this.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from supportnet.errors import Conflict, DiskFull, FileProblem

#: What to do when the target already exists: refuse (``Conflict``), replace it,
#: or (for the safety copies supportnet names itself) pick the next free name.
IfExists = Literal["refuse", "replace", "new-name"]

#: The files SQLite keeps beside a database.
SIDE_FILES = ("-wal", "-shm", "-journal")

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
# A folder on which hard links do not work (FAT, some network shares): the
# no-replace rename falls back to a check and a rename.
_NO_LINKS = {errno.EPERM, errno.EMLINK, errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}
_SQLITE_FULL = 13
_SQLITE_IOERR = 10


# --- what a failure means ---------------------------------------------------------


def is_disk_full(error: BaseException) -> bool:
    """True for ``ENOSPC``/``EDQUOT`` and SQLite's "database or disk is full"."""
    if isinstance(error, OSError):
        return error.errno in _NO_SPACE
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF == _SQLITE_FULL
        return "database or disk is full" in str(error).lower()
    return False


def is_disk_error(error: sqlite3.Error) -> bool:
    """True for SQLite's "disk I/O error" (a full disk in WAL mode, or a failing one)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == _SQLITE_IOERR
    return "disk i/o error" in str(error).lower()


def disk_full(path: Path | str | None) -> DiskFull:
    where = f" ({path})" if path else ""
    return DiskFull(
        f"There is not enough space on the disk{where}: nothing was changed. "
        "Free some space, then try again."
    )


def disk_error(path: Path | str | None) -> DiskFull:
    where = f" ({path})" if path else ""
    return DiskFull(
        f"The disk{where} could not be written; it may be full. Nothing was changed: "
        "free some space (or check the disk), then try again."
    )


def reason(error: OSError) -> str:
    """The cause of an ``OSError`` in plain words."""
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for the file system"
    return error.strerror or str(error)


def problem(error: OSError, path: Path | str, doing: str = "write") -> FileProblem:
    """The user-facing error for an ``OSError`` met while ``doing`` something to ``path``."""
    if is_disk_full(error):
        return disk_full(path)
    return FileProblem(f"Could not {doing} {path}: {reason(error)}.")


# --- what may be a target ---------------------------------------------------------


def _names_of(path: Path) -> set[str]:
    """The ways ``path`` can be spelled: as given (absolute) and with links resolved."""
    absolute = os.path.abspath(path)
    folder = os.path.realpath(os.path.dirname(absolute))
    return {absolute, os.path.join(folder, os.path.basename(absolute)), os.path.realpath(path)}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def database_file_role(path: Path, database: Path) -> str | None:
    """``"itself"`` or ``"-wal"``... when ``path`` is the database or one of its files."""
    names = _names_of(path)
    for base in _names_of(database):
        if base in names or _same_file(path, database):
            return "itself"
        for suffix in SIDE_FILES:
            if base + suffix in names or _same_file(path, Path(base + suffix)):
                return suffix
    return None


def check_target(
    path: Path,
    *,
    if_exists: IfExists = "refuse",
    database: Path | None = None,
    purpose: str = "",
    folder_example: str | None = None,
    new_folder: bool = True,
) -> None:
    """Refuse what must never be written to; ``FileProblem`` or ``Conflict`` otherwise.

    ``purpose`` ends the messages ("for the backup", "to export to");
    ``folder_example`` is a file name to suggest when ``path`` is a folder;
    ``new_folder=False``: a folder that does not exist is refused, not made (a file
    the user names: ``-o ~/Documnets/report.md`` is a typo more often than a wish).
    """
    purpose = f" {purpose}" if purpose else ""
    if database is not None:
        role = database_file_role(path, database)
        if role == "itself":
            raise FileProblem(f"{path} is the database itself; choose another file{purpose}.")
        if role:
            raise FileProblem(
                f"{path} is a file SQLite keeps beside the database ({role}); "
                f"choose another file{purpose}."
            )
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        folder = Path(os.path.abspath(path)).parent
        if not new_folder and not folder.exists():
            raise FileProblem(
                f"The folder {folder} does not exist; check the path{purpose}, or create "
                "the folder first."
            ) from None
        return
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            raise FileProblem(
                f"Could not write {path}: a part of the folder path is a file."
            ) from None
        raise problem(error, path) from None
    if stat.S_ISDIR(mode):
        hint = f" such as {path / folder_example}" if folder_example else purpose
        raise FileProblem(f"{path} is a folder; give a file name{hint}.")
    if stat.S_ISLNK(mode):
        raise FileProblem(
            f"{path} is a symbolic link; supportnet never writes through one (not even "
            "with --force). Give the file it points to, or another name."
        )
    if not stat.S_ISREG(mode):
        raise FileProblem(f"{path} is not a regular file; choose another file{purpose}.")
    if if_exists == "refuse":
        raise Conflict(f"{path} already exists; choose another name or use --force to replace it.")


def make_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each readable only by you (0700)."""
    missing = []
    current = Path(os.path.abspath(folder))
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for part in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(part, 0o700)
            os.chmod(part, 0o700)  # whatever the umask


# --- writing ----------------------------------------------------------------------


def _new_temp(path: Path) -> tuple[int, Path]:
    """An exclusive, private, randomly named file beside ``path``."""
    folder = path.parent
    make_folders(folder)
    # Short enough that a long (but valid) target name still leaves room.
    fd, temp = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".part", dir=folder)
    return fd, Path(temp)


def _discard(temp: Path, side_files: bool = False) -> None:
    for name in [str(temp)] + ([f"{temp}{s}" for s in SIDE_FILES] if side_files else []):
        with contextlib.suppress(OSError):
            os.remove(name)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _next_name(path: Path, n: int) -> Path:
    """``x.20260610T101500.db`` -> ``x.20260610T101500-2.db``."""
    return path.with_name(f"{path.stem}-{n}{path.suffix}")


def _move_if_free(temp: Path, path: Path) -> bool:
    """Move ``temp`` to ``path`` unless something is there; False if it was taken."""
    try:
        os.link(temp, path)  # fails if anything is at path, even a dangling link: no race
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if os.path.lexists(path):
            return False
        os.replace(temp, path)
        return True
    with contextlib.suppress(OSError):
        os.remove(temp)
    return True


def _place(temp: Path, path: Path, if_exists: IfExists) -> Path:
    """Move the complete ``temp`` to ``path``; return where it landed."""
    if if_exists == "replace":
        os.replace(temp, path)  # a rename never follows a link at the target
        return path
    candidates = [path]
    if if_exists == "new-name":
        candidates += [_next_name(path, n) for n in range(2, 100)]
    for candidate in candidates:
        if _move_if_free(temp, candidate):
            return candidate
    if if_exists == "refuse":
        raise Conflict(f"{path} already exists; choose another name or use --force to replace it.")
    raise FileProblem(f"Could not find a free name beside {path}.")


@dataclass
class _Writing:
    handle: IO
    landed: Path | None = None  # set when the file is in place


@contextlib.contextmanager
def _temporary(
    path: Path, binary: bool, if_exists: IfExists, *, durable: bool = True,
    **rules: str | Path | bool | None,
) -> Iterator[_Writing]:  # fmt: skip
    """The shared body of every plain write."""
    path = Path(path)
    check_target(path, if_exists=if_exists, **rules)  # type: ignore[arg-type]
    try:
        fd, temp = _new_temp(path)
    except OSError as error:
        raise problem(error, path) from None
    try:
        raw = os.fdopen(fd, "wb")
        writing = _Writing(raw if binary else io.TextIOWrapper(raw, encoding="utf-8", newline=""))
        with writing.handle:
            yield writing
            writing.handle.flush()
            if durable:
                os.fsync(raw.fileno())
        writing.landed = _place(temp, path, if_exists)
        if durable:
            _sync_folder(path.parent)
    except BaseException as error:
        _discard(temp)
        # A write error has no file name; one with another file's name (reading the
        # config, say) is that file's problem and is reported as such.
        if isinstance(error, OSError) and error.filename in (None, str(temp), str(path)):
            raise problem(error, path) from None
        raise


@contextlib.contextmanager
def replacing(
    path: Path,
    *,
    binary: bool = False,
    if_exists: IfExists = "refuse",
    database: Path | None = None,
    purpose: str = "",
    folder_example: str | None = None,
    new_folder: bool = True,
) -> Iterator[IO]:
    """A handle whose content lands at ``path`` whole when the block ends, or not at all.

    Text is UTF-8 with newlines written as given.  Only failures of writing the
    file are turned into ``FileProblem``/``DiskFull`` (naming ``path``); anything
    else raised in the block goes on unchanged, after the temporary file is gone.
    """
    rules = {"database": database, "purpose": purpose, "folder_example": folder_example,
             "new_folder": new_folder}  # fmt: skip
    with _temporary(path, binary, if_exists, **rules) as writing:
        yield writing.handle


def write_file(
    path: Path,
    data: bytes | str,
    *,
    if_exists: IfExists = "refuse",
    durable: bool = True,
    **rules: str | Path | bool | None,
) -> Path:
    """Write ``data`` to ``path`` whole or not at all; return where it landed.

    ``rules`` are ``check_target``'s: ``database``, ``purpose``, ``folder_example``.
    ``durable=False`` leaves out the fsyncs (the file and its folder), for a writer
    of many files that makes them durable together afterwards (a vdir: os.sync).
    """
    with _temporary(path, isinstance(data, bytes), if_exists, durable=durable,
                    **rules) as writing:  # fmt: skip
        writing.handle.write(data)
    assert writing.landed is not None
    return writing.landed


def copy_file(
    source: Path, path: Path, *, if_exists: IfExists = "refuse", **rules: str | Path | bool | None
) -> Path:
    """Copy the bytes of ``source`` to ``path`` whole or not at all; return where it landed."""
    with source.open("rb") as reading, _temporary(path, True, if_exists, **rules) as writing:
        shutil.copyfileobj(reading, writing.handle)
    assert writing.landed is not None
    return writing.landed


def copy_database(
    source: sqlite3.Connection,
    path: Path,
    *,
    if_exists: IfExists = "refuse",
    database: Path | None = None,
    purpose: str = "",
    folder_example: str | None = None,
    new_folder: bool = True,
) -> Path:
    """A consistent copy of the open database ``source`` at ``path``; return where it landed.

    SQLite's online backup API writes the temporary file (safe while another
    command writes); the copy is set to ``journal_mode = DELETE`` (one
    self-contained file), closed, fsynced and renamed into place.  Files SQLite
    kept beside a replaced target are removed first: they belong to the old file.
    """
    path = Path(path)
    check_target(
        path, if_exists=if_exists, database=database, purpose=purpose,
        folder_example=folder_example, new_folder=new_folder,
    )  # fmt: skip
    try:
        fd, temp = _new_temp(path)
        os.close(fd)
    except OSError as error:
        raise problem(error, path) from None
    try:
        copy = sqlite3.connect(temp)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            copy.close()
        fd = os.open(temp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if if_exists == "replace":
            # The journal of the file being replaced must never meet the new one.
            for suffix in SIDE_FILES:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(f"{path}{suffix}")
        placed = _place(temp, path, if_exists)
        _sync_folder(path.parent)
    except BaseException as error:
        _discard(temp, side_files=True)
        if isinstance(error, OSError) and error.filename in (None, str(temp), str(path)):
            raise problem(error, path) from None
        if isinstance(error, sqlite3.Error) and is_disk_full(error):
            raise disk_full(path) from None
        if isinstance(error, sqlite3.Error) and is_disk_error(error):
            raise disk_error(path) from None
        raise
    return placed
