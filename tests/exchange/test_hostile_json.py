"""JSON import of hostile or broken files: exit 7 with the reason, nothing written.

Every file here is written by the test itself, from a small export of its own.
"""

from __future__ import annotations

import copy
import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportnet.exchange.dumpcheck import MAX_ID
from tests.conftest import dump

INT64_MAX = 2**63 - 1


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(run, db_path: Path, unchanged, path: Path) -> str:
    """Import ``path`` into the (empty) database: exit 7, one line, nothing written."""
    run("people")  # the database exists (and stays empty)
    with unchanged():
        result = run("import", str(path), expect=7)
    assert not (db_path.parent / "config.toml").exists()
    assert not (db_path.parent / "config.imported.toml").exists()
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    return result.stderr.rstrip("\n")


def _person(export: dict[str, Any], column: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(export)
    person = changed["tables"]["person"]
    person["rows"][0][person["columns"].index(column)] = value
    return changed


# --- nesting and numbers that stop Python's own parser ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "supportnet-export", "format_version": 1, "tables": {"person": '
        + '{"a": ' * 100
        + "[" * 200_000
        + "]" * 200_000
        + "}" * 100
        + "}}",
        "[" * 5_000 + "]" * 5_000,
        '{"x": ' + '{"y": ' * 200_000 + "1" + "}" * 200_000 + "}",
    ],
    ids=["200000-deep-in-a-table", "array-5000-deep", "objects-200000-deep"],
)
def test_a_deeply_nested_document(run, db_path, tmp_path, unchanged, text: str) -> None:
    path = _write(tmp_path, text)
    assert _refused(run, db_path, unchanged, path) == (
        f"{path} is nested too deeply to be a supportnet export (an export nests 6 levels); "
        "nothing was imported."
    )


def test_a_deep_value_inside_a_row(run, db_path, tmp_path, unchanged, export) -> None:
    """Deep enough to strain anything that recurses, shallow enough for the parser."""
    deep = [1]
    for _ in range(900):
        deep = [deep]
    path = _write(tmp_path, json.dumps(_person(export, "note", deep)))
    assert _refused(run, db_path, unchanged, path) == (
        f"{path}: row 1 of 'person' holds a value that is not text, a number or null; "
        "nothing was imported."
    )


@pytest.mark.parametrize("where", ["format_version", "row"])
def test_a_number_of_5000_digits(run, db_path, tmp_path, unchanged, export, where) -> None:
    text = json.dumps(export)
    if where == "format_version":
        text = text.replace('"format_version": 1', '"format_version": ' + "9" * 5000)
    else:
        text = text.replace('"Maya L\\u00f3pez"', "9" * 5000)
    path = _write(tmp_path, text)
    assert _refused(run, db_path, unchanged, path) == (
        f"{path} holds a number of more than 4300 digits, which no supportnet export has; "
        "nothing was imported."
    )


def test_a_long_format_version(run, db_path, tmp_path, unchanged, export) -> None:
    path = _write(tmp_path, json.dumps({**export, "format_version": 10**30}))
    assert _refused(run, db_path, unchanged, path) == (
        f"{path} has no valid format_version; nothing was imported."
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**29, str(10**29)),
        (INT64_MAX + 1, str(INT64_MAX + 1)),
        (-(2**63) - 1, str(-(2**63) - 1)),
        (10**100, "of 101 digits"),
    ],
    ids=["30-digits", "int64-max-plus-1", "int64-min-minus-1", "101-digits"],
)
def test_an_integer_beyond_sqlite(run, db_path, tmp_path, unchanged, export, value, shown):
    path = _write(tmp_path, json.dumps(_person(export, "id", value)))
    assert _refused(run, db_path, unchanged, path) == (
        f"{path}: row 1 of 'person' has id {shown}, a number beyond what the database holds "
        "(-9223372036854775808 to 9223372036854775807); nothing was imported."
    )


