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
from dataclasses import dataclass

from db import backup, identity, migrations
from db.database import (
    commits_by_others,
    database_proxy,
    open_database,
    release,
    sqlite_path,
)
from db.engines import of as engine_of
from db.engines import shown
from db.engines import shown as shown_target  # noqa: F401 (for ui/: a target as it may be shown)
from db.engines.base import TargetError
from db.models import User
from gjz_registry import dberrors, logs, paths
from gjz_registry import reference as ref
from gjz_registry.errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseTooNewError,
    LockTimeoutError,
    RegistryError,
)
from gjz_registry.netpaths import refuse_network_database
from gjz_registry.outputs import OutputGuard
from gjz_registry.services.annual import AnnualService
from gjz_registry.services.audit import AuditService
from gjz_registry.services.base import Actor
from gjz_registry.services.carrier_years import CarrierYearService
from gjz_registry.services.carriers import CarrierService
from gjz_registry.services.certificates import CertificateService
from gjz_registry.services.demodata import DemoService
from gjz_registry.services.enterprises import EnterpriseService
from gjz_registry.services.incubation import IncubationService
from gjz_registry.services.listings import ListingService
from gjz_registry.services.logins import Throttle
from gjz_registry.services.maintenance import MaintenanceService
from gjz_registry.services.qualifications import QualificationService
from gjz_registry.services.referencedata import ReferenceService
from gjz_registry.services.reviews import ReviewService
from gjz_registry.services.statistics import StatisticsService
from gjz_registry.services.targets import TargetService
from gjz_registry.services.users import UserService, authenticate


@dataclass(frozen=True)
class Upgrade:
    """Opening brought an older database up to date: from and to which schema version, and
    the copy taken before (None when none was taken, e.g. a server database)."""

    old: int
    new: int
    backup: str | None

    @property
    def message(self):
        """The one line both front ends show the user."""
        text = f"数据库已从结构版本 {self.old} 升级到 {self.new}"
        return f"{text}，升级前的备份：{self.backup}" if self.backup else text


