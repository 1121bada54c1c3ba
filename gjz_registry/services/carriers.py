"""Incubation carriers (众创空间/孵化器/加速器/产业化基地): create, update, list, and the
carriers to choose from when an enterprise enters one (in chain order, then pinyin order,
narrowed by what the user types: name, full pinyin or initials).

Every user may read the carrier list (an enterprise in one street may move to a carrier in
another); street users write only their own street's carriers (a carrier without a street is
the district's: only an administrator changes it).
"""

import dataclasses
import datetime
import unicodedata
from decimal import Decimal

from peewee import JOIN, fn

from db.models import Carrier, Enterprise, Residency, Street, now
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import DuplicateError, InvalidValueError, NotFoundError, StaleVersionError
from gjz_registry.services import audit
from gjz_registry.services.base import Page, get_or_404
from gjz_registry.services.records import FieldRules, RecordService, choice
from gjz_registry.services.search import pinyin_keys


@dataclasses.dataclass
class CarrierRecord:
    id: int
    name: str
    kind: str
    level: str = "未认定"
    operator_name: str = None
    operator_credit_code: str = None
    street: str = None
    address: str = None
    area_m2: Decimal = None
    recognized_on: datetime.date = None
    contact_name: str = None
    contact_phone: str = None
    status: str = "运营"
    notes: str = None
    residents: int = 0
    version: int = 1

    @property
    def stage(self):
        return ref.STAGE_OF_CARRIER_KIND.get(self.kind)


@dataclasses.dataclass(frozen=True)
class CarrierChoice:
    """A carrier an enterprise may enter, as a drop-down shows it and finds it."""

    id: int
    name: str
    stage: str
    pinyin: str
    initials: str

    @property
    def label(self):
        return f"{self.name}（{self.stage}）"

    def matches(self, text):
        """True when ``text`` (any case, full- or half-width, spaces ignored) is part of the
        name or the stage, of the name's full pinyin or of its initials: 孵化, fuhua, fhq."""
        wanted = "".join(unicodedata.normalize("NFKC", text or "").lower().split())
        if not wanted:
            return True
        return any(wanted in hay for hay in (self.label.lower(), self.pinyin, self.initials))


FIELDS = {
    "name": ("载体名称", "name"),
    "kind": ("载体类型", "kind"),
    "level": ("认定级别", "level"),
    "operator_name": ("运营主体", "name"),
    "operator_credit_code": ("运营主体信用代码", "credit_code"),
    "street": ("所属街道", "street"),
    "address": ("地址", "text"),
    "area_m2": ("面积(平方米)", "area"),
    "recognized_on": ("认定日期", "date"),
    "contact_name": ("联系人", "text"),
    "contact_phone": ("联系电话", "phone"),
    "status": ("状态", "status"),
    "notes": ("备注", "note"),
}
REQUIRED = ("name", "kind")
_KIND_ALIASES = {"众创空间": ref.CARRIER_MAKERSPACE, "苗圃": ref.CARRIER_MAKERSPACE}
RULES = FieldRules(FIELDS, REQUIRED, defaults={"level": "未认定", "status": "运营"}, text_limit=300)


