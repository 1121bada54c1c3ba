"""Every message the command line prints (Chinese), in one place."""

PROG_DESCRIPTION = "甘井子区孵化链企业登记系统（命令行）"
VERSION_HELP = "显示程序版本后退出"
INTERNAL_ERROR = "内部错误，详情见日志：{log}"
INTERRUPTED = "已中断"
NO_PASSWORD = "需要设置管理员密码：请用 --password-file 指定密码文件，或在终端中运行以便输入密码"
PASSWORD_PROMPT = "设置管理员（admin）密码："
PASSWORD_AGAIN = "再次输入密码："
PASSWORD_MISMATCH = "两次输入的密码不一致"
LOGIN_PROMPT = "用户「{user}」的密码："
PASSWORD_FILE = "密码文件"
NO_LOGIN_PASSWORD = (
    "以用户「{user}」登录需要密码：请用 --password-file 指定密码文件，或在终端中运行以便输入密码"
)
NO_NEW_PASSWORD = (
    "需要设置用户「{name}」的新密码：请用 --new-password-file 指定密码文件，或在终端中运行以便输入"
)
OLD_PASSWORD_PROMPT = "用户「{name}」的原密码："
NO_OLD_PASSWORD = (
    "修改自己的密码需要原密码：请用 --old-password-file 指定密码文件，或在终端中运行以便输入"
)
PASSWORD_FILE_EMPTY = "密码文件「{path}」是空的"
INIT_CREATED = "已创建数据库：{path}（结构版本 {version}），管理员账户：admin"
INIT_UPGRADED = "数据库已是最新：{path}（结构版本 {version}）"
DEMO_DONE = (
    "已生成演示数据：企业 {enterprises} 家、载体 {carriers} 个、入驻记录 {residencies} 条、"
    "资质 {qualifications} 条、年报 {annual} 份、载体年度运营 {carrier_years} 条"
    "（用时 {seconds:.1f} 秒）"
)
DEMO_ACCOUNTS = "演示账户：{accounts}"
SEARCH_NONE = "没有找到与「{text}」匹配的企业"
SEARCH_HEADERS = ("企业名称", "统一社会信用代码", "所属街道", "孵化阶段", "状态")
USER_HEADERS = ("用户名", "姓名", "角色", "所属街道", "状态", "最近登录")
USER_ADDED = "已添加用户「{name}」（{role}）"
USER_PASSWD = "已修改用户「{name}」的密码"
USER_DISABLED = "已停用用户「{name}」"
USER_ENABLED = "已启用用户「{name}」"
USER_UNLOCKED = "已解除用户「{name}」的登录锁定（清除连续失败 {failures} 次）"
USER_NOT_LOCKED = "用户「{name}」没有登录失败记录，无需解锁"
LOCKED_UNTIL = "锁定至 {until}"
NEW_PASSWORD_PROMPT = "用户「{name}」的新密码："
ACTIVE = "启用"
INACTIVE = "停用"
GUI_UNAVAILABLE = "无法启动图形界面：{reason}"
DATA_DIR_UNUSABLE = (
    "无法建立数据文件夹「{folder}」（{reason}）：数据库、备份和日志都放在这里。请检查该位置的"
    "权限，或用环境变量 GJZ_DATA_DIR 指定一个能写入的文件夹。"
)
HISTORY_HEADERS = ("载体", "阶段", "入驻日期", "离开日期", "离开原因", "时长(月)", "依据/说明")
RESIDENCY_DONE = "{action}：{name} → {carrier}（{stage}），日期 {date}"
GRADUATED = "已办理毕业：{name}，依据：{basis}"
LEFT = "已办理{reason}：{name}，日期 {date}"
STEP_CORRECTED = "已更正「{name}」孵化链的最后一步：{step}"
STEP_WITHDRAWN = "已撤回「{name}」孵化链的最后一步（{step}）：{undo}"
CORRECT_NOTHING = "参数错误：incubation correct 需要 --date、--carrier 或 --reason 中的至少一项"
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

