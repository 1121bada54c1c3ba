"""The look of a source sheet that the error workbook keeps: column widths and number formats.

The reader (python-calamine) gives values, not formats, so the error workbook would lose the
widths and the date or number formats the sender gave their columns.  For an .xlsx (or .xlsm)
source this module reads them back: the widths from the sheet's ``<cols>`` element, parsed
with defusedxml up to ``<sheetData>`` (openpyxl's read-only mode does not expose column
widths, and loading a whole workbook with formats would cost seconds on a large list), and
each column's number format with openpyxl in read-only mode from the first
:data:`SAMPLE_ROWS` data rows (the format most of their non-empty cells share).  Both stop
near the top of the sheet, so a large file costs little.  .xls and .ods sources have no
:class:`Layout`; the error workbook then sets its own formats and widths.

A layout is a nicety: a source whose layout cannot be read (a part calamine read but openpyxl
cannot) gives None with a line in the log, and the error workbook is written all the same.
"""

import collections
import dataclasses
import logging
import zipfile

from gjz_registry.exchange import compact
from gjz_registry.exchange.reader import MAX_COLUMNS

SAMPLE_ROWS = 50
GENERAL = "General"
_LOG = logging.getLogger(__name__)


@dataclasses.dataclass
class Layout:
    """``widths``: {0-based column index: width in Excel character units} of the columns
    the source sizes (``default_width`` for the others, None: Excel's default);
    ``formats``: {column index: the number format of its data cells}, only for columns with
    a format other than General."""

    widths: dict
    formats: dict
    default_width: float = None

    def width(self, index):
        """The source width of column ``index``, or None when the source does not say."""
        return self.widths.get(index, self.default_width)


def read(path, sheet, first_data_row, sample=SAMPLE_ROWS):
    """The :class:`Layout` of worksheet ``sheet`` (its name) of the .xlsx at ``path``, whose
    data starts at 1-based sheet row ``first_data_row``; None when it cannot be read."""
    try:
        widths, default = _widths(path, sheet)
        formats = _formats(path, sheet, first_data_row, sample)
    except Exception as exc:  # a nicety: never a reason to fail an import
        _LOG.warning("layout of %s (sheet %s) not read: %s", path, sheet, exc)
        return None
    return Layout(widths, formats, default)


def _widths(path, sheet):
    """({column index: width} from ``<cols>``, ``<sheetFormatPr defaultColWidth>`` or None)
    of the sheet named ``sheet``; hidden columns are left out (they are shown again)."""
    from defusedxml import ElementTree

    with zipfile.ZipFile(path) as archive:
        parts = {name: part for part, name in compact.worksheet_parts(archive).items()}
        widths, default = {}, None
        if sheet not in parts:
            return widths, default
        with archive.open(parts[sheet]) as stream:
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                tag = element.tag.rpartition("}")[2]
                if tag == "sheetData":
                    break
                if event != "end":
                    continue
                if tag == "sheetFormatPr" and element.get("defaultColWidth"):
                    default = float(element.get("defaultColWidth"))
                elif tag == "col" and element.get("width") and not _hidden(element):
                    first, last = int(element.get("min")), int(element.get("max"))
                    # a range may run to column XFD: only the columns a sheet can import
                    for column in range(first, min(last, MAX_COLUMNS) + 1):
                        widths[column - 1] = float(element.get("width"))
        return widths, default


def _hidden(element):
    return element.get("hidden") in ("1", "true")


def _formats(path, sheet, first_data_row, sample):
    """{column index: number format} shared by most non-empty cells of the sample rows."""
    import openpyxl
    from openpyxl import xml as openpyxl_xml

    if not openpyxl_xml.DEFUSEDXML:  # never parse untrusted XML without defusedxml
        raise RuntimeError("openpyxl is not using defusedxml")
    # from a file object: openpyxl then checks no extension (users rename .xls ↔ .xlsx)
    with open(path, "rb") as stream:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True, keep_links=False)
        return _sample_formats(workbook, sheet, first_data_row, sample)


def _sample_formats(workbook, sheet, first_data_row, sample):
    try:
        worksheet = workbook[sheet]
        worksheet.reset_dimensions()  # WPS records <dimension ref="A1:A1"> whatever the data
        seen = collections.defaultdict(collections.Counter)
        rows = worksheet.iter_rows(min_row=first_data_row, max_row=first_data_row + sample - 1)
        for row in rows:
            for index, cell in enumerate(row):
                if getattr(cell, "value", None) is not None:
                    seen[index][cell.number_format or GENERAL] += 1
    finally:
        workbook.close()
    formats = {}
    for index, counter in seen.items():
        number_format = counter.most_common(1)[0][0]
        if number_format != GENERAL:
            formats[index] = number_format
    return formats
