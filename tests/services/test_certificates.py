"""Certificate service: rules per kind, serials, the HMAC verify code, revocation, scope, audit."""

import datetime
import re

import pytest

from db.models import AuditLog, Certificate, Enterprise, Setting
from gjz_registry import settings
from gjz_registry.certificate_texts import default_template, kind_of
from gjz_registry.errors import (
    InvalidValueError,
    NotFoundError,
    OutOfScopeError,
    PermissionDeniedError,
    RuleError,
)
from gjz_registry.services import certificates as cs
from tests.conftest import enterprise_data, make_code

TODAY = datetime.date.today()
YEAR = TODAY.year
SERIAL = re.compile(r"GJZ-(\d{4})-(RF|BY|PY|ZT)-(\d{6})")
CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")


@pytest.fixture
def world(admin):
    """Carriers and enterprises in two streets, with the facts each kind needs."""
    inc = admin.carriers.create(
        {
            "name": "大连湾测试孵化器",
            "kind": "孵化器",
            "street": "大连湾街道",
            "level": "区级",
            "recognized_on": "2019-05-01",
            "operator_name": "大连湾科技服务有限公司",
            "operator_credit_code": make_code(900),
        }
    )
    unrecognised = admin.carriers.create(
        {"name": "南关岭测试加速器", "kind": "加速器", "street": "南关岭街道"}
    )
    recent = (TODAY - datetime.timedelta(days=400)).isoformat()
    resident = admin.enterprises.create(enterprise_data(1, founded_on=recent))
    admin.incubation.admit(resident.id, inc.id, TODAY - datetime.timedelta(days=300))
    graduate = admin.enterprises.create(enterprise_data(2, founded_on=recent))
    admin.incubation.admit(graduate.id, inc.id, TODAY - datetime.timedelta(days=300))
    admin.incubation.graduate(
        graduate.id, TODAY - datetime.timedelta(days=10), "merger_or_listing", "在新三板挂牌"
    )
    sme = admin.enterprises.create(enterprise_data(3))
    admin.qualifications.add(sme.id, "科技型中小企业", f"{YEAR}210211A{3:07d}", year=YEAR)
    plain = admin.enterprises.create(enterprise_data(4))
    other = admin.enterprises.create(enterprise_data(5, street="南关岭街道"))
    admin.qualifications.add(other.id, "科技型中小企业", f"{YEAR - 1}210211A{5:07d}", year=YEAR - 1)
    return dict(
        inc=inc,
        unrecognised=unrecognised,
        resident=resident,
        graduate=graduate,
        sme=sme,
        plain=plain,
        other=other,
    )


# --------------------------------------------------------------------------- issuing


def test_issue_each_kind_fills_the_wording_and_numbers_per_kind_and_year(admin, world):
    rf = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    by = admin.certificates.issue("毕业证书", enterprise_id=world["graduate"].id)
    py = admin.certificates.issue("cultivation", enterprise_id=world["sme"].id)
    zt = admin.certificates.issue("carrier", carrier_id=world["inc"].id)
    assert [SERIAL.fullmatch(c.serial).groups() for c in (rf, by, py, zt)] == [
        (str(YEAR), "RF", "000001"),
        (str(YEAR), "BY", "000001"),
        (str(YEAR), "PY", "000001"),
        (str(YEAR), "ZT", "000001"),
    ]
    for record in (rf, by, py, zt):
        assert CODE.fullmatch(record.verify_code)
        assert record.unit_name == "甘井子区科学技术局"
        assert record.issued_on == TODAY and record.title == kind_of(record.kind).title
        assert record.holder_name in record.body and "{" not in record.body
    assert "大连湾测试孵化器" in rf.body and "孵化器" in rf.body
    assert "毕业" in by.body and world["graduate"].credit_code in by.body
    assert f"{YEAR}年度高新技术企业培育库" in py.body
    assert "区级孵化器" in zt.body and "大连湾科技服务有限公司" in zt.body
    # The stored row matches what was returned.
    row = Certificate.get(Certificate.serial == rf.serial)
    assert (row.kind, row.body, row.verify_code) == ("入孵证明", rf.body, rf.verify_code)
    assert row.issued_by == "管理员"


