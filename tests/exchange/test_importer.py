"""Tests of the import service (exchange/importer.py and the writers it drives).

Every file is a real workbook written by one of four writers; results are checked in the
database.  Undo has its own module (test_undo.py), the CLI its acceptance tests.
"""

import datetime
from decimal import Decimal

import openpyxl
import pytest

from db.models import AuditLog, Enterprise, ImportBatch, Qualification, Residency
from gjz_registry.errors import FileFormatError, PermissionDeniedError
from gjz_registry.exchange import errors_workbook
from gjz_registry.exchange.importer import ImportCancelledError
from tests.exchange import workbooks as W
from tests.exchange.importing import (
    CARRIER,
    COLUMN,
    HEADERS,
    add_carrier,
    content,
    enterprise_row,
    enterprise_rows,
    plain_rows,
)

WRITERS = {
    "openpyxl": (W.write_openpyxl, "xlsx"),
    "xlsxwriter": (W.write_xlsxwriter, "xlsx"),
    "xlwt": (W.write_xls, "xls"),
    "odfpy": (W.write_ods, "ods"),
}


@pytest.fixture
def carrier(admin):
    return add_carrier(admin)


def record(registry, n):
    return registry.enterprises.get_by_code(W.credit_code(n))


# --- files from every writer ----------------------------------------------------------------
@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_imports_the_same_records(tmp_path, admin, carrier, writer):
    write, extension = WRITERS[writer]
    path = write(tmp_path / f"企业.{extension}", enterprise_rows(3))
    result = admin.exchange.import_file(path)
    assert result.counts == dict(read=3, created=3, updated=0, unchanged=0, skipped=0, rejected=0)
    assert result.kind == "enterprises" and result.unknown_columns == []
    e = record(admin, 2)
    assert (e.name, e.street, e.industry) == ("大连测试科技有限公司2", "大连湾街道", "新材料")
    assert e.founded_on == datetime.date(2019, 1, 3)
    assert e.registered_capital == Decimal("100.5") and (e.employees, e.rd_staff) == (20, 5)
    assert (e.stage, e.carrier, e.contact_phone) == ("孵化器", CARRIER, "13912345678")
    quals = admin.qualifications.for_enterprise(e.id)
    assert {(q.kind, q.number) for q in quals} == {
        ("高新技术企业", "GR202321000002"),
        ("科技型中小企业", "2024210211A0000002"),
    }
    residency = admin.incubation.history(e.id)[0]
    assert (residency.carrier, residency.entered_on) == (CARRIER, datetime.date(2019, 11, 22))


def test_header_variants_synonyms_titles_units_and_unknown_columns(tmp_path, admin):
    headers = [
        "序号",
        "单位名称",  # synonym of 企业名称
        "信用代码",
        "街道",
        "领域",
        "法人",
        "联系人",
        "电话",
        "地址",
        "成立时间",
        "注册资本（元）",  # unit in the header: 元 → 万元
        "职工人数",
        "研发人数",
        "联系人邮箱",  # unknown: reported, not fatal
    ]
    rows = [["甘井子区企业名单（2024年）"], ["填报单位：大连湾街道"], headers]
    for n in (1, 2):
        row = enterprise_row(n)[:13] + ["a@b.cn"]
        row[COLUMN["注册资本(万元)"]] = 1_005_000
        rows.append(row)
    path = W.write_xlsxwriter(tmp_path / "名单.xlsx", rows, merges=["A1:N1"])
    result = admin.exchange.import_file(path)
    assert result.created == 2 and result.rejected == 0
    assert result.unknown_columns == ["联系人邮箱"]
    assert record(admin, 1).registered_capital == Decimal("100.5")


