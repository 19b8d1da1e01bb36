"""JSON export/import round trips, and CSV export."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from benchmarks.scaled import build_scaled
from supportnet import db
from supportnet.exchange.jsondump import FORMAT_VERSION, user_tables
from supportnet.migrations import all_migrations
from supportnet.sample import build_sample
from tests.conftest import TODAY, dump, without_column


def _network(path: Path, *, scaled: bool = False) -> None:
    conn = db.open_database(path)
    with db.write_session(conn) as session:
        build_sample(session, TODAY)
    with db.transaction(conn):
        if scaled:
            build_scaled(conn, TODAY, people=40, gettogethers=400, plans=2, communities=2,
                         favors=30, events=5, seed=3)  # fmt: skip
        # Gaps in the ids and an archived person: the counters must survive too.
        conn.execute("DELETE FROM gettogether WHERE id IN (3, 4)")
        conn.execute("UPDATE person SET archived_on = '2026-01-01' WHERE id = 8")
        conn.execute(
            "INSERT INTO person (name, circle, added_on)"
            " VALUES ('Gone Soon', 'friend', '2026-01-01')"
        )
        conn.execute("DELETE FROM person WHERE name = 'Gone Soon'")
    conn.close()


def _without_stamps(path: Path) -> str:
    return "\n".join(line for line in dump(path).splitlines() if "schema_migration" not in line)


def test_json_round_trip_is_exact(run, db_path: Path, tmp_path: Path) -> None:
    _network(db_path, scaled=True)
    (db_path.parent / "config.toml").write_text("[cadence]\nfriend = 21\n", encoding="utf-8")
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    run("export", "--format", "json", "-o", str(first))
    fresh = tmp_path / "fresh" / "supportnet.db"
    result = run("--db", str(fresh), "import", str(first))
    assert result.stdout.startswith("Imported 52 people (")
    assert result.stdout.endswith(
        f"The config file {fresh.parent / 'config.toml'} was written from the export.\n"
    )
    run("--db", str(fresh), "export", "--format", "json", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert _without_stamps(fresh) == _without_stamps(db_path)
    assert (fresh.parent / "config.toml").read_text(encoding="utf-8") == "[cadence]\nfriend = 21\n"
    # The next id handed out is the same in both: the AUTOINCREMENT counters came along.
    run("add", "Next One")
    run("--db", str(fresh), "add", "Next One")
    assert _without_stamps(fresh) == _without_stamps(db_path)


def test_json_layout(run, db_path: Path) -> None:
    _network(db_path)
    data = json.loads(run("export", "--format", "json").stdout)
    assert list(data) == [
        "format", "format_version", "supportnet_version", "migrations", "config",
        "sequences", "tables"]  # fmt: skip
    assert (data["format"], data["format_version"]) == ("supportnet-export", FORMAT_VERSION)
    assert data["migrations"] == [m.label for m in all_migrations()]
    conn = sqlite3.connect(db_path)
    assert list(data["tables"]) == user_tables(conn)
    assert "schema_migration" not in data["tables"]
    person = data["tables"]["person"]
    assert person["columns"][:3] == ["id", "name", "circle"]
    assert person["rows"][1][:3] == [2, "Sam Carter", "close"]
    assert [r[0] for r in person["rows"]] == sorted(r[0] for r in person["rows"])
    for table, entry in data["tables"].items():
        count = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        assert len(entry["rows"]) == count, table


def test_import_refuses_a_database_with_data(run, db_path: Path, tmp_path: Path, unchanged):
    _network(db_path)
    export = tmp_path / "e.json"
    run("export", "--format", "json", "-o", str(export))
    with unchanged():
        result = run("import", str(export), expect=6)
    assert result.stderr == (
        "The database already holds data (12 people); a JSON export is imported only into an "
        "empty database. Use --replace to replace everything in it (a copy of the current "
        "database is kept), or --db to choose a new file.\n"
    )


def test_a_database_with_no_people_says_what_it_holds(run, tmp_path: Path, unchanged):
    # A database with only a crisis line was refused as holding "0 people".
    export = tmp_path / "e.json"
    run("add", "Maya")
    run("export", "--format", "json", "-o", str(export))
    run("--db", str(tmp_path / "other.db"), "resources", "add", "Crisis line", "--phone", "988")
    result = run("--db", str(tmp_path / "other.db"), "import", str(export), expect=6)
    assert result.stderr.startswith("The database already holds data (1 row of 'resource'); ")


def _counts(path: Path) -> dict[str, int]:
    """Rows per table that holds any, but the database's own identity row."""
    conn = sqlite3.connect(path)
    try:
        counts = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                  for table in user_tables(conn) if table != "database_identity"}  # fmt: skip
    finally:
        conn.close()
    return {table: n for table, n in counts.items() if n}


