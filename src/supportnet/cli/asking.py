"""Asking a check-in's questions in the terminal, one a screen (`supportnet check-in`).

On a POSIX terminal the arrow keys and Enter choose (the terminal in cbreak mode, so
Ctrl-C still interrupts, and put back as it was); anywhere else, and when piped, the
number of an option and Enter.  Nothing here writes: the answers are returned whole,
or not at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def _screen(plain: bool) -> None:
    from supportnet.render import write_out

    if not plain:
        write_out("\033[H\033[2J")  # a fresh screen for each question


def _typed() -> str:
    """One line typed at the prompt ('' when the input has ended)."""
    return sys.stdin.readline()


_ARROWS = {"[A": "up", "OA": "up", "[B": "down", "OB": "down", "[D": "back", "OD": "back"}


@contextmanager
def _keys() -> Iterator[Callable[[], str] | None]:
    """On a POSIX terminal, a reader of one key at a time ('up', 'down', 'back', a
    character, '' at the end of input), the terminal in cbreak mode (Ctrl-C still
    interrupts) and put back as it was afterwards; elsewhere None (lines are read)."""
    from supportnet.render import is_terminal

    if os.name != "posix" or not (sys.stdin.isatty() and is_terminal()):
        yield None
        return
    import select
    import termios
    import tty

    fd = sys.stdin.fileno()
    try:
        saved = termios.tcgetattr(fd)
    except termios.error:
        yield None
        return

    def key() -> str:
        first = os.read(fd, 1)
        if first != b"\x1b":
            return first.decode("utf-8", "replace")
        if not select.select([fd], [], [], 0.05)[0]:
            return "escape"
        return _ARROWS.get(os.read(fd, 2).decode("ascii", "replace"), "")

    try:
        tty.setcbreak(fd)
        yield key
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def typed_number(digits: str, digit: str, count: int) -> str:
    """The number typed so far when ``digit`` follows ``digits``: one more digit of it
    while that is still an option (of ``count``: "1" then "0" is 10 of 11), else a
    number begun again ("1" then "2" is 2 of 11)."""
    number = digits + digit
    return number if 1 <= int(number) <= count else digit


def ask(definition: Any) -> dict[int, int]:
    """Ask each item on a screen of its own.  On a terminal: the arrow keys or the
    number of an option, then Enter; b (or the left arrow) goes back.  Piped: the number
    and Enter.  Nothing is saved until the last answer (Ctrl-C: exit 130)."""
    from supportnet.errors import Cancelled
    from supportnet.render import is_terminal, line, write_out

    plain = not is_terminal()
    answers: dict[int, int] = {}
    n, total = 1, len(definition.items)
    ended = Cancelled("The questions ended before every one was answered; nothing was saved.")
    with _keys() as key:
        at, digits = 0, ""  # the mark; the digits typed for it so far
        while n <= total:
            item = definition.items[n - 1]
            count = len(item.options)
            _screen(plain)
            line(f"{definition.title} — question {n} of {total}")
            line()
            line(item.text)
            line()
            for k, (label, value) in enumerate(item.options, start=1):
                mark = ("› " if k - 1 == at else "  ") if key else "  "
                chosen = "   (your answer)" if answers.get(n) == value else ""
                line(f"{mark}{k}. {label}{chosen}")
            line()
            back = ", b to go back" if n > 1 else ""
            if key is None:
                write_out(f"Your answer (1-{count}{back}): ")
                typed = _typed()
                if not typed:
                    line()
                    raise ended
                typed = typed.strip().lower()
            else:
                write_out(f"↑ ↓ or 1-{count}, then Enter{back}")
                typed = key()
                if typed == "":
                    raise ended
                if typed in ("up", "down"):
                    at, digits = (at + (1 if typed == "down" else -1)) % count, ""
                    continue
                # A number moves the mark and Enter answers, as when piped: "4" and
                # Enter is one answer, not 4 and then the next question's first option.
                # Digits typed one after another make one number ("1", "0": 10).
                if typed.isdecimal():
                    digits = typed_number(digits, typed, count)
                    at = int(digits) - 1 if 1 <= int(digits) <= count else at
                    continue
                digits = ""
                if typed in ("\r", "\n"):
                    typed = str(at + 1)
            if typed in ("b", "back") and n > 1:
                n -= 1
                previous = definition.items[n - 1]
                at = next(i for i, (_, v) in enumerate(previous.options) if v == answers[n])
                continue
            if typed.isdecimal() and 1 <= int(typed) <= count:  # ("²" is a digit, not a number)
                answers[n] = item.options[int(typed) - 1][1]
                n += 1
                if n <= total:
                    following = definition.items[n - 1].options
                    at = next((i for i, (_, v) in enumerate(following)
                               if v == answers.get(n)), 0)  # fmt: skip
                continue
            if key is None and plain:
                line(f"Type a number from 1 to {count}.")
    _screen(plain)
    return answers
