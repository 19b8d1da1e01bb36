"""Files written whole or not at all, below the CLI: the shared writer (safe_files),
the config an import places, CSV cells that never run as formulas."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from supportnet import safe_files
from supportnet.errors import Conflict, DiskFull, FileProblem


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_import_config_on_a_full_disk_keeps_yours(tmp_path: Path, fsync_full):
    from supportnet.exchange.dumpconfig import place_config

    config = tmp_path / "config.toml"
    config.write_text("[cadence]\nfriend = 10\n", encoding="utf-8")
    with pytest.raises(DiskFull):
        place_config(config, "[cadence]\nfriend = 21\n", replace=True, stamp=_stamp())
    assert config.read_text(encoding="utf-8") == "[cadence]\nfriend = 10\n"
    assert _names(tmp_path) == ["config.toml"]


def _stamp():
    import datetime as dt

    return dt.datetime(2026, 6, 10, 10, 15)


def test_import_config_replaced_keeps_the_old_one(tmp_path: Path):
    from supportnet.exchange.dumpconfig import place_config

    config = tmp_path / "config.toml"
    config.write_text("[cadence]\nfriend = 10\n", encoding="utf-8")
    said = place_config(config, "[cadence]\nfriend = 21\n", replace=True, stamp=_stamp())
    old = tmp_path / "config.before-import.20260610T101500.toml"
    assert said == f"The config file was replaced; the previous one is kept in {old}."
    assert old.read_text(encoding="utf-8") == "[cadence]\nfriend = 10\n"
    assert config.read_text(encoding="utf-8") == "[cadence]\nfriend = 21\n"
    assert _mode(config) == _mode(old) == 0o600


def test_neutralise():
    from supportnet.exchange.csvout import neutralise

    for text in ("=1+1", "+1", "-1", "@x", "\t=1", "\r=1"):
        assert neutralise(text) == "'" + text
    for text in ("Maya", "", " =1", "1-2", "'quoted"):
        assert neutralise(text) == text


def test_write_file_whole_private_and_exclusive(tmp_path: Path):
    target = tmp_path / "a.txt"
    assert safe_files.write_file(target, "one\n") == target
    assert target.read_text(encoding="utf-8") == "one\n" and _mode(target) == 0o600
    with pytest.raises(Conflict):
        safe_files.write_file(target, "two\n")
    safe_files.write_file(target, b"two\n", if_exists="replace")
    assert target.read_bytes() == b"two\n"
    assert safe_files.write_file(target, "three\n", if_exists="new-name") == tmp_path / "a-2.txt"
    assert _names(tmp_path) == ["a-2.txt", "a.txt"]


def test_a_failure_in_the_block_removes_the_temporary_file(tmp_path: Path):
    target = tmp_path / "a.txt"
    with pytest.raises(RuntimeError), safe_files.replacing(target) as handle:
        handle.write("half")
        raise RuntimeError("a bug")
    assert _names(tmp_path) == []


def test_another_files_error_in_the_block_is_not_called_a_write_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError), safe_files.replacing(tmp_path / "a.txt"):
        (tmp_path / "missing.toml").read_text()
    assert _names(tmp_path) == []


def test_check_target_refuses_what_is_not_a_regular_file(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="is not a regular file"):
        safe_files.check_target(fifo, if_exists="replace")
    with pytest.raises(FileProblem, match="a part of the folder path is a file"):
        (tmp_path / "file").write_text("x")
        safe_files.check_target(tmp_path / "file" / "x.txt")


def test_a_linked_config_stays_a_link(tmp_path: Path):
    """A config kept elsewhere (dotfiles) and linked in: the file it points to is replaced."""
    from supportnet.exchange.dumpconfig import place_config

    real = tmp_path / "dotfiles" / "supportnet.toml"
    real.parent.mkdir()
    real.write_text("[cadence]\nfriend = 10\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.symlink_to(real)
    place_config(config, "[cadence]\nfriend = 21\n", replace=True, stamp=_stamp())
    assert config.is_symlink()
    assert real.read_text(encoding="utf-8") == "[cadence]\nfriend = 21\n"
    old = tmp_path / "config.before-import.20260610T101500.toml"
    assert old.read_text(encoding="utf-8") == "[cadence]\nfriend = 10\n"
