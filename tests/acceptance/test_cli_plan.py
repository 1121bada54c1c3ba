"""`gjz plan …` (issue 18) and `gjz targets` / `gjz report targets` for both plans, as real
processes: copy the shipped plan as the 2021–2025 draft, publish it, show it, export it,
import it into the database of a street office, and assess both plans to PDF with each
plan's own name and 文号 on the page."""

import subprocess

import pytest

from tests.acceptance.test_cli import gjz, server_db
from tests.reports.pdftools import require_tool

SEEDED = "甘井子区创新驱动三年行动计划(2018—2020年)"
NEXT = "甘井子区科技创新行动计划(2021—2025年)"
DOCUMENT = "甘政发〔2021〕8号"


@pytest.fixture(scope="module")
def demo(module_db_target):
    """The district's demo database (a SQLite file or a PostgreSQL database)."""
    result = gjz("--db", module_db_target, "demo", "--enterprises", 200, "--seed", 3,
                 env=env(module_db_target.parent))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return module_db_target


def env(folder):
    return {"GJZ_DATA_DIR": str(folder / "data")}


def run(db, *args):
    return gjz("--db", db, *args, env=env(db.parent))


def pdf_text(path):
    tool = require_tool("pdftotext")
    return subprocess.run(
        [tool, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    ).stdout


def test_copy_publish_show_export_import_and_assess_both_plans(demo, db_target, tmp_path):
    street = server_db(db_target, tmp_path)  # a street office's own database
    folder = demo.parent
    listed = run(demo, "plan", "list")
    assert listed.returncode == 0 and SEEDED[:20] in listed.stdout
    assert "今天没有处于执行期的已发布计划" in listed.stdout
    copied = run(demo, "plan", "copy", "1", "--name", NEXT, "--start", "2021-01-01",
                 "--end", "2025-12-31", "--document", DOCUMENT)  # fmt: skip
    assert copied.returncode == 0, copied.stderr
    assert f"已复制为草稿《{NEXT}》（编号 2" in copied.stdout
    published = run(demo, "plan", "publish", NEXT)  # by name
    assert published.returncode == 0 and "已发布" in published.stdout, published.stderr
    again = run(demo, "plan", "publish", "2")
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "只有草稿" in again.stderr
    shown = run(demo, "plan", "show", "2")
    assert shown.returncode == 0 and DOCUMENT in shown.stdout and "2025" in shown.stdout
    assert "高新技术企业（valid_high_tech）" in shown.stdout  # the computed indicators, named
    out = folder / "下发计划.xlsx"
    exported = run(demo, "plan", "export", "2", out)
    assert exported.returncode == 0 and out.exists(), exported.stderr
    # the same name exists here: the preview lists the error, nothing is written
    refused = run(demo, "plan", "import", out, "--dry-run")
    assert refused.returncode == 2 and "计划名称" in refused.stdout and "已存在" in refused.stdout
    # a street office's own database: imported as a draft, undoable
    assert run(street, "init", "--password-file", write_password(folder)).returncode == 0
    imported = run(street, "plan", "import", out)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert f"已导入为草稿《{NEXT}》" in imported.stdout
    # both plans, to the screen and to PDF, each with its own name and document
    for plan, period, label in (("2", "2023H1", "2023年上半年"), ("1", "2020H2", "2020年下半年")):
        table = run(demo, "targets", "--plan", plan, "--period", period)
        assert table.returncode == 0 and label in table.stdout, table.stderr
        pdf = folder / f"考核{plan}.pdf"
        report = run(demo, "report", "targets", pdf, "--plan", plan, "--period", period)
        assert report.returncode == 0, report.stderr
        text = pdf_text(pdf)
        assert f"{label}行动计划目标完成情况" in text
        name, document = (NEXT, DOCUMENT) if plan == "2" else (SEEDED, "甘井子区人民政府")
        assert name in text.replace("\n", "") or name[:12] in text
        assert document in text
    beyond = run(demo, "targets", "--plan", "2", "--period", "2026H1")
    assert beyond.returncode == 2 and "不在计划" in beyond.stderr


def write_password(folder):
    path = folder / "pw.txt"
    path.write_text("plan-cli-pass-1\n", encoding="utf-8")
    return path
