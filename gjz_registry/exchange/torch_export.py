"""The Torch statistics exports: ``torch-carriers`` and ``torch-residents`` (火炬统计).

``gjz export torch-carriers --year Y`` writes one sheet per form — 科技企业孵化器 (the
incubators, accelerators and industrial bases) and 众创空间 — with one row per carrier that
has 年度运营 figures of the year; ``gjz export torch-residents --year Y`` one row per
enterprise in residence at the year's end, with its annual data of the year.  The columns are
the forms' (exchange.torch_layouts), under a note row naming each column's source; a column
the registry cannot fill stays and is marked (grey, 「本系统无此数据」).

Units: money is stored in 万元 with 4 decimals and written in 千元 as value × 10 — exact, no
rounding (at most 3 decimals); counts are integers, flags 是/否.  The in-incubation counts
are the carrier's reported ones (the return is the carrier's), each followed by the count the
registry computes from the residency history (services.carrier_counts); where the two differ
both cells are filled orange and the last column lists the differences.

The workbooks are small and carry fills, so they are written with openpyxl, every cell
through xlsx_writer.keep_text (text stays text: nothing becomes a formula).  Scope as every
export: a street user gets the carriers of their street and the residents registered there.
"""

import datetime
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from db.models import AnnualReport, Carrier, CarrierYear, Enterprise, Residency
from gjz_registry import reference as ref
from gjz_registry.exchange import torch_layouts as L
from gjz_registry.exchange import xlsx_writer as xw
from gjz_registry.exchange.annual_export import default_year
from gjz_registry.exchange.exporter import Table, register_export
from gjz_registry.services import carrier_counts
from gjz_registry.services.annual_flags import flags_for

CARRIERS_TITLE = "火炬统计·载体运营综合情况"
RESIDENTS_TITLE = "火炬统计·在孵企业"
INCUBATOR_SHEET = "科技企业孵化器"
MAKERSPACE_SHEET = "众创空间"
RESIDENT_SHEET = "在孵企业"
SEQ = "序号"
UNIT_NOTE = (
    "金额单位为千元：本系统以万元存储（4 位小数），导出时乘以 10（1 万元 = 10 千元），"
    "数值精确、不作舍入（最多 3 位小数）；人数、个数为整数；是/否 按年末（12 月 31 日）状态。"
)
MARK_NOTE = f"标灰的列为国家表格中本系统无对应数据的指标（「{L.NO_DATA}」），请按表格要求另行填写。"
COUNT_NOTE = (
    "在孵企业数等五项填入载体填报的数字，其后一列为本系统按入驻记录计算的数字；"
    "二者不一致时两格标橙色，并在最后一列列出。"
)
GREY = PatternFill("solid", fgColor="D9D9D9")
ORANGE = PatternFill("solid", fgColor="F8CBAD")
_AWARDS = (ref.AWARD_LEVELS[0], ref.AWARD_LEVELS[1])  # 国家级, 省级: 省级以上


def thousand(value):
    """万元 → 千元, exactly (Decimal; None stays None)."""
    if value is None:
        return None
    return (Decimal(str(value)) * 10).normalize() + 0


def cell_value(column, value):
    """How ``column`` writes ``value``: 千元, an integer, 是/否, a date, text."""
    if value is None:
        return None
    if column.kind == L.MONEY:
        return thousand(value)
    if column.kind == L.COUNT:
        return int(value)
    if column.kind == L.AREA:
        return Decimal(str(value)).normalize() + 0
    if column.kind == L.YES:
        return "是" if value else "否"
    if column.kind == L.DATE and isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


class Sheet:
    """One written sheet: headings, the note row, data rows and the cells to fill."""

    def __init__(self, title, headings, notes, marked):
        self.title, self.headings, self.notes, self.marked = title, headings, notes, marked
        self.rows, self.flagged = [], []  # flagged: (row index, column index)


