"""Texts of the yearly tabs: a carrier's 年度运营 and an enterprise's 年度数据."""

TAB_CARRIER_YEAR = "年度运营"
YEAR_CHOOSER = "年度"
YEAR_SAVE = "保存本年度（Ctrl+S）"
YEAR_ENTERED = "{year} 年度已填报（第 {version} 版）。"
YEAR_NEW = "{year} 年度尚未填报，保存后建立。"
YEAR_CARRIED = "{year} 年度尚未填报：浅黄底色的数值沿用 {previous} 年度，请核对后保存。"
YEAR_INVALID = "「年度」请填写 1990 至 {last} 之间的年份，例如 {example}"
YEAR_UNSAVED = "{year} 年度有未保存的修改：先保存，或改回原值后再换年度。"
YEAR_NOTHING_TO_SAVE = "{year} 年度没有修改，无需保存"
YEAR_SAVED = "{year} 年度已保存"

# 年度运营: the groups of the carrier's figures
GROUP_SITE = "场地与人员"
GROUP_FUNDS = "投资与服务"
GROUP_RESIDENTS = "在孵企业（载体填报）"
GROUP_COMPARISON = "登记系统按孵化历程计算"
COMPARISON_HEADINGS = ("项目", "已保存的填报数", "系统计算", "")
COMPARISON_DIFFERS = "⚠ 不一致"
COMPARISON_SAME = "✔ 一致"
COMPARISON_NOTE = "不一致时请核对孵化历程或填报数"

# 年度数据: the groups of an enterprise's figures
GROUP_BUSINESS = "经营"
GROUP_RESEARCH = "研发与知识产权"
GROUP_STAFF = "人员"
GROUP_FINANCE = "投融资与奖励"
ANNUAL_FLAGS = "资质（{year} 年 12 月 31 日有效，按资质记录计算，不在此填写）"
ANNUAL_FLAG_ON = "{kind} ✔"
ANNUAL_FLAG_OFF = "{kind} ✘"
ANNUAL_DERIVED = "研发投入强度 {intensity}　营业收入同比 {growth}"
ANNUAL_NO_FIGURE = "—"
