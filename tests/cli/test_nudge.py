"""The nudge through the real CLI, on the suite's fixed Wednesday 2026-06-10.

The scenario below is built with the real commands (add, log, plan, group,
favor, event).  Its expected ranking was worked out by hand from the seed ideas
and the documented weights (docs/nudge.md), not copied from the program:

  contact in the last 60 days (2026-04-12 .. 06-10): Maya 8, Sam 2 (one in
  person, one call), Ana, Jonas, Leo, Omar and Ruth 1 each = 15; Maya has
  8/15 = 0.533 >= 0.5, so everyone else gets concentration 0.533 x 1.

  1. Ana (close): surgery 2 days ago -> hard_event 1 - 0.5*2/14 = 0.929 x 4
     = 3.714; time 7/14 = 0.5; circle 0.75; concentration 0.533  -> 5.498
     "a hard time: check in, bring a meal"
  2. Sam (close): birthday on Tuesday, turning 36 -> celebration
     1 - 0.5*6/14 = 0.786 x 2 = 1.571; time: 56 days since in person, a call
     9 days ago counts half -> 56 - 0.5*47 = 32.5 of 14 = 2.321; circle 0.75;
     concentration 0.533                                          -> 5.176
  3. Noor (prospect, added 2026-04-01, never met): new_person 1 x 1.5;
     time 70/30 = 2.333; circle 0.25; concentration 0.533          -> 4.617
  4. Omar (friend): helped me move 8 days ago, no contact since ->
     reciprocity 1 - 0.5*8/60 = 0.933 x 1.5 = 1.4; time 16/30 = 0.533;
     circle 0.5; concentration 0.533                               -> 2.967
  5. Grace (acquaintance): 141 days of 90 -> time 1.567; circle 0.25;
     concentration 0.533                                           -> 2.350
  6. Leo (friend): walk plan on Tuesday -> plan_soon 1 - 0.5*6/7 = 0.571 x 1.5
     = 0.857; time 11/30 = 0.367; circle 0.5; concentration 0.533  -> 2.257
  7. Maya (inner): 7 days of 7 -> time 1; circle 1; no concentration for the
     person who has most of it                                     -> 2.000
  8. Jonas and Leo: both climb, seen separately -> introduction 1 x 0.75;
     circle (0.5 + 0.5) / 2                                        -> 1.250
  9. Community chorus: missed 3 Wednesdays since 13 May -> 3/3 x 1 -> 1.000

  Jonas (21 of 30 days) and Dr. Ruth Alder (40 of 180) have nothing of their own.
"""

from __future__ import annotations

import json

import pytest

from supportnet.paths import config_path


@pytest.fixture
def scenario(run, built_once):
    built_once(lambda: _scenario(run))
    return run


def _scenario(run) -> None:
    def add(*args: str, since: str = "2026-01-05") -> None:
        run("--today", since, "add", *args)

    add("Maya López", "--circle", "inner")
    add("Sam Carter", "--circle", "close", "--birthday", "1990-06-16", "--tag", "work")
    add("Ana Okafor", "--circle", "close")
    add("Noor Haddad", "--circle", "prospect", since="2026-04-01")
    add("Jonas Weber", "--circle", "friend", "--tag", "climbing")
    add("Leo Martins", "--circle", "friend", "--tag", "climbing")
    add("Omar Said", "--circle", "friend", "--tag", "volunteering")
    add("Grace Kim", "--circle", "acquaintance", "--tag", "chorus")
    add("Dr. Ruth Alder", "--circle", "professional")
    for day in ("04-15", "04-22", "04-29", "05-06", "05-13", "05-20", "05-27", "06-03"):
        run("log", "coffee", "--with", "Maya", "--on", f"2026-{day}")
    run("log", "coffee", "--with", "Sam", "--on", "2026-04-15")
    run("log", "call", "--with", "Sam", "--on", "2026-06-01")
    run("log", "coffee", "--with", "Ana", "--on", "2026-06-03")
    run("log", "walk", "--with", "Jonas", "--on", "2026-05-20")
    run("log", "coffee", "--with", "Leo", "--on", "2026-05-30")
    run("log", "coffee", "--with", "Omar", "--on", "2026-05-25")
    run("log", "visit", "--with", "Ruth", "--on", "2026-05-01")
    run("log", "coffee", "--with", "Grace", "--on", "2026-01-20")
    run("--today", "2026-01-05", "group", "add", "Community chorus", "--kind", "chorus",
        "--meets", "every wed 19:00")  # fmt: skip
    run("group", "join", "chorus", "--person", "me", "--person", "Grace")
    run("log", "--group", "chorus", "--on", "2026-05-13")
    run("--today", "2026-06-01", "plan", "walk", "--with", "Leo", "--every", "2 weeks",
        "--on", "tue", "--at", "18:00")  # fmt: skip
    run("favor", "add", "helped me move", "--from", "Omar", "--on", "2026-06-02",
        "--kind", "help at home")  # fmt: skip
    run("event", "add", "Ana", "surgery", "--on", "2026-06-08", "--kind", "illness", "--hard")


