"""A new user's files through `supportnet import`: what is recognised, and what a
dry run leaves behind (nothing)."""

from __future__ import annotations

import json
from pathlib import Path

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe Adams\r\nEMAIL:zoe@example.org\r\nEND:VCARD\r\n"


def test_a_dry_run_into_a_new_database_creates_no_file(run, tmp_path: Path):
    # "Write nothing" left a new, migrated 315 KB database behind (a typo in --db made one).
    card = tmp_path / "zoe.vcf"
    card.write_text(CARD, encoding="utf-8", newline="")
    new = tmp_path / "new" / "sn.db"
    out = run("--db", str(new), "import", str(card), "--dry-run").stdout
    assert out == (
        f"Read 1 card from {card}.\n1 added, 0 updated, 0 skipped.\nDry run: nothing was written.\n"
    )
    assert not new.parent.exists()
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "zoe.vcf").write_text(CARD, encoding="utf-8", newline="")
    done = json.loads(run("--db", str(new), "import", "--vdir", str(folder), "--dry-run",
                          "--json").stdout)  # fmt: skip
    assert (done["dry_run"], [c["action"] for c in done["cards"]]) == (True, ["added"])
    assert not new.parent.exists()
    exported = tmp_path / "export.json"
    run("add", "Maya")
    run("export", "--format", "json", "-o", str(exported))
    assert "is a valid export: 1 person" in run("--db", str(new), "import", str(exported),
                                                "--dry-run").stdout  # fmt: skip
    assert not new.parent.exists()
    # The same import, for real, makes the database.
    run("--db", str(new), "import", str(card))
    assert [p["name"] for p in json.loads(run("--db", str(new), "people", "--json").stdout)] == [
        "Zoe Adams"
    ]


CSV_REFUSED = (
    "{path}: CSV files cannot be imported (CSV is for spreadsheets). Export your contacts as "
    "vCard (.vcf) from your address book and import that.\n"
)


def test_a_csv_file_is_recognised_by_its_content_whatever_its_name(run, tmp_path: Path):
    # Saved as .vcf: "has no vCard in it", while LDIF and iCalendar are named as such.
    outlook = tmp_path / "really_csv.vcf"
    outlook.write_bytes(
        b"First Name,Last Name,E-mail Address,Mobile Phone\r\n"
        b"Maya,L\xc3\xb3pez,maya@example.org,+1 555 0100\r\nSam,Carter,,\r\n"
    )
    run("add", "Maya", "--note", "line one\nline two, with a comma")
    ours = tmp_path / "people_as.vcf"
    run("export", "--format", "csv", "--what", "people", "-o", str(ours))
    semicolons = tmp_path / "excel.txt"
    semicolons.write_bytes("Name;E-mail\r\nZoë;zoe@example.org\r\n".encode("utf-16"))
    for path in (outlook, ours, semicolons):
        assert run("import", str(path), expect=7).stderr == CSV_REFUSED.format(path=path)
    # A vCard named .csv is a vCard; a line of prose with a comma is no CSV.
    card = tmp_path / "apple_contacts.csv"
    card.write_text(CARD, encoding="utf-8", newline="")
    assert "1 added" in run("import", str(card)).stdout
    prose = tmp_path / "notes.vcf"
    prose.write_text("Hello, these are my notes.\n", encoding="utf-8")
    assert "has no vCard in it" in run("import", str(prose), expect=7).stderr
