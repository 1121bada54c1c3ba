"""Statistics for the dashboard, PDF and Excel: plain dataclasses, within the caller's scope.

Cross tables (street × stage, street × field), qualification counts per year, the chain
funnel per year, carrier occupancy and field totals of output value.  Every figure is a
COUNT/SUM in SQL over the same filters the lists use, so totals agree with direct counts.
"""

import dataclasses
import datetime
from decimal import Decimal

from peewee import JOIN, fn

from db.models import AnnualReport, Carrier, Enterprise, Industry, Qualification, Residency, Street
from gjz_registry import reference as ref
from gjz_registry.fields import ENTERPRISE
from gjz_registry.services.base import Service
from gjz_registry.services.carrier_counts import money  # noqa: F401 (measures read it here)
from gjz_registry.services.carrier_stats import CarrierStatistics
from gjz_registry.services.validity import valid_on, year_end

NOT_IN_CHAIN = "未入驻"
UNKNOWN_FIELD = "未填写"


@dataclasses.dataclass
class CrossTable:
    """``rows`` are (label, [value per column]); ``totals`` the column sums."""

    title: str
    row_header: str
    columns: list
    rows: list
    totals: list
    total: object = 0

    def cell(self, row_label, column):
        for label, values in self.rows:
            if label == row_label:
                return values[self.columns.index(column)]
        raise KeyError(row_label)


@dataclasses.dataclass
class FunnelYear:
    year: int
    admitted: int
    promoted: dict  # stage left → count
    graduated: int
    left: int  # 迁出/终止/注销


@dataclasses.dataclass
class CarrierOccupancy:
    carrier_id: int
    name: str
    kind: str
    level: str
    street: str
    area_m2: Decimal
    residents: int
    area_used_m2: Decimal
    graduates: int


