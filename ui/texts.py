"""Every user-visible string of the desktop client (Simplified Chinese), in one place."""

APP_TITLE = "甘井子区孵化链企业登记系统"
STARTUP_TITLE = "甘井子区孵化链企业登记系统：无法启动"
STARTUP_FAILED = "程序无法启动：{reason}"
TK_BROKEN = (
    "无法启动图形界面（Tcl/Tk）：{reason}。请重新安装本程序；自行安装的 Python 请重新运行其安装"
    "程序，选择「Modify」并勾选「tcl/tk and IDLE」。"
)
DEMO_SUFFIX = "（演示数据）"

# Navigation
NAV_HOME = "首页"
NAV_ENTERPRISES = "企业"
NAV_CARRIERS = "载体"
NAV_CHAIN = "孵化链"
NAV_QUALIFICATIONS = "资质"
NAV_EXCHANGE = "导入导出"
NAV_REPORTS = "报表证书"
NAV_TARGETS = "目标考核"
NAV_SYSTEM = "系统"

# Menus
MENU_FILE = "文件"
MENU_SWITCH_USER = "注销/切换用户"
MENU_EXIT = "退出"
MENU_VIEW = "视图"
MENU_REFRESH = "刷新"
MENU_HELP = "帮助"
MENU_ABOUT = "关于"

# Login
LOGIN_TITLE = "登录"
LOGIN_USER = "用户名"
LOGIN_PASSWORD = "密码"
LOGIN_OK = "登录"
LOGIN_CANCEL = "退出"
LOGIN_DEMO_HINT = "演示账户（用户名 / 密码）："
LOGIN_EMPTY = "请输入用户名和密码"
LOGIN_CHECKING = "正在验证…"
FIRST_RUN_TITLE = "首次使用：设置管理员密码"
FIRST_RUN_TEXT = "这是一个新的数据库。请为管理员账户 admin 设置密码（至少 6 位）。"
FIRST_RUN_AGAIN = "再次输入"
FIRST_RUN_MISMATCH = "两次输入的密码不一致"
PASSWORD_TOO_SHORT = "密码至少 6 位"
OK = "确定"
CANCEL = "取消"
CLOSE = "关闭"
SAVE = "保存"
YES = "是"
NO = "否"
DISCARD = "放弃修改"

# Tk's own dialogs (the file dialog and message boxes Tk draws itself, e.g. on Linux): its
# English texts (as Tk's library asks ::msgcat for them) → ours; see ui.tk_locale.  "&" marks
# the Alt+letter key.  Windows and macOS show their native, already localised dialogs.
TK_DIALOG_TEXTS = {
    "Open": "打开",
    "Save As": "另存为",
    "Choose Directory": "选择文件夹",
    "&Open": "打开(&O)",
    "&Save": "保存(&S)",
    "&OK": "确定(&O)",
    "OK": "确定",
    "&Cancel": "取消(&C)",
    "Cancel": "取消",
    "&Yes": "确定(&Y)",
    "&No": "取消(&N)",
    "&Directory:": "文件夹(&D)：",
    "File &name:": "文件名(&N)：",
    "File &names:": "文件名(&N)：",
    "Files of &type:": "文件类型(&T)：",
    "&Selection:": "选定(&S)：",
    "Fi&les:": "文件(&L)：",
    "Fil&ter:": "筛选(&T)：",
    "&Filter": "筛选(&F)",
    "Show &Hidden Files and Directories": "显示隐藏的文件和文件夹(&H)",
    "Show &Hidden Directories": "显示隐藏的文件夹(&H)",
    "All Files": "所有文件",
    "Open Multiple Files": "打开多个文件",
    'File "%1$s"  does not exist.': "文件「%1$s」不存在。",
    'File "%1$s" does not exist.': "文件「%1$s」不存在。",
    'Directory "%1$s" does not exist.': "文件夹「%1$s」不存在。",
    'Cannot change to the directory "%1$s".\nPermission denied.': (
        "无法打开文件夹「%1$s」：没有访问权限。"
    ),
    'Invalid file name "%1$s".': "文件名「%1$s」无效。",
    'File "%1$s" already exists.\nDo you want to overwrite it?': (
        "文件「%1$s」已存在。\n要用新文件替换它吗？"
    ),
}

# Status bar
STATUS_USER = "{name}（{role}{street}）"
STATUS_DB = "数据库：{path}"
STATUS_ROWS = "共 {count} 条"
STATUS_READY = "就绪"

