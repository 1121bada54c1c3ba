"""`gjz review …` and `gjz report carrier-review|carrier-ranking` as real processes: the
indicators exported, edited in the workbook and imported back (weights not summing to 100
refused in one Chinese line, nothing written), the scores, one carrier's sheet and the
ranking list as PDF."""

import openpyxl
import pytest

from gjz_registry import open_registry
from tests.acceptance.test_cli import dump, gjz
from tests.reports.pdftools import page_count, pdftotext, squeeze


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "review.db"
    reg = open_registry(path)
    try:
        admin = reg.as_local_admin("setup")
        for name, street, seed, events in (
            ("甲科技孵化器", "大连湾街道", 500, 12),
            ("乙科技孵化器", None, 250, 6),
        ):
            carrier = admin.carriers.create({"name": name, "kind": "孵化器", "street": street})
            admin.carrier_years.save(carrier.id, 2023, {"seed_fund": seed, "events": events})
    finally:
        reg.close()
    return path


def set_weights(path, **weights):
    book = openpyxl.load_workbook(path)
    sheet = book["评价指标"]
    header = [c.value for c in sheet[1]]
    code, weight = header.index("指标编号"), header.index("权重")
    for row in sheet.iter_rows(min_row=2):
        if row[code].value in weights:
            row[weight].value = weights[row[code].value]
    book.save(path)


def test_indicators_round_trip_and_weights_are_checked(db, tmp_path):
    book = tmp_path / "指标.xlsx"
    exported = gjz("--db", db, "review", "indicators", "export", book)
    assert exported.returncode == 0 and "已导出 40 项评价指标" in exported.stdout, exported.stderr
    set_weights(book, I01=15)
    before = dump(db)
    refused = gjz("--db", db, "review", "indicators", "import", book)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "「孵化器」启用的评价指标权重合计为 105，应为 100" in refused.stderr
    assert dump(db) == before
    set_weights(book, I01=15, I02=3)
    imported = gjz("--db", db, "review", "indicators", "import", book)
    assert imported.returncode == 0 and "「孵化器」的评价指标已更新：12 项" in imported.stdout
    listed = gjz("--db", db, "review", "indicators", "--kind", "孵化器")
    assert "自有孵化种子基金金额" in listed.stdout and "15" in listed.stdout


def test_scores_and_the_two_pdfs(db, tmp_path):
    scores = gjz("--db", db, "review", "scores", "--year", "2023")
    # seed fund 500 of 500: 10; 12 events of 12: 6 — and half of each for 乙
    assert scores.returncode == 0, scores.stderr
    lines = [line.split() for line in scores.stdout.splitlines()[3:]]
    assert lines == [["孵化器", "1", "甲科技孵化器", "大连湾街道", "16"],
                     ["孵化器", "2", "乙科技孵化器", "全区", "8"]]  # fmt: skip
    sheet = tmp_path / "评价表.pdf"
    made = gjz("--db", db, "report", "carrier-review", sheet, "--year", "2023",
               "--carrier", "乙科技孵化器")  # fmt: skip
    assert made.returncode == 0 and "1 家载体" in made.stdout, made.stderr
    assert page_count(sheet) == 1
    text = squeeze(pdftotext(sheet))
    assert "载体名称：乙科技孵化器" in text and "总分8.00分" in text and "排名第2" in text
    ranking = tmp_path / "排名.pdf"
    made = gjz("--db", db, "report", "carrier-ranking", ranking, "--year", "2023")
    assert made.returncode == 0, made.stderr
    text = squeeze(pdftotext(ranking))
    assert "2023年度孵化载体绩效评价排名" in text and "16.00" in text and "8.00" in text
    book = tmp_path / "排名.xlsx"
    made = gjz("--db", db, "review", "scores", "--year", "2023", "--output", book)
    assert made.returncode == 0 and "已导出 2 家载体的得分与排名" in made.stdout, made.stderr
    rows = list(openpyxl.load_workbook(book)["孵化器"].iter_rows(values_only=True))
    assert rows[0][0] == "2023年度孵化器绩效评价排名"
    assert rows[1][:5] == ("排名", "载体名称", "所属街道", "认定级别", "自有孵化种子基金金额")
    assert rows[1][-1] == "总分" and len(rows) == 4
    assert (rows[2][0], rows[2][1], rows[2][4], rows[2][-1]) == (1, "甲科技孵化器", 10, 16)
    assert (rows[3][0], rows[3][1], rows[3][4], rows[3][-1]) == (2, "乙科技孵化器", 5, 8)
    unknown = gjz("--db", db, "report", "carrier-review", sheet, "--carrier", "丙")
    assert unknown.returncode == 2 and "载体「丙」不存在" in unknown.stderr
