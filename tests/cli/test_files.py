"""Every file supportnet writes: whole or not at all, one rule for outputs, a full disk.

The full disk is simulated two ways: SQLite connections whose file may not grow
(``PRAGMA max_page_count``: SQLite itself answers "database or disk is full"),
and ``os.fsync`` raising ``ENOSPC`` (where a full disk or quota often shows).
"""

from __future__ import annotations

import csv
import errno
import io
import os
import signal
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from supportnet import db, safety_copies
from supportnet.migrations import all_migrations
from tests.conftest import dump


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _no_space(path: Path | str) -> str:
    return (
        f"There is not enough space on the disk ({path}): nothing was changed. "
        "Free some space, then try again.\n"
    )


@pytest.fixture
def sqlite_full(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[str], bool]], None]:
    """``sqlite_full(lambda name: ...)``: SQLite files whose name matches cannot grow."""
    real = sqlite3.connect

    def limit(match: Callable[[str], bool]) -> None:
        def connect(database, *args, **kwargs):
            conn = real(database, *args, **kwargs)
            if match(str(database)):
                pages = conn.execute("PRAGMA page_count").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}").fetchone()
            return conn

        monkeypatch.setattr(sqlite3, "connect", connect)

    return limit


def _people(run, n: int = 3) -> None:
    for i in range(n):
        run("add", f"Person {i}", "--note", "a few words " * 20)


# --- a full disk ------------------------------------------------------------------


def test_backup_on_a_full_disk_leaves_nothing(run, db_path: Path, unchanged, sqlite_full):
    _people(run)
    target = db_path.parent / "copy.db"
    before = _names(db_path.parent)
    sqlite_full(lambda name: name != str(db_path) and "mode=ro" not in name)
    with unchanged():
        result = run("backup", str(target), expect=7)
    assert result.stderr == _no_space(target)
    assert result.stdout == ""
    assert _names(db_path.parent) == before  # no copy.db of 0 bytes, no temporary file


def test_backup_when_the_final_flush_fails(run, db_path: Path, unchanged, fsync_full):
    _people(run)
    target = db_path.parent / "copy.db"
    before = _names(db_path.parent)
    with unchanged():
        result = run("backup", str(target), expect=7)
    assert result.stderr == _no_space(target)
    assert _names(db_path.parent) == before


def test_backup_force_on_a_full_disk_keeps_the_old_backup(run, db_path: Path, fsync_full):
    run("add", "Maya")
    target = db_path.parent / "copy.db"
    target.write_bytes(b"an older backup")
    result = run("backup", str(target), "--force", expect=7)
    assert result.stderr == _no_space(target)
    assert target.read_bytes() == b"an older backup"


