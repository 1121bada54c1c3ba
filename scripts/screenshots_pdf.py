"""Regenerate the README's PDF pictures from real commands on a demo database.

    python scripts/screenshots_pdf.py [DIR]        (default: docs/screenshots)

Builds a throw-away demo database (``gjz init`` + ``gjz demo``), runs
``gjz report high-tech-list`` and ``gjz certificate issue graduation``, and renders page 1 of
each with poppler's ``pdftoppm`` to ``list-page.png`` and ``certificate.png``.  Needs
poppler-utils and a Chinese TrueType font (Debian: fonts-wqy-zenhei); no display.
"""

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
    for path in made:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
