"""Field cleaning and write scope shared by the enterprise and carrier services (records.py)."""

import datetime
from decimal import Decimal

import pytest

from gjz_registry.errors import InvalidValueError, OutOfScopeError
from gjz_registry.fields import Field, RecordSpec
from gjz_registry.services.records import FieldRules, past_date
from tests.conftest import enterprise_data

SPEC = RecordSpec(
    "thing",
    "物",
    (
        Field("name", "名称", required=True),
        Field("notes", "备注", max_length=5),
        Field("size", "规模", "size"),
        Field("status", "状态", "choice", vocabulary=("正常", "停用"), default="正常"),
    ),
)
RULES = FieldRules(SPEC)
CHECKS = {"size": lambda value, label: int(value)}


def error(data, partial=False):
    with pytest.raises(InvalidValueError) as caught:
        RULES.clean(data, CHECKS, partial)
    return str(caught.value), caught.value.field


def test_values_are_trimmed_checked_and_emptied_to_defaults():
    cleaned = RULES.clean({"name": "  甲  ", "size": "12", "status": "", "notes": None}, CHECKS)
    assert cleaned == {"name": "甲", "size": 12, "status": "正常", "notes": None}


def test_unknown_fields_are_named_in_order():
    assert error({"zz": 1, "aa": 2, "name": "甲"}) == ("未知字段：aa、zz", None)


def test_required_fields_name_the_field_whether_emptied_or_missing():
    assert error({"name": " "}, partial=True) == ("「名称」不能为空", "name")
    assert error({"size": 1}) == ("「名称」不能为空", "name")


def test_text_limit_per_field_else_the_default():
    assert error({"notes": "123456"}, partial=True) == ("「备注」过长（最多 5 字）", "notes")
    assert RULES.clean({"name": "x" * 200}, CHECKS, partial=True) == {"name": "x" * 200}
    assert error({"name": "x" * 201}, partial=True) == ("「名称」过长（最多 200 字）", "name")


def test_the_first_bad_field_in_the_data_order_is_reported():
    assert error({"status": "坏", "notes": "123456"}, partial=True)[1] == "status"
    assert error({"notes": "123456", "status": "坏"}, partial=True)[1] == "notes"


def test_a_kinds_check_names_the_label_and_gives_the_code():
    """The check (a validator) only knows the label; the error carries the field's code."""
    assert error({"status": "坏"}, partial=True) == (
        "「状态」应为 正常、停用 之一，实为「坏」",
        "status",
    )


def test_past_date_refuses_the_future():
    assert past_date("2020-01-02", "日期") == datetime.date(2020, 1, 2)
    with pytest.raises(InvalidValueError):
        past_date(datetime.date.today() + datetime.timedelta(days=2), "日期")


def test_carrier_clean_aliases_defaults_and_limits(admin):
    cleaned = admin.carriers.clean(
        {"name": " 载体 ", "kind": "苗圃", "level": None, "status": "", "area_m2": "1,200"}
    )
    assert cleaned["kind"] == "众创空间(苗圃)" and cleaned["name"] == "载体"
    assert cleaned["level"] == "未认定" and cleaned["status"] == "运营"
    assert cleaned["area_m2"] == Decimal("1200")
    # the model's column holds 200 characters (the spec's max_length), not the 300 of the
    # carrier's other text
    with pytest.raises(InvalidValueError, match="「运营主体」过长（最多 200 字）"):
        admin.carriers.clean({"operator_name": "x" * 201}, partial=True)
    assert admin.carriers.clean({"operator_name": "x" * 200}, partial=True)
    assert admin.carriers.clean({"notes": "x" * 300}, partial=True)


def test_carrier_missing_required_field_is_named(admin):
    with pytest.raises(InvalidValueError) as caught:
        admin.carriers.clean({"kind": "孵化器"})
    assert str(caught.value) == "「载体名称」不能为空" and caught.value.field == "name"


def test_enterprise_clean_defaults_status_and_limits_text_per_field(admin):
    assert admin.enterprises.clean({"status": None}, partial=True) == {"status": "在营"}
    with pytest.raises(InvalidValueError, match="「法定代表人」过长（最多 50 字）"):
        admin.enterprises.clean({"legal_rep": "x" * 51}, partial=True)


def test_street_user_writes_in_own_street_and_cannot_move_records_out(admin, clerk):
    carrier = clerk.carriers.create({"name": "甘井子区乙孵化器", "kind": "孵化器"})
    assert carrier.street == "大连湾街道"
    with pytest.raises(OutOfScopeError, match="目标街道不属于大连湾街道"):
        clerk.carriers.update(carrier.id, {"street": "南关岭街道"}, version=carrier.version)
    enterprise = clerk.enterprises.create(enterprise_data(1, street=None))
    assert enterprise.street == "大连湾街道"
    with pytest.raises(OutOfScopeError, match="目标街道不属于大连湾街道"):
        clerk.enterprises.update(enterprise.id, {"street": "南关岭街道"}, version=1)
    with pytest.raises(OutOfScopeError, match="目标街道不属于大连湾街道"):
        clerk.enterprises.create(enterprise_data(2, street="南关岭街道"))
