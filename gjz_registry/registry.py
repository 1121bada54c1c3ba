"""The facade: one object that opens the database and hands out the services.

    reg = open_registry("registry.db")        # or "sqlite:///x.db", "postgresql://…"
    me = reg.login("admin", "password")       # a Registry bound to that user
    me.enterprises.search("dlkj")

A Registry without a user can only log in (and report facts about the database); every
service call runs as the registry's Actor.
"""

import functools
import getpass
import os

from db import backup, migrations
from db.database import is_sqlite, open_database, sqlite_path
from db.models import User
from gjz_registry import paths
from gjz_registry import reference as ref
from gjz_registry.errors import DatabaseError, RegistryError
from gjz_registry.exchange.service import ExchangeService
from gjz_registry.services.annual import AnnualService
from gjz_registry.services.audit import AuditService
from gjz_registry.services.base import Actor
from gjz_registry.services.carriers import CarrierService
from gjz_registry.services.certificates import CertificateService
from gjz_registry.services.demodata import DemoService
from gjz_registry.services.enterprises import EnterpriseService
from gjz_registry.services.incubation import IncubationService
from gjz_registry.services.listings import ListingService
from gjz_registry.services.maintenance import MaintenanceService
from gjz_registry.services.qualifications import QualificationService
from gjz_registry.services.referencedata import ReferenceService
from gjz_registry.services.statistics import StatisticsService
from gjz_registry.services.targets import TargetService
from gjz_registry.services.users import UserService, authenticate


class Registry:
    """Services bound to one database and one acting user."""

    def __init__(self, db, target, actor=None):
        self.db = db
        self.target = target
        self.actor = actor
        self.reference = ReferenceService(self)
        self.enterprises = EnterpriseService(self)
        self.carriers = CarrierService(self)
        self.qualifications = QualificationService(self)
        self.incubation = IncubationService(self)
        self.users = UserService(self)
        self.audit = AuditService(self)
        self.statistics = StatisticsService(self)
        self.annual = AnnualService(self)
        self.maintenance = MaintenanceService(self)
        self.targets = TargetService(self)
        self.certificates = CertificateService(self)
        self.listings = ListingService(self)
        self.exchange = ExchangeService(self)
        self.demo = DemoService(self)

    # --- identity ----------------------------------------------------------------------
    def login(self, username, password):
        """Return a Registry acting as that user; AuthenticationError on bad credentials."""
        return Registry(self.db, self.target, authenticate(username, password))

    def as_local_admin(self, label=None):
        """The command line without --user acts as the local administrator of the file."""
        try:
            who = getpass.getuser()
        except Exception:  # no user name in the environment (some services)
            who = "unknown"
        return Registry(
            self.db, self.target, Actor(label=label or f"cli:{who}", role=ref.ROLE_ADMIN)
        )

    # --- facts about the database ------------------------------------------------------
    @property
    def path(self):
        """The SQLite file path (None for a server database)."""
        return sqlite_path(self.target)

    @property
    def is_sqlite(self):
        return is_sqlite(self.db)

    def has_users(self):
        return User.select().exists()

    def schema_version(self):
        return migrations.current_version(self.db)

    def close(self):
        if not self.db.is_closed():
            self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_registry(target, upgrade=True, before_upgrade=None, check=True):
    """Open (creating if needed) the registry at a path or URL and bring its schema up to date.

    ``before_upgrade(version)`` runs before an existing database is migrated (take a backup
    there).  Raises DatabaseError when the file is not a database, is damaged (``check``:
    ``PRAGMA quick_check`` on start; the message names the newest good backup), or was
    written by a newer version of the program.
    """
    target = os.fspath(target)
    existed = sqlite_path(target) not in (None, ":memory:") and os.path.exists(sqlite_path(target))
    if before_upgrade is None and sqlite_path(target) not in (None, ":memory:"):
        before_upgrade = functools.partial(_backup_before_upgrade, sqlite_path(target))
    try:
        db = open_database(target)
        if check and existed:
            _check_integrity(db, target)
        if upgrade:
            migrations.migrate(db, is_sqlite(db), before_upgrade=before_upgrade)
        else:
            migrations.pending(db)
    except RegistryError:
        raise
    except migrations.SchemaTooNewError as exc:
        raise DatabaseError(
            f"数据库「{target}」由更新版本的程序创建（结构版本 {exc.found}，本程序支持到 "
            f"{exc.known}），请升级程序后再打开"
        ) from None
    except Exception as exc:  # sqlite3 / peewee errors opening a bad file
        if "malformed" in str(exc):
            _refuse_damaged(target)
        if exc.__class__.__name__ in ("DatabaseError", "OperationalError"):
            raise DatabaseError(f"无法打开数据库「{target}」：{_db_reason(exc)}") from exc
        raise
    return Registry(db, target)


def _check_integrity(db, target):
    rows = [r[0] for r in db.execute_sql("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        db.close()
        _refuse_damaged(target)


def _refuse_damaged(target):
    """Raise the DatabaseError for a damaged file, naming the newest good backup."""
    from gjz_registry.services.maintenance import newest_good_backup

    good = newest_good_backup(paths.backup_dir())
    hint = (
        f'最近的完好备份是「{good}」，可运行：gjz --db "{target}" restore "{good}"'
        if good
        else "没有找到完好的备份，请联系技术支持"
    )
    raise DatabaseError(f"数据库「{target}」已损坏，为保护数据已停止写入。{hint}")


def _backup_before_upgrade(path, version):
    """Copy the database aside (SQLite backup API) before migrating it from ``version``."""
    name = backup.timestamped_name(f"before-upgrade-v{version}")
    backup.backup_file(path, os.path.join(paths.backup_dir(), name))


def _db_reason(exc):
    text = str(exc)
    if "not a database" in text or "file is encrypted" in text:
        return "文件不是本系统的数据库，或已损坏"
    if "locked" in text:
        return "数据库正被其他程序占用，请稍后重试"
    if "unable to open" in text:
        return "无法创建或打开该文件，请检查路径和权限"
    return text
