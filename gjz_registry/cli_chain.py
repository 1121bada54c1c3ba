"""Chain commands: ``incubation admit|move|graduate|leave|correct|withdraw|history``,
``expiring``, ``overdue``, ``candidates`` and ``stats``."""

import datetime

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_OK, Parser, UsageError, parse_day
from gjz_registry.fields import ENTERPRISE
from gjz_registry.services.annual import check_year
from gjz_registry.services.statreport import carrier_sections

# `stats` tables the field specs add: a count per value of a field ({table: field code})
FIELD_TABLES = {f.stats_table: f.code for f in ENTERPRISE.fields if f.stats_table}
# `stats` tables of the carriers in a year: their place in statreport.carrier_sections
CARRIER_TABLES = ("incubator-targets", "carrier-years", "carrier-output")


def register(sub):
    """Add the chain commands to ``sub``; return {command: handler}."""
    inc = sub.add_parser(
        "incubation", help="孵化链：入驻、晋级/迁移/退回、毕业、迁出、更正、撤回、历程"
    ).add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    for name, text in (("admit", "入驻载体"), ("move", "晋级、迁移或退回到另一载体")):
        a = inc.add_parser(name, help=text)
        a.add_argument("credit_code", help="企业统一社会信用代码")
        a.add_argument("carrier", help="载体名称")
        a.add_argument("--date", help="日期 YYYY-MM-DD（默认今天）")
        a.add_argument("--override", help="管理员破例入驻的理由（成立超过 24 个月）")
    inc.choices["move"].add_argument(
        "--reason", help="退回原因：迁到更早的阶段（如加速器 → 苗圃）时必填，记入孵化历程"
    )
    c = inc.add_parser("correct", help="更正最后一步的日期或载体（管理员）")
    c.add_argument("credit_code")
    c.add_argument("--date", help="更正后的日期 YYYY-MM-DD")
    c.add_argument("--carrier", help="更正后的载体名称（入驻、迁移这一步）")
    c.add_argument("--reason", help="更正后成为退回时的退回原因")
    w = inc.add_parser("withdraw", help="撤回最后一步，恢复此前的状态（管理员）")
    w.add_argument("credit_code")
    g = inc.add_parser("graduate", help="办理毕业（须满足毕业条件）")
    g.add_argument("credit_code")
    g.add_argument("--date")
    g.add_argument("--basis", choices=["high_tech", "investment", "revenue", "merger_or_listing"])
    g.add_argument("--evidence", help="兼并、收购或挂牌上市的说明")
    lv = inc.add_parser("leave", help="迁出、终止或注销")
    lv.add_argument("credit_code")
    lv.add_argument("--date")
    lv.add_argument("--reason", default="迁出", choices=["迁出", "终止", "注销"])
    lv.add_argument("--notes")
    h = inc.add_parser("history", help="孵化历程")
    h.add_argument("credit_code")

    exp = sub.add_parser("expiring", help="即将到期的资质")
    exp.add_argument("--days", type=int, default=90)
    exp.add_argument("--as-of", help="以该日期为准（默认今天）")
    ov = sub.add_parser("overdue", help="超过孵化期限的在孵企业")
    ov.add_argument("--as-of", help="以该日期为准（默认今天）")
    cand = sub.add_parser("candidates", help="已满足毕业条件但尚未毕业的在孵企业")
    cand.add_argument("--as-of", help="以该日期为准（默认今天）")
    st = sub.add_parser("stats", help="统计表：街道×阶段、街道×领域、孵化漏斗、载体、资质、产值")
    st.add_argument(
        "table",
        choices=[
            "street-stage",
            "street-field",
            *FIELD_TABLES,
            "funnel",
            "carriers",
            "qualifications",
            "output",
            *CARRIER_TABLES,
        ],
    )
    st.add_argument("--year", type=int, help="年度（漏斗、产值、载体；默认去年或近几年）")
    return {
        "incubation": cmd_incubation,
        "expiring": cmd_expiring,
        "overdue": cmd_overdue,
        "candidates": cmd_candidates,
        "stats": cmd_stats,
    }


