"""Excel commands: ``import FILE``, ``import undo BATCH``, ``import batches``, ``export``.

    gjz import 名单.xlsx [--kind K] [--sheet S] [--dry-run] [--on-conflict skip|update|fill]
                        [--errors OUT.xlsx] [--all-or-nothing]
    gjz import undo 12
    gjz import batches
    gjz export KIND OUT.xlsx [--street S] [--stage S] [--qualification Q] [--year Y]
                             [--granted-in Y]

Without ``--on-conflict`` a street user's import only fills blank fields (``fill``) and an
administrator's updates (``update``, the documented default); every run, a dry run too, lists
the fields it changes in registered records, old → new, with the count per column.

Exit codes: 0 done, 1 done with rejected rows (or nothing imported because of them under
--all-or-nothing), 2 error (bad file, bad arguments).  Export kinds handled elsewhere (the plan
assessment, ``targets``) are listed in :data:`EXPORT_COMMANDS`.
"""

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry import output_kinds
from gjz_registry.cli_common import (
    EXIT_OK,
    EXIT_REJECTED,
    UsageError,
    output_workbook,
    whole_number,
)
from gjz_registry.cli_targets import add_target_options, export_targets
from gjz_registry.exchange import trailer
from gjz_registry.exchange.columns import KINDS
from gjz_registry.exchange.context import CONFLICT_POLICIES, UPDATE, default_policy
from gjz_registry.exchange.template import TEMPLATES

MAX_LISTED = 20
# Export kinds written by other command modules: kind → handler(args, registry) -> message.
EXPORT_COMMANDS = {"targets": export_targets}  # the plan assessment


def register(sub):
    """Add ``import`` and ``export`` to ``sub``; return {command: handler}."""
    imp = sub.add_parser(
        "import",
        help="导入 Excel（企业、载体、高企/科小名单、年度数据、载体年度运营）；import undo 批次号；"
        "import batches",
    )
    imp.add_argument(
        "target", nargs="+", metavar="FILE", help="工作簿文件；或 undo 批次号；或 batches"
    )
    imp.add_argument("--kind", choices=list(KINDS), help="表格类型（默认自动识别）")
    imp.add_argument("--sheet", help="工作表名称（默认第一个有表头的工作表）")
    imp.add_argument("--dry-run", action="store_true", help="试导入：完整检查，不写入数据库")
    imp.add_argument(
        "--on-conflict",
        choices=list(CONFLICT_POLICIES),
        help="信用代码已存在时：skip 跳过，update 更新，fill 只填空白字段"
        "（默认：管理员 update，街道用户 fill）",
    )
    imp.add_argument("--errors", metavar="OUT.xlsx", help="把被拒绝的行写入错误工作簿")
    imp.add_argument(
        "--all-or-nothing", action="store_true", help="有任何一行被拒绝就不导入任何数据"
    )
    kinds = ", ".join(k.code for k in output_kinds.export_kinds() if k.code not in EXPORT_COMMANDS)
    exp = sub.add_parser("export", help=f"导出 Excel：{kinds}")
    exp.add_argument("kind", metavar="KIND", help="导出类型")
    exp.add_argument("output", metavar="OUT.xlsx")
    exp.add_argument("--street", help="所属街道")
    exp.add_argument("--stage", help="孵化阶段（或 未入驻）")
    exp.add_argument("--qualification", help="资质，如 高新技术企业")
    exp.add_argument(
        "--year",
        type=int,
        help="年度（名单：该年 12 月 31 日有效的企业；年度数据、火炬统计：该年，默认上一年）",
    )
    exp.add_argument(
        "--granted-in", type=int, metavar="YEAR", help="新认定年度：该年新认定（入库）的名单"
    )
    add_target_options(exp)
    return {"import": cmd_import, "export": cmd_export}


# --- import ----------------------------------------------------------------------------------
def cmd_import(args, registry):
    target = args.target
    if target[0] == "undo":
        if len(target) != 2 or whole_number(target[1]) is None:
            raise UsageError(T.IMPORT_UNDO_USAGE)
        return cmd_undo(whole_number(target[1]), registry)
    if target == ["batches"]:
        return cmd_batches(registry)
    if len(target) != 1:
        raise UsageError(T.IMPORT_USAGE)
    result = registry.exchange.import_file(
        target[0],
        kind=args.kind,
        sheet=args.sheet,
        dry_run=args.dry_run,
        on_conflict=args.on_conflict or default_policy(registry.actor) or UPDATE,
        all_or_nothing=args.all_or_nothing,
        errors_path=args.errors,
    )
    print_result(result)
    return EXIT_REJECTED if result.rejected else EXIT_OK


