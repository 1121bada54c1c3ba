"""Write the hostile and broken files of tests/data/bad/ (run once; the files are committed).

    python tests/data/make_bad_corpus.py

Each file is something a street office might really be sent, or an attack: the import must
answer each with exit code 2 (or rejected rows) and a Chinese reason, in bounded time and
memory, leaving the database unchanged (tests/acceptance/test_bad_files.py).
"""

import datetime
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.exchange import workbooks as wb  # noqa: E402

OUT = HERE / "bad"


def good(count=5):
    return wb.enterprise_rows(count)


def build():
    OUT.mkdir(exist_ok=True)
    made = {}

    def add(name, factory, *args, **kwargs):
        path = OUT / name
        factory(path, *args, **kwargs)
        made[name] = path

    add("01-empty-0-bytes.xlsx", wb.empty_file)
    add("02-plain-text.xlsx", wb.text_file)
    add("03-csv-renamed.xlsx", wb.csv_file)
    add("04-pdf-renamed.xlsx", wb.pdf_file)
    add("05-png-renamed.xlsx", wb.png_file)
    add("06-word-document.xlsx", wb.docx_like_zip)
    add("07-truncated-zip.xlsx", wb.truncated_zip, good())
    add("08-zip-bomb-1gb.xlsx", wb.zip_bomb)
    add("09-ratio-bomb.xlsx", wb.ratio_bomb)
    add("10-ten-thousand-members.xlsx", wb.many_members)
    add("11-billion-laughs.xlsx", wb.billion_laughs)
    add("12-external-entity.xlsx", wb.external_entity)
    add("13-lying-sizes.xlsx", wb.lying_sizes)
    add("14-ole2-not-a-workbook.xls", wb.ole2_not_a_workbook)
    add("15-encrypted.xlsx", wb.encrypted_xlsx)
    add("16-million-empty-rows.xlsx", wb.formatted_empty_rows, good())
    add("17-stray-cell-xfd1048576.xlsx", wb.stray_cell, good())
    add("18-250-columns.xlsx", wb.wide_sheet)
    add("19-ods-repeat-bomb.ods", wb.ods_repeat_bomb)
    # well-formed workbooks whose content is wrong
    add("20-no-header.xlsx", wb.write_openpyxl, [["甲", "乙", "丙"], [1, 2, 3], [4, 5, 6]])
    add("21-header-only.xlsx", wb.write_openpyxl, [wb.ENTERPRISE_HEADERS])
    add(
        "22-wrong-sheet-first.xlsx", wb.write_openpyxl, [["说明"], ["本表为填报说明"]], sheet="说明"
    )
    numeric = good(3)
    for row in numeric[1:]:
        row[2] = float("9.12102E+17")
    add("23-numbers-where-codes-belong.xlsx", wb.write_openpyxl, numeric)
    formulas = good(3)
    formulas[1][1] = '=CONCATENATE("大连","公式科技有限公司")'
    formulas[2][2] = "=A1&B1"
    add("24-formulas.xlsx", wb.write_openpyxl, formulas)
    merged = good(4)
    add(
        "25-merged-cells-everywhere.xlsx",
        wb.write_openpyxl,
        merged,
        merges=("B2:C2", "D3:E3", "F4:H4", "J5:L5"),
    )
    dates = good(3)
    dates[1][9] = "2019-02-30"
    dates[2][9] = datetime.date(1800, 1, 1)
    add("26-impossible-dates.xlsx", wb.write_openpyxl, dates)
    add("27-empty-workbook.xlsx", wb.write_openpyxl, [])
    add("28-wrong-dimension-wps.xlsx", wb.with_wrong_dimension, good(50))
    return made


if __name__ == "__main__":
    for name, path in sorted(build().items()):
        print(f"{path.stat().st_size:>12,d}  {name}")
