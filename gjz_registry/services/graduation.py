"""The graduation rules of the incubation chain (《科技企业孵化器管理办法》): which of them an
enterprise meets on a day, from its facts — a 高新技术企业 certificate valid that day (by
services.validity's rule), investment received, two consecutive years' revenue, or a merger /
listing the user states.

IncubationService's part that evaluates them (graduate() and graduation_candidates() use it);
the thresholds are the incubation rules' (reference.DEFAULT_INCUBATION_RULES, settings).
"""

import dataclasses
import datetime
from decimal import Decimal

from db.models import AnnualReport, Qualification
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.services.validity import valid_on


@dataclasses.dataclass
class RuleCheck:
    key: str
    title: str
    holds: bool
    detail: str


class GraduationRules:
    """Evaluates the graduation rules for IncubationService."""

    # --- graduation rules --------------------------------------------------------------
    def graduation_checks(self, enterprise_id, on_date=None, evidence=None):
        """Evaluate every graduation rule for one enterprise: [RuleCheck] (its figures: only
        for an enterprise the actor may see)."""
        self.registry.enterprises.get(enterprise_id)  # visibility check
        day = on_date or datetime.date.today()
        facts = self._graduation_facts([enterprise_id], day)[enterprise_id]
        return self._evaluate(facts, self.rules(), evidence)

    @staticmethod
    def _graduation_facts(enterprise_ids, day):
        """The facts the rules look at, for many enterprises in three queries:
        {id: {"high_tech": number or None, "invested": Decimal, "revenues": {year: Decimal}}}."""
        facts = {
            eid: {"high_tech": None, "invested": Decimal(0), "revenues": {}}
            for eid in enterprise_ids
        }
        for chunk_start in range(0, len(enterprise_ids), 500):
            chunk = enterprise_ids[chunk_start : chunk_start + 500]
            for eid, number in (
                Qualification.select(Qualification.enterprise, Qualification.number)
                .where(Qualification.enterprise.in_(chunk) & valid_on(ref.QUAL_HIGH_TECH, day))
                .tuples()
            ):
                facts[eid]["high_tech"] = number
            for eid, year, revenue, invested in (
                AnnualReport.select(
                    AnnualReport.enterprise,
                    AnnualReport.year,
                    AnnualReport.revenue,
                    AnnualReport.investment_received,
                )
                .where(AnnualReport.enterprise.in_(chunk) & (AnnualReport.year <= day.year))
                .tuples()
            ):
                if revenue is not None:
                    facts[eid]["revenues"][year] = Decimal(revenue)
                facts[eid]["invested"] += Decimal(invested or 0)
        return facts

    @staticmethod
    def _evaluate(facts, rules, evidence=None):
        names = dict(ref.GRADUATION_RULES)
        number = facts["high_tech"]
        checks = [
            RuleCheck(
                "high_tech",
                names["high_tech"],
                number is not None,
                f"证书 {number}" if number else "无有效的高新技术企业证书",
            )
        ]
        invested = facts["invested"].quantize(Decimal("0.0001")).normalize() + 0
        threshold = Decimal(str(rules["investment_threshold"]))
        checks.append(
            RuleCheck(
                "investment",
                names["investment"],
                invested > threshold,
                f"累计获得投资 {invested:f} 万元（需超过 {threshold} 万元）",
            )
        )
        revenues = facts["revenues"]
        limit = Decimal(str(rules["revenue_two_year_threshold"]))
        best = None
        for year in sorted(revenues):
            if year + 1 in revenues:
                total = revenues[year] + revenues[year + 1]
                if best is None or total > best[1]:
                    best = (year, total)
        if best:
            detail = (
                f"{best[0]}—{best[0] + 1} 年营业收入合计 {best[1].normalize():f} 万元"
                f"（需超过 {limit} 万元）"
            )
        else:
            detail = "没有连续两年的营业收入数据"
        checks.append(
            RuleCheck("revenue", names["revenue"], bool(best and best[1] > limit), detail)
        )
        text = v.clean_text(evidence)
        checks.append(
            RuleCheck(
                "merger_or_listing",
                names["merger_or_listing"],
                bool(text),
                text or "未提供兼并、收购或挂牌上市的说明",
            )
        )
        return checks
