"""Backups, restore and the database check (admin).

Backups go through the SQLite backup API into the backup folder (setting ``backup_dir``,
default ``<data dir>/backups``), are checked with ``PRAGMA integrity_check``, and rotate to
7 daily + 4 weekly + 12 monthly.  A restore validates the file, backs up the current
database first, then copies the pages in and upgrades the schema if the backup is older.
``check`` reports integrity, foreign keys and the registry's own invariants.
"""

import dataclasses
import datetime
import os

from db import backup, migrations
from gjz_registry import paths
from gjz_registry import reference as ref
from gjz_registry.errors import DatabaseError, FileFormatError
from gjz_registry.services import audit
from gjz_registry.services.base import Service

BACKUP_DIR_SETTING = "backup_dir"


@dataclasses.dataclass
class CheckReport:
    problems: list
    enterprises: int = 0
    integrity: str = "ok"

    @property
    def ok(self):
        return not self.problems


def newest_good_backup(folder):
    """The newest backup in ``folder`` that passes the integrity check, or None."""
    for _, path in backup.list_backups(folder):
        ok, _ = backup.is_registry_file(path)
        if ok:
            return path
    return None


def restore_file(target, source):
    """Replace the database file ``target`` — damaged, so it cannot be opened — by the
    backup ``source``.  The damaged file (with its -wal/-shm) is moved aside first; returns
    its new path.  Used only when the database cannot be opened for a normal restore."""
    ok, detail = backup.is_registry_file(source)
    if not ok:
        raise FileFormatError(f"「{source}」不能用于恢复：{detail}")
    folder = paths.backup_dir()
    os.makedirs(folder, exist_ok=True)
    kept = os.path.join(folder, backup.timestamped_name("damaged"))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.replace(target + suffix, kept + suffix)
    backup.backup_file(source, target)
    return kept


class MaintenanceService(Service):
    def _path(self):
        path = self.registry.path
        if not path or path == ":memory:":
            raise DatabaseError("备份与恢复只适用于本机数据库文件（SQLite）")
        return path

    def backup_folder(self):
        return self.registry.reference.setting(BACKUP_DIR_SETTING) or paths.backup_dir()

    def backup(self, folder=None, prefix="registry", rotate=True):
        """Write a verified backup; return its path.  Any logged-in user may back up."""
        self.require_login()
        folder = self.registry.outputs.check_folder(folder or self.backup_folder())
        target = os.path.join(folder, backup.timestamped_name(prefix))
        try:
            backup.backup_file(self._path(), target)
        except (OSError, backup.BackupError) as exc:
            raise DatabaseError(f"备份失败：{exc}") from None
        if rotate and prefix == "registry":
            backup.rotate(folder)
        return target

    def backups(self, folder=None):
        """The backups in ``folder`` (default: the backup folder), newest first, as
        [(time, path, size in bytes)]: the daily/manual ones and the copies taken before a
        restore.  Any logged-in user may list them (as they may back up)."""
        self.require_login()
        folder = folder or self.backup_folder()
        found = []
        for prefix in ("registry", "before-restore"):
            for when, path in backup.list_backups(folder, prefix):
                try:
                    found.append((when, path, os.path.getsize(path)))
                except OSError:  # deleted meanwhile (rotation by another instance)
                    continue
        return sorted(found, reverse=True)

    def auto_backup(self, now=None):
        """Back up once a day (the first start of the day); return the path or None."""
        self.require_login()
        now = now or datetime.datetime.now()
        folder = self.backup_folder()
        latest = backup.list_backups(folder)
        if latest and latest[0][0].date() == now.date():
            return None
        return self.backup(folder)

    def restore(self, source):
        """Replace the database with the backup ``source`` (admin); returns the safety copy
        of the database as it was before."""
        self.require_admin("恢复数据库")
        ok, detail = backup.is_registry_file(source)
        if not ok:
            raise FileFormatError(f"「{source}」不能用于恢复：{detail}")
        if detail is not None and detail > migrations.latest_version():
            raise FileFormatError(f"「{source}」由更新版本的程序创建，请升级程序后再恢复")
        try:
            safety = self.backup(prefix="before-restore", rotate=False)
        except DatabaseError:  # the current database is damaged: keep it as it is
            safety = os.path.join(self.backup_folder(), backup.timestamped_name("damaged"))
            backup.backup_file(self._path(), safety, verify=False)
        connection = self.db.connection()
        backup.restore_into(source, connection)
        migrations.migrate(self.db, True)
        self.registry.reference.invalidate()
        with self.atomic():
            audit.record(
                self.actor,
                "restore",
                "database",
                None,
                None,
                {"source": os.path.abspath(source), "safety_copy": safety},
            )
        return safety

    def check(self):
        """Integrity, foreign keys and the domain invariants; a CheckReport."""
        self.require_login()
        db = self.db
        problems = []
        rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems += [f"完整性检查：{r}" for r in rows[:20]]
        for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]:
            problems.append(f"外键：{table} 第 {rowid} 行引用的 {parent} 记录不存在")
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
        if self.registry.is_sqlite:
            indexed = db.execute_sql("SELECT COUNT(*) FROM enterprise_search").fetchone()[0]
            if indexed != enterprises:
                problems.append(f"搜索索引有 {indexed} 条，企业有 {enterprises} 家（可重建索引）")
        return CheckReport(problems, enterprises, "ok" if rows == ["ok"] else "damaged")
