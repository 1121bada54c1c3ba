"""Report and certificate commands: ``report KIND OUT.pdf`` and ``certificate …``.

    gjz report high-tech-list|tech-sme-list|carrier-list|residents|statistics OUT.pdf
               [--street S] [--year Y | --granted-in Y]
    gjz certificate issue KIND (--enterprise CODE … | --carrier NAME …) OUT.pdf [--date D]
    gjz certificate verify SERIAL [--code CODE]      (or the QR text GJZ-CERT|serial|code)
    gjz certificate revoke SERIAL --reason R [--date D]
    gjz certificate reprint SERIAL … OUT.pdf
    gjz certificate list [--kind K] [--text T] [--status 有效|已撤销] [--limit N]
    gjz certificate template KIND [--set FILE | --reset]

A front end like cli.py: the services return plain records, this module hands them to the
renderers in ``reports``.  Exit codes: ``verify`` returns 0 only for a valid certificate and
2 for 已撤销 / 未知 / 校验码不符 (the verdict is printed on stdout either way); a batch issue
with some holders refused returns 1 (the others are issued and printed).  The report kinds are
gjz_registry.output_kinds'; ``REPORTS`` maps each source of report to its function ``(args,
registry, fonts) -> message`` (``targets``: cli_targets' ``report_targets``).
"""

import os
import sys

from gjz_registry import certificate_texts, output_kinds, settings
from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, Parser, UsageError, count
from gjz_registry.cli_review import add_review_options, report_ranking, report_review
from gjz_registry.cli_targets import add_target_options, report_targets
from gjz_registry.textfiles import read_user_text


# --- report ------------------------------------------------------------------------------
def report_list(args, registry, fonts):
    from reports.lists import render_list

    listing = registry.listings.listing(
        args.kind, street=args.street, year=args.year, granted_in=args.granted_in
    )
    render_list(listing, args.output, fonts, registry.outputs)
    if not listing.rows:
        print(T.REPORT_EMPTY.format(title=listing.title), file=sys.stderr)
    return T.LIST_WRITTEN.format(title=listing.title, rows=len(listing.rows), path=args.output)


def report_statistics(args, registry, fonts):
    from reports.statistics import render_statistics

    if args.street:
        raise UsageError(T.STATISTICS_NO_STREET)
    data = registry.listings.statistics_report(args.year)
    render_statistics(data, args.output, fonts, registry.outputs)
    return T.STATISTICS_WRITTEN.format(
        title=data["title"], sections=len(data["sections"]), path=args.output
    )


# How each source of report (gjz_registry.output_kinds) is made: source → function(args,
# registry, fonts) -> message.  The kinds themselves are the registry's.
REPORTS = {
    "listing": report_list,
    "statistics": report_statistics,
    "targets": report_targets,
    "review": report_review,
    "ranking": report_ranking,
}


def fonts_for(registry):
    """The embedded Chinese font: Setting font_path, else env GJZ_FONT, else the system's.

    Prints the font's note on stderr when it is not what was asked for (the configured file
    is unusable, or only the non-embedded fallback exists).
    """
    from reports.fonts import register_fonts

    configured = registry.reference.setting(settings.FONT_PATH)
    fonts = register_fonts(configured)
    asked = configured or os.environ.get("GJZ_FONT")
    if not fonts.choice.embedded or (asked and fonts.choice.source != "config"):
        print(T.FONT_NOTE.format(note=fonts.choice.note), file=sys.stderr)
    return fonts


def _check_output(registry, path):
    """Refuse an output path before any work is done: the output guard's rule (never the
    database, a backup or another SQLite file; the folder must exist), then the suffix."""
    registry.outputs.check(path)
    if not str(path).lower().endswith(".pdf"):
        raise UsageError(T.OUTPUT_NOT_PDF.format(path=path))


def cmd_report(args, registry):
    _check_output(registry, args.output)
    make = REPORTS[output_kinds.report_kind(args.kind).source]
    message = make(args, registry, fonts_for(registry))
    print(message)
    return EXIT_OK


