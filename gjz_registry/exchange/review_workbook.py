"""The carrier review's indicators as one workbook, for the administrator to edit in Excel.

Layout: one sheet ``评价指标``, a header row of services.review_indicators.FIELDS' labels
(载体类型, 指标编号, 指标名称, 指标类别, 计算口径, 权重, 计分方式, 满分值, 零分值, 分档, 方向,
排序, 启用, 说明) and 版本, one row per indicator; 计算口径 holds the measure's Chinese name.
Importing replaces each 载体类型 present in the file by its rows (ReviewService.replace_all:
weights checked, versioned, audited); a kind absent from the file is left as it is.

:func:`write_ranking` writes a year's ranking (ReviewService.ranking) one sheet per carrier
kind: 排名, 载体名称, 所属街道, 认定级别, each indicator's points under its name, 总分.
"""

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from gjz_registry import outputs
from gjz_registry.errors import FileFormatError
from gjz_registry.exchange.xlsx_writer import keep_text_everywhere, printable
from gjz_registry.services.review_indicators import FIELDS

SHEET = "评价指标"
VERSION = ("version", "版本")
COLUMNS = (*FIELDS, VERSION)


def _cell(indicator, code):
    if code == "measure":
        return indicator.measure_label
    if code == "active":
        return "是" if indicator.active else "否"
    value = getattr(indicator, code)
    return float(value) if hasattr(value, "as_tuple") else value


def write_indicators(indicators, path, guard=None):
    """Write IndicatorRecords to ``path`` (through the output guard); returns the path."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([label for _, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for indicator in indicators:
        sheet.append([_cell(indicator, code) for code, _ in COLUMNS])
    sheet.freeze_panes = "A2"
    keep_text_everywhere(book)
    with outputs.temporary(path, guard) as tmp:
        book.save(tmp)
    return path


def read_indicators(path):
    """{载体类型: [row dicts]} of the workbook at ``path``, in file order.  Raises
    FileFormatError when it is not such a workbook."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook, unreadable: the reader's own words
        raise FileFormatError(f"无法读取评价指标文件「{path}」：{exc}") from None
    try:
        if SHEET not in book.sheetnames:
            raise FileFormatError(
                f"文件「{path}」中没有「{SHEET}」工作表，请使用导出的评价指标文件"
            )
        rows = list(book[SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else ())]
    codes = {label: code for code, label in COLUMNS}
    missing = [label for code, label in COLUMNS[:6] if label not in header]
    if missing:
        raise FileFormatError(f"评价指标文件缺少列：{'、'.join(missing)}")
    kinds = {}
    for values in rows[1:]:
        if not any(v not in (None, "") for v in values):
            continue
        row = {codes[h]: v for h, v in zip(header, values) if h in codes}
        kind = str(row.pop("carrier_kind") or "").strip()
        kinds.setdefault(kind, []).append(row)
    return kinds


def write_ranking(reviews, year, path, guard=None):
    """The ranking ``reviews`` (CarrierReviews, kind by kind) as a workbook; returns the path."""
    book = Workbook()
    book.remove(book.active)
    by_kind = {}
    for review in reviews:
        by_kind.setdefault(review.kind, []).append(review)
    for kind, rows in by_kind.items() or [("无参评载体", [])]:
        sheet = book.create_sheet(kind.replace("(", "（").replace(")", "）"))
        names = [line.name for line in rows[0].rows] if rows else []
        sheet.append([f"{year}年度{kind}绩效评价排名"])
        sheet.append(["排名", "载体名称", "所属街道", "认定级别", *names, "总分"])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for r in rows:
            points = [float(line.points) for line in r.rows]
            row = [r.rank, r.name, r.street or "全区", r.level, *points, float(r.total)]
            sheet.append(printable(row))
        sheet.freeze_panes = "A3"
    keep_text_everywhere(book)
    with outputs.temporary(path, guard) as tmp:
        book.save(tmp)
    return path
