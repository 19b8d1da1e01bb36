"""The root command, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from supportnet import __version__
from supportnet.cli import state
from supportnet.errors import INTERRUPTED, INTERRUPTED_AFTER, STOPPED, FileProblem, SupportnetError

HELP = """Keep a supportive community: the people in your life, your get-togethers,
the communities you belong to, the support you give and receive, and a kind
nudge about who to reach out to next.

Examples:

  supportnet add "Maya Lopez" --circle close --birthday "March 14"

  supportnet log coffee --with Maya --on yesterday

  supportnet nudge

Your data stays in one local SQLite file (`supportnet where` shows it).
supportnet is not a crisis service: in an emergency, contact your local
emergency number.
"""


#: Every module that registers commands, in the order of `supportnet --help`.
AREAS = [
    "people",
    "gettogethers",
    "plans",
    "groups",
    "calendar",
    "support",
    "nudge",
    "today",
    "remind",
    "progress",
    "checkins",
    "helpnow",
    "netmap",
    "exchange",
    "database",
    "demo",
]


class SupportnetGroup(TyperGroup):
    """The root command.

    It loads only the module of the command being run (the table in
    ``cli/commands.py`` says which), so start-up does not grow with the number of
    commands; and it turns every ``SupportnetError`` into one line on stderr and
    its exit code.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        from supportnet.cli.commands import COMMANDS

        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        import importlib

        from supportnet.cli.commands import COMMANDS

        # A command missing from the table (not regenerated yet) is looked for everywhere.
        modules = [COMMANDS[cmd_name][0]] if cmd_name in COMMANDS else AREAS
        for module in modules:
            importlib.import_module(f"supportnet.cli.{module}")
        # Only this command is built: Typer reads every parameter of a command's
        # function to build it, and a module registers several.
        for info in app.registered_commands:
            name = info.name or typer.main.get_command_name(info.callback.__name__)
            if name == cmd_name:
                return _usage_for_nothing(typer.main.get_command_from_info(
                    info,
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                ))  # fmt: skip
        # a group: `remind install`
        return _usage_for_nothing(typer.main.get_group(app).commands.get(cmd_name))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As Click does, but a mistyped command gets "Did you mean ...?".

        Typer suggests only among the commands already loaded, and this group
        loads one module per run: the table of all commands is used instead.
        """
        from supportnet.cli.commands import COMMANDS

        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS and not ctx.resilient_parsing:
            import difflib

            if name in ("help", "h", "?"):
                ctx.fail(f"No such command {name!r}. For help: supportnet --help, or "
                         "supportnet COMMAND --help.")  # fmt: skip
            near = difflib.get_close_matches(name.lower(), list(COMMANDS), n=2, cutoff=0.6)
            if near:
                ctx.fail(f"No such command {name!r}. Did you mean {', '.join(map(repr, near))}?")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of `supportnet --help`, from the table: no imports."""
        from typer._click.utils import make_default_short_help

        from supportnet.cli.commands import COMMANDS

        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, make_default_short_help(summary, limit))
                for name, (_, summary) in COMMANDS.items()]  # fmt: skip
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta[_ARGS] = list(args)  # for a global option put after the command
        try:  # the root's own options (--db, --today, ...)
            return super().parse_args(ctx, args)
        except typer.TyperException as error:
            _raise_on_one_line(error)

    def invoke(self, ctx: Any) -> Any:
        _tolerant_output()
        if "supportnet.db" in sys.modules:  # (loaded by an earlier command in this process)
            sys.modules["supportnet.db"].landed.clear()
        previous = _stop_cleanly_on_sigterm()
        try:
            if sys.stdout is None:  # started with `>&-`: what it did could not be said
                raise FileProblem(
                    "Standard output is closed, so nothing was done. To keep the output "
                    "out of sight, send it to /dev/null (> /dev/null)."
                )
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
            return result
        except (typer.Exit, typer.Abort):
            raise
        except typer.TyperException as error:
            _raise_on_one_line(error)
        except BrokenPipeError:
            # `supportnet people | head -1`: the reader has what it wanted. No message
            # (stderr may be the same closed pipe) and no more writes to stdout; the
            # exit code is the shell's usual one for it, so `| gzip` failing is noticed.
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(141) from None
        except SupportnetError as error:
            _report(error)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            from supportnet.render import error_line

            db = sys.modules.get("supportnet.db")
            error_line(INTERRUPTED_AFTER if db is not None and db.landed else INTERRUPTED)
            raise typer.Exit(130) from None
        except Terminated:
            from supportnet.render import error_line

            error_line(STOPPED)
            raise typer.Exit(143) from None
        except OSError as error:
            # A file the shared writers and readers did not name (a full disk under
            # a redirected stdout, a name too long for the file system...).
            from supportnet import safe_files

            if not (error.filename or safe_files.is_disk_full(error)):
                _unexpected(error)
            translated = safe_files.problem(error, error.filename, "open")
            _report(translated)
            raise typer.Exit(translated.exit_code) from None
        except Exception as error:
            translated = _translated(error)
            if translated is None:
                _unexpected(error)
            _report(translated)
            raise typer.Exit(translated.exit_code) from None
        finally:
            if previous is not None:
                import signal

                signal.signal(signal.SIGTERM, previous)


