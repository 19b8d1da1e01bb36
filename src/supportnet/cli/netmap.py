"""The map of your network: people as rings around you, your communities, support roles."""

from __future__ import annotations

from typing import Any

import typer

from supportnet.cli import state
from supportnet.cli.app import app
from supportnet.cli.options import json_option


@app.command("map")
def network_map(
    use_initials: bool = typer.Option(
        False, "--initials", help="Reduce every person's name to initials (M. L.)."
    ),
    as_json: bool = json_option(),
) -> None:
    """Show your network as rings around you, your communities, and who covers each role.

    Each person is marked by how recently you were in touch (in the last 2
    weeks, 2 months, longer ago, not yet) and whether that was in person; each
    community by its members, your attendance and how much it matters to you
    (`group edit NAME --matters 1-5`).  Support roles say how many people cover
    each kind of support, with a kind word when only one does.

    Examples:

      supportnet map

      supportnet map --initials

      supportnet map --json
    """
    from supportnet import netmap, support_roles
    from supportnet.render import emit_json, is_terminal
    from supportnet.store.netmap import map_facts
    from supportnet.store.review import person_names
    from supportnet.store.support_roles import role_facts

    today = state.today()
    with state.database() as conn:
        facts = map_facts(conn, today)
        roles_facts = role_facts(conn, today)
        everyone = person_names(conn) if use_initials else []
    if use_initials:
        from supportnet.initials import name_redactor

        redact = name_redactor(sorted(set(everyone)))  # every name and nickname recorded
        roles_facts = support_roles.with_initials(roles_facts, redact=redact)
        facts = netmap.with_initials(facts, redact=redact)
    data = netmap.build_map(facts, today)
    roles = support_roles.coverage(roles_facts)
    data["support_roles"] = roles
    data["notes"] = support_roles.notes(roles)
    if as_json:
        emit_json(data)
        return
    from supportnet.render import paged

    with paged():  # the rings, the table and the notes as one screen
        render_map(data, plain=not is_terminal())


def render_map(data: dict[str, Any], plain: bool) -> None:
    """Print the map: rings, communities, support roles, gentle notes."""
    import shutil

    from supportnet import netmap
    from supportnet.render import heading, line, table
    from supportnet.support_roles import coverage_lines
    from supportnet.text import count_of

    groups = data["communities"]
    heading(
        f"Your network: {count_of(data['people'], 'person', 'people')}, "
        f"{count_of(len(groups), 'community', 'communities')}"
    )
    line()
    width = shutil.get_terminal_size().columns
    for text in netmap.map_lines(data, plain=plain, width=width):
        line(text)
    line()
    heading("Your communities")
    table(
        ["group", "matters to you", "people you know there", "went", "last went"],
        netmap.community_rows(data, plain=plain),
        empty='No communities yet: supportnet group add NAME --meets "every wed 19:00"',
    )
    if groups and any(g["matters"] is None for g in groups):
        line("How much one matters to you: supportnet group edit NAME --matters 1-5")
    line()
    heading("Support roles")
    for text in coverage_lines(data["support_roles"]):
        line(f"  {text}")
    if data["notes"]:
        line()
        for text in data["notes"]:
            line(f"  {text}")
