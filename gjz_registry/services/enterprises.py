"""Enterprise records: create, read, update with optimistic locking, deactivate, list, search.

Every write checks the actor's scope, runs in one transaction with its audit row and keeps the
search index in step.  Stage and carrier are not edited here: they follow the open residency
and change only through the incubation service.
"""

import datetime

from peewee import JOIN, fn

from db.models import Carrier, Enterprise, Industry, Qualification, Street
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import DuplicateError, InvalidValueError, NotFoundError
from gjz_registry.fields import ENTERPRISE as SPEC
from gjz_registry.services import audit, paging, search, writes
from gjz_registry.services.base import Page, get_or_404, scope_refusal
from gjz_registry.services.records import (
    FieldRules,
    RecordService,
    record_class,
    snapshot,
    spec_values,
)
from gjz_registry.services.validity import valid_on

EnterpriseRecord = record_class(
    "EnterpriseRecord",
    SPEC,
    extra=(
        ("carrier_id", int, None),
        ("version", int, 1),
        ("created_at", datetime.datetime, None),
        ("updated_at", datetime.datetime, None),
    ),
)

# Editable fields: code name → (Chinese label, kind), in the form's order (from the spec).
FIELDS = {f.code: (f.label, f.kind) for f in SPEC.editable}
RULES = FieldRules(SPEC)

_SORTS = {
    "name": Enterprise.name_pinyin,
    "credit_code": Enterprise.credit_code,
    "street": Street.sort_order,
    "industry": Enterprise.industry,
    "stage": Enterprise.stage,
    "founded_on": Enterprise.founded_on,
    "updated_at": Enterprise.updated_at,
    "status": Enterprise.status,
}


