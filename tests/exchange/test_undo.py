"""Tests of undoing an import batch (exchange/undo.py): exact restore, refusals, scope."""

import pytest

from db.models import AuditLog, ImportBatch
from gjz_registry.errors import NotFoundError, PermissionDeniedError, RuleError
from tests.exchange import workbooks as W
from tests.exchange.importing import (
    COLUMN,
    HEADERS,
    add_carrier,
    content,
    enterprise_row,
    enterprise_rows,
    plain_rows,
)


def write(tmp_path, rows, name="u.xlsx"):
    return W.write_openpyxl(tmp_path / name, rows)


def test_undo_of_created_records_restores_the_previous_state_exactly(tmp_path, admin, db_target):
    add_carrier(admin)
    before = content(db_target)
    result = admin.exchange.import_file(write(tmp_path, enterprise_rows(20)))
    assert result.created == 20
    done = admin.exchange.undo(result.batch_id)
    assert (done.batch_id, done.removed, done.restored) == (result.batch_id, 80, 0)
    assert content(db_target) == before
    assert admin.enterprises.search("dlcs") == []  # the search index is clean too
    assert ImportBatch.get_by_id(result.batch_id).status == "已撤销"
    entries = AuditLog.select().where(AuditLog.batch == result.batch_id)
    undone = [e for e in entries if e.action == "undo"]
    assert len(undone) == 81 == len(entries) - len(undone)  # 80 records and the batch


def test_undo_of_updates_restores_fields_versions_and_timestamps(tmp_path, admin, db_target):
    add_carrier(admin)
    admin.exchange.import_file(write(tmp_path, plain_rows(3), "first.xlsx"))
    one = admin.enterprises.get_by_code(W.credit_code(1))
    admin.qualifications.add(one.id, "高新技术企业", "GR202021000001", "2020-10-01")
    before = content(db_target)
    rows = enterprise_rows(4)
    rows[1][COLUMN["企业名称"]] = "大连改名科技有限公司"
    rows[2][COLUMN["法定代表人"]] = "新法人"
    result = admin.exchange.import_file(write(tmp_path, rows, "second.xlsx"))
    assert (result.created, result.updated) == (1, 3), result.rejections
    assert [e.name for e in admin.enterprises.search("dlgm")] == ["大连改名科技有限公司"]
    admin.exchange.undo(result.batch_id)
    assert content(db_target) == before
    assert admin.enterprises.search("dlgm") == []
    assert [e.name for e in admin.enterprises.search("大连测试科技有限公司1")][:1] == [
        "大连测试科技有限公司1"
    ]


def test_undo_is_refused_when_a_record_changed_afterwards(tmp_path, admin, db_target):
    result = admin.exchange.import_file(write(tmp_path, plain_rows(2)))
    e = admin.enterprises.get_by_code(W.credit_code(2))
    admin.enterprises.update(e.id, {"contact_phone": "0411-86543210"}, version=e.version)
    state = content(db_target, skip=())
    with pytest.raises(RuleError) as caught:
        admin.exchange.undo(result.batch_id)
    message = str(caught.value)
    assert f"企业「大连测试科技有限公司2」（{W.credit_code(2)}）在导入后又被修改" in message
    assert content(db_target, skip=()) == state


def test_a_later_batch_must_be_undone_first(tmp_path, admin, db_target):
    first = admin.exchange.import_file(write(tmp_path, plain_rows(2), "a.xlsx"))
    rows = plain_rows(2)
    rows[1][COLUMN["法定代表人"]] = "王五"
    second = admin.exchange.import_file(write(tmp_path, rows, "b.xlsx"))
    with pytest.raises(RuleError, match="在导入后又被修改"):
        admin.exchange.undo(first.batch_id)
    admin.exchange.undo(second.batch_id)
    admin.exchange.undo(first.batch_id)
    assert content(db_target)["enterprise"] == []


def test_undo_is_refused_when_a_created_record_is_used_elsewhere(tmp_path, admin):
    add_carrier(admin)
    result = admin.exchange.import_file(write(tmp_path, plain_rows(1)))
    e = admin.enterprises.get_by_code(W.credit_code(1))
    carrier = admin.carriers.get_by_name("甘井子区科技孵化器")
    admin.incubation.admit(e.id, carrier.id, "2019-11-22")
    with pytest.raises(RuleError, match="在导入后又被修改|已被其他记录使用"):
        admin.exchange.undo(result.batch_id)


def test_undo_twice_unknown_batch_and_permissions(tmp_path, admin, clerk, other_clerk, viewer):
    result = clerk.exchange.import_file(write(tmp_path, plain_rows(1)))
    with pytest.raises(PermissionDeniedError, match="只有本人或管理员可以撤销"):
        other_clerk.exchange.undo(result.batch_id)
    with pytest.raises(PermissionDeniedError):
        viewer.exchange.undo(result.batch_id)
    clerk.exchange.undo(result.batch_id)
    with pytest.raises(RuleError, match="已经撤销过了"):
        admin.exchange.undo(result.batch_id)
    with pytest.raises(NotFoundError, match="导入批次 999 不存在"):
        admin.exchange.undo(999)


def test_undo_of_lists_restores_supersession(tmp_path, admin, db_target):
    admin.exchange.import_file(write(tmp_path, plain_rows(2), "e.xlsx"))
    one = admin.enterprises.get_by_code(W.credit_code(1))
    admin.qualifications.add(one.id, "高新技术企业", "GR202021000001", "2020-10-01")
    before = content(db_target)
    rows = [["企业名称", "统一社会信用代码", "证书编号", "发证日期"]]
    rows += [["x", W.credit_code(1), "GR202321000001", "2023-11-22"]]
    result = admin.exchange.import_file(write(tmp_path, rows, "h.xlsx"))
    assert result.created == 1
    assert [q.superseded_by is not None for q in admin.qualifications.for_enterprise(one.id)] == [
        False,
        True,
    ]
    admin.exchange.undo(result.batch_id)
    assert content(db_target) == before


def test_batches_lists_newest_first_and_only_own_for_clerks(tmp_path, admin, clerk):
    admin.exchange.import_file(write(tmp_path, plain_rows(1), "a.xlsx"))
    rows = [list(HEADERS), enterprise_row(5, 孵化阶段=None, 入驻载体=None, 入驻日期=None)]
    clerk.exchange.import_file(write(tmp_path, rows, "b.xlsx"))
    assert [b.file_name for b in admin.exchange.batches()] == ["b.xlsx", "a.xlsx"]
    mine = clerk.exchange.batches()
    assert [(b.file_name, b.created, b.unchanged, b.status) for b in mine] == [
        ("b.xlsx", 1, 0, "已提交")
    ]
