"""A new user moving an address book in: who a card is, and what the summary says.

Each test is a problem found by importing real exports one after the other
(docs/exchange.md, "No duplicates, and no two people merged into one").
"""

from __future__ import annotations

import json
from pathlib import Path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def _card(*lines: str) -> str:
    return "BEGIN:VCARD\nVERSION:3.0\n" + "".join(f"{line}\n" for line in lines) + "END:VCARD\n"


def test_a_person_named_after_their_phone_takes_the_name_of_a_later_card(run, tmp_path):
    # The name was the one thing missing, and the card was "already here, nothing new".
    first = _write(tmp_path / "phone.vcf", _card("FN:", "N:;;;;", "TEL;TYPE=CELL:+44 20 7946 0958"))
    run("import", str(first))
    later = _write(tmp_path / "named.vcf", _card("FN:Oliver Twist", "N:Twist;Oliver;;;",
                                                 "TEL;TYPE=CELL:020 7946 0958"))  # fmt: skip
    out = run("import", str(later)).stdout
    assert out == (
        f"Read 1 card from {later}.\n"
        "0 added, 1 updated, 0 skipped.\n"
        "  updated Oliver Twist (#1): took the name 'Oliver Twist' (it was named after its "
        "phone number, '+44 20 7946 0958') [card 1 (line 1)]\n"
    )
    (person,) = json.loads(run("people", "--json").stdout)
    assert person["name"] == "Oliver Twist"
    assert json.loads(run("show", "Oliver", "--json").stdout)["person"]["phones"] == [
        "+44 20 7946 0958"
    ]
    # Once named, the person is no longer anyone's with that number: a second name is a
    # second person, who shares the phone.
    other = _write(tmp_path / "nancy.vcf", _card("FN:Nancy Twist", "TEL:020 7946 0958"))
    assert (
        "added Nancy Twist (#2): new; shares a phone with Oliver Twist (#1)"
        in run("import", str(other)).stdout
    )


def test_within_one_file_the_first_named_card_names_them(run, tmp_path: Path):
    text = _card("EMAIL:kim@example.org") + _card("FN:Kim Lee", "EMAIL:KIM@example.org")
    done = json.loads(run("import", str(_write(tmp_path / "a.vcf", text)), "--json").stdout)
    assert [(c["action"], c["reason"], c["person_name"]) for c in done["cards"]] == [
        ("added", "new", "kim@example.org"),
        ("updated", "took the name 'Kim Lee' (it was named after its email, "
                    "'kim@example.org')", "Kim Lee"),
    ]  # fmt: skip
    assert [p["name"] for p in json.loads(run("people", "--json").stdout)] == ["Kim Lee"]


def test_a_placeholder_does_not_take_a_name_someone_else_has(run, tmp_path: Path):
    run("add", "Oliver Twist", "--phone", "+44 20 7000 0000")
    run("import", str(_write(tmp_path / "p.vcf", _card("TEL:+44 20 7946 0958"))))
    later = _write(tmp_path / "n.vcf", _card("FN:Oliver Twist", "TEL:020 7946 0958"))
    (card,) = json.loads(run("import", str(later), "--json").stdout)["cards"]
    assert (card["action"], card["person_id"]) == ("skipped", 2)
    assert card["warnings"] == [
        "its name 'Oliver Twist' is already what Oliver Twist (#1) is called; kept "
        "'+44 20 7946 0958' (`supportnet rename` with --force gives it anyway)"
    ]


def _namesakes(*emails: str) -> str:
    return "".join(
        _card("FN:Anna Schmidt", f"UID:namesake-{n}", f"EMAIL:{email}")
        for n, email in enumerate(emails, 1)
    )


