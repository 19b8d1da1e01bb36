"""Progress: homework goals, the review, and the shareable report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import confirm, json_option, yes_option

goal_app = typer.Typer(
    help="""Set, pause, resume or remove a homework goal (`supportnet goals` shows them).

Examples:

  supportnet goal add "reach out to 2 people" --per week

  supportnet goal pause 2
""",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(goal_app, name="goal")

GOAL_REF_HELP = "Which goal: its number (3 or #3) or words of its title."


@goal_app.command("add", no_args_is_help=True)
def goal_add(
    title: str = typer.Argument(
        ..., help="The goal in your words: 'reach out to 2 people', 'go to 1 group meeting'."
    ),
    per: str | None = typer.Option(
        None, "--per", "-p", help="week or month (default: what the words say, else week)."
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        "-k",
        help="reach out, in person, community, new people, favors or log days "
        "(default: read from the words).",
    ),
    target: int | None = typer.Option(
        None, "--target", "-n", help="How many per period (default: the number in the words)."
    ),
    group: str | None = typer.Option(
        None, "--group", "-g", help="For a community goal: only meetings of this group count."
    ),
) -> None:
    """Set a goal for each week or month, in your own words.

    The kind and the number are read from the words when they are clear:
    reach out to N people, N in-person get-togethers, go to a group N times,
    meet N new people, give N favors, log something on N days.

    Examples:

      supportnet goal add "reach out to 2 people" --per week

      supportnet goal add "go to 1 group meeting a week" --group "Community chorus"

      supportnet goal add "see friends" --kind "in person" --target 4 --per month
    """
    from supportnet.db import connection_of
    from supportnet.goals import parse_goal, unit
    from supportnet.models import validate
    from supportnet.models.progress import GoalCreate
    from supportnet.render import line
    from supportnet.store.groups import get_group, resolve_group
    from supportnet.writes import progress as writes

    spec = parse_goal(title, kind=kind, target=target, period=per if per is not None else None)
    with state.writing() as session:
        conn = connection_of(session)
        cid = resolve_group(conn, group) if group is not None else None
        new = validate(GoalCreate, {
            "title": title, "kind": spec.kind, "target": spec.target, "period": spec.period,
            "community_id": cid,
        })  # fmt: skip
        gid = writes.add_goal(session, new, state.today())
        where = f" at {get_group(conn, cid).name}" if cid is not None else ""
    things = unit(new.kind, new.target)
    line(
        f"Goal #{gid}: {new.title} — {new.target} {things}{where} a {new.period}. "
        "`supportnet goals` shows how it goes."
    )


def _goal_command(ref: str, status: str) -> None:
    """Pause or resume a goal; already so is a friendly note, nothing changed."""
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.progress import GoalUpdate
    from supportnet.render import line
    from supportnet.store import progress as store
    from supportnet.writes import progress as writes

    change = validate(GoalUpdate, {"status": status})
    with state.writing() as session:
        conn = connection_of(session)
        goal = store.get_goal(conn, store.resolve_goal(conn, ref))
        changed = writes.set_goal_status(session, goal.id, change, state.today())
    if not changed and status == "paused":
        line(f"Goal {goal.label} is already paused (since {goal.paused_on}); nothing changed.")
    elif not changed:
        line(f"Goal {goal.label} is not paused; nothing changed.")
    elif status == "paused":
        line(
            f"Paused goal {goal.label}. Its history stays; paused {goal.period}s are shown as "
            "a rest. `supportnet goal resume` picks it up again."
        )
    else:
        line(f"Welcome back to goal {goal.label}.")


@goal_app.command("pause", no_args_is_help=True)
def goal_pause(goal: str = typer.Argument(..., help=GOAL_REF_HELP)) -> None:
    """Pause a goal for a while: its history stays, and paused periods count as a rest.

    Example:

      supportnet goal pause 2
    """
    _goal_command(goal, "paused")


@goal_app.command("resume", no_args_is_help=True)
def goal_resume(goal: str = typer.Argument(..., help=GOAL_REF_HELP)) -> None:
    """Pick a paused goal up again.

    Example:

      supportnet goal resume 2
    """
    _goal_command(goal, "active")


@goal_app.command("remove", no_args_is_help=True)
def goal_remove(
    goal: str = typer.Argument(..., help=GOAL_REF_HELP), yes: bool = yes_option()
) -> None:
    """Retire a goal (asks first): it leaves `goals`, its history stays in reviews.

    `supportnet goals --all` still shows it.

    Example:

      supportnet goal remove "reach out" --yes
    """
    from supportnet.db import write_session
    from supportnet.models import validate
    from supportnet.models.progress import GoalUpdate
    from supportnet.render import line
    from supportnet.store import progress as store
    from supportnet.writes import progress as writes

    change = validate(GoalUpdate, {"status": "removed"})
    with state.database() as conn:
        found = store.get_goal(conn, store.resolve_goal(conn, goal, include_removed=True))
        if found.status == "removed":
            line(f"Goal {found.label} was already retired on {found.removed_on}; "
                 "nothing changed.")  # fmt: skip
            return
        confirm(f"Retire goal {found.label}? Its history stays in reviews.", yes)
        with write_session(conn) as session:
            writes.set_goal_status(session, found.id, change, state.today())
    line(f"Retired goal {found.label}. What you did toward it still shows in reviews.")


@app.command("goals")
def goals(
    everything: bool = typer.Option(False, "--all", help="Also retired goals."),
    as_json: bool = json_option(),
) -> None:
    """Show your goals: this period's progress as a bar, and the last 8 periods.

    Weeks run Monday to Sunday; months are calendar months.

    Examples:

      supportnet goals

      supportnet goals --json
    """
    from supportnet.render import emit_json, is_terminal, line
    from supportnet.store import progress as store

    today = state.today()
    with state.database() as conn:
        found = store.goals_progress(conn, today, include_removed=everything)
    if as_json:
        emit_json([p.to_json() for p in found])
        return
    for text in render_goals(found, plain=not is_terminal()):
        line(text)


def render_goals(found: list, plain: bool) -> list[str]:
    """The lines of `supportnet goals`."""
    from supportnet.goals import bar, describe_period, legend, marks

    if not found:
        return [
            "No goals yet. Set one in your own words, for example:",
            '  supportnet goal add "reach out to 2 people" --per week',
            '  supportnet goal add "go to 1 group meeting" --per week',
        ]
    out: list[str] = []
    for p in found:
        g = p.goal
        state_word = {"paused": f" — paused since {g.paused_on}",
                      "removed": f" — retired on {g.removed_on}"}.get(g.status, "")  # fmt: skip
        where = f" at {g.community_name}" if g.community else ""
        out.append(f"#{g.id} {g.title}{where} ({g.target} a {g.period}){state_word}")
        count = p.current.count
        done = " — done, well done!" if count >= g.target else ""
        out.append(
            f"   this {g.period} ({describe_period(p.current.start, g.period)}): "
            f"{bar(count, g.target, plain=plain)} {count} of {g.target} {g.unit(g.target)}{done}"
        )
        streak = f"   {p.streak} {g.period}s in a row" if p.streak >= 2 else ""
        out.append(f"   last {len(p.history)} {g.period}s: {marks(p.history, plain)}{streak}")
        out.append("")
    out.append(legend(plain))
    return out


def _check_ins(conn: Any, start: dt.date, end: dt.date, today: dt.date) -> dict[str, Any]:
    """The review's check-ins and expected against felt (docs/check-ins.md)."""
    from supportnet.store.checkins import review_part

    return review_part(conn, start, end, today)


