"""Importing the enterprise sheet (企业信息): the bulk path.

Rows arrive converted and field-checked (:mod:`rows`, with EnterpriseService's own field
rules).  Per chunk this module checks what needs the database or the whole file — duplicate
credit codes and certificate numbers within the file, records that already exist (one query
per chunk), the actor's street, 研发人员 ≤ 从业人员, the admission rules of the incubation
service for 孵化阶段/入驻载体/入驻日期, the qualification rules for the certificate columns —
and then writes: new enterprises, their qualifications and residencies with one prepared
INSERT per table (:mod:`bulk`), existing ones through per-record updates.  Every changed
record gets one audit row carrying the batch id.
"""

import operator
import types

from peewee import SQL

from db.models import Enterprise
from gjz_registry import reference as ref
from gjz_registry.errors import RegistryError
from gjz_registry.exchange import bulk
from gjz_registry.exchange.context import SKIP
from gjz_registry.exchange.enterprise_rows import Admissions, Holder, Qualifications
from gjz_registry.exchange.pinyin import PinyinKeys
from gjz_registry.exchange.rows import field_cleaner
from gjz_registry.fields import ENTERPRISE as SPEC
from gjz_registry.fields import TEXT_KINDS
from gjz_registry.services import search
from gjz_registry.services.enterprises import EnterpriseService

# Validated in cells by the very same validator (validate_credit_code / validate_phone).
_SAME_RULE_IN_CELLS = ("credit_code", "contact_phone")
# The editable fields of the spec (gjz_registry.fields) that the sheet has.
SHEET_FIELDS = tuple(f.code for f in SPEC.editable if f.sheet)
# Fields an import writes into an existing record (the code identifies it).
UPDATABLE = tuple(f for f in SHEET_FIELDS if f != "credit_code")
_CODES = SPEC.codes
INSERT_FIELDS = ("id", *_CODES, "name_pinyin", "name_initials")
INSERT_FIELDS += ("created_at", "updated_at", "version")
_INSERT_COLUMNS = bulk.table_columns(Enterprise, " ".join(INSERT_FIELDS))
_AT = {field: at for at, field in enumerate(INSERT_FIELDS)}  # field → place in an INSERT row
# Fields whose values are stored in another form (dates, Decimals: bulk.db_value).
_CONVERTED = tuple(f.code for f in SPEC.fields if f.kind in ("date", "money", "area"))
_CONVERTED_AT = tuple(_AT[code] for code in _CONVERTED)
# the fields a new record gets from the import rather than from its row
_STREET, _STATUS, _STAGE, _CARRIER = (_AT[f] for f in ("street", "status", "stage", "carrier"))
# an INSERT row → its search index row (id, name, pinyin, initials)
_INDEX_ROW = operator.itemgetter(*(_AT[f] for f in ("id", "name", "name_pinyin", "name_initials")))
_AUDITED = {f: Enterprise._meta.fields[f].column_name for f in SPEC.codes}
_AUDITED["version"] = "version"
# New records' search rows are written this many at a time: PostgreSQL's GIN index on the
# gram table took 4.7 s of the server for 50 000 rows COPYed 500 at a time, 4.0 s 10 000 at a
# time (and the rows' grams are made in fewer, larger batches)
INDEX_BATCH = 10_000
# Checked together, once per row (their values are nearly all different).
ROW_FIELDS = tuple(f for f in SHEET_FIELDS if SPEC[f].kind in TEXT_KINDS)


def updatable(index_of):
    """The fields an import may write into a registered enterprise, of the mapped columns
    (``index_of``: {column code: index})."""
    return [f for f in UPDATABLE if f in index_of]


def registered(db, codes):
    """{credit code: field dict} of the registered enterprises among ``codes``: a bare query
    first (into an empty registry it finds nothing), the full records only for hits."""
    if not codes:
        return {}
    marks = ", ".join([db.param] * len(codes))
    query = f"SELECT credit_code FROM enterprise WHERE credit_code IN ({marks})"
    found = [code for (code,) in db.execute_sql(query, list(codes))]
    if not found:
        return {}
    # a plain IN (?, ?, …): peewee builds one node per value of an in_() list, slowly
    marks = ", ".join([db.param] * len(found))
    query = Enterprise.select().where(SQL(f"credit_code IN ({marks})", found))
    return {r["credit_code"]: r for r in query.dicts()}


