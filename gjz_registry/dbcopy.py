"""A whole registry copied between an SQLite file and a PostgreSQL database (``gjz db copy``).

    result = copy_registry("street.db", "postgresql://gjz@server/gjz")
    for table in result.tables: table.source_rows, table.target_rows, table.same …

The source is read in one snapshot (a read transaction) and must be at this program's schema
version (it is never changed: an older file is upgraded by opening it first).  The target
must be empty: a new SQLite file — written through the output guard (gjz_registry.outputs:
never the source, its companion files, a backup or an existing SQLite file), as a temporary
file renamed into place only when the copy is complete and verified; an existing file of
any kind is never replaced — or a PostgreSQL
database without a registry's own rows (no schema at all, or only what the migrations
write).  The schema is created by the migrations; then, in one transaction, the migrations'
reference rows are replaced by the source's and every table (db.copying.TABLES: users with
their password hashes, the audit trail, import batches, certificates, settings with the
certificate secret, plans …) is copied with its ids, in batches; PostgreSQL sequences continue
after the highest ids and SQLite's search index is rebuilt.  After the commit every table is
read back: row counts and content checksums of source and target, side by side
(:class:`CopyResult`); a difference is a :class:`CopyMismatchError` (the SQLite target is then
not kept).
"""

import dataclasses
import os
from urllib.parse import urlparse

from db import copying, migrations
from db.database import is_sqlite, make_database, sqlite_path
from db.engines import shown
from db.engines.base import TargetError
from gjz_registry import dberrors, logs, paths, settings
from gjz_registry.errors import DatabaseDamagedError, DatabaseError, RegistryError
from gjz_registry.outputs import OutputGuard
from gjz_registry.services import search

NOT_FOUND = "源数据库「{source}」不存在，请检查路径。"
NOT_REGISTRY = "「{source}」不是本系统的数据库（没有结构版本记录），无法复制。"
SOURCE_OLD = (
    "源数据库「{source}」的结构版本是 {found}，本程序是 {known}：请先用本程序打开它一次"
    "（如 gjz --db 源文件 check）完成升级，再复制。"
)
SOURCE_NEW = "源数据库「{source}」由更新版本的程序创建（结构版本 {found}），请升级程序后再复制。"
TARGET_NEW = (
    "目标数据库「{target}」已由更新版本的程序建好结构（结构版本 {found}，本程序是 {known}），"
    "无法复制进去：请用同一版本的程序复制，或在服务器上新建一个空数据库。"
)
NOT_EMPTY = (
    "目标数据库「{target}」不是空库（表「{table}」已有 {rows} 行），复制会与其中的数据混在一起，"
    "已拒绝。请指定新的文件名，或在服务器上新建一个空数据库再复制。"
)
EXISTS = (
    "目标文件「{target}」已存在：复制只写入新文件，不覆盖已有的文件。请另选文件名，"
    "或先把该文件移走。"
)
SAME = "源和目标是同一个数据库「{target}」，无法复制。"
UNSUPPORTED = "不支持的数据库地址「{target}」：请给出 SQLite 文件路径或 postgresql:// 地址。"
CANNOT_OPEN = "无法打开数据库「{target}」：{reason}"
COLUMNS_DIFFER = (
    "表「{table}」在源数据库和目标「{target}」中的列不同，无法复制：两边应由同一版本的程序创建。"
)
DAMAGED = (
    '「{source}」{detail}，无法复制：请先运行 gjz --db "{source}" check 检查它，'
    "或用它的备份恢复后再复制。"
)
REFUSED = (
    "目标「{target}」拒绝了表「{table}」中的数据（{reason}），复制已撤销，目标仍是空库："
    "源数据库中有目标不能保存的值（如 NUL 字符、超出长度的文本、数字列中的文字），"
    "请在源数据库中更正后重新复制。"
)
MISMATCH = (
    "复制后核对不一致：表「{tables}」的行数或校验和与源数据库不同，目标未保留（SQLite 文件）"
    "或应删除后重新复制（服务器数据库）。"
)


