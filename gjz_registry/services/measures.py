"""Computed measures: the figures of a plan's targets that the registry itself holds.

A target names its measure by key (``Target.measure``), so a later plan reuses them.  Each
measure gives a value for a :class:`Context` (the period's end date, the annual-report data
year, the plan's start, and optionally one street or one field) and the rows behind that value
(enterprises, or carriers for ``new_carriers``), from the same conditions, so a figure can
always be drilled down and the rows add up to it.  All queries run within the actor's scope.

Definitions (chosen here, shown in the reports):

- ``valid_high_tech`` / ``valid_tech_sme`` / ``valid_leading`` / ``valid_above_scale``:
  enterprises holding that qualification, valid on the period's end (statistics.valid_count).
- ``leading_output``: 产值超 10 亿元的领军企业 — the plan defines them by output value, so this
  counts enterprises whose annual output value for the data year is ≥ 100 000 万元.  The
  qualification 创新型领军企业 is a recognition by a higher office with criteria of its own;
  its count is the separate measure ``valid_leading``.
- ``tech_contract_sum``: the sum of the annual reports' 技术合同成交额 for the data year.
- ``new_carriers``: 孵化器, 众创空间 and 加速器 recognised (认定) from the plan's start to the
  period's end, whatever their status today.
- ``above_scale_core``: 规模以上骨干企业 of a field — a valid 规模以上企业 record on the period's
  end, or 营业收入 ≥ 2 000 万元 (the statistical 规上 threshold) in the data year.
- ``output_sum``: the sum of output value for the data year.
"""

import dataclasses
import datetime
from decimal import Decimal

from peewee import JOIN, fn

from db.models import AnnualReport, Carrier, Enterprise, Industry, Qualification, Street
from gjz_registry import reference as ref
from gjz_registry.errors import InvalidValueError
from gjz_registry.services.statistics import money
from gjz_registry.services.validity import valid_on

LEADING_OUTPUT = Decimal(100000)  # 万元 = 10 亿元
ABOVE_SCALE_REVENUE = Decimal(2000)  # 万元
NEW_CARRIER_KINDS = (ref.CARRIER_INCUBATOR, ref.CARRIER_MAKERSPACE, ref.CARRIER_ACCELERATOR)

# Units a measure's value can be given in: factor to the base unit of its family.
UNIT_FACTORS = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}
COUNT_UNITS = ("家", "个", "户")


@dataclasses.dataclass(frozen=True)
class Context:
    """What a measure is computed for."""

    as_of: datetime.date
    data_year: int
    since: datetime.date
    street_id: int = None
    industry_id: int = None


@dataclasses.dataclass
class DrillRow:
    """One enterprise (or carrier) behind a computed figure; ``value`` in the measure's unit."""

    name: str
    credit_code: str
    street: str
    field: str
    value: Decimal
    detail: str
    enterprise_id: int = None
    carrier_id: int = None


@dataclasses.dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # the unit of the raw figure: 家 for counts, 万元 for sums
    definition: str
    by_field: bool = True  # can be narrowed to one 产业领域

    @property
    def is_count(self):
        return self.unit not in UNIT_FACTORS


def _qual(kind, label):
    return Measure(f"valid_{kind}", label, "家", f"期末持有有效「{label}」资质的企业数")


_DEFINITIONS = (
    # key, label, unit, definition[, by_field]
    ("valid_high_tech", "高新技术企业", "家", "期末持有有效高新技术企业证书的企业数"),
    ("valid_tech_sme", "科技型中小企业", "家", "期末在有效入库年度内的科技型中小企业数"),
    ("valid_leading", "创新型领军企业（资质）", "家", "期末持有有效创新型领军企业资质的企业数"),
    ("valid_above_scale", "规模以上企业（资质）", "家", "期末持有有效规模以上企业记录的企业数"),
    ("leading_output", "产值超10亿元企业", "家", "数据年度年报产值 ≥ 10 亿元的企业数"),
    ("tech_contract_sum", "技术合同交易额", "万元", "数据年度年报「技术合同成交额」合计"),
    (
        "new_carriers",
        "新增孵化载体",
        "家",
        "计划印发以来认定的孵化器、众创空间、加速器数（不论现状）",
        False,
    ),
    (
        "above_scale_core",
        "规模以上骨干企业",
        "家",
        "期末规模以上企业记录有效，或数据年度营业收入 ≥ 2000 万元的企业数",
    ),
    ("output_sum", "产值", "万元", "数据年度年报产值合计"),
)
MEASURES = {d[0]: Measure(*d) for d in _DEFINITIONS}

