"""Tests of gjz_registry/exchange/reader.py on good workbooks.

Files are real, written to tmp_path by four writers (openpyxl, XlsxWriter, xlwt for .xls,
odfpy for .ods) and read back with both readers where the format allows; the hostile files
are in test_reader_hostile.py.
"""

import datetime
from decimal import Decimal

import openpyxl
import pytest

from gjz_registry.errors import FileFormatError
from gjz_registry.exchange import reader
from gjz_registry.exchange.cells import convert_row
from gjz_registry.exchange.header import read_table
from gjz_registry.exchange.reader import open_workbook
from tests.exchange import workbooks as W

WRITERS = {
    "openpyxl": (W.write_openpyxl, "xlsx"),
    "xlsxwriter": (W.write_xlsxwriter, "xlsx"),
    "xlwt": (W.write_xls, "xls"),
    "odfpy": (W.write_ods, "ods"),
}


def read_all(path, engine="auto", sheet=None):
    with open_workbook(path, engine=engine) as workbook:
        return list(workbook.rows(sheet))


def engines_for(path):
    """Both readers for .xlsx, calamine alone for the others."""
    with open_workbook(path) as workbook:
        return ["auto", "openpyxl"] if workbook.format == "xlsx" else ["auto"]


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_reads_back_to_the_same_typed_values(tmp_path, writer):
    write, extension = WRITERS[writer]
    path = write(tmp_path / f"企业名单.{extension}", W.enterprise_rows(3))
    for engine in engines_for(path):
        match, records = read_table(read_all(path, engine))
        assert match.kind == "enterprises"
        assert len(match.mapping) == 21 and match.unknown == [] and match.missing_required == []
        records = list(records)
        assert [n for n, _ in records] == [2, 3, 4]
        for number, (row_number, raw) in enumerate(records, start=1):
            values, errors = convert_row(match.kind, match.mapping, raw, row_number)
            assert errors == [], (writer, engine, errors)
            assert values["name"] == f"大连测试科技有限公司{number}"
            assert values["credit_code"] == W.credit_code(number)
            assert values["founded_on"] == datetime.date(2015, 3, 1) + datetime.timedelta(number)
            assert values["registered_capital"] == Decimal("100.5")
            assert values["employees"] == 20 and values["tech_sme_year"] == 2024
            assert values["high_tech_granted_on"] == datetime.date(2023, 11, 22)
            assert values["contact_phone"] == "13912345678"
            assert values["notes"] is None


@pytest.mark.parametrize(
    "writer, extension, expected",
    [("openpyxl", "xls", "xlsx"), ("openpyxl", "dat", "xlsx"), ("xlwt", "xlsx", "xls")],
)
def test_the_type_comes_from_the_content_not_the_extension(tmp_path, writer, extension, expected):
    path = WRITERS[writer][0](tmp_path / f"名单.{extension}", W.enterprise_rows(2))
    for engine in ("auto", "openpyxl") if expected == "xlsx" else ("auto",):
        with open_workbook(path, engine=engine) as workbook:
            assert workbook.format == expected
            assert len(list(workbook.rows())) == 3


def test_openpyxl_parses_xml_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_rows_keep_sheet_positions_when_data_starts_at_c3(tmp_path, engine):
    path = tmp_path / "offset.xlsx"
    W.write_openpyxl(
        path, [[], [], [None, None, "企业名称", "统一社会信用代码"], [None, None, "甲"]]
    )
    rows = read_all(path, engine)
    assert rows == [[], [], [None, None, "企业名称", "统一社会信用代码"], [None, None, "甲"]]


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_empty_rows_inside_are_kept_and_trailing_ones_dropped(tmp_path, engine):
    path = tmp_path / "gaps.xlsx"
    W.write_openpyxl(path, [["企业名称"], ["甲"], [None], [""], ["乙", None, None], [None], [""]])
    assert read_all(path, engine) == [["企业名称"], ["甲"], [], [], ["乙"]]


