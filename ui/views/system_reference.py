"""系统 › 基础数据 (admin): streets, the unit name for printouts, incubation rules, wording.

Left: the streets (with 园区 and 管委会) — 新增, 改名, 停用/启用, 制表单位 (the street office a
street user's lists name); a disabled street stays on its records but is no longer offered in
the forms.  Right: 打印单位 (the district office, Setting unit_name), then the
孵化规则 and 证书文字 sections of ui.views.system_rules.  Presenters have no Tk.
"""

from tkinter import ttk

from gjz_registry import RegistryError, settings
from ui import texts as T
from ui.dialogs.system import StreetDialog, StreetUnitDialog
from ui.views.system_rules import CertificateSection, RulesSection
from ui.widgets.table import Table


class StreetsPresenter:
    """For a view with show_streets(rows), show_unit(text), show_message(text, error),
    ask_street(old) → name or None, ask_street_unit(street) → unit name or None."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view
        self.names = []

    def load(self):
        reference = self.registry.reference
        reference.invalidate()  # another window may have changed the list
        active = set(reference.streets())
        units = reference.street_units()
        self.names = list(units)
        self.view.show_streets(
            [
                (index, (name, T.USER_ACTIVE if name in active else T.USER_INACTIVE, units[name]))
                for index, name in enumerate(self.names)
            ]
        )
        self.view.show_unit(reference.unit_name())

    def name(self, index):
        if index is None or not 0 <= index < len(self.names):
            self.view.show_message(T.NOTHING_SELECTED)
            return None
        return self.names[index]

    def add(self):
        return self.finished(self.view.ask_street(None))

    def rename(self, index):
        name = self.name(index)
        return None if name is None else self.finished(self.view.ask_street(name))

    def edit_unit(self, index):
        name = self.name(index)
        return None if name is None else self.finished(self.view.ask_street_unit(name))

    def toggle(self, index):
        name = self.name(index)
        if name is None:
            return None
        active = name in self.registry.reference.streets()
        try:
            self.registry.reference.set_street_active(name, not active)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        return self.finished(True)

    def save_unit(self, value):
        value = (value or "").strip()
        if not value:
            self.view.show_message(T.REQUIRED.format(label=T.REF_UNIT_LABEL))
            return None
        try:
            self.registry.reference.set_setting(settings.UNIT_NAME, value)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.view.show_message(T.UNIT_SAVED, False)
        return value

    def finished(self, result):
        """After a dialog: reload when it changed something."""
        if result is not None:
            self.view.show_message("", False)
            self.load()
        return result


class ReferenceTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=10)
        self.registry = registry
        self.dialog_options = {}  # tests pass {"_utest": True}
        self.last_dialog = None
        self.presenter = p = StreetsPresenter(registry, self)
        left = ttk.Frame(self)
        left.pack(side="left", fill="y", padx=(0, 20))
        ttk.Label(left, text=T.REF_STREETS, style="Heading.TLabel").pack(anchor="w")
        bar = ttk.Frame(left)
        bar.pack(fill="x", pady=(6, 6))
        self.buttons = {}
        for key, label, command in (
            ("add", T.STREET_ADD, p.add),
            ("rename", T.STREET_RENAME, lambda: p.rename(self.sel())),
            ("toggle", T.STREET_DISABLE + "/" + T.STREET_ENABLE, lambda: p.toggle(self.sel())),
            ("unit", T.STREET_UNIT, lambda: p.edit_unit(self.sel())),
        ):
            self.buttons[key] = ttk.Button(bar, text=label, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        self.streets = Table(left, T.REF_STREET_COLUMNS, on_open=p.rename, height=14)
        self.streets.pack(fill="both", expand=True)
        right = ttk.Frame(self)
        right.pack(side="left", fill="both", expand=True)
        ttk.Label(right, text=T.REF_UNIT, style="Heading.TLabel").pack(anchor="w")
        unit = ttk.Frame(right)
        unit.pack(fill="x", pady=(6, 2))
        ttk.Label(unit, text=T.REF_UNIT_LABEL).pack(side="left")
        self.unit = ttk.Entry(unit, width=34)
        self.unit.pack(side="left", padx=(8, 8))
        self.unit_button = ttk.Button(
            unit, text=T.SAVE, command=lambda: p.save_unit(self.unit.get())
        )
        self.unit_button.pack(side="left")
        ttk.Label(unit, text=T.REF_UNIT_HINT, style="Muted.TLabel").pack(side="left", padx=10)
        self.message = ttk.Label(right, style="Error.TLabel")
        self.message.pack(anchor="w")
        self.rules = RulesSection(right, registry)
        self.rules.pack(fill="x", pady=(6, 0))
        self.certificates = CertificateSection(right, registry)
        self.certificates.pack(fill="both", expand=True, pady=(10, 0))
        p.load()

    def sel(self):
        ids = self.streets.selected_ids()
        return ids[0] if ids else None

    # --- presenter's view interface ---------------------------------------------------
    def show_streets(self, rows):
        self.streets.set_rows(rows)

    def show_unit(self, value):
        self.unit.delete(0, "end")
        self.unit.insert(0, value or "")

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")

    def ask_street(self, old):
        self.show_message("")
        self.last_dialog = StreetDialog(
            self.winfo_toplevel(), self.registry, old, **self.dialog_options
        )
        return self.last_dialog.result

    def ask_street_unit(self, street):
        self.show_message("")
        self.last_dialog = StreetUnitDialog(
            self.winfo_toplevel(), self.registry, street, **self.dialog_options
        )
        return self.last_dialog.result

    def refresh(self):
        self.presenter.load()
        self.rules.presenter.load()
        self.certificates.presenter.load()
