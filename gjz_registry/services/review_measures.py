"""The measures a carrier review indicator may read: each declared once, with unit and source.

An indicator (db.models.ReviewIndicator) names its measure by key; the administrator picks
among these, and nothing else can be scored.  Each measure reads one carrier's
:class:`Figures` of one year:

- ``year``: the carrier's yearly operations (载体年度运营, registry.carrier_years) — what the
  carrier reports; a field it left empty gives no value (scored 0, shown 未填报);
- ``counts``: the in-incubation counts computed from the residency history
  (services.carrier_counts.year_counts);
- ``outputs``: its residents' figures at the year's end from their annual data and
  qualifications (services.carrier_counts.resident_outputs).

Ratios are computed here in Decimal and rounded half up to 2 places (百分比).
"""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from db.models import CarrierYear
from gjz_registry.fields import ANNUAL, CARRIER_YEAR
from gjz_registry.services import carrier_counts

OPERATIONS = "载体年度运营"
HISTORY = "入驻记录（计算）"
RESIDENTS = "在孵企业年度数据"
CENT = Decimal("0.01")


@dataclasses.dataclass(frozen=True)
class Measure:
    """One computable measure: key, label, unit, source, definition and its reader."""

    key: str
    label: str
    unit: str
    source: str
    definition: str
    read: object = dataclasses.field(repr=False, compare=False)


@dataclasses.dataclass(frozen=True)
class Figures:
    """What a carrier's measures of one year are read from (any part may be None)."""

    year: object = None  # a CarrierYear row
    counts: object = None  # carrier_counts.YearCounts
    outputs: object = None  # carrier_counts.ResidentOutputs


def _field(name):
    def read(figures):
        return None if figures.year is None else getattr(figures.year, name)

    return read


def _count(name):
    def read(figures):
        return None if figures.counts is None else getattr(figures.counts, name)

    return read


def _output(name):
    def read(figures):
        return None if figures.outputs is None else getattr(figures.outputs, name)

    return read


def _mentors(figures):
    row = figures.year
    if row is None or (row.mentors_full is None and row.mentors_part is None):
        return None
    return (row.mentors_full or 0) + (row.mentors_part or 0)


def percent(part, whole):
    """part / whole × 100, rounded half up to 2 places; None when whole is 0 or unknown."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, ROUND_HALF_UP)


def _rd_intensity(figures):
    out = figures.outputs
    return None if out is None else percent(out.rd_expense, out.revenue)


def _area_share(figures):
    row = figures.year
    return None if row is None else percent(row.incubation_area_m2, row.site_area_m2)


def _share(figures):
    out = figures.outputs
    if out is None or out.tech_sme_share is None:
        return None
    return Decimal(out.tech_sme_share).quantize(CENT, ROUND_HALF_UP)


def _op(key, label, unit, name):
    """A figure of the yearly operations, as entered."""
    return (key, label, unit, OPERATIONS, f"年度运营「{CARRIER_YEAR.label(name)}」", _field(name))


def _sum(key, label, unit, name):
    """A sum over the residents' annual data."""
    definition = f"年末在孵企业年报「{ANNUAL.label(name)}」之和"
    return (key, label, unit, RESIDENTS, definition, _output(name))


_DEFINITIONS = (
    _op("seed_fund", "自有孵化种子基金金额", "万元", "seed_fund"),
    _op("fund_invested", "孵化基金投资额", "万元", "fund_invested"),
    _op("enterprises_invested", "已投资企业数", "家", "enterprises_invested"),
    _op("events", "主题活动数量", "场", "events"),
    ("mentors", "创业导师人数", "人", OPERATIONS, "专职与兼职创业导师之和", _mentors),
    _op("research_platforms", "省级以上研发平台", "个", "research_platforms"),
    _op("platforms", "公共服务平台", "个", "platforms"),
    _op("stations", "工位数", "个", "stations"),
    _op("incubation_area", "孵化场地面积", "平方米", "incubation_area_m2"),
    ("incubation_area_share", "孵化面积占比", "%", OPERATIONS,
     "孵化场地面积 ÷ 场地总面积 × 100", _area_share),
    _op("total_income", "载体总收入", "万元", "total_income"),
    ("residents_end", "年末在孵企业数", "家", HISTORY, "12 月 31 日在该载体的企业数",
     _count("end")),
    ("admitted", "年度新入孵企业数", "家", HISTORY, "年内入驻该载体的企业数", _count("admitted")),
    ("graduated", "年度培育毕业企业数", "家", HISTORY, "年内从该载体毕业的企业数",
     _count("graduated")),
    _sum("ip_granted", "知识产权授权总数", "件", "ip_granted"),
    _sum("invention_patents", "发明专利数", "件", "invention_patents"),
    ("new_high_tech", "新增高新技术企业数", "家", RESIDENTS,
     "年末在孵企业中当年认定为高新技术企业的", _output("new_high_tech")),
    ("high_tech", "在孵高新技术企业数", "家", RESIDENTS,
     "年末在孵企业中 12 月 31 日高新技术企业证书有效的", _output("high_tech")),
    ("tech_sme_share", "科技型中小企业占比", "%", RESIDENTS,
     "年末在孵企业中科技型中小企业（入库有效）所占百分比", _share),
    _sum("resident_revenue", "在孵企业总收入", "万元", "revenue"),
    _sum("resident_rd", "在孵企业研发投入", "万元", "rd_expense"),
    ("rd_intensity", "在孵企业研发投入强度", "%", RESIDENTS, "研发费用之和 ÷ 营业收入之和 × 100",
     _rd_intensity),
    ("financed", "获得投融资的在孵企业数", "家", RESIDENTS,
     "年末在孵企业中年报「获得投资」大于 0 的", _output("financed")),
    _sum("employees", "在孵企业从业人员", "人", "employees"),
)  # fmt: skip
MEASURES = {d[0]: Measure(*d) for d in _DEFINITIONS}


def figures_of(carrier_ids, year):
    """{carrier id: Figures} of ``year`` for ``carrier_ids``."""
    ids = list(carrier_ids)
    if not ids:
        return {}
    rows = {
        r.carrier_id: r
        for r in CarrierYear.select().where(
            CarrierYear.carrier.in_(ids) & (CarrierYear.year == year)
        )
    }
    counts = carrier_counts.year_counts(ids, year)
    outputs = carrier_counts.resident_outputs(ids, year)
    return {i: Figures(rows.get(i), counts.get(i), outputs.get(i)) for i in ids}


def value_of(key, figures):
    """The value of measure ``key`` for ``figures`` (a number, or None when not reported)."""
    value = MEASURES[key].read(figures)
    return None if value is None else Decimal(value)
