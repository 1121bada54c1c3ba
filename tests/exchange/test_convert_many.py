"""The import's row conversion, fast paths and all, gives exactly what the per-cell rules give.

``RowConverter.convert`` (one row) and ``RowConverter.convert_many`` (a chunk, column by
column, each column's memo looked up at once) are compared with a reference written here
the plain way — every cell through ``cells.convert_cell`` and the enterprise service's own
field rule, no memo — on rows like the bench's demo rows with hostile cells scattered over
them: invisible and control characters, full-width letters and brackets, formula-looking
text, blank-ish cells, numbers in text and code columns, lower-case codes, dates as serial
numbers, text and 20191122, dates in the future, money with units, negative numbers, counts
with 人.  Values (with their class and exact text), rejections (message, column, order) and
notes must be identical, also when a column stops remembering (small MEMO_PROBE/MEMO_MAX).
"""

import datetime
import random

import pytest

from db.models import Industry, Street
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError, RegistryError
from gjz_registry.exchange import cells
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange import rows as rows_module
from gjz_registry.exchange.enterprise_import import converter_options
from gjz_registry.exchange.rows import RowConverter
from tests.conftest import make_code
from tests.exchange.importing import CARRIER, add_carrier

KIND = cols.get_kind("enterprises")
MAPPING = {index: column.code for index, column in enumerate(KIND.columns)}
AT = {column.code: index for index, column in enumerate(KIND.columns)}
UNITS = {AT["registered_capital"]: "元"}  # a header 注册资本（元）: plain numbers are scaled
TODAY = datetime.date.today()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHJKLMNPQRTUWXY"})

# Cells no column expects, or expects only in some form; each lands in many rows and columns
HOSTILE = [
    None,
    "",
    "   ",
    "\u3000",
    "\t",
    "\r\n",
    "\x1c",  # whitespace to str.strip(), invisible to the cleaning
    "\x00",
    "\x07铃声",
    "\x1b[31m红字\x1b[0m公司",
    "大连\u200b零宽科技",
    "\u202e反向\u202c文字",
    "\ufeff开头",
    "\u2066隔离\u2069",
    "第一行\r\n第二行",
    "多\t空 格\x85换行",
    "=1+1",
    '=HYPERLINK("http://x.cn")',
    "@SUM(A1:A2)",
    "+86 139 1234 5678",
    "-cmd|' /C calc'!A0",
    "ＡＢＣ（大连）有限公司",
    "(大连)科技有限公司",
    "（）",
    "１２３",
    "12人",
    "1,200 人",
    "3.0",
    "-5",
    "-2.5",
    "abc",
    "500万元",
    "5000000元",
    "¥1,234.5",
    "人民币12万元",
    "1e20",
    "0411-86543210",
    "（0411）86543210",
    "041186543210",
    "139123456789",
    " 13912345678 ",
    "１３９１２３４５６７８",
    "13912345678\n",
    "2019-11-22",
    "2019/11/22",
    "2019年11月22日",
    "20191122",
    "2019-02-30",
    "2019-11-22 10:30",
    "２０１９－１１－２２",
    "2099-01-01",
    "2024",
    "2024年度",
    "2024.0",
    "GR202321000123",
    "gr202321000123",
    "GR2023210001",
    "2024210211a0000123",
    "苗圃",
    "众创空间",
    "孵化器",
    "加速器",
    "不存在的阶段",
    CARRIER,
    "不存在的载体",
    "大连湾街道",
    "不存在的街道",
    "新材料",
    "电子信息",
    "名" * 201,
    "址" * 301,
    make_code(4242).lower(),
    f" {make_code(4243)} ",
    make_code(4244).translate(FULL_WIDTH),
    make_code(4245)[:17] + "0",  # a wrong check character
    "91210211MA1J89G14",
    "91210211MA1J89G1OZ",
    0,
    1,
    12.0,
    12.5,
    -3,
    -2.5,
    1e20,
    912102117876096100.0,  # a credit code typed as a number
    13912345678.0,
    20191122,
    43000,
    0.5,
    3000000,
    2024,
    1948,
    True,
    False,
    datetime.date(2019, 11, 22),
    datetime.date(1900, 1, 1),
    TODAY + datetime.timedelta(days=1),
    datetime.date(2099, 1, 1),
    datetime.datetime(2020, 5, 6, 7, 8),
    datetime.datetime(2020, 5, 6),
    datetime.time(10, 30),
]


