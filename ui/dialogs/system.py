"""系统 dialogs: add a user, reset a password, change a role/street, add or rename a street,
name a street's office (its 制表单位).

Each calls its service in :meth:`validate`; a refusal (duplicate name, short password, a
street user without a street…) is shown inline in red and the dialog stays open.
"""

from tkinter import ttk

from gjz_registry import reference as ref
from ui import texts as T
from ui.dialogs.base import Dialog

ROLE_CHOICES = [ref.ROLE_NAMES[r] for r in ref.ROLES]
ROLE_CODES = {name: code for code, name in ref.ROLE_NAMES.items()}


class _SystemDialog(Dialog):
    def _passwords(self, frame, row):
        self.password = self._row(frame, row, T.FIELD_PASSWORD, ttk.Entry(frame, show="•"))
        self.again = self._row(frame, row + 1, T.FIELD_PASSWORD_AGAIN, ttk.Entry(frame, show="•"))

    def _password_ok(self):
        if self.password.get() != self.again.get():
            self.show_error(T.FIRST_RUN_MISMATCH)
            return False
        return True

    def _role_fields(self, frame, row, streets, role=ref.ROLE_STREET, street=None):
        self.role = ttk.Combobox(frame, values=ROLE_CHOICES, state="readonly", width=14)
        self._row(frame, row, T.FIELD_ROLE, self.role)
        self.role.set(ref.ROLE_NAMES[role])
        self.street = ttk.Combobox(frame, values=[""] + list(streets), state="readonly", width=20)
        self._row(frame, row + 1, T.FIELD_STREET, self.street)
        self.street.set(street or "")
        ttk.Label(frame, text=T.STREET_NEEDED_HINT, style="Muted.TLabel").grid(
            row=row + 2, column=1, sticky="w"
        )

    def _role(self):
        return ROLE_CODES.get(self.role.get(), self.role.get())


class UserAddDialog(_SystemDialog):
    """新增用户: username, name, role, street and the first password."""

    def __init__(self, parent, registry, streets, _utest=False):
        self.registry = registry
        self.streets = streets
        super().__init__(parent, T.DLG_USER_ADD, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self.username = self._row(grid, 0, T.FIELD_USERNAME, ttk.Entry(grid, width=24))
        self.display_name = self._row(grid, 1, T.FIELD_DISPLAY_NAME, ttk.Entry(grid, width=24))
        self._role_fields(grid, 2, self.streets)
        self._passwords(grid, 5)
        return self.username

    def validate(self):
        if not self._password_ok():
            return None
        return self._call(
            lambda: self.registry.users.create(
                self.username.get().strip(),
                self.password.get(),
                self._role(),
                street=self.street.get() or None,
                display_name=self.display_name.get().strip() or None,
            )
        )


class ResetPasswordDialog(_SystemDialog):
    """重置密码 (admin): a new password for another user, typed twice."""

    def __init__(self, parent, registry, username, _utest=False):
        self.registry = registry
        self.username = username
        super().__init__(parent, T.DLG_USER_RESET.format(username=username), _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self._passwords(grid, 0)
        return self.password

    def validate(self):
        if not self._password_ok():
            return None
        return self._call(
            lambda: self.registry.users.set_password(self.username, self.password.get()), True
        )


class RoleDialog(_SystemDialog):
    """修改角色/街道 (admin)."""

    def __init__(self, parent, registry, user, streets, _utest=False):
        self.registry = registry
        self.user = user
        self.streets = streets
        super().__init__(parent, T.DLG_USER_ROLE.format(username=user.username), _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self._role_fields(grid, 0, self.streets, self.user.role, self.user.street)
        return self.role

    def validate(self):
        return self._call(
            lambda: self.registry.users.set_role(
                self.user.username, self._role(), self.street.get() or None
            ),
            True,
        )


class StreetDialog(_SystemDialog):
    """新增街道 (name and kind), or 改名 when ``old`` is given."""

    def __init__(self, parent, registry, old=None, _utest=False):
        self.registry = registry
        self.old = old
        title = T.DLG_STREET_RENAME.format(name=old) if old else T.DLG_STREET_ADD
        super().__init__(parent, title, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        label = T.FIELD_NEW_NAME if self.old else T.FIELD_NAME
        self.name = self._row(grid, 0, label, ttk.Entry(grid, width=24))
        self.kind = None
        if self.old:
            self.name.insert(0, self.old)
            self.name.select_range(0, "end")
        else:
            self.kind = ttk.Combobox(grid, values=T.STREET_KINDS, state="readonly", width=10)
            self._row(grid, 1, T.FIELD_STREET_KIND, self.kind)
            self.kind.set(T.STREET_KINDS[0])
        return self.name

    def validate(self):
        name = self.name.get().strip()
        if self.old:
            return self._call(lambda: self.registry.reference.rename_street(self.old, name), name)
        return self._call(lambda: self.registry.reference.add_street(name, self.kind.get()))


class StreetUnitDialog(_SystemDialog):
    """The 制表单位 of ``street``'s lists and exports; blank restores the default name."""

    def __init__(self, parent, registry, street, _utest=False):
        self.registry = registry
        self.street = street
        super().__init__(parent, T.DLG_STREET_UNIT.format(street=street), _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self.unit = self._row(grid, 0, T.FIELD_STREET_UNIT, ttk.Entry(grid, width=34))
        self.unit.insert(0, self.registry.reference.unit_name(self.street))
        self.unit.select_range(0, "end")
        default = self.registry.reference.default_street_unit(self.street)
        hint = T.STREET_UNIT_HINT.format(default=default)
        ttk.Label(grid, text=hint, style="Muted.TLabel").grid(row=1, column=1, sticky="w")
        return self.unit

    def validate(self):
        value = self.unit.get()
        return self._call(lambda: self.registry.reference.set_street_unit(self.street, value))
