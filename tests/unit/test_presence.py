"""Whether the client named in a ``<db>.inuse`` note still runs (gjz_registry/presence.py).

On Windows ``os.kill(pid, 0)`` is no probe: signal 0 is CTRL_C_EVENT, so it would send Ctrl+C
to that process group, and a pid no longer in use reads as alive — a crashed client named as
the lock holder forever.  Windows is emulated: ``sys.platform`` is "win32" and kernel32 is a
fake that knows a few processes; ``os.kill`` must never be called there.
"""

import json
import os
import sys

import pytest

from gjz_registry import presence

ALIVE, ENDED, OTHER_ACCOUNT, GONE = 4100, 4200, 4300, 4400
# Windows' own values (winnt.h, winerror.h)
PROCESS_QUERY_LIMITED_INFORMATION, STILL_ACTIVE = 0x1000, 259
ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER = 5, 87


class FakeKernel32:
    """kernel32's OpenProcess, GetExitCodeProcess and CloseHandle over a table of processes:
    pid → exit code (259 = STILL_ACTIVE), or "denied" for another account's process."""

    def __init__(self, processes):
        self.processes = processes
        self.error = 0
        self.opened, self.closed = [], []

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 — the Windows names
        assert access == PROCESS_QUERY_LIMITED_INFORMATION and not inherit
        found = self.processes.get(pid)
        if found is None or found == "denied":
            self.error = ERROR_INVALID_PARAMETER if found is None else ERROR_ACCESS_DENIED
            return None
        handle = 0x100 + len(self.opened)
        self.opened.append((handle, pid))
        return handle

    def GetExitCodeProcess(self, handle, code):  # noqa: N802
        pid = dict(self.opened)[handle]
        code._obj.value = self.processes[pid]  # (code is ctypes.byref(DWORD))
        return 1

    def CloseHandle(self, handle):  # noqa: N802
        self.closed.append(handle)
        return 1


@pytest.fixture
def windows(monkeypatch):
    """This process on 'Windows': a fake kernel32, and an os.kill that records any call."""
    kernel32 = FakeKernel32(
        {ALIVE: STILL_ACTIVE, ENDED: 0, OTHER_ACCOUNT: "denied", os.getpid(): STILL_ACTIVE}
    )
    kills = []

    def kill(pid, sig):  # Windows: GenerateConsoleCtrlEvent(CTRL_C_EVENT, pid)
        kills.append((pid, sig))
        raise OSError(ERROR_INVALID_PARAMETER, "参数错误。")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(presence.os, "kill", kill)
    monkeypatch.setattr(presence, "_windows_api", lambda: (kernel32, lambda: kernel32.error))
    return kernel32, kills


def note_of(tmp_path, pid):
    """A database path whose note names a client with ``pid`` on this computer."""
    db = tmp_path / "registry.db"
    presence.announce(db, "王芳")
    with open(presence.note_path(db), encoding="utf-8") as fh:
        note = json.load(fh)
    note["pid"] = pid
    with open(presence.note_path(db), "w", encoding="utf-8") as fh:
        json.dump(note, fh, ensure_ascii=False)
    return db


def test_a_crashed_clients_note_names_nobody_on_windows(tmp_path, windows):
    kernel32, kills = windows
    assert presence.holder(note_of(tmp_path, GONE)) is None  # no such process any more
    assert presence.holder(note_of(tmp_path, ENDED)) is None  # ended, object still held
    assert kills == []
    assert [pid for _, pid in kernel32.opened] == [ENDED]
    assert kernel32.closed == [handle for handle, _ in kernel32.opened]  # no handle leaks


def test_a_running_client_is_named_on_windows_without_a_ctrl_c(tmp_path, windows):
    kernel32, kills = windows
    assert "王芳" in presence.holder(note_of(tmp_path, ALIVE))
    assert "王芳" in presence.holder(note_of(tmp_path, OTHER_ACCOUNT))  # runs, cannot be opened
    assert kills == [], "os.kill(pid, 0) sends Ctrl+C on Windows"
    assert kernel32.closed == [handle for handle, _ in kernel32.opened]


def test_posix_keeps_the_signal_0_probe(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(
        presence, "_windows_api", lambda: pytest.fail("kernel32 is called on POSIX")
    )
    assert "王芳" in presence.holder(note_of(tmp_path, os.getppid()))  # a live process
    assert presence.holder(note_of(tmp_path, 2**22 + 12345)) is None  # above pid_max: none
    assert presence.holder(note_of(tmp_path, 2**40)) is None  # not a process id at all
    assert presence.holder(note_of(tmp_path, "4100")) is None
