"""Every test gets its own temporary database and a fixed "today"."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportnet.cli import app
from tests.clitree import one_command_tree as tree_once

#: The fixed "today" of the test suite: a Wednesday.
TODAY = dt.date(2026, 6, 10)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Temporary folders on a RAM disk when there is one (Linux's /dev/shm).

    Every write to a test database is synced to disk (``synchronous = FULL``): on a
    disk other programs share, the waits were a good part of the suite's time.  An
    explicit ``--basetemp`` wins, and ``SUPPORTNET_TEST_TMP=disk`` keeps pytest's own
    temporary folder.  (Workers of pytest-xdist get a folder inside the one chosen.)
    """
    if config.option.basetemp or os.environ.get("SUPPORTNET_TEST_TMP") == "disk":
        return
    ram = Path("/dev/shm")
    if not (ram.is_dir() and os.access(ram, os.W_OK)):
        return
    folder = tempfile.mkdtemp(prefix="supportnet-tests-", dir=ram)
    config.option.basetemp = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(autouse=True, scope="session")
def one_command_tree() -> Iterator[None]:
    """Every invocation of the CLI gets the same tree of Click commands (tests/clitree.py)."""
    with tree_once(app):
        yield


#: An empty database migrated by the real migrations, once per process (``_template``).
_TEMPLATE: dict[str, object] = {}


def _template(folder: Callable[[], Path], real_migrate: Callable) -> dict[str, object]:
    """The process's empty database, made by the real migrations (by ``open_database``).

    ``conn``: a connection to it; ``labels``: its migrations; ``refill``: the
    migrations' own statements for the rows they write (the database's random
    identity, 0006), run again in each copy so that no two databases share them.
    """
    if not _TEMPLATE:
        from supportnet import db
        from supportnet.migrations import all_migrations, statements

        patched, db.migrate = db.migrate, real_migrate
        try:
            conn = db.open_database(folder() / "template.db")
        finally:
            db.migrate = patched
        migrations = all_migrations()
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_migration'"
        ) if conn.execute(f'SELECT 1 FROM "{name}"').fetchone()]  # fmt: skip
        refill = [f'DELETE FROM "{name}"' for name in tables]
        for name in tables:
            inserts = [sql for m in migrations for sql in statements(m.sql)
                       if re.match(rf"INSERT INTO {name}\b", sql, re.I)]  # fmt: skip
            refill += inserts
            if not inserts:  # rows the copy could not make afresh: migrate for real
                conn = None
        _TEMPLATE.update(conn=conn, labels=tuple(m.label for m in migrations), refill=refill)
    return _TEMPLATE


