"""The incubation chain: admit, move, graduate, leave, history, overdue and candidates.

苗圃(众创空间) → 孵化器 → 加速器 → 产业化基地.  Each stay is a Residency; an enterprise has at
most one open residency, and Enterprise.stage / Enterprise.carrier always equal what that open
residency says (they are written together, in one transaction, only here).  A stay's ``basis``
says why it began (an exception to the entry rule), its ``notes`` why it ended (the graduation
rule met, the leave notes, the reason for going back a stage: 退回 needs one).  Correcting or
withdrawing the last step is in chain_steps.py; the rules' arithmetic in incubation_rules.py.
"""

import dataclasses
import datetime
import json

from peewee import JOIN

from db.models import Carrier, Enterprise, Industry, Residency
from gjz_registry import reference as ref
from gjz_registry import settings
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError, PermissionDeniedError, RuleError
from gjz_registry.services import incubation_rules as rules_of
from gjz_registry.services import writes
from gjz_registry.services.base import Service, get_or_404
from gjz_registry.services.chain_steps import ChainSteps
from gjz_registry.services.graduation import GraduationRules, RuleCheck
from gjz_registry.services.incubation_rules import (
    OVERRIDE_PREFIX,
    add_months,
    age,
    clean_reason,
    graduation_text,
    months_between,
    returned_without_reason,
)

__all__ = ["IncubationService", "ResidencyRecord", "RuleCheck", "months_between"]


@dataclasses.dataclass
class ResidencyRecord:
    id: int
    enterprise_id: int
    enterprise_name: str
    carrier_id: int
    carrier: str
    stage: str
    entered_on: datetime.date
    left_on: datetime.date = None
    exit_reason: str = None
    basis: str = None
    days: int = 0
    months: int = 0
    notes: str = None
    moved_from_id: int = None

    @property
    def open(self):
        return self.left_on is None

    @property
    def explanation(self):
        """Why the stay began and why it ended, as the history's 依据/说明 column shows it."""
        return "；".join(t for t in (self.basis, self.notes) if t)


