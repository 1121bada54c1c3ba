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

# Errors
ERROR_TITLE = "提示"
INTERNAL_ERROR = "内部错误，详情见日志：\n{log}"
CANNOT_OPEN = "无法打开数据库"
