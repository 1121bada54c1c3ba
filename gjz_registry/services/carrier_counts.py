"""A carrier's in-incubation counts and its residents' outputs in a year, from the records.

Plain functions over the models for any set of carriers (no actor, no scope: the services
that call them decide that); each answers for all the carriers in one or a few queries.

**Counts** (:func:`year_counts`, 年初/新增/毕业/离开/年末在孵企业数), from the residency history
by the stays' own dates (a stay entered today with an old date counts by its date).  Each
counts distinct enterprises:

- ``start``: enterprises in residence when the year began (a stay entered before 1 January
  and not left before it);
- ``admitted``: enterprises not in residence at the start with a stay entered in the year
  that is not the continuation of a move within the same carrier (a 晋级/迁移/退回 from
  another carrier is an admission here);
- ``graduated`` / ``left``: enterprises in residence at the start or admitted that are not in
  residence at the end; ``graduated`` when the last stay they closed here in the year ended
  with 毕业, ``left`` for any other reason (迁出, 终止, 注销, and a 晋级 or 退回 to another
  carrier) — a stay closed by a move within the same carrier is no leaving;
- ``end``: enterprises in residence when the year ended (entered by 31 December, not left by
  it: a stay left on 31 December has left in the year).

So ``start + admitted - graduated - left == end`` always holds.  An enterprise that leaves
and comes back within the year counts once, by where it stands at the year's ends: back in
residence at the end it is neither admitted (when it was there at the start) nor leaving; an
enterprise entering and leaving within the year is admitted and graduated or left.

**Outputs** (:func:`resident_outputs`, 在孵企业经济指标): the residents at the year's end
(``end`` above) and their annual data of that year — sums of money (万元) and counts, the
enterprises with investment received, and their qualifications at the year's end
(services/validity.py: valid on 31 December, or today for the current year).
"""

import collections
import dataclasses
import datetime
from decimal import Decimal

from peewee import JOIN, Case, fn

from db.models import AnnualReport, Enterprise, Qualification, Residency
from gjz_registry import reference as ref
from gjz_registry.services.validity import recognised_in, valid_on, year_end


@dataclasses.dataclass
class YearCounts:
    """In-incubation enterprises of one carrier in one year (distinct enterprises)."""

    start: int = 0
    admitted: int = 0
    graduated: int = 0
    left: int = 0
    end: int = 0


# the sums of the residents' annual data, in ResidentOutputs' order
OUTPUT_SUMS = (
    "revenue",
    "rd_expense",
    "net_profit",
    "export_total",
    "tax_paid",
    "employees",
    "graduates_hired",
    "ip_applied",
    "ip_granted",
    "invention_patents",
    "software_copyrights",
    "investment_received",
)
MONEY_SUMS = (
    "revenue",
    "rd_expense",
    "net_profit",
    "export_total",
    "tax_paid",
    "investment_received",
)


@dataclasses.dataclass
class ResidentOutputs:
    """The residents of one carrier at a year's end and their annual data of that year."""

    residents: int = 0
    revenue: Decimal = Decimal(0)
    rd_expense: Decimal = Decimal(0)
    net_profit: Decimal = Decimal(0)
    export_total: Decimal = Decimal(0)
    tax_paid: Decimal = Decimal(0)
    employees: int = 0
    graduates_hired: int = 0
    ip_applied: int = 0
    ip_granted: int = 0
    invention_patents: int = 0
    software_copyrights: int = 0
    investment_received: Decimal = Decimal(0)
    financed: int = 0  # residents with investment received > 0
    high_tech: int = 0  # 高新技术企业 valid at the year's end
    new_high_tech: int = 0  # 高新技术企业 recognised in the year
    tech_sme: int = 0  # 科技型中小企业 valid at the year's end
    tech_sme_share: Decimal = Decimal(0)  # tech_sme / residents, percent (2 places)


def _bounds(year):
    year = int(year)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _stays(carrier_ids, year):
    """Every stay at the carriers touching ``year``: (carrier, enterprise, entered_on,
    left_on, exit_reason, moved here within the carrier, moved on within the carrier)."""
    first, last = _bounds(year)
    before = Residency.alias("before")
    after = Residency.alias("after")
    query = (
        Residency.select(
            Residency.carrier,
            Residency.enterprise,
            Residency.entered_on,
            Residency.left_on,
            Residency.exit_reason,
            before.carrier,
            after.carrier,
        )
        .join(before, JOIN.LEFT_OUTER, on=(Residency.moved_from == before.id))
        .switch(Residency)
        .join(after, JOIN.LEFT_OUTER, on=(after.moved_from == Residency.id))
        .where(
            Residency.carrier.in_(list(carrier_ids))
            & (Residency.entered_on <= last)
            & (Residency.left_on.is_null() | (Residency.left_on >= first))
        )
        .order_by(Residency.left_on, Residency.id)
    )
    for carrier, enterprise, entered, left, reason, came_from, went_to in query.tuples():
        yield carrier, enterprise, entered, left, reason, came_from == carrier, went_to == carrier