BLANKS = [
    ["企业名称", "代码", None, "备注"],
    ["甲", None, "", 0],
    [None, "", None, ""],
    ["乙", "", 1, None, ""],
    [None, None, None, 0.0],
    [],
    ["", None],
]
BLANKS_READ = [["企业名称", "代码", None, "备注"], ["甲", None, None, 0], [], ["乙", None, 1]]
BLANKS_READ.append([None, None, None, 0])


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("offset", [0, 2])
def test_blank_cells_inside_and_at_the_end_of_rows(tmp_path, writer, offset):
    """Empty and '' cells: None inside a row, dropped at its end; a row of them is an empty
    row inside the data and dropped after it; 0 is a value, never a blank (data in column
    A, or in column C with the columns before it empty)."""
    write, extension = WRITERS[writer]
    path = write(tmp_path / f"blanks.{extension}", [[None] * offset + row for row in BLANKS])
    expected = [[None] * offset + row if row else [] for row in BLANKS_READ]
    for engine in engines_for(path):
        assert read_all(path, engine) == expected, engine


def _normalised(rows):
    """The reader's rule written plainly: '' → None, trailing empties dropped, empty rows
    kept only when a row with content follows."""
    result = []
    for row in rows:
        row = [None if value == "" else value for value in row]
        while row and row[-1] is None:
            row.pop()
        result.append(row)
    while result and not result[-1]:
        result.pop()
    return result


@pytest.mark.parametrize("calamine", [True, False])
def test_row_normalisation_follows_the_plain_rule_on_many_rows(tmp_path, calamine):
    """The reader's fast normalisation (pops, then '' set in place) gives what the plain rule
    gives, on random rows of blanks, near-blanks and falsy values."""
    import random

    path = W.write_openpyxl(tmp_path / "one.xlsx", [["企业名称"]])
    values = ["", None, " ", "\u3000", 0, 0.0, False, "0", "甲", 1.5, datetime.date(2024, 1, 2)]
    chooser = random.Random(15)
    rows = [[], ()]
    for _ in range(3000):
        width = chooser.choice([0, 1, 2, 5, 22])
        rows.append([chooser.choice(values) for _ in range(width)])
        if chooser.random() < 0.2:
            rows.append([""] * width)
    # calamine's rows are lists (a compacted sheet's dropped rows come back as ()), openpyxl's
    # are tuples
    copies = [(list(row) if row != () else row) if calamine else tuple(row) for row in rows]
    with open_workbook(path) as workbook:
        read = list(workbook._limited(iter(copies), "Sheet1", calamine))
    assert read == _normalised(rows)
    assert all(type(row) is list for row in read)


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_wps_file_with_a_wrong_dimension_reads_every_row(tmp_path, engine):
    path = W.with_wrong_dimension(tmp_path / "wps.xlsx", W.enterprise_rows(30))
    plain = openpyxl.load_workbook(path, read_only=True).active
    assert len(list(plain.iter_rows())) == 1  # what trusting <dimension ref="A1:A1"> gives
    rows = read_all(path, engine)
    assert len(rows) == 31 and rows[-1][1] == "大连测试科技有限公司30"
    assert len(rows[-1]) == 20  # 备注 (column 21) is empty


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_a_million_formatted_empty_rows_are_skipped(tmp_path, engine):
    path = W.formatted_empty_rows(tmp_path / "formatted.xlsx", W.enterprise_rows(5))
    assert len(read_all(path, engine)) == 6


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_a_row_after_a_long_run_of_empty_rows_is_read(tmp_path, engine):
    """No reader stops at a run of empty rows (openpyxl used to stop after 1 000)."""
    path = W.formatted_empty_rows(
        tmp_path / "gap.xlsx", W.enterprise_rows(3), count=5000, after=[["合计：3 家"]]
    )
    rows = read_all(path, engine)
    assert len(rows) == 5005 and rows[-1] == ["合计：3 家"]


