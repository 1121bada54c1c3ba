"""Qualifications (高新技术企业, 科技型中小企业, …): add, supersede, revoke, validity.

Validity is computed from the dates, never stored as a status, by the one rule in
``services.validity``.  The expiry date is set here: 高新技术企业 is valid three years from its
发证日期 (expires_on = granted_on + 3 years − 1 day); 科技型中小企业 for its 入库年度
(expires_on = 31 December of that year).  A newer certificate of the same kind supersedes the
older one without deleting it (the older one stops counting from the newer one's start).
"""

import dataclasses
import datetime

from peewee import JOIN

from db.models import Enterprise, Qualification, Street, now
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import (
    DuplicateError,
    InvalidValueError,
    NotFoundError,
    RuleError,
    for_field,
)
from gjz_registry.services import audit, writes
from gjz_registry.services.base import Service, get_or_404
from gjz_registry.services.validity import is_valid, start_of, valid_on

EXPIRING_DAYS = 90


@dataclasses.dataclass
class QualificationRecord:
    id: int
    enterprise_id: int
    enterprise_name: str
    kind: str
    number: str
    granted_on: datetime.date
    expires_on: datetime.date
    year: int
    revoked_on: datetime.date = None
    superseded_by: int = None
    street: str = None
    credit_code: str = None
    successor_start: datetime.date = None  # when the certificate that replaced it began

    def status(self, as_of=None, expiring_days=EXPIRING_DAYS):
        return qualification_status(
            self.granted_on,
            self.expires_on,
            self.revoked_on,
            as_of,
            expiring_days,
            year=self.year,
            successor_start=self.successor_start,
        )

    def valid_on(self, day):
        """Whether this qualification is valid on ``day`` (services.validity's rule)."""
        return is_valid(
            self.granted_on, self.year, self.expires_on, self.revoked_on, day, self.successor_start
        )


def qualification_status(
    granted_on,
    expires_on,
    revoked_on,
    as_of=None,
    days=EXPIRING_DAYS,
    year=None,
    successor_start=None,
):
    """有效 / 即将到期 on ``as_of`` (today) when valid by services.validity's rule, else why
    not: 撤销 / 已被取代 / 过期 / 未生效 / 日期不全."""
    as_of = as_of or datetime.date.today()
    if is_valid(granted_on, year, expires_on, revoked_on, as_of, successor_start):
        return ref.QUAL_EXPIRING if (expires_on - as_of).days < days else ref.QUAL_VALID
    if revoked_on is not None and revoked_on <= as_of:
        return ref.QUAL_REVOKED
    if successor_start is not None and successor_start <= as_of:
        return ref.QUAL_SUPERSEDED
    if expires_on is not None and expires_on < as_of:
        return ref.QUAL_EXPIRED
    start = start_of(granted_on, year)
    if start is not None and start > as_of:
        return ref.QUAL_NOT_YET
    return ref.QUAL_UNDATED


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def expiry_for(kind, granted_on, year):
    """The last valid day for a qualification of ``kind``."""
    if kind in (ref.QUAL_HIGH_TECH, ref.QUAL_LITTLE_GIANT) and granted_on:
        return add_years(granted_on, 3) - datetime.timedelta(days=1)
    if kind == ref.QUAL_TECH_SME and year:
        return datetime.date(year, 12, 31)
    if granted_on:
        return add_years(granted_on, 1) - datetime.timedelta(days=1)
    if year:
        return datetime.date(year, 12, 31)
    return None


