"""The sheet kinds of the Excel exchange and their columns (DESIGN §6).

A *kind* is one of the lists the registry reads and writes: ``enterprises``, ``carriers``,
``high-tech`` (高企认定名单), ``tech-sme`` (科技型中小企业入库名单) and ``annual`` (年报数据).
Each kind lists its :class:`Column` objects in export order; a column has an English code
(the model field it fills), the canonical Chinese header, the synonyms accepted on import,
a value type (see ``TYPES``) and whether the kind requires it.

Headers are compared after :func:`normalise_header` (NFKC, no whitespace, no ``*`` marker,
one kind of bracket, case-folded); a header with a bracketed suffix such as a unit
(注册资本（万元）, 面积(㎡)) also matches by its base name.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from gjz_registry import reference

# Value types; gjz_registry.exchange.cells converts raw cells according to them.
TEXT = "text"  # free text: stripped, NFKC
CODE = "code"  # an identifier that must arrive as text (credit code, certificate numbers)
DATE = "date"
MONEY = "money"  # Decimal, 万元 unless the header names another unit
NUMBER = "number"  # a non-negative Decimal that is not money (面积)
COUNT = "count"  # a non-negative whole number
YEAR = "year"
CHOICE = "choice"  # one of a fixed vocabulary (reference.py)
PHONE = "phone"
IGNORE = "ignore"  # recognised (so not reported as unknown) but not converted: 序号
TYPES = (TEXT, CODE, DATE, MONEY, NUMBER, COUNT, YEAR, CHOICE, PHONE, IGNORE)

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


@dataclass(frozen=True)
class Kind:
    """A sheet kind: its code, Chinese title and columns in export order."""

    code: str
    title: str
    columns: tuple
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
    """NFKC, no whitespace (line breaks included), no leading/trailing ``*`` required marker
    or colon, all brackets as ``()``, case-folded.  ``None`` gives ``""``."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text))
    value = _WHITESPACE.sub("", value).strip(_MARKERS)
    return value.translate(_BRACKETS).casefold()


def header_unit(text):
    """The unit a header names in brackets (注册资本（元） → 元), or None."""
    for inner in re.findall(r"\(([^()]*)\)", normalise_header(text)):
        if inner in ("元", "万元", "亿元"):
            return inner
    return None


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

SEQ = Column("seq", "序号", IGNORE, ("序", "顺序号", "no", "no."))
NAME = Column(
    "name",
    "企业名称",
    TEXT,
    ("单位名称", "企业全称", "公司名称", "企业名", "公司全称", "单位全称", "名称", "企业"),
    required=True,
)
CREDIT = Column(
    "credit_code",
    "统一社会信用代码",
    CODE,
    ("信用代码", "社会信用代码", "统一代码", "统一信用代码", "社会统一信用代码", "企业信用代码"),
    required=True,
    rule=CREDIT_CODE,
)
STREET = Column(
    "street", "所属街道", TEXT, ("街道", "街道办事处", "所在街道", "所属街道办", "所属街道办事处")
)
CONTACT = Column("contact_name", "联系人", TEXT, ("联系人姓名", "企业联系人", "负责人"))
PHONE_COLUMN = Column(
    "contact_phone",
    "联系电话",
    PHONE,
    ("电话", "联系方式", "手机", "手机号", "手机号码", "联系人电话", "联系人手机", "电话号码"),
)
NOTES = Column("notes", "备注", TEXT, ("说明", "备注说明"))
EMPLOYEES = Column(
    "employees",
    "从业人员",
    COUNT,
    ("从业人数", "从业人员数", "职工人数", "员工人数", "职工总数", "员工数"),
)
RD_STAFF = Column("rd_staff", "研发人员", COUNT, ("研发人数", "研发人员数", "研发人员数量"))

ENTERPRISES = Kind(
    "enterprises",
    "企业信息",
    (
        SEQ,
        NAME,
        CREDIT,
        STREET,
        Column(
            "industry", "产业领域", TEXT, ("领域", "所属领域", "行业领域", "所属产业", "产业类别")
        ),
        Column("legal_rep", "法定代表人", TEXT, ("法人", "法人代表", "法定代表人姓名", "法人姓名")),
        CONTACT,
        PHONE_COLUMN,
        Column("address", "注册地址", TEXT, ("地址", "企业地址", "住所", "注册地", "办公地址")),
        Column("founded_on", "成立日期", DATE, ("成立时间", "注册日期", "注册时间", "成立年月日")),
        Column("registered_capital", "注册资本(万元)", MONEY, ("注册资本", "注册资金")),
        EMPLOYEES,
        RD_STAFF,
        Column(
            "stage",
            "孵化阶段",
            CHOICE,
            ("阶段", "所处阶段", "孵化链阶段", "所处孵化阶段"),
            choices=reference.STAGES,
            aliases=(("众创空间", reference.STAGE_MAKERSPACE),),
        ),
        Column(
            "carrier",
            "入驻载体",
            TEXT,
            ("载体", "所在载体", "所属载体", "孵化载体", "入驻载体名称"),
        ),
        Column("entered_on", "入驻日期", DATE, ("入驻时间", "入孵日期", "入孵时间")),
        _named(
            "high_tech_number",
            "高新技术企业证书编号",
            CODE,
            HIGH_TECH_NUMBER_NAMES,
            rule=HIGH_TECH_NUMBER,
        ),
        _named("high_tech_granted_on", "高企发证日期", DATE, HIGH_TECH_DATE_NAMES),
        _named(
            "tech_sme_number",
            "科技型中小企业入库登记编号",
            CODE,
            TECH_SME_NUMBER_NAMES,
            rule=TECH_SME_NUMBER,
        ),
        _named("tech_sme_year", "入库年度", YEAR, TECH_SME_YEAR_NAMES),
        NOTES,
    ),
)

