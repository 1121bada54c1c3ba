"""PostgreSQL: the district's server database (psycopg 3, the ``[postgresql]`` extra).

Connections: ``postgresql://user@host:port/db`` — the password comes from a password file
(its first line: ``--db-password-file``, which sets :data:`PASSWORD_FILE_VARIABLE`) or from
libpq's own PGPASSFILE / ~/.pgpass, so it never needs to be in the URL; when it is there,
:meth:`shown` masks it wherever the URL is printed, logged or audited.  A lock wait ends after
the same busy timeout as on SQLite (``lock_timeout``), with the same message
(gjz_registry.dberrors reads its SQLSTATE 55P03 as the lock wait it is).

Search: the substring tier of three characters or more is ``LIKE``/``ILIKE '%…%'`` answered by
pg_trgm GIN indexes on the name, pinyin and initials; the prefix tiers are ranges answered by
B-tree ``text_pattern_ops`` indexes (byte order, whatever the database's collation).  The
indexes are made by migration 0006 from :data:`SEARCH_INDEXES`.  A trigram index cannot answer
one or two characters (大, 华信, dl): those are answered by ``enterprise_gram`` (migration
0017), one row per enterprise holding the ``text[]`` of every one- and two-character piece of
its name, pinyin and initials — the pieces of SQLite's one-token-per-character table
``enterprise_search``, tagged by column (c 名称, p 拼音, i 首字母) — under a GIN index asked
with ``&&``; it is kept in step by the same calls that keep ``enterprise_search``
(:meth:`PostgresqlEngine.index_rows`, ``unindex``, ``rebuild_search``) and loses an
enterprise's row with it (ON DELETE CASCADE).  Every substring tier returns ascending ids, as
SQLite's full-text tables do, so both engines give the same results for the same data.
"""

import os
import re
from urllib.parse import unquote, urlparse

from peewee import PostgresqlDatabase

from db import writebehind
from db.engines.base import Engine, TargetError, char_tokens, read_reason

SCHEMES = ("postgres", "postgresql")

SEARCH_INDEXES = (
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX IF NOT EXISTS enterprise_{column}_trgm ON enterprise"
        f" USING gin ({column} gin_trgm_ops)"
        for column in ("name", "name_pinyin", "name_initials")
    ),
    *(
        f"CREATE INDEX IF NOT EXISTS enterprise_{column}_prefix ON enterprise"
        f" ({column} text_pattern_ops)"
        for column in ("name", "name_pinyin", "name_initials", "credit_code")
    ),
)

GRAM_TABLE = "enterprise_gram"
GRAM_STATEMENTS = (
    f"CREATE TABLE IF NOT EXISTS {GRAM_TABLE} (enterprise_id integer PRIMARY KEY"
    " REFERENCES enterprise (id) ON DELETE CASCADE, grams text[] NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {GRAM_TABLE}_grams ON {GRAM_TABLE} USING gin (grams)",
    # the frequencies of many pieces, so a rare one (878 of a million names) is looked up
    # in the index instead of walking the ids in order until 50 are found
    f"ALTER TABLE {GRAM_TABLE} ALTER COLUMN grams SET STATISTICS 1000",
)
# the columns of a search row (id, name, pinyin, initials) and their tags in the grams
_GRAM_TAGS = ("c", "p", "i")

# The password file of this process's server database (``--db-password-file`` sets it, so
# the client it starts and the commands it runs read the same file); it names a file, never
# holds the password.
PASSWORD_FILE_VARIABLE = "GJZ_DB_PASSWORD_FILE"