def print_result(result):
    print(
        T.IMPORT_SUMMARY.format(
            title=result.kind_title, file=result.file_name, sheet=result.sheet, **result.counts
        )
    )
    if result.trailers:
        rows = trailer.describe(result.trailers)
        print(T.IMPORT_TRAILERS.format(count=len(result.trailers), rows=rows))
    if result.unknown_columns:
        print(T.IMPORT_UNKNOWN_COLUMNS.format(columns="、".join(result.unknown_columns)))
    if result.duplicate_columns:
        print(T.IMPORT_DUPLICATE_COLUMNS.format(columns="、".join(result.duplicate_columns)))
    print_messages(T.IMPORT_REJECTED_HEADER, result.rejections, T.IMPORT_MORE_REJECTED)
    print_messages(T.IMPORT_CLEANED_HEADER, result.notes, T.IMPORT_MORE_CLEANED)
    print_changes(result)
    if result.errors_path:
        print(T.IMPORT_ERRORS_WRITTEN.format(path=result.errors_path))
    if result.errors_failure:
        print(T.IMPORT_ERRORS_FAILED.format(reason=result.errors_failure))
    if result.dry_run:
        print(T.IMPORT_DRY_RUN)
    elif result.rolled_back_for_rejections:
        print(T.IMPORT_ALL_OR_NOTHING.format(rejected=result.rejected))
    elif result.committed:
        print(T.IMPORT_COMMITTED.format(batch=result.batch_id))
    else:  # every row refused, or nothing new in the file
        print(T.IMPORT_NOTHING_WRITTEN)


def print_messages(header, items, more):
    """``header`` and the first MAX_LISTED items' messages (``more``: how many are left)."""
    if not items:
        return
    print(header)
    for item in items[:MAX_LISTED]:
        print("  " + item.message)
    if len(items) > MAX_LISTED:
        print(more.format(count=len(items) - MAX_LISTED))


def print_changes(result):
    """The rows that change registered records (the first MAX_LISTED), each field old → new,
    and how many rows change each column."""
    if not result.changes:
        return
    header = T.IMPORT_CHANGES_DONE if result.committed else T.IMPORT_CHANGES_DRY
    print(header.format(rows=len(result.changes)))
    for row in result.changes[:MAX_LISTED]:
        print(
            "  "
            + T.IMPORT_CHANGE_LINE.format(row=row.row_number, record=row.record, changes=row.text)
        )
    if len(result.changes) > MAX_LISTED:
        print(T.IMPORT_MORE_CHANGES.format(count=len(result.changes) - MAX_LISTED))
    counts = "，".join(
        T.IMPORT_CHANGE_COUNT.format(label=label, count=count)
        for label, count in result.change_counts.items()
    )
    print(T.IMPORT_CHANGE_COUNTS.format(counts=counts))


def cmd_undo(batch_id, registry):
    done = registry.exchange.undo(batch_id)
    print(T.UNDO_DONE.format(batch=done.batch_id, removed=done.removed, restored=done.restored))
    return EXIT_OK


def cmd_batches(registry):
    batches = registry.exchange.batches()
    if not batches:
        print(T.BATCHES_NONE)
        return EXIT_OK
    out.table(
        T.BATCH_HEADERS,
        [
            (
                b.id,
                b.at.strftime("%Y-%m-%d %H:%M"),
                b.user,
                b.file_name,
                b.kind,
                *b.counts(),
                b.status,
            )
            for b in batches
        ],
    )
    return EXIT_OK


# --- export ----------------------------------------------------------------------------------
def cmd_export(args, registry):
    handler = EXPORT_COMMANDS.get(args.kind)
    if handler is not None:
        print(handler(args, registry))
        return EXIT_OK
    output_workbook(registry, args.output, T.OUTPUT_NOT_XLSX)
    result = registry.exchange.export(
        args.kind,
        args.output,
        street=args.street,
        stage=args.stage,
        qualification=args.qualification,
        year=args.year,
        granted_in=args.granted_in,
    )
    if result.kind in TEMPLATES:
        print(T.TEMPLATE_DONE.format(title=result.title, path=result.path))
    else:
        title = result.title or output_kinds.export_kind(result.kind).title
        print(T.EXPORT_DONE.format(title=title, rows=result.rows, path=result.path))
    return EXIT_OK
