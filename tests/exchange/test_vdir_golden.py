"""The item files byte for byte (golden files in tests/data/vdir/), and a property:
export -> import -> export of an address-book vdir changes nothing.

The database gets a fixed identity, so every UID (and file name) is known; an
event's DTSTAMP (when it was written) is the only changing value, and is replaced.
To see a changed file, run with ``SUPPORTNET_GOLDEN=write`` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "vdir"
IDENTITY = "0f6b5a3e-8c1d-4f2a-9b7e-1d2c3b4a5f60"


def _fix_identity(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE database_identity SET uuid = ?", (IDENTITY,))
    conn.close()


def _network(run, db_path: Path) -> None:
    run("add", "Maya Lopez", "--circle", "close", "--phone", "+1 555 0100",
        "--email", "maya@example.org", "--birthday", "1990-03-14", "--nickname", "May",
        "--tag", "chorus", "--note", "Sings alto;\nlikes long walks, and tea")  # fmt: skip
    run("add", "Sam O'Hara", "--circle", "friend", "--birthday", "02-29")
    run("add", "Dr. Ana Björk", "--circle", "professional")
    run("archive", "Ana")
    run("group", "add", "Chorus", "--kind", "chorus", "--meets", "every wed 19:00",
        "--person", "Maya")  # fmt: skip
    run("plan", "add", "coffee", "--with", "Maya", "--with", "Sam", "--every", "2 weeks",
        "--on", "fri", "--at", "10:00", "--starting", "2026-05-01")  # fmt: skip
    run("skip", "coffee", "--on", "2026-06-12")
    _fix_identity(db_path)


def _named(folder: Path) -> dict[str, bytes]:
    """Each file by a readable name: its kind and FN or SUMMARY."""
    named = {}
    for path in sorted(folder.iterdir()):
        data = re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:(when written)", path.read_bytes())
        data = re.sub(rb"supportnet \d+\.\d+\.\d+\S*//", b"supportnet (version)//", data)
        title = re.search(rb"^(?:FN|SUMMARY):(.*?)\r$", data, re.M)
        assert title, path
        key = re.sub(r"[^a-z0-9]+", "-", title.group(1).decode().lower()).strip("-")
        named[f"{key}{path.suffix}"] = f"{path.name}\n".encode() + data
    return named


def _compare(found: dict[str, bytes], kind: str) -> None:
    folder = GOLDEN / kind
    if os.environ.get("SUPPORTNET_GOLDEN") == "write":
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for name, data in found.items():
            (folder / name).write_bytes(data)
    expected = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    assert sorted(found) == sorted(expected)
    for name, data in found.items():
        assert data == expected[name], name


def test_golden_cards_4_0(run, db_path: Path, tmp_path: Path):
    _network(run, db_path)
    run("export", "--format", "vdir", str(tmp_path / "book"))
    _compare(_named(tmp_path / "book"), "cards-4.0")


def test_golden_cards_3_0_with_categories(run, db_path: Path, tmp_path: Path):
    _network(run, db_path)
    run("export", "--format", "vdir", str(tmp_path / "book"), "--vcard-version", "3.0",
        "--groups", "categories")  # fmt: skip
    _compare(_named(tmp_path / "book"), "cards-3.0-categories")


def test_golden_events(run, db_path: Path, tmp_path: Path):
    _network(run, db_path)
    run("calendar", "export", "--vdir", str(tmp_path / "plans"), "--alarm", "1d", "--alarm", "1h")
    _compare(_named(tmp_path / "plans"), "events")


# --- export -> import -> export is stable -------------------------------------------

_word = st.text(st.characters(categories=("L",), max_codepoint=0x17F), min_size=1, max_size=8)
_note = st.text(st.characters(categories=("L", "Zs", "P")), min_size=1, max_size=30)
_person = st.fixed_dictionaries(
    {
        "name": st.tuples(_word, _word).map(" ".join),
        "circle": st.sampled_from(["inner", "close", "friend", "acquaintance"]),
        "phones": st.lists(st.integers(10_000, 99_999_999).map(lambda n: f"+1 {n}"), max_size=2),
        "note": st.none() | _note.filter(str.strip),
        "tags": st.lists(_word, max_size=2),
        "birthday": st.none() | st.dates(dt.date(1950, 1, 1), dt.date(2005, 12, 31)),
    }
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=st.lists(_person, min_size=1, max_size=4, unique_by=lambda p: p["name"].lower()),
       version=st.sampled_from(["4.0", "3.0"]),
       groups=st.sampled_from(["cards", "categories"]))  # fmt: skip
def test_export_import_export_is_stable(run, tmp_path_factory, people, version, groups):
    home = tmp_path_factory.mktemp("roundtrip")
    kept, os.environ["SUPPORTNET_DB"] = os.environ["SUPPORTNET_DB"], str(home / "supportnet.db")
    try:
        _round_trip(run, home, people, version, groups)
    finally:
        os.environ["SUPPORTNET_DB"] = kept


def _round_trip(run, home: Path, people: list[dict], version: str, groups: str) -> None:
    for person in people:
        args = ["add", person["name"], "--circle", person["circle"], "--force"]
        for phone in person["phones"]:
            args += ["--phone", phone]
        for tag in person["tags"]:
            args += ["--tag", tag]
        if person["note"]:
            args += ["--note", person["note"]]
        if person["birthday"]:
            args += ["--birthday", person["birthday"].isoformat()]
        run(*args)
    book = home / "book"
    options = ["--vcard-version", version, "--groups", groups]
    run("export", "--format", "vdir", str(book), *options)
    first = {p.name: p.read_bytes() for p in book.iterdir()}
    before = run("people", "--json").stdout
    result = run("import", "--vdir", str(book), "--json")
    assert '"added": 0' in result.stdout and '"updated": 0' in result.stdout
    assert run("people", "--json").stdout == before
    run("export", "--format", "vdir", str(book), *options)
    assert {p.name: p.read_bytes() for p in book.iterdir()} == first