CARRIERS = Kind(
    "carriers",
    "载体信息",
    (
        SEQ,
        Column(
            "name", "载体名称", TEXT, ("名称", "载体", "孵化载体名称", "孵化载体"), required=True
        ),
        Column(
            "kind",
            "载体类型",
            CHOICE,
            ("类型", "类别", "载体类别"),
            required=True,
            choices=reference.CARRIER_KINDS,
            aliases=(
                ("众创空间", reference.CARRIER_MAKERSPACE),
                ("苗圃", reference.CARRIER_MAKERSPACE),
            ),
        ),
        Column("level", "认定级别", CHOICE, ("级别", "认定等级"), choices=reference.CARRIER_LEVELS),
        Column(
            "operator_name", "运营主体", TEXT, ("运营单位", "运营机构", "运营主体名称", "运营公司")
        ),
        Column(
            "operator_credit_code",
            "运营主体信用代码",
            CODE,
            (
                "运营主体统一社会信用代码",
                "运营单位信用代码",
                "运营单位统一社会信用代码",
                "统一社会信用代码",
                "信用代码",
            ),
            rule=CREDIT_CODE,
        ),
        STREET,
        Column("address", "地址", TEXT, ("载体地址", "注册地址", "详细地址")),
        Column("area_m2", "面积(平方米)", NUMBER, ("面积", "建筑面积", "孵化面积", "场地面积")),
        Column("recognized_on", "认定日期", DATE, ("认定时间", "批准日期")),
        CONTACT,
        PHONE_COLUMN,
        Column(
            "status",
            "状态",
            CHOICE,
            ("运营状态",),
            choices=reference.CARRIER_STATUSES,
            aliases=(("运营中", "运营"), ("正常", "运营")),
        ),
        NOTES,
    ),
)

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

ANNUAL = Kind(
    "annual",
    "年度数据",
    (
        NAME,
        CREDIT.but(required=False),
        Column("year", "年度", YEAR, ("年份", "报告年度", "统计年度"), required=True),
        Column(
            "revenue", "营业收入(万元)", MONEY, ("营业收入", "营收", "主营业务收入", "销售收入")
        ),
        Column("output_value", "产值(万元)", MONEY, ("产值", "工业总产值", "总产值")),
        Column(
            "rd_expense", "研发费用(万元)", MONEY, ("研发费用", "研发投入", "研发经费", "r&d经费")
        ),
        Column(
            "tax_paid", "纳税(万元)", MONEY, ("纳税", "纳税额", "纳税总额", "上缴税金", "实缴税金")
        ),
        Column(
            "invention_patents", "发明专利", COUNT, ("发明专利数", "拥有发明专利", "有效发明专利")
        ),
        Column("patents_granted", "授权专利", COUNT, ("授权专利数", "专利授权数", "授权专利数量")),
        Column(
            "tech_contract_amount",
            "技术合同成交额(万元)",
            MONEY,
            ("技术合同成交额", "技术合同交易额", "技术合同额"),
        ),
        Column("investment_received", "获得投资(万元)", MONEY, ("获得投资", "获得融资", "融资额")),
        EMPLOYEES,
        RD_STAFF,
        SEQ,
    ),
)

KINDS = {kind.code: kind for kind in (ENTERPRISES, CARRIERS, HIGH_TECH, TECH_SME, ANNUAL)}
# Columns that identify a record; a header row must contain one of them.
IDENTITY_CODES = ("name", "credit_code")


def get_kind(kind):
    """The :class:`Kind` for a code (``"enterprises"``…) or a Kind; KeyError if unknown."""
    if isinstance(kind, Kind):
        return kind
    return KINDS[kind]


def export_headers(kind):
    """The canonical headers of a kind in export order (the annual sheet has no 序号)."""
    kind = get_kind(kind)
    return [c.header for c in kind.columns if not (kind is ANNUAL and c.code == "seq")]