class CopyMismatchError(DatabaseError):
    """The target read back differs from the source."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


@dataclasses.dataclass
class TableCopy:
    table: str
    source_rows: int
    source_checksum: str
    target_rows: int = None
    target_checksum: str = None

    @property
    def same(self):
        return (self.source_rows, self.source_checksum) == (
            self.target_rows,
            self.target_checksum,
        )


@dataclasses.dataclass
class CopyResult:
    source: str  # printable (a password masked)
    target: str
    tables: list

    @property
    def ok(self):
        return all(t.same for t in self.tables)


def copy_registry(source, target):
    """Copy the registry at ``source`` into the empty ``target`` (paths or URLs); return the
    CopyResult.  Raises RegistryError subclasses with the reason (see the module text)."""
    source, target = os.fspath(source), os.fspath(target)
    source_db = _open_source(source)
    try:
        target_file = sqlite_path(target)
        if target_file is None:
            if urlparse(target).scheme not in ("postgres", "postgresql"):
                raise RegistryError(UNSUPPORTED.format(target=shown(target)))
            if _same_server_database(source, target):
                raise RegistryError(SAME.format(target=shown(target)))
            return _copy_into(source_db, source, target, target)
        guard = OutputGuard(
            sqlite_path(source), lambda: _backup_folders(source_db), logs=logs.files
        )
        guard.check(target_file)  # its reasons first: the source, a companion, a backup …
        if os.path.lexists(target_file):  # any other file: a copy makes a new file only
            raise RegistryError(EXISTS.format(target=target_file))
        with guard.temporary(target_file) as temporary:
            result = _copy_into(source_db, source, temporary, target)
        return result
    finally:
        source_db.close()


def _open_source(source):
    path = sqlite_path(source)
    if path is None and urlparse(source).scheme not in ("postgres", "postgresql"):
        raise RegistryError(UNSUPPORTED.format(target=shown(source)))
    if path is not None and not os.path.isfile(path):
        raise RegistryError(NOT_FOUND.format(source=source))
    db = _connect(source)
    try:
        applied = migrations.applied_versions(db)
        if not applied:
            raise RegistryError(NOT_REGISTRY.format(source=shown(source)))
        known = migrations.latest_version()
        if max(applied) > known:
            raise RegistryError(SOURCE_NEW.format(source=shown(source), found=max(applied)))
        if {v for v, _ in migrations.available()} - applied:
            raise RegistryError(
                SOURCE_OLD.format(source=shown(source), found=max(applied), known=known)
            )
    except BaseException:
        db.close()
        raise
    return db


def _connect(target):
    try:
        db = make_database(target)
    except TargetError as exc:  # a URL that cannot be read (its text says why)
        raise DatabaseError(str(exc)) from None
    try:
        db.connect()
    except Exception as exc:
        if dberrors.condition(exc) in (dberrors.DAMAGED, dberrors.NOT_A_DATABASE):
            detail = "不是 SQLite 数据库文件，或已损坏"  # only a source file exists already
            raise DatabaseDamagedError(
                DAMAGED.format(source=shown(target), detail=detail)
            ) from None
        raise DatabaseError(CANNOT_OPEN.format(target=shown(target), reason=_reason(exc))) from None
    return db


def _reason(exc):
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _backup_folders(source_db):
    """Where backups live: the source's configured backup folder and the default one."""
    row = source_db.execute_sql(
        f"SELECT value FROM {copying.quoted('setting')} WHERE key = " + source_db.param,
        (settings.BACKUP_DIR.name,),
    ).fetchone()
    return [row[0] if row else None, paths.backup_dir()]


def _same_server_database(source, target):
    """True when both URLs name one server database (False when either cannot be read:
    connecting to it then says why)."""
    try:
        a, b = urlparse(source), urlparse(target)
        return (a.hostname, a.port or 5432, a.path) == (b.hostname, b.port or 5432, b.path)
    except ValueError:  # a port that is no number
        return False