QUALIFICATION_OF = {
    "valid_high_tech": ref.QUAL_HIGH_TECH,
    "valid_tech_sme": ref.QUAL_TECH_SME,
    "valid_leading": ref.QUAL_LEADING,
    "valid_above_scale": ref.QUAL_ABOVE_SCALE,
}


def get_measure(key):
    try:
        return MEASURES[key]
    except KeyError:
        known = "、".join(MEASURES)
        raise InvalidValueError(
            f"「计算口径」{key} 未定义（可用：{known}）", field="计算口径"
        ) from None


def factor(measure, unit):
    """Multiply a figure in ``unit`` by this to get the measure's unit (InvalidValueError)."""
    if measure.is_count:
        if unit and unit not in COUNT_UNITS:
            raise InvalidValueError(
                f"「单位」{unit} 与计数口径「{measure.label}」不符", field="单位"
            )
        return Decimal(1)
    if unit not in UNIT_FACTORS:
        raise InvalidValueError(
            f"「单位」{unit} 与金额口径「{measure.label}」不符（可用：元、万元、亿元）",
            field="单位",
        )
    return UNIT_FACTORS[unit] / UNIT_FACTORS[measure.unit]


# --- the figures -------------------------------------------------------------------------
def value(service, key, ctx):
    """The figure of measure ``key`` for ``ctx`` in the measure's unit (Decimal)."""
    if key in QUALIFICATION_OF:
        stats = service.registry.statistics
        street = service.registry.reference.street_name(ctx.street_id) if ctx.street_id else None
        industry = _industry_name(ctx.industry_id)
        return Decimal(stats.valid_count(QUALIFICATION_OF[key], ctx.as_of, street, industry))
    if key == "leading_output":
        query = _reports(service, ctx).where(AnnualReport.output_value >= LEADING_OUTPUT)
        return Decimal(query.select(fn.COUNT(fn.DISTINCT(AnnualReport.enterprise))).scalar() or 0)
    if key in ("tech_contract_sum", "output_sum"):
        column = _sum_column(key)
        return money(_reports(service, ctx).select(fn.SUM(column)).scalar())
    if key == "new_carriers":
        return Decimal(_carriers(service, ctx).count())
    if key == "above_scale_core":
        return Decimal(len(rows(service, key, ctx)))
    get_measure(key)
    raise AssertionError(key)  # pragma: no cover — every measure is handled above


def rows(service, key, ctx):
    """The enterprises (carriers) behind ``value(service, key, ctx)``, by street and name."""
    if key in QUALIFICATION_OF:
        query = (
            _enterprises(service, ctx, Qualification)
            .select_extend(
                fn.MAX(Qualification.number).alias("number"),
                fn.MAX(Qualification.expires_on).alias("expires_on"),
            )
            .where(valid_on(QUALIFICATION_OF[key], ctx.as_of))
            .group_by(*_GROUP)
        )
        return [
            _row(r, None, f"{r['number'] or '无编号'}，有效期至 {_day(r['expires_on'])}")
            for r in query.dicts()
        ]
    if key == "leading_output":
        query = _enterprises(service, ctx, AnnualReport, AnnualReport.output_value).where(
            (AnnualReport.year == ctx.data_year) & (AnnualReport.output_value >= LEADING_OUTPUT)
        )
        return [_row(r, r["figure"], f"{ctx.data_year} 年产值") for r in query.dicts()]
    if key in ("tech_contract_sum", "output_sum"):
        column = _sum_column(key)
        query = _enterprises(service, ctx, AnnualReport, column).where(
            (AnnualReport.year == ctx.data_year) & column.is_null(False) & (column != 0)
        )
        label = "技术合同成交额" if key == "tech_contract_sum" else "产值"
        return [_row(r, r["figure"], f"{ctx.data_year} 年{label}") for r in query.dicts()]
    if key == "new_carriers":
        query = (
            _carriers(service, ctx)
            .select(Carrier, Street.name.alias("street_name"))
            .join(Street, JOIN.LEFT_OUTER, on=(Carrier.street == Street.id))
            .order_by(Carrier.recognized_on, Carrier.name)
        )
        return [
            DrillRow(
                c["name"],
                c["operator_credit_code"],
                c["street_name"],
                None,
                None,
                f"{c['kind']}（{c['level']}），认定于 {_day(c['recognized_on'])}",
                carrier_id=c["id"],
            )
            for c in query.dicts()
        ]
    if key == "above_scale_core":
        return _above_scale_rows(service, ctx)
    get_measure(key)
    raise AssertionError(key)  # pragma: no cover