EXPECTED = [
    ("check_in", ["Ana Okafor"], 5.498),
    ("celebrate", ["Sam Carter"], 5.176),
    ("meet_in_person", ["Noor Haddad"], 4.617),
    ("thank", ["Omar Said"], 2.967),
    ("catch_up", ["Grace Kim"], 2.35),
    ("confirm_plan", ["Leo Martins"], 2.257),
    ("catch_up", ["Maya López"], 2.0),
    ("introduce", ["Jonas Weber", "Leo Martins"], 1.25),
    ("go_back", [], 1.0),
]


def nudge_json(run, *args: str) -> dict:
    return json.loads(run("nudge", "--all", "--json", *args).stdout)


def test_the_ranking_worked_out_by_hand(scenario, unchanged):
    with unchanged():  # running the nudge writes nothing
        data = nudge_json(scenario)
    got = [(s["kind"], [p["name"] for p in s["people"]], s["total"]) for s in data["suggestions"]]
    assert got == EXPECTED
    assert [s["number"] for s in data["suggestions"]] == list(range(1, 10))
    assert data["count"] == 9 and data["hidden"] == 0 and data["today"] == "2026-06-10"
    assert data["notes"] == [
        "Most of your contact in the last 60 days was with Maya (8 of 15). One person can't "
        "give all the support you need, so others are nudged up a little."
    ]
    ana = data["suggestions"][0]
    assert ana["reason"] == "Ana is going through a hard time: surgery, 2 days ago."
    assert ana["action"] == "Check in, and bring a meal if it would help."
    assert ana["log"] == {"kind": "visit", "in_person": True}
    assert {t["name"]: t["contribution"] for t in ana["terms"]} == {
        "time": 0.5, "circle": 0.75, "hard_event": 3.714, "celebration": 0.0,
        "reciprocity": 0.0, "new_person": 0.0, "plan_soon": 0.0, "concentration": 0.533,
    }  # fmt: skip
    chorus = data["suggestions"][8]
    assert chorus["community"]["name"] == "Community chorus"
    assert chorus["action"] == "Go back today at 19:00 — maybe with Grace, who's a member."
    leo = data["suggestions"][5]
    assert leo["reason"] == 'Your plan "walk" with Leo is on Tuesday at 18:00.'
    assert leo["action"] == "Confirm Tuesday's plan with Leo."


