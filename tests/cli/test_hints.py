"""Small hints new users asked for: an id without '#', a group without --group..."""

from __future__ import annotations


def test_a_bare_number_that_is_someones_id_says_to_write_hash(run, unchanged):
    run("add", "Maya")
    run("add", "Tom")
    with unchanged():
        assert run("show", "2", expect=3).stderr == (
            "No one called '2' is here (for the person with id 2, write #2).\n"
        )
        assert run("show", "7", expect=3).stderr == "No one called '7' is here.\n"
    assert run("show", "#2").stdout.startswith("Tom")


def test_history_says_one_in_words(run):
    run("add", "Sam")
    run("log", "coffee", "--with", "Sam", "--on", "2026-06-01")
    run("log", "walk", "--with", "Sam", "--on", "2026-06-02")
    out = run("history", "-n", "1").stdout
    assert out.endswith(
        "The newest one is shown; there are more (--limit 0 for all, or --since DATE).\n"
    )


def test_export_format_vcard_is_vcf(run):
    run("add", "Maya")
    for spelled in ("vcard", "vCards"):
        assert run("export", "--format", spelled).stdout == run("export", "--format", "vcf").stdout


def test_a_group_named_without_group_gets_the_hint(run, unchanged):
    run("add", "Maya")
    run("group", "add", "food bank", "--kind", "volunteering")
    with unchanged():
        for command in ("snooze", "unsnooze", "dismiss"):
            assert run(command, "food bank", expect=3).stderr == (
                "No one called 'food bank' is here. For the group food bank, add --group.\n"
            )
    assert run("snooze", "food bank", "--group").stdout.startswith("Snoozed food bank")
