"""Printed lists (名单): title, unit and date, a ruled table, page numbers and a signing block.

``render_list(report, path)`` writes a :class:`reports.data.ListReport` as an A4 PDF:

- the title centred in the bold face (黑体), then 制表单位 on the left and the date on the right;
- a table with 序号 and the report's columns, the header repeated on every page, A4 landscape
  when the columns do not fit portrait; long Chinese values wrap inside their cell;
- 「第 X 页 共 Y 页」 in every footer, and a 制表人 / 审核人 / 盖章 block after the table.

Speed: a single reportlab Table of 10 000 rows is very slow to split, and a Paragraph per
cell is slow to wrap.  Cells are therefore broken into lines by ``reports.wrap`` (fast,
CJK-aware, exact font metrics), every row's height is known in advance, and a small flowable
hands platypus one page-sized Table at a time with fixed row heights.
``render_list_baseline`` is the bare reportlab build of the same rows that the benchmark
compares with (fixed 40-row Table chunks, same font, columns and page size).
"""

from __future__ import annotations

import bisect
import os

from reportlab.lib.units import mm
from reportlab.platypus import (
    CellStyle,
    Flowable,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from gjz_registry import outputs
from gjz_registry.errors import InvalidValueError
from reports import glyphs
from reports.data import ListColumn, ListReport
from reports.fonts import RegisteredFonts, register_fonts
from reports.layout import (
    FRAME_PAD,
    GRID,
    HEADER_FILL,
    INK,
    Heading,
    PageSetup,
    build_document,
    cell_text,
    format_date,
    page_setup,
    paragraph,
    paragraph_styles,
)
from reports.wrap import text_width, wrap_text

FONT_SIZE = 10.0
LEADING = 13.0
PAD_H = 4.0  # left/right cell padding
PAD_V = 3.5  # top/bottom cell padding
NUMBER_HEADER = "序号"


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(value)


def _columns(report: ListReport, rows_count: int) -> list[ListColumn]:
    columns = list(report.columns)
    if report.numbered:
        digits = len(str(max(rows_count, 1)))
        columns.insert(0, ListColumn(NUMBER_HEADER, max(3.0, digits * 0.6 + 1.2), "CENTER"))
    return columns


def _layout(report: ListReport, fonts: RegisteredFonts, rows_count: int):
    """(page setup, column list, column widths in points)."""
    columns = _columns(report, rows_count)
    natural = [c.width * FONT_SIZE + 2 * PAD_H for c in columns]
    # The header must fit on at most two lines in the natural width.
    for i, column in enumerate(columns):
        need = text_width(column.header, fonts.bold, FONT_SIZE) / 2 + 2 * PAD_H + FONT_SIZE
        natural[i] = max(natural[i], min(need, 6 * FONT_SIZE))
    setup = page_setup(sum(natural) + 2 * FRAME_PAD, report.orientation)
    usable = setup.frame_width - 2 * FRAME_PAD
    scale = usable / sum(natural)
    widths = [w * scale for w in natural]
    return setup, columns, widths


def _table_style(fonts: RegisteredFonts, columns: list[ListColumn]):
    """(TableStyle of the fill and rules, [header cell styles, body cell styles]).

    Each cell's font, colour, alignment and padding are CellStyle objects made once per
    column and shared by every page's Table (``cellStyles``): applied as TableStyle commands
    they were set cell by cell on every page, a tenth of a long list's time."""
    style = TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("INNERGRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BOX", (0, 0), (-1, -1), 1.0, GRID),
            ("LINEBELOW", (0, 0), (-1, 0), 0.9, GRID),
        ]
    )
    header = [_cell_style(fonts.bold, "CENTER") for _ in columns]
    body = [_cell_style(fonts.regular, column.align) for column in columns]
    return style, [header, body]


def _cell_style(font: str, align: str) -> CellStyle:
    cell = CellStyle(f"{font}-{align}")
    cell.fontname, cell.fontsize, cell.leading = font, FONT_SIZE, LEADING
    cell.color, cell.valign, cell.alignment = INK, "MIDDLE", align
    cell.leftPadding = cell.rightPadding = PAD_H
    cell.topPadding = cell.bottomPadding = PAD_V
    return cell


