"""The Torch statistics exports (exchange/torch_export.py, torch_layouts.py): a year of carrier
operations and resident data (tests/exchange/torch_year.py) written in the national layouts
and read back with calamine — every figure, 万元 → 千元 exactly, headings and order, the
marked columns, reported beside computed counts, scope, text that stays text."""

import datetime

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from gjz_registry import output_kinds
from gjz_registry.exchange import torch_layouts as L
from tests.exchange import torch_year as TY
from tests.exchange import workbooks as W
from tests.exchange.torch_year import thousand

GREY = "00D9D9D9"
ORANGE = "00F8CBAD"


@pytest.fixture(scope="module")
def saved_books(tmp_path_factory):
    """The carrier operations and annual data sheets as LibreOffice Calc saves them."""
    folder = tmp_path_factory.mktemp("torch-lo")
    (folder / "src").mkdir()
    carriers, annual = TY.sheet_rows()
    sources = [
        W.write_openpyxl(folder / "src" / "载体年度运营.xlsx", carriers, merges=("A1:F1",)),
        W.write_openpyxl(folder / "src" / "在孵企业年度数据.xlsx", annual, merges=("A1:F1",)),
    ]
    return W.libreoffice_saved(sources, folder / "out")


@pytest.fixture(params=["services", "imported"])
def year(request, admin):
    """The 2023 figures entered through the services, or imported from the sheets saved by
    LibreOffice: every check below holds for both (the issue's round trip: import, export
    in the Torch layouts, read back with calamine)."""
    if request.param == "services":
        return TY.build_year(admin)
    return TY.import_year(admin, request.getfixturevalue("saved_books"))


