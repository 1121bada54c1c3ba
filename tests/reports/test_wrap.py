"""Line breaking of Chinese text in cells: fits the width, loses nothing, keeps 禁则."""

from __future__ import annotations

import pytest

from reports.wrap import NO_LINE_END, NO_LINE_START, text_width, wrap_text

SIZE = 10.0
TEXTS = [
    "大连中凯海洋工程装备与智能制造技术研究院（甘井子区分院）科技有限公司",
    "统一社会信用代码：91210211MA0XK4Q23T，证书编号：GR202021050690。",
    "甘井子区创新驱动三年行动计划（2018—2020年）规定的认定条件，认定为区级众创空间（苗圃）。",
    "Dalian Haichuang Intelligent Equipment Co., Ltd. 大连海创",
    "短",
    "",
]


@pytest.mark.parametrize("width", [40.0, 75.0, 120.0, 300.0])
@pytest.mark.parametrize("text", TEXTS)
def test_lines_fit_and_nothing_is_lost(fonts, text, width):
    lines = wrap_text(text, fonts.regular, SIZE, width)
    for line in lines:
        # one unit wider than the whole line may stand alone; nothing else overflows
        assert text_width(line, fonts.regular, SIZE) <= width or len(line) == 1, line
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", TEXTS[:3])
def test_closing_marks_never_start_and_opening_marks_never_end_a_line(fonts, text):
    for width in range(60, 220, 7):
        lines = wrap_text(text, fonts.regular, SIZE, float(width))
        for line in lines[1:]:
            assert line[0] not in NO_LINE_START, (width, lines)
        for line in lines[:-1]:
            assert line[-1] not in NO_LINE_END, (width, lines)


def test_codes_stay_whole_when_they_fit(fonts):
    code = "91210211MA0XK4Q23T"
    width = text_width(code, fonts.regular, SIZE) + 2
    lines = wrap_text(f"大连海创智能装备有限公司{code}", fonts.regular, SIZE, width)
    assert code in lines


def test_newlines_are_kept_and_max_lines_cuts_with_an_ellipsis(fonts):
    assert wrap_text("甲\n乙", fonts.regular, SIZE, 200) == ["甲", "乙"]
    lines = wrap_text("很长的名称" * 40, fonts.regular, SIZE, 60, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(x, fonts.regular, SIZE) <= 60 for x in lines)


def test_first_line_can_be_indented(fonts):
    text = "兹证明大连海创智能装备有限公司为在孵企业" * 3
    lines = wrap_text(text, fonts.regular, SIZE, 150, first_width=150 - 2 * SIZE)
    assert text_width(lines[0], fonts.regular, SIZE) <= 150 - 2 * SIZE
    assert max(text_width(x, fonts.regular, SIZE) for x in lines[1:]) > 150 - 2 * SIZE