def test_an_integer_beyond_sqlite_in_any_column(run, db_path, tmp_path, unchanged, export):
    path = _write(tmp_path, json.dumps(_person(export, "cadence_days", 10**29)))
    assert _refused(run, db_path, unchanged, path).startswith(
        f"{path}: row 1 of 'person' has cadence_days {10**29}, a number beyond what"
    )


def test_an_id_too_large_to_add_after_it(run, db_path, tmp_path, unchanged, export) -> None:
    """At 2**63 - 1 SQLite has no next id: every later `add` would fail."""
    path = _write(tmp_path, json.dumps(_person(export, "id", INT64_MAX)))
    assert _refused(run, db_path, unchanged, path) == (
        f"{path}: row 1 of 'person' has id {INT64_MAX}, beyond the largest id supportnet "
        f"accepts ({MAX_ID}); nothing was imported."
    )


@pytest.mark.parametrize(
    ("seq", "message"),
    [
        (10**30, "{path}: the counter of 'person' is not a number."),
        (INT64_MAX, f"{{path}}: the counter of 'person' is beyond the largest id supportnet "
                    f"accepts ({MAX_ID}); nothing was imported."),
    ],
    ids=["beyond-sqlite", "no-room-left"],
)  # fmt: skip
def test_a_counter_too_large(run, db_path, tmp_path, unchanged, export, seq, message) -> None:
    changed = copy.deepcopy(export)
    changed["sequences"]["person"] = seq
    path = _write(tmp_path, json.dumps(changed))
    assert _refused(run, db_path, unchanged, path) == message.format(path=path)


def test_ids_up_to_the_limit_import(run, db_path, tmp_path, export) -> None:
    changed = _person(export, "id", MAX_ID)
    for entry in changed["tables"].values():
        if "person_id" in entry["columns"]:
            for row in entry["rows"]:
                row[entry["columns"].index("person_id")] = MAX_ID
    changed["sequences"]["person"] = MAX_ID
    run("import", str(_write(tmp_path, json.dumps(changed))))
    assert json.loads(run("people", "--json").stdout)[0]["id"] == MAX_ID
    run("add", "Sam")  # there is room for the next one


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_not_a_number(run, db_path, tmp_path, unchanged, export, constant: str) -> None:
    text = json.dumps(export).replace('"Maya L\\u00f3pez"', constant)
    path = _write(tmp_path, text)
    assert _refused(run, db_path, unchanged, path) == (
        f"{path} holds {constant}, which is not a number JSON allows; nothing was imported."
    )


# --- text that is not Unicode -------------------------------------------------------


@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff", "\\ude00\\ud83d"])
def test_a_lone_surrogate_in_a_name(run, db_path, tmp_path, unchanged, export, surrogate):
    text = json.dumps(export).replace('"Maya L\\u00f3pez"', f'"Maya {surrogate}"')
    path = _write(tmp_path, text)
    first = json.loads(f'"{surrogate}"')[0]
    assert _refused(run, db_path, unchanged, path) == (
        f"{path}: row 1 of 'person' has name text that is not valid Unicode (a lone "
        f"surrogate, {first!r}); nothing was imported."
    )


def test_a_surrogate_pair_is_a_character(run, tmp_path, export) -> None:
    text = json.dumps(export).replace('"Maya L\\u00f3pez"', '"Maya \\ud83d\\ude00"')
    run("import", str(_write(tmp_path, text)))
    assert json.loads(run("people", "--json").stdout)[0]["name"] == "Maya \U0001f600"


def test_a_lone_surrogate_in_a_counter_name(run, db_path, tmp_path, unchanged, export):
    changed = copy.deepcopy(export)
    changed["sequences"]["per\ud800son"] = 1
    path = _write(tmp_path, json.dumps(changed))
    assert _refused(run, db_path, unchanged, path) == (
        f"{path}: a counter's name is not valid Unicode text (a lone surrogate, '\\ud800'); "
        "nothing was imported."
    )