def cmd_incubation(args, registry):
    if args.action is None:
        raise UsageError(
            "参数错误：incubation 需要 admit/move/graduate/leave/correct/withdraw/history 之一"
        )
    enterprise = registry.enterprises.get_by_code(args.credit_code)
    inc = registry.incubation
    if args.action in ("admit", "move"):
        carrier = registry.carriers.get_by_name(args.carrier)
        day = parse_day(args.date)
        if args.action == "admit":
            r = inc.admit(enterprise.id, carrier.id, day, override_reason=args.override)
        else:
            r = inc.move(
                enterprise.id, carrier.id, day, override_reason=args.override, reason=args.reason
            )
        verb = "已入驻" if args.action == "admit" else "已迁移"
        print(
            T.RESIDENCY_DONE.format(
                action=verb,
                name=r.enterprise_name,
                carrier=r.carrier,
                stage=r.stage,
                date=r.entered_on.isoformat(),
            )
        )
    elif args.action == "graduate":
        r = inc.graduate(enterprise.id, parse_day(args.date), args.basis, args.evidence)
        print(T.GRADUATED.format(name=r.enterprise_name, basis=r.notes))
    elif args.action == "leave":
        r = inc.leave(enterprise.id, parse_day(args.date), args.reason, args.notes)
        print(
            T.LEFT.format(reason=r.exit_reason, name=r.enterprise_name, date=r.left_on.isoformat())
        )
    elif args.action == "correct":
        carrier = registry.carriers.get_by_name(args.carrier).id if args.carrier else None
        if args.date is None and carrier is None and args.reason is None:
            raise UsageError(T.CORRECT_NOTHING)
        step = inc.correct_last_step(enterprise.id, parse_day(args.date), carrier, args.reason)
        print(T.STEP_CORRECTED.format(name=step.enterprise_name, step=step.text))
    elif args.action == "withdraw":
        step = inc.withdraw_last_step(enterprise.id)
        print(
            T.STEP_WITHDRAWN.format(name=step.enterprise_name, step=step.text, undo=step.undo_text)
        )
    elif args.action == "history":
        out.table(
            T.HISTORY_HEADERS,
            [
                (
                    r.carrier,
                    r.stage,
                    r.entered_on,
                    r.left_on or "在孵",
                    r.exit_reason or "",
                    r.months,
                    r.explanation,
                )
                for r in inc.history(enterprise.id)
            ],
            max_width=60,
        )
    return EXIT_OK


def cmd_expiring(args, registry):
    as_of = parse_day(args.as_of) or datetime.date.today()
    rows = registry.qualifications.expiring(args.days, as_of)
    if not rows:
        print(T.EXPIRING_NONE.format(days=args.days))
        return EXIT_OK
    out.table(
        T.EXPIRING_HEADERS,
        [
            (
                q.enterprise_name,
                q.credit_code,
                q.street,
                q.kind,
                q.number,
                q.expires_on,
                (q.expires_on - as_of).days,
            )
            for q in rows
        ],
    )
    return EXIT_OK


def cmd_overdue(args, registry):
    rows = registry.incubation.overdue(parse_day(args.as_of))
    print(registry.incubation.time_limit_text())
    if not rows:
        print(T.OVERDUE_NONE)
        return EXIT_OK
    out.table(
        T.OVERDUE_HEADERS,
        [(r.enterprise_name, r.carrier, r.stage, r.entered_on, r.months, r.basis) for r in rows],
    )
    return EXIT_OK


def cmd_candidates(args, registry):
    rows = registry.incubation.graduation_candidates(parse_day(args.as_of))
    if not rows:
        print(T.CANDIDATES_NONE)
        return EXIT_OK
    out.table(
        T.CANDIDATES_HEADERS,
        [(r.enterprise_name, r.carrier, r.stage, r.entered_on, r.basis) for r in rows],
    )
    return EXIT_OK


def cmd_stats(args, registry):
    stats = registry.statistics
    this_year = datetime.date.today().year
    if args.year is not None:  # the years' rule of the annual reports (1990 to this year)
        check_year(args.year)
    if args.table in ("street-stage", "street-field", "output", *FIELD_TABLES):
        if args.table == "street-stage":
            table = stats.street_stage()
        elif args.table == "street-field":
            table = stats.street_field()
        elif args.table in FIELD_TABLES:
            table = stats.street_counts(FIELD_TABLES[args.table])
        else:
            table = stats.field_output(args.year or this_year - 1)
        print(table.title)
        if args.table == "output":  # columns are different measures: no row sums
            rows = [(label, *values) for label, values in table.rows]
            rows.append((T.TOTAL_ROW, *table.totals))
            out.table([table.row_header, *table.columns], rows)
        else:
            rows = [(label, *values, sum(values)) for label, values in table.rows]
            rows.append((T.TOTAL_ROW, *table.totals, table.total))
            out.table([table.row_header, *table.columns, T.TOTAL_COLUMN], rows)
    elif args.table == "qualifications":
        years = [args.year] if args.year else list(range(2017, this_year + 1))
        table = stats.qualification_counts(years)
        print(table.title)
        out.table([table.row_header, *table.columns], [(y, *v) for y, v in table.rows])
    elif args.table == "funnel":
        years = [args.year] if args.year else list(range(2018, this_year + 1))
        rows = [
            (
                f.year,
                f.admitted,
                *[f.promoted.get(s, 0) for s in T.FUNNEL_STAGES],
                f.graduated,
                f.left,
            )
            for f in stats.funnel(years)
        ]
        out.table(T.FUNNEL_HEADERS, rows)
    elif args.table in CARRIER_TABLES:
        sections = carrier_sections(stats, args.year or this_year - 1)
        section = sections[CARRIER_TABLES.index(args.table)]
        print(section["title"])
        totals = [section["totals"]] if section["totals"] else []
        out.table(section["headers"], section["rows"] + totals)
        print(section["note"])
    elif args.table == "carriers":
        out.table(
            T.CARRIER_HEADERS,
            [
                (
                    c.name,
                    c.kind,
                    c.level,
                    c.street or "",
                    c.area_m2 or "",
                    c.residents,
                    c.area_used_m2,
                    c.graduates,
                )
                for c in stats.carrier_occupancy()
            ],
        )
    return EXIT_OK