def _usage_for_nothing(command: Any) -> Any:
    """A command given no arguments parses them as always: `supportnet why` is one
    line, "Missing argument 'NAME'." (Click's ``no_args_is_help`` printed the whole help
    on stderr instead).  A group given no sub-command (`supportnet plan`, and the root
    alone) still shows its help, as git does."""
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            _usage_for_nothing(sub)
    elif command is not None:
        command.no_args_is_help = False
    return command


def _raise_on_one_line(error: Exception) -> NoReturn:
    """Raise ``_on_one_line(error)``: Click's own mistake to show, or a value not
    understood, said here (exit 5).  (The root's options are parsed before ``invoke``
    and its one exit point, so both places come here.)"""
    said = _on_one_line(error)
    if isinstance(said, SupportnetError):
        _report(said)
        raise typer.Exit(said.exit_code) from None
    raise said from None


def _in_words(message: str) -> str:
    """Click's words for a number it did not take, in ours: "'abc' is not a whole
    number", "0 is not 1 or more" (Click: "not a valid int", "not in the range x>=1")."""
    message = re.sub(r"is not a valid int(?: range)?\.", "is not a whole number.", message)
    number = r"(-?\d+(?:\.\d+)?)"
    bounds = {
        rf"x>={number}": r"\1 or more", rf"x<={number}": r"\1 or less",
        rf"{number}<=x<={number}": r"from \1 to \2",
    }  # fmt: skip
    for pattern, words in bounds.items():
        message = re.sub(rf"is not in the range {pattern}\.", rf"is not {words}.", message)
    return message


def _on_one_line(error: Exception) -> Exception:
    """A mistake on the command line as one line on stderr, its hint included: Click
    prints the usage, the hint, a blank line and the error (a group given alone,
    `supportnet plan`, still shows its help)."""
    from typer._click.exceptions import (
        BadParameter,
        MissingParameter,
        NoArgsIsHelpError,
        UsageError,
    )

    if not isinstance(error, UsageError) or isinstance(error, NoArgsIsHelpError):
        return error
    if isinstance(error, BadParameter) and not isinstance(error, MissingParameter):
        # `--minutes abc`: a value not understood, exit 5 as `--minutes -5` is (README).
        from supportnet.errors import InvalidInput

        error.message = _in_words(error.message)
        return InvalidInput(error.format_message())
    moved = _global_option_moved(error)
    if moved is not None:
        return UsageError(moved)
    param = error.param if isinstance(error, MissingParameter) else None
    if param is not None and param.name and param.param_type_name == "argument":
        error.param_hint = repr(param.name.upper())  # 'NAME', as Click's own usage spells it
    message = error.format_message()
    if message.startswith(_EXTRA) and (quoted := _unquoted_words(error, message)):
        message += f". Put a name or text with spaces in quotes: {quoted}"
    elif message.startswith("No such command") and (meant := _file_for(error, message)):
        message += f" To give it a file: {meant}"
    if error.ctx is not None and error.ctx.command.get_help_option(error.ctx) is not None:
        end = "" if message.endswith(("?", "!", ".")) else "."
        help_ = f"{error.ctx.command_path} {error.ctx.help_option_names[0]}"
        message += f"{end} Try '{help_}' for help."
    return UsageError(message)


