"""The error workbook: the rejected rows as they came, each bad cell red with a comment.

The header row(s) of the source sheet are copied, a 原因 column is added after the last
column, and every rejected row follows with its original values (dates stay dates, a credit
code that arrived as a number stays a number, so the user sees what went wrong).  A cell named
by a problem gets a red fill and a comment holding the message; problems of the whole row
(a duplicate, a rule) are in 原因 only.  The user corrects this workbook and imports it
again: 原因 is then reported as an unknown column and ignored.
"""

import datetime
from pathlib import Path

from gjz_registry import outputs
from gjz_registry.exchange.xlsx_writer import keep_text

REASON_HEADER = "原因"
ERROR_FILL_RGB = "FFFFC7CE"  # Excel's light red fill
ERROR_FONT_RGB = "FF9C0006"
SHEET_TITLE = "被拒绝的行"
COMMENT_AUTHOR = "甘井子区孵化链企业登记系统"


def write(path, header_rows, rejected_rows, match=None, guard=None):
    """Write the error workbook to ``path`` through ``guard`` (gjz_registry.outputs: never
    onto the database, written atomically); return the path.

    ``header_rows`` are the source header row(s) (lists of cells); ``rejected_rows`` objects
    with ``raw`` (the cells) and ``errors`` ([(column_index or None, message)])."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    width = max(
        [len(r) for r in header_rows]
        + [len(row.raw) for row in rejected_rows]
        + [i + 1 for row in rejected_rows for i, _ in row.errors if i is not None]
    )
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = f"A{len(header_rows) + 1}"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=ERROR_FILL_RGB)
    red = Font(color=ERROR_FONT_RGB)
    sheet.column_dimensions[_letter(width)].width = 60
    for number, header in enumerate(header_rows):
        cells = [_cell(WriteOnlyCell(sheet, value=v), v) for v in _padded(header, width)]
        for cell in cells:
            cell.font = bold
        last = REASON_HEADER if number == len(header_rows) - 1 else None
        cells.append(WriteOnlyCell(sheet, value=last))
        cells[-1].font = bold
        sheet.append(cells)
    for row in rejected_rows:
        messages = {}
        for index, message in row.errors:
            messages.setdefault(index, []).append(message)
        cells = []
        for index, value in enumerate(_padded(row.raw, width)):
            cell = _cell(WriteOnlyCell(sheet, value=value), value)
            if index in messages:
                cell.fill = fill
                cell.comment = Comment("\n".join(messages[index]), COMMENT_AUTHOR, 120, 320)
            cells.append(cell)
        reason = keep_text(WriteOnlyCell(sheet, value="；".join(m for _, m in row.errors)))
        reason.font = red
        cells.append(reason)
        sheet.append(cells)
    outputs.write(workbook.save, path, guard)
    return Path(path)


def _padded(values, width):
    values = list(values)
    return values + [None] * (width - len(values))


def _cell(cell, value):
    keep_text(cell)  # 原样保留: text that looks like a formula stays text
    if isinstance(value, (datetime.date, datetime.datetime)):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, str):
        cell.number_format = "@"
    return cell


def _letter(width):
    from openpyxl.utils import get_column_letter

    return get_column_letter(width + 1)
