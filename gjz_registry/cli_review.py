"""Carrier performance review commands (载体绩效评价).

    gjz review indicators [--kind K]                 the indicators, weights and rules
    gjz review indicators export OUT.xlsx            the indicators as a workbook
    gjz review indicators import FILE                replace them from a workbook (admin)
    gjz review measures                              what an indicator may read
    gjz review scores [--year Y] [--kind K] [--output OUT.xlsx]   the ranking, kind by kind
                                                     (and as a workbook, a sheet per kind)
    gjz report carrier-review OUT.pdf [--year Y] [--carrier NAME]   the sheets (PDF)
    gjz report carrier-ranking OUT.pdf [--year Y]    the ranking list (PDF)

A front end: the review service decides, this module prints and hands the records to
reports.carrier_review.  The workbook's layout: gjz_registry.exchange.review_workbook.
"""

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry import reference as ref
from gjz_registry.cli_common import EXIT_OK, Parser, UsageError, output_workbook


# --- report carrier-review / carrier-ranking -------------------------------------------------
def add_review_options(parser):
    """--carrier of ``report carrier-review`` (cli_reports calls this on its own parser)."""
    parser.add_argument("--carrier", metavar="NAME", help="carrier-review：只打印该载体")


def report_review(args, registry, fonts):
    """``report carrier-review OUT.pdf``: one sheet per carrier; returns the message."""
    from reports.carrier_review import render_sheets, review_sheet

    if getattr(args, "street", None):
        raise UsageError(T.REVIEW_NO_STREET)
    carrier = getattr(args, "carrier", None)
    carrier_id = registry.carriers.get_by_name(carrier).id if carrier else None
    reviews = registry.reviews.sheets(args.year, carrier_id)
    unit = registry.listings.unit_name()
    render_sheets([review_sheet(r, unit) for r in reviews], args.output, fonts, registry.outputs)
    return T.REVIEW_WRITTEN.format(count=len(reviews), path=args.output)


def report_ranking(args, registry, fonts):
    """``report carrier-ranking OUT.pdf``: the ranking list; returns the message."""
    from reports.carrier_review import ranking_list
    from reports.lists import render_list

    if getattr(args, "street", None):
        raise UsageError(T.REVIEW_NO_STREET)
    service = registry.reviews
    year = service.default_year() if args.year is None else args.year
    listing = ranking_list(service.ranking(year), year, registry.listings.unit_name())
    render_list(listing, args.output, fonts, registry.outputs)
    return T.LIST_WRITTEN.format(title=listing.title, rows=len(listing.rows), path=args.output)


# --- review ------------------------------------------------------------------------------------
def cmd_review(args, registry):
    handler = {"indicators": _indicators, "measures": _measures, "scores": _scores}[args.what]
    return handler(args, registry)


def _indicators(args, registry):
    if args.action == "export":
        from gjz_registry.exchange.review_workbook import write_indicators

        output_workbook(registry, args.output, T.OUTPUT_NOT_XLSX)
        rows = registry.reviews.indicators()
        write_indicators(rows, args.output, registry.outputs)
        print(T.REVIEW_EXPORTED.format(count=len(rows), path=args.output))
        return EXIT_OK
    if args.action == "import":
        from gjz_registry.exchange.review_workbook import read_indicators

        kinds = read_indicators(args.file)
        registry.reviews.replace_all(kinds)
        for kind, rows in kinds.items():
            print(T.REVIEW_IMPORTED.format(kind=kind, count=len(rows)))
        return EXIT_OK
    rows = registry.reviews.indicators(getattr(args, "kind", None))
    out.table(
        T.REVIEW_INDICATOR_HEADERS,
        [
            (i.carrier_kind, i.code, i.name, i.category or "", i.measure_label, i.weight,
             i.rule_text, "是" if i.active else "否")
            for i in rows
        ],
        max_width=48,
    )  # fmt: skip
    return EXIT_OK


def _measures(args, registry):
    out.table(
        T.REVIEW_MEASURE_HEADERS,
        [(m.key, m.label, m.unit, m.source, m.definition) for m in registry.reviews.measures()],
        max_width=60,
    )
    return EXIT_OK


def _scores(args, registry):
    service = registry.reviews
    year = service.default_year() if args.year is None else args.year
    reviews = service.ranking(year, args.kind)
    if args.output:
        from gjz_registry.exchange.review_workbook import write_ranking

        output_workbook(registry, args.output, T.OUTPUT_NOT_XLSX)
    print(T.REVIEW_SCORES_HEAD.format(year=year))
    out.table(
        T.REVIEW_SCORE_HEADERS,
        [(r.kind, r.rank, r.name, r.street or "全区", r.total) for r in reviews],
    )
    if args.output:
        write_ranking(reviews, year, args.output, registry.outputs)
        print(T.REVIEW_RANKING_WRITTEN.format(count=len(reviews), path=args.output))
    return EXIT_OK


def register(sub):
    """Add ``review`` to ``sub``; return {command: handler}."""
    review = sub.add_parser("review", help="载体绩效评价：指标、得分与排名")
    what = review.add_subparsers(dest="what", metavar="WHAT", parser_class=Parser)
    what.required = True
    indicators = what.add_parser("indicators", help="评价指标：查看、导出、导入（管理员）")
    indicators.add_argument("--kind", choices=ref.CARRIER_KINDS, help="只列出该类载体的指标")
    actions = indicators.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    export = actions.add_parser("export", help="把全部评价指标导出为 .xlsx")
    export.add_argument("output", metavar="OUT.xlsx")
    load = actions.add_parser("import", help="从 .xlsx 读入评价指标，按载体类型整体替换（管理员）")
    load.add_argument("file", metavar="FILE")
    what.add_parser("measures", help="可供指标读取的计算口径")
    scores = what.add_parser("scores", help="各类载体的得分与排名")
    scores.add_argument("--year", type=int, help="评价年度（默认上一年度）")
    scores.add_argument("--kind", choices=ref.CARRIER_KINDS, help="只列出该类载体")
    scores.add_argument("--output", metavar="OUT.xlsx", help="同时导出为工作簿（每类载体一张表）")
    return {"review": cmd_review}


__all__ = ["register", "cmd_review", "add_review_options", "report_review", "report_ranking"]
