"""The JSON import through the models: row validators derived from the table models,
the export's own layout read while it is imported, and the config placed with the data.

Every file here is written by the test itself, from a small export of its own.
"""

from __future__ import annotations

import calendar
import contextlib
import copy
import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportnet import db
from supportnet.dates import EARLIEST_YEAR, LATEST_YEAR
from supportnet.exchange import dumpimport, dumplayout, jsondump
from supportnet.exchange.dumpcheck import MAX_ID
from supportnet.exchange.dumpconfig import stage_config
from supportnet.models import rows
from supportnet.models.rows import RowRefused, column_rules, row_rules, table_model
from tests.conftest import dump
from tests.exchange.test_hostile_json import _VALUES, _places, _put

_PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- the row validators, against the schema the migrations build ------------------


def _schema(tmp_path: Path) -> sqlite3.Connection:
    return db.open_database(tmp_path / "schema.db")


def test_every_table_has_row_rules_that_match_the_migrated_schema(tmp_path: Path) -> None:
    conn = _schema(tmp_path)
    for table in jsondump.user_tables(conn):
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        rules = column_rules(table_model(table))
        assert list(rules) == [r[1] for r in info], table
        keys = [r for r in info if r[5]]
        rowid = keys[0][1] if len(keys) == 1 and keys[0][2] == "INTEGER" else None
        assert rows.rowid_column(table_model(table)) == rowid, table
        for _, name, declared, notnull, default, _ in info:
            rule = rules[name]
            assert rule.nullable == (not notnull or name == rowid), (table, name)
            assert rule.required == (bool(notnull) and default is None and name != rowid)
            if declared == "INTEGER":
                assert rule.kind == "integer", (table, name)
            else:  # dates and timestamps are text to SQLite, with their own rule
                assert declared == "TEXT", (table, name)
                dated = name == "on_date" or name.endswith("_on")
                moment = name.endswith("_at")
                assert rule.kind == ("date" if dated else "moment" if moment else "text")
        # and a validator for the table's rows, as an export gives them
        assert row_rules(table, tuple(rules)).width == len(info)


def _accepts(annotation: Any, value: Any) -> bool:
    from pydantic import TypeAdapter, ValidationError

    try:
        TypeAdapter(annotation).validate_python(value)
    except ValidationError:
        return False
    return True


def _real_day(text: str) -> bool:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10 and EARLIEST_YEAR <= day.year <= LATEST_YEAR


def test_given_today_a_favor_or_get_together_still_to_come_is_refused() -> None:
    """The writers' rule (models.support.check_favor_day, models.gettogether.check_not_future)
    for the import's rows: only with a day to check against, and only those dates."""
    june_10 = dt.date(2026, 6, 10)
    columns = ("id", "what", "kind", "direction", "on_date", "logged_at")
    rows = [[1, "soup", "meal", "given", "2026-06-10", "2026-06-10T09:00:00+00:00"],
            [2, "ride", "ride", "given", "2026-06-11", "2026-06-10T09:00:00+00:00"]]  # fmt: skip
    assert len(row_rules("favor", columns).validate(rows)) == 2  # no day: no such rule
    with pytest.raises(RowRefused) as refused:
        row_rules("favor", columns, today=june_10).validate(rows)
    assert (refused.value.index, refused.value.problem) == (
        1, "has on_date '2026-06-11', after today (2026-06-10): a favor is recorded once it "
        "has happened")  # fmt: skip
    assert len(row_rules("favor", columns, today=dt.date(2026, 6, 11)).validate(rows)) == 2
    event = ("id", "person_id", "what", "kind", "tone", "on_date", "logged_at")
    coming = [[1, 1, "surgery", "illness", "hard", "2026-12-01", "2026-06-10T09:00:00+00:00"]]
    assert row_rules("life_event", event, today=june_10).validate(coming)  # events may come
    rule = column_rules(table_model("gettogether"), today=june_10)["on_date"]
    assert rule.problem("2026-06-11") == (
        "has on_date '2026-06-11', after today (2026-06-10): a get-together is logged once it "
        "has happened"
    )
    assert rule.problem("2026-06-10") is None


