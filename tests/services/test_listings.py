"""Listing service: rows of the printed lists (sorted, filtered, in scope); statistics data."""

import datetime

import pytest

from db.models import Street
from gjz_registry.errors import InvalidValueError
from gjz_registry.services.search import pinyin_keys
from tests.conftest import enterprise_data, make_code

TODAY = datetime.date.today()
YEAR = TODAY.year

NAMES = {  # street → names, deliberately not in pinyin order
    "大连湾街道": ["大连中科技有限公司", "大连阿尔法科技有限公司", "大连北洋科技有限公司"],
    "南关岭街道": ["大连泽远科技有限公司", "大连安泰科技有限公司"],
}


@pytest.fixture
def listed(admin):
    """High-tech and tech-SME holders in two streets, one expired and one revoked."""
    n = 0
    made = {}
    for street, names in NAMES.items():
        for name in names:
            n += 1
            e = admin.enterprises.create(enterprise_data(n, name=name, street=street))
            made[name] = e
            granted = TODAY - datetime.timedelta(days=100)
            admin.qualifications.add(
                e.id, "高新技术企业", f"GR{granted.year}2100{n:04d}", granted_on=granted
            )
            admin.qualifications.add(e.id, "科技型中小企业", f"{YEAR}210211A{n:07d}", year=YEAR)
    old = admin.enterprises.create(enterprise_data(50, name="大连过期科技有限公司"))
    admin.qualifications.add(old.id, "高新技术企业", "GR201821000050", granted_on="2018-11-01")
    gone = admin.enterprises.create(enterprise_data(51, name="大连撤销科技有限公司"))
    q = admin.qualifications.add(
        gone.id, "高新技术企业", f"GR{YEAR - 1}21000051", granted_on=datetime.date(YEAR - 1, 3, 1)
    )
    admin.qualifications.revoke(q.id, TODAY - datetime.timedelta(days=5), "弄虚作假")
    return made


def _street_order():
    return {s.name: s.sort_order for s in Street.select()}


def _sorted(names_by_street):
    order = _street_order()
    rows = [(street, name) for street, names in names_by_street.items() for name in names]
    rows.sort(key=lambda r: (order[r[0]], pinyin_keys(r[1])[0]))
    return [name for _, name in rows]


def test_high_tech_list_is_sorted_by_street_then_pinyin_and_matches_the_count(admin, listed):
    listing = admin.listings.listing("high-tech-list")
    assert listing.title == f"甘井子区{YEAR}年高新技术企业名单"
    assert listing.columns[:3] == ["企业名称", "统一社会信用代码", "所属街道"]
    assert "证书编号" in listing.columns and "有效期至" in listing.columns
    assert [r[0] for r in listing.rows] == _sorted(NAMES)
    assert len(listing.rows) == admin.statistics.valid_count("高新技术企业", TODAY)
    assert listing.unit_name == "甘井子区科学技术局" and listing.date == TODAY


def test_a_past_year_lists_what_was_valid_at_its_end(admin, listed):
    listing = admin.listings.high_tech(year=2019)
    assert [r[0] for r in listing.rows] == ["大连过期科技有限公司"]
    last_year = admin.listings.high_tech(year=YEAR - 1)
    assert "大连撤销科技有限公司" in [r[0] for r in last_year.rows]  # revoked only this year
    assert "（截至2019年12月31日）" == listing.subtitle


def test_street_filter_and_street_users_scope(admin, clerk, listed):
    only = admin.listings.tech_sme(street="南关岭街道")
    assert [r[0] for r in only.rows] == _sorted({"南关岭街道": NAMES["南关岭街道"]})
    assert "所属街道：南关岭街道" in only.subtitle
    mine = clerk.listings.tech_sme()
    assert {r[2] for r in mine.rows} == {"大连湾街道"}
    assert "大连湾街道" in mine.subtitle


def test_a_street_user_asking_for_another_street_is_told_why_the_list_is_empty(clerk, listed):
    """The list is empty (the account sees only its street): its subtitle must not read as
    「南关岭街道 has none」 on paper signed by the 大连湾街道 office."""
    for kind in ("high-tech-list", "tech-sme-list", "carrier-list", "residents"):
        other = clerk.listings.listing(kind, street="南关岭街道")
        assert other.rows == []
        assert "本账户只能查看大连湾街道的数据" in other.subtitle, other.subtitle
    assert "本账户" not in clerk.listings.tech_sme(street="大连湾街道").subtitle


def test_bad_kind_and_year_are_refused(admin):
    with pytest.raises(InvalidValueError, match="未知的名单种类"):
        admin.listings.listing("phone-book")
    with pytest.raises(InvalidValueError, match="年度"):
        admin.listings.high_tech(year=YEAR + 1)
    with pytest.raises(InvalidValueError, match="街道"):
        admin.listings.high_tech(street="不存在街道")


def test_carrier_list_and_residents(admin):
    recent = (TODAY - datetime.timedelta(days=200)).isoformat()
    inc = admin.carriers.create(
        {
            "name": "甘井子区乙孵化器",
            "kind": "孵化器",
            "street": "大连湾街道",
            "level": "市级",
            "recognized_on": "2019-01-01",
            "operator_name": "大连乙运营有限公司",
            "operator_credit_code": make_code(901),
        }
    )
    admin.carriers.create({"name": "甘井子区甲孵化器", "kind": "孵化器", "street": "大连湾街道"})
    a = admin.enterprises.create(enterprise_data(1, name="大连乙科技有限公司", founded_on=recent))
    b = admin.enterprises.create(enterprise_data(2, name="大连甲科技有限公司", founded_on=recent))
    for e in (a, b):
        admin.incubation.admit(e.id, inc.id, TODAY - datetime.timedelta(days=30))
    carriers = admin.listings.carriers()
    assert [r[0] for r in carriers.rows] == ["甘井子区甲孵化器", "甘井子区乙孵化器"]
    assert carriers.rows[1][-1] == 2
    recognised = admin.listings.carriers(year=2019)
    assert [r[0] for r in recognised.rows] == ["甘井子区乙孵化器"]
    assert recognised.rows[0][-1] == 0  # nobody there at the end of 2019
    residents = admin.listings.residents()
    assert [r[0] for r in residents.rows] == ["大连甲科技有限公司", "大连乙科技有限公司"]
    assert residents.rows[0][3:5] == ["甘井子区乙孵化器", "孵化器"]
    assert admin.listings.residents(year=YEAR - 1).rows == []


def test_statistics_report_is_assembled_from_the_statistics_service(admin, listed):
    report = admin.listings.statistics_report()
    titles = [s["title"] for s in report["sections"]]
    assert titles[:3] == ["各街道孵化阶段分布", "各街道产业领域分布", "孵化链漏斗"]
    assert len(titles) == 9  # the last three: the carriers in the year (carrier_stats)
    stage = report["sections"][0]
    assert stage["totals"][-1] == admin.statistics.street_stage().total
    quals = report["sections"][3]
    holders = sum(len(names) for names in NAMES.values())  # expired and revoked left out
    assert quals["rows"][-1] == [str(YEAR), holders, len(listed)]
    for section in report["sections"]:
        for row in section["rows"]:
            assert len(row) == len(section["headers"])
        chart = section["chart"]
        if chart:
            assert chart["kind"] in ("bar", "pie")
            assert all(len(values) == len(chart["labels"]) for _, values in chart["series"])