def test_full_width_starred_and_two_row_headers(tmp_path, admin):
    upper = ["＊企业名称", "＊统一社会信用代码", "所属街道", "高企信息", None]
    lower = [None, None, None, "证书编号", "发证日期"]
    rows = [upper, lower]
    for n in (1, 2):
        rows.append(
            [f"大连两行表头{n}公司", W.credit_code(n), "大连湾街道", f"GR2023210{n:05d}"]
            + [datetime.date(2023, 11, 22)]
        )
    path = W.write_openpyxl(tmp_path / "两行.xlsx", rows, merges=["D1:E1"])
    result = admin.exchange.import_file(path, kind="enterprises")
    assert result.created == 2, result.rejections
    quals = admin.qualifications.for_enterprise(record(admin, 1).id)
    assert [(q.number, q.granted_on) for q in quals] == [
        ("GR202321000001", datetime.date(2023, 11, 22))
    ]


def test_kind_override_turns_a_list_into_enterprise_rows(tmp_path, admin):
    rows = [["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"]]
    rows += [
        [1, "大连覆盖类型公司", W.credit_code(9), "GR202321000009", datetime.date(2023, 11, 22)]
    ]
    path = W.write_openpyxl(tmp_path / "list.xlsx", rows)
    detected = admin.exchange.preview(path)
    assert detected.kind == "high-tech"
    result = admin.exchange.import_file(path, kind="enterprises")
    assert result.kind == "enterprises" and result.rejected == 1  # no street given
    assert "「所属街道」不能为空" in result.rejections[0].message


def test_code_columns_arriving_as_numbers_are_rejected_not_guessed(tmp_path, admin):
    rows = plain_rows(2)
    rows[1][COLUMN["统一社会信用代码"]] = 912102117000001234.0
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "n.xlsx", rows))
    assert result.created == 1 and result.rejected == 1
    assert (
        "数字格式" in result.rejections[0].message and "9.12102E+17" in result.rejections[0].message
    )


# --- the 95 good + 5 bad workbook -----------------------------------------------------------
def ninety_five_and_five(tmp_path, write=W.write_openpyxl):
    rows = plain_rows(100)
    code = COLUMN["统一社会信用代码"]
    good = W.credit_code(11)
    rows[11][code] = good[:17] + ("X" if good[17] != "X" else "Y")  # bad check character
    rows[22][code] = 912102110000002234.0  # numeric code
    rows[33][COLUMN["所属街道"]] = "火星街道"  # unknown street
    rows[44][code] = W.credit_code(7)  # duplicate of row 8
    rows[55][COLUMN["成立日期"]] = "2023-02-30"  # impossible date
    return write(tmp_path / "混合.xlsx", rows)


def test_a_code_repeated_in_a_later_chunk_is_refused_as_a_repeat(tmp_path, admin):
    """Rows are checked 500 at a time: a credit code that comes back 600 rows later (and
    twice within one later chunk) is 与第 N 行重复, not a second record."""
    from gjz_registry.exchange.importer import CHUNK

    rows = plain_rows(2 * CHUNK + 100)
    code = COLUMN["统一社会信用代码"]
    rows[CHUNK + 100][code] = W.credit_code(3)  # in the second chunk
    rows[2 * CHUNK + 10][code] = rows[2 * CHUNK + 20][code] = W.credit_code(2 * CHUNK + 5)
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "跨批重复.xlsx", rows))
    messages = {r.row_number: r.message for r in result.rejections}
    first, again = W.credit_code(3), W.credit_code(2 * CHUNK + 5)  # rows 4 and 2 * CHUNK + 6
    assert messages == {
        CHUNK + 101: f"第 {CHUNK + 101} 行「统一社会信用代码」{first} 与第 4 行重复",
        2 * CHUNK
        + 11: f"第 {2 * CHUNK + 11} 行「统一社会信用代码」{again} 与第 {2 * CHUNK + 6} 行重复",
        2 * CHUNK
        + 21: f"第 {2 * CHUNK + 21} 行「统一社会信用代码」{again} 与第 {2 * CHUNK + 6} 行重复",
    }
    assert result.created == 2 * CHUNK + 100 - 3