@pytest.fixture(autouse=True)
def migrated_from_a_template(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new database gets the pages of an empty one the migrations made earlier in this
    process, instead of running every migration again (a third of a small command's time).

    Only for the very case the copy equals: a database with no table yet, given every
    shipped migration, by ``db.open_database`` (a path).  The rows the migrations write
    are written afresh in the copy (its random identity, the time each step was
    applied).  A partial list, a database with anything in it, and the tests marked
    ``migrations`` (tests of the migrating itself) run the real steps; so does every
    command run in a subprocess.
    """
    if request.node.get_closest_marker("migrations"):
        return
    from supportnet import db

    real_migrate = db.migrate

    def migrate(
        conn: sqlite3.Connection, path: Path | None, migrations: list, notes: list | None = None
    ) -> list[str]:
        fresh = path is not None and not conn.in_transaction
        if fresh:
            fresh = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        if fresh:
            folder = request.getfixturevalue("tmp_path_factory").mktemp
            template = _template(lambda: folder("template"), real_migrate)
            labels = [m.label for m in migrations]
            if template["conn"] is not None and tuple(labels) == template["labels"]:
                template["conn"].backup(conn)  # type: ignore[union-attr]
                stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("UPDATE schema_migration SET applied_at = ?", (stamp,))
                for statement in template["refill"]:  # type: ignore[attr-defined]
                    conn.execute(statement)
                conn.execute("COMMIT")
                return labels
        return real_migrate(conn, path, migrations, notes)

    monkeypatch.setattr(db, "migrate", migrate)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point supportnet at a fresh database in a temporary folder, on a fixed day.

    The home folder is a temporary one too, and the programs reminders use
    (systemctl, crontab, launchctl, notify-send...) are looked for only in
    ``tools/`` (empty unless a test puts a stand-in there): no test ever touches
    the real scheduler, crontab or desktop."""
    db = tmp_path / "data" / "supportnet.db"
    monkeypatch.setenv("SUPPORTNET_DB", str(db))
    monkeypatch.setenv("SUPPORTNET_TODAY", TODAY.isoformat())
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("SUPPORTNET_REMIND_TOOLS", str(tmp_path / "tools"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    return db


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated


@pytest.fixture
def existing_database(db_path: Path) -> Path:
    """The test's database made before the command under test, so that stderr holds
    only what the command says of its own work (a command that makes the database
    first says "Started a new database at PATH.")."""
    from supportnet import db

    db.open_database(db_path).close()
    return db_path


@pytest.fixture
def fsync_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.fsync`` raises ``ENOSPC``, as a full disk or quota often shows."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)


Run = Callable[..., "object"]


@pytest.fixture
def run() -> Callable:
    """Run the real CLI: ``run("add", "Maya")``; ``input=`` answers prompts.

    A crash (an exception that is not a clean exit) fails the test at once.
    """
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, expect: int | None = 0):
        result = runner.invoke(app, list(args), input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        if expect is not None:
            assert result.exit_code == expect, (
                f"exit {result.exit_code}, expected {expect}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}"
            )
        return result

    return invoke


def without_column(export: dict, table: str, column: str) -> None:
    """Take ``column`` out of ``table`` in a JSON export (as ``json.loads`` reads it): an
    export made before the step that added it."""
    rows = export["tables"][table]
    at = rows["columns"].index(column)
    del rows["columns"][at]
    for row in rows["rows"]:
        del row[at]


def dump(path: Path) -> str:
    """Every row of the database as SQL text, to prove a failure changed nothing."""
    if not path.exists():
        return ""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def contents(path: Path) -> dict[str, tuple[str, str]]:
    """What ``dump`` compares, read as it is: each table, index and trigger by name, its
    SQL and (a table) the ``repr`` of its rows, so 1 and 1.0 or "1" still differ.  Twice
    as quick as making SQL text of every row."""
    if not path.exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        schema = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
        return {name: (sql, repr(conn.execute(f'SELECT * FROM "{name}"').fetchall())
                       if sql.startswith("CREATE TABLE") else "")
                for name, sql in schema}  # fmt: skip
    finally:
        conn.close()


@pytest.fixture
def unchanged(db_path: Path):
    """``with unchanged(): run(...)`` asserts the database is exactly as before."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = contents(db_path)
        yield
        assert contents(db_path) == before, "the database changed"

    return check


#: What each network fixture built, by the fixture's building function: the files of
#: the database folder, copied into every later test that asks for the same network.
_BUILT: dict[object, dict[str, bytes]] = {}


@pytest.fixture
def built_once(isolated: Path) -> Callable[[Callable[[], None]], None]:
    """``built_once(build)``: ``build()`` fills this test's database (through the CLI,
    say) the first time; later tests in this process get a byte copy of the result.

    For fixtures that many tests share: a network of a dozen commands costs a second
    per test, a copy a millisecond.  Only for networks whose rows do not depend on
    the real clock at which they were built.
    """

    def use(build: Callable[[], None]) -> None:
        key = build.__code__
        folder = isolated.parent
        if key in _BUILT:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            for name, data in _BUILT[key].items():
                (folder / name).write_bytes(data)
                (folder / name).chmod(0o600)
            return
        build()
        _BUILT[key] = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}

    return use
