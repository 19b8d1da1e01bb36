"""The report's Markdown and HTML escaping skip text with nothing to escape (issue 17: 14,000
names a report at 20,000 people) and otherwise escape exactly as before."""

from __future__ import annotations

import random
from html import escape

from supportnet.report import _ENTITY, _MD_ESCAPES, _e, _md


def _md_as_before(text: str) -> str:
    text = " ".join(text.splitlines()).translate(_MD_ESCAPES)
    return _ENTITY.sub(r"\\&", text) if "&" in text else text


def test_every_character_alone_and_inside_text_is_escaped_as_before() -> None:
    points = [*range(0x3000), 0x2028, 0x2029, 0xFEFF, 0x1F600, 0x10FFFF]
    for point in points:
        char = chr(point)
        for text in (char, f"a{char}b", f"{char}{char}", f"&{char}lt;"):
            assert _md(text) == _md_as_before(text), hex(point)


def test_random_text_of_the_characters_that_matter() -> None:
    chars = "ab é\\`*_[]<>|#&;#\n\r\v\f\t\x1c\x1d\x1e\x1f\x85\u2028\u2029"
    chance = random.Random(17)
    for _ in range(20_000):
        text = "".join(chance.choice(chars) for _ in range(chance.randrange(0, 9)))
        assert _md(text) == _md_as_before(text), repr(text)


def test_plain_names_come_back_as_they_are() -> None:
    for name in ("Maya Lopez", "José Núñez", "李小龙", "O'Brien-Smith (Sam)"):
        assert _md(name) is name
    assert _md("A_B") == "A\\_B" and _md("x\ny") == "x y" and _md("&amp;") == "\\&amp;"


def test_html_escaping_is_html_escape_with_quotes() -> None:
    for point in [*range(0x300), 0x2028, 0xFEFF, 0x1F600]:
        for text in (chr(point), f"a{chr(point)}b", f"&{chr(point)}<'\""):
            assert _e(text) == escape(text, quote=True), hex(point)
    assert _e(12) == "12" and _e("Maya") == "Maya"
