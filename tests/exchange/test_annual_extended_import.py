"""The annual sheet's extended figures (the Torch enterprise form's: net profit, exports, IP,
invention applications, software copyrights, contracts, graduates hired, award level) import
from a LibreOffice-saved workbook by their synonyms, 千元 headers converted to 万元 (a loss
stays negative), an update lists its changes and undo restores the figures."""

from decimal import Decimal

from tests.exchange import workbooks as W
from tests.exchange.importing import plain_rows

HEADERS = [
    "企业名称",
    "统一社会信用代码",
    "年度",
    "营业收入(千元)",
    "净利润(千元)",
    "出口总额",
    "知识产权申请数",
    "知识产权授权总数",
    "发明专利申请",
    "软著",
    "技术合同项数",
    "吸纳应届毕业生",
    "获奖情况",
]


def test_extended_annual_figures_import_update_and_undo(tmp_path, admin):
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "企业.xlsx", plain_rows(2)))
    rows = [HEADERS, ["大连测试科技有限公司1", W.credit_code(1), 2023, 12345, -125, 30]]
    rows[1] += [5, 4, 2, 3, 6, 7, "省"]
    (tmp_path / "src").mkdir()
    source = W.write_openpyxl(tmp_path / "src" / "年度数据.xlsx", rows)
    (path,) = W.libreoffice_saved([source], tmp_path / "out")
    result = admin.exchange.import_file(path)
    assert (result.created, result.rejected) == (1, 0), result.rejections
    enterprise = admin.enterprises.get_by_code(W.credit_code(1))
    values = admin.annual.for_enterprise(enterprise.id, 2023)[0].values
    assert values["net_profit"] == Decimal("-12.5") and values["revenue"] == Decimal("1234.5")
    assert values["export_total"] == 30
    assert (values["ip_applied"], values["ip_granted"], values["invention_applied"]) == (5, 4, 2)
    assert (values["software_copyrights"], values["tech_contracts"]) == (3, 6)
    assert (values["graduates_hired"], values["award_level"]) == (7, "省级")
    rows[1][4] = 250  # the loss became a profit
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "b.xlsx", rows))
    assert result.updated == 1 and "净利润(万元) -12.5 → 25" in result.changes[0].text
    admin.exchange.undo(result.batch_id)
    values = admin.annual.for_enterprise(enterprise.id, 2023)[0].values
    assert values["net_profit"] == Decimal("-12.5")
