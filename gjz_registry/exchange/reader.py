"""Reading workbooks safely: .xlsx/.xlsm, .xls, .xlsb and .ods (DESIGN §6).

:func:`open_workbook` checks the file by its content, not its extension, before any parser
sees it, and refuses with a one-line Chinese :class:`FileFormatError` naming the file: empty
files, files that are not workbooks (CSV, text, PDF, pictures renamed .xlsx), encrypted
workbooks, corrupt or truncated archives and zip bombs.  Rows are read with python-calamine
(fast, Rust); openpyxl in read-only mode (with defusedxml) is the second reader for .xlsx
when calamine fails.  An .xlsx whose cells are spread so far apart that calamine's dense grid
would not fit in memory (a stray note in row 600 000) is read from a compacted copy without
its empty rows (:mod:`compact`); openpyxl always reads such a copy, so it never parses a
million formatted empty rows one by one.  Every row with content is read, however far down
it is, or the file is refused with the reason: no reader stops at a run of empty rows.

Rows come out as lists of Python values (str, int/float, datetime/date/time, bool, None),
trailing empty cells removed; the n-th row yielded is sheet row n, so row numbers in
messages match what the user sees.  Empty rows after the last data row are never yielded.
"""

import io
import re
import zipfile
import zlib
from pathlib import Path

import python_calamine

from gjz_registry.errors import FileFormatError
from gjz_registry.exchange import compact

MAX_ROWS = 1_000_000
MAX_COLUMNS = 200
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200
RATIO_MIN_SIZE = 1024 * 1024  # small parts may compress better than MAX_RATIO harmlessly
MAX_MEMBERS = 10_000
MAX_CELLS = 12_000_000  # calamine holds a sheet as a dense grid of ~32-byte cells

NOT_EXCEL = "不是 Excel 工作簿（.xlsx/.xls/.ods）"
EMPTY = "文件是空的"
ENCRYPTED = "文件已加密，请在 Excel 中取消密码后再导入"
CORRUPT_ZIP = "文件已损坏（压缩包不完整）"
CORRUPT = "文件已损坏或格式不受支持，无法读取"
UNSAFE_XML = "文件含有不安全的 XML 内容（实体声明），已拒绝读取"

_ZIP = b"PK\x03\x04"
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le") + b"\x00\x00"
_CHUNK = 1 << 20
# References of cells *with content* (not self-closing) that could make calamine's grid
# large: a column of two or three letters (AA…XFD) or a row number of 6–7 digits (≥ 100000).
# Formatted empty cells (<c r="A5" s="1"/>) do not count: calamine skips them.  The literal
# 'r="' prefix keeps the scan fast; references in single quotes are treated as suspect.
_BIG_REF_FAST = re.compile(rb'r="(?:[A-Z]{2,3}\d+|[A-Z]\d{6,7})"[^>]*(?<!/)>')
_BIG_REF = re.compile(rb'r="([A-Z]{2,3})?[A-Z]?(\d+)"')
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d{3,})"')


def _refuse(path, reason, **details):
    return FileFormatError(f"「{Path(path).name}」{reason}", path=str(path), **details)


