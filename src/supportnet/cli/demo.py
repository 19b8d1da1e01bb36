"""The built-in sample network, in a throw-away database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from supportnet.cli import state
from supportnet.cli.app import app


def _as_if(db_path: Path, today: dt.date, show: Callable[[], None]) -> None:
    """Run another command's function against the demo database, then put things back."""
    saved = state.current
    state.current = state.Invocation(
        db_option=db_path, today_option=today.isoformat(), debug=saved.debug
    )
    try:
        show()
    finally:
        state.current = saved


@app.command()
def demo() -> None:
    """Try supportnet on a sample network, without touching your own data.

    Builds a realistic sample network in a temporary database, dated relative
    to today: a dozen people across circles, regular plans, a chorus, favors
    both ways, a hard and a happy life event, a birthday next week, two months
    of check-ins and a short safety plan. Shows the people, the nudge, what is
    coming up, the week's review (with the check-ins' trajectory), the map of the
    network and the safety plan (`help-now`), exactly as those commands would,
    then deletes the database.

    Example:

      supportnet demo
    """
    import tempfile
    from types import SimpleNamespace

    from supportnet import db
    from supportnet.cli.calendar import upcoming
    from supportnet.cli.helpnow import help_now
    from supportnet.cli.netmap import network_map
    from supportnet.cli.nudge import nudge
    from supportnet.cli.people import list_people
    from supportnet.cli.progress import review
    from supportnet.render import heading, line
    from supportnet.sample import build_sample

    today = state.today()
    with tempfile.TemporaryDirectory(prefix="supportnet-demo-") as folder:
        path = Path(folder) / "demo.db"
        conn = db.open_database(path)
        try:
            with db.write_session(conn) as session:
                build_sample(session, today)
        finally:
            conn.close()
        heading(f"A sample network, as of {today.isoformat()} (your own data is not touched)")
        line()
        line("$ supportnet people --sort circle")
        _as_if(path, today, lambda: list_people(
            circle=None, tag=None, archived=False, everyone=False, sort="circle",
            as_json=False))  # fmt: skip
        line()
        line("$ supportnet nudge")
        _as_if(path, today, lambda: nudge(count=5, show_all=False, explain=False, log=[],
                                          yes=False, as_json=False))  # fmt: skip
        line()
        line("$ supportnet upcoming")
        _as_if(path, today, lambda: upcoming(days=14, as_json=False))
        line()
        line("$ supportnet review")
        _as_if(path, today, lambda: review(week=False, month=False, since=None, as_json=False))
        line()
        line("$ supportnet map")
        _as_if(path, today, lambda: network_map(use_initials=False, as_json=False))
        line()
        line("$ supportnet help-now")
        ctx: Any = SimpleNamespace(invoked_subcommand=None)  # as if called on its own
        _as_if(path, today, lambda: help_now(ctx, as_json=False))
    line()
    line('Start your own: supportnet add "Name" --circle close')