def test_95_good_rows_import_and_5_bad_ones_get_one_reason_each(tmp_path, admin):
    result = admin.exchange.import_file(ninety_five_and_five(tmp_path))
    assert (result.read, result.created, result.rejected) == (100, 95, 5)
    assert [r.row_number for r in result.rejections] == [12, 23, 34, 45, 56]
    messages = [r.message for r in result.rejections]
    assert messages[0] == "第 12 行「统一社会信用代码」校验位不符：代码中有字符录入错误，请逐位核对"
    assert "数字格式" in messages[1]
    assert "「所属街道」「火星街道」不在街道列表中" in messages[2]
    assert messages[3] == f"第 45 行「统一社会信用代码」{W.credit_code(7)} 与第 8 行重复"
    assert "「成立日期」不是存在的日期" in messages[4]
    assert [r.column for r in result.rejections] == [
        "统一社会信用代码",
        "统一社会信用代码",
        "所属街道",
        "统一社会信用代码",
        "成立日期",
    ]
    assert Enterprise.select().count() == 95


def test_a_row_with_two_bad_cells_gets_both_reasons_and_both_cells_marked(tmp_path, admin):
    """The error workbook keeps every problem of a row: each bad cell red with its own
    comment, and 原因 holding all the messages (not only the first)."""
    rows = plain_rows(3)
    code, street = COLUMN["统一社会信用代码"], COLUMN["所属街道"]
    good = W.credit_code(2)
    rows[2][code] = good[:17] + ("X" if good[17] != "X" else "Y")  # bad check character
    rows[2][street] = "火星街道"
    errors = tmp_path / "错误.xlsx"
    result = admin.exchange.import_file(
        W.write_openpyxl(tmp_path / "两处错.xlsx", rows), errors_path=errors
    )
    assert (result.created, result.rejected) == (2, 1)
    messages = [r.message for r in result.rejections]
    assert [r.column for r in result.rejections] == ["统一社会信用代码", "所属街道"]
    assert "校验位不符" in messages[0] and "「火星街道」不在街道列表中" in messages[1]
    sheet = openpyxl.load_workbook(errors).active
    header, row = [list(r)[1:] for r in sheet.iter_rows()]  # after 原行号
    assert header[-1].value == errors_workbook.REASON_HEADER
    assert row[-1].value == "；".join(messages)
    for index, cell in enumerate(row[:-1]):
        marked = cell.fill.fgColor.rgb == errors_workbook.ERROR_FILL_RGB
        assert marked == (index in (code, street)), index
    assert row[code].comment.text == messages[0] and row[street].comment.text == messages[1]


def test_all_or_nothing_imports_nothing_when_a_row_is_rejected(tmp_path, admin, db_target):
    before = content(db_target)
    result = admin.exchange.import_file(ninety_five_and_five(tmp_path), all_or_nothing=True)
    assert result.rejected == 5 and not result.committed and result.rolled_back_for_rejections
    assert result.batch_id is None
    assert content(db_target) == before and ImportBatch.select().count() == 0


def test_a_dry_run_reports_the_same_counts_and_changes_nothing(tmp_path, admin, db_target):
    path = ninety_five_and_five(tmp_path)
    before = content(db_target, skip=())
    dry = admin.exchange.import_file(path, dry_run=True)
    assert content(db_target, skip=()) == before
    assert (dry.created, dry.rejected, dry.committed, dry.batch_id) == (95, 5, False, None)
    real = admin.exchange.import_file(path)
    assert real.counts == dry.counts and real.committed


# --- conflicts ------------------------------------------------------------------------------
def existing(admin, n=1, **changes):
    data = {
        "name": f"大连测试科技有限公司{n}",
        "credit_code": W.credit_code(n),
        "street": "大连湾街道",
        "legal_rep": "原法人",
        "employees": 30,
    }
    data.update(changes)
    return admin.enterprises.create(data)


