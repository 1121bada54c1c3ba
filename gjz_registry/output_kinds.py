"""The printed reports and Excel exports the front ends offer: one registry of each.

Each kind is declared once here — its code (``gjz report KIND`` / ``gjz export KIND``), its
Chinese title, the filters it takes (``street``, ``year``, ``period``), the formats it is
written in, and how it is made (``source``).  The command line's choices and help, the
client's 报表 buttons, 导入导出 buttons and file names, and the lists' 打印名单 read them; a
kind added here appears in every front end.

Sources of a report: ``listing`` (ListingService.listing(code)), ``statistics``
(ListingService.statistics_report), ``targets`` (the plan assessment), ``review`` and
``ranking`` (ReviewService.sheets / ranking: the carriers' performance review).  Sources of an
export: ``exchange`` (ExchangeService.export(code)), ``template`` (the blank import
template) and ``targets`` (the assessment workbook).  ``qualification`` names the
qualification kind whose standard list a kind is (高新技术企业 → high-tech-list/high-tech).
"""

import dataclasses

from gjz_registry import reference as ref


@dataclasses.dataclass(frozen=True)
class OutputKind:
    """One report or export on offer."""

    code: str
    title: str
    takes: tuple  # the filters it takes: "street", "year", "period"
    source: str
    formats: tuple = ("pdf",)
    note: str = ""  # what it holds (shown beside its button)
    filter_note: str = ""  # how its filters apply
    qualification: str = None  # the qualification kind whose standard list it is


def _list(code, title, note, filter_note, qualification=None):
    return OutputKind(
        code, title, ("street", "year"), "listing", note=note, filter_note=filter_note,
        qualification=qualification,
    )  # fmt: skip


# In the order the front ends offer them.
REPORT_KINDS = (
    _list(
        "high-tech-list",
        "高新技术企业名单",
        "年末（今年为今天）持有有效高企证书的企业，按街道、名称排序",
        "可按街道、年度筛选；年度为空时以今天为准。",
        ref.QUAL_HIGH_TECH,
    ),
    _list(
        "tech-sme-list",
        "科技型中小企业名单",
        "年末（今年为今天）在有效入库年度内的科技型中小企业",
        "可按街道、年度筛选；年度为空时以今天为准。",
        ref.QUAL_TECH_SME,
    ),
    _list(
        "carrier-list",
        "孵化载体名单",
        "在营的众创空间、孵化器、加速器、产业化基地及其在孵企业数",
        "可按街道、年度筛选（年度：该年末前认定的载体）。",
    ),
    _list(
        "residents",
        "在孵企业名单",
        "当日在各载体孵化的企业",
        "可按街道、年度筛选（年度：该年末在孵的企业）。",
    ),
    OutputKind(
        "statistics",
        "科技企业统计报告",
        ("year",),
        "statistics",
        note="企业、资质、孵化链、年报数据的统计表和图",
        filter_note="全区统计，可选年度。",
    ),
    OutputKind(
        "targets",
        "行动计划目标完成情况",
        ("period",),
        "targets",
        formats=("pdf", "xlsx"),
        note="行动计划各项目标的完成率与时间进度、重点任务台账",
        filter_note="全区考核，请选择考核期；也可导出为 Excel。",
    ),
    OutputKind(
        "carrier-review",
        "孵化载体年度绩效评价表",
        ("year",),
        "review",
        note="每家载体一页：各项指标的实际值、计分规则、权重、得分、总分和同类排名",
        filter_note="按年度评价（默认上一年度）；命令行可用 --carrier 只打印一家。",
    ),
    OutputKind(
        "carrier-ranking",
        "孵化载体绩效评价排名",
        ("year",),
        "ranking",
        note="各类载体按总分排名的汇总表",
        filter_note="按年度评价（默认上一年度）；同分同名次。",
    ),
)

EXPORT_KINDS = (
    OutputKind("enterprises", "企业信息", ("street",), "exchange", ("xlsx",)),
    OutputKind("carriers", "载体信息", ("street",), "exchange", ("xlsx",)),
    OutputKind(
        "high-tech", "高新技术企业名单", ("street", "year"), "exchange", ("xlsx",),
        qualification=ref.QUAL_HIGH_TECH,
    ),
    OutputKind(
        "tech-sme", "科技型中小企业名单", ("street", "year"), "exchange", ("xlsx",),
        qualification=ref.QUAL_TECH_SME,
    ),
    OutputKind("residents", "在孵企业名单", ("street",), "exchange", ("xlsx",)),
    OutputKind(
        "annual", "年度数据", ("street", "year"), "exchange", ("xlsx",),
        note="一年的企业年度数据（万元），可原样再导入",
        filter_note="请选择年度（不选：上一年）；可按街道筛选。",
    ),
    OutputKind(
        "torch-carriers", "火炬统计·载体运营综合情况", ("street", "year"), "exchange", ("xlsx",),
        note="科技企业孵化器、众创空间运营综合情况，按国家火炬统计表格式（千元）",
        filter_note="请选择年度（不选：上一年）；列入该年填报了年度运营的载体。",
    ),
    OutputKind(
        "torch-residents", "火炬统计·在孵企业", ("street", "year"), "exchange", ("xlsx",),
        note="年末在孵企业及其当年年度数据，按国家火炬统计表格式（千元）",
        filter_note="请选择年度（不选：上一年）；列入该年 12 月 31 日在孵的企业。",
    ),
    OutputKind("targets", "目标考核", ("period",), "targets", ("xlsx",)),
    OutputKind("template", "空白导入模板", (), "template", ("xlsx",)),
    OutputKind("carrier-years-template", "载体年度运营导入模板", (), "template", ("xlsx",)),
)  # fmt: skip


def report_kinds():
    """The reports on offer, in order (read at call time: a kind added later is offered)."""
    return REPORT_KINDS


def export_kinds():
    """The exports on offer, in order."""
    return EXPORT_KINDS


def report_kind(code):
    """The report ``code``; KeyError for an unknown one (the front ends offer only these)."""
    return {k.code: k for k in report_kinds()}[code]


def export_kind(code):
    return {k.code: k for k in export_kinds()}[code]


def standard_lists(qualification):
    """(export kind, report kind) of ``qualification``'s standard list, or None."""
    export = [k for k in export_kinds() if qualification and k.qualification == qualification]
    report = [k for k in report_kinds() if qualification and k.qualification == qualification]
    return (export[0], report[0]) if export and report else None


__all__ = [
    "OutputKind",
    "REPORT_KINDS",
    "EXPORT_KINDS",
    "report_kinds",
    "export_kinds",
    "report_kind",
    "export_kind",
    "standard_lists",
]
