"""Undoing an import batch, and the list of batches.

Every record an import changed has an audit row carrying the batch id: ``create`` rows name
the records to remove, ``update``/``supersede`` rows hold in ``before`` what to restore (the
import keeps the old version and time stamp there).  Undo is refused, naming the record,
when any of those records changed afterwards (a later audit row outside the batch, or a
version that moved on) or when a record created by the batch is now used by another record
(a certificate, a residency, another batch's data).  Otherwise, in one transaction: updates
are restored newest first, created records are deleted (dependants first, search index too),
each reverted record gets an ``undo`` audit row (with the batch id) and the batch is marked
已撤销.  The audit rows of an undone batch no longer count as later changes of its records.
"""

import dataclasses
import datetime
from decimal import Decimal

from peewee import DateField, DateTimeField, DecimalField

from db.database import engine
from db.models import (
    AnnualReport,
    AuditLog,
    Carrier,
    CarrierYear,
    Enterprise,
    ImportBatch,
    Plan,
    PlanTask,
    Qualification,
    Residency,
    Target,
)
from gjz_registry.errors import (
    NotFoundError,
    OutOfScopeError,
    PermissionDeniedError,
    RuleError,
)
from gjz_registry.exchange.bulk import loads
from gjz_registry.services import audit
from gjz_registry.services.base import Service

STATUS_COMMITTED = "已提交"
STATUS_UNDONE = "已撤销"
BATCH_ENTITY = "import_batch"
# Deletion order: records that point to others go first.  A plan workbook's import
# (services.plan_exchange) creates a plan with its targets and tasks.
MODELS = {
    "target": Target,
    "plan_task": PlanTask,
    "plan": Plan,
    "residency": Residency,
    "qualification": Qualification,
    "annual_report": AnnualReport,
    "enterprise": Enterprise,
    "carrier_year": CarrierYear,
    "carrier": Carrier,
}
NAMES = {
    "target": "目标",
    "plan_task": "重点任务",
    "plan": "计划",
    "residency": "入驻记录",
    "qualification": "资质",
    "annual_report": "年度数据",
    "enterprise": "企业",
    "carrier_year": "载体年度运营",
    "carrier": "载体",
}


@dataclasses.dataclass
class BatchRecord:
    id: int
    at: datetime.datetime
    user: str
    file_name: str
    kind: str
    total: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    rejected: int
    status: str

    COUNTS = ("total", "created", "updated", "unchanged", "skipped", "rejected")

    def counts(self):
        """(total, created, updated, unchanged, skipped, rejected): the rows of the file."""
        return tuple(getattr(self, name) for name in self.COUNTS)


@dataclasses.dataclass
class UndoResult:
    batch_id: int
    removed: int
    restored: int


