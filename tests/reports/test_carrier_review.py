"""The carrier review on paper (reports/carrier_review.py): the 年度绩效评价表 of each carrier
and the ranking list, from the review service's records of a hand-built year, render with
the Chinese font embedded and give their figures back to pdftotext."""

from pathlib import Path

from reports.carrier_review import ranking_list, render_sheets, review_sheet
from tests.reports.pdftools import (
    assert_cjk_embedded,
    dark_fraction,
    page_count,
    pdftotext,
    squeeze,
)
from tests.services.test_reviews import YEAR, year  # noqa: F401 (the fixture)


def test_each_carriers_sheet_renders_with_its_figures(admin, year, fonts, out):  # noqa: F811
    sheets = [review_sheet(r, "甘井子区科技局") for r in admin.reviews.sheets(YEAR)]
    pdf = Path(render_sheets(sheets, out / "sheets.pdf", fonts))
    assert page_count(pdf) == 3  # one carrier a page
    assert_cjk_embedded(pdf)
    first = squeeze(pdftotext(pdf, 1))  # 众创空间 first (chain order), then the incubators
    assert "2023年度孵化载体绩效评价表" in first and "载体名称：丙众创空间" in first
    for text in ("活动", "≥24场满分，≤0场零分，之间按比例", "12.50", "15.00", "10.00", "37.50"):
        assert text in first
    assert "总分37.50分，在本年度参评的1家众创空间(苗圃)中排名第1" in first
    second = squeeze(pdftotext(pdf, 2))
    assert "载体名称：甲科技孵化器" in second and "所属街道：大连湾街道" in second
    for text in ("种子基金", "300", "万元", "≥500万元满分，≤100万元零分", "20.00", "30.00"):
        assert text in second
    assert "≥50%得100%；≥20%得50%" in second and "总分80.00分" in second
    for label in ("载体负责人（签字）", "评审人（签字）", "主管部门（盖章）"):
        assert label in second
    third = squeeze(pdftotext(pdf, 3))
    assert "乙科技孵化器" in third and "3.33" in third and "总分18.33分" in third
    assert "在本年度参评的2家孵化器中排名第2" in third
    assert dark_fraction(pdf, 2, out) > 0.01


def test_the_ranking_list_renders_every_kind_by_rank(admin, year, fonts, out):  # noqa: F811
    from reports.lists import render_list

    listing = ranking_list(admin.reviews.ranking(YEAR), YEAR, "甘井子区科技局")
    pdf = Path(render_list(listing, out / "ranking.pdf", fonts))
    assert_cjk_embedded(pdf)
    text = squeeze(pdftotext(pdf))
    assert "2023年度孵化载体绩效评价排名" in text
    assert text.index("丙众创空间") < text.index("甲科技孵化器") < text.index("乙科技孵化器")
    for figure in ("37.50", "80.00", "18.33", "已填报"):
        assert figure in text
    assert "参评载体：众创空间(苗圃)1家，孵化器2家" in text