def converter_options(registry):
    """The enterprise sheet's field rules for rows.RowConverter: EnterpriseService.clean,
    per column for values that repeat, per row for those that hardly do (TEXT fields)."""
    clean = registry.enterprises.clean
    cleaners = {
        field: field_cleaner(clean, field)
        for field in SHEET_FIELDS
        if field not in _SAME_RULE_IN_CELLS
    }
    cleaners.update(Admissions.cleaners(registry))
    return {
        "cleaners": cleaners,
        "row_clean": clean,
        "row_fields": ROW_FIELDS,
        "column_clean": registry.enterprises.clean_column,
    }


class EnterpriseWriter:
    """Writes the rows of an enterprise sheet, chunk by chunk, inside the import's
    transaction; :meth:`finish` writes the audit rows of the created records."""

    def __init__(self, ctx, converter):
        self.ctx = ctx
        self.index_of = converter.index_of
        self.present = updatable(converter.index_of)
        self.seen = {}
        self.ids = bulk.IdAllocator(ctx.db, Enterprise)
        self.now = bulk.db_value(ctx.now)  # created_at, updated_at of the new records
        self.pinyin = PinyinKeys()
        self.placement = {}  # street id → the actor's refusal to put a record there, or None
        self.admissions = Admissions(ctx, converter.index_of)
        self.qualifications = Qualifications(ctx, converter.index_of)
        # new names go into the trigram index by one INSERT … SELECT in finish(), not one
        # trigger call per row: FTS5 writes its pending index data at the end of every
        # statement (the trigger is restored there; a failed import rolls the drop back)
        self.trigram = bulk.SuspendedTrigger(ctx.db, search.TRIGRAM_TRIGGER)
        self.indexes = (
            bulk.SuspendedIndexes(ctx.db, Enterprise)
            if bulk.worth_suspending(ctx.db, Enterprise, ctx.total)
            else None
        )
        self.behind = bulk.write_behind(ctx.db, apart=not ctx.in_callers_transaction)
        self.derived_from = self.ids.first  # the first new record without its derived rows
        self.unindexed = []  # search rows of new records not yet written (INDEX_BATCH)
        self.ahead = None  # the next chunk's lookups, asked ahead of this chunk's writes
        self.updated = False  # lookups asked ahead would miss changes of registered records

    def column(self, code):
        return self.index_of.get(code)

    # --- per chunk -----------------------------------------------------------------------
    def write(self, rows, upcoming=None):
        """Check and write ``rows`` (a chunk); ``upcoming``: the next chunk's rows, converted,
        whose lookups may go ahead of this chunk's writes."""
        rows = [row for row in rows if row.ok]
        self._drop_duplicates(rows)
        if self.ahead is not None:
            # asked before the last chunk's writes: what they added, Qualifications knows;
            # new records are all they wrote
            existing, known = self.ahead()
        else:
            self.behind.wait()  # then asked in line: the answer sees every write so far
            existing, known = self._lookups(rows)()
        # lookups asked ahead miss the changes this chunk makes to registered records: those
        # of the next chunk, asked behind this chunk's writes — or every later one, asked of
        # the database as it was before the import (db/writebehind.py, reads_apart); the
        # next chunk then waits for the writes and looks up in line
        self.updated = bool(existing) or (self.updated and self.behind.reads_apart)
        self.ahead = self._ask(upcoming) if upcoming and not self.updated else None
        if existing:
            self.behind.wait()  # registered records are changed here, in line, in order
        self.qualifications.use(known)
        self.existing_quals = []  # (enterprise id, certificate) of registered enterprises
        inserts, index = [], []
        for row in rows:
            if not row.ok:
                continue
            current = existing.get(row.values["credit_code"]) if existing else None
            if current is None:
                record = self._new(row)
                if record is not None:
                    inserts.append(record)
            elif self.ctx.on_conflict == SKIP:
                self.ctx.counts.skipped += 1
            else:
                self._existing(row, current, index)
        db = self.ctx.db
        written = [self.admissions.writer(), self.qualifications.writer()]
        self.unindexed += map(_INDEX_ROW, inserts)
        if len(self.unindexed) >= INDEX_BATCH:
            written.append(self._index_new())

        def write_new():
            bulk.insert_rows(db, Enterprise, _INSERT_COLUMNS, inserts)
            for write in written:
                write()

        if not (self.existing_quals or index):
            # only new records: written while the next chunk is converted (on a server)
            self.behind.submit(write_new)
            return
        write_new()
        for enterprise_id, qual in self.existing_quals:
            self.qualifications.add_to_existing(enterprise_id, qual)
        self.existing_quals = []
        search.index_rows(db, index)

    def _ask(self, rows):
        """The lookups of ``rows``, asked ahead (db/writebehind.Behind.ask); returns the
        function that waits for the answer."""
        return self.behind.ask(self._lookups(rows))

    def _lookups(self, rows):
        """The lookups of ``rows`` (a function): {credit code: record} of the registered
        enterprises and {(kind, number): Holder} of the certificate numbers recorded."""
        # a code repeated in the file is refused (_drop_duplicates), so none of these is a
        # record this import wrote: into a table empty when the import began (which holds
        # the table's write lock), there is nothing to look up
        codes = [row.values["credit_code"] for row in rows if row.ok] if self.ids.first > 1 else []
        numbers = self.qualifications.numbers(rows)
        db, qualifications = self.ctx.db, self.qualifications
        return lambda: (registered(db, codes), qualifications.lookup(numbers))

    def _drop_duplicates(self, rows):
        numbers = {row.values["credit_code"]: row.number for row in rows}
        if len(numbers) == len(rows) and self.seen.keys().isdisjoint(numbers):
            self.seen.update(numbers)  # no code twice (nearly every chunk)
            return
        where = self.column("credit_code")
        first_row = self.seen.setdefault
        for row in rows:
            code = row.values["credit_code"]
            first = first_row(code, row.number)
            if first != row.number:
                row.reject(where, f"「统一社会信用代码」{code} 与第 {first} 行重复")

    def _placement_problem(self, street):
        """The actor's refusal to put a record in ``street`` (asked once per street)."""
        try:
            return self.placement[street]
        except KeyError:
            problem = self.placement[street] = self.ctx.placement_problem(street)
            return problem

    # --- new records ---------------------------------------------------------------------
    def _new(self, row):
        """The INSERT row (values in the order of INSERT_FIELDS) of the new enterprise of
        ``row``, its residency and certificates buffered; None when the row is refused."""
        values = row.values
        ctx = self.ctx
        street = values.get("street")
        if street is None:
            if ctx.actor.scoped:
                street = ctx.actor.street_id
            else:
                where = self.column("street")
                row.reject(
                    where if where is not None else self.column("name"), "「所属街道」不能为空"
                )
                return None
        problem = self._placement_problem(street)
        if problem:
            row.reject(self.column("street"), problem)
            return None
        self._check_staff(row, values.get("employees"), values.get("rd_staff"))
        admission = None
        if self.admissions.asked(values):
            enterprise = types.SimpleNamespace(
                id=None,
                name=values["name"],
                status=ref.STATUS_ACTIVE,
                founded_on=values.get("founded_on"),
            )
            admission = self.admissions.plan(row, enterprise)
        quals = self.qualifications.plan(row, None)
        if not row.ok:
            return None
        eid = self.ids.take()
        pinyin, initials = self.pinyin(values["name"])
        stage = carrier = None
        if admission:
            carrier, day, basis = admission
            stage = ref.STAGE_OF_CARRIER_KIND[carrier.kind]
            self.admissions.add(eid, carrier, stage, day, basis)
            carrier = carrier.id
        holder = Holder(eid, values["name"], street)
        for qual in quals:
            self.qualifications.add(eid, qual)
            self.qualifications.held(qual, holder)
        ctx.counts.created += 1
        now = self.now
        # the sheet's columns that are not INSERT_FIELDS are left out
        record = [eid, *map(values.get, _CODES), pinyin, initials, now, now, 1]
        for at in _CONVERTED_AT:
            value = record[at]
            if value is not None:
                record[at] = bulk.db_value(value)
        record[_STREET] = street
        record[_STATUS] = ref.STATUS_ACTIVE
        record[_STAGE] = stage
        record[_CARRIER] = carrier
        return record

    def _check_staff(self, row, employees, rd_staff):
        try:
            EnterpriseService._check_staff(employees, rd_staff)
        except RegistryError as exc:
            row.reject(self.column("rd_staff"), str(exc))

    # --- existing records ------------------------------------------------------------------
    def _existing(self, row, current, index):
        ctx = self.ctx
        values = row.values
        problem = ctx.permission_problem(current["street"], "信用代码")
        if problem:
            row.reject(self.column("street"), problem)
            return
        changes = ctx.changes(current, {f: values.get(f) for f in self.present})
        if "street" in changes:
            problem = ctx.placement_problem(changes["street"])
            if problem:
                row.reject(self.column("street"), problem)
                return
        self._check_staff(
            row,
            changes.get("employees", current["employees"]),
            changes.get("rd_staff", current["rd_staff"]),
        )
        enterprise = types.SimpleNamespace(
            id=current["id"],
            name=current["name"],
            status=current["status"],
            founded_on=changes.get("founded_on", current["founded_on"]),
            carrier_id=current["carrier"],
        )
        admission = self.admissions.plan(row, enterprise)
        quals = self.qualifications.plan(row, current["id"])
        if not row.ok:
            return
        if admission:
            carrier, day, basis = admission
            stage = ref.STAGE_OF_CARRIER_KIND[carrier.kind]
            self.admissions.add(current["id"], carrier, stage, day, basis)
            changes.update(stage=stage, carrier=carrier.id)
        if changes:
            self._update(row, current, changes, index)
        # added after the chunk's new enterprises are written: adding one flushes the buffer,
        # which may hold the certificates of new enterprises of earlier rows of this chunk
        self.existing_quals += [(current["id"], qual) for qual in quals]
        holder = Holder(
            current["id"],
            changes.get("name", current["name"]),
            changes.get("street", current["street"]),
        )
        for qual in quals:
            self.qualifications.held(qual, holder)
        if changes or quals:
            ctx.counts.updated += 1
        else:
            ctx.counts.unchanged += 1

    def _update(self, row, current, changes, index):
        if "name" in changes:
            changes["name_pinyin"], changes["name_initials"] = self.pinyin(changes["name"])
            index.append(
                (current["id"], changes["name"], changes["name_pinyin"], changes["name_initials"])
            )
        self.ctx.update_record(Enterprise, "enterprise", current, changes, row.number)

    def _index_new(self):
        """The writing of the search rows of the new records not yet indexed, then their
        trigram index rows and audit rows (a function, which may run behind); the tokens
        are made here, on this thread."""
        db, rows = self.ctx.db, self.unindexed
        self.unindexed = []
        index = search.new_index_writer(db, rows)
        ids = range(self.derived_from, self.ids.next)
        self.derived_from = self.ids.next

        def write():
            index(db)
            self._derive(ids)

        return write

    def _derive(self, ids):
        """The rows made from new records ``ids`` (a range) by one statement each: their
        trigram index rows (while its trigger is suspended) and their audit rows."""
        ctx = self.ctx
        if self.trigram.active:
            search.index_trigram(ctx.db, ids)
        bulk.audit_created(
            ctx.db, ctx.actor, ctx.batch_id, "enterprise", Enterprise, ids, _AUDITED, ctx.now
        )

    # --- end -------------------------------------------------------------------------------
    def close(self, failure):
        """Stop the chunk writes still running behind, on the way out of an import that
        failed with ``failure``; return the error to report (db/writebehind.Behind.close:
        the worker's when it came first)."""
        return self.behind.close(failure)

    def finish(self):
        """The search, trigram and audit rows of the last new records; the trigram trigger
        and the suspended indexes back in place."""
        self.behind.close()
        self._index_new()()
        self.trigram.restore()
        if self.indexes is not None:
            self.indexes.restore()
        self.admissions.finish()
        self.qualifications.finish()
