"""The carrier performance review on paper: a 年度绩效评价表 per carrier and the ranking list.

Takes the review service's CarrierReview records (plain data: name, kind, level, street,
year, rows of indicator / value / unit / rule / weight / points, total, rank, ranked) and
makes ListReports for ``reports.lists``:

- :func:`review_sheet`: one carrier's sheet — each indicator's group, name, measured value,
  unit, scoring rule, weight and points, a 合计 row, the rank in its kind, and a signing
  block (载体负责人 / 评审人 / 主管部门盖章);
- :func:`ranking_list`: the summary, one row per carrier, kind by kind, by rank;
- :func:`render_sheets`: several sheets in one PDF, each from a new page.
"""

from __future__ import annotations

import datetime
import os
from decimal import Decimal

from reportlab.platypus import PageBreak

from gjz_registry.errors import InvalidValueError
from reports.data import ListColumn, ListReport
from reports.fonts import register_fonts
from reports.layout import build_document
from reports.lists import list_story

NOT_REPORTED = "未填报"
SHEET_COLUMNS = (
    ListColumn("序号", 3.0, "CENTER"),
    ListColumn("指标类别", 5.5, "CENTER"),
    ListColumn("指标名称", 10.0, "LEFT"),
    ListColumn("实际值", 6.0, "RIGHT"),
    ListColumn("单位", 3.5, "CENTER"),
    ListColumn("计分规则", 15.0, "LEFT"),
    ListColumn("权重", 3.5, "RIGHT"),
    ListColumn("得分", 4.0, "RIGHT"),
)
RANKING_COLUMNS = (
    ListColumn("载体类型", 7.5, "CENTER"),
    ListColumn("排名", 3.0, "CENTER"),
    ListColumn("载体名称", 16.0, "LEFT"),
    ListColumn("所属街道", 5.5, "CENTER"),
    ListColumn("认定级别", 4.5, "CENTER"),
    ListColumn("总分", 4.5, "RIGHT"),
    ListColumn("年度运营", 4.5, "CENTER"),
)
SIGNERS = ["载体负责人（签字）：", "评审人（签字）：", "主管部门（盖章）："]


def number(value) -> str:
    """A Decimal as printed: no exponent, no trailing zeros (250.0000 → 250)."""
    if value is None:
        return NOT_REPORTED
    text = f"{Decimal(value).normalize():f}"
    return text


def score(value) -> str:
    """Points with two decimals (5.6 → 5.60)."""
    return f"{Decimal(value):.2f}"


def review_sheet(review, unit_name="", date=None) -> ListReport:
    """The 年度绩效评价表 of one CarrierReview."""
    rows = [
        [n, r.category or "", r.name, number(r.value), r.unit, r.rule, number(r.weight),
         score(r.points)]
        for n, r in enumerate(review.rows, start=1)
    ]  # fmt: skip
    weights = sum((Decimal(r.weight) for r in review.rows), Decimal(0))
    rows.append(["", "合计", "", "", "", "", number(weights), score(review.total)])
    street = review.street or "全区"
    subtitle = (
        f"载体名称：{review.name}　载体类型：{review.kind}　认定级别：{review.level or ''}"
        f"　所属街道：{street}"
    )
    note = (
        f"总分 {score(review.total)} 分，在本年度参评的 {review.ranked} 家{review.kind}中"
        f"排名第 {review.rank}。实际值取自载体年度运营、入驻记录和在孵企业年度数据；"
        f"{NOT_REPORTED}的指标记 0 分。"
    )
    if not review.reported:
        note += f"该载体未填报 {review.year} 年度运营数据。"
    return ListReport(
        title=f"{review.year}年度孵化载体绩效评价表",
        subtitle=subtitle,
        columns=list(SHEET_COLUMNS),
        rows=rows,
        unit_name=unit_name,
        date=date or datetime.date.today(),
        signers=list(SIGNERS),
        numbered=False,  # the 合计 row has no number
        orientation="portrait",
        note=note,
    )


def ranking_list(reviews, year, unit_name="", date=None) -> ListReport:
    """The ranking of every reviewed carrier, kind by kind, by rank."""
    rows = [
        [
            r.kind,
            r.rank,
            r.name,
            r.street or "全区",
            r.level or "",
            score(r.total),
            "已填报" if r.reported else NOT_REPORTED,
        ]
        for r in reviews
    ]
    counts = {}
    for r in reviews:
        counts[r.kind] = r.ranked
    shown = "，".join(f"{kind} {n} 家" for kind, n in counts.items()) or "无参评载体"
    return ListReport(
        title=f"{year}年度孵化载体绩效评价排名",
        columns=list(RANKING_COLUMNS),
        rows=rows,
        unit_name=unit_name,
        date=date or datetime.date.today(),
        numbered=False,
        note=f"参评载体：{shown}。同分同名次，按名称排列。",
    )


def render_sheets(sheets, path: str | os.PathLike, fonts=None, guard=None) -> str:
    """Write the ListReports ``sheets`` into one PDF, each from a new page (in the first
    one's page setup; the footer counts the document's pages).  Returns the path; raises
    InvalidValueError when there is no sheet."""
    sheets = [ListReport.coerce(s) for s in sheets]
    if not sheets:
        raise InvalidValueError("没有参评的载体，无法生成绩效评价表。", field="carrier")
    fonts = fonts or register_fonts()
    setup, story = None, []
    for sheet in sheets:
        own_setup, own_story = list_story(sheet, fonts)
        setup = setup or own_setup
        story += ([PageBreak()] if story else []) + own_story
    build_document(path, setup, story, fonts, sheets[0].title, sheets[0].unit_name, guard)
    return str(path)


__all__ = ["review_sheet", "ranking_list", "render_sheets", "NOT_REPORTED"]