def test_the_short_list_reads_kindly(scenario):
    out = scenario("nudge").stdout
    assert out == (
        "1. Ana Okafor\n"
        "   Ana is going through a hard time: surgery, 2 days ago.\n"
        "   Check in, and bring a meal if it would help.\n"
        "2. Sam Carter\n"
        "   Sam's birthday is on Tuesday (turning 36).\n"
        "   There's time to organize something: a dinner, a cake, or a card from friends?\n"
        "3. Noor Haddad\n"
        "   You'd like to know Noor better, and haven't met in person yet.\n"
        "   Invite Noor to get together in person — a coffee or a walk?\n"
        "4. Omar Said\n"
        "   Omar helped you 8 days ago (helped me move), and you haven't been in touch since.\n"
        "   Thank Omar — or return the favor when you can.\n"
        "5. Grace Kim\n"
        "   It's been 4 months since you saw Grace — you hoped for every 3 months.\n"
        "   A message or a call to say hello?\n"
        "\n"
        "Most of your contact in the last 60 days was with Maya (8 of 15). One person can't "
        "give all the support you need, so others are nudged up a little.\n"
        "4 more: supportnet nudge --all\n"
        "supportnet why NAME shows every term; supportnet nudge --log N logs one.\n"
    )
    assert "overdue" not in out.lower()
    explained = scenario("nudge", "--count", "1", "--explain").stdout.splitlines()
    assert explained[3] == (
        "   why: hard_event 0.93 x 4 = 3.71; circle 0.75 x 1 = 0.75; "
        "concentration 0.53 x 1 = 0.53; total 5.50"
    )


def test_why_shows_every_term_and_the_facts(scenario, unchanged):
    with unchanged():
        out = scenario("why", "Sam").stdout
    lines = out.splitlines()
    assert lines[0] == "Sam Carter (#2): Sam is number 2 in the nudge (celebrate)."
    assert lines[1] == (
        "  2. Sam's birthday is on Tuesday (turning 36). There's time to organize something: "
        "a dinner, a cake, or a card from friends?"
    )
    table = "\n".join(lines[3:])
    assert "time           2.32   1       2.32" in table
    assert "last in person 2026-04-15, last online 2026-06-01 (online counts 0.5): " in table
    assert "32.5 of 14 days hoped for (every 2 weeks)" in table
    assert "celebration    0.79   2       1.57          birthday on 2026-06-16, in 6 days " in table
    assert lines[-1].split() == ["total", "5.18"]
    data = json.loads(scenario("why", "Sam", "--json").stdout)
    assert data["kind"] == "celebrate" and data["total"] == 5.176
    assert [t["name"] for t in data["terms"]][:4] == ["time", "circle", "hard_event", "celebration"]
    assert data["suggestions"][0]["number"] == 2
    jonas = scenario("why", "Jonas").stdout.splitlines()
    assert jonas[0] == "Jonas Weber (#5): Jonas is number 8 in the nudge (introduce)."
    assert jonas[1].startswith("  8. Jonas and Leo have climbing in common")
    quiet = scenario("why", "Ruth").stdout.splitlines()[0]
    assert quiet == (
        "Dr. Ruth Alder (#9): Nothing to suggest for Dr. Ruth Alder right now; by the "
        "hoped-for cadence, the next contact would be in 140 days."
    )


def test_why_a_group(scenario, unchanged):
    """The nudge names groups too and ends with "supportnet why NAME": a group's name
    says to add --group, which explains its line."""
    with unchanged():
        assert scenario("why", "chorus", expect=3).stderr == (
            "No one called 'chorus' is here. For the group Community chorus, add --group.\n"
        )
        lines = scenario("why", "chorus", "--group").stdout.splitlines()
    assert lines[0] == "Community chorus (#1): Community chorus is number 9 in the nudge (go back)."
    assert lines[1].startswith("  9. It's been 3 meetings since you were last at Community chorus.")
    assert lines[4].split()[:4] == ["community", "1.00", "1", "1.00"]
    assert "last went 2026-05-13; 3 meetings since; next meeting 2026-06-10" in lines[4]
    # The nudge says how, when a group's line is shown.
    assert scenario("nudge", "--all").stdout.endswith(
        "supportnet why NAME (a group: why --group NAME) shows every term; "
        "supportnet nudge --log N logs one.\n"
    )
    assert "(a group:" not in scenario("nudge").stdout  # the chorus is line 9
    data = json.loads(scenario("why", "-g", "chorus", "--json").stdout)
    assert data["group"] == {"id": 1, "name": "Community chorus"}
    assert (data["kind"], data["total"], data["suggestions"][0]["number"]) == ("go_back", 1.0, 9)


