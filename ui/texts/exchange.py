"""Texts of 导入导出 (the import wizard, list exports) and 报表证书."""

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
    "carrier-years": "载体年度运营",
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
