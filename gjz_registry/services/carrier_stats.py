"""Statistics of the carriers in a year (issue point 6): incubation output per carrier, the
carriers' year-on-year table and the figures behind the plan's incubator targets.

A mixin of ``StatisticsService``.  Counts of enterprises (in-incubation counts, residents'
annual data) come from services/carrier_counts.py and, for a street user, cover the
enterprises of their street, as every statistic; a carrier's own figures (its kind, level,
its yearly operations: events, mentors, seed fund) are the carrier's, which every role may
read.  So a street user's tables are the administrator's on a database holding only their
street's enterprises.
"""

import dataclasses
import datetime
from decimal import Decimal

from peewee import JOIN, Case, fn

from db.models import Carrier, CarrierYear, Street
from gjz_registry import reference as ref
from gjz_registry.services.carrier_counts import (
    YearCounts,
    money,
    resident_outputs,
    year_counts,
)

# the carriers of the plan's incubator targets (孵化器、众创空间、加速器)
TARGET_KINDS = (ref.CARRIER_INCUBATOR, ref.CARRIER_MAKERSPACE, ref.CARRIER_ACCELERATOR)
OPERATING = "运营"


@dataclasses.dataclass
class CarrierOutput:
    """One carrier's residents at a year's end and their figures (carrier_counts)."""

    carrier_id: int
    name: str
    kind: str
    street: str
    outputs: object  # carrier_counts.ResidentOutputs


@dataclasses.dataclass
class CarrierYearOnYear:
    """One carrier's figures of a year beside the year before: (last year, this year)."""

    carrier_id: int
    name: str
    kind: str
    street: str
    residents: tuple  # at the year's end
    admitted: tuple
    graduated: tuple
    events: tuple  # 创新创业活动, as the carrier reports them (None: not reported)
    fund_invested: tuple  # 孵化基金投资额 (万元), as reported


@dataclasses.dataclass
class IncubatorFigures:
    """The counts behind the plan's incubator targets in one year."""

    year: int
    carriers: dict  # kind → operating carriers of TARGET_KINDS
    national: int  # of them 国家级
    provincial: int  # of them 省级
    recognised: int  # recognised (认定) in the year
    counts: YearCounts  # in-incubation counts summed over every carrier
    mentors: int  # 创业导师 (full and part time) the carriers report for the year
    investing: int  # carriers reporting 孵化基金投资额 > 0 («孵化+投资»)
    fund_invested: Decimal


class CarrierStatistics:
    """The carrier tables of the statistics service (see the module)."""

    def _street(self):
        return self.actor.street_id if self.actor.scoped else None

    def _carriers(self):
        return list(
            Carrier.select(
                Carrier.id, Carrier.name, Carrier.kind, Carrier.level, Carrier.status, Street.name
            )
            .join(Street, JOIN.LEFT_OUTER, on=(Carrier.street == Street.id))
            .order_by(Carrier.kind, Carrier.name)
            .tuples()
        )

    def incubation_output(self, year):
        """[CarrierOutput] of the carriers with residents at the end of ``year``."""
        self.require_login()
        carriers = self._carriers()
        found = resident_outputs([c[0] for c in carriers], year, self._street())
        return [
            CarrierOutput(cid, name, kind, street or "", found[cid])
            for cid, name, kind, _, _, street in carriers
            if found[cid].residents
        ]

    def carrier_year_on_year(self, year):
        """[CarrierYearOnYear] of ``year`` against ``year - 1``, for the carriers with any
        figure in either year."""
        self.require_login()
        carriers = self._carriers()
        ids = [c[0] for c in carriers]
        street = self._street()
        counts = [year_counts(ids, y, street) for y in (year - 1, year)]
        reported = {
            (row.carrier_id, row.year): row
            for row in CarrierYear.select(
                CarrierYear.carrier, CarrierYear.year, CarrierYear.events, CarrierYear.fund_invested
            ).where(CarrierYear.year.in_([year - 1, year]))
        }

        def both(cid, read):
            return tuple(read(cid, y, n) for n, y in enumerate((year - 1, year)))

        def figure(code):
            def read(cid, y, _):
                row = reported.get((cid, y))
                value = None if row is None else getattr(row, code)
                return money(value) if code == "fund_invested" and value is not None else value

            return read

        rows = []
        for cid, name, kind, _, _, street_name in carriers:
            row = CarrierYearOnYear(
                cid,
                name,
                kind,
                street_name or "",
                both(cid, lambda c, y, n: counts[n][c].end),
                both(cid, lambda c, y, n: counts[n][c].admitted),
                both(cid, lambda c, y, n: counts[n][c].graduated),
                both(cid, figure("events")),
                both(cid, figure("fund_invested")),
            )
            values = row.residents + row.admitted + row.graduated + row.events + row.fund_invested
            if any(values):
                rows.append(row)
        return rows

    def incubator_figures(self, year):
        """IncubatorFigures of ``year``: the operating carriers of the plan's kinds today,
        those recognised in the year, and the in-incubation counts over every carrier."""
        self.require_login()
        carriers = self._carriers()
        counted = [c for c in carriers if c[2] in TARGET_KINDS and c[4] == OPERATING]
        kinds = {kind: sum(1 for c in counted if c[2] == kind) for kind in TARGET_KINDS}
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        recognised = (
            Carrier.select()
            .where(
                Carrier.kind.in_(TARGET_KINDS)
                & (Carrier.recognized_on >= first)
                & (Carrier.recognized_on <= last)
            )
            .count()
        )
        total = YearCounts()
        for counts in year_counts([c[0] for c in carriers], year, self._street()).values():
            for code in ("start", "admitted", "graduated", "left", "end"):
                setattr(total, code, getattr(total, code) + getattr(counts, code))
        operations = CarrierYear.select(
            fn.SUM(CarrierYear.mentors_full),
            fn.SUM(CarrierYear.mentors_part),
            fn.SUM(Case(None, [(CarrierYear.fund_invested > 0, 1)], 0)),
            fn.SUM(CarrierYear.fund_invested),
        ).where(CarrierYear.year == year)
        full, part, investing, invested = operations.tuples().first()
        return IncubatorFigures(
            year,
            kinds,
            sum(1 for c in counted if c[3] == "国家级"),
            sum(1 for c in counted if c[3] == "省级"),
            recognised,
            total,
            int(full or 0) + int(part or 0),
            int(investing or 0),
            money(invested),
        )
