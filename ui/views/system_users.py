"""系统 › 用户 (admin only): the accounts, with 新增, 停用/启用, 解锁, 重置密码 and 修改角色/街道.

The presenter (no Tk) lists users.list() and runs the actions through the view's dialogs;
the service refuses what must not happen (disabling oneself or the last admin) and the
reason is shown in the tab's message line.
"""

from tkinter import ttk

from gjz_registry import RegistryError
from gjz_registry.services.logins import show_time
from ui import texts as T
from ui.dialogs import confirm
from ui.dialogs.system import ResetPasswordDialog, RoleDialog, UserAddDialog
from ui.widgets.table import Table


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


class UsersTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=10)
        self.registry = registry
        self.dialog_options = {}  # tests pass {"_utest": True}
        self.last_dialog = None
        self.presenter = p = UsersPresenter(registry, self)
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        self.buttons = {}
        actions = (
            ("add", T.USER_ADD, p.add),
            ("toggle", T.USER_DISABLE + "/" + T.USER_ENABLE, lambda: p.toggle_active(self.sel())),
            ("unlock", T.USER_UNLOCK, lambda: p.unlock(self.sel())),
            ("reset", T.USER_RESET, lambda: p.reset_password(self.sel())),
            ("role", T.USER_ROLE, lambda: p.change_role(self.sel())),
        )
        for key, label, command in actions:
            self.buttons[key] = ttk.Button(bar, text=label, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        self.message = ttk.Label(bar, style="Error.TLabel")
        self.message.pack(side="left", padx=(10, 0))
        menu = [(label, command) for _, label, command in actions[1:]]
        self.table = Table(self, T.USER_COLUMNS, on_open=p.change_role, menu_items=menu)
        self.table.pack(fill="both", expand=True)
        p.load()

    def sel(self):
        ids = self.table.selected_ids()
        return ids[0] if ids else None

    # --- presenter's view interface ---------------------------------------------------
    def show_users(self, rows):
        self.table.set_rows(rows)

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")

    def _dialog(self, factory):
        self.show_message("")
        self.last_dialog = factory()
        return self.last_dialog.result

    def ask_add(self, streets):
        top = self.winfo_toplevel()
        return self._dialog(
            lambda: UserAddDialog(top, self.registry, streets, **self.dialog_options)
        )

    def ask_reset(self, username):
        top = self.winfo_toplevel()
        return self._dialog(
            lambda: ResetPasswordDialog(top, self.registry, username, **self.dialog_options)
        )

    def ask_role(self, user, streets):
        top = self.winfo_toplevel()
        return self._dialog(
            lambda: RoleDialog(top, self.registry, user, streets, **self.dialog_options)
        )

    def ask_confirm(self, question):
        return confirm.ask(self, T.USER_DISABLE_TITLE, question, ok=T.USER_DISABLE_OK)

    def refresh(self):
        self.presenter.load()
