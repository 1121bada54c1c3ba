"""Factories for test workbooks: good ones from several writers, and hostile files.

Every factory writes a real file at ``path`` and returns the path, so the exchange tests and
the reliability corpus (tests/data/bad/) build the same files.  Good workbooks take ``rows``
(lists of Python values: str, int, float, date/datetime, None) and write them as typed
cells: dates as dates, numbers as numbers, text as text.  The writers openpyxl, XlsxWriter,
xlwt (.xls) and odfpy (.ods) are test extras; the hostile factories need only the standard
library (and msoffcrypto-tool, when installed, for a real encrypted workbook).
"""

import datetime
import io
import os
import struct
import subprocess
import zipfile
from pathlib import Path

from gjz_registry import validators

ENTERPRISE_HEADERS = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "所属街道",
    "产业领域",
    "法定代表人",
    "联系人",
    "联系电话",
    "注册地址",
    "成立日期",
    "注册资本(万元)",
    "从业人员",
    "研发人员",
    "孵化阶段",
    "入驻载体",
    "入驻日期",
    "高新技术企业证书编号",
    "高企发证日期",
    "科技型中小企业入库登记编号",
    "入库年度",
    "备注",
]


def credit_code(number):
    """A valid 统一社会信用代码 of 甘井子区 (91210211MA + 7 digits + check character)."""
    first17 = f"91210211MA{number:07d}"
    return first17 + validators.credit_check_char(first17)


def enterprise_row(number):
    """One complete, valid enterprise row in ENTERPRISE_HEADERS order."""
    return [
        number,
        f"大连测试科技有限公司{number}",
        credit_code(number),
        "大连湾街道",
        "新材料",
        "张三",
        "李四",
        "13912345678",
        "甘井子区红旗西路1号",
        datetime.date(2015, 3, 1) + datetime.timedelta(days=number),
        100.5,
        20,
        5,
        "孵化器",
        "甘井子区科技孵化器",
        datetime.date(2019, 11, 22),
        "GR202321000123",
        datetime.date(2023, 11, 22),
        "2024210211A0000123",
        2024,
        None,
    ]


def enterprise_rows(count=3, headers=ENTERPRISE_HEADERS):
    """A header row and ``count`` valid enterprise rows."""
    return [list(headers)] + [enterprise_row(n) for n in range(1, count + 1)]


# ---- good workbooks ------------------------------------------------------------------------


def write_openpyxl(path, rows, sheet="Sheet1", merges=(), extra_sheets=()):
    """.xlsx by openpyxl; ``merges`` are ranges such as "A1:U1"; ``extra_sheets`` are
    (name, rows) pairs written after the first sheet."""
    import openpyxl

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for name, sheet_rows in ((sheet, rows), *extra_sheets):
        if name != sheet:
            worksheet = workbook.create_sheet(name)
        for row in sheet_rows:
            worksheet.append(list(row))
        for cell in worksheet.iter_rows():
            for item in cell:
                if isinstance(item.value, (datetime.date, datetime.datetime)):
                    item.number_format = "yyyy-mm-dd"
        if name == sheet:
            for cell_range in merges:
                worksheet.merge_cells(cell_range)
    workbook.save(path)
    return Path(path) if isinstance(path, (str, Path)) else path


def write_xlsxwriter(path, rows, sheet="Sheet1", merges=()):
    """.xlsx by XlsxWriter (a second, independent writer)."""
    import xlsxwriter
    from xlsxwriter.utility import xl_cell_to_rowcol

    workbook = xlsxwriter.Workbook(str(path))
    worksheet = workbook.add_worksheet(sheet)
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, (datetime.date, datetime.datetime)):
                worksheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, str):
                worksheet.write_string(r, c, value)
            else:
                worksheet.write(r, c, value)
    for cell_range in merges:
        r, c = xl_cell_to_rowcol(cell_range.split(":")[0])
        value = rows[r][c] if c < len(rows[r]) else None
        worksheet.merge_range(cell_range, value)
    workbook.close()
    return Path(path)


def write_xls(path, rows, sheet="Sheet1"):
    """A legacy .xls (BIFF8) by xlwt."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, (datetime.date, datetime.datetime)):
                worksheet.write(r, c, value, date_style)
            else:
                worksheet.write(r, c, value)
    workbook.save(str(path))
    return Path(path)


def write_ods(path, rows, sheet="Sheet1"):
    """An OpenDocument spreadsheet by odfpy (LibreOffice is not needed)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for row in rows:
        table_row = TableRow()
        for value in row:
            if value is None:
                cell = TableCell()
            elif isinstance(value, (datetime.date, datetime.datetime)):
                text = value.isoformat()
                cell = TableCell(valuetype="date", datevalue=text)
                cell.addElement(P(text=text))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return Path(path)


def rewrite_member(path, member, change):
    """Rewrite one part of a ZIP container in place: ``change(bytes) -> bytes``."""
    path = Path(path)
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == member:
                data = change(data)
            target.writestr(info.filename, data)
    return path


