"""Plan commands: the administrator's plans (issue 18).

    gjz plan list                                          the plans, which one is in force
    gjz plan show PLAN                                     targets, splits, tasks
    gjz plan copy PLAN --name NAME --start D --end D [--document 文号]   a draft (admin)
    gjz plan publish PLAN | retire PLAN                    (admin)
    gjz plan export PLAN OUT.xlsx                          the plan workbook
    gjz plan import FILE [--dry-run]                       a new draft, undoable (admin)

PLAN is the plan's number (编号, see ``plan list``) or its name.  A front end: the target
service decides, this module prints.  The workbook's layout is documented in
gjz_registry.exchange.plan_workbook.
"""

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_ERROR, EXIT_OK, Parser, output_workbook


def cmd_plan(args, registry):
    handler = {
        "list": _list,
        "show": _show,
        "copy": _copy,
        "publish": _publish,
        "retire": _retire,
        "export": _export,
        "import": _import,
    }[args.action]
    return handler(args, registry)


def _list(args, registry):
    service = registry.targets
    plans = service.plans()
    out.table(
        T.PLAN_LIST_HEADERS,
        [
            (p.id, p.name, p.document or "", p.starts_on, p.ends_on, p.rhythm, p.status,
             p.targets, p.tasks)
            for p in plans
        ],
        max_width=40,
    )  # fmt: skip
    if plans:
        current = service.in_force()
        if current:
            period = service.default_period(current.id)
            print(T.PLAN_IN_FORCE.format(name=current.name, id=current.id, period=period))
        else:
            latest = service.plan()
            print(T.PLAN_NONE_IN_FORCE.format(name=latest.name, id=latest.id))
    return EXIT_OK


def _show(args, registry):
    service = registry.targets
    p = service.plan(args.plan)
    print(T.PLAN_HEAD.format(name=p.name, id=p.id, status=p.status))
    print(T.PLAN_DETAILS.format(**{**vars(p), "document": p.document or "—"}))
    targets = service.targets(p.id)
    number = {t.id: i for i, t in enumerate(targets, 1)}
    out.table(
        T.PLAN_TARGET_HEADERS,
        [
            (number[t.id], t.indicator, t.scope, t.period, t.value, t.unit or "", t.comparison,
             t.measure or T.PLAN_HAND, t.clause or "", number.get(t.parent_id, ""))
            for t in targets
        ],
        max_width=30,
    )  # fmt: skip
    checks = service.split_checks(p.id)
    if checks:
        print(T.PLAN_SPLITS)
        for c in checks:
            print(T.PLAN_SPLIT_LINE.format(**vars(c), message=c.message))
    tasks = service.tasks(p.id)
    if tasks:
        rows = [(t.number, t.title, t.lead_units or "", t.co_units or "") for t in tasks]
        out.table(T.PLAN_TASK_HEADERS, rows, max_width=40)
    names = "、".join(f"{label}（{key}）" for key, label, _, _ in service.measures())
    print(T.PLAN_MEASURES.format(measures=names))
    return EXIT_OK


def _copy(args, registry):
    p = registry.targets.copy_plan(args.plan, args.name, args.start, args.end, args.document)
    print(T.PLAN_COPIED.format(**vars(p)))
    return EXIT_OK


def _publish(args, registry):
    print(T.PLAN_PUBLISHED.format(**vars(registry.targets.publish_plan(args.plan))))
    return EXIT_OK


def _retire(args, registry):
    print(T.PLAN_RETIRED.format(**vars(registry.targets.retire_plan(args.plan))))
    return EXIT_OK


def _export(args, registry):
    output_workbook(registry, args.output, T.PLAN_NOT_XLSX)
    p = registry.targets.plan(args.plan)
    path = registry.targets.export_plan(p.id, args.output)
    print(T.PLAN_EXPORTED.format(name=p.name, path=path))
    return EXIT_OK


def _import(args, registry):
    service = registry.targets
    preview = service.preview_plan(args.file)
    print(T.PLAN_PREVIEW.format(**vars(preview)))
    if preview.errors:
        print(T.PLAN_PREVIEW_ERRORS.format(count=len(preview.errors)))
        for error in preview.errors:
            print(f"  {error}")
        return EXIT_ERROR
    if args.dry_run:
        print(T.PLAN_DRY_RUN)
        return EXIT_OK
    done = service.import_plan(args.file)
    print(T.PLAN_IMPORTED.format(name=done.plan.name, id=done.plan.id, batch=done.batch_id))
    return EXIT_OK


def register(sub):
    """Add ``plan`` to ``sub``; return {command: handler}."""
    plan = sub.add_parser("plan", help="计划管理：列出、查看、复制、发布、导出、导入行动计划")
    actions = plan.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    actions.required = True
    which = dict(metavar="PLAN", help="计划编号（见 plan list）或计划名称")
    actions.add_parser("list", help="列出计划，说明今天执行哪一个")
    actions.add_parser("show", help="计划的目标、分解和重点任务").add_argument("plan", **which)
    c = actions.add_parser("copy", help="复制计划为下一期的草稿（管理员）")
    c.add_argument("plan", **which)
    c.add_argument("--name", required=True, help="新计划名称")
    c.add_argument("--start", required=True, help="起始日期 YYYY-MM-DD")
    c.add_argument("--end", required=True, help="截止日期 YYYY-MM-DD")
    c.add_argument("--document", help="文号")
    actions.add_parser("publish", help="发布草稿，各街道可见（管理员）").add_argument(
        "plan", **which
    )
    actions.add_parser("retire", help="废止已发布的计划（管理员）").add_argument("plan", **which)
    e = actions.add_parser("export", help="导出计划工作簿（目标、分解、任务）")
    e.add_argument("plan", **which)
    e.add_argument("output", metavar="OUT.xlsx", help="输出的 .xlsx 文件")
    i = actions.add_parser("import", help="导入计划工作簿为新草稿（管理员，可撤销）")
    i.add_argument("file", metavar="FILE", help="计划工作簿 .xlsx")
    i.add_argument("--dry-run", action="store_true", help="只预览和检查，不写入")
    return {"plan": cmd_plan}


__all__ = ["register", "cmd_plan"]
