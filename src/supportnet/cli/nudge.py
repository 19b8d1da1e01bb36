"""The nudge: nudge, why, snooze, dismiss, unsnooze, snoozed."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import (
    complete_person,
    confirm,
    json_option,
    snooze_end,
    snooze_for_option,
    snooze_until_option,
    yes_option,
)

TARGET_HELP = "Who: a name, part of it, a nickname, or #id (with --group: a group's name)."
GROUP_HELP = "NAME is a group (community), for its 'go back' suggestion."


def _facts(
    conn: Any, today: Any, detail_for: int | None = None, lines: int | None = None
) -> tuple[Any, Any]:
    """(network facts, settings) for today, from the database and the config;
    ``detail_for`` (the person `why` explains) gets their whole favor history;
    ``lines``: only the nudge's first ``lines`` will be shown."""
    from supportnet.nudge import Settings
    from supportnet.store.nudge_facts import gather

    config = state.config()
    settings = Settings.from_config(config.values)
    facts = gather(conn, today, settings, config.cadence_days, detail_for=detail_for, lines=lines)
    return facts, settings


def _term_line(term: Any) -> str:
    return f"{term.name} {term.value:.2f} x {term.weight:g} = {term.contribution:.2f}"


@app.command()
def nudge(
    count: int = typer.Option(5, "--count", "-n", help="How many suggestions to show.", min=1),
    show_all: bool = typer.Option(False, "--all", help="Show every suggestion."),
    explain: bool = typer.Option(
        False, "--explain", help="Add the terms that count most to each line."
    ),
    log: list[int] = typer.Option(
        [],
        "--log",
        metavar="N",
        help="Log suggestion N as a get-together today, with its people and the kind it "
        "suggests (asks first; repeatable).",
    ),
    yes: bool = yes_option(),
    as_json: bool = json_option(),
) -> None:
    """Suggest who to reach out to next, and what to do.

    A short ranked list: each line says who, why in plain words, and one
    concrete thing to do. The same data and the same day always give the same
    list and the same numbers; running it changes nothing.

    Examples:

      supportnet nudge

      supportnet nudge --count 10 --explain

      supportnet nudge --log 2

      supportnet nudge --all --json
    """
    from supportnet.nudge import rank

    today = state.today()
    if log:
        _log_suggestions(log, yes)
        return
    from supportnet.remind.gather import notes
    from supportnet.store.records import no_gc_pauses

    with no_gc_pauses():
        with state.database() as conn:
            limit = None if show_all else count
            network, settings = _facts(conn, today, lines=limit)
            extra = notes(conn, today, state.config())  # a check-in due, reminders quiet, ...
        result = rank(network, today, settings, limit=limit)
    if extra:
        result = result._replace(notes=(*result.notes, *extra))
    if as_json:
        from supportnet.render import emit_json

        emit_json(
            {
                "today": today.isoformat(),
                "count": result.count,
                "hidden": result.hidden,
                "notes": list(result.notes),
                "suggestions": [
                    s.to_json(number) for number, s in enumerate(result.suggestions, start=1)
                ],
            }
        )
        return
    from supportnet.render import paged

    with paged():  # `nudge --all` of a large network: through the pager, as one screen
        _print_nudge(result, explain)


def _print_nudge(result: Any, explain: bool) -> None:
    from supportnet.render import line

    for number, suggestion in enumerate(result.suggestions, start=1):
        line(f"{number}. {suggestion.who}")
        line(f"   {suggestion.reason}")
        line(f"   {suggestion.action}")
        if explain:
            top = suggestion.top_terms()
            parts = [_term_line(t) for t in top]
            line(f"   why: {'; '.join(parts)}; total {suggestion.total:.2f}")
    line()
    for note in result.notes:
        line(note)
    more = result.count - len(result.suggestions)
    if more > 0:
        line(f"{more} more: supportnet nudge --all")
    if result.hidden:
        line(f"{result.hidden} snoozed or dismissed: supportnet snoozed")
    if result.suggestions and (result.suggestions[0].people or result.count > 1):
        group = any(s.community for s in result.suggestions)
        why = "supportnet why NAME" + (" (a group: why --group NAME)" if group else "")
        line(f"{why} shows every term; supportnet nudge --log N logs one.")


