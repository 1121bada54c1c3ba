"""Hostile and careless workbooks against the import (an adversarial review's findings).

Each test is a real workbook (openpyxl, or LibreOffice when installed) imported into a real
registry on both engines; it pins a defect that the review found and fixed.
"""

import os
import threading

import openpyxl
import pytest

from gjz_registry.errors import FileFormatError, InvalidValueError
from gjz_registry.exchange.reader import open_workbook
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows, plain_rows


def _hidden_first(path):
    """A workbook whose first sheet, hidden, holds stale rows and whose visible sheet the
    current ones (what a clerk keeps after hiding last year's list)."""
    workbook = openpyxl.Workbook()
    stale = workbook.active
    stale.title = "去年"
    for row in plain_rows(2, start=1):
        stale.append(row)
    stale.sheet_state = "hidden"
    current = workbook.create_sheet("今年")
    for row in plain_rows(2, start=10):
        current.append(row)
    workbook.active = 1
    workbook.save(path)
    return path


def test_the_visible_sheet_is_imported_not_a_hidden_one_before_it(tmp_path, admin):
    path = _hidden_first(tmp_path / "hidden.xlsx")
    preview = admin.exchange.preview(path)
    assert preview.sheet == "今年"
    result = admin.exchange.import_file(path)
    assert (result.sheet, result.created) == ("今年", 2)
    names = sorted(e.name for e in admin.enterprises.list().items)
    assert names == ["大连测试科技有限公司10", "大连测试科技有限公司11"]


def test_a_hidden_sheet_is_still_imported_when_no_visible_sheet_has_a_header(tmp_path, admin):
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["本表由街道填报"])
    data = workbook.create_sheet("名单")
    for row in plain_rows(1):
        data.append(row)
    data.sheet_state = "hidden"
    workbook.save(tmp_path / "only-hidden.xlsx")
    result = admin.exchange.import_file(tmp_path / "only-hidden.xlsx")
    assert (result.sheet, result.created) == ("名单", 1)


def test_names_that_differ_only_by_invisible_format_characters_are_one_name(tmp_path, admin):
    """A soft hyphen (U+00AD), a Mongolian vowel separator (U+180E), the invisible
    operators (U+2061–2064) and a tag character are invisible in Excel as the zero-width
    space is: they are removed (and the row gets a note), not stored in the name."""
    rows = plain_rows(4)
    name = COLUMN["企业名称"]
    rows[1][name] = "大连\u00ad软件有限公司"
    rows[2][name] = "大连\u180e海事科技有限公司"
    rows[3][name] = "大连\u2061\u2064智能\U000e0041有限公司"
    rows[4][name] = "大连新材料\u206a有限公司"
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "invisible.xlsx", rows))
    assert result.created == 4
    names = sorted(e.name for e in admin.enterprises.list().items)
    assert names == sorted(
        ["大连软件有限公司", "大连海事科技有限公司", "大连智能有限公司", "大连新材料有限公司"]
    )
    assert {(n.row_number, n.column) for n in result.notes} >= {
        (2, "企业名称"),
        (3, "企业名称"),
        (4, "企业名称"),
        (5, "企业名称"),
    }
    assert admin.enterprises.search("大连软件")


def test_control_characters_in_a_rejected_row_do_not_break_the_error_workbook(tmp_path, admin):
    """Excel keeps a control character typed or pasted into a cell (stored as _x0001_);
    the error workbook, which copies the rejected row, cannot hold it in its XML: it is left
    out there, instead of an internal error after the import was committed."""
    rows = plain_rows(3)
    rows[1][COLUMN["企业名称"]] = "大连\x01控制\x0b字符科技有限公司"
    rows[1][COLUMN["联系电话"]] = "电话\x02"
    source = W.write_xlsxwriter(tmp_path / "control.xlsx", [["名单\x03"]] + rows)
    errors = tmp_path / "errors.xlsx"
    result = admin.exchange.import_file(source, errors_path=errors)
    assert (result.created, result.rejected, result.committed) == (2, 1, True)
    assert "电话\x02" in result.rejections[0].message  # the result keeps what the file held
    sheet = openpyxl.load_workbook(errors).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][1] == "名单"
    assert values[2][0] == 3 and values[2][1 + COLUMN["企业名称"]] == "大连控制字符科技有限公司"
    assert values[2][1 + COLUMN["联系电话"]] == "电话"
    assert "实为「电话」" in values[2][-1]
    comment = sheet.cell(row=3, column=2 + COLUMN["联系电话"]).comment
    assert "实为「电话」" in comment.text


