"""Installing, removing and asking each scheduler: systemd, cron, launchd, schtasks.

Programs run and files are placed through a ``Machine`` (``remind.machine``), so a
test (or ``SUPPORTNET_REMIND_TOOLS``) decides what really runs.  Each function
returns what it did (or, on a dry run, would do) in plain lines; a scheduler that
refuses is ``NotDelivered`` (exit 14) with its reason.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from supportnet.errors import InvalidInput, NotDelivered, SupportnetError
from supportnet.remind import units
from supportnet.remind.machine import Done, Machine, Result, call, find_tool, place_files
from supportnet.remind.schedule import DAILY, WEEKLY, Schedule

SCHEDULERS = ("systemd", "cron", "launchd", "windows")
#: What systemctl says when no systemd runs for the user (a container, an SSH login).
_NO_MANAGER = (
    "failed to connect to bus",
    "no medium found",
    "dbus_session_bus_address",
    "xdg_runtime_dir",
)


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
        call(machine, "systemctl", ["--user", "disable", "--now", *stale], dry_run, done)
    written, removed = place_files(folder, wanted, _SYSTEMD_FILES, dry_run, done)
    timers = [f"{units.SYSTEMD_NAMES[d]}.timer" for d in schedule.digests]
    if written or removed:
        reload = call(machine, "systemctl", ["--user", "daemon-reload"], dry_run, done)
        if not reload.found:
            raise NotDelivered(
                f"The timer is written in {folder}, but systemctl was not found to start it. "
                "`supportnet remind remove` takes the files away."
            )
    enabled = call(machine, "systemctl", ["--user", "enable", *timers], dry_run, done)
    if not enabled.ok:
        raise NotDelivered(
            f"The timer is written in {folder}, but systemd did not take it "
            f"({enabled.reason('systemctl')}). `supportnet remind remove` takes the files away."
        )
    changed = [t for t in timers if t in written]
    verb = ["restart", *changed] if changed else ["start", *timers]
    started = call(machine, "systemctl", ["--user", *verb], dry_run, done)
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
        stopped = call(machine, "systemctl", ["--user", "disable", "--now", *timers], dry_run, done)
        if stopped.found and not stopped.ok and not _no_manager(stopped):
            raise NotDelivered(
                f"systemd did not disable the timers ({stopped.reason('systemctl')}); "
                "nothing of them was taken away."
            )
    place_files(folder, {}, _SYSTEMD_FILES, dry_run, done)
    if done.changed:
        call(machine, "systemctl", ["--user", "daemon-reload"], dry_run, done)
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
    try:
        current = _crontab(machine)
    except NotDelivered as error:
        if not dry_run:
            raise
        # A dry run still shows the lines, and why the real one would not take them.
        current = ""
        done.notes.append(f"{error.message} Without --dry-run it would stop there.")
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
            call(machine, "launchctl", ["bootout", f"{domain}/{label}"], dry_run, done)
    written, _ = place_files(
        folder, units.launchd_agents(schedule, commands), _LAUNCHD_FILES, dry_run, done
    )
    for digest in schedule.digests:
        label = units.LAUNCHD_LABELS[digest]
        path = folder / f"{label}.plist"
        loaded = not dry_run and machine.run("launchctl", ["print", f"{domain}/{label}"], None).ok
        if path.name in written and (loaded or dry_run):
            call(machine, "launchctl", ["bootout", f"{domain}/{label}"], dry_run, done)
            loaded = False
        if not loaded:
            result = call(machine, "launchctl", ["bootstrap", domain, str(path)], dry_run, done)
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
            call(machine, "launchctl", ["bootout", f"gui/{machine.uid}/{label}"], dry_run, done)
    place_files(machine.launchd_folder, {}, _LAUNCHD_FILES, dry_run, done)
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
    with it (``take_out_others`` then takes out what another scheduler holds)."""
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
    return [scheduler for scheduler in SCHEDULERS if holds(scheduler, machine)]


def holds(scheduler: str, machine: Machine) -> bool:
    """Whether ``scheduler`` holds something supportnet set up (on Windows, where
    supportnet only prints commands, Task Scheduler always may)."""
    if scheduler == "systemd":
        return any((machine.systemd_folder / name).exists() for name in _SYSTEMD_FILES)
    if scheduler == "cron":
        if find_tool("crontab") is None:
            return False
        try:
            return bool(units.cron_block_of(_crontab(machine)))
        except NotDelivered:
            return False
    if scheduler == "launchd":
        return any((machine.launchd_folder / name).exists() for name in _LAUNCHD_FILES)
    return machine.platform.startswith("win")


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


# --- one schedule per user account ---------------------------------------------------


def take_out_others(
    chosen: str, machine: Machine, keep_copy: Path | None, dry_run: bool = False
) -> Done:
    """Take out what supportnet set up with any scheduler but ``chosen``, as ``remove``
    would: one line for each (each step on a dry run).  Run once ``chosen`` is set up;
    a scheduler that does not let go is ``NotDelivered``, naming what is still there.

    Task Scheduler is never changed by supportnet: the ``schtasks /Delete`` commands
    for the tasks found are printed, as ``remove`` prints them."""
    done = Done()
    for other in SCHEDULERS:
        if other == chosen or not holds(other, machine):
            continue
        if other == "windows":
            done.lines += _windows_leftovers(machine)
            continue
        try:
            taken = remove(other, machine, keep_copy, dry_run)
        except SupportnetError as error:
            raise NotDelivered(
                _not_taken_out(chosen, other, machine, error.message, dry_run)
            ) from None
        if dry_run:
            done.lines += [f"Would take out the earlier {other} schedule:", *taken.lines]
        elif taken.changed:
            done.lines.append(f"Took out the earlier {other} schedule.")
        done.notes += taken.notes
        done.changed = done.changed or taken.changed
    return done


def _not_taken_out(chosen: str, other: str, machine: Machine, why: str, dry_run: bool) -> str:
    """'Reminders are set up with cron now, but the earlier systemd schedule could not be
    taken out: WHY Still there: FILES. `supportnet remind remove` takes out both.'"""
    if dry_run:
        opening, ending = "", ""
    elif chosen == "windows":
        opening, ending = (
            "The schtasks commands are above, but ",
            " `supportnet remind remove` stops both.",
        )
    else:
        opening = f"Reminders are set up with {chosen} now, but "
        ending = " `supportnet remind remove` takes out both."
    left = _still_there(other, machine)
    text = f"{opening}the earlier {other} schedule could not be taken out: {why}"
    text += f" Still there: {left}." if left else ""
    return text[:1].upper() + text[1:] + ending


def _still_there(scheduler: str, machine: Machine) -> str:
    """What ``scheduler`` still holds of supportnet's, in words ('' for nothing)."""
    if scheduler == "cron":
        return "supportnet's lines in your crontab"
    folder, names = {
        "systemd": (machine.systemd_folder, _SYSTEMD_FILES),
        "launchd": (machine.launchd_folder, _LAUNCHD_FILES),
    }[scheduler]
    return ", ".join(str(folder / name) for name in names if (folder / name).exists())


def _windows_leftovers(machine: Machine) -> list[str]:
    """The commands that delete the tasks Task Scheduler holds of supportnet's."""
    found = [d for d in (DAILY, WEEKLY)
             if machine.run("schtasks", units.schtasks_query(d), None).ok]  # fmt: skip
    if not found:
        return []
    return [
        "supportnet does not change Windows' Task Scheduler itself; to take out the earlier "
        "schedule there, run this in Command Prompt (cmd.exe):",
        *(f"    {units.schtasks_delete(d)}" for d in found),
    ]