def test_import_replace_keeps_a_copy(run, db_path: Path, tmp_path: Path) -> None:
    _network(db_path)
    export = tmp_path / "e.json"
    run("export", "--format", "json", "-o", str(export))
    before = _without_stamps(db_path)
    run("add", "Added Later")
    dry = run("import", str(export), "--replace", "--dry-run")
    assert dry.stdout.splitlines()[1] == (
        "Without --dry-run it would replace everything the database holds now (13 people, "
        f"{sum(_counts(db_path).values())} rows in all); a copy of it would be kept beside it."
    )
    said = json.loads(run("import", str(export), "--replace", "--dry-run", "--json").stdout)
    assert said["replaced"] == _counts(db_path) and said["replaced"]["person"] == 13
    assert not list(db_path.parent.glob("supportnet.before-import.*.db"))
    result = run("import", str(export), "--replace")
    kept = sorted(db_path.parent.glob("supportnet.before-import.*.db"))
    assert len(kept) == 1
    assert result.stdout.splitlines()[1] == f"The database as it was before is kept in {kept[0]}."
    assert _without_stamps(db_path) == before
    assert "Added Later" in [
        r[0] for r in sqlite3.connect(kept[0]).execute("SELECT name FROM person")
    ]


def test_import_json_dry_run(run, db_path: Path, tmp_path: Path, unchanged) -> None:
    _network(tmp_path / "source.db")
    export = tmp_path / "e.json"
    run("--db", str(tmp_path / "source.db"), "export", "--format", "json", "-o", str(export))
    run("people")  # create the (empty) database
    with unchanged():
        result = run("import", str(export), "--dry-run")
    assert result.stdout.startswith(f"{export} is a valid export: 12 people, ")
    assert result.stdout.endswith(" in all. Dry run: nothing was written.\n")
    assert not (db_path.parent / "config.toml").exists()


def _export(run, db_path: Path, tmp_path: Path) -> dict:
    _network(tmp_path / "source.db")
    text = run("--db", str(tmp_path / "source.db"), "export", "--format", "json").stdout
    return json.loads(text)


