"""The one write path (issue 14.4): services/writes.py and audit.record_many.

Two registries on one SQLite file stand for two clients: A reads a record, B (another
program's connection, opened and closed around its write — the models' proxy is bound to one
connection at a time) saves it first, and A's save from the version it read is refused,
changing nothing.
"""

import datetime
import json

import pytest

from db.models import AuditLog, Enterprise
from gjz_registry import demo, open_registry
from gjz_registry.errors import ConflictError
from gjz_registry.services import audit, writes
from gjz_registry.services.base import Actor
from tests.acceptance.test_cli import dump
from tests.conftest import PASSWORD, enterprise_data
from tests.exchange import workbooks as W
from tests.exchange.importing import add_carrier, enterprise_rows

CARRIER = {"name": "甘井子区写入孵化器", "kind": "孵化器", "street": "大连湾街道"}


def _enterprise(admin):
    return admin.enterprises.create(enterprise_data(1))


def _carrier(admin):
    return admin.carriers.create(dict(CARRIER))


def _annual(admin):
    e = _enterprise(admin)
    return admin.annual.save(e.id, 2024, {"revenue": 700})


def _target(admin):
    return admin.targets.targets()[0]


# kind: (make the record, read it again, save a change from ``version``, the refusal's words)
KINDS = {
    "enterprise": (
        _enterprise,
        lambda r, rec: r.enterprises.get(rec.id),
        lambda r, rec, n, version: r.enterprises.update(
            rec.id, {"contact_name": f"联系人{n}"}, version=version
        ),
        "企业「大连测试1号科技有限公司」已被他人修改",
    ),
    "enterprise-deactivate": (
        _enterprise,
        lambda r, rec: r.enterprises.get(rec.id),
        lambda r, rec, n, version: (
            r.enterprises.update(rec.id, {"notes": "迁出前"}, version=version)
            if n == 1
            else r.enterprises.deactivate(rec.id, "迁出", version)
        ),
        "企业「大连测试1号科技有限公司」已被他人修改",
    ),
    "carrier": (
        _carrier,
        lambda r, rec: r.carriers.get(rec.id),
        lambda r, rec, n, version: r.carriers.update(
            rec.id, {"contact_name": f"联系人{n}"}, version=version
        ),
        "载体「甘井子区写入孵化器」已被他人修改",
    ),
    "annual_report": (
        _annual,
        lambda r, rec: r.annual.for_enterprise(rec.enterprise_id, 2024)[0],
        lambda r, rec, n, version: r.annual.save(
            rec.enterprise_id, 2024, {"revenue": 700 + n}, version=version
        ),
        "年度数据「2024 年度」已被他人修改",
    ),
    "target": (
        _target,
        lambda r, rec: r.targets.target(rec.id),
        lambda r, rec, n, version: r.targets.update_target(
            rec.id, {"note": f"说明{n}"}, version=version
        ),
        "目标「",
    ),
}


def _as_other_program(db_path, write):
    """Run ``write(registry)`` as another program's connection to the same file."""
    other = open_registry(db_path)
    try:
        return write(other.login("admin", PASSWORD))
    finally:
        other.close()


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_update_is_refused_and_changes_nothing(admin, db_path, kind):
    make, read, save, words = KINDS[kind]
    seen = read(admin, make(admin))  # A reads
    _as_other_program(db_path, lambda b: save(b, read(b, seen), 1, read(b, seen).version))
    before = dump(db_path)
    with pytest.raises(ConflictError, match=words):
        save(admin, seen, 2, seen.version)  # A saves from the version it read
    assert dump(db_path) == before


@pytest.mark.parametrize("kind", ["enterprise", "enterprise-deactivate", "carrier", "target"])
def test_an_update_without_a_version_is_refused(admin, db_path, kind):
    make, read, save, _ = KINDS[kind]
    record = read(admin, make(admin))
    before = dump(db_path)
    with pytest.raises(TypeError, match="version"):
        save(admin, record, 2, None)
    assert dump(db_path) == before


def test_an_annual_report_saved_as_new_while_another_was_saved_is_refused(admin, db_path):
    """The report form opened on a year without a report (version None); another client
    saved that year's report meanwhile: the form's save would overwrite it unseen."""
    e = _enterprise(admin)
    _as_other_program(db_path, lambda b: b.annual.save(e.id, 2024, {"revenue": 900}))
    before = dump(db_path)
    with pytest.raises(ConflictError, match="2024 年度"):
        admin.annual.save(e.id, 2024, {"revenue": 700}, version=None)
    assert dump(db_path) == before


def test_zero_rows_updated_is_a_stale_version(admin, db_path):
    """The row was read at version 1 and still says so in memory, but the stored row moved on
    before the UPDATE (another writer, here a bare statement): the statement's row count (0)
    is what tells, and nothing is written."""
    e = _enterprise(admin)
    [row] = list(Enterprise.select().where(Enterprise.id == e.id))  # read at version 1
    Enterprise.update(notes="先存", version=Enterprise.version + 1).where(
        Enterprise.id == e.id
    ).execute()
    before = dump(db_path)
    with pytest.raises(ConflictError, match="企业「大连测试1号科技有限公司」已被他人修改，请刷新"):
        with admin.db.atomic():
            writes.update(admin.actor, row, "enterprise", "企业", {"notes": "后存"}, row.version)
    assert dump(db_path) == before
    assert admin.enterprises.get(e.id).notes == "先存"


