"""A plan as one workbook, so the district can send the streets their targets (issue 18).

Layout (the sheet and column names are the contract; README 「下发新计划」):

``计划``  two columns, 项目 / 内容: 计划名称, 文号, 印发日期, 起始日期, 截止日期, 考核节奏
          (半年 / 季度 / 年).
``目标``  one row per target: 序号, 指标, 范围 (区, a street, a field, or 街道×领域), 目标期
          (2025 or 2023H2 — a plan's yearly milestones are rows of the same 指标 and 范围
          with earlier 目标期), 目标值, 单位, 比较方式 (>=, <=, 增速>区), 计算口径 (a
          measure's key, empty for a figure entered by hand), 评价方式 (按时间进度 /
          直接比较), 条款, 原文, 说明, 分解自 (the 序号 of the district or field target
          this row is a street's part of — the split, 分解).
``重点任务`` one row per task: 序号, 章节, 任务名称, 牵头单位, 配合单位.

:func:`write_plan_workbook` writes the layout through the output guard;
:func:`read_plan_workbook` reads it back into plain values and a list of :class:`CellError`
(sheet, row, column, message) — the checks of the values themselves are the target
service's, so a file is held to the same rules as the screen.
"""

import dataclasses
import datetime
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from gjz_registry import outputs
from gjz_registry.errors import FileFormatError
from gjz_registry.exchange.xlsx_writer import keep_text_everywhere, printable

PLAN_SHEET, TARGET_SHEET, TASK_SHEET = "计划", "目标", "重点任务"
PLAN_ITEMS = (
    ("name", "计划名称"),
    ("document", "文号"),
    ("issued_on", "印发日期"),
    ("starts_on", "起始日期"),
    ("ends_on", "截止日期"),
    ("rhythm", "考核节奏"),
)
TARGET_COLUMNS = (
    ("number", "序号"),
    ("indicator", "指标"),
    ("scope", "范围"),
    ("period", "目标期"),
    ("value", "目标值"),
    ("unit", "单位"),
    ("comparison", "比较方式"),
    ("measure", "计算口径"),
    ("assessment", "评价方式"),
    ("clause", "条款"),
    ("source", "原文"),
    ("note", "说明"),
    ("part_of", "分解自"),
)
TASK_COLUMNS = (
    ("number", "序号"),
    ("section", "章节"),
    ("title", "任务名称"),
    ("lead_units", "牵头单位"),
    ("co_units", "配合单位"),
)
HEADER_FILL = PatternFill("solid", fgColor="E8ECF2")
WIDTHS = {"指标": 30, "范围": 22, "原文": 60, "说明": 30, "任务名称": 40, "牵头单位": 36}


@dataclasses.dataclass
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self):
        return f"「{self.sheet}」第 {self.row} 行「{self.column}」：{self.message}"


@dataclasses.dataclass
class PlanFile:
    """What a plan workbook holds: ``targets`` rows carry ``part_of`` as an index into
    ``targets`` (None: not a part) and ``row`` (the sheet row, for messages)."""

    plan: dict
    targets: list
    tasks: list
    errors: list


def write_plan_workbook(plan, targets, tasks, path, guard=None):
    """Write ``plan`` (dict of PLAN_ITEMS keys), ``targets`` (dicts; ``part_of`` an index into
    ``targets``) and ``tasks`` to ``path`` (.xlsx) through ``guard``; returns the path."""
    book = Workbook()
    sheet = book.active
    sheet.title = PLAN_SHEET
    _header(sheet, ("项目", "内容"))
    for key, label in PLAN_ITEMS:
        sheet.append(printable([label, _cell(plan.get(key))]))
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 70
    sheet = book.create_sheet(TARGET_SHEET)
    _header(sheet, [label for _, label in TARGET_COLUMNS])
    for i, t in enumerate(targets, 1):
        part_of = t.get("part_of")
        values = dict(t, number=i, part_of=None if part_of is None else part_of + 1)
        sheet.append(printable([_cell(values.get(key)) for key, _ in TARGET_COLUMNS]))
    sheet = book.create_sheet(TASK_SHEET)
    _header(sheet, [label for _, label in TASK_COLUMNS])
    for task in tasks:
        sheet.append(printable([_cell(task.get(key)) for key, _ in TASK_COLUMNS]))
    keep_text_everywhere(book)
    outputs.write(book.save, path, guard)
    return str(path)


def _header(sheet, labels):
    sheet.append(list(labels))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = WIDTHS.get(cell.value, 12)
    sheet.freeze_panes = "A2"


def _cell(value):
    return float(value) if isinstance(value, Decimal) else value


def read_plan_workbook(path):
    """A PlanFile from the workbook at ``path``; FileFormatError when it is not one."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileFormatError(f"「{path}」不是可读取的 Excel 工作簿（.xlsx）：{exc}") from None
    try:
        missing = [n for n in (PLAN_SHEET, TARGET_SHEET, TASK_SHEET) if n not in book.sheetnames]
        if missing:
            raise FileFormatError(
                f"「{path}」不是计划工作簿：缺少工作表「{'」「'.join(missing)}」"
                "（请用 gjz plan export 导出的格式）"
            )
        errors = []
        plan = _read_plan(book[PLAN_SHEET], errors)
        targets = _read_rows(book[TARGET_SHEET], TARGET_COLUMNS, errors)
        tasks = _read_rows(book[TASK_SHEET], TASK_COLUMNS, errors)
    finally:
        book.close()
    _link_parts(targets, errors)
    return PlanFile(plan, targets, tasks, errors)


def _text(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _read_plan(sheet, errors):
    labels = {label: key for key, label in PLAN_ITEMS}
    plan = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row and row[0] in labels:
            plan[labels[row[0]]] = _text(row[1] if len(row) > 1 else None)
    for key, label in PLAN_ITEMS:
        if key not in plan:
            errors.append(CellError(PLAN_SHEET, 0, label, "缺少这一项（请用导出的格式）"))
    return plan


def _read_rows(sheet, columns, errors):
    rows = sheet.iter_rows(values_only=True)
    header = [_text(c) for c in next(rows, ())]
    where = {}
    for key, label in columns:
        if label in header:
            where[key] = header.index(label)
        else:
            errors.append(CellError(sheet.title, 1, label, "缺少这一列（请用导出的格式）"))
    result = []
    for number, row in enumerate(rows, start=2):
        values = {key: _text(row[i]) if i < len(row) else None for key, i in where.items()}
        if not any(values.values()):
            continue
        values["row"] = number
        result.append(values)
    return result


def _link_parts(targets, errors):
    """``part_of``: the 序号 of another target → its index in ``targets``."""
    index = {t.get("number"): i for i, t in enumerate(targets)}
    for t in targets:
        parent = t.get("part_of")
        if parent is None:
            continue
        if parent not in index or index[parent] == targets.index(t):
            errors.append(
                CellError(TARGET_SHEET, t["row"], "分解自", f"没有序号为 {parent} 的目标")
            )
            t["part_of"] = None
        else:
            t["part_of"] = index[parent]
