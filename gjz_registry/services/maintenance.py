"""Backups, restore and the database check (admin).

Backups go through the SQLite backup API into the backup folder (setting ``backup_dir``,
default ``<data dir>/backups``), are checked with ``PRAGMA integrity_check`` and named per
database (its stem and id, db/backup.py).  The automatic daily backups of a database rotate to
7 daily + 4 weekly + 12 monthly; manual backups and safety copies are kept.  A restore
(services/restore.py) checks the backup completely and that it belongs to this database, backs
up the current database, then copies the pages in within one write transaction.  ``check``
reports integrity, foreign keys and the registry's own invariants.
"""

import dataclasses
import datetime
import os
import sqlite3

from peewee import DatabaseError as StorageError

from db import backup, identity
from db.engines import shown
from gjz_registry import dberrors, fileops, paths, settings
from gjz_registry import reference as ref
from gjz_registry.errors import DatabaseError, LockTimeoutError
from gjz_registry.services import audit
from gjz_registry.services import restore as restoring
from gjz_registry.services.base import Service

SERVER_BACKUPS = (
    "「{target}」是服务器数据库（PostgreSQL），它的备份与恢复由服务器负责：请用服务器的 pg_dump /"
    " pg_restore，或用「gjz db copy {target} 文件名.db」把整库复制成一个 SQLite 文件保存"
    "（复制回服务器时目标须是空库）。"
)


@dataclasses.dataclass
class CheckReport:
    problems: list
    enterprises: int = 0
    integrity: str = "ok"

    @property
    def ok(self):
        return not self.problems


@dataclasses.dataclass
class Restored:
    """What a restore did: the copy of the database as it was, and — when a backup not
    shown to belong to this database was forced through — the warning saying why."""

    safety: str
    warning: str = None


