"""The half-year assessment as a StatisticsReport: the tables of ``gjz_registry.assessment``
with completion bars, conflict marks and four charts, ready for ``render_statistics``.

Shared by the command line (``report targets``) and the client (报表证书), so both print the
same PDF.  Takes the target service's Progress (plain data); queries nothing.
"""

from gjz_registry.assessment import NO_VERDICT, as_number, assessment_tables, heading, status_counts
from reports.data import ProgressBar

VERDICT_COLOURS = {"已达标": "#5AA469", "进度正常": "#3E6FB0", "滞后": "#C0504D"}
CONFLICT_MARK = "※"


def percent(value):
    return NO_VERDICT if value is None else f"{value:.1%}"


def _pdf_cells(table, i, row):
    cells = []
    for c, value in enumerate(row):
        if c == table.bar_column:
            verdict = row[table.verdict_column] if table.verdict_column is not None else None
            cells.append(
                ProgressBar(value, mark=table.marks[i], colour=VERDICT_COLOURS.get(verdict, ""))
            )
        elif c in table.percent_columns:
            cells.append(percent(value))
        else:
            cells.append("—" if value is None else value)
    return cells


def _section(table, chart=None):
    rows, notes = [], []
    for i, row in enumerate(table.rows):
        cells = _pdf_cells(table, i, row)
        text = table.remarks[i] if table.remarks else None
        if text and text.startswith("计划自相矛盾"):
            cells[0] = f"{cells[0]}{CONFLICT_MARK}"
            if f"{CONFLICT_MARK} {text}" not in notes:
                notes.append(f"{CONFLICT_MARK} {text}")
        rows.append(cells)
    note = "　".join(notes + ([table.note] if table.note else []))
    totals = _pdf_cells(table, 0, table.totals) if table.totals else None
    return dict(
        title=table.title, headers=table.headers, rows=rows, totals=totals, note=note, chart=chart
    )


def _short(text, limit=8):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _labels(texts, limit):
    """``texts`` shortened to ``limit`` characters, a text longer where its short form would
    read as another's (「产值超10亿元的创新型…」 and 「…的大型…」 are not both 「产值超10…」)."""
    labels = []
    for text in texts:
        n = limit
        while n < len(text) and any(o != text and _short(o, n) == _short(text, n) for o in texts):
            n += 1
        labels.append(_short(text, n))
    return labels


def assessment_report(progress, unit_name=""):
    """The StatisticsReport (as a dict) of the assessment: sections and charts."""
    tables = {t.key: t for t in assessment_tables(progress)}
    measured = [r for r in progress.rows if r.completion is not None]
    chart1 = dict(
        kind="bar",
        title="完成率与时间进度（%）",
        labels=_labels([r.indicator for r in measured], 6),
        series=[
            ("完成率", [min(round(r.completion * 100, 1), 200) for r in measured]),
            ("时间进度", [round((r.expected or 1) * 100, 1) for r in measured]),
        ],
    )
    output = [r for r in progress.fields if r.indicator == "产值" and r.actual is not None]
    chart2 = dict(
        kind="bar",
        title="各领域产值：目标与实际（亿元）",
        labels=_labels([r.scope for r in output], 6),
        series=[
            ("目标", [as_number(r.target) for r in output]),
            ("实际", [as_number(r.actual) for r in output]),
        ],
    )
    streets = progress.streets
    chart3 = None
    if streets.columns:
        # the high-tech count when there is one (the plan's headline), else the first column
        col = (
            streets.measures.index("valid_high_tech")
            if "valid_high_tech" in streets.measures
            else 0
        )
        chart3 = dict(
            kind="bar",
            title=f"各街道{streets.columns[col]}（{streets.units[col]}）",
            labels=[name.replace("街道", "") for name, _ in streets.rows],
            series=[(streets.columns[col], [as_number(v[col]) for _, v in streets.rows])],
        )
    counts = status_counts(progress)
    chart4 = dict(
        kind="pie",
        title="重点任务状态",
        labels=list(counts),
        series=[("任务", list(counts.values()))],
    )
    title, subtitle = heading(progress)
    sections = [_section(tables["indicators"])]
    if measured:  # a section of its own: the table and chart together overflow the first page
        sections.append(dict(title=chart1["title"], headers=[], chart=chart1))
    sections += [
        _section(tables["fields"], chart2 if output else None),
    ]
    if "street_targets" in tables:
        sections.append(_section(tables["street_targets"]))
    sections += [
        _section(tables["streets"], chart3),
        _section(tables["tasks"], chart4),
        _section(tables["sources"]),
    ]
    return dict(title=title, subtitle=subtitle, sections=sections, unit_name=unit_name)


__all__ = ["assessment_report", "VERDICT_COLOURS", "CONFLICT_MARK"]
