"""Atomic output: a PDF appears complete or not at all.

Rendering writes to a temporary file in the target's folder and renames it over the target
with ``os.replace`` only when the build finished, so a crash or a full disk never leaves a
half-written PDF where the user expects one (and never destroys the previous one).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from gjz_registry.errors import FileFormatError


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[str]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    Raises FileFormatError (Chinese message) when the folder does not exist or cannot be
    written; on any error the temporary file is removed and ``path`` is left untouched.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileFormatError(f"无法保存 PDF：文件夹「{folder}」不存在。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileFormatError(
            f"无法在文件夹「{folder}」中保存 PDF：{exc.strerror or exc}。"
        ) from exc
    os.close(fd)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise FileFormatError(
                f"无法写入「{target}」：{exc.strerror or exc}（文件是否正在被其他程序打开？）"
            ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)
