"""Help now: resources, who helps in a hard moment (lean-on), and the help-now screen."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import complete_person, confirm, json_option, yes_option

EMERGENCY = (
    "In an emergency, or if you might not stay safe, contact your local emergency services now."
)

resources_app = typer.Typer(
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(resources_app, name="resources")


@resources_app.callback()
def resources(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """List your resources: professionals, crisis lines, groups and websites.

    Without a subcommand, lists them; `resources add` and `resources remove`
    change the list.  help-now shows them too.

    Examples:

      supportnet resources

      supportnet resources --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from supportnet.render import emit_json, table
    from supportnet.store import resources as store

    with state.database() as conn:
        found = store.list_resources(conn)
    if as_json:
        emit_json([r.to_json() for r in found])
        return
    table(
        ["id", "name", "kind", "phone", "web", "note"],
        [[f"#{r.id}", r.name, r.kind, r.phone or "", r.url or "", r.note or ""] for r in found],
        empty='No resources yet. Add one: supportnet resources add "My therapist" '
        '--kind therapist --phone "..."',
    )


@resources_app.command("add", no_args_is_help=True)
def resources_add(
    name: str = typer.Argument(..., help="What to call it: 'Crisis line', 'Dr. Lee'."),
    kind: str = typer.Option(
        "other",
        "--kind",
        "-k",
        help="therapist, clinic, support group, peer line, hotline, website or other.",
    ),
    phone: str | None = typer.Option(None, "--phone", help="A phone number to call or text."),
    url: str | None = typer.Option(None, "--url", help="A web address."),
    note: str | None = typer.Option(None, "--note", help="Opening hours, what to say, where."),
) -> None:
    """Add a resource: a professional, a crisis line, a group or a website.

    Use the numbers that serve where you live; the example below is the US
    crisis line.

    Examples:

      supportnet resources add "Crisis line" --phone 988 --kind hotline

      supportnet resources add "Dr. Lee" --kind therapist --phone "555 0199" --note "Tue 10:00"
    """
    from supportnet.models import validate
    from supportnet.models.progress import ResourceCreate
    from supportnet.render import line
    from supportnet.store.resources import kind_suffix
    from supportnet.writes import helpnow as writes

    new = validate(
        ResourceCreate, {"name": name, "kind": kind, "phone": phone, "url": url, "note": note}
    )
    with state.writing() as session:
        rid = writes.add_resource(session, new, state.today())
    line(f"Added {new.name}{kind_suffix(new.name, new.kind)} to your resources as #{rid}.")


@resources_app.command("remove", no_args_is_help=True)
def resources_remove(
    resource: str = typer.Argument(..., help="The resource: its name, its beginning, or #id."),
    yes: bool = yes_option(),
) -> None:
    """Remove a resource from the list (asks first).

    Example:

      supportnet resources remove "Old clinic" --yes
    """
    from supportnet.db import write_session
    from supportnet.render import line
    from supportnet.store import resources as store
    from supportnet.writes import helpnow as writes

    with state.database() as conn:
        found = store.get_resource(conn, store.resolve_resource(conn, resource))
        confirm(f"Remove {found.label} from your resources?", yes)
        with write_session(conn) as session:
            writes.remove_resource(session, found.id)
    line(f"Removed {found.label} from your resources.")


