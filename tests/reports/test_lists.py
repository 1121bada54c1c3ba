"""Printed lists: embedded font, text back out, page footers, repeated header, wrapping."""

from __future__ import annotations

import datetime
import os

import pytest

from gjz_registry.errors import InvalidValueError, OutputPathError
from reports import samples
from reports.data import ListColumn, ListReport
from reports.lists import render_list, render_list_baseline

from .pdftools import (
    assert_cjk_embedded,
    dark_fraction,
    page_count,
    page_size,
    pdftotext,
    squeeze,
)

A4_LANDSCAPE = (841.89, 595.28)
A4_PORTRAIT = (595.28, 841.89)


def _close(size, expected):
    return abs(size[0] - expected[0]) < 1 and abs(size[1] - expected[1]) < 1


def test_small_list_embeds_the_font_and_gives_the_chinese_back(out, fonts):
    report = samples.list_report(12)
    pdf = out / "名单.pdf"

    assert render_list(report, pdf, fonts) == str(pdf)

    assert_cjk_embedded(pdf)
    text = squeeze(pdftotext(pdf))
    assert "甘井子区2020年高新技术企业名单" in text
    assert "制表单位：甘井子区科学技术局" in text
    assert "制表日期：2020年12月31日" in text
    for row in report.rows:
        for cell in row:
            assert cell in text, f"{cell!r} is missing from the PDF text"
    for label in ("制表人", "审核人", "盖章"):
        assert label in text
    assert not list(out.glob(".*.tmp")), "the temporary file was left behind"


def test_thirty_page_list_numbers_every_page_and_repeats_the_header(out, fonts):
    report = samples.list_report(680, seed=30)  # 30 pages with WenQuanYi Zen Hei
    pdf = out / "long.pdf"
    render_list(report, pdf, fonts)

    total = page_count(pdf)
    assert 25 <= total <= 35, f"expected about 30 pages, got {total}"
    for page in range(1, total + 1):
        text = pdftotext(pdf, page)
        assert f"第 {page} 页 共 {total} 页" in text, f"page {page} footer: {text[-80:]!r}"
        flat = squeeze(text)
        for header in ("序号", "企业名称", "统一社会信用代码", "所属街道", "有效期至"):
            assert header in flat, f"header {header} missing on page {page}"
    # Every row is there, in the given order, numbered 1…n.
    flat = squeeze(pdftotext(pdf))
    position = 0
    for row in report.rows:
        found = flat.find(row[1], position)
        assert found >= 0, f"row {row} lost or out of order"
        position = found
    assert squeeze(pdftotext(pdf, total)).count("制表人") == 1


def test_long_names_wrap_inside_their_cells_without_losing_text(out, fonts):
    report = samples.list_report(40, seed=5, long_every=2)
    long_names = [r[0] for r in report.rows if len(r[0]) > 30]
    assert long_names, "the sample should contain long names"
    pdf = out / "wrap.pdf"
    render_list(report, pdf, fonts)

    raw = pdftotext(pdf)
    flat = squeeze(raw)
    for name in long_names:
        assert name in flat, f"{name} lost"
        assert name not in raw, f"{name} should have been wrapped onto two lines"


def test_wide_lists_are_landscape_and_narrow_ones_portrait(out, fonts):
    wide = samples.list_report(5)
    narrow = ListReport(
        title="甘井子区孵化载体名单",
        columns=["载体名称", "所属街道", "认定级别"],
        rows=[["大连生态科技创新城孵化器", "凌水街道", "市级"]],
    )
    forced = ListReport.coerce({**narrow.__dict__, "orientation": "landscape"})

    for report, expected in ((wide, A4_LANDSCAPE), (narrow, A4_PORTRAIT), (forced, A4_LANDSCAPE)):
        pdf = out / "orient.pdf"
        render_list(report, pdf, fonts)
        assert _close(page_size(pdf), expected), report.title


def test_list_page_is_not_blank(out, fonts):
    pdf = out / "list.pdf"
    render_list(samples.list_report(30), pdf, fonts)
    assert dark_fraction(pdf, 1, out) > 0.01


def test_list_from_a_plain_dict_with_dates_and_empty_cells(out, fonts):
    report = {
        "title": "甘井子区2021年科技型中小企业名单",
        "unit_name": "甘井子区科学技术局",
        "date": "2021年6月30日",
        "columns": [("企业名称", 18, "LEFT"), "入库登记编号", ListColumn("入库年度")],
        "rows": [
            ["大连凌水数据服务有限公司", "2021210211A0000012", 2021],
            ["大连泉水精密机械有限公司", None, datetime.date(2021, 5, 1)],
        ],
        "signers": ["制表人：", "审核人："],
        "unused_key": "ignored",
    }
    pdf = out / "sme.pdf"
    render_list(report, pdf, fonts)
    text = squeeze(pdftotext(pdf))
    assert "2021年6月30日" in text
    assert "2021210211A0000012" in text
    assert "2021-05-01" in text
    assert "盖章" not in text


def test_unwritable_folder_gives_a_chinese_error(out, fonts):
    with pytest.raises(OutputPathError, match="不存在"):
        render_list(samples.list_report(3), out / "没有这个文件夹" / "x.pdf", fonts)


def test_failed_render_keeps_the_previous_file(out, fonts):
    class Broken:
        def __str__(self):
            raise RuntimeError("boom")

    pdf = out / "keep.pdf"
    pdf.write_bytes(b"old")
    report = samples.list_report(3)
    report.rows[1][0] = Broken()
    with pytest.raises(RuntimeError):
        render_list(report, pdf, fonts)
    assert pdf.read_bytes() == b"old"
    assert sorted(os.listdir(out)) == ["keep.pdf"]


def test_baseline_builds_the_same_rows(out, fonts):
    report = samples.list_report(200)
    pdf = out / "baseline.pdf"
    render_list_baseline(report, pdf, fonts)
    flat = squeeze(pdftotext(pdf))
    assert report.rows[0][1] in flat and report.rows[-1][1] in flat
    assert "200" in flat  # the 序号 column is there too


@pytest.mark.parametrize("count", [0, 1, 16, 17, 18, 19, 20, 38, 39, 40, 41])
def test_signing_block_never_stands_alone_on_the_last_page(out, fonts, count):
    report = samples.list_report(count, seed=11, long_every=7)
    pdf = out / f"rows-{count}.pdf"
    render_list(report, pdf, fonts)
    total = page_count(pdf)
    last = squeeze(pdftotext(pdf, total))
    assert "制表人" in last and "审核人" in last
    assert "序号" in last, "the table header is repeated above the last rows"
    if count:
        assert report.rows[-1][1] in last, "the last row should share the page with the signers"
    else:
        assert total == 1


def test_a_list_without_columns_is_refused(out, fonts):
    with pytest.raises(InvalidValueError, match="至少要有一列"):
        render_list(ListReport(title="空名单"), out / "empty.pdf", fonts)
    assert not (out / "empty.pdf").exists()


def test_page_streams_are_binary_not_ascii85(out, fonts):
    """reportlab's ASCII85 layer costs a fifth of a long list's time (issue 15, point 6): the
    program's PDFs carry Flate-compressed binary streams, and other reportlab users in the
    same process keep the library's default."""
    from reportlab import rl_config

    pdf = out / "名单.pdf"
    render_list(samples.list_report(30), pdf, fonts)
    data = pdf.read_bytes()
    assert b"/FlateDecode" in data and b"ASCII85Decode" not in data
    assert rl_config.useA85 == 1
    assert "甘井子区2020年高新技术企业名单" in squeeze(pdftotext(pdf))
