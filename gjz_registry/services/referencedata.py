"""Reference tables (streets, industries) and settings, by their Chinese names.

Services and front ends pass streets and industries by name; this service maps names to rows
(cached per registry, refreshed on change) and lets the admin edit the lists.

It also names the unit that outputs come from (制表单位 on lists, 导出单位 in workbooks):
the district office (Setting ``unit_name``) for the district's users, and for a street user
their street office — a setting per street (``unit_name.street.<街道>``, moved along when
the street is renamed), by default 「甘井子区<街道>办事处」.
"""

from db.models import Industry, Setting, Street
from gjz_registry import settings
from gjz_registry import validators as v
from gjz_registry.errors import (
    DuplicateError,
    InvalidValueError,
    NotFoundError,
    PermissionDeniedError,
)
from gjz_registry.services import audit, writes
from gjz_registry.services.base import Service


class ReferenceService(Service):
    """Streets, industries and settings."""

    def __init__(self, registry):
        super().__init__(registry)
        self._streets = None
        self._industries = None

    # --- lookups (no permission needed: reference data is public) -----------------------
    def _street_map(self):
        if self._streets is None:
            self._streets = {
                s.name: s for s in Street.select().order_by(Street.sort_order, Street.id)
            }
        return self._streets

    def _industry_map(self):
        if self._industries is None:
            self._industries = {
                i.name: i for i in Industry.select().order_by(Industry.sort_order, Industry.id)
            }
        return self._industries

    def invalidate(self):
        self._streets = None
        self._industries = None

    def streets(self, include_inactive=False):
        """Street names in display order."""
        return [n for n, s in self._street_map().items() if include_inactive or s.active]

    def industries(self):
        return list(self._industry_map())

    # --- who outputs come from ---------------------------------------------------------
    def district(self):
        """The district's name (Setting ``district_name``, default 甘井子区)."""
        return self.setting(settings.DISTRICT_NAME)

    def unit_name(self, street=None):
        """The district office's name (Setting ``unit_name``); with ``street``, that street
        office's: its own setting, else :meth:`default_street_unit`."""
        if street is None:
            return self.setting(settings.UNIT_NAME)
        return self.setting(settings.STREET_UNIT(street)) or self.default_street_unit(street)

    def default_street_unit(self, street):
        """「甘井子区大连湾街道办事处」 for a 街道; 「…管委会」 for a 管委会; a 园区's own name."""
        row = self._street_map().get(street)
        kind = row.kind if row else "街道"
        if kind == "街道":
            return f"{self.district()}{street}办事处"
        if kind == "管委会" and not street.endswith("管委会"):
            return f"{street}管委会"
        return street

    def own_unit_name(self):
        """The unit the acting user's lists and exports name: a street user's street office,
        anyone else's the district office."""
        return self.unit_name(self.actor.street if self.actor.scoped else None)

    def street_units(self):
        """{street: unit name} of every street (active or not), in display order."""
        return {name: self.unit_name(name) for name in self.streets(include_inactive=True)}

    def set_street_unit(self, street, value):
        """Name ``street``'s office (admin); a blank ``value`` restores the default.  Returns
        the name now in force.  NotFoundError for an unknown street."""
        self.require_admin("修改街道的制表单位")
        if street not in self._street_map():
            raise NotFoundError(f"街道「{street}」不存在")
        value = v.clean_text(value) or None
        if value == self.default_street_unit(street):
            value = None
        if value is not None and len(value) > 200:
            raise InvalidValueError("「制表单位」不能超过 200 个字", field="unit_name")
        self.set_setting(settings.STREET_UNIT(street), value)
        return self.unit_name(street)

    def street_id(self, name, field="所属街道"):
        """Id of the street called ``name`` (NFKC, stripped); InvalidValueError if unknown."""
        text = v.clean_text(name)
        street = self._street_map().get(text)
        if street is None and text and not text.endswith(("街道", "城")):
            street = self._street_map().get(text + "街道")
        if street is None:
            raise InvalidValueError(
                f"「{field}」「{name}」不在街道列表中（可在 系统›基础数据 中维护）", field=field
            )
        return street.id

    def street_name(self, street_id):
        for name, s in self._street_map().items():
            if s.id == street_id:
                return name
        return None

    def industry_id(self, name, field="产业领域"):
        text = v.clean_text(name)
        industry = self._industry_map().get(text)
        if industry is None:
            for full, row in self._industry_map().items():
                if text and (full.startswith(text) or text.startswith(full[:4])):
                    industry = row
                    break
        if industry is None:
            raise InvalidValueError(
                f"「{field}」「{name}」不是已知的产业领域（{'、'.join(self.industries())}）",
                field=field,
            )
        return industry.id

    # --- editing (admin) ---------------------------------------------------------------
    def add_street(self, name, kind="街道"):
        self.require_admin("维护街道列表")
        name = v.clean_text(name)
        if not name:
            raise InvalidValueError("「街道名称」不能为空", field="name")
        kind = v.validate_choice(kind, ("街道", "园区", "管委会"), "单位类型")
        if Street.get_or_none(Street.name == name):
            raise DuplicateError(f"街道「{name}」已存在")
        with self.atomic():
            order = (Street.select().count() or 0) + 1
            writes.create(
                self.actor,
                Street,
                "street",
                dict(name=name, kind=kind, sort_order=order),
                logged={"name": name, "kind": kind},
            )
        self.invalidate()
        return name

    def rename_street(self, old, new):
        self.require_admin("维护街道列表")
        street = Street.get_or_none(Street.name == old)
        if street is None:
            raise NotFoundError(f"街道「{old}」不存在")
        new = v.clean_text(new)
        if not new:
            raise InvalidValueError("「街道名称」不能为空", field="name")
        if Street.get_or_none(Street.name == new):
            raise DuplicateError(f"街道「{new}」已存在")
        with self.atomic():
            # Reference data is read by name just before writing: no form holds its version.
            writes.update(self.actor, street, "street", "街道", {"name": new}, street.version)
            # the street's own unit name goes with it (the default follows the new name)
            Setting.update(key=settings.STREET_UNIT(new).name).where(
                Setting.key == settings.STREET_UNIT(old).name
            ).execute()
        self.invalidate()

    def set_street_active(self, name, active):
        self.require_admin("维护街道列表")
        street = Street.get_or_none(Street.name == name)
        if street is None:
            raise NotFoundError(f"街道「{name}」不存在")
        with self.atomic():
            writes.update(
                self.actor,
                street,
                "street",
                "街道",
                {"active": bool(active)},
                street.version,
                logged=({"active": street.active}, {"active": bool(active)}),
            )
        self.invalidate()

    # --- settings ----------------------------------------------------------------------
    def setting(self, key):
        """The value of setting ``key`` (a gjz_registry.settings Key, never a bare string) in
        its type, else its default."""
        key = settings.checked(key)
        row = Setting.get_or_none(Setting.key == key.name)
        return key.parse(row.value if row is not None else None)

    def set_setting(self, key, value):
        """Write setting ``key`` (a gjz_registry.settings Key); audited.  The keys the program
        writes itself (the certificate secret, the database's id) are refused."""
        key = settings.checked(key)
        self.require_admin("修改系统设置")
        if key.program_only:
            raise PermissionDeniedError(f"设置项「{key.label}」由程序自动生成，不能手工修改")
        value = key.store(v.visible_text(value))  # as written, but what cannot be seen
        name = key.name
        with self.atomic():
            row = Setting.get_or_none(Setting.key == name)
            before = {"value": row.value} if row else None
            # Not services/writes.py: a setting is a key and a value, without a version.
            if row is None:
                row = Setting.create(key=name, value=value)
            else:
                Setting.update(value=value).where(Setting.id == row.id).execute()
            audit.record(self.actor, "update", "setting", row.id, before, {name: value})
