"""Shared timing for the benchmarks: cold CLI runs against the Python+SQLite floor.

Every figure is the median of several cold runs of a fresh process, printed as a
ratio to ``python -c "import sqlite3"`` run from the same virtual environment in
the same run (the floor for any Python CLI over SQLite).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PYTHON = sys.executable
#: `supportnet` as a user runs it: the console script next to this Python (what
#: `pip install` made), else `python -m supportnet` (which adds runpy's imports).
_SCRIPT = Path(PYTHON).with_name("supportnet")
SUPPORTNET = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "supportnet"]
DATA = Path(__file__).resolve().parent / ".data"


def scaled_database(name: str, today: Any, **sizes: int) -> Path:
    """``benchmarks/.data/NAME.db``: ``scaled.build_scaled(**sizes)`` as of
    ``today``, built once (into a partial file renamed at the end) and then reused."""
    from scaled import build_scaled

    from supportnet import db

    path = DATA / f"{name}.db"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    conn = db.open_database(partial)
    try:
        with db.transaction(conn):
            build_scaled(conn, today, **sizes)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    partial.rename(path)
    return path


#: The terminal a person reads on, for the runs timed on a pseudo-terminal.
TTY_COLUMNS, TTY_LINES = 120, 40


def _run_once(argv: list[str], env: dict[str, str], tty: bool = False) -> float:
    if tty:
        return _run_on_a_terminal(argv, env)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[-500:]}")
    return elapsed


def _run_on_a_terminal(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of one run whose output goes to a pseudo-terminal, read to the end
    (as a person's terminal would), ``TTY_COLUMNS`` wide; no pager."""
    import pty
    import select

    leader, follower = pty.openpty()
    # A pager that passes the text through (``cat`` alone means no pager at all).
    env = {"PAGER": "cat -u", **env, "COLUMNS": str(TTY_COLUMNS), "LINES": str(TTY_LINES),
           "TERM": "xterm-256color"}  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=follower,
                            stderr=follower)  # fmt: skip
    os.close(follower)
    tail = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the other end is closed, the command has ended
                break
            if not chunk:
                break
            tail = (tail + chunk)[-2000:]
        elif proc.poll() is not None:
            break
    code = proc.wait()
    elapsed = time.perf_counter() - start
    os.close(leader)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} failed on a terminal: {tail.decode(errors='replace')}")
    return elapsed


def median_seconds(
    argv: list[str], runs: int = 7, env: dict[str, str] | None = None, *, tty: bool = False
) -> float:
    """Median wall time of ``runs`` cold runs (after one warm-up for the OS cache),
    piped, or with ``tty`` on a pseudo-terminal."""
    full_env = {**os.environ, **(env or {})}
    _run_once(argv, full_env, tty)
    return statistics.median(_run_once(argv, full_env, tty) for _ in range(runs))


def paired_ratio(
    argv: list[str], runs: int = 5, env: dict[str, str] | None = None, *, tty: bool = False
) -> tuple[float, float]:
    """(median seconds, median ratio to the floor) of ``runs`` cold runs, each run
    beside a run of the floor (``python -c "import sqlite3"``), so that the ratio holds
    when the machine's load changes during the benchmark (the floor measured once at
    the start can be several times off by its end on a shared machine)."""
    full_env = {**os.environ, **(env or {})}
    floor_argv = [PYTHON, "-c", "import sqlite3"]
    _run_once(argv, full_env, tty)
    seconds, ratios = [], []
    for _ in range(runs):
        floor = _run_once(floor_argv, full_env)
        took = _run_once(argv, full_env, tty)
        floor = (floor + _run_once(floor_argv, full_env)) / 2
        seconds.append(took)
        ratios.append(took / floor)
    return statistics.median(seconds), statistics.median(ratios)


def floor_seconds(runs: int = 7) -> float:
    """The floor: a Python process that imports sqlite3 and exits."""
    return median_seconds([PYTHON, "-c", "import sqlite3"], runs)


def peak_memory_mb(
    argv: list[str], env: dict[str, str] | None = None, *, may_fail: bool = False
) -> float:
    """Peak resident memory of one run, in MB (a fresh child process measured alone).

    The run must succeed, unless ``may_fail`` (a file the command refuses, say)."""
    probe = (
        "import resource, subprocess, sys\n"
        f"subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check={not may_fail})\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", probe, *argv],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    kb = int(out.strip().splitlines()[-1])
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def report(
    label: str,
    seconds: float,
    floor: float,
    target_ratio: float | None = None,
    *,
    ratio: float | None = None,
) -> str:
    """One line: the time and its ratio to the floor (``seconds / floor`` unless a
    ``ratio`` measured by ``paired_ratio`` is given), with the target's verdict."""
    ratio = seconds / floor if ratio is None else ratio
    verdict = ""
    if target_ratio is not None:
        verdict = f"  (target <= {target_ratio:g}x: {'met' if ratio <= target_ratio else 'MISSED'})"
    return f"{label:<44} {seconds * 1000:8.1f} ms  {ratio:5.1f}x floor{verdict}"


__all__ = [
    "DATA",
    "PYTHON",
    "SUPPORTNET",
    "floor_seconds",
    "median_seconds",
    "paired_ratio",
    "peak_memory_mb",
    "report",
    "scaled_database",
]
