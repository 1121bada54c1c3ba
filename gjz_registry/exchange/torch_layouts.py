"""The column layouts of the national Torch statistics forms (火炬统计), as data.

Three layouts, each a tuple of :class:`TorchColumn` in the form's order under the form's
heading (the README, section 火炬统计导出, names the sources and versions):

- :data:`INCUBATOR`: 科技企业孵化器运营综合情况 — the sections of the Ministry of Science and
  Technology's form 《科技企业孵化器综合情况》 (表号 GZ-007, 制表机关 科学技术部, 批准机关
  国家统计局, 国统制〔2008〕134号: 场地、管理人员、收入与孵化基金、在孵企业经济概况，千元)
  under the indicator names of the current 科技企业孵化器运营综合情况统计表 (火炬中心
  国科火字〔2019〕200号 年报) as far as documented;
- :data:`MAKERSPACE`: 众创空间综合运行情况统计表 — its exact text was not found; the
  indicators it is documented to hold (工位、服务人员、创业导师、总收入、创业团队与初创企业、
  获得投资) in that order;
- :data:`RESIDENT`: the in-incubation enterprise form (在孵企业统计表, 火炬统计 2017 版的
  26 项: 企业名称 … 当年获得省级以上奖励), money in 千元.

A column's ``source`` says where its value comes from (read by exchange.torch_export):
``"carrier.X"`` the carrier record, ``"year.X"`` its 年度运营 record (CARRIER_YEAR; a
reported count's ``compare`` names the count computed from the residency history that is
written beside it, services.carrier_counts), ``"outputs.X"`` the residents' summed annual
data (carrier_counts.resident_outputs), ``"enterprise.X"``, ``"stay.X"`` and
``"annual.X"`` an enterprise, its stay and its annual data, ``"flag.KIND"`` a qualification
held at the year's end, or None: the registry holds no such data — the column stays, headed
as the form, and is marked (grey, 「本系统无此数据」).  ``kind`` says how it is written:
``money`` (stored 万元, written 千元 = ×10, exact), ``count``, ``area``, ``text``,
``date``, ``yes`` (是/否).
"""

import dataclasses

from gjz_registry import reference as ref

MONEY, COUNT, AREA, TEXT, DATE, YES = "money", "count", "area", "text", "date", "yes"
NO_DATA = "本系统无此数据"


@dataclasses.dataclass(frozen=True)
class TorchColumn:
    heading: str
    source: str = None  # None: no such data in the registry (a marked column)
    kind: str = COUNT
    compare: str = None  # a reported count: the computed count (counts.X) written beside it

    @property
    def marked(self):
        return self.source is None


def _none(heading, kind=TEXT):
    return TorchColumn(heading, None, kind)


# The in-incubation counts: what the carrier reports (the form's figure), each followed by
# the count computed from the residency history (本系统计算), differences flagged.
_COUNTS = (
    TorchColumn("年初在孵企业数（个）", "year.reported_start", compare="start"),
    TorchColumn("当年新增在孵企业数（个）", "year.reported_admitted", compare="admitted"),
    TorchColumn("当年毕业企业数（个）", "year.reported_graduated", compare="graduated"),
    TorchColumn("当年离孵企业数（个）", "year.reported_left", compare="left"),
    TorchColumn("在孵企业数（个）", "year.reported_end", compare="end"),
)


def _carrier(name_heading, national_heading):
    """The head of a carrier form: its name, code, address and whether it is national."""
    return (
        TorchColumn(name_heading, "carrier.name", TEXT),
        TorchColumn("统一社会信用代码", "carrier.operator_credit_code", TEXT),
        TorchColumn("通讯地址", "carrier.address", TEXT),
        TorchColumn(national_heading, "carrier.national", YES),
    )


