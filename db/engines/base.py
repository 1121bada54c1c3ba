"""The interface every database engine module implements (db/engines/sqlite.py,
db/engines/postgresql.py).

Services write portable SQL through peewee; what an engine does its own way lives behind
these methods, and nothing outside db/engines asks which engine it has.
"""

import errno
import re
import unicodedata
from itertools import chain

from db import writebehind

_WORD = re.compile(r"\w", re.UNICODE)
ROWS_PER_STATEMENT = 500  # of a multi-row INSERT (Engine.insert_many)


def char_tokens(text):
    """The characters a search index keeps of ``text``, one token each: its letters and
    digits (NFKC, lower case) — how both engines' short-substring indexes see a name.

    ``\\w`` matches exactly the characters for which ``str.isalnum()`` is true, and ``_``
    (tests/unit/test_char_tokens.py checks every code point), so a text of letters and digits
    alone — most names — is its own list of tokens, without a regex match per character."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return list(text) if text.isalnum() else _WORD.findall(text)


# Why a file a user named could not be read, in words they can act on (the system's own
# text is English): a password file, a certificate template.
READ_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EACCES: "没有读取该文件的权限",
    errno.EPERM: "没有读取该文件的权限",
}


def read_reason(exc):
    """The reason an OSError gives for a file that cannot be read, in Chinese if known."""
    return READ_REASONS.get(exc.errno) or exc.strerror or str(exc)


class TargetError(ValueError):
    """A database path or URL that cannot be used as written; its text (Chinese, the URL's
    password masked) says why and what to write instead."""


class Engine:
    """What differs between database engines.  One instance per engine module."""

    name = ""
    #: the database is one file on this computer (file backups, restore, integrity check,
    #: the backup before an upgrade); a server database's backups are the server's business
    keeps_a_file = False
    #: a large load may drop the table's ordinary indexes and build them again afterwards
    suspends_indexes = False
    #: NULL sorts before every value in ascending order (SQLite) or after (PostgreSQL)
    nulls_first = False
    #: an index on a column is ordered by (column, row id) without naming the id (SQLite's
    #: rowid); otherwise a list sorted by a column needs an index on (column, id)
    index_ends_with_id = False

    def handles(self, target):
        """True when ``target`` (a path or URL) names a database of this engine."""
        raise NotImplementedError

    def make_database(self, target, password_file=None, busy_timeout_ms=15000):
        """A peewee database (not connected) for ``target``; a lock wait gives up after
        ``busy_timeout_ms``; ``password_file``: a server database's password (first line)."""
        raise NotImplementedError

    def owns(self, db):
        """True when ``db`` is a peewee database of this engine."""
        raise NotImplementedError

    def shown(self, target):
        """``target`` as it may be printed, logged or audited (no password)."""
        return str(target)

    def integrity_problems(self, db):
        """(lines for ``check``, damaged?) of the engine's own integrity checks.  A server
        checks its pages itself and enforces foreign keys on every write: nothing to add."""
        return [], False

    def commits_by_others(self, db):
        """A token that moves when another connection commits, or None when the engine has
        none (the newest audit row's id then says it alone)."""
        return None

    # --- search ------------------------------------------------------------------------
    def prefix_where(self, column):
        """A condition "``column`` starts with a text" answered by an index; parameters: the
        text and the text + the highest character (services.search)."""
        raise NotImplementedError

    def index_order(self, column):
        """ORDER BY term walking ``column``'s prefix index in its own order."""
        raise NotImplementedError

    def substring_tiers(self, raw, compact, is_latin, tokens):
        """[(sql, args)] of the substring tier, best first, each selecting enterprise ids
        from ``enterprise e`` in ascending id order; the caller puts its scope on
        ``e.street_id`` (``AND …``) where the SQL says ``{scope}``."""
        raise NotImplementedError

    def index_rows(self, db, rows, new=False):
        """Keep a side search index up to date for (id, name, pinyin, initials) rows."""

    def new_index_writer(self, rows):
        """A function of ``db`` that writes the side search index rows of new records
        ``rows`` (id, name, pinyin, initials): the rows' own work (tokens) done now, on the
        caller's thread, the writing when called — maybe behind (db/writebehind.py)."""
        return lambda db: self.index_rows(db, rows, new=True)

    def index_new_range(self, db, ids):
        """Index enterprises ``ids`` (a range) inserted while the index trigger was off."""

    def unindex(self, db, ids):
        """Drop enterprises ``ids`` from a side search index."""

    def unindex_where(self, db, id_subquery, args):
        """Drop the enterprises whose id the SQL ``id_subquery`` selects from the index."""

    def rebuild_search(self, db):
        """Rebuild the side search index from the enterprise table; the rows indexed."""
        return 0

    def search_index_rows(self, db):
        """How many enterprises the side search index holds (None: the engine has none)."""
        return None

    def search_index_problem(self, db, enterprises):
        """A line for ``check`` when the search index disagrees with the table, else None."""
        indexed = self.search_index_rows(db)
        if indexed is not None and indexed != enterprises:
            return f"搜索索引有 {indexed} 条，企业有 {enterprises} 家（可重建索引）"
        return None

    # --- bulk loading ------------------------------------------------------------------
    def reserve_ids(self, db, table):
        """Before a load hands out ids above ``table``'s MAX(id) itself: keep other clients
        from inserting into it until the transaction ends (SQLite: its write lock does)."""

    def ids_taken(self, db, table):
        """After rows went into ``table`` with explicit ids: move its id sequence past them
        (SQLite: its rowids need nothing)."""

    def copy_rows(self, db, table, columns, rows):
        """Load ``rows`` (tuples in the order of ``columns``, quoted identifiers; values in
        database form) into ``table`` the engine's own bulk way and return True, or return
        False when it has none (the caller then writes multi-row INSERTs)."""
        return False

    def write_behind(self, db, aborted, apart=True):
        """Where a bulk load's chunk writes run (db/writebehind.py): by default at once, in
        line.  ``aborted(error)``: True for the server's refusal of a statement in a
        transaction an earlier error had broken; ``apart``: False when the load runs inside
        a transaction of its caller's, whose uncommitted rows a lookup on a connection of
        its own would not see."""
        return writebehind.Inline()

    def insert_many(self, db, table, columns, rows):
        """Write ``rows`` (tuples in the order of ``columns``) into ``table`` by INSERTs of
        many rows each (up to ROWS_PER_STATEMENT, within the engine's parameter limit).

        Not ``executemany``: that runs one statement per row, and SQLite's FTS5 flushes its
        pending index data at every statement — with the trigger that keeps the trigram
        search index in step, one statement per row made inserting enterprises ~6× slower;
        and each statement on a write-behind worker gives the GIL back and waits to get it
        again (db/writebehind.py)."""
        if not rows:
            return
        one = "(" + ", ".join([db.param] * len(columns)) + ")"
        head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        per = max(1, min(ROWS_PER_STATEMENT, self.variable_limit(db) // len(columns)))
        full = head + ", ".join([one] * per)
        cursor = db.cursor()
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            sql = full if len(chunk) == per else head + ", ".join([one] * len(chunk))
            cursor.execute(sql, list(chain.from_iterable(chunk)))

    def variable_limit(self, db):
        """How many parameters one statement may hold."""
        return 10_000

    def json_object_sql(self, pairs):
        """SQL building a JSON object text from ``pairs`` ("'key', column, …"), or None
        when the engine's JSON text differs from the services' (rows are built in Python)."""
        return None

    def trigger_sql(self, db, name):
        """The SQL that created trigger ``name`` (to drop it and make it again), or None."""
        return None

    def droppable_indexes(self, db, table):
        """[(name, create SQL)] of ``table``'s indexes a bulk load may rebuild afterwards."""
        return []
