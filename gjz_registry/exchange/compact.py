"""Compacting .xlsx worksheets: the empty rows taken out, every row with content kept.

A stray entry far below the data (a note in row 600 000) makes calamine's dense grid of
rows × columns too large for memory, and a million formatted empty rows (whole columns
formatted in WPS) cost openpyxl half a minute.  :func:`compact` copies a workbook with the
rows of each worksheet that hold no cell content removed and the rest renumbered 1, 2, 3…,
and says, per sheet, which original row each kept row was; the reader gives every row back
at its original number (:func:`spread`), so no row is lost and row numbers in messages still
match what the user sees.

The worksheet XML is rewritten with regular expressions while streaming (a part may be
hundreds of megabytes).  Inside <sheetData> only <row> elements may occur; a part with
anything else there (comments, CDATA, processing instructions), rows out of order or XML
that does not split into rows raises :class:`CompactionError`, and the reader then reads the
original file instead (every row, only slower).  A row is kept when it holds a value, an
inline string or a formula (<v>, <is>, <f>); a row of formatted empty cells (``<c r="A5"
s="1"/>``) is dropped.
"""

import dataclasses
import io
import itertools
import posixpath
import re
import shutil
import zipfile

_CHUNK = 1 << 20
_NAME = rb"(?:[\w.-]+:)?"  # an element name's optional namespace prefix (x:row)
_SHEET_DATA = re.compile(rb"<" + _NAME + rb"sheetData\b[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rb"</" + _NAME + rb"sheetData\s*>")
_ROW = re.compile(rb"\s*<(" + _NAME + rb")row\b([^>]*?)(?:/>|>(.*?)</\1row\s*>)", re.S)
# One or more rows without content; group 1: the attributes of the last of them.
_EMPTY_ROWS = re.compile(
    rb"(?:\s*<"
    + _NAME
    + rb"row\b([^>]*?)(?:/>|>(?:\s*<"
    + _NAME
    + rb"c\b[^>]*/>)*\s*</"
    + _NAME
    + rb"row\s*>))+"
)
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_CELL = re.compile(rb"<" + _NAME + rb"c\b[^>]*>")
# A value, an inline string or a formula.  '<' cannot occur in attribute values, so outside
# comments and CDATA (refused) this finds elements, never text.
_CONTENT = re.compile(rb"<" + _NAME + rb"(?:v|is|f)\b")
_ANY_CELL_ROW = re.compile(rb"""\sr\s*=\s*["'][A-Za-z]{1,3}(\d+)["']""")
_CELL_REF = re.compile(rb"""(<""" + _NAME + rb"""c\b[^>]*?\sr\s*=\s*["'])([A-Za-z]{1,3})\d+""")
_PACKAGE_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class CompactionError(Exception):
    """A worksheet part that cannot be compacted safely (the reader reads the original)."""


@dataclasses.dataclass
class Compacted:
    """A compacted copy of a workbook: ``data`` (the .xlsx, in memory), ``numbers``
    ({sheet name: original row number of each kept row}) and ``extents`` ({sheet name:
    kept rows × columns, the size of calamine's grid for it})."""

    data: bytes
    numbers: dict
    extents: dict


def compact(path):
    """Copy the .xlsx at ``path`` (already checked by the reader) with the empty rows of
    its worksheets removed; return a :class:`Compacted`.  Raises CompactionError."""
    target = io.BytesIO()
    numbers, extents = {}, {}
    with zipfile.ZipFile(path) as source:
        sheets = worksheet_parts(source)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
            for info in source.infolist():
                with (
                    source.open(info) as reading,
                    copy.open(info.filename, "w", force_zip64=True) as writing,
                ):
                    name = sheets.get(info.filename)
                    if name is None:
                        shutil.copyfileobj(reading, writing, _CHUNK)
                        continue
                    kept, width = _compact_part(reading, writing)
                    numbers[name], extents[name] = kept, len(kept) * width
    return Compacted(target.getvalue(), numbers, extents)


def spread(rows, numbers):
    """The rows of a compacted sheet at their original numbers: each row dropped as empty
    comes back as an empty row, so the n-th row yielded is sheet row n again."""
    expected = 1
    rows = iter(rows)
    for number, row in zip(numbers, rows):  # numbers first: zip then leaves rows unread
        if number > expected:
            yield from itertools.repeat((), number - expected)
        yield row
        expected = number + 1
    if any(value not in (None, "") for row in rows for value in row):
        raise CompactionError("a reader gave more rows than were kept")  # never dropped


def worksheet_parts(archive):
    """{worksheet part name: sheet name} from xl/workbook.xml and its relationships.
    Parts no sheet points to are left out (and so copied unchanged)."""
    from defusedxml import DefusedXmlException, ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException) as exc:
        raise CompactionError(f"workbook parts: {exc}") from None
    targets = {}
    for rel in rels.iter():
        if rel.tag.endswith("Relationship") and rel.get("Id") and rel.get("Target"):
            target = rel.get("Target")
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = target
    parts = {}
    for sheet in book.iter():
        if sheet.tag.rpartition("}")[2] == "sheet":
            part = targets.get(sheet.get(f"{{{_PACKAGE_NS}}}id"))
            if part and part.startswith("xl/worksheets/") and sheet.get("name") is not None:
                parts[part] = sheet.get("name")
    return parts


