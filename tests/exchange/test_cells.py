"""Tests of gjz_registry/exchange/cells.py: raw cell values → typed values, per column type.

Unit cases use the values the reader produces; the end-to-end cases write the variants into
real workbooks (openpyxl and xlwt) so the cell types are what Excel files really carry.
"""

import datetime
from decimal import Decimal

import pytest

from gjz_registry.errors import InvalidValueError
from gjz_registry.exchange import cells, columns
from gjz_registry.exchange.header import read_table
from gjz_registry.exchange.reader import open_workbook
from tests.exchange import workbooks as W

ENT = columns.ENTERPRISES
FOUNDED = ENT.column("founded_on")
CAPITAL = ENT.column("registered_capital")
CREDIT = ENT.column("credit_code")
TECH_SME = ENT.column("tech_sme_number")
HIGH_TECH = ENT.column("high_tech_number")
EMPLOYEES = ENT.column("employees")
YEAR = ENT.column("tech_sme_year")
STAGE = ENT.column("stage")
PHONE = ENT.column("contact_phone")
NAME = ENT.column("name")
AREA = columns.CARRIERS.column("area_m2")
NOV_22 = datetime.date(2019, 11, 22)


def reason(column, value, unit=None):
    with pytest.raises(InvalidValueError) as info:
        cells.convert_cell(column, value, unit)
    assert info.value.field == column.header
    return str(info.value)


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2019, 11, 22),
        datetime.datetime(2019, 11, 22, 15, 30),
        NOV_22,
        43791,
        43791.0,
        43791.65,
        "2019-11-22",
        "2019/11/22",
        "2019.11.22",
        "2019年11月22日",
        "20191122",
        20191122,
        20191122.0,
        " 2019-11-22 00:00:00 ",
        "２０１９－１１－２２",
    ],
)
def test_dates_in_every_form(value):
    assert cells.convert_cell(FOUNDED, value) == NOV_22


@pytest.mark.parametrize("value", ["2019-02-30", "明年", "20191322", datetime.time(10, 30), True])
def test_bad_dates_are_rejected_naming_the_column(value):
    assert reason(FOUNDED, value).startswith("「成立日期」")


@pytest.mark.parametrize(
    "value, expected",
    [
        (100, "100"),
        (100.5, "100.5"),
        ("1,234.5", "1234.5"),
        ("1234.5万元", "1234.5"),
        ("500万", "500"),
        ("12345000元", "1234.5"),
        ("１，２００", "1200"),
        (" 88 ", "88"),
    ],
)
def test_money_with_units_and_separators(value, expected):
    assert cells.convert_cell(CAPITAL, value) == Decimal(expected)


def test_money_under_a_header_in_yuan_is_converted_to_wan():
    assert cells.convert_cell(CAPITAL, 5_000_000, unit="元") == Decimal("500")
    assert cells.convert_cell(CAPITAL, "5,000,000", unit="元") == Decimal("500")
    assert cells.convert_cell(CAPITAL, "500万元", unit="元") == Decimal("500")


@pytest.mark.parametrize("value", ["-5", "很多", "1.2.3"])
def test_bad_money_is_rejected(value):
    assert reason(CAPITAL, value).startswith("「注册资本(万元)」")


@pytest.mark.parametrize(
    "column, value, shown",
    [
        (CREDIT, 912102117000000000.0, "9.12102E+17"),
        (CREDIT, 912102117000000000, "9.12102E+17"),
        (TECH_SME, 2.0241e17, "2.02410E+17"),
        (HIGH_TECH, 202321000123.0, "2.02321E+11"),
    ],
)
def test_codes_stored_as_numbers_are_rejected_with_the_reason(column, value, shown):
    assert reason(column, value) == (
        f"「{column.header}」为数字格式（如 {shown}），Excel 已丢失位数，"
        "请将该列设为文本后重新填写"
    )


def test_codes_as_text_are_normalised_and_checked():
    code = W.credit_code(7)
    assert cells.convert_cell(CREDIT, f" {code.lower()} ") == code
    assert cells.convert_cell(CREDIT, "".join(chr(ord(c) + 0xFEE0) for c in code)) == code
    message = reason(CREDIT, code[:17] + ("0" if code[17] != "0" else "1"))
    assert message == "「统一社会信用代码」校验位不符：代码中有字符录入错误，请逐位核对"
    assert cells.convert_cell(HIGH_TECH, "gr202321000123") == "GR202321000123"
    assert cells.convert_cell(TECH_SME, "2024210211a0000123") == "2024210211A0000123"
    assert "格式应为" in reason(TECH_SME, "2024-210211")


def test_text_is_stripped_and_normalised():
    assert cells.convert_cell(NAME, "  大连（甘井子）科技有限公司　") == "大连(甘井子)科技有限公司"
    assert cells.convert_cell(NAME, 12.0) == "12"
    assert cells.convert_cell(NAME, "   ") is None
    assert cells.convert_cell(NAME, None) is None