def _log_suggestions(numbers: list[int], yes: bool) -> None:
    """The quick path: log what suggestion N proposes, with its people, today."""
    from supportnet import clock, db
    from supportnet.errors import InvalidInput
    from supportnet.nudge import rank
    from supportnet.render import line
    from supportnet.text import join_words

    today = state.today()
    with state.database() as conn:
        network, settings = _facts(conn, today, lines=max(numbers))
        result = rank(network, today, settings, limit=max(numbers))
        chosen = []
        for number in dict.fromkeys(numbers):
            if not 1 <= number <= result.count:
                raise InvalidInput(
                    f"There is no suggestion {number}: today's nudge has {result.count} "
                    "(`supportnet nudge --all` lists them)."
                )
            suggestion = result.suggestions[number - 1]
            if suggestion.log_kind is None:
                if suggestion.kind == "confirm_plan":
                    hint = "once it has happened, mark it with `supportnet done PLAN`."
                else:
                    hint = f"instead: {suggestion.action}"
                raise InvalidInput(f"Suggestion {number} is not a get-together to log; {hint}")
            chosen.append((number, suggestion))
        descriptions = [_log_description(s) for _, s in chosen]
        confirm(f"Log {join_words(descriptions)} today?", yes)
        from supportnet.models import validate
        from supportnet.models.gettogether import GettogetherCreate
        from supportnet.writes import gettogethers as writes

        logged = []
        with db.write_session(conn) as session:
            for (number, suggestion), description in zip(chosen, descriptions):
                new = validate(GettogetherCreate, {
                    "people": [pid for pid, _ in suggestion.people],
                    "on_date": today,
                    "kind": suggestion.log_kind,
                    "in_person": suggestion.log_in_person,
                    "community_id": suggestion.community[0] if suggestion.community else None,
                })  # fmt: skip
                gid = writes.log_gettogether(
                    session, new, today, clock.now_utc(), offer_again=False
                )  # nudge has no --again
                logged.append((number, description, gid))
    for number, description, gid in logged:
        line(f"Logged {description} today as #{gid} (suggestion {number}).")


def _log_description(suggestion: Any) -> str:
    """'a coffee with Maya López', 'a call with Sam Carter', 'a group meeting at the chorus'."""
    from supportnet.text import join_words

    kind = suggestion.log_kind
    article = "an" if kind[0] in "aeiou" else "a"
    if suggestion.community:
        return f"{article} {kind} at {suggestion.community[1]}"
    return f"{article} {kind} with {join_words([n for _, n in suggestion.people])}"


@app.command(no_args_is_help=True)
def why(
    person: str = typer.Argument(
        ..., help="Who: a name, part of it, a nickname, or #id (with --group: a group).",
        autocompletion=complete_person,
    ),
    group: bool = typer.Option(
        False, "--group", "-g", help="Explain a group's suggestion (go back) instead."
    ),
    as_json: bool = json_option(),
) -> None:  # fmt: skip
    """Show why the nudge says what it says about a person: every term of the score.

    Each term is value x weight = contribution; the total ranks the list. The
    facts behind each term (last contact, cadence, the event, the favor) are
    shown beside it. Weights live in the config file (`supportnet config`).
    With --group, the same for a group of yours: the meetings since you last went.

    Examples:

      supportnet why Maya

      supportnet why "#3" --json

      supportnet why --group "Community chorus"
    """
    from supportnet.nudge import explain as explain_person
    from supportnet.nudge import explain_group
    from supportnet.render import emit_json, line, paged, table
    from supportnet.store.people import get_person
    from supportnet.store.records import no_gc_pauses

    today = state.today()
    record = None
    with no_gc_pauses(), state.database() as conn:
        (kind, target), name = _target(conn, person, group)
        network, settings = _facts(conn, today, detail_for=target if kind == "person" else None)
        if kind == "person" and not any(p.id == target for p in network.people):
            record = get_person(conn, target)
    if kind == "community" and not any(c.id == target for c in network.communities):
        status = (f"{name} is not one the nudge suggests going back to: it looks at the "
                  "groups you belong to that meet on a schedule.")  # fmt: skip
    elif record is not None:
        if record.archived_on:
            status = f"{record.name} is archived: archived people are left out of the nudge."
        else:
            status = f"{record.name} was added after {today.isoformat()}: not in that day's nudge."
    else:
        status = None
    about = {"id": target, "name": name}
    if status is not None:
        if as_json:
            if record is not None:
                about["circle"] = record.circle
            emit_json({"person" if kind == "person" else "group": about, "status": status,
                       "kind": None, "total": None, "terms": [], "suggestions": []})  # fmt: skip
        else:
            line(status)
        return
    with no_gc_pauses():
        if kind == "person":
            ex = explain_person(network, target, today, settings)
            about["circle"] = ex.person.circle
        else:
            ex = explain_group(network, target, today, settings)
    if as_json:
        emit_json(
            {
                "person" if kind == "person" else "group": about,
                "status": ex.status,
                "kind": ex.kind,
                "total": round(ex.total, 3),
                "terms": [t.to_json() for t in ex.terms],
                "suggestions": [s.to_json(number) for number, s in ex.suggestions],
            }
        )
        return
    with paged():  # the status, the suggestions and the terms as one screen
        line(f"{name} (#{target}): {ex.status}")
        for number, suggestion in ex.suggestions:
            line(f"  {number}. {suggestion.reason} {suggestion.action}")
        line()
        rows = [
            [t.name, f"{t.value:.2f}", f"{t.weight:g}", f"{t.contribution:.2f}", t.fact]
            for t in ex.terms
        ]
        rows.append(["total", "", "", f"{ex.total:.2f}", ""])
        table(["term", "value", "weight", "contribution", "fact"], rows)