def open_workbook(path, engine="auto"):
    """Open the workbook at ``path`` and return a :class:`Workbook`.

    ``engine``: ``"auto"`` (calamine, openpyxl as the fallback for .xlsx), ``"calamine"``
    (no fallback) or ``"openpyxl"`` (.xlsx/.xlsm only; ValueError otherwise).  Whatever the
    choice, an .xlsx whose cells are too spread out for calamine is compacted first, and read
    by openpyxl if even its rows with content are too many for calamine's grid.
    Raises FileFormatError for a file that cannot or must not be read.
    """
    path = Path(path)
    try:
        with open(path, "rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise _refuse(path, "文件不存在") from None
    except IsADirectoryError:
        raise _refuse(path, "是文件夹，不是文件") from None
    except PermissionError:
        raise _refuse(path, "无法读取：没有权限，或文件正被其他程序独占打开") from None
    except OSError as exc:
        raise _refuse(path, "无法读取", cause=str(exc)) from None
    if not head:
        raise _refuse(path, EMPTY)
    if head.startswith(_ZIP):
        file_format, cells = _inspect_zip(path)
    elif head == _OLE2:
        _inspect_ole2(path)
        file_format, cells = "xls", 0
    else:
        raise _refuse(path, NOT_EXCEL)
    if engine == "openpyxl" and file_format != "xlsx":
        raise ValueError(f"openpyxl cannot read {file_format}")
    if cells > MAX_CELLS and file_format != "xlsx":
        raise _refuse(path, "表格的数据区域过大（行列过多），疑似异常文件，已拒绝读取")
    return Workbook(path, file_format, engine, spread_out=cells > MAX_CELLS)


def _inspect_zip(path):
    """Check a ZIP container; return (format, estimated calamine grid cells)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _refuse(path, f"包含的部件超过 {MAX_MEMBERS} 个，疑似异常文件，已拒绝读取")
            if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
                raise _refuse(path, "解压后超过 500 MB，疑似压缩炸弹，已拒绝读取")
            for info in infos:
                if info.flag_bits & 0x1:
                    raise _refuse(path, ENCRYPTED)
                ratio_limit = MAX_RATIO * max(info.compress_size, 1)
                if info.file_size > RATIO_MIN_SIZE and info.file_size > ratio_limit:
                    raise _refuse(path, "压缩比异常，疑似压缩炸弹，已拒绝读取")
            file_format = _zip_format(path, archive)
            cells = 0
            # Read every part once: zipfile stops at the declared size and checks the CRC,
            # so parts that lie about their size or were cut short are caught here.
            for info in infos:
                with archive.open(info) as stream:
                    if file_format == "xlsx" and _is_worksheet(info.filename):
                        cells = max(cells, _xlsx_extent(stream))
                    elif file_format == "ods" and info.filename == "content.xml":
                        cells = _ods_extent(stream)
                    else:
                        while stream.read(_CHUNK):
                            pass
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise _refuse(path, CORRUPT_ZIP, cause=str(exc)) from None
    except NotImplementedError:  # a compression method zipfile does not know
        raise _refuse(path, CORRUPT) from None
    return file_format, cells


def _zip_format(path, archive):
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIME:
        return "ods"
    raise _refuse(path, NOT_EXCEL)


def _is_worksheet(name):
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _windows(stream, overlap):
    """Yield (buffer, limit): consecutive overlapping windows over a stream.  A match that
    starts before ``limit`` belongs to this window (so each is seen once, with at least
    ``overlap`` bytes of look-ahead); later ones are left to the next window."""
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        buffer = tail + chunk
        if not chunk:
            if buffer:
                yield buffer, len(buffer)
            return
        limit = max(len(buffer) - overlap, 0)
        yield buffer, limit
        tail = buffer[limit:]


def _xlsx_extent(stream):
    """An upper bound of rows × columns of a worksheet part, from its cell references.
    Only unusual references (column ≥ AA or row ≥ 100000) are looked at, so an ordinary
    sheet costs one regex pass; a cell without value may be counted (a bound, not a count)."""
    max_row, max_col = 99_999, 26
    for buffer, limit in _windows(stream, 1024):
        if b"r='" in buffer:
            max_row, max_col = 1_048_576, 16_384
        for match in _BIG_REF_FAST.finditer(buffer):
            if match.start() >= limit:
                break
            letters, digits = _BIG_REF.match(buffer, match.start()).groups()
            if letters:
                col = 0
                for char in letters:
                    col = col * 26 + char - 64
                max_col = max(max_col, col)
            max_row = max(max_row, int(digits))
    return max_row * max_col


def _ods_extent(stream):
    """An upper bound of the grid calamine builds from an .ods content.xml: repeated rows
    and cells (number-rows-repeated / number-columns-repeated) that carry a value are
    expanded by calamine; repeated *empty* ones (LibreOffice's filler) are not."""
    rows, cols = 100_000, 64
    for buffer, limit in _windows(stream, 64 * 1024):
        for match in _ODS_REPEAT.finditer(buffer):
            if match.start() >= limit:
                break
            count = int(match.group(2))
            if match.group(1) == b"columns":
                end = buffer.find(b">", match.end())
                if b"value-type" in buffer[buffer.rfind(b"<", 0, match.start()) : end]:
                    cols = max(cols, count)
            else:
                end = buffer.find(b"table-row>", match.end())
                if end < 0 or b"value-type" in buffer[match.end() : end]:
                    rows += count
    return rows * cols


def _inspect_ole2(path):
    """Refuse an OLE2 file that holds an encrypted OOXML package (Excel's 'password to
    open' saves .xlsx this way): its directory has an entry named EncryptionInfo.
    Directory entries are 128-byte records starting with the UTF-16LE name, so a hit at a
    128-byte boundary whose name length field says 30 bytes is that entry."""
    with open(path, "rb") as stream:
        offset = 0
        while True:
            chunk = stream.read(_CHUNK)  # a multiple of 128: records never straddle chunks
            if not chunk:
                return
            found = chunk.find(_ENCRYPTION_INFO)
            while found >= 0:
                if (offset + found) % 128 == 0 and chunk[found + 64 : found + 66] == b"\x1e\x00":
                    raise _refuse(path, ENCRYPTED)
                found = chunk.find(_ENCRYPTION_INFO, found + 1)
            offset += len(chunk)


def _is_panic(exc):
    # pyo3 turns a Rust panic into PanicException, a BaseException subclass.
    return type(exc).__name__ == "PanicException"


class Workbook:
    """An open workbook.  ``sheet_names`` lists its worksheets in order; :meth:`rows` reads
    one.  Use as a context manager or call :meth:`close`."""

    def __init__(self, path, file_format, engine="auto", spread_out=False):
        self.path = Path(path)
        self.format = file_format
        self._engine_choice = engine
        self._calamine = None
        self._openpyxl = None
        self._stream = None
        self._compacted = None  # compact.Compacted, once made
        if engine == "openpyxl":
            self._open_openpyxl()
            return
        if spread_out:
            compacted = self._compact()
            if compacted is None or max(compacted.extents.values(), default=0) > MAX_CELLS:
                self._open_openpyxl()  # streams: any number of rows, in little memory
                return
            self._stream = io.BytesIO(compacted.data)
        else:
            # From an open file, not a path: calamine then detects the format by content,
            # where from_path would go by the extension (users rename .xls ↔ .xlsx freely).
            self._stream = open(self.path, "rb")
        try:
            self._calamine = python_calamine.CalamineWorkbook.from_filelike(self._stream)
        except python_calamine.PasswordError:
            self.close()
            raise _refuse(self.path, ENCRYPTED) from None
        except BaseException as exc:
            if not isinstance(exc, Exception) and not _is_panic(exc):
                self.close()
                raise
            self._fallback(exc)
            return
        sheets = self._calamine.sheets_metadata
        worksheet = python_calamine.SheetTypeEnum.WorkSheet
        self.sheet_names = [s.name for s in sheets if s.typ == worksheet]
        visible = python_calamine.SheetVisibleEnum.Visible
        self._visible = [s.name for s in sheets if s.typ == worksheet and s.visible == visible]
        self.engine = "calamine"

    def _compact(self):
        """The compacted copy of this .xlsx (made once), or None when it cannot be made
        (then the original is read, every row of it)."""
        if self._compacted is None:
            try:
                self._compacted = compact.compact(self.path)
            except compact.CompactionError:
                self._compacted = False
        return self._compacted or None

    def _fallback(self, exc):
        if self.format != "xlsx" or self._engine_choice == "calamine":
            self.close()
            raise _refuse(self.path, CORRUPT, cause=str(exc)) from None
        self._open_openpyxl()

    def _open_openpyxl(self):
        import openpyxl
        from openpyxl import xml as openpyxl_xml

        if not openpyxl_xml.DEFUSEDXML:  # never parse untrusted XML without defusedxml
            raise RuntimeError("openpyxl is not using defusedxml; install defusedxml")
        compacted = self._compact()
        self._close_readers()
        if compacted is not None:
            self._stream = io.BytesIO(compacted.data)
        else:
            self._stream = open(self.path, "rb")  # a file object: openpyxl checks no extension
        try:
            self._openpyxl = openpyxl.load_workbook(
                self._stream, read_only=True, data_only=True, keep_links=False
            )
        except Exception as exc:
            self.close()
            raise self._openpyxl_error(exc) from None
        self.sheet_names = [ws.title for ws in self._openpyxl.worksheets]
        self._visible = [
            ws.title for ws in self._openpyxl.worksheets if ws.sheet_state == "visible"
        ]
        self.engine = "openpyxl"

    def _openpyxl_error(self, exc):
        from defusedxml import DefusedXmlException

        seen, depth = exc, 0
        while seen is not None and depth < 20:
            if isinstance(seen, DefusedXmlException):
                return _refuse(self.path, UNSAFE_XML)
            seen, depth = seen.__cause__ or seen.__context__, depth + 1
        return _refuse(self.path, CORRUPT, cause=str(exc))

    def _sheet_name(self, sheet):
        if sheet is None:
            if not self.sheet_names:
                raise _refuse(self.path, "没有工作表")
            return (self._visible or self.sheet_names)[0]
        if isinstance(sheet, int):
            return self.sheet_names[sheet]
        if sheet not in self.sheet_names:
            raise _refuse(self.path, f"中没有名为「{sheet}」的工作表")
        return sheet

    def rows(self, sheet=None):
        """An iterator over the rows of ``sheet`` (a name, an index into ``sheet_names``, or
        None for the first visible sheet): lists of cell values, trailing empty cells
        removed, an empty row as ``[]``.  The sheet is loaded (and may be refused) now;
        limits (MAX_ROWS, MAX_COLUMNS) raise FileFormatError while iterating."""
        name = self._sheet_name(sheet)
        if self._calamine is not None:
            try:
                sheet_data = self._calamine.get_sheet_by_name(name)
            except python_calamine.PasswordError:
                raise _refuse(self.path, ENCRYPTED) from None
            except BaseException as exc:
                if not isinstance(exc, Exception) and not _is_panic(exc):
                    raise
                self._fallback(exc)
            else:
                return self._limited(self._spread(_calamine_rows(sheet_data), name), name, True)
        return self._limited(self._spread(self._openpyxl_rows(name), name), name, False)

    def _spread(self, rows, name):
        """Rows of a compacted sheet back at their own row numbers."""
        numbers = self._compacted.numbers.get(name) if self._compacted else None
        return rows if numbers is None else compact.spread(rows, numbers)

    def _openpyxl_rows(self, name):
        worksheet = self._openpyxl[name]
        worksheet.reset_dimensions()  # WPS records <dimension ref="A1:A1"> whatever the data
        try:
            yield from worksheet.iter_rows(values_only=True)
        except Exception as exc:
            raise self._openpyxl_error(exc) from None

    def _limited(self, raw_rows, sheet, calamine):
        """Normalise rows: '' → None (calamine's empty cell), trailing empties dropped, empty
        rows held back until a data row follows; enforce the row and column limits."""
        where = f"工作表「{sheet}」"
        pending = number = 0
        for row in raw_rows:
            number += 1
            if "" in row:
                row = [None if value == "" else value for value in row]
            elif not calamine:
                row = list(row)
            while row and row[-1] is None:
                row.pop()
            if not row:
                pending += 1
                continue
            if number > MAX_ROWS:
                raise _refuse(
                    self.path,
                    f"{where}超过 {MAX_ROWS} 行（第 {number} 行有内容），请拆分后再导入；"
                    "如果这一行是误填的，删除后再导入",
                )
            if len(row) > MAX_COLUMNS:
                raise _refuse(
                    self.path,
                    f"{where}第 {number} 行超过 {MAX_COLUMNS} 列，请删除多余的列后再导入",
                )
            for _ in range(pending):
                yield []
            pending = 0
            yield row

    def close(self):
        """Release the file (idempotent)."""
        self._close_readers()
        self._compacted = None

    def _close_readers(self):
        if self._calamine is not None:
            self._calamine.close()
            self._calamine = None
        if self._openpyxl is not None:
            self._openpyxl.close()
            self._openpyxl = None
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _calamine_rows(sheet):
    """Rows of a calamine sheet as absolute rows and columns.  python-calamine's iter_rows
    already yields the empty rows above the data, but starts each row at the first used
    column; a sheet without cells has no start (and iter_rows would panic)."""
    start = sheet.start
    if start is None:
        return iter(())
    if not start[1]:
        return sheet.iter_rows()
    pad = [None] * start[1]
    return (pad + row for row in sheet.iter_rows())
