"""Tests of the exports (exchange/exporter.py, export_kinds.py, xlsx_writer.py, template.py).

Written workbooks are opened with openpyxl (formats, frozen pane, validation) and read back
with the import's reader (values, round trip).
"""

import datetime
import os

import openpyxl
import pytest

from gjz_registry import outputs
from gjz_registry.errors import InvalidValueError, RegistryError
from gjz_registry.exchange.columns import export_headers
from gjz_registry.exchange.exporter import EXPORTS, Table, register_export
from gjz_registry.exchange.reader import open_workbook
from gjz_registry.exchange.xlsx_writer import Column
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows


@pytest.fixture
def filled(tmp_path, admin):
    """A registry with a carrier and eight enterprises, four in each of two streets, the
    first four in the incubator, all with a valid 高企 certificate."""
    add_carrier(admin)
    granted = datetime.date.today() - datetime.timedelta(days=100)  # valid today
    rows = enterprise_rows(8, 高企发证日期=granted)
    for n, row in enumerate(rows[1:], start=1):
        row[COLUMN["高新技术企业证书编号"]] = f"GR{granted.year}210{n:05d}"
    for row in rows[5:]:
        row[COLUMN["所属街道"]] = "南关岭街道"
        row[COLUMN["孵化阶段"]] = row[COLUMN["入驻载体"]] = row[COLUMN["入驻日期"]] = None
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "in.xlsx", rows))
    assert result.created == 8, result.rejections
    return admin


def cells(path, sheet):
    with open_workbook(path) as workbook:
        return list(workbook.rows(sheet))


def test_enterprise_export_has_the_canonical_columns_and_formats(tmp_path, filled):
    path = tmp_path / "企业.xlsx"
    result = filled.exchange.export("enterprises", path)
    assert (result.kind, result.rows) == ("enterprises", 8)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["企业信息", "说明"]
    sheet = book["企业信息"]
    assert [c.value for c in sheet[1]] == export_headers("enterprises")
    assert sheet.freeze_panes == "A2" and all(c.font.b for c in sheet[1])
    code = sheet.cell(row=2, column=COLUMN["统一社会信用代码"] + 1)
    assert code.value == W.credit_code(1) and code.data_type == "s" and code.number_format == "@"
    founded = sheet.cell(row=2, column=COLUMN["成立日期"] + 1)
    assert founded.value == datetime.datetime(2019, 1, 2) and founded.number_format == "yyyy-mm-dd"
    assert founded.is_date
    assert sheet.cell(row=2, column=COLUMN["注册资本(万元)"] + 1).value == 100.5
    assert sheet.column_dimensions["B"].width >= 2 * len("大连测试科技有限公司1")
    about = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert about["记录数"] == 8 and about["筛选条件"] == "全部"
    assert about["导出单位"] == "甘井子区科学技术局" and about["导出人"] == "管理员"
    assert about["导出时间"][:4].isdigit()


def test_filters_and_scope(tmp_path, filled, clerk):
    path = tmp_path / "f.xlsx"
    assert filled.exchange.export("enterprises", path, street="南关岭街道").rows == 4
    assert filled.exchange.export("enterprises", path, stage="孵化器").rows == 4
    assert filled.exchange.export("enterprises", path, stage="未入驻").rows == 4
    assert filled.exchange.export("enterprises", path, qualification="高新技术企业").rows == 8
    assert filled.exchange.export("enterprises", path, qualification="瞪羚企业").rows == 0
    result = clerk.exchange.export("enterprises", path)
    assert result.rows == 4
    about = {row[0]: row[1] for row in cells(path, "说明")}
    assert "大连湾街道" in about["筛选条件"]
    assert clerk.exchange.export("enterprises", path, street="南关岭街道").rows == 0
    with pytest.raises(InvalidValueError, match="不在街道列表中"):
        filled.exchange.export("enterprises", path, street="火星街道")
    with pytest.raises(InvalidValueError, match="导出类型"):
        filled.exchange.export("nothing", path)


def test_the_client_list_filters(tmp_path, filled):
    """The enterprise and carrier lists' own filters (领域, 状态, 载体, 查找; 类型, 级别)."""
    path = tmp_path / "list.xlsx"
    assert filled.exchange.export("enterprises", path, industry="新材料").rows == 8
    assert filled.exchange.export("enterprises", path, industry="生命健康").rows == 0
    assert filled.exchange.export("enterprises", path, status="在营").rows == 8
    assert filled.exchange.export("enterprises", path, carrier="甘井子区科技孵化器").rows == 4
    result = filled.exchange.export("enterprises", path, text=W.credit_code(3), street="")
    assert result.rows == 1 and result.filters == {"text": W.credit_code(3)}
    names = [row[1] for row in cells(path, "企业信息")[1:]]
    assert names == ["大连测试科技有限公司3"]
    about = {row[0]: row[1] for row in cells(path, "说明")}
    assert about["筛选条件"] == f"查找：{W.credit_code(3)}"
    both = dict(industry="新材料", street="南关岭街道", text="大连测试")
    assert filled.exchange.export("enterprises", path, **both).rows == 4
    with pytest.raises(InvalidValueError):
        filled.exchange.export("enterprises", path, status="休眠")
    assert filled.exchange.export("carriers", path, carrier_kind="孵化器", level="未认定").rows == 1
    assert filled.exchange.export("carriers", path, carrier_kind="加速器").rows == 0
    assert filled.exchange.export("carriers", path, text="科技孵化").rows == 1
    with pytest.raises(InvalidValueError):
        filled.exchange.export("carriers", path, level="宇宙级")


