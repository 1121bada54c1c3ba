"""Carriers' yearly operations (载体年度运营): one record per carrier and year.

The fields are declared in gjz_registry.yearly_fields.CARRIER_YEAR and cleaned by its
FieldRules like every record's.  Writes go through services.writes (version required, audit
in the same transaction); the scope is the carrier's street, as for the carrier itself.

The in-incubation counts computed from the residency history (services/carrier_counts.py)
are a carrier's aggregate figures, which every role may read like the carrier itself (a
street user checks a carrier's return against them: leaving out the residents of other
streets would flag differences that are none).  The residents' outputs are sums of
enterprises' annual data: a street user gets the residents of their street only, as in every
statistic.
"""

import functools

from db.models import Carrier, CarrierYear
from gjz_registry import validators as v
from gjz_registry.fields import CARRIER_YEAR
from gjz_registry.services import carrier_counts, writes
from gjz_registry.services.annual import check_year
from gjz_registry.services.base import get_or_404
from gjz_registry.services.records import FieldRules, RecordService, record_class
from gjz_registry.yearly_fields import REPORTED_COUNTS, carried_over

CarrierYearRecord = record_class(
    "CarrierYearRecord",
    CARRIER_YEAR,
    extra=(("carrier_id", int, None), ("year", int, None), ("version", int, 1)),
    doc="载体年度运营 as the front ends see it: one carrier's figures of one year.",
)


class CarrierYearService(RecordService):
    """Yearly operations of carriers, within the actor's scope."""

    rules = FieldRules(CARRIER_YEAR)

    @functools.cached_property
    def _checks(self):
        return {"area": v.validate_area, "money": v.validate_money, "count": v.validate_count}

    def save(self, carrier_id, year, data, version=None, batch=None):
        """Create or replace the figures of ``carrier_id`` in ``year``; returns the record.

        ``version``: the version of the record the caller read, None when it read none (a new
        record).  A record saved by someone else since raises StaleVersionError and nothing is
        written.  ``data`` holds the fields to set (the others keep their values).
        """
        self.require_login()
        year = check_year(year)
        values = self.clean(data, partial=True)
        with self.atomic():
            carrier = get_or_404(Carrier, carrier_id, "载体")
            self.require_write(carrier.street_id, "载体")
            row = CarrierYear.get_or_none(
                (CarrierYear.carrier == carrier.id) & (CarrierYear.year == year)
            )
            name = f"{carrier.name} {year} 年度运营"
            if row is None and version is None:
                logged = dict(values, carrier=carrier.id, year=year)
                writes.create(self.actor, CarrierYear, "carrier_year", logged, batch, logged=logged)
            elif row is None or version is None:
                raise writes.stale("载体年度运营", name, version)
            else:
                writes.update(
                    self.actor,
                    row,
                    "carrier_year",
                    "载体年度运营",
                    values,
                    version,
                    name=name,
                    batch=batch,
                )
        return self.get(carrier_id, year)

    def get(self, carrier_id, year):
        """The figures of ``carrier_id`` in ``year``, or None when none were entered."""
        self.registry.carriers.get(carrier_id)  # scope check
        row = CarrierYear.get_or_none(
            (CarrierYear.carrier == carrier_id) & (CarrierYear.year == year)
        )
        return None if row is None else _record(row)

    def prefill(self, carrier_id, year):
        """The values a new record of ``carrier_id`` in ``year`` starts with ({code: value}):
        the previous year's figures that carry over (yearly_fields.carried_over); {} when the
        carrier has no record of the previous year."""
        year = check_year(year)
        previous = self.get(carrier_id, year - 1)
        return carried_over(CARRIER_YEAR, None if previous is None else previous.__dict__)

    def for_carrier(self, carrier_id):
        """Every year of one carrier, newest first."""
        self.registry.carriers.get(carrier_id)  # scope check
        query = (
            CarrierYear.select()
            .where(CarrierYear.carrier == carrier_id)
            .order_by(CarrierYear.year.desc())
        )
        return [_record(row) for row in query]

    def counts(self, carrier_id, year):
        """The YearCounts of ``carrier_id`` in ``year`` from the residency history."""
        self.registry.carriers.get(carrier_id)  # login, and the carrier exists
        return carrier_counts.year_counts([carrier_id], check_year(year))[carrier_id]

    def comparison(self, carrier_id, year):
        """The five in-incubation counts as reported beside the computed ones:
        [(code, label, reported or None, computed, differs)], ``differs`` True when a
        reported count is not the computed one (a count not reported differs from nothing)."""
        counts = self.counts(carrier_id, year)
        record = self.get(carrier_id, year)
        rows = []
        for code in REPORTED_COUNTS:
            reported = None if record is None else getattr(record, code)
            computed = getattr(counts, code.removeprefix("reported_"))
            differs = reported is not None and reported != computed
            rows.append((code, CARRIER_YEAR.label(code), reported, computed, differs))
        return rows

    def outputs(self, year, kind=None):
        """The residents' outputs per carrier in ``year`` (of ``kind``, else every kind):
        [(CarrierRecord, ResidentOutputs)] in the carrier list's order; a street user's sums
        cover the residents of their street."""
        year = check_year(year)
        carriers = self.registry.carriers.list(kind=kind, limit=None).items
        street = self.actor.street_id if self.actor.scoped else None
        found = carrier_counts.resident_outputs([c.id for c in carriers], year, street)
        return [(c, found[c.id]) for c in carriers]


def _record(row):
    values = {code: getattr(row, code) for code in CARRIER_YEAR.codes}
    return CarrierYearRecord(
        id=row.id, carrier_id=row.carrier_id, year=row.year, version=row.version, **values
    )
