"""The chain and certificate columns of the enterprise sheet.

孵化阶段/入驻载体/入驻日期 admit the enterprise into the named carrier under the incubation
service's rules (``IncubationService._check_entry``: status, carrier in operation, not before
founding, the 24-month rule for incubators) plus admit's own checks for an enterprise already
registered (one open residency at a time, not before the last departure).  The certificate
columns become Qualification rows under ``clean_qualification``; a newer certificate of an
existing enterprise supersedes the older ones through ``QualificationService._supersede_older``.
New residencies and qualifications are buffered and written in bulk (:mod:`bulk`).
"""

import copy
from typing import NamedTuple

from db.models import Carrier, Qualification, Residency
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError, NotFoundError, RegistryError
from gjz_registry.exchange import bulk
from gjz_registry.exchange import columns as cols
from gjz_registry.services.incubation import IncubationService
from gjz_registry.services.qualifications import clean_qualification

_RESIDENCY_FIELDS = "id enterprise carrier stage entered_on basis created_at updated_at version"
_RESIDENCY_COLUMNS = bulk.table_columns(Residency, _RESIDENCY_FIELDS)
_RESIDENCY_AUDIT = {
    "enterprise": "enterprise_id",
    "carrier": "carrier_id",
    "stage": "stage",
    "entered_on": "entered_on",
    "basis": "basis",
    "area_m2": "area_m2",
}
_QUAL_FIELDS = "id enterprise kind number granted_on expires_on year created_at updated_at version"
_QUAL_COLUMNS = bulk.table_columns(Qualification, _QUAL_FIELDS)
_QUAL_AUDIT = {
    "kind": "kind",
    "number": "number",
    "granted_on": "granted_on",
    "year": "year",
    "expires_on": "expires_on",
    "enterprise": "enterprise_id",
}


class _CarrierNames:
    """The cleaner of 入驻载体: the carrier registered under a cell's name (``clean_name``:
    the registered brackets), or NotFoundError.  The carriers are read in one query when the
    cleaner is made (before the import writes anything: a name first met in a later chunk
    would otherwise be looked up on the import's connection while its writes run behind,
    db/writebehind.py): a sheet names a few hundred carriers, and one query per name cost
    ~1 ms (119 names of the bench's 50 000 rows: ~0.1 s of the import)."""

    def __init__(self):
        self.by_name = {carrier.name: carrier for carrier in Carrier.select()}

    def __call__(self, name):
        row = self.by_name.get(v.clean_name(name))
        if row is None:
            raise NotFoundError(f"「入驻载体」「{name}」未登记，请先登记或导入该载体")
        return row


class CertificateColumns(NamedTuple):
    """The sheet's columns (codes) of one kind of certificate."""

    kind: str
    number: str
    date: str = None
    year: str = None

    def codes(self):
        return (self.number, self.date, self.year)


class Holder(NamedTuple):
    """Who holds a certificate number already recorded."""

    enterprise_id: int
    name: str
    street_id: int


class _Buffered:
    """New rows of one table (``model``; ``entity`` in the audit log) planned from the sheet's
    columns (``index_of``: {column code: index}, for rejections): buffered as tuples in the
    order of ``columns``, bulk-inserted by :meth:`flush` and audited as created by the batch
    (``audited``: {audit key: column}) at :meth:`finish`."""

    model = columns = entity = audited = None

    def __init__(self, ctx, index_of):
        self.ctx = ctx
        self.index_of = index_of
        self.ids = bulk.IdAllocator(ctx.db, self.model)
        self.buffer = []

    def flush(self):
        self.writer()()

    def writer(self):
        """A function that writes the rows buffered so far (the buffer starts afresh): for a
        chunk's writes that may run behind (db/writebehind.py)."""
        db, model, columns, rows = self.ctx.db, self.model, self.columns, self.buffer
        self.buffer = []
        return lambda: bulk.insert_rows(db, model, columns, rows)

    def finish(self):
        self.flush()
        ctx = self.ctx
        bulk.audit_created(
            ctx.db,
            ctx.actor,
            ctx.batch_id,
            self.entity,
            self.model,
            self.ids.taken,
            self.audited,
            ctx.now,
        )