# Lists
SEARCH_LABEL = "查找"
SEARCH_HINT = "名称、拼音、首字母或信用代码"
FILTER_ALL = "全部"
PAGER_FIRST = "首页"
PAGER_PREV = "上一页"
PAGER_NEXT = "下一页"
PAGER_LAST = "末页"
PAGER_PAGE = "第 {page}/{pages} 页"
TOTAL = "共 {total} 条"
NOT_IN_CHAIN = "未入驻"

FILTER_STREET = "街道"
FILTER_INDUSTRY = "领域"
FILTER_STAGE = "阶段"
FILTER_QUALIFICATION = "资质"
FILTER_STATUS = "状态"
FILTER_CARRIER = "载体"

# Errors
ERROR_TITLE = "提示"
INTERNAL_ERROR = "内部错误，详情见日志：\n{log}"
CANNOT_OPEN = "无法打开数据库"
OFFER_RESTORE = (
    "{error}\n\n是否用最近的完好备份恢复？\n{backup}\n（损坏的数据库会另存一份，不会删除）"
)
RESTORED = "已用备份恢复：{backup}\n损坏的数据库另存为：{kept}"

# Enterprise form
ENTERPRISE_NEW = "新增企业"
ENTERPRISE_TITLE = "企业：{name}"
TAB_BASIC = "基本信息"
TAB_QUALIFICATIONS = "资质"
TAB_ANNUAL = "年度数据"
TAB_HISTORY = "孵化历程"
TAB_AUDIT = "操作记录"
SAVED = "已保存"
NOTHING_TO_SAVE = "没有修改，无需保存"
UNSAVED_TITLE = "尚未保存"
UNSAVED_TEXT = "有修改尚未保存。保存这些修改，还是放弃修改并关闭？"
REQUIRED = "「{label}」不能为空"
READONLY_NOTE = "只读：您没有修改此记录的权限"
SAVE_FIRST = "请先保存企业基本信息"
QUAL_COLUMNS = (
    ("kind", "资质类型", 130),
    ("number", "证书/登记编号", 170),
    ("granted_on", "发证日期", 100),
    ("expires_on", "有效期至", 100),
    ("status", "状态", 90),
)
ANNUAL_COLUMNS = (
    ("year", "年度", 60),
    ("revenue", "营业收入(万元)", 110),
    ("output_value", "产值(万元)", 100),
    ("rd_expense", "研发费用(万元)", 110),
    ("rd_intensity", "研发强度(%)", 90),
    ("revenue_growth", "收入增长(%)", 90),
    ("employees", "从业人员", 70),
    ("rd_staff", "研发人员", 70),
)
HISTORY_COLUMNS = (
    ("carrier", "载体", 220),
    ("stage", "阶段", 80),
    ("entered_on", "入驻日期", 100),
    ("left_on", "离开日期", 100),
    ("exit_reason", "离开原因", 80),
    ("months", "时长(月)", 70),
    ("basis", "依据/说明", 260),
)
AUDIT_COLUMNS = (
    ("at", "时间", 150),
    ("user", "操作人", 100),
    ("action", "操作", 70),
    ("changes", "内容", 480),
)
AUDIT_ACTIONS = {
    "create": "新增",
    "update": "修改",
    "deactivate": "注销/迁出",
    "close": "离开载体",
    "correct": "更正",
    "withdraw": "撤回",
    "revoke": "撤销",
    "supersede": "被取代",
    "passwd": "改密码",
    "disable": "停用",
    "enable": "启用",
    "demo": "演示数据",
}
SUPERSEDED = "已被取代"
IN_RESIDENCE = "在孵"
ADD_QUALIFICATION = "添加资质"
REVOKE_QUALIFICATION = "撤销资质"
EDIT_ANNUAL = "填报年度数据"
ACTION_ADMIT = "入驻"
ACTION_MOVE = "晋级/迁移"
ACTION_GRADUATE = "毕业"
ACTION_LEAVE = "迁出"
NEW = "新增"
OPEN = "打开"
DEACTIVATE = "注销/迁出"

