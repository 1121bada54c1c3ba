"""Field specs: each record kind's fields, declared once (DESIGN §2).

A :class:`RecordSpec` lists the :class:`Field` objects of one record kind (``enterprise``,
``carrier``; a later kind such as carrier yearly operations is declared the same way) in the
form's order.  A field gives its code (the model field it fills), its Chinese label, its kind
(how it is checked and shown, see ``KINDS``), its longest text, whether it is required, its
vocabulary (the allowed values, with aliases accepted on input), the synonyms an import
header may use, its default, and where it appears: the form, the Excel sheet (in the spec's
``sheet_order``, which also names the sheet's columns that are not fields of the record), the
list screen (a column width), the list filters and the statistics (``gjz stats``).

Readers: the services' field rules (gjz_registry.services.records), the Excel columns
(gjz_registry.exchange.columns), the import and export, the demo generator, the client's
forms, lists and filters, and the report columns.  The models keep their own definitions
(migrations need frozen copies); tests/unit/test_field_specs.py checks that both agree.
This module imports nothing but the reference constants, so every layer may read it.
"""

from gjz_registry import reference as ref
from gjz_registry.fieldspec import (  # noqa: F401  (re-exported: every layer reads fields)
    CONTACT_SYNONYMS,
    EMPLOYEES_SYNONYMS,
    KINDS,
    NOTES_SYNONYMS,
    PHONE_SYNONYMS,
    RD_STAFF_SYNONYMS,
    REFERENCE_KINDS,
    STREET_SYNONYMS,
    TEXT_KINDS,
    Field,
    RecordSpec,
)
from gjz_registry.yearly_fields import ANNUAL, CARRIER_YEAR

ENTERPRISE = RecordSpec(
    "enterprise",
    "企业",
    (
        Field(
            "name",
            "企业名称",
            "name",
            200,
            required=True,
            synonyms=(
                "单位名称",
                "企业全称",
                "公司名称",
                "企业名",
                "公司全称",
                "单位全称",
                "名称",
                "企业",
            ),
            list_width=260,
        ),
        Field(
            "credit_code",
            "统一社会信用代码",
            "credit_code",
            18,
            required=True,
            synonyms=(
                "信用代码",
                "社会信用代码",
                "统一代码",
                "统一信用代码",
                "社会统一信用代码",
                "企业信用代码",
            ),
            list_width=170,
        ),
        Field(
            "street", "所属街道", "street", required=True, synonyms=STREET_SYNONYMS, list_width=110
        ),
        Field(
            "industry",
            "产业领域",
            "industry",
            synonyms=("领域", "所属领域", "行业领域", "所属产业", "产业类别"),
            list_width=170,
        ),
        Field(
            "tech_field",
            "技术领域",
            "choice",
            20,
            vocabulary=ref.TECH_FIELDS,
            synonyms=("高新技术领域", "所属技术领域"),
            filter=True,
            stats_table="tech-field",
            demo_share=0.4,
        ),
        Field(
            "legal_rep",
            "法定代表人",
            max_length=50,
            synonyms=("法人", "法人代表", "法定代表人姓名", "法人姓名"),
        ),
        Field("contact_name", "联系人", max_length=50, synonyms=CONTACT_SYNONYMS),
        Field("contact_phone", "联系电话", "phone", 30, synonyms=PHONE_SYNONYMS),
        Field(
            "address",
            "注册地址",
            max_length=300,
            synonyms=("地址", "企业地址", "住所", "注册地", "办公地址"),
        ),
        Field(
            "founded_on",
            "成立日期",
            "date",
            synonyms=("成立时间", "注册日期", "注册时间", "成立年月日"),
        ),
        Field("registered_capital", "注册资本(万元)", "money", synonyms=("注册资本", "注册资金")),
        Field(
            "employees",
            "从业人员",
            "count",
            synonyms=EMPLOYEES_SYNONYMS,
        ),
        Field("rd_staff", "研发人员", "count", synonyms=RD_STAFF_SYNONYMS),
        Field(
            "stage",
            "孵化阶段",
            "choice",
            10,
            vocabulary=ref.STAGES,
            aliases=(("众创空间", ref.STAGE_MAKERSPACE),),
            synonyms=("阶段", "所处阶段", "孵化链阶段", "所处孵化阶段"),
            editable=False,
            list_width=80,
        ),
        Field(
            "carrier",
            "入驻载体",
            "carrier",
            synonyms=("载体", "所在载体", "所属载体", "孵化载体", "入驻载体名称"),
            editable=False,
            list_width=200,
        ),
        Field(
            "status",
            "企业状态",
            "choice",
            10,
            vocabulary=ref.ENTERPRISE_STATUSES,
            default=ref.STATUS_ACTIVE,
            sheet=False,
            short_label="状态",
            list_width=60,
            printed=False,
        ),
        Field("notes", "备注", "note", 2000, synonyms=NOTES_SYNONYMS),
    ),
    sheet_order=(
        "seq",
        "name",
        "credit_code",
        "street",
        "industry",
        "tech_field",
        "legal_rep",
        "contact_name",
        "contact_phone",
        "address",
        "founded_on",
        "registered_capital",
        "employees",
        "rd_staff",
        "stage",
        "carrier",
        "entered_on",
        "high_tech_number",
        "high_tech_granted_on",
        "tech_sme_number",
        "tech_sme_year",
        "notes",
    ),
)

