"""ui/widgets/wrap.py: where Chinese text may break (a made-up measure: 10 px a character,
5 px a space), then the Text helper the import preview's problem box uses."""

import tkinter as tk

import pytest

from ui.widgets.wrap import fit_lines, segments, shorten, show_in_text, text_of, wrap_lines


def measure(text):
    return sum(5 if c == " " else 10 for c in text)


def test_numbers_stay_with_their_unit_and_their_第():
    pieces = segments("与第 15 行重复，应为 18 位，实为 2,000 万元（2026-11-30）")
    assert "第 15 行" in pieces and "18 位，" in pieces and "2,000 万元" in pieces
    assert "（2026-11-30）" in pieces
    # at every width the line breaks fall between pieces, never inside 「第 15 行」
    text = "「统一社会信用代码」：第 15 行「统一社会信用代码」应为 18 位，实为 17 位"
    for width in range(60, 400, 5):
        for line in wrap_lines(text, measure, width):
            assert measure(line) <= width, (width, line)
            assert not line.endswith(("第", "第 15", "18", "17")), (width, line)
            assert not line.startswith(("行", "位", "，", "：", "」")), (width, line)


def test_closing_punctuation_never_starts_a_line_nor_opening_ends_one():
    text = "甲乙丙丁戊，己庚（辛壬）癸「子丑」寅"
    for width in range(30, 200, 10):
        lines = wrap_lines(text, measure, width)
        assert "".join(lines) == text
        assert not any(line[0] in "，）」" for line in lines[1:]), lines
        assert not any(line[-1] in "（「" for line in lines[:-1]), lines


def test_a_bracketed_part_moves_to_the_next_line_whole_when_it_fits():
    title = "行动计划主要目标（2020年下半年，本街道贡献）"
    assert wrap_lines(title, measure, 200) == ["行动计划主要目标", "（2020年下半年，本街道贡献）"]
    assert wrap_lines(title, measure, 1000) == [title]
    # wider than a line: it breaks inside, still between characters
    assert "".join(wrap_lines(title, measure, 100)) == title


def test_spaces_break_and_vanish_at_line_ends_and_own_breaks_stay():
    assert wrap_lines("abc def", measure, 40) == ["abc", "def"]
    assert wrap_lines("第一行\n第二行", measure, 500) == ["第一行", "第二行"]
    assert wrap_lines("A" * 25, measure, 100) == ["A" * 10, "A" * 10, "A" * 5]  # a long code


def test_fit_lines_and_shorten():
    assert fit_lines("甲乙丙", measure, 100, 2) == (["甲乙丙"], False)
    lines, cut = fit_lines("甲" * 50, measure, 100, 2)
    assert cut and len(lines) == 2 and lines[-1].endswith("…") and measure(lines[-1]) <= 100
    assert shorten(measure, "甲" * 20, 60) == "甲" * 5 + "…" and shorten(measure, "甲", 60) == "甲"


@pytest.mark.gui
def test_a_text_widget_shows_wrapped_lines_and_gives_back_the_text(tk_root):
    box = tk.Text(tk_root, width=24, height=5, wrap="word")
    box.pack()
    box.configure(state="disabled")
    message = (
        "「统一社会信用代码」：第 15 行「统一社会信用代码」"
        "应为 18 位，实为 17 位：91210211MA0000001"
    )
    show_in_text(box, message)
    tk_root.update()
    shown = box.get("1.0", "end").rstrip("\n").split("\n")
    assert len(shown) > 1 and text_of(box) == message
    assert not any(line.endswith(("第", "第 15", "18", "17")) for line in shown)
    assert str(box.cget("state")) == "disabled"
    box.configure(width=60)  # wider: fewer lines
    tk_root.update()
    assert len(box.get("1.0", "end").rstrip("\n").split("\n")) < len(shown)
    box.destroy()