def since_option() -> Any:
    return typer.Option(
        None,
        "--since",
        metavar="DATE",
        help="From this day to today (2026-03-14, 4 weeks ago, March, 2025).",
    )


@app.command("review")
def review(
    week: bool = typer.Option(False, "--week", help="The last 7 days (the default)."),
    month: bool = typer.Option(False, "--month", help="The last month."),
    since: str | None = since_option(),
    as_json: bool = json_option(),
) -> None:
    """Look back: what happened, goals, streaks and milestones, with charts.

    Celebrates progress however small, names quieter times gently, and shows a
    calendar of contact, your network by circle, and who your contact went to.

    Examples:

      supportnet review

      supportnet review --month

      supportnet review --since "last monday" --json
    """
    from supportnet.dates import parse_since
    from supportnet.render import emit_json, is_terminal, line
    from supportnet.review import build_review, review_range, review_text
    from supportnet.store import review as store

    today = state.today()
    start, end = review_range(today, week=week, month=month, since=parse_since(since, today))
    from supportnet.store.support_roles import role_facts
    from supportnet.support_roles import for_review

    with state.database() as conn:
        facts = store.review_facts(conn, start, end, today)
        check_ins = _check_ins(conn, start, end, today)
        roles = role_facts(conn, today)
    data = {**build_review(facts, today), **check_ins}
    del facts  # years of a large network: megabytes the rendering can use instead
    data["support_roles"] = for_review(roles)
    if as_json:
        emit_json(data)
        return
    from supportnet.render import paged
    from supportnet.support_roles import roles_text

    with paged():  # a review of a year is longer than a screen: through the pager
        for text in review_text(data, plain=not is_terminal(), more=roles_text(data)):
            line(text)


