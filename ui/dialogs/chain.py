"""Chain actions as small dialogs: 入驻, 晋级/迁移 (退回 with its reason), 毕业 (showing which
rules hold), 迁出, and an administrator's 更正 / 撤回 of the last step.

Each dialog calls the incubation service in :meth:`validate`; a refusal (RuleError,
PermissionDeniedError…) is shown inline in red and the dialog stays open.  The carrier is
chosen from a list in chain order then pinyin order that narrows as one types (name, pinyin
or initials: carriers.choices, ui.widgets.filter_combo).  When the chosen carrier's stage is
earlier than the one the enterprise leaves, the dialog says it is a 退回, asks for the reason
and its button becomes 「确认退回」 — the confirmation is in the dialog, not a second one.
更正 and 撤回 act only while the last step is still the one the dialog shows.
"""

import datetime
from tkinter import ttk

from gjz_registry import RegistryError
from gjz_registry import reference as ref
from ui import texts as T
from ui.dialogs.base import Dialog
from ui.widgets.dateentry import OptionalDateEntry
from ui.widgets.filter_combo import FilterCombobox


class _ChainDialog(Dialog):
    def __init__(self, parent, registry, enterprise, title, _utest=False):
        self.registry = registry
        self.enterprise = enterprise
        super().__init__(parent, f"{title}：{enterprise.name}", _utest=_utest)

    def _date(self, frame, row, day=None):
        self.date = self._row(frame, row, T.FIELD_DATE, OptionalDateEntry(frame))
        self.date.set_date(day or datetime.date.today())

    def _carrier(self, grid, row, exclude_id=None):
        """The carrier field (row ``row``) with its hint below it (row + 1)."""
        choices = self.registry.carriers.choices(exclude_id=exclude_id)
        self.carrier_ids = {c.label: c.id for c in choices}
        self.carrier = self._row(
            grid,
            row,
            T.FIELD_CARRIER,
            FilterCombobox(
                grid, [(c.label, c) for c in choices], lambda c, text: c.matches(text), width=44
            ),
        )
        ttk.Label(grid, text=T.CARRIER_FILTER_HINT, style="Muted.TLabel").grid(
            row=row + 1, column=1, sticky="w"
        )
        return self.carrier

    def _return_rows(self, grid, row, from_stage):
        """The 退回 notice and reason (rows ``row``, ``row + 1``), shown only while the chosen
        carrier's stage is earlier than ``from_stage``."""
        self.from_stage = from_stage
        self.return_notice = ttk.Label(grid, wraplength=540, justify="left")
        self.return_notice.grid(row=row, column=0, columnspan=2, sticky="w", pady=(6, 0))
        self.reason_label = ttk.Label(grid, text=T.FIELD_RETURN_REASON)
        self.reason_label.grid(row=row + 1, column=0, sticky="e", padx=(0, 10), pady=4)
        self.reason = ttk.Entry(grid, width=46)
        self.reason.grid(row=row + 1, column=1, sticky="we", pady=4)
        self.carrier.on_change.append(self.show_return)
        self.show_return()

    def returning(self):
        """True when the chosen carrier takes the enterprise back to an earlier stage."""
        choice = self.carrier.selected()
        if choice is None or not self.from_stage:
            return False
        return ref.move_exit_reason(self.from_stage, choice.stage) == ref.EXIT_RETURNED

    def show_return(self):
        widgets = (self.return_notice, self.reason_label, self.reason)
        if self.returning():
            stage = self.carrier.selected().stage
            self.return_notice.configure(
                text=T.RETURN_NOTICE.format(from_stage=self.from_stage, to_stage=stage)
            )
            for widget in widgets:
                widget.grid()
        else:
            for widget in widgets:
                widget.grid_remove()
        text = T.CONFIRM_RETURN if self.returning() else type(self).ok_text
        if hasattr(self, "ok_button"):
            self.ok_button.configure(text=text)
        else:  # still in body(): the button is made after it, with this text
            self.ok_text = text

    def _reason(self):
        """The reason typed, when the move goes back a stage (the service wants it then)."""
        return (self.reason.get().strip() or None) if self.returning() else None

    def _step_unchanged(self):
        """True when the enterprise's last step is still ``self.step``, the one shown; else
        says so (someone recorded or withdrew a step since the dialog opened)."""
        try:
            current = self.registry.incubation.last_step(self.enterprise.id)
        except RegistryError as exc:
            self.show_error(str(exc))
            return False
        if current != self.step:
            self.show_error(T.STEP_CHANGED)
            return False
        return True

    def _chosen_id(self):
        choice = self.carrier.selected()
        if choice is None:
            self.show_error(T.CHOOSE_CARRIER)
            return None
        return choice.id