def _like_escaped(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def short_grams(name, pinyin, initials):
    """Every one- and two-token piece of the name's, pinyin's and initials' tokens
    (:func:`char_tokens`), tagged by column: 大连 → c大, c连, c大连; dl → i d, i l, idl."""
    grams = set()
    for tag, text in zip(_GRAM_TAGS, (name, pinyin, initials), strict=True):
        tokens = char_tokens(text)
        grams.update(tag + t for t in tokens)
        grams.update(tag + a + b for a, b in zip(tokens, tokens[1:]))
    return sorted(grams)


# a character that an array literal or COPY's text format would need quoted or escaped
_NOT_PLAIN = re.compile(r'[\s,{}"\\]')


def gram_copy_text(rows):
    """``rows`` ((enterprise id, grams)) as the text of ``COPY enterprise_gram FROM STDIN``,
    or None when a gram is not plain (the caller then lets psycopg format the rows).

    Formatted here rather than by psycopg's ``write_row``: its array dumper took ~3 s of CPU
    for an import's 50 000 rows (~60 grams each), ~0.3 s here.  A gram is a one-letter tag and
    one or two :func:`char_tokens` (single word characters): no separator, brace, quote,
    backslash or white space, and at most three characters, so never the bare word NULL —
    plain in an array literal and in COPY text alike.  The check keeps that honest should the
    tokens change; tests/exchange/test_gram_copy.py compares the result with ``write_row``'s."""
    if _NOT_PLAIN.search("".join(["".join(grams) for _, grams in rows])):
        return None
    return "".join([f"{eid}\t{{{','.join(grams)}}}\n" for eid, grams in rows])


# a password given as a parameter of the URL (libpq's ``?password=…``)
_PASSWORD_PARAMETER = re.compile(r"(?i)((?:^|[?&])password=)[^&#]*")

PASSWORD_FILE_UNREADABLE = "无法读取服务器数据库的密码文件「{path}」：{reason}"
UNREADABLE_URL = (
    "数据库地址「{target}」无法识别：应为 postgresql://用户@服务器:端口/数据库名（端口是数字，"
    "可省略）。密码请不要写进地址，改用 --db-password-file 或 PGPASSFILE；"
    "一定要写时，其中的 @ : / ? # % 须写成 %40 %3A %2F %3F %23 %25"
)


def _port_readable(parsed):
    """False when the URL's port is no number of 0–65535 (urlparse raises on reading it)."""
    try:
        return parsed.port is None or parsed.port >= 0
    except ValueError:
        return False


def read_password_file(path):
    """The first line of a password file, or None when there is none; TargetError when it
    cannot be read."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.readline().rstrip("\r\n") or None
    except OSError as exc:
        reason = read_reason(exc)
    except UnicodeDecodeError:
        reason = "不是 UTF-8 文本：请用记事本打开它，「另存为」时在「编码」中选择 UTF-8"
    raise TargetError(PASSWORD_FILE_UNREADABLE.format(path=path, reason=reason))


class PostgresqlEngine(Engine):
    name = "postgresql"

    def handles(self, target):
        return urlparse(str(target)).scheme in SCHEMES

    def make_database(self, target, password_file=None, busy_timeout_ms=15000):
        parsed = self._readable(target)
        password = unquote(parsed.password or "") or None
        password_file = password_file or os.environ.get(PASSWORD_FILE_VARIABLE)
        if password_file:
            password = read_password_file(password_file)
        return PostgresqlDatabase(
            parsed.path.lstrip("/"),
            user=unquote(parsed.username or "") or None,
            password=password,
            host=parsed.hostname,
            port=parsed.port,
            # prepare_threshold=None: psycopg prepares no statement, so every statement of
            # ours is planned for its own values and the tables as they are (a generic plan
            # made while an import's table was nearly empty would stay in use as the import
            # fills it: a full scan per chunk).  Not plan_cache_mode=force_custom_plan, which
            # did the same for ours but also re-planned the server's own foreign-key checks
            # for every row written: ~1.5 s of the server per 50 000 imported enterprises.
            prepare_threshold=None,
            options=f"-c lock_timeout={int(busy_timeout_ms)}",
            application_name="gjz-registry",
        )

    def owns(self, db):
        return isinstance(db, PostgresqlDatabase)

    def _readable(self, target):
        """``target`` parsed, or TargetError when it cannot be read as the server, port and
        database it must name — typically a password written into it with an unencoded
        ``#`` ``/`` ``?`` ``@``, which moves the rest of the URL into the wrong parts."""
        parsed = urlparse(str(target))
        misplaced = bool(parsed.fragment) or "@" in parsed.path + parsed.query
        if misplaced or not _port_readable(parsed) or not parsed.path.lstrip("/"):
            raise TargetError(UNREADABLE_URL.format(target=self.shown(target)))
        return parsed

    def shown(self, target):
        """The URL with the password of its user part and a ``password=`` parameter masked.
        Never fails, whatever the text: it is called on what a user typed, also to log why a
        command failed.  The user part ends at the last ``@`` (as urlparse reads it), so an
        unencoded ``#`` ``/`` ``?`` in a password is masked with the rest of it."""
        text = str(target)
        scheme, separator, rest = text.partition("://")
        if not separator:
            return text
        rest = _PASSWORD_PARAMETER.sub(r"\1***", rest)
        userinfo, at, location = rest.rpartition("@")
        if not at or ":" not in userinfo:
            return f"{scheme}://{rest}"
        return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{location}"

    # --- search ------------------------------------------------------------------------
    def prefix_where(self, column):
        return f"{column} ~>=~ ? AND {column} ~<~ ?"

    def index_order(self, column):
        return f"{column} USING ~<~"

    def substring_tiers(self, raw, compact, is_latin, tokens):
        if len(compact) < 3 and len(tokens) <= 2:
            # one or two characters: SQLite's phrase of one-character tokens, as one piece
            piece = "".join(tokens)
            pieces = [tag + piece for tag in (_GRAM_TAGS if is_latin else _GRAM_TAGS[:1])]
            return [
                (
                    # LEFT JOIN: without a scope PostgreSQL drops the join altogether
                    f"SELECT g.enterprise_id FROM {GRAM_TABLE} g LEFT JOIN enterprise e"
                    " ON e.id = g.enterprise_id WHERE g.grams && ?::text[]{scope}"
                    " ORDER BY g.enterprise_id",
                    [pieces],
                )
            ]
        text = compact.lower() if is_latin else compact
        pattern = f"%{_like_escaped(text)}%"
        if is_latin:
            return [
                (
                    f"SELECT e.id FROM enterprise e WHERE e.{column} LIKE ?{{scope}} ORDER BY e.id",
                    [pattern],
                )
                for column in ("name_initials", "name_pinyin")
            ]
        return [
            ("SELECT e.id FROM enterprise e WHERE e.name ILIKE ?{scope} ORDER BY e.id", [pattern])
        ]

    def index_rows(self, db, rows, new=False):
        """The short-fragment grams of ``rows``: new records' through COPY (an import's
        50 000 rows one by one took ~9 s of the server's time), others by upsert."""
        if new:
            self.new_index_writer(rows)(db)
            return
        rows = [(r[0], short_grams(r[1], r[2], r[3])) for r in rows]
        if rows:
            db.cursor().executemany(
                f"INSERT INTO {GRAM_TABLE} (enterprise_id, grams) VALUES (%s, %s)"
                " ON CONFLICT (enterprise_id) DO UPDATE SET grams = EXCLUDED.grams",
                rows,
            )

    def new_index_writer(self, rows):
        """The grams and their COPY text made now; the COPY when called."""
        grams = [(r[0], short_grams(r[1], r[2], r[3])) for r in rows]
        text = gram_copy_text(grams)

        def write(db):
            if not grams:
                return
            if text is None:  # a gram that is not plain: psycopg formats the rows
                self.copy_rows(db, GRAM_TABLE, ["enterprise_id", "grams"], grams)
                return
            with db.cursor().copy(f"COPY {GRAM_TABLE} (enterprise_id, grams) FROM STDIN") as copy:
                copy.write(text)

        return write

    def unindex(self, db, ids):
        if ids:
            db.execute_sql(f"DELETE FROM {GRAM_TABLE} WHERE enterprise_id = ANY(%s)", (list(ids),))

    def unindex_where(self, db, id_subquery, args):
        db.execute_sql(f"DELETE FROM {GRAM_TABLE} WHERE enterprise_id IN ({id_subquery})", args)

    def rebuild_search(self, db):
        """All rows again through COPY, the GIN index built once afterwards (faster than
        growing it row by row)."""
        db.execute_sql(f"DROP INDEX IF EXISTS {GRAM_TABLE}_grams")
        db.execute_sql(f"DELETE FROM {GRAM_TABLE}")
        source = db.cursor()
        source.execute("SELECT id, name, name_pinyin, name_initials FROM enterprise")
        count = 0
        while batch := source.fetchmany(10_000):
            self.new_index_writer(batch)(db)
            count += len(batch)
        for statement in GRAM_STATEMENTS:
            db.execute_sql(statement)
        return count

    def search_index_rows(self, db):
        return db.execute_sql(f"SELECT COUNT(*) FROM {GRAM_TABLE}").fetchone()[0]

    # --- bulk loading ------------------------------------------------------------------
    def reserve_ids(self, db, table):
        if db.in_transaction():  # inserts and updates by others wait (lock_timeout)
            db.execute_sql(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')

    def copy_rows(self, db, table, columns, rows):
        """``COPY … FROM STDIN`` (psycopg 3): one statement for all the rows, inside the
        caller's transaction (``columns`` quoted)."""
        with db.cursor().copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return True

    def write_behind(self, db, aborted, apart=True):
        """On a worker thread, while this one prepares the next chunk: the server does the
        writing, in its own process (db/writebehind.py)."""
        return writebehind.Behind(db, aborted=aborted)

    def ids_taken(self, db, table):
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
            f' GREATEST((SELECT MAX(id) FROM "{table}"), 1))'
        )

    def json_object_sql(self, pairs):
        """``json_build_object``: dates as ISO text and numbers as numbers, as the SQLite
        path's ``json_object`` gives them (the text differs in spacing only)."""
        return f"json_build_object({pairs})::text"

    def create_search_indexes(self, db):
        for statement in SEARCH_INDEXES:
            db.execute_sql(statement)


ENGINE = PostgresqlEngine()
