"""The bulk paths of an import on each engine: the engine's own load (PostgreSQL: COPY), no
lookup of registered records in a table that was empty, plans made for the table as it is."""

from db.engines import of as engine_of
from gjz_registry import open_registry
from gjz_registry.exchange import enterprise_import
from tests.exchange.importing import plain_rows
from tests.exchange.workbooks import credit_code, write_openpyxl


def _workbook(tmp_path, name, first, count):
    path = tmp_path / name
    write_openpyxl(path, plain_rows(count, first))
    return path


def test_new_records_go_through_the_engines_bulk_load(admin, db_engine, tmp_path, monkeypatch):
    engine = engine_of(admin.db)
    loaded = []
    original = type(engine).copy_rows

    def copy_rows(self, db, table, columns, rows):
        done = original(self, db, table, columns, rows)
        loaded.append((table, len(rows), done))
        return done

    monkeypatch.setattr(type(engine), "copy_rows", copy_rows)
    result = admin.exchange.import_file(_workbook(tmp_path, "a.xlsx", 1, 3))
    assert result.created == 3
    assert ("enterprise", 3, db_engine == "postgresql") in loaded
    names = {r.name for r in admin.enterprises.list(limit=10).items}
    assert {"大连测试科技有限公司1", "大连测试科技有限公司3"} <= names
    # the id sequence moved past the loaded ids: a record made afterwards gets a new one
    made = admin.enterprises.create(
        {"name": "大连后来科技有限公司", "credit_code": credit_code(9), "street": "大连湾街道"}
    )
    assert made.id > max(r.id for r in admin.enterprises.list(limit=10).items if r.id != made.id)


def test_registered_records_are_looked_up_only_when_the_table_had_some(
    admin, tmp_path, monkeypatch
):
    asked = []
    original = enterprise_import.registered

    def registered(db, codes):
        asked.append(list(codes))
        return original(db, codes)

    monkeypatch.setattr(enterprise_import, "registered", registered)
    admin.exchange.import_file(_workbook(tmp_path, "first.xlsx", 1, 3))
    assert asked and not any(asked)  # into an empty table: nothing to look up
    asked.clear()
    result = admin.exchange.import_file(_workbook(tmp_path, "second.xlsx", 2, 3))
    assert any(asked)
    assert (result.created, result.updated + result.unchanged) == (1, 2)


def test_server_plans_each_statement_for_its_values(pg_url):
    """A generic plan made while an import's table was nearly empty would stay in use as the
    import fills it (a full scan per chunk): the server plans each statement anew."""
    registry = open_registry(pg_url)
    try:
        setting = registry.db.execute_sql("SHOW plan_cache_mode").fetchone()[0]
    finally:
        registry.close()
    assert setting == "force_custom_plan"
