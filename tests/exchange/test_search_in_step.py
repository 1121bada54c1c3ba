"""The short-fragment search index follows imports and their undo on each engine (SQLite's
``enterprise_search``, PostgreSQL's ``enterprise_gram``): an imported name is found by two of
its characters and by its initials, ``check`` finds the index whole, and after an undo the
index holds no row of the removed enterprises."""

from db import engines
from gjz_registry.services import search
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows

NAMES = ["大连鲸湾量子科技有限公司", "大连鹭岛材料有限公司", "甘井子鲸歌软件有限公司"]


def test_imported_names_are_found_by_short_fragments_until_undone(tmp_path, admin):
    add_carrier(admin)
    rows = enterprise_rows(len(NAMES))
    for row, name in zip(rows[1:], NAMES, strict=True):
        row[COLUMN["企业名称"]] = name
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "names.xlsx", rows))
    assert result.created == len(NAMES)
    db, engine = admin.db, engines.of(admin.db)
    ids = {e.name: e.id for e in admin.enterprises.list(limit=10).items}
    assert search.find_ids(db, "鲸") == [ids[NAMES[0]], ids[NAMES[2]]]
    assert search.find_ids(db, "量子") == [ids[NAMES[0]]]
    assert search.find_ids(db, "ld") == [ids[NAMES[1]]]  # initials dlldclyxgs
    assert engine.search_index_problem(db, len(NAMES)) is None
    extra = enterprise_rows(1, start=50)
    extra[1][COLUMN["企业名称"]] = "大连鲸落海洋有限公司"
    later = admin.exchange.import_file(W.write_openpyxl(tmp_path / "more.xlsx", extra))
    assert len(search.find_ids(db, "鲸")) == 3 and search.find_ids(db, "鲸落") != []
    admin.exchange.undo(later.batch_id)
    assert search.find_ids(db, "鲸落") == [] and search.find_ids(db, "hy") == []
    assert engine.search_index_problem(db, len(NAMES)) is None
    admin.enterprises.update(ids[NAMES[1]], {"name": "大连鹭歌材料有限公司"}, 1)
    assert search.find_ids(db, "鹭歌") == [ids[NAMES[1]]] and search.find_ids(db, "鹭岛") == []
