"""One rule for «a qualification is valid on day D» (services.validity), asked everywhere.

Enterprises with overlapping, superseded, revoked, future-dated and undated 高新技术企业
certificates; on days just before, at and after each boundary the dashboard count
(statistics.valid_count), the enterprise list's 资质 filter, the qualification screen's list,
the graduation check and each record's own answer must name the same enterprises — and at
each year's end also the printed list, the export (list and enterprise sheet) and
``stats qualifications``.  ``--year`` means the same in the export and the report;
``--granted-in`` is the year's newly recognised ones, under its own title.
"""

import datetime

import pytest

from db.models import Qualification
from gjz_registry import reference as ref
from gjz_registry.errors import InvalidValueError
from gjz_registry.exchange.reader import open_workbook
from gjz_registry.services.validity import is_valid, valid_on
from tests.conftest import enterprise_data

D = datetime.date
HT = ref.QUAL_HIGH_TECH
TODAY = datetime.date.today()


def _name(n):
    return enterprise_data(n)["name"]


@pytest.fixture
def world(admin):
    """{n: enterprise id}; the certificates of each enterprise n are described inline."""
    ids = {}
    for n in (1, 2, 3, 4, 5, 6, 7, 8, 10):
        ids[n] = admin.enterprises.create(enterprise_data(n, founded_on="2015-01-01")).id
    quals = admin.qualifications

    def add(n, number, granted):
        return quals.add(ids[n], HT, number, granted_on=granted)

    add(1, "GR202021000001", "2020-03-10")  # plain: valid 2020-03-10 … 2023-03-09
    add(2, "GR201921000002", "2019-06-01")  # superseded on 2021-09-15 by a certificate …
    newer = add(2, "GR202121000002", "2021-09-15")
    quals.revoke(newer.id, D(2021, 12, 1), "复核不合格")  # … revoked on 2021-12-01
    third = add(3, "GR202021000003", "2020-05-20")
    quals.revoke(third.id, D(2021, 4, 1), "撤销")  # revoked: last valid day 2021-03-31
    add(4, "GR202121000004", "2021-07-01")  # begins inside the days looked at
    Qualification.create(  # undated (an old register's row): valid from 1 January 2021
        enterprise=ids[5], kind=HT, number="GR202121000005", year=2021, expires_on=D(2023, 12, 31)
    )
    add(6, "GR201921000006", "2019-01-10")  # overlapping: two open certificates,
    Qualification.create(  # the second not superseding the first (an import of old data)
        enterprise=ids[6],
        kind=HT,
        number="GR202021000016",
        granted_on=D(2020, 11, 1),
        year=2020,
        expires_on=D(2023, 10, 31),
    )
    Qualification.create(  # future-dated: begins ten days from today
        enterprise=ids[7],
        kind=HT,
        number=f"GR{TODAY.year}21000007",
        granted_on=TODAY + datetime.timedelta(days=10),
        year=TODAY.year,
        expires_on=TODAY + datetime.timedelta(days=1000),
    )
    eighth = add(8, "GR202021000008", "2020-02-02")
    quals.revoke(eighth.id, D(2021, 12, 31), "撤销")  # revoked on a year's last day
    recent = TODAY - datetime.timedelta(days=10)
    add(10, f"GR{recent.year}21000010", recent)  # valid today
    return ids


# day → the enterprises (n) holding a valid 高新技术企业 certificate that day
EXPECTED = {
    D(2020, 12, 31): {1, 2, 3, 6, 8},
    D(2021, 1, 1): {1, 2, 3, 5, 6, 8},  # the undated one begins
    D(2021, 3, 31): {1, 2, 3, 5, 6, 8},
    D(2021, 4, 1): {1, 2, 5, 6, 8},  # revoked from this day on
    D(2021, 6, 30): {1, 2, 5, 6, 8},
    D(2021, 7, 1): {1, 2, 4, 5, 6, 8},  # granted this day
    D(2021, 9, 14): {1, 2, 4, 5, 6, 8},
    D(2021, 9, 15): {1, 2, 4, 5, 6, 8},  # the successor takes over
    D(2021, 11, 30): {1, 2, 4, 5, 6, 8},
    D(2021, 12, 1): {1, 4, 5, 6, 8},  # successor revoked: the superseded one does not return
    D(2021, 12, 30): {1, 4, 5, 6, 8},
    D(2021, 12, 31): {1, 4, 5, 6},
    D(2022, 1, 9): {1, 4, 5, 6},  # the first of two overlapping certificates ends
    D(2022, 1, 10): {1, 4, 5, 6},
    D(2022, 12, 31): {1, 4, 5, 6},
    D(2023, 3, 9): {1, 4, 5, 6},  # last valid day
    D(2023, 3, 10): {4, 5, 6},
    D(2023, 12, 31): {4, 5},
    TODAY: {10},
    TODAY + datetime.timedelta(days=9): {10},
    TODAY + datetime.timedelta(days=10): {7, 10},  # the future-dated one begins
}
YEARS = (2020, 2021, 2022, 2023)
DASHBOARD_DAYS = (D(2020, 12, 31), D(2021, 4, 1), D(2021, 12, 1), TODAY)  # a full load is slow


class _Recorder:
    """A dashboard view that keeps what it was shown: ``shown[method] = args``."""

    def __init__(self):
        self.shown = {}

    def __getattr__(self, name):
        return lambda *args: self.shown.__setitem__(name, args)


def _dashboard_count(registry, day):
    from ui import texts as T
    from ui.views.dashboard import DashboardPresenter

    view = _Recorder()
    DashboardPresenter(registry, view, today=day).load()
    return dict(view.shown["show_cards"][0])[T.DASH_CARD_HIGH_TECH]


def _names(ns):
    return sorted(_name(n) for n in ns)


