"""Importing carriers' yearly operations (载体年度运营, exchange/carrier_year_import.py) and the
annual sheet built from the ANNUAL spec: a year of each from LibreOffice-saved workbooks,
preview counts and changes, the errors workbook, undo, the street scope, hostile files."""

import datetime
from decimal import Decimal

import openpyxl
import pytest

from db.models import CarrierYear
from gjz_registry.errors import FileFormatError
from gjz_registry.exchange import columns as cols
from tests.exchange import workbooks as W
from tests.exchange.importing import add_carrier, content, plain_rows

YEAR = 2023
OWN = "甘井子区科技孵化器"  # 大连湾街道, the clerk's street
OTHER = "南关岭创业孵化器"  # 南关岭街道
HEADERS = [
    "序号",
    "载体名称",
    "年度",
    "孵化面积",  # a synonym of 孵化场地面积(平方米)
    "工位数(个)",
    "专职创业导师",
    "自有孵化种子基金金额",  # a synonym, 万元
    "载体总收入(千元)",  # 千元: converted to 万元
    "主题活动数量",  # the peers' name of 创新创业活动
    "年末在孵企业数",
    "备注",
]
TITLE = ["甘井子区2023年度孵化载体运营情况统计表"]
ANNUAL_HEADERS = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "年度",
    "营业收入(千元)",
    "研发投入",
    "实际上缴税费(千元)",
    "从业人数",
    "研发人员",
]


def carrier_rows(year=YEAR):
    return [
        TITLE,
        HEADERS,
        [1, OWN, year, 12000.5, 300, 5, 500, 12345, 24, 40, "年度运营正常"],
        [2, OTHER, year, 8000, 150, 2, 0, 6789.5, 12, 25, None],
    ]


