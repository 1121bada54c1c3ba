"""Refusing a SQLite database on a network share.

The database runs in WAL mode, and SQLite's own documentation warns that WAL does not work
over a network filesystem: the readers' shared memory and the file locks are not shared
between computers, so two PCs writing through a share can corrupt the file.  A database on
``\\\\server\\share\\…`` (or ``//server/share/…``), on a mapped network drive (Windows:
GetDriveTypeW says DRIVE_REMOTE) or on a network mount (Linux: NFS, SMB/CIFS, sshfs… in
/proc/mounts) is therefore refused before it is opened; the district's shared database is a
PostgreSQL server.
"""

import ntpath
import os
import sys

from gjz_registry.errors import DatabaseError

NETWORK_DATABASE = (
    "数据库「{path}」位于{where}上：SQLite 数据库放在网络共享或网络驱动器上时，"
    "锁和预写日志（WAL）不能在电脑之间共享，同时使用可能损坏数据，因此不能打开。"
    "请把数据库文件放在本机硬盘上（例如默认的数据目录），"
    "几台电脑共用的数据库请使用区里的 PostgreSQL 服务器（--db-url postgresql://…）"
)
UNC_SHARE = "网络共享 {share}"
REMOTE_DRIVE = "网络驱动器 {drive}"
NETWORK_MOUNT = "网络文件系统 {fstype}（挂载点 {mount}）"

DRIVE_REMOTE = 4  # GetDriveTypeW
MOUNTS = "/proc/mounts"
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs",
        "fuse.glusterfs",
        "fuse.rclone",
        "fuse.s3fs",
    }
)


def refuse_network_database(path):
    """Raise DatabaseError when the SQLite file ``path`` lies on a network location; None
    (a server database) and ":memory:" pass."""
    if path in (None, ":memory:"):
        return
    where = network_location(os.fspath(path))
    if where:
        raise DatabaseError(NETWORK_DATABASE.format(path=path, where=where))


def network_location(path):
    """A Chinese description of the network location ``path`` lies on, or None when it is
    on a local disk (or this cannot be told)."""
    if sys.platform.startswith("win"):
        return _windows_location(path)
    if path.startswith("\\\\"):  # a Windows share typed on another system
        return UNC_SHARE.format(share=_share(path))
    return _mounted_location(path)


def _windows_location(path):
    if os.name == "nt" and not ntpath.isabs(path):
        path = os.path.abspath(path)
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):  # the long form of \\server\share
        text = "\\\\" + text[8:]
    elif text.startswith(("\\\\?\\", "\\\\.\\")):  # the long form of a local path C:\…
        text = text[4:]
    if text.startswith("\\\\"):
        return UNC_SHARE.format(share=_share(text))
    drive = ntpath.splitdrive(text)[0]
    if len(drive) == 2 and drive[1] == ":" and _drive_type(drive + "\\") == DRIVE_REMOTE:
        return REMOTE_DRIVE.format(drive=drive.upper())
    return None


def _share(text):
    """``\\\\server\\share`` of a UNC path."""
    parts = text.replace("/", "\\").lstrip("\\").split("\\")
    return "\\\\" + "\\".join(parts[:2])


def _drive_type(root):
    """GetDriveTypeW of a drive root such as ``Z:\\``; 0 (unknown) when it cannot be asked."""
    try:
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW(root)
    except (ImportError, AttributeError, OSError):
        return 0


def _mounted_location(path):
    """The network filesystem of the longest mount point holding ``path`` (Linux)."""
    try:
        with open(MOUNTS, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:  # not Linux, or /proc not mounted
        return None
    full = os.path.realpath(os.path.abspath(path))
    best = None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount, fstype = _unescape(fields[1]), fields[2]
        inside = full == mount or full.startswith(mount.rstrip("/") + "/")
        if inside and (best is None or len(mount) >= len(best[0])):
            best = (mount, fstype)
    if best and best[1] in NETWORK_FILESYSTEMS:
        return NETWORK_MOUNT.format(fstype=best[1], mount=best[0])
    return None


def _unescape(field):
    """/proc/mounts writes a space in a mount point as \\040 (and tab, newline, \\ alike)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field
