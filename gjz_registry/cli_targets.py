"""Target commands: the plan's progress, hand-entered figures, the task ledger, drill-down.

    gjz targets [--period 2020H1] [--plan NAME] [--streets] [--tasks]
    gjz targets set INDICATOR VALUE --period P [--scope 区] [--note TEXT]     (admin)
    gjz targets clear INDICATOR --period P [--scope 区]                        (admin)
    gjz targets task N --period 2020H1 --status 推进中 [--note TEXT]           (admin)
    gjz targets tasks [--period P]
    gjz targets drill INDICATOR [--scope 领域] [--street S] [--period P]
    gjz targets plans
    gjz report targets OUT.pdf [--period P | --year Y] [--plan NAME]
    gjz export targets OUT.xlsx [--period P | --year Y] [--plan NAME]

A front end: the target service computes, this module prints, renders the PDF (reports) and
writes the workbook (exchange.targets_workbook).  ``report_targets`` and ``export_targets``
are the functions behind the ``targets`` kinds of ``report`` and ``export``: cli_reports and
cli_exchange list them (and add :func:`add_target_options`) in their own parsers, so no module
touches another's parser and the order the modules are imported or registered in is free.
"""

import argparse

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.assessment import NO_VERDICT, assessment_tables, heading
from gjz_registry.cli_common import EXIT_OK, Parser, UsageError, output_workbook
from reports.assessment import assessment_report


# --- helpers -------------------------------------------------------------------------------
def period_of(args):
    """--period, else --year, else None (the service then takes the latest half-year)."""
    period = getattr(args, "period", None)
    year = getattr(args, "year", None)
    if period and year:
        raise UsageError(T.TARGETS_PERIOD_OR_YEAR)
    return period or (str(year) if year else None)


def percent(value):
    return NO_VERDICT if value is None else f"{value:.1%}"


def _cells(row, table):
    return [
        percent(v) if i in table.percent_columns else ("—" if v is None else v)
        for i, v in enumerate(row)
    ]


def _print_table(table, remarks=True):
    print(table.title)
    headers = list(table.headers) + (["说明"] if remarks and table.remarks is not None else [])
    rows = []
    for i, row in enumerate(table.rows):
        cells = _cells(row, table)
        if remarks and table.remarks is not None:
            cells.append(table.remarks[i] or "")
        rows.append(cells)
    if table.totals:
        rows.append(_cells(table.totals, table))
    out.table(headers, rows, max_width=48)
    print()


# --- targets -------------------------------------------------------------------------------
def cmd_targets(args, registry):
    handler = {
        None: _show,
        "set": _set,
        "clear": _clear,
        "task": _task,
        "tasks": _tasks,
        "drill": _drill,
        "plans": _plans,
    }[args.action]
    return handler(args, registry)


def _show(args, registry):
    progress = registry.targets.progress(args.period, args.plan)
    title, subtitle = heading(progress)
    print(title)
    print(subtitle)
    print()
    tables = {t.key: t for t in assessment_tables(progress)}
    _print_table(tables["indicators"])
    if tables["fields"].rows:
        _print_table(tables["fields"])
    if "street_targets" in tables:
        _print_table(tables["street_targets"])
    if args.streets:
        _print_table(tables["streets"], remarks=False)
    if args.tasks:
        _print_table(tables["tasks"], remarks=False)
    if tables["indicators"].note:
        print(tables["indicators"].note)
    return EXIT_OK


def _set(args, registry):
    saved = registry.targets.set_actual(
        args.indicator, _required_period(args), args.value, args.scope, args.note
    )
    print(T.TARGET_ACTUAL_SET.format(**saved))
    return EXIT_OK


def _clear(args, registry):
    period = _required_period(args)
    registry.targets.clear_actual(args.indicator, period, args.scope)
    print(T.TARGET_ACTUAL_CLEARED.format(indicator=args.indicator, period=period))
    return EXIT_OK


def _task(args, registry):
    task = registry.targets.task_by_number(args.number, args.plan)
    saved = registry.targets.set_task_progress(
        task.id, _required_period(args), args.status, args.note
    )
    print(T.TASK_PROGRESS_SET.format(**vars(saved)))
    return EXIT_OK


def _tasks(args, registry):
    service = registry.targets
    period = args.period or service.default_period(args.plan)
    rows = [
        (t.number, t.title, t.lead_units or "", t.co_units or "", t.status, t.note or "")
        for t in service.tasks(args.plan, period)
    ]
    print(T.TASKS_TITLE.format(period=period))
    out.table(T.TASK_HEADERS, rows, max_width=40)
    return EXIT_OK