# Dialogs
DLG_QUALIFICATION = "添加资质"
DLG_REVOKE = "撤销资质"
DLG_ANNUAL = "年度数据"
DLG_ADMIT = "入驻载体"
DLG_MOVE = "晋级/迁移"
DLG_GRADUATE = "办理毕业"
DLG_LEAVE = "迁出、终止或注销"
DLG_DEACTIVATE = "企业注销/迁出"
FIELD_KIND = "资质类型"
FIELD_NUMBER = "证书/登记编号"
FIELD_GRANTED = "发证日期"
FIELD_YEAR = "年度"
FIELD_REASON = "原因"
FIELD_CARRIER = "载体"
FIELD_DATE = "日期"
FIELD_AREA = "使用面积(㎡)"
FIELD_OVERRIDE = "破例入驻理由（仅管理员）"
FIELD_BASIS = "毕业依据"
FIELD_EVIDENCE = "兼并、收购或上市的说明"
FIELD_NOTES = "备注"
FIELD_STATUS = "状态"
RULES_HEADING = "毕业条件（满足其一即可）："
RULE_HOLDS = "✔"
RULE_MISSING = "✘"
CHOOSE_CARRIER = "请选择载体"
NOTHING_SELECTED = "请先选中一行"
# 退回, 更正 and 撤回 of chain steps; the carrier list that narrows as one types (issue 16)
CARRIER_FILTER_HINT = "输入名称、拼音或首字母可筛选，↓ 打开列表"
RETURN_NOTICE = (
    "从{from_stage}迁到{to_stage}是退回到更早的阶段，孵化历程中记为「退回」；"
    "请填写退回原因，再按「确认退回」。"
)
FIELD_RETURN_REASON = "退回原因＊"
CONFIRM_RETURN = "确认退回"
ACTION_CORRECT = "更正最后一步"
ACTION_WITHDRAW = "撤回最后一步"
DLG_CORRECT = "更正最后一步"
DLG_WITHDRAW = "撤回最后一步"
STEP_LABEL = "最后一步："
STEP_UNDO = "撤回后：{undo}。"
WITHDRAW_NOTE = "更早的步骤保持不变；撤回记入操作日志。"
WITHDRAW_OK = "撤回"
CORRECT_DATE_ONLY = "离开载体这一步只能更正日期"
NO_STEP = "该企业没有孵化记录，没有可更正或撤回的步骤"

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

