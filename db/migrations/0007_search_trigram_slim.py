"""Migration 0007: the trigram index keeps no token positions (``detail='column'``).

Substring search asks ``enterprise_trigram`` with ``LIKE '%…%'`` on one column: FTS5 finds the
rows whose column holds every trigram of the text, and SQLite checks the pattern against the
enterprise row itself, so the positions a phrase query needs are never used.  Without them
the index is a quarter smaller and is built faster — what a 50 000-row import pays for every
new name.  The column lists stay (``detail='none'`` would drop them too, and then a search
of the initials would first collect every row whose *pinyin* holds the text: 130 ms instead
of 3 ms for a common syllable such as "ang" over 100 000 names).
Same columns, same triggers (migration 0006); the index is rebuilt from the table.
SQLite only.
"""

NAME = "search_trigram_slim"

STATEMENTS = (
    "DROP TRIGGER IF EXISTS enterprise_trigram_ai",
    "DROP TRIGGER IF EXISTS enterprise_trigram_ad",
    "DROP TRIGGER IF EXISTS enterprise_trigram_au",
    "DROP TABLE IF EXISTS enterprise_trigram",
    "CREATE VIRTUAL TABLE enterprise_trigram USING fts5("
    "name, name_pinyin, name_initials, content='enterprise', content_rowid='id',"
    " tokenize='trigram', detail='column')",
    "CREATE TRIGGER enterprise_trigram_ai AFTER INSERT ON enterprise BEGIN"
    " INSERT INTO enterprise_trigram(rowid, name, name_pinyin, name_initials)"
    " VALUES (new.id, new.name, new.name_pinyin, new.name_initials); END",
    "CREATE TRIGGER enterprise_trigram_ad AFTER DELETE ON enterprise BEGIN"
    " INSERT INTO enterprise_trigram(enterprise_trigram, rowid, name, name_pinyin,"
    " name_initials) VALUES ('delete', old.id, old.name, old.name_pinyin, old.name_initials);"
    " END",
    "CREATE TRIGGER enterprise_trigram_au AFTER UPDATE OF name, name_pinyin,"
    " name_initials ON enterprise BEGIN"
    " INSERT INTO enterprise_trigram(enterprise_trigram, rowid, name, name_pinyin,"
    " name_initials) VALUES ('delete', old.id, old.name, old.name_pinyin, old.name_initials);"
    " INSERT INTO enterprise_trigram(rowid, name, name_pinyin, name_initials)"
    " VALUES (new.id, new.name, new.name_pinyin, new.name_initials); END",
    "INSERT INTO enterprise_trigram(enterprise_trigram) VALUES ('rebuild')",
)


def up(db, is_sqlite):
    if not is_sqlite:
        return
    for statement in STATEMENTS:
        db.execute_sql(statement)
