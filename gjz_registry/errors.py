"""Domain errors of gjz-registry.

Every error a user can cause is a :class:`RegistryError` subclass whose ``str()`` is a
complete Chinese sentence saying what is wrong and, where it helps, what to do.  Front ends
(the CLI, the Tk client) show ``str(error)``; anything that is *not* a RegistryError is a bug,
logged with its traceback and shown as 「内部错误，详情见日志」.
"""

from db import engines


class RegistryError(Exception):
    """Base class of all errors meant for the user; the message is Chinese."""

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self):
        return self.message


class InvalidValueError(RegistryError):
    """A value failed validation (field name and rule are in the message)."""

    def __init__(self, message, field=None, row=None, value=None):
        if row is not None:
            message = f"第 {row} 行{message}"
        super().__init__(message, field=field, row=row, value=value)
        self.field = field
        self.row = row
        self.value = value


class NotFoundError(RegistryError):
    """The record asked for does not exist (or is outside the caller's scope)."""


class DuplicateError(RegistryError):
    """A unique value (credit code, username, serial…) is already taken."""


class ConflictError(RegistryError):
    """Someone else saved the record first (optimistic locking)."""


class PermissionDeniedError(RegistryError):
    """The caller's role or street does not allow this action."""


class AuthenticationError(RegistryError):
    """Wrong user name or password, or a disabled account."""


class RuleError(RegistryError):
    """A business rule refuses the action (incubation chain, graduation, certificates…)."""


class FileFormatError(RegistryError):
    """A file cannot be read as what it claims to be (workbook, backup…)."""


class DatabaseError(RegistryError):
    """The database cannot be opened, is damaged, locked or newer than the program."""


class DatabaseDamagedError(DatabaseError):
    """The database file is damaged (or is no database at all): only a restore may replace it."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer program: healthy, never to be replaced or changed."""


class ForeignBackupError(RegistryError):
    """A backup is not shown to belong to the database it would replace (another database's,
    or one whose database cannot be told); refused unless the restore is forced."""


class OutputPathError(RegistryError):
    """A file cannot be written where the user asked: the target is the database, its
    companion files, a backup or another SQLite file, or the path itself is unusable (folder
    missing, name too long, file held open).  See gjz_registry.outputs."""


__all__ = [
    "RegistryError",
    "InvalidValueError",
    "NotFoundError",
    "DuplicateError",
    "ConflictError",
    "PermissionDeniedError",
    "AuthenticationError",
    "RuleError",
    "FileFormatError",
    "DatabaseError",
    "DatabaseDamagedError",
    "DatabaseTooNewError",
    "ForeignBackupError",
    "OutputPathError",
]


def is_lock_timeout(exc):
    """True when ``exc`` is the database driver's 「database is locked」 (a lock wait that ran
    past the busy timeout; PostgreSQL's lock_timeout alike)."""
    if exc.__class__.__name__ not in ("OperationalError", "DatabaseError"):
        return False
    return any(engine.is_lock_timeout(exc) for engine in engines.ENGINES)


def busy_message(db_path=None):
    """「数据库正忙…」 for a lock wait that timed out, naming who has the database open
    (user, computer, since when) when the note of gjz_registry.presence says so."""
    who = None
    if db_path:
        from gjz_registry.presence import holder

        who = holder(db_path)
    detail = f"，可能正被 {who} 使用" if who else ""
    return f"数据库正忙{detail}：请稍后重试，或请对方先关闭程序"


def user_error(exc, db_path=None):
    """A RegistryError for database errors a user can understand (locked, disk full,
    read-only, damaged), or None when ``exc`` is a bug to be logged.  ``db_path``: the
    database's file or URL, to name who holds a lock."""
    if isinstance(exc, RegistryError):
        return exc
    if exc.__class__.__name__ not in ("OperationalError", "DatabaseError"):
        return None
    text = str(exc)
    if is_lock_timeout(exc):
        return DatabaseError(busy_message(db_path))
    if "readonly" in text or "read-only" in text:
        return DatabaseError("数据库文件是只读的：请检查文件权限或是否放在只读介质上")
    if "disk is full" in text or "database or disk is full" in text:
        return DatabaseError("磁盘已满：请清理磁盘空间后重试")
    if "malformed" in text or "not a database" in text:
        return DatabaseDamagedError("数据库已损坏：请用「gjz restore 备份文件」恢复最近的备份")
    return None