def demo_rows(count, streets, industries, rng):
    """Rows like the bench's demo export (calamine drops a row's trailing empty cells), with
    one cell in twenty replaced by a hostile one."""
    rows = []
    for n in range(1, count + 1):
        employees = rng.randint(0, 300)
        stage = rng.random() < 0.3
        high_tech = rng.random() < 0.2
        name = rng.choice(["安奥湾（大连）海洋工程有限公司", "大连奥亿飞科技有限公司"])
        row = [
            float(n),
            f"{name[:-4]}{n}{name[-4:]}",
            make_code(n),
            rng.choice(streets),
            rng.choice(industries),
            rng.choice([None, None, *ref.TECH_FIELDS]),
            rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
            rng.choice(SURNAMES) + rng.choice(GIVEN),
            f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}",
            f"大连市甘井子区{rng.choice(['金三角路', '临港路', '红旗西路'])}{rng.randint(1, 30)}号",
            datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 8000)),
            rng.choice([100.0, 50.0, 52.06, 1000.0, round(rng.uniform(1, 5000), 2)]),
            float(employees),
            float(rng.randint(0, employees)),
            "孵化器" if stage else None,
            CARRIER if stage else None,
            (
                datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
                if stage
                else None
            ),
            f"GR2023210{n:05d}" if high_tech else None,
            datetime.date(2023, 11, 22) if high_tech else None,
            f"2024210211A{n:07d}" if rng.random() < 0.1 else None,
            2024.0 if rng.random() < 0.1 else None,
            rng.choice([None] * 8 + ["已核实", "第一行\n第二行"]),
        ]
        for index in range(1, len(row)):
            if rng.random() < 0.05:
                row[index] = rng.choice(HOSTILE)
        while row and row[-1] is None:
            row.pop()
        rows.append((n + 1, row))
    # rows whose text fields fail the service's rule together (reported one by one, in
    # column order, with a bad cell before them)
    for n, (first, second) in enumerate([(1, 6), (7, 9), (9, 21), (6, 7)], start=count + 2):
        row = list(rows[n % count][1]) + [None] * 22
        row[first], row[second], row[2] = "长" * 301, "\x07" + "长" * 301, "不是代码"
        rows.append((n, row[:22]))
    return rows


def reference(options, number, raw):
    """(values, errors, notes) of one row, the plain way: each cell through
    cells.convert_cell and the service's field rule (the text fields together, one by one
    when that fails), no memo, no shortcut."""
    cleaners, row_clean, row_fields = (
        options["cleaners"],
        options["row_clean"],
        options["row_fields"],
    )
    values, errors, notes = {}, [], []
    for index in sorted(MAPPING):
        column = KIND.column(MAPPING[index])
        if column.type == cols.IGNORE:
            continue
        cell = raw[index] if index < len(raw) else None
        if cells.is_blank(cell):
            if column.required:
                errors.append((index, f"第 {number} 行「{column.header}」不能为空"))
            values[column.code] = None
            continue
        if isinstance(cell, str) and v.has_invisible(cell):
            note = f"第 {number} 行「{column.header}」中的控制字符或不可见字符已删除"
            notes.append((index, note))
        message = None
        try:
            value = cells.convert_cell(column, cell, UNITS.get(index))
            if value is None:
                message = f"「{column.header}」不能为空" if column.required else None
            elif column.code not in row_fields and column.code in cleaners:
                value = cleaners[column.code](value)
        except InvalidValueError as exc:
            value, message = None, exc.message
        except RegistryError as exc:
            value, message = None, str(exc)
        if message is not None:
            errors.append((index, f"第 {number} 行{message}"))
        values[column.code] = value
    bad = {index for index, _ in errors}
    group = {f: values[f] for f in row_fields if values[f] is not None and AT[f] not in bad}
    if group:
        try:
            values.update(row_clean(group, partial=True))
        except RegistryError:
            for field, value in group.items():
                try:
                    values[field] = row_clean({field: value}, partial=True)[field]
                except RegistryError as exc:
                    values[field] = None
                    errors.append((AT[field], f"第 {number} 行{exc}"))
            errors.sort(key=lambda e: -1 if e[0] is None else e[0])
    return values, errors, notes