def test_sequence_continues_and_serials_are_unique(admin, world, registry):
    e6 = admin.enterprises.create(enterprise_data(6))
    e7 = admin.enterprises.create(enterprise_data(7))
    for e in (e6, e7):
        admin.qualifications.add(e.id, "科技型中小企业", f"{YEAR}210211A{e.id:07d}", year=YEAR)
    first = admin.certificates.issue("cultivation", enterprise_id=world["sme"].id)
    batch = admin.certificates.issue_batch("cultivation", [e6.id, e7.id])
    serials = [first.serial] + [c.serial for c in batch.issued]
    assert [s[-6:] for s in serials] == ["000001", "000002", "000003"]
    assert len({c.verify_code for c in [first, *batch.issued]}) == 3


def test_refusals_name_the_holder_and_the_missing_fact(admin, world):
    service = admin.certificates
    with pytest.raises(RuleError, match="没有在孵记录"):
        service.issue("incubation", enterprise_id=world["plain"].id)
    with pytest.raises(RuleError, match="没有毕业记录"):
        service.issue("graduation", enterprise_id=world["resident"].id)
    with pytest.raises(RuleError, match="科技型中小企业入库登记"):
        service.issue("cultivation", enterprise_id=world["plain"].id)
    with pytest.raises(RuleError, match="尚未认定"):
        service.issue("carrier", carrier_id=world["unrecognised"].id)
    with pytest.raises(RuleError, match="只能颁发给孵化载体"):
        service.issue("carrier", enterprise_id=world["plain"].id)
    with pytest.raises(InvalidValueError, match="未知的证书种类"):
        service.issue("diploma", enterprise_id=world["plain"].id)
    with pytest.raises(InvalidValueError, match="二者选一"):
        service.issue("incubation")
    with pytest.raises(NotFoundError):
        service.issue("incubation", enterprise_id=99999)
    assert Certificate.select().count() == 0


def test_cultivation_is_refused_to_a_valid_high_tech_enterprise(admin, world):
    granted = TODAY - datetime.timedelta(days=30)
    admin.qualifications.add(
        world["sme"].id, "高新技术企业", f"GR{granted.year}21000777", granted_on=granted
    )
    with pytest.raises(RuleError, match="已是有效的高新技术企业"):
        admin.certificates.issue("cultivation", enterprise_id=world["sme"].id)


def test_a_second_live_certificate_for_the_same_fact_is_refused(admin, world):
    first = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    with pytest.raises(RuleError, match=first.serial):
        admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    admin.certificates.revoke(first.serial, "信息有误，重新开具")
    again = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    assert again.serial.endswith("000002")


def test_issue_date_cannot_precede_the_fact_or_lie_in_the_future(admin, world):
    early = TODAY - datetime.timedelta(days=301)
    with pytest.raises(RuleError, match="早于入驻日期"):
        admin.certificates.issue("incubation", enterprise_id=world["resident"].id, on_date=early)
    with pytest.raises(InvalidValueError, match="发证日期"):
        admin.certificates.issue(
            "incubation",
            enterprise_id=world["resident"].id,
            on_date=TODAY + datetime.timedelta(days=1),
        )


def test_batch_issues_what_qualifies_and_lists_the_refusals(admin, world):
    result = admin.certificates.issue_batch(
        "cultivation", [world["sme"].id, world["plain"].id, world["other"].id, world["sme"].id]
    )
    assert [c.holder_name for c in result.issued] == [world["sme"].name, world["other"].name]
    assert [name for name, _ in result.refused] == [world["plain"].name]
    assert "科技型中小企业" in result.refused[0][1]


def test_a_batch_where_every_holder_is_refused_makes_no_secret(admin, world):
    result = admin.certificates.issue_batch("graduation", [world["plain"].id, world["sme"].id])
    assert result.issued == [] and len(result.refused) == 2
    assert Setting.get_or_none(Setting.key == cs.SECRET_SETTING) is None
    with pytest.raises(NotFoundError):
        admin.certificates.issue_batch("graduation", [world["graduate"].id, 99999])
    assert Certificate.select().count() == 0


def test_failed_delivery_records_nothing(admin, world):
    def broken(records):
        assert records and records[0].serial
        raise OSError("disk full")

    with pytest.raises(OSError):
        admin.certificates.issue("incubation", enterprise_id=world["resident"].id, deliver=broken)
    assert Certificate.select().count() == 0
    assert not AuditLog.select().where(AuditLog.entity == "certificate").exists()


