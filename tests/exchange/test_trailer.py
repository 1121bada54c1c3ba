"""Trailer rows (exchange/trailer.py): 合计, 填报人, 注： below the data are skipped, not
rejected — by the rule itself and through the import service on real workbooks."""

import pytest

from gjz_registry.exchange import trailer
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, plain_rows

WIDTH = 14  # plain_rows: the first 13 enterprise columns and 备注
TITLE = "甘井子区科技型企业名单（2024 年 3 月）"


def footed_rows(count=5, last_name="合计科技有限公司"):
    """A title row, the header, ``count`` valid rows (the last one named ``last_name``) and a
    3-row footer: a 合计 line with sums, an empty row, 填报人/联系电话, and a note.
    Sheet rows: title 1, header 2, data 3…count+2, footer count+3, count+5, count+6."""
    rows = plain_rows(count)
    rows[-1][COLUMN["企业名称"]] = last_name
    sums = [None] * WIDTH
    sums[0], sums[COLUMN["从业人员"]], sums[COLUMN["研发人员"]] = "合  计", 20 * count, 5 * count
    return (
        [[TITLE]]
        + rows
        + [
            sums,
            [],
            ["填报人：王芳", None, None, None, None, None, None, "联系电话：0411-86754321"],
            ["注：本表由各街道每月 5 日前报送，数据截至上月底。"],
        ]
    )


def test_a_three_row_footer_is_skipped_and_a_company_named_heji_imports(tmp_path, admin):
    path = W.write_openpyxl(tmp_path / "带表尾.xlsx", footed_rows())
    result = admin.exchange.import_file(path)
    assert result.counts == dict(read=5, created=5, updated=0, unchanged=0, skipped=0, rejected=0)
    assert result.rejections == []
    assert [(t.row_number, t.label) for t in result.trailers] == [
        (8, "合计"),
        (10, "填报人"),
        (11, "注"),
    ]
    assert result.trailers[1].text == "填报人：王芳  联系电话：0411-86754321"
    assert trailer.describe(result.trailers) == "第 8、10、11 行：合计、填报人、注"
    assert admin.enterprises.get_by_code(W.credit_code(5)).name == "合计科技有限公司"


def test_the_preview_counts_only_data_rows_and_lists_the_trailer(tmp_path, admin):
    path = W.write_openpyxl(tmp_path / "带表尾.xlsx", footed_rows())
    preview = admin.exchange.preview(path)
    assert preview.total_rows == 5 and [r.number for r in preview.rows] == [3, 4, 5, 6, 7]
    assert not any(r.errors for r in preview.rows)
    assert [t.row_number for t in preview.trailers] == [8, 10, 11]


def test_a_subtotal_between_data_rows_is_data_and_rejected(tmp_path, admin):
    rows = plain_rows(4)
    rows.insert(3, ["小计", None, None, None, None, None, None, None, None, None, None, 40, 10])
    path = W.write_openpyxl(tmp_path / "中间小计.xlsx", rows)
    result = admin.exchange.import_file(path)
    assert (result.created, result.rejected, result.trailers) == (4, 1, [])
    assert {r.row_number for r in result.rejections} == {4}


@pytest.mark.parametrize("gap, skipped", [(False, []), (True, [8])])
def test_a_loose_line_is_a_trailer_only_after_an_empty_row(tmp_path, admin, gap, skipped):
    """A single cell straight under the data may be a data row missing its cells: it is
    rejected; after an empty row it is a note and skipped."""
    rows = plain_rows(5) + ([[]] if gap else []) + [["以上数据来源：区市场监管局"]]
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "附言.xlsx", rows))
    assert [t.row_number for t in result.trailers] == skipped
    assert result.rejected == (0 if gap else 1)


@pytest.mark.parametrize(
    "text, label",
    [
        ("合计", "合计"),
        ("合　计：", "合计"),
        ("填报人：王芳  联系电话：0411-86754321", "填报人"),
        ("审核人 李强", "审核人"),
        ("备注：单位为万元", "备注"),
        ("注:", "注"),
        ("合计科技有限公司", None),
        ("小计软件（大连）有限公司", None),
        ("注册地址", None),
        ("备注", None),  # a header word, not a note
        ("负责人员培训中心", None),
        (12, None),
    ],
)
def test_label_cells(text, label):
    assert trailer.label_of(text) == label


@pytest.mark.parametrize(
    "row, label",
    [
        (["合计", None, 25, "—", 100.5], "合计"),
        (["填报人：", "王芳", "联系电话：", "0411-86754321"], "填报人"),
        (["制表人：张敏", "审核人：李强", "负责人：王刚"], "制表人"),
        (["合计", "合计科技有限公司", "91210211MA0000001X"], None),  # a name, then a code
        ([1, "合计科技有限公司", "91210211MA0000001X"], None),
        (["以上数据截至 2023 年底"], None),
    ],
)
def test_label_rows(row, label):
    assert trailer.row_label(row) == label


def test_only_the_run_at_the_end_is_the_trailer():
    data = [1, "大连甲科技有限公司", "91210211MA0000001X"]
    records = [(3, data), (4, ["小计", 5]), (5, data), (6, ["合计", 10]), (8, ["附：说明"])]
    rows, trailers = trailer.split(records, header_row=2)
    assert [n for n, _ in rows] == [3, 4, 5]
    assert [(t.row_number, t.label, t.text) for t in trailers] == [
        (6, "合计", "合计  10"),
        (8, "附：说明", "附：说明"),
    ]


def test_a_lone_name_far_below_the_data_is_a_record_not_a_note():
    """One cell in the name (or code) column is a record lacking its other cells: it is
    rejected with its reason, never skipped (tests/acceptance: row 600 000)."""
    data = [1, "大连甲科技有限公司", "91210211MA0000001X"]
    records = [(3, data), (600000, [None, "大连远方科技有限公司"])]
    assert trailer.split(records, 2, identity_columns=(1, 2)) == (records, [])
    assert trailer.split(records, 2)[1][0].row_number == 600000  # no identity column given


def test_describe_names_the_first_labels_and_shortens_loose_text():
    records = [(3, [1, "甲", "乙"])] + [(n, ["合计", n]) for n in range(4, 10)]
    records.append((11, ["以上数据由各街道办事处提供"]))
    _, trailers = trailer.split(records, header_row=2)
    assert trailers[-1].label == "以上数据由各街道…"
    assert trailer.describe(trailers) == (
        "第 4、5、6、7、8、9、11 行：合计、合计、合计、合计、合计…"
    )
