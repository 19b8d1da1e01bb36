"""Options and small interactions shared by several commands."""

from __future__ import annotations

import sqlite3
from typing import Any, ClassVar

import typer
from typer.core import TyperGroup

from supportnet.errors import Cancelled

NEW_KIND_HELP = "Accept a --kind that is not on the list yet; later entries can use it too."
PERSON_HELP = "Who: a name, part of it, a nickname, or #id."
GETTOGETHER_KIND_HELP = (
    "coffee, meal, call, video, text, walk, visit, group meeting or other, or a kind you "
    "added before. Default: from WHAT (dinner -> meal), else other."
)


class DefaultCommandGroup(TyperGroup):
    """A group whose first sub-command runs when no sub-command is named.

    ``supportnet log coffee --with Maya`` runs ``log add``, while ``supportnet log
    edit 12`` runs ``log edit`` (``supportnet log add edit`` logs an "edit").
    """

    #: Whether a first word close to a sub-command's name is taken as a typo of it.
    check_typos = True
    #: Words tried as a sub-command that live elsewhere (`plan skip walk`: `skip` is a
    #: command of its own), each with the one line that says where; ``{rest}`` is the
    #: rest of the command line, ``{first}`` its first argument (PLAN when none).
    elsewhere: ClassVar[dict[str, str]] = {}

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            default = next(iter(self.commands))
            if args[0] in self.elsewhere and not ctx.resilient_parsing:
                _refuse_elsewhere(self.elsewhere[args[0]], args[1:])
            if self.check_typos:
                _refuse_typo(ctx, args[0], list(self.commands), default)
            args = [default, *args]
        return super().parse_args(ctx, args)


class PersonFirstGroup(DefaultCommandGroup):
    """A DefaultCommandGroup whose default command starts with a person's name:
    `supportnet event edith ...` is Edith when she is in the network, else a typo of
    `edit` (`event eddit 3` said "No one called 'eddit'")."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and _near_command(args[0], list(self.commands)) and _names_someone(args[0]):
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)


def _names_someone(word: str) -> bool:
    """Whether ``word`` names a person of the network (or several)."""
    from supportnet.cli import state
    from supportnet.errors import Ambiguous, NotFound

    if not state.db_path().exists():
        return False
    from supportnet.store.people import resolve_person

    with state.database() as conn:
        try:
            resolve_person(conn, word)
        except NotFound:
            return False
        except Ambiguous:
            return True
    return True


def _near_command(word: str, commands: list[str]) -> str | None:
    """The sub-command ``word`` is a typo of, or None.  Only a single lower-case word
    is judged: "Edith" or "rescue dog walk" are what the user means.  Near: as
    difflib sees it (``plan pase``), or one letter added, left out, changed or two
    swapped (``log udno``)."""
    if word.startswith("-") or len(word) < 2 or word != word.lower() or " " in word:
        return None
    if word in commands:
        return None
    import difflib

    near = difflib.get_close_matches(word, commands, n=1, cutoff=0.8)
    if near:
        return near[0]
    # (under four letters, too short to be told from a typo: "aid" is not "add")
    return next((c for c in commands if len(word) >= 4 and _one_typo(word, c)), None)


def _one_typo(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter added, left out or changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        swapped = a[start + 1 : start + 2] + a[start : start + 1] + a[start + 2 :]
        return a[start + 1 :] == b[start + 1 :] or swapped == b[start:]
    shorter, longer = sorted((a, b), key=len)
    return shorter[start:] == longer[start + 1 :]


def _refuse_elsewhere(message: str, rest: list[str]) -> None:
    """One line (exit 2, no usage block): the command meant is named in full."""
    import shlex

    from typer._click.exceptions import UsageError

    first = rest[0] if rest and not rest[0].startswith("-") else "PLAN"
    raise UsageError(message.format(rest=shlex.join(rest) or "PLAN", first=shlex.quote(first)))


def _refuse_typo(ctx: Any, word: str, commands: list[str], default: str) -> None:
    """`supportnet plan pase coffee` is a typo of `pause`, not a plan called "pase";
    `log udno` of `undo`.  The way to mean the word itself is named when the default
    sub-command takes words (`check-in take` does not)."""
    near = _near_command(word, commands)
    if near is None or ctx.resilient_parsing:
        return
    message = f"No such command {word!r}. Did you mean {near!r}?"
    default_command = ctx.command.commands[default]
    if any(p.param_type_name == "argument" for p in default_command.params):
        message += f" If you meant {word!r} itself, write: {ctx.command_path} {default} {word} ..."
    ctx.fail(message)


def json_option() -> Any:
    return typer.Option(False, "--json", help="Print JSON (fields listed in docs/json.md).")


def yes_option() -> Any:
    return typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")


class _Interrupted(BaseException):
    """Ctrl-C at a question (Click would take it for a "no")."""


def snooze_for_option() -> Any:
    return typer.Option(
        None, "--for", help="For how long: 3d, 2w, a month, every 2 weeks. Default: a week."
    )


def snooze_until_option() -> Any:
    return typer.Option(
        None, "--until", help="Until a day: 2026-07-01, next friday, 1 July (back that day)."
    )


def snooze_end(for_: str | None, until: str | None, today: Any) -> Any:
    """The day a snooze ends, from ``--for`` or ``--until`` (a week when neither is given)."""
    from supportnet.dates import after_span, parse_date
    from supportnet.errors import UsageProblem

    if for_ is not None and until is not None:
        raise UsageProblem("Give --for or --until, not both.")
    if until is not None:
        return parse_date(until, today, prefer="future")
    return after_span(for_ or "1 week", today)


def confirm(question: str, assume_yes: bool) -> None:
    """Ask a yes/no question; a no (or no way to ask) changes nothing (exit 13).

    Ctrl-C at the question is an interruption like any other (exit 130), on a line
    of its own.
    """
    if assume_yes:
        return
    import signal

    def interrupted(signum: int, frame: Any) -> None:
        raise _Interrupted()

    try:  # while asking, Ctrl-C is not Click's "no", wherever it lands
        previous = signal.signal(signal.SIGINT, interrupted)
    except ValueError:  # not the main thread: nothing to change
        previous = None
    try:
        agreed = typer.confirm(question, default=False)
    except typer.Abort:
        agreed = False
    except _Interrupted:
        typer.echo("")  # end the question's line
        raise KeyboardInterrupt from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if not agreed:
        raise Cancelled("Nothing was changed.")


def complete_person(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for a person's name: reads names straight from SQLite."""
    return _complete_names(ctx, incomplete, archived=False)


def complete_archived_person(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for an archived person's name (`restore`)."""
    return _complete_names(ctx, incomplete, archived=True)


def _complete_names(ctx: typer.Context, incomplete: str, *, archived: bool) -> list[str]:
    from supportnet.paths import database_path
    from supportnet.text import fold

    root = ctx.find_root()
    path = database_path(root.params.get("db") if root and root.params else None)
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = [row[0] for row in conn.execute(
                f"SELECT name FROM person WHERE archived_on IS {'NOT ' if archived else ''}NULL"
                " ORDER BY name")]  # fmt: skip
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    key = fold(incomplete)
    return [name for name in names if fold(name).startswith(key)]


def person_argument() -> Any:
    """The PERSON argument of a command: a name, part of it, a nickname or #id."""
    return typer.Argument(..., help=PERSON_HELP, autocompletion=complete_person)
