"""The sheet kinds of the Excel exchange and their columns (DESIGN §6).

A *kind* is one of the lists the registry reads and writes: ``enterprises``, ``carriers``,
``high-tech`` (高企认定名单), ``tech-sme`` (科技型中小企业入库名单), ``annual`` (年报数据) and
``carrier-years`` (载体年度运营).  Each kind lists its :class:`Column` objects in export order
(the enterprise, carrier, annual and carrier-year sheets take theirs from the field specs,
gjz_registry.fields); a column has an English code (the model field it fills), the canonical
Chinese header, the synonyms accepted on import, a value type (see ``TYPES``) and whether the
kind requires it.  A kind's ``identity`` columns name its records: a header row must hold one.

Headers are compared after :func:`normalise_header` (NFKC, no whitespace, no ``*`` marker,
one kind of bracket, case-folded); a header with a bracketed suffix such as a unit
(注册资本（万元）, 面积(㎡)) also matches by its base name.  A money column's header may name
its unit (元, 千元, 万元, 亿元: :data:`MONEY_UNITS`), or a line above the header may state it
for the sheet (单位：千元); the cells are converted to 万元.  Any other money unit (美元,
百万元…) is refused: never taken silently as 万元.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from gjz_registry import fields
from gjz_registry.validators import strip_invisible

# Value types; gjz_registry.exchange.cells converts raw cells according to them.
TEXT = "text"  # free text: stripped, NFKC
CODE = "code"  # an identifier that must arrive as text (credit code, certificate numbers)
DATE = "date"
MONEY = "money"  # Decimal, 万元 unless the header names another unit
SIGNED_MONEY = "signed_money"  # MONEY that may be negative (净利润)
NUMBER = "number"  # a non-negative Decimal that is not money (面积)
COUNT = "count"  # a non-negative whole number
YEAR = "year"
CHOICE = "choice"  # one of a fixed vocabulary (reference.py)
PHONE = "phone"
IGNORE = "ignore"  # recognised (so not reported as unknown) but not converted: 序号
TYPES = (TEXT, CODE, DATE, MONEY, SIGNED_MONEY, NUMBER, COUNT, YEAR, CHOICE, PHONE, IGNORE)
MONEY_TYPES = (MONEY, SIGNED_MONEY)
# The units a money header may name, and how many 万元 one of them is.
MONEY_UNITS = {"元": "0.0001", "千元": "0.1", "万元": "1", "亿元": "10000"}

# Which validator a CODE column uses.
CREDIT_CODE = "credit_code"
HIGH_TECH_NUMBER = "high_tech_number"
TECH_SME_NUMBER = "tech_sme_number"


@dataclass(frozen=True)
class Column:
    """One column of a sheet kind."""

    code: str
    header: str
    type: str = TEXT
    synonyms: tuple = ()
    required: bool = False
    rule: str = None  # CODE columns: CREDIT_CODE, HIGH_TECH_NUMBER or TECH_SME_NUMBER
    choices: tuple = ()  # CHOICE columns: the allowed values
    aliases: tuple = ()  # CHOICE columns: (alias, value) pairs accepted on import

    def but(self, **changes):
        """A copy with some attributes changed (one column reused by several kinds)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return Column(**values)


# Columns that identify a record; a header row must contain one of its kind's.
IDENTITY_CODES = ("name", "credit_code")


@dataclass(frozen=True)
class Kind:
    """A sheet kind: its code, Chinese title, columns in export order and the codes of the
    columns that identify its records."""

    code: str
    title: str
    columns: tuple
    identity: tuple = IDENTITY_CODES
    _lookup: dict = field(default=None, compare=False, repr=False)
    _by_code: dict = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        lookup = {}
        for column in self.columns:
            for text in (column.header, *column.synonyms):
                lookup.setdefault(normalise_header(text), column)
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_by_code", {column.code: column for column in self.columns})

    def column(self, code):
        """The column with this code; KeyError if the kind has none."""
        return self._by_code[code]

    def match(self, header):
        """The column a header cell names, or None.  Tries the whole normalised header first,
        then the header without its bracketed parts (注册资本(万元) → 注册资本)."""
        if header is None:
            return None
        text = normalise_header(header)
        if not text:
            return None
        column = self._lookup.get(text)
        if column is None:
            base = _BRACKETED.sub("", text)
            if base and base != text:
                column = self._lookup.get(base)
        return column

    @property
    def required(self):
        """The required columns, in order."""
        return tuple(c for c in self.columns if c.required)


_WHITESPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_BRACKETS = str.maketrans({"[": "(", "]": ")", "【": "(", "】": ")", "〔": "(", "〕": ")"})
_BRACKETED = re.compile(r"\([^()]*\)")
_MARKERS = "*※:"


def normalise_header(text):
    """Invisible characters removed, NFKC, no whitespace (line breaks included), no
    leading/trailing ``*`` required marker or colon, all brackets as ``()``, case-folded.
    ``None`` gives ``""``."""
    if text is None:
        return ""
    # invisible characters (a soft hyphen, a direction mark pasted from a web page) go first
    value = unicodedata.normalize("NFKC", strip_invisible(str(text)))
    value = _WHITESPACE.sub("", value).strip(_MARKERS)
    return value.translate(_BRACKETS).casefold()


def header_unit(text):
    """The money unit a header names in brackets (注册资本（元）, 营业收入（单位：千元） → 元,
    千元), or None.  Any unit ending in 元 is returned (美元, 百万元): the caller refuses
    those not in MONEY_UNITS."""
    for inner in re.findall(r"\(([^()]*)\)", normalise_header(text)):
        inner = _UNIT_PREFIX.sub("", inner)
        if inner.endswith("元"):
            return inner
    return None


def stated_unit(text):
    """The money unit a line above the header states for the whole sheet (单位：千元,
    金额单位：万元 → 千元, 万元), or None (填报单位：元宝科技 states none)."""
    if not isinstance(text, str):
        return None
    found = _STATED_UNIT.search(unicodedata.normalize("NFKC", text))
    return found.group(1) if found else None


_UNIT_PREFIX = re.compile(r"^(金额)?单位:?")
_STATED_UNIT = re.compile(r"单位:\s*(\S{0,3}元)(?![\w])")


# ---- columns shared by several kinds -------------------------------------------------------


def _named(code, header, type_, names, **options):
    """A column whose header and synonyms are ``header`` plus ``names`` (a tuple of names
    shared by several kinds, each kind with its own header among them)."""
    return Column(code, header, type_, tuple(n for n in names if n != header), **options)


# The names certificate numbers, their dates and years go by in the enterprise sheet and in
# the lists from higher offices (高企认定名单, 科小入库名单): one tuple each, read by both.
HIGH_TECH_NUMBER_NAMES = (
    "高新技术企业证书编号",
    "高新技术企业证书号",
    "高企证书编号",
    "高企证书号",
    "高新证书编号",
    "高新证书号",
    "高企编号",
    "证书编号",
    "证书号",
    "证书号码",
    "证书编码",
)
HIGH_TECH_DATE_NAMES = (
    "高企发证日期",
    "高企发证时间",
    "高企认定日期",
    "高企认定时间",
    "高新技术企业发证日期",
    "高新技术企业认定日期",
    "发证日期",
    "发证时间",
    "认定日期",
    "认定时间",
    "颁证日期",
)
TECH_SME_NUMBER_NAMES = (
    "科技型中小企业入库登记编号",
    "科技型中小企业入库编号",
    "科技型中小企业编号",
    "科小入库登记编号",
    "科小入库编号",
    "科小编号",
    "入库登记编号",
    "入库登记号",
    "入库编号",
    "登记编号",
)
TECH_SME_YEAR_NAMES = ("入库年度", "入库年份", "科小入库年度", "科小入库年份")

# Column types of the field kinds (gjz_registry.fields); a kind not named here is TEXT.
_TYPE_OF_KIND = {
    "credit_code": CODE,
    "phone": PHONE,
    "date": DATE,
    "money": MONEY,
    "signed_money": SIGNED_MONEY,
    "area": NUMBER,
    "count": COUNT,
    "choice": CHOICE,
}


def field_column(field):
    """The sheet column of a field of a record kind's spec."""
    type_ = _TYPE_OF_KIND.get(field.kind, TEXT)
    return Column(
        field.code,
        field.label,
        type_,
        field.synonyms,
        # a sheet may leave the street out: the import puts a street user's records in theirs
        required=field.required and field.kind != "street",
        rule=CREDIT_CODE if type_ == CODE else None,
        choices=field.vocabulary,
        aliases=field.aliases,
    )