def _bad(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format_version=FORMAT_VERSION + 1),
         "{path} was written by a newer supportnet (export format 2; this version reads up to "
         "1). Install the newer version to import it; nothing was imported."),
        (lambda d: d["migrations"].append("0999_future"),
         "{path} was written by a newer supportnet (its database had 0999_future); install the "
         "newer version to import it. Nothing was imported."),
        (lambda d: d.update(format="something-else"),
         '{path} is JSON but not a supportnet export (no "format": "supportnet-export"); '
         "nothing was imported."),
        (lambda d: d["tables"].update(spaceship={"columns": ["id"], "rows": [[1]]}),
         "{path} has a table this version does not know ('spaceship'); nothing was imported."),
        (lambda d: d["tables"]["person"]["columns"].append("shoe_size"),
         "{path}: table 'person' has a column this version does not know ('shoe_size'); "
         "nothing was imported."),
        (lambda d: d["tables"]["person"]["rows"][3].pop(),
         "{path}: row 4 of 'person' does not have 11 values; nothing was imported."),
        (lambda d: d["tables"]["person"]["rows"][0].__setitem__(2, "bestie"),
         "{path}: a row of 'person' is not valid here (CHECK constraint failed: circle IN "
         "('inner', 'close', 'friend', 'acquaintance', 'prospect', 'professional')); nothing "
         "was imported."),
        # the sample's Maya (person 1) is someone to ask for help (safety_role), too
        (lambda d: d["tables"]["person"]["rows"].pop(0),
         "{path}: a row of 'safety_role' (person_id 1) refers to a missing row of 'person'; "
         "nothing was imported."),
        # Two rows with one key: named, whether the row is refused on its way in (a
        # primary key) or when an index set aside during the import is made again.
        (lambda d: d["tables"]["person"]["rows"].append([*d["tables"]["person"]["rows"][2]]),
         "{path}: two rows of 'person' have the same id (3); nothing was imported."),
        (lambda d: d["tables"]["person_tag"]["rows"].append([5, "book club"]),
         "{path}: two rows of 'person_tag' have the same person_id and tag (5, 'book club'); "
         "nothing was imported."),
        (lambda d: d["tables"]["safety_role"]["rows"].append(
            [99, *d["tables"]["safety_role"]["rows"][0][1:]]),
         "{path}: two rows of 'safety_role' have the same person_id and role "
         "(1, 'ask_for_help'); nothing was imported."),
        # community_member has no rowid (WITHOUT ROWID): the reference is found all the same
        (lambda d: d["tables"]["community_member"]["rows"][0].__setitem__(1, 404),
         "{path}: a row of 'community_member' (person_id 404) refers to a missing row of "
         "'person'; nothing was imported."),
    ],
    ids=["newer-format", "newer-schema", "not-ours", "unknown-table", "unknown-column",
         "short-row", "check-constraint", "dangling-reference", "same-id",
         "same-tag", "same-role", "dangling-member"],
)  # fmt: skip
def test_bad_json_changes_nothing(run, db_path, tmp_path, unchanged, change, message) -> None:
    data = _export(run, db_path, tmp_path)
    change(data)
    path = _bad(tmp_path, data)
    run("people")
    with unchanged():
        result = run("import", str(path), expect=7)
    assert result.stderr == message.format(path=path) + "\n"


@pytest.mark.parametrize(
    ("table", "reason"),
    [("favor", "a favor is recorded once it has happened"),
     ("gettogether", "a get-together is logged once it has happened")],
)  # fmt: skip
@pytest.mark.parametrize("layout", ["export", "other"])
def test_an_import_obeys_the_rules_that_need_today(
    run, db_path, tmp_path, unchanged, table: str, reason: str, layout: str
) -> None:
    """The JSON import is a writer too: a favor or a get-together dated after today is
    refused (as `favor` and `log` refuse it, by the same check) and nothing is imported,
    whether the file is read as it streams (the export's layout) or whole.  The day is
    the import's own: with --today on that day or later the file is welcome."""
    data = _export(run, db_path, tmp_path)
    rows = data["tables"][table]
    first = rows["rows"][0]
    day = rows["columns"].index("on_date")
    if layout == "export":  # the export's own text, with one date changed
        text = run("--db", str(tmp_path / "source.db"), "export", "--format", "json").stdout
        row = json.dumps(first, ensure_ascii=False)
        assert text.count(row) == 1
        first[day] = "2026-06-11"
        path = _bad(tmp_path, text.replace(row, json.dumps(first, ensure_ascii=False)))
    else:
        first[day] = "2026-06-11"
        path = _bad(tmp_path, data)
    run("people")
    with unchanged():
        result = run("import", str(path), expect=7)
        assert run("import", str(path), "--dry-run", expect=7).stderr == result.stderr
    assert result.stderr == (
        f"{path}: row 1 of {table!r} has on_date '2026-06-11', after today (2026-06-10): "
        f"{reason}; nothing was imported.\n"
    )
    run("--today", "2026-06-11", "import", str(path))
    conn = db.open_database(db_path)
    try:
        found = conn.execute(f"SELECT on_date FROM {table} WHERE id = ?", (first[0],)).fetchone()
    finally:
        conn.close()
    assert found == ("2026-06-11",)


