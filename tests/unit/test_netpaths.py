"""A database on a network share is refused before it is opened (WAL is unsafe there):
Windows share paths and mapped network drives (emulated: sys.platform and a stand-in for
ctypes.windll), Linux network mounts (a stand-in for /proc/mounts)."""

import ctypes
import sys

import pytest

from gjz_registry import open_registry
from gjz_registry.errors import DatabaseError
from gjz_registry.netpaths import network_location, refuse_network_database


class FakeKernel32:
    """GetDriveTypeW as Windows answers it: Z: is a mapped network drive, others fixed."""

    def __init__(self):
        self.asked = []

    def GetDriveTypeW(self, root):  # noqa: N802 (the Windows name)
        self.asked.append(root)
        return 4 if root.upper() == "Z:\\" else 3


@pytest.fixture
def windows(monkeypatch):
    kernel32 = FakeKernel32()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", type("windll", (), {"kernel32": kernel32}), raising=False)
    return kernel32


@pytest.mark.parametrize(
    "path, share",
    [
        (r"\\server\share\gjz\registry.db", r"\\server\share"),
        ("//server/share/registry.db", r"\\server\share"),
        (r"\\?\UNC\fileserver\科技科\registry.db", r"\\fileserver\科技科"),
    ],
)
def test_windows_share_paths_are_refused(windows, path, share):
    with pytest.raises(DatabaseError) as info:
        refuse_network_database(path)
    message = str(info.value)
    assert f"网络共享 {share}" in message and path in message
    assert "本机硬盘" in message and "PostgreSQL" in message


def test_mapped_network_drive_is_refused(windows):
    with pytest.raises(DatabaseError, match="网络驱动器 Z:"):
        refuse_network_database(r"z:\登记\registry.db")
    assert windows.asked == ["z:\\"]
    for local in (r"C:\Users\clerk\AppData\Local\gjz-registry\registry.db", r"\\?\D:\x.db"):
        assert network_location(local) is None
    assert windows.asked[1:] == ["C:\\", "D:\\"]


def test_open_registry_refuses_before_creating_anything(windows, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    with pytest.raises(DatabaseError, match="网络共享"):
        open_registry(r"\\server\share\registry.db")
    with pytest.raises(DatabaseError, match="网络共享"):
        open_registry("sqlite://///server/share/registry.db")  # sqlite:/// + //server/…
    assert list(work.iterdir()) == []


def test_linux_network_mounts(tmp_path, monkeypatch):
    share = tmp_path / "office share"
    local_inside = share / "local"
    local_inside.mkdir(parents=True)
    mounts = tmp_path / "mounts"
    escaped = str(share).replace(" ", "\\040")
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        f"//nas/科技科 {escaped} cifs rw,vers=3.0 0 0\n"
        f"/dev/sdb1 {escaped}/local ext4 rw 0 0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("gjz_registry.netpaths.MOUNTS", str(mounts))
    assert network_location(str(tmp_path / "registry.db")) is None
    assert network_location(str(local_inside / "registry.db")) is None  # mounted over the share
    with pytest.raises(DatabaseError, match=r"网络文件系统 cifs（挂载点 .*office share）"):
        open_registry(share / "registry.db")
    assert not (share / "registry.db").exists()
    # a Windows share path typed on Linux is a share too, not a file name in this folder
    with pytest.raises(DatabaseError, match=r"网络共享 \\\\server\\share"):
        refuse_network_database(r"\\server\share\registry.db")


def test_local_and_server_databases_pass(tmp_path):
    for target in (None, ":memory:", str(tmp_path / "registry.db")):
        refuse_network_database(target)
    with open_registry(tmp_path / "registry.db") as registry:
        assert registry.schema_version() > 0