def test_the_base_refuses_a_missing_version_before_writing(admin, db_path):
    row = Enterprise.get_by_id(_enterprise(admin).id)
    before = dump(db_path)
    for version in (None, "1", True):
        with pytest.raises(TypeError):
            writes.update(admin.actor, row, "enterprise", "企业", {"notes": "x"}, version)
        with pytest.raises(TypeError):
            writes.delete(admin.actor, row, "enterprise", "企业", {}, version)
    assert dump(db_path) == before


# kind: (make the record, update it, the audit entity, a field the update's audit row shows)
AUDITED = {
    "enterprise": (
        _enterprise,
        lambda r, rec: r.enterprises.update(rec.id, {"notes": "改"}, version=rec.version),
        "enterprise",
        "notes",
    ),
    "carrier": (
        _carrier,
        lambda r, rec: r.carriers.update(rec.id, {"notes": "改"}, version=rec.version),
        "carrier",
        "notes",
    ),
    "annual_report": (
        _annual,
        lambda r, rec: r.annual.save(rec.enterprise_id, 2024, {"revenue": 800}, rec.version),
        "annual_report",
        "revenue",
    ),
    "target": (
        lambda r: r.targets.add_target(1, "写入测试指标", "2020", 5, "家"),
        lambda r, rec: r.targets.update_target(rec.id, {"note": "改"}, rec.version),
        "target",
        "note",
    ),
}


@pytest.mark.parametrize("kind", AUDITED)
def test_the_base_writes_one_audit_row_per_write_and_increments_the_version(admin, kind):
    make, change, entity, field = AUDITED[kind]
    record = make(admin)
    created = AuditLog.select().where(AuditLog.entity == entity).order_by(AuditLog.id)
    assert [(a.action, a.entity_id, a.before) for a in created] == [("create", record.id, None)]
    assert created[0].user == admin.actor.label and json.loads(created[0].after)
    last = AuditLog.select().order_by(AuditLog.id.desc()).first().id
    changed = change(admin, record)
    assert changed.version == record.version + 1
    rows = list(AuditLog.select().where(AuditLog.id > last))
    assert [(a.action, a.entity, a.entity_id) for a in rows] == [("update", entity, record.id)]
    assert field in json.loads(rows[0].after) and field in json.loads(rows[0].before)


def test_bulk_audit_rows_have_the_shape_of_single_ones(admin):
    at = datetime.datetime(2024, 5, 6, 7, 8, 9)
    actor = Actor(label="cli:测试", role=None)
    entries = [
        ("create", "enterprise", 7, None, {"name": "甲", "founded_on": datetime.date(2020, 1, 2)}),
        ("update", "carrier", 8, {"area_m2": None}, {"area_m2": 12.5}),
    ]
    with admin.db.atomic():
        for action, entity, entity_id, before, after in entries:
            audit.record(actor, action, entity, entity_id, before, after, batch=3)
        single = [r for r in AuditLog.select().order_by(AuditLog.id).dicts()][-2:]
        assert audit.record_many(actor, entries, batch=3, at=single[0]["at"]) == 2
        bulk = [r for r in AuditLog.select().order_by(AuditLog.id).dicts()][-2:]
    for one, many in zip(single, bulk):
        assert {k: v for k, v in one.items() if k not in ("id", "at")} == {
            k: v for k, v in many.items() if k not in ("id", "at")
        }
        assert isinstance(many["at"], datetime.datetime) and many["at"].microsecond == 0
    assert audit.row(actor, "x", "y", 1, at=at)["at"] == at


@pytest.fixture
def bulk_calls(monkeypatch):
    """The (action, entity) pairs of every audit.record_many call, per call."""
    calls = []
    original = audit.record_many

    def spy(actor, entries, batch=None, at=None):
        entries = list(entries)
        calls.append([(e[0], e[1]) for e in entries])
        return original(actor, entries, batch, at)

    monkeypatch.setattr(audit, "record_many", spy)
    return calls


def test_demo_writes_its_audit_row_with_the_bulk_writer(admin, bulk_calls):
    demo.generate(admin.db, 3, seed=2, today=datetime.date(2024, 11, 27), user="demo")
    assert bulk_calls == [[("demo", demo.AUDIT_ENTITY)]]
    row = AuditLog.select().where(AuditLog.action == "demo").get()
    assert row.user == "demo" and json.loads(row.after)["enterprises"] == 3


def test_undo_writes_its_audit_rows_with_the_bulk_writer(tmp_path, admin, bulk_calls):
    add_carrier(admin)
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "u.xlsx", enterprise_rows(2)))
    imported = list(AuditLog.select().where(AuditLog.batch == result.batch_id))
    bulk_calls.clear()
    admin.exchange.undo(result.batch_id)
    assert len(bulk_calls) == 1 and len(bulk_calls[0]) == len(imported)
    assert {action for action, _ in bulk_calls[0]} == {"undo"}
    undone = AuditLog.select().where(
        (AuditLog.batch == result.batch_id) & (AuditLog.action == "undo")
    )
    by_record = {(a.entity, a.entity_id): a for a in imported}
    for row in undone:  # before and after swapped, in the services' shape
        done = by_record[(row.entity, row.entity_id)]
        if row.entity != "import_batch":
            assert json.loads(row.before or "null") == json.loads(done.after or "null")
            assert json.loads(row.after or "null") == json.loads(done.before or "null")
