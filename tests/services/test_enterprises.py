"""Enterprise service: create/get/update with optimistic locking, deactivate, list, search."""

import datetime
from decimal import Decimal

import pytest

from db.models import AuditLog
from gjz_registry.errors import (
    DuplicateError,
    InvalidValueError,
    NotFoundError,
    StaleVersionError,
)
from tests.conftest import enterprise_data, make_code


def test_create_normalises_and_returns_record(admin):
    e = admin.enterprises.create(
        enterprise_data(
            1, credit_code=" " + make_code(1).lower() + " ", registered_capital="1,200万元"
        )
    )
    assert e.credit_code == make_code(1)
    assert e.street == "大连湾街道"
    assert e.industry == "人工智能及新一代信息技术"
    assert e.founded_on == datetime.date(2020, 3, 15)
    assert e.registered_capital == Decimal("1200")
    assert e.status == "在营" and e.stage is None and e.version == 1
    assert admin.enterprises.get(e.id) == e


def test_duplicate_credit_code_names_existing(admin):
    first = admin.enterprises.create(enterprise_data(1))
    with pytest.raises(DuplicateError) as err:
        admin.enterprises.create(enterprise_data(2, credit_code=make_code(1)))
    assert first.name in str(err.value) and make_code(1) in str(err.value)


@pytest.mark.parametrize(
    "field, value, fragment",
    [
        ("name", "  ", "「企业名称」不能为空"),
        ("credit_code", "91210211MA00000011", "校验位不符：代码中有字符录入错误"),
        ("street", "不存在街道", "不在街道列表中"),
        ("industry", "航天", "不是已知的产业领域"),
        ("contact_phone", "12345", "「联系电话」"),
        ("founded_on", "2019-02-30", "不是存在的日期"),
        ("employees", -1, "不能为负数"),
    ],
)
def test_invalid_fields_are_named(admin, field, value, fragment):
    with pytest.raises(InvalidValueError) as err:
        admin.enterprises.create(enterprise_data(1, **{field: value}))
    assert fragment in str(err.value)


def test_rd_staff_cannot_exceed_employees(admin):
    with pytest.raises(InvalidValueError, match="研发人员"):
        admin.enterprises.create(enterprise_data(1, employees=3, rd_staff=5))


def test_update_with_version_and_conflict(admin):
    e = admin.enterprises.create(enterprise_data(1))
    updated = admin.enterprises.update(e.id, {"contact_name": "王伟"}, version=e.version)
    assert updated.contact_name == "王伟" and updated.version == e.version + 1
    with pytest.raises(StaleVersionError, match="已被他人修改"):
        admin.enterprises.update(e.id, {"contact_name": "李娜"}, version=e.version)
    assert admin.enterprises.get(e.id).contact_name == "王伟"


def test_rename_updates_search_keys(admin):
    e = admin.enterprises.create(enterprise_data(1))
    admin.enterprises.update(e.id, {"name": "大连蓝鲸海洋工程有限公司"}, version=e.version)
    assert [x.id for x in admin.enterprises.search("ljhy")] == [e.id]
    assert [x.id for x in admin.enterprises.search("蓝鲸")] == [e.id]
    assert admin.enterprises.search("测试1号") == []


def test_deactivate_keeps_record(admin):
    e = admin.enterprises.create(enterprise_data(1))
    gone = admin.enterprises.deactivate(e.id, "注销", e.version, reason="企业申请注销")
    assert gone.status == "注销"
    assert admin.enterprises.get(e.id).name == e.name
    with pytest.raises(InvalidValueError):
        admin.enterprises.deactivate(e.id, "在营", gone.version)


def test_get_unknown(admin):
    with pytest.raises(NotFoundError):
        admin.enterprises.get(999)


def test_list_filters_paging_and_sort(admin):
    for n in range(1, 26):
        street = "大连湾街道" if n % 2 else "南关岭街道"
        industry = "新材料" if n % 5 == 0 else "人工智能及新一代信息技术"
        admin.enterprises.create(enterprise_data(n, street=street, industry=industry))
    page = admin.enterprises.list(limit=10)
    assert page.total == 25 and len(page.items) == 10 and page.pages == 3
    assert admin.enterprises.list(offset=20, limit=10).items.__len__() == 5
    assert admin.enterprises.list(street="南关岭街道").total == 12
    assert admin.enterprises.list(industry="新材料").total == 5
    assert admin.enterprises.list(street="大连湾街道", industry="新材料").total == 3
    assert admin.enterprises.count(street="大连湾街道") == 13
    names = [e.name for e in admin.enterprises.list(order_by="credit_code", limit=100).items]
    codes = [e.credit_code for e in admin.enterprises.list(order_by="credit_code", limit=100).items]
    assert codes == sorted(codes) and len(names) == 25
    desc = [e.credit_code for e in admin.enterprises.list(order_by="-credit_code").items]
    assert desc == sorted(codes, reverse=True)