def exact(values):
    """Values with their class and exact text (Decimal("1.0") is not Decimal("1.00"))."""
    return {code: (type(value).__name__, str(value)) for code, value in values.items()}


@pytest.fixture
def sheet(admin):
    add_carrier(admin)
    streets = [s.name for s in Street.select()]
    industries = [i.name for i in Industry.select()]
    return admin, demo_rows(700, streets, industries, random.Random(15))


def converter(admin):
    return RowConverter("enterprises", MAPPING, UNITS, **converter_options(admin))


@pytest.mark.parametrize("probe, most", [(2000, 100_000), (40, 150)])
def test_convert_and_convert_many_give_what_the_cell_rules_give(sheet, monkeypatch, probe, most):
    """(40, 150): the name-like columns stop remembering after 40 rows, and every column
    once it holds 150 raw values — the rows after that are converted without the memo."""
    monkeypatch.setattr(rows_module, "MEMO_PROBE", probe)
    monkeypatch.setattr(rows_module, "MEMO_MAX", most)
    admin, rows = sheet
    options = converter_options(admin)
    expected = [reference(options, number, raw) for number, raw in rows]
    one = converter(admin)
    by_row = [one.convert(number, raw) for number, raw in rows]
    many = converter(admin)
    sizes = [1, 7, 500, 3, 200]  # chunks of every size, one row to the importer's 500
    by_chunk, start = [], 0
    while start < len(rows):
        size = sizes[len(by_chunk) % len(sizes)]
        by_chunk.extend(many.convert_many(rows[start : start + size]))
        start += size
    assert len(by_row) == len(by_chunk) == len(rows)
    for (number, raw), (values, errors, notes), a, b in zip(rows, expected, by_row, by_chunk):
        for row in (a, b):
            assert row.number == number and row.raw is raw
            assert exact(row.values) == exact(values), number
            assert list(row.values) == list(values), number  # the columns' order
            assert row.errors == errors, number
            assert row.notes == notes, number
    # the data did what it is for: rejections, notes and accepted rows of every kind
    assert sum(bool(e) for _, e, _ in expected) > 100
    assert sum(bool(e) for _, e, _ in expected) < len(rows) - 100
    assert sum(bool(n) for _, _, n in expected) > 30
    assert {index for _, e, _ in expected for index, _ in e} >= set(range(1, 22)) - {5, 21}


def test_a_chunk_without_mapped_columns_and_an_empty_chunk(admin):
    only_seq = RowConverter("enterprises", {0: "seq"})
    assert [(r.number, r.values, r.errors) for r in only_seq.convert_many([(2, [1.0])])] == [
        (2, {}, [])
    ]
    assert converter(admin).convert_many([]) == []


def test_a_code_mapped_twice_takes_the_later_column_in_both_paths(sheet):
    """The wizard may map two columns to one code: the later column's value, at the place
    of the first, and each column's problems (as convert() has always done)."""
    admin, rows = sheet
    mapping = {**MAPPING, 22: "name", 23: "founded_on"}
    extra = [(n, raw + [None] * (22 - len(raw)) + [f"第二名称{n}", "bad"]) for n, raw in rows[:40]]
    one = RowConverter("enterprises", mapping, UNITS, **converter_options(admin))
    by_row = [one.convert(number, raw) for number, raw in extra]
    many = RowConverter("enterprises", mapping, UNITS, **converter_options(admin))
    by_chunk = many.convert_many(extra)
    for a, b in zip(by_row, by_chunk):
        assert exact(a.values) == exact(b.values) and list(a.values) == list(b.values)
        assert (a.errors, a.notes) == (b.errors, b.notes)
    assert by_row[0].values["name"] == f"第二名称{extra[0][0]}"
    assert list(by_row[0].values)[:2] == ["name", "credit_code"]
    assert by_row[0].errors[-1][0] == 23
