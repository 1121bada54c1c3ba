"""Tests of gjz_registry/exchange/header.py (and the column synonyms it relies on).

Most cases are rows as the reader returns them; the merged-cell cases go through real
workbooks written by openpyxl and XlsxWriter, since merging is what the file format does.
"""

import random

import pytest

from gjz_registry.errors import FileFormatError
from gjz_registry.exchange import columns
from gjz_registry.exchange.header import SEARCH_ROWS, detect_header, read_table
from gjz_registry.exchange.reader import open_workbook
from tests.exchange import workbooks as W

HEADERS = W.ENTERPRISE_HEADERS


# the columns of the test workbooks' header (W.ENTERPRISE_HEADERS), in the sheet's order
SHEET_COLUMNS = [c for c in columns.ENTERPRISES.columns if c.header in W.ENTERPRISE_HEADERS]


def codes(match):
    """The recognised columns as {header index: code}."""
    return dict(match.mapping)


def test_a_plain_header_in_row_one_maps_all_21_columns():
    match = detect_header(W.enterprise_rows(2))
    row, kind, mapping, unknown, missing = match  # unpacks as the 5-tuple
    assert (row, kind, unknown, missing) == (0, "enterprises", [], [])
    assert [mapping[i] for i in range(21)] == [c.code for c in SHEET_COLUMNS]


def test_title_rows_above_the_header_are_skipped():
    rows = [["甘井子区科技型企业名单"], ["填报单位：大连湾街道", None, "2024年6月"], []]
    match = detect_header(rows + W.enterprise_rows(2))
    assert match.row_index == 3 and match.first_data_row == 5 and match.kind == "enterprises"


@pytest.mark.parametrize("writer", [W.write_openpyxl, W.write_xlsxwriter])
def test_a_merged_title_across_the_header_width(tmp_path, writer):
    rows = [["甘井子区2023年科技企业名单"], ["单位：万元"]] + W.enterprise_rows(2)
    path = writer(tmp_path / "title.xlsx", rows, merges=["A1:U1", "A2:U2"])
    with open_workbook(path) as workbook:
        read = list(workbook.rows())
    assert read[0] == ["甘井子区2023年科技企业名单"]  # a merged cell: value in A1 only
    match, records = read_table(read)
    assert match.row_index == 2 and len(match.mapping) == 21
    assert [n for n, _ in records] == [4, 5]


def test_full_width_spaced_broken_and_starred_headers():
    header = [
        "＊企业　名称",
        " *统一社会\n信用代码 ",
        "注册资本（万元）",
        "联系\r\n电话",
        "ＮＯ．",
        "成立日期＊",
    ]
    match = detect_header([header])
    assert codes(match) == {
        0: "name",
        1: "credit_code",
        2: "registered_capital",
        3: "contact_phone",
        4: "seq",
        5: "founded_on",
    }
    assert match.unknown == []


@pytest.mark.parametrize(
    "synonym, code",
    [
        ("单位名称", "name"),
        ("企业全称", "name"),
        ("公司名称", "name"),
        ("信用代码", "credit_code"),
        ("社会信用代码", "credit_code"),
        ("统一代码", "credit_code"),
        ("街道", "street"),
        ("街道办事处", "street"),
        ("领域", "industry"),
        ("所属领域", "industry"),
        ("行业领域", "industry"),
        ("电话", "contact_phone"),
        ("联系方式", "contact_phone"),
        ("注册资金", "registered_capital"),
        ("注册资本(万元)", "registered_capital"),
        ("成立时间", "founded_on"),
        ("注册日期", "founded_on"),
        ("证书号", "high_tech_number"),
        ("高企证书编号", "high_tech_number"),
        ("入库编号", "tech_sme_number"),
        ("登记编号", "tech_sme_number"),
    ],
)
def test_enterprise_synonyms(synonym, code):
    others = ["法定代表人", "备注"] if code in ("name", "credit_code") else ["企业名称", "备注"]
    match = detect_header([others + [synonym]], kind="enterprises")
    assert match.mapping[2] == code


