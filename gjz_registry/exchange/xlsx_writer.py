"""A small streaming .xlsx writer for exports: typed cells, a bold frozen header, widths.

Exports of 50 000 enterprises must not take longer than a bare openpyxl write-only dump of the
same rows, yet every cell here carries a format (code columns as text, dates as dates), which
costs openpyxl even more.  So the sheet XML is written directly, row by row, into the zip
stream (``inlineStr`` strings, numbers, date serials with a date style); only a few styles
exist.  The result opens in Excel, WPS and LibreOffice and reads back with openpyxl and
calamine.  Workbooks that need comments, fills or data validation (template, error
workbook) are small and are written with openpyxl instead; they pass their cells through
:func:`keep_text` (or the whole workbook through :func:`keep_text_everywhere`), because every
workbook the program writes keeps text as text (DESIGN §9): openpyxl would store a string that
starts with "=" as a live formula, this writer always writes strings as strings.

No part carries a Zip64 extra field unless it needs one (past 4 GiB): Excel is stricter about
Zip64 than LibreOffice and may call a workbook damaged when every part has it.  A zip member's
header is written before its data, and the zip module adds Zip64 to it unless the size is known
beforehand or forced; a sheet's size is known only at its end.  So a sheet's XML is gathered
first — in memory up to :data:`SPOOL_BYTES` (an export of 50 000 enterprises is about 70 MB),
past that in a temporary file — and then added with its size known; the zip module writes
Zip64 for it only if it is that large.  Estimating from rows × columns instead would have to
force Zip64 on any sheet whose cells could be long (a cell may hold 32 767 characters), the
very files Excel rejects; the extra copy costs a few per cent of an export's time.
"""

import dataclasses
import datetime
import io
import os
import re
import tempfile
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from gjz_registry import fileops

TEXT, DATE, NUMBER = "text", "date", "number"
WIDTH_SAMPLE = 1000  # rows looked at to size the columns
MAX_WIDTH = 60
FONT_NAME = "宋体"  # every workbook the program writes: a CJK font, so lines share a baseline
SPOOL_BYTES = 128 * 2**20  # a sheet's XML up to this size is gathered in memory, beyond on disk
_EPOCH = datetime.date(1899, 12, 30).toordinal()
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of a written sheet: its header and how its values are written."""

    header: str
    type: str = TEXT  # TEXT (also for codes: text-formatted), DATE or NUMBER


def column_letter(index):
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def display_width(text):
    """Width in Excel character units: CJK and full-width characters count two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def keep_text(cell):
    """``cell`` (openpyxl) with a text value typed as text, never as a formula or an error
    value; returns it.

    openpyxl takes any str that starts with "=" for a formula, so an =HYPERLINK(…) that was
    text in an imported file would come back live in the error workbook; and it takes "#N/A",
    "#REF!" and the other error codes for Excel's error values."""
    if isinstance(cell.value, str) and cell.data_type in ("f", "e"):
        cell.data_type = "s"
    return cell


def printable(values):
    """``values`` (a row) with :func:`xml_text` applied to each: the control characters a
    worksheet cannot hold dropped from every text (openpyxl refuses such a text)."""
    return [xml_text(v) for v in values]


def keep_text_everywhere(workbook):
    """:func:`keep_text` on every cell of every sheet of an openpyxl workbook (not a
    write-only one: there each cell goes through keep_text as it is made)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                keep_text(cell)
    return workbook


def xml_text(value):
    """``value`` without the control characters an XML worksheet cannot hold (Excel stores
    them as _x0001_ escapes, which openpyxl refuses to write); anything not a str as it is."""
    if isinstance(value, str) and _ILLEGAL.search(value):
        return _ILLEGAL.sub("", value)
    return value


def _text(value):
    if not isinstance(value, str):
        value = str(value)
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    value = escape(value)
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def _date_serial(value, memo={}):  # noqa: B006 — a deliberate cache of date → serial
    found = memo.get(value)
    if found is None:
        day = value
        if isinstance(day, str):
            day = datetime.date.fromisoformat(day[:10])
        elif isinstance(day, datetime.datetime):
            day = day.date()
        found = memo[value] = day.toordinal() - _EPOCH
    return found


def _number(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell_writer(column, index):
    """A function (value, row number) → the cell's XML, for one column."""
    letter = column_letter(index)
    if column.type == DATE:

        def cell(value, r):
            return f'<c r="{letter}{r}" s="3"><v>{_date_serial(value)}</v></c>'

    elif column.type == NUMBER:

        def cell(value, r):
            if isinstance(value, str):
                return f'<c r="{letter}{r}" s="2" t="inlineStr"><is>{_text(value)}</is></c>'
            return f'<c r="{letter}{r}"><v>{_number(value)}</v></c>'

    else:

        def cell(value, r):
            if value.__class__ in (int, float, Decimal):  # a number in a text column (说明)
                return f'<c r="{letter}{r}"><v>{_number(value)}</v></c>'
            return f'<c r="{letter}{r}" s="2" t="inlineStr"><is>{_text(value)}</is></c>'

    return cell