def test_two_cards_with_different_uids_are_not_both_someone_here(run, tmp_path: Path):
    # Both namesakes of the file were merged into the Anna already here: one person with
    # the emails of three contacts (into an empty database, the file gave two people).
    # Then the first was still merged; now a namesake with another email is someone else
    # too (a duplicate is easy to `merge`; two people in one are not easy to split).
    run("add", "Anna Schmidt", "--email", "anna@family.example")
    path = _write(tmp_path / "n.vcf", _namesakes("anna.2@other.example", "anna.3@other.example"))
    out = run("import", str(path)).stdout
    assert out == (
        f"Read 2 cards from {path}.\n"
        "2 added, 0 updated, 0 skipped.\n"
        "  added Anna Schmidt (#2): new; not Anna Schmidt (#1), who has the same name but "
        "another email [card 1 (line 1)]\n"
        "  added Anna Schmidt (#3): new; not Anna Schmidt (#1), who has the same name but "
        "another email; not Anna Schmidt (#2), who has the same name but is card 1 of this "
        "file (another UID) [card 2 (line 7)]\n"
    )
    people = [json.loads(run("show", f"#{n}", "--json").stdout)["person"] for n in (1, 2, 3)]
    assert [p["emails"] for p in people] == [
        ["anna@family.example"],
        ["anna.2@other.example"],
        ["anna.3@other.example"],
    ]
    # The same file again changes nothing: each card is now someone by its email.
    done = json.loads(run("import", str(path), "--json").stdout)
    assert [(c["action"], c["person_id"]) for c in done["cards"]] == [
        ("skipped", 2),
        ("skipped", 3),
    ]


def test_the_card_with_their_email_is_them_whatever_the_order(run, tmp_path: Path):
    run("add", "Anna Schmidt", "--email", "anna@family.example")
    path = _write(tmp_path / "n.vcf", _namesakes("anna.2@other.example", "anna@family.example"))
    done = json.loads(run("import", str(path), "--json").stdout)
    assert [(c["action"], c["person_id"], c["reason"]) for c in done["cards"]] == [
        ("added", 2, "new; not Anna Schmidt (#1), who has the same name but is card 2 of this "
                     "file (another UID)"),
        ("skipped", 1, "already here, nothing new"),
    ]  # fmt: skip


def test_namesakes_into_an_empty_database_are_said_to_be_two(run, tmp_path: Path):
    path = _write(tmp_path / "n.vcf", _namesakes("a@x.example", "b@x.example", "c@x.example"))
    done = json.loads(run("import", str(path), "--json").stdout)
    assert [(c["action"], c["person_id"]) for c in done["cards"]] == [
        ("added", 1), ("added", 2), ("added", 3)
    ]  # fmt: skip
    assert done["cards"][2]["reason"] == (
        "new; not Anna Schmidt (#1) and Anna Schmidt (#2), who have the same name but are "
        "cards 1 and 2 of this file (other UIDs)"
    )


def test_a_matched_card_with_a_longer_name_says_the_recorded_one_was_kept(run, tmp_path):
    # "kept 'Zoe Adams-Nunez'" while she stayed Zoe Adams; Oscar Pérez García was
    # "already here, nothing new" without a word.
    run("add", "Zoe Adams", "--email", "zoe@example.org")
    run("add", "Oscar Pérez", "--email", "oscar@example.org")
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Zoe Adams-Nunez\nN:Adams-Nunez;Zoe;Maria;;\n"
        "EMAIL:zoe@example.org\nTEL:+1 555 0100\nEND:VCARD\n"
    ) + _card("FN:Oscar Pérez García", "EMAIL:oscar@example.org")
    path = _write(tmp_path / "n.vcf", text)
    out = run("import", str(path)).stdout
    assert out == (
        f"Read 2 cards from {path}.\n"
        "0 added, 1 updated, 1 skipped (1 already here with nothing new).\n"
        "  updated Zoe Adams (#1): added 1 phone [card 1 (line 1)]\n"
        "  card 1 (line 1), Zoe Adams-Nunez: its name 'Zoe Adams-Nunez' (N 'Zoe Maria "
        "Adams-Nunez') differs from the one recorded; kept 'Zoe Adams' (to take the card's: "
        "supportnet rename '#1' 'Zoe Adams-Nunez')\n"
        "  card 2 (line 8), Oscar Pérez García: its name 'Oscar Pérez García' differs from the "
        "one recorded; kept 'Oscar Pérez' (to take the card's: supportnet rename '#2' "
        "'Oscar Pérez García')\n"
    )
    people = json.loads(run("people", "--json").stdout)
    assert sorted(p["name"] for p in people) == ["Oscar Pérez", "Zoe Adams"]


