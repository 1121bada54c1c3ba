"""Where the program may write a file the user named, and how (DESIGN §2, §9).

Every file written at a path the user chose — exports, the import's error workbook, the blank
template, the assessment workbook, PDF lists, reports and certificates — goes through an
:class:`OutputGuard`:

- :meth:`OutputGuard.check` refuses the open database, its ``-wal``/``-shm``/``-journal``
  files, anything inside a backup folder, any existing SQLite database (or SQLite journal, or
  a companion file of an SQLite database), a folder, and a path the system cannot take
  (folder missing, name too long).  Paths are compared as resolved real paths: relative
  paths, ``..`` and symlinks are resolved, ``os.path.normcase`` folds case where the file
  system ignores it, and ``os.path.samefile`` catches hard links and other spellings of an
  existing file.
- :meth:`OutputGuard.write` / :meth:`OutputGuard.temporary` write to a temporary file in the
  target's folder and rename it over the target only when it is complete, so a failure leaves
  the old file byte-identical.  The path is checked before the work and again just before
  the rename; the rename is tried again for a moment while another program (a virus scanner)
  holds the file, and a temporary file that cannot be removed is left and logged, never
  hiding the real error (gjz_registry.fileops).
- Every failure is an :class:`~gjz_registry.errors.OutputPathError` with a Chinese message that
  names the path (the command line exits 2, the client shows it).

The facade hands out the guard of its database, ``registry.outputs`` (the database file and
the backup folders).  :data:`ANY_DATABASE` knows no database but still refuses every SQLite
file; it is what a renderer called without a guard uses (tests, sample scripts).  This module
imports nothing of the domain but its errors and fileops, so ``reports`` may use it
(tests/unit/test_layers).
"""

import contextlib
import errno
import os
import stat
import tempfile

from gjz_registry import fileops
from gjz_registry.errors import OutputPathError

SQLITE_HEADER = b"SQLite format 3\x00"
# The first bytes of SQLite's write-ahead log and of its rollback journal.
JOURNAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83", b"\xd9\xd5\x05\xf9")
COMPANIONS = {
    "-wal": "预写日志（-wal）",
    "-shm": "共享内存（-shm）",
    "-journal": "回滚日志（-journal）",
}
TEMP_PREFIX = ".~gjz-"
_WINDOWS_NAME_TOO_LONG = 206  # ERROR_FILENAME_EXCED_RANGE
_WINDOWS_BAD_NAME = 123  # ERROR_INVALID_NAME
# Errors of writing the temporary file that are the disk's or the folder's, not a bug.
_WRITE_ERRNOS = {
    errno.ENOSPC,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.EIO,
    errno.EFBIG,
    errno.ENAMETOOLONG,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}
_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EACCES: "没有写入该位置的权限",
    errno.EPERM: "没有写入该位置的权限",
    errno.EROFS: "该位置是只读的",
    errno.EIO: "磁盘读写出错",
    errno.EFBIG: "文件超出该磁盘允许的大小",
    getattr(errno, "EDQUOT", errno.ENOSPC): "磁盘已满",
}

EMPTY = "未指定要保存的文件名，请指定一个文件。"
IS_DATABASE = (
    "不能写入「{path}」：这是正在使用的数据库文件，覆盖会毁掉全部数据。请另选文件名或位置。"
)
IS_COMPANION = (
    "不能写入「{path}」：这是数据库「{database}」的{what}文件，覆盖会损坏数据库。"
    "请另选文件名或位置。"
)
IS_INPUT = "不能写入「{path}」：这是正在读取的文件，覆盖会丢失原件。请另选文件名。"
IS_LOG = "不能写入「{path}」：这是本程序的日志文件，覆盖会丢失出错记录。请另选文件名或位置。"
IN_BACKUPS = (
    "不能写入「{path}」：该位置在备份文件夹「{folder}」内，备份文件夹只存放数据库备份。"
    "请另选位置。"
)
IS_SQLITE = (
    "不能写入「{path}」：该文件是一个 SQLite 数据库（可能是本系统的数据库或备份），"
    "覆盖会丢失其中的数据。请另选文件名。"
)
IS_JOURNAL = (
    "不能写入「{path}」：该文件是 SQLite 数据库的日志文件，覆盖会损坏数据库。请另选文件名。"
)
IS_FOLDER = "不能写入「{path}」：这是一个文件夹。请另选文件名。"
NO_FOLDER = "无法写入「{path}」：文件夹「{folder}」不存在。请先建立该文件夹，或另选位置。"
TOO_LONG = "无法写入「{path}」：文件名或路径太长（文件名最多约 255 个字符）。请改用较短的文件名。"
BAD_NAME = "无法写入「{path}」：文件名含有系统不允许的字符。请改用其他文件名。"
UNREADABLE = "不能写入「{path}」：无法读取该文件以确认它不是数据库（{reason}）。请另选文件名。"
BUSY = (
    "无法写入「{path}」：文件被其他程序占用（是否正在 Excel 或 WPS 中打开？也可能是杀毒软件），"
    "请关闭后重试。"
)
CANNOT_WRITE = "无法写入「{path}」：{reason}。请检查磁盘空间和文件夹权限，或另选位置。"