class UndoService(Service):
    """Batches of the actor (admins: all) and their undo."""

    def batches(self, limit=100):
        """The import batches, newest first: [BatchRecord]."""
        self.require_login()
        query = ImportBatch.select().order_by(ImportBatch.id.desc()).limit(limit)
        if not self.actor.is_admin:
            query = query.where(ImportBatch.user == self.actor.label)
        batches = list(query)
        summaries = {
            e.entity_id: loads(e.after)
            for e in AuditLog.select(AuditLog.entity_id, AuditLog.after).where(
                (AuditLog.entity == BATCH_ENTITY)
                & (AuditLog.action == "import")
                & AuditLog.entity_id.in_([b.id for b in batches] or [0])
            )
        }
        records = []
        for b in batches:
            counts = {name: getattr(b, name, None) for name in BatchRecord.COUNTS}
            counts["unchanged"] = summaries.get(b.id, {}).get("unchanged", 0)  # in its audit row
            records.append(
                BatchRecord(b.id, b.at, b.user, b.file_name, b.kind, **counts, status=b.status)
            )
        return records

    def undo(self, batch_id):
        """Revert the import batch ``batch_id``; return an :class:`UndoResult`.

        Raises NotFoundError, PermissionDeniedError (not yours, or read-only) and RuleError
        (already undone, or a record changed since)."""
        self.require_write()
        with self.atomic():
            batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
            if batch is None:
                raise NotFoundError(f"导入批次 {batch_id} 不存在")
            if not self.actor.is_admin and batch.user != self.actor.label:
                raise PermissionDeniedError(
                    f"导入批次 {batch_id} 由 {batch.user} 导入，只有本人或管理员可以撤销"
                )
            if batch.status == STATUS_UNDONE:
                raise RuleError(f"导入批次 {batch_id}（{batch.file_name}）已经撤销过了")
            entries = list(
                AuditLog.select()
                .where((AuditLog.batch == batch.id) & (AuditLog.entity != BATCH_ENTITY))
                .order_by(AuditLog.id)
            )
            self._check_scope(batch, entries)
            self._check_later_changes(batch)
            self._check_versions(entries)
            self._check_references(batch, entries)
            restored = self._restore(entries)
            removed = self._remove(batch)
            self._audit(batch, entries)
            ImportBatch.update(status=STATUS_UNDONE).where(ImportBatch.id == batch.id).execute()
        return UndoResult(batch.id, removed, restored)

    # --- refusals --------------------------------------------------------------------------
    def _check_scope(self, batch, entries):
        """A street user's batch is theirs to undo only while every record it touched is in
        their street (a user moved to another street keeps the batches, not the records).
        Checked first: the refusals below name records."""
        if not self.actor.scoped:
            return
        ids = {}
        for entry in entries:
            ids.setdefault(entry.entity, set()).add(entry.entity_id)
        owners = {Enterprise: set(ids.pop("enterprise", ())), Carrier: set(ids.pop("carrier", ()))}
        for entity, entity_ids in ids.items():
            model = MODELS.get(entity)
            owner = _OWNERS.get(model)
            if owner is None:  # a plan's records: the district's
                owners[None] = {None}
                continue
            link = getattr(model, owner._meta.name)
            owners[owner].update(r for (r,) in _chunked(model.select(link), model, entity_ids))
        streets = set(owners.pop(None, ()))
        for model, record_ids in owners.items():
            streets.update(s for (s,) in _chunked(model.select(model.street), model, record_ids))
        if streets - {self.actor.street_id}:
            raise OutOfScopeError(
                f"不能撤销导入批次 {batch.id}：其中有不属于{self.actor.street}的记录"
                "（账户所属街道已改变），请由管理员撤销"
            )

    def _check_later_changes(self, batch):
        p = self.db.param
        table = AuditLog._meta.table_name
        later = self.db.execute_sql(
            f'SELECT b.entity, b.entity_id, a.at, a."user", a.action FROM {table} b'
            f" JOIN {table} a ON a.entity = b.entity AND a.entity_id = b.entity_id AND a.id > b.id"
            f" WHERE b.batch = {p} AND b.entity != {p} AND (a.batch IS NULL OR (a.batch != {p}"
            f" AND a.batch NOT IN (SELECT id FROM {ImportBatch._meta.table_name}"
            f" WHERE status = {p})))"
            " LIMIT 1",
            (batch.id, BATCH_ENTITY, batch.id, STATUS_UNDONE),
        ).fetchone()
        if later is not None:
            entity, entity_id, at, user, _ = later
            raise RuleError(
                f"不能撤销导入批次 {batch.id}：{describe(entity, entity_id)}在导入后又被修改"
                f"（{str(at)[:19]}，{user}），请先处理该记录"
            )

    def _check_versions(self, entries):
        expected = {}
        for entry in entries:
            after = loads(entry.after)
            if "version" in after:
                expected[(entry.entity, entry.entity_id)] = after["version"]
            elif entry.action == "create":
                expected[(entry.entity, entry.entity_id)] = 1
        by_entity = {}
        for (entity, entity_id), version in expected.items():
            by_entity.setdefault(entity, {})[entity_id] = version
        for entity, versions in by_entity.items():
            model = MODELS.get(entity)
            if model is None:
                continue
            ids = list(versions)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for rid, version in (
                    model.select(model.id, model.version).where(model.id.in_(chunk)).tuples()
                ):
                    if version != versions[rid]:
                        raise RuleError(
                            f"不能撤销：{describe(entity, rid)}在导入后又被修改"
                            f"（版本 {versions[rid]} → {version}），请先处理该记录"
                        )

    def _check_references(self, batch, entries):
        """Refuse when a record outside the batch points to a record the batch created."""
        created, touched = {}, {}
        for entry in entries:
            touched.setdefault(entry.entity, set()).add(entry.entity_id)
            if entry.action == "create":
                created.setdefault(entry.entity, set()).add(entry.entity_id)
        for entity, ids in created.items():
            model = MODELS.get(entity)
            if model is None:
                continue
            for field in model._meta.backrefs:
                child = field.model
                child_entity = _entity_of(child)
                own = touched.get(child_entity, set())  # restored or removed by undo
                id_list = list(ids)
                for start in range(0, len(id_list), 500):
                    query = child.select(child.id, field).where(
                        field.in_(id_list[start : start + 500])
                    )
                    for child_id, parent_id in query.tuples():
                        if child_id not in own:
                            raise RuleError(
                                f"不能撤销导入批次 {batch.id}：{describe(entity, parent_id)}"
                                f"已被其他记录使用（{_name_of(child)} {child_id}），请先处理该记录"
                            )

    # --- reverting -------------------------------------------------------------------------
    def _restore(self, entries):
        restored = 0
        for entry in reversed(entries):
            if entry.action == "create":
                continue
            model = MODELS.get(entry.entity)
            before = loads(entry.before)
            if model is None or not before:
                continue
            values = {name: _python(model, name, value) for name, value in before.items()}
            model.update(**values).where(model.id == entry.entity_id).execute()
            if entry.entity == "enterprise" and "name" in values:
                from gjz_registry.services import search

                row = Enterprise.get_by_id(entry.entity_id)
                search.index_rows(self.db, [(row.id, row.name, row.name_pinyin, row.name_initials)])
            restored += 1
        return restored

    def _remove(self, batch):
        removed = 0
        p = self.db.param
        audit_table = AuditLog._meta.table_name
        created = (
            f"SELECT entity_id FROM {audit_table} WHERE batch = {p} AND entity = {p}"
            " AND action = 'create'"
        )
        for entity, model in MODELS.items():
            if entity == "enterprise":
                engine(self.db).unindex_where(self.db, created, (batch.id, entity))
            cursor = self.db.execute_sql(
                f"DELETE FROM {model._meta.table_name} WHERE id IN ({created})", (batch.id, entity)
            )
            removed += cursor.rowcount
        return removed

    def _audit(self, batch, entries):
        """An ``undo`` row per reverted record (before/after swapped), newest first, and one
        for the batch: one bulk write (audit.record_many)."""
        rows = [
            ("undo", e.entity, e.entity_id, _snapshot(e.after), _snapshot(e.before))
            for e in reversed(entries)
        ]
        rows.append(
            (
                "undo",
                BATCH_ENTITY,
                batch.id,
                {"status": STATUS_COMMITTED},
                {"status": STATUS_UNDONE, "file_name": batch.file_name},
            )
        )
        audit.record_many(self.actor, rows, batch.id)