class StatisticsService(CarrierStatistics, Service):
    """Read-only figures; street users get their street only (the carrier tables:
    services/carrier_stats.py)."""

    def _enterprises(self, active_only=True):
        query = Enterprise.select()
        if active_only:
            query = query.where(Enterprise.status == ref.STATUS_ACTIVE)
        return self.scope(query, Enterprise.street)

    def _street_rows(self):
        streets = self.registry.reference.streets(include_inactive=True)
        if self.actor.scoped:
            streets = [self.actor.street]
        return streets

    def _cross(self, title, row_header, columns, counts):
        streets = self._street_rows()
        rows = []
        for street in streets:
            values = [counts.get((street, c), 0) for c in columns]
            if any(values):
                rows.append((street, values))
        totals = [sum(r[1][i] for r in rows) for i in range(len(columns))]
        return CrossTable(title, row_header, list(columns), rows, totals, sum(totals))

    def street_stage(self):
        """Active enterprises by street × stage (with 未入驻 for those outside the chain)."""
        query = (
            self._enterprises()
            .select(Street.name, Enterprise.stage, fn.COUNT(Enterprise.id))
            .join(Street, on=(Enterprise.street == Street.id))
            .group_by(Street.name, Enterprise.stage)
            .tuples()
        )
        counts = {(s, stage or NOT_IN_CHAIN): n for s, stage, n in query}
        columns = list(ref.STAGES) + [NOT_IN_CHAIN]
        return self._cross("各街道企业孵化阶段分布", "所属街道", columns, counts)

    def street_field(self):
        """Active enterprises by street × industry field."""
        query = (
            self._enterprises()
            .select(Street.name, Industry.name, fn.COUNT(Enterprise.id))
            .join(Street, on=(Enterprise.street == Street.id))
            .switch(Enterprise)
            .join(Industry, JOIN.LEFT_OUTER, on=(Enterprise.industry == Industry.id))
            .group_by(Street.name, Industry.name)
            .tuples()
        )
        counts = {(s, f or UNKNOWN_FIELD): n for s, f, n in query}
        columns = self.registry.reference.industries()
        if any(f == UNKNOWN_FIELD for _, f in counts):
            columns.append(UNKNOWN_FIELD)
        return self._cross("各街道企业产业领域分布", "所属街道", columns, counts)

    def street_counts(self, code):
        """Active enterprises by street × the values of the enterprise field ``code`` (one
        with a vocabulary and a stats table in the field spec), 未填写 for those without."""
        field = ENTERPRISE[code]
        column = getattr(Enterprise, code)
        query = (
            self._enterprises()
            .select(Street.name, column, fn.COUNT(Enterprise.id))
            .join(Street, on=(Enterprise.street == Street.id))
            .group_by(Street.name, column)
            .tuples()
        )
        counts = {(s, value or UNKNOWN_FIELD): n for s, value, n in query}
        columns = list(field.vocabulary)
        if any(value == UNKNOWN_FIELD for _, value in counts):
            columns.append(UNKNOWN_FIELD)
        return self._cross(f"各街道企业{field.label}分布", "所属街道", columns, counts)

    def qualification_counts(self, years, kinds=(ref.QUAL_HIGH_TECH, ref.QUAL_TECH_SME)):
        """Valid qualifications at each year's end (31 Dec, or today for this year).

        Returns a CrossTable with one row per year and one column per kind.
        """
        rows = []
        for year in years:
            day = year_end(year)
            values = [self.valid_count(kind, day) for kind in kinds]
            rows.append((str(year), values))
        totals = [rows[-1][1][i] if rows else 0 for i in range(len(kinds))]
        return CrossTable(
            "历年有效资质企业数（年末）", "年度", list(kinds), rows, totals, sum(totals)
        )

    def valid_count(self, kind, as_of, street=None, industry=None):
        """Enterprises holding a valid ``kind`` on ``as_of`` (services.validity's rule: a
        superseded certificate counts for the days before its successor began, so the figure
        for a past date is what the register said that day).  ``industry`` (a field's name)
        narrows the count to that field's enterprises.
        """
        query = (
            Qualification.select(fn.COUNT(fn.DISTINCT(Qualification.enterprise)))
            .join(Enterprise)
            .where(valid_on(kind, as_of))
        )
        query = self.scope(query, Enterprise.street)
        if street:
            query = query.where(Enterprise.street == self.registry.reference.street_id(street))
        if industry:
            query = query.where(
                Enterprise.industry == self.registry.reference.industry_id(industry)
            )
        return query.scalar() or 0

    def funnel(self, years):
        """Per year: admitted to the chain, promoted out of each stage, graduated, left."""
        result = []
        first_entry = Residency.select(
            Residency.enterprise, fn.MIN(Residency.entered_on).alias("first")
        ).group_by(Residency.enterprise)
        for year in years:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            admitted_q = (
                Enterprise.select(fn.COUNT(Enterprise.id))
                .join(first_entry, on=(first_entry.c.enterprise_id == Enterprise.id))
                .where(first_entry.c.first.between(start, end))
            )
            admitted = self.scope(admitted_q, Enterprise.street).scalar() or 0
            closed = (
                Residency.select(Residency.stage, Residency.exit_reason, fn.COUNT(Residency.id))
                .join(Enterprise)
                .where(Residency.left_on.between(start, end))
                .group_by(Residency.stage, Residency.exit_reason)
            )
            closed = self.scope(closed, Enterprise.street).tuples()
            promoted = {stage: 0 for stage in ref.STAGES[:-1]}
            graduated = left = 0
            for stage, reason, n in closed:
                if reason == ref.EXIT_PROMOTED:
                    promoted[stage] = promoted.get(stage, 0) + n
                elif reason == ref.EXIT_GRADUATED:
                    graduated += n
                else:
                    left += n
            result.append(FunnelYear(year, admitted, promoted, graduated, left))
        return result

    def carrier_occupancy(self):
        """Per carrier: current residents, area they use, graduates so far."""
        residents = dict(
            self.scope(
                Residency.select(Residency.carrier, fn.COUNT(Residency.id))
                .join(Enterprise)
                .where(Residency.left_on.is_null())
                .group_by(Residency.carrier),
                Enterprise.street,
            ).tuples()
        )
        used = dict(
            self.scope(
                Residency.select(Residency.carrier, fn.SUM(Residency.area_m2))
                .join(Enterprise)
                .where(Residency.left_on.is_null())
                .group_by(Residency.carrier),
                Enterprise.street,
            ).tuples()
        )
        graduates = dict(
            self.scope(
                Residency.select(Residency.carrier, fn.COUNT(Residency.id))
                .join(Enterprise)
                .where(Residency.exit_reason == ref.EXIT_GRADUATED)
                .group_by(Residency.carrier),
                Enterprise.street,
            ).tuples()
        )
        carriers = (
            Carrier.select(Carrier, Street.name.alias("street_name"))
            .join(Street, JOIN.LEFT_OUTER, on=(Carrier.street == Street.id))
            .order_by(Carrier.kind, Carrier.name)
            .dicts()
        )
        out = []
        for c in carriers:
            if (
                self.actor.scoped
                and c["street"] != self.actor.street_id
                and not (residents.get(c["id"]) or graduates.get(c["id"]))
            ):
                continue
            out.append(
                CarrierOccupancy(
                    c["id"],
                    c["name"],
                    c["kind"],
                    c["level"],
                    c["street_name"],
                    c["area_m2"],
                    residents.get(c["id"], 0),
                    money(used.get(c["id"])),
                    graduates.get(c["id"], 0),
                )
            )
        return out

    def field_output(self, year):
        """Per field: enterprises reporting, revenue and output value (万元) for ``year``."""
        query = (
            AnnualReport.select(
                Industry.name,
                fn.COUNT(AnnualReport.id),
                fn.SUM(AnnualReport.revenue),
                fn.SUM(AnnualReport.output_value),
            )
            .join(Enterprise)
            .join(Industry, JOIN.LEFT_OUTER, on=(Enterprise.industry == Industry.id))
            .where(AnnualReport.year == year)
            .group_by(Industry.name)
        )
        found = {
            name or UNKNOWN_FIELD: (n, money(rev), money(out))
            for name, n, rev, out in self.scope(query, Enterprise.street).tuples()
        }
        columns = ["填报企业数", "营业收入(万元)", "产值(万元)"]
        rows = [(f, list(found[f])) for f in self.registry.reference.industries() if f in found]
        if UNKNOWN_FIELD in found:
            rows.append((UNKNOWN_FIELD, list(found[UNKNOWN_FIELD])))
        totals = [sum((r[1][i] for r in rows), 0) for i in range(3)]
        return CrossTable(f"{year} 年各产业领域产值", "产业领域", columns, rows, totals, totals[2])