@app.command("report")
def report(
    since: str | None = typer.Option(
        None,
        "--since",
        metavar="DATE",
        help="From this day to today (2026-03-14, 4 weeks ago, March, 2025). "
        "Default: the last 4 weeks.",
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="md (Markdown) or html (one self-contained page). "
        "Default: from the -o file name, else md.",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write to this file, readable only by you (default, or -: print it).",
        dir_okay=True,
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
    include: str | None = typer.Option(
        None,
        "--include",
        help="Which parts, comma-separated: goals, check-ins, review, people (default: all).",
    ),
    use_initials: bool = typer.Option(
        False, "--initials", help="Reduce every person's name to initials (M. L.)."
    ),
    for_therapist: bool = typer.Option(
        False,
        "--for-therapist",
        help="One page first (summary, goals week by week, the map, support roles, the "
        "safety plan's currency), then the details; initials unless --names.",
    ),
    names: bool = typer.Option(
        False, "--names", help="With --for-therapist: keep people's names (not initials)."
    ),
) -> None:
    """Make a report of your progress to bring to a session: Markdown or HTML.

    The HTML page is self-contained (inline styles and charts, no scripts, no
    links out), so it opens anywhere and prints well.  You choose what goes in;
    your safety plan only with --include safety-plan.

    Examples:

      supportnet report --since "4 weeks ago" --format html -o progress.html

      supportnet report --since 2026-03-01 --include goals,review --initials

      supportnet report --for-therapist --format html -o session.html

      supportnet report --for-therapist --include goals,review,people,safety-plan
    """

    from supportnet import report as reporting
    from supportnet.dates import parse_since
    from supportnet.render import line
    from supportnet.review import build_review, review_range, with_initials
    from supportnet.store import review as store
    from supportnet.text import choose_kind

    today = state.today()
    output = output.expanduser() if output else None  # "~/r.md", quoted: as the shell would
    if fmt is None:
        suffix = output.suffix.lower() if output else ""
        if suffix == ".pdf":  # Markdown in a file called .pdf opens as a broken PDF
            from supportnet.errors import InvalidInput

            raise InvalidInput(
                f"{output}: the report is Markdown or HTML, not PDF. For a PDF, write it as "
                ".html and print it to PDF from a browser."
            )
        fmt = "html" if suffix in (".html", ".htm") else "md"
    fmt = choose_kind(fmt, list(reporting.FORMATS), "format")
    sections = reporting.parse_include(include)
    since_day = parse_since(since, today) or today - dt.timedelta(days=27)
    start, end = review_range(today, since=since_day)
    from supportnet import support_roles
    from supportnet.errors import InvalidInput, UsageProblem
    from supportnet.store.support_roles import role_facts

    if names and not for_therapist:
        raise UsageProblem("--names goes with --for-therapist (other reports keep names "
                           "unless --initials).")  # fmt: skip
    if names and use_initials:
        raise UsageProblem("Choose --names or --initials, not both.")
    short = use_initials or (for_therapist and not names)
    to_file = output is not None and str(output) != "-"
    if to_file:
        reporting.check_output(output, force=force, database=state.db_path())
    with state.database() as conn:
        redact = None
        if short:
            from supportnet.initials import name_redactor

            redact = name_redactor(sorted(set(store.person_names(conn))))  # once, for all
        # The map first: its facts (everyone) are gone before the review's are read.
        extra = _report_extras(conn, today, for_therapist, "safety-plan" in sections, redact)
        facts = store.review_facts(conn, start, end, today)
        roles = role_facts(conn, today)
        check_ins = _check_ins(conn, start, end, today)
    if redact:
        from supportnet import trajectories

        facts = with_initials(facts, redact=redact)
        roles = support_roles.with_initials(roles, redact=redact)
        check_ins["check_ins"] = trajectories.with_initials(check_ins["check_ins"], redact)
        del redact  # every name and word of them: megabytes the review can use instead
    data = {**build_review(facts, today), **check_ins}
    del facts  # years of a large network: megabytes the rendering can use instead
    data["support_roles"] = support_roles.for_review(roles)
    data.update(extra)
    if for_therapist:
        from supportnet import therapist

        render = therapist.html_pieces if fmt == "html" else therapist.markdown_lines
    else:
        render = reporting.html_pieces if fmt == "html" else reporting.markdown_lines
    # Line by line, as they are written: a year of a large network is megabytes.
    lines = render(data, sections, today)
    if not to_file:
        from supportnet.render import with_breaks, write_out

        for piece in with_breaks(lines):
            write_out(piece)
        return
    reporting.write_private_file(output, lines, force=force, database=state.db_path())
    line(f"Wrote the report ({fmt}) to {output}.")


def _report_extras(
    conn: Any, today: dt.date, for_therapist: bool, plan: bool, redact: Any
) -> dict[str, Any]:
    """What a report adds to the review: the map (for the therapist's first page; drawn
    at once, so a large network's facts are gone before the review's are read) and the
    safety plan (its currency there; all of it only when included).  ``redact``, when
    given, reduces names to initials, also inside free text (group, place and resource
    names, the safety plan's own lines)."""
    extra: dict[str, Any] = {}
    if for_therapist:
        from supportnet import netmap
        from supportnet.store.netmap import map_facts

        facts = map_facts(conn, today)
        if redact:
            facts = netmap.with_initials(facts, redact=redact)
        extra["map"] = netmap.build_map(facts, today, most=netmap.MAP_MOST)
    if for_therapist or plan:
        from supportnet.store.resources import help_now
        from supportnet.store.safety_plan import plan_facts

        extra["safety_plan"] = {**plan_facts(conn, today, state.config()), **help_now(conn)}
        if redact and extra["safety_plan"]:
            from supportnet import safety_plan

            extra["safety_plan"] = safety_plan.with_initials(extra["safety_plan"], redact)
    return extra