# --- reports/certificates ---
REPORT_EMPTY = "提示：「{title}」没有符合条件的记录，已生成空名单"
LIST_WRITTEN = "已生成「{title}」：{rows} 行 → {path}"
STATISTICS_WRITTEN = "已生成「{title}」：{sections} 个部分 → {path}"
# carrier performance review (cli_review)
REVIEW_NO_STREET = (
    "绩效评价按载体打印，不按街道筛选：请去掉 --street（街道用户只能看到本街道的载体）"
)
REVIEW_WRITTEN = "已生成孵化载体年度绩效评价表：{count} 家载体 → {path}"
OUTPUT_NOT_XLSX = "参数错误：输出文件「{path}」应以 .xlsx 结尾"  # every workbook written
REVIEW_RANKING_WRITTEN = "已导出 {count} 家载体的得分与排名 → {path}"
REVIEW_EXPORTED = "已导出 {count} 项评价指标 → {path}"
REVIEW_IMPORTED = "「{kind}」的评价指标已更新：{count} 项"
REVIEW_INDICATOR_HEADERS = (
    "载体类型",
    "编号",
    "指标名称",
    "类别",
    "计算口径",
    "权重",
    "计分规则",
    "启用",
)
REVIEW_MEASURE_HEADERS = ("口径", "名称", "单位", "来源", "定义")
REVIEW_SCORES_HEAD = "{year} 年度孵化载体绩效评价"
REVIEW_SCORE_HEADERS = ("载体类型", "排名", "载体名称", "所属街道", "总分")
STATISTICS_NO_STREET = "参数错误：统计报告不按街道筛选（街道用户自动只统计本街道），请去掉 --street"
FONT_NOTE = "字体提示：{note}"
OUTPUT_NOT_PDF = "参数错误：输出文件「{path}」应以 .pdf 结尾"
CERTIFICATE_ACTION_NEEDED = (
    "参数错误：certificate 需要 issue/verify/revoke/reprint/list/template 之一"
)
ISSUE_TARGET_NEEDED = "参数错误：请用 --enterprise 指定企业，或用 --carrier 指定载体（二者选一）"
ISSUE_REFUSED = "未签发：{name} —— {reason}"
ISSUE_NONE = "没有签发任何证书，未生成 PDF"
ISSUED = "已签发 {title} {serial}：{holder}（验证码 {code}）"
CERTIFICATES_WRITTEN = "已生成证书 PDF：{count} 份 → {path}"
VERIFY_LINE = "{status}：{serial} {title}，持证单位：{holder}，发证日期 {date}"
VERIFY_UNKNOWN = "{status}：证书编号 {serial} 不在证书登记簿中"
VERIFY_PAYLOAD_AND_CODE = "参数错误：二维码内容已含验证码，不要再用 --code"
REVOKED = "已撤销证书 {serial}（{holder}），撤销日期 {date}，原因：{reason}"
CERTIFICATES_NONE = "证书登记簿中没有符合条件的证书"
CERTIFICATES_MORE = "（显示 {shown} 份，共 {total} 份；用 --limit 显示更多）"
CERTIFICATE_HEADERS = (
    "证书编号",
    "证书种类",
    "持证单位",
    "所属街道",
    "发证日期",
    "状态",
    "验证码",
    "签发人",
)
TEMPLATE_SET_OR_RESET = "参数错误：--set 与 --reset 只能选一个"
TEMPLATE_FILE = "模板文件"
TEMPLATE_SAVED = "已保存「{title}」的证书模板："
TEMPLATE_RESET = "已恢复「{title}」的默认模板："
TEMPLATE_PLACEHOLDERS = "可用的占位符：{known}"

