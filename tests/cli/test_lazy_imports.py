"""Which commands load SQLModel: every write does, no read does (docs/architecture.md).

The commands come from the CLI itself (``cli.reference.walk``); each one must be
listed below as a read or a write, so a new command cannot be forgotten.  `--help`
(of the root, every group and every command) and the reads run in one fresh process
in which, after each, no ``sqlalchemy``, ``sqlmodel`` or ``pydantic`` module is
loaded; shell completion too.  Each write must open ``db.write_session`` (which
imports SQLModel), so SQLModel cannot quietly become a token.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from supportnet import db
from supportnet.sample import build_sample
from tests import remind_tools
from tests.conftest import TODAY

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")
ROOT = Path(__file__).resolve().parents[2]  # for tests.clitree in a fresh process

#: Read commands, with arguments that work on the sample network; a command may be
#: listed more than once (its --json, say).
READS: list[tuple[str, list[str]]] = [
    ("people", []), ("people", ["--json"]), ("show", ["Maya"]), ("history", []),
    ("plans", []), ("plans", ["--all"]), ("groups", []), ("groups", ["--json"]),
    ("upcoming", []), ("upcoming", ["--days", "30"]), ("calendar export", ["-"]),
    ("favors", []), ("events", []), ("nudge", []), ("why", ["Sam"]), ("snoozed", []),
    ("today", []), ("today", ["--json"]), ("today", ["--week", "--private"]),
    ("remind status", []), ("remind status", ["--json"]),
    ("goals", []), ("goals", ["--all", "--json"]), ("review", []), ("review", ["--week"]),
    ("review", ["--json"]), ("review", ["--since", "2025"]), ("review", ["--since", "march"]),
    ("history", ["--since", "a couple of days ago"]), ("favors", ["--since", "this month"]),
    ("report", []), ("report", ["--initials"]), ("help-now", []),
    ("help-now", ["--json"]), ("resources", []), ("resources", ["--json"]),
    ("check-in list", []), ("check-in list", ["--json"]), ("check-in measures", []),
    ("check-in show-measure", ["connection"]),
    ("map", []), ("map", ["--json", "--initials"]),
    ("export", ["--format", "json"]), ("where", []), ("config", []),
    ("backup", ["{tmp}/copy.db"]), ("restore-backup", ["{tmp}/copy.db", "--yes"]),
]  # fmt: skip

#: Write commands, in an order in which each works on the sample network.
WRITES: list[tuple[str, list[str]]] = [
    ("add", ["Rosa Diaz", "--circle", "friend"]),
    ("edit", ["Rosa", "--tag", "choir"]),
    ("rename", ["Rosa Diaz", "Rosa M. Diaz"]),
    ("archive", ["Rosa"]),
    ("restore", ["Rosa"]),
    ("know", ["Rosa", "Maya"]),
    ("log add", ["coffee", "--with", "Rosa", "--on", "yesterday"]),
    ("log edit", ["{last_gettogether}", "--note", "lovely"]),
    ("log undo", ["--yes"]),
    (
        "plan add",
        ["tea", "--with", "Rosa", "--every", "week", "--on", "fri", "--starting", "2026-05-01"],
    ),
    ("done", ["tea", "--on", "2026-06-05"]),
    ("skip", ["tea", "--on", "2026-06-19"]),
    ("plan pause", ["tea"]),
    ("plan resume", ["tea"]),
    ("plan end", ["tea"]),
    ("group add", ["Book circle", "--kind", "meetup"]),
    ("group join", ["Book circle", "--person", "Rosa"]),
    ("group leave", ["Book circle", "--person", "Rosa"]),
    ("group edit", ["Book circle", "--place", "the library"]),
    ("group archive", ["Book circle"]),
    ("group restore", ["Book circle"]),
    ("favor add", ["lent a book", "--for", "Rosa"]),
    ("favor undo", ["--yes"]),
    ("event add", ["Rosa", "new job", "--happy"]),
    ("event edit", ["{last_event}", "--on", "2026-06-20"]),
    ("event edit", ["{last_event}", "--hard"]),
    ("event undo", ["--yes"]),
    ("snooze", ["Rosa", "--for", "2w"]),
    ("unsnooze", ["Rosa"]),
    ("snooze", ["Rosa"]),
    ("dismiss", ["Sam"]),
    ("dismiss", ["Maya", "--kind", "catch-up"]),
    ("nudge", ["--log", "1", "--yes"]),  # a read, but --log writes
    ("goal add", ["reach out to 2 people", "--per", "week"]),
    ("goal pause", ["reach out"]),
    ("goal resume", ["reach out"]),
    ("goal remove", ["reach out", "--yes"]),
    ("check-in take", ["-a", "1=3", "-a", "2=2", "-a", "3=4", "-a", "4=3", "--on", "2026-06-09"]),
    ("check-in take", ["--every", "week"]),
    ("check-in snooze", ["--for", "2w"]),  # past the next one due: a snooze
    ("check-in add-measure", ["{tmp}/measure.toml"]),
    ("check-in remove-measure", ["mine", "--yes"]),
    ("check-in remove", ["{last_check_in}", "--yes"]),
    ("lean-on", ["Rosa", "--ask-for-help"]),
    ("resources add", ["Crisis line", "--kind", "hotline", "--phone", "116 123"]),
    ("resources add", ["Dr. Lee", "--phone", "555 0199"]),
    ("resources remove", ["Crisis line", "--yes"]),
    ("help-now edit", ["--section", "on-my-own", "--line", "a walk"]),
    ("help-now reviewed", []),
    ("import", ["{tmp}/card.vcf"]),
    ("add", ["Ros Twin"]),
    ("merge", ["Rosa M. Diaz", "Ros Twin", "--yes"]),
    ("remove", ["Rosa", "--yes"]),
    ("remind install", ["--scheduler", "cron", "--weekly", "sun"]),  # a stand-in crontab
    ("remind run", ["--run", "true"]),
    ("remind remove", []),
    ("demo", []),
]


def _all_paths() -> list[tuple[str, ...]]:
    """Every command and group of commands, as typed (the root is ``()``)."""
    from supportnet.cli import load_all
    from supportnet.cli.reference import _root, walk

    load_all()
    return [tuple(path) for path, _ in walk(_root())]


def _all_commands() -> set[str]:
    """The commands that run something (a group that runs without a subcommand too)."""
    from supportnet.cli import load_all
    from supportnet.cli.reference import _root, walk

    load_all()
    return {
        " ".join(path)
        for path, command in walk(_root())
        if path and (not hasattr(command, "list_commands")
                     or getattr(command, "invoke_without_command", False))
    }  # fmt: skip


def test_every_command_is_a_read_or_a_write() -> None:
    listed = {name for name, _ in READS} | {name for name, _ in WRITES}
    assert _all_commands() - listed == set(), "list the new command in READS or WRITES"
    assert listed - _all_commands() == set(), "a listed command no longer exists"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.db"
    conn = db.open_database(path)
    with db.write_session(conn) as session:
        build_sample(session, TODAY)
    conn.close()
    (tmp_path / "measure.toml").write_text(
        'name = "mine"\ntitle = "Mine"\ncitation = "A test\'s own"\nscoring = "sum"\n'
        '[[items]]\ntext = "One"\noptions = [["no", 0], ["yes", 1]]\n',
        encoding="utf-8",
    )
    (tmp_path / "card.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card Person\r\nEND:VCARD\r\n", encoding="utf-8"
    )
    return path


def _args(args: list[str], tmp: Path) -> list[str]:
    return [a.replace("{tmp}", str(tmp)) for a in args]


def _in_one_process(commands: list[list[str]], sample: Path) -> list[list]:
    """Run ``commands`` one after another in one fresh process: for each, [its
    arguments, exit code, the first heavy modules loaded by then, its output's end]."""
    probe = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from supportnet.cli import app\n"
        "from tests.clitree import one_command_tree\n"
        "heavy = " + repr(HEAVY) + "\n"
        "with one_command_tree(app):\n"
        "    for args in json.loads(sys.argv[1]):\n"
        "        result = CliRunner().invoke(app, args)\n"
        "        loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "        print(json.dumps([args, result.exit_code, loaded[:3], result.output[-300:]]))\n"
    )
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "SUPPORTNET_DB": str(sample), "SUPPORTNET_TODAY": TODAY.isoformat(),
           "PYTHONPATH": path}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", probe, json.dumps(commands)], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    ran = [json.loads(line) for line in done.stdout.splitlines()]
    assert [args for args, *_ in ran] == commands
    return ran