def _older_database(path: Path) -> None:
    """A database made by the first migration only, with someone in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    db.migrate(conn, None, all_migrations()[:1])
    conn.execute(
        "INSERT INTO person (name, circle, added_on) VALUES ('Old Friend', 'friend', '2020-01-01')"
    )
    conn.close()


def test_the_safety_copy_before_a_migration_on_a_full_disk(run, db_path: Path, sqlite_full):
    _older_database(db_path)
    before, files = dump(db_path), _names(db_path.parent)
    sqlite_full(lambda name: name != str(db_path))
    result = run("people", expect=7)
    assert result.stderr.startswith("There is not enough space on the disk (")
    assert f"{db_path.stem}.before-0002_" in result.stderr
    assert result.stderr.endswith("): nothing was changed. Free some space, then try again.\n")
    assert dump(db_path) == before, "not upgraded without its safety copy"
    assert _names(db_path.parent) == files


def test_the_safety_copy_before_a_migration_is_whole_and_private(run, db_path: Path):
    _older_database(db_path)
    run("people")
    copies = list(db_path.parent.glob("supportnet.before-0002_*.db"))
    assert len(copies) == 1
    assert _mode(copies[0]) == 0o600
    assert copies[0].read_bytes()[18:20] == b"\x01\x01", "journal_mode DELETE: one file"
    assert not [n for n in _names(db_path.parent) if n.startswith(".")]


def test_a_safety_copy_never_replaces_an_earlier_one(db_path: Path, tmp_path: Path):
    conn = db.open_database(db_path)
    try:
        target = tmp_path / "supportnet.before-x.20260610T101500.db"
        target.write_bytes(b"an earlier copy")
        landed = safety_copies.backup_file(conn, target)
    finally:
        conn.close()
    assert landed == tmp_path / "supportnet.before-x.20260610T101500-2.db"
    assert target.read_bytes() == b"an earlier copy"


def test_two_backups_in_one_second_both_kept(run, db_path: Path, monkeypatch):
    import datetime as dt

    from supportnet import clock

    moment = dt.datetime(2026, 6, 10, 8, 15, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(clock, "now_utc", lambda: moment)
    run("add", "Maya")
    first = run("backup").stdout
    run("add", "Sam")
    second = run("backup").stdout
    one = db_path.parent / "supportnet.backup.20260610T081500.db"
    two = db_path.parent / "supportnet.backup.20260610T081500-2.db"
    assert sorted(db_path.parent.glob("supportnet.backup.*.db")) == [two, one]
    assert first == f"Backed up 1 person and 0 get-togethers to {one}.\n"
    assert second == f"Backed up 2 people and 0 get-togethers to {two}.\n"


def test_restore_on_a_full_disk_changes_nothing(run, db_path: Path, unchanged, sqlite_full):
    _people(run, 1)
    backup = db_path.parent.parent / "b.db"
    run("backup", str(backup))
    files = _names(db_path.parent)
    sqlite_full(lambda name: "before-restore" in name or name.endswith(".part"))
    with unchanged():
        result = run("restore-backup", str(backup), "--yes", expect=7)
    assert result.stderr.startswith("There is not enough space on the disk (")
    assert ".before-restore." in result.stderr
    assert _names(db_path.parent) == files


def test_restore_into_a_full_database_disk_removes_the_kept_copy(
    run, db_path: Path, unchanged, sqlite_full
):
    _people(run, 1)
    backup = db_path.parent.parent / "b.db"
    run("backup", str(backup))
    conn = sqlite3.connect(backup)  # a backup much bigger than the database now
    conn.executemany(
        "INSERT INTO person (name, circle, added_on) VALUES (?, 'friend', '2026-01-01')",
        [(f"Friend {n} " + "x" * 500,) for n in range(200)],
    )
    conn.commit()
    conn.close()
    files = _names(db_path.parent)
    sqlite_full(lambda name: name == str(db_path))
    with unchanged():
        result = run("restore-backup", str(backup), "--yes", expect=7)
    assert result.stderr == _no_space(db_path)
    assert _names(db_path.parent) == files, "the kept copy is removed: nothing changed"


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "json", "-o", "{out}"],
        ["export", "--format", "vcf", "-o", "{out}"],
        ["export", "--format", "csv", "--what", "people", "-o", "{out}"],
        ["report", "-o", "{out}"],
        ["calendar", "export", "{out}"],
    ],
    ids=["json", "vcf", "csv", "report", "calendar"],
)
def test_outputs_on_a_full_disk(run, tmp_path: Path, unchanged, args, monkeypatch):
    _people(run)
    out = tmp_path / "out" / "file"
    out.parent.mkdir()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with unchanged():
        result = run(*[a.format(out=out) for a in args], expect=7)
    assert result.stderr == _no_space(out)
    assert _names(out.parent) == [], "no partial or temporary file"
    # The same over an existing file with --force: the old one stays whole.
    out.write_text("the old one", encoding="utf-8")
    run(*[a.format(out=out) for a in args], "--force", expect=7)
    assert out.read_text(encoding="utf-8") == "the old one"
    assert _names(out.parent) == ["file"]


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Sam", "--note", "x" * 20000],
        ["log", "coffee", "--with", "Person 0", "--note", "x" * 20000],
        ["import", "{vcf}"],
    ],
    ids=["add", "log", "import"],
)
def test_writes_to_the_database_on_a_full_disk(
    run, db_path: Path, tmp_path: Path, unchanged, sqlite_full, args
):
    _people(run, 1)
    vcf = tmp_path / "c.vcf"
    vcf.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card {n}\r\nNOTE:{'y' * 3000}\r\nEND:VCARD\r\n"
            for n in range(20)
        ),
        encoding="utf-8",
    )
    sqlite_full(lambda name: name == str(db_path))
    with unchanged():
        result = run(*[a.format(vcf=vcf) for a in args], expect=7)
    assert result.stderr == _no_space(db_path)


@pytest.mark.usefixtures("existing_database")
def test_a_full_disk_anywhere_else_is_one_plain_line(run, monkeypatch):
    """An ENOSPC that no writer named (the screen redirected to a full disk, say)."""
    import supportnet.exchange.vcard_export as vcard_export

    def full(conn):
        raise OSError(errno.ENOSPC, "No space left on device")
        yield  # pragma: no cover

    monkeypatch.setattr(vcard_export, "export_vcards", full)
    result = run("export", "--format", "vcf", expect=7)
    assert result.stderr == (
        "There is not enough space on the disk: nothing was changed. "
        "Free some space, then try again.\n"
    )


# --- interrupted --------------------------------------------------------------------


class _StepByStep(sqlite3.Connection):
    """A connection whose backups copy one page at a time and call ``between``."""

    between: Callable[[], None] = staticmethod(lambda: None)

    def backup(self, target, **kwargs):  # type: ignore[override]
        def progress(status, remaining, total):
            _StepByStep.between()

        return super().backup(target, pages=1, progress=progress)


@pytest.mark.parametrize(
    ("stop", "code", "message"),
    [
        (lambda: (_ for _ in ()).throw(KeyboardInterrupt()), 130,
         "Interrupted; anything half-done was not saved.\n"),
        (lambda: os.kill(os.getpid(), signal.SIGTERM), 143,
         "Stopped; anything half-done was not saved.\n"),
    ],
    ids=["ctrl-c", "sigterm"],
)  # fmt: skip
def test_a_backup_stopped_midway_leaves_no_partial_copy(
    run, db_path: Path, monkeypatch, stop, code, message
):
    _people(run, 40)
    target = db_path.parent / "copy.db"
    before = _names(db_path.parent)
    real = sqlite3.connect
    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: real(*a, **{**k, "factory": _StepByStep})
    )
    monkeypatch.setattr(_StepByStep, "between", staticmethod(stop))
    previous = signal.getsignal(signal.SIGTERM)
    result = run("backup", str(target), expect=code)
    assert signal.getsignal(signal.SIGTERM) == previous, "the handler is put back"
    assert result.stderr == message
    assert _names(db_path.parent) == before


# --- one rule for every output -------------------------------------------------------

OUTPUTS = {
    "backup": ["backup", "{out}"],
    "export": ["export", "--format", "json", "-o", "{out}"],
    "report": ["report", "-o", "{out}"],
    "calendar": ["calendar", "export", "{out}"],
}


def _args(name: str, out: Path | str) -> list[str]:
    return [a.format(out=out) for a in OUTPUTS[name]]


@pytest.mark.parametrize("name", OUTPUTS)
def test_an_existing_output_needs_force(run, tmp_path: Path, unchanged, name):
    run("add", "Maya")
    out = tmp_path / "out.file"
    out.write_text("keep me", encoding="utf-8")
    with unchanged():
        result = run(*_args(name, out), expect=6)
    assert result.stderr == (
        f"{out} already exists; choose another name or use --force to replace it.\n"
    )
    assert out.read_text(encoding="utf-8") == "keep me"
    result = run(*_args(name, out), "--force")
    assert out.read_text(encoding="utf-8", errors="replace") != "keep me"
    assert _mode(out) == 0o600


@pytest.mark.parametrize("name", OUTPUTS)
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_never_through_a_symbolic_link(run, tmp_path: Path, unchanged, name, force):
    run("add", "Maya")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours to overwrite", encoding="utf-8")
    link = tmp_path / "link.out"
    link.symlink_to(elsewhere)
    with unchanged():
        result = run(*_args(name, link), *(["--force"] if force else []), expect=7)
    assert result.stderr == (
        f"{link} is a symbolic link; supportnet never writes through one (not even with "
        "--force). Give the file it points to, or another name.\n"
    )
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "not yours to overwrite"


@pytest.mark.parametrize("name", OUTPUTS)
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_database_and_its_files_are_never_an_output(
    run, db_path: Path, unchanged, name, suffix
):
    run("add", "Maya")
    out = Path(f"{db_path}{suffix}")
    files = _names(db_path.parent)
    with unchanged():
        result = run(*_args(name, out), "--force", expect=7)
    if suffix:
        assert result.stderr.startswith(
            f"{out} is a file SQLite keeps beside the database ({suffix}); choose another file"
        )
    else:
        assert result.stderr.startswith(f"{out} is the database itself; choose another file")
    assert _names(db_path.parent) == files
    assert "Maya" in run("people").stdout


def test_the_database_is_recognised_through_another_spelling(run, db_path: Path, unchanged):
    run("add", "Maya")
    other = db_path.parent / ".." / db_path.parent.name / f"{db_path.name}-wal"
    with unchanged():
        run("export", "--format", "json", "-o", str(other), "--force", expect=7)


def test_the_temporary_name_is_not_predictable(run, tmp_path: Path):
    """A link planted at the old temporary name (.NAME.part) is never followed."""
    run("add", "Maya")
    out = tmp_path / "export.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    (tmp_path / ".export.json.part").symlink_to(victim)
    run("export", "--format", "json", "-o", str(out))
    assert victim.read_text(encoding="utf-8") == "untouched"
    assert '"Maya"' in out.read_text(encoding="utf-8")
    assert _mode(out) == 0o600


@pytest.mark.parametrize("name", OUTPUTS)
def test_an_output_in_a_folder_that_does_not_exist_is_refused(run, tmp_path: Path, name):
    # `report -o ~/Documnets/report.md` made the misspelled folder and wrote there (and
    # `backup /nonexistent/x.db`, as root, made /nonexistent).
    run("add", "Maya")
    out = tmp_path / "new" / "dir" / "file.out"
    result = run(*_args(name, out), expect=7)
    assert result.stderr.startswith(f"The folder {out.parent} does not exist; check the path")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "new").exists()


def test_folders_made_for_a_backup_are_private(run, tmp_path: Path):
    # `backup --to DIR` makes its folder, as its help says; each one readable only by you.
    run("add", "Maya")
    folder = tmp_path / "new" / "dir"
    old = os.umask(0)
    try:
        run("backup", "--to", str(folder))
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new") == _mode(folder) == 0o700
    (out,) = folder.iterdir()
    assert _mode(out) == 0o600


@pytest.mark.parametrize("name", OUTPUTS)
def test_success_lines_go_to_stdout(run, tmp_path: Path, name):
    run("add", "Maya")
    out = tmp_path / "out.file"
    result = run(*_args(name, out))
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1 and str(out) in result.stdout


@pytest.mark.parametrize("args", [["export", "--format", "json", "-o", "-"], ["report", "-o", "-"]])
def test_dash_is_the_screen(run, tmp_path: Path, args, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("add", "Maya")
    run("log", "coffee", "--with", "Maya")  # seen, so the report names her too
    result = run(*args)
    assert "Maya" in result.stdout
    assert not (tmp_path / "-").exists()


# --- names the file system cannot take --------------------------------------------

LONG = "n" * 300


@pytest.mark.parametrize(
    ("args", "doing"),
    [
        (["import", "{path}.vcf"], "read"),
        (["calendar", "export", "{path}.ics"], "write"),
        (["export", "--format", "json", "-o", "{path}.json"], "write"),
        (["backup", "{path}.db"], "write"),
        (["report", "-o", "{path}.md"], "write"),
        (["restore-backup", "{path}.db", "--yes"], "read"),
    ],
    ids=["import", "calendar", "export", "backup", "report", "restore"],
)
def test_a_file_name_too_long_for_the_file_system(run, tmp_path: Path, unchanged, args, doing):
    run("add", "Maya")
    path = tmp_path / LONG
    with unchanged():
        result = run(*[a.format(path=path) for a in args], expect=7)
    given = next(a for a in result.stderr.split() if LONG in a).rstrip(":")
    assert result.stderr == (
        f"Could not {doing} {given}: the name is too long for the file system.\n"
    )
    assert _names(tmp_path) == ["data"]


# --- CSV for spreadsheets -------------------------------------------------------------


def test_csv_cells_never_run_as_formulas(run, db_path: Path, tmp_path: Path):
    run("add", '=HYPERLINK("http://x","y")', "--birthday", "March 14", "--note", "@SUM(A1)",
        "--tag", "+cmd", "--phone", "+1 555 0102")  # fmt: skip
    run("add", "--", "-2+3")
    conn = sqlite3.connect(db_path)  # as a vCard could bring it: typed text is stripped
    conn.execute("UPDATE person SET how_met = ? WHERE id = 2", ("\t=1+1",))
    conn.commit()
    conn.close()
    out = tmp_path / "people.csv"
    run("export", "-f", "csv", "-w", "people", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    first, second = rows
    assert first["name"] == '\'=HYPERLINK("http://x","y")'
    assert (first["note"], first["tags"], first["phones"]) == ("'@SUM(A1)", "'+cmd", "'+1 555 0102")
    assert first["birthday"] == "--03-14", "supportnet's own year-less birthday is left alone"
    assert (second["name"], second["how_met"]) == ("'-2+3", "'\t=1+1")
    # Every text cell is quoted whole; numbers are not.
    assert text.splitlines()[1].startswith('1,"\'=HYPERLINK(""http://x"",""y"")","')


def test_an_unreadable_db_given_with_the_option_is_the_databases_own_check(
    run, db_path: Path, monkeypatch
):
    # Click checked --db's path first: a three-line usage error and exit 2, where
    # SUPPORTNET_DB gives the one line and exit 7 of the table of exit codes.  (As
    # root every file is readable: the refusals are made here.)
    run("add", "Maya")
    real_access, real_open = os.access, Path.open

    def unreadable(path, mode, *args, **kwargs):
        if Path(path) == db_path and mode & os.R_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    def refused(self, *args, **kwargs):
        if self == db_path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "access", unreadable)
    monkeypatch.setattr(Path, "open", refused)
    result = run("--db", str(db_path), "people", expect=7)
    assert result.stderr == f"Could not read the database {db_path}: Permission denied.\n"


def test_an_existing_output_is_refused_before_the_work(run, db_path: Path, tmp_path: Path,
                                                       monkeypatch):  # fmt: skip
    # report -o and calendar export made a year of a large network first (1 s, 60 MB),
    # then refused the file.
    from supportnet.exchange import ics
    from supportnet.store import review

    run("add", "Maya")
    taken = tmp_path / "taken.md"
    taken.write_text("mine\n", encoding="utf-8")

    def never(*args, **kwargs):
        raise AssertionError("made before the file was checked")

    monkeypatch.setattr(review, "review_facts", never)
    monkeypatch.setattr(ics, "build_calendar", never)
    for args in (["report", "-o", str(taken)], ["calendar", "export", str(taken)]):
        assert run(*args, expect=6).stderr == (
            f"{taken} already exists; choose another name or use --force to replace it.\n"
        )
    assert taken.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.usefixtures("existing_database")
def test_ctrl_c_held_off_until_a_change_landed_says_it_is_kept(run, monkeypatch):
    # Ctrl-C waits for the commit; it then said "anything half-done was not saved",
    # which left the user to guess whether Maya was added.
    import contextlib

    from supportnet import db

    real = db.signals_held

    @contextlib.contextmanager
    def delivered_at_the_end():
        with real():
            yield
        raise KeyboardInterrupt

    monkeypatch.setattr(db, "signals_held", delivered_at_the_end)
    monkeypatch.setattr(db, "interrupt_pending", lambda: True)  # pressed during the commit
    assert run("add", "Maya", expect=130).stderr == (
        "Interrupted just after the change was saved; it is kept.\n"
    )
    monkeypatch.setattr(db, "signals_held", real)
    assert "Maya" in run("people").stdout
    # A Ctrl-C that came later than a commit is not one the commit made wait.
    monkeypatch.setattr(db, "signals_held", delivered_at_the_end)
    monkeypatch.setattr(db, "interrupt_pending", lambda: False)
    assert run("add", "Sam", expect=130).stderr == (
        "Interrupted; anything half-done was not saved.\n"
    )
