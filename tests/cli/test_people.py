"""People: adding, listing, finding, changing and removing."""

from __future__ import annotations

import json
import os
import stat

import pytest


def test_add_and_list(run, db_path):
    out = run("add", "Maya López", "--circle", "close", "--birthday", "March 14",
              "--tag", "family", "--nickname", "May").stdout  # fmt: skip
    assert out == "Added Maya López (#1).\n"
    run("add", "Sam Carter", "--cadence", "every 3 weeks", "--email", "sam@example.org")
    listing = json.loads(run("people", "--json").stdout)
    assert [p["name"] for p in listing] == ["Maya López", "Sam Carter"]
    maya, sam = listing
    assert maya["circle"] == "close"
    assert maya["cadence_days"] == 14 and maya["cadence_is_own"] is False
    assert maya["birthday"] == {"month": 3, "day": 14, "year": None}
    assert maya["nicknames"] == ["May"] and maya["tags"] == ["family"]
    assert sam["cadence"] == "every 3 weeks" and sam["cadence_is_own"] is True
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_the_list_gives_the_cadence_in_force_from_the_config(run, db_path):
    """Someone without a cadence of their own has their circle's from config.toml."""
    run("add", "Maya López")
    run("add", "Sam Carter", "--cadence", "every 5 days")
    run("add", "Noor", "--circle", "inner")
    (db_path.parent / "config.toml").write_text("[cadence]\nfriend = 21\n", encoding="utf-8")
    listing = json.loads(run("people", "--json").stdout)
    assert [(p["name"], p["cadence_days"], p["cadence_is_own"]) for p in listing] == [
        ("Maya López", 21, False), ("Noor", 7, False), ("Sam Carter", 5, True)
    ]  # fmt: skip


def test_plain_listing_when_piped(run):
    run("add", "Maya López", "--circle", "close")
    out = run("people").stdout
    assert out.splitlines()[0].split() == ["id", "name", "circle", "hoped", "for", "last",
                                           "seen", "tags"]  # fmt: skip
    assert "\x1b[" not in out
    assert "#1  Maya López  close   every 2 weeks  not yet" in out


def test_empty_list_says_how_to_start(run):
    assert "supportnet add" in run("people").stdout


@pytest.mark.parametrize(
    "birthday, expected",
    [
        ("1990-03-14", {"month": 3, "day": 14, "year": 1990}),
        ("03-14", {"month": 3, "day": 14, "year": None}),
        ("March 14", {"month": 3, "day": 14, "year": None}),
        ("Feb 29", {"month": 2, "day": 29, "year": None}),
        ("1992-02-29", {"month": 2, "day": 29, "year": 1992}),
    ],
)
def test_birthday_forms(run, birthday, expected):
    run("add", "Ana", "--birthday", birthday)
    assert json.loads(run("show", "Ana", "--json").stdout)["person"]["birthday"] == expected


def test_duplicate_name_refused_unless_forced(run, unchanged):
    run("add", "Maya López")
    with unchanged():
        result = run("add", "maya lopez", expect=6)
    assert result.stderr == (
        "Maya López (#1) is already here. To add a second person with that name, use --force; "
        "to change them, use `supportnet edit`.\n"
    )
    assert result.stdout == ""
    run("add", "Maya Lopez", "--force")
    assert len(json.loads(run("people", "--json").stdout)) == 2


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--circle", "bestie"], 5, "Unknown circle 'bestie'."),
        (["--circle", "frend"], 5, "Unknown circle 'frend'. Did you mean friend?"),
        (["--cadence", "every blue moon"], 5, "Could not understand the cadence"),
        (["--birthday", "Feb 30"], 5, "'Feb 30' is not a day of the calendar"),
        (["--birthday", "1991-02-29"], 5, "'1991-02-29' is not a day of the calendar ("),
        (["--email", "not-an-email"], 5, "does not look like an email address"),
    ],
)
def test_bad_input_for_add(run, unchanged, args, code, message):
    run("add", "Someone Else")
    with unchanged():
        result = run("add", "Maya", *args, expect=code)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_references(run):
    run("add", "Maya López", "--nickname", "Mayita")
    run("add", "Sam Carter")
    run("add", "Sam Lee")
    run("add", 'Zoë 🌻 "Z" O\'Hara')
    name = lambda ref: json.loads(run("show", ref, "--json").stdout)["person"]["name"]  # noqa: E731
    assert name("MAYA LOPEZ") == "Maya López"
    assert name("maya") == "Maya López"
    assert name("mayita") == "Maya López"
    assert name("López") == "Maya López"
    assert name("#2") == "Sam Carter"
    assert name("sam l") == "Sam Lee"
    assert name("zoe") == 'Zoë 🌻 "Z" O\'Hara'
    assert name('Zoë 🌻 "Z" O\'Hara') == 'Zoë 🌻 "Z" O\'Hara'