def clean_qualification(kind, number=None, granted_on=None, year=None, expires_on=None):
    """Validate the fields of a qualification; return a dict of model values.  An
    InvalidValueError's ``field`` is the code: kind, number, granted_on, year, expires_on."""
    with for_field("kind"):
        kind = v.validate_choice(kind, ref.QUALIFICATION_KINDS, "资质类型")
    number = v.clean_text(number)
    if kind == ref.QUAL_HIGH_TECH:
        if not number:
            raise InvalidValueError("「高新技术企业证书编号」不能为空", field="number")
        with for_field("number"):
            number = v.validate_high_tech_number(number)
        if not granted_on:
            raise InvalidValueError(
                "「发证日期」不能为空（高企有效期自发证日期起三年）", field="granted_on"
            )
    elif kind == ref.QUAL_TECH_SME:
        if not number:
            raise InvalidValueError("「入库登记编号」不能为空", field="number")
        with for_field("number"):
            number = v.validate_tech_sme_number(number)
        if year is None:
            year = v.number_year(number)
    if granted_on is not None:
        with for_field("granted_on"):
            granted_on = v.validate_date(granted_on, "发证日期", latest=datetime.date.today())
    if year is not None:
        with for_field("year"):
            year = v.validate_count(str(year).replace("年", ""), "年度")
        if not 1990 <= year <= datetime.date.today().year + 1:
            raise InvalidValueError(f"「年度」{year} 不合理", field="year")
    if year is None and granted_on is not None:
        year = granted_on.year
    if kind == ref.QUAL_HIGH_TECH and number and granted_on:
        if abs(v.number_year(number) - granted_on.year) > 1:
            raise InvalidValueError(
                f"证书编号 {number} 的年份与发证日期 {granted_on.isoformat()} 不一致",
                field="granted_on",
            )
    if expires_on is not None:
        with for_field("expires_on"):
            expires_on = v.validate_date(expires_on, "有效期至")
    else:
        expires_on = expiry_for(kind, granted_on, year)
    if granted_on and expires_on and expires_on < granted_on:
        raise InvalidValueError("「有效期至」早于「发证日期」", field="expires_on")
    return dict(kind=kind, number=number, granted_on=granted_on, year=year, expires_on=expires_on)