def _drill(args, registry):
    service = registry.targets
    known = [t for t in service.targets(args.plan) if t.indicator == args.indicator]
    scoped = [t for t in known if t.scope == (args.scope or "区")] or known
    if scoped:
        result = service.drill_down(scoped[0].id, args.period, args.street)
    elif args.indicator in {m[0] for m in service.measures()}:
        result = service.drill_down(
            None, args.period, args.street, measure=args.indicator, scope=args.scope or "区"
        )
    else:
        raise UsageError(T.DRILL_UNKNOWN.format(indicator=args.indicator))
    print(result.title)
    print(T.DRILL_DEFINITION.format(definition=result.definition))
    out.table(
        T.DRILL_HEADERS,
        [(r.name, r.credit_code or "", r.street or "", r.field or "", r.value, r.detail)
         for r in result.rows],
    )  # fmt: skip
    print(T.DRILL_TOTAL.format(count=len(result.rows), total=result.total, unit=result.unit))
    return EXIT_OK


def _plans(args, registry):
    out.table(
        T.PLAN_HEADERS,
        [
            (p.name, p.starts_on, p.ends_on, p.document or "", p.targets, p.tasks)
            for p in registry.targets.plans()
        ],
        max_width=60,
    )
    return EXIT_OK


def _required_period(args):
    if not args.period:
        raise UsageError(T.TARGETS_PERIOD_NEEDED)
    return args.period


# --- report targets (PDF) ------------------------------------------------------------------
def report_targets(args, registry, fonts):
    """``report targets OUT.pdf``: the half-year assessment as PDF; returns the message."""
    from reports.statistics import render_statistics

    if getattr(args, "street", None):
        raise UsageError(T.TARGETS_NO_STREET)
    progress = registry.targets.progress(period_of(args), getattr(args, "plan", None))
    unit = registry.reference.own_unit_name()
    data = assessment_report(progress, unit)
    render_statistics(data, args.output, fonts, registry.outputs)
    return T.TARGETS_PDF_WRITTEN.format(title=data["title"], path=args.output)


# --- export targets (Excel) ----------------------------------------------------------------
def export_targets(args, registry):
    """``export targets OUT.xlsx``: the assessment's tables as a workbook; returns the message."""
    from gjz_registry.exchange.targets_workbook import write_assessment

    output_workbook(registry, args.output, T.OUTPUT_NOT_XLSX)
    if getattr(args, "street", None):
        raise UsageError(T.TARGETS_NO_STREET)
    progress = registry.targets.progress(period_of(args), getattr(args, "plan", None))
    who = registry.actor.label if registry.actor else ""
    write_assessment(progress, args.output, who, registry.outputs)
    return T.TARGETS_XLSX_WRITTEN.format(plan=progress.plan, label=progress.label, path=args.output)


# --- parser --------------------------------------------------------------------------------
PERIOD_HELP = "考核期：2020H1（上半年）、2020H2（下半年）或 2020（全年）；默认最近一个已结束的半年"


def add_target_options(parser):
    """--period and --plan of the ``targets`` kind on ``report`` and ``export`` (their
    modules call this when they build their own parsers)."""
    parser.add_argument("--period", help=f"targets：{PERIOD_HELP}")
    parser.add_argument("--plan", help="targets：计划名称（默认当前计划）")


def register(sub):
    """Add ``targets`` to ``sub``; return {command: handler}."""
    tg = sub.add_parser("targets", help="行动计划目标完成情况、手工填报、重点任务台账")
    tg.add_argument("--period", help=PERIOD_HELP)
    tg.add_argument("--plan", help="计划名称（默认覆盖该考核期的计划）")
    tg.add_argument("--streets", action="store_true", help="同时列出各街道可统计指标")
    tg.add_argument("--tasks", action="store_true", help="同时列出重点任务台账")
    actions = tg.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    quiet = dict(default=argparse.SUPPRESS)  # keep the values given before the action
    s = actions.add_parser("set", help="填报手工指标的完成数（管理员）")
    s.add_argument("indicator", help="指标名称，如 R&D经费支出占GDP比重")
    s.add_argument("value", help="完成数（按目标的单位）")
    c = actions.add_parser("clear", help="删除手工指标的填报数（管理员）")
    c.add_argument("indicator")
    t = actions.add_parser("task", help="填报重点任务的进展（管理员）")
    t.add_argument("number", help="任务序号 1–22")
    t.add_argument("--status", required=True, choices=["未开始", "推进中", "已完成", "滞后"])
    for p in (s, c, t):
        p.add_argument("--period", help="考核期", **quiet)
        p.add_argument("--plan", help="计划名称", **quiet)
    for p in (s, c):
        p.add_argument("--scope", default="区", help="范围：区（默认）、街道或产业领域")
    for p in (s, t):
        p.add_argument("--note", help="说明")
    ts = actions.add_parser("tasks", help="重点任务台账")
    d = actions.add_parser("drill", help="计算指标背后的企业明细")
    d.add_argument("indicator", help="指标名称（或计算口径，如 valid_high_tech）")
    d.add_argument("--scope", help="范围：区（默认）或产业领域")
    d.add_argument("--street", help="只看该街道")
    pl = actions.add_parser("plans", help="已录入的计划")
    for p in (ts, d, pl):
        p.add_argument("--period", help="考核期", **quiet)
        p.add_argument("--plan", help="计划名称", **quiet)
    return {"targets": cmd_targets}


__all__ = [
    "register",
    "add_target_options",
    "cmd_targets",
    "report_targets",
    "export_targets",
    "assessment_report",
]