def test_a_date_is_a_real_day_in_the_years_supportnet_keeps() -> None:
    rule = column_rules(table_model("gettogether"))["on_date"]
    from pydantic import TypeAdapter, ValidationError

    adapter = TypeAdapter(rule.annotation)

    def accepted(text: str) -> bool:
        try:
            adapter.validate_python(text)
        except ValidationError:
            return False
        return True

    candidates = [
        f"{year:04d}-{month:02d}-{day:02d}"
        for year in (1899, 1900, 1901, 1996, 2000, 2023, 2024, 2100, 2104, 2199, 2200, 9999)
        for month in range(14)
        for day in range(33)
    ]
    day = dt.date(EARLIEST_YEAR - 1, 12, 20)
    while day <= dt.date(LATEST_YEAR + 1, 1, 10):
        candidates.append(day.isoformat())
        day += dt.timedelta(days=1)
    candidates += ["2026-6-10", "20260610", "2026-06-10 ", " 2026-06-10", "2026-06-10T00:00",
                   "٢٠٢٦-٠٦-١٠", "2026/06/10", ""]  # fmt: skip
    wrong = [text for text in candidates if accepted(text) != _real_day(text)]
    assert wrong == []
    assert all(calendar.isleap(y) for y in (1904, 2000, 2196))  # the sample covers leap days
    for text in candidates:
        assert (rule.problem(text) is None) == accepted(text), text


def test_a_time_is_hours_and_minutes() -> None:
    rule = column_rules(table_model("plan"))["at_time"]
    for hour in range(100):
        for minute in range(0, 100, 7):
            text = f"{hour:02d}:{minute:02d}"
            expected = hour <= 23 and minute <= 59
            assert _accepts(rule.annotation, text) == expected, text
            assert (rule.problem(text) is None) == expected, text
    for text in ["7:30", "07:30:00", "0730", "١٠:٠٠", "07:30\n"]:
        assert not _accepts(rule.annotation, text)
        assert rule.problem(text) == f"has at_time {text!r}, which is not a time (HH:MM)"


def test_a_timestamp_is_what_python_reads() -> None:
    rule = column_rules(table_model("favor"))["logged_at"]
    for text in ["2026-06-10T09:15:00+00:00", "2026-06-10T09:15:00", "1850-01-01T00:00:00+00:00",
                 "2026-06-10T09:15:00.123456+02:00", "2026-06-10"]:  # fmt: skip
        assert _accepts(rule.annotation, text) and rule.problem(text) is None, text
    for value in ["noon", "2026-13-10T09:15:00+00:00", "", "2026-06-10T25:00:00+00:00", 5]:
        assert not _accepts(rule.annotation, value), value
        assert rule.problem(value) == f"has logged_at {value!r}, which is not a date and time"


def test_ids_go_up_to_the_largest_the_import_accepts() -> None:
    rules = row_rules("person", ("id", "name", "circle", "added_on"), MAX_ID)
    assert rules.validate([[MAX_ID, "Maya", "friend", "2026-06-10"]])
    with pytest.raises(RowRefused) as refused:
        rules.validate([[1, "Ana", "friend", "2026-06-10"], [MAX_ID + 1, "Maya", "friend", "x"]])
    assert refused.value.index == 1
    assert refused.value.problem == (
        f"has id {MAX_ID + 1}, beyond the largest id supportnet accepts ({MAX_ID})"
    )
    # and they start at 1: a person imported as #-5 could not be named by id
    for low in (0, -5):
        with pytest.raises(RowRefused) as refused:
            rules.validate([[low, "Ana", "friend", "2026-06-10"]])
        assert refused.value.problem == f"has id {low}; an id is a whole number from 1"
    # Left out, the rowid is SQLite's to give; every other column without a default is needed.
    assert row_rules("person", ("name", "added_on")).missing() == ["circle"]
    assert row_rules("plan", ("id", "title", "kind", "rrule", "starts_on", "added_on")).missing() \
        == []  # fmt: skip


