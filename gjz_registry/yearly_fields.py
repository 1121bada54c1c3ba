"""Field specs of the yearly records: a carrier's operations and an enterprise's annual data.

``CARRIER_YEAR`` (载体年度运营, table ``carrier_year``) and ``ANNUAL`` (企业年度数据, table
``annual_report``) are declared like the enterprise and carrier specs in gjz_registry.fields
and registered in its ``SPECS`` (read them through that module).  Both records are keyed by
their owner and a year, which the services take apart from the fields; the specs list the
values only.  Money is 万元
(the national Torch forms' 千元 is an output unit: gjz_registry.exchange converts); ``net
profit`` is the one signed amount (kind "signed_money").

The in-incubation counts of a carrier year are ``reported_*``: what the carrier reports.
The registry computes the same counts from the residency history and shows both.

A new year's form starts with the previous year's values of the fields marked
``carries_over`` (areas, stations, staff, mentors, the seed fund, platforms; an enterprise's
stock figures, none of its money), and a carrier's year opens with the enterprises the year
before closed with (:data:`OPENS_WITH`): :func:`carried_over`.
"""

from gjz_registry import reference as ref
from gjz_registry.fieldspec import (
    EMPLOYEES_SYNONYMS,
    NOTES_SYNONYMS,
    RD_STAFF_SYNONYMS,
    Field,
    RecordSpec,
)


def _count(code, label, *synonyms, carries_over=False):
    return Field(code, label, "count", synonyms=synonyms, carries_over=carries_over)


def _money(code, label, *synonyms, carries_over=False):
    return Field(code, label, "money", synonyms=synonyms, carries_over=carries_over)


def _area(code, label, *synonyms):
    return Field(code, label, "area", synonyms=synonyms, carries_over=True)


CARRIER_YEAR = RecordSpec(
    "carrier_year",
    "载体年度运营",
    (
        _area("site_area_m2", "场地总面积(平方米)", "场地面积", "总面积", "场地总面积"),
        _area(
            "incubation_area_m2", "孵化场地面积(平方米)", "孵化面积", "孵化场地面积", "孵化用房面积"
        ),
        _count("stations", "工位数(个)", "工位数", "工位", "提供工位数", carries_over=True),
        _count(
            "management_staff",
            "管理服务人员(人)",
            "管理服务人员",
            "服务人员",
            "管理人员",
            "孵化器从业人员",
            "运营人员",
            carries_over=True,
        ),
        _count("mentors_full", "专职创业导师(人)", "专职创业导师", "专职导师", carries_over=True),
        _count("mentors_part", "兼职创业导师(人)", "兼职创业导师", "兼职导师", carries_over=True),
        _money(
            "seed_fund",
            "自有孵化种子基金(万元)",
            "自有孵化种子基金金额",
            "自有孵化种子基金",
            "孵化基金总额",
            "种子基金",
            carries_over=True,
        ),
        _money("fund_invested", "孵化基金投资额(万元)", "孵化基金投资额", "种子基金投资额"),
        _count("enterprises_invested", "已投资企业数(家)", "已投资企业数", "投资企业数"),
        _count(
            "platforms",
            "公共服务平台(个)",
            "公共服务平台",
            "公共技术服务平台数",
            "服务平台数",
            carries_over=True,
        ),
        _count(
            "research_platforms",
            "省级以上研发平台(个)",
            "省级以上研发平台",
            "省级以上研发平台数",
            carries_over=True,
        ),
        _count(
            "events",
            "创新创业活动(场)",
            "创新创业活动",
            "主题活动数量",
            "活动场次",
            "举办创新创业活动场次",
        ),
        _money("total_income", "载体总收入(万元)", "载体总收入", "孵化器总收入", "众创空间总收入"),
        _money(
            "fiscal_support",
            "获得财政资助(万元)",
            "获得财政资助",
            "财政资助额",
            "获得各级财政资助额",
        ),
        _count("reported_start", "年初在孵企业数(家)", "年初在孵企业数", "年初在孵企业"),
        _count(
            "reported_admitted", "当年新入孵企业数(家)", "当年新入孵企业数", "当年新增在孵企业数"
        ),
        _count(
            "reported_graduated",
            "当年毕业企业数(家)",
            "当年毕业企业数",
            "年度培育毕业企业数",
            "毕业企业数",
        ),
        _count("reported_left", "当年离孵企业数(家)", "当年离孵企业数", "离孵企业数", "淘汰企业数"),
        _count("reported_end", "年末在孵企业数(家)", "年末在孵企业数", "在孵企业数"),
        Field("notes", "备注", "note", synonyms=NOTES_SYNONYMS),
    ),
    sheet_order=(
        "seq",
        "carrier",
        "year",
        "site_area_m2",
        "incubation_area_m2",
        "stations",
        "management_staff",
        "mentors_full",
        "mentors_part",
        "seed_fund",
        "fund_invested",
        "enterprises_invested",
        "platforms",
        "research_platforms",
        "events",
        "total_income",
        "fiscal_support",
        "reported_start",
        "reported_admitted",
        "reported_graduated",
        "reported_left",
        "reported_end",
        "notes",
    ),
)