def annual_rows(year=YEAR):
    return [
        ["甘井子区2023年度在孵企业年度数据"],
        ANNUAL_HEADERS,
        [1, "大连测试科技有限公司1", W.credit_code(1), year, 12345, 210.5, 1001, 30, 8],
        [2, "大连测试科技有限公司2", W.credit_code(2), year, 800, 20, 55.5, 12, 3],
    ]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The carrier and the annual workbook as LibreOffice Calc saves them (one run)."""
    folder = tmp_path_factory.mktemp("lo")
    (folder / "src").mkdir()
    sources = [
        W.write_openpyxl(folder / "src" / "载体运营.xlsx", carrier_rows(), merges=("A1:K1",)),
        W.write_openpyxl(folder / "src" / "年度数据.xlsx", annual_rows(), merges=("A1:I1",)),
    ]
    carriers, annual = W.libreoffice_saved(sources, folder / "out")
    return carriers, annual


@pytest.fixture
def carriers(admin):
    add_carrier(admin, OWN)
    add_carrier(admin, OTHER, street="南关岭街道")
    return {c.name: c.id for c in admin.carriers.list().items}


def write(tmp_path, rows, name="载体运营.xlsx", **options):
    return W.write_openpyxl(tmp_path / name, rows, **options)


def test_a_year_of_carrier_operations_from_a_libreoffice_workbook(saved, admin, carriers):
    path = saved[0]
    preview = admin.exchange.preview(path)
    assert (preview.kind, preview.kind_title, preview.total_rows) == (
        "carrier-years",
        "载体年度运营",
        2,
    )
    assert preview.header_row == 2 and preview.unknown_columns == []
    assert [r.action for r in preview.rows] == ["新增", "新增"] and preview.changes == []
    result = admin.exchange.import_file(path)
    assert (result.read, result.created, result.rejected) == (2, 2, 0), result.rejections
    own = admin.carrier_years.get(carriers[OWN], YEAR)
    assert own.incubation_area_m2 == Decimal("12000.50") and own.stations == 300
    assert (own.mentors_full, own.events, own.reported_end) == (5, 24, 40)
    assert own.seed_fund == Decimal("500") and own.notes == "年度运营正常"
    assert own.total_income == Decimal("1234.5")  # 12345 千元
    other = admin.carrier_years.get(carriers[OTHER], YEAR)
    assert other.total_income == Decimal("678.95") and other.seed_fund == 0
    assert other.site_area_m2 is None and other.notes is None


def test_a_year_of_annual_data_from_a_libreoffice_workbook(saved, tmp_path, admin):
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "企业.xlsx", plain_rows(2)))
    path = saved[1]
    preview = admin.exchange.preview(path)
    assert (preview.kind, preview.total_rows, preview.unknown_columns) == ("annual", 2, [])
    result = admin.exchange.import_file(path)
    assert (result.created, result.rejected) == (2, 0), result.rejections
    first = admin.enterprises.get_by_code(W.credit_code(1))
    values = admin.annual.for_enterprise(first.id, YEAR)[0].values
    assert values["revenue"] == Decimal("1234.5")  # 12345 千元
    assert values["tax_paid"] == Decimal("100.1") and values["rd_expense"] == Decimal("210.5")
    assert (values["employees"], values["rd_staff"]) == (30, 8)


def test_the_annual_sheet_takes_every_field_of_the_spec_with_its_synonyms():
    """columns.ANNUAL is built from gjz_registry.fields.ANNUAL: each field a column, typed
    as the spec says, found by its synonyms (the Torch form's names among them)."""
    from gjz_registry import fields

    kind = cols.ANNUAL
    assert [c.code for c in kind.columns[3:-1]] == [f.code for f in fields.ANNUAL.fields]
    found = {
        "净利润(千元)": "net_profit",
        "出口总额": "export_total",
        "知识产权授权总数": "ip_granted",
        "知识产权申请": "ip_applied",
        "发明专利申请": "invention_applied",
        "软著": "software_copyrights",
        "技术合同项数": "tech_contracts",
        "吸纳应届毕业生": "graduates_hired",
        "获奖情况": "award_level",
        "R&D经费": "rd_expense",
    }
    assert {header: kind.match(header).code for header in found} == found
    assert kind.column("net_profit").type == cols.SIGNED_MONEY
    assert kind.column("award_level").choices == fields.ANNUAL["award_level"].vocabulary


def test_extended_annual_cells_are_converted_by_their_kinds(tmp_path, admin):
    """净利润 may be negative (and in 千元), 科技奖励 is one of its levels: the preview shows
    no error for good cells and names the rule for bad ones."""
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "企业.xlsx", plain_rows(2)))
    rows = [
        ["企业名称", "年度", "净利润(千元)", "出口总额", "软件著作权", "科技奖励"],
        ["大连测试科技有限公司1", YEAR, -125, 30, 4, "省"],
        ["大连测试科技有限公司2", YEAR, "亏损", -3, 1, "区级"],
    ]
    preview = admin.exchange.preview(W.write_openpyxl(tmp_path / "年度.xlsx", rows))
    assert preview.kind == "annual" and preview.unknown_columns == []
    assert preview.rows[0].errors == {}
    bad = preview.rows[1].errors
    assert "「净利润(万元)」应为金额" in bad[2]
    assert "「出口总额(万元)」不能为负数" in bad[3]
    assert "「科技奖励」" in bad[5]


def test_preview_and_dry_run_show_the_figures_an_import_changes(tmp_path, admin, carriers):
    admin.carrier_years.save(carriers[OWN], YEAR, {"stations": 250, "events": 24})
    path = write(tmp_path, carrier_rows()[1:])
    preview = admin.exchange.preview(path, on_conflict="update")
    assert [r.action for r in preview.rows] == ["更新", "新增"]
    changed = {c.label: (c.old, c.new) for c in preview.rows[0].changes}
    assert changed["工位数(个)"] == ("250", "300") and "创新创业活动(场)" not in changed
    assert changed["载体总收入(万元)"] == ("（空）", "1234.5")
    assert preview.change_counts["工位数(个)"] == 1
    admin.carrier_years.save(carriers[OTHER], YEAR, {"events": 1})
    first_only = admin.exchange.preview(path, on_conflict="update", limit=1)
    assert [(r.number, r.later) for r in first_only.rows] == [(2, False), (3, True)]
    assert first_only.rows[1].action == "更新" and len(first_only.changes) == 2
    filled = admin.exchange.preview(path, on_conflict="fill")
    assert "工位数(个)" not in {c.label for c in filled.rows[0].changes} and filled.kept_rows == 2
    dry = admin.exchange.import_file(path, dry_run=True)
    assert (dry.created, dry.updated, dry.committed) == (0, 2, False)
    assert dry.changes[0].record == f"{OWN} {YEAR} 年度运营" and dry.changes[0].row_number == 2
    assert admin.carrier_years.get(carriers[OWN], YEAR).stations == 250  # nothing written
    assert admin.carrier_years.get(carriers[OTHER], YEAR).stations is None