@pytest.mark.parametrize("layout", ["export", "other"])
def test_a_refused_import_leaves_no_new_database(run, tmp_path, layout: str) -> None:
    """An import into a database that does not exist yet, refused for a row, leaves no
    file behind, whether the row was found while the file streamed in (the export's
    layout, after the database was made) or when it was read whole (before)."""
    _network(tmp_path / "source.db")
    text = run("--db", str(tmp_path / "source.db"), "export", "--format", "json").stdout
    data = json.loads(text)
    row = data["tables"]["person"]["rows"][1]
    short = json.dumps(row[:-1], ensure_ascii=False)
    if layout == "export":
        assert text.count(json.dumps(row, ensure_ascii=False)) == 1
        path = _bad(tmp_path, text.replace(json.dumps(row, ensure_ascii=False), short))
    else:
        data["tables"]["person"]["rows"][1] = row[:-1]
        path = _bad(tmp_path, data)
    new = tmp_path / "new.db"
    result = run("--db", str(new), "import", str(path), expect=7)
    assert result.stderr == (
        f"{path}: row 2 of 'person' does not have 11 values; nothing was imported.\n"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("new")] == []
    run("--db", str(new), "import", str(tmp_path / "source.json"), expect=7)  # no such file
    assert not new.exists()
    (tmp_path / "good.json").write_text(text, encoding="utf-8")
    run("--db", str(new), "import", str(tmp_path / "good.json"))
    assert new.exists()


@pytest.mark.parametrize("layout", ["export", "other"])
def test_an_export_must_be_utf8(run, db_path, tmp_path, layout: str) -> None:
    """One byte that is not UTF-8 (an editor saved the file as Windows-1252) refuses
    the file, naming its line, in either reading: no guessed encoding changes a name.
    UTF-8 with a byte-order mark and UTF-16 with one read as the export itself."""
    _network(tmp_path / "source.db")
    text = run("--db", str(tmp_path / "source.db"), "export", "--format", "json").stdout
    if layout == "other":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert text.count("Maya López") == 1
    line = text[: text.index("Maya López")].count("\n") + 1
    path = tmp_path / "latin.json"
    path.write_bytes(text.encode("cp1252", errors="replace"))
    result = run("import", str(path), expect=7)
    assert result.stderr == (
        f"{path} is not UTF-8 text (line {line} holds a byte UTF-8 does not have); "
        "supportnet's exports are UTF-8: save it as UTF-8 and import it again. "
        "Nothing was imported.\n"
    )
    assert not db_path.exists()
    for encoding in ("utf-8-sig", "utf-16"):
        path.write_bytes(text.encode(encoding))
        assert run("import", str(path), "--dry-run").stdout.startswith(
            f"{path} is a valid export: 12 people, "
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "supportnet-export", ', "{path} is not valid JSON (line 1, column 33: "
         "Expecting property name enclosed in double quotes); nothing was imported."),
        ("[1, 2, 3]", '{path} is JSON but not a supportnet export (no "format": '
         '"supportnet-export"); nothing was imported.'),
    ],
    ids=["truncated", "a-list"],
)  # fmt: skip
def test_broken_json(run, db_path, tmp_path, unchanged, text: str, message: str) -> None:
    run("people")
    path = _bad(tmp_path, text)
    with unchanged():
        result = run("import", str(path), expect=7)
    assert result.stderr == message.format(path=path) + "\n"