def _target(conn: Any, ref: str, group: bool) -> tuple[tuple[str, int], str]:
    """(("person" or "community", id), name) for a snooze or dismissal."""
    if group:
        from supportnet.store.groups import get_group, resolve_group

        gid = resolve_group(conn, ref)
        return ("community", gid), get_group(conn, gid).name
    from supportnet.errors import NotFound
    from supportnet.store.people import get_person, resolve_person

    try:
        pid = resolve_person(conn, ref)
    except NotFound as error:
        group_name = _group_called(conn, ref)
        if group_name is None:
            raise
        raise NotFound(f"{error.message} For the group {group_name}, add --group.") from None
    return ("person", pid), get_person(conn, pid).name


def _group_called(conn: Any, ref: str) -> str | None:
    """The name of the one group ``ref`` names, or None."""
    from supportnet.errors import SupportnetError
    from supportnet.store.groups import get_group, resolve_group

    try:
        return get_group(conn, resolve_group(conn, ref)).name
    except SupportnetError:
        return None


@app.command(no_args_is_help=True)
def snooze(
    name: str = typer.Argument(..., help=TARGET_HELP, autocompletion=complete_person),
    for_: str | None = snooze_for_option(),
    until: str | None = snooze_until_option(),
    group: bool = typer.Option(False, "--group", "-g", help=GROUP_HELP),
) -> None:
    """Leave a person (or a group) out of the nudge for a while.

    They come back on their own on the day the snooze ends; `supportnet
    unsnooze NAME` brings them back sooner.

    Examples:

      supportnet snooze Maya --for 2w

      supportnet snooze Sam --until "next friday"

      supportnet snooze "Community chorus" --group --for "a month"
    """

    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.nudge import SnoozeCreate, target_fields
    from supportnet.render import line
    from supportnet.writes import nudge as writes

    today = state.today()
    end = snooze_end(for_, until, today)
    with state.writing() as session:
        target, label = _target(connection_of(session), name, group)
        new = validate(
            SnoozeCreate, {**target_fields(target), "until_on": end, "snoozed_on": today}
        )
        before = writes.snooze(session, new)

    def day(d: Any) -> str:  # "Tuesday 24 March 2026"
        return f"{d:%A} {d.day} {d:%B %Y}"

    was = f" (it was until {day(before)})" if before and before > today and before != end else ""
    line(
        f"Snoozed {label} until {day(end)}{was}: back in the nudge that day "
        f"(`supportnet unsnooze` brings them back sooner)."
    )


#: The kinds whose suggestion is about one date or event (its subject).
_DATED = ("check_in", "confirm_plan", "celebrate")