def test_help_and_reads_never_load_sqlmodel(sample: Path, tmp_path: Path) -> None:
    """`--help` (of the root, every group and every command) and every read, in one
    process: after each, no heavy module is loaded."""
    helps = [[*path, "--help"] for path in _all_paths()]
    assert ["--help"] in helps and ["log", "add", "--help"] in helps
    commands = helps + [name.split() + _args(args, tmp_path) for name, args in READS]
    for args, code, loaded, output in _in_one_process(commands, sample):
        assert code == 0, (args, output)
        assert loaded == [], f"{' '.join(args)} loaded {loaded}"


def test_a_write_asked_wrongly_says_so_without_loading_sqlmodel(sample: Path) -> None:
    """A write given the wrong options says so at once (exit 2), not after most of a
    second loading SQLModel for a change it will not make."""
    commands = [["lean-on"], ["lean-on", "Maya"], ["lean-on", "Maya", "--group", "Choir"],
                ["help-now", "edit"], ["help-now", "edit", "--section", "reasons", "--clear",
                                       "--line", "x"]]  # fmt: skip
    for args, code, loaded, output in _in_one_process(commands, sample):
        assert code == 2, (args, output)
        assert loaded == [], f"{' '.join(args)} loaded {loaded}"


def test_completion_never_loads_sqlmodel(sample: Path) -> None:
    probe = (
        "import sys\n"
        "from supportnet.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in " + repr(HEAVY) + "))\n"
    )
    env = {**os.environ, "SUPPORTNET_DB": str(sample), "_SUPPORTNET_COMPLETE": "complete_bash",
           "COMP_WORDS": "supportnet show Ma", "COMP_CWORD": "2"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert "Maya López" in done.stdout
    assert done.stdout.strip().endswith("[]"), done.stdout


def test_every_write_goes_through_a_sqlmodel_session(
    run, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real = db.write_session

    def recording(*args, **kwargs):
        opened.append("session")
        return real(*args, **kwargs)

    monkeypatch.setattr(db, "write_session", recording)
    monkeypatch.setenv("SUPPORTNET_DB", str(sample))
    remind_tools.crontab()
    remind_tools.stub("true")
    for name, args in WRITES:
        opened.clear()
        marks = {"{last_gettogether}": _last(sample, "gettogether"),
                 "{last_event}": _last(sample, "life_event"),
                 "{last_check_in}": _last(sample, "check_in")}  # fmt: skip
        argv = [marks.get(a, a) for a in _args(args, tmp_path)]
        result = run(*name.split(), *argv, expect=None)
        assert result.exit_code == 0, (name, result.output)
        assert opened, f"{name} changed the database without a SQLModel session"


def _last(path: Path, table: str) -> str:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return str(conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0])
    finally:
        conn.close()
