"""The annual data on the ANNUAL field spec (services/annual.py): every field of the spec
saves and reads back, with its kind's check — a loss is a negative net profit, a negative
revenue is refused naming the field; 研发人员 ≤ 从业人员 stays."""

from decimal import Decimal

import pytest

from gjz_registry import InvalidValueError
from gjz_registry.fields import ANNUAL
from gjz_registry.services import annual
from tests.conftest import enterprise_data

VALUES = {  # a value of every kind, different for every field
    "money": lambda n: Decimal(n) + Decimal("0.1234"),
    "signed_money": lambda n: -Decimal(n) - Decimal("0.5"),
    "count": lambda n: n,
    "choice": lambda n: "省级",
}


def test_every_field_of_the_spec_saves_and_reads_back(admin):
    e = admin.enterprises.create(enterprise_data(1, employees=None, rd_staff=None)).id
    data = {f.code: VALUES[f.kind](n + 1) for n, f in enumerate(ANNUAL.editable)}
    data["employees"], data["rd_staff"] = 500, 40
    record = admin.annual.save(e, 2023, data)
    assert set(record.values) == set(ANNUAL.codes) == set(annual.FIELDS)
    assert record.values == data
    assert admin.annual.for_enterprise(e, 2023)[0].values == data
    assert record.values["net_profit"] < 0  # a loss is kept as it is


def test_wrong_values_are_refused_naming_the_field(admin):
    e = admin.enterprises.create(enterprise_data(1)).id
    with pytest.raises(InvalidValueError) as refused:
        admin.annual.save(e, 2023, {"revenue": "-5"})
    assert refused.value.field == "revenue" and "营业收入" in str(refused.value)
    with pytest.raises(InvalidValueError) as refused:
        admin.annual.save(e, 2023, {"award_level": "世界级"})
    assert refused.value.field == "award_level"
    with pytest.raises(InvalidValueError) as refused:
        admin.annual.save(e, 2023, {"employees": 3, "rd_staff": 4})
    assert refused.value.field == "rd_staff"
    assert admin.annual.for_enterprise(e) == []


def test_clean_annual_reads_the_spec():
    assert annual.clean_annual({"net_profit": "-12.5", "award_level": "省", "ip_granted": ""}) == {
        "net_profit": Decimal("-12.5"),
        "award_level": "省级",
        "ip_granted": None,
    }
    assert set(annual.MONEY_FIELDS) == {
        f.code for f in ANNUAL.editable if f.kind in ("money", "signed_money")
    }