@pytest.mark.parametrize(
    "policy, legal_rep, contact, counts",
    [
        ("skip", "原法人", None, dict(skipped=1, updated=0)),
        ("update", "张三", "李四", dict(skipped=0, updated=1)),
        ("fill", "原法人", "李四", dict(skipped=0, updated=1)),
    ],
)
def test_on_conflict(tmp_path, admin, policy, legal_rep, contact, counts):
    before = existing(admin)
    path = W.write_openpyxl(tmp_path / "c.xlsx", plain_rows(2))
    result = admin.exchange.import_file(path, on_conflict=policy)
    assert result.created == 1
    assert {k: getattr(result, k) for k in counts} == counts
    after = record(admin, 1)
    assert (after.legal_rep, after.contact_name) == (legal_rep, contact)
    assert after.version == (before.version if policy == "skip" else before.version + 1)


def test_fill_still_applies_the_rules_to_the_merged_record(tmp_path, admin):
    existing(admin, employees=3)
    result = admin.exchange.import_file(
        W.write_openpyxl(tmp_path / "c.xlsx", plain_rows(1)), on_conflict="fill"
    )
    assert result.rejected == 1
    assert result.rejections[0].message == "第 2 行「研发人员」(5) 不能多于「从业人员」(3)"


def test_unchanged_rows_are_counted_and_blank_cells_never_clear(tmp_path, admin):
    path = W.write_openpyxl(tmp_path / "c.xlsx", plain_rows(2))
    admin.exchange.import_file(path)
    rows = plain_rows(2)
    rows[1][COLUMN["法定代表人"]] = None
    again = admin.exchange.import_file(W.write_openpyxl(tmp_path / "d.xlsx", rows))
    assert (again.unchanged, again.updated, again.created) == (2, 0, 0)
    assert record(admin, 1).legal_rep == "张三"


def test_a_newer_certificate_supersedes_the_older_one(tmp_path, admin):
    e = existing(admin)
    old = admin.qualifications.add(e.id, "高新技术企业", "GR202021000001", "2020-10-01")
    rows = [list(HEADERS), enterprise_row(1, 孵化阶段=None, 入驻载体=None, 入驻日期=None)]
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "q.xlsx", rows))
    assert result.updated == 1, result.rejections
    newer = Qualification.get(Qualification.number == "GR202321000001")
    assert Qualification.get_by_id(old.id).superseded_by_id == newer.id


# --- rules -----------------------------------------------------------------------------------
def test_chain_columns_follow_the_incubation_rules(tmp_path, admin, carrier):
    rows = enterprise_rows(4)
    rows[1][COLUMN["入驻载体"]] = "不存在的载体"
    rows[2][COLUMN["孵化阶段"]] = "加速器"
    rows[3][COLUMN["成立日期"]] = datetime.date(2015, 1, 1)  # 58 months before entering
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "chain.xlsx", rows))
    assert (result.created, result.rejected) == (1, 3)
    messages = [r.message for r in result.rejections]
    assert "「入驻载体」「不存在的载体」未登记" in messages[0]
    assert "「孵化阶段」「加速器」与载体「甘井子区科技孵化器」不符" in messages[1]
    assert "超过入孵企业成立不超过 24 个月的规定" in messages[2]
    assert Residency.select().count() == 1


def test_certificate_numbers_taken_by_another_enterprise_are_rejected(tmp_path, admin):
    other = existing(admin, 50)
    admin.qualifications.add(other.id, "高新技术企业", "GR202321000001", "2023-11-22")
    rows = [list(HEADERS), enterprise_row(1, 孵化阶段=None, 入驻载体=None, 入驻日期=None)]
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "q.xlsx", rows))
    assert result.rejected == 1
    assert "GR202321000001 已登记为「大连测试科技有限公司50」" in result.rejections[0].message