def test_undo_restores_the_previous_figures_exactly(tmp_path, admin, carriers, db_target):
    admin.carrier_years.save(carriers[OWN], YEAR, {"stations": 250, "notes": "旧"})
    before = content(db_target)
    result = admin.exchange.import_file(write(tmp_path, carrier_rows()[1:]))
    assert (result.created, result.updated) == (1, 1), result.rejections
    assert admin.carrier_years.get(carriers[OWN], YEAR).stations == 300
    done = admin.exchange.undo(result.batch_id)
    assert (done.removed, done.restored) == (1, 1)
    assert content(db_target) == before  # figures, versions and time stamps
    assert admin.carrier_years.get(carriers[OTHER], YEAR) is None


def test_undo_is_refused_when_the_figures_changed_afterwards(tmp_path, admin, carriers):
    result = admin.exchange.import_file(write(tmp_path, carrier_rows()[1:]))
    record = admin.carrier_years.get(carriers[OWN], YEAR)
    admin.carrier_years.save(carriers[OWN], YEAR, {"events": 30}, version=record.version)
    with pytest.raises(Exception, match=f"载体「{OWN}」的{YEAR} 年度运营在导入后又被修改"):
        admin.exchange.undo(result.batch_id)


def test_rejected_rows_name_row_column_and_rule_in_the_errors_workbook(tmp_path, admin, carriers):
    rows = [
        HEADERS,
        [1, OWN, YEAR, 100, "三百", 1, 1, 1, 1, 1, None],  # 工位数 not a count
        [2, "不存在的孵化器", YEAR, 100, 3, 1, 1, 1, 1, 1, None],  # not registered
        [3, OTHER, 1980, 100, 3, 1, 1, 1, 1, 1, None],  # a year out of range
        [4, OTHER, YEAR, 100, 3, 1, 1, 1, 1, 1, None],
        [5, OTHER, YEAR, 200, 3, 1, 1, 1, 1, 1, None],  # the same carrier and year again
    ]
    errors = tmp_path / "错误.xlsx"
    result = admin.exchange.import_file(write(tmp_path, rows), errors_path=errors)
    assert (result.created, result.rejected) == (1, 4)
    messages = {r.row_number: (r.column, r.message) for r in result.rejections}
    assert messages[2][0] == "工位数(个)" and "「三百」" in messages[2][1]
    assert messages[3][0] == "载体名称" and "载体「不存在的孵化器」未登记" in messages[3][1]
    assert messages[4][0] == "年度" and "第 4 行" in messages[4][1]
    assert messages[6][0] == "载体名称" and "与第 5 行重复" in messages[6][1]
    sheet = openpyxl.load_workbook(errors).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[0]
    assert "原行号" in header and "载体名称" in header
    numbers = [row[header.index("原行号")] for row in values[1:]]
    assert numbers == [2, 3, 4, 6]
    reasons = " ".join(str(cell) for row in values[1:] for cell in row if cell)
    assert "未登记" in reasons and "三百" in reasons


def test_all_or_nothing_writes_nothing_when_a_row_is_refused(tmp_path, admin, carriers, db_target):
    rows = carrier_rows()[1:] + [[3, "不存在的孵化器", YEAR, 1, 1, 1, 1, 1, 1, 1, None]]
    before = content(db_target)
    result = admin.exchange.import_file(write(tmp_path, rows), all_or_nothing=True)
    assert result.rolled_back_for_rejections and result.rejected == 1
    assert content(db_target) == before


