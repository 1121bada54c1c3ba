"""Annual data (年度数据) per enterprise and year, with derived figures.

R&D intensity = rd_expense / revenue; revenue growth is year on year.  Values are 万元 (money)
or counts; no negatives, rd_staff ≤ employees.
"""

import dataclasses
import datetime
from decimal import Decimal

from db.models import AnnualReport, Enterprise
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError, for_field
from gjz_registry.services import writes
from gjz_registry.services.annual_flags import flags_for
from gjz_registry.services.base import Service, get_or_404

MONEY_FIELDS = {
    "revenue": "营业收入(万元)",
    "output_value": "产值(万元)",
    "rd_expense": "研发费用(万元)",
    "tax_paid": "纳税(万元)",
    "tech_contract_amount": "技术合同成交额(万元)",
    "investment_received": "获得投资(万元)",
}
COUNT_FIELDS = {
    "invention_patents": "发明专利",
    "patents_granted": "授权专利",
    "employees": "从业人员",
    "rd_staff": "研发人员",
}
FIELDS = {**MONEY_FIELDS, **COUNT_FIELDS}


@dataclasses.dataclass
class AnnualRecord:
    id: int
    enterprise_id: int
    year: int
    values: dict
    rd_intensity: Decimal = None  # percent
    revenue_growth: Decimal = None  # percent, against the previous year
    version: int = 1


def clean_annual(data):
    """Validate a dict of annual values (field → raw); return model values."""
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise InvalidValueError(f"未知的年度数据字段：{'、'.join(sorted(unknown))}")
    out = {}
    for field, raw in data.items():
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            out[field] = None
        elif field in MONEY_FIELDS:
            with for_field(field):
                out[field] = v.validate_money(raw, MONEY_FIELDS[field])
        else:
            with for_field(field):
                out[field] = v.validate_count(raw, COUNT_FIELDS[field])
    if out.get("rd_staff") is not None and out.get("employees") is not None:
        if out["rd_staff"] > out["employees"]:
            raise InvalidValueError(
                f"「{COUNT_FIELDS['rd_staff']}」({out['rd_staff']}) 不能多于"
                f"「{COUNT_FIELDS['employees']}」({out['employees']})",
                field="rd_staff",
            )
    return out


def check_year(year):
    with for_field("year"):
        year = v.validate_count(str(year).replace("年", ""), "年度")
    if not 1990 <= year <= datetime.date.today().year:
        raise InvalidValueError(f"「年度」{year} 不合理（应在 1990 至今年之间）", field="year")
    return year


class AnnualService(Service):
    """Annual reports of enterprises, within the actor's scope."""

    def save(self, enterprise_id, year, data, version=None, batch=None):
        """Create or replace the report of ``year``; returns the AnnualRecord.

        ``version``: the version of the report the caller read, None when it read none (a new
        report).  A report saved by someone else since — a new one when ``version`` is None,
        a newer version otherwise — raises ConflictError and nothing is written.
        """
        self.require_login()
        year = check_year(year)
        values = clean_annual(data)
        with self.atomic():
            enterprise = get_or_404(Enterprise, enterprise_id, "企业")
            self.require_write(enterprise.street_id, "企业")
            row = AnnualReport.get_or_none(
                (AnnualReport.enterprise == enterprise.id) & (AnnualReport.year == year)
            )
            if row is None and version is None:
                logged = dict(values, enterprise=enterprise.id, year=year)
                writes.create(
                    self.actor, AnnualReport, "annual_report", logged, batch, logged=logged
                )
            elif row is None or version is None:
                # The report the caller read has gone, or it read none and one has been saved.
                raise writes.stale("年度数据", f"{year} 年度", version)
            else:
                writes.update(
                    self.actor,
                    row,
                    "annual_report",
                    "年度数据",
                    values,
                    version,
                    name=f"{year} 年度",
                    batch=batch,
                )
        return self.for_enterprise(enterprise_id, year)[0]

    def for_enterprise(self, enterprise_id, year=None):
        """Reports of one enterprise, newest first, with derived figures."""
        self.registry.enterprises.get(enterprise_id)  # scope check
        rows = list(
            AnnualReport.select()
            .where(AnnualReport.enterprise == enterprise_id)
            .order_by(AnnualReport.year.desc())
        )
        by_year = {r.year: r for r in rows}
        result = []
        for r in rows:
            if year is not None and r.year != year:
                continue
            values = {f: getattr(r, f) for f in FIELDS}
            intensity = growth = None
            if r.revenue and r.rd_expense is not None:
                intensity = (Decimal(r.rd_expense) * 100 / Decimal(r.revenue)).quantize(
                    Decimal("0.01")
                )
            previous = by_year.get(r.year - 1)
            if previous is not None and previous.revenue and r.revenue is not None:
                growth = (
                    (Decimal(r.revenue) - Decimal(previous.revenue))
                    * 100
                    / Decimal(previous.revenue)
                ).quantize(Decimal("0.01"))
            result.append(
                AnnualRecord(r.id, r.enterprise_id, r.year, values, intensity, growth, r.version)
            )
        return result

    def flags(self, enterprise_id, year):
        """``{qualification kind: bool}``: the kinds the enterprise holds at the end of
        ``year`` (services/annual_flags.py), for the national enterprise form."""
        self.registry.enterprises.get(enterprise_id)  # scope check
        return flags_for([enterprise_id], check_year(year))[enterprise_id]
