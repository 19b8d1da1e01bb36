"""Communities: groups, members, meetings and attendance."""

from __future__ import annotations

import json
import sqlite3

import pytest


def groups(run, *args) -> list[dict]:
    return json.loads(run("groups", *args, "--json").stdout)


def rows(db_path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def chorus(run):
    run("add", "Ana Okafor")
    run("add", "Grace Kim")
    run("group", "add", "Community chorus", "--kind", "chorus", "--meets", "every wed 19:00",
        "--place", "St Mary's hall")  # fmt: skip


def test_add_group(run, db_path):
    out = run("group", "add", "Community chorus", "--kind", "chorus", "--meets",
              "every wed 19:00", "--place", "St Mary's hall").stdout  # fmt: skip
    assert out == (
        "Added Community chorus (#1), a chorus group.\n"
        "It meets every Wednesday at 19:00; next: Wed 10 June 2026.\n"
    )
    assert rows(db_path, "SELECT name, kind, rrule, starts_on, at_time, place, i_am_member"
                " FROM community") == [
        ("Community chorus", "chorus", "FREQ=WEEKLY;BYDAY=WE", "2026-06-10", "19:00",
         "St Mary's hall", 1),
    ]  # fmt: skip
    run("group", "add", "Food bank", "--kind", "volunteering", "--meets",
        "every other saturday 9am")  # fmt: skip
    assert run("group", "add", "Book club").stdout == "Added Book club (#3), a group.\n"
    assert [(g["name"], g["kind"], g["schedule"], g["next_meeting"]) for g in groups(run)] == [
        ("Book club", "other", None, None),
        ("Community chorus", "chorus", "every Wednesday at 19:00", "2026-06-10"),
        ("Food bank", "volunteering", "every other Saturday at 09:00", "2026-06-13"),
    ]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["Chess club", "--kind", "gaming"], 5, "Unknown kind of group 'gaming'."),
        (["Chess club", "--kind", "meetp"], 5, "Did you mean meetup?"),
        (["Chess club", "--meets", "every blue moon"], 5, "Could not understand the recurrence"),
        (["community CHORUS"], 6, "Community chorus (#1) is already here.\n"),
        (["  "], 5, "A group needs a name.\n"),
    ],
)
def test_bad_groups_change_nothing(run, chorus, unchanged, args, code, message):
    with unchanged():
        result = run("group", "add", *args, expect=code)
    assert message in result.stderr


def test_members_and_me(run, chorus, db_path, unchanged):
    assert run("group", "join", "chorus", "--person", "Ana", "--person", "Grace").stdout == (
        "Added Ana Okafor and Grace Kim to Community chorus (#1).\n"
    )
    assert run("group", "join", "chorus", "--person", "ana").stdout == (
        "Nothing changed: Ana Okafor already belonged to Community chorus (#1).\n"
    )
    assert run("group", "leave", "chorus", "--person", "me").stdout == (
        "Removed you from Community chorus (#1).\n"
    )
    (group,) = groups(run)
    assert group["i_am_member"] is False
    assert group["members"] == [{"id": 1, "name": "Ana Okafor"}, {"id": 2, "name": "Grace Kim"}]
    # Meetings of groups you left are not in `upcoming`.
    assert json.loads(run("upcoming", "--json").stdout) == []
    run("group", "join", "#1", "--person", "me")
    assert groups(run)[0]["i_am_member"] is True
    with unchanged():
        # A missing option: the command line (2), as `favor x` without --for or --from.
        assert run("group", "join", "chorus", expect=2).stderr == (
            "Say who with --person NAME (or --person me).\n"
        )
        assert run("group", "join", "choir", "--person", "me", expect=3).stderr == (
            "No group called 'choir'. Did you mean Community chorus? "
            "`supportnet groups` lists them.\n"
        )
    show = json.loads(run("show", "Ana", "--json").stdout)
    assert show["gettogethers"]["groups"] == [{"id": 1, "name": "Community chorus"}]


