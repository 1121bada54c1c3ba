"""计划管理 dialogs (administrators): a plan's name, 文号, dates and rhythm — new, or a copy
of another plan as the next one's draft — and the split of a target over the streets.

Both call the target service in :meth:`validate`; a refusal is shown inline in red and the
dialog stays open.
"""

from tkinter import ttk

from ui import texts as T
from ui.dialogs.base import Dialog
from ui.views.local_rows import text

RHYTHMS = ("半年", "季度", "年")


class PlanDialog(Dialog):
    """A new plan (``source`` None) or a draft copy of the PlanRecord ``source``."""

    def __init__(self, parent, registry, source=None, _utest=False):
        self.registry = registry
        self.source = source
        super().__init__(parent, T.DLG_PLAN_COPY if source else T.DLG_PLAN_NEW, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        if self.source:
            self._row(grid, 0, T.PLANS_COPY_OF, ttk.Label(grid, text=self.source.name))
        self.name = self._row(grid, 1, T.PLANS_NAME, ttk.Entry(grid, width=44))
        self.document = self._row(grid, 2, T.PLANS_DOCUMENT, ttk.Entry(grid, width=44))
        self.start = self._row(grid, 3, T.PLANS_START, ttk.Entry(grid, width=14))
        self.end = self._row(grid, 4, T.PLANS_END, ttk.Entry(grid, width=14))
        self.rhythm = ttk.Combobox(grid, values=RHYTHMS, state="readonly", width=8)
        self.rhythm.set(self.source.rhythm if self.source else RHYTHMS[0])
        if not self.source:  # a copy keeps the rhythm of the plan it copies
            self._row(grid, 5, T.PLANS_RHYTHM, self.rhythm)
        return self.name

    def validate(self):
        service = self.registry.targets
        values = dict(
            name=self.name.get().strip(),
            starts_on=self.start.get().strip(),
            ends_on=self.end.get().strip(),
            document=self.document.get().strip() or None,
        )
        if self.source:
            return self._call(lambda: service.copy_plan(self.source.id, **values))
        return self._call(lambda: service.add_plan(**values, rhythm=self.rhythm.get()))


class SplitDialog(Dialog):
    """The parts of a district (or field) target per street; an empty box: no part."""

    def __init__(self, parent, registry, target, _utest=False):
        self.registry = registry
        self.target = target
        self.streets = registry.reference.streets()
        super().__init__(parent, T.DLG_SPLIT, _utest=_utest)

    def body(self, frame):
        t = self.target
        ttk.Label(
            frame,
            text=T.PLANS_SPLIT_OF.format(
                indicator=t.indicator, scope=t.scope, value=text(t.value), unit=t.unit or ""
            ),
        ).pack(anchor="w", pady=(0, 6))
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        current = {}
        for x in self.registry.targets.split_checks(t.plan_id):
            if x.target_id == t.id:
                current = dict(x.parts)
        self.entries = {}
        for i, street in enumerate(self.streets):
            entry = ttk.Entry(grid, width=12)
            if street in current:
                entry.insert(0, text(current[street]))
            grid_row, column = divmod(i, 2)
            ttk.Label(grid, text=street).grid(row=grid_row, column=2 * column, sticky="e", padx=4)
            entry.grid(row=grid_row, column=2 * column + 1, sticky="w", pady=2)
            self.entries[street] = entry
        return self.entries[self.streets[0]] if self.streets else None

    def validate(self):
        parts = {street: entry.get().strip() for street, entry in self.entries.items()}
        return self._call(lambda: self.registry.targets.split_target(self.target.id, parts))
