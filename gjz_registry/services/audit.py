"""The audit log: one row per changed record, written in the same transaction as the change.

Services call :func:`record`; nothing edits or deletes audit rows (there is no service for it).
:class:`AuditService` reads the log with filters for the 系统 › 操作日志 screen and the
enterprise form's 操作记录 tab.
"""

import dataclasses
import datetime
import json

from peewee import fn

from db.models import AuditLog
from gjz_registry.services.base import Page, Service, dumps


def record(actor, action, entity, entity_id, before=None, after=None, batch=None):
    """Write one audit row; call inside the change's transaction."""
    return AuditLog.create(
        at=datetime.datetime.now().replace(microsecond=0),
        user=actor.label,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=dumps(before),
        after=dumps(after),
        batch=batch,
    )


def diff(before, after):
    """Only the keys that changed, as (before, after) dicts."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


@dataclasses.dataclass
class AuditEntry:
    id: int
    at: datetime.datetime
    user: str
    action: str
    entity: str
    entity_id: int
    before: dict
    after: dict
    batch: int


class AuditService(Service):
    """Read-only access to the audit log (admins see all; others only their own records)."""

    def list(
        self,
        entity=None,
        entity_id=None,
        user=None,
        action=None,
        since=None,
        until=None,
        batch=None,
        offset=0,
        limit=100,
    ):
        """Return a Page of AuditEntry, newest first (the whole log is for admins)."""
        self.require_admin("查看操作日志")
        query = AuditLog.select()
        if entity:
            query = query.where(AuditLog.entity == entity)
        if entity_id is not None:
            query = query.where(AuditLog.entity_id == entity_id)
        if user:
            query = query.where(AuditLog.user == user)
        if action:
            query = query.where(AuditLog.action == action)
        if since:
            query = query.where(AuditLog.at >= since)
        if until:
            query = query.where(AuditLog.at < until + datetime.timedelta(days=1))
        if batch is not None:
            query = query.where(AuditLog.batch == batch)
        total = query.count()
        rows = query.order_by(AuditLog.id.desc()).offset(offset).limit(limit)
        return Page([_entry(r) for r in rows], total, offset, limit)

    def latest_id(self):
        """The id of the newest audit row (0 for an empty log): it moves with every committed
        write, whoever made it (one index lookup; see Registry.data_version)."""
        self.require_login()
        return AuditLog.select(fn.MAX(AuditLog.id)).scalar() or 0


def entries_for(entity, entity_id):
    """All audit entries of one record, newest first (callers check visibility first)."""
    query = AuditLog.select().where((AuditLog.entity == entity) & (AuditLog.entity_id == entity_id))
    return [_entry(r) for r in query.order_by(AuditLog.id.desc())]


def _entry(r):
    return AuditEntry(
        r.id,
        r.at,
        r.user,
        r.action,
        r.entity,
        r.entity_id,
        json.loads(r.before) if r.before else {},
        json.loads(r.after) if r.after else {},
        r.batch,
    )
