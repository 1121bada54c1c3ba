"""The carrier performance review (services/reviews.py): scores of a hand-built year computed
exactly, the ranking and its ties, and the indicators' edits (weights must sum to 100)."""

from decimal import Decimal

import pytest

from db.models import AuditLog
from gjz_registry.errors import InvalidValueError, OutOfScopeError, RuleError
from gjz_registry.services.review_indicators import EDITABLE
from tests.conftest import enterprise_data

YEAR = 2023
INCUBATOR, MAKERSPACE = "孵化器", "众创空间(苗圃)"


def indicator(code, name, measure, weight, full=None, zero=None, bands=None):
    rule = "分档" if bands else "线性"
    return dict(
        code=code, name=name, measure=measure, weight=weight, rule=rule, full_at=full,
        zero_at=zero, bands=bands, category="孵化绩效",
    )  # fmt: skip


INCUBATOR_INDICATORS = [
    indicator("T1", "种子基金", "seed_fund", 40, 500, 100),
    indicator("T2", "年末在孵", "residents_end", 30, 2, 0),
    indicator("T3", "科小占比", "tech_sme_share", 20, bands="50:100;20:50"),
    indicator("T4", "研发强度", "rd_intensity", 10, 10, 0),
]
MAKERSPACE_INDICATORS = [
    indicator("S1", "活动", "events", 50, 24, 0),
    indicator("S2", "导师", "mentors", 30, 10, 0),
    indicator("S3", "毕业", "graduated", 20, 2, 0),
]


@pytest.fixture
def year(admin):
    """Two incubators and a makerspace with a year of operations and residents (2023)."""
    reviews = admin.reviews
    reviews.save_indicators(INCUBATOR, INCUBATOR_INDICATORS)
    reviews.save_indicators(MAKERSPACE, MAKERSPACE_INDICATORS)
    make = admin.carriers.create
    a = make({"name": "甲科技孵化器", "kind": INCUBATOR, "street": "大连湾街道"}).id
    b = make({"name": "乙科技孵化器", "kind": INCUBATOR, "street": "南关岭街道"}).id
    m = make({"name": "丙众创空间", "kind": MAKERSPACE, "street": "大连湾街道"}).id
    admin.carrier_years.save(a, YEAR, {"seed_fund": 300})
    admin.carrier_years.save(b, YEAR, {"seed_fund": 100})
    admin.carrier_years.save(m, YEAR, {"events": 6, "mentors_full": 2, "mentors_part": 3})
    people = {}
    for n, carrier, entered, revenue, rd in (
        (1, a, "2022-03-01", 1000, 50),
        (2, a, "2023-05-01", 200, 70),
        (3, b, "2023-02-01", 300, 10),
        (4, m, "2022-01-01", None, None),
    ):
        e = admin.enterprises.create(enterprise_data(n, founded_on="2021-10-01"))
        admin.incubation.admit(e.id, carrier, entered)
        if revenue is not None:
            admin.annual.save(e.id, YEAR, {"revenue": revenue, "rd_expense": rd})
        people[n] = e.id
    admin.qualifications.add(people[1], "科技型中小企业", "2023210211A0000001")
    admin.incubation.graduate(people[4], "2023-09-01", "merger_or_listing", "2023年被收购")
    return dict(a=a, b=b, m=m)


def lines(review):
    return [(r.code, r.value, r.points) for r in review.rows]


def test_scores_of_a_hand_built_year_are_exact(admin, year):
    a = admin.reviews.scores(year["a"], YEAR)
    # 种子基金 300: (300-100)/(500-100) of 40; 2 residents: full 30; 科小 1 of 2 = 50 %: the
    # first band, 20; R&D (50+70)/(1000+200) = 10 %: full 10
    assert lines(a) == [
        ("T1", Decimal(300), Decimal("20.00")),
        ("T2", Decimal(2), Decimal("30.00")),
        ("T3", Decimal("50.00"), Decimal("20.00")),
        ("T4", Decimal("10.00"), Decimal("10.00")),
    ]
    assert (a.total, a.rank, a.ranked, a.reported) == (Decimal("80.00"), 1, 2, True)
    b = admin.reviews.scores(year["b"], YEAR)
    # 100 is the zero mark; 1 resident: half of 30; 科小 0 %; R&D 10/300 = 3.33 %: 3.33 of 10
    assert lines(b) == [
        ("T1", Decimal(100), Decimal("0.00")),
        ("T2", Decimal(1), Decimal("15.00")),
        ("T3", Decimal("0.00"), Decimal("0.00")),
        ("T4", Decimal("3.33"), Decimal("3.33")),
    ]
    assert (b.total, b.rank) == (Decimal("18.33"), 2)
    m = admin.reviews.scores(year["m"], YEAR)
    # 6 of 24 events: 12.5; 2 + 3 mentors of 10: 15; 1 graduate of 2: 10
    assert lines(m) == [
        ("S1", Decimal(6), Decimal("12.50")),
        ("S2", Decimal(5), Decimal("15.00")),
        ("S3", Decimal(1), Decimal("10.00")),
    ]
    assert (m.total, m.rank, m.ranked) == (Decimal("37.50"), 1, 1)
    assert m.rows[0].rule == "≥24场 满分，≤0场 零分，之间按比例"


def test_a_figure_not_reported_scores_nothing(admin, year):
    admin.carrier_years.save(year["a"], YEAR, {"seed_fund": None}, version=1)
    a = admin.reviews.scores(year["a"], YEAR)
    assert a.rows[0].value is None and a.rows[0].points == 0 and a.total == Decimal("60.00")


