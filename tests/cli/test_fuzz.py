"""A generated fuzz of the whole command line (issue 11).

Command lines are generated from the CLI itself: every command the reference walks,
each with its own arguments and options (Click's params), in any combination. The
values come from the sample network (names, nicknames, words of them, titles, ids)
and their typos, the example values in each option's help, and a pool of awkward
input: odd dates, huge numbers, empty strings, control characters, long text. Each
example runs one to three command lines on a fresh copy of the sample network and
asserts, for every one of them:

- no exit 1 (a bug) and no exit code the README does not document;
- no traceback (none is printed without --debug, and no exception escapes);
- a refused command (any non-zero exit) leaves the database exactly as it was.

Every command runs with a temporary current folder and HOME: what a command line
writes by default (``supportnet-export.json``, a file called ``~``) never lands in
the repository or a real home.

It is derandomized (the same examples on every run): 300 examples, about 700 command
lines, some 15 seconds of one core, as four tests of 75 examples with a fixed seed
each (``PARTS``: pytest-xdist runs them on both cores). For a longer hunt, by hand::

    SUPPORTNET_FUZZ_EXAMPLES=5000 SUPPORTNET_FUZZ_SEED=1 pytest -q tests/cli/test_fuzz.py

(any seed; without one the run stays derandomized).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import re
import shlex
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from supportnet import render
from supportnet.cli import app, load_all
from supportnet.cli.reference import walk
from supportnet.errors import EXIT_CODES
from tests.clitree import one_command_tree
from tests.conftest import TODAY

EXAMPLES = int(os.environ.get("SUPPORTNET_FUZZ_EXAMPLES", "300"))
SEED = os.environ.get("SUPPORTNET_FUZZ_SEED")

# --- the command lines the CLI accepts ----------------------------------------------

#: Options of the root command left out: --db would point at another database than
#: the one compared, the others do nothing with the data (or install completion).
_ROOT_SKIPPED = {"db", "version", "install_completion", "show_completion", "help"}


@dataclass(frozen=True)
class Param:
    """One argument or option of a command, as Click knows it."""

    name: str
    opts: tuple[str, ...]  # empty for an argument
    flag: bool
    many: bool  # repeatable option, or an argument taking several values
    required: bool
    type_name: str
    help_values: tuple[str, ...]  # values named in its help text


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    arguments: tuple[Param, ...]
    options: tuple[Param, ...]
    examples: tuple[tuple[str, ...], ...]  # the command lines of its help's examples


def _help_values(text: str | None) -> tuple[str, ...]:
    """The values an option's help names: 'weekly, every 2 weeks, 2w' -> each one."""
    if not text:
        return ()
    text = re.sub(r"\[default: [^\]]*\]", "", text)
    pieces = re.split(r",|;|:|\(|\)|\bor\b|\be\.g\.|\. |'", text)
    found = []
    for piece in pieces:
        piece = piece.strip(" .\n")
        if piece and len(piece) <= 30 and len(piece.split()) <= 4:
            found.append(piece)
    return tuple(dict.fromkeys(found))


