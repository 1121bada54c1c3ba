"""Texts of the carrier, chain and qualification screens, 首页 and 目标考核 (with 计划管理)."""

# --- Carriers, incubation chain and qualification screens (issue 7, part 1) ---------------
TAB_COUNT = "{label}（{count}）"
FILTER_KIND = "类型"
FILTER_LEVEL = "级别"
CARRIER_SEARCH_HINT = "载体名称中的字"
CARRIER_COLUMNS = (
    ("name", "载体名称", 250),
    ("kind", "类型", 120),
    ("level", "级别", 70),
    ("street", "所属街道", 130),
    ("area_m2", "面积(㎡)", 90),
    ("residents", "在孵企业", 80),
    ("status", "状态", 60),
)
CARRIER_NEW = "新增载体"
CARRIER_TITLE = "载体：{name}"
CARRIER_OTHER_STREET = "只读：该载体属于{street}，街道用户只能修改本街道的载体"
CARRIER_DISTRICT = "只读：该载体未指定所属街道，属全区数据，只有管理员可以修改"
TAB_RESIDENTS = "在孵企业"
TAB_GRADUATES = "毕业企业"
CARRIER_RESIDENT_COLUMNS = (
    ("enterprise", "企业名称", 300),
    ("stage", "阶段", 90),
    ("entered_on", "入驻日期", 110),
    ("months", "在孵时长(月)", 100),
)
CARRIER_GRADUATE_COLUMNS = (
    ("enterprise", "企业名称", 340),
    ("left_on", "毕业日期", 110),
)
RESIDENTS_NOTE = "双击打开企业。办理入驻请从企业的「孵化历程」开始。"
RESIDENTS_SCOPED_NOTE = "只显示{street}的企业。双击打开企业；办理入驻请从企业的「孵化历程」开始。"
GRADUATES_NOTE = "从本载体毕业的企业（按毕业日期，新的在前）。"

CHAIN_TAB_RESIDENTS = "在孵企业"
CHAIN_TAB_OVERDUE = "超期在孵"
CHAIN_TAB_CANDIDATES = "可毕业"
CHAIN_SEARCH_HINT = "企业或载体名称中的字"
CHAIN_FUNNEL = "各阶段企业数"
CHAIN_FUNNEL_OUTSIDE = "未入驻 {count}"
CHAIN_FUNNEL_ALERTS = "超期在孵 {overdue} 家 · 可毕业 {candidates} 家"
CHAIN_ARROW = "→"
CHAIN_COLUMNS = (
    ("enterprise", "企业名称", 220),
    ("carrier", "载体", 240),
    ("stage", "阶段", 60),
    ("entered_on", "入驻日期", 95),
    ("months", "在孵(月)", 80),
)
CHAIN_OVERDUE_COLUMNS = CHAIN_COLUMNS + (("basis", "期限", 300),)
CHAIN_CANDIDATE_COLUMNS = CHAIN_COLUMNS + (("basis", "满足的毕业条件", 320),)

QUAL_TAB_VALID = "有效资质"
QUAL_TAB_EXPIRING = "即将到期"
QUAL_KIND_LABEL = "资质类型"
QUAL_WITHIN_LABEL = "到期范围"
QUAL_WITHIN_CHOICE = "{days} 天内"
QUAL_WITHIN_DAYS = (30, 60, 90, 180)
QUAL_SEARCH_HINT = "企业名称、信用代码或证书编号"
QUAL_VALID_COLUMNS = (
    ("enterprise", "企业名称", 250),
    ("credit_code", "统一社会信用代码", 170),
    ("street", "所属街道", 110),
    ("number", "证书/登记编号", 160),
    ("granted_on", "发证日期", 100),
    ("expires_on", "有效期至", 100),
    ("status", "状态", 80),
)
QUAL_EXPIRING_COLUMNS = (
    ("enterprise", "企业名称", 250),
    ("credit_code", "统一社会信用代码", 170),
    ("street", "所属街道", 110),
    ("kind", "资质类型", 120),
    ("number", "证书/登记编号", 160),
    ("expires_on", "有效期至", 100),
    ("days_left", "剩余天数", 80),
)

# --- 首页, 目标考核 and 系统 screens (issue 8, items 4–6) -------------------------------------
CHART_EMPTY = "暂无数据"

