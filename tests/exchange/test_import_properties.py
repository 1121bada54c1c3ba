"""Property tests of the import: random cells and random headers never raise anything but a
RegistryError, every row read is imported or rejected with a reason, and nothing is half
written.

Strategies start from importable rows and spoil some of their cells, so most examples import
something; each test counts the examples that reached its assertions and requires a minimum
share of them, so a strategy that quietly stops producing useful examples fails the test
instead of passing it on nothing.
"""

import datetime
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.models import Enterprise, ImportBatch
from gjz_registry import RegistryError, open_registry, reference
from gjz_registry.exchange import cells
from gjz_registry.exchange import columns as cols
from tests.exchange import workbooks as wb
from tests.exchange.importing import CARRIER, add_carrier, enterprise_row

# Any text a worksheet can hold: XML 1.0 forbids most C0 control characters (openpyxl
# refuses them), so they cannot be in a file to import.
TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="".join(map(chr, [*range(9), 11, 12, *range(14, 32)])),
    ),
    max_size=30,
)
JUNK = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1, 1, 1)),
    st.sampled_from(
        [
            "大连湾街道",
            "新材料",
            "孵化器",
            "2019年11月22日",
            "1,234万元",
            wb.credit_code(7),
            "GR202321000123",
            "2024210211A0000123",
            "#N/A",
            "=A1+B1",
            " ",
            "\n",
            "９１２１０２１１",
        ]
    ),
)
ROW = st.lists(JUNK, min_size=21, max_size=21)
CODES = [wb.credit_code(n) for n in range(1, 7)]  # few, so rows repeat and meet records
# Settings of the tests that import: each example writes a workbook and a database.
IMPORTS = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck))


@settings(max_examples=300, deadline=None)
@given(ROW)
def test_convert_row_never_raises(raw):
    kind = cols.get_kind("enterprises")
    mapping = {i: c.code for i, c in enumerate(kind.columns) if i < 21}
    values, errors = cells.convert_row(kind.code, mapping, raw, 7)
    assert isinstance(values, dict) and isinstance(errors, list)
    for index, message in errors:
        assert 0 <= index < 21 and "第 7 行" in message


def writable(rows):
    """The rows as openpyxl stores them: NaN as an empty cell."""
    return [[None if isinstance(c, float) and c != c else c for c in row] for row in rows]


@st.composite
def spoiled_rows(draw):
    """1–8 valid enterprise rows (some sharing a credit code), each with up to three cells
    replaced by random values."""
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        row = enterprise_row(draw(st.integers(1, 6)))
        for index in draw(st.lists(st.integers(0, 20), max_size=3, unique=True)):
            row[index] = draw(JUNK)
        rows.append(row)
    return rows


def fresh_registry(folder):
    """A new database in ``folder``, its local administrator and the carrier of the rows."""
    registry = open_registry(Path(folder) / "p.db")
    admin = registry.as_local_admin("property")
    add_carrier(admin)
    return registry, admin


def test_import_of_random_rows_is_clean():
    created = []

    @settings(max_examples=25, **IMPORTS)
    @given(spoiled_rows())
    def check(rows):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "random.xlsx"
            wb.write_openpyxl(path, [wb.ENTERPRISE_HEADERS] + writable(rows))
            registry, admin = fresh_registry(folder)
            try:
                try:
                    result = admin.exchange.import_file(path)
                except RegistryError:
                    assert Enterprise.select().count() == 0 and ImportBatch.select().count() == 0
                    return
                assert result.read <= len(rows)  # blank rows are skipped, not counted
                counts = result.created + result.updated + result.unchanged + result.skipped
                assert counts + result.rejected == result.read
                assert Enterprise.select().count() == result.created
                assert len({r.row_number for r in result.rejections}) == result.rejected
                created.append(result.created)
            finally:
                registry.close()

    check()
    # the strategy must import something most of the time, or the test checks nothing
    assert len(created) >= 20 and sum(1 for n in created if n) >= 15, created


# ---- any combination of recognised columns (issue 13, point 5) ---------------------------

