"""gjz-registry: the registry of technology enterprises and incubation carriers of 甘井子区.

The domain package.  Front ends use :func:`open_registry` and the services of the returned
:class:`Registry`; errors meant for users are :class:`RegistryError` subclasses.
"""

from gjz_registry.errors import (  # noqa: F401
    AuthenticationError,
    ConflictError,
    DatabaseDamagedError,
    DatabaseError,
    DatabaseTooNewError,
    DuplicateError,
    FileFormatError,
    ForeignBackupError,
    InvalidValueError,
    LockTimeoutError,
    NotFoundError,
    OutOfScopeError,
    PermissionDeniedError,
    RegistryError,
    RuleError,
    StaleVersionError,
)
from gjz_registry.registry import Registry, open_registry  # noqa: F401

__version__ = "0.1.0"


def version_line():
    """What ``gjz --version`` prints and 关于 shows: 「gjz-registry 0.1.0」."""
    return f"gjz-registry {__version__}"
