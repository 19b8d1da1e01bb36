"""Installing, removing and asking each scheduler: systemd, cron, launchd, schtasks.

Every program (``systemctl``, ``crontab``, ``launchctl``, ``schtasks``) is run through
a ``Machine``'s runner, found on PATH, or only in the folder ``SUPPORTNET_REMIND_TOOLS``
names (how the tests put stand-ins there, and how anyone can try reminders without
touching the real scheduler).  Every file is written whole or not at all
(``safe_files``); a file already as it should be is not touched, so installing twice
changes nothing.  Each function returns what it did (or, on a dry run, would do) in
plain lines; a scheduler that refuses is ``NotDelivered`` (exit 14) with its reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from supportnet.errors import InvalidInput, NotDelivered
from supportnet.remind import units
from supportnet.remind.schedule import DAILY, WEEKLY, Schedule

SCHEDULERS = ("systemd", "cron", "launchd", "windows")
TOOLS_ENV = "SUPPORTNET_REMIND_TOOLS"
#: What systemctl says when no systemd runs for the user (a container, an SSH login).
_NO_MANAGER = (
    "failed to connect to bus",
    "no medium found",
    "dbus_session_bus_address",
    "xdg_runtime_dir",
)


class Result(NamedTuple):
    """How a program ran: ``found`` False when it is not there at all."""

    found: bool
    code: int | None
    out: str = ""
    err: str = ""

    @property
    def ok(self) -> bool:
        return self.found and self.code == 0

    def reason(self, name: str) -> str:
        """Why it failed, in one line."""
        if not self.found:
            return f"{name} was not found"
        first = next((line.strip() for line in self.err.splitlines() if line.strip()), "")
        return f"{name} said: {first}" if first else f"{name} ended with exit code {self.code}"


def find_tool(name: str) -> str | None:
    """The program ``name`` on PATH, or only in ``SUPPORTNET_REMIND_TOOLS`` when set."""
    folder = os.environ.get(TOOLS_ENV, "")
    return shutil.which(name, path=folder) if folder else shutil.which(name)


def run_tool(name: str, args: list[str], stdin: str | None = None) -> Result:
    path = find_tool(name)
    if path is None:
        return Result(False, None)
    try:
        done = subprocess.run(
            [path, *args], input=stdin, capture_output=True, text=True, timeout=60, errors="replace"
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Result(True, None, "", str(error))
    return Result(True, done.returncode, done.stdout, done.stderr)


Runner = Callable[[str, list[str], "str | None"], Result]


@dataclass
class Machine:
    """Where a user's scheduler files live, and how its programs are run."""

    home: Path
    config_home: Path
    uid: int = 0
    run: Runner = run_tool
    platform: str = sys.platform

    @classmethod
    def current(cls) -> Machine:
        home = Path(os.path.expanduser("~"))
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        config_home = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".config"
        return cls(home, config_home, os.getuid() if hasattr(os, "getuid") else 0)

    @property
    def systemd_folder(self) -> Path:
        return self.config_home / "systemd" / "user"

    @property
    def launchd_folder(self) -> Path:
        return self.home / "Library" / "LaunchAgents"


@dataclass
class Done:
    """What an install or removal did (or would do), in lines for the user."""

    lines: list[str] = field(default_factory=list)
    changed: bool = False
    notes: list[str] = field(default_factory=list)


def choose(requested: str | None, machine: Machine) -> str:
    """The scheduler to use: the one asked for, else the platform's own."""
    if requested is not None:
        from supportnet.text import choose_kind

        return choose_kind(requested, list(SCHEDULERS), "scheduler")
    if machine.platform == "darwin":
        return "launchd"
    if machine.platform.startswith("win"):
        return "windows"
    systemd, cron = find_tool("systemctl"), find_tool("crontab")
    if systemd and (Path("/run/systemd/system").is_dir() or not cron):
        return "systemd"
    if cron:
        return "cron"
    raise NotDelivered(
        "No scheduler was found here: neither systemd's systemctl nor crontab. "
        "`supportnet today` still works by hand; docs/reminders.md shows other ways."
    )


def installed_program() -> list[str]:
    """The absolute path of the supportnet being run (the console script beside this
    Python), else this Python with ``-m supportnet``."""
    python = Path(os.path.abspath(sys.executable))
    script = python.with_name("supportnet.exe" if os.name == "nt" else "supportnet")
    if script.is_file():
        return [str(script)]
    return [str(python), "-m", "supportnet"]


def commands_for(schedule: Schedule, database: Path, program: list[str]) -> dict[str, list[str]]:
    path = os.path.abspath(database)
    return {d: units.run_command(program, path, d) for d in schedule.digests}