# The record whose street a dependant record belongs to (undo's scope check).
_OWNERS = {
    Qualification: Enterprise,
    AnnualReport: Enterprise,
    Residency: Enterprise,
    CarrierYear: Carrier,
}


def _chunked(query, model, ids):
    """The rows of ``query`` for the records ``ids`` of ``model``, 500 ids a statement."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        yield from query.where(model.id.in_(ids[start : start + 500])).tuples()


def _snapshot(text):
    """An audit row's before/after back as a dict (None stays None)."""
    return None if text is None else loads(text)


def _python(model, name, value):
    """A value from an audit snapshot (JSON) back in the field's Python type."""
    field = model._meta.fields.get(name)
    if value is None or field is None:
        return value
    if isinstance(field, DateTimeField):
        return datetime.datetime.fromisoformat(value)
    if isinstance(field, DateField):
        return datetime.date.fromisoformat(value)
    if isinstance(field, DecimalField):
        return Decimal(str(value))
    return value


def _entity_of(model):
    for entity, known in MODELS.items():
        if known is model:
            return entity
    return model._meta.table_name


def _name_of(model):
    return NAMES.get(_entity_of(model), model._meta.table_name)


def describe(entity, entity_id):
    """「企业「名称」（代码）」 and the like, for messages."""
    if entity == "enterprise":
        row = Enterprise.get_or_none(Enterprise.id == entity_id)
        if row is not None:
            return f"企业「{row.name}」（{row.credit_code}）"
    elif entity == "carrier":
        row = Carrier.get_or_none(Carrier.id == entity_id)
        if row is not None:
            return f"载体「{row.name}」"
    elif entity == "carrier_year":
        row = CarrierYear.get_or_none(CarrierYear.id == entity_id)
        if row is not None:
            return f"载体「{Carrier.get_by_id(row.carrier_id).name}」的{row.year} 年度运营"
    elif entity in ("qualification", "residency", "annual_report"):
        model = MODELS[entity]
        row = model.get_or_none(model.id == entity_id)
        if row is not None:
            owner = Enterprise.get_by_id(row.enterprise_id).name
            detail = {
                "qualification": lambda: f"{row.kind}资质 {row.number or ''}".rstrip(),
                "residency": lambda: f"在「{Carrier.get_by_id(row.carrier_id).name}」的入驻记录",
                "annual_report": lambda: f"{row.year} 年度数据",
            }[entity]()
            return f"企业「{owner}」的{detail}"
    return f"{NAMES.get(entity, entity)}（编号 {entity_id}）"