def sheets(path):
    """{sheet name: rows} read with calamine (numbers come back as floats)."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def by_heading(rows, index):
    """Data row ``index`` (0-based, below the headings and the note row) by heading."""
    return dict(zip(rows[0], rows[2 + index], strict=True))


def expanded(layout):
    """The headings a carrier sheet must have: 序号, the form's, each reported count followed
    by the computed one, and the differences."""
    out = ["序号"]
    for column in layout:
        out.append(column.heading)
        if column.compare:
            out.append(column.heading + L.COMPUTED_SUFFIX)
    return out + [L.DIFFERENCE_HEADING]


def test_the_exports_are_declared_once_for_both_front_ends(admin):
    for code in ("torch-carriers", "torch-residents", "annual"):
        kind = output_kinds.export_kind(code)
        assert kind.source == "exchange" and set(kind.takes) == {"street", "year"}
        assert admin.exchange.export_kinds()[code] == kind.title


def test_carrier_forms_hold_every_figure_in_the_forms_order(tmp_path, admin, year):
    path = tmp_path / "载体.xlsx"
    result = admin.exchange.export("torch-carriers", path, year=TY.YEAR)
    assert result.rows == 2 and result.title == "2023年火炬统计·载体运营综合情况"
    found = sheets(path)
    assert list(found) == ["科技企业孵化器", "众创空间", "说明"]
    incubators, makerspaces = found["科技企业孵化器"], found["众创空间"]
    assert incubators[0] == expanded(L.INCUBATOR) and makerspaces[0] == expanded(L.MAKERSPACE)
    assert len(incubators) == 3 and len(makerspaces) == 3  # the accelerator has no 2023 figures
    row = by_heading(incubators, 0)
    entered = TY.INCUBATOR_YEAR
    assert row["序号"] == 1 and row["孵化器名称"] == TY.INCUBATOR and row["是否国家级"] == "是"
    assert row["孵化器场地建筑总面积（平方米）"] == 5000.5
    assert row["其中：在孵企业用房（平方米）"] == 3200.25
    assert row["管理机构从业人员（人）"] == 12 and row["创业导师人数（人）"] == 10
    assert row["其中：专职创业导师（人）"] == 3 and row["公共技术服务平台（个）"] == 4
    assert row["孵化器总收入（千元）"] == thousand(entered["total_income"]) == 4567.89
    assert row["孵化基金总额（千元）"] == thousand("1234.5678") == 12345.678
    assert row["当年孵化基金投资额（千元）"] == 880.001
    assert row["获得各级财政资助额（千元）"] == 500
    assert row["获得孵化基金投资的企业数（个）"] == 2 and row["举办创新创业活动（场）"] == 15
    # the residents at the end of 2023 (1 and 2) and their annual data, summed, in 千元
    one, two = TY.ANNUAL[1], TY.ANNUAL[2]
    assert row["在孵企业从业人员（人）"] == 38
    assert row["在孵企业总收入（千元）"] == thousand("1244.5679") == 12445.679
    assert row["在孵企业净利润（千元）"] == thousand(one["net_profit"]) == -123.456
    assert row["在孵企业R&D投入（千元）"] == thousand("101.2346")
    assert row["在孵企业上缴税费（千元）"] == 205 and row["在孵企业出口总额（千元）"] == 30.003
    assert row["在孵企业当年获得投融资额（千元）"] == thousand(one["investment_received"])
    assert row["当年获得投融资的在孵企业数（个）"] == 1
    assert row["在孵企业当年知识产权申请数（件）"] == 5
    assert row["在孵企业当年知识产权授权数（件）"] == 3
    assert row["在孵高新技术企业数（个）"] == 1 and row["在孵科技型中小企业数（个）"] == 1
    assert two["employees"] == 8  # part of the 38 above
    space = by_heading(makerspaces, 0)
    assert space["众创空间名称"] == TY.MAKERSPACE and space["是否国家备案众创空间"] == "否"
    assert space["提供工位数（个）"] == 60 and space["众创空间总收入（千元）"] == 123.456
    assert space["初创企业吸纳就业人员（人）"] == 5


def test_reported_counts_stand_beside_the_computed_ones_and_differences_are_marked(
    tmp_path, admin, year
):
    path = tmp_path / "载体.xlsx"
    admin.exchange.export("torch-carriers", path, year=TY.YEAR)
    row = by_heading(sheets(path)["科技企业孵化器"], 0)
    expected = {  # heading: (reported, computed)
        "年初在孵企业数（个）": (2, 2),  # no. 1 and no. 4
        "当年新增在孵企业数（个）": (2, 1),  # no. 2
        "当年毕业企业数（个）": (0, 0),
        "当年离孵企业数（个）": (1, 1),  # no. 4
        "在孵企业数（个）": (4, 2),
    }
    for heading, (reported, computed) in expected.items():
        assert (row[heading], row[heading + L.COMPUTED_SUFFIX]) == (reported, computed)
    assert (
        row[L.DIFFERENCE_HEADING]
        == "当年新增在孵企业数：填报 2，计算 1；在孵企业数：填报 4，计算 2"
    )
    sheet = openpyxl.load_workbook(path)["科技企业孵化器"]
    headings = [c.value for c in sheet[1]]
    fills = {headings[c.column - 1]: c.fill.fgColor.rgb for c in sheet[3]}
    assert fills["在孵企业数（个）"] == fills["在孵企业数（个）" + L.COMPUTED_SUFFIX] == ORANGE
    assert fills["年初在孵企业数（个）"] != ORANGE  # reported and computed agree
    space = by_heading(sheets(path)["众创空间"], 0)
    assert space[L.DIFFERENCE_HEADING] == ""


def test_columns_without_data_stay_headed_as_the_form_and_are_marked(tmp_path, admin, year):
    path = tmp_path / "载体.xlsx"
    admin.exchange.export("torch-carriers", path, year=TY.YEAR)
    book = openpyxl.load_workbook(path)
    for title, layout in (("科技企业孵化器", L.INCUBATOR), ("众创空间", L.MAKERSPACE)):
        sheet = book[title]
        headings = [c.value for c in sheet[1]]
        marked = [c.heading for c in layout if c.marked]
        assert marked  # e.g. 孵化器性质, 运营成本
        for heading in marked:
            column = headings.index(heading) + 1
            assert sheet.cell(2, column).value == L.NO_DATA
            assert all(sheet.cell(r, column).fill.fgColor.rgb == GREY for r in (1, 2, 3))
            assert sheet.cell(3, column).value is None
        assert sheet.cell(1, headings.index("孵化器总收入（千元）" if layout is L.INCUBATOR
                          else "众创空间总收入（千元）") + 1).fill.fgColor.rgb != GREY  # fmt: skip
    about = {row[0]: row[1] for row in sheets(path)["说明"]}
    assert "1 万元 = 10 千元" in about["金额单位"] and "不作舍入" in about["金额单位"]
    assert L.NO_DATA in about["标灰列"]
    assert TY.ACCELERATOR in about["未填报年度运营的载体"]


def test_resident_form_has_each_enterprise_in_residence_at_the_years_end(tmp_path, admin, year):
    path = tmp_path / "在孵.xlsx"
    result = admin.exchange.export("torch-residents", path, year=TY.YEAR)
    assert result.rows == 3  # no. 4 left in September
    rows = sheets(path)["在孵企业"]
    assert rows[0] == ["序号"] + [c.heading for c in L.RESIDENT]
    assert rows[1] == ["本系统"] + [L.note(c) for c in L.RESIDENT]
    note = rows[1][rows[0].index("在孵企业总收入（千元）")]
    assert note == "企业年度数据；万元×10，精确不舍入"  # the unit rule on the sheet itself
    found = {r["企业名称"]: r for r in (by_heading(rows, i) for i in range(3))}
    assert set(found) == {f"大连测试{n}号科技有限公司" for n in (1, 2, 3)}
    one = found["大连测试1号科技有限公司"]
    data = TY.ANNUAL[1]
    assert one["所在孵化器（众创空间）"] == TY.INCUBATOR
    assert one["企业成立时间"] == datetime.date(2021, 6, 1)
    assert one["企业入驻时间"] == datetime.date(2022, 3, 1)
    assert one["企业所属技术领域"] == "电子信息" and one["是否毕业企业"] == "否"
    assert one["是否高新技术企业"] == "是" and one["是否科技型中小企业"] == "否"
    assert one["是否专精特新企业"] == "否" and one["是否专精特新“小巨人”企业"] == "否"
    money = {
        "获得天使或风险投资额（千元）": "investment_received",
        "在孵企业总收入（千元）": "revenue",
        "在孵企业净利润（千元）": "net_profit",
        "在孵企业出口总额（千元）": "export_total",
        "在孵企业研究与试验发展经费支出（千元）": "rd_expense",
        "在孵企业实际上缴税费（千元）": "tax_paid",
        "技术合同交易额（千元）": "tech_contract_amount",
    }
    for heading, code in money.items():
        assert one[heading] == thousand(data[code]), heading
    assert one["在孵企业总收入（千元）"] == 12345.678
    assert one["企业成立时注册资本（千元）"] == 1005
    counts = {
        "在孵企业从业人员（人）": "employees",
        "其中：研究与试验发展人员（人）": "rd_staff",
        "吸纳应届大学毕业生（人）": "graduates_hired",
        "当年知识产权申请数（件）": "ip_applied",
        "其中：发明专利申请（件）": "invention_applied",
        "当年知识产权授权数（件）": "ip_granted",
        "其中：发明专利（件）": "invention_patents",
        "软件著作权（件）": "software_copyrights",
        "技术合同交易数量（项）": "tech_contracts",
    }
    for heading, code in counts.items():
        assert one[heading] == data[code], heading
    assert one["当年获得省级以上奖励"] == "是"
    two, three = found["大连测试2号科技有限公司"], found["大连测试3号科技有限公司"]
    assert two["是否科技型中小企业"] == "是" and two["是否高新技术企业"] == "否"
    assert two["在孵企业研究与试验发展经费支出（千元）"] == 12.345
    assert two["在孵企业净利润（千元）"] == ""  # not reported: left empty, not 0
    assert three["所在孵化器（众创空间）"] == TY.MAKERSPACE
    assert three["当年获得省级以上奖励"] == "否"  # 市级
    assert three["是否专精特新“小巨人”企业"] == "是"
    sheet = openpyxl.load_workbook(path)["在孵企业"]
    headings = [c.value for c in sheet[1]]
    for column in (c for c in L.RESIDENT if c.marked):
        cell = sheet.cell(3, headings.index(column.heading) + 1)
        assert cell.value is None and cell.fill.fgColor.rgb == GREY


def test_a_street_user_gets_their_streets_carriers_and_residents(
    tmp_path, admin, clerk, other_clerk, year
):
    path = tmp_path / "x.xlsx"
    assert clerk.exchange.export("torch-carriers", path, year=TY.YEAR).rows == 1
    found = sheets(path)
    assert [r[1] for r in found["科技企业孵化器"][2:]] == [TY.INCUBATOR]
    assert len(found["众创空间"]) == 2  # headings and notes only
    assert clerk.exchange.export("torch-residents", path, year=TY.YEAR).rows == 2
    names = {r[2] for r in sheets(path)["在孵企业"][2:]}
    assert names == {"大连测试1号科技有限公司", "大连测试2号科技有限公司"}
    assert other_clerk.exchange.export("torch-residents", path, year=TY.YEAR).rows == 1
    assert other_clerk.exchange.export("torch-carriers", path, year=TY.YEAR).rows == 1
    assert (
        admin.exchange.export("torch-residents", path, year=TY.YEAR, street="南关岭街道").rows == 1
    )


def test_text_that_looks_like_a_formula_stays_text(tmp_path, admin, year):
    path = tmp_path / "载体.xlsx"
    admin.exchange.export("torch-carriers", path, year=TY.YEAR)
    sheet = openpyxl.load_workbook(path)["科技企业孵化器"]
    headings = [c.value for c in sheet[1]]
    cell = sheet.cell(3, headings.index("通讯地址") + 1)
    assert cell.value == TY.FORMULA and cell.data_type == "s"
    code = sheet.cell(3, headings.index("统一社会信用代码") + 1)
    assert code.data_type == "s" and code.number_format == "@"


def test_another_year_has_no_rows_and_the_default_is_last_year(tmp_path, admin, year):
    path = tmp_path / "x.xlsx"
    assert admin.exchange.export("torch-carriers", path, year=2022).rows == 0
    result = admin.exchange.export("torch-residents", path)
    assert result.title.startswith(f"{datetime.date.today().year - 1}年")
