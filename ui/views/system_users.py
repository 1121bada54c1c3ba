"""系统 › 用户 (admin only): the accounts, with 新增, 停用/启用, 解锁, 重置密码 and 修改角色/街道.

The presenter (no Tk) lists users.list() and runs the actions through the view's dialogs;
the service refuses what must not happen (disabling oneself or the last admin) and the
reason is shown in the tab's message line.

The presenter part (no Tk) is ui.presenters.system_users.
"""

from tkinter import ttk

from ui import texts as T
from ui.dialogs import confirm
from ui.dialogs.system import ResetPasswordDialog, RoleDialog, UserAddDialog
from ui.presenters.system_users import UsersPresenter
from ui.widgets.table import Table


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