# --- files --------------------------------------------------------------------------


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _place_files(
    folder: Path, wanted: dict[str, str], ours: list[str], dry_run: bool, done: Done
) -> tuple[list[str], list[str]]:
    """Write the ``wanted`` files that differ, remove our others; (written, removed)."""
    from supportnet import safe_files

    written = [name for name, text in wanted.items() if _read(folder / name) != text]
    removed = [name for name in ours if name not in wanted and (folder / name).exists()]
    for name, text in wanted.items():
        path = folder / name
        if name not in written:
            done.lines.append(f"{path} is already as it should be.")
        elif dry_run:
            done.lines += [
                f"Would write {path}:",
                *(f"    {line}".rstrip() for line in text.splitlines()),
            ]
        else:
            safe_files.write_file(path, text, if_exists="replace", purpose="for the reminder")
            done.lines.append(f"Wrote {path}.")
    for name in removed:
        path = folder / name
        if dry_run:
            done.lines.append(f"Would remove {path}.")
        else:
            try:
                path.unlink()
            except OSError as error:
                raise safe_files.problem(error, path, "remove") from None
            done.lines.append(f"Removed {path}.")
    done.changed = bool(written or removed)
    return written, removed


def _call(
    machine: Machine,
    tool: str,
    args: list[str],
    dry_run: bool,
    done: Done,
    stdin: str | None = None,
) -> Result:
    if dry_run:
        done.lines.append(f"Would run: {' '.join([tool, *args])}")
        return Result(True, 0)
    return machine.run(tool, args, stdin)


# --- systemd ------------------------------------------------------------------------

_SYSTEMD_FILES = [
    f"{n}.{kind}" for n in units.SYSTEMD_NAMES.values() for kind in ("timer", "service")
]


def _no_manager(result: Result) -> bool:
    text = result.err.lower()
    return any(words in text for words in _NO_MANAGER)


def systemd_install(
    schedule: Schedule, commands: dict[str, list[str]], machine: Machine, dry_run: bool = False
) -> Done:
    done = Done()
    folder = machine.systemd_folder
    wanted = units.systemd_units(schedule, commands)
    stale = [
        f"{units.SYSTEMD_NAMES[d]}.timer"
        for d in (DAILY, WEEKLY)
        if d not in schedule.digests and (folder / f"{units.SYSTEMD_NAMES[d]}.timer").exists()
    ]
    if stale:
        _call(machine, "systemctl", ["--user", "disable", "--now", *stale], dry_run, done)
    written, removed = _place_files(folder, wanted, _SYSTEMD_FILES, dry_run, done)
    timers = [f"{units.SYSTEMD_NAMES[d]}.timer" for d in schedule.digests]
    if written or removed:
        reload = _call(machine, "systemctl", ["--user", "daemon-reload"], dry_run, done)
        if not reload.found:
            raise NotDelivered(
                f"The timer is written in {folder}, but systemctl was not found to start it. "
                "`supportnet remind remove` takes the files away."
            )
    enabled = _call(machine, "systemctl", ["--user", "enable", *timers], dry_run, done)
    if not enabled.ok:
        raise NotDelivered(
            f"The timer is written in {folder}, but systemd did not take it "
            f"({enabled.reason('systemctl')}). `supportnet remind remove` takes the files away."
        )
    changed = [t for t in timers if t in written]
    verb = ["restart", *changed] if changed else ["start", *timers]
    started = _call(machine, "systemctl", ["--user", *verb], dry_run, done)
    if not started.ok and _no_manager(started):
        done.notes.append(
            "systemd is not running for you right now, so the timer is enabled and starts "
            "the next time it is (at your next login)."
        )
    elif not started.ok:
        raise NotDelivered(
            f"The timer is written and enabled, but systemd did not start it "
            f"({started.reason('systemctl')}). `supportnet remind status` shows more."
        )
    return done


def systemd_remove(machine: Machine, dry_run: bool = False) -> Done:
    done = Done()
    folder = machine.systemd_folder
    timers = [n for n in _SYSTEMD_FILES if n.endswith(".timer") and (folder / n).exists()]
    if timers:
        _call(machine, "systemctl", ["--user", "disable", "--now", *timers], dry_run, done)
    _place_files(folder, {}, _SYSTEMD_FILES, dry_run, done)
    if done.changed:
        _call(machine, "systemctl", ["--user", "daemon-reload"], dry_run, done)
    return done