def test_ambiguous_and_unknown_references(run):
    run("add", "Sam Carter")
    run("add", "Sam Lee")
    run("add", "Maya Lopez")
    result = run("show", "sam", expect=4)
    assert result.stderr == (
        "'sam' could be Sam Carter (#1) or Sam Lee (#2); use more of the name or the #id.\n"
    )
    result = run("show", "Mya Lopes", expect=3)
    assert result.stderr == "No one called 'Mya Lopes' is here. Did you mean Maya Lopez?\n"
    assert run("show", "#99", expect=3).stderr.startswith("No one has the id #99.")


def test_edit_rename_archive_restore(run):
    run("add", "Maya", "--tag", "work")
    run("edit", "Maya", "--circle", "inner", "--cadence", "weekly", "--tag", "family",
        "--untag", "work", "--birthday", "1990-03-14", "--phone", "+1 555 0100")  # fmt: skip
    p = json.loads(run("show", "Maya", "--json").stdout)["person"]
    assert (p["circle"], p["cadence_days"], p["tags"], p["phones"]) == (
        "inner", 7, ["family"], ["+1 555 0100"])  # fmt: skip
    run("edit", "Maya", "--cadence", "default", "--birthday", "none")
    p = json.loads(run("show", "Maya", "--json").stdout)["person"]
    assert (p["cadence_days"], p["cadence_is_own"], p["birthday"]) == (7, False, None)
    assert run("rename", "Maya", "Maya Lopez").stdout == "Renamed Maya to Maya Lopez (#1).\n"
    run("archive", "maya")
    assert json.loads(run("people", "--json").stdout) == []
    archived = json.loads(run("people", "--archived", "--json").stdout)
    assert archived[0]["archived_on"] == "2026-06-10"
    run("restore", "Maya")
    assert len(json.loads(run("people", "--json").stdout)) == 1


def test_a_cadence_is_said_as_the_nudge_says_it(run):
    """One wording for a cadence on every screen: 'every week', never 'weekly' here and
    'every week' in the nudge."""
    run("add", "Maya", "--cadence", "weekly")
    run("add", "Sam", "--cadence", "2w")
    listed = json.loads(run("people", "--json").stdout)
    assert [(p["name"], p["cadence"]) for p in listed] == [
        ("Maya", "every week"), ("Sam", "every 2 weeks")]  # fmt: skip
    assert "every week" in run("people").stdout


def test_drop_phone_matches_it_as_it_was_kept(run):
    """A number to drop is cleaned as numbers are kept ("555  0199" was kept as "555 0199")."""
    run("add", "Maya", "--phone", " 555  0199 ", "--email", "maya@example.org")
    run("edit", "Maya", "--drop-phone", "555\t 0199", "--drop-email", " maya@example.org\n")
    p = json.loads(run("show", "Maya", "--json").stdout)["person"]
    assert (p["phones"], p["emails"]) == ([], [])


