"""Domain errors of gjz-registry.

Every error a user can cause is a :class:`RegistryError` subclass whose ``str()`` is a
complete Chinese sentence saying what is wrong and, where it helps, what to do.  Front ends
(the CLI, the Tk client) show ``str(error)``; anything that is *not* a RegistryError is a bug,
logged with its traceback and shown as 「内部错误，详情见日志」.
"""


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
]
