"""Dialogs for an enterprise's qualifications (used by the form's 资质 tab)."""

from tkinter import ttk

from gjz_registry import reference as ref
from ui import texts as T
from ui.dialogs.base import Dialog
from ui.widgets.dateentry import OptionalDateEntry


class QualificationDialog(Dialog):
    """Add a qualification; a newer one of the same kind supersedes the older (service)."""

    def __init__(self, parent, registry, enterprise_id, _utest=False):
        self.registry = registry
        self.enterprise_id = enterprise_id
        super().__init__(parent, T.DLG_QUALIFICATION, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self.kind = self._row(
            grid,
            0,
            T.FIELD_KIND,
            ttk.Combobox(grid, values=list(ref.QUALIFICATION_KINDS), state="readonly", width=20),
        )
        self.kind.set(ref.QUAL_HIGH_TECH)
        self.number = self._row(grid, 1, T.FIELD_NUMBER, ttk.Entry(grid, width=26))
        self.granted = self._row(grid, 2, T.FIELD_GRANTED, OptionalDateEntry(grid))
        self.year = self._row(grid, 3, T.FIELD_YEAR, ttk.Entry(grid, width=8))
        return self.kind

    def validate(self):
        return self._call(
            lambda: self.registry.qualifications.add(
                self.enterprise_id,
                self.kind.get(),
                self.number.get().strip() or None,
                granted_on=self.granted.get_date(),
                year=self.year.get().strip() or None,
            )
        )


class RevokeDialog(Dialog):
    def __init__(self, parent, registry, qualification_id, _utest=False):
        self.registry = registry
        self.qualification_id = qualification_id
        super().__init__(parent, T.DLG_REVOKE, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self.date = self._row(grid, 0, T.FIELD_DATE, OptionalDateEntry(grid))
        self.reason = self._row(grid, 1, T.FIELD_REASON, ttk.Entry(grid, width=36))
        return self.reason

    def validate(self):
        return self._call(
            lambda: self.registry.qualifications.revoke(
                self.qualification_id, self.date.get_date(), self.reason.get().strip() or None
            )
        )
