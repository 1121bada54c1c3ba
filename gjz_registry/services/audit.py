"""The audit log: one row per changed record, written in the same transaction as the change.

Services call :func:`record` (through services/writes.py for versioned records); bulk
writers (import, demo, undo) call :func:`record_many`, which writes rows of the very same
shape — :func:`row` builds both — in one multi-row INSERT per chunk.  Nothing edits or
deletes audit rows (there is no service for it).
:class:`AuditService` reads the log with filters for the 系统 › 操作日志 screen and the
enterprise form's 操作记录 tab.
"""

import dataclasses
import datetime
import json

from peewee import fn

from db.models import AuditLog
from gjz_registry.services.base import Page, Service, dumps


def row(actor, action, entity, entity_id, before=None, after=None, batch=None, at=None):
    """The column values of one audit row (``at``: now, to the second, unless given)."""
    return {
        "at": at or datetime.datetime.now().replace(microsecond=0),
        "user": actor.label,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": dumps(before),
        "after": dumps(after),
        "batch": batch,
    }


def record(actor, action, entity, entity_id, before=None, after=None, batch=None):
    """Write one audit row; call inside the change's transaction."""
    return AuditLog.create(**row(actor, action, entity, entity_id, before, after, batch))


def record_many(actor, entries, batch=None, at=None):
    """Write one audit row per entry — ``(action, entity, entity_id, before, after)`` — in
    multi-row INSERTs, all stamped ``at`` (default: now); call inside the change's
    transaction.  Returns the number of rows written."""
    at = at or datetime.datetime.now().replace(microsecond=0)
    rows = [row(actor, *entry, batch=batch, at=at) for entry in entries]
    for start in range(0, len(rows), ROWS_PER_INSERT):
        AuditLog.insert_many(rows[start : start + ROWS_PER_INSERT]).execute()
    return len(rows)


# 8 columns a row: 100 rows stay below SQLite's oldest limit of 999 parameters a statement.
ROWS_PER_INSERT = 100


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