# --- other shapes no export has -----------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tables"]["person"]["columns"].__setitem__(1, "id"),
         "{path}: table 'person' names the column 'id' twice; nothing was imported."),
        (lambda d: d["tables"]["person"].update(columns=[], rows=[[]]),
         "{path}: table 'person' needs its column names as text; nothing was imported."),
        (lambda d: d["tables"]["person"]["columns"].__setitem__(1, ["name"]),
         "{path}: table 'person' needs its column names as text; nothing was imported."),
        (lambda d: d.update(migrations=[["0001_initial"]]),
         '{path}: "migrations" must be a list of names; nothing was imported.'),
        (lambda d: d["tables"]["person"]["rows"][0].__setitem__(1, {"$base64": "!!"}),
         "{path}: row 1 of 'person' holds a value that is not text, a number or null; "
         "nothing was imported."),
        (lambda d: d["tables"]["person"]["rows"][0].__setitem__(1, {"$base64": 5}),
         "{path}: row 1 of 'person' holds a value that is not text, a number or null; "
         "nothing was imported."),
        (lambda d: d["tables"]["database_identity"]["rows"][0].__setitem__(1, "z" * 36),
         "{path}: row 1 of 'database_identity' has uuid '" + "z" * 36 + "', which is not "
         "a UUID; nothing was imported."),
    ],
    ids=["column-twice", "no-columns", "column-not-text", "migration-not-text",
         "bad-base64", "base64-not-text", "identity-not-a-uuid"],
)  # fmt: skip
def test_shapes_no_export_has(run, db_path, tmp_path, unchanged, export, change, message):
    changed = copy.deepcopy(export)
    change(changed)
    path = _write(tmp_path, json.dumps(changed))
    assert _refused(run, db_path, unchanged, path) == message.format(path=path)


# --- the config the export carries ------------------------------------------------


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ("[cadence\nfriend = 3\n",
         "the text is not valid TOML: Expected ']' at the end of a table declaration "
         "(at line 1, column 9)."),
        ("[cadence]\nfriend = -5\n", "cadence.friend must be above zero."),
        ("[cadence]\nfriend = 'often'\n", "cadence.friend must be a number, not 'often'."),
        ("[weights]\ntime = 1e308\n", "weights.time must be at most 1000000."),
        ("[cadense]\nfriend = 3\n", "unknown section 'cadense'. Did you mean 'cadence'?"),
        ("[cadence]\nfriend = " + "9" * 5000 + "\n", "a number is too long to read."),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "the settings are nested too deeply to read."),
        ("# \ud800\n", "the text is not valid Unicode."),
    ],
    ids=["not-toml", "negative-cadence", "not-a-number", "too-large", "unknown-section",
         "5000-digits", "nested-5000-deep", "lone-surrogate"],
)  # fmt: skip
def test_a_config_that_would_break_every_command(
    run, db_path, tmp_path, unchanged, export, config: str, problem: str
) -> None:
    path = _write(tmp_path, json.dumps({**export, "config": config}))
    assert _refused(run, db_path, unchanged, path) == (
        f'In the "config" of {path}, {problem} Nothing was imported.'
    )


def test_a_bad_config_is_refused_on_a_dry_run_too(run, db_path, tmp_path, unchanged, export):
    path = _write(tmp_path, json.dumps({**export, "config": "[cadence]\nfriend = -5\n"}))
    run("people")
    with unchanged():
        result = run("import", str(path), "--dry-run", expect=7)
    assert result.stderr.startswith(f'In the "config" of {path}, cadence.friend must be')


def test_a_bad_config_never_replaces_yours(run, db_path, tmp_path, unchanged, export) -> None:
    run("add", "Sam")
    mine = db_path.parent / "config.toml"
    mine.write_text("[cadence]\nfriend = 45\n", encoding="utf-8")
    path = _write(tmp_path, json.dumps({**export, "config": "[cadence]\nfriend = -5\n"}))
    with unchanged():
        run("import", str(path), "--replace", expect=7)
    assert mine.read_text(encoding="utf-8") == "[cadence]\nfriend = 45\n"
    assert sorted(p.name for p in db_path.parent.iterdir() if "config" in p.name) == ["config.toml"]
    assert not list(db_path.parent.glob("*.before-import.*"))