# 首页
DASH_AS_OF = "数据截至 {date}"
DASH_SCOPE_STREET = "（{street}）"
DASH_CARD_ACTIVE = "在营企业"
DASH_CARD_RESIDENTS = "在孵企业"
DASH_CARD_HIGH_TECH = "有效高新技术企业"
DASH_CARD_TECH_SME = "有效科技型中小企业"
DASH_CARD_EXPIRING = "90 天内到期资质"
DASH_CARD_OVERDUE = "超期在孵企业"
DASH_STAGE_CHART = "各孵化阶段在孵企业数"
DASH_OUTSIDE = "另有未入驻载体的在营企业 {count} 家"
DASH_CARRIER_YEAR = "{year} 年末在孵企业 {end} 家，当年毕业 {graduated} 家"
DASH_QUAL_CHART = "持有有效资质的企业数（今日）"
DASH_FUNNEL_CHART = "孵化链流转（按年）"
DASH_FUNNEL_SERIES = ("新入驻", "晋级", "毕业", "迁出/终止")
DASH_TARGETS = "行动计划主要目标（{label}）"
DASH_TARGETS_STREET = "行动计划主要目标（{label}，本街道贡献）"
DASH_TARGETS_NONE = "行动计划主要目标（尚未录入计划）"
DASH_TARGETS_PAST = "行动计划主要目标（{label}，计划{state}）"
DASH_TARGETS_STREET_PAST = "行动计划主要目标（{label}，本街道贡献，计划{state}）"
DASH_TARGETS_NOTE = "时间进度 {expected}"
DASH_TARGETS_PLAN = "《{plan}》"
DASH_EXPIRES = "{date}（{days}天）"
DASH_TARGET_CAPTION = "{actual}/{target}{unit} {percent}"
DASH_EXPIRING = "90 天内到期的资质"
DASH_OVERDUE = "超期在孵企业"
DASH_OPEN_HINT = "双击打开企业"
DASH_EXPIRING_COLUMNS = (
    ("enterprise", "企业名称", 140),
    ("kind", "资质类型", 100),
    ("expires_on", "到期日（剩余）", 138),
)
DASH_OVERDUE_COLUMNS = (
    ("enterprise", "企业名称", 150),
    ("carrier", "载体", 165),
    ("months", "在孵(月)", 66),
)