def with_wrong_dimension(path, rows):
    """Like WPS: an .xlsx whose <dimension ref="…"> claims A1:A1 whatever the data."""
    import re

    write_openpyxl(path, rows)

    def lie(xml):
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', xml)

    return rewrite_member(path, "xl/worksheets/sheet1.xml", lie)


def _append_rows(path, make_rows, compresslevel=None):
    """Stream extra <row> elements (from the generator ``make_rows()`` of bytes) to the end
    of sheet1.xml, without holding the sheet in memory."""
    path = Path(path)
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as target:
        for info, data in parts:
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with target.open(info.filename, "w", force_zip64=True) as stream:
                stream.write(head)
                for chunk in make_rows():
                    stream.write(chunk)
                stream.write(b"</sheetData>" + tail)
    return path


def formatted_empty_rows(path, rows, count=1_000_000, after=()):
    """``rows`` of data followed by ``count`` empty but formatted rows (a styled cell each),
    as left behind by formatting whole columns in WPS, then the rows ``after`` (dates
    written as text, 2019-01-05)."""
    write_openpyxl(path, rows)
    first = len(rows) + 1

    def make_rows():
        for start in range(first, first + count, 10_000):
            stop = min(start + 10_000, first + count)
            yield b"".join(
                b'<row r="%d" customFormat="1"><c r="A%d" s="0"/><c r="B%d" s="0"/></row>'
                % (n, n, n)
                for n in range(start, stop)
            )
        for number, row in enumerate(after, start=first + count):
            yield _row_xml(number, row)

    return _append_rows(path, make_rows)


def _row_xml(number, values):
    """One <row> of worksheet XML: text as inline strings, numbers as numbers."""
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    cells = []
    for column, value in enumerate(values, start=1):
        ref = f"{get_column_letter(column)}{number}"
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            text = value.isoformat() if isinstance(value, datetime.date) else str(value)
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'.encode()


def stray_cell(path, rows, ref="XFD1048576", value="x"):
    """``rows`` plus one text cell far away (a stray entry at the bottom right)."""
    write_openpyxl(path, rows)
    row_number = int("".join(c for c in ref if c.isdigit()))

    def make_rows():
        yield b'<row r="%d"><c r="%s" t="inlineStr"><is><t>%s</t></is></c></row>' % (
            row_number,
            ref.encode(),
            value.encode(),
        )

    return _append_rows(path, make_rows)


# ---- files that are not workbooks ---------------------------------------------------------


def empty_file(path):
    Path(path).write_bytes(b"")
    return Path(path)


def text_file(path):
    Path(path).write_text("企业名称\t统一社会信用代码\n大连测试科技有限公司\t91210211MA0000001K\n")
    return Path(path)


def csv_file(path):
    Path(path).write_text(
        "企业名称,统一社会信用代码\n大连测试科技有限公司,91210211MA0000001K\n", "gbk"
    )
    return Path(path)


def pdf_file(path):
    Path(path).write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    return Path(path)


def png_file(path):
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return Path(path)