# --- targets (行动计划目标考核) ---
TARGETS_PERIOD_OR_YEAR = "参数错误：--period 与 --year 只能选一个"
TARGETS_PERIOD_NEEDED = "参数错误：请用 --period 指定考核期，如 2020H1"
TARGETS_NO_STREET = "参数错误：考核报告不按街道筛选（街道用户自动只看本街道），请去掉 --street"
TARGETS_PDF_WRITTEN = "已生成「{title}」→ {path}"
TARGETS_XLSX_WRITTEN = "已导出「{plan}」{label}考核表 → {path}"
TARGET_ACTUAL_SET = "已填报：{indicator}（{scope}）{period} = {value}"
TARGET_ACTUAL_CLEARED = "已删除填报数：{indicator} {period}"
TASK_PROGRESS_SET = "已填报任务 {number}「{title}」{period}：{status}"
TASKS_TITLE = "重点任务台账（{period}）"
TASK_HEADERS = ("序号", "任务", "牵头单位", "配合单位", "状态", "进展说明")
DRILL_UNKNOWN = "没有名为「{indicator}」的指标或计算口径（用 gjz targets 查看指标）"
DRILL_DEFINITION = "口径：{definition}"
DRILL_HEADERS = ("名称", "统一社会信用代码", "所属街道", "产业领域", "金额(万元)", "依据")
DRILL_TOTAL = "共 {count} 条；合计 {total} {unit}"
PLAN_HEADERS = ("计划", "起始日期", "截止日期", "文件", "目标数", "任务数")
# --- plan (计划管理: gjz plan …) ---
PLAN_LIST_HEADERS = ("编号", "计划", "文号", "起始日期", "截止日期", "节奏", "状态", "目标", "任务")
PLAN_IN_FORCE = "今天执行的计划：《{name}》（编号 {id}），当前考核期 {period}"
PLAN_NONE_IN_FORCE = "今天没有处于执行期的已发布计划；最近的计划：《{name}》（编号 {id}）"
PLAN_HEAD = "《{name}》（编号 {id}，{status}）"
PLAN_DETAILS = "文号：{document}　执行期：{starts_on} 至 {ends_on}　考核节奏：每{rhythm}"
PLAN_TARGET_HEADERS = (
    "序号", "指标", "范围", "目标期", "目标值", "单位", "比较", "取数", "条款", "分解自"
)  # fmt: skip
PLAN_HAND = "手工填报"
PLAN_SPLITS = "分解到街道的目标："
PLAN_SPLIT_LINE = "  {indicator}（{scope}，{period}）：{message}"
PLAN_TASK_HEADERS = ("序号", "任务", "牵头单位", "配合单位")
PLAN_MEASURES = "可由登记数据计算的指标（计算口径）：{measures}"
PLAN_COPIED = (
    "已复制为草稿《{name}》（编号 {id}，{targets} 个目标、{tasks} 项任务）；发布前街道看不到"
)
PLAN_PUBLISHED = "已发布《{name}》（编号 {id}）：各街道现在可以看到"
PLAN_RETIRED = "已废止《{name}》（编号 {id}）"
PLAN_EXPORTED = "已导出计划《{name}》→ {path}"
PLAN_PREVIEW = (
    "计划工作簿：《{name}》，{targets} 个目标（其中 {parts} 个为街道分解），{tasks} 项任务"
)
PLAN_PREVIEW_ERRORS = "有 {count} 处错误："
PLAN_DRY_RUN = "预览完毕，未写入（去掉 --dry-run 导入）"
PLAN_IMPORTED = (
    "已导入为草稿《{name}》（编号 {id}），导入批次 {batch}（撤销：gjz import undo {batch}）"
)
PLAN_NOT_XLSX = "计划工作簿应为 .xlsx 文件：{path}"
# --- maintenance ---
BACKUP_DONE = "已备份到：{path}"
RESTORE_DONE = "已用「{source}」恢复数据库；恢复前的数据库已另存为：{safety}"
RESTORE_DAMAGED_DONE = "已用「{source}」替换损坏的数据库；损坏的文件已另存为：{kept}"
RESTORE_FORCED = "警告：{warning}。已按 --force 用它覆盖了当前数据库（原数据库已另存，见下一行）"
CHECK_OK = "检查通过：完整性、外键和孵化链一致性均正常（企业 {count} 家）"
CHECK_PROBLEMS = "发现 {count} 个问题："

