"""A new year's figures start from the previous year's (issue 19): the fields the specs mark
``carries_over``, and a carrier's year opens with the enterprises the year before closed with."""

import datetime
from decimal import Decimal

import pytest

from gjz_registry import InvalidValueError, PermissionDeniedError
from gjz_registry.fields import ANNUAL, CARRIER_YEAR
from tests.conftest import enterprise_data

LAST_YEAR = datetime.date.today().year - 1


@pytest.fixture
def incubator(admin):
    return admin.carriers.create(
        {"name": "甘井子区续填孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )


def test_the_specs_declare_what_carries_over():
    carried = {f.code for f in CARRIER_YEAR.fields if f.carries_over}
    assert {"site_area_m2", "incubation_area_m2", "stations", "seed_fund", "platforms"} <= carried
    assert {"mentors_full", "mentors_part", "management_staff"} <= carried
    assert not carried & {"events", "fund_invested", "total_income", "reported_end"}
    money = {f.code for f in ANNUAL.fields if f.kind in ("money", "signed_money")}
    assert not money & {f.code for f in ANNUAL.fields if f.carries_over}


def test_carrier_prefill_takes_the_previous_year(clerk, incubator):
    assert clerk.carrier_years.prefill(incubator.id, LAST_YEAR) == {}
    clerk.carrier_years.save(
        incubator.id,
        LAST_YEAR - 1,
        {
            "site_area_m2": "5000",
            "stations": "120",
            "mentors_full": "3",
            "seed_fund": "500.5",
            "events": "12",
            "total_income": "80",
            "reported_end": "17",
        },
    )
    clerk.carrier_years.save(incubator.id, LAST_YEAR - 3, {"stations": "60"})
    assert clerk.carrier_years.prefill(incubator.id, LAST_YEAR) == {
        "site_area_m2": Decimal("5000"),
        "stations": 120,
        "mentors_full": 3,
        "seed_fund": Decimal("500.5"),
        "reported_start": 17,
    }
    # only the year just before: 3 years back is too old to start from
    assert clerk.carrier_years.prefill(incubator.id, LAST_YEAR - 1) == {}
    with pytest.raises(InvalidValueError, match="年度"):
        clerk.carrier_years.prefill(incubator.id, "明年")


def test_annual_prefill_carries_staff_and_patents_not_money(admin, clerk, other_clerk):
    e = admin.enterprises.create(enterprise_data(1))
    assert clerk.annual.prefill(e.id, LAST_YEAR) == {}
    clerk.annual.save(
        e.id,
        LAST_YEAR - 1,
        {"revenue": "1200", "rd_expense": "60", "employees": "40", "rd_staff": "9"},
    )
    assert clerk.annual.prefill(e.id, LAST_YEAR) == {"employees": 40, "rd_staff": 9}
    with pytest.raises(PermissionDeniedError):
        other_clerk.annual.prefill(e.id, LAST_YEAR)
