"""Scope and roles: street users see and change only their street; viewers change nothing."""

import pytest

from db.models import AuditLog
from gjz_registry.errors import PermissionDeniedError
from tests.conftest import enterprise_data


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
        viewer.enterprises.deactivate(own.id, "迁出")
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