def test_drop_email_takes_it_as_add_does_and_ignores_case(run):
    run("add", "Rosa", "--email", "Rosa Diaz <rosa@example.org>", "--email", "r2@example.org")
    assert json.loads(run("show", "Rosa", "--json").stdout)["person"]["emails"] == [
        "rosa@example.org", "r2@example.org"]  # fmt: skip
    run("edit", "Rosa", "--drop-email", "R. Diaz <ROSA@example.org>", "--drop-email",
        "mailto:R2@Example.org")  # fmt: skip
    assert json.loads(run("show", "Rosa", "--json").stdout)["person"]["emails"] == []


def test_an_email_is_kept_once_whatever_its_case(run):
    run("add", "Dup", "--email", "A <a@x.org>", "--email", "a@x.org", "--email", "A@X.ORG")
    run("edit", "Dup", "--email", "a@X.org", "--email", "b@x.org")
    emails = json.loads(run("show", "Dup", "--json").stdout)["person"]["emails"]
    assert emails == ["a@x.org", "b@x.org"]


def test_edit_with_nothing_to_change(run, unchanged):
    run("add", "Maya")
    with unchanged():
        assert "Nothing to change" in run("edit", "Maya", expect=2).stderr


def test_remove_asks_first(run, unchanged):
    run("add", "Maya")
    with unchanged():
        result = run("remove", "Maya", input="n\n", expect=13)
    assert "Nothing was changed." in result.stderr
    run("remove", "Maya", input="y\n")
    assert json.loads(run("people", "--json").stdout) == []
    run("add", "Sam")
    assert run("remove", "Sam", "--yes").stdout == "Removed Sam (#2).\n"
    # With --yes, what goes with them is said all the same (the question was not shown).
    run("add", "Leo")
    run("log", "coffee", "--with", "Leo")
    assert run("remove", "Leo", "--yes").stdout == (
        "Removed Leo (#3), with 1 get-together only with them.\n"
    )


def test_filters_and_sort(run):
    run("add", "Ana", "--circle", "close", "--tag", "chorus")
    run("add", "Ben", "--circle", "friend", "--tag", "Chorus")
    run("add", "Cleo", "--circle", "inner")
    names = lambda *a: [p["name"] for p in json.loads(run("people", *a, "--json").stdout)]  # noqa: E731
    assert names("--circle", "close") == ["Ana"]
    assert names("--tag", "chorus") == ["Ana", "Ben"]
    assert names("--sort", "circle") == ["Cleo", "Ana", "Ben"]
    assert names("--sort", "last-contact") == ["Ana", "Ben", "Cleo"]  # none seen yet: by name
    assert names("--sort", "last_contact") == ["Ana", "Ben", "Cleo"]
    assert run("people", "--sort", "banana", expect=5).stderr.startswith("Unknown sort order")


def test_restore_with_a_backup_file_restores_the_database(run, tmp_path):
    run("add", "Maya")
    backup = tmp_path / "before.db"
    run("backup", str(backup))
    run("add", "Sam")
    out = run("restore", str(backup), "--yes").stdout
    assert out.startswith("Restored")
    assert [p["name"] for p in json.loads(run("people", "--json").stdout)] == ["Maya"]


def test_people_sorted_by_last_contact_after_logging(run):
    for name in ("Ana", "Ben", "Cleo"):
        run("add", name)
    run("log", "coffee", "--with", "Ben", "--on", "12 days ago")
    run("log", "call", "--with", "Ana", "--on", "yesterday")
    rows = json.loads(run("people", "--sort", "last-contact", "--json").stdout)
    assert [(r["name"], r["last_contact"]) for r in rows] == [
        ("Cleo", None),
        ("Ben", "2026-05-29"),
        ("Ana", "2026-06-09"),
    ]
    table = run("people", "--sort", "last-contact").stdout
    assert "12 days ago (in person)" in table and "yesterday (online)" in table


def test_people_as_of_an_earlier_today_ignores_later_contact(run):
    run("add", "Ana")
    run("log", "coffee", "--with", "Ana", "--on", "yesterday")
    rows = json.loads(run("--today", "2026-05-01", "people", "--json").stdout)
    assert rows[0]["last_contact"] is None