def _above_scale_rows(service, ctx):
    listed = {
        r["id"]: r
        for r in _enterprises(service, ctx, Qualification)
        .where(valid_on(ref.QUAL_ABOVE_SCALE, ctx.as_of))
        .group_by(*_GROUP)
        .dicts()
    }
    revenue = {
        r["id"]: r
        for r in _enterprises(service, ctx, AnnualReport, AnnualReport.revenue)
        .where((AnnualReport.year == ctx.data_year) & (AnnualReport.revenue >= ABOVE_SCALE_REVENUE))
        .dicts()
    }
    result = []
    for eid in set(listed) | set(revenue):
        reasons = []
        if eid in listed:
            reasons.append("规模以上企业记录有效")
        if eid in revenue:
            reasons.append(f"{ctx.data_year} 年营业收入 {_amount(revenue[eid]['figure'])} 万元")
        r = listed.get(eid) or revenue[eid]
        key = (r["street_order"], r["name_pinyin"] or r["name"], eid)
        result.append((key, _row(r, None, "；".join(reasons))))
    return [row for _, row in sorted(result, key=lambda pair: pair[0])]


# --- query helpers -----------------------------------------------------------------------
def _sum_column(key):
    return (
        AnnualReport.tech_contract_amount
        if key == "tech_contract_sum"
        else AnnualReport.output_value
    )


def _narrow(service, query, ctx, street_column, industry_column=None):
    query = service.scope(query, street_column)
    if ctx.street_id:
        query = query.where(street_column == ctx.street_id)
    if ctx.industry_id and industry_column is not None:
        query = query.where(industry_column == ctx.industry_id)
    return query


def _reports(service, ctx):
    query = AnnualReport.select().join(Enterprise).where(AnnualReport.year == ctx.data_year)
    return _narrow(service, query, ctx, Enterprise.street, Enterprise.industry)


def _carriers(service, ctx):
    query = Carrier.select().where(
        Carrier.kind.in_(NEW_CARRIER_KINDS)
        & Carrier.recognized_on.is_null(False)
        & (Carrier.recognized_on >= ctx.since)
        & (Carrier.recognized_on <= ctx.as_of)
    )
    return _narrow(service, query, ctx, Carrier.street)


_GROUP = (
    Enterprise.id,
    Enterprise.name,
    Enterprise.credit_code,
    Enterprise.name_pinyin,
    Street.name,
    Street.sort_order,
    Industry.name,
)


def _enterprises(service, ctx, joined, figure=None):
    """Enterprise rows (name, code, street, field) joined to ``joined``, narrowed to ``ctx``."""
    columns = [
        Enterprise.id,
        Enterprise.name,
        Enterprise.credit_code,
        Enterprise.name_pinyin,
        Street.name.alias("street_name"),
        Street.sort_order.alias("street_order"),
        Industry.name.alias("field_name"),
    ]
    if figure is not None:
        columns.append(figure.alias("figure"))
    query = (
        Enterprise.select(*columns)
        .join(joined, on=(joined.enterprise == Enterprise.id))
        .switch(Enterprise)
        .join(Street, on=(Enterprise.street == Street.id))
        .switch(Enterprise)
        .join(Industry, JOIN.LEFT_OUTER, on=(Enterprise.industry == Industry.id))
        .order_by(Street.sort_order, Enterprise.name_pinyin, Enterprise.id)
    )
    return _narrow(service, query, ctx, Enterprise.street, Enterprise.industry)


def _row(r, figure, detail):
    return DrillRow(
        r["name"],
        r["credit_code"],
        r["street_name"],
        r["field_name"],
        None if figure is None else money(figure),
        detail,
        enterprise_id=r["id"],
    )


def _industry_name(industry_id):
    if not industry_id:
        return None
    return Industry.get_by_id(industry_id).name


def _day(day):
    return day.isoformat() if hasattr(day, "isoformat") else (day or "—")


def _amount(value):
    return f"{money(value):,f}"