def test_a_null_where_the_model_needs_a_value() -> None:
    rules = row_rules("person", ("id", "name", "circle", "added_on"))
    assert rules.validate([[None, "Maya", "friend", "2026-06-10"]]) == [
        (None, "Maya", "friend", "2026-06-10")
    ]
    with pytest.raises(RowRefused) as refused:
        rules.validate([[1, None, "friend", "2026-06-10"]])
    assert refused.value.problem == "has no name (null), which it must have"


_TABLES = ["person", "gettogether", "plan", "community", "database_identity", "life_event",
           "nudge_dismissal", "attendance"]  # fmt: skip
_CELLS = (
    _VALUES
    | st.sampled_from(["2026-06-10", "1899-12-31", "2200-01-01", "2024-02-29", "2023-02-29",
                       "10:30", "24:00", "FREQ=WEEKLY", "FREQ=HOURLY", "friend",
                       "2026-06-10T09:15:00+00:00", "2026-06-10 09:15", "tomorrow",
                       "0b8f4e1e-2e53-4f3c-9c9e-2f2d1f4c7a10", MAX_ID, MAX_ID + 1, 12, 31, 2, 0,
                       1, 1990, b"\x00bytes"])
)  # fmt: skip


@_PROPERTY
@given(data=st.data())
def test_the_validator_and_its_words_agree(data) -> None:
    """pydantic refuses a row exactly when the words say why, and the words are those
    of the first reason (a wrong length, a value no column holds, then the column's)."""
    table = data.draw(st.sampled_from(_TABLES), label="table")
    columns = tuple(table_model(table).columns.keys())
    width = data.draw(st.sampled_from([len(columns)] * 6 + [len(columns) - 1, len(columns) + 1]))
    row = data.draw(st.lists(_CELLS, min_size=width, max_size=width), label="row")
    rules = row_rules(table, columns, MAX_ID)
    reason = rules.explain(row)
    try:
        checked = rules.validate([row])
    except RowRefused as refused:
        assert reason is not None and refused.problem == reason
    else:
        assert reason is None, reason
        assert checked == [tuple(row)]


@_PROPERTY
@given(data=st.data())
def test_rows_read_by_pydantic_or_by_python_are_refused_alike(data) -> None:
    """The layout's rows go to pydantic as JSON; a refused batch is read by Python to say
    why.  Whatever the JSON, the two readings accept and refuse the same rows."""
    table = data.draw(st.sampled_from(_TABLES), label="table")
    columns = tuple(table_model(table).columns.keys())
    batch = data.draw(
        st.lists(st.lists(_CELLS.filter(lambda v: not isinstance(v, bytes)),
                          min_size=len(columns), max_size=len(columns)), max_size=3),
        label="rows",
    )  # fmt: skip
    text = json.dumps(batch)
    rules = row_rules(table, columns, MAX_ID)
    from pydantic import ValidationError

    try:
        by_pydantic = rules.validate_json(text)
    except ValidationError:
        by_pydantic = None
    try:
        by_python = rules.validate(json.loads(text))
    except (RowRefused, ValueError):
        by_python = None
    assert by_pydantic == by_python


# --- the export's layout, read while it is imported --------------------------------


#: ``json.dumps(value, ensure_ascii=False)``, its encoder made once (not once a row).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_SURROGATE = re.compile("[\ud800-\udfff]")


def _d(value: Any) -> str:
    """As the export writes a value; a lone surrogate (no export has one) as its escape."""
    text = _ENCODE(value)
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _layout(document: dict[str, Any]) -> str:
    """``document`` laid out as `export` writes a file (proved equal just below)."""
    out = ["{\n"]
    out += [f"  {_d(key)}: {_d(value)},\n" for key, value in document.items() if key != "tables"]
    out.append('  "tables": {')
    for index, (name, entry) in enumerate(document["tables"].items()):
        out.append(("," if index else "") + f'\n    {_d(name)}: {{\n      "columns": '
                   f'{_d(entry["columns"])},\n      "rows": [')  # fmt: skip
        out.append(",".join("\n        " + _d(row) for row in entry["rows"]))
        out.append("\n      ]\n    }" if entry["rows"] else "]\n    }")
    out.append("\n  }\n}\n" if document["tables"] else "}\n}\n")
    return "".join(out)


