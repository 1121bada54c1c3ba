"""``gjz import`` / ``gjz export`` as a user runs them: real processes, files, exit codes."""

import datetime
import re

import openpyxl
import pytest

from tests.acceptance.test_cli import gjz
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, content, enterprise_rows, plain_rows
from tests.exchange.test_import_changes import capital_files
from tests.exchange.test_importer import ninety_five_and_five
from tests.exchange.test_trailer import footed_rows
from tests.pgserver import ServerDb

PASSWORD = "admin-pass-1"


@pytest.fixture
def db(tmp_path, db_target):
    """An initialised database with a clerk of 大连湾街道 and a viewer: a SQLite file, or a
    PostgreSQL database (its URL, with the folder of the password file as ``parent``)."""
    path = db_target if not isinstance(db_target, str) else ServerDb(db_target, tmp_path)
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    assert gjz("--db", path, "init", "--password-file", secret).returncode == 0
    for name, role, street in (("dlw", "street", "大连湾街道"), ("look", "viewer", None)):
        extra = ["--street", street] if street else []
        added = gjz(
            "--db", path, "user", "add", name, "--role", role, *extra, "--new-password-file", secret
        )
        assert added.returncode == 0, added.stderr
    return path


def as_user(db, name):
    return ["--db", db, "--user", name, "--password-file", db.parent / "pw.txt"]


def test_95_good_and_5_bad_rows_with_the_error_workbook(tmp_path, db):
    errors = tmp_path / "错误.xlsx"
    run = gjz("--db", db, "import", ninety_five_and_five(tmp_path), "--errors", errors)
    assert run.returncode == 1, run.stderr
    assert "读取 100 行，新增 95，更新 0，未变 0，跳过 0，拒绝 5" in run.stdout
    check = "第 12 行「统一社会信用代码」校验位不符：代码中有字符录入错误，请逐位核对"
    assert check in run.stdout and "应为" not in run.stdout
    assert "已导入，批次号 1" in run.stdout
    assert len(content(db)["enterprise"]) == 95
    sheet = openpyxl.load_workbook(errors).active
    numbers = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert numbers == [12, 23, 34, 45, 56]  # 原行号: the rows the reasons name
    rows = [row[1:] for row in sheet.iter_rows()]  # the source's columns, then 原因
    assert [c.value for c in rows[0]][-1] == "原因" and len(rows) == 6
    bad_cells = {
        2: COLUMN["统一社会信用代码"],
        3: COLUMN["统一社会信用代码"],
        4: COLUMN["所属街道"],
        5: COLUMN["统一社会信用代码"],
        6: COLUMN["成立日期"],
    }
    for number, row in enumerate(rows[1:], start=2):
        reason = row[-1].value
        assert reason.startswith("第 ") and "；" not in reason  # one reason per row
        for index, cell in enumerate(row[:-1]):
            red = cell.fill.fgColor.rgb == "FFFFC7CE"
            assert red == (index == bad_cells[number]), (number, index)
        assert row[bad_cells[number]].comment.text == reason
    assert rows[2][COLUMN["统一社会信用代码"]].value == 912102110000002234.0  # as it came
    assert rows[1][COLUMN["企业名称"]].value == "大连测试科技有限公司11"


def test_a_row_far_below_the_data_is_imported_not_dropped(tmp_path, db):
    """Rows 2–4 and 3000, and one more entry in row 600 000: calamine's grid for the sheet
    would not fit in memory; every row must still be read (it used to import 3, exit 0)."""
    rows = plain_rows(4)
    last = rows.pop()
    rows += [[]] * (2999 - len(rows)) + [last]
    path = W.stray_cell(tmp_path / "远.xlsx", rows, ref="B600000", value="大连远方科技有限公司")
    run = gjz("--db", db, "import", path)
    assert run.returncode == 1, run.stderr
    assert "读取 5 行，新增 4，更新 0，未变 0，跳过 0，拒绝 1" in run.stdout
    assert "第 600000 行「统一社会信用代码」不能为空" in run.stdout
    assert len(content(db)["enterprise"]) == 4


