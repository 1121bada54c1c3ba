"""What one import run shares between the importer and the writer of each sheet kind."""

import dataclasses

from gjz_registry.errors import InvalidValueError, PermissionDeniedError
from gjz_registry.exchange.changes import Describer
from gjz_registry.services import writes
from gjz_registry.services.base import RegistryBound

SKIP, UPDATE, FILL = "skip", "update", "fill"
CONFLICT_POLICIES = (SKIP, UPDATE, FILL)
CONFLICT_NAMES = {SKIP: "跳过", UPDATE: "更新", FILL: "只填空白字段"}
# How much of an existing record each rule may write: nothing, blank fields, every field.
# A preview compared under no rule yet (None) shows every difference, as 更新 would write.
# How a stale-version refusal names the record an import updates (see services/writes.py).
KINDS = {
    "enterprise": "企业",
    "carrier": "载体",
    "qualification": "资质",
    "annual_report": "年度数据",
    "carrier_year": "载体年度运营",
}

_REACH = {SKIP: 0, FILL: 1, UPDATE: 2, None: 2}


@dataclasses.dataclass
class Counts:
    """Rows read and what became of them (every read row lands in exactly one bucket)."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0


def default_policy(actor):
    """The conflict rule offered before anyone chooses: 只填空白 (``fill``) for a street user;
    None for an administrator, who chooses explicitly (a front end without a choice, such as
    the command line, keeps its own documented default)."""
    return FILL if actor.scoped else None


def writes_within(on_conflict, shown):
    """True when everything ``on_conflict`` would write into existing records is among the
    changes a comparison under ``shown`` listed (``fill`` ⊆ ``update``; None: every
    difference)."""
    return _REACH[on_conflict] <= _REACH[shown]


def changed_fields(current, incoming, on_conflict):
    """The fields to write into an existing record: ``incoming`` values that differ from
    ``current`` (a dict of the record's fields).  A blank cell never clears a value; with
    ``fill`` only fields that are empty in the record are written; with ``skip`` nothing.
    None (no rule chosen yet) gives every difference, as ``update`` would write."""
    if on_conflict == SKIP:
        return {}
    result = {}
    for field, value in incoming.items():
        if value is None:
            continue
        old = current.get(field)
        if on_conflict == FILL and old not in (None, ""):
            continue
        if old != value:
            result[field] = value
    return result


def check_policy(on_conflict):
    if on_conflict not in CONFLICT_POLICIES:
        raise InvalidValueError(
            f"「已存在时」应为 {'、'.join(CONFLICT_POLICIES)} 之一，实为「{on_conflict}」"
        )
    return on_conflict


class ImportContext(RegistryBound):
    """The registry acting (``registry``, ``actor``, ``db``), the batch, the conflict policy,
    the time stamp, the counts and, for sheet kind ``kind``, the changes made to existing
    records (``changed_rows``: RowChanges, in the order written)."""

    def __init__(self, registry, batch_id, on_conflict, now, total=0, kind=None):
        super().__init__(registry)
        self.batch_id = batch_id
        # the import runs inside a transaction its caller began (its atomic() a savepoint)
        self.in_callers_transaction = False
        self.on_conflict = check_policy(on_conflict)
        self.now = now
        self.total = total  # data rows in the sheet
        self.counts = Counts()
        self.changed_rows = []
        self.describer = Describer(kind) if kind else None

    def permission_problem(self, street_id, kind):
        """The service's refusal when the actor may not change a stored record of
        ``street_id`` (``kind``: what the row names it by, e.g. 信用代码 — never its name)."""
        return refusal(self.registry.enterprises.require_write, street_id, kind)

    def placement_problem(self, street_id):
        """The service's refusal when the actor may not put a record in ``street_id``."""
        return refusal(self.registry.enterprises.require_street, street_id)

    def holder_name(self, street_id, name):
        """How a row's refusal names the record holding a unique value (see Service)."""
        return self.registry.enterprises.holder_name(street_id, name)

    def update_record(self, model, entity, current, changes, row_number=None, record=None):
        """Write ``changes`` into the existing record ``current`` (a dict of its fields) with
        a new version, and its audit row.  The audit ``before`` also keeps the old version
        and ``updated_at``, so undoing the batch restores the record exactly.  With the sheet
        ``row_number`` the changes are listed in ``changed_rows`` (``record``: how the row
        names the record; its registered name by default)."""
        if row_number is not None and self.describer is not None:
            name = record or current.get("name") or ""
            row = self.describer.row(row_number, name, model, current, changes)
            if row is not None:
                self.changed_rows.append(row)
        before = {field: current[field] for field in changes}
        before.update(version=current["version"], updated_at=current["updated_at"])
        after = dict(changes, version=current["version"] + 1)
        writes.update(
            self.actor,
            model(id=current["id"], version=current["version"]),
            entity,
            KINDS.get(entity, "记录"),
            changes,
            current["version"],
            name=record or current.get("name") or current["id"],
            batch=self.batch_id,
            logged=(before, after),
            stamp=self.now,
        )

    def changes(self, current, incoming):
        """The fields to write into an existing record under this import's rule (see
        :func:`changed_fields`)."""
        return changed_fields(current, incoming, self.on_conflict)


def refusal(check, *args):
    """The message of the PermissionDeniedError ``check(*args)`` raises, or None."""
    try:
        check(*args)
    except PermissionDeniedError as exc:
        return str(exc)
    return None
