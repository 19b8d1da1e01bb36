"""What each scheduler is given, as text, pure: the systemd user units, the crontab
block, the launchd agents and the schtasks commands.

Every one runs the same command line, ``command(digest)``: the absolute path of the
installed supportnet, ``--db`` with the absolute path of the database in use, and
``remind run --digest DIGEST --scheduled``.  The daily and the weekly digest are
two jobs of the same kind, so each scheduler knows on its own which days it runs.
"""

from __future__ import annotations

import plistlib
import re
import shlex
from collections.abc import Sequence

from supportnet.errors import InvalidInput
from supportnet.remind.schedule import DAILY, WEEKDAYS, Schedule, days_words, runs_of

#: A line every file and block begins with, saying where it came from.
WRITTEN_BY = "Written by `supportnet remind install`; `supportnet remind remove` takes it away."
SYSTEMD_NAMES = {DAILY: "supportnet-remind", "weekly": "supportnet-remind-weekly"}
LAUNCHD_LABELS = {DAILY: "org.supportnet.remind.daily", "weekly": "org.supportnet.remind.weekly"}
SCHTASKS_NAMES = {DAILY: "supportnet\\remind daily", "weekly": "supportnet\\remind weekly"}
CRON_BEGIN = "# BEGIN supportnet reminders (`supportnet remind remove` takes this block out)"
CRON_END = "# END supportnet reminders"
_WHAT = {DAILY: "the morning digest", "weekly": "the weekly digest"}


def run_command(program: Sequence[str], database: str, digest: str) -> list[str]:
    """The command line a scheduler runs: ``program`` (the installed supportnet, or
    Python and ``-m supportnet``) on ``database``."""
    for word in [*program, database]:
        if re.search(r"[\x00-\x1f\x7f]", word):
            raise InvalidInput(
                "The path of supportnet or of the database holds a control character (a "
                "line break, say), which no scheduler's file can hold; use --db with "
                "another file."
            )
    return [*program, "--db", database, "remind", "run", "--digest", digest, "--scheduled"]


def _when(schedule: Schedule, digest: str) -> str:
    days = schedule.days_of(digest)
    return f"{_WHAT[digest]} at {schedule.at}, {days_words(days)}"


# --- systemd ------------------------------------------------------------------------