def test_templates_are_settings_checked_for_placeholders(admin, world):
    service = admin.certificates
    assert service.template("incubation") == default_template("incubation")
    service.set_template("incubation", "{holder_name}于{entered_on}入驻{carrier_name}。")
    record = service.issue("incubation", enterprise_id=world["resident"].id)
    assert record.body.startswith(world["resident"].name + "于")
    with pytest.raises(InvalidValueError, match="未知的占位符"):
        service.set_template("incubation", "{holder_name}{graduated_on}")
    service.set_template("incubation", None)
    assert service.template("incubation") == default_template("incubation")


# --------------------------------------------------------------------------- verifying


def test_verify_valid_revoked_unknown(admin, viewer, world):
    record = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    ok = viewer.certificates.verify(record.serial, record.verify_code)
    assert ok.status == cs.VALID and ok.valid and ok.holder_name == world["resident"].name
    assert viewer.certificates.verify_payload(record.qr_payload).valid
    typed = record.verify_code.lower().replace("-", " ")
    assert viewer.certificates.verify(" " + record.serial.lower(), typed).valid
    unknown = viewer.certificates.verify("GJZ-2001-RF-000001")
    assert unknown.status == cs.UNKNOWN and unknown.holder_name is None
    admin.certificates.revoke(record.serial, "企业已迁出")
    revoked = viewer.certificates.verify(record.serial, record.verify_code)
    assert revoked.status == cs.REVOKED and "企业已迁出" in revoked.detail
    assert revoked.holder_name == world["resident"].name


def test_altered_serial_or_code_does_not_verify(admin, world):
    a = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    b = admin.certificates.issue("graduation", enterprise_id=world["graduate"].id)
    assert admin.certificates.verify(a.serial, b.verify_code).status == cs.MISMATCH
    flipped = a.verify_code[:-1] + ("A" if a.verify_code[-1] != "A" else "B")
    assert admin.certificates.verify(a.serial, flipped).status == cs.MISMATCH
    forged = a.serial.replace("RF", "BY")  # b's serial, with a's code
    assert admin.certificates.verify(forged, a.verify_code).status == cs.MISMATCH


def test_record_tampered_in_the_database_no_longer_verifies(admin, world):
    record = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    Certificate.update(holder_name="大连冒名顶替有限公司").where(
        Certificate.serial == record.serial
    ).execute()
    assert admin.certificates.verify(record.serial).status == cs.MISMATCH
    Certificate.update(holder_name=record.holder_name).where(
        Certificate.serial == record.serial
    ).execute()
    assert admin.certificates.verify(record.serial).valid
    Enterprise.update(credit_code=make_code(77)).where(
        Enterprise.id == world["resident"].id
    ).execute()
    assert admin.certificates.verify(record.serial).status == cs.MISMATCH


def test_the_code_is_an_hmac_with_the_stored_secret():
    day = datetime.date(2026, 1, 5)
    code = cs.sign("k" * 64, "GJZ-2026-RF-000001", "入孵证明", "甲公司", make_code(1), day)
    assert CODE.fullmatch(code)
    assert code != cs.sign("j" * 64, "GJZ-2026-RF-000001", "入孵证明", "甲公司", make_code(1), day)
    assert code != cs.sign("k" * 64, "GJZ-2026-RF-000001", "入孵证明", "乙公司", make_code(1), day)
    assert cs.normalise_code("abcd efgh-1j0k") == "ABCDEFGHIJOK"


def test_the_secret_is_made_once_and_never_audited_in_clear(admin, world):
    assert Setting.get_or_none(Setting.key == cs.SECRET_SETTING) is None
    admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    secret = Setting.get(Setting.key == cs.SECRET_SETTING).value
    assert re.fullmatch(r"[0-9a-f]{64}", secret)
    admin.certificates.issue("graduation", enterprise_id=world["graduate"].id)
    assert Setting.get(Setting.key == cs.SECRET_SETTING).value == secret
    for row in AuditLog.select():
        assert secret not in (row.before or "") + (row.after or "")


# --------------------------------------------------------------------------- revoking, scope


