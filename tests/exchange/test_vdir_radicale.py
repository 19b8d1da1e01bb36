"""The phone round trip with real parts: Radicale and vdirsyncer, no mocks.

A Radicale server is started on 127.0.0.1 (a free port, a temporary storage folder,
no authentication); vdirsyncer, configured in a temporary folder, syncs
supportnet's vdirs with it; a second vdirsyncer pair pulls the same collections
into another folder, the "phone", where a contact is edited and synced back, and
the calendar is read as the server gives it.  The server is stopped
by the test itself, whatever happens.  Skipped (with the reason) only when the
packages are not installed: they are in the ``test`` extra.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

pytest.importorskip("radicale", reason="radicale is not installed (pip install -e '.[test]')")
pytest.importorskip("vdirsyncer", reason="vdirsyncer is not installed (pip install -e '.[test]')")

pytestmark = pytest.mark.dav

#: No step may take longer: a server that does not answer fails the test, not the suite.
STEP_SECONDS = 30
USER = "phone"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running Radicale: its URL and its storage folder; stopped at the end."""
    port = _free_port()
    storage = tmp_path / "radicale"
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", "", "--server-hosts",
         f"127.0.0.1:{port}", "--storage-filesystem-folder", str(storage),
         "--auth-type", "none", "--rights-type", "owner_only", "--logging-level", "error"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + STEP_SECONDS
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                err = server.stderr.read().decode() if server.stderr else ""
                pytest.fail(f"Radicale did not start: {err[-500:]}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/", storage
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _config(tmp_path: Path, url: str) -> Path:
    """vdirsyncer's config: supportnet's folders and the phone's, each paired with the
    server (the phone's folders are made by pulling from it)."""
    lines = ["[general]", f'status_path = "{tmp_path / "status"}/"', ""]
    pairs = [("supportnet", "contacts", "carddav", ".vcf", '["from a"]'),
             ("supportnet", "calendar", "caldav", ".ics", '["from a"]'),
             ("phone", "contacts", "carddav", ".vcf", '["from b"]'),
             ("phone", "calendar", "caldav", ".ics", '["from b"]')]  # fmt: skip
    for side, kind, dav, ext, collections in pairs:
        lines += [
            f"[pair {side}_{kind}]", f'a = "{side}_{kind}_local"', f'b = "{side}_{kind}_server"',
            f"collections = {collections}", 'implicit = "create"', "",
            f"[storage {side}_{kind}_local]", 'type = "filesystem"',
            f'path = "{tmp_path / side / kind}/"', f'fileext = "{ext}"', "",
            f"[storage {side}_{kind}_server]", f'type = "{dav}"', f'url = "{url}"',
            f'username = "{USER}"', 'password = "any"', "",
        ]  # fmt: skip
    path = tmp_path / "vdirsyncer.conf"
    path.write_text("\n".join(lines))
    return path


def _vdirsyncer(config: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vdirsyncer", "-c", str(config), *args],
        capture_output=True, text=True, timeout=STEP_SECONDS, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, f"vdirsyncer {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def _server_cards(storage: Path) -> dict[str, str]:
    """The cards the server holds, by FN (Radicale keeps one file per item)."""
    folder = storage / "collection-root" / USER / "people"
    cards = {}
    for path in folder.iterdir():
        if path.is_file() and not path.name.startswith("."):
            text = path.read_bytes().decode()
            name = next(line[3:] for line in text.splitlines() if line.startswith("FN:"))
            cards[name] = text
    return cards


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_people_and_calendar_reach_the_phone_and_come_back(run, radicale, tmp_path: Path):
    url, storage = radicale
    started = time.monotonic()
    run("add", "Maya Lopez", "--circle", "close", "--phone", "555-1234",
        "--birthday", "1990-03-14")  # fmt: skip
    run("add", "Sam Carter", "--circle", "friend", "--email", "sam@example.org")
    run("plan", "add", "coffee", "--with", "Maya", "--every", "week", "--on", "fri",
        "--at", "10:00", "--starting", "2026-05-01")  # fmt: skip
    # One collection each on the server: "people" (CardDAV) and "plans" (CalDAV).
    contacts = tmp_path / "supportnet" / "contacts" / "people"
    calendar = tmp_path / "supportnet" / "calendar" / "plans"
    run("export", "--format", "vdir", str(contacts))
    run("calendar", "export", "--vdir", str(calendar), "--alarm", "1h")
    config = _config(tmp_path, url)

    # supportnet's folders go up to the server (discover creates the collections).
    _vdirsyncer(config, "discover")
    _vdirsyncer(config, "sync", "supportnet_contacts", "supportnet_calendar")
    cards = _server_cards(storage)
    assert {"Maya Lopez", "Sam Carter", "Close friends", "Friends"} <= set(cards)
    assert "TEL:555-1234" in cards["Maya Lopez"]
    # The phone's calendar is what the server gives back.
    _vdirsyncer(config, "sync", "phone_calendar")
    events = [icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT")[0]
              for p in (tmp_path / "phone" / "calendar" / "plans").glob("*.ics")]  # fmt: skip
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Maya Lopez's birthday", "coffee with Maya Lopez"
    ]  # fmt: skip

    # The phone pulls them, and Maya gets a new number and a note there.
    _vdirsyncer(config, "sync", "phone_contacts")
    phone = tmp_path / "phone" / "contacts" / "people"
    (maya,) = [p for p in phone.glob("*.vcf") if "FN:Maya Lopez" in _read(p)]
    maya.write_bytes(_read(maya).replace("TEL:555-1234", "TEL;TYPE=CELL:555-9999\r\n"
                                         "NOTE:met at the chorus").encode())  # fmt: skip
    _vdirsyncer(config, "sync", "phone_contacts")
    _vdirsyncer(config, "sync", "supportnet_contacts")

    # Back in supportnet: an update, not a new person; a second import finds nothing.
    done = json.loads(run("import", "--vdir", str(contacts), "--json").stdout)
    assert [(c["name"], c["action"]) for c in done["cards"]] == [("Maya Lopez", "updated")]
    shown = json.loads(run("show", "Maya", "--json").stdout)["person"]
    assert shown["phones"] == ["555-9999"] and shown["note"] == "met at the chorus"
    assert len(json.loads(run("people", "--json").stdout)) == 2
    assert json.loads(run("import", "--vdir", str(contacts), "--json").stdout)["cards"] == []

    # Sam is removed: his card leaves the folder and the server (so every phone).
    run("remove", "Sam", "--yes")
    assert "2 removed" in run("export", "--format", "vdir", str(contacts)).stdout  # Sam, Friends
    _vdirsyncer(config, "sync", "supportnet_contacts")
    assert "Sam Carter" not in _server_cards(storage)
    assert "TEL;TYPE=CELL:555-9999" in _server_cards(storage)["Maya Lopez"]  # her phone's line
    assert time.monotonic() - started < 60
