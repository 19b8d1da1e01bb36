"""A new user's dates, cadences and recurrences, as typed, through the real commands."""

from __future__ import annotations

import json

# --- February 29 without a year ---------------------------------------------------


def test_a_past_february_29_is_the_most_recent_one_not_february_28(run):
    """Logged in June 2026, "29 feb" happened on 29 February 2024 (2026 has none)."""
    run("add", "Sam")
    result = run("log", "coffee", "--with", "Sam", "--on", "29 feb")
    assert "29 February 2024" in result.stdout
    entry = json.loads(run("history", "--json").stdout)[0]
    assert entry["date"] == "2024-02-29"
    run("favor", "brought soup", "--for", "Sam", "--kind", "meal", "--on", "Feb 29")
    assert json.loads(run("favors", "--json").stdout)[0]["date"] == "2024-02-29"


def test_a_past_february_29_in_a_leap_year_before_it_came(run):
    run("add", "Sam")
    run("--today", "2028-02-01", "log", "coffee", "--with", "Sam", "--on", "29/2")
    assert json.loads(run("history", "--json").stdout)[0]["date"] == "2024-02-29"


def test_a_yearly_event_on_february_29_keeps_its_29th(run, unchanged):
    """Without a year in a common year, the year is asked for: it used to be kept as
    28 February, and so celebrated on the 28th even in leap years."""
    run("add", "Sam")
    with unchanged():
        result = run("event", "Sam", "anniversary", "--on", "29 feb", "--yearly", "--happy",
                     expect=5)  # fmt: skip
    assert result.stderr == (
        "'29 feb' needs a year: 2026 has no February 29. Write 2024-02-29 or 2028-02-29.\n"
    )
    run("--today", "2028-01-10", "event", "Sam", "anniversary", "--on", "29 feb", "--yearly",
        "--happy")  # fmt: skip
    events = json.loads(run("--today", "2028-01-10", "events", "--json").stdout)
    assert [event["date"] for event in events] == ["2028-02-29"]


# --- cadences -------------------------------------------------------------------


def test_once_a_month_is_a_cadence(run):
    """The cadence reader meant to take "once a month" and "once a week" (its pattern
    names them), but the count swallowed the unit."""
    run("add", "Maya", "--cadence", "once a month")
    run("add", "Sam", "--cadence", "once a week")
    people = {p["name"]: p["cadence_days"] for p in json.loads(run("people", "--json").stdout)}
    assert people == {"Maya": 30, "Sam": 7}


# --- day and month written with dashes ----------------------------------------------


def test_a_dashed_date_open_to_both_readings_is_asked_for_not_guessed(run, unchanged):
    """7-6-2026 was read month first (6 July) while 7/6/2026 is refused as either."""
    run("add", "Sam")
    with unchanged():
        result = run("event", "Sam", "move", "--on", "7-6-2026", "--happy", expect=5)
    assert result.stderr == (
        "'7-6-2026' could be 6 July or 7 June. Write the month as a word (6 July) or as "
        "year-month-day.\n"
    )
    run("log", "coffee", "--with", "Sam", "--on", "13-5-2026")
    run("log", "call", "--with", "Sam", "--on", "5-14-2026")
    dates = [entry["date"] for entry in json.loads(run("history", "--json").stdout)]
    assert dates == ["2026-05-14", "2026-05-13"]


def test_a_birthday_with_dashes_day_first(run):
    run("add", "Ana", "--birthday", "14-03-1990")
    person = json.loads(run("show", "Ana", "--json").stdout)["person"]
    assert person["birthday"] == {"month": 3, "day": 14, "year": 1990}