class RowPager(Flowable):
    """Rows of a long table, handed to platypus one page-sized Table at a time.

    Row heights are known in advance (cells are pre-wrapped), so splitting is a binary
    search instead of reportlab's row-by-row measurement of one huge table.  The ``tail``
    flowables (the note and the signing block) are drawn under the last rows, and the last
    page keeps a few rows with them rather than leave the signing block alone on a page.
    """

    KEEP_WITH_TAIL = 3  # rows that go to the last page with the tail when it must move

    def __init__(self, header, header_height, rows, heights, prefix, widths, style, tail=()):
        super().__init__()
        self.header = header
        self.header_height = header_height
        self.rows = rows
        self.heights = heights
        self.prefix = prefix  # prefix[i] = sum(heights[:i])
        self.widths = widths
        self.style = style  # (TableStyle, [header cell styles, body cell styles])
        self.tail = list(tail)
        self.start = 0
        self.width = sum(widths)

    def _rest(self, start: int) -> RowPager:
        # A new object, not a copy: platypus marks flowables (e.g. _postponed) as it goes.
        rest = RowPager(
            self.header,
            self.header_height,
            self.rows,
            self.heights,
            self.prefix,
            self.widths,
            self.style,
            self.tail,
        )
        rest.start = start
        return rest

    def _make(self, start: int, stop: int) -> Table:
        style, (header, body) = self.style
        return Table(
            [self.header, *self.rows[start:stop]],
            colWidths=self.widths,
            rowHeights=[self.header_height, *self.heights[start:stop]],
            style=style,
            repeatRows=1,
            cellStyles=[header] + [body] * (stop - start),
        )

    def _tail_height(self) -> float:
        return sum(f.wrap(self.width, 10_000)[1] for f in self.tail)

    def wrap(self, avail_width, avail_height):
        rows_height = self.prefix[-1] - self.prefix[self.start]
        self.height = self.header_height + rows_height + self._tail_height()
        return self.width, self.height

    def split(self, avail_width, avail_height):
        end = len(self.rows)
        limit = self.prefix[self.start] + avail_height - self.header_height
        stop = bisect.bisect_right(self.prefix, limit + 1e-6) - 1
        if stop >= end:
            # All rows fit but the tail does not: some rows go over with it.
            if end - self.start > 1:
                stop = max(self.start + 1, end - self.KEEP_WITH_TAIL)
                return [self._make(self.start, stop), PageBreak(), self._rest(stop)]
            return [self._make(self.start, end), *self.tail]
        if stop <= self.start:
            return []
        return [self._make(self.start, stop), self._rest(stop)]

    def draw(self):
        y = self.height
        parts = [self._make(self.start, len(self.rows)), *self.tail]
        for part in parts:
            _, height = part.wrapOn(self.canv, self.width, y)
            y -= height
            part.drawOn(self.canv, 0, y)