# 目标考核
TARGETS_PERIOD = "考核期"
TARGETS_PLAN = "计划"
# 计划管理 (administrators)
PLANS_MANAGE = "计划管理…"
PLANS_TITLE = "计划管理"
PLANS_NEW = "新建计划"
PLANS_COPY = "复制为新计划"
PLANS_PUBLISH = "发布"
PLANS_RETIRE = "废止"
PLANS_SPLIT = "分解到街道"
PLANS_GRID_HINT = "选中一行按 Enter 修改；Tab 保存并到下一格；Enter 保存并到下一行；Esc 取消"
PLANS_TAB_TARGETS = "目标"
PLANS_TAB_TASKS = "重点任务"
PLANS_ADD_TARGET = "添加目标"
PLANS_DELETE_TARGET = "删除目标"
PLANS_DELETE_OK = "删除"
PLANS_DELETE_CONFIRM = "删除目标「{indicator}」（{scope}）及其分解到街道的目标？"
PLANS_ADD_TASK = "添加任务"
PLANS_NEW_INDICATOR = "新指标"
PLANS_NEW_TASK = "新任务"
PLANS_TASK_COLUMNS = (
    ("number", "序号", 46),
    ("section", "章节", 160),
    ("title", "任务名称", 260),
    ("lead_units", "牵头单位", 220),
    ("co_units", "配合单位", 220),
)
PLANS_COLUMNS = (
    ("name", "计划", 320),
    ("document", "文号", 200),
    ("span", "执行期", 190),
    ("rhythm", "考核节奏", 70),
    ("status", "状态", 70),
    ("targets", "目标数", 60),
)
PLANS_TARGET_COLUMNS = (
    ("number", "序号", 46),
    ("indicator", "指标", 220),
    ("scope", "范围", 150),
    ("value", "目标值", 80),
    ("unit", "单位", 70),
    ("period", "目标期", 70),
    ("comparison", "比较", 60),
    ("measure", "取数", 130),
    ("part_of", "分解自", 60),
)
PLANS_HAND = "手工填报"
PLANS_CHECK = "分解：{indicator}（{scope}）— {message}"
PLANS_NAME = "计划名称"
PLANS_DOCUMENT = "文号"
PLANS_START = "起始日期"
PLANS_END = "截止日期"
PLANS_RHYTHM = "考核节奏"
PLANS_COPY_OF = "复制自"
PLANS_SPLIT_OF = "「{indicator}」（{scope}）目标 {value} {unit}，各街道分解数（不分解的街道留空）："
DLG_PLAN_NEW = "新建计划"
DLG_PLAN_COPY = "复制为新计划（草稿）"
DLG_SPLIT = "分解到街道"
TARGETS_PLAN_IN_FORCE = "当前执行的行动计划：《{name}》（{span}）"
TARGETS_PLAN_NONE = "当前没有处于执行期的行动计划；显示最近的计划：《{name}》（{span}，{state}）"
PLAN_SPAN = "执行期 {start}—{end}"
PLAN_MONTH = "{year}年{month}月"
PLAN_ENDED = "已结束"
PLAN_NOT_STARTED = "尚未开始"
TARGETS_TAB_MAIN = "主要指标"
TARGETS_TAB_FIELDS = "分产业领域"
TARGETS_TAB_STREETS = "分街道"
TARGETS_TAB_TASKS = "重点任务"
TARGETS_ENTER = "填报实际值"
TARGETS_CLEAR = "删除填报值"
TARGETS_DRILL = "查看企业明细"
TARGETS_TASK = "填报任务进展"
TARGETS_PRINT = "打印报告"
TARGETS_EXPORT = "导出表格"
TARGETS_HINT = "双击系统计算的指标，查看背后的企业"
TARGETS_HINT_ADMIN = "双击系统计算的指标查看企业；手工填报的指标选中后点「填报实际值」"
TARGETS_STREETS_HINT = "双击某街道的数字，查看背后的企业"
TARGETS_NOT_HAND = "「{indicator}」由系统按登记数据计算，不能手工填报"
TARGETS_NOT_COMPUTED = "「{indicator}」为手工填报指标，没有企业明细"
TARGETS_NO_ACTUAL = "「{indicator}」在本考核期还没有填报值"
TARGETS_CLEAR_TITLE = "删除填报值"
TARGETS_CLEAR_OK = "删除"
TARGETS_CLEAR_CONFIRM = "删除「{indicator}」（{scope}）{period} 的填报值？"
TARGETS_SOURCE = "出处：{clause}　{source}"
TARGETS_DEFINITION = "口径：{definition}"
TARGETS_REMARK = "说明：{remark}"
TARGETS_CONFLICT = "※ {text}"
TARGETS_STREET_NOTE = (
    "街道用户只看到{street}可由系统统计的数字；完成率为本街道对全区目标的贡献，不作评价；"
    "手工填报的全区指标不在此显示。"
)
TARGETS_COLUMNS = (
    ("indicator", "指标", 230, "w"),
    ("scope", "范围", 90, "w"),
    ("target", "目标", 100, "e"),
    ("actual", "实际", 100, "e"),
    ("completion", "完成率", 230, "w"),
    ("expected", "时间进度", 80, "e"),
    ("verdict", "评价", 80, "center"),
)
TARGETS_FIELD_COLUMNS = (
    ("indicator", "指标", 150, "w"),
    ("scope", "产业领域", 190, "w"),
) + TARGETS_COLUMNS[2:]
TARGETS_STREET_HEADER = "所属街道"
TARGETS_STREET_TOTAL = "全区合计"
TARGETS_TASK_COLUMNS = (
    ("number", "序号", 50),
    ("title", "任务", 300),
    ("lead", "牵头单位", 280),
    ("status", "状态", 80),
    ("note", "进展说明", 260),
)
DLG_ACTUAL = "填报实际值"
DLG_TASK = "任务进展"
DLG_DRILL = "企业明细"
FIELD_INDICATOR = "指标"
FIELD_SCOPE = "范围"
FIELD_PERIOD = "考核期"
FIELD_TARGET = "目标"
FIELD_VALUE = "实际值"
FIELD_TASK = "任务"
FIELD_TASK_STATUS = "状态"
DRILL_COLUMNS = (
    ("name", "企业名称", 240),
    ("credit_code", "统一社会信用代码", 170),
    ("street", "所属街道", 100),
    ("field", "产业领域", 160),
    ("value", "数值", 80),
    ("detail", "依据", 280),
)
DRILL_TOTAL = "共 {count} 条，合计 {total} {unit}"
PRINT_TITLE = "保存目标考核报告"
EXPORT_TITLE = "导出目标考核表"
