"""What the lists' 导出Excel and 打印名单 buttons produce, decided without Tk.

An :class:`Output` says which job to run and the file name to offer.  A list whose filters
match one of the registry's standard lists prints that list (高新技术企业名单 of a street…);
any other filter combination prints the rows on screen as a ListReport built here, with the
filters in its subtitle, so the paper always shows what the screen shows.
"""

import dataclasses
import datetime
import functools

from gjz_registry import RegistryError, fields, output_kinds
from gjz_registry.fields import ENTERPRISE
from gjz_registry.services.periods import parse_period
from reports.data import ListReport
from ui import files, jobs
from ui import texts as T

ALL_ROWS = 1_000_000
# the enterprise list's columns (code, heading, width) and those its 打印名单 prints
ENTERPRISE_COLUMNS = ENTERPRISE.list_columns
ENTERPRISE_PRINTED = tuple(code for code, _, _ in ENTERPRISE_COLUMNS if ENTERPRISE[code].printed)
CARRIER_LIST = "carrier-list"  # the report kind (gjz_registry.output_kinds) of the carriers


@dataclasses.dataclass
class Output:
    """A file to write: dialog title, offered name, ``kind`` (pdf/xlsx) and the job."""

    title: str
    initialfile: str
    kind: str
    job: object


def district(registry):
    return registry.listings.district()


def describe_filters(filters, labels=None):
    """「所属街道：大连湾街道；产业领域：新材料」 for the filters that are set."""
    labels = labels or T.FILTER_LABELS
    return "；".join(
        f"{labels.get(k) or fields.label('enterprise', k)}：{v}" for k, v in filters.items() if v
    )


def _report(registry, title, columns, rows, filters, note=""):
    today = datetime.date.today()
    described = describe_filters(filters)
    when = T.REPORT_AS_OF.format(date=f"{today.year}年{today.month}月{today.day}日")
    subtitle = "（" + "；".join(x for x in (described, when) if x) + "）"
    return ListReport(
        title=title,
        columns=list(columns),
        rows=rows,
        unit_name=registry.listings.unit_name(),
        date=today,
        subtitle=subtitle,
        note=note,
    )


# --- the enterprise list -------------------------------------------------------------------
def enterprise_export(registry, filters, text):
    """导出Excel of the enterprise list: the 企业信息 sheet with exactly the list's filters."""
    active = {k: v for k, v in filters.items() if v}
    if text:
        active["text"] = text
    name = files.default_name(T.EXPORT_ENTERPRISES, "xlsx", district(registry), stamp=True)
    return Output(T.OUT_XLSX_TITLE, name, "xlsx", jobs.export(registry, "enterprises", **active))


def enterprise_print(registry, filters, text, order_by):
    """打印名单 of the enterprise list: a standard list when the filters are exactly one
    (高企 or 科小, perhaps with a street), else the list's own rows."""
    active = {k: v for k, v in filters.items() if v}
    street = active.get("street")
    rest = {k: v for k, v in active.items() if k not in ("street", "qualification")}
    standard = output_kinds.standard_lists(active.get("qualification"))
    if standard and not rest and not text:
        report = standard[1]
        name = files.default_name(report.title, "pdf", district(registry), street)
        return Output(T.OUT_PDF_TITLE, name, "pdf", jobs.listing_pdf(registry, report.code, street))
    name = files.default_name(T.ENTERPRISE_REPORT_TITLE, "pdf", district(registry), street)
    build = functools.partial(enterprise_report, registry, active, text, order_by)
    return Output(T.OUT_PDF_TITLE, name, "pdf", jobs.report_pdf(registry, build))


def enterprise_report(registry, filters, text, order_by):
    """A ListReport of every enterprise the list shows (all pages), in the list's order."""
    page = registry.enterprises.list(
        text=text or None, order_by=order_by, offset=0, limit=ALL_ROWS, **filters
    )
    rows = [enterprise_cells(e, ENTERPRISE_PRINTED) for e in page.items]
    shown = dict(filters)
    if text:
        shown["text"] = text
    title = f"{district(registry)}{T.ENTERPRISE_REPORT_TITLE}"
    headers = [ENTERPRISE[code].heading for code in ENTERPRISE_PRINTED]
    return _report(registry, title, headers, rows, shown)


