"""Every message the command line prints (Chinese), in one place."""

PROG_DESCRIPTION = "甘井子区孵化链企业登记系统（命令行）"
INTERNAL_ERROR = "内部错误，详情见日志：{log}"
INTERRUPTED = "已中断"
NO_PASSWORD = "需要设置管理员密码：请用 --password-file 指定密码文件，或在终端中运行以便输入密码"
PASSWORD_PROMPT = "设置管理员（admin）密码："
PASSWORD_AGAIN = "再次输入密码："
PASSWORD_MISMATCH = "两次输入的密码不一致"
LOGIN_PROMPT = "用户「{user}」的密码："
PASSWORD_FILE_UNREADABLE = "无法读取密码文件「{path}」：{reason}"
PASSWORD_FILE_EMPTY = "密码文件「{path}」是空的"
INIT_CREATED = "已创建数据库：{path}（结构版本 {version}），管理员账户：admin"
INIT_UPGRADED = "数据库已是最新：{path}（结构版本 {version}）"
DEMO_DONE = (
    "已生成演示数据：企业 {enterprises} 家、载体 {carriers} 个、入驻记录 {residencies} 条、"
    "资质 {qualifications} 条、年报 {annual} 份（用时 {seconds:.1f} 秒）"
)
DEMO_ACCOUNTS = "演示账户：{accounts}"
SEARCH_NONE = "没有找到与「{text}」匹配的企业"
SEARCH_HEADERS = ("企业名称", "统一社会信用代码", "所属街道", "孵化阶段", "状态")
USER_HEADERS = ("用户名", "姓名", "角色", "所属街道", "状态", "最近登录")
USER_ADDED = "已添加用户「{name}」（{role}）"
USER_PASSWD = "已修改用户「{name}」的密码"
USER_DISABLED = "已停用用户「{name}」"
USER_ENABLED = "已启用用户「{name}」"
NEW_PASSWORD_PROMPT = "用户「{name}」的新密码："
ACTIVE = "启用"
INACTIVE = "停用"
GUI_UNAVAILABLE = "无法启动图形界面：{reason}"
HISTORY_HEADERS = ("载体", "阶段", "入驻日期", "离开日期", "离开原因", "时长(月)", "依据")
RESIDENCY_DONE = "{action}：{name} → {carrier}（{stage}），日期 {date}"
GRADUATED = "已办理毕业：{name}，依据：{basis}"
LEFT = "已办理{reason}：{name}，日期 {date}"
EXPIRING_HEADERS = (
    "企业名称",
    "统一社会信用代码",
    "所属街道",
    "资质",
    "编号",
    "有效期至",
    "剩余天数",
)
EXPIRING_NONE = "{days} 天内没有到期的资质"
OVERDUE_HEADERS = ("企业名称", "载体", "阶段", "入驻日期", "已孵化(月)", "说明")
OVERDUE_NONE = "没有超过孵化期限的在孵企业"
CANDIDATES_HEADERS = ("企业名称", "载体", "阶段", "入驻日期", "满足的毕业条件")
CANDIDATES_NONE = "没有满足毕业条件而未毕业的在孵企业"
TOTAL_ROW = "合计"
TOTAL_COLUMN = "合计"
FUNNEL_STAGES = ("苗圃", "孵化器", "加速器")
FUNNEL_HEADERS = (
    "年度",
    "新入驻",
    "苗圃晋级",
    "孵化器晋级",
    "加速器晋级",
    "毕业",
    "迁出/终止/注销",
)
CARRIER_HEADERS = (
    "载体",
    "类型",
    "级别",
    "所属街道",
    "面积(㎡)",
    "在孵企业",
    "使用面积(㎡)",
    "毕业企业",
)
# --- maintenance ---
BACKUP_DONE = "已备份到：{path}"
RESTORE_DONE = "已用「{source}」恢复数据库；恢复前的数据库已另存为：{safety}"
RESTORE_DAMAGED_DONE = "已用「{source}」替换损坏的数据库；损坏的文件已另存为：{kept}"
CHECK_OK = "检查通过：完整性、外键和孵化链一致性均正常（企业 {count} 家）"
CHECK_PROBLEMS = "发现 {count} 个问题："

