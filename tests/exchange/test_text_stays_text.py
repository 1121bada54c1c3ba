"""Every workbook the program writes keeps text as text (issue 13, point 12; DESIGN §9).

A cell that was text in the clerk's file — ``=HYPERLINK("http://x","y")``, ``=1+1``,
``@SUM(A1)``, ``+cmd`` — comes back as the same text, never as a live formula: in the error
workbook (「原样保留」), in the blank template (reference names), in the assessment workbook
(task notes) and in the exports.  Each output is read back twice: its sheet XML (no ``<f>``
element anywhere, the cell typed ``s``/``inlineStr``) and through openpyxl.
"""

import re
import zipfile
from xml.sax.saxutils import unescape

import openpyxl
import xlsxwriter

from db.models import Carrier, Enterprise, PlanTask, TaskProgress
from gjz_registry.exchange.review_workbook import write_ranking
from gjz_registry.exchange.targets_workbook import write_assessment
from tests.exchange import torch_year as TY
from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows

HOSTILE = {
    "所属街道": '=HYPERLINK("http://x","y")',  # an unknown street: the row is rejected
    "注册地址": "=1+1",
    "联系人": "@SUM(A1)",
    "法定代表人": "+cmd",
    "备注": "-2+3",
}
CELL = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
TEXT = re.compile(r"<t\b[^>]*>(.*?)</t>", re.S)
SHARED = re.compile(r"<si>(.*?)</si>", re.S)


def write_text_cells(path, rows):
    """The rows as XlsxWriter writes them when the clerk types text: every str a string cell
    (write_string), so the input holds text, not formulas."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def _text_of(xml):
    return unescape("".join(TEXT.findall(xml)), {"&quot;": '"'})


def cells(path):
    """[(type attribute, has a formula, text)] of every cell of every worksheet, the text of
    a shared string looked up (None for a number or an empty cell)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            shared = [
                _text_of(si) for si in SHARED.findall(archive.read("xl/sharedStrings.xml").decode())
            ]
        for name in names:
            if not (name.startswith("xl/worksheets/sheet") and name.endswith(".xml")):
                continue
            for attrs, inner in CELL.findall(archive.read(name).decode("utf-8")):
                kind = re.search(r'\bt="(\w+)"', attrs)
                kind = kind.group(1) if kind else "n"
                value = re.search(r"<v>(.*?)</v>", inner or "")
                if kind == "s" and value:
                    text = shared[int(value.group(1))]
                elif kind in ("inlineStr", "str"):
                    text = _text_of(inner)
                else:
                    text = None
                found.append((kind, "<f" in (inner or ""), text))
    return found


def assert_text_kept(path, texts):
    """No formula anywhere in ``path``; each of ``texts`` is a string cell (XML type s or
    inlineStr, and openpyxl's type s) holding exactly that text."""
    found = cells(path)
    assert found, f"no cells read from {path}"
    formulas = [cell for cell in found if cell[1]]
    assert not formulas, f"{path} holds formulas: {formulas[:3]}"
    kinds = {text: kind for kind, _, text in found if text is not None}
    values = {}
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    values[cell.value] = cell.data_type
    for text in texts:
        assert kinds.get(text) in ("s", "inlineStr"), f"{text!r} in {path}: {kinds.get(text)}"
        assert values.get(text) == "s", f"{text!r} read by openpyxl: {values.get(text)!r}"


def test_the_input_holds_text_not_formulas(tmp_path):
    rows = enterprise_rows(1)
    for header, text in HOSTILE.items():
        rows[1][COLUMN[header]] = text
    path = write_text_cells(tmp_path / "in.xlsx", rows)
    assert not [cell for cell in cells(path) if cell[1]]
    assert_text_kept(path, HOSTILE.values())