def test_staff_rule_and_future_dates(tmp_path, admin):
    rows = plain_rows(3)
    rows[1][COLUMN["研发人员"]] = 30
    rows[2][COLUMN["成立日期"]] = datetime.date.today() + datetime.timedelta(days=30)
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "r.xlsx", rows))
    assert result.rejected == 2 and result.created == 1
    assert "「研发人员」(30) 不能多于「从业人员」(20)" in result.rejections[0].message
    assert "「成立日期」" in result.rejections[1].message
    assert "超出合理范围" in result.rejections[1].message


# --- scope ----------------------------------------------------------------------------------
def test_a_street_clerk_gets_other_streets_rows_rejected(tmp_path, clerk):
    rows = plain_rows(3)
    rows[2][COLUMN["所属街道"]] = "南关岭街道"
    rows[3][COLUMN["所属街道"]] = None  # defaults to the clerk's street
    result = clerk.exchange.import_file(W.write_openpyxl(tmp_path / "s.xlsx", rows))
    assert (result.created, result.rejected) == (2, 1)
    assert "不属于大连湾街道，街道用户只能修改本街道的数据" in result.rejections[0].message
    assert record(clerk, 3).street == "大连湾街道"


def test_a_clerk_cannot_update_another_streets_record(tmp_path, admin, other_clerk):
    existing(admin)
    rows = plain_rows(1)
    rows[1][COLUMN["所属街道"]] = "南关岭街道"
    result = other_clerk.exchange.import_file(W.write_openpyxl(tmp_path / "o.xlsx", rows))
    assert result.rejected == 1 and "不属于南关岭街道" in result.rejections[0].message


def test_a_viewer_cannot_import(tmp_path, viewer):
    path = W.write_openpyxl(tmp_path / "v.xlsx", plain_rows(1))
    with pytest.raises(PermissionDeniedError):
        viewer.exchange.import_file(path)


# --- fatal files ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "make, phrase",
    [
        (W.empty_file, "文件是空的"),
        (W.csv_file, "不是 Excel 工作簿"),
        (W.pdf_file, "不是 Excel 工作簿"),
        (W.encrypted_xlsx, "已加密"),
        (W.truncated_zip, "已损坏"),
        (lambda p: W.write_openpyxl(p, [["甲", "乙"], [1, 2]]), "未找到表头"),
        (
            lambda p: W.write_openpyxl(p, [["企业名称", "所属街道"], ["x", "大连湾街道"]]),
            "缺少必需的列",
        ),
    ],
)
def test_a_fatal_file_changes_nothing(tmp_path, admin, db_target, make, phrase):
    existing(admin)
    before = content(db_target, skip=())
    path = make(tmp_path / "bad.xlsx")
    with pytest.raises(FileFormatError) as caught:
        admin.exchange.import_file(path)
    assert phrase in str(caught.value) and "bad.xlsx" in str(caught.value)
    assert content(db_target, skip=()) == before


# --- bookkeeping ----------------------------------------------------------------------------
def test_one_audit_row_per_changed_record_with_the_batch(tmp_path, admin, carrier):
    existing(admin, 1)
    rows = enterprise_rows(3)
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "a.xlsx", rows))
    assert (result.created, result.updated) == (2, 1)
    entries = list(AuditLog.select().where(AuditLog.batch == result.batch_id))
    records = [(e.entity, e.entity_id) for e in entries if e.entity != "import_batch"]
    assert len(records) == len(set(records))
    kinds = sorted(e.entity for e in entries)
    # 2 created + 1 updated enterprises, 3 residencies, 6 qualifications, the batch itself
    assert kinds.count("enterprise") == 3 and kinds.count("residency") == 3
    assert kinds.count("qualification") == 6 and kinds.count("import_batch") == 1
    batch = ImportBatch.get_by_id(result.batch_id)
    assert (batch.total, batch.created, batch.updated, batch.status) == (3, 2, 1, "已提交")


