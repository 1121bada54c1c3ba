"""Domain errors of gjz-registry.

Every error a user can cause is a :class:`RegistryError` subclass whose ``str()`` is a
complete Chinese sentence saying what is wrong and, where it helps, what to do.  Front ends
(the CLI, the Tk client) show ``str(error)``; anything that is *not* a RegistryError is a bug,
logged with its traceback and shown as 「内部错误，详情见日志」.  Front ends tell errors apart
by class, never by their text; gjz_registry.dberrors turns raw database-driver errors into
these classes.
"""

import contextlib


class RegistryError(Exception):
    """Base class of all errors meant for the user; the message is Chinese."""

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self):
        return self.message


class InvalidValueError(RegistryError):
    """A value failed validation (the field's label and the rule are in the message).

    ``field`` is the field's *code* (``"credit_code"``, never its label): a form finds the
    entry to mark by it; the label shown comes from the record kind's field declarations
    (:func:`gjz_registry.fields.label`)."""

    def __init__(self, message, field=None, row=None, value=None):
        if row is not None:
            message = f"第 {row} 行{message}"
        super().__init__(message, field=field, row=row, value=value)
        self.field = field
        self.row = row
        self.value = value

    def at(self, field):
        """This error, for the field coded ``field`` (a check that only knew the label raised
        it); returned for ``raise exc.at(code)``."""
        self.field = self.details["field"] = field
        return self


@contextlib.contextmanager
def for_field(code):
    """Inside this block an InvalidValueError (e.g. of a validator, which knows only the
    label it names) leaves carrying the field's ``code``."""
    try:
        yield
    except InvalidValueError as exc:
        raise exc.at(code) from None


class NotFoundError(RegistryError):
    """The record asked for does not exist (or is outside the caller's scope)."""


class DuplicateError(RegistryError):
    """A unique value (credit code, username, serial…) is already taken."""


class ConflictError(RegistryError):
    """Someone else saved the record first (optimistic locking)."""


class StaleVersionError(ConflictError):
    """The record was saved by someone else since the caller read it: the version the caller
    holds is no longer the stored one (reload, then change it again)."""


class PermissionDeniedError(RegistryError):
    """The caller's role or street does not allow this action."""


class OutOfScopeError(PermissionDeniedError):
    """A street user reached for a record of another street (or of the whole district), or
    would put one there; the message names the kind of record, never the record."""


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


class LockTimeoutError(DatabaseError):
    """Another program held the database's write lock for longer than the busy timeout (the
    message names who, when the presence note says so): try again later."""


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
    "StaleVersionError",
    "PermissionDeniedError",
    "OutOfScopeError",
    "AuthenticationError",
    "RuleError",
    "FileFormatError",
    "DatabaseError",
    "DatabaseDamagedError",
    "DatabaseTooNewError",
    "LockTimeoutError",
    "ForeignBackupError",
    "OutputPathError",
]
