"""The blank import templates: a sheet kind's canonical columns, ready to fill in.

Two templates are on offer (:data:`TEMPLATES`, export kinds of source ``template`` in
gjz_registry.output_kinds): ``template``, the enterprise sheet, and
``carrier-years-template``, the carriers' yearly operations (载体年度运营).  Columns with a
vocabulary get dropdown lists (DataValidation) fed from a hidden sheet that holds the current
values — 所属街道, 产业领域 and 孵化阶段 of the enterprise sheet, the carriers the user may
report for (载体名称) — so the lists follow what the registry holds; code and text columns
are formatted as text (an 18-digit code typed into a 常规 cell loses digits) and date
columns as dates; required columns are marked ＊ (the importer ignores the mark).
"""

import dataclasses

from gjz_registry import reference as ref
from gjz_registry.exchange import columns as cols

LISTS_SHEET = "下拉选项"
ROWS = 5000  # rows given the dropdowns
WIDE = ("name", "address", "carrier", "notes")  # columns given 24 characters


@dataclasses.dataclass(frozen=True)
class Template:
    """One blank template: its title, the sheet kind, the dropdowns ((column code, title))
    and the 说明 rows about filling it in."""

    title: str
    kind: str
    dropdowns: tuple
    notes: tuple


TEMPLATES = {
    "template": Template(
        "空白导入模板",
        "enterprises",
        (("street", "所属街道"), ("industry", "产业领域"), ("stage", "孵化阶段")),
        (
            ("填写说明", "带＊的列必填；统一社会信用代码、证书编号为文本格式，请勿改为数字。"),
            ("下拉列表", "所属街道、产业领域、孵化阶段请从下拉列表中选择。"),
        ),
    ),
    "carrier-years-template": Template(
        "载体年度运营导入模板",
        "carrier-years",
        (("carrier", "载体名称"),),
        (
            ("填写说明", "每个载体每年一行；带＊的列必填；面积为平方米，金额为万元。"),
            ("下拉列表", "载体名称请从下拉列表中选择（须为已登记的载体）。"),
            ("单位", "金额列的表头可注明（千元）或（元），导入时换算为万元。"),
        ),
    ),
}
SHEET = cols.ENTERPRISES.title  # the enterprise template's sheet


def _choices(service, code):
    """The values of a dropdown column."""
    registry = service.registry
    if code == "street":
        return registry.reference.streets()
    if code == "industry":
        return registry.reference.industries()
    if code == "stage":
        return list(ref.STAGES)
    # the carriers the user may report for (a street user: those of their street)
    return [c.name for c in registry.carriers.list(output=True, limit=None).items]


def write_template(service, path, code="template"):
    """Write the template ``code`` (a key of TEMPLATES) to ``path``; return an ExportResult
    (rows = 0)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from gjz_registry.exchange.exporter import ExportResult
    from gjz_registry.exchange.xlsx_writer import display_width, keep_text_everywhere

    template = TEMPLATES[code]
    kind = cols.get_kind(template.kind)
    headers = cols.export_headers(kind)
    columns = [c for c in kind.columns if c.header in headers]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = kind.title
    bold = Font(bold=True)
    for index, column in enumerate(columns):
        letter = get_column_letter(index + 1)
        cell = sheet.cell(
            row=1, column=index + 1, value=("＊" if column.required else "") + column.header
        )
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[letter].width = max(10, display_width(column.header) + 4)
        if column.type in (cols.CODE, cols.PHONE, cols.TEXT, cols.CHOICE):
            _format(sheet, letter, "@")
        elif column.type == cols.DATE:
            _format(sheet, letter, "yyyy-mm-dd")
        if column.code in WIDE:
            sheet.column_dimensions[letter].width = 24
        elif column.code == "credit_code":
            sheet.column_dimensions[letter].width = 22
    sheet.freeze_panes = "A2"

    options = workbook.create_sheet(LISTS_SHEET)
    options.sheet_state = "hidden"
    positions = {c.code: i for i, c in enumerate(columns)}
    for number, (code_, title) in enumerate(template.dropdowns, start=1):
        letter = get_column_letter(number)
        options.cell(row=1, column=number, value=title)
        values = _choices(service, code_)
        for row, value in enumerate(values, start=2):
            options.cell(row=row, column=number, value=value)
        last = max(2, len(values) + 1)
        rule = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${last}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="提示",
            error=f"请从下拉列表中选择{title}",
        )
        target = get_column_letter(positions[code_] + 1)
        rule.add(f"{target}2:{target}{ROWS + 1}")
        sheet.add_data_validation(rule)

    about = workbook.create_sheet("说明")
    unit = service.registry.reference.own_unit_name()
    for row in service.about(template.title, {}, 0)[:4] + [
        *template.notes,
        ("导入", f"填好后在「导入导出」中导入，或运行 gjz import 文件名（{unit}）。"),
    ]:
        about.append(list(row))
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 70
    keep_text_everywhere(workbook)  # reference names are text, whatever they start with
    service.registry.outputs.write(workbook.save, path)
    return ExportResult(code, str(path), 0, {}, template.title)


def _format(sheet, letter, number_format):
    """Give the whole column a number format, so what is typed into it keeps it."""
    sheet.column_dimensions[letter].number_format = number_format