def test_edit_says_what_it_could_not_remove(run):
    # "Updated Sam (#1)." for a tag Sam never had left the typo unnoticed.
    run("add", "Sam", "--tag", "Work", "--email", "sam@example.org")
    out = run("edit", "Sam", "--untag", "wrok").stdout
    assert out == "Sam (#1) has no tag 'wrok'; nothing changed.\n"
    out = run("edit", "Sam", "--drop-phone", "555 0100", "--untag", "zzz").stdout
    assert out == "Sam (#1) has no tag 'zzz' or phone '555 0100'; nothing changed.\n"
    out = run("edit", "Sam", "--untag", "zzz", "--untag", "ZZZ", "--drop-phone", "123",
              "--drop-phone", "123").stdout  # fmt: skip
    assert out == "Sam (#1) has no tag 'zzz' or phone '123'; nothing changed.\n"
    out = run("edit", "Sam", "--untag", "WORK", "--untag", "zzz").stdout
    assert out == "Updated Sam (#1): tag 'Work' removed; they had no tag 'zzz'.\n"
    out = run("edit", "Sam", "--circle", "close", "--drop-email", "old@example.org").stdout
    assert out == "Updated Sam (#1): circle close; they had no email 'old@example.org'.\n"
    assert run("edit", "Sam", "--drop-email", "SAM@example.org").stdout == (
        "Updated Sam (#1): email 'sam@example.org' removed.\n"
    )
    person = json.loads(run("show", "Sam", "--json").stdout)["person"]
    assert (person["tags"], person["emails"], person["circle"]) == ([], [], "close")


def test_an_archived_persons_whole_name_beside_an_active_ones_beginning(run):
    run("add", "Alexander Smith", "--nickname", "Alex")
    run("add", "Sam")
    run("add", "Maya")
    for name in ("Alexander Smith", "Sam", "Maya"):
        run("archive", name)
    run("add", "Alex Jones")
    run("add", "Samantha Reed")
    run("add", "Jo Park", "--nickname", "Maya", "--force")  # what the archived Maya is called
    # Active people whose name or nickname holds the whole word stay preferred.
    assert json.loads(run("show", "Alex", "--json").stdout)["person"]["name"] == "Alex Jones"
    assert json.loads(run("show", "Maya", "--json").stdout)["person"]["name"] == "Jo Park"
    # Only the beginning of an active name: the archived Sam is named too.
    assert run("show", "Sam", expect=4).stderr == (
        "'Sam' could be Samantha Reed (#5) or Sam (#2, archived); use more of the name or"
        " the #id.\n"
    )


def test_two_people_of_one_name_are_told_apart_by_their_circles(run):
    # "'Sam Carter' could be Sam Carter (#1) or Sam Carter (#2)" said nothing to choose by.
    run("add", "Sam Carter", "--circle", "close")
    run("add", "Sam Carter", "--circle", "friend", "--force")
    run("add", "Samira Noor")
    assert run("show", "Sam Carter", expect=4).stderr == (
        "'Sam Carter' could be Sam Carter (#1, close) or Sam Carter (#2, friend); use more of"
        " the name or the #id.\n"
    )
    assert run("show", "Sam", expect=4).stderr.startswith(  # whole words: only the two
        "'Sam' could be Sam Carter (#1, close) or Sam Carter (#2, friend);"
    )
    assert run("show", "Sa", expect=4).stderr.startswith(
        "'Sa' could be Sam Carter (#1, close), Sam Carter (#2, friend) or Samira Noor (#3);"
    )


def test_a_tag_or_nickname_is_removed_as_it_is_added_whatever_its_accents(run):
    # SQLite's lower() folds only ASCII: --untag über left "Über" in place, "Updated".
    run("add", "Zoë", "--tag", "Café", "--tag", "Über", "--nickname", "Éli")
    assert run("edit", "Zoë", "--tag", "cafe").stdout == (  # the same one
        "Nothing changed: Zoë (#1) already has that.\n"
    )
    out = run("edit", "Zoë", "--untag", "cafe", "--untag", "über", "--drop-nickname", "ELI").stdout
    assert out == "Updated Zoë (#1): tags 'Café' and 'Über' removed; nickname 'Éli' removed.\n"
    person = json.loads(run("show", "Zoë", "--json").stdout)["person"]
    assert (person["tags"], person["nicknames"]) == ([], [])