#: What Click says of words left over once every argument and option has its value.
_EXTRA = "Got unexpected extra argument"


def _unquoted_words(error: Exception, message: str) -> str | None:
    """`supportnet add Ada Lovelace`: the words typed without quotes, quoted as they
    were meant ('"Ada Lovelace"'): the extra words and the value just before them, when
    that is an argument's or a person option's (`--with Maya Lopez`); otherwise None
    (`--circle close Lovelace`: a word put after an option was not meant as its value)."""
    import shlex

    ctx = getattr(error, "ctx", None)
    args = (ctx.meta.get(_ARGS) if ctx is not None else None) or []
    extra = message.removeprefix(f"{_EXTRA}(s) (").removesuffix(")").split(" ")
    commands = set(ctx.command_path.split()) if ctx is not None else set()
    for at in range(1, len(args) - len(extra) + 1):
        if args[at : at + len(extra)] != extra:
            continue
        before = args[at - 1]
        option = args[at - 2] if at >= 2 and args[at - 2].startswith("-") else None
        if before.startswith("-") or before in commands or not _names_people(ctx, option):
            return None
        words = " ".join([before, *extra])
        quoted = shlex.quote(words) if set(words) & set('"$`\\!') else f'"{words}"'
        group = ctx.parent
        if (
            group is not None
            and group.parent is not None
            and args[at - 2 : at - 1] == [group.info_name]
        ):
            # `plan stop coffee` was read as `plan add stop coffee`: "stop" may be
            # meant as one of the group's own commands.
            from supportnet.text import join_words

            own = join_words(group.command.list_commands(group), "or")
            quoted += f", or use one of {group.command_path}'s commands: {own}"
        return quoted
    return None


def _file_for(error: Exception, message: str) -> str | None:
    """`supportnet calendar week.ics`: a file name where a group's command was expected,
    given to the group's one command that takes a file ("supportnet calendar export
    week.ics"); None otherwise (the root: several do)."""
    import shlex

    ctx = getattr(error, "ctx", None)
    given = re.match(r"No such command '(.+)'\.", message)
    name = given.group(1) if given else ""
    if ctx is None or ctx.parent is None or not re.search(r"\.\w+$|/", name):
        return None
    takes = [sub for sub, command in ctx.command.commands.items()
             if any(p.param_type_name == "argument" and getattr(p.type, "name", "") == "path"
                    for p in command.params)]  # fmt: skip
    return shlex.join([*ctx.command_path.split(), takes[0], name]) if len(takes) == 1 else None


def _names_people(ctx: Any, option: str | None) -> bool:
    """Whether the value after ``option`` (None: an argument) may be words with spaces:
    any argument's may, and an option's that completes to people (``complete_person``)."""
    if option is None:
        return True
    for param in ctx.command.params:
        if option in (*param.opts, *param.secondary_opts):
            return getattr(param, "_custom_shell_complete", None) is not None
    return False


#: Where the root keeps the command line it was given (``ctx.meta``, shared by every
#: context of the run).
_ARGS = "supportnet.args"
#: The root's options, each with whether it takes a value.
_GLOBAL_OPTIONS = {"--today": True, "--db": True, "--debug": False, "--no-pager": False}


def _global_option_moved(error: Exception) -> str | None:
    """`supportnet nudge --today 2026-12-10`: "--today goes before the command:
    supportnet --today 2026-12-10 nudge", or None for any other mistake."""
    import shlex

    from typer._click.exceptions import NoSuchOption

    ctx = getattr(error, "ctx", None)
    if not isinstance(error, NoSuchOption) or ctx is None or ctx.parent is None:
        return None
    name, args = error.option_name, ctx.meta.get(_ARGS) or []
    spelled = [i for i, a in enumerate(args) if a == name or a.startswith(f"{name}=")]
    if name not in _GLOBAL_OPTIONS or not spelled:
        return None
    at = spelled[-1]  # the one after the command (one before it was taken)
    end = at + 2 if _GLOBAL_OPTIONS[name] and args[at] == name else at + 1
    if end > len(args):  # `supportnet nudge --today`: no value to show it with
        return f"{name} goes before the command, with its value."
    line = [ctx.find_root().info_name or "supportnet", *args[at:end], *args[:at], *args[end:]]
    return f"{name} goes before the command: {shlex.join(line)}."