def year_counts(carrier_ids, year):
    """``{carrier_id: YearCounts}`` for every carrier in ``carrier_ids`` (see the module)."""
    first, last = _bounds(year)
    pairs = collections.defaultdict(lambda: {"start": 0, "entered": 0, "end": 0, "exit": None})
    for carrier, enterprise, entered, left, reason, moved_in, moved_on in _stays(carrier_ids, year):
        pair = pairs[carrier, enterprise]
        if entered < first:
            pair["start"] = 1
        elif not moved_in:
            pair["entered"] = 1
        if left is None or left > last:
            pair["end"] = 1
        elif not moved_on:
            pair["exit"] = reason  # ordered by the day it closed: the last one wins
    result = {carrier_id: YearCounts() for carrier_id in carrier_ids}
    for (carrier, _), pair in pairs.items():
        counts = result[carrier]
        admitted = pair["entered"] and not pair["start"]
        counts.start += pair["start"]
        counts.admitted += admitted
        counts.end += pair["end"]
        if pair["start"] + admitted > pair["end"]:
            if pair["exit"] == ref.EXIT_GRADUATED:
                counts.graduated += 1
            else:
                counts.left += 1
    return result


def residents_at_end(carrier_ids, year, model=Residency):
    """The condition «a stay at one of the carriers, in residence at the end of ``year``»."""
    _, last = _bounds(year)
    return (
        model.carrier.in_(list(carrier_ids))
        & (model.entered_on <= last)
        & (model.left_on.is_null() | (model.left_on > last))
    )


def _holding(condition):
    """SQL 1 when the resident's enterprise has a qualification meeting ``condition``."""
    held = Qualification.select(Qualification.id).where(
        (Qualification.enterprise == Residency.enterprise) & condition
    )
    return fn.EXISTS(held)


def _money(value):
    return Decimal(str(value or 0)).quantize(Decimal("0.0001")).normalize() + 0


def resident_outputs(carrier_ids, year, street_id=None):
    """``{carrier_id: ResidentOutputs}`` for every carrier in ``carrier_ids``; ``street_id``
    (optional) keeps the residents registered in that street only."""
    year = int(year)
    day = year_end(year)
    flags = (
        _holding(valid_on(ref.QUAL_HIGH_TECH, day)),
        _holding(recognised_in(ref.QUAL_HIGH_TECH, year)),
        _holding(valid_on(ref.QUAL_TECH_SME, day)),
    )
    sums = [fn.SUM(getattr(AnnualReport, code)) for code in OUTPUT_SUMS]
    financed = fn.SUM(Case(None, [(AnnualReport.investment_received > 0, 1)], 0))
    flag_sums = [fn.SUM(Case(None, [(flag, 1)], 0)) for flag in flags]
    query = (
        Residency.select(
            Residency.carrier, fn.COUNT(Residency.enterprise.distinct()), *sums, financed
        )
        .join(
            AnnualReport,
            JOIN.LEFT_OUTER,
            on=(AnnualReport.enterprise == Residency.enterprise) & (AnnualReport.year == year),
        )
        .where(residents_at_end(carrier_ids, year))
        .group_by(Residency.carrier)
    )
    counted = Residency.select(Residency.carrier, *flag_sums).where(
        residents_at_end(carrier_ids, year)
    )
    if street_id is not None:
        query = query.switch(Residency).join(Enterprise).where(Enterprise.street == street_id)
        counted = counted.join(Enterprise).where(Enterprise.street == street_id)
    held = {row[0]: row[1:] for row in counted.group_by(Residency.carrier).tuples()}
    result = {carrier_id: ResidentOutputs() for carrier_id in carrier_ids}
    for carrier, residents, *values in query.tuples():
        out = result[carrier]
        out.residents = residents
        for code, value in zip(OUTPUT_SUMS + ("financed",), values):
            setattr(out, code, _money(value) if code in MONEY_SUMS else int(value or 0))
        out.high_tech, out.new_high_tech, out.tech_sme = (int(n or 0) for n in held[carrier])
        if residents:
            share = Decimal(out.tech_sme) * 100 / residents
            out.tech_sme_share = share.quantize(Decimal("0.01"))
    return result