class IncubationService(ChainSteps, GraduationRules, Service):
    """Moves through the chain; every change audited."""

    # --- rules -------------------------------------------------------------------------
    def rules(self):
        """The rules in force: defaults overlaid with the admin's saved values."""
        rules = dict(ref.DEFAULT_INCUBATION_RULES)
        saved = self.registry.reference.setting(settings.INCUBATION_RULES)
        if saved:
            rules.update(json.loads(saved))
        return rules

    def set_rules(self, changes):
        """Save changed rule values (admin); unknown keys and badly formed time limits are
        refused (InvalidValueError)."""
        rules_of.check_changes(changes)
        rules = self.rules()
        rules.update(changes)
        self.registry.reference.set_setting(
            settings.INCUBATION_RULES, json.dumps(rules, ensure_ascii=False)
        )
        return rules

    # --- helpers -----------------------------------------------------------------------
    def _enterprise_for_write(self, enterprise_id):
        row = get_or_404(Enterprise, enterprise_id, "企业")
        self.require_write(row.street_id, "企业")
        return row

    @staticmethod
    def _open_residency(enterprise_id):
        return Residency.get_or_none(
            (Residency.enterprise == enterprise_id) & Residency.left_on.is_null()
        )

    @staticmethod
    def _date(on_date, field="日期"):
        if on_date is None:
            return datetime.date.today()
        return v.validate_date(on_date, field, latest=datetime.date.today())

    def _set_current(self, enterprise, stage, carrier_id):
        # The chain step read the enterprise in this transaction: that is the version written.
        before = {"stage": enterprise.stage, "carrier": enterprise.carrier_id}
        after = {"stage": stage, "carrier": carrier_id}
        writes.update(
            self.actor,
            enterprise,
            "enterprise",
            "企业",
            after,
            enterprise.version,
            logged=(before, after),
        )

    def time_limit_text(self):
        """The time-limit rule in force, in Chinese lines (系统 › 孵化规则, CLI ``overdue``)."""
        return rules_of.describe_time_limits(self.rules())

    def _open(self, enterprise, carrier, on_date, basis=None, area_m2=None, moved_from=None):
        stage = ref.STAGE_OF_CARRIER_KIND[carrier.kind]
        if area_m2 not in (None, ""):
            area_m2 = v.validate_money(area_m2, "使用面积", unit="平方米")
        else:
            area_m2 = None
        row = writes.create(
            self.actor,
            Residency,
            "residency",
            dict(
                enterprise=enterprise.id,
                carrier=carrier.id,
                stage=stage,
                entered_on=on_date,
                basis=v.visible_text(basis, multiline=False),
                area_m2=area_m2,
                moved_from=moved_from,
            ),
            logged={
                "enterprise": enterprise.id,
                "carrier": carrier.id,
                "stage": stage,
                "entered_on": on_date,
                "basis": basis,
                "area_m2": area_m2,
                "moved_from": moved_from,
            },
        )
        self._set_current(enterprise, stage, carrier.id)
        return row

    def _close(self, residency, on_date, reason, notes=None):
        """End an open stay on ``on_date`` for ``reason``; ``notes`` say why (its basis, why
        it began, stays as it is, so withdrawing the step restores the stay exactly)."""
        if on_date < residency.entered_on:
            raise RuleError(
                f"离开日期 {on_date.isoformat()} 早于入驻日期 {residency.entered_on.isoformat()}，"
                "日期不能倒退"
            )
        notes = v.visible_text(notes, multiline=False) or None
        after = {"left_on": on_date, "exit_reason": reason, "notes": notes}
        writes.update(
            self.actor,
            residency,
            "residency",
            "孵化记录",
            after,
            residency.version,
            name=f"{residency.stage} {residency.entered_on}",
            action="close",
            logged=({"left_on": None, "exit_reason": None, "notes": residency.notes}, after),
        )

    def _check_entry(self, enterprise, carrier, on_date, override_reason, new_carrier=True):
        """None, or the basis of an administrator's exception to the entry-age rule; raises
        RuleError (PermissionDeniedError: an exception asked for by a non-administrator).
        ``new_carrier`` False (a correction keeping the carrier): a carrier that has stopped
        since is no reason to refuse."""
        if enterprise.status != ref.STATUS_ACTIVE:
            raise RuleError(f"企业「{enterprise.name}」状态为{enterprise.status}，不能入驻载体")
        if new_carrier and carrier.status != "运营":
            raise RuleError(f"载体「{carrier.name}」已{carrier.status}，不能入驻")
        if enterprise.founded_on and on_date < enterprise.founded_on:
            raise RuleError(
                f"入驻日期 {on_date.isoformat()} 早于企业成立日期 "
                f"{enterprise.founded_on.isoformat()}"
            )
        rules = self.rules()
        stage = ref.STAGE_OF_CARRIER_KIND[carrier.kind]
        limit = rules["entry_max_age_months"]
        if stage in rules["entry_age_stages"] and enterprise.founded_on:
            # "成立不超过 24 个月": entering on the day 24 months after founding is in time,
            # a day later is not (the same date arithmetic as the time limit of overdue()).
            if on_date > add_months(enterprise.founded_on, limit):
                message = (
                    f"企业「{enterprise.name}」成立于 {enterprise.founded_on.isoformat()}，"
                    f"入驻时已成立 {age(enterprise.founded_on, on_date)}，"
                    f"超过入孵企业成立不超过 {limit} 个月的规定"
                )
                if not override_reason:
                    raise RuleError(message + "；管理员可填写理由后破例入驻")
                if not self.actor.is_admin:
                    raise PermissionDeniedError(message + "；只有管理员可以破例入驻")
                return OVERRIDE_PREFIX + override_reason
        return None

    # --- actions -----------------------------------------------------------------------
    def admit(self, enterprise_id, carrier_id, on_date=None, override_reason=None, area_m2=None):
        """Open a residency in ``carrier``; the stage follows the carrier's kind."""
        day = self._date(on_date, "入驻日期")
        with self.atomic():
            enterprise = self._enterprise_for_write(enterprise_id)
            carrier = get_or_404(Carrier, carrier_id, "载体")
            current = self._open_residency(enterprise.id)
            if current is not None:
                where = Carrier.get_by_id(current.carrier_id).name
                raise RuleError(
                    f"企业「{enterprise.name}」已在「{where}」（{current.stage}）入驻，"
                    "同一时间只能在一个载体；请用「晋级/迁移」"
                )
            last = (
                Residency.select()
                .where(Residency.enterprise == enterprise.id)
                .order_by(Residency.left_on.desc())
                .first()
            )
            if last is not None and day < last.left_on:
                raise RuleError(
                    f"入驻日期 {day.isoformat()} 早于上次离开日期 {last.left_on.isoformat()}"
                )
            basis = self._check_entry(enterprise, carrier, day, override_reason)
            row = self._open(enterprise, carrier, day, basis, area_m2)
        return self._record(row.id)

    def move(
        self,
        enterprise_id,
        to_carrier_id,
        on_date=None,
        override_reason=None,
        area_m2=None,
        reason=None,
    ):
        """Close the open residency and open the next: 晋级 to a later stage, 迁出 to another
        carrier of the same stage, 退回 to an earlier stage — which needs ``reason`` (RuleError
        without one); the reason goes into the closed stay's notes."""
        day = self._date(on_date, "迁移日期")
        note = clean_reason(reason, "退回原因")
        with self.atomic():
            enterprise = self._enterprise_for_write(enterprise_id)
            carrier = get_or_404(Carrier, to_carrier_id, "载体")
            current = self._open_residency(enterprise.id)
            if current is None:
                raise RuleError(f"企业「{enterprise.name}」目前未入驻任何载体，请用「入驻」")
            if current.carrier_id == carrier.id:
                raise RuleError(f"企业「{enterprise.name}」已在「{carrier.name}」")
            new_stage = ref.STAGE_OF_CARRIER_KIND[carrier.kind]
            exit_reason = ref.move_exit_reason(current.stage, new_stage)
            if exit_reason == ref.EXIT_RETURNED and note is None:
                raise RuleError(returned_without_reason(enterprise.name, current.stage, new_stage))
            basis = self._check_entry(enterprise, carrier, day, override_reason)
            self._close(current, day, exit_reason, notes=note)
            row = self._open(enterprise, carrier, day, basis, area_m2, moved_from=current.id)
        return self._record(row.id)

    def graduate(self, enterprise_id, on_date=None, basis=None, evidence=None):
        """Close the open residency with 毕业 when a graduation rule holds.

        ``basis`` names a rule (see reference.GRADUATION_RULES); without it the first rule
        that holds is used.  ``merger_or_listing`` needs ``evidence`` (what happened, when).
        RuleError lists what is missing when no rule holds.
        """
        day = self._date(on_date, "毕业日期")
        with self.atomic():
            enterprise = self._enterprise_for_write(enterprise_id)
            current = self._open_residency(enterprise.id)
            if current is None:
                raise RuleError(f"企业「{enterprise.name}」目前未入驻任何载体，无法办理毕业")
            checks = self.graduation_checks(enterprise.id, day, evidence)
            names = dict(ref.GRADUATION_RULES)
            if basis is not None and basis not in names:
                raise InvalidValueError(f"未知的毕业条件：{basis}")
            holding = [c for c in checks if c.holds and (basis is None or c.key == basis)]
            if not holding:
                missing = "；".join(f"{c.title}：{c.detail}" for c in checks)
                raise RuleError(
                    f"企业「{enterprise.name}」不满足毕业条件（满足其一即可）——{missing}"
                )
            self._close(current, day, ref.EXIT_GRADUATED, notes=graduation_text(holding[0]))
            self._set_current(enterprise, None, None)
        return self._record(current.id)

    def leave(self, enterprise_id, on_date=None, reason=ref.EXIT_MOVED_OUT, notes=None):
        """Close the open residency for 迁出 / 终止 / 注销."""
        reason = v.validate_choice(
            reason, (ref.EXIT_MOVED_OUT, ref.EXIT_TERMINATED, ref.EXIT_DEREGISTERED), "离开原因"
        )
        day = self._date(on_date, "离开日期")
        with self.atomic():
            enterprise = self._enterprise_for_write(enterprise_id)
            current = self._open_residency(enterprise.id)
            if current is None:
                raise RuleError(f"企业「{enterprise.name}」目前未入驻任何载体")
            self._close(current, day, reason, notes=notes)
            self._set_current(enterprise, None, None)
        return self._record(current.id)

    def close_open_residency(self, enterprise, on_date, status, notes=None):
        """Used when an enterprise is deactivated: close its residency the same day."""
        self.require_write(enterprise.street_id, "企业")
        current = self._open_residency(enterprise.id)
        if current is None:
            return
        reason = ref.EXIT_DEREGISTERED if status == ref.STATUS_DEREGISTERED else ref.EXIT_MOVED_OUT
        self._close(current, max(on_date, current.entered_on), reason, notes=notes)
        self._set_current(enterprise, None, None)

    # --- reads -------------------------------------------------------------------------
    def _record(self, residency_id, today=None):
        r = (
            Residency.select(Residency, Enterprise.name.alias("ename"), Carrier.name.alias("cname"))
            .join(Enterprise)
            .switch(Residency)
            .join(Carrier)
            .where(Residency.id == residency_id)
            .dicts()
            .first()
        )
        return _residency(r, today)

    def history(self, enterprise_id, today=None):
        """The whole chain of an enterprise, oldest first, with durations."""
        self.registry.enterprises.get(enterprise_id)  # visibility check
        rows = (
            Residency.select(Residency, Enterprise.name.alias("ename"), Carrier.name.alias("cname"))
            .join(Enterprise)
            .switch(Residency)
            .join(Carrier)
            .where(Residency.enterprise == enterprise_id)
            .order_by(Residency.entered_on, Residency.id)
        )
        return [_residency(r, today) for r in rows.dicts()]

    def residents(self, carrier_id=None, as_of=None):
        """Open residencies (optionally of one carrier), within the actor's scope."""
        query = (
            Residency.select(Residency, Enterprise.name.alias("ename"), Carrier.name.alias("cname"))
            .join(Enterprise)
            .switch(Residency)
            .join(Carrier)
            .where(Residency.left_on.is_null())
        )
        query = self.scope(query, Enterprise.street)
        if carrier_id is not None:
            query = query.where(Residency.carrier == carrier_id)
        return [_residency(r, as_of) for r in query.order_by(Residency.entered_on).dicts()]

    def overdue(self, as_of=None):
        """Residents past their stage's time limit on ``as_of`` (rules ``time_limits``: 48
        months, 60 in a long-cycle field, for 苗圃 and 孵化器 unless the admin changed them)."""
        as_of = as_of or datetime.date.today()
        rules = self.rules()
        limited = [stage for stage in ref.STAGES if rules_of.time_limit(rules, stage, None)]
        query = (
            Residency.select(
                Residency,
                Enterprise.name.alias("ename"),
                Carrier.name.alias("cname"),
                Industry.name.alias("industry"),
            )
            .join(Enterprise)
            .switch(Residency)
            .join(Carrier)
            .switch(Enterprise)
            .join(Industry, JOIN.LEFT_OUTER, on=(Enterprise.industry == Industry.id))
            .where(Residency.left_on.is_null() & Residency.stage.in_(limited))
        )
        query = self.scope(query, Enterprise.street)
        result = []
        for r in query.order_by(Residency.entered_on).dicts():
            limit = rules_of.time_limit(rules, r["stage"], r["industry"])
            if rules_of.is_overdue(r["entered_on"], limit, as_of):
                record = _residency(r, as_of)
                record.basis = f"{record.stage}期限 {limit} 个月，已孵化 {record.months} 个月"
                result.append(record)
        return result

    def graduation_candidates(self, as_of=None):
        """Open residents who meet a graduation rule but have not graduated."""
        as_of = as_of or datetime.date.today()
        rules = self.rules()
        residents = self.residents(as_of=as_of)
        facts = self._graduation_facts([r.enterprise_id for r in residents], as_of)
        result = []
        for record in residents:
            holding = [c for c in self._evaluate(facts[record.enterprise_id], rules) if c.holds]
            if holding:
                record.basis = "；".join(c.title for c in holding)
                result.append(record)
        return result


def _residency(r, today=None):
    end = r["left_on"] or today or datetime.date.today()
    return ResidencyRecord(
        id=r["id"],
        enterprise_id=r["enterprise"],
        enterprise_name=r["ename"],
        carrier_id=r["carrier"],
        carrier=r["cname"],
        stage=r["stage"],
        entered_on=r["entered_on"],
        left_on=r["left_on"],
        exit_reason=r["exit_reason"],
        basis=r["basis"],
        days=(end - r["entered_on"]).days,
        months=months_between(r["entered_on"], end),
        notes=r["notes"],
        moved_from_id=r["moved_from"],
    )
