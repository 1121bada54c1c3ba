"""The error workbook (exchange/errors_workbook.py, sheet_layout.py) reads like the file sent.

A real source workbook — two title rows, a date column in a Chinese date format, narrow
columns, the codes as text — goes through an import with three rejected rows.  The error
workbook is read back with openpyxl (title rows, 原行号 matching the reasons, widths at
least the content, date and text formats) and, once, rendered by LibreOffice: no ``###``
and every 18-character code whole in the PDF's text.
"""

import datetime
import os
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter

from gjz_registry.exchange import errors_workbook, sheet_layout
from gjz_registry.exchange.xlsx_writer import display_width
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, plain_rows
from tests.reports.pdftools import pdftotext, render_page, require_tool, squeeze

TITLES = [
    ["甘井子区科技型企业名单（2024 年 3 月）"],
    ["填报单位：大连湾街道科技科", None, None, None, None, None, None, None, "2024-03-05"],
]
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
NARROW = 5  # the source's width of every column
CODE, DATE = COLUMN["统一社会信用代码"], COLUMN["成立日期"]
BAD = {6: "校验位不符", 8: "「火星街道」不在街道列表中", 9: "超出合理范围"}  # sheet row: reason


def source_rows():
    """The header and six rows; rows 3, 5 and 6 (sheet rows 6, 8, 9) are bad."""
    rows = plain_rows(6)
    good = W.credit_code(3)
    rows[3][CODE] = good[:17] + ("X" if good[17] != "X" else "Y")
    rows[5][COLUMN["所属街道"]] = "火星街道"
    rows[6][DATE] = datetime.date(2099, 12, 31)
    return rows


