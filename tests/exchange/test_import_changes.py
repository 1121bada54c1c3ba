"""What an import changes in registered records, old → new (exchange/changes.py, conflicts.py).

The import's result — a dry run's too — lists each row that changes a registered record with
the fields, old → new, and counts the changed fields per column; the preview lists the same
for the whole file before anything runs, under the rule chosen (or every difference when none
is chosen yet), and never shows the values of a record the user may not change.
"""

from decimal import Decimal

from gjz_registry.exchange.changes import EMPTY, FieldChange, value_text
from gjz_registry.exchange.context import default_policy, writes_within
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, content, enterprise_rows, plain_rows

CAPITAL, STAFF = "注册资本(万元)", "从业人员"


def capital_files(folder, count=3):
    """(first, second): ``count`` enterprises with 注册资本 50 and 从业人员 10, then the same
    file with enterprise 1 at 60 and 11 (nothing else differs)."""
    rows = plain_rows(count)
    for row in rows[1:]:
        row[COLUMN[CAPITAL]], row[COLUMN[STAFF]] = 50, 10
    first = W.write_openpyxl(folder / "第一次.xlsx", rows)
    rows[1][COLUMN[CAPITAL]], rows[1][COLUMN[STAFF]] = 60, 11
    second = W.write_openpyxl(folder / "第二次.xlsx", rows)
    return first, second


EXPECTED = [
    FieldChange("registered_capital", CAPITAL, "50", "60"),
    FieldChange("employees", STAFF, "10", "11"),
]


def test_a_dry_run_lists_each_changed_field_old_to_new(tmp_path, admin, db_target):
    first, second = capital_files(tmp_path)
    admin.exchange.import_file(first)
    before = content(db_target, skip=())
    dry = admin.exchange.import_file(second, dry_run=True, on_conflict="update")
    assert content(db_target, skip=()) == before
    assert (dry.updated, dry.unchanged) == (1, 2)
    [row] = dry.changes
    assert (row.row_number, row.record) == (2, "大连测试科技有限公司1")
    assert row.fields == EXPECTED
    assert row.text == "注册资本(万元) 50 → 60；从业人员 10 → 11"
    assert dry.change_counts == {CAPITAL: 1, STAFF: 1}
    real = admin.exchange.import_file(second, on_conflict="update")
    assert real.committed and real.changes == dry.changes
    stored = admin.enterprises.get_by_code(W.credit_code(1))
    assert (stored.registered_capital, stored.employees) == (Decimal(60), 11)


def test_fill_lists_only_the_blank_fields_it_fills(tmp_path, admin):
    first, second = capital_files(tmp_path)
    rows = plain_rows(3)
    for row in rows[1:]:
        row[COLUMN[CAPITAL]], row[COLUMN[STAFF]], row[COLUMN["联系人"]] = 50, 10, None
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "无联系人.xlsx", rows))
    dry = admin.exchange.import_file(second, dry_run=True, on_conflict="fill")
    assert [r.text for r in dry.changes] == [f"联系人 {EMPTY} → 李四"] * 3
    assert dry.change_counts == {"联系人": 3}
    assert admin.exchange.import_file(second, dry_run=True, on_conflict="skip").changes == []


def test_the_preview_compares_every_row_of_the_file_under_the_rule(tmp_path, admin, db_target):
    first, second = capital_files(tmp_path)
    admin.exchange.import_file(first)
    before = content(db_target, skip=())
    # no rule chosen yet: every difference is listed, the row is 已登记
    preview = admin.exchange.preview(second, on_conflict=None)
    assert content(db_target, skip=()) == before
    assert [r.action for r in preview.rows] == ["已登记", "无变化", "无变化"]
    assert preview.rows[0].changes == EXPECTED
    assert preview.change_counts == {CAPITAL: 1, STAFF: 1}
    assert [r.action for r in admin.exchange.preview(second).rows][0] == "更新"
    assert preview.kept_rows == 0
    # 只填空白 and 跳过 write none of it, and say how many rows keep their registered values
    fill = admin.exchange.preview(second, on_conflict="fill")
    assert fill.rows[0].action == "无变化" and fill.changes == [] and fill.change_counts == {}
    assert fill.kept_rows == 1
    skip = admin.exchange.preview(second, on_conflict="skip")
    assert [r.action for r in skip.rows] == ["跳过"] * 3 and skip.changes == []
    assert skip.kept_rows == 1
    # a changed row after the first rows shown is added to the rows, so it is seen too
    rows = plain_rows(3)
    for row in rows[1:]:
        row[COLUMN[CAPITAL]], row[COLUMN[STAFF]] = 50, 10
    rows[3][COLUMN[STAFF]] = 12
    late = W.write_openpyxl(tmp_path / "第三行.xlsx", rows)
    shown = admin.exchange.preview(late, limit=1)
    assert [(r.number, r.action) for r in shown.rows] == [(2, "无变化"), (4, "更新")]
    assert [str(c) for c in shown.rows[1].changes] == ["从业人员 10 → 12"]
    assert [r.row_number for r in shown.changes] == [4]


def with_certificates(count):
    rows = enterprise_rows(count)
    for row in rows[1:]:
        for header in ("孵化阶段", "入驻载体", "入驻日期"):
            row[COLUMN[header]] = None
    return rows


def test_new_certificates_and_new_rows_in_the_preview(tmp_path, admin):
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "a.xlsx", with_certificates(2)))
    rows = with_certificates(3)
    rows[1][COLUMN["高新技术企业证书编号"]] = "GR202421000001"  # a new certificate, same fields
    preview = admin.exchange.preview(W.write_openpyxl(tmp_path / "b.xlsx", rows))
    assert [r.action for r in preview.rows] == ["新增资质或入驻", "无变化", "新增"]
    assert preview.changes == []


def test_a_street_user_sees_no_values_of_another_streets_record(tmp_path, admin, clerk):
    rows = plain_rows(1)
    rows[1][COLUMN["所属街道"]] = "南关岭街道"
    rows[1][COLUMN[STAFF]] = 10
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "a.xlsx", rows))
    rows[1][COLUMN["所属街道"]] = "大连湾街道"
    rows[1][COLUMN[STAFF]] = 11
    preview = clerk.exchange.preview(W.write_openpyxl(tmp_path / "b.xlsx", rows), on_conflict=None)
    [row] = preview.rows
    assert row.changes == [] and preview.changes == []
    assert "其他街道" in row.errors[COLUMN["所属街道"]] and "10" not in str(row.errors)


def test_list_sheets_name_their_changes_too(tmp_path, admin):
    carriers = [
        ["载体名称", "载体类型", "所属街道", "面积"],
        ["甘井子孵化器", "孵化器", "大连湾街道", 100],
    ]
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "c.xlsx", carriers))
    carriers[1][2:] = ["南关岭街道", 120.5]
    dry = admin.exchange.import_file(W.write_openpyxl(tmp_path / "d.xlsx", carriers), dry_run=True)
    [row] = dry.changes
    assert row.record == "甘井子孵化器"
    assert row.text == "所属街道 大连湾街道 → 南关岭街道；面积(平方米) 100 → 120.5"


def test_the_default_rule_and_which_rule_writes_within_another():
    class Actor:
        def __init__(self, scoped):
            self.scoped = scoped

    assert default_policy(Actor(True)) == "fill" and default_policy(Actor(False)) is None
    assert writes_within("fill", "update") and writes_within("update", None)
    assert writes_within("skip", "fill") and not writes_within("update", "fill")
    assert value_text(Decimal("50.0000")) == "50" and value_text(None) == EMPTY