def _prepare_rows(report, fonts, columns, widths, max_height):
    """Wrap every cell; return (header, header height, rows, heights, prefix sums)."""
    inner = [w - 2 * PAD_H for w in widths]
    header_lines = [
        wrap_text(c.header, fonts.bold, FONT_SIZE, inner[i]) for i, c in enumerate(columns)
    ]
    header = [
        cell_text(c.header, lines, fonts.bold, FONT_SIZE, LEADING, "CENTER")
        for c, lines in zip(columns, header_lines)
    ]
    header_height = max(len(lines) for lines in header_lines) * LEADING + 2 * PAD_V
    max_lines = max(1, int((max_height - header_height - 2 * PAD_V) // LEADING))
    font = fonts.regular
    offset = 1 if report.numbered else 0
    rows: list[list[str]] = []
    heights: list[float] = []
    prefix = [0.0]
    total = 0.0
    for number, source in enumerate(report.rows, start=1):
        cells = [_cell(v) for v in source]
        cells += [""] * (len(columns) - offset - len(cells))
        if report.numbered:
            cells.insert(0, str(number))
        cells = cells[: len(columns)]
        # one look at the whole row: a name with a character the font lacks is rare
        rare = glyphs.lacks(font, "".join(cells))
        tallest = 1
        for i, text in enumerate(cells):
            lines = wrap_text(text, font, FONT_SIZE, inner[i], max_lines)
            if len(lines) > 1:
                cells[i] = "\n".join(lines)
                tallest = max(tallest, len(lines))
            if rare:
                cells[i] = cell_text(text, lines, font, FONT_SIZE, LEADING, columns[i].align)
        height = tallest * LEADING + 2 * PAD_V
        rows.append(cells)
        heights.append(height)
        total += height
        prefix.append(total)
    return header, header_height, rows, heights, prefix


def _title_block(report: ListReport, fonts: RegisteredFonts, setup: PageSetup, styles):
    story = [Heading(report.title, fonts, size=18, space_after=4)]
    if report.subtitle:
        story.append(paragraph(report.subtitle, styles["subtitle"]))
    unit = f"制表单位：{report.unit_name}" if report.unit_name else ""
    date = f"制表日期：{format_date(report.date)}" if report.date else ""
    if unit or date:
        width = setup.frame_width - 2 * FRAME_PAD
        line = Table(
            [[paragraph(unit, styles["left"]), paragraph(date, styles["right"])]],
            colWidths=[width * 0.6, width * 0.4],
            style=[
                ("FONT", (0, 0), (-1, -1), fonts.regular),  # else Table sets Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ],
        )
        story.append(line)
    else:
        story.append(Spacer(1, 4))
    return story


def _closing_block(report: ListReport, fonts: RegisteredFonts, styles, width: float):
    story = []
    if report.note:
        story.append(Spacer(1, 4))
        story.append(_FixedWidth(paragraph(report.note, styles["note"]), width))
    if report.signers:
        cells = [paragraph(label, styles["left"]) for label in report.signers]
        block = Table(
            [cells],
            colWidths=[width / len(cells)] * len(cells),
            rowHeights=[16 * mm],
            style=[
                ("FONT", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        story += [Spacer(1, 6 * mm), block]
    return story


class _FixedWidth(Flowable):
    """A paragraph laid out at a fixed width (RowPager measures its tail with a huge height)."""

    def __init__(self, flowable, width):
        super().__init__()
        self.flowable = flowable
        self.width = width

    def wrap(self, avail_width, avail_height):
        self.height = self.flowable.wrap(self.width, avail_height)[1]
        return self.width, self.height

    def draw(self):
        self.flowable.drawOn(self.canv, 0, 0)


def render_list(
    report, path: str | os.PathLike, fonts: RegisteredFonts | None = None, guard=None
) -> str:
    """Write ``report`` (a ListReport, or a dict/object with its fields) as a PDF at ``path``.

    The file is written atomically through the output guard ``guard`` (gjz_registry.outputs;
    the front ends pass ``registry.outputs``).  Returns the path.  Raises InvalidValueError
    for a list without columns and OutputPathError when ``path`` may not or cannot be written.
    """
    report = ListReport.coerce(report)
    fonts = fonts or register_fonts()
    setup, story = list_story(report, fonts)
    build_document(path, setup, story, fonts, report.title, report.unit_name, guard)
    return str(path)


def list_story(report: ListReport, fonts: RegisteredFonts):
    """(page setup, flowables) of one list: title block, table, closing block."""
    if not report.columns:
        raise InvalidValueError("名单至少要有一列（如「企业名称」）。", field="columns")
    styles = paragraph_styles(fonts)
    setup, columns, widths = _layout(report, fonts, len(report.rows))
    header, header_height, rows, heights, prefix = _prepare_rows(
        report, fonts, columns, widths, setup.frame_height - 2 * FRAME_PAD
    )
    story = _title_block(report, fonts, setup, styles)
    tail = _closing_block(report, fonts, styles, sum(widths))
    style = _table_style(fonts, columns)
    story.append(RowPager(header, header_height, rows, heights, prefix, widths, style, tail))
    return setup, story


def render_list_baseline(
    report, path: str | os.PathLike, fonts: RegisteredFonts | None = None, chunk_rows: int = 40
) -> str:
    """The bare reportlab build of ``report``'s rows, for the benchmark's comparison.

    Same font, page size, column widths and cells (序号 included) as :func:`render_list`,
    built as fixed ``chunk_rows``-row Tables with plain strings: no wrapping, no title
    block, no page totals.  Not for users — its cells may overflow.
    """
    report = ListReport.coerce(report)
    fonts = fonts or register_fonts()
    setup, columns, widths = _layout(report, fonts, len(report.rows))
    header = [c.header for c in columns]
    data = []
    for number, source in enumerate(report.rows, start=1):
        cells = [_cell(v) for v in source]
        if report.numbered:
            cells.insert(0, str(number))
        data.append(cells[: len(columns)])
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), fonts.regular, FONT_SIZE, LEADING),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ]
    )
    story = [
        Table([header] + data[i : i + chunk_rows], colWidths=widths, repeatRows=1, style=style)
        for i in range(0, len(data), chunk_rows)
    ]
    with outputs.temporary(path) as tmp:
        doc = SimpleDocTemplate(
            tmp,
            pagesize=setup.pagesize,
            leftMargin=setup.left,
            rightMargin=setup.right,
            topMargin=setup.top,
            bottomMargin=setup.bottom,
        )
        doc.build(story)
    return str(path)


__all__ = [
    "ListColumn",
    "ListReport",
    "RowPager",
    "list_story",
    "render_list",
    "render_list_baseline",
]