class OutputGuard:
    """The rule for output paths, for one open database (or none).

    ``database``: the SQLite file in use (None for a server database or none at all);
    ``backup_folders``: the folders that hold backups, or a function returning them (called
    at each check, so a folder changed in the settings counts at once); ``logs``: a function
    returning the program's log files (gjz_registry.logs.files), which no output replaces.
    """

    def __init__(self, database=None, backup_folders=(), logs=None):
        self.database = os.fspath(database) if database else None
        self._backup_folders = backup_folders
        self._logs = logs

    def backup_folders(self):
        folders = self._backup_folders
        folders = folders() if callable(folders) else folders
        return [os.fspath(f) for f in folders if f]

    # --- the rule --------------------------------------------------------------------------
    def check(self, path, keep=()):
        """Raise OutputPathError unless a file may be written at ``path``; return it (str).

        ``keep``: further files that must not be overwritten (the file being imported)."""
        path = _text(path)
        info = _stat(path)
        self._refuse_protected(path, info, keep)
        for folder in self.backup_folders():
            if _inside(path, folder):
                raise OutputPathError(IN_BACKUPS.format(path=path, folder=folder))
        if info is not None:
            if stat.S_ISDIR(info.st_mode):
                raise OutputPathError(IS_FOLDER.format(path=path))
            _refuse_sqlite_content(path)
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise OutputPathError(NO_FOLDER.format(path=path, folder=folder))
        return path

    def check_folder(self, folder):
        """Raise OutputPathError when ``folder`` (where a backup is to be written) is the
        database, one of its companion files or any SQLite file; return it (str)."""
        folder = _text(folder)
        info = _stat(folder)
        self._refuse_protected(folder, info, ())
        if info is not None and not stat.S_ISDIR(info.st_mode):
            _refuse_sqlite_content(folder)
        return folder

    def _refuse_protected(self, path, info, keep):
        """The database, its companion files, the ``keep`` files, and the companion files of
        any SQLite database."""
        protected = []
        if self.database:
            protected.append((self.database, IS_DATABASE.format(path=path)))
            for suffix, what in COMPANIONS.items():
                message = IS_COMPANION.format(path=path, database=self.database, what=what)
                protected.append((self.database + suffix, message))
                protected.append((os.path.realpath(self.database) + suffix, message))
        protected += [(os.fspath(k), IS_INPUT.format(path=path)) for k in keep if k]
        if self._logs is not None:
            protected += [(log, IS_LOG.format(path=path)) for log in self._logs()]
        for other, message in protected:
            if _same_file(path, other, info):
                raise OutputPathError(message)
        name = os.path.normcase(path)
        for suffix, what in COMPANIONS.items():
            if name.endswith(suffix):
                database = path[: -len(suffix)]
                if _is_sqlite(database):
                    raise OutputPathError(
                        IS_COMPANION.format(path=path, database=database, what=what)
                    )

    # --- writing ---------------------------------------------------------------------------
    def write(self, save, path, keep=()):
        """Call ``save(temporary path)`` beside ``path``, then rename it over ``path``;
        returns ``path``.  Raises OutputPathError (see :meth:`check`; also a full disk, a
        file held open); the temporary file never outlives a failure."""
        with self.temporary(path, keep) as temporary:
            save(temporary)
        return path

    @contextlib.contextmanager
    def temporary(self, path, keep=()):
        """Yield a temporary path in ``path``'s folder; when the block ends without an
        error it replaces ``path`` (checked again first), else it is removed."""
        self.check(path, keep)
        target = _text(path)
        folder = os.path.realpath(os.path.dirname(target) or ".")
        suffix = os.path.splitext(target)[1]
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=TEMP_PREFIX, suffix=suffix if len(suffix) <= 10 else ".tmp", dir=folder
            )
        except OSError as exc:
            raise _os_error(target, exc) from None
        os.close(handle)
        try:
            if os.name != "nt":  # mkstemp makes it private; an output is an ordinary file
                os.chmod(temporary, 0o644)
            try:
                yield temporary
            except OSError as exc:
                if exc.errno in _WRITE_ERRNOS:
                    raise _os_error(target, exc) from None
                raise
            self.check(target, keep)
            try:
                fileops.replace(temporary, target)
            except OSError as exc:
                raise _os_error(target, exc, replacing=True) from None
        finally:
            fileops.remove_quietly(temporary)