# --- import/export ---
IMPORT_SUMMARY = (
    "{title}「{file}」（工作表「{sheet}」）：读取 {read} 行，新增 {created}，更新 {updated}，"
    "未变 {unchanged}，跳过 {skipped}，拒绝 {rejected}"
)
IMPORT_UNKNOWN_COLUMNS = "未识别的列（已忽略）：{columns}"
IMPORT_DUPLICATE_COLUMNS = "重复的列（已忽略，只导入同名的第一列）：{columns}"
IMPORT_TRAILERS = "跳过表尾 {count} 行（{rows}）"
IMPORT_REJECTED_HEADER = "被拒绝的行："
IMPORT_MORE_REJECTED = "……另有 {count} 条，完整列表请用 --errors 输出错误工作簿"
IMPORT_CLEANED_HEADER = (
    "已清理的单元格（控制字符、双向控制符、零宽字符等已删除，其余内容照常导入）："
)
IMPORT_MORE_CLEANED = "……另有 {count} 处"
IMPORT_ERRORS_WRITTEN = "错误工作簿：{path}"
IMPORT_ERRORS_FAILED = "错误工作簿未能写出：{reason}"
IMPORT_CHANGES_DRY = "将修改的已登记记录（{rows} 行，每行列出改动的字段：原值 → 新值）："
IMPORT_CHANGES_DONE = "已修改的已登记记录（{rows} 行，每行列出改动的字段：原值 → 新值）："
IMPORT_CHANGE_LINE = "第 {row} 行 {record}：{changes}"
IMPORT_MORE_CHANGES = "……另有 {count} 行"
IMPORT_CHANGE_COUNTS = "各列改动的行数：{counts}"
IMPORT_CHANGE_COUNT = "{label} {count} 行"
IMPORT_DRY_RUN = "试导入：以上是导入后的结果，数据库未作任何改动"
IMPORT_ALL_OR_NOTHING = "有 {rejected} 行被拒绝，按 --all-or-nothing 未导入任何数据"
IMPORT_COMMITTED = "已导入，批次号 {batch}（撤销：gjz import undo {batch}）"
IMPORT_NOTHING_WRITTEN = "没有写入任何数据：文件中没有可以新增或更新的记录，数据库未作改动"
IMPORT_USAGE = "参数错误：import 后面是一个工作簿文件，或 undo 批次号，或 batches（用 -h 查看用法）"
IMPORT_UNDO_USAGE = "参数错误：用法为 gjz import undo 批次号（批次号见 gjz import batches）"
UNDO_DONE = "已撤销导入批次 {batch}：删除 {removed} 条记录，恢复 {restored} 条记录"
BATCH_HEADERS = (
    "批次",
    "时间",
    "用户",
    "文件",
    "类型",
    "读取",
    "新增",
    "更新",
    "未变",
    "跳过",
    "拒绝",
    "状态",
)
BATCHES_NONE = "还没有导入记录"
EXPORT_DONE = "已导出{title} {rows} 条：{path}"
TEMPLATE_DONE = "已生成{title}：{path}"
DB_USAGE = "参数错误：用法为 gjz db copy 源数据库 目标数据库（用 -h 查看用法）"
DB_COPY_HEADERS = ("表", "源行数", "目标行数", "源校验和", "目标校验和", "核对")
DB_COPY_SAME = "一致"
DB_COPY_DIFFERENT = "不一致"
DB_COPY_DONE = "已把「{source}」复制到「{target}」：共 {rows} 行，各表行数与校验和一致"
