"""Tests of gjz_registry/exchange/compact.py: the copy of a workbook without its empty rows.

Each test writes a real .xlsx, puts hand-written worksheet XML in it (the forms other writers
produce: namespace prefixes, rows and cells without references, formatted empty cells) and
reads it through the reader, so the rows are checked as the importer receives them.
"""

import re
import zipfile

import pytest

from gjz_registry.exchange import compact
from gjz_registry.exchange.reader import open_workbook
from tests.exchange import workbooks as W

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FAR = 700_000  # 700 000 rows × 26 columns: too large a grid for calamine, so compacted


def text(ref, value, extra=""):
    return f'<c r="{ref}" t="inlineStr"{extra}><is><t>{value}</t></is></c>'


def with_sheet_data(path, rows_xml, sheet="Sheet1", prefix=""):
    """An .xlsx whose sheet holds exactly ``rows_xml`` (the content of <sheetData>)."""
    W.write_openpyxl(path, [["placeholder"]], sheet=sheet)
    if prefix:
        xml = (
            f'<{prefix}:worksheet xmlns:{prefix}="{MAIN}"><{prefix}:sheetData>{rows_xml}'
            f"</{prefix}:sheetData></{prefix}:worksheet>"
        ).encode()
        return W.rewrite_member(path, "xl/worksheets/sheet1.xml", lambda _: xml)
    return W.rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb"<sheetData>.*</sheetData>", f"<sheetData>{rows_xml}</sheetData>".encode(), xml
        ),
    )


def filled_rows(path, engine="auto"):
    """{row number: row} of the rows with content, and the engine that read them."""
    with open_workbook(path, engine=engine) as workbook:
        rows = list(workbook.rows())
        return {n: row for n, row in enumerate(rows, 1) if row}, workbook.engine


SPREAD = (
    f'<row r="1">{text("A1", "企业名称")}{text("B1", "统一社会信用代码")}</row>'
    f'<row r="2" spans="1:2">{text("A2", "甲")}<c r="B2"><v>12</v></c></row>'
    '<row r="5" customFormat="1"><c r="A5" s="0"/><c r="B5" s="0"/></row>'
    '<row r="6"/>'
    '<row r="7"><c r="B7" s="0"></c></row>'
    f'<row r="{FAR}">{text(f"B{FAR}", "乙")}</row>'
)


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_rows_come_back_at_their_own_numbers(tmp_path, engine):
    path = with_sheet_data(tmp_path / "spread.xlsx", SPREAD)
    rows, used = filled_rows(path, engine)
    assert used == engine.replace("auto", "calamine")
    assert rows == {1: ["企业名称", "统一社会信用代码"], 2: ["甲", 12], FAR: [None, "乙"]}


def test_the_copy_keeps_rows_with_content_and_says_where_they_were(tmp_path):
    path = with_sheet_data(tmp_path / "spread.xlsx", SPREAD)
    copy = compact.compact(path)
    assert copy.numbers == {"Sheet1": [1, 2, FAR]} and copy.extents == {"Sheet1": 3 * 2}
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(compact.io.BytesIO(copy.data)) as new:
        assert original.namelist() == new.namelist()
        sheet = new.read("xl/worksheets/sheet1.xml")
    assert b'<row r="3"><c r="B3" t="inlineStr"><is><t>\xe4\xb9\x99' in sheet
    assert b"A5" not in sheet and b'r="6"' not in sheet


def test_prefixed_elements_and_rows_and_cells_without_references(tmp_path):
    rows_xml = (
        '<x:row><x:c t="inlineStr"><x:is><x:t>企业名称</x:t></x:is></x:c>'
        '<x:c t="inlineStr"><x:is><x:t>统一社会信用代码</x:t></x:is></x:c></x:row>'
        "<x:row/>"  # row 2, empty
        '<x:row><x:c/><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row>'  # row 3
        f'<x:row r="{FAR}"><x:c r="C{FAR}"><x:v>7</x:v></x:c></x:row>'
    )
    path = with_sheet_data(tmp_path / "prefixed.xlsx", rows_xml, prefix="x")
    assert compact.compact(path).numbers == {"Sheet1": [1, 3, FAR]}
    for engine in ("auto", "openpyxl"):
        rows, _ = filled_rows(path, engine)
        assert rows == {1: ["企业名称", "统一社会信用代码"], 3: [None, "甲"], FAR: [None, None, 7]}


def test_sheets_are_found_by_name_through_relative_and_absolute_targets(tmp_path):
    """Excel points to its sheets relatively (worksheets/sheet2.xml), openpyxl absolutely
    (/xl/worksheets/sheet1.xml)."""
    path = W.write_openpyxl(
        tmp_path / "two.xlsx", [["说明"]], sheet="说明", extra_sheets=[("名单", [["x"]])]
    )
    W.rewrite_member(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(b'Target="/xl/worksheets/sheet2', b'Target="worksheets/sheet2'),
    )
    W.rewrite_member(
        path,
        "xl/worksheets/sheet2.xml",
        lambda xml: re.sub(
            rb"<sheetData>.*</sheetData>", f"<sheetData>{SPREAD}</sheetData>".encode(), xml
        ),
    )
    assert compact.compact(path).numbers == {"说明": [1], "名单": [1, 2, FAR]}
    with open_workbook(path) as workbook:
        assert workbook.engine == "calamine"
        assert list(workbook.rows("说明")) == [["说明"]]
        rows = list(workbook.rows("名单"))
    assert len(rows) == FAR and rows[-1] == [None, "乙"] and rows[1] == ["甲", 12]


@pytest.mark.parametrize(
    "oddity",
    [
        "<!-- a comment between rows -->",
        "<![CDATA[</row>]]>",
        '<row r="1"><c r="A1"><v>1</v></c></row>',  # out of order: after row 2
    ],
)
def test_a_sheet_that_cannot_be_compacted_is_read_whole_from_the_original(tmp_path, oddity):
    rows_xml = SPREAD.replace('<row r="5"', oddity + '<row r="5"')
    path = with_sheet_data(tmp_path / "odd.xlsx", rows_xml)
    with pytest.raises(compact.CompactionError):
        compact.compact(path)
    if "CDATA" in oddity or 'r="1"' in oddity:
        return  # not well-formed or not ordered: what each reader makes of it is its own
    rows, used = filled_rows(path)
    assert used == "openpyxl"  # streams the original: every row, none dropped
    assert set(rows) == {1, 2, FAR}


def test_a_greater_than_sign_in_an_attribute_does_not_hide_a_value(tmp_path):
    """'>' is allowed in attribute values; a regular expression that took it for the end of
    a self-closing cell would drop the row.  The row is kept, or the copy is refused and
    the original read."""
    cell = text("A6", "丙", ' x="/>"')
    rows_xml = SPREAD.replace('<row r="6"/>', f'<row r="6">{cell}</row>')
    path = with_sheet_data(tmp_path / "gt.xlsx", rows_xml)
    rows, _ = filled_rows(path)
    assert rows[6] == ["丙"] and set(rows) == {1, 2, 6, FAR}


def test_spread_puts_rows_back_and_never_drops_one():
    assert list(compact.spread([["a"], ["b"], ["", None]], [2, 5])) == [(), ["a"], (), (), ["b"]]
    with pytest.raises(compact.CompactionError):  # a row the copy did not keep: never dropped
        list(compact.spread([["a"], ["b"], ["c"]], [2, 5]))
