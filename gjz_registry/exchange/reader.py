"""Reading workbooks safely: .xlsx/.xlsm, .xls, .xlsb and .ods (DESIGN §6).

:func:`open_workbook` checks the file by its content first (:mod:`inspection`: empty files,
files that are not workbooks, encrypted workbooks, corrupt archives and zip bombs are refused
with a one-line Chinese :class:`FileFormatError` naming the file).  Rows are read with
python-calamine (fast, Rust); openpyxl in read-only mode (with defusedxml) is the second
reader for .xlsx when calamine fails.  An .xlsx whose cells are spread so far apart that
calamine's dense grid would not fit in memory (a stray note in row 600 000) is read from a
compacted copy without its empty rows (:mod:`compact`); openpyxl always reads such a copy, so
it never parses a million formatted empty rows one by one.  Every row with content is read,
however far down it is, or the file is refused with the reason: no reader stops at a run of
empty rows.

Rows come out as lists of Python values (str, int/float, datetime/date/time, bool, None),
trailing empty cells removed; the n-th row yielded is sheet row n, so row numbers in
messages match what the user sees.  Empty rows after the last data row are never yielded.
"""

import io
from pathlib import Path

import python_calamine

from gjz_registry.exchange import compact
from gjz_registry.exchange.inspection import CORRUPT, ENCRYPTED, UNSAFE_XML, inspect_file
from gjz_registry.exchange.inspection import refuse as _refuse

MAX_ROWS = 1_000_000
MAX_COLUMNS = 200
MAX_CELLS = 12_000_000  # calamine holds a sheet as a dense grid of ~32-byte cells


def open_workbook(path, engine="auto"):
    """Open the workbook at ``path`` and return a :class:`Workbook`.

    ``engine``: ``"auto"`` (calamine, openpyxl as the fallback for .xlsx), ``"calamine"``
    (no fallback) or ``"openpyxl"`` (.xlsx/.xlsm only; ValueError otherwise).  Whatever the
    choice, an .xlsx whose cells are too spread out for calamine is compacted first, and read
    by openpyxl if even its rows with content are too many for calamine's grid.
    Raises FileFormatError for a file that cannot or must not be read (:mod:`inspection`).
    """
    path = Path(path)
    file_format, cells = inspect_file(path)
    if engine == "openpyxl" and file_format != "xlsx":
        raise ValueError(f"openpyxl cannot read {file_format}")
    if cells > MAX_CELLS and file_format != "xlsx":
        raise _refuse(path, "表格的数据区域过大（行列过多），疑似异常文件，已拒绝读取")
    return Workbook(path, file_format, engine, spread_out=cells > MAX_CELLS)


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

    @property
    def visible_sheet_names(self):
        """The worksheets a user sees (not hidden), in order."""
        return list(self._visible)

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
        if numbers is None:
            return rows
        return self._spread_checked(rows, numbers)

    def _spread_checked(self, rows, numbers):
        try:
            yield from compact.spread(rows, numbers)
        except compact.CompactionError as exc:
            raise _refuse(self.path, CORRUPT, cause=str(exc)) from None

    def _openpyxl_rows(self, name):
        worksheet = self._openpyxl[name]
        worksheet.reset_dimensions()  # WPS records <dimension ref="A1:A1"> whatever the data
        try:
            yield from worksheet.iter_rows(values_only=True)
        except Exception as exc:
            raise self._openpyxl_error(exc) from None

    def _limited(self, raw_rows, sheet, calamine):
        """Normalise rows: '' → None (calamine's empty cell), trailing empties dropped, empty
        rows held back until a data row follows; enforce the row and column limits.

        Written for speed (every row of an import passes here): the trailing empties are
        popped first, then the few '' left inside the row are found by list.count/index and
        set to None in place, so no row is rebuilt cell by cell.  calamine's rows are fresh
        lists, changed in place; openpyxl's are tuples, copied first."""
        where = f"工作表「{sheet}」"
        pending = number = 0
        for row in raw_rows:
            number += 1
            if not calamine:
                row = list(row)
            if row and (row[-1] == "" or row[-1] is None):
                row.pop()
                while row and (row[-1] == "" or row[-1] is None):
                    row.pop()
            if not row:
                pending += 1
                continue
            blanks = row.count("")
            if blanks:  # a blank optional column inside the row: set its few cells in place
                index = -1
                for _ in range(blanks):
                    index = row.index("", index + 1)
                    row[index] = None
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
            if pending:
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
