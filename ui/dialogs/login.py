"""Login and first-run dialogs.

The login dialog calls ``login(username, password)`` (the facade's Registry.login) itself so
a wrong password shows the reason inline and the dialog stays open.
"""

from tkinter import ttk

from gjz_registry import RegistryError
from ui import texts as T
from ui.dialogs.base import Dialog


class LoginDialog(Dialog):
    ok_text = T.LOGIN_OK
    cancel_text = T.LOGIN_CANCEL

    def __init__(self, parent, login, demo_accounts=(), username="", _utest=False):
        self.login = login
        self.demo_accounts = list(demo_accounts)
        self.initial_username = username
        super().__init__(parent, T.LOGIN_TITLE, _utest=_utest)

    def body(self, frame):
        ttk.Label(frame, text=T.APP_TITLE, style="Title.TLabel").pack(anchor="w", pady=(0, 12))
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        ttk.Label(grid, text=T.LOGIN_USER).grid(row=0, column=0, sticky="w", pady=4)
        self.username = ttk.Entry(grid, width=28)
        self.username.grid(row=0, column=1, sticky="ew", padx=(10, 0), pady=4)
        self.username.insert(0, self.initial_username)
        ttk.Label(grid, text=T.LOGIN_PASSWORD).grid(row=1, column=0, sticky="w", pady=4)
        self.password = ttk.Entry(grid, width=28, show="•")
        self.password.grid(row=1, column=1, sticky="ew", padx=(10, 0), pady=4)
        if self.demo_accounts:
            ttk.Label(frame, text=T.LOGIN_DEMO_HINT, style="Muted.TLabel").pack(
                anchor="w", pady=(12, 2)
            )
            for line in self.demo_accounts:
                ttk.Label(frame, text="  " + line, style="Muted.TLabel").pack(anchor="w")
        return self.password if self.initial_username else self.username

    def validate(self):
        username, password = self.username.get().strip(), self.password.get()
        if not username or not password:
            self.show_error(T.LOGIN_EMPTY)
            return None
        # after failed logins the check waits a while (services.logins): say so meanwhile
        self.show_error(T.LOGIN_CHECKING)
        self.update_idletasks()
        try:
            return self.login(username, password)
        except RegistryError as exc:
            self.show_error(str(exc))
            self.password.delete(0, "end")
            self.password.focus_set()
            return None


class FirstRunDialog(Dialog):
    """Asks for the admin password of a new database; result is the password."""

    def __init__(self, parent, _utest=False):
        super().__init__(parent, T.FIRST_RUN_TITLE, _utest=_utest)

    def body(self, frame):
        ttk.Label(frame, text=T.FIRST_RUN_TEXT, wraplength=360).pack(anchor="w", pady=(0, 10))
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        ttk.Label(grid, text=T.LOGIN_PASSWORD).grid(row=0, column=0, sticky="w", pady=4)
        self.password = ttk.Entry(grid, width=28, show="•")
        self.password.grid(row=0, column=1, padx=(10, 0), pady=4)
        ttk.Label(grid, text=T.FIRST_RUN_AGAIN).grid(row=1, column=0, sticky="w", pady=4)
        self.again = ttk.Entry(grid, width=28, show="•")
        self.again.grid(row=1, column=1, padx=(10, 0), pady=4)
        return self.password

    def validate(self):
        first = self.password.get()
        if len(first) < 6:
            self.show_error(T.PASSWORD_TOO_SHORT)
            return None
        if first != self.again.get():
            self.show_error(T.FIRST_RUN_MISMATCH)
            return None
        return first
