"""Write the hostile and broken files of tests/data/bad/ (run once; the files are committed).

    python tests/data/make_bad_corpus.py [NAME …]     (NAME: only these files)

Each file is something a street office might really be sent, or an attack: the import must
answer each with exit code 2 and a Chinese reason, or import exactly its good rows and reject
the others with the reason, in bounded time and memory (tests/acceptance/test_bad_files.py,
which holds what each file must give).  The rows around each hostile feature are valid
enterprise rows (tests.exchange.importing.plain_rows), so a row can only be lost or refused
because of that feature.
"""

import datetime
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.exchange import workbooks as wb  # noqa: E402
from tests.exchange.importing import COLUMN, plain_rows  # noqa: E402

OUT = HERE / "bad"


def good(count=5, start=1):
    """The header and ``count`` valid rows (no carrier needed) numbered from ``start``."""
    return plain_rows(count, start)


def build(only=None):
    """Write the corpus (or only the files named in ``only``); return {name: path}."""
    OUT.mkdir(exist_ok=True)
    made = {}

    def add(name, factory, *args, **kwargs):
        if only and name not in only:
            return
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
    # 5 rows, a million formatted empty rows, then one more (row 999 996, within MAX_ROWS):
    # all six must be imported
    add(
        "16-million-empty-rows.xlsx",
        wb.formatted_empty_rows,
        good(),
        count=999_989,
        after=good(1, 6)[1:],
    )
    add("17-stray-cell-xfd1048576.xlsx", wb.stray_cell, good())
    add("18-250-columns.xlsx", wb.wide_sheet)
    add("19-ods-repeat-bomb.ods", wb.ods_repeat_bomb)
    # well-formed workbooks whose content is wrong
    add("20-no-header.xlsx", wb.write_openpyxl, [["甲", "乙", "丙"], [1, 2, 3], [4, 5, 6]])
    add("21-header-only.xlsx", wb.write_openpyxl, [wb.ENTERPRISE_HEADERS])
    add(
        "22-wrong-sheet-first.xlsx",
        wb.write_openpyxl,
        [["说明"], ["本表为填报说明"]],
        sheet="说明",
        extra_sheets=[("名单", good(3))],
    )
    code, founded = COLUMN["统一社会信用代码"], COLUMN["成立日期"]
    numeric = good(4)
    for row in numeric[2:4]:
        row[code] = float("9.12102E+17")
    add("23-numbers-where-codes-belong.xlsx", wb.write_openpyxl, numeric)
    formulas = good(3)
    formulas[1][COLUMN["企业名称"]] = '=CONCATENATE("大连","公式科技有限公司")'
    formulas[2][code] = "=A1&B1"
    add("24-formulas.xlsx", wb.write_openpyxl, formulas)
    # B2:C2 covers row 2's credit code; the other merges cover optional columns only
    add(
        "25-merged-cells-everywhere.xlsx",
        wb.write_openpyxl,
        good(4),
        merges=("B2:C2", "D3:E3", "F4:H4", "J5:L5"),
    )
    dates = good(3)
    dates[1][founded] = "2019-02-30"
    dates[2][founded] = datetime.date(1800, 1, 1)
    add("26-impossible-dates.xlsx", wb.write_openpyxl, dates)
    add("27-empty-workbook.xlsx", wb.write_openpyxl, [])
    add("28-wrong-dimension-wps.xlsx", wb.with_wrong_dimension, good(50))
    # rows 2–4 and 3000, and a note in 备注 of row 600 000 (a sheet too tall for calamine)
    far = good(4)
    far = far[:4] + [[]] * 2995 + far[4:]
    add("29-note-in-row-600000.xlsx", wb.stray_cell, far, ref="N600000", value="以上数据截至年底")
    return made


if __name__ == "__main__":
    for name, path in sorted(build(sys.argv[1:]).items()):
        print(f"{path.stat().st_size:>12,d}  {name}")