# 系统
SYS_TAB_USERS = "用户"
SYS_TAB_REFERENCE = "基础数据"
SYS_TAB_BACKUP = "备份与恢复"
SYS_TAB_AUDIT = "操作日志"
SYS_TAB_PASSWORD = "修改密码"
SYS_TAB_ABOUT = "关于"
USER_COLUMNS = (
    ("username", "用户名", 130),
    ("display_name", "姓名", 180),
    ("role", "角色", 90),
    ("street", "所属街道", 130),
    ("active", "状态", 110),
    ("last_login", "最近登录", 150),
)
USER_ACTIVE = "启用"
USER_INACTIVE = "已停用"
USER_LOCKED = "锁定至 {until}"
USER_UNLOCK = "解锁"
USER_UNLOCKED = "已解除「{username}」的登录锁定"
USER_NOT_LOCKED = "「{username}」没有登录失败记录，无需解锁"
USER_ADD = "新增用户"
USER_DISABLE = "停用"
USER_ENABLE = "启用"
USER_RESET = "重置密码"
USER_ROLE = "修改角色/街道"
USER_DISABLE_TITLE = "停用账户"
USER_DISABLE_OK = "停用"
USER_DISABLE_CONFIRM = "停用账户「{username}」？停用后该账户不能登录，可随时重新启用。"
USER_PASSWORD_RESET = "已重置「{username}」的密码"
DLG_USER_ADD = "新增用户"
DLG_USER_RESET = "重置密码：{username}"
DLG_USER_ROLE = "修改角色：{username}"
FIELD_USERNAME = "用户名"
FIELD_DISPLAY_NAME = "姓名"
FIELD_ROLE = "角色"
FIELD_STREET = "所属街道"
FIELD_PASSWORD = "密码"
FIELD_PASSWORD_AGAIN = "再次输入"
FIELD_OLD_PASSWORD = "原密码"
FIELD_NEW_PASSWORD = "新密码"
STREET_NEEDED_HINT = "街道用户必须选择所属街道"
PASSWORD_CHANGE = "修改密码"
PASSWORD_CHANGED = "密码已修改，下次登录请使用新密码"
PASSWORD_FOR = "修改本人（{username}）的登录密码"
REF_STREETS = "街道、园区和管委会"
REF_STREET_COLUMNS = (("name", "名称", 170), ("active", "状态", 60), ("unit", "制表单位", 240))
STREET_UNIT = "制表单位…"
DLG_STREET_UNIT = "制表单位：{street}"
FIELD_STREET_UNIT = "制表单位"
STREET_UNIT_HINT = "该街道用户打印的名单、报表和导出的表格落款用此名称。\n留空恢复默认：{default}"
STREET_ADD = "新增"
STREET_RENAME = "改名"
STREET_DISABLE = "停用"
STREET_ENABLE = "启用"
STREET_KINDS = ("街道", "园区", "管委会")
DLG_STREET_ADD = "新增街道"
DLG_STREET_RENAME = "街道改名：{name}"
FIELD_NAME = "名称"
FIELD_STREET_KIND = "类型"
FIELD_NEW_NAME = "新名称"
REF_UNIT = "打印单位"
REF_UNIT_LABEL = "单位名称"
REF_UNIT_HINT = "区里打印的名单、报表和证书上的单位"
REF_RULES = "孵化规则"
RULE_LABELS = {
    "investment_threshold": "毕业：累计获得投资超过（万元）",
    "revenue_two_year_threshold": "毕业：连续两年营业收入合计超过（万元）",
    "entry_max_age_months": "入驻：成立不超过（月）",
    "entry_age_stages": "成立年限要求适用于",
    "long_cycle_fields": "长周期领域（用「、」分隔）",
}
RULE_LIMITS = "孵化期限（月；空着：不设期限）"
RULE_LIMIT_COLUMNS = ("一般领域", "长周期领域")
RULE_LIMIT_NOT_WHOLE = "「{stage}」的孵化期限应为正整数（月）"
RULE_LONG_WITHOUT_LIMIT = "「{stage}」只填了长周期领域的期限：请同时填写一般领域的期限"
RULE_NOT_NUMBER = "「{label}」应为不小于 0 的数字"
RULE_NOT_WHOLE = "「{label}」应为正整数"
RULE_NO_STAGE = "「{label}」至少选择一个阶段"
RULES_SAVED = "孵化规则已保存"
REF_CERT = "证书文字"
FIELD_CERT_KIND = "证书类型"
CERT_PLACEHOLDERS = "可用的占位符（原样写入花括号）："
CERT_RESTORE = "恢复默认文字"
CERT_SAVED = "「{title}」的文字已保存"
CERT_RESTORED = "「{title}」已恢复默认文字"
UNIT_SAVED = "单位名称已保存"
BACKUP_NOW = "立即备份"
BACKUP_RESTORE = "从备份恢复…"
BACKUP_CHECK = "检查数据库"
BACKUP_FOLDER = "备份文件夹"
BACKUP_CHOOSE = "选择…"
BACKUP_FOLDER_SAVED = "备份文件夹已保存"
BACKUP_LIST = "已有备份（双击可从该备份恢复）"
BACKUP_COLUMNS = (("time", "备份时间", 160), ("name", "文件名", 320), ("size", "大小", 100))
BACKUP_DONE = "已备份到：{path}"
BACKUP_FILES = "数据库备份"
BACKUP_ALL_FILES = "所有文件"
RESTORE_TITLE = "选择要恢复的备份文件"
RESTORE_CONFIRM_TITLE = "确认恢复"
RESTORE_OK = "恢复"
RESTORE_CONFIRM = (
    "用备份文件\n{path}\n替换当前数据库？\n\n"
    "恢复之前，程序会先把当前数据库备份到备份文件夹，需要时可以再恢复回来。"
)
RESTORE_FOREIGN_CONFIRM = (
    "注意：{reason}\n\n仍然用它覆盖当前数据库吗？当前数据库的内容将被另一个数据库的内容替换"
    "（恢复前会先备份当前数据库）。"
)
RESTORE_DONE = "已从「{path}」恢复。恢复前的数据库已备份为：{safety}。其他页面请按 F5 刷新。"
CHECK_HINT = "点「检查数据库」检查数据文件的完整性、外键，以及企业、入驻记录和载体之间的一致性。"
CHECK_OK = "检查完成，未发现问题（企业 {enterprises} 家）"
CHECK_PROBLEMS = "检查完成，发现 {count} 个问题："
SIZE_KB = "{size} KB"
AUDIT_FILTER_USER = "操作人"
AUDIT_FILTER_ACTION = "操作"
AUDIT_FILTER_SINCE = "日期从"
AUDIT_FILTER_UNTIL = "到"
AUDIT_FILTER_ENTITY = "对象"
AUDIT_FILTER_ID = "编号"
AUDIT_SEARCH = "查询"
AUDIT_RESET = "清空条件"
AUDIT_BAD_ID = "「编号」应为数字"
AUDIT_LOG_COLUMNS = (
    ("at", "时间", 140),
    ("user", "操作人", 110),
    ("action", "操作", 80),
    ("entity", "对象", 90),
    ("entity_id", "编号", 60),
    ("changes", "内容", 520),
)
AUDIT_MORE_ACTIONS = {
    "login_failed": "登录失败",
    "lock": "锁定账户",
    "unlock": "解除锁定",
    "issue": "发证",
    "reprint": "补打",
    "import": "导入",
    "undo": "撤销导入",
    "restore": "恢复数据库",
    "delete": "删除",
}
AUDIT_ENTITIES = {
    "enterprise": "企业",
    "carrier": "载体",
    "qualification": "资质",
    "residency": "入驻记录",
    "annual_report": "年度数据",
    "certificate": "证书",
    "user": "用户",
    "street": "街道",
    "setting": "系统设置",
    "plan": "计划",
    "target": "目标",
    "target_actual": "目标填报值",
    "plan_task": "重点任务",
    "task_progress": "任务进展",
    "import_batch": "导入批次",
    "database": "数据库",
}
AUDIT_KEYS = {
    "name": "名称",
    "kind": "类型",
    "value": "数值",
    "note": "说明",
    "notes": "备注",
    "status": "状态",
    "role": "角色",
    "street": "街道",
    "street_id": "街道编号",
    "active": "启用",
    "username": "用户名",
    "failures": "连续失败次数",
    "locked_until": "锁定至",
    "computer": "电脑",
    "period": "考核期",
    "indicator": "指标",
    "scope": "范围",
    "task": "任务编号",
    "stage": "阶段",
    "carrier": "载体编号",
    "enterprise": "企业编号",
    "entered_on": "入驻日期",
    "left_on": "离开日期",
    "exit_reason": "离开原因",
    "basis": "依据",
    "moved_from": "迁自入驻记录",
    "revoked_on": "撤销日期",
    "reason": "原因",
    "revoke_reason": "撤销原因",
    "superseded_by": "被取代",
    "number": "编号",
    "granted_on": "发证日期",
    "expires_on": "有效期至",
    "year": "年度",
    "source": "来源",
    "safety_copy": "恢复前备份",
    "file_name": "文件名",
    "title": "名称",
    "serial": "证书编号",
    "enterprises": "企业",
    "carriers": "载体",
    "residencies": "入驻记录",
    "open_residencies": "在孵记录",
    "qualifications": "资质",
    "high_tech": "高新技术企业",
    "tech_sme": "科技型中小企业",
    "annual_reports": "年报",
    "seed": "随机种子",
    "today": "基准日期",
}
ABOUT_VERSION = "版本"
ABOUT_DATABASE = "数据库文件"
ABOUT_FONT = "报表字体"
ABOUT_FONT_FILE = "字体文件"
ABOUT_LOG = "日志文件"
ABOUT_DATA = "数据文件夹"
ABOUT_USER = "当前用户"
ABOUT_PURPOSE = "甘井子区科技型企业与孵化载体登记、孵化链管理、资质管理与行动计划目标考核。"

