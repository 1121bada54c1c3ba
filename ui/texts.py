"""Every user-visible string of the desktop client (Simplified Chinese), in one place."""

APP_TITLE = "甘井子区孵化链企业登记系统"
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

ENTERPRISE_COLUMNS = (
    ("name", "企业名称", 260),
    ("credit_code", "统一社会信用代码", 170),
    ("street", "所属街道", 110),
    ("industry", "产业领域", 170),
    ("stage", "孵化阶段", 80),
    ("carrier", "入驻载体", 200),
    ("status", "状态", 60),
)
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

# Enterprise form
ENTERPRISE_NEW = "新增企业"
ENTERPRISE_TITLE = "企业：{name}"
TAB_BASIC = "基本信息"
TAB_QUALIFICATIONS = "资质"
TAB_ANNUAL = "年度数据"
TAB_HISTORY = "孵化历程"
TAB_AUDIT = "操作记录"
SAVED = "已保存"
UNSAVED_TITLE = "尚未保存"
UNSAVED_TEXT = "有修改尚未保存，确定放弃这些修改吗？"
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