def test_round_trip_gives_the_same_cells(tmp_path, filled, registry):
    first = tmp_path / "first.xlsx"
    filled.exchange.export("enterprises", first)
    filled.exchange.export("carriers", tmp_path / "carriers.xlsx")
    from gjz_registry import open_registry

    empty = open_registry(tmp_path / "empty.db").as_local_admin()
    assert empty.exchange.import_file(tmp_path / "carriers.xlsx").created == 1
    result = empty.exchange.import_file(first)
    assert (result.created, result.rejected) == (8, 0), result.rejections
    second = tmp_path / "second.xlsx"
    empty.exchange.export("enterprises", second)
    assert cells(second, "企业信息") == cells(first, "企业信息")
    empty.exchange.export("carriers", tmp_path / "carriers2.xlsx")
    assert cells(tmp_path / "carriers2.xlsx", "载体信息") == cells(
        tmp_path / "carriers.xlsx", "载体信息"
    )
    empty.close()


def test_the_other_lists(tmp_path, filled):
    high = tmp_path / "high.xlsx"
    assert filled.exchange.export("high-tech", high).rows == 8
    rows = cells(high, "高新技术企业名单")
    assert rows[0] == export_headers("high-tech")
    granted = datetime.date.today() - datetime.timedelta(days=100)
    assert rows[1][3:5] == [f"GR{granted.year}21000001", granted]
    assert filled.exchange.export("high-tech", high, year=granted.year).rows == 8
    assert filled.exchange.export("high-tech", high, year=granted.year - 5).rows == 0
    sme = tmp_path / "sme.xlsx"
    assert filled.exchange.export("tech-sme", sme, year=2024, street="大连湾街道").rows == 4
    assert cells(sme, "科技型中小企业名单")[1][3:5] == ["2024210211A0000001", 2024]
    residents = tmp_path / "res.xlsx"
    assert filled.exchange.export("residents", residents).rows == 4
    row = cells(residents, "在孵企业名单")[1]
    assert row[:4] == [1, "甘井子区科技孵化器", "孵化器", "孵化器"]
    assert row[7] == datetime.date(2019, 11, 22) and row[8] >= 60


def test_the_template_has_dropdowns_fed_from_a_hidden_sheet(tmp_path, filled):
    path = tmp_path / "模板.xlsx"
    filled.exchange.template(path)
    book = openpyxl.load_workbook(path)
    sheet, lists = book["企业信息"], book["下拉选项"]
    assert lists.sheet_state == "hidden"
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["序号", "＊企业名称", "＊统一社会信用代码"]
    streets = [c.value for c in lists["A"][1:] if c.value]
    assert "大连湾街道" in streets and len(streets) >= 18
    assert [c.value for c in lists["C"][1:] if c.value] == [
        "苗圃",
        "孵化器",
        "加速器",
        "产业化基地",
    ]
    rules = {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}
    assert set(rules) == {"D2", "E2", "N2"}  # 所属街道, 产业领域, 孵化阶段
    assert all(dv.type == "list" and "下拉选项" in dv.formula1 for dv in rules.values())
    assert sheet.column_dimensions["C"].number_format == "@"
    # the template is itself importable: filled in, it imports
    sheet.append([1, "大连模板科技有限公司", W.credit_code(77), "大连湾街道"])
    book.save(path)
    assert filled.exchange.import_file(path).created == 1


def test_a_target_held_open_gives_one_clear_message(tmp_path, filled, monkeypatch):
    path = tmp_path / "busy.xlsx"
    path.write_bytes(b"old")

    def locked(source, target):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(outputs.os, "replace", locked)
    with pytest.raises(RegistryError) as caught:
        filled.exchange.export("enterprises", path)
    assert str(caught.value) == outputs.BUSY.format(path=path)
    assert path.read_bytes() == b"old"
    left = sorted(n for n in os.listdir(tmp_path) if not n.startswith("registry.db"))
    assert left == ["busy.xlsx", "data", "in.xlsx"]  # no half-written file left behind


def test_a_missing_folder_is_reported(tmp_path, filled):
    with pytest.raises(RegistryError, match="文件夹「.*no」不存在"):
        filled.exchange.export("enterprises", tmp_path / "no" / "x.xlsx")


def test_other_modules_can_add_export_kinds(tmp_path, admin):
    @register_export("sample", "示例")
    def sample(service, **filters):
        return Table(
            "示例", [Column("名称"), Column("日期", "date")], [("甲", datetime.date(2020, 1, 2))]
        )

    try:
        result = admin.exchange.export("sample", tmp_path / "s.xlsx")
        assert result.rows == 1
        assert cells(tmp_path / "s.xlsx", "示例")[1] == ["甲", datetime.date(2020, 1, 2)]
        assert admin.exchange.export_kinds()["sample"] == "示例"
    finally:
        del EXPORTS["sample"]


def test_text_with_markup_control_characters_and_spaces_survives(tmp_path, admin):
    @register_export("odd", "特殊字符")
    def odd(service, **filters):
        return Table("特殊", [Column("文本")], [("a<b>&c",), (" 前后空格 ",), ("x\x01y",)])

    try:
        admin.exchange.export("odd", tmp_path / "o.xlsx")
        sheet = openpyxl.load_workbook(tmp_path / "o.xlsx")["特殊"]
        assert [c.value for c in sheet["A"]] == ["文本", "a<b>&c", " 前后空格 ", "xy"]
    finally:
        del EXPORTS["odd"]
