"""Where Chinese text may break: never inside a name shorter than the line or a 「…」
quotation; a longer name, and a 《…》 title, only at sensible points (reports.wrap)."""

from __future__ import annotations

import pytest

from reports.wrap import NO_LINE_START, kept_spans, name_parts, text_width, wrap_text

SIZE = 10.0
CARRIER = "大连弘东众创空间"
HOLDER = "大连弘东众创空间科技发展有限公司"
TEXT = (
    f"兹证明{HOLDER}（统一社会信用代码：91210211MA0XK4Q23T）于2025年3月15日入驻{CARRIER}，"
    "现为该载体在孵企业，所处孵化阶段为「苗圃」。"
)


def broken(lines, run):
    """True when ``run`` is in the text but on no single line."""
    return run in "".join(lines) and not any(run in line for line in lines)


def test_name_parts_cut_after_organisation_words_and_around_brackets():
    assert name_parts(HOLDER) == ["大连弘东众创空间", "科技发展有限公司"]
    assert name_parts("大连中凯海洋工程研究院（甘井子区分院）科技有限公司") == [
        "大连中凯海洋工程研究院",
        "（甘井子区",
        "分院）",
        "科技有限公司",
    ]
    assert name_parts("大连市甘井子区孵化器") == ["大连市", "甘井子区", "孵化器"]
    assert name_parts("苗圃") == ["苗圃"]


def test_kept_spans_are_the_names_and_quotations_merged():
    spans = kept_spans(TEXT, [HOLDER, CARRIER])
    runs = [TEXT[a:b] for a, b in spans]
    assert runs == [HOLDER, CARRIER, "「苗圃」"]  # the carrier inside the holder: one run


@pytest.mark.parametrize("chars", range(8, 40))
def test_names_and_quotations_that_fit_are_never_broken(fonts, chars):
    width = chars * SIZE
    lines = wrap_text(TEXT, fonts.regular, SIZE, width, first_width=width - 2 * SIZE,
                      keep=[HOLDER, CARRIER])  # fmt: skip
    assert "".join(lines) == TEXT  # nothing lost, nothing added
    for run in (HOLDER, CARRIER, "「苗圃」"):
        if text_width(run, fonts.regular, SIZE) <= width - 2 * SIZE:
            assert not broken(lines, run), (chars, run, lines)
    for line in lines:  # a closing mark may hang after a name that fills its line
        assert text_width(line.rstrip("，。）"), fonts.regular, SIZE) <= width, lines
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    if text_width(HOLDER, fonts.regular, SIZE) > width:  # too long: cut at its sensible point
        assert any(line.endswith("大连弘东众创空间") for line in lines), lines
        assert any(line.startswith("科技发展有限公司") for line in lines), lines


def test_without_names_the_same_text_breaks_inside_them(fonts):
    """What the certificates printed before: 「大连弘/东众创空间」 — the rule is what differs."""
    width = text_width(f"兹证明{CARRIER}", fonts.regular, SIZE) - SIZE / 2  # 3 chars too few
    assert broken(wrap_text(f"兹证明{CARRIER}入驻", fonts.regular, SIZE, width), CARRIER)
    lines = wrap_text(f"兹证明{CARRIER}入驻", fonts.regular, SIZE, width, keep=[CARRIER])
    assert lines == ["兹证明", f"{CARRIER}入驻"]


def test_a_title_breaks_only_at_sensible_points(fonts):
    title = "《甘井子区创新驱动三年行动计划（2018—2020年）》"
    text = f"经审核，符合{title}规定的认定条件。"
    for chars in range(12, 30):
        lines = wrap_text(text, fonts.regular, SIZE, chars * SIZE)
        joined = "|".join(lines)
        inside = joined[joined.index("《") : joined.index("》")]
        for cut in [i for i, ch in enumerate(inside) if ch == "|"]:
            before, after = inside[:cut].replace("|", ""), inside[cut + 1 :]
            assert before.endswith(("区", "划")) or after.startswith("（"), (chars, lines)


def test_a_closing_mark_after_a_name_filling_the_line_hangs(fonts):
    width = text_width(HOLDER, fonts.regular, SIZE)
    lines = wrap_text(f"{HOLDER}，特此证明", fonts.regular, SIZE, width, keep=[HOLDER])
    assert lines[0] == f"{HOLDER}，" and lines[1] == "特此证明"
