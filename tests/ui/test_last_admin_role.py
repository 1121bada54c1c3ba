"""系统 › 用户 › 修改角色: an administrator cannot take the administrator role from the account
logged in, nor from the last active administrator — as with 停用 — so the registry never
ends up without anyone who can manage users; the dialog says why and nothing changes."""

import pytest

from gjz_registry import PermissionDeniedError
from gjz_registry import reference as ref
from tests.conftest import PASSWORD
from ui.dialogs.system import RoleDialog


def change_role(tk_root, registry, username, role):
    user = next(u for u in registry.users.list() if u.username == username)
    dialog = RoleDialog(tk_root, registry, user, registry.reference.streets(), _utest=True)
    dialog.role.set(ref.ROLE_NAMES[role])
    dialog.ok_button.invoke()
    return dialog


def test_the_account_logged_in_keeps_its_admin_role(tk_root, admin):
    dialog = change_role(tk_root, admin, "admin", ref.ROLE_VIEWER)
    try:
        assert dialog.winfo_exists() and dialog.result is None
        assert "当前登录" in dialog.error_label.cget("text")
        assert next(u for u in admin.users.list() if u.username == "admin").role == ref.ROLE_ADMIN
    finally:
        dialog.destroy()


def test_the_last_active_admin_keeps_the_role(registry, admin):
    """The command line's local administrator (no account) cannot demote the last one."""
    local = registry.as_local_admin("test")
    with pytest.raises(PermissionDeniedError, match="至少要保留一个可用的管理员账户"):
        local.users.set_role("admin", ref.ROLE_VIEWER)
    admin.users.create("admin2", PASSWORD, ref.ROLE_ADMIN)
    local.users.set_role("admin2", ref.ROLE_VIEWER)  # another one is left: fine
