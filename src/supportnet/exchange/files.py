"""Files in and out of an import or export: reading, recognising, writing safely."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from supportnet.errors import FileProblem

FORMATS = ("vcf", "json", "csv")


def read_input(path: Path) -> bytes:
    """The bytes of a file to import; ``FileProblem`` when missing or unreadable."""
    with open_input(path) as handle:
        try:
            return handle.read()
        except OSError as error:
            raise FileProblem(f"Could not read {path}: {error.strerror}.") from None


def open_input(path: Path) -> BinaryIO:
    """A file to import, open for reading bytes; ``FileProblem`` when missing or unreadable."""
    if not path.exists():
        raise FileProblem(f"There is no file {path}.")
    if path.is_dir():
        raise FileProblem(f"{path} is a folder; give a file to import.")
    try:
        return path.open("rb")
    except OSError as error:
        raise FileProblem(f"Could not read {path}: {error.strerror}.") from None


def detect_format(path: Path, data: bytes) -> str:
    """``vcard`` or ``json``, from the content (the extension only breaks ties)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json"
    if b"begin:vcard" in data[:65536].lower().replace(b"\x00", b""):
        return "vcard"
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raise FileProblem(
            f"{path}: CSV files cannot be imported (CSV is for spreadsheets). Export your "
            "contacts as vCard (.vcf) from your address book and import that."
        )
    if suffix == ".json":
        return "json"
    return "vcard"


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def output(path: Path | None, db_path: Path) -> Iterator[TextIO]:
    """Where an export goes: stdout, or ``path`` written whole or not at all.

    A file is written beside its final place (mode 0600: it holds private
    data) and moved there only when complete, so a failure never leaves half
    an export.  The database file itself is refused.
    """
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    if path.is_dir():
        raise FileProblem(f"{path} is a folder; give a file name to export to.")
    if same_file(path, db_path):
        raise FileProblem(f"{path} is the database itself; choose another file to export to.")
    temp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise FileProblem(f"Could not write {path}: {error.strerror}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temp)
        raise
