"""Chain actions as small dialogs: 入驻, 晋级/迁移, 毕业 (showing which rules hold), 迁出.

Each dialog calls the incubation service in :meth:`validate`; a refusal (RuleError,
PermissionDeniedError…) is shown inline in red and the dialog stays open.
"""

import datetime
from tkinter import ttk

from gjz_registry import reference as ref
from ui import texts as T
from ui.dialogs.base import Dialog
from ui.widgets.dateentry import OptionalDateEntry


class _ChainDialog(Dialog):
    def __init__(self, parent, registry, enterprise, title, _utest=False):
        self.registry = registry
        self.enterprise = enterprise
        super().__init__(parent, f"{title}：{enterprise.name}", _utest=_utest)

    def _date(self, frame, row):
        self.date = self._row(frame, row, T.FIELD_DATE, OptionalDateEntry(frame))
        self.date.set_date(datetime.date.today())


class CarrierDialog(_ChainDialog):
    """入驻 (admit) or 晋级/迁移 (move): choose a carrier, a date, optionally area/reason."""

    def __init__(self, parent, registry, enterprise, move=False, _utest=False):
        self.move = move
        title = T.DLG_MOVE if move else T.DLG_ADMIT
        super().__init__(parent, registry, enterprise, title, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        page = self.registry.carriers.list(limit=10000)
        self.carrier_ids = {
            f"{c.name}（{c.stage}）": c.id
            for c in page.items
            if c.status == "运营" and c.id != self.enterprise.carrier_id
        }
        self.carrier = self._row(
            grid,
            0,
            T.FIELD_CARRIER,
            ttk.Combobox(grid, values=list(self.carrier_ids), width=44, state="readonly"),
        )
        self._date(grid, 1)
        self.area = self._row(grid, 2, T.FIELD_AREA, ttk.Entry(grid, width=12))
        self.override = ttk.Entry(grid, width=44)
        if self.registry.actor.is_admin:
            self._row(grid, 3, T.FIELD_OVERRIDE, self.override)
        return self.carrier

    def validate(self):
        choice = self.carrier.get()
        if choice not in self.carrier_ids:
            self.show_error(T.CHOOSE_CARRIER)
            return None
        inc = self.registry.incubation
        action = inc.move if self.move else inc.admit
        return self._call(
            lambda: action(
                self.enterprise.id,
                self.carrier_ids[choice],
                self.date.get_date(),
                override_reason=self.override.get().strip() or None,
                area_m2=self.area.get().strip() or None,
            )
        )


class GraduateDialog(_ChainDialog):
    """Shows each graduation rule with ✔/✘ and the facts, then graduates on the chosen one."""

    def __init__(self, parent, registry, enterprise, _utest=False):
        super().__init__(parent, registry, enterprise, T.DLG_GRADUATE, _utest=_utest)

    def body(self, frame):
        ttk.Label(frame, text=T.RULES_HEADING, style="Heading.TLabel").pack(anchor="w")
        self.checks = self.registry.incubation.graduation_checks(self.enterprise.id)
        self.rule_labels = []
        for check in self.checks:
            mark = T.RULE_HOLDS if check.holds else T.RULE_MISSING
            label = ttk.Label(
                frame,
                text=f"{mark} {check.title}：{check.detail}",
                wraplength=520,
                style="TLabel" if check.holds else "Muted.TLabel",
            )
            label.pack(anchor="w", pady=2)
            self.rule_labels.append(label)
        grid = ttk.Frame(frame)
        grid.pack(fill="x", pady=(10, 0))
        self._date(grid, 0)
        titles = {key: title for key, title in ref.GRADUATION_RULES}
        self.basis_keys = {titles[c.key]: c.key for c in self.checks}
        holding = [titles[c.key] for c in self.checks if c.holds]
        self.basis = self._row(
            grid,
            1,
            T.FIELD_BASIS,
            ttk.Combobox(grid, values=list(self.basis_keys), width=44, state="readonly"),
        )
        self.basis.set(holding[0] if holding else titles["merger_or_listing"])
        self.evidence = self._row(grid, 2, T.FIELD_EVIDENCE, ttk.Entry(grid, width=46))
        return self.basis

    def validate(self):
        return self._call(
            lambda: self.registry.incubation.graduate(
                self.enterprise.id,
                self.date.get_date(),
                self.basis_keys.get(self.basis.get()),
                self.evidence.get().strip() or None,
            )
        )


class LeaveDialog(_ChainDialog):
    """迁出 / 终止 / 注销 from the current carrier."""

    def __init__(self, parent, registry, enterprise, _utest=False):
        super().__init__(parent, registry, enterprise, T.DLG_LEAVE, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self.reason = self._row(
            grid,
            0,
            T.FIELD_REASON,
            ttk.Combobox(
                grid,
                values=[ref.EXIT_MOVED_OUT, ref.EXIT_TERMINATED, ref.EXIT_DEREGISTERED],
                state="readonly",
                width=12,
            ),
        )
        self.reason.set(ref.EXIT_MOVED_OUT)
        self._date(grid, 1)
        self.notes = self._row(grid, 2, T.FIELD_NOTES, ttk.Entry(grid, width=40))
        return self.reason

    def validate(self):
        return self._call(
            lambda: self.registry.incubation.leave(
                self.enterprise.id,
                self.date.get_date(),
                self.reason.get(),
                self.notes.get().strip() or None,
            )
        )