def test_the_error_workbook_and_the_export_keep_text_as_text(admin, tmp_path):
    add_carrier(admin)
    rows = enterprise_rows(2)
    for header, text in HOSTILE.items():
        rows[1][COLUMN[header]] = text  # rejected (street), kept as it came
    for header in ("注册地址", "联系人", "法定代表人", "备注"):
        rows[2][COLUMN[header]] = HOSTILE[header]  # imported, then exported
    source = write_text_cells(tmp_path / "名单.xlsx", rows)

    result = admin.exchange.import_file(source, errors_path=tmp_path / "errors.xlsx")
    assert result.created == 1 and result.rejected == 1, result.rejections
    assert_text_kept(tmp_path / "errors.xlsx", HOSTILE.values())

    admin.exchange.export("enterprises", tmp_path / "export.xlsx")
    assert_text_kept(tmp_path / "export.xlsx", [v for k, v in HOSTILE.items() if k != "所属街道"])


def test_the_template_keeps_reference_names_as_text(admin, tmp_path):
    admin.reference.add_street("=1+1")
    admin.exchange.template(tmp_path / "template.xlsx")
    assert_text_kept(tmp_path / "template.xlsx", ["=1+1"])


def test_the_assessment_workbook_keeps_notes_as_text(admin, tmp_path):
    task = admin.targets.task_by_number(1)
    note = '=HYPERLINK("http://x","y")'
    admin.targets.set_task_progress(task.id, "2020H1", "推进中", note)
    write_assessment(admin.targets.progress("2020H1"), tmp_path / "assessment.xlsx")
    assert_text_kept(tmp_path / "assessment.xlsx", [note])


def test_text_that_reads_like_an_error_value_stays_text(admin, tmp_path):
    """openpyxl types a str such as "#N/A" as an error value ("e"): a name pasted from a
    failed VLOOKUP would come back as Excel's #N/A error, not as the text on record."""
    ids = TY.build_year(admin)
    record = admin.enterprises.get(ids[1])
    admin.enterprises.update(ids[1], {"name": "#N/A", "contact_name": "#DIV/0!"}, record.version)
    admin.exchange.export("torch-residents", tmp_path / "在孵.xlsx", year=TY.YEAR)
    assert_text_kept(tmp_path / "在孵.xlsx", ["#N/A"])

    task = admin.targets.task_by_number(1)
    admin.targets.set_task_progress(task.id, "2020H1", "推进中", "#REF!")
    write_assessment(admin.targets.progress("2020H1"), tmp_path / "assessment.xlsx")
    assert_text_kept(tmp_path / "assessment.xlsx", ["#REF!"])


def test_a_control_character_that_bypassed_the_checks_does_not_stop_an_export(admin, tmp_path):
    """A record from before the entry checks (an old backup, a copied database) may hold a
    control character: the streaming exports drop it, and so must the workbooks openpyxl
    writes (it refuses such a string: an internal error instead of the Torch form)."""
    ids = TY.build_year(admin)
    Enterprise.update(name="大连\x01控制\x1b字符公司").where(Enterprise.id == ids[1]).execute()
    Carrier.update(name="大连\x0b载体").where(Carrier.id == ids["incubator"]).execute()
    for kind in ("torch-residents", "torch-carriers", "enterprises"):
        admin.exchange.export(kind, tmp_path / f"{kind}.xlsx", year=TY.YEAR)
    assert_text_kept(tmp_path / "torch-residents.xlsx", ["大连控制字符公司", "大连载体"])
    assert_text_kept(tmp_path / "torch-carriers.xlsx", ["大连载体"])
    assert_text_kept(tmp_path / "enterprises.xlsx", ["大连控制字符公司"])
    write_ranking(admin.reviews.ranking(TY.YEAR), TY.YEAR, tmp_path / "ranking.xlsx")
    assert_text_kept(tmp_path / "ranking.xlsx", ["大连载体"])
    task = admin.targets.task_by_number(1)
    admin.targets.set_task_progress(task.id, "2020H1", "推进中", "进展")
    TaskProgress.update(note="进\x07展").execute()
    PlanTask.update(title=PlanTask.title + "\x02").where(PlanTask.id == task.id).execute()
    write_assessment(admin.targets.progress("2020H1"), tmp_path / "assessment.xlsx")
    assert_text_kept(tmp_path / "assessment.xlsx", ["进展", f"1. {task.title}"])
    admin.targets.export_plan(1, tmp_path / "plan.xlsx")
    assert_text_kept(tmp_path / "plan.xlsx", [task.title])