def test_attendance_over_the_last_eight_meetings(run, chorus):
    run("group", "join", "chorus", "--person", "Ana")
    (group,) = groups(run)
    assert (group["recent_meetings"], group["recent_attended"], group["last_attended"]) == (
        1, 0, None,
    )  # fmt: skip
    # The schedule began today; give it a past by starting it earlier.
    run("--today", "2026-03-01", "group", "edit", "chorus", "--meets", "every wed 19:00")
    for day in ("2026-06-10", "2026-06-03", "2026-05-20", "2026-04-01"):
        run(
            "log", "--group", "chorus", "--on", day, *(["--with", "Ana"] if day > "2026-05" else [])
        )
    # Went on a Thursday once (a moved rehearsal): it still counts.
    run("log", "rehearsal", "--group", "chorus", "--on", "2026-05-07")
    (group,) = groups(run)
    assert group["recent_meetings"] == 8
    # Since the eighth-latest meeting (22 April): 10 June, 3 June, 20 May and 7 May.
    assert group["recent_attended"] == 4
    assert group["last_attended"] == "2026-06-10"
    out = run("groups").stdout.splitlines()
    assert out[0].split() == ["id", "group", "kind", "meets", "next", "last", "went", "went",
                              "members"]  # fmt: skip
    assert out[1].split() == ["#1", "Community", "chorus", "chorus", "every", "Wednesday", "at",
                              "19:00", "today", "today", "4", "of", "8", "1"]  # fmt: skip


def test_a_groups_meeting_is_logged_once_a_day(run, chorus, unchanged):
    # The chorus logged with Grace, then again alone: history showed the meeting twice.
    run("log", "--group", "chorus", "--with", "Grace")
    with unchanged():
        assert run("log", "--group", "chorus", expect=6).stderr == (
            "That group's meeting on 2026-06-10 is already logged (#1). To add who was "
            "there, use `supportnet log edit 1 --add NAME`; to log a second meeting that "
            "day, add --again.\n"
        )
    run("log", "--group", "chorus", "--again")
    run("log", "--group", "chorus", "--on", "last wednesday")  # another day
    run("log", "after-party", "--group", "chorus")  # another thing, at the group
    # Nor is another day's meeting moved onto it.
    with unchanged():
        assert run("log", "edit", "3", "--on", "today", expect=6).stderr == (
            "That group's meeting on 2026-06-10 is already logged (#1). To add who was "
            "there, use `supportnet log edit 1 --add NAME`.\n"
        )


def test_log_group_without_people(run, chorus, db_path):
    assert run("log", "--group", "chorus").stdout == (
        "Logged Community chorus today (in person) as #1.\n"
    )
    assert run("log", "rehearsal", "--group", "chorus", "--with", "Grace", "--on",
               "yesterday").stdout == (
        "Logged rehearsal at Community chorus with Grace Kim yesterday (in person) as #2.\n"
    )  # fmt: skip
    assert rows(db_path, "SELECT kind, what, community_id FROM gettogether ORDER BY id") == [
        ("group meeting", None, 1), ("group meeting", "rehearsal", 1),
    ]  # fmt: skip
    history = json.loads(run("history", "--group", "chorus", "--json").stdout)
    assert [(e["id"], e["title"], e["group"]) for e in history] == [
        (1, "Community chorus", {"id": 1, "name": "Community chorus"}),
        (2, "rehearsal", {"id": 1, "name": "Community chorus"}),
    ]


def test_edit_archive_restore(run, chorus):
    assert run("group", "edit", "chorus", "--meets", "every thu 19:30", "--place", "").stdout == (
        "Updated Community chorus (#1): meets every Thursday at 19:30; place removed.\n"
    )
    assert run("group", "edit", "chorus", "--note", "bring water").stdout == (
        "Updated Community chorus (#1): meets every Thursday at 19:30; note set.\n"
    )
    (group,) = groups(run)
    assert (group["rrule"], group["starts_on"], group["place"]) == (
        "FREQ=WEEKLY;BYDAY=TH", "2026-06-11", None,
    )  # fmt: skip
    # What is cleared is said, as a cleared place is.
    assert run("group", "edit", "chorus", "--matters", "4").stdout.endswith(
        ". It matters to you: 4 of 5.\n"
    )
    assert run("group", "edit", "chorus", "--matters", "0").stdout.endswith(
        ". How much it matters: removed.\n"
    )
    assert run("group", "edit", "chorus", "--meets", "none").stdout == (
        "Updated Community chorus (#1): no regular meetings now.\n"
    )
    assert groups(run)[0]["schedule"] is None
    assert run("group", "archive", "chorus").stdout == "Archived Community chorus (#1).\n"
    assert groups(run) == []
    assert [g["name"] for g in groups(run, "--archived")] == ["Community chorus"]
    run("group", "restore", "chorus")
    assert len(groups(run)) == 1
    assert "Nothing to change" in run("group", "edit", "chorus", expect=2).stderr


