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