def test_imported_enterprises_are_searchable_by_pinyin(tmp_path, admin):
    rows = plain_rows(2)
    rows[1][COLUMN["企业名称"]] = "大连海鲸智能科技有限公司"
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "p.xlsx", rows))
    row = Enterprise.get(Enterprise.credit_code == W.credit_code(1))
    assert (row.name_pinyin, row.name_initials) == (
        "dalianhaijingzhinengkejiyouxiangongsi",
        "dlhjznkjyxgs",
    )
    assert [e.name for e in admin.enterprises.search("hjzn")] == ["大连海鲸智能科技有限公司"]
    assert [e.name for e in admin.enterprises.search("海鲸")] == ["大连海鲸智能科技有限公司"]


def test_progress_and_cancel(tmp_path, admin, db_target):
    path = W.write_openpyxl(tmp_path / "big.xlsx", plain_rows(1200))
    seen = []
    admin.exchange.import_file(path, dry_run=True, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]
    before = content(db_target, skip=())
    calls = []
    with pytest.raises(ImportCancelledError):
        admin.exchange.import_file(path, cancel=lambda: calls.append(1) or len(calls) > 1)
    assert content(db_target, skip=()) == before


def test_preview_shows_mapping_and_cell_errors_without_writing(tmp_path, admin, db_target):
    rows = plain_rows(3)
    rows[2][COLUMN["联系电话"]] = "12345"
    path = W.write_openpyxl(tmp_path / "pv.xlsx", rows, extra_sheets=[("第二页", [["x"]])])
    before = content(db_target, skip=())
    preview = admin.exchange.preview(path)
    assert content(db_target, skip=()) == before
    assert (preview.kind, preview.sheet, preview.header_row, preview.total_rows) == (
        "enterprises",
        "Sheet1",
        1,
        3,
    )
    assert preview.sheet_names == ["Sheet1", "第二页"]
    assert preview.columns[COLUMN["统一社会信用代码"]] == "统一社会信用代码"
    assert preview.rows[0].errors == {}
    assert "「联系电话」" in preview.rows[1].errors[COLUMN["联系电话"]]
    assert [r.action for r in preview.rows] == ["新增", None, "新增"]
    existing(admin, 3)
    again = admin.exchange.preview(path, on_conflict="fill")
    assert [r.action for r in again.rows] == ["新增", None, "只填空白"]


def test_the_sheet_option_and_finding_the_sheet_with_a_header(tmp_path, admin):
    notes = [["填表说明"], ["请在第二个工作表填写"]]
    path = W.write_openpyxl(
        tmp_path / "two.xlsx", notes, sheet="说明", extra_sheets=[("企业", plain_rows(2))]
    )
    assert admin.exchange.import_file(path).sheet == "企业"
    with pytest.raises(FileFormatError, match="没有名为「无此表」的工作表"):
        admin.exchange.import_file(path, sheet="无此表")


# --- the other sheet kinds ------------------------------------------------------------------
def test_carriers_high_tech_tech_sme_and_annual_lists(tmp_path, admin):
    carriers = [W.ENTERPRISE_HEADERS[:0] + ["载体名称", "载体类型", "认定级别", "所属街道", "面积"]]
    carriers += [["大连湾众创空间", "众创空间", "市级", "大连湾街道", "1,200平方米"]]
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "c.xlsx", carriers))
    assert (result.kind, result.created) == ("carriers", 1), result.rejections
    assert admin.carriers.get_by_name("大连湾众创空间").kind == "众创空间(苗圃)"

    admin.exchange.import_file(W.write_openpyxl(tmp_path / "e.xlsx", plain_rows(3)))
    high = [["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"]]
    high += [[1, "x", W.credit_code(1), "GR202321000777", datetime.date(2023, 11, 22)]]
    high += [[2, "大连测试科技有限公司2", None, "GR202321000778", datetime.date(2023, 11, 22)]]
    high += [[3, "无名公司", None, "GR202321000779", datetime.date(2023, 11, 22)]]
    result = admin.exchange.import_file(W.write_xlsxwriter(tmp_path / "h.xlsx", high))
    assert (result.kind, result.created, result.rejected) == ("high-tech", 2, 1)
    assert "企业「无名公司」未登记" in result.rejections[0].message
    again = admin.exchange.import_file(W.write_xlsxwriter(tmp_path / "h2.xlsx", high[:2]))
    assert again.unchanged == 1

    sme = [["企业名称", "统一社会信用代码", "入库登记编号", "入库年度"]]
    sme += [["x", W.credit_code(3), "2024210211A0000999", 2024]]
    result = admin.exchange.import_file(W.write_xls(tmp_path / "s.xls", sme))
    assert (result.kind, result.created) == ("tech-sme", 1), result.rejections

    annual = [
        [
            "企业名称",
            "统一社会信用代码",
            "年度",
            "营业收入(万元)",
            "研发费用",
            "从业人员",
            "研发人员",
        ]
    ]
    annual += [["x", W.credit_code(1), 2023, 1200, "85.5", 30, 8]]
    annual += [["x", W.credit_code(2), 2023, 100, 1, 3, 8]]
    result = admin.exchange.import_file(W.write_ods(tmp_path / "a.ods", annual))
    assert (result.kind, result.created, result.rejected) == ("annual", 1, 1)
    assert "不能多于" in result.rejections[0].message
    report = admin.annual.for_enterprise(record(admin, 1).id)[0]
    assert (report.year, report.values["rd_expense"]) == (2023, Decimal("85.5"))


