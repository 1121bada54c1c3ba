"""Migration 0006: a trigram index for substring search of 3 or more characters.

``enterprise_trigram`` is an external-content FTS5 table over the enterprise's name, pinyin
and initials, kept in step by triggers, so every writer (services, bulk imports, demo data)
updates it without knowing it exists.  Queries of one or two characters keep using the
one-token-per-character table ``enterprise_search`` (a trigram index cannot match them).
On PostgreSQL the same searches are answered by pg_trgm GIN and ``text_pattern_ops``
indexes (db/engines/postgresql.py); they are made here.
"""

from db.engines import postgresql

NAME = "search_trigram"

STATEMENTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS enterprise_trigram USING fts5("
    "name, name_pinyin, name_initials, content='enterprise', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS enterprise_trigram_ai AFTER INSERT ON enterprise BEGIN"
    " INSERT INTO enterprise_trigram(rowid, name, name_pinyin, name_initials)"
    " VALUES (new.id, new.name, new.name_pinyin, new.name_initials); END",
    "CREATE TRIGGER IF NOT EXISTS enterprise_trigram_ad AFTER DELETE ON enterprise BEGIN"
    " INSERT INTO enterprise_trigram(enterprise_trigram, rowid, name, name_pinyin,"
    " name_initials) VALUES ('delete', old.id, old.name, old.name_pinyin, old.name_initials);"
    " END",
    "CREATE TRIGGER IF NOT EXISTS enterprise_trigram_au AFTER UPDATE OF name, name_pinyin,"
    " name_initials ON enterprise BEGIN"
    " INSERT INTO enterprise_trigram(enterprise_trigram, rowid, name, name_pinyin,"
    " name_initials) VALUES ('delete', old.id, old.name, old.name_pinyin, old.name_initials);"
    " INSERT INTO enterprise_trigram(rowid, name, name_pinyin, name_initials)"
    " VALUES (new.id, new.name, new.name_pinyin, new.name_initials); END",
    "INSERT INTO enterprise_trigram(enterprise_trigram) VALUES ('rebuild')",
)


def up(db, is_sqlite):
    if not is_sqlite:
        postgresql.ENGINE.create_search_indexes(db)
        return
    for statement in STATEMENTS:
        db.execute_sql(statement)