# --- certificate ---------------------------------------------------------------------------
def cmd_certificate(args, registry):
    handler = {
        "issue": _issue,
        "verify": _verify,
        "revoke": _revoke,
        "reprint": _reprint,
        "list": _list,
        "template": _template,
    }.get(args.action)
    if handler is None:
        raise UsageError(T.CERTIFICATE_ACTION_NEEDED)
    return handler(args, registry)


def _render(registry, records, path, fonts):
    from reports.certificates import render_certificates

    render_certificates(records, path, fonts, registry.outputs)


def _issue(args, registry):
    kind = certificate_texts.kind_of(args.kind)
    if bool(args.enterprise) == bool(args.carrier):
        raise UsageError(T.ISSUE_TARGET_NEEDED)
    _check_output(registry, args.output)
    # Resolve every code or name first: a typo stops the command before anything is issued.
    enterprise_ids = [registry.enterprises.get_by_code(c).id for c in args.enterprise or ()]
    carrier_ids = [registry.carriers.get_by_name(n).id for n in args.carrier or ()]
    fonts = fonts_for(registry)

    def deliver(records):  # inside the transaction: a failed PDF records nothing
        _render(registry, records, args.output, fonts)

    service = registry.certificates
    if len(enterprise_ids) + len(carrier_ids) == 1:
        record = service.issue(
            kind.key,
            enterprise_id=enterprise_ids[0] if enterprise_ids else None,
            carrier_id=carrier_ids[0] if carrier_ids else None,
            on_date=args.date,
            deliver=deliver,
        )
        issued, refused = [record], []
    else:
        result = service.issue_batch(
            kind.key, enterprise_ids, carrier_ids, on_date=args.date, deliver=deliver
        )
        issued, refused = result.issued, result.refused
    for name, reason in refused:
        print(T.ISSUE_REFUSED.format(name=name, reason=reason), file=sys.stderr)
    if not issued:
        print(T.ISSUE_NONE, file=sys.stderr)
        return EXIT_ERROR
    for r in issued:
        print(
            T.ISSUED.format(
                title=r.title, serial=r.serial, holder=r.holder_name, code=r.verify_code
            )
        )
    print(T.CERTIFICATES_WRITTEN.format(count=len(issued), path=args.output))
    return EXIT_REJECTED if refused else EXIT_OK


def _verify(args, registry):
    service = registry.certificates
    if "|" in args.serial:
        if args.code:
            raise UsageError(T.VERIFY_PAYLOAD_AND_CODE)
        result = service.verify_payload(args.serial)
    else:
        result = service.verify(args.serial, args.code)
    if result.holder_name is None:
        print(T.VERIFY_UNKNOWN.format(status=result.status, serial=result.serial))
    else:
        print(
            T.VERIFY_LINE.format(
                status=result.status,
                serial=result.serial,
                title=result.title,
                holder=result.holder_name,
                date=result.issued_on.isoformat(),
            )
        )
    if result.detail:
        print(result.detail)
    return EXIT_OK if result.valid else EXIT_ERROR


def _revoke(args, registry):
    record = registry.certificates.revoke(args.serial, args.reason, args.date)
    print(
        T.REVOKED.format(
            serial=record.serial,
            holder=record.holder_name,
            date=record.revoked_on.isoformat(),
            reason=record.revoke_reason,
        )
    )
    return EXIT_OK


def _reprint(args, registry):
    _check_output(registry, args.output)
    records = [registry.certificates.reprint(s) for s in args.serials]
    _render(registry, records, args.output, fonts_for(registry))
    print(T.CERTIFICATES_WRITTEN.format(count=len(records), path=args.output))
    return EXIT_OK


def _list(args, registry):
    page = registry.certificates.list(
        kind=args.kind, text=args.text, status=args.status, limit=args.limit
    )
    if not page.items:
        print(T.CERTIFICATES_NONE)
        return EXIT_OK
    out.table(
        T.CERTIFICATE_HEADERS,
        [
            (
                r.serial,
                r.title,
                r.holder_name,
                r.street or "",
                r.issued_on,
                r.status,
                r.verify_code,
                r.issued_by or "",
            )
            for r in page.items
        ],
    )
    if page.total > len(page.items):
        print(T.CERTIFICATES_MORE.format(shown=len(page.items), total=page.total))
    return EXIT_OK


