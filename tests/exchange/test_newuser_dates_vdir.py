"""A new user's calendar vdir: what goes in which folder."""

from __future__ import annotations


def test_the_calendar_is_not_written_into_an_address_book(run, tmp_path):
    """`import --vdir` refuses a calendar's folder; the calendar export wrote its
    events among the cards of an address book without a word."""
    run("add", "Maya", "--birthday", "1990-03-14")
    people = tmp_path / "people"
    run("export", "--format", "vdir", str(people))
    before = sorted(p.name for p in people.iterdir())
    result = run("calendar", "export", "--vdir", str(people), expect=7)
    assert result.stderr == (
        f"{people} holds address-book cards (.vcf); the calendar goes in a folder of its "
        "own (calendar export --vdir ~/.calendars/supportnet). Nothing was written.\n"
    )
    assert sorted(p.name for p in people.iterdir()) == before
    run("calendar", "export", "--vdir", str(tmp_path / "calendar"))
    assert [p.suffix for p in (tmp_path / "calendar").iterdir()] == [".ics"]