def spec_kind(code, title, spec, others, identity=IDENTITY_CODES):
    """The sheet kind of a record kind: its columns in the spec's sheet order, a field's
    from the spec, the sheet-only ones from ``others`` ({code: Column})."""
    columns = tuple(
        field_column(spec[c]) if c in spec and spec[c].sheet else others[c]
        for c in spec.sheet_order
    )
    return Kind(code, title, columns, identity)


SEQ = Column("seq", "序号", IGNORE, ("序", "顺序号", "no", "no."))
NAME = field_column(fields.ENTERPRISE["name"])
CREDIT = field_column(fields.ENTERPRISE["credit_code"])
STREET = field_column(fields.ENTERPRISE["street"])

ENTERPRISES = spec_kind(
    "enterprises",
    "企业信息",
    fields.ENTERPRISE,
    {
        "seq": SEQ,
        "entered_on": Column("entered_on", "入驻日期", DATE, ("入驻时间", "入孵日期", "入孵时间")),
        "high_tech_number": _named(
            "high_tech_number",
            "高新技术企业证书编号",
            CODE,
            HIGH_TECH_NUMBER_NAMES,
            rule=HIGH_TECH_NUMBER,
        ),
        "high_tech_granted_on": _named(
            "high_tech_granted_on", "高企发证日期", DATE, HIGH_TECH_DATE_NAMES
        ),
        "tech_sme_number": _named(
            "tech_sme_number",
            "科技型中小企业入库登记编号",
            CODE,
            TECH_SME_NUMBER_NAMES,
            rule=TECH_SME_NUMBER,
        ),
        "tech_sme_year": _named("tech_sme_year", "入库年度", YEAR, TECH_SME_YEAR_NAMES),
    },
)

CARRIERS = spec_kind("carriers", "载体信息", fields.CARRIER, {"seq": SEQ})

HIGH_TECH = Kind(
    "high-tech",
    "高新技术企业名单",
    (
        SEQ,
        NAME,
        CREDIT.but(required=False),
        _named(
            "number", "证书编号", CODE, HIGH_TECH_NUMBER_NAMES, required=True, rule=HIGH_TECH_NUMBER
        ),
        _named("granted_on", "发证日期", DATE, HIGH_TECH_DATE_NAMES, required=True),
        STREET,
    ),
)

TECH_SME = Kind(
    "tech-sme",
    "科技型中小企业名单",
    (
        SEQ,
        NAME,
        CREDIT.but(required=False),
        _named(
            "number",
            "入库登记编号",
            CODE,
            TECH_SME_NUMBER_NAMES,
            required=True,
            rule=TECH_SME_NUMBER,
        ),
        _named("year", "入库年度", YEAR, TECH_SME_YEAR_NAMES + ("年度", "年份")),
        STREET,
    ),
)

# The year of a yearly record (年度数据, 载体年度运营).
YEAR_COLUMN = Column("year", "年度", YEAR, ("年份", "报告年度", "统计年度"), required=True)

# 年度数据: the enterprise (name and/or credit code), the year and the spec's fields.
ANNUAL = Kind(
    "annual",
    fields.ANNUAL.title,
    (
        NAME,
        CREDIT.but(required=False),
        YEAR_COLUMN,
        *(field_column(f) for f in fields.ANNUAL.fields if f.sheet),
        SEQ,
    ),
)

# 载体年度运营: the carrier, named as registered (载体名称), the year and the spec's fields.
CARRIER_YEARS = spec_kind(
    "carrier-years",
    fields.CARRIER_YEAR.title,
    fields.CARRIER_YEAR,
    {
        "seq": SEQ,
        "carrier": field_column(fields.CARRIER["name"]).but(code="carrier"),
        "year": YEAR_COLUMN,
    },
    identity=("carrier",),
)

KINDS = {
    kind.code: kind for kind in (ENTERPRISES, CARRIERS, HIGH_TECH, TECH_SME, ANNUAL, CARRIER_YEARS)
}


def get_kind(kind):
    """The :class:`Kind` for a code (``"enterprises"``…) or a Kind; KeyError if unknown."""
    if isinstance(kind, Kind):
        return kind
    return KINDS[kind]


def export_headers(kind):
    """The canonical headers of a kind in export order (the annual sheet has no 序号)."""
    kind = get_kind(kind)
    return [c.header for c in kind.columns if not (kind is ANNUAL and c.code == "seq")]
