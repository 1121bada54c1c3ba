"""系统 › 基础数据 (admin): streets, the unit name for printouts, incubation rules, wording.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.system_reference.
"""

from gjz_registry import RegistryError, settings
from ui import texts as T


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