class Registry:
    """Services bound to one database and one acting user."""

    def __init__(self, db, target, actor=None):
        self.db = db
        self.target = target
        self.actor = actor
        self.upgraded = None  # an Upgrade when open_registry migrated an older database
        self.reference = ReferenceService(self)
        self.enterprises = EnterpriseService(self)
        self.carriers = CarrierService(self)
        self.qualifications = QualificationService(self)
        self.incubation = IncubationService(self)
        self.users = UserService(self)
        self.audit = AuditService(self)
        self.statistics = StatisticsService(self)
        self.annual = AnnualService(self)
        self.carrier_years = CarrierYearService(self)
        self.reviews = ReviewService(self)
        self.maintenance = MaintenanceService(self)
        self.targets = TargetService(self)
        self.certificates = CertificateService(self)
        self.listings = ListingService(self)
        self.login_throttle = Throttle()  # the clock and wait of failed logins (tests: fakes)
        self.demo = DemoService(self)

    @functools.cached_property
    def exchange(self):
        """The Excel exchange, imported when first used (its readers, writers and pinyin
        tables are most of a command's start-up time, and most commands never use them)."""
        from gjz_registry.exchange.service import ExchangeService

        return ExchangeService(self)

    # --- identity ----------------------------------------------------------------------
    def login(self, username, password):
        """Return a Registry acting as that user.

        Raises AuthenticationError on bad credentials, a disabled account or a name locked
        by failed logins (services.logins), LockTimeoutError when another program holds the
        database past the busy timeout (naming who, when known)."""
        try:
            actor = authenticate(username, password, self.login_throttle)
        except Exception as exc:
            typed = dberrors.classify(exc, self.target)
            if isinstance(typed, LockTimeoutError):
                raise typed from exc
            raise
        return Registry(self.db, self.target, actor)

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
    def outputs(self):
        """The output-path guard of this database (gjz_registry.outputs): every file written
        at a path the user chose goes through it, never onto the database, its companion
        files, a backup folder or another SQLite file."""
        path = self.path
        return OutputGuard(
            database=None if path in (None, ":memory:") else path,
            backup_folders=self._backup_folders,
            logs=logs.files,
        )

    def _backup_folders(self):
        """The configured backup folder and the default one (upgrade backups go there)."""
        return [self.maintenance.backup_folder(), paths.backup_dir()]

    @property
    def engine(self):
        """The database's engine (db/engines): what SQLite and PostgreSQL do their own way."""
        return engine_of(self.db)

    @property
    def is_sqlite(self):
        """True for a database file on this computer (backups, restore, integrity check)."""
        return self.engine.keeps_a_file

    @property
    def where(self):
        """The database as it may be shown: the file's path, or the URL without password."""
        return self.path or shown(self.target)

    def has_users(self):
        return User.select().exists()

    def data_version(self):
        """A token that changes whenever a write has been committed since it was last read, by
        this program or another: every write goes through a service and writes its audit rows
        in its transaction (so the newest audit row's id moves), and SQLite's data_version
        moves when another connection commits even a write that is not audited (a restore, a
        login's timestamp).  Two lookups, cheap enough to ask whenever a screen is shown
        again; compare tokens for equality only."""
        return (self.audit.latest_id(), commits_by_others(self.db))

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
    there; by default a copy in this database's backups) and returns the backup's path; the
    returned Registry's ``upgraded`` then says what happened (an :class:`Upgrade`).

    Raises DatabaseDamagedError when the file is damaged or no database (``check``:
    ``PRAGMA quick_check`` on start; the message names the newest good backup of this
    database), DatabaseTooNewError when it was written by a newer version of the program (a
    healthy database, never called damaged), LockTimeoutError when another program holds it
    past the busy timeout, DatabaseError when it cannot be opened otherwise (no permission, a
    folder that cannot be created), or when it lies on a network share (WAL is unsafe there).

    Whatever fails — opening, the check, a migration, the backup before it, even an interrupt
    — the connection is closed and the models' proxy bound back to what it was before the
    call, before the error leaves: on Windows an open connection keeps the file and its
    -wal/-shm from being replaced, and the client's next step is to restore a damaged file.
    """
    target = os.fspath(target)
    refuse_network_database(sqlite_path(target))  # WAL on a share can corrupt the file
    existed = sqlite_path(target) not in (None, ":memory:") and os.path.exists(sqlite_path(target))
    if before_upgrade is None and sqlite_path(target) not in (None, ":memory:"):
        before_upgrade = functools.partial(_backup_before_upgrade, sqlite_path(target))
    upgraded = {}

    def back_up_first(version):
        upgraded["old"] = version
        upgraded["backup"] = before_upgrade(version) if before_upgrade is not None else None

    previous = database_proxy.obj
    db = None
    try:
        db = open_database(target)
        if check and existed:
            _check_integrity(db, target)
        if upgrade:
            migrations.migrate(db, engine_of(db).keeps_a_file, before_upgrade=back_up_first)
        else:
            migrations.pending(db)
        registry = Registry(db, target)
        if upgraded:
            registry.upgraded = Upgrade(
                upgraded["old"], registry.schema_version(), upgraded["backup"]
            )
        return registry
    except BaseException as exc:
        release(db, previous)
        _raise_for_user(exc, target)
        raise


def _raise_for_user(exc, target):
    """Raise the RegistryError a failed open means for the user, if it has one (else the
    caller re-raises ``exc``: a bug, or an interrupt)."""
    if isinstance(exc, RegistryError):
        return
    if isinstance(exc, TargetError):  # a URL that cannot be read (its text says why)
        raise DatabaseError(str(exc)) from None
    if isinstance(exc, migrations.SchemaTooNewError):
        raise DatabaseTooNewError(
            f"数据库「{shown(target)}」由更新版本的程序创建（结构版本 {exc.found}，本程序支持到 "
            f"{exc.known}），请升级程序后再打开"
        ) from None
    found = dberrors.condition(exc)
    if found in (dberrors.DAMAGED, dberrors.NOT_A_DATABASE):  # the driver on a bad file
        _refuse_damaged(target, NOT_OURS if found == dberrors.NOT_A_DATABASE else None)
    if isinstance(exc, backup.BackupError):  # the copy before an upgrade failed its full check
        _refuse_damaged(target)
    if dberrors.is_driver_error(exc):
        kind, reason = dberrors.explain(exc, target)
        raise kind(f"无法打开数据库「{shown(target)}」：{reason}") from exc
    if isinstance(exc, OSError) and sqlite_path(target) not in (None, ":memory:"):
        # the folder cannot be created, or the backup before an upgrade cannot be written
        raise DatabaseError(
            f"无法打开数据库「{target}」：{exc.strerror or exc}（{exc.filename or target}），"
            "请检查数据文件夹是否存在、能否写入"
        ) from exc


NOT_OURS = "不是本系统的数据库，或已损坏"


def _check_integrity(db, target):
    rows = [r[0] for r in db.execute_sql("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        _refuse_damaged(target)


def _refuse_damaged(target, what=None):
    """Raise the DatabaseDamagedError for a damaged file, naming the newest good backup of
    this database (never another database's: see services/restore.py)."""
    from gjz_registry.services import restore

    path = sqlite_path(target)
    good = restore.newest_good_backup(path) if path not in (None, ":memory:") else None
    if good:
        hint = f'最近的完好备份是「{good}」，可运行：gjz --db "{target}" restore "{good}"'
    elif path not in (None, ":memory:") and not restore.damaged_database_id(path):
        hint = (
            "无法读出它的数据库编号，不能确定哪份备份属于它：请在备份文件夹中核对后运行 "
            f'gjz --db "{target}" restore 备份文件 --force'
        )
    else:
        hint = "没有找到它的完好备份，请联系技术支持"
    raise DatabaseDamagedError(
        f"数据库「{target}」{what or '已损坏'}，为保护数据已停止写入。{hint}"
    ) from None


def _backup_before_upgrade(path, version):
    """The default ``before_upgrade``: copy the database aside (SQLite backup API, into this
    database's backups) before migrating it from ``version``; return the copy's path."""
    return backup.new_backup(
        path, paths.backup_dir(), backup.BEFORE_UPGRADE, identity.of_file(path), version=version
    )
