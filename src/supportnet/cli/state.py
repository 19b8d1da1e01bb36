"""What the root command was told (--db, --today, --debug), for every command."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Invocation:
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
def database() -> Iterator[sqlite3.Connection]:
    """The open, up-to-date database for one command; closed afterwards."""
    from supportnet.db import open_database

    conn = open_database(db_path())
    try:
        yield conn
    finally:
        conn.close()
