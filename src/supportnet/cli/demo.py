"""The built-in sample network, in a throw-away database."""

from __future__ import annotations

from supportnet.cli import state
from supportnet.cli.app import app


@app.command()
def demo() -> None:
    """Try supportnet on a sample network, without touching your own data.

    Builds a realistic sample network in a temporary database, dated relative
    to today, shows it, and deletes it afterwards.

    Example:

      supportnet demo
    """
    import tempfile
    from pathlib import Path

    from supportnet import db
    from supportnet.render import heading, line, table
    from supportnet.sample import build_sample
    from supportnet.store import people

    today = state.today()
    with tempfile.TemporaryDirectory(prefix="supportnet-demo-") as folder:
        conn = db.open_database(Path(folder) / "demo.db")
        try:
            with db.transaction(conn):
                build_sample(conn, today)
            rows = people.list_people(conn, sort="circle")
        finally:
            conn.close()
    heading(f"A sample network, as of {today.isoformat()} (your own data is not touched)")
    line()
    table(
        ["name", "circle", "tags"],
        [[r.name, r.circle, ", ".join(r.tags)] for r in rows],
    )
    line()
    line('Start your own: supportnet add "Name" --circle close')