def test_log_from_the_nudge(scenario, db_path):
    done = scenario("nudge", "--log", "5", input="y\n")
    assert "Log a call with Grace Kim today? [y/N]:" in done.stdout
    assert done.stdout.endswith("Logged a call with Grace Kim today as #18 (suggestion 5).\n")
    history = json.loads(scenario("history", "Grace", "--json").stdout)
    assert history[0]["kind"] == "call" and history[0]["date"] == "2026-06-10"
    assert history[0]["in_person"] is False
    kinds = [s["kind"] for s in nudge_json(scenario)["suggestions"]]
    assert "catch_up" in kinds and len(kinds) == 8  # Grace's line is gone
    scenario("nudge", "--log", "8", "--yes")  # the chorus: logs its meeting today
    assert [s["kind"] for s in nudge_json(scenario)["suggestions"]][-1] != "go_back"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--log", "6"], 5, "Suggestion 6 is not a get-together to log; once it has happened, "
         "mark it with `supportnet done PLAN`.\n"),
        (["--log", "10"], 5, "There is no suggestion 10: today's nudge has 9 "
         "(`supportnet nudge --all` lists them).\n"),
        (["--log", "2"], 13, "Nothing was changed.\n"),
        (["--log", "99999999999999999999"], 5, "There is no suggestion 99999999999999999999: "
         "today's nudge has 9 (`supportnet nudge --all` lists them).\n"),
    ],
)  # fmt: skip
def test_log_refusals_change_nothing(scenario, unchanged, args, code, message):
    with unchanged():
        result = scenario("nudge", *args, input="n\n", expect=code)
    assert result.stderr == message


def test_a_count_beyond_any_list_shows_it_all(scenario):
    assert (
        scenario("nudge", "--count", "99999999999999999999").stdout
        == scenario("nudge", "--all").stdout
    )


def test_snooze_and_unsnooze(scenario, unchanged):
    out = scenario("snooze", "Ana", "--for", "2w").stdout
    assert out == (
        "Snoozed Ana Okafor until Wednesday 24 June 2026: back in the nudge that day "
        "(`supportnet unsnooze` brings them back sooner).\n"
    )
    data = nudge_json(scenario)
    assert data["hidden"] == 1 and data["suggestions"][0]["people"][0]["name"] == "Sam Carter"
    assert "1 snoozed or dismissed: supportnet snoozed" in scenario("nudge").stdout
    on_the_day = json.loads(scenario("--today", "2026-06-24", "nudge", "--json").stdout)
    assert on_the_day["hidden"] == 0
    listed = json.loads(scenario("snoozed", "--json").stdout)
    assert listed == [{"what": "snooze", "target": "person", "id": 3, "name": "Ana Okafor",
                       "until": "2026-06-24", "kind": None, "subject": "", "since": "2026-06-10",
                       "in_force": True}]  # fmt: skip
    assert (
        scenario("unsnooze", "Ana").stdout == "Ana Okafor is back in the nudge (ended a snooze).\n"
    )
    assert nudge_json(scenario)["hidden"] == 0
    assert scenario("unsnooze", "Ana").stdout == "Ana Okafor was not snoozed or dismissed.\n"
    with unchanged():
        assert scenario("snooze", "Ana", "--until", "yesterday", expect=5).stderr == (
            "--until must be after today (2026-06-10).\n"
        )
        assert scenario("snooze", "Ana", "--for", "2w", "--until", "friday", expect=2).stderr == (
            "Give --for or --until, not both.\n"
        )
        assert scenario("snooze", "Anna", expect=3).stderr.startswith("No one called 'Anna'")


