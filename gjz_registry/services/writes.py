"""The one write path of a versioned record: create, update, delete, each with its audit row.

Every record that carries ``version`` (db.models.VersionedModel) is written here, inside the
caller's transaction, so the rules of a write hold once for every kind:

- **create** inserts the row and writes its ``create`` audit row (``after``: the values).
- **update** is optimistic: the caller passes the ``version`` it read — from a form, the
  version the form was filled from; from the command line or an internal step, the version
  it has just read in the same transaction.  The version is required: ``None`` is a
  programming error and is refused before anything is written.  The statement is
  ``UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`` and its row count is
  checked: a stored version other than the one read, or 0 rows updated, is a stale version —
  StaleVersionError (a ConflictError) naming the kind and the record, and nothing is
  written.  The audit row holds the changed fields only (before → after).
- **delete** removes the row with the same version condition and writes the ``delete``
  audit row (``before``: what was removed).

Services keep their domain rules (validation, scope, chain rules) and call these functions;
bulk writers (import, demo, undo) write their audit rows with :func:`audit.record_many`.
"""

from db.models import now
from gjz_registry.errors import StaleVersionError
from gjz_registry.services import audit

STALE = (
    "{kind}「{name}」已被他人修改（当前版本 {current}，您编辑的是版本 {version}），"
    "请刷新后重新修改"
)
STALE_NOW = "{kind}「{name}」已被他人修改，请刷新后重新修改"


def stale(kind, name, version, current=None):
    """The refusal of a write from a stale ``version`` of the ``kind`` record ``name``."""
    template = STALE_NOW if current is None else STALE
    return StaleVersionError(
        template.format(kind=kind, name=name, current=current, version=version),
        kind=kind,
        version=version,
        current=current,
    )


def require_version(version):
    """Refuse a missing (or non-integer) version: every update states the version it read."""
    if isinstance(version, bool) or not isinstance(version, int):
        raise TypeError(
            f"an update must pass the version it read (an int), not {version!r}: "
            "a form passes its record's version, the command line reads it first"
        )
    return version


def create(actor, model, entity, values, batch=None, logged=None, action="create"):
    """Insert a ``model`` row from ``values``; audit row ``action`` on ``entity`` with
    ``logged`` (default: the values) as ``after``.  Returns the row."""
    row = model.create(**values)
    audit.record(actor, action, entity, row.id, None, values if logged is None else logged, batch)
    return row


def update(
    actor,
    row,
    entity,
    kind,
    values,
    version,
    name=None,
    batch=None,
    action="update",
    snapshot=None,
    logged=None,
    stamp=None,
):
    """Write ``values`` to the stored ``row`` if it is still at ``version``; return the
    audited (before, after) dicts.

    ``entity``: the audit entity; ``kind``/``name``: how a stale refusal names the record
    (default name: ``row.name``).  The audit row holds the fields that changed, taken from
    ``snapshot(row)`` before and after when given, else from ``values`` and the row's stored
    values; ``logged``, a (before, after) pair, replaces them for an action that records its
    own story (a revocation, a password change that must not log the hash).  ``row`` is
    updated in place (its values and version); ``stamp``: its new ``updated_at`` (default
    now; an import stamps its batch's time).
    """
    require_version(version)
    model = type(row)
    label = getattr(row, "name", None) if name is None else name
    if row.version != version:
        raise stale(kind, label, version, row.version)
    if logged is None:
        old = snapshot(row) if snapshot else {f: row.__data__.get(f) for f in values}
    stamp = stamp or now()
    count = (
        model.update(**values, updated_at=stamp, version=version + 1)
        .where((model.id == row.id) & (model.version == version))
        .execute()
    )
    if count != 1:
        raise stale(kind, label, version)
    for field, value in values.items():
        setattr(row, field, value)
    row.updated_at, row.version = stamp, version + 1
    if logged is None:
        new = (
            snapshot(model.get_by_id(row.id))
            if snapshot
            else {f: row.__data__.get(f) for f in values}
        )
        logged = audit.diff(old, new)
    audit.record(actor, action, entity, row.id, *logged, batch)
    return logged


def delete(actor, row, entity, kind, before, version, name=None, batch=None, action="delete"):
    """Delete the stored ``row`` if it is still at ``version``; audit row ``action`` with
    ``before`` (what was removed).  A stale version is refused as in :func:`update`."""
    require_version(version)
    model = type(row)
    label = getattr(row, "name", None) if name is None else name
    if row.version != version:
        raise stale(kind, label, version, row.version)
    count = model.delete().where((model.id == row.id) & (model.version == version)).execute()
    if count != 1:
        raise stale(kind, label, version)
    audit.record(actor, action, entity, row.id, before, None, batch)