class CarrierService(RecordService):
    """Carriers and their residents."""

    rules = RULES

    def _more_checks(self):
        return {
            "kind": choice(ref.CARRIER_KINDS, _KIND_ALIASES),
            "level": choice(ref.CARRIER_LEVELS),
            "status": choice(ref.CARRIER_STATUSES),
            "area": lambda value, label: v.validate_money(value, label, unit="平方米"),
        }

    def create(self, data):
        """Create a carrier; return its CarrierRecord."""
        values = self._new_values(data)
        with self.atomic():
            if Carrier.get_or_none(Carrier.name == values["name"]):
                raise DuplicateError(f"载体「{values['name']}」已存在")
            row = Carrier.create(**values)
            audit.record(self.actor, "create", "carrier", row.id, None, values)
        return self.get(row.id)

    def update(self, carrier_id, changes, version):
        self.require_login()
        with self.atomic():
            row = get_or_404(Carrier, carrier_id, "载体")
            values = self._changed_values(row, "载体", changes)
            if row.version != version:
                raise StaleVersionError(f"载体「{row.name}」已被他人修改，请刷新后重新修改")
            if "kind" in values and values["kind"] != row.kind:
                residents = Enterprise.select().where(Enterprise.carrier == row.id).count()
                if residents:
                    raise InvalidValueError(
                        f"载体「{row.name}」仍有 {residents} 家在孵企业，不能修改载体类型"
                    )
            if "name" in values and values["name"] != row.name:
                if Carrier.get_or_none(Carrier.name == values["name"]):
                    raise DuplicateError(f"载体「{values['name']}」已存在")
            before = {f: getattr(row, f + "_id" if f == "street" else f) for f in values}
            values.update(updated_at=now(), version=version + 1)
            Carrier.update(**values).where(
                (Carrier.id == row.id) & (Carrier.version == version)
            ).execute()
            after = {k: val for k, val in values.items() if k in before}
            b, a = audit.diff(before, after)
            audit.record(self.actor, "update", "carrier", row.id, b, a)
        return self.get(row.id)

    def _query(self):
        residents = (
            Enterprise.select(fn.COUNT(Enterprise.id))
            .where(Enterprise.carrier == Carrier.id)
            .alias("residents")
        )
        return Carrier.select(Carrier, Street.name.alias("street_name"), residents).join(
            Street, JOIN.LEFT_OUTER, on=(Carrier.street == Street.id)
        )

    def get(self, carrier_id):
        self.require_login()
        row = self._query().where(Carrier.id == carrier_id).dicts().first()
        if row is None:
            raise NotFoundError(f"载体不存在（编号 {carrier_id}）")
        return _record(row)

    def get_by_name(self, name):
        self.require_login()
        text = v.clean_name(name)
        row = self._query().where(Carrier.name == text).dicts().first()
        if row is None:
            raise NotFoundError(f"载体「{name}」不存在")
        return _record(row)

    def list(
        self, kind=None, street=None, level=None, text=None, offset=0, limit=200, output=False
    ):
        """A Page of CarrierRecord (all streets are visible to every user).

        ``output``: the list is for an export or a printed list, which for a street user
        covers their own street only (README 角色与权限: 导出 Excel、打印名单与报表 仅本街道) —
        the same rows an administrator's output of that street has.
        """
        self.require_login()
        query = self._query()
        if output:
            query = self.scope(query, Carrier.street)
        if kind:
            query = query.where(Carrier.kind == kind)
        if street:
            query = query.where(Carrier.street == self.registry.reference.street_id(street))
        if level:
            query = query.where(Carrier.level == level)
        if text:
            query = query.where(Carrier.name.contains(text.strip()))
        total = query.count()
        rows = query.order_by(Carrier.kind, Carrier.name).offset(offset).limit(limit)
        return Page([_record(r) for r in rows.dicts()], total, offset, limit)

    def choices(self, exclude_id=None):
        """The operating carriers an enterprise may enter, but ``exclude_id`` (the one it is
        in): [CarrierChoice] by stage in chain order (苗圃 → 产业化基地), then by the name's
        pinyin.  Every user may read them (a move may cross streets)."""
        self.require_login()
        query = Carrier.select(Carrier.id, Carrier.name, Carrier.kind).where(
            Carrier.status == "运营"
        )
        if exclude_id is not None:
            query = query.where(Carrier.id != exclude_id)
        found = []
        for row in query:
            stage = ref.STAGE_OF_CARRIER_KIND[row.kind]
            full, initials = pinyin_keys(row.name)
            found.append(CarrierChoice(row.id, row.name, stage, full, initials))
        found.sort(key=lambda c: (ref.STAGES.index(c.stage), c.pinyin, c.name))
        return found

    def names(self, kind=None):
        self.require_login()
        query = Carrier.select(Carrier.name).order_by(Carrier.name)
        if kind:
            query = query.where(Carrier.kind == kind)
        return [r.name for r in query]

    def audit_trail(self, carrier_id):
        """The audit entries of this carrier, newest first."""
        self.get(carrier_id)
        return audit.entries_for("carrier", carrier_id)

    def graduates(self, carrier_id):
        """Enterprises that graduated from this carrier: [(enterprise name, left_on)]
        (a street user sees only their street's enterprises)."""
        self.require_login()
        rows = (
            Residency.select(Enterprise.name, Residency.left_on)
            .join(Enterprise)
            .where(
                (Residency.carrier == carrier_id) & (Residency.exit_reason == ref.EXIT_GRADUATED)
            )
            .order_by(Residency.left_on.desc())
        )
        return list(self.scope(rows, Enterprise.street).tuples())


def _record(row):
    return CarrierRecord(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        level=row["level"],
        operator_name=row["operator_name"],
        operator_credit_code=row["operator_credit_code"],
        street=row["street_name"],
        address=row["address"],
        area_m2=row["area_m2"],
        recognized_on=row["recognized_on"],
        contact_name=row["contact_name"],
        contact_phone=row["contact_phone"],
        status=row["status"],
        notes=row["notes"],
        residents=row["residents"],
        version=row["version"],
    )