# each sheet column's place in the sample row (tests.exchange.importing.enterprise_row), by
# its heading; a column the sample row does not have (技术领域) draws from its vocabulary
ENTERPRISE_COLUMN = {
    c.code: wb.ENTERPRISE_HEADERS.index(c.header)
    for c in cols.ENTERPRISES.columns
    if c.header in wb.ENTERPRISE_HEADERS
}
GOOD = {  # kind code → {column code: strategy of a valid value}
    "enterprises": {
        **{
            code: st.builds(lambda n, i=index: enterprise_row(n)[i], st.integers(1, 6))
            for code, index in ENTERPRISE_COLUMN.items()
        },
        "tech_field": st.sampled_from(reference.TECH_FIELDS),
    },
    "carriers": {
        "name": st.sampled_from([CARRIER, "大连湾众创空间", "新载体"]),
        "kind": st.sampled_from(reference.CARRIER_KINDS),
        "level": st.sampled_from(reference.CARRIER_LEVELS),
        "operator_credit_code": st.sampled_from(CODES),
        "street": st.just("大连湾街道"),
        "recognized_on": st.dates(datetime.date(2010, 1, 1), datetime.date(2023, 12, 31)),
        "area_m2": st.integers(1, 50_000),
        "status": st.sampled_from(reference.CARRIER_STATUSES),
    },
    "high-tech": {
        "number": st.integers(1, 6).map(lambda n: f"GR2023210{n:05d}"),
        "granted_on": st.dates(datetime.date(2021, 1, 1), datetime.date(2023, 12, 31)),
    },
    "tech-sme": {
        "number": st.integers(1, 6).map(lambda n: f"2024210211A{n:07d}"),
        "year": st.integers(2022, 2024),
    },
    "annual": {"year": st.integers(2020, 2024)},
    "carrier-years": {
        "carrier": st.sampled_from([CARRIER, "未登记的载体"]),
        "year": st.integers(2020, 2024),
    },
}
SHARED = {
    "name": st.integers(1, 6).map(lambda n: f"大连已登记科技有限公司{n}"),
    "credit_code": st.sampled_from(CODES),
    "street": st.just("大连湾街道"),
}


def good_value(kind, column):
    own = GOOD[kind.code].get(column.code)
    if own is not None:
        return own
    if column.code in SHARED:
        return SHARED[column.code]
    if column.type == cols.CHOICE:
        return st.sampled_from(column.choices)
    if column.type in (cols.MONEY, cols.NUMBER, cols.COUNT):
        return st.integers(0, 100)
    if column.type == cols.SIGNED_MONEY:
        return st.integers(-100, 100)
    if column.type == cols.PHONE:
        return st.just("13912345678")
    return st.text("大连科技有限公司", min_size=1, max_size=8)


@st.composite
def sheets(draw):
    """(kind, header row, data rows): a random subset of a kind's columns in random order,
    each headed by its header or one of its synonyms, and 1–4 rows, one value in ten random."""
    kind = draw(st.sampled_from(list(cols.KINDS.values())))
    chosen = [c for c in kind.columns if draw(st.booleans())]
    if draw(st.integers(0, 3)):  # usually identifiable: the required columns are there
        chosen += [c for c in kind.required if c not in chosen]
    chosen = draw(st.permutations(chosen))
    headers = [draw(st.sampled_from((c.header, *c.synonyms))) for c in chosen]
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        # one cell in ten random, the others valid
        rows.append(
            [draw(JUNK if draw(st.integers(0, 4)) == 0 else good_value(kind, c)) for c in chosen]
        )
    return kind, headers, rows


def test_any_recognised_columns_import_or_reject_each_row_with_a_reason(tmp_path):
    """Random subsets and orders of the known headers (with their synonyms) and random
    values: a RegistryError for the file, or every non-blank row imported or rejected with a
    reason — never another exception (it was a KeyError for 发证日期 without a certificate
    number column)."""
    registry, admin = fresh_registry(tmp_path)
    for n in (1, 2, 3):  # registered enterprises, so rows also update and supersede
        admin.enterprises.create(
            {
                "name": f"大连已登记科技有限公司{n}",
                "credit_code": CODES[n - 1],
                "street": "大连湾街道",
            }
        )
    outcomes = []

    # the same 80 files every run (20 import rows): drawn afresh, the share that imports rows
    # ranged from 3 to 28 of 80 and now and then fell below the floor checked at the end
    @settings(max_examples=80, derandomize=True, **IMPORTS)
    @given(sheets(), st.booleans(), st.sampled_from(["skip", "update", "fill"]))
    def check(sheet, forced, on_conflict):
        kind, headers, rows = sheet
        path = tmp_path / "sheet.xlsx"
        wb.write_openpyxl(path, [headers] + writable(rows))
        try:
            result = admin.exchange.import_file(
                path, kind=kind.code if forced else None, on_conflict=on_conflict, dry_run=True
            )
        except RegistryError as exc:
            assert str(exc)
            outcomes.append("refused")
            return
        counts = result.created + result.updated + result.unchanged + result.skipped
        assert counts + result.rejected == result.read
        # ≤: a text such as "=A1" is written as a formula, which has no value when read
        assert result.read <= sum(1 for row in writable(rows) if not cells.is_blank_row(row))
        assert len({r.row_number for r in result.rejections}) == result.rejected
        assert all(r.message.startswith(f"第 {r.row_number} 行") for r in result.rejections)
        outcomes.append("imported" if counts else "rejected")

    try:
        check()
    finally:
        registry.close()
    # most files are read, and some rows import: the property is not checked on nothing
    read = outcomes.count("imported") + outcomes.count("rejected")
    assert read >= len(outcomes) // 2 and outcomes.count("imported") >= len(outcomes) // 10
