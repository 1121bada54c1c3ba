"""Scope and roles: street users see and change only their street; viewers change nothing."""

import datetime

import pytest

from db.models import AuditLog
from gjz_registry.errors import DuplicateError, OutOfScopeError, PermissionDeniedError
from tests.conftest import enterprise_data, make_code


@pytest.fixture
def two_streets(admin):
    own = admin.enterprises.create(enterprise_data(1, street="大连湾街道"))
    other = admin.enterprises.create(enterprise_data(2, street="南关岭街道"))
    return own, other


def test_street_user_lists_only_their_street(clerk, two_streets):
    own, other = two_streets
    page = clerk.enterprises.list()
    assert [e.id for e in page.items] == [own.id] and page.total == 1
    assert [e.id for e in clerk.enterprises.search("有限公司")] == [own.id]
    assert clerk.enterprises.count() == 1


def test_street_user_cannot_read_or_update_other_street(clerk, two_streets):
    own, other = two_streets
    with pytest.raises(PermissionDeniedError):
        clerk.enterprises.get(other.id)
    with pytest.raises(PermissionDeniedError, match="南关岭街道|大连湾街道"):
        clerk.enterprises.update(other.id, {"notes": "x"}, version=other.version)
    updated = clerk.enterprises.update(own.id, {"notes": "本街道"}, version=own.version)
    assert updated.notes == "本街道"


def test_street_user_creates_in_own_street_only(clerk):
    e = clerk.enterprises.create({k: v for k, v in enterprise_data(3).items() if k != "street"})
    assert e.street == "大连湾街道"
    with pytest.raises(PermissionDeniedError):
        clerk.enterprises.create(enterprise_data(4, street="南关岭街道"))
    with pytest.raises(PermissionDeniedError):
        clerk.enterprises.update(e.id, {"street": "南关岭街道"}, version=e.version)


def test_viewer_reads_everything_writes_nothing(viewer, two_streets, admin):
    own, other = two_streets
    assert viewer.enterprises.list().total == 2
    before = AuditLog.select().count()
    with pytest.raises(PermissionDeniedError, match="只读"):
        viewer.enterprises.create(enterprise_data(5))
    with pytest.raises(PermissionDeniedError):
        viewer.enterprises.update(own.id, {"notes": "x"}, version=own.version)
    with pytest.raises(PermissionDeniedError):
        viewer.enterprises.deactivate(own.id, "迁出", own.version)
    with pytest.raises(PermissionDeniedError):
        viewer.users.create("x", "secret123", "viewer")
    assert AuditLog.select().count() == before


def test_non_admin_cannot_manage_users(clerk):
    with pytest.raises(PermissionDeniedError, match="管理员"):
        clerk.users.create("new", "secret123", "viewer")
    with pytest.raises(PermissionDeniedError):
        clerk.users.list()
    with pytest.raises(PermissionDeniedError):
        clerk.audit.list()


def test_anonymous_registry_can_only_log_in(registry):
    with pytest.raises(PermissionDeniedError, match="登录"):
        registry.enterprises.list()


# --- records without a street (issue 13, point 6) ------------------------------------------
@pytest.fixture
def district_carrier(admin):
    """A carrier registered by the district without a street, recognised (certifiable)."""
    return admin.carriers.create(
        {
            "name": "甘井子区区级孵化器",
            "kind": "孵化器",
            "level": "省级",
            "recognized_on": "2020-01-01",
            "operator_name": "甘井子区科技发展有限公司",
            "operator_credit_code": make_code(90),
        }
    )


def test_a_record_without_street_is_the_districts(admin, clerk, district_carrier):
    carrier = district_carrier
    before = AuditLog.select().count()
    for attempt in (
        lambda: clerk.carriers.update(carrier.id, {"street": "大连湾街道"}, version=1),  # take over
        lambda: clerk.carriers.update(carrier.id, {"level": "国家级"}, version=1),
        lambda: clerk.certificates.issue("carrier", carrier_id=carrier.id),
        lambda: clerk.certificates.issue_batch("carrier", carrier_ids=[carrier.id]),
    ):
        with pytest.raises(PermissionDeniedError, match="未指定所属街道.*只有管理员可以修改"):
            attempt()
    assert AuditLog.select().count() == before
    assert admin.carriers.get(carrier.id).street is None
    serial = admin.certificates.issue("carrier", carrier_id=carrier.id).serial
    with pytest.raises(PermissionDeniedError, match="未指定所属街道"):
        clerk.certificates.revoke(serial, "越权")
    with pytest.raises(PermissionDeniedError, match="未指定所属街道"):
        clerk.certificates.get(serial)
    assert admin.carriers.update(carrier.id, {"level": "国家级"}, version=1).level == "国家级"


def test_a_street_user_cannot_give_a_record_away_to_the_district(clerk):
    own = clerk.carriers.create({"name": "大连湾自有孵化器", "kind": "孵化器"})
    with pytest.raises(OutOfScopeError, match="不能把记录放到其他街道或不填所属街道"):
        clerk.carriers.update(own.id, {"street": None}, version=own.version)
    assert clerk.carriers.get(own.id).street == "大连湾街道"