# --- 导入导出, 报表证书, list exports and certificates (issue 8, items 1–3) -------------------
# long work, files
JOB_WORKING = "正在处理…"
JOB_EXPORTING = "正在导出…"
JOB_COLLECTING = "正在汇总数据…"
JOB_RENDERING = "正在生成 PDF…"
JOB_ISSUING = "正在签发证书…"
JOB_CANCELLING = "正在取消…"
JOB_CANCELLED = "已取消，没有保存任何文件，也没有写入任何数据。"
OUT_PDF_TITLE = "保存 PDF"
OUT_XLSX_TITLE = "导出 Excel"
SAVED_TO = "已保存到：{path}"
SAVED_ROWS = "已导出 {rows} 条记录，保存到：{path}"
DONE_DETAILS = "详情："
OPEN_FILE = "打开"
OPEN_FOLDER = "打开所在文件夹"
OPEN_NO_PROGRAM = (
    "这台电脑上没有与「{extension}」文件关联的程序，已打开文件所在的文件夹「{folder}」。"
    "请安装能打开这类文件的程序（如 WPS、Excel 或 PDF 阅读器），或在文件夹中右键「{name}」"
    "选择「打开方式」。"
)
OPEN_FAILED = "无法打开「{path}」：{reason}"
NO_EXTENSION = "无扩展名"
UNTITLED = "未命名"
FILETYPE_PDF = "PDF 文件"
FILETYPE_XLSX = "Excel 工作簿"
FILETYPE_WORKBOOK = "电子表格（xlsx、xlsm、xls、ods）"
FILETYPE_ALL = "所有文件"
REFRESH = "刷新"
YEAR_CURRENT = "今年"
YEAR_LABEL = "{year}年"
WHOLE_YEAR = "全年"
NO_PLAN = "（尚未录入计划）"
FILTER_YEAR = "年度"
FILTER_PERIOD = "考核期"
FILTER_LABELS = {
    "street": "所属街道",
    "industry": "产业领域",
    "stage": "孵化阶段",
    "qualification": "资质",
    "status": "状态",
    "carrier": "入驻载体",
    "carrier_kind": "载体类型",
    "level": "认定级别",
    "text": "查找",
}