INCUBATOR = (
    *_carrier("孵化器名称", "是否国家级"),
    _none("孵化器性质"),
    _none("孵化器类型"),
    _none("是否在国家高新区内"),
    _none("成立时间", DATE),
    TorchColumn("孵化器场地建筑总面积（平方米）", "year.site_area_m2", AREA),
    TorchColumn("其中：在孵企业用房（平方米）", "year.incubation_area_m2", AREA),
    TorchColumn("管理机构从业人员（人）", "year.management_staff"),
    TorchColumn("创业导师人数（人）", "year.mentors"),
    TorchColumn("其中：专职创业导师（人）", "year.mentors_full"),
    TorchColumn("公共技术服务平台（个）", "year.platforms"),
    TorchColumn("孵化器总收入（千元）", "year.total_income", MONEY),
    _none("其中：综合服务收入（千元）", MONEY),
    TorchColumn("获得各级财政资助额（千元）", "year.fiscal_support", MONEY),
    TorchColumn("孵化基金总额（千元）", "year.seed_fund", MONEY),
    TorchColumn("当年孵化基金投资额（千元）", "year.fund_invested", MONEY),
    TorchColumn("获得孵化基金投资的企业数（个）", "year.enterprises_invested"),
    TorchColumn("举办创新创业活动（场）", "year.events"),
    *_COUNTS,
    _none("累计毕业企业数（个）", COUNT),
    TorchColumn("在孵企业从业人员（人）", "outputs.employees"),
    TorchColumn("其中：吸纳应届毕业生（人）", "outputs.graduates_hired"),
    TorchColumn("在孵企业总收入（千元）", "outputs.revenue", MONEY),
    TorchColumn("在孵企业净利润（千元）", "outputs.net_profit", MONEY),
    TorchColumn("在孵企业上缴税费（千元）", "outputs.tax_paid", MONEY),
    TorchColumn("在孵企业出口总额（千元）", "outputs.export_total", MONEY),
    TorchColumn("在孵企业R&D投入（千元）", "outputs.rd_expense", MONEY),
    TorchColumn("当年获得投融资的在孵企业数（个）", "outputs.financed"),
    TorchColumn("在孵企业当年获得投融资额（千元）", "outputs.investment_received", MONEY),
    TorchColumn("在孵企业当年知识产权申请数（件）", "outputs.ip_applied"),
    TorchColumn("在孵企业当年知识产权授权数（件）", "outputs.ip_granted"),
    TorchColumn("在孵企业拥有发明专利（件）", "outputs.invention_patents"),
    TorchColumn("在孵企业软件著作权（件）", "outputs.software_copyrights"),
    TorchColumn("在孵高新技术企业数（个）", "outputs.high_tech"),
    TorchColumn("在孵科技型中小企业数（个）", "outputs.tech_sme"),
)

MAKERSPACE = (
    *_carrier("众创空间名称", "是否国家备案众创空间"),
    _none("众创空间类型"),
    TorchColumn("众创空间场地面积（平方米）", "year.site_area_m2", AREA),
    TorchColumn("提供工位数（个）", "year.stations"),
    TorchColumn("服务人员数量（人）", "year.management_staff"),
    TorchColumn("创业导师人数（人）", "year.mentors"),
    TorchColumn("其中：专职创业导师（人）", "year.mentors_full"),
    TorchColumn("众创空间总收入（千元）", "year.total_income", MONEY),
    _none("其中：服务收入（千元）", MONEY),
    _none("运营成本（千元）", MONEY),
    TorchColumn("获得财政资助额（千元）", "year.fiscal_support", MONEY),
    TorchColumn("自有孵化种子基金（千元）", "year.seed_fund", MONEY),
    TorchColumn("已投资企业数（个）", "year.enterprises_invested"),
    TorchColumn("举办创新创业活动（场）", "year.events"),
    _none("开展创业教育培训（场）", COUNT),
    _none("当年服务的创业团队数量（个）", COUNT),
    _none("创业团队人员数量（人）", COUNT),
    *_COUNTS,
    TorchColumn("初创企业吸纳就业人员（人）", "outputs.employees"),
    TorchColumn("其中：吸纳应届毕业生（人）", "outputs.graduates_hired"),
    TorchColumn("当年获得投资的团队及企业数（个）", "outputs.financed"),
    TorchColumn("团队及企业当年获得投资总额（千元）", "outputs.investment_received", MONEY),
    TorchColumn("初创企业当年知识产权申请数（件）", "outputs.ip_applied"),
    TorchColumn("初创企业当年知识产权授权数（件）", "outputs.ip_granted"),
)