def enterprise_cells(record, codes):
    """The list's texts of an enterprise record for the fields ``codes``."""
    cells = []
    for code in codes:
        value = getattr(record, code)
        if code == "stage" and not value:
            value = T.NOT_IN_CHAIN
        cells.append("" if value is None else value)
    return cells


# --- the carrier list ----------------------------------------------------------------------
def carrier_export(registry, filters, text):
    active = {("carrier_kind" if k == "kind" else k): v for k, v in filters.items() if v}
    if text:
        active["text"] = text
    name = files.default_name(T.EXPORT_CARRIERS, "xlsx", district(registry), stamp=True)
    return Output(T.OUT_XLSX_TITLE, name, "xlsx", jobs.export(registry, "carriers", **active))


def carrier_print(registry, filters, text, rows, headers):
    """The standard 孵化载体名单 when at most a street is chosen, else the rows on screen."""
    active = {k: v for k, v in filters.items() if v}
    street = active.get("street")
    if set(active) <= {"street"} and not text:
        title = output_kinds.report_kind(CARRIER_LIST).title
        name = files.default_name(title, "pdf", district(registry), street)
        return Output(
            T.OUT_PDF_TITLE, name, "pdf", jobs.listing_pdf(registry, CARRIER_LIST, street)
        )
    shown = {("carrier_kind" if k == "kind" else k): v for k, v in active.items()}
    if text:
        shown["text"] = text
    title = f"{district(registry)}{T.CARRIER_REPORT_TITLE}"
    report = _report(registry, title, headers, [list(values) for _, values in rows], shown)
    name = files.default_name(T.CARRIER_REPORT_TITLE, "pdf", district(registry), street)
    return Output(T.OUT_PDF_TITLE, name, "pdf", jobs.report_pdf(registry, report))


# --- the qualification view ----------------------------------------------------------------
def qualification_export(registry, kind, street):
    """高企/科小: their standard lists; another kind: the 企业信息 of its holders."""
    standard = output_kinds.standard_lists(kind)
    if standard:
        name = files.default_name(standard[1].title, "xlsx", district(registry), street)
        job = jobs.export(registry, standard[0].code, street=street)
    else:
        name = files.default_name(kind + T.HOLDERS, "xlsx", district(registry), street)
        job = jobs.export(registry, "enterprises", qualification=kind, street=street)
    return Output(T.OUT_XLSX_TITLE, name, "xlsx", job)


def qualification_print(registry, kind, street, text, rows, headers, title):
    """The standard list of 高企/科小, else the rows on screen (``title`` names them)."""
    standard = output_kinds.standard_lists(kind)
    if standard and not text:
        report = standard[1]
        name = files.default_name(report.title, "pdf", district(registry), street)
        return Output(T.OUT_PDF_TITLE, name, "pdf", jobs.listing_pdf(registry, report.code, street))
    filters = {"street": street, "text": text}
    full = f"{district(registry)}{title}"
    report = _report(registry, full, headers, [list(values) for _, values in rows], filters)
    name = files.default_name(title, "pdf", district(registry), street)
    return Output(T.OUT_PDF_TITLE, name, "pdf", jobs.report_pdf(registry, report))


# --- choices shared by the 导入导出 and 报表证书 screens ---------------------------------------
def year_choices(first=2018):
    """[(year or None, label)]: 今年 (the list as of today), then the past years."""
    this = datetime.date.today().year
    return [(None, T.YEAR_CURRENT)] + [
        (y, T.YEAR_LABEL.format(year=y)) for y in range(this - 1, first - 1, -1)
    ]


def period_choices(registry):
    """([(period, label)], default period) of the current plan: each half-year, then each
    whole year; ([], None) when no plan has been entered."""
    try:
        halves = registry.targets.periods()
        default = registry.targets.default_period()
    except RegistryError:
        return [], None
    texts = []
    for text in halves:
        texts.append(text)
        if text.endswith("H2"):
            texts.append(text[:4])
    labels = [(t, parse_period(t)) for t in texts]
    return [(t, p.label + ("" if p.half else T.WHOLE_YEAR)) for t, p in labels], default