def _examples(command: Any, path: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The command lines in the command's help ("supportnet log coffee --with Maya")."""
    found = []
    for line in (command.help or "").splitlines():
        line = line.strip()
        if not line.startswith("supportnet "):
            continue
        try:
            words = tuple(shlex.split(line)[1:])
        except ValueError:
            continue
        if words[: len(path)] == path or (path and words[:1] == path[:1]):
            found.append(words)
    return tuple(found)


def _param(p: Any) -> Param:
    is_argument = p.param_type_name == "argument"
    return Param(
        name=p.name,
        opts=() if is_argument else tuple(p.opts),
        flag=bool(getattr(p, "is_flag", False)),
        many=bool(p.multiple) or p.nargs != 1,
        required=bool(p.required),
        type_name=p.type.name,
        help_values=_help_values(getattr(p, "help", None)),
    )


@contextlib.contextmanager
def _one_command_tree() -> Iterator[Any]:
    """Every command loaded, and Click's tree of them built once (tests/clitree.py)."""
    load_all()
    with one_command_tree(app):
        yield typer.main.get_command(app)


def _commands() -> tuple[tuple[Param, ...], tuple[Command, ...]]:
    with _one_command_tree() as root:
        return _params_of(root)


def _params_of(root: Any) -> tuple[tuple[Param, ...], tuple[Command, ...]]:
    root_options = tuple(
        _param(p) for p in root.params if p.name not in _ROOT_SKIPPED and p.expose_value
    )
    commands = []
    for path, command in walk(root):
        if hasattr(command, "list_commands") or not path:
            continue
        params = [_param(p) for p in command.params if p.name != "help"]
        commands.append(
            Command(
                path=path,
                arguments=tuple(p for p in params if not p.opts),
                options=tuple(p for p in params if p.opts),
                examples=_examples(command, path),
            )
        )
    return root_options, tuple(commands)


ROOT_OPTIONS, COMMANDS = _commands()

# --- the sample network every example starts from -----------------------------------


def _build_template(folder: Path) -> Path:
    """The sample network, with a goal, resources and someone to lean on; and the
    input files the path arguments are drawn from."""
    from supportnet import db
    from supportnet.sample import build_sample

    path = folder / "data" / "supportnet.db"
    conn = db.open_database(path)
    try:
        with db.write_session(conn) as session:
            build_sample(session, TODAY)
    finally:
        conn.close()
    runner = CliRunner()
    env = {"SUPPORTNET_DB": str(path), "SUPPORTNET_TODAY": TODAY.isoformat()}
    files = folder / "files"
    files.mkdir()
    for args in (
        ["goal", "add", "reach out to 2 people a week"],
        ["goal", "add", "go to 1 group meeting a month", "--group", "Riverside Community Chorus"],
        ["resources", "add", "Crisis line", "--kind", "hotline", "--phone", "988"],
        [
            "resources",
            "add",
            "Dr. Weiss (therapist)",
            "--kind",
            "therapist",
            "--phone",
            "+1 555 0199",
        ],
        ["lean-on", "Maya", "--ask-for-help"],
        ["export", "--format", "json", "-o", str(files / "everything.json")],
        ["export", "--format", "vcf", "-o", str(files / "contacts.vcf")],
        ["backup", str(files / "backup.db")],
    ):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, (args, result.output)
    (files / "odd.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed\x1b[2J <b>Quinn</b>\r\nBDAY:2026-02-30\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    (files / "garbage.db").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    (files / "empty.json").write_text("", encoding="utf-8")
    (files / "not.json").write_text('{"format": "supportnet", "version": 999}', encoding="utf-8")
    return path


def _words_of_the_network(path: Path) -> list[str]:
    """Names, nicknames, words of them, titles and tags of the sample network."""
    conn = sqlite3.connect(path)
    try:
        found: list[str] = []
        for query in (
            "SELECT name FROM person",
            "SELECT nickname FROM person_nickname",
            "SELECT tag FROM person_tag",
            "SELECT title FROM plan",
            "SELECT name FROM community",
            "SELECT title FROM goal",
            "SELECT name FROM resource",
            "SELECT what FROM favor",
            "SELECT what FROM life_event",
        ):
            found += [row[0] for row in conn.execute(query) if row[0]]
    finally:
        conn.close()
    words = [word for name in found for word in name.split()]
    return list(dict.fromkeys(found + words))


@functools.cache
def _template() -> Path:
    """The folder of the template (built once, on the first example; removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="supportnet-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _build_template(folder)
    return folder


def _network() -> list[str]:
    return _words_of_the_network(_template() / "data" / "supportnet.db")


def _files() -> list[str]:
    return sorted(p.name for p in (_template() / "files").iterdir())


# --- values ------------------------------------------------------------------------

HUGE = "9" * 5000
IDS = ["#1", "#2", "#12", "1", "#0", "#-1", "#999", "#99999999999999999999", "# 3", "#"]
DATES = [
    "today", "yesterday", "tomorrow", "now", "last friday", "next monday", "sunday",
    "3 days ago", "in 2 weeks", "2026-03-14", "14 March", "March 14", "Feb 29", "29/2", "3/4",
    "2026-13-01", "2026-02-30", "2025-02-29", "32 march", "march 32", "14.3.", "--0314",
    "0000-01-01", "0001-01-01", "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01",
    "9999-12-31", "10000-01-01", "-1 days ago", "0 days ago", "99999 days ago",
    "in 5000 years", "5000 years ago", "1e5 days ago", "² days ago", "٣ days ago",
    f"{HUGE} days ago", f"in {HUGE} weeks", "2026-06-10T25:00", "june 2026", "2026",
]  # fmt: skip
SPANS = [
    "weekly", "every 2 weeks", "2w", "10d", "monthly", "every 3 months", "daily", "0d",
    "every 0 days", "every other tuesday", "monthly on the first sunday", "every weekday",
    "every weekday at 8", "every wed 19:00", "every month on the 15th", "every 999 years",
    "every 1000 days", "every 9999999999 weeks", "every ² weeks", f"{HUGE} days",
    f"every {HUGE} weeks", "once", "every 36501 days", "100 years", "101 years",
    "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=99999999999999999999",
    "FREQ=DAILY;COUNT=99999999999999999999", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;INTERVAL=0",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;BYDAY=XX", "FREQ=MONTHLY;BYSETPOS=400",
    "FREQ=HOURLY", "RRULE:FREQ=WEEKLY;UNTIL=99991231", "FREQ=WEEKLY;UNTIL=20200101",
    "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "FREQ=WEEKLY;BYDAY=1MO", "FREQ=YEARLY;BYWEEKNO=60",
    "FREQ=DAILY;WKST=XX", "FREQ=WEEKLY;INTERVAL=-1", f"FREQ=DAILY;COUNT={HUGE}",
]  # fmt: skip
NUMBERS = [
    "0", "-1", "1", "2", "3", "45", "999", "1000", "1001", "2147483647", "2147483648",
    "9223372036854775807", "9223372036854775808", "9" * 30, HUGE, "1.5", "1e3", "½", "²",
    "٣", "0x10", " 7 ", "-0", "+5",
]  # fmt: skip
ODD = [
    "", " ", "\t\n", "\x1b[2J", "\x1b]0;owned\x07", "\x00", "Maya\x00López", "\u202eevil",
    "\udcff", "🙂", "a" * 10000, "word " * 2000, "line one\nline two", "'; DROP TABLE person;--",
    "%s%n", "{0}", "[bold]x[/bold]", "[/]", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "-", "--", "#", "NULL", "\\", "../../etc/passwd",
    "ｍａｙａ", "MAYA", "maya lópez", "İ", "ß", "Ǆ", "‮", "\u200b", "*", "?", "~",
]  # fmt: skip
KIND_WORDS = [
    "coffee", "coffe", "dinner", "dinnr", "meal", "call", "video", "text", "walk", "visit",
    "group meeting", "other", "game night", "inner", "close", "friend", "acquaintance",
    "prospect", "professional", "json", "vcf", "vcard", "csv", "markdown", "html", "week", "month",
    "reach out", "in person", "community", "new people", "favors", "log days", "therapist",
    "hotline", "peer line", "illness", "move", "job change", "given", "received", "check-in",
    "celebrate", "thank", "name", "last-contact", "circle", "added", "people", "everything",
]  # fmt: skip


def _typo(word: str, where: int, how: int, char: str) -> str:
    """One edit of ``word``: a letter left out, doubled, changed or two swapped."""
    if not word:
        return char
    i = where % len(word)
    if how == 0:
        return word[:i] + word[i + 1 :]
    if how == 1:
        return word[:i] + word[i] + word[i:]
    if how == 2:
        return word[:i] + char + word[i + 1 :]
    j = min(i + 1, len(word) - 1)
    return word[:i] + word[j] + word[i] + word[j + 1 :] if j > i else word


network = st.deferred(lambda: st.sampled_from(_network()))
typos = st.builds(
    _typo, st.one_of(network, st.sampled_from(KIND_WORDS)), st.integers(0, 40), st.integers(0, 3),
    st.sampled_from("aeiosxz"),
)  # fmt: skip
anything = st.one_of(
    network, typos, st.sampled_from(IDS), st.sampled_from(DATES), st.sampled_from(SPANS),
    st.sampled_from(NUMBERS), st.sampled_from(ODD), st.sampled_from(KIND_WORDS),
    st.text(max_size=12),
)  # fmt: skip

_PREFERRED = {
    "dates": (r"^(on|since|until|starting|birthday|today)$", st.sampled_from(DATES)),
    "spans": (r"^(cadence|every|for_|meets|rrule|per)$", st.sampled_from(SPANS)),
    "who": (
        r"person|people|name|with|for_people|from_people|members|plan|group|goal|resource",
        st.one_of(network, typos, st.sampled_from(IDS)),
    ),
    "ids": (r"_id$", st.sampled_from(IDS)),
    "kinds": (r"^(kind|circle|sort|fmt|format|what|include|tag|untags)$",
              st.one_of(st.sampled_from(KIND_WORDS), typos)),
}  # fmt: skip


@functools.cache
def _values_for(param: Param, out: Path) -> st.SearchStrategy[str]:
    """What to give ``param``: mostly what suits it, sometimes anything at all (made
    once per param: Hypothesis checks each new strategy on its first draw)."""
    if param.type_name == "path":
        inputs = st.deferred(lambda: st.sampled_from([str(_template() / "files" / n)
                                                       for n in _files()]))  # fmt: skip
        outputs = st.sampled_from(
            [str(out / "out" / name) for name in ("new.ics", "new.md", "taken.json", "folder")]
            + [str(out / "missing" / "x"), "", "-"]
        )  # fmt: skip
        return st.one_of(inputs, outputs)
    if param.type_name.startswith("int"):
        return st.one_of(st.sampled_from(NUMBERS), st.integers(-3, 400).map(str))
    suited = [
        strategy for pattern, strategy in _PREFERRED.values() if re.search(pattern, param.name)
    ]
    if param.help_values:
        suited.append(st.sampled_from(param.help_values))
    if not suited:
        return anything
    return st.one_of(*suited, *suited, anything)


@functools.cache
def _options_of(command: Command) -> st.SearchStrategy[list[Param]]:
    return st.lists(st.sampled_from(command.options), max_size=5, unique=True)


@st.composite
def command_line(draw: Any, out: Path) -> list[str]:
    """One command line, from a command's params (or one of its help's examples,
    with a value changed)."""
    command = draw(st.sampled_from(COMMANDS))
    args: list[str] = []
    for option in draw(st.lists(st.sampled_from(ROOT_OPTIONS), max_size=1, unique=True)):
        args += [option.opts[0]] if option.flag else [option.opts[0], draw(st.sampled_from(DATES))]
    if command.examples and draw(st.integers(0, 3)) == 0:
        words = list(draw(st.sampled_from(command.examples)))
        if len(words) > len(command.path) and draw(st.booleans()):
            at = draw(st.integers(len(command.path), len(words) - 1))
            words[at] = draw(anything)
        return args + words
    args += list(command.path)
    for argument in command.arguments:
        if argument.required or draw(st.booleans()):
            count = draw(st.integers(1, 3)) if argument.many else 1
            args += [draw(_values_for(argument, out)) for _ in range(count)]
    for option in draw(_options_of(command)) if command.options else []:
        if option.flag:
            args.append(draw(st.sampled_from(option.opts)))
            continue
        for _ in range(draw(st.integers(1, 2)) if option.many else 1):
            args += [draw(st.sampled_from(option.opts)), draw(_values_for(option, out))]
    return args


# --- the properties ----------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    """A folder for the examples (on a RAM disk when there is one: the database
    syncs every write to disk), with Click's command tree built once."""
    ram = Path("/dev/shm")
    on_ram = ram.is_dir() and os.access(ram, os.W_OK)
    folder = Path(tempfile.mkdtemp(prefix="supportnet-fuzz-run-", dir=ram if on_ram else None))
    (folder / "home").mkdir()
    (folder / "cwd").mkdir()
    with _one_command_tree(), pytest.MonkeyPatch.context() as patch:
        # Output a command line names by default ("supportnet-export.json", "~"...)
        # lands here, never in the repository or the real home.
        patch.chdir(folder / "cwd")
        patch.setenv("HOME", str(folder / "home"))
        patch.delenv("XDG_CONFIG_HOME", raising=False)
        patch.delenv("XDG_DATA_HOME", raising=False)
        # --no-pager sets this for the rest of the process (one command, in a real
        # run); the tests that run after these in the same worker get it back.
        patch.setattr(render, "pager_wanted", True)
        yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _fresh(out: Path) -> Path:
    """A fresh copy of the sample network in ``out``, and a place for output files."""
    shutil.rmtree(out, ignore_errors=True)
    for folder in (out.parent / "cwd", out.parent / "home"):
        for leftover in folder.iterdir():
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    (out / "data").mkdir(parents=True, mode=0o700)
    (out / "out" / "folder").mkdir(parents=True)
    (out / "out" / "taken.json").write_text("{}", encoding="utf-8")
    db_path = out / "data" / "supportnet.db"
    shutil.copy2(_template() / "data" / "supportnet.db", db_path)
    return db_path


Snapshot = tuple[tuple[str, list[tuple[Any, ...]]], ...]


def _snapshot(path: Path) -> Snapshot:
    """The schema and every row of the database (``conftest.dump`` compares the same,
    as SQL text; reading the rows as they are is several times faster)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
        rows = [(f"{name}: {sql}", conn.execute(f'SELECT * FROM "{name}"').fetchall())
                if sql.startswith("CREATE TABLE") else (sql, [])
                for name, sql in tables]  # fmt: skip
        return tuple(rows)
    finally:
        conn.close()


def _check(args: list[str], answer: str, db_path: Path, before: Snapshot) -> Snapshot | None:
    """Run one command line on the database (as ``before``); the database after it,
    or None when the command changed it (taken only if another command follows)."""
    env = {"SUPPORTNET_DB": str(db_path), "SUPPORTNET_TODAY": TODAY.isoformat(), "COLUMNS": "100"}
    result = CliRunner().invoke(app, args, input=answer, env=env)
    shown = f"{args!r}\nexit {result.exit_code}\nstdout: {result.stdout[-2000:]}\n" \
            f"stderr: {result.stderr[-2000:]}"  # fmt: skip
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"an exception escaped: {result.exception!r}\n{shown}") \
            from result.exception  # fmt: skip
    assert result.exit_code != 1, shown
    assert result.exit_code in EXIT_CODES, shown
    if "--debug" not in args:
        assert "Traceback" not in result.output, shown
    if result.exit_code == 0:
        return None
    after = _snapshot(db_path)
    if _delivers(args) and result.exit_code == 14:
        # A digest that could not be delivered is recorded as such (`remind status`
        # shows why): that record is the one change a failed `remind run` makes.
        after, before = _without_runs(after), _without_runs(before)
    assert after == before, f"a refused command changed the database\n{shown}"
    return None if _delivers(args) else before


def _delivers(args: list[str]) -> bool:
    """Whether the command line is a `remind run`."""
    return any(args[i : i + 2] == ["remind", "run"] for i in range(len(args)))


def _without_runs(snapshot: Snapshot) -> Snapshot:
    """The snapshot without the runs recorded (and their AUTOINCREMENT counter)."""
    kept = []
    for label, rows in snapshot:
        if label.startswith("reminder_run:"):
            continue
        if label.startswith("sqlite_sequence:"):
            rows = [row for row in rows if row[0] != "reminder_run"]
        kept.append((label, rows))
    return tuple(kept)


@functools.cache
def _template_snapshot() -> Snapshot:
    return _snapshot(_template() / "data" / "supportnet.db")


def _fuzz(data: st.DataObject, workspace: Path) -> None:
    out = workspace / "example"
    db_path = _fresh(out)
    state: Snapshot | None = _template_snapshot()
    for _ in range(data.draw(st.integers(1, 3), label="commands")):
        args = data.draw(command_line(out), label="args")
        answer = data.draw(st.sampled_from(["", "y\n", "n\n", "yes\n", "maybe\n"]), label="input")
        state = _check(args, answer, db_path, state if state is not None else _snapshot(db_path))


#: The examples are run as this many tests of a share each, with a seed each (fixed
#: unless SUPPORTNET_FUZZ_SEED is set): pytest-xdist spreads them over the cores, where
#: one test of all of them was the last one running, alone, on a machine with two.
PARTS = 4


def _part(number: int) -> Any:
    """The test of part ``number`` (0 to PARTS - 1): its share of EXAMPLES, its own seed."""

    def test(data: st.DataObject, workspace: Path) -> None:
        _fuzz(data, workspace)

    share = EXAMPLES // PARTS + (number < EXAMPLES % PARTS)
    first = int(SEED) * PARTS if SEED is not None else 0
    test = given(data=st.data())(test)
    test = seed(first + number)(test)
    return settings(
        max_examples=share,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )(test)


test_no_command_line_crashes_or_half_changes_the_database_1 = _part(0)
test_no_command_line_crashes_or_half_changes_the_database_2 = _part(1)
test_no_command_line_crashes_or_half_changes_the_database_3 = _part(2)
test_no_command_line_crashes_or_half_changes_the_database_4 = _part(3)