def _systemd_word(word: str) -> str:
    """One word of ExecStart= (systemd.service(5), "Command lines"): specifiers (%)
    and variables ($) doubled, quoted when it holds a space, a quote or a backslash."""
    word = word.replace("%", "%%").replace("$", "$$")
    if word and not re.search(r"[\s\"'\\;]", word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def on_calendar(schedule: Schedule, digest: str) -> str:
    """OnCalendar= for the digest's days: 'Mon..Fri *-*-* 09:00:00'."""
    days = schedule.days_of(digest)
    time = f"*-*-* {schedule.at}:00"
    if days == WEEKDAYS:
        return time
    names = [d.capitalize() for d in WEEKDAYS]
    spans = [names[a] if a == b else f"{names[a]}..{names[b]}" for a, b in runs_of(days)]
    return f"{','.join(spans)} {time}"


def systemd_service(command: Sequence[str], digest: str) -> str:
    return (
        f"# {WRITTEN_BY}\n"
        "[Unit]\n"
        f"Description=supportnet: {_WHAT[digest]} (supportnet remind run)\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(_systemd_word(w) for w in command)}\n"
    )


def systemd_timer(schedule: Schedule, digest: str) -> str:
    """The timer: ``Persistent=true`` runs a time missed while the computer slept or
    was off as soon as it is back."""
    return (
        f"# {WRITTEN_BY}\n"
        "[Unit]\n"
        f"Description=supportnet: {_when(schedule, digest)}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(schedule, digest)}\n"
        "Persistent=true\n"
        f"Unit={SYSTEMD_NAMES[digest]}.service\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def systemd_units(schedule: Schedule, commands: dict[str, list[str]]) -> dict[str, str]:
    """File name -> text, for each digest of the schedule (``commands`` by digest)."""
    files = {}
    for digest in schedule.digests:
        name = SYSTEMD_NAMES[digest]
        files[f"{name}.service"] = systemd_service(commands[digest], digest)
        files[f"{name}.timer"] = systemd_timer(schedule, digest)
    return files


# --- cron ---------------------------------------------------------------------------


def _cron_days(days: tuple[str, ...]) -> str:
    """The day-of-week field: '*', '1-5', '0' (Sunday), '1,3,5', '6,0' (POSIX: 0-6)."""
    if days == WEEKDAYS:
        return "*"
    spans = []
    for a, b in runs_of(days):
        last = min(b, 5)  # Monday .. Saturday are 1 .. 6
        if a <= last:
            spans.append(str(a + 1) if a == last else f"{a + 1}-{last + 1}")
        if b == 6:
            spans.append("0")
    return ",".join(spans)


def cron_line(schedule: Schedule, command: Sequence[str], digest: str) -> str:
    """'0 9 * * 1-5 /path/supportnet --db ... remind run ...' (``%`` escaped: cron
    turns a bare one into a line break)."""
    words = " ".join(shlex.quote(w) for w in command).replace("%", "\\%")
    days = _cron_days(schedule.days_of(digest))
    return f"{schedule.minute} {schedule.hour} * * {days} {words}"


def cron_block(schedule: Schedule, commands: dict[str, list[str]]) -> str:
    lines = [CRON_BEGIN]
    for digest in schedule.digests:
        lines.append(f"# {_when(schedule, digest)}")
        lines.append(cron_line(schedule, commands[digest], digest))
    return "\n".join([*lines, CRON_END]) + "\n"


def crontab_with(current: str, block: str | None) -> str:
    """``current`` crontab text with supportnet's block taken out, and ``block``
    (when given) added at the end; every other line stays exactly as it was.

    A block begun and never ended is not guessed at: ``InvalidInput`` asks for the
    crontab to be mended by hand.
    """
    lines = current.splitlines(keepends=True)
    kept, inside = [], False
    for line in lines:
        text = line.rstrip("\r\n")
        if text == CRON_BEGIN:
            if inside:
                break
            inside = True
        elif text == CRON_END and inside:
            inside = False
        elif not inside:
            kept.append(line)
    if inside:
        raise InvalidInput(
            f"Your crontab has a line {CRON_BEGIN!r} without its end line; supportnet "
            "leaves it alone. Mend it with `crontab -e`, then try again."
        )
    text = "".join(kept)
    if text and not text.endswith("\n"):
        text += "\n"
    if block:
        text += block
    return text


def cron_block_of(current: str) -> list[str]:
    """The lines of supportnet's block in a crontab (without its two marker lines)."""
    lines = current.splitlines()
    if CRON_BEGIN not in lines:
        return []
    start = lines.index(CRON_BEGIN) + 1
    end = lines.index(CRON_END, start) if CRON_END in lines[start:] else len(lines)
    return lines[start:end]


# --- launchd ------------------------------------------------------------------------


def launchd_plist(schedule: Schedule, command: Sequence[str], digest: str) -> str:
    """A LaunchAgent (launchd.plist(5)): StartCalendarInterval runs a time missed
    while the Mac slept as soon as it wakes (several missed, once)."""
    days = schedule.days_of(digest)
    at = {"Hour": schedule.hour, "Minute": schedule.minute}
    if days == WEEKDAYS:
        intervals: dict | list = at
    else:
        intervals = [{**at, "Weekday": (WEEKDAYS.index(d) + 1) % 7} for d in days]
    agent = {
        "Label": LAUNCHD_LABELS[digest],
        "ProgramArguments": list(command),
        "StartCalendarInterval": intervals,
        "ProcessType": "Background",
    }
    return plistlib.dumps(agent, sort_keys=False).decode("utf-8")


def launchd_agents(schedule: Schedule, commands: dict[str, list[str]]) -> dict[str, str]:
    """File name -> text, for each digest of the schedule."""
    return {
        f"{LAUNCHD_LABELS[d]}.plist": launchd_plist(schedule, commands[d], d)
        for d in schedule.digests
    }


# --- Windows: schtasks ----------------------------------------------------------------


def _windows_quoted(word: str) -> str:
    return f'\\"{word}\\"' if re.search(r'[\s"]', word) else word


def schtasks_create(schedule: Schedule, command: Sequence[str], digest: str) -> str:
    """One `schtasks /Create` line for Command Prompt (cmd.exe)."""
    days = schedule.days_of(digest)
    week = ",".join(d.upper() for d in days)
    when = "/SC DAILY" if days == WEEKDAYS else f"/SC WEEKLY /D {week}"
    run = " ".join(_windows_quoted(w) for w in command)
    return (
        f'schtasks /Create /F /TN "{SCHTASKS_NAMES[digest]}" {when} /ST {schedule.at} /TR "{run}"'
    )


def schtasks_delete(digest: str) -> str:
    return f'schtasks /Delete /F /TN "{SCHTASKS_NAMES[digest]}"'


def schtasks_query(digest: str) -> list[str]:
    return ["/Query", "/TN", SCHTASKS_NAMES[digest], "/FO", "LIST", "/V"]