# The in-incubation counts a carrier reports, in their order, and the computed count each
# is shown beside (gjz_registry.services: counts from the residency history).
REPORTED_COUNTS = (
    "reported_start",
    "reported_admitted",
    "reported_graduated",
    "reported_left",
    "reported_end",
)

# A count that opens a year with the count that closed the year before.
OPENS_WITH = {"reported_start": "reported_end"}


def carried_over(spec, previous):
    """The values a new year's record of ``spec`` starts with: ``previous`` (the year
    before's values by code; None when there is no such record) of the fields that carry
    over, and of the counts each field of :data:`OPENS_WITH` opens with.  Empty values are
    left out."""
    if previous is None:
        return {}
    sources = {f.code: f.code for f in spec.fields if f.carries_over}
    sources.update({code: source for code, source in OPENS_WITH.items() if code in spec})
    carried = {code: previous.get(source) for code, source in sources.items()}
    return {code: value for code, value in carried.items() if value is not None}


ANNUAL = RecordSpec(
    "annual_report",
    "年度数据",
    (
        _money(
            "revenue", "营业收入(万元)", "营业收入", "营收", "主营业务收入", "销售收入", "总收入"
        ),
        _money("output_value", "产值(万元)", "产值", "工业总产值", "总产值"),
        Field("net_profit", "净利润(万元)", "signed_money", synonyms=("净利润", "利润")),
        _money(
            "rd_expense", "研发费用(万元)", "研发费用", "研发投入", "研发经费", "r&d经费", "R&D经费"
        ),
        _money(
            "tax_paid",
            "纳税(万元)",
            "纳税",
            "纳税额",
            "纳税总额",
            "上缴税金",
            "实缴税金",
            "实际上缴税费",
        ),
        _money("export_total", "出口总额(万元)", "出口总额", "出口额", "出口创汇"),
        _count("ip_applied", "知识产权申请数", "知识产权申请", "当年知识产权申请数"),
        _count(
            "ip_granted", "知识产权授权数", "知识产权授权", "当年知识产权授权数", "知识产权授权总数"
        ),
        _count("invention_applied", "发明专利申请数", "发明专利申请", "申请发明专利"),
        _count(
            "invention_patents",
            "发明专利",
            "发明专利数",
            "拥有发明专利",
            "有效发明专利",
            carries_over=True,
        ),
        _count("patents_granted", "授权专利", "授权专利数", "专利授权数", "授权专利数量"),
        _count("software_copyrights", "软件著作权", "软件著作权数", "软著", "软件著作权登记数"),
        _count("tech_contracts", "技术合同数(项)", "技术合同数", "技术合同项数", "技术合同"),
        _money(
            "tech_contract_amount",
            "技术合同成交额(万元)",
            "技术合同成交额",
            "技术合同交易额",
            "技术合同额",
        ),
        _money(
            "investment_received", "获得投资(万元)", "获得投资", "获得融资", "融资额", "投融资额"
        ),
        Field("employees", "从业人员", "count", synonyms=EMPLOYEES_SYNONYMS, carries_over=True),
        Field("rd_staff", "研发人员", "count", synonyms=RD_STAFF_SYNONYMS, carries_over=True),
        _count(
            "graduates_hired",
            "吸纳应届大学生(人)",
            "吸纳应届大学生",
            "应届大学生",
            "吸纳应届毕业生",
        ),
        Field(
            "award_level",
            "科技奖励",
            "choice",
            10,
            vocabulary=ref.AWARD_LEVELS,
            aliases=(("国家", "国家级"), ("省", "省级"), ("市", "市级")),
            synonyms=("获奖情况", "获得科技奖励", "科技奖励级别"),
        ),
    ),
    sheet_order=("name", "credit_code", "year"),
)
