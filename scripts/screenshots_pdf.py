"""Regenerate the README's PDF pictures from real commands on a demo database.

    python scripts/screenshots_pdf.py [DIR]        (default: docs/screenshots)

Builds a throw-away demo database (``gjz init`` + ``gjz demo``), runs
``gjz report high-tech-list`` and ``gjz certificate issue graduation``, and renders page 1 of
each with poppler's ``pdftoppm`` to ``list-page.png`` and ``certificate.png``; imports a small
street list with a title row, bad rows and a footer (``gjz import … --errors``) and renders the
error workbook as LibreOffice shows it (``soffice --convert-to pdf``, page 1) to
``error-workbook.png``.  Needs poppler-utils, LibreOffice Calc and a Chinese TrueType font
(Debian: fonts-wqy-zenhei); no display.
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DPI = "110"


def gjz(env, *args):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"gjz {' '.join(map(str, args))} failed:\n{result.stderr}")
    return result


def first_page_png(pdf, target):
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", DPI, "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return target


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else ROOT / "docs" / "screenshots")
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm (poppler-utils) is needed for the pictures")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gjz-shots-") as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, GJZ_DATA_DIR=str(tmp / "data"))
        (tmp / "data").mkdir()
        db = tmp / "demo.db"
        (tmp / "pw.txt").write_text("screenshots-1\n", encoding="utf-8")
        gjz(env, "--db", db, "init", "--password-file", tmp / "pw.txt")
        gjz(env, "--db", db, "demo", "--enterprises", "3000", "--seed", "7")

        gjz(env, "--db", db, "report", "high-tech-list", tmp / "list.pdf")
        con = sqlite3.connect(db)
        try:
            code = con.execute(
                "SELECT e.credit_code FROM residency r JOIN enterprise e ON e.id = r.enterprise_id"
                " WHERE r.exit_reason = '毕业' ORDER BY r.left_on DESC LIMIT 1"
            ).fetchone()[0]
        finally:
            con.close()
        gjz(env, "--db", db, "certificate", "issue", "graduation", "--enterprise", code,
            tmp / "cert.pdf")  # fmt: skip
        made = [
            first_page_png(tmp / "list.pdf", out / "list-page.png"),
            first_page_png(tmp / "cert.pdf", out / "certificate.png"),
        ]
        if shutil.which("soffice"):
            made.append(error_workbook_png(env, db, tmp, out / "error-workbook.png"))
        else:
            print("soffice (LibreOffice) not found: error-workbook.png not made", file=sys.stderr)
    for path in made:
        print(path)
    return 0


def error_workbook_png(env, db, tmp, target):
    """Import a street's list with two bad rows and a footer; render its error workbook."""
    import openpyxl

    sys.path.insert(0, str(ROOT))
    from gjz_registry.validators import credit_check_char

    def code(n):
        body = f"91210211MA{n:07d}"
        return body + credit_check_char(body)

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["大连湾街道科技型企业报送名单（2026年第四季度）"])
    sheet.append(["序号", "企业名称", "统一社会信用代码", "所属街道", "成立日期", "注册资本(万元)"])
    rows = [
        ("大连湾海洋装备科技有限公司", code(9101), "2019-04-01", 500),
        ("大连湾智能制造有限公司", code(9102)[:-1] + "0", "2020-02-30", 300),  # two problems
        ("大连湾新材料科技有限公司", code(9103), "2021-06-18", "一百万"),
    ]
    for n, (name, credit, founded, capital) in enumerate(rows, 1):
        try:
            founded = datetime.date.fromisoformat(founded)
        except ValueError:
            pass  # kept as the text the clerk typed
        sheet.append([n, name, credit, "大连湾街道", founded, capital])
    for column in "ABCDEF":
        sheet.column_dimensions[column].width = 8
    sheet.append([])
    sheet.append(["填报人：王芳", None, "联系电话：0411-86601234"])
    book.save(tmp / "报送名单.xlsx")
    gjz(env, "--db", db, "import", tmp / "报送名单.xlsx", "--errors", tmp / "错误清单.xlsx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
         str(tmp / "错误清单.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return stacked_pages_png(tmp / "错误清单.pdf", target)


def stacked_pages_png(pdf, target):
    """Every page of ``pdf`` (the sheet's columns run over several landscape pages: the
    原因 column is on the last) cropped to its content and stacked into one PNG."""
    from PIL import Image, ImageChops

    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", DPI, "-png", str(pdf), str(stem)], check=True)
    pages = sorted(stem.parent.glob(stem.name + "-*.png"))
    crops = []
    for page in pages:
        image = Image.open(page).convert("RGB")
        box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
        crops.append(image.crop(box) if box else image)
        page.unlink()
    width = max(c.width for c in crops) + 20
    picture = Image.new("RGB", (width, sum(c.height + 20 for c in crops) + 20), "white")
    y = 20
    for crop in crops:
        picture.paste(crop, (10, y))
        y += crop.height + 20
    picture.save(target)
    return target


if __name__ == "__main__":
    raise SystemExit(main())
