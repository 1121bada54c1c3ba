"""Statistics reports: numbered sections, each a table and optionally a bar or pie chart.

``render_statistics(report, path)`` writes a :class:`reports.data.StatisticsReport` — e.g.
counts by street × stage and street × field, the incubation-chain funnel, qualifications per
year, carrier occupancy — as an A4 PDF.  The renderer is generic: the services decide what
the sections hold; headings are numbered 一、二、三….  Charts are drawn with
reportlab.graphics (VerticalBarChart, Pie, Legend) in the Chinese font.
"""

from __future__ import annotations

import math
import os
import re
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from reports.data import ChartSpec, ProgressBar, StatisticsReport, StatSection
from reports.fonts import RegisteredFonts, register_fonts
from reports.layout import (
    FRAME_PAD,
    GRID,
    HEADER_FILL,
    INK,
    PORTRAIT,
    Heading,
    build_document,
    cell_text,
    format_date,
    paragraph,
    paragraph_styles,
)
from reports.progress_bars import BAR_MIN_LENGTH, progress_bar
from reports.wrap import text_width, wrap_text

PALETTE = [
    colors.HexColor(c)
    for c in (
        "#3E6FB0",
        "#E08A3C",
        "#5AA469",
        "#C0504D",
        "#8064A2",
        "#4BACC6",
        "#9B8B4E",
        "#D67FB0",
        "#7F7F7F",
    )
]
TOTAL_FILL = colors.HexColor("#F3F5F8")
CHINESE_NUMERALS = "一二三四五六七八九十"


