"""Migration 0016: the carrier performance review's indicators as data (载体绩效评价指标).

A new table ``review_indicator`` holds, per carrier kind (reference.CARRIER_KINDS), the
indicators of the yearly review: code, name, group (指标类别), the computed measure it reads
(a key of gjz_registry.services.review_measures.MEASURES), weight, scoring rule (线性: full
marks at ≥ ``full_at``, none at ≤ ``zero_at``, linear between — reversed for 逆向; 分档:
``bands`` such as ``3:100;2:70;1:40``, the share of the weight from each threshold on),
direction, sort order and an active flag.  The administrator edits them afterwards; the
active weights of a kind always sum to 100 (services/reviews.py checks every edit).

The seed is a starting point, not a copy of any one official table:

- the peers' yearly carrier performance template quoted in issue 19 (自有孵化种子基金金额,
  已投资企业数, 主题活动数量, 年末在孵企业数, 年度培育毕业企业数, 知识产权授权总数,
  新增高新技术企业数, 科技型中小企业占比, 省级以上研发平台) gives the incubators' and
  makerspaces' indicators;
- 科技部火炬中心《科技企业孵化器评价指标体系》(国科火字〔2019〕239号, 2019-12-20:
  classified evaluation, quantitative indicators taken from the carriers' yearly Torch
  statistics, efficiency indicators beside absolute ones) and its predecessor
  《科技企业孵化器评价指标体系（试行）》 (一级指标 社会效益 40、孵化效率 25 …) give the three
  groups used here — 服务能力, 孵化绩效, 可持续发展 — and the measures they add: 创业导师,
  在孵企业研发投入强度, 获得投融资的在孵企业.  The national systems weigh qualitative parts
  (expert review, management) that the registry cannot compute; the weights and thresholds
  below are therefore the district's own, for it to adjust.

Uses plain tables, never the app's models.
"""

import datetime

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    DecimalField,
    IntegerField,
    Model,
    Table,
    TextField,
)

NAME = "review_indicators"

SERVICE, RESULTS, GROWTH = "服务能力", "孵化绩效", "可持续发展"
LINEAR, BANDED = "线性", "分档"

