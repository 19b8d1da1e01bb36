"""Every mistake gets a kind, consistent answer (issue 11): one rule per mechanism."""

from __future__ import annotations

from pathlib import Path


def _on_a_terminal(args: list[str], keys: bytes, env: dict[str, str]) -> tuple[int, str]:
    """Run supportnet on a pseudo-terminal, type ``keys`` at its first question;
    (exit code, everything the terminal showed)."""
    import fcntl
    import os
    import pty
    import select
    import subprocess
    import sys
    import termios
    import time

    def own_terminal() -> None:  # the pty is the child's terminal: ^C is SIGINT there
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "supportnet", *args], stdin=follower, stdout=follower,
        stderr=follower, env={**os.environ, **env}, preexec_fn=own_terminal,
    )  # fmt: skip
    os.close(follower)
    shown, typed = b"", False
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(leader, 1024)
                except OSError:  # the other side closed: the command ended
                    break
                if not chunk:
                    break
                shown += chunk
            if not typed and b"[y/N]" in shown:
                os.write(leader, keys)
                typed = True
            if proc.poll() is not None and not ready:
                break
        return proc.wait(timeout=10), shown.decode("utf-8", "replace").replace("\r\n", "\n")
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()


def test_ctrl_c_at_a_question_is_an_interruption_on_its_own_line(run, db_path: Path, unchanged):
    run("add", "Maya")
    with unchanged():
        code, shown = _on_a_terminal(["remove", "Maya"], b"\x03", {"SUPPORTNET_DB": str(db_path)})
    assert code == 130
    assert shown.endswith(
        "Remove Maya (#1)? [y/N]: ^C\nInterrupted; anything half-done was not saved.\n"
    ), shown


def test_no_at_a_question_stays_exit_13(run, db_path: Path, unchanged):
    run("add", "Maya")
    with unchanged():
        result = run("remove", "Maya", input="n\n", expect=13)
    assert result.stderr == "Nothing was changed.\n"