def test_the_layout_here_is_the_exports(run, tmp_path: Path) -> None:
    empty = run("export", "--format", "json").stdout
    assert _layout(json.loads(empty)) == empty
    run("add", "Maya López", "--birthday", "March 14", "--note", "a], [b")
    run("log", "coffee", "--with", "Maya", "--on", "yesterday")
    text = run("export", "--format", "json").stdout
    assert _layout(json.loads(text)) == text


@pytest.fixture
def read_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time an import reads a file whole instead of as laid out, its name."""
    calls: list[str] = []
    real = dumpimport.PreparedDump.read_whole

    def spy(self):  # type: ignore[no-untyped-def]
        calls.append(self.what)
        return real(self)

    monkeypatch.setattr(dumpimport.PreparedDump, "read_whole", spy)
    return calls


#: What the helpers below built once in this process: the scaled database's bytes,
#: the exports of the scaled and of the small network.
_BUILT: dict[str, Any] = {}


def _scaled(path: Path) -> None:
    """The sample network and 9,000 more get-togethers: built once, then copied."""
    from benchmarks.scaled import build_scaled
    from supportnet.sample import build_sample

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if "scaled" in _BUILT:
        path.write_bytes(_BUILT["scaled"])
        path.chmod(0o600)
        return
    conn = db.open_database(path)
    with db.write_session(conn) as session:
        build_sample(session, dt.date(2026, 6, 10))
    with db.transaction(conn):
        build_scaled(conn, dt.date(2026, 6, 10), people=60, gettogethers=9000, plans=4,
                     communities=2, favors=40, events=10, seed=5)  # fmt: skip
    conn.close()
    _BUILT["scaled"] = path.read_bytes()


def test_an_export_is_imported_as_it_is_read(run, tmp_path: Path, read_whole) -> None:
    """Thousands of rows in the export's layout: read in batches, never whole, and
    exported again to the very same bytes."""
    source = tmp_path / "source" / "supportnet.db"
    _scaled(source)
    (source.parent / "config.toml").write_text("[cadence]\nfriend = 21\n", encoding="utf-8")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    run("--db", str(source), "export", "--format", "json", "-o", str(first))
    assert first.stat().st_size > 4 * dumplayout.BATCH_BYTES  # several batches a table
    fresh = tmp_path / "fresh" / "supportnet.db"
    result = run("--db", str(fresh), "import", str(first))
    assert read_whole == []
    assert result.stdout.startswith("Imported 72 people (")
    run("--db", str(fresh), "export", "--format", "json", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert (fresh.parent / "config.toml").read_text(encoding="utf-8") == "[cadence]\nfriend = 21\n"


def _edited(run, tmp_path: Path, table: str, column: str, value: Any, row: int = 0) -> Path:
    """An export of a small network in its own layout, one value changed."""
    if "small export" not in _BUILT:
        source = tmp_path / "source" / "supportnet.db"
        run("--db", str(source), "add", "Maya López", "--birthday", "March 14")
        run("--db", str(source), "add", "Sam Carter")
        run("--db", str(source), "plan", "walk", "--with", "Maya", "--every", "week")
        run("--db", str(source), "log", "coffee", "--with", "Maya", "--on", "yesterday")
        _BUILT["small export"] = run("--db", str(source), "export", "--format", "json").stdout
    document = json.loads(_BUILT["small export"])
    entry = document["tables"][table]
    entry["rows"][row][entry["columns"].index(column)] = value
    path = tmp_path / "edited.json"
    path.write_text(_layout(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("table", "column", "value", "problem"),
    [
        ("gettogether", "on_date", "2026-02-30",
         "row 1 of 'gettogether' has on_date '2026-02-30', which is not a date (YYYY-MM-DD)"),
        ("person", "name", None, "row 1 of 'person' has no name (null), which it must have"),
        ("person", "cadence_days", "often",
         "row 1 of 'person' has cadence_days 'often', which is not a whole number"),
        ("person", "name", "Sam \ud800",
         "row 1 of 'person' has name text that is not valid Unicode (a lone surrogate, "
         "'\\ud800'); nothing was imported"),
        ("person", "id", MAX_ID + 1,
         f"row 1 of 'person' has id {MAX_ID + 1}, beyond the largest id supportnet accepts "
         f"({MAX_ID})"),
        ("person", "id", 0, "row 1 of 'person' has id 0; an id is a whole number from 1"),
        ("person", "birthday_day", 30, "row 1 of 'person' has a birthday that is not a day of "
                                       "the calendar"),
        ("plan", "rrule", "FREQ=SOMETIMES",
         "row 1 of 'plan' has rrule 'FREQ=SOMETIMES', which is not a rule supportnet can follow"),
        ("plan", "at_time", "25:00", "row 1 of 'plan' has at_time '25:00', which is not a time "
                                     "(HH:MM)"),
        ("gettogether", "logged_at", "noon",
         "row 1 of 'gettogether' has logged_at 'noon', which is not a date and time"),
        ("person", "note", {"$base64": "AAAA"},
         "row 1 of 'person' has note b'\\x00\\x00\\x00', which is not text"),
        ("person", "note", [1, 2], "row 1 of 'person' holds a value that is not text, a number "
                                   "or null"),
    ],
    ids=["not-a-day", "null-name", "text-for-a-number", "lone-surrogate", "id-too-large",
         "id-zero", "february-30", "not-a-rule", "not-a-time", "not-a-moment", "bytes-for-text",
         "a-list"],
)  # fmt: skip
def test_a_row_the_models_refuse_is_refused_naming_table_row_and_column(
    run, db_path: Path, tmp_path: Path, unchanged, read_whole, table, column, value, problem
) -> None:
    if column == "birthday_day":  # Maya's is March 14: a 30 makes it 30 March; February it is
        path = _edited(run, tmp_path, "person", "birthday_month", 2)
        document = json.loads(path.read_text(encoding="utf-8"))
        person = document["tables"]["person"]
        person["rows"][0][person["columns"].index(column)] = value
        path.write_text(_layout(document), encoding="utf-8")
    else:
        path = _edited(run, tmp_path, table, column, value)
    run("people")
    with unchanged():
        result = run("import", str(path), expect=7)
    message = problem if problem.endswith("imported") else f"{problem}; nothing was imported"
    assert result.stderr == f"{path}: {message}.\n"
    assert read_whole == []  # refused while it was read, for what the models say
    assert not (db_path.parent / "config.toml").exists()


def test_a_table_without_a_column_its_rows_need(run, db_path, tmp_path, unchanged) -> None:
    path = _edited(run, tmp_path, "person", "note", None)
    document = json.loads(path.read_text(encoding="utf-8"))
    person = document["tables"]["person"]
    at = person["columns"].index("circle")
    del person["columns"][at]
    for row in person["rows"]:
        del row[at]
    path.write_text(_layout(document), encoding="utf-8")
    run("people")
    with unchanged():
        result = run("import", str(path), expect=7)
    assert result.stderr == (
        f"{path}: table 'person' has no column 'circle', which its rows need; "
        "nothing was imported.\n"
    )


# --- the same outcome, whether read as laid out or whole ---------------------------


def _outcome(run, folder: Path, empty: Path, path: Path) -> tuple:
    """Import ``path`` into a copy of the empty database in ``folder``: what happened."""
    import shutil

    folder.mkdir(mode=0o700)
    target = folder / "supportnet.db"
    shutil.copy(empty, target)
    result = run("--db", str(target), "import", str(path), expect=None)
    assert result.exit_code in (0, 6, 7), result.stderr
    configs = sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.glob("config*"))
    text = (result.stdout + result.stderr).replace(str(folder), "FOLDER")
    return result.exit_code, text, dump(target), configs


def _both_ways(run, tmp_path: Path, empty: Path, text: str | bytes, monkeypatch) -> tuple:
    name = f"case{len(list(tmp_path.glob('case*')))}"
    path = tmp_path / f"{name}.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    laid_out = _outcome(run, tmp_path / f"{name}-laid-out", empty, path)

    def not_laid_out(self):  # type: ignore[no-untyped-def]
        raise dumplayout.NotInLayout

    with monkeypatch.context() as patch:
        patch.setattr(dumplayout.LayoutReader, "head", not_laid_out)
        whole = _outcome(run, tmp_path / f"{name}-whole", empty, path)
    assert laid_out[0] == whole[0], (laid_out[1], whole[1])
    assert laid_out[1].replace(f"{name}-laid-out", "") == whole[1].replace(f"{name}-whole", "")
    assert laid_out[2:] == whole[2:]
    return laid_out


_STRAY_LINES = ["      ]", "    },", '    "person": {', "        [1]", "NaN", "{", "", "  }"]


def _lines_edit(text: str, data: Any) -> str:
    """One change to the text of a file, such as a hand or an editor makes."""
    lines = text.split("\n")
    where = data.draw(st.integers(0, len(lines) - 1), label="line")
    kind = data.draw(st.sampled_from(["drop", "double", "swap", "insert", "char", "crlf", "bom",
                                      "append", "strip-comma", "add-comma", "join", "blank"]),
                     label="edit")  # fmt: skip
    if kind == "drop":
        del lines[where]
    elif kind == "double":
        lines.insert(where, lines[where])
    elif kind == "swap" and where + 1 < len(lines):
        lines[where], lines[where + 1] = lines[where + 1], lines[where]
    elif kind == "insert":
        lines.insert(where, data.draw(st.sampled_from(_STRAY_LINES)))
    elif kind == "char":
        line = lines[where]
        at = data.draw(st.integers(0, len(line)))
        char = data.draw(st.sampled_from(list(',[]{}":\\ \x00a1\t')))
        lines[where] = line[:at] + char + line[at:]
    elif kind == "crlf":
        return "\r\n".join(lines)
    elif kind == "bom":
        return "\ufeff" + text
    elif kind == "append":
        return text + data.draw(st.sampled_from(["\n", "x", "{}", " \n\n"]))
    elif kind == "strip-comma":
        lines[where] = lines[where].rstrip(",")
    elif kind == "add-comma":
        lines[where] += ","
    elif kind == "join" and where + 1 < len(lines):
        lines[where : where + 2] = [lines[where] + " " + lines[where + 1].strip()]
    elif kind == "blank":
        lines.insert(where, " " * data.draw(st.integers(0, 9)))
    return "\n".join(lines)


@_PROPERTY
@given(data=st.data())
def test_laid_out_or_whole_a_file_gets_the_same_outcome(
    run, tmp_path, empty, export, monkeypatch, data
) -> None:
    """Whatever a file holds (values changed anywhere, lines dropped, doubled, broken),
    reading it as laid out gives what reading it whole gives: the same exit code, the
    same words, the same database and config files."""
    changed = copy.deepcopy(export)
    for _ in range(data.draw(st.integers(0, 2), label="values")):
        spot = data.draw(st.sampled_from(_places(export)), label="spot")
        value = data.draw(_VALUES, label="value")
        with contextlib.suppress(KeyError, IndexError, TypeError, ValueError):
            _put(changed, spot, value)  # (unless the first change took that spot away)
    if not isinstance(changed.get("tables"), dict) or not all(
        isinstance(e, dict) and isinstance(e.get("rows"), list) and isinstance(e.get("columns"),
                                                                              list)
        for e in changed["tables"].values()
    ):  # fmt: skip
        text = json.dumps(changed, ensure_ascii=False)  # no layout to speak of
    else:
        text = _layout(changed)
    for _ in range(data.draw(st.integers(0, 2), label="edits")):
        text = _lines_edit(text, data)
    _both_ways(run, tmp_path, empty, text, monkeypatch)


def _document(run, tmp_path: Path) -> dict[str, Any]:
    """The export of the scaled network, as a dict of its own to change."""
    if "scaled export" not in _BUILT:
        source = tmp_path / "source" / "supportnet.db"
        _scaled(source)
        _BUILT["scaled export"] = run("--db", str(source), "export", "--format", "json").stdout
    return json.loads(_BUILT["scaled export"])


def _bad_note(document: dict[str, Any], row: int = 3) -> None:
    person = document["tables"]["person"]
    person["rows"][row][person["columns"].index("added_on")] = "2026-02-30"


_SPACESHIP = (
    '\n    "spaceship": {\n      "columns": ["id"],\n      "rows": [\n        [1]\n      ]\n    },'
)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda text: text.replace('"kind": "coffee"', '"kind": NaN', 1),
        lambda text: text[: text.rindex('"attendance"')] + text[text.rindex('"attendance"'):]
        .replace("],\n", "]\n", 1),
        lambda text: text.replace('\n    "attendance": {', _SPACESHIP + '\n    "attendance": {', 1),
        lambda text: text.replace('\n    "attendance": {', '\n    "person": {\n      '
                                  '"columns": ["id"],\n      "rows": []\n    },'
                                  '\n    "attendance": {', 1),
        lambda text: text.replace("\n  }\n}\n", '\n  },\n  "format": "other"\n}\n'),
        lambda text: text + "trailing",
        lambda text: text.replace("\n", "\r\n"),
        lambda text: text.replace("        [3,", "        [3,\n ", 1),
    ],
    ids=["nan-further-down", "missing-comma-further-down", "unknown-table-further-down",
         "a-table-twice", "a-key-after-the-tables", "trailing-text", "crlf", "a-row-on-two-lines"],
)  # fmt: skip
def test_a_bad_row_and_something_else_wrong(run, tmp_path, empty, monkeypatch, spoil) -> None:
    """A row refused early on, and the file wrong in another way further down: the file
    is refused for what it has always been refused for (or imported, where JSON keeps
    the last of two keys), however it is read."""
    document = _document(run, tmp_path)
    _bad_note(document)
    outcome = _both_ways(run, tmp_path, empty, spoil(_layout(document)), monkeypatch)
    assert outcome[0] in (6, 7)


def test_into_a_database_with_data_and_an_unknown_table_further_down(
    run, tmp_path, monkeypatch
) -> None:
    document = _document(run, tmp_path)
    text = _layout(document).replace(
        '\n    "attendance": {',
        '\n    "spaceship": {\n      "columns": ["id"],\n      "rows": []\n    },'
        '\n    "attendance": {',
        1,
    )
    full = tmp_path / "full" / "supportnet.db"
    run("--db", str(full), "add", "Maya")
    result = _both_ways(run, tmp_path, full, text, monkeypatch)
    assert result[0] == 7 and "has a table this version does not know ('spaceship')" in result[1]
    result = _both_ways(run, tmp_path, full, _layout(document), monkeypatch)
    assert result[0] == 6 and "already holds data (1 person)" in result[1]


# --- the config file lands with the data, or neither does --------------------------


def test_when_the_commit_fails_the_config_is_taken_back(
    run, db_path, tmp_path, unchanged, monkeypatch, export
) -> None:
    path = tmp_path / "export.json"
    path.write_text(_layout(export), encoding="utf-8")
    run("people")
    from sqlmodel import Session

    def full_disk(self):  # type: ignore[no-untyped-def]
        assert (db_path.parent / "config.toml").exists()  # placed before the commit
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Session, "commit", full_disk)
    with unchanged():
        result = run("import", str(path), expect=7)
    assert result.stderr.startswith("There is not enough space on the disk")
    assert "nothing was changed" in result.stderr
    assert sorted(p.name for p in db_path.parent.iterdir() if "config" in p.name) == []


def test_when_the_config_cannot_be_written_nothing_is_imported(
    run, db_path, tmp_path, unchanged, monkeypatch, export
) -> None:
    """Its message says "nothing was changed": and so it is (the data is not in either)."""
    path = tmp_path / "export.json"
    path.write_text(_layout(export), encoding="utf-8")
    run("people")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with unchanged():
        result = run("import", str(path), expect=7)
    assert result.stderr == (
        f"There is not enough space on the disk ({db_path.parent / 'config.toml'}): nothing "
        "was changed. Free some space, then try again.\n"
    )
    assert json.loads(run("people", "--json").stdout) == []


def _stamp() -> dt.datetime:
    return dt.datetime(2026, 6, 10, 10, 15)


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    ("before", "replace"),
    [
        ({}, False),
        ({"config.toml": "[cadence]\nfriend = 45\n"}, False),
        ({"config.toml": "[cadence]\nfriend = 45\n",
          "config.imported.toml": "[cadence]\nfriend = 3\n"}, False),
        ({"config.toml": "[cadence]\nfriend = 45\n"}, True),
        ({"config.toml": "[cadence]\nfriend = 21\n"}, True),
    ],
    ids=["none-yet", "yours-kept", "an-older-imported-one", "replaced", "identical"],
)  # fmt: skip
def test_a_config_placed_is_taken_back_exactly(tmp_path: Path, before, replace) -> None:
    for name, text in before.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    placed = stage_config(
        tmp_path / "config.toml", "[cadence]\nfriend = 21\n", replace=replace, stamp=_stamp()
    )
    if before.get("config.toml") != "[cadence]\nfriend = 21\n":
        assert placed.message and _files(tmp_path) != before
    placed.undo()
    assert _files(tmp_path) == before


# --- the write rule -----------------------------------------------------------------


def test_the_import_loads_sqlmodel_and_the_export_does_not(run, tmp_path: Path) -> None:
    env = {**os.environ, "SUPPORTNET_DB": str(tmp_path / "s.db"), "SUPPORTNET_TODAY": "2026-06-10"}
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['supportnet', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('supportnet', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', "
        "'pydantic'}), file=sys.stderr)\n"
    )

    def loaded(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", probe, *args], env=env, capture_output=True,
                              text=True, check=True)  # fmt: skip
        return done.stderr.strip().splitlines()[-1]

    run("--db", env["SUPPORTNET_DB"], "add", "Maya")  # the data (a fresh process not needed)
    export_file = tmp_path / "e.json"
    assert loaded("export", "--format", "json", "-o", str(export_file)) == "[]"
    env["SUPPORTNET_DB"] = str(tmp_path / "fresh.db")
    assert loaded("import", str(export_file)) == "['pydantic', 'sqlalchemy', 'sqlmodel']"


def test_a_bad_row_laid_out_with_replace_leaves_no_copy_behind(
    run, db_path, tmp_path, unchanged, read_whole
) -> None:
    path = _edited(run, tmp_path, "gettogether", "on_date", "2026-02-30")
    run("add", "Sam")
    with unchanged():
        result = run("import", str(path), "--replace", expect=7)
    assert "row 1 of 'gettogether' has on_date '2026-02-30'" in result.stderr
    assert read_whole == []
    assert not list(db_path.parent.glob("*.before-import.*"))
    assert not (db_path.parent / "config.toml").exists()


@pytest.mark.parametrize(
    ("table", "column", "largest", "words"),
    [("plan", "duration_minutes", 1440, "a day"),
     ("gettogether", "duration_minutes", 1440, "a day"),
     ("check_in_cadence", "every_days", 36500, "a hundred years"),
     ("person", "cadence_days", 36500, "a hundred years")],
)  # fmt: skip
def test_a_number_the_writers_bound_is_bound_on_import_too(table, column, largest, words):
    """`--minutes`, `--cadence` and `check-in --every` keep these within bounds; an
    import did not, and a plan of 2**63 - 1 minutes then broke `calendar export`."""
    from pydantic import TypeAdapter, ValidationError

    rule = column_rules(table_model(table))[column]
    adapter = TypeAdapter(rule.annotation)
    assert adapter.validate_python(largest) == largest and rule.problem(largest) is None
    for too_many in (largest + 1, 2**63 - 1):
        with pytest.raises(ValidationError):
            adapter.validate_python(too_many)
        assert rule.problem(too_many) == f"has {column} {too_many}, more than {words} ({largest})"