def test_sheets_are_listed_and_chosen_by_name_or_index(tmp_path):
    path = W.write_openpyxl(
        tmp_path / "two.xlsx",
        [["说明"]],
        sheet="说明",
        extra_sheets=[("名单", W.enterprise_rows(2))],
    )
    for engine in ("auto", "openpyxl"):
        with open_workbook(path, engine=engine) as workbook:
            assert workbook.sheet_names == ["说明", "名单"]
            assert list(workbook.rows()) == [["说明"]]
            assert len(list(workbook.rows("名单"))) == 3
            assert len(list(workbook.rows(1))) == 3
            with pytest.raises(FileFormatError, match="没有名为「缺少」的工作表"):
                workbook.rows("缺少")


def test_hidden_sheets_are_listed_but_not_the_default(tmp_path):
    path = tmp_path / "hidden.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "隐藏"
    workbook.active.append(["旧数据"])
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("名单").append(["企业名称"])
    workbook.active = 1
    workbook.save(path)
    for engine in ("auto", "openpyxl"):
        with open_workbook(path, engine=engine) as book:
            assert book.sheet_names == ["隐藏", "名单"]
            assert list(book.rows()) == [["企业名称"]]


def test_an_empty_sheet_gives_no_rows(tmp_path):
    path = W.write_openpyxl(tmp_path / "empty.xlsx", [])
    for engine in ("auto", "openpyxl"):
        assert read_all(path, engine) == []


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_more_rows_than_the_limit_is_refused(tmp_path, monkeypatch, engine):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    path = W.write_openpyxl(tmp_path / "long.xlsx", W.enterprise_rows(10))
    with open_workbook(path, engine=engine) as workbook:
        rows = workbook.rows()
        with pytest.raises(FileFormatError, match="「long.xlsx」工作表「Sheet1」超过 5 行"):
            list(rows)


@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_more_than_200_columns_is_refused(tmp_path, engine):
    path = W.wide_sheet(tmp_path / "wide.xlsx", columns=250)
    with pytest.raises(FileFormatError, match="第 1 行超过 200 列"):
        read_all(path, engine)


def test_openpyxl_takes_over_when_calamine_cannot_open_an_xlsx(tmp_path, monkeypatch):
    path = W.write_openpyxl(tmp_path / "list.xlsx", W.enterprise_rows(2))

    class Broken:
        @staticmethod
        def from_filelike(_stream):
            raise reader.python_calamine.ZipError("broken")

    monkeypatch.setattr(reader.python_calamine, "CalamineWorkbook", Broken)
    with open_workbook(path) as workbook:
        assert workbook.engine == "openpyxl"
        assert len(list(workbook.rows())) == 3
    with pytest.raises(FileFormatError, match="文件已损坏或格式不受支持"):
        open_workbook(path, engine="calamine")


def test_openpyxl_takes_over_when_calamine_cannot_read_a_sheet(tmp_path, monkeypatch):
    path = W.write_openpyxl(tmp_path / "list.xlsx", W.enterprise_rows(2))
    real = reader.python_calamine.CalamineWorkbook

    class HalfBroken:
        @staticmethod
        def from_filelike(stream):
            return Wrapper(real.from_filelike(stream))

    class Wrapper:
        def __init__(self, workbook):
            self.workbook = workbook
            self.sheets_metadata = workbook.sheets_metadata

        def get_sheet_by_name(self, name):
            raise reader.python_calamine.XmlError("bad sheet")

        def close(self):
            self.workbook.close()

    monkeypatch.setattr(reader.python_calamine, "CalamineWorkbook", HalfBroken)
    with open_workbook(path) as workbook:
        assert workbook.engine == "calamine"
        assert len(list(workbook.rows())) == 3
        assert workbook.engine == "openpyxl"


def test_a_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(FileFormatError, match="「无此文件.xlsx」文件不存在"):
        open_workbook(tmp_path / "无此文件.xlsx")


def test_openpyxl_engine_is_only_for_xlsx(tmp_path):
    path = W.write_xls(tmp_path / "old.xls", W.enterprise_rows(1))
    with pytest.raises(ValueError):
        open_workbook(path, engine="openpyxl")