def _carrier_sheet(title, layout, entries, counts, outputs):
    """The sheet of one carrier form: ``entries`` [(CarrierRecord, CarrierYear)]."""
    headings, notes, marked = [SEQ], ["本系统"], set()
    for column in layout:
        if column.marked:
            marked.add(len(headings))
        headings.append(column.heading)
        notes.append(L.note(column))
        if column.compare:
            headings.append(column.heading + L.COMPUTED_SUFFIX)
            notes.append(L.SOURCE_NOTES["counts"])
    headings.append(L.DIFFERENCE_HEADING)
    notes.append(L.SOURCE_NOTES["counts"])
    sheet = Sheet(title, headings, notes, marked)
    for number, (carrier, year_row) in enumerate(entries, start=1):
        sources = {
            "carrier": _carrier_values(carrier),
            "year": _year_values(year_row),
            "outputs": outputs[carrier.id],
        }
        computed = counts[carrier.id]
        row, differences = [number], []
        for column in layout:
            row.append(cell_value(column, _source(column.source, sources)))
            if column.compare:
                reported, own = row[-1], getattr(computed, column.compare)
                row.append(own)
                if reported is not None and reported != own:
                    at = len(sheet.rows)
                    sheet.flagged += [(at, len(row) - 2), (at, len(row) - 1)]
                    name = column.heading.split("（")[0]
                    differences.append(f"{name}：填报 {reported}，计算 {own}")
        row.append("；".join(differences) or None)
        sheet.rows.append(row)
    return sheet


def _source(source, sources):
    if source is None:
        return None
    kind, name = source.split(".", 1)
    values = sources[kind]
    return values.get(name) if isinstance(values, dict) else getattr(values, name)


def _carrier_values(carrier):
    return {
        "name": carrier.name,
        "address": carrier.address,
        "operator_credit_code": carrier.operator_credit_code,
        "national": carrier.level == ref.CARRIER_LEVELS[0],  # 国家级
    }


def _year_values(row):
    values = {field.name: getattr(row, field.name) for field in CarrierYear._meta.sorted_fields}
    full, part = row.mentors_full, row.mentors_part
    values["mentors"] = None if full is None and part is None else (full or 0) + (part or 0)
    return values


@register_export("torch-carriers", CARRIERS_TITLE)
def torch_carriers(service, year=None, street=None, **_):
    """Both carrier forms of ``year`` (default: last year) for the carriers in scope."""
    year = default_year(year)
    registry = service.registry
    page = registry.carriers.list(street=street, limit=1_000_000, output=True)
    carriers = {c.id: c for c in page.items}
    rows = (
        CarrierYear.select()
        .join(Carrier)
        .where((CarrierYear.year == year) & CarrierYear.carrier.in_(list(carriers) or [0]))
        .order_by(Carrier.kind, Carrier.name)
    )
    entries = [(carriers[r.carrier_id], r) for r in rows]
    ids = [c.id for c, _ in entries]
    counts = carrier_counts.year_counts(ids, year)
    outputs = carrier_counts.resident_outputs(ids, year)
    makerspace = ref.CARRIER_KINDS[0]
    sheets = [
        _carrier_sheet(
            INCUBATOR_SHEET, L.INCUBATOR, [e for e in entries if e[0].kind != makerspace],
            counts, outputs,
        ),
        _carrier_sheet(
            MAKERSPACE_SHEET, L.MAKERSPACE, [e for e in entries if e[0].kind == makerspace],
            counts, outputs,
        ),
    ]  # fmt: skip
    missing = sorted(set(carriers) - set(ids), key=lambda i: (carriers[i].kind, carriers[i].name))
    extra = [("金额单位", UNIT_NOTE), ("标灰列", MARK_NOTE), ("在孵企业数", COUNT_NOTE)]
    if missing:
        names = "、".join(carriers[i].name for i in missing)
        extra.append(("未填报年度运营的载体", f"{len(missing)} 个（未列入）：{names}"))
    return _table(f"{year}年{CARRIERS_TITLE}", sheets, extra)