ANY_DATABASE = OutputGuard()


def temporary(path, guard=None):
    """``guard.temporary(path)`` — :data:`ANY_DATABASE` when no guard is given."""
    return (guard or ANY_DATABASE).temporary(path)


def write(save, path, guard=None):
    """``guard.write(save, path)`` — :data:`ANY_DATABASE` when no guard is given."""
    return (guard or ANY_DATABASE).write(save, path)


# --- helpers -------------------------------------------------------------------------------
def _text(path):
    if path is None or not os.fspath(path).strip():
        raise OutputPathError(EMPTY)
    return os.fspath(path)


def _stat(path):
    """os.stat of ``path`` (following links), None when it does not exist; a name the system
    cannot take is an OutputPathError."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if _too_long(exc) or getattr(exc, "winerror", None) == _WINDOWS_BAD_NAME:
            raise _os_error(path, exc) from None
        if exc.errno in (errno.ENOTDIR, errno.ELOOP):
            return None  # a file where a folder is expected: the folder check reports it
        raise _os_error(path, exc) from None


def _keys(path):
    """The ways ``path`` may be spelled, compared: absolute and resolved, case-folded where
    the file system ignores case."""
    path = os.fspath(path)
    return {os.path.normcase(os.path.abspath(path)), os.path.normcase(os.path.realpath(path))}


def _same_file(path, other, info):
    if _keys(path) & _keys(other):
        return True
    if info is None:
        return False
    try:
        return os.path.samefile(path, other)
    except OSError:  # ``other`` does not exist
        return False


def _inside(path, folder):
    """Whether ``path`` is in ``folder`` or below it."""
    folder_keys = _keys(folder)
    for start in _keys(path):
        current = os.path.dirname(start)
        while True:
            if current in folder_keys:
                return True
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
    try:
        return os.path.samefile(os.path.dirname(os.path.abspath(path)), folder)
    except OSError:
        return False


def _header(path):
    with open(path, "rb") as fh:
        return fh.read(len(SQLITE_HEADER))


def _is_sqlite(path):
    try:
        return os.path.isfile(path) and _header(path) == SQLITE_HEADER
    except OSError:
        return False


def _refuse_sqlite_content(path):
    """An existing file that is an SQLite database or journal is never overwritten."""
    try:
        header = _header(path)
    except OSError as exc:
        raise OutputPathError(UNREADABLE.format(path=path, reason=_reason(exc))) from None
    if header == SQLITE_HEADER:
        raise OutputPathError(IS_SQLITE.format(path=path))
    if header[:4] in JOURNAL_MAGICS:
        raise OutputPathError(IS_JOURNAL.format(path=path))


def _too_long(exc):
    return exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == (
        _WINDOWS_NAME_TOO_LONG
    )


def _reason(exc):
    return _REASONS.get(exc.errno) or exc.strerror or str(exc)


def _os_error(path, exc, replacing=False):
    """The OutputPathError for an OSError met while writing ``path``."""
    if _too_long(exc):
        return OutputPathError(TOO_LONG.format(path=path))
    if getattr(exc, "winerror", None) == _WINDOWS_BAD_NAME:
        return OutputPathError(BAD_NAME.format(path=path))
    if isinstance(exc, IsADirectoryError):
        return OutputPathError(IS_FOLDER.format(path=path))
    if isinstance(exc, FileNotFoundError):
        folder = os.path.dirname(os.path.abspath(path))
        return OutputPathError(NO_FOLDER.format(path=path, folder=folder))
    if replacing and isinstance(exc, PermissionError):
        return OutputPathError(BUSY.format(path=path))
    return OutputPathError(CANNOT_WRITE.format(path=path, reason=_reason(exc)))


__all__ = ["OutputGuard", "ANY_DATABASE", "temporary", "write", "SQLITE_HEADER"]
