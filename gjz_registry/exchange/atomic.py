"""Writing a file atomically: a temporary file in the same folder, then one rename.

A half-written workbook never replaces a good one, and a target that another program holds
open (Excel and WPS lock the files they show) is reported in one Chinese line.
"""

import os
import tempfile
from pathlib import Path

from gjz_registry.errors import RegistryError

BUSY = "文件被占用，请关闭后重试"


class FileBusyError(RegistryError):
    """The target file is held open by another program."""


def save_atomically(save, path):
    """Call ``save(temporary path)`` in the target's folder, then replace the target.

    A target held open by another program (Excel, WPS) gives BUSY instead of a traceback;
    an unwritable folder gives its own message.  The temporary file never outlives a failure.
    """
    path = Path(path)
    folder = path.resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~gjz-", suffix=path.suffix, dir=folder)
    except FileNotFoundError:
        raise RegistryError(f"无法写入「{path}」：文件夹不存在") from None
    except PermissionError:
        raise RegistryError(f"无法写入「{path}」：没有写入该文件夹的权限") from None
    os.close(handle)
    try:
        if os.name != "nt":  # mkstemp makes it private; an export is an ordinary file
            os.chmod(temporary, 0o644)
        save(temporary)
        try:
            os.replace(temporary, path)
        except PermissionError:
            raise FileBusyError(BUSY, path=str(path)) from None
        except IsADirectoryError:
            raise RegistryError(f"无法写入「{path}」：同名的文件夹已存在") from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return path