def test_a_street_user_imports_only_the_carriers_of_their_street(tmp_path, clerk, admin, carriers):
    result = clerk.exchange.import_file(write(tmp_path, carrier_rows()[1:]))
    assert (result.created, result.rejected) == (1, 1)
    refusal = result.rejections[0]
    assert refusal.row_number == 3 and refusal.column == "载体名称"
    assert "其他街道" in refusal.message and OTHER not in refusal.message
    assert clerk.carrier_years.get(carriers[OWN], YEAR).stations == 300
    assert admin.carrier_years.get(carriers[OTHER], YEAR) is None
    preview = clerk.exchange.preview(write(tmp_path, carrier_rows()[1:], "again.xlsx"))
    assert "其他街道" in preview.rows[1].errors[1]


# --- hostile files ---------------------------------------------------------------------------
def test_a_stray_cell_far_below_and_invisible_characters_in_names(tmp_path, admin, carriers):
    rows = carrier_rows()[1:]
    rows[2][1] = "\u200b" + OTHER + "\ufeff "  # zero-width space, BOM, a trailing space
    path = W.stray_cell(tmp_path / "远处.xlsx", rows, ref="C500000", value="x")
    result = admin.exchange.import_file(path)
    assert (result.created, result.rejected) == (2, 0), result.rejections
    assert any("不可见字符已删除" in n.message for n in result.notes)