@app.command("lean-on")
def lean_on(
    person: str | None = typer.Argument(
        None,
        help="A person: a name, part of it, a nickname, or #id.",
        autocompletion=complete_person,
    ),
    group: str | None = typer.Option(None, "--group", "-g", help="A community instead."),
    place: str | None = typer.Option(
        None, "--place", help="A place or activity instead: 'a walk by the river'."
    ),
    ask_for_help: bool = typer.Option(
        False, "--ask-for-help", help="Someone you can ask for help in a hard moment."
    ),
    takes_mind_off: bool = typer.Option(
        False, "--takes-mind-off", help="Someone or somewhere that takes your mind off things."
    ),
    note: str | None = typer.Option(None, "--note", help="A word for later: 'call, don't text'."),
    remove: bool = typer.Option(False, "--remove", help="Take the role(s) away again."),
) -> None:
    """Mark who and what helps you in a hard moment (shown by help-now).

    Give one person, --group or --place, and one or both roles.

    Examples:

      supportnet lean-on Ana --ask-for-help

      supportnet lean-on Maya --takes-mind-off --ask-for-help

      supportnet lean-on --group "Community chorus" --takes-mind-off

      supportnet lean-on --place "a walk by the river" --takes-mind-off

      supportnet lean-on Maya --takes-mind-off --remove
    """
    from supportnet.errors import UsageProblem

    # A mistake in how it is asked is said before SQLModel loads (most of a second).
    given = [x for x in (person, group, place) if x is not None]
    if len(given) != 1:
        raise UsageProblem("Give one person, or --group NAME, or --place TEXT.")
    roles = [r for r, on in (("takes_mind_off", takes_mind_off),
                             ("ask_for_help", ask_for_help)) if on]  # fmt: skip
    if not roles:
        raise UsageProblem("Say how they help: --ask-for-help, --takes-mind-off, or both.")
    from supportnet.db import connection_of
    from supportnet.models import validate
    from supportnet.models.progress import SafetyRoleChange
    from supportnet.render import line
    from supportnet.store import resources as store
    from supportnet.store.groups import get_group, resolve_group
    from supportnet.store.people import get_person, resolve_person
    from supportnet.text import join_words
    from supportnet.writes import helpnow as writes

    asked: dict[str, Any] = {"roles": roles, "place": place}
    if note is not None:
        asked["note"] = note
    change = validate(SafetyRoleChange, asked)
    with state.writing() as session:
        conn = connection_of(session)
        target: dict[str, Any] = {}
        archived = False  # left out of help-now until restored
        if person is not None:
            target["person_id"] = resolve_person(conn, person)
            found = get_person(conn, target["person_id"])
            name, archived = found.name, found.archived_on is not None
        elif group is not None:
            target["community_id"] = resolve_group(conn, group)
            found_group = get_group(conn, target["community_id"])
            name, archived = found_group.name, found_group.archived_on is not None
        else:  # as typed, starting the sentence: "A walk by the river was ..."
            name = change.place[:1].upper() + change.place[1:]  # type: ignore[index]
        if remove:
            changed = writes.drop_roles(session, change, **target)
        else:
            changed = writes.set_roles(session, change, state.today(), **target)
    words = [store.ROLE_WORDS[r] for r in roles]
    # "listed as someone who takes your mind off things", not "as takes your mind off";
    # a group or a place is not "someone".
    if person is not None:
        who, that = "someone", "who"
    else:
        who, that = ("a group" if group is not None else "a place"), "that"
    listed = [w.replace("someone", who, 1) if w.startswith("someone") else f"{who} {that} {w}"
              for w in words]  # fmt: skip
    if remove:
        if changed:
            gone = [listed[roles.index(r)] for r in changed]
            line(f"{name} is no longer listed as {join_words(gone)}.")
        else:
            line(f"{name} was not listed as {join_words(listed, 'or')}; nothing changed.")
    else:
        if changed:
            said = f"Noted: {name} — {join_words(words)}."
        elif "note" in change.model_fields_set:  # the note given replaced theirs
            noted = f"the note is now “{change.note}”" if change.note else "the note is removed"
            said = f"{name} was already listed as {join_words(listed)}; {noted}."
        else:
            said = f"{name} was already listed as {join_words(listed)}."
        if archived:  # help-now leaves the archived out
            restore = "group restore" if group is not None else "restore"
            said += (f" {name} is archived: `supportnet help-now` shows it once restored "
                     f'(supportnet {restore} "{name}").')  # fmt: skip
        elif changed:
            said += " `supportnet help-now` shows it."
        line(said)


