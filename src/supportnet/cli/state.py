"""What the root command was told (--db, --today, --debug), for every command."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlmodel import Session


class Invocation(NamedTuple):
    db_option: Path | None = None
    today_option: str | None = None
    debug: bool = False


current = Invocation()


def db_path() -> Path:
    from supportnet.paths import database_path

    return database_path(current.db_option)


def today() -> dt.date:
    from supportnet import clock

    return clock.today(current.today_option)


def config():  # -> supportnet.config.Config
    from supportnet.config import load_config
    from supportnet.paths import config_path

    return load_config(config_path(db_path()))


@contextmanager
def database(*, quiet: bool = False) -> Iterator[sqlite3.Connection]:
    """The open, up-to-date database for one command; closed afterwards.  What
    happened to the file (a new database, an upgrade and its safety copy) is said on
    stderr before anything else, unless ``quiet`` (a run by the scheduler)."""
    from supportnet import db

    notes: list[str] = []
    conn = db.open_database(db_path(), notes)
    if not quiet:
        say(notes)
    db.on_wait = None if quiet else _say_waiting
    try:
        yield conn
    finally:
        conn.close()


def say(notes: list[str]) -> None:
    """``db.open_database``'s notes, a line each on stderr (stdout stays the command's)."""
    from supportnet.render import note_line

    for note in notes:
        note_line(note)


@contextmanager
def writing() -> Iterator[Session]:
    """The open, up-to-date database for one write command: a SQLModel Session in
    one transaction on it (``db.write_session``); closed afterwards."""
    from supportnet.db import write_session

    with database() as conn, write_session(conn) as session:
        yield session


def _say_waiting() -> None:
    from supportnet import db
    from supportnet.render import note_line

    db.on_wait = None  # said once a command, however many writes wait
    note_line("Waiting for another command to finish with the database…")
