"""The facts a certificate states, checked against the register before it is issued.

Each kind has one rule (RuleError with a Chinese sentence naming the holder when it fails):

- 入孵证明 (incubation): the enterprise has an open residency (it is in a carrier now);
- 毕业证书 (graduation): a residency of the enterprise was closed with exit reason 毕业;
- 培育库入库证书 (cultivation): the enterprise is 在营, does not hold a valid 高新技术企业
  qualification on the issue date (it would not need cultivating), and has a 科技型中小企业
  入库 entry (not revoked) for the issue year or the year before — the district's usual
  entry condition for the 高企培育库;
- 孵化载体认定证书 (carrier): the carrier's level is not 未认定 and its 认定日期 is set.

And one rule for all kinds: no second live (not revoked) certificate for the same fact — the
same residency, graduation, cultivation year or carrier recognition; reprint the existing one,
or revoke it first.  The issue date may not lie before the fact it certifies.
"""

import datetime

from db.models import Carrier, Certificate, Enterprise, Qualification, Residency
from gjz_registry import reference as ref
from gjz_registry.errors import RuleError
from gjz_registry.services.validity import valid_on


def enterprise_facts(kind, enterprise, day, street_name):
    """Placeholder values for a certificate of ``kind`` (a CertificateKind) to ``enterprise``.

    ``enterprise`` is its Enterprise row; ``day`` the issue date.  Raises RuleError.
    """
    values = {
        "holder_name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "street": street_name,
        "year": day.year,
    }
    name = enterprise.name
    if kind.key == "incubation":
        stay = Residency.get_or_none(
            (Residency.enterprise == enterprise.id) & Residency.left_on.is_null()
        )
        if stay is None:
            raise RuleError(f"企业「{name}」目前没有在孵记录（未入驻任何载体），不能开具入孵证明。")
        _not_before(day, stay.entered_on, "入驻日期", kind.title)
        values.update(_stay_values(stay))
        fact_since = stay.entered_on
    elif kind.key == "graduation":
        stay = (
            Residency.select()
            .where(
                (Residency.enterprise == enterprise.id)
                & (Residency.exit_reason == ref.EXIT_GRADUATED)
            )
            .order_by(Residency.left_on.desc(), Residency.id.desc())
            .first()
        )
        if stay is None:
            raise RuleError(f"企业「{name}」没有毕业记录（孵化链中未办理毕业），不能颁发毕业证书。")
        _not_before(day, stay.left_on, "毕业日期", kind.title)
        values.update(_stay_values(stay))
        values["graduated_on"] = stay.left_on
        values["graduation_basis"] = stay.notes  # the rule met (schema 12: notes, not basis)
        fact_since = stay.left_on
    elif kind.key == "cultivation":
        _check_cultivation(enterprise, day)
        fact_since = datetime.date(day.year, 1, 1)
    else:
        raise RuleError(f"「{kind.title}」只能颁发给孵化载体，不能颁发给企业「{name}」。")
    _no_live_duplicate(kind, Certificate.enterprise == enterprise.id, name, fact_since)
    return values


def carrier_facts(kind, carrier, day, street_name):
    """Placeholder values for a 孵化载体认定证书 to ``carrier`` (its Carrier row)."""
    if kind.key != "carrier":
        raise RuleError(f"「{kind.title}」只能颁发给企业，不能颁发给载体「{carrier.name}」。")
    if carrier.level in (None, "", "未认定") or carrier.recognized_on is None:
        missing = (
            "认定级别为「未认定」" if carrier.level in (None, "", "未认定") else "未填写认定日期"
        )
        raise RuleError(f"载体「{carrier.name}」尚未认定（{missing}），不能颁发孵化载体认定证书。")
    _not_before(day, carrier.recognized_on, "认定日期", kind.title)
    _no_live_duplicate(kind, Certificate.carrier == carrier.id, carrier.name, carrier.recognized_on)
    return {
        "holder_name": carrier.name,
        "credit_code": carrier.operator_credit_code,
        "operator_name": carrier.operator_name,
        "carrier_kind": carrier.kind,
        "level": carrier.level,
        "recognized_on": carrier.recognized_on,
        "street": street_name,
        "year": day.year,
    }


def _stay_values(stay):
    return {
        "carrier_name": Carrier.get_by_id(stay.carrier_id).name,
        "stage": stay.stage,
        "entered_on": stay.entered_on,
    }


def _not_before(day, fact_day, label, title):
    if fact_day is not None and day < fact_day:
        raise RuleError(
            f"发证日期 {day.isoformat()} 早于{label} {fact_day.isoformat()}，不能开具{title}。"
        )


def _check_cultivation(enterprise, day):
    name = enterprise.name
    if enterprise.status != ref.STATUS_ACTIVE:
        raise RuleError(
            f"企业「{name}」状态为「{enterprise.status}」，不能列入高新技术企业培育库。"
        )
    high_tech = (
        Qualification.select()
        .where((Qualification.enterprise == enterprise.id) & valid_on(ref.QUAL_HIGH_TECH, day))
        .first()
    )
    if high_tech is not None:
        raise RuleError(
            f"企业「{name}」已是有效的高新技术企业（证书 {high_tech.number}，有效期至 "
            f"{high_tech.expires_on.isoformat()}），无需列入培育库。"
        )
    years = (day.year - 1, day.year)
    sme = (
        Qualification.select()
        .where(
            (Qualification.enterprise == enterprise.id)
            & (Qualification.kind == ref.QUAL_TECH_SME)
            & Qualification.year.in_(years)
            & (Qualification.revoked_on.is_null() | (Qualification.revoked_on > day))
        )
        .exists()
    )
    if not sme:
        raise RuleError(
            f"企业「{name}」没有 {years[0]} 或 {years[1]} 年度的科技型中小企业入库登记，"
            "不符合高新技术企业培育库的入库条件。"
        )


def live_certificate(kind, holder_condition, fact_since):
    """The newest live (not revoked) certificate of ``kind`` for this holder issued on or after
    ``fact_since`` (None: any date), or None — the certificate that states that fact."""
    query = Certificate.select().where(
        holder_condition & (Certificate.kind == kind.title) & Certificate.revoked_on.is_null()
    )
    if fact_since is not None:
        query = query.where(Certificate.issued_on >= fact_since)
    return query.order_by(Certificate.issued_on.desc()).first()


def _no_live_duplicate(kind, holder_condition, holder_name, fact_since):
    """Refuse when a live certificate of ``kind`` for this holder already covers the fact."""
    existing = live_certificate(kind, holder_condition, fact_since)
    if existing is not None:
        raise RuleError(
            f"「{holder_name}」已有有效的{kind.title}（编号 {existing.serial}，"
            f"{existing.issued_on.isoformat()} 签发）；需要时请补打原证书，或先撤销再重新签发。"
        )


def enterprise_row(enterprise_id):
    return Enterprise.get_or_none(Enterprise.id == enterprise_id)


def carrier_row(carrier_id):
    return Carrier.get_or_none(Carrier.id == carrier_id)
