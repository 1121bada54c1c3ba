"""SQLite: one file on this computer, WAL, FTS5 search tables, a busy timeout.

The search side tables are ``enterprise_search`` (one token per character, for one- and
two-character substrings; kept here) and ``enterprise_trigram`` (FTS5 trigram, kept in step
by triggers: migrations 0006/0007).  See services/search.py for the tiers.
"""

import os
import re
import sqlite3
from urllib.parse import unquote, urlparse

from peewee import SqliteDatabase

from db import writebehind
from db.engines.base import Engine, char_tokens

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": int(os.environ.get("GJZ_BUSY_TIMEOUT_MS", "15000")),
    "synchronous": "normal",
    "cache_size": -32000,
}

# Python's switch interval while an import's write-behind worker runs (db/writebehind.py):
# measured on the 50 000-row import, 5 ms (Python's own) 3.27 s, 1 ms 2.89 s, 0.5 ms 2.85 s
SWITCH_INTERVAL = 0.0005

_LIKE_SPECIAL = re.compile(r"[%_]")


def path_of(target):
    """The filesystem path of a SQLite target, or None if it is not SQLite."""
    target = str(target)
    if "://" not in target:
        return target
    parsed = urlparse(target)
    if parsed.scheme != "sqlite":
        return None
    # sqlite:///relative.db, sqlite:////abs/path.db, sqlite:///C:/path.db
    path = unquote(target[len("sqlite://") :])[1:]
    return path or ":memory:"