class EnterpriseService(RecordService):
    """Enterprise records, within the actor's scope."""

    rules = RULES

    # --- validation --------------------------------------------------------------------
    def _more_checks(self):
        reference = self.registry.reference
        return {
            "industry": reference.industry_id,
            "money": v.validate_money,
            "count": v.validate_count,
        }

    @staticmethod
    def _check_staff(employees, rd_staff):
        if employees is not None and rd_staff is not None and rd_staff > employees:
            rd, all_staff = FIELDS["rd_staff"][0], FIELDS["employees"][0]
            raise InvalidValueError(
                f"「{rd}」({rd_staff}) 不能多于「{all_staff}」({employees})", field="rd_staff"
            )

    def _check_unique(self, credit_code, exclude_id=None):
        query = Enterprise.select(Enterprise.id, Enterprise.name, Enterprise.street).where(
            Enterprise.credit_code == credit_code
        )
        if exclude_id is not None:
            query = query.where(Enterprise.id != exclude_id)
        other = query.first()
        if other is None:
            return
        if not self.sees(other.street_id):
            raise DuplicateError(scope_refusal("信用代码", self.actor.street))
        raise DuplicateError(
            f"统一社会信用代码 {credit_code} 已登记为「{other.name}」（编号 {other.id}）",
            existing_id=other.id,
        )

    # --- writes ------------------------------------------------------------------------
    def create(self, data, batch=None):
        """Create an enterprise; return its EnterpriseRecord.

        Raises InvalidValueError, DuplicateError (credit code taken), PermissionDeniedError.
        """
        values = self._new_values(data)
        self._check_staff(values.get("employees"), values.get("rd_staff"))
        values.setdefault("status", ref.STATUS_ACTIVE)
        values["name_pinyin"], values["name_initials"] = search.pinyin_keys(values["name"])
        with self.atomic():
            self._check_unique(values["credit_code"])
            row = Enterprise(**values)  # the audit row holds the snapshot, not the raw values
            row = writes.create(
                self.actor, Enterprise, "enterprise", values, batch, logged=_snapshot(row)
            )
            search.index_rows(self.db, [(row.id, row.name, row.name_pinyin, row.name_initials)])
        return self.get(row.id)

    def update(self, enterprise_id, changes, version, batch=None):
        """Apply ``changes`` if the record is still at ``version``; return the new record.

        Raises StaleVersionError when someone saved first, plus the errors of :meth:`create`.
        """
        writes.require_version(version)
        self.require_login()
        with self.atomic():
            row, values = self._row_to_update(Enterprise, enterprise_id, "企业", changes, version)
            self._check_staff(
                values.get("employees", row.employees), values.get("rd_staff", row.rd_staff)
            )
            if "credit_code" in values:
                self._check_unique(values["credit_code"], exclude_id=row.id)
            if "name" in values:
                values["name_pinyin"], values["name_initials"] = search.pinyin_keys(values["name"])
            writes.update(
                self.actor,
                row,
                "enterprise",
                "企业",
                values,
                version,
                batch=batch,
                snapshot=_snapshot,
            )
            if "name" in values:
                search.index_rows(self.db, [(row.id, row.name, row.name_pinyin, row.name_initials)])
        return self.get(row.id)

    def deactivate(self, enterprise_id, status, version, on_date=None, reason=None):
        """Mark an enterprise 迁出 or 注销 (records with history are never deleted) if it is
        still at ``version`` (ConflictError otherwise).

        An open residency is closed the same day with the matching exit reason.
        """
        status = v.validate_choice(status, (ref.STATUS_MOVED_OUT, ref.STATUS_DEREGISTERED), "状态")
        writes.require_version(version)
        self.require_login()
        with self.atomic():
            row = get_or_404(Enterprise, enterprise_id, "企业")
            self.require_write(row.street_id, "企业")
            if row.version != version:
                raise writes.stale("企业", row.name, version, row.version)
            if row.carrier_id is not None:
                # The chain step moves the enterprise's stage and carrier (a version of its own).
                self.registry.incubation.close_open_residency(
                    row, on_date or datetime.date.today(), status, reason
                )
                row = Enterprise.get_by_id(row.id)
            before = _snapshot(row)
            b, a = audit.diff(before, dict(before, status=status))
            if reason:
                a["reason"] = reason
            writes.update(
                self.actor,
                row,
                "enterprise",
                "企业",
                {"status": status},
                row.version,
                action="deactivate",
                logged=(b, a),
            )
        return self.get(row.id)

    # --- reads -------------------------------------------------------------------------
    def _base_query(self):
        return (
            Enterprise.select(
                Enterprise,
                Street.name.alias("street_name"),
                Industry.name.alias("industry_name"),
                Carrier.name.alias("carrier_name"),
            )
            .join(Street, on=(Enterprise.street == Street.id))
            .switch(Enterprise)
            .join(Industry, JOIN.LEFT_OUTER, on=(Enterprise.industry == Industry.id))
            .switch(Enterprise)
            .join(Carrier, JOIN.LEFT_OUTER, on=(Enterprise.carrier == Carrier.id))
        )

    def get(self, enterprise_id, kind="企业"):
        """The EnterpriseRecord with this id; NotFoundError / PermissionDeniedError (naming
        ``kind``, how the caller named the enterprise: 企业, or 信用代码)."""
        self.require_login()
        row = self._base_query().where(Enterprise.id == enterprise_id).dicts().first()
        if row is None:
            raise NotFoundError(f"企业不存在（编号 {enterprise_id}）")
        self.require_visible(row["street"], kind)
        return _record(row)

    def names(self, ids):
        """{id: name} of the enterprises among ``ids`` that the actor may see (others are
        left out), in one query per 500 ids — for showing ids by name (the audit log)."""
        ids = sorted({i for i in ids if isinstance(i, int)})
        found = {}
        for start in range(0, len(ids), 500):
            query = Enterprise.select(Enterprise.id, Enterprise.name).where(
                Enterprise.id.in_(ids[start : start + 500])
            )
            found.update(self.scope(query, Enterprise.street).tuples())
        return found

    def get_by_code(self, credit_code):
        """The record with this credit code (normalised first)."""
        code = v.validate_credit_code(credit_code)
        row = Enterprise.get_or_none(Enterprise.credit_code == code)
        if row is None:
            raise NotFoundError(f"统一社会信用代码为 {code} 的企业未登记")
        return self.get(row.id, "信用代码")

    def find_by_code(self, credit_code):
        """Like get_by_code but returns None when absent (no validation message)."""
        try:
            return self.get_by_code(credit_code)
        except (NotFoundError, InvalidValueError):
            return None

    def list(
        self,
        *,
        text=None,
        order_by="name",
        offset=0,
        limit=100,
        after=None,
        before=None,
        total=None,
        **filters,
    ):
        """A Page of EnterpriseRecord matching the filters, within the actor's scope.

        ``filters`` are those of :meth:`_filtered` (street, industry, stage, qualification,
        status, carrier, as_of): ``qualification`` keeps enterprises holding a valid
        qualification of that kind on ``as_of`` (today); ``stage`` may be '未入驻' for
        enterprises outside the chain.  ``text`` narrows to search matches (at most 1000, best
        first when no order given).  ``after`` / ``before``: the ``last_key`` / ``first_key``
        of a page already shown — the page after or before it is found by seeking the sort
        index (services.paging), as fast at page 5 000 as at page 1; ``offset`` then only
        says which page it is, and ``total`` may repeat the count that page showed (not counted
        again: a million rows take a quarter of a second to count on PostgreSQL).  Without
        them the page is ``offset`` rows in.
        """
        query = self._filtered(Enterprise.select(Enterprise.id), **filters)
        walked = self._filtered(Enterprise.select(Enterprise.id), in_order=True, **filters)
        if text and text.strip():
            ids = search.find_ids(
                self.db,
                text,
                limit=1000,
                street_id=self.actor.street_id if self.actor.scoped else None,
            )
            query = query.where(Enterprise.id.in_(ids or [0]))
            walked = walked.where(Enterprise.id.in_(ids or [0]))
            if order_by in (None, "relevance"):
                rank = {rid: i for i, rid in enumerate(ids)}
                found = sorted((rid for (rid,) in query.tuples()), key=rank.__getitem__)
                return self._page(found[offset : offset + limit], len(found), offset, limit)
        if total is None or (after is None and before is None):
            total = self._total(query, text, filters)
        column, desc = self._sort(order_by)
        if column is Street.sort_order:
            walked = walked.join(Street, on=(Enterprise.street == Street.id))
        keys = walked.select(column, Enterprise.id)
        nulls_first = self.registry.engine.nulls_first
        if after is not None or before is not None:
            back = after is None
            seek = paging.after(
                column, Enterprise.id, before if back else after, desc != back, nulls_first
            )
            keys = keys.where(seek).order_by(*paging.ordering(column, Enterprise.id, desc != back))
            keys = list(keys.limit(limit).tuples())
        else:
            back, skip, count = paging.window(offset, limit, total)
            keys = keys.order_by(*paging.ordering(column, Enterprise.id, desc != back))
            keys = list(keys.offset(skip).limit(count).tuples()) if count else []
        if back:
            keys.reverse()
        return self._page([rid for _, rid in keys], total, offset, limit, keys)

    def _page(self, ids, total, offset, limit, keys=()):
        """The Page of the enterprises ``ids``, in that order."""
        rows = {r["id"]: r for r in self._base_query().where(Enterprise.id.in_(ids)).dicts()}
        ends = (tuple(keys[0]), tuple(keys[-1])) if keys else (None, None)
        return Page([_record(rows[i]) for i in ids], total, offset, limit, *ends)

    def _total(self, query, text, filters):
        """The number of rows of ``query``; when the only filter is a qualification, the
        number of its holders, read from the qualification index alone (at a million
        enterprises a count through the enterprise table reads 48 000 of its rows)."""
        named = {k for k, v in filters.items() if v}
        if named and named <= {"qualification", "as_of"} and not text and not self.actor.scoped:
            holders = self._holders(filters["qualification"], filters.get("as_of"))
            return holders.select(fn.COUNT(fn.DISTINCT(Qualification.enterprise))).scalar()
        return query.count()

    @staticmethod
    def _holders(kind, as_of=None):
        """Ids of the holders of a valid ``kind`` on ``as_of`` (today)."""
        day = as_of or datetime.date.today()
        return Qualification.select(Qualification.enterprise).where(valid_on(kind, day))

    def count(self, **filters):
        """Number of enterprises matching the filters of :meth:`list`."""
        return self._filtered(Enterprise.select(Enterprise.id), **filters).count()

    def _filtered(
        self,
        query=None,
        street=None,
        industry=None,
        stage=None,
        qualification=None,
        status=None,
        carrier=None,
        as_of=None,
        in_order=False,
        **by_field,
    ):
        """The query of the enterprises matching the filters, within the actor's scope (the
        filters of :meth:`list`, :meth:`count` and the enterprise export).  ``by_field``:
        values of the fields the spec marks as list filters ({code: value}).  ``query``: a select
        from Enterprise to narrow (the records with their names by default); the filters need
        no join."""
        reference = self.registry.reference
        query = self.scope(self._base_query() if query is None else query, Enterprise.street)
        if street:
            query = query.where(Enterprise.street == reference.street_id(street))
        if industry:
            query = query.where(Enterprise.industry == reference.industry_id(industry))
        if stage == "未入驻":
            query = query.where(Enterprise.stage.is_null())
        elif stage:
            query = query.where(
                Enterprise.stage == v.validate_choice(stage, ref.STAGES, "孵化阶段")
            )
        if status:
            query = query.where(Enterprise.status == status)
        for code, value in by_field.items():
            field = SPEC[code] if code in SPEC else None
            if field is None or not field.filter:
                raise TypeError(f"unknown enterprise filter: {code}")
            if value:
                value = v.validate_choice(
                    field.choices.get(value, value), field.vocabulary, field.label
                )
                query = query.where(getattr(Enterprise, code) == value)
        if isinstance(carrier, int):
            query = query.where(Enterprise.carrier == carrier)
        elif carrier:
            named = Carrier.select(Carrier.id).where(Carrier.name == v.clean_name(carrier))
            query = query.where(Enterprise.carrier.in_(named))
        if qualification:
            # in_order: the rows are read in the list's order (its sort index), each checked
            # against the holders gathered once — not found holder by holder and sorted, which
            # reads tens of thousands of rows for a page of 100 (``id + 0`` is not the key)
            holder = (Enterprise.id + 0) if in_order else Enterprise.id
            query = query.where(holder.in_(self._holders(qualification, as_of)))
        return query

    @staticmethod
    def _sort(order_by):
        """(column, descending?) of a list order such as "name" or "-founded_on"."""
        order_by = order_by or "name"
        return _SORTS.get(order_by.lstrip("-"), Enterprise.name_pinyin), order_by.startswith("-")

    def search(self, text, limit=50):
        """Best matches for ``text`` (name, pinyin, initials, credit-code prefix), in order."""
        self.require_login()
        street_id = self.actor.street_id if self.actor.scoped else None
        ids = search.find_ids(self.db, text, limit=limit, street_id=street_id)
        if not ids:
            return []
        rows = {r["id"]: r for r in self._base_query().where(Enterprise.id.in_(ids)).dicts()}
        return [_record(rows[i]) for i in ids if i in rows]

    def audit_trail(self, enterprise_id):
        """The audit entries of this enterprise, newest first."""
        self.get(enterprise_id)
        return audit.entries_for("enterprise", enterprise_id)


def _snapshot(row):
    return snapshot(SPEC, row)


def _record(row):
    return EnterpriseRecord(
        id=row["id"],
        **spec_values(SPEC, row),
        carrier_id=row["carrier"],
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
