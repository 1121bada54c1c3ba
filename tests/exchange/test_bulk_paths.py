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
    import fills it (a full scan per chunk): no statement of ours is prepared, however often
    it runs, so each is planned for its values.  The server's own plans (its foreign-key
    checks) keep its default caching: re-planned for every row written, they cost an import
    ~1.5 s of the server per 50 000 enterprises."""
    registry = open_registry(pg_url)
    try:
        db = registry.db
        for number in range(12):  # psycopg prepares a statement at its 5th run by default
            db.execute_sql("SELECT COUNT(*) FROM enterprise WHERE id > %s", (number,))
        prepared = db.execute_sql("SELECT COUNT(*) FROM pg_prepared_statements").fetchone()[0]
        setting = db.execute_sql("SHOW plan_cache_mode").fetchone()[0]
    finally:
        registry.close()
    assert prepared == 0
    assert setting == "auto"


def test_new_names_are_indexed_once_per_import_and_found(admin, tmp_path, monkeypatch):
    """The trigram index gets the new names by one statement at the end of the import (not
    one per chunk), and every name of every chunk is found by a fragment of three."""
    from gjz_registry.exchange import importer
    from gjz_registry.services import search

    calls = []
    original = search.index_trigram

    def index_trigram(db, ids):
        calls.append(ids)
        return original(db, ids)

    monkeypatch.setattr(importer, "CHUNK", 2)
    monkeypatch.setattr(search, "index_trigram", index_trigram)
    result = admin.exchange.import_file(_workbook(tmp_path, "a.xlsx", 1, 5))
    assert result.created == 5
    assert len(calls) <= 1  # none where the engine has no trigger to stand in for
    for n in range(1, 6):
        assert search.find_ids(admin.db, f"有限公司{n}"), n


def test_the_street_refusal_is_asked_once_per_street(admin, tmp_path, monkeypatch):
    from gjz_registry.exchange.context import ImportContext

    asked = []
    original = ImportContext.placement_problem

    def placement_problem(self, street_id):
        asked.append(street_id)
        return original(self, street_id)

    monkeypatch.setattr(ImportContext, "placement_problem", placement_problem)
    assert admin.exchange.import_file(_workbook(tmp_path, "a.xlsx", 1, 4)).created == 4
    assert len(asked) == len(set(asked))
