"""Incubation carriers (众创空间/孵化器/加速器/产业化基地): create, update, list, and the
carriers to choose from when an enterprise enters one (in chain order, then pinyin order,
narrowed by what the user types: name, full pinyin or initials).

Every user may read the carrier list (an enterprise in one street may move to a carrier in
another); street users write only their own street's carriers (a carrier without a street is
the district's: only an administrator changes it).
"""

import dataclasses
import unicodedata

from peewee import JOIN, fn

from db.models import Carrier, Enterprise, Residency, Street
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import DuplicateError, InvalidValueError, NotFoundError
from gjz_registry.fields import CARRIER as SPEC
from gjz_registry.services import audit, writes
from gjz_registry.services.base import Page
from gjz_registry.services.records import FieldRules, RecordService, record_class, spec_values
from gjz_registry.services.search import pinyin_keys

CarrierRecord = record_class(
    "CarrierRecord",
    SPEC,
    extra=(("residents", int, 0), ("version", int, 1)),
    namespace={"stage": property(lambda self: ref.STAGE_OF_CARRIER_KIND.get(self.kind))},
)


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


# Editable fields: code name → (Chinese label, kind), in the form's order (from the spec).
FIELDS = {f.code: (f.label, f.kind) for f in SPEC.editable}
RULES = FieldRules(SPEC)


class CarrierService(RecordService):
    """Carriers and their residents."""

    rules = RULES

    def _more_checks(self):
        return {"area": v.validate_area}

    def create(self, data):
        """Create a carrier; return its CarrierRecord."""
        values = self._new_values(data)
        with self.atomic():
            if Carrier.get_or_none(Carrier.name == values["name"]):
                raise DuplicateError(f"载体「{values['name']}」已存在")
            row = writes.create(self.actor, Carrier, "carrier", values)
        return self.get(row.id)

    def update(self, carrier_id, changes, version):
        """Apply ``changes`` if the carrier is still at ``version``; return the new record."""
        writes.require_version(version)
        self.require_login()
        with self.atomic():
            row, values = self._row_to_update(Carrier, carrier_id, "载体", changes, version)
            if "kind" in values and values["kind"] != row.kind:
                residents = Enterprise.select().where(Enterprise.carrier == row.id).count()
                if residents:
                    raise InvalidValueError(
                        f"载体「{row.name}」仍有 {residents} 家在孵企业，不能修改载体类型"
                    )
            if "name" in values and values["name"] != row.name:
                if Carrier.get_or_none(Carrier.name == values["name"]):
                    raise DuplicateError(f"载体「{values['name']}」已存在")
            writes.update(self.actor, row, "carrier", "载体", values, version)
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
        id=row["id"], **spec_values(SPEC, row), residents=row["residents"], version=row["version"]
    )
