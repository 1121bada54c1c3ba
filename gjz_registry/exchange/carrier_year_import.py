"""Importing carriers' yearly operations (载体年度运营): one row per carrier and year.

The sheet's columns are the CARRIER_YEAR spec's (columns.CARRIER_YEARS): 序号, 载体名称, 年度
and the figures.  A row names a registered carrier by its name, cleaned as the carrier
service cleans names (invisible characters and the brackets' form do not matter); a carrier
that is not registered, or that a street user may not change (another street's, or the
district's), refuses the row, as do a bad year and a carrier and year given twice.  Figures
are cleaned cell by cell by CarrierYearService's own field rules.  A new year is written
through ``registry.carrier_years.save`` with the batch; an existing one gets the figures that
differ under the import's conflict rule through ``ImportContext.update_record``, as the other
list sheets' records (its audit row keeps the old version and time stamp, so undoing the
batch restores the record exactly), listed as the row's changes — in the preview too
(:class:`CarrierYearComparison`).
"""

from db.models import Carrier, CarrierYear
from gjz_registry.errors import InvalidValueError
from gjz_registry.exchange.changes import Describer
from gjz_registry.exchange.conflicts import ACTIONS, NEW, SAME
from gjz_registry.exchange.context import SKIP, changed_fields, refusal
from gjz_registry.exchange.list_import import _RowError, _Writer
from gjz_registry.exchange.rows import field_cleaner
from gjz_registry.fields import CARRIER_YEAR as SPEC
from gjz_registry.services.annual import check_year

KIND = "carrier-years"
ENTITY = "carrier_year"  # the audit's entity
# The figures of the sheet: the spec's editable fields.
FIGURES = tuple(f.code for f in SPEC.editable if f.sheet)
NOT_REGISTERED = "载体「{name}」未登记：请先登记该载体（或导入载体信息），再导入其年度运营"


def converter_options(registry):
    """The field rules of the sheet: CarrierYearService.clean per figure, the carrier
    service's name rule for 载体名称."""
    clean = registry.carrier_years.clean
    cleaners = {code: field_cleaner(clean, code) for code in FIGURES}
    cleaners["carrier"] = field_cleaner(registry.carriers.clean, "name")
    return {"cleaners": cleaners}


def record_name(carrier, year):
    """How a change or a refusal names the record of one carrier and year."""
    return f"{carrier['name']} {year} 年度运营"


class Registered:
    """The registered carriers (by name) and carrier years an import's rows name, looked up
    once each; ``find(row)`` gives ``(carrier, year, current figures or None)`` or raises
    _RowError naming the cell."""

    def __init__(self, registry, index_of):
        self.registry = registry
        self.index_of = index_of
        self.carriers = {}
        self.years = {}

    def carrier(self, name):
        if name not in self.carriers:
            self.carriers[name] = Carrier.select().where(Carrier.name == name).dicts().first()
        return self.carriers[name]

    def find(self, row):
        try:
            year = check_year(row.values["year"])
        except InvalidValueError as exc:
            raise _RowError(str(exc), self.index_of.get("year")) from None
        name = row.values["carrier"]
        carrier = self.carrier(name)
        where = self.index_of.get("carrier")
        if carrier is None:
            raise _RowError(NOT_REGISTERED.format(name=name), where)
        problem = refusal(self.registry.carrier_years.require_write, carrier["street"], "载体")
        if problem:
            raise _RowError(problem, where)
        return carrier, year, self.current(carrier["id"], year)

    def current(self, carrier_id, year):
        key = (carrier_id, year)
        if key not in self.years:
            self.years[key] = (
                CarrierYear.select()
                .where((CarrierYear.carrier == carrier_id) & (CarrierYear.year == year))
                .dicts()
                .first()
            )
        return self.years[key]

    def incoming(self, row):
        """The figures a row gives (its blank cells give None: they change nothing)."""
        return {code: row.values.get(code) for code in FIGURES if code in self.index_of}


class CarrierYearWriter(_Writer):
    """载体年度运营: creates or updates one carrier's figures of one year per row."""

    def __init__(self, ctx, converter):
        super().__init__(ctx, converter)
        self.registered = Registered(ctx.registry, converter.index_of)

    def write_row(self, row):
        ctx = self.ctx
        carrier, year, current = self.registered.find(row)
        label = f"载体「{carrier['name']}」{year} 年度"
        if not self.first_time(row, (carrier["id"], year), self.col("carrier"), label):
            return
        incoming = self.registered.incoming(row)
        values = {code: value for code, value in incoming.items() if value is not None}
        self.create_or_update(
            row,
            current,
            lambda: ctx.registry.carrier_years.save(
                carrier["id"], year, values, batch=ctx.batch_id
            ),
            incoming,
            (CarrierYear, ENTITY, record_name(carrier, year)),
        )


class CarrierYearComparison:
    """What an import of a carrier-year sheet would do with each row, for the preview: 新增
    for a year not registered, else the figures the rule ``on_conflict`` would change
    (None: no rule chosen yet, every difference), old → new.  A row refused by a rule of the
    registry (carrier not registered, another street's) shows the refusal."""

    def __init__(self, registry, converter, on_conflict):
        self.converter = converter
        self.on_conflict = on_conflict
        self.registered = Registered(registry, converter.index_of)
        self.describer = Describer(KIND)
        self.kept = 0  # registered years with values the rule leaves as registered

    def apply(self, records, shown, converted, make_row):
        """Set ``action``, ``changes`` and refusals of the PreviewRows ``shown`` (the first
        of ``records``; ``converted``: their ImportRows) and append a PreviewRow
        (``make_row``) for every later row that changes registered figures.  Returns the
        RowChanges of the whole file in row order."""
        by_number = {row.number: row for row in shown}
        found, seen = [], set()
        for number, raw in records:
            row = converted.get(number) or self.converter.convert(number, raw)
            preview_row = by_number.get(number)
            if not row.ok:
                continue
            try:
                carrier, year, current = self.registered.find(row)
            except _RowError as exc:
                if preview_row is not None:
                    preview_row.errors[exc.column] = f"第 {number} 行{exc}"
                continue
            if (carrier["id"], year) in seen:  # the import refuses the repeat
                continue
            seen.add((carrier["id"], year))
            action, changes = self._compare(row, carrier, year, current)
            if changes is not None:
                found.append(changes)
                if preview_row is None:
                    preview_row = make_row(row)
                    preview_row.later = True
                    shown.append(preview_row)
                preview_row.changes = changes.fields
            if preview_row is not None:
                preview_row.action = action
        return found

    def _compare(self, row, carrier, year, current):
        """(action, RowChanges or None) of a row naming ``carrier`` and ``year``."""
        if current is None:
            return NEW, None
        incoming = self.registered.incoming(row)
        changes = changed_fields(current, incoming, self.on_conflict)
        if set(changed_fields(current, incoming, None)) - set(changes):
            self.kept += 1
        if self.on_conflict == SKIP:
            return ACTIONS[SKIP], None
        name = record_name(carrier, year)
        described = self.describer.row(row.number, name, CarrierYear, current, changes)
        if described is None:
            return SAME, None
        return ACTIONS[self.on_conflict], described


KIND_WRITERS = (CarrierYearWriter, converter_options, CarrierYearComparison)