def test_snooze_a_group(scenario):
    scenario("snooze", "chorus", "--group", "--until", "2026-07-01")
    kinds = [s["kind"] for s in nudge_json(scenario)["suggestions"]]
    assert "go_back" not in kinds
    assert scenario("snoozed").stdout.splitlines()[1].split()[:3] == [
        "snooze",
        "Community",
        "chorus",
    ]


def test_dismiss_until_something_new_happens(scenario, unchanged):
    out = scenario("dismiss", "Sam").stdout
    assert out == (
        "Dismissed 'celebrate' for Sam Carter: “Sam's birthday is on Tuesday (turning 36).”"
        " It stays out of the nudge until something new happens with them (a get-together,"
        " favor or life event). `supportnet unsnooze` undoes it.\n"
    )
    sam = [s for s in nudge_json(scenario)["suggestions"] if s["people"][:1] == [
        {"id": 2, "name": "Sam Carter"}]]  # fmt: skip
    # The birthday is left out; the time since seeing Sam still counts.
    assert [(s["kind"], s["total"]) for s in sam] == [("catch_up", 3.605)]
    assert json.loads(scenario("snoozed", "--json").stdout)[0]["subject"] == "birthday:2026-06-16"
    scenario("log", "call", "--with", "Sam")  # something new: the dismissal ends
    kinds = {s["kind"] for s in nudge_json(scenario)["suggestions"] if s["people"][:1] == [
        {"id": 2, "name": "Sam Carter"}]}  # fmt: skip
    assert kinds == {"celebrate"}
    assert json.loads(scenario("snoozed", "--json").stdout)[0]["in_force"] is False
    # Jonas has no line of his own, only the introduction: that is what goes.
    scenario("dismiss", "Jonas")
    assert "introduce" not in [s["kind"] for s in nudge_json(scenario)["suggestions"]]
    with unchanged():
        assert scenario("dismiss", "Ruth", expect=5).stderr == (
            "Dr. Ruth Alder has no suggestion in the nudge right now, so there is nothing to "
            "dismiss; `supportnet snooze` leaves them out for a while.\n"
        )
        assert scenario("dismiss", "Maya", "--kind", "celebrat", expect=5).stderr.startswith(
            "Unknown kind of suggestion 'celebrat'. Did you mean celebrate?"
        )
        # as --help spells them (catch-up): the error listed catch_up, check_in, go_back
        result = scenario("dismiss", "Maya", "--kind", "catchup", expect=5)
        assert "Did you mean catch-up? Known: check-in, confirm-plan," in result.stderr
        assert "_" not in result.stderr


def test_weights_from_the_config_file(scenario, db_path):
    config_path(db_path).write_text("[weights]\nhard_event = 0\ncelebration = 0\n")
    first = nudge_json(scenario)["suggestions"][0]
    assert (first["kind"], first["people"][0]["name"]) == ("meet_in_person", "Noor Haddad")
    assert "hard_event = 0" in scenario("config").stdout


def test_an_empty_network_says_how_to_start(run, unchanged):
    run("where")
    run("people")  # the database now exists (any first command creates it)
    with unchanged():
        out = run("nudge").stdout
    assert out == (
        "1. Your network\n"
        "   Start with one friend: add someone you'd like to see more often.\n"
        '   Add them: supportnet add "Name" --circle close\n'
        "\n"
    )
    run("add", "Maya López", "--circle", "close")
    data = json.loads(run("nudge", "--json").stdout)
    assert [s["kind"] for s in data["suggestions"]] == ["schedule", "grow"]
    assert data["suggestions"][0]["action"] == (
        'Set one up: supportnet plan "coffee" --with "Maya López" --every "2 weeks"'
    )
    # The suggested command works as written.
    run("plan", "coffee", "--with", "Maya López", "--every", "2 weeks")
    assert "schedule" not in [
        s["kind"] for s in json.loads(run("nudge", "--json").stdout)["suggestions"]
    ]


def test_why_about_someone_not_in_the_nudge(run):
    run("add", "Maya López")
    run("archive", "Maya")
    assert run("why", "Maya").stdout == (
        "Maya López is archived: archived people are left out of the nudge.\n"
    )