def _template(args, registry):
    service = registry.certificates
    kind = certificate_texts.kind_of(args.kind)
    if args.set and args.reset:
        raise UsageError(T.TEMPLATE_SET_OR_RESET)
    if args.set:
        service.set_template(kind.key, read_user_text(args.set, T.TEMPLATE_FILE))
        print(T.TEMPLATE_SAVED.format(title=kind.title))
    elif args.reset:
        service.set_template(kind.key, None)
        print(T.TEMPLATE_RESET.format(title=kind.title))
    print(service.template(kind.key))
    known = "、".join(
        f"{{{n}}}{certificate_texts.PLACEHOLDER_LABELS.get(n, '')}" for n in kind.placeholders
    )
    print(T.TEMPLATE_PLACEHOLDERS.format(known=known))
    return EXIT_OK


# --- parser --------------------------------------------------------------------------------
def register(sub):
    """Add ``report`` and ``certificate`` to ``sub``; return {command: handler}."""
    rep = sub.add_parser("report", help="生成 PDF 报表：名单、统计报告")
    kinds = [k.code for k in output_kinds.report_kinds()]
    rep.add_argument("kind", choices=kinds, metavar="KIND", help="、".join(kinds))
    rep.add_argument("output", metavar="OUT.pdf")
    rep.add_argument("--street", help="只含该街道")
    rep.add_argument("--year", type=int, help="年度（名单以该年 12 月 31 日为准；默认今天）")
    rep.add_argument(
        "--granted-in", type=int, metavar="YEAR", help="新认定年度：该年新认定（入库）的资质名单"
    )
    add_target_options(rep)
    add_review_options(rep)

    cert = sub.add_parser(
        "certificate", help="证书：签发、核验、撤销、补打、登记簿"
    ).add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    kinds = "、".join(f"{k.key}（{k.title}）" for k in certificate_texts.KINDS.values())
    issue = cert.add_parser("issue", help="签发证书并生成 PDF（多家企业为批量，一页一份）")
    issue.add_argument("kind", metavar="KIND", help=kinds)
    issue.add_argument("--enterprise", action="append", metavar="CODE", help="企业统一社会信用代码")
    issue.add_argument("--carrier", action="append", metavar="NAME", help="载体名称")
    issue.add_argument("output", metavar="OUT.pdf")
    issue.add_argument("--date", help="发证日期 YYYY-MM-DD（默认今天）")
    verify = cert.add_parser("verify", help="核验证书：证书编号，或二维码内容")
    verify.add_argument("serial", metavar="SERIAL", help="证书编号，或 GJZ-CERT|编号|验证码")
    verify.add_argument("--code", help="证书上印的验证码")
    revoke = cert.add_parser("revoke", help="撤销证书（记录保留）")
    revoke.add_argument("serial", metavar="SERIAL")
    revoke.add_argument("--reason", required=True, help="撤销原因")
    revoke.add_argument("--date", help="撤销日期（默认今天）")
    reprint = cert.add_parser("reprint", help="补打已签发的证书")
    reprint.add_argument("serials", nargs="+", metavar="SERIAL")
    reprint.add_argument("output", metavar="OUT.pdf")
    listing = cert.add_parser("list", help="证书登记簿")
    listing.add_argument("--kind", help=kinds)
    listing.add_argument("--text", help="证书编号或持证单位名称中的文字")
    listing.add_argument("--status", choices=["有效", "已撤销"])
    listing.add_argument("--limit", type=count, default=100)
    template = cert.add_parser("template", help="查看或修改证书正文模板")
    template.add_argument("kind", metavar="KIND", help=kinds)
    template.add_argument(
        "--set", metavar="FILE", help="从文本文件读取新模板（UTF-8、UTF-16、GBK）"
    )
    template.add_argument("--reset", action="store_true", help="恢复默认模板")
    return {"report": cmd_report, "certificate": cmd_certificate}


__all__ = ["REPORTS", "register", "cmd_report", "cmd_certificate", "fonts_for"]