class Admissions(_Buffered):
    """Plans and buffers the residencies the sheet asks for."""

    model = Residency
    columns = _RESIDENCY_COLUMNS
    entity = "residency"
    audited = _RESIDENCY_AUDIT

    @staticmethod
    def cleaners(registry):
        return {
            "carrier": _CarrierNames(),
            "entered_on": lambda day: IncubationService._date(day, "入驻日期"),
        }

    def __init__(self, ctx, index_of):
        super().__init__(ctx, index_of)
        # The rules come from a setting: read them once for the whole import.
        self.incubation = copy.copy(ctx.registry.incubation)
        rules = self.incubation.rules()
        self.incubation.rules = lambda: rules

    def _col(self, *codes):
        for code in codes:
            if code in self.index_of:
                return self.index_of[code]
        return None

    @staticmethod
    def asked(values):
        """False when a row's ``values`` fill none of 入驻载体/孵化阶段/入驻日期: then
        :meth:`plan` has nothing to check and returns None."""
        get = values.get
        return (
            get("carrier") is not None or get("stage") is not None or get("entered_on") is not None
        )

    def plan(self, row, enterprise):
        """(carrier, day, basis) to admit ``enterprise`` (an object with id, name, status,
        founded_on and, when registered, carrier_id), or None; problems go to ``row``."""
        values = row.values
        if not self.asked(values):
            return None
        carrier, stage, day = values.get("carrier"), values.get("stage"), values.get("entered_on")
        if carrier is None:
            if stage is not None or day is not None:
                row.reject(
                    self._col("carrier", "stage", "entered_on"),
                    "「入驻载体」不能为空：填写了「孵化阶段」或「入驻日期」时须填写入驻载体",
                )
            return None
        expected = ref.STAGE_OF_CARRIER_KIND[carrier.kind]
        if stage is not None and stage != expected:
            row.reject(
                self._col("stage"),
                f"「孵化阶段」「{stage}」与载体「{carrier.name}」不符：{carrier.kind}"
                f"对应的阶段是「{expected}」",
            )
        if day is None:
            row.reject(
                self._col("entered_on", "carrier"),
                "「入驻日期」不能为空：填写了「入驻载体」时须填写入驻日期",
            )
            return None
        if enterprise.id is not None and not self._free(row, enterprise, carrier, day):
            return None
        if not row.ok:
            return None
        try:
            basis = self.incubation._check_entry(enterprise, carrier, day, None)
        except RegistryError as exc:
            row.reject(self._col("entered_on"), str(exc))
            return None
        return carrier, day, basis

    def _free(self, row, enterprise, carrier, day):
        """admit's own checks for a registered enterprise; False when nothing is to be done
        (already in that carrier) or it is refused."""
        if enterprise.carrier_id == carrier.id:
            return False
        if enterprise.carrier_id is not None:
            where = Carrier.get_by_id(enterprise.carrier_id).name
            row.reject(
                self._col("carrier"),
                f"企业「{enterprise.name}」已在「{where}」入驻，同一时间只能在一个载体；"
                "请用「晋级/迁移」",
            )
            return False
        last = (
            Residency.select(Residency.left_on)
            .where(Residency.enterprise == enterprise.id)
            .order_by(Residency.left_on.desc())
            .first()
        )
        if last is not None and last.left_on is not None and day < last.left_on:
            row.reject(
                self._col("entered_on"),
                f"入驻日期 {day.isoformat()} 早于上次离开日期 {last.left_on.isoformat()}",
            )
            return False
        return True

    def add(self, enterprise_id, carrier, stage, day, basis):
        now = bulk.db_value(self.ctx.now)
        self.buffer.append(
            (self.ids.take(), enterprise_id, carrier.id, stage, day.isoformat(), basis, now, now, 1)
        )