def systemd_status(machine: Machine) -> list[tuple[str, str]]:
    """(what, words) for each unit file, and what systemd says of each timer."""
    found = []
    for name in _SYSTEMD_FILES:
        path = machine.systemd_folder / name
        if not path.exists():
            continue
        found.append(("file", str(path)))
        if name.endswith(".timer"):
            result = machine.run(
                "systemctl",
                [
                    "--user",
                    "show",
                    name,
                    "--property",
                    "ActiveState,NextElapseUSecRealtime,LastTriggerUSec",
                ],
                None,
            )
            if not result.ok and _no_manager(result):
                found.append(
                    (
                        name,
                        "systemd is not running for you right now; it starts the "
                        "timer when it does (at your next login)",
                    )
                )
                continue
            if not result.ok:
                found.append((name, f"systemd could not be asked ({result.reason('systemctl')})"))
                continue
            values = dict(line.partition("=")[::2] for line in result.out.splitlines())
            state = values.get("ActiveState") or "unknown"
            found.append(
                (
                    name,
                    f"{state}; next run {values.get('NextElapseUSecRealtime') or 'not set'}"
                    f"; last run {values.get('LastTriggerUSec') or 'never'}",
                )
            )
    return found


# --- cron ---------------------------------------------------------------------------


def _crontab(machine: Machine) -> str:
    """The user's crontab now ('' when there is none)."""
    result = machine.run("crontab", ["-l"], None)
    if result.ok:
        return result.out
    if result.found and "no crontab" in result.err.lower():
        return ""
    raise NotDelivered(f"Your crontab could not be read ({result.reason('crontab')}).")


def cron_install(
    schedule: Schedule,
    commands: dict[str, list[str]],
    machine: Machine,
    keep_copy: Path | None,
    dry_run: bool = False,
) -> Done:
    return _cron_change(units.cron_block(schedule, commands), machine, keep_copy, dry_run)


def cron_remove(machine: Machine, keep_copy: Path | None, dry_run: bool = False) -> Done:
    return _cron_change(None, machine, keep_copy, dry_run)


def _cron_change(
    block: str | None, machine: Machine, keep_copy: Path | None, dry_run: bool
) -> Done:
    done = Done()
    current = _crontab(machine)
    new = units.crontab_with(current, block)
    if new == current:
        what = "already holds these lines" if block else "holds no supportnet lines"
        done.lines.append(f"Your crontab {what}; nothing changed.")
        return done
    done.changed = True
    if dry_run:
        if block:
            done.lines += [
                "Would put these lines in your crontab (`crontab -l` shows it):",
                *(f"    {line}" for line in block.splitlines()),
            ]
        else:
            done.lines.append("Would take supportnet's lines out of your crontab.")
        return done
    if keep_copy is not None and current.strip():
        from supportnet import safe_files

        safe_files.write_file(keep_copy, current, if_exists="replace", purpose="for the copy")
        done.notes.append(f"Your crontab as it was is kept in {keep_copy}.")
    result = machine.run("crontab", ["-"], new)
    if not result.ok:
        raise NotDelivered(f"Your crontab was not changed ({result.reason('crontab')}).")
    done.lines.append(
        "Put supportnet's lines in your crontab."
        if block
        else "Took supportnet's lines out of your crontab."
    )
    return done


def cron_status(machine: Machine) -> list[tuple[str, str]]:
    try:
        lines = units.cron_block_of(_crontab(machine))
    except NotDelivered as error:
        return [("crontab", error.message)]
    return [("crontab", line) for line in lines if line and not line.startswith("#")]


# --- launchd ------------------------------------------------------------------------

_LAUNCHD_FILES = [f"{label}.plist" for label in units.LAUNCHD_LABELS.values()]


def launchd_install(
    schedule: Schedule, commands: dict[str, list[str]], machine: Machine, dry_run: bool = False
) -> Done:
    done = Done()
    folder = machine.launchd_folder
    domain = f"gui/{machine.uid}"
    for digest in (DAILY, WEEKLY):
        label = units.LAUNCHD_LABELS[digest]
        if digest not in schedule.digests and (folder / f"{label}.plist").exists():
            _call(machine, "launchctl", ["bootout", f"{domain}/{label}"], dry_run, done)
    written, _ = _place_files(
        folder, units.launchd_agents(schedule, commands), _LAUNCHD_FILES, dry_run, done
    )
    for digest in schedule.digests:
        label = units.LAUNCHD_LABELS[digest]
        path = folder / f"{label}.plist"
        loaded = not dry_run and machine.run("launchctl", ["print", f"{domain}/{label}"], None).ok
        if path.name in written and (loaded or dry_run):
            _call(machine, "launchctl", ["bootout", f"{domain}/{label}"], dry_run, done)
            loaded = False
        if not loaded:
            result = _call(machine, "launchctl", ["bootstrap", domain, str(path)], dry_run, done)
            if not result.ok:
                raise NotDelivered(
                    f"The agent is written in {path}, but launchd did not take it "
                    f"({result.reason('launchctl')}). `supportnet remind remove` takes it away."
                )
    return done


