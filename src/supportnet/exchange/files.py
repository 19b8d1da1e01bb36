"""Files in and out of an import or export: reading, recognising, writing safely."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from supportnet import safe_files
from supportnet.errors import FileProblem
from supportnet.safe_files import problem

#: The file name that means standard input (`cat contacts.vcf | supportnet import -`).
STDIN = "-"


def open_input(path: Path) -> BinaryIO:
    """A file to import, open for reading bytes (``-``: standard input, read whole, as
    the import goes back over it); ``FileProblem`` when missing or unreadable."""
    if str(path) == STDIN:
        import io

        if sys.stdin is None or sys.stdin.isatty():
            raise FileProblem(
                "`import -` reads the file from standard input: cat contacts.vcf | "
                "supportnet import -"
            )
        try:
            return io.BytesIO(sys.stdin.buffer.read())
        except OSError as error:
            raise problem(error, path, "read") from None
    try:
        if path.is_dir():
            raise FileProblem(
                f"{path} is a folder; give a file to import (a folder of cards, one a "
                f"file: --vdir {path})."
            )
        if path.exists() and not path.is_file():  # the import goes back over the file
            raise FileProblem(
                f"{path} is not a regular file (a pipe or a device): save it to a file "
                "first, or give it on standard input (cat FILE | supportnet import -); "
                "nothing was imported."
            )
        return path.open("rb")
    except FileNotFoundError:
        raise FileProblem(f"There is no file {path}.") from None
    except OSError as error:
        raise problem(error, path, "read") from None


def detect_format(path: Path, data: bytes, what: str | None = None) -> str:
    """``vcard`` or ``json``, from the content (the extension only breaks ties);
    ``what`` names the file in a refusal (standard input: not "-")."""
    what = what or str(path)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json"
    text = data[:65536].lower().replace(b"\x00", b"")
    if b"begin:vcard" in text:
        return "vcard"
    if b"begin:vcalendar" in text:
        raise FileProblem(
            f"{what} is a calendar (iCalendar), not an address book: import reads contact "
            "cards (.vcf) and supportnet's own JSON export; nothing was imported."
        )
    if head.startswith(b"dn:") or b"\ndn:" in text[:4096]:
        raise FileProblem(
            f"{what} is an LDIF address book, which cannot be imported. Export your "
            "contacts as vCard (.vcf) from your address book and import that."
        )
    suffix = path.suffix.lower()
    if suffix == ".csv" or _looks_like_csv(data[:65536]):
        raise FileProblem(
            f"{what}: CSV files cannot be imported (CSV is for spreadsheets). Export your "
            "contacts as vCard (.vcf) from your address book and import that."
        )
    if suffix == ".json":
        return "json"
    return "vcard"


def _looks_like_csv(data: bytes) -> bool:
    """A table of text: a header of two or more named columns (``,`` ``;`` or tab
    between them), and rows with as many (Outlook's and Google's contact CSVs,
    supportnet's own `export --format csv`), in UTF-8, UTF-16 or Windows-1252."""
    import csv

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    if any(ch < " " and ch not in "\t\r\n" for ch in text[:4096]):
        return False  # binary
    lines = text.splitlines(keepends=True)
    if len(data) == 65536:  # cut short where the sample ends: not a whole row
        lines = lines[:-1]
    for delimiter in ",;\t":
        rows = []
        with contextlib.suppress(csv.Error):
            for row in csv.reader(lines, delimiter=delimiter):
                rows.append(row)
                if len(rows) == 3:
                    break
        header = rows[0] if rows else []
        if (len(rows) >= 2 and len(header) >= 2
                and all(name.strip() and len(name) <= 60 for name in header)
                and all(len(row) == len(header) for row in rows[1:])):  # fmt: skip
            return True
    return False


@contextlib.contextmanager
def output(path: Path | None, db_path: Path, *, force: bool = False) -> Iterator[TextIO]:
    """Where an export goes: stdout (``None`` or ``-``), or ``path`` written whole or
    not at all, by the rules of ``supportnet.safe_files`` (an existing file only
    with ``force``; never the database, its side files or through a link)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with safe_files.replacing(
        path,
        if_exists="replace" if force else "refuse",
        database=db_path,
        purpose="to export to",
        new_folder=False,
    ) as handle:
        yield handle
