"""The one error hierarchy. Every user-facing failure is a SupportnetError.

Each class carries the exit code the CLI returns for it; the codes are documented
in the README ("Exit codes") and stay stable.  The CLI turns these into one line on
stderr in exactly one place (``supportnet.cli.SupportnetGroup.invoke``).
"""

from __future__ import annotations

#: What Ctrl-C (exit 130) and SIGTERM (exit 143) are answered with.
INTERRUPTED = "Interrupted; anything half-done was not saved."
#: ... and when the change had been saved just before (Ctrl-C waits for a commit).
INTERRUPTED_AFTER = "Interrupted just after the change was saved; it is kept."
STOPPED = "Stopped; anything half-done was not saved."


class SupportnetError(Exception):
    """A problem the user can act on. ``str(error)`` is the one-line message."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(SupportnetError):
    """An unknown person, plan, group, entry or other record."""

    exit_code = 3


class Ambiguous(SupportnetError):
    """A reference that matches more than one record."""

    exit_code = 4


class InvalidInput(SupportnetError):
    """A value that cannot be understood: a date, cadence, kind, number..."""

    exit_code = 5


class UsageProblem(InvalidInput):
    """The command line itself is wrong: options that exclude each other or go
    together, a required option left out, a command given nothing to do.  (An
    InvalidInput, so that ``except InvalidInput`` still catches it; exit 2, as Click
    gives an unknown option or a missing argument.)"""

    exit_code = 2


class Conflict(SupportnetError):
    """The request clashes with what is recorded (a duplicate, a future log...)."""

    exit_code = 6


class FileProblem(SupportnetError):
    """A missing, unreadable or wrongly formatted input or output file."""

    exit_code = 7


class DiskFull(FileProblem):
    """The disk (or the quota) is full, or would not take the write; nothing was changed."""


class NotSupportnetDatabase(SupportnetError):
    """The database path holds something that is not a supportnet database."""

    exit_code = 8


class DatabaseDamaged(SupportnetError):
    """SQLite reports the database file as corrupt."""

    exit_code = 9


class DatabaseReadOnly(SupportnetError):
    """The database file or its folder cannot be written."""

    exit_code = 10


class DatabaseTooNew(SupportnetError):
    """The database was upgraded by a newer supportnet than this one."""

    exit_code = 11


class DatabaseBusy(SupportnetError):
    """Another supportnet command held the database for too long."""

    exit_code = 12


class Cancelled(SupportnetError):
    """The user answered no to a confirmation, or the questions ended before they were
    answered (input closed: `check-in </dev/null`); nothing was changed."""

    exit_code = 13


class NotDelivered(SupportnetError):
    """The system's scheduler or notifier did not do its part (docs/reminders.md): a
    reminder could not be shown, or the timer could not be started."""

    exit_code = 14


def from_validation_error(error: Exception) -> InvalidInput:
    """One plain line for a pydantic ``ValidationError``: which field, what was wrong.

    (Duck-typed, so that this module never imports pydantic.)
    """
    first = error.errors()[0]  # type: ignore[attr-defined]
    field = ".".join(str(part) for part in first.get("loc", ())) or "value"
    message = str(first.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ")
    return InvalidInput(f"The {field.replace('_', ' ')} is not valid: {message[:1].lower()}"
                        f"{message[1:]}.")  # fmt: skip


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "an unexpected problem (a bug: run again with --debug and report it)",
    UsageProblem.exit_code: "the command line itself is wrong (unknown option, missing argument, "
    "options that exclude each other)",
    NotFound.exit_code: "no person or record matches the name or id given",
    Ambiguous.exit_code: "the name matches several people or records; the candidates are listed",
    InvalidInput.exit_code: "a value could not be understood (date, cadence, kind, number)",
    Conflict.exit_code: "the change clashes with what is recorded (duplicate, future date), "
    "or the output file already exists",
    FileProblem.exit_code: "a file is missing, unreadable, not in the expected format, "
    "or cannot be written (a full disk, say)",
    NotSupportnetDatabase.exit_code: "the database path holds a file that is not a supportnet "
    "database",
    DatabaseDamaged.exit_code: "the database file is damaged",
    DatabaseReadOnly.exit_code: "the database file or its folder is read-only",
    DatabaseTooNew.exit_code: "the database was written by a newer supportnet",
    DatabaseBusy.exit_code: "another command or program kept the database busy",
    Cancelled.exit_code: "you answered no to a question, or the questions ended unanswered "
    "(input closed); nothing was changed",
    NotDelivered.exit_code: "a reminder could not be shown, or the system's scheduler did not "
    "take it (`supportnet remind status` says why)",
    130: "interrupted (Ctrl-C); nothing half-done was saved",
    143: "stopped (SIGTERM, `kill`); nothing half-done was saved",
    141: "the output was closed before it was all written (piped to head, say); what the "
    "command did is done (a change is kept), only its output was cut short",
}