class MaintenanceService(Service):
    def _path(self):
        path = self.registry.path
        if path is None:
            raise DatabaseError(SERVER_BACKUPS.format(target=shown(self.registry.target)))
        if path == ":memory:":
            raise DatabaseError("备份与恢复只适用于本机数据库文件（SQLite）")
        return path

    def _database_id(self):
        try:
            return identity.of_database(self.db)
        except StorageError:  # the setting's page is damaged: the index may still know it
            return restoring.damaged_database_id(self._path())

    def backup_folder(self):
        return self.registry.reference.setting(settings.BACKUP_DIR) or paths.backup_dir()

    def backup(self, folder=None, kind=backup.MANUAL):
        """Write a verified backup of this database; return its path.  Any logged-in user may
        back up.  ``kind`` AUTO backups rotate afterwards; manual ones are never rotated away."""
        self.require_login()
        path = self._path()
        folder = self.registry.outputs.check_folder(folder or self.backup_folder())
        database_id = self._database_id()
        try:
            written = backup.new_backup(path, folder, kind, database_id)
        except (OSError, sqlite3.Error, backup.BackupError) as exc:
            raise DatabaseError(f"备份失败：{exc}") from None
        if kind == backup.AUTO:
            self._rotate(folder, database_id)
        return written

    def _rotate(self, folder, database_id):
        """Delete the automatic backups of this database that rotation no longer keeps
        (db/backup.surplus); return the deleted paths.  A file another program holds (a virus
        scanner, Explorer's preview) stays, logged, until the next rotation: the backup just
        written, and the login that asked for it, do not fail for it."""
        keep = [
            self.registry.reference.setting(k)
            for k in (settings.BACKUP_DAILY, settings.BACKUP_WEEKLY, settings.BACKUP_MONTHLY)
        ]
        surplus = backup.surplus(folder, database_id, backup.stem_of(self._path()), *keep)
        return [path for path in surplus if fileops.remove_quietly(path)]

    def backups(self, folder=None):
        """This database's backups in ``folder`` (default: the backup folder), newest first,
        as [(time, path, size in bytes)]: automatic, manual, the copies taken before a
        restore or an upgrade, and backups named by older versions (whose database cannot be
        told).  Any logged-in user may list them (as they may back up)."""
        self.require_login()
        folder = folder or self.backup_folder()
        short = identity.short(self._database_id())
        stem = backup.stem_of(self._path())
        found = []
        for b in backup.scan(folder):
            # an id-less backup of this file (before-upgrade to version 10) or an old name
            unknown = b.short_id is None and b.stem in (stem, None)
            if b.kind == backup.DAMAGED or not (b.short_id == short or unknown):
                continue
            try:
                found.append((b.when, b.path, os.path.getsize(b.path)))
            except OSError:  # deleted meanwhile (rotation by another instance)
                continue
        return found

    def auto_backup(self, now=None):
        """Back up once a day (the first start of the day); return the path or None."""
        self.require_login()
        now = now or datetime.datetime.now()
        folder = self.backup_folder()
        database_id = self._database_id()
        stem = backup.stem_of(self._path())
        for b in backup.scan(folder):
            if b.kind == backup.AUTO and b.stem == stem and b.belongs_to(database_id):
                if b.when.date() == now.date():
                    return None
                break
        return self.backup(folder, kind=backup.AUTO)

    def restore(self, source, force=False, progress=None):
        """Replace the database with the backup ``source`` (admin); returns Restored.
        Nothing is changed unless the backup passes every check (FileFormatError) and belongs
        to this database (ForeignBackupError, unless ``force``).  ``progress(status,
        remaining, total)`` follows the page copy."""
        self.require_admin("恢复数据库")
        path = self._path()
        staged = restoring.stage(source, path)
        try:
            database_id = self._database_id()
            page_size = self.db.execute_sql("PRAGMA page_size").fetchone()[0]
            warning = restoring.adopt(staged, source, path, database_id, force, page_size)
            try:
                safety = self.backup(kind=backup.BEFORE_RESTORE)
            except DatabaseError:  # the current database is damaged: keep it as it is
                safety = restoring.keep_copy(
                    backup.keep_damaged, path, self.backup_folder(), database_id
                )
            try:
                backup.restore_into(staged.path, self.db.connection(), progress)
            except backup.RestoreBusy:  # another program holds the write lock
                raise LockTimeoutError(
                    f"{dberrors.busy_message(path)}；{restoring.UNCHANGED}，恢复前的副本：{safety}"
                ) from None
            except sqlite3.Error as exc:  # the copy's transaction is rolled back
                raise DatabaseError(
                    f"恢复失败（{exc}）；{restoring.UNCHANGED}，恢复前的副本：{safety}"
                ) from None
        finally:
            restoring.discard(staged.path)
        self.registry.reference.invalidate()
        done = {"source": os.path.abspath(source), "safety_copy": safety}
        if warning:
            done["forced"] = warning
        with self.atomic():  # an event on the whole database: its audit row only
            audit.record(self.actor, "restore", "database", None, None, done)
        return Restored(safety, warning)

    def check(self):
        """Integrity, foreign keys and the domain invariants; a CheckReport."""
        self.require_login()
        db = self.db
        problems, damaged = self.registry.engine.integrity_problems(db)
        for eid, count in db.execute_sql(
            "SELECT enterprise_id, COUNT(*) FROM residency WHERE left_on IS NULL"
            " GROUP BY enterprise_id HAVING COUNT(*) > 1"
        ):
            problems.append(f"企业编号 {eid} 同时有 {count} 条未结束的入驻记录")
        for _id, name, stage, carrier, open_stage, open_carrier in db.execute_sql(
            "SELECT e.id, e.name, e.stage, e.carrier_id, r.stage, r.carrier_id FROM enterprise e"
            " LEFT JOIN residency r ON r.enterprise_id = e.id AND r.left_on IS NULL"
            " WHERE COALESCE(e.stage, '') <> COALESCE(r.stage, '')"
            " OR COALESCE(e.carrier_id, 0) <> COALESCE(r.carrier_id, 0) LIMIT 50"
        ):
            problems.append(
                f"企业「{name}」登记的阶段/载体（{stage or '无'}/{carrier or '无'}）与未结束的入驻"
                f"记录（{open_stage or '无'}/{open_carrier or '无'}）不一致"
            )
        kinds = {stage: kind for kind, stage in ref.STAGE_OF_CARRIER_KIND.items()}
        for rid, stage, kind in db.execute_sql(
            "SELECT r.id, r.stage, c.kind FROM residency r JOIN carrier c ON c.id = r.carrier_id"
        ):
            if kinds.get(stage) != kind:
                problems.append(f"入驻记录 {rid}：阶段「{stage}」与载体类型「{kind}」不符")
        for (rid,) in db.execute_sql(
            "SELECT id FROM residency WHERE left_on IS NOT NULL AND left_on < entered_on"
        ):
            problems.append(f"入驻记录 {rid}：离开日期早于入驻日期")
        enterprises = db.execute_sql("SELECT COUNT(*) FROM enterprise").fetchone()[0]
        problem = self.registry.engine.search_index_problem(db, enterprises)
        if problem:
            problems.append(problem)
        return CheckReport(problems, enterprises, "damaged" if damaged else "ok")
