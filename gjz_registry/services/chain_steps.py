"""Correcting or withdrawing the last step of an enterprise's incubation chain (administrators).

The last step is the chain's newest change:

- admit: the open stay, begun by an admission (its ``moved_from`` is empty);
- move: the open stay, begun by a move (晋级/迁移/退回) that closed the stay ``moved_from``;
- close: the newest stay, ended by 毕业/迁出/终止/注销 (no stay is open).

Older steps stay as they are.  A correction changes the step's date (for a move the day one
stay ended and the next began, for a close the leaving day) and, for an admission or a move,
the carrier: its stage follows the carrier's kind and the rules of admit/move apply again (a
move that becomes a 退回 needs a reason; a corrected graduation date must still meet the rule
the graduation named).  Withdrawing restores the state before the step exactly: an
admission's stay is deleted; a move's stay is deleted and the stay it closed reopened; a
closed stay is reopened — and Enterprise.stage / Enterprise.carrier follow.  Each changed stay
gets an audit row (``correct`` / ``withdraw``, before and after) and the enterprise its update
row, in one transaction.  A live certificate that states the step (入孵证明 issued since the
stay began, 毕业证书 since the graduation) has to be revoked first.
"""

import dataclasses
import datetime

from db.models import Carrier, Certificate, Residency
from gjz_registry import certificate_texts
from gjz_registry import reference as ref
from gjz_registry.errors import RuleError
from gjz_registry.services import writes
from gjz_registry.services.base import get_or_404
from gjz_registry.services.certificate_facts import live_certificate
from gjz_registry.services.incubation_rules import (
    OVERRIDE_PREFIX,
    clean_reason,
    graduation_rule_of,
    graduation_text,
    returned_without_reason,
)

STEP_ADMIT, STEP_MOVE, STEP_CLOSE = "admit", "move", "close"
MOVE_VERBS = {ref.EXIT_PROMOTED: "晋级到", ref.EXIT_MOVED_OUT: "迁到", ref.EXIT_RETURNED: "退回到"}
# A stay's fields as an audit row shows them (foreign keys by their field name).
STAY_FIELDS = (
    "enterprise",
    "carrier",
    "stage",
    "entered_on",
    "left_on",
    "exit_reason",
    "basis",
    "notes",
    "area_m2",
    "moved_from",
)
FOREIGN_KEYS = ("enterprise", "carrier", "moved_from")
NOTHING_TO_CORRECT = "更正后的日期、载体和原因与原来相同，没有需要更正的内容"


@dataclasses.dataclass
class LastStep:
    """The newest step of an enterprise's chain, and what withdrawing it would do.

    ``stay`` is the ResidencyRecord the step opened (admit, move) or closed (close);
    ``previous`` the stay a move closed.  ``text`` describes the step, ``undo_text`` what
    withdrawing it restores, both in Chinese."""

    kind: str
    enterprise_id: int
    enterprise_name: str
    on_date: datetime.date
    stay: object
    previous: object = None
    text: str = ""
    undo_text: str = ""

    @property
    def carrier_correctable(self):
        """An admission or a move names a carrier that may be corrected; leaving does not."""
        return self.kind != STEP_CLOSE


def _snapshot(row):
    return {f: getattr(row, f + "_id" if f in FOREIGN_KEYS else f) for f in STAY_FIELDS}


def _last_rows(enterprise_id):
    """(kind, stay row, previous row or None) of the enterprise's last step, or None."""
    current = Residency.get_or_none(
        (Residency.enterprise == enterprise_id) & Residency.left_on.is_null()
    )
    if current is not None:
        previous = None
        if current.moved_from_id is not None:
            previous = Residency.get_or_none(Residency.id == current.moved_from_id)
        return (STEP_ADMIT if previous is None else STEP_MOVE), current, previous
    last = (
        Residency.select()
        .where(Residency.enterprise == enterprise_id)
        .order_by(Residency.left_on.desc(), Residency.entered_on.desc(), Residency.id.desc())
        .first()
    )
    return None if last is None else (STEP_CLOSE, last, None)


