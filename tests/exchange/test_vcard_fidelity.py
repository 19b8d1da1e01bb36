"""vCard imports that never merge two people or lose a card, and exports others can trust.

Each sample is written here, in the shape a real address book writes it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from supportnet.exchange.card_names import names_agree
from supportnet.exchange.vcard import MAX_FIELD_CHARS
from supportnet.exchange.vcard_export import name_parts
from supportnet.exchange.vcard_file import MAX_CARD_CHARS
from tests.exchange.test_vcard import names, person


def _vcf(tmp_path: Path, *cards: str, name: str = "contacts.vcf", eol: str = "\r\n") -> Path:
    path = tmp_path / name
    text = "".join(
        eol.join(["BEGIN:VCARD", "VERSION:3.0", *card.strip("\n").split("\n"), "END:VCARD"]) + eol
        for card in cards
    )
    path.write_bytes(text.encode("utf-8"))
    return path


# --- two people who share a phone are two people ------------------------------------


def test_a_shared_family_phone_never_merges_two_people(run, db_path: Path, tmp_path: Path):
    path = _vcf(
        tmp_path,
        "FN:Anna Schmidt\nTEL;TYPE=HOME:+49 30 1234567\nTEL;TYPE=CELL:+49 151 1111111",
        "FN:Peter Schmidt\nTEL;TYPE=HOME:+49 30 1234567\nTEL;TYPE=CELL:+49 160 2222222\n"
        "EMAIL:peter@example.de\nBDAY:1980-05-02",
    )
    result = run("import", str(path))
    assert result.stdout.splitlines()[1:] == [
        "2 added, 0 updated, 0 skipped.",
        "  added Peter Schmidt (#2): new; shares a phone with Anna Schmidt (#1) [card 2 (line 7)]",
    ]
    assert names(db_path) == ["Anna Schmidt", "Peter Schmidt"]
    anna, peter = person(db_path, "Anna Schmidt"), person(db_path, "Peter Schmidt")
    assert anna["phones"] == ["+49 30 1234567", "+49 151 1111111"]
    assert (anna["emails"], anna["birthday"]) == ([], None)
    assert peter["phones"] == ["+49 30 1234567", "+49 160 2222222"]
    assert (peter["emails"], peter["birthday"]) == (["peter@example.de"], "1980-05-02")


def test_a_shared_email_with_someone_already_here_adds_the_card_as_its_own_person(
    run, db_path: Path, tmp_path: Path
):
    run("add", "Anna Schmidt", "--email", "family@example.de")
    path = _vcf(tmp_path, "FN:Peter Schmidt\nEMAIL:FAMILY@example.de\nTEL:+49 30 1234567")
    result = run("import", str(path), "--json")
    card = json.loads(result.stdout)["cards"][0]
    assert (card["action"], card["person_id"]) == ("added", 2)
    assert card["reason"] == "new; shares an email with Anna Schmidt (#1)"
    assert person(db_path, "Anna Schmidt")["phones"] == []


def test_contact_details_still_match_when_the_names_agree(run, db_path: Path, tmp_path: Path):
    run("add", "John Smith", "--phone", "+1 555 0100")
    run("add", "Leo", "--email", "leo@example.org")
    path = _vcf(
        tmp_path,
        "FN:J. Smith\nTEL:+1-555-0100\nEMAIL:john@example.org",
        "FN:Leo Martins\nEMAIL:LEO@example.org\nNOTE:From the choir.",
        "FN:Dr. John P. Smith\nTEL:(1) 555 0100\nBDAY:1970-01-02",
    )
    result = run("import", str(path))
    assert result.stdout.splitlines()[1] == "0 added, 3 updated, 0 skipped."
    assert person(db_path, "John Smith")["emails"] == ["john@example.org"]
    assert person(db_path, "John Smith")["birthday"] == "1970-01-02"
    assert person(db_path, "Leo")["note"] == "From the choir."


def test_a_shared_phone_between_two_agreeing_people_is_ambiguous(run, db_path, tmp_path):
    run("add", "Sam Lee", "--phone", "+1 555 0199")
    run("add", "Sam Lee", "--force", "--phone", "+1 555 0199")
    result = run("import", str(_vcf(tmp_path, "FN:Sam Lee\nTEL:+15550199")))
    assert result.stdout.splitlines()[2] == (
        "  skipped Sam Lee: its email or phone belongs to several people here "
        "(Sam Lee (#1), Sam Lee (#2)) [card 1 (line 1)]"
    )


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (["Anna Schmidt"], ["Peter Schmidt"], False),
        (["Anna Schmidt"], ["anna  SCHMIDT"], True),
        (["Schmidt, Anna"], ["Anna Schmidt"], True),
        (["Ella S."], ["Ella Schmidt"], True),
        (["J. Smith"], ["John Smith"], True),
        (["John Smith"], ["John P. Smith"], True),
        (["Dr. Noor Haddad"], ["Noor Haddad"], True),
        (["Leo"], ["Leo Martins"], True),
        (["Schmidt"], ["Anna Schmidt"], False),
        (["A. Schmidt"], ["Peter Schmidt"], False),
        (["Sam Carter", "Sammy"], ["Sammy C"], True),
        (["Robert Smith"], ["Bob Smith"], False),
        (["Robert Smith", "Bob"], ["Bob Smith"], True),
        (["José López"], ["Jose Lopez"], True),
    ],
)
def test_names_agree(a: list[str], b: list[str], agree: bool) -> None:
    assert names_agree(a, b) is agree
    assert names_agree(b, a) is agree


# --- every error on one card is that card's, and ignored fields cost nothing --------


def test_a_valid_card_with_profile_vcard_imports(run, db_path: Path, tmp_path: Path):
    path = _vcf(tmp_path, "PROFILE:VCard\nFN:Lotus Person\nTEL:+1 555 0123")
    result = run("import", str(path))
    assert result.stdout.splitlines()[1] == "1 added, 0 updated, 0 skipped."
    assert person(db_path, "Lotus Person")["phones"] == ["+1 555 0123"]


KEPT = "TEL;TYPE=CELL:+1 555 0144\nEMAIL:kept@example.org\nBDAY:1985-07-01\nNOTE:Still here."


@pytest.mark.parametrize(
    "odd",
    [
        "PHOTO;ENCODING=b;TYPE=JPEG:data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ",  # truncated: bad padding
        "X-messaging/gadu-All:12345",  # KDE Kontact
        "ORG:Acme;R&D",
        "X-ABLabel:_$!<HomePage>!$_",
    ],
    ids=["photo-data-uri", "photo-truncated", "kde-property", "org", "apple-label"],
)
@pytest.mark.usefixtures("existing_database")
def test_a_field_supportnet_does_not_keep_never_costs_the_card(
    run, db_path: Path, tmp_path: Path, odd: str
):
    path = _vcf(tmp_path, f"FN:Kept Person\n{odd}\n{KEPT}")
    result = run("import", str(path))
    assert result.stdout.splitlines()[1] == "1 added, 0 updated, 0 skipped."
    assert result.stderr == ""
    kept = person(db_path, "Kept Person")
    assert (kept["phones"], kept["emails"]) == (["+1 555 0144"], ["kept@example.org"])
    assert (kept["birthday"], kept["note"]) == ("1985-07-01", "Still here.")


def test_an_undecodable_byte_in_org_keeps_the_card_and_the_other_names(
    run, db_path: Path, tmp_path: Path
):
    path = tmp_path / "mac.vcf"
    path.write_bytes(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Kent\r\n".encode()
        + b"ORG:Caf\xe9 \x81\r\nEMAIL:zoe@example.org\r\nEND:VCARD\r\n"
    )
    run("import", str(path))
    assert names(db_path) == ["Jürgen Müller", "Zoë Kent"]
    assert person(db_path, "Zoë Kent")["emails"] == ["zoe@example.org"]


def test_cr_cr_lf_line_ends_and_a_space_after_end(run, db_path: Path, tmp_path: Path):
    iphone = _vcf(tmp_path, f"FN:Ivy Phone\nNOTE:A long note that\n  goes on\n{KEPT}", eol="\r\r\n")
    spaced = tmp_path / "spaced.vcf"
    spaced.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sol Space\r\nEND:VCARD \r\n")
    run("import", str(iphone))
    run("import", str(spaced))
    assert names(db_path) == ["Ivy Phone", "Sol Space"]
    ivy = person(db_path, "Ivy Phone")
    assert ivy["note"] == "A long note that goes on\nStill here."
    assert ivy["phones"] == ["+1 555 0144"]


def test_an_unreadable_line_is_left_out_with_a_note_and_strict_refuses(
    run, db_path: Path, tmp_path: Path, unchanged
):
    path = _vcf(tmp_path, f"FN:Line Person\nthis is no property\n{KEPT}")
    with unchanged():
        strict = run("import", str(path), "--strict", expect=7)
    assert strict.stderr == (
        f"{path}: card 1 (line 4): a line could not be read ('this is no property'); "
        "nothing was imported (--strict).\n"
    )
    result = run("import", str(path))
    assert result.stdout.splitlines()[2] == (
        "  card 1 (line 1), Line Person: line 4 could not be read ('this is no property'); "
        "it was left out"
    )
    assert person(db_path, "Line Person")["emails"] == ["kept@example.org"]


@pytest.mark.usefixtures("existing_database")
def test_any_error_vobject_raises_on_one_card_is_that_cards_problem(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import vobject.base

    real = vobject.base.parseLine

    def picky(line: str, *args, **kwargs):
        if "Crash Card" in line or "+1 555 0100" in line:
            raise vobject.base.VObjectError("something vobject did not like")
        return real(line, *args, **kwargs)

    monkeypatch.setattr(vobject.base, "parseLine", picky)
    crash = "FN;CHARSET=UTF-8:Crash Card\nTEL;TYPE=CELL:+1 555 0100"  # lines vobject parses
    path = _vcf(tmp_path, "FN:Fine Card", crash, "FN:Also Fine")
    result = run("import", str(path))
    assert names(db_path) == ["Fine Card", "Also Fine"]
    assert result.stderr == (
        f"{path}: card 2 (line 5): it could not be read (VObjectError: 'something vobject "
        "did not like'); this card was left out.\n"
    )


# --- names, categories, birthdays and phones as they were meant ---------------------


def test_gmail_fn_with_an_unescaped_comma_keeps_the_whole_name(run, db_path, tmp_path):
    path = _vcf(
        tmp_path,
        "FN:Mr. John Richter, James Doe Sr.\nN:Doe;James;John Richter;Mr.;Sr.",
        "FN:Jonny\nN:Weber;Jonas;;;",
        "NOTE:Coffee, then a walk\nFN:Noah Park",
    )
    result = run("import", str(path))
    assert names(db_path) == ["Mr. John Richter, James Doe Sr.", "Jonny", "Noah Park"]
    assert "  card 2 (line 6), Jonny: its FN 'Jonny' and N 'Jonas Weber' differ; kept 'Jonny'" in (
        result.stdout.splitlines()
    )
    assert person(db_path, "Noah Park")["note"] == "Coffee, then a walk"


def test_a_card_with_only_an_email_or_phone_is_named_by_it(run, db_path: Path, tmp_path: Path):
    path = _vcf(tmp_path, "EMAIL:only@example.org", "TEL:+44 20 7946 0958", "N:;;;;")
    result = run("import", str(path))
    assert names(db_path) == ["only@example.org", "+44 20 7946 0958"]
    assert result.stdout.splitlines()[1] == "2 added, 0 updated, 1 skipped."
    # Importing them again matches them by that detail: nothing new.
    again = run("import", str(path))
    assert again.stdout.splitlines()[1].startswith("0 added, 0 updated, 3 skipped")


def test_android_my_contacts_is_not_a_tag(run, db_path: Path, tmp_path: Path):
    run("import", str(_vcf(tmp_path, "FN:Ana Droid\nCATEGORIES:My Contacts,Starred,Choir")))
    assert person(db_path, "Ana Droid")["tags"] == ["Choir"]


def test_a_full_birthday_fills_in_the_year_of_a_year_less_one(run, db_path, tmp_path):
    run("add", "Mia Wong", "--birthday", "February 3")
    path = _vcf(tmp_path, "FN:Mia Wong\nBDAY:1983-02-03", "FN:Mia Wong\nBDAY:1984-05-05")
    result = run("import", str(path))
    assert person(db_path, "Mia Wong")["birthday"] == "1983-02-03"
    lines = result.stdout.splitlines()
    assert "  updated Mia Wong (#1): added the birthday's year [card 1 (line 1)]" in lines
    assert (
        "  card 2 (line 6), Mia Wong: birthday 1984-05-05 differs from the one recorded "
        "(1983-02-03); kept 1983-02-03"
    ) in lines


def test_a_tel_uri_keeps_its_extension_readable(run, db_path: Path, tmp_path: Path):
    path = _vcf(tmp_path, "FN:Ext Person\nTEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=102")
    run("import", str(path))
    assert person(db_path, "Ext Person")["phones"] == ["+1-418-656-9254 ext. 102"]
    text = run("export", "--format", "vcf").stdout
    assert "\nTEL:+1-418-656-9254 ext. 102\n" in text.replace("\r\n", "\n")


# --- exports other programs can trust -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("VCard 4 Test", ("", "VCard", "4", "Test", "")),
        ("John Doe Sr.", ("", "John", "", "Doe", "Sr.")),
        ("Dr. Noor Haddad", ("Dr.", "Noor", "", "Haddad", "")),
        ("Mary Ann de la Cruz", ("", "Mary", "Ann de la", "Cruz", "")),
        ("Cher", ("", "", "", "Cher", "")),
    ],
)
def test_export_n_drops_no_word(name: str, parts: tuple[str, ...]) -> None:
    got = name_parts(name)
    assert tuple(got[k] for k in ("prefix", "given", "additional", "family", "suffix")) == parts


def test_an_archived_person_stays_archived_through_a_vcard_round_trip(run, tmp_path: Path):
    run("add", "Old Friend")
    run("archive", "Old Friend")
    out = tmp_path / "c.vcf"
    run("export", "--format", "vcf", "-o", str(out))
    assert "X-SUPPORTNET-ARCHIVED:2026-06-10\n" in out.read_text(encoding="utf-8")
    other = tmp_path / "other.db"
    run("--db", str(other), "import", str(out))
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT name, archived_on FROM person").fetchall() == [
        ("Old Friend", "2026-06-10")
    ]


def _uids(run, db: Path) -> list[str]:
    text = run("--db", str(db), "export", "--format", "vcf").stdout
    return [line for line in text.splitlines() if line.startswith("UID:")]


def test_vcard_uids_are_stable_and_unique_to_each_database(run, tmp_path: Path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for db in (one, two):
        run("--db", str(db), "add", "Maya López")
    assert _uids(run, one) == _uids(run, one)
    assert _uids(run, one) != _uids(run, two)
    assert _uids(run, one)[0].startswith("UID:urn:uuid:")


# --- hostile files stay bounded -----------------------------------------------------


def test_a_field_too_long_is_left_out_with_a_note(run, db_path: Path, tmp_path: Path):
    path = _vcf(tmp_path, "FN:Long Note\nNOTE:" + "x" * (MAX_FIELD_CHARS + 1) + "\nTEL:+1 555 0100")
    result = run("import", str(path))
    long = person(db_path, "Long Note")
    assert (long["note"], long["phones"]) == (None, ["+1 555 0100"])
    assert "NOTE on line 4 left out: it is 1.0 MB long, more than supportnet keeps" in result.stdout


@pytest.mark.usefixtures("existing_database")
def test_a_card_too_long_is_not_read(run, db_path: Path, tmp_path: Path):
    photo = "PHOTO;ENCODING=b:" + "\n ".join(["A" * 998] * (MAX_CARD_CHARS // 998 + 1))
    path = _vcf(tmp_path, "FN:Fine", f"FN:Huge\n{photo}")
    result = run("import", str(path))
    assert names(db_path) == ["Fine"]
    assert result.stderr == (
        f"{path}: card 2 (line 5): it is longer than supportnet reads in one card "
        "(16.0 MB); this card was left out.\n"
    )


def test_many_nicknames_and_categories_on_one_line_are_each_kept_once(run, db_path, tmp_path):
    many = ",".join(f"n{i % 5000}" for i in range(20000))
    run("import", str(_vcf(tmp_path, f"FN:Many\nNICKNAME:{many}\nCATEGORIES:{many}")))
    assert len(person(db_path, "Many")["nicknames"]) == 5000
    assert len(person(db_path, "Many")["tags"]) == 5000


def test_lines_are_read_a_piece_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from supportnet.exchange import vcard_file

    monkeypatch.setattr(vcard_file, "_CHUNK", 4)  # CR LF and lines split across pieces
    monkeypatch.setattr(vcard_file, "MAX_CARD_CHARS", 12)
    data = b"one\r\ntwo\rthree\n\xe9t\xe9\r\n" + b"x" * 30 + b"\r\nafter\r\r\nlast"
    lines = list(vcard_file.decoded_lines(io.BytesIO(data), "f"))
    assert lines == ["one", "two", "three", "été", None, "after", "", "last"]


# --- values decoded as vobject decodes them, without its component objects ----------


def _one_card(*lines: str):
    from supportnet.exchange.vcard import read_vcards

    cards, problems = read_vcards("\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines,
                                               "END:VCARD", ""]))  # fmt: skip
    assert problems == []
    assert len(cards) == 1
    return cards[0]


def test_escapes_in_every_kind_of_value_are_undone():
    card = _one_card(
        r"N:O\,Hara;Sam\;Lee;;Dr.;",
        r"FN:Sam\; O\,Hara",
        r"NICKNAME:Sammy,S\,L,,Sam\\L",
        r"NOTE:one\ntwo\Nthree \x kept\\",
        r"CATEGORIES:a\,b,c",
    )
    assert card.name == "Sam; O,Hara"
    assert card.warnings == ["its FN 'Sam; O,Hara' and N 'Dr. Sam;Lee O,Hara' differ; kept "
                             "'Sam; O,Hara'"]  # fmt: skip
    assert card.nicknames == ["Sammy", "S,L", "Sam\\L"]
    assert card.note == "one\ntwo\nthree \\x kept\\"  # vobject would end it in "\\eof"
    assert card.tags == ["a,b", "c"]


def test_quoted_printable_with_and_without_a_charset():
    card = _one_card(
        "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jos=E9",
        "NOTE;ENCODING=QUOTED-PRINTABLE:caf=E9 =",  # no CHARSET, not UTF-8: Windows-1252
        "au lait=",  # a soft line break at the very end swallows no END:VCARD
    )
    assert card.name == "José"
    assert card.note == "café au lait"


def test_a_base64_text_value_is_read_as_text():
    card = _one_card("FN:Base Sixty", "NOTE;ENCODING=b:" + "aGVsbG8gd29ybGQ=")
    assert card.note == "hello world"


def test_a_line_with_an_unknown_charset_costs_only_that_line():
    card = _one_card("FN:Kept Person", "TEL:+1 555 0100", "EMAIL;CHARSET=nope;QUOTED-PRINTABLE:x")
    assert card.name == "Kept Person"
    assert card.phones == ["+1 555 0100"]
    assert card.emails == []
    assert [p.message for p in card.unreadable] == [
        "a line could not be read ('EMAIL;CHARSET=nope;QUOTED-PRINTABLE:x': unknown encoding: nope)"
    ]


def test_parameters_are_read_with_their_quotes_and_groups():
    card = _one_card('item1.BDAY;X-APPLE-OMIT-YEAR=1604;X-LABEL="a:b;c":1604-03-14',
                     "item1.FN:Grouped Person")  # fmt: skip
    assert card.name == "Grouped Person"
    assert (card.birthday.month, card.birthday.day, card.birthday.year) == (3, 14, None)
