"""Users: roles, password hashing, login, disabling."""

import pytest

from db.models import User
from gjz_registry import settings
from gjz_registry.errors import (
    AuthenticationError,
    DuplicateError,
    InvalidValueError,
    PermissionDeniedError,
)
from gjz_registry.services.passwords import hash_password, verify_password
from tests.conftest import PASSWORD


def test_hash_is_salted_and_carries_parameters():
    a, b = hash_password("secret123"), hash_password("secret123")
    assert a != b and a.startswith("scrypt$16384$8$1$")
    assert verify_password("secret123", a) and not verify_password("secret124", a)
    assert not verify_password("secret123", "garbage")


def test_stored_hash_is_not_the_password(registry):
    stored = User.get(User.username == "admin").password_hash
    assert PASSWORD not in stored and verify_password(PASSWORD, stored)


def test_login_roles_and_street(registry):
    clerk = registry.login("dlw", PASSWORD)
    assert clerk.actor.role == "street" and clerk.actor.street == "大连湾街道"
    assert registry.login("viewer", PASSWORD).actor.role == "viewer"
    with pytest.raises(AuthenticationError, match="用户名或密码错误"):
        registry.login("dlw", "wrong")
    with pytest.raises(AuthenticationError):
        registry.login("nobody", PASSWORD)


def test_create_validation(admin):
    with pytest.raises(InvalidValueError, match="所属街道"):
        admin.users.create("s1", PASSWORD, "street")
    with pytest.raises(InvalidValueError, match="密码至少"):
        admin.users.create("s1", "123", "viewer")
    with pytest.raises(InvalidValueError, match="角色"):
        admin.users.create("s1", PASSWORD, "boss")
    with pytest.raises(DuplicateError):
        admin.users.create("dlw", PASSWORD, "viewer")
    record = admin.users.create("s1", PASSWORD, "street", street="营城子街道", display_name="张三")
    assert record.street == "营城子街道" and record.role_name == "街道用户"


def test_disable_and_enable(admin, registry):
    admin.users.set_active("dlw", False)
    with pytest.raises(AuthenticationError, match="已停用"):
        registry.login("dlw", PASSWORD)
    admin.users.set_active("dlw", True)
    assert registry.login("dlw", PASSWORD).actor.street == "大连湾街道"
    with pytest.raises(PermissionDeniedError):
        admin.users.set_active("admin", False)


def test_password_change_rules(admin, clerk, registry):
    with pytest.raises(AuthenticationError, match="原密码"):
        clerk.users.set_password("dlw", "newpass123", old_password="wrong")
    clerk.users.set_password("dlw", "newpass123", old_password=PASSWORD)
    assert registry.login("dlw", "newpass123")
    with pytest.raises(PermissionDeniedError):
        clerk.users.set_password("ngl", "newpass123", old_password=PASSWORD)
    admin.users.set_password("dlw", "reset12345")
    assert registry.login("dlw", "reset12345")


def test_generated_secrets_cannot_be_set_by_hand(admin):
    with pytest.raises(PermissionDeniedError, match="自动生成"):
        admin.reference.set_setting(settings.CERTIFICATE_SECRET, "guessable")