def test_an_import_failing_midway_leaves_nothing_behind(
    run, db_path: Path, tmp_path: Path, unchanged, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _export(run, db_path, tmp_path)
    path = _bad(tmp_path, data)
    run("people")
    from supportnet.exchange import dumpimport

    real = dumpimport._restore_sequences

    def explode(*args: object) -> None:
        real(*args)  # every row is in by now
        raise RuntimeError("power cut")

    monkeypatch.setattr(dumpimport, "_restore_sequences", explode)
    with unchanged():
        run("import", str(path), expect=1)


def test_config_of_the_export_never_overwrites_yours(run, db_path: Path, tmp_path: Path) -> None:
    _network(tmp_path / "source.db")
    (tmp_path / "config.toml").write_text("[cadence]\nfriend = 10\n", encoding="utf-8")
    export = tmp_path / "e.json"
    run("--db", str(tmp_path / "source.db"), "export", "--format", "json", "-o", str(export))
    db_path.parent.mkdir(parents=True)
    mine = db_path.parent / "config.toml"
    mine.write_text("[cadence]\nfriend = 45\n", encoding="utf-8")
    result = run("import", str(export))
    beside = db_path.parent / "config.imported.toml"
    assert result.stdout.splitlines()[-1] == (
        f"Your config file {mine} was kept; the exported settings are in {beside}."
    )
    assert mine.read_text(encoding="utf-8") == "[cadence]\nfriend = 45\n"
    assert beside.read_text(encoding="utf-8") == "[cadence]\nfriend = 10\n"


def _replacing_import(run, db_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """An export (with its config) and a database with other data and config to replace."""
    _network(tmp_path / "source.db")
    (tmp_path / "config.toml").write_text("[cadence]\nfriend = 10\n", encoding="utf-8")
    export = tmp_path / "e.json"
    run("--db", str(tmp_path / "source.db"), "export", "--format", "json", "-o", str(export))
    run("add", "Only Mine")
    mine = db_path.parent / "config.toml"
    mine.write_text("[cadence]\nfriend = 45\n", encoding="utf-8")
    return export, mine


def test_ctrl_c_as_the_import_lands_keeps_the_copy_and_says_it_landed(
    run, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    # Ctrl-C is held off while the transaction ends and raised as it is let through.
    # The import had landed: the copy of the old database (its only copy) was deleted
    # and the config put back, under "your data was not changed".
    import contextlib

    export, mine = _replacing_import(run, db_path, tmp_path)

    @contextlib.contextmanager
    def delivered_at_the_end():
        yield
        raise KeyboardInterrupt

    monkeypatch.setattr(db, "signals_held", delivered_at_the_end)
    result = run("import", str(export), "--replace")
    assert result.stdout.startswith("Imported 12 people")
    (kept,) = db_path.parent.glob("supportnet.before-import.*.db")
    assert [r[0] for r in sqlite3.connect(kept).execute("SELECT name FROM person")] == ["Only Mine"]
    (old_config,) = db_path.parent.glob("config.before-import.*.toml")
    assert old_config.read_text(encoding="utf-8") == "[cadence]\nfriend = 45\n"
    assert mine.read_text(encoding="utf-8") == "[cadence]\nfriend = 10\n"


def test_ctrl_c_while_the_config_is_replaced_puts_it_back(
    run, db_path: Path, tmp_path: Path, monkeypatch, unchanged
) -> None:
    # The signal landed after the rename, while the folder was synced: the copy of the
    # user's config was deleted although the file had been replaced.
    from supportnet.exchange import dumpconfig

    export, mine = _replacing_import(run, db_path, tmp_path)
    write = dumpconfig._write_private

    def replaced_then_interrupted(path: Path, text: str) -> None:
        write(path, text)
        if text == "[cadence]\nfriend = 10\n":
            raise KeyboardInterrupt

    monkeypatch.setattr(dumpconfig, "_write_private", replaced_then_interrupted)
    with unchanged():
        assert run("import", str(export), "--replace", expect=130).stderr == (
            "Interrupted; anything half-done was not saved.\n"
        )
    assert mine.read_text(encoding="utf-8") == "[cadence]\nfriend = 45\n"
    assert not list(db_path.parent.glob("*.before-import.*"))


def test_insert_triggers_write_only_derived_tables(db_path: Path) -> None:
    """The JSON import writes rows verbatim. A trigger that fires on INSERT and adds
    rows to a table the export holds would break the exact round trip: such a
    trigger may only keep a derived table (db.DERIVED_TABLES, which exports leave
    out and imports rebuild), or the import must learn about it (exchange/dumpimport.py)."""
    conn = db.open_database(db_path)
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master"
        " WHERE type = 'trigger' AND upper(sql) LIKE '%INSERT ON%'"
    ):
        written = set(re.findall(r"(?:INSERT INTO|(?<!DO )UPDATE|DELETE FROM)\s+(\w+)", sql, re.I))
        assert written <= db.DERIVED_TABLES, (name, written)


def test_export_refuses_the_database_itself(run, db_path: Path, unchanged) -> None:
    run("add", "Maya")
    with unchanged():
        result = run("export", "--format", "json", "-o", str(db_path), expect=7)
    assert result.stderr == f"{db_path} is the database itself; choose another file to export to.\n"


def test_export_format_and_what_are_checked(run, db_path: Path) -> None:
    run("add", "Maya")
    assert run("export", "--format", "xml", expect=5).stderr == (
        "Unknown format 'xml'. Known: vcf, json, csv, vdir.\n"
    )
    assert run("export", "--format", "jsn", expect=5).stderr.startswith(
        "Unknown format 'jsn'. Did you mean json?"
    )
    assert run("export", "--format", "csv", expect=2).stderr == (
        "Say what to export as CSV: --what people, gettogethers, favors.\n"
    )
    assert run("export", "--format", "json", "--what", "people", expect=2).stderr == (
        "--what is for CSV only; JSON and vCard exports hold everything.\n"
    )


def _csv(run, what: str) -> list[dict[str, str]]:
    text = run("export", "--format", "csv", "--what", what).stdout
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_people(run, db_path: Path) -> None:
    _network(db_path)
    rows = _csv(run, "people")
    assert len(rows) == 12
    assert rows[1] == {
        "id": "2",
        "name": "Sam Carter",
        "circle": "close",
        "cadence_days": "14",
        "birthday": f"1990-{(TODAY.month):02d}-16",
        "nicknames": "Sammy",
        "tags": "climbing; work",
        "phones": "'+1 555 0102",  # a spreadsheet would read +1 ... as a formula
        "emails": "sam.carter@example.com",
        "how_met": "old job, 2019",
        "note": "Loves bouldering; ask about the new job hunt.",
        "added_on": "2025-05-26",
        "archived_on": "",
        "last_contact": "2026-05-05",
    }
    assert rows[7]["archived_on"] == "2026-01-01"


def test_csv_gettogethers_and_favors(run, db_path: Path) -> None:
    _network(db_path)
    conn = sqlite3.connect(db_path)
    gettogethers = _csv(run, "gettogethers")
    assert len(gettogethers) == conn.execute("SELECT count(*) FROM gettogether").fetchone()[0]
    assert list(gettogethers[0]) == [
        "id", "date", "time", "kind", "what", "in_person", "place", "people", "community",
        "plan", "duration_minutes", "note"]  # fmt: skip
    barbecue = next(g for g in gettogethers if g["what"] == "Barbecue in the yard")
    assert (barbecue["people"], barbecue["in_person"]) == ("Leo Martins; Maya López", "yes")
    chorus = [g for g in gettogethers if g["community"] == "Riverside Community Chorus"]
    assert chorus and all(g["kind"] == "group meeting" for g in chorus)
    favors = _csv(run, "favors")
    assert favors[-1] == {
        "id": "7", "date": "2026-05-11", "direction": "given", "kind": "meal",
        "what": "Cooked for Ana and Grace after the concert",
        "people": "Ana Okafor; Grace Kim", "note": ""}  # fmt: skip


def test_csv_to_a_file(run, db_path: Path, tmp_path: Path) -> None:
    _network(db_path)
    out = tmp_path / "people.csv"
    run("export", "-f", "csv", "-w", "people", "-o", str(out))
    assert out.read_bytes().startswith(b"id,name,circle,")
    assert b"\r\n" in out.read_bytes()
    assert not list(tmp_path.glob(".*.part"))


def test_an_import_that_another_import_beat_is_refused_as_holding_data(
    run, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    # Two imports at once: both found the database empty before their transactions, and
    # the second failed on "UNIQUE constraint failed: person.id" (exit 7).
    from supportnet.exchange import dumpimport

    run("--db", str(tmp_path / "source.db"), "add", "Maya Lopez")
    export = tmp_path / "e.json"
    run("--db", str(tmp_path / "source.db"), "export", "--format", "json", "-o", str(export))
    run("people")  # the (empty) database
    found = dumpimport._holds_data
    checks = []

    def another_import_between(conn, tables):
        checks.append(found(conn, tables))
        if len(checks) == 1:  # after the first look, before the transaction
            other = sqlite3.connect(db_path)
            other.execute("INSERT INTO person (name, circle, added_on) VALUES ('Sam', 'friend',"
                          " '2026-06-01')")  # fmt: skip
            other.commit()
            other.close()
        return checks[-1]

    monkeypatch.setattr(dumpimport, "_holds_data", another_import_between)
    for replace in ([], ["--replace"]):  # no copy was taken of what came in between
        checks.clear()
        if replace:
            sqlite3.connect(db_path).execute("DELETE FROM person").connection.commit()
        assert run("import", str(export), *replace, expect=6).stderr.startswith(
            "The database already holds data (1 person); a JSON export is imported only into "
            "an empty database."
        )


def test_an_export_refuses_a_config_no_import_would_take(run, db_path: Path, tmp_path: Path):
    # "Exported to all.json" with a typo in the config; every import then refused it.
    run("add", "Maya")
    (db_path.parent / "config.toml").write_text("[cadance]\nfriend = 21\n", encoding="utf-8")
    out = tmp_path / "all.json"
    result = run("export", "--format", "json", "-o", str(out), expect=7)
    assert "unknown section 'cadance'. Did you mean 'cadence'?" in result.stderr
    assert not out.exists()


def test_an_export_from_before_0014_keeps_the_plans_an_archive_paused(run, tmp_path):
    """Upgrading a database works out which paused plans an archive paused (0014);
    importing that database's older export now does too: restoring resumes them."""
    run("add", "Sam")
    run("plan", "coffee", "--with", "Sam", "--every", "week", "--on", "sat")
    run("plan", "chess", "--with", "Sam", "--every", "week", "--on", "sun")
    run("--today", "2026-06-01", "plan", "pause", "chess")  # by hand, before: stays paused
    run("archive", "Sam")
    data = json.loads(run("export", "--format", "json").stdout)
    without_column(data, "plan", "paused_by_archive")
    data["migrations"] = [m for m in data["migrations"] if m < "0014"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh" / "supportnet.db"
    run("--db", str(fresh), "import", str(old))
    assert "Resumed coffee with Sam (#1)" in run("--db", str(fresh), "restore", "Sam").stdout
    plans = json.loads(run("--db", str(fresh), "plans", "--json").stdout)
    assert [(p["title"], p["status"]) for p in plans] == [("coffee", "active"), ("chess", "paused")]


def test_an_export_with_the_column_keeps_its_own_values(run, tmp_path):
    """A file that has paused_by_archive is taken at its word, whatever its migrations
    say: a plan paused by hand on the day of the archive stays paused."""
    run("add", "Sam")
    run("plan", "coffee", "--with", "Sam", "--every", "week", "--on", "sat")
    run("plan", "chess", "--with", "Sam", "--every", "week", "--on", "sun")
    run("plan", "pause", "chess")  # by hand, the same day as the archive
    run("archive", "Sam")
    data = json.loads(run("export", "--format", "json").stdout)
    data["migrations"] = [m for m in data["migrations"] if m < "0014"]  # hand-edited
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh" / "supportnet.db"
    run("--db", str(fresh), "import", str(edited))
    run("--db", str(fresh), "restore", "Sam")
    plans = json.loads(run("--db", str(fresh), "plans", "--json").stdout)
    assert [(p["title"], p["status"]) for p in plans] == [("coffee", "active"), ("chess", "paused")]