def test_a_group_on_the_31st_says_the_short_months_are_skipped(run):
    out = run("group", "add", "Month-end walk", "--meets", "monthly on the 31st").stdout
    assert "next: Fri 31 July 2026" in out  # June has no 31st
    assert "Months without a 31st are skipped, as calendars do; for the end of every " in out
    assert 'month, say "monthly on the last day".' in out
    assert "skipped" not in run("group", "add", "Walk", "--meets", "monthly on the last day").stdout
    assert (
        "Months without a 30th"
        in run("group", "edit", "Walk", "--meets", "monthly on the 30th").stdout
    )
    assert "skipped" not in run("group", "edit", "Walk", "--place", "the park").stdout


def test_a_support_group_is_not_a_support_group_group(run):
    out = run("group", "add", "Peer circle", "--kind", "support group").stdout
    assert out == "Added Peer circle (#1), a support group.\n"


def test_group_restore_looks_among_archived_groups_first(run):
    run("group", "add", "Chorus")
    run("group", "archive", "chorus")
    run("group", "add", "Chorus of the North")
    assert run("group", "restore", "chorus").stdout == "Restored Chorus (#1).\n"
    assert run("group", "archive", "chorus of").stdout == "Archived Chorus of the North (#2).\n"


def test_group_add_takes_me_as_join_does(run, chorus, db_path):
    # `group add "Book club" -p me` said "No one called 'me' is here."
    assert run("group", "add", "Book club", "-p", "me", "-p", "Ana").stdout == (
        "Added Book club (#2), a group.\n"
    )
    assert rows(db_path, "SELECT i_am_member, (SELECT group_concat(person_id) FROM"
                " community_member WHERE community_id = 2) FROM community WHERE id = 2") == [
        (1, "1"),
    ]  # fmt: skip


def test_join_and_leave_say_only_what_changed(run, chorus):
    # `join chorus -p me -p Ana` said "Added you and Ana Okafor" when you belonged already.
    assert run("group", "join", "chorus", "-p", "me", "-p", "Ana").stdout == (
        "Added Ana Okafor to Community chorus (#1); you already belonged.\n"
    )
    assert run("group", "join", "chorus", "-p", "Grace", "-p", "ana", "-p", "myself").stdout == (
        "Added Grace Kim to Community chorus (#1); you and Ana Okafor already belonged.\n"
    )
    run("group", "leave", "chorus", "-p", "Grace")
    assert run("group", "leave", "chorus", "-p", "me", "-p", "Grace").stdout == (
        "Removed you from Community chorus (#1); Grace Kim did not belong.\n"
    )
    assert run("group", "leave", "chorus", "-p", "me").stdout == (
        "Nothing changed: you did not belong to Community chorus (#1).\n"
    )


def test_an_every_other_week_group_takes_its_starting_week(run, unchanged):
    # The food bank meets every other Saturday; you went last Saturday (6 June), but
    # the schedule counted its weeks from today, so it expected you on 13 June.
    run("group", "add", "Food bank", "--meets", "every other saturday 9am")
    run("log", "--group", "Food bank", "--on", "last saturday")
    (group,) = groups(run)
    assert (group["next_meeting"], group["last_attended"]) == ("2026-06-13", "2026-06-06")
    # The day you went counts as a meeting, not "no meetings yet" beside "last went".
    assert (group["recent_meetings"], group["recent_attended"]) == (1, 1)
    assert run("group", "edit", "Food bank", "--starting", "last saturday").stdout == (
        "Updated Food bank (#1): meets every other Saturday at 09:00; next: Sat 20 June 2026.\n"
    )
    (group,) = groups(run)
    assert (group["starts_on"], group["next_meeting"]) == ("2026-06-06", "2026-06-20")
    assert (group["recent_meetings"], group["recent_attended"]) == (1, 1)
    assert run("group", "add", "Walks", "--meets", "every other sunday", "--starting",
               "2026-05-31").stdout == (
        "Added Walks (#2), a group.\nIt meets every other Sunday; next: Sun 14 June 2026.\n"
    )  # fmt: skip
    run("group", "add", "Book club")
    with unchanged():
        assert run("group", "add", "Chess", "--starting", "sat", expect=5).stderr == (
            "--starting is the day a schedule starts from; give --meets with it.\n"
        )
        assert run("group", "edit", "Book club", "--starting", "sat", expect=5).stderr == (
            "Book club (#3) has no schedule to start; give --meets with --starting.\n"
        )
