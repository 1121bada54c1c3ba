"""Importing the smaller sheets: carriers, 高企/科小 lists and annual data.

These lists run to hundreds or a few thousand rows, so each row is written on its own with
the services' rules: ``CarrierService.clean``, ``QualificationService.add`` (duplicate
numbers, supersession, audit), ``clean_annual``/``check_year`` and ``AnnualService.save``.
Existing records are changed through ``ImportContext.update_record`` so that the audit row
keeps the old version and time stamp (undo restores them exactly).  A row that fails a rule
is rejected with the service's message; a savepoint keeps its half-done writes out.
"""

from db.models import AnnualReport, Carrier, Enterprise, Qualification
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError, RegistryError
from gjz_registry.exchange import bulk
from gjz_registry.exchange.context import SKIP
from gjz_registry.exchange.rows import field_cleaner
from gjz_registry.services import writes
from gjz_registry.services.annual import FIELDS as ANNUAL_FIELDS
from gjz_registry.services.annual import check_year, clean_annual
from gjz_registry.services.carriers import FIELDS as CARRIER_FIELDS
from gjz_registry.services.qualifications import clean_qualification, expiry_for


class _Writer:
    """Shared by the list writers: the context, column positions, duplicate detection."""

    key_name = "记录"

    def __init__(self, ctx, converter):
        self.ctx = ctx
        self.index_of = converter.index_of
        self.seen = {}

    def col(self, *codes):
        for code in codes:
            if code in self.index_of:
                return self.index_of[code]
        return None

    def first_time(self, row, key, column, label):
        """False (and the row rejected) when ``key`` came in an earlier row."""
        first = self.seen.get(key)
        if first is not None:
            row.reject(column, f"{label}与第 {first} 行重复")
            return False
        self.seen[key] = row.number
        return True

    def write(self, rows, upcoming=None):
        for row in rows:
            if not row.ok:
                continue
            try:
                with self.ctx.db.atomic():
                    self.write_row(row)
            except RegistryError as exc:
                row.reject(getattr(exc, "column", None), str(exc))

    def finish(self):
        pass

    def close(self, failure):
        """On the way out of an import that failed with ``failure``, the error to report:
        that one (nothing runs behind here; enterprise_import's writes do)."""
        return failure

    def outcome(self, changed):
        if changed:
            self.ctx.counts.updated += 1
        else:
            self.ctx.counts.unchanged += 1

    def create_or_update(self, row, current, create, incoming, target, complete=None):
        """The branch of every list writer once a row names one record: ``create()`` when
        ``current`` (the registered record's fields) is None; nothing under the 跳过 rule;
        else the changes ``incoming`` makes under the import's rule, written through the
        import context (so undo restores figures and versions exactly).  ``target`` is
        (model, audit entity, how the row names the record, None: its registered name);
        ``complete(changes, merged)`` checks the record as it would become (raising
        _RowError) and may add the changes that follow from the others."""
        ctx = self.ctx
        if current is None:
            create()
            ctx.counts.created += 1
            return
        if ctx.on_conflict == SKIP:
            ctx.counts.skipped += 1
            return
        changes = ctx.changes(current, incoming)
        if complete is not None:
            complete(changes, dict(current, **changes))
        if changes:
            model, entity, record = target
            ctx.update_record(model, entity, current, changes, row.number, record)
        self.outcome(changes)


class _RowError(RegistryError):
    """A rule refused the row; ``column`` is the index of the cell to highlight."""

    def __init__(self, message, column=None):
        super().__init__(message)
        self.column = column


# --- carriers ------------------------------------------------------------------------------
def carrier_options(registry):
    """CarrierService.clean for each column (operator_credit_code: the same validator ran)."""
    clean = registry.carriers.clean
    cleaners = {f: field_cleaner(clean, f) for f in CARRIER_FIELDS if f != "operator_credit_code"}
    return {"cleaners": cleaners}


class CarrierWriter(_Writer):
    """载体信息: a carrier is identified by its name."""

    def write_row(self, row):
        values = {f: row.values.get(f) for f in CARRIER_FIELDS if f in self.index_of}
        if not self.first_time(row, values["name"], self.col("name"), f"载体「{values['name']}」"):
            return
        current = Carrier.select().where(Carrier.name == values["name"]).dicts().first()
        self.create_or_update(
            row,
            current,
            lambda: self._create(values),
            values,
            (Carrier, "carrier", None),
            lambda changes, merged: self._check_update(current, changes),
        )

    def _create(self, values):
        ctx = self.ctx
        if ctx.actor.scoped and values.get("street") is None:
            values["street"] = ctx.actor.street_id
        problem = ctx.placement_problem(values.get("street"))
        if problem:
            raise _RowError(problem, self.col("street"))
        values = {k: val for k, val in values.items() if val is not None}
        writes.create(ctx.actor, Carrier, "carrier", values, ctx.batch_id)

    def _check_update(self, current, changes):
        ctx = self.ctx
        problem = ctx.permission_problem(current["street"], "载体")
        if problem:
            raise _RowError(problem, self.col("street"))
        if "street" in changes:
            problem = ctx.placement_problem(changes["street"])
            if problem:
                raise _RowError(problem, self.col("street"))
        if "kind" in changes:  # CarrierService.update's rule
            residents = Enterprise.select().where(Enterprise.carrier == current["id"]).count()
            if residents:
                raise _RowError(
                    f"载体「{current['name']}」仍有 {residents} 家在孵企业，不能修改载体类型",
                    self.col("kind"),
                )


