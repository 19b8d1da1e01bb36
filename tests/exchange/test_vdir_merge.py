"""Merging two people who each had a card in an address-book vdir: the next import
takes no card for someone new, and the next export leaves one card for the one kept
(docs/sync.md, "Two people who are one")."""

from __future__ import annotations

import json
from pathlib import Path


def _export(run, folder: Path) -> dict:
    return json.loads(run("export", "--format", "vdir", str(folder), "--json").stdout)


def _import(run, folder: Path) -> dict:
    return json.loads(run("import", "--vdir", str(folder), "--json").stdout)


def _names(run) -> list[str]:
    return [p["name"] for p in json.loads(run("people", "--json").stdout)]


def test_the_others_card_is_removed_and_never_comes_back_as_someone_new(run, tmp_path):
    book = tmp_path / "book"
    run("add", "Sam Carter", "--email", "sam@example.org")
    run("add", "Sam Carter-Jones", "--force", "--email", "sam@example.org", "--tag", "choir")
    _export(run, book)
    other_card = next(p for p in book.glob("*.vcf") if b"FN:Sam Carter-Jones" in p.read_bytes())
    run("merge", "#1", "#2", "--yes")
    assert _import(run, book)["cards"] == [] and _names(run) == ["Sam Carter"]
    # Their card, still in the folder, edited on the phone before the next export: it is
    # passed over, never taken for someone new.
    other_card.write_bytes(other_card.read_bytes().replace(b"END:VCARD", b"NOTE:new\r\nEND:VCARD"))
    (card,) = _import(run, book)["cards"]
    assert card["action"] == "skipped" and "removed here" in card["reason"]
    assert _names(run) == ["Sam Carter"]
    done = _export(run, book)
    assert other_card.name in done["removed"] and not other_card.exists()
    (kept,) = [p for p in book.glob("*.vcf") if b"FN:Sam Carter\r" in p.read_bytes()]
    text = kept.read_bytes().decode()
    assert "NICKNAME:Sam Carter-Jones\r\n" in text and "CATEGORIES:choir\r\n" in text
    assert _import(run, book)["cards"] == [] and _names(run) == ["Sam Carter"]


def test_a_card_only_the_other_had_becomes_the_kept_ones(run, tmp_path):
    book = tmp_path / "book"
    _export(run, book)  # (an empty address book, remembered)
    rosa = book / "ABC-123.vcf"
    rosa.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ABC-123\r\nFN:Rosa D\r\n"
                     b"PHOTO:https://example.org/r.jpg\r\nEND:VCARD\r\n")  # fmt: skip
    _import(run, book)  # Rosa D (#1), from the phone
    run("add", "Rosa Diaz", "--phone", "555 0100")  # (#2): no card yet
    run("merge", "Rosa Diaz", "Rosa D", "--yes")
    done = _export(run, book)
    assert "ABC-123.vcf" in done["written"]
    assert [p.name for p in book.glob("*.vcf") if b"FN:Rosa" in p.read_bytes()] == ["ABC-123.vcf"]
    text = rosa.read_bytes().decode()
    assert "FN:Rosa Diaz\r\n" in text and "UID:ABC-123\r\n" in text and "PHOTO:" in text
    assert _import(run, book)["cards"] == [] and _names(run) == ["Rosa Diaz"]