class SqliteEngine(Engine):
    name = "sqlite"
    keeps_a_file = True
    suspends_indexes = True
    nulls_first = True
    index_ends_with_id = True

    def handles(self, target):
        return path_of(target) is not None

    def make_database(self, target, password_file=None, busy_timeout_ms=15000):
        path = path_of(target)
        if path != ":memory:":
            folder = os.path.dirname(os.path.abspath(path))
            os.makedirs(folder, exist_ok=True)
        # BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so a second
        # writer waits (busy timeout) instead of failing at once with "database is locked"
        # when a deferred transaction tries to upgrade its read lock (WAL cannot do that).
        # check_same_thread=False: an import's write-behind worker writes on the connection
        # of the thread whose transaction it is, which runs its own statements after waiting
        # for the worker (db/writebehind.py; sqlite3.threadsafety 3, serialized, allows it);
        # other threads get connections of their own
        return SqliteDatabase(
            path,
            pragmas=PRAGMAS,
            timeout=busy_timeout_ms / 1000,
            lock_type="IMMEDIATE",
            check_same_thread=False,
        )

    def owns(self, db):
        return isinstance(db, SqliteDatabase)

    def integrity_problems(self, db):
        """``PRAGMA integrity_check`` (pages, indexes) and ``foreign_key_check``."""
        rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
        problems = [f"完整性检查：{r}" for r in rows[:20]] if rows != ["ok"] else []
        for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]:
            problems.append(f"外键：{table} 第 {rowid} 行引用的 {parent} 记录不存在")
        return problems, rows != ["ok"]

    def commits_by_others(self, db):
        """``PRAGMA data_version`` on this thread's connection: it changes when another
        connection (another program, or this one's other threads) commits."""
        return db.execute_sql("PRAGMA data_version").fetchone()[0]

    # --- search ------------------------------------------------------------------------
    def prefix_where(self, column):
        return f"{column} >= ? AND {column} < ?"

    def index_order(self, column):
        return column

    def substring_tiers(self, raw, compact, is_latin, tokens):
        if len(compact) >= 3 and not _LIKE_SPECIAL.search(compact):
            # LIKE on a trigram table is answered from the index (an ESCAPE clause or an OR
            # of two columns is not, hence one tier per column and no wildcard characters)
            text = compact.lower() if is_latin else compact
            return [
                (
                    "SELECT t.rowid FROM enterprise_trigram t JOIN enterprise e"
                    f" ON e.id = t.rowid WHERE t.{column} LIKE ?{{scope}}",
                    [f"%{text}%"],
                )
                for column in (("name_initials", "name_pinyin") if is_latin else ("name",))
            ]
        if len(compact) < 3:
            columns = "{chars py ini}" if is_latin else "chars"
            phrase = '"' + " ".join(tokens) + '"'
            return [
                (
                    "SELECT s.rowid FROM enterprise_search s JOIN enterprise e ON e.id = s.rowid"
                    " WHERE enterprise_search MATCH ?{scope}",
                    [f"{columns} : {phrase}"],
                )
            ]
        pattern = "%" + raw.replace("%", "").replace("_", "") + "%"
        return [
            (
                "SELECT e.id FROM enterprise e WHERE (e.name LIKE ? OR e.name_pinyin LIKE ?"
                " OR e.name_initials LIKE ?){scope}",
                [pattern, pattern.lower(), pattern.lower()],
            )
        ]

    def index_rows(self, db, rows, new=False):
        rows = list(rows)
        if rows and not new:
            db.cursor().executemany(
                "DELETE FROM enterprise_search WHERE rowid = ?", [(r[0],) for r in rows]
            )
        self.new_index_writer(rows)(db)

    def new_index_writer(self, rows):
        spaced, tokens = " ".join, char_tokens  # one token per character
        rows = [
            (eid, spaced(tokens(name)), spaced(pinyin or ""), spaced(initials or ""))
            for eid, name, pinyin, initials in rows
        ]

        def write(db):
            self.insert_many(db, "enterprise_search", ("rowid", "chars", "py", "ini"), rows)

        return write

    def index_new_range(self, db, ids):
        if len(ids):
            db.execute_sql(
                "INSERT INTO enterprise_trigram(rowid, name, name_pinyin, name_initials)"
                " SELECT id, name, name_pinyin, name_initials FROM enterprise"
                " WHERE id >= ? AND id < ?",
                (ids.start, ids.stop),
            )

    def unindex(self, db, ids):
        if ids:
            db.cursor().executemany(
                "DELETE FROM enterprise_search WHERE rowid = ?", [(i,) for i in ids]
            )

    def unindex_where(self, db, id_subquery, args):
        db.execute_sql(f"DELETE FROM enterprise_search WHERE rowid IN ({id_subquery})", args)

    def rebuild_search(self, db):
        db.execute_sql("DELETE FROM enterprise_search")
        rows = db.execute_sql(
            "SELECT id, name, name_pinyin, name_initials FROM enterprise"
        ).fetchall()
        self.index_rows(db, rows, new=True)
        return len(rows)

    def search_index_rows(self, db):
        return db.execute_sql("SELECT COUNT(*) FROM enterprise_search").fetchone()[0]

    # --- bulk loading ------------------------------------------------------------------
    def write_behind(self, db, aborted, apart=True):
        """Behind, for a database file in WAL mode: the writes on a worker thread, the
        lookups on a reader thread with a connection of its own (db/writebehind.py);
        in line otherwise: in memory, or where a second connection opened by the same name
        would not reach this file (the working folder changed since), a second connection
        sees another database; without WAL it could not read while the load writes."""
        if not apart or sqlite3.threadsafety != 3:  # or a build that is not serialised
            return writebehind.Inline()
        opened = db.execute_sql("PRAGMA database_list").fetchone()[2]  # '' in memory
        if not opened or os.path.realpath(opened) != os.path.realpath(path_of(db.database)):
            return writebehind.Inline()
        if db.execute_sql("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            return writebehind.Inline()
        return writebehind.Behind(
            db, aborted=aborted, reads_apart=True, switch_interval=SWITCH_INTERVAL
        )

    def variable_limit(self, db):
        """How many ``?`` one statement may hold (999 on old SQLite builds)."""
        try:
            return db.connection().getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except (AttributeError, Exception):  # Python < 3.11: assume the old default
            return 999

    def json_object_sql(self, pairs):
        return f"json_object({pairs})"

    def trigger_sql(self, db, name):
        row = db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
        return row[0] if row else None

    def droppable_indexes(self, db, table):
        return db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
            (table,),
        ).fetchall()


ENGINE = SqliteEngine()
