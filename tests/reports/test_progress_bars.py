"""Progress bars (reports.progress_bars) in statistics tables, and column widths beside
long text columns."""

from __future__ import annotations

from reportlab.graphics.shapes import Line, Rect, String

from reports.data import ProgressBar, StatisticsReport, StatSection
from reports.progress_bars import progress_bar
from reports.statistics import _column_widths, render_statistics

from .pdftools import assert_cjk_embedded, dark_fraction, pdftotext, squeeze


def test_progress_bar_text_and_coerce():
    assert ProgressBar(0.8525).text == "85.2%"
    assert ProgressBar(None).text == "—"
    assert ProgressBar(1.5, label="150%（超额）").text == "150%（超额）"
    bar = ProgressBar.coerce({"fraction": 0.5, "mark": 0.7, "colour": "#5AA469", "x": 1})
    assert (bar.fraction, bar.mark, bar.colour) == (0.5, 0.7, "#5AA469")
    assert ProgressBar.coerce(bar) is bar


def test_the_bar_is_full_at_100_percent_and_marks_the_expected_share(fonts):
    width = 120.0
    over = progress_bar(ProgressBar(2.0, mark=0.25), fonts, 10, width)
    rects = [s for s in over.contents if isinstance(s, Rect)]
    track, fill = rects
    assert fill.width == track.width < width  # capped, and room is left for the label
    (tick,) = [s for s in over.contents if isinstance(s, Line)]
    assert tick.x1 == track.width * 0.25
    (label,) = [s for s in over.contents if isinstance(s, String)]
    assert label.text == "200.0%" and label.fontName == fonts.regular
    empty = progress_bar(ProgressBar(None), fonts, 10, width)
    assert not [s for s in empty.contents if isinstance(s, Rect)]


def test_progress_bars_render_with_their_labels(fonts, out):
    report = StatisticsReport(
        "目标完成情况（测试）",
        [
            StatSection(
                "主要指标",
                ["指标", "目标", "实际", "完成率", "评价"],
                [
                    ["高新技术企业", 140, 119, ProgressBar(0.85, mark=0.79), "进度正常"],
                    ["技术合同交易额", 34, 40.8, ProgressBar(1.2, colour="#5AA469"), "已达标"],
                    ["R&D经费支出占GDP比重", 3.2, "—", ProgressBar(None), "未填报"],
                ],
            )
        ],
    )
    pdf = out / "bars.pdf"
    render_statistics(report, pdf, fonts)
    assert_cjk_embedded(pdf)
    text = squeeze(pdftotext(pdf))
    for expected in ("85.0%", "120.0%", "高新技术企业", "进度正常", "已达标", "未填报"):
        assert expected in text
    assert dark_fraction(pdf, 1, out) > 0.005


def test_long_text_columns_give_way_to_short_ones(fonts):
    headers = ["任务", "牵头单位", "配合单位", "状态"]
    long = "大连生态科技创新城管委会、营城子街道、大连湾街道及其他相关街道" * 2
    rows = [["1. 人工智能领域", long, long, "推进中"]]
    widths = _column_widths(headers, rows, fonts, 9.0, 3.5, 500.0)
    assert abs(sum(widths) - 500.0) < 1e-6
    assert widths[3] >= 4.5 * 9.0  # 「推进中」 keeps its width
    assert widths[1] == widths[2] > widths[3]
