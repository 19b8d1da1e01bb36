"""The address book as a vdir: one card per person out, edits on the phone back in.

The "phone" here is the folder itself, edited as vdirsyncer would leave it after
a sync (tests/exchange/test_vdir_radicale.py does it with a real server).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


@pytest.fixture
def book(run, tmp_path: Path) -> Path:
    run("add", "Maya Lopez", "--circle", "close", "--phone", "555-1234",
        "--email", "maya@example.org", "--birthday", "1990-03-14")  # fmt: skip
    run("add", "Sam Carter", "--circle", "friend", "--tag", "climbing")
    run("group", "add", "Chorus", "--kind", "chorus")
    run("group", "join", "Chorus", "--person", "Maya")
    return tmp_path / "book"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _cards(folder: Path) -> dict[str, str]:
    return {p.name: _read(p) for p in sorted(folder.glob("*.vcf"))}


def _card_of(folder: Path, name: str) -> Path:
    (path,) = [p for p in folder.glob("*.vcf") if f"FN:{name}\r\n" in _read(p)]
    return path


def _export(run, folder: Path, *options: str) -> dict:
    return json.loads(run("export", "--format", "vdir", str(folder), "--json", *options).stdout)


def test_one_card_per_person_and_group_named_by_uid(run, book: Path):
    done = _export(run, book)
    cards = _cards(book)
    assert done["items"] == len(cards) == len(done["written"]) == 5  # 2 people, 2 circles, Chorus
    for href, text in cards.items():
        assert f"UID:urn:uuid:{href.removesuffix('.vcf')}\r\n" in text
        assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    maya = _read(_card_of(book, "Maya Lopez"))
    assert "BDAY:19900314\r\n" in maya and "EMAIL:maya@example.org\r\n" in maya
    chorus = _read(_card_of(book, "Chorus"))
    assert "KIND:group\r\n" in chorus
    assert f"MEMBER:urn:uuid:{_card_of(book, 'Maya Lopez').stem}\r\n" in chorus
    assert "KIND:group" in _read(_card_of(book, "Close friends"))
    assert (book.stat().st_mode & 0o777) == 0o700


def test_running_twice_changes_no_file(run, book: Path):
    _export(run, book)
    times = {p.name: p.stat().st_mtime_ns for p in book.iterdir()}
    again = _export(run, book)
    assert again["written"] == [] and again["removed"] == [] and again["unchanged"] == 5
    assert {p.name: p.stat().st_mtime_ns for p in book.iterdir()} == times


def test_only_the_changed_card_is_written(run, book: Path):
    _export(run, book)
    maya = _card_of(book, "Maya Lopez")
    before = {p.name: p.read_bytes() for p in book.iterdir()}
    run("edit", "Maya", "--note", "sings alto")
    again = _export(run, book)
    assert again["written"] == [maya.name]
    assert "NOTE:sings alto\r\n" in _read(maya)
    assert {n: b for n, b in before.items() if n != maya.name} == {
        p.name: p.read_bytes() for p in book.iterdir() if p.name != maya.name
    }


def test_removed_person_loses_their_card_archived_keeps_it_marked(run, book: Path):
    _export(run, book)
    sam = _card_of(book, "Sam Carter")
    maya = _card_of(book, "Maya Lopez")
    run("archive", "Maya")
    run("remove", "Sam", "--yes")
    done = _export(run, book)
    assert not sam.exists() and sam.name in done["removed"]
    assert "X-SUPPORTNET-ARCHIVED:2026-06-10\r\n" in _read(maya)
    # An archived person is in no group card: the Close friends card has no member left.
    assert not any("FN:Close friends" in text for text in _cards(book).values())


def test_vcard_3_and_categories(run, book: Path):
    _export(run, book, "--vcard-version", "3.0", "--groups", "categories")
    cards = _cards(book)
    assert len(cards) == 2  # no group cards
    maya = _read(_card_of(book, "Maya Lopez"))
    assert maya.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "CATEGORIES:Close friends,Chorus\r\n" in maya
    assert "EMAIL;TYPE=INTERNET:maya@example.org\r\n" in maya


def test_every_card_supportnet_wrote_takes_the_version_asked_for(run, book: Path):
    """Exported in 4.0 first, then in 3.0 for iCloud (docs/sync.md): Maya's card, with a
    phone and an email, stayed 4.0 ("unchanged") as if the phone had made it; back to
    4.0, the same.  A card the phone made keeps its own version
    (test_a_phones_card_keeps_its_version_and_type_lines)."""
    _export(run, book)
    for version in ("3.0", "4.0"):
        done = _export(run, book, "--vcard-version", version)
        versions = {text.split("\r\n")[1] for text in _cards(book).values()}
        assert versions == {f"VERSION:{version}"}, done


def test_a_phones_card_keeps_its_version_and_type_lines(run, tmp_path: Path):
    book = tmp_path / "book"
    book.mkdir()
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p1\r\nFN:Rosa Diaz\r\nTEL;TYPE=CELL:555-0101\r\n"
    _write(book / "p1.vcf", card + "END:VCARD\r\n")
    _import(run, book)
    run("edit", "Rosa", "--note", "from the choir")
    _export(run, book)  # 4.0 asked for; the phone's card stays as the phone wrote it
    text = _read(book / "p1.vcf")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and "NOTE:from the choir" in text
    assert "TEL;TYPE=CELL:555-0101\r\n" in text


def test_a_card_the_phone_only_stamped_is_not_written_again(run, book: Path):
    """A phone (DAVx5) saves a card back with its PRODID and a new REV and nothing else:
    the import finds nothing new, and the export wrote the card again without them, a
    change for vdirsyncer to upload that the phone did not make.  It is left alone."""
    _export(run, book)
    maya = _card_of(book, "Maya Lopez")
    stamped = _read(maya).replace("VERSION:4.0\r\n", "VERSION:4.0\r\nPRODID:DAVx5\r\n")
    _write(maya, stamped.replace("END:VCARD", "REV:20261202T101010Z\r\nEND:VCARD"))
    assert [c["action"] for c in _import(run, book)["cards"]] == ["skipped"]
    assert _export(run, book)["written"] == []
    assert "PRODID:DAVx5\r\n" in _read(maya) and "REV:20261202T101010Z\r\n" in _read(maya)
    run("edit", "Maya", "--note", "from the choir")  # a change here is written, as ever
    assert _export(run, book)["written"] == [maya.name]


def test_apple_group_cards_in_3_0(run, book: Path):
    _export(run, book, "--vcard-version", "3.0")
    chorus = _read(_card_of(book, "Chorus"))
    assert "X-ADDRESSBOOKSERVER-KIND:group\r\n" in chorus
    assert "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:" in chorus


def test_a_card_changed_in_the_folder_is_never_overwritten(run, book: Path):
    _export(run, book)
    maya = _card_of(book, "Maya Lopez")
    _write(maya, _read(maya).replace("FN:Maya Lopez", "FN:Maya L. Lopez"))
    run("edit", "Maya", "--note", "sings alto")
    result = run("export", "--format", "vdir", str(book))
    assert "FN:Maya L. Lopez" in _read(maya)
    assert (
        "1 file changed in the folder since the last sync was left as it is (import it first"
        in result.stdout
        and maya.name in result.stdout
    )


def test_a_card_made_elsewhere_is_left_alone(run, book: Path):
    _export(run, book)
    other = book / "from-the-phone.vcf"
    _write(other, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x1\r\nFN:Rosa Diaz\r\nEND:VCARD\r\n")
    run("remove", "Sam", "--yes")
    _export(run, book)
    assert other.exists()


def test_a_file_where_the_folder_should_be(run, book: Path):
    _write(book, "not a folder")
    result = run("export", "--format", "vdir", str(book), expect=7)
    assert "is a file" in result.stderr


# --- back in ------------------------------------------------------------------------


def _import(run, folder: Path, *options: str) -> dict:
    return json.loads(run("import", "--vdir", str(folder), "--json", *options).stdout)


def _edit(path: Path, old: str, new: str) -> None:
    text = _read(path)
    assert old in text
    _write(path, text.replace(old, new))


def _show(run, name: str) -> dict:
    return json.loads(run("show", name, "--json").stdout)["person"]


def test_edits_on_the_phone_come_back_as_updates(run, book: Path):
    _export(run, book)
    maya = _card_of(book, "Maya Lopez")
    phone = "TEL;TYPE=CELL:555-9999\r\nNOTE:met at the chorus\r\n"
    _edit(maya, "TEL:555-1234\r\n", phone + "PHOTO:https://example.org/m.jpg\r\n")
    done = _import(run, book)
    (change,) = done["cards"]
    assert change["action"] == "updated" and change["conflicts"] == []
    shown = _show(run, "Maya")
    assert shown["phones"] == ["555-9999"] and shown["note"] == "met at the chorus"
    # A second import finds nothing new; the export keeps the phone's own photo.
    assert _import(run, book)["cards"] == []
    _export(run, book)
    text = _read(maya)
    # ... and its own line for the phone, with its TYPE (the phone still says "mobile").
    assert "PHOTO:https://example.org/m.jpg\r\n" in text and "\nTEL;TYPE=CELL:555-9999\r\n" in text
    assert len(json.loads(run("people", "--json").stdout)) == 2


def test_a_field_changed_on_both_sides_keeps_supportnets_and_says_so(run, book: Path):
    _export(run, book)
    run("edit", "Maya", "--note", "sings alto")
    _edit(_card_of(book, "Maya Lopez"), "FN:Maya Lopez\r\n", "FN:Maya Lopez\r\nNOTE:tenor\r\n")
    result = run("import", "--vdir", str(book))
    assert "Maya Lopez (#1)'s note; kept supportnet's" in result.stdout
    assert _show(run, "Maya")["note"] == "sings alto"
    _export(run, book)
    assert "NOTE:sings alto" in _read(_card_of(book, "Maya Lopez"))


def test_a_card_new_on_the_phone_is_added_once_and_remembered(run, book: Path):
    _export(run, book)
    rosa = book / "ABC-123.vcf"
    _write(rosa, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ABC-123\r\nFN:Rosa Diaz\r\n"
                    "TEL;TYPE=CELL:+1 555 777 8888\r\nEND:VCARD\r\n")  # fmt: skip
    (added,) = _import(run, book)["cards"]
    assert added["action"] == "added"
    _edit(rosa, "FN:Rosa Diaz\r\n", "FN:Rosa Diaz\r\nEMAIL:rosa@example.org\r\n")
    (updated,) = _import(run, book)["cards"]
    assert updated["action"] == "updated" and updated["person_id"] == added["person_id"]
    assert _show(run, "Rosa")["emails"] == ["rosa@example.org"]
    # Her card stays her phone's: the same file and UID, written back by the export.
    done = _export(run, book)
    assert "ABC-123.vcf" in done["written"] and "UID:ABC-123\r\n" in _read(rosa)
    run("remove", "Rosa", "--yes")
    assert "ABC-123.vcf" in _export(run, book)["removed"] and not rosa.exists()


def test_a_card_whose_name_ends_in_capitals_is_read_and_written_back_there(run, book: Path):
    _export(run, book)
    rosa = book / "ROSA.VCF"
    _write(rosa, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ROSA-1\r\nFN:Rosa Diaz\r\nEND:VCARD\r\n")
    (added,) = _import(run, book)["cards"]
    assert added["action"] == "added"
    run("edit", "Rosa", "--email", "rosa@example.org")
    assert "ROSA.VCF" in _export(run, book)["written"]
    assert "EMAIL" in _read(rosa) and not (book / "ROSA-1.vcf").exists()


def test_a_card_removed_from_the_folder_removes_no_one(run, book: Path):
    _export(run, book)
    sam = _card_of(book, "Sam Carter")
    sam.unlink()
    result = run("import", "--vdir", str(book))
    assert "Sam Carter (#2): the card is no longer in the folder" in result.stdout
    assert _show(run, "Sam")["name"] == "Sam Carter"
    assert sam.name in _export(run, book)["written"]


def test_dry_run_writes_nothing(run, book: Path, unchanged):
    _export(run, book)
    _edit(_card_of(book, "Sam Carter"), "FN:Sam Carter\r\n", "FN:Sam Carter\r\nNOTE:hi\r\n")
    with unchanged():
        result = run("import", "--vdir", str(book), "--dry-run")
    assert "Dry run: nothing was written." in result.stdout and "took the note" in result.stdout


def test_import_needs_a_file_or_a_folder(run, tmp_path: Path):
    assert "not both" in run("import", "a.vcf", "--vdir", "b", expect=2).stderr
    assert "There is no folder" in run("import", "--vdir", str(tmp_path / "no"), expect=7).stderr


def test_an_unreadable_card_is_named_and_left_out(run, book: Path):
    _export(run, book)
    (book / "broken.vcf").write_bytes(b"BEGIN:VCARD\r\nFN:Nobody\r\n")
    result = run("import", "--vdir", str(book))
    assert "broken.vcf" in result.stderr


def test_files_are_written_whole(run, book: Path):
    _export(run, book)
    assert not [n for n in os.listdir(book) if n.startswith(".")]


def test_a_group_card_edited_on_the_phone_is_written_again(run, book: Path):
    _export(run, book)
    chorus = _card_of(book, "Chorus")
    _edit(chorus, "KIND:group\r\n", "KIND:group\r\nMEMBER:urn:uuid:someone-else\r\n")
    assert _import(run, book)["cards"] == []  # group cards are not read back
    assert chorus.name in _export(run, book)["written"]
    assert "someone-else" not in _read(chorus)


def test_a_card_not_in_utf8_keeps_its_letters(run, book: Path):
    # An old phone's card in Windows-1252: decoded as `import FILE.vcf` decodes it,
    # never with replacement characters.
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:old-1\r\nFN:Zoë Müller\r\nEND:VCARD\r\n"
    book.mkdir()
    (book / "old-1.vcf").write_bytes(card.encode("cp1252"))
    (added,) = _import(run, book)["cards"]
    assert added["action"] == "added" and added["name"] == "Zoë Müller"
    assert _show(run, "Zoë")["name"] == "Zoë Müller"
    # Said, as `import FILE.vcf` says it: a Russian name read so would be garbled.
    assert added["warnings"] == [
        "line 4 is not UTF-8, so it was read as Windows-1252 (Western European); if its "
        "text looks wrong, save the file as UTF-8 and import it again"
    ]


def test_an_empty_file_and_a_calendar_are_named_for_what_they_are(run, book: Path):
    book.mkdir()
    (book / "empty.vcf").write_bytes(b"")
    (book / "cal.vcf").write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    problems = _import(run, book)["problems"]
    assert "empty.vcf: it is empty; it was left out" in problems
    assert "cal.vcf: it holds a calendar (iCalendar), not a vCard; it was left out" in problems


def test_the_phones_own_lines_and_labels_stay_while_their_number_does(run, book: Path):
    # An iPhone's card: grouped properties (item1.TEL with its item1.X-ABLabel), a
    # TYPE on the email, a folded photo.  supportnet keeps the numbers, not the
    # labels, but the export must not leave the phone's contact poorer.
    book.mkdir()
    lee = book / "LEE-1.vcf"
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * 70 + "\r\n " + "B" * 70 + "\r\n"
    _write(lee, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:LEE-1\r\nN:Kim;Lee;;;\r\nFN:Lee Kim\r\n"
                "item1.TEL;type=pref:+44 20 7946 0000\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
                "item2.TEL:+44 20 7946 1111\r\nitem2.X-ABLabel:work line\r\n"
                "EMAIL;TYPE=INTERNET;TYPE=HOME:lee@example.org\r\n" + photo
                + "END:VCARD\r\n")  # fmt: skip
    assert _import(run, book)["cards"][0]["action"] == "added"
    run("edit", "Lee", "--drop-phone", "+44 20 7946 1111")
    _export(run, book, "--vcard-version", "3.0")
    text = _read(lee)
    assert "item1.TEL;type=pref:+44 20 7946 0000\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n" in text
    assert "EMAIL;TYPE=INTERNET;TYPE=HOME:lee@example.org\r\n" in text and photo in text
    assert "7946 1111" not in text and "work line" not in text  # gone with its number
    assert text.count("TEL") == 1 and text.count("EMAIL") == 1
    assert _import(run, book)["cards"] == []  # and reading it back changes nothing


def test_a_second_file_with_the_same_uid_never_takes_the_persons_card(run, book: Path):
    # A copy of Maya's card (the same UID in two files: a sync conflict's copy, a
    # backup dropped into the folder) is named and left alone; her card stays hers,
    # so the two files do not take turns at each sync (nor reach the phone twice).
    _export(run, book)
    maya = _card_of(book, "Maya Lopez")
    copy = book / "copy.vcf"
    copy.write_bytes(maya.read_bytes().replace(b"FN:Maya Lopez", b"FN:Maya Lopez\r\nNOTE:x"))
    for _ in range(2):
        (change,) = _import(run, book)["cards"]
        assert change["action"] == "skipped" and change["file"] == "copy.vcf"
        assert f"whose card in the folder is {maya.name}" in change["reason"]
        done = _export(run, book)
        assert done["written"] == [] and done["kept"] == [] and done["removed"] == []
    assert _show(run, "Maya")["note"] is None  # nothing taken from the copy
    assert maya.exists() and copy.exists()


def test_two_spellings_of_one_number_stay_two_lines(run, db_path: Path, book: Path):
    # The phone's own line is used once: a second spelling of the same digits kept
    # in supportnet is its own line, not a second copy of the phone's.  (`edit` no
    # longer adds a second spelling; a database from before it may hold one.)
    import sqlite3

    book.mkdir()
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:r1\r\nFN:Rosa Diaz\r\nTEL;TYPE=CELL:555-0101\r\n"
    _write(book / "r1.vcf", card + "ORG:Acme\r\nEND:VCARD\r\n")
    _import(run, book)
    run("edit", "Rosa", "--phone", "555 0101")  # the same number: nothing to add
    assert json.loads(run("show", "Rosa", "--json").stdout)["person"]["phones"] == ["555-0101"]
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO person_contact (person_id, kind, value)"
            " SELECT id, 'phone', '555 0101' FROM person WHERE name = 'Rosa Diaz'"
        )
    conn.close()
    _export(run, book, "--vcard-version", "3.0")
    text = _read(book / "r1.vcf")
    assert "TEL;TYPE=CELL:555-0101\r\n" in text and "TEL:555 0101\r\n" in text
    assert text.count("TEL") == 2