class Workbook:
    """Write sheets one after the other, then :meth:`close`.  Use as a context manager."""

    def __init__(self, path, compresslevel=3):
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._sheets = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def add_sheet(self, title, columns, rows, freeze=True, widths=None):
        """Write a sheet: a bold header row of ``columns`` and the ``rows`` (iterables of
        values in column order; None leaves a cell empty).  Returns the number of rows."""
        number = len(self._sheets) + 1
        self._sheets.append(title)
        rows = iter(rows)
        sample = []
        for row in rows:
            sample.append(row)
            if len(sample) >= WIDTH_SAMPLE:
                break
        widths = widths or _widths(columns, sample)
        writers = [_cell_writer(c, i) for i, c in enumerate(columns)]
        name = f"xl/worksheets/sheet{number}.xml"
        count = 0
        with _Part(self._zip, name) as stream:
            stream.write(_sheet_head(columns, widths, freeze).encode())
            header = "".join(
                f'<c r="{column_letter(i)}1" s="1" t="inlineStr"><is>{_text(c.header)}</is></c>'
                for i, c in enumerate(columns)
            )
            stream.write(f'<row r="1">{header}</row>'.encode())
            buffer = []
            for row in _chain(sample, rows):
                count += 1
                r = count + 1
                cells = "".join(
                    [w(v, r) for w, v in zip(writers, row) if v is not None and v != ""]
                )
                buffer.append(f'<row r="{r}">{cells}</row>')
                if len(buffer) >= 500:
                    stream.write("".join(buffer).encode())
                    buffer = []
            stream.write(("".join(buffer) + "</sheetData></worksheet>").encode())
        return count

    def close(self):
        if self._zip is None:
            return
        archive, self._zip = self._zip, None
        try:
            _write_package(archive, self._sheets)
        finally:
            archive.close()


class _Part:
    """A part's bytes gathered in memory (a temporary file past :data:`SPOOL_BYTES`) and
    added to ``archive`` as ``name`` on a clean exit, with their size known (see the module
    docstring: no Zip64 unless needed).  ``write`` is the only method the sheet writer uses."""

    def __init__(self, archive, name):
        self._archive, self._name = archive, name
        self._memory, self._file, self._path = io.BytesIO(), None, None

    def __enter__(self):
        return self

    def write(self, data):
        if self._file is not None:
            self._file.write(data)
        elif self._memory.tell() + len(data) <= SPOOL_BYTES:
            self._memory.write(data)
        else:
            descriptor, self._path = tempfile.mkstemp(prefix="gjz-sheet-", suffix=".xml")
            self._file = os.fdopen(descriptor, "wb")
            self._file.write(self._memory.getbuffer())
            self._file.write(data)
            self._memory = io.BytesIO()

    def __exit__(self, kind, *exc):
        try:
            if self._file is not None:
                self._file.close()
                if kind is None:
                    self._archive.write(self._path, self._name)
            elif kind is None:
                with self._memory.getbuffer() as data:
                    self._archive.writestr(self._name, data)
        finally:
            self._memory = None
            if self._path is not None:
                fileops.remove_quietly(self._path)


def _chain(first, rest):
    yield from first
    yield from rest


def _widths(columns, sample):
    widths = []
    for i, column in enumerate(columns):
        width = display_width(column.header)
        for row in sample:
            value = row[i] if i < len(row) else None
            if value is None:
                continue
            text = (
                value.isoformat()[:10]
                if column.type == DATE and not isinstance(value, str)
                else str(value)
            )
            width = max(width, display_width(text))
        widths.append(min(MAX_WIDTH, width + 2))
    return widths


def _sheet_head(columns, widths, freeze):
    view = '<sheetView workbookViewId="0">'
    if freeze:
        view += (
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        )
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"'
        + (' style="2"' if c.type == TEXT else "")
        + "/>"
        for i, (c, w) in enumerate(zip(columns, widths))
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS}>'
        f"<sheetViews>{view}</sheetView></sheetViews>"
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
    )


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<styleSheet {_NS}>"
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    f'<fonts count="2"><font><sz val="11"/><name val="{FONT_NAME}"/><family val="2"/>'
    '<charset val="134"/></font>'
    f'<font><b/><sz val="11"/><name val="{FONT_NAME}"/><family val="2"/><charset val="134"/>'
    "</font></fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"'
    ' applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _write_package(archive, sheets):
    """The parts every package needs besides the sheets."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    archive.writestr(
        "[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>",
    )
    archive.writestr(
        "_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
    )
    entries = "".join(
        f'<sheet name="{escape(title[:31])}" sheetId="{n}" r:id="rId{n}"/>'
        for n, title in enumerate(sheets, start=1)
    )
    archive.writestr(
        "xl/workbook.xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook {_NS} xmlns:r="{_REL_NS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{entries}</sheets></workbook>",
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    styles_id = len(sheets) + 1
    archive.writestr(
        "xl/_rels/workbook.xml.rels",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{rels}<Relationship Id="rId{styles_id}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
        "</Relationships>",
    )
    archive.writestr("xl/styles.xml", _STYLES)
