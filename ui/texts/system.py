"""Texts of the 系统 screen: users, reference data, backups, rules, audit log and about."""

# 系统
SYS_TAB_USERS = "用户"
SYS_TAB_REFERENCE = "基础数据"
SYS_TAB_BACKUP = "备份与恢复"
SYS_TAB_AUDIT = "操作日志"
SYS_TAB_REVIEW = "绩效评价指标"
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
    "carrier_years": "载体年度运营",
    "seed": "随机种子",
    "today": "基准日期",
}
ABOUT_VERSION = "版本"
ABOUT_DATABASE = "数据库文件"
ABOUT_SERVER_DATABASE = "服务器数据库（PostgreSQL）"
ABOUT_FONT = "报表字体"
ABOUT_FONT_FILE = "字体文件"
ABOUT_LOG = "日志文件"
ABOUT_DATA = "数据文件夹"
ABOUT_USER = "当前用户"
ABOUT_PURPOSE = "甘井子区科技型企业与孵化载体登记、孵化链管理、资质管理与行动计划目标考核。"

# 系统 › 绩效评价指标 (ui.views.system_review)
REVIEW_KIND = "载体类型"
REVIEW_HINT = (
    "选中一项指标，在下方修改后点「应用」；各项都改好后点「保存」。启用指标的权重合计须为 100。"
)
# the grid's columns beside the indicator's own fields (services.review_indicators.LABELS)
REVIEW_RULE_COLUMN = "计分规则"
REVIEW_TOTAL = "启用指标权重合计：{total} / 100"
REVIEW_APPLY = "应用"
REVIEW_DISCARD = "放弃修改"
REVIEW_NOT_A_NUMBER = "「{value}」不是数字"
REVIEW_SAVED = "「{kind}」的评价指标已保存"