@app.command(no_args_is_help=True)
def dismiss(
    name: str = typer.Argument(..., help=TARGET_HELP, autocompletion=complete_person),
    kind: str | None = typer.Option(
        None,
        "--kind",
        "-k",
        help="Which kind of suggestion: check-in, confirm-plan, celebrate, thank, "
        "meet-in-person, catch-up, introduce, go-back or schedule. Default: the one the "
        "nudge makes now.",
    ),
    group: bool = typer.Option(False, "--group", "-g", help=GROUP_HELP),
) -> None:
    """Dismiss a suggestion until something new happens with that person.

    The nudge leaves out this kind of suggestion about them until a new
    get-together, favor or life event with them is logged. `supportnet
    unsnooze NAME` undoes it.

    Examples:

      supportnet dismiss Maya

      supportnet dismiss Sam --kind celebrate

      supportnet dismiss "Community chorus" --group
    """
    from supportnet.db import write_session
    from supportnet.errors import InvalidInput
    from supportnet.models import validate
    from supportnet.models.nudge import DismissalCreate, target_fields
    from supportnet.nudge import DISMISSABLE, about
    from supportnet.render import line
    from supportnet.text import choose_kind
    from supportnet.writes import nudge as writes

    today = state.today()
    wanted = None
    if kind is not None:
        # named as --kind spells them (catch-up), kept as the nudge does (catch_up)
        spelled = [k.replace("_", "-") for k in DISMISSABLE]
        wanted = choose_kind(kind, spelled, "kind of suggestion").replace("-", "_")
    with state.database() as conn:
        target, label = _target(conn, name, group)
        network, settings = _facts(conn, today)
        current = about(network, today, settings, target)
        matching = [s for _, s in current if wanted is None or s.kind == wanted]
        reason = ""  # which of their suggestions it was: two of one kind read alike
        if matching:
            chosen, subject = matching[0].kind, matching[0].subject
            reason = f": “{matching[0].reason}” It stays out of the nudge"
        elif wanted is not None and (wanted not in _DATED or target[0] != "person"):
            chosen, subject = wanted, ""  # ahead of time: no catch-up lines about them
        else:
            # A birthday, a plan's date or a hard time is dismissed when it is in the
            # nudge: ahead of time it would cover every one to come (next year's too).
            which = f"'{wanted.replace('_', ' ')}' " if wanted is not None else ""
            raise InvalidInput(
                f"{label} has no {which}suggestion in the nudge right now, so there is "
                "nothing to dismiss; `supportnet snooze` leaves them out for a while."
            )
        new = validate(DismissalCreate, {**target_fields(target), "kind": chosen,
                                         "subject": subject, "dismissed_on": today})  # fmt: skip
        with write_session(conn) as session:
            writes.dismiss(session, new)
    words = chosen.replace("_", " ")
    line(
        f"Dismissed '{words}' for {label}{reason} until something new happens with them "
        "(a get-together, favor or life event). `supportnet unsnooze` undoes it."
    )


@app.command(no_args_is_help=True)
def unsnooze(
    name: str = typer.Argument(..., help=TARGET_HELP, autocompletion=complete_person),
    group: bool = typer.Option(False, "--group", "-g", help=GROUP_HELP),
) -> None:
    """Bring a person (or a group) back into the nudge: ends a snooze and dismissals.

    Examples:

      supportnet unsnooze Maya

      supportnet unsnooze "Community chorus" --group
    """
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.nudge import NudgeTarget, target_fields
    from supportnet.render import line
    from supportnet.text import count_of, join_words
    from supportnet.writes import nudge as writes

    with state.writing() as session:
        target, label = _target(connection_of(session), name, group)
        snoozes, dismissals = writes.unsnooze(session, validate(NudgeTarget, target_fields(target)))
    if not snoozes and not dismissals:
        line(f"{label} was not snoozed or dismissed.")
        return
    ended = []
    if snoozes:
        ended.append("a snooze")
    if dismissals:
        ended.append(count_of(dismissals, "dismissal"))
    line(f"{label} is back in the nudge (ended {join_words(ended)}).")


@app.command()
def snoozed(as_json: bool = json_option()) -> None:
    """List what the nudge leaves out: snoozes and dismissals.

    Examples:

      supportnet snoozed

      supportnet snoozed --json
    """
    from supportnet.render import emit_json, table
    from supportnet.store import nudge_state

    today = state.today()
    with state.database() as conn:
        rows = nudge_state.held_back(conn, today)
    if as_json:
        emit_json([r.to_json() for r in rows])
        return

    def detail(r: Any) -> str:
        if r.what == "snooze":
            return f"until {r.until.isoformat()}"
        return (r.kind or "").replace("_", " ") + (f" ({r.subject})" if r.subject else "")

    rows_out = [
        [r.what, r.name + (" (group)" if r.target == "community" else ""), detail(r),
         r.since.isoformat(), "yes" if r.in_force else "no (ended)"]
        for r in rows
    ]  # fmt: skip
    table(
        ["what", "who", "detail", "since", "in force"],
        rows_out,
        empty="Nothing is snoozed or dismissed.",
    )