def test_numbers_alone_are_not_read_month_first(run, unchanged):
    """dateutil read "7 6 2026" as 6 July and "070626" as 6 July 2026."""
    run("add", "Sam")
    with unchanged():
        result = run("log", "coffee", "--with", "Sam", "--on", "7 6 2026", expect=5)
        assert "could be 6 July or 7 June" in result.stderr
        result = run("log", "coffee", "--with", "Sam", "--on", "070626", expect=5)
        assert result.stderr.startswith("Could not understand the date '070626'.")
    run("log", "coffee", "--with", "Sam", "--on", "2026 6 7")
    assert json.loads(run("history", "--json").stdout)[0]["date"] == "2026-06-07"


# --- typos in how often ------------------------------------------------------------


def test_a_typo_in_a_recurrence_is_named_with_the_word_meant(run, unchanged):
    run("add", "Sam")
    with unchanged():
        result = run("plan", "walk", "--with", "Sam", "--every", "week", "--on", "tusday",
                     expect=5)  # fmt: skip
        assert result.stderr.startswith(
            "Could not understand the recurrence 'every week on tusday' ('tusday': did you "
            "mean 'tuesday'?). Try every 2 weeks"
        )
        result = run("group", "add", "Chorus", "--kind", "chorus", "--meets", "evry wed",
                     expect=5)  # fmt: skip
        assert "('evry': did you mean 'every'?)" in result.stderr
        result = run("plan", "walk", "--with", "Sam", "--every", "blue moon", expect=5)
        assert "did you mean" not in result.stderr


def test_a_typo_in_a_cadence_is_named_with_the_word_meant(run, unchanged):
    with unchanged():
        result = run("add", "Maya", "--cadence", "wekly", expect=5)
    assert result.stderr == (
        "Could not understand the cadence 'wekly' (did you mean 'weekly'?). Try weekly, "
        "every 2 weeks, 2w, monthly, every 3 months or 10d.\n"
    )


# --- a raw RRULE as calendar apps write it --------------------------------------------


def test_a_rule_with_until_in_utc_as_google_calendar_writes_it(run):
    """UNTIL=...Z was refused with dateutil's "UNTIL values must be specified in UTC when
    DTSTART is timezone-aware", though it was in UTC."""
    run("add", "Sam")
    run("plan", "choir", "--with", "Sam", "--rrule",
        "RRULE:FREQ=WEEKLY;UNTIL=20261231T120000Z;BYDAY=MO")  # fmt: skip
    (plan,) = json.loads(run("plans", "--json").stdout)
    assert (plan["rrule"], plan["until"]) == ("FREQ=WEEKLY;BYDAY=MO", "2026-12-31")


def test_an_until_that_is_not_a_date_is_one_line_without_a_warning(run, unchanged):
    """dateutil took 20261231T235959ZQ with an UnknownTimezoneWarning on stderr."""
    run("add", "Sam")
    with unchanged():
        result = run("plan", "choir", "--with", "Sam", "--rrule",
                     "FREQ=WEEKLY;UNTIL=20261231T235959ZQ;BYDAY=MO", expect=5)  # fmt: skip
    assert result.stderr == (
        "UNTIL=20261231T235959ZQ is not a date as RFC 5545 writes it: 20261231 (or "
        "20261231T235959Z).\n"
    )


def test_a_date_given_to_on_with_every_points_to_starting(run, unchanged):
    """`--on` is a one-off plan's date but, with --every, its days: a date there was
    "Could not understand the recurrence 'every 2 weeks on 2026-06-16'"."""
    run("add", "Sam")
    with unchanged():
        result = run("plan", "walk", "--with", "Sam", "--every", "2 weeks", "--on",
                     "2026-06-16", expect=5)  # fmt: skip
    assert result.stderr == (
        "With --every, --on names the days of the plan (tue, 15th, first monday); for its "
        "first date, use --starting '2026-06-16'.\n"
    )
    run("plan", "walk", "--with", "Sam", "--every", "2 weeks", "--starting", "2026-06-16")
    assert json.loads(run("plans", "--json").stdout)[0]["starts_on"] == "2026-06-16"


# --- birthdays ---------------------------------------------------------------------