def section_number(n: int) -> str:
    """1 → 一, 11 → 十一, 20 → 二十 (headings up to 99)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _format(value) -> str:
    if value is None:
        return ""
    if isinstance(value, ProgressBar):
        return value.text
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, (float, Decimal)):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return format_date(value) if hasattr(value, "year") else str(value)


_NUMERIC = re.compile(r"^[-+]?[\d,]*\.?\d+\s*[%‰]?$")


def _looks_numeric(value) -> bool:
    """A number, or a string that reads as one (1,234 · 86.7% …): centred in its column."""
    if isinstance(value, ProgressBar) or str(value).strip() in ("—", "-"):  # bars, blanks
        return True
    return _is_number(value) or bool(_NUMERIC.match(str(value).strip()))


def _numbers_only(rows, i) -> bool:
    """True when every filled cell of column ``i`` reads as a number (also for alignment)."""
    return all(_looks_numeric(r[i]) for r in rows if i < len(r) and r[i] != "")


def _column_widths(headers, rows, fonts, size, pad, width) -> list[float]:
    """Natural widths (the label column wide enough, numbers compact), fitted to ``width``.

    Headers may take two lines.  A narrow table is widened up to half again, not stretched
    over the page.
    """
    natural = []
    for i, header in enumerate(headers):
        cells = [
            text_width(_format(r[i]), fonts.regular, size)
            + (BAR_MIN_LENGTH + 4 if isinstance(r[i], ProgressBar) else 0)
            for r in rows
            if i < len(r)
        ]
        head = text_width(header, fonts.bold, size)
        need = max(cells + [head / 2 if len(header) > 4 else head])
        natural.append(max(need + 2 * pad + 4, 4.5 * size))
    natural[0] = min(natural[0], width * 0.36)
    total = sum(natural)
    if total > width:
        rest = width - natural[0]
        # Columns up to about six characters keep their width; the long (wrapping) text
        # columns give up what is missing, so numbers and short labels are never squeezed.
        floor = [min(w, 6 * size + 2 * pad + 4) for w in natural[1:]]
        extra = [w - f for w, f in zip(natural[1:], floor)]
        if sum(floor) < rest and sum(extra) > 0:
            share = (rest - sum(floor)) / sum(extra)
            return [natural[0]] + [f + e * share for f, e in zip(floor, extra)]
        # Not even the floors fit: the text columns shrink, a number is not broken.
        numeric = [i > 0 and _numbers_only(rows, i) for i in range(len(natural))]
        fixed = sum(w for w, keep in zip(natural, numeric) if keep)
        text = sum(w for w, keep in zip(natural[1:], numeric[1:]) if not keep)
        if text and rest - fixed > text * 0.5:
            scale = (rest - fixed) / text
            return [natural[0]] + [w if k else w * scale for w, k in zip(natural[1:], numeric[1:])]
        scale = rest / (total - natural[0])
        return [natural[0]] + [w * scale for w in natural[1:]]
    factor = min(1.5, width / total)
    return [w * factor for w in natural]


def _table(section: StatSection, fonts: RegisteredFonts, width: float) -> Table:
    headers = [str(h) for h in section.headers]
    columns = len(headers)
    body = [list(r) + [""] * (columns - len(r)) for r in section.rows]
    all_rows = body + ([list(section.totals)] if section.totals else [])
    size = 10.0 if columns <= 7 else 9.0 if columns <= 10 else 8.0
    leading = size * 1.3
    pad = 3.5
    widths = _column_widths(headers, all_rows, fonts, size, pad, width)

    def cell(value, i, font, align="LEFT"):
        if isinstance(value, ProgressBar):
            return progress_bar(value, fonts, size, widths[i] - 2 * pad)
        text = _format(value)
        lines = wrap_text(text, font, size, widths[i] - 2 * pad)
        return cell_text(text, lines, font, size, leading, align)

    data = [[cell(h, i, fonts.bold, "CENTER") for i, h in enumerate(headers)]]
    for row in all_rows:
        data.append([cell(v, i, fonts.regular) for i, v in enumerate(row[:columns])])
    commands = [
        ("FONT", (0, 0), (-1, -1), fonts.regular, size, leading),
        ("FONT", (0, 0), (-1, 0), fonts.bold, size, leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (0, -1), "LEFT"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 1.0, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in range(1, columns):
        numeric = _numbers_only(all_rows, i)
        commands.append(("ALIGN", (i, 1), (i, -1), "CENTER" if numeric else "LEFT"))
    if section.totals:
        commands += [
            ("FONT", (0, -1), (-1, -1), fonts.bold, size, leading),
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
            ("LINEABOVE", (0, -1), (-1, -1), 0.9, GRID),
        ]
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands))


def _nice_step(top: float) -> float:
    if top <= 0:
        return 1
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return max(1, factor * power) if top >= 5 else 1
    return 10 * power


def _values(series) -> list[tuple[str, list[float]]]:
    result = []
    for item in series:
        name, values = (
            (item[0], item[1])
            if not isinstance(item, dict)
            else (
                item.get("name", ""),
                item.get("values", []),
            )
        )
        result.append((str(name), [float(v or 0) for v in values]))
    return result


def _legend(fonts, pairs, x, y, columns=1) -> Legend:
    legend = Legend()
    legend.fontName = fonts.regular
    legend.fontSize = 8.5
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.columnMaximum = max(1, math.ceil(len(pairs) / columns))
    legend.dx = legend.dy = 8
    legend.deltax = 70
    legend.deltay = 12
    legend.colorNamePairs = pairs
    legend.strokeWidth = 0
    return legend


def _drawing(width: float, height: float, fonts: RegisteredFonts) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.regular  # else the renderer references Helvetica
    return drawing


def _bar_chart(spec: ChartSpec, fonts: RegisteredFonts, width: float) -> Drawing:
    series = _values(spec.series)
    labels = [str(x) for x in spec.labels]
    height = 200.0
    many = len(labels) > 6 or max((len(x) for x in labels), default=0) > 5
    legend_w = 110.0 if len(series) > 1 else 0.0
    drawing = _drawing(width, height, fonts)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 52 if many else 30
    groups = max(len(labels), 1)
    plot = min(width - chart.x - 10 - legend_w, groups * (len(series) * 26 + 34) + 20)
    plot = max(plot, min(220.0, width - chart.x - 10 - legend_w))
    chart.x = (width - legend_w - plot) / 2 + 10
    chart.width = plot
    chart.height = height - chart.y - (22 if spec.title else 10)
    chart.data = [tuple(v) for _, v in series]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 8.5
    if many:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx = 4
        chart.categoryAxis.labels.dy = -2
    else:
        chart.categoryAxis.labels.dy = -4
    if spec.stacked and len(series) > 1:
        chart.categoryAxis.style = "stacked"
        top = max((sum(vals) for vals in zip(*chart.data, strict=False)), default=0)
    else:
        top = max((max(v) for v in chart.data if v), default=0)
    step = _nice_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, math.ceil(top / step) * step) if top else step * 5
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d" if float(step).is_integer() else "%.1f"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.barSpacing = 1
    chart.groupSpacing = 8
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    if len(series) == 1:
        chart.barLabelFormat = "%d" if all(float(v).is_integer() for v in series[0][1]) else "%.1f"
        chart.barLabels.fontName = fonts.regular
        chart.barLabels.fontSize = 8
        chart.barLabels.nudge = 6
    drawing.add(chart)
    if len(series) > 1:
        pairs = [(PALETTE[i % len(PALETTE)], name) for i, (name, _) in enumerate(series)]
        legend_x = chart.x + chart.width + 16
        drawing.add(_legend(fonts, pairs, legend_x, chart.y + chart.height))
    if spec.title:
        drawing.add(_caption(spec.title, fonts, width / 2, height - 12))
    return drawing


def _caption(text, fonts, x, y) -> String:
    caption = String(x, y, text, fontName=fonts.bold, fontSize=10, textAnchor="middle")
    caption.fillColor = INK
    return caption


def _amount(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


def _pie_chart(spec: ChartSpec, fonts: RegisteredFonts, width: float) -> Drawing | None:
    series = _values(spec.series)
    if not series:
        return None
    slices = [(str(label), v) for label, v in zip(spec.labels, series[0][1], strict=False) if v > 0]
    total = sum(v for _, v in slices)
    if not total:
        return None
    height = 190.0
    drawing = _drawing(width, height, fonts)
    pie = Pie()
    diameter = 140.0
    labels = [f"{label}  {_amount(v)}（{v / total:.1%}）" for label, v in slices]
    legend_w = 26 + max(text_width(x, fonts.regular, 8.5) for x in labels)
    cluster = diameter + 40 + legend_w
    pie.x = max(10.0, (width - cluster) / 2)
    pie.y = (height - diameter) / 2 - (6 if spec.title else 0)
    pie.width = pie.height = diameter
    pie.data = [v for _, v in slices]
    pie.labels = None
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for i in range(len(slices)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    drawing.add(pie)

    pairs = [(PALETTE[i % len(PALETTE)], text) for i, text in enumerate(labels)]
    legend = _legend(fonts, pairs, pie.x + diameter + 40, pie.y + diameter - 4)
    legend.deltay = 15
    drawing.add(legend)
    if spec.title:
        drawing.add(_caption(spec.title, fonts, width / 2, height - 12))
    return drawing


def chart_drawing(spec: ChartSpec, fonts: RegisteredFonts, width: float) -> Drawing | None:
    """A Drawing for ``spec`` ("bar" or "pie"), or None when there is nothing to draw."""
    spec = ChartSpec.coerce(spec)
    if spec is None or not spec.labels or not spec.series:
        return None
    if spec.kind == "pie":
        return _pie_chart(spec, fonts, width)
    return _bar_chart(spec, fonts, width)


def render_statistics(
    report, path: str | os.PathLike, fonts: RegisteredFonts | None = None, guard=None
) -> str:
    """Write ``report`` (a StatisticsReport, or a dict with its fields) as a PDF at ``path``.

    Written atomically through the output guard ``guard`` (gjz_registry.outputs; the front
    ends pass ``registry.outputs``); returns the path; raises OutputPathError when ``path``
    may not or cannot be written.
    """
    report = StatisticsReport.coerce(report)
    fonts = fonts or register_fonts()
    styles = paragraph_styles(fonts)
    setup = PORTRAIT
    width = setup.frame_width - 2 * FRAME_PAD
    story = [Heading(report.title, fonts, size=18, space_after=2)]
    if report.subtitle:
        story.append(paragraph(report.subtitle, styles["subtitle"]))
    byline = "　　".join(
        x for x in (report.unit_name, format_date(report.date) if report.date else "") if x
    )
    if byline:
        story.append(paragraph(byline, styles["center"]))
    story.append(Spacer(1, 4 * mm))
    for number, section in enumerate(report.sections, start=1):
        heading = paragraph(f"{section_number(number)}、{section.title}", styles["heading"])
        parts = [heading]
        if section.headers:
            parts.append(_table(section, fonts, width))
        if section.note:
            parts += [Spacer(1, 2), paragraph(section.note, styles["note"])]
        chart = chart_drawing(section.chart, fonts, width) if section.chart else None
        if chart is not None:
            parts += [Spacer(1, 3 * mm), chart]
        # A section starts on a new page rather than leave its chart apart from its table
        # (KeepTogether still splits a section taller than a page).
        story.append(KeepTogether(parts))
        story.append(Spacer(1, 5 * mm))
    build_document(path, setup, story, fonts, report.title, report.unit_name, guard)
    return str(path)


__all__ = [
    "ChartSpec",
    "ProgressBar",
    "StatSection",
    "StatisticsReport",
    "chart_drawing",
    "progress_bar",
    "render_statistics",
]