class Terminated(BaseException):
    """SIGTERM arrived (``kill``, a system shutting down)."""


def _stop_cleanly_on_sigterm() -> Any:
    """Let SIGTERM end a command as Ctrl-C does: the half-written temporary file is
    removed and the open transaction rolled back on the way out, instead of the
    process vanishing mid-write.  Returns the previous handler (None: not set)."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise Terminated()

    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        return None


def _translated(error: Exception) -> SupportnetError | None:
    """The user-facing error for a failure from below supportnet, or None for a bug.

    SQLite's own errors (busy, read-only, damaged, a constraint) arrive bare from
    sqlite3 or wrapped by SQLAlchemy (``error.orig``); pydantic's ValidationError
    is a value that could not be understood.  Neither module is imported here.
    """
    import sqlite3

    from supportnet.errors import from_validation_error

    wrapped = type(error).__module__.startswith("sqlalchemy")
    cause = getattr(error, "orig", None) if wrapped else error
    if isinstance(cause, sqlite3.Error):
        from supportnet.db import translate_sqlite_error

        try:
            return translate_sqlite_error(cause, state.db_path())
        except sqlite3.Error:
            return None
    if type(error).__name__ == "ValidationError" and hasattr(error, "errors"):
        return from_validation_error(error)
    if isinstance(error, ValueError) and str(error) == "embedded null byte":
        # A path holding NUL (from a config file, or a caller of the Python API: a
        # command line cannot hold one): the OS refuses it before any file is touched.
        from supportnet.errors import FileProblem

        return FileProblem("A file name cannot hold the character NUL (\\0).")
    return None


def _tolerant_output() -> None:
    """On a terminal or pipe that is not UTF-8 (a Windows code page, LANG=latin-1), show
    a name's emoji as '?' rather than fail with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _report(error: SupportnetError) -> None:
    from supportnet.render import error_line

    if state.current.debug:
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__)
    error_line(error.message)


def _unexpected(error: BaseException) -> None:
    """A bug: no traceback (it could hold personal data) unless --debug."""
    import traceback

    from supportnet.render import error_line

    if state.current.debug:
        traceback.print_exception(type(error), error, error.__traceback__)
    error_line(
        f"Something went wrong inside supportnet ({type(error).__name__}); your data was not "
        "changed by the failed step. Run again with --debug to see the details."
    )
    raise typer.Exit(1) from None


app = typer.Typer(
    name="supportnet",
    help=HELP,
    cls=SupportnetGroup,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"supportnet {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    db: Path | None = typer.Option(
        None,
        "--db",
        help="Use this database file instead of the usual one (also: SUPPORTNET_DB).",
        show_default=False,
        readable=False,  # an unreadable file is the database's check (one line, exit 7)
    ),
    today: str | None = typer.Option(
        None,
        "--today",
        metavar="DATE",
        help="Act as if today were DATE (2026-03-14, 14 March, next monday), to see what "
        "supportnet would say (also: SUPPORTNET_TODAY).",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the full traceback when something fails."
    ),
    no_pager: bool = typer.Option(
        False,
        "--no-pager",
        help="Print long tables and screens (people, history, show, map, nudge, review) "
        "straight to the terminal instead of through the pager (PAGER, else less; PAGER "
        "empty or cat: none; never used when the output is piped).",
    ),
    version: bool = typer.Option(
        False,
        "--version",
        help="Show the version and exit.",
        callback=_show_version,
        is_eager=True,
    ),
) -> None:
    state.current = state.Invocation(db_option=db, today_option=today, debug=debug)
    if no_pager:
        from supportnet import render

        render.pager_wanted = False
