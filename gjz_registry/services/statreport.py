"""The statistics report (统计报告) as plain data, assembled from ``StatisticsService``.

Nothing is counted here: every figure comes from the statistics service (so the PDF agrees
with ``gjz stats`` and the dashboard).  The result is a dict with the field names of
``reports.StatisticsReport`` — title, subtitle, unit_name, date and sections, each section
``{title, headers, rows, totals, chart, note}`` with ``chart`` a ``reports.ChartSpec``-shaped
dict (kind "bar"/"pie", labels, series) — so a front end hands it to the renderer unchanged.
"""

import datetime

from gjz_registry import reference as ref

TOTAL = "合计"
YEARS_SHOWN = 5  # the funnel and qualification sections cover this many years up to the report's


def assemble(statistics, day, unit_name, district):
    """The report for the date ``day`` (its year ends the year ranges)."""
    years = list(range(day.year - YEARS_SHOWN + 1, day.year + 1))
    output_year = day.year - 1 if day == datetime.date.today() else day.year
    sections = [
        _cross_section(statistics.street_stage(), "各街道孵化阶段分布", stacked=True),
        _field_section(statistics.street_field()),
        _funnel_section(statistics.funnel(years)),
        _qualification_section(statistics.qualification_counts(years)),
        _carrier_section(statistics.carrier_occupancy()),
        _output_section(statistics.field_output(output_year)),
    ]
    as_of = f"{day.year}年{day.month}月{day.day}日"
    return {
        "title": f"{district}孵化链企业统计报告",
        "subtitle": f"（截至{as_of}；历年数据 {years[0]}—{years[-1]} 年）",
        "unit_name": unit_name,
        "date": datetime.date.today(),
        "sections": sections,
    }


def _section(title, headers, rows, totals=None, chart=None, note=""):
    return {
        "title": title,
        "headers": list(headers),
        "rows": rows,
        "totals": totals,
        "chart": chart,
        "note": note,
    }


def _chart(kind, labels, series, title="", stacked=False):
    return {
        "kind": kind,
        "labels": [str(x) for x in labels],
        "series": series,
        "title": title,
        "stacked": stacked,
    }


def _cross_rows(table):
    rows = [[label, *values, sum(values)] for label, values in table.rows]
    totals = [TOTAL, *table.totals, table.total]
    return rows, totals


def _cross_section(table, title, stacked=False):
    rows, totals = _cross_rows(table)
    labels = [label for label, _ in table.rows]
    # The chart shows the chain's stages only: 未入驻 would dwarf them.
    series = [
        (column, [values[i] for _, values in table.rows])
        for i, column in enumerate(table.columns)
        if column in ref.STAGES and any(values[i] for _, values in table.rows)
    ]
    chart = None
    if labels and series:
        chart = _chart("bar", labels, series, "各街道在孵企业数（按孵化阶段）", stacked)
    headers = [table.row_header, *table.columns, TOTAL]
    return _section(title, headers, rows, totals, chart, "未入驻：不在孵化链任何阶段的在营企业。")


def _field_section(table):
    rows, totals = _cross_rows(table)
    pairs = [(c, t) for c, t in zip(table.columns, table.totals) if t]
    chart = None
    if pairs:
        chart = _chart(
            "pie", [c for c, _ in pairs], [("企业数", [t for _, t in pairs])], "产业领域构成"
        )
    headers = [table.row_header, *table.columns, TOTAL]
    return _section("各街道产业领域分布", headers, rows, totals, chart)


def _funnel_section(funnel):
    stages = ref.STAGES[:-1]
    headers = ["年度", "新入驻", *[f"{s}晋级" for s in stages], "毕业", "迁出/终止/注销"]
    rows = [
        [str(f.year), f.admitted, *[f.promoted.get(s, 0) for s in stages], f.graduated, f.left]
        for f in funnel
    ]
    totals = [TOTAL, *[sum(r[i] for r in rows) for i in range(1, len(headers))]] if rows else None
    chart = _chart(
        "bar",
        [f.year for f in funnel],
        [
            ("新入驻", [f.admitted for f in funnel]),
            ("晋级", [sum(f.promoted.values()) for f in funnel]),
            ("毕业", [f.graduated for f in funnel]),
        ],
        "孵化链历年流动（企业数）",
    )
    note = "晋级：从该阶段进入下一阶段；毕业：按毕业条件办理毕业。"
    return _section("孵化链漏斗", headers, rows, totals, chart, note)


def _qualification_section(table):
    rows = [[label, *values] for label, values in table.rows]
    chart = _chart(
        "bar",
        [label for label, _ in table.rows],
        [(kind, [values[i] for _, values in table.rows]) for i, kind in enumerate(table.columns)],
        "历年末有效资质企业数",
    )
    note = "各年度为当年 12 月 31 日（本年为今日）有效的资质企业数。"
    return _section(table.title, [table.row_header, *table.columns], rows, None, chart, note)


def _carrier_section(carriers):
    headers = [
        "载体名称",
        "载体类型",
        "认定级别",
        "所属街道",
        "在孵企业",
        "使用面积(㎡)",
        "毕业企业",
    ]
    rows = [
        [c.name, c.kind, c.level, c.street or "", c.residents, c.area_used_m2, c.graduates]
        for c in carriers
    ]
    totals = None
    if rows:
        totals = [TOTAL, "", "", "", *[sum(r[i] or 0 for r in rows) for i in (4, 5, 6)]]
    by_kind = {}
    for c in carriers:
        by_kind[c.kind] = by_kind.get(c.kind, 0) + c.residents
    chart = None
    if any(by_kind.values()):
        chart = _chart(
            "bar",
            list(by_kind),
            [("在孵企业", list(by_kind.values()))],
            "各类载体在孵企业数",
        )
    return _section("孵化载体入驻情况", headers, rows, totals, chart)


def _output_section(table):
    rows = [[label, *values] for label, values in table.rows]
    totals = [TOTAL, *table.totals] if rows else None
    chart = None
    if rows and any(values[2] for _, values in table.rows):
        chart = _chart(
            "pie",
            [label for label, _ in table.rows],
            [("产值", [values[2] for _, values in table.rows])],
            "各产业领域产值构成",
        )
    return _section(table.title, [table.row_header, *table.columns], rows, totals, chart)
