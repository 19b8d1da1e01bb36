"""A new user's address books (Google, Apple, Outlook, Nextcloud), as they really come.

Each test is a problem found by trying supportnet with such files: nothing a card
holds may be passed over without a word in the summary.
"""

from __future__ import annotations

import json
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
