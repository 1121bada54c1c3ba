"""An imported workbook whose cells hold control or invisible characters: they are removed
like on every save, and the result names each cell that lost some (rows otherwise import)."""

import pytest

from tests.exchange import workbooks as W
from tests.exchange.importing import add_carrier, enterprise_rows

NAME, CODE, ADDRESS, NOTES = 1, 2, 8, 20  # columns of the enterprise sheet


@pytest.fixture
def dirty_workbook(tmp_path, admin):
    add_carrier(admin)
    rows = enterprise_rows(4)
    rows[1][NAME] = "\x1b[31m大连红字科技有限公司\x1b[0m"  # sheet row 2
    rows[2][ADDRESS] = "大连市\u202e甘井子区\u200b红旗路"  # sheet row 3
    rows[2][CODE] = rows[2][CODE] + "\ufeff"
    rows[3][NOTES] = "第一行\r\n第二行"  # sheet row 4: a line break is no invisible character
    rows[4][NOTES] = "回访\x07记录\n下一行"  # sheet row 5
    # XlsxWriter stores control characters as Excel does (_x001B_), so the file is real
    return W.write_xlsxwriter(tmp_path / "企业.xlsx", rows)


def test_import_removes_invisible_characters_and_says_where(admin, dirty_workbook):
    result = admin.exchange.import_file(dirty_workbook)
    assert result.created == 4 and result.rejected == 0
    assert [(n.row_number, n.column, n.message) for n in result.notes] == [
        (2, "企业名称", "第 2 行「企业名称」中的控制字符或不可见字符已删除"),
        (3, "统一社会信用代码", "第 3 行「统一社会信用代码」中的控制字符或不可见字符已删除"),
        (3, "注册地址", "第 3 行「注册地址」中的控制字符或不可见字符已删除"),
        (5, "备注", "第 5 行「备注」中的控制字符或不可见字符已删除"),
    ]
    by_code = {n: admin.enterprises.get_by_code(W.credit_code(n)) for n in (1, 2, 3, 4)}
    assert by_code[1].name == "大连红字科技有限公司"
    assert by_code[2].address == "大连市甘井子区红旗路"
    assert by_code[3].notes == "第一行\n第二行"
    assert by_code[4].notes == "回访记录\n下一行"


def test_a_dry_run_reports_the_same_and_rejected_rows_are_not_noted(admin, tmp_path):
    add_carrier(admin)
    rows = enterprise_rows(2)
    rows[1][NAME] = "\u2066大连隔离科技有限公司\u2069"
    rows[2][NAME] = "\u200b某公司"
    rows[2][CODE] = "不是信用代码"  # rejected: its note would tell about nothing stored
    path = W.write_xlsxwriter(tmp_path / "企业.xlsx", rows)
    result = admin.exchange.import_file(path, dry_run=True)
    assert result.rejected == 1
    assert [n.message for n in result.notes] == [
        "第 2 行「企业名称」中的控制字符或不可见字符已删除"
    ]
