"""系统 › 用户 (admin only): the accounts, with 新增, 停用/启用, 解锁, 重置密码 and 修改角色/街道.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.system_users.
"""

from gjz_registry import RegistryError
from gjz_registry.services.logins import show_time
from ui import texts as T


def user_values(u):
    return (
        u.username,
        u.display_name or "",
        u.role_name,
        u.street or "",
        user_status(u),
        u.last_login.strftime("%Y-%m-%d %H:%M") if u.last_login else "",
    )


def user_status(u):
    """启用 / 已停用, or 「锁定至 …」 while failed logins keep the account locked."""
    if u.active and u.locked_until:
        return T.USER_LOCKED.format(until=show_time(u.locked_until))
    return T.USER_ACTIVE if u.active else T.USER_INACTIVE


class UsersPresenter:
    """For a view with show_users(rows), show_message(text, error), ask_add(streets),
    ask_reset(username), ask_role(user, streets), ask_confirm(text) → bool."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view
        self.users = {}

    def load(self):
        self.users = {u.id: u for u in self.registry.users.list()}
        self.view.show_users([(u.id, user_values(u)) for u in self.users.values()])

    def streets(self):
        return self.registry.reference.streets()

    def add(self):
        return self.finished(self.view.ask_add(self.streets()))

    def _user(self, user_id):
        user = self.users.get(user_id)
        if user is None:
            self.view.show_message(T.NOTHING_SELECTED)
        return user

    def toggle_active(self, user_id):
        """停用 an active account (after a confirmation) or 启用 a disabled one."""
        user = self._user(user_id)
        if user is None:
            return None
        if user.active and not self.view.ask_confirm(
            T.USER_DISABLE_CONFIRM.format(username=user.username)
        ):
            return None
        try:
            self.registry.users.set_active(user.username, not user.active)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        return self.finished(True)

    def unlock(self, user_id):
        """解锁: forget the account's failed logins (services.logins)."""
        user = self._user(user_id)
        if user is None:
            return None
        try:
            failures = self.registry.users.unlock(user.username)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.finished(True)
        text = T.USER_UNLOCKED if failures else T.USER_NOT_LOCKED
        self.view.show_message(text.format(username=user.username), False)
        return True

    def reset_password(self, user_id):
        user = self._user(user_id)
        if user is None:
            return None
        result = self.finished(self.view.ask_reset(user.username))
        if result is not None:
            self.view.show_message(T.USER_PASSWORD_RESET.format(username=user.username), False)
        return result

    def change_role(self, user_id):
        user = self._user(user_id)
        if user is None:
            return None
        return self.finished(self.view.ask_role(user, self.streets()))

    def finished(self, result):
        """After a dialog: reload when it changed something."""
        if result is not None:
            self.view.show_message("", False)
            self.load()
        return result