def test_an_import_cannot_change_a_carrier_without_street(tmp_path, admin, clerk, district_carrier):
    from tests.exchange import workbooks as W

    rows = [["载体名称", "载体类型", "认定级别"], ["甘井子区区级孵化器", "孵化器", "国家级"]]
    result = clerk.exchange.import_file(W.write_openpyxl(tmp_path / "c.xlsx", rows))
    assert (result.updated, result.rejected) == (0, 1)
    assert "未指定所属街道" in result.rejections[0].message
    assert admin.carriers.get(district_carrier.id).level == "省级"


# --- refusals never tell another street's data (issue 13, point 8) -------------------------
SECRET = "南关岭保密科技有限公司"


@pytest.fixture
def secret(admin):
    """An enterprise of 南关岭街道 whose name and figures a 大连湾街道 clerk must not learn."""
    e = admin.enterprises.create(enterprise_data(7, name=SECRET, street="南关岭街道"))
    admin.annual.save(e.id, 2024, {"revenue": 4321, "investment_received": 987})
    admin.qualifications.add(e.id, "高新技术企业", "GR202421000777", granted_on="2024-11-01")
    return e


def refusal(call):
    with pytest.raises((PermissionDeniedError, DuplicateError)) as caught:
        call()
    return str(caught.value)


def test_out_of_scope_credit_code_is_refused_without_name_or_figures(clerk, secret):
    code = secret.credit_code
    for message in (
        refusal(lambda: clerk.enterprises.get_by_code(code)),
        refusal(lambda: clerk.enterprises.create(enterprise_data(7, street=None))),
    ):
        assert "该信用代码已在其他街道登记" in message
        assert SECRET not in message and "南关岭" not in message and code not in message
    for message in (
        refusal(lambda: clerk.incubation.history(secret.id)),
        refusal(lambda: clerk.incubation.graduation_checks(secret.id)),
        refusal(lambda: clerk.annual.save(secret.id, 2025, {"revenue": 1})),
    ):
        assert "该企业已在其他街道登记" in message
        assert SECRET not in message and "4321" not in message and "987" not in message


def test_a_taken_certificate_number_names_only_a_visible_holder(admin, clerk, secret):
    own = clerk.enterprises.create(enterprise_data(8, street=None))
    add = lambda who: who.qualifications.add(  # noqa: E731
        own.id, "高新技术企业", "GR202421000777", granted_on="2024-11-01"
    )
    message = refusal(lambda: add(clerk))
    assert "已登记（其他街道的企业）" in message and SECRET not in message
    message = refusal(lambda: add(admin))
    assert SECRET in message  # the administrator sees every street


def test_an_import_row_with_an_out_of_scope_code_tells_no_name(tmp_path, clerk, secret):
    from tests.exchange import workbooks as W
    from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows

    add_carrier(clerk)
    rows = enterprise_rows(2)
    rows[1][COLUMN["统一社会信用代码"]] = secret.credit_code  # registered in 南关岭街道
    rows[1][COLUMN["所属街道"]] = None
    rows[2][COLUMN["高新技术企业证书编号"]] = "GR202421000777"  # held by that enterprise
    rows[2][COLUMN["高企发证日期"]] = datetime.date(2024, 11, 1)
    result = clerk.exchange.import_file(W.write_openpyxl(tmp_path / "s.xlsx", rows))
    messages = [r.message for r in result.rejections]
    assert result.rejected == 2 and "该信用代码已在其他街道登记" in messages[0]
    assert "已登记为其他街道的企业的高新技术企业资质" in messages[1]
    assert not any(SECRET in m for m in messages)


def test_scope_refusals_name_a_kind_of_record_from_the_list():
    """Every call that words a scope refusal passes a literal from SCOPE_KINDS (a name or a
    code there would tell another street's data); checked on the source, so a new call site
    is covered before any test reaches its refusal."""
    import ast
    from pathlib import Path

    from gjz_registry.services.base import SCOPE_KINDS

    checked = {"require_write": 1, "require_visible": 1, "permission_problem": 1}
    root = Path(__file__).resolve().parents[2] / "gjz_registry"
    seen = 0
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            index = checked.get(node.func.attr)
            if index is None or len(node.args) <= index:
                continue
            kind = node.args[index]
            where = f"{path.name}:{node.lineno}"
            if isinstance(kind, ast.Constant):
                assert kind.value in SCOPE_KINDS, where
            else:  # a variable must be a parameter passed on, or a choice of literals
                literals = [n.value for n in ast.walk(kind) if isinstance(n, ast.Constant)]
                assert not isinstance(kind, ast.JoinedStr), where
                assert all(v in SCOPE_KINDS for v in literals if isinstance(v, str)), where
            seen += 1
    assert seen >= 15
