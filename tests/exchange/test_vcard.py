"""supportnet import/export with vCard files from real address books."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from supportnet import db
from supportnet.exchange.vcard import parse_birthday, read_vcards
from supportnet.sample import build_sample
from tests.conftest import TODAY, dump

DATA = Path(__file__).parents[1] / "data"


def person(db_path: Path, name: str) -> dict[str, Any]:
    """Everything recorded about one person, by exact name, as plain values."""
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute(
            "SELECT id, circle, birthday_month, birthday_day, birthday_year, note, added_on"
            " FROM person WHERE name = ?",
            (name,),
        ).fetchone()
        assert row, f"{name} is not there"
        pid = row[0]

        def strings(sql: str) -> list[str]:
            return [r[0] for r in conn.execute(sql, (pid,))]

        birthday = None
        if row[2]:
            birthday = (
                f"{row[4]:04d}-{row[2]:02d}-{row[3]:02d}"
                if row[4]
                else f"--{row[2]:02d}-{row[3]:02d}"
            )
        return {
            "circle": row[1],
            "birthday": birthday,
            "note": row[5],
            "added_on": row[6],
            "nicknames": strings(
                "SELECT nickname FROM person_nickname WHERE person_id = ? ORDER BY 1"
            ),
            "tags": strings("SELECT tag FROM person_tag WHERE person_id = ? ORDER BY 1"),
            "phones": strings(
                "SELECT value FROM person_contact"
                " WHERE person_id = ? AND kind = 'phone' ORDER BY id"
            ),
            "emails": strings(
                "SELECT value FROM person_contact"
                " WHERE person_id = ? AND kind = 'email' ORDER BY id"
            ),
        }
    finally:
        conn.close()


def names(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def test_apple_contacts_3_0(run, db_path: Path) -> None:
    result = run("import", str(DATA / "apple_3.0.vcf"))
    assert result.stdout == (
        f"Read 2 cards from {DATA / 'apple_3.0.vcf'}.\n2 added, 0 updated, 0 skipped.\n"
    )
    assert person(db_path, "Ana Okafor") == {
        "circle": "acquaintance",
        "birthday": "--07-21",  # X-APPLE-OMIT-YEAR=1604: no year
        "note": "Alto section.\nLoves hiking, tea and crosswords.",
        "added_on": TODAY.isoformat(),
        "nicknames": [],
        "tags": [],
        "phones": ["+1 (555) 010-3333"],
        "emails": ["ana.okafor@example.com"],
    }
    sam = person(db_path, "Sam Carter")
    assert (sam["birthday"], sam["nicknames"]) == ("1990-06-16", ["Sammy"])


def test_google_contacts_3_0(run, db_path: Path) -> None:
    run("import", str(DATA / "google_3.0.vcf"))
    priya = person(db_path, "Priya Nair")
    assert priya["birthday"] == "--03-14"
    assert priya["tags"] == ["Book club"], "Google's own myContacts group is not a tag"
    assert priya["emails"] == ["priya.nair@example.com", "priya@work.example.com"]
    assert priya["nicknames"] == ["Pri"]
    assert priya["note"] == "Met at the library talk."
    assert person(db_path, "Leo Martins")["tags"] == ["Neighbours"]


def test_android_2_1_quoted_printable_with_soft_line_breaks(run, db_path: Path) -> None:
    run("import", str(DATA / "android_2.1.vcf"))
    assert names(db_path) == ["Ayşe Öztürk", "Omar Said"]
    ayse = person(db_path, "Ayşe Öztürk")
    assert ayse["note"] == (
        "İstanbul'dan eski bir arkadaş. Kahve içmeyi çok seviyor ve her hafta sonu yürüyüş yapıyor."
    )
    assert ayse["nicknames"] == ["Ayşo"]  # from X-ANDROID-CUSTOM
    assert ayse["phones"] == ["+90 532 123 45 67", "0212 555 12 34"]
    assert ayse["birthday"] == "1992-11-05"


def test_outlook_2_1_in_windows_1252(run, db_path: Path) -> None:
    run("import", str(DATA / "outlook_2.1.vcf"))
    jurgen = person(db_path, "Jürgen Müller")
    assert jurgen["birthday"] == "1975-08-12"  # basic form 19750812
    assert jurgen["note"] == "Kennengelernt auf der Konferenz.\nSpricht gern über Fußball."
    assert jurgen["emails"] == ["juergen.mueller@example.de"]


def test_thunderbird_4_0(run, db_path: Path) -> None:
    run("import", str(DATA / "thunderbird_4.0.vcf"))
    grace = person(db_path, "Grace Kim")
    assert (grace["birthday"], grace["note"]) == ("1979-05-21", "Alto, sits next to Ana.")
    kenji = person(db_path, "Kenji 佐藤")
    assert (kenji["birthday"], kenji["phones"]) == ("--03-14", ["+81-90-1234-5678"])


def test_khard_3_0_with_lf_line_endings(run, db_path: Path) -> None:
    run("import", str(DATA / "khard_3.0.vcf"), "--circle", "friend")
    assert person(db_path, "Jonas Weber") == {
        "circle": "friend",
        "birthday": "1988-06-12",
        "note": "Belay partner; Tuesdays at the gym.",
        "added_on": TODAY.isoformat(),
        "nicknames": ["Jo", "Jonny"],
        "tags": ["climbing", "friends"],
        "phones": ["+49 160 5550104"],
        "emails": ["jonas@example.net"],
    }


def test_quirks_and_duplicates_inside_one_file(run, db_path: Path) -> None:
    result = run("import", str(DATA / "quirks.vcf"))
    assert result.stdout == (
        f"Read 6 cards from {DATA / 'quirks.vcf'}.\n"
        "4 added, 1 updated, 1 skipped (1 already here with nothing new).\n"
        "  updated Ella Schmidt (#1): added 1 phone [card 3 (line 16)]\n"
        "  card 5 (line 26), nobody@example.com: it has no name (FN or N); named after its email\n"
        "  card 6 (line 30), Tomás Ruiz: email 'not-an-address' left out (not an address)\n"
        "  card 6 (line 30), Tomás Ruiz: birthday 'circa 1980' not understood\n"
    )
    assert names(db_path) == ["Ella Schmidt", "Dr. Noor Haddad", "nobody@example.com", "Tomás Ruiz"]
    ella = person(db_path, "Ella Schmidt")  # folded with a tab; lower-case keywords
    assert ella["birthday"] == "1995-04-20"
    assert ella["phones"] == ["+49 151 2223334"]
    assert ella["emails"] == ["ella@example.de"], "same address in other case: not added"
    assert person(db_path, "Dr. Noor Haddad")["birthday"] == "--04-02"


def test_importing_again_changes_nothing(run, db_path: Path, unchanged) -> None:
    for name in ("apple_3.0.vcf", "google_3.0.vcf", "android_2.1.vcf"):
        run("import", str(DATA / name))
    with unchanged():
        result = run("import", str(DATA / "google_3.0.vcf"))
    assert (
        result.stdout.splitlines()[1]
        == "0 added, 0 updated, 2 skipped (2 already here with nothing new)."
    )


def test_a_card_fills_in_what_is_missing_and_never_overwrites(run, db_path: Path) -> None:
    run("add", "Sam Carter", "--birthday", "1991-01-02", "--note", "Mine", "--circle", "close")
    result = run("import", str(DATA / "apple_3.0.vcf"))
    assert (
        "  updated Sam Carter (#1): added 1 phone, 1 email and 1 nickname [card 2 (line 18)]"
        in (result.stdout.splitlines())
    )
    sam = person(db_path, "Sam Carter")
    assert (sam["birthday"], sam["note"], sam["circle"]) == ("1991-01-02", "Mine", "close")
    assert sam["nicknames"] == ["Sammy"]


def test_match_by_email_even_under_another_name(run, db_path: Path) -> None:
    run("add", "Sammy C", "--email", "SAM.CARTER@example.com")
    run("import", str(DATA / "apple_3.0.vcf"))
    assert names(db_path) == ["Sammy C", "Ana Okafor"]
    assert person(db_path, "Sammy C")["phones"] == ["+1 555 0102"]


def test_match_by_phone_digits(run, db_path: Path) -> None:
    run("add", "Leo", "--phone", "+1-555-0106")
    result = run("import", str(DATA / "google_3.0.vcf"))
    assert "  updated Leo (#1): added 1 tag [card 2 (line 15)]" in result.stdout.splitlines()


def test_a_card_matching_several_people_is_skipped(run, db_path: Path) -> None:
    run("add", "Grace Kim")
    run("add", "Grace Kim", "--force")
    result = run("import", str(DATA / "thunderbird_4.0.vcf"))
    assert "  skipped Grace Kim: several people here are called Grace Kim" in result.stdout
    assert names(db_path) == ["Grace Kim", "Grace Kim", "Kenji 佐藤"]


def test_dry_run_shows_the_same_summary_and_writes_nothing(run, db_path: Path, unchanged) -> None:
    run("add", "Ella Schmidt")
    with unchanged():
        dry = run("import", str(DATA / "quirks.vcf"), "--dry-run")
    real = run("import", str(DATA / "quirks.vcf"))
    assert dry.stdout == real.stdout + "Dry run: nothing was written.\n"


@pytest.mark.usefixtures("existing_database")
def test_broken_cards_are_reported_and_the_rest_imports(run, db_path: Path) -> None:
    result = run("import", str(DATA / "broken.vcf"))
    assert result.stdout == (
        f"Read 4 cards from {DATA / 'broken.vcf'}.\n"
        "3 added, 0 updated, 0 skipped, 1 could not be read.\n"
        "  card 2 (line 5), Bad One: line 8 could not be read ('this line has no colon'); "
        "it was left out\n"
    )
    assert result.stderr == (
        f"{DATA / 'broken.vcf'}: card 4 (line 14): it has no END:VCARD line; "
        "this card was left out.\n"
    )
    assert names(db_path) == ["Good One", "Bad One", "Good Two"]


def test_strict_imports_nothing_when_a_card_is_broken(run, db_path: Path, unchanged) -> None:
    run("add", "Someone")
    with unchanged():
        result = run("import", str(DATA / "broken.vcf"), "--strict", expect=7)
    assert result.stderr == (
        f"{DATA / 'broken.vcf'}: card 2 (line 8): a line could not be read "
        "('this line has no colon') (1 more card could not be read either); "
        "nothing was imported (--strict).\n"
    )


def test_import_json_summary(run, db_path: Path) -> None:
    result = run("import", str(DATA / "broken.vcf"), "--json")
    data = json.loads(result.stdout)
    assert data["counts"] == {
        "cards": 4, "added": 3, "updated": 0, "skipped": 0, "unreadable": 1}  # fmt: skip
    assert data["cards"][0] == {
        "card": 1, "line": 1, "name": "Good One", "action": "added", "reason": "new",
        "person_id": 1, "person_name": "Good One", "warnings": []}  # fmt: skip
    assert data["problems"] == [{"card": 4, "line": 14, "message": "it has no END:VCARD line"}]
    assert data["cards"][1]["warnings"] == [
        "line 8 could not be read ('this line has no colon'); it was left out"
    ]
    assert (data["format"], data["dry_run"]) == ("vcard", False)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.vcf", b"", "{path} is empty; nothing was imported."),
        ("blank.vcf", b"\r\n  \n", "{path} is empty; nothing was imported."),
        ("photo.vcf", bytes(range(256)) * 8,
         "{path} is not a text file (it looks binary); nothing was imported."),
        ("notes.txt", b"just some notes\n",
         "{path} has no vCard in it (no BEGIN:VCARD line); nothing was imported."),
        ("unterminated.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n",
         "{path}: card 1 (line 1): it has no END:VCARD line; nothing was imported."),
        ("people.csv", b"name,email\nMaya,maya@example.org\n",
         "{path}: CSV files cannot be imported (CSV is for spreadsheets). Export your contacts "
         "as vCard (.vcf) from your address book and import that."),
        ("calendar.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
                         b"END:VEVENT\r\nEND:VCALENDAR\r\n",
         "{path} is a calendar (iCalendar), not an address book: import reads contact cards "
         "(.vcf) and supportnet's own JSON export; nothing was imported."),
        ("thunderbird.ldif", b"dn: cn=Maya,mail=maya@example.org\ncn: Maya\n"
                             b"mail: maya@example.org\n",
         "{path} is an LDIF address book, which cannot be imported. Export your contacts as "
         "vCard (.vcf) from your address book and import that."),
    ],
    ids=["empty", "blank", "binary", "text", "unterminated", "csv", "calendar", "ldif"],
)  # fmt: skip
def test_bad_files_change_nothing(
    run, db_path: Path, tmp_path: Path, unchanged, name: str, content: bytes, message: str
) -> None:
    run("add", "Maya")
    path = _write(tmp_path / name, content)
    with unchanged():
        result = run("import", str(path), expect=7)
    assert result.stderr == message.format(path=path) + "\n"


def test_missing_file_and_folder(run, db_path: Path, tmp_path: Path, unchanged) -> None:
    run("add", "Maya")
    with unchanged():
        missing = run("import", str(tmp_path / "nope.vcf"), expect=7)
        folder = run("import", str(tmp_path), expect=7)
    assert missing.stderr == f"There is no file {tmp_path / 'nope.vcf'}.\n"
    assert folder.stderr == (
        f"{tmp_path} is a folder; give a file to import (a folder of cards, one a file: "
        f"--vdir {tmp_path}).\n"
    )


def test_a_pipe_is_refused_in_one_line(run, tmp_path: Path, unchanged) -> None:
    # `cat export.json | supportnet import /dev/stdin` ended as a bug ("not seekable").
    import os

    run("add", "Maya")
    fifo = tmp_path / "cards.vcf"
    os.mkfifo(fifo)
    with unchanged():
        result = run("import", str(fifo), expect=7)
    assert result.stderr == (
        f"{fifo} is not a regular file (a pipe or a device): save it to a file first, or "
        "give it on standard input (cat FILE | supportnet import -); nothing was imported.\n"
    )


def test_import_dash_reads_standard_input(run, tmp_path: Path) -> None:
    """`cat contacts.vcf | supportnet import -`, as `export -o -` writes to stdout: a
    vCard file or a JSON export, named "standard input" in what is said."""
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe Adams\r\nEND:VCARD\r\n"
    assert run("import", "-", input=card).stdout.startswith("Read 1 card from standard input.")
    export = run("export", "--format", "json").stdout
    other = str(tmp_path / "other.db")
    assert run("--db", other, "import", "-", input=export).stdout == (
        "Imported 1 person (2 rows in all) from standard input.\n"
    )
    assert run("--db", other, "import", "-", input="", expect=7).stderr == (
        "standard input is empty; nothing was imported.\n"
    )


def test_a_bad_file_does_not_even_create_the_database(run, db_path: Path, tmp_path: Path) -> None:
    run("import", str(_write(tmp_path / "e.vcf", b"")), expect=7)
    assert not db_path.exists()


def test_unknown_circle(run, db_path: Path, unchanged) -> None:
    run("add", "Maya")
    with unchanged():
        result = run("import", str(DATA / "khard_3.0.vcf"), "--circle", "frend", expect=5)
    assert result.stderr.startswith("Unknown circle 'frend'. Did you mean friend?")


def test_import_killed_by_an_error_midway_leaves_everything_as_before(
    run, db_path: Path, unchanged, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supportnet.exchange import merging

    run("add", "Maya")
    real_add = merging._add
    calls = []

    def failing_add(*args: Any) -> int:
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk on fire")
        return real_add(*args)

    monkeypatch.setattr(merging, "_add", failing_add)
    with unchanged():
        result = run("import", str(_many_cards(db_path.parent.parent / "many.vcf", 20)), expect=1)
    assert "Something went wrong inside supportnet (RuntimeError)" in result.stderr
    assert len(calls) == 5


def _many_cards(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(count):
            out.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:05d}\r\nN:{n:05d};Person;;;\r\n"
                f"EMAIL;TYPE=INTERNET:person{n}@example.org\r\nTEL;TYPE=CELL:+1 555 {n:07d}\r\n"
                f"BDAY:1990-03-14\r\nNOTE:Note number {n}\r\nCATEGORIES:imported,test\r\n"
                "END:VCARD\r\n"
            )
    return path


def test_import_killed_by_a_signal_midway_leaves_everything_as_before(
    db_path: Path, tmp_path: Path
) -> None:
    """SIGKILL a real import process part-way: all of the file, or none of it."""
    conn = db.open_database(db_path)
    with db.write_session(conn) as session:
        build_sample(session, TODAY)
    conn.close()
    before = dump(db_path)
    cards = _many_cards(tmp_path / "many.vcf", 5000)
    env = {**os.environ, "SUPPORTNET_DB": str(db_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "supportnet", "import", str(cards)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until the import holds the write lock (it is writing), then kill it.
    probe = sqlite3.connect(db_path, timeout=0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:
            break  # locked: the import is mid-transaction
        time.sleep(0.005)
    killed_midway = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    probe.close()
    count = sqlite3.connect(db_path).execute("SELECT count(*) FROM person").fetchone()[0]
    assert killed_midway, "the import finished before it could be interrupted"
    assert count == 12
    assert dump(db_path) == before


def test_export_vcf_reads_back_with_vobject_and_reimports(run, db_path: Path, tmp_path: Path):
    import vobject

    conn = db.open_database(db_path)
    with db.write_session(conn) as session:
        build_sample(session, TODAY)
    conn.close()
    run("edit", "Sam", "--nickname", "Sam, the climber")  # a comma inside a nickname
    out = tmp_path / "contacts.vcf"
    result = run("export", "--format", "vcf", "-o", str(out))
    assert result.stdout == f"Exported to {out}.\n"
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    text = out.read_text(encoding="utf-8")
    cards = list(vobject.readComponents(text, validate=True))
    assert [c.fn.value for c in cards] == names(db_path)
    assert all(c.version.value == "3.0" for c in cards)
    assert run("export", "--format", "vcf").stdout.replace("\r\n", "\n") == text.replace(
        "\r\n", "\n"
    )
    other = tmp_path / "other" / "s.db"
    imported = run("--db", str(other), "import", str(out))
    assert imported.stdout.splitlines()[1] == "12 added, 0 updated, 0 skipped."
    for name in names(db_path):
        theirs, ours = person(other, name), person(db_path, name)
        assert theirs.pop("added_on") == TODAY.isoformat()
        ours.pop("added_on")
        assert theirs == ours, name


def test_parse_birthday_forms() -> None:
    cases = {
        "1990-03-14": "1990-03-14", "19900314": "1990-03-14", "--03-14": "--03-14",
        "--0314": "--03-14", "1990-03-14T00:00:00Z": "1990-03-14", "0000-03-14": "--03-14",
        "1604-02-29": "--02-29",
    }  # fmt: skip
    for text, expected in cases.items():
        assert str(parse_birthday(text)) == expected, text
    assert str(parse_birthday("1980-05-01", {"X-APPLE-OMIT-YEAR": ["1980"]})) == "--05-01"
    for bad in ("circa 1980", "1990-02-30", "1990-03", ""):
        with pytest.raises(ValueError):
            parse_birthday(bad)


def test_read_vcards_is_pure_and_positions_are_file_lines() -> None:
    text = (DATA / "broken.vcf").read_text(encoding="utf-8")
    cards, problems = read_vcards(text)
    assert [(c.number, c.line, c.name) for c in cards] == [
        (1, 1, "Good One"), (2, 5, "Bad One"), (3, 10, "Good Two")]  # fmt: skip
    assert [(p.number, p.line) for p in cards[1].unreadable] == [(2, 8)]
    assert [(p.number, p.line) for p in problems] == [(4, 14)]


def test_export_names_skip_emoji_words(run, tmp_path: Path):
    import vobject

    run("add", "Sam O'Hara 🌻")
    run("add", "🌻", "--force")  # a word of the name before
    out = tmp_path / "c.vcf"
    run("export", "--format", "vcf", "-o", str(out))
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert [(c.n.value.given, c.n.value.family) for c in cards] == [("Sam", "O'Hara"), ("", "🌻")]
