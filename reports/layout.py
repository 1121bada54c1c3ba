"""Page layout shared by the PDF renderers: pages, styles, the numbered footer, dates.

- ``page_setup`` chooses A4 portrait or landscape from the columns' natural width;
- ``paragraph_styles`` gives ParagraphStyles in the registered Chinese font with
  ``wordWrap='CJK'`` (title in the bold face, i.e. 黑体 where present);
- ``numbered_canvas`` makes a canvas class that writes 「第 X 页 共 Y 页」 in every footer:
  page states are kept until the end (the usual NumberedCanvas pattern), so the total is
  known without building the document twice;
- ``Heading`` draws a centred title, emboldened with a stroke when the bold face is only
  the regular one (e.g. WenQuanYi Zen Hei has no bold);
- ``format_date`` prints dates the way Chinese documents do: 2020年12月31日;
- a character the font lacks (CJK Extension B names) is set in a fallback font
  (``reports.glyphs``): ``draw_text`` draws run by run, ``paragraph`` puts such runs in
  ``<font name=…>``, and ``cell_text`` makes a table cell that needs it a ``TextLines``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from gjz_registry import outputs
from reports import glyphs
from reports.fonts import RegisteredFonts
from reports.wrap import text_width, wrap_text

INK = colors.HexColor("#1A1A1A")
GRID = colors.HexColor("#404040")
HEADER_FILL = colors.HexColor("#E8ECF2")
MUTED = colors.HexColor("#666666")

MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 18 * mm
MARGIN_SIDE = 15 * mm
FOOTER_Y = 9 * mm

FRAME_PAD = 6.0  # platypus Frame's own padding, each side
PAGE_FORMAT = "第 {page} 页 共 {total} 页"
CREATOR = "甘井子区孵化链企业登记系统"


@dataclass(frozen=True)
class PageSetup:
    """A page size and its margins; ``frame_width``/``frame_height`` is the text area."""

    pagesize: tuple[float, float]
    left: float = MARGIN_SIDE
    right: float = MARGIN_SIDE
    top: float = MARGIN_TOP
    bottom: float = MARGIN_BOTTOM

    @property
    def landscape(self) -> bool:
        return self.pagesize[0] > self.pagesize[1]

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.top - self.bottom


PORTRAIT = PageSetup(A4)
LANDSCAPE = PageSetup(landscape(A4))


def page_setup(natural_width: float, orientation: str = "auto") -> PageSetup:
    """A4 portrait unless ``natural_width`` (points) does not fit it, then landscape.

    ``orientation`` "portrait" or "landscape" forces the choice.
    """
    if orientation == "portrait":
        return PORTRAIT
    if orientation == "landscape":
        return LANDSCAPE
    return PORTRAIT if natural_width <= PORTRAIT.frame_width else LANDSCAPE


def format_date(value) -> str:
    """``date``/``datetime`` → 2020年12月31日; a string is returned as given; None → ""."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def paragraph_styles(fonts: RegisteredFonts, base_size: float = 10.5) -> dict[str, ParagraphStyle]:
    """Named ParagraphStyles in the Chinese font, all with ``wordWrap='CJK'``."""

    def style(name, **kw):
        kw.setdefault("fontName", fonts.regular)
        kw.setdefault("fontSize", base_size)
        kw.setdefault("leading", kw["fontSize"] * 1.45)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, wordWrap="CJK", **kw)

    return {
        "title": style("title", fontName=fonts.bold, fontSize=18, leading=26, alignment=TA_CENTER),
        "subtitle": style("subtitle", fontSize=base_size + 1, alignment=TA_CENTER),
        "heading": style(
            "heading", fontName=fonts.bold, fontSize=13, leading=20, spaceBefore=10, spaceAfter=6
        ),
        "body": style("body", alignment=TA_JUSTIFY),
        "left": style("left", alignment=TA_LEFT),
        "right": style("right", alignment=TA_RIGHT),
        "center": style("center", alignment=TA_CENTER),
        "note": style("note", fontSize=base_size - 1.5, textColor=MUTED),
        "cell": style("cell", fontSize=9.5, leading=12),
    }


def synthetic_bold(fonts: RegisteredFonts) -> bool:
    """True when the bold face is the regular one, so bold must be faked with a stroke."""
    return fonts.bold == fonts.regular


def draw_text(
    canv,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    align: str = "left",
    embolden: bool = False,
    spacing: float = 0.0,
) -> None:
    """Draw one line at (x, y): ``align`` left/center/right; optional fake bold and spacing.
    Characters ``font`` lacks are drawn in their fallback font."""
    width = text_width(text, font, size) + spacing * max(len(text) - 1, 0)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    canv.saveState()
    text_obj = canv.beginText(x, y)
    if spacing:
        text_obj.setCharSpace(spacing)
    if embolden:
        canv.setLineWidth(size / 28.0)
        canv.setStrokeColor(canv._fillColorObj)
        text_obj.setTextRenderMode(2)  # fill, then stroke: a heavier line
    for run, run_font in glyphs.runs(font, text):
        text_obj.setFont(run_font, size)
        text_obj.textOut(run)
    canv.drawText(text_obj)
    canv.restoreState()