# list toolbars: 导出Excel, 打印名单
EXPORT_EXCEL = "导出Excel"
PRINT_LIST = "打印名单"
EXPORT_ENTERPRISES = "企业信息"
EXPORT_CARRIERS = "载体信息"
ENTERPRISE_REPORT_TITLE = "企业名单"
CARRIER_REPORT_TITLE = "载体名单"
REPORT_AS_OF = "截至{date}"
HOLDERS = "企业"
QUAL_VALID_REPORT = "{kind}名单"
QUAL_EXPIRING_REPORT = "{days}天内到期资质名单（{kind}）"
QUAL_ANY_KIND = "全部资质"
SELECT_ENTERPRISES = "请先在列表中选中要颁发证书的企业（可按住 Ctrl 或 Shift 多选）。"

# 导入导出
EXCHANGE_IMPORT = "导入"
EXCHANGE_EXPORT = "导出"
EXCHANGE_BATCHES = "导入记录"
IMPORT_BUTTON = "导入Excel…"
IMPORT_HINT = "企业信息、载体信息、高企认定名单、科小入库名单、年度数据（.xlsx .xlsm .xls .ods）"
IMPORT_READONLY = "只读用户不能导入数据"
EXPORT_FILTER_NOTE = "（年度用于高企、科小名单；考核期用于目标考核）"
TEMPLATE_FILE = "企业信息导入模板"
TARGETS_FILE = "行动计划目标完成情况"
IMPORT_KIND_TITLES = {
    "enterprises": "企业信息",
    "carriers": "载体信息",
    "high-tech": "高企名单",
    "tech-sme": "科小名单",
    "annual": "年度数据",
}
BATCH_COLUMNS = (
    ("id", "批次", 50),
    ("at", "时间", 130),
    ("user", "操作人", 90),
    ("file", "文件", 220),
    ("kind", "类型", 80),
    ("total", "行数", 60),
    ("created", "新增", 55),
    ("updated", "更新", 55),
    ("unchanged", "未变", 55),
    ("skipped", "跳过", 55),
    ("rejected", "拒绝", 55),
    ("status", "状态", 70),
)
UNDO_BATCH = "撤销所选批次"
UNDO_CONFIRM_TITLE = "撤销导入"
UNDO_OK = "撤销导入"
UNDO_CONFIRM = "撤销第 {batch} 批导入：删除该批新增的记录，恢复该批修改前的内容。确定撤销吗？"
UNDO_DONE = "第 {batch} 批已撤销：删除 {removed} 条，恢复 {restored} 条。"

