"""The client's general texts: window titles, navigation, menus, login, Tk's own dialogs,
status bar, lists, errors, the enterprise form, dialogs and chain steps."""

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
STATUS_SERVER_DB = "服务器数据库（PostgreSQL）：{path}"
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
STEP_CHANGED = (
    "该企业的孵化历程已被他人改变，最后一步已不是上面所示的一步：请取消后重新打开再操作。"
)
WITHDRAW_NOTE = "更早的步骤保持不变；撤回记入操作日志。"
WITHDRAW_OK = "撤回"
CORRECT_DATE_ONLY = "离开载体这一步只能更正日期"
NO_STEP = "该企业没有孵化记录，没有可更正或撤回的步骤"