def test_an_edit_that_changes_nothing_says_so(run, unchanged):
    # `edit tom --cadence "3 weeks"` twice said "Updated" twice.
    run("add", "Tom Hill")
    assert run("edit", "Tom", "--cadence", "3 weeks").stdout == (
        "Updated Tom Hill (#1): hoped for every 3 weeks.\n"
    )
    with unchanged():
        assert run("edit", "Tom", "--cadence", "21 days").stdout == (
            "Nothing changed: Tom Hill (#1) already has that.\n"
        )


def test_rename_to_the_name_they_have_changes_nothing_and_says_so(run, unchanged):
    # It said "Sam Carter (#2) already has that name" of a namesake, or "Renamed Leo to Leo".
    run("add", "Sam Carter")
    run("add", "Sam Carter", "--force")
    run("add", "Leo")
    with unchanged():
        assert run("rename", "#1", "Sam Carter").stdout == (
            "Sam Carter (#1) is already called that; nothing changed.\n"
        )
        assert run("rename", "Leo", " Leo ").stdout == (
            "Leo (#3) is already called that; nothing changed.\n"
        )
    assert run("rename", "Leo", "leo").stdout == "Renamed Leo to leo (#3).\n"


def test_a_nickname_someone_else_goes_by_is_refused_unless_forced(run, unchanged):
    # `edit Maya --nickname Sam` was taken, and `log --with Sam` then meant Maya.
    run("add", "Sam Carter")
    run("add", "Maya López")
    run("add", "Ana", "--nickname", "Annie")
    with unchanged():
        result = run("edit", "Maya", "--nickname", "Sam", "--circle", "close", expect=6)
        assert result.stderr == (
            "'Sam' is already what Sam Carter (#1) is called; give another nickname or use"
            " --force.\n"
        )
        assert run("edit", "Maya", "--nickname", "annie", expect=6).stderr.startswith(
            "'annie' is already what Ana (#3) is called;"
        )
        assert run("add", "Xavier", "--nickname", "Sam", expect=6).stderr.startswith(
            "'Sam' is already what Sam Carter (#1) is called;"
        )
        assert run("rename", "Maya", "Annie", expect=6).stderr == (
            "'Annie' is already what Ana (#3) is called; give another name or use --force.\n"
        )
    assert run("log", "call", "--with", "Sam").stdout.startswith("Logged call with Sam Carter ")
    out = run("edit", "Maya", "--nickname", "Sam", "--force").stdout
    assert out == "Updated Maya López (#2): nickname 'Sam' added.\n"
    assert run("add", "Sam", "--force").stdout == "Added Sam (#4).\n"


def test_restore_looks_among_archived_people_first(run):
    # `restore Ann` right after `archive Ann` said "'Ann' could be Ana Okafor (#1) or Ann".
    run("add", "Ana Okafor", "--nickname", "Annie")
    run("add", "Ann", "--circle", "prospect")
    assert run("archive", "Ann").stdout.startswith("Archived Ann (#2).")
    assert run("restore", "Ann").stdout == "Welcome back, Ann: restored Ann (#2).\n"
    assert run("restore", "Ana").stdout == "Ana Okafor (#1) is not archived.\n"
    assert run("archive", "Ann").stdout.startswith("Archived Ann (#2).")  # the active pool


