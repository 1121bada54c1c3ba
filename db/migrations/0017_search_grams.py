"""Migration 0017: on PostgreSQL, the index of one- and two-character search pieces.

pg_trgm cannot answer a substring shorter than three characters (a two-character Chinese name
fragment such as 华信 read every name: 51 ms at 100 000 enterprises).  ``enterprise_gram``
holds, per enterprise, the one- and two-character pieces of its name, pinyin and initials
under a GIN index — what SQLite's ``enterprise_search`` (migration 0001) answers the same
queries from (db/engines/postgresql.py).  It is filled here from the enterprises already
registered.  SQLite: nothing to do.
"""

from db.engines import postgresql

NAME = "search_grams"


def up(db, is_sqlite):
    if is_sqlite:
        return
    for statement in postgresql.GRAM_STATEMENTS:
        db.execute_sql(statement)
    postgresql.ENGINE.rebuild_search(db)