def test_list_by_qualification(admin):
    a = admin.enterprises.create(enterprise_data(1))
    admin.enterprises.create(enterprise_data(2))
    admin.qualifications.add(a.id, "高新技术企业", "GR202421000001", granted_on="2024-11-20")
    page = admin.enterprises.list(qualification="高新技术企业", as_of=datetime.date(2025, 1, 1))
    assert [e.id for e in page.items] == [a.id]
    expired = admin.enterprises.list(qualification="高新技术企业", as_of=datetime.date(2028, 1, 1))
    assert expired.total == 0


def test_search_name_pinyin_initials_code_best_first(admin):
    a = admin.enterprises.create(enterprise_data(1, name="大连科技发展有限公司"))
    b = admin.enterprises.create(enterprise_data(2, name="辽宁大连科技研究院有限公司"))
    c = admin.enterprises.create(enterprise_data(3, name="甘井子海洋装备有限公司"))
    # name prefix before substring
    assert [e.id for e in admin.enterprises.search("大连科技")] == [a.id, b.id]
    # initials prefix first, then initials anywhere
    assert [e.id for e in admin.enterprises.search("dlkj")] == [a.id, b.id]
    assert [e.id for e in admin.enterprises.search("dalian")][:1] == [a.id]
    assert [e.id for e in admin.enterprises.search("haiyang")] == [c.id]
    # a single Chinese character is a substring search too
    assert {e.id for e in admin.enterprises.search("洋")} == {c.id}
    # credit-code prefix
    assert [e.id for e in admin.enterprises.search(make_code(3)[:17])] == [c.id]
    assert admin.enterprises.search("   ") == []
    assert len(admin.enterprises.search("有限公司", limit=2)) == 2


def test_every_write_leaves_one_audit_row(admin):
    before = AuditLog.select().count()
    e = admin.enterprises.create(enterprise_data(1))
    assert AuditLog.select().count() == before + 1
    admin.enterprises.update(e.id, {"notes": "备注"}, version=e.version)
    assert AuditLog.select().count() == before + 2
    last = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert last.user == "admin" and last.action == "update" and last.entity == "enterprise"
    assert '"notes": "备注"' in last.after
    trail = admin.enterprises.audit_trail(e.id)
    assert [t.action for t in trail] == ["update", "create"]


def test_failed_write_leaves_no_audit_row(admin):
    admin.enterprises.create(enterprise_data(1))
    before = AuditLog.select().count()
    with pytest.raises(DuplicateError):
        admin.enterprises.create(enterprise_data(2, credit_code=make_code(1)))
    assert AuditLog.select().count() == before


def test_names_are_stored_with_chinese_brackets_and_found_either_way(admin):
    """A name typed with ( ) or （） is one name, stored as registered (（）); search, the
    carrier lookup by name and the list filter by carrier accept either form."""
    e = admin.enterprises.create(enterprise_data(41, name="奥亿飞(大连)科技有限公司"))
    assert admin.enterprises.get(e.id).name == "奥亿飞（大连）科技有限公司"
    for text in (
        "奥亿飞(大连)科技有限公司",
        "奥亿飞（大连）科技有限公司",
        "奥亿飞(大连",
        "(大连)科技",
    ):
        assert [x.id for x in admin.enterprises.search(text)] == [e.id], text
    carrier = admin.carriers.create(
        {"name": "甘井子区(大连)测试孵化器", "kind": "孵化器", "operator_name": "X(大连)公司"}
    )
    assert (carrier.name, carrier.operator_name) == ("甘井子区（大连）测试孵化器", "X（大连）公司")
    assert admin.carriers.get_by_name("甘井子区(大连)测试孵化器").id == carrier.id
    with pytest.raises(DuplicateError):
        admin.carriers.create({"name": "甘井子区（大连）测试孵化器", "kind": "孵化器"})


def test_names_by_id_within_the_users_street(admin, clerk):
    mine = admin.enterprises.create(enterprise_data(51))
    other = admin.enterprises.create(enterprise_data(52, street="南关岭街道"))
    assert admin.enterprises.names([mine.id, other.id, 99999]) == {
        mine.id: mine.name,
        other.id: other.name,
    }
    assert clerk.enterprises.names([mine.id, other.id]) == {mine.id: mine.name}
    assert admin.enterprises.names([]) == {}
