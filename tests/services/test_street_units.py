"""The unit an output comes from (制表单位, 导出单位): the district office for the district's
users, a street user's own street office — a setting per street the admin edits, by default
「甘井子区<街道>办事处」.  Certificates stay the district's."""

import openpyxl
import pytest

from db.models import AuditLog
from gjz_registry import settings
from gjz_registry.errors import NotFoundError, PermissionDeniedError
from tests.conftest import enterprise_data

DISTRICT_UNIT = "甘井子区科学技术局"
DLW_OFFICE = "甘井子区大连湾街道办事处"


def test_defaults_per_kind_of_street(admin, clerk):
    ref = admin.reference
    assert ref.unit_name() == DISTRICT_UNIT
    assert ref.unit_name("大连湾街道") == DLW_OFFICE
    assert ref.unit_name("大连生态科技创新城") == "大连生态科技创新城管委会"  # a 管委会
    ref.add_street("临港工业园区", "园区")
    assert ref.unit_name("临港工业园区") == "临港工业园区"
    assert clerk.reference.own_unit_name() == DLW_OFFICE
    assert admin.reference.own_unit_name() == DISTRICT_UNIT
    assert ref.street_units()["南关岭街道"] == "甘井子区南关岭街道办事处"


def test_a_street_users_lists_and_exports_name_their_street_office(admin, clerk, tmp_path):
    clerk.enterprises.create(enterprise_data(1))
    for kind in clerk.listings.kinds():
        assert clerk.listings.listing(kind).unit_name == DLW_OFFICE, kind
        assert admin.listings.listing(kind).unit_name == DISTRICT_UNIT, kind
    assert clerk.listings.statistics_report()["unit_name"] == DLW_OFFICE
    out = tmp_path / "企业.xlsx"
    clerk.exchange.export("enterprises", out)
    about = dict(
        (r[0], r[1]) for r in openpyxl.load_workbook(out)["说明"].iter_rows(values_only=True)
    )
    assert about["导出单位"] == DLW_OFFICE


def test_the_admin_names_a_street_office_and_restores_the_default(admin, clerk, other_clerk):
    ref = admin.reference
    assert ref.set_street_unit("大连湾街道", "大连湾街道办事处经济发展科") == (
        "大连湾街道办事处经济发展科"
    )
    assert clerk.listings.listing("high-tech-list").unit_name == "大连湾街道办事处经济发展科"
    assert other_clerk.reference.own_unit_name() == "甘井子区南关岭街道办事处"  # untouched
    last = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert last.entity == "setting" and "unit_name.street.大连湾街道" in last.after
    # a renamed street keeps its office's name
    ref.rename_street("大连湾街道", "大连湾")
    assert ref.unit_name("大连湾") == "大连湾街道办事处经济发展科"
    ref.rename_street("大连湾", "大连湾街道")
    assert ref.set_street_unit("大连湾街道", "  ") == DLW_OFFICE  # blank: the default again
    assert ref.setting(settings.STREET_UNIT("大连湾街道")) is None
    with pytest.raises(PermissionDeniedError):
        clerk.reference.set_street_unit("大连湾街道", "大连湾街道")
    with pytest.raises(NotFoundError):
        ref.set_street_unit("火星街道", "火星街道办事处")


def test_certificates_stay_the_districts(admin, clerk):
    """A certificate is the district's recognition, whoever prints it."""
    assert clerk.certificates.unit_name() == DISTRICT_UNIT