def test_revoke_keeps_the_record_and_is_audited(admin, world):
    record = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    revoked = admin.certificates.revoke(record.serial, "  企业已迁出  ")
    assert revoked.revoked_on == TODAY and revoked.revoke_reason == "企业已迁出"
    assert Certificate.select().count() == 1
    with pytest.raises(RuleError, match="已于"):
        admin.certificates.revoke(record.serial, "再次撤销")
    with pytest.raises(InvalidValueError, match="撤销原因"):
        admin.certificates.revoke(record.serial, " ")
    with pytest.raises(RuleError, match="不能补打"):
        admin.certificates.reprint(record.serial)
    actions = [
        (a.action, a.entity_id)
        for a in AuditLog.select().where(AuditLog.entity == "certificate").order_by(AuditLog.id)
    ]
    assert actions == [("issue", record.id), ("revoke", record.id)]
    assert admin.certificates.list(status="已撤销").total == 1
    assert admin.certificates.list(status="有效").total == 0


def test_street_users_issue_and_revoke_for_their_street_only(clerk, other_clerk, admin, world):
    record = clerk.certificates.issue("incubation", enterprise_id=world["resident"].id)
    assert record.street == "大连湾街道"
    with pytest.raises(PermissionDeniedError, match="大连湾街道"):
        clerk.certificates.issue("cultivation", enterprise_id=world["other"].id)
    with pytest.raises(PermissionDeniedError):
        other_clerk.certificates.revoke(record.serial, "越权")
    with pytest.raises(PermissionDeniedError):
        other_clerk.certificates.reprint(record.serial)
    # One holder outside the street refuses the whole batch: nothing is issued.
    with pytest.raises(OutOfScopeError, match="不属于大连湾街道"):
        clerk.certificates.issue_batch("cultivation", [world["sme"].id, world["other"].id])
    assert Certificate.select().count() == 1
    batch = clerk.certificates.issue_batch("cultivation", [world["sme"].id])
    assert [c.holder_name for c in batch.issued] == [world["sme"].name]
    assert clerk.certificates.list().total == 2
    assert other_clerk.certificates.list().total == 0
    assert other_clerk.certificates.verify(record.serial).valid  # anyone may check a paper
    clerk.certificates.revoke(record.serial, "本街道撤销")


def test_viewers_never_issue_or_revoke(admin, viewer, world):
    record = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    with pytest.raises(PermissionDeniedError, match="只读"):
        viewer.certificates.issue("graduation", enterprise_id=world["graduate"].id)
    with pytest.raises(PermissionDeniedError, match="只读"):
        viewer.certificates.issue_batch("cultivation", [world["sme"].id])
    with pytest.raises(PermissionDeniedError, match="只读"):
        viewer.certificates.revoke(record.serial, "x")
    assert viewer.certificates.reprint(record.serial).body == record.body


def test_reprint_and_list_return_the_stored_data(admin, world):
    record = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    admin.certificates.set_template("incubation", "{holder_name}：新的措辞。")
    again = admin.certificates.reprint(record.serial.lower())
    assert again.body == record.body and again.verify_code == record.verify_code
    found = admin.certificates.list(text=world["resident"].name[2:6])
    assert [c.serial for c in found.items] == [record.serial]
    assert admin.certificates.list(kind="graduation").total == 0
    with pytest.raises(NotFoundError, match="不在证书登记簿中"):
        admin.certificates.reprint("GJZ-2001-RF-000009")


def test_reprint_keeps_the_unit_that_issued_it(admin, world, db_path):
    """Renaming the issuing unit changes new certificates, not the reprint of an old one;
    a certificate issued before units were stored (NULL) prints today's unit."""
    import sqlite3

    admin.reference.set_setting(settings.UNIT_NAME, "甘井子区科学技术局")
    old = admin.certificates.issue("incubation", enterprise_id=world["resident"].id)
    admin.reference.set_setting(settings.UNIT_NAME, "甘井子区工业和信息化局")
    assert admin.certificates.reprint(old.serial).unit_name == "甘井子区科学技术局"
    listed = admin.certificates.list(text=old.serial).items
    assert [c.unit_name for c in listed] == ["甘井子区科学技术局"]
    con = sqlite3.connect(db_path)
    con.execute("UPDATE certificate SET unit_name = NULL WHERE serial = ?", (old.serial,))
    con.commit()
    con.close()
    assert admin.certificates.reprint(old.serial).unit_name == "甘井子区工业和信息化局"