@pytest.mark.parametrize(
    "kind, synonym, code",
    [
        ("high-tech", "证书号", "number"),
        ("high-tech", "证书编号", "number"),
        ("high-tech", "发证日期", "granted_on"),
        ("high-tech", "发证时间", "granted_on"),
        ("high-tech", "认定日期", "granted_on"),
        ("tech-sme", "入库编号", "number"),
        ("tech-sme", "入库登记编号", "number"),
        ("tech-sme", "入库年度", "year"),
    ],
)
def test_qualification_list_synonyms(kind, synonym, code):
    match = detect_header([["序号", "单位名称", "信用代码", synonym]], kind=kind)
    assert match.mapping[3] == code
    assert detect_header([["序号", "单位名称", "信用代码", synonym]]).kind == kind


@pytest.mark.parametrize(
    "name, enterprise_code, kind, list_code",
    [
        ("高企证书号", "high_tech_number", "high-tech", "number"),
        ("证书编号", "high_tech_number", "high-tech", "number"),
        ("高新技术企业证书编号", "high_tech_number", "high-tech", "number"),
        ("高新证书号", "high_tech_number", "high-tech", "number"),
        ("发证日期", "high_tech_granted_on", "high-tech", "granted_on"),
        ("认定日期", "high_tech_granted_on", "high-tech", "granted_on"),
        ("高企认定日期", "high_tech_granted_on", "high-tech", "granted_on"),
        ("入库编号", "tech_sme_number", "tech-sme", "number"),
        ("入库登记编号", "tech_sme_number", "tech-sme", "number"),
        ("科小入库编号", "tech_sme_number", "tech-sme", "number"),
        ("科技型中小企业入库登记编号", "tech_sme_number", "tech-sme", "number"),
    ],
)
def test_certificate_names_mean_the_same_in_the_enterprise_sheet_and_the_lists(
    name, enterprise_code, kind, list_code
):
    """The common names of certificate numbers and dates, read by both sheets (one tuple
    of names each in columns.py, so the two cannot drift apart)."""
    assert columns.ENTERPRISES.match(name).code == enterprise_code
    assert columns.get_kind(kind).match(name).code == list_code


def test_columns_in_any_order():
    order = list(range(21))
    random.Random(7).shuffle(order)
    rows = [[row[i] for i in order] for row in W.enterprise_rows(1)]
    match = detect_header(rows)
    expected = [c.code for c in SHEET_COLUMNS]
    assert {i: match.mapping[i] for i in range(21)} == {n: expected[i] for n, i in enumerate(order)}


def test_unknown_extra_columns_are_reported_with_their_position():
    match = detect_header([["企业名称", "微信号", "统一社会信用代码", None, "是否上市"]])
    assert match.unknown == [(1, "微信号"), (4, "是否上市")]
    assert codes(match) == {0: "name", 2: "credit_code"}


def test_a_repeated_column_is_reported_as_a_duplicate():
    match = detect_header([["企业名称", "统一社会信用代码", "单位名称"]])
    assert codes(match) == {0: "name", 1: "credit_code"}
    assert match.duplicates == [(2, "单位名称")] and match.unknown == []


@pytest.mark.parametrize(
    "header, kind",
    [
        (["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"], "high-tech"),
        (["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期", "所属街道"], "high-tech"),
        (["序号", "企业名称", "统一社会信用代码", "入库登记编号", "入库年度"], "tech-sme"),
        (["序号", "载体名称", "载体类型", "认定级别", "运营主体", "所属街道"], "carriers"),
        (columns.export_headers("annual"), "annual"),
        (["企业名称", "统一社会信用代码"], "enterprises"),
        (["序号", "企业名称", "所属街道", "联系电话"], "enterprises"),
    ],
)
def test_the_kind_is_detected(header, kind):
    assert detect_header([header]).kind == kind


def test_the_kind_can_be_forced():
    header = ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"]
    match = detect_header([header], kind="enterprises")
    assert match.kind == "enterprises"
    assert match.mapping[3] == "high_tech_number"


def test_missing_required_columns_are_named():
    match = detect_header([["序号", "企业名称", "证书编号"]], kind="high-tech")
    assert match.missing_required == ["发证日期"]
    match = detect_header([["企业名称", "所属街道"]], kind="enterprises")
    assert match.missing_required == ["统一社会信用代码"]