# the import wizard
WIZ_TITLE = "导入Excel"
WIZ_STEPS = {
    "file": "选择文件",
    "mapping": "表头与列",
    "preview": "预览",
    "options": "导入选项",
    "running": "导入",
    "result": "结果",
}
WIZ_NEXT = "下一步"
WIZ_BACK = "上一步"
WIZ_START = "开始导入"
WIZ_DRY_START = "试导入"
WIZ_COMMIT = "正式导入"
WIZ_CANCEL_IMPORT = "取消导入"
WIZ_FILE_INTRO = (
    "选择要导入的工作簿。系统会自动找到表头（表头上方的标题行、合并单元格都可以），"
    "识别表格类型和各列；下一步可以修改列的对应关系。"
)
WIZ_FILE = "文件"
WIZ_BROWSE = "浏览…"
WIZ_CHOOSE_FILE = "选择要导入的工作簿"
WIZ_KIND = "表格类型"
KIND_AUTO = "自动识别"
WIZ_SHEET = "工作表"
WIZ_READING = "正在读取文件…"
WIZ_FOUND = "识别为：{title}；表头在第 {row} 行；共 {total} 行数据。"
WIZ_UNKNOWN = "未识别的列（不导入）：{columns}"
WIZ_MAPPING_INTRO = (
    "表头在第 {row} 行。请核对每一列对应的标准列；不需要导入的列选「忽略」。带＊的列必须有。"
)
WIZ_MAPPING_HEADINGS = ("列", "文件中的表头", "示例", "对应到", "")
WIZ_NO_HEADER = "（无表头）"
WIZ_IGNORE = "忽略"
WIZ_IGNORED = "（忽略）"
WIZ_STATE_MAPPED = "✔"
WIZ_STATE_IGNORED = "不导入"
WIZ_STATE_UNKNOWN = "未识别，不导入"
WIZ_MISSING = "缺少必需的列：{columns}。请为它们选择文件中的列。"
WIZ_PREVIEW_SUMMARY = (
    "共 {total} 行数据，下面是前 {shown} 行；其中 {bad} 行有问题（红色底纹，问题单元格以 ⚠ 开头）。"
    "同一文件内的重复、孵化链规则在导入时检查（可先试导入）。"
)
WIZ_ROW_NUMBER = "行号"
WIZ_ACTION = "处理"
WIZ_ACTION_REJECTED = "拒绝"
WIZ_ACTIONS_SUMMARY = "按「{policy}」处理：{actions}（按统一社会信用代码与库中记录比对）。"
WIZ_ACTIONS_UNCHOSEN = (
    "尚未选择处理方式：{actions}（按统一社会信用代码与库中记录比对；"
    "「已登记」的行与库中不同的值列在「变更」列）。"
)
WIZ_PREVIEW_LATER = "其后另列出将修改已登记记录的 {rows} 行。"
WIZ_CHANGES = "变更（原值 → 新值）"
WIZ_CHANGED_CELL = "{old} → {new}"
WIZ_NO_CHANGES = "不会修改任何已登记记录的字段。"
WIZ_CHANGES_SUMMARY = "将修改 {rows} 行已登记记录的字段（原值 → 新值）；各列改动的行数：{columns}。"
WIZ_CHANGE_COUNT = "{label} {rows} 行"
WIZ_KEPT = (
    "另有 {rows} 行与库中的值不同，按「{policy}」保留库中原值（要覆盖，请在导入选项中选「更新」）。"
)
WIZ_CHANGE_LINE = "「{label}」：{old} → {new}"
WIZ_ROW_CHANGES = "第 {row} 行将修改："
WIZ_TRAILERS = "跳过表尾 {count} 行（{rows}）：不是数据，不导入，也不算问题。"
WIZ_BAD_CELL = "⚠ "
WIZ_PROBLEMS = "所选行的问题与变更："
WIZ_SELECT_ROW = "选中一行查看它的问题和变更。"
WIZ_ROW_OK = "第 {row} 行没有发现问题。"
WIZ_PROBLEM_LINE = "「{column}」：{message}"
WIZ_WHOLE_ROW = "整行"
WIZ_OPTIONS_SUMMARY = "将导入「{file}」的工作表「{sheet}」（{title}），共 {total} 行。"
WIZ_POLICY_HEADING = "库中已有同一家企业（同一统一社会信用代码）时"
WIZ_POLICIES = {
    "skip": ("跳过", "保留库中的记录，不作任何修改。"),
    "update": ("更新", "用表中非空的单元格覆盖库中的值；表中空白的单元格不改变库中原值。"),
    "fill": ("只填空白", "只填写库中为空的字段；库中已有的值保持不变。"),
}
WIZ_POLICY_CHOOSE = "请选择一种处理方式。"
WIZ_POLICY_CHECK_FIRST = (
    "「更新」会覆盖库中已有的值，这些改动还没有列出：将先试导入，列出全部改动（原值 → 新值），"
    "核对后再点「正式导入」。"
)
WIZ_SAFETY_HEADING = "安全"
WIZ_ALL_OR_NOTHING = "全部成功才导入"
WIZ_ALL_OR_NOTHING_NOTE = "只要有一行被拒绝，就不导入任何数据；改正错误清单后再导入。"
WIZ_DRY_RUN = "试导入（只检查，不写入）"
WIZ_DRY_RUN_NOTE = "完整检查每一行（包括重复和已有的记录），报告结果，但不写入数据库。"
WIZ_IMPORTING = "正在导入…"
WIZ_CANCELLING = "正在取消，已处理的数据将全部撤回…"
WIZ_PROGRESS = "已处理 {done} / {total} 行"
WIZ_CANCEL_NOTE = "导入在一个事务中进行：取消或出错时不会留下任何写了一半的数据。"
WIZ_CANCELLED = "导入已取消，没有写入任何数据。"
WIZ_COMMITTED = "导入完成，批次号 {batch}（可在「导入记录」中撤销）。"
WIZ_DRY_RUN_DONE = "试导入完成：以下是检查结果，没有写入任何数据。"
WIZ_CHECK_FIRST_DONE = (
    "试导入完成：「更新」会覆盖库中已有的值，请先核对「修改的字段」。没有写入任何数据。"
)
WIZ_COMMIT_NEXT = "\n确认无误后点「正式导入」（同样的文件、列和选项）；要改选项点「上一步」。"
WIZ_NOTHING_WRITTEN = "没有写入任何数据：文件中没有可以新增或更新的记录。"
WIZ_ALL_OR_NOTHING_DONE = "有 {rejected} 行被拒绝，按「全部成功才导入」的要求，没有导入任何数据。"
WIZ_COUNT_LABELS = {
    "read": "读取",
    "created": "新增",
    "updated": "更新",
    "unchanged": "未变",
    "skipped": "跳过",
    "rejected": "拒绝",
}
WIZ_REJECTED_TAB = "被拒绝的行（{rows}）"
WIZ_CHANGES_TAB = "修改的字段（{rows}）"
WIZ_CHANGE_COLUMNS = (
    ("row", "行号", 60),
    ("record", "记录", 220),
    ("changes", "修改（原值 → 新值）", 560),
)
WIZ_REJECTION_COLUMNS = (
    ("row", "行号", 60),
    ("column", "列", 170),
    ("message", "原因", 620),
)
WIZ_SAVE_ERRORS = "保存错误清单…"
WIZ_ERRORS_SUFFIX = "_错误清单"
WIZ_SAVE_FAILED = "无法保存错误清单：{reason}"