def launchd_remove(machine: Machine, dry_run: bool = False) -> Done:
    done = Done()
    for name in _LAUNCHD_FILES:
        if (machine.launchd_folder / name).exists():
            label = name.removesuffix(".plist")
            _call(machine, "launchctl", ["bootout", f"gui/{machine.uid}/{label}"], dry_run, done)
    _place_files(machine.launchd_folder, {}, _LAUNCHD_FILES, dry_run, done)
    return done


def launchd_status(machine: Machine) -> list[tuple[str, str]]:
    found = []
    for name in _LAUNCHD_FILES:
        path = machine.launchd_folder / name
        if not path.exists():
            continue
        found.append(("file", str(path)))
        label = name.removesuffix(".plist")
        result = machine.run("launchctl", ["print", f"gui/{machine.uid}/{label}"], None)
        if not result.ok:
            found.append((label, f"not loaded ({result.reason('launchctl')})"))
            continue
        wanted = ("state =", "runs =", "last exit code =")
        said = [line.strip() for line in result.out.splitlines() if line.strip().startswith(wanted)]
        found.append((label, "; ".join(said) or "loaded"))
    return found


# --- Windows ------------------------------------------------------------------------


def windows_install(schedule: Schedule, commands: dict[str, list[str]]) -> Done:
    """The schtasks commands to run in Command Prompt (supportnet does not run them)."""
    lines = ["Run this in Command Prompt (cmd.exe) to set the reminders up:"]
    lines += [f"    {units.schtasks_create(schedule, commands[d], d)}" for d in schedule.digests]
    return Done(lines)


def windows_remove() -> Done:
    lines = ["Run this in Command Prompt (cmd.exe) to stop the reminders:"]
    lines += [f"    {units.schtasks_delete(d)}" for d in (DAILY, WEEKLY)]
    return Done(lines)


def windows_status(machine: Machine) -> list[tuple[str, str]]:
    found = []
    for digest in (DAILY, WEEKLY):
        result = machine.run("schtasks", units.schtasks_query(digest), None)
        if not result.found:
            return [("schtasks", "schtasks was not found (it is part of Windows)")]
        if not result.ok:
            continue
        wanted = ("Next Run Time:", "Last Run Time:", "Last Result:", "Status:")
        said = [
            " ".join(line.split())
            for line in result.out.splitlines()
            if line.strip().startswith(wanted)
        ]
        found.append((units.SCHTASKS_NAMES[digest], "; ".join(said) or "set up"))
    return found


# --- one entry for each ---------------------------------------------------------------


def install(
    scheduler: str,
    schedule: Schedule,
    commands: dict[str, list[str]],
    machine: Machine,
    keep_copy: Path | None,
    dry_run: bool = False,
) -> Done:
    """Set the schedule up with ``scheduler``, replacing what supportnet set up before
    with it (a scheduler other than this one is left as it is: see ``in_use``)."""
    if scheduler == "systemd":
        return systemd_install(schedule, commands, machine, dry_run)
    if scheduler == "cron":
        return cron_install(schedule, commands, machine, keep_copy, dry_run)
    if scheduler == "launchd":
        if machine.platform != "darwin" and not dry_run:
            raise InvalidInput(
                "launchd is macOS's scheduler; on this system use --dry-run to "
                "see what it would be given."
            )
        return launchd_install(schedule, commands, machine, dry_run)
    return windows_install(schedule, commands)


def in_use(machine: Machine) -> list[str]:
    """Every scheduler holding something supportnet set up, here."""
    found = []
    if any((machine.systemd_folder / name).exists() for name in _SYSTEMD_FILES):
        found.append("systemd")
    if find_tool("crontab") is not None:
        try:
            if units.cron_block_of(_crontab(machine)):
                found.append("cron")
        except NotDelivered:
            pass
    if any((machine.launchd_folder / name).exists() for name in _LAUNCHD_FILES):
        found.append("launchd")
    if machine.platform.startswith("win"):
        found.append("windows")
    return found


def remove(scheduler: str, machine: Machine, keep_copy: Path | None, dry_run: bool = False) -> Done:
    if scheduler == "systemd":
        return systemd_remove(machine, dry_run)
    if scheduler == "cron":
        return cron_remove(machine, keep_copy, dry_run)
    if scheduler == "launchd":
        return launchd_remove(machine, dry_run)
    return windows_remove()


def status(scheduler: str, machine: Machine) -> list[tuple[str, str]]:
    """(what, what it says) for everything ``scheduler`` holds of supportnet's."""
    return {
        "systemd": systemd_status,
        "cron": cron_status,
        "launchd": launchd_status,
        "windows": windows_status,
    }[scheduler](machine)