def test_two_row_header_with_group_labels_and_vertical_merges(tmp_path):
    rows = [
        ["甘井子区企业资质汇总"],
        ["序号", "企业名称", "统一社会信用代码", "高企信息", None, "科小信息", None],
        [None, None, None, "证书编号", "发证日期", "入库编号", "入库年度"],
        [1, "大连测试科技有限公司1", W.credit_code(1), "GR202321000123", "2023-11-22"],
    ]
    merges = ["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2"]
    path = W.write_openpyxl(tmp_path / "two-rows.xlsx", rows, merges=merges)
    with open_workbook(path) as workbook:
        match, records = read_table(workbook.rows())
    assert match.kind == "enterprises" and match.row_index == 2 and match.header_rows == 2
    assert codes(match) == {
        0: "seq",
        1: "name",
        2: "credit_code",
        3: "high_tech_number",
        4: "high_tech_granted_on",
        5: "tech_sme_number",
        6: "tech_sme_year",
    }
    assert match.unknown == []
    assert [n for n, _ in records] == [4]


def test_group_labels_above_a_complete_header_row_change_nothing():
    rows = [
        [None, "基本信息", None, "高企信息"],
        ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"],
        [1, "甲", W.credit_code(1), "GR202321000123", "2023-11-22"],
    ]
    match = detect_header(rows)
    assert match.row_index == 1 and match.header_rows == 1 and match.kind == "high-tech"


def test_the_unit_in_a_money_header_is_kept():
    match = detect_header([["企业名称", "统一社会信用代码", "注册资本（元）", "注册资本(万元)"]])
    assert match.mapping[2] == "registered_capital" and match.units == {2: "元"}
    assert match.duplicates == [(3, "注册资本(万元)")]


def test_no_recognisable_header_is_refused():
    rows = [["姓名", "年龄"], ["张三", 30]] + [[]] * 30 + [["企业名称", "统一社会信用代码"]]
    with pytest.raises(FileFormatError) as info:
        detect_header(rows)
    assert str(info.value) == (
        f"未找到表头：前 {SEARCH_ROWS} 行中没有「企业名称」「统一社会信用代码」等列名"
    )
    with pytest.raises(FileFormatError, match="^「名单.xlsx」未找到表头"):
        detect_header([], source="名单.xlsx")


def test_one_recognised_column_is_not_a_header():
    with pytest.raises(FileFormatError):
        detect_header([["企业名称", "微信号"]])
    with pytest.raises(FileFormatError):  # two columns but neither name nor credit code
        detect_header([["所属街道", "联系电话"]])


def test_read_table_numbers_rows_as_the_sheet_does_and_skips_blank_ones():
    rows = [["名单"], ["企业名称", "统一社会信用代码"], ["甲", "1"], [], ["  ", None], ["乙"]]
    match, records = read_table(iter(rows))
    assert match.row_index == 1
    assert list(records) == [(3, ["甲", "1"]), (6, ["乙"])]


def test_read_table_keeps_a_row_whose_only_filled_cells_come_before_blank_ones():
    rows = [["企业名称", "统一社会信用代码"], ["丙", "  "], [None, "\u3000"], [0, None], ["", " "]]
    rows.append([" ", "丁", "\t"])
    match, records = read_table(iter(rows))
    assert list(records) == [(2, ["丙", "  "]), (4, [0, None]), (6, [" ", "丁", "\t"])]


def test_header_text_normalisation():
    assert columns.normalise_header(" ＊注册资本\n（万元）: ") == "注册资本(万元)"
    assert columns.normalise_header("【备注】") == "(备注)"
    assert columns.normalise_header(None) == ""
    assert columns.header_unit("注册资本（元）") == "元"
    assert columns.header_unit("注册资本") is None


def test_every_kind_has_unique_codes_and_headers_that_match_themselves():
    for kind in columns.KINDS.values():
        assert len({c.code for c in kind.columns}) == len(kind.columns)
        for column in kind.columns:
            assert column.type in columns.TYPES
            assert kind.match(column.header) is column
            for synonym in column.synonyms:
                assert kind.match(synonym).code == column.code, (kind.code, synonym)
    assert [h for h in columns.export_headers("enterprises") if h in HEADERS] == HEADERS