class Heading(Flowable):
    """A centred one-line (or wrapped) title in the bold face, emboldened if needed."""

    def __init__(self, text: str, fonts: RegisteredFonts, size: float = 18, space_after=6):
        super().__init__()
        self.text = text
        self.font = fonts.bold
        self.size = size
        self.embolden = synthetic_bold(fonts)
        self.space_after = space_after
        self._lines: list[str] = [text]

    def wrap(self, avail_width, avail_height):
        self._width = avail_width
        self._lines = wrap_text(self.text, self.font, self.size, avail_width * 0.92)
        self._leading = self.size * 1.4
        return avail_width, self._leading * len(self._lines) + self.space_after

    def draw(self):
        y = self._leading * len(self._lines) + self.space_after - self.size
        for line in self._lines:
            draw_text(
                self.canv, self._width / 2, y, line, self.font, self.size, "center", self.embolden
            )
            y -= self._leading


def numbered_canvas(font: str, size: float = 9, fmt: str = PAGE_FORMAT, y: float = FOOTER_Y):
    """A Canvas class whose pages get 「第 X 页 共 Y 页」 centred in the footer.

    Each page's drawing is kept until ``save()``, when the total page count is known;
    the canvas also starts in the Chinese font, so no unused Helvetica is referenced.
    """

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            # platypus passes initialFontName=None explicitly: replace it, don't setdefault.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or size
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                rl_canvas.Canvas.showPage(self)
            rl_canvas.Canvas.save(self)

        def _draw_footer(self, total: int):
            self.saveState()
            self.setFont(font, size)
            self.setFillColor(MUTED)
            text = fmt.format(page=self._pageNumber, total=total)
            self.drawCentredString(self._pagesize[0] / 2, y, text)
            self.restoreState()

    return NumberedCanvas


def escape(text) -> str:
    """``text`` made safe for a reportlab Paragraph (which reads a little XML)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text, font: str) -> str:
    """``text`` as Paragraph markup for a paragraph set in ``font``: escaped, and each run of
    characters the font lacks in ``<font name=…>`` of its fallback font."""
    return "".join(
        escape(run) if name == font else f'<font name="{name}">{escape(run)}</font>'
        for run, name in glyphs.runs(font, str(text))
    )


def paragraph(text, style) -> Paragraph:
    """A Paragraph of plain ``text`` in ``style`` (rare characters in their fallback font)."""
    return Paragraph(markup(text, style.fontName), style)


def cell_text(text: str, lines: list[str], font: str, size: float, leading: float, align: str):
    """A table cell of ``text`` broken into ``lines``: the plain string a Table draws in its
    FONT, or — when ``font`` lacks a character of it — a :class:`TextLines`."""
    if glyphs.lacks(font, text):
        return TextLines(lines, font, size, leading, align)
    return "\n".join(lines)


class TextLines(Flowable):
    """Lines of a table cell drawn run by run, for text that needs a fallback font (a Table
    draws a plain string in one font).  Placed by the Table like its strings: the block is
    ``leading`` per line, each line aligned LEFT, CENTER or RIGHT within it."""

    def __init__(self, lines: list[str], font: str, size: float, leading: float, align="LEFT"):
        super().__init__()
        self.lines = list(lines)
        self.font = font
        self.size = size
        self.leading = leading
        self.align = align.upper()

    def wrap(self, avail_width, avail_height):
        self.width = max(
            (text_width(line, self.font, self.size) for line in self.lines), default=0.0
        )
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def draw(self):
        x, align = {
            "CENTER": (self.width / 2, "center"),
            "CENTRE": (self.width / 2, "center"),
            "RIGHT": (self.width, "right"),
        }.get(self.align, (0.0, "left"))
        y = self.height - self.size
        for line in self.lines:
            draw_text(self.canv, x, y, line, self.font, self.size, align)
            y -= self.leading


def build_document(
    path, setup: PageSetup, story, fonts: RegisteredFonts, title="", author="", guard=None
):
    """Build ``story`` into ``path`` with the numbered footer on every page, through the
    output guard ``guard`` (gjz_registry.outputs: never onto the database; atomically)."""
    with outputs.temporary(path, guard) as tmp:
        doc = SimpleDocTemplate(
            tmp,
            pagesize=setup.pagesize,
            leftMargin=setup.left,
            rightMargin=setup.right,
            topMargin=setup.top,
            bottomMargin=setup.bottom,
            title=title,
            author=author or CREATOR,
            creator=CREATOR,
        )
        # Binary (Flate-only) streams: reportlab's default ASCII85 layer makes every page
        # stream a quarter bigger and costs a fifth of a long list's time, for PDF readers
        # that all read binary streams anyway.
        plain, rl_config.useA85 = rl_config.useA85, 0
        try:
            doc.build(story, canvasmaker=numbered_canvas(fonts.regular))
        finally:
            rl_config.useA85 = plain
