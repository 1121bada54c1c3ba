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
        *carrier_sections(statistics, output_year),
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
    chart = _kind_chart([(c.kind, c.residents) for c in carriers], "在孵企业", "各类载体在孵企业数")
    return _section("孵化载体入驻情况", headers, rows, totals, chart)


def _kind_chart(pairs, series, title):
    """A bar chart of the sums per carrier kind of ``pairs`` (kind, value); None when all 0."""
    by_kind = {}
    for kind, value in pairs:
        by_kind[kind] = by_kind.get(kind, 0) + value
    if not any(by_kind.values()):
        return None
    return _chart("bar", list(by_kind), [(series, list(by_kind.values()))], title)


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


# --- the carriers in a year (services/carrier_stats.py) ---------------------------------------
def carrier_sections(statistics, year):
    """The sections of the carriers in ``year``: the plan's incubator figures, the carriers'
    year-on-year table and the incubation output per carrier (also ``gjz stats``)."""
    return [
        _incubator_section(statistics.incubator_figures(year)),
        _year_on_year_section(statistics.carrier_year_on_year(year), year),
        _incubation_output_section(statistics.incubation_output(year), year),
    ]


def _incubator_section(f):
    counts = f.counts
    rows = [
        *[[f"运营中的{kind}", n, "家", "现状为运营的载体"] for kind, n in f.carriers.items()],
        ["其中国家级", f.national, "家", "上述载体中认定级别为国家级的"],
        ["其中省级", f.provincial, "家", "上述载体中认定级别为省级的"],
        [f"{f.year} 年新认定载体", f.recognised, "家", "孵化器、众创空间、加速器，按认定日期"],
        ["年初在孵企业", counts.start, "家", "各载体 1 月 1 日在孵企业数之和"],
        ["当年新入孵企业", counts.admitted, "家", "含从其他载体晋级、迁入、退回的"],
        ["当年毕业企业", counts.graduated, "家", "按入驻记录的毕业日期"],
        ["当年离孵企业", counts.left, "家", "迁出、终止、注销及转入其他载体"],
        ["年末在孵企业", counts.end, "家", "各载体 12 月 31 日在孵企业数之和"],
        ["创业导师", f.mentors, "人", "各载体年度运营填报的专职、兼职导师数之和"],
        ["开展「孵化+投资」的载体", f.investing, "家", "年度运营填报孵化基金投资额大于 0"],
        ["孵化基金投资额", f.fund_invested, "万元", "年度运营填报数之和"],
    ]
    note = "在孵企业数由入驻记录计算：年初 + 新入孵 - 毕业 - 离孵 = 年末。"
    return _section(
        f"{f.year} 年孵化载体与计划目标相关数字",
        ["指标", "数值", "单位", "口径"],
        rows,
        None,
        None,
        note,
    )


def _pair(values):
    last, this = ("—" if v is None else v for v in values)
    return f"{last} → {this}"


def _year_on_year_section(rows, year):
    headers = [
        "载体名称",
        "载体类型",
        "年末在孵企业",
        "当年新入孵",
        "当年毕业",
        "创新创业活动",
        "孵化基金投资额(万元)",
    ]
    codes = ("residents", "admitted", "graduated", "events", "fund_invested")
    table = [[r.name, r.kind, *[_pair(getattr(r, c)) for c in codes]] for r in rows]
    totals = None
    if rows:
        sums = [
            _pair(tuple(sum(getattr(r, c)[i] or 0 for r in rows) for i in (0, 1))) for c in codes
        ]
        totals = [TOTAL, "", *sums]
    note = f"每格为 {year - 1} 年 → {year} 年；活动与投资额为载体年度运营填报数（—：未填报）。"
    return _section(
        f"孵化载体年度对比（{year - 1} 年 / {year} 年）", headers, table, totals, None, note
    )


OUTPUT_COLUMNS = (
    ("residents", "年末在孵企业"),
    ("revenue", "营业收入(万元)"),
    ("rd_expense", "研发费用(万元)"),
    ("tax_paid", "纳税(万元)"),
    ("ip_granted", "知识产权授权"),
    ("employees", "从业人员"),
    ("high_tech", "高新技术企业"),
)


def _incubation_output_section(rows, year):
    headers = ["载体名称", *[label for _, label in OUTPUT_COLUMNS]]
    table = [[r.name, *[getattr(r.outputs, c) for c, _ in OUTPUT_COLUMNS]] for r in rows]
    totals = None
    if table:
        totals = [TOTAL, *[sum(row[i] for row in table) for i in range(1, len(headers))]]
    chart = _kind_chart(
        [(r.kind, float(r.outputs.revenue)) for r in rows],
        "营业收入(万元)",
        "各类载体在孵企业营业收入（万元）",
    )
    note = f"{year} 年末在孵企业及其 {year} 年度数据；高新技术企业为年末有效的。"
    return _section(f"{year} 年各载体孵化产出", headers, table, totals, chart, note)