class CarrierDialog(_ChainDialog):
    """入驻 (admit) or 晋级/迁移 (move): choose a carrier, a date, optionally area/reason; a move
    back to an earlier stage asks for the reason (退回)."""

    def __init__(self, parent, registry, enterprise, move=False, _utest=False):
        self.move = move
        title = T.DLG_MOVE if move else T.DLG_ADMIT
        super().__init__(parent, registry, enterprise, title, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self._carrier(grid, 0, exclude_id=self.enterprise.carrier_id)
        self._date(grid, 2)
        self.area = self._row(grid, 3, T.FIELD_AREA, ttk.Entry(grid, width=12))
        self.override = ttk.Entry(grid, width=44)
        if self.registry.actor.is_admin:
            self._row(grid, 4, T.FIELD_OVERRIDE, self.override)
        self.from_stage = None
        if self.move:
            self._return_rows(grid, 5, self.enterprise.stage)
        return self.carrier

    def validate(self):
        carrier_id = self._chosen_id()
        if carrier_id is None:
            return None
        options = dict(
            override_reason=self.override.get().strip() or None,
            area_m2=self.area.get().strip() or None,
        )
        inc = self.registry.incubation
        if self.move:
            action = lambda: inc.move(  # noqa: E731
                self.enterprise.id,
                carrier_id,
                self.date.get_date(),
                reason=self._reason(),
                **options,
            )
        else:
            action = lambda: inc.admit(  # noqa: E731
                self.enterprise.id, carrier_id, self.date.get_date(), **options
            )
        return self._call(action)


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


class CorrectStepDialog(_ChainDialog):
    """更正最后一步 (administrators): the step's date and, for an admission or a move, its
    carrier; a move that becomes a 退回 asks for the reason."""

    def __init__(self, parent, registry, enterprise, step, _utest=False):
        self.step = step
        super().__init__(parent, registry, enterprise, T.DLG_CORRECT, _utest=_utest)

    def body(self, frame):
        step = self.step
        ttk.Label(frame, text=T.STEP_LABEL + step.text, wraplength=520, justify="left").pack(
            anchor="w"
        )
        grid = ttk.Frame(frame)
        grid.pack(fill="x", pady=(10, 0))
        self._date(grid, 0, step.on_date)
        self.from_stage = None
        if not step.carrier_correctable:
            ttk.Label(grid, text=T.CORRECT_DATE_ONLY, style="Muted.TLabel").grid(
                row=1, column=1, sticky="w"
            )
            self.carrier = None
            return self.date
        self._carrier(grid, 1)
        self.current_label = f"{step.stay.carrier}（{step.stay.stage}）"
        self.carrier.set(self.current_label)
        if step.previous is not None:
            self._return_rows(grid, 3, step.previous.stage)
            if step.previous.exit_reason == ref.EXIT_RETURNED:
                self.reason.insert(0, step.previous.notes or "")
        return self.date

    def show_return(self):
        if self.carrier is not None and self.from_stage:
            super().show_return()

    def validate(self):
        if not self._step_unchanged():
            return None
        carrier_id = None
        if self.carrier is not None:
            if self.carrier.get() == self.current_label:  # kept (even if it has stopped since)
                carrier_id = self.step.stay.carrier_id
            else:
                carrier_id = self._chosen_id()
            if carrier_id is None:
                return None
        reason = self._reason() if self.from_stage else None
        return self._call(
            lambda: self.registry.incubation.correct_last_step(
                self.enterprise.id, self.date.get_date(), carrier_id, reason
            )
        )


class WithdrawStepDialog(_ChainDialog):
    """撤回最后一步 (administrators): says what the step was and what withdrawing restores;
    the button 「撤回」 confirms."""

    ok_text = T.WITHDRAW_OK

    def __init__(self, parent, registry, enterprise, step, _utest=False):
        self.step = step
        super().__init__(parent, registry, enterprise, T.DLG_WITHDRAW, _utest=_utest)

    def body(self, frame):
        labels = [
            ttk.Label(frame, text=text, style=style, wraplength=520, justify="left")
            for text, style in (
                (T.STEP_LABEL + self.step.text, "TLabel"),
                (T.STEP_UNDO.format(undo=self.step.undo_text), "TLabel"),
                (T.WITHDRAW_NOTE, "Muted.TLabel"),
            )
        ]
        for label in labels:
            label.pack(anchor="w", pady=(0, 6))
        return labels[0]  # the focus inside the dialog: Enter withdraws, Esc cancels

    def validate(self):
        if not self._step_unchanged():
            return None
        return self._call(lambda: self.registry.incubation.withdraw_last_step(self.enterprise.id))


STEP_DIALOGS = {"correct": CorrectStepDialog, "withdraw": WithdrawStepDialog}