def test_formula_looking_text_stays_text(tmp_path, admin, carriers):
    rows = carrier_rows()[1:]
    rows[2][10] = '=HYPERLINK("http://x","点击")'
    rows.append([3, "=cmd|' /C calc'!A0", YEAR, 1, 1, 1, 1, 1, 1, 1, None])
    path = tmp_path / "公式.xlsx"
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for row in book.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as typed with '
    book.save(path)
    errors = tmp_path / "错误.xlsx"
    result = admin.exchange.import_file(path, errors_path=errors)
    assert (result.created, result.rejected) == (2, 1)
    other = admin.carrier_years.get(carriers[OTHER], YEAR)
    assert other.notes == '=HYPERLINK("http://x","点击")'
    written = openpyxl.load_workbook(errors).worksheets[0]
    cells = [c for row in written.iter_rows() for c in row if str(c.value).startswith("=cmd")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_thousands_are_converted_and_unknown_money_units_refused(tmp_path, admin, carriers):
    rows = [
        ["载体名称", "年度", "获得财政资助(千元)", "孵化基金投资额(元)"],
        [OWN, YEAR, 1.5, 15000],
    ]
    result = admin.exchange.import_file(write(tmp_path, rows))
    assert result.created == 1, result.rejections
    record = admin.carrier_years.get(carriers[OWN], YEAR)
    assert (record.fiscal_support, record.fund_invested) == (Decimal("0.15"), Decimal("1.5"))
    rows[0][2] = "获得财政资助(美元)"
    with pytest.raises(FileFormatError, match="C 列「获得财政资助\\(美元\\)」的金额单位「美元」"):
        admin.exchange.import_file(write(tmp_path, rows, "美元.xlsx"))
    assert admin.carrier_years.get(carriers[OWN], YEAR).fiscal_support == Decimal("0.15")


def test_a_unit_stated_above_the_header_applies_to_the_money_columns(tmp_path, admin, carriers):
    """「金额单位：千元」 in a title line: money columns without a unit of their own are 千元;
    a header naming 万元 keeps it; a stated unit that cannot be converted refuses the file."""
    rows = [
        ["2023年载体运营情况", None, "填报单位：元宝科技", "金额单位：千元"],
        ["载体名称", "年度", "载体总收入", "获得财政资助(万元)", "工位数"],
        [OWN, YEAR, 12345, 3, 40],
    ]
    result = admin.exchange.import_file(write(tmp_path, rows))
    assert result.created == 1, result.rejections
    record = admin.carrier_years.get(carriers[OWN], YEAR)
    assert (record.total_income, record.fiscal_support) == (Decimal("1234.5"), Decimal("3"))
    assert record.stations == 40  # not money: no unit applies
    rows[0][3] = "单位：美元"
    with pytest.raises(FileFormatError, match="第 1 行 D 列「单位：美元」的金额单位「美元」"):
        admin.exchange.preview(write(tmp_path, rows, "美元.xlsx"))


def test_merged_two_row_header_is_found(tmp_path, admin, carriers):
    rows = [
        TITLE,
        ["序号", "载体名称", "年度", "在孵企业数(家)", None, "备注"],
        [None, None, None, "年初在孵企业数", "年末在孵企业数", None],
        [1, OWN, YEAR, 30, 40, None],
    ]
    path = write(tmp_path, rows, merges=("A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3"))
    preview = admin.exchange.preview(path)
    assert preview.kind == "carrier-years" and preview.header_row == 3
    assert set(preview.columns.values()) >= {"载体名称", "年初在孵企业数(家)", "年末在孵企业数(家)"}
    result = admin.exchange.import_file(path)
    assert result.created == 1, result.rejections
    record = admin.carrier_years.get(carriers[OWN], YEAR)
    assert (record.reported_start, record.reported_end) == (30, 40)
    assert CarrierYear.select().count() == 1


def test_the_template_imports_once_filled_in(tmp_path, admin, carriers, clerk):
    path = tmp_path / "模板.xlsx"
    result = admin.exchange.export("carrier-years-template", path)
    assert (result.kind, result.title) == ("carrier-years-template", "载体年度运营导入模板")
    book = openpyxl.load_workbook(path)
    sheet = book["载体年度运营"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["序号", "＊载体名称", "＊年度"]
    assert headers[3:] == [c.header for c in cols.CARRIER_YEARS.columns[3:]]
    lists = book["下拉选项"]
    assert lists.sheet_state == "hidden"
    assert sorted(c.value for c in lists["A"][1:]) == sorted([OWN, OTHER])
    sheet.append([1, OWN, datetime.date.today().year - 1, 100] + [1] * 19)
    book.save(path)
    assert admin.exchange.import_file(path).created == 1
    clerk_path = tmp_path / "街道模板.xlsx"
    clerk.exchange.export("carrier-years-template", clerk_path)
    assert [c.value for c in openpyxl.load_workbook(clerk_path)["下拉选项"]["A"][1:]] == [OWN]


@pytest.mark.parametrize("kind", ["carrier-years", "annual"])
def test_each_rule_counts_a_registered_year_as_the_enterprise_sheet_does(tmp_path, admin, kind):
    """list_import._Writer.create_or_update, the branch every list writer shares: 跳过 counts
    the rows, 更新 writes a changed figure (and counts an unchanged row apart), 补充 fills only
    empty fields."""
    if kind == "carrier-years":
        add_carrier(admin, OWN)
        add_carrier(admin, OTHER, street="南关岭街道")
        rows, name, column = carrier_rows()[1:], "载体运营.xlsx", 4  # 工位数
    else:
        admin.exchange.import_file(W.write_openpyxl(tmp_path / "企业.xlsx", plain_rows(2)))
        rows, name, column = annual_rows()[1:], "年度数据.xlsx", 7  # 从业人数
    first = admin.exchange.import_file(write(tmp_path, rows, name))
    assert (first.created, first.rejected) == (2, 0), first.rejections
    counts = ("created", "updated", "unchanged", "skipped")
    skip = admin.exchange.import_file(write(tmp_path, rows, name), on_conflict="skip")
    assert [getattr(skip, c) for c in counts] == [0, 0, 0, 2]
    rows[1][column] = 999  # one figure of the first data row changed
    update = admin.exchange.import_file(write(tmp_path, rows, name), on_conflict="update")
    assert [getattr(update, c) for c in counts] == [0, 1, 1, 0]
    assert len(update.changes) == 1 and update.changes[0].row_number == 2
    fill = admin.exchange.import_file(write(tmp_path, rows, name), on_conflict="fill")
    assert [getattr(fill, c) for c in counts] == [0, 0, 2, 0]  # nothing was empty
