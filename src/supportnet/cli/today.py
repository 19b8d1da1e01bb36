"""The morning digest: today."""

from __future__ import annotations

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import json_option


@app.command("today")
def today_digest(
    short: bool = typer.Option(
        False, "--short", "-s", help="One or two lines, as a notification shows them."
    ),
    limit: int | None = typer.Option(
        None,
        "--limit",
        "-n",
        min=0,
        max=50,
        metavar="N",
        help="How many suggestions of the nudge to include. Default: 3 ([remind] "
        "suggestions in the config).",
        show_default=False,
    ),
    always: bool = typer.Option(
        False,
        "--always",
        help="Say something even on a day with nothing to do or to know (otherwise "
        "nothing at all is printed, and the exit code is 0).",
    ),
    private: bool = typer.Option(
        False,
        "--private",
        help="Counts without names (2 people to reach out to, 1 plan today or tomorrow), "
        "as [remind] private = true delivers reminders.",
    ),
    week: bool = typer.Option(
        False,
        "--week",
        help="The weekly digest instead: the last 7 days in three lines, and one "
        "suggestion for the week ahead.",
    ),
    as_json: bool = json_option(),
) -> None:
    """A short digest for this morning: who to reach out to, what is on, a goal.

    The nudge's first suggestions, what is on today and tomorrow (plans, group
    meetings, birthdays, hard or happy days), and a goal that can still be met
    this week. On a day with nothing worth saying it prints nothing (exit 0),
    so it can sit in a shell's start-up file; --always says so instead.
    `supportnet remind install` delivers it every morning.

    Examples:

      supportnet today

      supportnet today --short

      supportnet today --private --always

      supportnet today --week --json
    """
    from supportnet.remind import digest
    from supportnet.remind import gather as facts
    from supportnet.render import emit_json, line

    day = state.today()
    config = state.config()
    count = limit if limit is not None else config.section("remind")["suggestions"]
    with state.database() as conn:
        if week:
            weekly = facts.weekly(conn, day, config)
        else:
            daily = facts.daily(conn, day, config, count)
    if week:
        from supportnet.remind import weekly as weekly_words

        if as_json:
            emit_json(weekly_words.weekly_json(weekly))
        elif private:
            line(weekly_words.weekly_private(weekly))
        elif short:
            for text in weekly_words.weekly_short(weekly):
                line(text)
        else:
            for text in weekly_words.weekly_lines(weekly):
                line(text)
        return
    if as_json:
        emit_json(digest.daily_json(daily))
        return
    if not daily.worth_saying and not always:
        for note in daily.notes:  # reminders that stopped arriving are worth a word
            line(note)
        return
    if private or short:
        text = digest.private_text(daily) if private else digest.short_text(daily)
        line(text or "Nothing needs you today. Enjoy your day.")
        return
    for text in digest.daily_lines(daily, always=always):
        line(text)