CARRIER = RecordSpec(
    "carrier",
    "载体",
    (
        Field(
            "name",
            "载体名称",
            "name",
            200,
            required=True,
            synonyms=("名称", "载体", "孵化载体名称", "孵化载体"),
        ),
        Field(
            "kind",
            "载体类型",
            "choice",
            20,
            required=True,
            vocabulary=ref.CARRIER_KINDS,
            aliases=(("众创空间", ref.CARRIER_MAKERSPACE), ("苗圃", ref.CARRIER_MAKERSPACE)),
            synonyms=("类型", "类别", "载体类别"),
        ),
        Field(
            "level",
            "认定级别",
            "choice",
            10,
            vocabulary=ref.CARRIER_LEVELS,
            synonyms=("级别", "认定等级"),
            default="未认定",
        ),
        Field(
            "operator_name",
            "运营主体",
            "name",
            200,
            synonyms=("运营单位", "运营机构", "运营主体名称", "运营公司"),
        ),
        Field(
            "operator_credit_code",
            "运营主体信用代码",
            "credit_code",
            18,
            synonyms=(
                "运营主体统一社会信用代码",
                "运营单位信用代码",
                "运营单位统一社会信用代码",
                "统一社会信用代码",
                "信用代码",
            ),
        ),
        Field("street", "所属街道", "street", synonyms=STREET_SYNONYMS),
        Field("recognized_on", "认定日期", "date", synonyms=("认定时间", "批准日期")),
        Field("address", "地址", max_length=300, synonyms=("载体地址", "注册地址", "详细地址")),
        Field(
            "area_m2", "面积(平方米)", "area", synonyms=("面积", "建筑面积", "孵化面积", "场地面积")
        ),
        Field(
            "status",
            "状态",
            "choice",
            10,
            vocabulary=ref.CARRIER_STATUSES,
            aliases=(("运营中", "运营"), ("正常", "运营")),
            synonyms=("运营状态",),
            default="运营",
        ),
        Field("contact_name", "联系人", max_length=50, synonyms=CONTACT_SYNONYMS),
        Field("contact_phone", "联系电话", "phone", 30, synonyms=PHONE_SYNONYMS),
        Field("notes", "备注", "note", synonyms=NOTES_SYNONYMS),
    ),
    sheet_order=(
        "seq",
        "name",
        "kind",
        "level",
        "operator_name",
        "operator_credit_code",
        "street",
        "address",
        "area_m2",
        "recognized_on",
        "contact_name",
        "contact_phone",
        "status",
        "notes",
    ),
    text_limit=300,
)

SPECS = {spec.kind: spec for spec in (ENTERPRISE, CARRIER, CARRIER_YEAR, ANNUAL)}


def spec(kind):
    """The RecordSpec of a record kind ("enterprise", "carrier"); KeyError if unknown."""
    return SPECS[kind]


def label(kind, code):
    """The Chinese label of field ``code`` of record kind ``kind`` (the code itself when the
    kind has no such field)."""
    return SPECS[kind].label(code) if kind in SPECS else code
