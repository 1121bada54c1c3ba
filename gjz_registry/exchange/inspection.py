"""Checking a workbook file by its content, not its extension, before any parser sees it
(DESIGN §6).

:func:`inspect_file` refuses with a one-line Chinese :class:`FileFormatError` naming the
file: missing or unreadable files, empty files, files that are not workbooks (CSV, text,
PDF, pictures renamed .xlsx), encrypted workbooks, corrupt or truncated archives and zip
bombs.  For the others it says the format and how large a grid calamine would build for the
largest sheet (an upper bound), which the reader (:mod:`reader`) uses to choose how to read.
"""

import re
import stat
import zipfile
import zlib
from pathlib import Path

from gjz_registry.errors import FileFormatError

MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200
RATIO_MIN_SIZE = 1024 * 1024  # small parts may compress better than MAX_RATIO harmlessly
MAX_MEMBERS = 10_000

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


def refuse(path, reason, **details):
    """The FileFormatError for the file at ``path``: 「name」 followed by ``reason``."""
    return FileFormatError(f"「{Path(path).name}」{reason}", path=str(path), **details)


def inspect_file(path):
    """Check the file at ``path``; return (format, cells): format ``"xlsx"`` (also .xlsm),
    ``"xlsb"``, ``"ods"`` or ``"xls"``, and an upper bound of the cells of calamine's grid
    for its largest sheet (0 when not estimated).  Raises FileFormatError."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None  # open() below says why
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        # a named pipe would be waited on for ever, a device read without end
        raise refuse(path, "不是普通文件（如管道或设备），无法导入")
    try:
        with open(path, "rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise refuse(path, "文件不存在") from None
    except IsADirectoryError:
        raise refuse(path, "是文件夹，不是文件") from None
    except PermissionError:
        raise refuse(path, "无法读取：没有权限，或文件正被其他程序独占打开") from None
    except OSError as exc:
        raise refuse(path, "无法读取", cause=str(exc)) from None
    if not head:
        raise refuse(path, EMPTY)
    if head.startswith(_ZIP):
        return _inspect_zip(path)
    if head == _OLE2:
        _inspect_ole2(path)
        return "xls", 0
    raise refuse(path, NOT_EXCEL)


def _inspect_zip(path):
    """Check a ZIP container; return (format, estimated calamine grid cells)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise refuse(path, f"包含的部件超过 {MAX_MEMBERS} 个，疑似异常文件，已拒绝读取")
            if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
                raise refuse(path, "解压后超过 500 MB，疑似压缩炸弹，已拒绝读取")
            for info in infos:
                if info.flag_bits & 0x1:
                    raise refuse(path, ENCRYPTED)
                ratio_limit = MAX_RATIO * max(info.compress_size, 1)
                if info.file_size > RATIO_MIN_SIZE and info.file_size > ratio_limit:
                    raise refuse(path, "压缩比异常，疑似压缩炸弹，已拒绝读取")
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
        raise refuse(path, CORRUPT_ZIP, cause=str(exc)) from None
    except NotImplementedError:  # a compression method zipfile does not know
        raise refuse(path, CORRUPT) from None
    return file_format, cells


def _zip_format(path, archive):
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIME:
        return "ods"
    raise refuse(path, NOT_EXCEL)


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
        # a quote is rare in a sheet: one memchr pass instead of a substring search
        if b"'" in buffer and b"r='" in buffer:
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
                    raise refuse(path, ENCRYPTED)
                found = chunk.find(_ENCRYPTION_INFO, found + 1)
            offset += len(chunk)
