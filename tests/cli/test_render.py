"""Tables on a terminal and piped (render.py): the look, the width, the pager."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from supportnet import render


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(render, "is_terminal", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "40")
    return monkeypatch


def test_a_table_on_a_terminal_is_boxed_with_a_heavy_head(terminal, capsys) -> None:
    render.table(["id", "name"], [["#1", "Maya López"], ["#2", "Kenji 佐藤"]])
    assert capsys.readouterr().out == (
        "┏━━━━┳━━━━━━━━━━━━┓\n"
        "┃ id ┃ name       ┃\n"
        "┡━━━━╇━━━━━━━━━━━━┩\n"
        "│ #1 │ Maya López │\n"
        "│ #2 │ Kenji 佐藤 │\n"
        "└────┴────────────┘\n"
    )


def test_the_header_is_bold_unless_no_color(terminal, capsys) -> None:
    terminal.delenv("NO_COLOR")
    render.table(["id"], [["#1"]])
    assert "\x1b[1mid\x1b[0m" in capsys.readouterr().out


def test_a_wide_table_fits_the_terminal(terminal, capsys) -> None:
    render.table(["id", "note", "tags"], [["#1", "word " * 40, "a, b, c, d, e, f, g"]])
    lines = capsys.readouterr().out.splitlines()
    assert max(render._width(text) for text in lines) <= 60
    assert "…" in lines[3]


def test_a_table_too_wide_for_a_narrow_screen_is_read_down(terminal, capsys) -> None:
    """At 40 columns (a phone) six columns cut to six characters each still do not fit:
    each row is a block of "column  value" lines instead, an empty value left out."""
    terminal.setenv("COLUMNS", "40")
    columns = ["id", "name", "circle", "hoped for", "last seen", "tags"]
    rows = [
        ["#1", "Maya López", "inner", "every week", "3 days ago (in person)", ""],
        ["#2", "Sam Carter", "close", "every 2 weeks", "5 weeks ago", "climbing " * 9],
    ]
    render.table(columns, rows)  # fmt: skip
    assert capsys.readouterr().out == (
        "id         #1\n"
        "name       Maya López\n"
        "circle     inner\n"
        "hoped for  every week\n"
        "last seen  3 days ago (in person)\n"
        "\n"
        "id         #2\n"
        "name       Sam Carter\n"
        "circle     close\n"
        "hoped for  every 2 weeks\n"
        "last seen  5 weeks ago\n"
        "tags       climbing climbing climbing c…\n"
    )
    render.table(columns[:3], [row[:3] for row in rows])  # three columns still fit boxed
    assert capsys.readouterr().out.startswith("┏━━━━┳━━━━━━━━━━━━┳━━━━━━━━┓\n")


def test_a_long_table_goes_through_the_pager_unless_told_not_to(
    terminal, capsys, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    terminal.setenv("PAGER", f"{sys.executable} -c \"import sys; open(r'{paged}', 'w')"
                             ".write(sys.stdin.read())\"")  # fmt: skip
    terminal.setenv("LINES", "10")
    rows = [[f"#{n}", f"Person {n}"] for n in range(20)]
    render.table(["id", "name"], rows)
    assert capsys.readouterr().out == ""
    assert paged.read_text(encoding="utf-8").count("Person") == 20
    paged.unlink()
    terminal.setattr(render, "pager_wanted", False)
    render.table(["id", "name"], rows)
    assert capsys.readouterr().out.count("Person") == 20
    assert not paged.exists()


def test_a_short_table_and_piped_output_never_page(terminal, capsys, tmp_path) -> None:
    terminal.setenv("PAGER", "false-pager-that-does-not-exist")
    render.table(["id"], [["#1"]])
    assert "#1" in capsys.readouterr().out
    terminal.setattr(render, "is_terminal", lambda: False)
    render.table(["id"], [[f"#{n}"] for n in range(100)])
    assert capsys.readouterr().out.splitlines()[:2] == ["id", "#0"]


def _width_by_character(text: str) -> int:
    return sum(render._char_width(ch, text[i - 1] if i else "") for i, ch in enumerate(text))


def test_width_counts_each_character_as_a_terminal_does() -> None:
    texts = ["Zoë Ødegaard", "Łukasz", "Kenji 佐藤", "e\u0301", "ǅ ʃ ˈ", "😀 ok", "\u02ff"]
    texts += [chr(code) for code in range(32, 0x400)]
    for text in texts:  # the quick way for the first 768 characters agrees
        assert render._width(text) == _width_by_character(text), text
    # Names as phones give them: a family emoji joined by ZWJ, a skin tone, a
    # right-to-left mark, Hangul written as its parts; they pushed the table's border.
    assert render._width("\U0001f469\u200d\U0001f469\u200d\U0001f467 Family") == 13
    assert render._width("Ngozi \U0001f44b\U0001f3fd Okafor") == 15
    assert render._width("\u200fرنا\u200f Haddad") == 10
    assert render._width("\u1112\u1161\u11ab") == 2  # 한, in its three parts
    assert (
        render._width("❤\ufe0f ok") == 5
        and render._width("😀\ufe0f") == 2
        and render._width("Zoe\u0308") == 3
    )


def test_a_cell_of_several_lines_or_escapes_is_one_safe_line(terminal, capsys) -> None:
    render.table(["note"], [["one\ntwo"], ["\x1b[2Jboom"], [3]])
    out = capsys.readouterr().out
    assert "one / two" in out and "\x1b" not in out and "␛[2Jboom" in out and "│ 3 " in out
    terminal.setattr(render, "is_terminal", lambda: False)
    render.table(["note"], [["one\ntwo"], ["\x1b[2Jboom"], [3]])
    assert capsys.readouterr().out == "note\none / two\n␛[2Jboom\n3\n"


# "less '": a quote never closed, no command line to run (it was reported as a bug).
@pytest.mark.parametrize("pager", ["", "cat", " cat ", "less '"])
def test_a_pager_set_empty_or_to_cat_is_no_pager(terminal, capsys, pager: str) -> None:
    import subprocess

    def no_pager(*args: object, **kwargs: object) -> None:
        raise AssertionError("no pager should start")

    terminal.setenv("PAGER", pager)
    terminal.setenv("LINES", "10")
    terminal.setattr(subprocess, "Popen", no_pager)
    render.table(["id"], [[f"#{n}"] for n in range(30)])
    assert capsys.readouterr().out.count("#") == 30


def test_ctrl_c_while_writing_to_the_pager_belongs_to_the_pager(
    terminal, capsys, tmp_path: Path
) -> None:
    # Ctrl-C while supportnet was still writing a long table into the pager ended
    # supportnet, and left `less` on the terminal reading the shell's keys.
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "pager.py"
    pager.write_text(
        "import os, signal, sys, time\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"  # the pager keeps its Ctrl-C
        "os.kill(os.getppid(), signal.SIGINT)\n"  # the terminal sends it to both
        "time.sleep(0.2)\n"  # supportnet is blocked writing by now
        f"open(r'{paged}', 'w').write(sys.stdin.read())\n",
        encoding="utf-8",
    )
    terminal.setenv("PAGER", f"{sys.executable} {pager}")
    terminal.setenv("LINES", "10")
    rows = [[f"#{n}", f"Person {n} " + "x" * 40] for n in range(3000)]  # well over a pipe
    render.table(["id", "name"], rows)
    assert paged.read_text(encoding="utf-8").count("Person") == 3000


def test_an_empty_no_color_is_no_choice(terminal, capsys) -> None:
    # no-color.org: NO_COLOR counts "when present and not an empty string".
    terminal.setenv("NO_COLOR", "")
    render.table(["id"], [["#1"]])
    assert "\x1b[1mid\x1b[0m" in capsys.readouterr().out


def test_a_screen_of_several_parts_is_paged_whole(terminal, capsys, tmp_path: Path) -> None:
    # `map` paged only its communities table, halfway down, and printed the rest after.
    paged = tmp_path / "paged.txt"
    terminal.setenv("PAGER", f"{sys.executable} -c \"import sys; open(r'{paged}', 'w')"
                             ".write(sys.stdin.read())\"")  # fmt: skip
    terminal.setenv("LINES", "10")
    with render.paged():
        render.line("the rings")
        render.table(["group"], [[f"Club {n}"] for n in range(20)])
        render.line("the notes")
    assert capsys.readouterr().out == ""
    text = paged.read_text(encoding="utf-8")
    assert text.startswith("the rings\n") and text.endswith("the notes\n")
    assert text.count("Club") == 20
    paged.unlink()
    with render.paged():  # short: straight to the terminal
        render.line("one line")
    assert capsys.readouterr().out == "one line\n" and not paged.exists()


def test_a_json_list_is_written_in_pieces_as_the_same_bytes(monkeypatch) -> None:
    # `history --limit 0 --json` on 200,000 get-togethers held 1.16 GB to make one string.
    import io
    import json

    class Out:
        encoding, errors, buffer = "utf-8", "strict", io.BytesIO()

        def flush(self) -> None:
            pass

    for data in ([], [1], [{"a": [1, {"b": "x\ny"}], "c": None}, "é", 2.5, [], {}],
                 [{"k": n, "v": ["a", {"z": n}]} for n in range(30_000)]):  # fmt: skip
        out = Out()
        out.buffer = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", out)
        render.emit_json(data)
        expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        assert out.buffer.getvalue().decode("utf-8") == expected


def test_a_table_of_many_rows_from_a_generator_is_aligned_as_a_list_of_them(capsys) -> None:
    """The rows are read once (``history --limit 0`` streams them) and kept as text in
    chunks: more cells than one chunk holds still line up, column by column."""
    rows = [[f"#{i}", "x" * (i % 17), "in person" if i % 2 else "online", ""] for i in range(1_500)]
    columns = ["id", "what", "how", "note"]
    render.table(columns, (row for row in rows))
    widths = [max(len(c) for c in col) for col in zip(columns, *rows)]
    expected = "".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n"
        for row in [columns, *rows]
    )
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize("count", [1_999, 1_996, 1_997, 2_049])
def test_a_long_table_from_a_generator_goes_to_the_pager_whole(
    terminal, capsys, tmp_path: Path, count: int
) -> None:
    """Around the edges of what is kept and written at a time: 2,048 rows of two
    cells to a kept string, 2,000 lines to a write (a box adds 4)."""
    paged = tmp_path / "paged.txt"
    terminal.setenv("PAGER", f"{sys.executable} -c \"import sys; open(r'{paged}', 'w')"
                             ".write(sys.stdin.read())\"")  # fmt: skip
    rows = [[f"#{i}", f"name {i}"] for i in range(count)]
    render.table(["id", "name"], iter(rows))
    assert capsys.readouterr().out == ""
    lines = paged.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count + 4
    width = len(f"#{count - 1}")
    assert lines[3] == f"│ {'#0':<{width}} │ {'name 0':<{width + 4}} │"
    assert [line.split("│")[1].strip() for line in lines[3:-1]] == [r[0] for r in rows]
    assert lines[-1].startswith("└") and lines[-1].endswith("┘")


def test_a_narrow_table_from_a_generator_is_read_down_row_by_row(terminal, capsys) -> None:
    terminal.setenv("COLUMNS", "20")
    terminal.setenv("PAGER", "")
    rows = ([f"#{i}", f"name {i}", "a longer note than fits"] for i in range(3_000))
    render.table(["id", "name", "note"], rows)
    blocks = capsys.readouterr().out.split("\n\n")
    assert len(blocks) == 3_000
    assert blocks[2_047].splitlines()[:2] == ["id    #2047", "name  name 2047"]
    assert blocks[-1].splitlines()[0] == "id    #2999"


def test_a_long_field_is_wrapped_under_its_value_on_a_terminal_only(terminal, capsys) -> None:
    knows = ", ".join(f"Friend {n:02d} (1 together)" for n in range(1, 7))
    pairs = [("circle", "close"), ("knows", knows), ("note", "first line\n  kept as typed")]
    render.fields(pairs)
    out = capsys.readouterr().out
    assert out == (
        "  circle: close\n"
        "  knows:  Friend 01 (1 together), Friend 02 (1 together),\n"
        "          Friend 03 (1 together), Friend 04 (1 together),\n"
        "          Friend 05 (1 together), Friend 06 (1 together)\n"
        "  note:   first line\n"
        "            kept as typed\n"
    )
    assert all(len(row) <= 60 for row in out.splitlines())
    terminal.setattr(render, "is_terminal", lambda: False)  # piped: one line, as before
    render.fields(pairs)
    assert f"  knows:  {knows}\n" in capsys.readouterr().out


def test_wide_characters_wrap_by_the_columns_they_take(terminal, capsys) -> None:
    note = " ".join(["日本語のメモ"] * 8)  # 6 characters, 12 columns, a word
    render.fields([("note", note)])
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) > 1 and all(render._width(row) <= 60 for row in rows)
    assert " ".join(row.strip().removeprefix("note:").strip() for row in rows) == note