def _compact_part(reading, writing):
    """Copy one worksheet part without its empty rows; return (the original number of each
    kept row, the width in columns of the widest kept row)."""
    buffer = b""
    start = None
    while start is None:
        chunk = reading.read(_CHUNK)
        if not chunk:
            raise CompactionError("no <sheetData>")
        buffer += chunk
        start = _SHEET_DATA.search(buffer)
    writing.write(buffer[: start.end()])
    buffer = buffer[start.end() :]
    if start.group(1):  # <sheetData/>: a sheet without rows
        writing.write(buffer)
        shutil.copyfileobj(reading, writing, _CHUNK)
        return [], 0
    kept, width, previous = [], 0, 0
    while True:
        end = _SHEET_DATA_END.search(buffer)
        region = buffer if end is None else buffer[: end.start()]
        if b"<!" in region or b"<?" in region:
            raise CompactionError("comment, CDATA or processing instruction in <sheetData>")
        position, pieces = 0, []
        while True:
            # a run of empty rows in one step (whole formatted columns leave a million)
            run = _EMPTY_ROWS.match(region, position)
            last = run and _ROW_NUMBER.search(run.group(1))
            if last:
                previous = _check_order(int(last.group(1)), previous)
                position = run.end()
                continue
            match = _ROW.match(region, position)
            if match is None:
                break
            position = match.end()
            prefix, attributes, body = match.groups()
            number = _ROW_NUMBER.search(attributes)
            number = int(number.group(1)) if number else previous + 1
            previous = _check_order(number, previous)
            if body is None or not _CONTENT.search(body):
                continue
            kept.append(number)
            width = max(width, _width(body))
            new = str(len(kept)).encode()
            attributes = _ROW_NUMBER.sub(b"", attributes)
            body = _CELL_REF.sub(rb"\g<1>\g<2>" + new, body)
            if any(row != new for row in _ANY_CELL_ROW.findall(body)):
                raise CompactionError(f"a cell reference in row {number} not understood")
            pieces.append(b'<%srow r="%s"%s>%s</%srow>' % (prefix, new, attributes, body, prefix))
        writing.write(b"".join(pieces))
        if end is not None:
            if region[position:].strip():
                raise CompactionError("text between rows")
            writing.write(buffer[end.start() :])
            shutil.copyfileobj(reading, writing, _CHUNK)
            return kept, width
        chunk = reading.read(_CHUNK)
        if not chunk:
            raise CompactionError("<sheetData> not closed")
        buffer = buffer[position:] + chunk


def _check_order(number, previous):
    if number <= previous:
        raise CompactionError(f"row {number} after row {previous}")
    return number


def _width(body):
    """Columns a row spans: its rightmost cell reference, plus cells without a reference
    (placed one after another)."""
    cells = len(_CELL.findall(body))
    refs = [cell.group(2).upper() for cell in _CELL_REF.finditer(body)]
    rightmost = 0
    for letters in refs:
        column = 0
        for char in letters:
            column = column * 26 + char - 64
        rightmost = max(rightmost, column)
    return rightmost + cells - len(refs)
