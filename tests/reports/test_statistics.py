"""Statistics reports: tables and charts in the Chinese font, numbered sections and pages."""

from __future__ import annotations

import pytest

from reports import samples
from reports.data import ChartSpec, StatisticsReport, StatSection
from reports.statistics import render_statistics, section_number

from .pdftools import (
    assert_cjk_embedded,
    dark_fraction,
    page_count,
    pdftotext,
    squeeze,
)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory, fonts):
    pdf = tmp_path_factory.mktemp("statistics") / "统计.pdf"
    render_statistics(samples.statistics_report(), pdf, fonts)
    return pdf


def test_statistics_embed_the_font_and_give_tables_and_chart_labels_back(report_pdf):
    assert_cjk_embedded(report_pdf)
    text = squeeze(pdftotext(report_pdf))
    report = samples.statistics_report()
    assert squeeze(report.title) in text
    for number, section in enumerate(report.sections, start=1):
        assert f"{section_number(number)}、{section.title}" in text
        for header in section.headers:
            assert squeeze(header) in text
    assert "大连湾街道" in text and "合计" in text and "86.7%" in text
    # chart labels are real text too: the legend, the pie's shares, the axis categories
    assert "产业化基地" in text
    assert "人工智能及新一代信息技术" in text and "%）" in text
    assert "科技型中小企业" in text


def test_statistics_pages_are_numbered_and_not_blank(report_pdf, out):
    total = page_count(report_pdf)
    assert total >= 2
    for page in range(1, total + 1):
        # rotated axis labels nearby make poppler drop the spaces: compare without them
        assert f"第{page}页共{total}页" in squeeze(pdftotext(report_pdf, page))
        assert dark_fraction(report_pdf, page, out) > 0.01


def test_section_numbers():
    assert [section_number(n) for n in (1, 2, 9, 10, 11, 12, 20, 21, 35)] == [
        "一",
        "二",
        "九",
        "十",
        "十一",
        "十二",
        "二十",
        "二十一",
        "三十五",
    ]


def test_empty_and_degenerate_sections_still_render(out, fonts):
    report = {
        "title": "甘井子区统计（空）",
        "sections": [
            {"title": "没有数据的表", "headers": ["所属街道", "企业数"], "rows": []},
            StatSection(
                "全为零的饼图",
                ["产业领域", "企业数"],
                [["新材料", 0], ["其他", 0]],
                chart=ChartSpec("pie", ["新材料", "其他"], [("企业数", [0, 0])]),
            ),
            StatSection(
                "只有图",
                [],
                chart={
                    "kind": "bar",
                    "labels": ["2019", "2020"],
                    "series": [["高企", [1.5, 2.25]]],
                },
            ),
            StatSection(
                "很宽的表",
                ["街道"] + [f"第{i}列很长的表头文字" for i in range(12)],
                [["大连湾街道"] + list(range(12))],
            ),
        ],
    }
    pdf = out / "empty.pdf"
    render_statistics(StatisticsReport.coerce(report), pdf, fonts)
    text = squeeze(pdftotext(pdf))
    assert "一、没有数据的表" in text and "四、很宽的表" in text
    assert "第11列很长的表头文字" in text


def test_numbers_keep_their_width_when_text_columns_crowd_the_table(out, fonts):
    """Long carrier names and streets leave too little room for every column's floor: the
    text columns give it up, a number is never broken over two lines (「129,\\n540」)."""
    rows = [
        ["甘井子区启普人工智能科技企业孵化器", "众创空间(苗圃)", "国家级", "大连生态科技创新城"]
        + [27, 37985, 28],
        ["大连益澜产业化基地", "产业化基地", "省级", "周水子街道", 27, 91555, 17],
    ]
    section = StatSection(
        "孵化载体入驻情况",
        ["载体名称", "载体类型", "认定级别", "所属街道", "在孵企业", "使用面积(㎡)", "毕业企业"],
        rows,
        ["合计", "", "", "", 54, 129540, 45],
    )
    pdf = out / "载体.pdf"
    render_statistics(StatisticsReport("统计", [section]), pdf, fonts)
    lines = pdftotext(pdf).splitlines()
    for number in ("37,985", "91,555", "129,540"):
        assert number in lines, f"{number} broken over lines: {lines}"
    assert "甘井子区启普人工智能科技企业孵化器" in squeeze(pdftotext(pdf))
