"""Qualifications: validity computed from dates, supersession, revocation, expiring lists."""

import datetime

import pytest

from gjz_registry.errors import DuplicateError, InvalidValueError
from gjz_registry.services.qualifications import qualification_status
from tests.conftest import enterprise_data

D = datetime.date


@pytest.fixture
def company(admin):
    return admin.enterprises.create(enterprise_data(1))


def test_high_tech_valid_three_years(admin, company):
    q = admin.qualifications.add(
        company.id, "高新技术企业", "GR202321000123", granted_on="2023-11-20"
    )
    assert q.expires_on == D(2026, 11, 19) and q.year == 2023
    assert q.status(D(2024, 1, 1)) == "有效"
    assert q.status(D(2026, 9, 1)) == "即将到期"
    assert q.status(D(2026, 11, 19)) == "即将到期"
    assert q.status(D(2026, 11, 20)) == "过期"


def test_tech_sme_valid_for_its_year(admin, company):
    q = admin.qualifications.add(company.id, "科技型中小企业", "2024210211A0001234")
    assert q.year == 2024 and q.expires_on == D(2024, 12, 31)
    assert q.status(D(2024, 6, 1)) == "有效"
    assert q.status(D(2025, 1, 1)) == "过期"


def test_newer_certificate_supersedes_older(admin, company):
    old = admin.qualifications.add(
        company.id, "高新技术企业", "GR202021000001", granted_on="2020-12-01"
    )
    new = admin.qualifications.add(
        company.id, "高新技术企业", "GR202321000002", granted_on="2023-12-01"
    )
    records = {q.id: q for q in admin.qualifications.for_enterprise(company.id)}
    assert records[old.id].superseded_by == new.id
    assert records[new.id].superseded_by is None
    assert len(records) == 2  # the old one is kept


def test_revocation(admin, company):
    q = admin.qualifications.add(
        company.id, "高新技术企业", "GR202321000003", granted_on="2023-11-01"
    )
    revoked = admin.qualifications.revoke(q.id, on_date=D(2024, 5, 1), reason="复核不合格")
    assert revoked.status(D(2024, 6, 1)) == "撤销"
    assert revoked.status(D(2024, 4, 1)) == "有效"


def test_validation_messages(admin, company):
    with pytest.raises(InvalidValueError, match="GR"):
        admin.qualifications.add(company.id, "高新技术企业", "XX2023", granted_on="2023-11-01")
    with pytest.raises(InvalidValueError, match="发证日期"):
        admin.qualifications.add(company.id, "高新技术企业", "GR202321000004")
    with pytest.raises(InvalidValueError, match="不一致"):
        admin.qualifications.add(
            company.id, "高新技术企业", "GR201821000004", granted_on="2023-11-01"
        )
    admin.qualifications.add(company.id, "高新技术企业", "GR202321000005", granted_on="2023-11-01")
    with pytest.raises(DuplicateError):
        admin.qualifications.add(
            company.id, "高新技术企业", "GR202321000005", granted_on="2023-11-01"
        )


def test_expiring_lists_exactly_the_window(admin):
    as_of = D(2026, 1, 1)
    made = {}
    # granted_on such that expiry = granted + 3y - 1d lands on chosen days
    for n, expiry in enumerate(
        [D(2025, 12, 31), D(2026, 1, 1), D(2026, 3, 1), D(2026, 4, 1), D(2026, 4, 2)], start=1
    ):
        e = admin.enterprises.create(enterprise_data(n))
        granted = expiry.replace(year=expiry.year - 3) + datetime.timedelta(days=1)
        q = admin.qualifications.add(
            e.id, "高新技术企业", f"GR{granted.year}21{n:06d}", granted_on=granted
        )
        made[expiry] = q
    found = admin.qualifications.expiring(90, as_of)
    # 2026-01-01 + 90 days = 2026-04-01 (inclusive); expired ones are not "expiring"
    assert [q.expires_on for q in found] == [D(2026, 1, 1), D(2026, 3, 1), D(2026, 4, 1)]


def test_status_function_edges():
    assert qualification_status(D(2020, 1, 1), D(2020, 12, 31), None, D(2019, 1, 1)) == "未生效"
    # no start and no expiry: never valid (services.validity), said as such
    assert qualification_status(None, None, None, D(2020, 1, 1)) == "日期不全"
