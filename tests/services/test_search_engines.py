"""The same search on SQLite and on PostgreSQL gives the same enterprises in the same order.

The two engines answer a search from different indexes (SQLite: FTS5 tables; PostgreSQL:
pg_trgm, ``text_pattern_ops`` B-trees and the ``enterprise_gram`` pieces for one and two
characters — db/engines), so the same demo data is generated into both and every kind of
query the search box meets is asked of both: name fragments of one, two and three characters,
pinyin and initials (prefix and inside), credit-code prefixes, with and without a street's
scope, and again after names are changed, an enterprise is added and the index is rebuilt.
"""

import datetime

import pytest

from db import engines, migrations
from db.database import open_database
from gjz_registry import demo
from gjz_registry.services import search

TODAY = datetime.date(2024, 6, 30)
COUNT = 300
FIXED = ["大", "连", "大连", "科技", "公司", "有限", "d", "dl", "an", "ke", "x", "ang", "kej"]


def demo_db(target):
    db = open_database(str(target))
    migrations.migrate(db, engines.of(db).keeps_a_file)
    demo.generate(db, COUNT, seed=3, today=TODAY)
    return db


def queries(db):
    rows = db.execute_sql(
        "SELECT name, name_pinyin, name_initials, credit_code FROM enterprise"
        " WHERE MOD(id, 7) = 0 ORDER BY id"
    ).fetchall()
    found = list(FIXED)
    for name, pinyin, initials, code in rows:
        core = name[2:] if name.startswith("大连") else name
        found += [core[:1], core[:2], core[1:3], core[2:5], name[-4:-2]]
        found += [pinyin[2:4], pinyin[4:9], initials[:1], initials[1:3], initials[2:5]]
        found += [code[:2], code[:6], code[:10]]
    return list(dict.fromkeys(q for q in found if q))


def answers(db, texts, street_id=None):
    return {
        (text, limit): search.find_ids(db, text, limit, street_id=street_id)
        for text in texts
        for limit in (5, 50, 1000)
    }


def rename(db, moves):
    """Rename enterprises as the services do (pinyin keys, then the search index)."""
    for eid, name in moves:
        full, initials = search.pinyin_keys(name)
        sql = "UPDATE enterprise SET name = ?, name_pinyin = ?, name_initials = ? WHERE id = ?"
        db.execute_sql(sql.replace("?", db.param), (name, full, initials, eid))
        search.index_rows(db, [(eid, name, full, initials)])


def test_both_engines_find_the_same_enterprises(db_path, pg_url):
    lite, server = demo_db(db_path), demo_db(pg_url)
    try:
        texts = queries(lite)
        assert texts == queries(server) and len(texts) > 250
        street = lite.execute_sql("SELECT id FROM street WHERE name = '大连湾街道'").fetchone()[0]
        for scope in (None, street):
            expected = answers(lite, texts, scope)
            bites = 50 if scope is None else 5
            assert any(len(ids) == bites for ids in expected.values())  # the limits bite
            assert answers(server, texts, scope) == expected

        moves = [(5, "大连华信量子科技有限公司"), (6, "华信(大连)软件有限公司"), (7, "qx光谷公司")]
        for db in (lite, server):
            rename(db, moves)
        changed = ["华信", "量子", "信软", "qx", "xg", "gu", "光", "hx", "huaxin", "谷公"]
        assert answers(server, changed) == answers(lite, changed)
        for db in (lite, server):
            assert search.rebuild(db) == COUNT
            assert engines.of(db).search_index_problem(db, COUNT) is None
        assert answers(server, texts[:80]) == answers(lite, texts[:80])
    finally:
        lite.close()
        server.close()


@pytest.mark.parametrize("text", ["华信", "hx", "x"])
def test_short_fragments_are_answered_by_the_gram_index(pg_url, text):
    """On PostgreSQL one and two characters are looked up in enterprise_gram's GIN index,
    not read from every name (what pg_trgm would do)."""
    db = open_database(pg_url)
    tokens = list(text)
    tiers = engines.of(db).substring_tiers(text, text, text.isascii(), tokens)
    ((sql, args),) = tiers
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")
        plan = db.execute_sql("EXPLAIN " + sql.replace("{scope}", "").replace("?", "%s"), args)
        shown = "\n".join(r[0] for r in plan.fetchall())
    db.close()
    assert "enterprise_gram_grams" in shown, shown


def test_a_copy_to_the_server_is_searched_alike(db_path, pg_url):
    """``gjz db copy`` of a SQLite file fills the server's gram index from the copied rows."""
    from gjz_registry.dbcopy import copy_registry

    lite = demo_db(db_path)
    texts = queries(lite)[:120]
    expected = answers(lite, texts)
    lite.close()
    assert copy_registry(str(db_path), pg_url).ok
    server = open_database(pg_url)
    try:
        assert engines.of(server).search_index_problem(server, COUNT) is None
        assert answers(server, texts) == expected
    finally:
        server.close()
