"""Saving through the services keeps no invisible characters: names and every other
single-line text lose control characters, escape sequences, bidirectional overrides and
zero-width characters, and their line breaks; notes keep their line breaks.  Checked in the
stored rows themselves."""

import sqlite3

import pytest

from gjz_registry import settings
from gjz_registry.errors import InvalidValueError
from tests.conftest import PASSWORD, enterprise_data, make_code

RED, RESET = "\x1b[31m", "\x1b[0m"


def stored(db_path, sql, *params):
    con = sqlite3.connect(db_path)
    try:
        return con.execute(sql, params).fetchone()
    finally:
        con.close()


def test_enterprise_fields_are_cleaned_on_create_and_update(admin, db_path):
    e = admin.enterprises.create(
        enterprise_data(
            1,
            name=f"{RED}大连\u202e测试\u200b科技有限公司{RESET}",
            legal_rep="张\x00三",
            address="大连市\r\n甘井子区\t红旗路 1 号\u2066",
            notes="第一行\x07\r\n第二行\x1b]0;标题\x07",
            credit_code=f"\ufeff{make_code(1)}",
        )
    )
    row = stored(
        db_path,
        "SELECT name, legal_rep, address, notes, credit_code FROM enterprise WHERE id = ?",
        e.id,
    )
    assert row == (
        "大连测试科技有限公司",
        "张三",
        "大连市 甘井子区 红旗路 1 号",
        "第一行\n第二行",
        make_code(1),
    )
    admin.enterprises.update(
        e.id, {"contact_name": "\u200f李四\u2069", "name": f"新{RED}名称"}, version=e.version
    )
    assert stored(db_path, "SELECT contact_name, name FROM enterprise WHERE id = ?", e.id) == (
        "李四",
        "新名称",
    )
    assert [hit.name for hit in admin.enterprises.search("新名称")] == ["新名称"]


def test_carrier_fields_are_cleaned(admin, db_path):
    c = admin.carriers.create(
        {
            "name": f"{RED}甘井子区\u200b孵化器{RESET}",
            "kind": "孵化器",
            "street": "大连湾街道",
            "operator_name": "运营\x1b[1m公司",
            "notes": "备注\u2028第二行\x9b1m",
        }
    )
    assert stored(db_path, "SELECT name, operator_name, notes FROM carrier WHERE id = ?", c.id) == (
        "甘井子区孵化器",
        "运营公司",
        "备注\n第二行",
    )


def test_users_streets_settings_and_notes_elsewhere(admin, registry, db_path):
    admin.users.create("s1", PASSWORD, "viewer", display_name=f"{RED}王\u202e芳")
    assert stored(db_path, "SELECT display_name FROM user WHERE username = 's1'") == ("王芳",)
    with pytest.raises(InvalidValueError, match="不可见字符"):
        admin.users.create("ad\x1bmin2", PASSWORD, "viewer")
    admin.reference.add_street("测试\u200b街道\x1b[0m")
    assert "测试街道" in admin.reference.streets()
    admin.reference.set_setting(settings.UNIT_NAME, "甘井子区\u202e科技局\x07")
    assert admin.reference.setting(settings.UNIT_NAME) == "甘井子区科技局"
    e = admin.enterprises.create(enterprise_data(2))
    q = admin.qualifications.add(
        e.id, "科技型中小企业", "2024210211A0000002", year=2024, notes="核实\u200b，见\r\n附件"
    )
    assert stored(db_path, "SELECT notes FROM qualification WHERE id = ?", q.id) == (
        "核实，见\n附件",
    )
