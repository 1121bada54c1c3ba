"""The bare reportlab build of a list, run in its own process (bench/run.py's end-to-end list
measure compares ``gjz report …`` with it).

    python bench/list_baseline.py ROWS.json FONT_PATH SUBFONT OUT.pdf

ROWS.json holds {"pagesize": [w, h], "margins": [l, r, t, b], "widths": [...],
"header": [...], "rows": [[...], ...]} — the very cells (序号 included), page size, margins
and column widths of the list the program printed.  The build registers the same TrueType
font and writes one Table per page-full of rows with fixed row heights (one line each; no
wrapping, no title, no page totals) into binary (Flate-only) streams, as the program
writes its PDFs: what any PDF of these rows costs with reportlab.
"""

import json
import sys

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

ROW_HEIGHT = 20.0


def main(rows_file, font_path, subfont, output):
    with open(rows_file, encoding="utf-8") as fh:
        spec = json.load(fh)
    pdfmetrics.registerFont(TTFont("bare", font_path, subfontIndex=int(subfont)))
    left, right, top, bottom = spec["margins"]
    height = spec["pagesize"][1] - top - bottom - 2 * 6  # the frame's own padding
    per_page = max(1, int(height // ROW_HEIGHT) - 1)
    style = TableStyle(
        [("FONT", (0, 0), (-1, -1), "bare", 10, 13), ("GRID", (0, 0), (-1, -1), 0.5, "grey")]
    )
    rows = spec["rows"]
    story = [
        Table(
            [spec["header"], *rows[i : i + per_page]],
            colWidths=spec["widths"],
            rowHeights=ROW_HEIGHT,
            style=style,
        )
        for i in range(0, len(rows), per_page)
    ]
    doc = SimpleDocTemplate(
        output,
        pagesize=spec["pagesize"],
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
    )
    rl_config.useA85 = 0  # binary streams, as the program writes them (reports/layout.py)
    doc.build(story)


if __name__ == "__main__":
    main(*sys.argv[1:5])