class ChainSteps:
    """IncubationService's part that corrects and withdraws the last step."""

    def last_step(self, enterprise_id):
        """The enterprise's last chain step as a :class:`LastStep`, None without a history
        (readable by whoever may see the enterprise)."""
        self.registry.enterprises.get(enterprise_id)  # visibility check
        found = _last_rows(enterprise_id)
        return None if found is None else self._describe(*found)

    def _describe(self, kind, row, previous):
        stay = self._record(row.id)
        before = self._record(previous.id) if previous is not None else None
        where = f"「{stay.carrier}」（{stay.stage}）"
        if kind == STEP_ADMIT:
            day = stay.entered_on
            text = f"{day.isoformat()} 入驻{where}"
            undo = "删除这条入驻记录，企业回到未入驻载体的状态"
        elif kind == STEP_MOVE:
            day = stay.entered_on
            verb = MOVE_VERBS.get(before.exit_reason, "迁到")
            text = f"{day.isoformat()} 从「{before.carrier}」（{before.stage}）{verb}{where}"
            undo = (
                f"删除在「{stay.carrier}」的入驻记录，"
                f"恢复在「{before.carrier}」（{before.stage}）在孵"
            )
        else:
            day = stay.left_on
            text = f"{day.isoformat()} 离开{where}，原因：{stay.exit_reason}"
            undo = f"恢复在{where}在孵"
        return LastStep(
            kind, stay.enterprise_id, stay.enterprise_name, day, stay, before, text, undo
        )

    # --- correct -----------------------------------------------------------------------
    def correct_last_step(self, enterprise_id, on_date=None, carrier_id=None, reason=None):
        """Correct the date and/or the carrier of the last step (administrators, within the
        enterprise's street as every chain write); ``reason``: why the move goes back a stage
        when it does.  Returns the corrected :class:`LastStep`.  Raises RuleError (nothing to
        correct, a rule of the chain, a certificate stating the step), PermissionDeniedError."""
        with self.atomic():
            enterprise, found = self._last_for_admin(enterprise_id, "更正")
            kind, row, previous = found
            if kind == STEP_CLOSE:
                day = row.left_on if on_date is None else self._date(on_date, "离开日期")
                self._correct_close(enterprise, row, day, carrier_id)
            else:
                day = row.entered_on if on_date is None else self._date(on_date, "日期")
                self._correct_entry(enterprise, row, previous, day, carrier_id, reason)
        return self.last_step(enterprise.id)

    def _correct_close(self, enterprise, row, day, carrier_id):
        if carrier_id is not None and carrier_id != row.carrier_id:
            raise RuleError(
                f"企业「{enterprise.name}」的最后一步是离开载体（{row.exit_reason}），没有载体"
                "可更正；入驻的载体有误时，请先撤回离开这一步，再更正入驻"
            )
        if day < row.entered_on:
            raise RuleError(
                f"离开日期 {day.isoformat()} 早于入驻日期 {row.entered_on.isoformat()}，"
                "日期不能倒退"
            )
        notes = row.notes
        if row.exit_reason == ref.EXIT_GRADUATED:
            self._no_certificate(enterprise, "graduation", row.left_on, "更正")
            notes = self._graduation_on(enterprise, row, day)
        if not self._update_stay(row, "correct", left_on=day, notes=notes):
            raise RuleError(NOTHING_TO_CORRECT)

    def _correct_entry(self, enterprise, row, previous, day, carrier_id, reason):
        carrier = get_or_404(Carrier, row.carrier_id if carrier_id is None else carrier_id, "载体")
        new_carrier = carrier.id != row.carrier_id
        stage = ref.STAGE_OF_CARRIER_KIND[carrier.kind]
        self._no_certificate(enterprise, "incubation", row.entered_on, "更正")
        if previous is None:
            self._admission_day_free(enterprise, row, day)
        else:
            if carrier.id == previous.carrier_id:
                raise RuleError(
                    f"企业「{enterprise.name}」迁移前就在「{carrier.name}」，不能迁到同一载体；"
                    "要取消这次迁移，请撤回这一步"
                )
            if day < previous.entered_on:
                raise RuleError(
                    f"迁移日期 {day.isoformat()} 早于在上一载体的入驻日期 "
                    f"{previous.entered_on.isoformat()}，日期不能倒退"
                )
            exit_reason = ref.move_exit_reason(previous.stage, stage)
            note = clean_reason(reason, "退回原因")
            if exit_reason == ref.EXIT_RETURNED:
                if note is None and previous.exit_reason == ref.EXIT_RETURNED:
                    note = previous.notes  # the reason given when it went back still holds
                if note is None:
                    raise RuleError(returned_without_reason(enterprise.name, previous.stage, stage))
        override = None
        if row.basis and row.basis.startswith(OVERRIDE_PREFIX):
            override = row.basis[len(OVERRIDE_PREFIX) :]
        basis = self._check_entry(enterprise, carrier, day, override, new_carrier=new_carrier)
        changed = False
        if previous is not None:
            changed = self._update_stay(
                previous, "correct", left_on=day, exit_reason=exit_reason, notes=note
            )
        changed = (
            self._update_stay(
                row, "correct", entered_on=day, carrier=carrier.id, stage=stage, basis=basis
            )
            or changed
        )
        if not changed:
            raise RuleError(NOTHING_TO_CORRECT)
        if new_carrier:
            self._set_current(enterprise, stage, carrier.id)

    @staticmethod
    def _admission_day_free(enterprise, row, day):
        """An admission may not begin before the enterprise left its previous carrier."""
        last = (
            Residency.select(Residency.left_on)
            .where(
                (Residency.enterprise == enterprise.id)
                & (Residency.id != row.id)
                & Residency.left_on.is_null(False)
            )
            .order_by(Residency.left_on.desc())
            .first()
        )
        if last is not None and day < last.left_on:
            raise RuleError(
                f"入驻日期 {day.isoformat()} 早于上次离开日期 {last.left_on.isoformat()}"
            )

    def _graduation_on(self, enterprise, row, day):
        """The graduation's notes for the corrected date: the rule it named must still hold."""
        key, evidence = graduation_rule_of(row.notes)
        if key is None:
            return row.notes  # a text this program did not write: kept as it is
        checks = self.graduation_checks(enterprise.id, day, evidence)
        check = next(c for c in checks if c.key == key)
        if not check.holds:
            raise RuleError(
                f"企业「{enterprise.name}」在 {day.isoformat()} 不满足原毕业依据「{check.title}」"
                f"（{check.detail}）；请改正日期，或撤回毕业后重新办理"
            )
        return graduation_text(check)

    # --- withdraw ----------------------------------------------------------------------
    def withdraw_last_step(self, enterprise_id):
        """Undo the last step (administrators, within the enterprise's street): see the module
        docstring.  Returns the :class:`LastStep` that was withdrawn.  Raises RuleError (no
        history, an enterprise no longer 在营 for a close, a certificate stating the step),
        PermissionDeniedError."""
        with self.atomic():
            enterprise, found = self._last_for_admin(enterprise_id, "撤回")
            step = self._describe(*found)
            kind, row, previous = found
            if kind == STEP_CLOSE:
                if enterprise.status != ref.STATUS_ACTIVE:
                    raise RuleError(
                        f"企业「{enterprise.name}」的状态为「{enterprise.status}」，撤回离开载体"
                        "后它将重新在孵；请先把企业状态改回「在营」"
                    )
                if row.exit_reason == ref.EXIT_GRADUATED:
                    self._no_certificate(enterprise, "graduation", row.left_on, "撤回")
                self._update_stay(row, "withdraw", left_on=None, exit_reason=None, notes=None)
                self._set_current(enterprise, row.stage, row.carrier_id)
            else:
                self._no_certificate(enterprise, "incubation", row.entered_on, "撤回")
                writes.delete(
                    self.actor,
                    row,
                    "residency",
                    "孵化记录",
                    _snapshot(row),
                    row.version,
                    name=f"{row.stage} {row.entered_on}",
                    action="withdraw",
                )
                if previous is not None:
                    self._update_stay(
                        previous, "withdraw", left_on=None, exit_reason=None, notes=None
                    )
                    self._set_current(enterprise, previous.stage, previous.carrier_id)
                else:
                    self._set_current(enterprise, None, None)
        return step

    # --- helpers -----------------------------------------------------------------------
    def _last_for_admin(self, enterprise_id, verb):
        """(enterprise row, its last step's rows) for an administrator who may write the
        enterprise (its street, as every chain write); RuleError without a history."""
        self.require_admin(f"{verb}孵化链的最后一步")
        enterprise = self._enterprise_for_write(enterprise_id)
        found = _last_rows(enterprise.id)
        if found is None:
            raise RuleError(f"企业「{enterprise.name}」没有孵化记录，没有可{verb}的步骤")
        return enterprise, found

    def _update_stay(self, row, action, **values):
        """Write the changed ``values`` of a stay with an audit row; False when none changed."""
        current = _snapshot(row)
        changed = {k: value for k, value in values.items() if current[k] != value}
        if not changed:
            return False
        # A chain step reads its stays in the transaction that writes them: the row read is
        # the version written (the step itself is what the user confirmed).
        writes.update(
            self.actor,
            row,
            "residency",
            "孵化记录",
            changed,
            row.version,
            name=f"{row.stage} {row.entered_on}",
            action=action,
            logged=({k: current[k] for k in changed}, changed),
        )
        return True

    def _no_certificate(self, enterprise, key, since, verb):
        """Refuse while a live certificate of kind ``key`` issued since ``since`` states the
        step about to be corrected or withdrawn."""
        kind = certificate_texts.KINDS[key]
        found = live_certificate(kind, Certificate.enterprise == enterprise.id, since)
        if found is not None:
            raise RuleError(
                f"已为这一步开具{kind.title}（编号 {found.serial}，{found.issued_on.isoformat()} "
                f"签发），{verb}后证书与登记不符：请先在「报表证书」中撤销该证书，再{verb}"
            )