def test_a_repeated_column_is_named_as_ignored_not_dropped_in_silence(tmp_path, admin, capsys):
    """A second 「统一社会信用代码」 (or 联系电话) column is not imported; the result and the
    command line say so, naming its column, as they name an unrecognised one."""
    from gjz_registry.cli_exchange import print_result

    rows = plain_rows(2)
    rows[0] += ["联系电话", "统一社会信用代码"]
    rows[1] += ["13800000000", W.credit_code(77)]
    rows[2] += ["13800000001", W.credit_code(78)]
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "twice.xlsx", rows))
    assert result.created == 2
    assert result.duplicate_columns == ["联系电话（O 列）", "统一社会信用代码（P 列）"]
    print_result(result)
    assert "重复的列（已忽略，只导入同名的第一列）：联系电话（O 列）、统一社会信用代码（P 列）" in (
        capsys.readouterr().out
    )


def test_headers_with_invisible_characters_are_recognised(tmp_path, admin):
    """「联系电话」 with a soft hyphen or a left-to-right mark pasted from a web page looks
    like 「联系电话」; it was reported as an unrecognised column named 「联系电话」 and ignored."""
    rows = plain_rows(1)
    header = rows[0]
    header[COLUMN["联系电话"]] = "联系\u00ad电话"
    header[COLUMN["法定代表人"]] = "\u200e法定代表人\u2060"
    header[COLUMN["联系人"]] = "联系人\u202c"
    rows[1][COLUMN["联系电话"]] = "13800000000"
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "headers.xlsx", rows))
    assert result.unknown_columns == []
    (record,) = admin.enterprises.list().items
    assert (record.contact_phone, record.legal_rep, record.contact_name) == (
        "13800000000",
        "张三",
        "李四",
    )


def test_a_mapping_without_a_required_column_is_refused_by_the_service(tmp_path, admin):
    """The wizard asks for the required columns; the service (called with a mapping, as a
    script may) refused nothing and ended in a KeyError: 「内部错误」."""
    path = W.write_openpyxl(tmp_path / "mapped.xlsx", plain_rows(2))
    mapping = {1: "name", 3: "street"}
    preview = admin.exchange.preview(path, mapping=mapping)
    assert preview.missing_required == ["统一社会信用代码"]
    with pytest.raises(FileFormatError, match="缺少必需的列：「统一社会信用代码」"):
        admin.exchange.import_file(path, mapping=mapping)
    assert admin.enterprises.list().total == 0


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({1: "name", 5: "name", 2: "credit_code", 3: "street"}, "「企业名称」对应了 B 列和 F 列"),
        ({-1: "name", 2: "credit_code", 3: "street"}, "列号 -1 不存在"),
        ({"B": "name", 2: "credit_code", 3: "street"}, "列号 B 不存在"),
    ],
)
def test_a_mapping_with_a_column_twice_or_a_negative_index_is_refused(
    tmp_path, admin, mapping, message
):
    """One field taken from two columns (the last one won, unsaid) or from column -1 (the
    last cell of each row) is refused, by preview and import alike."""
    path = W.write_openpyxl(tmp_path / "mapped.xlsx", plain_rows(2))
    for call in (admin.exchange.import_file, admin.exchange.preview):
        with pytest.raises(InvalidValueError, match=message):
            call(path, mapping=mapping)
    assert admin.enterprises.list().total == 0


def test_an_area_too_large_for_its_column_is_refused_with_a_reason(tmp_path, admin):
    """「1e30」 in an area column ended in decimal.InvalidOperation (「内部错误」); an area of
    10^10 m² or more does not fit the column (12 digits, 2 after the point): PostgreSQL
    refused it with 'numeric field overflow' (「内部错误」), SQLite stored it."""
    rows = [
        ["序号", "载体名称", "载体类型", "所属街道", "场地面积(平方米)"],
        [1, "甲孵化器", "孵化器", "大连湾街道", "1e30"],
        [2, "乙孵化器", "孵化器", "大连湾街道", 1e11],
        [3, "丙孵化器", "孵化器", "大连湾街道", "9999999999.99"],
    ]
    path = W.write_openpyxl(tmp_path / "areas.xlsx", rows)
    result = admin.exchange.import_file(path, kind="carriers")
    assert (result.created, result.rejected) == (1, 2)
    assert [(r.row_number, r.column) for r in result.rejections] == [
        (2, "面积(平方米)"),
        (3, "面积(平方米)"),
    ]
    assert all("数值过大" in r.message for r in result.rejections)
    with pytest.raises(InvalidValueError, match="数值过大"):
        admin.carriers.create(
            {"name": "丁孵化器", "kind": "孵化器", "street": "大连湾街道", "area_m2": 1e11}
        )
    assert [c.name for c in admin.carriers.list().items] == ["丙孵化器"]


