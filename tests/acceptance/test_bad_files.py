"""The hostile and broken files of tests/data/bad/ through ``gjz import``, as a user would.

Each file has its expected answer in :data:`EXPECTED`: refused with exit code 2, one Chinese
line on stderr naming the reason, the database exactly as it was; or read, with exactly its
good rows imported and the others rejected, each for the reason its hostile feature gives
(a note below the data is skipped as the sheet's trailer, :data:`TRAILERS`).
The rows around each hostile feature are valid (tests/data/make_bad_corpus.py), so a feature
misread would change the counts.  Every import runs within 120 s, inside a 1.5 GB
address-space limit, without a traceback, on a fresh copy of one initialised database (a
SQLite file, or a PostgreSQL database).
"""

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.test_cli import dump

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "data" / "bad").iterdir())
MEMORY_LIMIT = 1536 * 1024 * 1024


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


NOT_EXCEL = "不是 Excel 工作簿"
TOO_MANY_ROWS = "工作表「Sheet1」超过 1000000 行（第 1048576 行有内容）"
# file → the phrase of its refusal (exit 2), or (read, created, rejected, {row: phrase of
# each of its rejection lines}) for a file whose good rows import
EXPECTED = {
    "01-empty-0-bytes.xlsx": "文件是空的",
    "02-plain-text.xlsx": NOT_EXCEL,
    "03-csv-renamed.xlsx": NOT_EXCEL,
    "04-pdf-renamed.xlsx": NOT_EXCEL,
    "05-png-renamed.xlsx": NOT_EXCEL,
    "06-word-document.xlsx": NOT_EXCEL,
    "07-truncated-zip.xlsx": "文件已损坏（压缩包不完整）",
    "08-zip-bomb-1gb.xlsx": "解压后超过 500 MB，疑似压缩炸弹",
    "09-ratio-bomb.xlsx": "压缩比异常，疑似压缩炸弹",
    "10-ten-thousand-members.xlsx": "包含的部件超过 10000 个",
    "11-billion-laughs.xlsx": "不安全的 XML 内容",
    "12-external-entity.xlsx": "不安全的 XML 内容",
    "13-lying-sizes.xlsx": "文件已损坏（压缩包不完整）",
    "14-ole2-not-a-workbook.xls": "文件已损坏或格式不受支持",
    "15-encrypted.xlsx": "文件已加密",
    "16-million-empty-rows.xlsx": (6, 6, 0, {}),
    "17-stray-cell-xfd1048576.xlsx": TOO_MANY_ROWS,
    "18-250-columns.xlsx": "第 1 行超过 200 列",
    "19-ods-repeat-bomb.ods": "数据区域过大",
    "20-no-header.xlsx": "未找到表头",
    "21-header-only.xlsx": "只有表头，没有数据行",
    "22-wrong-sheet-first.xlsx": (3, 3, 0, {}),
    "23-numbers-where-codes-belong.xlsx": (
        4,
        2,
        2,
        {3: "「统一社会信用代码」为数字格式", 4: "「统一社会信用代码」为数字格式"},
    ),
    "24-formulas.xlsx": (3, 1, 2, {2: "「企业名称」不能为空", 3: "「统一社会信用代码」不能为空"}),
    "25-merged-cells-everywhere.xlsx": (4, 3, 1, {2: "「统一社会信用代码」不能为空"}),
    "26-impossible-dates.xlsx": (3, 1, 2, {2: "「成立日期」不是存在的日期", 3: "「成立日期」"}),
    "27-empty-workbook.xlsx": "未找到表头",
    "28-wrong-dimension-wps.xlsx": (50, 50, 0, {}),
    # a note far below the data is read (never dropped) and listed as the sheet's trailer
    "29-note-in-row-600000.xlsx": (4, 4, 0, {}),
}
# Rows skipped as the sheet's trailer (exchange/trailer.py), as the summary names them.
TRAILERS = {"29-note-in-row-600000.xlsx": "跳过表尾 1 行（第 600000 行：以上数据截至年底）"}


@pytest.fixture(scope="module")
def initialised(module_db_target):
    """One initialised database (closed, so a file holds everything); tests copy it.  A
    SQLite file, or a PostgreSQL database."""
    path = module_db_target
    password = path.parent / "pw.txt"
    password.write_text("admin-pass-1\n")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(path),
            "init",
            "--password-file",
            str(password),
        ],
        check=True,
        capture_output=True,
    )
    assert not Path(f"{path}-wal").exists() or not Path(f"{path}-wal").stat().st_size
    return path


def test_corpus_is_complete():
    assert [p.name for p in CORPUS] == sorted(EXPECTED)


@pytest.mark.parametrize("bad_file", CORPUS, ids=lambda p: p.name)
def test_bad_file_is_refused_or_imports_exactly_its_good_rows(initialised, copy_db, bad_file):
    database = copy_db(initialised)
    before = dump(database)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(database), "import", str(bad_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        preexec_fn=limit_memory,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "内部错误" not in output, output
    expected = EXPECTED[bad_file.name]
    if isinstance(expected, str):
        assert result.returncode == 2, output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and bad_file.name in lines[0] and expected in lines[0], output
        assert dump(database) == before
        return
    read, created, rejected, reasons = expected
    assert result.returncode == (1 if rejected else 0), output
    assert f"读取 {read} 行，新增 {created}，更新 0，未变 0，跳过 0，拒绝 {rejected}" in output
    trailers = TRAILERS.get(bad_file.name)
    assert (trailers in output) if trailers else ("跳过表尾" not in output), output
    listed = [line.strip() for line in result.stdout.splitlines() if line.startswith("  第 ")]
    assert {int(line.split()[1]) for line in listed} == set(reasons), output
    for line in listed:
        assert reasons[int(line.split()[1])] in line, line
    assert len(dump(database)["enterprise"]) == created