def write_source(path):
    """The source as a clerk's .xlsx: merged title, narrow columns, dates in 年月日, codes as
    text-formatted cells."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    for row in TITLES + source_rows():
        sheet.append(row)
    sheet.merge_cells("A1:N1")
    for row in sheet.iter_rows(min_row=len(TITLES) + 2):
        row[DATE].number_format = DATE_FORMAT
        row[CODE].number_format = "@"
    for index in range(1, 15):
        sheet.column_dimensions[get_column_letter(index)].width = NARROW
    workbook.save(path)
    return path


def shown(value, number_format):
    """What a cell shows, as the test knows its formats (dates: 2019年1月4日)."""
    if isinstance(value, datetime.datetime):
        if number_format == DATE_FORMAT:
            return f"{value.year}年{value.month}月{value.day}日"
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


@pytest.fixture
def errors(tmp_path, admin):
    target = tmp_path / "错误清单.xlsx"
    result = admin.exchange.import_file(write_source(tmp_path / "名单.xlsx"), errors_path=target)
    assert (result.created, result.rejected) == (3, 3)
    return target, result


def test_titles_row_numbers_widths_and_formats(errors):
    target, result = errors
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows())
    # the title rows above the header, as text, over the source's columns
    assert [c.value for c in rows[0][1:2]] == [TITLES[0][0]]
    assert rows[1][1].value == TITLES[1][0] and rows[1][9].value == "2024-03-05"
    assert all(c.data_type == "s" for row in rows[:2] for c in row if c.value is not None)
    header = [c.value for c in rows[2]]
    assert header[0] == errors_workbook.ROW_NUMBER_HEADER and header[-1] == "原因"
    assert header[1:-1] == source_rows()[0]
    assert sheet.freeze_panes == "B4"
    data = rows[3:]
    # 原行号 is the sheet row the reasons name
    assert [row[0].value for row in data] == list(BAD)
    for row in data:
        number, reason = row[0].value, row[-1].value
        assert reason.startswith(f"第 {number} 行") and BAD[number] in reason
    # every column at least as wide as what it shows (the source's were 5); 原因 wraps
    assert all(row[-1].alignment.wrap_text for row in data)
    for index in range(len(header) - 1):
        width = sheet.column_dimensions[get_column_letter(index + 1)].width
        texts = [shown(row[index].value, row[index].number_format) for row in rows[2:]]
        assert width >= max(display_width(t) for t in texts), (header[index], width)
    # dates keep the source's date format; codes are text in a text-formatted column
    for row in data:
        date = row[DATE + 1]
        assert date.is_date and is_date_format(date.number_format), date.number_format
        assert date.number_format == DATE_FORMAT
        code = row[CODE + 1]
        assert code.data_type == "s" and code.number_format == "@" and len(code.value) == 18
    assert sheet.column_dimensions[get_column_letter(CODE + 2)].number_format == "@"
    # the bad cells red with their comment, as before
    marked = {(row[0].value, i - 1) for row in data for i, c in enumerate(row) if c.comment}
    assert marked == {(6, CODE), (8, COLUMN["所属街道"]), (9, DATE)}


def test_a_legacy_xls_source_gets_sensible_formats_and_widths(tmp_path, admin):
    """.xls gives no layout to keep: dates yyyy-mm-dd, codes text, widths from content."""
    target = tmp_path / "错误清单.xlsx"
    rows = TITLES + source_rows()
    result = admin.exchange.import_file(
        W.write_xls(tmp_path / "名单.xls", rows), errors_path=target
    )
    assert result.rejected == 3
    sheet = openpyxl.load_workbook(target).active
    data = list(sheet.iter_rows(min_row=4))
    assert [row[0].value for row in data] == list(BAD)
    for row in data:
        assert row[DATE + 1].number_format == "yyyy-mm-dd" and row[CODE + 1].data_type == "s"
    code_width = sheet.column_dimensions[get_column_letter(CODE + 2)].width
    name_width = sheet.column_dimensions[get_column_letter(COLUMN["企业名称"] + 2)].width
    assert code_width >= 18 and name_width >= display_width("大连测试科技有限公司3")


def test_libreoffice_shows_every_date_and_whole_codes(errors, tmp_path):
    """The workbook rendered by LibreOffice Calc (as a clerk opens it): no cell shows ###,
    each code is whole, each date in the source's format; one page kept as a PNG."""
    target, result = errors
    soffice = require_tool("soffice")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    pdf = tmp_path / "错误清单.pdf"
    text = pdftotext(pdf)
    assert "###" not in text
    flat = squeeze(text)
    rows = source_rows()
    for number in BAD:
        row = rows[number - len(TITLES) - 1]
        assert row[CODE] in flat
        day = row[DATE]
        assert f"{day.year}年{day.month}月{day.day}日" in flat
    assert TITLES[0][0].replace(" ", "") in flat and "原行号" in flat
    assert render_page(Path(pdf), 1, tmp_path).stat().st_size > 0


def test_the_layout_of_an_xlsx_source_and_of_an_unreadable_one(tmp_path):
    layout = sheet_layout.read(write_source(tmp_path / "名单.xlsx"), "名单", len(TITLES) + 2)
    assert layout.widths == {index: NARROW for index in range(14)}
    assert layout.formats == {CODE: "@", DATE: DATE_FORMAT}
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert sheet_layout.read(broken, "名单", 2) is None  # the error workbook goes on without


def test_a_row_is_as_tall_as_its_wrapped_reason(errors):
    """Spreadsheets do not grow a row for wrapped text: a reason longer than the 原因 column
    gets the lines it needs."""
    target, _ = errors
    sheet = openpyxl.load_workbook(target).active
    reason_width = sheet.column_dimensions[sheet.cell(3, sheet.max_column).column_letter].width
    pad = errors_workbook.PADDING
    wrapped = 0
    for number in range(4, sheet.max_row + 1):
        reason = sheet.cell(number, sheet.max_column).value
        lines = -(-(display_width(reason) + pad) // (int(reason_width) - pad))
        height = sheet.row_dimensions[number].height or errors_workbook.LINE_HEIGHT
        assert height >= errors_workbook.LINE_HEIGHT * lines, (number, reason)
        wrapped += lines > 1
    assert wrapped, "the fixture has a reason that wraps"