# carrier kind → (code, name, group, measure, weight, rule, full_at, zero_at, bands)
SEED = {
    "孵化器": (
        ("I01", "自有孵化种子基金金额", SERVICE, "seed_fund", 10, LINEAR, 500, 0, None),
        ("I02", "已投资企业数", SERVICE, "enterprises_invested", 8, LINEAR, 5, 0, None),
        ("I03", "主题活动数量", SERVICE, "events", 6, LINEAR, 12, 0, None),
        ("I04", "创业导师人数", SERVICE, "mentors", 6, LINEAR, 10, 0, None),
        ("I05", "省级以上研发平台", SERVICE, "research_platforms", 8, BANDED, None, None,
         "3:100;2:70;1:40"),
        ("I06", "年末在孵企业数", RESULTS, "residents_end", 12, LINEAR, 50, 10, None),
        ("I07", "年度培育毕业企业数", RESULTS, "graduated", 12, LINEAR, 5, 0, None),
        ("I08", "知识产权授权总数", RESULTS, "ip_granted", 10, LINEAR, 50, 0, None),
        ("I09", "新增高新技术企业数", RESULTS, "new_high_tech", 10, LINEAR, 5, 0, None),
        ("I10", "科技型中小企业占比", RESULTS, "tech_sme_share", 10, LINEAR, 60, 10, None),
        ("I11", "在孵企业研发投入强度", GROWTH, "rd_intensity", 4, LINEAR, 5, 0, None),
        ("I12", "获得投融资的在孵企业数", GROWTH, "financed", 4, LINEAR, 5, 0, None),
    ),
    "众创空间(苗圃)": (
        ("M01", "自有孵化种子基金金额", SERVICE, "seed_fund", 10, LINEAR, 100, 0, None),
        ("M02", "已投资企业数", SERVICE, "enterprises_invested", 8, LINEAR, 3, 0, None),
        ("M03", "主题活动数量", SERVICE, "events", 15, LINEAR, 24, 0, None),
        ("M04", "创业导师人数", SERVICE, "mentors", 10, LINEAR, 10, 0, None),
        ("M05", "工位数", SERVICE, "stations", 7, LINEAR, 100, 20, None),
        ("M06", "省级以上研发平台", SERVICE, "research_platforms", 5, BANDED, None, None, "1:100"),
        ("M07", "年末在孵企业数", RESULTS, "residents_end", 15, LINEAR, 30, 0, None),
        ("M08", "年度培育毕业企业数", RESULTS, "graduated", 10, LINEAR, 3, 0, None),
        ("M09", "知识产权授权总数", RESULTS, "ip_granted", 10, LINEAR, 20, 0, None),
        ("M10", "科技型中小企业占比", RESULTS, "tech_sme_share", 10, LINEAR, 30, 0, None),
    ),
    "加速器": (
        ("A01", "年末在孵企业数", RESULTS, "residents_end", 15, LINEAR, 30, 5, None),
        ("A02", "在孵企业总收入", RESULTS, "resident_revenue", 15, LINEAR, 50000, 0, None),
        ("A03", "在孵企业研发投入", RESULTS, "resident_rd", 10, LINEAR, 3000, 0, None),
        ("A04", "知识产权授权总数", RESULTS, "ip_granted", 10, LINEAR, 100, 0, None),
        ("A05", "新增高新技术企业数", RESULTS, "new_high_tech", 10, LINEAR, 5, 0, None),
        ("A06", "在孵高新技术企业数", RESULTS, "high_tech", 10, LINEAR, 15, 0, None),
        ("A07", "省级以上研发平台", SERVICE, "research_platforms", 10, BANDED, None, None,
         "5:100;3:70;1:40"),
        ("A08", "主题活动数量", SERVICE, "events", 5, LINEAR, 6, 0, None),
        ("A09", "在孵企业研发投入强度", GROWTH, "rd_intensity", 10, LINEAR, 5, 0, None),
        ("A10", "获得投融资的在孵企业数", GROWTH, "financed", 5, LINEAR, 5, 0, None),
    ),
    "产业化基地": (
        ("B01", "年末在孵企业数", RESULTS, "residents_end", 10, LINEAR, 20, 0, None),
        ("B02", "在孵企业总收入", RESULTS, "resident_revenue", 20, LINEAR, 200000, 0, None),
        ("B03", "在孵企业研发投入", RESULTS, "resident_rd", 15, LINEAR, 10000, 0, None),
        ("B04", "在孵高新技术企业数", RESULTS, "high_tech", 15, LINEAR, 20, 0, None),
        ("B05", "知识产权授权总数", RESULTS, "ip_granted", 10, LINEAR, 200, 0, None),
        ("B06", "在孵企业从业人员", RESULTS, "employees", 10, LINEAR, 3000, 0, None),
        ("B07", "省级以上研发平台", SERVICE, "research_platforms", 10, BANDED, None, None,
         "5:100;3:70;1:40"),
        ("B08", "在孵企业研发投入强度", GROWTH, "rd_intensity", 10, LINEAR, 3, 0, None),
    ),
}  # fmt: skip


class ReviewIndicator(Model):
    """Frozen copy of db.models.ReviewIndicator as of schema version 16."""

    id = AutoField()
    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = IntegerField(default=1)
    carrier_kind = CharField(max_length=20)
    code = CharField(max_length=20)
    name = CharField(max_length=100)
    category = CharField(max_length=20, null=True)
    measure = CharField(max_length=40)
    weight = DecimalField(max_digits=6, decimal_places=2)
    rule = CharField(max_length=10, default=LINEAR)
    full_at = DecimalField(max_digits=16, decimal_places=4, null=True)
    zero_at = DecimalField(max_digits=16, decimal_places=4, null=True)
    bands = CharField(max_length=200, null=True)
    direction = CharField(max_length=4, default="正向")
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)
    note = TextField(null=True)

    class Meta:
        table_name = "review_indicator"
        indexes = ((("carrier_kind", "code"), True),)


def seed_rows(stamp):
    """The seed as plain rows (also read by the tests)."""
    rows = []
    for kind, indicators in SEED.items():
        for order, (code, name, group, measure, weight, rule, full, zero, bands) in enumerate(
            indicators, start=1
        ):
            rows.append(
                dict(
                    created_at=stamp,
                    updated_at=stamp,
                    version=1,
                    carrier_kind=kind,
                    code=code,
                    name=name,
                    category=group,
                    measure=measure,
                    weight=weight,
                    rule=rule,
                    full_at=full,
                    zero_at=zero,
                    bands=bands,
                    direction="正向",
                    sort_order=order,
                    active=True,
                )
            )
    return rows


def up(db, is_sqlite):
    with db.bind_ctx([ReviewIndicator]):
        db.create_tables([ReviewIndicator])
    stamp = datetime.datetime.now().replace(microsecond=0)
    rows = seed_rows(stamp)
    Table("review_indicator", list(rows[0])).bind(db).insert(rows).execute()
