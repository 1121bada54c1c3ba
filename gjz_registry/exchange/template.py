"""The blank import template: the enterprise sheet's canonical columns, ready to fill in.

所属街道, 产业领域 and 孵化阶段 get dropdown lists (DataValidation) fed from a hidden sheet
that holds the current reference tables, so the lists follow what the admin maintains; code
columns are formatted as text (an 18-digit code typed into a 常规 cell loses digits) and
date columns as dates; required columns are marked ＊ (the importer ignores the mark).
"""

from gjz_registry import reference as ref
from gjz_registry.exchange import columns as cols

SHEET = "企业信息"
LISTS_SHEET = "下拉选项"
ROWS = 5000  # rows given the dropdowns
DROPDOWNS = (("street", "所属街道"), ("industry", "产业领域"), ("stage", "孵化阶段"))


def write_template(service, path):
    """Write the template to ``path``; return an ExportResult (rows = 0)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from gjz_registry.exchange.exporter import ExportResult
    from gjz_registry.exchange.xlsx_writer import display_width, keep_text_everywhere

    reference = service.registry.reference
    lists = {
        "street": reference.streets(),
        "industry": reference.industries(),
        "stage": list(ref.STAGES),
    }
    kind = cols.ENTERPRISES
    headers = cols.export_headers(kind)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    bold = Font(bold=True)
    for index, column in enumerate(c for c in kind.columns if c.header in headers):
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
        if column.code in ("name", "address", "credit_code", "carrier", "notes"):
            sheet.column_dimensions[letter].width = 24 if column.code != "credit_code" else 22
    sheet.freeze_panes = "A2"

    options = workbook.create_sheet(LISTS_SHEET)
    options.sheet_state = "hidden"
    positions = {c.code: i for i, c in enumerate(c for c in kind.columns if c.header in headers)}
    for number, (code, title) in enumerate(DROPDOWNS, start=1):
        letter = get_column_letter(number)
        options.cell(row=1, column=number, value=title)
        for row, value in enumerate(lists[code], start=2):
            options.cell(row=row, column=number, value=value)
        last = max(2, len(lists[code]) + 1)
        rule = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${last}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="提示",
            error=f"请从下拉列表中选择{title}",
        )
        target = get_column_letter(positions[code] + 1)
        rule.add(f"{target}2:{target}{ROWS + 1}")
        sheet.add_data_validation(rule)

    about = workbook.create_sheet("说明")
    unit = reference.own_unit_name()
    for row in service.about("空白导入模板", {}, 0)[:4] + [
        ("填写说明", "带＊的列必填；统一社会信用代码、证书编号为文本格式，请勿改为数字。"),
        ("下拉列表", "所属街道、产业领域、孵化阶段请从下拉列表中选择。"),
        ("导入", f"填好后在「导入导出」中导入，或运行 gjz import 文件名（{unit}）。"),
    ]:
        about.append(list(row))
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 70
    keep_text_everywhere(workbook)  # reference names are text, whatever they start with
    service.registry.outputs.write(workbook.save, path)
    return ExportResult("template", str(path), 0, {})


def _format(sheet, letter, number_format):
    """Give the whole column a number format, so what is typed into it keeps it."""
    sheet.column_dimensions[letter].number_format = number_format
