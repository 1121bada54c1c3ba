"""技术领域 (Enterprise.tech_field), the field that proves the field specs: one of the eight
国家重点支持的高新技术领域 — entered, imported under each of its headers, exported, filtered in
the list, counted by `gjz stats tech-field`, refused in Chinese when not one of the eight, and
given to some demo enterprises."""

import openpyxl
import pytest

from gjz_registry import demo
from gjz_registry.errors import InvalidValueError
from gjz_registry.reference import TECH_FIELDS
from tests.acceptance.test_cli import gjz
from tests.conftest import enterprise_data, make_code


def test_entered_stored_and_listed(admin):
    e = admin.enterprises.create(enterprise_data(1, tech_field="新材料"))
    assert admin.enterprises.get(e.id).tech_field == "新材料"
    e = admin.enterprises.update(e.id, {"tech_field": "航空航天"}, version=e.version)
    assert e.tech_field == "航空航天"


def test_a_value_outside_the_eight_is_refused_naming_the_field(admin):
    with pytest.raises(InvalidValueError) as caught:
        admin.enterprises.create(enterprise_data(1, tech_field="人工智能"))
    assert "技术领域" in str(caught.value)
    assert admin.enterprises.count() == 0


@pytest.mark.parametrize("header", ["技术领域", "高新技术领域", "所属技术领域"])
def test_imported_under_each_header(admin, tmp_path, header):
    path = tmp_path / "企业.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["企业名称", "统一社会信用代码", "所属街道", header])
    sheet.append(["大连甲科技有限公司", make_code(1), "大连湾街道", "电子信息"])
    sheet.append(["大连乙科技有限公司", make_code(2), "大连湾街道", "不是领域"])
    book.save(path)
    result = admin.exchange.import_file(str(path))
    assert result.created == 1 and result.rejected == 1
    assert "技术领域" in result.rejections[0].message
    (e,) = admin.enterprises.list().items
    assert e.tech_field == "电子信息"


def test_exported(admin, tmp_path):
    admin.enterprises.create(enterprise_data(1, tech_field="高技术服务"))
    out = tmp_path / "out.xlsx"
    admin.exchange.export("enterprises", str(out))
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    header = next(r for r in rows if r and "企业名称" in r)
    column = header.index("技术领域")
    assert header[column - 1] == "产业领域"
    assert rows[rows.index(header) + 1][column] == "高技术服务"


def test_list_filter_and_filtered_export(admin, tmp_path):
    admin.enterprises.create(enterprise_data(1, tech_field="新材料"))
    admin.enterprises.create(enterprise_data(2, tech_field="电子信息"))
    admin.enterprises.create(enterprise_data(3))
    page = admin.enterprises.list(tech_field="新材料")
    assert [e.tech_field for e in page.items] == ["新材料"]
    assert admin.enterprises.count(tech_field="电子信息") == 1
    with pytest.raises(InvalidValueError, match="技术领域"):
        admin.enterprises.list(tech_field="人工智能")
    out = tmp_path / "out.xlsx"
    assert admin.exchange.export("enterprises", str(out), tech_field="新材料").rows == 1


def test_counted_by_stats(admin, db_path):
    for n, value in enumerate(("新材料", "新材料", "电子信息", None), start=1):
        admin.enterprises.create(enterprise_data(n, tech_field=value))
    table = admin.statistics.street_counts("tech_field")
    assert table.columns == [*TECH_FIELDS, "未填写"]
    (row,) = table.rows
    assert row[0] == "大连湾街道"
    assert dict(zip(table.columns, row[1]))["新材料"] == 2
    done = gjz("--db", db_path, "stats", "tech-field")
    assert done.returncode == 0, done.stderr
    assert "各街道企业技术领域分布" in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith("大连湾街道"))
    assert line.split()[1:] == ["1", "0", "0", "2", "0", "0", "0", "0", "1", "4"]


def test_demo_gives_some_enterprises_a_tech_field(registry, admin):
    demo.generate(registry.db, enterprises=60, seed=3)
    values = [e.tech_field for e in admin.enterprises.list(limit=100).items]
    assert any(values) and not all(values)
    assert set(filter(None, values)) <= set(TECH_FIELDS)