# 报表证书
TAB_REPORTS = "报表"
TAB_CERTIFICATES = "证书登记簿"
TAB_VERIFY = "证书核验"
REPORTS_CHOOSE = "选择报表"
REPORTS_FILTERS = "筛选"
MAKE_PDF = "生成PDF…"
CERT_KIND = "证书种类"
CERTIFICATE_COLUMNS = (
    ("serial", "证书编号", 170),
    ("title", "证书种类", 150),
    ("holder", "持证单位", 240),
    ("street", "所属街道", 100),
    ("issued_on", "发证日期", 95),
    ("status", "状态", 60),
    ("code", "验证码", 130),
    ("issued_by", "签发人", 90),
)
ISSUE_CERTIFICATE = "颁发证书…"
ISSUE_CERTIFICATES = "颁发证书…"
REPRINT = "补打"
REVOKE_CERTIFICATE = "撤销…"
ISSUE_TITLE = "颁发证书"
ISSUE_BATCH_TITLE = "批量颁发证书"
ISSUE_OK = "签发并保存PDF…"
ISSUE_SELECTED = "已选择 {count} 家企业。"
ISSUE_BATCH_NOTE = "不符合条件的企业不发证，完成后列出原因；其余企业的证书保存在同一个 PDF 中。"
ISSUE_DATE = "发证日期"
ISSUE_HOLDER = "持证单位"
ISSUE_FIND = "输入企业名称、拼音、首字母或信用代码查找"
ISSUE_FIND_CARRIER = "输入载体名称中的字查找"
ISSUE_RESULT_COLUMNS = (
    ("name", "名称", 260),
    ("code", "信用代码/类型", 170),
    ("street", "所属街道", 100),
)
ISSUE_CHOOSE_HOLDER = "请先查找并选中持证单位"
ISSUE_FILE = "{title}_{name}"
ISSUE_BATCH_FILE = "{title}_{date}"
ISSUED_SAVED = "已签发 {count} 份证书，保存到：{path}"
ISSUED_SOME_REFUSED = "另有 {count} 家不符合条件，未签发（原因见下）。"
ISSUED_NONE = "没有签发任何证书：所选单位都不符合条件。"
REFUSED_LINE = "{name}：{reason}"
REPRINT_TITLE = "补打证书"
REPRINT_FILE = "{title}_{name}_补打"
REPRINT_MANY_FILE = "补打证书（{count} 份）"
REVOKE_TITLE = "撤销证书"
REVOKE_OK = "撤销"
REVOKE_WHICH = "证书 {serial}（{holder}）"
REVOKE_REASON = "撤销原因＊"
REVOKE_DATE = "撤销日期"
VERIFY_INTRO = (
    "输入证书上印的证书编号和验证码；用扫码枪扫描证书上的二维码时，"
    "扫出的整段文字（GJZ-CERT|编号|验证码）直接放在第一个框中即可。"
)
VERIFY_INPUT = "证书编号或二维码内容"
VERIFY_CODE = "验证码"
VERIFY_BUTTON = "核验"
VERIFY_STATUS = "核验结果：{status}"
VERIFY_SERIAL = "证书编号"
VERIFY_KIND = "证书种类"
VERIFY_HOLDER = "持证单位"
VERIFY_ISSUED = "发证日期"
VERIFY_REVOKED = "撤销"
VERIFY_DETAIL = "说明"