def _schema(db_path):
    """The indexes and triggers of the database, with their SQL."""
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        return sorted(
            con.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
            )
        )
    finally:
        con.close()


def test_large_import_rebuilds_indexes_and_search(tmp_path, admin, db_path):
    """A load big enough to drop the enterprise indexes and the trigram trigger for its
    duration leaves the schema exactly as it was, and every name findable."""
    schema = _schema(db_path)
    rows = plain_rows(2500)
    rows[1800][COLUMN["企业名称"]] = "大连蓝鲸深海智能装备有限公司"
    path = W.write_openpyxl(tmp_path / "big.xlsx", rows)
    # a rejected load rolls the dropped indexes and trigger back with everything else
    rows[5][COLUMN["统一社会信用代码"]] = "91210211MA0000000X"
    bad = W.write_openpyxl(tmp_path / "bad.xlsx", rows)
    result = admin.exchange.import_file(bad, all_or_nothing=True)
    assert result.rejected == 1 and not result.committed
    assert _schema(db_path) == schema
    result = admin.exchange.import_file(path)
    assert result.created == 2500
    assert _schema(db_path) == schema
    for text in ("蓝鲸深海", "深海智能装", "lanjing", "shenhai", "ljsh", "dlljsh"):
        assert [e.name for e in admin.enterprises.search(text)] == ["大连蓝鲸深海智能装备有限公司"]
    # records written after the load are indexed by the restored trigger
    admin.enterprises.create(
        {
            "name": "大连鲸深海测试有限公司",
            "credit_code": W.credit_code(9000),
            "street": "大连湾街道",
        }
    )
    assert len(admin.enterprises.search("鲸深海")) == 2


def test_a_chunk_with_new_and_registered_enterprises_both_with_certificates(admin, tmp_path):
    """A new enterprise's certificate waits in the buffer while a later row adds a certificate
    to a registered enterprise: that one must not write the buffer before the new enterprise
    exists (it did: FOREIGN KEY constraint failed, 「内部错误」)."""

    from tests.conftest import enterprise_data
    from tests.ui.exchange_files import messy_workbook

    for n in (1, 2, 3, 5):
        admin.enterprises.create(enterprise_data(n))
    path, names, _ = messy_workbook(tmp_path / "名单.xlsx")
    result = admin.exchange.import_file(path, on_conflict="update")
    assert result.created and result.updated
    with_certificates = {
        name
        for (name,) in Enterprise.select(Enterprise.name)
        .join(Qualification, on=Qualification.enterprise == Enterprise.id)
        .tuples()
    }
    assert set(names) <= with_certificates  # the new ones and the registered ones
