"""Handing a digest on: to a command of the user's choosing, or to the desktop's own
notifier (notify-send on Linux and the BSDs, osascript on macOS, a PowerShell toast
on Windows).  No new dependency, and no network: supportnet runs a program and
writes to its standard input, nothing more.

The first channel that works delivers: the command (``--run`` or ``[remind]
command``), if there is one, else the notifier.  Why each channel did not work is
said in plain words; neither a command's output nor the digest's text is kept.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from supportnet.errors import InvalidInput
from supportnet.remind.machine import Result, find_tool

#: What a channel is called in sentences ("delivered through notify-send").
CHANNEL_WORDS = {"command": "your command"}
#: How long a command or notifier may take before it is given up on (seconds).
TIMEOUT = 120
#: PowerShell's own application id: Windows shows toasts only for a known one.
_POWERSHELL_APP = "{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe"
_TOAST = (
    "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, "
    "ContentType = WindowsRuntime] > $null; "
    "$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent("
    "[Windows.UI.Notifications.ToastTemplateType]::ToastText02); "
    "$x = $t.GetElementsByTagName('text'); "
    "$x.Item(0).AppendChild($t.CreateTextNode($env:SUPPORTNET_TITLE)) > $null; "
    "$x.Item(1).AppendChild($t.CreateTextNode($env:SUPPORTNET_TEXT)) > $null; "
    "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
    f"'{_POWERSHELL_APP}').Show([Windows.UI.Notifications.ToastNotification]::new($t))"
)


class Message(NamedTuple):
    """What is delivered: a title, the short text for a notification, the whole text
    for a command."""

    title: str
    short: str
    full: str
    digest: str = "daily"


class Delivery(NamedTuple):
    delivered: bool
    channel: str | None = None
    reason: str | None = None  # why not; or, once delivered, why an earlier channel did not


class Program(NamedTuple):
    """One way to deliver: a channel name and the program line, with its stdin and
    the environment variables it needs on top of ours."""

    channel: str
    argv: list[str]
    stdin: str | None = None
    env: dict[str, str] | None = None


Run = Callable[[Program, bool], Result]


def command_words(command: str) -> list[str]:
    """``--run CMD`` split as a POSIX shell would split it (no shell runs it)."""
    try:
        words = shlex.split(command)
    except ValueError as error:
        raise InvalidInput(f"Could not read the command {command!r}: {error}.") from None
    if not words:
        raise InvalidInput("The command to hand the digest to is empty.")
    return words


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _session_bus() -> dict[str, str]:
    """The desktop session's bus, for notify-send started by cron (which does not
    pass it on): the standard socket in the user's runtime folder, when there."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") or not hasattr(os, "getuid"):
        return {}
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    bus = Path(runtime) / "bus"
    return {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={bus}"} if bus.exists() else {}


def notifier(message: Message, platform: str = sys.platform) -> Program:
    """The desktop's own way to show a notification, on ``platform``."""
    if platform == "darwin":
        script = f"display notification {_applescript(message.short)} with title " + (
            _applescript(message.title)
        )
        return Program("osascript", ["osascript", "-e", script])
    if platform.startswith("win"):
        env = {"SUPPORTNET_TITLE": message.title, "SUPPORTNET_TEXT": message.short}
        argv = ["powershell", "-NoProfile", "-NonInteractive", "-Command", _TOAST]
        return Program("powershell", argv, env=env)
    argv = ["notify-send", "--app-name=supportnet", "--", message.title, message.short]
    return Program("notify-send", argv, env=_session_bus())


def run_program(program: Program, quiet: bool) -> Result:
    """Run ``program``, found as the scheduler's tools are (on PATH, or only in
    ``SUPPORTNET_REMIND_TOOLS`` when set; a command given as a path runs as given).
    ``quiet``: its standard output is not shown (the scheduler would log it)."""
    name = program.argv[0]
    path = name if program.channel == "command" and os.sep in name else find_tool(name)
    if path is None or (program.channel == "command" and not os.path.isfile(path)):
        return Result(False, None)
    env = {**os.environ, **(program.env or {})}
    try:
        done = subprocess.run(
            [path, *program.argv[1:]],
            input=program.stdin,
            stdout=subprocess.DEVNULL if quiet or program.channel != "command" else None,
            stderr=None if program.channel == "command" else subprocess.PIPE,
            text=True,
            errors="replace",
            env=env,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return Result(True, None, "", f"it did not finish within {TIMEOUT} seconds")
    except OSError as error:
        return Result(True, None, "", error.strerror or str(error))
    return Result(True, done.returncode, "", done.stderr or "")


def _why(program: Program, result: Result) -> str:
    name = f"the command {program.argv[0]!r}" if program.channel == "command" else program.channel
    if not result.found:
        return f"{name} was not found"
    if result.code is None:
        return f"{name} could not run ({result.err})"
    if program.channel == "command":  # its own messages went to the terminal or the log
        return f"{name} ended with exit code {result.code}"
    return result.reason(name)


def channels(message: Message, command: list[str] | None, platform: str) -> list[Program]:
    """The ways to deliver ``message``, in the order they are tried."""
    found = []
    if command:
        env = {"SUPPORTNET_TITLE": message.title, "SUPPORTNET_DIGEST": message.digest}
        found.append(Program("command", command, message.full + "\n", env))
    return [*found, notifier(message, platform)]


def deliver(message: Message, command: list[str] | None, *, quiet: bool = False,
            platform: str = sys.platform, run: Run = run_program) -> Delivery:  # fmt: skip
    """Deliver through the first channel that works; say why the others did not."""
    reasons = []
    for program in channels(message, command, platform):
        result = run(program, quiet)
        if result.ok:
            return Delivery(True, program.channel, "; ".join(reasons) or None)
        reasons.append(_why(program, result))
    if not command and reasons[-1].endswith("was not found"):
        reasons[-1] += (
            " (install it, e.g. the libnotify-bin package, or give a command: --run CMD or "
            "[remind] command in the config)"
        )
    return Delivery(False, None, "; ".join(reasons))


def would_use(message: Message, command: list[str] | None, platform: str = sys.platform) -> str:
    """The channel a delivery would try first, and whether it is there (a dry run)."""
    first = channels(message, command, platform)[0]
    if first.channel == "command":
        return f"the command {' '.join(shlex.quote(w) for w in first.argv)}"
    there = find_tool(first.argv[0]) is not None
    return first.channel + ("" if there else " (not found here)")