def test_why_piped_keeps_each_fact_whole(run, monkeypatch):
    # Piped (COLUMNS 80), the fact column was cut: "... 21 of 14 days hoped for (e…".
    monkeypatch.setenv("COLUMNS", "80")
    run("add", "Maya López", "--circle", "close")
    run("log", "coffee", "--with", "Maya", "--on", "3 weeks ago")
    assert "21 of 14 days hoped for (every 2 weeks)\n" in run("why", "Maya").stdout


def test_the_read_path_stays_light_when_piped(run, db_path):
    import os
    import subprocess
    import sys

    run("add", "Maya López", "--circle", "close")
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['supportnet', 'nudge']\n"
        "try:\n"
        "    runpy.run_module('supportnet', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'rich'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "SUPPORTNET_DB": str(db_path)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert "1. Maya López" in done.stdout
    assert "HEAVY []" in done.stderr, done.stderr


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_pauses_only_while_ranking(run, monkeypatch, enabled):
    import gc

    from supportnet.nudge import rank as real_rank

    seen = []

    def rank(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_rank(*args, **kwargs)

    monkeypatch.setattr("supportnet.nudge.rank", rank)
    run("add", "Maya López", "--circle", "close")
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert "1. Maya López" in run("nudge").stdout
        assert seen == [False]
        assert gc.isenabled() is enabled  # as it was before
        run("why", "Maya")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_why_names_a_favor_older_than_the_reciprocity_window(run):
    run("add", "Ana", "--circle", "close")
    run("favor", "drove me to the clinic", "--from", "Ana", "--on", "100 days ago")
    out = run("why", "Ana").stdout
    assert "they helped you on 2026-03-02 (drove me to the clinic), more than 60 days ago" in out


def test_a_dated_kind_is_not_dismissed_ahead_of_time(scenario, unchanged):
    # `dismiss Maya --kind celebrate` with no celebration in view hid every birthday to
    # come (next year's too); a catch-up may still be dismissed ahead of time.
    with unchanged():
        for kind, words in (("celebrate", "celebrate"), ("confirm-plan", "confirm plan"),
                            ("check-in", "check in")):  # fmt: skip
            assert scenario("dismiss", "Ruth", "--kind", kind, expect=5).stderr == (
                f"Dr. Ruth Alder has no '{words}' suggestion in the nudge right now, so there"
                " is nothing to dismiss; `supportnet snooze` leaves them out for a while.\n"
            )
    assert scenario("dismiss", "Ruth", "--kind", "catch-up").stdout.startswith(
        "Dismissed 'catch up' for Dr. Ruth Alder until something new happens"
    )


def test_dismissing_again_says_which_suggestion_it_was(run):
    """Two hard times are two 'check in's: each dismissal names its own."""
    run("add", "Sam Carter")
    run("event", "Sam", "surgery", "--kind", "illness")
    run("event", "Sam", "lost job", "--kind", "job change", "--hard")
    first, second = (run("dismiss", "Sam").stdout for _ in range(2))
    assert first.startswith("Dismissed 'check in' for Sam Carter: “Today is a hard day")
    assert second.startswith("Dismissed 'check in' for Sam Carter: “Today is a hard day")
    assert sorted(["surgery" in first, "surgery" in second]) == [False, True]
    assert sorted(["lost job" in first, "lost job" in second]) == [False, True]


def test_a_new_snooze_says_which_one_it_replaces(scenario):
    # `snooze Ana` (a week) quietly shortened the two weeks asked for before.
    scenario("snooze", "Ana", "--for", "2w")
    assert scenario("snooze", "Ana").stdout.startswith(
        "Snoozed Ana Okafor until Wednesday 17 June 2026 (it was until Wednesday 24 June"
        " 2026): back in the nudge that day"
    )
    assert "(it was" not in scenario("snooze", "Ana").stdout  # the same day again