@pytest.mark.parametrize("value", [12, 12.0, "12", "12.0", " 12 ", "12人", "１２"])
def test_counts(value):
    assert cells.convert_cell(EMPLOYEES, value) == 12


@pytest.mark.parametrize("value", [12.5, "-3", "十二", True])
def test_bad_counts(value):
    assert reason(EMPLOYEES, value).startswith("「从业人员」")


@pytest.mark.parametrize("value", [2020, 2020.0, "2020", "2020年", "2020年度", " 2020 "])
def test_years(value):
    assert cells.convert_cell(YEAR, value) == 2020


@pytest.mark.parametrize("value", [1800, 2020.5, "二〇二〇", "20", 3000])
def test_bad_years(value):
    assert reason(YEAR, value).startswith("「入库年度」")


def test_choices_accept_aliases_and_list_the_allowed_values():
    assert cells.convert_cell(STAGE, " 孵化器 ") == "孵化器"
    assert cells.convert_cell(STAGE, "众创空间") == "苗圃"
    kind = columns.CARRIERS.column("kind")
    assert cells.convert_cell(kind, "众创空间（苗圃）") == "众创空间(苗圃)"
    assert "苗圃、孵化器、加速器、产业化基地" in reason(STAGE, "种子期")


def test_phones_stored_as_numbers_become_text():
    assert cells.convert_cell(PHONE, 13912345678) == "13912345678"
    assert cells.convert_cell(PHONE, 13912345678.0) == "13912345678"
    assert cells.convert_cell(PHONE, "0411-86543210") == "0411-86543210"
    assert reason(PHONE, 411865432).startswith("「联系电话」")


def test_areas():
    assert cells.convert_cell(AREA, "1,200.5平方米") == Decimal("1200.50")
    assert cells.convert_cell(AREA, 800) == Decimal("800.00")
    assert reason(AREA, "大约一千").startswith("「面积(平方米)」")


def test_convert_row_collects_every_error_of_the_row():
    mapping = {0: "seq", 1: "name", 2: "credit_code", 3: "founded_on", 4: "employees"}
    raw = [1, None, 912102117000000000.0, "2019-02-30", "很多"]
    values, errors = cells.convert_row("enterprises", mapping, raw, 12)
    assert values == {"name": None, "credit_code": None, "founded_on": None, "employees": None}
    assert [index for index, _ in errors] == [1, 2, 3, 4]
    assert errors[0][1] == "第 12 行「企业名称」不能为空"
    assert errors[1][1].startswith("第 12 行「统一社会信用代码」为数字格式（如 9.12102E+17）")
    assert all(message.startswith("第 12 行「") for _, message in errors)


def test_convert_row_with_a_short_row_and_units():
    mapping = {0: "name", 1: "credit_code", 5: "registered_capital"}
    values, errors = cells.convert_row(columns.ENTERPRISES, mapping, ["甲", W.credit_code(1)], 3)
    assert errors == [] and values["registered_capital"] is None
    raw = ["甲", W.credit_code(1), None, None, None, 2_000_000]
    values, errors = cells.convert_row("enterprises", mapping, raw, 3, units={5: "元"})
    assert values["registered_capital"] == Decimal("200")


VARIANTS = [
    ["企业名称", "统一社会信用代码", "成立日期", "注册资本（万元）", "从业人员"],
    ["甲", W.credit_code(1), NOV_22, 100, 12],
    ["乙", W.credit_code(2), 43791, "1,234.5万元", 12.0],
    ["丙", W.credit_code(3), "2019/11/22", "500", "12"],
    ["丁", W.credit_code(4), "2019.11.22", "12345000元", "12人"],
    ["戊", W.credit_code(5), "2019年11月22日", 88.5, 12],
    ["己", W.credit_code(6), "20191122", 0, 12],
    ["庚", 912102117000000000, "2019-11-22", 1, 12],
]


@pytest.mark.parametrize("writer, extension", [(W.write_openpyxl, "xlsx"), (W.write_xls, "xls")])
def test_cell_variants_from_real_files(tmp_path, writer, extension):
    path = writer(tmp_path / f"variants.{extension}", VARIANTS)
    with open_workbook(path) as workbook:
        match, records = read_table(workbook.rows())
        results = [cells.convert_row(match.kind, match.mapping, raw, n) for n, raw in records]
    for values, errors in results[:-1]:
        assert errors == [] and values["founded_on"] == NOV_22 and values["employees"] == 12
    assert [v["registered_capital"] for v, _ in results[:-1]] == [
        Decimal(x) for x in ("100", "1234.5", "500", "1234.5", "88.5", "0")
    ]
    values, errors = results[-1]
    assert values["credit_code"] is None
    assert errors == [
        (
            1,
            "第 8 行「统一社会信用代码」为数字格式（如 9.12102E+17），Excel 已丢失位数，"
            "请将该列设为文本后重新填写",
        )
    ]


def test_excel_number_text():
    assert cells.excel_number_text(912102117000000000) == "9.12102E+17"
    assert cells.excel_number_text(12.0) == "12"
    assert cells.number_as_text(2024.0) == "2024" and cells.number_as_text(1.5) == "1.5"