class Qualifications(_Buffered):
    """Plans and buffers the qualifications of the certificate columns."""

    model = Qualification
    columns = _QUAL_COLUMNS
    entity = "qualification"
    audited = _QUAL_AUDIT

    # the sheet's columns of each kind of certificate
    SPECS = (
        CertificateColumns(ref.QUAL_HIGH_TECH, "high_tech_number", "high_tech_granted_on", None),
        CertificateColumns(ref.QUAL_TECH_SME, "tech_sme_number", None, "tech_sme_year"),
    )

    def __init__(self, ctx, index_of):
        super().__init__(ctx, index_of)
        self.specs = [s for s in self.SPECS if any(c in index_of for c in s.codes() if c)]
        self.codes = [c for s in self.specs for c in s.codes() if c]  # all their columns
        self.known = {}
        # {(kind, number): Holder} of the certificates this import added in earlier chunks,
        # and in this one (moved over at the next chunk: within a chunk a repeated number is
        # 与第 N 行重复, not 已登记)
        self.added, self.adding = {}, {}
        self.seen = {}

    def numbers(self, rows):
        """The certificate numbers of ``rows`` to look up."""
        # a sheet may have the date or year column of a certificate but not its number
        numbers = set()
        for spec in self.specs:
            numbers.update([row.values.get(spec.number) for row in rows if row.ok])
        numbers.discard(None)
        return numbers

    def lookup(self, numbers):
        """{(kind, number): Holder} of ``numbers`` already recorded (one query)."""
        if not numbers:
            return {}
        db = self.ctx.db
        marks = ", ".join([db.param] * len(numbers))
        rows = db.execute_sql(
            "SELECT q.kind, q.number, e.id, e.name, e.street_id FROM qualification q"
            f" JOIN enterprise e ON e.id = q.enterprise_id WHERE q.number IN ({marks})",
            list(numbers),
        )
        return {(k, n): Holder(eid, name, street) for k, n, eid, name, street in rows}

    def use(self, known):
        """Start a chunk with ``known`` (:meth:`lookup`'s answer), which may have been asked
        before the earlier chunks were written: what they added is known here anyway."""
        self.known = known
        self.added.update(self.adding)
        self.adding = {}

    def plan(self, row, enterprise_id):
        """Cleaned qualification values to add for ``row`` (those not yet recorded)."""
        found = []
        values = row.values
        get = values.get
        for code in self.codes:
            if get(code) is not None:
                break
        else:  # no certificate on the row (most rows): nothing below would take one
            return found
        for spec in self.specs:
            kind, number_code, date_code, year_code = spec.kind, spec.number, spec.date, spec.year
            number = values.get(number_code)
            granted = values.get(date_code) if date_code else None
            year = values.get(year_code) if year_code else None
            if number is None and granted is None and year is None:
                continue
            try:
                cleaned = clean_qualification(kind, number, granted_on=granted, year=year)
            except InvalidValueError as exc:
                where = {"granted_on": date_code, "year": year_code}.get(exc.field) or number_code
                row.reject(self.index_of.get(where, self.index_of.get(number_code)), str(exc))
                continue
            key = (kind, cleaned["number"])
            owner = self.known.get(key) or self.added.get(key)
            header = cols.ENTERPRISES.column(number_code).header
            if owner is not None:
                if owner.enterprise_id != enterprise_id:
                    holder = self.ctx.holder_name(owner.street_id, owner.name)
                    row.reject(
                        self.index_of.get(number_code),
                        f"「{header}」{cleaned['number']} 已登记为{holder}的{kind}资质",
                    )
                continue
            first = self.seen.get(key)
            if first is not None:
                row.reject(
                    self.index_of.get(number_code),
                    f"「{header}」{cleaned['number']} 与第 {first} 行重复",
                )
                continue
            self.seen[key] = row.number
            found.append(cleaned)
        return found

    def held(self, values, holder):
        """Remember that this import gives certificate ``values`` to ``holder`` (a Holder:
        the enterprise as it is after this import's row)."""
        self.adding[(values["kind"], values["number"])] = holder

    def add(self, enterprise_id, values):
        """Buffer a qualification of an enterprise created by this import."""
        now = bulk.db_value(self.ctx.now)
        qid = self.ids.take()
        self.buffer.append(
            (
                qid,
                enterprise_id,
                values["kind"],
                values["number"],
                bulk.db_value(values["granted_on"]),
                bulk.db_value(values["expires_on"]),
                values["year"],
                now,
                now,
                1,
            )
        )
        return qid

    def add_to_existing(self, enterprise_id, values):
        """Add a qualification to a registered enterprise; older ones of the same kind are
        superseded (their audit rows keep the old ``updated_at`` so undo restores it)."""
        qid = self.add(enterprise_id, values)
        self.flush()  # the older rows will point to it
        older = dict(
            Qualification.select(Qualification.id, Qualification.updated_at)
            .where(
                (Qualification.enterprise == enterprise_id)
                & (Qualification.kind == values["kind"])
                & (Qualification.id != qid)
            )
            .tuples()
        )
        row = Qualification.get_by_id(qid)
        self.ctx.registry.qualifications._supersede_older(row, self.ctx.batch_id)
        bulk.keep_old_timestamps(self.ctx.batch_id, older)