RESIDENT = (
    TorchColumn("所在孵化器（众创空间）", "stay.carrier", TEXT),
    TorchColumn("企业名称", "enterprise.name", TEXT),
    TorchColumn("统一社会信用代码", "enterprise.credit_code", TEXT),
    TorchColumn("企业成立时间", "enterprise.founded_on", DATE),
    TorchColumn("企业入驻时间", "stay.entered_on", DATE),
    _none("行业类别"),
    _none("企业登记注册类型"),
    TorchColumn("企业所属技术领域", "enterprise.tech_field", TEXT),
    _none("企业纳税人类型"),
    _none("是否与创业导师建立辅导关系"),
    TorchColumn("是否毕业企业", "stay.graduated", YES),
    TorchColumn("是否高新技术企业", f"flag.{ref.QUAL_HIGH_TECH}", YES),
    TorchColumn("是否科技型中小企业", f"flag.{ref.QUAL_TECH_SME}", YES),
    TorchColumn("是否专精特新企业", f"flag.{ref.QUAL_SPECIALISED}", YES),
    TorchColumn("是否专精特新“小巨人”企业", f"flag.{ref.QUAL_LITTLE_GIANT}", YES),
    _none("企业主要负责人创业特征"),
    _none("企业主要负责人是否为连续创业者"),
    _none("企业主要负责人性别"),
    TorchColumn("获得天使或风险投资额（千元）", "annual.investment_received", MONEY),
    _none("占用孵化器场地面积（平方米）", AREA),
    TorchColumn("企业成立时注册资本（千元）", "enterprise.registered_capital", MONEY),
    TorchColumn("在孵企业总收入（千元）", "annual.revenue", MONEY),
    TorchColumn("在孵企业净利润（千元）", "annual.net_profit", MONEY),
    TorchColumn("在孵企业出口总额（千元）", "annual.export_total", MONEY),
    TorchColumn("在孵企业研究与试验发展经费支出（千元）", "annual.rd_expense", MONEY),
    TorchColumn("在孵企业实际上缴税费（千元）", "annual.tax_paid", MONEY),
    TorchColumn("在孵企业从业人员（人）", "annual.employees"),
    _none("其中：博士（人）", COUNT),
    _none("其中：大专以上（人）", COUNT),
    _none("其中：留学人员（人）", COUNT),
    TorchColumn("其中：研究与试验发展人员（人）", "annual.rd_staff"),
    TorchColumn("吸纳应届大学毕业生（人）", "annual.graduates_hired"),
    TorchColumn("当年知识产权申请数（件）", "annual.ip_applied"),
    TorchColumn("其中：发明专利申请（件）", "annual.invention_applied"),
    TorchColumn("当年知识产权授权数（件）", "annual.ip_granted"),
    _none("拥有有效知识产权数（件）", COUNT),
    TorchColumn("其中：发明专利（件）", "annual.invention_patents"),
    TorchColumn("软件著作权（件）", "annual.software_copyrights"),
    _none("植物新品种（件）", COUNT),
    _none("集成电路布图（件）", COUNT),
    TorchColumn("技术合同交易数量（项）", "annual.tech_contracts"),
    TorchColumn("技术合同交易额（千元）", "annual.tech_contract_amount", MONEY),
    _none("当年承担国家级科技计划项目数（项）", COUNT),
    TorchColumn("当年获得省级以上奖励", "annual.provincial_award", YES),
)

# The note row under the headings: where each kind of source comes from.
SOURCE_NOTES = {
    "carrier": "载体信息",
    "year": "载体年度运营（填报）",
    "counts": "本系统按入驻记录计算",
    "outputs": "在孵企业年度数据合计（本系统计算）",
    "enterprise": "企业信息",
    "stay": "入驻记录",
    "annual": "企业年度数据",
    "flag": "资质记录（年末有效）",
}
MONEY_NOTE = "万元×10，精确不舍入"  # 1 万元 = 10 千元; 4 decimals of 万元 are 3 of 千元
COMPUTED_SUFFIX = "（本系统计算）"
DIFFERENCE_HEADING = "在孵企业数差异（填报与本系统计算不一致）"


def note(column):
    """The note-row text of ``column``."""
    if column.marked:
        return NO_DATA
    source = SOURCE_NOTES[column.source.split(".", 1)[0]]
    return f"{source}；{MONEY_NOTE}" if column.kind == MONEY else source
