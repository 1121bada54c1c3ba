"""Property tests: random cell values thrown at the importer never raise anything but a
RegistryError, and never leave half an import behind."""

import datetime
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.models import Enterprise, ImportBatch
from gjz_registry import RegistryError, open_registry
from gjz_registry.exchange import cells
from gjz_registry.exchange import columns as cols
from tests.exchange import workbooks as wb

CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
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
ROW = st.lists(CELL, min_size=21, max_size=21)


@settings(max_examples=300, deadline=None)
@given(ROW)
def test_convert_row_never_raises(raw):
    kind = cols.get_kind("enterprises")
    mapping = {i: c.code for i, c in enumerate(kind.columns) if i < 21}
    values, errors = cells.convert_row(kind.code, mapping, raw, 7)
    assert isinstance(values, dict) and isinstance(errors, list)
    for index, message in errors:
        assert 0 <= index < 21 and "第 7 行" in message


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(ROW, min_size=1, max_size=8))
def test_import_of_random_rows_is_clean(rows):
    folder = Path(tempfile.mkdtemp())
    reg = open_registry(folder / "p.db")
    admin = reg.as_local_admin("property")
    written = []
    for row in rows:  # the writer stores what openpyxl can represent; skip what it cannot
        written.append([c if not (isinstance(c, float) and c != c) else None for c in row])
    path = folder / "random.xlsx"
    try:
        wb.write_openpyxl(path, [wb.ENTERPRISE_HEADERS] + written)
    except Exception:  # openpyxl refuses some values (e.g. control characters): not our input
        reg.close()
        return
    try:
        result = admin.exchange.import_file(path)
        assert result.read <= len(rows)  # blank rows are skipped, not counted
        assert (
            result.created + result.updated + result.unchanged + result.skipped + result.rejected
            == result.read
        )
        assert Enterprise.select().count() == result.created
    except RegistryError:
        assert Enterprise.select().count() == 0 and ImportBatch.select().count() == 0
    finally:
        reg.close()