def test_a_shorter_form_of_the_recorded_name_is_not_a_different_name(run, tmp_path: Path):
    run("add", "Priya Sharma", "--phone", "+1 555 010 2222", "--nickname", "Pri")
    text = (
        _card("FN:Priya S.", "TEL:(555) 010-2222")
        + _card("FN:pri sharma", "TEL:+1 555 010 2222")
        + _card("FN:Pri", "N:Sharma;Priya;;;", "TEL:+1 555 010 2222")
    )
    done = json.loads(run("import", str(_write(tmp_path / "a.vcf", text)), "--json").stdout)
    # (Not "its FN 'Pri' and N 'Priya Sharma' differ; kept 'Pri'": she is Priya Sharma.)
    assert [(c["person_id"], c["warnings"]) for c in done["cards"]] == [(1, [])] * 3


def test_a_new_person_called_what_someone_else_is_called_is_said_to_take_it(run, tmp_path):
    # FN:Sam beside Sam Carter was added without a word; from then on `show Sam` was him.
    run("add", "Sam Carter")
    run("add", "Okie Lee", "--nickname", "Sammy")
    text = _card("FN:Sam", "EMAIL:sam@example.org") + _card("FN:Sammy")
    text += _card("FN:Ana Costa")  # no one's name: nothing to say
    path = _write(tmp_path / "s.vcf", text)
    out = run("import", str(path)).stdout
    assert out == (
        f"Read 3 cards from {path}.\n"
        "3 added, 0 updated, 0 skipped.\n"
        "  card 1 (line 1), Sam: 'Sam' was what Sam Carter (#1) is called: it now names this "
        "person exactly, and Sam Carter goes by 'Sam Carter'\n"
        "  card 2 (line 6), Sammy: 'Sammy' was what Okie Lee (#2) is called: it now names this "
        "person exactly, and Okie Lee goes by 'Okie Lee'\n"
    )
    assert run("show", "Sam").stdout.startswith("Sam (#3)")
    assert run("show", "Sam Carter").stdout.startswith("Sam Carter (#1)")
    # A person named after their phone who takes such a name says so too.
    run("import", str(_write(tmp_path / "p.vcf", _card("TEL:+1 555 010 7777"))))
    named = _write(tmp_path / "n.vcf", _card("FN:Carter", "TEL:+1 555 010 7777"))
    (card,) = json.loads(run("import", str(named), "--json").stdout)["cards"]
    assert card["warnings"] == [
        "'Carter' was what Sam Carter (#1) is called: it now names this person exactly, and "
        "Sam Carter goes by 'Sam Carter'"
    ]


def test_namesakes_with_other_emails_or_phones_are_two_people(run, tmp_path: Path):
    """A Google export has no UIDs: two John Smiths, each with an email of his own, were
    one person holding both (and every later John Smith's details).  A card with the
    same name and no detail of the same kind as the person's still fills them in."""
    path = _write(tmp_path / "g.vcf", "".join([
        _card("FN:John Smith", "EMAIL:john.smith1@example.com"),
        _card("FN:John Smith", "EMAIL:jsmith.other@example.com", "TEL:555-777-8888"),
        _card("FN:Ana Diaz", "EMAIL:ana@example.com"),
        _card("FN:Ana Diaz", "TEL:555 010 4444", "NOTE:met at the chorus"),
    ]))  # fmt: skip
    done = json.loads(run("import", str(path), "--json").stdout)
    assert [(c["action"], c["person_id"], c["reason"]) for c in done["cards"]] == [
        ("added", 1, "new"),
        ("added", 2, "new; not John Smith (#1), who has the same name but another email"),
        ("added", 3, "new"),
        ("updated", 3, "added 1 phone and a note"),
    ]
    ana = json.loads(run("show", "#3", "--json").stdout)["person"]
    assert (ana["emails"], ana["phones"]) == (["ana@example.com"], ["555 010 4444"])


def test_an_umlaut_written_out_is_the_same_name(run, tmp_path: Path):
    # Jürgen Mueller, with Jürgen Müller's email, was added as someone else.
    run("add", "Jürgen Müller", "--email", "j@example.de")
    path = _write(tmp_path / "j.vcf", "".join([
        _card("FN:Jürgen Mueller", "EMAIL:j@example.de", "TEL:555 0100"),
        _card("FN:Joerg Mueller", "EMAIL:j@example.de"),
    ]))  # fmt: skip
    done = json.loads(run("import", str(path), "--json").stdout)
    assert [(c["action"], c["person_id"], c["reason"]) for c in done["cards"]] == [
        ("updated", 1, "added 1 phone"),
        ("added", 2, "new; shares an email with Jürgen Müller (#1)"),  # another first name
    ]
