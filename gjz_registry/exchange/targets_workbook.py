"""The half-year assessment as an Excel workbook: the same tables as the PDF, one per sheet.

Numbers are written as numbers (targets, actuals; completion and time progress as fractions
formatted 0.0%), so the district office can sort and sum them; a 说明 sheet records the plan,
the period, the data year, the measures' definitions and when and by whom it was written.
The file is written through the output guard (gjz_registry.outputs): never onto the database
or a backup, and to a temporary name moved into place, so a failed export never leaves half a
workbook.
"""

import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from gjz_registry import outputs
from gjz_registry.assessment import as_number, assessment_tables, heading
from gjz_registry.exchange.xlsx_writer import keep_text_everywhere, printable

SHEET_NAMES = {
    "indicators": "主要指标",
    "fields": "分领域",
    "street_targets": "分街道目标",
    "streets": "分街道",
    "tasks": "重点任务",
    "sources": "指标出处",
}
HEADER_FILL = PatternFill("solid", fgColor="E8ECF2")
WIDE = {"指标": 34, "产业领域": 24, "任务": 34, "牵头单位": 36, "配合单位": 36, "进展说明": 40}


def write_assessment(progress, path, user=None, guard=None):
    """Write the assessment of ``progress`` to ``path`` (.xlsx) through ``guard``
    (gjz_registry.outputs: never onto the database, written atomically); returns the path.

    OutputPathError when the file may not or cannot be written (the database, a backup,
    folder missing, file open in Excel…).
    """
    book = Workbook()
    book.remove(book.active)
    for table in assessment_tables(progress):
        _sheet(book, table)
    _about(book, progress, user)
    keep_text_everywhere(book)  # task notes and names are text, whatever they start with
    outputs.write(book.save, path, guard)
    return str(path)


def _sheet(book, table):
    sheet = book.create_sheet(SHEET_NAMES.get(table.key, table.title[:28]))
    headers = list(table.headers)
    if table.remarks is not None:
        headers.append("说明")
    sheet.append(printable(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    rows = [list(r) for r in table.rows]
    if table.remarks is not None:
        rows = [r + [table.remarks[i] or ""] for i, r in enumerate(rows)]
    if table.totals:
        rows.append(list(table.totals))
    for values in rows:
        sheet.append(printable([as_number(v) for v in values]))
    for column in table.percent_columns:
        for row in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            row[0].number_format = "0.0%"
    if table.totals:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for i, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=i).column_letter
        sheet.column_dimensions[letter].width = WIDE.get(header, 60 if header == "说明" else 12)
        if header in ("计划原文",):
            sheet.column_dimensions[letter].width = 80
    sheet.freeze_panes = "A2"
    return sheet


def _about(book, progress, user):
    sheet = book.create_sheet("说明")
    title, subtitle = heading(progress)
    lines = [
        ("报表", title),
        ("计划", progress.plan),
        ("文号", progress.document or ""),
        ("考核期", f"{progress.label}（{progress.period}）"),
        ("截至日期", progress.as_of),
        ("年报数据年度", progress.data_year),
        ("计划时间进度", progress.expected),
        ("范围", progress.street or "全区"),
        ("生成时间", datetime.datetime.now().replace(microsecond=0)),
        ("生成人", user or ""),
    ]
    lines += [(f"口径：{label}", text) for label, text in progress.definitions]
    for key, value in lines:
        sheet.append(printable([key, value]))
    sheet["B7"].number_format = "0.0%"
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 90
