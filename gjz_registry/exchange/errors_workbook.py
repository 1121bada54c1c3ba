"""The error workbook: the rejected rows as they came, each bad cell red with a comment.

The sheet looks like the one the user sent, so it reads the same in Excel, WPS and
LibreOffice:

- the source's title rows above the header (as text), then its header row(s);
- a first column 「原行号」: the sheet row each rejected row came from, so the reasons (「第 8
  行…」) match it; then the source's columns in their order; then 「原因」 with every reason
  of the row (red, wrapped);
- every rejected row with its original values (dates stay dates, a credit code that arrived
  as a number stays a number, so the user sees what went wrong); a cell named by a problem
  has a red fill and a comment holding the message; problems of the whole row (a duplicate,
  a rule) are in 原因 only;
- number formats: text cells and the code/text columns as text (``@``: a code typed into the
  sheet stays text), dates as dates — with the source column's date format where an .xlsx
  source has one (:mod:`sheet_layout`), else ``yyyy-mm-dd`` — and numbers with the source's
  number format;
- widths: the source's column width, widened to the content where that is wider (CJK
  characters count two, dates as they show), within :data:`MAX_WIDTH`; a longer text wraps.
  So no date shows as ``###`` and no 18-character code is cut off.

Every cell passes through :func:`xlsx_writer.keep_text` (text that looks like a formula
stays text) and :func:`xlsx_writer.xml_text` (a control character, which no worksheet XML
holds, is left out), and the file is written through the output guard (:mod:`gjz_registry.outputs`:
never onto the database, atomically).  The user corrects this workbook and imports it again:
原行号 and 原因 are then reported as unknown columns and ignored.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from gjz_registry import outputs
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange.cells import excel_number_text
from gjz_registry.exchange.xlsx_writer import FONT_NAME, display_width, keep_text, xml_text

ROW_NUMBER_HEADER = "原行号"
REASON_HEADER = "原因"
ERROR_FILL_RGB = "FFFFC7CE"  # Excel's light red fill
ERROR_FONT_RGB = "FF9C0006"
SHEET_TITLE = "被拒绝的行"
COMMENT_AUTHOR = "甘井子区孵化链企业登记系统"
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
GENERAL_FORMAT = "General"
STYLE_PREFIX = "错误清单"  # the named styles: 错误清单1, 错误清单2…
PADDING = 2  # characters added to the widest content of a column
MIN_WIDTH = 6
MAX_WIDTH = 60  # wider content wraps
LINE_HEIGHT = 15  # points per line of wrapped text (11 pt 宋体)
REASON_WIDTH = 60
PAPER_A4 = 9  # SpreadsheetML's paper size code
# Source columns whose blank cells are formatted as text, so what the user types stays text.
TEXT_TYPES = (cols.TEXT, cols.CODE, cols.PHONE, cols.CHOICE)


def write(
    path,
    header_rows,
    rejected_rows,
    guard=None,
    *,
    title_rows=(),
    column_types=None,
    layout=None,
):
    """Write the error workbook to ``path`` through ``guard`` (gjz_registry.outputs: never
    onto the database, written atomically); return the path.

    ``header_rows`` are the source header row(s) and ``title_rows`` the rows above them
    (lists of cells); ``rejected_rows`` objects with ``number`` (the sheet row), ``raw``
    (the cells) and ``errors`` ([(column_index or None, message)]).  ``column_types``
    ({column index: columns type}) are the types of the mapped columns; ``layout`` a
    sheet_layout.Layout of an .xlsx source (its widths and number formats), or None."""
    import openpyxl

    width = max(
        [len(r) for r in (*title_rows, *header_rows)]
        + [len(row.raw) for row in rejected_rows]
        + [i + 1 for row in rejected_rows for i, _ in row.errors if i is not None]
    )
    formats = _Formats(column_types or {}, layout)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    top = len(title_rows) + len(header_rows)
    sheet.freeze_panes = f"B{top + 1}"
    if header_rows:  # printed on every page, with 原行号
        sheet.print_title_rows = f"{len(title_rows) + 1}:{top}"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    widths, narrow = _widths(width, header_rows, rejected_rows, formats, layout)
    for index, column_width in enumerate(widths):
        sheet.column_dimensions[_letter(index)].width = column_width
        number_format = formats.column(index - 1) if 0 < index <= width else None
        if number_format:
            sheet.column_dimensions[_letter(index)].number_format = number_format
    writer = _Writer(workbook, sheet, formats, widths, narrow)
    for row in title_rows:
        sheet.append([None] + [writer.title(value) for value in _padded(row, width)])
    for number, header in enumerate(header_rows):
        last = number == len(header_rows) - 1
        cells = [writer.header(ROW_NUMBER_HEADER if last else None)]
        cells += [writer.header(value) for value in _padded(header, width)]
        cells.append(writer.header(REASON_HEADER if last else None))
        sheet.append(cells)
    for number, row in enumerate(rejected_rows, top + 1):
        lines = writer.lines(row, width)
        if lines > 1:  # wrapped text needs the height: spreadsheets don't grow a row themselves
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines
        sheet.append(writer.rejected(row, width))
    outputs.write(workbook.save, path, guard)
    return Path(path)


class _Formats:
    """The number format of each cell: the source column's format where it suits the
    value, text for text, yyyy-mm-dd for dates."""

    def __init__(self, column_types, layout):
        self.types = column_types
        self.source = layout.formats if layout is not None else {}

    def column(self, index):
        """The format of the whole column (its blank cells): text for text and code
        columns, a date format for date columns, else None."""
        kind = self.types.get(index)
        if kind in TEXT_TYPES:
            return TEXT_FORMAT
        if kind == cols.DATE:
            return self._date(index, datetime.date.min)
        return None

    def cell(self, index, value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return self._date(index, value)
        if isinstance(value, str):
            return TEXT_FORMAT
        source = self.source.get(index)
        if _is_number(value) and source and source != TEXT_FORMAT and not _is_date(source):
            return source
        return None

    def _date(self, index, value):
        source = self.source.get(index)
        if source and _is_date(source):
            return source
        return DATETIME_FORMAT if _has_time(value) else DATE_FORMAT


class _Writer:
    """Makes the write-only cells of each kind of row.

    A cell's font, alignment and number format come as one named style per combination
    (:meth:`_style`): taking a style by name costs openpyxl one lookup, setting the three
    one by one three (felt with 10 000 rejected rows)."""

    def __init__(self, workbook, sheet, formats, widths, narrow):
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment, Font, PatternFill

        self.workbook = workbook
        self.sheet = sheet
        self.formats = formats
        self.widths = widths
        self.narrow = narrow  # source columns with a value wider than the column
        self.comment = Comment
        self.fill = PatternFill("solid", fgColor=ERROR_FILL_RGB)
        plain, bold = Font(name=FONT_NAME), Font(name=FONT_NAME, bold=True)
        # centred: where a CJK font is missing, its stand-in sits lower than the digits
        middle, wrap = Alignment(vertical="center"), Alignment(vertical="center", wrap_text=True)
        self.looks = {
            "title": (plain, Alignment()),
            "heading": (bold, Alignment(horizontal="center", vertical="center", wrap_text=True)),
            "row_number": (plain, Alignment(horizontal="center", vertical="center")),
            "value": (plain, middle),
            "wrapped": (plain, wrap),
            "reason": (Font(name=FONT_NAME, color=ERROR_FONT_RGB), wrap),
        }
        self.styles = {}

    def _style(self, look, number_format):
        """The name of the style with the font and alignment of ``look`` and the format."""
        key = (look, number_format or GENERAL_FORMAT)
        name = self.styles.get(key)
        if name is None:
            from openpyxl.styles import NamedStyle

            font, alignment = self.looks[look]
            name = self.styles[key] = f"{STYLE_PREFIX}{len(self.styles) + 1}"
            self.workbook.add_named_style(
                NamedStyle(name=name, font=font, alignment=alignment, number_format=key[1])
            )
        return name

    def _cell(self, value, look, number_format=None):
        from openpyxl.cell import WriteOnlyCell

        # 原样保留: never a formula; a control character (no XML holds it) is left out
        cell = keep_text(WriteOnlyCell(self.sheet, value=xml_text(value)))
        cell.style = self._style(look, number_format)
        return cell

    def title(self, value):
        return None if value is None else self._cell(_shown(value), "title", TEXT_FORMAT)

    def header(self, value):
        return self._cell(value, "heading", TEXT_FORMAT if isinstance(value, str) else None)

    def lines(self, row, width):
        """How many lines the row's tallest wrapped cell (a long value, the 原因) takes."""
        texts = [(index + 1, _shown(v)) for index, v in enumerate(_padded(row.raw, width))]
        texts.append((width + 1, "；".join(m for _, m in row.errors)))
        return max(
            -(-(display_width(text) + PADDING) // max(1, int(self.widths[column]) - PADDING))
            for column, text in texts
        )

    def rejected(self, row, width):
        messages = {}
        for index, message in row.errors:
            messages.setdefault(index, []).append(message)
        cells = [self._cell(row.number, "row_number")]
        for index, value in enumerate(_padded(row.raw, width)):
            too_wide = index in self.narrow and (
                display_width(_shown(value)) + PADDING > self.widths[index + 1]
            )
            look = "wrapped" if too_wide else "value"
            cell = self._cell(value, look, self.formats.cell(index, value))
            if index in messages:
                cell.fill = self.fill
                text = xml_text("\n".join(messages[index]))
                cell.comment = self.comment(text, COMMENT_AUTHOR, 120, 320)
            cells.append(cell)
        cells.append(self._cell("；".join(m for _, m in row.errors), "reason", TEXT_FORMAT))
        return cells


def _widths(width, header_rows, rejected_rows, formats, layout):
    """The widths of 原行号, the ``width`` source columns and 原因 — each the source width
    (an .xlsx layout), widened to the widest header or value up to MAX_WIDTH (MIN_WIDTH at
    least) — and the indexes of the source columns whose widest value is wider (it wraps)."""
    content = [0] * width
    for row in header_rows:
        for index, value in enumerate(row):
            content[index] = max(content[index], display_width(_shown(value)))
    for row in rejected_rows:
        for index, value in enumerate(row.raw):
            number_format = formats.cell(index, value)
            content[index] = max(content[index], display_width(_shown(value, number_format)))
    last = max([row.number for row in rejected_rows] or [0])
    widths = [max(display_width(ROW_NUMBER_HEADER), len(str(last))) + PADDING]
    for index, shown in enumerate(content):
        source = layout.width(index) if layout is not None else None
        widths.append(max(source or 0, min(MAX_WIDTH, max(shown + PADDING, MIN_WIDTH))))
    widths.append(REASON_WIDTH)
    narrow = {i for i, shown in enumerate(content) if shown + PADDING > widths[i + 1]}
    return widths, narrow


def _shown(value, number_format=None):
    """The text a cell shows (near enough to size its column): dates in their format,
    numbers as Excel's 常规 shows them, the longest line of a text."""
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        if number_format and number_format not in (DATE_FORMAT, DATETIME_FORMAT):
            return _format_sample(number_format)
        return value.isoformat(sep=" ")[:19] if _has_time(value) else value.isoformat()[:10]
    if _is_number(value):
        text = excel_number_text(value)
        return text + "0" * 4 if number_format else text  # room for separators, decimals
    return max(str(value).splitlines() or [""], key=display_width)


def _format_sample(number_format):
    """What a date in ``number_format`` shows, as wide as it gets (yyyy-mm-dd: 2024-12-31)."""
    text = number_format.split(";")[0]
    for token, sample in (("yyyy", "2024"), ("yy", "24"), ("mm", "12"), ("m", "12")):
        text = text.replace(token, sample)
    for token, sample in (("dd", "31"), ("d", "31"), ("hh", "23"), ("ss", "59")):
        text = text.replace(token, sample)
    for mark in ('"', "\\", "@"):
        text = text.replace(mark, "")
    while "[" in text and "]" in text[text.index("[") :]:
        start = text.index("[")
        text = text[:start] + text[text.index("]", start) + 1 :]
    return max(text, "2024-12-31", key=display_width)


def _is_number(value):
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _is_date(number_format):
    from openpyxl.styles.numbers import is_date_format

    return is_date_format(number_format)


def _has_time(value):
    return isinstance(value, datetime.datetime) and value.time() != datetime.time()


def _padded(values, width):
    values = list(values)
    return values + [None] * (width - len(values))


def _letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