class QualificationService(Service):
    """Qualifications of enterprises, within the actor's scope."""

    def add(
        self,
        enterprise_id,
        kind,
        number=None,
        granted_on=None,
        year=None,
        expires_on=None,
        notes=None,
        batch=None,
    ):
        """Record a qualification; a newer one of the same kind supersedes older open ones.

        Returns the QualificationRecord.  DuplicateError when that number is already recorded.
        """
        self.require_login()
        values = clean_qualification(kind, number, granted_on, year, expires_on)
        with self.atomic():
            enterprise = get_or_404(Enterprise, enterprise_id, "企业")
            self.require_write(enterprise.street_id, "企业")
            if values["number"]:
                same = Qualification.get_or_none(
                    (Qualification.kind == values["kind"])
                    & (Qualification.number == values["number"])
                )
                if same is not None:
                    owner = Enterprise.get_by_id(same.enterprise_id)
                    raise DuplicateError(
                        f"{values['kind']}编号 {values['number']} 已登记"
                        f"（{self.holder_name(owner.street_id, owner.name)}）"
                    )
            notes = v.visible_text(notes)
            row = writes.create(
                self.actor,
                Qualification,
                "qualification",
                dict(values, enterprise=enterprise.id, notes=notes),
                batch,
                logged=dict(values, enterprise=enterprise.id),
            )
            self._supersede_older(row, batch)
        return self.get(row.id)

    def _supersede_older(self, row, batch=None):
        """Older, still-open qualifications of the same kind point to the newer ``row``."""
        older = Qualification.select().where(
            (Qualification.enterprise == row.enterprise_id)
            & (Qualification.kind == row.kind)
            & (Qualification.id != row.id)
            & Qualification.superseded_by.is_null()
            & Qualification.revoked_on.is_null()
        )
        for old in older:
            newer_key = (start_of(row.granted_on, row.year) or datetime.date.min, row.id)
            old_key = (start_of(old.granted_on, old.year) or datetime.date.min, old.id)
            if old_key < newer_key:
                # Not writes.update: the pointer is a side effect of adding the newer one,
                # not an edit of the older record — its version stays (a form open on it
                # still saves; an import's undo restores the row exactly from this audit row).
                Qualification.update(superseded_by=row.id, updated_at=now()).where(
                    Qualification.id == old.id
                ).execute()
                audit.record(
                    self.actor,
                    "supersede",
                    "qualification",
                    old.id,
                    {"superseded_by": None},
                    {"superseded_by": row.id},
                    batch,
                )

    def revoke(self, qualification_id, on_date=None, reason=None):
        """Mark a qualification revoked (撤销) from ``on_date``; it stays recorded."""
        self.require_login()
        with self.atomic():
            row = get_or_404(Qualification, qualification_id, "资质")
            enterprise = Enterprise.get_by_id(row.enterprise_id)
            self.require_write(enterprise.street_id, "资质")
            if row.revoked_on is not None:
                raise RuleError(f"该资质已于 {row.revoked_on.isoformat()} 撤销")
            day = on_date or datetime.date.today()
            # No form holds a qualification's version: a revocation is refused once made.
            writes.update(
                self.actor,
                row,
                "qualification",
                "资质",
                {"revoked_on": day, "notes": reason or row.notes},
                row.version,
                name=row.number or row.kind,
                action="revoke",
                logged=({"revoked_on": None}, {"revoked_on": day, "reason": reason}),
            )
        return self.get(row.id)

    def _query(self):
        successor = Qualification.alias("successor")
        return (
            Qualification.select(
                Qualification,
                Enterprise.name.alias("enterprise_name"),
                Enterprise.credit_code.alias("credit_code"),
                Street.name.alias("street_name"),
                Enterprise.street.alias("street_id"),
                successor.granted_on.alias("successor_granted_on"),
                successor.year.alias("successor_year"),
            )
            .join(Enterprise)
            .join(Street)
            .switch(Qualification)
            .join(successor, JOIN.LEFT_OUTER, on=(Qualification.superseded_by == successor.id))
        )

    def get(self, qualification_id):
        self.require_login()
        row = self._query().where(Qualification.id == qualification_id).dicts().first()
        if row is None:
            raise NotFoundError(f"资质记录不存在（编号 {qualification_id}）")
        self.require_visible(row["street_id"], "资质")
        return _record(row)

    def for_enterprise(self, enterprise_id):
        """Every qualification of an enterprise, newest first (superseded ones included)."""
        self.registry.enterprises.get(enterprise_id)  # scope check
        rows = self._query().where(Qualification.enterprise == enterprise_id)
        rows = rows.order_by(Qualification.granted_on.desc(), Qualification.id.desc())
        return [_record(r) for r in rows.dicts()]

    def current(self, kind, as_of=None, street=None):
        """The holders of ``kind`` on ``as_of`` (today): one qualification per enterprise
        valid that day (services.validity; the newest when two overlap), by street and name
        — the enterprises that ``statistics.valid_count`` counts."""
        return self._holders(valid_on(kind, as_of or datetime.date.today()), street)

    def _holders(self, condition, street):
        query = self.scope(self._query(), Enterprise.street).where(condition)
        if street:
            query = query.where(Enterprise.street == self.registry.reference.street_id(street))
        query = query.order_by(
            Street.sort_order,
            Street.id,
            Enterprise.name_pinyin,
            Enterprise.id,
            Qualification.granted_on.desc(),
            Qualification.id.desc(),
        )
        records, seen = [], set()
        for row in query.dicts():
            if row["enterprise"] not in seen:
                seen.add(row["enterprise"])
                records.append(_record(row))
        return records

    def expiring(self, within_days=EXPIRING_DAYS, as_of=None, kind=None):
        """Qualifications whose validity ends within ``within_days`` of ``as_of``, by expiry.

        Only qualifications valid on ``as_of`` count (services.validity: replaced, revoked
        and not yet begun ones are left out).
        """
        as_of = as_of or datetime.date.today()
        try:
            end = as_of + datetime.timedelta(days=within_days)
        except OverflowError:  # beyond the calendar (9999-12-31)
            raise InvalidValueError(
                f"「天数」{within_days} 过大：到期日超出日历范围", field="within_days"
            ) from None
        query = self.scope(self._query(), Enterprise.street).where(
            valid_on(kind or None, as_of) & (Qualification.expires_on <= end)
        )
        rows = query.order_by(Qualification.expires_on, Enterprise.name_pinyin)
        return [_record(r) for r in rows.dicts()]


def _record(row):
    return QualificationRecord(
        id=row["id"],
        enterprise_id=row["enterprise"],
        enterprise_name=row["enterprise_name"],
        kind=row["kind"],
        number=row["number"],
        granted_on=row["granted_on"],
        expires_on=row["expires_on"],
        year=row["year"],
        revoked_on=row["revoked_on"],
        superseded_by=row["superseded_by"],
        street=row["street_name"],
        credit_code=row["credit_code"],
        successor_start=start_of(row["successor_granted_on"], row["successor_year"]),
    )
