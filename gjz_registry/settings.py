"""The settings of a registry, each declared once: stored name, Chinese label, type, default.

Settings live in the database's ``setting`` table as text.  Every layer names one by its
declaration here, never by a bare string: ``reference.setting(settings.UNIT_NAME)`` reads it
(the stored value in its type, else the default), ``reference.set_setting(settings.FONT_PATH,
path)`` writes it; both refuse anything that is not a :class:`Key` (TypeError: a typo cannot
reach the database), and :func:`key` refuses a stored name nobody declared.  A *family* is a
setting per street or per certificate kind: ``settings.STREET_UNIT("大连湾街道")`` is the
Key of 「制表单位（大连湾街道）」.

Types: TEXT (one line or a template), PATH (a file or folder), JSON (a document the owning
service reads), COUNT (a whole number ≥ 0).  A key marked ``program_only`` is written by the
program itself (the certificate secret, the database's id) and refused to set_setting.
"""

import dataclasses

from db import identity
from gjz_registry import certificate_texts
from gjz_registry import reference as ref
from gjz_registry.errors import InvalidValueError

TEXT, PATH, JSON, COUNT = "text", "path", "json", "count"


@dataclasses.dataclass(frozen=True)
class Key:
    """One setting: its stored ``name``, Chinese ``label``, ``kind`` and ``default``."""

    name: str
    label: str
    kind: str = TEXT
    default: object = None
    program_only: bool = False

    def parse(self, stored):
        """The stored text in this key's type (the default when nothing usable is stored)."""
        if stored is None or stored == "":
            return self.default
        if self.kind == COUNT:
            try:
                return int(stored)
            except ValueError:
                return self.default
        return stored

    def store(self, value):
        """``value`` as the text the table keeps; InvalidValueError when it is not of the
        key's type."""
        if value is None:
            return None
        if self.kind == COUNT:
            text = str(value).strip()
            if not text.isdigit():
                raise InvalidValueError(
                    f"设置项「{self.label}」应为不小于 0 的整数，实为「{value}」", field=self.name
                )
            return str(int(text))
        return str(value)


@dataclasses.dataclass(frozen=True)
class Family:
    """Settings one per part (a street, a certificate kind): ``prefix`` + part."""

    prefix: str
    label: str  # with {part}
    kind: str = TEXT
    describe: object = None  # part → its name in the label (default: the part itself)

    def __call__(self, part):
        shown = self.describe(part) if self.describe else part
        return Key(self.prefix + part, self.label.format(part=shown), self.kind)

    def part_of(self, name):
        """The part of stored ``name`` when it belongs to this family, else None."""
        return name[len(self.prefix) :] if name.startswith(self.prefix) else None


def _certificate_title(kind):
    found = certificate_texts.KINDS.get(kind)
    return found.title if found else kind


UNIT_NAME = Key("unit_name", "打印单位名称", default=ref.DEFAULT_UNIT_NAME)
DISTRICT_NAME = Key("district_name", "区名", default=ref.DISTRICT_NAME)
BACKUP_DIR = Key("backup_dir", "备份文件夹", PATH)
BACKUP_DAILY = Key("backup_keep_daily", "自动备份保留天数", COUNT, default=7)
BACKUP_WEEKLY = Key("backup_keep_weekly", "自动备份保留周数", COUNT, default=4)
BACKUP_MONTHLY = Key("backup_keep_monthly", "自动备份保留月数", COUNT, default=12)
FONT_PATH = Key("font_path", "报表字体文件", PATH)
INCUBATION_RULES = Key("incubation_rules", "孵化规则", JSON)
BASIS = certificate_texts.DEFAULT_BASIS
CERTIFICATE_BASIS = Key("certificate_basis", "证书依据文件", default=BASIS)
CERTIFICATE_SECRET = Key("certificate_secret", "证书校验密钥", program_only=True)
DATABASE_ID = Key(identity.SETTING_KEY, "数据库编号", program_only=True)

STREET_UNIT = Family("unit_name.street.", "制表单位（{part}）")
CERTIFICATE_TEMPLATE = Family(
    "certificate_template.", "证书文字（{part}）", describe=_certificate_title
)

KEYS = {
    k.name: k
    for k in (
        UNIT_NAME,
        DISTRICT_NAME,
        BACKUP_DIR,
        BACKUP_DAILY,
        BACKUP_WEEKLY,
        BACKUP_MONTHLY,
        FONT_PATH,
        INCUBATION_RULES,
        CERTIFICATE_BASIS,
        CERTIFICATE_SECRET,
        DATABASE_ID,
    )
}
FAMILIES = (STREET_UNIT, CERTIFICATE_TEMPLATE)


def key(name):
    """The Key declared for stored ``name`` (a family's member included); InvalidValueError
    for a name nobody declared."""
    if name in KEYS:
        return KEYS[name]
    for family in FAMILIES:
        part = family.part_of(name)
        if part:
            return family(part)
    raise InvalidValueError(f"未知的设置项「{name}」", field="key")


def label(name):
    """The Chinese label of stored ``name`` (the name itself when nobody declared it: an
    audit row written by an older program)."""
    try:
        return key(name).label
    except InvalidValueError:
        return name


def checked(setting):
    """``setting`` when it is a declared Key; TypeError for anything else (a bare string)."""
    if not isinstance(setting, Key):
        raise TypeError(f"settings are named by gjz_registry.settings keys, not {setting!r}")
    if key(setting.name) != setting:
        raise InvalidValueError(f"未知的设置项「{setting.name}」", field="key")
    return setting
