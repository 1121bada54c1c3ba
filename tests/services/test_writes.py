"""The one write path (issue 14.4): services/writes.py and audit.record_many.

Two registries on one SQLite file stand for two clients: A reads a record, B (another
program's connection, opened and closed around its write — the models' proxy is bound to one
connection at a time) saves it first, and A's save from the version it read is refused,
changing nothing.
"""

import datetime
import json

import pytest

from db.models import (
    AnnualReport,
    AuditLog,
    Carrier,
    Enterprise,
    Qualification,
    Residency,
    Street,
    Target,
    User,
)
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


def _edited(make, service, words):
    """A KINDS entry for a record edited with ``service.update(id, changes, version)``."""
    return (
        make,
        lambda r, rec: getattr(r, service).get(rec.id),
        lambda r, rec, n, version: getattr(r, service).update(
            rec.id, {"contact_name": f"联系人{n}"}, version=version
        ),
        words,
    )


# kind: (make the record, read it again, save a change from ``version``, the refusal's words)
KINDS = {
    "enterprise": _edited(
        _enterprise, "enterprises", "企业「大连测试1号科技有限公司」已被他人修改"
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
    "carrier": _edited(_carrier, "carriers", "载体「甘井子区写入孵化器」已被他人修改"),
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


def _admitted(admin):
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    admin.incubation.admit(e.id, _carrier(admin).id, "2024-06-01")
    return Residency.get(Residency.enterprise == e.id).id


def _street(admin):
    admin.reference.add_street("写入测试街道")
    return Street.get(Street.name == "写入测试街道").id


def _user(admin):
    admin.users.create("writer", PASSWORD, "viewer")
    return User.get(User.username == "writer").id


def _qualification(admin):
    return admin.qualifications.add(
        _enterprise(admin).id, "高新技术企业", "GR202421000001", granted_on="2024-10-01"
    ).id


# kind: (make the record → its id, change it, its model, the audit entity, the create's
# action, the change's action, a field the change's audit row shows)
AUDITED = {
    "enterprise": (
        lambda r: _enterprise(r).id,
        lambda r, i: r.enterprises.update(i, {"notes": "改"}, version=1),
        Enterprise,
        "enterprise",
        ("create", "update", "notes"),
    ),
    "carrier": (
        lambda r: _carrier(r).id,
        lambda r, i: r.carriers.update(i, {"notes": "改"}, version=1),
        Carrier,
        "carrier",
        ("create", "update", "notes"),
    ),
    "annual_report": (
        lambda r: _annual(r).id,
        lambda r, i: r.annual.save(
            AnnualReport.get_by_id(i).enterprise_id, 2024, {"revenue": 8}, 1
        ),
        AnnualReport,
        "annual_report",
        ("create", "update", "revenue"),
    ),
    "target": (
        lambda r: r.targets.add_target(1, "写入测试指标", "2020", 5, "家").id,
        lambda r, i: r.targets.update_target(i, {"note": "改"}, 1),
        Target,
        "target",
        ("create", "update", "note"),
    ),
    "qualification": (
        _qualification,
        lambda r, i: r.qualifications.revoke(i, "2025-01-02", "测试"),
        Qualification,
        "qualification",
        ("create", "revoke", "revoked_on"),
    ),
    "residency": (
        _admitted,
        lambda r, i: r.incubation.leave(Residency.get_by_id(i).enterprise_id, "2024-08-01"),
        Residency,
        "residency",
        ("create", "close", "left_on"),
    ),
    "street": (
        _street,
        lambda r, i: r.reference.rename_street("写入测试街道", "写入改名街道"),
        Street,
        "street",
        ("create", "update", "name"),
    ),
    "user": (
        _user,
        lambda r, i: r.users.set_active("writer", False),
        User,
        "user",
        ("create", "disable", "active"),
    ),
}


@pytest.mark.parametrize("kind", AUDITED)
def test_the_base_writes_one_audit_row_per_write_and_increments_the_version(admin, kind):
    make, change, model, entity, (created, changed, field) = AUDITED[kind]
    record_id = make(admin)
    rows = AuditLog.select().where((AuditLog.entity == entity) & (AuditLog.entity_id == record_id))
    assert [(a.action, a.before, a.user) for a in rows] == [(created, None, admin.actor.label)]
    assert json.loads(rows[0].after)
    last = AuditLog.select().order_by(AuditLog.id.desc()).first().id
    version = model.get_by_id(record_id).version
    change(admin, record_id)
    assert model.get_by_id(record_id).version == version + 1
    rows = list(
        AuditLog.select().where(
            (AuditLog.id > last) & (AuditLog.entity == entity) & (AuditLog.entity_id == record_id)
        )
    )
    assert [a.action for a in rows] == [changed] and field in json.loads(rows[0].after)


@pytest.mark.parametrize("kind", AUDITED)
def test_every_kind_refuses_a_write_that_updates_no_row(admin, db_path, kind):
    """The base's row count check, for the record of every kind: the stored row moved on
    after it was read (a bare statement), so the UPDATE … AND version = ? finds no row."""
    make, _, model, entity, _ = AUDITED[kind]
    record_id = make(admin)
    [row] = list(model.select().where(model.id == record_id))
    model.update(version=model.version + 1).where(model.id == record_id).execute()
    before = dump(db_path)
    with pytest.raises(ConflictError, match="已被他人修改"):
        with admin.db.atomic():
            unchanged = {"created_at": row.created_at}
            writes.update(admin.actor, row, entity, "记录", unchanged, row.version, "x")
    assert dump(db_path) == before


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