def _copy_into(source_db, source, target, shown_target):
    """Copy into ``target`` (a URL, or the temporary SQLite file); ``shown_target`` is what
    messages call it."""
    target_db = _connect(target)
    try:
        _refuse_filled(target_db, shown_target)
        try:
            migrations.migrate(target_db, is_sqlite(target_db))
        except migrations.SchemaTooNewError as exc:  # a newer program's (empty) schema
            raise RegistryError(
                TARGET_NEW.format(target=shown(shown_target), found=exc.found, known=exc.known)
            ) from None
        tables = []
        with source_db.atomic(*_snapshot(source_db)):
            if not is_sqlite(source_db):
                source_db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            with target_db.atomic():
                for table in reversed(copying.TABLES):  # the migrations' reference rows
                    target_db.execute_sql(f"DELETE FROM {copying.quoted(table)}")
                for table in copying.TABLES:
                    columns = _same_columns(source_db, target_db, table, shown_target)
                    checksum = _copy_table(
                        source_db, target_db, table, columns, source, shown_target
                    )
                    tables.append(TableCopy(table, checksum.rows, checksum.hexdigest))
                copying.reset_sequences(target_db, copying.TABLES)
                search.rebuild(target_db)
        for entry in tables:
            columns = copying.columns_of(target_db, entry.table)
            checksum = copying.table_checksum(target_db, entry.table, columns)
            entry.target_rows, entry.target_checksum = checksum.rows, checksum.hexdigest
    finally:
        target_db.close()
    result = CopyResult(shown(source), shown(shown_target), tables)
    if not result.ok:
        differing = "」「".join(t.table for t in tables if not t.same)
        raise CopyMismatchError(MISMATCH.format(tables=differing), result)
    return result


def _copy_table(source_db, target_db, table, columns, source, shown_target):
    """copying.copy_table; a value the target refuses (a NUL character or an over-long text
    PostgreSQL does not store, a text in a number column of a hand-edited file) is a
    DatabaseError naming the table and the target's reason, not an internal error; a damaged
    page met while reading is the source's damage (the target is new), named so."""
    try:
        return copying.copy_table(source_db, target_db, table, columns)
    except Exception as exc:
        if not dberrors.is_driver_error(exc):
            raise
        typed = dberrors.classify(exc, shown_target)
        if isinstance(typed, DatabaseDamagedError):
            detail = f"已损坏（读取表「{table}」时发现）"
            raise DatabaseDamagedError(
                DAMAGED.format(source=shown(source), detail=detail)
            ) from None
        if typed is not None:  # a lock wait, a full disk …: their own message
            raise typed from None
        reason = dberrors.explain(exc)[1]
        raise DatabaseError(
            REFUSED.format(table=table, target=shown(shown_target), reason=reason)
        ) from None


def _same_columns(source_db, target_db, table, shown_target):
    """The table's columns (name order), which the migrations made alike on both sides."""
    columns = copying.columns_of(source_db, table)
    if columns != copying.columns_of(target_db, table):
        raise DatabaseError(COLUMNS_DIFFER.format(table=table, target=shown(shown_target)))
    return columns


def _snapshot(db):
    """atomic()'s arguments for a read snapshot: SQLite's deferred transaction takes no write
    lock (the source stays usable by its clients)."""
    return ("DEFERRED",) if is_sqlite(db) else ()


def _refuse_filled(db, shown_target):
    """Refuse a target holding rows the migrations do not write (users, enterprises…)."""
    existing = set(db.get_tables())
    seeded = _seeded_tables()
    for table in copying.TABLES:
        if table in existing and table not in seeded:
            rows = copying.count_rows(db, table)
            if rows:
                raise RegistryError(
                    NOT_EMPTY.format(target=shown(shown_target), table=table, rows=rows)
                )


def _seeded_tables():
    """The tables the migrations fill (reference data, the action plan, the database id)."""
    probe = make_database(":memory:")
    probe.connect()
    try:
        migrations.migrate(probe, True)
        return {t for t in copying.TABLES if copying.count_rows(probe, t)}
    finally:
        probe.close()