def test_remove_says_group_meetings_stay(run, unchanged):
    # It said "This also removes 1 get-together only with them" of a chorus meeting it kept.
    run("add", "Samuel Okoro")
    run("group", "add", "chorus", "--meets", "every wed 19:00", "--person", "Samuel")
    run("log", "--group", "chorus", "--with", "Samuel", "--on", "last wednesday")
    with unchanged():
        result = run("remove", "Samuel", input="n\n", expect=13)
    assert result.stdout == (
        "Remove Samuel Okoro (#1)? 1 group meeting they were at stays. [y/N]: n\n"
    )
    run("remove", "Samuel", "--yes")
    history = json.loads(run("history", "--json").stdout)
    assert [(g["title"], g["people"]) for g in history] == [("chorus", [])]


def test_archive_pauses_the_plans_only_with_them_and_restore_resumes_them(run):
    # Archiving Sam left "coffee with Sam" in `upcoming` and the calendar, and said nothing.
    run("add", "Sam")
    run("add", "Ana")
    run("plan", "coffee", "--with", "Sam", "--every", "week", "--on", "sat")
    run("plan", "walk", "--with", "Sam", "--with", "Ana", "--every", "week", "--on", "sun")
    assert run("archive", "Sam").stdout == (
        "Archived Sam (#1). `supportnet restore` brings them back.\n"
        "Paused coffee with Sam (#1), only with them: restoring them resumes it.\n"
        "The plan walk with Ana and Sam (#2) goes on without them.\n"
    )

    def coming() -> list[tuple[str, str, list[str]]]:
        items = json.loads(run("upcoming", "--days", "7", "--json").stdout)
        return [(i["date"], i["title"], [p["name"] for p in i["people"]]) for i in items]

    assert coming() == [("2026-06-14", "walk", ["Ana"])]  # Sam is left out of its names
    # In the calendar, as a paused plan is: cancelled, so that calendar apps drop it.
    events = run("calendar", "export", "-").stdout.split("BEGIN:VEVENT")[1:]
    assert sorted((e.split("SUMMARY:")[1].split("\n")[0], "STATUS:CANCELLED" in e)
                  for e in events) == [("coffee with Sam", True),
                                       ("walk with Ana", False)]  # fmt: skip
    # And `done` logs the walk with Ana alone: Sam, archived, was not there.
    run("--today", "2026-06-14", "done", "walk")
    assert json.loads(run("history", "--json").stdout)[0]["people"] == [{"id": 2, "name": "Ana"}]
    run("--today", "2026-06-14", "log", "undo", "--yes")
    assert json.loads(run("plans", "--json").stdout)[0]["status"] == "paused"
    assert run("restore", "Sam").stdout == (
        "Welcome back, Sam: restored Sam (#1).\n"
        "Resumed coffee with Sam (#1), paused when they were archived.\n"
    )
    assert coming() == [("2026-06-13", "coffee", ["Sam"]), ("2026-06-14", "walk", ["Ana", "Sam"])]
    # A plan paused by hand (another day) stays paused through an archive and a restore.
    run("plan", "pause", "coffee")
    assert run("--today", "2026-06-11", "archive", "Sam").stdout.splitlines()[1:] == [
        "The plan walk with Ana and Sam (#2) goes on without them."
    ]
    assert run("--today", "2026-06-12", "restore", "Sam").stdout == (
        "Welcome back, Sam: restored Sam (#1).\n"
    )
    assert json.loads(run("plans", "--json").stdout)[0]["status"] == "paused"


def test_restore_leaves_a_plan_paused_by_hand_the_same_day(run):
    # Paused by hand, then archived the same day: restore resumed it and said the
    # archive had paused it.
    run("add", "Ana Okafor")
    run("plan", "coffee", "--with", "Ana", "--every", "week", "--on", "fri")
    run("plan", "tea", "--with", "Ana", "--every", "week", "--on", "sat")
    run("plan", "pause", "coffee")
    run("archive", "Ana")
    out = run("restore", "Ana").stdout
    assert "Resumed tea with Ana Okafor (#2), paused when they were archived." in out
    assert "coffee" not in out
    statuses = {p["title"]: p["status"] for p in json.loads(run("plans", "--all", "--json").stdout)}
    assert statuses == {"coffee": "paused", "tea": "active"}