def test_a_footer_is_skipped_and_named_not_rejected(tmp_path, db):
    """合计 / 填报人 / 注： below the data used to be three rejected rows (exit 1)."""
    path = W.write_openpyxl(tmp_path / "带表尾.xlsx", footed_rows())
    run = gjz("--db", db, "import", path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "读取 5 行，新增 5，更新 0，未变 0，跳过 0，拒绝 0" in run.stdout
    assert "跳过表尾 3 行（第 8、10、11 行：合计、填报人、注）" in run.stdout
    assert "被拒绝的行" not in run.stdout


def test_certificate_columns_under_other_names_import_or_reject_with_a_reason(tmp_path, db):
    """「高企证书号」 beside 「发证日期」 used to end in 「内部错误」 (KeyError): the number went
    unrecognised while its date was."""
    rows = plain_rows(2)
    rows[0] += ["高企证书号", "发证日期"]
    rows[1] += ["GR202321000001", datetime.date(2023, 11, 22)]
    rows[2] += ["GR202321000002", datetime.date(2023, 11, 22)]
    run = gjz("--db", db, "import", W.write_openpyxl(tmp_path / "高企.xlsx", rows))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "读取 2 行，新增 2" in run.stdout and "未识别的列" not in run.stdout
    rows = content(db)["qualification"]
    numbers = {value for row in rows for value in row if str(value).startswith("GR")}
    assert numbers == {"GR202321000001", "GR202321000002"}

    rows = plain_rows(1, start=3)
    rows[0] += ["发证日期"]  # the date of a certificate whose number the sheet lacks
    rows[1] += [datetime.date(2023, 11, 22)]
    run = gjz("--db", db, "import", W.write_openpyxl(tmp_path / "只有日期.xlsx", rows))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "第 2 行「高新技术企业证书编号」不能为空" in run.stdout
    assert "内部错误" not in run.stdout + run.stderr


def test_the_closing_line_says_what_the_options_did(tmp_path, db):
    """「按 --all-or-nothing 未导入任何数据」 only when that option was given: a file whose
    every row is refused, or whose rows are all registered already, writes nothing too."""
    bad = plain_rows(2)
    for row in bad[1:]:
        row[COLUMN["所属街道"]] = "火星街道"
    refused = gjz("--db", db, "import", W.write_openpyxl(tmp_path / "全错.xlsx", bad))
    good = W.write_openpyxl(tmp_path / "好.xlsx", plain_rows(2))
    assert gjz("--db", db, "import", good).returncode == 0
    again = gjz("--db", db, "import", good)
    mixed = gjz("--db", db, "import", ninety_five_and_five(tmp_path), "--all-or-nothing")
    assert (refused.returncode, again.returncode, mixed.returncode) == (1, 0, 1)
    for run in (refused, again):
        assert "all-or-nothing" not in run.stdout, run.stdout
        assert run.stdout.strip().splitlines()[-1] == (
            "没有写入任何数据：文件中没有可以新增或更新的记录，数据库未作改动"
        )
    assert "拒绝 2" in refused.stdout and "未变 2" in again.stdout
    assert mixed.stdout.strip().splitlines()[-1] == (
        "有 5 行被拒绝，按 --all-or-nothing 未导入任何数据"
    )
    assert len(content(db)["enterprise"]) == 2


@pytest.mark.parametrize(
    "make, phrase",
    [
        (W.empty_file, "文件是空的"),
        (W.text_file, "不是 Excel 工作簿"),
        (W.encrypted_xlsx, "已加密"),
        (lambda p: W.write_openpyxl(p, [["甲", "乙"], [1, 2]]), "未找到表头"),
    ],
)
def test_a_fatal_file_exits_2_with_one_line_and_changes_nothing(tmp_path, db, make, phrase):
    before = content(db, skip=())
    run = gjz("--db", db, "import", make(tmp_path / "坏.xlsx"))
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and phrase in lines[0] and "坏.xlsx" in lines[0]
    assert "Traceback" not in run.stderr
    assert content(db, skip=()) == before


def test_dry_run_then_import_then_undo(tmp_path, db):
    path = W.write_xlsxwriter(tmp_path / "企业.xlsx", plain_rows(30))
    before = content(db, skip=())
    dry = gjz("--db", db, "import", path, "--dry-run")
    assert dry.returncode == 0 and "新增 30" in dry.stdout and "数据库未作任何改动" in dry.stdout
    assert content(db, skip=()) == before
    done = gjz("--db", db, "import", path)
    assert done.returncode == 0
    # the number the import names (PostgreSQL's sequences do not give back the dry run's)
    batch = re.search(r"批次号 (\d+)", done.stdout).group(1)
    listing = gjz("--db", db, "import", "batches")
    assert "企业.xlsx" in listing.stdout and "已提交" in listing.stdout
    undo = gjz("--db", db, "import", "undo", batch)
    assert undo.returncode == 0 and f"已撤销导入批次 {batch}" in undo.stdout
    assert content(db) == {
        k: v for k, v in before.items() if k not in ("audit_log", "import_batch")
    }
    again = gjz("--db", db, "import", "undo", batch)
    assert again.returncode == 2 and "已经撤销过了" in again.stderr


def test_legacy_xls_and_on_conflict(tmp_path, db):
    path = W.write_xls(tmp_path / "旧版.xls", plain_rows(5))
    assert gjz("--db", db, "import", path).returncode == 0
    rows = plain_rows(5)
    rows[1][COLUMN["法定代表人"]] = "新法人"
    changed = W.write_xls(tmp_path / "改.xls", rows)
    skip = gjz("--db", db, "import", changed, "--on-conflict", "skip")
    assert skip.returncode == 0 and "跳过 5" in skip.stdout
    update = gjz("--db", db, "import", changed, "--on-conflict", "update")
    assert "更新 1，未变 4" in update.stdout
    bad = gjz("--db", db, "import", changed, "--on-conflict", "merge")
    assert bad.returncode == 2 and "参数错误" in bad.stderr


def test_round_trip_through_the_command_line(tmp_path, db):
    carriers = [
        ["载体名称", "载体类型", "所属街道"],
        ["甘井子区科技孵化器", "孵化器", "大连湾街道"],
    ]
    assert (
        gjz("--db", db, "import", W.write_openpyxl(tmp_path / "c.xlsx", carriers)).returncode == 0
    )
    rows = enterprise_rows(6, 高企发证日期=datetime.date(2024, 5, 6))
    for n, row in enumerate(rows[1:], start=1):
        row[COLUMN["高新技术企业证书编号"]] = f"GR2024210{n:05d}"
    assert gjz("--db", db, "import", W.write_openpyxl(tmp_path / "e.xlsx", rows)).returncode == 0
    first, carriers_out = tmp_path / "first.xlsx", tmp_path / "carriers.xlsx"
    assert "已导出企业信息 6 条" in gjz("--db", db, "export", "enterprises", first).stdout
    assert gjz("--db", db, "export", "carriers", carriers_out).returncode == 0
    fresh = tmp_path / "fresh.db"
    gjz("--db", fresh, "init", "--password-file", tmp_path / "pw.txt")
    assert gjz("--db", fresh, "import", carriers_out).returncode == 0
    assert gjz("--db", fresh, "import", first).returncode == 0
    second = tmp_path / "second.xlsx"
    assert gjz("--db", fresh, "export", "enterprises", second).returncode == 0
    read = lambda p: list(openpyxl.load_workbook(p)["企业信息"].iter_rows(values_only=True))  # noqa
    assert read(second) == read(first)


def test_template_and_filtered_exports(tmp_path, db):
    template = tmp_path / "模板.xlsx"
    run = gjz("--db", db, "export", "template", template)
    assert run.returncode == 0 and "空白导入模板" in run.stdout
    book = openpyxl.load_workbook(template)
    assert book["下拉选项"].sheet_state == "hidden"
    assert len(book["企业信息"].data_validations.dataValidation) == 3
    assert (
        gjz("--db", db, "import", W.write_openpyxl(tmp_path / "e.xlsx", plain_rows(3))).returncode
        == 0
    )
    out = tmp_path / "街道.xlsx"
    run = gjz("--db", db, "export", "enterprises", out, "--street", "南关岭街道")
    assert run.returncode == 0 and "0 条" in run.stdout
    wrong = gjz("--db", db, "export", "enterprises", out, "--stage", "火箭")
    assert wrong.returncode == 2 and "孵化阶段" in wrong.stderr


def test_an_export_must_be_named_xlsx_as_the_other_workbooks_are(tmp_path, db):
    """A workbook written under another name (a .csv, a letter) — or over an existing file of
    another kind — was taken silently, while export targets, plan export and the reports
    refuse a wrong suffix: the file stays as it was."""
    letter = tmp_path / "请示.docx"
    letter.write_bytes(b"PK\x03\x04 a letter")
    for kind, target in (("enterprises", letter), ("carriers", tmp_path / "名单.csv")):
        run = gjz("--db", db, "export", kind, target)
        assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
        assert f"「{target}」应以 .xlsx 结尾" in run.stderr
    assert letter.read_bytes() == b"PK\x03\x04 a letter" and not (tmp_path / "名单.csv").exists()
    assert gjz("--db", db, "export", "template", tmp_path / "模板.XLSX").returncode == 0


def test_carrier_operations_template_import_and_undo(tmp_path, db):
    """gjz export carrier-years-template, filled in and imported (kind detected, 千元
    converted, a carrier of another street refused for the street user), then undone."""
    carriers = [
        ["载体名称", "载体类型", "所属街道"],
        ["甘井子区科技孵化器", "孵化器", "大连湾街道"],
        ["南关岭创业孵化器", "孵化器", "南关岭街道"],
    ]
    assert (
        gjz("--db", db, "import", W.write_openpyxl(tmp_path / "c.xlsx", carriers)).returncode == 0
    )
    template = tmp_path / "运营模板.xlsx"
    run = gjz("--db", db, "export", "carrier-years-template", template)
    assert run.returncode == 0 and "已生成载体年度运营导入模板" in run.stdout, run.stderr
    book = openpyxl.load_workbook(template)
    sheet = book["载体年度运营"]
    sheet.cell(1, 17).value = "获得财政资助(千元)"
    assert sheet.cell(1, 16).value == "载体总收入(万元)"
    year = datetime.date.today().year - 1
    sheet.append([1, "甘井子区科技孵化器", year] + [None] * 13 + [25])
    sheet.append([2, "南关岭创业孵化器", year, 500])
    book.save(template)
    run = gjz(*as_user(db, "dlw"), "import", template)
    assert run.returncode == 1, run.stderr
    assert "载体年度运营" in run.stdout and "新增 1" in run.stdout and "拒绝 1" in run.stdout
    assert "第 3 行该载体已在其他街道登记" in run.stdout
    (row,) = content(db)["carrier_year"]
    assert "2.5" in [str(value).rstrip("0") for value in row]  # 25 千元: 2.5 万元
    undo = gjz(*as_user(db, "dlw"), "import", "undo", "2")
    assert undo.returncode == 0, undo.stderr
    assert content(db)["carrier_year"] == []


def test_scope_clerk_rows_of_other_streets_and_viewer(tmp_path, db):
    rows = plain_rows(3)
    rows[3][COLUMN["所属街道"]] = "南关岭街道"
    path = W.write_openpyxl(tmp_path / "s.xlsx", rows)
    clerk = gjz(*as_user(db, "dlw"), "import", path)
    assert clerk.returncode == 1 and "新增 2" in clerk.stdout
    assert "街道用户只能修改本街道的数据" in clerk.stdout
    viewer = gjz(*as_user(db, "look"), "import", path)
    assert viewer.returncode == 2 and "只读用户不能修改数据" in viewer.stderr


def test_every_run_lists_the_changed_fields_and_a_clerk_only_fills(tmp_path, db):
    first, second = capital_files(tmp_path)
    assert gjz("--db", db, "import", first).returncode == 0
    before = content(db, skip=())
    dry = gjz("--db", db, "import", second, "--dry-run")
    assert dry.returncode == 0 and content(db, skip=()) == before
    assert "将修改的已登记记录（1 行" in dry.stdout
    assert "第 2 行 大连测试科技有限公司1：注册资本(万元) 50 → 60；从业人员 10 → 11" in dry.stdout
    assert "各列改动的行数：注册资本(万元) 1 行，从业人员 1 行" in dry.stdout
    # a street clerk's import only fills blank fields unless told otherwise
    clerk = gjz(*as_user(db, "dlw"), "import", second, "--dry-run")
    assert "更新 0，未变 3" in clerk.stdout and "→" not in clerk.stdout
    told = gjz(*as_user(db, "dlw"), "import", second, "--dry-run", "--on-conflict", "update")
    assert "更新 1，未变 2" in told.stdout and "从业人员 10 → 11" in told.stdout
    # the administrator's documented default is update; the committed run lists what it did
    real = gjz("--db", db, "import", second)
    assert "更新 1，未变 2" in real.stdout and "已修改的已登记记录（1 行" in real.stdout