def test_a_bad_row_with_replace_leaves_no_copy_behind(run, db_path, tmp_path, unchanged, export):
    """The copy kept before --replace is for the data replaced; when nothing is, it goes."""
    run("add", "Sam")
    path = _write(tmp_path, json.dumps(_person(export, "name", "Maya \ud800")))
    with unchanged():
        run("import", str(path), "--replace", expect=7)
    assert not list(db_path.parent.glob("*.before-import.*"))
    assert not (db_path.parent / "config.toml").exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[cadence]\nfriend = -5\n", "cadence.friend must be above zero."),
        ("[cadence\n", "the text is not valid TOML: Expected ']' at the end of a table "
                       "declaration (at line 1, column 9)."),
    ],
    ids=["negative-cadence", "not-toml"],
)  # fmt: skip
def test_your_own_config_is_checked_by_the_same_rules(run, db_path, text, problem) -> None:
    run("add", "Maya")
    (db_path.parent / "config.toml").write_text(text, encoding="utf-8")
    result = run("nudge", expect=7)
    assert result.stderr == f"In {db_path.parent / 'config.toml'}, {problem}\n"


# --- properties: whatever the file holds, exit 0 or 7, never a crash ----------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([INT64_MAX, INT64_MAX + 1, -(2**63), -(2**63) - 1, MAX_ID, MAX_ID + 1])
    | st.floats(allow_nan=False)
    | st.text(st.characters(exclude_categories=()), max_size=8)
    | st.sampled_from(["\ud800", "a\udfffb", "2026-02-30", "25:00", "FREQ=DAILY", "", "x" * 36])
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=6,
)  # fmt: skip