def test_a_year_typed_as_a_number_in_a_date_column_is_named_as_typed(tmp_path, admin):
    """2019 in 成立日期 was read as the Excel serial 2019 and refused as 「1905-07-11 超出合理
    范围」, a date the user never typed; 43467 (a date in 常规 format) is still 2019-01-02."""
    rows = plain_rows(3)
    founded = COLUMN["成立日期"]
    rows[1][founded], rows[2][founded], rows[3][founded] = 2019, 201903, 43467
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "years.xlsx", rows))
    assert result.created == 1
    assert [r.message for r in result.rejections] == [
        "第 2 行「成立日期」应为日期（如 2019-11-22），实为数字「2019」",
        "第 3 行「成立日期」应为日期（如 2019-11-22），实为数字「201903」",
    ]
    (record,) = admin.enterprises.list().items
    assert str(record.founded_on) == "2019-01-02"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    """Reading a FIFO named like a workbook waited for a writer for ever (gjz import hung,
    the client's import could not be cancelled).  A writer thread stands by so that a
    regression fails on the message instead of hanging."""
    pipe = tmp_path / "名单.xlsx"
    os.mkfifo(pipe)
    threading.Thread(target=lambda: open(pipe, "wb").close(), daemon=True).start()
    with pytest.raises(FileFormatError, match="不是普通文件"):
        open_workbook(pipe)


def test_an_error_workbook_that_cannot_be_written_leaves_the_import_reported(
    tmp_path, admin, monkeypatch, capsys
):
    """The import is committed before its error workbook is written; when that write fails
    (the file still open in Excel from the last run: 「文件被其他程序占用」) the result, its
    batch number and the reason come back instead of an error that hid the committed import."""
    from gjz_registry import outputs
    from gjz_registry.cli_exchange import print_result
    from gjz_registry.errors import OutputPathError

    def held(guard, save, path, keep=()):  # written beside, then the rename is refused
        save(tmp_path / "beside.xlsx")
        raise OutputPathError(outputs.BUSY.format(path=path))

    rows = plain_rows(2)
    rows[2][COLUMN["联系电话"]] = "电话"
    monkeypatch.setattr(outputs.OutputGuard, "write", held)
    errors = tmp_path / "错误清单.xlsx"
    result = admin.exchange.import_file(
        W.write_openpyxl(tmp_path / "held.xlsx", rows), errors_path=errors
    )
    assert (result.committed, result.created, result.rejected) == (True, 1, 1)
    assert result.errors_path is None and "被其他程序占用" in result.errors_failure
    print_result(result)
    out = capsys.readouterr().out
    assert f"错误工作簿未能写出：{outputs.BUSY.format(path=errors)}" in out
    assert f"已导入，批次号 {result.batch_id}" in out


def test_the_total_row_of_an_excel_table_is_a_trailer(tmp_path, admin):
    """Chinese Excel labels a table's total row 「汇总」 (WPS too); like 合计 it is skipped
    and named, not rejected as a row without a name and a credit code."""
    rows = plain_rows(2)
    total = [None] * len(rows[0])
    total[0], total[COLUMN["从业人员"]], total[COLUMN["研发人员"]] = "汇总", 40, 10
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "表.xlsx", rows + [total]))
    assert (result.created, result.rejected) == (2, 0)
    assert [(t.row_number, t.label) for t in result.trailers] == [(4, "汇总")]


def test_a_street_user_moved_to_another_street_cannot_undo_the_old_streets_records(
    tmp_path, admin, clerk, registry
):
    """A batch belongs to the user who imported it; undoing it deletes and restores records.
    A 大连湾 clerk moved to 南关岭 could still undo (delete) the 大连湾 enterprises of an
    old batch: a write outside the user's street.  An administrator still can."""
    from gjz_registry.errors import OutOfScopeError
    from tests.conftest import PASSWORD

    add_carrier(admin)  # the rows enter it: residencies and certificates too
    result = clerk.exchange.import_file(W.write_openpyxl(tmp_path / "old.xlsx", enterprise_rows(2)))
    assert result.created == 2
    admin.users.set_role("dlw", "street", street="南关岭街道")
    moved = registry.login("dlw", PASSWORD)
    with pytest.raises(OutOfScopeError, match=f"不能撤销导入批次 {result.batch_id}") as info:
        moved.exchange.undo(result.batch_id)
    assert "大连测试" not in str(info.value)  # the records are not named
    assert admin.enterprises.list().total == 2
    admin.users.set_role("dlw", "street", street="大连湾街道")
    again = registry.login("dlw", PASSWORD)
    assert again.exchange.undo(result.batch_id).removed == 2 + 2 + 2 * 2  # and their records


def test_rows_with_nothing_but_their_number_are_empty_rows(tmp_path, admin):
    """A form numbered 1…10 in advance and filled in for three records: the seven rows with
    only a 序号 were seven rejected rows (「企业名称」不能为空 ×2 each, exit 1); one between the
    records too.  They are empty rows: neither read nor rejected."""
    rows = plain_rows(3)
    rows.insert(2, [99])
    rows += [[n] for n in range(4, 11)]
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "numbered.xlsx", rows))
    assert result.counts == dict(read=3, created=3, updated=0, unchanged=0, skipped=0, rejected=0)
    assert result.trailers == []
