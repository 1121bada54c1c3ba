"""The half-year assessment as plain tables, shared by the PDF, the Excel file and the screen.

:func:`assessment_tables` turns a :class:`~gjz_registry.services.targets.Progress` into
:class:`AssessmentTable` objects — title, headers, rows of plain values (str, int, Decimal;
fractions for the percentage columns) and per-row remarks (e.g. 「计划自相矛盾…」) — so every
output shows the same numbers.  Nothing here queries or renders anything.
"""

import dataclasses
from decimal import Decimal

NO_VERDICT = "—"
DISTRICT = "区"
INDICATOR_HEADERS = ["指标", "目标", "实际", "单位", "完成率", "时间进度", "评价"]
FIELD_HEADERS = ["产业领域", "指标", "目标", "实际", "单位", "完成率", "时间进度", "评价"]
STREET_HEADERS = ["街道", "指标", "目标", "实际", "单位", "完成率", "时间进度", "评价"]
TASK_HEADERS = ["任务", "牵头单位", "配合单位", "状态", "进展说明"]
SOURCE_HEADERS = ["出处", "指标", "范围", "计划原文"]


@dataclasses.dataclass
class AssessmentTable:
    """One table.  ``percent_columns`` hold fractions (0.85 → 85.0%); ``bar_column`` is the
    completion column (drawn as a bar in the PDF, with ``marks[row]`` as the expected share);
    ``remarks[row]`` is a longer note for that row (or None)."""

    key: str
    title: str
    headers: list
    rows: list
    remarks: list = None
    percent_columns: tuple = ()
    bar_column: int = None
    verdict_column: int = None
    marks: list = None
    totals: list = None
    note: str = ""


def heading(progress):
    """The report's title and subtitle."""
    who = f"（{progress.street}）" if progress.street else ""
    title = f"{progress.label}行动计划目标完成情况{who}"
    document = f"（{progress.document}）" if progress.document else ""
    subtitle = (
        f"《{progress.plan}》{document}　"
        f"考核期：{progress.label}（截至 {progress.as_of.isoformat()}）　"
        f"年报数据取 {progress.data_year} 年度　计划时间进度 {progress.expected:.1%}"
    )
    return title, subtitle


def remark(row):
    """The conflict, else the source of the figure and the target's note."""
    if row.conflict:
        return row.conflict
    text = "系统计算" if row.computed else "手工填报"
    return f"{text}；{row.note}" if row.note else text


def _progress_cells(row):
    return [
        row.target,
        row.actual,
        row.unit,
        row.completion,
        row.expected,
        row.verdict or NO_VERDICT,
    ]


def assessment_tables(progress):
    """The assessment's tables in report order: indicators, fields, streets, tasks, sources;
    with the targets a plan sets a street (its split of a district target, 分解), a table of
    those after the fields (key ``street_targets``) in the district's view."""
    street_note = ""
    if progress.street:
        street_note = (
            f"街道用户只看到{progress.street}可由系统统计的数字；目标为全区（或全领域）目标，"
            "完成率为本街道对该目标的贡献，不作评价；手工填报的全区指标不在此显示。"
        )
    definitions = "；".join(f"{label}：{text}" for label, text in progress.definitions)
    own = [r for r in progress.rows if r.scope == DISTRICT or progress.street]
    by_street = [r for r in progress.rows if r not in own]
    indicators = AssessmentTable(
        "indicators",
        "主要指标完成情况",
        list(INDICATOR_HEADERS),
        [[_named(r), *_progress_cells(r)] for r in own],
        remarks=[remark(r) for r in own],
        percent_columns=(4, 5),
        bar_column=4,
        verdict_column=6,
        marks=[r.expected for r in own],
        note="　".join(x for x in (street_note, f"统计口径——{definitions}。") if x),
    )
    fields = AssessmentTable(
        "fields",
        "分产业领域目标完成情况",
        list(FIELD_HEADERS),
        [[r.scope, r.indicator, *_progress_cells(r)] for r in progress.fields],
        remarks=[remark(r) for r in progress.fields],
        percent_columns=(5, 6),
        bar_column=5,
        verdict_column=7,
        marks=[r.expected for r in progress.fields],
    )
    table = progress.streets
    streets = AssessmentTable(
        "streets",
        "各街道可统计指标",
        ["所属街道"] + [f"{c}({u})" for c, u in zip(table.columns, table.units)],
        [[name, *values] for name, values in table.rows],
        totals=["全区合计", *table.totals] if table.totals else None,
        note="载体按其所在街道计；未填写街道的载体只计入全区合计。" if table.totals else "",
    )
    tasks = AssessmentTable(
        "tasks",
        f"重点任务推进情况（{progress.label}）",
        list(TASK_HEADERS),
        [
            [f"{t.number}. {t.title}", t.lead_units or "", t.co_units or "", t.status, t.note or ""]
            for t in progress.tasks
        ],
    )
    sources = AssessmentTable(
        "sources",
        "指标出处（计划原文）",
        list(SOURCE_HEADERS),
        [[r.clause or "", r.indicator, r.scope, r.source or ""] for r in progress.rows]
        + [[r.clause or "", r.indicator, r.scope, r.source or ""] for r in progress.fields],
    )
    street_targets = AssessmentTable(
        "street_targets",
        "分街道目标完成情况",
        list(STREET_HEADERS),
        [[r.scope, r.indicator, *_progress_cells(r)] for r in by_street],
        remarks=[remark(r) for r in by_street],
        percent_columns=(5, 6),
        bar_column=5,
        verdict_column=7,
        marks=[r.expected for r in by_street],
    )
    tables = [indicators, fields, streets, tasks, sources]
    return tables[:2] + [street_targets] + tables[2:] if by_street else tables


def _named(row):
    """The indicator, with its scope when that is not the district (a street's own)."""
    return row.indicator if row.scope == DISTRICT else f"{row.indicator}（{row.scope}）"


def status_counts(progress):
    """{status: number of tasks} in the ledger's order of statuses."""
    counts = {}
    for t in progress.tasks:
        counts[t.status] = counts.get(t.status, 0) + 1
    return counts


def as_number(value):
    """Decimal → int when whole, else float (for charts and spreadsheets)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
