"""Progress bars for table cells: a track, the part done (full from 100 % on), a tick.

``progress_bar(bar, fonts, size, width)`` draws a :class:`reports.data.ProgressBar` as a
Drawing the size of a table cell — used by ``reports.statistics`` for ProgressBar cells, e.g.
the completion of a plan's target with the share of the plan's time elapsed as the tick.
The label is real text in the embedded font (pdftotext gives it back).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from reports.data import ProgressBar
from reports.fonts import RegisteredFonts
from reports.layout import INK
from reports.wrap import text_width

BAR_TRACK = colors.HexColor("#E4E7EC")
DEFAULT_FILL = "#3E6FB0"  # the statistics palette's first colour
BAR_MIN_LENGTH = 36.0  # points of bar beside a progress bar's label


def progress_bar(bar: ProgressBar, fonts: RegisteredFonts, size: float, width: float) -> Drawing:
    """A cell-sized Drawing: the bar (full at 100 %), its label, and the tick of ``mark``."""
    bar = ProgressBar.coerce(bar)
    height = size * 1.35
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.regular  # else the renderer references Helvetica
    label = String(width, size * 0.3, bar.text, fontName=fonts.regular, fontSize=size * 0.9)
    label.textAnchor = "end"
    label.fillColor = INK
    length = width - text_width(bar.text, fonts.regular, size * 0.9) - 4
    if bar.fraction is not None and length > 8:
        y, h = size * 0.2, size * 0.9
        drawing.add(Rect(0, y, length, h, fillColor=BAR_TRACK, strokeColor=None))
        done = max(0.0, min(1.0, float(bar.fraction)))
        fill = colors.HexColor(bar.colour or DEFAULT_FILL)
        if done > 0:
            drawing.add(Rect(0, y, length * done, h, fillColor=fill, strokeColor=None))
        if bar.mark is not None:
            x = length * max(0.0, min(1.0, float(bar.mark)))
            drawing.add(Line(x, y - 1.5, x, y + h + 1.5, strokeColor=INK, strokeWidth=1.2))
    drawing.add(label)
    return drawing


__all__ = ["BAR_MIN_LENGTH", "progress_bar"]
