"""PostgreSQL: the district's server database (psycopg 3, the ``[postgresql]`` extra).

Connections: ``postgresql://user@host:port/db`` — the password comes from a password file
(its first line: ``--db-password-file``, which sets :data:`PASSWORD_FILE_VARIABLE`) or from
libpq's own PGPASSFILE / ~/.pgpass, so it never needs to be in the URL; when it is there,
:meth:`shown` masks it wherever the URL is printed, logged or audited.  A lock wait ends after
the same busy timeout as on SQLite (``lock_timeout``), with the same message
(gjz_registry.dberrors reads its SQLSTATE 55P03 as the lock wait it is).

Search: the substring tier is ``LIKE``/``ILIKE '%…%'`` answered by pg_trgm GIN indexes on the
name, pinyin and initials; the prefix tiers are ranges answered by B-tree ``text_pattern_ops``
indexes (byte order, whatever the database's collation).  The indexes are made by migration
0006 from :data:`SEARCH_INDEXES`; nothing else needs keeping in step (no side tables).
"""

import os
from urllib.parse import unquote, urlparse, urlunparse

from peewee import PostgresqlDatabase

from db.engines.base import Engine

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

# The password file of this process's server database (``--db-password-file`` sets it, so
# the client it starts and the commands it runs read the same file); it names a file, never
# holds the password.
PASSWORD_FILE_VARIABLE = "GJZ_DB_PASSWORD_FILE"


def _like_escaped(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def read_password_file(path):
    """The first line of a password file, or None when there is none."""
    with open(path, encoding="utf-8-sig") as handle:
        return handle.readline().rstrip("\r\n") or None


class PostgresqlEngine(Engine):
    name = "postgresql"

    def handles(self, target):
        return urlparse(str(target)).scheme in SCHEMES

    def make_database(self, target, password_file=None, busy_timeout_ms=15000):
        parsed = urlparse(str(target))
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
            # plan_cache_mode: every statement is planned for its own values and the tables
            # as they are: a generic plan made while an import's table was nearly empty
            # would otherwise stay in use as the import fills it (a full scan per chunk)
            options=f"-c lock_timeout={int(busy_timeout_ms)} -c plan_cache_mode=force_custom_plan",
            application_name="gjz-registry",
        )

    def owns(self, db):
        return isinstance(db, PostgresqlDatabase)

    def shown(self, target):
        parsed = urlparse(str(target))
        if parsed.password is None:
            return str(target)
        user = parsed.username or ""
        host = parsed.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{user}:***@{host}" + (f":{parsed.port}" if parsed.port else "")
        return urlunparse(parsed._replace(netloc=netloc))

    # --- search ------------------------------------------------------------------------
    def prefix_where(self, column):
        return f"{column} ~>=~ ? AND {column} ~<~ ?"

    def index_order(self, column):
        return f"{column} USING ~<~"

    def substring_tiers(self, raw, compact, is_latin, tokens):
        text = compact.lower() if is_latin else compact
        pattern = f"%{_like_escaped(text)}%"
        if is_latin:
            return [
                (f"SELECT e.id FROM enterprise e WHERE e.{column} LIKE ?", [pattern])
                for column in ("name_initials", "name_pinyin")
            ]
        return [("SELECT e.id FROM enterprise e WHERE e.name ILIKE ?", [pattern])]

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
