"""A new user's address books (Google, Apple, Outlook, Nextcloud), as they really come.

Each test is a problem found by trying supportnet with such files: nothing a card
holds may be passed over without a word in the summary.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_a_matched_card_with_another_note_says_the_note_was_kept(run, tmp_path: Path):
    # The birthday that differs is named; a note that differs was passed over silently.
    run("add", "María José García", "--email", "majo@example.com")
    run("edit", "María", "--note", "Met at the choir")
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:María José García\n"
        "EMAIL:MAJO@example.com\nNOTE:Call on Sundays\\, after lunch\nEND:VCARD\n"
    )
    card = _write(tmp_path / "phone.vcf", text)
    out = run("import", str(card)).stdout
    assert "its note differs from the one recorded; kept the one recorded" in out
    assert "Call on Sundays" not in json.dumps(json.loads(run("show", "María", "--json").stdout))
    (done,) = json.loads(run("import", str(card), "--json").stdout)["cards"]
    assert done["warnings"] == ["its note differs from the one recorded; kept the one recorded"]
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:María José García\nNOTE:Met at the choir\nEND:VCARD\n"
    same = _write(tmp_path / "same.vcf", text)
    (done,) = json.loads(run("import", str(same), "--json").stdout)["cards"]
    assert done["warnings"] == [] and done["reason"] == "already here, nothing new"


def test_a_vdir_card_whose_birthday_is_not_understood_says_so(run, tmp_path: Path):
    # Nextcloud's "circa 1980": the file import names it; the vdir import said nothing.
    folder = tmp_path / "book"
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nUID:old-friend\nFN:Old Friend\n"
        "BDAY;VALUE=text:circa 1980\nEMAIL:nobody-at-home\nEND:VCARD\n"
    )
    _write(folder / "old-friend.vcf", text)
    out = run("import", "--vdir", str(folder), "--dry-run").stdout
    assert "old-friend.vcf, Old Friend: birthday 'circa 1980' not understood" in out
    assert "old-friend.vcf, Old Friend: email 'nobody-at-home' left out" in out
    (card,) = json.loads(run("import", "--vdir", str(folder), "--json").stdout)["cards"]
    assert card["warnings"] == [
        "email 'nobody-at-home' left out (not an address)",
        "birthday 'circa 1980' not understood",
    ]


def test_a_vdir_file_holding_several_cards_names_those_not_read(run, tmp_path: Path):
    # A whole Google export dropped into the folder: one card a file is read.
    folder = tmp_path / "book"
    _write(folder / "google.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Silva\nEND:VCARD\n"
           "BEGIN:VCARD\nVERSION:3.0\nFN:Tom Becker\nEND:VCARD\n"
           "BEGIN:VCARD\nVERSION:3.0\nFN:Lena Vogel\nEND:VCARD\n")  # fmt: skip
    out = run("import", "--vdir", str(folder)).stdout
    assert "added Ana Silva (#1): new" in out
    assert "google.vcf, Ana Silva: the file holds 3 cards; only the first was read" in out
    assert "supportnet import google.vcf" in out
    people = json.loads(run("people", "--json").stdout)
    assert [p["name"] for p in people] == ["Ana Silva"]


def test_an_export_leaves_a_vdir_file_of_several_cards_as_it_is(run, tmp_path: Path):
    # Import, then export (sync.md's order): the second card was written over and lost.
    folder = tmp_path / "book"
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nUID:multi-1\nFN:First Multi\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nUID:multi-2\nFN:Second Multi\n"
        "EMAIL:second@example.org\nEND:VCARD\n"
    )
    book = _write(folder / "book.vcf", text)
    before = book.read_bytes()
    out = run("import", "--vdir", str(folder)).stdout
    assert "only the first was read, and an export leaves the file as it is" in out
    for _ in range(2):  # and again after a second import of the same folder
        # ... and says why: "changed in the folder, import it first" sent the user
        # back to an import that changed nothing.
        out = run("export", "--format", "vdir", str(folder)).stdout
        assert "1 file holding several cards was left as it is" in out
        assert "changed in the folder" not in out
        assert book.read_bytes() == before
        run("import", "--vdir", str(folder))
    assert [p["name"] for p in json.loads(run("people", "--json").stdout)] == ["First Multi"]
    # First Multi's card is that file still: no second one for them (the circle's only).
    others = [f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name != "book.vcf"]
    assert not any("FN:First Multi" in text for text in others)
    assert "book.vcf, First Multi: the file holds 2 cards" in run("import", "--vdir",
                                                                 str(folder)).stdout  # fmt: skip


def test_a_vdir_card_that_gains_a_second_card_is_left_as_it_is(run, tmp_path: Path):
    folder = tmp_path / "book"
    card = _write(folder / "a.vcf", "BEGIN:VCARD\nVERSION:3.0\nUID:a\nFN:Ana\nEND:VCARD\n")
    run("import", "--vdir", str(folder))
    run("export", "--format", "vdir", str(folder))
    with card.open("ab") as out:  # Bo's card pasted into Ana's file on the phone
        out.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:b\r\nFN:Bo\r\nEND:VCARD\r\n")
    both = card.read_bytes()
    assert "a.vcf, Ana: the file holds 2 cards" in run("import", "--vdir", str(folder)).stdout
    run("export", "--format", "vdir", str(folder))
    assert card.read_bytes() == both
    texts = [f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name != "a.vcf"]
    assert not any("FN:Ana" in text for text in texts)  # no second card for Ana


def test_a_name_written_without_spaces_agrees_with_its_n(run, tmp_path: Path):
    # Chinese, Japanese and Korean names: FN:李小龍 is N:李;小龍 (family, given), not another.
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:李小龍\nN:李;小龍;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:山田太郎\nN:山田;太郎;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:김민준\nN:김;민준;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jonny\nN:Weber;Jonas;;;\nEND:VCARD\n"
    )
    cards = json.loads(run("import", str(_write(tmp_path / "a.vcf", text)), "--json").stdout)
    assert [c["warnings"] for c in cards["cards"]] == [
        [],
        [],
        [],
        ["its FN 'Jonny' and N 'Jonas Weber' differ; kept 'Jonny'"],
    ]


def test_people_who_share_a_name_come_back_from_an_export_as_themselves(run, tmp_path: Path):
    # Three Ana Silvas (added with --force) went out as three cards and came back as one.
    run("add", "Ana Silva", "--circle", "close")
    run("add", "Ana Silva", "--circle", "friend", "--note", "the other Ana, from work", "--force")
    run("add", "Ana Silva", "--phone", "555-0100", "--birthday", "1990-01-01", "--force")
    before = json.loads(run("people", "--json").stdout)
    exported = tmp_path / "people.vcf"
    run("export", "--format", "vcf", "-o", str(exported))
    other = str(tmp_path / "other" / "supportnet.db")
    done = json.loads(run("--db", other, "import", str(exported), "--json").stdout)
    assert done["counts"]["added"] == 3
    after = json.loads(run("--db", other, "people", "--json").stdout)
    assert [(p["id"], p["circle"], p["birthday"]) for p in after] == [
        (p["id"], p["circle"], p["birthday"]) for p in before
    ]
    assert run("--db", other, "export", "--format", "vcf").stdout.count("BEGIN:VCARD") == 3


def test_a_contact_listed_twice_in_a_file_is_still_added_once(run, tmp_path: Path):
    # The rule that keeps an export's namesakes apart leaves a repeated card one person.
    card = "BEGIN:VCARD\nVERSION:3.0\nUID:{uid}\nFN:José Núñez\nEMAIL:{email}\nEND:VCARD\n"
    text = (
        card.format(uid="1234", email="jose@example.com")
        + card.format(uid="1234", email="jnunez@example.com")
        + card.replace("UID:{uid}\n", "").format(email="jose@example.com")
    )
    done = json.loads(run("import", str(_write(tmp_path / "a.vcf", text)), "--json").stdout)
    assert [c["action"] for c in done["cards"]] == ["added", "updated", "skipped"]


def test_namesakes_of_an_export_sharing_a_phone_are_two_and_said_to_share_it(run, tmp_path):
    run("add", "Anna Schmidt", "--phone", "+49 30 1234567")
    run("add", "Anna Schmidt", "--phone", "+49 30 1234567", "--circle", "close", "--force")
    exported = tmp_path / "people.vcf"
    run("export", "--format", "vcf", "-o", str(exported))
    other = str(tmp_path / "other" / "supportnet.db")
    done = json.loads(run("--db", other, "import", str(exported), "--json").stdout)
    assert [(c["action"], c["reason"]) for c in done["cards"]] == [
        ("added", "new"),
        ("added", "new; shares a phone with Anna Schmidt (#1)"),
    ]


def test_an_empty_birthday_line_is_passed_over_without_a_note(run, tmp_path: Path):
    # Phones write empty lines: an empty TEL or EMAIL says nothing; an empty BDAY neither.
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Tabs Inside\nBDAY:\nTEL:\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Two Days\nBDAY: \nBDAY:1985-04-15\nEND:VCARD\n"
    )
    done = json.loads(run("import", str(_write(tmp_path / "a.vcf", text)), "--json").stdout)
    assert [c["warnings"] for c in done["cards"]] == [[], []]
    people = {p["name"]: p["birthday"] for p in json.loads(run("people", "--json").stdout)}
    assert people == {"Tabs Inside": None, "Two Days": {"month": 4, "day": 15, "year": 1985}}


def test_googles_escaped_colons_are_colons(run, tmp_path: Path):
    # Google Contacts writes every colon as \: (nextcloud/contacts#3918): the note
    # kept the backslashes, and an export wrote them back doubled.
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:BMW of Southpoint (Durham\\; NC)\n"
        "N:;BMW of Southpoint (Durham\\; NC);;;\nTEL;TYPE=MAIN:+1.888 693 3645\n"
        "item2.URL:https\\://www.bmwsouthpoint.com/\nitem2.X-ABLabel:homePage\n"
        "NOTE:Called to make an appointment.\\n\\nHours: M-F\\:9A-8P\\; Sa\\:9A\n"
        " -6P. A path: C\\\\:\\\\temp\nCATEGORIES:Auto,myContacts\nEND:VCARD\n"
    )
    run("import", str(_write(tmp_path / "google.vcf", text)))
    (person,) = json.loads(run("people", "--json").stdout)
    assert person["name"] == "BMW of Southpoint (Durham; NC)"
    note = json.loads(run("show", "BMW", "--json").stdout)["person"]["note"]
    hours = "Hours: M-F:9A-8P; Sa:9A-6P. A path: C\\:\\temp"
    assert note == "Called to make an appointment.\n\n" + hours
    exported = run("export", "--format", "vcf").stdout
    assert "Hours: M-F:9A-8P\\; Sa:9A-6P. A path: C\\\\:\\\\temp" in re.sub(r"\r?\n ", "", exported)


def test_files_joined_into_one_each_with_its_byte_order_mark(run, tmp_path: Path):
    # `cat a.vcf b.vcf > all.vcf` (or `copy /b`) of files that start with a BOM: the
    # cards after the first file were passed over, and "Read 1 card" said nothing.
    card = "\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEND:VCARD\r\n"
    joined = tmp_path / "all.vcf"
    joined.write_bytes("".join(card.format(n) for n in ("Zoë Fischer", "Ana Silva")).encode())
    done = json.loads(run("import", str(joined), "--json").stdout)
    assert done["counts"]["cards"] == done["counts"]["added"] == 2
    assert [p["name"] for p in json.loads(run("people", "--json").stdout)] == [
        "Ana Silva",
        "Zoë Fischer",
    ]


def test_an_old_export_of_this_database_brings_back_no_one_twice(run, tmp_path: Path):
    # Its cards carry the UIDs this database gives its people: renamed since, with
    # another email since, they are still those people, not new ones.
    run("add", "Tom Becker", "--circle", "close")
    run("add", "Ana Silva", "--email", "ana@example.com")
    exported = tmp_path / "backup.vcf"
    run("export", "--format", "vcf", "-o", str(exported))
    run("rename", "Tom", "Thomas Becker")
    run("edit", "Ana", "--drop-email", "ana@example.com", "--email", "ana@new.example")
    run("rename", "Ana", "Ana Costa")
    done = json.loads(run("import", str(exported), "--json").stdout)
    assert done["counts"]["added"] == 0
    assert [(c["person_id"], c["person_name"]) for c in done["cards"]] == [
        (1, "Thomas Becker"),
        (2, "Ana Costa"),
    ]
    assert len(json.loads(run("people", "--json").stdout)) == 2


def test_a_card_without_a_name_that_is_someone_here_is_not_said_to_be_named(run, tmp_path):
    # Google's "Other contacts": only an email. Matched to Ana, it named no one.
    run("add", "Ana Silva", "--email", "ana@example.com")
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:\nEMAIL:ana@example.com\nTEL:+351 912 345 678\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:new@example.com\nEND:VCARD\n"
    )
    out = run("import", str(_write(tmp_path / "other.vcf", text))).stdout
    assert "updated Ana Silva (#1): added 1 phone" in out
    assert "ana@example.com: it has no name" not in out
    assert "new@example.com: it has no name (FN or N); named after its email" in out


def test_a_circle_that_is_no_circle_is_named_not_passed_over(run, tmp_path: Path):
    # An export edited by hand: "close friends" is no circle; the person was added to
    # the --circle without a word.
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Maya Lopez\nX-SUPPORTNET-CIRCLE:close friends\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Carter\nX-SUPPORTNET-CIRCLE:Close\nEND:VCARD\n"
    )
    done = json.loads(run("import", str(_write(tmp_path / "a.vcf", text)), "--json").stdout)
    assert [c["warnings"] for c in done["cards"]] == [
        ["X-SUPPORTNET-CIRCLE 'close friends' is not a circle; left out"],
        [],
    ]
    people = {p["name"]: p["circle"] for p in json.loads(run("people", "--json").stdout)}
    assert people == {"Maya Lopez": "acquaintance", "Sam Carter": "close"}


def test_a_card_whose_begin_line_was_lost_is_reported_not_passed_over(run, tmp_path: Path):
    # A file edited by hand, its first line deleted: Lena's card was passed over in
    # silence ("Read 1 card").
    text = (
        "VERSION:3.0\nFN:Lena Vogel\nEMAIL:lena@example.net\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Tom Becker\nEND:VCARD\n"
    )
    path = _write(tmp_path / "edited.vcf", text)
    result = run("import", str(path))
    assert "Read 2 cards" in result.stdout and "1 could not be read" in result.stdout
    lost = "card 1 (line 1): it has no BEGIN:VCARD line; this card was left out."
    assert lost in result.stderr
    assert [p["name"] for p in json.loads(run("people", "--json").stdout)] == ["Tom Becker"]
    refused = run("import", str(path), "--strict", expect=7)
    assert "card 1 (line 1): it has no BEGIN:VCARD line" in refused.stderr
    twice = _write(tmp_path / "twice.vcf", "BEGIN:VCARD\nFN:Ana Silva\nEND:VCARD\nEND:VCARD\n")
    done = json.loads(run("import", str(twice), "--json").stdout)  # an END line twice: no card
    assert done["counts"]["cards"] == 1 and done["problems"] == []


def test_a_vdir_card_without_a_name_is_named_by_its_file(run, tmp_path: Path):
    # "skipped : it has no name" named nothing the user could look for.
    folder = tmp_path / "book"
    _write(folder / "nofn.vcf", "BEGIN:VCARD\nVERSION:3.0\nNOTE:hi\nEND:VCARD\n")
    out = run("import", "--vdir", str(folder)).stdout
    assert "  skipped nofn.vcf: it has no name (FN or N)\n" in out


def test_a_file_option_with_vdir_names_the_option_given(run, tmp_path: Path):
    folder = tmp_path / "book"
    folder.mkdir()
    assert run("import", "--vdir", str(folder), "--strict", expect=2).stderr == (
        "--strict is for a file; --vdir reads a folder.\n"
    )
    assert run("import", "--vdir", str(folder), "--strict", "--replace", expect=2).stderr == (
        "--replace and --strict are for a file; --vdir reads a folder.\n"
    )


def _cards_of(data: bytes):
    import io

    from supportnet.exchange.vcard import read_vcards
    from supportnet.exchange.vcard_file import decoded_lines

    return read_vcards(decoded_lines(io.BytesIO(data), "the file"))


def test_a_soft_line_break_before_a_blank_line_ends_the_value():
    # Android breaks quoted-printable after every 23 bytes, the last ones too, and
    # ends the value with a blank line: the next property is not part of the note.
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoe\r\n"
        b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4B=C3=B6=6C=6E=\r\n\r\n"
        b"TEL;HOME:+49 30 7654321\r\nEND:VCARD\r\n"
    )
    (card,), problems = _cards_of(data)
    assert (card.note, card.phones, problems) == ("Köln", ["+49 30 7654321"], [])
    # A CR CR LF file has a blank line after every line: a soft line break still
    # joins the value's next line across it.
    data = (
        b"BEGIN:VCARD\r\r\nVERSION:2.1\r\r\nFN:Zoe\r\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:K=C3=\r\r\n=B6ln\r\r\nEND:VCARD\r\r\n"
    )
    (card,), _ = _cards_of(data)
    assert card.note == "Köln"


def test_a_character_cut_in_two_by_a_fold_is_whole_again():
    # Writers that fold at 75 bytes cut a Chinese character in two: the line was
    # decoded on its own and fell back to Windows-1252 ("çŽ‹èŠ³...").
    line = ("NOTE:" + "王芳是我的好朋友，我们一起去咖啡馆。" * 2).encode()
    parts = [line[:75]] + [b" " + line[i : i + 74] for i in range(75, len(line), 74)]
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wang Fang\r\n" + b"\r\n".join(parts)
    (card,), problems = _cards_of(data + b"\r\nTEL:1234\r\nEND:VCARD\r\n")
    assert card.note == "王芳是我的好朋友，我们一起去咖啡馆。" * 2
    assert (card.phones, problems) == (["1234"], [])


def test_an_8_bit_value_is_read_in_the_charset_it_names():
    # Outlook in Russian and Japanese phones write raw bytes in their own charset.
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;LANGUAGE=ru;CHARSET=Windows-1251:Иванова;Ольга\r\n"
        "FN;CHARSET=Windows-1251:Ольга Иванова\r\nEND:VCARD\r\n"
    )
    (card,), _ = _cards_of(text.encode("cp1251"))
    assert card.name == "Ольга Иванова"
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:鈴木;花子\r\nEND:VCARD\r\n"
    (card,), _ = _cards_of(text.encode("shift_jis"))
    assert card.name == "鈴木花子"  # family name first, as Japanese names are written
    # No charset, or one Python does not know: Windows-1252, as before.
    (card,), _ = _cards_of(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=x-nope:Zo\xeb\r\nEND:VCARD\r\n"
    )
    assert card.name == "Zoë"


def test_a_vdir_tag_named_like_a_circle_is_a_tag(run, tmp_path: Path):
    # "Friends" is a common Google and Apple label. The default export writes circles as
    # group cards, never as categories, so a phone's edit of such a tag is the user's.
    run("add", "Ana Souza", "--tag", "Friends", "--tag", "hiking")
    folder = tmp_path / "people"
    run("export", "--format", "vdir", str(folder))
    (card,) = [f for f in folder.glob("*.vcf") if b"FN:Ana" in f.read_bytes()]
    card.write_bytes(re.sub(rb"CATEGORIES:[^\r\n]*", b"CATEGORIES:hiking,Professionals",
                            card.read_bytes()))  # fmt: skip
    assert "took 1 new tag and 1 tag removed" in run("import", "--vdir", str(folder)).stdout
    assert json.loads(run("show", "Ana", "--json").stdout)["person"]["tags"] == [
        "Professionals",
        "hiking",
    ]
    run("export", "--format", "vdir", str(folder))
    assert b"CATEGORIES:Professionals,hiking" in card.read_bytes()


def test_organization_and_company_cards_are_no_one_to_befriend(run, tmp_path: Path):
    # A dentist's vCard 4.0 and an Apple company card (no FN, named after its phone)
    # came in as people the nudge invited for coffee.
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:City Dental Clinic\nTEL:+1 555 010 2020\n"
        "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:\nORG:Acme Plumbing;\n"
        "TEL;type=WORK:+1 555 010 9999\nX-ABShowAs:COMPANY\nEND:VCARD\n"
    )
    out = run("import", str(_write(tmp_path / "biz.vcf", text))).stdout
    assert "0 added, 0 updated, 2 skipped." in out
    # With their card and line, as every other line of the summary has them.
    assert (
        "skipped City Dental Clinic: it is an organization card (KIND:org), not a person "
        "[card 1 (line 1)]" in out
    )
    assert "it is a company card (X-ABShowAs:COMPANY), not a person [card 2 (line 7)]" in out
    assert run("people").stdout.startswith("No one")


def test_a_number_with_and_without_its_country_code_is_one_number(run, tmp_path: Path):
    # Phones keep the local form, Google the international one: Sam came in twice,
    # and Maya's number was added again beside itself.
    run("add", "Sam Carter", "--phone", "+1 555-010-4444")
    run("add", "Maya López", "--phone", "+44 20 7946 0958")
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN:;Sam;;;\nFN:Sam\nTEL;CELL:(555) 010-4444\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Maya López\nTEL:020 7946 0958\nTEL:07700 900123\n"
        "END:VCARD\n"
    )
    out = run("import", str(_write(tmp_path / "phone.vcf", text))).stdout
    assert "0 added, 1 updated, 1 skipped" in out
    maya = json.loads(run("show", "Maya", "--json").stdout)["person"]
    assert maya["phones"] == ["+44 20 7946 0958", "07700 900123"]


def test_same_phone_allows_a_country_code_and_a_trunk_zero_only():
    from supportnet.exchange.vcard import number_key, same_phone

    def same(a: str, b: str) -> bool:
        return same_phone(number_key(a), number_key(b))

    assert same("+44 20 7946 0958", "020 7946 0958")
    assert same("+1 555-010-4444", "(555) 010-4444")
    assert same("0049 170 12345", "0170 12345")
    assert not same("+1 555-010-4444", "010-4444")  # too short to say
    assert not same("+9999 555 010 4444", "555 010 4444")  # four digits more: another
    assert not same("555 010 4444", "555 010 4445")
    # Two national numbers are one only when equal: Berlin and Oranienburg.
    assert not same("030 1234 5678", "03301 234 5678")
    assert not same("07946 0958", "020 7946 0958")
    assert same("030 1234-5678", "(030) 12345678")


def test_a_folder_of_address_books_names_them(run, tmp_path: Path):
    # vdirsyncer's `path = "~/.contacts/"` holds an address book a folder: given it,
    # the import read "0 cards" without a word about people/ inside it.
    text = "BEGIN:VCARD\nVERSION:3.0\nUID:x1\nFN:Fam One\nEND:VCARD\n"
    _write(tmp_path / "contacts" / "people" / "x1.vcf", text)
    _write(tmp_path / "contacts" / "work" / "x2.vcf", text.replace("x1", "x2"))
    result = run("import", "--vdir", str(tmp_path / "contacts"), expect=7)
    assert result.stderr == (
        f"{tmp_path / 'contacts'} holds no cards itself, but address books do inside it: "
        "people/ (1 card) and work/ (1 card); import one with supportnet import --vdir "
        f"{tmp_path / 'contacts' / 'people'}.\n"
    )
    assert run("people").stdout.startswith("No one")


def test_a_broken_card_of_supportnets_says_the_way_out(run, tmp_path: Path):
    # The import left it out, the export left it as it was "changed in the folder" and
    # sent the user back to the import: for ever.
    run("add", "Local One")
    folder = tmp_path / "people"
    run("export", "--format", "vdir", str(folder))
    (card,) = [f for f in folder.glob("*.vcf") if b"FN:Local" in f.read_bytes()]
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Local One\n", encoding="utf-8")
    assert run("import", "--vdir", str(folder)).stderr == (
        f"{card}: it has no END:VCARD line; it was left out (it held a card supportnet "
        "wrote: mend it, or delete it and the next export writes it again)\n"
    )
    card.unlink()
    run("export", "--format", "vdir", str(folder))
    assert b"END:VCARD" in card.read_bytes()


def test_a_vdir_card_renamed_to_someone_elses_name_keeps_its_own(run, tmp_path: Path):
    # "took the name from the card": two Sam Carters, and `show Sam` asked which.
    run("add", "Maya Lopez")
    run("add", "Sam Carter")
    folder = tmp_path / "p"
    run("export", "--format", "vdir", str(folder))
    (card,) = [f for f in folder.glob("*.vcf") if b"FN:Maya" in f.read_bytes()]
    text = card.read_text(encoding="utf-8")
    card.write_text(re.sub(r"FN:[^\r\n]*", "FN:Sam Carter", text), encoding="utf-8")
    for _ in range(2):  # said again until the card is renamed again
        out = run("import", "--vdir", str(folder)).stdout
        assert "its name 'Sam Carter' is already what Sam Carter (#2) is called; kept " in out
    people = json.loads(run("people", "--json").stdout)
    assert [p["name"] for p in people] == ["Maya Lopez", "Sam Carter"]
    card.write_text(re.sub(r"FN:[^\r\n]*", "FN:Maya López", text), encoding="utf-8")
    out = run("import", "--vdir", str(folder)).stdout
    assert "updated Maya Lopez (#1): took the name 'Maya López' from the card" in out
    assert run("show", "Maya").stdout.startswith("Maya López (#1)")


def test_a_cards_nickname_that_is_someone_elses_name_is_left_out(run, tmp_path: Path):
    # A card "Sammy Okafor" with NICKNAME:Sam beside Sam Carter: `show Sam` then showed
    # Sammy (an exact nickname beats a word of a name), without a word.
    run("add", "Sam Carter")
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sammy Okafor\nNICKNAME:Sam,Okie\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nNICKNAME:Okie\nEND:VCARD\n"
    )
    out = run("import", str(_write(tmp_path / "n.vcf", text))).stdout
    assert "Sammy Okafor: nickname 'Sam' left out: it is what Sam Carter (#1) is called" in out
    assert "Ann Lee: nickname 'Okie' left out: it is what Sammy Okafor (#2) is called" in out
    assert run("show", "Sam").stdout.startswith("Sam Carter (#1)")
    assert json.loads(run("show", "Sammy", "--json").stdout)["person"]["nicknames"] == ["Okie"]
    # The same from a phone's edit of a vdir card.
    folder = tmp_path / "book"
    run("export", "--format", "vdir", str(folder))
    (card,) = [f for f in folder.glob("*.vcf") if b"FN:Ann Lee" in f.read_bytes()]
    card.write_bytes(card.read_bytes().replace(b"FN:Ann Lee", b"FN:Ann Lee\r\nNICKNAME:Sam"))
    out = run("import", "--vdir", str(folder)).stdout
    assert "nickname 'Sam' left out: it is what Sam Carter (#1) is called" in out
    assert json.loads(run("show", "Ann", "--json").stdout)["person"]["nicknames"] == []


def test_strict_names_a_bad_line_as_a_problem_not_a_card(run, tmp_path: Path):
    # A card with one bad line was counted as "1 more card could not be read either",
    # while that card was read, and imported without --strict.
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:No End\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good Two\nthis line has no colon\nEND:VCARD\n"
    )
    path = _write(tmp_path / "two.vcf", text)
    assert run("import", str(path), "--strict", expect=7).stderr == (
        f"{path}: card 1 (line 1): it has no END:VCARD line (1 more problem too); nothing was "
        "imported (--strict).\n"
    )


def test_cards_are_not_written_into_the_calendars_folder(run, tmp_path: Path):
    # `export --format vdir plans` into the calendar's folder wrote cards there, and
    # every `calendar export --vdir plans` after it was refused.
    run("add", "Maya Lopez", "--birthday", "March 14")
    folder = tmp_path / "plans"
    run("calendar", "export", "--vdir", str(folder))
    before = sorted(f.name for f in folder.iterdir())
    assert run("export", "--format", "vdir", str(folder), expect=7).stderr.startswith(
        f"{folder} holds calendar files (.ics); the address book goes in a folder of its own"
    )
    assert sorted(f.name for f in folder.iterdir()) == before
    run("calendar", "export", "--vdir", str(folder))


def test_a_vdir_card_emptied_on_the_phone_keeps_the_persons_name(run, tmp_path: Path):
    # The card, named after its email, renamed Sam Carter to "sam@x.org", and the next
    # export sent that name to the phone.
    run("add", "Sam Carter", "--email", "sam@x.org")
    folder = tmp_path / "people"
    run("export", "--format", "vdir", str(folder))
    (card,) = [f for f in folder.glob("*.vcf") if b"Sam" in f.read_bytes()]
    text = re.sub(r"\nFN:[^\r\n]*", "\nFN:", card.read_text(encoding="utf-8"))
    card.write_text(re.sub(r"\nN:[^\r\n]*", "\nN:;;;;", text), encoding="utf-8")
    out = run("import", "--vdir", str(folder)).stdout
    assert "it has no name (FN or N); kept 'Sam Carter'" in out
    assert run("show", "Sam").stdout.startswith("Sam Carter (#1)")


def test_a_new_card_that_is_someones_is_not_also_their_card_gone(run, tmp_path: Path):
    # The phone replaced Theo's card with one of its own: the summary said both
    # "added 1 phone" and "the card is no longer in the folder; the next export writes
    # it again", and the export did not.
    run("add", "Theo First", "--email", "theo@x.org")
    folder = tmp_path / "people"
    run("export", "--format", "vdir", str(folder))
    (old,) = [f for f in folder.glob("*.vcf") if b"FN:Theo" in f.read_bytes()]
    old.unlink()
    _write(folder / "NEW-THEO.vcf", "BEGIN:VCARD\nVERSION:3.0\nUID:NEW-THEO\nFN:Theo First\n"
           "EMAIL:theo@x.org\nTEL:+33 6 12 34 56 78\nEND:VCARD\n")  # fmt: skip
    out = run("import", "--vdir", str(folder)).stdout
    assert "updated Theo First (#1): added 1 phone" in out
    assert "no longer in the folder" not in out
    run("export", "--format", "vdir", str(folder))
    assert not old.exists()


def test_an_organizations_card_is_skipped_and_an_east_asian_n_keeps_its_order(run, tmp_path):
    """Android and Outlook show a card with only ORG by the organization's name: it is
    no one to add (it was added named after its phone).  N:王;小明 with no FN (a SIM's
    card) is 王小明, as the card with FN:王小明 writes it: one person, not "小明 王"."""
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nORG:Pizza Palace;Delivery\nTEL;WORK:+1 555 010 5555\n"
        "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:王;小明;;;\nTEL:555 0102\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:王小明\nEMAIL:x@example.cn\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Kim;Lee;;;\nORG:Acme\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nNICKNAME:Mum\nORG:Acme\nTEL:555 0199\nEND:VCARD\n"
    )
    done = json.loads(run("import", str(_write(tmp_path / "a.vcf", text)), "--json").stdout)
    assert [(c["action"], c["name"], c["reason"]) for c in done["cards"]] == [
        ("skipped", "Pizza Palace",
         "it is an organization's card (ORG, and no name), not a person"),
        ("added", "王小明", "new"),
        ("updated", "王小明", "added 1 email"),
        ("added", "Lee Kim", "new"),
        ("added", "555 0199", "new"),  # a person known by a nickname, at a company
    ]  # fmt: skip


def test_the_summary_of_a_card_without_a_name_has_no_empty_name(run, tmp_path: Path):
    # "card 1 (line 1), : line 3 could not be read": the card's name was empty.
    text = "BEGIN:VCARD\nVERSION:3.0\nFN Broken no colon\nEND:VCARD\n"
    path = _write(tmp_path / "b.vcf", text + "BEGIN:VCARD\nVERSION:3.0\nFN:Ok\nEND:VCARD\n")
    assert run("import", str(path)).stdout.splitlines()[2:] == [
        "  skipped card 1 (line 1): it has no name (FN or N)",
        "  card 1 (line 1): line 3 could not be read ('FN Broken no colon'); it was left out",
    ]
    # Cards already here with nothing new are counted, whatever else their line says.
    run("add", "Anna Schmidt", "--phone", "+49 30 1234567")
    shared = "BEGIN:VCARD\nVERSION:3.0\nFN:Peter Schmidt\nTEL:+49 30 1234567\nEND:VCARD\n"
    again = _write(tmp_path / "p.vcf", shared)
    run("import", str(again))
    assert run("import", str(again)).stdout.splitlines()[1] == (
        "0 added, 0 updated, 1 skipped (1 already here with nothing new)."
    )


def test_utf16_without_a_byte_order_mark_is_read(run, tmp_path: Path):
    # Some Windows programs write UTF-16 with no mark: it was "binary" and refused.
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n"
    for encoding, name in (("utf-16-le", "Zoë Adams"), ("utf-16-be", "王小明")):
        path = tmp_path / f"{encoding}.vcf"
        path.write_bytes(card.format(name=name).encode(encoding))
        assert run("import", str(path)).stdout.startswith(f"Read 1 card from {path}.\n1 added")
    names = [p["name"] for p in json.loads(run("people", "--json").stdout)]
    assert sorted(names) == sorted(["Zoë Adams", "王小明"])


def test_a_line_read_as_windows_1252_for_want_of_a_charset_is_said(run, tmp_path: Path):
    # An old Russian phone's card without CHARSET came in as "Èâàí Êóçíåöîâ", silently.
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Кузнецов;Иван;;;\r\nFN:Иван Кузнецов\r\nEND:VCARD\r\n"
    path = tmp_path / "ru.vcf"
    path.write_bytes(text.encode("cp1251") + b"BEGIN:VCARD\r\nFN:Zo\xeb\r\nEND:VCARD\r\n")
    done = json.loads(run("import", str(path), "--json").stdout)
    note = (
        "is not UTF-8, so it was read as Windows-1252 (Western "
        "European); if its text looks wrong, save the file as UTF-8 and import it again"
    )
    assert [c["warnings"] for c in done["cards"]] == [[f"line 3 {note}"], [f"line 7 {note}"]]
    assert [c["name"] for c in done["cards"]] == ["Èâàí Êóçíåöîâ", "Zoë"]


def test_a_line_of_a_card_that_could_not_be_read_is_not_said_of_another(run, tmp_path):
    # Card 2 has no END:VCARD: its Windows-1252 line was said to be card 1's.
    path = tmp_path / "broken.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n"
                     b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos\xe9\r\n"
                     b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\nEND:VCARD\r\n")  # fmt: skip
    done = json.loads(run("import", str(path), "--json").stdout)
    assert [(c["name"], c["warnings"]) for c in done["cards"]] == [("Ann", []), ("Bo", [])]