def _sheet(path, sheet):
    with open_workbook(path) as workbook:
        return list(workbook.rows(sheet))


def test_every_place_names_the_same_enterprises_on_every_day(admin, world, tmp_path):
    by_id = {eid: n for n, eid in world.items()}
    records = {n: admin.qualifications.for_enterprise(eid) for n, eid in world.items()}
    for day, expected in EXPECTED.items():
        want = _names(expected)
        # the statistics' count, and the dashboard's card that shows it
        assert admin.statistics.valid_count(HT, day) == len(expected), day
        if day in DASHBOARD_DAYS:
            assert _dashboard_count(admin, day) == len(expected), day
        # the enterprise list's 资质 filter (and its count)
        page = admin.enterprises.list(qualification=HT, as_of=day, limit=100)
        assert sorted(e.name for e in page.items) == want, day
        assert admin.enterprises.count(qualification=HT, as_of=day) == len(expected), day
        # the qualification screen's 有效资质 list: one row per enterprise
        current = admin.qualifications.current(HT, day)
        assert sorted(q.enterprise_name for q in current) == want, day
        # the graduation check
        holds = {
            n
            for n, eid in world.items()
            for check in admin.incubation.graduation_checks(eid, on_date=day)
            if check.key == "high_tech" and check.holds
        }
        assert holds == expected, day
        # each record's own answer
        assert {n for n, qs in records.items() if any(q.valid_on(day) for q in qs)} == expected
        assert {
            by_id[q.enterprise_id] for q in Qualification.select().where(valid_on(HT, day))
        } == expected, day


def test_year_ends_agree_in_lists_exports_and_stats(admin, world, tmp_path):
    table = admin.statistics.qualification_counts(YEARS)
    counts = {int(year): values[0] for year, values in table.rows}
    for year in YEARS:
        expected = EXPECTED[D(year, 12, 31)]
        want = _names(expected)
        assert counts[year] == len(expected), year  # stats qualifications
        listing = admin.listings.listing("high-tech-list", year=year)
        assert sorted(row[0] for row in listing.rows) == want, year
        assert listing.title == f"甘井子区{year}年高新技术企业名单"
        path = tmp_path / f"high-{year}.xlsx"
        assert admin.exchange.export("high-tech", path, year=year).rows == len(expected)
        assert sorted(r[1] for r in _sheet(path, "高新技术企业名单")[1:]) == want, year
        sheet = tmp_path / f"enterprises-{year}.xlsx"
        admin.exchange.export("enterprises", sheet, year=year, qualification=HT)
        rows = _sheet(sheet, "企业信息")
        assert sorted(r[1] for r in rows[1:]) == want, year
        # the enterprise sheet's certificate column holds the certificate valid that day
        column = rows[0].index("高新技术企业证书编号")
        assert all(r[column] for r in rows[1:]), year


def test_granted_in_is_its_own_list(admin, world, tmp_path):
    recognised = {2019: {2, 6}, 2020: {1, 3, 6, 8}, 2021: {4, 5}}  # 2021's successor: revoked
    for year, expected in recognised.items():
        listing = admin.listings.listing("high-tech-list", granted_in=year)
        assert sorted(row[0] for row in listing.rows) == _names(expected), year
        assert listing.title == f"甘井子区{year}年新认定高新技术企业名单"
        path = tmp_path / f"new-{year}.xlsx"
        result = admin.exchange.export("high-tech", path, granted_in=year)
        assert result.rows == len(expected)
        rows = _sheet(path, f"{year}年新认定高新技术企业名单")
        assert sorted(r[1] for r in rows[1:]) == _names(expected), year
        about = dict(_sheet(path, "说明")[1:])
        assert about["数据"] == f"{year}年新认定高新技术企业名单"
    sme = admin.listings.listing("tech-sme-list", granted_in=2021)
    assert sme.title == "甘井子区2021年新入库科技型中小企业名单"
    with pytest.raises(InvalidValueError, match="只能选一个"):
        admin.listings.listing("high-tech-list", year=2021, granted_in=2021)
    with pytest.raises(InvalidValueError, match="只能选一个"):
        admin.exchange.export("high-tech", tmp_path / "x.xlsx", year=2021, granted_in=2021)
    with pytest.raises(InvalidValueError, match="新认定年度"):
        admin.listings.listing("carrier-list", granted_in=2021)
    with pytest.raises(InvalidValueError, match="新认定年度"):
        admin.exchange.export("enterprises", tmp_path / "e.xlsx", granted_in=2021)


def test_the_record_rule_in_words():
    day = D(2021, 6, 1)
    assert is_valid(D(2021, 6, 1), 2021, D(2024, 5, 31), None, day)
    assert not is_valid(D(2021, 6, 2), 2021, D(2024, 6, 1), None, day)  # not begun
    assert is_valid(None, 2021, D(2021, 12, 31), None, day)  # undated: from 1 January
    assert not is_valid(None, 2022, D(2022, 12, 31), None, day)
    assert not is_valid(None, None, D(2022, 12, 31), None, day)  # no start at all
    assert not is_valid(D(2020, 1, 1), 2020, None, None, day)  # no end
    assert is_valid(D(2018, 6, 2), 2018, D(2021, 6, 1), None, day)  # last day counts
    assert not is_valid(D(2020, 1, 1), 2020, D(2022, 12, 31), D(2021, 6, 1), day)  # revoked
    assert is_valid(D(2020, 1, 1), 2020, D(2022, 12, 31), D(2021, 6, 2), day)
    assert not is_valid(D(2020, 1, 1), 2020, D(2022, 12, 31), None, day, D(2021, 6, 1))
    assert is_valid(D(2020, 1, 1), 2020, D(2022, 12, 31), None, day, D(2021, 6, 2))