def _places(export: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every spot a hostile value can go: a cell, a table's parts, the top level."""
    spots: list[tuple[str, ...]] = [(key,) for key in export]
    for table, entry in export["tables"].items():
        spots += [("tables", table), ("tables", table, "columns"), ("tables", table, "rows")]
        for r, row in enumerate(entry["rows"]):
            spots += [("tables", table, "rows", str(r), str(c)) for c in range(len(row))]
    return spots


def _put(document: Any, spot: tuple[str, ...], value: Any) -> None:
    *path, last = spot
    for key in path:
        document = document[int(key)] if isinstance(document, list) else document[key]
    if isinstance(document, list):
        document[int(last)] = value
    else:
        document[last] = value


_counter = itertools.count()


def _import_outcome(run, tmp_path: Path, empty: Path, text: str) -> None:
    """Import ``text`` into a new empty database: exit 0 and a database (and config) that
    later commands read, or exit 7 with nothing written."""
    folder = tmp_path / f"example{next(_counter)}"
    folder.mkdir(mode=0o700)
    target = folder / "supportnet.db"
    shutil.copy(empty, target)
    before = dump(target)
    path = folder / "hostile.json"
    path.write_text(text, encoding="utf-8")
    result = run("--db", str(target), "import", str(path), expect=None)
    assert result.exit_code in (0, 7), result.stderr
    if result.exit_code == 7:
        assert dump(target) == before, "the database changed"
        assert not (folder / "config.toml").exists()
        assert len(result.stderr.splitlines()) == 1
    else:
        run("--db", str(target), "config")
        run("--db", str(target), "people")


_PROPERTY = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_PROPERTY
@given(data=st.data())
def test_any_value_anywhere_is_imported_or_refused(run, tmp_path, empty, export, data) -> None:
    changed = copy.deepcopy(export)
    spot = data.draw(st.sampled_from(_places(export)), label="spot")
    _put(changed, spot, data.draw(_VALUES, label="value"))
    _import_outcome(run, tmp_path, empty, json.dumps(changed))


@_PROPERTY
@given(config=st.text(st.characters(exclude_categories=()), max_size=40) | st.sampled_from([
    "[cadence]\nfriend = -5\n", "[cadence]\nfriend = 0.5\n", "[nudge]\ntime_cap = 1e999\n",
    "[cadence]\nfriend = 9223372036854775808\n", "[windows]\n", "cadence = 3\n"]))  # fmt: skip
def test_any_config_text_is_imported_or_refused(run, tmp_path, empty, export, config: str) -> None:
    _import_outcome(run, tmp_path, empty, json.dumps({**export, "config": config}))


@_PROPERTY
@given(
    depth=st.integers(min_value=0, max_value=3000),
    opener=st.sampled_from(["[", '{"a":']),
    spot=st.sampled_from(["top", "cell", "config", "sequences"]),
)
def test_nesting_at_any_depth_is_imported_or_refused(
    run, tmp_path, empty, export, depth: int, opener: str, spot: str
) -> None:
    closer = "]" if opener == "[" else "}"
    deep = opener * depth + "1" + closer * depth
    text = json.dumps({**export, "x": "@@"}) if spot == "top" else json.dumps(export)
    if spot == "cell":
        text = text.replace('"Maya L\\u00f3pez"', '"@@"', 1)
    elif spot == "config":
        text = text.replace('"config": "[cadence]\\nfriend = 21\\n"', '"config": "@@"')
    elif spot == "sequences":
        text = text.replace('"sequences": {', '"sequences": {"deep": "@@", ', 1)
    assert '"@@"' in text
    _import_outcome(run, tmp_path, empty, text.replace('"@@"', deep))


# --- the indexes are set aside while the rows go in (dumpimport._set_aside_schema) ---


def _schema(path: Path) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()


def _in_layout(run, tmp_path: Path, export: dict[str, Any], table: str) -> Path:
    """``export`` written by the exporter itself (its own layout, read as it is written),
    with the rows of ``table`` put in as they are, past the database's own rules."""
    import sqlite3

    from supportnet.exchange.jsondump import write_dump

    source = tmp_path / "in-layout" / "supportnet.db"
    without = {name: t for name, t in export["tables"].items() if name != table}
    run(
        "--db",
        str(source),
        "import",
        str(_write(tmp_path, json.dumps(export | {"tables": without}))),
    )
    conn = sqlite3.connect(source)
    try:
        conn.execute(f'DROP INDEX "{table}_person"')
        rows = export["tables"][table]["rows"]
        conn.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(rows[0]))})', rows)
        path = tmp_path / "layout.json"
        with path.open("w", encoding="utf-8") as out:
            write_dump(conn, out, None)
    finally:
        conn.close()
    return path


@pytest.mark.parametrize("layout", ["as exported", "on one line"])
def test_rows_a_unique_index_refuses_are_refused(
    run, db_path, tmp_path, unchanged, export, layout
) -> None:
    """The indexes come back after the rows (dumpimport._set_aside_schema): two snoozes
    of one person are refused as they were row by row, and the schema is whole after."""
    snoozes = export["tables"]["nudge_snooze"]
    assert snoozes["columns"] == ["id", "person_id", "community_id", "until_on", "snoozed_on"]
    snoozes["rows"] = [[1, 1, None, "2026-07-01", "2026-06-01"],
                       [2, 1, None, "2026-08-01", "2026-06-02"]]  # fmt: skip
    if layout == "as exported":
        path = _in_layout(run, tmp_path, export, "nudge_snooze")
    else:
        path = _write(tmp_path, json.dumps(export))
    run("people")
    before = _schema(db_path)
    assert ("index", "nudge_snooze_person") in [(kind, name) for kind, name, _, _ in before]
    with unchanged():
        result = run("import", str(path), expect=7)
    assert result.stderr == (
        f"{path}: two rows of 'nudge_snooze' have the same person_id (1); nothing was imported.\n"
    )
    assert _schema(db_path) == before