def docx_like_zip(path):
    """A ZIP that is an Office document, but not a workbook."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return Path(path)


def truncated_zip(path, rows=None):
    """A real .xlsx cut in half (an interrupted download or copy)."""
    write_openpyxl(path, rows or enterprise_rows(50))
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 2])
    return Path(path)


# ---- hostile workbooks --------------------------------------------------------------------


def zip_bomb(path, size=1 << 30):
    """An .xlsx whose sheet1.xml is ``size`` bytes of zeros (1 GB compresses to ~1 MB).
    Written in 1 MB pieces: never held in memory."""
    write_openpyxl(path, enterprise_rows(1))
    zeros = b"0" * (1 << 20)

    def make_rows():
        for _ in range(size // len(zeros)):
            yield zeros

    return _append_rows(path, make_rows, compresslevel=1)


def ratio_bomb(path, size=32 << 20):
    """A smaller bomb: one part compressed far more than MAX_RATIO, total under 500 MB."""
    return zip_bomb(path, size)


def many_members(path, count=10_001):
    """An .xlsx with more parts than any real workbook."""
    write_openpyxl(path, enterprise_rows(1))
    with zipfile.ZipFile(path, "a") as archive:
        for n in range(count):
            archive.writestr(f"xl/media/junk{n}.bin", b"")
    return Path(path)


_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>\n"
)


def _inject(path, member, doctype, entity):
    """Put ``doctype`` in front of ``member`` and use ``entity`` in it: in a new cell A50 of
    a worksheet, or as the first shared string."""

    def change(xml):
        if xml.startswith(b"<?xml"):
            xml = xml[xml.index(b"?>") + 2 :]
        if member.startswith("xl/worksheets/"):
            cell = b'<row r="50"><c r="A50" t="inlineStr"><is><t>%s</t></is></c></row>' % entity
            xml = xml.replace(b"</sheetData>", cell + b"</sheetData>")
        else:
            xml = xml.replace(b"<t>", b"<t>" + entity, 1)
        return doctype + xml

    return rewrite_member(path, member, change)


def _base_for(path, member):
    # openpyxl writes inline strings; XlsxWriter writes xl/sharedStrings.xml.
    if member == "xl/sharedStrings.xml":
        return write_xlsxwriter(path, enterprise_rows(1))
    return write_openpyxl(path, enterprise_rows(1))


def billion_laughs(path, member="xl/worksheets/sheet1.xml"):
    """The billion laughs: nested entities that expand to 10^9 'lol's if resolved.
    ``member`` may also be "xl/sharedStrings.xml"."""
    _base_for(path, member)
    return _inject(path, member, _LAUGHS, b"&lol9;")


def external_entity(path, target="/etc/passwd", member="xl/worksheets/sheet1.xml"):
    """An external entity (XXE) that would copy ``target`` into a cell if resolved."""
    _base_for(path, member)
    doctype = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://%s">]>\n' % target.encode()
    return _inject(path, member, doctype, b"&xxe;")


def lying_sizes(path):
    """An .xlsx whose central directory understates the size of sheet1.xml (a bomb that
    hides its size): the data does not match the declared size and CRC."""
    write_openpyxl(path, enterprise_rows(20))
    data = bytearray(Path(path).read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if bytes(data[entry + 46 : entry + 46 + name_length]) == name:
            struct.pack_into("<I", data, entry + 24, 100)  # uncompressed size
        entry = data.find(b"PK\x01\x02", entry + 4)
    Path(path).write_bytes(bytes(data))
    return Path(path)


def ole2_not_a_workbook(path):
    """An OLE2 compound file that is not a workbook (a .doc renamed .xls)."""
    return _ole2_container(path, {"WordDocument": b"\xec\xa5" + b"\x00" * 510})


def encrypted_xlsx(path, password="secret"):
    """An .xlsx saved with a password to open: an OLE2 file holding EncryptionInfo and
    EncryptedPackage.  Uses msoffcrypto-tool when installed, else builds the container."""
    plain = io.BytesIO()
    write_openpyxl(plain, enterprise_rows(1))
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        return _ole2_container(
            path,
            {
                "EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 60,
                "EncryptedPackage": plain.getvalue(),
            },
        )
    plain.seek(0)
    with open(path, "wb") as target:
        OOXMLFile(plain).encrypt(password, target)
    return Path(path)


def _ole2_container(path, streams):
    """A minimal OLE2 compound file (version 3, 512-byte sectors) with the given streams,
    each stored in regular sectors (padded to 4096 bytes so no mini stream is needed)."""
    sector = 512
    free, end_chain, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    data_sectors, chains, next_sector = [], [], 1  # sector 0: directory
    for payload in streams.values():
        size = len(payload)
        payload = payload.ljust(max(4096, -(-size // sector) * sector), b"\x00")
        count = len(payload) // sector
        chains.append((next_sector, count, size))
        data_sectors.append(payload)
        next_sector += count
    fat_index = next_sector
    fat = [end_chain]  # the directory: one sector
    for start, count, _ in chains:
        fat += [start + i + 1 for i in range(count - 1)] + [end_chain]
    fat.append(fat_sector)
    fat += [free] * (sector // 4 - len(fat))

    def entry(name, kind, child=free, start=end_chain, size=0, right=free):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + b"\x00" * 36
            + struct.pack("<II", start, size)
            + b"\x00" * 4
        )

    names = list(streams)
    directory = entry("Root Entry", 5, child=1)
    for n, (name, (start, _, size)) in enumerate(zip(names, chains, strict=True)):
        directory += entry(
            name, 2, start=start, size=size, right=n + 2 if n + 1 < len(names) else free
        )
    directory = directory.ljust(sector, b"\x00")
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<9I", 0, 1, 0, 0, 4096, end_chain, 0, end_chain, 0)
    )
    header += struct.pack("<I", fat_index) + struct.pack("<I", free) * 108
    body = directory + b"".join(data_sectors) + struct.pack("<%dI" % len(fat), *fat)
    Path(path).write_bytes(header + body)
    return Path(path)


def wide_sheet(path, columns=250):
    """A header and one row of ``columns`` columns (more than the reader accepts)."""
    headers = ["企业名称", "统一社会信用代码"] + [f"列{n}" for n in range(3, columns + 1)]
    return write_openpyxl(path, [headers, ["a", credit_code(1)] + ["x"] * (columns - 2)])


def ods_repeat_bomb(path, rows=1_000_000, columns=20):
    """An .ods whose one row of text is marked repeated ``rows`` times: a few hundred
    bytes that expand to rows × columns cells."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return Path(path)


def libreoffice_saved(paths, folder):
    """The workbooks ``paths`` opened and saved again as .xlsx by LibreOffice Calc
    (``soffice --headless --convert-to xlsx``, a throw-away profile), in ``folder``: [Path],
    one per path, same names.  Skips (fails under GJZ_REQUIRE_GUI=1) without LibreOffice."""
    from tests.reports.pdftools import require_tool

    soffice = require_tool("soffice")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=dict(os.environ, HOME=str(folder)),
    )
    saved = [folder / Path(path).name for path in paths]
    for path in saved:
        assert path.exists(), f"LibreOffice did not write {path}"
    return saved