def test_a_birthday_written_14_mar_1990_keeps_its_year(run, unchanged):
    """Read through the relative-day fallback, its year was dropped: --03-14."""
    run("add", "Ana", "--birthday", "14-Mar-1990")
    person = json.loads(run("show", "Ana", "--json").stdout)["person"]
    assert person["birthday"] == {"month": 3, "day": 14, "year": 1990}
    with unchanged():
        result = run("add", "Bo", "--birthday", "14-Mar-2030", expect=5)
    assert "is still to come" in result.stderr


def test_a_fortnight_is_a_cadence_as_a_month_is(run):
    run("add", "Sam", "--cadence", "a fortnight")
    run("add", "Bo", "--cadence", "once a fortnight")
    people = {p["name"]: p["cadence_days"] for p in json.loads(run("people", "--json").stdout)}
    assert people == {"Bo": 14, "Sam": 14}


# --- --since, one rule everywhere ---------------------------------------------------


def _commands_with_since() -> set[str]:
    """Every command that has a --since option, found in the CLI itself."""
    from supportnet.cli import load_all
    from supportnet.cli.reference import _root, walk

    load_all()
    return {
        " ".join(path)
        for path, command in walk(_root())
        if any("--since" in getattr(p, "opts", ()) for p in getattr(command, "params", ()))
    }


SINCE_COMMANDS = ("history", "favors", "check-in list", "review", "report")


def test_every_since_refuses_a_day_to_come_alike(run, unchanged):
    """history and favors used to take a --since in the future (and find nothing),
    where review and report refused it: now all of them refuse it the same way."""
    assert _commands_with_since() == set(SINCE_COMMANDS), "a new --since: add it here"
    run("add", "Maya")
    for command in SINCE_COMMANDS:
        with unchanged():
            result = run(*command.split(), "--since", "tomorrow", expect=5)
        assert result.stderr == "--since 2026-06-11 is after today; give an earlier date.\n"
        assert result.stdout == ""
        run(*command.split(), "--since", "today")  # today itself is fine


def test_show_on_a_day_in_the_past_counts_no_contact_after_it(run):
    """`--today` before a get-together: `show` says what `people` says (it used to say
    "last seen: in 21 days")."""
    run("--today", "2026-01-05", "add", "Madonna", "--circle", "friend")
    run("--today", "2026-01-01", "log", "call", "--with", "Madonna", "--online",
        "--on", "2025-12-25")  # fmt: skip
    run("--today", "2026-02-12", "log", "coffee", "--with", "Madonna")
    then = json.loads(run("--today", "2026-01-15", "show", "Madonna", "--json").stdout)
    contact = then["gettogethers"]
    assert (contact["last_contact"], contact["last_in_person"]) == ("2025-12-25", None)
    assert contact["count"] == 1 and [e["date"] for e in contact["recent"]] == ["2025-12-25"]
    shown = run("--today", "2026-01-15", "show", "Madonna").stdout
    assert "last seen: 3 weeks ago" in shown and "in person:" not in shown
    assert "recent (1 in all)" in shown and "2026-02-12" not in shown
    (listed,) = json.loads(run("--today", "2026-01-15", "people", "--json").stdout)
    assert (listed["last_contact"], listed["last_in_person"]) == ("2025-12-25", None)
    now = json.loads(run("--today", "2026-02-20", "show", "Madonna", "--json").stdout)
    assert now["gettogethers"]["last_in_person"] == "2026-02-12"


def test_the_map_on_a_day_in_the_past_has_no_one_added_after_it(run):
    run("--today", "2026-01-05", "add", "Madonna", "--circle", "friend")
    run("--today", "2026-03-01", "add", "Sam", "--circle", "friend")
    then = json.loads(run("--today", "2026-01-15", "map", "--json").stdout)
    assert then["people"] == 1
    assert [p["name"] for r in then["rings"] for p in r["people"]] == ["Madonna"]