# --- enterprises named in a list -----------------------------------------------------------
def find_enterprise(writer, row):
    """The enterprise a list row names: by credit code, else by exact name (unique)."""
    code, name = row.values.get("credit_code"), row.values.get("name")
    if code:
        found = Enterprise.select().where(Enterprise.credit_code == code).dicts().first()
        if found is None:
            raise _RowError(
                f"统一社会信用代码为 {code} 的企业未登记，请先导入企业信息",
                writer.col("credit_code"),
            )
    else:
        name = v.clean_name(name)
        matches = list(Enterprise.select().where(Enterprise.name == name).limit(2).dicts())
        if not matches:
            raise _RowError(f"企业「{name}」未登记，请先导入企业信息", writer.col("name"))
        if len(matches) > 1:
            raise _RowError(
                f"名为「{name}」的企业不止一家，请填写统一社会信用代码", writer.col("name")
            )
        found = matches[0]
    problem = writer.ctx.permission_problem(found["street"], "信用代码" if code else "企业")
    if problem:
        raise _RowError(problem, writer.col("street", "credit_code", "name"))
    return found


# --- 高企 / 科小 lists --------------------------------------------------------------------------
class QualificationListWriter(_Writer):
    """高新技术企业名单 / 科技型中小企业名单: each row one qualification."""

    qualification_kind = None  # set by subclasses

    def write_row(self, row):
        ctx = self.ctx
        values = row.values
        try:
            cleaned = clean_qualification(
                self.qualification_kind,
                values.get("number"),
                granted_on=values.get("granted_on"),
                year=values.get("year"),
            )
        except InvalidValueError as exc:
            where = exc.field if exc.field in ("granted_on", "year") else "number"
            raise _RowError(str(exc), self.col(where, "number")) from None
        if not self.first_time(row, cleaned["number"], self.col("number"), "证书编号"):
            return
        enterprise = find_enterprise(self, row)
        current = (
            Qualification.select()
            .where(
                (Qualification.kind == cleaned["kind"])
                & (Qualification.number == cleaned["number"])
            )
            .dicts()
            .first()
        )
        if current is not None and current["enterprise"] != enterprise["id"]:
            owner = Enterprise.get_by_id(current["enterprise"])
            holder = ctx.holder_name(owner.street_id, owner.name)
            raise _RowError(
                f"{cleaned['kind']}编号 {cleaned['number']} 已登记为{holder}的资质",
                self.col("number"),
            )

        def expiry(changes, merged):  # a new grant date or year moves the expiry
            if changes:
                changes["expires_on"] = expiry_for(
                    cleaned["kind"], merged["granted_on"], merged["year"]
                )

        self.create_or_update(
            row,
            current,
            lambda: self._add(enterprise["id"], cleaned),
            {"granted_on": cleaned["granted_on"], "year": cleaned["year"]},
            (Qualification, "qualification", f"{enterprise['name']} {cleaned['number']}"),
            expiry,
        )

    def _add(self, enterprise_id, cleaned):
        ctx = self.ctx
        older = dict(
            Qualification.select(Qualification.id, Qualification.updated_at)
            .where(
                (Qualification.enterprise == enterprise_id)
                & (Qualification.kind == cleaned["kind"])
            )
            .tuples()
        )
        ctx.registry.qualifications.add(
            enterprise_id,
            cleaned["kind"],
            cleaned["number"],
            granted_on=cleaned["granted_on"],
            year=cleaned["year"],
            batch=ctx.batch_id,
        )
        bulk.keep_old_timestamps(ctx.batch_id, older)


class HighTechWriter(QualificationListWriter):
    qualification_kind = "高新技术企业"


class TechSmeWriter(QualificationListWriter):
    qualification_kind = "科技型中小企业"


# --- annual data ---------------------------------------------------------------------------
class AnnualWriter(_Writer):
    """年度数据: one report per enterprise and year."""

    def write_row(self, row):
        ctx = self.ctx
        try:
            year = check_year(row.values["year"])
            data = {
                f: row.values.get(f)
                for f in ANNUAL_FIELDS
                if f in self.index_of and row.values.get(f) is not None
            }
            data = clean_annual(data)
        except InvalidValueError as exc:
            where = exc.field if exc.field in ANNUAL_FIELDS else "year"
            raise _RowError(str(exc), self.col(where)) from None
        enterprise = find_enterprise(self, row)
        if not self.first_time(row, (enterprise["id"], year), self.col("year"), f"{year} 年度数据"):
            return
        current = (
            AnnualReport.select()
            .where((AnnualReport.enterprise == enterprise["id"]) & (AnnualReport.year == year))
            .dicts()
            .first()
        )

        def staff(changes, merged):  # 研发人员 ≤ 从业人员 once the new values are merged in
            try:
                clean_annual({"employees": merged["employees"], "rd_staff": merged["rd_staff"]})
            except InvalidValueError as exc:
                raise _RowError(str(exc), self.col("rd_staff", "employees")) from None

        self.create_or_update(
            row,
            current,
            lambda: ctx.registry.annual.save(enterprise["id"], year, data, batch=ctx.batch_id),
            data,
            (AnnualReport, "annual_report", f"{enterprise['name']} {year} 年度"),
            staff,
        )