helpnow_app = typer.Typer(
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(helpnow_app, name="help-now")


@helpnow_app.callback()
def help_now(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """One calm screen for a hard moment: who and what can help, in safety-plan order.

    Your own words first (warning signs, things you can do on your own), then
    people and places that take your mind off things, people you can ask for
    help (with their phone numbers), your professionals and crisis lines, making
    your surroundings safer, and reasons that matter to you.  `help-now edit`
    writes your own words; `help-now reviewed` notes that you looked it over.
    Nothing of it leaves your computer.  supportnet is not a crisis service: in
    an emergency, contact your local emergency services.

    Examples:

      supportnet help-now

      supportnet help-now edit --section warning-signs

      supportnet help-now --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from supportnet.errors import SupportnetError
    from supportnet.render import emit_json, line

    try:
        with state.database() as conn:
            from supportnet.store.resources import help_now as gather
            from supportnet.store.safety_plan import plan_facts

            data = gather(conn)
            data.update(plan_facts(conn, state.today(), _settings()))
    except SupportnetError:
        if not as_json:
            line(EMERGENCY)
        raise
    if as_json:
        emit_json({**data, "emergency": EMERGENCY})
        return
    for text in render_help_now(data):
        line(text)


def _settings() -> Any:
    """The config, or its defaults when the file has a mistake: a typo in config.toml
    must never keep the help-now screen from showing (`supportnet config` reports it)."""
    from supportnet.errors import FileProblem

    try:
        return state.config()
    except FileProblem:
        import copy

        from supportnet.config import DEFAULTS, Config

        return Config(state.db_path(), False, copy.deepcopy(DEFAULTS))


SECTION_HELP = "warning-signs, on-my-own, safer-surroundings or reasons."


@helpnow_app.command("edit")
def help_now_edit(
    section: str | None = typer.Option(None, "--section", "-s", help=f"Which part: {SECTION_HELP}"),
    lines: list[str] | None = typer.Option(
        None, "--line", "-l", help="One entry (repeatable); replaces the section's lines."
    ),
    clear: bool = typer.Option(False, "--clear", help="Empty the section."),
) -> None:
    """Write part of your safety plan in your own words, one entry a line.

    Without --line, opens the section in your editor ($VISUAL or $EDITOR): one
    entry a line; lines starting with # are left out.  Leaving the editor without
    saving, or saving it empty, changes nothing (--clear empties a section).
    Editing counts as looking the plan over.

    Examples:

      supportnet help-now edit --section warning-signs

      supportnet help-now edit --section on-my-own --line "a hot shower" --line "music"

      supportnet help-now edit --section reasons --clear
    """
    from supportnet.errors import InvalidInput, UsageProblem
    from supportnet.render import line
    from supportnet.safety_plan import SECTION_TITLES, choose_section, section_flag

    if section is None:
        raise UsageProblem(f"Say which part with --section: {SECTION_HELP}")
    name = choose_section(section)
    if lines and clear:
        raise UsageProblem("Give --line entries or --clear, not both.")
    if lines is not None and not any(text.strip() for text in lines):
        raise InvalidInput(
            "The --line entries are empty, so nothing changed. To empty the section: "
            f"supportnet help-now edit --section {section_flag(name)} --clear"
        )
    if lines:  # one entry a line, as in the editor: "a\nb" is two, not "a b"
        lines = [part for text in lines for part in text.splitlines() if part.strip()]
    given = bool(lines)  # --line entries, not the editor (which shows what is there)
    if lines is None and not clear:
        lines = _edit_in_editor(name)
        if lines is None:
            line("Nothing changed: the editor was left without saving.")
            return
        if not lines:
            line(f"Nothing changed: the text came back empty. To empty the section: "
                 f"supportnet help-now edit --section {section_flag(name)} --clear")  # fmt: skip
            return
    from supportnet.models import validate  # SQLModel: once the mistakes are ruled out
    from supportnet.models.safety_plan import SafetyPlanSection
    from supportnet.writes import safety_plan as writes

    change = validate(SafetyPlanSection, {"section": name, "lines": [] if clear else lines})
    with state.writing() as session:
        before = writes.set_section(session, change, state.today())
    title = SECTION_TITLES[name]
    if before == change.lines:
        already = "already said just that" if change.lines else "was already empty"
        line(f"“{title}” {already}; noted that you looked it over today.")
    elif change.lines:
        from supportnet.text import count_of

        # --line replaces what was there: say what went, in case one more was meant.
        gone = [text for text in before if text not in change.lines]
        if given and gone:
            from supportnet.text import join_words

            what = (join_words([f"“{text}”" for text in gone]) if len(gone) <= 3
                    else f"the {count_of(len(gone), 'line')} there before")  # fmt: skip
            line(f"Saved “{title}”: {count_of(len(change.lines), 'line')}, in place of "
                 f"{what} (--line gives the whole section: repeat it for each line to "
                 "keep).")  # fmt: skip
        else:
            line(f"Saved “{title}”: {count_of(len(change.lines), 'line')}. "
                 "`supportnet help-now` shows it.")  # fmt: skip
    else:
        line(f"Emptied “{title}”.")


def _edit_in_editor(section: str) -> list[str] | None:
    """The section's lines as edited in the user's editor (None: left without saving)."""
    from supportnet.editing import edit_text, editable, lines_of
    from supportnet.safety_plan import SECTION_TITLES
    from supportnet.store.safety_plan import plan_sections

    with state.database() as conn:
        current = plan_sections(conn)[section]
    head = (
        f"# {SECTION_TITLES[section]}\n"
        "# One entry a line, in your own words. Lines starting with # are left out\n"
        "# (write \\# to start an entry with #).\n"
        "# Save and close to keep it; this stays on your computer.\n"
    )
    text = edit_text(head + editable(current), state.db_path().parent)
    return None if text is None else lines_of(text)


@helpnow_app.command("reviewed")
def help_now_reviewed() -> None:
    """Note that you looked your safety plan over today (it asks again in a few months).

    How long until it asks again: [safety_plan] review_every_days in the config
    (`supportnet config`), 91 days unless you change it.

    Example:

      supportnet help-now reviewed
    """
    from supportnet.db import connection_of
    from supportnet.render import line
    from supportnet.store.safety_plan import currency, settings
    from supportnet.writes import safety_plan as writes

    today = state.today()
    every, _ = settings(state.config())
    with state.writing() as session:
        writes.mark_reviewed(session, today)
        after = currency(connection_of(session), today, every)
    nxt = f" It will ask again around {after.due_on.isoformat()}." if after.due_on else ""
    line(f"Noted: you looked over your safety plan today.{nxt}")


def render_help_now(data: dict[str, Any]) -> list[str]:
    """The lines of the help-now screen (plain text: calm, and readable anywhere).

    In the order of a safety plan: your warning signs and what you can do on your
    own (when written), people and places that take your mind off things, people
    you can ask for help, professionals and crisis lines, then making your
    surroundings safer and reasons that matter to you (when written).  Words for
    a calm moment (someone listed who may not be there just now, a plan due a
    look) come last, before the emergency line.
    """
    from supportnet.safety_plan import SECTION_TITLES, has_own_words
    from supportnet.store.resources import kind_suffix
    from supportnet.text import on_one_line

    plan = data.get("plan", {})
    own = has_own_words(plan)
    out = ["When things are hard", ""]
    if not (data["takes_mind_off"] or data["ask_for_help"] or data["resources"] or own):
        out += [
            "Nothing is recorded here yet. In a calm moment, you can add:",
            "",
            "  Your warning signs and what you can do on your own, in your words:",
            "    supportnet help-now edit --section warning-signs",
            "    supportnet help-now edit --section on-my-own",
            "  People and places that take your mind off things:",
            '    supportnet lean-on "Maya" --takes-mind-off',
            '    supportnet lean-on --place "a walk by the river" --takes-mind-off',
            "  People you can ask for help:",
            '    supportnet lean-on "Ana" --ask-for-help',
            "  Your professionals and crisis lines:",
            '    supportnet resources add "My therapist" --kind therapist --phone NUMBER',
            '    supportnet resources add "Crisis line" --kind hotline --phone NUMBER',
            "  Making your surroundings safer, and reasons that matter to you:",
            "    supportnet help-now edit --section safer-surroundings",
            "    supportnet help-now edit --section reasons",
            "",
            EMERGENCY,
        ]
        return out

    def who(entry: dict[str, Any], *, phones: bool) -> str:
        text = entry["name"]
        if entry["type"] == "community":
            text += " (group)"
        if phones and entry["phones"]:
            text += "  " + ", ".join(entry["phones"])
        if entry["note"]:
            text += f"  ({on_one_line(entry['note'])})"
        return "  " + text

    steps: list[tuple[str, list[str]]] = []

    def own_words(section: str) -> None:
        if plan.get(section):
            steps.append((SECTION_TITLES[section], [f"  {row}" for row in plan[section]]))

    own_words("warning_signs")
    own_words("on_my_own")
    steps.append(("People and places that take your mind off things",
                  [who(e, phones=False) for e in data["takes_mind_off"]]
                  or ["  None yet: supportnet lean-on NAME --takes-mind-off"]))  # fmt: skip
    steps.append(("People you can ask for help",
                  [who(e, phones=True) for e in data["ask_for_help"]]
                  or ["  None yet: supportnet lean-on NAME --ask-for-help"]))  # fmt: skip
    professionals = []
    for r in data["resources"]:
        reach = "  ".join(x for x in (r["phone"], r["url"]) if x)
        text = f"  {r['name']}{kind_suffix(r['name'], r['kind'])}" + (f"  {reach}" if reach else "")
        professionals.append(text + (f"  ({on_one_line(r['note'])})" if r["note"] else ""))
    if not data["resources"]:
        professionals.append(
            "  None yet: supportnet resources add NAME --kind hotline --phone NUMBER"
        )
    steps.append(("Professionals and crisis lines", professionals))
    own_words("safer_surroundings")
    own_words("reasons")
    for number, (title, rows) in enumerate(steps, start=1):
        out += [f"{number}. {title}", *rows, ""]
    calm = [w["text"] for w in data.get("warnings", ())]
    if data.get("review_note"):
        calm.append(data["review_note"])
    if not own and "plan" in data:
        calm.append(
            "You can add your own words too — warning signs, things you can do on your own, "
            "making your surroundings safer, reasons that matter to you: "
            "supportnet help-now edit --section warning-signs"
        )
    if calm:
        out += ["For a calm moment", *[f"  {text}" for text in calm], ""]
    return [*out, EMERGENCY]