@register_export("torch-residents", RESIDENTS_TITLE)
def torch_residents(service, year=None, street=None, **_):
    """The in-incubation enterprise form of ``year`` (default: last year): the enterprises in
    scope in residence at the year's end, with their annual data of the year."""
    year = default_year(year)
    scoped = service.registry.enterprises._filtered(street=street).select(Enterprise.id)
    carrier_ids = [c for (c,) in Carrier.select(Carrier.id).tuples()]
    stays = list(
        Residency.select(Residency, Carrier, Enterprise)
        .join(Carrier, on=(Residency.carrier == Carrier.id))
        .switch(Residency)
        .join(Enterprise, on=(Residency.enterprise == Enterprise.id))
        .where(
            carrier_counts.residents_at_end(carrier_ids, year) & Residency.enterprise.in_(scoped)
        )
        .order_by(Carrier.kind, Carrier.name, Residency.entered_on, Enterprise.name_pinyin)
    )
    ids = [s.enterprise_id for s in stays]
    reports = {
        r.enterprise_id: r
        for r in AnnualReport.select().where(
            (AnnualReport.year == year) & AnnualReport.enterprise.in_(ids or [0])
        )
    }
    flags = flags_for(ids, year)
    headings = [SEQ] + [c.heading for c in L.RESIDENT]
    notes = ["本系统"] + [L.note(c) for c in L.RESIDENT]
    marked = {i + 1 for i, c in enumerate(L.RESIDENT) if c.marked}
    sheet = Sheet(RESIDENT_SHEET, headings, notes, marked)
    for number, stay in enumerate(stays, start=1):
        eid = stay.enterprise_id
        sources = _resident_values(stay, reports.get(eid), flags.get(eid, {}))
        sheet.rows.append(
            [number] + [cell_value(c, _source(c.source, sources)) for c in L.RESIDENT]
        )
    extra = [("金额单位", UNIT_NOTE), ("标灰列", MARK_NOTE)]
    return _table(f"{year}年{RESIDENTS_TITLE}", [sheet], extra)


def _resident_values(stay, report, flags):
    """The values a resident's row reads, by source kind (see torch_layouts)."""
    enterprise = stay.enterprise
    annual = {}
    if report is not None:
        annual = {f.name: getattr(report, f.name) for f in AnnualReport._meta.sorted_fields}
        annual["provincial_award"] = report.award_level in _AWARDS
    return {
        "enterprise": {
            "name": enterprise.name,
            "credit_code": enterprise.credit_code,
            "founded_on": enterprise.founded_on,
            "tech_field": enterprise.tech_field,
            "registered_capital": enterprise.registered_capital,
        },
        "stay": {
            "carrier": stay.carrier.name,
            "entered_on": stay.entered_on,
            "graduated": False,  # in residence at the year's end
        },
        "annual": annual,
        "flag": {kind: bool(held) for kind, held in flags.items()},
    }


def _table(title, sheets, extra):
    """The export's Table: the sheets are written by :func:`write_workbook`."""

    def write(path, about):
        return write_workbook(path, sheets, about, extra)

    return Table(title, [], [], write=write)


def write_workbook(path, sheets, about, extra=()):
    """Write ``sheets`` and the 说明 sheet (``about(count)`` rows, then ``extra``) to
    ``path``; return the number of data rows."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    count = sum(len(s.rows) for s in sheets)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.title[:31]), sheet)
    info = book.create_sheet("说明")
    info.append(["项目", "内容"])
    for row in list(about(count)) + list(extra):
        info.append(xw.printable(row))
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 24, 100
    for row in info.iter_rows():
        for cell in row:
            xw.keep_text(cell)
            cell.font = Font(name=xw.FONT_NAME)
    book.save(path)
    return count


def _write_sheet(ws, sheet):
    bold, plain = Font(name=xw.FONT_NAME, bold=True), Font(name=xw.FONT_NAME)
    muted = Font(name=xw.FONT_NAME, italic=True, color="808080")
    wrap = Alignment(wrap_text=True, vertical="center")
    ws.append(sheet.headings)
    ws.append(sheet.notes)
    for row in sheet.rows:
        ws.append(xw.printable(row))
    flagged = {(r + 3, c + 1) for r, c in sheet.flagged}
    marked = {c + 1 for c in sheet.marked}
    for row in ws.iter_rows():
        for cell in row:
            xw.keep_text(cell)
            cell.font = bold if cell.row == 1 else muted if cell.row == 2 else plain
            if cell.row <= 2:
                cell.alignment = wrap
            if cell.column in marked:
                cell.fill = GREY
            elif (cell.row, cell.column) in flagged:
                cell.fill = ORANGE
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str) and cell.row > 2:
                cell.number_format = "@"
    for index, heading in enumerate(sheet.headings):
        # the heading wraps onto two lines; a name or a code should not be cut off
        widest = max((xw.display_width(str(r[index])) for r in sheet.rows if r[index]), default=0)
        width = min(40, max(8, xw.display_width(heading) // 2 + 2, widest + 2))
        ws.column_dimensions[xw.column_letter(index)].width = width
    ws.freeze_panes = "B3"