def test_ranking_ties_share_a_rank_and_are_listed_by_name(admin, year):
    make = admin.carriers.create
    for name in ("丁科技孵化器", "戊科技孵化器"):  # nothing reported: 0 points each
        make({"name": name, "kind": INCUBATOR, "street": "大连湾街道"})
    ranking = admin.reviews.ranking(YEAR, INCUBATOR)
    assert [(r.rank, r.name, r.total) for r in ranking] == [
        (1, "甲科技孵化器", Decimal("80.00")),
        (2, "乙科技孵化器", Decimal("18.33")),
        (3, "丁科技孵化器", Decimal("0.00")),  # ding before wu: by the name's pinyin
        (3, "戊科技孵化器", Decimal("0.00")),
    ]


def test_equal_totals_share_the_rank(admin, year):
    # b gets a's figures: seed fund 300, and a second resident with a's annual data
    admin.carrier_years.save(year["b"], YEAR, {"seed_fund": 300}, version=1)
    e = admin.enterprises.create(enterprise_data(5, founded_on="2021-10-01"))
    admin.incubation.admit(e.id, year["b"], "2023-03-01")
    admin.annual.save(e.id, YEAR, {"revenue": 900, "rd_expense": 110})
    admin.qualifications.add(e.id, "科技型中小企业", "2023210211A0000005")
    ranking = admin.reviews.ranking(YEAR, INCUBATOR)
    assert [(r.rank, r.name, r.total) for r in ranking] == [
        (1, "甲科技孵化器", Decimal("80.00")),
        (1, "乙科技孵化器", Decimal("80.00")),  # jia before yi
    ]


def test_a_clerk_sees_the_own_streets_carriers_with_their_district_ranks(clerk, year):
    assert [(r.name, r.rank) for r in clerk.reviews.ranking(YEAR)] == [
        ("丙众创空间", 1),
        ("甲科技孵化器", 1),
    ]
    with pytest.raises(OutOfScopeError, match="街道用户只能查看本街道的数据"):
        clerk.reviews.scores(year["b"], YEAR)


def _rows(admin, kind, **weights):
    rows = [{f: getattr(x, f) for f in EDITABLE} for x in admin.reviews.indicators(kind)]
    for row in rows:
        row["weight"] = weights.get(row["code"], row["weight"])
    return rows


def test_weights_not_summing_to_100_are_refused_and_nothing_is_written(admin):
    before = AuditLog.select().count()
    stored = admin.reviews.indicators(INCUBATOR)
    with pytest.raises(RuleError) as refused:
        admin.reviews.save_indicators(INCUBATOR, _rows(admin, INCUBATOR, I01=15))
    assert str(refused.value) == (
        "「孵化器」启用的评价指标权重合计为 105，应为 100："
        "请调整各指标的权重（或启用、停用指标）后再保存"
    )
    first = stored[0]
    with pytest.raises(RuleError, match="合计为 95，应为 100"):
        admin.reviews.update_indicator(first.id, {"weight": 5}, version=first.version)
    with pytest.raises(RuleError, match="合计为 90，应为 100"):
        admin.reviews.update_indicator(first.id, {"active": False}, version=first.version)
    assert admin.reviews.indicators(INCUBATOR) == stored
    assert AuditLog.select().count() == before
    # moving weight between two indicators keeps 100: saved, one audit row each
    admin.reviews.save_indicators(INCUBATOR, _rows(admin, INCUBATOR, I01=15, I02=3))
    assert AuditLog.select().count() == before + 2
    assert [i.weight for i in admin.reviews.indicators(INCUBATOR)][:2] == [15, 3]


def test_the_seed_weighs_100_per_kind_and_reads_only_known_measures(admin):
    from gjz_registry import reference as ref
    from gjz_registry.services.review_measures import MEASURES

    for kind in ref.CARRIER_KINDS:
        rows = admin.reviews.indicators(kind)
        assert rows and sum(r.weight for r in rows) == 100
        assert all(r.measure in MEASURES and r.rule_text for r in rows)
    names = {r.name for r in admin.reviews.indicators(INCUBATOR)}
    assert {"自有孵化种子基金金额", "已投资企业数", "主题活动数量", "年末在孵企业数",
            "年度培育毕业企业数", "知识产权授权总数", "新增高新技术企业数",
            "科技型中小企业占比", "省级以上研发平台"} <= names  # fmt: skip


@pytest.mark.parametrize(
    "change, message",
    [
        ({"measure": "利润"}, "计算口径「利润」不存在"),
        ({"rule": "分档", "bands": "三档"}, "应写成「门槛:得分比例」"),
        ({"full_at": 0, "zero_at": 500}, "满分值（0）应大于零分值（500）"),
        ({"weight": "十"}, "「权重」应为数字"),
        ({"weight": "NaN"}, "「权重」应为数字"),
        ({"full_at": "Infinity"}, "应为数字"),
        ({"rule": "分档", "bands": "3:NaN"}, "不是数字"),
        ({"rule": "分档", "bands": "sNaN:100"}, "不是数字"),
    ],
)
def test_an_indicator_that_cannot_score_is_refused(admin, change, message):
    first = admin.reviews.indicators(INCUBATOR)[0]
    with pytest.raises(InvalidValueError, match=message):
        admin.reviews.update_indicator(first.id, change, version=first.version)
