"""Printing helpers for the command line: aligned tables with Chinese (double-width) text."""

import datetime
import sys
import unicodedata
from decimal import Decimal


def width(text):
    """Display width: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def table(headers, rows, out=None, max_width=40):
    """Print ``rows`` under ``headers`` with columns padded to their display width."""
    out = out or sys.stdout
    text_rows = [[_clip(cell(v), max_width) for v in row] for row in rows]
    widths = [width(h) for h in headers]
    for row in text_rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], width(value))

    def line(values):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    print(line(list(headers)), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in text_rows:
        print(line(row), file=out)


def _clip(text, limit):
    if width(text) <= limit:
        return text
    out = ""
    for c in text:
        if width(out + c) > limit - 1:
            return out + "…"
        out += c
    return out
